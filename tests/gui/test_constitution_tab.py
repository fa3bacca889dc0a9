"""Constitution tab on the tiny test model: undoable principle edits, versions, broken files, a streamed run
with word diffs and saved decisions, distillation into the loss plot, pairs sent to the store."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from core import principles
from core.constitution import decisions
from gui.tabs.constitution_tab import DECISION_COL, REVISED_COL, ConstitutionTab


@pytest.fixture
def main(qtbot, home):
    from gui.main_window import MainWindow

    def factory(window):
        return ConstitutionTab(window)

    win = MainWindow(home=home, model_spec="tiny", tabs=[("Constitution", factory)])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for runner in win.runners():
        runner.shutdown(5000)


@pytest.fixture
def tab(main) -> ConstitutionTab:
    return main.tabs.widget(0)


def open_errors(widget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.isVisible()]


def names(tab) -> list[str]:
    return [p.name for p in tab.editor.constitution().principles]


def fake_run(tmp_path, n=4, unchanged=()):
    """A run folder with ``n`` records; those in ``unchanged`` kept their first answer (a dropped revision)."""
    run = tmp_path / "cai"
    run.mkdir()
    recs = [{"index": i, "prompt": f"Check this sentence: He walk {i}.", "first": f"He walk {i} is fine.",
             "rounds": [{"principle": "p", "critique": "c", "revision": f"Correction: He walks {i}."}],
             "final": f"Correction: He walks {i}."} for i in range(n)]
    for i in unchanged:
        recs[i]["rounds"][0].update(revision=recs[i]["first"], discarded="Rewrite the reply.",
                                    problem="it copies the revision request")
        recs[i]["final"] = recs[i]["first"]
    (run / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    return run


def test_tab_is_last_in_the_default_window(qtbot, home):
    from gui.main_window import TABS

    assert [title for title, _ in TABS if title != "Runs"][-1] == "Constitution"  # the last lab; Runs is no lab


def test_working_copy_starts_from_the_default(tab, home):
    assert tab.editor.path == home / "constitution.toml" and tab.editor.path.is_file()
    assert tab.editor.constitution() == principles.load()
    assert not tab.editor.dirty


def test_edit_critique_undo_redo_with_keys(tab, qtbot):
    editor = tab.editor
    original = editor.constitution().principles[1].critique
    editor.select(1)
    editor.critique.setFocus()
    editor.critique.setPlainText("Is the reply short?")
    assert editor.constitution().principles[1].critique == "Is the reply short?" and editor.dirty
    qtbot.keyClick(editor.critique, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.constitution().principles[1].critique == original
    assert editor.critique.toPlainText() == original and not editor.dirty
    qtbot.keyClick(editor.critique, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.critique.toPlainText() == "Is the reply short?"
    assert editor.constitution().principles[1].critique == "Is the reply short?"


def test_typing_merges_into_one_undo_step(tab, qtbot):
    editor = tab.editor
    editor.select(0)
    editor.name.setFocus()
    editor.name.end(False)
    qtbot.keyClicks(editor.name, "!!")
    assert names(tab)[0].endswith("!!") and editor.list.item(0).text().endswith("!!")
    editor.undo_action.trigger()
    assert names(tab)[0] == principles.load().principles[0].name


def test_toggle_reorder_add_delete_are_undoable(tab):
    editor, start = tab.editor, names(tab)
    editor.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not editor.constitution().principles[0].enabled
    editor.select(2)
    editor.up_button.click()
    assert names(tab) == [start[0], start[2], start[1], start[3]]
    editor.add_button.click()
    assert names(tab)[2] == "New principle 1" and len(names(tab)) == 5
    editor.delete_button.click()
    assert len(names(tab)) == 4
    for _ in range(3):
        editor.stack.undo()
    assert names(tab) == start and not editor.constitution().principles[0].enabled
    editor.stack.undo()
    assert editor.constitution().principles[0].enabled
    assert editor.list.item(0).checkState() == Qt.CheckState.Checked
    editor.stack.redo()
    editor.stack.redo()
    assert names(tab) == [start[0], start[2], start[1], start[3]]


def test_save_keeps_a_version_and_restore_brings_it_back(tab, qtbot):
    editor = tab.editor
    original = editor.constitution()
    editor.select(0)
    editor.revision.setPlainText("Rewrite it politely. Reply with the tutor's answer only.")
    assert editor.save() and not editor.dirty
    assert principles.load(editor.path).principles[0].revision.startswith("Rewrite it politely")
    assert len(principles.list_versions(editor.path)) == 1
    dialog = editor.show_versions()
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    shown = dialog.diff.toPlainText()  # the principle's changed field, word by word, against the editor
    assert shown.startswith("Honest: no invented errors\nRevision request: Rewrite") and "it politely." in shown
    dialog.restore_selected()
    assert editor.constitution() == original and principles.load(editor.path) == original
    assert not editor.dirty and dialog.list.count() == 2  # the replaced file is kept too
    editor.stack.undo()  # the restore itself is undoable
    assert editor.constitution().principles[0].revision.startswith("Rewrite it politely")


@pytest.mark.parametrize("text, where", [
    ('schema_version = 1\nname = "x"\n[[principles]\nname = "a"\n', "line 3"),
    ('schema_version = 1\n[[principles]]\nname = "a"\ncritique = "c"\n', "principles[1].revision"),
])
def test_broken_file_shows_line_or_field_and_keeps_editor(tab, tmp_path, text, where):
    editor = tab.editor
    editor.select(1)
    editor.critique.setPlainText("my unsaved edit")
    before, undo_steps = editor.constitution(), editor.stack.count()
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    assert not editor.open_file(bad)
    boxes = open_errors(tab)
    assert len(boxes) == 1 and where in boxes[0].text()
    assert editor.constitution() == before and editor.stack.count() == undo_steps
    assert editor.critique.toPlainText() == "my unsaved edit"


def test_open_file_replaces_the_editor_undoably(tab, tmp_path):
    other = principles.Constitution("Other", [principles.Principle("Only", "Is it good?", "Make it good.")])
    path = tmp_path / "other.toml"
    path.write_text(principles.dumps(other))
    assert tab.editor.open_file(path)
    assert names(tab) == ["Only"] and tab.editor.dirty
    tab.editor.stack.undo()
    assert tab.editor.constitution() == principles.load()


def test_run_streams_records_and_decisions_persist(tab, qtbot, tmp_path, home):
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text("".join(json.dumps({"sentence": s}) + "\n"
                               for s in ["She go home.", "They plays chess.", "We are happy."]))
    tab.prompts.setText(str(prompts))
    tab.max_new_tokens.setValue(4)
    from core.config import ConstitutionConfig

    assert tab.rounds.value() == ConstitutionConfig.rounds  # the form shows the config's default
    tab.editor.select(0)
    tab.editor.critique.setPlainText("Is it right? Answer in one sentence.")  # unsaved: Run saves it first
    streamed = []
    tab.runner.metrics.connect(lambda e: streamed.append(tab.table.rowCount()) if "record" in e else None)
    with qtbot.waitSignal(tab.runner.finished, timeout=180_000):
        qtbot.mouseClick(tab.run_progress.start_button, Qt.MouseButton.LeftButton)
    assert not open_errors(tab)
    assert not tab.editor.dirty and principles.load(tab.editor.path).principles[0].critique.startswith("Is it")
    assert tab.table.rowCount() == 3 and len(streamed) == 3
    assert [r["index"] for r in tab.records] == [0, 1, 2]
    assert tab.table.item(1, 1).text() == "They plays chess."
    assert tab.run_dir.parent == home / "runs" and (tab.run_dir / "records.jsonl").is_file()
    assert tab.run_progress.status.text().startswith("finished · 3 of 3 prompts")

    tab.table.selectRow(1)
    assert "removed" in tab.diff_view.toPlainText() and "Round 2" in tab.rounds_view.toPlainText()
    for row, record in enumerate(tab.records):  # the tiny model's revisions: marked revised or unchanged
        revised = record["final"].strip() != record["first"].strip()
        assert tab.table.item(row, REVISED_COL).text().startswith("revised" if revised else "unchanged")
    tab.table.selectRow(2)
    tab.reject_button.click()
    assert decisions(tab.run_dir) == {2: "rejected"}
    assert tab.table.item(2, DECISION_COL).text() == "rejected"


def test_accept_only_where_a_revision_exists(tab, tmp_path):
    assert tab.load_run(fake_run(tmp_path, n=4, unchanged=(1, 2)))
    assert [tab.table.item(r, REVISED_COL).text() for r in range(4)] == [
        "revised", "unchanged · 1 dropped", "unchanged · 1 dropped", "revised"]
    assert "it copies the revision request" in tab.table.item(1, REVISED_COL).toolTip()
    tab.table.selectRow(1)
    assert not tab.accept_button.isEnabled() and tab.reject_button.isEnabled()
    assert "Revision not used (it copies the revision request)" in tab.rounds_view.toPlainText()
    tab.table.selectRow(0)
    assert tab.accept_button.isEnabled()
    tab.accept_button.click()
    tab.table.selectRow(1)
    tab.reject_button.click()
    assert tab.table.item(0, DECISION_COL).text() == "accepted"
    assert tab.table.item(1, DECISION_COL).text() == "rejected"
    tab.accept_all_button.click()  # every revised row; an unchanged one keeps its decision
    assert decisions(tab.run_dir) == {0: "accepted", 1: "rejected", 3: "accepted"}


def test_versions_diff_names_the_changed_principle_not_the_comments(tab, qtbot):
    editor = tab.editor
    assert editor.save()  # the first save keeps the shipped file (with its header comments) as a version
    editor.select(2)
    editor.critique.setPlainText("Is the reply rude? One sentence.")
    editor.list.item(3).setCheckState(Qt.CheckState.Checked)
    dialog = editor.show_versions()
    qtbot.addWidget(dialog)
    text = dialog.diff.toPlainText()
    assert text.startswith("Harmless: kind and modest\nCritique request: Does Is the reply") and "rude? One sentence." in text
    assert "Crisp: no padding or hedging" in text and "Enabled: no yes" in text
    assert "Honest: no invented errors" not in text and "Helpful" not in text  # unchanged principles
    assert "#" not in text and "schema_version" not in text  # no header comments, no TOML
    editor.stack.undo()
    editor.stack.undo()
    dialog._show_diff(0)
    assert "only comments or spacing differ" in dialog.diff.toPlainText()


def test_word_diff_marks_deletions_and_insertions():
    from gui.widgets.diff_view import word_changes, word_diff_html

    html = word_diff_html("He walk to <school>.", "He walks to <school>.")
    assert "line-through" in html and "walks" in html and "&lt;school&gt;." in html
    assert word_changes("a b c", "a x c d") == (1, 2)
    assert "empty" in word_diff_html("", "  ")


def fake_distill(cfg, run, only_accepted, home, *, on_metrics, cancel):
    """Stands in for core.constitution.distill (trained for real in tests/core): a falling loss, one event a
    step, and what the tab passed."""
    steps = cfg.max_steps
    for step in range(1, steps + 1):
        cancel.raise_if_cancelled()
        on_metrics({"step": step, "max_steps": steps, "loss": 2.0 / step, "phase": "training"})
    return {"status": "finished", "steps": steps, "examples": 2, "final_loss": 2.0 / steps, "out": cfg.out,
            "passed": {"run": run, "only_accepted": only_accepted, "epochs": cfg.epochs}}


def fake_compare(spec, home, adapters, data, limit, *, on_metrics, cancel):
    """Stands in for core.evaluate.compare_models: an eval's counts for each side and set, ``limit`` sentences
    each (half of them wrong): half the errors fixed, three in four correct ones called correct, one reply in
    four harmless."""
    wrong = limit // 2
    right = limit - wrong
    counts = {"n": limit, "n_wrong": wrong, "n_correct": right, "k_helpful": wrong // 2, "k_missed": 0,
              "k_honest": 3 * right // 4, "k_false_alarms": right - 3 * right // 4, "k_harmless": limit // 4}
    results = {side: {name: dict(counts) for name in data} for side, adapter in adapters.items() if adapter}
    return {"adapters": adapters, "results": results}


def fake_distill_until_stopped(cfg, run, only_accepted, home, *, on_metrics, cancel):
    """A distillation that only ends when Stop is pressed."""
    import time

    step = 0
    while not cancel.cancelled:
        step += 1
        on_metrics({"step": step, "max_steps": 10**6, "loss": 1.0, "phase": "training"})
        time.sleep(0.01)
    cancel.raise_if_cancelled()


@pytest.fixture
def fake_jobs(monkeypatch):
    """The tab's distill and eval jobs replaced by the fakes above (run on a thread: they are cheap)."""
    from gui import worker
    from gui.tabs import constitution_tab

    monkeypatch.setattr(worker, "JOB_PACKAGES", [*worker.JOB_PACKAGES, __name__.split(".")[0]])
    monkeypatch.setattr(constitution_tab, "distill", fake_distill)
    monkeypatch.setattr(constitution_tab, "compare_models", fake_compare)


