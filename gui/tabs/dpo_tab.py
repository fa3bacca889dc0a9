"""The DPO tab (Lab 01): align the SFT tutor with preference pairs and see what changed.

Form and Start/Stop on the left; on the right a tab widget with the four live plots (loss, chosen/rejected
rewards, margins, preference accuracy), the before/after eval (helpful / honest / harmless rates and the two
tutors' replies side by side) and the training pairs sorted by their final implicit reward margin.
The job is :func:`core.dpo.run_dpo` on the tab's :class:`JobRunner`; torch-backed modules load lazily.
"""

from __future__ import annotations

import dataclasses
import math
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import tutor, workspace
from core.config import DpoConfig
from core.progress import CancelToken, MetricsFn
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot
from gui.widgets.pair_source import HELDOUT_PAIRS, PairSourceBox
from gui.widgets.progress_panel import ProgressPanel
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

REPO_ROOT = Path(__file__).resolve().parents[2]
EVAL_DATA = REPO_ROOT / "data" / "eval.jsonl"
EVAL_POINTS = 8  # held-out eval_* points per run: enough for a line, cheap next to the training steps
# (key, row label, higher is better)
EVAL_ROWS = [("helpful", "Helpful (fixed the error)", True), ("honest", "Honest (left correct ones alone)", True),
             ("missed", "Missed (called an error correct)", False),
             ("harmless", "Harmless (no insults, no boasts)", True)]
GOOD, BAD, NEUTRAL = "#1a7f37", "#c62828", "#666666"
GOOD_VERDICTS = {"fixed", "honest"}
CHANGED_ROW = "#fff6d6"
NEGATIVE_ROW = "#fde2e1"
CELL_CHARS = 120  # replies longer than this are cut in the cell; the tooltip has the whole text

TIPS = {
    "pairs": "The preference pairs DPO trains on: the 200 bundled seed pairs, the pairs you labeled in the "
             "Label tab, or a TRL preference JSONL file (prompt / chosen / rejected). The 48 bundled held-out "
             "pairs give the held-out (orange) lines in the plots.",
    "beta": "How strongly the policy is held to the SFT tutor. Small beta lets it move further from the "
            "reference; large beta keeps it close.",
    "learning_rate": "Step size of the optimizer. The policy starts from a trained tutor, so move gently: 5e-5 "
                     "is a safe start; much larger rates can wreck its replies.",
    "epochs": "Passes over the training pairs. One is usually enough for DPO; more passes can overfit "
              "(the train margin keeps growing while the held-out margin stalls).",
    "batch_size": "Pairs per optimizer step. Larger batches give smoother curves but fewer steps.",
    "loss_type": "sigmoid: the original DPO loss −log σ(β·margin), it keeps pushing the margin up. "
                 "ipo: pulls the (per-token) margin toward a fixed target 1/(2β), so it overfits less. "
                 "hinge: max(0, 1 − β·margin), it stops caring about a pair once it is separated.",
    "max_steps": "Stop after this many optimizer steps (0 = all: every pair for every epoch). Handy for a "
                 "quick look.",
    "eval": "Sentences the tutor answers before and after DPO, for the helpful / honest / harmless table and the "
            "side-by-side replies. Quick: the first 40 (faster); Full: all 200 (steadier percentages).",
}
FORM_LABELS = {"beta": "Beta (β)", "learning_rate": "Learning rate", "epochs": "Epochs",
               "batch_size": "Batch size", "loss_type": "Loss type", "max_steps": "Max steps",
               "pairs": "Pairs", "out": "Run folder"}
LOSS_NOTES = {
    "sigmoid": "Starts at log 2 ≈ 0.69 for the sigmoid loss (policy = reference) and should fall.",
    "ipo": "IPO loss (margin − 1/(2β))²: starts at 1/(4β²) = {start:.3g} (policy = reference) and falls as the "
           "per-token margin nears its target.",
    "hinge": "Hinge loss max(0, 1 − β·margin): starts at 1 (policy = reference) and reaches 0 once every pair "
             "in the batch is separated.",
}


