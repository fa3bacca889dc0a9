"""Fixtures for the GUI tests: a throwaway data dir and settings file, and a main window on the tiny test
model. Every test starts in English, with its own settings (never the learner's real ones)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def fork_server():
    """Job processes start from the fork server, as in the app once it has warmed up (core.child.warm_up; on
    Linux): its imports are paid once for the whole session instead of once per job. Where there is no fork
    server (or with PREFLAB_FORKSERVER=0) the jobs are spawned."""
    from core.child import warm_up

    warm_up(wait=True)


@pytest.fixture(autouse=True)
def settings_file(tmp_path_factory, monkeypatch):
    """A fresh settings file per test (``$PREFLAB_SETTINGS``), so the window size, last tab, language and
    annotator that one test saves never reach another test or the learner's own settings."""
    path = tmp_path_factory.mktemp("settings") / "preflab.ini"
    monkeypatch.setenv("PREFLAB_SETTINGS", str(path))
    return path


@pytest.fixture(autouse=True)
def english_afterwards():
    """A test that switches the app to Spanish leaves it in English for the next one, even when it fails."""
    yield
    from PySide6.QtCore import QCoreApplication

    from gui import i18n

    app = QCoreApplication.instance()
    if app is not None and i18n.current_language() != "en":
        i18n.install_language(app, "en")


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


@pytest.fixture(autouse=True)
def fake_jobs_allowed(monkeypatch):
    """The job runner takes jobs from core only; the tests' own fake jobs (tests/jobs_fake.py) are allowed."""
    from gui import worker

    monkeypatch.setattr(worker, "JOB_PACKAGES", [*worker.JOB_PACKAGES, "jobs_fake"])
