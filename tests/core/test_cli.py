"""The ``preflab`` command line: the contract other issues and users rely on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from core.cli import main


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "core.cli", *args], capture_output=True, text=True,
                          timeout=600)


@pytest.mark.parametrize("argv, needle", [
    (["sft", "--model", "tiny"], "--out"),
    (["sft", "--model", "tiny", "--out", "x", "--epochs", "0"], "--epochs must be > 0"),
    (["sft", "--model", "tiny", "--out", "x", "--learning-rate", "-1"], "--learning-rate must be > 0"),
    (["sft", "--model", "tiny", "--out", "x", "--lora-rank", "0"], "--lora-rank must be > 0"),
    (["sft", "--model", "tiny", "--out", "x", "--data", "/nonexistent.jsonl"], "does not exist"),
    (["eval", "--data", "/nonexistent.jsonl"], "does not exist"),
    (["frobnicate"], "invalid choice"),
    ([], "no command"),
    (["tutor", "--model", "/no/such/model", "She go."], "does not exist"),
    (["sft", "--model", "tiny", "--resume", "/no/such/run"], "not a run folder"),
    (["sft", "--model", "tiny", "--resume", "a", "--out", "b"], "not allowed with argument"),
    (["rm", "--model", "tiny", "--out", "x"], "one of the arguments --pairs --from-store is required"),
    (["dpo", "--model", "tiny", "--pairs", "data/pairs_train.jsonl", "--beta", "0", "--out", "x"],
     "--beta must be > 0"),
    (["dpo", "--model", "tiny", "--pairs", "data/pairs_train.jsonl", "--loss", "kto", "--out", "x"],
     "invalid choice"),
    (["rm", "--model", "tiny", "--pairs", "data/pairs_train.jsonl", "--engine", "fast", "--out", "x"],
     "invalid choice"),
    (["rm", "--model", "tiny", "--pairs", "data/pairs_train.jsonl", "--start-adapter", "shipped", "--out", "x"],
     "start_adapter: 'shipped' is the SFT tutor trained on smollm2"),
])
def test_bad_input_is_one_line_and_exit_2(argv, needle, capsys, home):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err
    assert len(err.splitlines()) == 1, err


def test_sft_then_eval_json_then_tutor(home, tmp_path, capsys, no_network):
    data = tmp_path / "eval.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in [
        {"sentence": "She go home.", "correct": False, "gold": "She goes home."},
        {"sentence": "We play chess.", "correct": True, "gold": "We play chess."},
    ]) + "\n")
    sft_data = tmp_path / "sft.jsonl"
    sft_data.write_text("\n".join(json.dumps({
        "sentence": f"He walk {i} miles.", "correct": False, "gold": f"He walks {i} miles.", "kind": "third_person_s",
        "reply": f"Correction: He walks {i} miles.\nAdd -s."}) for i in range(8)) + "\n")
    run = tmp_path / "run"
    assert main(["sft", "--model", "tiny", "--data", str(sft_data), "--max-steps", "2", "--batch-size", "4",
                 "--out", str(run)]) == 0
    captured = capsys.readouterr()
    assert "step 2/2" in captured.err
    assert {"config.json", "metrics.jsonl", "summary.json", "adapter"} <= {p.name for p in run.iterdir()}
    assert main(["eval", "--model", "tiny", "--adapter", str(run), "--data", str(data), "--json"]) == 0
    rates = json.loads(capsys.readouterr().out)
    assert set(rates) == {"n", "helpful", "honest", "false_alarms", "missed", "harmless"} and rates["n"] == 2
    assert main(["tutor", "--model", "tiny", "--adapter", "none", "She go home."]) == 0
    capsys.readouterr()
    assert no_network == []


def test_resume_a_stopped_cli_run(home, tmp_path, capsys):
    from core.config import SftConfig
    from core.progress import CancelToken
    from core.sft import run_sft, sft_rows_from_file

    data = tmp_path / "sft.jsonl"
    data.write_text("".join(json.dumps({"sentence": f"He walk {i}.", "correct": False, "gold": f"He walks {i}.",
                                        "kind": "third_person_s", "reply": f"Correction: He walks {i}."}) + "\n"
                            for i in range(8)))
    cancel = CancelToken()
    run = tmp_path / "run"
    stop = lambda e: cancel.cancel() if e.get("step") == 2 else None  # noqa: E731
    cfg = SftConfig(model="tiny", out=str(run), data=str(data), max_steps=4, batch_size=2, save_steps=2)
    assert run_sft(cfg, home=home, rows=sft_rows_from_file(data), on_metrics=stop, cancel=cancel)["status"] == "stopped"
    assert main(["sft", "--resume", str(run)]) == 0
    assert "step 4/4" in capsys.readouterr().err
    assert json.loads((run / "summary.json").read_text())["steps"] == 4
    assert main(["sft", "--resume", str(run)]) == 2  # finished: its checkpoints are gone
    assert "no checkpoint to resume from" in capsys.readouterr().err


def test_module_entry_point_runs(home):
    out = run_cli("--help")
    assert out.returncode == 0 and "preflab" in out.stdout


@pytest.mark.parametrize("engine", ["trl", "packed"])
def test_dpo_engine_is_chosen_on_the_command_line(home, tmp_path, engine):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps({"prompt": f"Check this sentence: She go {i}.", "chosen": f"She goes {i}.",
                                         "rejected": "Fine."}) + "\n" for i in range(4)))
    run = tmp_path / "run"
    assert main(["dpo", "--model", "tiny", "--pairs", str(pairs), "--adapter", "none", "--engine", engine,
                 "--max-steps", "1", "--batch-size", "2", "--eval-data", "", "--eval-pairs", "", "--out", str(run)]) == 0
    assert json.loads((run / "config.json").read_text())["engine"] == engine
    logged = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    assert any("rewards/margins" in m for m in logged)
    assert any("num_tokens_packed" in m for m in logged) == (engine == "packed")


def test_cai_without_an_unknown_principle_exits_2_naming_it(tmp_path, capsys):
    assert main(["cai", "--model", "tiny", "--without", "Kindness", "--out", str(tmp_path / "run")]) == 2
    assert "Kindness" in capsys.readouterr().err
    assert not (tmp_path / "run").exists()  # nothing written half-way