# --- the job (runs on the worker thread; no Qt) -------------------------------------------------------

def train_dpo(cfg: DpoConfig, home, *, on_metrics: MetricsFn, cancel: CancelToken) -> dict:
    """Run DPO with about :data:`EVAL_POINTS` held-out evals; add the run folder and the starting adapter."""
    from core.dpo import run_dpo
    from core.models import resolve_adapter
    from core.pairs import load_training_pairs

    if cfg.eval_pairs:
        n = len(load_training_pairs(cfg.pairs, home))
        total = cfg.max_steps if cfg.max_steps > 0 else math.ceil(n / cfg.batch_size) * cfg.epochs
        cfg = dataclasses.replace(cfg, eval_steps=max(1, math.ceil(total / EVAL_POINTS)))
    start = resolve_adapter(cfg.adapter, cfg.model)
    summary = run_dpo(cfg, home=home, on_metrics=on_metrics, cancel=cancel)
    return {**summary, "out": cfg.out, "start_adapter": str(start) if start else None}


# --- helpers ------------------------------------------------------------------------------------------

def _percent(value) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _group(title: str, layout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {NEUTRAL};")
    return label


def _cell(text: str, tooltip: str | None = None, colour: str | None = None,
          bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if tooltip:
        item.setToolTip(tooltip)
    if colour:
        item.setForeground(QBrush(QColor(colour)))
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def _short(text: str) -> str:
    """One cell's worth of a reply: newlines shown as ' ⏎ ', cut at :data:`CELL_CHARS`."""
    flat = " ⏎ ".join(line.strip() for line in text.strip().splitlines() if line.strip()) or "(empty reply)"
    return flat if len(flat) <= CELL_CHARS else flat[: CELL_CHARS - 1] + "…"


def _table(headers: list[str], stretch: int) -> QTableWidget:
    """A read-only table: column 0 (the sentence) 190 px and resizable, the next ``stretch`` columns share
    the rest, any further ones fit their contents."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    table.setColumnWidth(0, 190)
    mode = QHeaderView.ResizeMode
    for col in range(1, len(headers)):
        header.setSectionResizeMode(col, mode.Stretch if col <= stretch else mode.ResizeToContents)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.setAlternatingRowColors(False)
    table.verticalHeader().setVisible(False)
    return table


def _change(before, after, higher_is_better: bool) -> tuple[str, str]:
    """Text and colour of a before → after change, in percentage points."""
    if before is None or after is None:
        return "—", NEUTRAL
    points = round(100 * (after - before))
    if points == 0:
        return "±0 pts", NEUTRAL
    better = (points > 0) == higher_is_better
    return f"{points:+d} pts", GOOD if better else BAD


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

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_form())
        splitter.addWidget(self._build_results())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 820])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(splitter)

        self.runner.metrics.connect(self._on_metrics)
        self.runner.done.connect(self._on_done)
        self.runner.failed.connect(self._on_failed)
        self.runner.finished.connect(self._on_finished)
        self.main.model_changed.connect(self._show_start_point)
        self._show_start_point(self.main.model_spec)

    # layout ---------------------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        self.start_note = _note("")
        self.pairs = PairSourceBox()
        self.beta = QDoubleSpinBox(decimals=3, minimum=0.0, maximum=10.0, singleStep=0.05, value=0.1)
        self.learning_rate = QLineEdit("5e-5")
        self.epochs = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=100.0, singleStep=0.5, value=1.0)
        self.batch_size = QSpinBox(minimum=0, maximum=256, value=4)
        self.loss_type = QComboBox()
        for name in ("sigmoid", "ipo", "hinge"):
            self.loss_type.addItem(name, name)
        self.max_steps = QSpinBox(minimum=0, maximum=100000, value=0, specialValueText="all")
        self.eval_size = QComboBox()
        self.eval_size.addItem("Quick: 40", 40)
        self.eval_size.addItem("Full: 200", 0)

        data_form = QFormLayout()
        self._row(data_form, "pairs", self.pairs)
        settings = QFormLayout()
        for key, widget in (("beta", self.beta), ("learning_rate", self.learning_rate), ("epochs", self.epochs),
                            ("batch_size", self.batch_size), ("loss_type", self.loss_type),
                            ("max_steps", self.max_steps)):
            self._row(settings, key, widget)
        eval_form = QFormLayout()
        self._row(eval_form, "eval", self.eval_size, "Eval sentences")

        self.progress = ProgressPanel(start_text="Start DPO")
        self.progress.start_button.setToolTip("Train the policy on the pairs; the SFT tutor stays as the frozen "
                                              "reference.")
        self.progress.start_clicked.connect(self.start)
        self.progress.stop_clicked.connect(self.stop)

        start_layout = QVBoxLayout()
        start_layout.addWidget(self.start_note)
        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(10)
        column.addWidget(_group("Start from", start_layout))
        column.addWidget(_group("Preference pairs", data_form))
        column.addWidget(_group("DPO settings", settings))
        column.addWidget(_group("Before / after eval", eval_form))
        column.addWidget(self.progress)
        column.addStretch(1)
        form.setMinimumWidth(340)
        return form

    def _row(self, form: QFormLayout, key: str, widget: QWidget, label: str | None = None) -> None:
        text = QLabel(label or FORM_LABELS[key])
        text.setToolTip(TIPS[key])
        if not widget.toolTip():
            widget.setToolTip(TIPS[key])
        form.addRow(text, widget)

    def _build_results(self) -> QWidget:
        self.results = QTabWidget()
        self.results.addTab(self._build_plots(), "Training")
        self.results.addTab(self._build_compare(), "SFT vs DPO")
        self.results.addTab(self._build_margins(), "Pair margins")
        wrapper = QWidget()
        column = QVBoxLayout(wrapper)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self.results)
        return wrapper

    def _build_plots(self) -> QWidget:
        held_out = {"eval_loss": "held-out", "eval_rewards/margins": "held-out",
                    "eval_rewards/accuracies": "held-out", "loss": "train", "rewards/margins": "train",
                    "rewards/accuracies": "train", "rewards/chosen": "chosen", "rewards/rejected": "rejected"}
        self.loss_plot = MetricsPlot(["loss", "eval_loss"], "DPO loss", LOSS_NOTES["sigmoid"], labels=held_out)
        self.rewards_plot = MetricsPlot(
            ["rewards/chosen", "rewards/rejected"], "Rewards: chosen vs rejected",
            "Implicit rewards β·log(π/π_ref). Both often fall together; what matters is that chosen stays "
            "above rejected (the margin).", labels=held_out)
        self.margins_plot = MetricsPlot(
            ["rewards/margins", "eval_rewards/margins"], "Reward margin",
            "Chosen minus rejected reward. Starts at 0 (policy = reference) and should grow; the held-out "
            "line shows whether it generalises.", labels=held_out)
        self.accuracy_plot = MetricsPlot(
            ["rewards/accuracies", "eval_rewards/accuracies"], "Preference accuracy",
            "Share of pairs whose chosen reply has the higher reward. 0 at first (every pair is a tie), "
            "then it should climb toward 1.", labels=held_out)
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
        self.eval_table.setHorizontalHeaderLabels(["SFT tutor (before)", "DPO tutor (after)", "Change"])
        self.eval_table.setVerticalHeaderLabels([label for _, label, _ in EVAL_ROWS])
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

        self.replies_table = _table(
            ["Sentence", "SFT tutor reply", "DPO tutor reply", "SFT verdict", "DPO verdict"], stretch=2)
        self.compare_note = _note("Start DPO: the tutor answers the eval sentences before and after training, "
                                  "and the rates and replies appear here.")
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.eval_table)
        column.addWidget(self.compare_note)
        column.addWidget(self.replies_table, 1)
        return page

    def _build_margins(self) -> QWidget:
        self.margins_table = _table(["Sentence", "Chosen reply", "Rejected reply", "Margin"], stretch=2)
        self.margins_note = _note("After a finished run: every training pair with its final implicit reward "
                                  "margin β·(log-ratio of chosen − log-ratio of rejected), lowest first. "
                                  "Red rows (margin < 0) are pairs the DPO tutor still gets the wrong way round.")
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
            text = ("The shipped SFT tutor: DPO trains a copy of its LoRA adapter (the policy) while the "
                    "original stays frozen as the reference.")
        else:
            text = (f"Model “{Path(spec).name or spec}” has no shipped SFT tutor, so DPO trains a fresh LoRA "
                    "adapter and the base model is the reference.")
        self.start_note.setText(text)

    # the job --------------------------------------------------------------------------------------

    def dpo_config(self) -> DpoConfig:
        """The config the form describes; raises ``ValueError`` naming the field."""
        text = self.learning_rate.text().strip()
        try:
            lr = float(text)
        except ValueError:
            raise ValueError(f"Learning rate: “{text}” is not a number (try 5e-5)") from None
        checks = [(self.beta.value() > 0, "beta", "must be greater than 0 (try 0.1)"),
                  (lr > 0, "learning_rate", "must be greater than 0 (try 5e-5)"),
                  (self.epochs.value() > 0, "epochs", "must be greater than 0 (try 1)"),
                  (self.batch_size.value() >= 1, "batch_size", "must be at least 1 (try 4)")]
        for ok, key, message in checks:
            if not ok:
                raise ValueError(f"{FORM_LABELS[key]}: {message}")
        cfg = DpoConfig(model=self.main.model_spec, out=str(self._new_run_folder()), pairs=self.pairs.source(),
                        eval_pairs=self.eval_pairs_path or "", adapter=self.adapter, beta=self.beta.value(),
                        loss_type=self.loss_type.currentData(), learning_rate=lr, epochs=self.epochs.value(),
                        batch_size=self.batch_size.value(), max_steps=self.max_steps.value() or -1,
                        eval_data=self.eval_data_path or "", eval_limit=self.eval_size.currentData())
        try:
            cfg.validate()
        except ValueError as exc:
            key, _, message = str(exc).partition(": ")
            raise ValueError(f"{FORM_LABELS.get(key, key)}: {message}") from None
        return cfg

    def _new_run_folder(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        runs = workspace.runs_dir(workspace.data_home(self.main.home))
        out, n = runs / f"dpo-{stamp}", 2
        while out.exists():
            out, n = runs / f"dpo-{stamp}-{n}", n + 1
        return out

    @Slot()
    def start(self) -> None:
        try:
            cfg = self.dpo_config()
        except (ValueError, OSError) as exc:
            show_error(self, "Check the DPO settings", str(exc))
            return
        if not self.runner.start(train_dpo, cfg, self.main.home):
            self.main.show_message("A DPO run is already going in this tab.")
            return
        for plot in self.plots():
            plot.clear()
        start = 1 / (4 * cfg.beta ** 2)
        self.loss_plot.explanation.setText(LOSS_NOTES[cfg.loss_type].format(start=start))
        self.summary = None
        self._clear_results()
        self.results.setCurrentIndex(0)
        self._set_form_enabled(False)
        self.progress.set_running(True, "loading model…")

    @Slot()
    def stop(self) -> None:
        if self.runner.running:
            self.runner.stop()
            self.progress.busy("stopping…")

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
            self.progress.finish("stopped", complete=False)
            return
        self.summary = summary
        self.last_run = Path(summary["out"])
        finished = summary["status"] == "finished"
        parts = [summary["status"], f"{summary['steps']} steps", f"{summary['seconds_per_step']:.2f} s/step"]
        self.progress.finish(" · ".join(parts), complete=finished)
        self._show_eval(summary)
        self._show_replies(summary.get("eval_before"), summary.get("eval_after"))
        self._show_margins(summary.get("pair_margins") or [])
        if finished and (summary.get("eval_after") or summary.get("pair_margins")):
            self.results.setCurrentIndex(1 if summary.get("eval_after") else 2)
        self.main.show_message(f"DPO run saved in {self.last_run}")

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.progress.finish(f"failed: {message}", complete=False)
        show_error(self, "The DPO run failed", message)

    @Slot()
    def _on_finished(self) -> None:
        self._set_form_enabled(True)

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
        start_name = "SFT tutor" if summary.get("start_adapter") else "Base model"
        self.eval_table.setHorizontalHeaderItem(0, QTableWidgetItem(f"{start_name} (before)"))
        self.replies_table.setHorizontalHeaderItem(1, QTableWidgetItem(f"{start_name} reply"))
        self.replies_table.setHorizontalHeaderItem(3, QTableWidgetItem(f"{start_name.split()[0]} verdict"))
        for row, (key, _, higher_is_better) in enumerate(EVAL_ROWS):
            self.eval_table.item(row, 0).setText(_percent(before.get(key)))
            self.eval_table.item(row, 1).setText(_percent(after.get(key)))
            text, colour = _change(before.get(key), after.get(key), higher_is_better)
            change = self.eval_table.item(row, 2)
            change.setText(text)
            change.setForeground(QBrush(QColor(colour)))
            change.setToolTip("percentage points; green = better, red = worse")
        if not before:
            self.compare_note.setText("No eval: the run had no eval sentences or stopped before the first eval.")
        elif not after:
            self.compare_note.setText(f"The run stopped, so only the starting tutor was evaluated "
                                      f"({before.get('n')} sentences).")

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
            table.setItem(r, 0, _cell(b["sentence"], f"gold: {b['gold']}"))
            table.setItem(r, 1, _cell(_short(b["reply"]), b["reply"]))
            table.setItem(r, 2, _cell(_short(a["reply"]) if a else "—", a["reply"] if a else None))
            for col, row in ((3, b), (4, a)):
                table.setItem(r, col, self._verdict_cell(row))
            if differs:
                for col in range(table.columnCount()):
                    table.item(r, col).setBackground(QBrush(QColor(CHANGED_ROW)))
        table.resizeRowsToContents()
        if pairs and after_rows:
            what = (f"{changed} verdict(s) changed (highlighted, listed first)" if changed
                    else "no verdict changed")
            self.compare_note.setText(f"Greedy replies to {len(pairs)} held-out sentences; {what}. "
                                      "Hover a reply for its full text.")

    @staticmethod
    def _verdict_cell(row: dict | None) -> QTableWidgetItem:
        if row is None:
            return _cell("—")
        harm = row.get("harm") or []
        text = row["verdict"] + (" · harmful" if harm else "")
        good = row["verdict"] in GOOD_VERDICTS and not harm
        return _cell(text, "; ".join(harm) or None, GOOD if good else BAD, bold=True)

    def _show_margins(self, margins: list[dict]) -> None:
        table = self.margins_table
        table.setRowCount(len(margins))
        for r, pair in enumerate(margins):
            sentence = tutor.sentence_from_prompt(pair["prompt"])
            margin = pair["margin"]
            tip = f"reward chosen {pair['reward_chosen']:+.3f}, rejected {pair['reward_rejected']:+.3f}"
            cells = [_cell(sentence, pair["prompt"]), _cell(_short(pair["chosen"]), pair["chosen"]),
                     _cell(_short(pair["rejected"]), pair["rejected"]),
                     _cell(f"{margin:+.3f}", tip, BAD if margin < 0 else GOOD, bold=True)]
            for col, item in enumerate(cells):
                if margin < 0:
                    item.setBackground(QBrush(QColor(NEGATIVE_ROW)))
                table.setItem(r, col, item)
        table.resizeRowsToContents()
        if margins:
            wrong = sum(p["margin"] < 0 for p in margins)
            self.margins_note.setText(
                f"{len(margins)} training pairs by final implicit reward margin β·(log-ratio chosen − log-ratio "
                f"rejected), lowest first. {wrong} pair(s) with a negative margin (red): the DPO tutor still "
                "prefers the rejected reply there.")

    # read-outs for tests --------------------------------------------------------------------------

    def eval_value(self, row_key: str, column: int) -> str:
        """The eval table's text for a rate (column 0: before, 1: after, 2: change)."""
        row = [k for k, _, _ in EVAL_ROWS].index(row_key)
        return self.eval_table.item(row, column).text()
