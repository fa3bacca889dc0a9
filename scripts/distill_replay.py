"""Lab 02's distillation with and without replay: SFT of the shipped tutor on a constitution run's final answers,
plus N of the tutor's own SFT tutoring demos (drawn with a fixed seed), evaluated on the dev sets only (tune on
dev, never on test).

    .venv/bin/python scripts/distill_replay.py --run HOME/results/cai --replay 0
    .venv/bin/python scripts/distill_replay.py --run HOME/results/cai --replay 100

Each run goes to HOME/results/distill-replay<N>; prints one JSON line (rows, steps, seconds, dev figures).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

METRICS = ("helpful", "honest", "missed", "harmless")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--run", required=True, help="a constitution run folder (its records.jsonl)")
    ap.add_argument("--replay", type=int, default=0, help="tutoring demos of data/sft.jsonl mixed in")
    ap.add_argument("--epochs", type=float, default=None, help="distillation epochs (default: SftConfig's)")
    ap.add_argument("--learning-rate", type=float, default=None, help="(default: SftConfig's)")
    ap.add_argument("--home", default=os.environ.get("PREFLAB_HOME") or str(ROOT / "runs" / "results-home"))
    args = ap.parse_args(argv)
    from core import constitution as cai
    from core.config import SftConfig
    from core.models import resolve_adapter
    from core.sft import run_sft, sft_rows_from_file
    from scripts import lab_results as lr

    rows = cai.distill_rows(args.run)
    if args.replay:
        demos = [r for r in sft_rows_from_file(ROOT / "data" / "sft.jsonl") if r["prompt"][-1]["content"]
                 .startswith("Check this sentence:")]  # tutoring demos, not the skill demos
        if args.replay > len(demos):
            ap.error(f"--replay: at most {len(demos)} (the tutoring demos of data/sft.jsonl)")
        rows += random.Random(0).sample(demos, args.replay)
    tag = "".join(f"-{k}{v:g}" for k, v in (("ep", args.epochs), ("lr", args.learning_rate)) if v is not None)
    out = Path(args.home) / "results" / f"distill-replay{args.replay}{tag}"
    t = time.monotonic()
    cfg = SftConfig(model="smollm2", out=str(out), adapter=str(resolve_adapter("shipped", "smollm2")), data="",
                    batch_size=min(SftConfig.batch_size, len(rows)),
                    **{k: v for k, v in (("epochs", args.epochs), ("learning_rate", args.learning_rate))
                       if v is not None})
    summary = run_sft(cfg, home=args.home, rows=rows, kind="distill")
    ev = argparse.Namespace(model="smollm2", home=args.home, limit=0, data_dir=str(ROOT / "data"))
    evals = lr._evaluate(ev, str(out), ("dev", "redteam_dev"))
    print(json.dumps({"replay": args.replay, "epochs": cfg.epochs, "learning_rate": cfg.learning_rate, "rows": len(rows), "steps": summary["steps"],
                      "seconds": round(time.monotonic() - t),
                      **{k: {m: v[m] for m in METRICS if m in v} for k, v in evals.items()}}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
