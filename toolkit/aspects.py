"""Aspects stage: sentences → statements on budget, historical accuracy and geopolitics (CODEBOOK.md).

Every code comes from the codebook data under ``toolkit/data/codebook/`` (one YAML file per aspect, cues
keyed by ISO 639-1), so a researcher can read, cite and extend the instrument, or add an aspect by adding a
file, without touching this module. Matching is transparent: each statement carries the codebook entry ids
that fired (``cues``) and the exact words, with offsets into the review text (``evidence``).

How a cue matches (details in ``toolkit/data/codebook/README.md``):

- ``terms`` are words or phrases compared token by token after stemming (NLTK Snowball for en/de/ru/fr/es/
  it/pt, the codebook's own suffix list for Polish), so "budgets", "бюджетом" and "budżetu" match their
  lemma; a word with ``*`` is a glob on the lowercased token ("малобюджет*", "*budget*").
- ``patterns`` are regular expressions (case-insensitive) for phrases with gaps or figures.
- ``role``: ``trigger`` marks the aspect alone; ``support`` cues belong to a ``group`` and mark it only when
  every group of one of the aspect's ``combos`` is present; ``exclude`` cues mask their own words or veto
  whole groups in the sentence (box office, ticket prices, "millions of items").
- Negation (a negation word shortly before a cue, ``negations.yaml``) keeps the aspect — "not a big-budget
  film" is still talk about the budget — but the cue is listed in ``negated``, flips an accuracy stance
  (faithful ↔ embellished; neutral → embellished) and withdraws the cue's frames ("not propaganda").
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype

from toolkit import regex_literals
from toolkit.datafiles import load_yaml, read_text
from toolkit.tables import STATEMENT_COLUMNS, TableError, require

__all__ = [
    "extract_statements",
    "match_sentence",
    "codebook",
    "profile_cues",
    "Cue",
    "Aspect",
    "STATEMENT_EXTRA_COLUMNS",
]

STATEMENT_EXTRA_COLUMNS = ["negated", "evidence"]
# Filled by the learned coder (toolkit.coder), not by the rules.
_CODER_COLUMNS = ("method", "score")
_STANCES = ("faithful", "mixed", "embellished", "neutral")
_FLIP = {"faithful": "embellished", "embellished": "faithful", "neutral": "embellished", "mixed": "mixed"}
# Words are runs of letters/digits; "*" survives in codebook terms to mark globs.
_WORD = re.compile(r"\w+")
_TERM_WORD = re.compile(r"[\w*]+")
# Gaps allowed inside a multi-word term: spaces, hyphens, apostrophes, dots of "U.S." — not clause breaks.
_GAP = re.compile(r"[\s\-‐‑'’./]{0,3}")
# A negation does not reach across a clause break.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–!?\"“”«»]")
_SNOWBALL = {
    "en": "english",
    "de": "german",
    "ru": "russian",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "fi": "finnish",
    "hu": "hungarian",
    "ro": "romanian",
}


@dataclass(frozen=True)
class Cue:
    """One codebook entry, compiled: ``id`` is ``<prefix>.<language>.<key>``."""

    id: str
    aspect: str
    language: str
    role: str = "trigger"
    group: str | None = None
    terms: tuple[tuple[str, ...], ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    case: bool = False
    stem: bool = True
    negatable: bool = True
    stance: str | None = None
    incidents: tuple[str, ...] = ()
    frames: tuple[str, ...] = ()
    vetoes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Aspect:
    """One aspect's definition and its cues by language."""

    name: str
    prefix: str
    combos: tuple[frozenset[str], ...]
    labels: tuple[str, ...]
    cues: dict[str, tuple[Cue, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Hit:
    cue: Cue
    start: int
    end: int
    negated: bool


# ---------------------------------------------------------------------------------------------------------
# Codebook loading (once per process)


def _data(name: str) -> Any:
    return load_yaml(read_text(f"codebook/{name}"))


@functools.cache
def codebook() -> dict[str, Aspect]:
    """The compiled codebook: aspect name → Aspect, in file-name order.

    >>> sorted(codebook())
    ['accuracy', 'budget', 'geopolitics']
    >>> codebook()["budget"].cues["de"][0].id.startswith("budget.de.")
    True
    """
    folder = resources.files("toolkit").joinpath("data/codebook/aspects")
    aspects: dict[str, Aspect] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith((".yaml", ".yml")):
            continue
        where = f"toolkit/data/codebook/aspects/{entry.name}"
        spec = load_yaml(entry.read_text("utf-8")) or {}
        aspect = _compile_aspect(spec, where)
        if aspect.name in aspects:
            raise TableError(f"{where}: aspect {aspect.name!r} defined twice")
        aspects[aspect.name] = aspect
    return aspects


def _compile_aspect(spec: dict[str, Any], where: str) -> Aspect:
    for key in ("aspect", "cues"):
        if key not in spec:
            raise TableError(f"{where}: missing top-level key {key!r}")
    name = str(spec["aspect"])
    prefix = str(spec.get("id_prefix", name))
    combos = tuple(frozenset(c) for c in spec.get("combos") or [])
    labels = tuple(spec.get("labels") or [])
    cues: dict[str, tuple[Cue, ...]] = {}
    for language, entries in (spec["cues"] or {}).items():
        compiled = [
            _compile_cue(name, prefix, str(language), str(key), value or {}, where)
            for key, value in (entries or {}).items()
        ]
        cues[str(language)] = tuple(compiled)
    return Aspect(name=name, prefix=prefix, combos=combos, labels=labels, cues=cues)


def _compile_cue(aspect: str, prefix: str, language: str, key: str, value: dict[str, Any], where: str) -> Cue:
    cue_id = f"{prefix}.{language}.{key}"
    role = value.get("role", "trigger")
    if role not in ("trigger", "support", "tag", "exclude"):
        raise TableError(f"{where}: {cue_id} has unknown role {role!r}")
    if role == "support" and not value.get("group"):
        raise TableError(f"{where}: support cue {cue_id} needs a group")
    stance = value.get("stance")
    if stance is not None and stance not in _STANCES:
        raise TableError(f"{where}: {cue_id} has unknown stance {stance!r}")
    case = bool(value.get("case", False))
    stem = bool(value.get("stem", language in _stem_languages())) and not case
    terms = tuple(
        tuple(
            _stem(w, language) if stem and "*" not in w else w
            for w in _TERM_WORD.findall(term if case else term.lower())
        )
        for term in value.get("terms") or []
    )
    patterns = []
    for pattern in value.get("patterns") or []:
        try:
            patterns.append(re.compile(pattern, 0 if case else re.IGNORECASE))
        except re.error as error:
            raise TableError(f"{where}: {cue_id} pattern {pattern!r}: {error}") from None
    if not terms and not patterns:
        raise TableError(f"{where}: {cue_id} has neither terms nor patterns")
    return Cue(
        id=cue_id,
        aspect=aspect,
        language=language,
        role=role,
        group=value.get("group"),
        terms=terms,
        patterns=tuple(patterns),
        case=case,
        stem=stem,
        negatable=bool(value.get("negatable", _claims_something(role, value))),
        stance=stance,
        incidents=tuple(value.get("incidents") or ()),
        frames=tuple(value.get("frames") or ()),
        vetoes=tuple(value.get("vetoes") or ()),
    )


def _claims_something(role: str, value: dict[str, Any]) -> bool:
    # Negation matters for cues that carry a claim: triggers, and supports with a stance or frames.
    # "not a big-budget film" negates big_budget, not the word "film".
    return role == "trigger" or (role == "support" and bool(value.get("stance") or value.get("frames")))


@functools.cache
def _negations() -> dict[str, tuple[frozenset[str], int]]:
    spec = _data("negations.yaml")
    window = int(spec.get("window", 3))
    return {lang: (frozenset(str(w).lower() for w in words), window) for lang, words in spec["words"].items()}


@functools.cache
def _polish_suffixes() -> tuple[str, ...]:
    # Longest first, so "owego" is tried before "ego".
    return tuple(sorted(_data("polish_suffixes.yaml")["suffixes"], key=len, reverse=True))


@functools.cache
def _stemmer(language: str) -> Any:
    if language not in _SNOWBALL:
        return None
    return _snowball_stemmer_class()(_SNOWBALL[language])


@functools.cache
def _snowball_stemmer_class() -> type:
    """nltk's `SnowballStemmer` (pure Python, needs no nltk_data), loaded without running ``nltk/__init__.py``.

    That file imports all of nltk, scipy.stats and scikit-learn among it: about 1.3 CPU-s of a one-review run's
    start-up, for the few small modules the stemmer needs (0.02 s). They are loaded here under empty stand-ins
    for the ``nltk`` and ``nltk.stem`` packages, and for ``nltk.corpus`` (the stemmer reads its stop words only
    with ``ignore_stopwords=True``, never used here); the stemming code is nltk's own, so the stems are the same.
    Afterwards every ``nltk`` entry is taken out of ``sys.modules`` again, so that a later ``import nltk`` (a
    notebook's) builds the real package. If nltk is already imported, or its layout no longer fits, the
    ordinary import is used.
    """
    if "nltk" not in sys.modules:
        try:
            return _snowball_without_nltk_init()
        except Exception:  # a newer nltk that imports more: fall back to the whole package
            pass
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer


def _snowball_without_nltk_init() -> type:
    import importlib
    import importlib.util
    import types

    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nltk is not installed")
    root = list(spec.submodule_search_locations)[0]
    stand_ins = {"nltk": [root], "nltk.stem": [f"{root}/stem"], "nltk.corpus": None}
    try:
        for name, path in stand_ins.items():
            module = types.ModuleType(name)
            if path is not None:
                module.__path__ = path
            else:
                module.stopwords = None  # type: ignore[attr-defined]
            sys.modules[name] = module
        return importlib.import_module("nltk.stem.snowball").SnowballStemmer
    finally:
        for name in [n for n in sys.modules if n == "nltk" or n.startswith("nltk.")]:
            del sys.modules[name]


@functools.lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str:
    """Lowercase stem of one token for the cue's language.

    >>> _stem("бюджетом", "ru"), _stem("budżetu", "pl"), _stem("Budgets", "de")
    ('бюджет', 'budżet', 'budget')
    """
    word = word.lower()
    if language == "pl":
        for suffix in _polish_suffixes():
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
        return word
    stemmer = _stemmer(language)
    return stemmer.stem(word) if stemmer is not None else word


@functools.cache
def _stem_languages() -> frozenset[str]:
    return frozenset(_data("matching.yaml").get("stem") or ())


@functools.cache
def _glob(word: str) -> re.Pattern[str]:
    return re.compile("".join(r"\w*" if ch == "*" else re.escape(ch) for ch in word) + r"\Z")


# ---------------------------------------------------------------------------------------------------------
# Matching one sentence


class _once:  # lowercase: a decorator, like the functools one it stands in for
    """A computed attribute stored on the instance at first use, as ``functools.cached_property`` does but
    without the lock Python 3.11 takes on each first access, which cost more here than the values themselves.
    """

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        self.compute = compute
        self.name = compute.__name__

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        # Stored under the same name: the instance attribute now shadows this (non-data) descriptor.
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


class _Tokens:
    """One sentence's words, and whatever else matching may ask of it, each worked out on first use.

    Most (sentence, language) pairs end at looking up the words: offsets, lowercased forms and the digit test
    matter only where a term starts or a prefilter may run, and building them all for every sentence cost
    more than the matching itself.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[str] = _WORD.findall(text)

    @_once
    def spans(self) -> list[tuple[int, int]]:
        return [m.span() for m in _WORD.finditer(self.text)]

    @_once
    def lowers(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in self.words)

    @_once
    def ends(self) -> list[int]:
        return [b for _, b in self.spans]

    @_once
    def folded(self) -> str:
        # text.lower() once per sentence rather than once per language index.
        return self.text.lower()

    @_once
    def folded_words(self) -> list[str]:
        # Words of the lowercased text; only needed when that is not the words lowercased one by one.
        return _WORD.findall(self.folded)

    @_once
    def plain_case(self) -> bool:
        # Whether text.lower() is the text lowercased character by character into one character of the same
        # kind (word or not), as for all but a few characters (see `_case_breaks`): its words are then these
        # words lowercased, so whatever depends on lowercased words can work from (and be memoised by) these.
        return self.text.isascii() or _case_breaks()(self.text) is None

    @_once
    def has_digit(self) -> bool:
        # Same answer as any(ch.isdigit() for ch in text).
        return _digit_search()(self.text) is not None


@functools.cache
def _digit_search() -> Callable[[str], re.Match[str] | None]:
    """`search` of one class of exactly the characters for which ``str.isdigit()`` is True (not just ``\\d``:
    superscripts and circled digits count too), so "has a digit" is one regex scan, not a generator.

    ``\\d`` is exactly ``str.isdecimal()``, a subset of ``isdigit()``, and the engine tests it with one table
    lookup, so the class is ``\\d`` plus the few ranges of digits that are not decimal; spelling out all
    ~80 ranges made the engine compare each character against every one of them, three times slower.

    >>> bool(_digit_search()("x²")), bool(_digit_search()("x٣")), bool(_digit_search()("none"))
    (True, True, False)
    """
    codes = [c for c in range(sys.maxunicode + 1) if chr(c).isdigit() and not chr(c).isdecimal()]
    ranges, start, prev = [], codes[0], codes[0]
    for c in codes[1:] + [-1]:
        if c != prev + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = c
        prev = c
    return re.compile("[\\d" + "".join(ranges) + "]").search


@functools.cache
def _case_breaks() -> Callable[[str], re.Match[str] | None]:
    """`search` for the characters after which ``text.lower()`` is no longer the words lowercased one by one:
    "Σ", whose lowercase depends on what follows, and those that lowercase to several characters or to a
    character of the other kind (word/non-word), such as "İ" → "i̇" whose dot is not a word character.

    >>> bool(_case_breaks()("İstanbul")), bool(_case_breaks()("ΟΔΟΣ")), bool(_case_breaks()("Straße Éire"))
    (True, True, False)
    """

    def word(ch: str) -> bool:
        return ch.isalnum() or ch == "_"  # what \w matches in a str pattern

    breaks = ["Σ"] + [
        ch
        for ch in map(chr, range(sys.maxunicode + 1))
        if ch.lower() != ch and (len(ch.lower()) != 1 or word(ch.lower()) != word(ch))
    ]
    return re.compile("[" + "".join(re.escape(ch) for ch in breaks) + "]").search


def _tokens(text: str) -> _Tokens:
    return _Tokens(text)


def _word_matches(pattern: str, token: str, cue: Cue) -> bool:
    if cue.case:
        return _glob(pattern).match(token) is not None if "*" in pattern else token == pattern
    if "*" in pattern:
        return _glob(pattern).match(token.lower()) is not None
    return (_stem(token, cue.language) if cue.stem else token.lower()) == pattern


@dataclass(frozen=True)
class _Index:
    """Terms keyed by their first word, so a sentence is scanned once per language, not once per term."""

    language: str
    exact: dict[tuple[str, str], tuple[tuple[Cue, tuple[str, ...]], ...]]
    globs: tuple[tuple[re.Pattern[str], Cue, tuple[str, ...]], ...]
    any_glob: re.Pattern[str] | None
    stems: bool
    prefilters: tuple[tuple[Cue, re.Pattern[str], frozenset[str] | None], ...] = ()
    # Which prefilters (positions in ``prefilters``) can match a sentence follows from the literals it contains
    # (`_required_literals`), worked out without trying every prefilter: ``always`` are those with no known
    # literal, ``with_digit`` adds (in order) those that need a digit, for sentences that have one.
    always: tuple[int, ...] = ()
    with_digit: tuple[int, ...] = ()
    # Literals are found through the sentence's lowercased words rather than by searching the sentence for
    # each: a literal's word characters ("costs" of "at all costs", all of "based") lie inside a single word,
    # and words recur, so what a word holds is worked out once. Each entry is (anchor, literal, positions):
    # a word containing the anchor, the literal's longest run of word characters, enables the prefilters at
    # `positions` at once when the literal is all word characters (literal None), else once the whole literal
    # is confirmed in the lowercased sentence.
    anchored: tuple[tuple[str, str | None, tuple[int, ...]], ...] = ()
    unanchored: tuple[tuple[str, tuple[int, ...]], ...] = ()  # literals without a word character: searched
    # Per-process memos, filled as words are met and emptied at _MEMO_LIMIT (`_remember`) so that memory stays
    # flat on any corpus. ``memo``: word → (cue, term) pairs it starts (`_candidates`), one lookup instead of
    # three, a stem and a glob alternation. ``literal_memo``: word as written → `_literal_clues` of it
    # lowercased; ``folded_memo`` the same for words of the lowercased text, for the rare sentences whose
    # words do not lowercase one by one (_Tokens.plain_case).
    memo: dict[str, tuple[tuple[Cue, tuple[str, ...]], ...]] = field(default_factory=dict, compare=False, repr=False)
    literal_memo: dict[str, tuple[Any, ...]] = field(default_factory=dict, compare=False, repr=False)
    folded_memo: dict[str, tuple[Any, ...]] = field(default_factory=dict, compare=False, repr=False)


# Bound on each memo: a language's everyday vocabulary fits, and at most some 4 MB of table per memo (plus
# the words) however many reviews go through one process.
_MEMO_LIMIT = 100_000


def _remember(memo: dict[str, Any], word: str, value: Any) -> Any:
    if len(memo) >= _MEMO_LIMIT:
        # Emptying at once is crude but cheap; the words that matter come back within a few sentences.
        memo.clear()
    memo[word] = value
    return value


def _build_index(cues: Iterable[Cue], language: str) -> _Index:
    exact: dict[tuple[str, str], list[tuple[Cue, tuple[str, ...]]]] = {}
    globs, patterned, raw = [], [], []
    for cue in cues:
        if cue.patterns:
            patterned.append(cue)
        for term in cue.terms:
            first = term[0]
            if "*" in first:
                globs.append((_glob(first), cue, term))
                raw.append("".join(r"\w*" if ch == "*" else re.escape(ch) for ch in first))
            else:
                kind = "c" if cue.case else ("s" if cue.stem else "l")
                exact.setdefault((kind, first), []).append((cue, term))
    # One alternation tells cheaply whether any glob can match a token at all.
    any_glob = re.compile("(?:" + "|".join(sorted(set(raw))) + r")\Z", re.IGNORECASE) if raw else None
    prefilters = tuple((cue, p, _required_literals(p)) for cue in patterned for p in cue.patterns)
    always, digital, by_literal = [], [], {}
    for position, (_, _, needs) in enumerate(prefilters):
        if needs is None:
            always.append(position)
        elif needs is _DIGIT:
            digital.append(position)
        else:
            for literal in needs:
                by_literal.setdefault(literal, []).append(position)
    anchored, unanchored = [], []
    for literal in sorted(by_literal):
        positions = tuple(by_literal[literal])
        pieces = _WORD.findall(literal)
        if not pieces:
            unanchored.append((literal, positions))
        elif pieces == [literal]:
            anchored.append((literal, None, positions))
        else:
            anchored.append((max(pieces, key=len), literal, positions))
    return _Index(
        language,
        {k: tuple(v) for k, v in exact.items()},
        tuple(globs),
        any_glob,
        any(k[0] == "s" for k in exact),
        prefilters,
        tuple(always),
        tuple(sorted(always + digital)),
        tuple(anchored),
        tuple(unanchored),
    )


_DIGIT = regex_literals.DIGIT  # marker: the pattern needs a digit somewhere


def _required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lowercase strings one of which must occur in any text the pattern matches; None when unknown.

    A substring test is far cheaper than running forty regular expressions over every sentence, and most
    sentences contain none of a pattern's key words ("based", "licen", "koste"); see `toolkit.regex_literals`.
    """
    return regex_literals.required_literals(pattern)


@functools.cache
def _language_index(language: str) -> _Index:
    return _build_index((c for a in codebook().values() for c in a.cues.get(language, ())), language)


def _term_at(cue: Cue, term: tuple[str, ...], toks: _Tokens, i: int) -> bool:
    size = len(term)
    if i + size > len(toks.words):
        return False
    for k in range(1, size):
        if not _word_matches(term[k], toks.words[i + k], cue):
            return False
        if _GAP.fullmatch(toks.text[toks.spans[i + k - 1][1] : toks.spans[i + k][0]]) is None:
            return False
    return True


def _negated(start: int, toks: _Tokens, language: str) -> bool:
    words, window = _negations().get(language, (frozenset(), 3))
    if not words:
        return False
    before = bisect.bisect_right(toks.ends, start)
    for k in range(before - 1, max(before - window, 0) - 1, -1):
        # Stop at a clause break between the candidate negation and the cue.
        if _CLAUSE_BREAK.search(toks.text[toks.ends[k] : start]):
            return False
        if toks.lowers[k] in words:
            return True
    return False


def _candidates(index: _Index, word: str) -> tuple[tuple[Cue, tuple[str, ...]], ...]:
    """The (cue, term) pairs whose first word matches `word`, in the order matching has always used: exact
    case-sensitive, lowercase, stem, then globs."""
    exact = index.exact
    lower = word.lower()
    found = exact.get(("c", word), ()) + exact.get(("l", lower), ())
    if index.stems:
        found += exact.get(("s", _stem(word, index.language)), ())
    if index.any_glob is not None and index.any_glob.match(word):
        found += tuple((cue, term) for glob, cue, term in index.globs if glob.match(word if cue.case else lower))
    return found


def _literal_clues(index: _Index, word: str, folded: bool = False) -> tuple[Any, ...]:
    """What one word says about the index's prefilters: () when nothing (most words), else (positions enabled
    outright, (literal, positions) pairs to confirm in the lowercased sentence). `word` is a word as written,
    compared lowercased, or when `folded` a word of the lowercased sentence."""
    lowered = word if folded else word.lower()
    sure: set[int] = set()
    check = []
    for anchor, literal, positions in index.anchored:
        if anchor in lowered:
            if literal is None:
                sure.update(positions)
            else:
                check.append((literal, positions))
    return (tuple(sure), tuple(check)) if sure or check else ()


def _clues_of_words(index: _Index, toks: _Tokens) -> list[tuple[Any, ...]]:
    """`_literal_clues` of every word of the sentence: from its words as written when they lowercase one by
    one (nearly always), which spares tokenizing the lowercased sentence again."""
    folded = not toks.plain_case
    words = toks.folded_words if folded else toks.words
    memo = index.folded_memo if folded else index.literal_memo
    clues = list(map(memo.get, words))
    if None in clues:
        clues = [
            c if c is not None else _remember(memo, w, _literal_clues(index, w, folded)) for c, w in zip(clues, words)
        ]
    return clues


def _prefilters_to_run(index: _Index, toks: _Tokens) -> Sequence[int]:
    """Positions in ``index.prefilters`` of the patterns that can match this sentence, in their own order:
    those with no known literal, those needing a digit when it has one, and those one of whose literals
    it contains."""
    chosen = index.with_digit if len(index.with_digit) > len(index.always) and toks.has_digit else index.always
    present: list[tuple[int, ...]] = []
    if index.anchored:
        clues = _clues_of_words(index, toks)
        if any(clues):
            folded = toks.folded
            for sure, check in filter(None, clues):
                present.append(sure)
                present.extend(positions for literal, positions in check if literal in folded)
    for literal, positions in index.unanchored:
        if literal in toks.folded:
            present.append(positions)
    if present:
        return sorted(set(chosen).union(*present))
    return chosen


def _indexed_hits(index: _Index, toks: _Tokens) -> list[_Hit]:
    # Keyed by id(): hashing a frozen dataclass with compiled patterns is slow, and cues live for the process.
    spans: dict[int, tuple[Cue, set[tuple[int, int]]]] = {}
    words = toks.words
    # One C-level pass over the memo; only words never seen by this index go through `_candidates`.
    found = list(map(index.memo.get, words))
    if None in found:
        found = [c if c is not None else _remember(index.memo, w, _candidates(index, w)) for c, w in zip(found, words)]
    if any(found):
        # Only the positions that have candidates; a one-word term has matched once its first word has. Offsets
        # are looked up only for a match: "the" starts many English terms, yet rarely one that matches.
        for i in itertools.compress(range(len(found)), found):
            for cue, term in found[i]:
                if len(term) == 1 or _term_at(cue, term, toks, i):
                    found_spans = spans.get(id(cue))
                    if found_spans is None:
                        found_spans = spans[id(cue)] = (cue, set())
                    found_spans[1].add((toks.spans[i][0], toks.spans[i + len(term) - 1][1]))
    text = toks.text
    prefilters = index.prefilters
    for position in _prefilters_to_run(index, toks):
        cue, pattern, _ = prefilters[position]
        for m in pattern.finditer(text):
            if m.end() > m.start():
                spans.setdefault(id(cue), (cue, set()))[1].add((m.start(), m.end()))
    out = []
    for cue, found_spans in spans.values():
        for start, end in sorted(found_spans):
            out.append(_Hit(cue, start, end, cue.negatable and _negated(start, toks, cue.language)))
    return out


def _hits(cues: Iterable[Cue], toks: _Tokens) -> list[_Hit]:
    """Hits of an ad-hoc list of cues (one language at a time); the stage uses the cached indexes."""
    by_language: dict[str, list[Cue]] = {}
    for cue in cues:
        by_language.setdefault(cue.language, []).append(cue)
    return [h for lang, group in by_language.items() for h in _indexed_hits(_build_index(group, lang), toks)]


@functools.cache
def _every_index() -> dict[str, tuple[_Index, int]]:
    """Every codebook language's index with the language's bit in the masks below."""
    return {lang: (_language_index(lang), 1 << bit) for bit, lang in enumerate(_every_language())}


@functools.cache
def _prefilter_masks() -> tuple[int, int, tuple[tuple[str, int], ...]]:
    """Languages with a prefilter that always runs, with one that a digit enables, and the literals (with their
    language) that are searched in the sentence itself rather than found through its words."""
    always = digit = 0
    unanchored = []
    for index, bit in _every_index().values():
        always |= bit if index.always else 0
        digit |= bit if len(index.with_digit) > len(index.always) else 0
        unanchored += [(literal, bit) for literal, _ in index.unanchored]
    return always, digit, tuple(unanchored)


# The two masks below use an index's memo when it knows the word but do not fill it: that memo is for the
# words of the sentences actually tried in its language.


@functools.lru_cache(maxsize=_MEMO_LIMIT)
def _term_languages(word: str) -> int:
    """Mask of the languages in which `word` starts some term."""
    mask = 0
    for index, bit in _every_index().values():
        found = index.memo.get(word)
        if found if found is not None else _candidates(index, word):
            mask |= bit
    return mask


@functools.lru_cache(maxsize=_MEMO_LIMIT)
def _literal_languages(word: str, folded: bool) -> int:
    """Mask of the languages one of whose prefilter literals `word` may enable (see `_literal_clues`)."""
    mask = 0
    for index, bit in _every_index().values():
        clues = (index.folded_memo if folded else index.literal_memo).get(word)
        if clues if clues is not None else _literal_clues(index, word, folded):
            mask |= bit
    return mask


def _may_match(toks: _Tokens, languages: list[str]) -> list[str]:
    """The `languages` whose index could find anything in the sentence: a word starts one of its terms, or
    one of its prefilters would run. The others would return no hits, so they are not tried at all."""
    always, digit, unanchored = _prefilter_masks()
    mask = always | (digit if toks.has_digit else 0)
    mask |= functools.reduce(operator.or_, map(_term_languages, toks.words), 0)
    folded = not toks.plain_case
    words = toks.folded_words if folded else toks.words
    mask |= functools.reduce(operator.or_, map(_literal_languages, words, itertools.repeat(folded)), 0)
    for literal, bit in unanchored:
        if literal in toks.folded:
            mask |= bit
    every = _every_index()
    return [lang for lang in languages if every[lang][1] & mask]


def match_sentence(text: str, languages: Iterable[str], *, profile: Any = None) -> dict[str, dict[str, Any]]:
    """Code one sentence: aspect → {cues, negated, stance, incidents, frames, evidence}.

    Offsets in ``evidence`` are into `text`. Languages not in the codebook are ignored. A film `profile`
    (`toolkit.profiles.Profile`) adds its incident, event and frame cues in those of `languages` it has.

    >>> coded = match_sentence("It was not a big-budget film.", ["en"])
    >>> sorted(coded), coded["budget"]["negated"]
    (['budget'], ['budget.en.big_budget', 'budget.en.budget'])
    >>> match_sentence("The crew sat down to dinner.", ["en"])
    {}
    """
    languages = list(dict.fromkeys(languages))
    extra = _profile_indexes(profile.cue_specs) if profile is not None and profile.cue_specs else None
    return _match(text, languages, [lang for lang in languages if lang in extra] if extra else [], extra)


def _match(
    text: str, languages: Iterable[str], profile_languages: list[str], extra: dict[str, _Index] | None
) -> dict[str, dict[str, Any]]:
    """`match_sentence` with the profile's indexes (`extra`) tried in `profile_languages`."""
    toks = _tokens(text)
    book = codebook()
    known = _codebook_languages()
    todo = [lang for lang in dict.fromkeys(languages) if lang in known]
    # A sentence of undecided language is tried in every language, yet most such sentences (Chinese, Dutch,
    # ...) hold nothing most indexes could match; one look over all of them at once shows which to skip.
    if len(todo) > 2:
        todo = _may_match(toks, todo)
    hits: dict[str, list[_Hit]] = {}
    for lang in todo:
        for hit in _indexed_hits(_language_index(lang), toks):
            hits.setdefault(hit.cue.aspect, []).append(hit)
    # A profile's cues are few: its indexes are tried in each of its languages, with no prefiltering.
    for lang in profile_languages:
        for hit in _indexed_hits(extra[lang], toks):  # type: ignore[index]
            hits.setdefault(hit.cue.aspect, []).append(hit)
    coded: dict[str, dict[str, Any]] = {}
    for aspect in book.values():
        if aspect.name in hits:
            result = _code_aspect(aspect, hits[aspect.name], text)
            if result is not None:
                coded[aspect.name] = result
    return coded


def _code_aspect(aspect: Aspect, hits: list[_Hit], text: str) -> dict[str, Any] | None:
    roles = {h.cue.role for h in hits}
    # Without a trigger or a support cue nothing can be coded, whatever the excludes do (most calls: a lone
    # exclude such as "a ... price", or a tag); without an exclude every hit is kept.
    if "trigger" not in roles and "support" not in roles:
        return None
    if "exclude" not in roles:
        kept = list(hits)
    else:
        excludes = [h for h in hits if h.cue.role == "exclude"]
        vetoed = {g for h in excludes for g in h.cue.vetoes}
        masks = [(h.start, h.end) for h in excludes if not h.cue.vetoes]
        kept = [
            h
            for h in hits
            if h.cue.role != "exclude"
            and (h.cue.group is None or h.cue.group not in vetoed)
            and not any(h.start < b and a < h.end for a, b in masks)
        ]
    triggered = any(h.cue.role == "trigger" for h in kept)
    groups = {h.cue.group for h in kept if h.cue.role == "support"}
    satisfied = frozenset().union(*(combo for combo in aspect.combos if combo <= groups))
    if not triggered and not satisfied:
        return None
    kept.sort(key=lambda h: (h.start, h.end, h.cue.id))
    stances = set()
    for h in kept:
        if h.cue.stance:
            stances.add(_FLIP[h.cue.stance] if h.negated else h.cue.stance)
    judged = stances - {"neutral"}
    if text.rstrip().endswith("?"):
        # A question asks about accuracy without judging it.
        stance = "neutral"
    elif "mixed" in judged or {"faithful", "embellished"} <= judged:
        stance = "mixed"
    elif judged:
        stance = judged.pop()
    else:
        stance = "neutral"
    return {
        "cues": sorted({h.cue.id for h in kept}),
        "negated": sorted({h.cue.id for h in kept if h.negated}),
        "stance": stance if "stance" in aspect.labels else None,
        "incidents": sorted({t for h in kept for t in h.cue.incidents}) if "incidents" in aspect.labels else [],
        # A support cue's frames count only inside a complete combo ("government" + "disposable").
        "frames": sorted(
            {
                f
                for h in kept
                if not h.negated and (h.cue.role != "support" or h.cue.group in satisfied)
                for f in h.cue.frames
            }
        )
        if "frames" in aspect.labels
        else [],
        "evidence": [
            {"cue": h.cue.id, "text": text[h.start : h.end], "start": h.start, "end": h.end, "negated": h.negated}
            for h in kept
        ],
    }


# ---------------------------------------------------------------------------------------------------------
# The stage


@functools.cache
def _codebook_languages() -> frozenset[str]:
    # The codebook is compiled once per process, so its languages are too; asked once per sentence.
    return frozenset(lang for a in codebook().values() for lang in a.cues)


@functools.cache
def _every_language() -> tuple[str, ...]:
    return tuple(sorted(_codebook_languages()))


def _languages_for(sentence_language: Any, review_language: Any) -> list[str]:
    known = _codebook_languages()
    wanted = [str(x) for x in (sentence_language, review_language) if isinstance(x, str) and x in known]
    # Unknown or undecided language ("und", None): try every language's cues rather than code nothing.
    return list(dict.fromkeys(wanted)) or list(_every_language())


def _incidents_from(
    text: str,
    languages: list[str],
    profile_languages: list[str] = (),  # type: ignore[assignment]
    extra: dict[str, _Index] | None = None,
) -> list[str]:
    aspect = codebook().get("accuracy")
    if aspect is None:
        return []
    toks = _tokens(text)
    indexes = [_language_index(lang) for lang in languages if lang in aspect.cues]
    indexes += [extra[lang] for lang in profile_languages] if extra else []
    return sorted(
        {
            t
            for index in indexes
            for h in _indexed_hits(index, toks)
            if h.cue.aspect == aspect.name
            for t in h.cue.incidents
        }
    )


# ---------------------------------------------------------------------------------------------------------
# A film profile's cues


def profile_cues(profile: Any) -> dict[str, tuple[Cue, ...]]:
    """The cues a film profile (`toolkit.profiles.Profile`) adds to the codebook, by language: its incidents
    (accuracy support cues of group ``incident``), events (group ``history``) and frames (geopolitics
    triggers). Compiled once per profile; a bad cue raises ProfileError naming the profile file and key.
    """
    return _profile_cues(profile.cue_specs)


@functools.lru_cache(maxsize=16)
def _profile_cues(specs: tuple) -> dict[str, tuple[Cue, ...]]:
    from toolkit.profiles import ProfileError, thaw

    book = codebook()
    taken = {c.id for a in book.values() for cues in a.cues.values() for c in cues}
    out: dict[str, list[Cue]] = {}
    for aspect_name, language, key, spec, where in specs:
        aspect = book.get(aspect_name)
        if aspect is None:
            raise ProfileError(f"{where}: the codebook has no aspect {aspect_name!r}")
        try:
            cue = _compile_cue(aspect.name, aspect.prefix, language, key, thaw(spec), where)
        except TableError as error:
            raise ProfileError(str(error)) from None
        if cue.id in taken:
            raise ProfileError(
                f"{where}: cue id {cue.id} is taken (by the codebook or another entry of the profile); rename {key!r}"
            )
        taken.add(cue.id)
        out.setdefault(language, []).append(cue)
    return {language: tuple(cues) for language, cues in out.items()}


@functools.lru_cache(maxsize=16)
def _profile_indexes(specs: tuple) -> dict[str, _Index]:
    return {language: _build_index(cues, language) for language, cues in _profile_cues(specs).items()}


def _profile_languages_for(sentence_language: Any, review_language: Any, extra: dict[str, _Index]) -> list[str]:
    """The profile's languages to try on a sentence: the sentence's and review's, when the profile has cues in
    them; every profile language when neither language is known to the codebook or the profile (as
    `_languages_for` tries every codebook language)."""
    wanted = [str(x) for x in (sentence_language, review_language) if isinstance(x, str) and x in extra]
    if wanted:
        return list(dict.fromkeys(wanted))
    known = _codebook_languages()
    if any(isinstance(x, str) and x in known for x in (sentence_language, review_language)):
        return []
    return sorted(extra)


def _column_values(frame: pd.DataFrame, column: str) -> list[Any]:
    """A column as Python values, exactly as ``frame.to_dict("records")`` gives them, at a fraction of its cost.

    ``to_dict`` turns NumPy scalars and pd.NA of object and extension columns into Python values (`_native`). That leaves
    a ``str`` as it is, so a column of nothing but strings (the usual case) is taken as ``tolist`` gives it
    and only other columns pay for the conversion.
    """
    series = frame[column]
    values = series.tolist()
    if (series.dtype == object or isinstance(series.dtype, ExtensionDtype)) and not set(map(type, values)) <= {str}:
        values = list(map(_native, values))
    return values


def _native(value: Any) -> Any:
    """A NumPy scalar or pd.NA as the Python value ``to_dict`` gives for it; anything else unchanged.

    >>> _native(np.int64(3)), _native(np.float32(0.5)), _native(np.bool_(True)), _native("x"), _native(pd.NA)
    (3, 0.5, True, 'x', None)
    >>> _native(np.datetime64("2017-10-12"))
    Timestamp('2017-10-12 00:00:00')
    """
    if value is pd.NA:
        return None
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value)
    if isinstance(value, np.timedelta64):
        return pd.Timedelta(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def extract_statements(
    reviews: pd.DataFrame, sentences: pd.DataFrame | None = None, *, profile: Any = None, coder: str = "accurate"
) -> pd.DataFrame:
    """Code every sentence with the codebook (plus a film `profile`'s cues); one row per (sentence, aspect).

    Requires reviews: ``review_id``, ``text`` (``language`` used when present); sentences: SENTENCE_COLUMNS
    (when None: ``toolkit.sentences.split(reviews)``, or ``toolkit.language.annotate`` if the reviews have no
    language yet). Returns STATEMENT_COLUMNS plus ``negated`` and
    ``evidence``. ``start``/``end`` are the sentence's offsets in the review text and
    ``review.text[start:end] == text`` always. ``cues`` and ``negated`` are sorted lists of codebook ids,
    ``incidents``/``frames`` sorted lists of tags (empty for aspects that do not carry them), ``stance`` is
    set for accuracy rows only, ``evidence`` lists {cue, text, start, end, negated} with review offsets.
    An accuracy statement with no incident of its own takes the incidents named in the sentence just before
    it ("That fire. Didn't happen."). Rows are sorted by review_id, start, aspect. `coder` is the learned
    coder's tier beside the rules (``accurate``, ``fast``; ``rules`` for the codebook alone, see
    `toolkit.coder.code`): it adds statements the cues miss and fills ``method`` and ``score``.

    >>> reviews = pd.DataFrame({"review_id": ["r1"], "text": ["A shoestring budget. Nice cast."],
    ...                         "language": ["en"]})
    >>> sentences = pd.DataFrame({"review_id": ["r1", "r1"], "sentence_id": ["r1-1", "r1-2"],
    ...     "start": [0, 21], "end": [20, 31], "text": ["A shoestring budget.", "Nice cast."],
    ...     "language": ["en", "en"]})
    >>> extract_statements(reviews, sentences)[["sentence_id", "aspect", "cues"]].to_dict("records")
    [{'sentence_id': 'r1-1', 'aspect': 'budget', 'cues': ['budget.en.budget', 'budget.en.shoestring']}]
    """
    require(reviews, ["review_id", "text"], stage="aspects.extract_statements")
    if sentences is None:
        if "language" in reviews.columns and reviews["language"].notna().any():
            from toolkit import sentences as _sentences  # lazy: the splitter is another stage

            sentences = _sentences.split(reviews)
        else:
            # No languages yet: the language stage splits and labels the sentences, so each is coded with its
            # own language's cues rather than every language's.
            from toolkit import language as _language

            reviews, sentences = _language.annotate(reviews, profile=profile)
    require(sentences, ["review_id", "sentence_id", "start", "end", "text"], stage="aspects.extract_statements")
    texts = dict(zip(reviews["review_id"].astype(str), reviews["text"]))
    original_ids = dict(zip(reviews["review_id"].astype(str), reviews["review_id"]))
    review_langs = (
        dict(zip(reviews["review_id"].astype(str), reviews["language"])) if "language" in reviews.columns else {}
    )
    ordered = sentences.assign(_rid=sentences["review_id"].astype(str)).sort_values(
        ["_rid", "start", "end"], kind="stable"
    )
    rows: list[dict[str, Any]] = []
    previous: dict[str, tuple[str, list[str], list[str]]] = {}
    languages_of: dict[tuple[str | None, str | None], tuple[list[str], list[str]]] = {}
    extra = _profile_indexes(profile.cue_specs) if profile is not None and profile.cue_specs else None
    has_lang = "language" in ordered.columns
    records = zip(
        *(_column_values(ordered, c) for c in ("_rid", "sentence_id", "start", "end", "text")),
        _column_values(ordered, "language") if has_lang else itertools.repeat(None),
    )
    for rid, sid, raw_start, raw_end, text, s_lang in records:
        if rid not in texts:
            raise TableError(f"aspects.extract_statements: sentence {sid} names review {rid}, not in reviews")
        start, end = int(raw_start), int(raw_end)
        if texts[rid][start:end] != text:
            raise TableError(
                f"aspects.extract_statements: sentence {sid} of review {rid}: text differs from "
                f"review.text[{start}:{end}]"
            )
        s_lang = s_lang if isinstance(s_lang, str) else None
        r_lang = review_langs.get(rid)
        # Few distinct (sentence, review) language pairs: work each one's list out once. Only strings count
        # as languages in `_languages_for`, so anything else is keyed as None.
        key = (s_lang, r_lang if isinstance(r_lang, str) else None)
        both = languages_of.get(key)
        if both is None:
            both = languages_of[key] = (_languages_for(*key), _profile_languages_for(*key, extra) if extra else [])
        langs, profile_langs = both
        coded = _match(text, langs, profile_langs, extra)
        for aspect_name, result in coded.items():
            incidents = result["incidents"]
            if aspect_name == "accuracy" and not incidents and rid in previous:
                incidents = _incidents_from(*previous[rid], extra)
            rows.append(
                {
                    "review_id": original_ids[rid],
                    "sentence_id": sid,
                    "aspect": aspect_name,
                    "text": text,
                    "start": start,
                    "end": end,
                    "language": s_lang if s_lang is not None else r_lang,
                    "cues": result["cues"],
                    "stance": result["stance"],
                    "incidents": incidents,
                    "frames": result["frames"],
                    "negated": result["negated"],
                    "evidence": [dict(e, start=e["start"] + start, end=e["end"] + start) for e in result["evidence"]],
                }
            )
        previous[rid] = (text, langs, profile_langs)
    columns = [c for c in STATEMENT_COLUMNS if c not in _CODER_COLUMNS] + STATEMENT_EXTRA_COLUMNS
    if rows:
        out = pd.DataFrame(rows, columns=columns)
        order = {name: i for i, name in enumerate(codebook())}
        out = out.assign(_o=out["aspect"].map(order), _r=out["review_id"].astype(str))
        out = out.sort_values(["_r", "start", "_o"], kind="stable")
        out = out.drop(columns=["_o", "_r"]).reset_index(drop=True)
    else:
        out = pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    # The learned coder keeps, drops or adds statements beside the rules (`coder="rules"`: rules alone).
    from toolkit import coder as _coder

    # A film layer fitted by `toolkit adapt` and saved beside the profile has the last word (toolkit.coder).
    layer = _coder.adapted_layer(profile, coder) if profile is not None else None
    return _coder.code(ordered, out, tier=coder, layer=layer)
