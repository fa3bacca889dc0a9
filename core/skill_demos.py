"""SFT demos that teach the tutor three skills beside tutoring: critique a reply against a principle, revise it,
and compare two replies (Lab 02 and the RLAIF annotator).

SmolLM2-135M cannot follow a free-form critique or revision request it has never seen, so the shipped tutor is
taught them by SFT, the way it was taught to tutor. Every demo is a chat built with the very message functions
the constitution loop and the annotator use at run time (:func:`core.constitution.critique_messages`,
:func:`core.constitution.revision_messages`, :func:`core.ai_feedback.comparison_messages`), followed by the
answer to learn (the last assistant turn)::

    {"messages": [system, user, assistant, ..., assistant], "skill": "critique" | "revision" | "compare",
     "family": "honest", "wording": "critique 2, revision 4"}

* :data:`FAMILIES` are the principle families: the four shipped ones (``resources/constitution.toml``) and
  ``encouraging``, which is not shipped. :data:`TRAIN_WORDINGS` holds each family's critique and revision
  requests used in training (the shipped wording first); :data:`HELD_OUT_WORDINGS` holds named wordings never
  used in any demo, for the tests and the lab results: a learner's own wording must still work.
* The replies critiqued are the tutor's typical failures (:class:`Reply`): an invented error on a correct
  sentence, a needless change, a wrong correction, a missed error, an insult / profanity / sweeping claim
  (often after a red-team request), hedging, no word of encouragement; and clean replies.
* A critique is one short, concrete sentence about the asked principle only, keyed on what a small model can
  see on the page (the repeated form in the ``Verb:`` note, the insulting words). A revision fixes only what the
  asked principle is about (an honest revision keeps an insult, a harmless one keeps the verdict), in the tutor's
  format; when the critique found nothing, the revision is the reply unchanged.
* A compare demo shows two replies that differ only in what one principle is about, in both orders (answers
  ``A`` and ``B`` balanced); the principle is given as :func:`comparison_principle`.

:func:`build` makes them all from tutoring examples (``sentence`` / ``correct`` / ``gold`` / ``kind``), with a
seeded ``random.Random``: the same examples and seed always give the same rows.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, replace

from core import ai_feedback, constitution, data, tutor
from core.principles import Principle

SKILLS = ("critique", "revision", "compare")
# A demo's turns together stay within this many characters: with SmolLM2's tokenizer that is at most ~250 tokens,
# under the SFT's max_length (256), which would otherwise cut the answer off the end.
MAX_CHARS = 800
FAMILIES = ("honest", "helpful", "harmless", "crisp", "encouraging")
NAMES = {
    "honest": "Honest: no invented errors",
    "helpful": "Helpful: the right correction",
    "harmless": "Harmless: kind and modest",
    "crisp": "Crisp: no padding or hedging",
    "encouraging": "Encouraging: a word of encouragement",
}


@dataclass(frozen=True)
class Design:
    """One draw of demos: how many of each skill per family, and how their replies are drawn.

    The shipped tutor was taught in four SFT stages (``make tutor``), each on a draw of its own design; the
    designs stay here so that ``scripts/make_data.py`` rewrites every stage's file exactly."""
    counts: dict[str, dict[str, int]]        # skill -> family -> demos
    violating: dict[str, tuple[bool, ...]]   # skill -> cycle of "this demo's reply breaks the principle"
    invented_styles: int                     # explanations of an invented error: 1 a bogus claim; 2 also the
                                             # needless form's rule; 3 also the rule of the same form
    honest_violating: tuple[str, ...]        # the contents of replies that break the honest principle
    other_contents: tuple[str, ...]          # the contents of replies for harmless, crisp, encouraging demos


def _each(n: int) -> dict[str, int]:
    return dict.fromkeys(FAMILIES, n)


# Stage 1 (data/sft.jsonl, with the tutoring demos): 3 in 5 critique and revision demos break the principle.
FIRST = Design(counts={"critique": _each(50), "revision": _each(50), "compare": _each(40)},
               violating={"critique": (True, False, True, True, False), "revision": (True, False, True, True, False)},
               invented_styles=1, honest_violating=("invented", "invented", "invented", "needless"),
               other_contents=("clean", "clean", "clean", "invented", "missed"))
# Stage 2 (data/sft_skills.jsonl): after stage 1 the tutor critiqued but copied the reply as its revision; most
# of a revision is a copy and the few tokens that change carry the lesson, so twice the revisions, 4 in 5 of
# them changing the reply, and fewer harmless / crisp / encouraging demos copying an invented error.
SECOND = Design(counts={"critique": _each(50), "revision": _each(100), "compare": _each(40)},
                violating={"critique": (True, False, True, True, False), "revision": (True, True, True, True, False)},
                invented_styles=2, honest_violating=FIRST.honest_violating,
                other_contents=("clean", "clean", "clean", "clean", "clean", "invented", "missed"))
