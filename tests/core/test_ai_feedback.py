"""RLAIF: the AI annotator (core.ai_feedback), its labels in the store, and training on one annotator's labels.

The judge is the real tiny Llama; where a test needs a judge with a known preference, a forward hook adds to the
logit of one answer letter (the model, its tokenizer and the batching stay real)."""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace

import pytest

from core import ai_feedback
from core.ai_feedback import AiLabel, agreement_with_seed, annotate, combine, judge_pairs, option_token_ids
from core.cli import main
from core.config import AiFeedbackConfig
from core.pairs import load_training_pairs, store_source
from core.paths import repo_path
from core.progress import CancelToken
from core.store import HUMAN, PreferenceStore, compare_labels, is_machine
from core.workspace import store_path

PRINCIPLE = "Honest: no invented errors. Is the verb really wrong?"


@pytest.fixture
def tiny(home):
    from core.models import load_model

    return load_model("tiny", home)


def _pairs(n):
    return [(f"Check this sentence: She walk {i} miles.", f"Checked: She walks {i} miles.",
             f"Checked: She walked {i} miles.") for i in range(n)]


def _store(home):
    return PreferenceStore(store_path(home))


def _fresh_store(home):
    path = store_path(home)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return PreferenceStore(path)


@contextlib.contextmanager
def _hooked(handles):
    """The hooks registered for the ``with`` block only."""
    try:
        yield
    finally:
        for handle in handles:
            handle.remove()


def _bias_letter(model, tok, pick):
    """A forward hook that adds 30 to the logit of the letter ``pick(text)`` returns for each row (or None)."""
    ids = dict(zip("AB", option_token_ids(tok)))
    seen = {}

    def pre(module, args, kwargs):
        seen["input_ids"] = kwargs["input_ids"]

    def post(module, args, output):
        for row, input_ids in enumerate(seen["input_ids"]):
            letter = pick(tok.decode(input_ids, skip_special_tokens=True))
            if letter:
                output.logits[row, :, ids[letter]] += 30.0
        return output

    return [model.register_forward_pre_hook(pre, with_kwargs=True), model.register_forward_hook(post)]


# ---- scoring -----------------------------------------------------------------------------------------


def test_answer_letters_are_single_tokens(tiny):
    _, tok = tiny
    id_a, id_b = option_token_ids(tok)
    assert id_a != id_b
    assert tok.convert_ids_to_tokens([id_a, id_b]) == ["A", "B"]


def test_both_orders_are_asked_in_one_batch(tiny):
    model, tok = tiny
    sent = []
    handle = model.register_forward_pre_hook(lambda m, a, kw: sent.append(kw["input_ids"]), with_kwargs=True)
    try:
        labels = judge_pairs(model, tok, PRINCIPLE, _pairs(3), margin=0.1, method="compare")
    finally:
        handle.remove()
    assert len(labels) == 3 and len(sent) == 1  # one forward pass
    rows = [tok.decode(r, skip_special_tokens=True) for r in sent[0]]
    assert len(rows) == 6
    for _prompt, a, b in _pairs(3):
        in_order = [r for r in rows if f"Reply A:\n{a}\n\nReply B:\n{b}" in r]
        swapped = [r for r in rows if f"Reply A:\n{b}\n\nReply B:\n{a}" in r]
        assert len(in_order) == 1 and len(swapped) == 1
        assert PRINCIPLE in in_order[0] and in_order[0].rstrip().endswith("assistant")


def test_a_judge_that_always_prefers_the_first_option_gives_ties(tiny):
    model, tok = tiny
    with _hooked(_bias_letter(model, tok, lambda text: "A")):
        labels = judge_pairs(model, tok, PRINCIPLE, _pairs(4), margin=0.0, method="compare")
    assert [label.choice for label in labels] == ["tie"] * 4
    for label in labels:
        assert label.p_order1 > 0.99 and label.p_order2 < 0.01  # each order on its own would have "decided"


