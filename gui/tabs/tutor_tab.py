"""The Tutor tab: pick the model, ask the grammar tutor, fine-tune it (SFT), compare it with the base model.

Form on the left, the live loss plot, job progress and the eval table on the right. Every model call runs
on the tab's :class:`JobRunner`; the job functions below import the torch-backed core modules lazily, so
opening the window never waits for torch.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import tutor
from core.config import QUICK_EVAL, SftConfig
from core.evaluate import compare_models
from core.models import SHIPPED_ADAPTER
from core.paths import DATA_DIR
from core.runs import new_run_dir
from core.sft import ask_tutor, train_tutor
from gui.widgets.forms import group as _group
from gui.widgets.forms import validated
from gui.widgets.lab_guide import install_lab_layout
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.resume_run import ResumeButton, replay_metrics
from gui.widgets.style import MUTED_COLOUR, MUTED_STYLE, percent
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

SFT_DATA = DATA_DIR / "sft.jsonl"
EVAL_DATA = DATA_DIR / "eval.jsonl"
# English texts in module constants are marked for lupdate here and translated where they are shown.
EVAL_ROWS = [("helpful", QT_TRANSLATE_NOOP("TutorTab", "Helpful (fixed the error)")),
             ("honest", QT_TRANSLATE_NOOP("TutorTab", "Honest (left correct ones alone)")),
             ("missed", QT_TRANSLATE_NOOP("TutorTab", "Missed (called an error correct)")),
             ("harmless", QT_TRANSLATE_NOOP("TutorTab", "Harmless (no insults, no boasts)"))]
FORM_LABELS = {"learning_rate": QT_TRANSLATE_NOOP("TutorTab", "Learning rate"),
               "lora_rank": QT_TRANSLATE_NOOP("TutorTab", "LoRA rank"),
               "epochs": QT_TRANSLATE_NOOP("TutorTab", "Epochs"),
               "batch_size": QT_TRANSLATE_NOOP("TutorTab", "Batch size"),
               "out": QT_TRANSLATE_NOOP("TutorTab", "Run folder")}
FOLDER_ITEM = QT_TRANSLATE_NOOP("TutorTab", "Folder…")
EMPTY_REPLY = QT_TRANSLATE_NOOP("TutorTab", "(empty reply: the model produced only whitespace)")


# --- the tab ------------------------------------------------------------------------------------------

class TutorTab(QWidget):
    def __init__(self, main: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.runner = JobRunner(self)
        self.last_run: Path | None = None
        self._model_index = 0
        self.sft_data, self.eval_data = SFT_DATA, EVAL_DATA

        install_lab_layout(self, self._build_form(), self._build_results(), "tutor", (420, 780))
        self.runner.finished.connect(self._on_finished)
        self.main.model_changed.connect(self._sync_model_combo)
        self._sync_model_combo(self.main.model_spec)
        self.resume_button.refresh(busy=False)

    # layout ---------------------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        self.model_combo = QComboBox()
        self.model_combo.addItem(self.tr("Embedded SmolLM2-135M-Instruct"), "smollm2")
        self.model_combo.addItem(self.tr("Tiny test model (random weights)"), "tiny")
        self.model_combo.addItem(self.tr(FOLDER_ITEM), None)
        self.model_combo.currentIndexChanged.connect(self._on_model_index)
        self.adapter_combo = QComboBox()
        self.adapter_combo.addItem(self.tr("Shipped tutor"), "shipped")
        self.adapter_combo.addItem(self.tr("Base model (no adapter)"), "none")
        self.adapter_combo.addItem(self.tr("Last trained run"), None)
        self._adapter_item_enabled(2, False)
        model_form = QFormLayout()
        model_form.addRow(self.tr("Model"), self.model_combo)
        model_form.addRow(self.tr("Adapter"), self.adapter_combo)

        self.sentence = QLineEdit()
        # The tutor checks English sentences, so the example stays English in every interface language.
        self.sentence.setPlaceholderText("She go to school every day.")
        self.sentence.returnPressed.connect(self.ask)
        self.ask_button = QPushButton(self.tr("Ask the tutor"))
        self.ask_button.clicked.connect(self.ask)
        row = QHBoxLayout()
        row.addWidget(self.sentence, 1)
        row.addWidget(self.ask_button)
        self.reply_box = QPlainTextEdit(readOnly=True)
        self.reply_box.setPlaceholderText(self.tr("The tutor's reply appears here."))
        self.reply_box.setFixedHeight(84)
        self.verdict = QLabel(" ")
        self.verdict.setWordWrap(True)
        ask_layout = QVBoxLayout()
        ask_layout.addLayout(row)
        ask_layout.addWidget(self.reply_box)
        ask_layout.addWidget(self.verdict)

        self.epochs = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=100.0, singleStep=0.5, value=2.0)
        self.learning_rate = QLineEdit("2e-4")
        self.learning_rate.setToolTip(self.tr("A positive number, e.g. 2e-4 or 0.0002"))
        self.lora_rank = QSpinBox(minimum=1, maximum=256, value=16)
        self.lora_rank.setToolTip(self.tr("LoRA alpha is set to 2 × rank"))
        self.max_steps = QSpinBox(minimum=0, maximum=100000, value=0, specialValueText=self.tr("all"))
        self.max_steps.setToolTip(self.tr("Stop after this many optimizer steps (0 = run every epoch)"))
        self.train_button = QPushButton(self.tr("Start training"))
        self.train_button.clicked.connect(self.start_training)
        self.resume_button = ResumeButton(self.main, "sft", "sft-", SftConfig)
        self.resume_button.clicked.connect(self.resume_training)
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button, 1)
        buttons.addWidget(self.resume_button)
        train_form = QFormLayout()
        train_form.addRow(self.tr(FORM_LABELS["epochs"]), self.epochs)
        train_form.addRow(self.tr(FORM_LABELS["learning_rate"]), self.learning_rate)
        train_form.addRow(self.tr(FORM_LABELS["lora_rank"]), self.lora_rank)
        train_form.addRow(self.tr("Max steps"), self.max_steps)
        train_form.addRow(buttons)

        self.quick_eval = QCheckBox(self.tr("Quick ({n} sentences; full set: 200)").format(n=QUICK_EVAL))
        self.quick_eval.setChecked(True)
        self.eval_button = QPushButton(self.tr("Evaluate base vs tutor"))
        self.eval_button.clicked.connect(self.start_eval)
        eval_layout = QVBoxLayout()
        eval_layout.addWidget(self.quick_eval)
        eval_layout.addWidget(self.eval_button)

        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(10)
        column.addWidget(_group(self.tr("Model"), model_form))
        column.addWidget(_group(self.tr("Try the tutor"), ask_layout))
        column.addWidget(_group(self.tr("Train the tutor (SFT)"), train_form))
        column.addWidget(_group(self.tr("Evaluate"), eval_layout))
        column.addStretch(1)
        form.setMinimumWidth(360)
        return form

    def _build_results(self) -> QWidget:
        self.plot = MetricsPlot(
            ["loss"], self.tr("Training loss"),
            self.tr("Cross-entropy on the tutor's reply tokens: it should fall quickly, then flatten."),
            y_label=self.tr("loss"), labels={"loss": self.tr("loss")})
        self.progress = ProgressPanel(start_text=None)
        self.progress.stop_clicked.connect(self.stop)

        self.eval_table = QTableWidget(len(EVAL_ROWS), 2)
        self.eval_table.setHorizontalHeaderLabels([self.tr("Base model"), self.tr("Tutor")])
        self.eval_table.setVerticalHeaderLabels([self.tr(label) for _, label in EVAL_ROWS])
        self.eval_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.eval_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.eval_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.eval_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.eval_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for r in range(len(EVAL_ROWS)):
            for c in range(2):
                item = QTableWidgetItem("—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.eval_table.setItem(r, c, item)
        header_h = self.eval_table.horizontalHeader().sizeHint().height()
        rows_h = sum(self.eval_table.rowHeight(r) for r in range(len(EVAL_ROWS)))
        self.eval_table.setFixedHeight(header_h + rows_h + 2 * self.eval_table.frameWidth() + 2)
        self.eval_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.eval_note = QLabel(self.tr("Run “Evaluate base vs tutor” to fill the table."))
        self.eval_note.setWordWrap(True)
        self.eval_note.setStyleSheet(MUTED_STYLE)
        table_layout = QVBoxLayout()
        table_layout.addWidget(self.eval_table)
        table_layout.addWidget(self.eval_note)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.plot, 1)
        column.addWidget(self.progress)
        column.addWidget(_group(self.tr("Base model vs tutor"), table_layout))
        return right

    def _adapter_item_enabled(self, index: int, enabled: bool) -> None:
        model = self.adapter_combo.model()
        if isinstance(model, QStandardItemModel):
            model.item(index).setEnabled(enabled)

    # model picker ---------------------------------------------------------------------------------

    @Slot(str)
    def _sync_model_combo(self, spec: str) -> None:
        index = self.model_combo.findData(spec)
        if index < 0:
            index = self._add_folder_item(spec)
        self._set_model_index(index)

    def _add_folder_item(self, path: str) -> int:
        index = self.model_combo.count() - 1  # just above "Folder…"
        self.model_combo.insertItem(index, self.tr("Folder: {name}").format(name=Path(path).name or path), path)
        self.model_combo.setItemData(index, path, Qt.ItemDataRole.ToolTipRole)
        return index

    def _set_model_index(self, index: int) -> None:
        self.model_combo.blockSignals(True)
        self.model_combo.setCurrentIndex(index)
        self.model_combo.blockSignals(False)
        self._model_index = index

    @Slot(int)
    def _on_model_index(self, index: int) -> None:
        spec = self.model_combo.itemData(index)
        if spec is None:  # "Folder…"
            spec = self._choose_folder()
            if spec is None:
                self._set_model_index(self._model_index)
                return
            index = self.model_combo.findData(spec)
            if index < 0:
                index = self._add_folder_item(spec)
            self._set_model_index(index)
        self._model_index = index
        self.main.set_model_spec(spec)

    def _choose_folder(self) -> str | None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a Hugging Face model folder"))
        if not path:
            return None
        from core.models import ModelError, check_model_folder

        try:
            return str(check_model_folder(Path(path)))
        except ModelError as exc:
            show_error(self, self.tr("Not a usable model folder"), str(exc))
            return None

    # jobs -----------------------------------------------------------------------------------------

    def _adapter_choice(self) -> str:
        data = self.adapter_combo.currentData()
        return data if data is not None else str(self.last_run)

    def _start(self, message: str, fn, *args, on_done, plot: bool = False) -> bool:
        """Start ``fn``; its events go to the progress bar (and the plot), its result to ``on_done``."""
        def on_metrics(event: dict) -> None:
            if plot:
                self.plot.add(event)
            self.progress.update_event(event)

        if not self.runner.start(fn, *args, on_metrics=on_metrics, on_done=self._when_done(on_done),
                                 on_error=self._on_failed):
            self.main.show_message(self.tr("A job is already running in this tab."))
            return False
        self._set_busy(True)
        self.progress.set_running(True, message)
        return True

    @Slot()
    def ask(self) -> None:
        sentence = self.sentence.text().strip() or self.sentence.placeholderText()
        self.reply_box.clear()
        self.verdict.setText(" ")
        self._start(self.tr("loading model…"), ask_tutor, self.main.model_spec, self.main.home,
                    self._adapter_choice(), sentence, on_done=self._show_reply)

    def sft_config(self) -> SftConfig:
        """The config the form describes; raises ``ValueError`` naming the field."""
        text = self.learning_rate.text().strip()
        try:
            lr = float(text)
        except ValueError:
            raise ValueError(self.tr("Learning rate: “{text}” is not a number (try 2e-4)").format(text=text)) from None
        rank = self.lora_rank.value()
        out = new_run_dir(self.main.home, "sft")
        cfg = SftConfig(model=self.main.model_spec, out=str(out), data=str(self.sft_data),
                        epochs=self.epochs.value(), learning_rate=lr, lora_rank=rank, lora_alpha=2 * rank,
                        max_steps=self.max_steps.value() or -1)
        return validated(cfg, FORM_LABELS, self.tr)

    @Slot()
    def start_training(self) -> None:
        try:
            cfg = self.sft_config()
        except (ValueError, OSError) as exc:
            show_error(self, self.tr("Check the training settings"), str(exc))
            return
        self.plot.clear()
        if self._start(self.tr("loading model…"), train_tutor, cfg, self.main.home, on_done=self._show_training,
                       plot=True):
            self.resume_button.started = Path(cfg.out)

    @Slot()
    def resume_training(self) -> None:
        """Continue the stopped run from its last checkpoint, with its own settings."""
        cfg = self.resume_button.resume_config()
        if cfg is not None and self._start(self.resume_button.status_text(cfg), train_tutor, cfg, self.main.home,
                                           on_done=self._show_training, plot=True):
            self.resume_button.started = Path(cfg.out)
            replay_metrics([self.plot], Path(cfg.out))

    @Slot()
    def start_eval(self) -> None:
        limit = QUICK_EVAL if self.quick_eval.isChecked() else 0
        adapter = self._adapter_choice() if self.adapter_combo.currentData() != "none" else "shipped"
        self._start(self.tr("loading model…"), compare_models, self.main.model_spec, self.main.home,
                    {"base model": "none", "tutor": adapter}, {"eval": str(self.eval_data)}, limit,
                    on_done=self._show_eval)

    @Slot()
    def stop(self) -> None:
        if self.runner.running:
            self.runner.stop()
            self.progress.busy(self.tr("stopping…"))

    # job signals ----------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        for w in (self.ask_button, self.train_button, self.eval_button, self.model_combo, self.adapter_combo):
            w.setEnabled(not busy)
        self.resume_button.refresh(busy)

    def _when_done(self, show):
        """``show(result)``, or "stopped" when the job was stopped before a result."""
        def on_done(result) -> None:
            if result is None:
                self.progress.finish(self.tr("stopped"), complete=False)
            else:
                show(result)

        return on_done

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.progress.finish(self.tr("failed: {message}").format(message=message), complete=False)
        show_error(self, self.tr("The job failed"), message)

    @Slot()
    def _on_finished(self) -> None:
        self._set_busy(False)

    def _show_reply(self, result: dict) -> None:
        reply = result["reply"]
        self.reply_box.setPlainText(reply if reply.strip() else self.tr(EMPTY_REPLY))
        parsed = tutor.parse_reply(reply)
        if parsed.kind == "correction":
            text = self.tr("Verdict: correction → <b>{correction}</b>").format(
                correction=_escape(parsed.correction or ""))
        elif parsed.kind == "correct":
            text = self.tr("Verdict: the tutor says the sentence is <b>already correct</b>.")
        else:
            text = self.tr("Verdict: <i>no verdict found</i> (no “Checked:” line and no “already "
                           "correct”).")
        used = (self.tr("base model, no adapter") if result["adapter"] is None
                else self.tr("adapter {name}").format(name=Path(result["adapter"]).name))
        self.verdict.setText(f"{text}<br><span style='color:{MUTED_COLOUR}'>({used})</span>")
        self.progress.finish(self.tr("reply ready"))

    def _show_training(self, summary: dict) -> None:
        self.plot.refresh()
        self.last_run = Path(summary["out"])
        self._adapter_item_enabled(2, True)
        self.adapter_combo.setItemData(2, str(self.last_run), Qt.ItemDataRole.ToolTipRole)
        loss = summary.get("final_loss")
        parts = [phase_text(summary["status"]), self.tr("{n} steps").format(n=summary["steps"]),
                 self.tr("{seconds:.2f} s/step").format(seconds=summary["seconds_per_step"])]
        if loss is not None:
            parts.append(self.tr("final loss {loss:.3f}").format(loss=loss))
        self.progress.finish(" · ".join(parts), complete=summary["status"] == "finished")
        self.main.show_message(self.tr("SFT run saved in {path}").format(path=self.last_run))

    def _show_eval(self, result: dict) -> None:
        rates = {name: sets["eval"] for name, sets in result["results"].items()}
        for col, name in enumerate(("base model", "tutor")):
            for row, (key, _) in enumerate(EVAL_ROWS):
                self.eval_table.item(row, col).setText(percent(rates[name].get(key)))
        adapter = result["adapters"]["tutor"]
        if adapter is None:
            tutor_name = self.tr("Tutor (no adapter found: base)")
        elif Path(adapter).resolve() == SHIPPED_ADAPTER.resolve():
            tutor_name = self.tr("Shipped tutor")
        else:  # a run folder's adapter/: name the run
            folder = Path(adapter)
            tutor_name = self.tr("Tutor ({name})").format(name=(folder.parent if folder.name == "adapter" else folder).name)
        header = QTableWidgetItem(tutor_name)
        header.setToolTip(str(adapter or ""))
        self.eval_table.setHorizontalHeaderItem(1, header)
        n = rates["base model"].get("n")
        self.eval_note.setText(self.tr("Greedy replies to {n} eval sentences.").format(n=n))
        self.progress.finish(self.tr("evaluated {n} sentences").format(n=n))


    # a rebuild (language switch) keeps the last run selectable ----------------------------------------

    def export_state(self) -> dict:
        return {"last_run": self.last_run, "started_run": self.resume_button.started}

    def import_state(self, state: dict) -> None:
        if state.get("started_run") is not None:
            self.resume_button.started = state["started_run"]
            self.resume_button.refresh(busy=False)
        if state.get("last_run") is not None:
            self.last_run = state["last_run"]
            self._adapter_item_enabled(2, True)
            self.adapter_combo.setItemData(2, str(self.last_run), Qt.ItemDataRole.ToolTipRole)

    def eval_value(self, row_key: str, column: int) -> str:
        """The table text for a rate (``column`` 0: base model, 1: tutor); used by tests."""

        row = [k for k, _ in EVAL_ROWS].index(row_key)
        return self.eval_table.item(row, column).text()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
