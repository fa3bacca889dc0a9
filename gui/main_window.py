"""The main window: one tab per lab, a status bar, a File menu, and the state the tabs share (model spec,
data dir).

Tabs plug in through :data:`TABS` (English title + a factory taking the window) or :meth:`MainWindow.add_tab`;
the title is translated when shown. Each tab runs its jobs on its own :class:`gui.worker.JobRunner` (a child
QObject); on close the window cancels and joins every runner it finds among its children.

Settings that stick (:mod:`gui.settings`): size and position, the open tab, the model. The first window fits
the screen's available area (:func:`first_size`); after that the learner's own size comes back, and nothing
the window holds (a guide opened, a language switched) makes it grow by itself.

Changing the language while the app runs (:meth:`MainWindow.retranslate`) rebuilds the tabs that came from
factories: every widget reads its text through ``tr()`` once, when built, so a rebuild is one code path that
cannot miss a string, where a ``changeEvent`` re-labelling would have to repeat every dynamic text of every tab.
What the rebuild would lose is carried over: the plotted series, and whatever a tab hands over through
``export_state`` / ``import_state`` (form values, tables, replies, status lines, unsaved constitution edits,
the last run). A job's callbacks belong to the tab that started it, so while a job runs the switch waits:
the window says so, and switches by itself as soon as no job runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QWidget

from gui import i18n, settings
from gui.model_session import ModelSession
from gui.worker import JobRunner

CLOSE_WAIT_MS = 5000
FIRST_SIZE = QSize(1280, 800)  # the first window, when the screen has room for it
SCREEN_MARGIN = 24  # px kept free around the first window (panels, docks, the window frame)


def _tutor_tab(window: MainWindow) -> QWidget:
    from gui.tabs.tutor_tab import TutorTab

    return TutorTab(window)


def _label_tab(window: MainWindow) -> QWidget:
    from gui.tabs.label_tab import LabelTab

    return LabelTab(window)


def _reward_tab(window: MainWindow) -> QWidget:
    from gui.tabs.reward_tab import RewardTab

    return RewardTab(window)


def _dpo_tab(window: MainWindow) -> QWidget:
    from gui.tabs.dpo_tab import DpoTab

    return DpoTab(window)


def _constitution_tab(window: MainWindow) -> QWidget:
    from gui.tabs.constitution_tab import ConstitutionTab

    return ConstitutionTab(window)


def _runs_tab(window: MainWindow) -> QWidget:
    from gui.tabs.runs_tab import RunsTab

    return RunsTab(window)


# (title, factory) in display order; later labs (Label, Reward model, DPO, Constitution) append here.
TABS: list[tuple[str, Callable[[MainWindow], QWidget]]] = [
    (QT_TRANSLATE_NOOP("MainWindow", "Tutor"), _tutor_tab),
    (QT_TRANSLATE_NOOP("MainWindow", "Label"), _label_tab),
    (QT_TRANSLATE_NOOP("MainWindow", "Reward model"), _reward_tab),
    (QT_TRANSLATE_NOOP("MainWindow", "DPO"), _dpo_tab),
    (QT_TRANSLATE_NOOP("MainWindow", "Constitution"), _constitution_tab),
    (QT_TRANSLATE_NOOP("MainWindow", "Runs"), _runs_tab),
]
TAB_TITLE = "tab_title"  # widget property: the English title (the settings key of the last open tab)
STATUS_PADDING = 30  # px the status bar keeps around a message (its margins and size grip)
TAB_FACTORY = "tab_factory"  # widget property: index into the window's factories (tabs rebuilt on retranslate)


def first_size(available: QRect) -> QRect:
    """Where the first window goes on a screen whose free area is ``available``: FIRST_SIZE, or less so that it
    fits with SCREEN_MARGIN on every side (title bar and status bar in view), centred."""
    width = min(FIRST_SIZE.width(), available.width() - 2 * SCREEN_MARGIN)
    height = min(FIRST_SIZE.height(), available.height() - 2 * SCREEN_MARGIN)
    rect = QRect(0, 0, max(width, 1), max(height, 1))
    rect.moveCenter(available.center())
    return rect


class MainWindow(QMainWindow):
    """``home`` is the data dir passed to core (None: ``$PREFLAB_HOME`` or the platform default);
    ``model_spec`` None opens the model saved in the settings."""

    model_changed = Signal(str)

    def __init__(self, home: str | os.PathLike | None = None, model_spec: str | None = None,
                 tabs: list[tuple[str, Callable[[MainWindow], QWidget]]] | None = None) -> None:
        super().__init__()
        self.home: Path | None = Path(home).expanduser() if home else None
        self._model_spec = model_spec or settings.model_spec()
        self._factories = list(TABS if tabs is None else tabs)
        self._pending_language: str | None = None  # asked for while a job ran: switched to when none runs
        # the model kept loaded between questions (Tutor, Constitution): freed when the model changes or a
        # job starts in any tab, ended with the window
        self.model_session = ModelSession(self.home, self)
        self.model_changed.connect(self.model_session.free)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._model_label = QLabel()
        self.statusBar().addPermanentWidget(self._model_label)
        self.statusBar().messageChanged.connect(self._message_changed)
        self._build_menu()
        self._set_texts()
        for index, (title, factory) in enumerate(self._factories):
            widget = factory(self)
            widget.setProperty(TAB_FACTORY, index)
            self.add_tab(widget, title)
        self._restore_window()
        self.tabs.currentChanged.connect(self._remember_tab)

    # settings that stick ------------------------------------------------------------------------------

    def _restore_window(self) -> None:
        """The learner's last size and place, or (the first time, or when that place is off every screen now)
        a size that fits the screen."""
        geometry = settings.window_geometry()
        screen = self.screen() or QApplication.primaryScreen()
        if geometry is None or not self.restoreGeometry(geometry):
            if screen is not None:
                available = screen.availableGeometry()
                rect = first_size(available)
                # the window's minimum size may hold it taller than that: then it starts at the free area's top
                rect.setSize(rect.size().expandedTo(self.minimumSizeHint()))
                if rect.bottom() > available.bottom():
                    rect.moveTop(max(available.top(), available.bottom() - rect.height() + 1))
                self.setGeometry(rect)
            else:
                self.resize(FIRST_SIZE)
        self.select_tab(settings.last_tab())

    def select_tab(self, title: str) -> bool:
        """Bring the tab with this English title to the front; False when there is none."""
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).property(TAB_TITLE) == title:
                self.tabs.setCurrentIndex(i)
                return True
        return False

    def current_tab_title(self) -> str:
        widget = self.tabs.currentWidget()
        return widget.property(TAB_TITLE) or "" if widget is not None else ""

    @Slot(int)
    def _remember_tab(self, _index: int) -> None:
        if self.current_tab_title():
            settings.set_last_tab(self.current_tab_title())

    # menu and texts -----------------------------------------------------------------------------------

    def _build_menu(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

    def _set_texts(self) -> None:
        """Every text of the window itself (not of its tabs) in the current language."""
        self.setWindowTitle(self.tr("Preference Lab"))
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.settings_action.setToolTip(self.tr("Language, default model and annotator name"))
        self.quit_action.setText(self.tr("&Quit"))
        self._show_model()

    @Slot()
    def open_settings(self):
        """Show the Settings dialog (window-modal, not blocking); returns it."""
        from gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def set_language(self, language: str) -> bool:
        """Save ``language`` ("system", "en", "es") and switch the interface to it now if no job runs.

        Returns False when a job is running: the switch then waits, and happens by itself when no job runs
        (the job, its progress and its results stay where they are).
        """
        settings.set_language(language)
        self._pending_language = None
        if i18n.resolve(language) == i18n.current_language():
            return True
        if self.job_running():
            self._pending_language = language
            self.show_message(self.tr("The language changes as soon as the running job ends: the job keeps "
                                      "running, and the tabs are rebuilt in the new language then."), 0)
            return False
        i18n.install_language(QApplication.instance(), language)
        self.retranslate()
        return True

    def pending_language(self) -> str | None:
        """The language asked for while a job ran, not shown yet (None: none waits)."""
        return self._pending_language

    def job_running(self) -> bool:
        return any(runner.running for runner in self.runners())

    @Slot()
    def _job_finished(self) -> None:
        if self._pending_language is not None:
            QTimer.singleShot(0, self._switch_when_idle)  # after the tab has handled the job's end

    @Slot()
    def _switch_when_idle(self) -> None:
        language = self._pending_language
        if language is None or self.job_running():  # a job that chains another one: wait for that too
            return
        self._pending_language = None
        self.statusBar().clearMessage()
        if i18n.resolve(language) != i18n.current_language():
            i18n.install_language(QApplication.instance(), language)
            self.retranslate()

    def retranslate(self) -> None:
        """Show everything in the language now installed: the window's texts, then the tabs rebuilt. The window
        keeps its size (longer texts are cut or wrapped inside it, they never widen it)."""
        size = self.size()
        self._set_texts()
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        try:
            for i in range(self.tabs.count()):
                old = self.tabs.widget(i)
                title = old.property(TAB_TITLE)
                index = old.property(TAB_FACTORY)
                if index is None:  # added with add_tab(): only its title can change
                    self.tabs.setTabText(i, self.tr(title))
                    continue
                new = self._factories[index][1](self)
                new.setProperty(TAB_FACTORY, index)
                new.setProperty(TAB_TITLE, title)
                _carry_over(old, new)
                self._watch_jobs(new)
                self.tabs.removeTab(i)
                self.tabs.insertTab(i, new, self.tr(title))
                old.deleteLater()
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        if not self.isMaximized() and not self.isFullScreen() and self.size() != size:
            self.resize(size)

    # shared state -------------------------------------------------------------------------------------

    @property
    def model_spec(self) -> str:
        return self._model_spec

    def set_model_spec(self, spec: str) -> None:
        if spec != self._model_spec:
            self._model_spec = spec
            settings.set_model_spec(spec)
            self._show_model()
            self.model_changed.emit(spec)

    def set_annotator(self, name: str) -> None:
        """Save the annotator name ("" for the login name) and hand it to the tabs that label."""
        settings.set_annotator(name)
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if hasattr(tab, "set_annotator"):
                tab.set_annotator(name)

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add ``widget`` under ``title`` (English; shown translated)."""
        widget.setProperty(TAB_TITLE, title)
        self._watch_jobs(widget)
        return self.tabs.addTab(widget, self.tr(title))

    def _watch_jobs(self, tab: QWidget) -> None:
        """A job started in ``tab`` frees the model session: training needs the memory, and a job that loads
        a model of its own would hold a second copy."""
        for runner in tab.findChildren(JobRunner):
            runner.started.connect(self.model_session.free)
            runner.finished.connect(self._job_finished)

    def show_message(self, text: str, timeout_ms: int = 8000) -> None:
        """A message in the status bar for ``timeout_ms``. A message longer than the room beside the model
        label hides that label while it shows (it used to be cut off under it); one longer than the whole bar
        ends in "…", whole in the bar's tooltip."""
        bar = self.statusBar()
        metrics = bar.fontMetrics()
        room = bar.width() - self._model_label.sizeHint().width() - STATUS_PADDING
        self._model_label.setVisible(metrics.horizontalAdvance(text) <= room)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, bar.width() - STATUS_PADDING) \
            if bar.isVisible() else text  # a hidden bar has no width yet
        bar.setToolTip(text if shown != text else "")
        bar.showMessage(shown, timeout_ms)

    @Slot(str)
    def _message_changed(self, message: str) -> None:
        if not message:  # the message timed out or was cleared: the model label comes back
            self._model_label.show()
            self.statusBar().setToolTip("")

    def data_dir_text(self) -> str:
        return str(self.home) if self.home else os.environ.get("PREFLAB_HOME") or self.tr("default data dir")

    def _show_model(self) -> None:
        names = {"smollm2": "SmolLM2-135M-Instruct", "tiny": self.tr("tiny test model")}
        self._model_label.setText(self.tr("Model: {model}   ·   Data: {data}").format(
            model=names.get(self._model_spec, self._model_spec), data=self.data_dir_text()))

    def runners(self) -> list[JobRunner]:
        return self.findChildren(JobRunner)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        for i in range(self.tabs.count()):
            keep = getattr(self.tabs.widget(i), "keep_draft", None)
            if keep is not None:
                keep()  # unsaved edits (the constitution) survive the close
        settings.set_window_geometry(self.saveGeometry())
        if self.current_tab_title():
            settings.set_last_tab(self.current_tab_title())
        for runner in self.runners():
            runner.shutdown(CLOSE_WAIT_MS)
        self.model_session.close()
        super().closeEvent(event)


def _carry_over(old: QWidget, new: QWidget) -> None:
    """Hand what a rebuilt tab would lose from ``old`` to ``new``: its plotted series (any
    :class:`MetricsPlot` attribute the new tab has too, exactly once each), whether its guide was open, and the
    tab's own ``export_state()``."""
    from gui.widgets.metrics_plot import MetricsPlot

    for name, plot in vars(old).items():
        twin = getattr(new, name, None)
        if isinstance(plot, MetricsPlot) and isinstance(twin, MetricsPlot):
            twin.import_state(plot.export_state())
    old_guide, new_guide = getattr(old, "guide", None), getattr(new, "guide", None)
    if old_guide is not None and new_guide is not None and hasattr(new_guide, "set_collapsed"):
        new_guide.set_collapsed(old_guide.is_collapsed())
    if hasattr(old, "export_state") and hasattr(new, "import_state"):
        new.import_state(old.export_state())

