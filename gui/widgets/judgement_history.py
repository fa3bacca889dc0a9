"""The Label tab's "History" page: people's judgements, newest first (the AI's are on the AI annotator page),
each current, replaced or undone; the selected one can be changed to another label (``store.relabel``), and a
double-click opens its pair in the tab.

The texts keep the Label tab's translation context. Not here: what replacing or undoing a judgement means
(``core.store``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.store import Pair, PreferenceStore, is_machine
from gui.widgets.label_table import choice_text, rows_table, snippet, when
from gui.widgets.messages import show_error

# the sides as the learner saw the pair (the History's Choice column's words); "left"/"right" become the stored
# reply A or B by the judgement's display order when the label is changed
RELABEL_CHOICES = [(QT_TRANSLATE_NOOP("LabelTab", "left reply"), "left"),
                   (QT_TRANSLATE_NOOP("LabelTab", "right reply"), "right"),
                   (QT_TRANSLATE_NOOP("LabelTab", "Tie"), "tie"), (QT_TRANSLATE_NOOP("LabelTab", "Skip"), "skip")]
# a row's status, shown translated
STATUS_WORDS = (QT_TRANSLATE_NOOP("LabelTab", "current"), QT_TRANSLATE_NOOP("LabelTab", "replaced"),
                QT_TRANSLATE_NOOP("LabelTab", "undone"))

translate = QCoreApplication.translate


class JudgementHistory(QWidget):
    """``show_pair(pair_id)`` opens a pair in the tab; ``refresh()`` brings the whole tab up to date after a
    label changed."""

    def __init__(self, store: PreferenceStore, *, show_pair: Callable[[int], object],
                 refresh: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._show_pair, self._refresh = show_pair, refresh
        self._status: dict[int, str] = {}  # judgement id -> current / replaced / undone
        self.history_table = rows_table([translate("LabelTab", "Time"), translate("LabelTab", "Annotator"),
                                         translate("LabelTab", "Choice"), translate("LabelTab", "Sentence"),
                                         translate("LabelTab", "Status")], stretch=3)
        self.history_table.selectionModel().selectionChanged.connect(self._on_selected)
        self.history_table.doubleClicked.connect(self._on_double_clicked)
        self.relabel_combo = QComboBox()
        for text, choice in RELABEL_CHOICES:
            self.relabel_combo.addItem(translate("LabelTab", text), choice)
        self.relabel_button = QPushButton(translate("LabelTab", "Change label"))
        self.relabel_button.clicked.connect(self.relabel_selected)
        self._on_selected()
        relabel_row = QHBoxLayout()
        relabel_row.addWidget(QLabel(translate("LabelTab", "Change the selected judgement to")))
        relabel_row.addWidget(self.relabel_combo)
        relabel_row.addWidget(self.relabel_button)
        relabel_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.history_table)
        layout.addLayout(relabel_row)

    def fill(self, pairs: dict[int, Pair]) -> None:
        """People's judgements from the store, newest first; ``pairs`` are the store's pairs by id."""
        current_ids = {j.id for j in self.store.current_labels()}
        self._status = {}
        rows = []
        for j in reversed(self.store.history()):  # newest first
            if is_machine(j.annotator):
                continue
            pair = pairs.get(j.pair_id)
            status = "undone" if j.undone else "current" if j.id in current_ids else "replaced"
            self._status[j.id] = status
            tip = ""
            if pair:
                left, right = (pair.reply_b, pair.reply_a) if j.swapped else (pair.reply_a, pair.reply_b)
                tip = translate("LabelTab", "Left reply:\n{left}\n\nRight reply:\n{right}").format(
                    left=left, right=right)
            cells = (when(j.created), j.annotator, choice_text(j), snippet(pair.prompt) if pair else "?",
                     translate("LabelTab", status))
            rows.append((j.id, cells, tip, j.undone))
        selected = self.selected_judgement()
        self.history_table.model().set_rows(rows)  # a reset clears the selection: put it back
        if selected is not None:
            self.select_judgement(selected)
        self._on_selected()

    def rows(self) -> list[tuple[int, str, str]]:
        """(judgement id, choice text, status) per row, top to bottom; used by tests."""
        return [(key, cells[2], cells[4]) for key, cells, _, _ in self.history_table.model().rows]

    def selected_judgement(self) -> int | None:
        rows = self.history_table.selectionModel().selectedRows()
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def select_judgement(self, judgement_id: int) -> None:
        ids = [key for key, _, _, _ in self.history_table.model().rows]
        if judgement_id in ids:
            self.history_table.selectRow(ids.index(judgement_id))

    @Slot()
    def _on_selected(self) -> None:
        selected = self.selected_judgement()
        live = selected is not None and self._status.get(selected) != "undone"
        self.relabel_button.setEnabled(live)
        self.relabel_combo.setEnabled(live)

    @Slot()
    def relabel_selected(self) -> None:
        """Replace the selected judgement with the choice in the combo box (``store.relabel``)."""
        judgement_id = self.selected_judgement()
        if judgement_id is None:
            return
        choice = self.relabel_combo.currentData()
        try:
            if choice in ("left", "right"):  # the side the learner saw -> the stored reply
                choice = "A" if (choice == "left") != self.store.judgement(judgement_id).swapped else "B"
            new_id = self.store.relabel(judgement_id, choice)
        except (sqlite3.Error, ValueError, KeyError) as exc:
            show_error(self, translate("LabelTab", "The label was not changed"), str(exc))
            return
        self._refresh()
        self.select_judgement(new_id)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        judgement = self.store.judgement(self.history_table.model().key(index.row()))
        self._show_pair(judgement.pair_id)
