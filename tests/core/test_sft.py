"""SFT on the tiny model: the adapter changes, metrics are logged with TRL's names, cancel is prompt."""

from __future__ import annotations

import json

import pytest

from core import tutor
from core.config import SftConfig
from core.progress import CancelToken
from core.runs import read_metrics, run_status
from core.sft import run_sft


def rows(n=16):
    return [{"prompt": tutor.messages(f"She go to school {i}."),
             "completion": [{"role": "assistant",
                             "content": tutor.correction_reply(f"She goes to school {i}.", "Add -s.")}]}
            for i in range(n)]


def adapter_tensors(folder):
    from safetensors.torch import load_file

    return load_file(str(folder / "adapter_model.safetensors"))


def test_sft_changes_adapter_and_logs_loss(home, tmp_path):
    import torch

    cfg = SftConfig(model="tiny", out=str(tmp_path / "run"), max_steps=4, batch_size=4, learning_rate=1e-2)
    events = []
    summary = run_sft(cfg, home=home, rows=rows(), on_metrics=events.append)
    assert summary["status"] == "finished" and summary["steps"] == 4
    run = tmp_path / "run"
    assert {"config.json", "metrics.jsonl", "summary.json", "adapter"} <= {p.name for p in run.iterdir()}
    assert json.loads((run / "config.json").read_text())["model"] == "tiny"
    logged = [m for m in read_metrics(run) if "loss" in m]
    assert len(logged) == 4 and all(m["step"] == i + 1 for i, m in enumerate(logged))
    assert any("loss" in e for e in events)
    # LoRA B matrices start at zero; after training they must not be.
    trained = adapter_tensors(run / "adapter")
    lora_b = [t for k, t in trained.items() if "lora_B" in k]
    assert lora_b and any(t.abs().sum() > 0 for t in lora_b)
    assert all(torch.isfinite(t).all() for t in trained.values())
    assert run_status(run) == "finished"


def test_cancel_stops_within_one_step(home, tmp_path):
    cancel = CancelToken()
    steps = []

    def on_metrics(event):
        if "loss" in event:
            steps.append(event["step"])
            cancel.cancel()

    cfg = SftConfig(model="tiny", out=str(tmp_path / "run"), max_steps=50, batch_size=2)
    summary = run_sft(cfg, home=home, rows=rows(), on_metrics=on_metrics, cancel=cancel)
    assert summary["status"] == "stopped"
    assert summary["steps"] <= 2, summary
    assert (tmp_path / "run" / "adapter" / "adapter_config.json").is_file()
    assert run_status(tmp_path / "run") == "stopped"


def test_precancelled_job_trains_nothing(home, tmp_path):
    cancel = CancelToken()
    cancel.cancel()
    cfg = SftConfig(model="tiny", out=str(tmp_path / "run"), max_steps=5, batch_size=2)
    summary = run_sft(cfg, home=home, rows=rows(), cancel=cancel)
    assert summary["status"] == "stopped" and summary["steps"] == 0


@pytest.mark.parametrize("field, value", [("learning_rate", 0), ("lora_rank", 0), ("batch_size", 0),
                                          ("epochs", 0), ("batch_size", 17)])
def test_bad_hyperparameters_are_named(tmp_path, field, value):
    cfg = SftConfig(model="tiny", out=str(tmp_path / "run"))
    setattr(cfg, field, value)
    with pytest.raises(ValueError, match=field):
        run_sft(cfg, rows=rows())
    assert not (tmp_path / "run").exists()


def test_bf16_autocast_loss_curve_matches_fp32(home, tmp_path):
    """bf16 autocast (the default where the CPU has bf16 units) tracks the exact fp32 curve within 1%."""
    curves = {}
    for bf16 in (False, True):
        out = tmp_path / f"run-{bf16}"
        run_sft(SftConfig(model="tiny", out=str(out), max_steps=6, batch_size=4, learning_rate=5e-3, bf16=bf16),
                home=home, rows=rows())
        curves[bf16] = [m["loss"] for m in read_metrics(out) if "loss" in m]
    assert len(curves[True]) == len(curves[False]) == 6
    for exact, fast in zip(curves[False], curves[True]):
        assert fast == pytest.approx(exact, rel=0.01)
    assert curves[False][-1] < curves[False][0]  # and both actually train
