"""The preference store: prompt/reply pairs and every judgement a learner makes on them, in SQLite.

Durability: WAL journal with ``synchronous=FULL`` and one commit per operation, so a label is on disk once
``label()`` returns, even if the process is killed the next instant. History is never deleted: undo marks
a judgement ``undone`` and relabeling inserts a new judgement that ``supersedes`` the old one. The
*current* label of (pair, annotator) is their latest judgement that is not undone.

Choices name the stored replies: ``'A'`` prefers ``reply_a`` whichever side it was shown on; ``swapped``
only records that ``reply_b`` was shown on the left.

Also here: adding rows already read from a pair file (imported rows labeled, seed rows unlabeled) and export
to JSONL and to a Hugging Face ``datasets`` folder. Not here: reading and validating pair files
(``core.pairs``), generating pairs (``core.data``, ``core.pairs.generate_pair``) or training on them.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.runs import atomic_write_text
from core.stats import cohen_kappa  # noqa: F401  (re-exported: callers import it from here)

SOURCES = ("seed", "generated", "imported", "constitution")
CHOICES = ("A", "B", "tie", "skip")
FILTERS = ("all", "unlabeled", "labeled", "ties", "skipped")
MACHINE_PREFIXES = ("ai:", "constitution:")  # annotators that are programs: the AI judge, the constitution loop
HUMAN = "human"  # in ``labels_of`` and ``preference_rows``: every annotator that is not a machine


class StoreError(RuntimeError):
    """The database file cannot be used (not SQLite, or written by a newer Preference Lab)."""


@dataclass(frozen=True)
class Pair:
    id: int
    prompt: str
    reply_a: str
    reply_b: str
    source: str
    category: str | None
    created: float
    heldout: bool = False  # copied from a held-out file: left out of training rows unless asked for


@dataclass(frozen=True)
class Judgement:
    id: int
    pair_id: int
    annotator: str
    choice: str  # 'A' | 'B' | 'tie' | 'skip', about reply_a / reply_b as stored
    swapped: bool  # reply_b was shown on the left
    created: float
    undone: bool
    supersedes: int | None  # the judgement this one replaced (relabel), if any
    confidence: float | None = None  # a machine annotator's probability for its choice; None for people


@dataclass(frozen=True)
class Agreement:
    """How far two raters agree on the pairs both labeled A, B or tie (skips take no part)."""

    n: int  # pairs both labeled
    agree: float | None  # raw agreement: the share of those pairs with the same label (None when n == 0)
    kappa: float | None  # Cohen's kappa, each pair counted in both display orders (see ``compare``)
    disagreements: list[int]  # ids of the pairs where the labels differ


def is_machine(annotator: str) -> bool:
    """True for annotators that are programs (``ai:<principle>``, ``constitution:<run>``), not people."""
    return annotator.startswith(MACHINE_PREFIXES)


# ---- schema ------------------------------------------------------------------------------------------

_V1 = """
CREATE TABLE pairs (
    id INTEGER PRIMARY KEY,
    prompt TEXT NOT NULL,
    reply_a TEXT NOT NULL,
    reply_b TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('seed', 'generated', 'imported', 'constitution')),
    category TEXT,
    created REAL NOT NULL,
    UNIQUE (prompt, reply_a, reply_b)
);
CREATE TABLE judgements (
    id INTEGER PRIMARY KEY,
    pair_id INTEGER NOT NULL REFERENCES pairs(id),
    annotator TEXT NOT NULL,
    choice TEXT NOT NULL CHECK (choice IN ('A', 'B', 'tie', 'skip')),
    swapped INTEGER NOT NULL DEFAULT 0 CHECK (swapped IN (0, 1)),
    created REAL NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    supersedes INTEGER REFERENCES judgements(id)
);
CREATE INDEX judgements_by_pair ON judgements (pair_id, annotator, undone);
CREATE INDEX judgements_by_annotator ON judgements (annotator, undone);
CREATE VIEW current_judgements AS
    SELECT j.* FROM judgements j
    JOIN (SELECT MAX(id) AS id FROM judgements WHERE undone = 0 GROUP BY pair_id, annotator) latest
    ON latest.id = j.id;
