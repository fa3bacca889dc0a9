"""The Spanish interface: every visible text of the window has a Spanish translation, switching the language
relabels the tabs, and the catalogue (.ts) is complete, consistent and compiled (.qm)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QWidget,
)

from gui import i18n
from gui.main_window import MainWindow
from gui.widgets.guide_panel import GuidePanel
from gui.widgets.metrics_plot import MetricsPlot

TS = i18n.I18N_DIR / "preflab_es.ts"
# Texts that are the same in every language: names, units, code, and the English sentences the tutor checks.
ALLOWED = {"SmolLM2-135M-Instruct", "LoRA", "DPO", "SFT", "β", "JSONL", "English", "Español", "sigmoid", "ipo",
           "hinge", "loss", "She go to school every day."}
# Widgets that show data (a pair's English sentence and category, the login name, the constitution's principle
# names in the AI annotator menu), not interface text.
DATA_WIDGETS = {"LabelTab": ("prompt_label", "pair_info"), "AiAnnotatorPanel": ("ai_combo",),
                "SettingsDialog": ("annotator",)}
LETTERS = re.compile(r"[^\W\d_]")


def _load_update_script():
    """scripts/update_translations.py (scripts/ is not an installed package)."""
    path = i18n.I18N_DIR.parents[1] / "scripts" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update_translations = _load_update_script()


def catalogue() -> tuple[set[str], list[re.Pattern]]:
    """The finished Spanish texts of the .ts, and a pattern for each one with ``{placeholders}``."""
    texts = set()
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        if translation.get("type") is None and translation.text:
            texts.add(translation.text)
    patterns = [re.compile("^" + re.sub(r"\\\{[^{}]*\\\}", ".+?", re.escape(t)) + "$", re.DOTALL)
                for t in texts if "{" in t]
    return texts, patterns


def _strings(widget: QWidget):
    """(what, text) for every text this widget shows itself."""
    yield "tooltip", widget.toolTip()
    if isinstance(widget, QLabel):
        yield "label", widget.text()
    if isinstance(widget, QAbstractButton):
        yield "button", widget.text()
    if isinstance(widget, QGroupBox):
        yield "group", widget.title()
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield "tab", widget.tabText(i)
            yield "tab tooltip", widget.tabToolTip(i)
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, QAbstractSpinBox):
        yield "special value", widget.specialValueText()
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield "combo item", widget.itemText(i)
    if isinstance(widget, QTableView) and widget.model() is not None:
        model = widget.model()
        for orientation, count in ((Qt.Orientation.Horizontal, model.columnCount(QModelIndex())),
                                   (Qt.Orientation.Vertical, model.rowCount(QModelIndex()))):
            for section in range(count):
                yield "header", str(model.headerData(section, orientation) or "")
    if isinstance(widget, MetricsPlot):
        item = widget.plot_widget.getPlotItem()
        yield "plot title", item.titleLabel.text
        yield "plot axis", item.getAxis("left").labelText
        if item.legend is not None:
            for _, legend_label in item.legend.items:
                yield "plot legend", legend_label.text


def _skipped(widget: QWidget, root: QWidget) -> bool:
    """Qt's own standard buttons (translated by qtbase_es), guide pages, and widgets that show data."""
    parent = widget.parentWidget()
    if isinstance(parent, QDialogButtonBox) and parent.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton:
        return True
    while parent is not None and parent is not root.parentWidget():
        if isinstance(parent, GuidePanel) and widget in (parent.title, parent.browser, parent.browser.viewport()):
            return True
        names = DATA_WIDGETS.get(type(parent).__name__, ())
        if any(getattr(parent, name, None) is widget for name in names):
            return True
        parent = parent.parentWidget()
    return False


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for the window title, menus and every widget under ``root``."""
    found = [("window title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if not _skipped(widget, root):
            found += [(f"{type(widget).__name__} {what}", text) for what, text in _strings(widget)]
    if hasattr(root, "menuBar"):
        for menu_action in root.menuBar().actions():
            found.append(("menu", menu_action.text()))
            found += [("menu item", a.text()) for a in menu_action.menu().actions()]
    return found


def untranslated(root: QWidget) -> list[str]:
    """Every text under ``root`` that contains letters and is neither Spanish from the catalogue nor allowed."""
    texts, patterns = catalogue()
    found = visible_texts(root)

    def known(text: str) -> bool:
        return not LETTERS.search(text) or text in texts or text in ALLOWED or any(p.match(text) for p in patterns)

    bad = []
    for where, text in found:
        text = (text or "").strip()
        # "Red team · útil": translated parts joined with the middle dot the interface uses as a separator, or one
        # per line ("Conjunto de prueba\nhonesto": a two-line row title)
        if not known(text) and not all(known(part) for part in re.split(r"\s+·\s+|\n", text)):
            bad.append(f"{where}: {text!r}")
    return sorted(set(bad))


@pytest.fixture
def spanish(qapp):
    assert i18n.install_language(qapp, "es") == "es"
    yield
    i18n.install_language(qapp, "en")


@pytest.fixture
def spanish_window(spanish, qtbot, home):
    win = MainWindow(home=home, model_spec="tiny")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for runner in win.runners():
        runner.shutdown(5000)


def test_every_visible_text_is_spanish(spanish_window, qtbot):
    window = spanish_window
    for i in range(window.tabs.count()):  # every tab shown once, as the learner would see it
        window.tabs.setCurrentIndex(i)
        qtbot.wait(1)
    assert len([text for _, text in visible_texts(window) if text and LETTERS.search(text)]) > 300
    assert untranslated(window) == []
    dialog = window.open_settings()
    assert untranslated(dialog) == []
    dialog.reject()
    constitution = window.tabs.widget([window.tabs.widget(i).property("tab_title")
                                       for i in range(window.tabs.count())].index("Constitution"))
    versions = constitution.editor.show_versions()
    assert untranslated(versions) == []
    versions.close()


def test_the_check_finds_an_english_text(spanish_window):
    label = QLabel("Start training", spanish_window.tabs.widget(0))
    label.setToolTip("Passes over the training pairs")
    assert untranslated(spanish_window) == ["QLabel label: 'Start training'",
                                            "QLabel tooltip: 'Passes over the training pairs'"]


def test_switching_language_relabels_the_tabs(window, qtbot):
    window.select_tab("DPO")
    tutor = window.tabs.widget(0)
    tutor.plot.add({"step": 1, "loss": 2.5})
    tutor.plot.add({"step": 2, "loss": 2.0})
    assert window.tabs.tabText(1) == "Label"
    assert window.set_language("es")
    assert [window.tabs.tabText(i) for i in range(3)] == ["Tutor", "Etiquetar", "Modelo de recompensa"]
    assert window.current_tab_title() == "DPO"
    new_tutor = window.tabs.widget(0)
    assert new_tutor is not tutor and new_tutor.train_button.text() == "Iniciar entrenamiento"
    assert list(new_tutor.plot.series("loss")[1]) == [2.5, 2.0], "the plotted curve survives the rebuild"
    assert new_tutor.guide.language == "es"
    assert window.set_language("en")
    assert window.tabs.tabText(1) == "Label" and window.tabs.widget(0).train_button.text() == "Start training"
    qtbot.wait(1)  # the old tabs are deleted later, from the event loop
    for i in range(window.tabs.count()):
        if hasattr(window.tabs.widget(i), "close_store"):
            window.tabs.widget(i).close_store()


def test_unsaved_constitution_edits_survive_a_switch(window):
    cai = window.tabs.widget(4)
    cai.editor.critique.setPlainText("Is the reply kind?")
    assert cai.editor.dirty
    window.set_language("es")
    again = window.tabs.widget(4)
    assert again is not cai and again.editor.dirty and again.editor.critique.toPlainText() == "Is the reply kind?"


def test_system_language(monkeypatch, qapp):
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("es_MX")))
    assert i18n.resolve("system") == "es" and i18n.install_language(qapp, "system") == "es"
    assert QCoreApplication.translate("MainWindow", "Label") == "Etiquetar"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar", "Qt's own qtbase_es is loaded"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("fr_FR")))
    assert i18n.install_language(qapp, "system") == "en"
    assert QCoreApplication.translate("MainWindow", "Label") == "Label"
    assert i18n.resolve("de") == "en"


# --- the catalogue ----------------------------------------------------------------------------------------

def test_catalogue_is_finished_and_keeps_placeholders():
    messages = list(ET.parse(TS).getroot().iter("message"))
    assert len(messages) > 400
    for message in messages:
        source, translation = message.findtext("source"), message.find("translation")
        assert translation.get("type") is None and translation.text, f"no Spanish for {source!r}"
        keep = update_translations.PLACEHOLDER
        assert sorted(keep.findall(translation.text)) == sorted(keep.findall(source)), source


def test_catalogue_has_every_text_of_the_code(tmp_path):
    """lupdate over gui/ now finds no text that the committed .ts lacks (run update_translations.py if so)."""
    fresh = tmp_path / "fresh.ts"
    update_translations.run_lupdate(fresh)

    def keys(path):
        return {(c.findtext("name"), m.findtext("source"))
                for c in ET.parse(path).getroot().iter("context") for m in c.iter("message")}

    assert keys(fresh) - keys(TS) == set(), "run `python scripts/update_translations.py`"


def test_qm_is_compiled_from_the_ts(tmp_path):
    qm = tmp_path / "check.qm"
    subprocess.run([update_translations.tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(qm)],
                   check=True, timeout=60)
    assert qm.read_bytes() == (i18n.I18N_DIR / "preflab_es.qm").read_bytes(), \
        "preflab_es.qm is stale: run `python scripts/update_translations.py`"

