"""Plain-language messages for the errors a learner can meet while a job runs.

``plain_message(exc)`` says what happened and what to try, names the file or field where the exception does,
and ends with where the full traceback was logged. Used by the GUI's error dialog and the CLI.
"""

from __future__ import annotations

import errno
import sys

from core.logs import log_path


class TrainingDiverged(FloatingPointError):
    """The loss became NaN or infinite."""


def plain_message(exc: BaseException) -> str:
    return with_log_hint(describe(exc))


def with_log_hint(text: str) -> str:
    """``text`` plus where the log file is, once logging is set up."""
    path = log_path()
    return f"{text}\n\nDetails are in the log file: {path}" if path else text


def describe(exc: BaseException) -> str:
    """One plain sentence for an exception (no traceback, no log hint)."""
    if _is_oom(exc):
        return ("Out of memory. Try a smaller batch size, fewer LoRA ranks, or close other programs. "
                f"({type(exc).__name__})")
    if isinstance(exc, TrainingDiverged):
        return f"{exc} Try a smaller learning rate."
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return f"The disk is full: could not write {exc.filename or 'a file'}. Free some space and try again."
    if isinstance(exc, PermissionError):
        return f"Permission denied: {exc.filename or exc}. Choose a folder you can write to."
    if isinstance(exc, FileNotFoundError):
        return f"File not found: {exc.filename or exc}."
    if isinstance(exc, ValueError):
        return str(exc)  # our own validation errors already name the file, line or field
    return f"{type(exc).__name__}: {exc}"


def _is_oom(exc: BaseException) -> bool:
    if isinstance(exc, MemoryError):
        return True
    torch = sys.modules.get("torch")  # a torch error needs torch loaded; never import it just to ask
    oom = getattr(torch, "OutOfMemoryError", None) if torch is not None else None
    return bool(oom and isinstance(exc, oom)) or "out of memory" in str(exc).lower()
