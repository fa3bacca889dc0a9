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
* :func:`load_eval` and :func:`load_sft` read JSONL files and raise a ``ValueError`` naming the file, the
  line and the field for anything broken. Pair files are read by :func:`core.pairs.load_pairs`.
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


SINGULAR_3 = tuple(Subject(t, 3) for t in (
    "he", "she", "Tom", "Ana", "Maria", "Sam", "Aisha", "Kenji", "Priya", "Carlos", "Olga", "Mei", "Omar",
    "Fatima", "Lukas", "Chiara", "Kwame", "Ngozi", "Diego", "Yuki", "Ahmed", "Sofia", "Ivan", "Leila", "Raj",
    "Hannah", "my brother", "my sister", "my roommate", "my cousin", "my best friend", "my boss", "the teacher",
    "the new manager", "our neighbor", "everyone in my class", "the taxi driver", "her husband", "his daughter",
    "the doctor",
))
PLURAL = (Subject("we", 1, True), Subject("they", 3, True)) + tuple(Subject(t, 3, True) for t in (
    "my parents", "the children", "Tom and Ana", "Kenji and Mei", "the teacher and her students", "my friends",
    "the boys", "our neighbors' kids", "my classmates", "the students", "my colleagues", "my grandparents",
    "Aisha and her sister", "the new players", "Carlos and I",
))
ALL_SUBJECTS = (Subject("I", 1), Subject("you", 2)) + SINGULAR_3 + PLURAL
SUBJECT_POOLS = {"sg3": SINGULAR_3, "plural": PLURAL, "all": ALL_SUBJECTS}

