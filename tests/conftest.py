"""Shared fixtures: every test runs offline, in a throwaway data dir that keeps the tiny model cached."""

from __future__ import annotations

import os
import socket

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ.get("PYTEST_XDIST_WORKER"):  # `pytest -n N` (make test): N workers share the cores (their job
    # processes inherit it), so each takes its share of torch threads instead of all of them
    _workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    os.environ.setdefault("PREFLAB_THREADS", str(max(1, (os.cpu_count() or 1) // _workers)))


def _remove_empty_stack_files(folder: str) -> None:
    """The stack files of earlier test processes that are gone and dumped nothing (every run opens two per
    process; only a hang writes to them)."""
    import contextlib
    import glob

    from core.runs import _alive  # the run history's own check of a process id

    for path in glob.glob(os.path.join(folder, "preflab-*stacks-*.txt")):
        pid = path.rsplit("-", 1)[-1].removesuffix(".txt")
        with contextlib.suppress(OSError, ValueError):
            if os.path.getsize(path) == 0 and not _alive(int(pid)):
                os.remove(path)


def _dump_stacks_on_sigusr1() -> None:
    """``kill -USR1 PID`` writes every thread's Python stack of that test process (the xdist master or a worker) to
    ``$TMPDIR/preflab-stacks-PID.txt``: how a hung test run is diagnosed (a worker's stderr is not shown)."""
    import faulthandler
    import signal
    import tempfile

    _remove_empty_stack_files(tempfile.gettempdir())
    if hasattr(signal, "SIGUSR1"):
        path = os.path.join(tempfile.gettempdir(), f"preflab-stacks-{os.getpid()}.txt")
        faulthandler.register(signal.SIGUSR1, file=open(path, "w"), all_threads=True)  # noqa: SIM115 (kept open)


_dump_stacks_on_sigusr1()


def pytest_sessionfinish(session, exitstatus):
    """An xdist worker still alive 60 s after its last test (at interpreter exit: a thread or child process that
    does not end) writes every thread's stack to ``$TMPDIR/preflab-exit-stacks-PID.txt`` and exits, so that a
    hang at exit cannot hold the whole run."""
    import faulthandler
    import tempfile

    if not os.environ.get("PYTEST_XDIST_WORKER"):  # the master waits for its workers: their watchdogs end them
        return
    path = os.path.join(tempfile.gettempdir(), f"preflab-exit-stacks-{os.getpid()}.txt")
    faulthandler.dump_traceback_later(60, exit=True, file=open(path, "w"))  # noqa: SIM115 (kept open)


@pytest.fixture(scope="session")
def session_home(tmp_path_factory):
    """One data dir per test session: the tiny model (and smollm2 conversion) is built once."""
    return tmp_path_factory.mktemp("preflab-home")


@pytest.fixture
def home(session_home, monkeypatch):
    monkeypatch.setenv("PREFLAB_HOME", str(session_home))
    return session_home


class SocketBlocked(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Fail any attempt to open a network connection; yields the list of attempts."""
    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise SocketBlocked(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts


@pytest.fixture(scope="session")
def sft_adapter(tmp_path_factory, session_home):
    """A few SFT steps on tiny: the "SFT tutor" the DPO policy and a reward model can start from."""
    from core import tutor
    from core.config import SftConfig
    from core.sft import run_sft

    out = tmp_path_factory.mktemp("sft") / "run"
    rows = [{"prompt": tutor.messages(f"He walk {i} miles."),
             "completion": [{"role": "assistant", "content": f"Correction: He walks {i} miles.\nAdd -s."}]}
            for i in range(8)]
    run_sft(SftConfig(model="tiny", out=str(out), max_steps=2, batch_size=4), home=session_home, rows=rows)
    return out
