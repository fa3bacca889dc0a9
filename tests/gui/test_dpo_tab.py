"""DPO tab on the tiny test model: a short run fills the plots and tables, Stop answers, bad settings are named."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.tabs.dpo_tab import BAD, GOOD, NEGATIVE_ROW, DpoTab

PLOT_KEYS = ["loss", "eval_loss", "rewards/chosen", "rewards/rejected", "rewards/margins",
             "eval_rewards/margins", "rewards/accuracies", "eval_rewards/accuracies"]


@pytest.fixture
def tab(qtbot, home, tmp_path) -> DpoTab:
    """The DPO tab alone in a main window on tiny, pointed at 8 small pairs and 4 eval sentences."""
    from gui.main_window import MainWindow

    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps({"prompt": f"Check this sentence: She go home {i}.",
                                         "chosen": f"Correction: She goes home {i}.\nAdd -s.",
                                         "rejected": "This sentence is already correct."}) + "\n"
                             for i in range(8)))
    sentences = [("She go home.", "She goes home."), ("He walks to school.", "He walks to school."),
                 ("They eaten lunch.", "They ate lunch."), ("We play chess.", "We play chess.")]
    eval_data = tmp_path / "eval.jsonl"
    eval_data.write_text("".join(json.dumps({"sentence": s, "correct": s == g, "gold": g}) + "\n"
                                 for s, g in sentences))
    win = MainWindow(home=home, model_spec="tiny", tabs=[("DPO", DpoTab)])
    qtbot.addWidget(win)
    dpo: DpoTab = win.tabs.widget(0)
    dpo.pairs.set_file(str(pairs))
    dpo.eval_pairs_path = str(pairs)
    dpo.eval_data_path = str(eval_data)
    yield dpo
    for runner in win.runners():
        runner.shutdown(5000)


def open_errors(widget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.isVisible()]


def test_registered_after_reward_model():
    from gui.main_window import TABS

    titles = [title for title, _ in TABS]
    assert "DPO" in titles
    if "Reward model" in titles:
        assert titles.index("DPO") == titles.index("Reward model") + 1


def test_defaults_and_tooltips(tab):
    assert tab.beta.value() == pytest.approx(0.1) and tab.learning_rate.text() == "3e-4"
    assert tab.epochs.value() == 5 and tab.batch_size.value() == 4 and tab.max_steps.value() == 0
    assert tab.loss_type.currentData() == "sigmoid" and tab.eval_size.currentData() == 40
    for widget in (tab.beta, tab.learning_rate, tab.epochs, tab.batch_size, tab.loss_type, tab.max_steps,
                   tab.eval_size):
        assert widget.toolTip()
    assert "held to the SFT tutor" in tab.beta.toolTip()
    assert "no shipped SFT tutor" in tab.start_note.text()  # tiny starts from a fresh LoRA


def test_short_run_fills_plots_and_tables(tab, qtbot, home):
    events = []
    tab.runner.metrics.connect(events.append)
    tab.max_steps.setValue(3)
    with qtbot.waitSignal(tab.runner.finished, timeout=180_000):
        qtbot.mouseClick(tab.progress.start_button, Qt.MouseButton.LeftButton)
    assert not open_errors(tab)
    phases = {e["phase"] for e in events if "phase" in e}
    assert {"eval before", "reference log-probs", "eval after", "finished"} <= phases
    for plot in tab.plots():
        for key in plot.keys:
            assert len(plot.series(key)[0]) > 0, key
    assert sorted(k for p in tab.plots() for k in p.keys) == sorted(PLOT_KEYS)
    assert list(tab.loss_plot.series("loss")[0]) == [1, 2, 3]
    assert tab.progress.status.text().startswith("finished · 3 steps")

    # Eval table: before/after as percentages (tiny has no tutor, so "before" is the base model).
    assert tab.eval_table.horizontalHeaderItem(0).text() == "Base model (before)"
    for key in ("helpful", "honest", "missed", "harmless"):
        assert tab.eval_value(key, 0).endswith("%") and tab.eval_value(key, 1).endswith("%")
        assert tab.eval_value(key, 2).endswith("pts")
    # Side by side: one row per eval sentence, changed verdicts first.
    assert tab.replies_table.rowCount() == 4
    verdicts = [(tab.replies_table.item(r, 3).text(), tab.replies_table.item(r, 4).text()) for r in range(4)]
    changed = [before != after for before, after in verdicts]
    assert changed == sorted(changed, reverse=True)
    # Margins: every training pair, lowest margin first.
    margins = [float(tab.margins_table.item(r, 3).text()) for r in range(tab.margins_table.rowCount())]
    assert len(margins) == 8 and margins == sorted(margins)
    assert tab.margins_table.item(0, 0).text().startswith("She go home")
    assert tab.results.currentIndex() == 1  # the learner lands on the before/after comparison
    assert tab.last_run is not None and tab.last_run.parent == home / "runs"
    assert json.loads((tab.last_run / "summary.json").read_text())["status"] == "finished"


def test_stop_ends_a_long_run_quickly(tab, qtbot):
    tab.max_steps.setValue(500)
    tab.eval_pairs_path = ""  # no held-out evals: the run is all training steps
    qtbot.mouseClick(tab.progress.start_button, Qt.MouseButton.LeftButton)
    assert not tab.beta.isEnabled()
    qtbot.waitUntil(lambda: len(tab.loss_plot.series("loss")[0]) >= 1, timeout=180_000)
    steps_at_stop = len(tab.loss_plot.series("loss")[0])
    with qtbot.waitSignal(tab.runner.finished, timeout=15_000):
        qtbot.mouseClick(tab.progress.stop_button, Qt.MouseButton.LeftButton)
    assert tab.progress.status.text().startswith("stopped")
    assert len(tab.loss_plot.series("loss")[0]) <= steps_at_stop + 2
    assert tab.summary is not None and tab.summary["status"] == "stopped"
    assert tab.eval_value("helpful", 1) == "—"  # no eval after a stopped run
    # The window answers: typing lands at once, and a new run can be started.
    tab.learning_rate.clear()
    qtbot.keyClicks(tab.learning_rate, "1e-4")
    assert tab.learning_rate.text() == "1e-4"
    assert tab.progress.start_button.isEnabled() and tab.beta.isEnabled()


@pytest.mark.parametrize("widget, value, label", [
    ("beta", 0.0, "Beta"), ("epochs", 0.0, "Epochs"), ("batch_size", 0, "Batch size"),
    ("learning_rate", "0", "Learning rate"), ("learning_rate", "fast", "Learning rate")])
def test_bad_setting_is_named_and_nothing_starts(tab, qtbot, widget, value, label):
    field = getattr(tab, widget)
    field.setText(value) if isinstance(value, str) else field.setValue(value)
    qtbot.mouseClick(tab.progress.start_button, Qt.MouseButton.LeftButton)
    boxes = open_errors(tab)
    assert len(boxes) == 1 and boxes[0].text().startswith(label)
    assert not tab.runner.running and tab.progress.status.text() == "Idle"
    assert not (tab.main.home / "runs").exists()


def _row(sentence, verdict, reply="r"):
    return {"sentence": sentence, "correct": False, "gold": sentence, "reply": reply, "verdict": verdict,
            "harm": []}


def test_results_order_and_colours(tab):
    before = {"n": 3, "helpful": 0.5, "honest": 1.0, "false_alarms": 0.0, "missed": 0.5, "harmless": 1.0,
              "rows": [_row("a", "missed"), _row("b", "fixed"), _row("c", "missed")]}
    after = {"n": 3, "helpful": 1.0, "honest": 0.5, "false_alarms": 0.5, "missed": 0.0, "harmless": 1.0,
             "rows": [_row("a", "missed"), _row("b", "fixed"), _row("c", "fixed", "Correction: c\nline two")]}
    pair = {"prompt": "Check this sentence: x", "chosen": "good", "rejected": "bad"}
    margins = [{**pair, "reward_chosen": -0.2, "reward_rejected": 0.1, "margin": -0.3},
               {**pair, "reward_chosen": 0.2, "reward_rejected": -0.1, "margin": 0.3}]
    tab._on_done({"status": "finished", "steps": 2, "seconds_per_step": 0.5, "train_pairs": 2, "out": "/tmp/x",
                  "start_adapter": "/adapters/tutor", "eval_before": before, "eval_after": after,
                  "pair_margins": margins})
    assert tab.eval_table.horizontalHeaderItem(0).text() == "SFT tutor (before)"
    assert [tab.eval_value("helpful", c) for c in range(3)] == ["50%", "100%", "+50 pts"]
    colour = {key: tab.eval_table.item(row, 2).foreground().color().name()
              for row, key in enumerate(["helpful", "honest", "missed", "harmless"])}
    assert colour["helpful"] == GOOD and colour["honest"] == BAD and colour["missed"] == GOOD  # fewer misses: good
    assert tab.eval_value("harmless", 2) == "±0 pts"
    assert [tab.replies_table.item(r, 0).text() for r in range(3)] == ["c", "a", "b"]  # changed verdict first
    assert tab.replies_table.item(0, 2).text() == "Correction: c ⏎ line two"
    assert tab.margins_table.item(0, 3).text() == "-0.300"
    assert tab.margins_table.item(0, 0).background().color().name() == NEGATIVE_ROW
    assert tab.margins_table.item(1, 0).background().style() == Qt.BrushStyle.NoBrush


def test_stop_before_training_shows_stopped(tab):
    # A stop during "eval before" ends the job with Cancelled: the runner reports done(None).
    tab._on_done(None)
    assert tab.progress.status.text() == "stopped" and tab.progress.start_button.isEnabled()
