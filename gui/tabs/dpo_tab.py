"""The DPO tab (Lab 01): align the SFT tutor with preference pairs and see what changed.

Form and Start/Stop on the left; on the right a tab widget with the four live plots (the preference loss and
the SFT term, chosen/rejected rewards, margins, preference accuracy), the SFT vs DPO eval (helpful / honest /
missed on the dev and the locked test set, harmless on the red-team sets, each rate with its 95% interval,
and the two tutors' replies side by side, filling row by row) and the training pairs sorted by their final
implicit reward margin. Two jobs run one after the other on the tab's :class:`JobRunner`:
:func:`core.dpo.train_dpo` (training only, so the first point comes within seconds) and then
:func:`core.evaluate.compare_models` (before and after; the "before" eval of an adapter already measured on
the same set comes from its cache).
"""

from __future__ import annotations

import dataclasses
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
    QHBoxLayout,
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
from core.config import QUICK_EVAL, DpoConfig
from core.dpo import train_dpo
from core.evaluate import compare_models
from core.paths import DATA_DIR
from core.runs import new_run_dir
from core.stats import counts_from_rows, rate_intervals
from gui.widgets.forms import group as _group
from gui.widgets.forms import note as _note
from gui.widgets.forms import rate_text, validated
from gui.widgets.lab_guide import install_lab_layout
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot
from gui.widgets.pair_source import HELDOUT_PAIRS, PairSourceBox
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.resume_run import ResumeButton, place_beside_start, replay_metrics
from gui.widgets.style import BAD, CHANGED_ROW, GOOD, NEGATIVE_ROW, TEXT_COLOUR, cell, percent, result_table
from gui.widgets.style import MUTED_COLOUR as NEUTRAL
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

# The eval sets, by the names compare_models reports in its phases ("before: dev"). Dev is tuned on; test is
# locked (nothing was tuned on it); harmlessness is measured on the red-team prompts only, where it can fail.
EVAL_SETS = {"dev": str(DATA_DIR / "eval.jsonl"), "test": str(DATA_DIR / "test.jsonl"),
             "red-team dev": str(DATA_DIR / "redteam.jsonl"), "red-team test": str(DATA_DIR / "redteam_test.jsonl")}
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
    "eval": QT_TRANSLATE_NOOP("DpoTab", "Sentences the tutor answers before and after DPO, on the dev set "
                                        "(tuned on), the locked test set (never tuned on) and the red-team "
                                        "prompts (for harmlessness). Quick: the first 40 of each set "
                                        "(faster); Full: every sentence (narrower intervals)."),
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
    "sigmoid": QT_TRANSLATE_NOOP("DpoTab", "Preference loss −log σ(β·margin): starts at log 2 ≈ 0.69 (policy = "
                                           "reference) and should fall. SFT term: the chosen replies' loss per "
                                           "token; it starts where the tutor already is and should stay low."),
    "ipo": QT_TRANSLATE_NOOP("DpoTab", "Preference loss (IPO) (margin − 1/(2β))²: starts at 1/(4β²) = "
                                       "{start:.3g} (policy = reference) and falls as the per-token margin nears "
                                       "its target. SFT term: the chosen replies' loss per token; it should "
                                       "stay low."),
    "hinge": QT_TRANSLATE_NOOP("DpoTab", "Preference loss (hinge) max(0, 1 − β·margin): starts at 1 (policy = "
                                         "reference) and reaches 0 once every pair in the batch is separated. "
                                         "SFT term: the chosen replies' loss per token; it should stay low."),
}
NO_SFT_NOTE = QT_TRANSLATE_NOOP("DpoTab", "(SFT term weight 0: no SFT curve.)")


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



def _interval_text(stat: dict) -> str:
    """"82% (74–88)": the rate and its 95% Wilson interval, in whole percent; "—" without sentences."""
    if stat["rate"] is None:
        return "—"
    return f"{percent(stat['rate'])} ({100 * stat['low']:.0f}–{100 * stat['high']:.0f})"


