"""The Label tab's tables: a light read-only row model (pair list, judgement history, the AI's disagreements),
how a pair, a judgement's choice and a time are written in them, and a one-line label for status lines."""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QSizePolicy, QTableView

from core import tutor
from core.store import Judgement
from gui.widgets.style import MUTED_COLOUR

SNIPPET = 70  # characters of a sentence shown in a row
FADED = "#999999"  # rows that no longer count (a replaced or undone judgement)


def snippet(prompt: str) -> str:
    """The learner's sentence of a tutor prompt, on one line, cut at :data:`SNIPPET` characters."""
    text = " ".join(tutor.sentence_from_prompt(prompt).split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


class RowsModel(QAbstractTableModel):
    """Read-only rows of text for a table view. A row is ``(key, cells, tooltip, muted)``; ``key`` (a pair
    or judgement id) is the row's ``UserRole`` data. Replacing all rows at once keeps a refresh after
    every keypress cheap (one reset instead of an item per cell)."""

    MUTED_BRUSH = QBrush(QColor(FADED))

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[tuple[int, tuple[str, ...], str, bool]] = []

    def set_rows(self, rows: list[tuple[int, tuple[str, ...], str, bool]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        key, cells, tooltip, muted = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return key
        if role == Qt.ItemDataRole.ToolTipRole and tooltip:
            return tooltip
        if role == Qt.ItemDataRole.ForegroundRole and muted:
            return self.MUTED_BRUSH
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def key(self, row: int) -> int:
        return self.rows[row][0]


def rows_table(headers: list[str], stretch: int) -> QTableView:
    """A read-only, single-selection table view over a :class:`RowsModel`; column ``stretch`` takes the
    spare width."""
    table = QTableView()
    table.setModel(RowsModel(headers, table))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def side_text(choice: str, swapped: bool) -> str:
    """A choice about the stored replies in plain words, as the learner saw the pair: ``'left reply'``,
    ``'right reply'``, ``'tie'`` or ``'skipped'`` (``swapped``: reply_b was shown on the left)."""
    translate = QCoreApplication.translate
    if choice not in ("A", "B"):
        return translate("LabelTab", "skipped") if choice == "skip" else translate("LabelTab", choice)
    left = (choice == "A") != swapped
    return translate("LabelTab", "left reply") if left else translate("LabelTab", "right reply")


def choice_text(j: Judgement) -> str:
    """A judgement's choice in plain words, on the side it was shown: ``'left reply'``, ``'tie'``…"""
    return side_text(j.choice, j.swapped)


def when(stamp: float) -> str:
    """A judgement's time: the clock time today, else the date and time."""
    same_day = time.localtime(stamp)[:3] == time.localtime()[:3]
    return time.strftime("%H:%M:%S" if same_day else "%Y-%m-%d %H:%M", time.localtime(stamp))


class OneLineLabel(QLabel):
    """A status line that never wraps or widens its layout: text too long for the width ends in "…", and the
    whole text is the tooltip. ``full_text()`` is what was set."""

    def __init__(self, text: str = "", muted: bool = True) -> None:
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(10)
        if muted:
            self.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(10, self.width())
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))
