"""Cancellation and progress plumbing shared by every long job.

A job is a plain function ``job(config, ..., on_metrics, cancel) -> result``. ``on_metrics`` receives one
dict per event (TRL's metric names plus ``step``, ``max_steps``, ``epoch``, ``elapsed``); ``cancel`` is a
:class:`CancelToken` the caller may set from any thread. Jobs check it between steps (cooperative cancel).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Any

MetricsFn = Callable[[dict[str, Any]], None]


def ignore_metrics(_: dict[str, Any]) -> None:
    """Default ``on_metrics``: drop events."""


# What every job's child process imports before it begins the job (seconds on a laptop: torch, transformers,
# peft). A Stop that arrives while the child still imports ends the process at once (gui/worker.py).
CHILD_IMPORTS = ("torch", "transformers", "peft")


def in_process(fn=None, *, imports: tuple[str, ...] = ()):
    """Mark a job function to run in a child process when the GUI starts it (``gui.worker``): a long job
    (training, an eval) that must not share the window's interpreter. It must be a module-level function of
    ``core`` so the child imports no Qt, and its arguments and result must pickle. The child imports
    :data:`CHILD_IMPORTS` and ``imports`` (e.g. ``("trl",)`` for a trainer) before it begins the job: until
    then it has done nothing, and a Stop ends it at once. ``@in_process`` or ``@in_process(imports=...)``."""
    def mark(f):
        f.run_in_process = True
        f.child_imports = CHILD_IMPORTS + tuple(imports)
        return f

    return mark if fn is None else mark(fn)


class Cancelled(Exception):
    """Raised inside a job when its token is set; jobs catch it and return a result marked stopped."""


class CancelToken:
    """A thread-safe stop flag: a ``threading.Event``, or any object with ``set``/``is_set`` such as a
    ``multiprocessing`` event when the job runs in a child process."""

    def __init__(self, event=None) -> None:
        self._event = event if event is not None else threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class Ticker:
    """Adds ``step``, ``max_steps``, ``elapsed`` and ``eta`` (seconds) to progress events."""

    def __init__(self, max_steps: int) -> None:
        self.max_steps = max(1, int(max_steps))
        self.start = time.monotonic()

    def stamp(self, step: int, event: dict[str, Any]) -> dict[str, Any]:
        elapsed = time.monotonic() - self.start
        rate = elapsed / step if step > 0 else 0.0
        eta = rate * max(0, self.max_steps - step)
        return {**event, "step": int(step), "max_steps": self.max_steps, "elapsed": elapsed, "eta": eta}


def trainer_callback(on_metrics: MetricsFn, cancel: CancelToken, sink: Callable[[dict], None] | None = None):
    """A ``transformers.TrainerCallback`` that forwards ``on_log`` to ``on_metrics`` and stops on cancel.

    Imported lazily so that ``core.progress`` stays cheap to import.
    """
    from transformers import TrainerCallback

    class _Bridge(TrainerCallback):
        def __init__(self) -> None:
            self.ticker: Ticker | None = None

        def on_train_begin(self, args, state, control, **kwargs):
            self.ticker = Ticker(state.max_steps)

        def on_step_end(self, args, state, control, **kwargs):
            return _stop_if_cancelled(args, control)

        def on_step_begin(self, args, state, control, **kwargs):
            if cancel.cancelled:
                control.should_training_stop = True
            return control

        def on_log(self, args, state, control, logs=None, **kwargs):
            if not logs:
                return
            ticker = self.ticker or Ticker(state.max_steps)
            event = ticker.stamp(state.global_step, {k: _plain(v) for k, v in logs.items()})
            for key in ("loss", "grad_norm"):
                value = event.get(key)
                if isinstance(value, float) and not math.isfinite(value):
                    from core.errors import TrainingDiverged

                    what = "training loss" if key == "loss" else "gradient norm"
                    raise TrainingDiverged(f"The {what} became {value} at step {state.global_step}.")
            if sink is not None:
                sink(event)
            on_metrics(event)
            return _stop_if_cancelled(args, control)  # the Trainer saves right after logging

    def _stop_if_cancelled(args, control):
        if cancel.cancelled:
            control.should_training_stop = True
            # keep the work done so far: a stopped run can be resumed from its last checkpoint
            control.should_save = str(getattr(args, "save_strategy", "no")) not in ("no", "SaveStrategy.NO")
        return control

    return _Bridge()


def quiet_trainer(trainer) -> None:
    """Drop the Trainer's stdout printer: progress goes to ``on_metrics`` (and stderr in the CLI)."""
    from transformers.trainer_callback import PrinterCallback, ProgressCallback

    trainer.remove_callback(PrinterCallback)
    trainer.remove_callback(ProgressCallback)


def _plain(value: Any) -> Any:
    try:
        return float(value) if not isinstance(value, (str, bool, int)) else value
    except (TypeError, ValueError):
        return str(value)
