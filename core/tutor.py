"""The grammar-tutor task: how a sentence becomes a chat prompt, what a reply looks like, how to parse one.

Reply format (the eval parses it):

* a sentence with a verb error: first line ``Correction: <corrected sentence>``, then a short explanation;
* a correct sentence: ``This sentence is already correct.`` (optionally followed by a short remark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SYSTEM_PROMPT = "You are a grammar tutor. Check the verbs in the learner's sentence."
CORRECT_REPLY = "This sentence is already correct."
CORRECTION_PREFIX = "Correction:"


def user_message(sentence: str) -> str:
    """The user turn for one sentence; the same text is the ``prompt`` of preference pairs."""
    return f"Check this sentence: {sentence.strip()}"


def sentence_from_prompt(prompt: str) -> str:
    """Inverse of :func:`user_message` (returns the prompt unchanged if it is not in that form)."""
    prefix = "Check this sentence: "
    return prompt[len(prefix):] if prompt.startswith(prefix) else prompt


def messages(sentence: str) -> list[dict[str, str]]:
    """Chat messages for one sentence (system + user), ready for ``apply_chat_template``."""
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": user_message(sentence)},
    ]


def prompt_messages(prompt: str) -> list[dict[str, str]]:
    """Chat messages for a free-form user prompt (preference pairs store the user text)."""
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": prompt}]


def correction_reply(corrected: str, explanation: str) -> str:
    return f"{CORRECTION_PREFIX} {corrected.strip()}\n{explanation.strip()}"


def correct_reply(remark: str = "") -> str:
    return f"{CORRECT_REPLY} {remark.strip()}".strip()


@dataclass(frozen=True)
class ParsedReply:
    kind: str  # "correction" | "correct" | "unparsed"
    correction: str | None = None


_CORRECTION_RE = re.compile(r"^[ \t]*correction[ \t]*:[ \t]*(\S.*?)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_CORRECT_RE = re.compile(r"\balready correct\b", re.IGNORECASE)


def parse_reply(reply: str) -> ParsedReply:
    """Read what a reply claims: a correction (and its sentence), "already correct", or neither.

    A ``Correction:`` line wins when both appear, because the eval scores the first line's claim; but a reply
    whose first non-empty line says the sentence is already correct counts as "correct".
    """
    text = reply.strip()
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if _CORRECT_RE.search(first):
        return ParsedReply("correct")
    m = _CORRECTION_RE.search(text)
    if m:
        return ParsedReply("correction", m.group(1))
    if _CORRECT_RE.search(text):
        return ParsedReply("correct")
    return ParsedReply("unparsed")


def normalize_sentence(s: str) -> str:
    """Compare sentences ignoring the case of the first letter, spacing and final punctuation."""
    s = " ".join(s.strip().split())
    s = s.strip("\"'“”‘’`")
    s = re.sub(r"[.!?;:,\s]+$", "", s)
    s = re.sub(r"\s+([,.;:!?])", r"\1", s)
    return s[:1].lower() + s[1:]


def same_sentence(a: str, b: str) -> bool:
    return normalize_sentence(a) == normalize_sentence(b)
