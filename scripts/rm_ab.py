"""Choices about the reward model, made on dev: where it starts (the base model, or the SFT tutor folded in as
InstructGPT starts it) and what it trains on (the seed pairs, or those plus more pair files, such as the tutor's
own sampled replies on training sentences).

For each training set, start and seed, Lab 00 as `make results` runs it (1 epoch, the defaults), then accuracy on
data/pairs_heldout.jsonl (built like the training pairs; the reward model's held-out figure is reported on it
too, so a choice that wins only there is not adopted) and data/pairs_sampled_dev.jsonl (the shipped tutor's own
sampled replies on the dev sentences, labelled by the rule judge; `scripts/make_sampled_pairs.py --data
data/eval.jsonl`). The locked test pairs (data/pairs_sampled.jsonl) are not read here. Beside each set, the
no-model baselines (phrase lookup, longer / shorter reply) of each training set.

    python scripts/rm_ab.py [--seeds 0,1] [--starts none,shipped] [--trains data/pairs_train.jsonl,A+B] [--home DIR]

``--trains``: comma-separated training sets, each one file or several joined by "+" (their pairs together).
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
    from core.pairs import load_pairs

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0,1")
    ap.add_argument("--starts", default="none,shipped")
    ap.add_argument("--trains", default="data/pairs_train.jsonl")
    ap.add_argument("--home", default=str(ROOT / "runs" / "results-home"))
    args = ap.parse_args()
    sets = {name: load_pairs(ROOT / "data" / f"{name}.jsonl") for name in DEV_SETS}
    for k, spec in enumerate(args.trains.split(",")):
        rows = [r for part in spec.split("+") for r in load_pairs(ROOT / part)]
        pairs = Path(args.home) / "rm-ab" / f"train{k}.jsonl"
        pairs.parent.mkdir(parents=True, exist_ok=True)
        pairs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        for name, held in sets.items():
            print(json.dumps({"train": spec, "pairs": len(rows), "set": name,
                              "baselines": reward_baselines(rows, held)}), flush=True)
        for start in args.starts.split(","):
            for seed in (int(s) for s in args.seeds.split(",")):
                _run(args, spec, pairs, start, seed, sets)
    return 0


def _run(args, spec: str, pairs: Path, start: str, seed: int, sets: dict) -> None:
    from core.config import RewardConfig
    from core.reward import load_scorer, run_reward, score_pairs
    from core.stats import interval

    out = Path(args.home) / "rm-ab" / f"{pairs.stem}-{start}-seed{seed}"
    cfg = RewardConfig(model="smollm2", out=str(out), seed=seed, start_adapter=start, pairs=str(pairs),
                       eval_pairs="", more_eval_pairs="")
    t = time.monotonic()
    run_reward(cfg, home=args.home)
    seconds = time.monotonic() - t
    model, tok = load_scorer(out, args.home)
    row = {"train": spec, "start": start, "seed": seed, "seconds": round(seconds, 1)}
    for name, rows in sets.items():
        scored = score_pairs(model, tok, rows, max_length=cfg.max_length)
        row[name] = interval(sum(s["margin"] > 0 for s in scored), len(scored))
    print(json.dumps(row), flush=True)


if __name__ == "__main__":
    sys.exit(main())
