"""Synthetic data for the grammar tutor: sentences with verb-conjugation errors, their corrections, ideal replies.

The running example of Preference Lab is an English tutor for verb conjugation. This module makes its data
deterministically (a seeded ``random.Random``) from a small vocabulary (subjects, verb lemmas, objects, time
markers); every verb form comes from the ``lemminflect`` library, never from a hand-written table.

* :data:`ERROR_KINDS` names the ten kinds of error (``third_person_s`` ... ``will_future``).
* :data:`TEMPLATES` holds several sentence frames per kind, split into two disjoint families: ``"train"``
  (SFT data and preference pairs) and ``"eval"`` (the eval set only). Different frames mean the eval
  sentences can never repeat a training sentence.
* :func:`generate` samples examples ``{"sentence", "correct", "gold", "kind"}`` (plus helper keys, see there);
  :func:`tutor_reply` writes the ideal reply in the format of :mod:`core.tutor`.
* :func:`load_eval`, :func:`load_sft` and :func:`load_pairs` read JSONL files and raise a ``ValueError``
  naming the file, the line and the field for anything broken.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lemminflect import getInflection, getLemma

from core import tutor

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ERROR_KINDS = (
    "third_person_s",
    "plural_agreement",
    "be_agreement",
    "past_time_marker",
    "irregular_past",
    "past_participle",
    "do_support",
    "modal_base",
    "progressive_ing",
    "will_future",
)
FAMILIES = ("train", "eval")

# ----------------------------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    text: str  # as written mid-sentence ("she", "Tom", "the children")
    person: int  # 1, 2 or 3
    plural: bool = False

    @property
    def singular_third(self) -> bool:
        return self.person == 3 and not self.plural


SINGULAR_3 = tuple(
    Subject(t, 3)
    for t in ("he", "she", "Tom", "Ana", "Maria", "Sam", "my brother", "my sister", "the teacher", "our neighbor")
)
PLURAL = (Subject("we", 1, True), Subject("they", 3, True)) + tuple(
    Subject(t, 3, True)
    for t in ("my parents", "the children", "Tom and Ana", "the teacher and her students", "my friends", "the boys")
)
ALL_SUBJECTS = (Subject("I", 1), Subject("you", 2)) + SINGULAR_3 + PLURAL
SUBJECT_POOLS = {"sg3": SINGULAR_3, "plural": PLURAL, "all": ALL_SUBJECTS}

# Verb lemmas with objects that fit every frame. Stative verbs only appear in simple-present frames.
VERBS: dict[str, tuple[str, ...]] = {
    "walk": ("to school", "to the park", "home"),
    "play": ("football", "the piano", "chess"),
    "cook": ("dinner", "rice"),
    "watch": ("TV", "a film"),
    "clean": ("the kitchen", "the car"),
    "visit": ("the museum", "the zoo"),
    "study": ("math", "French"),
    "wash": ("the dishes",),
    "open": ("the window",),
    "go": ("to school", "to the market", "home"),
    "eat": ("lunch", "an apple", "breakfast"),
    "drink": ("coffee", "tea", "water"),
    "write": ("a letter", "an email"),
    "read": ("a book", "the news"),
    "buy": ("bread", "new shoes"),
    "take": ("the bus", "a photo"),
    "see": ("the doctor", "a play"),
    "make": ("tea", "a cake"),
    "sing": ("a song",),
    "swim": ("in the lake",),
    "run": ("in the park",),
    "speak": ("English", "Spanish"),
    "drive": ("to work", "the car"),
    "ride": ("a bike", "the train"),
    "bring": ("lunch", "a friend"),
    "do": ("the homework", "the shopping"),
    "like": ("pizza", "music"),
    "want": ("a dog", "more tea"),
    "know": ("the answer", "the way"),
}
STATIVE = frozenset({"like", "want", "know"})
STATIVE_OK_KINDS = frozenset({"third_person_s", "plural_agreement", "do_support"})
ADJECTIVES = ("tired", "happy", "busy", "hungry", "late", "ready", "sick", "nervous")
MODALS = ("can", "should", "must", "could")


@cache
def inflect(lemma: str, tag: str) -> str:
    """The ``tag`` form (Penn tags: VB, VBZ, VBD, VBN, VBG) of a verb lemma, from lemminflect."""
    forms = getInflection(lemma, tag=tag)
    if not forms:
        raise ValueError(f"lemminflect has no {tag} form for {lemma!r}")
    return forms[0]


def is_irregular(lemma: str) -> bool:
    return not inflect(lemma, "VBD").endswith("ed")


def regularize(lemma: str) -> str:
    """The wrong past a learner builds with the regular rule: go -> goed, buy -> buyed, make -> maked."""
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    vowels = "aeiou"
    c1, v, c2 = lemma[-3:].rjust(3)
    if c1 not in vowels and v in vowels and c2 not in vowels + "wxy":
        return lemma + c2 + "ed"  # run -> runned, swim -> swimmed
    return lemma + "ed"


def present(subject: Subject, lemma: str) -> str:
    return inflect(lemma, "VBZ" if subject.singular_third else "VBP")


def be_form(subject: Subject, *, past: bool) -> str:
    """'be' agrees with person and number ('am' and 'was'/'were' need the person, so this is spelled out)."""
    first_singular = subject.person == 1 and not subject.plural
    if past:
        return "was" if subject.singular_third or first_singular else "were"
    if first_singular:
        return "am"
    return inflect("be", "VBZ") if subject.singular_third else "are"


# ----------------------------------------------------------------------------------------------------------
# Templates: a frame with slots {s} subject, {aux} helper, {v} verb, {o} object, {a} adjective
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    name: str
    kind: str
    family: str
    frame: str
    subjects: str = "all"
    variant: str = ""


_T = Template
TEMPLATES: tuple[Template, ...] = (
    _T("tps_every_day", "third_person_s", "train", "{s} {v} {o} every day.", "sg3"),
    _T("tps_on_mondays", "third_person_s", "train", "{s} often {v} {o} on Mondays.", "sg3"),
    _T("tps_every_morning", "third_person_s", "train", "Every morning, {s} {v} {o}.", "sg3"),
    _T("tps_usually", "third_person_s", "eval", "{s} usually {v} {o} on Sundays.", "sg3"),
    _T("tps_never_at_night", "third_person_s", "eval", "{s} never {v} {o} at night.", "sg3"),
    _T("pl_every_weekend", "plural_agreement", "train", "{s} {v} {o} every weekend.", "plural"),
    _T("pl_together", "plural_agreement", "train", "{s} always {v} {o} together.", "plural"),
    _T("pl_sometimes", "plural_agreement", "eval", "{s} sometimes {v} {o} in the evening.", "plural"),
    _T("pl_on_fridays", "plural_agreement", "eval", "On Fridays, {s} {v} {o}.", "plural"),
    _T("be_today", "be_agreement", "train", "{s} {v} really {a} today.", "all", "present"),
    _T("be_very_yesterday", "be_agreement", "train", "{s} {v} very {a} yesterday.", "all", "past"),
    _T("be_at_the_park", "be_agreement", "train", "{s} {v} at the park last Sunday.", "all", "past"),
    _T("be_right_now", "be_agreement", "eval", "{s} {v} {a} right now.", "all", "present"),
    _T("be_last_weekend", "be_agreement", "eval", "{s} {v} at home last weekend.", "all", "past"),
    _T("ptm_yesterday_afternoon", "past_time_marker", "train", "Yesterday afternoon {s} {v} {o}.", "all"),
    _T("ptm_last_week", "past_time_marker", "train", "{s} {v} {o} last week.", "all"),
    _T("ptm_days_ago", "past_time_marker", "eval", "Two days ago, {s} {v} {o}.", "all"),
    _T("ptm_last_summer", "past_time_marker", "eval", "{s} {v} {o} last summer.", "all"),
    _T("irr_yesterday_morning", "irregular_past", "train", "{s} {v} {o} yesterday morning.", "all"),
    _T("irr_last_night", "irregular_past", "train", "Last night {s} {v} {o}.", "all"),
    _T("irr_an_hour_ago", "irregular_past", "eval", "{s} {v} {o} an hour ago.", "all"),
    _T("irr_last_monday", "irregular_past", "eval", "Last Monday, {s} {v} {o}.", "all"),
    _T("pp_already", "past_participle", "train", "{s} {aux} already {v} {o}.", "all"),
    _T("pp_never_before", "past_participle", "train", "{s} {aux} never {v} {o} before.", "all"),
    _T("pp_just", "past_participle", "eval", "{s} {aux} just {v} {o}.", "all"),
    _T("pp_twice", "past_participle", "eval", "{s} {aux} {v} {o} twice this week.", "all"),
    _T("do_negative_helper", "do_support", "train", "{s} {aux} {v} {o} at all.", "all", "neg_aux"),
    _T("do_question_verb", "do_support", "train", "{aux} {s} {v} {o} on weekends?", "sg3", "q_verb"),
    _T("do_negative_verb", "do_support", "eval", "{s} {aux} {v} {o} very often.", "sg3", "neg_verb"),
    _T("do_question_helper", "do_support", "eval", "{aux} {s} {v} {o} every day?", "sg3", "q_aux"),
    _T("modal_today", "modal_base", "train", "{s} {aux} {v} {o} today.", "all"),
    _T("modal_after_school", "modal_base", "train", "{s} {aux} {v} {o} after school.", "all"),
    _T("modal_this_evening", "modal_base", "eval", "{s} {aux} {v} {o} this evening.", "all"),
    _T("modal_maybe_later", "modal_base", "eval", "Maybe {s} {aux} {v} {o} later.", "all"),
    _T("prog_at_the_moment", "progressive_ing", "train", "{s} {aux} {v} {o} at the moment.", "all"),
    _T("prog_listen", "progressive_ing", "train", "Listen, {s} {aux} {v} {o} now.", "all"),
    _T("prog_this_afternoon", "progressive_ing", "eval", "{s} {aux} {v} {o} this afternoon.", "all"),
    _T("prog_still", "progressive_ing", "eval", "{s} {aux} still {v} {o}.", "all"),
    _T("will_tomorrow", "will_future", "train", "Tomorrow {s} will {v} {o}.", "all"),
    _T("will_next_week", "will_future", "train", "{s} will {v} {o} next week.", "all"),
    _T("will_soon", "will_future", "eval", "{s} will {v} {o} soon.", "all"),
    _T("will_next_year", "will_future", "eval", "Next year, {s} will {v} {o}.", "all"),
)

Slots = dict[str, str]


def _verb_slots(subject: Subject, lemma: str, kind: str, variant: str, rng: random.Random) -> tuple[Slots, Slots]:
    """The (wrong, right) fillers of the {v} and {aux} slots for one error kind."""
    base, vbz = inflect(lemma, "VB"), inflect(lemma, "VBZ")
    if kind == "third_person_s":
        return {"v": base}, {"v": vbz}
    if kind == "plural_agreement":
        return {"v": vbz}, {"v": present(subject, lemma)}
    if kind == "past_time_marker":
        return {"v": present(subject, lemma)}, {"v": inflect(lemma, "VBD")}
    if kind == "irregular_past":
        participle = inflect(lemma, "VBN")
        wrongs = [regularize(lemma)] + ([participle] if participle not in (base, inflect(lemma, "VBD")) else [])
        return {"v": rng.choice(wrongs)}, {"v": inflect(lemma, "VBD")}
    if kind == "past_participle":
        aux = inflect("have", "VBZ") if subject.singular_third else "have"
        wrong = inflect(lemma, "VBD") if rng.random() < 0.75 else base
        return {"aux": aux, "v": wrong}, {"aux": aux, "v": inflect(lemma, "VBN")}
    if kind == "modal_base":
        modal = rng.choice(MODALS)
        wrong = vbz if rng.random() < 0.6 else f"to {base}"
        return {"aux": modal, "v": wrong}, {"aux": modal, "v": base}
    if kind == "progressive_ing":
        aux = be_form(subject, past=False)
        return {"aux": aux, "v": rng.choice((base, base, vbz))}, {"aux": aux, "v": inflect(lemma, "VBG")}
    if kind == "will_future":
        return {"v": rng.choice((vbz, inflect(lemma, "VBD")))}, {"v": base}
    if kind == "do_support":
        return _do_slots(subject, base, vbz, variant)
    raise ValueError(f"unknown error kind {kind!r}")


def _do_slots(subject: Subject, base: str, vbz: str, variant: str) -> tuple[Slots, Slots]:
    does = inflect("do", "VBZ") if subject.singular_third else "do"
    if variant == "neg_aux":  # she don't like -> she doesn't like; they doesn't -> they don't
        other = "don't" if subject.singular_third else "doesn't"
        return {"aux": other, "v": base}, {"aux": does + "n't", "v": base}
    if variant == "q_aux":  # do she like -> does she like
        return {"aux": "do", "v": base}, {"aux": does, "v": base}
    aux = does + "n't" if variant == "neg_verb" else does  # she doesn't likes / does she likes
    return {"aux": aux, "v": vbz}, {"aux": aux, "v": base}


def _be_slots(subject: Subject, variant: str, rng: random.Random) -> tuple[Slots, Slots]:
    right = be_form(subject, past=variant == "past")
    if variant == "past":
        wrong = "were" if right == "was" else "was"
    else:
        wrong = rng.choice(("is", "are")) if right == "am" else ("are" if right == "is" else "is")
    return {"v": wrong}, {"v": right}


def _verbs_for(kind: str) -> list[str]:
    lemmas = [v for v in VERBS if kind in STATIVE_OK_KINDS or v not in STATIVE]
    if kind == "irregular_past":
        lemmas = [v for v in lemmas if is_irregular(v)]
    if kind == "past_participle":
        lemmas = [v for v in lemmas if inflect(v, "VBN") != inflect(v, "VBD")]
    return lemmas


def _render(frame: str, slots: Slots) -> str:
    text = " ".join(frame.format(**slots).split())
    return text[:1].upper() + text[1:]


def make_pair(template: Template, rng: random.Random) -> tuple[str, str] | None:
    """One (wrong sentence, gold sentence) from a template, or None when the draw gives no error."""
    subject = rng.choice(SUBJECT_POOLS[template.subjects])
    lemma = rng.choice(_verbs_for(template.kind))
    base = {"s": subject.text, "o": rng.choice(VERBS[lemma]), "a": rng.choice(ADJECTIVES), "aux": ""}
    if template.kind == "be_agreement":
        wrong, right = _be_slots(subject, template.variant, rng)
    else:
        wrong, right = _verb_slots(subject, lemma, template.kind, template.variant, rng)
    sentence, gold = _render(template.frame, {**base, **wrong}), _render(template.frame, {**base, **right})
    return (sentence, gold) if sentence != gold else None


# ----------------------------------------------------------------------------------------------------------
# Generation
# ----------------------------------------------------------------------------------------------------------


def _sample(kind: str, templates: list[Template], rng: random.Random) -> dict[str, Any] | None:
    pool = templates if kind == "correct" else [t for t in templates if t.kind == kind]
    template = rng.choice(pool)
    made = make_pair(template, rng)
    if made is None:
        return None
    wrong, gold = made
    if kind == "correct":
        return {"sentence": gold, "correct": True, "gold": gold, "kind": "correct",
                "template": template.name, "foil": wrong, "foil_kind": template.kind}
    return {"sentence": wrong, "correct": False, "gold": gold, "kind": kind, "template": template.name}


def generate(
    n: int, *, family: str, correct_share: float, seed: int, exclude: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """``n`` examples from the ``family`` templates, ``round(n * correct_share)`` of them correct.

    Errors cycle through :data:`ERROR_KINDS`, so every kind appears about equally often. Sentences and golds
    are unique (compared with :func:`core.tutor.normalize_sentence`) and avoid every sentence in ``exclude``.
    Besides ``sentence``, ``correct``, ``gold`` and ``kind``, each example has ``template`` (its template's
    name); a correct one also has ``foil`` (the same sentence with the error its template makes) and
    ``foil_kind``. The same arguments always give the same list.
    """
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {FAMILIES}, got {family!r}")
    if not 0.0 <= correct_share <= 1.0:
        raise ValueError(f"correct_share must be in [0, 1], got {correct_share}")
    rng = random.Random(seed)
    templates = [t for t in TEMPLATES if t.family == family]
    n_correct = round(n * correct_share)
    plan = ["correct"] * n_correct + [ERROR_KINDS[i % len(ERROR_KINDS)] for i in range(n - n_correct)]
    rng.shuffle(plan)
    seen = {tutor.normalize_sentence(s) for s in exclude}
    examples = []
    for kind in plan:
        for _ in range(1000):
            example = _sample(kind, templates, rng)
            keys = {tutor.normalize_sentence(example[k]) for k in ("sentence", "gold")} if example else set()
            if example and not keys & seen:
                break
        else:
            raise RuntimeError(f"could not draw {n} unique {family!r} examples (stuck on {kind!r})")
        seen |= keys
        examples.append(example)
    return examples


# ----------------------------------------------------------------------------------------------------------
# Reply text
# ----------------------------------------------------------------------------------------------------------

EXPLANATIONS: dict[str, tuple[str, ...]] = {
    "third_person_s": (
        "With a singular subject like he or she, the present tense verb takes -s: '{right}'.",
        "One person or thing in the simple present needs '{right}', not '{wrong}'.",
        "Use '{right}': a singular third-person subject adds -s to the verb.",
    ),
    "plural_agreement": (
        "The subject is plural, so the verb has no -s: '{right}'.",
        "Two or more people take the plural form '{right}', not '{wrong}'.",
        "A plural subject needs '{right}'; the -s form is only for one person or thing.",
    ),
    "be_agreement": (
        "The verb 'be' must agree with its subject: '{right}', not '{wrong}'.",
        "Use '{right}' with this subject; '{wrong}' belongs to a different person or number.",
        "Each subject has its own form of 'be', and here it is '{right}'.",
    ),
    "past_time_marker": (
        "The time phrase points to the past, so the verb should be '{right}'.",
        "A finished action in the past needs the simple past: '{right}', not '{wrong}'.",
        "Past time markers call for the past tense: '{right}'.",
    ),
    "irregular_past": (
        "This verb is irregular, so its simple past is '{right}', not '{wrong}'.",
        "The past tense here is '{right}'; '{wrong}' is not a past form of this verb.",
        "Irregular verbs have their own past forms; use '{right}'.",
    ),
    "past_participle": (
        "After 'have' or 'has', use the past participle '{right}', not '{wrong}'.",
        "The present perfect is have or has plus the past participle: '{right}'.",
        "Use the participle '{right}' after the helper 'have'.",
    ),
    "do_support": (
        "After do, does or doesn't, the main verb stays in the base form: '{right}'.",
        "The helper already carries the -s, so the main verb is plain: '{right}'.",
        "Use the base form '{right}' after the helper 'do'.",
    ),
    "do_support_does": (
        "The helper 'do' must agree with the subject, so it is '{right}', not '{wrong}'.",
        "With he, she or one person, the helper becomes '{right}'.",
        "Use '{right}' here: the helper 'do' takes -es with a singular third-person subject.",
    ),
    "do_support_do": (
        "The helper 'do' must agree with the subject, so it is '{right}', not '{wrong}'.",
        "Only he, she, it and singular nouns take 'does'; here it is '{right}'.",
        "A plural subject, I or you takes the plain helper: '{right}'.",
    ),
    "modal_base": (
        "After a modal like can or must, use the bare base form: '{right}'.",
        "Modal verbs are followed by the plain verb, without 'to' or -s: '{right}'.",
        "Write '{right}', not '{wrong}': modals take the base form.",
    ),
    "progressive_ing": (
        "An action in progress needs be plus the -ing form: '{right}'.",
        "After am, is or are for something happening now, use '{right}'.",
        "The continuous tense takes the -ing form: '{right}', not '{wrong}'.",
    ),
    "will_future": (
        "After 'will', use the base form of the verb: '{right}'.",
        "'Will' is followed by the plain verb, so '{right}', not '{wrong}'.",
        "The future with 'will' never adds -s or -ed to the verb: '{right}'.",
    ),
}
SHORT_EXPLANATIONS = ("Use '{right}' here.", "The right form is '{right}'.", "It should be '{right}'.")

TIPS: dict[str, str] = {
    "third_person_s": "Only he, she, it and singular nouns add -s in the present.",
    "plural_agreement": "The -s ending is only for one person or thing.",
    "be_agreement": "Remember: I am, he is, we are; I was, they were.",
    "past_time_marker": "Watch for words like 'yesterday', 'ago' and 'last'.",
    "irregular_past": "Irregular past forms have to be learned one by one.",
    "past_participle": "Compare: 'she went', but 'she has gone'.",
    "do_support": "Only the helper changes for he, she and it.",
    "modal_base": "Can, must and should never take -s or 'to'.",
    "progressive_ing": "Use am, is or are plus -ing for actions happening now.",
    "will_future": "The verb after 'will' is always the plain base form.",
}

REMARKS: dict[str, str] = {
    "third_person_s": "'{right}' correctly takes -s after a singular subject.",
    "plural_agreement": "'{right}' agrees with the plural subject.",
    "be_agreement": "'{right}' is the right form of 'be' for this subject.",
    "past_time_marker": "'{right}' is in the past tense, which matches the time phrase.",
    "irregular_past": "'{right}' is the correct irregular past form.",
    "past_participle": "'{right}' is the right participle after have or has.",
    "do_support": "The helper and the main verb are both in the right form.",
    "modal_base": "The modal is followed by the base form, as it should be.",
    "progressive_ing": "'{right}' is the right -ing form for an action in progress.",
    "will_future": "'Will' is followed by the base form '{right}', as it should be.",
}
GENERIC_REMARKS = ("The verb '{right}' fits here.", "No change is needed: '{right}' is right.",
                   "The verb agrees with its subject and tense.")


def _stable_rng(*parts: str) -> random.Random:
    return random.Random(zlib.crc32("|".join(parts).encode("utf-8")))


def _explanation_key(kind: str, right: str) -> str:
    if kind == "do_support" and right.lower() in {"does", "doesn't"}:
        return "do_support_does"
    if kind == "do_support" and right.lower() in {"do", "don't"}:
        return "do_support_do"
    return kind


def explanation_variants(kind: str, wrong: str, right: str, *, short: bool = False) -> list[str]:
    """Every explanation sentence for a correction ``wrong`` -> ``right`` (with ``short``: the terse ones too)."""
    texts = list(EXPLANATIONS[_explanation_key(kind, right)]) + (list(SHORT_EXPLANATIONS) if short else [])
    return [t.format(wrong=wrong, right=right) for t in texts]


def explanation(kind: str, wrong: str, right: str, rng: random.Random | None = None) -> str:
    """One short sentence explaining the correction, e.g. "Use 'goes': a singular ... adds -s to the verb."."""
    rng = rng or _stable_rng(kind, wrong, right)
    return rng.choice(explanation_variants(kind, wrong, right))


def remark_variants(kind: str, right: str) -> list[str]:
    """Short remarks saying why a correct sentence is right (``kind`` is the error its template invites)."""
    texts = ([REMARKS[kind]] if kind in REMARKS else []) + list(GENERIC_REMARKS)
    return [t.format(right=right) for t in texts]


changed_span = tutor.changed_span


changed_words = tutor.changed_words


def tutor_reply(example: dict[str, Any]) -> str:
    """The ideal reply for an example, in the :mod:`core.tutor` format (deterministic per sentence)."""
    rng = _stable_rng(example["sentence"])
    if example["correct"]:
        foil = example.get("foil")
        if not foil:
            return tutor.correct_reply(example["sentence"])
        right = changed_words(foil, example["sentence"])[1]
        remark = rng.choice(remark_variants(example.get("foil_kind", ""), right)) if rng.random() < 0.5 else ""
        return tutor.correct_reply(example["sentence"], remark, change=(right, right))
    wrong, right = changed_words(example["sentence"], example["gold"])
    return tutor.correction_reply(example["gold"], explanation(example["kind"], wrong, right, rng),
                                  change=(wrong, right))


def other_form(word: str, avoid: Iterable[str], rng: random.Random) -> str | None:
    """Another inflection of the verb ``word`` (not in ``avoid``), e.g. 'goes' -> 'went'; None if none."""
    lemmas = getLemma(word.lower(), upos="VERB")
    if not lemmas or not word.isalpha():
        return None
    skip = {w.lower() for w in avoid} | {word.lower()}
    forms = sorted({inflect(lemmas[0], tag) for tag in ("VB", "VBZ", "VBD", "VBN", "VBG")} - skip)
    return rng.choice(forms) if forms else None


# ----------------------------------------------------------------------------------------------------------
# Loading JSONL files
# ----------------------------------------------------------------------------------------------------------

EVAL_FIELDS: dict[str, type] = {"sentence": str, "correct": bool, "gold": str}
SFT_FIELDS: dict[str, type] = {"sentence": str, "correct": bool, "gold": str, "kind": str, "reply": str}
_JSON_TYPES = {str: "a string", bool: "true or false", list: "a list", dict: "an object"}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", str: "a string", int: "a number", float: "a number", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; ValueError naming file and line otherwise."""
    records = []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                raise ValueError(f"{path}, line {number}: not valid UTF-8 (byte {err.start})") from None
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}, line {number}: invalid JSON: {err.msg} (column {err.colno})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{path}, line {number}: expected a JSON object, got {_json_type(record)}")
            records.append((number, record))
    return records


