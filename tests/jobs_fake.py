"""Small fake jobs for the GUI tests: module-level functions the job runner accepts (``gui.worker.JOB_PACKAGES``
lists this module for the tests) and a child process can import without Qt. Each follows the job protocol
(``fn(*args, on_metrics=..., cancel=...)``) and stands in for a real core job where a test checks the GUI
(the plots fill, Stop answers, errors show), not the training; real training is tested in tests/core and
once per lab end to end."""

from __future__ import annotations

import os
import threading

from core.progress import in_process

_STEP = threading.Event()  # never set: waiting on it with a timeout stands in for one training step


def count(n, *, on_metrics, cancel, scale=1):
    for i in range(1, n + 1):
        cancel.raise_if_cancelled()
        on_metrics({"step": i, "max_steps": n})
    return n * scale


def spin(started: threading.Event, *, on_metrics, cancel):
    started.set()
    while not cancel.cancelled:
        _STEP.wait(0.01)
    return "stopped"


def boom(*, on_metrics, cancel):
    raise RuntimeError("out of cheese")


def niceness(*, on_metrics, cancel):
    """This process's scheduling priority (POSIX nice value)."""
    return os.nice(0)


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
    on_metrics({"step": 1})  # past its set-up (core.child would end it on Stop before that)
    started.set()
    while True:
        _STEP.wait(0.01)


def die(*, on_metrics, cancel):
    import os

    os._exit(7)  # like a native crash or the kernel's OOM killer: no exception, no message


def unpicklable(*, on_metrics, cancel):
    return threading.Lock()


def run_and_list_qt(job, args, *, on_metrics, cancel):
    """Run the core ``job`` here (a child process), then return its result and the Qt, pyqtgraph or gui
    modules this process has imported (none, if jobs really live in core)."""
    import sys

    result = job(*args, on_metrics=on_metrics, cancel=cancel)
    qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph", "gui"))
    return result, qt


def sft(cfg, home, *, on_metrics, cancel):
    """``core.sft.train_tutor``'s stand-in: a falling loss, one step every 20 ms up to ``cfg.max_steps`` (200
    when it is -1), and its summary; a Stop ends it after the current step with status "stopped"."""
    steps = cfg.max_steps if cfg.max_steps > 0 else 200
    done = 0
    for step in range(1, steps + 1):
        if cancel.cancelled:
            break
        _STEP.wait(0.02)
        done = step
        on_metrics({"step": step, "max_steps": steps, "loss": 3.0 / step})
    return {"status": "stopped" if done < steps else "finished", "steps": done, "seconds_per_step": 0.02,
            "final_loss": 3.0 / done if done else None, "out": cfg.out}


def compare(spec, home, adapters, data, limit, *, on_metrics, cancel):
    """``core.evaluate.compare_models``'s stand-in for one model evaluated on every set of ``data``: ``limit``
    rows per set (half of them sentences with an error, all fixed), sent as one batch of judged rows each."""
    from core.stats import counts_from_rows

    results = {}
    for key in data:
        cancel.raise_if_cancelled()
        rows = {i: {"correct": i % 2 == 0, "verdict": "honest" if i % 2 == 0 else "fixed", "harm": False}
                for i in range(limit)}
        on_metrics({"phase": f"base model: {key}", "rows": rows})
        results[key] = counts_from_rows(list(rows.values()))
    return {"adapters": {name: None for name in adapters}, "results": {name: results for name in adapters}}


@in_process(imports=("slow_import",))
def slow_to_start(marker, *, on_metrics, cancel):
    """A job whose child takes seconds to import what it needs (like torch on a laptop); it writes ``marker``
    once it has begun, so a test can tell whether it ever did."""
    from pathlib import Path

    Path(marker).write_text("begun")
    return "ran"


def getenv(name, *, on_metrics, cancel):
    """This process's value of the environment variable ``name``."""
    return os.environ.get(name)


def report_pid_and_wait(*, on_metrics, cancel):
    """Send this process's pid, then wait (for a Stop, or for the process to be ended from outside)."""
    on_metrics({"pid": os.getpid()})
    while not cancel.cancelled:
        _STEP.wait(0.05)


def slow_setup(out, *, on_metrics, cancel):
    """A job that opens its run folder, then sets up for 60 s without checking Stop (as loading a model or
    building a trainer does), then would train."""
    import time

    from core.runs import RunDir

    run = RunDir(out, "sft")
    run.start({"out": out})
    on_metrics({"phase": "loading model"})
    time.sleep(60)
    for step in range(1, 4):
        cancel.raise_if_cancelled()
        on_metrics({"step": step, "max_steps": 3})
    run.set_status("finished")
    return "trained"
