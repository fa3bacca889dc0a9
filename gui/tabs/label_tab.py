"""The Label tab: a learner compares two tutor replies and records which is better, one keypress per pair.

Top: the prompt and the two replies side by side, in a random left/right order per pair (recorded as
``swapped``), with big buttons that show their shortcuts (1 / Left, 2 / Right, T, S, Ctrl+Z; with Shift too)
and the "37 / 200" counter. Nothing that hints at the answer is shown before the learner has chosen: the
pair's category and the AI's choice appear only once the learner's own label is in (anchoring). Bottom: the
pair list (filter, double-click to open a pair), the history of people's judgements (change a row's label),
the AI annotator (label the rest of the pairs with ``core.ai_feedback.annotate`` in a child process, with
progress, ETA and Stop; Cohen's kappa and raw agreement of the AI with the learner and with the seed labels;
the pairs where they disagree), people's statistics (machine annotators counted apart), and where pairs come
from: the bundled seed pairs, two samples from the tutor, an imported TRL JSONL file; the labels export as
JSONL or a Hugging Face ``datasets`` folder. A store pair that is a copy of a held-out pair is flagged
(``core.store`` leaves it out of training rows).

Every label goes straight to :class:`core.store.PreferenceStore`, which commits it before returning, so
quitting at any moment loses nothing. Not here: the storage rules (``core.store``), the AI judge
(``core.ai_feedback``) or training on labels.
"""

from __future__ import annotations

import getpass
import json
import random
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import principles, tutor
from core.ai_feedback import annotate, short_name
from core.config import AiFeedbackConfig
from core.pairs import (
    SEED_PAIRS,
    PairFileError,
    generate_pair,
    heldout_rows,
    import_file,
    load_pairs,
    seed_store,
)
from core.paths import DATA_DIR
from core.store import (
    FILTERS,
    HUMAN,
    Agreement,
    Judgement,
    Pair,
    PreferenceStore,
    StoreError,
    is_machine,
)
from core.workspace import WorkspaceError, data_home, store_path
from gui import settings
from gui.widgets.forms import group as _group
from gui.widgets.forms import note as _muted
from gui.widgets.lab_guide import GuideSplitter
from gui.widgets.label_table import OneLineLabel, choice_text, rows_table, side_text, snippet, when
from gui.widgets.messages import show_error
from gui.widgets.progress_panel import format_seconds, phase_text
from gui.widgets.style import percent
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

CONSTITUTION = "constitution.toml"  # the learner's working copy in the data dir (the Constitution tab's)
# Sentences for "Random": the SFT set, never the eval set, so generated pairs do not leak into the eval.
SENTENCES = DATA_DIR / "sft.jsonl"
# English texts in module constants are marked for lupdate here and translated (context "LabelTab") where shown.
FILTER_TEXT = {"all": QT_TRANSLATE_NOOP("LabelTab", "All pairs"),
               "unlabeled": QT_TRANSLATE_NOOP("LabelTab", "Unlabeled"),
               "labeled": QT_TRANSLATE_NOOP("LabelTab", "Labeled"), "ties": QT_TRANSLATE_NOOP("LabelTab", "Ties"),
               "skipped": QT_TRANSLATE_NOOP("LabelTab", "Skipped")}
RELABEL_CHOICES = [(QT_TRANSLATE_NOOP("LabelTab", "Reply A"), "A"), (QT_TRANSLATE_NOOP("LabelTab", "Reply B"), "B"),
                   (QT_TRANSLATE_NOOP("LabelTab", "Tie"), "tie"), (QT_TRANSLATE_NOOP("LabelTab", "Skip"), "skip")]
# the words the store uses for choices, pair sources, history rows and pair categories, shown translated
STORE_WORDS = (QT_TRANSLATE_NOOP("LabelTab", "tie"), QT_TRANSLATE_NOOP("LabelTab", "skip"),
               QT_TRANSLATE_NOOP("LabelTab", "seed"), QT_TRANSLATE_NOOP("LabelTab", "generated"),
               QT_TRANSLATE_NOOP("LabelTab", "imported"), QT_TRANSLATE_NOOP("LabelTab", "constitution"),
               QT_TRANSLATE_NOOP("LabelTab", "current"), QT_TRANSLATE_NOOP("LabelTab", "replaced"),
               QT_TRANSLATE_NOOP("LabelTab", "undone"), QT_TRANSLATE_NOOP("LabelTab", "helpful"),
               QT_TRANSLATE_NOOP("LabelTab", "honest"), QT_TRANSLATE_NOOP("LabelTab", "harmless"),
               QT_TRANSLATE_NOOP("LabelTab", "style"))
# the "More pairs" status line, by state (kept as a key so a language switch shows it in the new language)
GENERATE_NOTES = {"idle": QT_TRANSLATE_NOOP("LabelTab", "Two samples at temperature 0.9 become a new pair."),
                  "stopped": QT_TRANSLATE_NOOP("LabelTab", "Stopped; no pair was added."),
                  "same": QT_TRANSLATE_NOOP("LabelTab", "Both samples came out the same; generate again."),
                  "none": QT_TRANSLATE_NOOP("LabelTab", "No pair was added."),
                  "added": QT_TRANSLATE_NOOP("LabelTab", "Added pair #{id}; it is shown above."),
                  "failed": QT_TRANSLATE_NOOP("LabelTab", "Generation failed.")}


def tutor_sentences(path: Path = SENTENCES) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["sentence"] for line in f if line.strip()]


def default_annotator() -> str:
    try:
        return getpass.getuser() or "learner"
    except (OSError, KeyError, ImportError):  # no login name (some containers, Windows services)
        return "learner"


# --- the tab -----------------------------------------------------------------------------------------

