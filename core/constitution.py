"""Lab 02: the constitutional loop. The tutor answers, critiques its answer against a principle, revises it,
round after round; accepted revisions are distilled back into the tutor by SFT (``core.sft``), and
(revision, first answer) pairs can go to the preference store as chosen / rejected.

Generation is batched across prompts: prompts are taken ``batch_size`` at a time through every round, and one
``on_metrics`` event (``{"record": ...}``) is sent per finished prompt, so results stream in chunk by chunk.
Records are appended to ``records.jsonl`` in the run folder as they finish. A revision that is not a reply
(it copies the revision request, or loses the learner's sentence; see :func:`revision_problem`) does not
replace the answer: the round keeps the answer and records the model's text under ``discarded``.
"""

from __future__ import annotations

import difflib
import json
import random
import re
from pathlib import Path

from core import principles as principles_mod
from core import tutor
from core.config import ConstitutionConfig, GenerateConfig, SftConfig
from core.progress import Cancelled, CancelToken, MetricsFn, Ticker, ignore_metrics, in_process
from core.runs import RunDir, atomic_write_json, read_json

REPO = Path(__file__).resolve().parent.parent
MIN_SAME_WORDS = 0.6  # a revised 'Checked:' line keeps most of the learner's words (one verb changes)


def _repo_path(path: str) -> Path:
    p = Path(path)
    return p if p.is_absolute() or p.exists() else REPO / p


def load_prompts(path: str | Path) -> list[str]:
    """User prompts from a JSONL whose lines have ``prompt`` (user text) or ``sentence`` (a tutor prompt)."""
    from core.data import load_jsonl

    p = _repo_path(str(path))
    prompts = []
    for i, row in enumerate(load_jsonl(p), start=1):
        text = row.get("prompt") or (tutor.user_message(row["sentence"]) if row.get("sentence") else None)
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{p}, line {i}: needs a non-empty 'prompt' or 'sentence' string")
        prompts.append(text)
    if not prompts:
        raise ValueError(f"{p}: no prompts")
    return prompts


def pick_principles(constitution, rounds: int, order: str, rng: random.Random) -> list:
    enabled = constitution.enabled()
    if not enabled:
        raise ValueError("constitution: no principle is enabled")
    if order == "random":
        return [rng.choice(enabled) for _ in range(rounds)]
    return [enabled[r % len(enabled)] for r in range(rounds)]


def without(constitution, names) -> principles_mod.Constitution:
    """A copy of ``constitution`` with the principles named in ``names`` disabled (the lab's ablation).

    A name matches a principle's full name or its short name before the colon ("Harmless" for "Harmless: kind
    and modest"), ignoring case. An unknown name raises ``ValueError`` naming it and the principles there are.
    """
    def short(name: str) -> str:
        return name.split(":", 1)[0].strip().lower()

    dropped = set()
    for name in names:
        key = name.strip().lower()
        hits = [p.name for p in constitution.principles if p.name.strip().lower() == key or short(p.name) == key]
        if not hits:
            known = ", ".join(repr(p.name) for p in constitution.principles)
            raise ValueError(f"without: no principle named {name!r} (the constitution has {known})")
        dropped.update(hits)
    return principles_mod.Constitution(constitution.name, [
        principles_mod.Principle(p.name, p.critique, p.revision, p.enabled and p.name not in dropped)
        for p in constitution.principles])


def critique_messages(prompt: str, answer: str, principle) -> list[dict]:
    return tutor.prompt_messages(prompt) + [{"role": "assistant", "content": answer},
                                            {"role": "user", "content": principle.critique}]


def revision_messages(prompt: str, answer: str, principle, critique: str) -> list[dict]:
    return critique_messages(prompt, answer, principle) + [{"role": "assistant", "content": critique},
                                                           {"role": "user", "content": principle.revision}]


def revision_problem(prompt: str, revision: str, principle) -> str:
    """Why a revision cannot replace the answer ("" when it can).

    A small model often answers a revision request by copying the request, or with a line that is no longer
    a reply to the learner. Such a revision is not used (the answer stays as it was, and the record keeps what
    the model wrote under ``discarded``), so it cannot reach distillation or the preference store.
    """
    text = revision.strip()
    if not text:
        return "empty"
    # the request's sentences, but not the tutor's own words it asks for ("This sentence is already correct.")
    request = [s.strip(" .") for s in re.split(r"[.:?!]\s", principle.revision)
               if len(s.strip(" .")) >= 20 and s.strip(" .").lower() not in tutor.CORRECT_REPLY.lower()]
    if any(s.lower() in text.lower() for s in request):
        return "it copies the revision request"
    if prompt.startswith(tutor.user_message("")):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        at = next((i for i, ln in enumerate(lines) if ln.lower().startswith(tutor.CHECKED_PREFIX.lower())), None)
        if at is None:
            return "no 'Checked:' line"
        # the learner's sentence: the prompt's first sentence (red-team prompts add a request after it)
        said = re.split(r"(?<=[.?!])\s", tutor.sentence_from_prompt(prompt).strip(), maxsplit=1)[0].lower().split()
        wrote = lines[at][len(tutor.CHECKED_PREFIX):].strip().lower().split()
        if difflib.SequenceMatcher(None, said, wrote).ratio() < MIN_SAME_WORDS or wrote[:1] == ["checked:"]:
            return "its 'Checked:' line is not the learner's sentence"
        if at + 1 >= len(lines):
            return "no verdict after the 'Checked:' line"
    return ""


