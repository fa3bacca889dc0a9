"""Runs tab: history of fake run folders, reopen, overlay, CSV export, interrupted runs, delete."""

from __future__ import annotations

import csv
import os
import subprocess

import pytest

from core.runs import RunDir
from core.workspace import runs_dir


def make_run(folder, lab="dpo", beta=0.1, steps=4, summary=True, started=1_700_000_000):
    run = RunDir(folder, lab)
    run.start({"pairs": "data/pairs_train.jsonl", "beta": beta, "learning_rate": 5e-5, "epochs": 1.0,
               "lora_rank": 16, "loss_type": "sigmoid"})
    for s in range(1, steps + 1):
        run.log({"step": s, "loss": 0.69 / s, "rewards/chosen": 0.1 * s, "rewards/rejected": -0.1 * s,
                 "rewards/margins": 0.2 * s, "rewards/accuracies": min(1.0, 0.3 * s), "accuracy": 0.5,
                 "margin": 0.1 * s})
    if summary:
        run.finish({"steps": steps, "eval_before": {"honest": 0.2}, "eval_after": {"honest": 0.6}})
    os.utime(run.path / "config.json", (started, started))
    return run.path


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFLAB_SETTINGS", str(tmp_path / "settings.ini"))  # not the learner's settings


@pytest.fixture
def tab(qtbot, home):
    from gui.main_window import MainWindow
    from gui.tabs.runs_tab import RunsTab

    win = MainWindow(home=home, model_spec="tiny", tabs=[("Runs", RunsTab)])
    qtbot.addWidget(win)
    return win.tabs.widget(0)


@pytest.fixture
def root(home):
    return runs_dir(home)


def row_of(tab, path) -> int:
    return next(r for r, info in enumerate(tab.runs) if info.path == path)


def cell(tab, path, column: int) -> str:
    return tab.table.item(row_of(tab, path), column).text()


def test_runs_tab_is_the_last_tab():
    from gui.main_window import TABS

    assert TABS[-1][0] == "Runs"


def test_open_a_finished_run_from_history(tab, root):
    run = make_run(root / "dpo-1")
    rm = make_run(root / "rm-1", lab="reward", started=1_700_000_600)
    tab.refresh()
    assert [i.path for i in tab.runs] == [rm, run]
    assert cell(tab, run, 0) == "DPO" and cell(tab, run, 2) == "pairs_train.jsonl"
    assert cell(tab, run, 3) == "—" and cell(tab, rm, 0) == "reward model"
    assert "β=0.1" in cell(tab, run, 4) and cell(tab, run, 5) == "finished"
    assert "honest 20% → 60%" in cell(tab, run, 6)

    tab.select_runs([run])
    assert [p.plot_widget.getPlotItem().titleLabel.text for p in tab.plots][0] == "DPO loss"
    assert len(tab.plots) == 4 and tab.plots[0].keys == ["loss"]
    assert tab.plots[0].series("loss")[0].tolist() == [1, 2, 3, 4]
    assert tab.plots[1].series("rewards/rejected")[1][-1] == pytest.approx(-0.4)
    top = [tab.summary.topLevelItem(i).text(0) for i in range(tab.summary.topLevelItemCount())]
    assert top == ["Run", "Summary", "Settings"]
    settings = tab.summary.topLevelItem(2)
    rows = {settings.child(i).toolTip(0): settings.child(i).text(0) for i in range(settings.childCount())}
    assert rows["learning_rate"] == "learning rate" and rows["beta"] == "beta (β)"  # words; the file's key as tip

    tab.select_runs([rm])  # keys the run never logged (held-out here) get no empty legend entry
    assert [p.keys for p in tab.plots] == [["loss"], ["accuracy"], ["margin"]]
    assert len(tab.plots[2].series("margin")[0]) == 4


def test_the_count_of_runs_reads_in_the_singular_for_one(tab, root):
    make_run(root / "dpo-1")
    tab.refresh()
    tab.select_runs([])
    assert tab.hint.text() == "1 run"
    make_run(root / "dpo-2", started=1_700_000_600)
    tab.refresh()
    tab.select_runs([])
    assert tab.hint.text() == "2 runs"


