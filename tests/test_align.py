"""Tests for toolkit.align: side-by-side tables, claims across reviews, CSV and self-contained HTML."""

from __future__ import annotations

import csv
import importlib
import io
import math

import pandas as pd
import pytest

from toolkit.tables import TableError

# The module, not the verb: the package binds `toolkit.align` to the function `align.align`.
align = importlib.import_module("toolkit.align")

REVIEWS = pd.DataFrame(
    {
        "review_id": ["us-1", "ru-1", "de-1", "quiet"],
        "place": ["US", "RU", "DE", None],
        "language": ["en", "ru", "de", "en"],
        "outlet": ["Space Weekly", "Кино-Обзор", "<script>alert('outlet')</script>", None],
        "kind": ["critic", "blog", "user", "user"],
        "text": ["x", "y", "z", "w"],
    }
)
STATEMENTS = pd.DataFrame(
    [
        {
            "review_id": "us-1",
            "sentence_id": "us-1:1",
            "aspect": "budget",
            "start": 0,
            "text": "A $15 million film that looks like a $150 million one.",
            "stance": None,
            "incidents": [],
            "frames": [],
        },
        {
            "review_id": "us-1",
            "sentence_id": "us-1:2",
            "aspect": "accuracy",
            "start": 60,
            "text": "The fire never happened.",
            "stance": "embellished",
            "incidents": ["fire"],
            "frames": [],
        },
        {
            "review_id": "us-1",
            "sentence_id": "us-1:3",
            "aspect": "geopolitics",
            "start": 90,
            "text": "The Americans are the villains.",
            "stance": None,
            "incidents": [],
            "frames": ["anti_american"],
        },
        {
            "review_id": "ru-1",
            "sentence_id": "ru-1:1",
            "aspect": "budget",
            "start": 0,
            "text": "Бюджет — 15 миллионов долларов.",
            "stance": None,
            "incidents": [],
            "frames": [],
        },
        {
            "review_id": "ru-1",
            "sentence_id": "ru-1:2",
            "aspect": "accuracy",
            "start": 40,
            "text": "Пожара на самом деле не было.",
            "stance": "embellished",
            "incidents": ["fire"],
            "frames": [],
        },
        {
            "review_id": "de-1",
            "sentence_id": "de-1:1",
            "aspect": "accuracy",
            "start": 0,
            "text": "<b>Authentisch</b> bis ins Detail & sehr genau.",
            "stance": "faithful",
            "incidents": [],
            "frames": [],
        },
        {
            "review_id": "de-1",
            "sentence_id": "de-1:2",
            "aspect": "geopolitics",
            "start": 50,
            "text": "Der Kalte Krieg <script>alert(1)</script> ist überall.",
            "stance": None,
            "incidents": [],
            "frames": ["cold_war"],
        },
    ]
)
FIGURES = pd.DataFrame(
    [
        {
            "review_id": "us-1",
            "sentence_id": "us-1:1",
            "amount": 15e6,
            "currency": "USD",
            "usd": 15e6,
            "subject": "film",
            "text": "$15 million",
        },
        {
            "review_id": "us-1",
            "sentence_id": "us-1:1",
            "amount": 150e6,
            "currency": "USD",
            "usd": 150e6,
            "subject": "counterfactual",
            "text": "$150 million",
        },
        {
            "review_id": "ru-1",
            "sentence_id": "ru-1:1",
            "amount": 15e6,
            "currency": "USD",
            "usd": 15e6,
            "subject": "film",
            "text": "15 миллионов долларов",
        },
    ]
)


@pytest.fixture(scope="module")
def result() -> align.Alignment:
    return align.align(REVIEWS, STATEMENTS, FIGURES)


def test_by_review_has_every_review_and_aspects_side_by_side(result):
    table = result.by_review
    assert table["review_id"].tolist() == ["de-1", "quiet", "ru-1", "us-1"]
    for column in ("place", "language", "outlet", "kind", "budget", "accuracy", "geopolitics", "n_budget"):
        assert column in table.columns
    quiet = table[table["review_id"] == "quiet"].iloc[0]
    assert quiet["budget"] == "" and quiet["n_accuracy"] == 0
    us = table[table["review_id"] == "us-1"].iloc[0]
    assert us["accuracy"] == "The fire never happened." and us["n_geopolitics"] == 1


