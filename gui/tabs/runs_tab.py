"""The Runs tab: the history of every run in the data dir, reopened, compared, exported or deleted.

The table lists each run folder of ``runs_dir`` (and any folder opened with "Open folder…"): its kind (tutor
SFT, distillation, reward model, DPO, constitution loop), start time, data, the adapter it started from, key
settings, status and headline numbers. Selecting one run shows its curves (the same MetricsPlots its lab's tab
draws, filled from ``metrics.jsonl``) and its summary; selecting several runs of one lab and pressing Compare
overlays their curves, one colour per run, with a line that says what is compared (and a warning when the runs
are of different kinds or their losses of different scales). CSV export takes one run or the runs compared.
Folders that were left half-written read as ``interrupted`` and never break the view. Not here: reading and
deleting run folders (``core.runs``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDir, Qt, Slot
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import workspace
from core.runs import (
    RunInfo,
    data_name,
    delete_run,
    headline,
    is_run_dir,
    list_runs,
    metrics_to_csv,
    read_metrics,
    runs_to_csv,
)
from gui.widgets.messages import show_error
from gui.widgets.metrics_plot import MUTED_COLOUR, PALETTE, MetricsPlot
from gui.widgets.progress_panel import ElidedLabel
from gui.widgets.run_texts import (
    compare_labels,
    field_names,
    fmt,
    headline_names,
    headline_text,
    headline_value,
    kind_text,
    overlay_text,
    overlay_warning_text,
    settings_text,
    start_text,
    status_text,
    status_tip,
)
from gui.widgets.style import BAD

if TYPE_CHECKING:
    from gui.main_window import MainWindow

STATUS_COLOURS = {"finished": "#1a7f37", "stopped": "#8a6d00", "failed": "#c62828", "interrupted": "#c25e00",
                  "running": "#0072B2"}
PATH_ROLE = Qt.ItemDataRole.UserRole
# a total left out of a plot when the run logged its part that the lab's tab draws (DPO: loss = preference + SFT)
SUM_OF = {"loss": "preference_loss", "eval_loss": "eval_preference_loss"}
# a compared plot's keys, in order: the first solid, then dashed, then dotted (one colour per run)
LINE_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
LIST_ITEMS_SHOWN = 20  # longer lists in a summary (held-out pairs, eval rows) show as a count
COLUMNS = ("kind", "started", "data", "from", "settings", "status", "result")


def _item(text: str, tooltip: str = "", colour: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(tooltip or text)
    if colour:
        item.setForeground(QBrush(QColor(colour)))
    return item


class RunsTab(QWidget):
    """History of runs. ``plots`` holds the MetricsPlots on show; ``shown`` the runs whose curves they draw."""

    def __init__(self, main: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        self.runs: list[RunInfo] = []
        self.opened: list[Path] = []  # folders opened by hand: listed (and deletable) beside runs_dir's
        self.plots: list[MetricsPlot] = []
        self.shown: list[RunInfo] = []

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_table())
        splitter.addWidget(self._build_details())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([230, 560])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addLayout(self._build_buttons())
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # layout -----------------------------------------------------------------------------------------

    def _build_buttons(self) -> QHBoxLayout:
        def button(text: str, tip: str, slot) -> QPushButton:
            b = QPushButton(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda: slot())
            return b

        self.refresh_button = button(self.tr("Refresh"), self.tr("Read the run folders again"), self.refresh)
        self.open_button = button(self.tr("Open folder…"), self.tr("Add a run folder from elsewhere to the list"),
                                  self.open_folder)
        self.compare_button = button(self.tr("Compare"), self.tr("Overlay the curves of the selected runs "
                                                                 "(two or more runs of one lab)"), self.compare)
        self.csv_button = button(self.tr("Export CSV…"), self.tr("Save the metrics of the selected run (or of "
                                                                 "the runs selected to compare, with a run "
                                                                 "column) as a CSV table"), self.export_csv)
        self.delete_button = button(self.tr("Delete…"), self.tr("Delete the selected run folders"),
                                    self.delete_selected)
        self.hint = ElidedLabel()  # one line, cut to the room beside the buttons (whole text in the tooltip)
        self.hint.setStyleSheet(f"color: {MUTED_COLOUR};")
        row = QHBoxLayout()
        for b in (self.refresh_button, self.open_button, self.compare_button, self.csv_button):
            row.addWidget(b)
        row.addWidget(self.hint, 1)
        row.addWidget(self.delete_button)
        return row

    def _build_table(self) -> QTableWidget:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Started"), self.tr("Data"),
                                              self.tr("Started from"), self.tr("Settings"), self.tr("Status"),
                                              self.tr("Result")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("settings"), QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.itemDoubleClicked.connect(lambda _: self.compare() if len(self.selected()) > 1 else None)
        return self.table

    def _build_details(self) -> QWidget:
        self.plot_area = QWidget()
        area = QVBoxLayout(self.plot_area)
        area.setContentsMargins(0, 0, 0, 0)
        area.setSpacing(4)
        # what an overlay compares (one line), and a warning when the runs do not compare like for like
        self.overlay_note = QLabel()
        self.overlay_note.setWordWrap(True)
        self.overlay_note.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.overlay_note.hide()
        self.overlay_warning = QLabel()
        self.overlay_warning.setWordWrap(True)
        self.overlay_warning.setStyleSheet(f"color: {BAD};")
        self.overlay_warning.hide()
        area.addWidget(self.overlay_note)
        area.addWidget(self.overlay_warning)
        self.plot_grid = QGridLayout()
        self.plot_grid.setContentsMargins(0, 0, 0, 0)
        self.plot_grid.setSpacing(10)
        area.addLayout(self.plot_grid, 1)
        self.placeholder = QLabel(self.tr("Select a run to see its curves; select several runs of one lab and "
                                          "press Compare to overlay them."))
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.plot_grid.addWidget(self.placeholder, 0, 0)

        self.summary = QTreeWidget()
        self.summary.setColumnCount(2)
        self.summary.setHeaderLabels([self.tr("Key"), self.tr("Value")])
        self.summary.setAlternatingRowColors(True)
        self.summary.setUniformRowHeights(True)
        self.summary.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.summary.setMinimumWidth(260)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.plot_area)
        splitter.addWidget(self.summary)
        splitter.setStretchFactor(0, 2)  # the tree's values (folders, rates) need room too: at 1024 px they were cut
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 400])
        splitter.setChildrenCollapsible(False)
        return splitter

    def _plot_specs(self, lab: str) -> list[tuple[list[str], str, dict[str, str]]]:
        """(keys, title, legend labels) of each plot the lab's own tab draws."""
        train, held_out = self.tr("train"), self.tr("held-out")
        if lab == "sft":
            return [(["loss"], self.tr("Training loss"), {"loss": train})]
        if lab == "reward":
            return [(["loss", "eval_loss"], self.tr("Loss"), {"loss": train, "eval_loss": held_out}),
                    (["accuracy", "eval_accuracy"], self.tr("Accuracy"),
                     {"accuracy": train, "eval_accuracy": held_out}),
                    (["margin", "eval_margin"], self.tr("Reward margin"), {"margin": train, "eval_margin": held_out})]
        if lab == "dpo":
            # as the DPO tab draws it: the preference loss and the SFT term apart (their sum, "loss", only for
            # runs that logged no parts)
            return [(["preference_loss", "eval_preference_loss", "nll_loss", "loss", "eval_loss"], self.tr("DPO loss"),
                     {"preference_loss": train, "eval_preference_loss": held_out, "nll_loss": self.tr("SFT term"),
                      "loss": train, "eval_loss": held_out}),
                    (["rewards/chosen", "rewards/rejected"], self.tr("Implicit rewards"),
                     {"rewards/chosen": self.tr("chosen"), "rewards/rejected": self.tr("rejected")}),
                    (["rewards/margins", "eval_rewards/margins"], self.tr("Reward margin"),
                     {"rewards/margins": train, "eval_rewards/margins": held_out}),
                    (["rewards/accuracies", "eval_rewards/accuracies"], self.tr("Preference accuracy"),
                     {"rewards/accuracies": train, "eval_rewards/accuracies": held_out})]
        return []  # constitution runs log no curves: their records are reviewed in the Constitution tab

    # the list ---------------------------------------------------------------------------------------

    def runs_root(self) -> Path | None:
        try:
            return workspace.runs_dir(workspace.data_home(self.main.home))
        except OSError as exc:
            self.hint.setText(str(exc))
            return None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read every run folder again; keep the selection (and what is drawn) where the runs still exist."""
        selected = {info.path for info in self.selected()}
        root = self.runs_root()
        self.opened = [p for p in self.opened if is_run_dir(p)]
        self.runs = list_runs(root, self.opened)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.runs))
        for row, info in enumerate(self.runs):
            self._fill_row(row, info)
        self.select_runs(selected)
        self.table.blockSignals(False)
        now = self.selected()
        if {i.path for i in self.shown} - {i.path for i in self.runs}:
            self._clear_details()  # a run on show was deleted outside the app
        if len(now) == 1:
            self.show_run(now[0])  # re-read: a running run has new points
        self._update_buttons()
        if not self.runs:
            self.hint.setText(self.tr("No runs yet: train in one of the lab tabs, or open a run folder."))

    def _fill_row(self, row: int, info: RunInfo) -> None:
        started = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.started)) if info.started else "—"
        kind = kind_text(info)
        cells = [_item(kind, f"{kind}\n{info.path}"), _item(started), _item(data_name(info.config) or "—"),
                 _item(start_text(info), str(info.config.get("adapter") or "")),
                 _item(settings_text(info)), _item(status_text(info.status), status_tip(info),
                                                   STATUS_COLOURS.get(info.status)),
                 _item(headline_text(info))]
        cells[0].setData(PATH_ROLE, str(info.path))
        for col, item in enumerate(cells):
            self.table.setItem(row, col, item)

    def selected(self) -> list[RunInfo]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.runs[r] for r in rows if r < len(self.runs)]

    def select_runs(self, paths) -> None:
        """Select the runs at ``paths`` (others are deselected)."""
        wanted = {Path(p) for p in paths}
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, info in enumerate(self.runs):
            if info.path in wanted:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _comparable(self, runs: list[RunInfo]) -> bool:
        return len(runs) >= 2 and len({r.lab for r in runs}) == 1 and bool(self._plot_specs(runs[0].lab))

    def _update_buttons(self) -> None:
        runs = self.selected()
        self.compare_button.setEnabled(self._comparable(runs))
        self.csv_button.setEnabled(bool(runs))
        self.delete_button.setEnabled(bool(runs))
        if len(runs) >= 2:
            if self._comparable(runs):
                self.hint.setText(self.tr("{n} runs selected: Compare overlays their curves.").format(n=len(runs)))
            else:
                self.hint.setText(self.tr("Only runs of one lab can be compared."))
        else:
            self.hint.setText("" if not self.runs else self.tr("1 run") if len(self.runs) == 1
                              else self.tr("{n} runs").format(n=len(self.runs)))

    @Slot()
    def _on_selection(self) -> None:
        self._update_buttons()
        runs = self.selected()
        if len(runs) == 1:
            self.show_run(runs[0])

    # details: one run, or an overlay ----------------------------------------------------------------

    def _clear_details(self) -> None:
        for plot in self.plots:
            self.plot_grid.removeWidget(plot)
            plot.hide()  # deleteLater waits for the event loop; until then the old plot would still paint
            plot.deleteLater()
        self.plots, self.shown = [], []
        self.summary.clear()
        self.placeholder.show()
        self.overlay_note.hide()
        self.overlay_warning.hide()

    def _make_plots(self, specs: list[tuple[list[str], str, dict[str, str]]], own_keys: bool) -> None:
        self._clear_details()
        for i, (keys, title, labels) in enumerate(specs):
            plot = MetricsPlot(keys if own_keys else [], title, labels=labels)
            plot.plot_widget.setMinimumHeight(150)
            plot.plot_widget.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
            # one plot fills the row; several sit two to a row
            self.plot_grid.addWidget(plot, i // 2, i % 2, 1, 2 if len(specs) == 1 else 1)
            self.plots.append(plot)
        self.placeholder.setVisible(not specs)
        if not specs:
            self.placeholder.setText(self.tr("No curves: the run logged no training metrics."))

    def _specs_with_data(self, lab: str, rows: list[dict]) -> list[tuple[list[str], str, dict[str, str]]]:
        """The lab's plots, each keeping only the keys some row has a number for (no empty legend entries)."""
        present = {k for r in rows if _is_number(r.get("step")) for k, v in r.items() if _is_number(v)}
        specs = []
        for keys, title, labels in self._plot_specs(lab):
            kept = [k for k in keys if k in present and SUM_OF.get(k, "") not in present]
            if kept:
                specs.append((kept, title, labels))
        return specs

    def show_run(self, info: RunInfo) -> None:
        """Draw one run's curves from its ``metrics.jsonl`` and show its summary."""
        rows = [r for r in read_metrics(info.path) if isinstance(r, dict)]
        self._make_plots(self._specs_with_data(info.lab, rows), own_keys=True)
        self.shown = [info]
        for event in rows:
            for plot in self.plots:
                plot.add(event)
        for plot in self.plots:
            plot.refresh()
        self._show_summary(info)

    @Slot()
    def compare(self) -> None:
        """Overlay the curves of the selected runs (one lab), one colour per run."""
        runs = self.selected()
        if not self._comparable(runs):
            self.main.show_message(self.tr("Select two or more runs of the same lab to compare."))
            return
        runs = sorted(runs, key=lambda r: r.started)
        metrics = [[r for r in read_metrics(info.path) if isinstance(r, dict)] for info in runs]
        specs = self._specs_with_data(runs[0].lab, [r for rows in metrics for r in rows])
        self._make_plots(specs, own_keys=False)
        self.shown = runs
        # One colour per run, one legend entry per run; a plot's further keys are the same colour, dashed, then
        # dotted (the DPO loss: preference loss, held-out, SFT term), the caption naming each line.
        for plot, (keys, _, labels) in zip(self.plots, specs):
            if len(keys) == 2:
                plot.explanation.setText(self.tr("solid: {solid} · dashed: {dashed}").format(solid=labels[keys[0]],
                                                                                     dashed=labels[keys[1]]))
            elif len(keys) > 2:
                plot.explanation.setText(self.tr("solid: {solid} · dashed: {dashed} · dotted: {dotted}").format(
                    solid=labels[keys[0]], dashed=labels[keys[1]], dotted=labels[keys[2]]))
            plot.explanation.setVisible(len(keys) > 1)
        for n, (rows, label) in enumerate(zip(metrics, compare_labels(runs))):
            colour = PALETTE[n % len(PALETTE)]
            for plot, (keys, _, labels) in zip(self.plots, specs):
                for k, key in enumerate(keys):
                    points = [(r["step"], r[key]) for r in rows if _is_number(r.get("step"))
                              and _is_number(r.get(key))]
                    if points:
                        name = label if k == 0 else f"{label} · {labels[key]}"
                        plot.add_series(name, *zip(*points), colour=colour, legend=k == 0,
                                        style=LINE_STYLES[min(k, len(LINE_STYLES) - 1)])
        self._show_comparison(runs)
        self.overlay_note.setText(overlay_text(runs))
        self.overlay_note.show()
        warning = overlay_warning_text(runs)
        self.overlay_warning.setText(warning)
        self.overlay_warning.setVisible(bool(warning))

    def _show_summary(self, info: RunInfo) -> None:
        self.summary.clear()
        run = self._node(self.summary, self.tr("Run"), "")
        self._node(run, self.tr("folder"), str(info.path))
        self._node(run, self.tr("kind"), kind_text(info))
        self._node(run, self.tr("started from"), start_text(info))
        self._node(run, self.tr("status"), status_text(info.status))
        if info.status == "failed":
            self._node(run, self.tr("error"), str(info.status_info.get("error", "")))
            self._node(run, self.tr("log"), str(info.status_info.get("log", "")) or "—")
        if info.status == "interrupted":
            self._node(run, self.tr("why interrupted"), self._why_interrupted(info))
        if info.summary is not None:
            self._fill(self._node(self.summary, self.tr("Summary"), ""), info.summary)
        self._fill(self._node(self.summary, self.tr("Settings"), ""), info.config)
        self.summary.expandToDepth(0)
        self.summary.topLevelItem(self.summary.topLevelItemCount() - 1).setExpanded(False)  # settings: on demand

    def _why_interrupted(self, info: RunInfo) -> str:
        if info.torn:
            return self.tr("metrics.jsonl ends in a half-written line")
        if info.status_info.get("status") == "running":
            return self.tr("its process (pid {pid}) ended while the run was going").format(
                pid=info.status_info.get("pid", "?"))
        if info.summary is None:
            return self.tr("no summary.json")
        return self.tr("status.json is missing or unreadable")

    def _show_comparison(self, runs: list[RunInfo]) -> None:
        self.summary.clear()
        for info, label in zip(runs, compare_labels(runs)):
            node = self._node(self.summary, label, status_text(info.status))
            names = headline_names()
            for k, v in headline(info).items():
                self._node(node, names.get(k, k), headline_value(k, v))
            self._node(node, self.tr("started from"), start_text(info))
            self._node(node, self.tr("settings"), settings_text(info))
            self._node(node, self.tr("folder"), str(info.path))
        self.summary.expandToDepth(0)

    @staticmethod
    def _node(parent, key: str, value: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [key, value])
        item.setToolTip(1, value)
        return item

    def _fill(self, parent: QTreeWidgetItem, value: Any, names: dict[str, str] | None = None) -> None:
        """The rows of a summary or config dict: each key in the learner's words (the file's key as tooltip)."""
        names = field_names() if names is None else names
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, v in items:
            name = names.get(key, key) if isinstance(key, str) else str(key)
            if isinstance(v, dict) or (isinstance(v, list) and 0 < len(v) <= LIST_ITEMS_SHOWN):
                node = self._node(parent, name, "")
                self._fill(node, v, names)
            elif isinstance(v, list):
                node = self._node(parent, name, self.tr("{n} items").format(n=len(v)))
            elif key == "status" and isinstance(v, str):
                node = self._node(parent, name, status_text(v))
            else:
                node = self._node(parent, name, fmt(v) if v is not None else "—")
            if isinstance(key, str):
                node.setToolTip(0, key)

    # state carried over when the window rebuilds its tabs (language change) ---------------------------

    def export_state(self) -> dict:
        return {"opened": [str(p) for p in self.opened], "selected": [str(i.path) for i in self.selected()],
                "compared": len(self.shown) > 1}

    def import_state(self, state: dict) -> None:
        self.opened = [Path(p) for p in state.get("opened", [])]
        self.refresh()
        self.select_runs(state.get("selected", []))  # one run: shown by the selection signal
        if state.get("compared"):
            self.compare()

    # actions ----------------------------------------------------------------------------------------

    def open_folder(self, path: str | Path | None = None) -> RunInfo | None:
        """Add a run folder from anywhere to the list (asks for it when ``path`` is None) and select it."""
        if path is None:
            path = QFileDialog.getExistingDirectory(self, self.tr("Open a run folder"), str(self.runs_root() or ""))
            if not path:
                return None
        path = Path(path)
        if not is_run_dir(path):
            show_error(self, self.tr("Not a run folder"),
                       self.tr("{folder} holds none of config.json, status.json, summary.json or metrics.jsonl.")
                       .format(folder=path))
            return None
        if path not in self.opened:
            self.opened.append(path)
        self.refresh()
        self.select_runs([path])
        return next((r for r in self.runs if r.path == path), None)

    def export_csv(self, path: str | Path | None = None) -> Path | None:
        """Write the selected run's metrics as CSV, or those of several selected runs with a ``run`` column
        naming each as the overlay's legend does (asks for the file when ``path`` is None)."""
        runs = self.selected()
        if not runs:
            return None
        if path is None:
            name = runs[0].path.name if len(runs) == 1 else "compared-runs"
            default = str(Path(QDir.homePath()) / f"{name}-metrics.csv")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export metrics as CSV"), default,
                                                  self.tr("CSV table (*.csv)"))
            if not path:
                return None
        try:
            if len(runs) == 1:
                count = metrics_to_csv(runs[0].path, path)
            else:
                runs = sorted(runs, key=lambda r: r.started)
                count = runs_to_csv(list(zip(compare_labels(runs), [r.path for r in runs])), path)
        except OSError as exc:
            show_error(self, self.tr("Export failed"), str(exc))
            return None
        self.main.show_message(self.tr("{n} metric rows saved to {file}").format(n=count, file=path))
        return Path(path)

    def delete_selected(self, confirm: bool = True) -> list[Path]:
        """Delete the selected run folders after a confirmation (``confirm=False`` skips it: tests)."""
        runs = self.selected()
        if not runs:
            return []
        if confirm:
            names = "\n".join(str(r.path) for r in runs[:10]) + ("\n…" if len(runs) > 10 else "")
            answer = QMessageBox.question(
                self, self.tr("Delete runs"),
                self.tr("Delete {n} run folder(s)? This cannot be undone.").format(n=len(runs))
                + "\n\n" + names)
            if answer != QMessageBox.StandardButton.Yes:
                return []
        root = self.runs_root()
        deleted, errors = [], []
        for info in runs:
            try:
                delete_run(info.path, root, self.opened)
            except (OSError, ValueError) as exc:
                errors.append(f"{info.path}: {exc}")
                continue
            deleted.append(info.path)
        self.opened = [p for p in self.opened if p not in deleted]
        if any(i.path in deleted for i in self.shown):
            self._clear_details()
        self.refresh()
        if errors:
            show_error(self, self.tr("Some runs were not deleted"), "\n".join(errors))
        return deleted


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value
