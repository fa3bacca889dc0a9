"""Small pieces every lab tab's form uses: a titled group, a muted note, a form row whose label and field carry
the same tip, a learning rate written as learners write it (a form shows its config default with
:func:`rate_text`), and config validation whose error names the form's own (translated) label instead of the
dataclass field."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

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


def tip_row(form: QFormLayout, label: str, widget: QWidget, tip: str) -> None:
    """Add the row ``label``: ``widget`` to ``form``, the tip on the label and on the widget (a widget that has a
    tip of its own keeps it)."""
    text = QLabel(label)
    text.setToolTip(tip)
    if not widget.toolTip():
        widget.setToolTip(tip)
    form.addRow(text, widget)


def rate_text(value: float) -> str:
    """A learning rate as learners write it (3e-4, not 0.0003): a form's text for a config default."""
    mantissa, exponent = f"{value:e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"


def number(field, message: str) -> float:
    """The number a text field holds (a learning rate as typed); ``ValueError(message)`` with ``{text}`` filled
    in when it is not one (the tab translates ``message``, naming its field and an example)."""
    text = field.text().strip()
    try:
        return float(text)
    except ValueError:
        raise ValueError(message.format(text=text)) from None


def validated(cfg, labels: dict[str, str], tr):
    """``cfg.validate()``, re-raising ``"field: message"`` as ``"<form label>: message"``."""
    try:
        cfg.validate()
    except ValueError as exc:
        field, _, message = str(exc).partition(": ")
        raise ValueError(f"{tr(labels.get(field, field))}: {message}") from None
    return cfg