# Verb lemmas, each with objects or complements that make sense with any subject and in every tense (hand
# curated). Stative verbs only appear in the error kinds of STATIVE_OK_KINDS (never with -ing or 'have').
VERBS: dict[str, tuple[str, ...]] = {
    "walk": ("to school", "to the park", "home", "the dog"),
    "play": ("football", "the piano", "chess", "video games"),
    "cook": ("dinner", "rice", "a big meal"),
    "watch": ("TV", "a film", "the news"),
    "clean": ("the kitchen", "the car", "the bathroom"),
    "visit": ("the museum", "the zoo", "a friend in the city"),
    "study": ("math", "French", "for the exam", "biology"),
    "wash": ("the dishes", "the car", "the towels"),
    "open": ("the window", "a bank account", "the shop"),
    "close": ("the door", "the curtains", "the shop"),
    "go": ("to school", "to the market", "home", "to the gym"),
    "eat": ("lunch", "an apple", "breakfast", "noodles"),
    "drink": ("coffee", "tea", "water", "orange juice"),
    "write": ("a letter", "an email", "a short story", "a report"),
    "read": ("a book", "the news", "a magazine", "the instructions"),
    "buy": ("bread", "new shoes", "a ticket", "vegetables"),
    "take": ("the bus", "a photo", "a taxi", "the medicine"),
    "see": ("the doctor", "a play", "the dentist"),
    "make": ("tea", "a cake", "dinner", "a phone call"),
    "sing": ("a song", "in a choir"),
    "swim": ("in the lake", "in the sea", "at the pool"),
    "run": ("in the park", "to the station", "along the river"),
    "speak": ("English", "Spanish", "to the manager"),
    "drive": ("to work", "the car", "to the airport"),
    "ride": ("a bike", "a horse", "the train"),
    "bring": ("lunch", "a friend", "some snacks"),
    "do": ("the homework", "the shopping", "the laundry", "yoga"),
    "like": ("pizza", "music", "spicy food"),
    "want": ("a dog", "more tea", "a new phone"),
    "know": ("the answer", "the way", "the rules"),
    "need": ("help", "a new laptop", "more time"),
    "love": ("chocolate", "old films", "the beach"),
    "hate": ("the rain", "loud music", "long meetings"),
    "prefer": ("tea", "the window seat", "quiet places"),
    "understand": ("the question", "the rules", "the lesson"),
    "believe": ("the story", "the news", "the weather forecast"),
    "remember": ("the address", "the password", "the way home"),
    "own": ("a small car", "a bakery", "two cats"),
    "call": ("the office", "a taxi", "the bank"),
    "help": ("the new students", "the old man", "the neighbors"),
    "ask": ("a question", "the teacher", "for directions"),
    "answer": ("the phone", "the question", "the emails"),
    "finish": ("the report", "the homework", "work early"),
    "start": ("work", "a new job", "the engine"),
    "learn": ("Japanese", "the guitar", "new words"),
    "teach": ("English", "math", "a yoga class"),
    "listen": ("to music", "to the radio", "to podcasts"),
    "talk": ("to the neighbors", "about the weather", "to the manager"),
    "travel": ("to Spain", "by train", "abroad"),
    "leave": ("the office", "home", "the party early"),
    "stay": ("at home", "in a hotel", "with friends"),
    "move": ("to a new flat", "to Canada", "the sofa"),
    "live": ("in a small flat", "near the station", "by the sea"),
    "work": ("at a bank", "from home", "in a hospital"),
    "wait": ("for the bus", "for a taxi", "at the station"),
    "carry": ("the bags", "a heavy box", "the shopping"),
    "send": ("an email", "a parcel", "a message"),
    "receive": ("a letter", "a parcel", "good news"),
    "pay": ("the bills", "the rent", "for lunch"),
    "spend": ("the weekend at home", "all the money", "the day at the beach"),
    "sell": ("old books", "the car", "vegetables at the market"),
    "build": ("a shed", "a website", "a sandcastle"),
    "break": ("a glass", "a plate", "the record"),
    "fix": ("the bike", "the printer", "the roof"),
    "paint": ("the fence", "the bedroom", "a portrait"),
    "draw": ("a map", "a picture", "a cat"),
    "jump": ("into the pool", "over the fence"),
    "dance": ("at the party", "salsa", "in the kitchen"),
    "sleep": ("on the sofa", "in a tent", "for ten hours"),
    "wake": ("up early", "up late"),
    "get": ("a new job", "the tickets", "a good mark"),
    "give": ("a speech", "a present", "a presentation"),
    "show": ("the photos", "the way to the station", "the new flat"),
    "tell": ("a story", "a joke", "the truth"),
    "lose": ("the keys", "the match", "a glove"),
    "find": ("the keys", "a good job", "a wallet"),
    "keep": ("a diary", "the receipts", "a secret"),
    "put": ("the milk in the fridge", "the books on the shelf"),
    "cut": ("the bread", "the grass", "the cake"),
    "hit": ("the ball", "the wall"),
    "set": ("the table", "an alarm"),
    "shut": ("the door", "the gate"),
    "grow": ("tomatoes", "vegetables", "a beard"),
    "throw": ("the ball", "a party", "the rubbish away"),
    "catch": ("the bus", "a cold", "a fish"),
    "choose": ("a new phone", "the red dress", "a present"),
    "forget": ("the keys", "the password", "the homework"),
    "hold": ("the door", "a meeting", "the ladder"),
    "meet": ("a friend", "the new manager", "clients"),
    "fly": ("to Paris", "a kite", "to Tokyo"),
    "fall": ("off the bike", "asleep on the sofa"),
    "win": ("the match", "a prize", "the lottery"),
    "begin": ("a new course", "the lesson", "work"),
    "dig": ("a hole", "the garden"),
    "wear": ("a uniform", "glasses", "a suit"),
    "lead": ("the team", "the meeting"),
    "ring": ("the bell", "the doorbell"),
    "sit": ("on the floor", "in the front row", "by the window"),
    "stand": ("in line", "near the door"),
    "fry": ("eggs", "fish", "onions"),
    "order": ("a pizza", "new books", "a taxi"),
    "book": ("a table", "a hotel room", "the flights"),
    "check": ("the emails", "the tires", "the answers"),
    "change": ("the sheets", "the password", "the light bulb"),
    "return": ("the books", "the car", "the shoes"),
    "plan": ("a trip", "the wedding", "a surprise party"),
    "prepare": ("dinner", "a presentation", "for the exam"),
    "practice": ("the piano", "English", "the song"),
    "improve": ("the website", "the design", "the menu"),
    "join": ("a gym", "a club", "the choir"),
    "enjoy": ("the concert", "the food", "the trip"),
    "explain": ("the rules", "the problem", "the plan"),
    "follow": ("the recipe", "the news", "the instructions"),
    "jog": ("in the park", "along the river"),
    "kick": ("the ball", "the door open"),
    "laugh": ("at the joke", "at the film"),
    "look": ("at the map", "for the keys", "at the photos"),
    "miss": ("the bus", "the train", "the class"),
    "pack": ("the bags", "a suitcase", "lunch"),
    "park": ("the car", "near the school"),
    "post": ("a letter", "the photos online"),
    "print": ("the tickets", "the report"),
    "push": ("the door", "the trolley"),
    "rent": ("a flat", "a car", "bikes"),
    "save": ("money", "the file", "energy"),
    "share": ("a flat", "the pizza", "the photos"),
    "shop": ("for clothes", "online", "at the market"),
    "smile": ("at the camera", "at everyone"),
    "stop": ("the car", "smoking", "at the corner"),
    "try": ("sushi", "the new cafe", "yoga"),
    "turn": ("off the lights", "on the radio"),
    "type": ("the report", "a message"),
    "use": ("the computer", "the printer", "a dictionary"),
    "water": ("the plants", "the garden"),
    "worry": ("about the exam", "about money"),
    "count": ("the money", "the chairs"),
    "cross": ("the road", "the bridge"),
    "design": ("a website", "a poster"),
    "drop": ("the glass", "the keys"),
    "earn": ("money", "a good salary"),
    "fail": ("the test", "the driving test"),
    "film": ("the wedding", "the concert"),
    "iron": ("the shirts", "the tablecloth"),
    "mark": ("the tests", "the essays"),
    "organize": ("a party", "the files", "the trip"),
    "pass": ("the exam", "the salt"),
    "phone": ("the bank", "the office"),
    "recycle": ("the bottles", "old paper"),
    "record": ("a song", "a video", "the lecture"),
    "repeat": ("the question", "the lesson"),
    "rest": ("at home", "after lunch"),
    "sail": ("across the bay", "a small boat"),
    "serve": ("dinner", "the customers", "coffee"),
    "ski": ("in the Alps", "down the hill"),
    "solve": ("the problem", "the puzzle"),
    "spell": ("the word", "the name"),
    "taste": ("the soup", "the sauce"),
    "thank": ("the driver", "the teacher"),
    "train": ("for a marathon", "the new staff"),
    "vote": ("in the election",),
    "discuss": ("the plan", "the news", "the problem"),
    "email": ("the teacher", "the office"),
    "fetch": ("water", "the newspaper"),
    "guess": ("the answer", "the price"),
    "lift": ("the box", "heavy weights"),
    "lock": ("the door", "the car"),
    "mix": ("the paint", "the ingredients"),
    "offer": ("help", "a discount"),
    "reach": ("the station", "the top"),
    "replace": ("the battery", "the tires"),
    "reply": ("to the email", "to the letter"),
    "report": ("the problem", "the accident"),
    "review": ("the notes", "the contract"),
    "search": ("for the keys", "for a flat"),
    "sign": ("the contract", "the form"),
    "slice": ("the bread", "the onions"),
    "support": ("the local team", "a charity"),
    "test": ("the software", "the brakes"),
    "cycle": ("to work", "along the river"),
    "camp": ("by the lake", "in the forest"),
    "chat": ("with friends", "online"),
    "exercise": ("at the gym", "in the garden"),
    "fish": ("in the river", "off the pier"),
    "hike": ("in the mountains", "up the hill"),
    "agree": ("with the plan", "with the teacher"),
    "copy": ("the notes", "the file"),
    "cover": ("the pot", "the table"),
    "dry": ("the dishes", "the towels"),
    "enter": ("the room", "the competition"),
    "introduce": ("the speaker", "the guests"),
    "mop": ("the floor", "the hallway"),
    "peel": ("the potatoes", "an orange"),
    "plant": ("trees", "tomatoes", "flowers"),
    "pull": ("the rope", "the door"),
    "sort": ("the mail", "the laundry"),
    "wipe": ("the table", "the windows"),
    "deal": ("with the problem", "with the customers"),
    "feel": ("tired", "better"),
    "hear": ("the news", "a strange noise"),
    "cry": ("at the end of the film", "at weddings"),
    "forgive": ("the mistake",),
    "bite": ("the apple",),
}
STATIVE = frozenset({"like", "want", "know", "need", "love", "hate", "prefer", "understand", "believe", "remember",
                     "own", "feel", "hear"})
