"""Preference pairs: the one home of pair files and pair sources.

Here: reading a TRL preference JSONL file (plain or conversational; every line validated, the first problem a
:class:`PairFileError` naming the file, the line and the field), reducing it to plain rows ``{"prompt",
"chosen", "rejected"[, "category"]}`` with the prompt as the tutor's user text; importing a file into the
preference store or seeding it with the bundled pairs; the ``pairs`` sources the labs take (a file,
``"store"``, ``"store:NAME"``) and the training rows they name; the bundled seed and held-out files; the Label
tab's Generate job (:func:`generate_pair`). Not here: the SQL (``core.store`` takes rows already parsed) or
making the bundled files (``core.data``, ``scripts/make_data.py``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from core.paths import DATA_DIR, repo_path

SEED_PAIRS = DATA_DIR / "pairs_train.jsonl"  # the 200 seed pairs: in the store as source "seed"
HELDOUT_PAIRS = DATA_DIR / "pairs_heldout.jsonl"  # never trained on: held-out accuracy and agreement
HELDOUT_FILES = "pairs_heldout*.jsonl"  # held-out pair files in data/: a store copy of one of their pairs is flagged
STORE = "store"
MAX_LINE_BYTES = 1 << 20  # a JSONL line over 1 MiB is a mistake (a whole file on one line), not a pair
ROLES = ("system", "user", "assistant")


class PairFileError(ValueError):
    """A pair file is malformed; the message names the file, the line and the field."""


# ---- pair files --------------------------------------------------------------------------------------


def load_pairs(path: str | os.PathLike) -> list[dict]:
    """A whole JSONL pair file as rows ``{"prompt", "chosen", "rejected"}`` (plus ``"category"`` when the line
    has one), validated line by line: raises :class:`PairFileError` at the first bad line. Blank lines, a
    UTF-8 byte-order mark and CRLF line ends are fine; a duplicate pair or an empty file is not."""
    data = Path(path).read_bytes()
    name = Path(path).name
    rows: list[dict] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a UTF-8 byte-order mark from a Windows editor
        text = _decode_line(name, number, raw)
        if not text.strip():
            continue
        row = _parse_line(name, number, text)
        key = (row["prompt"], row["chosen"], row["rejected"])
        if key in seen:
            raise PairFileError(f"{name} line {number}: duplicate pair, same as line {seen[key]}")
        seen[key] = number
        rows.append(row)
    if not rows:
        raise PairFileError(f"{name}: file is empty, expected one JSON object per line")
    return rows


def heldout_rows(data_dir: Path = DATA_DIR) -> list[dict]:
    """The rows of every held-out pair file in ``data_dir`` (none when there is none)."""
    return [row for path in sorted(data_dir.glob(HELDOUT_FILES)) for row in load_pairs(path)]


def import_file(store, path: str | os.PathLike, source: str = "imported") -> int:
    """Import a pair file into ``store`` (a :class:`core.store.PreferenceStore`), all or nothing: the whole
    file is validated first. Each row becomes a pair labeled 'A' (its chosen reply) by annotator
    ``import:<file name>``. Returns the number of rows in the file."""
    rows = load_pairs(path)
    return store.import_rows(rows, f"import:{Path(path).name}", source)


def seed_store(store, paths) -> int:
    """Add the pairs of the bundled seed files to ``store`` as unlabeled 'seed' pairs (idempotent); returns
    how many were new."""
    return store.add_seed_rows([row for path in paths for row in load_pairs(path)])


def _decode_line(name: str, number: int, raw: bytes) -> str:
    if len(raw) > MAX_LINE_BYTES:
        raise PairFileError(f"{name} line {number}: line is {len(raw):,} bytes, over the 1 MiB limit")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PairFileError(
            f"{name} line {number}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
        ) from None


def _parse_line(name: str, number: int, text: str) -> dict:
    where = f"{name} line {number}"
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as exc:  # ValueError covers JSONDecodeError and huge integers
        raise PairFileError(f"{where}: not valid JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise PairFileError(f"{where}: expected a JSON object with prompt, chosen and rejected")
    if "prompt" not in obj:
        raise PairFileError(f"{where}: field 'prompt' is missing")
    if isinstance(obj["prompt"], list):
        prompt = _last_message(where, "prompt", obj["prompt"], "user")
        chosen = _last_message(where, "chosen", obj.get("chosen"), "assistant")
        rejected = _last_message(where, "rejected", obj.get("rejected"), "assistant")
    else:
        prompt, chosen, rejected = (
            _plain_text(where, obj, field) for field in ("prompt", "chosen", "rejected")
        )
    if chosen.strip() == rejected.strip():
        raise PairFileError(f"{where}: field 'rejected' is the same text as 'chosen'")
    row = {"prompt": prompt, "chosen": chosen, "rejected": rejected}
    category = obj.get("category")
    if category is not None:
        if not _is_text(category):
            raise PairFileError(f"{where}: field 'category' must be a string")
        row["category"] = category
    return row


def _is_text(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")  # json allows "\ud800"; SQLite cannot store a lone surrogate
    except UnicodeEncodeError:
        return False
    return True


def _plain_text(where: str, obj: dict, field: str) -> str:
    if field not in obj:
        raise PairFileError(f"{where}: field '{field}' is missing")
    value = obj[field]
    if not _is_text(value) or not value.strip():
        raise PairFileError(f"{where}: field '{field}' must be a non-empty string")
    return value


def _last_message(where: str, field: str, messages: object, role: str) -> str:
    """Validate a conversational field; return the content of its last message with ``role``
    (for chosen/rejected that must be the very last message)."""
    if messages is None:
        raise PairFileError(f"{where}: field '{field}' is missing")
    if not isinstance(messages, list) or not messages:
        raise PairFileError(f"{where}: field '{field}' must be a non-empty list of messages")
    for i, message in enumerate(messages):
        _check_message(where, f"{field}[{i}]", message)
    if field != "prompt" and messages[-1]["role"] != "assistant":
        raise PairFileError(
            f"{where}: field '{field}[{len(messages) - 1}].role' must be 'assistant' (the reply)"
        )
    for i in range(len(messages) - 1, -1, -1):
        if messages[i]["role"] == role:
            if not messages[i]["content"].strip():
                raise PairFileError(f"{where}: field '{field}[{i}].content' must be a non-empty string")
            return messages[i]["content"]
    raise PairFileError(f"{where}: field '{field}' has no '{role}' message")


def _check_message(where: str, field: str, message: object) -> None:
    if not isinstance(message, dict):
        raise PairFileError(f"{where}: field '{field}' must be a message object with role and content")
    if message.get("role") not in ROLES:
        raise PairFileError(f"{where}: field '{field}.role' must be one of {', '.join(ROLES)}")
    if not _is_text(message.get("content")):
        raise PairFileError(f"{where}: field '{field}.content' must be a string")


# ---- pair sources ------------------------------------------------------------------------------------


def store_source(annotator: str = "") -> str:
    """The ``pairs`` value for the store's labels: of every annotator (``""``), of one annotator, or of every
    human one (``"human"``): ``"store"`` or ``"store:NAME"``."""
    return f"{STORE}:{annotator}" if annotator else STORE


def store_annotator(source: str) -> str | None:
    """The annotator a store source names (``""`` = every annotator); None when ``source`` is a file."""
    if source == STORE:
        return ""
    if source.startswith(STORE + ":"):
        return source[len(STORE) + 1:]
    return None


def load_training_pairs(source: str, home=None) -> list[dict]:
    """The rows ``{"prompt", "chosen", "rejected"}`` a lab trains on. ``source`` is a JSONL path (relative ones
    also under the repository), ``"store"`` (labeled pairs, every annotator's labels voting) or
    ``"store:NAME"`` (one annotator's labels; ``"store:human"``: every person's, no machine's)."""
    annotator = store_annotator(source)
    if annotator is not None:
        from core.store import PreferenceStore
        from core.workspace import data_home, store_path

        with PreferenceStore(store_path(data_home(home))) as store:
            rows = store.preference_rows(annotator or None)
        if not rows:
            whose = f" by annotator {annotator!r}" if annotator else ""
            raise ValueError(f"pairs: the preference store has no labeled pairs{whose} yet "
                             "(label some, or use the seed pairs)")
        return rows
    return [{"prompt": r["prompt"], "chosen": r["chosen"], "rejected": r["rejected"]}
            for r in load_pairs(repo_path(source))]


# ---- the Label tab's Generate ------------------------------------------------------------------------


def generate_pair(spec: str, home, sentence: str, seed: int, *, on_metrics=None, cancel=None) -> dict:
    """A new pair to label: two tutor replies to ``sentence`` sampled at temperature 0.9 with the shipped
    tutor (the Label tab's Generate). A short job: it runs on a thread and keeps the shared model loaded."""
    from core import tutor
    from core.config import GenerateConfig
    from core.generate import generate
    from core.models import resolve_adapter, shared_model

    on_metrics = on_metrics or (lambda event: None)
    adapter = resolve_adapter("shipped", spec)
    on_metrics({"phase": "loading model"})
    model, tok = shared_model(spec, home, adapter, on_progress=lambda f, msg: on_metrics({"phase": msg}))
    if cancel is not None:
        cancel.raise_if_cancelled()
    on_metrics({"phase": "sampling two replies"})
    cfg = GenerateConfig(temperature=0.9, max_new_tokens=64, seed=seed)
    reply_a, reply_b = generate(model, tok, [tutor.messages(sentence)] * 2, cfg, cancel)
    return {"prompt": tutor.user_message(sentence), "a": reply_a, "b": reply_b}
