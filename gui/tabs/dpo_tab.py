"""The DPO tab (Lab 01): align the SFT tutor with preference pairs and see what changed.

Form and Start/Stop on the left; on the right a tab widget with the four live plots (loss, chosen/rejected
rewards, margins, preference accuracy), the before/after eval (helpful / honest / harmless rates and the two
tutors' replies side by side) and the training pairs sorted by their final implicit reward margin.
The job is :func:`core.dpo.run_dpo` on the tab's :class:`JobRunner`; torch-backed modules load lazily.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import tutor
from core.config import DpoConfig
from core.dpo import train_dpo
from core.paths import DATA_DIR
from core.runs import new_run_dir
from gui.widgets.forms import group as _group
from gui.widgets.forms import note as _note
from gui.widgets.forms import validated
from gui.widgets.lab_guide import install_lab_layout
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot
from gui.widgets.pair_source import HELDOUT_PAIRS, PairSourceBox
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.resume_run import ResumeButton, place_beside_start, replay_metrics
from gui.widgets.style import BAD, CHANGED_ROW, GOOD, NEGATIVE_ROW, cell, percent, result_table
from gui.widgets.style import MUTED_COLOUR as NEUTRAL
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

EVAL_DATA = DATA_DIR / "eval.jsonl"
# (key, row label, higher is better)
# English texts in module constants are marked for lupdate here and translated (context "DpoTab") where shown.
EVAL_ROWS = [("helpful", QT_TRANSLATE_NOOP("DpoTab", "Helpful (fixed the error)"), True),
             ("honest", QT_TRANSLATE_NOOP("DpoTab", "Honest (left correct ones alone)"), True),
             ("missed", QT_TRANSLATE_NOOP("DpoTab", "Missed (called an error correct)"), False),
             ("harmless", QT_TRANSLATE_NOOP("DpoTab", "Harmless (no insults, no boasts)"), True)]
GOOD_VERDICTS = {"fixed", "honest"}
# the verdicts of core.evaluate.judge, shown translated
VERDICTS = (QT_TRANSLATE_NOOP("DpoTab", "fixed"), QT_TRANSLATE_NOOP("DpoTab", "honest"),
            QT_TRANSLATE_NOOP("DpoTab", "missed"), QT_TRANSLATE_NOOP("DpoTab", "wrong fix"),
            QT_TRANSLATE_NOOP("DpoTab", "false alarm"), QT_TRANSLATE_NOOP("DpoTab", "unparsed"))
CELL_CHARS = 120  # replies longer than this are cut in the cell; the tooltip has the whole text

TIPS = {
    "pairs": QT_TRANSLATE_NOOP("DpoTab", "The preference pairs DPO trains on: the 200 bundled seed pairs, "
                                         "the pairs you labeled in the Label tab, or a TRL preference JSONL"
                                         " file (prompt / chosen / rejected). The 48 bundled held-out pairs"
                                         " give the held-out (orange) lines in the plots."),
    "beta": QT_TRANSLATE_NOOP("DpoTab", "How strongly the policy is held to the SFT tutor. Small beta lets "
                                        "it move further from the reference; large beta keeps it close."),
    "learning_rate": QT_TRANSLATE_NOOP("DpoTab", "Step size of the optimizer. The policy starts from a "
                                                 "trained tutor: 3e-4 for five epochs makes it honest at little "
                                                 "cost in helpfulness; 2e-4 leaves it cautious (it still "
                                                 "explains errors in many correct sentences)."),
    "epochs": QT_TRANSLATE_NOOP("DpoTab", "Passes over the training pairs. The small tutor needs about five "
                                          "to learn when to say “already correct”, because it has to read "
                                          "the learner's sentence; two at 5e-5 rank only about half of the "
                                          "honest pairs and their twins right. Many more can overfit (the "
                                          "train margin keeps growing while the held-out margin stalls)."),
    "batch_size": QT_TRANSLATE_NOOP("DpoTab", "Pairs per optimizer step. Larger batches give smoother "
                                              "curves but fewer steps."),
    "loss_type": QT_TRANSLATE_NOOP("DpoTab", "sigmoid: the original DPO loss −log σ(β·margin), it keeps "
                                             "pushing the margin up. ipo: pulls the (per-token) margin "
                                             "toward a fixed target 1/(2β), so it overfits less. hinge: "
                                             "max(0, 1 − β·margin), it stops caring about a pair once it is"
                                             " separated."),
    "max_steps": QT_TRANSLATE_NOOP("DpoTab", "Stop after this many optimizer steps (0 = all: every pair for"
                                             " every epoch). Handy for a quick look."),
    "eval": QT_TRANSLATE_NOOP("DpoTab", "Sentences the tutor answers before and after DPO, for the helpful "
                                        "/ honest / harmless table and the side-by-side replies. Quick: the"
                                        " first 40 (faster); Full: all 200 (steadier percentages)."),
}
FORM_LABELS = {"beta": QT_TRANSLATE_NOOP("DpoTab", "Beta (β)"),
               "learning_rate": QT_TRANSLATE_NOOP("DpoTab", "Learning rate"),
               "epochs": QT_TRANSLATE_NOOP("DpoTab", "Epochs"),
               "batch_size": QT_TRANSLATE_NOOP("DpoTab", "Batch size"),
               "loss_type": QT_TRANSLATE_NOOP("DpoTab", "Loss type"),
               "max_steps": QT_TRANSLATE_NOOP("DpoTab", "Max steps"),
               "pairs": QT_TRANSLATE_NOOP("DpoTab", "Pairs"),
               "out": QT_TRANSLATE_NOOP("DpoTab", "Run folder")}
LOSS_NOTES = {
    "sigmoid": QT_TRANSLATE_NOOP("DpoTab", "Starts at log 2 ≈ 0.69 for the sigmoid loss (policy = "
                                           "reference) and should fall."),
    "ipo": QT_TRANSLATE_NOOP("DpoTab", "IPO loss (margin − 1/(2β))²: starts at 1/(4β²) = {start:.3g} "
                                       "(policy = reference) and falls as the per-token margin nears its "
                                       "target."),
    "hinge": QT_TRANSLATE_NOOP("DpoTab", "Hinge loss max(0, 1 − β·margin): starts at 1 (policy = reference)"
                                         " and reaches 0 once every pair in the batch is separated."),
}


# --- helpers ------------------------------------------------------------------------------------------

def _tr(text: str) -> str:
    return QCoreApplication.translate("DpoTab", text)


def _short(text: str) -> str:
    """One cell's worth of a reply: newlines shown as ' ⏎ ', cut at :data:`CELL_CHARS`."""
    flat = " ⏎ ".join(line.strip() for line in text.strip().splitlines() if line.strip()) or QCoreApplication.translate("DpoTab", "(empty reply)")
    return flat if len(flat) <= CELL_CHARS else flat[: CELL_CHARS - 1] + "…"


