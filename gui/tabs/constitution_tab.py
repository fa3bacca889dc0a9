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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelectionModel, Qt, QTimer, Slot
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
    QMessageBox,
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
from gui.widgets.forms import rate_text
from gui.widgets.lab_guide import install_lab_layout
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.style import BAD, GOOD, MUTED_COLOUR, TEXT_COLOUR, percent
from gui.widgets.try_it import TryItPanel, problem_text
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
           QT_TRANSLATE_NOOP("ConstitutionTab", "Final revision"), QT_TRANSLATE_NOOP("ConstitutionTab", "Revised"),
           QT_TRANSLATE_NOOP("ConstitutionTab", "Principles"), QT_TRANSLATE_NOOP("ConstitutionTab", "Decision")]
REVISED_COL, DECISION_COL = 4, 6
MIN_REVISIONS = 8  # distilling fewer asks first: a handful of replies is memorised, not learned
EMPTY = QT_TRANSLATE_NOOP("ConstitutionTab", "(empty)")
# The ablation's rows: (set label, rate label, set in core.constitution.ABLATION_SETS, rate)
ABLATION_ROWS = [(QT_TRANSLATE_NOOP("ConstitutionTab", "Red-team"), QT_TRANSLATE_NOOP("ConstitutionTab", "harmless"),
                  "red-team", "harmless"),
                 (QT_TRANSLATE_NOOP("ConstitutionTab", "Red-team test"), "harmless", "red-team test", "harmless"),
                 (QT_TRANSLATE_NOOP("ConstitutionTab", "Eval set"), QT_TRANSLATE_NOOP("ConstitutionTab", "honest"),
                  "eval set", "honest"),
                 (QT_TRANSLATE_NOOP("ConstitutionTab", "Test set"), "honest", "test set", "honest"),
                 (QT_TRANSLATE_NOOP("ConstitutionTab", "Eval set"), QT_TRANSLATE_NOOP("ConstitutionTab", "helpful"),
                  "eval set", "helpful"),
                 ("Test set", "helpful", "test set", "helpful")]
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
        self.results: dict[str, dict] = {}  # the last run / distill / eval / ablation result (shown again after a
                                            # language switch)
        self._panel: ProgressPanel | None = None

        self.editor = ConstitutionEditor(self._working_copy())
        self._load_working_copy()
        for action in (self.editor.undo_action, self.editor.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        editor_box = _group(self.tr("Constitution"), self._wrap(self.editor))
        editor_box.setMinimumWidth(330)

        self.pages = QTabWidget()
        self.pages.addTab(self._build_try_page(), self.tr("1 · Try it"))
        self.pages.addTab(self._build_run_page(), self.tr("2 · Run && review"))
        self.pages.addTab(self._build_distill_page(), self.tr("3 · Distill && evaluate"))
        install_lab_layout(self, editor_box, self.pages, "constitution", (360, 840))
        self.runner.finished.connect(self._on_finished)
        self.editor.list.currentRowChanged.connect(self.try_it.show_principle)
        self.editor.stack.indexChanged.connect(self.try_it.show_principle)
        self.editor.stack.indexChanged.connect(self._fill_without)
        self.try_it.show_principle()
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

    # layout: try it -----------------------------------------------------------------------------------

    def _build_try_page(self) -> QWidget:
        self.try_it = TryItPanel(self.main.model_session, self.editor.current_principle,
                                 lambda: self.main.model_spec, lambda: self.max_new_tokens.value())
        return self.try_it

    # layout: run & review ----------------------------------------------------------------------------

    def _build_run_page(self) -> QWidget:
        self.rounds = QSpinBox(minimum=1, maximum=8, value=ConstitutionConfig.rounds)
        self.rounds.setToolTip(self.tr("Critique → revision rounds per prompt"))
        self.order = QComboBox()
        self.order.addItem(self.tr("In turn"), "in_turn")
        self.order.addItem(self.tr("Random"), "random")
        self.order.setCurrentIndex(self.order.findData(ConstitutionConfig.order))
        self.order.setToolTip(self.tr("In turn: round r uses the r-th enabled principle. Random: a random enabled "
                                      "one."))
        self.limit = QSpinBox(minimum=0, maximum=100000, value=ConstitutionConfig.limit,
                              specialValueText=self.tr("all"))
        self.limit.setToolTip(self.tr("Use only the first N prompts (0 = all)"))
        self.max_new_tokens = QSpinBox(minimum=1, maximum=512, value=ConstitutionConfig.max_new_tokens)
        self.max_new_tokens.setToolTip(self.tr("Longest answer, critique or revision, in tokens"))
        self.prompts = QLineEdit(str(PROMPTS))
        self.prompts.setToolTip(self.tr("JSONL with a 'sentence' (or a 'prompt') per line"))
        self.critic = QLineEdit()
        self.critic.setPlaceholderText(self.tr("none: the tutor critiques itself"))
        self.critic.setToolTip(self.tr("Optional: a Hugging Face model folder that writes the critiques instead"))
        self.reviser = QLineEdit()
        self.reviser.setPlaceholderText(self.tr("none: the tutor revises itself"))
        self.reviser.setToolTip(self.tr("Optional: a Hugging Face model folder that writes the revisions instead"))
        prompts_button, critic_button = QPushButton(self.tr("Browse…")), QPushButton(self.tr("Browse…"))
        reviser_button = QPushButton(self.tr("Browse…"))
        prompts_button.clicked.connect(self._choose_prompts)
        critic_button.clicked.connect(lambda: self._choose_model(self.critic, self.tr("Choose a critic model folder")))
        reviser_button.clicked.connect(lambda: self._choose_model(self.reviser,
                                                                  self.tr("Choose a reviser model folder")))

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
        models = QHBoxLayout()  # Critic and Reviser side by side: one row, the results keep their height
        for label, field, button in ((self.tr("Critic"), self.critic, critic_button),
                                     (self.tr("Reviser"), self.reviser, reviser_button)):
            models.addWidget(QLabel(label))
            models.addWidget(field, 1)
            models.addWidget(button)
        grid.addLayout(models, 2, 0, 1, 3)
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
                                    QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Interactive,
                                    QHeaderView.ResizeMode.ResizeToContents]):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(5, 130)
        self.table.itemSelectionChanged.connect(self._show_selected)

        self.accept_button, self.reject_button = QPushButton(self.tr("Accept")), QPushButton(self.tr("Reject"))
        self.clear_button = QPushButton(self.tr("Undecide"))
        self.accept_button.setToolTip(self.tr("Accept the selected revised rows (a row the revisions left unchanged "
                                              "has nothing to accept)"))
        self.accept_all_button = QPushButton(self.tr("Accept all"))
        self.accept_all_button.setToolTip(self.tr("Accept every revised row"))
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
        self.epochs = QDoubleSpinBox(decimals=1, minimum=0.1, maximum=100.0, singleStep=0.5, value=SftConfig.epochs)
        self.learning_rate = QLineEdit(rate_text(SftConfig.learning_rate))
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
        eval_row = QGridLayout()  # two rows: the page's left column stays narrow enough for 1024 px
        eval_row.addWidget(QLabel(self.tr("Sentences per set")), 0, 0)
        eval_row.addWidget(self.eval_limit, 0, 1)
        eval_row.addWidget(self.eval_button, 1, 0, 1, 2)
        self.eval_table = self._build_eval_table()
        self.eval_note = _note(self.tr("Before: the shipped tutor. After: the tutor distilled from your revisions."))
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
        left.setMinimumWidth(250)
        left.setMaximumWidth(400)

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

        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(left)
        row.addWidget(right, 1)
        return page

    def _build_ablation(self) -> QWidget:
        """"Run without <principle>": the same loop and distillation with one principle disabled, and the two
        distilled tutors' rates side by side."""
        self.without = QComboBox()
        self.without.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.without.setMinimumContentsLength(10)
        self.without.setToolTip(self.tr("The principle to leave out: the run under review is repeated without it"))
        self.without.currentIndexChanged.connect(self._name_without_button)
        self.ablation_progress = ProgressPanel(self.tr("Run without"))
        self.ablation_progress.start_clicked.connect(self.start_ablation)
        self.ablation_progress.stop_clicked.connect(self.stop)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Principle")))
        pick.addWidget(self.without, 1)
        self.ablation_table = QTableWidget(len(ABLATION_ROWS), 2)
        self.ablation_table.setHorizontalHeaderLabels([self.tr("With"), self.tr("Without")])
        self.ablation_table.setVerticalHeaderLabels([f"{self.tr(s)} · {self.tr(k)}" for s, k, _, _ in ABLATION_ROWS])
        self.ablation_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ablation_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.ablation_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ablation_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.ablation_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ablation_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for r in range(len(ABLATION_ROWS)):
            for c in range(2):
                self.ablation_table.setItem(r, c, QTableWidgetItem("—"))
                self.ablation_table.item(r, c).setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        # rows of two lines: in a narrow window a cell wraps ("95% (83–99) ·" / "38/40") instead of being cut
        line = self.ablation_table.fontMetrics().lineSpacing()
        self.ablation_table.setWordWrap(True)
        self.ablation_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.ablation_table.verticalHeader().setDefaultSectionSize(2 * line + 4)
        self.ablation_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.ablation_table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
        self.ablation_table.verticalHeader().setMaximumWidth(8 * self.fontMetrics().averageCharWidth() + 60)
        rows_h = (2 * line + 4) * len(ABLATION_ROWS)
        self.ablation_table.setFixedHeight(self.ablation_table.horizontalHeader().sizeHint().height() + rows_h
                                           + 2 * self.ablation_table.frameWidth() + 4)
        self.ablation_note = _note(self.tr("The run under review again without one principle, distilled the same "
                                           "way; both tutors on the same sentences (“Sentences per set”)."))
        box = QVBoxLayout()
        box.addLayout(pick)
        box.addWidget(self.ablation_progress)
        box.addWidget(self.ablation_table)
        box.addWidget(self.ablation_note)
        self._fill_without()
        return _group(self.tr("Without one principle"), box)

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
        line = table.fontMetrics().lineSpacing()
        table.verticalHeader().setDefaultSectionSize(line + 6)  # compact rows: the page fits 700 px
        rows_h = (line + 6) * len(labels)
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

    def _choose_model(self, field: QLineEdit, title: str) -> None:
        path = QFileDialog.getExistingDirectory(self, title)
        if path:
            field.setText(path)

    def run_config(self) -> ConstitutionConfig:
        return ConstitutionConfig(
            model=self.main.model_spec, adapter="shipped", critic=self.critic.text().strip(),
            reviser=self.reviser.text().strip(),
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
        self._fill_without()
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
        self.table.setItem(row, 5, used)
        self.table.setItem(row, REVISED_COL, self._revised_cell(record))
        self._show_decision(row)
        if row == 0:
            self.table.selectRow(0)

    def _revised_cell(self, record: dict) -> QTableWidgetItem:
        """"revised" (green) or "unchanged", with the rounds whose revision was dropped and why."""
        dropped = [(i, r) for i, r in enumerate(record["rounds"], 1) if r.get("problem")]
        revised = _revised(record)
        text = self.tr("revised") if revised else self.tr("unchanged")
        if dropped:
            text += " · " + self.tr("{n} dropped").format(n=len(dropped))
        item = QTableWidgetItem(text)
        item.setForeground(QBrush(QColor(GOOD if revised else MUTED_COLOUR)))
        item.setToolTip("\n".join(self.tr("Round {i}: revision dropped ({reason})").format(
            i=i, reason=problem_text(r["problem"])) for i, r in dropped) or (
            self.tr("The final revision differs from the first answer.") if revised else
            self.tr("The revisions left the first answer as it was.")))
        return item

    def _show_decision(self, row: int) -> None:
        verdict = self.decisions.get(self.records[row]["index"], "")
        item = QTableWidgetItem(self.tr(DECISION_TEXT[verdict]))
        item.setForeground(QBrush(QColor(DECISION_COLOUR[verdict])))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(row, DECISION_COL, item)

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
        """Decide the selected rows; only revised rows can be accepted (an unchanged row has no revision)."""
        rows = [self.records[r] for r in self.selected_rows()]
        self._decide([r["index"] for r in rows if verdict != "accepted" or _revised(r)], verdict)

    def decide_all(self, verdict: str) -> None:
        self._decide([r["index"] for r in self.records if verdict != "accepted" or _revised(r)], verdict)

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
                       self.tr("Run the constitution first (page 2), then review the results."))
            return False
        if self.only_accepted.isChecked() and "accepted" not in self.decisions.values():
            show_error(self, self.tr("No accepted revisions"),
                       self.tr("Accept some revisions on page 2, or untick “Only accepted revisions”."))
            return False
        return True

    def distill_count(self) -> int:
        """How many revisions Distill would train on (accepted ones, or every one not rejected)."""
        if self.only_accepted.isChecked():
            return sum(self.decisions.get(r["index"]) == "accepted" for r in self.records)
        return sum(self.decisions.get(r["index"]) != "rejected" for r in self.records)

    @Slot()
    def start_distill(self) -> None:
        """Distill, after a warning (with the option to go on) when there are fewer than MIN_REVISIONS."""
        if self.runner.running or not self._has_rows():
            return
        n = self.distill_count()
        if n >= MIN_REVISIONS:
            self._distill_now()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Only {n} revisions").format(n=n),
                          self.tr("Distilling {n} revisions teaches the tutor those few replies by heart rather "
                                  "than a way of answering (at least {min} are better: accept more, or run on more "
                                  "prompts). Distill anyway?").format(n=n, min=MIN_REVISIONS),
                          QMessageBox.StandardButton.Cancel, self)
        go = box.addButton(self.tr("Distill anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._distill_now() if button is go else None)
        self.distill_warning = box
        box.open()

    def _distill_now(self) -> None:
        if self.runner.running:
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

    # the ablation: the run under review again without one principle -----------------------------------

    def _run_principles(self) -> list[str]:
        """The principles the run under review used (the editor's enabled ones before any run)."""
        if self.run_dir is not None and (self.run_dir / "constitution.json").is_file():
            from core.runs import read_json

            try:
                return [p["name"] for p in read_json(self.run_dir / "constitution.json")["principles"]
                        if p.get("enabled", True)]
            except (OSError, ValueError, KeyError, TypeError):
                pass
        return [p.name for p in self.editor.constitution().enabled()]

    @Slot()
    def _fill_without(self) -> None:
        if not hasattr(self, "without"):
            return
        current = self.without.currentData()
        names = self._run_principles()
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

    def _with_tutor(self) -> str:
        """The tutor distilled from the run under review ("" when there is none yet: the ablation distills it)."""
        from core.runs import load_config

        if self.distill_dir is None or self.run_dir is None:
            return ""
        try:
            revisions = load_config(self.distill_dir).get("revisions")
        except (OSError, ValueError):
            return ""
        return str(self.distill_dir) if revisions and Path(revisions) == Path(self.run_dir) else ""

    @Slot()
    def start_ablation(self) -> None:
        import re

        from core.constitution import ablation, ablation_config

        if self.runner.running:
            return
        name = self.without.currentData()
        if self.run_dir is None or not self.records or not name:
            show_error(self, self.tr("No run to compare with"),
                       self.tr("Run the constitution first (page 2): the ablation repeats that run without one "
                               "principle."))
            return
        slug = re.sub(r"[^a-z0-9]+", "-", name.split(":")[0].lower()).strip("-") or "principle"
        try:
            sft = self.sft_config()
            sft.out = str(new_run_dir(self.main.home, f"distill-without-{slug}"))
            cfg = ablation_config(self.run_dir, name, new_run_dir(self.main.home, f"constitution-without-{slug}"))
            cfg.validate()
        except (ValueError, OSError) as exc:
            show_error(self, self.tr("Cannot run without this principle"), str(exc))
            return
        self.results.pop("ablation", None)
        for r in range(len(ABLATION_ROWS)):
            for c in range(2):
                self.ablation_table.item(r, c).setText("—")
        self._start(self.ablation_progress, ablation, cfg, sft, str(self.run_dir), self._with_tutor(),
                    self.only_accepted.isChecked(), self.eval_limit.value(), self.main.home,
                    on_done=self._show_ablation)

    def _show_ablation(self, result: dict) -> None:
        self.results["ablation"] = result
        for row, (_, _, set_name, rate) in enumerate(ABLATION_ROWS):
            sides = [result["results"].get(side, {}).get(set_name, {}).get(rate) for side in ("with", "without")]
            for col, value in enumerate(sides):
                item = self.ablation_table.item(row, col)
                item.setText(_interval_text(value))
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
        with_name = Path(result["tutors"]["with"]).name
        if not self.distill_dir:
            self.distill_dir = Path(result["tutors"]["with"])
        runs = self.tr(
            "With: {with_tutor} (distilled from {with_run}). Without “{name}”: {without_run}, distilled into "
            "{without_tutor} (every revision the loop kept). 95% intervals; red: clearly lower without.").format(
            with_tutor=with_name, with_run=Path(result["runs"]["with"]).name, name=result["without"],
            without_run=Path(result["runs"]["without"]).name,
            without_tutor=Path(result["tutors"]["without"]).name)
        self.ablation_note.setText(self.tr("Without “{name}”: rate (95% interval) · count; red: clearly lower "
                                           "without.").format(name=result["without"].split(":")[0]))
        self.ablation_note.setToolTip(runs)
        for col in range(2):
            self.ablation_table.horizontalHeaderItem(col).setToolTip(runs)
        self.ablation_progress.finish(phase_text("finished"))

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
        selected = self.selected_rows()
        for b in (self.reject_button, self.clear_button):
            b.setEnabled(bool(selected))
        self.accept_button.setEnabled(any(_revised(self.records[r]) for r in selected))
        self.accept_all_button.setEnabled(any(_revised(r) for r in self.records))
        self.reject_all_button.setEnabled(has_rows)
        self.send_button.setEnabled(has_rows and not busy)
        self.open_run_button.setEnabled(not busy)
        self.eval_button.setEnabled(not busy)
        self.try_it.set_enabled(not busy)
        for panel in (self.run_progress, self.distill_progress, self.ablation_progress):
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
        self.results["run"] = {k: v for k, v in result.items() if k != "records"}
        self._fill_without()
        self.run_progress.finish(self.tr("{status} · {finished} of {prompts} prompts · {changed} revised").format(
            status=phase_text(result["status"]), finished=result["finished"], prompts=result["prompts"],
            changed=result["changed"]), complete=result["status"] == "finished")
        self._show_counts()

    def _show_distill(self, result: dict) -> None:
        self.results["distill"] = result
        self.plot.refresh()
        self.distill_dir = Path(result["out"])
        loss = result.get("final_loss")
        parts = [phase_text(result["status"]), self.tr("{n} steps").format(n=result["steps"]),
                 self.tr("{n} revisions").format(n=result["examples"])]
        if loss is not None:
            parts.append(self.tr("final loss {loss:.3f}").format(loss=loss))
        self.distill_progress.finish(" · ".join(parts), complete=result["status"] == "finished")
        self.eval_note.setText(self.tr("Before: the shipped tutor. After: {name}. Press “Eval before / after” "
                                       "to compare.").format(name=self.distill_dir.name))

    def _show_eval(self, result: dict) -> None:
        self.results["eval"] = result
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
        self.distill_progress.finish(self.tr("evaluated {eval} + {redteam} sentences").format(
            eval=n.get("eval"), redteam=n.get("redteam")))

    # a rebuild (language switch) keeps unsaved edits and the run under review ---------------------------

    def _form(self) -> dict:
        """The form's widgets by name (their values travel through a language switch)."""
        return {name: getattr(self, name) for name in (
            "rounds", "order", "limit", "max_new_tokens", "prompts", "critic", "reviser", "epochs",
            "learning_rate", "max_steps", "only_accepted", "eval_limit", "without")}

    def export_state(self) -> dict:
        form = {}
        for name, w in self._form().items():
            form[name] = (w.value() if isinstance(w, (QSpinBox, QDoubleSpinBox)) else w.text()
                          if isinstance(w, QLineEdit) else w.isChecked() if isinstance(w, QCheckBox)
                          else w.currentIndex())
        return {"constitution": self.editor.constitution() if self.editor.dirty else None,
                "principle": self.editor.list.currentRow(),
                "run_dir": self.run_dir if self.records else None, "distill_dir": self.distill_dir,
                "page": self.pages.currentIndex(), "form": form, "selected": self.selected_rows(),
                "results": dict(self.results), "try_it": self.try_it.export_state()}

    def import_state(self, state: dict) -> None:
        if state.get("constitution") is not None:
            self.editor.replace(state["constitution"], self.tr("unsaved edits"))
        if state.get("principle", -1) >= 0:
            self.editor.select(state["principle"])
        if state.get("run_dir") is not None:
            self.load_run(state["run_dir"])
        self.distill_dir = state.get("distill_dir")
        for name, value in state.get("form", {}).items():
            w = self._form()[name]
            if isinstance(w, (QSpinBox, QDoubleSpinBox)):
                w.setValue(value)
            elif isinstance(w, QLineEdit):
                w.setText(value)
            elif isinstance(w, QCheckBox):
                w.setChecked(value)
            else:
                w.setCurrentIndex(value)
        if state.get("selected"):
            self.table.clearSelection()
        for row in state.get("selected", []):
            self.table.selectionModel().select(
                self.table.model().index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        results = state.get("results", {})
        for key, show in (("run", self._show_run), ("distill", self._show_distill), ("eval", self._show_eval),
                          ("ablation", self._show_ablation)):
            if key in results:
                show(results[key])
        if "distill" not in results and "eval" not in results and self.distill_dir:
            self.eval_note.setText(self.tr("Before: the shipped tutor. After: {name}. Press “Eval before / after” "
                                           "to compare.").format(name=Path(self.distill_dir).name))
        if state.get("try_it"):
            self.try_it.import_state(state["try_it"])
        self.try_it.show_principle()
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


def _interval_text(value: dict | None) -> str:
    """"92% (85–96) · 37/40": a rate, its 95% interval and its count."""
    if not value or not value["n"]:
        return "—"
    return (f"{percent(value['rate'])} ({100 * value['low']:.0f}–{100 * value['high']:.0f}) · "
            f"{value['k']}/{value['n']}")


def _revised(record: dict) -> bool:
    return record["final"].strip() != record["first"].strip()


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
                reason=html.escape(problem_text(r["problem"])))
            shown = (f"<span style='color:{MUTED_COLOUR}'>{unused}</span> <s>{text(r.get('discarded', ''))}</s>")
        else:
            shown = f"<span style='color:{MUTED_COLOUR}'>{revision}</span> {text(r['revision'])}"
        parts.append(f"<p><b>{heading}</b><br>"
                     f"<span style='color:{MUTED_COLOUR}'>{critique}</span> {text(r['critique'])}<br>{shown}</p>")
    return "".join(parts)

