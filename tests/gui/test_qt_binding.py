"""Guard against the PySide6 6.12.0 / Python 3.11 bug that frees None after a few thousand Qt calls."""

from __future__ import annotations

import sys


def test_qt_calls_do_not_leak_none_references(qtbot):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        label.setVisible(False)
    # a few references may come and go elsewhere; the 6.12.0 bug loses exactly one per call (1000 here)
    assert abs(sys.getrefcount(None) - before) < 50
