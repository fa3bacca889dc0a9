"""The Tutor tab: pick the model and a tutor, ask it, fine-tune it (SFT), measure it against the base model.

Form on the left, the live loss plot, job progress and the eval table on the right.

* **Ask** goes to the window's :class:`gui.model_session.ModelSession`: the model stays loaded in its own
  process between questions, so only the first question of a model + adapter waits for the load.
* **The tutor** is the shipped one, the base model, or the adapter of any finished (or stopped) tutor SFT,
  distillation or DPO run in the runs folder (``core.runs.tutor_runs``), newest first.
* **Training** and **evals** run on the tab's :class:`JobRunner` (each in a child process). The eval table
  puts the development set (data/eval.jsonl) and the locked test set (data/test.jsonl) side by side; every rate
  has its 95% Wilson interval and its count, harmlessness is measured on the red-team sets, and the cells fill
  batch by batch as the replies are judged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import harm, tutor, workspace
from core.config import QUICK_EVAL, GenerateConfig, SftConfig
from core.evaluate import compare_models
from core.models import SHIPPED_ADAPTER
from core.paths import DATA_DIR
from core.runs import new_run_dir, run_kind, tutor_runs
from core.sft import train_tutor
from gui.widgets.eval_table import EvalTable
from gui.widgets.forms import group as _group
from gui.widgets.forms import number, rate_text, validated
from gui.widgets.lab_guide import install_lab_layout
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.resume_run import ResumeButton, replay_metrics
from gui.widgets.style import BAD, MUTED_COLOUR
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

SFT_DATA = DATA_DIR / "sft.jsonl"
# The eval sets: helpful / honest / missed on the sentences, harmless on the red-team prompts (every reply is
# harmless on a plain sentence, so only requests to insult or boast can show harm).
EVAL_SETS = {"dev": DATA_DIR / "eval.jsonl", "test": DATA_DIR / "test.jsonl"}
REDTEAM_SETS = {"dev": DATA_DIR / "redteam.jsonl", "test": DATA_DIR / "redteam_test.jsonl"}
ASK_CONFIG = GenerateConfig(max_new_tokens=96)  # as the red-team eval: an obeyed insult comes last
# English texts in module constants are marked for lupdate here and translated where they are shown.
SET_CHOICES = [("dev", QT_TRANSLATE_NOOP("TutorTab", "Dev set (data/eval.jsonl)")),
               ("test", QT_TRANSLATE_NOOP("TutorTab", "Test set (locked: data/test.jsonl)")),
               ("both", QT_TRANSLATE_NOOP("TutorTab", "Dev and test, side by side"))]
KIND_NAMES = {"sft": QT_TRANSLATE_NOOP("TutorTab", "Tutor SFT"),
              "distill": QT_TRANSLATE_NOOP("TutorTab", "Distillation"),
              "dpo": QT_TRANSLATE_NOOP("TutorTab", "DPO")}
# the eval job's phases ("tutor: red-team test"), translated part by part by phase_text
PHASE_NAMES = (QT_TRANSLATE_NOOP("Phase", "dev"), QT_TRANSLATE_NOOP("Phase", "test"),
               QT_TRANSLATE_NOOP("Phase", "red-team dev"), QT_TRANSLATE_NOOP("Phase", "red-team test"))
FORM_LABELS = {"learning_rate": QT_TRANSLATE_NOOP("TutorTab", "Learning rate"),
               "lora_rank": QT_TRANSLATE_NOOP("TutorTab", "LoRA rank"),
               "epochs": QT_TRANSLATE_NOOP("TutorTab", "Epochs"),
               "batch_size": QT_TRANSLATE_NOOP("TutorTab", "Batch size"),
               "out": QT_TRANSLATE_NOOP("TutorTab", "Run folder")}
FOLDER_ITEM = QT_TRANSLATE_NOOP("TutorTab", "Folder…")
EMPTY_REPLY = QT_TRANSLATE_NOOP("TutorTab", "(empty reply: the model produced only whitespace)")


def eval_data(choice: str) -> dict[str, str]:
    """The eval job's sets for a choice of :data:`SET_CHOICES`: named "dev", "red-team dev", "test", ..."""
    keys = ["dev", "test"] if choice == "both" else [choice]
    data = {}
    for key in keys:
        data[key] = str(EVAL_SETS[key])
        data[f"red-team {key}"] = str(REDTEAM_SETS[key])
    return data


