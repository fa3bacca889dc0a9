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


def test_module_entry_point_runs(home):
    out = run_cli("--help")
    assert out.returncode == 0 and "preflab" in out.stdout
