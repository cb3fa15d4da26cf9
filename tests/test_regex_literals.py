"""`toolkit.regex_literals`: the literals it claims a pattern requires are really required (the prefilter in
`toolkit.aspects` skips a pattern on any sentence without them, so a wrong claim would lose statements)."""

from __future__ import annotations

import json
import re

import pytest

from toolkit import aspects, datasets
from toolkit.regex_literals import DIGIT, required_literal_sets, required_literals


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
        (r"\$\s*\d+", DIGIT),  # "$" is one character, too short to test; the digit is required
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
        (r"\$\s*\d+\s*million", [DIGIT, {"million"}]),
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