STATIVE_OK_KINDS = frozenset({"third_person_s", "plural_agreement", "do_support", "past_time_marker",
                              "irregular_past", "modal_base"})
ADJECTIVES = ("tired", "happy", "busy", "hungry", "late", "ready", "sick", "nervous", "angry", "bored", "excited",
              "worried", "sleepy", "cold", "calm", "proud")
MODALS = ("can", "should", "must", "could", "might", "can't", "shouldn't", "must not")
TEST_ONLY_LEMMAS_FILE = "test_only_lemmas.txt"  # in DATA_DIR: lemmas kept for the locked test set

# Phrases a frame names by slot; none of them contains a verb.
PHRASES: dict[str, tuple[str, ...]] = {
    "habit": ("every day", "on Mondays", "every weekend", "twice a week", "in the evening", "after work",
              "before breakfast", "on Saturday mornings", "every summer", "once a month"),
    "freq": ("usually", "often", "sometimes", "always", "rarely", "normally"),
    "past": ("yesterday", "last week", "two days ago", "last summer", "on Saturday", "last night",
             "the day before yesterday", "in 2019", "three weeks ago", "last month"),
    "future": ("tomorrow", "next week", "this weekend", "after lunch", "next month", "on Friday", "next summer",
               "tomorrow morning"),
    "now": ("right now", "at the moment", "now", "today"),
}

