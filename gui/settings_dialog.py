"""The Settings dialog (File > Settings…): interface language, the model the app opens with, the annotator
name of the Label tab, and the data dir (shown, not edited: it is chosen with ``--workspace`` or
``$PREFLAB_HOME`` before the window opens).

OK saves every field (:mod:`gui.settings`) and applies it to the open window at once; the language switch
rebuilds the tabs (:meth:`gui.main_window.MainWindow.set_language`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gui import i18n, settings
from gui.widgets.messages import show_error
from gui.widgets.style import MUTED_STYLE

if TYPE_CHECKING:
    from gui.main_window import MainWindow

LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each in its own language, as language menus do


class SettingsDialog(QDialog):
    def __init__(self, main: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or main)
        self.main = main
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)

        self.language = QComboBox()
        system = LANGUAGE_NAMES[i18n.system_language()]
        self.language.addItem(self.tr("System default ({language})").format(language=system), "system")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language())))
        self.language.setToolTip(self.tr("The language of the interface and of the lab guides"))

        self.model = QComboBox()
        self.model.addItem(self.tr("Embedded SmolLM2-135M-Instruct"), "smollm2")
        self.model.addItem(self.tr("Tiny test model (random weights)"), "tiny")
        self.model.addItem(self.tr("Folder…"), None)
        self._select_model(main.model_spec)
        self._model_index = self.model.currentIndex()
        self.model.currentIndexChanged.connect(self._on_model_index)
        self.model.setToolTip(self.tr("The model every lab uses; the app opens with it next time too"))

        self.annotator = QLineEdit(settings.annotator())
        from gui.tabs.label_tab import default_annotator

        self.annotator.setPlaceholderText(default_annotator())
        self.annotator.setToolTip(self.tr("The name your labels are stored under in the Label tab (empty: your "
                                          "login name)"))

        self.data_dir = QLineEdit(main.data_dir_text())
        self.data_dir.setReadOnly(True)
        self.data_dir.setToolTip(self.tr("Runs, the preference store and the model cache live here. Choose "
                                         "another one with --workspace DIR or $PREFLAB_HOME."))

        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Default model"), self.model)
        form.addRow(self.tr("Annotator name"), self.annotator)
        form.addRow(self.tr("Data dir"), self.data_dir)
        note = QLabel(self.tr("Changing the language rebuilds the tabs; while a job is running, it waits until "
                              "the job ends."))
        note.setWordWrap(True)
        note.setStyleSheet(MUTED_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    # the model picker -----------------------------------------------------------------------------------

    def _select_model(self, spec: str) -> None:
        index = self.model.findData(spec)
        if index < 0:
            index = self.model.count() - 1  # just above "Folder…"
            self.model.insertItem(index, self.tr("Folder: {name}").format(name=Path(spec).name or spec), spec)
        self.model.setCurrentIndex(index)

    @Slot(int)
    def _on_model_index(self, index: int) -> None:
        if self.model.itemData(index) is not None:
            self._model_index = index
            return
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a Hugging Face model folder"))
        spec = self._check_folder(path) if path else None
        self.model.blockSignals(True)
        if spec is None:
            self.model.setCurrentIndex(self._model_index)
        else:
            self._select_model(spec)
            self._model_index = self.model.currentIndex()
        self.model.blockSignals(False)

    def _check_folder(self, path: str) -> str | None:
        from core.models import ModelError, check_model_folder

        try:
            return str(check_model_folder(Path(path)))
        except ModelError as exc:
            show_error(self, self.tr("Not a usable model folder"), str(exc))
            return None

    # OK --------------------------------------------------------------------------------------------------

    def accept(self) -> None:
        """Save and apply every field; the language last, because switching it rebuilds the tabs."""
        spec = self.model.currentData()
        settings.set_model_spec(spec)
        self.main.set_model_spec(spec)
        self.main.set_annotator(self.annotator.text())
        language = self.language.currentData()
        super().accept()
        self.main.set_language(language)
