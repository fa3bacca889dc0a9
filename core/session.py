"""A model that stays loaded: a long-lived child process that loads a model (+ adapter) once and answers
generation requests until it is closed.

Loading the embedded model and its adapter takes seconds; generating one tutor reply takes about one. The
Tutor tab's "Ask the tutor" and the Constitution tab's "Try it" therefore send their requests to one
:class:`ModelProcess`, which keeps the model between requests and reloads only when asked for another model
or adapter (or when the adapter's weights changed on disk).

Requests, answered in the order sent, each by exactly one reply:

* ``load(spec, adapter)``: make this model + adapter the current one (a no-op when it already is);
  result ``{"adapter", "reloaded", "loads", "seconds"}``;
* ``generate(messages_list, gen_cfg)``: one reply per chat (a list of ``{"role", "content"}`` messages) with
  the current model; result ``{"replies", "harm", "adapter", "seconds"}`` ("harm": each reply's harm reasons);
* ``close``: end the loop.

An error in a request (a bad adapter folder, no model loaded yet, a generation that raised) comes back as that
request's error message and never ends the loop. Progress while loading comes back as events (``phase``,
``fraction``). The child runs :func:`session_main` (started like every job's process, from the fork server or spawned,
Qt-free; see ``core.child``); it ends itself when its parent dies.
"""

from __future__ import annotations

import itertools
import os
import queue
import time
from pathlib import Path
from typing import Any

from core.child import job_context, parent_state
from core.config import GenerateConfig
from core.progress import Cancelled, CancelToken


class SessionError(RuntimeError):
    """A request that failed in the model process, or a process that ended without answering."""


def _model_key(spec: str, home, adapter: Path | None) -> tuple:
    """What identifies a loaded model: retraining a run folder (new adapter weights) gives a new key."""
    stamp = None
    if adapter is not None:
        weights = adapter / "adapter_model.safetensors"
        stamp = weights.stat().st_mtime if weights.exists() else None
    return spec, str(home), str(adapter) if adapter else None, stamp


class _Loop:
    """The child's state: the loaded model and how many times one was loaded."""

    def __init__(self, home, send, cancel: CancelToken) -> None:
        self.home, self.send, self.cancel = home, send, cancel
        self.key: tuple | None = None
        self.model = self.tok = self.drafter = None
        self.adapter: str | None = None
        self.loads = 0

    def load(self, rid: int, spec: str, adapter: str | None) -> dict:
        from core.data import demo_replies
        from core.generate import Drafter
        from core.models import load_for_inference, resolve_adapter

        t0 = time.monotonic()
        path = resolve_adapter(adapter, spec)
        key = _model_key(spec, self.home, path)
        reloaded = key != self.key
        if reloaded:
            self.model = self.tok = self.key = self.drafter = None  # free the old model before loading the next one
            self.send(("progress", rid, {"phase": "loading model"}))
            self.model, self.tok = load_for_inference(  # this process only generates: the adapter folded in
                spec, self.home, adapter=path,
                on_progress=lambda f, msg: self.send(("progress", rid, {"phase": msg, "fraction": f})))
            self.drafter = Drafter(self.tok, demo_replies())  # one question at a time: guess ahead from the demos
            self.key, self.adapter = key, str(path) if path else None
            self.loads += 1
        return {"adapter": self.adapter, "reloaded": reloaded, "loads": self.loads,
                "seconds": time.monotonic() - t0}

    def generate(self, rid: int, messages_list: list[list[dict]], gen_cfg: GenerateConfig | None = None) -> dict:
        from core.generate import generate
        from core.harm import harm_reasons  # judged here, not in the window: its first call loads the lexicon

        if self.model is None:
            raise SessionError("no model loaded: send load(spec, adapter) first")
        t0 = time.monotonic()
        self.send(("progress", rid, {"phase": "generating"}))
        replies = generate(self.model, self.tok, messages_list, gen_cfg or GenerateConfig(), self.cancel,
                           on_batch=lambda done, total: self.send(
                               ("progress", rid, {"phase": "generating", "step": done, "max_steps": total})),
                           drafter=self.drafter)
        return {"replies": replies, "harm": [harm_reasons(r) for r in replies], "adapter": self.adapter,
                "seconds": time.monotonic() - t0}