def test_a_judge_that_prefers_a_reply_labels_it_in_either_stored_order(tiny):
    model, tok = tiny

    def the_good_one(text):  # the letter of the reply that holds the word GOOD
        return "A" if text.index("GOOD") < text.index("Reply B:") else "B"

    with _hooked(_bias_letter(model, tok, the_good_one)):
        labels = judge_pairs(model, tok, PRINCIPLE, [("Check this sentence: x.", "GOOD reply", "bad reply"),
                                                     ("Check this sentence: y.", "bad reply", "GOOD reply")],
                             margin=0.1, method="compare")
    assert [label.choice for label in labels] == ["A", "B"]
    assert labels[0].p_first > 0.99 and labels[1].p_first < 0.01
    assert all(label.confidence > 0.99 for label in labels)


def _bias_follows(model, tok, good: str):
    """A forward hook that makes the critique of a reply holding ``good`` likely to begin "The reply follows
    this": +30 on the logit of each of those words' tokens, at every position of those rows."""
    from core.skill_demos import FOLLOWS

    follows = tok(FOLLOWS, add_special_tokens=False)["input_ids"]
    seen = {}

    def pre(module, args, kwargs):
        seen["input_ids"] = kwargs["input_ids"]

    def post(module, args, output):
        for row, input_ids in enumerate(seen["input_ids"]):
            if good in tok.decode(input_ids, skip_special_tokens=True):
                output.logits[row, :, follows] += 30.0
        return output

    return [model.register_forward_pre_hook(pre, with_kwargs=True), model.register_forward_hook(post)]


def test_the_critique_method_scores_each_reply_alone(tiny):
    """Method critique: each reply in its own critique chat (the principle's critique request after it), one
    forward pass for the batch; the same reply twice is a tie at exactly 0.5, and swapping the replies swaps
    the label (no position to prefer)."""
    model, tok = tiny
    sent = []
    handle = model.register_forward_pre_hook(lambda m, a, kw: sent.append(kw["input_ids"]), with_kwargs=True)
    try:
        labels = judge_pairs(model, tok, "Is the verb really wrong?", _pairs(2), margin=0.0, method="critique")
    finally:
        handle.remove()
    assert len(labels) == 2 and len(sent) == 1
    rows = [tok.decode(r, skip_special_tokens=True) for r in sent[0]]
    assert len(rows) == 4 and all("Reply B:" not in r and "Is the verb really wrong?" in r for r in rows)
    assert all(r.rstrip().endswith("assistant\nThe reply follows this") for r in rows)
    same = judge_pairs(model, tok, "Is it right?", [("Check this sentence: x.", "Checked: x.", "Checked: x.")],
                       margin=0.0, method="critique")[0]
    assert same.choice == "tie" and same.p_first == pytest.approx(0.5)
    swapped = judge_pairs(model, tok, "Is the verb really wrong?", [(q, b, a) for q, a, b in _pairs(2)], margin=0.0,
                          method="critique")
    for one, other in zip(labels, swapped):
        assert one.p_first == pytest.approx(1 - other.p_first, abs=1e-4)
        assert one.p_order1 == one.p_order2


def test_the_critique_method_labels_the_reply_whose_critique_finds_no_fault(tiny):
    model, tok = tiny
    with _hooked(_bias_follows(model, tok, "GOOD")):
        labels = judge_pairs(model, tok, "Is it kind?", [("Check this sentence: x.", "GOOD reply", "bad reply"),
                                                         ("Check this sentence: y.", "bad reply", "GOOD reply")],
                             margin=0.1, method="critique")
    assert [label.choice for label in labels] == ["A", "B"]
    assert labels[0].confidence > 0.99 and labels[1].confidence > 0.99


