"""The Resume button of the training tabs: which run can be resumed, its config, its plotted history.

A run can be resumed when its status is ``stopped`` or ``interrupted`` and it has a checkpoint
(:func:`core.training.latest_checkpoint`). A tab offers the run it started itself; before it has started one,
the newest resumable run of its lab in the data dir. The tab starts the job (its own job function, with
``cfg.resume=True``); the training itself is core's. Nothing here imports torch.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QPushButton, QWidget

from core import workspace
from core.runs import load_config, read_metrics, resume_config, run_status
from core.training import latest_checkpoint
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MetricsPlot
from gui.widgets.progress_panel import ProgressPanel

RESUMABLE = ("stopped", "interrupted")


def can_resume(run: Path | None) -> bool:
    return run is not None and run_status(run) in RESUMABLE and latest_checkpoint(run) is not None


def resumable_run(home: str | os.PathLike | None, lab: str, prefix: str, own: Path | None) -> Path | None:
    """``own`` (the run the tab started) if it can be resumed; without one, the newest resumable run whose
    folder starts with ``prefix`` and whose config.json says ``lab`` (distill runs are SFT runs too, but not
    the Tutor tab's)."""
    if own is not None:
        return own if can_resume(own) else None
    try:
        runs = workspace.runs_dir(workspace.data_home(home))
        found = []
        for path in runs.glob(f"{prefix}*"):
            config = path / "config.json"
            if config.is_file() and load_config(path).get("lab") == lab and can_resume(path):
                found.append((config.stat().st_mtime, path.name, path))
    except (OSError, ValueError, AttributeError):
        return None
    return max(found)[2] if found else None


def replay_metrics(plots: list[MetricsPlot], run: Path) -> None:
    """Clear ``plots`` and refill them with the run's events up to its checkpoint, where training continues
    (core cuts metrics.jsonl back to the same step)."""
    checkpoint = latest_checkpoint(run)
    last = int(checkpoint.name.split("-")[-1]) if checkpoint is not None else 0
    events = [e for e in read_metrics(run) if int(e.get("step", 0)) <= last]
    for plot in plots:
        plot.clear()
        for event in events:
            plot.add(event)
        plot.refresh()


def place_beside_start(panel: ProgressPanel, button: QPushButton) -> None:
    """Put ``button`` right after the panel's Start button (in its row of buttons). Three buttons leave the status
    text no room in that row ("finished · 30…"), so it moves to a line of its own under them."""
    outer = panel.layout()
    for i in range(outer.count()):
        row = outer.itemAt(i).layout()
        if row is not None and row.indexOf(panel.start_button) >= 0:
            row.insertWidget(row.indexOf(panel.start_button) + 1, button)
            panel.status_on_own_line()
            return
    outer.addWidget(button)


class ResumeButton(QPushButton):
    """"Resume" for one lab (``lab`` as config.json names it, run folders named ``prefix``...). The tab sets
    :attr:`started` when it starts a run, calls :meth:`refresh` when a job starts or ends, and on ``clicked``
    asks :meth:`resume_config` for the config to start its job with."""

    def __init__(self, main, lab: str, prefix: str, config_cls, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Resume"), parent)
        self.setToolTip(self.tr("Continue the last stopped run from its last checkpoint"))
        self.main, self.lab, self.prefix, self.config_cls = main, lab, prefix, config_cls
        self.started: Path | None = None  # the run this tab started last

    def run(self) -> Path | None:
        return resumable_run(self.main.home, self.lab, self.prefix, self.started)

    def refresh(self, busy: bool) -> None:
        self.setEnabled(not busy and self.run() is not None)

    def resume_config(self):
        """The config that continues :meth:`run`, or None (after saying why when config.json is unusable)."""
        run = self.run()
        if run is None:
            self.refresh(False)
            return None
        try:
            return resume_config(self.config_cls, run)
        except (OSError, ValueError, TypeError) as exc:
            show_error(self, self.tr("Cannot resume the run"), str(exc))
            return None

    def status_text(self, cfg) -> str:
        return self.tr("resuming {name}…").format(name=Path(cfg.out).name)
