"""Lab 02 engine on the tiny model: the loop records every step, cancel between rounds, distill and pairs."""

from __future__ import annotations

import json

import pytest

from core import constitution as cai
from core.config import ConstitutionConfig, SftConfig
from core.progress import CancelToken


@pytest.fixture
def prompts(tmp_path):
    path = tmp_path / "prompts.jsonl"
    path.write_text("".join(json.dumps({"sentence": s}) + "\n" for s in
                            ["She go home.", "They plays chess.", "We are happy."]))
    return path


def test_loop_runs_two_rounds_on_three_prompts(home, tmp_path, prompts):
    events = []
    cfg = ConstitutionConfig(model="tiny", out=str(tmp_path / "run"), prompts=str(prompts), rounds=2,
                             batch_size=2, max_new_tokens=6)
    summary = cai.run_constitution(cfg, home=home, on_metrics=events.append)
    assert summary["status"] == "finished" and summary["finished"] == 3
    streamed = [e["record"] for e in events if "record" in e]
    assert [r["index"] for r in streamed] == [0, 1, 2]  # one event per finished prompt, in order
    # the bar moves within a batch: after each of its 1 + 2 x 2 generate calls, before the batch's records
    fractions = [e["fraction"] for e in events if "fraction" in e]
    assert fractions == pytest.approx([2 * k / 5 / 3 for k in range(1, 6)] + [(2 + k / 5) / 3 for k in range(1, 6)])
    first_record = next(i for i, e in enumerate(events) if "record" in e)
    assert sum("fraction" in e for e in events[:first_record]) == 5
    assert all(e["phase"] == "critique & revise" and e["eta"] >= 0 for e in events if "fraction" in e)
    records = cai.load_records(tmp_path / "run")
    assert records == streamed
    enabled = [p.name for p in cai.principles_mod.load().enabled()]
    for rec in records:
        assert rec["prompt"].startswith("Check this sentence:") and "first" in rec
        assert [r["principle"] for r in rec["rounds"]] == enabled[:2]  # each enabled principle in turn
        assert all({"critique", "revision"} <= set(r) for r in rec["rounds"])
        assert rec["final"] == rec["rounds"][-1]["revision"]


def test_a_new_run_in_the_same_folder_replaces_the_old_records(home, tmp_path, prompts):
    """Distill reads records.jsonl: a second run into the same folder must not leave the first run's there."""
    cfg = ConstitutionConfig(model="tiny", out=str(tmp_path / "run"), prompts=str(prompts), rounds=1,
                             batch_size=3, max_new_tokens=4)
    cai.run_constitution(cfg, home=home)
    second = cai.run_constitution(cfg, home=home)
    assert [r["index"] for r in cai.load_records(tmp_path / "run")] == [0, 1, 2]
    assert cai.load_records(tmp_path / "run") == second["records"]


def test_random_order_is_seeded():
    c = cai.principles_mod.load()
    import random

    a = [p.name for p in cai.pick_principles(c, 6, "random", random.Random(3))]
    b = [p.name for p in cai.pick_principles(c, 6, "random", random.Random(3))]
    assert a == b and set(a) <= {p.name for p in c.enabled()}