# ----------------------------------------------------------------------------------------------------------
# Test-only lemmas: the locked test set's verbs never appear as verbs in anything generated here
# ----------------------------------------------------------------------------------------------------------


def test_only_lemmas(path: Path | None = None) -> frozenset[str]:
    """The lemmas listed in ``data/test_only_lemmas.txt`` (one a line, ``#`` comments); empty if no file.

    Read at generation time, so a list written later applies to the next run. A line that is not one lowercase
    word raises ``ValueError`` naming the file and the line.
    """
    path = path or DATA_DIR / TEST_ONLY_LEMMAS_FILE
    if not path.exists():
        return frozenset()
    lemmas = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if not word.isalpha() or not word.islower():
            raise ValueError(f"{path}, line {number}: expected one lowercase lemma, got {word!r}")
        lemmas.add(word)
    return frozenset(lemmas)


GRAMMAR_VERBS = frozenset({"be", "have", "do", "will"})  # helpers every error kind needs, never excluded


def verb_lemmas(exclude: Iterable[str] | None = None) -> list[str]:
    """The lemmas of :data:`VERBS` the generator may use: all but the test-only ones (``exclude``, by default
    :func:`test_only_lemmas`)."""
    excluded = test_only_lemmas() if exclude is None else frozenset(exclude)
    clash = excluded & GRAMMAR_VERBS
    if clash:
        raise ValueError(f"{DATA_DIR / TEST_ONLY_LEMMAS_FILE}: {sorted(clash)} cannot be test-only: every "
                         "error kind needs the helpers be, have and do")
    return [v for v in VERBS if v not in excluded]


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


def wrong_pasts(lemma: str) -> list[str]:
    """Wrong simple pasts of an irregular verb: the regularized form and the participle, less any form
    lemminflect accepts as a past (fly -> 'flied' is one of its pasts, so only 'flown' is left)."""
    pasts = set(getInflection(lemma, tag="VBD")) | {inflect(lemma, "VB")}
    return [w for w in dict.fromkeys((regularize(lemma), inflect(lemma, "VBN"))) if w not in pasts]


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
# Templates: a frame with slots {s} subject, {aux} helper, {v} verb, {o} object, {a} adjective, a phrase slot
# of PHRASES ({habit}, {freq}, {past}, {future}, {now}) and a clause slot of CLAUSES ({lead_past} ...)
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    name: str
    kind: str
    family: str
    frame: str
    subjects: str = "all"
    variant: str = ""


