"""CLI commands of the preference labs: ``preflab rm``, ``preflab score``, ``preflab dpo``."""

from __future__ import annotations

import json
import sys

from core.cli import (
    DATA_DIR,
    UsageError,
    _existing_file,
    _home,
    _positive_float,
    _progress_printer,
    _train_overrides,
)
from core.progress import CancelToken


def _pair_source(p) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--pairs", type=_existing_file, metavar="FILE", help="TRL preference JSONL")
    group.add_argument("--from-store", action="store_true", help="the labels in the preference store")


def register(sub, common, train) -> None:
    p = sub.add_parser("rm", parents=[common, train], help="Lab 00: train a reward model on preference pairs")
    _pair_source(p)
    p.add_argument("--eval-pairs", type=_existing_file, default=str(DATA_DIR / "pairs_heldout.jsonl"))
    p.set_defaults(func=cmd_rm)

    p = sub.add_parser("score", parents=[common], help="the reward a trained reward model gives a reply")
    p.add_argument("--rm", required=True, metavar="RUN_DIR")
    p.add_argument("--prompt", required=True)
    p.add_argument("--reply", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("dpo", parents=[common, train], help="Lab 01: DPO-fine-tune the tutor on preference pairs")
    _pair_source(p)
    p.add_argument("--eval-pairs", type=_existing_file, default=str(DATA_DIR / "pairs_heldout.jsonl"))
    p.add_argument("--adapter", default="shipped", metavar="SFT_DIR", help="the SFT tutor (default: shipped)")
    p.add_argument("--beta", type=_positive_float("--beta"), default=0.1)
    p.add_argument("--loss", choices=["sigmoid", "ipo", "hinge"], default="sigmoid")
    p.add_argument("--eval-data", default=str(DATA_DIR / "eval.jsonl"), help="HHH eval before/after ('' skips)")
    p.add_argument("--eval-limit", type=int, default=0, help="evaluate only the first N sentences")
    p.set_defaults(func=cmd_dpo)


def _pairs_arg(args) -> str:
    return "store" if args.from_store else args.pairs


def cmd_rm(args) -> int:
    from core.config import RewardConfig
    from core.reward import run_reward

    cfg = RewardConfig(model=args.model, out=args.out, pairs=_pairs_arg(args), eval_pairs=args.eval_pairs)
    _train_overrides(cfg, args)
    summary = run_reward(cfg, home=_home(args), on_metrics=_progress_printer(), cancel=CancelToken())
    brief = {k: v for k, v in summary.items() if k != "heldout"}
    print(json.dumps(brief), file=sys.stderr)
    return 0


def cmd_score(args) -> int:
    from core.reward import load_scorer, score_texts

    if not args.reply.strip():
        raise UsageError("preflab score: --reply is empty")
    model, tok = load_scorer(args.rm, _home(args))
    reward = score_texts(model, tok, [(args.prompt, args.reply)])[0]
    print(json.dumps({"reward": reward}) if args.json else f"{reward:.4f}")
    return 0


def cmd_dpo(args) -> int:
    from core.config import DpoConfig
    from core.dpo import run_dpo

    cfg = DpoConfig(model=args.model, out=args.out, pairs=_pairs_arg(args), eval_pairs=args.eval_pairs,
                    adapter=args.adapter, beta=args.beta, loss_type=args.loss, eval_data=args.eval_data,
                    eval_limit=args.eval_limit)
    _train_overrides(cfg, args)
    summary = run_dpo(cfg, home=_home(args), on_metrics=_progress_printer(), cancel=CancelToken())
    for label in ("eval_before", "eval_after"):
        if summary.get(label):
            rates = {k: v for k, v in summary[label].items() if k != "rows"}
            print(f"{label}: {json.dumps(rates)}", file=sys.stderr)
    return 0
