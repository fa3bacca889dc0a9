"""core/memory.py: bf16 frozen weights during training change no number; file pages are dropped only when the
file can give them back."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core import memory
from core.config import DpoConfig

linux_only = pytest.mark.skipif(not os.path.exists("/proc/self/smaps") or memory._libc() is None,
                                reason="needs /proc/self/smaps and glibc")


def _mapping_kb(address: int, field: str) -> int:
    """``field`` (Rss, Anonymous) in kB of the mapping that holds ``address``."""
    inside = False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if "-" in head[0] and len(head) >= 5 and ":" in head[3]:
            lo, hi = (int(x, 16) for x in head[0].split("-"))
            inside = lo <= address < hi
        elif inside and head[0] == f"{field}:":
            return int(head[1])
    raise AssertionError(f"no mapping holds {address:#x}")


def _mapped(tmp_path, n=2_000_000):
    """A float32 tensor that is a private view of a file, as transformers loads safetensors weights."""
    import torch

    path = tmp_path / "weights.bin"
    torch.arange(n, dtype=torch.float32).numpy().tofile(path)
    storage = torch.UntypedStorage.from_file(str(path), shared=False, nbytes=n * 4)
    return torch.tensor([], dtype=torch.float32).set_(storage).view(n)


@linux_only
def test_release_file_pages_drops_clean_pages_and_the_values_come_back(tmp_path):
    w = _mapped(tmp_path)
    total = float(w.sum())  # touches every page
    assert _mapping_kb(w.data_ptr(), "Rss") > 7000
    released = memory.release_file_pages([w])
    assert released > 7_000_000
    assert _mapping_kb(w.data_ptr(), "Rss") < 100
    assert float(w.sum()) == total and float(w[-1]) == 1_999_999  # read back from the file


@linux_only
def test_release_file_pages_leaves_written_and_anonymous_memory_alone(tmp_path):
    import torch

    w = _mapped(tmp_path)
    w[5] = -1.0  # a private copy of that page now exists: dropping it would lose the write
    assert memory.release_file_pages([w]) == 0
    assert float(w[5]) == -1.0
    plain = torch.ones(1_000_000)
    assert memory.release_file_pages([plain]) == 0 and float(plain.sum()) == 1_000_000


def test_frozen_linears_in_bf16_swaps_only_the_frozen_base_and_restores_the_same_tensors(home):
    import torch
    from peft import LoraConfig, get_peft_model

    from core.models import load_model

    model, _ = load_model("tiny", home)
    model = get_peft_model(model, LoraConfig(r=4, target_modules=["q_proj", "down_proj"]))
    before = {n: (p.data_ptr(), p.detach().clone()) for n, p in model.named_parameters()}
    layers = memory.frozen_linears(model)
    assert layers and all(not m.weight.requires_grad for m in layers)
    with memory.frozen_linears_in_bf16(model):
        dtypes = {n: p.dtype for n, p in model.named_parameters()}
    assert all(dtypes[n] == torch.float32 for n in dtypes if "lora_" in n or "embed" in n or "norm" in n)
    assert dtypes["base_model.model.model.layers.0.self_attn.q_proj.base_layer.weight"] == torch.bfloat16
    assert dtypes["base_model.model.model.layers.0.mlp.up_proj.weight"] == torch.bfloat16
    for n, p in model.named_parameters():
        assert p.dtype == torch.float32 and p.data_ptr() == before[n][0] and torch.equal(p, before[n][1]), n


def test_restored_after_an_error(home):
    import torch

    from core.models import load_model

    model, _ = load_model("tiny", home)
    with pytest.raises(RuntimeError), memory.frozen_linears_in_bf16(model):
        raise RuntimeError("stopped")
    assert {p.dtype for p in model.parameters()} == {torch.float32}


def test_dpo_losses_are_the_same_with_bf16_frozen_weights(home, tmp_path, monkeypatch):
    """Autocast casts the frozen weights to bf16 at every step anyway: storing them in bf16 changes no bit."""
    from core import training
    from core.dpo import run_dpo

    rows = [{"prompt": f"Check this sentence: She go home {i}.", "chosen": f"Checked: She goes home {i}.",
             "rejected": "This sentence is already correct."} for i in range(8)]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(r) + "\n" for r in rows))
    losses, used = {}, []
    for swap in (False, True):
        monkeypatch.setattr(training, "bf16_weights", lambda trainer, swap=swap: used.append(swap) or swap)
        seen = []
        cfg = DpoConfig(model="tiny", out=str(tmp_path / f"dpo-{swap}"), pairs=str(pairs), eval_pairs="",
                        eval_data="", adapter="none", max_steps=3, batch_size=4, learning_rate=1e-2, bf16=True)
        run_dpo(cfg, home=home, on_metrics=lambda m, seen=seen: "loss" in m and seen.append(m["loss"]))
        losses[swap] = seen
    # asked once for the reference log-probs and once for training, in each run
    assert used == [False, False, True, True] and len(losses[True]) == 3
    assert losses[True] == losses[False]
