"""The Reward model tab (Lab 00): train a reward model on preference pairs, then look inside it.

Form on the left (pairs, settings, Start/Stop, held-out accuracy beside the length-only baseline, "score any
reply"); on the right the live loss / accuracy / margin plots, the held-out reward histogram and the table of
held-out pairs, misranked first. Training and scoring run on the tab's :class:`JobRunner`; the job
functions import torch-backed core modules lazily. The newest reward run in the data dir is shown on open.
Not here: the engine (``core.reward``) or labeling (``gui.tabs.label_tab``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core import tutor, workspace
from core.config import RewardConfig
from core.reward import score_reply, train_reward
from core.runs import new_run_dir, read_json, read_metrics
from core.stats import wilson
from gui.widgets.forms import group as _group
from gui.widgets.forms import note as _muted
from gui.widgets.forms import rate_text, validated
from gui.widgets.lab_guide import install_lab_layout
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot, add_legend
from gui.widgets.pair_source import HELDOUT_PAIRS, PairSourceBox
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.resume_run import ResumeButton, place_beside_start, replay_metrics
from gui.widgets.style import MUTED_COLOUR, NEGATIVE_ROW, PALETTE, TEXT_COLOUR, cell, fixed_table, percent
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

# English texts in module constants are marked for lupdate here and translated where they are shown.
FORM_LABELS = {"learning_rate": QT_TRANSLATE_NOOP("RewardTab", "Learning rate"),
               "lora_rank": QT_TRANSLATE_NOOP("RewardTab", "LoRA rank"),
               "epochs": QT_TRANSLATE_NOOP("RewardTab", "Epochs"),
               "batch_size": QT_TRANSLATE_NOOP("RewardTab", "Batch size"),
               "out": QT_TRANSLATE_NOOP("RewardTab", "Run folder"),
               "max_steps": QT_TRANSLATE_NOOP("RewardTab", "Max steps")}
# The tutor's task is English, so the example prompt and reply stay English in every interface language.
SCORE_PROMPT = "Check this sentence: She go to school every day."
SCORE_REPLY = ("Checked: She goes to school every day.\n"
               "Verb: go → goes. With he, she or it, the present simple verb takes -s.")
RUN_PREFIX = "rm-"
# rows of the held-out accuracy table: the reward model, then the rules with no model (core/baselines.py)
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


# --- helpers ------------------------------------------------------------------------------------------

def _nowrap(text: str) -> str:
    return text.replace(" ", "\u00a0")


def _one_line(text: str) -> str:
    return " ⏎ ".join(part.strip() for part in text.strip().splitlines() if part.strip())


def latest_reward_run(home) -> Path | None:
    """The newest reward-model run folder in the data dir that has a summary, or None."""
    runs = workspace.runs_dir(home)
    found = sorted(p for p in runs.glob(f"{RUN_PREFIX}*") if (p / "summary.json").is_file()) \
        if runs.is_dir() else []
    return found[-1] if found else None


class RewardHistogram(QWidget):
    """Two step histograms (chosen, rejected) of held-out rewards on shared bins, with an explanation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setAntialiasing(True)
        item = self.plot_widget.getPlotItem()
        item.setTitle(self.tr("Held-out rewards"), color=TEXT_COLOUR, size="12pt")
        item.showGrid(x=True, y=True, alpha=0.15)
        style = {"color": TEXT_COLOUR, "font-size": "10pt"}
        item.setLabel("bottom", self.tr("reward"), **style)
        item.setLabel("left", self.tr("pairs"), **style)
        item.getAxis("bottom").enableAutoSIPrefix(False)
        for side in ("left", "bottom"):
            item.getAxis(side).setPen(pg.mkPen(MUTED_COLOUR))
            item.getAxis(side).setTextPen(pg.mkPen(TEXT_COLOUR))
        add_legend(item)  # under the plot, never over the bars
        self._curves = {}
        legend = {"chosen": self.tr("chosen"), "rejected": self.tr("rejected")}
        for name, colour in (("chosen", PALETTE[2]), ("rejected", PALETTE[1])):
            fill = QColor(colour)
            fill.setAlpha(70)
            self._curves[name] = item.plot([0, 1], [0], stepMode="center", fillLevel=0, brush=fill,
                                           pen=pg.mkPen(colour, width=2), name=legend[name])
            self._curves[name].setData([], [])
        self.counts: dict[str, np.ndarray] = {}
        self.explanation = _muted(self.tr("Rewards the model gives the chosen and the rejected reply of each "
                                          "held-out pair: well separated = the model ranks them apart."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.explanation)

    def show_rewards(self, chosen: list[float], rejected: list[float]) -> None:
        values = np.asarray(list(chosen) + list(rejected), dtype=float)
        if values.size == 0:
            self.clear()
            return
        edges = np.histogram_bin_edges(values, bins=min(20, max(6, values.size // 4)))
        for name, data in (("chosen", chosen), ("rejected", rejected)):
            counts, _ = np.histogram(np.asarray(data, dtype=float), bins=edges)
            self.counts[name] = counts
            self._curves[name].setData(edges, counts)

    def clear(self) -> None:
        self.counts = {}
        for curve in self._curves.values():
            curve.setData([], [])


# --- the tab ------------------------------------------------------------------------------------------

class RewardTab(QWidget):
    """``eval_pairs`` and ``eval_steps`` are the held-out side of a run (attributes, so tests can shrink them)."""

    def __init__(self, main: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.runner = JobRunner(self)
        self.last_run: Path | None = None
        self.summary: dict | None = None
        self.last_reward: float | None = None
        self.eval_pairs = HELDOUT_PAIRS
        self.eval_steps = RewardConfig.eval_steps
        self.batch_size = RewardConfig.batch_size

        install_lab_layout(self, self._scrolled(self._build_form()), self._build_results(), "reward", (400, 800))
        self.runner.finished.connect(self._on_finished)
        self._restore_last_run()
        self.resume_button.refresh(busy=False)

    # layout ---------------------------------------------------------------------------------------

    @staticmethod
    def _scrolled(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidget(widget)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumWidth(widget.minimumWidth() + 12)
        return area

    def _build_form(self) -> QWidget:
        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 10, 0)
        column.setSpacing(10)
        column.addWidget(self._build_source_box())
        column.addWidget(self._build_train_box())
        column.addWidget(self._build_accuracy_box())
        column.addWidget(self._build_score_box())
        column.addStretch(1)
        form.setMinimumWidth(350)
        return form

    def _build_source_box(self) -> QGroupBox:
        self.pair_source = PairSourceBox(home=self.main.home)
        layout = QVBoxLayout()
        layout.addWidget(self.pair_source)
        layout.addWidget(_muted(self.tr("Accuracy and margins are also measured on the bundled held-out pairs, "
                                        "which are never trained on.")))
        return _group(self.tr("Training pairs"), layout)

    def _build_train_box(self) -> QGroupBox:
        self.epochs = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=100.0, singleStep=0.5,
                                     value=RewardConfig.epochs)
        self.learning_rate = QLineEdit(rate_text(RewardConfig.learning_rate))
        self.lora_rank = QSpinBox(minimum=1, maximum=256, value=RewardConfig.lora_rank)
        self.max_steps = QSpinBox(minimum=0, maximum=100000, value=max(0, RewardConfig.max_steps),
                                  specialValueText=self.tr("all"))
        tips = {
            self.epochs: self.tr("Passes over the training pairs. More epochs fit them better, but may overfit."),
            self.learning_rate: self.tr("Step size of each update (a positive number, e.g. 5e-4). Too high: the "
                                        "loss jumps around; too low: it barely moves."),
            self.lora_rank: self.tr("Size of the low-rank adapter trained on top of the frozen model (LoRA alpha "
                                    "= 2 × rank). Higher = more capacity, slower."),
            self.max_steps: self.tr("Stop after this many optimizer steps (0 = run all the epochs)."),
        }
        form = QFormLayout()
        for widget, key in ((self.epochs, "epochs"), (self.learning_rate, "learning_rate"),
                            (self.lora_rank, "lora_rank"), (self.max_steps, "max_steps")):
            widget.setToolTip(tips[widget])
            name = QLabel(self.tr(FORM_LABELS[key]))
            name.setToolTip(tips[widget])
            form.addRow(name, widget)
        self.progress = ProgressPanel(self.tr("Start training"))
        self.progress.start_button.setToolTip(self.tr("Train a reward model on the chosen pairs"))
        self.progress.stop_button.setToolTip(self.tr("Stop at the next step; the model so far is kept and scored"))
        self.progress.start_clicked.connect(self.start_training)
        self.progress.stop_clicked.connect(self.stop)
        self.resume_button = ResumeButton(self.main, "reward", RUN_PREFIX, RewardConfig)
        self.resume_button.clicked.connect(self.resume_training)
        place_beside_start(self.progress, self.resume_button)
        form.addRow(self.progress)
        return _group(self.tr("Train the reward model"), form)

    def _build_accuracy_box(self) -> QGroupBox:
        self.accuracy_table = QTableWidget(len(METHODS), 0)
        self.accuracy_table.setVerticalHeaderLabels([self.tr(label) for _, label in METHODS])
        for row, (key, _) in enumerate(METHODS):
            self.accuracy_table.verticalHeaderItem(row).setToolTip(self.tr(METHOD_TIPS[key]))
        fixed_table(self.accuracy_table)
        self.accuracy_table.setWordWrap(False)
        self._fit_accuracy_table()
        self.accuracy_note = _muted(self.tr(
            "Share of held-out pairs ranked right; in brackets the 95% interval (Wilson). The rules use no model: "
            "a model no better than “pick the longer reply” has learnt length, and one no better than the phrase "
            "lookup (which phrases were chosen or rejected in the training pairs) has learnt a table. 100% pair "
            "accuracy while the replies stay wrong is a known trap: the sampled pairs, built from the tutor's own "
            "replies, show whether the model learnt more."))
        layout = QVBoxLayout()
        layout.addWidget(self.accuracy_table)
        layout.addWidget(self.accuracy_note)
        return _group(self.tr("Held-out accuracy"), layout)

    def _fit_accuracy_table(self) -> None:
        table = self.accuracy_table
        header_h = table.horizontalHeader().sizeHint().height() if table.columnCount() else 0
        rows_h = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(header_h + rows_h + 2 * table.frameWidth() + 2)

    def _build_score_box(self) -> QGroupBox:
        self.score_prompt = QLineEdit(SCORE_PROMPT)
        self.score_prompt.setToolTip(self.tr("The learner's message (the tutor's prompt)"))
        self.score_reply_box = QPlainTextEdit(SCORE_REPLY)
        self.score_reply_box.setToolTip(self.tr("Any reply: the reward model gives it one number"))
        self.score_reply_box.setFixedHeight(64)
        self.score_button = QPushButton(self.tr("Score"))
        self.score_button.setToolTip(self.tr("Reward of this reply from the last trained reward model"))
        self.score_button.clicked.connect(self.score)
        self.score_button.setEnabled(False)
        self.score_result = QLabel(self.tr("Train a reward model first."))
        self.score_result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.score_result, 1)
        row.addWidget(self.score_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout()
        layout.addWidget(self.score_prompt)
        layout.addWidget(self.score_reply_box)
        layout.addLayout(row)
        return _group(self.tr("Score any reply"), layout)

    def _build_results(self) -> QWidget:
        train, held_out = self.tr("train"), self.tr("held-out")
        self.loss_plot = MetricsPlot(
            ["loss", "eval_loss"], self.tr("Loss"),
            self.tr("Pairwise loss −log σ(r_chosen − r_rejected): starts near 0.69 (a coin flip) and should "
                    "fall."),
            y_label=self.tr("loss"), labels={"loss": train, "eval_loss": held_out})
        self.accuracy_plot = MetricsPlot(
            ["accuracy", "eval_accuracy"], self.tr("Accuracy"),
            self.tr("Share of pairs where the chosen reply gets the higher reward: should climb from ~0.5 "
                    "(chance) towards 1.0; held-out shows whether it generalises."),
            y_label=self.tr("accuracy"), labels={"accuracy": train, "eval_accuracy": held_out})
        self.margin_plot = MetricsPlot(
            ["margin", "eval_margin"], self.tr("Reward margin"),
            self.tr("Mean r_chosen − r_rejected: should rise above 0 as the model pushes the pairs apart."),
            y_label=self.tr("margin"), labels={"margin": train, "eval_margin": held_out})
        self.histogram = RewardHistogram()
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for i, plot in enumerate((self.loss_plot, self.accuracy_plot, self.margin_plot, self.histogram)):
            plot.plot_widget.setMinimumHeight(170)
            # plain numbers on the axis: "loss (x0.001)" over 690 confuses more than it helps
            plot.plot_widget.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
            grid.addWidget(plot, i // 2, i % 2)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(grid_widget)
        splitter.addWidget(self._build_table_box())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([470, 260])
        splitter.setChildrenCollapsible(False)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(splitter)
        return right

    def _build_table_box(self) -> QGroupBox:
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Margin"), self.tr("Sentence"), self.tr("Chosen"),
                                              self.tr("Rejected")])
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
        self.open_button = QPushButton(self.tr("Inspect pair…"))
        self.open_button.setToolTip(self.tr("Read the selected held-out pair in full and judge it yourself. It is "
                                            "not copied into your preference store: a held-out pair that is "
                                            "trained on no longer measures anything."))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.inspect_pair)
        self.table_note = _muted(self.tr("Train a reward model to see how it ranks the held-out pairs."))
        row = QHBoxLayout()
        row.addWidget(self.table_note, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout()
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        return _group(self.tr("Held-out pairs, misranked first (red: the rejected reply got the higher reward)"),
                      layout)

    # training -------------------------------------------------------------------------------------

    def reward_config(self) -> RewardConfig:
        """The config the form describes; raises ``ValueError`` naming the field."""
        text = self.learning_rate.text().strip()
        try:
            lr = float(text)
        except ValueError:
            raise ValueError(self.tr("Learning rate: “{text}” is not a number (try 5e-4)").format(text=text)) from None
        if self.epochs.value() <= 0:
            raise ValueError(self.tr("Epochs: must be > 0"))
        rank = self.lora_rank.value()
        cfg = RewardConfig(model=self.main.model_spec, out=str(self._new_run_folder()),
                           pairs=self.pair_source.source(), eval_pairs=str(self.eval_pairs),
                           epochs=self.epochs.value(), learning_rate=lr, lora_rank=rank, lora_alpha=2 * rank,
                           max_steps=self.max_steps.value() or -1, eval_steps=self.eval_steps,
                           batch_size=self.batch_size)
        return validated(cfg, FORM_LABELS, self.tr)

    def _new_run_folder(self) -> Path:
        return new_run_dir(self.main.home, RUN_PREFIX.rstrip("-"))

    @Slot()
    def start_training(self) -> bool:
        try:
            cfg = self.reward_config()
        except (ValueError, OSError) as exc:
            show_error(self, self.tr("Check the training settings"), str(exc))
            return False
        if not self._start_training(cfg):
            return False
        self.resume_button.started = Path(cfg.out)
        for plot in (self.loss_plot, self.accuracy_plot, self.margin_plot):
            plot.clear()
        return True

    @Slot()
    def resume_training(self) -> bool:
        """Continue the stopped run from its last checkpoint, with its own settings."""
        cfg = self.resume_button.resume_config()
        if cfg is None or not self._start_training(cfg):
            return False
        self.resume_button.started = Path(cfg.out)
        replay_metrics([self.loss_plot, self.accuracy_plot, self.margin_plot], Path(cfg.out))
        self.progress.busy(self.resume_button.status_text(cfg))
        return True

    @Slot()
    def stop(self) -> None:
        if self.runner.running:
            self.runner.stop()
            self.progress.busy(self.tr("stopping…"))

    @Slot()
    def score(self) -> bool:
        if self.last_run is None:
            self.score_result.setText(self.tr("Train a reward model first."))
            return False
        prompt = self.score_prompt.text().strip() or SCORE_PROMPT
        reply = self.score_reply_box.toPlainText().strip()
        if not reply:
            show_error(self, self.tr("Nothing to score"), self.tr("Reply: type the reply to score."))
            return False
        self.score_result.setText(self.tr("scoring…"))
        # scoring is short: the progress line keeps showing the last training run
        if not self.runner.start(score_reply, str(self.last_run), self.main.home, prompt, reply,
                                 on_metrics=self._on_score_metrics, on_done=self._on_scored,
                                 on_error=self._on_score_failed):
            return self._refuse()
        self.progress.start_button.setEnabled(False)
        self._set_busy()
        return True

    def _start_training(self, cfg: RewardConfig) -> bool:
        if not self.runner.start(train_reward, cfg, self.main.home, on_metrics=self._on_train_metrics,
                                 on_done=self._on_trained, on_error=self._on_train_failed):
            return self._refuse()
        self.progress.set_running(True, self.tr("loading model…"))
        self._set_busy()
        return True

    def _refuse(self) -> bool:
        self.main.show_message(self.tr("A job is already running in this tab."))
        return False

    def _set_busy(self) -> None:
        self.score_button.setEnabled(False)
        self.resume_button.refresh(busy=True)

    # job events -----------------------------------------------------------------------------------

    def _on_train_metrics(self, event: dict) -> None:
        for plot in (self.loss_plot, self.accuracy_plot, self.margin_plot):
            plot.add(event)
        self.progress.update_event(event)

    def _on_trained(self, summary: dict | None) -> None:
        if summary is None:
            self.progress.finish(self.tr("stopped"), complete=False)
        else:
            self._show_training(summary)

    def _on_train_failed(self, message: str) -> None:
        self.progress.finish(self.tr("failed: {message}").format(message=message), complete=False)
        show_error(self, self.tr("The job failed"), message)

    def _on_score_metrics(self, event: dict) -> None:
        if event.get("phase"):
            self.score_result.setText(phase_text(event["phase"]) + "…")

    def _on_scored(self, reward: float | None) -> None:
        if reward is None:
            self.score_result.setText(self.tr("scoring stopped"))
        else:
            self._show_score(reward)

    def _on_score_failed(self, message: str) -> None:
        self.score_result.setText(self.tr("scoring failed"))
        show_error(self, self.tr("The job failed"), message)

    @Slot()
    def _on_finished(self) -> None:
        self.score_button.setEnabled(self.last_run is not None)
        self.progress.start_button.setEnabled(True)
        self.resume_button.refresh(busy=False)

    def _show_training(self, summary: dict) -> None:
        for plot in (self.loss_plot, self.accuracy_plot, self.margin_plot):
            plot.refresh()
        self.show_results(summary, Path(summary["out"]))
        self.progress.finish(self._run_text(summary), complete=summary["status"] == "finished")
        self.main.show_message(self.tr("Reward model saved in {path}").format(path=self.last_run))

    def _run_text(self, summary: dict) -> str:
        parts = [phase_text(summary["status"]), self.tr("{n} steps").format(n=summary.get("steps", 0))]
        if summary.get("seconds_per_step") is not None:
            parts.append(self.tr("{seconds:.2f} s per step").format(seconds=summary["seconds_per_step"]))
        return " · ".join(_nowrap(p) for p in parts)

    def _show_score(self, reward: float) -> None:
        text = self.tr("Reward: <b>{reward:+.3f}</b>").format(reward=reward)
        heldout = (self.summary or {}).get("heldout") or []
        if heldout:
            chosen = np.mean([p["reward_chosen"] for p in heldout])
            rejected = np.mean([p["reward_rejected"] for p in heldout])
            chosen_text = self.tr("chosen {value:+.3f}").format(value=chosen)
            rejected_text = self.tr("rejected {value:+.3f}").format(value=rejected)
            means = self.tr("held-out means: {means}").format(
                means=f"{_nowrap(chosen_text)} · {_nowrap(rejected_text)}")
            text += f"<br><span style='color:{MUTED_COLOUR}'>{means}</span>"

        self.score_result.setText(text)
        self.last_reward = reward

    # results --------------------------------------------------------------------------------------

    def show_results(self, summary: dict, run_dir: Path) -> None:
        """Fill the histogram, the held-out table and the accuracy box from a run's summary."""
        self.summary, self.last_run = summary, Path(run_dir)
        heldout = summary.get("heldout") or []
        self.histogram.show_rewards([p["reward_chosen"] for p in heldout],
                                    [p["reward_rejected"] for p in heldout])
        self._fill_table(heldout)
        self._fill_accuracy(summary)
        self.score_button.setEnabled(not self.runner.running)
        if self.score_result.text() == self.tr("Train a reward model first."):
            self.score_result.setText(self.tr("Press Score to see the reward of this reply."))

    def _fill_accuracy(self, summary: dict) -> None:
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
        table = self.accuracy_table
        names = list(sets)
        table.setColumnCount(len(names))
        table.setHorizontalHeaderLabels([self.tr(SET_LABELS.get(n, n)) if n in SET_LABELS else n for n in names])
        for col, name in enumerate(names):
            table.horizontalHeaderItem(col).setToolTip(self.tr(SET_TIPS[name]) if name in SET_TIPS else name)
            table.horizontalHeaderItem(col).setData(Qt.ItemDataRole.UserRole, name)
            measured = sets[name]
            rules = baselines.get(name) or {}
            for row, (key, _) in enumerate(METHODS):
                if key == "model":
                    n, right = measured["pairs"], measured["right"]
                    if n:
                        low, high = wilson(right, n)
                        text = f"{percent(right / n)} ({100 * low:.0f}–{100 * high:.0f})"
                        tip = self.tr("{right} of {n} pairs ranked right; 95% interval {low:.0%}–{high:.0%} "
                                      "(Wilson)").format(right=right, n=n, low=low, high=high)
                    else:
                        text, tip = "—", ""
                    item = cell(text, tip, bold=True)
                else:
                    item = cell(percent(rules.get(key)), self.tr(METHOD_TIPS[key]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, col, item)
        self._fit_accuracy_table()

    def accuracy_text(self, method: str, held_out_set: str) -> str:
        """The accuracy table's text for a method (``model``, ``lookup``, ``length_longer``, ...) on a set."""
        table = self.accuracy_table
        cols = [c for c in range(table.columnCount())
                if table.horizontalHeaderItem(c).data(Qt.ItemDataRole.UserRole) == held_out_set]
        row = [k for k, _ in METHODS].index(method)
        return table.item(row, cols[0]).text() if cols and table.item(row, cols[0]) else "—"

    def _fill_table(self, heldout: list[dict]) -> None:
        self.table.setRowCount(0)
        self.table.setRowCount(len(heldout))
        highlight = QBrush(QColor(NEGATIVE_ROW))
        for row, pair in enumerate(heldout):
            sentence = tutor.sentence_from_prompt(pair["prompt"])
            cells = [cell(f"{pair['margin']:+.3f}"), cell(sentence, pair["prompt"]),
                     cell(_one_line(pair["chosen"]), pair["chosen"]),
                     cell(_one_line(pair["rejected"]), pair["rejected"])]
            cells[0].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for col, item in enumerate(cells):
                if pair["margin"] <= 0:
                    item.setBackground(highlight)
                self.table.setItem(row, col, item)
        width = max(self.table.viewport().width(), 600)
        for col in (1, 2):
            self.table.setColumnWidth(col, int(width * 0.28))
        wrong = sum(p["margin"] <= 0 for p in heldout)
        self.table_note.setText(self.tr("{wrong} of {n} held-out pairs misranked. Select one and press Inspect "
                                        "pair… to read it in full.").format(wrong=wrong, n=len(heldout))
                                if heldout else self.tr("No held-out pairs."))

    def misranked_rows(self) -> list[int]:
        """Rows shown as misranked (used by tests)."""
        return [r for r in range(self.table.rowCount())
                if self.table.item(r, 0).background().color() == QColor(NEGATIVE_ROW)]

    def _restore_last_run(self) -> None:
        try:
            run = latest_reward_run(workspace.data_home(self.main.home))
            summary = read_json(run / "summary.json") if run is not None else None
        except (OSError, ValueError):
            return
        if not summary or summary.get("lab") != "reward":
            return
        for event in read_metrics(run):
            for plot in (self.loss_plot, self.accuracy_plot, self.margin_plot):
                plot.add(event)
        self.show_results(summary, run)
        self.progress.finish(self.tr("last run: {name} ({status}, {steps} steps)").format(
            name=run.name, status=phase_text(str(summary.get("status"))), steps=summary.get("steps")))

    # the Label tab --------------------------------------------------------------------------------

    @Slot()
    def _on_selection(self) -> None:
        self.open_button.setEnabled(self.selected_pair() is not None)

    def selected_pair(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        heldout = (self.summary or {}).get("heldout") or []
        if not rows or rows[0].row() >= len(heldout):
            return None
        return heldout[rows[0].row()]

    @Slot()
    def inspect_pair(self) -> QDialog | None:
        """Show the selected held-out pair read-only (never added to the store); returns the dialog."""
        pair = self.selected_pair()
        if pair is None:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Held-out pair"))
        layout = QVBoxLayout(dialog)
        verdict = (self.tr("The reward model ranks this pair the wrong way round.") if pair["margin"] <= 0
                   else self.tr("The reward model ranks this pair right."))
        head = QLabel(f"<b>{tutor.sentence_from_prompt(pair['prompt'])}</b><br>{verdict}")
        head.setWordWrap(True)
        layout.addWidget(head)
        for title, key in ((self.tr("Chosen reply (reward {value:+.3f})"), "chosen"),
                           (self.tr("Rejected reply (reward {value:+.3f})"), "rejected")):
            layout.addWidget(QLabel(title.format(value=pair[f"reward_{key}"])))
            text = QPlainTextEdit(pair[key])
            text.setReadOnly(True)
            text.setFixedHeight(90)
            layout.addWidget(text)
        layout.addWidget(_muted(self.tr("Held-out pairs are only for measuring: this one is not added to your "
                                        "preference store, so training on “My labels” never sees it. To label "
                                        "pairs yourself, use the Label tab.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(560, dialog.sizeHint().height())
        dialog.setModal(False)
        dialog.show()
        self.pair_dialog = dialog
        return dialog

    # a rebuild (language switch) keeps the form, the status, the results and the plots ----------------

    def export_state(self) -> dict:
        return {"epochs": self.epochs.value(), "learning_rate": self.learning_rate.text(),
                "lora_rank": self.lora_rank.value(), "max_steps": self.max_steps.value(),
                "pairs": self.pair_source.export_state(),
                "summary": self.summary, "last_run": self.last_run, "score_prompt": self.score_prompt.text(),
                "score_reply": self.score_reply_box.toPlainText(), "last_reward": self.last_reward, "started_run": self.resume_button.started,
                "plots": [{k: [list(v) for v in plot.series(k)] for k in plot.keys} for plot in self._plots()]}

    def import_state(self, state: dict) -> None:
        self.epochs.setValue(state.get("epochs", self.epochs.value()))
        self.learning_rate.setText(state.get("learning_rate", self.learning_rate.text()))
        self.lora_rank.setValue(state.get("lora_rank", self.lora_rank.value()))
        self.max_steps.setValue(state.get("max_steps", self.max_steps.value()))
        if state.get("pairs"):
            self.pair_source.import_state(state["pairs"])
        if state.get("started_run") is not None:
            self.resume_button.started = state["started_run"]
            self.resume_button.refresh(busy=False)
        if state.get("summary") and state.get("last_run"):
            self.show_results(state["summary"], state["last_run"])
        for plot, series in zip(self._plots(), state.get("plots") or []):  # exactly the old points, once each
            plot.clear()
            for key, (xs, ys) in series.items():
                for x, y in zip(xs, ys):
                    plot.add({"step": x, key: y})
            plot.refresh()
        self.score_prompt.setText(state.get("score_prompt", self.score_prompt.text()))
        self.score_reply_box.setPlainText(state.get("score_reply", self.score_reply_box.toPlainText()))
        if state.get("last_reward") is not None:  # shown again in the new language
            self._show_score(state["last_reward"])
        if state.get("summary") and state["summary"].get("status"):
            self.progress.finish(self._run_text(state["summary"]), complete=state["summary"]["status"] == "finished")

    def _plots(self) -> list[MetricsPlot]:
        return [self.loss_plot, self.accuracy_plot, self.margin_plot]
