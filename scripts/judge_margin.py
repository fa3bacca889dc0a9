"""The critique judge's agreement with the seed labels at several tie margins, per category, on the training pairs
(the dev set of the RLAIF section: choose the margin here) and the held-out pairs (report there).

    .venv/bin/python scripts/judge_margin.py [--margins 0,0.005,0.01,0.02,0.05,0.1]

Scores every pair once (core.ai_feedback, method critique, the shipped tutor as judge) and labels it at each
margin: a tie when |p(A better) - 0.5| < margin. Agreement: the share of pairs labelled the seed's way (a tie
counts as not); ties in brackets, with the share of the labels given (ties left out) that are right.
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
    args = ap.parse_args()
    import core.ai_feedback as ai
    from core.config import AiFeedbackConfig
    from core.models import load_model, resolve_adapter
    from core.pairs import load_pairs
    from scripts.lab_results import CATEGORY_PRINCIPLE

    cfg = AiFeedbackConfig()
    model, tok = load_model("smollm2", adapter=resolve_adapter("shipped", "smollm2"))
    margins = [float(m) for m in args.margins.split(",")]
    for name in ("pairs_train", "pairs_heldout"):
        rows = load_pairs(ROOT / "data" / f"{name}.jsonl")
        p = [0.5] * len(rows)
        for category in sorted({r.get("category") or "honest" for r in rows}):
            items = [i for i, r in enumerate(rows) if (r.get("category") or "honest") == category]
            _, text = ai.resolve_principle(AiFeedbackConfig(principle=CATEGORY_PRINCIPLE.get(category, category),
                                                            method="critique"))
            for start in range(0, len(items), cfg.batch_size):
                chunk = items[start:start + cfg.batch_size]
                got = ai.judge_pairs(model, tok, text, [(rows[i]["prompt"], rows[i]["chosen"], rows[i]["rejected"])
                                                       for i in chunk], 0.0, "critique")
                for i, label in zip(chunk, got):
                    p[i] = label.p_first
        for m in margins:
            cells = []
            for category in ("honest", "harmless", "helpful", "style"):
                items = [i for i, r in enumerate(rows) if (r.get("category") or "honest") == category]
                agree = sum(p[i] - 0.5 >= m and p[i] > 0.5 for i in items)
                ties = sum(abs(p[i] - 0.5) < m or p[i] == 0.5 for i in items)
                labelled = len(items) - ties
                cells.append(f"{category} {agree}/{len(items)} ({ties} ties; {agree}/{labelled} of the labels right)")
            print(f"{name} margin {m:g}: " + ", ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
