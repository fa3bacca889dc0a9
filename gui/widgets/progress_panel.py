"""A progress bar, a one-line status ("step 12/80 · 0:42 elapsed · ETA 1:30") and Start/Stop buttons.

It reads the same events as the plots: an event with a ``phase`` and no ``step`` (loading a model) turns the
bar into a busy indicator; ``step``/``max_steps`` (or ``fraction``) make it a determinate bar.
Phase names come from core in English; :func:`phase_text` shows the known ones in the interface language.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

# Phases that core jobs and the tabs report, so that lupdate extracts them (context "Phase"). A phase such as
# "tutor: loading model" is translated part by part; "eval before" word by word.
PHASES = (
    QT_TRANSLATE_NOOP("Phase", "loading model"), QT_TRANSLATE_NOOP("Phase", "loading weights"),
    QT_TRANSLATE_NOOP("Phase", "model ready"), QT_TRANSLATE_NOOP("Phase", "reading the embedded SmolLM2 GGUF"),
    QT_TRANSLATE_NOOP("Phase", "saving safetensors to the model cache"),
    QT_TRANSLATE_NOOP("Phase", "converting tensor"), QT_TRANSLATE_NOOP("Phase", "generating"),
    QT_TRANSLATE_NOOP("Phase", "eval"), QT_TRANSLATE_NOOP("Phase", "evaluating"),
    QT_TRANSLATE_NOOP("Phase", "eval before"), QT_TRANSLATE_NOOP("Phase", "eval after"),
    QT_TRANSLATE_NOOP("Phase", "reference log-probs"), QT_TRANSLATE_NOOP("Phase", "training"),
    QT_TRANSLATE_NOOP("Phase", "finished"), QT_TRANSLATE_NOOP("Phase", "stopped"),
    QT_TRANSLATE_NOOP("Phase", "failed"), QT_TRANSLATE_NOOP("Phase", "interrupted"),
    QT_TRANSLATE_NOOP("Phase", "base model"), QT_TRANSLATE_NOOP("Phase", "tutor"),
    QT_TRANSLATE_NOOP("Phase", "before"), QT_TRANSLATE_NOOP("Phase", "after"),
    QT_TRANSLATE_NOOP("Phase", "eval set"), QT_TRANSLATE_NOOP("Phase", "red-team"),
    QT_TRANSLATE_NOOP("Phase", "critique & revise"), QT_TRANSLATE_NOOP("Phase", "sampling two replies"),
    QT_TRANSLATE_NOOP("Phase", "loading reward model"), QT_TRANSLATE_NOOP("Phase", "pair margins"),
)
_TRAILING_COUNT = re.compile(r"^(.*?)( \d+/\d+)$")  # "converting tensor 3/272"


def phase_text(phase: str) -> str:
    """A phase name from core in the interface language (unknown ones stay as they are)."""
    parts = []
    for part in str(phase).split(": "):
        match = _TRAILING_COUNT.match(part)
        head, count = (match[1], match[2]) if match else (part, "")
        translated = QCoreApplication.translate("Phase", head)
        parts.append(translated + count)
    return ": ".join(parts)


def format_seconds(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def describe(event: dict) -> str:
    """The status line for one progress event."""
    parts = []
    phase = event.get("phase")
    if phase:
        parts.append(phase_text(phase))
    translate = QCoreApplication.translate
    if "step" in event and "max_steps" in event:
        parts.append(translate("ProgressPanel", "step {step}/{total}").format(step=event["step"],
                                                                             total=event["max_steps"]))
    if "elapsed" in event:
        parts.append(translate("ProgressPanel", "{time} elapsed").format(time=format_seconds(event["elapsed"])))
    if event.get("eta") is not None and ("step" in event or "fraction" in event):
        parts.append(translate("ProgressPanel", "ETA {time}").format(time=format_seconds(event["eta"])))

    return " · ".join(parts)


class ElidedLabel(QLabel):
    """A one-line label that cuts its text with "…" to the width it is given (the whole text in its tooltip),
    so a long status never wraps and never pushes the buttons beside it."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setToolTip(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


class ProgressPanel(QWidget):
    """Bar + status line + buttons. ``start_text=None`` leaves the Start button out (the tab has its own);
    ``start_text`` is shown as given, so the tab passes it translated."""

    start_clicked = Signal()
    stop_clicked = Signal()

    def __init__(self, start_text: str | None = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.status = ElidedLabel(self.tr("Idle"))
        self.start_button = QPushButton(start_text or self.tr("Start"))
        if start_text is None:  # hide() only: setVisible(True) on a widget with no parent yet opens a window
            self.start_button.hide()
        self.start_button.clicked.connect(self.start_clicked)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop_clicked)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.start_button)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        layout.addLayout(row)

    def reset(self) -> None:
        """Back to the state of a panel that has run nothing: an empty bar and "Idle"."""
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.status.setText(self.tr("Idle"))

    def status_on_own_line(self) -> None:
        """Move the status text from beside the buttons to a line of its own under them: where the buttons leave
        it no room ("finished · 3…"), in a narrow column or beside three buttons."""
        row = self.layout().itemAt(1).layout()
        if row is not None and row.indexOf(self.status) >= 0:
            row.removeWidget(self.status)
            row.insertStretch(0, 1)
            self.layout().addWidget(self.status)

    def set_running(self, running: bool, message: str | None = None) -> None:
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        if running:
            self.busy(message or self.tr("starting…"))
        else:
            self.bar.setRange(0, 100)
            if message is not None:
                self.status.setText(message)

    def busy(self, message: str) -> None:
        self.bar.setRange(0, 0)  # indeterminate: Qt animates it
        self.status.setText(message)

    def update_event(self, event: dict) -> None:
        """Show one progress event from a job."""
        if "step" in event and "max_steps" in event:
            fraction = event["step"] / max(1, event["max_steps"])
        elif "fraction" in event:
            fraction = float(event["fraction"])
        else:
            if event.get("phase"):
                self.busy(phase_text(event["phase"]) + "…")
            return
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(1000 * min(1.0, max(0.0, fraction))))
        self.status.setText(describe(event))

    def finish(self, message: str, complete: bool = True) -> None:
        self.bar.setRange(0, 1000)
        if complete:
            self.bar.setValue(1000)
        self.status.setText(message)
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
