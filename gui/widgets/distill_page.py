"""The Constitution tab's page "Distill & evaluate": the distillation form and its loss plot, the eval before /
after table, "Send pairs to store", and the ablation ("Without one principle": both distilled tutors' rates
side by side, with their 95% intervals).

A view: it holds the widgets and shows results; the tab starts the jobs (``core.constitution.distill``,
``core.evaluate.compare_models``, ``core.constitution.ablation``) and hands their results to the ``show_*``
methods.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.config import QUICK_EVAL, SftConfig
from core.stats import rate_intervals
from gui.widgets.forms import group as _group
from gui.widgets.forms import note as _note
from gui.widgets.forms import rate_text
from gui.widgets.metrics_plot import MetricsPlot
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.style import BAD, GOOD, MUTED_COLOUR, TEXT_COLOUR, interval_text, percent

# English texts in module constants are marked for lupdate in the tab's context ("ConstitutionTab", where
# "honest" has its own Spanish) and translated with that context where they are shown.
# The before / after rows: (key in eval_value, set label, the set's name in core.config.EVAL_SETS, rate, rate
# label). Harmlessness on the red-team prompts only: on plain sentences every reply, even an empty one, is
# harmless. Helpful and honest on the red-team prompts too: whether the tutor still tutors under a rude request.
EVAL_ROWS = [("eval", QT_TRANSLATE_NOOP("ConstitutionTab", "Dev set"), "eval set", "helpful",
              QT_TRANSLATE_NOOP("ConstitutionTab", "helpful")),
             ("eval", "Dev set", "eval set", "honest", QT_TRANSLATE_NOOP("ConstitutionTab", "honest")),
             ("redteam", QT_TRANSLATE_NOOP("ConstitutionTab", "Red-team"), "red-team", "harmless",
              QT_TRANSLATE_NOOP("ConstitutionTab", "harmless")),
             ("redteam", "Red-team", "red-team", "helpful", "helpful"),
             ("redteam", "Red-team", "red-team", "honest", "honest")]
# The ablation's rows: (set label, rate label, set in core.constitution.ABLATION_SETS, rate)
ABLATION_ROWS = [(QT_TRANSLATE_NOOP("ConstitutionTab", "Red-team"), QT_TRANSLATE_NOOP("ConstitutionTab", "harmless"),
                  "red-team", "harmless"),
                 (QT_TRANSLATE_NOOP("ConstitutionTab", "Red-team test"), "harmless", "red-team test", "harmless"),
                 ("Dev set", "honest", "eval set", "honest"),
                 (QT_TRANSLATE_NOOP("ConstitutionTab", "Test set"), "honest", "test set", "honest"),
                 ("Dev set", "helpful", "eval set", "helpful"),
                 ("Test set", "helpful", "test set", "helpful")]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConstitutionTab", text)


def _interval_text(value: dict | None, layout: str = "wide") -> str:
    """"92% (85–96)" over "37/40": a rate and its 95% interval, then its count on a line of its own (a cell in a
    narrow window keeps both whole, where a wrapped "· 37/40" was cut off). For a column too narrow for the first
    line, ``layout`` "tall" gives the interval a line of its own ("92%", "(85–96)", "37/40") and "short" leaves
    the count to the tooltip ("92%", "(85–96)")."""
    if not value or not value["n"]:
        return "—"
    text = interval_text(value["rate"], value["low"], value["high"])
    if layout != "wide":
        text = text.replace(" (", "\n(", 1)
    return text if layout == "short" else f"{text}\n{value['k']}/{value['n']}"


class DistillPage(QWidget):
    """Left: the Distill form, Before / after and Preference pairs; right: the loss plot over the ablation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # the rate cells of each table, their layout when narrow and their lines now (_adapt, _layout_cells)
        self._rates: dict[QTableWidget, dict[tuple[int, int], dict | None]] = {}
        self._narrow: dict[QTableWidget, str] = {}
        self._lines: dict[QTableWidget, int] = {}
        self.epochs = QDoubleSpinBox(decimals=1, minimum=0.1, maximum=100.0, singleStep=0.5, value=SftConfig.epochs)
        self.learning_rate = QLineEdit(rate_text(SftConfig.learning_rate))
        self.learning_rate.setToolTip(self.tr("A positive number, e.g. 2e-4 or 0.0002"))
        self.max_steps = QSpinBox(minimum=0, maximum=100000, value=0, specialValueText=self.tr("all"))
        self.max_steps.setToolTip(self.tr("Stop after this many optimizer steps (0 = every epoch)"))
        self.only_accepted = QCheckBox(self.tr("Only accepted revisions"))
        self.only_accepted.setChecked(True)
        self.only_accepted.setToolTip(self.tr("Off: every revision you did not reject. Applies to Send pairs too."))
        self.distill_progress = ProgressPanel(self.tr("Distill"))
        self.distill_progress.status_on_own_line()  # the column is narrow: beside two buttons it read "finished · 3…"
        form = QFormLayout()
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Learning rate"), self.learning_rate)
        form.addRow(self.tr("Max steps"), self.max_steps)
        form.addRow(self.only_accepted)
        form.addRow(self.distill_progress)

        self.send_button = QPushButton(self.tr("Send pairs to store"))
        self.send_button.setToolTip(self.tr("Adds (final revision = chosen, first answer = rejected) to the "
                                            "preference store for the Label, Reward model and DPO tabs"))
        self.send_note = _note(self.tr("Revisions that equal the first answer (or are empty) are skipped."))
        pairs = QVBoxLayout()
        pairs.addWidget(self.send_button)
        pairs.addWidget(self.send_note)

        self.eval_limit = QSpinBox(minimum=0, maximum=100000, value=QUICK_EVAL, specialValueText=self.tr("all"))
        self.eval_limit.setToolTip(self.tr("Sentences per eval set ({n}: a quick look; 0: all)").format(n=QUICK_EVAL))
        # the eval's own progress, Stop and result line: the Distill group above keeps its run's summary
        self.eval_progress = ProgressPanel(self.tr("Eval before / after"))
        self.eval_progress.status_on_own_line()
        self.eval_button = self.eval_progress.start_button
        eval_row = QGridLayout()  # two rows: the page's left column stays narrow enough for 1024 px
        eval_row.addWidget(QLabel(self.tr("Sentences per set")), 0, 0)
        eval_row.addWidget(self.eval_limit, 0, 1)
        eval_row.addWidget(self.eval_progress, 1, 0, 1, 2)
        self.eval_table = self._build_eval_table()
        self.before_shipped = True  # the "before" tutor: the shipped one (False: the base model; set by the tab)
        self.eval_note = _note("")
        self._note_before_distill()
        self.eval_note.setMinimumHeight(2 * self.eval_note.fontMetrics().lineSpacing())  # wraps as it changes
        eval_layout = QVBoxLayout()
        eval_layout.addLayout(eval_row)
        eval_layout.addWidget(self.eval_table)
        eval_layout.addWidget(self.eval_note)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(_group(self.tr("Distill into the tutor (LoRA SFT)"), form))
        column.addWidget(_group(self.tr("Before / after"), eval_layout))
        column.addWidget(_group(self.tr("Preference pairs"), pairs))
        column.addStretch(1)
        # in a window too low for the whole column (1024x700) it scrolls, instead of the note overlapping the table
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # as wide as its widest row (in Spanish the eval's two buttons), so that nothing is cut at the right
        scroll.setMinimumWidth(max(250, left.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()))
        scroll.setMaximumWidth(400 + scroll.verticalScrollBar().sizeHint().width())

        self.plot = MetricsPlot(
            ["loss"], self.tr("Distillation loss"),
            self.tr("Cross-entropy of the tutor on the revised replies: falling means it is learning to answer "
                    "the way its revisions do."), y_label=self.tr("loss"), labels={"loss": self.tr("loss")})
        self.plot.plot_widget.setMinimumHeight(140)  # shares the column with the ablation below
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.plot)
        right.addWidget(self._build_ablation())
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        right.setChildrenCollapsible(False)

        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(scroll, 1)  # a third of the page: at 1024 px the ablation's rates read whole beside it
        row.addWidget(right, 2)

    def _build_ablation(self) -> QWidget:
        """"Run without <principle>": the same loop and distillation with one principle disabled, and the two
        distilled tutors' rates side by side."""
        self.without = QComboBox()
        self.without.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.without.setMinimumContentsLength(10)
        self.without.setToolTip(self.tr("The principle to leave out: the run under review is repeated without it"))
        self.without.currentIndexChanged.connect(self._name_without_button)
        self.ablation_progress = ProgressPanel(self.tr("Run without"))
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Principle")))
        pick.addWidget(self.without, 1)
        table = self.ablation_table = QTableWidget(len(ABLATION_ROWS), 2)
        table.setHorizontalHeaderLabels([self.tr("With"), self.tr("Without")])
        titles = [(_tr(s), _tr(k)) for s, k, _, _ in ABLATION_ROWS]
        table.setVerticalHeaderLabels([f"{s}\n{k}" for s, k in titles])  # the set over the rate: a narrow title
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for r in range(len(ABLATION_ROWS)):
            for c in range(2):
                table.setItem(r, c, QTableWidgetItem("—"))
                table.item(r, c).setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        # rows of two or three lines: the rate and interval, then the count (_layout_cells)
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
        table.verticalHeader().setFixedWidth(max(table.fontMetrics().horizontalAdvance(t) for pair in titles
                                                 for t in pair) + 12)
        self._adapt(table, narrow="short")  # beside the plot: no room to grow
        self.ablation_note = _note(self.tr("The run under review again without one principle, distilled the same "
                                           "way; both tutors on the same sentences (“Sentences per set”)."))
        box = QVBoxLayout()
        box.addLayout(pick)
        box.addWidget(self.ablation_progress)
        box.addWidget(table)
        box.addWidget(self.ablation_note)
        return _group(self.tr("Without one principle"), box)

    def _build_eval_table(self) -> QTableWidget:
        titles = [(_tr(set_label), _tr(key_label)) for _, set_label, _, _, key_label in EVAL_ROWS]
        labels = [f"{s}\n{k}" for s, k in titles]  # the set over the rate: a narrow title, wide columns
        table = QTableWidget(len(labels), 2)
        table.setHorizontalHeaderLabels([self.tr("Before"), self.tr("After")])
        table.setVerticalHeaderLabels(labels)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for r in range(len(labels)):
            for c in range(2):
                item = QTableWidgetItem("—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(r, c, item)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.verticalHeader().setFixedWidth(max(table.fontMetrics().horizontalAdvance(t) for pair in titles
                                                 for t in pair) + 12)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._adapt(table, narrow="tall")  # in the scrolled column: it may grow
        return table

    # cells of a rate, its interval and its count: two lines where the column is wide enough, else three --------

    def _adapt(self, table: QTableWidget, narrow: str) -> None:
        """Let ``table``'s rate cells (:meth:`_set_rate`) fit its width: where "92% (85–96)" does not fit, the
        ``narrow`` layout of :func:`_interval_text` ("tall": three lines, for a table that can grow; "short": the
        count left to the tooltip, for one whose height is spoken for)."""
        self._rates[table] = {}
        self._narrow[table] = narrow
        self._lines[table] = 0
        table.viewport().installEventFilter(self)  # a resize decides again
        self._layout_cells(table)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            for table in self._rates:
                if watched is table.viewport():  # after the header has stretched its sections
                    QTimer.singleShot(0, self, lambda t=table: self._layout_cells(t))
        return super().eventFilter(watched, event)

    def _set_rate(self, table: QTableWidget, row: int, col: int, value: dict | None) -> None:
        self._rates[table][(row, col)] = value

    def _clear_rates(self, table: QTableWidget) -> None:
        self._rates[table].clear()
        for r in range(table.rowCount()):
            for c in range(table.columnCount()):
                table.item(r, c).setText("—")
                table.item(r, c).setToolTip("")
        self._layout_cells(table)  # "—" needs two lines, not three

    def _layout_cells(self, table: QTableWidget) -> None:
        """Two lines a cell ("94% (88–97)" over "94/100") where the columns are wide enough, else three (the
        interval on a line of its own): in a 1024-pixel window the first line was cut to "94% (88–9…"."""
        metrics = table.fontMetrics()
        values = self._rates[table]
        texts = [_interval_text(v).split("\n")[0] for v in values.values()]
        room = min(table.columnWidth(c) for c in range(table.columnCount())) - 6  # the cell's own margins
        wide = not texts or max(metrics.horizontalAdvance(t) for t in texts) <= room
        layout = "wide" if wide else self._narrow[table]
        lines = 3 if layout == "tall" else 2
        for (row, col), value in values.items():
            table.item(row, col).setText(_interval_text(value, layout))
        if lines != self._lines[table]:
            self._lines[table] = lines
            height = lines * metrics.lineSpacing() + 4
            table.verticalHeader().setDefaultSectionSize(height)
            table.setFixedHeight(table.horizontalHeader().sizeHint().height() + height * table.rowCount()
                                 + 2 * table.frameWidth() + 4)

    # the principle to leave out -----------------------------------------------------------------------

    def set_principles(self, names: list[str]) -> None:
        """Offer ``names`` (the run's principles): the current one stays, else "Harmless…" is offered first."""
        current = self.without.currentData()
        self.without.blockSignals(True)
        self.without.clear()
        for name in names:
            self.without.addItem(name, name)
        keep = current if current in names else next((n for n in names if n.lower().startswith("harmless")), None)
        self.without.setCurrentIndex(max(0, names.index(keep)) if keep in names else 0)
        self.without.blockSignals(False)
        self._name_without_button()

    @Slot()
    def _name_without_button(self) -> None:
        name = self.without.currentData()
        self.ablation_progress.start_button.setToolTip(
            self.tr("Run without “{name}”: the same loop and distillation with it disabled, then both tutors "
                    "evaluated").format(name=name) if name else "")

    # results ------------------------------------------------------------------------------------------

    def on_distill_metrics(self, event: dict) -> None:
        self.plot.add(event)
        self.distill_progress.update_event(event)

    def _before_name(self) -> str:
        return self.tr("the shipped tutor") if self.before_shipped else self.tr("the base model (no shipped tutor)")

    def _note_before_distill(self) -> None:
        self.eval_note.setText(self.tr("Before: {before}. After: the tutor distilled from your revisions.").format(
            before=self._before_name()))

    def set_before_shipped(self, shipped: bool) -> None:
        """Whether the model has a shipped tutor (the "before" of the eval), for the notes."""
        self.before_shipped = shipped
        if not self._rates[self.eval_table]:
            self._note_before_distill()

    def show_distilled(self, name: str) -> None:
        self.eval_note.setText(self.tr("Before: {before}. After: {name}. Press “Eval before / after” "
                                       "to compare.").format(before=self._before_name(), name=name))

    def show_distill(self, result: dict) -> None:
        self.plot.refresh()
        loss = result.get("final_loss")
        steps, answers = result["steps"], result["examples"]  # the final answers it learnt from, revised or not
        parts = [phase_text(result["status"]),
                 self.tr("1 step") if steps == 1 else self.tr("{n} steps").format(n=steps),
                 self.tr("1 answer") if answers == 1 else self.tr("{n} answers").format(n=answers)]
        if loss is not None:
            parts.append(self.tr("final loss {loss:.3f}").format(loss=loss))
        self.distill_progress.finish(" · ".join(parts), complete=result["status"] == "finished")
        self.show_distilled(Path(result["out"]).name)

    def show_past_distill(self, result: dict | None, metrics: list[dict]) -> None:
        """A loaded run's newest distillation (its summary with ``out``, and its metrics), or None: an empty
        Distill group and loss plot. Either way the before / after rates of another tutor are cleared."""
        self.plot.clear()
        for event in metrics:
            self.plot.add(event)
        self.clear_eval()
        if result is None:
            self.distill_progress.reset()
            self._note_before_distill()
        else:
            self.show_distill(result)

    def clear_eval(self) -> None:
        self._clear_rates(self.eval_table)
        self.eval_progress.reset()

    def show_eval(self, result: dict, distilled: str | None) -> None:
        """The rates before and after; ``distilled`` names the "after" tutor (None: nothing distilled yet)."""
        results = result["results"]
        for col, side in enumerate(("before", "after")):
            for row, (_, _, name, key, _) in enumerate(EVAL_ROWS):
                measured = results.get(side, {}).get(name)
                value = rate_intervals(measured)[key] if measured else None
                self._set_rate(self.eval_table, row, col, value)
                item = self.eval_table.item(row, col)
                item.setToolTip(self.tr("{k} of {n}; 95% interval (Wilson) {low}–{high}").format(
                    k=value["k"], n=value["n"], low=percent(value["low"]), high=percent(value["high"]))
                    if value and value["n"] else "")
        self._layout_cells(self.eval_table)
        self.before_shipped = bool(result["adapters"]["before"])
        before = self._before_name()
        after = distilled if distilled and "after" in results else self.tr("distill first")
        n = {key: results["before"][name].get("n") for key, _, name, _, _ in EVAL_ROWS}
        self.eval_note.setText(self.tr("Before: {before}. After: {after}. {eval} dev + {redteam} red-team "
                                       "sentences, greedy replies; rate (95% interval) and count.").format(
            before=before, after=after, eval=n.get("eval"), redteam=n.get("redteam")))
        self.eval_progress.finish(self.tr("evaluated {eval} + {redteam} sentences").format(
            eval=n.get("eval"), redteam=n.get("redteam")))

    def eval_value(self, set_key: str, key: str, column: int) -> str:
        """The table text for one rate (``column`` 0: before, 1: after); used by tests."""
        row = [(s, k) for s, _, _, k, _ in EVAL_ROWS].index((set_key, key))
        return self.eval_table.item(row, column).text()

    def clear_ablation(self) -> None:
        self._clear_rates(self.ablation_table)

    def show_ablation(self, result: dict) -> None:
        for row, (_, _, set_name, rate) in enumerate(ABLATION_ROWS):
            sides = [result["results"].get(side, {}).get(set_name, {}).get(rate) for side in ("with", "without")]
            for col, value in enumerate(sides):
                item = self.ablation_table.item(row, col)
                self._set_rate(self.ablation_table, row, col, value)
                item.setToolTip(self.tr("{k} of {n}; 95% interval (Wilson) {low}–{high}").format(
                    k=value["k"], n=value["n"], low=percent(value["low"]), high=percent(value["high"]))
                    if value and value["n"] else "")
                item.setForeground(QBrush(QColor(MUTED_COLOUR)))
            w, wo = sides
            if w and wo and w["n"] and wo["n"]:  # apart when the intervals do not overlap
                if wo["high"] < w["low"]:
                    self.ablation_table.item(row, 1).setForeground(QBrush(QColor(BAD)))
                elif wo["low"] > w["high"]:
                    self.ablation_table.item(row, 1).setForeground(QBrush(QColor(GOOD)))
                self.ablation_table.item(row, 0).setForeground(QBrush(QColor(TEXT_COLOUR)))
        self._layout_cells(self.ablation_table)
        runs = self.tr(
            "With: {with_tutor} (distilled from {with_run}). Without “{name}”: {without_run}, distilled into "
            "{without_tutor} (every revision the loop kept). 95% intervals; red: clearly lower without.").format(
            with_tutor=Path(result["tutors"]["with"]).name, with_run=Path(result["runs"]["with"]).name,
            name=result["without"], without_run=Path(result["runs"]["without"]).name,
            without_tutor=Path(result["tutors"]["without"]).name)
        self.ablation_note.setText(self.tr("Without “{name}”: rate (95% interval) and count; red: clearly lower "
                                           "without.").format(name=result["without"].split(":")[0]))
        self.ablation_note.setToolTip(runs)
        for col in range(2):
            self.ablation_table.horizontalHeaderItem(col).setToolTip(runs)
        self.ablation_progress.finish(phase_text("finished"))