# --- the tab ------------------------------------------------------------------------------------------

class TutorTab(QWidget):
    def __init__(self, main: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.runner = JobRunner(self)
        self.session = main.model_session
        self.last_run: Path | None = None
        self._model_index = 0
        self._ask_id: int | None = None
        self._pending_sentence = ""
        self.last_reply: dict | None = None  # {"sentence", "reply", "adapter", ...} of the last answer
        self._status: tuple | None = None  # (kind, payload, complete) of the last status line, see _finish
        self.sft_data = SFT_DATA

        install_lab_layout(self, self._build_form(), self._build_results(), "tutor", (420, 780))
        self.runner.finished.connect(self._on_finished)
        self.main.model_changed.connect(self._sync_model_combo)
        self.session.progress.connect(self._on_ask_progress)
        self.session.done.connect(self._on_ask_done)
        self.session.failed.connect(self._on_ask_failed)
        self.session.restarted.connect(self._on_session_restarted)
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
        self.adapter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.adapter_combo.setMinimumContentsLength(16)
        self.adapter_combo.setToolTip(self.tr("The tutor to ask and evaluate: the shipped one, the base model, or "
                                              "the tutor of any finished SFT, distillation or DPO run"))
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
        self.reply_box.setFixedHeight(62)
        self.verdict = QLabel(" ")
        self.verdict.setWordWrap(True)
        self.invented = QLabel()
        self.invented.setWordWrap(True)
        self.invented.setStyleSheet(f"color: {BAD};")
        self.invented.hide()
        self.harmful = QLabel(textFormat=Qt.TextFormat.PlainText)  # the reasons quote the reply's own words
        self.harmful.setWordWrap(True)
        self.harmful.setStyleSheet(f"color: {BAD};")
        self.harmful.hide()
        ask_layout = QVBoxLayout()
        ask_layout.addLayout(row)
        ask_layout.addWidget(self.reply_box)
        ask_layout.addWidget(self.verdict)
        ask_layout.addWidget(self.invented)
        ask_layout.addWidget(self.harmful)

        self.epochs = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=100.0, singleStep=0.5, value=SftConfig.epochs)
        self.learning_rate = QLineEdit(rate_text(SftConfig.learning_rate))
        self.learning_rate.setToolTip(self.tr("A positive number, e.g. 2e-4 or 0.0002"))
        self.lora_rank = QSpinBox(minimum=1, maximum=256, value=SftConfig.lora_rank)
        self.lora_rank.setToolTip(self.tr("LoRA alpha is set to 2 × rank"))
        self.max_steps = QSpinBox(minimum=0, maximum=100000, value=max(0, SftConfig.max_steps),
                                  specialValueText=self.tr("all"))
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

        self.eval_sets = QComboBox()
        for key, label in SET_CHOICES:
            self.eval_sets.addItem(self.tr(label), key)
        self.eval_sets.setCurrentIndex(2)
        self.eval_sets.setToolTip(self.tr("Tune on the dev set; the test set is locked: nothing was tuned on it"))
        self.quick_eval = QCheckBox(self.tr("Quick"))
        self.quick_eval.setToolTip(self.tr("Only the first {n} sentences (and red-team prompts) of each set")
                                   .format(n=QUICK_EVAL))
        self.quick_eval.setChecked(True)
        self.eval_button = QPushButton(self.tr("Evaluate base vs tutor"))
        self.eval_button.clicked.connect(self.start_eval)
        eval_row = QHBoxLayout()
        eval_row.addWidget(self.quick_eval)
        eval_row.addWidget(self.eval_button, 1)
        eval_layout = QVBoxLayout()
        eval_layout.addWidget(self.eval_sets)
        eval_layout.addLayout(eval_row)

        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(8)
        column.addWidget(_group(self.tr("Model"), model_form))
        column.addWidget(_group(self.tr("Try the tutor"), ask_layout))
        column.addWidget(_group(self.tr("Train the tutor (SFT)"), train_form))
        column.addWidget(_group(self.tr("Evaluate"), eval_layout))
        column.addStretch(1)
        form.setMinimumWidth(340)
        return form

    def _build_results(self) -> QWidget:
        self.plot = MetricsPlot(
            ["loss"], self.tr("Training loss"),
            self.tr("Cross-entropy on the tutor's reply tokens: it should fall quickly, then flatten."),
            y_label=self.tr("loss"), labels={"loss": self.tr("loss")})
        self.progress = ProgressPanel(start_text=None)
        self.progress.stop_clicked.connect(self.stop)

        self.eval_group = EvalTable(self.tutor_name)  # the eval table and its note
        self.eval_table, self.eval_note = self.eval_group.table, self.eval_group.note

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.plot, 1)
        column.addWidget(self.progress)
        column.addWidget(self.eval_group)
        return right

    # model and tutor pickers ----------------------------------------------------------------------

    @Slot(str)
    def _sync_model_combo(self, spec: str) -> None:
        index = self.model_combo.findData(spec)
        if index < 0:
            index = self._add_folder_item(spec)
        self._set_model_index(index)
        self.refresh_adapters()

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

    def refresh_adapters(self, select: str | None = None) -> None:
        """List the shipped tutor (for the model it was trained on), the base model and the tutor of every
        finished tutor SFT, distillation and DPO run of the current model, newest first; keep the current choice
        (or pick ``select``)."""
        from core.models import resolve_adapter

        wanted = select or self.adapter_combo.currentData() or "shipped"
        self.adapter_combo.blockSignals(True)
        self.adapter_combo.clear()
        if resolve_adapter("shipped", self.main.model_spec) is not None:
            self.adapter_combo.addItem(self.tr("Shipped tutor"), "shipped")
        self.adapter_combo.addItem(self.tr("Base model (no adapter)"), "none")
        try:
            root = workspace.runs_dir(workspace.data_home(self.main.home))
        except OSError:
            root = None
        for info in tutor_runs(root, self.main.model_spec):
            kind = self.tr(KIND_NAMES[run_kind(info)])
            label = self.tr("{kind}: {name}").format(kind=kind, name=info.path.name)
            if info.status != "finished":
                label += " " + self.tr("(stopped)")
            self.adapter_combo.addItem(label, str(info.path))
            self.adapter_combo.setItemData(self.adapter_combo.count() - 1, str(info.path),
                                           Qt.ItemDataRole.ToolTipRole)
        index = self.adapter_combo.findData(str(wanted))
        self.adapter_combo.setCurrentIndex(max(0, index))
        self.adapter_combo.blockSignals(False)

    def adapter_choice(self) -> str:
        """"shipped", "none" or a run folder."""
        return self.adapter_combo.currentData() or "shipped"

    def tutor_name(self, adapter: str | None) -> str:
        """How the table and the reply name a resolved adapter folder."""
        if adapter is None:
            return self.tr("base model, no adapter")
        folder = Path(adapter)
        if folder.resolve() == SHIPPED_ADAPTER.resolve():
            return self.tr("shipped tutor")
        return (folder.parent if folder.name == "adapter" else folder).name

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self.runner.running:
            self.refresh_adapters()  # a run may have finished in another tab

    # ask ------------------------------------------------------------------------------------------

    @Slot()
    def ask(self) -> None:
        if self.runner.running or self._ask_id is not None:
            self.main.show_message(self.tr("A job is already running in this tab."))
            return
        sentence = self.sentence.text().strip() or self.sentence.placeholderText()
        self.reply_box.clear()
        self.verdict.setText(" ")
        self.invented.hide()
        self.harmful.hide()
        self._pending_sentence = sentence
        self._ask_id = self.session.request(self.main.model_spec, self.adapter_choice(),
                                            [tutor.messages(sentence)], ASK_CONFIG)
        self._set_busy(True)
        self.progress.set_running(True, self.tr("asking the tutor…"))

    @Slot(int, object)
    def _on_ask_progress(self, rid: int, event: dict) -> None:
        if rid == self._ask_id:
            self.progress.update_event(event)

    @Slot(int, object)
    def _on_ask_done(self, rid: int, result: dict) -> None:
        if rid != self._ask_id:
            return
        self._ask_id = None
        self._set_busy(False)
        loaded = result.get("loaded", {})
        self.last_reply = {"sentence": self._pending_sentence, "reply": result["replies"][0],
                           "harm": (result.get("harm") or [None])[0],
                           "adapter": result["adapter"], "seconds": result["seconds"],
                           "load_seconds": loaded.get("seconds", 0.0) if loaded.get("reloaded") else None}
        self._show_reply(self.last_reply)

    @Slot(int, str)
    def _on_ask_failed(self, rid: int, message: str) -> None:
        if rid != self._ask_id:
            return
        self._ask_id = None
        self._set_busy(False)
        if message == self.tr("stopped"):
            self._finish("stopped", None, complete=False)
            return
        self._finish("failed", message, complete=False)
        show_error(self, self.tr("The tutor did not answer"), message)

    @Slot(str)
    def _on_session_restarted(self, message: str) -> None:
        self.main.show_message(message, 15000)

    def _show_reply(self, shown: dict) -> None:
        reply = shown["reply"]
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
        used = self.tutor_name(shown["adapter"])
        self.verdict.setText(f"{text} <span style='color:{MUTED_COLOUR}'>({_escape(used)})</span>")
        if tutor.invented_error(shown["sentence"], reply):
            self.invented.setText(self.tr(
                "⚠ Invented error: its “correction” leaves your sentence as it was, yet it explains an error. "
                "The classic failure of a tutor trained only by imitation (SFT)."))
            self.invented.show()
        else:
            self.invented.hide()
        reasons = shown.get("harm")
        if reasons is None:
            reasons = harm.harm_reasons(reply)
        if reasons:
            self.harmful.setText(self.tr(
                "⚠ Harmful ({reasons}): the red-team eval would count this reply as harmful.").format(reasons="; ".join(reasons)))
            self.harmful.show()
        else:
            self.harmful.hide()
        self._finish("reply", (shown["seconds"], shown.get("load_seconds")))

    # training and evals ---------------------------------------------------------------------------

    def _start(self, message: str, fn, *args, on_done, on_metrics) -> bool:
        """Start ``fn`` on the tab's runner; its result goes to ``on_done``."""
        if self._ask_id is not None or not self.runner.start(
                fn, *args, on_metrics=on_metrics, on_done=self._when_done(on_done), on_error=self._on_failed):
            self.main.show_message(self.tr("A job is already running in this tab."))
            return False
        self._set_busy(True)
        self.progress.set_running(True, message)
        return True

    def _on_training_metrics(self, event: dict) -> None:
        self.plot.add(event)
        self.progress.update_event(event)

    def sft_config(self) -> SftConfig:
        """The config the form describes; raises ``ValueError`` naming the field."""
        lr = number(self.learning_rate, self.tr("Learning rate: “{text}” is not a number (try 2e-4)"))
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
                       on_metrics=self._on_training_metrics):
            self.resume_button.started = Path(cfg.out)

    @Slot()
    def resume_training(self) -> None:
        """Continue the stopped run from its last checkpoint, with its own settings."""
        cfg = self.resume_button.resume_config()
        if cfg is not None and self._start(self.resume_button.status_text(cfg), train_tutor, cfg, self.main.home,
                                           on_done=self._show_training, on_metrics=self._on_training_metrics):
            self.resume_button.started = Path(cfg.out)
            replay_metrics([self.plot], Path(cfg.out))

    @Slot()
    def start_eval(self) -> None:
        limit = QUICK_EVAL if self.quick_eval.isChecked() else 0
        adapter = self.adapter_choice() if self.adapter_choice() != "none" else "shipped"
        self.eval_group.clear()
        self._start(self.tr("loading model…"), compare_models, self.main.model_spec, self.main.home,
                    {"base model": "none", "tutor": adapter}, eval_data(self.eval_sets.currentData()), limit,
                    on_done=self._show_eval, on_metrics=self._on_eval_metrics)

    def _on_eval_metrics(self, event: dict) -> None:
        rows = event.get("rows")
        if isinstance(rows, dict):  # a batch of judged replies: the table fills as they come
            self.eval_group.add_rows(str(event.get("phase", "")), rows)
            if not event.get("cached"):
                return
            event = {"phase": f"{event['phase']} " + self.tr("(measured before)"), "fraction": 1.0}
        self.progress.update_event(event)

    @Slot()
    def stop(self) -> None:
        if self._ask_id is not None:
            self.session.stop()
            self.progress.busy(self.tr("stopping…"))
        elif self.runner.running:
            self.runner.stop()
            self.progress.busy(self.tr("stopping…"))

    # job signals ----------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        for w in (self.ask_button, self.train_button, self.eval_button, self.model_combo, self.adapter_combo,
                  self.eval_sets):
            w.setEnabled(not busy)
        self.resume_button.refresh(busy)

    def _when_done(self, show):
        """``show(result)``, or "stopped" when the job was stopped before a result."""
        def on_done(result) -> None:
            if result is None:
                self._finish("stopped", None, complete=False)
            else:
                show(result)

        return on_done

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._finish("failed", message, complete=False)
        show_error(self, self.tr("The job failed"), message)

    @Slot()
    def _on_finished(self) -> None:
        self._set_busy(False)

    def _show_training(self, summary: dict) -> None:
        self.plot.refresh()
        self.last_run = Path(summary["out"])
        self._finish("training", {k: summary.get(k) for k in ("status", "steps", "seconds_per_step", "final_loss")},
                     complete=summary["status"] == "finished")
        self.refresh_adapters()
        self.main.show_message(self.tr("SFT run saved in {path}: pick it as the Adapter to ask it").format(
            path=self.last_run))

    def _show_eval(self, result: dict) -> None:
        self._finish("eval", self.eval_group.set_result(result))

    def _finish(self, kind: str, payload, complete: bool = True) -> None:
        """End the status line with what happened; kept as data so a language switch can say it again."""
        self._status = (kind, payload, complete)
        self.progress.finish(self._status_text(kind, payload), complete=complete)

    def _status_text(self, kind: str, payload) -> str:
        if kind == "reply":
            seconds, load = payload
            if load is not None:
                return self.tr("reply in {seconds:.1f} s (model loaded in {load:.1f} s, kept for the next "
                               "question)").format(seconds=seconds, load=load)
            return self.tr("reply in {seconds:.1f} s").format(seconds=seconds)
        if kind == "training":
            parts = [phase_text(payload["status"]), (self.tr("1 step") if payload["steps"] == 1
                                                                else self.tr("{n} steps").format(n=payload["steps"])),
                     self.tr("{seconds:.2f} s/step").format(seconds=payload["seconds_per_step"])]
            if payload.get("final_loss") is not None:
                parts.append(self.tr("final loss {loss:.3f}").format(loss=payload["final_loss"]))
            return " · ".join(parts)
        if kind == "eval":
            return self.tr("evaluated {n} sentences per model").format(n=payload)
        if kind == "failed":
            return self.tr("failed: {message}").format(message=payload)
        return self.tr("stopped")

    # a rebuild (language switch) keeps the form, the reply, the eval table and the status ------------------

    def export_state(self) -> dict:
        return {"last_run": self.last_run, "started_run": self.resume_button.started,
                "form": {"epochs": self.epochs.value(), "learning_rate": self.learning_rate.text(),
                         "lora_rank": self.lora_rank.value(), "max_steps": self.max_steps.value(),
                         "quick": self.quick_eval.isChecked(), "sets": self.eval_sets.currentData(),
                         "sentence": self.sentence.text(), "adapter": self.adapter_choice()},
                "reply": self.last_reply, "asking": self._ask_id,
                "pending_sentence": self._pending_sentence,
                "eval": self.eval_group.export_state(),
                "status": self._status, "bar": (self.progress.bar.maximum(), self.progress.bar.value())}

    def import_state(self, state: dict) -> None:
        if state.get("started_run") is not None:
            self.resume_button.started = state["started_run"]
            self.resume_button.refresh(busy=False)
        self.last_run = state.get("last_run")
        form = state.get("form") or {}
        if form:
            self.epochs.setValue(form["epochs"])
            self.learning_rate.setText(form["learning_rate"])
            self.lora_rank.setValue(form["lora_rank"])
            self.max_steps.setValue(form["max_steps"])
            self.quick_eval.setChecked(form["quick"])
            self.eval_sets.setCurrentIndex(max(0, self.eval_sets.findData(form["sets"])))
            self.sentence.setText(form["sentence"])
            self.refresh_adapters(select=form["adapter"])
        self.eval_group.import_state(state.get("eval") or {})
        if state.get("reply"):
            self.last_reply = state["reply"]
            self._show_reply(self.last_reply)
        if state.get("status"):
            self._finish(*state["status"])  # said again in the new language
            maximum, value = state.get("bar", (100, 0))
            self.progress.bar.setRange(0, maximum)
            self.progress.bar.setValue(value)
        if state.get("asking") is not None:  # the answer to a question asked before the switch comes here
            self._ask_id = state["asking"]
            self._pending_sentence = state.get("pending_sentence", "")
            self._set_busy(True)
            self.progress.set_running(True, self.tr("asking the tutor…"))

    def eval_value(self, row_key: str, column: int) -> str:
        """The table text for a rate (columns: base dev, tutor dev, base test, tutor test); used by tests."""
        return self.eval_group.value(row_key, column)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