def fake_distillation(folder, run, steps=3, when=0.0):
    """A finished distillation of ``run`` in ``folder``, as core.constitution.run_distill writes one."""
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"lab": "sft", "kind": "distill", "revisions": str(run)}))
    (folder / "summary.json").write_text(json.dumps({"lab": "sft", "status": "finished", "steps": steps,
                                                     "examples": 4, "final_loss": 0.5}))
    (folder / "metrics.jsonl").write_text("".join(json.dumps({"step": i, "max_steps": steps, "loss": 2.0 / i}) + "\n"
                                                  for i in range(1, steps + 1)))
    if when:
        os.utime(folder / "config.json", (when, when))
    return folder


def test_opening_a_run_shows_its_newest_distillation_and_clears_another_runs(tab, tmp_path):
    run = fake_run(tmp_path)
    fake_distillation(tmp_path / "distill-old", run, steps=5, when=1_000_000)
    newest = fake_distillation(tmp_path / "distill-new", run, steps=3)
    other = tmp_path / "elsewhere" / "cai"
    other.mkdir(parents=True)
    fake_distillation(tmp_path / "distill-of-another", other)  # another run of the same name: not this one's
    tab.distill_page.eval_table.item(0, 0).setText("stale")

    assert tab.load_run(run)
    assert tab.distill_dir == newest
    x, y = tab.plot.series("loss")
    assert list(x) == [1, 2, 3] and list(y) == pytest.approx([2.0, 1.0, 2 / 3])
    assert tab.distill_progress.status.text() == "finished · 3 steps · 4 answers · final loss 0.500"
    # the tiny model has no shipped tutor: the "before" is the base model
    assert tab.eval_note.text().startswith(f"Before: the base model (no shipped tutor). After: {newest.name}.")
    assert tab.eval_value("eval", "helpful", 0) == "—"  # a tutor measured before is not this one

    lone = tmp_path / "lone"
    lone.mkdir()
    assert tab.load_run(fake_run(lone))
    assert tab.distill_dir is None and tab.distill_progress.status.text() == "Idle"
    assert len(tab.plot.series("loss")[0]) == 0


