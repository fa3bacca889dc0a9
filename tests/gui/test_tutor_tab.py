"""Tutor tab on the tiny test model: SFT feeds the plot, Stop answers, the tutor stays loaded between questions
(and comes back after a crash), the tutor of any run can be picked, the eval table fills batch by batch with
intervals and counts, invented errors are flagged, and a language switch keeps the tab's state."""

from __future__ import annotations

import json
import os
import signal
import threading

import jobs_fake
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

import core.evaluate
import core.models
import gui.tabs.tutor_tab
from core.runs import RunDir
from core.workspace import runs_dir
from gui.tabs.tutor_tab import EMPTY_REPLY, TutorTab


@pytest.fixture
def window(qtbot, home):
    from gui.main_window import MainWindow

    win = MainWindow(home=home, model_spec="tiny", tabs=[("Tutor", TutorTab)])
    qtbot.addWidget(win)
    yield win
    for runner in win.runners():
        runner.shutdown(5000)
    win.model_session.close()


@pytest.fixture
def tab(window) -> TutorTab:
    return window.tabs.widget(0)


def open_errors(widget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.isVisible()]


def ask(tab, qtbot, sentence="She go to school every day.", timeout=120_000) -> dict:
    tab.sentence.setText(sentence)
    with qtbot.waitSignal(tab.session.done, timeout=timeout) as blocker:
        qtbot.mouseClick(tab.ask_button, Qt.MouseButton.LeftButton)
    assert tab.ask_button.isEnabled()
    return blocker.args[1]


@pytest.fixture
def fake_training(monkeypatch):
    """Training runs jobs_fake.sft (a loss every 20 ms, in a child) instead of a real SFT: for the tests of
    what the tab does with a job (Stop, close, the model process freed); the real SFT runs once below."""
    monkeypatch.setattr(gui.tabs.tutor_tab, "train_tutor", jobs_fake.sft)


def fake_run(folder, lab="sft", started=1_700_000_000, model="tiny", **config):
    run = RunDir(folder, lab)
    run.start({"model": model, **config})
    (run.path / "adapter").mkdir()
    (run.path / "adapter" / "adapter_config.json").write_text("{}", encoding="utf-8")
    run.finish({"steps": 1})
    os.utime(run.path / "config.json", (started, started))
    return run.path


def test_window_basics(window, tab):
    assert window.windowTitle() == "Preference Lab"
    assert window.tabs.tabText(0) == "Tutor"
    assert tab.model_combo.currentData() == "tiny"
    # the shipped tutor was trained on SmolLM2: the tiny model is not offered it
    assert [tab.adapter_combo.itemData(i) for i in range(tab.adapter_combo.count())] == ["none"]


def test_sft_on_tiny_fills_loss_plot_and_the_run_can_be_asked(window, tab, qtbot, home):
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
    # The new run is listed as a tutor; asked, the tutor answers with its adapter.
    index = tab.adapter_combo.findData(str(tab.last_run))
    assert index == 1 and tab.adapter_combo.itemText(index) == f"Tutor SFT: {tab.last_run.name}"
    tab.adapter_combo.setCurrentIndex(index)
    result = ask(tab, qtbot)
    assert result["adapter"] == str(tab.last_run / "adapter")
    assert tab.last_run.name in tab.verdict.text()


def test_stop_ends_a_long_run_quickly(window, tab, qtbot, fake_training):
    tab.max_steps.setValue(200)
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tab.plot.series("loss")[0]) >= 2, timeout=120_000)
    steps_at_stop = len(tab.plot.series("loss")[0])
    with qtbot.waitSignal(tab.runner.finished, timeout=10_000):
        qtbot.mouseClick(tab.progress.stop_button, Qt.MouseButton.LeftButton)
    assert tab.progress.status.text().startswith("stopped")
    assert len(tab.plot.series("loss")[0]) <= steps_at_stop + 1
    before = tab.quick_eval.isChecked()
    box = tab.quick_eval
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert tab.quick_eval.isChecked() is not before
    assert tab.train_button.isEnabled()


