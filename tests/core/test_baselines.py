"""The reward model's no-model baselines on hand-made toy pairs whose answers are known."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from core.baselines import PhraseLookup, length_baseline, phrases, reward_baselines

# Training pairs: "well done" is always chosen, "you fool" always rejected; "the verb" is in both.
TRAIN = [
    {"prompt": "p1", "chosen": "Well done, the verb is right.", "rejected": "You fool, the verb is wrong."},
    {"prompt": "p2", "chosen": "Well done.", "rejected": "You fool."},
    {"prompt": "p3", "chosen": "The verb agrees. Well done.", "rejected": "The verb agrees, you fool."},
]
HELDOUT = [
    # lookup right: the chosen reply has the chosen phrase
    {"prompt": "q1", "chosen": "Well done!", "rejected": "You fool!"},
    # lookup right, although the rejected reply is longer
    {"prompt": "q2", "chosen": "Well done, it is fine.", "rejected": "It is fine, you fool, honestly."},
    # lookup wrong: here the learner preferred the reply with the phrase training rejected
    {"prompt": "q3", "chosen": "You fool.", "rejected": "Well done."},
    # a tie: no phrase of either reply was seen in training
    {"prompt": "q4", "chosen": "Gracias amigo", "rejected": "Adios amigo"},
]


def test_phrases_are_lower_cased_word_ngrams_up_to_four():
    got = phrases("Verb: go → goes.")
    assert ("verb",) in got and (":",) in got and ("→",) in got
    assert ("go", "→", "goes") in got and ("verb", ":", "go", "→") in got
    assert not any(len(p) > 4 for p in got)
    assert phrases("Well well") == {("well",), ("well", "well")}  # counted once per reply


def test_log_odds_by_hand():
    lookup = PhraseLookup(TRAIN)
    # "well done" in 3 chosen, 0 rejected replies: log(4 / 1); "verb" in 2 of each: log(3 / 3) = 0
    assert lookup.log_odds[("well", "done")] == pytest.approx(math.log(4))
    assert lookup.log_odds[("fool",)] == pytest.approx(math.log(1 / 4))
    assert lookup.log_odds[("verb",)] == 0.0
    assert lookup.score("Nothing seen here") == 0.0
    assert lookup.score("Well done") == pytest.approx(3 * math.log(4))  # "well", "done", "well done"


def test_lookup_accuracy_on_the_toy_set():
    # right, right, wrong, tie (half)
    assert PhraseLookup(TRAIN).accuracy(HELDOUT) == pytest.approx((1 + 1 + 0 + 0.5) / 4)
    assert PhraseLookup(TRAIN).accuracy([]) is None


def test_lookup_needs_training_pairs():
    with pytest.raises(ValueError, match="no training pairs"):
        PhraseLookup([])


def test_length_baselines_count_ties_half():
    rows = [{"chosen": "long reply", "rejected": "short"},   # longer wins
            {"chosen": "short", "rejected": "long reply"},   # shorter wins
            {"chosen": "short", "rejected": "brief"},        # tie
            {"chosen": "a much longer reply", "rejected": "x"}]
    assert length_baseline(rows) == {"longer": pytest.approx(2.5 / 4), "shorter": pytest.approx(1.5 / 4)}
    assert length_baseline([]) == {"longer": None, "shorter": None}


def test_reward_baselines_on_the_toy_set():
    got = reward_baselines(TRAIN, HELDOUT)
    assert got["pairs"] == 4
    assert got["lookup"] == pytest.approx(0.625)
    # by characters the chosen reply is the longer one in q1 (10 vs 9) and q4 (13 vs 11), the shorter in q2, q3
    assert got["length_longer"] == pytest.approx(2 / 4) and got["length_shorter"] == pytest.approx(2 / 4)


def test_the_lookup_does_not_depend_on_the_string_hash_seed():
    """The summed log-odds ran over a set of phrases in the set's order: in 2 of 40 processes (hash seeds 0-39)
    a tie on pairs_sampled became a win (seeds 23 and 27)."""
    import subprocess
    import sys

    code = ("from core.baselines import reward_baselines\nfrom core.pairs import load_pairs\n"
            "print(reward_baselines(load_pairs('data/pairs_train.jsonl'), "
            "load_pairs('data/pairs_sampled.jsonl'))['lookup'])")
    root = Path(__file__).resolve().parents[2]
    seen = {subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip() for seed in (0, 23, 27)}
    assert len(seen) == 1, seen
