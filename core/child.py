"""The entry point of a job's child process (``gui.worker`` starts it with the ``spawn`` method).

It lives in core, Qt-free, so that the child imports only what the job needs: this module, the job's own core
module (unpickling the job imports it) and what the job imports while it runs, never PySide6, pyqtgraph or a
tab. Events go back to the parent as ``("metrics", event)``, then one of ``("done", result)``,
``("cancelled", None)`` or ``("failed", message, traceback)``. :func:`child_setup` is what every child
process of the app does first (this one and the model process of ``core.session``).
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback

from core.logs import LOGGER
from core.progress import Cancelled, CancelToken

# How much lower a child's scheduling priority is than the window's (POSIX "nice"): a job uses every core, and
# on a 2-core laptop the window's event loop would otherwise wait for a time slice behind it. A job alone on the
# machine runs as fast as before: a lower priority only matters when the window needs the CPU.
CHILD_NICENESS = 5


def child_setup(log_file: str | None) -> None:
    """Log to the app's log file (when it has one), run at a lower priority than the window
    (:data:`CHILD_NICENESS`), and end this process at once when its parent dies: a child of a killed app must
    not go on training, or waiting, for nobody."""
    if hasattr(os, "nice"):  # POSIX; on Windows the child keeps the window's priority
        try:
            os.nice(CHILD_NICENESS)
        except OSError:  # not allowed here: run at the same priority
            pass
    if log_file:
        from pathlib import Path

        from core.logs import setup_logging

        setup_logging(Path(log_file).parent.parent)
    parent = os.getppid()

    def orphan_watch() -> None:
        while True:
            threading.Event().wait(1.0)
            if os.getppid() != parent:
                os._exit(3)

    threading.Thread(target=orphan_watch, daemon=True).start()


def child_main(fn, args, kwargs, cancel_event, out, log_file, begun=None, gate=None) -> None:
    """Entry point of a job's child process: run ``fn`` and send ("metrics" | "done" | "cancelled" |
    "failed", ...) tuples to ``out``.

    First the libraries the job declared (``fn.child_imports``, see ``core.progress.in_process``) are imported:
    the slow part of a start, during which nothing has been written. Then, holding ``gate`` (a lock shared with
    the parent), the child checks Stop and sets ``begun``; the parent's Stop takes the same lock and ends a
    child that has not begun at once instead of waiting for its imports."""
    import contextlib
    import importlib

    from core.errors import describe

    child_setup(log_file)
    cancel = CancelToken(cancel_event)
    try:
        for name in getattr(fn, "child_imports", ()):
            importlib.import_module(name)
        with gate if gate is not None else contextlib.nullcontext():
            cancel.raise_if_cancelled()  # Stop while the process was starting: the job never begins
            if begun is not None:
                begun.set()
        result = fn(*args, on_metrics=lambda event: out.put(("metrics", event)), cancel=cancel, **kwargs)
        pickle.dumps(result)  # fail here, visibly, rather than in the queue's feeder thread
    except Cancelled:
        out.put(("cancelled", None))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the GUI as a message
        LOGGER.error("job %s failed:\n%s", getattr(fn, "__name__", fn), traceback.format_exc())
        out.put(("failed", describe(exc), traceback.format_exc()))
    else:
        out.put(("done", result))
    out.close()
    out.join_thread()
