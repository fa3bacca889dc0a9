"""One live line plot of training metrics, used by every tab.

Series are keyed by the metric names TRL logs (``loss``, ``rewards/chosen``, ``eval_accuracy`` ...); events
are the dicts that core jobs pass to ``on_metrics``. Points go into growing numpy buffers; the curves are
redrawn at most ~20 times a second however fast events arrive, with clip-to-view and auto-downsampling on.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

# Colour-blind-safe palette (Okabe-Ito), in the order series are added.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
TEXT_COLOUR = "#333333"
MUTED_COLOUR = "#666666"
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


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


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

        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setAntialiasing(True)
        self.plot_widget.setMinimumHeight(220)
        item = self.plot_widget.getPlotItem()
        item.setTitle(title, color=TEXT_COLOUR, size="12pt")
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
            item.addLegend(offset=(-10, 10), labelTextColor=TEXT_COLOUR, brush=pg.mkBrush(255, 255, 255, 220))
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
        """The (steps, values) received for ``key`` so far."""
        return self._buffers[key].xy()