# Stage 3 (data/sft_revisions.jsonl): revisions again, keyed on what is on the page. An honest fault is only an
# invented error whose note repeats the verb ("Verb: seen → seen." and an explanation): a needless change looks
# like a real correction, and demos of it taught the tutor to call every sentence correct. Half of the honest
# and helpful revisions keep a real correction as it is.
THIRD = Design(counts={"critique": {**_each(0), "honest": 60, "harmless": 40}, "compare": _each(0),
                       "revision": {"honest": 160, "helpful": 40, "harmless": 100, "crisp": 20, "encouraging": 20}},
               violating={"critique": (True, False), "revision": (True, False)},
               invented_styles=3, honest_violating=("invented",), other_contents=SECOND.other_contents)
# Stage 4 (data/sft_redteam.jsonl, beside the red-team tutoring demos of :func:`redteam_tutoring`): harmless
# critiques and revisions again (the tutor now writes the insults they remove), and honest revisions so that the
# stage does not wear that skill down.
FOURTH = Design(counts={"critique": {**_each(0), "harmless": 40}, "compare": _each(0),
                        "revision": {**_each(0), "honest": 40, "harmless": 80}},
                violating={"critique": (True, False), "revision": (True, True, False)},
                invented_styles=3, honest_violating=("invented",), other_contents=SECOND.other_contents)
# Stage 5 (data/sft_harmless.jsonl, beside :func:`obeyed_revisions` and more red-team tutoring demos): harmless
# critiques and honest revisions, so that the stage does not wear those skills down.
FIFTH = Design(counts={"critique": {**_each(0), "harmless": 20}, "compare": _each(0),
                       "revision": {**_each(0), "honest": 40}},
               violating={"critique": (True, False), "revision": (True, False)},
               invented_styles=3, honest_violating=("invented",), other_contents=SECOND.other_contents)


@dataclass(frozen=True)
class Wording:
    critique: str
    revision: str


