"""Regenerate the Spanish catalogue: ``pyside6-lupdate`` over gui/, the Spanish from
:mod:`scripts.translations_es` filled in, then ``pyside6-lrelease`` to ``preflab_es.qm``.

Usage: ``python scripts/update_translations.py`` after changing any ``tr()`` text under gui/. It exits with
status 1 (and lists them) when a source text has no Spanish in ``translations_es.py``; those stay
``type="unfinished"`` in the .ts, so Qt shows them in English. The .ts carries no line numbers
(``-locations none``), so it changes only when a text does.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.translations_es import BY_CONTEXT, TRANSLATIONS  # noqa: E402

I18N = ROOT / "resources" / "i18n"
TS = I18N / "preflab_es.ts"
QM = I18N / "preflab_es.qm"
HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
PLACEHOLDER = re.compile(r"\{[^{}]*\}|<[^<>]*>|&&|\n")  # what .format, Qt rich text and tab titles need intact


def tool(name: str) -> str:
    """A PySide6 tool next to this Python (the venv's bin/), else the one on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "gui").rglob("*.py"))


def run_lupdate(ts: Path = TS) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", "es", "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True, text=True)


def run_lrelease(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def spanish(context: str, source: str) -> str | None:
    text = BY_CONTEXT.get((context, source), TRANSLATIONS.get(source))
    if text is not None and sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
        raise ValueError(f"{context}: the Spanish of {source!r} changes its placeholders or tags: {text!r}")
    return text


def fill(ts: Path = TS) -> list[tuple[str, str]]:
    """Write the Spanish into every message of ``ts``; returns the (context, source) pairs without any."""
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            text = spanish(name, source)
            if text is None:
                missing.append((name, source))
                translation.set("type", "unfinished")
                continue
            translation.text = text
            translation.attrib.pop("type", None)
    ET.indent(tree, space="    ")
    ts.write_text(HEADER + ET.tostring(tree.getroot(), encoding="unicode") + "\n", encoding="utf-8")
    return missing


def main() -> int:
    run_lupdate()
    missing = fill()
    run_lrelease()
    for context, source in missing:
        print(f"no Spanish for {context}: {source!r}", file=sys.stderr)
    print(f"{TS.relative_to(ROOT)} and {QM.name} written; {len(missing)} text(s) without Spanish")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
