"""RLAIF: the model as an annotator. For a preference pair and a principle the judge model is asked which reply
follows the principle better, as a multiple-choice question answered by comparing the probabilities of the two
option letters (no free text to parse), asked in both orders to cancel position bias.

The question's wording is defined once here (:func:`comparison_messages`, with the principle written as
:func:`comparison_principle`): the SFT demos that teach the tutor this skill (``core/skill_demos.py``) and the
annotator at run time both use it.

Scoring (:func:`judge_pairs`): after the rendered chat and the assistant header the judge's next-token logits
for the letters ``A`` and ``B`` (one token each, checked by :func:`option_token_ids`) are compared, all other
tokens ignored: p(A) = softmax over the two. Each pair is asked twice in one batch, with its replies in the
stored order (A = ``reply_a``) and swapped; p(first better) is the mean of p(A) in the first order and p(B) in
the swapped one. The label is ``"tie"`` when the two orders disagree (the judge picked a position, not a reply)
or when p(first better) is within ``margin`` of 0.5; else ``"A"`` (``reply_a`` better) or ``"B"``.

A small judge often answers such a question by position alone (the shipped tutor does), so two more methods
show it each reply alone, as the constitution loop does, and compare one score per reply: *critique*
(:func:`critique_labels`: how likely its critique finds no fault) and *revise* (:func:`revise_labels`: how
likely its revision leaves the reply as it is). Each shipped principle is judged by the method chosen for it
on dev (``AiFeedbackConfig.principle_methods``).

The job (:func:`annotate`) stores each label in the preference store as it goes, as a judgement by annotator
``ai:<principle>`` (never a person's name, so a person's labels on the same pair are never touched).
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from core import tutor
from core.config import AiFeedbackConfig
from core.pairs import HELDOUT_PAIRS, SEED_PAIRS, load_pairs
from core.paths import repo_path
from core.progress import CancelToken, MetricsFn, Ticker, ignore_metrics

OPTIONS = ("A", "B")  # the judge's answer is one of these letters; the labels compare their probabilities


def comparison_question(principle: str, prompt: str, reply_a: str, reply_b: str) -> str:
    """The user turn: the learner's prompt, two replies labelled A and B, the principle, the question."""
    return (f"A learner wrote: {tutor.sentence_from_prompt(prompt).strip()}\n\n"
            f"Reply A:\n{reply_a.strip()}\n\nReply B:\n{reply_b.strip()}\n\n"
            f"Principle: {principle.strip()}\n"
            "Which reply follows the principle better? Answer with one letter: A or B.")


def comparison_messages(principle: str, prompt: str, reply_a: str, reply_b: str) -> list[dict[str, str]]:
    """Chat messages (system + user) for one comparison; the assistant's answer is 'A' or 'B'."""
    return [{"role": "system", "content": tutor.SYSTEM_PROMPT},
            {"role": "user", "content": comparison_question(principle, prompt, reply_a, reply_b)}]


def comparison_principle(principle) -> str:
    """A constitution principle as the question shows it: its name, then its critique request."""
    return f"{principle.name}. {principle.critique}"


# ---- principles --------------------------------------------------------------------------------------


def short_name(name: str) -> str:
    """A principle's short name: the words before the colon, lower case ("honest" for "Honest: no invented
    errors"); what the annotator is called (``ai:honest``)."""
    words = re.sub(r"[^\w-]+", "-", name.split(":", 1)[0].strip().lower()).strip("-")
    return words or "principle"


def _constitution_principle(cfg: AiFeedbackConfig):
    """The constitution's principle whose full or short name is ``cfg.principle`` (any case); an unknown name
    raises ``ValueError`` naming it and the known ones."""
    from core import principles

    path = repo_path(cfg.constitution)
    constitution = principles.load(path)
    wanted = cfg.principle.strip().lower()
    for p in constitution.principles:
        if wanted in (p.name.strip().lower(), short_name(p.name)):
            return p
    known = ", ".join(repr(short_name(p.name)) for p in constitution.principles)
    raise ValueError(f"principle: no principle named {cfg.principle!r} in {path} (it has {known})")


