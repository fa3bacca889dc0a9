"""Errors inside a job: a plain message naming the problem and the log file; the run is marked failed."""

from __future__ import annotations

import errno

import pytest

from core import tutor
from core.config import SftConfig
from core.errors import TrainingDiverged, plain_message
from core.runs import read_json, run_status
from core.sft import run_sft


def rows():
    return [{"prompt": tutor.messages(f"She go {i}."),
             "completion": [{"role": "assistant", "content": f"Correction: She goes {i}."}]} for i in range(8)]


def test_nan_loss_fails_the_run_with_a_plain_message(home, tmp_path):
    import shutil

    from safetensors.torch import load_file, save_file

    from core.logs import setup_logging
    from core.models import resolve_model

    setup_logging(home)
    broken = tmp_path / "broken-model"  # the tiny model with one weight gone bad: the loss turns NaN
    shutil.copytree(resolve_model("tiny", home), broken)
    weights = load_file(str(broken / "model.safetensors"))
    name = next(k for k in weights if "layers.0.mlp.up_proj" in k)
    weights[name][0, 0] = float("nan")
    save_file(weights, str(broken / "model.safetensors"), metadata={"format": "pt"})
    cfg = SftConfig(model=str(broken), out=str(tmp_path / "run"), max_steps=30, batch_size=2, bf16=False)
    with pytest.raises(TrainingDiverged) as info:
        run_sft(cfg, home=home, rows=rows())
    message = plain_message(info.value)
    assert "became nan at step 1" in message.lower() and "smaller learning rate" in message
    assert "log file" in message and str(home) in message
    status = read_json(tmp_path / "run" / "status.json")
    assert run_status(tmp_path / "run") == "failed" and "TrainingDiverged" in status["error"]
    assert status["log"].endswith("preflab.log")


def test_disk_full_while_saving_is_named(home, tmp_path, monkeypatch):
    import core.runs as runs

    real = runs.atomic_write_json

    def full(path, obj):
        if path.name == "summary.json":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, obj)

    monkeypatch.setattr(runs, "atomic_write_json", full)
    with pytest.raises(OSError) as info:
        run_sft(SftConfig(model="tiny", out=str(tmp_path / "run"), max_steps=1, batch_size=2), home=home, rows=rows())
    assert "disk is full" in plain_message(info.value) and "summary.json" in plain_message(info.value)
    assert not (tmp_path / "run" / "summary.json").exists()  # nothing half-written
    assert run_status(tmp_path / "run") == "failed"
    assert not list((tmp_path / "run").glob(".*.tmp*"))


def test_unwritable_data_dir_is_named(tmp_path, monkeypatch):
    from core.workspace import WorkspaceError, data_home

    target = tmp_path / "file-not-dir"
    target.write_text("x")
    with pytest.raises(WorkspaceError, match="not writable"):
        data_home(target / "sub")


@pytest.mark.parametrize("exc, needle", [
    (MemoryError(), "Out of memory"),
    (PermissionError(13, "denied", "/x/y"), "Permission denied: /x/y"),
    (FileNotFoundError(2, "missing", "/a/b.jsonl"), "File not found: /a/b.jsonl"),
    (ValueError("pairs.jsonl line 3: field 'chosen' must be a non-empty string"), "line 3: field 'chosen'"),
    (RuntimeError("boom"), "RuntimeError: boom"),
])
def test_plain_messages(exc, needle):
    assert needle in plain_message(exc)


def test_no_unpickling_or_eval_of_user_files():
    """Weights are safetensors; nothing in the app unpickles or evaluates a file's content."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    risky_attrs = {("pickle", "load"), ("pickle", "loads"), ("marshal", "load"), ("marshal", "loads"),
                   ("yaml", "load"), ("torch", "load")}
    offenders = []
    for path in [*root.glob("core/*.py"), *root.glob("gui/**/*.py"), *root.glob("scripts/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if isinstance(f, ast.Name) and f.id in ("eval", "exec"):
                offenders.append(f"{path.name}:{node.lineno} {f.id}()")
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and (f.value.id, f.attr) in risky_attrs:
                safe = any(k.arg == "weights_only" and getattr(k.value, "value", None) is True for k in node.keywords)
                if not safe:
                    offenders.append(f"{path.name}:{node.lineno} {f.value.id}.{f.attr}()")
    assert offenders == []
