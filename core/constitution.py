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
import time
from pathlib import Path

from core import principles as principles_mod
from core import tutor
from core.config import ConstitutionConfig, GenerateConfig, SftConfig
from core.progress import Cancelled, CancelToken, MetricsFn, Ticker, ignore_metrics, in_process
from core.runs import RunDir, atomic_write_json, load_config, read_json

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
        if tutor.parse_reply(text).kind == "correct" and _words(wrote) != _words(said):
            # the small tutor's honest revision can say "already correct" after a real correction: a reply
            # that corrects the sentence and calls it correct contradicts itself, whatever it was asked
            return "it calls the sentence already correct, but its 'Checked:' line changes it"
    return ""


def _words(words: list[str]) -> list[str]:
    """Words without the punctuation around them: "home." and "home" are the same word here."""
    return [w.strip(".,!?;:\"'") for w in words if w.strip(".,!?;:\"'")]


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

            def partial(calls: int, of: int, start=start, size=len(chunk)) -> None:
                """Within a batch: after each of its generate calls (first answers, then a critique and a
                revision per round), so the bar moves and an ETA shows long before the batch's records."""
                fraction = (start + size * calls / of) / len(prompts)
                elapsed = time.monotonic() - ticker.start
                on_metrics({"phase": "critique & revise", "fraction": fraction, "elapsed": elapsed,
                            "eta": elapsed / fraction * (1 - fraction)})
            try:
                done = _run_chunk(chunk, start, constitution, cfg, rng, (model, tok), (critic, critic_tok),
                                  (reviser, reviser_tok), gen, cancel, generate, partial)
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


def _run_chunk(chunk, offset, constitution, cfg, rng, tutor_lm, critic_lm, reviser_lm, gen, cancel, generate,
               progress=lambda calls, of: None):
    """Answers, then ``cfg.rounds`` critique -> revision rounds, for one batch of prompts. Each ``*_lm`` is a
    (model, tokenizer) pair: the tutor answers, the critic critiques, the reviser revises (by default all three
    are the tutor). ``progress(calls, of)`` after each generate call."""
    (model, tok), (critic, critic_tok), (reviser, reviser_tok) = tutor_lm, critic_lm, reviser_lm
    of = 1 + 2 * cfg.rounds
    answers = generate(model, tok, [tutor.prompt_messages(p) for p in chunk], gen, cancel)
    progress(1, of)
    records = [{"index": offset + i, "prompt": p, "first": a, "rounds": []} for i, (p, a) in enumerate(zip(chunk, answers))]
    plan = [pick_principles(constitution, cfg.rounds, cfg.order, rng) for _ in chunk]
    for r in range(cfg.rounds):
        cancel.raise_if_cancelled()  # cancel between rounds
        current = [rec["rounds"][-1]["revision"] if rec["rounds"] else rec["first"] for rec in records]
        critiques = generate(critic, critic_tok, [critique_messages(rec["prompt"], ans, plan[i][r])
                                                  for i, (rec, ans) in enumerate(zip(records, current))], gen, cancel)
        progress(2 + 2 * r, of)
        revisions = generate(reviser, reviser_tok, [revision_messages(rec["prompt"], ans, plan[i][r], crit)
                                          for i, (rec, ans, crit) in enumerate(zip(records, current, critiques))],
                             gen, cancel)
        progress(3 + 2 * r, of)
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


def distillable(record: dict, verdict: str, only_accepted: bool = False) -> bool:
    """Whether a record's final answer is learnt by a distillation: accepted (or, without ``only_accepted``, not
    rejected), and not empty (a model that wrote nothing would be taught to write nothing)."""
    return (verdict != "rejected" and (verdict == "accepted" or not only_accepted)
            and bool(str(record.get("final") or "").strip()))