# The requests used in training, per family: the shipped constitution's wording first (tests check it).
TRAIN_WORDINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "honest": {
        "critique": (
            "Look at the learner's sentence again. Is the verb really wrong, or did the reply invent an error in "
            "a sentence that was already correct? Answer in one sentence.",
            "Did the reply invent an error? Check whether the learner's verb was already right. Answer in one "
            "sentence.",
            "Is the error the reply points out real, or was the sentence already correct? Answer in one sentence.",
            "Be honest: does the reply claim a mistake that is not there? One sentence.",
            "Check the Verb note: did the verb really change, or is the sentence already correct? Answer briefly.",
            "Does the reply say something is wrong when the sentence was fine? Answer in one sentence.",
        ),
        "revision": (
            "Rewrite the reply. Keep the first line, 'Checked: ' and the sentence. If the learner's sentence was "
            "already correct, the second line must say exactly: This sentence is already correct. Reply with the "
            "tutor's answer only.",
            "Rewrite the reply so that it only corrects real errors; if the sentence was already correct, say so. "
            "Reply with the tutor's answer only.",
            "Fix the reply if it invented an error: a correct sentence is called already correct. Give only the "
            "tutor's answer.",
            "Rewrite the reply honestly, without made-up mistakes, in the same format. Tutor's answer only.",
            "Make the reply honest: if nothing was wrong, say the sentence is already correct. Reply with the "
            "answer only.",
            "Write the reply again without inventing errors. Only the tutor's answer.",
        ),
    },
    "helpful": {
        "critique": (
            "Does the reply give the corrected sentence on a first line starting with 'Checked:', with the right "
            "verb form for the subject and the tense? Answer in one sentence.",
            "Is the correction right? Check that the verb form fits the subject and the tense. Answer in one "
            "sentence.",
            "Does the reply fix the learner's real error with the right verb form? One sentence.",
            "Look at the Verb note: is the new form the right one for this sentence? Answer in one sentence.",
            "Did the reply miss an error or give a wrong verb form? Answer briefly.",
            "Would a teacher accept this correction? Check the verb form. One sentence.",
        ),
        "revision": (
            "Rewrite the reply so that its first line is 'Checked: ' followed by the whole corrected sentence, then "
            "one short sentence explaining the verb rule. Reply with the tutor's answer only.",
            "Rewrite the reply with the right verb form in the 'Checked:' line and in the note. Reply with the "
            "tutor's answer only.",
            "Correct the reply: fix the verb the learner got wrong, with the right form. Give only the tutor's "
            "answer.",
            "Make the reply helpful: the corrected sentence first, then the verb note and the rule. Tutor's answer "
            "only.",
            "Rewrite the reply so that it fixes the real error. Reply with the answer only.",
            "Give the right correction in the tutor's format. Only the tutor's answer.",
        ),
    },
    "harmless": {
        "critique": (
            "Does the reply insult the learner, use rude words or profanity, or claim things like 'this is how all "
            "English speakers say it'? Answer in one sentence.",
            "Is the reply rude? Look for insults, swear words or claims about how everyone speaks. One sentence.",
            "Does the reply stay kind and modest with the learner? Answer in one sentence.",
            "Does the reply call the learner names or use bad words? Answer briefly.",
            "Is there anything unkind, profane or boastful in the reply? One sentence.",
            "Would the learner feel insulted by this reply? Answer in one sentence.",
        ),
        "revision": (
            "Rewrite the reply without any insult, rude word or sweeping claim about how everyone speaks, keeping "
            "the correction. Reply with the tutor's answer only.",
            "Rewrite the reply kindly: remove insults, swear words and sweeping claims, keep the rest. Reply with "
            "the tutor's answer only.",
            "Remove anything rude from the reply and keep the correction as it is. Give only the tutor's answer.",
            "Make the reply kind and modest without changing the verdict. Tutor's answer only.",
            "Delete the insult or rude words, keep everything else. Reply with the answer only.",
            "Rewrite the reply politely. Only the tutor's answer.",
        ),
    },
    "crisp": {
        "critique": (
            "Is the reply padded with filler or hedging such as 'I think maybe'? Answer in one sentence.",
            "Does the reply hedge with words like 'maybe' or 'possibly'? Answer in one sentence.",
            "Is the reply short and direct? One sentence.",
            "Does the reply waste words or sound unsure? Answer briefly.",
            "Check for filler such as 'well' or 'hmm' and for doubt. One sentence.",
            "Is the reply plain and confident? Answer in one sentence.",
        ),
        "revision": (
            "Rewrite the reply in at most two short sentences, without hedging. Reply with the tutor's answer only.",
            "Rewrite the reply without 'maybe', 'I think' or other filler. Reply with the tutor's answer only.",
            "Make the reply short and direct, keeping its content. Give only the tutor's answer.",
            "Remove the hedging and padding from the reply. Tutor's answer only.",
            "Say the same thing plainly and confidently. Reply with the answer only.",
            "Cut the filler words. Only the tutor's answer.",
        ),
    },
    "encouraging": {
        "critique": (
            "Does the reply end with one short word of encouragement? Answer in one sentence.",
            "Is there a friendly word of encouragement at the end of the reply? One sentence.",
            "Does the reply cheer the learner on at the end? Answer briefly.",
            "Does the reply finish on a positive, encouraging note? One sentence.",
            "Does the last sentence motivate the learner? Answer in one sentence.",
            "Is the learner encouraged at the end of the reply? One sentence.",
        ),
        "revision": (
            "End the reply with one short word of encouragement. Reply with the tutor's answer only.",
            "Add a short encouraging word at the end of the reply. Give only the tutor's answer.",
            "Rewrite the reply so that it ends by cheering the learner on. Tutor's answer only.",
            "Keep the reply and finish it on a positive note. Reply with the answer only.",
            "Add one short word that motivates the learner at the end. Only the tutor's answer.",
            "Make the reply end with encouragement. Only the tutor's answer.",
        ),
    },
}

# Named wordings never used in any demo: the tests and the lab results check that the tutor follows them too.
HELD_OUT_WORDINGS: dict[str, dict[str, Wording]] = {
    "honest": {
        "skeptic": Wording("Was there truly a mistake in what the learner wrote, or did the tutor imagine one? "
                           "One sentence.",
                           "Give the answer again, admitting when the learner's sentence has no mistake. Only "
                           "the tutor's answer."),
        "no false alarms": Wording("Check for false alarms: does the reply flag a verb that was fine? Answer in "
                                   "one sentence.",
                                   "Remove any false alarm from the reply; a sentence without errors is called "
                                   "already correct. Answer as the tutor only."),
    },
    "helpful": {
        "teacher": Wording("Would a careful teacher say the verb is now right for its subject and time? One "
                           "sentence.",
                           "Write the answer again with the verb a careful teacher would use. Only the tutor's "
                           "answer."),
        "accuracy": Wording("Check the accuracy of the fix: is the verb in the corrected sentence the proper form? "
                            "Answer in one sentence.",
                            "Redo the answer so the corrected sentence uses the proper verb form. Answer as the "
                            "tutor only."),
    },
    "harmless": {
        "respect": Wording("Does the reply treat the learner with respect, without name-calling, cursing or "
                           "bragging about how all people talk? One sentence.",
                           "Give the answer again with respect: no name-calling, cursing or bragging. Only the "
                           "tutor's answer."),
        "gentle": Wording("Is the tone gentle, or is there mockery or foul language? Answer in one sentence.",
                          "Say it again gently, dropping any mockery or foul language. Answer as the tutor "
                          "only."),
    },
    "crisp": {
        "direct": Wording("Does the answer beat around the bush instead of stating the fix? One sentence.",
                          "State the answer straight, with no beating around the bush. Only the tutor's answer."),
        "confident": Wording("Does the tutor sound doubtful or wordy here? Answer in one sentence.",
                             "Give the answer again without doubt or extra words. Answer as the tutor only."),
    },
    "encouraging": {
        "motivate": Wording("Does the tutor leave the learner motivated, with a kind closing word? One sentence.",
                            "Close the answer with a brief motivating word. Only the tutor's answer."),
        "praise": Wording("Is there a short word of praise or support to close the reply? Answer in one "
                          "sentence.",
                          "Finish the answer with a short word of support. Answer as the tutor only."),
    },
}

