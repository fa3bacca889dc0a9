"""CLI commands of the labs: ``preflab rm``, ``score``, ``dpo``, ``ai-label``, ``cai``, ``distill``, ``cai-pairs``
and ``export-model``. Each builds its job's config from flags whose defaults are the dataclass fields'
(:func:`core.config.default`) and calls the same core function as the GUI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from core.cli import (
    UsageError,
    _existing_file,
    _home,
    _optional_file,
    _positive_float,
    _positive_int,
    _progress_printer,
    _train_overrides,
)
from core.config import (
    EVAL_POINTS,
    METHODS,
    AiFeedbackConfig,
    ConstitutionConfig,
    DpoConfig,
    RewardConfig,
    SftConfig,
    default,
)
from core.paths import repo_path
from core.progress import CancelToken


def _pair_source(p, cls) -> None:
    """--pairs / --from-store / --annotator, --eval-pairs and --engine of a preference lab whose config is ``cls``."""
    group = p.add_mutually_exclusive_group()
    group.add_argument("--pairs", type=_existing_file, metavar="FILE", help="TRL preference JSONL")
    group.add_argument("--from-store", action="store_true", help="the labels in the preference store")
    p.add_argument("--annotator", metavar="NAME", default=None,
                   help="with --from-store: only this annotator's labels ('human': every person's, no AI or "
                        "constitution labels; e.g. ai:honest); default: every annotator's labels vote")
    p.add_argument("--engine", choices=["packed", "trl"], default=default(cls, "engine"),
                   help="packed: each batch as one prefix tree (faster, same loss); trl: TRL's own forward pass")
    p.add_argument("--eval-pairs", type=_optional_file, default=str(repo_path(default(cls, "eval_pairs"))),
                   help="held-out pairs for eval_* metrics ('' to skip)")


def register(sub, common, train) -> None:
    p = sub.add_parser("rm", parents=[common, train(RewardConfig)],
                       help="Lab 00: train a reward model on preference pairs")
    _pair_source(p, RewardConfig)
    p.add_argument("--start-adapter", default=default(RewardConfig, "start_adapter"), metavar="SFT_DIR",
                   help="start from the base model ('none') or from an SFT adapter folded into it ('shipped': "
                        "the tutor, as InstructGPT starts its reward model from the SFT model)")
    p.set_defaults(func=cmd_rm)

    p = sub.add_parser("score", parents=[common], help="the reward a trained reward model gives a reply")
    p.add_argument("--rm", required=True, metavar="RUN_DIR")
    p.add_argument("--prompt", required=True)
    p.add_argument("--reply", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("dpo", parents=[common, train(DpoConfig)],
                       help="Lab 01: DPO-fine-tune the tutor on preference pairs")
    _pair_source(p, DpoConfig)
    p.add_argument("--adapter", default=default(DpoConfig, "adapter"), metavar="SFT_DIR",
                   help="the SFT tutor (default: shipped)")
    p.add_argument("--beta", type=_positive_float("--beta"), default=default(DpoConfig, "beta"))
    p.add_argument("--loss", choices=["sigmoid", "ipo", "hinge"], default=default(DpoConfig, "loss_type"))
    p.add_argument("--sft-weight", type=float, default=default(DpoConfig, "sft_weight"),
                   help="weight of an SFT loss on the chosen replies (RPO)")
    p.add_argument("--eval-data", default=str(repo_path(default(DpoConfig, "eval_data"))),
                   help="HHH eval before/after ('' skips)")
    p.add_argument("--eval-limit", type=int, default=default(DpoConfig, "eval_limit"),
                   help="evaluate only the first N sentences")
    p.add_argument("--eval-points", type=_positive_int("--eval-points", allow_zero=True), default=EVAL_POINTS,
                   help=f"held-out evals over the run (default {EVAL_POINTS}, as in the GUI; 0: every eval_steps)")
    p.add_argument("--pair-margins", action="store_true", default=default(DpoConfig, "pair_margins"),
                   help="after the last step, score every training pair (pair_margins.json; the GUI does it "
                        "when its Pair margins page asks)")
    p.set_defaults(func=cmd_dpo)
    register_constitution(sub, common, train)
    register_export(sub, common, train)
    register_ai_feedback(sub, common)


def register_ai_feedback(sub, common) -> None:
    p = sub.add_parser("ai-label", parents=[common],
                       help="RLAIF: the judge model labels pairs by a principle (stored as annotator ai:<principle>)")
    p.add_argument("--principle", required=True, metavar="NAME",
                   help="a principle of the constitution, by name or short name (honest, helpful, ...)")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--pairs", type=_existing_file, metavar="FILE",
                       help="TRL preference JSONL: its pairs are added to the store, then labeled")
    group.add_argument("--from-store", action="store_true", help="the store's pairs the AI has not labeled yet")
    p.add_argument("--judge", metavar="PATH", default=default(AiFeedbackConfig, "judge"),
                   help="a local model folder as the judge (default: the tutor itself)")
    p.add_argument("--adapter", default=default(AiFeedbackConfig, "adapter"),
                   help="the judge's adapter: 'shipped' (default), 'none' or a folder")
    p.add_argument("--constitution", type=_existing_file,
                   default=str(repo_path(default(AiFeedbackConfig, "constitution"))),
                   help="where to look the principle up")
    p.add_argument("--method", choices=list(METHODS), default=default(AiFeedbackConfig, "method"),
                   help="auto (default): each principle's own, chosen on dev (honest: revise; others: critique); "
                        "compare: both replies side by side, A or B, in both orders; critique: each reply alone, "
                        "how likely its critique finds no fault; revise: each reply alone, how likely its revision "
                        "leaves it as it is")
    p.add_argument("--margin", type=float, default=default(AiFeedbackConfig, "margin"),
                   help="|p(first better) - 0.5| below this is a tie (default: the principle's own margin, "
                        "chosen on dev with its own method; 0.1 otherwise)")
    p.add_argument("--batch-size", type=_positive_int("--batch-size"), default=default(AiFeedbackConfig, "batch_size"))
    p.add_argument("--limit", type=_positive_int("--limit", allow_zero=True), default=default(AiFeedbackConfig, "limit"))
    p.set_defaults(func=cmd_ai_label)


def cmd_ai_label(args) -> int:
    from core.ai_feedback import annotate
    from core.models import check_model_folder

    if args.judge:
        check_model_folder(Path(args.judge))
    cfg = AiFeedbackConfig(model=args.model, principle=args.principle,
                           pairs="store" if args.from_store else args.pairs, judge=args.judge, adapter=args.adapter,
                           constitution=args.constitution, method=args.method, margin=args.margin,
                           batch_size=args.batch_size,
                           limit=args.limit)
    home = _home(args)
    summary = annotate(cfg, home=home, on_metrics=_progress_printer(), cancel=CancelToken())
    counts = summary["counts"]
    print(f"{summary['status']}: {summary['labeled']}/{summary['total']} pairs labeled by {summary['annotator']} "
          f"(A {counts['A']}, B {counts['B']}, tie {counts['tie']}; method {summary['method']}, tie margin "
          f"{summary['margin']:g})")
    _print_seed_agreement(home, summary["annotator"])
    return 0


def _print_seed_agreement(home, annotator: str) -> None:
    """How far the annotator's labels agree with the seed pairs' chosen replies, where it labeled seed pairs."""
    from core.pairs import SEED_PAIRS, load_pairs
    from core.store import PreferenceStore
    from core.workspace import store_path

    with PreferenceStore(store_path(home)) as store:
        result = store.compare(annotator, store.seed_labels(load_pairs(SEED_PAIRS)))
    if result.n:
        print(f"agreement with the seed labels on {result.n} seed pairs: {result.agree:.2f} "
              f"(kappa {result.kappa:.2f}, {len(result.disagreements)} disagree)")


def register_constitution(sub, common, train) -> None:
    p = sub.add_parser("cai", parents=[common], help="Lab 02: critique-and-revise loop against a constitution")
    p.add_argument("--constitution", type=_existing_file,
                   default=str(repo_path(default(ConstitutionConfig, "constitution"))))
    p.add_argument("--prompts", type=_existing_file, default=str(repo_path(default(ConstitutionConfig, "prompts"))))
    p.add_argument("--rounds", type=_positive_int("--rounds"), default=default(ConstitutionConfig, "rounds"))
    p.add_argument("--order", choices=["in_turn", "random"], default=default(ConstitutionConfig, "order"))
    p.add_argument("--adapter", default=default(ConstitutionConfig, "adapter"),
                   help="the tutor being revised (default: shipped)")
    p.add_argument("--critic", default=default(ConstitutionConfig, "critic"), metavar="PATH",
                   help="a separate critic model folder")
    p.add_argument("--reviser", default=default(ConstitutionConfig, "reviser"), metavar="PATH",
                   help="a separate model folder that writes the revisions (default: the tutor itself)")
    p.add_argument("--without", action="append", default=[], metavar="PRINCIPLE",
                   help="leave this principle out (by name, e.g. 'Harmless: kind and modest' or 'Harmless'); "
                        "repeatable: the ablation of Lab 02")
    p.add_argument("--limit", type=_positive_int("--limit", allow_zero=True), default=default(ConstitutionConfig, "limit"))
    p.add_argument("--seed", type=int, default=default(ConstitutionConfig, "seed"))
    p.add_argument("--out", required=True, metavar="RUN")
    p.set_defaults(func=cmd_cai)

    p = sub.add_parser("distill", parents=[common, train(SftConfig)],
                       help="SFT the tutor on a constitution run's revisions")
    p.add_argument("--revisions", required=True, metavar="RUN")
    p.add_argument("--only-accepted", action="store_true")
    p.add_argument("--adapter", default=default(ConstitutionConfig, "adapter"),
                   help="the tutor to continue from (default: shipped)")
    p.set_defaults(func=cmd_distill)

    p = sub.add_parser("cai-pairs", parents=[common], help="add (revision, first answer) pairs to the store")
    p.add_argument("run", metavar="RUN")
    p.add_argument("--only-accepted", action="store_true")
    p.set_defaults(func=cmd_cai_pairs)


def cmd_cai(args) -> int:
    from core.constitution import run_constitution
    from core.models import check_model_folder

    for folder in (args.critic, args.reviser):
        if folder:
            check_model_folder(Path(folder))
    cfg = ConstitutionConfig(model=args.model, adapter=args.adapter, critic=args.critic, reviser=args.reviser,
                             without=tuple(args.without),
                             constitution=args.constitution, prompts=args.prompts, out=args.out,
                             rounds=args.rounds, order=args.order, seed=args.seed, limit=args.limit)
    summary = run_constitution(cfg, home=_home(args), on_metrics=_progress_printer(), cancel=CancelToken())
    print(json.dumps({k: v for k, v in summary.items() if k != "records"}), file=sys.stderr)
    return 0


def cmd_distill(args) -> int:
    from core.constitution import run_distill
    from core.models import resolve_adapter

    adapter = resolve_adapter(args.adapter, args.model)
    cfg = SftConfig(model=args.model, out=args.out, adapter=str(adapter) if adapter else "", data="")
    _train_overrides(cfg, args)
    summary = run_distill(cfg, args.revisions, only_accepted=args.only_accepted, home=_home(args),
                          on_metrics=_progress_printer(), cancel=CancelToken())
    print(json.dumps(summary), file=sys.stderr)
    return 0


def cmd_cai_pairs(args) -> int:
    from core.constitution import send_pairs
    from core.store import PreferenceStore
    from core.workspace import store_path

    with PreferenceStore(store_path(_home(args))) as store:
        added = send_pairs(args.run, store, only_accepted=args.only_accepted)
    print(f"added {added} (revision, first answer) pairs to the store")
    return 0


def register_export(sub, common, train) -> None:
    p = sub.add_parser("export-model", parents=[common], help="merge a run's adapter into a plain HF model folder")
    p.add_argument("run", metavar="RUN")
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(func=cmd_export_model)


def cmd_export_model(args) -> int:
    from core.export import export_model

    out = export_model(args.run, args.out, _home(args))
    print(f"exported {args.run} to {out} (loads with transformers, no PEFT needed)")
    return 0


def _pairs_arg(args) -> str:
    from core.pairs import store_source

    if args.annotator is not None and not args.from_store:
        raise UsageError(f"preflab {args.command}: --annotator needs --from-store")
    if args.annotator is not None and not args.annotator.strip():
        raise UsageError(f"preflab {args.command}: --annotator is empty")
    if args.from_store:
        return store_source(args.annotator or "")
    if not args.pairs:
        if getattr(args, "resume", None):
            return ""  # taken from the run's config.json
        raise UsageError(f"preflab {args.command}: one of the arguments --pairs --from-store is required")
    return args.pairs


def cmd_rm(args) -> int:
    from core.reward import run_reward

    cfg = RewardConfig(model=args.model, out=args.out, pairs=_pairs_arg(args), eval_pairs=args.eval_pairs,
                       engine=args.engine, start_adapter=args.start_adapter)
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
    from core.dpo import train_dpo

    cfg = DpoConfig(model=args.model, out=args.out, pairs=_pairs_arg(args), eval_pairs=args.eval_pairs,
                    adapter=args.adapter, beta=args.beta, loss_type=args.loss, sft_weight=args.sft_weight, eval_data=args.eval_data,
                    eval_limit=args.eval_limit, engine=args.engine, pair_margins=args.pair_margins)
    _train_overrides(cfg, args)
    summary = train_dpo(cfg, _home(args), eval_points=args.eval_points, on_metrics=_progress_printer(),
                        cancel=CancelToken())
    for label in ("eval_before", "eval_after"):
        if summary.get(label):
            rates = {k: v for k, v in summary[label].items() if k != "rows"}
            print(f"{label}: {json.dumps(rates)}", file=sys.stderr)
    return 0
