"""The app's look in one place: colours, how a rate (and its interval) is written, and read-only table cells
(a multi-line text on one line) and tables.

Tabs and widgets take their colours and cell helpers from here, never their own literals.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

# Okabe-Ito: distinguishable with the common colour-vision deficiencies; plot lines take them in this order.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
TEXT_COLOUR = "#333333"
MUTED_COLOUR = "#666666"
GOOD = "#1a7f37"            # better, finished, accepted
BAD = "#c62828"             # worse, failed, rejected
WARNING = "#8a6d00"         # stopped
INTERRUPTED = "#c25e00"
RUNNING = PALETTE[0]
CHANGED_ROW = "#fff6d6"     # a row whose verdict changed
NEGATIVE_ROW = "#fde2e1"    # a row that went wrong (misranked pair, negative margin)
MUTED_STYLE = f"color: {MUTED_COLOUR};"


def whole_percent(value: float) -> int:
    """A rate in 0..1 as whole percent, halves rounded up as people do: 29/40 is 73, not the 72 that float
    formatting gives (100 * 0.725 is 72.4999… in binary, and format() rounds halves to even)."""
    return math.floor(100 * value + 0.5 + 1e-9)


def percent(value) -> str:
    """A rate in 0..1 as a whole percentage ("83%"); "—" for none."""
    return "—" if value is None else f"{whole_percent(value)}%"


def interval_text(rate: float, low: float, high: float) -> str:
    """"82% (74–88)": a rate and its 95% interval, in whole percent."""
    return f"{percent(rate)} ({whole_percent(low)}–{whole_percent(high)})"


def one_line(text: str, limit: int = 0) -> str:
    """A multi-line text for one table cell: its lines joined by ' ⏎ ', cut with '…' at ``limit`` characters
    (0: never cut)."""
    flat = " ⏎ ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return flat if not limit or len(flat) <= limit else flat[: limit - 1] + "…"


def cell(text: str, tooltip: str = "", colour: str | None = None, bold: bool = False) -> QTableWidgetItem:
    """A read-only table cell, optionally with a tooltip, a text colour and bold type."""
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if tooltip:
        item.setToolTip(tooltip)
    if colour:
        item.setForeground(QBrush(QColor(colour)))
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def fixed_table(table: QTableWidget) -> QTableWidget:
    """Make ``table`` a read-only summary shown whole: no editing, selection, focus or scroll bars; the columns
    share the width, the rows keep the height the tab gives them."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    return table


def result_table(headers: list[str], stretch: int) -> QTableWidget:
    """A read-only table: column 0 (the sentence) and the next ``stretch`` columns share the width equally (their
    text wraps), any further ones fit their contents. (A fixed 190 px sentence column left each reply about
    85 px in a 1024 px window.)"""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    header = table.horizontalHeader()
    header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow column's title ends in "…", not cut at both ends
    mode = QHeaderView.ResizeMode
    for col in range(len(headers)):
        header.setSectionResizeMode(col, mode.Stretch if col <= stretch else mode.ResizeToContents)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.setAlternatingRowColors(False)
    table.verticalHeader().setVisible(False)
    return table
