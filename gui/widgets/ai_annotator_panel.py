"""The Label tab's "AI annotator" page: the principle of the learner's constitution the AI judges by, "Label the
rest with the AI" (``core.ai_feedback.annotate`` in a child process, with progress, ETA and Stop), the AI's
agreement with the learner and with the seed labels (Cohen's kappa, raw agreement, pairs), and the pairs where
they disagree (a click opens one in the tab).

The tab owns the store, the job runner and the pairs on screen: it hands them in, and its refresh gives this
page the labels to compare (:meth:`AiAnnotatorPanel.fill`). The texts keep the Label tab's translation context.
Not here: the AI judge (``core.ai_feedback``) or the agreement statistics (``core.store``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core import principles
from core.ai_feedback import annotate, short_name
from core.config import AiFeedbackConfig
from core.pairs import SEED_PAIRS, load_pairs
from core.store import Agreement, Judgement, Pair, PreferenceStore
from core.workspace import data_home
from gui import settings
from gui.widgets.forms import note as _muted
from gui.widgets.label_table import OneLineLabel, choice_text, rows_table, side_text, snippet
from gui.widgets.messages import show_error
from gui.widgets.progress_panel import format_seconds, phase_text
from gui.widgets.style import percent
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

CONSTITUTION = "constitution.toml"  # the learner's working copy in the data dir (the Constitution tab's)

translate = QCoreApplication.translate


class AiAnnotatorPanel(QWidget):
    """``show_pair(pair_id)`` opens a pair in the tab; ``refresh()`` brings the whole tab up to date with the
    store (each batch of AI labels is stored at once); ``swap_of(pair_id)`` is whether the tab shows (or will
    show) a pair with reply B on the left."""

    def __init__(self, main: MainWindow, store: PreferenceStore, runner: JobRunner, *,
                 show_pair: Callable[[int], object], refresh: Callable[[], None],
                 swap_of: Callable[[int], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main, self.store, self.runner = main, store, runner
        self._show_pair, self._refresh, self._swap_of = show_pair, refresh, swap_of
        self.constitution_path = principles.DEFAULT_PATH
        self._principles: dict[str, str] = {}  # AI annotator ("ai:honest") -> principle short name
        self._seed_labels: dict[int, str] | None = None  # pair id -> the seed's choice (cached, see _seed)
        self._result: dict | None = None  # the last AI run's result (or failure), for its status line
        self._labeling = False  # the runner's job is this page's
        # as last filled by the tab: the learner, their labels, the AI's labels and the pairs (by pair id)
        self._learner = ""
        self._mine: dict[int, Judgement] = {}
        self._labels: dict[int, Judgement] = {}
        self._pairs: dict[int, Pair] = {}
        self._agreements: dict[str, Agreement] = {}  # as last shown: "you" / "seed" -> the AI's agreement
        self._build()
        runner.started.connect(self._set_running)
        runner.finished.connect(self._on_finished)

    def _build(self) -> None:
        """Which principle it judges by, Label the rest with the AI (progress, Stop), its agreement with you
        and with the seed labels (pick a row: its disagreements are listed below)."""
        self.ai_combo = QComboBox()
        self.ai_combo.setToolTip(translate("LabelTab", "The constitution principle the AI judges by (the enabled "
                                                       "ones of the Constitution tab); its labels are stored as "
                                                       "annotator ai:<principle>, apart from yours."))
        self.ai_combo.currentIndexChanged.connect(self._on_ai_changed)
        self.ai_start_button = QPushButton(translate("LabelTab", "Label the rest with the AI"))
        self.ai_start_button.setToolTip(translate(
            "LabelTab", "The tutor judges every pair it has not labeled yet by the principle, each reply on its "
            "own. By critique: the reply whose critique is likelier to find no fault is labeled better. By revise "
            "(honest): the reply its revision is likelier to keep word for word. A near tie stays a tie. Stop keeps "
            "the labels made so far."))
        self.ai_start_button.clicked.connect(self.start_ai_label)
        self.ai_stop_button = QPushButton(translate("LabelTab", "Stop"))
        self.ai_stop_button.setEnabled(False)
        self.ai_stop_button.clicked.connect(self.stop)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("LabelTab", "Principle")))
        top.addWidget(self.ai_combo, 1)
        top.addWidget(self.ai_start_button)
        top.addWidget(self.ai_stop_button)
        self.ai_bar = QProgressBar()
        self.ai_bar.setTextVisible(False)
        self.ai_bar.setFixedHeight(8)
        self.ai_status = OneLineLabel(translate("LabelTab", "Idle"))

        self.disagree_table = rows_table(["#", translate("LabelTab", "Sentence"),
                                          translate("LabelTab", "Your label"), translate("LabelTab", "AI label"),
                                          translate("LabelTab", "AI sure")], stretch=1)
        self.disagree_table.clicked.connect(self._on_disagreement_clicked)

        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.ai_bar)
        layout.addWidget(self.ai_status)
        layout.addWidget(self._build_agreement())
        layout.addWidget(self.disagree_table, 1)

    def _build_agreement(self) -> QWidget:
        """One row per comparison; the checked one lists its disagreements in the table below."""
        self.agreement_labels: dict[tuple[str, str], QLabel] = {}
        self.disagree_buttons: dict[str, QRadioButton] = {}
        group = QButtonGroup(self)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(0)
        heads = (translate("LabelTab", "κ"), translate("LabelTab", "agree"), translate("LabelTab", "pairs"))
        for column, head in enumerate(heads, start=1):
            grid.addWidget(_muted(head), 0, column, Qt.AlignmentFlag.AlignRight)
        rows = [("you", translate("LabelTab", "You and the AI")),
                ("seed", translate("LabelTab", "AI and seed labels"))]
        for row, (key, text) in enumerate(rows, start=1):
            button = QRadioButton(text)
            button.setToolTip(translate("LabelTab", "List the pairs where they disagree below; click one to open "
                                                    "it."))
            group.addButton(button)
            self.disagree_buttons[key] = button
            grid.addWidget(button, row, 0)
            for column, name in enumerate(("kappa", "agree", "n"), start=1):
                value = QLabel("—")
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(value, row, column)
                self.agreement_labels[(key, name)] = value
        self.disagree_buttons["you"].setChecked(True)
        group.buttonToggled.connect(lambda _button, checked: checked and self._fill_disagreements())
        self.ai_counts = _muted()
        grid.addWidget(self.ai_counts, 1, 4, 2, 1)
        grid.setColumnStretch(4, 1)
        agreement = QWidget()
        agreement.setLayout(grid)
        agreement.setToolTip(translate(
            "LabelTab", "On the pairs both labeled (a tie counts as a label, a skip does not): κ is Cohen's kappa "
            "(1 full agreement, 0 what chance would give), agree the share of pairs with the same label."))
        return agreement

    # which AI annotator --------------------------------------------------------------------------------

    def annotator(self) -> str:
        """The AI annotator the page shows ("ai:honest"); "" when there is none to show."""
        return self.ai_combo.currentData() or ""

    def disagree_with(self) -> str:
        """Whose labels the listed disagreements are with: "you" or "seed"."""
        return next(key for key, button in self.disagree_buttons.items() if button.isChecked())

    def fill_combo(self) -> None:
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
        current = self.ai_combo.currentData() or settings.ai_annotator()  # the one shown last, after a restart
        self.ai_combo.blockSignals(True)
        self.ai_combo.clear()
        for name in names:
            self.ai_combo.addItem(name[3:] if name in self._principles else name, name)
        self.ai_combo.setCurrentIndex(max(0, self.ai_combo.findData(current)))
        self.ai_combo.blockSignals(False)
        self._enable_ai_start()

    def _enable_ai_start(self) -> None:
        """The AI can label when no job runs and the annotator is an enabled principle of the constitution."""
        self.ai_start_button.setEnabled(not self.runner.running and self.annotator() in self._principles)

    @Slot()
    def _on_ai_changed(self) -> None:
        if self.annotator():
            settings.set_ai_annotator(self.annotator())
        self._enable_ai_start()
        self._show_result()  # another annotator: its status is not the last run's
        self._refresh()

    # agreement and disagreements -------------------------------------------------------------------------

    def _seed(self) -> dict[int, str]:
        """Pair id -> the seed's choice, for the seed pairs in the store (computed once; again after imports)."""
        if self._seed_labels is None:
            self._seed_labels = self.store.seed_labels(load_pairs(SEED_PAIRS) if SEED_PAIRS.is_file() else [])
        return self._seed_labels

    def forget_seed_labels(self) -> None:
        """The store's pairs changed (an import): read the seed labels again when next needed."""
        self._seed_labels = None

    def agreements(self) -> dict[str, Agreement]:
        """The shown AI annotator's agreement with the learner ("you") and with the seed labels ("seed")."""
        ai = self.annotator()
        if not ai:
            return {}
        return {"you": self.store.compare(self._learner, ai), "seed": self.store.compare(ai, self._seed())}

    def fill(self, learner: str, mine: dict[int, Judgement], labels: dict[int, Judgement],
             pairs: dict[int, Pair]) -> None:
        """Show how the AI's ``labels`` agree with the ``learner``'s (``mine``) and with the seed labels, and
        list the disagreements; every dict is keyed by pair id (``pairs``: the store's pairs)."""
        self._learner, self._mine, self._labels, self._pairs = learner, mine, labels, pairs
        self._agreements = results = self.agreements()
        for key in ("you", "seed"):
            result = results.get(key)
            n = result.n if result else 0
            self.agreement_labels[(key, "kappa")].setText(
                "—" if not n or result.kappa is None else f"{result.kappa:.2f}")
            self.agreement_labels[(key, "agree")].setText(percent(result.agree) if n else "—")
            self.agreement_labels[(key, "n")].setText(str(n))
        ties = sum(j.choice == "tie" for j in labels.values())
        self.ai_counts.setText(translate("LabelTab", "{annotator}: {n} pairs labeled, {ties} ties").format(
            annotator=self.annotator(), n=len(labels), ties=ties) if labels
            else translate("LabelTab", "No AI labels yet: press “Label the rest with the AI”."))
        self._fill_disagreements()

    @Slot()
    def _fill_disagreements(self) -> None:
        """The pairs where the AI and the chosen other side (you, the seed labels) disagree; a click opens one.
        Sides are named as the learner saw (or will see) each pair."""
        which = self.disagree_with()
        result = self._agreements.get(which)
        rows = []
        for pair_id in result.disagreements if result else []:
            pair, ai = self._pairs.get(pair_id), self._labels.get(pair_id)
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
        model.headers[2] = (translate("LabelTab", "Your label") if which == "you"
                            else translate("LabelTab", "Seed label"))
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 2, 2)
        model.set_rows(rows)

    def disagreement_ids(self) -> list[int]:
        return [key for key, _, _, _ in self.disagree_table.model().rows]

    @Slot(QModelIndex)
    def _on_disagreement_clicked(self, index: QModelIndex) -> None:
        self._show_pair(self.disagree_table.model().key(index.row()))

    # the labeling job --------------------------------------------------------------------------------------

    @Slot()
    def start_ai_label(self) -> None:
        """Label every pair the shown AI annotator has not labeled yet (``core.ai_feedback.annotate`` in a
        child process: it loads its own judge model, and a window never waits on it)."""
        annotator = self.annotator()
        principle = self._principles.get(annotator)
        if principle is None:
            show_error(self, translate("LabelTab", "The AI cannot label with this annotator"),
                       translate("LabelTab", "{annotator} is not an enabled principle of your constitution: "
                                             "enable it in the Constitution tab, or pick another.").format(
                           annotator=annotator or "—"))
            return
        cfg = AiFeedbackConfig(model=self.main.model_spec, principle=principle,
                               constitution=str(self.constitution_path), pairs="store")
        if not self.runner.start(annotate, cfg, self.main.home, process=True, on_metrics=self._on_ai_metrics,
                                 on_done=self._on_ai_done, on_error=self._on_ai_failed):
            self.main.show_message(translate("LabelTab", "A job is already running in this tab."))
            return
        self._labeling = True
        self._set_running()
        self.ai_bar.setRange(0, 0)  # busy until the first batch is done
        self.ai_status.set_full_text(translate("LabelTab", "starting…"))

    @Slot()
    def _set_running(self) -> None:
        """While any job of the tab runs, the AI cannot start; Stop is this page's job's."""
        self.ai_stop_button.setEnabled(self.runner.running and self._labeling)
        self._enable_ai_start()

    @Slot()
    def stop(self) -> None:
        if not self._labeling:
            return
        self.runner.stop()
        self.ai_status.set_full_text(self._stopping_text())

    @Slot(object)
    def _on_ai_metrics(self, event: dict) -> None:
        if "done" in event and "total" in event:
            self.ai_bar.setRange(0, max(1, event["total"]))
            self.ai_bar.setValue(event["done"])
            self.ai_status.set_full_text(self._stopping_text() if self.runner.cancelled else translate(
                "LabelTab", "{done} of {total} pairs labeled · {elapsed} elapsed · ETA {eta}").format(
                done=event["done"], total=event["total"], elapsed=format_seconds(event.get("elapsed", 0)),
                eta=format_seconds(event.get("eta") or 0)))
            self._refresh()  # each batch is in the store already
        elif event.get("phase") and not self.runner.cancelled:
            loading = event["phase"] == "loading judge"
            self.ai_status.set_full_text(translate("LabelTab", "loading the judge model…") if loading
                                         else phase_text(event["phase"]) + "…")

    @Slot(object)
    def _on_ai_done(self, result: dict | None) -> None:
        self._result = result or {"status": "stopped", "labeled": 0, "total": 0, "annotator": self.annotator()}
        self._show_result()
        self._seed_labels = None
        self._refresh()

    @Slot(str)
    def _on_ai_failed(self, message: str) -> None:
        self._result = {"status": "failed", "message": message, "annotator": self.annotator()}
        self._show_result()
        show_error(self, translate("LabelTab", "The AI labeling failed"), message)

    @Slot()
    def _on_finished(self) -> None:
        self._labeling = False
        self._set_running()
        if self.ai_bar.maximum() == 0:  # stopped before a result: no busy bar left behind
            self.ai_bar.setRange(0, 1)
        self._show_result()

    def _stopping_text(self) -> str:
        return translate("LabelTab", "stopping after this batch… the labels stored so far stay")

    def _result_text(self, result: dict) -> str:
        status = result.get("status")
        if status == "failed":
            return translate("LabelTab", "The AI labeling failed: {message}").format(
                message=result.get("message", ""))
        if status == "stopped":
            return translate("LabelTab", "Stopped at {labeled} of {total} pairs: they stay. “Label the rest” goes "
                                         "on.").format(**result)
        if not result.get("total"):
            return translate("LabelTab", "Nothing to label: {annotator} has labeled every pair.").format(**result)
        return translate("LabelTab", "{annotator} labeled {labeled} pairs in {time} by {method} ({ties} ties: a "
                                     "lean within {margin} of 50/50).").format(
            annotator=result["annotator"], labeled=result["labeled"], time=format_seconds(result.get("seconds", 0)),
            method=result.get("method", "critique"), ties=(result.get("counts") or {}).get("tie", 0),
            margin=f"{result.get('margin', 0.1):g}")

    def _show_result(self) -> None:
        """The last run's result, while its annotator is the one shown (another one shown: Idle)."""
        result = self._result
        if self._labeling:
            return
        if result is None or result.get("annotator", self.annotator()) != self.annotator():
            self.ai_bar.setRange(0, 1)
            self.ai_bar.setValue(0)
            self.ai_status.set_full_text(translate("LabelTab", "Idle"))
            return
        total = result.get("total") or 0
        self.ai_bar.setRange(0, max(1, total))
        self.ai_bar.setValue(total if result.get("status") == "done" else result.get("labeled") or 0)
        self.ai_status.set_full_text(self._result_text(result))

    # a rebuild (language switch) keeps what is on screen -------------------------------------------------

    def export_state(self) -> dict:
        return {"ai_annotator": self.annotator(), "disagree_with": self.disagree_with(), "ai_result": self._result}

    def import_state(self, state: dict) -> None:
        index = self.ai_combo.findData(state.get("ai_annotator"))
        if index >= 0:
            self.ai_combo.setCurrentIndex(index)
        if state.get("disagree_with") in self.disagree_buttons:
            self.disagree_buttons[state["disagree_with"]].setChecked(True)
        self._result = state.get("ai_result")
        self._show_result()