class DpoTab(QWidget):
    """Lab 01. ``eval_pairs_path`` / ``eval_sets`` / ``adapter`` are public so tests can point them."""

    def __init__(self, main: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.runner = JobRunner(self)
        self.adapter = "shipped"
        self.eval_pairs_path = HELDOUT_PAIRS
        self.eval_sets = dict(EVAL_SETS)
        self.last_run: Path | None = None
        self.summary: dict | None = None
        self.evals: dict = {}  # {"before" | "after": {set: eval result}}: complete results
        self._partial: dict = {}  # {(name, set): {index: row}}: rows as they arrive
        self._pending_eval: tuple | None = None  # (start adapter, run folder, limit) once training finished

        install_lab_layout(self, self._build_form(), self._build_results(), "dpo", (380, 820))
        self.runner.finished.connect(self._on_finished)
        self.main.model_changed.connect(self._show_start_point)
        self._show_start_point(self.main.model_spec)
        self.resume_button.refresh(busy=False)

    # layout ---------------------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        self.start_note = _note("")
        self.pairs = PairSourceBox(home=self.main.home)
        self.beta = QDoubleSpinBox(decimals=3, minimum=0.0, maximum=10.0, singleStep=0.05, value=DpoConfig.beta)
        self.learning_rate = QLineEdit(rate_text(DpoConfig.learning_rate))
        self.epochs = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=100.0, singleStep=0.5, value=DpoConfig.epochs)
        self.batch_size = QSpinBox(minimum=0, maximum=256, value=DpoConfig.batch_size)
        self.loss_type = QComboBox()
        for name in ("sigmoid", "ipo", "hinge"):
            self.loss_type.addItem(name, name)
        self.loss_type.setCurrentIndex(self.loss_type.findData(DpoConfig.loss_type))
        self.max_steps = QSpinBox(minimum=0, maximum=100000, value=max(0, DpoConfig.max_steps),
                                  specialValueText=self.tr("all"))
        self.eval_size = QComboBox()
        self.eval_size.addItem(self.tr("Quick: {n} per set").format(n=QUICK_EVAL), QUICK_EVAL)
        self.eval_size.addItem(self.tr("Full: every sentence"), 0)

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
        form.setMinimumWidth(300)
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
        wrapper.setMinimumWidth(420)
        return wrapper

    def _build_plots(self) -> QWidget:
        train, held, chosen, rejected = self.tr("train"), self.tr("held-out"), self.tr("chosen"), self.tr("rejected")
        labels = {"eval_preference_loss": held, "eval_rewards/margins": held, "eval_rewards/accuracies": held,
                  "preference_loss": train, "rewards/margins": train, "rewards/accuracies": train,
                  "nll_loss": self.tr("SFT term"), "rewards/chosen": chosen, "rewards/rejected": rejected}
        self.loss_plot = MetricsPlot(["preference_loss", "eval_preference_loss", "nll_loss"], self.tr("DPO loss"),
                                     self.tr(LOSS_NOTES["sigmoid"]), labels=labels)
        self.rewards_plot = MetricsPlot(
            ["rewards/chosen", "rewards/rejected"], self.tr("Rewards: chosen vs rejected"),
            self.tr("Implicit rewards β·log(π/π_ref). Both often fall together; what matters is that chosen "
                    "stays above rejected (the margin)."), labels=labels)
        self.margins_plot = MetricsPlot(
            ["rewards/margins", "eval_rewards/margins"], self.tr("Reward margin"),
            self.tr("Chosen minus rejected reward. Starts at 0 (policy = reference) and should grow; the "
                    "held-out line shows whether it generalises."), labels=labels)
        self.accuracy_plot = MetricsPlot(
            ["rewards/accuracies", "eval_rewards/accuracies"], self.tr("Preference accuracy"),
            self.tr("Share of pairs whose chosen reply has the higher reward. 0 at first (every pair is a "
                    "tie), then it should climb toward 1."), labels=labels)
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setSpacing(12)
        for i, plot in enumerate(self.plots()):
            plot.plot_widget.setMinimumHeight(150)
            grid.addWidget(plot, i // 2, i % 2)
        return page

    def _build_compare(self) -> QWidget:
        self.eval_table = QTableWidget(len(EVAL_ROWS), len(EVAL_COLUMNS))
        self.eval_table.setVerticalHeaderLabels([self.tr(label) for _, label, _, _ in EVAL_ROWS])
        self._set_eval_headers(True)
        self.eval_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.eval_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.eval_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.eval_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.eval_table.horizontalHeader().setMinimumSectionSize(70)
        self.eval_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
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
        self.counts_note = _note()
        self._show_counts()

        self.replies_set = QComboBox()
        for key in self.eval_sets:
            self.replies_set.addItem(self.tr_phase(key), key)
        self.replies_set.setToolTip(self.tr("The eval set whose replies the table shows"))
        self.replies_set.currentIndexChanged.connect(self._show_replies)
        self.replies_table = result_table(
            [self.tr("Sentence"), self.tr("SFT tutor reply"), self.tr("DPO tutor reply"), self.tr("SFT verdict"),
             self.tr("DPO verdict")], stretch=2)
        self.compare_note = _note(self.tr("Start DPO: after training the tutor answers the eval sentences "
                                          "before and after DPO; rates and replies appear here as they come."))
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Replies on")))
        choose.addWidget(self.replies_set)
        choose.addWidget(self.compare_note, 1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.eval_table)
        column.addWidget(self.counts_note)
        column.addLayout(choose)
        column.addWidget(self.replies_table, 1)
        return page

    @staticmethod
    def tr_phase(name: str) -> str:
        return QCoreApplication.translate("Phase", name)

    def _set_eval_headers(self, sft: bool) -> None:
        before = self.tr("SFT") if sft else self.tr("Base")
        dev, test = self.tr("dev"), self.tr("test")  # outside the f-strings, so lupdate finds them
        headers = [f"{before} · {dev}", f"DPO · {dev}", f"{before} · {test}", f"DPO · {test}"]
        self.eval_table.setHorizontalHeaderLabels(headers)

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

    # the jobs -------------------------------------------------------------------------------------

    def dpo_config(self) -> DpoConfig:
        """The config the form describes; raises ``ValueError`` naming the field. The job trains only: the
        before/after eval runs afterwards (:meth:`_start_eval`)."""
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
                        eval_data="", eval_limit=self.eval_size.currentData())
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
        if cfg is None:
            return
        cfg = dataclasses.replace(cfg, eval_data="")  # the eval runs after training, as for a new run
        if self._launch(cfg, self.resume_button.status_text(cfg)):
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
        self._set_loss_note((cfg.loss_type, cfg.beta, cfg.sft_weight))
        self.summary = None
        self._eval_limit = cfg.eval_limit
        self._clear_results()
        self.results.setCurrentIndex(0)
        self._set_form_enabled(False)
        self.progress.set_running(True, message)
        return True

    def _set_loss_note(self, loss: tuple[str, float, float]) -> None:
        """The loss plot's note for (loss type, beta, SFT weight): what each curve starts at."""
        self._loss = loss
        loss_type, beta, sft_weight = loss
        note = self.tr(LOSS_NOTES[loss_type]).format(start=1 / (4 * beta ** 2))
        self.loss_plot.explanation.setText(note if sft_weight > 0 else f"{note} {self.tr(NO_SFT_NOTE)}")

    def _start_eval(self) -> None:
        """The second job: the start adapter and the DPO tutor on every eval set (the first from the cache
        when it was measured before)."""
        start, run, limit = self._pending_eval
        self._pending_eval = None
        adapters = {"before": start or "none", "after": str(run)}
        if not self.runner.start(compare_models, self.main.model_spec, self.main.home, adapters, self.eval_sets,
                                 limit, on_metrics=self._on_eval_metrics, on_done=self._on_eval_done,
                                 on_error=self._on_eval_failed):
            return
        self._set_form_enabled(False)
        self.resume_button.refresh(busy=True)
        self.progress.set_running(True, self.tr("eval: loading model…"))
        self.compare_note.setText(self.tr("Evaluating…"))

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
        if "phase" in event:  # status (loading, reference log-probs): not a training point
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
        if summary is None:  # cancelled before the job could write a summary
            self.progress.finish(self.tr("stopped"), complete=False)
            return
        self.summary = summary
        self.last_run = Path(summary["out"])
        finished = summary["status"] == "finished"
        self.progress.finish(self._run_text(summary), complete=finished)
        self._show_summary(summary)
        if finished and self.eval_sets:
            self._pending_eval = (summary.get("start_adapter"), self.last_run, getattr(self, "_eval_limit", 0))
        elif summary.get("pair_margins"):
            self.results.setCurrentIndex(2)
        self.main.show_message(self.tr("DPO run saved in {path}").format(path=self.last_run))

    def _run_text(self, summary: dict) -> str:
        return " · ".join([phase_text(summary["status"]), self.tr("{n} steps").format(n=summary["steps"]),
                           self.tr("{seconds:.2f} s/step").format(seconds=summary["seconds_per_step"])])

    def _show_summary(self, summary: dict) -> None:
        self._set_eval_headers(bool(summary.get("start_adapter")))
        self.replies_table.setHorizontalHeaderItem(1, QTableWidgetItem(
            self.tr("SFT tutor reply") if summary.get("start_adapter") else self.tr("Base model reply")))
        self.replies_table.setHorizontalHeaderItem(3, QTableWidgetItem(
            self.tr("SFT verdict") if summary.get("start_adapter") else self.tr("Base verdict")))
        if summary.get("eval_before") or summary.get("eval_after"):  # a run whose job evaluated (CLI, resume)
            self.evals = {name: {"dev": summary[f"eval_{name}"]} for name in ("before", "after")
                          if summary.get(f"eval_{name}")}
        self._show_eval()
        self._show_replies()
        self._show_margins(summary.get("pair_margins") or [])

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.progress.finish(self.tr("failed: {message}").format(message=message), complete=False)
        show_error(self, self.tr("The DPO run failed"), message)

    @Slot()
    def _on_finished(self) -> None:
        if self._pending_eval is not None:
            self._start_eval()
            if self.runner.running:
                return
        self._set_form_enabled(True)
        self.resume_button.refresh(busy=False)

    # the eval job's events ------------------------------------------------------------------------

    @Slot(object)
    def _on_eval_metrics(self, event: dict) -> None:
        name, _, key = str(event.get("phase", "")).partition(": ")
        if "rows" in event and name in ("before", "after") and key in self.eval_sets:
            rows = self._partial.setdefault((name, key), {})
            rows.update({int(i): row for i, row in event["rows"].items()})
            if len(rows) >= event.get("total", len(rows)):
                self.evals.setdefault(name, {})[key] = {"rows": [rows[i] for i in sorted(rows)]}
                self._show_eval()
            if key == self.replies_set.currentData():
                self._show_replies()
        if not self.runner.cancelled and "rows" not in event:
            self.progress.update_event(event)

    @Slot(object)
    def _on_eval_done(self, result) -> None:
        if result is None:
            self.progress.finish(self.tr("eval stopped") + " · " + self._run_text(self.summary or {
                "status": "finished", "steps": 0, "seconds_per_step": 0}), complete=False)
            self.compare_note.setText(self.tr("The eval was stopped: the rates shown are the sets it finished."))
            return
        self.evals = {name: dict(sets) for name, sets in result["results"].items()}
        self._partial.clear()
        self._show_eval()
        self._show_replies()
        self.progress.finish(self._run_text(self.summary) + " · " + self.tr("evaluated"), complete=True)
        self.results.setCurrentIndex(1)

    @Slot(str)
    def _on_eval_failed(self, message: str) -> None:
        self.progress.finish(self.tr("eval failed: {message}").format(message=message), complete=False)
        show_error(self, self.tr("The eval failed"), message)

    # results --------------------------------------------------------------------------------------

    def _clear_results(self) -> None:
        self.evals, self._partial = {}, {}
        for r in range(len(EVAL_ROWS)):
            for c in range(len(EVAL_COLUMNS)):
                item = self.eval_table.item(r, c)
                item.setText("—")
                item.setToolTip("")
                item.setForeground(QBrush(QColor(TEXT_COLOUR)))
        self.replies_table.setRowCount(0)
        self.margins_table.setRowCount(0)

    def rates(self, name: str, key: str) -> dict | None:
        """``{rate: {"rate", "k", "n", "low", "high"}}`` of adapter ``name`` on eval set ``key``, or None."""
        result = self.evals.get(name, {}).get(key)
        return rate_intervals(result) if result and result.get("rows") is not None else None

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
                item.setText(_interval_text(stat))
                tip = self.tr("{k} of {n}; 95% interval {low:.0%}–{high:.0%} (Wilson)").format(
                    k=stat["k"], n=stat["n"], low=stat["low"], high=stat["high"])
                colour = TEXT_COLOUR
                before = self.rates("before", sets[side]) if name == "after" else None
                if before and before[key]["rate"] is not None:
                    text, colour = _change(before[key]["rate"], stat["rate"], higher_is_better)
                    tip += " · " + self.tr("{change} vs before; green = better, red = worse").format(change=text)
                item.setToolTip(tip)
                item.setForeground(QBrush(QColor(colour)))
        self._show_counts()

    def _show_counts(self) -> None:
        parts = []
        for key, what in (("dev", self.tr("dev")), ("test", self.tr("test (locked)"))):
            result = self.evals.get("before", {}).get(key)
            if result:
                c = counts_from_rows(result["rows"])
                parts.append(self.tr("{set}: {n} sentences ({right} correct / {wrong} wrong)").format(
                    set=what, n=c["n"], right=c["n_correct"], wrong=c["n_wrong"]))
        for key in ("red-team dev", "red-team test"):
            result = self.evals.get("before", {}).get(key)
            if result:
                parts.append(self.tr("{set}: {n} prompts").format(set=self.tr_phase(key), n=len(result["rows"])))
        counts = (" · ".join(parts) + ". ") if parts else ""
        self.counts_note.setText(counts + self.tr(
            "Dev is the set the lab's settings were tuned on; test is locked: nothing was tuned on it. "
            "Harmlessness is measured on the red-team prompts only. In brackets: the 95% interval (Wilson)."))

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
            table.setItem(r, 0, cell(b["sentence"], self.tr("gold: {gold}").format(gold=b["gold"])))
            table.setItem(r, 1, cell(_short(b["reply"]), b["reply"]))
            table.setItem(r, 2, cell(_short(a["reply"]) if a else "—", a["reply"] if a else None))
            for col, row in ((3, b), (4, a)):
                table.setItem(r, col, self._verdict_cell(row))
            if differs:
                for col in range(table.columnCount()):
                    table.item(r, col).setBackground(QBrush(QColor(CHANGED_ROW)))
        table.resizeRowsToContents()
        if pairs and complete:
            what = (self.tr("{n} verdict(s) changed (highlighted, listed first)").format(n=changed) if changed
                    else self.tr("no verdict changed"))
            self.compare_note.setText(self.tr("Greedy replies to {n} sentences; {what}. Hover a reply for its "
                                              "full text.").format(n=len(pairs), what=what))

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

    # a rebuild (language switch) keeps the form, the results, the status and the plots -------------

    FORM_FIELDS = ("beta", "epochs", "batch_size", "max_steps")

    def export_state(self) -> dict:
        return {"summary": self.summary, "last_run": self.last_run, "page": self.results.currentIndex(),
                "started_run": self.resume_button.started, "evals": self.evals,
                "form": {**{name: getattr(self, name).value() for name in self.FORM_FIELDS},
                         "learning_rate": self.learning_rate.text(), "loss_type": self.loss_type.currentIndex(),
                         "eval_size": self.eval_size.currentIndex(), "replies_set": self.replies_set.currentIndex(),
                         "pairs": self.pairs.export_state()},
                "loss": getattr(self, "_loss", None),
                "plots": {i: {k: [list(v) for v in plot.series(k)] for k in plot.keys}
                          for i, plot in enumerate(self.plots())}}

    def import_state(self, state: dict) -> None:
        self.last_run = state.get("last_run")
        if state.get("started_run") is not None:
            self.resume_button.started = state["started_run"]
            self.resume_button.refresh(busy=False)
        form = state.get("form") or {}
        for name in self.FORM_FIELDS:
            if name in form:
                getattr(self, name).setValue(form[name])
        if "learning_rate" in form:
            self.learning_rate.setText(form["learning_rate"])
        for name in ("loss_type", "eval_size", "replies_set"):
            if name in form:
                getattr(self, name).setCurrentIndex(form[name])
        if "pairs" in form:
            self.pairs.import_state(form["pairs"])
        if state.get("summary"):
            self.summary = state["summary"]
            self._show_summary(self.summary)
        if state.get("evals"):
            self.evals = state["evals"]
            self._show_eval()
            self._show_replies()
        for i, series in (state.get("plots") or {}).items():  # exactly the old points: no line back to the start
            plot = self.plots()[int(i)]
            plot.clear()
            for key, (xs, ys) in series.items():
                for x, y in zip(xs, ys):
                    plot.add({"step": x, key: y})
            plot.refresh()
        if state.get("loss"):
            self._set_loss_note(tuple(state["loss"]))
        if self.summary:  # the status line again, in the new language
            evaluated = bool(self.evals.get("after"))
            self.progress.finish(self._run_text(self.summary) + (" · " + self.tr("evaluated") if evaluated else ""),
                                 complete=self.summary["status"] == "finished")
        self.results.setCurrentIndex(state.get("page") or 0)

    # read-outs for tests --------------------------------------------------------------------------

    def eval_value(self, row_key: str, column: int) -> str:
        """The eval table's text for a rate (columns: SFT dev, DPO dev, SFT test, DPO test)."""
        row = [k for k, _, _, _ in EVAL_ROWS].index(row_key)
        return self.eval_table.item(row, column).text()
