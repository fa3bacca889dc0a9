"""Tests for core.store (SQLite preference store) and core.workspace (the data dir)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import workspace
from core.pairs import MAX_LINE_BYTES, PairFileError, import_file, seed_store
from core.store import (
    PreferenceStore,
    StoreError,
    cohen_kappa,
    schema_version,
)

LABELER = Path(__file__).with_name("store_labeler.py")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path):
    with PreferenceStore(tmp_path / "prefs.sqlite3") as s:
        yield s


def _fill(store, n=3, source="seed"):
    return [store.add_pair(f"prompt {i}", f"good {i}", f"bad {i}", source) for i in range(n)]


def _write_lines(path: Path, rows) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def _row(i):
    return {"prompt": f"p{i}", "chosen": f"c{i}", "rejected": f"r{i}"}


def _snapshot(store):
    return store._query("SELECT COUNT(*), (SELECT COUNT(*) FROM judgements) FROM pairs")[0]


# ---- workspace ---------------------------------------------------------------------------------------


def test_data_home_override_env_and_helpers(tmp_path, monkeypatch):
    assert workspace.data_home(tmp_path / "a") == tmp_path / "a"
    assert (tmp_path / "a").is_dir()
    monkeypatch.setenv("PREFLAB_HOME", str(tmp_path / "env"))
    home = workspace.data_home()
    assert home == tmp_path / "env" and home.is_dir()
    assert workspace.store_path(home) == home / "preferences.sqlite3"
    assert {
        workspace.runs_dir(home).parent,
        workspace.cache_dir(home).parent,
        workspace.log_dir(home).parent,
    } == {home}


def test_data_home_under_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "plain-file").write_text("x")
    with pytest.raises(workspace.WorkspaceError, match="data dir .*plain-file.* is not writable"):
        workspace.data_home(tmp_path / "plain-file" / "home")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_data_home_not_writable(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(workspace.WorkspaceError, match="data dir .*locked.* is not writable"):
            workspace.data_home(locked)
    finally:
        locked.chmod(0o700)


# ---- basics ------------------------------------------------------------------------------------------


def test_wal_mode_and_schema_version(store):
    assert store._query("PRAGMA journal_mode")[0][0] == "wal"
    assert store._query("PRAGMA synchronous")[0][0] == 2  # FULL
    assert store._query("PRAGMA user_version")[0][0] == schema_version()


def test_add_pair_dedup_and_round_trip(store):
    first = store.add_pair("p", "a", "b", "seed", category="grammar")
    assert store.add_pair("p", "a", "b", "generated") == first
    assert store.add_pair("p", "b", "a", "seed") != first
    pair = store.pair(first)
    assert (pair.prompt, pair.reply_a, pair.reply_b, pair.source, pair.category) == (
        "p",
        "a",
        "b",
        "seed",
        "grammar",
    )
    ids = store.add_pairs(
        [("q", "x", "y"), {"prompt": "r", "reply_a": "x", "reply_b": "y", "category": "c"}], "generated"
    )
    assert [store.pair(i).prompt for i in ids] == ["q", "r"]
    assert store.find_pair("r", "x", "y").category == "c"
    with pytest.raises(KeyError):
        store.pair(999)
    with pytest.raises(ValueError):
        store.add_pair("p", "a", "b", "web")
    with pytest.raises(ValueError):
        store.add_pair("p", "  ", "b", "seed")


def test_add_pairs_is_one_transaction(store):
    with pytest.raises(ValueError):
        store.add_pairs([("ok", "a", "b"), ("bad", "", "b")], "seed")
    assert store.pairs() == []


def test_label_undo_relabel_keep_history(store):
    p1, p2, _ = _fill(store)
    j1 = store.label(p1, "ann", "A")
    j2 = store.label(p2, "ann", "B", swapped=True)
    assert store.judgement(j2).swapped is True
    undone = store.undo_last("ann")
    assert undone.id == j2 and undone.undone
    assert [j.id for j in store.current_labels("ann")] == [j1]
    j3 = store.relabel(j1, "tie")
    assert store.judgement(j3).supersedes == j1
    assert [(j.id, j.choice) for j in store.current_labels("ann")] == [(j3, "tie")]
    # undoing the relabel brings the superseded label back
    assert store.undo_last("ann").id == j3
    assert [j.id for j in store.current_labels("ann")] == [j1]
    history = store.history()
    assert [(j.id, j.undone) for j in history] == [(j1, False), (j2, True), (j3, True)]
    assert [j.id for j in store.history(p1)] == [j1, j3]
    with pytest.raises(ValueError):
        store.relabel(j2, "A")
    with pytest.raises(ValueError):
        store.label(p1, "ann", "maybe")
    with pytest.raises(KeyError):
        store.label(999, "ann", "A")
    assert store.undo_last("nobody") is None


def test_label_again_supersedes_current(store):
    (p1,) = _fill(store, 1)
    j1 = store.label(p1, "ann", "A")
    j2 = store.label(p1, "ann", "B")
    assert store.judgement(j2).supersedes == j1
    assert [j.choice for j in store.current_labels()] == ["B"]


def test_filters_counts_and_next_unlabeled(store):
    p = _fill(store, 5)
    store.label(p[0], "ann", "A")
    store.label(p[1], "ann", "tie")
    store.label(p[2], "ann", "skip")
    store.label(p[3], "bob", "B")
    ids = lambda f, who=None: [x.id for x in store.pairs(f, who)]  # noqa: E731
    assert ids("all") == p
    assert ids("labeled", "ann") == [p[0], p[1]]
    assert ids("ties", "ann") == [p[1]]
    assert ids("skipped", "ann") == [p[2]]
    assert ids("unlabeled", "ann") == [p[3], p[4]]
    assert ids("labeled") == [p[0], p[1], p[3]]
    assert ids("unlabeled") == [p[4]]
    assert store.next_unlabeled("ann").id == p[3]
    assert store.next_unlabeled("bob").id == p[0]
    assert store.counts("ann") == {"all": 5, "unlabeled": 2, "labeled": 2, "ties": 1, "skipped": 1}
    with pytest.raises(ValueError):
        store.pairs("bogus")
    for pid in p:
        store.label(pid, "carol", "A")
    assert store.next_unlabeled("carol") is None


def test_gui_and_worker_threads_share_a_store(store):
    import threading

    pairs = _fill(store, 20)
    ids: list[int] = []

    def work(who):
        for pid in pairs * 5:
            ids.append(store.label(pid, who, "A"))
            store.pairs("unlabeled", who)

    threads = [threading.Thread(target=work, args=(who,)) for who in ("gui", "worker")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(ids)) == 200 and len(store.history()) == 200
    assert store.counts("gui")["labeled"] == store.counts("worker")["labeled"] == 20


# ---- stats, kappa, preference rows --------------------------------------------------------------------


ALICE = ["A", "A", "A", "A", "B", "B", "B", "tie", "tie", "A"]
BOB = ["A", "A", "A", "B", "B", "B", "tie", "tie", "A", "A"]
# By hand: p_o = 7/10; alice A/B/tie = 5/3/2, bob 5/3/2, p_e = .25 + .09 + .04 = .38;
# kappa = (.7 - .38) / (1 - .38) = .32 / .62 = 16/31.
KAPPA = 16 / 31


def test_cohen_kappa_hand_example():
    assert cohen_kappa(ALICE, BOB) == pytest.approx(KAPPA)
    assert cohen_kappa(["A", "B"], ["A", "B"]) == pytest.approx(1.0)
    assert cohen_kappa(["A", "A"], ["A", "A"]) == 1.0  # chance agreement certain
    assert cohen_kappa(["A", "B"], ["B", "A"]) == pytest.approx(-1.0)


def test_stats_and_agreement(store):
    pairs = _fill(store, 12)
    assert store.stats() == {
        "pairs": 12,
        "labeled": 0,
        "ties": 0,
        "skipped": 0,
        "annotators": 0,
        "machine_annotators": 0,
        "agreement": None,
    }
    for pid, a, b in zip(pairs, ALICE, BOB):
        store.label(pid, "alice", a)
        store.label(pid, "bob", b)
    store.label(pairs[10], "alice", "skip")  # skips take no part in kappa
    store.label(pairs[10], "bob", "A")
    stats = store.stats()
    assert stats == {
        "pairs": 12,
        "labeled": 11,
        "ties": 3,  # pairs 7, 8 (both / alice) and 6 (bob)
        "skipped": 1,
        "annotators": 2,
        "machine_annotators": 0,
        "agreement": pytest.approx(KAPPA),
    }
    # a third annotator agreeing with alice everywhere: mean of kappa(a,b), kappa(a,c)=1, kappa(b,c)
    for pid, a in zip(pairs, ALICE):
        store.label(pid, "carol", a)
    assert store.stats()["agreement"] == pytest.approx((KAPPA + 1 + KAPPA) / 3)


def test_preference_rows_majority_and_ties(store):
    p = _fill(store, 4)
    store.label(p[0], "x", "A")
    store.label(p[1], "x", "B")
    store.label(p[1], "y", "B")
    store.label(p[1], "z", "A")
    store.label(p[2], "x", "A")
    store.label(p[2], "y", "B")  # exact disagreement: dropped
    store.label(p[3], "x", "tie")
    rows = store.preference_rows()
    assert rows == [
        {"prompt": "prompt 0", "chosen": "good 0", "rejected": "bad 0"},
        {"prompt": "prompt 1", "chosen": "bad 1", "rejected": "good 1"},
    ]
    assert store.preference_rows("y") == [
        {"prompt": "prompt 1", "chosen": "bad 1", "rejected": "good 1"},
        {"prompt": "prompt 2", "chosen": "bad 2", "rejected": "good 2"},
    ]


# ---- migrations --------------------------------------------------------------------------------------


def test_fresh_db_is_latest_and_newer_version_refused(tmp_path):
    path = tmp_path / "p.sqlite3"
    PreferenceStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    db.execute(f"PRAGMA user_version = {schema_version() + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer version"):
        PreferenceStore(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable preference store"):
        PreferenceStore(path)


def test_v1_db_opens_and_a_v2_migration_runs(tmp_path, monkeypatch):
    from core import store as store_module

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    store_module._migrate_v1(db)
    db.execute(
        "INSERT INTO pairs (prompt, reply_a, reply_b, source, created) VALUES ('p', 'a', 'b', 'seed', 0)"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()

    def v2(conn):
        conn.execute("ALTER TABLE pairs ADD COLUMN note TEXT DEFAULT 'v2'")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, v2])
    with PreferenceStore(path) as s:
        assert s._query("PRAGMA user_version")[0][0] == schema_version()
        assert s._query("SELECT prompt, note FROM pairs") == [("p", "v2")]
        assert s.pairs()[0].prompt == "p"


# ---- import / export ---------------------------------------------------------------------------------


def test_import_plain_labels_as_imported(store, tmp_path):
    path = _write_lines(tmp_path / "pairs.jsonl", [_row(1), {**_row(2), "category": "tone"}, ""])
    assert import_file(store, path) == 2
    assert import_file(store, path) == 2  # idempotent
    assert [(p.source, p.category) for p in store.pairs()] == [("imported", None), ("imported", "tone")]
    labels = store.current_labels()
    assert [(j.annotator, j.choice) for j in labels] == [("import:pairs.jsonl", "A")] * 2
    assert store.stats()["labeled"] == 2
    assert store.preference_rows() == [_row(1), _row(2)]


def test_import_conversational(store, tmp_path):
    row = {
        "prompt": [
            {"role": "system", "content": "Be kind."},
            {"role": "user", "content": "first"},
            {"role": "assistant", "content": "ok"},
            {"role": "user", "content": "Fix: he go home"},
        ],
        "chosen": [{"role": "assistant", "content": "He goes home."}],
        "rejected": [{"role": "assistant", "content": "He go home."}],
    }
    assert import_file(store, _write_lines(tmp_path / "chat.jsonl", [row])) == 1
    assert store.preference_rows() == [
        {"prompt": "Fix: he go home", "chosen": "He goes home.", "rejected": "He go home."}
    ]


def test_export_then_import_gives_same_pairs(store, tmp_path):
    p = _fill(store, 4)
    store.add_pair("prompt ü ✓ \u2028 line", "a\nb", 'say "hi"', "generated")
    for pid, choice in zip(p, ["A", "B", "tie", "skip"]):
        store.label(pid, "ann", choice)
    store.label(store.find_pair("prompt ü ✓ \u2028 line", "a\nb", 'say "hi"').id, "ann", "B")
    out = tmp_path / "export.jsonl"
    assert store.export_jsonl(out) == 3
    with PreferenceStore(tmp_path / "other.sqlite3") as other:
        assert import_file(other, out) == 3
        assert other.preference_rows() == store.preference_rows()
    assert not list(tmp_path.glob(".export.jsonl.tmp*"))


def test_export_hf(store, tmp_path):
    datasets = pytest.importorskip("datasets")
    (pid,) = _fill(store, 1)
    store.label(pid, "ann", "B")
    assert store.export_hf(tmp_path / "hf") == 1
    loaded = datasets.load_from_disk(str(tmp_path / "hf"))
    assert loaded.to_list() == [{"prompt": "prompt 0", "chosen": "bad 0", "rejected": "good 0"}]


GOOD = [_row(i) for i in range(1, 10)]
BAD_LINES = {
    "bad json": ('{"prompt": "p", "chosen": ', "line 7: not valid JSON"),
    "missing field": (json.dumps({"prompt": "p", "chosen": "c"}), "line 7: field 'rejected' is missing"),
    "wrong type": (
        json.dumps({"prompt": "p", "chosen": 3, "rejected": "r"}),
        "line 7: field 'chosen' must be",
    ),
    "empty string": (
        json.dumps({"prompt": "p", "chosen": "", "rejected": "r"}),
        "line 7: field 'chosen' must be a non-empty string",
    ),
    "not an object": ("[1, 2]", "line 7: expected a JSON object"),
    "duplicate": (json.dumps(_row(3)), "line 7: duplicate pair, same as line 3"),
    "bad message": (
        json.dumps(
            {
                "prompt": [{"role": "user", "content": "q"}],
                "chosen": [{"role": "user", "content": "x"}],
                "rejected": [],
            }
        ),
        "line 7: field 'chosen[0].role' must be 'assistant'",
    ),
    "bad category": (json.dumps({**_row(99), "category": 5}), "line 7: field 'category' must be a string"),
}


@pytest.mark.parametrize("kind", sorted(BAD_LINES))
def test_import_one_bad_line_changes_nothing(store, tmp_path, kind):
    _fill(store, 2)
    before = _snapshot(store)
    line, message = BAD_LINES[kind]
    path = _write_lines(tmp_path / "pairs.jsonl", [*GOOD[:6], line, *GOOD[6:]])
    with pytest.raises(PairFileError) as info:
        import_file(store, path)
    assert str(info.value).startswith("pairs.jsonl line 7: ")
    assert message in str(info.value)
    assert _snapshot(store) == before


def test_import_rejects_non_utf8_long_lines_and_blank_files(store, tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_bytes(b'{"prompt": "p", "chosen": "c", "rejected": "r"}\n{"prompt": "\xff"}\n')
    with pytest.raises(PairFileError, match=r"pairs.jsonl line 2: not valid UTF-8 \(byte 0xff"):
        import_file(store, path)
    long_text = "x" * (MAX_LINE_BYTES + 10)
    _write_lines(path, [_row(1), {"prompt": "p", "chosen": long_text, "rejected": "r"}])
    with pytest.raises(PairFileError, match="pairs.jsonl line 2: line is .* bytes, over the 1 MiB limit"):
        import_file(store, path)
    for blank in (b"", b"\n\n  \n"):
        path.write_bytes(blank)
        with pytest.raises(PairFileError, match="pairs.jsonl: file is empty"):
            import_file(store, path)
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_row(1)).encode() + b"\r\n")  # BOM and CRLF are fine
    assert import_file(store, path) == 1
    assert _snapshot(store) == (1, 1)


def test_seed_store_unlabeled_and_idempotent(store, tmp_path):
    seeds = _write_lines(tmp_path / "seed.jsonl", [{**_row(1), "category": "grammar"}, _row(2)])
    assert seed_store(store, [seeds]) == 2
    assert seed_store(store, [seeds]) == 0
    assert [(p.source, p.category) for p in store.pairs("unlabeled", "learner")] == [
        ("seed", "grammar"),
        ("seed", None),
    ]
    assert store.current_labels() == []


# ---- fuzzing the importer ----------------------------------------------------------------------------

_words = st.text(min_size=1, max_size=6).filter(str.strip)
_text = st.one_of(_words, st.just(""), st.just("  "), st.integers(), st.none(), st.just("\ud800"))
_message = st.fixed_dictionaries(
    {"role": st.sampled_from(["user", "assistant", "system", "bot"]), "content": _text}
)
_junk_obj = st.dictionaries(
    st.sampled_from(["prompt", "chosen", "rejected", "category", "extra"]),
    st.one_of(_text, st.lists(_message, max_size=3)),
    max_size=5,
)
_plain = st.builds(lambda p, c, r: {"prompt": p, "chosen": c, "rejected": r}, _words, _words, _words)
_chat = st.builds(
    lambda p, c, r: {
        "prompt": [{"role": "user", "content": p}],
        "chosen": [{"role": "assistant", "content": c}],
        "rejected": [{"role": "assistant", "content": r}],
    },
    _words,
    _words,
    _words,
)
_any_json = st.recursive(
    st.none() | st.integers() | st.text(max_size=4), lambda kids: st.lists(kids, max_size=3), max_leaves=6
)
_json_line = st.one_of(_plain, _plain, _plain, _chat, _junk_obj, _any_json)
_encoded = st.builds(
    # ensure_ascii=True writes a lone surrogate as a valid "\ud800" escape, False as invalid UTF-8 bytes
    lambda obj, ascii_only: json.dumps(obj, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass"),
    _json_line,
    st.booleans(),
)
_structured = st.lists(_encoded, min_size=1, max_size=5).map(b"\n".join)
_fuzz_files = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    _structured,
    _structured,
    _structured.flatmap(
        lambda b: st.integers(0, max(0, len(b) - 1)).map(lambda i: b[:i] + b"\x00\xff{" + b[i:])
    ),
)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    with PreferenceStore(folder / "fuzz.sqlite3") as s:
        yield s, folder / "fuzz.jsonl"


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=_fuzz_files)
def test_fuzz_import_is_all_or_nothing(fuzz_store, content):
    store, path = fuzz_store
    path.write_bytes(content)
    before = _snapshot(store)
    try:
        n = import_file(store, path)
    except PairFileError as exc:
        assert str(exc).startswith("fuzz.jsonl")
        assert _snapshot(store) == before
        return
    assert n >= 1
    pairs_after, judgements_after = _snapshot(store)
    assert pairs_after - before[0] <= n and judgements_after - before[1] <= n
    for line in content.split(b"\n"):  # every row is now a labeled pair
        obj = json.loads(line.decode("utf-8-sig")) if line.strip() else None
        if isinstance(obj, dict) and isinstance(obj.get("prompt"), str):
            pair = store.find_pair(obj["prompt"], obj["chosen"], obj["rejected"])
            assert pair is not None
            assert any(
                j.choice == "A" for j in store.current_labels("import:fuzz.jsonl") if j.pair_id == pair.id
            )


# ---- durability: SIGKILL while labeling --------------------------------------------------------------

KILL_TRIALS = 24


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_confirmed_labels_survive_sigkill(tmp_path):
    db_path = tmp_path / "kill.sqlite3"
    with PreferenceStore(db_path) as s:
        s.add_pairs([(f"prompt {i}", f"a {i}", f"b {i}") for i in range(50)], "seed")
    rng = random.Random(20240611)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    confirmed_total = lost = 0
    for trial in range(KILL_TRIALS):
        annotator = f"trial-{trial}"
        proc = subprocess.Popen(
            [sys.executable, str(LABELER), str(db_path), annotator], stdout=subprocess.PIPE, env=env, cwd=REPO
        )
        time.sleep(rng.uniform(0.05, 0.5))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=10)
        confirmed, undone = _parse_labeler_output(out)
        with PreferenceStore(db_path) as s:
            assert s._query("PRAGMA integrity_check") == [("ok",)]
            for jid, (pair_id, choice) in confirmed.items():
                try:
                    j = s.judgement(jid)
                except KeyError:
                    lost += 1
                    continue
                assert (j.pair_id, j.annotator, j.choice) == (pair_id, annotator, choice)
            # An undo may have committed in the instant between undo_last() and its UNDONE line.
            undone_in_db = {j.id for j in s.history() if j.undone and j.annotator == annotator}
            assert undone <= undone_in_db and len(undone_in_db - undone) <= 1
        confirmed_total += len(confirmed)
    assert lost == 0, f"{lost} of {confirmed_total} confirmed labels lost"
    assert confirmed_total >= KILL_TRIALS  # the trials did label something before the kills
    print(f"{KILL_TRIALS} kill trials, {confirmed_total} confirmed labels, {lost} lost")


def _parse_labeler_output(out: bytes) -> tuple[dict[int, tuple[int, str]], set[int]]:
    confirmed, undone = {}, set()
    for line in out.decode().splitlines(keepends=True):
        if not line.endswith("\n"):
            continue  # cannot happen for pipe writes this short, but never trust a torn line
        words = line.split()
        if words[0] == "CONFIRMED":
            confirmed[int(words[1])] = (int(words[2]), words[3])
        elif words[0] == "UNDONE":
            undone.add(int(words[1]))
    return confirmed, undone
