"""The Label tab: a learner compares two tutor replies and records which is better, one keypress per pair.

Top: the prompt and the two replies side by side, in a random left/right order per pair (recorded as
``swapped``), with big buttons that show their shortcuts (1 / Left, 2 / Right, T, S, Ctrl+Z) and the
"37 / 200" counter. Bottom: the pair list (filter, double-click to open a pair), the judgement history
(change a row's label), agreement statistics, and where pairs come from: the bundled seed pairs, two
samples from the tutor (generated on the worker thread), an imported TRL JSONL file; the labels export
as JSONL or a Hugging Face ``datasets`` folder.

Every label goes straight to :class:`core.store.PreferenceStore`, which commits it before returning, so
quitting at any moment loses nothing. Not here: the storage rules (``core.store``) or training on labels.
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
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import tutor
from core.pairs import generate_pair
from core.paths import DATA_DIR
from core.store import FILTERS, Judgement, Pair, PairFileError, PreferenceStore, StoreError
from core.workspace import WorkspaceError, data_home, store_path
from gui import settings
from gui.widgets.forms import group as _group
from gui.widgets.forms import note as _muted
from gui.widgets.lab_guide import GuideSplitter
from gui.widgets.label_table import choice_text, rows_table, snippet, when
from gui.widgets.messages import show_error
from gui.widgets.progress_panel import phase_text
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

SEED_PAIRS = DATA_DIR / "pairs_train.jsonl"
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
        self._pairs_by_id: dict[int, Pair] = {}
        self._swaps: dict[int, bool] = {}  # pair id -> shown swapped, stable while the tab lives
        self._sentences: list[str] | None = None
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
        self.next_pair()

    def _open_store(self) -> PreferenceStore | None:
        store = None
        try:
            store = PreferenceStore(store_path(data_home(self.main.home)))
            if store.counts()["all"] == 0 and SEED_PAIRS.is_file():
                store.seed_from_files([SEED_PAIRS])  # unlabeled, for the learner to judge
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
        self.pair_info = _muted()
        self.prompt_label = QLabel()
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.prompt_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        self.prompt_label.setFont(font)

        self.left_box, left = self._reply_panel(self.tr("Left reply"), self.tr("← Left is better (1)"),
                                                lambda: self.choose("left"))
        self.right_box, right = self._reply_panel(self.tr("Right reply"), self.tr("Right is better (2) →"),
                                                  lambda: self.choose("right"))
        self.left_button = left.findChild(QPushButton)
        self.right_button = right.findChild(QPushButton)
        replies = QHBoxLayout()
        replies.setSpacing(10)
        replies.addWidget(left, 1)
        replies.addWidget(right, 1)

        self.tie_button = self._big_button(self.tr("Tie (T)"), lambda: self.choose("tie"))
        self.skip_button = self._big_button(self.tr("Skip (S)"), lambda: self.choose("skip"))
        self.undo_button = self._big_button(self.tr("Undo (Ctrl+Z)"), self.undo)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.tie_button, self.skip_button, self.undo_button):
            button.setMinimumWidth(150)
            actions.addWidget(button)
        actions.addStretch(1)

        compare = QWidget()
        column = QVBoxLayout(compare)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.pair_info)
        column.addWidget(self.prompt_label)
        column.addLayout(replies, 1)
        column.addLayout(actions)

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
        text.setMinimumHeight(80)
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
                                   self.tr("Your label")], stretch=1)
        self.pairs_table.doubleClicked.connect(self._on_pair_double_clicked)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Show")))
        filter_row.addWidget(self.filter_combo)
        filter_row.addWidget(_muted(self.tr("Double-click a pair to open it.")), 1)
        pairs = QWidget()
        pairs_layout = QVBoxLayout(pairs)
        pairs_layout.addLayout(filter_row)
        pairs_layout.addWidget(self.pairs_table)

        self.history_table = rows_table([self.tr("Time"), self.tr("Annotator"), self.tr("Choice"), self.tr("Sentence"),
                                     self.tr("Status")], stretch=3)
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

    def _build_stats(self) -> QGroupBox:
        self.stat_labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        names = [("pairs", self.tr("Pairs")), ("labeled", self.tr("Labeled")), ("ties", self.tr("Ties")),
                 ("skipped", self.tr("Skipped")), ("annotators", self.tr("Annotators")),
                 ("agreement", self.tr("Agreement (κ)"))]
        for i, (key, text) in enumerate(names):
            value = QLabel("—")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.stat_labels[key] = value
            grid.addWidget(_muted(text), i // 2, 2 * (i % 2))
            grid.addWidget(value, i // 2, 2 * (i % 2) + 1)
        self.stat_labels["agreement"].setToolTip(self.tr(
            "Cohen's kappa between annotators on the pairs both labeled: 1 is full agreement, 0 is what "
            "chance would give. It needs two annotators who labeled a common pair."))
        return _group(self.tr("Everyone's labels"), grid)

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
        self.generate_status = _muted(self.tr("Two samples at temperature 0.9 become a new pair."))

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
                ("T", lambda: self.choose("tie")), ("S", lambda: self.choose("skip")),
                ("Ctrl+Z", self.undo)]
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
            self.store.label(self.current.id, self.annotator, choice, swapped=self.current_swapped)
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
        swapped = self._swaps.setdefault(pair.id, self.rng.random() < 0.5)
        self.current, self.current_swapped = pair, swapped
        left, right = (pair.reply_b, pair.reply_a) if swapped else (pair.reply_a, pair.reply_b)
        self.left_box.setPlainText(left)
        self.right_box.setPlainText(right)
        self.prompt_label.setText(tutor.sentence_from_prompt(pair.prompt))
        self.prompt_label.setToolTip(pair.prompt)
        self.stack.setCurrentIndex(0)
        self.refresh()

    def _pair_info(self, pair: Pair, mine: Judgement | None) -> str:
        parts = [self.tr("Pair #{id}").format(id=pair.id), self.tr(pair.source)] + \
            ([self.tr(pair.category)] if pair.category else [])
        if mine is not None:
            parts.append(self.tr("you chose {choice}: press a key to change it").format(choice=choice_text(mine)))
        return "  ·  ".join(parts)

    # summaries and lists ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring the counter, the statistics and both tables up to date with the store."""
        counts = self.store.counts(self.annotator)
        total, labeled, skipped = counts["all"], counts["labeled"], counts["skipped"]
        self.counter.setText(f"{labeled} / {total}")
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(labeled)
        self.skipped_note.setText(self.tr("{n} skipped").format(n=skipped) if skipped else "")
        self._mine = {j.pair_id: j for j in self.store.current_labels(self.annotator)}
        if self.current is not None:
            self.pair_info.setText(self._pair_info(self.current, self._mine.get(self.current.id)))
        self.done_label.setText(self._done_text(total, labeled, skipped))
        stats = self.store.stats()
        for key, label in self.stat_labels.items():
            value = stats[key]
            label.setText("—" if value is None else f"{value:.2f}" if key == "agreement" else str(value))
        self._pairs_by_id = {p.id: p for p in self.store.pairs()}
        self._fill_pairs()
        self._fill_history()

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
            category = self.tr(pair.category) if pair.category else ""
            cells = (str(pair.id), snippet(pair.prompt), self.tr(pair.source), category,
                     choice_text(mine) if mine else "")
            rows.append((pair.id, cells, pair.prompt, False))
        self.pairs_table.model().set_rows(rows)

    def _fill_history(self) -> None:
        current_ids = {j.id for j in self.store.current_labels()}
        self._history_status = {}
        rows = []
        for j in reversed(self.store.history()):  # newest first
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
            settings.set_annotator(name)
            self.next_pair()

    def set_annotator(self, name: str) -> None:
        """Label as ``name`` from now on ("" for the login name); the Settings dialog calls this."""
        name = name.strip() or default_annotator()
        if self.store is None or name == self.annotator:
            return
        self.annotator = name
        self.annotator_edit.setText(name)
        self.next_pair()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # Other tabs (constitution, imports elsewhere) may have added pairs while this one was hidden.
        if self.store is not None:
            self.refresh()
        super().showEvent(event)

    # sources: generate, import, export -------------------------------------------------------------

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
        self.generate_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.busy_bar.setVisible(True)
        self.generate_status.setText(self.tr("loading model…"))

    @Slot()
    def stop(self) -> None:
        if self.runner.running:
            self.runner.stop()
            self.generate_status.setText(self.tr("stopping…"))

    @Slot(object)
    def _on_metrics(self, event: dict) -> None:
        if event.get("phase"):
            self.generate_status.setText(phase_text(event["phase"]) + "…")

    @Slot(object)
    def _on_generated(self, result: dict | None) -> None:
        if result is None:
            self.generate_status.setText(self.tr("Stopped; no pair was added."))
            return
        if result["a"].strip() == result["b"].strip():
            self.generate_status.setText(self.tr("Both samples came out the same; generate again."))
            return
        try:
            pair_id = self.store.add_pair(result["prompt"], result["a"], result["b"], "generated")
        except (sqlite3.Error, ValueError) as exc:  # e.g. an empty sample
            self.generate_status.setText(self.tr("No pair was added."))
            show_error(self, self.tr("The generated pair was not added"), str(exc))
            return
        self.generate_status.setText(self.tr("Added pair #{id}; it is shown above.").format(id=pair_id))
        self.show_pair(pair_id)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.generate_status.setText(self.tr("Generation failed."))
        show_error(self, self.tr("Generation failed"), message)

    @Slot()
    def _on_finished(self) -> None:
        self.generate_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.busy_bar.setVisible(False)

    @Slot()
    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import preference pairs"), "",
                                              self.tr("JSON Lines (*.jsonl);;All files (*)"))
        if not path:
            return
        try:
            n = self.store.import_jsonl(path)
        except (PairFileError, OSError, sqlite3.Error, ValueError) as exc:
            show_error(self, self.tr("Nothing was imported"),
                       self.tr("{error}\n\nFix the file and import it again.").format(error=exc))
            return
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