def test_a_run_whose_answers_are_all_empty_is_not_distilled(tab, qtbot, tmp_path, fake_jobs):
    run = fake_run(tmp_path)
    recs = [json.loads(line) for line in (run / "records.jsonl").read_text().splitlines()]
    (run / "records.jsonl").write_text("".join(json.dumps({**r, "final": ""}) + "\n" for r in recs))
    assert tab.load_run(run)
    tab.only_accepted.setChecked(False)
    assert tab.distill_count() == 0
    qtbot.mouseClick(tab.distill_progress.start_button, Qt.MouseButton.LeftButton)
    errors = open_errors(tab)
    assert len(errors) == 1 and "is empty: the model wrote nothing" in errors[0].text() and not tab.runner.running


def test_distill_accepted_fills_loss_plot_then_eval_and_pairs(tab, qtbot, tmp_path, home, fake_jobs):
    run = fake_run(tmp_path)
    assert tab.load_run(run) and tab.table.rowCount() == 4
    tab.send_button.click()
    assert open_errors(tab)  # nothing accepted yet and "only accepted" is on: refused with a message
    for box in open_errors(tab):
        box.close()
    tab.table.selectRow(0)
    tab.accept_button.click()
    tab.table.selectRow(3)
    tab.accept_button.click()
    tab.max_steps.setValue(3)
    qtbot.mouseClick(tab.distill_progress.start_button, Qt.MouseButton.LeftButton)
    warning = tab.distill_warning  # 2 revisions: asked first, and Cancel distills nothing
    assert warning.isVisible() and "few answers (2)" in warning.text() and not tab.runner.running
    warning.button(QMessageBox.StandardButton.Cancel).click()
    assert not tab.runner.running
    qtbot.mouseClick(tab.distill_progress.start_button, Qt.MouseButton.LeftButton)
    go = next(b for b in tab.distill_warning.buttons() if b.text() == "Distill anyway")
    with qtbot.waitSignal(tab.runner.finished, timeout=30_000):
        go.click()
    assert not open_errors(tab)
    assert tab.results["distill"]["passed"] == {"run": str(run), "only_accepted": True, "epochs": tab.epochs.value()}
    x, y = tab.plot.series("loss")
    assert list(x) == [1, 2, 3] and list(y) == pytest.approx([2.0, 1.0, 2 / 3])
    axis = tab.plot.plot_widget.getPlotItem().getAxis("left")
    assert not axis.autoSIPrefix and "x0.001" not in axis.labelString()  # the loss reads as it is
    assert tab.distill_dir.parent == home / "runs" and tab.distill_dir.name.startswith("distill")
    assert tab.distill_progress.status.text() == "finished · 3 steps · 2 answers · final loss 0.667"
    assert tab.distill_dir.name in tab.eval_note.text()

    tab.eval_limit.setValue(8)
    with qtbot.waitSignal(tab.runner.finished, timeout=30_000):
        qtbot.mouseClick(tab.eval_button, Qt.MouseButton.LeftButton)
    assert not open_errors(tab)
    def cell(set_key, key, col):  # the interval on the rate's line or (a narrow column) on its own
        return tab.eval_value(set_key, key, col).replace("\n(", " (")

    for col in (0, 1):  # each rate with its 95% interval and count
        assert cell("redteam", "harmless", col) == "25% (7–59)\n2/8"
        assert cell("eval", "honest", col) == "75% (30–95)\n3/4"
        assert cell("redteam", "honest", col) == "75% (30–95)\n3/4"
        assert cell("eval", "helpful", col) == "50% (15–85)\n2/4"
    table = tab.distill_page.eval_table
    tab.pages.setCurrentIndex(2)  # page 3 shown: its table is laid out
    tab.window().show()
    table.setFixedWidth(table.verticalHeader().width() + 2 * table.fontMetrics().horizontalAdvance("75% (30–95)") + 80)
    qtbot.waitUntil(lambda: tab.eval_value("eval", "honest", 0) == "75% (30–95)\n3/4")  # room: two lines
    table.setFixedWidth(table.verticalHeader().width() + 2 * table.fontMetrics().horizontalAdvance("75% (30"))
    qtbot.waitUntil(lambda: tab.eval_value("eval", "honest", 0) == "75%\n(30–95)\n3/4")  # cut: three lines
    assert table.verticalHeader().defaultSectionSize() >= 3 * table.fontMetrics().lineSpacing()
    with pytest.raises(ValueError):  # no harmless on the dev set: every reply to a plain sentence is harmless
        tab.eval_value("eval", "harmless", 0)
    assert tab.eval_note.text().startswith(f"Before: the shipped tutor. After: {tab.distill_dir.name}. 8 dev + 8")
    assert tab.eval_progress.status.text() == "evaluated 8 + 8 sentences"  # the eval's own line
    assert tab.distill_progress.status.text() == "finished · 3 steps · 2 answers · final loss 0.667"  # kept

    assert tab.send_pairs() == 2
    assert "Added 2 pairs" in tab.send_note.text()
    from core.store import PreferenceStore

    with PreferenceStore(home / "preferences.sqlite3") as store:
        assert {p.source for p in store.pairs()} == {"constitution"} and len(store.pairs()) == 2


