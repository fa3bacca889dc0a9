"""Settings that stick: the typed getters, the window's size, position and tab, the model, the Label tab's
annotator, and the Settings dialog (which switches the language of the open window)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, QSize
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from gui import i18n, settings
from gui.main_window import MainWindow, first_size
from gui.tabs.label_tab import LabelTab, default_annotator
from gui.worker import JobRunner


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def label_tab(window: MainWindow) -> LabelTab:
    return next(w for w in map(window.tabs.widget, range(window.tabs.count())) if isinstance(w, LabelTab))


def new_window(qtbot, home, **kwargs) -> MainWindow:
    win = MainWindow(home=home, **kwargs)
    qtbot.addWidget(win)
    return win


def close(window: MainWindow) -> None:
    window.close()
    label_tab(window).close_store()


# --- the getters ----------------------------------------------------------------------------------------

def test_round_trip_with_defaults(settings_file, tmp_path):
    assert (settings.language(), settings.model_spec(), settings.annotator(), settings.last_tab()) == \
        ("system", "smollm2", "", "")
    assert settings.window_geometry() is None and not settings.guide_open("dpo")
    settings.set_language("es")
    settings.set_model_spec("tiny")
    settings.set_annotator("  ana ")
    settings.set_last_tab("Reward model")
    settings.set_guide_open("dpo", True)
    assert (settings.language(), settings.model_spec(), settings.annotator(), settings.last_tab()) == \
        ("es", "tiny", "ana", "Reward model")
    assert settings.guide_open("dpo") and not settings.guide_open("tutor")
    assert settings_file.is_file(), "written at once, to the file $PREFLAB_SETTINGS names"
    folder = tmp_path / "my-model"
    folder.mkdir()
    settings.set_model_spec(str(folder))
    assert settings.model_spec() == str(folder)
    folder.rmdir()
    assert settings.model_spec() == "smollm2", "a model folder that is gone falls back to the default"


def test_garbage_in_the_file_reads_as_defaults(settings_file):
    raw = QSettings(str(settings_file), QSettings.Format.IniFormat)
    raw.setValue("ui/language", "klingon")
    raw.setValue("window/geometry", "not bytes")
    raw.sync()
    assert settings.language() == "system" and settings.window_geometry() is None
    with pytest.raises(ValueError):
        settings.set_language("fr")


# --- the window -------------------------------------------------------------------------------------------

LIGHT_TABS = [("Tutor", lambda w: QWidget()), ("Label", lambda w: QWidget()), ("DPO", lambda w: QWidget())]


def test_window_geometry_tab_and_model_are_restored(qtbot, home, tmp_path):
    # Plain tabs: the offscreen screen is 800 x 800 and restoring clamps to it, so the window must be able
    # to be smaller than the lab tabs allow.
    first = new_window(qtbot, home, model_spec="tiny", tabs=LIGHT_TABS)
    assert first.geometry() == first_size(first.screen().availableGeometry()), "no settings: fits the screen"
    first.show()
    qtbot.waitExposed(first)
    first.resize(700, 520)
    first.move(40, 30)
    folder = tmp_path / "a-model"
    folder.mkdir()
    first.set_model_spec(str(folder))
    first.select_tab("DPO")
    first.close()

    second = new_window(qtbot, home, tabs=LIGHT_TABS)  # no model given: the saved one
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == QSize(700, 520) and second.pos() == QPoint(40, 30)
    assert second.current_tab_title() == "DPO" and second.tabs.currentIndex() == 2
    assert second.model_spec == str(folder)


def test_annotator_is_restored_in_the_label_tab(qtbot, home):
    first = new_window(qtbot, home, model_spec="tiny")
    tab = label_tab(first)
    assert tab.annotator == default_annotator(), "the login name until the learner types another"
    tab.annotator_edit.setText("ana")
    tab.annotator_edit.editingFinished.emit()
    assert tab.annotator == "ana" and settings.annotator() == "ana"
    close(first)

    second = new_window(qtbot, home, model_spec="tiny")
    assert label_tab(second).annotator == "ana" and label_tab(second).annotator_edit.text() == "ana"
    close(second)


# --- the dialog ---------------------------------------------------------------------------------------------

def test_dialog_switches_language_model_and_annotator(qtbot, window):
    assert tab_titles(window)[:2] == ["Tutor", "Label"]
    window.select_tab("Reward model")
    dialog = window.open_settings()
    assert dialog.isVisible() and dialog.language.currentData() == "system"
    assert dialog.data_dir.isReadOnly() and dialog.data_dir.text() == str(window.home)
    assert dialog.model.currentData() == "tiny"
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    dialog.model.setCurrentIndex(dialog.model.findData("smollm2"))
    dialog.annotator.setText("bea")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    assert settings.language() == "es" and i18n.current_language() == "es"
    assert tab_titles(window)[:3] == ["Tutor", "Etiquetar", "Modelo de recompensa"]
    assert window.windowTitle() == "Laboratorio de Preferencias"
    assert window.current_tab_title() == "Reward model", "the open tab stays open across the rebuild"
    assert window.model_spec == "smollm2" and settings.model_spec() == "smollm2"
    assert label_tab(window).annotator == "bea" and settings.annotator() == "bea"
    assert label_tab(window).guide.language == "es", "the guides follow the interface language"

    dialog = window.open_settings()
    assert dialog.windowTitle() == "Ajustes" and dialog.language.currentData() == "es"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert tab_titles(window)[:2] == ["Tutor", "Label"] and settings.language() == "en"
    label_tab(window).close_store()


def test_cancel_changes_nothing(qtbot, window):
    dialog = window.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    dialog.annotator.setText("carla")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert settings.language() == "system" and settings.annotator() == ""
    assert tab_titles(window)[1] == "Label"
    label_tab(window).close_store()


def test_language_waits_while_a_job_runs(qtbot, window, monkeypatch):
    monkeypatch.setattr(JobRunner, "running", property(lambda self: True))
    assert window.set_language("es") is False
    assert settings.language() == "es", "saved for the next start"
    assert tab_titles(window)[1] == "Label" and i18n.current_language() == "en"
    assert "running job ends" in window.statusBar().currentMessage()
    assert window.pending_language() == "es", "switched to when the job ends"
    monkeypatch.undo()
    label_tab(window).close_store()
