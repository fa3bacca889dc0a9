"""The DPO tab (Lab 01): align the SFT tutor with preference pairs and see what changed.

Form and Start/Stop on the left; on the right a tab widget with the four live plots (the preference loss and
the SFT term, chosen/rejected rewards, margins, preference accuracy), the SFT vs DPO eval (helpful / honest /
missed on the dev and the locked test set, harmless on the red-team sets, each rate with its 95% interval,
and the two tutors' replies side by side, filling row by row: ``gui.widgets.eval_compare``) and the training
pairs sorted by their final implicit reward margin (``gui.widgets.pair_margins``). Two jobs run one after the
other on the tab's :class:`JobRunner`: :func:`core.dpo.train_dpo` (training only, so the first point comes
within seconds) and then :func:`core.evaluate.compare_models` (before and after; the "before" eval of an
adapter already measured on the same set comes from its cache).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.config import QUICK_EVAL, DpoConfig
from core.dpo import REFERENCE_FILE, score_pairs, train_dpo
from core.evaluate import compare_models
from core.paths import DATA_DIR
from core.runs import new_run_dir, record_evals
from gui.widgets.eval_compare import EvalCompare
from gui.widgets.forms import group as _group
from gui.widgets.forms import note as _note
from gui.widgets.forms import number, rate_text, tip_row, validated
from gui.widgets.lab_guide import install_lab_layout
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot, PlotGrid
from gui.widgets.pair_margins import PairMargins
from gui.widgets.pair_source import HELDOUT_PAIRS, PairSourceBox
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.resume_run import ResumeButton, place_beside_start, replay_metrics
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

# The eval sets, by the names compare_models reports in its phases ("before: dev"). Dev is tuned on; test is
# locked (nothing was tuned on it); harmlessness is measured on the red-team prompts only, where it can fail.
EVAL_SETS = {"dev": str(DATA_DIR / "eval.jsonl"), "test": str(DATA_DIR / "test.jsonl"),
             "red-team dev": str(DATA_DIR / "redteam.jsonl"), "red-team test": str(DATA_DIR / "redteam_test.jsonl")}
# English texts in module constants are marked for lupdate here and translated (context "DpoTab") where shown.
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
        self._eval_run: Path | None = None  # the run the eval in progress is about
        self.summary: dict | None = None
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
        tip_row(form, label or self.tr(FORM_LABELS[key]), widget, self.tr(TIPS[key]))

    def _build_results(self) -> QWidget:
        self.results = QTabWidget()
        self.results.addTab(self._build_plots(), self.tr("Training"))
        self.compare = EvalCompare(self.eval_sets)
        self.pair_margins = PairMargins()
        self.pair_margins.score_requested.connect(self._score_pairs)
        self.results.addTab(self.compare, "")  # named by _name_compare_page: "SFT vs DPO" or "Base vs DPO"
        self.results.addTab(self.pair_margins, self.tr("Pair margins"))
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
            ["rewards/chosen", "rewards/rejected"], self.tr("Implicit rewards"),
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
        for plot in self.plots():
            plot.plot_widget.setMinimumHeight(150)
        page = PlotGrid(self.plots(), spacing=12)
        page.grid.setContentsMargins(6, 6, 6, 6)
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
        if self.summary is None and not self.compare.evals:  # a run's results on screen keep their own names
            self._name_compare_page(spec == "smollm2")

    def _name_compare_page(self, sft: bool) -> None:
        """The before / after page names what DPO started from: the SFT tutor, or the base model."""
        self.compare.set_start(sft)
        self.results.setTabText(self.results.indexOf(self.compare),
                                self.tr("SFT vs DPO") if sft else self.tr("Base vs DPO"))

    # the jobs -------------------------------------------------------------------------------------

    def dpo_config(self) -> DpoConfig:
        """The config the form describes; raises ``ValueError`` naming the field. The job trains only: the
        before/after eval runs afterwards (:meth:`_start_eval`)."""
        lr = number(self.learning_rate, self.tr("Learning rate: “{text}” is not a number (try 3e-4)"))
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
        self.loss_plot.set_explanation(note if sft_weight > 0 else f"{note} {self.tr(NO_SFT_NOTE)}")

    def _start_eval(self) -> None:
        """The second job: the start adapter and the DPO tutor on every eval set (the first from the cache
        when it was measured before)."""
        start, run, limit = self._pending_eval
        self._pending_eval = None
        self._eval_run = run  # its summary gets the eval (the Runs tab's honest before -> after)
        adapters = {"before": start or "none", "after": str(run)}
        if not self.runner.start(compare_models, self.main.model_spec, self.main.home, adapters, self.eval_sets,
                                 limit, on_metrics=self._on_eval_metrics, on_done=self._on_eval_done,
                                 on_error=self._on_eval_failed):
            return
        self._set_form_enabled(False)
        self.resume_button.refresh(busy=True)
        self.progress.set_running(True, self.tr("eval: loading model…"))
        self.compare.replies_note.setText(self.tr("Evaluating…"))

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
        steps = summary["steps"]
        return " · ".join([phase_text(summary["status"]),
                           self.tr("1 step") if steps == 1 else self.tr("{n} steps").format(n=steps),
                           self.tr("{seconds:.2f} s/step").format(seconds=summary["seconds_per_step"])])

    def _show_summary(self, summary: dict) -> None:
        self._name_compare_page(bool(summary.get("start_adapter")))
        evaluated = {name: {"dev": summary[f"eval_{name}"]} for name in ("before", "after")
                     if summary.get(f"eval_{name}")}  # a run whose job evaluated (CLI, resume)
        self.compare.set_evals(evaluated or self.compare.evals)
        self.pair_margins.set_margins(summary.get("pair_margins") or [])
        run = Path(summary.get("out") or "")
        self.pair_margins.set_scorable(summary.get("status") == "finished" and not summary.get("pair_margins")
                                       and (run / REFERENCE_FILE).is_file())

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
            self.compare.add_rows(name, key, event["rows"], event.get("total"))
        if not self.runner.cancelled and "rows" not in event:
            self.progress.update_event(event)

    @Slot(object)
    def _on_eval_done(self, result) -> None:
        if result is None:
            self.progress.finish(self.tr("eval stopped") + " · " + self._run_text(self.summary or {
                "status": "finished", "steps": 0, "seconds_per_step": 0}), complete=False)
            self.compare.replies_note.setText(self.tr("The eval was stopped: the rates shown are the sets it "
                                                      "finished."))
            return
        self.compare.set_evals({name: dict(sets) for name, sets in result["results"].items()})
        self.progress.finish(self._run_text(self.summary) + " · " + self.tr("evaluated"), complete=True)
        try:
            if self._eval_run is not None:
                record_evals(self._eval_run, result["results"])
        except (OSError, ValueError) as exc:  # the run folder moved or was deleted meanwhile: the tab still shows it
            self.main.show_message(self.tr("The eval was not saved with the run: {error}").format(error=exc))
        self.results.setCurrentIndex(1)

    @Slot(str)
    def _on_eval_failed(self, message: str) -> None:
        self.progress.finish(self.tr("eval failed: {message}").format(message=message), complete=False)
        show_error(self, self.tr("The eval failed"), message)

    # the pair-margins job (on demand) ------------------------------------------------------------

    @Slot()
    def _score_pairs(self) -> None:
        if self.summary is None or self.runner.running:
            return
        if not self.runner.start(score_pairs, self.summary["out"], self.main.home, on_metrics=self._on_score_metrics,
                                 on_done=self._on_scored, on_error=self._on_score_failed):
            return
        self._set_form_enabled(False)
        self.resume_button.refresh(busy=True)
        self.pair_margins.score_button.setEnabled(False)
        self.progress.set_running(True, self.tr("pair margins: loading model…"))

    @Slot(object)
    def _on_score_metrics(self, event: dict) -> None:
        if not self.runner.cancelled:
            self.progress.update_event(event)

    @Slot(object)
    def _on_scored(self, margins) -> None:
        if margins is None:
            self.progress.finish(self.tr("pair margins stopped") + " · " + self._run_text(self.summary),
                                 complete=False)
            self.pair_margins.set_scorable(True)
            return
        self.summary = {**self.summary, "pair_margins": margins}
        self.pair_margins.set_margins(margins)
        self.progress.finish(self._run_text(self.summary) + " · " + self.tr("pairs scored"), complete=True)
        self.results.setCurrentIndex(2)

    @Slot(str)
    def _on_score_failed(self, message: str) -> None:
        self.progress.finish(self.tr("pair margins failed: {message}").format(message=message), complete=False)
        self.pair_margins.set_scorable(True)  # the learner may try again
        show_error(self, self.tr("Scoring the training pairs failed"), message)

    # results --------------------------------------------------------------------------------------

    def _clear_results(self) -> None:
        self.compare.clear()
        self.pair_margins.set_margins([])
        self.pair_margins.set_scorable(False)

    # a rebuild (language switch) keeps the form, the results, the status and the plots -------------

    FORM_FIELDS = ("beta", "epochs", "batch_size", "max_steps")

    def export_state(self) -> dict:
        return {"summary": self.summary, "last_run": self.last_run, "page": self.results.currentIndex(),
                "started_run": self.resume_button.started, "evals": self.compare.evals,
                "form": {**{name: getattr(self, name).value() for name in self.FORM_FIELDS},
                         "learning_rate": self.learning_rate.text(), "loss_type": self.loss_type.currentIndex(),
                         "eval_size": self.eval_size.currentIndex(),
                         "replies_set": self.compare.replies_set.currentIndex(),
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
        for name, combo in (("loss_type", self.loss_type), ("eval_size", self.eval_size),
                            ("replies_set", self.compare.replies_set)):
            if name in form:
                combo.setCurrentIndex(form[name])
        if "pairs" in form:
            self.pairs.import_state(form["pairs"])
        if state.get("summary"):
            self.summary = state["summary"]
            self._show_summary(self.summary)
        if state.get("evals"):
            self.compare.set_evals(state["evals"])
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
            evaluated = bool(self.compare.evals.get("after"))
            self.progress.finish(self._run_text(self.summary) + (" · " + self.tr("evaluated") if evaluated else ""),
                                 complete=self.summary["status"] == "finished")
        self.results.setCurrentIndex(state.get("page") or 0)
