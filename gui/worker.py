"""Run one core job at a time off the GUI thread and relay its progress to the GUI thread.

A job is a plain function called as ``fn(*args, on_metrics=..., cancel=..., **kwargs)`` (see
``core.progress``). :class:`Worker` wraps one call; :class:`JobRunner` owns the thread of the current
worker, relays its signals, and cleans the thread up when it ends, so threads never pile up.

Long jobs (training, evals: functions marked with :func:`in_process`) run in a **child process**: the
worker thread only starts it and relays what it sends. A job on a thread shares the interpreter lock with
the GUI, and torch, tokenizers and the dataset code hold it for long stretches (model loading, tokenizing a
dataset, building a trainer): measured, the window's event loop stalled for 315-345 ms while a job ran on a
thread. In a child process nothing the job does can freeze the window, a crash in native code ends the job
and not the app, and the job's memory goes back to the system when it ends. Short interactive jobs (ask the
tutor, score a reply, generate a pair) stay on a thread, where they keep their loaded model between calls.
``PREFLAB_JOBS=thread`` runs every job on a thread (debugging, or tests that patch a job function).

Every job is a function of ``core`` (the runner refuses others, see :data:`JOB_PACKAGES`): a child process
then imports the job's core module only, never Qt, pyqtgraph or a tab. The caller passes what to do with the
job's events per call (``start(fn, ..., on_metrics=, on_done=, on_error=)``), so a tab never dispatches on
which job it started.

Stop is cooperative: :meth:`JobRunner.stop` sets the job's ``CancelToken`` directly from the GUI thread
(a ``multiprocessing`` event for a child process), and the job checks it between steps or batches. One
exception: a child process that has not begun its job yet (a spawned one still importing torch and the rest, seconds
on a laptop, and has written nothing) is ended at once (``core.child.child_main`` and :meth:`Worker.stop`
share a lock, so a child is never ended after it began). A job that has begun but not yet reported progress
(loading its model, building its trainer: no step to stop at) is ended by its own process half a second after
Stop, its run folder marked stopped (``core.child.SETUP_STOP_GRACE_S``).
"""

from __future__ import annotations

import os
import queue
import traceback

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from core.child import child_main, job_context, parent_state
from core.logs import LOGGER, log_path
from core.progress import Cancelled, CancelToken, in_process

__all__ = ["JOB_PACKAGES", "JobProcessError", "JobRunner", "Worker", "in_process"]

# Top-level packages whose functions may run as jobs. Tests add their fake-job module (tests/jobs_fake.py).
JOB_PACKAGES: list[str] = ["core"]


def check_job(fn) -> None:
    """Raise ``TypeError`` unless ``fn`` is a function of a package in :data:`JOB_PACKAGES`."""
    module = getattr(fn, "__module__", None) or ""
    if module.split(".")[0] not in JOB_PACKAGES:
        raise TypeError(f"job {getattr(fn, '__qualname__', fn)!r} is defined in {module or 'no module'}; "
                        f"jobs must live in {' or '.join(JOB_PACKAGES)} (a child process imports them without Qt)")


def _use_process(fn, process: bool | None) -> bool:
    if os.environ.get("PREFLAB_JOBS", "").strip().lower() == "thread":
        return False
    return bool(getattr(fn, "run_in_process", False)) if process is None else process


class JobProcessError(RuntimeError):
    """The child process of a job ended without a result (killed, or crashed in native code)."""


# Threads that did not end within a shutdown wait: kept referenced so Qt never destroys a running thread.
_ORPHANS: list[QThread] = []


class _ChildFailed(Exception):
    def __init__(self, message: str, trace: str) -> None:
        super().__init__(message)
        self.message, self.trace = message, trace


