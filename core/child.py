"""The app's child processes: how they start (:func:`job_context`) and the entry point of a job's process.

Jobs run in child processes (``gui.worker``; the kept model of ``core.session`` too). On Linux they are forked
from a **fork server** that imported torch, transformers, PEFT and TRL's trainers once (``core.child_preload``,
started in the background when the window opens): a job then begins in a fraction of a second instead of
importing them again, the seconds a learner waited at every Start. The server is a plain Python process started
by ``multiprocessing`` (never a fork of the window, which runs Qt) and ends with the app. Elsewhere (macOS,
Windows, or ``PREFLAB_FORKSERVER=0``) each child is spawned: a fresh interpreter that imports what the job needs.
Either way the child gets the environment the parent has at its start (a fork server started earlier would
otherwise hand on its own), runs at :data:`CHILD_NICENESS` below the window, and ends when the app does.

This module lives in core, Qt-free, so that the child imports only what the job needs: this module, the job's
own core module (unpickling the job imports it) and what the job imports while it runs, never PySide6,
pyqtgraph or a tab. Events go back to the parent as ``("metrics", event)``, then one of ``("done", result)``,
``("cancelled", None)`` or ``("failed", message, traceback)``. :func:`child_setup` is what every child
process of the app does first (this one and the model process of ``core.session``).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
import traceback

from core.logs import LOGGER
from core.progress import Cancelled, CancelToken

# How much lower a child's scheduling priority is than the window's (POSIX "nice"): a job uses every core, and
# on a 2-core laptop the window's event loop would otherwise wait for a time slice behind it. A job alone on the
# machine runs as fast as before: a lower priority only matters when the window needs the CPU.
CHILD_NICENESS = 5


PRELOAD = "core.child_preload"  # what the fork server imports once (torch, transformers, peft, TRL's trainers)


_SERVER_READY = threading.Event()  # set once the fork server has imported PRELOAD and forked a first child
_SERVER_SETTLED = threading.Event()  # set once warm_up has ended, ready or not
_SERVER_STARTED = threading.Event()  # set when warm_up began


def _fork_server_wanted() -> bool:
    return sys.platform.startswith("linux") and os.environ.get("PREFLAB_FORKSERVER", "1").strip() != "0"


def job_context(give_up=None):
    """The ``multiprocessing`` context a child process starts from now: the fork server once it is ready
    (Linux, unless ``PREFLAB_FORKSERVER=0``; see :func:`warm_up`), else spawn. Starting a process from a fork
    server that is still importing would block in ``Process.start`` until those imports are done, where nothing
    can end it; a spawned child can be ended at once. With ``give_up`` (a function; true: stop waiting), a caller
    that may wait (a job's thread, not the window's) starts the fork server if nobody has yet and waits for it,
    asking ``give_up`` every 0.1 s: a spawned child importing torch beside the server doing the same would slow
    both, and the window, on a 2-core laptop. Take the context once per child."""
    if give_up is not None and _fork_server_wanted():
        warm_up()  # started by the window 1.5 s after it shows; a job started sooner starts it
        while not _SERVER_SETTLED.wait(0.1) and not give_up():
            pass
    if _SERVER_READY.is_set():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _ready() -> None:
    """A fork server child that does nothing: its start returns once the server has done its imports."""


def warm_up(wait: bool = False) -> None:
    """Start the fork server (it imports PRELOAD at a lower priority) on a background thread, and use it for the
    children started once it has forked a first, empty child; with ``wait``, block until then (tests). Nothing
    where children are spawned."""
    if not _fork_server_wanted() or _SERVER_STARTED.is_set():
        if wait:
            _SERVER_SETTLED.wait()
        return
    _SERVER_STARTED.set()

    def start() -> None:
        try:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload([PRELOAD])  # not "__main__": the app's main module imports Qt
            probe = ctx.Process(target=_ready, daemon=True)
            probe.start()
            probe.join()
        except Exception:  # noqa: BLE001 - no fork server: children are spawned, as elsewhere
            LOGGER.warning("the jobs' fork server did not start; job processes are spawned", exc_info=True)
        else:
            _SERVER_READY.set()
        finally:
            _SERVER_SETTLED.set()

    thread = threading.Thread(target=start, name="preflab-fork-server", daemon=True)
    thread.start()
    if wait:
        thread.join()


def parent_state() -> dict:
    """What a child takes from the app that starts it: its environment and scheduling priority."""
    return {"environ": dict(os.environ), "nice": os.nice(0) if hasattr(os, "nice") else 0}


def child_setup(log_file: str | None, parent: dict | None = None) -> None:
    """Take the parent's environment (``parent`` from :func:`parent_state`), log to the app's log file (when it
    has one), run at a lower priority than the window (:data:`CHILD_NICENESS`), and end this process at once
    when its parent dies: a child of a killed app must not go on training, or waiting, for nobody."""
    if parent is not None:
        os.environ.clear()
        os.environ.update(parent["environ"])
    if hasattr(os, "nice"):  # POSIX; on Windows the child keeps the window's priority
        base = parent["nice"] if parent is not None else os.nice(0)
        try:  # a forked child may already run lower than the window (the fork server does)
            os.nice(max(0, base + CHILD_NICENESS - os.nice(0)))
        except OSError:  # not allowed here: run at the same priority
            pass
    if log_file:
        from pathlib import Path

        from core.logs import setup_logging

        setup_logging(Path(log_file).parent.parent)
    app = multiprocessing.parent_process()  # the app, spawned or forked (a fork server's child as well): a pipe
    # that closes when it dies, whoever is the process's parent now

    def orphan_watch() -> None:
        if app is not None:
            app.join()
        else:  # started some other way: watch the parent process id
            parent_pid = os.getppid()
            while os.getppid() == parent_pid:
                threading.Event().wait(1.0)
        os._exit(3)

    threading.Thread(target=orphan_watch, daemon=True).start()


# A Stop that arrives while a job is still setting up (loading the model, building its trainer: seconds, with no
# step to stop at) ends the process after this grace, as a Stop during its imports does: a job that reaches a
# point where it checks Stop within the grace ends by itself. The run folder it opened is marked stopped.
SETUP_STOP_GRACE_S = 0.5
# A progress event with one of these keys means the job has begun its steps or batches, where it checks Stop.
PROGRESS_KEYS = ("step", "done", "rows")


def child_main(fn, args, kwargs, cancel_event, out, log_file, begun=None, gate=None, parent=None) -> None:
    """Entry point of a job's child process: run ``fn`` and send ("metrics" | "done" | "cancelled" |
    "failed", ...) tuples to ``out``.

    First the libraries the job declared (``fn.child_imports``, see ``core.progress.in_process``) are imported
    (a spawned child; a forked one has them from the fork server): the slow part of a start, during which
    nothing has been written. Then, holding ``gate`` (a lock shared with the parent), the child checks Stop and
    sets ``begun``; the parent's Stop takes the same lock and ends a child that has not begun at once instead of
    waiting for its imports. Until the job's first progress event (:data:`PROGRESS_KEYS`) a Stop ends the
    process within :data:`SETUP_STOP_GRACE_S` (see :func:`_watch_stop`)."""
    import contextlib
    import importlib

    from core.errors import describe

    child_setup(log_file, parent)
    stop = threading.Event()  # the job's own Stop flag, which only _watch_stop sets from the shared event: the
    # job's threads never hold the shared event's lock, so this process can end at any moment without leaving
    # it held for the window
    progressing, stopping, last_word = threading.Event(), threading.Event(), threading.Lock()

    def relay(event: dict) -> None:
        if not progressing.is_set() and any(key in event for key in PROGRESS_KEYS):
            progressing.set()
        if not stopping.is_set():
            out.put(("metrics", event))

    try:
        for name in getattr(fn, "child_imports", ()):
            importlib.import_module(name)
        with gate if gate is not None else contextlib.nullcontext():
            CancelToken(cancel_event).raise_if_cancelled()  # Stop while the process was starting: never begins
            if begun is not None:
                begun.set()
        threading.Thread(target=_watch_stop, args=(cancel_event, stop, progressing, stopping, last_word, out),
                         daemon=True).start()
        result = fn(*args, on_metrics=relay, cancel=CancelToken(stop), **kwargs)
        pickle.dumps(result)  # fail here, visibly, rather than in the queue's feeder thread
        final = ("done", result)
    except Cancelled:
        final = ("cancelled", None)
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the GUI as a message
        LOGGER.error("job %s failed:\n%s", getattr(fn, "__name__", fn), traceback.format_exc())
        final = ("failed", describe(exc), traceback.format_exc())
    with last_word:  # never at the same time as _watch_stop's ending, which ends the process holding it
        progressing.set()
        out.put(final)
        out.close()
        out.join_thread()


def _watch_stop(cancel_event, stop: threading.Event, progressing: threading.Event, stopping: threading.Event,
                last_word: threading.Lock, out) -> None:
    """Pass the window's Stop on to the job (``stop``). Before the job reports progress, give it
    :data:`SETUP_STOP_GRACE_S` to end by itself, then mark the run folder it opened stopped
    (``core.runs.stop_open_run``), report "cancelled" and end the process."""
    while not cancel_event.wait(0.1):
        pass
    stop.set()
    if progressing.wait(SETUP_STOP_GRACE_S) or not last_word.acquire(timeout=SETUP_STOP_GRACE_S):
        return  # it reached its steps, or it is sending its last word itself
    if progressing.is_set():  # it sent its last word while we waited for the lock
        last_word.release()
        return
    stopping.set()
    from core.runs import stop_open_run

    try:
        stop_open_run()
    finally:
        out.put(("cancelled", None))
        out.close()
        out.join_thread()
        os._exit(0)