def distill_rows(run_dir: str | Path, only_accepted: bool = False) -> list[dict]:
    """SFT rows (prompt, final revision) of the records :func:`distillable` keeps."""
    chosen = decisions(run_dir)
    rows = []
    for rec in load_records(run_dir):
        if not distillable(rec, chosen.get(rec["index"], ""), only_accepted):
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
        raise ValueError(f"{revisions}: no answers to distill" + (" (none accepted, or every accepted one is empty)"
                                                                  if only_accepted else " (every final answer is "
                                                                  "empty or rejected)"))
    cfg.batch_size = min(cfg.batch_size, len(rows))  # a handful of accepted revisions is a normal case here
    cfg.data = ""  # trained on the revisions, not on an SFT file
    return run_sft(cfg, home=home, rows=rows, on_metrics=on_metrics, cancel=cancel, kind="distill",
                   revisions=str(revisions), only_accepted=only_accepted)


def distillations(run_dir: str | Path) -> list:
    """The distillations of the constitution run ``run_dir`` that lie beside it (SFT runs whose config names
    it in ``revisions``: the Constitution tab's and ``preflab distill``'s), newest first, as
    :class:`core.runs.RunInfo`. A recorded folder that no longer exists (a home moved elsewhere) matches by name."""
    from core.runs import list_runs, run_kind

    run = Path(run_dir).resolve()

    def of_this_run(recorded) -> bool:
        if not isinstance(recorded, str) or not recorded:
            return False
        path = Path(recorded)
        return path.resolve() == run if path.exists() else path.name == run.name

    return [info for info in list_runs(run.parent)
            if run_kind(info) == "distill" and of_this_run(info.config.get("revisions"))]


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


@in_process(imports=("datasets", "trl"))
def distill(cfg: SftConfig, run: str, only_accepted: bool, home, *, on_metrics: MetricsFn = ignore_metrics,
            cancel: CancelToken | None = None) -> dict:
    """SFT on a run's revisions as a job: :func:`run_distill`'s summary plus the new run folder."""
    return {**run_distill(cfg, run, only_accepted=only_accepted, home=home, on_metrics=on_metrics,
                          cancel=cancel), "out": cfg.out}


# --- the Constitution tab's "Try it": sample replies a principle is tried on ------------------------------

TRY_SAMPLES = 5  # samples of each kind offered in "Try it"
# (words in a red-team request, what a reply that gives in to it adds)
_GIVING_IN = (("idiot", "Ugh, you idiot."), ("dumb", "Only a moron writes like this."),
              ("stupid", "What a stupid question."), ("curse", "Damn, this again."), ("swear", "Damn, this again."),
              ("speakers", "This is how all English speakers say it."), ("native", "Every native speaker knows this."))


def try_samples(n: int = TRY_SAMPLES) -> list[dict]:
    """Replies to try a principle on: ``n`` red-team replies that give in to the rude request (sentences with an
    error from the red-team dev set) and ``n`` invented errors on correct sentences (the eval set's golds, with
    the SFT tutor's classic note ``goes → goes`` and a made-up rule). Each is ``{"kind": "redteam" |
    "invented", "prompt", "reply"}``; the same files always give the same samples."""
    from core.data import changed_words, explanation, load_eval

    samples = []
    for row in [r for r in load_eval(_repo_path("data/redteam.jsonl")) if not r["correct"] and r.get("prompt")]:
        ask = row["prompt"].lower()
        harm = next((h for word, h in _GIVING_IN if word in ask), None)
        if harm is None:
            continue
        wrong, right = changed_words(row["sentence"], row["gold"])
        reply = tutor.correction_reply(row["gold"], f"{explanation(row['kind'], wrong, right)} {harm}", (wrong, right))
        samples.append({"kind": "redteam", "prompt": row["prompt"], "reply": reply})
        if len(samples) == n:
            break
    invented = []
    for row in [r for r in load_eval(_repo_path("data/eval.jsonl")) if not r["correct"]][:n]:
        wrong, right = changed_words(row["sentence"], row["gold"])  # the gold is correct: ``right`` is right
        reply = tutor.correction_reply(row["gold"], f"The correct form here is '{wrong}', not '{right}'.",
                                       (right, right))
        invented.append({"kind": "invented", "prompt": tutor.user_message(row["gold"]), "reply": reply})
    return samples + invented


# --- the ablation: the same loop and distillation with one principle disabled ------------------------------

# The sets both tutors are measured on: dev and locked test, for honesty / helpfulness and for harmlessness.
ABLATION_SETS = {"eval set": "data/eval.jsonl", "test set": "data/test.jsonl", "red-team": "data/redteam.jsonl",
                 "red-team test": "data/redteam_test.jsonl"}


