"""Evaluation gate: the default language backend must hold the floors in corpus/gold/floors_language.yaml."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import pytest
import yaml

from toolkit import language
from toolkit.evaluation import language as eval_language

FLOORS = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "corpus/gold/floors_language.yaml").read_text("utf-8")
)


@functools.cache
def _report(backend: str) -> pd.DataFrame:
    return eval_language.report(backend=backend)


def _value(backend: str, level: str, by: str, group: str) -> float:
    r = _report(backend)
    return float(r[(r["level"] == level) & (r["by"] == by) & (r["group"] == group)]["accuracy"].iloc[0])


def test_floors_are_for_the_default_backend() -> None:
    assert FLOORS["backend"] == language.DEFAULT_BACKEND


def test_review_level_floor() -> None:
    assert _value(FLOORS["backend"], "review", "all", "all") >= FLOORS["review_accuracy"]


def test_mixed_flag_floor() -> None:
    assert _value(FLOORS["backend"], "review", "mixed", "all") >= FLOORS["mixed_accuracy"]


def test_sentence_level_floor() -> None:
    assert _value(FLOORS["backend"], "sentence", "all", "all") >= FLOORS["sentence_accuracy"]


def test_sentence_level_floor_in_context() -> None:
    # What the sentences table holds: corpus sentences judged inside their reviews (fragments inherit).
    assert _value(FLOORS["backend"], "sentence in context", "all", "all") >= FLOORS["sentence_in_context_accuracy"]


def test_default_beats_langdetect_on_short_sentences() -> None:
    ours = _value(FLOORS["backend"], "sentence", "length", "<20")
    theirs = _value(FLOORS["short_sentences_beat"], "sentence", "length", "<20")
    assert ours > theirs


def test_dev_set_shape() -> None:
    sents = eval_language.load_sentences()
    reviews = eval_language.load_reviews()
    assert len(sents) >= 300
    required = {
        "ru",
        "de",
        "fr",
        "es",
        "it",
        "pl",
        "pt",
        "tr",
        "ar",
        "uk",
        "en",
        "cs",
        "sk",
        "ca",
        "et",
        "ko",
        "ja",
        "zh",
        "nl",
        "sv",
        "und",
    }
    assert required <= set(sents["language"])
    assert set(sents["source"]) == {"corpus", "written"}
    assert set(sents["bucket"]) == {"<20", "20-60", ">60"}
    assert reviews["review_id"].is_unique and reviews["mixed"].any()
    assert not (reviews["text"] == "").any()


def test_report_shape_and_markdown() -> None:
    r = _report(FLOORS["backend"])
    assert list(r.columns) == ["backend", "level", "by", "group", "n", "accuracy"]
    assert r["accuracy"].between(0, 1).all()
    md = eval_language.to_markdown(r.head(2))
    assert md.splitlines()[0] == "| backend | level | by | group | n | accuracy |"


def test_gold_file_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "gold.csv"
    bad.write_text("text,language,source,notes\nHallo Welt,de,written,\nNo label,,written,\n", "utf-8")
    with pytest.raises(ValueError, match="line\\(s\\) 3 have no gold language"):
        eval_language.load_sentences(bad)
