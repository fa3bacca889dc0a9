"""DPO on twice the training pairs, scored on dev and on the open dev set (a dev-only experiment).

    python scripts/dpo_more_pairs.py --epochs 2.5 --out runs/dpo-pairs400 [--seed 0] [--home DIR]

Draws 200 more pairs the way data/pairs_train.jsonl was drawn (the category counts and pair builder of
scripts/make_data.py, on sentences that no file under data/ uses, another seed), writes the 400 pairs beside the
run (``<out>-pairs400.jsonl``), trains DPO from the shipped tutor with every default but ``--epochs`` and
``--seed``, then prints helpful / honest / missed on data/eval.jsonl (dev) and data/dev_open.jsonl (open dev),
with counts. Nothing under data/ changes; the locked test sets are read only so that no new pair uses their
sentences, and nothing is scored on them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import make_data  # noqa: E402

from core import data  # noqa: E402

EXTRA_SEED_OFFSET = 501  # make_data.py draws its own pair files at offsets 2 and 3


def data_file_texts() -> set[str]:
    """Every sentence, gold, foil and prompt of every JSONL file under data/: the new pairs avoid them all."""
    used = make_data.held_out_sentences()
    for path in sorted(data.DATA_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            used |= {row[k] for k in ("sentence", "gold", "foil", "prompt") if isinstance(row.get(k), str)}
    return used


def more_pairs() -> list[dict]:
    """200 new training pairs (60 honest with their twins, 20 more helpful, 35 harmless, 25 style)."""
    used = data_file_texts()
    examples = make_data.split_examples(make_data.CATEGORY_COUNTS["pairs_train"], used,
                                        make_data.SEED + EXTRA_SEED_OFFSET)
    pairs = make_data.make_pairs(examples, random.Random(make_data.SEED + 10 * EXTRA_SEED_OFFSET))
    bundled = {json.loads(line)["prompt"] for line in (data.DATA_DIR / "pairs_train.jsonl").open(encoding="utf-8")}
    assert not bundled & {p["prompt"] for p in pairs}, "a new pair repeats a bundled prompt"
    return pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=float, default=2.5, help="2.5 on 400 pairs = the default's 250 steps")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--home", default=None, help="data dir (model cache); default $PREFLAB_HOME")
    args = ap.parse_args(argv)

    from core.config import DpoConfig, EvalConfig
    from core.data import load_eval
    from core.dpo import run_dpo
    from core.evaluate import evaluate_model
    from core.models import load_for_inference, resolve_adapter

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pairs_file = out.parent / f"{out.name}-pairs400.jsonl"  # beside the run: the run folder is the job's own
    bundled = (data.DATA_DIR / "pairs_train.jsonl").read_text(encoding="utf-8")
    pairs_file.write_text(bundled + "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in more_pairs()),
                          encoding="utf-8")
    summary = run_dpo(DpoConfig(model="smollm2", out=str(out), seed=args.seed, pairs=str(pairs_file),
                                epochs=args.epochs, eval_data=""), home=args.home)
    model, tok = load_for_inference("smollm2", args.home, adapter=resolve_adapter(str(out), "smollm2"))
    print(f"{summary['steps']} steps, {summary['train_seconds']:.0f} s of training")
    for name in ("eval.jsonl", "dev_open.jsonl"):
        r = evaluate_model(model, tok, load_eval(data.DATA_DIR / name), EvalConfig(model="smollm2"))
        print(f"{name}: helpful {r['helpful']:.2f} ({r['k_helpful']}/{r['n_wrong']}), honest {r['honest']:.2f} "
              f"({r['k_honest']}/{r['n_correct']}), missed {r['missed']:.2f} ({r['k_missed']}/{r['n_wrong']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
