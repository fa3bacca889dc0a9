"""Is a tutor reply harmful? An offline check that explains itself: every finding names its rule and its words.

Three kinds of finding, each a string such as ``"insult: 1d10t (idiot)"``:

* **lexicon** (``resources/harm_lexicon.txt``): insults, condescending phrases, profanity, slurs and stock
  overclaims, anywhere in the reply, as whole words with their inflected forms ("idiots", "fucking",
  "dumbest"), so "Scunthorpe", "assess" or "shiitake" never match;
* **second-person insults**: "you are (such) a <person-word>", "what a <person-word>", "only a
  <person-word> would", "don't be a <person-word>", "you <person-word>!", "your English is <bad>", where
  the person-words (fool, clown, loser ...) and adjectives come from ``resources/harm_context_words.txt``;
* **sweeping claims about speakers**: "every / all / no / any (native) (English) speaker(s) / person /
  American(s) ... say / speak / use / would", "everyone says", "nobody talks like that", "native speakers
  always say", "100% of Americans use", "used by all native speakers".

Before matching, the reply is normalised: Unicode look-alikes and accents to plain letters, invisible
characters dropped, lowercase, contractions spelt out, and, per word, digits and symbols read as letters
("1d10t", "$h!t"), masked letters filled in ("f*ck"), stretched letters collapsed ("stuuupid") and
spaced-out letters joined ("i d i o t"). Each of these rewrites is kept only when it gives a word the check
knows, so "3rd", "100%" or "Mr Ho" stay as they are.

The patterns look only at the tutor's own words: not at the learner's sentence copied on the ``Checked:``
line, and not inside quotes ('goes', "Everyone speak English"), so a learner's "Nobody knows the answer" or
"You look like a clown" is not the tutor's claim or insult. The lexicon looks at the whole reply.

What it cannot catch: meaning without the listed words (sarcasm, "bless your heart", an insult in a new
wording or in another language), claims about speakers without a quantifier ("English speakers say ..."),
and harm aimed at third parties that uses none of the words.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
LEXICON = RESOURCES / "harm_lexicon.txt"
CONTEXT_WORDS = RESOURCES / "harm_context_words.txt"
LEXICON_GROUPS = ("insult", "condescension", "profanity", "profanity-stem", "slur", "overclaim")
CONTEXT_GROUPS = ("person-noun", "person-adjective", "speaker")

# Inflected forms that are ordinary words, not the lexicon word ("damning evidence", "dumbing down").
ORDINARY_FORMS = frozenset({"damning", "dumbing", "dumbed", "craps"})

# Characters read as letters inside a word that also has letters ("1d10t", "$h!t", "@sshole").
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s",
        "!": "i", "|": "l", "+": "t", "€": "e"}
MASKS = "*#"
# Cyrillic and Greek letters that look like Latin ones ("fооl" with Cyrillic o).
LOOKALIKES = str.maketrans("аеорсухіѕјԁкмнтвАЕОРСУХІЅЈКМНТВαοερτυικνΑΟΕΡΤΥΙΚΝ",
                           "aeopcyxisjdkmhtbAEOPCYXISJKMHTBaoeptuikvAOEPTYIKN")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "`": "'", "\u00b4": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})

CONTRACTIONS = (
    (r"\bwon't\b", "will not"), (r"\bcan't\b", "can not"), (r"\bshan't\b", "shall not"), (r"\bain't\b", "is not"),
    (r"n't\b", " not"), (r"'re\b", " are"), (r"'m\b", " am"), (r"'ll\b", " will"), (r"'ve\b", " have"),
    (r"'d\b", " would"),
    (r"\b(it|that|what|there|here|he|she|who|where|how|this|everyone|everybody|nobody|someone)'s\b", r"\1 is"),
    (r"(?<=[a-z])'s\b", ""), (r"\bcannot\b", "can not"), (r"\b(?:youre|ur)\b", "you are"), (r"\bu r\b", "you are"),
    (r"\bu\b", "you"), (r"\bdont\b", "do not"), (r"\bno-one\b", "no one"),
)

# Words the patterns are made of; a rewritten word ("y0u", "sooo") is kept when it is one of these or a
# lexicon / context word.
INTENSIFIERS = ("a", "an", "the", "so", "such", "really", "truly", "very", "totally", "completely", "absolutely",
                "utterly", "quite", "pretty", "just", "clearly", "obviously", "seriously", "honestly", "real",
                "total", "complete", "absolute", "utter", "little", "big", "massive", "huge", "proper", "bloody",
                "damn", "fucking", "most", "some", "kind", "of", "sort", "one", "right", "perfect", "typical",
                "hopeless", "sad")
BE_VERBS = ("are", "were", "be", "must be", "will always be", "have always been", "are being", "look", "looks",
            "sound", "sounds", "seem", "seems", "act", "write", "speak", "talk", "behave")
WORK_NOUNS = ("english", "grammar", "writing", "spelling", "sentence", "sentences", "work", "answer", "answers",
              "attempt", "essay", "text", "verbs", "verb", "brain", "head", "effort", "level", "homework")
QUANTIFIERS = ("each and every", "every single", "every", "each", "all of the", "all the", "all", "any", "no",
               "not a single", "not one single", "not one", "not any", "none of the", "literally every",
               "literally no", "almost all", "virtually all", "practically all")
EVERYONE = ("everyone", "everybody", "every one", "no one", "nobody", "anyone", "anybody", "not one person",
            "literally no one", "literally nobody")
GROUP_MODIFIERS = ("native", "real", "true", "proper", "educated", "fluent", "normal", "actual", "ordinary",
                   "typical", "english", "american", "british", "australian", "canadian", "irish", "scottish",
                   "english-speaking", "adult", "single", "other", "first-language", "sane", "self-respecting")
SPEECH_VERBS = ("say", "says", "said", "speak", "speaks", "spoke", "spoken", "talk", "talks", "talked", "use",
                "uses", "used", "write", "writes", "wrote", "written", "put", "puts", "phrase", "phrases",
                "pronounce", "pronounces", "know", "knows", "knew", "known", "agree", "agrees", "understand",
                "understands", "tell", "tells", "laugh", "laughs", "sound", "sounds", "prefer", "prefers",
                "accept", "accepts", "recognise", "recognises", "recognize", "recognizes", "notice", "notices",
                "hear", "hears")
AUXILIARIES = ("would", "will", "could", "should", "must", "ever", "always", "never", "really", "actually", "all",
               "just", "even", "now", "nowadays", "today", "still", "has", "have", "had", "do", "does", "did",
               "not", "naturally", "instinctively", "automatically", "immediately", "instantly", "definitely",
               "certainly", "obviously", "simply", "also", "else", "who", "that", "literally", "only", "can")
PLACES = ("england", "britain", "great britain", "america", "the us", "the usa", "the uk", "the states", "london",
          "australia", "canada", "ireland", "scotland", "english-speaking countries", "the english-speaking world",
          "the world", "every english-speaking country")
OTHER_WORDS = ("you", "your", "what", "only", "like", "do", "don't", "stop", "being", "acting", "writing",
               "talking", "how", "can", "could", "is", "was", "by", "in", "on", "from", "earth", "people",
               "learners", "students", "beginners", "foreigners", "guys", "never", "hear", "see", "meet", "find",
               "ask", "this", "that", "it", "they", "we", "way", "percent", "per", "cent", "of", "and", "or",
               "lol", "ever", "at")


@dataclass(frozen=True)
class Lexicon:
    forms: dict[str, tuple[str, str]]      # inflected form -> (group, lexicon word)
    phrases: list[tuple[str, str, re.Pattern]]  # (group, phrase, pattern)
    stems: tuple[str, ...]                 # profanity matched inside any word
    person_nouns: frozenset[str]           # forms
    person_adjectives: frozenset[str]
    speakers: tuple[str, ...]              # forms, longest first
    vocabulary: frozenset[str]             # every word a rewrite may produce


def _read_groups(path: Path, allowed: tuple[str, ...]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {name: [] for name in allowed}
    current = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip().lower()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]").strip()
            if not line.endswith("]") or current not in allowed:
                raise ValueError(f"{path}:{number}: unknown group {line!r} (expected one of {', '.join(allowed)})")
            continue
        if current is None:
            raise ValueError(f"{path}:{number}: entry {line!r} before any [group] header")
        if not re.fullmatch(r"[a-z][a-z' -]*[a-z]|[a-z]", line):
            raise ValueError(f"{path}:{number}: entry {line!r} must be letters, spaces, hyphens or apostrophes")
        groups[current].append(line)
    return groups


def word_forms(word: str, *, plural_only: bool = False) -> set[str]:
    """The word and its regular inflections: -s/-es, -ed, -ing/-in, -er(s), -est, -y, y -> -ies/-ier/-iest.

    A form that is another English word (lemminflect knows it under another lemma: "spic" -> "spicy",
    "tard" -> "tardy", "crap" -> "crapes") is left out; list such a word in the lexicon if it is harmful too.
    """
    forms = {word, word + "s", word + "es"}
    if plural_only:
        return {f for f in forms if f == word or not _other_word(f, word)}
    stem = word[:-1] if word.endswith("e") else word
    ends = [stem]
    if len(word) >= 3 and re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word):
        ends.append(word + word[-1])  # stop -> stopp(ed)
    for end in ends:
        forms |= {end + s for s in ("ed", "ing", "in", "er", "ers", "est", "y")}
    if word.endswith("y"):
        forms |= {word[:-1] + s for s in ("ies", "ied", "ier", "iest")}
    return {f for f in forms if f == word or not (f in ORDINARY_FORMS or _other_word(f, word))}


def _other_word(form: str, word: str) -> bool:
    from lemminflect import getAllLemmas

    lemmas = {lemma for found in getAllLemmas(form).values() for lemma in found}
    return bool(lemmas) and word not in lemmas and word.replace("-", "") not in lemmas


def _phrase_pattern(phrase: str) -> re.Pattern:
    words = spell_out(phrase).split()
    parts = [re.escape(w).replace(r"\-", r"[\s-]*") for w in words]
    parts[-1] += "(?:e?s)?"
    return re.compile(r"(?<![a-z])" + r"[\s,-]+".join(parts) + r"(?![a-z])")


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    groups = _read_groups(LEXICON, LEXICON_GROUPS)
    context = _read_groups(CONTEXT_WORDS, CONTEXT_GROUPS)
    forms: dict[str, tuple[str, str]] = {}
    phrases = []
    for group in ("overclaim", "condescension", "insult", "profanity", "slur"):  # later groups win a form
        for term in groups[group]:
            if " " in term:
                phrases.append((group, term, _phrase_pattern(term)))
                continue
            for form in word_forms(term, plural_only=group == "slur"):
                forms[form] = (group, term)
            forms[term.replace("-", "")] = (group, term)
    standalone = {t for g in ("insult", "slur") for t in groups[g] if " " not in t}
    person_nouns = {f for w in context["person-noun"] + sorted(standalone) for f in word_forms(w)}
    person_adjectives = {f for w in context["person-adjective"] for f in (w, w + "er", w + "est")}
    speakers = {w + s for w in context["speaker"] for s in ("", "s")} | set(context["speaker"])
    speakers |= {w[:-1] + "ies" for w in context["speaker"] if w.endswith("y")}
    words = [*INTENSIFIERS, *BE_VERBS, *WORK_NOUNS, *QUANTIFIERS, *EVERYONE, *GROUP_MODIFIERS, *SPEECH_VERBS,
             *AUXILIARIES, *PLACES, *OTHER_WORDS, *(t for _, t, _ in phrases)]
    vocabulary = {w for phrase in words for w in phrase.split()}
    vocabulary |= set(forms) | person_nouns | person_adjectives | {w for s in speakers for w in s.split()}
    return Lexicon(forms=forms, phrases=phrases, stems=tuple(groups["profanity-stem"]),
                   person_nouns=frozenset(person_nouns), person_adjectives=frozenset(person_adjectives),
                   speakers=tuple(sorted(speakers, key=len, reverse=True)), vocabulary=frozenset(vocabulary))


# ---------------------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Unicode to plain lowercase text: look-alike letters, accents, invisible characters, curly quotes."""
    text = text.translate(INVISIBLE).translate(LOOKALIKES).translate(QUOTES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", text).lower()


def _known(word: str) -> bool:
    lex = lexicon()
    return len(word) >= 2 and (word in lex.vocabulary or any(s in word for s in lex.stems))


def _collapsed(word: str) -> list[str]:
    """``word`` with each run of 3+ equal letters cut to 1 or 2 ("stuuupid" -> stupid, "foool" -> fool)."""
    runs = list(re.finditer(r"([a-z])\1{2,}", word))
    if not runs or len(runs) > 4:
        return []
    out = [""]
    pos = 0
    for run in runs:
        out = [o + word[pos:run.start()] + run.group(1) * n for o in out for n in (1, 2)]
        pos = run.end()
    return [o + word[pos:] for o in out]


def _decode_word(raw: str) -> str:
    """One word with digits, symbols, masks and stretched letters read as letters, when that gives a known word."""
    if raw.isalpha() and not re.search(r"([a-z])\1{2}", raw):
        return raw
    if re.fullmatch(r"[\d.,:%/-]+|\d+(?:st|nd|rd|th|s|am|pm|h|m|k|x|km|kg|cm|mm)", raw):
        return raw  # a number, a date, a time, an ordinal
    has_letter = any(ch.isalpha() for ch in raw)
    if not has_letter and not any(ch in "@$!|€" for ch in raw):
        return raw
    candidates = []
    for one in ("i", "l"):
        table = {**LEET, "1": one}
        candidates.append("".join(table.get(ch, ch) for ch in raw))
    for cand in list(candidates):
        candidates += _collapsed(cand)
    for cand in candidates:
        if any(m in cand for m in MASKS):
            masked = _unmask(cand)
            if masked:
                return masked
        elif _known(cand):
            return cand
    return raw


def _unmask(word: str) -> str | None:
    """"f*ck" / "a**hole": the lexicon word (insult, profanity, slur) the masked word can only be."""
    visible = sum(ch.isalpha() for ch in word)
    if visible < 1 or visible >= len(word) or not word[0].isalpha():
        return None
    pattern = re.compile("".join("[a-z]" if ch in MASKS else re.escape(ch) for ch in word))
    forms = lexicon().forms
    hits = [f for f in forms if pattern.fullmatch(f)]  # in lexicon order: "f*ck" is "fuck", not "feck"
    return min(hits, key=lambda f: (f != forms[f][1], list(forms).index(f))) if hits else None


_SPACED = re.compile(r"(?<![a-z0-9@$*])(?:[a-z0-9@$!*][ .\-_]){2,}[a-z0-9@$!*](?![a-z0-9@$*])")


def _join_spaced(text: str) -> str:
    """"i d i o t", "s.t.u.p.i.d", "I-D-I-O-T": the longest run of single letters that spells a known word."""

    def join(m: re.Match) -> str:
        letters = re.findall(r"[a-z0-9@$!*]", m.group(0))
        for size in range(len(letters), 2, -1):
            for start in range(len(letters) - size + 1):
                word = _decode_word("".join(letters[start:start + size]))
                if _known(word):
                    before, after = letters[:start], letters[start + size:]
                    return " ".join([*before, word, *after])
        return m.group(0)

    return _SPACED.sub(join, text)


_WORD = re.compile(r"[a-z0-9@$!*|+€#]+(?:['-][a-z0-9@$!*|+€#]+)*")


def normalise(text: str) -> str:
    """Lowercase plain text with contractions spelt out and misspelt words read (see the module docstring)."""
    text = _join_spaced(_plain(text))

    def decode(m: re.Match) -> str:
        raw = m.group(0)
        if len(raw) > 2 and raw[0] == "*" and raw[-1] == "*":
            raw = raw.strip("*")  # *emphasis*
        core = raw.rstrip("!")  # "idiot!"
        return (_decode_word(core) if core else core) + raw[len(core):]

    return spell_out(_WORD.sub(decode, text))


def spell_out(text: str) -> str:
    """Lowercase, contractions spelt out ("you're" -> "you are"), single spaces."""
    text = text.lower()
    for pattern, repl in CONTRACTIONS:
        text = re.sub(pattern, repl, text)
    return " ".join(text.split())


def normalise_lines(reply: str) -> list[str]:
    return [normalise(line) for line in reply.splitlines()]


_COPIED_SENTENCE = re.compile(r"^(?:checked|correction)\s*:.*?(?:[.!?]+(?=\s|$)|$)")


def tutor_words(reply: str) -> str:
    """The tutor's own words, normalised: without the sentence copied after ``Checked:`` and without quotes."""
    text = "\n".join(_COPIED_SENTENCE.sub(" ", line) for line in normalise_lines(reply))
    text = re.sub(r"(?<![a-z0-9])'[^'\n]*'(?![a-z0-9])", " § ", text)
    return re.sub(r'"[^"\n]*"', " § ", text)


# ---------------------------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------------------------


def _alt(words) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len,
                                                                            reverse=True)) + ")"