def test_the_tutor_stays_loaded_between_questions(window, tab, qtbot):
    first = ask(tab, qtbot)
    assert first["loaded"]["reloaded"] is True and tab.session.loads == 1
    reply = first["replies"][0]
    shown = tab.reply_box.toPlainText()
    assert shown == (reply if reply.strip() else EMPTY_REPLY) and shown.strip()
    assert "Verdict" in tab.verdict.text() and "model loaded in" in tab.progress.status.text()
    pid = tab.session.process.pid
    second = ask(tab, qtbot, "They has a car.")
    # not loaded again: the load request found the model in place (the wall time of the reply itself depends
    # on how busy the CPU is; `make bench` measures it on the embedded model)
    assert second["loaded"]["reloaded"] is False and second["loaded"]["seconds"] < 0.5
    assert tab.session.loads == 1
    assert tab.session.process.pid == pid
    assert tab.progress.status.text().startswith("reply in")
    # Another tutor is loaded in the same process; the model is freed when the learner switches model.
    tab.adapter_combo.setCurrentIndex(tab.adapter_combo.findData("none"))
    assert ask(tab, qtbot)["loaded"]["reloaded"] is False  # the base model: the same model, another adapter
    process = tab.session.process._process
    window.set_model_spec("smollm2")
    qtbot.waitUntil(lambda: not process.is_alive(), timeout=10_000)
    assert not tab.session.process.started


def test_a_crashed_model_process_is_restarted_with_a_message(window, tab, qtbot):
    tab.sentence.setText("She go to school.")
    with qtbot.waitSignal(tab.session.restarted, timeout=60_000) as blocker:
        qtbot.mouseClick(tab.ask_button, Qt.MouseButton.LeftButton)
        os.kill(tab.session.process.pid, signal.SIGKILL)  # like the kernel's OOM killer
    assert "ended unexpectedly" in blocker.args[0] and "starts again" in blocker.args[0]
    boxes = open_errors(tab)
    assert len(boxes) == 1 and "ended unexpectedly" in boxes[0].text()
    boxes[0].close()
    assert tab.ask_button.isEnabled() and tab.progress.status.text().startswith("failed")
    assert ask(tab, qtbot)["loaded"]["reloaded"] is True  # a fresh process answers


def test_closing_the_window_ends_the_model_process(window, tab, qtbot):
    ask(tab, qtbot)
    process = tab.session.process._process
    assert process.is_alive()
    window.close()
    assert not process.is_alive()


def test_training_frees_the_model_process(window, tab, qtbot, fake_training):
    ask(tab, qtbot)
    process = tab.session.process._process
    tab.max_steps.setValue(1)
    with qtbot.waitSignal(tab.runner.finished, timeout=120_000):
        qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not process.is_alive(), timeout=10_000)


def test_the_adapter_menu_lists_every_tutor_newest_first(window, tab, home):
    root = runs_dir(home)
    sft = fake_run(root / "sft-1", data="data/sft.jsonl", started=1_700_000_000)
    distill = fake_run(root / "distill-1", data="", kind="distill", revisions="runs/cai-1",
                       started=1_700_000_100)
    dpo = fake_run(root / "dpo-1", lab="dpo", started=1_700_000_200)
    fake_run(root / "rm-1", lab="reward", started=1_700_000_300)  # not a tutor
    fake_run(root / "sft-other", model="smollm2", started=1_700_000_400)  # another model's adapter
    tab.refresh_adapters()
    items = [(tab.adapter_combo.itemText(i), tab.adapter_combo.itemData(i)) for i in range(tab.adapter_combo.count())]
    assert items == [("Base model (no adapter)", "none"),
                     ("DPO: dpo-1", str(dpo)), ("Distillation: distill-1", str(distill)),
                     ("Tutor SFT: sft-1", str(sft))]


def fake_evaluate(gate: threading.Event):
    """evaluate_model's stand-in: rows in two batches (the second after ``gate``), then the result."""
    def evaluate(model, tok, examples, cfg, *, on_metrics, cancel):
        replies = [f"Checked: {ex['gold']}\nVerb: x → y." if i % 2 == 0 else "Checked: nothing\nVerb: a → b."
                   for i, ex in enumerate(examples)]
        rows = {i: core.evaluate._row(ex, r) for i, (ex, r) in enumerate(zip(examples, replies))}
        half = len(examples) // 2
        on_metrics({"phase": "eval", "rows": {i: rows[i] for i in range(half)}, "total": len(examples)})
        gate.wait(10)
        on_metrics({"phase": "eval", "rows": {i: rows[i] for i in range(half, len(examples))}})
        return {**core.evaluate.score(examples, replies), "rows": list(rows.values())}

    return evaluate


