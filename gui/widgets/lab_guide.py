"""A lab tab's content with that lab's :class:`GuidePanel` at its right edge, in one horizontal splitter.

The guide starts as a slim "Guide" rail, so forms and plots keep the whole width of a 1200 px window; the
learner opens it with a click and can drag the splitter to make it wider. Whether each lab's guide was left
open is remembered (:func:`gui.settings.guide_open`). The guide's language is the app's language; the panel's
own buttons are translated here because ``guide_panel`` keeps to plain English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QSplitter, QWidget

from gui import i18n, settings
from gui.widgets.guide_panel import GuidePanel

GUIDE_WIDTH = 380  # opened: wide enough for the formulas' code blocks without a scroll bar
# The narrowest the open guide may get (GuidePanel's own minimum is 280): the widest lab, Constitution, needs
# ~950 px, so a 1200 px window still holds it and an open guide instead of growing past the screen.
GUIDE_MIN_WIDTH = 220


def open_width(total: int) -> int:
    """The open guide's share of ``total`` px: GUIDE_WIDTH, but no more than ~28% of a narrow window, so the
    forms and plots keep their room (the splitter's minimum sizes have the last word)."""
    return max(GUIDE_MIN_WIDTH, min(GUIDE_WIDTH, int(total * 0.28)))


class GuideSplitter(QSplitter):
    """``content`` (stretching) | the guide of ``lab`` (a rail when collapsed)."""

    def __init__(self, content: QWidget, lab: str, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.lab = lab
        self.guide = GuidePanel(lab, i18n.current_language())
        self.guide.collapse_button.setText(QCoreApplication.translate("LabGuide", "Guide ▸"))
        self.guide.collapse_button.setToolTip(QCoreApplication.translate("LabGuide", "Hide the guide"))
        self.guide.language_combo.setToolTip(QCoreApplication.translate("LabGuide", "Language of the guide"))
        self.guide.rail.setText(QCoreApplication.translate("LabGuide", "Guide"))
        self.guide.rail.setToolTip(QCoreApplication.translate("LabGuide", "Show the guide to this lab"))
        self.guide.body.setMinimumWidth(GUIDE_MIN_WIDTH)
        self.addWidget(content)
        self.addWidget(self.guide)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.setChildrenCollapsible(False)
        self.setHandleWidth(6)
        is_open = settings.guide_open(lab)
        self.guide.set_collapsed(not is_open)
        self.setSizes([1200 - open_width(1200), open_width(1200)] if is_open else [1200, 0])
        self.guide.toggled.connect(self._on_toggled)

    @Slot(bool)
    def _on_toggled(self, collapsed: bool) -> None:
        settings.set_guide_open(self.lab, not collapsed)
        total = sum(self.sizes()) or self.width()
        guide = self.guide.maximumWidth() if collapsed else open_width(total)
        self.setSizes([total - guide, guide])


def install_lab_layout(tab: QWidget, left: QWidget, right: QWidget, lab: str, sizes: tuple[int, int]) -> GuideSplitter:
    """The layout every lab tab shares: ``left`` (form) | ``right`` (plots, results, stretching) | the guide.

    Returns the guide splitter (``tab.guided``; its panel is ``tab.guide``).
    """
    from PySide6.QtWidgets import QVBoxLayout

    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(list(sizes))
    splitter.setChildrenCollapsible(False)
    tab.guided = GuideSplitter(splitter, lab)
    tab.guide = tab.guided.guide
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(10, 10, 10, 10)
    layout.addWidget(tab.guided)
    return tab.guided
