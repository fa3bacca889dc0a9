"""Soak: 50 tiny SFT jobs started and stopped from the Tutor tab with random Stop timing.

The window must keep answering, job threads must not pile up and memory must stay flat. Marked ``soak``; it
runs in CI with the rest of the suite (about two minutes on 2 cores).
"""

from __future__ import annotations

import random
import threading

import psutil
import pytest

pytestmark = pytest.mark.soak
CYCLES = 50


def test_fifty_start_stop_cycles(qtbot, window):
    from PySide6.QtCore import QTimer

    from gui.tabs.tutor_tab import TutorTab

    tab = window.findChild(TutorTab)
    tab.max_steps.setValue(500)
    rng = random.Random(7)
    process = psutil.Process()
    threads_before = threading.active_count()
    rss = []
    for _ in range(CYCLES):
        with qtbot.waitSignal(tab.runner.finished, timeout=120_000):
            tab.start_training()
            assert tab.runner.running
            qtbot.wait(rng.randint(0, 400))  # random Stop timing: loading, tokenizing or mid-step
            tab.stop()
        fired: list[bool] = []
        QTimer.singleShot(0, lambda fired=fired: fired.append(True))
        qtbot.waitUntil(lambda fired=fired: bool(fired), timeout=1000)  # the event loop still answers
        assert not tab.runner.running and tab.train_button.isEnabled()
        rss.append(process.memory_info().rss / 2**20)
    assert threading.active_count() <= threads_before + 2, "job threads piled up"
    # memory is flat: after the first ten cycles (caches, the tiny model) it grows by less than 150 MB
    assert rss[-1] - rss[9] < 150, rss
