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
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype

from toolkit import regex_heads, regex_literals
from toolkit.datafiles import load_yaml, read_text
from toolkit.tables import STATEMENT_COLUMNS, TableError, require, sort_stably

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


class _Hit(NamedTuple):
    # A tuple, not a frozen dataclass: the stage makes one per cue match, and a tuple is several times cheaper
    # to build.
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
def _polish_suffixes_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    # By length, longest first: one set look-up per length instead of an `endswith` per suffix.
    sizes = sorted({len(s) for s in _polish_suffixes()}, reverse=True)
    return tuple((n, frozenset(s for s in _polish_suffixes() if len(s) == n)) for n in sizes)


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
        # The longest suffix the word ends with that leaves three letters (`_polish_suffixes` tried in order).
        for size, suffixes in _polish_suffixes_by_length():
            if len(word) - size >= 3 and word[-size:] in suffixes:
                return word[:-size]
        return word
    stemmer = _stemmer(language)
    return stemmer.stem(word) if stemmer is not None else word


@functools.cache
def _stem_languages() -> frozenset[str]:
    return frozenset(_data("matching.yaml").get("stem") or ())


@functools.cache
def _glob(word: str) -> re.Pattern[str]:
    return re.compile(_glob_source(word) + r"\Z")


def _glob_source(word: str) -> str:
    # "*" stands for any run of word characters; everything else is literal.
    return "".join(r"\w*" if ch == "*" else re.escape(ch) for ch in word)


# ---------------------------------------------------------------------------------------------------------
# Matching one sentence
#
# Each language's cues compile once into a `_Matcher`; a sentence is matched in one language by
# `_sentence_hits`, top to bottom:
#   1. its words, and the terms each word may start (`_starting`: a dictionary look-up per word, memoised,
#      because stemming a word and testing the globs cost far more than looking the answer up again);
#   2. each such term kept where its other words follow it (`_term_at`); a word's longer terms are grouped by
#      their second word (`_Starts`), so "the" (which starts dozens of English terms) costs a look-up of
#      the word after it, not a test of every term;
#   3. the cue patterns that can match (`_patterns_for`: one Aho–Corasick pass over the lowercased sentence
#      finds the literals that the patterns require, `toolkit.regex_literals`), each run over the sentence;
#   4. each hit marked negated when a negation word comes shortly before it in the same clause (`_negated`).
# The stage matches all the sentences one matcher is tried on at once (`_texts_hits`): steps 1 and 3 run over them
# all joined, and only the sentences they find something in go through steps 2 and 4 one by one.


@dataclass(frozen=True)
class _Matcher:
    """One language's cues (or a film profile's cues in one language), compiled for matching."""

    language: str
    # Terms keyed by how their cue compares the first word ("c" as written, "l" lowercased, "s" stemmed)
    # and that word; terms whose first word is a glob are tried one by one, after one alternation of them
    # all (`any_glob`) says that some glob may match.
    starts: dict[tuple[str, str], tuple[tuple[Cue, tuple[str, ...]], ...]]
    globs: tuple[tuple[re.Pattern[str], Cue, tuple[str, ...]], ...]
    any_glob: re.Pattern[str] | None
    # The globs a word may match, found without trying each (`_glob_candidates`): those of the form "abc*" by
    # (case-sensitive?, "abc"), those of the form "*abc" likewise, the lengths of those literals, and the rest.
    glob_prefixes: dict[tuple[bool, str], tuple[int, ...]]
    glob_suffixes: dict[tuple[bool, str], tuple[int, ...]]
    glob_prefix_sizes: tuple[int, ...]
    glob_suffix_sizes: tuple[int, ...]
    glob_others: tuple[int, ...]
    stems: bool
    # `_head` of every stemmed first word: a word none of whose heads' prefixes is here cannot stem to one.
    stem_heads: frozenset[str]
    # Every cue pattern with the literals one of which it needs (None: unknown, DIGIT: a digit). By position
    # in `patterns`: those to run on every sentence (`always`), on a sentence with a digit (`with_digit`,
    # which includes `always`), and those a literal found in the sentence enables (`literals`, an Aho–Corasick
    # automaton: lowercased literal → positions; None when no pattern has a known literal).
    patterns: tuple[tuple[Cue, re.Pattern[str], frozenset[str] | None], ...]
    always: tuple[int, ...]
    with_digit: tuple[int, ...]
    literals: Any
    # By position in `patterns`, the further literal sets (or DIGIT) the pattern needs beyond its first
    # (`regex_literals.required_literal_sets`): "based" in "(?:film|movie) ... based on". The automaton finds the
    # first set; a substring test of these rules out most of the sentences it lets through ("film" is common).
    also: tuple[tuple[frozenset[str], ...], ...]
    narrowed: frozenset[int]  # the positions whose `also` is not empty
    # word → the terms it starts (`_Starts`, or () for none), filled as words are met and emptied at _MEMO_LIMIT.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class _Starts:
    """The terms one word starts: those of one word (a hit by themselves), and longer ones keyed by how the
    cue compares their second word ("c" as written, "l" lowercased, "s" stemmed, "g" a glob, tested by
    `_term_at` itself, keyed with "") and that word."""

    single: tuple[Cue, ...]
    longer: dict[tuple[str, str], tuple[tuple[Cue, tuple[str, ...]], ...]]
    stems: bool  # some longer term's second word is compared stemmed

    def following(self, word: str, language: str) -> tuple[tuple[Cue, tuple[str, ...]], ...]:
        """The longer terms whose second word may be `word` (the word after this one)."""
        longer = self.longer
        found = longer.get(("c", word), ()) + longer.get(("l", word.lower()), ()) + longer.get(("g", ""), ())
        if self.stems:
            found += longer.get(("s", _stem(word, language)), ())
        return found


