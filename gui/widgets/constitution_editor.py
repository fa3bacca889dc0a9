"""The Constitution tab's principle editor: the principle list (checkbox = enabled, drag or Up/Down to reorder)
and a form, with every change an undoable command on a ``QUndoStack`` (Ctrl+Z / Ctrl+Shift+Z), Save (each save
keeps a version), Versions… and Open file…. Reading, writing and versioning the TOML is ``core.principles``."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core import principles
from core.paths import RESOURCES
from core.principles import Constitution, ConstitutionError, Principle
from gui.widgets.forms import note as _note
from gui.widgets.messages import show_error
from gui.widgets.style import MUTED_COLOUR
from gui.widgets.versions_dialog import VersionsDialog

# The model reads these requests, and it works in English: they stay English in every interface language.
NEW_CRITIQUE = "Does the reply ...? Answer in one sentence."
NEW_REVISION = "Rewrite the reply so that ... Reply with the tutor's answer only."


# --- the principle editor -----------------------------------------------------------------------------

class _Change(QUndoCommand):
    """One edit of the principle list, stored as the whole list before and after (a constitution is tiny).

    Consecutive typing in the same field of the same principle merges into one undo step.
    """

    MERGE_ID = 2002

    def __init__(self, editor: ConstitutionEditor, text: str, before: Constitution, after: Constitution,
                 row_before: int, row_after: int, merge_key: tuple | None = None) -> None:
        super().__init__(text)
        self.editor, self.before, self.after = editor, before, after
        self.row_before, self.row_after, self.merge_key = row_before, row_after, merge_key

    def id(self) -> int:  # noqa: A003 - Qt API
        return self.MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, _Change) or other.merge_key != self.merge_key:
            return False
        self.after, self.row_after = other.after, other.row_after
        return True

    def redo(self) -> None:
        self.editor._apply(self.after, self.row_after)

    def undo(self) -> None:
        self.editor._apply(self.before, self.row_before)


class _UndoKeysToStack(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z in the form's text fields reach the tab's undo stack.

    A focused text widget claims those keys (ShortcutOverride) for its own undo; refusing the override lets
    the tab's shortcut fire, so every edit is undone in one place and in one order.
    """

    KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ShortcutOverride and (
                any(event.matches(k) for k in self.KEYS) or event.keyCombination().toCombined()
                == QKeySequence("Ctrl+Shift+Z")[0].toCombined()):
            return True  # consumed, not accepted: the shortcut fires
        return False


