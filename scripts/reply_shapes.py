"""What shape do a tutor's replies take? For each sentence of an eval set: is it correct, did the reply's
``Checked:`` line copy it unchanged or change it, does the ``Verb:`` note repeat one word (``X → X``) or name two
(``X → Y``), and the eval's verdict. Counts per combination, most frequent first.

    .venv/bin/python scripts/reply_shapes.py [--adapter shipped] [--data data/eval.jsonl] [--home H]

Tune on dev (the default set), never on test. This is how the DPO pairs' honest rejected replies were chosen
(data/README.md, "The tutor's own failure"): the SFT tutor copies a correct sentence and then invents an error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

def shape(row: dict) -> tuple[str, str, str, str]:
    """(sentence kind, Checked line, note, verdict) of one eval row."""
    from core import tutor

    lines = [ln for ln in row["reply"].splitlines() if ln.strip()]
    prefix = tutor.CHECKED_PREFIX
    checked = lines[0][len(prefix):].strip() if lines and lines[0].startswith(prefix) else None
    copied = "none" if checked is None else "copied" if tutor.same_sentence(checked, row["sentence"]) else "changed"
    words = tutor.note_words(row["reply"])
    repeats = "none" if words is None else "X → X" if words[0].lower() == words[1].lower() else "X → Y"
    return "correct" if row["correct"] else "error", copied, repeats, row["verdict"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--adapter", default="shipped")
    ap.add_argument("--data", default="data/eval.jsonl")
    ap.add_argument("--model", default="smollm2")
    ap.add_argument("--home", default=os.environ.get("PREFLAB_HOME"))
    args = ap.parse_args(argv)
    from core.config import EvalConfig
    from core.evaluate import run_eval

    rows = run_eval(EvalConfig(model=args.model, adapter=args.adapter, data=args.data), home=args.home)["rows"]
    counts = Counter(shape(r) for r in rows)
    print(f"{args.adapter} on {args.data} ({len(rows)} sentences)")
    print(f"{'sentence':8s}  {'Checked:':8s}  {'note':6s}  {'verdict':12s}  count")
    for (kind, checked, note, verdict), n in counts.most_common():
        print(f"{kind:8s}  {checked:8s}  {note:6s}  {verdict:12s}  {n:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
