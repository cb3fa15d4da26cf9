"""`toolkit.regex_literals`: the literals it claims a pattern requires are really required (the prefilter in
`toolkit.aspects` skips a pattern on any sentence without them, so a wrong claim would lose statements)."""

from __future__ import annotations

import json
import re

import pytest

from toolkit import aspects, datasets
from toolkit.regex_literals import DIGIT, first_chars, required_literal_sets, required_literals


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (r"\bbased\s+on\s+(?:a\s+)?true\b", {"based"}),
        (r"\b(?:nie|niemals|nicht)\s+passiert\b", {"nie", "niemals", "nicht"}),
        (r"(?i)\bбюджет\w*", {"бюджет"}),
        # In scripts written without spaces a run of one or two characters is a word, and it counts.
        (r"記録(?:によると|によれば)", {"記録"}),
        (r"(?:によると|によれば)", {"によると", "によれば"}),
        (r"(?<!不)准确", {"准确"}),
        (r"(?<!不)正確(?!で(?:は|も)ない)", {"正確"}),
        (r"사실(?:과|와)", {"사실"}),
        # A currency sign is rare enough to count alone, though one character; other short runs are not.
        (r"\$\s*\d+", {"$"}),
        (r"(?:US\$|\$|€|\bRs\.?)\s?\d", DIGIT),  # "rs" is too short: the group says nothing, the digit does
        # A class of a few characters without case is the group of them; one with letters, ranges or escapes is not.
        (r"[$€¥]\s?\d", {"$", "€", "¥"}),
        (r"[.,]\d", DIGIT),
        (r"[\$-€]\d", DIGIT),
        (r"[^$]\d", DIGIT),
        (r"\d+\s*(?:million|Mio)", DIGIT),
        (r"(?P<amount>\d+)\s*€", DIGIT),
        (r"colou?r film", {"colo"}),
        (r"(?:a|b)\d", DIGIT),  # options too short to rule anything out; the digit still is
        (r"(?:cost\w*|\d+)", None),  # "a digit or a word" is not one set of strings
        (r"(?x) based  on", None),  # verbose mode: whitespace means nothing, not read
        (r"x(?!abc)yz", None),
        (r"[Bb]udget", {"udget"}),
        (r"\u0431\u044e\u0434\u0436\u0435\u0442", {"бюджет"}),
    ],
)
def test_required_literals(pattern, expected):
    got = required_literals(pattern)
    assert (got is DIGIT) if expected is DIGIT else (got == (None if expected is None else frozenset(expected)))


def _training_sentences() -> dict[str, list[str]]:
    by_language: dict[str, list[str]] = {}
    for path in sorted(datasets.training_dir().glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            by_language.setdefault(record["language"], []).append(record["text"])
    return by_language


def test_every_codebook_pattern_that_matches_a_sentence_finds_its_literal_in_it():
    checked = 0
    for language, texts in sorted(_training_sentences().items()):
        for _cue, pattern, needs in aspects._matcher(language).patterns:
            if needs is None:
                continue
            for text in texts:
                if pattern.search(text):
                    lowered = text.lower()
                    if needs is DIGIT:
                        assert re.search(r"\d", text), (pattern.pattern, text)
                    else:
                        assert any(literal in lowered for literal in needs), (pattern.pattern, text)
                    checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    "pattern, expected",
    [
        # every run of literals a match must hold, in order, the first being `required_literals`
        (r"(?:film|movie)\s+\w+\s+based\s+on", [{"film", "movie"}, {"based"}]),
        (r"\bbased\s+on\s+(?:a\s+)?true\b", [{"based"}, {"true"}]),
        (r"\$\s*\d+\s*million", [{"$"}, DIGIT, {"million"}]),
        (r"記録(?:によると|によれば)", [{"記録"}, {"によると", "によれば"}]),
        (r"colou?r film", [{"colo"}, {"r film"}]),  # an optional letter ends a run; the rest is one
        (r"(?:cost|price)|budget", [{"cost", "price", "budget"}]),  # alternatives at the top: one set
        (r"x(?!abc)yz", None),
    ],
)
def test_required_literal_sets(pattern, expected):
    got = required_literal_sets(pattern)
    if expected is None:
        assert got is None
    else:
        assert [s if s is DIGIT else set(s) for s in got] == [e if e is DIGIT else set(e) for e in expected]


def test_every_codebook_pattern_that_matches_a_sentence_holds_each_of_its_literal_sets():
    """The further literal sets rule a sentence out before its pattern runs (`aspects._texts_patterns`): each
    must be in every sentence the pattern matches, cased or not (the sets are lowercase; the text is read
    lowercased)."""
    checked = 0
    for language, texts in sorted(_training_sentences().items()):
        for _cue, pattern, _ in aspects._matcher(language).patterns:
            sets = required_literal_sets(pattern)
            if not sets or len(sets) < 2:
                continue
            for text in texts:
                if pattern.search(text):
                    lowered = text.lower()
                    for needs in sets:
                        if needs is DIGIT:
                            assert re.search(r"\d", text), (pattern.pattern, text)
                        else:
                            assert any(literal in lowered for literal in needs), (pattern.pattern, needs, text)
                    checked += 1
    assert checked > 300


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (r"\b(?:US\$|\$|€|\bRs\.?|\bUSD)\s?\d", {"U", "$", "€", "R"}),
        (r"(?<!не )\bбюджет\w*", {"б"}),
        (r"colou?r", {"c"}),
        (r"a?b+c", {"a", "b"}),
        (r"(?:ab)*c", {"a", "c"}),
        (r"\s?\d", None),  # a class or a digit first: not read
        (r"[Bb]udget", None),
        (r"[$€]\s?\d", {"$", "€"}),
        (r"(?:a|)b", None),  # a branch may be empty: not read
        (r"x?", None),  # the match may be empty
        (r"(?i)budget", None),  # inline flags may change how the first character compares
        (r"(?-i:B)udget", None),
    ],
)
def test_first_chars(pattern, expected):
    got = first_chars(pattern)
    assert got == (None if expected is None else frozenset(expected))


def test_every_codebook_pattern_starts_its_matches_with_its_first_chars():
    """`aspects._scanning` puts a lookahead for `first_chars` before a pattern: the lookahead must let through
    every character the pattern's first literal matches under the pattern's flags (case folding included, over
    every code point), and the scanned pattern must find the same matches on every training sentence."""
    everything = "".join(map(chr, range(0x110000))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    checked, pairs = 0, set()
    for language, texts in sorted(_training_sentences().items()):
        for cue in (c for a in aspects.codebook().values() for c in a.cues.get(language, ())):
            for pattern in cue.patterns:
                scanned = aspects._scanning(pattern)
                for char in first_chars(pattern) or ():
                    pairs.add((char, pattern.flags))
                if scanned is not pattern:
                    for text in texts:
                        assert [m.span() for m in scanned.finditer(text)] == [m.span() for m in pattern.finditer(text)]
                    checked += 1
    assert checked > 300
    for char, flags in pairs:
        literal = set(re.findall(re.escape(char), everything, flags))
        assert literal <= set(re.findall("[" + re.escape(char) + "]", everything, flags)), char