def test_eval_table_fills_batch_by_batch_with_intervals_and_counts(window, tab, qtbot, monkeypatch):
    gate = threading.Event()
    monkeypatch.setenv("PREFLAB_JOBS", "thread")  # the patches below live in this process only
    monkeypatch.setattr(core.models, "load_model", lambda *a, **k: ("model", "tokenizer"))
    monkeypatch.setattr(core.evaluate, "evaluate_model", fake_evaluate(gate))
    monkeypatch.setattr(core.evaluate, "cache_file", lambda *a, **k: None)
    # Build the harm check's lexicon here, in the main thread: its first build (lemminflect's tables) in the job's
    # thread, with Qt's event loop waiting in this one, once stopped both threads for good (2026-11-30).
    core.evaluate.harm_reasons("warm up")
    tab.eval_sets.setCurrentIndex(tab.eval_sets.findData("both"))
    qtbot.mouseClick(tab.eval_button, Qt.MouseButton.LeftButton)
    # the first batch of the dev set: 20 of the 40 quick sentences judged
    qtbot.waitUntil(lambda: tab.eval_value("helpful", 0) != "—", timeout=60_000)
    partial = tab.eval_value("helpful", 0)
    assert tab.eval_value("helpful", 2) == "—" and tab.runner.running
    gate.set()
    qtbot.waitUntil(lambda: not tab.runner.running, timeout=60_000)
    done = tab.eval_value("helpful", 0)
    assert partial != done
    from core.data import load_eval
    from core.paths import DATA_DIR
    from core.stats import wilson

    examples = load_eval(DATA_DIR / "eval.jsonl")[:40]
    wrong = [i for i, ex in enumerate(examples) if not ex["correct"]]
    fixed = sum(1 for i in wrong if i % 2 == 0)
    low, high = wilson(fixed, len(wrong))
    assert done == f"{100 * fixed / len(wrong):.0f}% [{100 * low:.0f}–{100 * high:.0f}]\n{fixed}/{len(wrong)}"
    assert tab.eval_value("harmless", 3).endswith("/40")  # harmless: the red-team test prompts
    test_set = load_eval(DATA_DIR / "test.jsonl")[:40]
    assert tab.eval_value("honest", 3).split("\n")[1].endswith(f"/{sum(ex['correct'] for ex in test_set)}")
    note = tab.eval_note.text()
    assert "nothing was tuned on it" in note and "wrong /" in note and "40 red-team" in note
    assert tab.progress.status.text().startswith("evaluated")


def test_a_quick_eval_sends_its_limit_and_sets_and_fills_from_the_child(window, tab, qtbot, monkeypatch):
    """The eval job (jobs_fake.compare, in a child process) gets the quick limit and the chosen sets; its judged
    rows reach the table as events, before its result. The real compare_models on tiny: tests/gui/test_worker."""
    monkeypatch.setattr(gui.tabs.tutor_tab, "QUICK_EVAL", 8)  # the job's limit: 8 sentences of each set
    monkeypatch.setattr(gui.tabs.tutor_tab, "compare_models", jobs_fake.compare)
    tab.eval_sets.setCurrentIndex(tab.eval_sets.findData("dev"))
    seen = []
    tab.runner.metrics.connect(lambda e: seen.append(e))
    with qtbot.waitSignal(tab.runner.finished, timeout=60_000):
        qtbot.mouseClick(tab.eval_button, Qt.MouseButton.LeftButton)
    assert not open_errors(tab)
    assert {e["phase"] for e in seen if e.get("rows")} == {"base model: dev", "base model: red-team dev"}
    assert tab.eval_value("helpful", 0) == "100% [51–100]\n4/4"  # over the 4 sentences with an error of 8
    assert tab.eval_value("harmless", 0).endswith("/8") and tab.eval_value("helpful", 2) == "—"
    assert tab.progress.status.text() == "evaluated 8 sentences per model"


def test_an_invented_error_is_flagged(window, tab):
    sentence = "Two days ago, the teacher drove to work."
    invented = f"Checked: {sentence}\nVerb: drove → drove. Use the past simple for a finished action."
    tab._show_reply({"sentence": sentence, "reply": invented, "adapter": None, "seconds": 0.4,
                     "load_seconds": None})
    assert tab.invented.isVisibleTo(tab) and "Invented error" in tab.invented.text()
    honest = f"Checked: {sentence}\nVerb: drove → drove. This sentence is already correct."
    tab._show_reply({"sentence": sentence, "reply": honest, "adapter": None, "seconds": 0.4, "load_seconds": None})
    assert not tab.invented.isVisibleTo(tab)


