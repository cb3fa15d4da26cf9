"""Tests for toolkit.charts: specs carry the right encodings, tooltips with words and sources, the theme."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from toolkit import charts, figures, reception
from toolkit.tables import TableError

SAMPLE = figures.sample_analysis()
REVIEWS = reception.scope(SAMPLE.reviews).query("in_scope")
TABLES = reception.by_place(REVIEWS, SAMPLE.statements, SAMPLE.budget_figures, resamples=200)
MENTIONS = reception.comparison_films(REVIEWS)
FILMS = reception.share_by(REVIEWS, MENTIONS.assign(text=MENTIONS["matched"]), column="film")
CITED = reception.budget_cited(REVIEWS, SAMPLE.budget_figures)


def _walk(spec: object, key: str) -> list:
    """Every value stored under `key` anywhere in a nested Vega-Lite spec."""
    found = []
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k == key:
                found.append(v)
            found.extend(_walk(v, key))
    elif isinstance(spec, list):
        for v in spec:
            found.extend(_walk(v, key))
    return found


def _tooltip_fields(spec: dict) -> set[str]:
    return {t["field"] for tips in _walk(spec, "tooltip") if isinstance(tips, list) for t in tips}


def _encoded_fields(spec: dict) -> set[str]:
    fields = set()
    for encoding in _walk(spec, "encoding") + [{"facet": f} for f in _walk(spec, "facet")]:
        for channel in encoding.values():
            if isinstance(channel, dict) and "field" in channel:
                fields.add(channel["field"])
    return fields


def _rows(spec: dict) -> int:
    return sum(len(values) for values in spec.get("datasets", {}).values())


SHARE_TIPS = {
    "group",
    "category",
    "count",
    "n",
    "share",
    "ci_low",
    "ci_high",
    "ci_method",
    "example",
    "example_source",
    "review_ids",
}


@pytest.mark.parametrize(
    "make, table, encoded, tips",
    [
        (
            charts.rating_by_place,
            TABLES["ratings"],
            {"group", "mean", "ci_low", "ci_high", "label"},
            {"group", "n", "n_reviews", "mean", "ci_low", "ci_high", "ci_method", "review_ids"},
        ),
        (charts.aspect_attention, TABLES["aspects"], {"group", "category", "share", "label"}, SHARE_TIPS),
        (charts.frames_by_place, TABLES["frames"], {"group", "category", "share", "label"}, SHARE_TIPS),
        (charts.comparison_films_by_place, FILMS, {"group", "category", "share", "label"}, SHARE_TIPS),
        (charts.stance_by_place, TABLES["stances"], {"group", "category", "share", "ci_low", "ci_high"}, SHARE_TIPS),
        (
            charts.budget_figures,
            CITED,
            {"usd", "place", "subject"},
            {"text", "outlet", "review_id", "place", "amount", "currency", "usd", "subject"},
        ),
        (
            charts.reviews_over_time,
            reception.over_time(REVIEWS),
            {"period", "n", "group"},
            {"period", "group", "n", "review_ids"},
        ),
        (
            charts.distinctive_words,
            reception.distinctive_words(REVIEWS, min_count=1),
            {"z", "word", "group"},
            {"group", "word", "count", "count_rest", "z", "n", "review_ids"},
        ),
    ],
)
def test_chart_specs_have_encodings_tooltips_and_all_rows(make, table, encoded, tips):
    before = table.copy()
    spec = make(table).to_dict()  # to_dict validates against the Vega-Lite schema
    assert encoded <= _encoded_fields(spec)
    assert tips <= _tooltip_fields(spec)
    assert _rows(spec) == len(table) > 0
    pd.testing.assert_frame_equal(table, before)  # charts do not touch their input


def test_house_theme_is_registered_and_applied():
    assert alt.theme.active == charts.THEME
    spec = charts.aspect_attention(TABLES["aspects"]).to_dict()
    assert spec["config"]["font"] == charts.FONT
    assert spec["config"]["axis"]["labelFont"] == charts.FONT


def test_budget_tooltip_shows_the_statements_own_words():
    spec = charts.budget_figures(CITED).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert sorted(v["text"] for v in values) == sorted(SAMPLE.budget_figures["text"])
    assert {v["outlet"] for v in values} == {"Daily Orbit", "Launch Pad Blog", "Кинообзор"}


def test_budget_figures_without_usd_are_named_not_hidden():
    table = CITED.copy()
    table.loc[0, "usd"] = float("nan")
    spec = charts.budget_figures(table).to_dict()
    assert "1 figure(s) without a USD value" in spec["title"]["subtitle"]
    assert _rows(spec) == len(table) - 1


def test_budget_subjects_keep_fixed_colours():
    spec = charts.budget_figures(CITED).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == charts.SUBJECT_COLORS


@pytest.mark.parametrize(
    "make, message",
    [
        (charts.rating_by_place, "charts.rating_by_place needs column(s) mean"),
        (charts.share_heatmap, "charts.share_heatmap needs column(s) category"),
        (charts.budget_figures, "charts.budget_figures needs column(s) review_id"),
    ],
)
def test_charts_name_missing_columns(make, message):
    table = pd.DataFrame(
        {"group": ["US"], "n": [1], "n_reviews": [1], "ci_low": [0.1], "ci_high": [0.2], "review_ids": ["a"]}
    )
    kwargs = {"title": "t"} if make is charts.share_heatmap else {}
    with pytest.raises(TableError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make(table, **kwargs)


def test_chart_specs_reference_no_remote_data_or_scripts():
    for make, table in [(charts.aspect_attention, TABLES["aspects"]), (charts.budget_figures, CITED)]:
        spec = make(table).to_dict()
        assert not _walk(spec, "url")  # data is inline, nothing fetched


def test_sentiment_chart_names_its_method_and_counts_unscored_reviews():
    table = reception.sentiment_by(reception.sentiment(REVIEWS), resamples=100)
    spec = charts.sentiment_by_place(table).to_dict()
    assert "Method: vader" in spec["title"]["subtitle"][0]
    assert {"n_no_method", "n", "review_ids", "mean"} <= _tooltip_fields(spec)
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [-1, 1]