def resolve_principle(cfg: AiFeedbackConfig) -> tuple[str, str]:
    """(short name, text) of the principle to judge by. With ``principle_text`` that text, named by
    ``principle``; else the constitution's principle named ``principle`` (:func:`_constitution_principle`), as
    :func:`comparison_principle` (method ``compare``) or its critique request (the other methods)."""
    if cfg.principle_text.strip():
        return short_name(cfg.principle or "custom"), cfg.principle_text.strip()
    p = _constitution_principle(cfg)
    return short_name(p.name), comparison_principle(p) if cfg.method == "compare" else p.critique


def revision_request(cfg: AiFeedbackConfig) -> str:
    """The revision request of the principle ``cfg`` names (what the ``revise`` method asks for). A principle
    given as free text has none: ``ValueError``."""
    if cfg.principle_text.strip():
        raise ValueError("method: 'revise' needs a principle of the constitution (its revision request), not "
                         "free text; use method 'critique' for a principle given as text")
    return _constitution_principle(cfg).revision


def tie_margin(cfg: AiFeedbackConfig, key: str, text: str) -> float:
    """The tie margin for judging by ``text`` (principle ``key``): :meth:`AiFeedbackConfig.tie_margin`, where a
    principle's own margin holds only for the wording it was chosen with, the bundled constitution's (a learner who
    rewrites a principle's critique request, or its revision request for the ``revise`` method, gets the default
    margin)."""
    bundled = replace(cfg, constitution=AiFeedbackConfig.constitution, principle=key, principle_text="")
    try:
        shipped = resolve_principle(bundled)[1] == text
        if shipped and cfg.method_for(key) == "revise":
            shipped = revision_request(bundled) == revision_request(replace(cfg, principle=key))
    except ValueError:  # a principle the bundled constitution does not have
        shipped = False
    return cfg.tie_margin(key) if shipped or cfg.margin is not None else AiFeedbackConfig.default_margin


# ---- scoring -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AiLabel:
    """The judge's verdict on one pair; "first" is ``reply_a`` as stored."""

    choice: str  # "A" (reply_a follows the principle better), "B", or "tie"
    p_first: float  # p(reply_a better): the mean over both orders
    p_order1: float  # p(reply_a better) asked with reply_a shown as A
    p_order2: float  # p(reply_a better) asked with reply_a shown as B (the swapped order, read back)
    confidence: float  # max(p_first, 1 - p_first): how sure the judge is of the side it leans to


def option_token_ids(tok) -> tuple[int, int]:
    """The token ids of the answers ``A`` and ``B`` as the first token after the assistant header. Raises
    ``ValueError`` when the tokenizer writes a letter there as more than one token (it cannot be scored)."""
    from core.generate import render

    header = render(tok, [{"role": "user", "content": "?"}])
    base = tok(header, add_special_tokens=False)["input_ids"]
    ids = []
    for letter in OPTIONS:
        full = tok(header + letter, add_special_tokens=False)["input_ids"]
        if len(full) != len(base) + 1 or full[:len(base)] != base:
            raise ValueError(f"judge: its tokenizer writes the answer {letter!r} after the assistant header as "
                             f"{len(full) - len(base)} tokens, not one; this judge cannot be scored")
        ids.append(full[-1])
    return ids[0], ids[1]


def p_option_a(model, tok, chats: Sequence[list[dict]]) -> list[float]:
    """For each chat, p(the next token is "A") against "B" after the rendered chat and the assistant header:
    one forward pass, left-padded, logits of the last position only, no gradients."""
    import torch

    from core.generate import render

    id_a, id_b = option_token_ids(tok)
    old_side = tok.padding_side
    tok.padding_side = "left"
    try:
        batch = tok([render(tok, chat) for chat in chats], return_tensors="pt", padding=True,
                    add_special_tokens=False)
    finally:
        tok.padding_side = old_side
    device = next(model.parameters()).device
    mask = batch["attention_mask"].to(device)
    positions = (mask.cumsum(-1) - 1).clamp(min=0)  # left padding: each row's text starts at position 0
    with torch.inference_mode():
        out = model(input_ids=batch["input_ids"].to(device), attention_mask=mask, position_ids=positions,
                    use_cache=False, logits_to_keep=1)
    two = out.logits[:, -1, [id_a, id_b]].float()
    return torch.softmax(two, dim=-1)[:, 0].tolist()


