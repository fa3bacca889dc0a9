"""The window a learner lives in, driven tab by tab at 1366x768 and 1024x700 (offscreen, fixed sizes).

For every tab: no visible widget lies outside the window, no horizontal scroll bar shows, and the window keeps
its size when the Guide opens and when the language switches (there and back). A language switch keeps the work
of the tabs (form values, a reply, an eval table, a plot); asked for while a job runs, it waits for the job.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QScrollBar, QWidget

from gui.main_window import first_size
from gui.widgets.metrics_plot import MetricsPlot

SIZES = [(1366, 768), (1024, 700)]


def _in_scroll_area(widget: QWidget) -> bool:
    """Whether ``widget`` lies in a scroll area's viewport (which clips and scrolls it)."""
    parent = widget.parentWidget()
    while parent is not None:
        outer = parent.parentWidget()
        if isinstance(outer, QAbstractScrollArea) and parent is outer.viewport():
            return True
        parent = outer
    return False


def _name(widget: QWidget) -> str:
    text = ""
    for attr in ("text", "title", "windowTitle"):
        value = getattr(widget, attr, None)
        if callable(value):
            try:
                text = value()
            except TypeError:
                continue
            if isinstance(text, str) and text:
                break
    owner = widget.parentWidget()
    return f"{type(widget).__name__}({text[:30]!r}) in {type(owner).__name__ if owner else None}"


def misfits(window, tab: QWidget) -> list[str]:
    """What is wrong with ``tab`` as shown in ``window``: visible widgets (outside scroll areas) that stick out
    of the window, and visible horizontal scroll bars."""
    frame = window.rect()
    bad = []
    for widget in tab.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
            continue
        if isinstance(widget, QScrollBar) and widget.orientation() == Qt.Orientation.Horizontal:
            bad.append(f"horizontal scroll bar: {_name(widget.parentWidget().parentWidget() or widget)}")
            continue
        if _in_scroll_area(widget):
            continue
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not frame.contains(rect):
            bad.append(f"outside the window: {_name(widget)} at {rect.getRect()}")
    return bad


def _tabs(window):
    return [window.tabs.widget(i) for i in range(window.tabs.count())]


def _tab(window, title: str):
    return next(t for t in _tabs(window) if t.property("tab_title") == title)


def _show_at(window, qtbot, width: int, height: int) -> None:
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_tab_fits_with_and_without_the_guide(window, qtbot, width, height):
    _show_at(window, qtbot, width, height)
    assert window.size().toTuple() == (width, height), "the window's minimum is larger than the screen"
    problems = []
    for i, tab in enumerate(_tabs(window)):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(30)
        title = tab.property("tab_title")
        guide = getattr(tab, "guide", None)
        if guide is not None:
            guide.set_collapsed(True)
            qtbot.wait(30)
        problems += [f"{title}, guide closed: {p}" for p in misfits(window, tab)]
        if guide is not None:
            guide.set_collapsed(False)
            qtbot.wait(30)
            assert window.size().toTuple() == (width, height), f"{title}: opening the guide resized the window"
            assert guide.isVisible() and QRect(guide.mapTo(window, QPoint(0, 0)), guide.size()).right() < width
            problems += [f"{title}, guide open: {p}" for p in misfits(window, tab)]
            guide.set_collapsed(True)
    assert problems == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_four_line_reply_shows_whole_in_the_label_tab(window, qtbot, width, height):
    """The tutor's longest replies (Checked:, Verb: and a remark) take 4 lines at 1024 px: none may hide its
    last line, the one with the verdict, behind a scroll bar."""
    from gui.tabs.label_tab import LabelTab

    _show_at(window, qtbot, width, height)
    tab = next(t for t in _tabs(window) if isinstance(t, LabelTab))
    window.tabs.setCurrentWidget(tab)
    qtbot.wait(30)
    for box in (tab.left_box, tab.right_box):
        box.setPlainText("Checked: line one.\nVerb: line two.\nline three.\nThe verdict, line four.")
        qtbot.wait(30)
        assert box.verticalScrollBar().maximum() == 0, f"{box.height()} px: the fourth line is scrolled out"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_dpo_rates_read_whole(window, qtbot, width, height):
    """The widest rate the DPO tab's table shows, "100% (91–100)", fits its cell (it read "100% (91–…" at
    1024 px beside one-line row titles)."""
    from gui.tabs.dpo_tab import DpoTab

    _show_at(window, qtbot, width, height)
    tab = next(t for t in _tabs(window) if isinstance(t, DpoTab))
    window.tabs.setCurrentWidget(tab)
    tab.results.setCurrentIndex(1)
    qtbot.wait(30)
    table = tab.compare.eval_table
    needed = table.fontMetrics().horizontalAdvance("100% (91–100)") + 8  # and the cell's margins
    assert all(table.columnWidth(c) >= needed for c in range(table.columnCount())), \
        [table.columnWidth(c) for c in range(table.columnCount())]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_ablation_rates_read_whole(window, qtbot, width, height):
    """Each cell of "Without one principle" (Constitution, page 3) shows its rate and interval, then its count, and
    both lines fit the cell: at 1024 px the one-line "95% (83–99) · 38/40" wrapped and lost its count."""
    from core.stats import interval

    _show_at(window, qtbot, width, height)
    window.select_tab("Constitution")
    tab = _tab(window, "Constitution")
    tab.pages.setCurrentIndex(2)
    sides = {"with": interval(100, 100), "without": interval(59, 92)}
    results = {side: {s: {r: v for r in ("harmless", "honest", "helpful")}
                      for s in ("eval set", "test set", "red-team", "red-team test")} for side, v in sides.items()}
    tab.distill_page.show_ablation({"without": "Harmless: kind and modest", "runs": {"with": "a", "without": "b"},
                                    "tutors": {"with": "c", "without": "d"}, "results": results})
    qtbot.wait(30)
    table = tab.ablation_table
    metrics = table.fontMetrics()
    for r in range(table.rowCount()):
        for c in range(table.columnCount()):
            lines = table.item(r, c).text().split("\n")
            assert len(lines) == 2 and lines[1] in ("100/100", "59/92"), lines
            assert table.columnWidth(c) >= max(metrics.horizontalAdvance(t) for t in lines) + 8, \
                (lines, table.columnWidth(c))
            assert table.rowHeight(r) >= 2 * metrics.lineSpacing(), table.rowHeight(r)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_language_switch_keeps_the_window_size(window, qtbot, width, height):
    _show_at(window, qtbot, width, height)
    window.select_tab("Constitution")
    _tab(window, "Constitution").guide.set_collapsed(False)
    for language in ("es", "en"):
        window.select_tab("Constitution")
        assert window.set_language(language)
        qtbot.wait(50)
        assert window.size().toTuple() == (width, height), f"switching to {language} resized the window"
        assert window.current_tab_title() == "Constitution"
        assert not _tab(window, "Constitution").guide.is_collapsed(), "the open guide stays open"
        problems = []
        for i, tab in enumerate(_tabs(window)):
            window.tabs.setCurrentIndex(i)
            qtbot.wait(30)
            problems += [f"{language} {tab.property('tab_title')}: {p}" for p in misfits(window, tab)]
        assert problems == []
    _tab(window, "Constitution").guide.set_collapsed(True)


