"""The Constitution tab (Lab 02): write the tutor's principles, let it critique and revise its own replies,
review the revisions, distill the accepted ones back into the tutor and compare the eval before and after.

Left: :class:`ConstitutionEditor`, the principle list (checkbox = enabled, drag or Up/Down to reorder) and a
form, with every change on a ``QUndoStack`` (Ctrl+Z / Ctrl+Shift+Z in this tab), Save (each save keeps a
version), Versions… (diff + restore) and Open file…. The working copy is ``<data dir>/constitution.toml``,
copied from ``resources/constitution.toml`` on first use.
Right, page "Try it" (:class:`TryItPanel`): one critique and revision with the principle as typed.
Page "Run & review": :func:`core.constitution.run_loop` streams one record per prompt into the
:class:`RoundsTable`; the selected record's word diff and its rounds show below (:class:`RecordView`);
Accept / Reject are saved with ``set_decisions``. Page "Distill & evaluate" (:class:`DistillPage`): LoRA SFT on
the revisions with a live loss plot, the helpful / honest / harmless table before and after, "Send pairs to
store", and the same run without one principle.
This module wires them: it builds the jobs' configs from the forms, starts the core jobs one at a time on the
tab's :class:`JobRunner` and hands their results to the widgets; it carries everything through a language
switch (``export_state`` / ``import_state``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import principles, workspace
from core.config import EVAL_SETS as EVAL_DATA
from core.config import ConstitutionConfig, SftConfig
from core.constitution import distill, run_loop
from core.evaluate import compare_models
from core.paths import DATA_DIR
from core.principles import ConstitutionError
from core.runs import atomic_write_text, new_run_dir
from gui.widgets.constitution_editor import ConstitutionEditor
from gui.widgets.distill_page import DistillPage
from gui.widgets.forms import group as _group
from gui.widgets.forms import number
from gui.widgets.lab_guide import install_lab_layout
from gui.widgets.messages import show_error
from gui.widgets.progress_panel import ProgressPanel, phase_text
from gui.widgets.record_view import RecordView
from gui.widgets.rounds_table import DECISION_COL, REVISED_COL, RoundsTable
from gui.widgets.try_it import TryItPanel
from gui.worker import JobRunner

if TYPE_CHECKING:
    from gui.main_window import MainWindow

__all__ = ["DECISION_COL", "REVISED_COL", "ConstitutionTab"]

PROMPTS = DATA_DIR / "cai_prompts.jsonl"
WORKING_COPY = "constitution.toml"
DRAFT = "constitution.draft.toml"  # unsaved edits kept when the window closes, offered again at the next start
MIN_REVISIONS = 8  # distilling fewer asks first: a handful of replies is memorised, not learned
# The pages' widgets the tab uses, as attributes of the tab too (tests and scripts/screenshot.py use them).
PAGE_WIDGETS = {"rounds_table": ("table", "results_note", "open_run_button", "accept_button", "reject_button",
                                 "clear_button", "accept_all_button", "reject_all_button"),
                "detail": ("diff_view", "rounds_view"),
                "distill_page": ("epochs", "learning_rate", "max_steps", "only_accepted", "distill_progress",
                                 "send_button", "send_note", "eval_limit", "eval_button", "eval_progress", "eval_table", "eval_note",
                                 "plot", "without", "ablation_progress", "ablation_table", "ablation_note")}


class ConstitutionTab(QWidget):
    def __init__(self, main: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.runner = JobRunner(self)
        self.run_dir: Path | None = None
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
        self.distill_page = DistillPage()
        from core.models import resolve_adapter

        self.distill_page.set_before_shipped(resolve_adapter("shipped", self.main.model_spec) is not None)
        self.pages.addTab(self.distill_page, self.tr("3 · Distill && evaluate"))
        for page, names in PAGE_WIDGETS.items():
            for name in names:
                setattr(self, name, getattr(getattr(self, page), name))
        self._connect_pages()
        install_lab_layout(self, editor_box, self.pages, "constitution", (360, 840))
        self.runner.finished.connect(self._on_finished)
        self.editor.list.currentRowChanged.connect(self.try_it.show_principle)
        self.editor.stack.indexChanged.connect(self.try_it.show_principle)
        self.editor.stack.indexChanged.connect(self._fill_without)
        self._fill_without()
        self.try_it.show_principle()
        self._update_buttons()

    def _connect_pages(self) -> None:
        self.rounds_table.record_selected.connect(self.detail.show_record)
        self.rounds_table.decision_requested.connect(self._decide)
        self.rounds_table.open_run_button.clicked.connect(self._choose_run)
        page = self.distill_page
        page.distill_progress.start_clicked.connect(self.start_distill)
        page.ablation_progress.start_clicked.connect(self.start_ablation)
        page.eval_progress.start_clicked.connect(self.start_eval)
        for panel in (page.distill_progress, page.eval_progress, page.ablation_progress):
            panel.stop_clicked.connect(self.stop)
        page.send_button.clicked.connect(self.send_pairs)

    @property
    def records(self) -> list[dict]:
        """The records of the run under review (the results table's rows)."""
        return self.rounds_table.records

    @property
    def decisions(self) -> dict[int, str]:
        return self.rounds_table.decisions

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
        self._restore_draft()

    def _draft_path(self) -> Path | None:
        path = self._working_copy()
        return path.with_name(DRAFT) if path is not None else None

    def _restore_draft(self) -> None:
        """Edits left unsaved when the window last closed come back, unsaved (Undo returns to the saved file)."""
        draft = self._draft_path()
        if draft is None or not draft.is_file():
            return
        try:
            kept = principles.parse(draft.read_text(encoding="utf-8"), str(draft))
        except (ConstitutionError, OSError, UnicodeDecodeError):
            return  # a draft that cannot be read is left on disk, never shown half
        self.editor.replace(kept, self.tr("unsaved edits from the last session"))
        try:
            draft.unlink()  # the editor holds them now; closing writes them again if they are still unsaved
        except OSError:
            pass

    def keep_draft(self) -> None:
        """When the window closes: unsaved edits go to the draft file (nothing is lost without asking); with
        none, an old draft is removed."""
        draft = self._draft_path()
        if draft is None:
            return
        try:
            if self.editor.dirty:
                atomic_write_text(draft, principles.dumps(self.editor.constitution()))
            elif draft.exists():
                draft.unlink()
        except (ConstitutionError, OSError):
            pass  # closing: no dialog; the working copy on disk is untouched either way

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
        self.rounds_table, self.detail = RoundsTable(), RecordView()
        splitter.addWidget(self.rounds_table)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 300])
        splitter.setChildrenCollapsible(False)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(_group(self.tr("Critique and revise"), settings))
        column.addWidget(splitter, 1)
        return page

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
        self.run_dir = Path(cfg.out)
        self.rounds_table.clear()
        self.detail.clear()
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
        self.run_dir = Path(run)
        self.rounds_table.clear(chosen)
        for record in records:
            self.rounds_table.add_record(record)
        self.rounds_table.show_counts()
        self._fill_without()
        self._restore_distill(self.run_dir)
        self._update_buttons()
        return True

    def _restore_distill(self, run: Path) -> None:
        """Page 3 for a loaded run: its newest distillation (summary and loss curve), or an empty Distill group;
        the before / after rates of whatever was shown before are cleared (“Eval before / after” measures the
        restored tutor again, from the eval cache where it was measured before)."""
        from core.constitution import distillations
        from core.runs import read_metrics

        found = next((info for info in distillations(run) if info.summary and "steps" in info.summary), None)
        self.results.pop("distill", None)
        self.results.pop("eval", None)
        if found is None:
            self.distill_dir = None
            self.distill_page.show_past_distill(None, [])
            return
        self.distill_dir = found.path
        result = {**found.summary, "examples": found.summary.get("examples", 0), "out": str(found.path)}
        self.results["distill"] = result
        self.distill_page.show_past_distill(result, read_metrics(found.path))

    def selected_rows(self) -> list[int]:
        return self.rounds_table.selected_rows()

    def decide_selected(self, verdict: str) -> None:
        """Decide the selected rows; only revised rows can be accepted (an unchanged row has no revision)."""
        self.rounds_table.decide_selected(verdict)

    def decide_all(self, verdict: str) -> None:
        self.rounds_table.decide_all(verdict)

    @Slot(list, str)
    def _decide(self, indices: list[int], verdict: str) -> None:
        if self.run_dir is None or not indices:
            return
        from core.constitution import set_decisions

        try:
            saved = set_decisions(self.run_dir, {i: verdict for i in indices})
        except (OSError, ValueError) as exc:
            show_error(self, self.tr("The decisions were not saved"), str(exc))
            return
        self.rounds_table.set_decisions(saved)

    # distill, eval, pairs ----------------------------------------------------------------------------

    def sft_config(self) -> SftConfig:
        from core.models import resolve_adapter

        lr = number(self.learning_rate, self.tr("Learning rate: “{text}” is not a number (try 2e-4)"))
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
        """How many answers Distill would train on (core.constitution.distillable: accepted ones, or every one
        not rejected; never an empty one)."""
        from core.constitution import distillable

        only = self.only_accepted.isChecked()
        return sum(distillable(r, self.decisions.get(r["index"], ""), only) for r in self.records)

    @Slot()
    def start_distill(self) -> None:
        """Distill, after a warning (with the option to go on) when there are fewer than MIN_REVISIONS."""
        if self.runner.running or not self._has_rows():
            return
        n = self.distill_count()
        if n == 0:
            show_error(self, self.tr("Nothing to distill"),
                       self.tr("Every answer Distill would learn from is empty: the model wrote nothing. Run the "
                               "loop again (page 2), with another model or more new tokens."))
            return
        if n >= MIN_REVISIONS:
            self._distill_now()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Few answers to distill ({n})").format(n=n),
                          self.tr("With so few answers ({n}) distillation teaches the tutor those replies by heart "
                                  "rather than a way of answering (at least {min} are better: accept more, or run "
                                  "on more prompts). Distill anyway?").format(n=n, min=MIN_REVISIONS),
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
                    self.main.home, on_metrics=self.distill_page.on_distill_metrics, on_done=self._show_distill)

    @Slot()
    def start_eval(self) -> None:
        if self.runner.running:
            return
        adapters = {"before": "shipped", "after": str(self.distill_dir) if self.distill_dir else None}
        self._start(self.eval_progress, compare_models, self.main.model_spec, self.main.home, adapters,
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
        self.distill_page.set_principles(self._run_principles())

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
        self.distill_page.clear_ablation()
        self._start(self.ablation_progress, ablation, cfg, sft, str(self.run_dir), self._with_tutor(),
                    self.only_accepted.isChecked(), self.eval_limit.value(), self.main.home,
                    on_done=self._show_ablation)

    def _show_ablation(self, result: dict) -> None:
        self.results["ablation"] = result
        if not self.distill_dir:
            self.distill_dir = Path(result["tutors"]["with"])
        self.distill_page.show_ablation(result)

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
        self.rounds_table.update_buttons(busy)
        self.send_button.setEnabled(bool(self.records) and not busy)
        self.try_it.set_enabled(not busy)
        for panel in (self.run_progress, self.distill_progress, self.eval_progress, self.ablation_progress):
            panel.start_button.setEnabled(not busy)
            panel.stop_button.setEnabled(busy and panel is getattr(self, "_panel", None))

    def _on_run_metrics(self, event: dict) -> None:
        if "record" in event:
            self.rounds_table.add_record(event["record"])
            self._update_buttons()
        if "step" in event:
            event = {**event, "phase": "critique & revise"}
        self.run_progress.update_event(event)

    def _show_run(self, result: dict) -> None:
        self.results["run"] = {k: v for k, v in result.items() if k != "records"}
        self._fill_without()
        self.run_progress.finish(self.tr("{status} · {finished} of {prompts} prompts · {changed} revised").format(
            status=phase_text(result["status"]), finished=result["finished"], prompts=result["prompts"],
            changed=result["changed"]), complete=result["status"] == "finished")
        self.rounds_table.show_counts()

    def _show_distill(self, result: dict) -> None:
        self.results["distill"] = result
        self.distill_dir = Path(result["out"])
        self.distill_page.show_distill(result)

    def _show_eval(self, result: dict) -> None:
        self.results["eval"] = result
        self.distill_page.show_eval(result, self.distill_dir.name if self.distill_dir else None)

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
            self.distill_page.show_distilled(Path(self.distill_dir).name)
        if state.get("try_it"):
            self.try_it.import_state(state["try_it"])
        self.try_it.show_principle()
        self.pages.setCurrentIndex(state.get("page") or 0)

    def eval_value(self, set_key: str, key: str, column: int) -> str:
        """The table text for one rate (``column`` 0: before, 1: after); used by tests."""
        return self.distill_page.eval_value(set_key, key, column)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._panel.finish(self.tr("failed: {message}").format(message=message), complete=False)
        show_error(self, self.tr("The job failed"), message)

    @Slot()
    def _on_finished(self) -> None:
        self._update_buttons()