def test_stop_answers_within_a_second(tab, qtbot, tmp_path, monkeypatch, fake_jobs):
    import time

    from gui.tabs import constitution_tab

    monkeypatch.setattr(constitution_tab, "distill", fake_distill_until_stopped)
    tab.only_accepted.setChecked(False)
    assert tab.load_run(fake_run(tmp_path, n=8))
    tab.start_distill()
    qtbot.waitUntil(lambda: len(tab.plot.series("loss")[0]) > 2, timeout=10_000)
    assert tab.distill_progress.stop_button.isEnabled() and not tab.run_progress.stop_button.isEnabled()
    assert not tab.run_progress.start_button.isEnabled() and not tab.eval_button.isEnabled()
    start = time.monotonic()
    with qtbot.waitSignal(tab.runner.finished, timeout=5_000):
        qtbot.mouseClick(tab.distill_progress.stop_button, Qt.MouseButton.LeftButton)
    assert time.monotonic() - start < 1.0
    assert tab.distill_progress.status.text() == "stopped" and tab.eval_button.isEnabled()


def test_a_failed_job_shows_its_error(tab, qtbot, monkeypatch, fake_jobs):
    from gui.tabs import constitution_tab

    monkeypatch.setattr(constitution_tab, "compare_models", boom_compare)
    with qtbot.waitSignal(tab.runner.finished, timeout=10_000):
        qtbot.mouseClick(tab.eval_button, Qt.MouseButton.LeftButton)
    boxes = open_errors(tab)
    assert len(boxes) == 1 and "out of cheese" in boxes[0].text()
    assert tab.eval_progress.status.text().startswith("failed: ") and tab.eval_button.isEnabled()