# A side clause with its own, correctly formed verb ({cs} subject, {cv} verb form named by the clause's tense,
# {co} object). Frames with one put a second verb in the sentence; the error is always in the main verb.
CLAUSES: dict[str, tuple[str, ...]] = {
    "lead_past": ("When {cs} {cv} {co},", "After {cs} {cv} {co},", "When I was a child,",
                  "When we were at school,", "Before {cs} {cv} {co},"),
    "tail_past": ("because {cs} {cv} {co}", "after {cs} {cv} {co}", "before {cs} {cv} {co}",
                  "while {cs} {cv} {co}"),
    "lead_present": ("When {cs} {cv} {co},", "If the weather is nice,", "When it is cold,",
                     "Whenever {cs} {cv} {co},"),
    "tail_present": ("because {cs} {cv} {co}", "when {cs} {cv} {co}", "but {cs} {cv} {co}",
                     "while {cs} {cv} {co}"),
    "lead_future": ("If {cs} {cv} {co},", "When {cs} {cv} {co},", "If the weather is nice,",
                    "After {cs} {cv} {co},"),
    "tail_future": ("after {cs} {cv} {co}", "before {cs} {cv} {co}", "if {cs} {cv} {co}"),
    "tail_now": ("while {cs} {cv} {co}", "because {cs} {cv} {ca}"),
}
CLAUSE_TENSE = {"lead_past": "past", "tail_past": "past", "lead_present": "present", "tail_present": "present",
                "lead_future": "present", "tail_future": "present", "tail_now": "now"}

_T = Template
TEMPLATES: tuple[Template, ...] = (
    # the first generator's frames: train, and eval (the frozen dev set data/eval.jsonl was made from these)
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
    # the broader training frames: time phrases, adverbs, questions, negatives and a second (correct) verb
    _T("tps_freq_habit", "third_person_s", "train", "{s} {freq} {v} {o} {habit}.", "sg3"),
    _T("tps_lead", "third_person_s", "train", "{lead_present} {s} {v} {o}.", "sg3"),
    _T("tps_because", "third_person_s", "train", "{s} {v} {o} {habit} {tail_present}.", "sg3"),
    _T("tps_think", "third_person_s", "train", "I think that {s} {v} {o} {habit}.", "sg3"),
    _T("tps_but", "third_person_s", "train", "{s} {freq} {v} {o}, {tail_present}.", "sg3"),
    _T("pl_freq_habit", "plural_agreement", "train", "{habit_cap}, {s} {v} {o}.", "plural"),
    _T("pl_lead", "plural_agreement", "train", "{lead_present} {s} {v} {o} together.", "plural"),
    _T("pl_tail", "plural_agreement", "train", "{s} {v} {o} {habit}, {tail_present}.", "plural"),
    _T("pl_know", "plural_agreement", "train", "Everyone knows that {s} {freq} {v} {o}.", "plural"),
    _T("be_lead_past", "be_agreement", "train", "{lead_past} {s} {v} very {a}.", "all", "past"),
    _T("be_because", "be_agreement", "train", "{s} {v} {a} {now}, {tail_present}.", "all", "present"),
    _T("be_question", "be_agreement", "train", "{v} {s} {a} {now}?", "all", "present"),
    _T("be_past_tail", "be_agreement", "train", "{s} {v} {a} {past}, {tail_past}.", "all", "past"),
    _T("be_not", "be_agreement", "train", "{s} {v} not {a} {now}, {tail_present}.", "all", "present"),
    _T("ptm_lead", "past_time_marker", "train", "{lead_past} {s} {v} {o}.", "all"),
    _T("ptm_past_tail", "past_time_marker", "train", "{s} {v} {o} {past} {tail_past}.", "all"),
    _T("ptm_past_cap", "past_time_marker", "train", "{past_cap}, {s} {v} {o}.", "all"),
    _T("ptm_remember", "past_time_marker", "train", "I remember that {s} {v} {o} {past}.", "all"),
    _T("irr_past_cap", "irregular_past", "train", "{past_cap}, {s} {v} {o}.", "all"),
    _T("irr_lead", "irregular_past", "train", "{lead_past} {s} {v} {o}.", "all"),
    _T("irr_tail", "irregular_past", "train", "{s} {v} {o} {past} {tail_past}.", "all"),
    _T("irr_said", "irregular_past", "train", "My friend said that {s} {v} {o} {past}.", "all"),
    _T("pp_ever", "past_participle", "train", "{aux_cap} {s} ever {v} {o}?", "all", "question"),
    _T("pp_not_yet", "past_participle", "train", "{s} {aux} not {v} {o} yet.", "all"),
    _T("pp_since", "past_participle", "train", "{s} {aux} {v} {o} many times since {since}.", "all"),
    _T("pp_because", "past_participle", "train", "{s} {aux} already {v} {o}, {tail_present}.", "all"),
    _T("do_question_freq", "do_support", "train", "{aux} {s} {v} {o} {habit}?", "all", "q_aux"),
    _T("do_negative_because", "do_support", "train", "{s} {aux} {v} {o} {habit} {tail_present}.",
       "sg3", "neg_verb"),
    _T("do_negative_lead", "do_support", "train", "{lead_present} {s} {aux} {v} {o}.", "all", "neg_aux"),
    _T("do_question_why", "do_support", "train", "Why {aux} {s} {v} {o} {habit}?", "sg3", "q_verb"),
    _T("modal_question", "modal_base", "train", "{aux_cap} {s} {v} {o} {future}?", "all", "question"),
    _T("modal_lead", "modal_base", "train", "{lead_future} {s} {aux} {v} {o}.", "all"),
    _T("modal_tail", "modal_base", "train", "{s} {aux} {v} {o} {future} {tail_future}.", "all"),
    _T("modal_think", "modal_base", "train", "I think {s} {aux} {v} {o} {future}.", "all"),
    _T("prog_now", "progressive_ing", "train", "{s} {aux} {v} {o} {now} {tail_now}.", "all"),
    _T("prog_question", "progressive_ing", "train", "{aux_cap} {s} {v} {o} {now}?", "all", "question"),
    _T("prog_not", "progressive_ing", "train", "{s} {aux} not {v} {o} {now}, {tail_present}.", "all"),
    _T("prog_look", "progressive_ing", "train", "Look, {s} {aux} {v} {o} {now}.", "all"),
    _T("will_lead", "will_future", "train", "{lead_future} {s} will {v} {o} {future}.", "all"),
    _T("will_question", "will_future", "train", "Will {s} {v} {o} {future}?", "all"),
    _T("will_not", "will_future", "train", "{s} won't {v} {o} {future} {tail_future}.", "all"),
    _T("will_hope", "will_future", "train", "I hope that {s} will {v} {o} {future}.", "all"),
)
# Verbs written into frames and clauses themselves (besides be, have, do): never test-only ones either.
FRAME_VERBS = {"tps_think": "think", "pl_know": "know", "ptm_remember": "remember", "irr_said": "say",
               "modal_think": "think", "prog_look": "look", "will_hope": "hope"}