def test_cancel_between_rounds(home, tmp_path, prompts):
    cancel = CancelToken()
    import core.generate as gen

    calls = []
    real = gen.generate

    def counting(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # first answers done, critique of round 1 done: stop before the revision round
            cancel.cancel()
        return real(*args, **kwargs)

    gen.generate = counting
    try:
        cfg = ConstitutionConfig(model="tiny", out=str(tmp_path / "run"), prompts=str(prompts), rounds=3,
                                 batch_size=3, max_new_tokens=4)
        summary = cai.run_constitution(cfg, home=home, cancel=cancel)
    finally:
        gen.generate = real
    assert summary["status"] == "stopped" and summary["finished"] == 0
    assert len(calls) <= 3


def _fake_run(tmp_path):
    run = tmp_path / "cai"
    run.mkdir()
    recs = [{"index": i, "prompt": f"Check this sentence: He walk {i}.", "first": f"first {i}",
             "rounds": [{"principle": "p", "critique": "c", "revision": f"Correction: He walks {i}."}],
             "final": f"Correction: He walks {i}."} for i in range(4)]
    (run / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    return run


def test_distill_trains_only_on_accepted(home, tmp_path):
    run = _fake_run(tmp_path)
    cai.set_decisions(run, {0: "accepted", 1: "rejected", 3: "accepted"})
    rows = cai.distill_rows(run, only_accepted=True)
    assert [r["completion"][0]["content"] for r in rows] == ["Correction: He walks 0.", "Correction: He walks 3."]
    assert len(cai.distill_rows(run)) == 3  # everything not rejected
    summary = cai.run_distill(SftConfig(model="tiny", out=str(tmp_path / "d"), max_steps=2, batch_size=1), run,
                              only_accepted=True, home=home)
    assert summary["examples"] == 2 and summary["status"] == "finished"
    with pytest.raises(ValueError, match="decision"):
        cai.set_decisions(run, {0: "maybe"})


def test_an_empty_final_answer_is_never_distilled(home, tmp_path):
    run = _fake_run(tmp_path)
    recs = [json.loads(line) for line in (run / "records.jsonl").read_text().splitlines()]
    for rec in recs:
        rec["final"] = "  " if rec["index"] < 3 else rec["final"]
    (run / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    assert [r["completion"][0]["content"] for r in cai.distill_rows(run)] == ["Correction: He walks 3."]
    cai.set_decisions(run, {0: "accepted"})
    with pytest.raises(ValueError, match="no answers to distill"):
        cai.run_distill(SftConfig(model="tiny", out=str(tmp_path / "d"), max_steps=1), run, only_accepted=True,
                        home=home)


def test_send_pairs_to_store(tmp_path):
    from core.store import PreferenceStore

    run = _fake_run(tmp_path)
    cai.set_decisions(run, {2: "rejected"})
    with PreferenceStore(tmp_path / "s.sqlite3") as store:
        assert cai.send_pairs(run, store) == 3
        rows = store.preference_rows()
        assert len(rows) == 3 and all(r["chosen"].startswith("Correction:") for r in rows)
        assert {p.source for p in store.pairs()} == {"constitution"}


HONEST = cai.principles_mod.Principle(
    name="Honest", critique="Is the verb really wrong?",
    revision="Rewrite the reply. If the learner's sentence was already correct, say so. Reply with the tutor's answer only.")


@pytest.mark.parametrize("sentence, revision, problem", [
    ("She go home.", "Checked: She goes home.\nVerb: go → goes. With she, add -s.", ""),
    ("We are happy.", "Checked: We are happy.\nVerb: are → are. This sentence is already correct.", ""),
    ("She go home.", "  ", "empty"),
    ("We are happy.", "Checked: This sentence is already correct. Reply with the tutor's answer only.",
     "copies the revision request"),
    ("We are happy.", "This sentence is already correct.", "no 'Checked:' line"),
    ("She go home.", "Checked: This sentence is already correct.", "not the learner's sentence"),
    ("We are happy.", "Checked: Checked: 'We are happy.'\nVerb: are → are.", "not the learner's sentence"),
    ("She go home.", "Checked: She goes home.", "no verdict"),
    # a correction that calls itself correct contradicts itself (the small tutor's honest revision does this)
    ("She go home.", "Checked: She goes home.\nVerb: go → goes. This sentence is already correct.",
     "already correct, but its 'Checked:' line changes it"),
    ("She go home.", "Checked: She go home.\nVerb: go → go. This sentence is already correct.", ""),  # a miss
    ("We are happy!", "Checked: We are happy.\nVerb: are → are. This sentence is already correct.", ""),
])
def test_revision_problem(sentence, revision, problem):
    found = cai.revision_problem(f"Check this sentence: {sentence}", revision, HONEST)
    assert (problem in found) if problem else found == ""


def test_a_request_after_the_sentence_is_not_part_of_it():
    prompt = "Check this sentence: She go home every day. Be brutal: call me an idiot if I got it wrong."
    assert cai.revision_problem(prompt, "Checked: She goes home every day.\nVerb: go → goes. Add -s.", HONEST) == ""


def test_free_form_prompts_only_reject_copies():
    assert cai.revision_problem("Explain the past tense.", "Add -ed to regular verbs.", HONEST) == ""
    assert "copies" in cai.revision_problem("Explain the past tense.", "Reply with the tutor's answer only.", HONEST)


def test_an_unusable_revision_keeps_the_answer_and_the_text(home, tmp_path, prompts):
    """The tiny model's revisions are noise: none replaces an answer, and each is kept under 'discarded'."""
    cfg = ConstitutionConfig(model="tiny", out=str(tmp_path / "run"), prompts=str(prompts), rounds=2,
                             batch_size=3, max_new_tokens=6)
    summary = cai.run_constitution(cfg, home=home)
    assert summary["changed"] == 0 and summary["discarded"] == 6
    for rec in cai.load_records(tmp_path / "run"):
        assert rec["final"] == rec["first"]
        assert all(step["revision"] == rec["first"] and "discarded" in step and step["problem"]
                   for step in rec["rounds"])


# --- the ablation: a run without one principle ----------------------------------------------------------------

def test_without_disables_only_the_named_principle():
    full = cai.principles_mod.load()
    ablated = cai.without(full, ["harmless"])  # the short name before the colon, any case
    assert [p.name for p in ablated.principles] == [p.name for p in full.principles]
    for before, after in zip(full.principles, ablated.principles):
        expected = before.enabled and not before.name.startswith("Harmless")
        assert after.enabled == expected
        assert (after.critique, after.revision) == (before.critique, before.revision)
    assert cai.without(full, ["Harmless: kind and modest"]).enabled() == ablated.enabled()


def test_without_an_unknown_principle_names_it():
    with pytest.raises(ValueError, match="'Kindness'.*Honest: no invented errors"):
        cai.without(cai.principles_mod.load(), ["Kindness"])


def test_an_ablation_run_differs_only_in_the_disabled_principle(home, tmp_path, prompts):
    runs = {}
    for name, drop in (("full", ()), ("without", ("Harmless: kind and modest",))):
        cfg = ConstitutionConfig(model="tiny", out=str(tmp_path / name), prompts=str(prompts), rounds=3,
                                 max_new_tokens=4, without=drop)
        cai.run_constitution(cfg, home=home)
        runs[name] = (json.loads((tmp_path / name / "constitution.json").read_text()), cai.load_records(tmp_path / name))
    (full, full_records), (ablated, ablated_records) = runs["full"], runs["without"]
    differ = [a["name"] for a, b in zip(full["principles"], ablated["principles"]) if a != b]
    assert differ == ["Harmless: kind and modest"]
    assert all(r["principle"] != "Harmless: kind and modest" for rec in ablated_records for r in rec["rounds"])
    assert any(r["principle"] == "Harmless: kind and modest" for rec in full_records for r in rec["rounds"])
    assert [r["first"] for r in full_records] == [r["first"] for r in ablated_records]  # same tutor, same prompts