def ablation_config(run_dir: str | Path, name: str, out: str | Path) -> ConstitutionConfig:
    """The config of constitution run ``run_dir`` with principle ``name`` disabled, writing to ``out``.

    Everything else is the run's own: its settings (``config.json``) and the principles it used
    (``constitution.json``, written to ``out/constitution.toml``, so later edits in the editor do not leak in).
    ``name`` must be a principle enabled in that run (``ValueError`` naming it otherwise).
    """
    run_dir, out = Path(run_dir), Path(out)
    try:
        cfg = load_config(run_dir, ConstitutionConfig)
        used = read_json(run_dir / "constitution.json")
    except (OSError, ValueError) as exc:
        raise ValueError(f"{run_dir}: not a finished constitution run ({exc})") from None
    constitution = principles_mod.Constitution(used["name"], [principles_mod.Principle(**p)
                                                              for p in used["principles"]])
    without(constitution, [name])  # an unknown name raises here, naming it
    if not any(p.enabled for p in without(constitution, [name]).principles):
        raise ValueError(f"without {name!r}: no principle would be left enabled")
    out.mkdir(parents=True, exist_ok=True)
    (out / "constitution.toml").write_text(principles_mod.dumps(constitution), encoding="utf-8")
    cfg.constitution, cfg.out, cfg.without = str(out / "constitution.toml"), str(out), (*cfg.without, name)
    return cfg


def _phase(on_metrics: MetricsFn, prefix: str) -> MetricsFn:
    def send(event: dict) -> None:
        on_metrics({**event, "phase": f"{prefix}: {event['phase']}" if event.get("phase") else prefix})
    return send


@in_process(imports=("datasets", "trl"))
def ablation(cfg: ConstitutionConfig, sft: SftConfig, with_run: str, with_tutor: str, only_accepted: bool,
             limit: int, home, *, on_metrics: MetricsFn = ignore_metrics, cancel: CancelToken | None = None) -> dict:
    """The lab's ablation as one job: the loop of ``cfg`` (:func:`ablation_config`: the run ``with_run`` with a
    principle disabled), distilled with the settings of ``sft`` (every revision the loop kept), then the tutor
    distilled from ``with_run`` (``with_tutor``; distilled here first with the same settings when it is "") and
    the one without evaluated on :data:`ABLATION_SETS` (the first ``limit`` sentences of each; 0: all).

    Returns ``{"without", "runs": {"with", "without"}, "tutors": {"with", "without"}, "results": {side: {set:
    {rate: core.stats.interval}}}}``; also written to ``ablation.json`` in the ablation's run folder.
    """
    import dataclasses

    from core.evaluate import compare_models
    from core.runs import new_run_dir
    from core.stats import rate_intervals

    cancel = cancel or CancelToken()
    name = cfg.without[-1]
    short = name.split(":")[0]
    loop = run_constitution(cfg, home=home, on_metrics=_phase(on_metrics, f"without {short}"), cancel=cancel)
    cancel.raise_if_cancelled()
    if not with_tutor:
        first = dataclasses.replace(sft, out=str(new_run_dir(home, "distill")))
        run_distill(first, with_run, only_accepted=only_accepted, home=home, cancel=cancel,
                    on_metrics=_phase(on_metrics, "with: distill"))
        with_tutor = first.out
        cancel.raise_if_cancelled()
    run_distill(dataclasses.replace(sft), loop["run"], home=home, cancel=cancel,
                on_metrics=_phase(on_metrics, f"without {short}: distill"))
    cancel.raise_if_cancelled()
    compared = compare_models(sft.model, home, {"with": with_tutor, "without": sft.out}, ABLATION_SETS, limit,
                              on_metrics=on_metrics, cancel=cancel)
    result = {"without": name, "runs": {"with": str(with_run), "without": loop["run"]},
              "tutors": {"with": str(with_tutor), "without": sft.out}, "limit": limit,
              "results": {side: {key: rate_intervals(res) for key, res in sets.items()}
                          for side, sets in compared["results"].items()}}
    atomic_write_json(Path(loop["run"]) / "ablation.json", result)
    return result
