"""Render every tab of the main window to ``docs/screenshots/<tab>.png`` (offscreen, no display needed).

Usage: ``python scripts/screenshot.py [--model tiny|smollm2] [--steps N] [--ask] [--eval]``. With ``--steps``
> 0 (default 40) a short SFT runs first so the loss plot has a curve; ``--ask`` and ``--eval`` also ask the
tutor and fill the eval table. The data dir is a temporary folder unless ``$PREFLAB_HOME`` is set.
Every screenshot script shows the window at SHOT_SIZE (a 1366 x 768 laptop screen) through :func:`show_window`
and saves it with :func:`shoot`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

SHOT_SIZE = (1366, 768)


def settle(ms: int = 200) -> None:
    """Let the event loop run ``ms``: layouts settle and the plots' redraw timers fire."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def show_window(window) -> None:
    """Show ``window`` at SHOT_SIZE."""
    window.resize(*SHOT_SIZE)
    window.show()
    settle()


def report_errors(window) -> None:
    """Print the text of every message box the window shows (a shot should show none)."""
    for box in window.findChildren(QMessageBox):
        if box.isVisible():
            print(f"error shown: {box.text()}", file=sys.stderr)


def shoot(window, path: Path) -> Path:
    """Save what ``window`` shows now to ``path`` (a PNG) and print the path."""
    settle()
    path.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(path))
    print(path, f"{window.width()}x{window.height()}")
    return path


def wait_for_job(tab, timeout_s: float = 600) -> None:
    """Spin the event loop until the tab's runner reports ``finished``."""
    if not tab.runner.running:
        return
    loop = QEventLoop()
    tab.runner.finished.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()


def wait_until(done, timeout_s: float = 600) -> None:
    """Spin the event loop until ``done()`` (e.g. the Tutor tab's answer, which comes from its kept model
    process, not from the runner)."""
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        settle(100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="tiny")
    parser.add_argument("--steps", type=int, default=40, help="SFT steps before the shot (0: none)")
    parser.add_argument("--ask", action="store_true", help="ask the tutor about the example sentence")
    parser.add_argument("--eval", action="store_true", help="run the quick base-vs-tutor eval")
    parser.add_argument("--cai", type=int, default=6, help="constitution run on N prompts before the shot (0: none)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)

    home = os.environ.get("PREFLAB_HOME") or tempfile.mkdtemp(prefix="preflab-shot-")
    os.environ["PREFLAB_HOME"] = home
    _app = QApplication.instance() or QApplication([])  # held for the whole run
    from gui.main_window import MainWindow

    window = MainWindow(home=home, model_spec=args.model)
    show_window(window)
    tutor = window.tabs.widget(0)
    if args.steps > 0:
        tutor.max_steps.setValue(args.steps)
        tutor.start_training()
        wait_for_job(tutor)
    if args.ask:
        tutor.sentence.setText("She go to school every day.")
        tutor.ask()
        wait_until(lambda: tutor._ask_id is None)
    if args.eval:
        tutor.start_eval()
        wait_for_job(tutor)
    if args.cai > 0:  # the Constitution tab: a short critique-and-revise run, two results reviewed
        from gui.tabs.constitution_tab import ConstitutionTab

        cai = next(w for w in map(window.tabs.widget, range(window.tabs.count())) if isinstance(w, ConstitutionTab))
        cai.limit.setValue(args.cai)
        cai.start_run()
        wait_for_job(cai)
        cai.table.selectRow(0)
        cai.decide_selected("accepted")
        cai.table.selectRow(1)
        cai.decide_selected("rejected")
    from gui.tabs.label_tab import LabelTab

    for label in window.findChildren(LabelTab):  # a few judgements, so the history table has rows
        for side in ("left", "right", "tie", "left", "skip", "right"):
            label.choose(side)
        label.lists.setCurrentIndex(1)
    report_errors(window)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        name = re.sub(r"[^a-z0-9]+", "-", window.tabs.tabText(i).lower()).strip("-")
        shoot(window, out / f"{name}.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
