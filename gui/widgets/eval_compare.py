"""The DPO tab's "SFT vs DPO" page: the tutor before and after DPO, side by side.

On top, helpful / honest / missed on the dev and the locked test set and harmless on the red-team sets, each
rate with its 95% Wilson interval, the "after" rates coloured by their change (green better, red worse); under
it the sets' sizes; then the two tutors' replies and verdicts on one chosen set, changed verdicts first. The page
fills row by row from the eval job's batches (:meth:`EvalCompare.add_rows`) and is set whole from its result
(:meth:`EvalCompare.set_evals`). Its texts keep the DPO tab's translation context ("DpoTab").
Not here: running the eval (``core.evaluate.compare_models``), the Tutor tab's base-vs-tutor table
(``gui.widgets.eval_table``: counts in every cell, no change colours, no replies).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.stats import counts_from_rows, rate_intervals
from gui.widgets.forms import note
from gui.widgets.style import BAD, CHANGED_ROW, GOOD, TEXT_COLOUR, cell, interval_text, one_line, result_table
from gui.widgets.style import MUTED_COLOUR as NEUTRAL

translate = QCoreApplication.translate

# The eval sets by the names compare_models reports in its phases ("before: dev"), shown in context "Phase".
SET_NAMES = (QT_TRANSLATE_NOOP("Phase", "dev"), QT_TRANSLATE_NOOP("Phase", "test"),
             QT_TRANSLATE_NOOP("Phase", "red-team dev"), QT_TRANSLATE_NOOP("Phase", "red-team test"))
# (key, row label, higher is better, (dev set, test set) it is measured on)
# English texts in module constants are marked for lupdate here and translated (context "DpoTab") where shown.
EVAL_ROWS = [("helpful", QT_TRANSLATE_NOOP("DpoTab", "Helpful (fixed the error)"), True, ("dev", "test")),
             ("honest", QT_TRANSLATE_NOOP("DpoTab", "Honest (left correct ones alone)"), True, ("dev", "test")),
             ("missed", QT_TRANSLATE_NOOP("DpoTab", "Missed (called an error correct)"), False, ("dev", "test")),
             ("harmless", QT_TRANSLATE_NOOP("DpoTab", "Harmless on red-team prompts"), True,
              ("red-team dev", "red-team test"))]
# eval table columns: (adapter name in compare_models, 0 = dev side / 1 = test side)
EVAL_COLUMNS = [("before", 0), ("after", 0), ("before", 1), ("after", 1)]
GOOD_VERDICTS = {"fixed", "honest"}
# the verdicts of core.evaluate.judge, shown translated
VERDICTS = (QT_TRANSLATE_NOOP("DpoTab", "fixed"), QT_TRANSLATE_NOOP("DpoTab", "honest"),
            QT_TRANSLATE_NOOP("DpoTab", "missed"), QT_TRANSLATE_NOOP("DpoTab", "wrong fix"),
            QT_TRANSLATE_NOOP("DpoTab", "false alarm"), QT_TRANSLATE_NOOP("DpoTab", "unparsed"))
CELL_CHARS = 120  # replies longer than this are cut in the cell; the tooltip has the whole text


def short_reply(text: str) -> str:
    """One cell's worth of a reply: newlines shown as ' ⏎ ', cut at :data:`CELL_CHARS`."""
    return one_line(text, CELL_CHARS) or translate("DpoTab", "(empty reply)")


def _change(before, after, higher_is_better: bool) -> tuple[str, str]:
    """Text and colour of a before → after change, in percentage points."""
    if before is None or after is None:
        return "—", NEUTRAL
    points = round(100 * (after - before))
    if points == 0:
        return translate("DpoTab", "±0 pts"), NEUTRAL
    better = (points > 0) == higher_is_better
    return translate("DpoTab", "{points:+d} pts").format(points=points), GOOD if better else BAD


def _verdict_cell(row: dict | None) -> QTableWidgetItem:
    if row is None:
        return cell("—")
    harm = row.get("harm") or []
    text = translate("DpoTab", row["verdict"]) + (translate("DpoTab", " · harmful") if harm else "")
    good = row["verdict"] in GOOD_VERDICTS and not harm
    return cell(text, "; ".join(harm) or None, GOOD if good else BAD, bold=True)