def _check_field(record: dict[str, Any], name: str, expected: type, where: str) -> None:
    if name not in record:
        raise ValueError(f"{where}: missing field '{name}'")
    value = record[name]
    if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
        raise ValueError(f"{where}: field '{name}' must be {_JSON_TYPES[expected]}, got {_json_type(value)}")
    if expected is str and not value.strip():
        raise ValueError(f"{where}: field '{name}' is an empty string")


def load_jsonl(path: str | Path, fields: dict[str, type] | None = None) -> list[dict[str, Any]]:
    """Read a JSONL file of objects; with ``fields`` ({name: str or bool}) also check each line has them."""
    path = Path(path)
    records = _read_jsonl(path)
    for number, record in records:
        for name, expected in (fields or {}).items():
            _check_field(record, name, expected, f"{path}, line {number}")
    return [record for _, record in records]


def _require_records(path: Path, records: list) -> None:
    if not records:
        raise ValueError(f"{path}: the file has no records")


def load_eval(path: str | Path) -> list[dict[str, Any]]:
    """An eval file: ``{"sentence": str, "correct": bool, "gold": str}`` per line (extra keys allowed)."""
    path = Path(path)
    records = _read_jsonl(path)
    _require_records(path, records)
    for number, record in records:
        where = f"{path}, line {number}"
        for name, expected in EVAL_FIELDS.items():
            _check_field(record, name, expected, where)
        if record["correct"] != tutor.same_sentence(record["sentence"], record["gold"]):
            rule = "equal" if record["correct"] else "differ from"
            raise ValueError(f"{where}: field 'gold' must {rule} 'sentence' when 'correct' is "
                             f"{str(record['correct']).lower()}")
    return [record for _, record in records]


def load_sft(path: str | Path) -> list[dict[str, Any]]:
    """An SFT file: ``{"sentence", "correct", "gold", "kind", "reply"}`` per line (extra keys allowed)."""
    records = load_jsonl(path, SFT_FIELDS)
    _require_records(Path(path), records)
    return records


def load_pairs(path: str | Path) -> list[dict[str, Any]]:
    """Preference pairs in TRL's plain or conversational format, as plain strings.

    One parser serves every pair file: :func:`core.store.parse_pair_file` (fuzz-tested), which names the
    file, the line and the field of the first bad line.
    """
    from core.store import parse_pair_file

    return [{"prompt": r.prompt, "chosen": r.chosen, "rejected": r.rejected,
             **({"category": r.category} if r.category is not None else {})}
            for r in parse_pair_file(Path(path))]
