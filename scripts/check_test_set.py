"""The gold checker of the locked test set (data/test.jsonl) and the held-out red-team set (data/redteam_test.jsonl).

    .venv/bin/python scripts/check_test_set.py [--test data/test.jsonl] [--redteam data/redteam_test.jsonl]

Every test row: the schema (``sentence``, ``correct``, ``gold``, ``kind``, ``verbs``, ``wrong``, ``right``),
6-20 words, ``gold == sentence`` for correct rows; for a row with an error, the sentence and its gold differ in
one verb (or verb group: ``don't → doesn't``, ``must to go → must go``), the right word is a lemminflect form of
the wrong word's lemma (or the regular-rule past a learner builds, ``catched → caught``), and the change fits
the row's error kind (a VBZ form for ``third_person_s``, a VBN after *have* for ``past_participle``, ...). Each
lemma of ``verbs`` is a lemminflect verb lemma with a form in the gold sentence. Then the counts issue 17 asks
for: rows, half correct, every error kind, distinct lemmas, the share of them listed in
data/test_only_lemmas.txt and the share absent from data/sft.jsonl (every word of every text of the SFT file,
lemmatized as a verb). The red-team rows: schema, the same gold check, a request worded unlike the training
ones. Finally no sentence of either file may appear in any other file of data/.

Prints a summary; exits 1 naming the file, the line and the problem on any failure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from lemminflect import getAllInflections, getAllLemmas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core import tutor  # noqa: E402
from core.data import ERROR_KINDS  # noqa: E402

DATA = ROOT / "data"
TEST_FILE, REDTEAM_FILE = DATA / "test.jsonl", DATA / "redteam_test.jsonl"
LEMMAS_FILE, SFT_FILE = DATA / "test_only_lemmas.txt", DATA / "sft.jsonl"
TRAINING_ASK_FILES = (DATA / "redteam.jsonl", DATA / "cai_prompts.jsonl")

MIN_ROWS, MIN_PER_KIND, MIN_LEMMAS = 320, 14, 150
MIN_TEST_ONLY_SHARE, MIN_ABSENT_FROM_SFT = 0.55, 0.50
MIN_REDTEAM_ROWS = 90
MAX_REQUEST_SIMILARITY = 0.4  # word-set overlap above which a held-out request counts as a training wording
MIN_WORDS, MAX_WORDS = 6, 20
MIN_QUESTIONS, MIN_NEGATIVES, MIN_MULTI_VERB = 20, 30, 150  # sentence shapes the issue names

TEST_FIELDS = {"sentence": str, "correct": bool, "gold": str, "kind": str, "verbs": list}
REDTEAM_FIELDS = {"sentence": str, "correct": bool, "gold": str, "kind": str, "prompt": str}
MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would", "ought"})
HELPERS = frozenset({"be", "have", "do"})
FINITE_BE = frozenset({"am", "is", "are", "was", "were"})
NEGATIVE = re.compile(r"n't\b|\bnot\b|\bnever\b", re.I)
PUNCT = ".,!?;:\"()"
CONTRACTIONS = {"won't": "will", "can't": "can", "shan't": "shall", "ain't": "is"}
SUFFIXES = {"'m": ("am",), "'re": ("are",), "'ve": ("have",), "'s": ("is", "has"), "'d": ("had", "would"),
            "'ll": ("will",)}
LOOKBACK = 4  # words before the changed verb where its auxiliary (will, a modal, do, be, have) may stand


# ----------------------------------------------------------------------------------------------------------
# Words and verb forms
# ----------------------------------------------------------------------------------------------------------


def bare(token: str) -> str:
    """A token without surrounding punctuation, lowercased: ``"Does"`` -> ``does``, ``"rang."`` -> ``rang``."""
    return token.strip(PUNCT).lower().replace("\u2019", "'")


def readings(token: str) -> tuple[str, ...]:
    """The plain words a token stands for: ``doesn't`` -> (does,), ``I'm`` -> (i, am), ``it's`` -> (it, is, has)."""
    word = bare(token)
    if word in CONTRACTIONS:
        return (CONTRACTIONS[word],)
    if word.endswith("n't"):
        return (word[:-3],)
    for suffix, words in SUFFIXES.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            return (word[: -len(suffix)], *words)
    return (word,)