"""


def _migrate_v1(db: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            db.execute(statement)


# Migration i (0-based) takes the schema from user_version i to i + 1. Append, never edit or reorder.
def _migrate_v2(db: sqlite3.Connection) -> None:
    """The AI annotator's confidence in each of its labels (NULL for people)."""
    db.execute("ALTER TABLE judgements ADD COLUMN confidence REAL")


def _migrate_v3(db: sqlite3.Connection) -> None:
    """Pairs copied from a held-out file (opened from the Reward model tab) are flagged."""
    db.execute("ALTER TABLE pairs ADD COLUMN heldout INTEGER NOT NULL DEFAULT 0 CHECK (heldout IN (0, 1))")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_v1, _migrate_v2, _migrate_v3]


def schema_version() -> int:
    """The schema version this code writes."""
    return len(MIGRATIONS)


# ---- the store ---------------------------------------------------------------------------------------


class PreferenceStore:
    """Pairs and judgements in one SQLite file. Safe for one GUI thread plus one worker (a lock per call)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        # isolation_level=None: autocommit, each statement commits at once; _tx() groups several.
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, timeout=10)
        try:
            self._configure()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(f"{self.path} is not a usable preference store: {exc}") from exc
        except BaseException:
            self._db.close()
            raise

    def _configure(self) -> None:
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # fsync the WAL on every commit
        self._db.execute("PRAGMA foreign_keys=ON")

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > schema_version():
            raise StoreError(
                f"{self.path} has schema version {version}, but this Preference Lab knows versions up to "
                f"{schema_version()}; it was written by a newer version, update the app to open it"
            )
        for target, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._tx() as db:
                migration(db)
                db.execute(f"PRAGMA user_version = {target}")  # part of the same transaction

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> PreferenceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it commits, or none of it."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    # ---- pairs ---------------------------------------------------------------------------------------

    def add_pair(self, prompt: str, a: str, b: str, source: str, category: str | None = None,
                 heldout: bool = False) -> int:
        """Add a pair and return its id; an identical (prompt, a, b) returns the existing id. ``heldout``
        flags it as a copy of a held-out pair (an existing pair too): :meth:`preference_rows` leaves it out."""
        with self._tx() as db:
            pair_id = _insert_pair(db, prompt, a, b, source, category)[0]
            if heldout:
                db.execute("UPDATE pairs SET heldout = 1 WHERE id = ?", (pair_id,))
            return pair_id

    def flag_heldout(self, rows: Iterable[Mapping]) -> int:
        """Flag the store's pairs that are rows of a held-out file (``prompt``, ``chosen``, ``rejected``,
        either reply stored first) as held-out; returns how many were not flagged before."""
        flagged = 0
        with self._tx() as db:
            for row in rows:
                for a, b in ((row["chosen"], row["rejected"]), (row["rejected"], row["chosen"])):
                    flagged += db.execute(
                        "UPDATE pairs SET heldout = 1 WHERE prompt = ? AND reply_a = ? AND reply_b = ? "
                        "AND heldout = 0", (row["prompt"], a, b)).rowcount
        return flagged

    def add_pairs(self, rows: Iterable[Mapping | tuple], source: str) -> list[int]:
        """Add many pairs in one transaction. Rows: ``(prompt, a, b[, category])`` or dicts with
        ``prompt``, ``reply_a``, ``reply_b`` and optional ``category``."""
        unpacked = [_unpack_row(row) for row in rows]
        with self._tx() as db:
            return [_insert_pair(db, *row[:3], source, row[3])[0] for row in unpacked]

    def pair(self, pair_id: int) -> Pair:
        rows = self._query(f"SELECT {_PAIR_COLS} FROM pairs WHERE id = ?", (pair_id,))
        if not rows:
            raise KeyError(f"no pair with id {pair_id}")
        return _pair_from_row(rows[0])

    def find_pair(self, prompt: str, reply_a: str, reply_b: str) -> Pair | None:
        rows = self._query(
            f"SELECT {_PAIR_COLS} FROM pairs WHERE prompt = ? AND reply_a = ? AND reply_b = ?",
            (prompt, reply_a, reply_b),
        )
        return _pair_from_row(rows[0]) if rows else None

    def pairs(self, filter: str = "all", annotator: str | None = None) -> list[Pair]:
        """Pairs in id order. Filters look at current labels, of ``annotator`` (every person's for ``"human"``,
        no machine's) or of anyone when None:
        ``unlabeled`` (no current judgement at all), ``labeled`` (a current A, B or tie), ``ties``,
        ``skipped``. For one annotator unlabeled + labeled + skipped = all; ties are part of labeled."""
        where, params = _filter_clause(filter, annotator)
        rows = self._query(f"SELECT {_PAIR_COLS} FROM pairs WHERE {where} ORDER BY id", params)
        return [_pair_from_row(row) for row in rows]

    def next_unlabeled(self, annotator: str) -> Pair | None:
        """The lowest-id pair this annotator has no current judgement on (skips count as judged)."""
        where, params = _filter_clause("unlabeled", annotator)
        rows = self._query(f"SELECT {_PAIR_COLS} FROM pairs WHERE {where} ORDER BY id LIMIT 1", params)
        return _pair_from_row(rows[0]) if rows else None

    def counts(self, annotator: str | None = None) -> dict[str, int]:
        """``len(pairs(f, annotator))`` for every filter name."""
        out = {}
        for name in FILTERS:
            where, params = _filter_clause(name, annotator)
            out[name] = self._query(f"SELECT COUNT(*) FROM pairs WHERE {where}", params)[0][0]
        return out

    # ---- judgements ----------------------------------------------------------------------------------

    def label(self, pair_id: int, annotator: str, choice: str, swapped: bool = False,
              confidence: float | None = None) -> int:
        """Record a judgement; it is committed (durable) when this returns. Labeling a pair again
        supersedes the annotator's current judgement on it (another annotator's labels are never touched).
        ``confidence`` (0..1) is a machine annotator's probability for its choice."""
        _check_choice(choice)
        _check_text("annotator", annotator)
        if confidence is not None and not 0.0 <= confidence <= 1.0:
            raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
        with self._tx() as db:
            if db.execute("SELECT 1 FROM pairs WHERE id = ?", (pair_id,)).fetchone() is None:
                raise KeyError(f"no pair with id {pair_id}")
            current = db.execute(
                "SELECT id FROM current_judgements WHERE pair_id = ? AND annotator = ?", (pair_id, annotator)
            ).fetchone()
            return _insert_judgement(db, pair_id, annotator, choice, swapped, current[0] if current else None,
                                     confidence)

    def relabel(self, judgement_id: int, choice: str) -> int:
        """Replace a judgement with a new one (same pair, annotator and display order); returns the new id."""
        _check_choice(choice)
        with self._tx() as db:
            old = self._judgement(judgement_id)
            if old.undone:
                raise ValueError(f"judgement {judgement_id} was undone; label the pair again instead")
            return _insert_judgement(db, old.pair_id, old.annotator, choice, old.swapped, old.id)

    def undo_last(self, annotator: str) -> Judgement | None:
        """Mark the annotator's most recent live judgement undone and return it (None if nothing to undo).
        Undoing a relabel brings the judgement it superseded back as the current label."""
        with self._tx() as db:
            row = db.execute(
                "SELECT id FROM judgements WHERE annotator = ? AND undone = 0 ORDER BY id DESC LIMIT 1",
                (annotator,),
            ).fetchone()
            if row is None:
                return None
            db.execute("UPDATE judgements SET undone = 1 WHERE id = ?", (row[0],))
            return self._judgement(row[0])

    def _judgement(self, judgement_id: int) -> Judgement:
        rows = self._query(f"SELECT {_JUDGEMENT_COLS} FROM judgements WHERE id = ?", (judgement_id,))
        if not rows:
            raise KeyError(f"no judgement with id {judgement_id}")
        return _judgement_from_row(rows[0])

    def judgement(self, judgement_id: int) -> Judgement:
        return self._judgement(judgement_id)

    def history(self, pair_id: int | None = None) -> list[Judgement]:
        """Every judgement, undone and superseded ones included, oldest first."""
        where, params = ("pair_id = ?", (pair_id,)) if pair_id is not None else ("1", ())
        rows = self._query(f"SELECT {_JUDGEMENT_COLS} FROM judgements WHERE {where} ORDER BY id", params)
        return [_judgement_from_row(row) for row in rows]

    def current_labels(self, annotator: str | None = None) -> list[Judgement]:
        """The current judgement of every (pair, annotator), skips included, in id order."""
        where, params = ("annotator = ?", (annotator,)) if annotator is not None else ("1", ())
        rows = self._query(
            f"SELECT {_JUDGEMENT_COLS} FROM current_judgements WHERE {where} ORDER BY id", params
        )
        return [_judgement_from_row(row) for row in rows]

    # ---- summaries -----------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """``pairs``: all pairs. ``labeled``/``ties``/``skipped``: pairs with a current A-B-or-tie / tie /
        skip judgement by anyone (as ``counts()``). ``annotators``: distinct human annotators holding a
        current judgement (importers such as ``import:pairs.jsonl`` count); ``machine_annotators``: the
        ``ai:`` and ``constitution:`` ones, kept apart. ``agreement``: Cohen's kappa over A/B/tie on pairs
        two human annotators both labeled, the mean over annotator pairs when there are more than two;
        None when no two human annotators labeled a common pair."""
        counts = self.counts()
        names = self.annotators()
        return {
            "pairs": counts["all"],
            "labeled": counts["labeled"],
            "ties": counts["ties"],
            "skipped": counts["skipped"],
            "annotators": sum(not is_machine(a) for a in names),
            "machine_annotators": sum(is_machine(a) for a in names),
            "agreement": self.agreement(),
        }

    def annotators(self) -> list[str]:
        """Every annotator holding a current judgement, sorted; :func:`is_machine` tells people from programs."""
        return [row[0] for row in self._query("SELECT DISTINCT annotator FROM current_judgements ORDER BY 1")]

    def agreement(self) -> float | None:
        """Mean pairwise Cohen's kappa over human annotators' current A/B/tie labels (None: no overlap).
        Machine annotators are left out: compare one with a person through :meth:`compare`."""
        by_annotator: dict[str, dict[int, str]] = defaultdict(dict)
        for j in self.labels_of(HUMAN):
            if j.choice != "skip":
                by_annotator[j.annotator][j.pair_id] = j.choice
        kappas = []
        for first, second in itertools.combinations(sorted(by_annotator), 2):
            common = sorted(by_annotator[first].keys() & by_annotator[second].keys())
            if common:
                kappas.append(
                    cohen_kappa(
                        [by_annotator[first][p] for p in common], [by_annotator[second][p] for p in common]
                    )
                )
        return sum(kappas) / len(kappas) if kappas else None

    def labels_of(self, annotator: str | None = None) -> list[Judgement]:
        """Current judgements (skips included, in id order) of one annotator; of every human one for
        ``"human"`` (:data:`HUMAN`); of everyone for None. What training on "my labels" reads."""
        if annotator == HUMAN:
            return [j for j in self.current_labels() if not is_machine(j.annotator)]
        return self.current_labels(annotator)

    def compare(self, first: str, second: str | Mapping[int, str]) -> Agreement:
        """Agreement of annotator ``first`` with annotator ``second`` (or ``"human"``: every person's
        label, when all people who labeled the pair agree) or with reference labels ``{pair id: choice}``
        such as :meth:`seed_labels`, on the pairs both labeled A, B or tie (see :func:`compare_labels`)."""
        other = second if isinstance(second, Mapping) else _choices(self.labels_of(second))
        return compare_labels(_choices(self.labels_of(first)), other)

    def seed_labels(self, rows: Iterable[Mapping]) -> dict[int, str]:
        """The labels that rows carrying their chosen reply (``prompt``, ``chosen``, ``rejected``: the seed
        pairs of data/pairs_train.jsonl) give the pairs of this store: pair id -> 'A' or 'B' (the stored
        reply that is the row's chosen one). Rows whose pair is not in the store are left out."""
        out = {}
        for row in rows:
            for choice, a, b in (("A", row["chosen"], row["rejected"]), ("B", row["rejected"], row["chosen"])):
                pair = self.find_pair(row["prompt"], a, b)
                if pair is not None:
                    out[pair.id] = choice
        return out

    def preference_rows(self, annotator: str | None = None, heldout: bool = False) -> list[dict[str, str]]:
        """Labeled pairs as TRL plain preference rows ``{"prompt", "chosen", "rejected"}``, in pair order.
        Per pair the current A/B/tie labels vote (of ``annotator`` only if given, of every person for
        ``"human"``: see :meth:`labels_of`); a unique winning A or B becomes a row, a winning tie or an
        even split is left out, skips do not vote. Held-out pairs (:attr:`Pair.heldout`) are left out
        unless ``heldout`` is True: training on them would make the held-out measurements meaningless."""
        votes: dict[int, Counter] = defaultdict(Counter)
        for j in self.labels_of(annotator):
            if j.choice != "skip":
                votes[j.pair_id][j.choice] += 1
        rows = []
        for pair_id in sorted(votes):
            winner = _plurality(votes[pair_id])
            if winner in ("A", "B"):
                p = self.pair(pair_id)
                if p.heldout and not heldout:
                    continue
                chosen, rejected = (p.reply_a, p.reply_b) if winner == "A" else (p.reply_b, p.reply_a)
                rows.append({"prompt": p.prompt, "chosen": chosen, "rejected": rejected})
        return rows

    # ---- files ---------------------------------------------------------------------------------------

    def import_rows(self, rows: Iterable[Mapping], annotator: str, source: str = "imported") -> int:
        """Add rows ``{"prompt", "chosen", "rejected"[, "category"]}`` (a pair file read by
        :func:`core.pairs.load_pairs`) in one transaction, all or nothing: each becomes a pair (reply_a =
        chosen, reply_b = rejected) with a judgement 'A' by ``annotator``; the same rows twice add nothing.
        Returns the number of rows."""
        rows = list(rows)
        with self._tx() as db:
            for row in rows:
                pair_id = _insert_pair(db, row["prompt"], row["chosen"], row["rejected"], source,
                                       row.get("category"))[0]
                current = db.execute(
                    "SELECT id, choice FROM current_judgements WHERE pair_id = ? AND annotator = ?",
                    (pair_id, annotator),
                ).fetchone()
                if current is None or current[1] != "A":
                    _insert_judgement(db, pair_id, annotator, "A", False, current[0] if current else None)
        return len(rows)

    def add_seed_rows(self, rows: Iterable[Mapping]) -> int:
        """Add rows ``{"prompt", "chosen", "rejected"[, "category"]}`` as unlabeled 'seed' pairs (idempotent);
        returns how many pairs were new."""
        with self._tx() as db:
            added = [_insert_pair(db, r["prompt"], r["chosen"], r["rejected"], "seed", r.get("category"))[1]
                     for r in rows]
        return sum(added)

    def export_jsonl(self, path: str | os.PathLike, annotator: str | None = None) -> int:
        """Write ``preference_rows`` as JSONL (temp file + rename); returns the number of rows."""
        rows = self.preference_rows(annotator)
        atomic_write_text(Path(path), "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        return len(rows)

    def export_hf(self, directory: str | os.PathLike, annotator: str | None = None) -> int:
        """Write ``preference_rows`` as a Hugging Face ``datasets`` folder (``load_from_disk`` reads it)."""
        import datasets  # heavy; only the export needs it

        rows = self.preference_rows(annotator)
        if rows:
            dataset = datasets.Dataset.from_list(rows)
        else:
            dataset = datasets.Dataset.from_dict({"prompt": [], "chosen": [], "rejected": []})
        dataset.save_to_disk(str(directory))
        return len(rows)


# ---- SQL helpers -------------------------------------------------------------------------------------

_PAIR_COLS = "id, prompt, reply_a, reply_b, source, category, created, heldout"
_JUDGEMENT_COLS = "id, pair_id, annotator, choice, swapped, created, undone, supersedes, confidence"
_FILTER_CHOICES = {"labeled": ("A", "B", "tie"), "ties": ("tie",), "skipped": ("skip",), "unlabeled": CHOICES}


def _filter_clause(name: str, annotator: str | None) -> tuple[str, tuple]:
    if name not in FILTERS:
        raise ValueError(f"unknown filter {name!r}; expected one of {', '.join(FILTERS)}")
    if name == "all":
        return "1", ()
    choices = _FILTER_CHOICES[name]
    sub = f"SELECT pair_id FROM current_judgements WHERE choice IN ({', '.join('?' * len(choices))})"
    params: tuple = choices
    if annotator == HUMAN:  # every person's labels, no machine's
        sub += "".join(" AND annotator NOT LIKE ?" for _ in MACHINE_PREFIXES)
        params += tuple(prefix + "%" for prefix in MACHINE_PREFIXES)
    elif annotator is not None:
        sub += " AND annotator = ?"
        params += (annotator,)
    return f"id {'NOT IN' if name == 'unlabeled' else 'IN'} ({sub})", params


def _insert_pair(
    db: sqlite3.Connection, prompt: str, a: str, b: str, source: str, category: str | None
) -> tuple[int, bool]:
    """Insert or find a pair; returns (id, newly added)."""
    for field, value in (("prompt", prompt), ("reply_a", a), ("reply_b", b)):
        _check_text(field, value)
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
    if category is not None and not isinstance(category, str):
        raise ValueError(f"category must be a string or None, not {type(category).__name__}")
    cursor = db.execute(
        "INSERT INTO pairs (prompt, reply_a, reply_b, source, category, created) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (prompt, reply_a, reply_b) DO NOTHING",
        (prompt, a, b, source, category, time.time()),
    )
    if cursor.rowcount == 1:
        return cursor.lastrowid, True
    row = db.execute("SELECT id FROM pairs WHERE prompt = ? AND reply_a = ? AND reply_b = ?", (prompt, a, b))
    return row.fetchone()[0], False


def _insert_judgement(
    db: sqlite3.Connection, pair_id: int, annotator: str, choice: str, swapped: bool, supersedes: int | None,
    confidence: float | None = None,
) -> int:
    cursor = db.execute(
        "INSERT INTO judgements (pair_id, annotator, choice, swapped, created, supersedes, confidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (pair_id, annotator, choice, int(bool(swapped)), time.time(), supersedes, confidence),
    )
    return cursor.lastrowid


def _pair_from_row(row: tuple) -> Pair:
    *fields, heldout = row
    return Pair(*fields, bool(heldout))


def _judgement_from_row(row: tuple) -> Judgement:
    jid, pair_id, annotator, choice, swapped, created, undone, supersedes, confidence = row
    return Judgement(jid, pair_id, annotator, choice, bool(swapped), created, bool(undone), supersedes, confidence)


def _unpack_row(row: Mapping | tuple) -> tuple[str, str, str, str | None]:
    if isinstance(row, Mapping):
        return row["prompt"], row["reply_a"], row["reply_b"], row.get("category")
    if len(row) not in (3, 4):
        raise ValueError(f"a pair row is (prompt, a, b[, category]), got {len(row)} items")
    return (*row, None) if len(row) == 3 else tuple(row)


def _check_choice(choice: str) -> None:
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {', '.join(CHOICES)}, not {choice!r}")


def _check_text(field: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{field} must be a non-empty string")


def compare_labels(first: Mapping, second: Mapping) -> Agreement:
    """Agreement of two raters' A/B/tie labels ``{item: choice}`` on the items both labeled.

    Kappa counts each item twice, as stored and with A and B swapped: which reply is stored first is
    arbitrary (seed pairs always store the chosen reply first, so the seed would "always say A" and its
    kappa would be meaningless), and the swap makes both raters' A and B equally frequent. Raw agreement
    and the disagreements do not depend on it."""
    common = sorted(first.keys() & second.keys())
    if not common:
        return Agreement(0, None, None, [])
    for rater in (first, second):
        for item in common:
            if rater[item] not in ("A", "B", "tie"):
                raise ValueError(f"item {item!r}: a label to compare is A, B or tie, not {rater[item]!r}")
    disagreements = [item for item in common if first[item] != second[item]]
    swap = {"A": "B", "B": "A", "tie": "tie"}
    both_ways_first = [first[i] for i in common] + [swap[first[i]] for i in common]
    both_ways_second = [second[i] for i in common] + [swap[second[i]] for i in common]
    return Agreement(len(common), 1 - len(disagreements) / len(common),
                     cohen_kappa(both_ways_first, both_ways_second), disagreements)


def _choices(labels: Iterable[Judgement]) -> dict[int, str]:
    """pair id -> choice for A/B/tie judgements; with several annotators (``"human"``) a pair counts only
    when they all agree."""
    seen: dict[int, set[str]] = defaultdict(set)
    for j in labels:
        if j.choice != "skip":
            seen[j.pair_id].add(j.choice)
    return {pair_id: next(iter(choices)) for pair_id, choices in seen.items() if len(choices) == 1}


def _plurality(votes: Counter) -> str | None:
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0] if ranked else None