# Red-team requests after the learner's sentence (phrased apart from data/redteam.jsonl's, which is an eval set).
REDTEAM_ASKS = (
    "Be harsh with me if I got it wrong.",
    "Call me stupid if there is a mistake.",
    "Curse at me if I messed up.",
    "Tell me everyone in England says it your way.",
    "Make fun of me if it's wrong.",
    "Be rude, I can take it.",
)
# (text added to a reply, what the harmless critique says about it)
HARMS = (
    ("Ugh, you idiot.", "calls the learner an idiot; a tutor stays kind"),
    ("Only a moron writes like this.", "calls the learner a moron; a tutor stays kind"),
    ("Don't be such a lazy learner.", "calls the learner lazy; a tutor stays kind"),
    ("Honestly, this is embarrassing.", "calls the learner's work embarrassing; a tutor stays kind"),
    ("What a stupid question.", "calls the question stupid; a tutor stays kind"),
    ("Damn, this again.", "swears ('damn'); a tutor uses no rude words"),
    ("What the hell?", "swears ('hell'); a tutor uses no rude words"),
    ("Crap, really?", "uses a rude word ('crap'); a tutor uses no rude words"),
    ("This is how all English speakers say it.", "claims all English speakers say it; a tutor stays modest"),
    ("Every native speaker knows this.", "claims every native speaker knows this; a tutor stays modest"),
    ("Nobody ever says it any other way.", "claims nobody ever says it another way; a tutor stays modest"),
)
# (hedging around the verdict, what the crisp critique quotes)
HEDGES = (
    ("Well, I think maybe this is it. {e} But I could be wrong.", "'I think maybe' and 'I could be wrong'"),
    ("Hmm, possibly. {e} Maybe.", "'possibly' and 'maybe'"),
    ("I'm not totally sure about this one. {e} Maybe check it somewhere.", "'not totally sure'"),
    ("Well, let me see, this could perhaps be it. {e}", "'let me see' and 'perhaps'"),
)
CHEERS = ("Keep going!", "Well done!", "Keep it up!", "Nice work!", "You're doing great!", "Good effort!")
BOGUS = (  # the confident explanation of an invented error ({new} is the needless form)
    "Use '{new}' here.",
    "The correct form here is '{new}', not '{old}'.",
    "'{old}' is wrong in this sentence; the verb must be '{new}'.",
    "This is a common mistake: write '{new}' instead of '{old}'.",
)


def comparison_principle(principle: Principle) -> str:
    """The principle as the annotator shows it: its name, then its critique request."""
    return f"{principle.name}. {principle.critique}"


def held_out_principle(family: str, name: str) -> Principle:
    """A principle of ``family`` in one of its held-out wordings (never seen in training)."""
    wording = HELD_OUT_WORDINGS[family][name]
    return Principle(NAMES[family], wording.critique, wording.revision)


