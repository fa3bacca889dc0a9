"""One live line plot of training metrics, used by every tab.

Series are keyed by the metric names TRL logs (``loss``, ``rewards/chosen``, ``eval_accuracy`` ...); events
are the dicts that core jobs pass to ``on_metrics``. Points go into growing numpy buffers; the curves are
redrawn at most ~20 times a second however fast events arrive, with clip-to-view and auto-downsampling on.

Besides its own keys a plot can carry extra named series (``add_series``: the Runs tab overlays several runs
this way), and it exports itself to PNG or SVG (``export``; "Export plot…" in its right-click menu).
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
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from gui.widgets.messages import show_error
from gui.widgets.style import MUTED_COLOUR, PALETTE, TEXT_COLOUR

REDRAW_MS = 50


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


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _let_title_overhang(label) -> None:
    """pyqtgraph makes a plot at least as wide as its title; in a narrow grid cell a long title ("Rewards: chosen
    vs rejected") then pushes the right edge of the plot, legend included, out of view. Here the title may
    overhang its cell instead, and the plot keeps the cell's width."""
    original = label.updateMin

    def update_min() -> None:
        original()
        label.setMinimumWidth(0)
        label._sizeHint[Qt.SizeHint.MinimumSize] = (0, label._sizeHint[Qt.SizeHint.MinimumSize][1])
        label.updateGeometry()

    label.updateMin = update_min
    update_min()


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
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setAntialiasing(True)
        self.plot_widget.setMinimumHeight(220)
        item = self.plot_widget.getPlotItem()
        item.setTitle(title, color=TEXT_COLOUR, size="12pt")
        _let_title_overhang(item.titleLabel)
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        item.showGrid(x=True, y=True, alpha=0.15)
        style = {"color": TEXT_COLOUR, "font-size": "10pt"}
        item.setLabel("bottom", "step", **style)
        if y_label:
            item.setLabel("left", y_label, **style)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(MUTED_COLOUR))
            axis.setTextPen(pg.mkPen(TEXT_COLOUR))
            axis.setTickDensity(0.6)  # fewer, rounder tick labels on a tall plot
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
        self.explanation.setVisible(bool(explanation))

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
        self.plot_widget.getPlotItem().addLegend(offset=(-10, 10), labelTextColor=TEXT_COLOUR,
                                                 brush=pg.mkBrush(255, 255, 255, 220))

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
            self._curves[key].setData(*self._buffers[key].xy())
        self._dirty.clear()

    def clear(self) -> None:
        self._buffers = {k: _Buffer() for k in self.keys}
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
                   legend: bool = True) -> pg.PlotDataItem:
        """Draw an extra curve ``name`` (replacing one of that name), with a legend entry unless ``legend`` is
        False. ``colour`` defaults to the next palette colour after the plot's own keys; non-finite points are
        dropped."""
        self.remove_series(name)
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        keep = np.isfinite(x) & np.isfinite(y)
        x, y = x[keep], y[keep]
        item = self.plot_widget.getPlotItem()
        if legend and item.legend is None:
            self._add_legend()
        colour = colour or PALETTE[(len(self.keys) + len(self._extra)) % len(PALETTE)]
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        curve = item.plot(x, y, name=name if legend else None, pen=pg.mkPen(colour, width=2, style=style))
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
        title = self.plot_widget.getPlotItem().titleLabel.text or "plot"
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