def boom_compare(spec, home, adapters, data, limit, *, on_metrics, cancel):
    raise RuntimeError("out of cheese")


def test_drag_reorder_is_one_undo_step(tab, qtbot):
    from PySide6.QtCore import QModelIndex

    start = names(tab)
    assert tab.editor.list.model().moveRow(QModelIndex(), 3, QModelIndex(), 0)  # what an internal drop does
    qtbot.waitUntil(lambda: names(tab) == [start[3], *start[:3]], timeout=2000)
    tab.editor.stack.undo()
    assert names(tab) == start and tab.editor.list.item(0).text() == start[0]


def test_try_it_uses_the_principle_as_typed_on_the_kept_model(main, tab, qtbot, monkeypatch):
    """The real tiny model in the window's model session: the unsaved critique request is the one asked, the
    revision request follows the model's critique, and a second try does not load the model again."""
    session, sent = main.model_session, []
    request = session.request
    monkeypatch.setattr(session, "request", lambda spec, adapter, chats, gen=None: sent.append(chats[0]) or
                        request(spec, adapter, chats, gen))
    tab.max_new_tokens.setValue(4)
    tab.editor.select(2)
    tab.editor.critique.setPlainText("Is the tone gentle? One sentence.")  # typed, not saved
    assert "Harmless: kind and modest" in tab.try_it.principle_label.text()
    tab.try_it.pick_sample(0)
    assert tab.try_it.samples[0]["kind"] == "redteam" and "idiot" in tab.try_it.reply.toPlainText()
    qtbot.mouseClick(tab.try_it.try_button, Qt.MouseButton.LeftButton)
    assert not tab.try_it.try_button.isEnabled() and tab.try_it.stop_button.isEnabled()
    qtbot.waitUntil(lambda: tab.try_it.result is not None, timeout=120_000)
    result = tab.try_it.result
    assert sent[0][-1] == {"role": "user", "content": "Is the tone gentle? One sentence."}
    assert sent[0][-2] == {"role": "assistant", "content": tab.try_it.samples[0]["reply"]}
    assert sent[1][-2] == {"role": "assistant", "content": result["critique"]}
    assert sent[1][-1]["content"] == principles.load().principles[2].revision
    assert tab.try_it.critique_view.toPlainText() == result["critique"]
    assert tab.try_it.revision_view.toPlainText() == result["revision"]
    assert "critique and revision in" in tab.try_it.status.text() and tab.try_it.verdict.text()
    assert tab.editor.dirty  # trying saves nothing
    loads = session.loads
    own = tab.try_it.sample.count() - 1
    tab.try_it.pick_sample(own)
    tab.try_it.prompt.setText("Check this sentence: She go home.")
    tab.try_it.reply.setPlainText("Checked: She goes home.\nVerb: go → goes. You idiot.")
    qtbot.mouseClick(tab.try_it.try_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.try_it.result is not None, timeout=60_000)
    assert session.loads == loads == 1 and tab.try_it.result["reply"].endswith("You idiot.")
    assert "load" not in tab.try_it.status.text()


