"""The Reward model tab's "Held-out accuracy" box: the share of held-out pairs the reward model ranks right, with
its 95% Wilson interval, beside the rules that use no model (phrase lookup, longer wins, shorter wins), one column
per held-out set, and the note that says what beating each rule means. Its texts keep the Reward model tab's
translation context ("RewardTab"). Not here: computing the baselines (``core.baselines``) or the accuracy
(``core.reward``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QTableWidget, QVBoxLayout

from core.stats import wilson
from gui.widgets.forms import note
from gui.widgets.style import cell, fixed_table, interval_text, percent

translate = QCoreApplication.translate

# rows: the reward model, then the rules with no model (core/baselines.py)
# English texts in module constants are marked for lupdate here and translated where they are shown.
METHODS = [("model", QT_TRANSLATE_NOOP("RewardTab", "Reward model")),
           ("lookup", QT_TRANSLATE_NOOP("RewardTab", "Phrase lookup")),
           ("length_longer", QT_TRANSLATE_NOOP("RewardTab", "Longer wins")),
           ("length_shorter", QT_TRANSLATE_NOOP("RewardTab", "Shorter wins"))]
METHOD_TIPS = {
    "model": QT_TRANSLATE_NOOP("RewardTab", "The trained reward model: the pair is right when the chosen reply "
                                            "gets the higher reward."),
    "lookup": QT_TRANSLATE_NOOP("RewardTab", "No model: count which phrases were in the chosen and which in the "
                                             "rejected replies of the training pairs, and pick the reply whose "
                                             "phrases were chosen more often. Ties count half."),
    "length_longer": QT_TRANSLATE_NOOP("RewardTab", "No model: the longer reply wins. Ties count half."),
    "length_shorter": QT_TRANSLATE_NOOP("RewardTab", "No model: the shorter reply wins. Ties count half."),
}
# columns: the held-out sets by file name (core.reward's summary keys them by stem)
SET_LABELS = {"pairs_heldout": QT_TRANSLATE_NOOP("RewardTab", "Held-out"),
              "pairs_sampled": QT_TRANSLATE_NOOP("RewardTab", "Sampled")}
SET_TIPS = {"pairs_heldout": QT_TRANSLATE_NOOP("RewardTab", "pairs_heldout: built from the same templates as the "
                                                            "training pairs"),
            "pairs_sampled": QT_TRANSLATE_NOOP("RewardTab", "pairs_sampled: two of the tutor's own sampled replies "
                                                            "on test sentences, ranked by the rule judge")}


def _tr(text: str) -> str:
    return translate("RewardTab", text)


class RewardAccuracy(QGroupBox):
    """The table (a row per method, a column per held-out set, filled by :meth:`fill`) and its note."""

    def __init__(self) -> None:
        super().__init__(translate("RewardTab", "Held-out accuracy"))
        self.table = QTableWidget(len(METHODS), 0)
        self.table.setVerticalHeaderLabels([_tr(label) for _, label in METHODS])
        for row, (key, _) in enumerate(METHODS):
            self.table.verticalHeaderItem(row).setToolTip(_tr(METHOD_TIPS[key]))
        fixed_table(self.table)
        self.table.setWordWrap(False)
        self._fit_table()
        self.note = note(translate(
            "RewardTab", "Share of held-out pairs ranked right; in brackets the 95% interval (Wilson). The rules "
                         "use no model: a model no better than “pick the longer reply” has learnt length, and one "
                         "no better than the phrase lookup (which phrases were chosen or rejected in the training "
                         "pairs) has learnt a table. 100% pair accuracy while the replies stay wrong is a known "
                         "trap: the sampled pairs, built from the tutor's own replies, show whether the model "
                         "learnt more."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.note)

    def _fit_table(self) -> None:
        table = self.table
        header_h = table.horizontalHeader().sizeHint().height() if table.columnCount() else 0
        rows_h = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(header_h + rows_h + 2 * table.frameWidth() + 2)

    def fill(self, summary: dict) -> None:
        """The model's accuracy with its interval beside the no-model baselines, one column per held-out set."""
        heldout = summary.get("heldout") or []
        sets = dict(summary.get("heldout_sets") or {})
        baselines = dict(summary.get("baselines") or {})
        if not sets and heldout:  # a run from before per-set results: its one held-out set
            name = next(iter(baselines), "pairs_heldout")
            sets[name] = {"pairs": len(heldout), "right": sum(p["margin"] > 0 for p in heldout)}
            length = summary.get("length_baseline") or {}
            baselines.setdefault(name, {"length_longer": length.get("longer"),
                                        "length_shorter": length.get("shorter"), "lookup": None})
        table = self.table
        names = list(sets)
        table.setColumnCount(len(names))
        table.setHorizontalHeaderLabels([_tr(SET_LABELS[n]) if n in SET_LABELS else n for n in names])
        for col, name in enumerate(names):
            table.horizontalHeaderItem(col).setToolTip(_tr(SET_TIPS[name]) if name in SET_TIPS else name)
            table.horizontalHeaderItem(col).setData(Qt.ItemDataRole.UserRole, name)
            measured = sets[name]
            rules = baselines.get(name) or {}
            for row, (key, _) in enumerate(METHODS):
                if key == "model":
                    n, right = measured["pairs"], measured["right"]
                    if n:
                        low, high = wilson(right, n)
                        text = interval_text(right / n, low, high)
                        tip = translate("RewardTab", "{right} of {n} pairs ranked right; 95% interval "
                                                     "{low:.0%}–{high:.0%} (Wilson)").format(right=right, n=n,
                                                                                             low=low, high=high)
                    else:
                        text, tip = "—", ""
                    item = cell(text, tip, bold=True)
                else:
                    item = cell(percent(rules.get(key)), _tr(METHOD_TIPS[key]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, col, item)
        self._fit_table()

    def value(self, method: str, held_out_set: str) -> str:
        """The table's text for a method (``model``, ``lookup``, ``length_longer``, ...) on a held-out set."""
        table = self.table
        cols = [c for c in range(table.columnCount())
                if table.horizontalHeaderItem(c).data(Qt.ItemDataRole.UserRole) == held_out_set]
        row = [k for k, _ in METHODS].index(method)
        return table.item(row, cols[0]).text() if cols and table.item(row, cols[0]) else "—"