@pytest.mark.parametrize(
    "claim, n_reviews, places, languages",
    [
        ("USD 15,000,000 (film)", 2, ["RU", "US"], ["en", "ru"]),
        ("USD 150,000,000 (counterfactual)", 1, ["US"], ["en"]),
        ("fire: invented", 2, ["RU", "US"], ["en", "ru"]),
        ("accuracy: faithful", 1, ["DE"], ["de"]),
        ("accuracy: embellished", 2, ["RU", "US"], ["en", "ru"]),
        ("anti_american", 1, ["US"], ["en"]),
        ("cold_war", 1, ["DE"], ["de"]),
    ],
)
def test_claims_across_reviews(result, claim, n_reviews, places, languages):
    row = result.claims[result.claims["claim"] == claim]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["n_reviews"] == n_reviews
    assert row["places"] == places and row["languages"] == languages
    assert len(row["evidence"]) >= n_reviews


def test_budget_claim_carries_amount_currency_usd_subject(result):
    row = result.claims[result.claims["claim"] == "USD 15,000,000 (film)"].iloc[0]
    assert (row["claim_type"], row["amount"], row["currency"], row["usd"], row["subject"]) == (
        "budget_figure",
        15e6,
        "USD",
        15e6,
        "film",
    )
    assert row["review_ids"] == ["ru-1", "us-1"]
    assert "[ru-1] Бюджет — 15 миллионов долларов." in row["evidence"]


def test_claims_are_ordered_by_type(result):
    order = result.claims["claim_type"].tolist()
    assert order == sorted(order, key=["budget_figure", "incident", "stance", "frame"].index)


def test_deterministic(result):
    again = align.align(REVIEWS.iloc[::-1], STATEMENTS.iloc[::-1], FIGURES.iloc[::-1])
    pd.testing.assert_frame_equal(result.by_review, again.by_review)
    pd.testing.assert_frame_equal(result.claims, again.claims)


def test_without_figures_and_minimal_reviews():
    out = align.align(pd.DataFrame({"review_id": ["us-1", "ru-1", "de-1"]}), STATEMENTS)
    assert "budget_figure" not in set(out.claims["claim_type"])
    assert out.by_review["place"].isna().all()


def test_statements_for_unknown_reviews_are_an_error():
    with pytest.raises(TableError, match="us-1"):
        align.align(REVIEWS[REVIEWS["review_id"] != "us-1"], STATEMENTS, FIGURES)


def test_csv_round_trips_with_joined_lists(result):
    text = align.to_csv(result)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(result.claims)
    film = next(r for r in rows if r["claim"] == "USD 15,000,000 (film)")
    assert film["review_ids"] == "ru-1; us-1" and film["places"] == "RU; US"
    wide = list(csv.DictReader(io.StringIO(align.to_csv(result, table="by_review"))))
    assert [r["review_id"] for r in wide] == ["de-1", "quiet", "ru-1", "us-1"]
    with pytest.raises(ValueError):
        align.to_csv(result, table="nope")


def test_html_is_self_contained_and_escapes_hostile_text(result):
    page = align.to_html(result, title="Salyut-7 <script>alert('t')</script> & friends")
    assert page.startswith("<!DOCTYPE html>")
    lowered = page.lower()
    assert "<script" not in lowered
    assert "src=" not in lowered and "href=" not in lowered and "@import" not in lowered and "url(" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Authentisch&lt;/b&gt; bis ins Detail &amp; sehr genau." in page
    assert "&lt;script&gt;alert(&#39;outlet&#39;)&lt;/script&gt;" in page
    assert "<title>Salyut-7 &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; friends</title>" in page
    assert "Пожара на самом деле не было." in page
    assert page.count("<table>") == 3  # claims, by review, coded statements


def test_html_of_empty_alignment():
    out = align.align(pd.DataFrame({"review_id": ["a"]}), STATEMENTS.iloc[0:0])
    page = align.to_html(out, title="empty")
    assert "No claims." in page and math.isfinite(len(page))


def test_html_marks_triggering_words_and_still_escapes():
    statements = pd.DataFrame(
        [
            {
                "review_id": "us-1",
                "sentence_id": "us-1:1",
                "aspect": "budget",
                "start": 10,
                "text": "<i>A</i> shoestring budget & more.",
                "cues": ["budget.en.budget", "budget.en.shoestring"],
                "stance": None,
                "incidents": [],
                "frames": [],
                "evidence": [
                    {"cue": "budget.en.shoestring", "text": "shoestring", "start": 19, "end": 29, "negated": False},
                    {"cue": "budget.en.budget", "text": "budget", "start": 30, "end": 36, "negated": False},
                ],
            }
        ]
    )
    page = align.to_html(align.align(REVIEWS, statements), title="t")
    assert '<mark title="budget.en.shoestring">shoestring</mark> <mark title="budget.en.budget">budget</mark>' in page
    assert "&lt;i&gt;A&lt;/i&gt; " in page and "&amp; more." in page and "<i>" not in page
