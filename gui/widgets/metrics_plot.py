"""One live line plot of training metrics, used by every tab.

Series are keyed by the metric names TRL logs (``loss``, ``rewards/chosen``, ``eval_accuracy`` ...); events
are the dicts that core jobs pass to ``on_metrics``. Points go into growing numpy buffers; the curves are
redrawn at most ~20 times a second however fast events arrive, with clip-to-view and auto-downsampling on.

Besides its own keys a plot can carry extra named series (``add_series``: the Runs tab overlays several runs
this way), and it exports itself to PNG or SVG (``export``; "Export plot…" in its right-click menu).

The legend sits under the plot area (:class:`OutsideLegend`), never on the curves; axes show plain numbers (no
"(x0.001)" SI prefix); a long title is cut with "…" to the plot's width (the whole title in the tooltip); a
series of a single point is drawn as a dot. ``export_state`` / ``import_state`` hand the points over to a
rebuilt plot (a language switch) exactly once each.
"""

from __future__ import annotations

import contextlib
import importlib
import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import QFileDialog, QGridLayout, QLabel, QVBoxLayout, QWidget

from gui.widgets.messages import show_error
from gui.widgets.style import MUTED_COLOUR, PALETTE, TEXT_COLOUR

REDRAW_MS = 50
TITLE_SIZE = "12pt"
VIEW_ROOM = 90  # px of data area a plot in a PlotGrid keeps before the explanations move to the tooltips
UNFOLD_MARGIN = 10  # px more it needs to bring them back (no flicker at the edge)
DOT_SIZE = 7  # px: a series of one point is drawn as a dot of this size


class _Buffer:
    """A growing (x, y) float buffer; capacity doubles so appends are amortised O(1)."""

    def __init__(self) -> None:
        self.data = np.empty((2, 64), dtype=float)
        self.n = 0

    def append(self, x: float, y: float) -> None:
        if self.n == self.data.shape[1]:
            self.data = np.concatenate([self.data, np.empty_like(self.data)], axis=1)
        self.data[:, self.n] = (x, y)
        self.n += 1

    def xy(self) -> tuple[np.ndarray, np.ndarray]:
        return self.data[0, : self.n].copy(), self.data[1, : self.n].copy()


@contextlib.contextmanager
def _svg_close_path_fix():
    """Let pyqtgraph's SVG exporter read the path data Qt 6.9+ writes.

    Qt now closes a sub-path with a lone ``Z`` token, which pyqtgraph 0.14's ``correctCoordinates`` cannot
    split into x,y (pyqtgraph issue #3485): it fails on every plot. The wrapper hides the ``Z`` tokens while
    pyqtgraph maps the coordinates (one output token per input token), then puts them back in place.
    """
    module = importlib.import_module("pyqtgraph.exporters.SVGExporter")
    original = module.correctCoordinates

    def correct(node, defs, item, options):
        closes = {}
        for path in node.getElementsByTagName("path"):
            tokens = path.getAttribute("d").split()
            where = [i for i, t in enumerate(tokens) if t in ("Z", "z")]
            if where:
                closes[path] = where
                path.setAttribute("d", " ".join(t for t in tokens if t not in ("Z", "z")))
        result = original(node, defs, item, options)
        for path, where in closes.items():
            tokens = path.getAttribute("d").split()
            for i in where:
                tokens.insert(i, "Z")
            path.setAttribute("d", " ".join(tokens))
        return result

    module.correctCoordinates = correct
    try:
        yield
    finally:
        module.correctCoordinates = original


