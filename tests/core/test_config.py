"""core.config: validation names the field; how a batch is split into micro-batches."""

from __future__ import annotations

import pytest

from core.config import DpoConfig, SftConfig, split_batch


@pytest.mark.parametrize(
    ("batch", "micro", "device", "expected"),
    [
        (8, 0, "cpu", (2, 4)),     # automatic on a CPU: small forward passes, same batch per optimizer step
        (8, 0, "cuda", (8, 1)),    # automatic on a GPU: the whole batch at once
        (4, 1, "cuda", (1, 4)),    # an explicit wish wins
        (6, 4, "cpu", (3, 2)),     # the largest divisor of the batch not above the wish
        (5, 2, "cpu", (1, 5)),
        (1, 0, "cpu", (1, 1)),
        (3, 16, "cpu", (3, 1)),    # never more than the batch
    ],
)
def test_split_batch(batch, micro, device, expected):
    size, steps = split_batch(batch, micro, device)
    assert (size, steps) == expected and size * steps == batch


def test_bad_micro_batch_is_named():
    with pytest.raises(ValueError, match="micro_batch_size"):
        SftConfig(out="x", micro_batch_size=-1).validate()
    DpoConfig(out="x", micro_batch_size=0).validate()


def test_each_lab_has_its_own_cpu_micro_batch():
    """The reward model's packed batches run 4 pairs per pass on a CPU (measured); DPO keeps 2; SFT runs one
    example per pass (its long skill demos, for memory)."""
    from core.config import RewardConfig

    assert split_batch(8, 0, "cpu", SftConfig.cpu_micro_batch) == (1, 8)
    assert split_batch(4, 0, "cpu", DpoConfig.cpu_micro_batch) == (4, 1)
    assert split_batch(8, 0, "cpu", RewardConfig.cpu_micro_batch) == (4, 2)
    assert "cpu_micro_batch" not in DpoConfig().__dict__  # a class setting, not saved in config.json