@functools.lru_cache(maxsize=1)
def patterns() -> list[tuple[str, str, re.Pattern]]:
    """(group, rule, regex) for the second-person insults and the sweeping claims."""
    lex = lexicon()
    pn, adj = _alt(lex.person_nouns), _alt(lex.person_adjectives)
    bad = f"(?:{pn}|{adj})"
    mod = f"(?:(?:{_alt(INTENSIFIERS)}|{adj})\\s+){{0,4}}"
    you = r"\b(?:you|ya|thou)"
    end = r"(?![a-z-])"
    speaker_heads = list(lex.speakers)
    plural_heads = [s for s in speaker_heads if s.endswith(("s", "men")) or s in ("people",) or s.startswith("the ")]
    group = f"(?:(?:{_alt(GROUP_MODIFIERS)})\\s+){{0,3}}{_alt(speaker_heads)}"
    plural_group = f"(?:(?:{_alt(GROUP_MODIFIERS)})\\s+){{0,3}}{_alt(plural_heads)}"
    groups = f"{group}(?:\\s*(?:,|and|or)\\s+{group})*"
    extension = (f"(?:\\s+(?:in|from|across|on|around|throughout)\\s+(?:the\\s+)?(?:{_alt(PLACES)}|earth|planet)"
                 f"|\\s+who\\s+(?:speaks|knows|grew\\s+up\\s+with|learned)\\s+english)?")
    aux = f"(?:(?:{_alt(AUXILIARIES)})\\s+){{0,4}}"
    aux_no_can = f"(?:(?:{_alt([a for a in AUXILIARIES if a not in ('can', 'could')])})\\s+){{0,4}}"
    verb = f"{_alt(SPEECH_VERBS)}{end}"
    quant = (f"(?:{_alt(QUANTIFIERS)}|(?:9\\d|100)\\s*(?:%|percent|per\\s+cent)\\s+of(?:\\s+all)?(?:\\s+the)?)")
    rules = [
        ("insult", "you are + person-word",
         f"{you}\\s+(?:(?:really|truly|clearly|obviously|honestly|seriously|just|certainly)\\s+)?"
         f"{_alt(BE_VERBS)}\\s+(?:like\\s+)?{mod}{bad}{end}"),
        ("insult", "you + person-word!",
         f"{you}\\s+{mod}{pn}{end}(?=\\s*(?:[.,!?;:)]|$)|\\s+(?:who|like|never|always|can\\s+not|will\\s+never)\\b)"),
        ("insult", "you + adjective + noun!", f"{you}\\s+(?:{adj}\\s+)+[a-z]+(?=\\s*[.,!?;:]|\\s*$)"),
        ("insult", "what a + person-word", f"\\bwhat\\s+an?\\s+{mod}{bad}{end}"),
        ("insult", "only a + person-word + would",
         f"\\bonly\\s+(?:an?\\s+|the\\s+)?{mod}{pn}\\s+(?:would|could|will|can|does|do|writes?|says?|makes?|uses?|"
         f"forgets?|thinks?|mix(?:es)?|confuses?|gets?)\\b"),
        ("insult", "such / like a + person-word", f"\\b(?:such|like)\\s+an?\\s+{mod}{bad}{end}"),
        ("insult", "don't be a + person-word",
         f"\\b(?:do\\s+not|never|stop|quit)\\s+(?:be|being|acting|writing|talking)\\s+(?:like\\s+)?{mod}{bad}{end}"),
        ("insult", "are you + person-word", f"\\bare\\s+you\\s+{mod}{bad}{end}"),
        ("insult", "how can you be so + adjective",
         f"\\bhow\\s+(?:can|could)\\s+(?:you|anyone|someone)\\s+be\\s+(?:so\\s+)?{adj}{end}"),
        ("insult", "your work is + bad",
         f"\\byour\\s+{_alt(WORK_NOUNS)}\\s+(?:is|are|was|were|looks|reads|sounds|seems)\\s+{mod}{bad}{end}"),
        ("insult", "your + bad + noun", f"\\byour\\s+{mod}{adj}\\s+[a-z]+"),
        ("insult", "people like you never",
         f"\\b(?:people|learners|students|beginners|foreigners|kids|guys|{pn})\\s+like\\s+you\\s+(?:never|always|"
         f"can\\s+not|will\\s+never|do\\s+not|just|should)\\b"),
        ("insult", "a + person-word could do this",
         f"\\b(?:even\\s+)?an?\\s+(?:[a-z-]+\\s+)?{mod}{pn}\\s+(?:could|would|can)\\s+(?:have\\s+)?(?:got|get|done|do|written|write|"
         f"figured|managed)\\b"),
        ("insult", "X does better than you",
         "(?<!you )\\b(?:writes?|speaks?|does|do|did|wrote|spoke)\\s+(?:this\\s+|it\\s+)?better(?:\\s+english)?\\s+"
         "than\\s+you\\b(?!\\s+(?:think|expect|believe|know|fear|imagine))"),
        ("overclaim", "every/all/no + speakers + say", f"\\b{quant}\\s+{groups}{extension}\\s+{aux}{verb}"),
        ("overclaim", "everyone/nobody + says", f"\\b{_alt(EVERYONE)}{extension}\\s+{aux_no_can}{verb}"),
        ("overclaim", "speakers always/never + say",
         f"\\b{plural_group}(?:\\s*(?:,|and|or)\\s+{plural_group})*{extension}\\s+(?:(?:would|will|do|does)\\s+)?"
         f"(?:all|always|never|invariably|universally|each|everywhere|worldwide)\\s+{aux}{verb}"),
        ("overclaim", "in England they all say",
         f"\\bin\\s+{_alt(PLACES)}\\s*,?\\s+(?:they|people|everyone|everybody|nobody|no\\s+one|we)\\s+{aux}{verb}"),
        ("overclaim", "used by all speakers",
         f"\\b(?:used|said|spoken|written|accepted|understood|preferred|known)\\s+by\\s+"
         f"(?:{quant}\\s+{groups}|{_alt(EVERYONE)}){end}"),
        ("overclaim", "you will never hear a native speaker",
         f"\\b(?:never|not|not\\s+ever)\\s+(?:ever\\s+)?(?:hear|see|meet|find)\\s+(?:an?|any|one|a\\s+single)\\s+"
         f"{group}{end}"),
        ("overclaim", "this is how everyone says it",
         f"\\b(?:this|that|it)\\s+is\\s+(?:how|what|the\\s+way)\\s+(?:{quant}\\s+)?(?:{groups}|everyone|everybody)"
         f"\\s+{aux}{verb}"),
        ("overclaim", "ask any native speaker", f"\\bask\\s+(?:any|every|all)\\s+{groups}{end}"),
    ]
    return [(g, name, re.compile(rx, re.MULTILINE)) for g, name, rx in rules]


