"""The Reward model tab's table of held-out pairs as the trained reward model ranks them: margin, sentence, chosen
and rejected reply, misranked pairs (margin <= 0) first and in red, and "Inspect pair…", which shows one pair
read-only (it is never added to the preference store: a held-out pair trained on no longer measures anything).
Its texts keep the Reward model tab's translation context ("RewardTab"). Not here: scoring the pairs
(``core.reward``) or labeling pairs (``gui.tabs.label_tab``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
)

from core import tutor
from gui.widgets.forms import note
from gui.widgets.style import NEGATIVE_ROW, cell, one_line

translate = QCoreApplication.translate


class HeldoutPairs(QGroupBox):
    """The table, its note and the Inspect button; :meth:`fill` takes a run summary's ``heldout`` rows (each a
    pair with ``reward_chosen``, ``reward_rejected`` and ``margin``), in the order they are shown."""

    def __init__(self) -> None:
        super().__init__(translate("RewardTab", "Held-out pairs, misranked first (red: the rejected reply got the "
                                                "higher reward)"))
        self.pairs: list[dict] = []
        self.pair_dialog: QDialog | None = None
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([translate("RewardTab", "Margin"), translate("RewardTab", "Sentence"),
                                              translate("RewardTab", "Chosen"), translate("RewardTab", "Rejected")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMinimumHeight(110)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.cellDoubleClicked.connect(lambda *_: self.inspect_pair())
        self.open_button = QPushButton(translate("RewardTab", "Inspect pair…"))
        self.open_button.setToolTip(translate("RewardTab", "Read the selected held-out pair in full and judge it "
                                                           "yourself. It is not copied into your preference store: "
                                                           "a held-out pair that is trained on no longer measures "
                                                           "anything."))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.inspect_pair)
        self.note = note(translate("RewardTab", "Train a reward model to see how it ranks the held-out pairs."))
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def fill(self, heldout: list[dict], stopped: bool = False) -> None:
        """The scored held-out pairs; ``stopped``: the run was stopped before they were scored."""
        self.pairs = heldout
        self.table.setRowCount(0)
        self.table.setRowCount(len(heldout))
        highlight = QBrush(QColor(NEGATIVE_ROW))
        for row, pair in enumerate(heldout):
            sentence = tutor.sentence_from_prompt(pair["prompt"])
            cells = [cell(f"{pair['margin']:+.3f}"), cell(sentence, pair["prompt"]),
                     cell(one_line(pair["chosen"]), pair["chosen"]),
                     cell(one_line(pair["rejected"]), pair["rejected"])]
            cells[0].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for col, item in enumerate(cells):
                if pair["margin"] <= 0:
                    item.setBackground(highlight)
                self.table.setItem(row, col, item)
        width = max(self.table.viewport().width(), 600)
        for col in (1, 2):
            self.table.setColumnWidth(col, int(width * 0.28))
        if heldout:
            wrong = sum(p["margin"] <= 0 for p in heldout)
            self.note.setText(translate("RewardTab", "{wrong} of {n} held-out pairs misranked. Select one and "
                                                     "press Inspect pair… to read it in full.").format(
                wrong=wrong, n=len(heldout)))
        elif stopped:
            self.note.setText(translate("RewardTab", "Not scored: the run was stopped. Resume it to the end to "
                                                     "score the held-out pairs."))
        else:
            self.note.setText(translate("RewardTab", "No held-out pairs."))

    def misranked_rows(self) -> list[int]:
        """Rows shown as misranked (used by tests)."""
        return [r for r in range(self.table.rowCount())
                if self.table.item(r, 0).background().color() == QColor(NEGATIVE_ROW)]

    @Slot()
    def _on_selection(self) -> None:
        self.open_button.setEnabled(self.selected_pair() is not None)

    def selected_pair(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.pairs):
            return None
        return self.pairs[rows[0].row()]

    @Slot()
    def inspect_pair(self) -> QDialog | None:
        """Show the selected held-out pair read-only (never added to the store); returns the dialog."""
        pair = self.selected_pair()
        if pair is None:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(translate("RewardTab", "Held-out pair"))
        layout = QVBoxLayout(dialog)
        verdict = (translate("RewardTab", "The reward model ranks this pair the wrong way round.")
                   if pair["margin"] <= 0 else translate("RewardTab", "The reward model ranks this pair right."))
        head = QLabel(f"<b>{tutor.sentence_from_prompt(pair['prompt'])}</b><br>{verdict}")
        head.setWordWrap(True)
        layout.addWidget(head)
        for title, key in ((translate("RewardTab", "Chosen reply (reward {value:+.3f})"), "chosen"),
                           (translate("RewardTab", "Rejected reply (reward {value:+.3f})"), "rejected")):
            layout.addWidget(QLabel(title.format(value=pair[f"reward_{key}"])))
            text = QPlainTextEdit(pair[key])
            text.setReadOnly(True)
            text.setFixedHeight(90)
            layout.addWidget(text)
        layout.addWidget(note(translate("RewardTab", "Held-out pairs are only for measuring: this one is not added "
                                                     "to your preference store, so training on “My labels” never "
                                                     "sees it. To label pairs yourself, use the Label tab.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(560, dialog.sizeHint().height())
        dialog.setModal(False)
        dialog.show()
        self.pair_dialog = dialog
        return dialog
