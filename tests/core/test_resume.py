"""Checkpoints and resume: a stopped run continues to the same result as an uninterrupted one (same seed)."""

from __future__ import annotations

import json

import pytest

from core import tutor
from core.config import DpoConfig, RewardConfig, SftConfig
from core.progress import CancelToken
from core.runs import read_metrics, run_status
from core.training import latest_checkpoint


def sft_rows(n=12):
    return [{"prompt": tutor.messages(f"She go to school {i}."),
             "completion": [{"role": "assistant", "content": f"Correction: She goes to school {i}."}]}
            for i in range(n)]


@pytest.fixture
def pairs(tmp_path):
    rows = [{"prompt": f"Check this sentence: She go home {i}.", "chosen": f"Correction: She goes home {i}.",
             "rejected": "This sentence is already correct."} for i in range(12)]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _weights(run):
    from safetensors.torch import load_file

    return load_file(str(run / "adapter" / "adapter_model.safetensors"))


def _stop_at(step):
    cancel = CancelToken()

    def on_metrics(event):
        if event.get("step") == step and "loss" in event:
            cancel.cancel()
    return cancel, on_metrics


class _MidStepStop(CancelToken):
    """Reads as not stopped until armed; then the first check by core.training.stop_within_steps in the given
    pass ("forward": grad enabled, "backward": the autograd hook) sets it, so the step in flight ends part-way."""

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where, self.armed = where, False

    @property
    def cancelled(self) -> bool:
        import sys

        import torch

        if self.armed and sys._getframe(1).f_code.co_name == "check":
            if torch.is_grad_enabled() == (self.where == "forward"):
                self.cancel()
        return super().cancelled


def _stop_during(step, where):
    """Stop during step ``step + 1`` (in its forward or backward pass), after step ``step`` has logged."""
    cancel = _MidStepStop(where)

    def on_metrics(event):
        if event.get("step") == step and "loss" in event:
            cancel.armed = True
    return cancel, on_metrics


def _job(lab):
    if lab == "sft":
        from core.sft import run_sft

        return lambda cfg, **kw: run_sft(cfg, rows=sft_rows(), **kw)
    if lab == "rm":
        from core.reward import run_reward

        return run_reward
    from core.dpo import run_dpo

    return run_dpo


def _cfg(lab, out, pairs):
    common = dict(model="tiny", out=str(out), max_steps=6, batch_size=2, save_steps=2, bf16=False,
                  learning_rate=1e-2)
    if lab == "sft":
        return SftConfig(**common)
    if lab == "rm":
        return RewardConfig(**common, pairs=str(pairs), eval_pairs="")
    return DpoConfig(**common, pairs=str(pairs), eval_pairs="", eval_data="", adapter="none")


@pytest.mark.parametrize(("lab", "where"), [("sft", "between steps"), ("rm", "backward"), ("dpo", "forward")])
def test_stop_then_resume_equals_uninterrupted(home, tmp_path, pairs, lab, where):
    """A Stop between steps, or part-way through a step (core.training.stop_within_steps), keeps the last
    completed step; resuming from it gives the uninterrupted run's weights and losses."""
    import torch

    job = _job(lab)
    straight = job(_cfg(lab, tmp_path / "straight", pairs), home=home)
    assert straight["status"] == "finished"
    cancel, on_metrics = _stop_at(3) if where == "between steps" else _stop_during(3, where)
    stopped = job(_cfg(lab, tmp_path / "resumed", pairs), home=home, cancel=cancel, on_metrics=on_metrics)
    assert cancel.cancelled, "the stop never fired"
    assert stopped["status"] == "stopped" and run_status(tmp_path / "resumed") == "stopped"
    assert max(m.get("step", 0) for m in read_metrics(tmp_path / "resumed")) == 3  # step 4 never completed
    assert latest_checkpoint(tmp_path / "resumed").name == "checkpoint-3"  # saved when stopped
    cfg = _cfg(lab, tmp_path / "resumed", pairs)
    cfg.resume = True
    resumed = job(cfg, home=home)
    assert resumed["status"] == "finished" and resumed["steps"] == 6
    a, b = _weights(tmp_path / "straight"), _weights(tmp_path / "resumed")
    assert a.keys() == b.keys()
    for key in a:
        assert torch.allclose(a[key], b[key], atol=1e-5), key
    losses = lambda run: [m["loss"] for m in read_metrics(run) if "loss" in m]  # noqa: E731
    assert losses(tmp_path / "resumed") == pytest.approx(losses(tmp_path / "straight"), abs=1e-5)


def test_resume_without_checkpoint_is_a_clear_error(home, tmp_path):
    from core.sft import run_sft

    cfg = _cfg("sft", tmp_path / "fresh", None)
    cfg.resume = True
    with pytest.raises(ValueError, match="no checkpoint to resume from"):
        run_sft(cfg, home=home, rows=sft_rows())


def test_a_run_with_fewer_steps_than_rows_uses_only_those_rows(home, tmp_path):
    """core.training.rows_for_steps: a seeded sample of max_steps * batch_size rows (the same each time, so a
    resumed run sees the same rows); all rows when the steps cover them. SFT tokenizes only those."""
    from core.sft import run_sft
    from core.training import rows_for_steps

    rows = [{"prompt": str(i), "chosen": "a", "rejected": "b"} for i in range(20)]
    used = rows_for_steps(rows, DpoConfig(out="x", max_steps=3, batch_size=4))
    assert len(used) == 12 and used == rows_for_steps(rows, DpoConfig(out="x", max_steps=3, batch_size=4))
    assert used != rows_for_steps(rows, DpoConfig(out="x", max_steps=3, batch_size=4, seed=1))
    assert rows_for_steps(rows, DpoConfig(out="x", max_steps=10, batch_size=4)) == rows
    assert rows_for_steps(rows, DpoConfig(out="x", max_steps=-1)) == rows
    summary = run_sft(SftConfig(model="tiny", out=str(tmp_path / "sft"), max_steps=2, batch_size=2, bf16=False),
                      home=home, rows=sft_rows(12))
    assert summary["status"] == "finished" and summary["steps"] == 2 and summary["examples"] == 4