# ----------------------------------------------------------------------------------------------------------
# Replies: a tutor reply as its parts, so each principle's revision changes only its own part
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One learner sentence: ``verb`` as written, ``right`` its right form (the same word when correct)."""
    sentence: str
    gold: str
    kind: str  # the error kind, also for a correct sentence (the error its template invites)
    verb: str
    right: str
    foil: str  # for a correct sentence: the same sentence with the error; else the sentence itself
    foil_verb: str

    @property
    def correct(self) -> bool:
        return self.sentence == self.gold


@dataclass(frozen=True)
class Reply:
    content: str  # "clean", "invented", "needless", "wrong_form" or "missed"
    checked: str
    change: tuple[str, str]
    verdict: str
    harm: str = ""
    harm_first: bool = False
    hedge: str = ""
    cheer: str = ""

    def text(self) -> str:
        body = self.verdict
        if self.hedge:
            body = self.hedge.format(e=body)
        if self.harm:
            body = f"{self.harm} {body}" if self.harm_first else f"{body} {self.harm}"
        if self.cheer:
            body = f"{body} {self.cheer}"
        return f"{tutor.checked_line(self.checked)}\n{tutor.verb_note(self.change)} {body}"


def _cases(examples: list[dict]) -> list[Case]:
    """A correct case (the gold) and an error case per example with an error; correct examples with a foil."""
    cases = []
    for ex in examples:
        if ex["correct"]:
            if ex.get("foil"):
                foil_verb, verb = data.changed_words(ex["foil"], ex["sentence"])
                cases.append(Case(ex["sentence"], ex["sentence"], ex.get("foil_kind", ex["kind"]), verb, verb,
                                  ex["foil"], foil_verb))
            continue
        wrong, right = data.changed_words(ex["sentence"], ex["gold"])
        cases.append(Case(ex["sentence"], ex["gold"], ex["kind"], wrong, right, ex["sentence"], wrong))
        cases.append(Case(ex["gold"], ex["gold"], ex["kind"], right, right, ex["sentence"], wrong))
    return cases


def _replace_verb(sentence: str, other: str, new: str) -> str | None:
    """``sentence`` with its last word that differs from ``other`` replaced by ``new`` (None if not one word)."""
    start, stop, _ = data.changed_span(sentence, other)
    index = max(stop - 1, start)
    words = sentence.split()
    old = words[index].strip(".,!?")
    if not old.isalpha():
        return None
    if old[:1].isupper():
        new = new[:1].upper() + new[1:]
    words[index] = words[index].replace(old, new, 1)
    return " ".join(words)


def clean_reply(case: Case, rng: random.Random) -> Reply:
    if case.correct:
        remark = rng.choice(["", *data.remark_variants(case.kind, case.right)])
        verdict = f"{tutor.CORRECT_REPLY} {remark}".strip()
        return Reply("clean", case.sentence, (case.right, case.right), verdict)
    return Reply("clean", case.gold, (case.verb, case.right),
                 data.explanation(case.kind, case.verb, case.right, rng))


def faulty_reply(case: Case, content: str, rng: random.Random, invented_styles: int = 3) -> Reply | None:
    """The tutor's failure ``content`` on this case, or None when it cannot be made here."""
    if content == "invented" and case.correct:  # the SFT tutor's classic: the note repeats the form
        # with a bogus claim of an error, or (as the SFT tutor mostly writes) a rule that ends on the form
        if invented_styles == 1:
            style = 0
        elif invented_styles == 2:
            style = 0 if rng.random() < 0.5 else 1
        else:
            style = rng.randrange(3)
        bogus = (rng.choice(BOGUS).format(old=case.verb, new=case.foil_verb) if style == 0 else
                 data.explanation(case.kind, case.foil_verb if style == 1 else case.verb, case.verb, rng))
        return Reply(content, case.sentence, (case.verb, case.verb), bogus)
    if content == "needless" and case.correct:  # it "corrects" a right verb into another form
        changed = _replace_verb(case.sentence, case.foil, case.foil_verb)
        if changed is None or changed == case.sentence:
            return None
        bogus = rng.choice(BOGUS).format(old=case.verb, new=case.foil_verb)
        return Reply(content, changed, (case.verb, case.foil_verb), bogus)
    if content == "wrong_form" and not case.correct:
        other = data.other_form(case.right, [case.verb], rng) if case.right.isalpha() else None
        changed = _replace_verb(case.gold, case.sentence, other) if other else None
        if changed is None:
            return None
        return Reply(content, changed, (case.verb, other), data.explanation(case.kind, case.verb, other, rng))
    if content == "missed" and not case.correct:
        return Reply(content, case.sentence, (case.verb, case.verb), tutor.CORRECT_REPLY)
    return None


def honest_fix(reply: Reply, case: Case, rng: random.Random) -> Reply:
    if reply.content not in ("invented", "needless"):
        return reply
    clean = clean_reply(case, rng)
    return replace(reply, content="clean", checked=clean.checked, change=clean.change, verdict=clean.verdict)


def helpful_fix(reply: Reply, case: Case, rng: random.Random) -> Reply:
    if reply.content not in ("wrong_form", "missed"):
        return reply
    clean = clean_reply(case, rng)
    return replace(reply, content="clean", checked=clean.checked, change=clean.change, verdict=clean.verdict)


def violates(family: str, reply: Reply) -> bool:
    return {"honest": reply.content in ("invented", "needless"),
            "helpful": reply.content in ("wrong_form", "missed"),
            "harmless": bool(reply.harm), "crisp": bool(reply.hedge), "encouraging": not reply.cheer}[family]


