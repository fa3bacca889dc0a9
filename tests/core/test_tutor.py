"""Tests for core.tutor: the prompt, the reply format and how replies are parsed and compared."""

from __future__ import annotations

import pytest

from core import tutor


def test_user_message_round_trip():
    prompt = tutor.user_message("  She go home.  ")
    assert prompt == "Check this sentence: She go home."
    assert tutor.sentence_from_prompt(prompt) == "She go home."
    assert tutor.sentence_from_prompt("free text") == "free text"


def test_messages_are_system_then_user():
    msgs = tutor.messages("She go home.")
    assert [m["role"] for m in msgs] == ["system", "user"]
    assert msgs[0]["content"] == tutor.SYSTEM_PROMPT
    assert msgs[1]["content"] == tutor.user_message("She go home.")
    assert tutor.prompt_messages("hi")[1] == {"role": "user", "content": "hi"}


def test_reply_builders():
    assert tutor.correction_reply(" She goes home. ", " Use -s. ") == "Checked: She goes home.\nUse -s."
    assert tutor.CORRECT_REPLY == "This sentence is already correct."
    assert tutor.correct_reply("She goes home.") == "Checked: She goes home.\nThis sentence is already correct."
    assert tutor.correct_reply(" She goes home.", "  Nice. ") == (
        "Checked: She goes home.\nThis sentence is already correct. Nice.")
    # the Verb: note puts the learner's verb and its right form side by side, before the verdict
    assert tutor.correction_reply("She goes home.", "Use -s.", change=("go", "goes")) == (
        "Checked: She goes home.\nVerb: go → goes. Use -s.")
    assert tutor.correct_reply("She goes home.", change=("goes", "goes")) == (
        "Checked: She goes home.\nVerb: goes → goes. This sentence is already correct.")


@pytest.mark.parametrize(
    ("sentence", "other", "words"),
    [
        ("She go home.", "She goes home.", ("go", "goes")),
        ("I must to go.", "I must go.", ("must to go", "must go")),  # a deletion keeps a word each side
        ("Yesterday we go.", "Yesterday we went.", ("go", "went")),   # no final punctuation
        ("He have gone?", "He has gone?", ("have", "has")),
    ],
)
def test_changed_words(sentence, other, words):
    assert tutor.changed_words(sentence, other) == words


@pytest.mark.parametrize(
    ("reply", "kind", "correction"),
    [
        # the format: the sentence first, the verdict on the next line
        ("Checked: She goes home.\nUse -s.", "correction", "She goes home."),
        ("Checked: She goes home.\nThis sentence is already correct.", "correct", None),
        ("  checked :  She goes home. \n\n  It is ALREADY CORRECT: nice.", "correct", None),
        ("Checked: She goes home.", "correction", "She goes home."),  # no verdict line: it offers a sentence
        ("Checked: She goes home.\nUse -s.\nWith -s it is already correct.", "correction",
         "She goes home."),  # only the verdict line (the one after Checked:) counts
        ("Checked:\nThis sentence is already correct.", "correct", None),
        # the Verb: note sits on the verdict line
        ("Checked: She goes home.\nVerb: go → goes. Use -s.", "correction", "She goes home."),
        ("Checked: She goes home.\nVerb: goes → goes. This sentence is already correct.", "correct", None),
        ("Checked: She goes home.\nVerb: go → goes. This sentence is already correct.", "correct", None),
        # the earlier format is still read
        ("Correction: She goes home.\nUse -s.", "correction", "She goes home."),
        ("  correction :   She goes home.   \n\nUse -s.", "correction", "She goes home."),
        ("CORRECTION: she goes home", "correction", "she goes home"),
        ("This sentence is already correct.", "correct", None),
        ("This sentence is already correct. The verb agrees.", "correct", None),
        ("\n  The sentence is ALREADY CORRECT!", "correct", None),
        # both claims: the first line decides
        ("This sentence is already correct.\nCorrection: She go home.", "correct", None),
        ("Correction: She goes home.\nThis sentence is already correct.", "correction", "She goes home."),
        # a correction further down still counts when the first line claims nothing
        ("Let me see.\nCorrection: She goes home.", "correction", "She goes home."),
        ("", "unparsed", None),
        ("   \n  ", "unparsed", None),
        ("Correction:", "unparsed", None),
        ("Correction:    ", "unparsed", None),
        ("She goes home.", "unparsed", None),
        ("It is correctly written.", "unparsed", None),
    ],
)
def test_parse_reply(reply, kind, correction):
    parsed = tutor.parse_reply(reply)
    assert parsed.kind == kind
    assert parsed.correction == correction


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("She goes home.", "she goes home"),
        ("  She   goes \t home .  ", "she goes home"),
        ("she goes home!?", "she goes home"),
        ('"She goes home."', "she goes home"),
        ("Does she like tea?", "does she like tea"),
        ("On Fridays , we swim.", "on Fridays, we swim"),
        ("I am here.", "i am here"),
        ("", ""),
    ],
)
def test_normalize_sentence(raw, normalized):
    assert tutor.normalize_sentence(raw) == normalized


def test_normalize_keeps_case_after_the_first_letter():
    assert tutor.normalize_sentence("Tom and Ana play.") == "tom and Ana play"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("She goes home.", "she goes home", True),
        ("She goes home.", "  She  goes home!  ", True),
        ("She goes home.", "She go home.", False),
        ("She goes home.", "He goes home.", False),
        ("She goes to school.", "She goes to School.", False),
        ("They don't know.", "They don't know", True),
    ],
)
def test_same_sentence(a, b, same):
    assert tutor.same_sentence(a, b) is same
    assert tutor.same_sentence(b, a) is same
