"""Diffs shown as HTML in a read-only text browser: a word-level diff of two replies and a unified line diff.

:func:`word_diff_html` compares words (``difflib`` on whitespace-separated tokens; the whitespace after each
word is kept for display): deletions are red and struck through, insertions green. :func:`unified_diff_html`
colours the lines of a unified diff (``core.principles.diff``). :class:`DiffView` shows either. Not here:
computing which texts to compare (the tabs do that).
"""

from __future__ import annotations

import difflib
import html
import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

DELETED_STYLE = "color:#b42318; background-color:#fde2e1; text-decoration:line-through;"
INSERTED_STYLE = "color:#1a7f37; background-color:#dafbe1;"
MUTED_STYLE = "color:#666666;"
HUNK_STYLE = "color:#0072B2;"
_TOKEN = re.compile(r"(\S+)(\s*)")


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """Words and the whitespace that follows each one."""
    pairs = _TOKEN.findall(text)
    return [w for w, _ in pairs], [s for _, s in pairs]


def _span(words: list[str], spaces: list[str], style: str | None) -> str:
    parts = []
    for i, (word, space) in enumerate(zip(words, spaces)):
        text = html.escape(word)
        if style:
            text = f'<span style="{style}">{text}</span>'
        last = i == len(words) - 1
        parts.append(text + _space_html(space, keep_trailing=not last))
    return "".join(parts)


def _space_html(space: str, keep_trailing: bool = True) -> str:
    if "\n" in space:
        return "<br>" * space.count("\n")
    return " " if space or keep_trailing else ""


def word_changes(old: str, new: str) -> tuple[int, int]:
    """(words removed, words added) from ``old`` to ``new``."""
    a, _ = _tokens(old)
    b, _ = _tokens(new)
    removed = added = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            removed += i2 - i1
        if tag in ("insert", "replace"):
            added += j2 - j1
    return removed, added


def word_diff_html(old: str, new: str) -> str:
    """HTML for the word diff of ``old`` -> ``new`` (a deleted run before the inserted run that replaces it)."""
    a, a_space = _tokens(old)
    b, b_space = _tokens(new)
    if not a and not b:
        empty = QCoreApplication.translate("DiffView", "(both texts are empty)")
        return f'<i style="{MUTED_STYLE}">{empty}</i>'
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(_span(b[j1:j2], b_space[j1:j2], None) + " ")
            continue
        if tag in ("delete", "replace"):
            out.append(_span(a[i1:i2], a_space[i1:i2], DELETED_STYLE) + " ")
        if tag in ("insert", "replace"):
            out.append(_span(b[j1:j2], b_space[j1:j2], INSERTED_STYLE) + " ")
    return "".join(out).strip()


def unified_diff_html(diff_text: str) -> str:
    """A unified diff as a coloured monospace block (``-`` lines red, ``+`` lines green, hunks blue)."""
    if not diff_text.strip():
        same = QCoreApplication.translate("DiffView", "No differences.")
        return f'<i style="{MUTED_STYLE}">{same}</i>'

    lines = []
    for line in diff_text.splitlines():
        text = html.escape(line)
        if line.startswith(("+++", "---")):
            lines.append(f'<span style="{MUTED_STYLE}">{text}</span>')
        elif line.startswith("+"):
            lines.append(f'<span style="{INSERTED_STYLE}">{text}</span>')
        elif line.startswith("-"):
            lines.append(f'<span style="{DELETED_STYLE.replace("text-decoration:line-through;", "")}">{text}</span>')
        elif line.startswith("@@"):
            lines.append(f'<span style="{HUNK_STYLE}">{text}</span>')
        else:
            lines.append(text)
    return '<pre style="white-space:pre-wrap;">' + "\n".join(lines) + "</pre>"


class DiffView(QTextBrowser):
    """Read-only HTML view of a word diff (:meth:`show_words`) or a unified diff (:meth:`show_unified`)."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setPlaceholderText(placeholder)

    def show_words(self, old: str, new: str, old_label: str = "", new_label: str = "") -> None:
        """Word diff of ``old`` -> ``new``; the labels (translated by the caller) name them in the legend."""
        removed, added = word_changes(old, new)
        counts = (self.tr("1 word out, {added} in") if removed == 1 else
                  self.tr("{removed} words out, {added} in")).format(removed=removed, added=added)
        legend = self.tr("<span style='{deleted}'>removed</span> from the {old} · <span style='{inserted}'>added"
                         "</span> in the {new} · {counts}").format(
            deleted=DELETED_STYLE, inserted=INSERTED_STYLE, old=old_label or self.tr("first answer"),
            new=new_label or self.tr("final revision"), counts=counts)
        self.setHtml(f'<p style="{MUTED_STYLE}">{legend}</p><p>{word_diff_html(old, new)}</p>')

    def show_unified(self, diff_text: str) -> None:
        self.setHtml(unified_diff_html(diff_text))