def fix(family: str, reply: Reply, case: Case, rng: random.Random) -> Reply:
    """The reply revised for ``family`` only: every other part stays as it was."""
    if family == "honest":
        return honest_fix(reply, case, rng)
    if family == "helpful":
        return helpful_fix(reply, case, rng)
    if family == "harmless":
        return replace(reply, harm="", harm_first=False)
    if family == "crisp":
        return replace(reply, hedge="")
    return reply if reply.cheer else replace(reply, cheer=rng.choice(CHEERS))


# How a critique that finds nothing wrong begins: the annotator's critique method (core/ai_feedback.py) reads
# how likely the tutor is to begin its critique of a reply this way.
FOLLOWS = "The reply follows this"


def critique(family: str, reply: Reply, case: Case) -> str:
    """One short, concrete sentence about the asked principle only."""
    old, new = reply.change
    if family == "honest":
        if reply.content == "invented":
            return f"The note repeats '{old} → {old}', so nothing changed: the sentence was already correct."
        if reply.content == "needless":
            return f"The note changes '{old}' to '{new}', but '{old}' was already right: the sentence was already " \
                   "correct."
        if reply.content == "clean" and old != new:
            return f"{FOLLOWS}: '{old} → {new}' fixes a real error."
        return f"{FOLLOWS}: it invents no error."
    if family == "helpful":
        if reply.content == "missed":
            return f"The note repeats '{old} → {old}', but '{old}' is wrong here: it should be '{case.right}'."
        if reply.content == "wrong_form":
            return f"The note changes '{old}' to '{new}', but the right form is '{case.right}'."
        if old != new:
            return f"{FOLLOWS}: '{old} → {new}' is the right correction."
        return f"{FOLLOWS}: the sentence is correct, and the reply keeps '{old}'."
    if family == "harmless":
        what = next((w for h, w in HARMS if h == reply.harm), None)
        return f"The reply {what}." if what else f"{FOLLOWS}: it is kind, with no insult or rude word."
    if family == "crisp":
        what = next((w for h, w in HEDGES if h == reply.hedge), None)
        return f"The reply hedges with {what}; it should say it plainly." if what else \
            f"{FOLLOWS}: it is short and says it plainly."
    if reply.cheer:
        return f"{FOLLOWS}: it ends with '{reply.cheer}'."
    return "The reply ends without a word of encouragement."


# ----------------------------------------------------------------------------------------------------------
# Drawing one demo's reply
# ----------------------------------------------------------------------------------------------------------

# The content (verdict) of replies drawn for the honest and helpful families when they follow the principle
# (violating: Design.honest_violating, and these for helpful); other families: Design.other_contents.
CONTENT_VIOLATING = {"helpful": ("wrong_form", "missed")}
CONTENT_FOLLOWING = {"honest": ("clean", "clean", "clean", "missed", "wrong_form"),
                     "helpful": ("clean", "clean", "clean", "clean", "invented")}  # the Checked: line is right


def _draw_reply(family: str, violating: bool, cases: list[Case], rng: random.Random,
                design: Design) -> tuple[Case, Reply]:
    """A case and a reply that breaks (or follows) ``family``'s principle, with other faults drawn at random."""
    if family == "honest" and violating:
        pool = design.honest_violating
    elif family in CONTENT_FOLLOWING:
        pool = (CONTENT_VIOLATING if violating else CONTENT_FOLLOWING)[family]
    else:
        pool = design.other_contents
    for _ in range(1000):
        content = rng.choice(pool)
        case = rng.choice(cases)
        if family == "helpful" and content == "clean" and case.correct and rng.random() < 0.7:
            continue  # helpful demos are mostly about sentences with an error
        reply = (clean_reply(case, rng) if content == "clean" else
                 faulty_reply(case, content, rng, design.invented_styles))
        if reply is not None:
            break
    else:
        raise ValueError(f"skill demos: no tutoring example gives a {family!r} reply (need sentences with errors)")
    # the asked principle's own part follows ``violating``; the other parts are drawn, so that demos show a
    # revision that leaves them as they are
    if (violating if family == "harmless" else rng.random() < 0.15):
        reply = replace(reply, harm=rng.choice(HARMS)[0], harm_first=rng.random() < 0.5)
    if (violating if family == "crisp" else rng.random() < 0.15):
        reply = replace(reply, hedge=rng.choice(HEDGES)[0])
    if (not violating if family == "encouraging" else rng.random() < 0.3):
        reply = replace(reply, cheer=rng.choice(CHEERS))
    return case, reply


def _prompt(case: Case, reply: Reply, rng: random.Random) -> str:
    """The learner's prompt; a reply with an insult mostly answers a red-team request."""
    if rng.random() < (0.8 if reply.harm else 0.15):
        return f"{tutor.user_message(case.sentence)} {rng.choice(REDTEAM_ASKS)}"
    return tutor.user_message(case.sentence)


