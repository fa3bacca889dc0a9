"""Where the reward model starts, chosen on dev: the base model vs the SFT tutor folded in (InstructGPT's start).

For each start and seed, Lab 00 as `make results` runs it (data/pairs_train.jsonl, 1 epoch, the defaults), then
accuracy on data/pairs_heldout.jsonl (built like the training pairs; the reward model's held-out figure is
reported on it too, so a start that wins only there is not adopted) and
data/pairs_sampled_dev.jsonl (the shipped tutor's own sampled replies on the dev sentences, labelled by the rule
judge; `scripts/make_sampled_pairs.py --data data/eval.jsonl`). The locked test pairs (data/pairs_sampled.jsonl)
are not read here. Beside each set, the no-model baselines (phrase lookup, longer / shorter reply).

    python scripts/rm_start_ab.py [--seeds 0,1] [--starts none,shipped] [--home DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEV_SETS = ("pairs_heldout", "pairs_sampled_dev")


def main() -> int:
    from core.baselines import reward_baselines
    from core.config import RewardConfig
    from core.pairs import load_pairs
    from core.reward import load_scorer, run_reward, score_pairs
    from core.stats import interval

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0,1")
    ap.add_argument("--starts", default="none,shipped")
    ap.add_argument("--home", default=str(ROOT / "runs" / "results-home"))
    args = ap.parse_args()
    train = load_pairs(ROOT / "data" / "pairs_train.jsonl")
    sets = {name: load_pairs(ROOT / "data" / f"{name}.jsonl") for name in DEV_SETS}
    for name, rows in sets.items():
        print(json.dumps({"set": name, "baselines": reward_baselines(train, rows)}), flush=True)
    for start in args.starts.split(","):
        for seed in (int(s) for s in args.seeds.split(",")):
            out = Path(args.home) / "rm-start" / f"{start}-seed{seed}"
            cfg = RewardConfig(model="smollm2", out=str(out), seed=seed, start_adapter=start, eval_pairs="",
                               more_eval_pairs="")
            t = time.monotonic()
            run_reward(cfg, home=args.home)
            seconds = time.monotonic() - t
            model, tok = load_scorer(out, args.home)
            row = {"start": start, "seed": seed, "seconds": round(seconds, 1)}
            for name, rows in sets.items():
                scored = score_pairs(model, tok, rows, max_length=cfg.max_length)
                row[name] = interval(sum(s["margin"] > 0 for s in scored), len(scored))
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
