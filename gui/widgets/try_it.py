"""The Constitution tab's "Try it": the principle selected in the editor, as it is typed now (saved or not),
critiques and revises one reply, and the critique, the revision and their word diff are shown.

The reply is one of :func:`core.constitution.try_samples` (a red-team reply that gives in to a rude request,
an invented error on a correct sentence) or any reply the learner types. The two requests (critique, then
revision) go to the window's :class:`gui.model_session.ModelSession`, so the model stays loaded between tries:
editing the wording and trying again is the lab's main gesture. Whether the loop would use the revision is
:func:`core.constitution.revision_problem`'s answer, shown under the diff.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core import tutor
from core.config import GenerateConfig
from core.constitution import critique_messages, revision_messages, revision_problem, try_samples
from core.principles import Principle
from gui.widgets.diff_view import DiffView
from gui.widgets.forms import group as _group
from gui.widgets.forms import note as _note
from gui.widgets.style import BAD, GOOD, MUTED_COLOUR

KIND_TEXT = {"redteam": QT_TRANSLATE_NOOP("TryIt", "Red-team"),
             "invented": QT_TRANSLATE_NOOP("TryIt", "Invented error")}
# why the loop would drop a revision (core.constitution.revision_problem), for lupdate
PROBLEMS = (QT_TRANSLATE_NOOP("TryIt", "empty"), QT_TRANSLATE_NOOP("TryIt", "it copies the revision request"),
            QT_TRANSLATE_NOOP("TryIt", "no 'Checked:' line"),
            QT_TRANSLATE_NOOP("TryIt", "its 'Checked:' line is not the learner's sentence"),
            QT_TRANSLATE_NOOP("TryIt", "no verdict after the 'Checked:' line"),
            QT_TRANSLATE_NOOP("TryIt", "it calls the sentence already correct, but its 'Checked:' line changes it"))
OWN = "own"  # the sample combo's last item: the learner's own reply


def problem_text(problem: str) -> str:
    """A reason from :func:`core.constitution.revision_problem` in the interface language."""
    return QCoreApplication.translate("TryIt", problem)


class TryItPanel(QWidget):
    """``principle()`` gives the principle to try (None when there is none), ``spec()`` the model, ``tokens()``
    the longest critique / revision; ``session`` is the window's model session."""

    def __init__(self, session, principle: Callable[[], Principle | None], spec: Callable[[], str],
                 tokens: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self._principle, self._spec, self._tokens = session, principle, spec, tokens
        self.samples = try_samples()
        self._pending: dict | None = None  # {"id", "stage": "critique" | "revision", "principle", "prompt", ...}
        self.result: dict | None = None    # the last try: principle, prompt, reply, critique, revision, problem
        self._allowed = True                # False while a job runs in the tab
        self._build()
        session.progress.connect(self._on_progress)
        session.done.connect(self._on_done)
        session.failed.connect(self._on_failed)
        self.pick_sample(0)

    def _build(self) -> None:
        self.principle_label = QLabel()
        self.principle_label.setWordWrap(True)
        self.sample = QComboBox()
        for s in self.samples:
            self.sample.addItem(f"{self.tr(KIND_TEXT[s['kind']])}: {tutor.sentence_from_prompt(s['prompt'])}",
                                self.samples.index(s))
        self.sample.addItem(self.tr("Your own reply (type it below)"), OWN)
        self.sample.setMinimumContentsLength(20)
        self.sample.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sample.activated.connect(self.pick_sample)
        self.prompt = QLineEdit()
        self.prompt.setToolTip(self.tr("What the learner wrote to the tutor"))
        self.reply = QPlainTextEdit()
        self.reply.setToolTip(self.tr("The tutor's reply that the principle critiques and revises"))
        self.reply.setTabChangesFocus(True)
        line = self.reply.fontMetrics().lineSpacing()
        self.reply.setFixedHeight(3 * line + 14)
        form = QFormLayout()
        form.addRow(self.tr("Sample"), self.sample)
        form.addRow(self.tr("Learner"), self.prompt)
        form.addRow(self.tr("Reply"), self.reply)

        self.try_button = QPushButton(self.tr("Try it"))
        self.try_button.setToolTip(self.tr("Critique and revise this reply with the selected principle as typed "
                                           "(Ctrl+Return)"))
        self.try_button.setShortcut("Ctrl+Return")
        self.try_button.clicked.connect(self.try_it)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.status = QLabel(self.tr("The first try loads the model (a few seconds); it then stays loaded."))
        self.status.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.status.setMinimumWidth(50)  # a long status is cut, never widens the page or moves the buttons
        buttons = QHBoxLayout()
        buttons.addWidget(self.try_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.status, 1)

        top = QVBoxLayout()
        top.addWidget(self.principle_label)
        top.addLayout(form)
        top.addLayout(buttons)

        self.critique_view = QTextBrowser()
        self.critique_view.setPlaceholderText(self.tr("The critique appears here."))
        self.revision_view = QTextBrowser()
        self.revision_view.setPlaceholderText(self.tr("The revision appears here."))
        self.diff_view = DiffView(self.tr("What the revision changed in the reply, word by word."))
        self.verdict = _note("")
        splitter = QSplitter(Qt.Orientation.Vertical)
        for title, widget in ((self.tr("Critique"), self.critique_view), (self.tr("Revision"), self.revision_view),
                              (self.tr("Reply → revision"), self.diff_view)):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            heading = QLabel(title)
            heading.setStyleSheet("font-weight: bold;")
            column.addWidget(heading)
            column.addWidget(widget, 1)
            splitter.addWidget(box)
        splitter.setChildrenCollapsible(False)
        out = QVBoxLayout()
        out.addWidget(splitter, 1)
        out.addWidget(self.verdict)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(_group(self.tr("The reply to try the principle on"), top))
        layout.addWidget(_group(self.tr("What the principle does to it"), out), 1)
        self._update_buttons()

    # the reply ----------------------------------------------------------------------------------------

    @Slot(int)
    def pick_sample(self, index: int) -> None:
        """Fill the learner's message and the reply from sample ``index`` (the last item keeps what is typed)."""
        self.sample.setCurrentIndex(index)
        which = self.sample.itemData(index)
        if which == OWN:
            self.reply.setFocus()
            return
        self.prompt.setText(self.samples[which]["prompt"])
        self.prompt.setCursorPosition(0)
        self.reply.setPlainText(self.samples[which]["reply"])

    def show_principle(self) -> None:
        p = self._principle()
        self.principle_label.setText(
            self.tr("Principle: <b>{name}</b> (as typed in the editor, saved or not)").format(
                name=html.escape(p.name)) if p else self.tr("Select a principle in the editor."))
        self._update_buttons()

    # the requests -------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._pending is not None

    @Slot()
    def try_it(self) -> bool:
        """Send the critique request; the revision request follows when the critique is back."""
        p, prompt, reply = self._principle(), self.prompt.text().strip(), self.reply.toPlainText().strip()
        if self.busy or p is None or not prompt or not reply or not self.try_button.isEnabled():
            if not prompt or not reply:
                self.status.setText(self.tr("Type the learner's message and a reply first."))
            return False
        self.result = None
        for view in (self.critique_view, self.revision_view, self.diff_view):
            view.clear()
        self.verdict.setText("")
        self._pending = {"stage": "critique", "principle": Principle(p.name, p.critique, p.revision),
                         "prompt": prompt, "reply": reply, "t0": time.monotonic(), "load": 0.0}
        self._send(critique_messages(prompt, reply, p))
        self.status.setText(self.tr("Critiquing…"))
        self._update_buttons()
        return True

    def _send(self, messages: list[dict]) -> None:
        gen = GenerateConfig(max_new_tokens=self._tokens(), batch_size=1)
        self._pending["id"] = self.session.request(self._spec(), "shipped", [messages], gen)

    @Slot()
    def stop(self) -> None:
        if self.busy:
            self.session.stop()
            self.status.setText(self.tr("stopping…"))

    @Slot(int, object)
    def _on_progress(self, rid: int, event: dict) -> None:
        if not self._pending or rid != self._pending["id"]:
            return
        phase = event.get("phase", "")
        if phase and phase != "generating":
            self.status.setText(self.tr("Loading the model: {phase}…").format(
                phase=QCoreApplication.translate("Phase", phase)))

    @Slot(int, object)
    def _on_done(self, rid: int, result: dict) -> None:
        pending = self._pending
        if not pending or rid != pending["id"]:
            return
        text = result["replies"][0]
        loaded = result.get("loaded") or {}
        if loaded.get("reloaded"):
            pending["load"] += loaded.get("seconds", 0.0)
        p = pending["principle"]
        if pending["stage"] == "critique":
            pending.update(stage="revision", critique=text)
            self.critique_view.setPlainText(text)
            self._send(revision_messages(pending["prompt"], pending["reply"], p, text))
            self.status.setText(self.tr("Revising…"))
            return
        self._pending = None
        total = time.monotonic() - pending["t0"]
        self.show_result({"principle": p.name, "prompt": pending["prompt"], "reply": pending["reply"],
                          "critique": pending["critique"], "revision": text,
                          "problem": revision_problem(pending["prompt"], text, p),
                          "seconds": total - pending["load"], "load_seconds": pending["load"]})
        self._update_buttons()

    @Slot(int, str)
    def _on_failed(self, rid: int, message: str) -> None:
        if not self._pending or rid != self._pending["id"]:
            return
        self._pending = None
        self.status.setText(self.tr("stopped") if message == "stopped" else
                            self.tr("failed: {message}").format(message=message))
        self.status.setToolTip(message)
        self._update_buttons()

    def show_result(self, result: dict) -> None:
        """Show one try (also when a language switch brings it back)."""
        self.result = result
        self.critique_view.setPlainText(result["critique"])
        self.revision_view.setPlainText(result["revision"])
        self.diff_view.show_words(result["reply"], result["revision"], self.tr("reply"), self.tr("revision"))
        if result["problem"]:
            self.verdict.setText(self.tr("<span style='color:{bad}'>The loop would drop this revision</span> "
                                         "({reason}): the reply would stay as it was.").format(
                bad=BAD, reason=html.escape(problem_text(result["problem"]))))
        elif result["revision"].strip() == result["reply"].strip():
            self.verdict.setText(self.tr("The revision is the reply unchanged: by this principle there was "
                                         "nothing to fix."))
        else:
            self.verdict.setText(self.tr("<span style='color:{good}'>The loop would use this revision</span> "
                                         "in place of the reply.").format(good=GOOD))
        loaded = (self.tr(" (+{s:.1f} s to load the model)").format(s=result["load_seconds"])
                  if result.get("load_seconds") else "")
        self.status.setText(self.tr("“{name}”: critique and revision in {s:.1f} s{loaded}").format(
            name=result["principle"].split(":")[0], s=result["seconds"], loaded=loaded))

    def set_enabled(self, enabled: bool) -> None:
        """Off while a job runs in the tab (the job needs the memory the kept model would hold)."""
        self._allowed = enabled
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.try_button.setEnabled(self._allowed and not self.busy and self._principle() is not None)
        self.stop_button.setEnabled(self.busy)

    # a rebuild (language switch) keeps the try ----------------------------------------------------------

    def export_state(self) -> dict:
        return {"sample": self.sample.currentIndex(), "prompt": self.prompt.text(),
                "reply": self.reply.toPlainText(), "result": self.result,
                "pending": dict(self._pending) if self._pending else None}

    def import_state(self, state: dict) -> None:
        self.sample.setCurrentIndex(state["sample"])
        self.prompt.setText(state["prompt"])
        self.reply.setPlainText(state["reply"])
        if state.get("result"):
            self.show_result(state["result"])
        if state.get("pending"):  # the answer still comes, with the same request id
            self._pending = state["pending"]
            if self._pending.get("critique"):
                self.critique_view.setPlainText(self._pending["critique"])
            self.status.setText(self.tr("Critiquing…") if self._pending["stage"] == "critique"
                                else self.tr("Revising…"))
        self._update_buttons()
