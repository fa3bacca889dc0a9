"""JobRunner: results, errors and cooperative stop, without a model."""

from __future__ import annotations

import os
import threading

import pytest
from jobs_fake import (
    boom,
    count,
    die,
    getenv,
    ignore_stop,
    niceness,
    run_and_list_qt,
    slow_setup,
    spin,
    spin_until_stopped,
    unpicklable,
    whoami,
)
from PySide6.QtCore import QThread

from gui.worker import JobRunner


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
    runner.start(spin_until_stopped, started, process=False)
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


@pytest.mark.skipif(not hasattr(os, "nice"), reason="POSIX priorities")
def test_a_child_runs_at_a_lower_priority_than_the_window(qtbot):
    """The job's process yields the CPU to the window's event loop (core.child.CHILD_NICENESS)."""
    from core.child import CHILD_NICENESS

    runner, results = JobRunner(), []
    runner.done.connect(results.append)
    with qtbot.waitSignal(runner.finished, timeout=60000):
        assert runner.start(niceness, process=True)
    assert results == [min(19, os.nice(0) + CHILD_NICENESS)]


def test_a_child_sees_the_environment_the_window_has_when_the_job_starts(qtbot, monkeypatch):
    """Jobs are forked from a fork server started earlier (core.child): the child still gets today's
    environment, as a spawned child would."""
    runner, results = JobRunner(), []
    runner.done.connect(results.append)
    with qtbot.waitSignal(runner.finished, timeout=60000):
        assert runner.start(whoami, process=True)  # the fork server (where there is one) runs from here on
    monkeypatch.setenv("PREFLAB_TEST_VALUE", "set after the server started")
    with qtbot.waitSignal(runner.finished, timeout=60000):
        assert runner.start(getenv, "PREFLAB_TEST_VALUE", process=True)
    assert results[-1] == "set after the server started"


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


def test_stop_ends_a_child_that_is_still_importing_at_once(qtbot, tmp_path):
    """Stop during the child's imports (20 s here) ends the process now; the job never begins."""
    import time

    import psutil
    from jobs_fake import slow_to_start

    runner = JobRunner()
    done = []
    marker = tmp_path / "begun"
    runner.start(slow_to_start, str(marker), on_done=done.append)
    assert runner._worker.process  # marked with in_process
    qtbot.waitUntil(lambda: runner._worker._child is not None and runner._worker._child.is_alive(), timeout=5000)
    child = psutil.Process(runner._worker._child.pid)
    qtbot.wait(500)
    t = time.monotonic()
    with qtbot.waitSignal(runner.finished, timeout=3000):
        runner.stop()
    assert time.monotonic() - t < 1.5
    assert done == [None] and not marker.exists()
    assert not child.is_running() or child.status() == psutil.STATUS_ZOMBIE


def test_stop_during_a_jobs_set_up_ends_it_within_a_second_and_marks_its_run_stopped(qtbot, tmp_path):
    """A job loading its model (here: sleeping 60 s with its run folder open) has no step to stop at: Stop ends
    its process after core.child.SETUP_STOP_GRACE_S, and the run folder says stopped (not "interrupted")."""
    import time

    from core.runs import read_run, run_status

    runner, done, events = JobRunner(), [], []
    out = tmp_path / "run"
    runner.start(slow_setup, str(out), process=True, on_done=done.append, on_metrics=events.append)
    qtbot.waitUntil(lambda: bool(events), timeout=60000)  # it has begun: the run folder is open
    assert run_status(out) == "running"
    t = time.monotonic()
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.stop()
    assert time.monotonic() - t < 1.5
    assert done == [None] and run_status(out) == "stopped"
    assert read_run(out).status == "stopped"  # the Runs tab's history too (not "interrupted")


def test_a_job_waits_for_a_fork_server_still_starting_and_stop_ends_the_wait(qtbot, monkeypatch):
    """While the fork server imports (core.child.warm_up began, not yet settled) a job's thread waits for it
    instead of spawning a second importer; Stop during that wait ends the job at once, no process started."""
    import threading
    import time

    from core import child

    monkeypatch.setattr(child, "_SERVER_STARTED", threading.Event())
    monkeypatch.setattr(child, "_SERVER_SETTLED", threading.Event())
    child._SERVER_STARTED.set()  # "starting", and it never settles in this test
    runner, done = JobRunner(), []
    runner.start(whoami, process=True, on_done=done.append)
    qtbot.wait(500)
    assert runner.running and runner._worker._child is None  # waiting, nothing started
    t = time.monotonic()
    with qtbot.waitSignal(runner.finished, timeout=3000):
        runner.stop()
    assert time.monotonic() - t < 1.0 and done == [None]


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


# --- jobs live in core; callbacks per call -------------------------------------------------------------------

def test_refuses_a_job_outside_core(qtbot):
    def local_job(*, on_metrics, cancel):
        return 1

    runner = JobRunner()
    with pytest.raises(TypeError, match="jobs must live in core"):
        runner.start(local_job)
    assert not runner.running


def test_every_tab_job_is_a_core_function():
    """The functions the tabs, and the widgets they are built from, hand to the runner are imported from core
    (none defined in a gui module)."""
    import ast
    import importlib
    from pathlib import Path

    gui = Path(__file__).resolve().parents[2] / "gui"
    started = set()
    for path in [*(gui / "tabs").glob("*.py"), *(gui / "widgets").glob("*.py")]:
        module = importlib.import_module(f"gui.{path.parent.name}.{path.stem}")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in
                    ("start", "_start", "_start_training") and node.args):
                for arg in node.args[:2]:
                    fn = getattr(module, arg.id, None) if isinstance(arg, ast.Name) else None
                    if callable(fn) and hasattr(fn, "__module__"):
                        started.add((fn.__name__, fn.__module__))
    names = {name for name, _ in started}
    assert {"train_tutor", "compare_models", "train_reward", "score_reply", "train_dpo",
            "run_loop", "distill", "generate_pair", "annotate"} <= names
    assert all(module.startswith("core.") for _, module in started), started


def test_callbacks_belong_to_their_call(qtbot):
    runner = JobRunner()
    first, second, errors = [], [], []
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(count, 2, on_metrics=first.append, on_done=first.append)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(count, 3, on_done=second.append)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(boom, on_error=errors.append)
    assert first == [{"step": 1, "max_steps": 2}, {"step": 2, "max_steps": 2}, 2]
    assert second == [3]
    assert len(errors) == 1 and "out of cheese" in errors[0]


def test_a_core_job_runs_in_a_child_without_qt(qtbot, home):
    """A real core job (a 2-sentence eval of the tiny model) in the spawned child: it returns its rates, and
    the child never imported PySide6, pyqtgraph or the gui package."""
    from core.evaluate import compare_models

    runner = JobRunner()
    results, errors = [], []
    args = ("tiny", str(home), {"base model": "none"}, {"eval": "data/eval.jsonl"}, 2)
    with qtbot.waitSignal(runner.finished, timeout=180_000):
        runner.start(run_and_list_qt, compare_models, args, process=True, on_done=results.append,
                     on_error=errors.append)
    assert not errors
    (result, qt_modules), = results
    assert result["results"]["base model"]["eval"]["n"] == 2
    assert qt_modules == []
