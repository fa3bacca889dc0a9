"""A collapsible side panel that shows a lab's guide: ``resources/guides/<language>/<lab>.md``.

The guides are plain Markdown rendered by ``QTextBrowser.setMarkdown`` (no LaTeX: formulas are Unicode in
code spans and code blocks). In "Check yourself" the answer line, a block quote that starts with a bold
label (``> **Answer:** ...``), is folded into a link until the learner clicks it.
Collapsed, the panel is a slim vertical "Guide" button; expanded, a header row and the browser.
This module holds only the view: no model, no training, nothing heavier than PySide6 and pathlib.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

GUIDES = Path(__file__).resolve().parents[2] / "resources" / "guides"
FALLBACK_LANGUAGE = "en"
LAB_ORDER = ("tutor", "label", "reward", "dpo", "constitution")  # the tab order
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
HEADING_COLOUR = "#0b5d8f"
TEXT_COLOUR = "#24292f"
CODE_COLOUR = "#1f2328"
CODE_BACKGROUND = "#f3f5f7"
ANSWER_BACKGROUND = "#eef6fb"
HEADING_SCALE = {1: 1.45, 2: 1.3, 3: 1.12}  # of the body size
ANSWER_ANCHOR = "guide:answer"
# "> **Answer:** text" (any language's label): group 1 is the label, group 2 the answer
ANSWER_LINE = re.compile(r"^>\s*\*\*(?P<label>[^*]+?):\*\*\s*(?P<text>.*)$")
NAME = re.compile(r"^[a-z][a-z0-9_-]*$")  # lab and language names: never a path
WIDGETSIZE_MAX = (1 << 24) - 1


def guide_path(lab: str, language: str = FALLBACK_LANGUAGE) -> Path:
    """The guide file for ``lab`` in ``language``, or the English one when that language has none."""
    for name in (lab, language):
        if not NAME.match(name):
            raise ValueError(f"not a lab or language name: {name!r}")
    path = GUIDES / language / f"{lab}.md"
    return path if path.is_file() else GUIDES / FALLBACK_LANGUAGE / f"{lab}.md"


def available_labs() -> list[str]:
    """Labs with an English guide, in tab order (any unknown extra ones last, by name)."""
    found = {p.stem for p in (GUIDES / FALLBACK_LANGUAGE).glob("*.md")}
    return [lab for lab in LAB_ORDER if lab in found] + sorted(found - set(LAB_ORDER))


def available_languages() -> list[str]:
    """Language folders that hold at least one guide, English first."""
    found = {p.name for p in GUIDES.iterdir() if p.is_dir() and any(p.glob("*.md"))} if GUIDES.is_dir() else set()
    return sorted(found, key=lambda lang: (lang != FALLBACK_LANGUAGE, lang))


def split_title(markdown: str) -> tuple[str, str]:
    """(the text of a leading ``# Title`` line, the rest): the title goes in the header row, not the page."""
    text = markdown.lstrip()
    first, _, rest = text.partition("\n")
    if first.startswith("# "):
        return first[2:].strip(), rest
    return "", text


def fold_answers(markdown: str, show: bool) -> str:
    """Replace each ``> **Label:** text`` answer line by a link (hidden) or by the label and text (shown)."""
    lines = []
    for line in markdown.splitlines():
        match = ANSWER_LINE.match(line)
        if match is None:
            lines.append(line)
        elif show:
            lines.append(f"> [▾ **{match['label']}:**]({ANSWER_ANCHOR}) {match['text']}")
        else:
            lines.append(f"> [▸ {match['label']}…]({ANSWER_ANCHOR})")
    return "\n".join(lines) + "\n"


def _is_code(block) -> bool:
    fmt = block.blockFormat()
    return block.isValid() and (fmt.hasProperty(QTextFormat.Property.BlockCodeFence) or fmt.nonBreakableLines())


def _block_format(line_height: int = 100, top: float | None = None, bottom: float | None = None,
                  left: float | None = None, right: float | None = None, background: str = "") -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    for value, setter in ((top, fmt.setTopMargin), (bottom, fmt.setBottomMargin), (left, fmt.setLeftMargin),
                          (right, fmt.setRightMargin)):
        if value is not None:
            setter(value)
    if background:
        fmt.setBackground(QColor(background))
    return fmt


_FORMATS: dict = {}


def _formats(base: float) -> dict:
    """The block and character formats that :func:`_polish` merges in, built once per body size.

    Built once because every call into a void Qt setter costs something here: with PySide6 6.12 on
    Python 3.11 each such call drops a reference to ``None``, so a render must stay at a few dozen calls.
    """
    if base not in _FORMATS:
        headings = {}
        for level, scale in HEADING_SCALE.items():
            chars = QTextCharFormat()  # replaces Qt's, whose FontSizeAdjustment would override any point size
            chars.setForeground(QColor(HEADING_COLOUR))
            chars.setFontPointSize(base * scale)
            chars.setFontWeight(QFont.Weight.Bold)
            headings[level] = (_block_format(top=16 if level > 1 else 4, bottom=4), chars)
        code_chars = QTextCharFormat()
        code_chars.setForeground(QColor(CODE_COLOUR))
        _FORMATS[base] = {
            "prose": _block_format(125),
            "headings": headings,
            "code": {(first, last): _block_format(100, 6 if first else 0, 8 if last else 0, background=CODE_BACKGROUND)
                     for first in (False, True) for last in (False, True)},
            "code_chars": code_chars,
            "answer": _block_format(125, left=8, right=4, background=ANSWER_BACKGROUND),  # a band, not an indent
        }
    return _FORMATS[base]


def _polish(browser: QTextBrowser) -> None:
    """Give the imported Markdown some air: spaced, coloured headings, shaded formulas, a tinted answer."""
    doc = browser.document()
    formats = _formats(doc.defaultFont().pointSizeF())
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.mergeBlockFormat(formats["prose"])  # one call for every block; the exceptions follow
    block = doc.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        end = block.position() + block.length() - 1
        if level > 0:
            block_fmt, chars = formats["headings"].get(level, formats["headings"][3])
        elif _is_code(block):
            block_fmt = formats["code"][(not _is_code(block.previous()), not _is_code(block.next()))]
            chars = formats["code_chars"]
        elif block.blockFormat().intProperty(QTextFormat.Property.BlockQuoteLevel) > 0:
            block_fmt, chars = formats["answer"], None
        else:
            block = block.next()
            continue
        cursor.setPosition(block.position())
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeBlockFormat(block_fmt)
        if chars is formats["code_chars"]:
            cursor.mergeCharFormat(chars)
        elif chars is not None:
            cursor.setCharFormat(chars)
        block = block.next()
    cursor.endEditBlock()


class VerticalButton(QToolButton):
    """A slim button whose text runs bottom to top, under an upright ``arrow``: what is left of the panel
    when it is collapsed."""

    ARROW_SPACE = 22

    def __init__(self, text: str, arrow: str = "◂", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.arrow = arrow

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        size = super().sizeHint()
        return QSize(size.height() + 4, size.width() + 16 + self.ARROW_SPACE)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        option.initFrom(self)
        if self.isDown():
            option.state |= QStyle.StateFlag.State_Sunken
        painter.drawControl(QStyle.ControlElement.CE_PushButtonBevel, option)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        align = Qt.AlignmentFlag.AlignCenter
        painter.drawText(0, 6, self.width(), self.ARROW_SPACE, align, self.arrow)
        painter.rotate(-90)  # x now runs up the button, y across it
        painter.translate(-self.height(), 0)
        painter.drawText(0, 0, self.height() - self.ARROW_SPACE, self.width(), align, self.text())


class GuidePanel(QWidget):
    """The guide of one lab. ``toggled(collapsed)`` is emitted whenever the panel collapses or expands;
    ``language_changed(language)`` when another language is shown (from the combo or :meth:`set_language`)."""

    toggled = Signal(bool)
    language_changed = Signal(str)

    def __init__(self, lab: str, language: str = FALLBACK_LANGUAGE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lab = lab
        self._language = ""
        self._markdown = ""
        self._answers_shown = False
        self._collapsed = False

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # the answer link is ours; a guide never navigates away
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.browser.document().setDocumentMargin(16)
        font = QFont(self.browser.font())
        font.setPointSizeF(max(10.0, font.pointSizeF() * 1.08))
        self.browser.setFont(font)
        self.browser.document().setDefaultFont(font)
        self.browser.setStyleSheet(f"QTextBrowser {{ background: #ffffff; color: {TEXT_COLOUR}; }}")

        self.collapse_button = QToolButton()
        self.collapse_button.setText("Guide ▸")
        self.collapse_button.setToolTip("Hide the guide")
        self.collapse_button.setAutoRaise(True)
        self.collapse_button.clicked.connect(lambda: self.set_collapsed(True))
        self.title = QLabel()
        self.title.setWordWrap(True)  # a long lab name wraps instead of being cut off
        self.title.setMinimumWidth(60)
        self.title.setStyleSheet(f"color: {HEADING_COLOUR}; font-weight: bold;")
        self.language_combo = QComboBox()
        self.language_combo.setToolTip("Language of the guide")
        for lang in available_languages() or [FALLBACK_LANGUAGE]:
            self.language_combo.addItem(LANGUAGE_NAMES.get(lang, lang), lang)
        self.language_combo.currentIndexChanged.connect(
            lambda i: self.set_language(self.language_combo.itemData(i)))

        header = QHBoxLayout()
        header.setContentsMargins(6, 4, 4, 4)
        header.addWidget(self.title, 1)
        header.addWidget(self.language_combo)
        header.addWidget(self.collapse_button)
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(header)
        column.addWidget(self.browser, 1)
        self.body.setMinimumWidth(280)

        self.rail = VerticalButton("Guide", "◂")
        self.rail.setToolTip("Show the guide to this lab")
        self.rail.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.rail.clicked.connect(lambda: self.set_collapsed(False))
        self.rail.hide()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.body, 1)
        self.set_language(language)

    # public API -----------------------------------------------------------------------------------

    @property
    def lab(self) -> str:
        return self._lab

    @property
    def language(self) -> str:
        """The language asked for (the text may be the English fallback when that language lacks a guide)."""
        return self._language

    def set_language(self, language: str) -> None:
        """Show this lab's guide in ``language`` (English when there is no such guide)."""
        if language == self._language:
            return
        self._language = language
        self._answers_shown = False
        path = guide_path(self._lab, language)
        try:
            self._markdown = path.read_text(encoding="utf-8")
        except OSError:
            self._markdown = f"# {self._lab}\n\nNo guide for this lab yet ({path.name} is missing).\n"
        index = self.language_combo.findData(language)
        if index >= 0 and index != self.language_combo.currentIndex():
            self.language_combo.blockSignals(True)
            self.language_combo.setCurrentIndex(index)
            self.language_combo.blockSignals(False)
        self._render(keep_scroll=False)
        self.language_changed.emit(language)

    def markdown(self) -> str:
        """The guide's Markdown as it is on disk (answers unfolded)."""
        return self._markdown

    def is_collapsed(self) -> bool:
        return self._collapsed

    def set_collapsed(self, collapsed: bool) -> None:
        if collapsed == self._collapsed:
            return
        self._collapsed = collapsed
        self.body.setVisible(not collapsed)
        self.rail.setVisible(collapsed)
        # a max width lets a QSplitter or layout give the space back while only the rail shows
        self.setMaximumWidth(self.rail.sizeHint().width() if collapsed else WIDGETSIZE_MAX)
        self.toggled.emit(collapsed)

    def toggle(self) -> None:
        self.set_collapsed(not self._collapsed)

    def show_answers(self, show: bool = True) -> None:
        if show != self._answers_shown:
            self._answers_shown = show
            self._render(keep_scroll=True)

    def answers_shown(self) -> bool:
        return self._answers_shown

    # rendering ------------------------------------------------------------------------------------

    def _render(self, keep_scroll: bool) -> None:
        bar = self.browser.verticalScrollBar()
        position = bar.value() if keep_scroll else 0
        title, body = split_title(self._markdown)
        self.title.setText(title or self._lab)
        self.browser.setMarkdown(fold_answers(body, self._answers_shown))
        _polish(self.browser)
        bar.setValue(position)

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        if url.toString() == ANSWER_ANCHOR:
            self.show_answers(not self._answers_shown)


