"""The constitution's saved versions (newest first), a diff of each against the editor, and Restore."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from core import principles
from gui.widgets.diff_view import DiffView
from gui.widgets.forms import note as _note
from gui.widgets.style import MUTED_COLOUR

if TYPE_CHECKING:
    from gui.widgets.constitution_editor import ConstitutionEditor


class VersionsDialog(QDialog):
    """Saved versions of the constitution (newest first), a diff of each against the editor, and Restore."""

    def __init__(self, editor: ConstitutionEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setWindowTitle(self.tr("Constitution versions"))
        self.resize(820, 560)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_diff)
        self.diff = DiffView(self.tr("Pick a version to see how it differs from the editor."))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setSizes([220, 600])
        self.restore_button = QPushButton(self.tr("Restore this version"))
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr("Every save keeps the previous file as a version. The diff shows what would "
                                       "change in the editor (− red: only in the version, + green: only in the "
                                       "editor now).")))
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.refresh()

    def versions(self) -> list[Path]:
        return list(reversed(principles.list_versions(self.editor.path))) if self.editor.path else []

    def refresh(self) -> None:
        self.list.clear()
        for v in self.versions():
            number, _, s = v.stem.partition("-")
            when = f"{s[:4]}-{s[4:6]}-{s[6:8]} {s[9:11]}:{s[11:13]}:{s[13:15]}" if len(s) == 15 else s
            item = QListWidgetItem(f"{number}  ·  {when}")
            item.setData(Qt.ItemDataRole.UserRole, str(v))
            self.list.addItem(item)
        self.restore_button.setEnabled(self.list.count() > 0)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            note = self.tr("No versions yet: save the constitution to keep one.")
            self.diff.setHtml(f"<i style='color:{MUTED_COLOUR}'>{note}</i>")

    def selected(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None

    @Slot(int)
    def _show_diff(self, _row: int) -> None:
        version = self.selected()
        if version is None:
            return
        current = principles.dumps(self.editor.constitution())
        self.diff.show_unified(principles.diff(version.read_text(encoding="utf-8"), current, version.stem,
                                               self.tr("editor")))

    @Slot()
    def restore_selected(self) -> None:
        version = self.selected()
        if version is not None and self.editor.restore_version(version):
            self.refresh()
