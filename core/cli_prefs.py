"""CLI commands of the preference store: ``preflab prefs import|export|stats``."""

from __future__ import annotations

import json
from pathlib import Path

from core.cli import UsageError, _home


def register(sub, common, train) -> None:
    prefs = sub.add_parser("prefs", parents=[common], help="the preference store: import, export, stats")
    psub = prefs.add_subparsers(dest="prefs_command", parser_class=type(prefs))
    p = psub.add_parser("import", parents=[common], help="import a TRL preference JSONL (all or nothing)")
    p.add_argument("file")
    p.set_defaults(func=cmd_import)
    p = psub.add_parser("export", parents=[common], help="export labeled pairs (ties and skips left out)")
    p.add_argument("file")
    p.add_argument("--format", choices=["jsonl", "hf"], default="jsonl", help="jsonl, or a datasets folder")
    p.add_argument("--annotator", default=None, help="only this annotator's labels")
    p.set_defaults(func=cmd_export)
    p = psub.add_parser("stats", parents=[common], help="pairs, labels, ties, skips, annotators, agreement")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)
    prefs.set_defaults(func=_missing)


def _missing(args) -> int:
    raise UsageError("preflab prefs: choose import, export or stats")


def _store(args):
    from core.store import PreferenceStore
    from core.workspace import store_path

    return PreferenceStore(store_path(_home(args)))


def cmd_import(args) -> int:
    from core.pairs import import_file

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"preflab prefs import: file {path} does not exist")
    with _store(args) as store:
        before = store.stats()["pairs"]
        import_file(store, path)
        added = store.stats()["pairs"] - before
    print(f"imported {added} new pairs from {path}")
    return 0


def cmd_export(args) -> int:
    with _store(args) as store:
        if args.format == "hf":
            n = store.export_hf(Path(args.file), annotator=args.annotator)
        else:
            n = store.export_jsonl(Path(args.file), annotator=args.annotator)
    print(f"exported {n} pairs to {args.file}")
    return 0


def cmd_stats(args) -> int:
    with _store(args) as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(stats))
    else:
        for key, value in stats.items():
            print(f"{key:>10}: {'-' if value is None else value}")
    return 0