def test_follows_logps_do_not_depend_on_the_batch(tiny):
    from types import SimpleNamespace

    from core.constitution import critique_messages

    model, tok = tiny
    request = SimpleNamespace(critique="Is the verb really wrong?")
    chats = [critique_messages(q, reply, request) for q, a, b in _pairs(3) for reply in (a, b + " and more words")]
    together = ai_feedback.follows_logps(model, tok, chats)
    alone = [ai_feedback.follows_logps(model, tok, [chat])[0] for chat in chats]
    assert together == pytest.approx(alone, abs=1e-4)
    assert all(x < 0 for x in alone)


def test_the_revise_method_scores_how_likely_the_revision_keeps_each_reply(tiny):
    """Method revise: each reply alone, as the constitution loop asks: the judge writes a critique (generated),
    then the revision request follows, and the score is log p(the revision is the reply itself), one
    teacher-forced pass for the batch. The same reply twice is a tie at exactly 0.5; swapping the replies swaps
    the label (no position to prefer)."""
    model, tok = tiny
    passes = []
    handle = model.register_forward_pre_hook(
        lambda m, a, kw: passes.append(kw["input_ids"]) if not kw.get("use_cache", True) else None, with_kwargs=True)
    try:
        labels = judge_pairs(model, tok, "Is the verb really wrong?", _pairs(2), margin=0.0, method="revise",
                             revision="Rewrite the reply so that the verb is right.")
    finally:
        handle.remove()
    assert len(labels) == 2 and len(passes) == 1  # the scoring pass (generation runs with a cache)
    rows = [tok.decode(r, skip_special_tokens=True) for r in passes[0]]
    replies = [reply for _, a, b in _pairs(2) for reply in (a, b)]
    assert len(rows) == 4
    for row, reply in zip(rows, replies):
        before, _, after = row.partition("Is the verb really wrong?")
        assert reply in before  # the reply critiqued
        assert "Rewrite the reply so that the verb is right." in after and row.rstrip().endswith(reply)
    same = judge_pairs(model, tok, "Is it right?", [("Check this sentence: x.", "Checked: x.", "Checked: x.")],
                       margin=0.0, method="revise", revision="Rewrite it.")[0]
    assert same.choice == "tie" and same.p_first == pytest.approx(0.5)
    swapped = judge_pairs(model, tok, "Is the verb really wrong?", [(q, b, a) for q, a, b in _pairs(2)], margin=0.0,
                          method="revise", revision="Rewrite the reply so that the verb is right.")
    for one, other in zip(labels, swapped):
        assert one.p_first == pytest.approx(1 - other.p_first, abs=1e-4)
        assert one.p_order1 == one.p_order2
    with pytest.raises(ValueError, match="revision request"):
        judge_pairs(model, tok, "Is it right?", _pairs(1), margin=0.0, method="revise")


def test_answer_logps_are_the_log_probabilities_of_the_answer_tokens(tiny):
    """answer_logps, batched and left-padded, against a plain forward pass over each chat alone."""
    import torch

    from core.generate import render

    model, tok = tiny
    chats = [[{"role": "user", "content": f"Check this sentence: {q}"}] for q in ("x.", "a much longer sentence.")]
    answers = ["Checked: x.", "Checked: a much longer sentence, with more words."]
    got = ai_feedback.answer_logps(model, tok, chats, answers)
    for chat, answer, score in zip(chats, answers, got):
        prompt = tok(render(tok, chat), add_special_tokens=False)["input_ids"]
        full = tok(render(tok, chat) + answer, add_special_tokens=False)["input_ids"]
        assert full[:len(prompt)] == prompt
        with torch.inference_mode():
            logps = torch.log_softmax(model(input_ids=torch.tensor([full])).logits[0].float(), -1)
        want = sum(logps[i - 1, full[i]].item() for i in range(len(prompt), len(full)))
        assert score == pytest.approx(want, abs=1e-3)