def verb_lemmas_of(word: str) -> set[str]:
    """Every lemma lemminflect gives ``word`` as a verb or auxiliary (``rang`` -> {ring})."""
    found = getAllLemmas(word, upos="VERB").get("VERB", ()) + getAllLemmas(word, upos="AUX").get("AUX", ())
    return set(found)


def forms(lemma: str, *tags: str) -> set[str]:
    """lemminflect's forms of ``lemma`` for the Penn tags given (all verb tags when none)."""
    table = getAllInflections(lemma, upos="VERB")
    return {f for tag in (tags or ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG")) for f in table.get(tag, ())}


def is_verb_lemma(lemma: str) -> bool:
    return lemma in verb_lemmas_of(lemma) and bool(forms(lemma))


def learner_forms(lemma: str) -> set[str]:
    """Wrong forms a learner builds with the regular rules: catched, freezed, stopped-style doubling, -s, -es."""
    out = {lemma + "ed", lemma + "s", lemma + "es", lemma + lemma[-1] + "ed"}
    if lemma.endswith("e"):
        out |= {lemma + "d"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    return out


def shared_lemmas(wrong: str, right: str) -> set[str]:
    """Lemmas of ``right`` of which ``wrong`` is a form or a regular-rule learner form."""
    return {lemma for lemma in verb_lemmas_of(right) if wrong in forms(lemma) | learner_forms(lemma)}


# ----------------------------------------------------------------------------------------------------------
# One correction
# ----------------------------------------------------------------------------------------------------------


def _split_punct(token: str) -> tuple[str, str]:
    """(leading, trailing) punctuation of a token."""
    core = token.strip(PUNCT)
    start = token.find(core) if core else len(token)
    return token[:start], token[start + len(core):]


def _before(words: list[str], index: int) -> list[str]:
    """The plain words of the ``LOOKBACK`` tokens before ``index``."""
    return [r for token in words[max(0, index - LOOKBACK):index] for r in readings(token)]


def _kind_problem(kind: str, wrong: str, right: str, lemmas: set[str], before: list[str]) -> str | None:
    """Why the change ``wrong -> right`` does not fit ``kind`` (None when it does)."""
    def tagged(*tags: str) -> bool:
        return any(right in forms(lemma, *tags) for lemma in lemmas)

    def was(*tags: str) -> bool:
        return any(wrong in forms(lemma, *tags) for lemma in lemmas)

    base = ("VB", "VBP")
    rules = {
        "third_person_s": (tagged("VBZ") and was(*base) and "be" not in lemmas, "a VBZ form replacing the base"),
        "plural_agreement": (tagged("VBP") and was("VBZ") and "be" not in lemmas, "a VBP form replacing a VBZ"),
        "be_agreement": (lemmas == {"be"} and wrong in FINITE_BE and right in FINITE_BE, "another finite 'be'"),
        "past_time_marker": (tagged("VBD") and was(*base, "VBZ"), "a VBD form replacing a present form"),
        "irregular_past": (tagged("VBD") and not any(right in learner_forms(v) for v in lemmas) and not was("VBD"),
                           "an irregular VBD form replacing a non-past one"),
        "past_participle": (tagged("VBN") and not was("VBN") and bool({"have", "has", "had"} & set(before)),
                            "a VBN form after 'have'"),
        "do_support": (lemmas == {"do"} or (tagged("VB") and bool({"do", "does", "did"} & set(before))),
                       "a change of 'do', or a base form after it"),
        "modal_base": (tagged("VB") and bool(MODALS & set(before)), "a base form after a modal"),
        "progressive_ing": (tagged("VBG") and not was("VBG") and bool(FINITE_BE & set(before)),
                            "an -ing form after 'be'"),
        "will_future": (tagged("VB") and "will" in before, "a base form after 'will'"),
    }
    ok, expected = rules[kind]
    return None if ok else f"'{wrong}' -> '{right}' is not {expected} ({kind})"


def correction_problem(sentence: str, gold: str, kind: str) -> str | None:
    """Why ``gold`` is not ``sentence`` with one verb (group) corrected for ``kind`` (None when it is)."""
    if kind not in ERROR_KINDS:
        return f"unknown error kind {kind!r} (expected one of {', '.join(ERROR_KINDS)})"
    a, b = sentence.split(), gold.split()
    if a == b:
        return "gold equals the sentence, but the row has an error"
    start, stop_a, stop_b = tutor.changed_span(sentence, gold)
    old, new = a[start:stop_a], b[start:stop_b]
    if len(old) == len(new) + 1 and kind == "modal_base":  # "must to go" -> "must go"
        if (bare(old[1]) == "to" and old[:1] + old[2:] == new and set(readings(old[0])) & MODALS):
            return None
        return f"'{' '.join(old)}' -> '{' '.join(new)}' is not a 'to' dropped after a modal"
    if len(old) != len(new):
        return f"'{' '.join(old)}' -> '{' '.join(new)}' adds or removes words"
    changed = [i for i in range(len(old)) if old[i] != new[i]]
    if len(changed) != 1:
        return f"'{' '.join(old)}' -> '{' '.join(new)}' changes {len(changed)} words, expected one verb"
    index = start + changed[0]
    wrong_token, right_token = a[index], b[index]
    if _split_punct(wrong_token) != _split_punct(right_token):
        return f"'{wrong_token}' -> '{right_token}' changes punctuation"
    if wrong_token[:1].isupper() != right_token[:1].isupper():
        return f"'{wrong_token}' -> '{right_token}' changes capitalisation"
    wrong, right = readings(wrong_token)[0], readings(right_token)[0]
    if bare(wrong_token).endswith("n't") != bare(right_token).endswith("n't"):
        return f"'{wrong_token}' -> '{right_token}' adds or removes a negation"
    lemmas = shared_lemmas(wrong, right)
    if not lemmas:
        return f"'{right_token}' is not a form of the same verb as '{wrong_token}' (lemminflect)"
    return _kind_problem(kind, wrong, right, lemmas, _before(b, index))


# ----------------------------------------------------------------------------------------------------------
# Rows and files
# ----------------------------------------------------------------------------------------------------------


def read_rows(path: Path) -> list[tuple[int, object]]:
    """(line number, parsed JSON) for every non-blank line; ValueError naming the file and line on bad JSON."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}, line {number}: invalid JSON: {err.msg} (column {err.colno})") from None
    return rows


def _schema_problem(row: object, fields: dict[str, type]) -> str | None:
    if not isinstance(row, dict):
        return "not a JSON object"
    for name, expected in fields.items():
        value = row.get(name, ...)
        if value is ...:
            return f"missing field '{name}'"
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            return f"field '{name}' must be {expected.__name__}, got {type(value).__name__}"
        if expected is str and not value.strip():
            return f"field '{name}' is empty"
    return None


def _sentence_problem(row: dict) -> str | None:
    """Word count, correct <-> gold, the kind name, the correction."""
    sentence, gold, kind = row["sentence"], row["gold"], row["kind"]
    words = len(sentence.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        return f"{words} words, expected {MIN_WORDS}-{MAX_WORDS}"
    if row["correct"]:
        if gold != sentence:
            return "a correct row must have gold == sentence"
        if kind != "correct":
            return f"a correct row must have kind 'correct', got {kind!r}"
        return None
    return correction_problem(sentence, gold, kind)


def row_problem(row: object) -> str | None:
    """Why one test-set row fails the gold check (None when it passes)."""
    problem = _schema_problem(row, TEST_FIELDS)
    if problem:
        return problem
    for name in ("wrong", "right"):
        if name not in row:
            return f"missing field '{name}'"
    problem = _sentence_problem(row)
    if problem:
        return problem
    expected = (None, None) if row["correct"] else tutor.changed_words(row["sentence"], row["gold"])
    if (row["wrong"], row["right"]) != expected:
        return f"'wrong'/'right' must be {expected[0]!r}/{expected[1]!r}, got {row['wrong']!r}/{row['right']!r}"
    verbs = row["verbs"]
    if not verbs or not all(isinstance(v, str) for v in verbs) or len(set(verbs)) != len(verbs):
        return "field 'verbs' must be a non-empty list of distinct lemmas"
    gold_words = {r for token in row["gold"].split() for r in readings(token)}
    for lemma in verbs:
        if lemma in MODALS:
            return f"'verbs' lists the modal {lemma!r}; it lists lexical verbs and be/have/do only"
        if not is_verb_lemma(lemma):
            return f"'verbs' lists {lemma!r}, which is not a verb lemma for lemminflect"
        if not gold_words & (forms(lemma) | {lemma}):
            return f"'verbs' lists {lemma!r}, but no form of it is in the gold sentence"
    if not row["correct"]:
        _, right = tutor.changed_words(row["sentence"], row["gold"])
        if not any(verb_lemmas_of(readings(w)[0]) & set(verbs) for w in right.split()):
            return f"'verbs' does not list the lemma of the corrected verb '{right}'"
    return None


def sft_verb_lemmas(path: Path = SFT_FILE) -> set[str]:
    """Every verb lemma of every word of every text of the SFT file: sentences, golds, replies and the skill
    demos' messages (a noun that can be a verb, "a surprise party", counts too: the measure errs on the safe
    side)."""
    found: set[str] = set()
    for _, row in read_rows(path):
        for text in _strings(row):
            for token in text.split():
                for word in readings(token):
                    found |= set(getAllLemmas(word, upos="VERB").get("VERB", ()))
    return found


def read_lemma_list(path: Path = LEMMAS_FILE) -> list[str]:
    return [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("#", 1)[0].strip()]


def check_test_rows(rows: list[tuple[int, object]], path: Path = TEST_FILE) -> list[str]:
    """Problems of single rows and duplicates, each naming the file and line."""
    problems, seen = [], {}
    for number, row in rows:
        problem = row_problem(row)
        if problem:
            problems.append(f"{path}, line {number}: {problem}")
        elif row["sentence"] in seen:
            problems.append(f"{path}, line {number}: duplicate of line {seen[row['sentence']]}")
        else:
            seen[row["sentence"]] = number
    return problems


def test_summary(rows: list[dict], test_only: list[str]) -> dict:
    """The counts of a test set (rows that passed the row check)."""
    lemmas = {v for row in rows for v in row["verbs"]}
    return {
        "rows": len(rows),
        "correct": sum(row["correct"] for row in rows),
        "kinds": dict(sorted(Counter(row["kind"] for row in rows).items())),
        "lemmas": len(lemmas),
        "test_only_lemmas": len(lemmas & set(test_only)),
        "test_only_share": len(lemmas & set(test_only)) / max(len(lemmas), 1),
        "questions": sum(row["sentence"].rstrip().endswith("?") or "? " in row["sentence"] for row in rows),
        "negatives": sum(bool(NEGATIVE.search(row["gold"])) for row in rows),
        "multi_verb": sum(len(row["verbs"]) >= 2 for row in rows),
    }


def count_problems(summary: dict, test_only: list[str], path: Path = TEST_FILE) -> list[str]:
    """The file-level requirements of issue 17 (sizes, balance, kinds, lemmas, shapes)."""
    problems = []
    if summary["rows"] < MIN_ROWS:
        problems.append(f"{summary['rows']} rows, expected at least {MIN_ROWS}")
    if summary["correct"] * 2 != summary["rows"]:
        problems.append(f"{summary['correct']} correct rows of {summary['rows']}, expected exactly half")
    for kind in ERROR_KINDS:
        if summary["kinds"].get(kind, 0) < MIN_PER_KIND:
            problems.append(f"{summary['kinds'].get(kind, 0)} rows of kind {kind}, expected {MIN_PER_KIND}+")
    if summary["lemmas"] < MIN_LEMMAS:
        problems.append(f"{summary['lemmas']} distinct verb lemmas, expected at least {MIN_LEMMAS}")
    if summary["test_only_share"] < MIN_TEST_ONLY_SHARE:
        problems.append(f"{summary['test_only_share']:.3f} of the lemmas are in {LEMMAS_FILE.name}, "
                        f"expected at least {MIN_TEST_ONLY_SHARE}")
    for name, least in (("questions", MIN_QUESTIONS), ("negatives", MIN_NEGATIVES),
                        ("multi_verb", MIN_MULTI_VERB)):
        if summary[name] < least:
            problems.append(f"{summary[name]} {name.replace('_', '-')} rows, expected at least {least}")
    bad = [w for w in test_only if w in HELPERS | MODALS or not is_verb_lemma(w)]
    if bad:
        problems.append(f"{LEMMAS_FILE}: {bad} must not be listed (be/have/do, modals, non-verbs)")
    return [f"{path}: {p}" if not p.startswith(str(LEMMAS_FILE)) else p for p in problems]


def absent_from_sft(rows: list[dict], sft_path: Path = SFT_FILE) -> tuple[float, list[str]]:
    """Share of the test set's verb lemmas that no SFT sentence or gold contains as a verb, and those present."""
    lemmas = sorted({v for row in rows for v in row["verbs"]})
    present = sft_verb_lemmas(sft_path)
    return sum(v not in present for v in lemmas) / max(len(lemmas), 1), [v for v in lemmas if v in present]


# ----------------------------------------------------------------------------------------------------------
# The held-out red-team set
# ----------------------------------------------------------------------------------------------------------


def request_of(row: dict) -> str:
    """The prompt without the learner's sentence and the ``Check this sentence:`` frame: the request itself."""
    text = row["prompt"].replace(tutor.user_message(row["sentence"]), " ").replace(row["sentence"], " ")
    return " ".join(text.split()).lower()


def training_requests(paths: tuple[Path, ...] = TRAINING_ASK_FILES) -> set[str]:
    """The red-team requests the tutor may learn from or be tuned on: those of the red-team dev set and the CAI
    prompts, and those of the SFT skill demos (``core.skill_demos.REDTEAM_ASKS``)."""
    from core import skill_demos

    found = {" ".join(ask.lower().split()) for ask in skill_demos.REDTEAM_ASKS}
    for path in paths:
        if path.exists():
            for _, row in read_rows(path):
                if isinstance(row, dict) and isinstance(row.get("prompt"), str):
                    found.add(request_of(row))
    return found - {""}


def similarity(a: str, b: str) -> float:
    """Word-set overlap of two requests (Jaccard, 0-1)."""
    x, y = set(re.findall(r"[a-z']+", a.lower())), set(re.findall(r"[a-z']+", b.lower()))
    return len(x & y) / max(len(x | y), 1)


def redteam_row_problem(row: object, known: set[str]) -> str | None:
    """Why one red-team row fails (None when it passes)."""
    problem = _schema_problem(row, REDTEAM_FIELDS) or _sentence_problem(row)
    if problem:
        return problem
    if row["sentence"] not in row["prompt"]:
        return "the prompt does not contain the sentence"
    request = request_of(row)
    if len(request.split()) < 4:
        return "the prompt has no request besides the sentence"
    closest = max(known, key=lambda ask: similarity(request, ask), default="")
    if closest and similarity(request, closest) >= MAX_REQUEST_SIMILARITY:
        return f"the request {request!r} is worded like the training request {closest!r}"
    return None


def check_redteam(path: Path = REDTEAM_FILE, known: set[str] | None = None) -> tuple[list[str], dict]:
    known = training_requests() if known is None else known
    rows = read_rows(path)
    problems, good, seen = [], [], {}
    for number, row in rows:
        problem = redteam_row_problem(row, known)
        if not problem and row["sentence"] in seen:
            problem = f"duplicate of line {seen[row['sentence']]}"
        if problem:
            problems.append(f"{path}, line {number}: {problem}")
        else:
            seen[row["sentence"]] = number
            good.append(row)
    summary = {"rows": len(good), "correct": sum(r["correct"] for r in good),
               "requests": len({request_of(r) for r in good})}
    if len(rows) < MIN_REDTEAM_ROWS:
        problems.append(f"{path}: {len(rows)} rows, expected at least {MIN_REDTEAM_ROWS}")
    if good and not 0.4 <= summary["correct"] / len(good) <= 0.6:
        problems.append(f"{path}: {summary['correct']} of {len(good)} sentences correct, expected about half")
    return problems, summary


# ----------------------------------------------------------------------------------------------------------
# Leaks into other files
# ----------------------------------------------------------------------------------------------------------


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# Evaluation files built FROM the locked sentences (never trained on): the reward model's differently built
# held-out pairs, the tutor's own sampled replies on test sentences (scripts/make_sampled_pairs.py).
DERIVED = ("pairs_sampled.jsonl",)


def leaks(locked: tuple[Path, ...] = (TEST_FILE, REDTEAM_FILE), data_dir: Path = DATA) -> list[str]:
    """Sentences (and golds) of the locked files found in any other file of ``data_dir`` (but the evaluation
    files in :data:`DERIVED`, which are made from them on purpose)."""
    texts: dict[Path, str] = {}
    for path in sorted(data_dir.rglob("*")):
        if path.name in DERIVED:
            continue
        if path.is_file() and path.suffix in (".jsonl", ".json", ".txt", ".md", ".csv"):
            raw = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".jsonl":
                raw = "\n".join(s for _, row in read_rows(path) for s in _strings(row))
            texts[path.resolve()] = raw
    found = []
    for own in locked:
        for number, row in read_rows(own):
            for key in ("sentence", "gold"):
                text = row.get(key) if isinstance(row, dict) else None
                if not isinstance(text, str):
                    continue
                for other, raw in texts.items():
                    if other != own.resolve() and text in raw:
                        found.append(f"{own}, line {number}: the {key} {text!r} also appears in {other}")
    return found


# ----------------------------------------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------------------------------------


def check_all(test: Path = TEST_FILE, redteam: Path = REDTEAM_FILE, lemmas: Path = LEMMAS_FILE,
              sft: Path = SFT_FILE) -> tuple[list[str], dict]:
    """Every check; (problems, summary)."""
    rows = read_rows(test)
    problems = check_test_rows(rows, test)
    good = [row for _, row in rows if row_problem(row) is None]
    test_only = read_lemma_list(lemmas)
    summary = test_summary(good, test_only)
    problems += count_problems(summary, test_only, test)
    share, present = absent_from_sft(good, sft)
    summary["absent_from_sft_share"], summary["present_in_sft"] = share, len(present)
    if share < MIN_ABSENT_FROM_SFT:
        problems.append(f"{test}: {share:.3f} of the verb lemmas are absent from {sft}, expected at least "
                        f"{MIN_ABSENT_FROM_SFT}")
    red_problems, summary["redteam"] = check_redteam(redteam)
    problems += red_problems + leaks((test, redteam))
    return problems, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--test", type=Path, default=TEST_FILE)
    parser.add_argument("--redteam", type=Path, default=REDTEAM_FILE)
    parser.add_argument("--lemmas", type=Path, default=LEMMAS_FILE)
    parser.add_argument("--sft", type=Path, default=SFT_FILE)
    args = parser.parse_args(argv)
    try:
        problems, summary = check_all(args.test, args.redteam, args.lemmas, args.sft)
    except (OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    red = summary["redteam"]
    print(f"{args.test}: {summary['rows']} rows, {summary['correct']} correct; "
          f"{summary['questions']} questions, {summary['negatives']} negatives, "
          f"{summary['multi_verb']} with two or more verbs")
    print("  kinds: " + ", ".join(f"{k} {n}" for k, n in summary["kinds"].items()))
    print(f"  {summary['lemmas']} distinct verb lemmas; {summary['test_only_lemmas']} "
          f"({summary['test_only_share']:.3f}) listed in {args.lemmas.name}; "
          f"{summary['absent_from_sft_share']:.3f} absent from {args.sft.name} ({summary['present_in_sft']} present)")
    print(f"{args.redteam}: {red['rows']} rows, {red['correct']} correct, {red['requests']} distinct requests")
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
