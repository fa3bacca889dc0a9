"""The ``preflab`` entry point: GUI vs CLI dispatch, and a window that opens without importing torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from gui import app


@pytest.mark.parametrize("argv, expected", [
    ([], {}),
    (["--workspace", "/tmp/w"], {"--workspace": "/tmp/w"}),
    (["--model=tiny", "--workspace", "w"], {"--model": "tiny", "--workspace": "w"}),
    (["sft", "--model", "tiny"], None),
    (["--help"], None),
    (["--workspace"], None),
])
def test_gui_options(argv, expected):
    assert app.gui_options(argv) == expected


def test_subcommands_go_to_the_cli(monkeypatch):
    import core.cli

    seen = []
    monkeypatch.setattr(core.cli, "main", lambda argv: seen.append(argv) or 3)
    assert app.main(["eval", "--model", "tiny"]) == 3
    assert seen == [["eval", "--model", "tiny"]]


def test_window_opens_without_torch(tmp_path):
    code = textwrap.dedent(f"""
        import json, sys, time
        t0 = time.monotonic()
        from PySide6.QtWidgets import QApplication
        from gui.main_window import MainWindow
        qapp = QApplication([])
        w = MainWindow(home={str(tmp_path)!r})
        w.show()
        qapp.processEvents()
        heavy = sorted(m for m in ("torch", "transformers", "trl", "peft", "datasets") if m in sys.modules)
        print(json.dumps({{"heavy": heavy, "seconds": time.monotonic() - t0}}))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["heavy"] == []
    assert report["seconds"] < 10  # ~0.5 s on an idle machine; generous for a loaded CI box


def test_unwritable_data_dir_is_a_message_and_exit_code_2(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append((title, text)))
    for name in ("PREFLAB_HOME", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "TOKENIZERS_PARALLELISM"):
        monkeypatch.setenv(name, "")  # run_gui sets these; monkeypatch puts them back afterwards
    assert app.run_gui(str(blocker / "home")) == 2
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Preference Lab cannot start" and "not writable" in text and str(blocker) in text


def test_only_the_main_window_is_ever_shown(qapp, qtbot, home):
    """A widget made visible before it has a parent opens as a window of its own: 15 captions and Start buttons
    flashed on screen at start-up and at every language switch, and the switch left no window active, so the
    Label tab's keys did nothing."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    from gui.main_window import MainWindow

    shown = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
                shown.append(type(obj).__name__)
            return False

    watch = Watch()
    qapp.installEventFilter(watch)
    try:
        win = MainWindow(home=home, model_spec="tiny")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        assert shown == ["MainWindow"]
        shown.clear()
        win.set_language("es")
        qapp.processEvents()
        assert shown == [] and qapp.activeWindow() is win
    finally:
        qapp.removeEventFilter(watch)
        win.set_language("en")
