"""The Label tab: a learner compares two tutor replies and records which is better, one keypress per pair.

Top: the prompt and the two replies side by side, in a random left/right order per pair (recorded as
``swapped``), with big buttons that show their shortcuts (1 / Left, 2 / Right, T, S, Ctrl+Z; with Shift too)
and the "37 / 200" counter. Nothing that hints at the answer is shown before the learner has chosen: the
pair's category and the AI's choice appear only once the learner's own label is in (anchoring). Bottom: the
pair list (filter, double-click to open a pair), then parts that live in ``gui/widgets``: the history of
people's judgements (``judgement_history``), the AI annotator (``ai_annotator_panel``), people's statistics
(``people_stats``) and the "More pairs" box (``more_pairs_box``: generate, import, export). A store pair that
is a copy of a held-out pair is flagged (``core.store`` leaves it out of training rows).

The tab owns the store, the job runner (one job at a time: a generated pair or the AI's labels) and the pairs
on screen; it hands its parts what they need and refreshes them all after every label. Every label goes
straight to :class:`core.store.PreferenceStore`, which commits it before returning, so quitting at any moment
loses nothing. Not here: the storage rules (``core.store``), the AI judge (``core.ai_feedback``) or training
on labels.
"""

from __future__ import annotations

import getpass
import random
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, Slot
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
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
from core.pairs import SEED_PAIRS, PairFileError, heldout_rows, seed_store
from core.store import FILTERS, Judgement, Pair, PreferenceStore, StoreError
from core.workspace import WorkspaceError, data_home, store_path
from gui import settings
from gui.widgets.ai_annotator_panel import AiAnnotatorPanel
from gui.widgets.forms import note as _muted
from gui.widgets.judgement_history import JudgementHistory
from gui.widgets.lab_guide import GuideSplitter
from gui.widgets.label_table import OneLineLabel, choice_text, rows_table, side_text, snippet
from gui.widgets.messages import show_error
from gui.widgets.more_pairs_box import MorePairsBox
from gui.widgets.people_stats import PeopleStatsBox
from gui.widgets.style import percent
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

REPLY_LINES = 4  # lines of a reply box that show without scrolling (a tutor reply: up to 4 at 1024 px wide)

# English texts in module constants are marked for lupdate here and translated (context "LabelTab") where shown.
FILTER_TEXT = {"all": QT_TRANSLATE_NOOP("LabelTab", "All pairs"),
               "unlabeled": QT_TRANSLATE_NOOP("LabelTab", "Unlabeled"),
               "labeled": QT_TRANSLATE_NOOP("LabelTab", "Labeled"), "ties": QT_TRANSLATE_NOOP("LabelTab", "Ties"),
               "skipped": QT_TRANSLATE_NOOP("LabelTab", "Skipped")}
