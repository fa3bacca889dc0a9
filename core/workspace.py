"""The data directory: where runs, the model cache, the preference store and logs live.

``data_home()`` picks the folder (an explicit override, else ``$PREFLAB_HOME``, else the platform's user
data dir), creates it and proves it is writable. The other helpers only name paths inside it; they do
not create anything.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "preference-lab"
ENV_VAR = "PREFLAB_HOME"


class WorkspaceError(OSError):
    """The data dir cannot be created or written."""


def data_home(override: str | os.PathLike | None = None) -> Path:
    """Return the data dir, created and checked writable; raises :class:`WorkspaceError` otherwise."""
    raw = (
        override if override is not None else os.environ.get(ENV_VAR) or platformdirs.user_data_dir(APP_NAME)
    )
    home = Path(raw).expanduser()
    try:
        home.mkdir(parents=True, exist_ok=True)
        # mkdir succeeds on an existing read-only dir, so probe with a real file.
        with tempfile.NamedTemporaryFile(dir=home, prefix=".probe-"):
            pass
    except OSError as exc:
        raise WorkspaceError(f"data dir {home} is not writable: {exc}") from exc
    return home


def runs_dir(home: Path) -> Path:
    return Path(home) / "runs"


def cache_dir(home: Path) -> Path:
    """Downloaded / converted model weights."""
    return Path(home) / "models"


def store_path(home: Path) -> Path:
    return Path(home) / "preferences.sqlite3"


def log_dir(home: Path) -> Path:
    return Path(home) / "logs"
