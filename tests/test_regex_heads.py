"""`toolkit.regex_heads`: the heads of a pattern match wherever the pattern does (the budget-figure parser tries
its amount pattern only where they match, so a head too narrow would lose figures)."""

from __future__ import annotations

import re

import pytest

from toolkit.regex_heads import first_class, heads

_TEXTS = [
    "It cost US$ 15 million, about €12m, or 900 millions de roubles.",
    "Бюджет — миллион рублей; сборы 3,5 млрд руб.",
    "\u212a and \u017f and \u0130ki milyon, SOME 5 Mio. Euro, ſome ſix",
    "制作费约3亿卢布，一亿多。予算は１．５億ドル。제작비는 1억 5천만 원",
    "a a a ab abc abcd b bb bbb x xy xyz",
    "",
]


# Patterns of the kinds the budget-figure parser builds, with the flags it compiles them with.
_PATTERNS = [
    (r"million|milliard|minus|\$\s?\d", 0),
    (r"(?:US)?\$\s?\d+(?:[.,]\d+)?\s*(?:million|m)\b", re.IGNORECASE),
    (r"(?<![^\W\d_])(?:миллион\w*|млрд|тыс\.)", re.IGNORECASE),
    (r"(?-i:[uU])(?:SD|S\s?\$)|(?i:eur)o?", 0),  # a letter's two cases, a case-blind part in a cased pattern
    (r"(?:s|k)ome|ſix", re.IGNORECASE),  # the long s and the Kelvin sign match "s" and "k" ignoring case
    (r"[一二三四五六七八九十百千]+[万亿億]|\d+억", 0),
    (r"a{2,5}b?|b{0,3}x(?=y)|(?>ab)c", 0),
    (r"(?:(?P<pre>\$)\s)?(?P<num>\d+)|(?P<word>one|two)\s+million", re.IGNORECASE),
    (r"i̇ki|İki", re.IGNORECASE),
]


@pytest.mark.parametrize("pattern, flags", _PATTERNS)
def test_heads_match_wherever_the_pattern_does(pattern, flags):
    compiled = re.compile(pattern, flags)
    first = heads(compiled, 3)
    assert first is not None
    places = 0
    for text in _TEXTS:
        for at in range(len(text) + 1):
            if compiled.match(text, at) is not None:
                places += 1
                assert first.match(text, at) is not None, (text, at)
    assert places > 0  # the texts hold matches to check


@pytest.mark.parametrize("pattern, flags", _PATTERNS)
def test_first_class_holds_the_first_character_of_every_match(pattern, flags):
    # As the budget-figure parser puts it: a look-ahead before the pattern, in a pattern that ignores case.
    compiled = re.compile(pattern, flags)
    guarded = re.compile(f"(?=(?i:{first_class(pattern)}))(?:{pattern})", flags)
    for text in _TEXTS:
        for at in range(len(text) + 1):
            found = compiled.match(text, at)
            assert (found and found.span()) == ((m := guarded.match(text, at)) and m.span()), (text, at)


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("million|milliard|Billion", "[Bm]"),  # as written: the class is read ignoring case
        (r"(?-i:[uU])SD|\$|€", r"[\$u€]"),  # a letter's two cases are one ("[uU]")
        (r"(?<![A-Z])USD|(?:old|new\s+)?pesos?", "[Unop]"),  # a look-behind consumes nothing; an optional word
        (r"\d+\s*(?:m|k)", r"[\d]"),
        (r"[a-c]x|[ä]", "[a-cä]"),
        ("a?", None),  # a match may be empty
        ("[^a]b|x", None),  # a negated class: no class of the few characters it may be
        ("(?s:.)x", None),
    ],
)
def test_first_class_is_one_class_of_the_first_characters(pattern, expected):
    assert first_class(pattern) == expected


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("million|milliard", "mil"),
        ("abc|abd|x", "(?:ab(?:c|d)|x)"),
        (r"\d+ ?m", r"[\d]"),  # a head stops at a class
        ("ab", "ab"),  # shorter than the size where the match is
        ("(?:ab)?c", "(?:abc|c)"),
        ("x{4,}y", "xxx"),  # more repeats than the size: the head is full
    ],
)
def test_heads_are_the_first_characters_nested(pattern, expected):
    assert heads(pattern, 3).pattern == expected


@pytest.mark.parametrize(
    "pattern",
    [
        "a*",  # a match may be empty: it may begin anywhere
        "(?:x)?",
        r"(a)\1",  # a back-reference: not read
        "(?(1)a|b)",  # a conditional: not read
    ],
)
def test_heads_give_no_answer_where_they_cannot_tell(pattern):
    assert heads(pattern) is None


def test_heads_give_up_on_too_many_heads():
    # An alternation of 35,152 four-letter words has as many heads of four characters: more than the limit.
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    words = "|".join(a + b + c + d for a in alphabet for b in alphabet for c in alphabet for d in "xy")
    assert heads(words, 3) is not None  # 17,576 heads of three characters
    assert heads(words, 4) is None
