"""How the app writes a rate: whole percent, halves rounded up as a reader rounds them."""

from __future__ import annotations

from gui.widgets.style import interval_text, percent, whole_percent


def test_halves_round_up_as_people_round_them():
    # 29/40 = 0.725 is 72.4999… in binary: format() would write 72%
    assert percent(29 / 40) == "73%"
    assert percent(1 / 8) == "13%"
    assert percent(0.724) == "72%"
    assert percent(0) == "0%" and percent(1) == "100%"
    assert percent(None) == "—"


def test_interval_bounds_round_like_the_rate():
    assert interval_text(29 / 40, 0.565, 0.845) == "73% (57–85)"
    # k/40 is 2.5k percent: a half for every odd k, rounded up
    assert [whole_percent(k / 40) for k in range(41)] == [(5 * k + 1) // 2 for k in range(41)]
