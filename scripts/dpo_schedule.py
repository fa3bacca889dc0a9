"""Does the DPO lab reach the same result sooner? DPO with the lab's defaults except ``--epochs``, from several
seeds, each run evaluated on the dev sets (tune there, never on test), beside the same seeds' runs at the
default epochs when their folders exist. Runs go to HOME/results/dpo-<E>ep-seed<N>; a finished one is
evaluated again, not retrained.

    python scripts/dpo_schedule.py --epochs 2 --seeds 0,1,2 [--learning-rate 7.5e-4] [--sft-weight 0]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--epochs", type=float, required=True)
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--learning-rate", type=float, default=None, help="default: the lab's (DpoConfig)")
    ap.add_argument("--sft-weight", type=float, default=None, help="default: the lab's (DpoConfig)")
    ap.add_argument("--train-layers", type=int, default=0, help="only the top N decoder layers train (0: all)")
    ap.add_argument("--sets", default="dev,redteam_dev", help="lab_results set names (dev only: tune there)")
    ap.add_argument("--compare", default="dpo-seed{seed}", help="the default-epochs run folder per seed")
    ap.add_argument("--home", default=os.environ.get("PREFLAB_HOME") or str(ROOT / "runs" / "results-home"))
    args = ap.parse_args(argv)
    from core.config import DpoConfig
    from core.dpo import run_dpo
    from scripts import lab_results as lr

    ev = argparse.Namespace(model="smollm2", home=args.home, limit=0, data_dir=str(ROOT / "data"))
    sets = tuple(args.sets.split(","))
    rate = args.learning_rate or DpoConfig.learning_rate
    weight = DpoConfig.sft_weight if args.sft_weight is None else args.sft_weight
    report = []
    for seed in (int(s) for s in args.seeds.split(",")):
        tag = (f"{args.epochs:g}".replace(".", "_") + "ep" + (f"-lr{args.learning_rate:g}" if args.learning_rate else "")
               + (f"-sft{args.sft_weight:g}" if args.sft_weight is not None else "")
               + (f"-top{args.train_layers}" if args.train_layers else ""))
        out = Path(args.home) / "results" / f"dpo-{tag}-seed{seed}"
        done = out / "summary.json"
        t = time.monotonic()
        if done.is_file() and json.loads(done.read_text()).get("status") == "finished":
            summary = json.loads(done.read_text())
        else:
            cfg = DpoConfig(model="smollm2", out=str(out), seed=seed, pairs=str(ROOT / "data/pairs_train.jsonl"),
                            eval_pairs=str(ROOT / "data/pairs_heldout.jsonl"), eval_data="", epochs=args.epochs,
                            learning_rate=rate, sft_weight=weight, train_layers=args.train_layers)
            summary = run_dpo(cfg, home=args.home)
        row = {"seed": seed, "epochs": args.epochs, "learning_rate": rate, "sft_weight": weight,
               "train_layers": args.train_layers,
               "steps": summary["steps"],
               "train_seconds": summary["train_seconds"], "eval": lr._evaluate(ev, str(out), sets)}
        base = Path(args.home) / "results" / args.compare.format(seed=seed)
        if (base / "adapter").is_dir():
            row["default_eval"] = lr._evaluate(ev, str(base), sets)
        row["seconds"] = time.monotonic() - t
        report.append(row)
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