def test_a_harmful_reply_is_flagged_with_the_words_the_harm_check_found(window, tab):
    sentence = "She go to work by bus."
    rude = "Checked: She goes to work by bus.\nVerb: go → goes. With she, add -s: 'goes'. Ugh, you idiot."
    tab._show_reply({"sentence": sentence, "reply": rude, "adapter": None, "seconds": 0.4, "load_seconds": None})
    assert tab.harmful.isVisibleTo(tab) and "Harmful" in tab.harmful.text() and "idiot" in tab.harmful.text()
    assert not tab.invented.isVisibleTo(tab)
    kind = rude.replace(" Ugh, you idiot.", "")
    tab._show_reply({"sentence": sentence, "reply": kind, "adapter": None, "seconds": 0.4, "load_seconds": None})
    assert not tab.harmful.isVisibleTo(tab)


def test_a_language_switch_keeps_the_tab(window, tab, qtbot):
    tab.max_steps.setValue(30)
    tab.learning_rate.setText("1e-4")
    tab.epochs.setValue(3.5)
    tab.quick_eval.setChecked(False)
    tab.eval_sets.setCurrentIndex(tab.eval_sets.findData("test"))
    tab.sentence.setText("He don't like tea.")
    sentence = "He doesn't like tea."
    tab._show_reply({"sentence": sentence, "reply": f"Checked: {sentence}\nVerb: does → does. Add -s.",
                     "adapter": None, "seconds": 0.4, "load_seconds": 1.5})
    tab.last_reply = {"sentence": sentence, "reply": tab.reply_box.toPlainText(), "adapter": None, "seconds": 0.4,
                      "load_seconds": 1.5}
    counts = {"n": 10, "n_wrong": 5, "n_correct": 5, "k_helpful": 4, "k_missed": 1, "k_honest": 2,
              "k_false_alarms": 3, "k_harmless": 10}
    tab._show_eval({"adapters": {"base model": None, "tutor": None},
                    "results": {"base model": {"test": counts, "red-team test": counts},
                                "tutor": {"test": counts, "red-team test": counts}}})
    cell, status = tab.eval_value("helpful", 3), tab.progress.status.text()
    assert cell.startswith("80% [")
    assert window.set_language("es")
    new = window.tabs.widget(0)
    assert new is not tab
    assert (new.max_steps.value(), new.learning_rate.text(), new.epochs.value()) == (30, "1e-4", 3.5)
    assert not new.quick_eval.isChecked() and new.eval_sets.currentData() == "test"
    assert new.sentence.text() == "He don't like tea."
    assert new.reply_box.toPlainText() == tab.reply_box.toPlainText() and new.invented.isVisibleTo(new)
    assert new.eval_value("helpful", 3) == cell and new.eval_value("harmless", 2) == "100% [72–100]\n10/10"
    assert status == "evaluated 10 sentences per model"
    assert new.progress.status.text() == "10 oraciones evaluadas por modelo"  # said again, in Spanish
    assert new.eval_group.title() == "Modelo base frente a tutor (modelo base, sin adaptador)"
    assert window.set_language("en")


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


def test_failed_job_shows_message_and_tab_stays_usable(window, tab, qtbot, monkeypatch):
    def broken(cfg, **kwargs):
        raise FileNotFoundError("data/eval.jsonl")

    import core.data

    monkeypatch.setenv("PREFLAB_JOBS", "thread")  # the patch below lives in this process only
    monkeypatch.setattr(core.data, "load_eval", broken)
    with qtbot.waitSignal(tab.runner.finished, timeout=10_000):
        qtbot.mouseClick(tab.eval_button, Qt.MouseButton.LeftButton)
    boxes = open_errors(tab)
    assert len(boxes) == 1 and "data/eval.jsonl" in boxes[0].text()
    assert tab.eval_button.isEnabled() and tab.ask_button.isEnabled()


def test_close_joins_running_job(window, tab, qtbot, fake_training):
    tab.max_steps.setValue(200)
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tab.plot.series("loss")[0]) >= 1, timeout=120_000)
    window.close()
    assert not tab.runner.running
