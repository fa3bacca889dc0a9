"""The constitution file: a TOML list of principles, each with a critique request, a revision request and an
enabled flag, plus a schema version.

Every :func:`save` keeps the previous content as a numbered version in ``<name>.versions/`` next to the file;
versions can be listed, diffed and restored. :func:`load` / :func:`parse` raise :class:`ConstitutionError`
naming the line (for TOML syntax) or the field (``principles[2].revision``) and never change anything.
Nothing in a file is ever evaluated: TOML is data.
"""

from __future__ import annotations

import difflib
import json
import os
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA_VERSION = 1
MAX_BYTES = 1 << 20
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "resources" / "constitution.toml"


class ConstitutionError(ValueError):
    """A constitution that cannot be used; the message names the file and the line or field."""


@dataclass
class Principle:
    name: str
    critique: str
    revision: str
    enabled: bool = True


@dataclass
class Constitution:
    name: str = "Constitution"
    principles: list[Principle] = field(default_factory=list)

    def enabled(self) -> list[Principle]:
        return [p for p in self.principles if p.enabled]


def parse(text: str, source: str = "<constitution>") -> Constitution:
    """Parse and validate TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConstitutionError(f"{source}: not valid TOML: {exc}") from None
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ConstitutionError(f"{source}: field 'schema_version' must be {SCHEMA_VERSION}, got {version!r}")
    name = data.get("name", "Constitution")
    if not isinstance(name, str):
        raise ConstitutionError(f"{source}: field 'name' must be a string")
    raw = data.get("principles")
    if not isinstance(raw, list) or not raw:
        raise ConstitutionError(f"{source}: field 'principles' must be a non-empty list of [[principles]] tables")
    principles = [_principle(item, i, source) for i, item in enumerate(raw, start=1)]
    names = [p.name for p in principles]
    for i, n in enumerate(names, start=1):
        if names.index(n) + 1 != i:
            raise ConstitutionError(f"{source}: principles[{i}].name {n!r} duplicates principles[{names.index(n) + 1}]")
    return Constitution(name, principles)


def _principle(item, i: int, source: str) -> Principle:
    where = f"{source}: principles[{i}]"
    if not isinstance(item, dict):
        raise ConstitutionError(f"{where} must be a table")
    unknown = set(item) - {"name", "critique", "revision", "enabled"}
    if unknown:
        raise ConstitutionError(f"{where} has unknown field(s): {', '.join(sorted(unknown))}")
    values = {}
    for key in ("name", "critique", "revision"):
        value = item.get(key)
        if value is None:
            raise ConstitutionError(f"{where}.{key} is missing")
        if not isinstance(value, str) or not value.strip():
            raise ConstitutionError(f"{where}.{key} must be a non-empty string")
        values[key] = value.strip()
    enabled = item.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConstitutionError(f"{where}.enabled must be true or false")
    return Principle(enabled=enabled, **values)


def load(path: str | os.PathLike = DEFAULT_PATH) -> Constitution:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConstitutionError(f"{p}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise ConstitutionError(f"{p}: file is {len(raw):,} bytes, over the 1 MiB limit")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConstitutionError(f"{p}: line {line}: not valid UTF-8") from None
    return parse(text, str(p))


def _string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def dumps(constitution: Constitution) -> str:
    lines = ["# The grammar tutor's constitution (Preference Lab). Edit freely; every save keeps a version.",
             f"schema_version = {SCHEMA_VERSION}", f"name = {_string(constitution.name)}"]
    for p in constitution.principles:
        lines += ["", "[[principles]]", f"name = {_string(p.name)}", f"enabled = {'true' if p.enabled else 'false'}",
                  f"critique = {_string(p.critique)}", f"revision = {_string(p.revision)}"]
    return "\n".join(lines) + "\n"


def versions_dir(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p.with_name(p.name + ".versions")


def save(constitution: Constitution, path: str | os.PathLike) -> Path:
    """Write atomically; the previous content (if any) becomes the next numbered version."""
    from core.runs import atomic_write_text

    p = Path(path)
    text = dumps(constitution)
    parse(text, str(p))  # never write something that would not load back
    if p.exists():
        old = p.read_text(encoding="utf-8")
        if old != text:
            vdir = versions_dir(p)
            vdir.mkdir(parents=True, exist_ok=True)
            number = len(list_versions(p)) + 1
            atomic_write_text(vdir / f"v{number:04d}-{time.strftime('%Y%m%d-%H%M%S')}.toml", old)
    atomic_write_text(p, text)
    return p


def list_versions(path: str | os.PathLike) -> list[Path]:
    vdir = versions_dir(path)
    return sorted(vdir.glob("v*.toml")) if vdir.is_dir() else []


def diff(old_text: str, new_text: str, old_name: str = "before", new_name: str = "after") -> str:
    return "".join(difflib.unified_diff(old_text.splitlines(True), new_text.splitlines(True), old_name, new_name))


def restore(path: str | os.PathLike, version: Path) -> Constitution:
    """Make ``version`` current again (the current content is kept as a version first)."""
    constitution = load(version)
    save(constitution, path)
    return constitution
