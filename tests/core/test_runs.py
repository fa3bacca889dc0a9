"""Run folders read back for the history: listing (broken folders included), status, CSV export, deletion."""

from __future__ import annotations

import csv
import json
import os
import subprocess

import pytest

from core.runs import (
    RunDir,
    data_name,
    delete_run,
    headline,
    is_run_dir,
    key_settings,
    list_runs,
    metrics_to_csv,
    read_run,
)


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def make_run(folder, lab="dpo", config=None, events=(), summary=None, status="finished", started=None):
    """A run folder written through the real :class:`RunDir`; ``summary=None`` leaves the run running."""
    run = RunDir(folder, lab)
    run.start(config or {"pairs": "data/pairs_train.jsonl", "beta": 0.1, "learning_rate": 5e-5, "epochs": 1.0,
                         "max_steps": -1, "lora_rank": 16, "loss_type": "sigmoid"})
    for event in events:
        run.log(event)
    if summary is not None:
        run.finish(summary, status)
    if started is not None:
        os.utime(run.path / "config.json", (started, started))
    return run.path


@pytest.fixture
def runs(tmp_path):
    root = tmp_path / "runs"
    losses = [{"step": s, "loss": 1.0 / s, "rewards/margins": 0.1 * s} for s in range(1, 4)]
    make_run(root / "dpo-a", events=losses, started=1000,
             summary={"steps": 3, "eval_before": {"honest": 0.25}, "eval_after": {"honest": 0.5, "rows": []}})
    make_run(root / "rm-b", lab="reward", config={"pairs": "store", "learning_rate": 5e-4}, started=2000,
             events=[{"step": 1, "loss": 0.7, "accuracy": 0.5}], summary={"steps": 1, "heldout_accuracy": 0.8})
    return root


def test_list_runs_newest_first_with_settings_and_headline(runs):
    infos = list_runs(runs)
    assert [i.path.name for i in infos] == ["rm-b", "dpo-a"]
    reward, dpo = infos
    assert (reward.lab, reward.status, dpo.status) == ("reward", "finished", "finished")
    assert data_name(reward.config) == "store" and data_name(dpo.config) == "pairs_train.jsonl"
    assert key_settings(dpo.config) == {"beta": 0.1, "loss_type": "sigmoid", "learning_rate": 5e-5,
                                        "epochs": 1.0, "lora_rank": 16}  # max_steps -1: not set
    assert headline(dpo) == {"final_loss": pytest.approx(1 / 3), "steps": 3, "honest_before": 0.25,
                             "honest_after": 0.5}
    assert headline(reward)["heldout_accuracy"] == 0.8


def test_a_dpo_run_that_logged_its_loss_in_parts_heads_with_the_preference_loss(tmp_path):
    """The sum with the SFT term (6.2 where the plots show 0.69 and 5.5) is drawn nowhere."""
    make_run(tmp_path / "dpo-parts", events=[{"step": 1, "loss": 6.2, "preference_loss": 0.69, "nll_loss": 5.51}],
             summary={"steps": 1, "final_loss": 6.2})
    assert headline(read_run(tmp_path / "dpo-parts")) == {"final_preference_loss": 0.69, "steps": 1}


