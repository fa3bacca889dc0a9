"""``preflab``: headless entry points over the same job functions the GUI runs.

Every training command writes a run folder (config.json, metrics.jsonl, adapter/, summary.json) and prints
progress to stderr. Bad flags or files give a one-line error and exit code 2. ``preflab`` with no command
opens the GUI (see ``gui/app.py``, which dispatches here for everything else). Here: the parser, the
training flags (:func:`train_flags`, defaults read from the job's config dataclass), ``tutor``, ``sft``,
``eval`` and ``compare``; the lab commands are in ``core.cli_labs``, the store's in ``core.cli_prefs``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from core.config import QUICK_EVAL, EvalConfig, SftConfig, default
from core.paths import repo_path
from core.progress import CancelToken


class UsageError(Exception):
    """Bad flags or input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line instead of argparse's usage dump
        raise UsageError(f"{self.prog}: {message}")


def _progress_printer():
    def show(event: dict) -> None:
        stream = sys.stderr  # looked up per call: tests and callers may redirect it
        if "fraction" in event:  # a job's share done within a long phase (the constitution loop's batches)
            print(f"  {event.get('phase', '')} {event['fraction']:.0%} eta {event.get('eta') or 0:.0f}s",
                  file=stream, flush=True)
        elif "phase" in event and "step" not in event:
            print(f"[{event['phase']}]", file=stream, flush=True)
        elif "done" in event:
            print(f"  {event.get('phase', '')} {event['done']}/{event['total']}", file=stream, flush=True)
        elif "step" in event:
            keys = [k for k in ("loss", "accuracy", "rewards/margins", "rewards/accuracies", "eval_loss",
                                "eval_accuracy") if k in event]
            vals = " ".join(f"{k}={event[k]:.4f}" for k in keys if isinstance(event[k], (int, float)))
            print(f"  step {event['step']}/{event['max_steps']} {vals} eta {event.get('eta', 0):.0f}s",
                  file=stream, flush=True)
    return show


def _positive_float(name):
    def parse(text):
        try:
            v = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a number, got {text!r}") from None
        if not v > 0:
            raise argparse.ArgumentTypeError(f"{name} must be > 0, got {text}")
        return v
    return parse


def _positive_int(name, allow_zero=False):
    def parse(text):
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be an integer, got {text!r}") from None
        if v < 0 or (v == 0 and not allow_zero):
            raise argparse.ArgumentTypeError(f"{name} must be {'>= 0' if allow_zero else '> 0'}, got {text}")
        return v
    return parse


def _optional_file(text: str) -> str:
    """An existing file, or "" for none."""
    return text if text == "" else _existing_file(text)


def _existing_file(text: str) -> str:
    p = Path(text)
    if not p.is_file():
        raise argparse.ArgumentTypeError(f"file {text} does not exist")
    return text