def _set_points(curve: pg.PlotDataItem, x: np.ndarray, y: np.ndarray) -> None:
    """Give ``curve`` its points; a single point (which a line cannot show) is drawn as a dot."""
    if len(x) == 1:
        colour = curve.opts["pen"].color() if hasattr(curve.opts["pen"], "color") else None
        curve.setData(x, y, symbol="o", symbolSize=DOT_SIZE, symbolPen=None, symbolBrush=colour)
    else:
        curve.setData(x, y, symbol=None)


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _let_title_overhang(label) -> None:
    """pyqtgraph makes a plot at least as wide as its title; in a narrow grid cell a long title ("Rewards: chosen
    vs rejected") then pushes the right edge of the plot out of view. Here the title never sets a minimum width
    (:meth:`MetricsPlot._elide_title` cuts it to the width the plot gets)."""
    original = label.updateMin

    def update_min() -> None:
        original()
        label.setMinimumWidth(0)
        label._sizeHint[Qt.SizeHint.MinimumSize] = (0, label._sizeHint[Qt.SizeHint.MinimumSize][1])
        label.updateGeometry()

    label.updateMin = update_min
    update_min()


class OutsideLegend(pg.LegendItem):
    """A legend in a row of its own under the plot area (and its axis label), so it never covers a curve.

    Entries flow left to right in as many columns as the plot's width holds, then wrap to a new row; the row's
    height follows. :func:`add_legend` puts one into any pyqtgraph ``PlotItem``.
    """

    ROW = 4  # PlotItem's grid: 0 title, 1 top axis, 2 view box, 3 bottom axis (with its label)
    GAP = 14  # px between two entries

    def __init__(self, **kwargs) -> None:
        super().__init__(offset=None, frame=False, **kwargs)
        self._available = 0.0

    def fit(self, width: float) -> None:
        """Lay the entries out for a plot ``width`` px wide."""
        self._available = width
        self.updateSize()

    def _entry_widths(self) -> list[float]:
        """Each entry's own width: swatch, spacing, the label's text (not the width the layout last stretched
        the label to: that fed back, and a legend once in two rows stayed so however wide the plot grew)."""
        spacing = self.layout.horizontalSpacing()
        return [sample.boundingRect().width() + spacing + label.item.boundingRect().width() + self.GAP
                for sample, label in self.items]

    def updateSize(self) -> None:  # noqa: N802 - pyqtgraph override
        widths = self._entry_widths()
        left, _, right, _ = self.layout.getContentsMargins()
        columns = max(1, len(widths))
        if self._available > 0:
            # the last entry of a row needs no gap after it
            while columns > 1 and sum(sorted(widths, reverse=True)[:columns]) - self.GAP + left + right > self._available:
                columns -= 1
        self.columnCount = columns
        self.rowCount = max(1, math.ceil(len(self.items) / columns))
        for i in range(self.layout.count() - 1, -1, -1):
            self.layout.removeAt(i)
        for i, (sample, label) in enumerate(self.items):
            row, column = divmod(i, columns)
            self.layout.addItem(sample, row, 2 * column, alignment=Qt.AlignmentFlag.AlignVCenter)
            self.layout.addItem(label, row, 2 * column + 1)
        rows = math.ceil(len(self.items) / columns) if self.items else 0
        row_height = max((label.boundingRect().height() for _, label in self.items), default=0)
        height = rows * row_height + (4 if rows else 0)
        width = max((sum(widths[r * columns:(r + 1) * columns]) for r in range(rows)), default=0)
        self.setMinimumSize(0, height)
        self.setMaximumSize(width + left + right, height)  # left-aligned in its row, entries side by side
        self.setVisible(bool(self.items))
        self.updateGeometry()