def _starts(pairs: tuple[tuple[Cue, tuple[str, ...]], ...]) -> Any:
    """`pairs` (the (cue, term) pairs a word starts) as a `_Starts`, or () when there are none."""
    if not pairs:
        return ()
    longer: dict[tuple[str, str], list[tuple[Cue, tuple[str, ...]]]] = {}
    for cue, term in pairs:
        if len(term) > 1:
            second = term[1]
            kind = "g" if "*" in second else "c" if cue.case else "s" if cue.stem else "l"
            longer.setdefault((kind, "" if kind == "g" else second), []).append((cue, term))
    return _Starts(
        tuple(cue for cue, term in pairs if len(term) == 1),
        {key: tuple(found) for key, found in longer.items()},
        any(kind == "s" for kind, _ in longer),
    )


# Bound on each language's memo: its everyday vocabulary fits, and memory stays flat on any corpus.
_MEMO_LIMIT = 100_000

_DIGIT = regex_literals.DIGIT  # marker: the pattern needs a digit somewhere


def _build_matcher(cues: Iterable[Cue], language: str) -> _Matcher:
    starts: dict[tuple[str, str], list[tuple[Cue, tuple[str, ...]]]] = {}
    globs, patterns, also = [], [], []
    for cue in cues:
        for pattern in cue.patterns:
            sets = regex_literals.required_literal_sets(pattern) or (None,)
            if sets[0] is not None:  # every set is needed: the rarest-looking one gates, the others narrow
                sets = tuple(sorted(sets, key=_rarity, reverse=True))
            patterns.append((cue, _scanning(pattern), sets[0]))
            also.append(sets[1:])
        for term in cue.terms:
            first = term[0]
            if "*" in first:
                globs.append((_glob(first), cue, term))
            else:
                kind = "c" if cue.case else ("s" if cue.stem else "l")
                starts.setdefault((kind, first), []).append((cue, term))
    any_glob = _any_glob([term[0] for _, _, term in globs]) if globs else None
    prefixes: dict[tuple[bool, str], list[int]] = {}
    suffixes: dict[tuple[bool, str], list[int]] = {}
    others = []
    for k, (_, cue, term) in enumerate(globs):
        literal = term[0].replace("*", "")
        if term[0].count("*") == 1 and literal and term[0].endswith("*"):
            prefixes.setdefault((cue.case, literal), []).append(k)
        elif term[0].count("*") == 1 and literal and term[0].startswith("*"):
            suffixes.setdefault((cue.case, literal), []).append(k)
        else:
            others.append(k)
    always = tuple(k for k, (_, _, needs) in enumerate(patterns) if needs is None)
    with_digit = tuple(k for k, (_, _, needs) in enumerate(patterns) if needs is None or needs is _DIGIT)
    by_literal: dict[str, list[int]] = {}
    for k, (_, _, needs) in enumerate(patterns):
        if needs is not None and needs is not _DIGIT:
            for literal in needs:
                by_literal.setdefault(literal, []).append(k)
    return _Matcher(
        language,
        {key: tuple(terms) for key, terms in starts.items()},
        tuple(globs),
        any_glob,
        {key: tuple(found) for key, found in prefixes.items()},
        {key: tuple(found) for key, found in suffixes.items()},
        tuple(sorted({len(literal) for _, literal in prefixes})),
        tuple(sorted({len(literal) for _, literal in suffixes})),
        tuple(others),
        any(kind == "s" for kind, _ in starts),
        frozenset(_head(first) for kind, first in starts if kind == "s"),
        tuple(patterns),
        always,
        with_digit,
        _automaton(by_literal) if by_literal else None,
        tuple(also),
        frozenset(k for k, sets in enumerate(also) if sets),
    )


