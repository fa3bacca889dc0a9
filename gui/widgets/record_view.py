"""One record of a critique-and-revise run, under the Constitution tab's results table: the word diff from the
first answer to the final revision (left) and each round's critique and revision as HTML (right)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from gui.widgets.diff_view import DiffView
from gui.widgets.rounds_table import EMPTY
from gui.widgets.style import MUTED_COLOUR
from gui.widgets.try_it import problem_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConstitutionTab", text)


def rounds_html(record: dict) -> str:
    """The prompt, the first answer and each round (principle, critique, revision or why it was dropped)."""
    empty = _tr(EMPTY)

    def text(value: str) -> str:
        return html.escape(value).replace("\n", "<br>") if value.strip() else f"<i style='color:{MUTED_COLOUR}'>{empty}</i>"

    translate = QCoreApplication.translate
    prompt, first = translate("ConstitutionTab", "Prompt"), translate("ConstitutionTab", "First answer")
    critique, revision = translate("ConstitutionTab", "Critique:"), translate("ConstitutionTab", "Revision:")
    parts = [f"<p><b>{prompt}</b><br>{text(record['prompt'])}</p>", f"<p><b>{first}</b><br>{text(record['first'])}</p>"]
    for i, r in enumerate(record["rounds"], start=1):
        heading = translate("ConstitutionTab", "Round {i} · {principle}").format(i=i, principle=html.escape(r["principle"]))

        if r.get("problem"):  # the model's text was not a reply: the answer stayed as it was
            unused = translate("ConstitutionTab", "Revision not used ({reason}), the answer stays:").format(
                reason=html.escape(problem_text(r["problem"])))
            shown = (f"<span style='color:{MUTED_COLOUR}'>{unused}</span> <s>{text(r.get('discarded', ''))}</s>")
        else:
            shown = f"<span style='color:{MUTED_COLOUR}'>{revision}</span> {text(r['revision'])}"
        parts.append(f"<p><b>{heading}</b><br>"
                     f"<span style='color:{MUTED_COLOUR}'>{critique}</span> {text(r['critique'])}<br>{shown}</p>")
    return "".join(parts)


class RecordView(QSplitter):
    """"First answer → final revision" beside "Rounds"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.diff_view = DiffView(self.tr("Select a result to see what the revisions changed, word by word."))
        self.rounds_view = QTextBrowser()
        self.rounds_view.setPlaceholderText(self.tr("The critique and the revision of each round appear here."))
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(QLabel(self.tr("<b>First answer → final revision</b>")))
        left.addWidget(self.diff_view, 1)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(QLabel(self.tr("<b>Rounds</b>")))
        right.addWidget(self.rounds_view, 1)
        for lay in (left, right):
            w = QWidget()
            w.setLayout(lay)
            self.addWidget(w)
        self.setChildrenCollapsible(False)

    def show_record(self, record: dict) -> None:
        self.diff_view.show_words(record["first"], record["final"])
        self.rounds_view.setHtml(rounds_html(record))

    def clear(self) -> None:
        self.diff_view.clear()
        self.rounds_view.clear()
