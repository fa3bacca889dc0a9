"""Render the DPO tab after a short run to ``docs/screenshots/dpo.png`` (plots), ``dpo-compare.png`` (SFT vs
DPO eval and replies) and ``dpo-margins.png`` (pairs by margin); offscreen, no display needed.

Usage: ``python scripts/screenshot_dpo.py [--model tiny] [--steps 30] [--lr 5e-4]``. The run uses the bundled
seed and held-out pairs and the quick (40-sentence) eval. The data dir is a temporary folder unless
``$PREFLAB_HOME`` is set. ``scripts/screenshot.py`` shoots every tab without a DPO run; this one adds the run.
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

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.screenshot import report_errors, shoot, show_window, wait_for_job  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="tiny")
    parser.add_argument("--steps", type=int, default=30, help="DPO steps before the shot")
    # The tiny model's fresh LoRA barely moves at the default 5e-5 in 30 steps; a brisker rate shows curves.
    parser.add_argument("--lr", default="5e-4")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)

    home = os.environ.get("PREFLAB_HOME") or tempfile.mkdtemp(prefix="preflab-shot-")
    os.environ["PREFLAB_HOME"] = home
    _app = QApplication.instance() or QApplication([])  # held for the whole run
    from gui.main_window import MainWindow

    window = MainWindow(home=home, model_spec=args.model)
    show_window(window)
    index = next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == "DPO")
    window.tabs.setCurrentIndex(index)
    dpo = window.tabs.widget(index)
    dpo.max_steps.setValue(args.steps)
    dpo.learning_rate.setText(args.lr)
    dpo.start()
    wait_for_job(dpo)  # training
    wait_for_job(dpo)  # then the before/after eval, a job of its own that starts when training has ended
    report_errors(window)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for page, name in ((0, "dpo"), (1, "dpo-compare")):
        dpo.results.setCurrentIndex(page)
        shoot(window, out / f"{name}.png")
    dpo.pair_margins.score_button.click()  # the margins are scored on demand, in a job of their own
    wait_for_job(dpo)
    dpo.results.setCurrentIndex(2)
    shoot(window, out / "dpo-margins.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
