"""The Reward model tab (Lab 00): train a reward model on preference pairs, then look inside it.

Form on the left (pairs, settings, Start/Stop, held-out accuracy beside the no-model baselines, "score any
reply"); on the right the live loss / accuracy / margin plots, the held-out reward histogram and the table of
held-out pairs, misranked first (``gui.widgets.reward_accuracy``, ``reward_histogram`` and ``heldout_pairs``).
Training and scoring run on the tab's :class:`JobRunner`; the job functions import torch-backed core modules
lazily. The newest reward run in the data dir is shown on open.
Not here: the engine (``core.reward``) or labeling (``gui.tabs.label_tab``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core import workspace
from core.config import RewardConfig
from core.reward import score_reply, train_reward
from core.runs import new_run_dir, read_json, read_metrics
from gui.widgets.forms import group as _group
from gui.widgets.forms import note as _muted
from gui.widgets.forms import number, rate_text, tip_row, validated
from gui.widgets.heldout_pairs import HeldoutPairs
from gui.widgets.lab_guide import install_lab_layout
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot, PlotGrid
from gui.widgets.pair_source import HELDOUT_PAIRS, PairSourceBox
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.resume_run import ResumeButton, place_beside_start, replay_metrics
from gui.widgets.reward_accuracy import RewardAccuracy
from gui.widgets.reward_histogram import RewardHistogram
from gui.widgets.style import MUTED_COLOUR
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


# --- helpers ------------------------------------------------------------------------------------------

def _nowrap(text: str) -> str:
    return text.replace(" ", "\u00a0")


def latest_reward_run(home) -> Path | None:
    """The newest reward-model run folder in the data dir that has a summary, or None."""
    runs = workspace.runs_dir(home)
    found = sorted(p for p in runs.glob(f"{RUN_PREFIX}*") if (p / "summary.json").is_file()) \
        if runs.is_dir() else []
    return found[-1] if found else None


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
        self.accuracy = RewardAccuracy()
        column.addWidget(self.accuracy)
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
            tip_row(form, self.tr(FORM_LABELS[key]), widget, tips[widget])
        self.progress = ProgressPanel(self.tr("Start training"))
        self.progress.start_button.setToolTip(self.tr("Train a reward model on the chosen pairs"))
        self.progress.stop_button.setToolTip(self.tr("Stop within the step; the model so far is kept (and scored when a Resume finishes it)"))
        self.progress.start_clicked.connect(self.start_training)
        self.progress.stop_clicked.connect(self.stop)
        self.resume_button = ResumeButton(self.main, "reward", RUN_PREFIX, RewardConfig)
        self.resume_button.clicked.connect(self.resume_training)
        place_beside_start(self.progress, self.resume_button)
        form.addRow(self.progress)
        return _group(self.tr("Train the reward model"), form)

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
        plots = [self.loss_plot, self.accuracy_plot, self.margin_plot, self.histogram]
        for plot in plots:
            plot.plot_widget.setMinimumHeight(120)
            # plain numbers on the axis: "loss (x0.001)" over 690 confuses more than it helps
            plot.plot_widget.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        grid_widget = PlotGrid(plots)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(grid_widget)
        self.heldout_pairs = HeldoutPairs()
        splitter.addWidget(self.heldout_pairs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # the plots first: two rows of plot, legend and explanation need about 440 px; below their minimum the
        # explanations would be drawn over the legends
        splitter.setSizes([480, 170])
        splitter.setChildrenCollapsible(False)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(splitter)
        return right

    # training -------------------------------------------------------------------------------------

    def reward_config(self) -> RewardConfig:
        """The config the form describes; raises ``ValueError`` naming the field."""
        lr = number(self.learning_rate, self.tr("Learning rate: “{text}” is not a number (try 5e-4)"))
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
        parts = [phase_text(summary["status"]), (self.tr("1 step") if summary.get("steps") == 1
                                                  else self.tr("{n} steps").format(n=summary.get("steps", 0)))]
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
        self.heldout_pairs.fill(heldout, stopped=summary.get("status") == "stopped"
                                and bool(summary.get("heldout_pairs")))
        self.accuracy.fill(summary)
        self.score_button.setEnabled(not self.runner.running)
        if self.score_result.text() == self.tr("Train a reward model first."):
            self.score_result.setText(self.tr("Press Score to see the reward of this reply."))

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
