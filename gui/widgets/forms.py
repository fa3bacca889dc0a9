"""Small pieces every lab tab's form uses: a titled group, a muted note, a learning rate written as learners
write it (a form shows its config default with :func:`rate_text`), and config validation whose error names the
form's own (translated) label instead of the dataclass field."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel

from gui.widgets.style import MUTED_COLOUR


def group(title: str, layout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box


def note(text: str = "") -> QLabel:
    """A word-wrapped explanation in the muted colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOUR};")
    return label


def rate_text(value: float) -> str:
    """A learning rate as learners write it (3e-4, not 0.0003): a form's text for a config default."""
    mantissa, exponent = f"{value:e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"


def validated(cfg, labels: dict[str, str], tr):
    """``cfg.validate()``, re-raising ``"field: message"`` as ``"<form label>: message"``."""
    try:
        cfg.validate()
    except ValueError as exc:
        field, _, message = str(exc).partition(": ")
        raise ValueError(f"{tr(labels.get(field, field))}: {message}") from None
    return cfg
