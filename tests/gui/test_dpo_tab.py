"""DPO tab on the tiny test model: a short run fills the plots, then the SFT vs DPO tables (dev and test with
intervals, harmlessness on the red-team sets) row by row; the "before" eval comes from the cache the second
time; Stop answers; bad settings are named; a language switch keeps the form, tables, status and plots."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.tabs.dpo_tab import DpoTab
from gui.widgets.style import GOOD, NEGATIVE_ROW

PLOT_KEYS = ["preference_loss", "eval_preference_loss", "nll_loss", "rewards/chosen", "rewards/rejected",
             "rewards/margins", "eval_rewards/margins", "rewards/accuracies", "eval_rewards/accuracies"]


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
    eval_sets = {}
    for key, rows in (("dev", sentences), ("test", sentences[1:]), ("red-team dev", sentences[:2]),
                      ("red-team test", sentences[2:])):
        eval_sets[key] = str(tmp_path / f"{key.replace(' ', '-')}.jsonl")
        Path(eval_sets[key]).write_text("".join(json.dumps({"sentence": s, "correct": s == g, "gold": g}) + "\n"
                                                for s, g in rows))
    win = MainWindow(home=home, model_spec="tiny", tabs=[("DPO", DpoTab)])
    qtbot.addWidget(win)
    dpo: DpoTab = win.tabs.widget(0)
    dpo.pairs.set_file(str(pairs))
    dpo.eval_pairs_path = str(pairs)
    dpo.eval_sets = eval_sets
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


def run_to_the_end(tab, qtbot, timeout=600_000):
    """Start and wait for both jobs: training, then the eval."""
    finished = []
    tab.runner.finished.connect(lambda: finished.append(tab.runner.running))
    qtbot.mouseClick(tab.progress.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(finished) and not finished[-1] and not tab.runner.running, timeout=timeout)


def test_short_run_fills_plots_then_tables_row_by_row(tab, qtbot, home):
    events, filled = [], []
    tab.runner.metrics.connect(events.append)
    tab.runner.metrics.connect(lambda e: filled.append(tab.compare.replies_table.rowCount()) if "rows" in e else None)
    tab.max_steps.setValue(3)
    run_to_the_end(tab, qtbot)
    assert not open_errors(tab)
    phases = {e["phase"] for e in events if "phase" in e}
    assert {"reference log-probs", "finished", "before: dev", "after: dev", "before: red-team test"} <= phases
    for plot in tab.plots():
        for key in plot.keys:
            assert len(plot.series(key)[0]) > 0, key
    assert sorted(k for p in tab.plots() for k in p.keys) == sorted(PLOT_KEYS)
    # The two loss terms apart: the preference loss starts at log 2 (policy = reference), the SFT term does not.
    steps, preference = tab.loss_plot.series("preference_loss")
    assert list(steps) == [1, 2, 3] and preference[0] == pytest.approx(0.6931, abs=1e-3)
    assert tab.loss_plot.series("nll_loss")[1][0] > 1.0  # a fresh LoRA on random tiny: far from log 2
    assert "0.69" in tab.loss_plot.explanation.text() and "SFT term" in tab.loss_plot.explanation.text()
    assert tab.progress.status.text().startswith("finished · 3 steps") and "evaluated" in tab.progress.status.text()
    # the eval is saved with the run, as `preflab dpo` saves its own: the Runs tab reads honesty before -> after
    from core.runs import headline, read_run

    saved = headline(read_run(tab.last_run))
    assert saved["honest_before"] == tab.compare.evals["before"]["dev"]["honest"]
    assert saved["honest_after"] == tab.compare.evals["after"]["dev"]["honest"]

    # Eval table: rates with their interval, for dev and test (tiny has no tutor: "before" is the base model).
    assert tab.compare.eval_table.horizontalHeaderItem(0).text() == "Base · dev"
    assert tab.compare.eval_table.horizontalHeaderItem(3).text() == "DPO · test"
    for key in ("helpful", "honest", "missed", "harmless"):
        for column in range(4):
            assert re.fullmatch(r"\d+% \(\d+–\d+\)", tab.compare.value(key, column)), (key, column)
    compare = tab.compare
    helpful = compare.rates("before", "dev")["helpful"]
    assert (helpful["n"], helpful["low"] <= helpful["rate"] <= helpful["high"]) == (2, True)  # 2 wrong sentences
    assert compare.rates("before", "red-team test")["harmless"]["n"] == 2
    counts = compare.counts_note.text()
    assert "2 correct / 2 wrong" in counts and "nothing was tuned on it" in counts
    assert "of 2" in compare.eval_table.item(0, 0).toolTip() and "Wilson" in compare.eval_table.item(0, 0).toolTip()
    # Side by side, one row per dev sentence, filled as the replies came (the 4 sentences are one generation
    # batch, so they arrive together: the first fill already shows all of them).
    assert compare.replies_table.rowCount() == 4 and filled and filled[0] == 4
    verdicts = [(compare.replies_table.item(r, 3).text(), compare.replies_table.item(r, 4).text()) for r in range(4)]
    changed = [before != after for before, after in verdicts]
    assert changed == sorted(changed, reverse=True)
    compare.replies_set.setCurrentIndex(compare.replies_set.findData("test"))
    assert compare.replies_table.rowCount() == 3
    assert tab.results.currentIndex() == 1  # the learner lands on the before/after comparison
    # Margins only when asked: the run scored no pair after its last step; the button does, in a job.
    assert tab.pair_margins.table.rowCount() == 0 and tab.pair_margins.score_button.isEnabled()
    scored = []
    tab.runner.finished.connect(lambda: scored.append(True))
    qtbot.mouseClick(tab.pair_margins.score_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(scored) and not tab.runner.running, timeout=120_000)
    # every training pair the run used (3 steps x 4 pairs of the 8), lowest margin first
    margins = [float(tab.pair_margins.table.item(r, 3).text()) for r in range(tab.pair_margins.table.rowCount())]
    assert len(margins) == 8 and margins == sorted(margins)
    assert tab.pair_margins.table.item(0, 0).text().startswith("She go home")
    assert tab.results.currentIndex() == 2 and not tab.pair_margins.score_button.isEnabled()
    assert tab.progress.status.text().endswith("pairs scored") and not open_errors(tab)
    assert tab.last_run is not None and tab.last_run.parent == home / "runs"
    assert json.loads((tab.last_run / "summary.json").read_text())["status"] == "finished"

    # A second run: the base model's "before" eval comes from the cache (same adapter, same files).
    cached = []
    tab.runner.metrics.connect(lambda e: cached.append(e["phase"]) if e.get("cached") else None)
    tab.max_steps.setValue(1)
    run_to_the_end(tab, qtbot)
    assert sorted(cached) == sorted(f"before: {key}" for key in tab.eval_sets)
    assert tab.compare.value("helpful", 0) != "—" and tab.compare.value("helpful", 1) != "—"


def test_stop_ends_a_long_run_quickly(tab, qtbot):
    tab.max_steps.setValue(500)
    tab.eval_pairs_path = ""  # no held-out evals: the run is all training steps
    qtbot.mouseClick(tab.progress.start_button, Qt.MouseButton.LeftButton)
    assert not tab.beta.isEnabled()
    qtbot.waitUntil(lambda: len(tab.loss_plot.series("preference_loss")[0]) >= 1, timeout=180_000)
    steps_at_stop = len(tab.loss_plot.series("preference_loss")[0])
    with qtbot.waitSignal(tab.runner.finished, timeout=15_000):
        qtbot.mouseClick(tab.progress.stop_button, Qt.MouseButton.LeftButton)
    assert tab.progress.status.text().startswith("stopped")
    assert len(tab.loss_plot.series("preference_loss")[0]) <= steps_at_stop + 2
    assert tab.summary is not None and tab.summary["status"] == "stopped"
    assert tab.compare.value("helpful", 1) == "—"  # no eval after a stopped run
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


def fill_with_a_fake_run(tab) -> None:
    """A finished run's summary and its eval, as the two jobs hand them to the tab."""
    before = {"n": 3, "rows": [_row("a", "missed"), _row("b", "fixed"), _row("c", "missed")]}
    after = {"n": 3, "rows": [_row("a", "missed"), _row("b", "fixed"), _row("c", "fixed", "Correction: c\nline two")]}
    pair = {"prompt": "Check this sentence: x", "chosen": "good", "rejected": "bad"}
    margins = [{**pair, "reward_chosen": -0.2, "reward_rejected": 0.1, "margin": -0.3},
               {**pair, "reward_chosen": 0.2, "reward_rejected": -0.1, "margin": 0.3}]
    tab.eval_sets = {}  # nothing to evaluate after this fake run
    tab._on_done({"status": "finished", "steps": 2, "seconds_per_step": 0.5, "train_pairs": 2, "out": "/tmp/x",
                  "start_adapter": "/adapters/tutor", "pair_margins": margins})
    tab._on_eval_done({"results": {"before": {"dev": before}, "after": {"dev": after}}})