def test_broken_and_interrupted_folders_list_as_interrupted(runs):
    make_run(runs / "dead", events=[{"step": 1, "loss": 0.5}])          # status running, pid of this process
    RunDir(runs / "dead", "dpo").set_status("running", pid=dead_pid())   # ... now a dead process's
    torn = make_run(runs / "torn", summary={"steps": 1})
    with open(torn / "metrics.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"step": 2, "lo')
    no_summary = make_run(runs / "no-summary", summary={"steps": 1})
    (no_summary / "summary.json").unlink()
    garbage = runs / "garbage"
    garbage.mkdir()
    (garbage / "config.json").write_text("{not json", encoding="utf-8")
    (garbage / "status.json").write_bytes(b"\xff\xfe")
    (garbage / "metrics.jsonl").write_text("[1, 2]\nnull\n", encoding="utf-8")
    (runs / "not-a-run").mkdir()
    (runs / "notes.txt").write_text("hello", encoding="utf-8")

    status = {i.path.name: i.status for i in list_runs(runs)}
    assert status == {"dpo-a": "finished", "rm-b": "finished", "dead": "interrupted", "torn": "interrupted",
                      "no-summary": "interrupted", "garbage": "interrupted"}
    assert read_run(torn).torn and read_run(garbage).lab == ""
    assert headline(read_run(runs / "dead")) == {"final_loss": 0.5, "steps": 1}


def test_running_and_failed_runs_keep_their_status(runs):
    make_run(runs / "live", events=[{"step": 1, "loss": 0.5}])  # this process is alive
    with open(runs / "live" / "metrics.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"step": 2')  # a live writer mid-line is not a torn run
    failed = RunDir(runs / "failed", "sft")
    failed.start({"data": "data/sft.jsonl"})
    failed.set_status("failed", error="RuntimeError: boom", log="/tmp/preflab.log")
    by_name = {i.path.name: i for i in list_runs(runs)}
    assert by_name["live"].status == "running"
    assert by_name["failed"].status == "failed"
    assert by_name["failed"].status_info["error"] == "RuntimeError: boom"


def test_list_runs_includes_extra_folders_once_and_tolerates_a_missing_root(tmp_path, runs):
    elsewhere = make_run(tmp_path / "elsewhere" / "sft-x", lab="sft", config={"data": "d.jsonl"},
                         summary={"final_loss": 0.3}, started=3000)
    infos = list_runs(runs, [elsewhere, runs / "dpo-a", tmp_path / "nothing-here"])
    assert [i.path.name for i in infos] == ["sft-x", "rm-b", "dpo-a"]
    assert list_runs(tmp_path / "missing", [elsewhere])[0].lab == "sft"
    assert list_runs(None) == []


def test_metrics_to_csv_has_union_of_keys_step_first(runs, tmp_path):
    run = make_run(runs / "csv", events=[{"loss": 0.9, "step": 1}, {"step": 2, "eval_loss": 0.8, "nested": {"a": 1}}],
                   summary={})
    with open(run / "metrics.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"step": 3, "lo')  # torn last line: skipped
    out = tmp_path / "out" / "m.csv"
    assert metrics_to_csv(run, out) == 2
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows == [["step", "loss", "eval_loss", "nested"], ["1", "0.9", "", ""], ["2", "", "0.8", '{"a": 1}']]
    assert not [p for p in out.parent.iterdir() if p.name != "m.csv"]  # no temp file left behind
    assert metrics_to_csv(tmp_path / "no-run", tmp_path / "empty.csv") == 0
    assert (tmp_path / "empty.csv").read_text(encoding="utf-8") == "step\n"


def test_delete_run_is_confined_to_the_runs_dir_or_opened_folders(runs, tmp_path):
    delete_run(runs / "dpo-a", runs)
    assert not (runs / "dpo-a").exists() and (runs / "rm-b").exists()

    outside = make_run(tmp_path / "outside", summary={})
    for bad in (outside, runs, tmp_path, runs / ".." / "outside", runs / "missing"):
        with pytest.raises(ValueError):
            delete_run(bad, runs)
    assert outside.exists() and runs.exists()
    plain = runs / "plain"
    plain.mkdir()
    (plain / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError):  # inside, but not a run folder
        delete_run(plain, runs)
    assert plain.exists()

    delete_run(outside, runs, opened=[outside])  # opened by hand: allowed
    assert not outside.exists()


def test_delete_run_removes_a_link_not_its_target(runs, tmp_path):
    target = make_run(tmp_path / "target", summary={})
    link = runs / "link"
    link.symlink_to(target, target_is_directory=True)
    assert is_run_dir(link)
    delete_run(link, runs)
    assert not link.exists() and (target / "config.json").exists()


def test_summary_status_wins_over_a_missing_status_file(runs):
    (runs / "rm-b" / "status.json").unlink()
    assert read_run(runs / "rm-b").status == "finished"
    assert json.loads((runs / "rm-b" / "summary.json").read_text())["status"] == "finished"


def test_a_reward_models_start_is_read_from_its_start_adapter(tmp_path):
    from core.runs import RunInfo, start_adapter

    def info(config):
        return RunInfo(tmp_path, "reward", "finished", 0.0, config, None, {}, False)

    assert start_adapter(info({"model": "smollm2", "start_adapter": "shipped"})) == "shipped"
    assert start_adapter(info({"model": "smollm2", "start_adapter": "none"})) == "none"
    assert start_adapter(info({"model": "smollm2"})) == ""  # trained before the option: not recorded
    assert start_adapter(info({"adapter": "shipped"})) == "shipped"  # a DPO run
    assert start_adapter(info({"model": "tiny", "adapter": "shipped"})) == "none"  # no shipped tutor: the base


def test_a_constitution_run_without_a_principle_says_so_in_its_settings():
    assert key_settings({"rounds": 3, "without": ["Harmless: kind and modest"]}) == {"without": "Harmless",
                                                                                       "rounds": 3}
    assert key_settings({"rounds": 3, "without": []}) == {"rounds": 3}