def combine(p_order1: float, p_order2: float, margin: float) -> AiLabel:
    """A label from p(first better) in each order (the swapped order already read back)."""
    p = (p_order1 + p_order2) / 2
    if (p_order1 > 0.5) != (p_order2 > 0.5) or abs(p - 0.5) < margin or p == 0.5:
        choice = "tie"
    else:
        choice = "A" if p > 0.5 else "B"
    return AiLabel(choice, p, p_order1, p_order2, max(p, 1 - p))


def follows_logps(model, tok, chats: Sequence[list[dict]]) -> list[float]:
    """For each chat (ending with a user turn), log p(the assistant's answer begins with
    :data:`core.skill_demos.FOLLOWS`): :func:`answer_logps` with those words."""
    from core.skill_demos import FOLLOWS

    return answer_logps(model, tok, chats, [FOLLOWS] * len(chats))


def answer_logps(model, tok, chats: Sequence[list[dict]], answers: Sequence[str]) -> list[float]:
    """For each chat (ending with a user turn), log p(the assistant's answer begins with ``answers[i]``): the
    rendered chat, the assistant header and those words, one teacher-forced forward pass, left-padded (the words
    end every row, so the LM head runs on their positions only), no gradients."""
    import torch

    from core.generate import render

    texts = [render(tok, chat) for chat in chats]
    prompts = [tok(t, add_special_tokens=False)["input_ids"] for t in texts]
    full = [tok(t + answer, add_special_tokens=False)["input_ids"] for t, answer in zip(texts, answers)]
    # the scored tokens: from where the answer's tokens leave the prompt's (the header's last token may merge)
    starts = [next((i for i, (x, y) in enumerate(zip(p, a)) if x != y), len(p)) for p, a in zip(prompts, full)]
    if min(starts) < 1:
        raise ValueError("judge: its chat template renders nothing before the answer; it cannot be scored")
    keep = max(len(a) - s for a, s in zip(full, starts)) + 1
    width = max(len(a) for a in full)
    ids = torch.full((len(chats), width), tok.pad_token_id, dtype=torch.long)
    mask = torch.zeros((len(chats), width), dtype=torch.long)
    for k, a in enumerate(full):
        ids[k, width - len(a):] = torch.tensor(a)
        mask[k, width - len(a):] = 1
    positions = (mask.cumsum(-1) - 1).clamp(min=0)  # each row's text starts at position 0
    device = next(model.parameters()).device
    with torch.inference_mode():
        logits = model(input_ids=ids.to(device), attention_mask=mask.to(device), position_ids=positions.to(device),
                       use_cache=False, logits_to_keep=keep).logits
        logps = torch.log_softmax(logits.float(), dim=-1)  # column j: the prediction at position width-keep+j
    # token i of a row sits at position width-len(a)+i and is predicted one position before it
    return [sum(logps[k, keep - len(a) + i - 1, a[i]].item() for i in range(start, len(a)))
            for k, (a, start) in enumerate(zip(full, starts))]


def judge_pairs(model, tok, principle: str, pairs: Sequence[tuple[str, str, str]], margin: float,
                method: str, revision: str = "") -> list[AiLabel]:
    """Labels for ``(prompt, reply_a, reply_b)`` triples by the principle text (method ``compare``: both
    orders of every pair in one forward pass; ``critique``: :func:`critique_labels`; ``revise``:
    :func:`revise_labels`, with the principle's ``revision`` request)."""
    if not pairs:
        return []
    if method == "critique":
        return critique_labels(model, tok, principle, pairs, margin)
    if method == "revise":
        if not revision.strip():
            raise ValueError("method: 'revise' needs the principle's revision request")
        return revise_labels(model, tok, principle, revision, pairs, margin)
    if method != "compare":
        raise ValueError(f"method: must be compare, critique or revise here, got {method!r}")
    chats = ([comparison_messages(principle, prompt, a, b) for prompt, a, b in pairs]
             + [comparison_messages(principle, prompt, b, a) for prompt, a, b in pairs])
    p_a = p_option_a(model, tok, chats)
    n = len(pairs)
    return [combine(p_a[i], 1.0 - p_a[n + i], margin) for i in range(n)]