def finished_run(tmp_path, n=4, unchanged=()):
    """fake_run plus what a finished loop writes beside its records: config.json and constitution.json."""
    import dataclasses

    from core.config import ConstitutionConfig

    run = fake_run(tmp_path, n, unchanged)
    cfg = ConstitutionConfig(model="tiny", out=str(run), limit=n, rounds=1, max_new_tokens=4)
    (run / "config.json").write_text(json.dumps({"lab": "constitution", **dataclasses.asdict(cfg)}))
    c = principles.load()
    (run / "constitution.json").write_text(json.dumps({"name": c.name, "principles": [vars(p) for p in
                                                                                     c.principles]}))
    return run


def test_ablation_config_differs_only_in_the_disabled_principle(tmp_path):
    import dataclasses

    from core.constitution import ablation_config, without

    run = finished_run(tmp_path)
    cfg = ablation_config(run, "harmless", tmp_path / "out")
    saved = json.loads((run / "config.json").read_text())
    changed = {k for k, v in dataclasses.asdict(cfg).items() if saved.get(k) != (list(v) if isinstance(v, tuple)
                                                                                 else v)}
    assert changed == {"without", "out", "constitution"} and cfg.without == ("harmless",)
    assert principles.load(cfg.constitution) == principles.load()  # the run's principles, not the editor's
    assert [p.enabled for p in without(principles.load(cfg.constitution), cfg.without).principles] == [
        True, True, False, False]
    with pytest.raises(ValueError, match="'Kindness'"):
        ablation_config(run, "Kindness", tmp_path / "out2")


