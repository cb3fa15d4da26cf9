"""`toolkit.regex_compile`: the patterns it compiles are `re.compile`'s (equal: same text, flags and compiled code),
and the heads it reads from their parse are `regex_heads.heads`'."""

from __future__ import annotations

import os
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


# ------------------------------------------------------------------ long patterns kept on disk (issue 13) ---
# A pattern past `_STORE_MIN_CHARS`: words grouped as the amount pattern groups them, named groups, a class.
_LONG = "|".join(
    rf"(?P<w{i}>(?-i:[{w[0]}{w[0].upper()}])(?:{w[1:]}(?:s|en)?)|{w}x\d+)"
    for i, w in enumerate(
        f"{a}{b}{c}"
        for a in "bcdfgklmnpt"
        for b in "aeiou"
        for c in ("llion", "rd", "ssa", "nto", "ment", "zza", "lka", "rro", "bbe")
    )
)


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv(regex_compile._STORE_VARIABLE, str(tmp_path))
    return tmp_path / "patterns"


def test_a_long_pattern_is_kept_and_read_back_as_re_compiles_it(store, monkeypatch):
    assert len(_LONG) >= regex_compile._STORE_MIN_CHARS
    expected = re.compile(_LONG, re.IGNORECASE)
    first = regex_compile.compiled_with_heads(_LONG, re.IGNORECASE, 3)
    assert [p.name.endswith(".bin") for p in store.iterdir()] == [True]
    with monkeypatch.context() as patched:
        patched.setattr(regex_compile, "_parse", None)  # read back: nothing is parsed
        again = regex_compile.compiled_with_heads(_LONG, re.IGNORECASE, 3)
    assert again[0] == first[0] == expected and again[0].groupindex == expected.groupindex
    assert again[1].pattern == first[1].pattern == regex_heads.heads(expected, 3).pattern
    found = again[0].match("Pallions x")
    assert found.group() == "Pallions" and found.lastgroup == expected.match("Pallions x").lastgroup
    assert regex_compile.compiled(_LONG, re.IGNORECASE) == expected  # another entry: no heads
    assert len(list(store.iterdir())) == 2


def test_a_damaged_or_foreign_file_is_compiled_again(store):
    regex_compile.compiled(_LONG, re.IGNORECASE)
    (path,) = store.iterdir()
    raw = bytearray(path.read_bytes())
    raw[-5] ^= 0xFF  # one byte of the code changed: its digest no longer matches
    path.write_bytes(bytes(raw))
    assert regex_compile._read_stored(path, _LONG) is None
    assert regex_compile.compiled(_LONG, re.IGNORECASE) == re.compile(_LONG, re.IGNORECASE)
    path.write_bytes(b"not a stored pattern")
    assert regex_compile._read_stored(path, _LONG) is None
    assert regex_compile.compiled(_LONG, re.IGNORECASE) == re.compile(_LONG, re.IGNORECASE)
    # the file holds the flags it was compiled with: another flag is another file
    assert regex_compile._stored_path(_LONG, re.IGNORECASE, None) != regex_compile._stored_path(_LONG, 0, None)


def test_nothing_is_kept_when_the_variable_is_empty_or_the_folder_cannot_be_written(tmp_path, monkeypatch):
    monkeypatch.setenv(regex_compile._STORE_VARIABLE, "")
    assert regex_compile.compiled(_LONG, re.IGNORECASE) == re.compile(_LONG, re.IGNORECASE)
    assert regex_compile._stored_path(_LONG, re.IGNORECASE, None) is None
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setenv(regex_compile._STORE_VARIABLE, str(blocked))
    assert regex_compile.compiled(_LONG, re.IGNORECASE) == re.compile(_LONG, re.IGNORECASE)
    assert list(tmp_path.iterdir()) == [blocked]
    monkeypatch.setenv(regex_compile._STORE_VARIABLE, str(tmp_path))
    monkeypatch.setattr(regex_compile, "_store_salt", lambda: None)  # its own code not readable: nothing kept
    assert regex_compile._stored_path(_LONG, re.IGNORECASE, None) is None


def test_the_folder_is_the_users_cache_and_nothing_without_a_home(tmp_path, monkeypatch):
    monkeypatch.delenv(regex_compile._STORE_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert regex_compile._store_folder() == tmp_path / "film-reception-toolkit" / "patterns"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert regex_compile._store_folder() == tmp_path / "home" / ".cache" / "film-reception-toolkit" / "patterns"
    monkeypatch.setattr(regex_compile.os.path, "expanduser", lambda path: path)  # "~" not expanded: no home
    assert regex_compile._store_folder() is None
    assert regex_compile.compiled(_LONG, re.IGNORECASE) == re.compile(_LONG, re.IGNORECASE)


def test_the_oldest_files_go_beyond_the_limit(store, monkeypatch):
    monkeypatch.setattr(regex_compile, "_STORE_MAX_FILES", 3)
    store.mkdir(parents=True)
    for age, name in enumerate(["oldest.bin", "older.bin", "old.bin", "newer.bin"]):
        (store / name).write_bytes(b"x")
        os.utime(store / name, ns=(10**18 + age, 10**18 + age))
    (store / "notes.txt").write_text("not a stored pattern: left alone")
    regex_compile.compiled(_LONG, re.IGNORECASE)  # writes a fifth file: the two oldest go
    assert sorted(p.name for p in store.iterdir() if p.name.endswith(".bin") and len(p.name) < 20) == [
        "newer.bin",
        "old.bin",
    ]
    assert len(list(store.glob("*.bin"))) == 3 and (store / "notes.txt").exists()
