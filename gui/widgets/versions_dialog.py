"""The constitution's saved versions (newest first), a diff of each against the editor, and Restore."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
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
from core.principles import Constitution, ConstitutionError
from gui.widgets.diff_view import MUTED_STYLE, DiffView, word_diff_html
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
        layout.addWidget(_note(self.tr("Every save keeps the previous file as a version. The diff shows the "
                                       "principles that differ, field by field: red and struck as in the version, "
                                       "green as in the editor now.")))
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
        try:
            old = principles.load(version)
        except ConstitutionError:  # a broken file kept as a version: its text, line by line
            current = principles.dumps(self.editor.constitution())
            self.diff.show_unified(principles.diff(version.read_text(encoding="utf-8"), current, version.stem,
                                                   self.tr("editor")))
            return
        self.diff.setHtml(principle_changes_html(old, self.editor.constitution()))

    @Slot()
    def restore_selected(self) -> None:
        version = self.selected()
        if version is not None and self.editor.restore_version(version):
            self.refresh()


FIELDS = (("name", QT_TRANSLATE_NOOP("VersionsDialog", "Name")),
          ("enabled", QT_TRANSLATE_NOOP("VersionsDialog", "Enabled")),
          ("critique", QT_TRANSLATE_NOOP("VersionsDialog", "Critique request")),
          ("revision", QT_TRANSLATE_NOOP("VersionsDialog", "Revision request")))
TEXTS = (QT_TRANSLATE_NOOP("VersionsDialog", "yes"), QT_TRANSLATE_NOOP("VersionsDialog", "no"),
         QT_TRANSLATE_NOOP("VersionsDialog", "Constitution name"), QT_TRANSLATE_NOOP("VersionsDialog", "Order"),
         QT_TRANSLATE_NOOP("VersionsDialog", "only in the version (deleted since)"),
         QT_TRANSLATE_NOOP("VersionsDialog", "only in the editor (added since)"),
         QT_TRANSLATE_NOOP("VersionsDialog", "The principles are the same (only comments or spacing differ)."))


def _tr(text: str) -> str:
    return QCoreApplication.translate("VersionsDialog", text)


def _pairs(old: Constitution, new: Constitution) -> list[tuple]:
    """(old principle or None, new principle or None): matched by name, then the rest in order (a rename)."""
    new_names = {p.name for p in new.principles}
    old_names = {p.name for p in old.principles}
    lone_old = [p for p in old.principles if p.name not in new_names]
    lone_new = [p for p in new.principles if p.name not in old_names]
    renamed = dict(zip((id(p) for p in lone_new), lone_old))
    by_name = {p.name: p for p in old.principles}
    pairs = [(by_name.get(p.name) or renamed.get(id(p)), p) for p in new.principles]
    paired = {id(o) for o, _ in pairs if o is not None}
    return pairs + [(p, None) for p in old.principles if id(p) not in paired]


def _value(value) -> str:
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    return str(value)


def principle_changes_html(old: Constitution, new: Constitution) -> str:
    """The principles that differ between ``old`` (a saved version) and ``new`` (the editor), field by field as
    word diffs; unchanged principles and the file's comments are left out."""
    parts = []
    if old.name != new.name:
        parts.append(f"<p><b>{html.escape(_tr('Constitution name'))}</b><br>{word_diff_html(old.name, new.name)}</p>")
    for before, after in _pairs(old, new):
        if before is None or after is None:
            p, what = ((before, _tr("only in the version (deleted since)")) if after is None else
                       (after, _tr("only in the editor (added since)")))
            parts.append(f"<p><b>{html.escape(p.name)}</b> <span style='{MUTED_STYLE}'>{html.escape(what)}</span>"
                         "</p>")
            continue
        rows = [f"{html.escape(_tr(label))}: "
                f"{word_diff_html(_value(getattr(before, f)), _value(getattr(after, f)))}"
                for f, label in FIELDS if getattr(before, f) != getattr(after, f)]
        if rows:
            parts.append(f"<p><b>{html.escape(after.name)}</b><br>" + "<br>".join(rows) + "</p>")
    kept = {p.name for p in new.principles}
    old_order = [p.name for p in old.principles if p.name in kept]
    new_order = [p.name for p in new.principles if p.name in set(old_order)]
    if old_order != new_order:
        parts.append(f"<p><b>{html.escape(_tr('Order'))}</b><br>"
                     f"{word_diff_html(' → '.join(old_order), ' → '.join(new_order))}</p>")
    if not parts:
        same = _tr("The principles are the same (only comments or spacing differ).")
        return f"<i style='{MUTED_STYLE}'>{html.escape(same)}</i>"
    return "".join(parts)
