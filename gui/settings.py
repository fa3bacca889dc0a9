"""What the app remembers between sessions, through ``QSettings``: small typed getters and setters.

Organization "preference-lab", application "Preference Lab" (the platform's usual place: an INI file under
``~/.config`` on Linux, the registry on Windows, a plist on macOS). ``$PREFLAB_SETTINGS`` names an INI file to
use instead, which is how tests and screenshot scripts keep away from the learner's own settings.
Every getter returns a sane default when the key is missing or holds garbage. Not here: applying a setting
(the main window and :mod:`gui.i18n` do that) or the dialog that edits them (:mod:`gui.settings_dialog`).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "preference-lab"
APPLICATION = "Preference Lab"
ENV_VAR = "PREFLAB_SETTINGS"
LANGUAGES = ("system", "en", "es")
DEFAULT_MODEL = "smollm2"
BUILTIN_MODELS = ("smollm2", "tiny")


def store() -> QSettings:
    """A fresh ``QSettings`` on the settings file (cheap; Qt shares the parsed file between instances)."""
    path = os.environ.get(ENV_VAR)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


def _text(key: str, default: str = "") -> str:
    value = store().value(key, default)
    return value if isinstance(value, str) else default


def _set(key: str, value) -> None:
    settings = store()
    settings.setValue(key, value)
    settings.sync()  # written now: a crash or a kill later loses nothing


# --- language -------------------------------------------------------------------------------------------

def language() -> str:
    """"system", "en" or "es"."""
    value = _text("ui/language", "system")
    return value if value in LANGUAGES else "system"


def set_language(value: str) -> None:
    if value not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {value!r}")
    _set("ui/language", value)


# --- the model ------------------------------------------------------------------------------------------

def model_spec() -> str:
    """The model the app opens with: "smollm2", "tiny" or a folder (the default when the folder is gone)."""
    value = _text("model/spec", DEFAULT_MODEL)
    if value in BUILTIN_MODELS or (value and Path(value).is_dir()):
        return value
    return DEFAULT_MODEL


def set_model_spec(value: str) -> None:
    _set("model/spec", value)


# --- the Label tab --------------------------------------------------------------------------------------

def annotator() -> str:
    """The annotator name, or "" when none was saved (the Label tab then uses the login name)."""
    return _text("label/annotator").strip()


def set_annotator(value: str) -> None:
    _set("label/annotator", value.strip())


def ai_annotator() -> str:
    """The AI annotator the Label tab showed last ("ai:honest"), or ""."""
    return _text("label/ai_annotator").strip()


def set_ai_annotator(value: str) -> None:
    _set("label/ai_annotator", value.strip())


# --- the window -----------------------------------------------------------------------------------------

def window_geometry() -> QByteArray | None:
    """What ``QWidget.saveGeometry`` wrote (size, position, maximized), or None."""
    value = store().value("window/geometry")
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def set_window_geometry(value: QByteArray) -> None:
    _set("window/geometry", value)


def last_tab() -> str:
    """The (English) title of the tab that was open last, or ""."""
    return _text("window/tab")


def set_last_tab(title: str) -> None:
    _set("window/tab", title)


def guide_open(lab: str) -> bool:
    """Whether the learner left this lab's guide open (closed by default: the plots need the width)."""
    return _text(f"guide/{lab}", "closed") == "open"


def set_guide_open(lab: str, is_open: bool) -> None:
    _set(f"guide/{lab}", "open" if is_open else "closed")
