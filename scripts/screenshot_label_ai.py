"""Render the Label tab with AI labels and agreement to ``docs/screenshots/label-ai.png`` (offscreen).

Usage: ``python scripts/screenshot_label_ai.py [--model smollm2] [--labels 40] [--principle honest]``. In a
temporary data dir (unless ``$PREFLAB_HOME`` is set) the seed pairs are stored, the learner "learner" labels the
first ``--labels`` of them the way the seed labels do (a learner who agrees with the seed: the agreement shown is
then the AI's with people), and ``preflab ai-label --principle P --from-store --limit N`` labels the same pairs
with the AI annotator (the app's default method, the shipped tutor as judge). The window then shows the AI
annotator page and a labeled pair on which the AI chose a side.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshot import report_errors, settle, shoot, show_window  # noqa: E402

LEARNER = "learner"


def label_like_the_seed(home: str, n: int) -> list[int]:
    """Store the seed pairs and label the first ``n`` as the seed does; returns their pair ids."""
    from core.pairs import SEED_PAIRS, load_pairs, seed_store
    from core.store import PreferenceStore
    from core.workspace import data_home, store_path

    with PreferenceStore(store_path(data_home(home))) as store:
        seed_store(store, [SEED_PAIRS])
        seed = store.seed_labels(load_pairs(SEED_PAIRS))
        ids = sorted(seed)[:n]
        for pair_id in ids:
            store.label(pair_id, LEARNER, seed[pair_id])
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="smollm2")
    parser.add_argument("--labels", type=int, default=40, help="pairs the learner and the AI label")
    parser.add_argument("--principle", default="honest")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "label-ai.png"))
    args = parser.parse_args(argv)

    home = os.environ.get("PREFLAB_HOME") or tempfile.mkdtemp(prefix="preflab-shot-")
    os.environ["PREFLAB_HOME"] = home
    ids = label_like_the_seed(home, args.labels)
    subprocess.run([str(Path(sys.executable).with_name("preflab")), "ai-label", "--model", args.model, "--principle",
                    args.principle, "--from-store", "--limit", str(args.labels)], check=True, cwd=ROOT)

    _app = QApplication.instance() or QApplication([])  # held for the whole run
    from core.store import PreferenceStore
    from core.workspace import data_home, store_path
    from gui.main_window import MainWindow
    from gui.tabs.label_tab import LabelTab

    with PreferenceStore(store_path(data_home(home))) as store:
        ai = {j.pair_id: j.choice for j in store.current_labels(f"ai:{args.principle}")}
    window = MainWindow(home=home, model_spec=args.model)
    show_window(window)
    tab = next(window.tabs.widget(i) for i in range(window.tabs.count())
               if isinstance(window.tabs.widget(i), LabelTab))
    window.tabs.setCurrentWidget(tab)
    tab.set_annotator(LEARNER)
    panel = tab.ai_panel
    panel.ai_combo.setCurrentIndex(max(0, panel.ai_combo.findData(f"ai:{args.principle}")))
    tab.lists.setCurrentWidget(panel)
    sided = [i for i in ids if ai.get(i) in ("A", "B")]
    tab.show_pair((sided or ids)[0])  # a labeled pair: the AI's choice is marked on it
    settle()
    report_errors(window)
    shoot(window, Path(args.out))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
