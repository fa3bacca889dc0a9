"""JobRunner: results, errors and cooperative stop, without a model."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from gui.worker import JobRunner


def count(n, *, on_metrics, cancel, scale=1):
    for i in range(1, n + 1):
        cancel.raise_if_cancelled()
        on_metrics({"step": i, "max_steps": n})
    return n * scale


_STEP = threading.Event()  # never set: waiting on it with a timeout stands in for one training step


def spin(started: threading.Event, *, on_metrics, cancel):
    started.set()
    while not cancel.cancelled:
        _STEP.wait(0.01)
    return "stopped"


def boom(*, on_metrics, cancel):
    raise RuntimeError("out of cheese")


def test_result_metrics_and_cleanup(qtbot):
    runner = JobRunner()
    events, results = [], []
    runner.metrics.connect(events.append)
    runner.done.connect(results.append)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        assert runner.start(count, 5, scale=2)
    assert results == [10]
    assert [e["step"] for e in events] == [1, 2, 3, 4, 5]
    assert not runner.running
    # No thread pile-up: several jobs in a row leave nothing behind.
    for _ in range(5):
        with qtbot.waitSignal(runner.finished, timeout=5000):
            runner.start(count, 3)
    assert runner.findChildren(QThread) == []


def test_refuses_second_job_and_stop_answers_fast(qtbot):
    runner = JobRunner()
    started = threading.Event()
    done = []
    runner.done.connect(done.append)
    assert runner.start(spin, started)
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert runner.running
    assert not runner.start(count, 1)
    with qtbot.waitSignal(runner.finished, timeout=1000):
        runner.stop()
    assert done == ["stopped"]


def test_failure_is_a_message(qtbot):
    runner = JobRunner()
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start(boom)
    message = blocker.args[0]
    assert message.startswith("RuntimeError: out of cheese")  # then the log file, once logging is set up
    qtbot.waitUntil(lambda: not runner.running, timeout=5000)


def test_cancelled_job_reports_none(qtbot):
    runner = JobRunner()
    started = threading.Event()

    def wait_then_raise(*, on_metrics, cancel):
        started.set()
        while True:
            cancel.raise_if_cancelled()
            _STEP.wait(0.01)

    runner.start(wait_then_raise)
    qtbot.waitUntil(started.is_set, timeout=5000)
    with qtbot.waitSignal(runner.done, timeout=2000) as blocker:
        runner.stop()
    assert blocker.args == [None]
    qtbot.waitUntil(lambda: not runner.running, timeout=2000)


def test_shutdown_joins(qtbot):
    runner = JobRunner()
    started = threading.Event()
    runner.start(spin, started)
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert runner.shutdown(2000)
    assert not runner.running