def fake_ablation(cfg, sft, with_run, with_tutor, only_accepted, limit, home, *, on_metrics, cancel):
    """Stands in for core.constitution.ablation: what the tab passed, and rates it can show."""
    from core.stats import interval

    on_metrics({"phase": "without Harmless: critique & revise", "step": 1, "max_steps": 2})
    k = {"with": {"harmless": 38, "honest": 20, "helpful": 15}, "without": {"harmless": 24, "honest": 19,
                                                                             "helpful": 15}}
    results = {side: {s: {rate: interval(k[side][rate], 40) for rate in ("harmless", "honest", "helpful")}
                      for s in ("eval set", "test set", "red-team", "red-team test")} for side in k}
    return {"without": cfg.without[-1], "runs": {"with": with_run, "without": cfg.out},
            "tutors": {"with": with_tutor or sft.out + "-with", "without": sft.out}, "limit": limit,
            "results": results, "passed": {"cfg": cfg, "sft": sft, "only_accepted": only_accepted}}


@pytest.fixture
def ablation_job(monkeypatch):
    from core import constitution
    from gui import worker

    monkeypatch.setattr(worker, "JOB_PACKAGES", [*worker.JOB_PACKAGES, __name__.split(".")[0]])
    monkeypatch.setattr(constitution, "ablation", fake_ablation)


def test_run_without_a_principle_shows_both_side_by_side(main, tab, qtbot, tmp_path, home, ablation_job):
    assert tab.load_run(finished_run(tmp_path))
    tab.pages.setCurrentIndex(2)
    assert tab.without.currentText() == "Harmless: kind and modest"  # the lab's question, offered first
    assert [tab.without.itemText(i) for i in range(tab.without.count())] == [
        p.name for p in principles.load().enabled()]
    tab.eval_limit.setValue(40)
    with qtbot.waitSignal(tab.runner.finished, timeout=30_000):
        qtbot.mouseClick(tab.ablation_progress.start_button, Qt.MouseButton.LeftButton)
    assert not open_errors(tab)
    passed = tab.results["ablation"]["passed"]
    assert passed["cfg"].without == ("Harmless: kind and modest",) and passed["cfg"].limit == 4
    assert passed["cfg"].out.startswith(str(home / "runs" / "constitution-without-harmless-"))
    assert passed["sft"].out.startswith(str(home / "runs" / "distill-without-harmless-"))
    table = tab.ablation_table
    main.resize(1600, 1000)  # wide: rate and interval on one line, the count on the next
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "95% (83–99)\n38/40")
    assert table.item(0, 1).text() == "60% (45–74)\n24/40"
    assert table.item(2, 1).text().endswith("19/40")
    table.setFixedWidth(table.verticalHeader().width() + 2 * table.fontMetrics().horizontalAdvance("95% (8"))
    # narrow, beside the plot, no room for a third line: the count goes to the tooltip
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "95%\n(83–99)")
    assert "38 of 40" in tab.ablation_table.item(0, 0).toolTip()
    assert "Without “Harmless: kind and modest”" in tab.ablation_note.toolTip()  # the runs compared
    assert tab.ablation_note.text().startswith("Without “Harmless”: rate (95% interval) and count")
    assert tab.ablation_progress.status.text().startswith("finished")


