"""RLAIF: the model as an annotator. For a preference pair and a principle the judge model is asked which reply
follows the principle better, as a multiple-choice question answered by comparing the probabilities of the two
option letters (no free text to parse), asked in both orders to cancel position bias.

The question's wording is defined once here (:func:`comparison_messages`): the SFT demos that teach the tutor
this skill (``scripts/make_data.py``) and the annotator at run time both use it.
"""

from __future__ import annotations

from core import tutor

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
