"""Render the Reward model tab after a short run to ``docs/screenshots/reward.png`` (offscreen).

Usage: ``python scripts/screenshot_reward.py [--model tiny|smollm2] [--steps N]``. The run trains on the 200
seed pairs and evaluates on the bundled held-out pairs, then scores the example reply. The data dir is a
temporary folder unless ``$PREFLAB_HOME`` is set. (``scripts/screenshot.py`` shots every tab as it opens.)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshot import report_errors, shoot, show_window, wait_for_job  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="tiny")
    parser.add_argument("--steps", type=int, default=30, help="reward-model steps before the shot")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "reward.png"))
    args = parser.parse_args(argv)

    home = os.environ.get("PREFLAB_HOME") or tempfile.mkdtemp(prefix="preflab-shot-")
    os.environ["PREFLAB_HOME"] = home
    _app = QApplication.instance() or QApplication([])  # held for the whole run
    from gui.main_window import MainWindow
    from gui.tabs.reward_tab import RewardTab

    window = MainWindow(home=home, model_spec=args.model)
    show_window(window)
    tab = next(window.tabs.widget(i) for i in range(window.tabs.count())
               if isinstance(window.tabs.widget(i), RewardTab))
    window.tabs.setCurrentWidget(tab)
    tab.max_steps.setValue(args.steps)
    tab.start_training()
    wait_for_job(tab)
    tab.score()
    wait_for_job(tab)
    if tab.heldout_pairs.table.rowCount():
        tab.heldout_pairs.table.selectRow(0)
    report_errors(window)
    shoot(window, Path(args.out))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
