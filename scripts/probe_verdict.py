"""Does the tutor know, at its verdict, whether the learner's sentence was correct?

    python scripts/probe_verdict.py [--adapter shipped] [--layer 24]

The tutor answers each sentence (greedy); its own reply is cut right after the ``Verb:`` note, where the verdict
("already correct" or an explanation) comes next, and the hidden state of that last token is taken from every
layer. A logistic regression per layer (L2, standardised features) is fitted on the sentences of the honest
and helpful training pairs (train family) and scored on data/eval.jsonl (eval family): the AUC of correct
sentences against wrong ones the tutor corrected right ("fixed"), and the share of correct sentences the probe
would call correct at the threshold where only 5% of the fixed ones are. It shows what a verdict could get
from the tutor's own state, before any DPO (data/README.md, "Why mirrored pairs").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOTE = re.compile(r"^(Checked: .*\nVerb: .*? → .*?\.)", re.M)


def pair_sentences(path: Path) -> list[dict]:
    """Correct sentences of the honest pairs and the wrong ones of the helpful pairs, with their gold."""
    from core import tutor

    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        s, chosen = tutor.sentence_from_prompt(p["prompt"]), tutor.parse_reply(p["chosen"])
        if p["category"] == "honest":
            rows.append({"sentence": s, "correct": True, "gold": s})
        elif p["category"] == "helpful" and chosen.kind == "correction":
            rows.append({"sentence": s, "correct": False, "gold": chosen.correction})
    return rows


def features(model, tok, examples: list[dict]):
    """(hidden states [n, layers, d], correct [n], fixed [n]) at the end of the tutor's own Verb: note."""
    import numpy as np
    import torch

    from core import tutor
    from core.config import GenerateConfig
    from core.generate import generate, render

    replies = generate(model, tok, [tutor.messages(e["sentence"]) for e in examples],
                       GenerateConfig(max_new_tokens=40, batch_size=16))
    X, correct, fixed = [], [], []
    for e, r in zip(examples, replies):
        m = NOTE.match(r)
        if not m:
            continue
        ids = tok(render(tok, tutor.messages(e["sentence"])) + m.group(1), return_tensors="pt",
                  add_special_tokens=False)
        with torch.no_grad():
            out = model(**ids, output_hidden_states=True)
        X.append(torch.stack([h[0, -1] for h in out.hidden_states]).float().numpy())
        correct.append(bool(e["correct"]))
        checked = r.splitlines()[0][len(tutor.CHECKED_PREFIX):].strip()
        fixed.append(not e["correct"] and tutor.same_sentence(checked, e["gold"]))
    return np.array(X), np.array(correct), np.array(fixed)


def fit_logistic(X, y, c: float = 0.1):
    """L2 logistic regression (LBFGS) on standardised features; returns a scoring function."""
    import torch

    X = torch.tensor(X, dtype=torch.float32)
    mu, sd = X.mean(0), X.std(0) + 1e-5
    Xs, t = (X - mu) / sd, torch.tensor(y, dtype=torch.float32)
    w, b = torch.zeros(X.shape[1], requires_grad=True), torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=2000)

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(Xs @ w + b, t) + (w @ w) / (2 * c * len(t))
        loss.backward()
        return loss

    opt.step(closure)
    return lambda Z: (((torch.tensor(Z, dtype=torch.float32) - mu) / sd) @ w.detach() + b.detach()).numpy()


def auc(pos, neg) -> float:
    import numpy as np

    pos, neg = np.asarray(pos, dtype=float)[:, None], np.asarray(neg, dtype=float)[None, :]
    return float((pos > neg).mean() + 0.5 * (pos == neg).mean())


def main() -> int:
    import numpy as np

    from core.models import load_model, resolve_adapter

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--adapter", default="shipped")
    ap.add_argument("--model", default="smollm2")
    args = ap.parse_args()
    model, tok = load_model(args.model, adapter=resolve_adapter(args.adapter, args.model))
    model.eval()
    train = pair_sentences(ROOT / "data" / "pairs_train.jsonl")
    evals = [json.loads(line) for line in (ROOT / "data" / "eval.jsonl").read_text(encoding="utf-8").splitlines()]
    Xtr, ytr, _ = features(model, tok, train)
    Xte, yte, fte = features(model, tok, evals)
    print(f"train: {len(ytr)} replies with a note ({ytr.sum()} correct); eval: {len(yte)} ({yte.sum()} correct, "
          f"{fte.sum()} wrong and fixed)")
    for layer in range(Xtr.shape[1]):
        s = fit_logistic(Xtr[:, layer], ytr)(Xte[:, layer])
        cut = np.sort(s[fte])[::-1][int(0.05 * fte.sum())]
        print(f"layer {layer:2d}: AUC correct vs fixed {auc(s[yte], s[fte]):.3f}, "
              f"correct called correct with 5% of fixed {np.mean(s[yte] > cut):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
