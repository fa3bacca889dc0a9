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


# --- jobs in a child process ---------------------------------------------------------------------------------

def whoami(*, on_metrics, cancel):
    import os

    on_metrics({"phase": "child", "pid": os.getpid()})
    return os.getpid()


def spin_until_stopped(started, *, on_metrics, cancel):
    started.set()
    while not cancel.cancelled:
        _STEP.wait(0.01)
    cancel.raise_if_cancelled()


def ignore_stop(started, *, on_metrics, cancel):
    started.set()
    while True:
        _STEP.wait(0.01)


def die(*, on_metrics, cancel):
    import os

    os._exit(7)  # like a native crash or the kernel's OOM killer: no exception, no message


def unpicklable(*, on_metrics, cancel):
    return threading.Lock()


def test_process_job_runs_elsewhere_and_relays_metrics(qtbot):
    import os

    runner = JobRunner()
    events, results = [], []
    runner.metrics.connect(events.append)
    runner.done.connect(results.append)
    with qtbot.waitSignal(runner.finished, timeout=60000):
        assert runner.start(whoami, process=True)
    assert results and results[0] != os.getpid()
    assert events == [{"phase": "child", "pid": results[0]}]
    # the same call on a thread answers from this process
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(whoami, process=False)
    assert results[1] == os.getpid()


def test_marked_jobs_go_to_a_process_unless_told_otherwise(qtbot, monkeypatch):
    from gui import worker

    marked = worker.in_process(lambda: None)
    assert worker._use_process(marked, None) and not worker._use_process(count, None)
    assert worker._use_process(count, True) and not worker._use_process(marked, False)
    monkeypatch.setenv("PREFLAB_JOBS", "thread")
    assert not worker._use_process(marked, None)


def test_process_job_stops_fast_and_reports_none(qtbot):
    import multiprocessing
    import time

    runner = JobRunner()
    started = multiprocessing.get_context("spawn").Event()
    done = []
    runner.done.connect(done.append)
    runner.start(spin_until_stopped, started, process=True)
    qtbot.waitUntil(started.is_set, timeout=60000)
    t = time.monotonic()
    with qtbot.waitSignal(runner.finished, timeout=3000):
        runner.stop()
    assert time.monotonic() - t < 1.0
    assert done == [None]


def test_process_failure_is_a_message(qtbot):
    runner = JobRunner()
    with qtbot.waitSignal(runner.failed, timeout=60000) as blocker:
        runner.start(boom, process=True)
    assert blocker.args[0].startswith("RuntimeError: out of cheese")
    qtbot.waitUntil(lambda: not runner.running, timeout=5000)
    with qtbot.waitSignal(runner.failed, timeout=60000) as blocker:
        assert runner.start(unpicklable, process=True)
    assert "pickle" in blocker.args[0]
    qtbot.waitUntil(lambda: not runner.running, timeout=5000)


def test_crashed_process_is_a_message_not_a_hang(qtbot):
    runner = JobRunner()
    with qtbot.waitSignal(runner.failed, timeout=60000) as blocker:
        runner.start(die, process=True)
    assert "ended without a result (exit code 7)" in blocker.args[0]
    qtbot.waitUntil(lambda: not runner.running, timeout=5000)


def test_shutdown_ends_a_process_that_ignores_stop(qtbot):
    import multiprocessing

    runner = JobRunner()
    started = multiprocessing.get_context("spawn").Event()
    runner.start(ignore_stop, started, process=True)
    qtbot.waitUntil(started.is_set, timeout=60000)
    child = runner._worker._child
    assert runner.shutdown(500)
    assert not runner.running
    child.join(5)
    assert not child.is_alive()
