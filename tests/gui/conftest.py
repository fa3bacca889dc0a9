"""Fixtures for the GUI tests: a throwaway data dir and a main window on the tiny test model."""

from __future__ import annotations

import pytest


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFLAB_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def window(qtbot, home):
    from gui.main_window import MainWindow

    win = MainWindow(home=home, model_spec="tiny")
    qtbot.addWidget(win)
    yield win
    for runner in win.runners():
        runner.shutdown(5000)