class ConstitutionEditor(QWidget):
    """The principle list + form over a working copy of the constitution file, with undo and versions."""

    saved = Signal(str)

    def __init__(self, path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.stack = QUndoStack(self)
        self._doc = Constitution()
        self._row = -1
        self._syncing = False
        self._typing = 0  # bumped when the selected principle changes: typing merges only within one visit
        self._build()
        self.stack.cleanChanged.connect(self._show_state)
        self.stack.indexChanged.connect(self._show_state)

    # layout ---------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setToolTip(self.tr("Tick to enable a principle; drag (or Up / Down) to change the order they "
                                     "are used in."))
        self.list.currentRowChanged.connect(self._on_row)
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.model().rowsMoved.connect(lambda *_: QTimer.singleShot(0, self._after_drop))

        self.add_button, self.delete_button = QPushButton(self.tr("Add")), QPushButton(self.tr("Delete"))
        self.up_button, self.down_button = QPushButton(self.tr("Up")), QPushButton(self.tr("Down"))
        self.add_button.clicked.connect(self.add_principle)
        self.delete_button.clicked.connect(self.delete_principle)
        self.up_button.clicked.connect(lambda: self.move_principle(-1))
        self.down_button.clicked.connect(lambda: self.move_principle(1))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(b)

        self.name = QLineEdit()
        self.critique = QPlainTextEdit()
        self.revision = QPlainTextEdit()
        self.critique.setToolTip(self.tr("Asked after the tutor's answer: the model critiques its answer against "
                                         "this."))
        self.revision.setToolTip(self.tr("Asked after the critique: the model rewrites its answer. End with "
                                         "'Reply with the tutor's answer only.' so the revision is a clean reply."))
        keys = _UndoKeysToStack(self)
        for edit in (self.critique, self.revision):
            edit.setUndoRedoEnabled(False)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
            edit.installEventFilter(keys)
        self.name.installEventFilter(keys)
        self.name.textChanged.connect(lambda text: self._edit_field("name", text))
        self.critique.textChanged.connect(lambda: self._edit_field("critique", self.critique.toPlainText()))
        self.revision.textChanged.connect(lambda: self._edit_field("revision", self.revision.toPlainText()))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Critique request"), self.critique)
        form.addRow(self.tr("Revision request"), self.revision)

        self.undo_action = self.stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_button, self.redo_button = QPushButton(self.tr("Undo")), QPushButton(self.tr("Redo"))
        self.undo_button.clicked.connect(self.stack.undo)
        self.redo_button.clicked.connect(self.stack.redo)
        self.undo_button.setToolTip(self.tr("Undo (Ctrl+Z)"))
        self.redo_button.setToolTip(self.tr("Redo (Ctrl+Shift+Z)"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.versions_button = QPushButton(self.tr("Versions…"))
        self.versions_button.clicked.connect(self.show_versions)
        self.open_button = QPushButton(self.tr("Open file…"))
        self.open_button.clicked.connect(self.choose_file)
        file_row = QGridLayout()
        for i, b in enumerate((self.undo_button, self.redo_button, self.save_button, self.versions_button,
                               self.open_button)):
            file_row.addWidget(b, i // 3, i % 3)
        self.state_label = _note("")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(form, 4)
        layout.addLayout(file_row)
        layout.addWidget(self.state_label)

    # the document -----------------------------------------------------------------------------------

    def constitution(self) -> Constitution:
        return copy.deepcopy(self._doc)

    def current_principle(self) -> Principle | None:
        """A copy of the selected principle as it is typed now (saved or not); None when there is none."""
        return copy.deepcopy(self._doc.principles[self._row]) if 0 <= self._row < len(self._doc.principles) else None

    @property
    def dirty(self) -> bool:
        return not self.stack.isClean()

    def load_initial(self, constitution: Constitution) -> None:
        """Show ``constitution`` as the saved state (no undo step)."""
        self.stack.clear()
        self._apply(copy.deepcopy(constitution), 0)
        self.stack.setClean()
        self._show_state()

    def replace(self, constitution: Constitution, text: str) -> None:
        """Replace the whole document as one undoable step (Open file, Restore)."""
        self._push(text, copy.deepcopy(constitution), 0)

    def _push(self, text: str, after: Constitution, row: int, merge_key: tuple | None = None) -> None:
        self.stack.push(_Change(self, text, self.constitution(), after, self._row, row, merge_key))

    def _apply(self, doc: Constitution, row: int) -> None:
        """Show ``doc`` (called by undo/redo); widgets already showing the right text are left alone."""
        self._doc = copy.deepcopy(doc)
        self._syncing = True
        try:
            self.list.clear()
            for i, p in enumerate(self._doc.principles):
                item = QListWidgetItem(p.name or self.tr("(no name)"))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)  # drop between rows, not onto
                item.setCheckState(Qt.CheckState.Checked if p.enabled else Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.UserRole, i)
                if not p.enabled:
                    item.setForeground(QBrush(QColor(MUTED_COLOUR)))
                self.list.addItem(item)
            self._row = min(max(row, 0), len(self._doc.principles) - 1)
            self.list.setCurrentRow(self._row)
            self._fill_form()
        finally:
            self._syncing = False
        self._show_state()

    def _fill_form(self) -> None:
        p = self._doc.principles[self._row] if 0 <= self._row < len(self._doc.principles) else None
        for widget, value in ((self.name, p.name if p else ""), (self.critique, p.critique if p else ""),
                              (self.revision, p.revision if p else "")):
            widget.setEnabled(p is not None)
            current = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            if current != value:
                if isinstance(widget, QLineEdit):
                    widget.setText(value)
                else:
                    widget.setPlainText(value)

    # edits (each one an undo step) -----------------------------------------------------------------

    def _edit_field(self, field: str, value: str) -> None:
        if self._syncing or not 0 <= self._row < len(self._doc.principles):
            return
        old = getattr(self._doc.principles[self._row], field)
        if value == old:
            return
        after = self.constitution()
        setattr(after.principles[self._row], field, value)
        name = old if field == "name" else after.principles[self._row].name
        text = {"name": self.tr("edit the name of “{name}”"),
                "critique": self.tr("edit the critique request of “{name}”"),
                "revision": self.tr("edit the revision request of “{name}”")}[field]
        self._push(text.format(name=name), after, self._row, merge_key=(self._row, field, self._typing))

    @Slot(QListWidgetItem)
    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._syncing:
            return
        row = self.list.row(item)
        enabled = item.checkState() == Qt.CheckState.Checked
        if enabled != self._doc.principles[row].enabled:
            self.set_enabled(row, enabled)

    def set_enabled(self, row: int, enabled: bool) -> None:
        after = self.constitution()
        after.principles[row].enabled = enabled
        text = self.tr("enable “{name}”") if enabled else self.tr("disable “{name}”")
        self._push(text.format(name=after.principles[row].name), after, row)

    @Slot()
    def add_principle(self) -> None:
        after = self.constitution()
        names = {p.name for p in after.principles}
        n = 1
        while self.tr("New principle {n}").format(n=n) in names:
            n += 1
        name = self.tr("New principle {n}").format(n=n)
        after.principles.insert(self._row + 1, Principle(name, NEW_CRITIQUE, NEW_REVISION))
        self._push(self.tr("add “{name}”").format(name=name), after, self._row + 1)
        self.name.setFocus()
        self.name.selectAll()

    @Slot()
    def delete_principle(self) -> None:
        if len(self._doc.principles) <= 1:
            return  # a constitution needs at least one principle
        after = self.constitution()
        gone = after.principles.pop(self._row)
        self._push(self.tr("delete “{name}”").format(name=gone.name), after, min(self._row, len(after.principles) - 1))

    def move_principle(self, delta: int) -> None:
        row, target = self._row, self._row + delta
        if not (0 <= row < len(self._doc.principles) and 0 <= target < len(self._doc.principles)):
            return
        after = self.constitution()
        ps = after.principles
        ps[row], ps[target] = ps[target], ps[row]
        text = self.tr("move “{name}” up") if delta < 0 else self.tr("move “{name}” down")
        self._push(text.format(name=ps[target].name), after, target)

    @Slot()
    def _after_drop(self) -> None:
        """The list was reordered by drag and drop: record the new order as one undo step."""
        order = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        if order == list(range(len(self._doc.principles))) or sorted(order) != list(range(len(order))):
            return
        after = self.constitution()
        after.principles = [self._doc.principles[i] for i in order]
        moved = self.list.currentRow()
        self._push(self.tr("reorder principles"), copy.deepcopy(after), max(moved, 0))

    @Slot(int)
    def _on_row(self, row: int) -> None:
        if self._syncing or row < 0:
            return
        self._row = row
        self._typing += 1
        self._syncing = True
        try:
            self._fill_form()
        finally:
            self._syncing = False
        self._show_state()

    def select(self, row: int) -> None:
        self.list.setCurrentRow(row)

    @Slot()
    def _show_state(self) -> None:
        n = len(self._doc.principles)
        self.delete_button.setEnabled(n > 1)
        self.up_button.setEnabled(self._row > 0)
        self.down_button.setEnabled(0 <= self._row < n - 1)
        self.undo_button.setEnabled(self.stack.canUndo())
        self.redo_button.setEnabled(self.stack.canRedo())
        self.undo_button.setToolTip(self.tr("Undo {what} (Ctrl+Z)").format(what=self.stack.undoText())
                                    if self.stack.canUndo() else self.tr("Undo"))
        self.redo_button.setToolTip(self.tr("Redo {what} (Ctrl+Shift+Z)").format(what=self.stack.redoText())
                                    if self.stack.canRedo() else self.tr("Redo"))
        enabled = sum(p.enabled for p in self._doc.principles)
        where = self.path.name if self.path else self.tr("not saved")
        state = self.tr("unsaved changes") if self.dirty else self.tr("saved")
        self.state_label.setText(self.tr("{enabled} of {n} principles enabled · {where} · {state}").format(
            enabled=enabled, n=n, where=where, state=state))

    # files ------------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Write the working copy (the previous content becomes a version). False (and a message) if invalid."""
        if self.path is None:
            show_error(self, self.tr("Cannot save"), self.tr("There is no writable data dir for the constitution "
                                                             "file."))
            return False
        try:
            principles.save(self._doc, self.path)
        except (ConstitutionError, OSError) as exc:
            show_error(self, self.tr("The constitution was not saved"), str(exc))
            return False
        self.stack.setClean()
        self._show_state()
        self.saved.emit(str(self.path))
        return True

    def save_if_dirty(self) -> bool:
        return self.save() if self.dirty or (self.path is not None and not self.path.exists()) else True

    @Slot()
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a constitution"), str(RESOURCES),
                                              self.tr("Constitution (*.toml);;All files (*)"))
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> bool:
        """Load another TOML into the editor (undoable). On error show it and keep the editor as it is."""
        try:
            constitution = principles.load(path)
        except ConstitutionError as exc:
            show_error(self, self.tr("Cannot open this constitution"), str(exc))
            return False
        self.replace(constitution, self.tr("open {name}").format(name=Path(path).name))
        return True

    @Slot()
    def show_versions(self) -> VersionsDialog:
        dialog = VersionsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def restore_version(self, version: Path) -> bool:
        """Make ``version`` the saved file (the current file is kept as a version) and show it (undoable)."""
        if self.path is None:
            return False
        try:
            constitution = principles.restore(self.path, version)
        except (ConstitutionError, OSError) as exc:
            show_error(self, self.tr("Cannot restore this version"), str(exc))
            return False
        self.replace(constitution, self.tr("restore {version}").format(version=version.name.split("-")[0]))
        self.stack.setClean()
        self._show_state()
        self.saved.emit(str(self.path))
        return True


