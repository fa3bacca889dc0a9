"""A rotating log file in the data dir (``logs/preflab.log``), shared by the app and the CLI."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_LOG_PATH: Path | None = None
LOGGER = logging.getLogger("preflab")


def setup_logging(home: Path) -> Path:
    """Log to ``<home>/logs/preflab.log`` (1 MB x 3 files). Safe to call more than once."""
    global _LOG_PATH
    from core.workspace import log_dir

    folder = log_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "preflab.log"
    if _LOG_PATH != path:
        for handler in list(LOGGER.handlers):
            LOGGER.removeHandler(handler)
            handler.close()
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        LOGGER.addHandler(handler)
        LOGGER.setLevel(logging.INFO)
        _LOG_PATH = path
    return path


def log_path() -> Path | None:
    return _LOG_PATH
