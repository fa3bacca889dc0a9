"""Held-out preference pairs built differently from the training pairs: the tutor's own sampled replies.

    .venv/bin/python scripts/make_sampled_pairs.py [--model smollm2] [--adapter shipped] [--data data/test.jsonl]
        [--samples 4] [--temperature 0.9] [--seed 0] [--limit N] [--min-pairs 100] [--out data/pairs_sampled.jsonl]
        [--from-sft]

(``--from-sft --data data/sft.jsonl``: the tutoring demos' sentences, training sentences, for pairs to train on.)

data/pairs_train.jsonl and data/pairs_heldout.jsonl are written from templates (scripts/make_data.py), so a
table of which phrases were chosen in training ranks the held-out pairs almost as well as the reward model
(core/baselines.py). These pairs are built another way: for every sentence of the locked test set the tutor
samples ``--samples`` replies (temperature 0.9), the rule judge labels each one, and one pair is kept per sentence
whose replies the judge ranks differently:

* a good verdict (``fixed`` an error, ``honest`` on a correct sentence) beats a bad one (``wrong fix``,
  ``false alarm``, ``missed``, ``unparsed``; ``core.evaluate.judge``);
* between equal verdicts, a harmless reply beats one with ``core.evaluate.harm_reasons``;
* the pair is the best-ranked reply against the worst-ranked one (the first sampled of each).

Sentences whose samples all rank the same give no pair. Deterministic for a given model, adapter, data and seed
(sample ``j`` draws with seed ``seed + 10007 * j``). Run it again after retraining the shipped tutor. Exits 2 with
a message when fewer than ``--min-pairs`` pairs come out (give ``--min-pairs 0`` for a quick look).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core import tutor  # noqa: E402
from core.evaluate import harm_reasons, judge  # noqa: E402

GOOD_VERDICTS = ("fixed", "honest")
SEED_STRIDE = 10007  # sample j draws with seed + SEED_STRIDE * j (batches add their offset, core.generate)


def rank(example: dict, reply: str) -> tuple[bool, bool]:
    """How the rule judge orders replies: a good verdict first, then harmlessness."""
    return judge(example, reply) in GOOD_VERDICTS, not harm_reasons(reply)


def pick_pair(example: dict, replies: list[str]) -> dict | None:
    """The pair of one sentence's sampled replies that the judge ranks furthest apart, or None when all tie."""
    distinct = list(dict.fromkeys(r.strip() for r in replies if r.strip()))
    if len(distinct) < 2:
        return None
    ranked = [(rank(example, r), r) for r in distinct]
    best, worst = max(k for k, _ in ranked), min(k for k, _ in ranked)
    if best == worst:
        return None
    chosen = next(r for k, r in ranked if k == best)
    rejected = next(r for k, r in ranked if k == worst)
    by_verdict = best[0] != worst[0]
    category = ("honest" if example["correct"] else "helpful") if by_verdict else "harmless"
    return {"prompt": tutor.user_message(example["sentence"]), "chosen": chosen, "rejected": rejected,
            "category": category, "chosen_verdict": judge(example, chosen),
            "rejected_verdict": judge(example, rejected), "source": "sampled"}


def sample_replies(model, tok, examples: list[dict], samples: int, temperature: float, seed: int,
                   max_new_tokens: int = 64) -> list[list[str]]:
    """``samples`` replies per example (index [example][sample])."""
    from core.config import GenerateConfig
    from core.generate import generate

    prompts = [tutor.messages(ex["sentence"]) for ex in examples]
    per_sample = []
    for j in range(samples):
        cfg = GenerateConfig(temperature=temperature, max_new_tokens=max_new_tokens, seed=seed + SEED_STRIDE * j)
        t = time.monotonic()
        per_sample.append(generate(model, tok, prompts, cfg))
        print(f"sample {j + 1}/{samples}: {len(prompts)} replies in {time.monotonic() - t:.0f} s", file=sys.stderr)
    return [list(replies) for replies in zip(*per_sample)]


def build_pairs(examples: list[dict], replies: list[list[str]]) -> list[dict]:
    return [p for ex, rs in zip(examples, replies) if (p := pick_pair(ex, rs)) is not None]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="smollm2")
    ap.add_argument("--adapter", default="shipped")
    ap.add_argument("--data", default="data/test.jsonl")
    ap.add_argument("--out", default="data/pairs_sampled.jsonl")
    ap.add_argument("--samples", type=int, default=4)
    ap.add_argument("--temperature", type=float, default=0.9)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences (quick checks)")
    ap.add_argument("--from-sft", action="store_true",
                    help="--data is an SFT file (data/sft.jsonl): its tutoring demos' sentences, in order")
    ap.add_argument("--min-pairs", type=int, default=100)
    ap.add_argument("--home", default=os.environ.get("PREFLAB_HOME"))
    args = ap.parse_args(argv)
    if args.samples < 2:
        ap.error("--samples: at least 2 replies per sentence are needed to make a pair")
    if args.temperature <= 0:
        ap.error("--temperature: must be > 0 (greedy decoding gives the same reply every time)")

    from core.data import load_eval, load_sft
    from core.models import load_model, resolve_adapter

    data = Path(args.data) if Path(args.data).is_absolute() else ROOT / args.data
    try:
        examples = [r for r in load_sft(data) if "sentence" in r] if args.from_sft else load_eval(data)
    except (OSError, ValueError) as exc:
        print(f"make_sampled_pairs: {exc}", file=sys.stderr)
        return 2
    examples = examples[: args.limit or None]
    model, tok = load_model(args.model, args.home, adapter=resolve_adapter(args.adapter, args.model))
    replies = sample_replies(model, tok, examples, args.samples, args.temperature, args.seed)
    pairs = build_pairs(examples, replies)
    counts = {c: sum(p["category"] == c for p in pairs) for c in ("helpful", "honest", "harmless")}
    print(f"{len(pairs)} pairs from {len(examples)} sentences x {args.samples} samples: {counts}", file=sys.stderr)
    if len(pairs) < args.min_pairs:
        print(f"make_sampled_pairs: only {len(pairs)} pairs, fewer than --min-pairs {args.min_pairs} "
              f"(more --samples, or a tutor whose replies differ more); {args.out} not written", file=sys.stderr)
        return 2
    out = Path(args.out) if Path(args.out).is_absolute() else ROOT / args.out
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    sys.exit(main())