def run_constitution(cfg: ConstitutionConfig, *, home=None, on_metrics: MetricsFn = ignore_metrics,
                     cancel: CancelToken | None = None) -> dict:
    """Run the critique-and-revise loop; write ``records.jsonl``; return the summary (with the records)."""
    from core.generate import generate
    from core.models import load_model, resolve_adapter

    cfg.validate()
    cancel = cancel or CancelToken()
    constitution = without(principles_mod.load(_repo_path(cfg.constitution)), cfg.without)
    prompts = load_prompts(cfg.prompts)[: cfg.limit or None]
    run = RunDir(cfg.out, "constitution")
    run.start(cfg)
    with run.failing():
        atomic_write_json(run.path / "constitution.json", {"name": constitution.name, "principles": [
            vars(p) for p in constitution.principles]})
        on_metrics({"phase": "loading model"})
        model, tok = load_model(cfg.model, home, adapter=resolve_adapter(cfg.adapter, cfg.model))
        critic, critic_tok = (load_model(cfg.critic, home) if cfg.critic else (model, tok))
        reviser, reviser_tok = (load_model(cfg.reviser, home) if cfg.reviser else (model, tok))
        gen = GenerateConfig(max_new_tokens=cfg.max_new_tokens, batch_size=cfg.batch_size)
        rng = random.Random(cfg.seed)
        ticker = Ticker(len(prompts))
        records_path = run.path / "records.jsonl"
        records_path.write_text("", encoding="utf-8")  # a new run: an earlier run's records in this folder go
        records: list[dict] = []
        status = "finished"
        for start in range(0, len(prompts), cfg.batch_size):
            if cancel.cancelled:
                status = "stopped"
                break
            chunk = prompts[start:start + cfg.batch_size]
            try:
                done = _run_chunk(chunk, start, constitution, cfg, rng, (model, tok), (critic, critic_tok),
                                  (reviser, reviser_tok), gen, cancel, generate)
            except Cancelled:  # raised between rounds or batches
                status = "stopped"
                break
            for record in done:
                with open(records_path, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                records.append(record)
                on_metrics(ticker.stamp(len(records), {"record": record, "done": len(records), "total": len(prompts)}))
        summary = {"status": status, "prompts": len(prompts), "finished": len(records),
                   "changed": sum(r["final"].strip() != r["first"].strip() for r in records),
                   "discarded": sum(bool(step.get("problem")) for r in records for step in r["rounds"])}
        run.finish(summary, status)
        return {**summary, "records": records, "run": str(run.path)}


def _run_chunk(chunk, offset, constitution, cfg, rng, tutor_lm, critic_lm, reviser_lm, gen, cancel, generate):
    """Answers, then ``cfg.rounds`` critique -> revision rounds, for one batch of prompts. Each ``*_lm`` is a
    (model, tokenizer) pair: the tutor answers, the critic critiques, the reviser revises (by default all three
    are the tutor)."""
    (model, tok), (critic, critic_tok), (reviser, reviser_tok) = tutor_lm, critic_lm, reviser_lm
    answers = generate(model, tok, [tutor.prompt_messages(p) for p in chunk], gen, cancel)
    records = [{"index": offset + i, "prompt": p, "first": a, "rounds": []} for i, (p, a) in enumerate(zip(chunk, answers))]
    plan = [pick_principles(constitution, cfg.rounds, cfg.order, rng) for _ in chunk]
    for r in range(cfg.rounds):
        cancel.raise_if_cancelled()  # cancel between rounds
        current = [rec["rounds"][-1]["revision"] if rec["rounds"] else rec["first"] for rec in records]
        critiques = generate(critic, critic_tok, [critique_messages(rec["prompt"], ans, plan[i][r])
                                                  for i, (rec, ans) in enumerate(zip(records, current))], gen, cancel)
        revisions = generate(reviser, reviser_tok, [revision_messages(rec["prompt"], ans, plan[i][r], crit)
                                          for i, (rec, ans, crit) in enumerate(zip(records, current, critiques))],
                             gen, cancel)
        for i, rec in enumerate(records):
            step = {"principle": plan[i][r].name, "critique": critiques[i], "revision": revisions[i]}
            problem = revision_problem(rec["prompt"], revisions[i], plan[i][r])
            if problem:  # keep the answer; the record keeps what the model wrote
                step.update(revision=current[i], discarded=revisions[i], problem=problem)
            rec["rounds"].append(step)
    for rec in records:
        rec["final"] = rec["rounds"][-1]["revision"]
    return records


# --- reading a run back: records, decisions, distillation, pairs -------------------------------------------

def load_records(run_dir: str | Path) -> list[dict]:
    from core.runs import read_metrics

    path = Path(run_dir) / "records.jsonl"
    if not path.is_file():
        raise ValueError(f"{run_dir} has no records.jsonl (is it a constitution run?)")
    return read_metrics(path)  # JSONL reader that skips a torn last line


def decisions(run_dir: str | Path) -> dict[int, str]:
    path = Path(run_dir) / "decisions.json"
    return {int(k): v for k, v in read_json(path).items()} if path.is_file() else {}


def set_decisions(run_dir: str | Path, update: dict[int, str]) -> dict[int, str]:
    """Record accepted / rejected per record index (``"accepted"``, ``"rejected"`` or ``""`` to clear)."""
    current = decisions(run_dir)
    for index, value in update.items():
        if value not in ("accepted", "rejected", ""):
            raise ValueError(f"decision for record {index}: must be accepted, rejected or empty, got {value!r}")
        if value:
            current[int(index)] = value
        else:
            current.pop(int(index), None)
    atomic_write_json(Path(run_dir) / "decisions.json", {str(k): v for k, v in sorted(current.items())})
    return current


def distill_rows(run_dir: str | Path, only_accepted: bool = False) -> list[dict]:
    """SFT rows (prompt, final revision): accepted ones, or every one not rejected."""
    chosen = decisions(run_dir)
    rows = []
    for rec in load_records(run_dir):
        verdict = chosen.get(rec["index"], "")
        if verdict == "rejected" or (only_accepted and verdict != "accepted"):
            continue
        rows.append({"prompt": tutor.prompt_messages(rec["prompt"]),
                     "completion": [{"role": "assistant", "content": rec["final"]}]})
    return rows


def run_distill(cfg: SftConfig, revisions: str | Path, *, only_accepted: bool = False, home=None,
                on_metrics: MetricsFn = ignore_metrics, cancel: CancelToken | None = None) -> dict:
    """SFT of the tutor on the revisions (reuses :func:`core.sft.run_sft`)."""
    from core.sft import run_sft

    rows = distill_rows(revisions, only_accepted)
    if not rows:
        raise ValueError(f"{revisions}: no revisions to distill" + (" (none accepted)" if only_accepted else ""))
    cfg.batch_size = min(cfg.batch_size, len(rows))  # a handful of accepted revisions is a normal case here
    return run_sft(cfg, home=home, rows=rows, on_metrics=on_metrics, cancel=cancel)


def send_pairs(run_dir: str | Path, store, only_accepted: bool = False) -> int:
    """Add (final revision = chosen, first answer = rejected) to the store, labeled by ``constitution:<run>``."""
    chosen = decisions(run_dir)
    annotator = f"constitution:{Path(run_dir).name}"
    added = 0
    for rec in load_records(run_dir):
        verdict = chosen.get(rec["index"], "")
        if verdict == "rejected" or (only_accepted and verdict != "accepted"):
            continue
        if rec["final"].strip() == rec["first"].strip() or not rec["final"].strip() or not rec["first"].strip():
            continue
        pair_id = store.add_pair(rec["prompt"], rec["final"], rec["first"], "constitution")
        store.label(pair_id, annotator, "A")
        added += 1
    return added


# --- the jobs the Constitution tab runs (``preflab cai`` and ``preflab distill`` call them too) -------------

@in_process
def run_loop(cfg: ConstitutionConfig, home, *, on_metrics: MetricsFn = ignore_metrics,
             cancel: CancelToken | None = None) -> dict:
    """The critique-and-revise loop as a job: :func:`run_constitution`'s summary."""
    return run_constitution(cfg, home=home, on_metrics=on_metrics, cancel=cancel)


@in_process
def distill(cfg: SftConfig, run: str, only_accepted: bool, home, *, on_metrics: MetricsFn = ignore_metrics,
            cancel: CancelToken | None = None) -> dict:
    """SFT on a run's revisions as a job: :func:`run_distill`'s summary plus the new run folder."""
    return {**run_distill(cfg, run, only_accepted=only_accepted, home=home, on_metrics=on_metrics,
                          cancel=cancel), "out": cfg.out}
