"""Where the repository's own files are: its root, the bundled data and resources, and repo-relative paths.

Config defaults name bundled files relative to the repository ("data/sft.jsonl"); :func:`repo_path` turns such
a path into one that works from any working directory. Every module asks here instead of computing the root.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
RESOURCES = REPO_ROOT / "resources"


def repo_path(path: str | os.PathLike) -> Path:
    """``path`` itself when it is absolute or exists from the working directory, else under the repository
    root (so "data/eval.jsonl" finds the bundled file wherever the app was started)."""
    p = Path(path)
    return p if p.is_absolute() or p.exists() else REPO_ROOT / p