def test_results_order_and_colours(tab):
    fill_with_a_fake_run(tab)
    assert tab.compare.eval_table.horizontalHeaderItem(0).text() == "SFT · dev"
    # 1 of 3 fixed before, 2 of 3 after: the rate, its Wilson interval, green for better.
    assert [tab.compare.value("helpful", c) for c in range(2)] == ["33% (6–79)", "67% (21–94)"]
    assert tab.compare.value("helpful", 2) == "—"  # no test set measured
    assert tab.compare.eval_table.item(0, 1).foreground().color().name() == GOOD
    assert "+33 pts vs before" in tab.compare.eval_table.item(0, 1).toolTip()
    assert tab.compare.eval_table.item(2, 1).foreground().color().name() == GOOD  # fewer misses: good
    assert [tab.compare.replies_table.item(r, 0).text() for r in range(3)] == ["c", "a", "b"]  # changed verdict first
    assert tab.compare.replies_table.item(0, 2).text() == "Correction: c ⏎ line two"
    assert tab.pair_margins.table.item(0, 3).text() == "-0.300"
    assert tab.pair_margins.table.item(0, 0).background().color().name() == NEGATIVE_ROW
    assert tab.pair_margins.table.item(1, 0).background().style() == Qt.BrushStyle.NoBrush
    assert tab.results.currentIndex() == 1


