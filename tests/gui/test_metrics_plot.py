"""MetricsPlot: events in, numpy series out."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

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


def test_a_cleared_plot_shows_no_earlier_runs_axes(plot):
    view = plot.plot_widget.getPlotItem().getViewBox()
    for step in range(1, 4):
        plot.add({"step": step, "loss": 5.7 + step / 100})
    plot.refresh()
    view.updateAutoRange()
    assert view.viewRange()[1][0] > 5
    plot.clear()
    assert view.viewRange() == [[0, 1], [0, 1]]
    plot.add({"step": 1, "loss": 9.0})
    plot.add({"step": 2, "loss": 8.0})
    plot.refresh()
    view.updateAutoRange()
    assert view.viewRange()[1][0] > 7  # the next points set the axes again


def test_legend_only_with_several_series(qtbot):
    single = MetricsPlot(["loss"], "Loss")
    qtbot.addWidget(single)
    assert single.plot_widget.getPlotItem().legend is None
    assert not single.explanation.isVisibleTo(single)


def test_extra_series_get_legend_entries_and_clear(plot):
    plot.add({"step": 1, "loss": 1.0})
    plot.add_series("dpo β=0.1 (14:02)", [1, 2, 3], [0.7, 0.5, math.nan])
    plot.add_series("dpo β=0.5 (14:20)", [1, 2], [0.6, 0.4], colour="#123456", dashed=True)
    assert plot.series_names() == ["dpo β=0.1 (14:02)", "dpo β=0.5 (14:20)"]
    x, y = plot.series("dpo β=0.1 (14:02)")
    assert x.tolist() == [1, 2] and y.tolist() == [0.7, 0.5]  # the NaN point is dropped
    legend = [label.text for _, label in plot.plot_widget.getPlotItem().legend.items]
    assert "dpo β=0.5 (14:20)" in legend
    plot.add_series("dpo β=0.1 (14:02)", [1], [0.9])  # same name: replaced, not doubled
    assert plot.series("dpo β=0.1 (14:02)")[1].tolist() == [0.9]
    plot.clear_series()
    assert plot.series_names() == []
    legend = [label.text for _, label in plot.plot_widget.getPlotItem().legend.items]
    assert legend == ["loss", "rewards/chosen"]
    assert plot.series("loss")[1].tolist() == [1.0]  # own keys untouched


def test_extra_series_on_a_plot_without_keys_adds_a_legend(qtbot):
    bare = MetricsPlot([], "Overlay")
    qtbot.addWidget(bare)
    bare.add_series("run a", [1, 2], [3, 4])
    assert bare.plot_widget.getPlotItem().legend is not None


def test_export_png_and_svg(plot, tmp_path):
    from PySide6.QtGui import QImage

    for step in range(1, 6):
        plot.add({"step": step, "loss": 1.0 / step, "rewards/chosen": 0.1 * step})
    plot.add_series("other run", [1, 2, 3], [0.5, 0.4, 0.3])
    png = plot.export(tmp_path / "loss.png")
    svg = plot.export(tmp_path / "sub" / "loss.svg")
    assert png.stat().st_size > 0 and svg.stat().st_size > 0
    assert not QImage(str(png)).isNull()
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith(("<?xml", "<svg")) and "<polyline" in text
    with pytest.raises(ValueError):
        plot.export(tmp_path / "loss.txt")


def test_context_menu_offers_export(plot):
    assert plot.plot_widget.scene().contextMenu == [plot.export_action]


def test_a_long_title_does_not_make_the_plot_wider(qtbot):
    """In the DPO tab's narrow grid cells, "Rewards: chosen vs rejected" used to push the plot's right edge
    (legend included) out of view: pyqtgraph made the plot at least as wide as its title."""
    title = "Rewards: chosen vs rejected, a title far wider than the cell it is drawn in"
    plot = MetricsPlot(["rewards/chosen", "rewards/rejected"], title)
    qtbot.addWidget(plot)
    item = plot.plot_widget.getPlotItem()
    natural = item.titleLabel.itemRect().width()
    assert natural > 300
    assert item.effectiveSizeHint(Qt.SizeHint.MinimumSize).width() < natural / 2
    item.setTitle(title + " (again)")  # a new title keeps the rule
    assert item.titleLabel.minimumWidth() == 0


def test_the_legend_lies_outside_the_plot_area(plot, qtbot):
    """The legend has a row of its own under the axis, so it never covers a curve, and wraps when narrow."""
    plot.resize(600, 320)
    plot.show()
    qtbot.waitExposed(plot)
    plot.add_series("a run with a long legend name (14:02)", [1, 2], [1, 2])
    qtbot.wait(50)
    item = plot.plot_widget.getPlotItem()
    legend = item.legend.sceneBoundingRect()
    assert legend.height() > 0 and not legend.intersects(item.vb.sceneBoundingRect())
    assert legend.top() >= item.getAxis("bottom").sceneBoundingRect().bottom() - 1
    one_row = legend.height()
    plot.resize(260, 320)
    qtbot.wait(50)
    assert item.legend.columnCount < 3 and item.legend.sceneBoundingRect().height() > one_row
    assert item.legend.sceneBoundingRect().right() <= plot.plot_widget.width() + 1


def test_axes_show_plain_numbers(plot):
    """No "(x0.001)" SI prefix: a loss of 0.13 reads 0.13, not 130."""
    for step, value in ((1, 0.31), (2, 0.13)):
        plot.add({"step": step, "loss": value})
    plot.refresh()
    item = plot.plot_widget.getPlotItem()
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        assert not axis.autoSIPrefix and axis.autoSIPrefixScale == 1.0
    assert "x0.001" not in item.getAxis("left").labelString()


def test_a_single_point_is_drawn_as_a_dot(plot):
    plot.add({"step": 3, "loss": 0.25})
    plot.refresh()
    assert plot._curves["loss"].opts["symbol"] == "o"
    plot.add({"step": 4, "loss": 0.2})
    plot.refresh()
    assert plot._curves["loss"].opts["symbol"] is None
    curve = plot.add_series("one point", [1], [0.5])
    assert curve.opts["symbol"] == "o"


def test_a_long_title_is_cut_with_an_ellipsis(qtbot):
    title = "Rewards: chosen vs rejected, a title far wider than the cell it is drawn in"
    plot = MetricsPlot(["loss"], title)
    qtbot.addWidget(plot)
    plot.resize(260, 300)
    plot.show()
    qtbot.waitExposed(plot)
    label = plot.plot_widget.getPlotItem().titleLabel
    assert label.text.endswith("…") and title.startswith(label.text[:-1])
    assert label.item.boundingRect().width() < plot.plot_widget.width()
    assert plot.title() == title and plot.plot_widget.toolTip() == title
    plot.resize(1200, 300)
    qtbot.waitUntil(lambda: label.text == title, timeout=2000)


def test_state_moves_to_a_rebuilt_plot_exactly_once(plot, qtbot):
    for step in (1, 2, 3):
        plot.add({"step": step, "loss": 1.0 / step})
    state = plot.export_state()
    twin = MetricsPlot(["loss", "rewards/chosen"], "Loss")
    qtbot.addWidget(twin)
    twin.add({"step": 1, "loss": 9.0})  # something the rebuilt plot already held: replaced, not appended to
    twin.import_state(state)
    twin.import_state(state)
    x, y = twin.series("loss")
    assert x.tolist() == [1, 2, 3] and y.tolist() == pytest.approx([1.0, 0.5, 1 / 3])
    cx, _ = twin._curves["loss"].getData()
    assert cx.tolist() == [1, 2, 3], "no line back from the last point to the first"


def test_the_step_axis_labels_whole_steps_only(plot):
    """Two or three steps used to be labelled 0, 0.5, 1, 1.5, 2: a step is a whole number."""
    plot.resize(600, 300)
    for step in (1, 2):
        plot.add({"step": step, "loss": 1.0 / step})
    plot.refresh()
    axis = plot.plot_widget.getPlotItem().getAxis("bottom")
    for low, high in ((1, 2), (0, 3), (0, 250)):
        ticks = [value for _, values in axis.tickValues(low, high, 500) for value in values]
        assert ticks and all(value == int(value) for value in ticks), (low, high, ticks)
    assert plot.plot_widget.getPlotItem().getAxis("left").tickValues(0, 1, 300)[0][0] < 1  # the loss axis keeps fractions


def test_a_legend_in_two_rows_goes_back_to_one_when_the_plot_widens(qtbot):
    """The entries' widths were read from the labels as the layout had stretched them: once in two rows, the
    legend stayed so however wide the plot grew step by step."""
    plot = MetricsPlot(["a", "b"], "T", labels={"a": "entrenamiento", "b": "reservados"})
    qtbot.addWidget(plot)
    legend = plot.plot_widget.getPlotItem().legend
    plot.resize(150, 300)
    plot.show()
    qtbot.wait(20)
    assert legend.columnCount == 1
    for width in range(150, 520, 4):
        plot.resize(width, 300)
        QApplication.processEvents()
    assert legend.columnCount == 2
