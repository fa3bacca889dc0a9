"""Reward model tab on the tiny test model: a run fills the plots and results, Stop answers, bad settings are
refused, any reply can be scored, the held-out accuracy sits beside the no-model baselines with its interval,
a held-out pair opens for inspection without entering the store, and a language switch keeps the tab's state."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit

from core.store import PreferenceStore
from core.workspace import store_path
from gui.tabs.reward_tab import RewardTab


@pytest.fixture
def tab(window) -> RewardTab:
    tabs = window.tabs
    found = [tabs.widget(i) for i in range(tabs.count()) if isinstance(tabs.widget(i), RewardTab)]
    assert len(found) == 1
    return found[0]


@pytest.fixture
def pairs(tmp_path):
    rows = [{"prompt": f"Check this sentence: She go home {i}.",
             "chosen": f"Correction: She goes home {i}.\nAdd -s.",
             "rejected": "Correction: She went home.\nYou idiot, that is the wrong tense entirely."}
            for i in range(12)]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.fixture
def small(tab, pairs) -> RewardTab:
    """The tab set to train and evaluate on the 12-pair file."""
    tab.pair_source.set_file(str(pairs))
    tab.eval_pairs = str(pairs)
    tab.eval_steps = 2
    tab.batch_size = 4
    return tab


def open_errors(widget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.isVisible()]


def test_tab_sits_after_label_tab(window, tab):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.index("Reward model") == window.tabs.indexOf(tab)
    if "Label" in titles:
        assert titles.index("Reward model") == titles.index("Label") + 1
    assert tab.epochs.value() == 1.0 and tab.learning_rate.text() == "5e-4"
    assert tab.lora_rank.value() == 8 and tab.lora_rank.minimum() == 1 and tab.max_steps.value() == 0
    assert all(w.toolTip() for w in (tab.epochs, tab.learning_rate, tab.lora_rank, tab.max_steps))
    assert not tab.score_button.isEnabled()


def test_run_fills_plots_results_and_scores_a_reply(window, small, qtbot, home):
    tab = small
    tab.max_steps.setValue(4)
    with qtbot.waitSignal(tab.runner.finished, timeout=180_000):
        qtbot.mouseClick(tab.progress.start_button, Qt.MouseButton.LeftButton)
    assert not open_errors(tab)
    assert tab.progress.status.text().replace("\u00a0", " ").startswith("finished · 4 steps")
    for plot, keys in ((tab.loss_plot, ("loss", "eval_loss")), (tab.accuracy_plot, ("accuracy", "eval_accuracy")),
                       (tab.margin_plot, ("margin", "eval_margin"))):
        for key in keys:
            assert len(plot.series(key)[0]) > 0, key
    assert list(tab.loss_plot.series("loss")[0]) == [1, 2, 3, 4]
    assert list(tab.loss_plot.series("eval_loss")[0]) == [2, 4]
    assert tab.last_run is not None and tab.last_run.parent == home / "runs"
    assert tab.last_run.name.startswith("rm-")

    # Results: the table holds every held-out pair, misranked (margin <= 0) first and highlighted.
    heldout = tab.summary["heldout"]
    assert tab.heldout_pairs.table.rowCount() == len(heldout) == 12
    margins = [float(tab.heldout_pairs.table.item(r, 0).text()) for r in range(12)]
    assert margins == sorted(margins)
    assert tab.heldout_pairs.misranked_rows() == [r for r, p in enumerate(heldout) if p["margin"] <= 0]
    assert tab.heldout_pairs.table.item(0, 1).text() == "She go home " + heldout[0]["prompt"].rsplit(" ", 1)[1]
    assert sum(tab.histogram.counts["chosen"]) == 12 and sum(tab.histogram.counts["rejected"]) == 12
    # Accuracy beside the baselines, on the one held-out set (named after its file).
    assert re.fullmatch(r"\d+% \(\d+–\d+\)", tab.accuracy.value("model", "pairs"))
    assert "of 12 pairs" in tab.accuracy.table.item(0, 0).toolTip()
    # Every chosen reply here is shorter than its rejected one; the lookup has seen these very pairs.
    assert tab.accuracy.value("length_longer", "pairs") == "0%"
    assert tab.accuracy.value("length_shorter", "pairs") == "100%"
    assert tab.accuracy.value("lookup", "pairs") == "100%"

    # Score any reply, with the run just trained.
    assert tab.score_button.isEnabled()
    assert tab.score_prompt.text() == "Check this sentence: She go to school every day."
    with qtbot.waitSignal(tab.runner.done, timeout=60_000) as blocker:
        qtbot.mouseClick(tab.score_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.runner.running, timeout=5000)
    assert isinstance(blocker.args[0], float)
    assert tab.last_reward == blocker.args[0]
    assert f"{blocker.args[0]:+.3f}" in tab.score_result.text()
    assert not open_errors(tab)


def test_stop_ends_a_long_run_quickly(window, small, qtbot):
    tab = small
    tab.eval_steps = 1000
    tab.max_steps.setValue(500)
    qtbot.mouseClick(tab.progress.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tab.loss_plot.series("loss")[0]) >= 2, timeout=180_000)
    steps_at_stop = len(tab.loss_plot.series("loss")[0])
    # Stop acts at the next step boundary; the model so far is then saved and scored on 12 pairs.
    with qtbot.waitSignal(tab.runner.finished, timeout=30_000):
        qtbot.mouseClick(tab.progress.stop_button, Qt.MouseButton.LeftButton)
    assert tab.progress.status.text().startswith("stopped")
    assert tab.summary["status"] == "stopped"
    assert len(tab.loss_plot.series("loss")[0]) <= steps_at_stop + 1
    assert tab.progress.start_button.isEnabled() and not tab.progress.stop_button.isEnabled()


@pytest.mark.parametrize("field, value, message", [
    ("learning_rate", "0", "Learning rate: must be > 0"),
    ("learning_rate", "fast", "Learning rate: “fast” is not a number"),
    ("epochs", 0.0, "Epochs: must be > 0"),
])
def test_bad_settings_show_an_error_and_start_nothing(window, tab, qtbot, home, field, value, message):
    widget = getattr(tab, field)
    widget.setText(value) if isinstance(value, str) else widget.setValue(value)
    qtbot.mouseClick(tab.progress.start_button, Qt.MouseButton.LeftButton)
    boxes = open_errors(tab)
    assert len(boxes) == 1 and message in boxes[0].text()
    assert not tab.runner.running
    assert not (home / "runs").exists() or not any((home / "runs").glob("rm-*"))


def fake_summary(pairs_path) -> dict:
    rows = [json.loads(line) for line in pairs_path.read_text().splitlines()[:3]]
    margins = [-0.5, 0.25, 1.0]
    heldout = [{**r, "reward_chosen": m, "reward_rejected": 0.0, "margin": m} for r, m in zip(rows, margins)]
    return {"status": "finished", "steps": 4, "seconds_per_step": 0.5, "heldout_accuracy": 2 / 3,
            "length_baseline": {"longer": 0.0, "shorter": 1.0}, "heldout": heldout,
            "heldout_sets": {"pairs_heldout": {"pairs": 3, "right": 2}, "pairs_sampled": {"pairs": 40, "right": 30}},
            "baselines": {"pairs_heldout": {"pairs": 3, "length_longer": 0.0, "length_shorter": 1.0, "lookup": 1.0},
                          "pairs_sampled": {"pairs": 40, "length_longer": 0.5, "length_shorter": 0.5,
                                            "lookup": 0.625}}}


def test_accuracy_beside_the_baselines_on_each_held_out_set(tab, home, pairs):
    tab.show_results(fake_summary(pairs), home / "runs" / "rm-fake")
    headers = [tab.accuracy.table.horizontalHeaderItem(c).text() for c in range(tab.accuracy.table.columnCount())]
    assert headers == ["Held-out", "Sampled"]
    # 2 of 3 and 30 of 40 with their 95% Wilson intervals (core.stats.wilson).
    assert tab.accuracy.value("model", "pairs_heldout") == "67% (21–94)"
    assert tab.accuracy.value("model", "pairs_sampled") == "75% (60–86)"
    assert tab.accuracy.value("lookup", "pairs_heldout") == "100%"
    assert tab.accuracy.value("lookup", "pairs_sampled") == "63%"  # 0.625: halves round up
    assert tab.accuracy.value("length_longer", "pairs_sampled") == "50%"
    assert "known trap" in tab.accuracy.note.text()
    # An older run's summary (one set, length baseline only) still shows.
    old = fake_summary(pairs)
    del old["heldout_sets"], old["baselines"]
    tab.show_results(old, home / "runs" / "rm-old")
    assert tab.accuracy.table.columnCount() == 1 and tab.accuracy.value("model", "pairs_heldout") == "67% (21–94)"
    assert tab.accuracy.value("length_shorter", "pairs_heldout") == "100%"


def test_a_held_out_pair_opens_for_inspection_and_stays_out_of_the_store(window, tab, qtbot, home, pairs):
    tab.show_results(fake_summary(pairs), home / "runs" / "rm-fake")
    assert tab.heldout_pairs.misranked_rows() == [0]
    assert not tab.heldout_pairs.open_button.isEnabled()
    tab.heldout_pairs.table.selectRow(0)
    assert tab.heldout_pairs.open_button.isEnabled()
    qtbot.mouseClick(tab.heldout_pairs.open_button, Qt.MouseButton.LeftButton)
    dialog = tab.heldout_pairs.pair_dialog
    assert dialog.isVisible()
    first = tab.summary["heldout"][0]
    texts = [w.toPlainText() for w in dialog.findChildren(QPlainTextEdit)]
    assert texts == [first["chosen"], first["rejected"]] and all(w.isReadOnly() for w in dialog.findChildren(QPlainTextEdit))
    assert "not added to your preference store" in " ".join(label.text() for label in dialog.findChildren(QLabel))
    with PreferenceStore(store_path(home)) as store:
        assert store.find_pair(first["prompt"], first["chosen"], first["rejected"]) is None
    dialog.close()


def test_a_language_switch_keeps_form_results_and_plots(window, tab, home, pairs):
    tab.show_results(fake_summary(pairs), home / "runs" / "rm-fake")
    tab._show_training({**fake_summary(pairs), "out": str(home / "runs" / "rm-fake")})
    tab.max_steps.setValue(9)
    tab.epochs.setValue(2.5)
    tab.learning_rate.setText("1e-3")
    tab._show_score(0.125)
    for step, value in ((1, 0.7), (2, 0.6)):
        tab.loss_plot.add({"step": step, "loss": value})
    tab.loss_plot.refresh()
    index = window.tabs.indexOf(tab)
    for language in ("es", "en"):
        assert window.set_language(language)
    new: RewardTab = window.tabs.widget(index)
    assert new is not tab
    assert (new.max_steps.value(), new.epochs.value(), new.learning_rate.text()) == (9, 2.5, "1e-3")
    assert new.heldout_pairs.table.rowCount() == 3 and new.accuracy.value("model", "pairs_sampled") == "75% (60–86)"
    assert "+0.125" in new.score_result.text()
    assert new.progress.status.text().replace("\u00a0", " ").startswith("finished · 4 steps")
    steps, values = new.loss_plot.series("loss")
    assert list(steps) == [1, 2] and list(values) == [0.7, 0.6]  # once each: no line back to the first point


def test_newest_run_is_shown_when_the_tab_opens(qtbot, home, pairs):
    from gui.main_window import MainWindow

    run = home / "runs" / "rm-20990101-000000"
    run.mkdir(parents=True)
    (run / "summary.json").write_text(json.dumps({"lab": "reward", **fake_summary(pairs)}))
    (run / "metrics.jsonl").write_text(json.dumps({"step": 1, "loss": 0.7, "accuracy": 0.5}) + "\n")
    win = MainWindow(home=home, model_spec="tiny", tabs=[("Reward model", RewardTab)])
    qtbot.addWidget(win)
    tab = win.tabs.widget(0)
    assert tab.last_run == run and tab.heldout_pairs.table.rowCount() == 3
    assert list(tab.loss_plot.series("loss")[1]) == [0.7]
    assert tab.score_button.isEnabled()
    # The rebuilt tab restores that run on its own and is handed the old plots: each point still once.
    for language in ("es", "en"):
        assert win.set_language(language)
    assert list(win.tabs.widget(0).loss_plot.series("loss")[1]) == [0.7]
