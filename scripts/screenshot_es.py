"""Screenshots of the Spanish interface (offscreen): ``docs/screenshots/tutor_es.png`` (the Tutor tab after a
short SFT run) and ``docs/screenshots/guide.png`` (a lab with its guide open), at 1366 x 768.

Usage: ``python scripts/screenshot_es.py [--steps N] [--lab label] [--all DIR]``; ``--all DIR`` also saves every
tab, guide closed and open, to DIR (for checking that no Spanish text is cut off). The data dir and the
settings file are temporary, so the learner's own are never touched.
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

from scripts.screenshot import settle, shoot, show_window, wait_for_job  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30, help="SFT steps on the tiny model before the shot")
    parser.add_argument("--lab", default="label", help="the tab whose guide guide.png shows open")
    parser.add_argument("--all", default="", help="also save every tab, guide closed and open, here")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="preflab-es-"))
    os.environ["PREFLAB_HOME"] = str(scratch / "home")
    os.environ["PREFLAB_SETTINGS"] = str(scratch / "settings.ini")
    app = QApplication.instance() or QApplication([])
    from gui import i18n
    from gui.main_window import MainWindow

    i18n.install_language(app, "es")
    window = MainWindow(home=scratch / "home", model_spec="tiny")
    show_window(window)
    tutor = window.tabs.widget(0)
    if args.steps > 0:
        tutor.max_steps.setValue(args.steps)
        tutor.start_training()
        wait_for_job(tutor)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    shoot(window, out / "tutor_es.png")

    guided = {window.tabs.widget(i).guided.lab: i for i in range(window.tabs.count())
              if hasattr(window.tabs.widget(i), "guided")}
    window.tabs.setCurrentIndex(guided[args.lab])
    window.tabs.currentWidget().guide.set_collapsed(False)
    shoot(window, out / "guide.png")
    window.tabs.currentWidget().guide.set_collapsed(True)

    if args.all:
        folder = Path(args.all)
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            tab = window.tabs.widget(i)
            states = [True, False, True] if hasattr(tab, "guide") else [None]
            for collapsed in states:
                if collapsed is not None:
                    tab.guide.set_collapsed(collapsed)
                settle()
                name = f"{i}-{'guide' if collapsed is False else 'plain'}.png"
                if not (folder / name).exists():
                    window.grab().save(str(folder / name))
                    print(folder / name, window.width())
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