def test_stop_before_training_shows_stopped(tab):
    # A stop while the model loads ends the job with Cancelled: the runner reports done(None).
    tab._on_done(None)
    assert tab.progress.status.text() == "stopped" and tab.progress.start_button.isEnabled()


def test_a_language_switch_keeps_form_tables_status_and_plots(tab):
    window = tab.main
    fill_with_a_fake_run(tab)
    tab.max_steps.setValue(7)
    tab.learning_rate.setText("1e-4")
    tab.eval_size.setCurrentIndex(1)
    for step, value in ((1, 0.69), (2, 0.6), (3, 0.5)):
        tab.loss_plot.add({"step": step, "preference_loss": value, "nll_loss": 2.0})
    tab.loss_plot.refresh()
    table = [tab.compare.value("helpful", c) for c in range(4)]
    for language in ("es", "en"):
        assert window.set_language(language)
    new: DpoTab = window.tabs.widget(0)
    assert new is not tab
    assert new.max_steps.value() == 7 and new.learning_rate.text() == "1e-4" and new.eval_size.currentIndex() == 1
    assert [new.compare.value("helpful", c) for c in range(4)] == table
    assert new.compare.replies_table.rowCount() == 3 and new.pair_margins.table.rowCount() == 2
    assert new.progress.status.text().startswith("finished · 2 steps")
    steps, values = new.loss_plot.series("preference_loss")
    assert list(steps) == [1, 2, 3] and list(values) == [0.69, 0.6, 0.5]  # no point twice: no line back to 1
    assert new.pairs.source() == tab.pairs.source()


def test_pair_source_offers_my_labels_and_ai_labels(tab, home):
    from core.store import PreferenceStore
    from core.workspace import store_path

    with PreferenceStore(store_path(home)) as store:
        first = store.add_pair("Check this sentence: She go.", "She goes.", "She go.", "seed")
        store.label(first, "ai:honest", "A", confidence=0.9)
    tab.pairs.refresh()
    sources = [tab.pairs.combo.itemData(i) for i in range(tab.pairs.combo.count())]
    assert "store:human" in sources and "store:ai:honest" in sources and "store" in sources
    assert str(Path(sources[-1]).name) == "pairs.jsonl"  # the chosen file stays listed
    tab.pairs.set_source("store:ai:honest")
    cfg = tab.dpo_config()
    assert cfg.pairs == "store:ai:honest" and cfg.eval_data == ""  # the eval runs after training, not in the job
