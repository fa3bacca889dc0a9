"""A/B of the eval's in-place KV cache and folded adapter (core/generate.py ``_growing_cache``,
core/models.py ``fold_adapter``): the shipped tutor evaluates each set the way it did before them (the adapter
as separate LoRA layers, ``transformers``' concatenating DynamicCache) and the way it does now, alternated, at
the app's batch size; prints seconds and rates, and how many replies differ (greedy: none should).

    python scripts/eval_cache_ab.py eval,test
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
    from core.models import load_for_inference, load_model, resolve_adapter

    adapter = resolve_adapter("shipped", "smollm2")
    models = {"before": load_model("smollm2", adapter=adapter), "now": load_for_inference("smollm2", adapter=adapter)}
    growing = g._growing_cache

    def plain_cache(model=None):
        from transformers.cache_utils import DynamicCache

        return DynamicCache()

    for name in sets.split(","):
        examples = load_eval(ROOT / "data" / f"{name}.jsonl")
        replies, seconds = {}, {"before": [], "now": []}
        for mode in ("before", "now", "before", "now"):
            g._growing_cache = growing if mode == "now" else plain_cache
            model, tok = models[mode]
            t = time.perf_counter()
            result = evaluate_model(model, tok, examples, EvalConfig())
            seconds[mode].append(time.perf_counter() - t)
            replies.setdefault(mode, [row["reply"] for row in result["rows"]])
            print(f"{name} {mode}: {seconds[mode][-1]:.1f} s, helpful {result['helpful']:.3f}, "
                  f"honest {result['honest']:.3f}", flush=True)
        g._growing_cache = growing
        differ = sum(a != b for a, b in zip(replies["before"], replies["now"]))
        print(f"{name}: {len(examples)} sentences at batch {EvalConfig().batch_size}, best of two: before "
              f"{min(seconds['before']):.1f} s, now {min(seconds['now']):.1f} s; {differ} of {len(examples)} "
              f"replies differ", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "eval,test"))
