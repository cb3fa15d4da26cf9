"""Evaluation gate by length of text: the default language backend must hold the floors in
corpus/gold/floors_words.yaml on single words, word pairs and short sentences."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import pytest
import yaml

from toolkit import language
from toolkit.evaluation import words as eval_words

FLOORS = yaml.safe_load((Path(__file__).resolve().parent.parent / "corpus/gold/floors_words.yaml").read_text("utf-8"))


@functools.cache
def _report() -> pd.DataFrame:
    return eval_words.report(backend=FLOORS["backend"])


def _overall(length: str, outcome: str) -> float:
    r = _report()
    return float(r[(r["length"] == length) & (r["language"] == "all")][outcome].iloc[0])


def test_floors_are_for_the_default_backend_and_this_gold_file() -> None:
    assert FLOORS["backend"] == language.DEFAULT_BACKEND
    # Editing the gold file changes what the floors mean: re-measure and re-pin them in the same commit.
    assert eval_words.gold_sha256() == FLOORS["gold_sha256"]


def test_single_words_are_rarely_answered_wrongly() -> None:
    assert _overall("word", "wrong") <= FLOORS["word_wrong_max"] <= 0.10


def test_single_words_are_still_mostly_answered() -> None:
    # Abstaining on every word would pass the wrong-answer floor; this one would fail.
    assert _overall("word", "right") >= FLOORS["word_right_min"]


@pytest.mark.parametrize("length, key", [("pair", "pair_right_min"), ("sentence", "sentence_right_min")])
def test_pairs_and_sentences_keep_their_accuracy(length: str, key: str) -> None:
    assert _overall(length, "right") >= FLOORS[key]


def test_no_language_has_many_wrong_words() -> None:
    r = _report()
    words = r[(r["length"] == "word") & (r["language"] != "all")]
    worst = words.sort_values("wrong", ascending=False).iloc[0]
    assert worst["wrong"] <= FLOORS["word_wrong_max_per_language"], worst.to_dict()


def test_report_shape() -> None:
    r = _report()
    assert list(r.columns) == ["backend", "length", "language", "n", "right", "wrong", "abstained"]
    assert list(r.loc[r["language"] == "all", "length"]) == ["word", "pair", "sentence"]
    shares = r[["right", "wrong", "abstained"]].sum(axis=1)
    assert ((shares - 1).abs() < 0.001).all()


def test_gold_set_shape() -> None:
    gold = eval_words.load_lengths()
    counts = gold.groupby(["language", "length"]).size().unstack()
    assert len(counts) >= 20 and (counts >= 60).all().all()
    for iso in (
        "en",
        "de",
        "ru",
        "fr",
        "es",
        "it",
        "pl",
        "pt",
        "uk",
        "cs",
        "sk",
        "nl",
        "sv",
        "ca",
        "et",
        "hu",
        "ro",
        "el",
        "tr",
        "ar",
        "ja",
        "zh",
        "ko",
        "hi",
    ):
        assert iso in counts.index
    shared = gold[gold["also"] != ""]
    assert 0 < len(shared) < 0.2 * len(gold)  # some shared strings, most items one language's


@pytest.mark.parametrize(
    "gold_language, also, predicted, expected",
    [
        ("de", "", "de", "right"),
        ("de", "", "nl", "wrong"),
        ("de", "", "und", "abstained"),
        ("en", "de nl", "nl", "right"),  # "Kosmos": a word of several languages, any of them is right
        ("en", "de nl", "und", "right"),  # ... and so is abstaining
        ("en", "de nl", "fr", "wrong"),
    ],
)
def test_scoring_rule(gold_language: str, also: str, predicted: str, expected: str) -> None:
    assert eval_words.outcome(gold_language, also, predicted) == expected


@pytest.mark.parametrize(
    "body, message",
    [
        ("text,language,length,also\nHallo,de,word,\nZwei Wörter,de,phrase,\n", r"line\(s\) 3: bad 'length'"),
        ("text,language,length,also\nHallo,,word,\n", r"line\(s\) 2: bad 'language'"),
        ('text,language,length,also\nTaxi,de,word,"en, fr"\n', r"line\(s\) 2: bad 'also'"),
        ("text,language,length,also\nHallo,de,word,\nHallo,de,word,\n", r"line\(s\) 3 repeat"),
        ("text,language,length\nHallo,de,word\n", r"missing column\(s\) also"),
    ],
)
def test_gold_file_errors_name_the_line(tmp_path: Path, body: str, message: str) -> None:
    bad = tmp_path / "gold.csv"
    bad.write_text(body, "utf-8")
    with pytest.raises(ValueError, match=message):
        eval_words.load_lengths(bad)
