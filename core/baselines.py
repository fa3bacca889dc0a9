"""Baselines for the reward model: how far a rule with no model at all gets on the same held-out pairs.

A reward model's held-out accuracy means something only beside what a trivial rule scores:

* **length** (``length_longer``, ``length_shorter``): the longer (or shorter) reply wins;
* **phrase lookup** (``lookup``): from the *training* pairs, count for every phrase how often it was in the
  chosen reply and how often in the rejected one; a held-out reply scores the summed log-odds of its phrases,
  and the higher-scoring reply of a pair is predicted chosen. A phrase is a run of 1 to 4 consecutive words
  of the reply (:data:`MAX_N`; lower-cased, punctuation and arrows count as words, so "→ goes ." is a
  phrase), counted once per reply. Log-odds use add-one smoothing, ``log((chosen + 1) / (rejected + 1))``, so
  a phrase never seen in training adds 0.

When held-out pairs are built like the training pairs, the same phrases decide them and the lookup scores
nearly as well as the model: the model has then shown nothing a table could not. Every rule here counts a tie
(the two replies score the same) as half right, what a coin toss would get.
"""

from __future__ import annotations

import math
import re
from collections import Counter

MAX_N = 4  # phrases of 1..4 words: long enough for "is already correct", short enough to recur
_WORD = re.compile(r"[\w']+|[^\w\s]")


def _accuracy(wins: list[float]) -> float | None:
    return sum(wins) / len(wins) if wins else None


def _win(chosen: float, rejected: float) -> float:
    return 1.0 if chosen > rejected else 0.5 if chosen == rejected else 0.0


def length_baseline(rows: list[dict]) -> dict:
    """Accuracy of ranking by length (characters) alone: ``longer`` (longer reply wins) and ``shorter``.

    A tie counts half, so the two add up to 1 (None without pairs).
    """
    longer = _accuracy([_win(len(r["chosen"]), len(r["rejected"])) for r in rows])
    return {"longer": longer, "shorter": None if longer is None else 1.0 - longer}


def phrases(reply: str, max_n: int = MAX_N) -> set[tuple[str, ...]]:
    """The distinct word n-grams (n = 1..max_n) of a reply, lower-cased."""
    words = _WORD.findall(reply.lower())
    return {tuple(words[i:i + n]) for n in range(1, max_n + 1) for i in range(len(words) - n + 1)}


class PhraseLookup:
    """Log-odds of each phrase being in the chosen rather than the rejected reply, counted on training pairs."""

    def __init__(self, train_rows: list[dict], max_n: int = MAX_N) -> None:
        if not train_rows:
            raise ValueError("phrase lookup: no training pairs to count phrases in")
        self.max_n = max_n
        chosen, rejected = Counter(), Counter()
        for r in train_rows:
            chosen.update(phrases(r["chosen"], max_n))
            rejected.update(phrases(r["rejected"], max_n))
        self.log_odds = {p: math.log((chosen[p] + 1) / (rejected[p] + 1)) for p in chosen.keys() | rejected.keys()}

    def score(self, reply: str) -> float:
        """The summed log-odds of the reply's phrases (0 for phrases never seen in training). Summed exactly
        (``math.fsum``): a plain sum over the set of phrases depended on the set's order, i.e. on Python's string
        hash seed, and a tie on pairs_sampled became a win in 2 of 40 processes (lookup 0.585 or 0.593)."""
        return math.fsum(self.log_odds.get(p, 0.0) for p in phrases(reply, self.max_n))

    def accuracy(self, rows: list[dict]) -> float | None:
        """Share of pairs whose chosen reply scores higher (ties half; None without pairs)."""
        return _accuracy([_win(self.score(r["chosen"]), self.score(r["rejected"])) for r in rows])


def reward_baselines(train_rows: list[dict], heldout_rows: list[dict]) -> dict:
    """``{"pairs", "length_longer", "length_shorter", "lookup"}`` on the held-out pairs, the lookup counted on
    the training pairs."""
    length = length_baseline(heldout_rows)
    return {"pairs": len(heldout_rows), "length_longer": length["longer"], "length_shorter": length["shorter"],
            "lookup": PhraseLookup(train_rows).accuracy(heldout_rows)}
