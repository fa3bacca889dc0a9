"""Render the Runs tab over a few fake run folders, two DPO runs overlaid, to ``docs/screenshots/runs.png``.

Usage: ``python scripts/screenshot_runs.py [--out PATH]``. The runs are written through ``core.runs.RunDir``
with made-up but plausible curves (no model is loaded), in a temporary data dir unless ``$PREFLAB_HOME`` is
set; one is left interrupted and one failed, as a learner's history would have them.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from core.runs import RunDir  # noqa: E402
from core.workspace import runs_dir  # noqa: E402
from scripts.screenshot import shoot, show_window  # noqa: E402

DPO = {"pairs": "data/pairs_train.jsonl", "learning_rate": 5e-5, "epochs": 1.0, "lora_rank": 16,
       "loss_type": "sigmoid", "adapter": "shipped"}


def _at(hour: int, minute: int) -> float:
    today = time.localtime()
    return time.mktime((today.tm_year, today.tm_mon, today.tm_mday, hour, minute, 0, 0, 0, -1))


def _dpo_events(beta: float, steps: int, rng: random.Random) -> list[dict]:
    events, speed = [], 0.05 + 0.1 * beta  # a larger beta pushes the margins apart in fewer steps here
    for s in range(1, steps + 1):
        margin = 4 * beta * (1 - math.exp(-speed * s)) + rng.gauss(0, 0.02)
        chosen = -0.2 * beta * s / steps + margin / 2
        loss = math.log1p(math.exp(-margin * 2)) * (1 + rng.gauss(0, 0.03))  # -log σ: log 2 at a zero margin
        event = {"step": s, "loss": loss,
                 "rewards/chosen": chosen, "rewards/rejected": chosen - margin, "rewards/margins": margin,
                 "rewards/accuracies": min(1.0, max(0.0, 1 - math.exp(-speed * s * 1.5) + rng.gauss(0, 0.05)))}
        if s % 10 == 0:
            event.update({"eval_loss": event["loss"] + 0.05, "eval_rewards/margins": margin * 0.8,
                          "eval_rewards/accuracies": event["rewards/accuracies"] * 0.9})
        events.append(event)
    return events


def write_fake_runs(root: Path) -> list[Path]:
    """Six runs: two DPO runs to compare, an interrupted DPO run, a reward model, an SFT run, a failed one."""
    rng = random.Random(0)

    def run(name, lab, config, events, summary, started, status="finished"):
        r = RunDir(root / name, lab)
        r.start(config)
        for event in events:
            r.log(event)
        if summary is not None:
            r.finish(summary, status)
        os.utime(r.path / "config.json", (started, started))
        return r

    a = run("dpo-a", "dpo", {**DPO, "beta": 0.1}, _dpo_events(0.1, 80, rng),
            {"steps": 80, "eval_before": {"honest": 0.35}, "eval_after": {"honest": 0.55}}, _at(14, 2))
    b = run("dpo-b", "dpo", {**DPO, "beta": 0.5}, _dpo_events(0.5, 80, rng),
            {"steps": 80, "eval_before": {"honest": 0.35}, "eval_after": {"honest": 0.7}}, _at(14, 20))
    dead = run("dpo-c", "dpo", {**DPO, "beta": 0.25}, _dpo_events(0.25, 23, rng), None, _at(14, 41))
    dead.set_status("running", pid=2 ** 22 + 7)  # a process that is gone: the history says interrupted
    rm_events = [{"step": s, "loss": 0.69 * math.exp(-s / 25) + 0.1, "accuracy": min(1, 0.5 + s / 80),
                  "margin": s / 30} for s in range(1, 51)]
    run("rm-1", "reward", {"pairs": "store", "learning_rate": 5e-4, "epochs": 1.0, "lora_rank": 8}, rm_events,
        {"steps": 50, "heldout_accuracy": 0.86}, _at(13, 15))
    sft_events = [{"step": s, "loss": 2.4 * math.exp(-s / 12) + 0.35} for s in range(1, 61)]
    run("distill-1", "sft", {"data": "revisions.jsonl", "learning_rate": 2e-4, "epochs": 2.0, "lora_rank": 16},
        sft_events, {"steps": 60, "final_loss": sft_events[-1]["loss"]}, _at(12, 40))
    failed = run("rm-2", "reward", {"pairs": "data/pairs_train.jsonl", "learning_rate": 5e-3, "epochs": 1.0,
                                    "lora_rank": 8}, [], None, _at(12, 5))
    failed.set_status("failed", error="ValueError: batch_size: 8 is larger than the 5 training pairs",
                      log=str(root.parent / "logs" / "preflab.log"))
    return [a.path, b.path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "runs.png"))
    args = parser.parse_args(argv)

    home = os.environ.get("PREFLAB_HOME") or tempfile.mkdtemp(prefix="preflab-shot-")
    os.environ["PREFLAB_HOME"] = home
    os.environ.setdefault("PREFLAB_SETTINGS", str(Path(home) / "settings.ini"))
    compared = write_fake_runs(runs_dir(Path(home)))
    app = QApplication.instance() or QApplication([])
    from PySide6.QtWidgets import QWidget

    from gui.main_window import TABS, MainWindow
    from gui.tabs.runs_tab import RunsTab

    # The other tabs are stand-ins with their real titles: the shot needs the tab bar, not their contents.
    tabs = [(title, factory if title == "Runs" else lambda w: QWidget()) for title, factory in TABS]
    window = MainWindow(home=home, model_spec="tiny", tabs=tabs)
    show_window(window)
    tab = next(window.tabs.widget(i) for i in range(window.tabs.count())
               if isinstance(window.tabs.widget(i), RunsTab))
    window.tabs.setCurrentWidget(tab)
    app.processEvents()
    tab.select_runs(compared)
    tab.compare()
    shoot(window, Path(args.out))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