SINCE = ("2020", "last year", "January", "the summer")

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
        return {"v": rng.choice(wrong_pasts(lemma))}, {"v": inflect(lemma, "VBD")}
    if kind == "past_participle":
        aux = inflect("have", "VBZ") if subject.singular_third else "have"
        wrong = inflect(lemma, "VBD") if rng.random() < 0.75 else base
        return {"aux": aux, "v": wrong}, {"aux": aux, "v": inflect(lemma, "VBN")}
    if kind == "modal_base":
        modal = rng.choice(MODALS[:4] if variant == "question" else MODALS)
        wrong = vbz if rng.random() < 0.6 or variant == "question" else f"to {base}"
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
    if variant == "q_aux":  # do she like -> does she like; does they like -> do they like
        return {"aux": "does" if does == "do" else "do", "v": base}, {"aux": does, "v": base}
    aux = does + "n't" if variant == "neg_verb" else does  # she doesn't likes / does she likes
    return {"aux": aux, "v": vbz}, {"aux": aux, "v": base}


def _be_slots(subject: Subject, variant: str, rng: random.Random) -> tuple[Slots, Slots]:
    right = be_form(subject, past=variant == "past")
    if variant == "past":
        wrong = "were" if right == "was" else "was"
    else:
        wrong = rng.choice(("is", "are")) if right == "am" else ("are" if right == "is" else "is")
    return {"v": wrong}, {"v": right}


def _verbs_for(kind: str, lemmas: list[str]) -> list[str]:
    lemmas = [v for v in lemmas if kind in STATIVE_OK_KINDS or v not in STATIVE]
    if kind == "irregular_past":
        lemmas = [v for v in lemmas if is_irregular(v) and wrong_pasts(v)]
    if kind == "past_participle":
        lemmas = [v for v in lemmas if inflect(v, "VBN") != inflect(v, "VBD")]
    return lemmas


