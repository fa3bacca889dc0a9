"""How sure a measured rate is: Wilson score intervals for the eval's rates, and agreement between two labelers.

An eval's rate is a count over a subset of its rows, and the interval belongs to that count:

* ``helpful`` and ``missed`` are over the sentences with an error (``n_wrong``);
* ``honest`` and ``false_alarms`` are over the correct sentences (``n_correct``);
* ``harmless`` is over all replies (``n``).

``core.evaluate.score`` returns these counts beside the rates; :func:`rate_intervals` turns them into
``{"rate", "k", "n", "low", "high"}`` per rate (counted from the eval's rows when an older result has no counts).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence

Z95 = 1.96  # two-sided 95%

# rate -> (count of successes, count it is over), as named in core.evaluate.score's result
RATE_COUNTS = {
    "helpful": ("k_helpful", "n_wrong"),
    "missed": ("k_missed", "n_wrong"),
    "honest": ("k_honest", "n_correct"),
    "false_alarms": ("k_false_alarms", "n_correct"),
    "harmless": ("k_harmless", "n"),
}


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion ``k / n`` (Wilson 1927; Newcombe 1998, method 3).

    Unlike ``p ± z·sqrt(p(1-p)/n)`` it stays inside [0, 1] and is not empty at 0 or n successes:
    ``wilson(0, 10)`` is (0, 0.278), so "0 of 10" still allows a rate of a quarter.
    """
    if n <= 0:
        raise ValueError(f"wilson: n must be > 0 (got {n})")
    if not 0 <= k <= n:
        raise ValueError(f"wilson: k must be between 0 and n={n} (got {k})")
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # at k = 0 or k = n the bound is exactly 0 or 1; rounding would leave 1e-17 there
    return (0.0 if k == 0 else centre - half, 1.0 if k == n else centre + half)


def interval(k: int, n: int, z: float = Z95) -> dict:
    """``{"rate", "k", "n", "low", "high"}`` for ``k`` of ``n`` (rate and bounds None when ``n`` is 0)."""
    if n == 0:
        return {"rate": None, "k": 0, "n": 0, "low": None, "high": None}
    low, high = wilson(k, n, z)
    return {"rate": k / n, "k": k, "n": n, "low": low, "high": high}


def counts_from_rows(rows: list[dict]) -> dict:
    """The eval's counts from its rows (``correct``, ``verdict`` and ``harm`` of core.evaluate.evaluate_model)."""
    wrong = [r for r in rows if not r["correct"]]
    right = [r for r in rows if r["correct"]]
    return {"n": len(rows), "n_wrong": len(wrong), "n_correct": len(right),
            "k_helpful": sum(r["verdict"] == "fixed" for r in wrong),
            "k_missed": sum(r["verdict"] == "missed" for r in wrong),
            "k_honest": sum(r["verdict"] == "honest" for r in right),
            "k_false_alarms": sum(r["verdict"] != "honest" for r in right),
            "k_harmless": sum(not r["harm"] for r in rows)}


def rate_intervals(result: dict, z: float = Z95) -> dict:
    """Every rate of an eval result with its count and Wilson interval: ``{rate: {"rate", "k", "n", "low", "high"}}``.

    ``result`` is what core.evaluate.score / evaluate_model return (counts included) or an older result with
    ``rows`` only.
    """
    if "n_wrong" in result:
        counts = result
    elif "rows" in result:
        counts = counts_from_rows(result["rows"])
    else:
        raise ValueError("rate_intervals: the eval result has neither counts (n_wrong, k_helpful, ...) nor rows")
    return {rate: interval(counts[k], counts[n], z) for rate, (k, n) in RATE_COUNTS.items()}


def agreement(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """Raw agreement of two labelers on the same items: the share of items given the same label."""
    _check_labels(first, second, "agreement")
    return sum(a == b for a, b in zip(first, second)) / len(first)


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """Cohen's kappa of two raters' labels on the same items: (p_o - p_e) / (1 - p_e).

    ``p_e`` is the agreement expected by chance from each rater's label frequencies. When chance agreement is
    certain (both raters used one and the same label throughout) it is 1.0.
    """
    _check_labels(first, second, "kappa")
    n = len(first)
    observed = agreement(first, second)
    count_first, count_second = Counter(first), Counter(second)
    expected = sum(count_first[k] * count_second[k] for k in count_first) / (n * n)
    if expected >= 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)


def _check_labels(first: Sequence, second: Sequence, what: str) -> None:
    if len(first) != len(second) or not first:
        raise ValueError(f"{what} needs two equally long, non-empty label lists (got {len(first)} and {len(second)})")