def _bradley_terry(scores: Sequence[float], margin: float) -> list[AiLabel]:
    """Labels from one score per reply (a pair's two replies side by side in ``scores``): p(reply_a better) =
    sigmoid(score_a - score_b); no position, so p_order1 = p_order2."""
    import math

    labels = []
    for i in range(0, len(scores), 2):
        diff = max(-50.0, min(50.0, scores[i] - scores[i + 1]))
        p = 1.0 / (1.0 + math.exp(-diff))
        labels.append(combine(p, p, margin))
    return labels


CRITIQUE_TOKENS = 48  # the revise method's critiques: one short sentence (the tutor's SFT critiques are 15-35 tokens)


def revise_labels(model, tok, critique: str, revision: str, pairs: Sequence[tuple[str, str, str]],
                  margin: float) -> list[AiLabel]:
    """The revise method: each reply on its own goes through the constitution loop's two steps, as the loop asks
    them (``core.constitution``): the judge writes its critique (greedy, at most :data:`CRITIQUE_TOKENS`), then
    is asked for the revision; the reply's score is log p(the revision begins with the reply itself, word for
    word; the end of the turn is not scored). A reply the judge would leave as it is follows the principle; one
    it would rewrite does not, and the more it would change, the lower the score (a sum over the reply's tokens,
    not a mean: at a point where the judge would change a word, a longer reply has more to lose).
    p(reply_a better) = sigmoid(score_a - score_b) (Bradley-Terry); a tie within ``margin`` of 0.5. No reply is shown beside another (p_order1 = p_order2). The critique is free text,
    but nothing parses it: it only sets the context of the revision."""
    from types import SimpleNamespace

    from core.config import GenerateConfig
    from core.constitution import critique_messages, revision_messages
    from core.generate import generate

    principle = SimpleNamespace(critique=critique, revision=revision)  # what the loop's messages read
    replies = [(prompt, reply) for prompt, a, b in pairs for reply in (a, b)]
    critiques = generate(model, tok, [critique_messages(prompt, reply, principle) for prompt, reply in replies],
                         GenerateConfig(max_new_tokens=CRITIQUE_TOKENS, batch_size=len(replies)))
    chats = [revision_messages(prompt, reply, principle, text) for (prompt, reply), text in zip(replies, critiques)]
    return _bradley_terry(answer_logps(model, tok, chats, [reply for _, reply in replies]), margin)


def critique_labels(model, tok, request: str, pairs: Sequence[tuple[str, str, str]], margin: float) -> list[AiLabel]:
    """The critique method: each reply on its own, as the constitution loop asks for a critique (the reply,
    then the principle's critique request, ``core.constitution.critique_messages``); the judge's score of a
    reply is log p(its critique begins "The reply follows this"), the way the tutor's SFT taught it to begin a
    critique that finds nothing wrong. p(reply_a better) = sigmoid(score_a - score_b) (Bradley-Terry); a tie
    when it is within ``margin`` of 0.5. No reply is shown beside another, so there is no position to prefer
    (p_order1 = p_order2)."""
    from types import SimpleNamespace

    from core.constitution import critique_messages

    principle = SimpleNamespace(critique=request)  # what critique_messages reads of a principle
    chats = [critique_messages(prompt, reply, principle) for prompt, a, b in pairs for reply in (a, b)]
    return _bradley_terry(follows_logps(model, tok, chats), margin)


def load_judge(cfg: AiFeedbackConfig, home=None):
    """(model, tokenizer) of the judge: ``cfg.judge`` if given, else the tutor (``cfg.model`` + adapter)."""
    from core.models import load_model, resolve_adapter

    spec = cfg.judge or cfg.model
    return load_model(spec, home, adapter=resolve_adapter(cfg.adapter, spec))


# ---- the job -----------------------------------------------------------------------------------------


def _todo(cfg: AiFeedbackConfig, store, annotator: str) -> list:
    """The pairs to label: the file's (added to the store first) or the store's, minus those the annotator
    has labeled already (a stopped run continues where it stopped), at most ``cfg.limit``."""
    if cfg.pairs == "store":
        todo = store.pairs("unlabeled", annotator)
    else:
        path = repo_path(cfg.pairs)
        if path.resolve() == HELDOUT_PAIRS.resolve():
            raise ValueError(f"pairs: {path} is the held-out set; labeling it into the store would let training "
                             "on the store see it (measure on it with judge_pairs and agreement_with_seed)")
        rows = load_pairs(path)
        seed = path.resolve() == SEED_PAIRS.resolve()
        ids = store.add_pairs([(r["prompt"], r["chosen"], r["rejected"], r.get("category")) for r in rows],
                              "seed" if seed else "imported")
        done = {j.pair_id for j in store.current_labels(annotator)}
        todo = [store.pair(i) for i in dict.fromkeys(ids) if i not in done]
    return todo[: cfg.limit or None]


