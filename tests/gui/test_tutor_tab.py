"""Tutor tab on the tiny test model: SFT feeds the plot, Stop answers, the tutor replies, bad folders are refused."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

import core.data
import core.evaluate
import core.models
from gui.tabs.tutor_tab import EMPTY_REPLY, TutorTab


@pytest.fixture
def tab(window) -> TutorTab:
    return next(w for w in map(window.tabs.widget, range(window.tabs.count())) if isinstance(w, TutorTab))


def open_errors(widget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.isVisible()]


def test_window_basics(window, tab):
    assert window.windowTitle() == "Preference Lab"
    assert window.tabs.tabText(0) == "Tutor"
    assert tab.model_combo.currentData() == "tiny"


def test_sft_on_tiny_fills_loss_plot(window, tab, qtbot, home):
    tab.max_steps.setValue(6)
    with qtbot.waitSignal(tab.runner.finished, timeout=120_000):
        qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    assert not open_errors(tab)
    x, y = tab.plot.series("loss")
    assert list(x) == [1, 2, 3, 4, 5, 6] and all(v > 0 for v in y)
    assert tab.progress.status.text().startswith("finished · 6 steps")
    assert tab.last_run is not None and tab.last_run.parent == home / "runs"
    assert json.loads((tab.last_run / "summary.json").read_text())["status"] == "finished"
    assert tab.train_button.isEnabled()
    # The new run becomes selectable as the tutor's adapter, and the tutor answers with it.
    assert tab.adapter_combo.model().item(2).isEnabled()
    tab.adapter_combo.setCurrentIndex(2)
    with qtbot.waitSignal(tab.runner.done, timeout=60_000) as blocker:
        qtbot.mouseClick(tab.ask_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0]["adapter"] == str(tab.last_run / "adapter")
    qtbot.waitUntil(lambda: not tab.runner.running, timeout=5000)


def test_stop_ends_a_long_run_quickly(window, tab, qtbot):
    tab.max_steps.setValue(200)
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tab.plot.series("loss")[0]) >= 2, timeout=120_000)
    steps_at_stop = len(tab.plot.series("loss")[0])
    # A step takes ~0.2 s on an idle 2-core CPU; the timeout leaves room for a loaded CI machine, and the
    # step count below is the real check: the job stops at the next step boundary.
    with qtbot.waitSignal(tab.runner.finished, timeout=10_000):
        qtbot.mouseClick(tab.progress.stop_button, Qt.MouseButton.LeftButton)
    assert tab.progress.status.text().startswith("stopped")
    assert len(tab.plot.series("loss")[0]) <= steps_at_stop + 1
    # The window still answers: a click is processed at once.
    before = tab.quick_eval.isChecked()
    box = tab.quick_eval
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert tab.quick_eval.isChecked() is not before
    assert tab.train_button.isEnabled()


def test_ask_the_tutor_on_tiny(window, tab, qtbot):
    tab.sentence.setText("She go to school every day.")
    with qtbot.waitSignal(tab.runner.done, timeout=120_000) as blocker:
        qtbot.mouseClick(tab.ask_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.runner.running, timeout=5000)
    assert not open_errors(tab)
    reply = blocker.args[0]["reply"]
    assert isinstance(reply, str)
    # Greedy decoding of random weights often yields only newlines; the box then says so.
    shown = tab.reply_box.toPlainText()
    assert shown == (reply if reply.strip() else EMPTY_REPLY) and shown.strip()
    assert "Verdict" in tab.verdict.text()


def test_bad_model_folder_is_refused(window, tab, qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "not-a-model"
    bad.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(bad))
    tab.model_combo.setCurrentIndex(tab.model_combo.findText("Folder…"))
    boxes = open_errors(tab)
    assert len(boxes) == 1 and "config.json" in boxes[0].text()
    assert window.model_spec == "tiny"
    assert tab.model_combo.currentData() == "tiny"


def test_good_model_folder_is_chosen(window, tab, qtbot, home, monkeypatch):
    from core.models import resolve_model

    folder = resolve_model("tiny", home)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(window.model_changed, timeout=1000):
        tab.model_combo.setCurrentIndex(tab.model_combo.findText("Folder…"))
    assert window.model_spec == str(folder)
    assert tab.model_combo.currentData() == str(folder)


def test_invalid_form_names_the_field(window, tab, qtbot):
    tab.learning_rate.setText("0")
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    boxes = open_errors(tab)
    assert len(boxes) == 1 and "Learning rate" in boxes[0].text()
    assert not tab.runner.running
    tab.learning_rate.setText("fast")
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    assert any("not a number" in b.text() for b in open_errors(tab))


def test_eval_fills_table(window, tab, qtbot, monkeypatch):
    calls = []

    def fake_load_model(spec, home=None, adapter=None, **kwargs):
        calls.append(adapter)
        return "model", "tokenizer"

    def fake_evaluate(model, tok, examples, cfg, *, on_metrics, cancel):
        on_metrics({"phase": "eval", "step": 1, "max_steps": 1, "elapsed": 0.1, "eta": 0.0})
        return {"n": len(examples), "helpful": 0.5, "honest": 0.75, "missed": 0.125, "harmless": 1.0}

    monkeypatch.setenv("PREFLAB_JOBS", "thread")  # the patches below live in this process only
    monkeypatch.setattr(core.models, "load_model", fake_load_model)
    monkeypatch.setattr(core.evaluate, "evaluate_model", fake_evaluate)
    with qtbot.waitSignal(tab.runner.finished, timeout=10_000):
        qtbot.mouseClick(tab.eval_button, Qt.MouseButton.LeftButton)
    # The tiny model has no shipped tutor adapter, so only the base model is evaluated (quick: 40 sentences).
    assert calls == [None]
    assert tab.eval_value("helpful", 0) == "50%"
    assert tab.eval_value("missed", 1) == "12%"
    assert "40 eval sentences" in tab.eval_note.text()


def test_failed_job_shows_message_and_tab_stays_usable(window, tab, qtbot, monkeypatch):
    def broken(cfg, **kwargs):
        raise FileNotFoundError("data/eval.jsonl")

    monkeypatch.setenv("PREFLAB_JOBS", "thread")  # the patch below lives in this process only
    monkeypatch.setattr(core.data, "load_eval", broken)
    with qtbot.waitSignal(tab.runner.finished, timeout=10_000):
        qtbot.mouseClick(tab.eval_button, Qt.MouseButton.LeftButton)
    boxes = open_errors(tab)
    assert len(boxes) == 1 and "data/eval.jsonl" in boxes[0].text()  # the worker's plain message names the file
    assert tab.eval_button.isEnabled() and tab.ask_button.isEnabled()


def test_close_joins_running_job(window, tab, qtbot):
    tab.max_steps.setValue(200)
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tab.plot.series("loss")[0]) >= 1, timeout=120_000)
    window.close()
    assert not tab.runner.running
