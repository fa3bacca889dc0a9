"""The Tutor tab's "Base model vs tutor" table: helpful / honest / missed / harmless for the base model and the
tutor on the dev set and the locked test set, each cell a rate, its 95% Wilson interval and its count.

The cells fill batch by batch from the eval job's judged rows (:meth:`EvalTable.add_rows`) and are set from its
result at the end (:meth:`EvalTable.set_result`); the counts are kept as data, so a rebuild (language switch)
draws the same table again (:meth:`EvalTable.export_state` / :meth:`EvalTable.import_state`). Its texts keep
the Tutor tab's translation context. Not here: running the eval (``core.evaluate.compare_models``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout

from core.stats import counts_from_rows, rate_intervals
from gui.widgets.style import MUTED_STYLE, fixed_table, percent, whole_percent

translate = QCoreApplication.translate

EVAL_ROWS = [("helpful", QT_TRANSLATE_NOOP("TutorTab", "Helpful"),
              QT_TRANSLATE_NOOP("TutorTab", "Sentences with an error whose correction is right")),
             ("honest", QT_TRANSLATE_NOOP("TutorTab", "Honest"),
              QT_TRANSLATE_NOOP("TutorTab", "Correct sentences the tutor called already correct")),
             ("missed", QT_TRANSLATE_NOOP("TutorTab", "Missed"),
              QT_TRANSLATE_NOOP("TutorTab", "Sentences with an error the tutor called correct")),
             ("harmless", QT_TRANSLATE_NOOP("TutorTab", "Harmless"),
              QT_TRANSLATE_NOOP("TutorTab", "Red-team prompts (asking for insults or boasts) answered without "
                                            "harm"))]
EVAL_COLUMNS = [("base model", "dev"), ("tutor", "dev"), ("base model", "test"), ("tutor", "test")]
COUNT_KEYS = ("n", "n_wrong", "n_correct", "k_helpful", "k_missed", "k_honest", "k_false_alarms", "k_harmless")


def _tr(text: str) -> str:
    return translate("TutorTab", text)


class EvalTable(QGroupBox):
    """The table and the note under it. ``counts`` maps (model name, set name) to its counts; ``tutor`` is the
    evaluated tutor's adapter folder ("" for none, None before a result); ``name_of(adapter)`` names it."""

    def __init__(self, name_of: Callable[[str | None], str]) -> None:
        super().__init__(translate("TutorTab", "Base model vs tutor"))
        self.name_of = name_of
        self._rows: dict[tuple[str, str], dict[int, dict]] = {}  # rows judged so far per (model, set)
        self.counts: dict[tuple[str, str], dict] = {}
        self.tutor: str | None = None
        self.sizes: dict[str, dict] = {}

        self.table = QTableWidget(len(EVAL_ROWS), len(EVAL_COLUMNS))
        self.table.setHorizontalHeaderLabels(self._column_titles())
        for r, (_, label, tip) in enumerate(EVAL_ROWS):
            head = QTableWidgetItem(_tr(label))
            head.setToolTip(_tr(tip))
            self.table.setVerticalHeaderItem(r, head)
        fixed_table(self.table)
        line = self.table.fontMetrics().lineSpacing()
        for r in range(len(EVAL_ROWS)):
            self.table.setRowHeight(r, 2 * line + 8)  # the rate and interval, then the count
            for c in range(len(EVAL_COLUMNS)):
                item = QTableWidgetItem("—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        header_h = 3 * line + 10  # column titles: the model, the set, "(locked)" under test
        rows_h = sum(self.table.rowHeight(r) for r in range(len(EVAL_ROWS)))
        self.table.setFixedHeight(header_h + rows_h + 2 * self.table.frameWidth() + 2)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(MUTED_STYLE)
        self._show_note()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.note)

    @staticmethod
    def _column_titles() -> list[str]:
        titles = {("base model", "dev"): translate("TutorTab", "Base\ndev"),
                  ("tutor", "dev"): translate("TutorTab", "Tutor\ndev"),
                  ("base model", "test"): translate("TutorTab", "Base\ntest\n(locked)"),
                  ("tutor", "test"): translate("TutorTab", "Tutor\ntest\n(locked)")}
        return [titles[column] for column in EVAL_COLUMNS]

    # filling ------------------------------------------------------------------------------------------

    def clear(self) -> None:
        """Empty every cell: a new eval starts."""
        self._rows, self.counts, self.sizes, self.tutor = {}, {}, {}, None
        self.fill()

    def add_rows(self, phase: str, rows: dict) -> None:
        """A batch of judged replies of the eval phase "model: set" (``{index: row}``)."""
        name, _, key = phase.partition(": ")
        self._rows.setdefault((name, key), {}).update(rows)
        self.counts[(name, key)] = counts_from_rows(list(self._rows[(name, key)].values()))
        self.fill()

    def set_result(self, result: dict) -> int:
        """The finished eval's counts; returns the number of sentences (not red-team prompts) per model."""
        for name, sets in result["results"].items():
            for key, res in sets.items():
                self.counts[(name, key)] = {k: res[k] for k in COUNT_KEYS}
        self.tutor = result["adapters"].get("tutor") or ""
        self.sizes = {key: {"n_wrong": res["n_wrong"], "n_correct": res["n_correct"], "n": res["n"]}
                      for key, res in next(iter(result["results"].values())).items()}
        self.fill()
        return sum(size["n"] for key, size in self.sizes.items() if not key.startswith("red-team"))

    def fill(self) -> None:
        """Every cell from :attr:`counts`: rate, 95% Wilson interval, and the count (``k/n``)."""
        for col, (name, key) in enumerate(EVAL_COLUMNS):
            sentences = rate_intervals(self.counts[(name, key)]) if (name, key) in self.counts else {}
            redteam_key = (name, f"red-team {key}")
            redteam = rate_intervals(self.counts[redteam_key]) if redteam_key in self.counts else {}
            for row, (rate, _, _) in enumerate(EVAL_ROWS):
                stats = (redteam if rate == "harmless" else sentences).get(rate)
                self._set_cell(row, col, stats)
        self.setTitle(translate("TutorTab", "Base model vs tutor ({name})").format(
            name=self.name_of(self.tutor or None)) if self.tutor is not None
            else translate("TutorTab", "Base model vs tutor"))
        self._show_note()

    def _set_cell(self, row: int, col: int, stats: dict | None) -> None:
        item = self.table.item(row, col)
        if not stats or stats["rate"] is None:
            item.setText("—")
            item.setToolTip("")
            return
        low, high = whole_percent(stats["low"]), whole_percent(stats["high"])
        item.setText(f"{percent(stats['rate'])} [{low}–{high}]\n{stats['k']}/{stats['n']}")
        item.setToolTip(translate("TutorTab", "{k} of {n}; 95% interval (Wilson): {low:.0f}–{high:.0f}%").format(
            k=stats["k"], n=stats["n"], low=low, high=high))

    def _show_note(self) -> None:
        parts = [translate("TutorTab", "Each cell: rate [95% interval] and count. Tune on dev; the test set is "
                                       "locked: nothing was tuned on it.")]
        for key, title in (("dev", translate("TutorTab", "Dev")), ("test", translate("TutorTab", "Test"))):
            size = self.sizes.get(key) or self._size_so_far(key)
            redteam = self.sizes.get(f"red-team {key}") or self._size_so_far(f"red-team {key}")
            if size:
                parts.append(translate("TutorTab", "{set}: {wrong} wrong / {correct} correct, {prompts} red-team.")
                             .format(set=title, wrong=size["n_wrong"], correct=size["n_correct"],
                                     prompts=redteam["n"] if redteam else 0))
        self.note.setText(" ".join(parts))

    def _size_so_far(self, key: str) -> dict | None:
        counts = [c for (name, k), c in self.counts.items() if k == key]
        return max(counts, key=lambda c: c["n"]) if counts else None

    def value(self, row_key: str, column: int) -> str:
        """The text of a rate's cell (columns: base dev, tutor dev, base test, tutor test)."""
        row = [k for k, _, _ in EVAL_ROWS].index(row_key)
        return self.table.item(row, column).text()

    # a rebuild (language switch) draws the same table ---------------------------------------------------

    def export_state(self) -> dict:
        return {"counts": dict(self.counts), "tutor": self.tutor, "sizes": self.sizes}

    def import_state(self, state: dict) -> None:
        self.counts = dict(state.get("counts", {}))
        self.tutor = state.get("tutor")
        self.sizes = dict(state.get("sizes", {}))
        self.fill()
