"""The Reward model tab's histogram of held-out rewards: the rewards the model gives the chosen and the rejected
reply of each held-out pair, as two step histograms on shared bins, with the note that explains them.
Not here: the live training plots (``gui.widgets.metrics_plot``) or computing the rewards (``core.reward``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.widgets.forms import note
from gui.widgets.metrics_plot import add_legend
from gui.widgets.style import MUTED_COLOUR, PALETTE, TEXT_COLOUR


class RewardHistogram(QWidget):
    """Two step histograms (chosen, rejected) of held-out rewards on shared bins, with an explanation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setAntialiasing(True)
        item = self.plot_widget.getPlotItem()
        item.setTitle(self.tr("Held-out rewards"), color=TEXT_COLOUR, size="12pt")
        item.showGrid(x=True, y=True, alpha=0.15)
        style = {"color": TEXT_COLOUR, "font-size": "10pt"}
        item.setLabel("bottom", self.tr("reward"), **style)
        item.setLabel("left", self.tr("pairs"), **style)
        item.getAxis("bottom").enableAutoSIPrefix(False)
        for side in ("left", "bottom"):
            item.getAxis(side).setPen(pg.mkPen(MUTED_COLOUR))
            item.getAxis(side).setTextPen(pg.mkPen(TEXT_COLOUR))
        add_legend(item)  # under the plot, never over the bars
        self._curves = {}
        legend = {"chosen": self.tr("chosen"), "rejected": self.tr("rejected")}
        for name, colour in (("chosen", PALETTE[2]), ("rejected", PALETTE[1])):
            fill = QColor(colour)
            fill.setAlpha(70)
            self._curves[name] = item.plot([0, 1], [0], stepMode="center", fillLevel=0, brush=fill,
                                           pen=pg.mkPen(colour, width=2), name=legend[name])
            self._curves[name].setData([], [])
        self.counts: dict[str, np.ndarray] = {}
        self.explanation = note(self.tr("Rewards the model gives the chosen and the rejected reply of each "
                                        "held-out pair: well separated = the model ranks them apart."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.explanation)

    def show_rewards(self, chosen: list[float], rejected: list[float]) -> None:
        values = np.asarray(list(chosen) + list(rejected), dtype=float)
        if values.size == 0:
            self.clear()
            return
        edges = np.histogram_bin_edges(values, bins=min(20, max(6, values.size // 4)))
        for name, data in (("chosen", chosen), ("rejected", rejected)):
            counts, _ = np.histogram(np.asarray(data, dtype=float), bins=edges)
            self.counts[name] = counts
            self._curves[name].setData(edges, counts)

    def clear(self) -> None:
        self.counts = {}
        for curve in self._curves.values():
            curve.setData([], [])
