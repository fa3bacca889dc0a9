"""The Constitution tab (Lab 02): write the tutor's principles, let it critique and revise its own replies,
review the revisions, distill the accepted ones back into the tutor and compare the eval before and after.

Left: :class:`ConstitutionEditor`, the principle list (checkbox = enabled, drag or Up/Down to reorder) and a
form, with every change on a ``QUndoStack`` (Ctrl+Z / Ctrl+Shift+Z in this tab), Save (each save keeps a
version), Versions… (diff + restore) and Open file…. The working copy is ``<data dir>/constitution.toml``,
copied from ``resources/constitution.toml`` on first use.
Right, page "Run & review": :func:`core.constitution.run_constitution` streams one record per prompt into the
results table; the selected record's word diff (first answer vs final revision) and its rounds show below;
Accept / Reject are saved with ``set_decisions``. Page "Distill & evaluate": LoRA SFT on the revisions with a
live loss plot, the helpful / honest / harmless table before and after, and "Send pairs to store".
All jobs run one at a time on the tab's :class:`JobRunner`; torch-backed modules load lazily.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core import principles, tutor, workspace
from core.config import EVAL_SETS as EVAL_DATA
from core.config import QUICK_EVAL, ConstitutionConfig, SftConfig
from core.constitution import distill, run_loop
from core.evaluate import compare_models
from core.paths import DATA_DIR
from core.principles import ConstitutionError
from core.runs import new_run_dir
from gui.widgets.constitution_editor import ConstitutionEditor
from gui.widgets.diff_view import DiffView
from gui.widgets.forms import group as _group
from gui.widgets.forms import note as _note
from gui.widgets.lab_guide import install_lab_layout
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.style import BAD, GOOD, MUTED_COLOUR, percent
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

PROMPTS = DATA_DIR / "cai_prompts.jsonl"
# English texts in module constants are marked for lupdate here and translated (context "ConstitutionTab")
# where they are shown.
# (key in eval_value, row label, the set's name in core.config.EVAL_SETS)
EVAL_SETS = [("eval", QT_TRANSLATE_NOOP("ConstitutionTab", "Eval set"), "eval set"),
             ("redteam", QT_TRANSLATE_NOOP("ConstitutionTab", "Red-team"), "red-team")]
EVAL_KEYS = [("helpful", QT_TRANSLATE_NOOP("ConstitutionTab", "helpful")),
             ("honest", QT_TRANSLATE_NOOP("ConstitutionTab", "honest")),
             ("harmless", QT_TRANSLATE_NOOP("ConstitutionTab", "harmless"))]
WORKING_COPY = "constitution.toml"
DECISION_TEXT = {"accepted": QT_TRANSLATE_NOOP("ConstitutionTab", "accepted"),
                 "rejected": QT_TRANSLATE_NOOP("ConstitutionTab", "rejected"), "": "—"}
DECISION_COLOUR = {"accepted": GOOD, "rejected": BAD, "": MUTED_COLOUR}
COLUMNS = ["#", QT_TRANSLATE_NOOP("ConstitutionTab", "Sentence"), QT_TRANSLATE_NOOP("ConstitutionTab", "First answer"),
           QT_TRANSLATE_NOOP("ConstitutionTab", "Final revision"), QT_TRANSLATE_NOOP("ConstitutionTab", "Principles"),
           QT_TRANSLATE_NOOP("ConstitutionTab", "Decision")]
EMPTY = QT_TRANSLATE_NOOP("ConstitutionTab", "(empty)")
CELL_CHARS = 140


# --- small helpers ------------------------------------------------------------------------------------

def _tr(text: str) -> str:
    return QCoreApplication.translate("ConstitutionTab", text)


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= CELL_CHARS else flat[: CELL_CHARS - 1] + "…"


def _cell(text: str, colour: str | None = None) -> QTableWidgetItem:
    shown = _shorten(text) if text.strip() else _tr(EMPTY)
    item = QTableWidgetItem(shown)
    empty = QCoreApplication.translate("ConstitutionTab", "The model produced only whitespace.")
    item.setToolTip(text if text.strip() else empty)

    if colour or not text.strip():
        item.setForeground(QBrush(QColor(colour or MUTED_COLOUR)))
    return item


# --- the tab ------------------------------------------------------------------------------------------

class ConstitutionTab(QWidget):
    def __init__(self, main: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.runner = JobRunner(self)
        self.run_dir: Path | None = None
        self.records: list[dict] = []
        self.decisions: dict[int, str] = {}
        self.distill_dir: Path | None = None
        self._panel: ProgressPanel | None = None

        self.editor = ConstitutionEditor(self._working_copy())
        self._load_working_copy()
        for action in (self.editor.undo_action, self.editor.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        editor_box = _group(self.tr("Constitution"), self._wrap(self.editor))
        editor_box.setMinimumWidth(330)

        self.pages = QTabWidget()
        self.pages.addTab(self._build_run_page(), self.tr("1 · Run && review"))
        self.pages.addTab(self._build_distill_page(), self.tr("2 · Distill && evaluate"))
        install_lab_layout(self, editor_box, self.pages, "constitution", (360, 840))
        self.runner.finished.connect(self._on_finished)
        self._update_buttons()

    @staticmethod
    def _wrap(widget: QWidget) -> QVBoxLayout:
        layout = QVBoxLayout()
        layout.addWidget(widget)
        return layout

    # working copy -----------------------------------------------------------------------------------

    def _working_copy(self) -> Path | None:
        try:
            return workspace.data_home(self.main.home) / WORKING_COPY
        except OSError:
            return None

    def _load_working_copy(self) -> None:
        path = self.editor.path
        try:
            if path is not None and not path.exists():
                shutil.copyfile(principles.DEFAULT_PATH, path)
            self.editor.load_initial(principles.load(path or principles.DEFAULT_PATH))
        except (ConstitutionError, OSError) as exc:
            self.editor.load_initial(principles.load(principles.DEFAULT_PATH))
            message = self.tr("{error}\n\nThe editor shows the default constitution; Save replaces the broken "
                              "file (which is kept as a version).").format(error=exc)
            title = self.tr("Your constitution file could not be read")
            QTimer.singleShot(0, lambda: show_error(self, title, message))
            self.editor.stack.resetClean()  # unsaved: the file on disk is not what the editor shows

    # layout: run & review ----------------------------------------------------------------------------

    def _build_run_page(self) -> QWidget:
        self.rounds = QSpinBox(minimum=1, maximum=8, value=2)
        self.rounds.setToolTip(self.tr("Critique → revision rounds per prompt"))
        self.order = QComboBox()
        self.order.addItem(self.tr("In turn"), "in_turn")
        self.order.addItem(self.tr("Random"), "random")
        self.order.setToolTip(self.tr("In turn: round r uses the r-th enabled principle. Random: a random enabled "
                                      "one."))
        self.limit = QSpinBox(minimum=0, maximum=100000, value=0, specialValueText=self.tr("all"))
        self.limit.setToolTip(self.tr("Use only the first N prompts (0 = all)"))
        self.max_new_tokens = QSpinBox(minimum=1, maximum=512, value=48)
        self.max_new_tokens.setToolTip(self.tr("Longest answer, critique or revision, in tokens"))
        self.prompts = QLineEdit(str(PROMPTS))
        self.prompts.setToolTip(self.tr("JSONL with a 'sentence' (or a 'prompt') per line"))
        self.critic = QLineEdit()
        self.critic.setPlaceholderText(self.tr("none: the tutor critiques itself"))
        self.critic.setToolTip(self.tr("Optional: a Hugging Face model folder that writes the critiques instead"))
        prompts_button, critic_button = QPushButton(self.tr("Browse…")), QPushButton(self.tr("Browse…"))
        prompts_button.clicked.connect(self._choose_prompts)
        critic_button.clicked.connect(self._choose_critic)

        numbers = QHBoxLayout()
        for label, widget in ((self.tr("Rounds"), self.rounds), (self.tr("Order"), self.order),
                              (self.tr("Limit"), self.limit), (self.tr("Max tokens"), self.max_new_tokens)):
            numbers.addWidget(QLabel(label))
            numbers.addWidget(widget)
            numbers.addSpacing(12)
        numbers.addStretch(1)
        grid = QGridLayout()
        grid.addLayout(numbers, 0, 0, 1, 3)
        grid.addWidget(QLabel(self.tr("Prompts")), 1, 0)
        grid.addWidget(self.prompts, 1, 1)
        grid.addWidget(prompts_button, 1, 2)
        grid.addWidget(QLabel(self.tr("Critic")), 2, 0)
        grid.addWidget(self.critic, 2, 1)
        grid.addWidget(critic_button, 2, 2)
        grid.setColumnStretch(1, 1)
        self.run_progress = ProgressPanel(self.tr("Run"))
        self.run_progress.start_clicked.connect(self.start_run)
        self.run_progress.stop_clicked.connect(self.stop)
        settings = QVBoxLayout()
        settings.addLayout(grid)
        settings.addWidget(self.run_progress)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_results())
        splitter.addWidget(self._build_detail())
        splitter.setSizes([300, 300])
        splitter.setChildrenCollapsible(False)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(_group(self.tr("Critique and revise"), settings))
        column.addWidget(splitter, 1)
        return page

    def _build_results(self) -> QWidget:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col, mode in enumerate([QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.ResizeToContents]):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(4, 170)
        self.table.itemSelectionChanged.connect(self._show_selected)

        self.accept_button, self.reject_button = QPushButton(self.tr("Accept")), QPushButton(self.tr("Reject"))
        self.clear_button = QPushButton(self.tr("Undecide"))
        self.accept_all_button = QPushButton(self.tr("Accept all"))
        self.reject_all_button = QPushButton(self.tr("Reject all"))
        self.accept_button.clicked.connect(lambda: self.decide_selected("accepted"))
        self.reject_button.clicked.connect(lambda: self.decide_selected("rejected"))
        self.clear_button.clicked.connect(lambda: self.decide_selected(""))
        self.accept_all_button.clicked.connect(lambda: self.decide_all("accepted"))
        self.reject_all_button.clicked.connect(lambda: self.decide_all("rejected"))
        self.results_note = _note(self.tr("Press Run: each prompt's result appears here as soon as it is ready."))
        self.open_run_button = QPushButton(self.tr("Open run…"))
        self.open_run_button.setToolTip(self.tr("Review an earlier constitution run (a folder with records.jsonl)"))
        self.open_run_button.clicked.connect(self._choose_run)
        # the note on its own line: beside six buttons it was squeezed into a column one word wide
        row = QHBoxLayout()
        row.addWidget(self.open_run_button)
        row.addStretch(1)
        for b in (self.accept_button, self.reject_button, self.clear_button, self.accept_all_button,
                  self.reject_all_button):
            row.addWidget(b)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.results_note)
        column.addLayout(row)
        return box


    def _build_detail(self) -> QWidget:
        self.diff_view = DiffView(self.tr("Select a result to see what the revisions changed, word by word."))
        self.rounds_view = QTextBrowser()
        self.rounds_view.setPlaceholderText(self.tr("The critique and the revision of each round appear here."))
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(QLabel(self.tr("<b>First answer → final revision</b>")))
        left.addWidget(self.diff_view, 1)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(QLabel(self.tr("<b>Rounds</b>")))
        right.addWidget(self.rounds_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for lay in (left, right):
            w = QWidget()
            w.setLayout(lay)
            splitter.addWidget(w)
        splitter.setChildrenCollapsible(False)
        return splitter

    # layout: distill & evaluate ----------------------------------------------------------------------

    def _build_distill_page(self) -> QWidget:
        self.epochs = QDoubleSpinBox(decimals=1, minimum=0.1, maximum=100.0, singleStep=0.5, value=2.0)
        self.learning_rate = QLineEdit("2e-4")
        self.learning_rate.setToolTip(self.tr("A positive number, e.g. 2e-4 or 0.0002"))
        self.max_steps = QSpinBox(minimum=0, maximum=100000, value=0, specialValueText=self.tr("all"))
        self.max_steps.setToolTip(self.tr("Stop after this many optimizer steps (0 = every epoch)"))
        self.only_accepted = QCheckBox(self.tr("Only accepted revisions"))
        self.only_accepted.setChecked(True)
        self.only_accepted.setToolTip(self.tr("Off: every revision you did not reject. Applies to Send pairs too."))
        self.distill_progress = ProgressPanel(self.tr("Distill"))
        self.distill_progress.start_clicked.connect(self.start_distill)
        self.distill_progress.stop_clicked.connect(self.stop)
        form = QFormLayout()
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Learning rate"), self.learning_rate)
        form.addRow(self.tr("Max steps"), self.max_steps)
        form.addRow(self.only_accepted)
        form.addRow(self.distill_progress)

        self.send_button = QPushButton(self.tr("Send pairs to store"))
        self.send_button.setToolTip(self.tr("Adds (final revision = chosen, first answer = rejected) to the "
                                            "preference store for the Label, Reward model and DPO tabs"))
        self.send_button.clicked.connect(self.send_pairs)
        self.send_note = _note(self.tr("Revisions that equal the first answer (or are empty) are skipped."))
        pairs = QVBoxLayout()
        pairs.addWidget(self.send_button)
        pairs.addWidget(self.send_note)

        self.eval_limit = QSpinBox(minimum=0, maximum=100000, value=QUICK_EVAL, specialValueText=self.tr("all"))
        self.eval_limit.setToolTip(self.tr("Sentences per eval set ({n}: a quick look; 0: all)").format(n=QUICK_EVAL))
        self.eval_button = QPushButton(self.tr("Eval before / after"))
        self.eval_button.clicked.connect(self.start_eval)
        eval_row = QHBoxLayout()
        eval_row.addWidget(QLabel(self.tr("Sentences per set")))
        eval_row.addWidget(self.eval_limit)
        eval_row.addWidget(self.eval_button, 1)
        self.eval_table = self._build_eval_table()
        self.eval_note = _note(self.tr("Before: the shipped tutor. After: the tutor distilled from your revisions."))
        self.eval_note.setMinimumHeight(3 * self.eval_note.fontMetrics().lineSpacing())  # wraps as it changes
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
        left.setMinimumWidth(340)
        left.setMaximumWidth(400)

        self.plot = MetricsPlot(
            ["loss"], self.tr("Distillation loss"),
            self.tr("Cross-entropy of the tutor on the revised replies: falling means it is learning to answer "
                    "the way its revisions do."), y_label=self.tr("loss"), labels={"loss": self.tr("loss")})
        right = QWidget()
        rcol = QVBoxLayout(right)
        rcol.setContentsMargins(0, 0, 0, 0)
        rcol.addWidget(self.plot, 1)

        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(left)
        row.addWidget(right, 1)
        return page

    def _build_eval_table(self) -> QTableWidget:
        labels = [f"{self.tr(set_label)} · {self.tr(key_label)}" for _, set_label, _ in EVAL_SETS
                  for _, key_label in EVAL_KEYS]
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
        rows_h = table.verticalHeader().defaultSectionSize() * len(labels)
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows_h + 2 * table.frameWidth() + 4)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return table

    # run ---------------------------------------------------------------------------------------------

    @Slot()
    def _choose_prompts(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Prompts for the constitution run"),
                                              str(DATA_DIR), self.tr("JSON lines (*.jsonl);;All files (*)"))
        if path:
            self.prompts.setText(path)

    @Slot()
    def _choose_critic(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a critic model folder"))
        if path:
            self.critic.setText(path)

    def run_config(self) -> ConstitutionConfig:
        return ConstitutionConfig(
            model=self.main.model_spec, adapter="shipped", critic=self.critic.text().strip(),
            constitution=str(self.editor.path), prompts=self.prompts.text().strip() or str(PROMPTS),
            out=str(new_run_dir(self.main.home, "constitution")), rounds=self.rounds.value(),
            order=self.order.currentData(), limit=self.limit.value(), max_new_tokens=self.max_new_tokens.value())

    @Slot()
    def start_run(self) -> None:
        if self.runner.running:
            return
        if not self.editor.constitution().enabled():
            show_error(self, self.tr("Nothing to run"), self.tr("Enable at least one principle (tick it in the "
                                                                "list)."))
            return
        if not self.editor.save_if_dirty():
            return
        try:
            cfg = self.run_config()
            cfg.validate()
        except (ValueError, OSError) as exc:
            show_error(self, self.tr("Check the run settings"), str(exc))
            return
        self.run_dir, self.records, self.decisions = Path(cfg.out), [], {}
        self.table.setRowCount(0)
        self.diff_view.clear()
        self.rounds_view.clear()
        self.results_note.setText(self.tr("Running: rows appear as prompts finish."))
        self._start(self.run_progress, run_loop, cfg, self.main.home, on_metrics=self._on_run_metrics,
                    on_done=self._show_run)

    @Slot()
    def _choose_run(self) -> None:
        try:
            start = str(workspace.runs_dir(workspace.data_home(self.main.home)))
        except OSError:
            start = ""
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a constitution run"), start)
        if path:
            self.load_run(Path(path))

    def load_run(self, run: Path) -> bool:
        """Show the records and decisions of an earlier run, to review, distill or send again."""
        from core.constitution import decisions, load_records

        if self.runner.running:
            return False
        try:
            records, chosen = load_records(run), decisions(run)
        except (OSError, ValueError) as exc:
            show_error(self, self.tr("Cannot open this run"), str(exc))
            return False
        self.run_dir, self.records, self.decisions = Path(run), [], chosen
        self.table.setRowCount(0)
        for record in records:
            self._add_record(record)
        self._show_counts()
        self._update_buttons()
        return True

    def _add_record(self, record: dict) -> None:
        self.records.append(record)
        row = self.table.rowCount()
        self.table.insertRow(row)
        number = QTableWidgetItem(str(record["index"] + 1))
        number.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(row, 0, number)
        self.table.setItem(row, 1, _cell(tutor.sentence_from_prompt(record["prompt"])))
        self.table.setItem(row, 2, _cell(record["first"]))
        self.table.setItem(row, 3, _cell(record["final"]))
        used = _cell(" → ".join(r["principle"].split(":")[0] for r in record["rounds"]))  # "Honest → Helpful"
        used.setToolTip("\n".join(self.tr("Round {i}: {principle}").format(i=i, principle=r["principle"])
                                  for i, r in enumerate(record["rounds"], 1)))
        self.table.setItem(row, 4, used)
        self._show_decision(row)
        if row == 0:
            self.table.selectRow(0)

    def _show_decision(self, row: int) -> None:
        verdict = self.decisions.get(self.records[row]["index"], "")
        item = QTableWidgetItem(self.tr(DECISION_TEXT[verdict]))
        item.setForeground(QBrush(QColor(DECISION_COLOUR[verdict])))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(row, 5, item)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    @Slot()
    def _show_selected(self) -> None:
        rows = self.selected_rows()
        self._update_buttons()
        if not rows:
            return
        record = self.records[rows[0]]
        self.diff_view.show_words(record["first"], record["final"])
        self.rounds_view.setHtml(_rounds_html(record))

    def decide_selected(self, verdict: str) -> None:
        self._decide([self.records[r]["index"] for r in self.selected_rows()], verdict)

    def decide_all(self, verdict: str) -> None:
        self._decide([r["index"] for r in self.records], verdict)

    def _decide(self, indices: list[int], verdict: str) -> None:
        if self.run_dir is None or not indices:
            return
        from core.constitution import set_decisions

        try:
            self.decisions = set_decisions(self.run_dir, {i: verdict for i in indices})
        except (OSError, ValueError) as exc:
            show_error(self, self.tr("The decisions were not saved"), str(exc))
            return
        for row in range(len(self.records)):
            self._show_decision(row)
        self._show_counts()

    def _show_counts(self) -> None:
        accepted = sum(v == "accepted" for v in self.decisions.values())
        rejected = sum(v == "rejected" for v in self.decisions.values())
        self.results_note.setText(self.tr("{n} results · {accepted} accepted · {rejected} rejected").format(
            n=len(self.records), accepted=accepted, rejected=rejected))

    # distill, eval, pairs ----------------------------------------------------------------------------

    def sft_config(self) -> SftConfig:
        from core.models import resolve_adapter

        text = self.learning_rate.text().strip()
        try:
            lr = float(text)
        except ValueError:
            raise ValueError(self.tr("Learning rate: “{text}” is not a number (try 2e-4)").format(text=text)) from None
        spec = self.main.model_spec
        shipped = resolve_adapter("shipped", spec)
        cfg = SftConfig(model=spec, out=str(new_run_dir(self.main.home, "distill")), adapter=str(shipped or ""),
                        epochs=self.epochs.value(), learning_rate=lr, max_steps=self.max_steps.value() or -1)
        cfg.validate()
        return cfg

    def _has_rows(self) -> bool:
        if self.run_dir is None or not self.records:
            show_error(self, self.tr("No revisions yet"),
                       self.tr("Run the constitution first (page 1), then review the results."))
            return False
        if self.only_accepted.isChecked() and "accepted" not in self.decisions.values():
            show_error(self, self.tr("No accepted revisions"),
                       self.tr("Accept some revisions on page 1, or untick “Only accepted revisions”."))
            return False
        return True

    @Slot()
    def start_distill(self) -> None:
        if self.runner.running or not self._has_rows():
            return
        try:
            cfg = self.sft_config()
        except (ValueError, OSError) as exc:
            show_error(self, self.tr("Check the distillation settings"), str(exc))
            return
        self.plot.clear()
        self._start(self.distill_progress, distill, cfg, str(self.run_dir), self.only_accepted.isChecked(),
                    self.main.home, on_metrics=self._on_distill_metrics, on_done=self._show_distill)

    @Slot()
    def start_eval(self) -> None:
        if self.runner.running:
            return
        adapters = {"before": "shipped", "after": str(self.distill_dir) if self.distill_dir else None}
        self._start(self.distill_progress, compare_models, self.main.model_spec, self.main.home, adapters,
                    EVAL_DATA, self.eval_limit.value(), on_done=self._show_eval)

    @Slot()
    def send_pairs(self) -> int:
        if not self._has_rows():
            return 0
        from core.constitution import send_pairs
        from core.store import PreferenceStore, StoreError

        try:
            with PreferenceStore(workspace.store_path(workspace.data_home(self.main.home))) as store:
                added = send_pairs(self.run_dir, store, only_accepted=self.only_accepted.isChecked())
        except (StoreError, OSError, ValueError) as exc:
            show_error(self, self.tr("The pairs were not sent"), str(exc))
            return 0
        self.send_note.setText((self.tr("Added 1 pair to the preference store (source “constitution”, revision "
                                        "preferred).") if added == 1 else
                                self.tr("Added {n} pairs to the preference store (source “constitution”, revision "
                                        "preferred).")).format(n=added))
        self.main.show_message(self.tr("{n} constitution pairs added to the preference store").format(n=added))
        return added

    # job plumbing --------------------------------------------------------------------------------------

    def _start(self, panel: ProgressPanel, fn, *args, on_done, on_metrics=None) -> None:
        """Start ``fn`` with ``panel`` showing its progress; ``on_done(result)`` unless it was stopped first."""
        def done(result) -> None:
            if result is None:
                panel.finish(self.tr("stopped"), complete=False)
            else:
                on_done(result)

        if not self.runner.start(fn, *args, on_metrics=on_metrics or panel.update_event, on_done=done,
                                 on_error=self._on_failed):
            self.main.show_message(self.tr("A job is already running in this tab."))
            return
        self._panel = panel
        panel.set_running(True, self.tr("starting…"))
        self._update_buttons()

    @Slot()
    def stop(self) -> None:
        if self.runner.running:
            self.runner.stop()
            self._panel.busy(self.tr("stopping…"))


    def _update_buttons(self) -> None:
        busy = self.runner.running
        has_rows = bool(self.records)
        selected = bool(self.selected_rows()) if hasattr(self, "table") else False
        for b in (self.accept_button, self.reject_button, self.clear_button):
            b.setEnabled(selected)
        for b in (self.accept_all_button, self.reject_all_button):
            b.setEnabled(has_rows)
        self.send_button.setEnabled(has_rows and not busy)
        self.open_run_button.setEnabled(not busy)
        self.eval_button.setEnabled(not busy)
        for panel in (self.run_progress, self.distill_progress):
            panel.start_button.setEnabled(not busy)
            panel.stop_button.setEnabled(busy and panel is getattr(self, "_panel", None))

    def _on_run_metrics(self, event: dict) -> None:
        if "record" in event:
            self._add_record(event["record"])
            self._update_buttons()
        if "step" in event:
            event = {**event, "phase": "critique & revise"}
        self.run_progress.update_event(event)

    def _on_distill_metrics(self, event: dict) -> None:
        self.plot.add(event)
        self.distill_progress.update_event(event)

    def _show_run(self, result: dict) -> None:
        self.run_progress.finish(self.tr("{status} · {finished} of {prompts} prompts · {changed} revised").format(
            status=phase_text(result["status"]), finished=result["finished"], prompts=result["prompts"],
            changed=result["changed"]), complete=result["status"] == "finished")
        self._show_counts()

    def _show_distill(self, result: dict) -> None:
        self.plot.refresh()
        self.distill_dir = Path(result["out"])
        loss = result.get("final_loss")
        parts = [phase_text(result["status"]), self.tr("{n} steps").format(n=result["steps"]),
                 self.tr("{n} revisions").format(n=result["examples"])]
        if loss is not None:
            parts.append(self.tr("final loss {loss:.3f}").format(loss=loss))
        self._panel.finish(" · ".join(parts), complete=result["status"] == "finished")
        self.eval_note.setText(self.tr("Before: the shipped tutor. After: {name}. Press “Eval before / after” "
                                       "to compare.").format(name=self.distill_dir.name))

    def _show_eval(self, result: dict) -> None:
        results = result["results"]
        for col, side in enumerate(("before", "after")):
            for s, (_, _, name) in enumerate(EVAL_SETS):
                for k, (key, _) in enumerate(EVAL_KEYS):
                    rates = results.get(side, {}).get(name)
                    self.eval_table.item(s * len(EVAL_KEYS) + k, col).setText(
                        percent(rates.get(key)) if rates else "—")
        before = (self.tr("the shipped tutor") if result["adapters"]["before"]
                  else self.tr("the base model (no shipped tutor)"))
        after = self.distill_dir.name if self.distill_dir and "after" in results else self.tr("distill first")
        n = {key: results["before"][name].get("n") for key, _, name in EVAL_SETS}
        self.eval_note.setText(self.tr("Before: {before}. After: {after}. {eval} eval + {redteam} red-team "
                                       "sentences, greedy replies.").format(
            before=before, after=after, eval=n.get("eval"), redteam=n.get("redteam")))
        self._panel.finish(self.tr("evaluated {eval} + {redteam} sentences").format(
            eval=n.get("eval"), redteam=n.get("redteam")))

    # a rebuild (language switch) keeps unsaved edits and the run under review ---------------------------

    def export_state(self) -> dict:
        return {"constitution": self.editor.constitution() if self.editor.dirty else None,
                "run_dir": self.run_dir if self.records else None, "distill_dir": self.distill_dir,
                "page": self.pages.currentIndex()}

    def import_state(self, state: dict) -> None:
        if state.get("constitution") is not None:
            self.editor.replace(state["constitution"], self.tr("unsaved edits"))
        if state.get("run_dir") is not None:
            self.load_run(state["run_dir"])
        self.distill_dir = state.get("distill_dir")
        self.pages.setCurrentIndex(state.get("page") or 0)

    def eval_value(self, set_key: str, key: str, column: int) -> str:
        """The table text for one rate (``column`` 0: before, 1: after); used by tests."""

        s = [k for k, _, _ in EVAL_SETS].index(set_key)
        k = [k for k, _ in EVAL_KEYS].index(key)
        return self.eval_table.item(s * len(EVAL_KEYS) + k, column).text()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._panel.finish(self.tr("failed: {message}").format(message=message), complete=False)
        show_error(self, self.tr("The job failed"), message)

    @Slot()
    def _on_finished(self) -> None:
        self._update_buttons()


def _rounds_html(record: dict) -> str:
    empty = _tr(EMPTY)

    def text(value: str) -> str:
        return html.escape(value).replace("\n", "<br>") if value.strip() else f"<i style='color:{MUTED_COLOUR}'>{empty}</i>"

    translate = QCoreApplication.translate
    prompt, first = translate("ConstitutionTab", "Prompt"), translate("ConstitutionTab", "First answer")
    critique, revision = translate("ConstitutionTab", "Critique:"), translate("ConstitutionTab", "Revision:")
    parts = [f"<p><b>{prompt}</b><br>{text(record['prompt'])}</p>", f"<p><b>{first}</b><br>{text(record['first'])}</p>"]
    for i, r in enumerate(record["rounds"], start=1):
        heading = translate("ConstitutionTab", "Round {i} · {principle}").format(i=i, principle=html.escape(r["principle"]))

        if r.get("problem"):  # the model's text was not a reply: the answer stayed as it was
            unused = translate("ConstitutionTab", "Revision not used ({reason}), the answer stays:").format(
                reason=html.escape(r["problem"]))
            shown = (f"<span style='color:{MUTED_COLOUR}'>{unused}</span> <s>{text(r.get('discarded', ''))}</s>")
        else:
            shown = f"<span style='color:{MUTED_COLOUR}'>{revision}</span> {text(r['revision'])}"
        parts.append(f"<p><b>{heading}</b><br>"
                     f"<span style='color:{MUTED_COLOUR}'>{critique}</span> {text(r['critique'])}<br>{shown}</p>")
    return "".join(parts)