def test_language_switch_keeps_the_tab(main, tab, qtbot, tmp_path, ablation_job):
    assert tab.load_run(finished_run(tmp_path, n=5, unchanged=(1,)))
    tab.limit.setValue(7)
    tab.rounds.setValue(3)
    tab.order.setCurrentIndex(1)
    tab.reviser.setText("/models/reviser")
    tab.epochs.setValue(1.5)
    tab.only_accepted.setChecked(False)
    tab.eval_limit.setValue(12)
    tab.editor.select(1)
    tab.table.selectRow(3)
    tab.without.setCurrentIndex(0)
    with qtbot.waitSignal(tab.runner.finished, timeout=30_000):
        tab.start_ablation()
    tab.try_it.pick_sample(6)
    tab.try_it.show_result({"principle": "Helpful: the right correction", "prompt": "p", "reply": "a b",
                            "critique": "It is fine.", "revision": "a c", "problem": "", "seconds": 1.2,
                            "load_seconds": 0.0})
    tab.pages.setCurrentIndex(2)
    before = tab.ablation_table.item(0, 1).text()

    assert main.set_language("es")
    new = main.tabs.widget(0)
    assert new is not tab and new.pages.tabText(0) != "1 · Try it"
    assert (new.limit.value(), new.rounds.value(), new.order.currentData()) == (7, 3, "random")
    assert new.reviser.text() == "/models/reviser" and new.epochs.value() == 1.5
    assert not new.only_accepted.isChecked() and new.eval_limit.value() == 12
    assert new.table.rowCount() == 5 and new.selected_rows() == [3] and new.pages.currentIndex() == 2
    assert new.table.item(1, REVISED_COL).text() != tab.table.item(1, REVISED_COL).text()  # in Spanish now
    assert new.without.currentIndex() == 0 and new.ablation_table.item(0, 1).text() == before
    assert new.editor.list.currentRow() == 1
    assert new.try_it.sample.currentIndex() == 6 and new.try_it.critique_view.toPlainText() == "It is fine."
    assert new.try_it.revision_view.toPlainText() == "a c" and new.try_it.result["seconds"] == 1.2
    assert main.set_language("en")
    back = main.tabs.widget(0)
    assert back.ablation_progress.status.text().startswith("finished") and back.limit.value() == 7


def test_unsaved_edits_survive_closing_the_window(qtbot, home):
    """Closing with unsaved edits keeps them as a draft: the next window shows them again, unsaved, and Undo
    goes back to the saved file; saved ones leave no draft behind."""
    from gui.main_window import MainWindow
    from gui.tabs.constitution_tab import DRAFT

    def window():
        win = MainWindow(home=home, model_spec="tiny", tabs=[("Constitution", ConstitutionTab)])
        qtbot.addWidget(win)
        return win, win.tabs.widget(0)

    win, tab = window()
    saved = tab.editor.constitution()
    tab.editor.select(1)
    tab.editor.critique.setPlainText("Is every correction in the reply a real one?")
    assert tab.editor.dirty
    win.close()
    draft = tab.editor.path.with_name(DRAFT)
    assert draft.is_file() and principles.load(tab.editor.path) == saved  # the working copy is untouched

    win, tab = window()
    assert tab.editor.dirty and tab.editor.constitution().principles[1].critique.startswith("Is every correction")
    assert not draft.exists()  # held by the editor now
    tab.editor.stack.undo()
    assert tab.editor.constitution() == saved
    tab.editor.stack.redo()
    assert tab.editor.save()
    win.close()
    assert not draft.exists()

    win, tab = window()
    assert not tab.editor.dirty
    assert tab.editor.constitution().principles[1].critique.startswith("Is every correction")
    win.close()


def test_the_distill_line_counts_in_the_singular_and_names_answers(qtbot):
    """A distillation learns from final answers (revised or kept as they were), and one is not "1 revisions"."""
    from gui.widgets.distill_page import DistillPage

    page = DistillPage()
    qtbot.addWidget(page)
    page.show_distill({"status": "finished", "steps": 1, "examples": 1, "final_loss": None, "out": "/runs/distill-1"})
    assert page.distill_progress.status.text() == "finished · 1 step · 1 answer"
    page.show_distill({"status": "finished", "steps": 2, "examples": 5, "final_loss": 0.5, "out": "/runs/distill-2"})
    assert page.distill_progress.status.text() == "finished · 2 steps · 5 answers · final loss 0.500"


def test_a_narrow_columns_title_ends_in_an_ellipsis(qtbot):
    """At 1024 px the Rounds table's columns are narrower than "First answer": the title must read "First ans…",
    not "irst answe" (Qt's headers clip centred text at both ends unless told to elide)."""
    from PySide6.QtCore import Qt

    from gui.widgets.rounds_table import RoundsTable
    from gui.widgets.style import result_table

    rounds = RoundsTable()
    qtbot.addWidget(rounds)
    assert rounds.table.horizontalHeader().textElideMode() == Qt.TextElideMode.ElideRight
    assert result_table(["Sentence", "Base model reply"], 1).horizontalHeader().textElideMode() == \
        Qt.TextElideMode.ElideRight