def test_each_shipped_principle_is_judged_by_its_own_method():
    """auto: the method chosen on dev for each shipped principle; a principle given as text is critiqued (it has
    no revision request); an explicit method is always used."""
    auto = AiFeedbackConfig()
    assert auto.method == "auto"
    assert {key: auto.method_for(key) for key in ("honest", "harmless", "helpful", "crisp", "kind")} == {
        **{key: "critique" for key in ("harmless", "helpful", "crisp", "kind")},
        **{key: m for key, m in AiFeedbackConfig.principle_methods.items()}}
    assert AiFeedbackConfig(principle="kind", principle_text="Be kind.").method_for("kind") == "critique"
    assert AiFeedbackConfig(method="compare").method_for("honest") == "compare"
    for key, method in AiFeedbackConfig.principle_methods.items():
        assert method in ("compare", "critique", "revise")
        assert ai_feedback.resolve_principle(AiFeedbackConfig(principle=key))[0] == key


def test_a_principles_own_margin_holds_only_under_its_own_method(monkeypatch):
    monkeypatch.setattr(AiFeedbackConfig, "principle_methods", {"honest": "revise"})
    monkeypatch.setattr(AiFeedbackConfig, "principle_margins", {"honest": 0.0, "harmless": 0.0})
    default = AiFeedbackConfig.default_margin
    assert AiFeedbackConfig().tie_margin("honest") == 0.0  # auto: honest by revise, where 0 was chosen
    assert AiFeedbackConfig(method="revise").tie_margin("honest") == 0.0
    assert AiFeedbackConfig(method="critique").tie_margin("honest") == default  # not where it was chosen
    assert AiFeedbackConfig(method="revise").tie_margin("harmless") == default
    assert AiFeedbackConfig().tie_margin("harmless") == AiFeedbackConfig(method="critique").tie_margin("harmless") == 0


def test_the_revise_method_needs_a_revision_request(tmp_path, monkeypatch):
    monkeypatch.setattr(AiFeedbackConfig, "principle_margins", {"honest": 0.0})
    cfg = AiFeedbackConfig(principle="honest", method="revise")
    assert ai_feedback.revision_request(cfg).startswith("Rewrite the reply.")
    with pytest.raises(ValueError, match="'revise' needs a principle of the constitution"):
        ai_feedback.revision_request(AiFeedbackConfig(principle="kind", principle_text="Be kind.", method="revise"))
    with pytest.raises(ValueError, match="'nosuch'"):
        ai_feedback.revision_request(AiFeedbackConfig(principle="nosuch"))
    key, text = ai_feedback.resolve_principle(cfg)
    assert ai_feedback.tie_margin(cfg, key, text) == 0.0
    edited = tmp_path / "constitution.toml"  # the learner rewrote the honest revision request only
    shipped = repo_path(AiFeedbackConfig.constitution).read_text(encoding="utf-8")
    revision = ai_feedback.revision_request(cfg)
    edited.write_text(shipped.replace(revision, "Rewrite it so that it is honest."), encoding="utf-8")
    mine = replace(cfg, constitution=str(edited))
    assert ai_feedback.resolve_principle(mine)[1] == text  # the same critique request
    assert ai_feedback.tie_margin(mine, key, text) == AiFeedbackConfig.default_margin
    assert ai_feedback.tie_margin(replace(mine, method="critique"), key, text) == AiFeedbackConfig.default_margin


def test_the_job_judges_honest_by_revision(home):
    with _fresh_store(home) as store:
        store.add_pairs(_pairs(3), "seed")
    summary = annotate(AiFeedbackConfig(model="tiny", principle="honest"), home)
    assert summary["method"] == AiFeedbackConfig.principle_methods["honest"] == "revise"
    assert summary["labeled"] == 3 and sum(summary["counts"].values()) == 3
    with _store(home) as store:
        assert len(store.current_labels("ai:honest")) == 3


