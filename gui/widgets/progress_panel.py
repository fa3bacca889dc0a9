"""A progress bar, a one-line status ("step 12/80 · 0:42 elapsed · ETA 1:30") and Start/Stop buttons.

It reads the same events as the plots: an event with a ``phase`` and no ``step`` (loading a model) turns the
bar into a busy indicator; ``step``/``max_steps`` (or ``fraction``) make it a determinate bar.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget


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
        parts.append(str(phase))
    if "step" in event and "max_steps" in event:
        parts.append(f"step {event['step']}/{event['max_steps']}")
    if "elapsed" in event:
        parts.append(f"{format_seconds(event['elapsed'])} elapsed")
    if event.get("eta") is not None and "step" in event:
        parts.append(f"ETA {format_seconds(event['eta'])}")
    return " · ".join(parts)


class ProgressPanel(QWidget):
    """Bar + status line + buttons. ``start_text=None`` leaves the Start button out (the tab has its own)."""

    start_clicked = Signal()
    stop_clicked = Signal()

    def __init__(self, start_text: str | None = "Start", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.status = QLabel("Idle")
        self.status.setWordWrap(True)
        self.start_button = QPushButton(start_text or "Start")
        self.start_button.setVisible(start_text is not None)
        self.start_button.clicked.connect(self.start_clicked)
        self.stop_button = QPushButton("Stop")
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

    def set_running(self, running: bool, message: str | None = None) -> None:
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        if running:
            self.busy(message or "starting…")
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
                self.busy(f"{event['phase']}…")
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