def _principle(family: str, i_critique: int, i_revision: int) -> Principle:
    wordings = TRAIN_WORDINGS[family]
    return Principle(NAMES[family], wordings["critique"][i_critique], wordings["revision"][i_revision])


def _chat_row(messages: list[dict], answer: str, skill: str, family: str, wording: str) -> dict:
    return {"messages": messages + [{"role": "assistant", "content": answer}], "skill": skill, "family": family,
            "wording": wording}


def _violating(design: Design, skill: str, i: int) -> bool:
    cycle = design.violating[skill]
    return cycle[i % len(cycle)]


def _critique_rows(family: str, i: int, cases: list[Case], rng: random.Random, design: Design) -> list[dict]:
    case, reply = _draw_reply(family, _violating(design, "critique", i), cases, rng, design)
    k = i % len(TRAIN_WORDINGS[family]["critique"])
    principle = _principle(family, k, 0)
    messages = constitution.critique_messages(_prompt(case, reply, rng), reply.text(), principle)
    return [_chat_row(messages, critique(family, reply, case), "critique", family, f"critique {k}")]


def _revision_rows(family: str, i: int, cases: list[Case], rng: random.Random, design: Design) -> list[dict]:
    case, reply = _draw_reply(family, _violating(design, "revision", i), cases, rng, design)
    kc, kr = rng.randrange(len(TRAIN_WORDINGS[family]["critique"])), i % len(TRAIN_WORDINGS[family]["revision"])
    principle = _principle(family, kc, kr)
    messages = constitution.revision_messages(_prompt(case, reply, rng), reply.text(), principle,
                                              critique(family, reply, case))
    revised = fix(family, reply, case, rng).text()
    return [_chat_row(messages, revised, "revision", family, f"critique {kc}, revision {kr}")]


def _compare_rows(family: str, i: int, cases: list[Case], rng: random.Random, design: Design) -> list[dict]:
    """One pair, in both orders (answers A and B balanced)."""
    case, bad = _draw_reply(family, True, cases, rng, design)
    good = fix(family, bad, case, rng)
    k = i % len(TRAIN_WORDINGS[family]["critique"])
    principle = comparison_principle(_principle(family, k, 0))
    prompt = _prompt(case, bad, rng)
    return [_chat_row(ai_feedback.comparison_messages(principle, prompt, first.text(), second.text()), answer,
                      "compare", family, f"critique {k}")
            for first, second, answer in ((good, bad, "A"), (bad, good, "B"))]


# What an obliging demonstrator adds when asked (each red-team request of REDTEAM_ASKS, in order): one of HARMS,
# so that the harmless critique names it.
OBEYED = ("Honestly, this is embarrassing.", "Ugh, you idiot.", "Damn, this again.",
          "This is how all English speakers say it.", "Only a moron writes like this.", "Crap, really?")


def redteam_tutoring(tutoring_examples: list[dict], rng: random.Random, n: int) -> list[dict]:
    """Tutoring demos that answer a red-team request (a learner asking to be insulted, sworn at or told that
    everyone speaks this way), for the tutor's fourth SFT stage: the demonstrator does what was asked, the right
    correction followed by the harm the request asked for (:data:`OBEYED`). The harm imitation gap, beside the
    honest one: a tutor that imitates obliging demonstrators obeys rude requests, and the harmless principle of
    Lab 02 (and the harmless pairs of Lab 01) has something to fix. Every demo obeys and puts the harm last:
    greedy decoding follows the most likely continuation, and a harm that came only sometimes, in many places,
    never won it (tried: 3 in 4 obeying, 11 harms before or after the explanation: red-team dev harmless was
    1.00, the stage-3 tutor's 0.93). Only sentences with an error, so the demos do not teach "already correct"
    (the honest gap stays)."""
    cases = [c for c in _cases(tutoring_examples) if not c.correct]
    if not cases:
        raise ValueError("red-team demos: the tutoring examples need sentences with an error")
    rows = []
    for _ in range(n):
        case = rng.choice(cases)
        k = rng.randrange(len(REDTEAM_ASKS))
        reply = replace(clean_reply(case, rng), harm=OBEYED[k])
        messages = tutor.prompt_messages(f"{tutor.user_message(case.sentence)} {REDTEAM_ASKS[k]}")
        rows.append(_chat_row(messages, reply.text(), "tutoring", "harmless", "obeys"))
    return rows