def test_combine_margin_and_disagreement():
    assert combine(0.9, 0.8, 0.1) == AiLabel("A", pytest.approx(0.85), 0.9, 0.8, pytest.approx(0.85))
    assert combine(0.1, 0.3, 0.1).choice == "B"
    assert combine(0.58, 0.6, 0.1).choice == "tie"  # p = 0.59: within the margin
    assert combine(0.95, 0.45, 0.0).choice == "tie"  # the orders disagree, whatever the mean
    assert combine(0.5, 0.5, 0.0).choice == "tie"


def test_principle_by_name_short_name_or_text():
    key, text = ai_feedback.resolve_principle(AiFeedbackConfig(principle="HONEST", method="compare"))
    assert key == "honest"
    assert text.startswith("Honest: no invented errors. Look at the learner's sentence again.")
    assert ai_feedback.resolve_principle(AiFeedbackConfig(principle="Harmless: kind and modest"))[0] == "harmless"
    assert ai_feedback.resolve_principle(AiFeedbackConfig(principle="Polite", principle_text="Be polite.")) == (
        "polite", "Be polite.")
    critique = ai_feedback.resolve_principle(AiFeedbackConfig(principle="honest", method="critique"))[1]
    assert critique.startswith("Look at the learner's sentence again.")  # the critique request alone
    with pytest.raises(ValueError, match="'nosuch'.*'honest'"):
        ai_feedback.resolve_principle(AiFeedbackConfig(principle="nosuch"))


def test_config_keeps_ai_labels_under_an_ai_name():
    with pytest.raises(ValueError, match="annotator: must start with 'ai:'"):
        AiFeedbackConfig(annotator="me").validate()
    with pytest.raises(ValueError, match="margin"):
        AiFeedbackConfig(margin=0.5).validate()
    with pytest.raises(ValueError, match="method: must be one of auto, compare, critique, revise"):
        AiFeedbackConfig(method="vote").validate()


def test_a_shipped_principle_has_its_own_tie_margin_only_where_it_was_chosen(monkeypatch):
    monkeypatch.setattr(AiFeedbackConfig, "principle_margins", {"harmless": 0.0, "honest": 0.1})
    default = AiFeedbackConfig.default_margin
    shipped = AiFeedbackConfig(method="critique")  # the shipped tutor judging by critique: where it was chosen
    assert (shipped.tie_margin("harmless"), shipped.tie_margin("honest")) == (0.0, 0.1)
    assert shipped.tie_margin("kind") == default  # a principle the learner wrote
    assert AiFeedbackConfig(method="critique", margin=0.3).tie_margin("harmless") == 0.3  # asked for: used
    for other in (dict(method="compare"), dict(judge="/models/other"), dict(model="tiny"), dict(adapter="none"),
                  dict(principle_text="Be kind.")):
        assert AiFeedbackConfig(**{"method": "critique", **other}).tie_margin("harmless") == default, other


def test_a_principles_own_margin_holds_only_for_the_wording_it_was_chosen_with(tmp_path, monkeypatch):
    monkeypatch.setattr(AiFeedbackConfig, "principle_margins", {"harmless": 0.0})
    cfg = AiFeedbackConfig(principle="harmless", method="critique")
    key, text = ai_feedback.resolve_principle(cfg)
    assert ai_feedback.tie_margin(cfg, key, text) == 0.0
    edited = tmp_path / "constitution.toml"  # the learner rewrote the harmless critique request
    shipped = repo_path(AiFeedbackConfig.constitution).read_text(encoding="utf-8")
    assert text in shipped
    edited.write_text(shipped.replace(text, "Is the reply rude in any way?"), encoding="utf-8")
    mine = AiFeedbackConfig(principle="harmless", method="critique", constitution=str(edited))
    key, text = ai_feedback.resolve_principle(mine)
    assert text == "Is the reply rude in any way?"
    assert ai_feedback.tie_margin(mine, key, text) == AiFeedbackConfig.default_margin
    assert ai_feedback.tie_margin(AiFeedbackConfig(margin=0.2), key, text) == 0.2  # asked for: always used


