"""The interface language: install or remove the Spanish translator (ours and Qt's own) on the application.

Our catalogue is ``resources/i18n/preflab_es.ts`` (source) compiled to ``preflab_es.qm``; regenerate both with
``python scripts/update_translations.py`` after changing any ``tr()`` text. English is the source language, so
"en" means no translator at all. "system" follows ``QLocale.system()`` (any ``es*`` locale: Spanish).
Widgets read their texts through ``tr()`` when they are built, so a running window changes language by
rebuilding its tabs (:meth:`gui.main_window.MainWindow.retranslate`); nothing here touches widgets.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parents[1] / "resources" / "i18n"
CATALOGUE = "preflab"
SUPPORTED = ("en", "es")
SOURCE_LANGUAGE = "en"

_installed: list[QTranslator] = []  # kept referenced: Qt does not own a translator installed from Python
_current = SOURCE_LANGUAGE


def system_language() -> str:
    """"es" when the system locale is Spanish (any country), else "en"."""
    return "es" if QLocale.system().name().lower().startswith("es") else SOURCE_LANGUAGE


def resolve(language: str) -> str:
    """The language a setting means: "system" -> the system's, unknown -> English."""
    if language == "system":
        return system_language()
    return language if language in SUPPORTED else SOURCE_LANGUAGE


def current_language() -> str:
    """The language installed by the last :func:`install_language` ("en" before any)."""
    return _current


def catalogue_path(language: str) -> Path:
    return I18N_DIR / f"{CATALOGUE}_{language}.qm"


def install_language(app: QCoreApplication, language: str) -> str:
    """Make ``language`` ("system", "en", "es") the app's language; returns the one now in effect.

    Removes the translators installed before, then (for a non-English language) loads our catalogue and,
    when PySide6 ships it, Qt's own ``qtbase_<lang>`` (the Ok / Cancel / Close of standard buttons).
    A missing catalogue leaves the app in English rather than failing.
    """
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    wanted = resolve(language)
    _current = SOURCE_LANGUAGE
    if wanted == SOURCE_LANGUAGE:
        return _current
    ours = QTranslator(app)
    if not ours.load(str(catalogue_path(wanted))):
        return _current
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for translator in (ours, qt_own) if qt_own.load(f"qtbase_{wanted}", qt_dir) else (ours,):
        app.installTranslator(translator)
        _installed.append(translator)
    _current = wanted
    return _current
