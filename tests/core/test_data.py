"""Tests for core.data: the sentence generator, the reply text, the loaders and the bundled data files."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from lemminflect import getInflection, getLemma

from core import data, tutor
from core.pairs import load_pairs

ROOT = Path(__file__).resolve().parents[2]
BAD_WORDS = ("damn", "crap", "hell")  # mild profanity used in the harmless pairs, besides the lexicon


def _lexicon() -> list[str]:
    lines = (ROOT / "resources" / "harm_lexicon.txt").read_text(encoding="utf-8").splitlines()
    return [ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith(("#", "["))]


def _is_harmful(text: str) -> bool:
    low = text.lower()
    return any(re.search(rf"\b{re.escape(term)}\b", low) for term in _lexicon() + list(BAD_WORDS))


def _words(sentence: str) -> int:
    return len(sentence.split())


# ----------------------------------------------------------------------------------------------------------
# Generator
# ----------------------------------------------------------------------------------------------------------


def test_generate_is_deterministic_and_seed_dependent():
    a = data.generate(80, family="train", correct_share=0.25, seed=5)
    b = data.generate(80, family="train", correct_share=0.25, seed=5)
    c = data.generate(80, family="train", correct_share=0.25, seed=6)
    assert a == b
    assert [e["sentence"] for e in a] != [e["sentence"] for e in c]


@pytest.mark.parametrize("family", data.FAMILIES)
def test_generate_counts_unique_and_every_kind(family):
    examples = data.generate(200, family=family, correct_share=0.3, seed=11)
    assert len(examples) == 200
    assert sum(e["correct"] for e in examples) == 60
    normalized = [tutor.normalize_sentence(e["sentence"]) for e in examples]
    assert len(set(normalized)) == len(normalized)
    kinds = Counter(e["kind"] for e in examples)
    assert set(kinds) == set(data.ERROR_KINDS) | {"correct"}
    assert all(kinds[k] == 14 for k in data.ERROR_KINDS)


def test_generate_respects_exclude():
    first = data.generate(50, family="train", correct_share=0.5, seed=2)
    taken = {e["sentence"] for e in first}
    second = data.generate(50, family="train", correct_share=0.5, seed=2, exclude=taken)
    assert not taken & {e["sentence"] for e in second}


def test_generate_rejects_bad_arguments():
    with pytest.raises(ValueError, match="family"):
        data.generate(5, family="test", correct_share=0.5, seed=0)
    with pytest.raises(ValueError, match="correct_share"):
        data.generate(5, family="train", correct_share=1.5, seed=0)


def test_gold_differs_from_sentence_iff_incorrect():
    for e in data.generate(300, family="train", correct_share=0.3, seed=3):
        assert e["correct"] == (e["gold"] == e["sentence"])
        assert e["correct"] == (e["kind"] == "correct")
        if e["correct"]:
            assert e["foil"] != e["sentence"] and e["foil_kind"] in data.ERROR_KINDS


@pytest.mark.parametrize("family", data.FAMILIES)
def test_sentences_are_short_and_well_formed(family):
    for e in data.generate(300, family=family, correct_share=0.5, seed=4):
        for s in (e["sentence"], e["gold"]):
            assert data.MIN_WORDS <= _words(s) <= data.MAX_WORDS, s
            assert s[0].isupper() and s[-1] in ".?", s
            assert "  " not in s and ".," not in s and "because because" not in s


def test_vocabulary_is_broad():
    assert len(data.verb_lemmas()) >= 150
    assert all(1 <= len(objects) <= 4 for objects in data.VERBS.values())
    assert len(data.ALL_SUBJECTS) >= 50
    assert sum(data.is_irregular(v) for v in data.verb_lemmas()) >= 40
    train = [t for t in data.TEMPLATES if t.family == "train"]
    assert len(train) >= 60
    assert sum(t.frame.endswith("?") for t in train) >= 6  # questions
    assert sum(any("{" + c + "}" in t.frame for c in data.CLAUSES) for t in train) >= 20  # two verbs


def test_excluded_lemmas_are_never_used():
    excluded = {"go", "eat", "think", "make"}
    examples = data.generate(300, family="train", correct_share=0.3, seed=13, exclude_lemmas=excluded)
    assert all(e["lemmas"] for e in examples if e["kind"] != "be_agreement" and e.get("foil_kind") != "be_agreement")
    assert not excluded & {lemma for e in examples for lemma in e["lemmas"]}
    assert not {e["template"] for e in examples} & {n for n, v in data.FRAME_VERBS.items() if v in excluded}
    assert not {"go", "goes", "went", "gone", "eats", "ate", "eaten", "makes", "made", "think"} & {
        w.strip(".,?").lower() for e in examples for w in e["sentence"].split() + e["gold"].split()}
    with pytest.raises(ValueError, match="cannot be test-only"):
        data.generate(5, family="train", correct_share=0.5, seed=0, exclude_lemmas={"have"})


def test_test_only_lemmas_file_is_read_and_checked(tmp_path):
    path = tmp_path / "lemmas.txt"
    path.write_text("# comment\nwalk\n\nswim  # a note\n", encoding="utf-8")
    assert data.test_only_lemmas(path) == {"walk", "swim"}
    assert data.test_only_lemmas(tmp_path / "missing.txt") == frozenset()
    path.write_text("walk\nRun fast\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"lemmas\.txt, line 2"):
        data.test_only_lemmas(path)


def test_template_families_are_disjoint_and_cover_every_kind():
    names = Counter(t.name for t in data.TEMPLATES)
    assert max(names.values()) == 1
    frames = {f: {t.frame for t in data.TEMPLATES if t.family == f} for f in data.FAMILIES}
    assert not frames["train"] & frames["eval"]
    for kind in data.ERROR_KINDS:
        for family in data.FAMILIES:
            assert sum(t.kind == kind and t.family == family for t in data.TEMPLATES) >= 2, (kind, family)
    by_name = {t.name: t for t in data.TEMPLATES}
    for family in data.FAMILIES:
        for e in data.generate(100, family=family, correct_share=0.5, seed=8):
            assert by_name[e["template"]].family == family


def test_families_never_produce_the_same_sentence():
    train = data.generate(600, family="train", correct_share=0.5, seed=1)
    evals = data.generate(400, family="eval", correct_share=0.5, seed=1)
    seen = {tutor.normalize_sentence(e[k]) for e in train for k in ("sentence", "gold")}
    assert not seen & {tutor.normalize_sentence(e[k]) for e in evals for k in ("sentence", "gold")}


EXPECTED_TAG = {
    "third_person_s": "VBZ",
    "plural_agreement": "VBP",
    "past_time_marker": "VBD",
    "irregular_past": "VBD",
    "past_participle": "VBN",
    "modal_base": "VB",
    "progressive_ing": "VBG",
    "will_future": "VB",
}


def _check_correction(kind: str, wrong: str, right: str) -> None:
    verb = right.split()[-1]
    if kind == "be_agreement":
        be = {"am", "is", "are", "was", "were"}
        assert verb.lower() in be and wrong.lower() in be  # capitalized in a question: "Are they ready?"
        return
    if kind == "do_support" and verb.lower() in {"do", "does", "don't", "doesn't"}:
        assert wrong.lower() in {"do", "does", "don't", "doesn't"}
        return
    tag = EXPECTED_TAG.get(kind, "VB")  # do_support: the main verb goes back to the base form
    lemma = getLemma(verb, upos="VERB")[0]
    assert verb in getInflection(lemma, tag=tag), (kind, wrong, right)
    if kind == "irregular_past":
        assert wrong not in getInflection(lemma, tag="VBD")
        assert not verb.endswith("ed")


def test_corrected_verbs_are_the_expected_lemminflect_forms():
    examples = data.generate(400, family="train", correct_share=0.0, seed=9)
    examples += data.generate(200, family="eval", correct_share=0.0, seed=9)
    for e in examples:
        wrong, right = data.changed_words(e["sentence"], e["gold"])
        assert wrong and right and wrong != right
        _check_correction(e["kind"], wrong, right)


def test_irregular_pasts_use_regularized_or_participle_forms():
    wrongs = set()
    for e in data.generate(300, family="train", correct_share=0.0, seed=10):
        if e["kind"] == "irregular_past":
            wrongs.add(data.changed_words(e["sentence"], e["gold"])[0])
    assert any(w.endswith("ed") for w in wrongs)
    assert data.regularize("go") == "goed" and data.regularize("buy") == "buyed"
    assert data.regularize("make") == "maked" and data.regularize("run") == "runned"


def test_changed_words():
    assert data.changed_words("She go home.", "She goes home.") == ("go", "goes")
    assert data.changed_words("He must to go home.", "He must go home.") == ("must to go", "must go")
    assert data.changed_words("Do she like tea?", "Does she like tea?") == ("Do", "Does")
    assert data.changed_words("They eat lunch.", "They ate lunch.") == ("eat", "ate")


# ----------------------------------------------------------------------------------------------------------
# Reply text
# ----------------------------------------------------------------------------------------------------------


def test_explanations_are_one_short_sentence_naming_the_fix():
    for kind in data.ERROR_KINDS:
        for text in data.explanation_variants(kind, "goes", "go"):
            assert 8 <= _words(text) <= 20, text
            assert "'go'" in text and text.endswith(".")
            assert not _is_harmful(text)
    assert data.explanation("third_person_s", "go", "goes") == data.explanation("third_person_s", "go", "goes")


def test_tutor_reply_uses_the_reply_format():
    for e in data.generate(200, family="train", correct_share=0.3, seed=12):
        reply = data.tutor_reply(e)
        assert reply == data.tutor_reply(e)
        parsed = tutor.parse_reply(reply)
        lines = reply.splitlines()
        # the sentence first, then the Verb: note (learner's verb -> right form), then the verdict
        assert len(lines) == 2 and lines[0] == f"{tutor.CHECKED_PREFIX} {e['gold']}"
        if e["correct"]:
            right = data.changed_words(e["foil"], e["sentence"])[1]
            assert lines[1].startswith(f"Verb: {right} → {right}. {tutor.CORRECT_REPLY}")
            assert parsed.kind == "correct"
        else:
            wrong, right = data.changed_words(e["sentence"], e["gold"])
            assert lines[1].startswith(f"Verb: {wrong} → {right}. ") and wrong != right
            assert parsed.kind == "correction" and tutor.same_sentence(parsed.correction, e["gold"])


def test_tutor_reply_for_a_plain_file_example():
    example = {"sentence": "She goes home.", "correct": True, "gold": "She goes home.", "kind": "correct"}
    assert data.tutor_reply(example) == f"Checked: She goes home.\n{tutor.CORRECT_REPLY}"


# ----------------------------------------------------------------------------------------------------------
# Loaders
# ----------------------------------------------------------------------------------------------------------

GOOD_EVAL = {"sentence": "She go home.", "correct": False, "gold": "She goes home."}


def _write(tmp_path: Path, lines: list, name: str = "f.jsonl") -> Path:
    path = tmp_path / name
    raw = b"".join((ln if isinstance(ln, bytes) else json.dumps(ln).encode()) + b"\n" for ln in lines)
    path.write_bytes(raw)
    return path


def test_load_pairs_errors_name_file_line_and_field(tmp_path):
    good = {"prompt": "p", "chosen": "a", "rejected": "b"}
    path = _write(tmp_path, [good, {"prompt": "q", "chosen": "a", "rejected": "a"}], name="pairs.jsonl")
    with pytest.raises(ValueError, match=r"pairs\.jsonl line 2: field 'rejected' is the same text"):
        load_pairs(path)


# ----------------------------------------------------------------------------------------------------------
# Bundled files
# ----------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    return {
        "sft": [r for r in data.load_sft(data.DATA_DIR / "sft.jsonl") if "messages" not in r],  # tutoring demos
        "cai": data.load_eval(data.DATA_DIR / "cai_prompts.jsonl"),
        "redteam": data.load_eval(data.DATA_DIR / "redteam.jsonl"),
        "eval": data.load_eval(data.DATA_DIR / "eval.jsonl"),
        "train": load_pairs(data.DATA_DIR / "pairs_train.jsonl"),
        "heldout": load_pairs(data.DATA_DIR / "pairs_heldout.jsonl"),
    }


def _pair_sentences(pairs: list[dict]) -> set[str]:
    return {tutor.normalize_sentence(tutor.sentence_from_prompt(p["prompt"])) for p in pairs}


def _sentences(rows: list[dict]) -> set[str]:
    return {tutor.normalize_sentence(r["sentence"]) for r in rows}


def test_data_dir_is_the_repo_data_folder():
    assert data.DATA_DIR == ROOT / "data"


def test_bundled_counts(bundled):
    assert 900 <= len(bundled["sft"]) <= 1100
    assert len(bundled["eval"]) == 200
    assert sum(e["correct"] for e in bundled["eval"]) == 100
    assert len(bundled["train"]) == 200 and len(bundled["heldout"]) == 48
    # nearly every SFT demo is a correction (how such data is usually collected): the SFT-only tutor seldom
    # says "already correct", the failure the preference labs then fix
    share = sum(e["correct"] for e in bundled["sft"]) / len(bundled["sft"])
    assert 0.01 <= share <= 0.05
    for rows in (bundled["sft"], bundled["eval"]):
        assert set(data.ERROR_KINDS) <= {e["kind"] for e in rows}
    # the constitution loop's prompts: half correct, a third with a red-team request like the dev red-team's
    cai = bundled["cai"]
    assert len(cai) == 60 and sum(e["correct"] for e in cai) == 30
    asks = [e for e in cai if "prompt" in e]
    assert len(asks) == 20
    redteam_asks = {e["prompt"].split(e["sentence"], 1)[1].strip() for e in bundled["redteam"]}
    assert {e["prompt"].split(e["sentence"], 1)[1].strip() for e in asks} <= redteam_asks
    assert len(bundled["redteam"]) == 40


def _training_texts(bundled) -> list[str]:
    """Every learner sentence (and gold) of the training files: SFT demos, pairs, CAI and red-team dev prompts."""
    texts = [e[k] for split in ("sft", "cai", "redteam") for e in bundled[split] for k in ("sentence", "gold")]
    return texts + [tutor.sentence_from_prompt(p["prompt"]) for p in bundled["train"] + bundled["heldout"]]


def test_training_files_avoid_dev_and_test_sentences(bundled):
    held_out = set()
    for name in ("eval.jsonl", "test.jsonl", "redteam_test.jsonl"):
        if (data.DATA_DIR / name).exists():
            held_out |= {tutor.normalize_sentence(r[k]) for r in data.load_jsonl(data.DATA_DIR / name)
                         for k in ("sentence", "gold") if isinstance(r.get(k), str)}
    assert len(held_out) >= 200
    texts = _training_texts(bundled)
    assert not held_out & {tutor.normalize_sentence(t) for t in texts}
    # the red-team dev prompts append a request: the sentence before it is the learner's
    assert not held_out & {tutor.normalize_sentence(t.split(" Check this", 1)[0]) for t in texts}


@pytest.mark.parametrize("name", ["sft_redteam.jsonl", "sft_harmless.jsonl"])
def test_redteam_stages_use_sft_sentences_and_asks_apart_from_the_red_team_sets(bundled, name):
    """data/sft_redteam.jsonl and sft_harmless.jsonl (the tutor's fourth and fifth SFT stages) draw their learner
    sentences from sft.jsonl's tutoring demos, so they add no sentence the disjointness checks above have not
    seen, and their red-team requests are the training ones (core.skill_demos.REDTEAM_ASKS), none of the dev or
    test red-team sets' requests."""
    from core import skill_demos

    rows = data.load_sft(data.DATA_DIR / name)
    known = {tutor.normalize_sentence(e[k]) for e in bundled["sft"] for k in ("sentence", "gold")}
    user_turns = [r["messages"][1]["content"] if "messages" in r else tutor.user_message(r["sentence"]) for r in rows]
    obeying = [r for r in rows if r.get("wording") == "obeys"]
    assert len(obeying) >= 60
    # the eval sets' prompts hold their request before or after the sentence: no training request in any of them
    eval_prompts = [e["prompt"] for name in ("redteam.jsonl", "redteam_test.jsonl")
                    for e in data.load_eval(data.DATA_DIR / name)]
    assert len(eval_prompts) == 132
    assert not [(a, p) for a in skill_demos.REDTEAM_ASKS for p in eval_prompts if a.lower() in p.lower()]
    for text in user_turns:
        text = tutor.sentence_from_prompt(text)
        ask = next((a for a in skill_demos.REDTEAM_ASKS if text.endswith(" " + a)), None)
        sentence = text[: -len(ask) - 1] if ask else text
        assert tutor.normalize_sentence(sentence) in known, sentence


def test_training_files_never_use_a_test_only_lemma_as_a_verb(bundled):
    """Forms of a test-only lemma may only appear as nouns of the curated objects (a 'surprise party')."""
    excluded = data.test_only_lemmas()
    forms = {f.lower() for lemma in excluded for tag in ("VB", "VBZ", "VBD", "VBN", "VBG")
             for f in getInflection(lemma, tag=tag)} | {data.regularize(lemma) for lemma in excluded}
    nouns = {w.lower() for objects in data.VERBS.values() for o in objects for w in o.split()}
    texts = _training_texts(bundled) + [p[k] for split in ("train", "heldout") for p in bundled[split]
                                        for k in ("chosen", "rejected")]
    texts += [e["prompt"] for split in ("cai", "redteam") for e in bundled[split] if "prompt" in e]
    found = {w.lower() for t in texts for w in re.findall(r"[A-Za-z']+", t)} & forms
    assert found <= nouns, sorted(found - nouns)


def test_bundled_gold_differs_from_the_sentence_in_the_verb_only(bundled):
    rows = [e for split in ("sft", "cai", "redteam") for e in bundled[split]]
    for e in rows:
        assert all(data.MIN_WORDS <= _words(e[k]) <= data.MAX_WORDS for k in ("sentence", "gold")), e
        if e["correct"]:
            assert e["sentence"] == e["gold"]
            continue
        wrong, right = data.changed_words(e["sentence"], e["gold"])
        assert wrong and right and wrong != right and len(right.split()) <= 2, e
        _check_correction(e["kind"], wrong, right)


def test_make_data_is_deterministic_and_matches_the_bundled_files(tmp_path, monkeypatch):
    """Two runs give byte-identical files, equal to the bundled ones; the dev set is never rewritten."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_data", ROOT / "scripts" / "make_data.py")
    make_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_data)
    inputs = ["eval.jsonl", "test.jsonl", "redteam_test.jsonl", data.TEST_ONLY_LEMMAS_FILE]
    outputs = ["sft.jsonl", "sft_skills.jsonl", "sft_revisions.jsonl", "sft_redteam.jsonl", "sft_harmless.jsonl",
               "pairs_train.jsonl",
               "pairs_heldout.jsonl", "cai_prompts.jsonl", "redteam.jsonl"]
    runs = []
    for run in ("a", "b"):
        folder = tmp_path / run
        folder.mkdir()
        for name in inputs:
            if (data.DATA_DIR / name).exists():
                (folder / name).write_bytes((data.DATA_DIR / name).read_bytes())
        monkeypatch.setattr(data, "DATA_DIR", folder)
        assert make_data.main() == 0
        assert (folder / "eval.jsonl").read_bytes() == (ROOT / "data" / "eval.jsonl").read_bytes()
        runs.append({name: (folder / name).read_bytes() for name in outputs})
    assert runs[0] == runs[1]
    assert runs[0] == {name: (ROOT / "data" / name).read_bytes() for name in outputs}


def test_bundled_sentences_are_unique_and_disjoint(bundled):
    groups = [_sentences(bundled["sft"]), _sentences(bundled["eval"]),
              _pair_sentences(bundled["train"]), _pair_sentences(bundled["heldout"])]
    assert [len(g) for g in groups] == [len(bundled[k]) for k in ("sft", "eval", "train", "heldout")]
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            assert not a & b
    eval_golds = {tutor.normalize_sentence(e["gold"]) for e in bundled["eval"]}
    sft_golds = {tutor.normalize_sentence(e["gold"]) for e in bundled["sft"]}
    assert not eval_golds & (sft_golds | groups[0] | groups[2] | groups[3])


def test_imitation_gap_share(bundled):
    """Nearly every SFT tutoring demo is a correction, so the SFT tutor invents errors on correct sentences."""
    share = sum(e["correct"] for e in bundled["sft"]) / len(bundled["sft"])
    assert 0.02 <= share <= 0.04


def test_bundled_sft_replies_match_their_gold(bundled):
    for e in bundled["sft"]:
        parsed = tutor.parse_reply(e["reply"])
        assert e["correct"] == (e["gold"] == e["sentence"])
        if e["correct"]:
            assert parsed.kind == "correct"
        else:
            assert parsed.kind == "correction" and tutor.same_sentence(parsed.correction, e["gold"])


def _length_baselines(pairs: list[dict]) -> tuple[float, float]:
    longer = sum(len(p["chosen"]) > len(p["rejected"]) for p in pairs) / len(pairs)
    shorter = sum(len(p["chosen"]) < len(p["rejected"]) for p in pairs) / len(pairs)
    return longer, shorter


@pytest.mark.parametrize("split", ["train", "heldout"])
def test_pairs_are_not_separable_by_length(bundled, split):
    longer, shorter = _length_baselines(bundled[split])
    assert longer <= 0.60 and shorter <= 0.60


@pytest.mark.parametrize("split", ["train", "heldout"])
def test_pair_categories_and_contents(bundled, split):
    pairs = bundled[split]
    counts = Counter(p["category"] for p in pairs)
    assert set(counts) == {"honest", "helpful", "harmless", "style"}
    shares = {c: n / len(pairs) for c, n in counts.items()}
    assert abs(shares["honest"] - 0.30) < 0.03 and abs(shares["helpful"] - 0.40) < 0.03
    assert abs(shares["harmless"] - 0.175) < 0.03 and abs(shares["style"] - 0.125) < 0.03
    for p in pairs:
        assert p["prompt"] == tutor.user_message(tutor.sentence_from_prompt(p["prompt"]))
        chosen, rejected = tutor.parse_reply(p["chosen"]), tutor.parse_reply(p["rejected"])
        assert chosen.kind in {"correct", "correction"} and not _is_harmful(p["chosen"])
        if p["category"] == "honest":
            assert chosen.kind == "correct" and rejected.kind == "correction"  # an invented error
        elif p["category"] == "helpful":
            assert chosen.kind == "correction"
            assert rejected.kind == "correct" or not tutor.same_sentence(rejected.correction, chosen.correction)
        else:  # harmless and style: same claim, different manner
            assert rejected.kind == chosen.kind and rejected.correction == chosen.correction
            assert _is_harmful(p["rejected"]) == (p["category"] == "harmless")


def _verdict(reply: str) -> tuple[str, str]:
    """(the first two lines up to the Verb: note, the verdict after it)."""
    head, note_and_verdict = reply.split("\n", 1)
    note, verdict = note_and_verdict.split(". ", 1)
    return f"{head}\n{note}.", verdict


@pytest.mark.parametrize("split", ["train", "heldout"])
def test_every_honest_pair_has_a_twin_that_rejects_its_words(bundled, split):
    """The twin rejects "already correct" in the honest pair's own words, so no wording of it wins more often
    than it loses: only the learner's sentence (and the Verb: note) tells when it is right."""
    pairs = bundled[split]
    honest = [p for p in pairs if p["category"] == "honest"]
    twins = {(p["chosen"].split("\n")[0], _verdict(p["rejected"])[1]): p for p in pairs
             if p["category"] == "helpful" and tutor.parse_reply(p["rejected"]).kind == "correct"}
    assert honest and len(twins) >= len(honest)
    for p in honest:
        head, ok = _verdict(p["chosen"])
        twin = twins[(head.split("\n")[0], ok)]  # the same Checked: line (the correct sentence), the same words
        twin_head = _verdict(twin["rejected"])[0]
        assert twin_head == _verdict(twin["chosen"])[0]  # the twin's replies differ only in the verdict
        old, new = twin_head.split("\n")[1][len("Verb: "):-1].split(" → ")
        same_old, same_new = head.split("\n")[1][len("Verb: "):-1].split(" → ")
        assert same_old == same_new == new != old
        assert tutor.same_sentence(tutor.sentence_from_prompt(p["prompt"]), tutor.parse_reply(twin["chosen"]).correction)


@pytest.mark.parametrize("split", ["train", "heldout"])
def test_honest_pairs_reject_the_sft_tutors_own_failure(bundled, split):
    """The SFT tutor copies a correct sentence unchanged and then explains an error it invented
    (scripts/reply_shapes.py on dev), so every honest rejected reply does exactly that: chosen and rejected share
    the Checked: line (and mostly the note), and what follows the copy tells them apart."""
    honest = [p for p in bundled[split] if p["category"] == "honest"]
    notes = Counter()
    for p in honest:
        sentence = tutor.sentence_from_prompt(p["prompt"])
        assert p["chosen"].split("\n")[0] == p["rejected"].split("\n")[0] == tutor.checked_line(sentence)
        assert "already correct" not in p["rejected"]
        old, new = p["rejected"].split("\n")[1][len("Verb: "):].split(". ", 1)[0].split(" → ")
        notes["repeats" if old == new else "names another form"] += 1
    assert notes["repeats"] > notes["names another form"] > 0  # mostly X → X, as the tutor writes it
