"""The DPO tab's "Pair margins" page: every training pair of a finished run with its final implicit reward margin
β·(log-ratio chosen − log-ratio rejected), lowest first; a pair with a negative margin (the DPO tutor still
prefers the rejected reply) is red. Its texts keep the DPO tab's translation context ("DpoTab").
A run does not score its pairs after the last step (the learner did not ask for it): "Score the training pairs"
asks the tab to run :func:`core.dpo.score_pairs` (:attr:`PairMargins.score_requested`).
Not here: computing the margins (``core.dpo``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from core import tutor
from gui.widgets.eval_compare import short_reply
from gui.widgets.forms import note
from gui.widgets.style import BAD, GOOD, NEGATIVE_ROW, cell, result_table

translate = QCoreApplication.translate


class PairMargins(QWidget):
    """The note, the score button and the table of pairs, filled by :meth:`set_margins`."""

    score_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score_button = QPushButton(translate("DpoTab", "Score the training pairs"))
        self.score_button.setToolTip(translate(
            "DpoTab", "One pass of the DPO tutor over every training pair (the reference log-probs were kept "
                      "from training): about a second per 8 pairs with the embedded model on a laptop CPU."))
        self.score_button.clicked.connect(self.score_requested)
        self.score_button.setEnabled(False)
        self.table = result_table([translate("DpoTab", "Sentence"), translate("DpoTab", "Chosen reply"),
                                   translate("DpoTab", "Rejected reply"), translate("DpoTab", "Margin")], stretch=2)
        self.note = note(translate(
            "DpoTab", "After a finished run: every training pair with its final implicit reward margin β·(log-ratio "
                      "of chosen − log-ratio of rejected), lowest first. Red rows (margin < 0) are pairs the DPO "
                      "tutor still gets the wrong way round."))
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.score_button)
        column.addLayout(row)
        column.addWidget(self.table, 1)

    def set_scorable(self, scorable: bool) -> None:
        """A finished run whose pairs are not scored yet: the button is live and the note says what it does."""
        self.score_button.setEnabled(scorable)
        if scorable:
            self.note.setText(translate(
                "DpoTab", "The run finished without scoring its training pairs (it costs a pass over all of them). "
                          "Press \"Score the training pairs\" to see each pair's final implicit reward margin "
                          "β·(log-ratio chosen − log-ratio rejected), lowest first."))

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