def _clause(slot: str, lemmas: list[str], rng: random.Random) -> tuple[str, str | None]:
    """A side clause for a clause slot, with its verb correctly formed: (text, its verb lemma or None)."""
    text = rng.choice(CLAUSES[slot])
    if "{cv}" not in text:
        return text, None
    subject = rng.choice(ALL_SUBJECTS)
    lemma = rng.choice([v for v in lemmas if v not in STATIVE])
    tense = CLAUSE_TENSE[slot]
    if tense == "past":
        verb = inflect(lemma, "VBD")
    elif tense == "present":
        verb = present(subject, lemma)
    elif "{ca}" in text:
        verb, lemma = be_form(subject, past=False), None
    else:
        verb = f"{be_form(subject, past=False)} {inflect(lemma, 'VBG')}"
    filled = text.format(cs=subject.text, cv=verb, co=rng.choice(VERBS[lemma]) if lemma else "",
                         ca=rng.choice(ADJECTIVES))
    return filled, lemma


def _render(frame: str, slots: Slots) -> str:
    text = " ".join(frame.format(**slots).split())
    return text[:1].upper() + text[1:]


MIN_WORDS, MAX_WORDS = 6, 20


def make_pair(template: Template, rng: random.Random, lemmas: list[str] | None = None
              ) -> tuple[str, str, tuple[str, ...]] | None:
    """One (wrong sentence, gold sentence, verb lemmas used) from a template, or None when the draw gives no
    error or a sentence outside :data:`MIN_WORDS`-:data:`MAX_WORDS` words. ``lemmas``: the verbs to draw
    from (default :func:`verb_lemmas`)."""
    lemmas = verb_lemmas() if lemmas is None else lemmas
    subject = rng.choice(SUBJECT_POOLS[template.subjects])
    lemma = rng.choice(_verbs_for(template.kind, lemmas))
    base = {"s": subject.text, "o": rng.choice(VERBS[lemma]), "a": rng.choice(ADJECTIVES), "aux": "",
            "since": rng.choice(SINCE)}
    used = [lemma] if template.kind != "be_agreement" else []
    for name, phrases in PHRASES.items():
        phrase = rng.choice(phrases)
        base[name], base[f"{name}_cap"] = phrase, phrase[:1].upper() + phrase[1:]
    for slot in CLAUSES:
        if "{" + slot + "}" in template.frame:
            base[slot], clause_lemma = _clause(slot, lemmas, rng)
            used += [clause_lemma] if clause_lemma else []
    if template.kind == "be_agreement":
        wrong, right = _be_slots(subject, template.variant, rng)
    else:
        wrong, right = _verb_slots(subject, lemma, template.kind, template.variant, rng)
    for slots in (wrong, right):
        slots["aux_cap"] = slots.get("aux", "")[:1].upper() + slots.get("aux", "")[1:]
    sentence, gold = _render(template.frame, {**base, **wrong}), _render(template.frame, {**base, **right})
    if sentence == gold or not all(MIN_WORDS <= len(t.split()) <= MAX_WORDS for t in (sentence, gold)):
        return None
    return sentence, gold, tuple(used)


# ----------------------------------------------------------------------------------------------------------
# Generation
# ----------------------------------------------------------------------------------------------------------


def _sample(kind: str, templates: list[Template], lemmas: list[str], rng: random.Random) -> dict[str, Any] | None:
    pool = templates if kind == "correct" else [t for t in templates if t.kind == kind]
    template = rng.choice(pool)
    made = make_pair(template, rng, lemmas)
    if made is None:
        return None
    wrong, gold, used = made
    extra = {"template": template.name, "lemmas": used}
    if kind == "correct":
        return {"sentence": gold, "correct": True, "gold": gold, "kind": "correct",
                "foil": wrong, "foil_kind": template.kind, **extra}
    return {"sentence": wrong, "correct": False, "gold": gold, "kind": kind, **extra}


def templates_for(family: str, exclude_lemmas: Iterable[str] = ()) -> list[Template]:
    """The family's templates, less those whose frame itself uses an excluded verb (:data:`FRAME_VERBS`)."""
    excluded = set(exclude_lemmas)
    return [t for t in TEMPLATES if t.family == family and FRAME_VERBS.get(t.name) not in excluded]


