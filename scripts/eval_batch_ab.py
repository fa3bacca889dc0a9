"""The HHH eval's batch size, alternated in one process: the shipped tutor on data/eval.jsonl (200 dev
sentences) at batch 64 and 128, twice each, then the red-team test set (92 prompts, up to 96 new tokens: the
longest rows the app evaluates) at 128. Prints seconds, the process's peak RSS after each run (64 runs first, so
its peak is its own) and how many replies differ between the sizes (greedy: none should).

    python scripts/eval_batch_ab.py
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from core.config import EvalConfig
    from core.data import load_eval
    from core.evaluate import evaluate_model
    from core.models import load_for_inference, resolve_adapter

    model, tok = load_for_inference("smollm2", adapter=resolve_adapter("shipped", "smollm2"))
    replies: dict[int, list[str]] = {}
    runs = [("eval", 64), ("eval", 128), ("eval", 64), ("eval", 128), ("redteam_test", 128)]
    for name, size in runs:
        examples = load_eval(ROOT / "data" / f"{name}.jsonl")
        t = time.perf_counter()
        result = evaluate_model(model, tok, examples, EvalConfig(batch_size=size))
        seconds = time.perf_counter() - t
        if name == "eval":
            replies.setdefault(size, [row["reply"] for row in result["rows"]])
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"{name} ({len(examples)}) at batch {size}: {seconds:.1f} s, peak RSS so far {peak} MB", flush=True)
    differ = sum(a != b for a, b in zip(replies[64], replies[128]))
    print(f"replies that differ between 64 and 128: {differ} of {len(replies[64])}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