def _any_glob(words: list[str]) -> re.Pattern[str]:
    """One pattern that matches, ignoring case, every word one of the globs `words` matches: the gate before the
    globs are tried one by one (`_candidates`). The globs of the forms "abc*", "*abc" and "*abc*" (nearly all) are
    nested by their characters (`regex_heads._trie`), so that `re` tests a word against a few branches instead of
    trying every glob in turn: half the cost of the gate over r20k's 184,000 new words (0.64 -> 0.34 CPU-s).

    >>> gate = _any_glob(["малобюджет*", "мало*", "*budget*", "a*b"])
    >>> [bool(gate.match(w)) for w in ["Малобюджетный", "малость", "lowbudgetfilm", "axyb", "budge"]]
    [True, True, True, True, False]
    """
    shapes: dict[tuple[bool, bool], set[tuple[str, ...]]] = {}  # (starts with "*", ends with "*") → literals
    others = []
    for word in words:
        stars = (word.startswith("*"), word.endswith("*"))
        literal = word[stars[0] : len(word) - stars[1]]
        if literal and "*" not in literal:
            shapes.setdefault(stars, set()).add(tuple(map(re.escape, literal)))
        else:
            others.append(_glob_source(word))
    any_word = r"\w*"
    nested = [
        any_word * before + regex_heads._trie(literals) + any_word * after
        for (before, after), literals in sorted(shapes.items())
    ]
    return re.compile("(?:" + "|".join(nested + sorted(set(others))) + r")\Z", re.IGNORECASE)


def _rarity(needs: frozenset[str]) -> tuple[int, ...]:
    """How rarely a set of literals a pattern needs should occur, for choosing which set the automaton looks for:
    a digit least rarely, then by the length of the set's shortest literal, then by the fewest literals. The
    pattern's first set is often a common word ("film", "est", "por ") before the telling one ("based",
    "jamais", "inspira"): where the automaton looked for "film", the pattern was tried on most sentences.

    >>> ranked = sorted([frozenset(["film", "movie"]), frozenset(["based"]), regex_literals.DIGIT], key=_rarity)
    >>> [sorted(needs) for needs in reversed(ranked)]
    [['based'], ['film', 'movie'], ['\\\\d']]
    """
    if needs is _DIGIT:
        return (0,)
    return (1, min(map(len, needs)), -len(needs))


