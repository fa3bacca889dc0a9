"""Helper for the crash test in ``test_store.py``: label pairs in a loop until killed.

Usage: ``python store_labeler.py DB ANNOTATOR``. After each ``label()`` returns (so the judgement is
committed) it prints ``CONFIRMED <judgement_id> <pair_id> <choice>``; every fifth label it also undoes the
last one and prints ``UNDONE <judgement_id>`` once ``undo_last()`` returns. The test kills this process
with SIGKILL at random moments and checks that everything printed is in the database.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from any folder

from core.store import CHOICES, PreferenceStore  # noqa: E402


def main(db: str, annotator: str) -> None:
    store = PreferenceStore(db)
    pair_ids = [p.id for p in store.pairs()]
    step = 0
    while True:
        pair_id = pair_ids[step % len(pair_ids)]
        choice = CHOICES[(pair_id + step) % len(CHOICES)]
        judgement_id = store.label(pair_id, annotator, choice, swapped=step % 2 == 1)
        print(f"CONFIRMED {judgement_id} {pair_id} {choice}", flush=True)
        step += 1
        if step % 5 == 0:
            undone = store.undo_last(annotator)
            print(f"UNDONE {undone.id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
