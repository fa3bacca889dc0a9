"""The main window: one tab per lab, a status bar, and the state the tabs share (model spec, data dir).

Tabs plug in through :data:`TABS` (title + a factory taking the window) or :meth:`MainWindow.add_tab`. Each
tab runs its jobs on its own :class:`gui.worker.JobRunner` (a child QObject); on close the window cancels
and joins every runner it finds among its children.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from gui.worker import JobRunner

CLOSE_WAIT_MS = 5000


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


# (title, factory) in display order; later labs (Label, Reward model, DPO, Constitution) append here.
TABS: list[tuple[str, Callable[[MainWindow], QWidget]]] = [
    ("Tutor", _tutor_tab),
    ("Label", _label_tab),
    ("Reward model", _reward_tab),
    ("DPO", _dpo_tab),
    ("Constitution", _constitution_tab),
]


class MainWindow(QMainWindow):
    """``home`` is the data dir passed to core (None: ``$PREFLAB_HOME`` or the platform default)."""

    model_changed = Signal(str)

    def __init__(self, home: str | os.PathLike | None = None, model_spec: str = "smollm2",
                 tabs: list[tuple[str, Callable[[MainWindow], QWidget]]] | None = None) -> None:
        super().__init__()
        self.home: Path | None = Path(home).expanduser() if home else None
        self._model_spec = model_spec or "smollm2"
        self.setWindowTitle("Preference Lab")
        self.resize(1200, 800)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._model_label = QLabel()
        self.statusBar().addPermanentWidget(self._model_label)
        self._show_model()
        for title, factory in TABS if tabs is None else tabs:
            self.add_tab(factory(self), title)

    @property
    def model_spec(self) -> str:
        return self._model_spec

    def set_model_spec(self, spec: str) -> None:
        if spec != self._model_spec:
            self._model_spec = spec
            self._show_model()
            self.model_changed.emit(spec)

    def add_tab(self, widget: QWidget, title: str) -> int:
        return self.tabs.addTab(widget, title)

    def show_message(self, text: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def _show_model(self) -> None:
        names = {"smollm2": "SmolLM2-135M-Instruct", "tiny": "tiny test model"}
        where = str(self.home) if self.home else os.environ.get("PREFLAB_HOME", "default data dir")
        self._model_label.setText(f"Model: {names.get(self._model_spec, self._model_spec)}   ·   Data: {where}")

    def runners(self) -> list[JobRunner]:
        return self.findChildren(JobRunner)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        for runner in self.runners():
            runner.shutdown(CLOSE_WAIT_MS)
        super().closeEvent(event)
