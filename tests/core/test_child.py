"""Child processes of the app (core/child.py): a job's process ends when the app is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]

APP = textwrap.dedent("""
    import sys, time
    from core.child import child_main, job_context, parent_state, warm_up
    from tests.jobs_fake import report_pid_and_wait

    if __name__ == "__main__":
        if sys.argv[1] == "forkserver":
            warm_up(wait=True)
        ctx = job_context()
        assert ctx.get_start_method() == sys.argv[1], ctx.get_start_method()
        out, stop = ctx.Queue(), ctx.Event()  # kept referenced until the child has them
        child = ctx.Process(target=child_main, daemon=True, args=(report_pid_and_wait, (), {}, stop, out,
                                                                  None, None, None, parent_state()))
        child.start()
        kind, event = out.get(timeout=300)  # a job's metrics event
        print(ctx.get_start_method(), event["pid"], flush=True)
        time.sleep(600)
""")


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
@pytest.mark.parametrize("method", ["forkserver", "spawn"] if sys.platform.startswith("linux") else ["spawn"])
def test_a_jobs_process_ends_when_the_app_is_killed(tmp_path, method):
    """SIGKILL the app (here a small script that starts a job as the window does): the job's process, forked
    from the fork server or spawned, ends within a few seconds instead of training for nobody."""
    script = tmp_path / "app.py"
    script.write_text(APP, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    app = subprocess.Popen([sys.executable, str(script), method], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        started, pid = app.stdout.readline().split()
        assert started == method
        pid = int(pid)
        assert not _gone(pid) and pid != app.pid
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
        deadline = time.monotonic() + 15
        while not _gone(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(pid), f"the job's process ({method}) outlived the app"
    finally:
        if app.poll() is None:
            app.kill()