class LabelTab(QWidget):
    """``seed`` fixes the left/right order of the pairs and the sampling seeds (tests, screenshots)."""

    def __init__(self, main: MainWindow, parent: QWidget | None = None, seed: int | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.rng = random.Random(seed)
        self.runner = JobRunner(self)
        self.current: Pair | None = None
        self.current_swapped = False
        self._history_status: dict[int, str] = {}  # judgement id -> current / replaced / undone
        self._mine: dict[int, Judgement] = {}  # pair id -> this annotator's current judgement
        self._ai: dict[int, Judgement] = {}  # pair id -> the shown AI annotator's current A/B/tie label
        self._pairs_by_id: dict[int, Pair] = {}
        self._swaps: dict[int, bool] = {}  # pair id -> shown swapped, stable while the tab lives
        self._sentences: list[str] | None = None
        self._seed_labels: dict[int, str] | None = None  # pair id -> the seed's choice (cached, see _seed)
        self._last: Judgement | None = None  # the learner's last judgement, for the line under the buttons
        self._generate_note: tuple[str, dict] = ("idle", {})
        self._ai_result: dict | None = None  # the last AI run's result (or failure), for its status line
        self._job = ""  # "generate" or "ai" while a job runs
        self._principles: dict[str, str] = {}  # AI annotator ("ai:honest") -> principle short name
        self._agreements: dict[str, Agreement] = {}  # as last shown: "you" / "seed" -> the AI's agreement
        self.constitution_path = principles.DEFAULT_PATH
        self.annotator = settings.annotator() or default_annotator()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the shortcuts act while focus is in this tab

        self.store = self._open_store()
        if self.store is None:
            return
        self.destroyed.connect(self.store.close)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_compare())
        splitter.addWidget(self._build_bottom())
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 330])
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addLayout(self._build_header())
        column.addWidget(splitter, 1)
        self.guided = GuideSplitter(content, "label")
        self.guide = self.guided.guide
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.guided)
        self._add_shortcuts()

        self.runner.finished.connect(self._on_finished)
        self._fill_ai_combo()
        self.next_pair()

    def _open_store(self) -> PreferenceStore | None:
        store = None
        try:
            store = PreferenceStore(store_path(data_home(self.main.home)))
            if store.counts()["all"] == 0 and SEED_PAIRS.is_file():
                seed_store(store, [SEED_PAIRS])  # unlabeled, for the learner to judge
            store.flag_heldout(heldout_rows())  # copies of held-out pairs (older versions made them) never train
            return store
        except (StoreError, WorkspaceError, PairFileError, sqlite3.Error, OSError) as exc:
            message = QLabel(self.tr("The preference store cannot be opened:\n\n{error}").format(error=exc))
            message.setWordWrap(True)
            message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            QVBoxLayout(self).addWidget(message)
            if store is not None:
                store.close()
            return None

    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()

    # layout ---------------------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        self.annotator_edit = QLineEdit(self.annotator)
        self.annotator_edit.setMaximumWidth(220)
        self.annotator_edit.setToolTip(self.tr("Your labels are stored under this name; each annotator has "
                                               "their own."))
        self.annotator_edit.editingFinished.connect(self._on_annotator_edited)
        self.counter = QLabel("0 / 0")
        font = self.counter.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.counter.setFont(font)
        self.counter.setToolTip(self.tr("Pairs you labeled (better reply or tie) / pairs in the store"))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedSize(220, 10)
        self.skipped_note = _muted()
        self.skipped_note.setWordWrap(False)

        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(QLabel(self.tr("Annotator")))
        row.addWidget(self.annotator_edit)
        row.addStretch(1)
        row.addWidget(self.skipped_note)
        row.addWidget(self.progress)
        row.addWidget(self.counter)
        row.addWidget(_muted(self.tr("labeled")))
        return row

    def _build_compare(self) -> QWidget:
        self.pair_info = OneLineLabel()
        self.prompt_label = QLabel()
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.prompt_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        self.prompt_label.setFont(font)

        self.left_box, self.left_panel = self._reply_panel(self.tr("Left reply"), self.tr("← Left is better (1)"),
                                                           lambda: self.choose("left"))
        self.right_box, self.right_panel = self._reply_panel(self.tr("Right reply"),
                                                             self.tr("Right is better (2) →"),
                                                             lambda: self.choose("right"))
        self.left_button = self.left_panel.findChild(QPushButton)
        self.right_button = self.right_panel.findChild(QPushButton)
        replies = QHBoxLayout()
        replies.setSpacing(10)
        replies.addWidget(self.left_panel, 1)
        replies.addWidget(self.right_panel, 1)

        self.tie_button = self._big_button(self.tr("Tie (T)"), lambda: self.choose("tie"))
        self.skip_button = self._big_button(self.tr("Skip (S)"), lambda: self.choose("skip"))
        self.undo_button = self._big_button(self.tr("Undo (Ctrl+Z)"), self.undo)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.tie_button, self.skip_button, self.undo_button):
            button.setMinimumWidth(150)
            actions.addWidget(button)
        actions.addStretch(1)
        # After a choice: the pair just labeled, its category and what the AI chose (never before: anchoring).
        self.verdict_note = OneLineLabel()

        compare = QWidget()
        column = QVBoxLayout(compare)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.pair_info)
        column.addWidget(self.prompt_label)
        column.addLayout(replies, 1)
        column.addLayout(actions)
        column.addWidget(self.verdict_note)

        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_label.setFont(font)
        self.stack = QStackedWidget()
        self.stack.addWidget(compare)
        self.stack.addWidget(self.done_label)
        box = QGroupBox(self.tr("Which reply is better?"))
        QVBoxLayout(box).addWidget(self.stack)
        return box

    def _reply_panel(self, title: str, button_text: str, slot) -> tuple[QPlainTextEdit, QGroupBox]:
        text = QPlainTextEdit(readOnly=True)
        font = QFont(text.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        text.setFont(font)
        text.setMinimumHeight(64)
        text.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the tab's shortcuts
        panel = QGroupBox(title)
        column = QVBoxLayout(panel)
        column.addWidget(text, 1)
        column.addWidget(self._big_button(button_text, slot))
        return text, panel

    def _big_button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(36)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must not re-press the last button
        button.clicked.connect(slot)
        return button

    def _build_bottom(self) -> QWidget:
        self.filter_combo = QComboBox()
        for name in FILTERS:
            self.filter_combo.addItem(self.tr(FILTER_TEXT[name]), name)
        self.filter_combo.setToolTip(self.tr("Filter by your own labels"))
        self.filter_combo.currentIndexChanged.connect(self._fill_pairs)
        self.pairs_table = rows_table(["#", self.tr("Sentence"), self.tr("Source"), self.tr("Category"),
                                       self.tr("Your label"), self.tr("AI label")], stretch=1)
        self.pairs_table.doubleClicked.connect(self._on_pair_double_clicked)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Show")))
        filter_row.addWidget(self.filter_combo)
        filter_row.addWidget(_muted(self.tr("Double-click a pair to open it. Category and AI label show once "
                                            "you have labeled the pair.")), 1)
        pairs = QWidget()
        pairs_layout = QVBoxLayout(pairs)
        pairs_layout.addLayout(filter_row)
        pairs_layout.addWidget(self.pairs_table)

        self.history_table = rows_table([self.tr("Time"), self.tr("Annotator"), self.tr("Choice"),
                                         self.tr("Sentence"), self.tr("Status")], stretch=3)
        self.history_table.selectionModel().selectionChanged.connect(self._on_history_selected)
        self.history_table.doubleClicked.connect(self._on_history_double_clicked)
        self.relabel_combo = QComboBox()
        for text, choice in RELABEL_CHOICES:
            self.relabel_combo.addItem(self.tr(text), choice)
        self.relabel_button = QPushButton(self.tr("Change label"))
        self.relabel_button.clicked.connect(self.relabel_selected)
        self._on_history_selected()
        relabel_row = QHBoxLayout()
        relabel_row.addWidget(QLabel(self.tr("Change the selected judgement to")))
        relabel_row.addWidget(self.relabel_combo)
        relabel_row.addWidget(self.relabel_button)
        relabel_row.addStretch(1)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.history_table)
        history_layout.addLayout(relabel_row)

        self.lists = QTabWidget()
        self.lists.addTab(pairs, self.tr("Pairs"))
        self.lists.addTab(history, self.tr("History"))
        self.lists.addTab(self._build_ai(), self.tr("AI annotator"))

        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self._build_stats())
        column.addWidget(self._build_sources())
        column.addStretch(1)
        side.setFixedWidth(380)

        bottom = QWidget()
        row = QHBoxLayout(bottom)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(self.lists, 1)
        row.addWidget(side)
        return bottom

    def _build_ai(self) -> QWidget:
        """The AI annotator: which principle it judges by, Label the rest with the AI (progress, Stop), its
        agreement with you and with the seed labels (pick a row: its disagreements are listed below)."""
        self.ai_combo = QComboBox()
        self.ai_combo.setToolTip(self.tr("The constitution principle the AI judges by (the enabled ones of "
                                         "the Constitution tab); its labels are stored as annotator "
                                         "ai:<principle>, apart from yours."))
        self.ai_combo.currentIndexChanged.connect(self._on_ai_changed)
        self.ai_start_button = QPushButton(self.tr("Label the rest with the AI"))
        self.ai_start_button.setToolTip(self.tr(
            "The tutor judges every pair it has not labeled yet: which reply follows the principle better, "
            "asked in both orders (a pair whose answer flips with the order is a tie). Stop keeps the labels "
            "made so far."))
        self.ai_start_button.clicked.connect(self.start_ai_label)
        self.ai_stop_button = QPushButton(self.tr("Stop"))
        self.ai_stop_button.setEnabled(False)
        self.ai_stop_button.clicked.connect(self.stop)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Principle")))
        top.addWidget(self.ai_combo, 1)
        top.addWidget(self.ai_start_button)
        top.addWidget(self.ai_stop_button)
        self.ai_bar = QProgressBar()
        self.ai_bar.setTextVisible(False)
        self.ai_bar.setFixedHeight(8)
        self.ai_status = OneLineLabel(self.tr("Idle"))

        # one row per comparison; the checked one lists its disagreements in the table below
        self.agreement_labels: dict[tuple[str, str], QLabel] = {}
        self.disagree_buttons: dict[str, QRadioButton] = {}
        group = QButtonGroup(self)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(0)
        for column, head in enumerate((self.tr("κ"), self.tr("agree"), self.tr("pairs")), start=1):
            grid.addWidget(_muted(head), 0, column, Qt.AlignmentFlag.AlignRight)
        rows = [("you", self.tr("You and the AI")), ("seed", self.tr("AI and seed labels"))]
        for row, (key, text) in enumerate(rows, start=1):
            button = QRadioButton(text)
            button.setToolTip(self.tr("List the pairs where they disagree below; click one to open it."))
            group.addButton(button)
            self.disagree_buttons[key] = button
            grid.addWidget(button, row, 0)
            for column, name in enumerate(("kappa", "agree", "n"), start=1):
                value = QLabel("—")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(value, row, column)
                self.agreement_labels[(key, name)] = value
        self.disagree_buttons["you"].setChecked(True)
        self.ai_counts = _muted()
        grid.addWidget(self.ai_counts, 1, 4, 2, 1)
        grid.setColumnStretch(4, 1)
        agreement = QWidget()
        agreement.setLayout(grid)
        agreement.setToolTip(self.tr(
            "On the pairs both labeled (a tie counts as a label, a skip does not): κ is Cohen's kappa (1 full "
            "agreement, 0 what chance would give), agree the share of pairs with the same label."))

        self.disagree_table = rows_table(["#", self.tr("Sentence"), self.tr("Your label"), self.tr("AI label"),
                                          self.tr("AI sure")], stretch=1)
        self.disagree_table.clicked.connect(self._on_disagreement_clicked)
        group.buttonToggled.connect(lambda _button, checked: checked and self._fill_disagreements())

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.ai_bar)
        layout.addWidget(self.ai_status)
        layout.addWidget(agreement)
        layout.addWidget(self.disagree_table, 1)
        return page

    def disagree_with(self) -> str:
        """Whose labels the listed disagreements are with: "you" or "seed"."""
        return next(key for key, button in self.disagree_buttons.items() if button.isChecked())

    def _build_stats(self) -> QGroupBox:
        self.stat_labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        # (the number of pairs is the header's counter)
        names = [("labeled", self.tr("Labeled")), ("ties", self.tr("Ties")), ("skipped", self.tr("Skipped")),
                 ("annotators", self.tr("Annotators")), ("agreement", self.tr("Agreement (κ)")),
                 ("machine_annotators", self.tr("AI annotators"))]
        for i, (key, text) in enumerate(names):
            value = QLabel("—")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.stat_labels[key] = value
            grid.addWidget(_muted(text), i // 2, 2 * (i % 2))
            grid.addWidget(value, i // 2, 2 * (i % 2) + 1)
        self.stat_labels["agreement"].setToolTip(self.tr(
            "Cohen's kappa between annotators on the pairs both labeled: 1 is full agreement, 0 is what "
            "chance would give. It needs two annotators who labeled a common pair."))
        self.stat_labels["machine_annotators"].setToolTip(self.tr(
            "Programs that label: the AI (ai:…) and the constitution loop (constitution:…). Their labels are "
            "counted apart from people's; compare the AI with you in the AI annotator tab."))
        box = _group(self.tr("People's labels"), grid)
        box.setToolTip(self.tr("Labeled, ties, skipped, annotators and agreement count people only."))
        return box

    def _build_sources(self) -> QGroupBox:
        self.sentence_edit = QLineEdit()
        self.sentence_edit.setPlaceholderText(self.tr("A sentence for the tutor to check"))
        self.sentence_edit.returnPressed.connect(self.start_generate)
        self.random_button = QPushButton(self.tr("Random"))
        self.random_button.setToolTip(self.tr("A sentence from the SFT set (never one from the eval set)"))
        self.random_button.clicked.connect(self.pick_random_sentence)
        sentence_row = QHBoxLayout()
        sentence_row.addWidget(self.sentence_edit, 1)
        sentence_row.addWidget(self.random_button)

        self.generate_button = QPushButton(self.tr("Generate a pair from the tutor"))
        self.generate_button.clicked.connect(self.start_generate)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        generate_row = QHBoxLayout()
        generate_row.addWidget(self.generate_button, 1)
        generate_row.addWidget(self.stop_button)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedHeight(8)
        self.busy_bar.setVisible(False)
        policy = self.busy_bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the box does not jump when generation starts
        self.busy_bar.setSizePolicy(policy)
        self.generate_status = OneLineLabel()
        self._set_generate_note("idle")

        self.import_button = QPushButton(self.tr("Import file…"))
        self.import_button.setToolTip(self.tr("A TRL preference JSONL file (prompt / chosen / rejected)"))
        self.import_button.clicked.connect(self.import_file)
        self.export_jsonl_button = QPushButton(self.tr("Export JSONL…"))
        self.export_jsonl_button.clicked.connect(self.export_jsonl)
        self.export_hf_button = QPushButton(self.tr("Export dataset…"))
        self.export_hf_button.setToolTip(self.tr("A Hugging Face datasets folder (datasets.load_from_disk reads "
                                                 "it)"))
        self.export_hf_button.clicked.connect(self.export_hf)
        files_row = QHBoxLayout()
        for button in (self.import_button, self.export_jsonl_button, self.export_hf_button):
            files_row.addWidget(button)

        form = QFormLayout()
        form.addRow(sentence_row)
        form.addRow(generate_row)
        form.addRow(self.busy_bar)
        form.addRow(self.generate_status)
        form.addRow(files_row)
        form.setVerticalSpacing(6)
        return _group(self.tr("More pairs"), form)

    def _add_shortcuts(self) -> None:
        keys = [("1", lambda: self.choose("left")), ("2", lambda: self.choose("right")),
                ("Left", lambda: self._arrow("left")), ("Right", lambda: self._arrow("right")),
                ("T", lambda: self.choose("tie")), ("S", lambda: self.choose("skip"))]
        keys += [(f"Shift+{key}", slot) for key, slot in keys]  # Caps Lock or Shift: T is T
        keys.append(("Ctrl+Z", self.undo))
        self.shortcuts = []
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    # labeling -------------------------------------------------------------------------------------

    def _arrow(self, side: str) -> None:
        if isinstance(QApplication.focusWidget(), QAbstractItemView):
            return  # an arrow key in a table is navigation, not a judgement
        self.choose(side)

    def choose(self, side: str) -> None:
        """Record a judgement on the shown pair: ``side`` is 'left', 'right', 'tie' or 'skip'."""
        if self.current is None or self.stack.currentIndex() != 0:
            return
        if side in ("left", "right"):
            # The left box shows reply_b when swapped; choices always name the stored replies.
            choice = "A" if (side == "left") != self.current_swapped else "B"
        else:
            choice = side
        try:
            judgement_id = self.store.label(self.current.id, self.annotator, choice, swapped=self.current_swapped)
            self._last = self.store.judgement(judgement_id)
        except (sqlite3.Error, ValueError, KeyError) as exc:
            show_error(self, self.tr("The label was not saved"), str(exc))
            return
        self.next_pair()

    @Slot()
    def undo(self) -> None:
        """Take back this annotator's last judgement and show that pair again, as it was shown."""
        try:
            undone = self.store.undo_last(self.annotator)
        except sqlite3.Error as exc:
            show_error(self, self.tr("Undo failed"), str(exc))
            return
        if undone is None:
            self.main.show_message(self.tr("Nothing to undo for {name}.").format(name=self.annotator))
            return
        self._last = None
        self._swaps[undone.pair_id] = undone.swapped
        self.show_pair(undone.pair_id)

    def next_pair(self) -> None:
        """Show this annotator's next unlabeled pair, or the "all labeled" message."""
        pair = self.store.next_unlabeled(self.annotator)
        if pair is None:
            self.current = None
            self.stack.setCurrentIndex(1)
            self.refresh()
        else:
            self._show(pair)

    def show_pair(self, pair_id: int) -> bool:
        """Open a pair in the comparison view (and bring this tab to the front); False if there is none."""
        if self.store is None:
            return False
        try:
            pair = self.store.pair(pair_id)
        except KeyError:
            self.main.show_message(self.tr("There is no pair #{id} in the store.").format(id=pair_id))
            return False
        tabs = getattr(self.main, "tabs", None)
        if tabs is not None and tabs.indexOf(self) >= 0:
            tabs.setCurrentWidget(self)
        self._show(pair)
        return True

    def _show(self, pair: Pair) -> None:
        swapped = self._swap_of(pair.id)
        self.current, self.current_swapped = pair, swapped
        left, right = (pair.reply_b, pair.reply_a) if swapped else (pair.reply_a, pair.reply_b)
        self.left_box.setPlainText(left)
        self.right_box.setPlainText(right)
        self.prompt_label.setText(tutor.sentence_from_prompt(pair.prompt))
        self.prompt_label.setToolTip(pair.prompt)
        self.stack.setCurrentIndex(0)
        self.refresh()

    def _swap_of(self, pair_id: int) -> bool:
        """Whether the pair is (or will be) shown with reply_b on the left: drawn once, then kept."""
        return self._swaps.setdefault(pair_id, self.rng.random() < 0.5)

    def _pair_info(self, pair: Pair, mine: Judgement | None) -> str:
        """Pair number and source; its category only once the learner has chosen (it hints at the answer)."""
        parts = [self.tr("Pair #{id}").format(id=pair.id), self.tr(pair.source)]
        if pair.heldout:
            parts.append(self.tr("held-out pair: never used for training"))
        if mine is not None:
            if pair.category and mine.choice != "skip":
                parts.append(self.tr(pair.category))
            parts.append(self.tr("{you}: press a key to change it").format(you=self._your_choice(mine)))
        return "  ·  ".join(parts)

    def _your_choice(self, j: Judgement) -> str:
        if j.choice == "tie":
            return self.tr("you called it a tie")
        if j.choice == "skip":
            return self.tr("you skipped it")
        return self.tr("you chose the {side}").format(side=choice_text(j))

    def _ai_says(self, pair_id: int, swapped: bool) -> str:
        """What the AI chose for a pair, as the learner saw it ("" when it has no label there)."""
        ai = self._ai.get(pair_id)
        if ai is None:
            return ""
        name = self.ai_annotator()
        if ai.choice == "tie":
            return self.tr("{annotator} calls it a tie").format(annotator=name)
        return self.tr("{annotator} chose the {side}, {sure} sure").format(
            annotator=name, side=side_text(ai.choice, swapped), sure=percent(ai.confidence))

    def _verdict_text(self) -> str:
        """The line under the buttons: for a pair the learner has labeled (reopened), what the AI chose; else
        the pair just labeled, its category and the AI's choice. Never the AI's view of an unjudged pair."""
        mine = self._mine.get(self.current.id) if self.current is not None else None
        if mine is not None and mine.choice != "skip":
            said = self._ai_says(mine.pair_id, mine.swapped)
            return self.tr("On this pair: {ai}.").format(ai=said) if said else ""
        last = self._last
        if last is None or self._mine.get(last.pair_id) != last:
            return ""
        pair = self._pairs_by_id.get(last.pair_id)
        what = (self.tr("Last pair #{id} ({category}): {you}") if pair and pair.category
                else self.tr("Last pair #{id}: {you}")).format(
            id=last.pair_id, category=self.tr(pair.category) if pair and pair.category else "",
            you=self._your_choice(last))
        said = self._ai_says(last.pair_id, last.swapped) if last.choice != "skip" else ""
        return f"{what}; {said}." if said else f"{what}."

    def _mark_ai_choice(self) -> None:
        """Reply panel titles: the AI's pick is marked on a pair the learner has labeled, never before."""
        titles = [self.tr("Left reply"), self.tr("Right reply")]
        mine = self._mine.get(self.current.id) if self.current is not None else None
        ai = self._ai.get(self.current.id) if self.current is not None else None
        if mine is not None and mine.choice != "skip" and ai is not None and ai.choice in ("A", "B"):
            side = 0 if (ai.choice == "A") != self.current_swapped else 1
            titles[side] = self.tr("{title} · the AI's choice ({sure})").format(title=titles[side],
                                                                                sure=percent(ai.confidence))
        self.left_panel.setTitle(titles[0])
        self.right_panel.setTitle(titles[1])

    # summaries and lists ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring the counter, the statistics, the AI's view and the tables up to date with the store."""
        counts = self.store.counts(self.annotator)
        total, labeled, skipped = counts["all"], counts["labeled"], counts["skipped"]
        self.counter.setText(f"{labeled} / {total}")
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(labeled)
        self.skipped_note.setText(self.tr("{n} skipped").format(n=skipped) if skipped else "")
        self._mine = {j.pair_id: j for j in self.store.current_labels(self.annotator)}
        self._pairs_by_id = {p.id: p for p in self.store.pairs()}
        ai = self.ai_annotator()
        self._ai = {j.pair_id: j for j in self.store.current_labels(ai) if j.choice != "skip"} if ai else {}
        if self.current is not None:
            self.current = self._pairs_by_id.get(self.current.id, self.current)  # a new held-out flag shows
            self.pair_info.set_full_text(self._pair_info(self.current, self._mine.get(self.current.id)))
        self._mark_ai_choice()
        self.verdict_note.set_full_text(self._verdict_text())
        self.done_label.setText(self._done_text(total, labeled, skipped))
        self._fill_stats()
        self._fill_pairs()
        self._fill_history()
        self._fill_agreement()

    def _fill_stats(self) -> None:
        people = self.store.counts(HUMAN)
        stats = self.store.stats()
        values = {"labeled": people["labeled"], "ties": people["ties"],
                  "skipped": people["skipped"], "annotators": stats["annotators"],
                  "agreement": stats["agreement"], "machine_annotators": stats["machine_annotators"]}
        for key, label in self.stat_labels.items():
            value = values[key]
            label.setText("—" if value is None else f"{value:.2f}" if key == "agreement" else str(value))

    def _done_text(self, total: int, labeled: int, skipped: int) -> str:
        if total == 0:
            return self.tr("No pairs yet: generate a pair from the tutor or import a file.")
        if skipped:
            return self.tr("All {total} pairs judged ({labeled} labeled, {skipped} skipped) — train a reward "
                           "model or DPO on them, or show “Skipped” below to revisit the skips.").format(
                total=total, labeled=labeled, skipped=skipped)
        return self.tr("All {total} pairs labeled — train a reward model or DPO on them.").format(total=total)

    @Slot()
    def _fill_pairs(self) -> None:
        rows = []
        for pair in self.store.pairs(self.filter_combo.currentData(), self.annotator):
            mine = self._mine.get(pair.id)
            judged = mine is not None and mine.choice != "skip"  # category and AI label only after a choice
            category = self.tr(pair.category) if pair.category and judged else ""
            ai = self._ai.get(pair.id) if judged else None
            source = self.tr(pair.source) + (" · " + self.tr("held-out pair") if pair.heldout else "")
            cells = (str(pair.id), snippet(pair.prompt), source, category, choice_text(mine) if mine else "",
                     side_text(ai.choice, mine.swapped) if ai else "")
            rows.append((pair.id, cells, pair.prompt, False))
        self.pairs_table.model().set_rows(rows)

    def _fill_history(self) -> None:
        """People's judgements, newest first (the AI's are in the AI annotator tab)."""
        current_ids = {j.id for j in self.store.current_labels()}
        self._history_status = {}
        rows = []
        for j in reversed(self.store.history()):  # newest first
            if is_machine(j.annotator):
                continue
            pair = self._pairs_by_id.get(j.pair_id)
            status = "undone" if j.undone else "current" if j.id in current_ids else "replaced"
            self._history_status[j.id] = status
            tip = self.tr("Reply A:\n{a}\n\nReply B:\n{b}").format(a=pair.reply_a, b=pair.reply_b) if pair else ""
            cells = (when(j.created), j.annotator, choice_text(j), snippet(pair.prompt) if pair else "?",
                     self.tr(status))
            rows.append((j.id, cells, tip, j.undone))
        selected = self.selected_judgement()
        self.history_table.model().set_rows(rows)  # a reset clears the selection: put it back
        if selected is not None:
            self.select_judgement(selected)
        self._on_history_selected()

    def history_rows(self) -> list[tuple[int, str, str]]:
        """(judgement id, choice text, status) per history row, top to bottom; used by tests."""
        return [(key, cells[2], cells[4]) for key, cells, _, _ in self.history_table.model().rows]

    def shown_pair_ids(self) -> list[int]:
        return [key for key, _, _, _ in self.pairs_table.model().rows]

    def selected_judgement(self) -> int | None:
        rows = self.history_table.selectionModel().selectedRows()
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def select_judgement(self, judgement_id: int) -> None:
        ids = [key for key, _, _, _ in self.history_table.model().rows]
        if judgement_id in ids:
            self.history_table.selectRow(ids.index(judgement_id))

    @Slot()
    def _on_history_selected(self) -> None:
        selected = self.selected_judgement()
        live = selected is not None and self._history_status.get(selected) != "undone"
        self.relabel_button.setEnabled(live)
        self.relabel_combo.setEnabled(live)

    @Slot()
    def relabel_selected(self) -> None:
        """Replace the selected judgement with the choice in the combo box (``store.relabel``)."""
        judgement_id = self.selected_judgement()
        if judgement_id is None:
            return
        try:
            new_id = self.store.relabel(judgement_id, self.relabel_combo.currentData())
        except (sqlite3.Error, ValueError, KeyError) as exc:
            show_error(self, self.tr("The label was not changed"), str(exc))
            return
        self.refresh()
        self.select_judgement(new_id)

    @Slot(QModelIndex)
    def _on_pair_double_clicked(self, index: QModelIndex) -> None:
        self.show_pair(self.pairs_table.model().key(index.row()))

    @Slot(QModelIndex)
    def _on_history_double_clicked(self, index: QModelIndex) -> None:
        judgement = self.store.judgement(self.history_table.model().key(index.row()))
        self.show_pair(judgement.pair_id)

    @Slot()
    def _on_annotator_edited(self) -> None:
        name = self.annotator_edit.text().strip()
        if not name:
            self.annotator_edit.setText(self.annotator)
            return
        if name != self.annotator:
            self.annotator = name
            self._last = None
            settings.set_annotator(name)
            self.next_pair()

    def set_annotator(self, name: str) -> None:
        """Label as ``name`` from now on ("" for the login name); the Settings dialog calls this."""
        name = name.strip() or default_annotator()
        if self.store is None or name == self.annotator:
            return
        self.annotator = name
        self._last = None
        self.annotator_edit.setText(name)
        self.next_pair()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # Other tabs (constitution, imports elsewhere) may have added pairs or principles while hidden.
        if self.store is not None:
            self._fill_ai_combo()
            self.refresh()
        super().showEvent(event)

    # the AI annotator ------------------------------------------------------------------------------

    def ai_annotator(self) -> str:
        """The AI annotator the tab shows ("ai:honest"); "" when there is none to show."""
        return self.ai_combo.currentData() or ""

    def _fill_ai_combo(self) -> None:
        """The enabled principles of the learner's constitution (the Constitution tab's working copy, else
        the bundled one), then any other AI annotator holding labels in the store; keeps the choice."""
        working = data_home(self.main.home) / CONSTITUTION
        self.constitution_path = working if working.is_file() else principles.DEFAULT_PATH
        try:
            enabled = principles.load(self.constitution_path).enabled()
        except (principles.ConstitutionError, OSError):
            enabled = []  # the Constitution tab reports a broken file; the store's AI labels still show
        self._principles = {f"ai:{short_name(p.name)}": short_name(p.name) for p in enabled}
        names = list(self._principles)
        names += [a for a in self.store.annotators() if a.startswith("ai:") and a not in self._principles]
        current = self.ai_combo.currentData()
        self.ai_combo.blockSignals(True)
        self.ai_combo.clear()
        for name in names:
            self.ai_combo.addItem(name[3:] if name in self._principles else name, name)
        self.ai_combo.setCurrentIndex(max(0, self.ai_combo.findData(current)))
        self.ai_combo.blockSignals(False)
        self._enable_ai_start()

    def _enable_ai_start(self) -> None:
        """The AI can label when no job runs and the annotator is an enabled principle of the constitution."""
        self.ai_start_button.setEnabled(not self.runner.running and self.ai_annotator() in self._principles)

    @Slot()
    def _on_ai_changed(self) -> None:
        self._enable_ai_start()
        self.refresh()

    def _seed(self) -> dict[int, str]:
        """Pair id -> the seed's choice, for the seed pairs in the store (computed once; again after imports)."""
        if self._seed_labels is None:
            self._seed_labels = self.store.seed_labels(load_pairs(SEED_PAIRS) if SEED_PAIRS.is_file() else [])
        return self._seed_labels

    def agreements(self) -> dict[str, Agreement]:
        """The shown AI annotator's agreement with the learner ("you") and with the seed labels ("seed")."""
        ai = self.ai_annotator()
        if not ai:
            return {}
        return {"you": self.store.compare(self.annotator, ai), "seed": self.store.compare(ai, self._seed())}

    def _fill_agreement(self) -> None:
        self._agreements = results = self.agreements()
        for key in ("you", "seed"):
            result = results.get(key)
            n = result.n if result else 0
            self.agreement_labels[(key, "kappa")].setText(
                "—" if not n or result.kappa is None else f"{result.kappa:.2f}")
            self.agreement_labels[(key, "agree")].setText(percent(result.agree) if n else "—")
            self.agreement_labels[(key, "n")].setText(str(n))
        ties = sum(j.choice == "tie" for j in self._ai.values())
        self.ai_counts.setText(self.tr("{annotator}: {n} pairs labeled, {ties} ties").format(
            annotator=self.ai_annotator(), n=len(self._ai), ties=ties) if self._ai
            else self.tr("No AI labels yet: press “Label the rest with the AI”."))
        self._fill_disagreements()

    @Slot()
    def _fill_disagreements(self) -> None:
        """The pairs where the AI and the chosen other side (you, the seed labels) disagree; a click opens one.
        Sides are named as the learner saw (or will see) each pair."""
        which = self.disagree_with()
        result = self._agreements.get(which)
        rows = []
        for pair_id in result.disagreements if result else []:
            pair, ai = self._pairs_by_id.get(pair_id), self._ai.get(pair_id)
            if pair is None or ai is None:
                continue
            if which == "you":
                mine = self._mine[pair_id]
                other, swapped = choice_text(mine), mine.swapped
            else:
                swapped = self._swap_of(pair_id)
                other = side_text(self._seed()[pair_id], swapped)
            cells = (str(pair_id), snippet(pair.prompt), other, side_text(ai.choice, swapped),
                     percent(ai.confidence))
            rows.append((pair_id, cells, pair.prompt, False))
        model = self.disagree_table.model()
        model.headers[2] = self.tr("Your label") if which == "you" else self.tr("Seed label")
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 2, 2)
        model.set_rows(rows)

    def disagreement_ids(self) -> list[int]:
        return [key for key, _, _, _ in self.disagree_table.model().rows]

    @Slot(QModelIndex)
    def _on_disagreement_clicked(self, index: QModelIndex) -> None:
        self.show_pair(self.disagree_table.model().key(index.row()))

    @Slot()
    def start_ai_label(self) -> None:
        """Label every pair the shown AI annotator has not labeled yet (``core.ai_feedback.annotate`` in a
        child process: it loads its own judge model, and a window never waits on it)."""
        annotator = self.ai_annotator()
        principle = self._principles.get(annotator)
        if principle is None:
            show_error(self, self.tr("The AI cannot label with this annotator"),
                       self.tr("{annotator} is not an enabled principle of your constitution: enable it in the "
                               "Constitution tab, or pick another.").format(annotator=annotator or "—"))
            return
        cfg = AiFeedbackConfig(model=self.main.model_spec, principle=principle,
                               constitution=str(self.constitution_path), pairs="store")
        if not self.runner.start(annotate, cfg, self.main.home, process=True, on_metrics=self._on_ai_metrics,
                                 on_done=self._on_ai_done, on_error=self._on_ai_failed):
            self.main.show_message(self.tr("A job is already running in this tab."))
            return
        self._job = "ai"
        self._set_running(True)
        self.ai_bar.setRange(0, 0)  # busy until the first batch is done
        self.ai_status.set_full_text(self.tr("starting…"))

    @Slot(object)
    def _on_ai_metrics(self, event: dict) -> None:
        if "done" in event and "total" in event:
            self.ai_bar.setRange(0, max(1, event["total"]))
            self.ai_bar.setValue(event["done"])
            self.ai_status.set_full_text(self._stopping_text() if self.runner.cancelled else self.tr(
                "{done} of {total} pairs labeled · {elapsed} elapsed · ETA {eta}").format(
                done=event["done"], total=event["total"], elapsed=format_seconds(event.get("elapsed", 0)),
                eta=format_seconds(event.get("eta") or 0)))
            self.refresh()  # each batch is in the store already
        elif event.get("phase") and not self.runner.cancelled:
            self.ai_status.set_full_text(self.tr("loading the judge model…") if event["phase"] == "loading judge"
                                         else phase_text(event["phase"]) + "…")

    @Slot(object)
    def _on_ai_done(self, result: dict | None) -> None:
        self._ai_result = result or {"status": "stopped", "labeled": 0, "total": 0,
                                     "annotator": self.ai_annotator()}
        self._show_ai_result()
        self._seed_labels = None
        self.refresh()

    @Slot(str)
    def _on_ai_failed(self, message: str) -> None:
        self._ai_result = {"status": "failed", "message": message}
        self._show_ai_result()
        show_error(self, self.tr("The AI labeling failed"), message)

    def _stopping_text(self) -> str:
        return self.tr("stopping after this batch… the labels stored so far stay")

    def _ai_result_text(self, result: dict) -> str:
        status = result.get("status")
        if status == "failed":
            return self.tr("The AI labeling failed: {message}").format(message=result.get("message", ""))
        if status == "stopped":
            return self.tr("Stopped: {annotator} labeled {labeled} of {total} pairs; those labels stay. Press "
                           "“Label the rest with the AI” to go on.").format(**result)
        if not result.get("total"):
            return self.tr("Nothing to label: {annotator} has labeled every pair.").format(**result)
        return self.tr("{annotator} labeled {labeled} pairs in {time} ({ties} ties).").format(
            annotator=result["annotator"], labeled=result["labeled"], time=format_seconds(result.get("seconds", 0)),
            ties=(result.get("counts") or {}).get("tie", 0))

    def _show_ai_result(self) -> None:
        result = self._ai_result
        if result is not None:
            self.ai_bar.setRange(0, 1)
            self.ai_bar.setValue(1 if result.get("status") == "done" else 0)
            self.ai_status.set_full_text(self._ai_result_text(result))

    # sources: generate, import, export -------------------------------------------------------------

    def _set_generate_note(self, key: str, **values) -> None:
        self._generate_note = (key, values)
        self.generate_status.set_full_text(self.tr(GENERATE_NOTES[key]).format(**values))

    def _set_running(self, running: bool) -> None:
        """While a job runs, neither job can start again; Stop stops whichever runs."""
        self.generate_button.setEnabled(not running)
        self.stop_button.setEnabled(running and self._job == "generate")
        self.busy_bar.setVisible(running and self._job == "generate")
        self.ai_stop_button.setEnabled(running and self._job == "ai")
        self._enable_ai_start()

    @Slot()
    def pick_random_sentence(self) -> None:
        if self._sentences is None:
            self._sentences = tutor_sentences()
        self.sentence_edit.setText(self.rng.choice(self._sentences))

    @Slot()
    def start_generate(self) -> None:
        sentence = self.sentence_edit.text().strip()
        if not sentence:
            self.pick_random_sentence()
            sentence = self.sentence_edit.text().strip()
        seed = self.rng.randrange(2**31)
        if not self.runner.start(generate_pair, self.main.model_spec, self.main.home, sentence, seed,
                                 on_metrics=self._on_metrics, on_done=self._on_generated, on_error=self._on_failed):
            return
        self._job = "generate"
        self._set_running(True)
        self.generate_status.set_full_text(self.tr("loading model…"))

    @Slot()
    def stop(self) -> None:
        if not self.runner.running:
            return
        self.runner.stop()
        if self._job == "ai":
            self.ai_status.set_full_text(self._stopping_text())
        else:
            self.generate_status.set_full_text(self.tr("stopping…"))

    @Slot(object)
    def _on_metrics(self, event: dict) -> None:
        if event.get("phase"):
            self.generate_status.set_full_text(phase_text(event["phase"]) + "…")

    @Slot(object)
    def _on_generated(self, result: dict | None) -> None:
        if result is None:
            self._set_generate_note("stopped")
            return
        if result["a"].strip() == result["b"].strip():
            self._set_generate_note("same")
            return
        try:
            pair_id = self.store.add_pair(result["prompt"], result["a"], result["b"], "generated")
        except (sqlite3.Error, ValueError) as exc:  # e.g. an empty sample
            self._set_generate_note("none")
            show_error(self, self.tr("The generated pair was not added"), str(exc))
            return
        self._set_generate_note("added", id=pair_id)
        self.show_pair(pair_id)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._set_generate_note("failed")
        show_error(self, self.tr("Generation failed"), message)

    @Slot()
    def _on_finished(self) -> None:
        self._job = ""
        self._set_running(False)
        if self.ai_bar.maximum() == 0:  # stopped before a result: no busy bar left behind
            self.ai_bar.setRange(0, 1)
        self._show_ai_result()

    @Slot()
    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import preference pairs"), "",
                                              self.tr("JSON Lines (*.jsonl);;All files (*)"))
        if not path:
            return
        try:
            n = import_file(self.store, path)
            self.store.flag_heldout(heldout_rows())  # importing a held-out file brings no training rows
        except (PairFileError, OSError, sqlite3.Error, ValueError) as exc:
            show_error(self, self.tr("Nothing was imported"),
                       self.tr("{error}\n\nFix the file and import it again.").format(error=exc))
            return
        self._seed_labels = None
        self.main.show_message(self.tr("Imported {n} pairs from {name}.").format(n=n, name=Path(path).name))
        if self.current is None:
            self.next_pair()
        else:
            self.refresh()

    @Slot()
    def export_jsonl(self) -> None:
        self._export("jsonl")

    @Slot()
    def export_hf(self) -> None:
        self._export("hf")

    def _export(self, kind: str) -> None:
        if not self.store.preference_rows():
            show_error(self, self.tr("Nothing to export"),
                       self.tr("No pair has a winning reply yet: label some pairs first."))
            return
        if kind == "jsonl":
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export labeled pairs as JSONL"),
                                                  "preferences.jsonl", self.tr("JSON Lines (*.jsonl)"))
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export labeled pairs as a dataset folder"),
                                                  "preferences-dataset", self.tr("Folder (*)"))
        if not path:
            return
        try:
            n = self.store.export_jsonl(path) if kind == "jsonl" else self.store.export_hf(path)
        except (OSError, sqlite3.Error, ValueError, ImportError) as exc:
            show_error(self, self.tr("Export failed"), str(exc))
            return
        self.main.show_message(self.tr("Exported {n} preference rows to {path}.").format(n=n, path=path))

    # a rebuild (language switch) keeps what is on screen -------------------------------------------------

    def export_state(self) -> dict:
        if self.store is None:
            return {}
        return {"current": self.current.id if self.current is not None else None, "swaps": dict(self._swaps),
                "last": self._last.id if self._last is not None else None,
                "filter": self.filter_combo.currentData(), "list": self.lists.currentIndex(),
                "ai_annotator": self.ai_annotator(), "disagree_with": self.disagree_with(),
                "sentence": self.sentence_edit.text(), "generate_note": self._generate_note,
                "ai_result": self._ai_result, "history_selected": self.selected_judgement()}

    def import_state(self, state: dict) -> None:
        if self.store is None or not state:
            return
        self._swaps.update(state.get("swaps") or {})
        if state.get("last") is not None:
            try:
                self._last = self.store.judgement(state["last"])
            except KeyError:
                self._last = None
        for combo, key in ((self.filter_combo, "filter"), (self.ai_combo, "ai_annotator")):
            index = combo.findData(state.get(key))
            if index >= 0:
                combo.setCurrentIndex(index)
        if state.get("disagree_with") in self.disagree_buttons:
            self.disagree_buttons[state["disagree_with"]].setChecked(True)
        self.lists.setCurrentIndex(state.get("list", 0))
        self.sentence_edit.setText(state.get("sentence", ""))
        key, values = state.get("generate_note") or ("idle", {})
        self._set_generate_note(key, **values)
        self._ai_result = state.get("ai_result")
        self._show_ai_result()
        if state.get("current") is not None:
            self.show_pair(state["current"])
        else:
            self.next_pair()
        if state.get("history_selected") is not None:
            self.select_judgement(state["history_selected"])