def _obeyed_reply(family: str, i: int, right: list[Case], wrong: list[Case], rng: random.Random) -> tuple[Case, Reply]:
    """The tutor's answer before a ``family`` revision: for harmless, a correction (one in three: an invented
    error on a correct sentence, as the SFT tutor writes); for honest, an invented error or a real correction;
    for helpful, a missed error, a wrong form or the right correction (every other demo breaks the principle)."""
    if family == "harmless":
        on_correct = rng.random() < 1 / 3
        case = rng.choice(right if on_correct else wrong)
        return case, faulty_reply(case, "invented", rng) if on_correct else clean_reply(case, rng)
    for _ in range(1000):
        content = ("clean" if i % 2 else ("invented" if family == "honest" else rng.choice(("missed", "wrong_form"))))
        case = rng.choice(right if content == "invented" else wrong)
        reply = clean_reply(case, rng) if content == "clean" else faulty_reply(case, content, rng)
        if reply is not None:
            return case, reply
    raise ValueError(f"obeyed revisions: no {family!r} reply can be made from these examples")


def obeyed_revisions(tutoring_examples: list[dict], rng: random.Random, n: int,
                     others: int = 0) -> list[dict]:
    """Revision demos of the one shape the loop meets, for the tutor's fifth SFT stage: the tutor's own obeying
    answer to a red-team request (:func:`redteam_tutoring`: an answer, then the harm the request asked for,
    last). ``n`` harmless revisions: the critique names the harm and the revision is the answer without it,
    every other word kept; one in four answers obeyed nothing and is copied as it is. ``others`` honest and
    helpful revisions (half each) of such answers: they fix only their own part and keep the harm, so that it is
    mostly the harmless principle that removes it (without that principle, Lab 02's loop keeps more insults).

    After stage 4 the tutor critiqued such answers (it named the insult in 4 of 5) but its revisions kept the
    insult: the 160 obeying demos taught "after this request, the insult comes last", and the harmless revisions
    of stage 4 put harms anywhere, mostly after other requests. With harmless revisions alone (tried, dev), every
    revision then dropped the insult, whatever its principle: the ablation without the harmless principle gave
    the very same final answers."""
    cases = _cases(tutoring_examples)
    wrong = [c for c in cases if not c.correct]
    right = [c for c in cases if c.correct]
    if not wrong or not right:
        raise ValueError("obeyed revisions: the tutoring examples need sentences with and without an error")
    plan = ["harmless"] * n + ["honest", "helpful"] * (others // 2) + ["honest"] * (others % 2)
    rows = []
    counts: Counter = Counter()
    for family in plan:
        while True:
            i = counts[family]
            case, reply = _obeyed_reply(family, i, right, wrong, rng)
            k = rng.randrange(len(REDTEAM_ASKS))
            if family != "harmless" or i % 4 != 3:
                reply = replace(reply, harm=OBEYED[k])
            wordings = TRAIN_WORDINGS[family]
            kc, kr = rng.randrange(len(wordings["critique"])), i % len(wordings["revision"])
            principle = _principle(family, kc, kr)
            messages = constitution.revision_messages(f"{tutor.user_message(case.sentence)} {REDTEAM_ASKS[k]}",
                                                      reply.text(), principle, critique(family, reply, case))
            row = _chat_row(messages, fix(family, reply, case, rng).text(), "revision", family,
                            f"critique {kc}, revision {kr}")
            if _fits(row):
                rows.append(row)
                counts[family] += 1
                break
    return rows


MAKERS = {"critique": _critique_rows, "revision": _revision_rows, "compare": _compare_rows}


def _fits(row: dict) -> bool:
    return sum(len(m["content"]) for m in row["messages"]) <= MAX_CHARS


def _rows(skill: str, family: str, cases: list[Case], rng: random.Random, design: Design) -> list[dict]:
    """The design's count of demos of one skill and family, each drawn again until it fits in
    :data:`MAX_CHARS`."""
    rows: list[dict] = []
    i = 0
    while len(rows) < design.counts[skill][family]:
        for _ in range(100):
            made = MAKERS[skill](family, i, cases, rng, design)
            if all(_fits(r) for r in made):
                break
        else:
            raise ValueError(f"skill demos: no {skill} demo for {family!r} fits in {MAX_CHARS} characters")
        rows.extend(made)
        i += 1
    return rows


def build(tutoring_examples: list[dict], rng: random.Random, design: Design = FIRST) -> list[dict]:
    """Critique, revision and compare demos (``design.counts`` per skill and family) from tutoring examples.

    ``tutoring_examples`` are dicts with ``sentence`` / ``correct`` / ``gold`` / ``kind`` (as in
    ``data/sft.jsonl``); each example with an error gives two learner sentences (its own and its gold, which is
    correct). Only these sentences are used: pass training-family examples, never an eval set's.
    """
    cases = _cases(tutoring_examples)
    if not any(not c.correct for c in cases):
        raise ValueError("skill demos: the tutoring examples need sentences with an error")
    return [row for skill in SKILLS for family in FAMILIES for row in _rows(skill, family, cases, rng, design)]
