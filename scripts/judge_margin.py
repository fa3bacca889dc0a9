"""The AI judge's agreement with the seed labels at several tie margins, per category and method, on the training
pairs (the dev set of the RLAIF section: choose each principle's method and margin here; AiFeedbackConfig's
principle_methods and principle_margins) and, with --heldout, the held-out pairs (where they are reported:
`make results` reports them, so leave them out while choosing).

    .venv/bin/python scripts/judge_margin.py [--methods critique,revise] [--margins 0,0.005,0.01,0.02,0.05,0.1]
        [--heldout] [--principle honest]

Scores every pair once per method (core.ai_feedback, the shipped tutor as judge) and labels it at each margin: a
tie when |p(A better) - 0.5| < margin. Agreement: the share of pairs labelled the seed's way (a tie counts as
not); ties in brackets, with the share of the labels given (ties left out) that are right. The revise method
takes about 1.5 s a pair on a 2-core CPU, critique 0.4 s (make results, 2026-12-02).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--margins", default="0,0.005,0.01,0.02,0.05,0.1")
    ap.add_argument("--methods", default="critique", help="comma-separated: compare, critique, revise")
    ap.add_argument("--heldout", action="store_true", help="the held-out pairs too (report only: do not choose there)")
    ap.add_argument("--principle", default="", help="judge every category by this principle (default: each "
                                                    "category's own), e.g. honest on the helpful pairs")
    args = ap.parse_args()
    import core.ai_feedback as ai
    from core.config import AiFeedbackConfig
    from core.models import load_model, resolve_adapter
    from core.pairs import load_pairs
    from scripts.lab_results import CATEGORY_PRINCIPLE

    cfg = AiFeedbackConfig()
    model, tok = load_model("smollm2", adapter=resolve_adapter("shipped", "smollm2"))
    margins = [float(m) for m in args.margins.split(",")]
    for method in args.methods.split(","):
        for name in ("pairs_train", "pairs_heldout") if args.heldout else ("pairs_train",):
            rows = load_pairs(ROOT / "data" / f"{name}.jsonl")
            p = [0.5] * len(rows)
            for category in sorted({r.get("category") or "honest" for r in rows}):
                items = [i for i, r in enumerate(rows) if (r.get("category") or "honest") == category]
                one = AiFeedbackConfig(principle=args.principle or CATEGORY_PRINCIPLE.get(category, category),
                                       method=method)
                _, text = ai.resolve_principle(one)
                revision = ai.revision_request(one) if method == "revise" else ""
                for start in range(0, len(items), cfg.batch_size):
                    chunk = items[start:start + cfg.batch_size]
                    got = ai.judge_pairs(model, tok, text, [(rows[i]["prompt"], rows[i]["chosen"],
                                                             rows[i]["rejected"]) for i in chunk], 0.0, method,
                                         revision)
                    for i, label in zip(chunk, got):
                        p[i] = label.p_first
            for m in margins:
                cells = []
                for category in ("honest", "harmless", "helpful", "style"):
                    items = [i for i, r in enumerate(rows) if (r.get("category") or "honest") == category]
                    agree = sum(p[i] - 0.5 >= m and p[i] > 0.5 for i in items)
                    ties = sum(abs(p[i] - 0.5) < m or p[i] == 0.5 for i in items)
                    labelled = len(items) - ties
                    cells.append(f"{category} {agree}/{len(items)} ({ties} ties; {agree}/{labelled} of the labels "
                                 "right)")
                print(f"{method} {name} margin {m:g}: " + ", ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