def _scanning(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` led by a lookahead for the characters a match can start with (`regex_literals.first_chars`), where
    the engine has no such shortcut of its own: a pattern that opens with ``\\b``, or compares letters ignoring
    case. The engine then rejects most positions with one class test instead of trying every branch there
    ("US$|$|€|...|\\bRs|\\bUSD" at each character: 2.5x faster); a match starts with one of those characters
    anyway, so the matches are the same.

    >>> _scanning(re.compile(r"\\b(?:budget|cost)", re.IGNORECASE)).pattern
    '(?=[bc])\\\\b(?:budget|cost)'
    >>> _scanning(re.compile("档案")).pattern
    '档案'
    """
    first = regex_literals.first_chars(pattern)
    if not first:
        return pattern
    cased = pattern.flags & re.IGNORECASE and any(c.lower() != c.upper() for c in first)
    if not cased and not pattern.pattern.startswith("\\b"):
        return pattern
    return re.compile("(?=[" + "".join(map(re.escape, sorted(first))) + "])" + pattern.pattern, pattern.flags)


def _automaton(values: dict[str, list[int]]) -> Any:
    """An Aho–Corasick automaton of the `values` keys: ``iter(text)`` yields (end, value) for every occurrence
    of each key in `text`, overlapping ones included, in one pass.

    >>> sorted(v for _, v in _automaton({"cost": [0], "costs": [1], "ost": [2]}).iter("at all costs"))
    [(0,), (1,), (2,)]
    """
    import ahocorasick  # a compiled extension; imported where first needed, like the stemmers

    automaton = ahocorasick.Automaton()
    for key, value in values.items():
        automaton.add_word(key, tuple(value))
    automaton.make_automaton()
    return automaton


@functools.cache
def _matcher(language: str) -> _Matcher:
    return _build_matcher((c for a in codebook().values() for c in a.cues.get(language, ())), language)


def _sentence_hits(matcher: _Matcher, text: str) -> list[_Hit]:
    """Every hit of the matcher's cues in one sentence, in the four steps above."""
    return _texts_hits(matcher, [text])[0]


# Words and the gaps between them in one pass: ``split`` gives [gap, word, gap, word, ..., gap].
_WORD_SPLIT = re.compile(r"(\w+)")
# Joins a batch's texts (`_texts_hits`): no word, cue literal or digit contains it, and it is neither cased
# nor case-ignorable, so each text lowercases joined exactly as alone ("Σ" stays final at a text's end).
_SEPARATOR = "\x00"


def _texts_hits(matcher: _Matcher, texts: list[str]) -> list[list[_Hit]]:
    """`_sentence_hits` of each of `texts`, the same hits in the same order.

    Steps 1 and 3 cost a few calls per sentence whatever it holds, and most sentences hold no cue, so they run
    once over all the texts joined by `_SEPARATOR`: one split into words and gaps (their offsets are running
    sums of the pieces' lengths), one memo look-up per word, one digit scan and one Aho–Corasick pass over the
    lowercased texts, each find mapped back to its text by offset. Only texts with a word that starts a term
    or a pattern that can match go on to steps 2 to 4 (`_hits_in`), each given the bounds of its words in the
    batch's lists and the positions of those that start a term, not slices of the lists (about 1 % of the
    matching over r20k).
    """
    if not texts:
        return []
    n = len(texts)
    joined = _SEPARATOR.join(texts)
    parts = _WORD_SPLIT.split(joined)
    words = parts[1::2]
    piece_ends = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
    word_starts, word_ends = piece_ends[0:-1:2], piece_ends[1::2]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    bases = np.zeros(n, dtype=np.int64)
    bases[1:] = np.cumsum(lengths + 1)[:-1]
    # Text j's words are words[cuts[j]:cuts[j + 1]] (no word crosses a separator).
    cuts = np.append(np.searchsorted(word_starts, bases), len(words)).tolist()
    starting = _starting(matcher, words)
    with_terms = np.flatnonzero(np.fromiter(map(bool, starting), dtype=bool, count=len(words)))
    busy = set((np.searchsorted(cuts, with_terms, "right") - 1).tolist())
    # Text j's words that start a term are term_words[term_cuts[j]:term_cuts[j + 1]].
    term_cuts, term_words = np.searchsorted(with_terms, cuts).tolist(), with_terms.tolist()
    patterns = _texts_patterns(matcher, texts)
    out: list[list[_Hit]] = [[] for _ in texts]
    if not busy and not any(patterns):
        return out
    # Offsets within each text, as `_WORD.finditer(text)` spans would give them.
    owner_bases = np.repeat(bases, np.diff(cuts))
    starts, ends = (word_starts - owner_bases).tolist(), (word_ends - owner_bases).tolist()
    for j in sorted(busy.union(j for j, chosen in enumerate(patterns) if chosen)):
        first_words = term_words[term_cuts[j] : term_cuts[j + 1]]
        out[j] = _hits_in(
            matcher, texts[j], _Words(words, starts, ends, cuts[j], cuts[j + 1]), starting, first_words, patterns[j]
        )
    return out


def _texts_patterns(matcher: _Matcher, texts: list[str]) -> list[Any]:
    """`_patterns_for` of each of `texts`, with one automaton pass for them all, less the patterns one of whose
    further literal sets (``matcher.also``) the text lacks."""
    chosen: list[Any] = [matcher.always] * len(texts)
    with_digit: list[int] = []
    scanned = len(matcher.with_digit) > len(matcher.always)
    if scanned:
        # One search per text, which stops at its first digit: cheaper than finding every run of digits in
        # the joined texts (reviews are full of years and sums).
        with_digit = list(itertools.compress(range(len(texts)), map(_digit_search(), texts)))
        for j in with_digit:
            chosen[j] = matcher.with_digit
    if matcher.literals is None and not with_digit:
        return chosen
    lowered = list(map(str.lower, texts))
    enabled: dict[int, set[int]] = {}  # text → the patterns its literals enable
    if matcher.literals is not None:
        lower_bases = list(itertools.accumulate((len(t) + 1 for t in lowered[:-1]), initial=0))
        for end, positions in matcher.literals.iter(_SEPARATOR.join(lowered)):
            enabled.setdefault(bisect.bisect_right(lower_bases, end) - 1, set()).update(positions)
    # Only the texts a literal or a digit chose patterns for can hold one that needs more (`always` needs nothing).
    narrowed = matcher.narrowed
    if narrowed.intersection(matcher.with_digit):
        for j in with_digit:
            enabled.setdefault(j, set())
    for j, found in enabled.items():
        # Whether the text has a digit, when the scan above looked: its patterns then are `with_digit`.
        digit = chosen[j] is matcher.with_digit if scanned else None
        found.update(chosen[j])
        found.difference_update(
            [k for k in found & narrowed if not _has_all(matcher.also[k], lowered[j], texts[j], digit)]
        )
        chosen[j] = sorted(found)
    return chosen


def _has_all(sets: tuple[frozenset[str], ...], lowered: str, text: str, digit: bool | None = None) -> bool:
    """Whether the text (and its lowercase, `lowered`) holds a literal of each of `sets` (a digit for DIGIT);
    `digit` says whether it has a digit, when already known."""
    for needs in sets:
        if needs is _DIGIT:
            if not (digit if digit is not None else _digit_search()(text) is not None):
                return False
        elif not any(literal in lowered for literal in needs):
            return False
    return True


@dataclass(slots=True)  # not frozen: one is made per text, and a frozen dataclass is twice as slow to make
class _Words:
    """One text's words within a batch's lists: `words[lo:hi]`, where each starts and ends in the text."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    lo: int
    hi: int


def _hits_in(
    matcher: _Matcher, text: str, words: _Words, starting: list[Any], first_words: list[int], patterns: Any
) -> list[_Hit]:
    """Steps 2 to 4 on one text: its `words`, the terms each word of the batch starts (`starting`), the positions
    of the text's words that start one (`first_words`) and the `patterns` to run."""
    spans: dict[int, tuple[Cue, set[tuple[int, int]]]] = {}  # id(cue): hashing a frozen Cue is slow

    def hit(cue: Cue, start: int, end: int) -> None:
        found = spans.get(id(cue))
        if found is None:
            spans[id(cue)] = (cue, {(start, end)})
        else:
            found[1].add((start, end))

    starts, ends, last = words.starts, words.ends, words.hi - 1
    for i in first_words:
        first = starting[i]
        for cue in first.single:
            hit(cue, starts[i], ends[i])
        if first.longer and i < last:
            for cue, term in first.following(words.words[i + 1], matcher.language):
                if _term_at(cue, term, words, text, i):
                    hit(cue, starts[i], ends[i + len(term) - 1])
    for k in patterns:
        cue, pattern, _ = matcher.patterns[k]
        for m in pattern.finditer(text):
            if m.end() > m.start():
                hit(cue, m.start(), m.end())
    if not spans:
        return []
    return [
        _Hit(cue, start, end, cue.negatable and _negated(start, text, words, cue.language))
        for cue, found in spans.values()
        for start, end in sorted(found)
    ]


def _starting(matcher: _Matcher, words: list[str]) -> list[Any]:
    """For each word, the terms whose first word it matches (`_candidates`, as `_starts`), through the memo."""
    memo = matcher.memo
    found = list(map(memo.get, words))
    if None in found:  # words this language has not met yet (or not since the memo was emptied)
        for i, (pairs, word) in enumerate(zip(found, words)):
            if pairs is None:
                # Looked up again: a new word met twice in the batch ("the" in a first chunk) is worked out once.
                pairs = memo.get(word)
                if pairs is None:
                    if len(memo) >= _MEMO_LIMIT:
                        memo.clear()  # crude but cheap; the words that matter come back within a few sentences
                    pairs = memo[word] = _starts(_candidates(matcher, word))
                found[i] = pairs
    return found  # type: ignore[return-value]


def _candidates(matcher: _Matcher, word: str) -> tuple[tuple[Cue, tuple[str, ...]], ...]:
    """The (cue, term) pairs whose first word matches `word`, in the order matching has always used: as
    written (case-sensitive cues), lowercased, stemmed, then globs."""
    starts = matcher.starts
    lower = word.lower()
    found = starts.get(("c", word), ()) + starts.get(("l", lower), ())
    if matcher.stems and _may_stem_to(lower, matcher.stem_heads):
        found += starts.get(("s", _stem(word, matcher.language)), ())
    if matcher.any_glob is not None and matcher.any_glob.match(word):
        globs = matcher.globs
        found += tuple(
            globs[k][1:]
            for k in _glob_candidates(matcher, word, lower)
            if globs[k][0].match(word if globs[k][1].case else lower)
        )
    return found


def _glob_candidates(matcher: _Matcher, word: str, lower: str) -> list[int]:
    """Positions in ``matcher.globs`` of the globs `word` may match, in order: "abc*" only if the word (or its
    lowercase, as the cue compares) starts with "abc", "*abc" only if it ends so, any other glob always. A
    superset of those that match, each still tried (`_candidates`), so a test of every glob per new word is
    spared, not changed."""
    found = set(matcher.glob_others)
    for table, sizes, cut in (
        (matcher.glob_prefixes, matcher.glob_prefix_sizes, lambda s, n: s[:n]),
        (matcher.glob_suffixes, matcher.glob_suffix_sizes, lambda s, n: s[-n:]),
    ):
        for n in sizes:
            if n > len(word) and n > len(lower):
                break
            found.update(table.get((False, cut(lower, n)), ()))
            found.update(table.get((True, cut(word, n)), ()))
    return sorted(found)


def _head(word: str) -> str:
    """The first three letters of a lowercased word or stem, folded as Snowball may change them: accents off,
    "ß" as "ss", "y" as "i" (French "Maya" stems to "mai").

    >>> _head("Überblick"), _head("ёлка"), _head("Maya")
    ('ube', 'елк', 'mai')
    """
    folded = unicodedata.normalize("NFD", word.lower().replace("ß", "ss")).translate(_FOLD)
    return folded[:3]


_FOLD = {ord("y"): "i"} | {c: None for c in range(0x300, 0x370)}  # "y" → "i"; combining accents dropped


def _may_stem_to(lower: str, heads: frozenset[str]) -> bool:
    """Whether the stem of the lowercased word `lower` can be one whose `_head` is in `heads`.

    Snowball (and the Polish suffix list) only cuts and rewrites a word's ending, and its other rewrites (accents,
    "ß", "y") are folded by `_head`: a stem's head is a prefix of its word's head. So a word whose head starts
    with none of `heads` needs no stemming, which is most words and most of the stage's cold cost. The one
    exception is nltk's Russian stemmer, which transliterates a word with a letter beyond Latin-1 through
    Latin letters and back, so that a word mixing ASCII letters with such letters comes back in Cyrillic:
    those are always stemmed. `tests/test_aspects.py` checks the rule on the vocabulary of every text shipped.
    """
    if _ASCII_LETTER.search(lower) and _BEYOND_LATIN_1.search(lower):
        return True
    head = _head(lower)
    return head in heads or head[:2] in heads or head[:1] in heads


_ASCII_LETTER = re.compile("[a-z]")
_BEYOND_LATIN_1 = re.compile("[^\x00-\xff]")


def _term_at(cue: Cue, term: tuple[str, ...], words: _Words, text: str, i: int) -> bool:
    """Whether the words from position `i` on are the whole `term` (its first word is known to match), with
    nothing but a short gap (`_GAP`) between them."""
    size = len(term)
    if i + size > words.hi:
        return False
    starts, ends = words.starts, words.ends
    for k in range(1, size):
        if not _word_matches(term[k], words.words[i + k], cue):
            return False
        if _GAP.fullmatch(text[ends[i + k - 1] : starts[i + k]]) is None:
            return False
    return True


def _word_matches(pattern: str, token: str, cue: Cue) -> bool:
    if cue.case:
        return _glob(pattern).match(token) is not None if "*" in pattern else token == pattern
    if "*" in pattern:
        return _glob(pattern).match(token.lower()) is not None
    return (_stem(token, cue.language) if cue.stem else token.lower()) == pattern


def _patterns_for(matcher: _Matcher, text: str) -> tuple[int, ...] | list[int]:
    """Positions in ``matcher.patterns`` of the patterns that can match `text`, in order: those with no
    known literal, those needing a digit when it has one, and those one of whose literals is in the
    lowercased text."""
    chosen = matcher.always
    if len(matcher.with_digit) > len(chosen) and _digit_search()(text) is not None:
        chosen = matcher.with_digit
    if matcher.literals is None:
        return chosen
    enabled = {k for _, positions in matcher.literals.iter(text.lower()) for k in positions}
    return sorted(enabled.union(chosen)) if enabled else chosen


def _negated(start: int, text: str, words: _Words, language: str) -> bool:
    """Whether one of the `window` words before `start` is a negation, with no clause break between."""
    negations, window = _negations().get(language, (frozenset(), 3))
    if not negations:
        return False
    ends = words.ends
    before = bisect.bisect_right(ends, start, words.lo, words.hi)
    for k in range(before - 1, max(before - window, words.lo) - 1, -1):
        if _CLAUSE_BREAK.search(text[ends[k] : start]):
            return False
        if words.words[k].lower() in negations:
            return True
    return False


# Every character with ``isdigit()`` lies in Unicode's first two planes (the last, U+1F10A, is a "digit comma");
# planes 2 and above hold ideographs and private use. Scanning only those two planes spares each process 1.1
# million ``chr`` calls; tests/test_aspects.py checks the whole range still gives the same class.
_DIGIT_PLANES_END = 0x20000


@functools.cache
def _digit_search() -> Callable[..., re.Match[str] | None]:
    """`search` (text, pos=0) for exactly the characters for which ``str.isdigit()`` is True (not just ``\\d``:
    superscripts and circled digits count too), so "has a digit" is one regex scan, not a generator.

    The scan is one class of the digits below U+10000 plus every character above: the engine tests such a class
    with one bitmap look-up, where ``\\d`` (a category) with ranges cost two to three times as much (0.28 -> 0.12
    CPU-s over the 146,000 sentences the r20k rules stage scans). Only at a character above U+FFFF (an emoji, a
    rare script) does the exact class, whose ranges there are tested one by one, take over for the rest.

    >>> bool(_digit_search()("x²")), bool(_digit_search()("x٣")), bool(_digit_search()("none"))
    (True, True, False)
    >>> bool(_digit_search()("🎬 2")), bool(_digit_search()("🎬𝟘")), bool(_digit_search()("🎬 none"))
    (True, True, False)
    """
    codes = [c for c in range(_DIGIT_PLANES_END) if chr(c).isdigit()]
    exact = re.compile(f"[{_ranges(codes)}]").search
    first = re.compile(f"[{_ranges([c for c in codes if c < _ASTRAL])}{chr(_ASTRAL)}-{chr(sys.maxunicode)}]").search
    astral = chr(_ASTRAL)

    def search(text: str, pos: int = 0) -> re.Match[str] | None:
        found = first(text, pos)
        if found is None or found.group() < astral:
            return found
        return exact(text, found.start())

    return search


_ASTRAL = 0x10000  # the first character beyond the Basic Multilingual Plane


def _ranges(codes: list[int]) -> str:
    """The (sorted) code points `codes` as the inside of a character class, runs written as ranges."""
    ranges, start, prev = [], codes[0], codes[0]
    for c in codes[1:] + [-1]:
        if c != prev + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = c
        prev = c
    return "".join(ranges)


def _hits(cues: Iterable[Cue], text: str) -> list[_Hit]:
    """Hits of an ad-hoc list of cues (one language at a time); the stage uses the cached matchers."""
    by_language: dict[str, list[Cue]] = {}
    for cue in cues:
        by_language.setdefault(cue.language, []).append(cue)
    return [h for lang, group in by_language.items() for h in _sentence_hits(_build_matcher(group, lang), text)]


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
    extra = _profile_matchers(profile.cue_specs) if profile is not None and profile.cue_specs else None
    return _match(text, languages, [lang for lang in languages if lang in extra] if extra else [], extra)


def _match(
    text: str, languages: Iterable[str], profile_languages: list[str], extra: dict[str, _Matcher] | None
) -> dict[str, dict[str, Any]]:
    """`match_sentence` with the profile's matchers (`extra`) tried in `profile_languages`."""
    return _coded(text, _aspect_hits(text, languages, profile_languages, extra))


def _aspect_hits(
    text: str, languages: Iterable[str], profile_languages: list[str], extra: dict[str, _Matcher] | None
) -> dict[str, list[_Hit]]:
    """Every cue hit in `text`, by aspect."""
    return _batch_aspect_hits([text], [_matchers_for(languages, profile_languages, extra)])[0]


def _matchers_for(
    languages: Iterable[str], profile_languages: list[str], extra: dict[str, _Matcher] | None
) -> tuple[_Matcher, ...]:
    """The matchers to try, in order: the codebook's in `languages`, then the profile's (`extra`)."""
    known = _codebook_languages()
    matchers = [_matcher(lang) for lang in dict.fromkeys(languages) if lang in known]
    matchers += [extra[lang] for lang in profile_languages] if extra else []
    return tuple(matchers)


def _batch_aspect_hits(texts: list[str], matchers: list[tuple[_Matcher, ...]]) -> list[dict[str, list[_Hit]]]:
    """Every cue hit in each of `texts` with its `matchers`, by aspect; each matcher runs once over all the texts
    it is tried on (`_texts_hits`), and each text's hits come in the order of its matchers."""
    batches: dict[int, tuple[_Matcher, list[int]]] = {}  # id(matcher): a _Matcher holds dicts, so cannot hash
    for i, tried in enumerate(matchers):
        for matcher in tried:
            batches.setdefault(id(matcher), (matcher, []))[1].append(i)
    found: dict[tuple[int, int], list[_Hit]] = {}
    for key, (matcher, indices) in batches.items():
        for i, hits in zip(indices, _texts_hits(matcher, [texts[i] for i in indices])):
            if hits:
                found[(i, key)] = hits
    out: list[dict[str, list[_Hit]]] = [{} for _ in texts]
    for i in sorted({i for i, _ in found}):  # most texts have no hit
        by_aspect = out[i]
        for matcher in matchers[i]:
            for hit in found.get((i, id(matcher)), ()):
                by_aspect.setdefault(hit.cue.aspect, []).append(hit)
    return out


def _coded(text: str, hits: dict[str, list[_Hit]], shift: int = 0) -> dict[str, dict[str, Any]]:
    """The aspects `hits` code `text` with (`_code_aspect`), in codebook order; evidence offsets moved by `shift`
    (the text's start in its review)."""
    coded: dict[str, dict[str, Any]] = {}
    for aspect in codebook().values():
        if aspect.name in hits:
            result = _code_aspect(aspect, hits[aspect.name], text, shift)
            if result is not None:
                coded[aspect.name] = result
    return coded


def _code_aspect(aspect: Aspect, hits: list[_Hit], text: str, shift: int = 0) -> dict[str, Any] | None:
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
            {
                "cue": h.cue.id,
                "text": text[h.start : h.end],
                "start": h.start + shift,
                "end": h.end + shift,
                "negated": h.negated,
            }
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


def _incident_tags(hits: dict[str, list[_Hit]]) -> list[str]:
    """The incident tags of every accuracy cue hit (kept or not), for the sentence after it."""
    return sorted({t for h in hits.get("accuracy", ()) for t in h.cue.incidents})


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
def _profile_matchers(specs: tuple) -> dict[str, _Matcher]:
    return {language: _build_matcher(cues, language) for language, cues in _profile_cues(specs).items()}


def _profile_languages_for(sentence_language: Any, review_language: Any, extra: dict[str, _Matcher]) -> list[str]:
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
    ordered = sentences.assign(_rid=sentences["review_id"].astype(str))
    ordered = sort_stably(
        ordered, list(zip(ordered["_rid"].tolist(), ordered["start"].tolist(), ordered["end"].tolist()))
    )
    rows: list[dict[str, Any]] = []
    previous: dict[str, list[str]] = {}  # review → the incident tags of its last sentence's accuracy cues
    matchers_of: dict[tuple[str | None, str | None], tuple[_Matcher, ...]] = {}
    extra = _profile_matchers(profile.cue_specs) if profile is not None and profile.cue_specs else None
    has_lang = "language" in ordered.columns
    records = zip(
        *(_column_values(ordered, c) for c in ("_rid", "sentence_id", "start", "end", "text")),
        _column_values(ordered, "language") if has_lang else itertools.repeat(None),
    )
    checked = []  # (rid, sid, start, end, text, s_lang, r_lang, matchers) of each sentence
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
        # Few distinct (sentence, review) language pairs: work each one's matchers out once. Only strings count
        # as languages in `_languages_for`, so anything else is keyed as None.
        key = (s_lang, r_lang if isinstance(r_lang, str) else None)
        matchers = matchers_of.get(key)
        if matchers is None:
            matchers = matchers_of[key] = _matchers_for(
                _languages_for(*key), _profile_languages_for(*key, extra) if extra else [], extra
            )
        checked.append((rid, sid, start, end, text, s_lang, r_lang, matchers))
    all_hits = _batch_aspect_hits([c[4] for c in checked], [c[7] for c in checked])
    for (rid, sid, start, end, text, s_lang, r_lang, _), hits in zip(checked, all_hits):
        if not hits:  # most sentences: nothing to code, no incident for the next one
            previous[rid] = []
            continue
        coded = _coded(text, hits, start)
        for aspect_name, result in coded.items():
            incidents = result["incidents"]
            if aspect_name == "accuracy" and not incidents and rid in previous:
                incidents = list(previous[rid])
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
                    "evidence": result["evidence"],
                }
            )
        previous[rid] = _incident_tags(hits)
    columns = [c for c in STATEMENT_COLUMNS if c not in _CODER_COLUMNS] + STATEMENT_EXTRA_COLUMNS
    # The learned coder keeps, drops or adds statements beside the rules (`coder="rules"`: rules alone).
    from toolkit import coder as _coder

    # A film layer fitted by `toolkit adapt` and saved beside the profile has the last word (toolkit.coder).
    layer = _coder.adapted_layer(profile, coder) if profile is not None else None
    if coder != "rules" and len(ordered):
        # The coder sorts what it returns as the table below is sorted: the rows go to it as they are.
        return _coder.code_rows(ordered, rows, STATEMENT_COLUMNS + STATEMENT_EXTRA_COLUMNS, tier=coder, layer=layer)
    if rows:
        out = pd.DataFrame(rows, columns=columns)
        order = {name: i for i, name in enumerate(codebook())}
        # By review, start and aspect (the rows come so already, unless two sentences start at one offset).
        keys = zip(out["review_id"].astype(str).tolist(), out["start"].tolist(), map(order.get, out["aspect"].tolist()))
        out = sort_stably(out, list(keys))
    else:
        out = pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    return _coder.code(ordered, out, tier=coder, layer=layer)
