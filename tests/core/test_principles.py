"""The constitution file: round trip, versions (list, diff, restore), and errors that name line and field."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import principles as P


def test_default_constitution_loads_with_hhh_principles():
    c = P.load()
    names = " ".join(p.name.lower() for p in c.enabled())
    assert {"helpful", "honest", "harmless"} <= set(names.replace(":", " ").split())


def test_round_trip_and_versions(tmp_path):
    path = tmp_path / "c.toml"
    c = P.load()
    P.save(c, path)
    assert P.load(path) == c and P.list_versions(path) == []
    c.principles[0].critique = "Reworded critique?"
    c.principles[1].enabled = False
    c.principles.append(P.Principle("New", "Crit?", "Rev."))
    P.save(c, path)
    versions = P.list_versions(path)
    assert len(versions) == 1
    assert P.load(versions[0]) == P.load()  # the previous content was kept
    d = P.diff(versions[0].read_text(), path.read_text())
    assert '+critique = "Reworded critique?"' in d
    assert '+name = "New"' in d and "+enabled = false" in d
    P.save(c, path)  # unchanged content: no new version
    assert len(P.list_versions(path)) == 1
    restored = P.restore(path, versions[0])
    assert restored == P.load() and P.load(path) == P.load()
    assert len(P.list_versions(path)) == 2  # the edited content was kept before restoring


@pytest.mark.parametrize("text, needle", [
    ("schema_version = 1\n[[principles]\nname = 'x'\n", "line 2"),
    ("schema_version = 2\n", "schema_version"),
    ("schema_version = 1\n", "field 'principles'"),
    ("schema_version = 1\n[[principles]]\ncritique = 'c'\nrevision = 'r'\n", "principles[1].name is missing"),
    ("schema_version = 1\n[[principles]]\nname = 'n'\ncritique = 3\nrevision = 'r'\n",
     "principles[1].critique must be a non-empty string"),
    ("schema_version = 1\n[[principles]]\nname = 'n'\ncritique = '  '\nrevision = 'r'\n", "principles[1].critique"),
    ("schema_version = 1\n[[principles]]\nname = 'n'\ncritique = 'c'\nrevision = 'r'\nenabled = 'yes'\n",
     "principles[1].enabled must be true or false"),
    ("schema_version = 1\n[[principles]]\nname = 'n'\ncritique = 'c'\nrevision = 'r'\n"
     "[[principles]]\nname = 'n'\ncritique = 'c'\nrevision = 'r'\n", "duplicates principles[1]"),
    ("schema_version = 1\n[[principles]]\nname = 'n'\ncritique = 'c'\nrevision = 'r'\ncolour = 'red'\n",
     "unknown field"),
])
def test_broken_files_name_the_problem(tmp_path, text, needle):
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(P.ConstitutionError) as info:
        P.load(path)
    assert needle in str(info.value) and "broken.toml" in str(info.value)


def test_non_utf8_and_huge_files(tmp_path):
    path = tmp_path / "c.toml"
    path.write_bytes(b"schema_version = 1\nname = '\xff'\n")
    with pytest.raises(P.ConstitutionError, match="line 2: not valid UTF-8"):
        P.load(path)
    path.write_bytes(b"#" * (P.MAX_BYTES + 1))
    with pytest.raises(P.ConstitutionError, match="1 MiB"):
        P.load(path)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300),
                 st.builds(lambda a, b: P.dumps(P.load())[:a] + b, st.integers(0, 2000), st.text(max_size=40))))
def test_fuzz_loader_only_raises_constitution_error(text):
    try:
        c = P.parse(text, "fuzz.toml")
    except P.ConstitutionError as exc:
        assert "fuzz.toml" in str(exc)
    else:
        assert c.principles and all(p.name and p.critique and p.revision for p in c.principles)
