"""The Constitution tab's results table: one row per prompt of a critique-and-revise run (the sentence, the
first answer, the final revision, whether the rounds revised it, the principles used, the learner's decision),
with the note under it and the Open run… / Accept / Reject / Undecide / Accept all / Reject all buttons.

A view of ``records`` (``core.constitution.load_records``) and ``decisions`` (``core.constitution.decisions``):
the buttons ask for a decision with :attr:`RoundsTable.decision_requested`; the tab saves it and hands the
saved decisions back with :meth:`RoundsTable.set_decisions`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import tutor
from gui.widgets.forms import note as _note
from gui.widgets.style import BAD, GOOD, MUTED_COLOUR
from gui.widgets.try_it import problem_text

# English texts in module constants are marked for lupdate in the tab's context ("ConstitutionTab", where
# "rejected" has its own Spanish) and translated with that context where they are shown.
DECISION_TEXT = {"accepted": QT_TRANSLATE_NOOP("ConstitutionTab", "accepted"),
                 "rejected": QT_TRANSLATE_NOOP("ConstitutionTab", "rejected"), "": "—"}
DECISION_COLOUR = {"accepted": GOOD, "rejected": BAD, "": MUTED_COLOUR}
COLUMNS = ["#", QT_TRANSLATE_NOOP("ConstitutionTab", "Sentence"), QT_TRANSLATE_NOOP("ConstitutionTab", "First answer"),
           QT_TRANSLATE_NOOP("ConstitutionTab", "Final revision"), QT_TRANSLATE_NOOP("ConstitutionTab", "Revised"),
           QT_TRANSLATE_NOOP("ConstitutionTab", "Principles"), QT_TRANSLATE_NOOP("ConstitutionTab", "Decision")]
REVISED_COL, DECISION_COL = 4, 6
EMPTY = QT_TRANSLATE_NOOP("ConstitutionTab", "(empty)")
CELL_CHARS = 140


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConstitutionTab", text)


def revised(record: dict) -> bool:
    """Whether the rounds changed the first answer (only a revised row can be accepted)."""
    return record["final"].strip() != record["first"].strip()


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= CELL_CHARS else flat[: CELL_CHARS - 1] + "…"


def _cell(text: str, colour: str | None = None) -> QTableWidgetItem:
    shown = _shorten(text) if text.strip() else _tr(EMPTY)
    item = QTableWidgetItem(shown)
    empty = QCoreApplication.translate("ConstitutionTab", "The model produced only whitespace.")
    item.setToolTip(text if text.strip() else empty)

    if colour or not text.strip():
        item.setForeground(QBrush(QColor(colour or MUTED_COLOUR)))
    return item


class RoundsTable(QWidget):
    """The run's records as rows, their decisions, and the buttons that decide them."""

    decision_requested = Signal(list, str)  # the records' indices, the verdict ("accepted", "rejected", "")
    record_selected = Signal(object)        # the first selected record

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[dict] = []
        self.decisions: dict[int, str] = {}
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col, mode in enumerate([QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Interactive,
                                    QHeaderView.ResizeMode.ResizeToContents]):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(5, 130)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow column reads "First ans…", not "irst answe"
        self.table.itemSelectionChanged.connect(self._show_selected)

        self.accept_button, self.reject_button = QPushButton(self.tr("Accept")), QPushButton(self.tr("Reject"))
        self.clear_button = QPushButton(self.tr("Undecide"))
        self.accept_button.setToolTip(self.tr("Accept the selected revised rows (a row the revisions left unchanged "
                                              "has nothing to accept)"))
        self.accept_all_button = QPushButton(self.tr("Accept all"))
        self.accept_all_button.setToolTip(self.tr("Accept every revised row"))
        self.reject_all_button = QPushButton(self.tr("Reject all"))
        self.accept_button.clicked.connect(lambda: self.decide_selected("accepted"))
        self.reject_button.clicked.connect(lambda: self.decide_selected("rejected"))
        self.clear_button.clicked.connect(lambda: self.decide_selected(""))
        self.accept_all_button.clicked.connect(lambda: self.decide_all("accepted"))
        self.reject_all_button.clicked.connect(lambda: self.decide_all("rejected"))
        self.results_note = _note(self.tr("Press Run: each prompt's result appears here as soon as it is ready."))
        self.open_run_button = QPushButton(self.tr("Open run…"))
        self.open_run_button.setToolTip(self.tr("Review an earlier constitution run (a folder with records.jsonl)"))
        # the note on its own line: beside six buttons it was squeezed into a column one word wide
        row = QHBoxLayout()
        row.addWidget(self.open_run_button)
        row.addStretch(1)
        for b in (self.accept_button, self.reject_button, self.clear_button, self.accept_all_button,
                  self.reject_all_button):
            row.addWidget(b)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.results_note)
        column.addLayout(row)

    # rows ---------------------------------------------------------------------------------------------

    def clear(self, decisions: dict[int, str] | None = None) -> None:
        """No rows; ``decisions`` are the ones of the run whose records come next."""
        self.records, self.decisions = [], dict(decisions or {})
        self.table.setRowCount(0)

    def add_record(self, record: dict) -> None:
        self.records.append(record)
        row = self.table.rowCount()
        self.table.insertRow(row)
        number = QTableWidgetItem(str(record["index"] + 1))
        number.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(row, 0, number)
        self.table.setItem(row, 1, _cell(tutor.sentence_from_prompt(record["prompt"])))
        self.table.setItem(row, 2, _cell(record["first"]))
        self.table.setItem(row, 3, _cell(record["final"]))
        used = _cell(" → ".join(r["principle"].split(":")[0] for r in record["rounds"]))  # "Honest → Helpful"
        used.setToolTip("\n".join(self.tr("Round {i}: {principle}").format(i=i, principle=r["principle"])
                                  for i, r in enumerate(record["rounds"], 1)))
        self.table.setItem(row, 5, used)
        self.table.setItem(row, REVISED_COL, self._revised_cell(record))
        self._show_decision(row)
        if row == 0:
            self.table.selectRow(0)

    def _revised_cell(self, record: dict) -> QTableWidgetItem:
        """"revised" (green) or "unchanged", with the rounds whose revision was dropped and why."""
        dropped = [(i, r) for i, r in enumerate(record["rounds"], 1) if r.get("problem")]
        changed = revised(record)
        text = self.tr("revised") if changed else self.tr("unchanged")
        if dropped:
            text += " · " + self.tr("{n} dropped").format(n=len(dropped))
        item = QTableWidgetItem(text)
        item.setForeground(QBrush(QColor(GOOD if changed else MUTED_COLOUR)))
        item.setToolTip("\n".join(self.tr("Round {i}: revision dropped ({reason})").format(
            i=i, reason=problem_text(r["problem"])) for i, r in dropped) or (
            self.tr("The final revision differs from the first answer.") if changed else
            self.tr("The revisions left the first answer as it was.")))
        return item

    # decisions ----------------------------------------------------------------------------------------

    def _show_decision(self, row: int) -> None:
        verdict = self.decisions.get(self.records[row]["index"], "")
        item = QTableWidgetItem(_tr(DECISION_TEXT[verdict]))
        item.setForeground(QBrush(QColor(DECISION_COLOUR[verdict])))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(row, DECISION_COL, item)

    def set_decisions(self, decisions: dict[int, str]) -> None:
        """Show the saved ``decisions`` (record index → verdict) and their counts."""
        self.decisions = dict(decisions)
        for row in range(len(self.records)):
            self._show_decision(row)
        self.show_counts()

    def show_counts(self) -> None:
        accepted = sum(v == "accepted" for v in self.decisions.values())
        rejected = sum(v == "rejected" for v in self.decisions.values())
        self.results_note.setText(self.tr("{n} results · {accepted} accepted · {rejected} rejected").format(
            n=len(self.records), accepted=accepted, rejected=rejected))

    def decide_selected(self, verdict: str) -> None:
        """Decide the selected rows; only revised rows can be accepted (an unchanged row has no revision)."""
        rows = [self.records[r] for r in self.selected_rows()]
        self.decision_requested.emit([r["index"] for r in rows if verdict != "accepted" or revised(r)], verdict)

    def decide_all(self, verdict: str) -> None:
        self.decision_requested.emit([r["index"] for r in self.records if verdict != "accepted" or revised(r)],
                                     verdict)

    # selection and buttons ----------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    @Slot()
    def _show_selected(self) -> None:
        rows = self.selected_rows()
        self.update_buttons()
        if rows:
            self.record_selected.emit(self.records[rows[0]])

    def update_buttons(self, busy: bool | None = None) -> None:
        """The decision buttons follow the selection; Open run… is off while a job runs (``busy``)."""
        selected = self.selected_rows()
        for b in (self.reject_button, self.clear_button):
            b.setEnabled(bool(selected))
        self.accept_button.setEnabled(any(revised(self.records[r]) for r in selected))
        self.accept_all_button.setEnabled(any(revised(r) for r in self.records))
        self.reject_all_button.setEnabled(bool(self.records))
        if busy is not None:
            self.open_run_button.setEnabled(not busy)
