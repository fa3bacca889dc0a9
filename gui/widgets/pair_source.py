"""Where a preference lab takes its pairs: the bundled 200 seed pairs, the learner's labels, the AI's labels
(annotators ``ai:<principle>`` in the store), both, or a JSONL file.

The combo's data is what core jobs take as ``pairs`` (core/pairs.py): a file path, ``"store:human"`` (every
person's labels, no machine's), ``"store:ai:honest"`` (one AI annotator's) or ``"store"`` (every annotator's
labels voting). The AI annotators are read from the store each time the combo is refreshed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QWidget

from core import pairs
from core.pairs import store_source
from core.paths import DATA_DIR
from core.store import HUMAN

SEED_PAIRS = str(pairs.SEED_PAIRS)  # the combo's data are strings: what core jobs take as ``pairs``
HELDOUT_PAIRS = str(pairs.HELDOUT_PAIRS)


def ai_annotators(home=None) -> list[str]:
    """The ``ai:<principle>`` annotators holding labels in the learner's store (none when it cannot be read)."""
    from core.store import PreferenceStore, StoreError
    from core.workspace import data_home, store_path

    try:
        path = store_path(data_home(home))
        if not path.is_file():
            return []
        with PreferenceStore(path) as store:
            return [a for a in store.annotators() if a.startswith("ai:")]
    except (StoreError, sqlite3.Error, OSError):
        return []


class PairSourceBox(QWidget):
    """A combo: seed pairs / my labels / AI labels / both / a JSONL file; ``source()`` is what core jobs take."""

    def __init__(self, parent: QWidget | None = None, home=None) -> None:
        super().__init__(parent)
        self.home = home
        self.combo = QComboBox()
        self.combo.setToolTip(self.tr("Train on the bundled seed pairs, on the pairs you labeled, on the labels "
                                      "of the AI annotator (Label tab: “Label the rest with the AI”), on both, "
                                      "or on a TRL preference JSONL file."))
        self.refresh()
        browse = QPushButton(self.tr("File…"))
        browse.setToolTip(self.tr("Use a TRL preference JSONL file (prompt / chosen / rejected)"))
        browse.clicked.connect(self._choose_file)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(browse)

    def refresh(self) -> None:
        """Rebuild the choices (the AI annotators in the store may have changed), keeping the current one."""
        current = self.combo.currentData()
        files = [(self.combo.itemText(i), self.combo.itemData(i)) for i in range(self.combo.count())
                 if Path(str(self.combo.itemData(i))).suffix == ".jsonl" and self.combo.itemData(i) != SEED_PAIRS]
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("200 seed pairs (bundled)"), SEED_PAIRS)
        self.combo.addItem(self.tr("My labels (Label tab)"), store_source(HUMAN))
        for annotator in ai_annotators(self.home):
            self.combo.addItem(self.tr("AI labels ({annotator})").format(annotator=annotator),
                               store_source(annotator))
        self.combo.addItem(self.tr("My labels and AI labels (all vote)"), store_source(""))
        for text, data in files:
            self.combo.addItem(text, data)
        self.combo.blockSignals(False)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(max(0, index))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.isEnabled():
            self.refresh()  # labels made in the Label tab since the last look
        super().showEvent(event)

    def source(self) -> str:
        return self.combo.currentData()

    def set_source(self, source: str) -> None:
        """Select ``source`` (a store source or a file; a file not listed yet is added)."""
        index = self.combo.findData(source)
        if index < 0:
            if Path(source).suffix != ".jsonl":
                return  # an AI annotator no longer in the store: keep the current choice
            self.combo.addItem(Path(source).name, source)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def set_file(self, path: str) -> None:
        self.set_source(path)

    def export_state(self) -> str:
        return self.source()

    def import_state(self, source: str) -> None:
        self.set_source(source)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Preference pairs"), str(DATA_DIR),
                                              self.tr("JSONL (*.jsonl)"))
        if path:
            self.set_file(path)
