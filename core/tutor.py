"""The grammar-tutor task: how a sentence becomes a chat prompt, what a reply looks like, how to parse one.

Reply format (the eval parses it). The tutor first writes the sentence as it should be, then names the verb
it looked at, as the learner wrote it and as it should be, and only then gives its verdict:

* a sentence with a verb error::

      Checked: On Fridays, my parents watch TV.
      Verb: watches → watch. The subject is plural, so the verb has no -s.

* a correct sentence::

      Checked: Two days ago, the teacher drove to work.
      Verb: drove → drove. This sentence is already correct.

Why this shape: a 135M model cannot tell a correct sentence from a wrong one *before* it writes anything,
but it writes the verb's right form well, word by word. The ``Verb:`` note puts the learner's verb and the
right form side by side, so the verdict only has to see whether the two words are the same. Measured on the
eval set, the tutor's preference for "already correct" carried no signal about whether the sentence was
correct when the verdict came first (AUC 0.46, ``Correction:`` vs ``This sentence is already correct.``) or
right after an unmarked sentence (0.49), and little after a star on the changed word (0.60); DPO then only
changed how often the tutor said "already correct" to every sentence alike (see data/README.md).

Replies in the earlier forms (a ``Correction: <sentence>`` line; a first line that says "already correct";
a ``Checked:`` line without a ``Verb:`` note) are still read, so imported pairs and other models' answers
keep their meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SYSTEM_PROMPT = "You are a grammar tutor. Check the verbs in the learner's sentence."
CORRECT_REPLY = "This sentence is already correct."
CHECKED_PREFIX = "Checked:"
CORRECTION_PREFIX = "Correction:"  # the earlier format's label; still parsed


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


ARROW = "→"
VERB_PREFIX = "Verb:"


def changed_span(sentence: str, other: str) -> tuple[int, int, int]:
    """Word indexes ``(start, stop_a, stop_b)``: words ``start:stop_a`` of ``sentence`` became ``start:stop_b``
    of ``other``. A pure insertion or deletion is widened by one word on each side so neither side is empty."""
    a, b = sentence.split(), other.split()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    if start == len(a) - end or start == len(b) - end:
        start, end = max(start - 1, 0), max(end - 1, 0)
    return start, len(a) - end, len(b) - end


def changed_words(sentence: str, other: str) -> tuple[str, str]:
    """The words that differ between two sentences, without final punctuation: ("go", "goes")."""
    start, stop_a, stop_b = changed_span(sentence, other)
    old, new = sentence.split()[start:stop_a], other.split()[start:stop_b]
    return " ".join(old).strip(".,!?"), " ".join(new).strip(".,!?")


def verb_note(change: tuple[str, str]) -> str:
    """``Verb: watches → watch.``: the learner's verb and its right form (the same word when it is right)."""
    return f"{VERB_PREFIX} {change[0]} {ARROW} {change[1]}."


def checked_line(sentence: str) -> str:
    return f"{CHECKED_PREFIX} {sentence.strip()}"


def correction_reply(corrected: str, explanation: str, change: tuple[str, str] | None = None) -> str:
    """A correction; ``change`` (learner's verb, right form) adds the ``Verb:`` note before the explanation."""
    verdict = f"{verb_note(change)} {explanation.strip()}" if change else explanation.strip()
    return f"{checked_line(corrected)}\n{verdict}".rstrip()


def correct_reply(sentence: str, remark: str = "", change: tuple[str, str] | None = None) -> str:
    """"Already correct"; ``change`` is normally (verb, verb): the verb checked and found right."""
    verdict = f"{CORRECT_REPLY} {remark.strip()}".rstrip()
    if change:
        verdict = f"{verb_note(change)} {verdict}"
    return f"{checked_line(sentence)}\n{verdict}"


@dataclass(frozen=True)
class ParsedReply:
    kind: str  # "correction" | "correct" | "unparsed"
    correction: str | None = None


_LABEL_RE = re.compile(r"^[ \t]*(checked|correction)[ \t]*:[ \t]*(\S.*?)[ \t]*$", re.IGNORECASE)
_CORRECT_RE = re.compile(r"\balready correct\b", re.IGNORECASE)


def parse_reply(reply: str) -> ParsedReply:
    """Read what a reply claims: a correction (and its sentence), "already correct", or neither.

    * A first non-empty line that says "already correct" -> "correct".
    * The first ``Checked: <sentence>`` line -> "correct" if the next non-empty line says "already correct",
      otherwise "correction" with that sentence (a tutor that copies a correct sentence and then
      explains an error it invented is making a correction: the false alarm the labs measure).
    * The first ``Correction: <sentence>`` line (the earlier format) -> "correction" with that sentence.
    * Otherwise "already correct" anywhere -> "correct", else "unparsed".
    """
    lines = [ln for ln in reply.strip().splitlines() if ln.strip()]
    if lines and _CORRECT_RE.search(lines[0]):
        return ParsedReply("correct")
    for i, line in enumerate(lines):
        m = _LABEL_RE.match(line)
        if not m:
            continue
        verdict = lines[i + 1] if i + 1 < len(lines) else ""
        if m.group(1).lower() == "checked" and _CORRECT_RE.search(verdict):
            return ParsedReply("correct")
        return ParsedReply("correction", m.group(2))
    if any(_CORRECT_RE.search(ln) for ln in lines):
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


_VERB_NOTE_RE = re.compile(r"^[ \t]*verb[ \t]*:[ \t]*(.+?)[ \t]*(?:→|->)[ \t]*(.+?)[ \t]*\.", re.IGNORECASE | re.MULTILINE)


def note_words(reply: str) -> tuple[str, str] | None:
    """The two words of a reply's first ``Verb: old → new.`` note, or None when it has none."""
    note = _VERB_NOTE_RE.search(reply)
    return (note.group(1).strip(), note.group(2).strip()) if note else None


def invented_error(sentence: str, reply: str) -> bool:
    """Whether a reply explains an error that its own correction does not make: it is a correction (not
    "already correct") whose ``Checked:`` sentence is the learner's sentence unchanged, or whose ``Verb:`` note
    names the same word twice (``Verb: drove → drove.`` followed by a rule). The classic failure of a tutor
    trained only by imitation."""
    parsed = parse_reply(reply)
    if parsed.kind != "correction":
        return False
    if same_sentence(parsed.correction or "", sentence):
        return True
    words = note_words(reply)
    return words is not None and words[0].lower() == words[1].lower()
