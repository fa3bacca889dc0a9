"""Where the preference labs get their pairs: a TRL preference JSONL file, or the learner's labels in the store.

Rows are plain dicts ``{"prompt", "chosen", "rejected"}`` with the prompt as the tutor's user text.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STORE = "store"


def load_training_pairs(source: str, home=None) -> list[dict]:
    """``source`` is a JSONL path or ``"store"`` (labeled pairs of every annotator)."""
    if source == STORE:
        from core.store import PreferenceStore
        from core.workspace import data_home, store_path

        with PreferenceStore(store_path(data_home(home))) as store:
            rows = store.preference_rows()
        if not rows:
            raise ValueError("pairs: the preference store has no labeled pairs yet (label some, or use the seed pairs)")
        return rows
    from core.data import load_pairs

    path = Path(source)
    if not path.is_absolute() and not path.exists():
        path = REPO / source
    return [{"prompt": r["prompt"], "chosen": r["chosen"], "rejected": r["rejected"]} for r in load_pairs(path)]

