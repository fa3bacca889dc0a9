"""Regenerate docs/reliability.md: what the reliability tests tried, and what was lost (must be nothing).

    .venv/bin/python scripts/reliability_report.py        (or: make reliability)

Runs the durability, fuzz, soak and bad-input tests with pytest and reads their own counts: the SIGKILL test
prints its trials and lost labels, Hypothesis reports how many inputs each fuzz test generated, and the JUnit
report gives the number of error cases checked per file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUZZ = {
    "tests/core/test_store.py::test_fuzz_import_is_all_or_nothing": "preference-pair importer (JSONL)",
    "tests/core/test_principles.py::test_fuzz_loader_only_raises_constitution_error": "constitution loader (TOML)",
    "tests/core/test_cli_fuzz.py::test_random_argument_lists": "`preflab` command line (random argument lists)",
}
ERROR_CASES = {
    "tests/core/test_cli.py": "CLI flags and files (one-line error, exit 2)",
    "tests/core/test_models.py": "model folders (missing, empty, not a causal LM, bad config)",
    "tests/core/test_principles.py": "constitution files (TOML syntax, fields, types, UTF-8, size)",
    "tests/core/test_store.py": "pair files and the store (bad lines, duplicates, UTF-8, size, schema)",
    "tests/core/test_data.py": "dataset files (bad JSON, fields, types, empty strings)",
    "tests/core/test_errors.py": "job errors (NaN loss, disk full, unwritable data dir, messages)",
    "tests/core/test_resume.py": "stop and resume (same result as an uninterrupted run)",
    "tests/core/test_sft.py": "SFT hyperparameters and cancel",
    "tests/core/test_dpo.py": "DPO settings and cancel",
    "tests/core/test_reward.py": "reward-model settings and cancel",
}


def pytest(args: list[str], junit: Path | None = None) -> str:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    if junit:
        cmd.append(f"--junitxml={junit}")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PREFLAB_THREADS": os.environ.get("PREFLAB_THREADS", "1")}
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
    return out.stdout + out.stderr


def junit_counts(path: Path) -> tuple[int, int]:
    root = ET.parse(path).getroot()
    suites = root.iter("testsuite")
    tests = failures = 0
    for s in suites:
        tests += int(s.get("tests", 0)) - int(s.get("skipped", 0))
        failures += int(s.get("failures", 0)) + int(s.get("errors", 0))
    return tests, failures


def main() -> int:
    rows = []
    out = pytest(["-s", "tests/core/test_store.py::test_confirmed_labels_survive_sigkill"])
    m = re.search(r"(\d+) kill trials, (\d+) confirmed labels, (\d+) lost", out)
    rows.append(("SIGKILL while labeling (subprocess killed at random moments)",
                 f"{m.group(1)} trials, {m.group(2)} confirmed labels" if m else "did not run",
                 f"{m.group(3)} labels lost" if m else "—"))
    out = pytest(["--hypothesis-show-statistics", *FUZZ])
    for node, what in FUZZ.items():
        name = node.split("::")[-1]
        stats = out.split("Hypothesis Statistics", 1)[-1]
        block = stats.split(name + ":", 1)[1] if name + ":" in stats else ""
        n = re.search(r"(\d+) passing(?: examples?)?, (\d+) failing", block)
        rows.append((f"Fuzz: {what}", f"{n.group(1)} generated inputs" if n else "did not run",
                     f"{n.group(2)} failures" if n else "—"))
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "soak.xml"
        pytest(["tests/gui/test_soak.py"], junit)
        tests, failures = junit_counts(junit)
        rows.append(("Soak: start/stop 50 tiny SFT jobs from the GUI with random Stop timing",
                     "50 cycles" if tests else "did not run",
                     "window answered, no thread pile-up, memory flat" if tests and not failures else "FAILED"))
        for path, what in ERROR_CASES.items():
            junit = Path(tmp) / (Path(path).stem + ".xml")
            pytest([path], junit)
            tests, failures = junit_counts(junit)
            rows.append((f"Bad input / errors: {what}", f"{tests} cases", f"{failures} failed"))
    lines = ["# Reliability", "",
             f"Regenerated {time.strftime('%Y-%m-%d %H:%M')} by `.venv/bin/python scripts/reliability_report.py` "
             "(`make reliability`). Every row is a test in `tests/` that also runs in CI with `make test`.", "",
             "| what was tried | how much | what was lost or failed |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines += ["", "Stopped runs keep their last checkpoint and are marked `stopped`; a run left `running` by a killed "
              "process is shown as `interrupted` in the Runs tab (tests/core/test_runs.py, tests/gui/test_runs_tab.py)."]
    (ROOT / "docs" / "reliability.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    bad = [r for r in rows if r[2] not in ("0 labels lost", "0 failures", "0 failed") and "answered" not in r[2]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