def test_the_open_guide_overlays_the_content_when_both_do_not_fit(window, qtbot):
    _show_at(window, qtbot, 1024, 700)
    window.select_tab("Label")
    label = _tab(window, "Label")
    label.guide.set_collapsed(False)
    qtbot.wait(30)
    guided = label.guided
    content_min = guided.content.minimumSizeHint().width()
    assert guided.overlays() == (guided.width() - guided.guide_width() < content_min)
    assert guided.content.width() >= min(content_min, guided.width() - guided.guide.rail.sizeHint().width())
    window.resize(1366, 768)
    qtbot.wait(30)
    window.select_tab("DPO")
    dpo = _tab(window, "DPO")
    dpo.guide.set_collapsed(False)
    qtbot.wait(30)
    assert not dpo.guided.overlays(), "at 1366 px the DPO guide sits beside the plots"
    assert dpo.guided.content.geometry().right() < dpo.guide.geometry().left()
    label.guide.set_collapsed(True)
    dpo.guide.set_collapsed(True)


def test_the_first_window_fits_the_screen():
    from PySide6.QtCore import QRect as Rect

    laptop = first_size(Rect(0, 0, 1366, 740))  # a 768 px screen less its panel
    assert laptop.width() <= 1366 - 48 and laptop.height() <= 740 - 48
    assert Rect(0, 0, 1366, 740).contains(laptop)
    large = first_size(Rect(0, 0, 2560, 1400))
    assert large.size().toTuple() == (1280, 800) and large.center() == Rect(0, 0, 2560, 1400).center()


def test_the_learners_size_comes_back(home, qtbot):
    """The size the learner left comes back (a window without tabs: the offscreen screen is only 800x600)."""
    from gui.main_window import MainWindow

    first = MainWindow(home=home, model_spec="tiny", tabs=[])
    qtbot.addWidget(first)
    screen = first.screen().availableGeometry()
    assert screen.contains(first.geometry()), "the first window fits the screen"
    mine = (screen.width() - 130, screen.height() - 110)
    first.resize(*mine)
    first.close()
    again = MainWindow(home=home, model_spec="tiny", tabs=[])
    qtbot.addWidget(again)
    assert again.size().toTuple() == mine
    again.close()


