"""Where a preference lab takes its pairs: the bundled 200 seed pairs, or the learner's own labels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QWidget

REPO = Path(__file__).resolve().parents[2]
SEED_PAIRS = str(REPO / "data" / "pairs_train.jsonl")
HELDOUT_PAIRS = str(REPO / "data" / "pairs_heldout.jsonl")


class PairSourceBox(QWidget):
    """A combo: seed pairs / my labels (the store) / a JSONL file; ``source()`` is what core jobs take."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.addItem(self.tr("200 seed pairs (bundled)"), SEED_PAIRS)
        self.combo.addItem(self.tr("My labels (Label tab)"), "store")
        self.combo.setToolTip(self.tr("Train on the bundled seed pairs, on the pairs you labeled, or on a TRL "
                                      "preference JSONL file."))
        browse = QPushButton(self.tr("File…"))
        browse.setToolTip(self.tr("Use a TRL preference JSONL file (prompt / chosen / rejected)"))
        browse.clicked.connect(self._choose_file)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(browse)

    def source(self) -> str:
        return self.combo.currentData()

    def set_file(self, path: str) -> None:
        index = self.combo.findData(path)
        if index < 0:
            self.combo.addItem(Path(path).name, path)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Preference pairs"), str(REPO / "data"),
                                              self.tr("JSONL (*.jsonl)"))
        if path:
            self.set_file(path)