def train_flags(cls) -> argparse.ArgumentParser:
    """The training flags of a job whose config is ``cls`` (SftConfig, RewardConfig, DpoConfig), as a parent
    parser; every default is the dataclass field's."""
    train = _Parser(add_help=False)
    train.add_argument("--epochs", type=_positive_float("--epochs"), default=default(cls, "epochs"))
    train.add_argument("--max-steps", type=_positive_int("--max-steps"), default=default(cls, "max_steps"),
                       help="stop after this many optimizer steps (overrides --epochs)")
    train.add_argument("--learning-rate", "--lr", type=_positive_float("--learning-rate"),
                       default=default(cls, "learning_rate"))
    train.add_argument("--batch-size", type=_positive_int("--batch-size"), default=default(cls, "batch_size"))
    train.add_argument("--lora-rank", type=_positive_int("--lora-rank"), default=default(cls, "lora_rank"),
                       help="LoRA rank (alpha is twice the rank)")
    train.add_argument("--seed", type=int, default=default(cls, "seed"))
    where = train.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="RUN_DIR", help="the run folder to write")
    where.add_argument("--resume", metavar="RUN_DIR", help="continue a stopped run from its last checkpoint")
    return train


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    # SUPPRESS: a flag given before the sub-command is not overwritten by the sub-parser's default.
    common.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS,
                        help="data dir (cache, store, runs); default $PREFLAB_HOME")
    common.add_argument("--model", default=argparse.SUPPRESS,
                        help="smollm2 (embedded, default), tiny, or a model folder")
    parser = _Parser(prog="preflab", description="Preference Lab: preference alignment on your CPU.",
                     parents=[common])
    parser.set_defaults(workspace=None, model=default(SftConfig, "model"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("tutor", parents=[common], help="print the tutor's reply to a sentence")
    p.add_argument("--adapter", default=default(EvalConfig, "adapter"),
                   help="adapter or run folder, 'shipped' (default) or 'none'")
    p.add_argument("sentence")
    p.set_defaults(func=cmd_tutor)

    p = sub.add_parser("sft", parents=[common, train_flags(SftConfig)], help="LoRA SFT of the grammar tutor")
    p.add_argument("--data", type=_existing_file, default=str(repo_path(default(SftConfig, "data"))))
    p.add_argument("--adapter", default=default(SftConfig, "adapter"),
                   help="start from this adapter (default: a fresh LoRA)")
    p.set_defaults(func=cmd_sft)

    p = sub.add_parser("eval", parents=[common], help="helpful / honest / harmless rates on an eval set")
    p.add_argument("--adapter", default=default(EvalConfig, "adapter"))
    p.add_argument("--data", type=_existing_file, default=str(repo_path(default(EvalConfig, "data"))))
    p.add_argument("--limit", type=_positive_int("--limit", allow_zero=True), default=default(EvalConfig, "limit"),
                   help="evaluate only the first N sentences (0: all)")
    p.add_argument("--quick", action="store_true", help=f"the first {QUICK_EVAL} sentences (the GUI's Quick box)")
    p.add_argument("--batch-size", type=_positive_int("--batch-size"), default=default(EvalConfig, "batch_size"))
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.add_argument("--rows", metavar="FILE", help="also write every reply and verdict to this JSONL")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("compare", parents=[common],
                       help="helpful / honest / harmless of several adapters side by side (the GUI's evals)")
    p.add_argument("adapters", nargs="*", metavar="NAME=ADAPTER", default=["base model=none", "tutor=shipped"],
                   help="adapters to compare (default: 'base model=none' 'tutor=shipped')")
    p.add_argument("--redteam", action="store_true", help="also the red-team set (Lab 02's before / after)")
    p.add_argument("--limit", type=_positive_int("--limit", allow_zero=True), default=default(EvalConfig, "limit"))
    p.add_argument("--quick", action="store_true", help=f"the first {QUICK_EVAL} sentences of each set")
    p.set_defaults(func=cmd_compare)

    for register in _extensions():
        register(sub, common, train_flags)
    return parser


def _extensions():
    """Sub-command groups that live next to their engine (preferences, labs)."""
    found = []
    for name in ("core.cli_prefs", "core.cli_labs"):
        try:
            module = __import__(name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        found.append(module.register)
    return found


def _home(args):
    from core.logs import setup_logging
    from core.workspace import data_home

    home = data_home(args.workspace)
    setup_logging(home)
    return home


def cmd_tutor(args) -> int:
    from core import tutor
    from core.config import GenerateConfig
    from core.generate import generate
    from core.models import load_model, resolve_adapter

    if not args.sentence.strip():
        raise UsageError("preflab tutor: SENTENCE is empty")
    model, tok = load_model(args.model, _home(args), adapter=resolve_adapter(args.adapter, args.model))
    reply = generate(model, tok, [tutor.messages(args.sentence)], GenerateConfig(max_new_tokens=64))[0]
    print(reply)
    return 0


def _train_overrides(cfg, args) -> None:
    """Apply the training flags; with ``--resume RUN_DIR`` the run's own config.json wins."""
    if getattr(args, "resume", None):
        import dataclasses

        from core.runs import resume_config

        try:
            saved = resume_config(type(cfg), args.resume)
        except ValueError as exc:
            raise UsageError(f"--resume: {exc}") from None
        for f in dataclasses.fields(cfg):
            setattr(cfg, f.name, getattr(saved, f.name))
        return
    for field in ("epochs", "max_steps", "learning_rate", "batch_size", "lora_rank", "seed"):
        setattr(cfg, field, getattr(args, field))
    cfg.lora_alpha = 2 * args.lora_rank


def cmd_sft(args) -> int:
    from core.config import SftConfig
    from core.sft import run_sft

    cfg = SftConfig(model=args.model, out=args.out, data=args.data, adapter=args.adapter)
    _train_overrides(cfg, args)
    summary = run_sft(cfg, home=_home(args), on_metrics=_progress_printer(), cancel=CancelToken())
    print(json.dumps(summary), file=sys.stderr)
    return 0


def cmd_eval(args) -> int:
    from core.config import EvalConfig
    from core.evaluate import RATE_KEYS, run_eval

    cfg = EvalConfig(model=args.model, adapter=args.adapter, data=args.data,
                     limit=QUICK_EVAL if args.quick else args.limit, batch_size=args.batch_size)
    result = run_eval(cfg, home=_home(args), on_metrics=_progress_printer())
    if args.rows:
        from core.runs import atomic_write_text

        atomic_write_text(Path(args.rows), "".join(json.dumps(r) + "\n" for r in result["rows"]))
    rates = {k: result[k] for k in RATE_KEYS}
    if args.json:
        print(json.dumps(rates))
    else:
        for k in RATE_KEYS:
            v = rates[k]
            print(f"{k:>13}: {v if k == 'n' or v is None else f'{v:.3f}'}")
    return 0


def cmd_compare(args) -> int:
    from core.config import EVAL_SETS
    from core.evaluate import RATE_KEYS, compare_models

    adapters = {}
    for item in args.adapters:
        name, sep, adapter = item.partition("=")
        if not sep or not name.strip() or not adapter.strip():
            raise UsageError(f"preflab compare: {item!r} is not NAME=ADAPTER (e.g. tutor=shipped)")
        adapters[name.strip()] = adapter.strip()
    data = dict(EVAL_SETS) if args.redteam else {"eval set": EVAL_SETS["eval set"]}
    out = compare_models(args.model, _home(args), adapters, data, QUICK_EVAL if args.quick else args.limit,
                         on_metrics=_progress_printer(), cancel=CancelToken())
    table = {name: {key: {k: result[k] for k in RATE_KEYS} for key, result in sets.items()}
             for name, sets in out["results"].items()}
    print(json.dumps({"adapters": out["adapters"], "rates": table}, indent=1))
    return 0


def _one_line(exc: BaseException) -> str:
    """The message on one line, even when it quotes user input holding newlines or control characters."""
    text = " ".join(str(exc).split())
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "command", None):
            raise UsageError("preflab: no command given (run `preflab` without arguments for the app)")
        return args.func(args)
    except (UsageError, ValueError, OSError) as exc:  # bad flags, files, models, dirs: named in the message
        if not isinstance(exc, UsageError):
            import traceback

            from core.logs import LOGGER

            LOGGER.warning("command %s refused:\n%s", argv, traceback.format_exc())
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a job failed (NaN loss, out of memory ...): a message, the traceback in the log
        import traceback

        from core.errors import plain_message
        from core.logs import LOGGER

        LOGGER.error("command %s failed:\n%s", argv, traceback.format_exc())
        print(f"error: {_one_line(plain_message(exc))}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