def test_the_job_labels_at_the_principles_margin(home, monkeypatch):
    seen = []
    real = ai_feedback.judge_pairs
    monkeypatch.setattr(ai_feedback, "judge_pairs", lambda *a, **kw: seen.append(a[4]) or real(*a, **kw))
    monkeypatch.setattr(AiFeedbackConfig, "tie_margin", lambda self, key: {"helpful": 0.49}.get(key, 0.0))
    with _fresh_store(home) as store:
        store.add_pairs(_pairs(3), "seed")
    summary = annotate(AiFeedbackConfig(model="tiny", principle="helpful"), home)
    assert seen == [0.49] and summary["counts"]["tie"] == 3  # a tiny judge never leans 99/1
    assert summary["margin"] == 0.49


def test_each_shipped_margin_belongs_to_a_shipped_principle_and_is_a_valid_margin():
    for key, margin in AiFeedbackConfig.principle_margins.items():
        assert ai_feedback.resolve_principle(AiFeedbackConfig(principle=key))[0] == key
        AiFeedbackConfig(margin=margin).validate()


# ---- the job and the store ---------------------------------------------------------------------------


def test_ai_labels_never_replace_human_labels(home):
    with _fresh_store(home) as store:
        ids = store.add_pairs(_pairs(4), "seed")
        store.label(ids[0], "me", "A")
        store.label(ids[1], "me", "B")
        mine = store.current_labels("me")
    summary = annotate(AiFeedbackConfig(model="tiny", principle="honest", batch_size=3), home)
    assert summary["status"] == "done" and summary["labeled"] == summary["total"] == 4
    assert summary["annotator"] == "ai:honest"
    with _store(home) as store:
        assert store.current_labels("me") == mine  # untouched, same judgements
        ai = store.current_labels("ai:honest")
        assert sorted(j.pair_id for j in ai) == ids
        assert all(j.choice in ("A", "B", "tie") and 0.5 <= j.confidence <= 1 for j in ai)
        stats = store.stats()
        assert (stats["annotators"], stats["machine_annotators"]) == (1, 1)
        assert stats["agreement"] is None  # a person and a machine: not the learners' agreement figure
        assert [j.annotator for j in store.labels_of(HUMAN)] == ["me", "me"]
        # a second run finds nothing left to label, and a person relabeling keeps the AI's label
        assert annotate(AiFeedbackConfig(model="tiny", principle="honest"), home)["total"] == 0
        store.label(ids[2], "me", "tie")
        assert len(store.current_labels("ai:honest")) == 4


def test_stop_after_the_first_batch_keeps_its_labels(home):
    with _fresh_store(home) as store:
        store.add_pairs(_pairs(5), "seed")
    cancel = CancelToken()
    events = []

    def on_metrics(event):
        events.append(event)
        if event.get("phase") == "ai-label":
            cancel.cancel()

    cfg = AiFeedbackConfig(model="tiny", principle="helpful", batch_size=2)
    summary = annotate(cfg, home, on_metrics=on_metrics, cancel=cancel)
    assert summary["status"] == "stopped" and summary["labeled"] == 2
    progress = [e for e in events if e.get("phase") == "ai-label"]
    assert [(e["done"], e["total"]) for e in progress] == [(2, 5)] and "eta" in progress[0]
    with _store(home) as store:
        assert len(store.current_labels("ai:helpful")) == 2
    summary = annotate(cfg, home)  # Run again: continues with the three left
    assert (summary["status"], summary["labeled"], summary["total"]) == ("done", 3, 3)


