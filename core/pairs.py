"""Where the preference labs get their pairs: a TRL preference JSONL file, or the learner's labels in the store.

Rows are plain dicts ``{"prompt", "chosen", "rejected"}`` with the prompt as the tutor's user text.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STORE = "store"


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
    """``source`` is a JSONL path, ``"store"`` (labeled pairs, every annotator's labels voting) or
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
    from core.data import load_pairs

    path = Path(source)
    if not path.is_absolute() and not path.exists():
        path = REPO / source
    return [{"prompt": r["prompt"], "chosen": r["chosen"], "rejected": r["rejected"]} for r in load_pairs(path)]


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