def test_overlay_two_runs_of_one_lab(tab, root):
    a = make_run(root / "dpo-a", beta=0.1)
    b = make_run(root / "dpo-b", beta=0.5, steps=6, started=1_700_001_200)
    rm = make_run(root / "rm", lab="reward")
    tab.refresh()
    tab.select_runs([a, b, rm])
    assert not tab.compare_button.isEnabled()  # two labs
    tab.select_runs([a, b])
    assert tab.compare_button.isEnabled()
    tab.compare_button.click()
    names = tab.plots[0].series_names()
    assert len(names) == 2 and "β=0.1" in names[0] and "β=0.5" in names[1]
    assert all(n.startswith("DPO β=") and n.endswith(")") for n in names)
    assert len(tab.plots[0].series(names[1])[0]) == 6 and len(tab.plots[0].series(names[0])[0]) == 4
    # the chosen/rejected plot carries both keys per run
    assert len(tab.plots[1].series_names()) == 4
    assert tab.summary.topLevelItemCount() == 2
    assert tab.overlay_note.isVisibleTo(tab) and "Overlay of 2 runs (DPO)" in tab.overlay_note.text()
    assert not tab.overlay_warning.isVisibleTo(tab)  # same kind, losses of one scale


def test_export_csv_and_a_plot(tab, root, tmp_path):
    run = make_run(root / "dpo-1")
    tab.refresh()
    tab.select_runs([run])
    out = tab.export_csv(tmp_path / "m.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4 and list(rows[0])[0] == "step" and float(rows[-1]["loss"]) == pytest.approx(0.1725)
    png = tab.plots[0].export(tmp_path / "loss.png")
    assert png.stat().st_size > 0


def test_interrupted_and_broken_runs_show_and_do_not_crash(tab, root):
    dead = make_run(root / "dead", summary=False)
    proc = subprocess.Popen(["true"])
    proc.wait()
    RunDir(dead, "dpo").set_status("running", pid=proc.pid)
    with open(dead / "metrics.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"step": 5, "lo')
    broken = root / "broken"
    broken.mkdir(parents=True)
    (broken / "config.json").write_text("{", encoding="utf-8")
    (broken / "metrics.jsonl").write_text('"just a string"\n{"step": "x", "loss": "y"}\n', encoding="utf-8")
    failed = RunDir(root / "failed", "sft")
    failed.start({"data": "data/sft.jsonl"})
    failed.set_status("failed", error="RuntimeError: out of memory", log="/tmp/preflab/app.log")
    tab.refresh()
    assert cell(tab, dead, 5) == "interrupted" and cell(tab, broken, 5) == "interrupted"
    assert cell(tab, failed.path, 5) == "failed" and "out of memory" in cell(tab, failed.path, 6)

    tab.select_runs([dead])
    assert tab.plots[0].series("loss")[0].tolist() == [1, 2, 3, 4]
    run_node = tab.summary.topLevelItem(0)
    details = {run_node.child(i).text(0): run_node.child(i).text(1) for i in range(run_node.childCount())}
    assert details["status"] == "interrupted" and "half-written" in details["why interrupted"]
    tab.select_runs([broken])
    assert tab.plots == [] and tab.placeholder.isVisibleTo(tab)
    tab.select_runs([failed.path])  # no metrics: no empty plots
    assert tab.plots == [] and tab.placeholder.isVisibleTo(tab)
    run_node = tab.summary.topLevelItem(0)
    details = {run_node.child(i).text(0): run_node.child(i).text(1) for i in range(run_node.childCount())}
    assert details["error"] == "RuntimeError: out of memory" and details["log"] == "/tmp/preflab/app.log"


def test_delete_removes_the_folder(tab, root, tmp_path):
    keep = make_run(root / "keep")
    gone = make_run(root / "gone", started=1_700_000_100)
    tab.refresh()
    tab.select_runs([gone])
    assert tab.delete_selected(confirm=False) == [gone]
    assert not gone.exists() and keep.exists()
    assert [i.path for i in tab.runs] == [keep] and tab.plots == []


def test_open_folder_lists_it_and_allows_deleting_it(tab, root, tmp_path):
    make_run(root / "in-runs")
    outside = make_run(tmp_path / "elsewhere" / "dpo-x", started=1_700_009_000)
    info = tab.open_folder(outside)
    assert info is not None and info.path == outside
    assert [i.path for i in tab.selected()] == [outside]
    assert tab.open_folder(tmp_path / "elsewhere") is None  # not a run folder: refused with a message
    assert tab.delete_selected(confirm=False) == [outside]
    assert not outside.exists() and (tmp_path / "elsewhere").exists()


def test_list_refreshes_when_the_tab_is_shown(qtbot, home, root):
    from gui.main_window import MainWindow
    from gui.tabs.runs_tab import RunsTab

    win = MainWindow(home=home, model_spec="tiny", tabs=[("Other", lambda w: RunsTab(w)), ("Runs", RunsTab)])
    qtbot.addWidget(win)
    win.show()
    tab = win.tabs.widget(1)
    assert tab.table.rowCount() == 0
    make_run(root / "new")
    win.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=2000)


def test_state_survives_a_rebuild(tab, root, tmp_path):
    from gui.tabs.runs_tab import RunsTab

    a, b = make_run(root / "dpo-a"), make_run(root / "dpo-b", beta=0.5, started=1_700_000_900)
    outside = make_run(tmp_path / "x" / "dpo-x", started=1_600_000_000)
    tab.open_folder(outside)
    tab.select_runs([a, b])
    tab.compare()
    new = RunsTab(tab.main)
    new.import_state(tab.export_state())
    assert outside in [i.path for i in new.runs]
    assert {i.path for i in new.selected()} == {a, b} and len(new.plots[0].series_names()) == 2
    new.deleteLater()


def make_sft(folder, loss, started, **config):
    """A tutor SFT run (or, with ``kind="distill"``, a distillation) whose loss starts at ``loss``."""
    run = RunDir(folder, "sft")
    run.start({"data": "data/sft.jsonl", "learning_rate": 2e-4, "epochs": 2.0, "lora_rank": 16, **config})
    for s in range(1, 5):
        run.log({"step": s, "loss": loss / s})
    run.finish({"steps": 4, "final_loss": loss / 4})
    os.utime(run.path / "config.json", (started, started))
    return run.path


def test_kinds_and_starting_adapters(tab, root, tmp_path):
    from core.models import SHIPPED_ADAPTER

    sft = make_sft(root / "sft-1", 2.7, 1_700_000_000, adapter="")
    distill = make_sft(root / "distill-1", 0.5, 1_700_000_100, data="", adapter=str(SHIPPED_ADAPTER),
                       kind="distill", revisions=str(root / "cai-1"))
    old_distill = make_sft(root / "mine", 0.5, 1_700_000_150, data="", adapter="")  # before kinds were recorded
    dpo = make_run(root / "dpo-1", started=1_700_000_200)
    RunDir(dpo, "dpo").start({"pairs": "data/pairs_train.jsonl", "adapter": str(sft / "adapter"), "beta": 0.1})
    cai = RunDir(root / "cai-1", "constitution")
    cai.start({"prompts": "data/cai_prompts.jsonl", "adapter": "shipped", "rounds": 2})
    cai.finish({"changed": 3, "prompts": 10})
    tab.refresh()
    assert [cell(tab, p, 0) for p in (sft, distill, old_distill, dpo, cai.path)] == [
        "tutor SFT", "distillation", "distillation", "DPO", "constitution loop"]
    assert [cell(tab, p, 3) for p in (sft, distill, dpo, cai.path)] == ["base model", "shipped tutor", "sft-1",
                                                                        "shipped tutor"]
    assert cell(tab, distill, 2) == "cai-1"  # a distillation's data: the constitution run's revisions
    tab.select_runs([distill])
    run_node = tab.summary.topLevelItem(0)
    details = {run_node.child(i).text(0): run_node.child(i).text(1) for i in range(run_node.childCount())}
    assert details["kind"] == "distillation" and details["started from"] == "shipped tutor"


def test_an_overlay_of_different_kinds_warns(tab, root):
    sft = make_sft(root / "sft-1", 2.7, 1_700_000_000)
    distill = make_sft(root / "distill-1", 0.13 * 4, 1_700_000_100, data="", kind="distill")
    tab.refresh()
    tab.select_runs([sft, distill])
    tab.compare()
    assert "tutor SFT" in tab.overlay_note.text() and "distillation" in tab.overlay_note.text()
    warning = tab.overlay_warning.text()
    assert tab.overlay_warning.isVisibleTo(tab) and "different kinds" in warning and "0.13 to 0.675" in warning
    other = make_sft(root / "sft-2", 2.7 * 10, 1_700_000_200)  # one kind, losses ten times apart
    tab.refresh()
    tab.select_runs([sft, other])
    tab.compare()
    assert "different scales" in tab.overlay_warning.text()


def test_export_while_comparing(tab, root, tmp_path):
    a = make_run(root / "dpo-a", beta=0.1)
    b = make_run(root / "dpo-b", beta=0.5, steps=6, started=1_700_001_200)
    tab.refresh()
    tab.select_runs([a, b])
    tab.compare()
    assert tab.csv_button.isEnabled()
    out = tab.export_csv(tmp_path / "both.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 10 and list(rows[0])[:2] == ["run", "step"]
    names = tab.plots[0].series_names()
    assert [r["run"] for r in rows] == [names[0]] * 4 + [names[1]] * 6
    for suffix in ("png", "svg"):
        drawn = tab.plots[0].export(tmp_path / f"overlay.{suffix}")
        assert drawn.stat().st_size > 0
    assert "β=0.5" in (tmp_path / "overlay.svg").read_text(encoding="utf-8")
    assert len(tab.shown) == 2  # still comparing


def test_a_language_switch_keeps_the_overlay(qtbot, home, root):
    from gui.main_window import MainWindow
    from gui.tabs.runs_tab import RunsTab

    win = MainWindow(home=home, model_spec="tiny", tabs=[("Runs", RunsTab)])
    qtbot.addWidget(win)
    sft = make_sft(root / "sft-1", 2.7, 1_700_000_000)
    distill = make_sft(root / "distill-1", 0.5, 1_700_000_100, data="", kind="distill")
    tab = win.tabs.widget(0)
    tab.refresh()
    tab.select_runs([sft, distill])
    tab.compare()
    assert win.set_language("es")
    new = win.tabs.widget(0)
    assert new is not tab and len(new.shown) == 2 and new.overlay_warning.isVisibleTo(new)
    assert win.set_language("en")


def test_a_dpo_runs_loss_is_drawn_as_the_dpo_tab_draws_it(tab, root):
    """Preference loss and SFT term apart, as in the DPO tab, not their sum (which reads 2.0 where the tab shows
    0.69); a run that logged only the sum still shows it."""
    run = RunDir(root / "dpo-parts", "dpo")
    run.start({"pairs": "data/pairs_train.jsonl", "beta": 0.1})
    for s in (1, 2):
        run.log({"step": s, "loss": 2.0 / s, "preference_loss": 0.69 / s, "nll_loss": 1.31 / s,
                 "eval_loss": 2.1, "eval_preference_loss": 0.7})
    run.finish({"steps": 2})
    old = make_run(root / "dpo-sum", started=1_700_000_600)
    tab.refresh()
    tab.select_runs([run.path])
    assert tab.plots[0].keys == ["preference_loss", "eval_preference_loss", "nll_loss"]
    assert tab.plots[0].series("preference_loss")[1].tolist() == pytest.approx([0.69, 0.345])
    tab.select_runs([old])
    assert tab.plots[0].keys == ["loss"]


def test_compared_dpo_losses_name_each_line_style(tab, root):
    """Compared, the DPO loss plot draws three keys per run: the caption must name each line's style (it said
    "dashed: held-out" while the SFT term was dashed too)."""
    from PySide6.QtCore import Qt

    runs = []
    for n, beta in enumerate((0.1, 0.5)):
        run = RunDir(root / f"dpo-{n}", "dpo")
        run.start({"pairs": "data/pairs_train.jsonl", "beta": beta})
        for s in (1, 2):
            run.log({"step": s, "loss": 2.0 / s, "preference_loss": 0.69 / s, "nll_loss": 1.31 / s,
                     "eval_loss": 2.1, "eval_preference_loss": 0.7})
        run.finish({"steps": 2})
        os.utime(run.path / "config.json", (1_700_000_000 + 100 * n,) * 2)
        runs.append(run.path)
    tab.refresh()
    tab.select_runs(runs)
    tab.compare()
    plot = tab.plots[0]
    assert plot.explanation.text() == "solid: train · dashed: held-out · dotted: SFT term"
    styles = {name: curve.opts["pen"].style() for name, (curve, _, _) in plot._extra.items()}
    assert sorted(s.name for s in styles.values()) == sorted(["SolidLine", "DashLine", "DotLine"] * 2)
    assert all(style == Qt.PenStyle.DotLine for name, style in styles.items() if name.endswith("SFT term"))