def test_pairs_from_a_file_are_added_to_the_store_first(home, tmp_path):
    path = tmp_path / "mine.jsonl"
    rows = [{"prompt": p, "chosen": a, "rejected": b, "category": "honest"} for p, a, b in _pairs(3)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with _fresh_store(home):
        pass
    summary = annotate(AiFeedbackConfig(model="tiny", pairs=str(path), limit=2), home)
    assert summary["labeled"] == 2
    with _store(home) as store:
        assert [(p.source, p.category) for p in store.pairs()] == [("imported", "honest")] * 3
        assert store.counts("ai:honest")["unlabeled"] == 1


# ---- agreement ---------------------------------------------------------------------------------------


def test_compare_labels_counts_each_pair_in_both_orders():
    # seed: always the stored first reply. AI: A, A, B, tie. Both orders: p_o = 4/8, p_e = (3*4 + 3*4) / 64
    result = compare_labels({1: "A", 2: "A", 3: "B", 4: "tie", 5: "A"}, {1: "A", 2: "A", 3: "A", 4: "A"})
    assert (result.n, result.agree, result.disagreements) == (4, 0.5, [3, 4])
    assert result.kappa == pytest.approx((0.5 - 0.375) / (1 - 0.375))
    assert compare_labels({1: "A"}, {2: "A"}).kappa is None


def test_store_compares_an_annotator_with_a_person_and_with_the_seed(home):
    rows = [{"prompt": p, "chosen": a, "rejected": b} for p, a, b in _pairs(4)]
    with _fresh_store(home) as store:
        ids = store.add_pairs([(r["prompt"], r["chosen"], r["rejected"]) for r in rows[:3]], "seed")
        ids.append(store.add_pair(rows[3]["prompt"], rows[3]["rejected"], rows[3]["chosen"], "imported"))
        seed = store.seed_labels(rows)
        assert seed == {ids[0]: "A", ids[1]: "A", ids[2]: "A", ids[3]: "B"}
        for pair_id, ai, me in zip(ids, ("A", "B", "tie", "B"), ("A", "B", "A", "skip")):
            store.label(pair_id, "ai:honest", ai, confidence=0.8)
            store.label(pair_id, "me", me)
        with_seed = store.compare("ai:honest", seed)
        assert (with_seed.n, with_seed.agree, with_seed.disagreements) == (4, 0.5, [ids[1], ids[2]])
        with_me = store.compare("ai:honest", "me")  # the skip takes no part
        assert (with_me.n, with_me.disagreements) == (3, [ids[2]])
        assert store.compare("me", HUMAN).agree == 1.0
        assert is_machine("ai:honest") and is_machine("constitution:run-1") and not is_machine("import:x.jsonl")


def test_agreement_with_seed_per_category():
    pairs = [{"prompt": "p", "chosen": f"c{i}", "rejected": f"r{i}", "category": cat}
             for i, cat in enumerate(["honest", "honest", "harmless", "harmless"])]
    labels = [AiLabel("A", 0.9, 0.9, 0.9, 0.9), "B", "A", "A"]
    result = agreement_with_seed(labels, pairs)
    assert result["honest"] == {"agree": 0.5, "n": 2, "kappa": pytest.approx(0.0)}
    assert result["harmless"] == {"agree": 1.0, "n": 2, "kappa": 1.0}
    assert result["all"]["n"] == 4 and result["all"]["agree"] == 0.75
    with pytest.raises(ValueError, match="3 labels for 4 pairs"):
        agreement_with_seed(labels[:3], pairs)


# ---- training on one annotator's labels --------------------------------------------------------------


def _labels_of_three_annotators(home):
    with _fresh_store(home) as store:
        ids = store.add_pairs(_pairs(6), "seed")
        for pair_id in ids[:2]:
            store.label(pair_id, "me", "A")
        store.label(ids[2], "import:x.jsonl", "B")
        for pair_id in ids:
            store.label(pair_id, "ai:honest", "B")
        store.label(ids[5], "constitution:run", "A")
    return ids


def test_the_annotator_filters_what_training_sees(home):
    _labels_of_three_annotators(home)
    assert len(load_training_pairs(store_source("ai:honest"), home)) == 6
    human = load_training_pairs(store_source(HUMAN), home)
    assert [r["chosen"] for r in human] == ["Checked: She walks 0 miles.", "Checked: She walks 1 miles.",
                                           "Checked: She walked 2 miles."]
    assert len(load_training_pairs("store", home)) == 3  # everyone votes: pairs 0, 1 and 5 split 1-1
    with pytest.raises(ValueError, match="annotator 'nobody'"):
        load_training_pairs(store_source("nobody"), home)


@pytest.mark.parametrize("annotator, n", [("ai:honest", 6), ("human", 3)])
def test_cli_rm_from_store_with_an_annotator(home, tmp_path, capsys, annotator, n):
    _labels_of_three_annotators(home)
    out = tmp_path / "rm"
    assert main(["rm", "--model", "tiny", "--from-store", "--annotator", annotator, "--eval-pairs", "",
                 "--max-steps", "4", "--batch-size", "2", "--out", str(out)]) == 0  # 4 steps see every pair
    assert json.loads((out / "config.json").read_text())["pairs"] == f"store:{annotator}"
    assert json.loads((out / "summary.json").read_text())["train_pairs"] == n


@pytest.mark.parametrize("argv, needle", [
    (["ai-label", "--model", "tiny", "--principle", "nosuch", "--from-store"], "'nosuch'"),
    (["ai-label", "--model", "tiny", "--principle", "honest"], "--pairs --from-store"),
    (["ai-label", "--model", "tiny", "--principle", "honest", "--from-store", "--margin", "0.7"], "margin"),
    (["dpo", "--model", "tiny", "--pairs", "data/pairs_train.jsonl", "--annotator", "me", "--out", "x"],
     "--annotator needs --from-store"),
    (["ai-label", "--model", "tiny", "--principle", "honest", "--pairs", "data/pairs_heldout.jsonl"],
     "is the held-out set"),
])
def test_cli_errors_exit_2(home, capsys, argv, needle):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and len(err.splitlines()) == 1, err


@pytest.mark.parametrize("method", ["compare", "critique", "revise", "auto"])
def test_cli_ai_label_from_a_file(home, tmp_path, capsys, method):
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps({"prompt": p, "chosen": a, "rejected": b}) + "\n" for p, a, b in _pairs(3)))
    with _fresh_store(home):
        pass
    assert main(["ai-label", "--model", "tiny", "--principle", "harmless", "--pairs", str(path),
                 "--method", method]) == 0
    out = capsys.readouterr().out
    assert "3/3 pairs labeled by ai:harmless" in out
    assert f"method {'critique' if method == 'auto' else method}, tie margin" in out  # harmless's own: critique
    with _store(home) as store:
        assert len(store.current_labels("ai:harmless")) == 3


def test_left_padding_does_not_change_a_probability(tiny):
    model, tok = tiny
    short = ai_feedback.comparison_messages(PRINCIPLE, "Check this sentence: x.", "a", "b")
    long = ai_feedback.comparison_messages(PRINCIPLE, "Check this sentence: " + "word " * 40, "a long reply " * 5, "b")
    together = ai_feedback.p_option_a(model, tok, [short, long])
    alone = ai_feedback.p_option_a(model, tok, [short]) + ai_feedback.p_option_a(model, tok, [long])
    assert together == pytest.approx(alone, abs=1e-5)


def test_cli_ai_label_on_the_seed_pairs_reports_agreement_with_them(home, capsys):
    with _fresh_store(home):
        pass
    assert main(["ai-label", "--model", "tiny", "--principle", "honest", "--pairs", "data/pairs_train.jsonl",
                 "--limit", "3"]) == 0
    assert "agreement with the seed labels on 3 seed pairs" in capsys.readouterr().out
    with _store(home) as store:
        assert {p.source for p in store.pairs()} == {"seed"}
        assert store.counts("ai:honest")["labeled"] == 3
