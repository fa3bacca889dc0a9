"""Soak: 50 tiny SFT jobs started and stopped from the Tutor tab with random Stop timing.

The window must keep answering, job threads must not pile up, and memory must stay flat where it is spent:
each job runs in a child process (gui/worker.py; forked from the fork server of core.child, or spawned), so the test samples the memory of those children
(psutil children of this process) while they work (three cycles wait for a training step before Stop, so
their child has loaded torch and the model), checks that each one ends with its job (its memory goes back to
the system), that a late job's process peaks no higher than an early one's, and that the GUI process, which
stays, does not grow. Marked ``soak``; it runs in CI with the rest of the suite (a few minutes on 2 cores).
"""

from __future__ import annotations

import os
import random
import threading

import psutil
import pytest

pytestmark = pytest.mark.soak
CYCLES = 50
DEEP = (9, 29, 49)  # cycles stopped only after the first training step: their child has loaded everything
CHILD_PEAK_MB = 1500  # a tiny-model SFT child: the imports (torch, transformers, TRL) and the tiny model


def job_processes() -> list[psutil.Process]:
    """This process's descendants that run jobs: spawned children, or children of the fork server (which has
    the server's command line, core.child); not the fork server itself, nor the resource tracker."""
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            command = " ".join(child.cmdline())
            forked = "forkserver" in command and child.ppid() != os.getpid()
            if "spawn_main" in command or forked:
                found.append(child)
        except psutil.Error:  # it ended while we looked
            continue
    return found


def fork_server_mb() -> float:
    """The fork server's memory (0 where jobs are spawned): it stays for the whole session, like the GUI."""
    for child in psutil.Process().children():
        try:
            if "forkserver" in " ".join(child.cmdline()):
                return child.memory_info().rss / 2**20
        except psutil.Error:
            continue
    return 0.0


def jobs_rss_mb() -> float:
    total = 0.0
    for child in job_processes():
        try:
            total += child.memory_info().rss / 2**20
        except psutil.Error:
            continue
    return total


def test_fifty_start_stop_cycles(qtbot, window):
    from PySide6.QtCore import QTimer

    from gui.tabs.tutor_tab import TutorTab

    tab = window.findChild(TutorTab)
    tab.max_steps.setValue(500)
    rng = random.Random(7)
    process = psutil.Process()
    threads_before = threading.active_count()
    gui_rss, server_rss, job_peaks, children_seen = [], [], [], 0
    steps: list[dict] = []
    show_event = tab.progress.update_event
    tab.progress.update_event = lambda event: (steps.append(event) if "step" in event else None, show_event(event))
    for cycle in range(CYCLES):
        peak = [0.0]

        def sample(peak=peak) -> None:
            peak[0] = max(peak[0], jobs_rss_mb())

        steps.clear()
        with qtbot.waitSignal(tab.runner.finished, timeout=120_000):
            tab.start_training()
            assert tab.runner.running
            for _ in range(rng.randint(0, 400) // 20):  # random Stop timing: starting, loading or mid-step
                qtbot.wait(20)
                sample()
            if cycle in DEEP:  # measure a child that works: stop after its first training step (a fresh
                # child imports torch first: seconds here, minutes on a 2-core machine shared by other jobs)
                qtbot.waitUntil(lambda: sample() or bool(steps), timeout=600_000)
            children_seen += bool(job_processes())
            tab.stop()
            qtbot.waitUntil(lambda: sample() or not tab.runner.running, timeout=120_000)
        fired: list[bool] = []
        QTimer.singleShot(0, lambda fired=fired: fired.append(True))
        qtbot.waitUntil(lambda fired=fired: bool(fired), timeout=1000)  # the event loop still answers
        assert not tab.runner.running and tab.train_button.isEnabled()
        qtbot.waitUntil(lambda: not job_processes(), timeout=5000)  # the job's process ended with the job
        job_peaks.append(peak[0])
        gui_rss.append(process.memory_info().rss / 2**20)
        server_rss.append(fork_server_mb())
    print(f"job process peaks (MB): {[round(p) for p in job_peaks]}; GUI process (MB): "
          f"{[round(r) for r in gui_rss]}")
    assert children_seen >= CYCLES // 2, "the jobs did not run in child processes"  # else nothing was measured
    assert threading.active_count() <= threads_before + 2, "job threads piled up"
    deep = [job_peaks[c] for c in DEEP]
    assert min(deep) > 100, deep  # those children had imported torch and loaded the model when sampled
    assert max(job_peaks) < CHILD_PEAK_MB, job_peaks
    assert deep[-1] - deep[0] < 150, deep  # each job's process starts as small as the first one did
    # the GUI process is flat: after the first ten cycles (caches, plots) it grows by less than 150 MB
    assert gui_rss[-1] - gui_rss[9] < 150, gui_rss
    assert server_rss[-1] - server_rss[9] < 50, server_rss  # the fork server only forks: it does not grow