def generate(
    n: int, *, family: str, correct_share: float, seed: int, exclude: Iterable[str] = (),
    exclude_lemmas: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """``n`` examples from the ``family`` templates, ``round(n * correct_share)`` of them correct.

    Errors cycle through :data:`ERROR_KINDS`, so every kind appears about equally often. Sentences and golds
    are unique (compared with :func:`core.tutor.normalize_sentence`) and avoid every sentence in ``exclude``.
    No verb of ``exclude_lemmas`` (by default the test-only lemmas, :func:`test_only_lemmas`) is used.
    Besides ``sentence``, ``correct``, ``gold`` and ``kind``, each example has ``template`` (its template's
    name) and ``lemmas`` (the verb lemmas drawn for it); a correct one also has ``foil`` (the same sentence
    with the error its template makes) and ``foil_kind``. The same arguments always give the same list.
    """
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {FAMILIES}, got {family!r}")
    if not 0.0 <= correct_share <= 1.0:
        raise ValueError(f"correct_share must be in [0, 1], got {correct_share}")
    excluded = test_only_lemmas() if exclude_lemmas is None else frozenset(exclude_lemmas)
    lemmas = verb_lemmas(excluded)
    rng = random.Random(seed)
    templates = templates_for(family, excluded)
    n_correct = round(n * correct_share)
    plan = ["correct"] * n_correct + [ERROR_KINDS[i % len(ERROR_KINDS)] for i in range(n - n_correct)]
    rng.shuffle(plan)
    seen = {tutor.normalize_sentence(s) for s in exclude}
    examples = []
    for kind in plan:
        for _ in range(1000):
            example = _sample(kind, templates, lemmas, rng)
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
    "be_agreement": "Keep in mind: I am, he is, we are; I was, they were.",
    "past_time_marker": "Watch for words like 'yesterday', 'ago' and 'last'.",
    "irregular_past": "Irregular past forms have to be learned one by one.",
    "past_participle": "Mind the difference: 'she went', but 'she has gone'.",
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
    """An SFT file: per line ``{"sentence", "correct", "gold", "kind", "reply"}`` (a tutoring demo) or
    ``{"messages": [{"role", "content"}, ...]}`` ending with an assistant turn (a skill demo,
    ``core.skill_demos``); extra keys allowed."""
    path = Path(path)
    records = _read_jsonl(path)
    _require_records(path, records)
    for number, record in records:
        where = f"{path}, line {number}"
        if "messages" in record:
            _check_messages(record["messages"], where)
            continue
        for name, expected in SFT_FIELDS.items():
            _check_field(record, name, expected, where)
    return [record for _, record in records]


def demo_replies(path: str | Path | None = None, every: int = 3) -> list[str]:
    """The replies an SFT file teaches, every ``every``-th record (a tutoring demo's reply, a skill demo's last
    assistant turn): what ``core.generate.Drafter`` guesses from when one question is asked. ``path``
    defaults to the SFT data the shipped tutor learned from; [] when the file is missing or unreadable."""
    from core.config import SftConfig
    from core.paths import repo_path

    try:
        records = load_sft(repo_path(path or SftConfig.data))
    except (OSError, ValueError):
        return []
    return [r["reply"] if "reply" in r else r["messages"][-1]["content"] for r in records[::every]]


def _check_messages(messages: Any, where: str) -> None:
    if not isinstance(messages, list) or len(messages) < 2:
        raise ValueError(f"{where}: field 'messages' must be a list of at least two turns, got "
                         f"{_json_type(messages)}")
    for i, turn in enumerate(messages):
        if not isinstance(turn, dict):
            raise ValueError(f"{where}: messages[{i}] must be an object, got {_json_type(turn)}")
        if turn.get("role") not in ("system", "user", "assistant"):
            raise ValueError(f"{where}: messages[{i}].role must be system, user or assistant, got "
                             f"{turn.get('role')!r}")
        content = turn.get("content")
        if not isinstance(content, str) or not content.strip():
            raise ValueError(f"{where}: messages[{i}].content must be a non-empty string")
    if messages[-1]["role"] != "assistant":
        raise ValueError(f"{where}: the last turn of 'messages' must be the assistant's (the answer to learn)")
