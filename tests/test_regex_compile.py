"""`toolkit.regex_compile`: the patterns it compiles are `re.compile`'s (equal: same text, flags and compiled code),
and the heads it reads from their parse are `regex_heads.heads`'."""

from __future__ import annotations

import re

import pytest

from toolkit import regex_compile, regex_heads

_PATTERNS = [
    (r"million|milliard|minus|\$\s?\d", 0),
    (r"(?:US)?\$\s?\d+(?:[.,]\d+)?\s*(?:million|m)\b", re.IGNORECASE),
    (r"(?<![^\W\d_])(?:миллион\w*|млрд|тыс\.)", re.IGNORECASE),
    (r"(?-i:[uU])(?:SD|S\s?\$)|(?i:eur)o?", 0),
    (r"(?:s|k)ome|ſix|[İıſK]", re.IGNORECASE),
    (r"[一二三四五六七八九十百千]+[万亿億]|\d+억|[가-힣]+", 0),
    (r"a{2,5}b?|b{0,3}x(?=y)|(?>ab)c", 0),
    (r"(?:(?P<pre>\$)\s)?(?P<num>\d+)|(?P<word>one|two)\s+million", re.IGNORECASE),
    (r"(?<!(?-i:[^\W\d_\u3040-\u30ff\u4e00-\u9fff]))[וב]?מיליון|[وبلكف]?مليون|(?-i:[^\W\u3040-\u30ff])", re.I),
    (r"(a)\1|(?(1)a|b)|[^\W\d]+", re.IGNORECASE | re.MULTILINE),
    # named groups: their contents parsed apart, shared, repeated, holding groups, classes and escaped parentheses
    (r"(?P<one>a|b[)(]\)c)(?:x|(?P<two>a|b[)(]\)c))?(?P<three>d(?P<four>e)|(f))(?P<five>)", re.IGNORECASE),
    (r"(?P<scale>mil+(?:ion)?|bn)(?<=\w)(?P<wscale>mil+(?:ion)?|bn)\(?P<x>\)|[(?P<y>]", re.IGNORECASE),
    (r"(?P<a>x)(?P<b>(?P=a)y)|(?P<c>(?(a)z|w))", 0),
    (r"(?x) (?P<a> x | y ) # a comment (?P<b>z)", 0),
]


@pytest.mark.parametrize("pattern, flags", _PATTERNS)
@pytest.mark.parametrize("times", [1, 2])  # the second time with the classes remembered from the first
def test_compiled_is_what_re_compiles(pattern, flags, times):
    for _ in range(times):
        assert regex_compile.compiled(pattern, flags) == re.compile(pattern, flags)
    compiled, first = regex_compile.compiled_with_heads(pattern, flags, 3)
    assert compiled == re.compile(pattern, flags)
    expected = regex_heads.heads(re.compile(pattern, flags), 3)
    assert (first and first.pattern) == (expected and expected.pattern)


def test_compiled_is_re_compile_where_its_steps_are_not_known(monkeypatch):
    monkeypatch.setattr(regex_compile, "_compiles_as_re", lambda: False)
    compiled, first = regex_compile.compiled_with_heads("million|milliard", re.IGNORECASE)
    assert compiled == re.compile("million|milliard", re.IGNORECASE) and first.pattern == "mil"


@pytest.mark.parametrize("pattern", ["(?:a|b", "(?P<a>x(?i)y)", "(?P<a>x)(?P<a>y)", "(?P<a>[x)"])
def test_a_wrong_pattern_raises_what_re_raises(pattern):
    with pytest.raises(re.error) as expected:
        re.compile(pattern, re.IGNORECASE)
    with pytest.raises(re.error, match=re.escape(str(expected.value))):
        regex_compile.compiled(pattern, re.IGNORECASE)


def test_the_steps_are_checked_against_re_compile():
    assert regex_compile._compiles_as_re()
