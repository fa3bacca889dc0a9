"""MetricsPlot: events in, numpy series out."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gui.widgets.metrics_plot import MetricsPlot


@pytest.fixture
def plot(qtbot):
    widget = MetricsPlot(["loss", "rewards/chosen"], "Loss", "What the curve means.", y_label="loss")
    qtbot.addWidget(widget)
    return widget


def test_add_appends_present_keys_only(plot):
    plot.add({"step": 1, "loss": 2.0})
    plot.add({"step": 2, "loss": 1.5, "rewards/chosen": 0.25})
    plot.add({"phase": "loading model"})          # no step: ignored
    plot.add({"step": 3, "loss": math.nan})       # not finite: ignored
    plot.add({"step": 4, "loss": "n/a", "rewards/chosen": True})  # not numbers: ignored
    x, y = plot.series("loss")
    np.testing.assert_array_equal(x, [1, 2])
    np.testing.assert_array_equal(y, [2.0, 1.5])
    x, y = plot.series("rewards/chosen")
    np.testing.assert_array_equal(x, [2])
    np.testing.assert_array_equal(y, [0.25])


def test_buffers_grow_past_initial_capacity_and_curves_update(plot):
    for step in range(1, 301):
        plot.add({"step": step, "loss": 1.0 / step})
    plot.refresh()
    x, y = plot.series("loss")
    assert len(x) == 300 and x[-1] == 300 and y[-1] == pytest.approx(1 / 300)
    cx, _ = plot._curves["loss"].getOriginalDataset()
    assert len(cx) == 300


def test_redraw_timer_pushes_points(plot, qtbot):
    plot.add({"step": 1, "loss": 1.0})
    qtbot.waitUntil(lambda: plot._curves["loss"].getOriginalDataset()[0] is not None
                    and len(plot._curves["loss"].getOriginalDataset()[0]) == 1, timeout=2000)


def test_clear_empties_series_and_curves(plot):
    plot.add({"step": 1, "loss": 1.0, "rewards/chosen": 0.1})
    plot.clear()
    for key in plot.keys:
        x, y = plot.series(key)
        assert len(x) == len(y) == 0
    plot.add({"step": 1, "loss": 3.0})
    assert plot.series("loss")[1].tolist() == [3.0]


def test_legend_only_with_several_series(qtbot):
    single = MetricsPlot(["loss"], "Loss")
    qtbot.addWidget(single)
    assert single.plot_widget.getPlotItem().legend is None
    assert not single.explanation.isVisibleTo(single)
