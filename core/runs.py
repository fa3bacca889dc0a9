"""Run folders: every training job writes ``config.json``, ``metrics.jsonl``, ``adapter/`` and ``summary.json``.

Files are written to a temporary name and renamed, so a crash never leaves half a file. ``status.json`` says
whether a run is ``running``, ``finished``, ``stopped`` or ``failed``; a run left ``running`` by a killed
process is reported as ``interrupted``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import time
from pathlib import Path
from typing import Any


def atomic_write_text(path: Path, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def atomic_write_json(path: Path, obj: Any) -> None:
    atomic_write_text(path, json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n")


def read_json(path: Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


class RunDir:
    """A run folder being written by a job."""

    def __init__(self, path: str | os.PathLike, lab: str) -> None:
        self.path = Path(path)
        self.lab = lab
        self.path.mkdir(parents=True, exist_ok=True)
        self.metrics_path = self.path / "metrics.jsonl"
        self.adapter_dir = self.path / "adapter"

    def start(self, config: Any) -> None:
        cfg = dataclasses.asdict(config) if dataclasses.is_dataclass(config) else dict(config)
        atomic_write_json(self.path / "config.json", {"lab": self.lab, **cfg})
        self.metrics_path.write_text("", encoding="utf-8")
        self.set_status("running")

    def log(self, event: dict[str, Any]) -> None:
        # One JSON object per line, flushed at once: a crash loses at most the line being written.
        with open(self.metrics_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(event, default=str) + "\n")

    def set_status(self, status: str, **extra: Any) -> None:
        atomic_write_json(self.path / "status.json", {"status": status, "lab": self.lab, "time": time.time(),
                                                      "pid": os.getpid(), **extra})

    @contextlib.contextmanager
    def failing(self):
        """Mark the run ``failed`` (with the error and the log path) if the body raises."""
        try:
            yield self
        except BaseException as exc:
            from core.logs import log_path

            self.set_status("failed", error=f"{type(exc).__name__}: {exc}", log=str(log_path() or ""))
            raise

    def finish(self, summary: dict[str, Any], status: str = "finished") -> None:
        trainer_dir = self.path / "trainer"  # TRL's output_dir; left empty when nothing was checkpointed
        if trainer_dir.is_dir() and not any(trainer_dir.iterdir()):
            trainer_dir.rmdir()
        atomic_write_json(self.path / "summary.json", {"lab": self.lab, "status": status, **summary})
        self.set_status(status)


def read_metrics(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Read ``metrics.jsonl`` of a run folder (or the file itself), skipping a torn last line."""
    p = Path(path)
    if p.is_dir():
        p = p / "metrics.jsonl"
    rows = []
    if not p.exists():
        return rows
    for line in p.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return rows


def run_status(path: str | os.PathLike) -> str:
    """finished / stopped / failed / running; a run left ``running`` by a dead process is ``interrupted``."""
    p = Path(path) / "status.json"
    try:
        info = read_json(p)
        status = info["status"]
    except (OSError, ValueError, KeyError, TypeError):
        return "unknown"
    if status == "running" and not _alive(info.get("pid")):
        return "interrupted"
    return status


def _alive(pid) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
