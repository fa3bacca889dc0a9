"""The Label tab's "People's labels" box: labeled, ties, skipped, annotators and their agreement (Cohen's kappa)
counted over people only; the machine annotators (the AI, the constitution loop) are counted apart.

The texts keep the Label tab's translation context. Not here: the counts and kappa (``core.store``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel

from core.store import HUMAN, PreferenceStore
from gui.widgets.forms import note as _muted

translate = QCoreApplication.translate


class PeopleStatsBox(QGroupBox):
    """A grid of six numbers, filled from the store by :meth:`fill` (the number of pairs is the tab's counter)."""

    def __init__(self) -> None:
        super().__init__(translate("LabelTab", "People's labels"))
        self.setToolTip(translate("LabelTab", "Labeled, ties, skipped, annotators and agreement count people "
                                              "only."))
        self.stat_labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        names = [("labeled", translate("LabelTab", "Labeled")), ("ties", translate("LabelTab", "Ties")),
                 ("skipped", translate("LabelTab", "Skipped")), ("annotators", translate("LabelTab", "Annotators")),
                 ("agreement", translate("LabelTab", "Agreement (κ)")),
                 ("machine_annotators", translate("LabelTab", "AI annotators"))]
        for i, (key, text) in enumerate(names):
            value = QLabel("—")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.stat_labels[key] = value
            grid.addWidget(_muted(text), i // 2, 2 * (i % 2))
            grid.addWidget(value, i // 2, 2 * (i % 2) + 1)
        self.stat_labels["agreement"].setToolTip(translate(
            "LabelTab", "Cohen's kappa between annotators on the pairs both labeled: 1 is full agreement, 0 is "
            "what chance would give. It needs two annotators who labeled a common pair."))
        self.stat_labels["machine_annotators"].setToolTip(translate(
            "LabelTab", "Programs that label: the AI (ai:…) and the constitution loop (constitution:…). Their "
            "labels are counted apart from people's; compare the AI with you in the AI annotator tab."))
        self.setLayout(grid)

    def fill(self, store: PreferenceStore) -> None:
        people = store.counts(HUMAN)
        stats = store.stats()
        values = {"labeled": people["labeled"], "ties": people["ties"],
                  "skipped": people["skipped"], "annotators": stats["annotators"],
                  "agreement": stats["agreement"], "machine_annotators": stats["machine_annotators"]}
        for key, label in self.stat_labels.items():
            value = values[key]
            label.setText("—" if value is None else f"{value:.2f}" if key == "agreement" else str(value))
