"""Run one core job at a time on a QThread and relay its progress to the GUI thread.

A job is a plain function called as ``fn(*args, on_metrics=..., cancel=..., **kwargs)`` (see
``core.progress``). :class:`Worker` wraps one call; :class:`JobRunner` owns the thread of the current
worker, relays its signals, and cleans the thread up when it ends, so threads never pile up.

Stop is cooperative: :meth:`JobRunner.stop` sets the job's ``CancelToken`` directly from the GUI thread
(the worker thread runs no event loop while the job is busy, so a queued slot would arrive too late), and
the job checks the token between steps or batches.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from core.logs import LOGGER
from core.progress import Cancelled, CancelToken

# Threads that did not end within a shutdown wait: kept referenced so Qt never destroys a running thread.
_ORPHANS: list[QThread] = []


class Worker(QObject):
    """One job call. ``done`` carries the job's result, or ``None`` when the job raised ``Cancelled``."""

    metrics = Signal(object)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn, *args, **kwargs) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.cancel = CancelToken()

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(*self.args, on_metrics=self.metrics.emit, cancel=self.cancel, **self.kwargs)
        except Cancelled:
            self.done.emit(None)
        except Exception as exc:  # noqa: BLE001 - any job error becomes a message, the GUI stays up
            from core.errors import plain_message

            LOGGER.error("job %s failed:\n%s", getattr(self.fn, "__name__", self.fn), traceback.format_exc())
            self.failed.emit(plain_message(exc))
        else:
            self.done.emit(result)
        finally:
            # Hand the worker back to the GUI thread so deleteLater() there can free it, then end the loop.
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            QThread.currentThread().quit()


class JobRunner(QObject):
    """Owns at most one running :class:`Worker` and its QThread.

    Signals (always delivered on the GUI thread): ``metrics(dict)`` per progress event, ``done(result)``
    (``None`` if the job was cancelled before it produced a result), ``failed(message)``, then
    ``finished()`` once the thread has ended and :attr:`running` is False again.
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

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def cancelled(self) -> bool:
        return self._worker is not None and self._worker.cancel.cancelled

    def start(self, fn, *args, **kwargs) -> bool:
        """Start ``fn`` on a fresh thread; refuse (return False) while another job is running."""
        if self.running:
            return False
        worker = Worker(fn, *args, **kwargs)
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
            self._worker.cancel.cancel()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel and join the running job (window close). Returns False if it did not end in time."""
        thread = self._thread
        if thread is None:
            return True
        self.stop()
        ended = thread.wait(timeout_ms)
        if not ended:
            LOGGER.warning("job thread %s did not stop within %d ms", thread.objectName(), timeout_ms)
            _ORPHANS.append(thread)
        self._release()
        return ended

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is None or self.sender() is not self._thread:  # released by shutdown() already
            return
        self._release()
        self.finished.emit()

    def _release(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if worker is not None:
            worker.deleteLater()
        if thread is not None and thread not in _ORPHANS:
            thread.deleteLater()
