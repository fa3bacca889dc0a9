"""A lab tab's content with that lab's :class:`GuidePanel` at its right edge.

The guide starts as a slim "Guide" rail, so forms and plots keep the whole width of the window; the learner
opens it with a click and can drag its left edge to make it wider or narrower. Opened, it sits beside the
content when both fit (the plots shrink), and otherwise lies over the content's right part (the content keeps
its size under it): opening the guide never makes the tab, and so the window, wider. Whether each lab's guide
was left open is remembered (:func:`gui.settings.guide_open`). The guide's language is the app's language; the
panel's own buttons are translated here because ``guide_panel`` keeps to plain English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Slot
from PySide6.QtGui import QColor, QMouseEvent, QPainter
from PySide6.QtWidgets import QSplitter, QWidget

from gui import i18n, settings
from gui.widgets.guide_panel import GuidePanel

GUIDE_WIDTH = 380  # opened: wide enough for the formulas' code blocks without a scroll bar
GUIDE_MIN_WIDTH = 220  # the narrowest the open guide may be dragged (GuidePanel's own minimum is 280)
HANDLE_WIDTH = 6  # the drag handle at the open guide's left edge
HANDLE_COLOUR = "#c8ccd0"


class _Handle(QWidget):
    """The open guide's left edge: drag it to resize the guide."""

    def __init__(self, owner: GuideSplitter) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setCursor(Qt.CursorShape.SplitHCursor)
        self.setToolTip(QCoreApplication.translate("LabGuide", "Drag to make the guide wider or narrower"))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        QPainter(self).fillRect(self.rect(), QColor(HANDLE_COLOUR))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.buttons() & Qt.MouseButton.LeftButton:
            x = self.mapTo(self.owner, event.position().toPoint()).x()
            self.owner.set_guide_width(self.owner.width() - x - HANDLE_WIDTH // 2)


class GuideSplitter(QWidget):
    """``content`` (stretching) | the guide of ``lab`` (a rail when collapsed).

    Laid out by hand rather than by a QSplitter, whose minimum is the sum of both sides: here the minimum is
    the content's plus the rail's, and the open guide overlays the content when they do not both fit.
    """

    def __init__(self, content: QWidget, lab: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lab = lab
        self.content = content
        content.setParent(self)
        self.guide = GuidePanel(lab, i18n.current_language(), self)
        self.guide.collapse_button.setText(QCoreApplication.translate("LabGuide", "Guide ▸"))
        self.guide.collapse_button.setToolTip(QCoreApplication.translate("LabGuide", "Hide the guide"))
        self.guide.language_combo.setToolTip(QCoreApplication.translate("LabGuide", "Language of the guide"))
        self.guide.rail.setText(QCoreApplication.translate("LabGuide", "Guide"))
        self.guide.rail.setToolTip(QCoreApplication.translate("LabGuide", "Show the guide to this lab"))
        self.guide.body.setMinimumWidth(GUIDE_MIN_WIDTH)
        self.guide.setAutoFillBackground(True)  # opaque where it lies over the content
        self.handle = _Handle(self)
        self._guide_width: int | None = None  # None: GUIDE_WIDTH; else as the learner dragged it
        self.guide.set_collapsed(not settings.guide_open(lab))
        self.guide.toggled.connect(self._on_toggled)
        self._place()

    # size and layout ------------------------------------------------------------------------------------

    def _rail_width(self) -> int:
        return self.guide.rail.sizeHint().width()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        content = self.content.minimumSizeHint().expandedTo(self.content.minimumSize())
        return QSize(content.width() + self._rail_width(),
                     max(content.height(), self.guide.rail.minimumSizeHint().height()))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        content = self.content.sizeHint()
        return QSize(content.width() + self._rail_width(), content.height())

    def _content_min_width(self) -> int:
        return self.content.minimumSizeHint().expandedTo(self.content.minimumSize()).width()

    def _open_layout(self) -> tuple[bool, int]:
        """(whether the open guide overlays the content, its width): GUIDE_WIDTH or as dragged, beside the
        content when the content keeps its minimum width there, else over it."""
        total = self.width()
        width = max(GUIDE_MIN_WIDTH, min(self._guide_width or GUIDE_WIDTH, total - self._rail_width()))
        return total - width - HANDLE_WIDTH < self._content_min_width(), width

    def guide_width(self) -> int:
        """The open guide's width now (whether beside or over the content)."""
        return self._open_layout()[1]

    def set_guide_width(self, width: int) -> None:
        self._guide_width = max(GUIDE_MIN_WIDTH, min(int(width), self.width() - self._rail_width()))
        self._place()

    def overlays(self) -> bool:
        """Whether the open guide lies over the content (there is no room for both side by side)."""
        return not self.guide.is_collapsed() and self._open_layout()[0]

    def _place(self) -> None:
        width, height = self.width(), self.height()
        rail = self._rail_width()
        if self.guide.is_collapsed():
            self.handle.hide()
            self.content.setGeometry(0, 0, width - rail, height)
            self.guide.setGeometry(width - rail, 0, rail, height)
            return
        overlay, guide = self._open_layout()
        left = width - guide - HANDLE_WIDTH
        content_width = width - rail if overlay else left
        self.content.setGeometry(0, 0, max(0, content_width), height)
        self.handle.setGeometry(left, 0, HANDLE_WIDTH, height)
        self.guide.setGeometry(width - guide, 0, guide, height)
        self.handle.show()
        self.handle.raise_()
        self.guide.raise_()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._place()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the content's size hints changed: tell our parent
            self.updateGeometry()
            self._place()
        return super().event(event)

    @Slot(bool)
    def _on_toggled(self, collapsed: bool) -> None:
        settings.set_guide_open(self.lab, not collapsed)
        self.updateGeometry()
        self._place()


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
