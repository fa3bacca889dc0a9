"""The window's model session: a model kept loaded in a child process between questions.

:class:`ModelSession` owns a :class:`core.session.ModelProcess` and talks to it without ever blocking the UI
thread: requests are queued at once, a timer collects the answers and emits them as signals. Any tab can use
it (the Tutor tab's "Ask the tutor", the Constitution tab's "Try it"): ``request(spec, adapter, messages_list,
gen_cfg)`` returns an id, and ``progress(id, event)``, ``done(id, result)`` or ``failed(id, message)`` follow
for that id only, so each caller keeps the ids it sent.

The main window frees the session (the child ends, its memory goes back to the system) when the learner picks
another model or a job starts in any tab, and closes it with the window. A child that died (killed, out of
memory, a native crash) fails its pending requests with a plain message and is started again on the next
request; ``restarted`` says so.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from core.config import GenerateConfig
from core.session import ModelProcess

POLL_MS = 30                  # how often answers are collected while requests are pending
STOP_GRACE_S = 1.0            # a Stop not answered this fast ends the process (restarted on the next request)


class ModelSession(QObject):
    progress = Signal(int, object)   # request id, event (phase, fraction / step)
    done = Signal(int, object)       # request id, result of generate: {"replies", "harm", "adapter", "seconds", "loaded"}
    failed = Signal(int, str)        # request id, message ("stopped" when stopped)
    restarted = Signal(str)          # the process had died; a message for the learner

    def __init__(self, home=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.process = ModelProcess(home)
        self.loads = 0                       # model loads since the window opened (all processes)
        self._pending: dict[int, int] = {}   # load request id -> the generate request it prepares
        self._waiting: set[int] = set()      # generate request ids not answered yet
        self._load_info: dict[int, dict] = {}
        self._retiring: list[ModelProcess] = []
        self._stop_deadline: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    # the API ------------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._waiting)

    def request(self, spec: str, adapter: str | None, messages_list: list[list[dict]],
                gen_cfg: GenerateConfig | None = None) -> int:
        """Replies to ``messages_list`` by ``spec`` + ``adapter`` (loaded if it is not the current model);
        returns the id that ``progress`` / ``done`` / ``failed`` will carry."""
        load_id = self.process.load(spec, adapter)
        gen_id = self.process.generate(messages_list, gen_cfg)
        self._pending[load_id] = gen_id
        self._waiting.add(gen_id)
        self._stop_deadline = None
        self._timer.start()
        return gen_id

    def stop(self) -> None:
        """Stop the pending requests: generation stops between batches; a process that has not answered
        within a second is ended (and started again on the next request)."""
        if not self._waiting:
            return
        import time

        self.process.cancel()
        self._stop_deadline = time.monotonic() + STOP_GRACE_S

    @Slot()
    def free(self) -> None:
        """End the process and free its model (another model chosen, a job started); pending requests fail
        with "stopped". The next request starts a fresh process."""
        if not self.process.started:
            return
        self._fail_all(self.tr("stopped"))
        old, self.process = self.process, ModelProcess(self.home)
        old.close(wait=0)
        self._retiring.append(old)
        self._timer.start()  # reaps it

    def close(self) -> None:
        """End the process now and wait for it (window close)."""
        self._timer.stop()
        self._waiting.clear()
        self._pending.clear()
        for proc in [*self._retiring, self.process]:
            proc.close(wait=3.0)
        self._retiring = []

    # answers ------------------------------------------------------------------------------------------

    @Slot()
    def _poll(self) -> None:
        import time

        self._retiring = [p for p in self._retiring if not p.reap()]
        for kind, rid, payload in self.process.poll():
            self._answer(kind, rid, payload)
        if self._waiting and self._stop_deadline is not None and time.monotonic() > self._stop_deadline:
            self._fail_all(self.tr("stopped"))
            self.process.kill()
        elif self._waiting and self.process.started and not self.process.alive:
            for kind, rid, payload in self.process.poll():  # its last words
                self._answer(kind, rid, payload)
            if self._waiting:
                code = self.process.exitcode
                why = self.tr(" (killed: the system may be short of memory)") if code == -9 else ""
                message = self.tr("The model process ended unexpectedly (exit code {code}){why}; it starts again "
                                  "with the next question.").format(code=code, why=why)
                self.process.kill()
                self._fail_all(message)
                self.restarted.emit(message)
        if not self._waiting and not self._retiring:
            self._timer.stop()

    def _answer(self, kind: str, rid: int, payload) -> None:
        if rid in self._pending:  # the load that prepares a generate request
            gen_id = self._pending[rid]
            if kind == "progress":
                self.progress.emit(gen_id, payload)
            elif kind == "done":
                del self._pending[rid]
                self.loads += 1 if payload.get("reloaded") else 0
                self._load_info[gen_id] = payload
            elif kind == "error":
                del self._pending[rid]
                self._load_info[gen_id] = {"error": payload}
            return
        if rid not in self._waiting:
            return
        load = self._load_info.get(rid, {})
        if kind == "progress":
            self.progress.emit(rid, payload)
        elif kind == "done" and "error" in load:  # the load failed: the reply came from an older model
            self._finish(rid)
            self.failed.emit(rid, load["error"])
        elif kind == "done":
            self._finish(rid)
            self.done.emit(rid, {**payload, "loaded": load})
        elif kind == "error":
            self._finish(rid)
            # "no model loaded" after a failed load: the load's own message says why
            self.failed.emit(rid, load.get("error") or payload)

    def _finish(self, rid: int) -> None:
        self._waiting.discard(rid)
        self._load_info.pop(rid, None)
        if not self._waiting:
            self._stop_deadline = None

    def _fail_all(self, message: str) -> None:
        waiting = sorted(self._waiting)
        self._waiting.clear()
        self._pending.clear()
        self._load_info.clear()
        self._stop_deadline = None
        for rid in waiting:
            self.failed.emit(rid, message)
