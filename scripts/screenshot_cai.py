"""Render the Constitution tab after a real run to ``docs/screenshots/constitution-rounds.png`` (page 2: the
rounds of the run, used and dropped revisions) and ``constitution-ablation.png`` (page 3: with / without one
principle); offscreen, no display needed.

Usage: ``python scripts/screenshot_cai.py [--home runs/results-home] [--without honest]``. It opens the runs
that ``python scripts/lab_results.py --sections cai`` made in ``HOME/results`` (the loop on the CAI prompts with
the embedded model, its distilled tutor, and the same lab without one principle) the way a learner opens an
earlier run (``ConstitutionTab.load_run``), and shows that lab's before / after evals (dev and red-team dev) and
its with / without evals (the locked test sets) on page 3, from ``docs/results.json``: the numbers are those
``make results`` measured, nothing is re-run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.screenshot import shoot, show_window  # noqa: E402

# lab_results' set names -> the ablation page's (core.constitution.ABLATION_SETS)
SET_NAMES = {"dev": "eval set", "test": "test set", "redteam_dev": "red-team", "redteam_test": "red-team test"}


def ablation_result(home: Path, docs: Path, without: str) -> dict:
    """The with / without comparison of ``make results`` (its cai section), as the ablation job returns it."""
    section = json.loads((docs / "results.json").read_text())["sections"]["cai"]
    runs = {r["label"]: r for r in section["runs"]}
    with_run = runs["all principles"]
    without_run = next(r for r in section["runs"] if r["without"] and r["without"][0].lower().startswith(without))
    slug = "-".join(("cai", *without_run["without"]))
    shared = set(with_run["after"]) & set(without_run["after"])
    return {"without": without_run["without"][0],
            "runs": {"with": str(home / "results" / "cai"), "without": str(home / "results" / slug)},
            "tutors": {"with": str(home / "results" / "cai-distill"),
                       "without": str(home / "results" / f"{slug}-distill")}, "limit": 0,
            "results": {side: {SET_NAMES[k]: run["after"][k]["intervals"] for k in shared}
                        for side, run in (("with", with_run), ("without", without_run))}}


def eval_result(docs: Path) -> dict:
    """The lab's before / after evals on the dev and red-team dev sets, as the eval job returns them."""
    section = json.loads((docs / "results.json").read_text())["sections"]["cai"]
    after = next(r for r in section["runs"] if r["label"] == "all principles")["after"]
    return {"adapters": {"before": "shipped"}, "results": {
        side: {SET_NAMES[k]: rates for k, rates in evals.items() if k in ("dev", "redteam_dev")}
        for side, evals in (("before", section["before"]), ("after", after))}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", default=str(ROOT / "runs" / "results-home"))
    parser.add_argument("--docs", default=str(ROOT / "docs"))
    parser.add_argument("--without", default="honest", help="the ablation shown (a principle's first word)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from gui.tabs.constitution_tab import ConstitutionTab

    home = Path(args.home)
    QApplication.instance() or QApplication([])
    window = MainWindow(home=str(home), model_spec="smollm2")
    show_window(window)
    index = next(i for i in range(window.tabs.count()) if isinstance(window.tabs.widget(i), ConstitutionTab))
    window.tabs.setCurrentIndex(index)
    tab: ConstitutionTab = window.tabs.widget(index)
    if not tab.load_run(home / "results" / "cai"):
        print(f"cannot open {home / 'results' / 'cai'}", file=sys.stderr)
        return 1
    dropped = next((i for i, r in enumerate(tab.records) if any(s.get("problem") for s in r["rounds"])), 0)
    tab.table.selectRow(dropped)  # a row with a dropped revision: its reason shows in Rounds
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tab.pages.setCurrentIndex(1)
    shoot(window, out / "constitution-rounds.png")
    if tab.distill_dir is None or tab.distill_dir.name != "cai-distill":  # load_run restores the run's distillation
        print(f"no distillation of {home / 'results' / 'cai'} beside it", file=sys.stderr)
        return 1
    tab._show_eval(eval_result(Path(args.docs)))
    for i in range(tab.without.count()):  # the principle the comparison left out, as the learner picked it
        if str(tab.without.itemData(i) or "").lower().startswith(args.without.lower()):
            tab.without.setCurrentIndex(i)
    tab._show_ablation(ablation_result(home, Path(args.docs), args.without.lower()))
    tab.pages.setCurrentIndex(2)
    shoot(window, out / "constitution-ablation.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