def add_legend(item: pg.PlotItem) -> OutsideLegend:
    """Give a pyqtgraph ``item`` an :class:`OutsideLegend` (the one it has, if any): curves plotted with a
    ``name`` get an entry."""
    if isinstance(item.legend, OutsideLegend):
        return item.legend
    legend = OutsideLegend(labelTextColor=TEXT_COLOUR, labelTextSize="9pt")
    # under the left axis and the plot area both: at 280 px a two-entry legend in Spanish fits in one row there
    item.layout.addItem(legend, OutsideLegend.ROW, 0, 1, 2)
    item.layout.setAlignment(legend, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    item.legend = legend
    item.vb.sigResized.connect(lambda vb: legend.fit(vb.width() + item.getAxis("left").width()))
    legend.fit(item.vb.width() + item.getAxis("left").width())
    return legend


class StepAxis(pg.AxisItem):
    """The step axis: steps are whole numbers, so no tick (and no label such as 1.5) falls between two."""

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph override
        levels = [(spacing, offset) for spacing, offset in super().tickSpacing(minVal, maxVal, size) if spacing >= 1]
        return levels or [(1.0, 0.0)]


def plain_axes(item: pg.PlotItem) -> None:
    """Plain numbers on both axes: no "(x0.001)" SI prefix that turns a loss of 0.13 into 130."""
    for side in ("left", "bottom"):
        item.getAxis(side).enableAutoSIPrefix(False)


class MetricsPlot(QWidget):
    """A titled plot of ``keys`` against ``step``, with a one-line explanation underneath.

    ``labels`` optionally maps a key to its legend text (default: the key itself).
    """

    def __init__(self, keys: list[str], title: str, explanation: str = "", y_label: str = "",
                 labels: dict[str, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys = list(keys)
        self._buffers = {k: _Buffer() for k in self.keys}
        self._dirty: set[str] = set()
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_MS)
        self._redraw.timeout.connect(self.refresh)

        self._extra: dict[str, tuple[pg.PlotDataItem, np.ndarray, np.ndarray]] = {}
        self.plot_widget = pg.PlotWidget(background="w", axisItems={"bottom": StepAxis("bottom")})
        self.plot_widget.setAntialiasing(True)
        self.plot_widget.setMinimumHeight(220)
        item = self.plot_widget.getPlotItem()
        self._title = ""
        _let_title_overhang(item.titleLabel)
        self.set_title(title)
        item.vb.sigResized.connect(self._elide_title)
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        item.showGrid(x=True, y=True, alpha=0.15)
        style = {"color": TEXT_COLOUR, "font-size": "10pt"}
        item.setLabel("bottom", self.tr("step"), **style)
        if y_label:
            item.setLabel("left", y_label, **style)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(MUTED_COLOUR))
            axis.setTextPen(pg.mkPen(TEXT_COLOUR))
            axis.setTickDensity(0.6)  # fewer, rounder tick labels on a tall plot
        plain_axes(item)
        if len(self.keys) > 1:
            self._add_legend()
        labels = labels or {}
        self._curves = {
            key: item.plot([], [], name=labels.get(key, key),
                           pen=pg.mkPen(PALETTE[i % len(PALETTE)], width=2))
            for i, key in enumerate(self.keys)
        }

        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet(f"color: {MUTED_COLOUR};")
        if not explanation:  # hide() only: setVisible(True) on a widget with no parent yet opens it as a window
            self.explanation.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.explanation)

        # pyqtgraph's own "Export..." opens a generic dialog; ours writes PNG or SVG straight away.
        self.export_action = QAction(self.tr("Export plot…"), self)
        self.export_action.triggered.connect(self.export_dialog)
        self.plot_widget.scene().contextMenu = [self.export_action]

    def _add_legend(self) -> None:
        add_legend(self.plot_widget.getPlotItem())

    # the title ------------------------------------------------------------------------------------------

    def set_explanation(self, text: str) -> None:
        """New text under the plot (or in its tooltip, where its PlotGrid has folded the explanations), and the
        grid checks again whether it fits."""
        self.explanation.setText(text)
        if self.property("explanation_folded"):
            self.plot_widget.setToolTip(folded_tooltip(self))
        grid = self.parentWidget()
        if isinstance(grid, PlotGrid):
            grid.check_soon()

    def title(self) -> str:
        """The whole title (the plot may show it cut with "…")."""
        return self._title

    def set_title(self, title: str) -> None:
        self._title = title
        self.setProperty("plain_tooltip", title)
        self.plot_widget.setToolTip(folded_tooltip(self) if self.property("explanation_folded") else title)
        self._elide_title()

    @Slot()
    def _elide_title(self, *_) -> None:
        font = QFont(self.font())
        font.setPointSizeF(float(TITLE_SIZE.removesuffix("pt")))
        item = self.plot_widget.getPlotItem()
        # centred over the view box, the title may overhang it by the left axis' width on one side only
        width = max(40, self.plot_widget.width() - item.getAxis("left").width() - 20)
        shown = QFontMetrics(font).elidedText(self._title, Qt.TextElideMode.ElideRight, width)
        if item.titleLabel.text != shown or not item.titleLabel.isVisible():
            item.setTitle(shown, color=TEXT_COLOUR, size=TITLE_SIZE)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide_title()

    def add(self, event: dict) -> None:
        """Append ``(event["step"], event[key])`` for every plotted key present in the event."""
        step = _number(event.get("step"))
        if step is None:
            return
        for key in self.keys:
            value = _number(event.get(key))
            if value is not None:
                self._buffers[key].append(step, value)
                self._dirty.add(key)
        if self._dirty and not self._redraw.isActive():
            self._redraw.start()

    def refresh(self) -> None:
        """Push buffered points to the curves now (normally done by the redraw timer)."""
        self._redraw.stop()
        for key in self._dirty:
            x, y = self._buffers[key].xy()
            _set_points(self._curves[key], x, y)
        self._dirty.clear()

    def clear(self) -> None:
        self._buffers = {k: _Buffer() for k in self.keys}
        self._dirty = set(self.keys)
        self.refresh()
        view = self.plot_widget.getPlotItem().getViewBox()
        view.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)  # empty: no earlier run's axes
        view.enableAutoRange()  # the next points set them again

    def export_state(self) -> dict[str, tuple[list[float], list[float]]]:
        """The plot's own points, key by key, for :meth:`import_state` on a rebuilt plot."""
        return {key: tuple(v.tolist() for v in self._buffers[key].xy()) for key in self.keys}

    def import_state(self, state: dict) -> None:
        """Show exactly the points of ``state`` (from :meth:`export_state`): whatever the plot held before is
        dropped, so no point is doubled and no line runs back from the last point to the first."""
        self._buffers = {k: _Buffer() for k in self.keys}
        for key, (xs, ys) in state.items():
            if key in self._buffers:
                for x, y in zip(xs, ys):
                    if _number(x) is not None and _number(y) is not None:
                        self._buffers[key].append(float(x), float(y))
        self._dirty = set(self.keys)
        self.refresh()

    def series(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """The (steps, values) received for ``key`` so far, or those of the extra series named ``key``."""
        if key not in self._buffers and key in self._extra:
            _, x, y = self._extra[key]
            return x.copy(), y.copy()
        return self._buffers[key].xy()

    # extra named series ---------------------------------------------------------------------------------

    def add_series(self, name: str, x, y, colour: str | None = None, dashed: bool = False,
                   legend: bool = True, style: Qt.PenStyle | None = None) -> pg.PlotDataItem:
        """Draw an extra curve ``name`` (replacing one of that name), with a legend entry unless ``legend`` is
        False. ``colour`` defaults to the next palette colour after the plot's own keys; ``style`` (else dashed
        or solid) is the line's; non-finite points are dropped."""
        self.remove_series(name)
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        keep = np.isfinite(x) & np.isfinite(y)
        x, y = x[keep], y[keep]
        item = self.plot_widget.getPlotItem()
        if legend and item.legend is None:
            self._add_legend()
        colour = colour or PALETTE[(len(self.keys) + len(self._extra)) % len(PALETTE)]
        style = style or (Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
        curve = item.plot([], [], name=name if legend else None, pen=pg.mkPen(colour, width=2, style=style))
        _set_points(curve, x, y)
        self._extra[name] = (curve, x, y)
        return curve

    def remove_series(self, name: str) -> None:
        if name in self._extra:
            self.plot_widget.getPlotItem().removeItem(self._extra.pop(name)[0])

    def clear_series(self) -> None:
        """Remove every extra series (the plot's own keys stay)."""
        for name in list(self._extra):
            self.remove_series(name)

    def series_names(self) -> list[str]:
        """Names of the extra series, in the order they were added."""
        return list(self._extra)

    # export ---------------------------------------------------------------------------------------------

    def export(self, path) -> Path:
        """Write the plot to ``path``, as SVG for ``.svg`` and as an image (PNG, JPEG, BMP) otherwise."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".svg", ".png", ".jpg", ".jpeg", ".bmp"):
            raise ValueError(f"{path.name}: export to .png or .svg")
        self.refresh()
        path.parent.mkdir(parents=True, exist_ok=True)
        item = self.plot_widget.getPlotItem()
        if suffix == ".svg":
            with _svg_close_path_fix():
                pyqtgraph.exporters.SVGExporter(item).export(str(path))
        else:
            # At the on-screen size: ImageExporter's "width" scales the text but not the legend or the pens.
            pyqtgraph.exporters.ImageExporter(item).export(str(path))
        return path

    @Slot()
    def export_dialog(self) -> Path | None:
        """Ask for a file name (PNG or SVG) and export there; None if the learner cancels."""
        title = self._title or "plot"
        name = "".join(c if c.isalnum() else "-" for c in title).strip("-").lower() or "plot"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export plot"), f"{name}.png",
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if not path:
            return None
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path += ".png"
        try:
            return self.export(path)
        except (OSError, ValueError) as exc:
            show_error(self, self.tr("Export failed"), str(exc))
            return None


def fold_explanation(plot: QWidget, fold: bool) -> None:
    """Move ``plot``'s explanation (a label under it) into the plot's tooltip, or back under it. An explanation
    its owner hid (the Runs tab, for a single curve) stays hidden."""
    label = plot.explanation
    folded = bool(plot.property("explanation_folded"))
    if not label.text() or (not folded and not label.isVisibleTo(plot)) or folded == fold:
        return
    plot.setProperty("explanation_folded", fold)
    label.setVisible(not fold)
    if fold:  # the plot's own tooltip (its whole title), then the explanation
        plot.setProperty("plain_tooltip", plot.plot_widget.toolTip())
    plot.plot_widget.setToolTip(folded_tooltip(plot) if fold else plot.property("plain_tooltip") or "")


def folded_tooltip(plot: QWidget) -> str:
    return "\n\n".join(t for t in (plot.property("plain_tooltip") or "", plot.explanation.text()) if t)


class PlotGrid(QWidget):
    """Plots (each with ``plot_widget`` and an ``explanation`` label: MetricsPlot, RewardHistogram) in rows of
    ``columns``, the rows of equal stretch. Where a plot's data area would be shorter than :data:`VIEW_ROOM`
    (four plots in a 1024 x 700 window left the DPO loss 74 px), every explanation moves to its plot's tooltip,
    all at once so that the plots stay alike; they come back when the rows have room for them again."""

    def __init__(self, plots: list[QWidget], columns: int = 2, spacing: int = 10,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plots = list(plots)
        self.rows = math.ceil(len(self.plots) / columns)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(spacing)
        for i, plot in enumerate(self.plots):
            self.grid.addWidget(plot, i // columns, i % columns)
        for row in range(self.rows):
            self.grid.setRowStretch(row, 1)
        self._check = QTimer(self, singleShot=True, interval=0)  # once the plots have their new sizes
        self._check.timeout.connect(self.fit_explanations)

    def folded(self) -> bool:
        return any(bool(p.property("explanation_folded")) for p in self.plots)

    def check_soon(self) -> None:
        """Fold or unfold once the event loop has laid the plots out (:meth:`fit_explanations`)."""
        self._check.start()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.check_soon()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.check_soon()

    def fit_explanations(self) -> None:
        """Fold or unfold the explanations by the data area the shortest plot has (would have) with them."""
        def with_explanation(plot) -> float:
            height = plot.plot_widget.getPlotItem().vb.height()
            if plot.property("explanation_folded"):
                height -= plot.explanation.heightForWidth(max(1, plot.width())) + plot.layout().spacing()
            return height

        if not self.isVisible():
            return
        room = min(with_explanation(p) for p in self.plots)
        fold = room < VIEW_ROOM if not self.folded() else room < VIEW_ROOM + UNFOLD_MARGIN
        for plot in self.plots:
            fold_explanation(plot, fold)