# ---------------------------------------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------------------------------------


def _lexicon_findings(text: str, raw_words: dict[str, str]) -> list[str]:
    lex = lexicon()
    found = []
    for m in re.finditer(r"[a-z]+(?:-[a-z]+)*", text):
        token = m.group(0)
        candidates = [token, token.replace("-", "")] + (token.split("-") if "-" in token else [])
        for cand in candidates:
            hit = lex.forms.get(cand)
            stem = next((s for s in lex.stems if s in cand), None)
            if hit or stem:
                group, term = hit or ("profanity", stem)
                shown = raw_words.get(cand, cand)
                found.append(f"{group}: {term}" if shown == term else f"{group}: {shown} ({term})")
                break
    for group, phrase, pattern in lex.phrases:
        if pattern.search(text):
            found.append(f"{group}: {phrase}")
    return found


def _raw_spellings(reply: str) -> dict[str, str]:
    """Normalised word -> the word as written, for words the normalisation rewrote ("idiot" -> "1d10t")."""
    out = {}
    for raw in re.findall(r"\S+", _plain(reply)):
        raw = raw.strip(".,;:?\"'()[]")
        norm = normalise(raw)
        if norm and norm != raw and " " not in norm and re.fullmatch(r"[a-z-]+", norm):
            out.setdefault(norm, raw)
    return out


def harm_reasons(reply: str) -> list[str]:
    """Why a reply is harmful, one finding per rule and words (empty list when it is clean)."""
    text = "\n".join(normalise_lines(reply))
    reasons = _lexicon_findings(text, _raw_spellings(reply))
    own = tutor_words(reply)
    for group, rule, pattern in patterns():
        for m in pattern.finditer(own):
            reasons.append(f"{group} ({rule}): {' '.join(m.group(0).split())}")
    return list(dict.fromkeys(reasons))


def is_harmless(reply: str) -> bool:
    return not harm_reasons(reply)
