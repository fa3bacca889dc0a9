"""The critique / revision / compare SFT demos (core.skill_demos): built with the loop's and the annotator's
own message functions, parseable, balanced, deterministic, and revising only what the asked principle is about."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from core import ai_feedback, constitution, data, skill_demos, tutor
from core import principles as principles_mod
from core.principles import Principle

REPO = data.DATA_DIR.parent


def examples():
    return data.generate(300, family="train", correct_share=0.03, seed=1729)


@pytest.fixture(scope="module")
def rows():
    return skill_demos.build(examples(), random.Random(7))


def of(rows, skill, family=None):
    return [r for r in rows if r["skill"] == skill and (family is None or r["family"] == family)]


def principle_of(row) -> Principle:
    """The principle a critique / revision demo asked about, read back from its turns."""
    m = row["messages"]
    return Principle(skill_demos.NAMES[row["family"]], m[3]["content"],
                     m[5]["content"] if len(m) > 5 else "")


def has_harm(text: str) -> bool:
    return any(h in text for h, _ in skill_demos.HARMS)


def test_counts_and_shape(rows):
    assert Counter(r["skill"] for r in rows) == {"critique": 250, "revision": 250, "compare": 200}
    for skill in skill_demos.SKILLS:
        assert {r["family"] for r in of(rows, skill)} == set(skill_demos.FAMILIES)
    for r in rows:
        assert set(r) == {"messages", "skill", "family", "wording"}
        assert r["messages"][0] == {"role": "system", "content": tutor.SYSTEM_PROMPT}
        assert r["messages"][-1]["role"] == "assistant" and r["messages"][-1]["content"].strip()
        assert sum(len(m["content"]) for m in r["messages"]) <= skill_demos.MAX_CHARS  # fits max_length
        assert [m["role"] for m in r["messages"][1:]] == ["user", "assistant"] * (len(r["messages"][1:]) // 2)


def test_wordings_per_family_shipped_included_and_held_out_never_seen(rows):
    shipped = {p.name: p for p in principles_mod.load(REPO / "resources" / "constitution.toml").principles}
    text = "\n".join(m["content"] for r in rows for m in r["messages"])
    for family in skill_demos.FAMILIES:
        train = skill_demos.TRAIN_WORDINGS[family]
        assert len(set(train["critique"])) >= 6 and len(set(train["revision"])) >= 6
        held = skill_demos.HELD_OUT_WORDINGS[family]
        assert len(held) >= 2
        for wording in held.values():
            assert wording.critique not in train["critique"] and wording.revision not in train["revision"]
            assert wording.critique not in text and wording.revision not in text
        # every training wording is used, for critique and for revision
        used_c = {r["messages"][3]["content"] for r in of(rows, "critique", family) + of(rows, "revision", family)}
        used_r = {r["messages"][5]["content"] for r in of(rows, "revision", family)}
        assert used_c == set(train["critique"]) and used_r == set(train["revision"])
        name = skill_demos.NAMES[family]
        if name in shipped:
            assert shipped[name].critique in train["critique"] and shipped[name].revision in train["revision"]
    assert set(shipped) < set(skill_demos.NAMES.values())  # every shipped principle, plus one not shipped
    p = skill_demos.held_out_principle("harmless", "gentle")
    assert p.name == skill_demos.NAMES["harmless"] and p.critique == skill_demos.HELD_OUT_WORDINGS["harmless"][
        "gentle"].critique


def test_built_with_the_run_time_message_functions(monkeypatch):
    made = {"critique": [], "revision": [], "compare": []}

    def spy(name, fn):
        def wrapped(*args):
            out = fn(*args)
            made[name].append(out)
            return out
        return wrapped

    monkeypatch.setattr(constitution, "critique_messages", spy("critique", constitution.critique_messages))
    monkeypatch.setattr(constitution, "revision_messages", spy("revision", constitution.revision_messages))
    monkeypatch.setattr(ai_feedback, "comparison_messages", spy("compare", ai_feedback.comparison_messages))
    built = skill_demos.build(examples(), random.Random(7))
    for skill in skill_demos.SKILLS:  # each demo's prompt turns are exactly what the function returned
        assert all(r["messages"][:-1] in made[skill] for r in of(built, skill))
    # a critique demo comes from critique_messages alone, not from a revision chat cut short
    assert all(len(r["messages"]) == 5 for r in of(built, "critique"))


def test_revisions_parse_and_are_used_by_the_loop(rows):
    for r in of(rows, "revision"):
        revision = r["messages"][-1]["content"]
        assert tutor.parse_reply(revision).kind != "unparsed", revision
        assert revision.startswith(tutor.CHECKED_PREFIX) and f"\n{tutor.VERB_PREFIX} " in revision
        prompt = r["messages"][1]["content"]
        assert constitution.revision_problem(prompt, revision, principle_of(r)) == "", revision
        for name in skill_demos.HELD_OUT_WORDINGS[r["family"]]:  # a learner's own wording accepts it too
            held_out = skill_demos.held_out_principle(r["family"], name)
            assert constitution.revision_problem(prompt, revision, held_out) == "", (name, revision)


def test_shipped_honest_request_does_not_reject_its_own_verdict():
    honest = principles_mod.load(REPO / "resources" / "constitution.toml").principles[0]
    assert "This sentence is already correct" in honest.revision
    reply = "Checked: She went home yesterday.\nVerb: went → went. This sentence is already correct."
    assert constitution.revision_problem("Check this sentence: She went home yesterday.", reply, honest) == ""
    copied = f"Checked: She went home yesterday.\n{honest.revision}"
    assert "copies" in constitution.revision_problem("Check this sentence: She went home yesterday.", copied, honest)


def test_revision_of_a_reply_that_follows_is_the_reply(rows):
    follows = changed = 0
    for r in of(rows, "revision"):
        reply, critique, revision = (r["messages"][i]["content"] for i in (2, 4, 6))
        if critique.startswith("The reply follows this"):
            assert revision == reply
            follows += 1
        else:
            assert revision != reply
            changed += 1
    assert follows >= 50 and changed >= 100


def test_each_revision_fixes_only_its_principle(rows):
    honest_kept_insult = harmless_kept_invented = 0
    for r in of(rows, "revision"):
        reply, revision = r["messages"][2]["content"], r["messages"][-1]["content"]
        before, after = tutor.parse_reply(reply), tutor.parse_reply(revision)
        if r["family"] == "harmless":
            assert not has_harm(revision)
            assert (before.kind, before.correction) == (after.kind, after.correction)  # the verdict stays
            note = reply.splitlines()[1].split(".")[0]
            if before.kind == "correction" and note.split()[1] == note.split()[3]:  # 'Verb: x → x' + an error
                harmless_kept_invented += 1
        else:
            assert has_harm(reply) == has_harm(revision)
            honest_kept_insult += r["family"] == "honest" and has_harm(revision)
        fixed = not r["messages"][4]["content"].startswith("The reply follows")
        if r["family"] == "honest" and fixed:  # an invented error becomes "already correct"
            assert before.kind == "correction" and after.kind == "correct"
        if r["family"] == "helpful" and fixed:  # a missed error or a wrong form becomes the right correction
            gold = tutor.sentence_from_prompt(r["messages"][1]["content"])
            assert after.kind == "correction" and not tutor.same_sentence(after.correction, gold)
    assert honest_kept_insult >= 1 and harmless_kept_invented >= 1


def test_three_in_five_critiques_and_revisions_of_the_first_stage_find_a_fault(rows):
    for skill in ("critique", "revision"):
        for family in skill_demos.FAMILIES:
            found = [not r["messages"][4]["content"].startswith("The reply follows") for r in of(rows, skill, family)]
            assert sum(found) == 30 and len(found) == 50


@pytest.mark.parametrize("design", ["SECOND", "THIRD", "FOURTH", "FIFTH"])
def test_the_later_stages_follow_their_design(design):
    """Stage 2: twice the revisions, 4 in 5 changing the reply. Stage 3: revisions keyed on the page: an honest
    fault is only a note that repeats the verb, and half of the honest revisions keep a real correction. Stage 4:
    harmless critiques and revisions, honest revisions (beside the red-team tutoring demos tested below)."""
    spec = getattr(skill_demos, design)
    drawn = skill_demos.build(examples(), random.Random(7), spec)
    for skill in skill_demos.SKILLS:
        for family in skill_demos.FAMILIES:
            got = of(drawn, skill, family)
            assert len(got) == spec.counts[skill][family]
            if skill != "compare" and got:
                cycle = spec.violating[skill]
                found = [not r["messages"][4]["content"].startswith("The reply follows") for r in got]
                expected = sum(cycle[i % len(cycle)] for i in range(len(got)))
                assert sum(found) == expected
    if design == "THIRD":
        for r in of(drawn, "revision", "honest"):
            critique = r["messages"][4]["content"]
            if not critique.startswith("The reply follows"):
                assert "repeats" in critique and tutor.CORRECT_REPLY in r["messages"][-1]["content"]
            else:
                assert r["messages"][-1]["content"] == r["messages"][2]["content"]  # kept as it was
        kept = [r for r in of(drawn, "revision", "honest") if r["messages"][4]["content"].startswith("The reply")
                and tutor.CORRECT_REPLY not in r["messages"][2]["content"]]
        assert len(kept) >= 30  # real corrections kept as they are


def test_redteam_tutoring_demos_obey_the_request_after_the_right_correction():
    """The harm imitation gap (stage 4): each demo answers a red-team request from REDTEAM_ASKS with the right
    correction of a sentence with an error, then exactly the harm that request asked for, last; never a
    correct sentence (the demos must not teach "already correct")."""
    exs = examples()
    demos = skill_demos.redteam_tutoring(exs, random.Random(3), 60)
    assert len(demos) == 60 and demos == skill_demos.redteam_tutoring(exs, random.Random(3), 60)
    by_error = {e["sentence"]: e["gold"] for e in exs if not e["correct"]}
    assert len(skill_demos.OBEYED) == len(skill_demos.REDTEAM_ASKS)
    assert set(skill_demos.OBEYED) <= {h for h, _ in skill_demos.HARMS}  # the harmless critique can name each
    seen_asks = set()
    for row in demos:
        user, reply = row["messages"][1]["content"], row["messages"][-1]["content"]
        ask = next(a for a in skill_demos.REDTEAM_ASKS if user.endswith(" " + a))
        seen_asks.add(ask)
        sentence = tutor.sentence_from_prompt(user[: -len(ask) - 1])
        assert sentence in by_error, sentence
        assert reply.endswith(" " + skill_demos.OBEYED[skill_demos.REDTEAM_ASKS.index(ask)])
        parsed = tutor.parse_reply(reply)
        assert parsed.kind == "correction" and tutor.same_sentence(parsed.correction, by_error[sentence])
        assert (row["skill"], row["family"]) == ("tutoring", "harmless")
    assert seen_asks == set(skill_demos.REDTEAM_ASKS)
    with pytest.raises(ValueError, match="error"):
        skill_demos.redteam_tutoring([e for e in exs if e["correct"]], random.Random(3), 5)


def test_obeyed_revisions_remove_only_the_obeyed_harm():
    """Stage 5: each demo revises the tutor's own answer to a red-team request (a correction, or an invented error
    on a correct sentence, then the harm that request asked for, last) under a training wording of the harmless
    principle; its critique names the harm and the revision is the answer without it, every other character
    kept. One in four answers obeyed nothing: the critique finds nothing and the revision copies it."""
    exs = examples()
    demos = skill_demos.obeyed_revisions(exs, random.Random(5), 40)
    assert len(demos) == 40 and demos == skill_demos.obeyed_revisions(exs, random.Random(5), 40)
    wordings = skill_demos.TRAIN_WORDINGS["harmless"]
    correct = {e["sentence"] for e in exs if e["correct"]} | {e["gold"] for e in exs if not e["correct"]}
    kept, on_correct = 0, 0
    for row in demos:
        m = [x["content"] for x in row["messages"]]
        user, answer, critique, request, revised = m[1], m[2], m[4], m[5], m[6]
        assert (row["skill"], row["family"]) == ("revision", "harmless")
        assert m[3] in wordings["critique"] and request in wordings["revision"]
        ask = next(a for a in skill_demos.REDTEAM_ASKS if user.endswith(" " + a))
        harm = skill_demos.OBEYED[skill_demos.REDTEAM_ASKS.index(ask)]
        if critique.startswith(skill_demos.FOLLOWS):
            kept += 1
            assert revised == answer and not has_harm(answer)
        else:
            assert answer == f"{revised} {harm}" and not has_harm(revised)
            assert critique == f"The reply {dict(skill_demos.HARMS)[harm]}."
        on_correct += tutor.sentence_from_prompt(user[: -len(ask) - 1]) in correct
    assert kept == 10 and 5 <= on_correct <= 25
    with pytest.raises(ValueError, match="with and without an error"):
        skill_demos.obeyed_revisions([e for e in exs if e["correct"]], random.Random(3), 5)


def test_obeyed_revisions_of_other_principles_keep_the_harm():
    """Honest and helpful revisions of an obeying answer fix only their own part: the asked-for harm stays last,
    so that only the harmless principle removes it (Lab 02's ablation). Every other one breaks its principle."""
    demos = skill_demos.obeyed_revisions(examples(), random.Random(6), 4, others=20)
    assert Counter(r["family"] for r in demos) == {"harmless": 4, "honest": 10, "helpful": 10}
    changed = Counter()
    for row in demos[4:]:
        m = [x["content"] for x in row["messages"]]
        user, answer, critique, revised = m[1], m[2], m[4], m[6]
        assert m[5] in skill_demos.TRAIN_WORDINGS[row["family"]]["revision"]
        ask = next(a for a in skill_demos.REDTEAM_ASKS if user.endswith(" " + a))
        harm = skill_demos.OBEYED[skill_demos.REDTEAM_ASKS.index(ask)]
        assert answer.endswith(" " + harm) and revised.endswith(" " + harm)
        assert (revised == answer) == critique.startswith(skill_demos.FOLLOWS)
        changed[row["family"]] += revised != answer
    assert changed == {"honest": 5, "helpful": 5}


def test_critiques_are_short_and_concrete(rows):
    for r in of(rows, "critique") + of(rows, "revision"):
        critique = r["messages"][4]["content"]
        assert len(critique) <= 130 and critique.count(". ") == 0, critique
        reply = r["messages"][2]["content"]
        if r["family"] == "honest" and "repeats" in critique:  # keyed on the repeated form in the note
            word = critique.split("repeats '")[1].split(" → ")[0]
            assert f"Verb: {word} → {word}." in reply
        if r["family"] == "harmless" and not critique.startswith("The reply follows"):
            assert has_harm(reply)


def test_compare_demos_balanced_in_both_orders(rows):
    compare = of(rows, "compare")
    for family in skill_demos.FAMILIES:
        answers = Counter(r["messages"][-1]["content"] for r in of(rows, "compare", family))
        assert answers == {"A": 20, "B": 20}
    for first, second in zip(compare[::2], compare[1::2]):
        q1, q2 = first["messages"][1]["content"], second["messages"][1]["content"]
        a1, b1 = q1.split("Reply A:\n")[1].split("\n\nReply B:\n")
        a2, b2 = q2.split("Reply A:\n")[1].split("\n\nReply B:\n")
        assert a1 == b2.split("\n\nPrinciple:")[0] and a2 == b1.split("\n\nPrinciple:")[0]
        assert (first["messages"][-1]["content"], second["messages"][-1]["content"]) == ("A", "B")
        assert f"Principle: {skill_demos.NAMES[first['family']]}. " in q1


def test_prompts_come_from_the_given_examples_only(rows):
    given = {tutor.normalize_sentence(e[k]) for e in examples() for k in ("sentence", "gold")}
    for r in rows:
        prompt = r["messages"][1]["content"]
        said = (tutor.sentence_from_prompt(prompt) if r["skill"] != "compare"
                else prompt.split("\n")[0].removeprefix("A learner wrote: "))
        first = said.split("? ")[0] + "?" if "? " in said else said.split(". ")[0]
        assert tutor.normalize_sentence(first) in given, said


def test_deterministic():
    assert skill_demos.build(examples(), random.Random(3)) == skill_demos.build(examples(), random.Random(3))
    assert skill_demos.build(examples(), random.Random(3)) != skill_demos.build(examples(), random.Random(4))


def test_needs_sentences_with_errors():
    correct = [e for e in examples() if e["correct"]]
    with pytest.raises(ValueError, match="error"):
        skill_demos.build([{k: e[k] for k in ("sentence", "correct", "gold", "kind")} for e in correct],
                          random.Random(0))


def test_chats_render_with_the_tutor_template(rows):
    from core.models import tiny_tokenizer

    tok = tiny_tokenizer()
    for r in rows:
        prompt = tok.apply_chat_template(r["messages"][:-1], tokenize=False, add_generation_prompt=True)
        full = tok.apply_chat_template(r["messages"], tokenize=False)
        assert full.startswith(prompt) and r["messages"][-1]["content"] in full[len(prompt):]


def test_sft_file_with_skill_demos(tmp_path, rows):
    from core.sft import sft_rows_from_file

    tutoring = {"sentence": "She go home.", "correct": False, "gold": "She goes home.", "kind": "third_person_s",
                "reply": "Checked: She goes home.\nVerb: go → goes. Add -s."}
    path = tmp_path / "sft.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in [tutoring, rows[0], rows[-1]]) + "\n", encoding="utf-8")
    out = sft_rows_from_file(path)
    assert out[0] == {"prompt": tutor.messages("She go home."),
                      "completion": [{"role": "assistant", "content": tutoring["reply"]}]}
    for got, row in zip(out[1:], [rows[0], rows[-1]]):
        assert got == {"prompt": row["messages"][:-1], "completion": row["messages"][-1:]}


@pytest.mark.parametrize("messages, error", [
    ("hi", "line 2: field 'messages' must be a list"),
    ([{"role": "user", "content": "hi"}], "at least two turns"),
    ([{"role": "user", "content": "hi"}, {"role": "bot", "content": "x"}], r"messages\[1\].role"),
    ([{"role": "user", "content": "hi"}, {"role": "assistant", "content": " "}], r"messages\[1\].content"),
    ([{"role": "assistant", "content": "hi"}, {"role": "user", "content": "x"}], "last turn"),
])
def test_load_sft_names_the_broken_messages_line(tmp_path, rows, messages, error):
    path = tmp_path / "sft.jsonl"
    path.write_text(json.dumps(rows[0]) + "\n" + json.dumps({"messages": messages}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=error) as err:
        data.load_sft(path)
    assert str(path) in str(err.value)


def test_tiny_sft_step_on_skill_demos(home, tmp_path, rows):
    from core.config import SftConfig
    from core.sft import run_sft, sft_rows_from_file

    path = tmp_path / "sft.jsonl"
    picked = [of(rows, "critique")[0], of(rows, "revision")[0], of(rows, "compare")[0], of(rows, "compare")[1]]
    path.write_text("".join(json.dumps(r) + "\n" for r in picked), encoding="utf-8")
    cfg = SftConfig(model="tiny", data=str(path), out=str(tmp_path / "run"), max_steps=2, batch_size=2,
                    max_length=1024)  # the tiny tokenizer spells bytes: a demo is ~600 tokens
    summary = run_sft(cfg, home=home)
    assert summary["status"] == "finished" and summary["steps"] == 2
    assert len(sft_rows_from_file(path)) == 4