class Worker(QObject):
    """One job call. ``done`` carries the job's result, or ``None`` when the job raised ``Cancelled``."""

    metrics = Signal(object)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn, *args, process: bool = False, **kwargs) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.process = process
        # events, locks and queues of the spawn or fork-server kind (not fork: this process runs Qt); the
        # process itself starts from core.child.job_context when the job's thread runs
        self.context = job_context() if process else None
        self.cancel = CancelToken(self.context.Event() if process else None)
        self._child = None
        # the child sets ``begun`` (holding ``gate``) when it begins the job; until then Stop may end it
        self._begun, self._gate = (self.context.Event(), self.context.Lock()) if process else (None, None)
        self._ended_before_begin = False

    def stop(self) -> None:
        """Ask the job to stop. A child process that has not begun the job (still importing) is ended now."""
        if self._gate is None or not self._gate.acquire(timeout=1.0):
            self.cancel.cancel()
            return
        try:
            self.cancel.cancel()
            if not self._begun.is_set() and self._child is not None and self._child.is_alive():
                self._ended_before_begin = True
                self._child.kill()
        finally:
            self._gate.release()

    @Slot()
    def run(self) -> None:
        try:
            if self.process:
                result = self._run_in_child()
            else:
                result = self.fn(*self.args, on_metrics=self.metrics.emit, cancel=self.cancel, **self.kwargs)
        except Cancelled:
            self.done.emit(None)
        except _ChildFailed as exc:
            from core.errors import with_log_hint

            LOGGER.error("job %s failed in its process:\n%s", getattr(self.fn, "__name__", self.fn), exc.trace)
            self.failed.emit(with_log_hint(exc.message))
        except Exception as exc:  # noqa: BLE001 - any job error becomes a message, the GUI stays up
            from core.errors import plain_message

            LOGGER.error("job %s failed:\n%s", getattr(self.fn, "__name__", self.fn), traceback.format_exc())
            self.failed.emit(plain_message(exc))
        else:
            self.done.emit(result)
        finally:
            # End the thread's event loop. The worker stays in this thread, which has ended by the time the GUI
            # thread drops its last reference (JobRunner._release), and is freed there. It used to be moved back to
            # the GUI thread here: moveToThread() from this thread while the GUI thread delivered its queued events
            # deadlocked now and then (the soak test hung in two of twelve runs on this 2-core machine, the worker
            # thread in moveToThread()).
            QThread.currentThread().quit()

    def _run_in_child(self):
        """Start the job's process, relay its events until it reports, then reap it."""
        context = job_context(give_up=lambda: self.cancel.cancelled)  # waits for a fork server still starting
        if self.cancel.cancelled:  # Stop while it waited: no process was started
            raise Cancelled()
        out = context.Queue()
        path = log_path()
        child = context.Process(target=child_main, daemon=True, name=f"preflab-{getattr(self.fn, '__name__', 'job')}",
                               args=(self.fn, self.args, self.kwargs, self.cancel._event, out,
                                     str(path) if path else None, self._begun, self._gate, parent_state()))
        child.start()
        self._child = child
        try:
            while True:
                try:
                    kind, *payload = out.get(timeout=0.2)
                except queue.Empty:
                    if child.is_alive():
                        continue
                    try:  # it may have sent its last words just before ending
                        kind, *payload = out.get(timeout=0.5)
                    except queue.Empty:
                        if self._ended_before_begin:
                            raise Cancelled() from None
                        code = child.exitcode
                        why = " (killed: the system may be short of memory)" if code == -9 else ""
                        raise JobProcessError(f"the job's process ended without a result (exit code {code})"
                                              f"{why}") from None
                if kind == "metrics":
                    self.metrics.emit(payload[0])
                elif kind == "failed":
                    raise _ChildFailed(*payload)
                elif kind == "cancelled":
                    raise Cancelled()
                else:
                    return payload[0]
        finally:
            child.join(timeout=10)
            if child.is_alive():
                child.kill()
                child.join(timeout=5)
            out.close()
            self._child = None

    def kill(self) -> None:
        """End the child process now (window close after the grace period); no-op on a thread."""
        child = self._child
        if child is not None and child.is_alive():
            child.kill()


class JobRunner(QObject):
    """Owns at most one running :class:`Worker` and its QThread.

    Signals (always delivered on the GUI thread): ``metrics(dict)`` per progress event, ``done(result)``
    (``None`` if the job was cancelled before it produced a result), ``failed(message)``, then
    ``finished()`` once the thread has ended and :attr:`running` is False again. The callbacks given to
    :meth:`start` receive the same events for that one job.
    """

    metrics = Signal(object)
    done = Signal(object)
    failed = Signal(str)
    finished = Signal()
    started = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: Worker | None = None
        self._calls: dict = {}
        self.metrics.connect(lambda event: self._call("on_metrics", event))
        self.done.connect(lambda result: self._call("on_done", result))
        self.failed.connect(lambda message: self._call("on_error", message))

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def cancelled(self) -> bool:
        return self._worker is not None and self._worker.cancel.cancelled

    def start(self, fn, *args, process: bool | None = None, on_metrics=None, on_done=None, on_error=None,
              **kwargs) -> bool:
        """Start ``fn`` on a fresh thread, or in a child process if ``process`` (default: whether ``fn`` is
        marked with :func:`in_process`); refuse (return False) while another job is running.

        ``on_metrics(event)``, ``on_done(result)`` (``None``: stopped before a result) and
        ``on_error(message)`` are called on the GUI thread for this job's events. ``TypeError`` if ``fn`` is
        not a job of :data:`JOB_PACKAGES`."""
        check_job(fn)
        if self.running:
            return False
        self._calls = {"on_metrics": on_metrics, "on_done": on_done, "on_error": on_error}
        worker = Worker(fn, *args, process=_use_process(fn, process), **kwargs)
        thread = QThread()
        thread.setObjectName(f"job-{getattr(fn, '__name__', 'fn')}")
        worker.moveToThread(thread)
        queued = Qt.ConnectionType.QueuedConnection
        worker.metrics.connect(self.metrics, queued)
        worker.done.connect(self.done, queued)
        worker.failed.connect(self.failed, queued)
        thread.started.connect(worker.run)
        thread.finished.connect(self._on_thread_finished, queued)
        self._thread, self._worker = thread, worker
        thread.start()
        self.started.emit()
        return True

    def stop(self) -> None:
        """Ask the running job to stop (returns at once; ``finished`` follows when the job has ended)."""
        if self._worker is not None:
            self._worker.stop()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel and join the running job (window close). Returns False if it did not end in time."""
        thread = self._thread
        if thread is None:
            return True
        self.stop()
        ended = thread.wait(timeout_ms)
        if not ended and self._worker is not None and self._worker.process:
            self._worker.kill()  # a child process can always be ended; its thread then returns at once
            ended = thread.wait(5000)
        if not ended:
            LOGGER.warning("job thread %s did not stop within %d ms", thread.objectName(), timeout_ms)
            _ORPHANS.append(thread)
            thread.worker = self._worker  # its worker stays referenced too: never freed while its thread runs
        self._release()
        return ended

    def _call(self, name: str, value) -> None:
        callback = self._calls.get(name)
        if callback is not None:
            callback(value)

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is None or self.sender() is not self._thread:  # released by shutdown() already
            return
        self._release()
        self.finished.emit()

    def _release(self) -> None:
        """Forget the job: its thread is deleted here, and its worker with the last reference to it, its thread
        having ended (a thread that did not end in time is kept in _ORPHANS, its worker with it)."""
        thread = self._thread
        self._thread = self._worker = None
        self._calls = {}
        if thread is not None and thread not in _ORPHANS:
            thread.deleteLater()
