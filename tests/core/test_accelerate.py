"""The CLI jobs run unchanged under `accelerate launch` (data parallel over processes): both processes end
with the same adapter weights, and only rank 0 writes the run folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.skipif(shutil.which("accelerate", path=str(Path(sys.executable).parent)) is None,
                    reason="accelerate's launcher is not installed")
def test_two_process_dpo_ends_with_identical_adapters(session_home, tmp_path):
    from core.models import resolve_model

    resolve_model("tiny", session_home)  # build the cached model once, not twice at the same time
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps({"prompt": f"Check this sentence: She go home {i}.",
                                         "chosen": f"Correction: She goes home {i}.",
                                         "rejected": "This sentence is already correct."}) + "\n" for i in range(8)))
    run = tmp_path / "run"
    launcher = str(Path(sys.executable).parent / "accelerate")
    env = {**os.environ, "PREFLAB_HOME": str(session_home), "PREFLAB_THREADS": "1", "OMP_NUM_THREADS": "1"}
    # On a machine without GPUs, `--multi_gpu` starts torchrun with the gloo backend on the CPU; accelerate's
    # `--cpu --num_processes 2` would need mpirun, which this machine does not have.
    cmd = [launcher, "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1", "--mixed_precision", "no",
           "--dynamo_backend", "no", "-m", "core.cli", "dpo", "--model", "tiny", "--adapter", "none",
           "--pairs", str(pairs), "--eval-pairs", "", "--eval-data", "", "--max-steps", "3", "--batch-size", "2",
           "--lr", "1e-2", "--out", str(run)]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600, cwd=Path(__file__).parents[2])
    assert out.returncode == 0, out.stderr[-3000:]
    ranks = sorted((run / "ranks").glob("rank*.json"))
    assert [p.name for p in ranks] == ["rank0.json", "rank1.json"]
    sums = {json.loads(p.read_text())["trainable_sha256"] for p in ranks}
    assert len(sums) == 1, "the two processes ended with different adapter weights"
    assert (run / "adapter" / "adapter_model.safetensors").is_file()
    assert json.loads((run / "summary.json").read_text())["steps"] == 3