def session_main(home, requests, replies, cancel_event, log_file: str | None, parent: dict | None = None) -> None:
    """The model process: answer ``(id, op, kwargs)`` requests from ``requests`` on ``replies`` as
    ``("progress", id, event)`` ... then ``("done", id, result)`` or ``("error", id, message)``, until a
    ``close`` request (or the parent's death)."""
    from core.child import child_setup
    from core.errors import describe
    from core.logs import LOGGER

    child_setup(log_file, parent)  # the app's log; the process ends when the app was killed (nobody will ever ask again)
    cancel = CancelToken(cancel_event)
    loop = _Loop(home, replies.put, cancel)
    replies.put(("ready", 0, {"pid": os.getpid()}))
    while True:
        rid, op, kwargs = requests.get()
        if op == "close":
            replies.put(("done", rid, {"closed": True}))
            break
        cancel_event.clear()  # a Stop meant for an earlier request
        try:
            if op == "load":
                result = loop.load(rid, **kwargs)
            elif op == "generate":
                result = loop.generate(rid, **kwargs)
            else:
                raise SessionError(f"unknown request {op!r} (expected load, generate or close)")
        except Cancelled:
            replies.put(("error", rid, "stopped"))
        except Exception as exc:  # noqa: BLE001 - an error answers the request; the loop goes on
            import traceback

            LOGGER.error("model session: %s failed:\n%s", op, traceback.format_exc())
            replies.put(("error", rid, describe(exc)))
        else:
            replies.put(("done", rid, result))
    replies.close()
    replies.join_thread()


class ModelProcess:
    """The parent's handle on one model process (started on the first request).

    :meth:`send` returns the request's id at once; :meth:`poll` returns what the process has answered so
    far. :meth:`call` waits for one request's result (tests, scripts). :attr:`loads` counts the model loads
    reported back.
    """

    def __init__(self, home=None) -> None:
        self.home = home
        self._ids = itertools.count(1)
        self._process = None
        self._requests = self._replies = self._cancel = None
        self.loads = 0
        self.pid: int | None = None

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    @property
    def started(self) -> bool:
        return self._process is not None

    @property
    def exitcode(self) -> int | None:
        return self._process.exitcode if self._process is not None else None

    def start(self) -> None:
        from core.logs import log_path

        if self.alive:
            return
        context = job_context()  # the jobs' fork server once it is ready, else spawn
        self._requests, self._replies, self._cancel = context.Queue(), context.Queue(), context.Event()
        path = log_path()
        self._process = context.Process(target=session_main, daemon=True, name="preflab-model-session",
                                       args=(self.home, self._requests, self._replies, self._cancel,
                                             str(path) if path else None, parent_state()))
        self._process.start()
        self.pid = self._process.pid

    def send(self, op: str, **kwargs: Any) -> int:
        """Queue a request (starting the process if needed); returns its id."""
        if not self.alive:
            self.start()
        rid = next(self._ids)
        self._requests.put((rid, op, kwargs))
        return rid

    def load(self, spec: str, adapter: str | None) -> int:
        return self.send("load", spec=spec, adapter=adapter)

    def generate(self, messages_list: list[list[dict]], gen_cfg: GenerateConfig | None = None) -> int:
        return self.send("generate", messages_list=[list(m) for m in messages_list], gen_cfg=gen_cfg)

    def poll(self, timeout: float = 0.0) -> list[tuple]:
        """The replies that have arrived: ``(kind, id, payload)`` with kind progress / done / error / ready."""
        if self._replies is None:
            return []
        out = []
        try:
            item = self._replies.get(timeout=timeout) if timeout > 0 else self._replies.get_nowait()
            while True:
                out.append(item)
                item = self._replies.get_nowait()
        except (queue.Empty, OSError, ValueError, EOFError):
            pass
        for kind, _rid, payload in out:
            if kind == "done" and isinstance(payload, dict) and "loads" in payload:
                self.loads = payload["loads"]
        return out

    def call(self, op: str, timeout: float = 300.0, **kwargs: Any):
        """Send a request and wait for its result; ``SessionError`` with the process's message on failure."""
        rid = self.send(op, **kwargs)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for kind, got, payload in self.poll(timeout=0.2):
                if got != rid:
                    continue
                if kind == "done":
                    return payload
                if kind == "error":
                    raise SessionError(payload)
            if not self.alive:
                raise SessionError(f"the model process ended without answering (exit code {self.exitcode})")
        raise SessionError(f"no answer to {op} within {timeout:.0f} s")

    def cancel(self) -> None:
        """Ask the running request to stop (generation stops between batches)."""
        if self._cancel is not None:
            self._cancel.set()

    def kill(self) -> None:
        """End the process now (it is stuck, or the app is closing)."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=5)
        self._forget()

    def close(self, wait: float = 3.0) -> None:
        """Ask the process to end; kill it if it has not within ``wait`` seconds (0: do not wait)."""
        if self._process is None:
            return
        if self._process.is_alive():
            try:
                self._requests.put((0, "close", {}))
            except (OSError, ValueError):
                pass
            self._process.join(timeout=wait)
        process = self._process
        if wait > 0 and process.is_alive():
            process.kill()
            process.join(timeout=5)
        if not process.is_alive():
            self._forget()

    def reap(self) -> bool:
        """True (and the handle cleared) once a closed process has ended."""
        if self._process is not None and not self._process.is_alive():
            self._forget()
            return True
        return self._process is None

    def _forget(self) -> None:
        for q in (self._requests, self._replies):
            if q is not None:
                q.close()
                q.cancel_join_thread()
        self._process = None
        self._requests = self._replies = self._cancel = None
        self.pid = None
