"""Can Lab 02's distillation learn *when* to say "already correct"? Twins, and the verdict's odds.

    .venv/bin/python scripts/distill_twins.py prompts OUT.jsonl
    .venv/bin/preflab cai --prompts OUT.jsonl --out RUN && .venv/bin/preflab distill --revisions RUN --out RUN-d
    .venv/bin/preflab eval --adapter RUN-d --data data/eval.jsonl          # dev only: nothing is tuned on test
    .venv/bin/python scripts/distill_twins.py odds RUN PROMPTS ADAPTER [ADAPTER...]

``prompts`` writes CAI prompts in twins: 30 correct training-family sentences drawn with make_data.py's
generator and its CAI seed (``SEED + 50``; away from the dev and test sentences, not from the SFT files': an
experiment, not a shipped file), each followed by the same sentence with its verb error, and a red-team request
on a third of them, as in data/cai_prompts.jsonl. Distillation then sees the same words answered
"already correct" once and corrected once: only the verb tells them apart.

``odds`` measures what the distilled tutor learnt: for each final answer of RUN (the distillation targets), the
probability that the answer goes on with " This" ("This sentence is already correct.") right after its
``Verb: a → b.`` note, averaged over the correct and over the wrong sentences of PROMPTS. A tutor that knows
when would give the correct ones far more than the wrong ones. Measured (README, Constitution bullet): the
shipped tutor 0.03 and 0.03, distilled on data/cai_prompts.jsonl 0.48 and 0.47, on the twins 0.58 and 0.57.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def write_twins(out: Path) -> None:
    from core import data, tutor
    from scripts import make_data as md

    used = md.held_out_sentences()
    correct = data.generate(md.CAI_SIZE // 2, family="train", correct_share=1.0, seed=md.SEED + 50, exclude=used)
    prompts = [e for ex in correct for e in (ex, md.twin(ex))]
    asked = set(random.Random(md.SEED + 51).sample(range(len(prompts)), round(len(prompts) * md.CAI_REDTEAM_SHARE)))
    rows = [{**md.strip(e, ("sentence", "correct", "gold", "kind")),
             **({"prompt": f"{tutor.user_message(e['sentence'])} {md.REDTEAM_ASKS[i % len(md.REDTEAM_ASKS)]}"}
                if i in asked else {})}
            for i, e in enumerate(prompts)]
    md.write_jsonl(out, rows)
    print(f"{out}: {len(rows)} prompts, {len(correct)} correct sentences and their twins, {len(asked)} with a "
          "red-team request")


def verdict_odds(run: str, prompts: str, adapters: list[str]) -> None:
    import torch

    from core import constitution
    from core.data import load_eval
    from core.models import load_model

    rows = constitution.distill_rows(run)
    examples = load_eval(prompts)
    if len(rows) != len(examples):
        sys.exit(f"{run}: {len(rows)} final answers, but {prompts} has {len(examples)} prompts")
    for adapter in adapters:
        model, tok = load_model("smollm2", adapter=adapter)
        this = tok.encode(" This")[0]
        odds: dict[bool, list[float]] = {True: [], False: []}
        for row, ex in zip(rows, examples):
            answer = row["completion"][0]["content"]
            if "→" not in answer:
                continue
            head = answer[: answer.index(".", answer.index("→")) + 1]  # up to the end of the Verb note
            text = tok.apply_chat_template(row["prompt"] + [{"role": "assistant", "content": head}], tokenize=False)
            ids = tok(text[: text.rindex(head) + len(head)], return_tensors="pt").input_ids
            with torch.no_grad():
                odds[ex["correct"]].append(model(ids).logits[0, -1].softmax(-1)[this].item())
        print(json.dumps({"adapter": adapter, **{("correct" if k else "wrong"): round(sum(v) / len(v), 3)
                                                  for k, v in odds.items() if v}}), flush=True)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "prompts":
        write_twins(Path(argv[1]))
    elif len(argv) >= 4 and argv[0] == "odds":
        verdict_odds(argv[1], argv[2], argv[3:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