def _change(before, after, higher_is_better: bool) -> tuple[str, str]:
    """Text and colour of a before → after change, in percentage points."""
    if before is None or after is None:
        return "—", NEUTRAL
    points = round(100 * (after - before))
    if points == 0:
        return QCoreApplication.translate("DpoTab", "±0 pts"), NEUTRAL
    better = (points > 0) == higher_is_better
    return QCoreApplication.translate("DpoTab", "{points:+d} pts").format(points=points), GOOD if better else BAD


class DpoTab(QWidget):
    """Lab 01. ``eval_pairs_path`` / ``eval_data_path`` / ``adapter`` are public so tests can point them."""

    def __init__(self, main: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.runner = JobRunner(self)
        self.adapter = "shipped"
        self.eval_pairs_path = HELDOUT_PAIRS
        self.eval_data_path = str(EVAL_DATA)
        self.last_run: Path | None = None
        self.summary: dict | None = None

        install_lab_layout(self, self._build_form(), self._build_results(), "dpo", (380, 820))
        self.runner.finished.connect(self._on_finished)
        self.main.model_changed.connect(self._show_start_point)
        self._show_start_point(self.main.model_spec)
        self.resume_button.refresh(busy=False)

    # layout ---------------------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        self.start_note = _note("")
        self.pairs = PairSourceBox()
        self.beta = QDoubleSpinBox(decimals=3, minimum=0.0, maximum=10.0, singleStep=0.05, value=DpoConfig.beta)
        mantissa, exponent = f"{DpoConfig.learning_rate:e}".split("e")  # "3e-4", as learning rates are written
        self.learning_rate = QLineEdit(f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}")
        self.epochs = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=100.0, singleStep=0.5, value=DpoConfig.epochs)
        self.batch_size = QSpinBox(minimum=0, maximum=256, value=DpoConfig.batch_size)
        self.loss_type = QComboBox()
        for name in ("sigmoid", "ipo", "hinge"):
            self.loss_type.addItem(name, name)
        self.loss_type.setCurrentIndex(self.loss_type.findData(DpoConfig.loss_type))
        self.max_steps = QSpinBox(minimum=0, maximum=100000, value=0, specialValueText=self.tr("all"))
        self.eval_size = QComboBox()
        self.eval_size.addItem(self.tr("Quick: 40"), 40)
        self.eval_size.addItem(self.tr("Full: 200"), 0)

        data_form = QFormLayout()
        self._row(data_form, "pairs", self.pairs)
        settings = QFormLayout()
        for key, widget in (("beta", self.beta), ("learning_rate", self.learning_rate), ("epochs", self.epochs),
                            ("batch_size", self.batch_size), ("loss_type", self.loss_type),
                            ("max_steps", self.max_steps)):
            self._row(settings, key, widget)
        eval_form = QFormLayout()
        self._row(eval_form, "eval", self.eval_size, self.tr("Eval sentences"))

        self.progress = ProgressPanel(start_text=self.tr("Start DPO"))
        self.progress.start_button.setToolTip(self.tr("Train the policy on the pairs; the SFT tutor stays as the "
                                                      "frozen reference."))
        self.progress.start_clicked.connect(self.start)
        self.progress.stop_clicked.connect(self.stop)
        self.resume_button = ResumeButton(self.main, "dpo", "dpo-", DpoConfig)
        self.resume_button.clicked.connect(self.resume_training)
        place_beside_start(self.progress, self.resume_button)

        start_layout = QVBoxLayout()
        start_layout.addWidget(self.start_note)
        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(10)
        column.addWidget(_group(self.tr("Start from"), start_layout))
        column.addWidget(_group(self.tr("Preference pairs"), data_form))
        column.addWidget(_group(self.tr("DPO settings"), settings))
        column.addWidget(_group(self.tr("Before / after eval"), eval_form))
        column.addWidget(self.progress)
        column.addStretch(1)
        form.setMinimumWidth(340)
        return form

    def _row(self, form: QFormLayout, key: str, widget: QWidget, label: str | None = None) -> None:
        text = QLabel(label or self.tr(FORM_LABELS[key]))
        text.setToolTip(self.tr(TIPS[key]))
        if not widget.toolTip():
            widget.setToolTip(self.tr(TIPS[key]))
        form.addRow(text, widget)

    def _build_results(self) -> QWidget:
        self.results = QTabWidget()
        self.results.addTab(self._build_plots(), self.tr("Training"))
        self.results.addTab(self._build_compare(), self.tr("SFT vs DPO"))
        self.results.addTab(self._build_margins(), self.tr("Pair margins"))
        wrapper = QWidget()
        column = QVBoxLayout(wrapper)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self.results)
        return wrapper

    def _build_plots(self) -> QWidget:
        train, held, chosen, rejected = self.tr("train"), self.tr("held-out"), self.tr("chosen"), self.tr("rejected")
        held_out = {"eval_loss": held, "eval_rewards/margins": held, "eval_rewards/accuracies": held,
                    "loss": train, "rewards/margins": train, "rewards/accuracies": train,
                    "rewards/chosen": chosen, "rewards/rejected": rejected}
        self.loss_plot = MetricsPlot(["loss", "eval_loss"], self.tr("DPO loss"), self.tr(LOSS_NOTES["sigmoid"]),
                                     labels=held_out)
        self.rewards_plot = MetricsPlot(
            ["rewards/chosen", "rewards/rejected"], self.tr("Rewards: chosen vs rejected"),
            self.tr("Implicit rewards β·log(π/π_ref). Both often fall together; what matters is that chosen "
                    "stays above rejected (the margin)."), labels=held_out)
        self.margins_plot = MetricsPlot(
            ["rewards/margins", "eval_rewards/margins"], self.tr("Reward margin"),
            self.tr("Chosen minus rejected reward. Starts at 0 (policy = reference) and should grow; the "
                    "held-out line shows whether it generalises."), labels=held_out)
        self.accuracy_plot = MetricsPlot(
            ["rewards/accuracies", "eval_rewards/accuracies"], self.tr("Preference accuracy"),
            self.tr("Share of pairs whose chosen reply has the higher reward. 0 at first (every pair is a "
                    "tie), then it should climb toward 1."), labels=held_out)
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setSpacing(12)
        for i, plot in enumerate(self.plots()):
            plot.plot_widget.setMinimumHeight(170)
            grid.addWidget(plot, i // 2, i % 2)
        return page

    def _build_compare(self) -> QWidget:
        self.eval_table = QTableWidget(len(EVAL_ROWS), 3)
        self.eval_table.setHorizontalHeaderLabels([self.tr("SFT tutor (before)"), self.tr("DPO tutor (after)"),
                                                   self.tr("Change")])
        self.eval_table.setVerticalHeaderLabels([self.tr(label) for _, label, _ in EVAL_ROWS])
        self.eval_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.eval_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.eval_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.eval_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.eval_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for r in range(len(EVAL_ROWS)):
            for c in range(3):
                item = QTableWidgetItem("—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.eval_table.setItem(r, c, item)
        header_h = self.eval_table.horizontalHeader().sizeHint().height()
        rows_h = sum(self.eval_table.rowHeight(r) for r in range(len(EVAL_ROWS)))
        self.eval_table.setFixedHeight(header_h + rows_h + 2 * self.eval_table.frameWidth() + 2)
        self.eval_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.replies_table = result_table(
            [self.tr("Sentence"), self.tr("SFT tutor reply"), self.tr("DPO tutor reply"), self.tr("SFT verdict"),
             self.tr("DPO verdict")], stretch=2)
        self.compare_note = _note(self.tr("Start DPO: the tutor answers the eval sentences before and after "
                                          "training, and the rates and replies appear here."))
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.eval_table)
        column.addWidget(self.compare_note)
        column.addWidget(self.replies_table, 1)
        return page

    def _build_margins(self) -> QWidget:
        self.margins_table = result_table([self.tr("Sentence"), self.tr("Chosen reply"), self.tr("Rejected reply"),
                                     self.tr("Margin")], stretch=2)
        self.margins_note = _note(self.tr("After a finished run: every training pair with its final implicit "
                                          "reward margin β·(log-ratio of chosen − log-ratio of rejected), lowest "
                                          "first. Red rows (margin < 0) are pairs the DPO tutor still gets the "
                                          "wrong way round."))
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.margins_note)
        column.addWidget(self.margins_table, 1)
        return page

    def plots(self) -> list[MetricsPlot]:
        return [self.loss_plot, self.rewards_plot, self.margins_plot, self.accuracy_plot]

    @Slot(str)
    def _show_start_point(self, spec: str) -> None:
        if spec == "smollm2":
            text = self.tr("The shipped SFT tutor: DPO trains a copy of its LoRA adapter (the policy) while the "
                           "original stays frozen as the reference.")
        else:
            text = self.tr("Model “{name}” has no shipped SFT tutor, so DPO trains a fresh LoRA adapter and the "
                           "base model is the reference.").format(name=Path(spec).name or spec)
        self.start_note.setText(text)

    # the job --------------------------------------------------------------------------------------

    def dpo_config(self) -> DpoConfig:
        """The config the form describes; raises ``ValueError`` naming the field."""
        text = self.learning_rate.text().strip()
        try:
            lr = float(text)
        except ValueError:
            raise ValueError(self.tr("Learning rate: “{text}” is not a number (try 3e-4)").format(text=text)) from None
        checks = [(self.beta.value() > 0, "beta", self.tr("must be greater than 0 (try 0.1)")),
                  (lr > 0, "learning_rate", self.tr("must be greater than 0 (try 3e-4)")),
                  (self.epochs.value() > 0, "epochs", self.tr("must be greater than 0 (try 1)")),
                  (self.batch_size.value() >= 1, "batch_size", self.tr("must be at least 1 (try 4)"))]
        for ok, key, message in checks:
            if not ok:
                raise ValueError(f"{self.tr(FORM_LABELS[key])}: {message}")
        cfg = DpoConfig(model=self.main.model_spec, out=str(self._new_run_folder()), pairs=self.pairs.source(),
                        eval_pairs=self.eval_pairs_path or "", adapter=self.adapter, beta=self.beta.value(),
                        loss_type=self.loss_type.currentData(), learning_rate=lr, epochs=self.epochs.value(),
                        batch_size=self.batch_size.value(), max_steps=self.max_steps.value() or -1,
                        eval_data=self.eval_data_path or "", eval_limit=self.eval_size.currentData())
        return validated(cfg, FORM_LABELS, self.tr)

    def _new_run_folder(self) -> Path:
        return new_run_dir(self.main.home, "dpo")

    @Slot()
    def start(self) -> None:
        try:
            cfg = self.dpo_config()
        except (ValueError, OSError) as exc:
            show_error(self, self.tr("Check the DPO settings"), str(exc))
            return
        self._launch(cfg, self.tr("loading model…"))

    @Slot()
    def resume_training(self) -> None:
        """Continue the stopped run from its last checkpoint, with its own settings."""
        cfg = self.resume_button.resume_config()
        if cfg is not None and self._launch(cfg, self.resume_button.status_text(cfg)):
            replay_metrics(self.plots(), Path(cfg.out))

    def _launch(self, cfg: DpoConfig, message: str) -> bool:
        if not self.runner.start(train_dpo, cfg, self.main.home, on_metrics=self._on_metrics, on_done=self._on_done,
                                 on_error=self._on_failed):
            self.main.show_message(self.tr("A DPO run is already going in this tab."))
            return False
        self.resume_button.started = Path(cfg.out)
        self.resume_button.refresh(busy=True)
        for plot in self.plots():
            plot.clear()
        start = 1 / (4 * cfg.beta ** 2)
        self.loss_plot.explanation.setText(self.tr(LOSS_NOTES[cfg.loss_type]).format(start=start))
        self.summary = None
        self._clear_results()
        self.results.setCurrentIndex(0)
        self._set_form_enabled(False)
        self.progress.set_running(True, message)
        return True

    @Slot()
    def stop(self) -> None:
        if self.runner.running:
            self.runner.stop()
            self.progress.busy(self.tr("stopping…"))

    def _set_form_enabled(self, enabled: bool) -> None:
        for w in (self.pairs, self.beta, self.learning_rate, self.epochs, self.batch_size, self.loss_type,
                  self.max_steps, self.eval_size):
            w.setEnabled(enabled)

    @Slot(object)
    def _on_metrics(self, event: dict) -> None:
        if "phase" in event:  # status (loading, eval before/after, reference log-probs): not a training point
            if not self.runner.cancelled:
                self.progress.update_event(event)
            return
        for plot in self.plots():
            plot.add(event)
        if not self.runner.cancelled:
            self.progress.update_event({**event, "phase": "training"})

    @Slot(object)
    def _on_done(self, summary) -> None:
        for plot in self.plots():
            plot.refresh()
        if summary is None:  # cancelled before the job could write a summary (e.g. during the first eval)
            self.progress.finish(self.tr("stopped"), complete=False)
            return
        self.summary = summary
        self.last_run = Path(summary["out"])
        finished = summary["status"] == "finished"
        parts = [phase_text(summary["status"]), self.tr("{n} steps").format(n=summary["steps"]),
                 self.tr("{seconds:.2f} s/step").format(seconds=summary["seconds_per_step"])]
        self.progress.finish(" · ".join(parts), complete=finished)
        self._show_summary(summary)
        if finished and (summary.get("eval_after") or summary.get("pair_margins")):
            self.results.setCurrentIndex(1 if summary.get("eval_after") else 2)
        self.main.show_message(self.tr("DPO run saved in {path}").format(path=self.last_run))

    def _show_summary(self, summary: dict) -> None:
        self._show_eval(summary)
        self._show_replies(summary.get("eval_before"), summary.get("eval_after"))
        self._show_margins(summary.get("pair_margins") or [])

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.progress.finish(self.tr("failed: {message}").format(message=message), complete=False)
        show_error(self, self.tr("The DPO run failed"), message)

    @Slot()
    def _on_finished(self) -> None:
        self._set_form_enabled(True)
        self.resume_button.refresh(busy=False)

    # results --------------------------------------------------------------------------------------

    def _clear_results(self) -> None:
        for r in range(len(EVAL_ROWS)):
            for c in range(3):
                self.eval_table.item(r, c).setText("—")
                self.eval_table.item(r, c).setForeground(QBrush(QColor(NEUTRAL if c == 2 else "#000000")))
        self.replies_table.setRowCount(0)
        self.margins_table.setRowCount(0)

    def _show_eval(self, summary: dict) -> None:
        before, after = summary.get("eval_before") or {}, summary.get("eval_after") or {}
        sft = bool(summary.get("start_adapter"))
        headers = ((self.tr("SFT tutor (before)"), self.tr("SFT tutor reply"), self.tr("SFT verdict")) if sft else
                   (self.tr("Base model (before)"), self.tr("Base model reply"), self.tr("Base verdict")))
        self.eval_table.setHorizontalHeaderItem(0, QTableWidgetItem(headers[0]))
        self.replies_table.setHorizontalHeaderItem(1, QTableWidgetItem(headers[1]))
        self.replies_table.setHorizontalHeaderItem(3, QTableWidgetItem(headers[2]))
        for row, (key, _, higher_is_better) in enumerate(EVAL_ROWS):
            self.eval_table.item(row, 0).setText(percent(before.get(key)))
            self.eval_table.item(row, 1).setText(percent(after.get(key)))
            text, colour = _change(before.get(key), after.get(key), higher_is_better)
            change = self.eval_table.item(row, 2)
            change.setText(text)
            change.setForeground(QBrush(QColor(colour)))
            change.setToolTip(self.tr("percentage points; green = better, red = worse"))
        if not before:
            self.compare_note.setText(self.tr("No eval: the run had no eval sentences or stopped before the first "
                                              "eval."))
        elif not after:
            self.compare_note.setText(self.tr("The run stopped, so only the starting tutor was evaluated ({n} "
                                              "sentences).").format(n=before.get("n")))

    def _show_replies(self, before: dict | None, after: dict | None) -> None:
        before_rows = (before or {}).get("rows") or []
        after_rows = (after or {}).get("rows") or []
        pairs = [(b, after_rows[i] if i < len(after_rows) else None) for i, b in enumerate(before_rows)]
        # Rows whose verdict changed first (stable: the eval order within each group).
        pairs.sort(key=lambda p: p[1] is None or p[0]["verdict"] == p[1]["verdict"])
        table = self.replies_table
        table.setRowCount(len(pairs))
        changed = 0
        for r, (b, a) in enumerate(pairs):
            differs = a is not None and a["verdict"] != b["verdict"]
            changed += differs
            table.setItem(r, 0, cell(b["sentence"], self.tr("gold: {gold}").format(gold=b["gold"])))
            table.setItem(r, 1, cell(_short(b["reply"]), b["reply"]))
            table.setItem(r, 2, cell(_short(a["reply"]) if a else "—", a["reply"] if a else None))
            for col, row in ((3, b), (4, a)):
                table.setItem(r, col, self._verdict_cell(row))
            if differs:
                for col in range(table.columnCount()):
                    table.item(r, col).setBackground(QBrush(QColor(CHANGED_ROW)))
        table.resizeRowsToContents()
        if pairs and after_rows:
            what = (self.tr("{n} verdict(s) changed (highlighted, listed first)").format(n=changed) if changed
                    else self.tr("no verdict changed"))
            self.compare_note.setText(self.tr("Greedy replies to {n} held-out sentences; {what}. Hover a reply "
                                              "for its full text.").format(n=len(pairs), what=what))

    @staticmethod
    def _verdict_cell(row: dict | None) -> QTableWidgetItem:
        if row is None:
            return cell("—")
        harm = row.get("harm") or []
        text = _tr(row["verdict"]) + (QCoreApplication.translate("DpoTab", " · harmful") if harm else "")
        good = row["verdict"] in GOOD_VERDICTS and not harm
        return cell(text, "; ".join(harm) or None, GOOD if good else BAD, bold=True)

    def _show_margins(self, margins: list[dict]) -> None:
        table = self.margins_table
        table.setRowCount(len(margins))
        for r, pair in enumerate(margins):
            sentence = tutor.sentence_from_prompt(pair["prompt"])
            margin = pair["margin"]
            tip = self.tr("reward chosen {chosen:+.3f}, rejected {rejected:+.3f}").format(
                chosen=pair["reward_chosen"], rejected=pair["reward_rejected"])
            cells = [cell(sentence, pair["prompt"]), cell(_short(pair["chosen"]), pair["chosen"]),
                     cell(_short(pair["rejected"]), pair["rejected"]),
                     cell(f"{margin:+.3f}", tip, BAD if margin < 0 else GOOD, bold=True)]
            for col, item in enumerate(cells):
                if margin < 0:
                    item.setBackground(QBrush(QColor(NEGATIVE_ROW)))
                table.setItem(r, col, item)
        table.resizeRowsToContents()
        if margins:
            wrong = sum(p["margin"] < 0 for p in margins)
            self.margins_note.setText(self.tr(
                "{n} training pairs by final implicit reward margin β·(log-ratio chosen − log-ratio rejected), "
                "lowest first. {wrong} pair(s) with a negative margin (red): the DPO tutor still prefers the "
                "rejected reply there.").format(n=len(margins), wrong=wrong))

    # a rebuild (language switch) shows the last run's results again -------------------------------

    def export_state(self) -> dict:
        return {"summary": self.summary, "last_run": self.last_run, "page": self.results.currentIndex(),
                "started_run": self.resume_button.started}

    def import_state(self, state: dict) -> None:
        self.last_run = state.get("last_run")
        if state.get("started_run") is not None:
            self.resume_button.started = state["started_run"]
            self.resume_button.refresh(busy=False)
        if state.get("summary"):
            self.summary = state["summary"]
            self._show_summary(self.summary)
        self.results.setCurrentIndex(state.get("page") or 0)

    # read-outs for tests --------------------------------------------------------------------------


    def eval_value(self, row_key: str, column: int) -> str:
        """The eval table's text for a rate (column 0: before, 1: after, 2: change)."""
        row = [k for k, _, _ in EVAL_ROWS].index(row_key)
        return self.eval_table.item(row, column).text()