class EvalCompare(QWidget):
    """The rates table, the sizes note, the set chooser and the replies table. ``evals`` holds the complete
    results (``{"before" | "after": {set: eval result}}``); ``set_keys`` are the sets the chooser offers."""

    def __init__(self, set_keys: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.evals: dict = {}
        self._partial: dict = {}  # {(name, set): {index: row}}: rows as they arrive
        self.eval_table = QTableWidget(len(EVAL_ROWS), len(EVAL_COLUMNS))
        self.eval_table.setVerticalHeaderLabels([translate("DpoTab", label) for _, label, _, _ in EVAL_ROWS])
        self._set_eval_headers(True)
        self.eval_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.eval_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.eval_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.eval_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.eval_table.horizontalHeader().setMinimumSectionSize(70)
        self.eval_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # row titles of two lines, so that at 1024 px the cells keep room for "100% (91–100)"
        line = self.eval_table.fontMetrics().lineSpacing()
        self.eval_table.verticalHeader().setDefaultSectionSize(2 * line + 6)
        self.eval_table.verticalHeader().setMaximumWidth(24 * self.eval_table.fontMetrics().averageCharWidth())
        self.eval_table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
        self.eval_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.eval_table.setWordWrap(False)
        for r in range(len(EVAL_ROWS)):
            for c in range(len(EVAL_COLUMNS)):
                item = QTableWidgetItem("—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.eval_table.setItem(r, c, item)
        header_h = self.eval_table.horizontalHeader().sizeHint().height()
        rows_h = sum(self.eval_table.rowHeight(r) for r in range(len(EVAL_ROWS)))
        self.eval_table.setFixedHeight(header_h + rows_h + 2 * self.eval_table.frameWidth() + 2)
        self.eval_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.counts_note = note()
        self._show_counts()

        self.replies_set = QComboBox()
        for key in set_keys:
            self.replies_set.addItem(translate("Phase", key), key)
        self.replies_set.setToolTip(translate("DpoTab", "The eval set whose replies the table shows"))
        self.replies_set.currentIndexChanged.connect(self._show_replies)
        self.replies_table = result_table(
            [translate("DpoTab", "Sentence"), translate("DpoTab", "SFT tutor reply"),
             translate("DpoTab", "DPO tutor reply"), translate("DpoTab", "SFT verdict"),
             translate("DpoTab", "DPO verdict")], stretch=2)
        self.replies_note = note(translate("DpoTab", "Start DPO: after training the tutor answers the eval "
                                                     "sentences before and after DPO; rates and replies appear "
                                                     "here as they come."))
        choose = QHBoxLayout()
        choose.addWidget(QLabel(translate("DpoTab", "Replies on")))
        choose.addWidget(self.replies_set)
        choose.addWidget(self.replies_note, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.eval_table)
        column.addWidget(self.counts_note)
        column.addLayout(choose)
        column.addWidget(self.replies_table, 1)

    def _set_eval_headers(self, sft: bool) -> None:
        before = translate("DpoTab", "SFT") if sft else translate("DpoTab", "Base")
        dev, test = translate("DpoTab", "dev"), translate("DpoTab", "test")  # outside the f-strings, for lupdate
        headers = [f"{before} · {dev}", f"DPO · {dev}", f"{before} · {test}", f"DPO · {test}"]
        self.eval_table.setHorizontalHeaderLabels(headers)

    def set_start(self, sft: bool) -> None:
        """Name the "before" side: the SFT tutor, or the base model when DPO started from none."""
        self._set_eval_headers(sft)
        self.replies_table.setHorizontalHeaderItem(1, QTableWidgetItem(
            translate("DpoTab", "SFT tutor reply") if sft else translate("DpoTab", "Base model reply")))
        self.replies_table.setHorizontalHeaderItem(3, QTableWidgetItem(
            translate("DpoTab", "SFT verdict") if sft else translate("DpoTab", "Base verdict")))

    # filling ------------------------------------------------------------------------------------------

    def clear(self) -> None:
        """Empty the rates and the replies: a new run starts."""
        self.evals, self._partial = {}, {}
        for r in range(len(EVAL_ROWS)):
            for c in range(len(EVAL_COLUMNS)):
                item = self.eval_table.item(r, c)
                item.setText("—")
                item.setToolTip("")
                item.setForeground(QBrush(QColor(TEXT_COLOUR)))
        self.replies_table.setRowCount(0)

    def add_rows(self, name: str, key: str, rows: dict, total: int | None) -> None:
        """A batch of judged replies (``{index: row}``) of adapter ``name`` on set ``key``, of ``total`` in all;
        the set's rates show once every row has come."""
        done = self._partial.setdefault((name, key), {})
        done.update({int(i): row for i, row in rows.items()})
        if total is None or len(done) >= total:
            self.evals.setdefault(name, {})[key] = {"rows": [done[i] for i in sorted(done)]}
            self._show_eval()
        if key == self.replies_set.currentData():
            self._show_replies()

    def set_evals(self, evals: dict) -> None:
        """Complete results, ``{"before" | "after": {set: eval result}}``: the eval's or a restored one."""
        self.evals = evals
        self._partial.clear()
        self._show_eval()
        self._show_replies()

    def rates(self, name: str, key: str) -> dict | None:
        """``{rate: {"rate", "k", "n", "low", "high"}}`` of adapter ``name`` on eval set ``key``, or None."""
        result = self.evals.get(name, {}).get(key)
        return rate_intervals(result) if result and result.get("rows") is not None else None

    def value(self, row_key: str, column: int) -> str:
        """The rates table's text for a rate (columns: SFT dev, DPO dev, SFT test, DPO test)."""
        row = [k for k, _, _, _ in EVAL_ROWS].index(row_key)
        return self.eval_table.item(row, column).text()

    def _show_eval(self) -> None:
        for row, (key, _, higher_is_better, sets) in enumerate(EVAL_ROWS):
            for col, (name, side) in enumerate(EVAL_COLUMNS):
                item = self.eval_table.item(row, col)
                stats = self.rates(name, sets[side])
                stat = stats[key] if stats else None
                if stat is None or stat["rate"] is None:
                    item.setText("—")
                    item.setToolTip("")
                    continue
                item.setText(interval_text(stat["rate"], stat["low"], stat["high"]))
                tip = translate("DpoTab", "{k} of {n}; 95% interval {low:.0%}–{high:.0%} (Wilson)").format(
                    k=stat["k"], n=stat["n"], low=stat["low"], high=stat["high"])
                colour = TEXT_COLOUR
                before = self.rates("before", sets[side]) if name == "after" else None
                if before and before[key]["rate"] is not None:
                    text, colour = _change(before[key]["rate"], stat["rate"], higher_is_better)
                    tip += " · " + translate("DpoTab", "{change} vs before; green = better, red = worse").format(
                        change=text)
                item.setToolTip(tip)
                item.setForeground(QBrush(QColor(colour)))
        self._show_counts()

    def _show_counts(self) -> None:
        parts = []
        for key, what in (("dev", translate("DpoTab", "dev")), ("test", translate("DpoTab", "test (locked)"))):
            result = self.evals.get("before", {}).get(key)
            if result:
                c = counts_from_rows(result["rows"])
                parts.append(translate("DpoTab", "{set}: {n} sentences ({right} correct / {wrong} wrong)").format(
                    set=what, n=c["n"], right=c["n_correct"], wrong=c["n_wrong"]))
        for key in ("red-team dev", "red-team test"):
            result = self.evals.get("before", {}).get(key)
            if result:
                parts.append(translate("DpoTab", "{set}: {n} prompts").format(set=translate("Phase", key),
                                                                              n=len(result["rows"])))
        counts = (" · ".join(parts) + ". ") if parts else ""
        self.counts_note.setText(counts + translate(
            "DpoTab", "Dev is the set the lab's settings were tuned on; test is locked: nothing was tuned on it. "
                      "Harmlessness is measured on the red-team prompts only. In brackets: the 95% interval "
                      "(Wilson)."))

    def _set_rows(self, name: str, key: str) -> list[dict | None]:
        """The rows of one adapter on one set so far (None where a reply has not come yet)."""
        done = self.evals.get(name, {}).get(key)
        if done:
            return list(done["rows"])
        partial = self._partial.get((name, key), {})
        return [partial.get(i) for i in range(max(partial) + 1)] if partial else []

    @Slot()
    def _show_replies(self) -> None:
        key = self.replies_set.currentData()
        before_rows, after_rows = self._set_rows("before", key), self._set_rows("after", key)
        pairs = [(b, after_rows[i] if i < len(after_rows) else None)
                 for i, b in enumerate(before_rows) if b is not None]
        complete = bool(self.evals.get("after", {}).get(key))
        if complete:  # rows whose verdict changed first (stable: the eval order within each group)
            pairs.sort(key=lambda p: p[1] is None or p[0]["verdict"] == p[1]["verdict"])
        table = self.replies_table
        table.setRowCount(len(pairs))
        changed = 0
        for r, (b, a) in enumerate(pairs):
            differs = a is not None and a["verdict"] != b["verdict"]
            changed += differs
            table.setItem(r, 0, cell(b["sentence"], translate("DpoTab", "gold: {gold}").format(gold=b["gold"])))
            table.setItem(r, 1, cell(short_reply(b["reply"]), b["reply"]))
            table.setItem(r, 2, cell(short_reply(a["reply"]) if a else "—", a["reply"] if a else None))
            for col, row in ((3, b), (4, a)):
                table.setItem(r, col, _verdict_cell(row))
            if differs:
                for col in range(table.columnCount()):
                    table.item(r, col).setBackground(QBrush(QColor(CHANGED_ROW)))
        table.resizeRowsToContents()
        if pairs and complete:
            what = (translate("DpoTab", "{n} verdict(s) changed (highlighted, listed first)").format(n=changed)
                    if changed else translate("DpoTab", "no verdict changed"))
            self.replies_note.setText(translate("DpoTab", "Greedy replies to {n} sentences; {what}. Hover a reply "
                                                          "for its full text.").format(n=len(pairs), what=what))
