"""Tests for toolkit.ratings: every rating form, scopes, refusals, and the table stage."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit.ratings import Rating, normalize, normalize_rating


@pytest.mark.parametrize(
    ("raw", "value", "scope", "form"),
    [
        # stars with halves, out of five
        ("★★★½", 0.7, "review", "stars"),
        ("★★", 0.4, "review", "stars"),
        ("½", 0.1, "review", "stars"),
        ("★★★★★", 1.0, "review", "stars"),
        ("★★★☆", 0.75, "review", "stars"),  # empty stars give the scale
        ("★★★½☆", 0.7, "review", "stars"),
        # Letterboxd: the digit after the stars is a comment count
        ("★★★ 4", 0.6, "review", "stars"),
        ("★★★★ 2", 0.8, "review", "stars"),
        ("Review by Fay ✦ ★★", 0.4, "review", "stars"),
        ("3½ stars", 0.7, "review", "stars_count"),
        ("3 1/2 stars", 0.7, "review", "stars_count"),
        ("4 stars", 0.8, "review", "stars_count"),
        ("4 Sterne", 0.8, "review", "stars_count"),
        # fractions and "out of"
        ("3.5/5", 0.7, "review", "fraction"),
        ("3,5/5", 0.7, "review", "fraction"),
        ("Original Score: 3.5/5", 0.7, "review", "fraction"),
        ("Rated 4/5 Stars", 0.8, "review", "fraction"),
        ("9/10", 0.9, "review", "fraction"),
        ("7.0/10", 0.7, "review", "fraction"),
        ("9/10. A real gem.", 0.9, "review", "fraction"),
        ("Оценка: 8/10", 0.8, "review", "fraction"),
        ("Rated 4 out of 5 stars", 0.8, "review", "out_of"),
        ("3 out of 4", 0.75, "review", "out_of"),
        ("4 von 5 Sternen", 0.8, "review", "out_of"),
        ("4 из 5 звёзд", 0.8, "review", "out_of"),
        ("٤ من ٥", 0.8, "review", "out_of"),
        ("3 sur 4", 0.75, "review", "out_of"),
        ("Rated 4/5 Stars • Rated 4 out of 5 stars", 0.8, "review", "fraction"),  # two agreeing readings
        ("81%", 0.81, "review", "percent"),
        ("٨١٪", 0.81, "review", "percent"),
        # letter grades (Metacritic's conversion)
        ("B+", 0.83, "review", "letter"),
        ("A-", 0.91, "review", "letter"),
        ("C", 0.5, "review", "letter"),
        ("Grade: C-", 0.42, "review", "letter"),
        ("Original Score: B+", 0.83, "review", "letter"),
        # audience and aggregate scores keep their value but are not the review's own rating
        ("Audience Member", None, "audience", "unparsed"),
        ("Audience Score", None, "audience", "unparsed"),
        ("Audience Score 73%", 0.73, "audience", "source_score"),
        ("Rated 4/5 Stars • Rated 4 out of 5 stars 01/15/23 Full Review Audience Member", 0.8, "audience", "fraction"),
        ("Critics 81% 16", 0.81, "aggregate", "source_score"),
        ("IMDb 7.2", 0.72, "aggregate", "source_score"),
        ("IMDb 7.2 12 232", 0.72, "aggregate", "source_score"),
        ("Kinorium 7.0 3079", 0.7, "aggregate", "source_score"),
        ("Metascore 68", 0.68, "aggregate", "source_score"),
        ("Tomatometer", None, "aggregate", "unparsed"),
        ("Рейтинг Кинопоиск 7.3", 0.73, "aggregate", "source_score"),
        # never a guess
        (None, None, None, "none"),
        ("", None, None, "none"),
        ("a real gem", None, None, "unparsed"),
        ("A real gem", None, None, "unparsed"),  # a capital A in prose is not a grade
        ("8", None, None, "unparsed"),  # a bare number has no scale
        ("24/7", None, None, "unparsed"),  # not a rating scale
        ("6/5", None, None, "out_of_range"),
        ("120%", None, None, "out_of_range"),
        ("3/5 or maybe 4/5", None, None, "conflict"),
        ("Tomatometer 81% Audience Score 73%", None, "audience", "conflict"),
    ],
)
def test_normalize_rating(raw: str | None, value: float | None, scope: str | None, form: str) -> None:
    assert normalize_rating(raw) == Rating(value, scope, form)


def test_rating_is_frozen() -> None:
    rating = normalize_rating("9/10")
    with pytest.raises(AttributeError):
        rating.value = 0.1  # type: ignore[misc]


def test_normalize_table_keeps_only_review_scope() -> None:
    frame = pd.DataFrame(
        {
            "review_id": ["a", "b", "c", "d", "e"],
            "rating_raw": ["★★★ 4", "Critics 81% 16", "Audience Member ★★★★", None, "so-so"],
            "rating": [None, None, None, 0.55, None],
        }
    )
    before = frame.copy()
    out = normalize(frame)
    pd.testing.assert_frame_equal(frame, before)  # input untouched
    assert out["rating"].tolist()[:1] == [0.6]
    assert out["rating"].tolist()[3] == 0.55
    assert all(math.isnan(v) for i, v in enumerate(out["rating"].tolist()) if i in (1, 2, 4))
    assert out["rating_scope"].tolist() == ["review", "aggregate", "audience", "review", None]
    assert out["rating_form"].tolist() == ["stars", "source_score", "stars", "given", "unparsed"]


def test_normalize_table_requires_rating_raw() -> None:
    from toolkit.tables import TableError

    with pytest.raises(TableError, match="ratings.normalize needs column"):
        normalize(pd.DataFrame({"rating": [0.5]}))
