"""A/B of the eval's shared-start prefill (core/generate.py): the same loaded shipped tutor evaluates each set
with the shared start turned off (the path before it: every row prefilled whole), on at batch 32, and on at
batch 64; prints seconds and rates, and how many replies differ from the old path (greedy: none should).

    python scripts/eval_prefix_ab.py eval,test
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(sets: str) -> int:
    import core.generate as g
    from core.config import EvalConfig
    from core.data import load_eval
    from core.evaluate import evaluate_model
    from core.models import load_model, resolve_adapter

    model, tok = load_model("smollm2", adapter=resolve_adapter("shipped", "smollm2"))
    shared = g._shared_prefix
    for name in sets.split(","):
        examples = load_eval(ROOT / "data" / f"{name}.jsonl")
        replies = {}
        for mode, batch in (("old", 32), ("shared", 32), ("shared", 64)):
            g._shared_prefix = shared if mode == "shared" else (lambda rows: 0)
            t = time.perf_counter()
            result = evaluate_model(model, tok, examples, EvalConfig(batch_size=batch))
            replies[(mode, batch)] = [row["reply"] for row in result["rows"]]
            print(f"{name} {mode} batch {batch}: {time.perf_counter() - t:.1f} s, helpful {result['helpful']:.3f}, "
                  f"honest {result['honest']:.3f}", flush=True)
        g._shared_prefix = shared
        old = replies[("old", 32)]
        for key in (("shared", 32), ("shared", 64)):
            differ = sum(a != b for a, b in zip(old, replies[key]))
            print(f"{name} {key[0]} batch {key[1]}: {differ} of {len(old)} replies differ from the old path")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "eval,test"))
