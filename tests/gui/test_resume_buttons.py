"""Resume in the training tabs on the tiny model: a stopped run continues from its checkpoint to the end, a new
window offers the newest stopped run, and a failed job's message names the log file in the data dir."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import core.logs
from core.training import latest_checkpoint
from gui.tabs.reward_tab import RewardTab
from gui.tabs.tutor_tab import TutorTab


def find_tab(window, cls):
    return next(w for w in map(window.tabs.widget, range(window.tabs.count())) if isinstance(w, cls))


def open_errors(widget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.isVisible()]


def summary(run) -> dict:
    return json.loads((run / "summary.json").read_text())


def stop_at_first_step(qtbot, tab, start_button) -> None:
    """Start training with ``start_button`` and press Stop as soon as the first training step is reported."""
    def on_metrics(event: dict) -> None:
        if "loss" in event and tab.progress.stop_button.isEnabled():
            qtbot.mouseClick(tab.progress.stop_button, Qt.MouseButton.LeftButton)

    tab.runner.metrics.connect(on_metrics)
    try:
        with qtbot.waitSignal(tab.runner.finished, timeout=180_000):
            qtbot.mouseClick(start_button, Qt.MouseButton.LeftButton)
    finally:
        tab.runner.metrics.disconnect(on_metrics)


def test_tutor_resumes_a_stopped_sft_run(window, qtbot, home):
    tab = find_tab(window, TutorTab)
    assert not tab.resume_button.isEnabled()  # no run yet
    assert tab.resume_button.toolTip() == "Continue the last stopped run from its last checkpoint"
    tab.max_steps.setValue(40)
    stop_at_first_step(qtbot, tab, tab.train_button)
    run = tab.resume_button.started
    assert run is not None and run.parent == home / "runs"
    assert summary(run)["status"] == "stopped" and summary(run)["steps"] < 40
    assert latest_checkpoint(run) is not None
    assert tab.resume_button.isEnabled() and tab.train_button.isEnabled()

    # A window opened later offers the same run: the newest stopped SFT run in the data dir.
    from gui.main_window import MainWindow

    later = MainWindow(home=home, model_spec="tiny", tabs=[("Tutor", TutorTab)])
    qtbot.addWidget(later)
    assert later.tabs.widget(0).resume_button.run() == run and later.tabs.widget(0).resume_button.isEnabled()

    with qtbot.waitSignal(tab.runner.finished, timeout=300_000):
        qtbot.mouseClick(tab.resume_button, Qt.MouseButton.LeftButton)
        assert not tab.resume_button.isEnabled() and not tab.train_button.isEnabled()
    assert not open_errors(tab)
    assert summary(run)["status"] == "finished" and summary(run)["steps"] == 40
    assert tab.last_run == run and tab.progress.status.text().startswith("finished · 40 steps")
    # The plot was refilled up to the checkpoint and then continued live: every step once.
    assert list(tab.plot.series("loss")[0]) == list(range(1, 41))
    assert not tab.resume_button.isEnabled()  # a finished run has nothing left to resume


def test_reward_resumes_a_stopped_run(window, qtbot, home, tmp_path):
    tab = find_tab(window, RewardTab)
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps({"prompt": f"Check this sentence: She go home {i}.",
                                         "chosen": f"Correction: She goes home {i}.\nAdd -s.",
                                         "rejected": "This sentence is already correct."}) + "\n"
                             for i in range(8)))
    tab.pair_source.set_file(str(pairs))
    tab.eval_pairs, tab.eval_steps, tab.batch_size = str(pairs), 10, 4
    tab.max_steps.setValue(24)
    assert not tab.resume_button.isEnabled()
    stop_at_first_step(qtbot, tab, tab.progress.start_button)
    run = tab.resume_button.started
    assert run is not None and run.name.startswith("rm-") and summary(run)["status"] == "stopped"
    assert tab.resume_button.isEnabled()

    with qtbot.waitSignal(tab.runner.finished, timeout=300_000):
        qtbot.mouseClick(tab.resume_button, Qt.MouseButton.LeftButton)
    assert not open_errors(tab)
    assert summary(run)["status"] == "finished" and summary(run)["steps"] == 24
    assert list(tab.loss_plot.series("loss")[0]) == list(range(1, 25))
    assert not tab.resume_button.isEnabled()


@pytest.fixture
def app_logging(home):
    """The app's logging set up for this test's data dir (as ``preflab`` does at start), undone afterwards."""
    from gui.app import start_logging

    saved = list(core.logs.LOGGER.handlers), core.logs._LOG_PATH
    assert start_logging()
    yield core.logs.log_path()
    for handler in list(core.logs.LOGGER.handlers):
        core.logs.LOGGER.removeHandler(handler)
        handler.close()
    core.logs.LOGGER.handlers[:] = saved[0]
    core.logs._LOG_PATH = saved[1]


def test_failed_job_names_the_log_file(window, qtbot, home, tmp_path, app_logging):
    assert app_logging == home / "logs" / "preflab.log"
    tab = find_tab(window, TutorTab)
    tab.sft_data = tmp_path / "missing.jsonl"
    with qtbot.waitSignal(tab.runner.finished, timeout=120_000):
        qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    boxes = open_errors(tab)
    assert len(boxes) == 1
    text = boxes[0].text()
    assert "missing.jsonl" in text and "log file" in text and str(app_logging) in text
    assert "missing.jsonl" in app_logging.read_text()  # the traceback went to that file
    assert tab.train_button.isEnabled() and not tab.resume_button.isEnabled()


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
def test_a_finished_runs_status_is_read_whole_beside_three_buttons(window, qtbot, size):
    """With Resume beside Start and Stop, the status has a line of its own: a usual "finished" text fits."""
    from gui.tabs.dpo_tab import DpoTab

    window.resize(*size)
    window.show()
    text = "finished · 250 steps in 812 s · held-out accuracy 0.90"
    for cls in (RewardTab, DpoTab):
        tab = find_tab(window, cls)
        window.tabs.setCurrentWidget(tab)
        status = tab.progress.status
        status.setText(text)
        qtbot.waitUntil(status.isVisible)
        assert status.fontMetrics().horizontalAdvance(text) <= status.contentsRect().width(), cls.__name__
        assert status.geometry().top() >= tab.progress.start_button.geometry().bottom(), "under the buttons"