def test_form_values_replies_tables_and_plots_survive_a_switch(window, qtbot):
    _show_at(window, qtbot, 1366, 768)
    dpo, cai, tutor = _tab(window, "DPO"), _tab(window, "Constitution"), _tab(window, "Tutor")
    dpo.max_steps.setValue(12)
    cai.limit.setValue(7)
    sentence = "He doesn't like tea."
    reply = {"sentence": sentence, "reply": f"Checked: {sentence}\nVerb: does → does. Add -s.", "adapter": None,
             "seconds": 0.4, "load_seconds": None}
    tutor.last_reply = reply
    tutor._show_reply(reply)
    counts = {"n": 10, "n_wrong": 5, "n_correct": 5, "k_helpful": 4, "k_missed": 1, "k_honest": 2,
              "k_false_alarms": 3, "k_harmless": 10}
    tutor._show_eval({"adapters": {"base model": None, "tutor": None},
                      "results": {"base model": {"test": counts, "red-team test": counts},
                                  "tutor": {"test": counts, "red-team test": counts}}})
    cell = tutor.eval_value("helpful", 3)
    assert cell.startswith("80% [")
    for step, loss in ((1, 2.5), (2, 2.0), (3, 1.5)):
        tutor.plot.add({"step": step, "loss": loss})
    tutor.plot.refresh()
    for language in ("es", "en"):
        assert window.set_language(language)
    dpo, cai, tutor = _tab(window, "DPO"), _tab(window, "Constitution"), _tab(window, "Tutor")
    assert dpo.max_steps.value() == 12, "DPO Max steps kept (not back to 'all')"
    assert cai.limit.value() == 7, "the Constitution limit kept (not back to 'all')"
    assert tutor.reply_box.toPlainText() == reply["reply"]
    assert tutor.eval_value("helpful", 3) == cell, "the eval table kept"
    x, y = tutor.plot.series("loss")
    assert x.tolist() == [1, 2, 3] and y.tolist() == [2.5, 2.0, 1.5], "each point once, in order"
    curve_x, _ = tutor.plot._curves["loss"].getData()
    assert curve_x.tolist() == [1, 2, 3], "no line from the last point back to the first"
    for tab in _tabs(window):
        for plot in tab.findChildren(MetricsPlot):
            assert plot.plot_widget.getPlotItem().getAxis("bottom").labelText == "step", "back in English"


def test_the_step_axis_is_translated(window, qtbot):
    assert window.set_language("es")
    plot = _tab(window, "Tutor").plot
    assert plot.plot_widget.getPlotItem().getAxis("bottom").labelText == "paso"
    assert window.set_language("en")


def test_a_switch_asked_for_during_a_job_waits_for_it(window, qtbot):
    import jobs_fake

    tutor = _tab(window, "Tutor")
    started = threading.Event()
    assert tutor.runner.start(jobs_fake.spin, started, process=False)
    assert started.wait(5)
    assert window.set_language("es") is False
    assert window.pending_language() == "es" and _tab(window, "Tutor") is tutor, "the running job keeps its tab"
    assert "running job ends" in window.statusBar().currentMessage()
    tutor.runner.stop()
    qtbot.waitUntil(lambda: window.pending_language() is None and _tab(window, "Tutor") is not tutor, timeout=5000)
    assert window.tabs.tabText(1) == "Etiquetar"
    assert window.set_language("en")
    assert window.tabs.tabText(1) == "Label"


def test_a_long_status_message_is_never_cut_under_the_model_label(window, qtbot):
    _show_at(window, qtbot, 1024, 700)
    bar, label = window.statusBar(), window._model_label
    window.show_message("Short.")
    assert label.isVisible()
    long = "The language changes as soon as the running job ends: " + "the tabs are rebuilt then. " * 12
    window.show_message(long)
    assert not label.isVisible()  # the message takes the whole bar while it shows
    assert bar.fontMetrics().horizontalAdvance(bar.currentMessage()) <= bar.width()
    assert bar.currentMessage().endswith("…") and bar.toolTip() == long  # too long even for that: cut, whole in the tip
    bar.clearMessage()
    assert label.isVisible() and bar.toolTip() == ""


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_plot_keeps_a_data_area_its_explanation_folds_for(window, qtbot, width, height):
    """Four plots in a 1024 x 700 window left the DPO loss 74 px of data area under its four-line explanation:
    there the explanations move to the plots' tooltips; at 1366 x 768 the DPO page keeps them."""
    from gui.widgets.metrics_plot import VIEW_ROOM, PlotGrid

    _show_at(window, qtbot, width, height)
    for title in ("DPO", "Reward model"):
        window.select_tab(title)
        grid = _tab(window, title).findChild(PlotGrid)
        qtbot.waitUntil(lambda g=grid: not g._check.isActive())
        for plot in grid.plots:
            folded = bool(plot.property("explanation_folded"))
            assert folded or plot.plot_widget.getPlotItem().vb.height() >= VIEW_ROOM, (title, width)
            assert plot.explanation.isVisible() is not folded
            assert plot.plot_widget.toolTip().endswith(plot.explanation.text()) is folded  # there when folded
        if (title, width) in (("DPO", 1366), ("Reward model", 1024)):  # room for both / the data areas need it
            assert grid.folded() is (width == 1024), (title, width)
