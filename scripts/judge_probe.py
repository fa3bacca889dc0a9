"""Does the AI judge read the replies? p("A") with the seed's chosen reply shown as A, then as B.

    .venv/bin/python scripts/judge_probe.py [--adapter shipped|FOLDER] [--pairs data/pairs_train.jsonl]

For each pair (its category's principle, as `make results` asks it) the judge's p(A) is computed in both orders
(core.ai_feedback.judge_pairs). A judge that reads the replies gives a higher p(A) when the chosen reply is
A than when it is B; one that only has a letter habit gives the same p(A) in both orders, and every label is a
tie. Prints the mean of each, their mean difference, and in how many pairs it is positive, per category.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CATEGORY_PRINCIPLE = {"style": "crisp"}  # the categories' principles in resources/constitution.toml


def main() -> int:
    from core import ai_feedback as ai
    from core.config import AiFeedbackConfig
    from core.models import load_model, resolve_adapter
    from core.pairs import load_pairs

    ap = argparse.ArgumentParser()
    ap.add_argument("--adapter", default="shipped")
    ap.add_argument("--pairs", default="data/pairs_train.jsonl")
    ap.add_argument("--home", default=None)
    args = ap.parse_args()
    model, tok = load_model("smollm2", args.home, adapter=resolve_adapter(args.adapter, "smollm2"))
    rows = load_pairs(args.pairs)
    by_category: dict[str, list[dict]] = {}
    for r in rows:
        by_category.setdefault(r.get("category") or "honest", []).append(r)
    for category, items in sorted(by_category.items()):
        _, text = ai.resolve_principle(AiFeedbackConfig(principle=CATEGORY_PRINCIPLE.get(category, category),
                                                        method="compare"))
        labels = []
        for start in range(0, len(items), 8):
            chunk = items[start:start + 8]
            labels += ai.judge_pairs(model, tok, text, [(r["prompt"], r["chosen"], r["rejected"]) for r in chunk], 0.0,
                                     "compare")
        shown_a = [x.p_order1 for x in labels]            # p(A) with the chosen reply as A
        shown_b = [1.0 - x.p_order2 for x in labels]      # p(A) with the chosen reply as B
        diff = [a - b for a, b in zip(shown_a, shown_b)]
        print(f"{category:9s} n={len(items):3d}  p(A) chosen as A {statistics.mean(shown_a):.3f}, chosen as B "
              f"{statistics.mean(shown_b):.3f}, difference {statistics.mean(diff):+.3f} (> 0 in "
              f"{sum(d > 0 for d in diff)}), labels: {sum(x.choice == 'A' for x in labels)} chosen, "
              f"{sum(x.choice == 'B' for x in labels)} rejected, {sum(x.choice == 'tie' for x in labels)} ties")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
