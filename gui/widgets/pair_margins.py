"""The DPO tab's "Pair margins" page: every training pair of a finished run with its final implicit reward margin
β·(log-ratio chosen − log-ratio rejected), lowest first; a pair with a negative margin (the DPO tutor still
prefers the rejected reply) is red. Its texts keep the DPO tab's translation context ("DpoTab").
Not here: computing the margins (``core.dpo.pair_margins``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core import tutor
from gui.widgets.eval_compare import short_reply
from gui.widgets.forms import note
from gui.widgets.style import BAD, GOOD, NEGATIVE_ROW, cell, result_table

translate = QCoreApplication.translate


class PairMargins(QWidget):
    """The note and the table of pairs, filled by :meth:`set_margins` (the run summary's ``pair_margins``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = result_table([translate("DpoTab", "Sentence"), translate("DpoTab", "Chosen reply"),
                                   translate("DpoTab", "Rejected reply"), translate("DpoTab", "Margin")], stretch=2)
        self.note = note(translate(
            "DpoTab", "After a finished run: every training pair with its final implicit reward margin β·(log-ratio "
                      "of chosen − log-ratio of rejected), lowest first. Red rows (margin < 0) are pairs the DPO "
                      "tutor still gets the wrong way round."))
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.note)
        column.addWidget(self.table, 1)

    def set_margins(self, margins: list[dict]) -> None:
        """One row per pair, in the given order (lowest margin first); none empties the table."""
        table = self.table
        table.setRowCount(len(margins))
        for r, pair in enumerate(margins):
            sentence = tutor.sentence_from_prompt(pair["prompt"])
            margin = pair["margin"]
            tip = translate("DpoTab", "reward chosen {chosen:+.3f}, rejected {rejected:+.3f}").format(
                chosen=pair["reward_chosen"], rejected=pair["reward_rejected"])
            cells = [cell(sentence, pair["prompt"]), cell(short_reply(pair["chosen"]), pair["chosen"]),
                     cell(short_reply(pair["rejected"]), pair["rejected"]),
                     cell(f"{margin:+.3f}", tip, BAD if margin < 0 else GOOD, bold=True)]
            for col, item in enumerate(cells):
                if margin < 0:
                    item.setBackground(QBrush(QColor(NEGATIVE_ROW)))
                table.setItem(r, col, item)
        table.resizeRowsToContents()
        if margins:
            wrong = sum(p["margin"] < 0 for p in margins)
            self.note.setText(translate(
                "DpoTab", "{n} training pairs by final implicit reward margin β·(log-ratio chosen − log-ratio "
                          "rejected), lowest first. {wrong} pair(s) with a negative margin (red): the DPO tutor "
                          "still prefers the rejected reply there.").format(n=len(margins), wrong=wrong))