# the words the store uses for choices, pair sources and pair categories, shown translated
STORE_WORDS = (QT_TRANSLATE_NOOP("LabelTab", "tie"), QT_TRANSLATE_NOOP("LabelTab", "skip"),
               QT_TRANSLATE_NOOP("LabelTab", "seed"), QT_TRANSLATE_NOOP("LabelTab", "generated"),
               QT_TRANSLATE_NOOP("LabelTab", "imported"), QT_TRANSLATE_NOOP("LabelTab", "constitution"),
               QT_TRANSLATE_NOOP("LabelTab", "helpful"), QT_TRANSLATE_NOOP("LabelTab", "honest"),
               QT_TRANSLATE_NOOP("LabelTab", "harmless"), QT_TRANSLATE_NOOP("LabelTab", "style"))


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
        self._mine: dict[int, Judgement] = {}  # pair id -> this annotator's current judgement
        self._ai: dict[int, Judgement] = {}  # pair id -> the shown AI annotator's current A/B/tie label
        self._pairs_by_id: dict[int, Pair] = {}
        self._swaps: dict[int, bool] = {}  # pair id -> shown swapped, stable while the tab lives
        self._last: Judgement | None = None  # the learner's last judgement, for the line under the buttons
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

        self.ai_panel.fill_combo()
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
        # the whole reply in view: the tutor's are up to 4 lines at this size (Checked:, Verb: and a remark)
        # (a frame and the document's margin above and below, and a quarter line of slack: at exactly 4 lines
        # height QPlainTextEdit still scrolls the last one)
        line = QFontMetrics(font).lineSpacing()
        margins = 2 * (text.frameWidth() + round(text.document().documentMargin()))
        text.setMinimumHeight(REPLY_LINES * line + margins + line // 4)
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

        self.lists = QTabWidget()
        self.lists.addTab(pairs, self.tr("Pairs"))
        self.history_page = JudgementHistory(self.store, show_pair=self.show_pair, refresh=self.refresh)
        self.lists.addTab(self.history_page, self.tr("History"))
        self.ai_panel = AiAnnotatorPanel(self.main, self.store, self.runner, show_pair=self.show_pair,
                                         refresh=self.refresh, swap_of=self._swap_of)
        self.lists.addTab(self.ai_panel, self.tr("AI annotator"))

        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.people_stats = PeopleStatsBox()
        column.addWidget(self.people_stats)
        self.more_pairs = MorePairsBox(self.main, self.store, self.runner, self.rng, show_pair=self.show_pair,
                                       on_imported=self._on_imported)
        column.addWidget(self.more_pairs)
        column.addStretch(1)
        side.setFixedWidth(380)

        bottom = QWidget()
        row = QHBoxLayout(bottom)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(self.lists, 1)
        row.addWidget(side)
        return bottom

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
        self.main.show_message(self.tr("Label taken back: pair #{id}, where you had chosen {choice}. Choose again.")
                               .format(id=undone.pair_id, choice=self._choice_text(undone)))

    def _choice_text(self, judgement) -> str:
        """A judgement's choice as the learner saw it: the left or right reply (the order it was shown in)."""
        if judgement.choice in ("A", "B"):
            left = (judgement.choice == "A") != judgement.swapped
            return self.tr("the left reply") if left else self.tr("the right reply")
        return {"tie": self.tr("a tie"), "skip": self.tr("to skip it")}.get(judgement.choice, judgement.choice)

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
        # this annotator's judgements now (the name may have just changed, a label just been undone)
        self._mine = {j.pair_id: j for j in self.store.current_labels(self.annotator)}
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
        """Whether the pair is (or will be) shown with reply_b on the left: as the learner saw it when they
        judged it (in an earlier session too: "you chose the left reply" must stay true), else drawn once, then
        kept."""
        mine = self._mine.get(pair_id)
        if mine is not None:  # also over an order drawn or judged under another annotator's name
            self._swaps[pair_id] = mine.swapped
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
        name = self.ai_panel.annotator()
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
        self.skipped_note.setText("" if not skipped else self.tr("1 skipped") if skipped == 1
                                  else self.tr("{n} skipped").format(n=skipped))
        self._mine = {j.pair_id: j for j in self.store.current_labels(self.annotator)}
        self._pairs_by_id = {p.id: p for p in self.store.pairs()}
        ai = self.ai_panel.annotator()
        self._ai = {j.pair_id: j for j in self.store.current_labels(ai) if j.choice != "skip"} if ai else {}
        if self.current is not None:
            self.current = self._pairs_by_id.get(self.current.id, self.current)  # a new held-out flag shows
            self.pair_info.set_full_text(self._pair_info(self.current, self._mine.get(self.current.id)))
        self._mark_ai_choice()
        self.verdict_note.set_full_text(self._verdict_text())
        self.done_label.setText(self._done_text(total, labeled, skipped))
        self.people_stats.fill(self.store)
        self._fill_pairs()
        self.history_page.fill(self._pairs_by_id)
        self.ai_panel.fill(self.annotator, self._mine, self._ai, self._pairs_by_id)

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

    def shown_pair_ids(self) -> list[int]:
        return [key for key, _, _, _ in self.pairs_table.model().rows]

    @Slot(QModelIndex)
    def _on_pair_double_clicked(self, index: QModelIndex) -> None:
        self.show_pair(self.pairs_table.model().key(index.row()))

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
            self.ai_panel.fill_combo()
            self.refresh()
        super().showEvent(event)

    def _on_imported(self) -> None:
        """Pairs came in: the seed labels are read again, and a pair is shown if none was."""
        self.ai_panel.forget_seed_labels()
        if self.current is None:
            self.next_pair()
        else:
            self.refresh()

    # a rebuild (language switch) keeps what is on screen -------------------------------------------------

    def export_state(self) -> dict:
        if self.store is None:
            return {}
        return {"current": self.current.id if self.current is not None else None, "swaps": dict(self._swaps),
                "last": self._last.id if self._last is not None else None,
                "filter": self.filter_combo.currentData(), "list": self.lists.currentIndex(),
                "history_selected": self.history_page.selected_judgement(),
                **self.ai_panel.export_state(), **self.more_pairs.export_state()}

    def import_state(self, state: dict) -> None:
        if self.store is None or not state:
            return
        self._swaps.update(state.get("swaps") or {})
        if state.get("last") is not None:
            try:
                self._last = self.store.judgement(state["last"])
            except KeyError:
                self._last = None
        index = self.filter_combo.findData(state.get("filter"))
        if index >= 0:
            self.filter_combo.setCurrentIndex(index)
        self.ai_panel.import_state(state)
        self.lists.setCurrentIndex(state.get("list", 0))
        self.more_pairs.import_state(state)
        if state.get("current") is not None:
            self.show_pair(state["current"])
        else:
            self.next_pair()
        if state.get("history_selected") is not None:
            self.history_page.select_judgement(state["history_selected"])