def annotate(cfg: AiFeedbackConfig, home=None, *, on_metrics: MetricsFn = ignore_metrics,
             cancel: CancelToken | None = None) -> dict:
    """Label pairs with the judge and store each label as it goes (``ai:<principle>`` by default).

    Progress: ``{"phase": "ai-label", "done", "total", "A", "B", "tie"}`` after each batch (with ``step``,
    ``max_steps``, ``elapsed``, ``eta``). ``cancel`` is checked before each batch: a Stop keeps every label of
    the batches done. Returns ``status`` ("done" or "stopped"), ``annotator``, ``principle`` (the text),
    ``labeled``, ``total``, ``counts`` ({A, B, tie}), ``margin``, ``method`` (the one used: "auto" resolved)
    and ``seconds``."""
    from core.store import PreferenceStore
    from core.workspace import data_home, store_path

    cfg.validate()
    cancel = cancel or CancelToken()
    key, text = resolve_principle(cfg)  # before loading anything: a wrong name is a quick error
    method = cfg.method_for(key)
    revision = revision_request(cfg) if method == "revise" else ""
    annotator = cfg.annotator or f"ai:{key}"
    margin = tie_margin(cfg, key, text)
    start = time.monotonic()
    counts: Counter = Counter({c: 0 for c in ("A", "B", "tie")})
    status, done = "done", 0
    with PreferenceStore(store_path(data_home(home))) as store:
        todo = _todo(cfg, store, annotator)
        if todo:
            on_metrics({"phase": "loading judge"})
            model, tok = load_judge(cfg, home)
            if method == "compare":
                option_token_ids(tok)  # a judge whose letters are not single tokens fails before any label
            ticker = Ticker(len(todo))
            for first in range(0, len(todo), cfg.batch_size):
                if cancel.cancelled:
                    status = "stopped"
                    break
                batch = todo[first:first + cfg.batch_size]
                labels = judge_pairs(model, tok, text, [(p.prompt, p.reply_a, p.reply_b) for p in batch],
                                     margin, method, revision)
                for pair, label in zip(batch, labels):
                    store.label(pair.id, annotator, label.choice, confidence=label.confidence)
                    counts[label.choice] += 1
                done += len(batch)
                on_metrics(ticker.stamp(done, {"phase": "ai-label", "done": done, "total": len(todo),
                                               **counts}))
    return {"status": status, "annotator": annotator, "principle": text, "labeled": done, "total": len(todo),
            "counts": dict(counts), "margin": margin, "method": method, "seconds": time.monotonic() - start}


# ---- measurement -------------------------------------------------------------------------------------


def agreement_with_seed(labels: Sequence, pairs: Sequence[Mapping]) -> dict[str, dict]:
    """Agreement of AI labels with the seed's, per category and over ``"all"``: ``{category: {agree, n,
    kappa}}`` (agree: the share of pairs labeled the seed's way; kappa: :func:`core.store.compare_labels`).

    ``pairs`` are seed rows (``prompt``, ``chosen``, ``rejected``, optional ``category``); ``labels[i]`` (an
    :class:`AiLabel` or its choice) is about ``pairs[i]`` read as a stored pair, reply_a = chosen, so the seed's
    label is always "A". An AI tie counts as a disagreement."""
    from core.store import compare_labels

    if len(labels) != len(pairs):
        raise ValueError(f"agreement_with_seed: {len(labels)} labels for {len(pairs)} pairs")
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(pairs):
        groups[row.get("category") or "none"].append(i)
        groups["all"].append(i)
    out = {}
    for category, items in groups.items():
        ai = {i: getattr(labels[i], "choice", labels[i]) for i in items}
        result = compare_labels(ai, {i: "A" for i in items})
        out[category] = {"agree": result.agree, "n": result.n, "kappa": result.kappa}
    return out
