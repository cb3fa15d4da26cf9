"""Tests for toolkit.reception: exact values on small frames that follow the table contracts."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from toolkit import reception
from toolkit.tables import TableError


def _reviews() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "review_id": ["r1", "r2", "r3", "r4", "r5", "r6"],
            "place": ["US", "US", "US", "RU", "RU", None],
            "kind": ["critic", "critic", "blog", "critic", "user", "critic"],
            "outlet": ["Orbit Weekly", "Screen Desk", "", "Кинолента", "", "Nowhere"],
            "rating": [0.6, 0.8, 1.0, 0.9, None, 0.5],
            "published": ["2017-10-05", "2017-11-02", "2017-10", "2017-09-30", None, "2018"],
            "language": ["en", "en", "en", "ru", "ru", "en"],
            "text": ["x"] * 6,
        }
    )


def _statements() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "review_id": ["r1", "r1", "r2", "r4", "r4", "r9"],
            "sentence_id": ["r1/1", "r1/2", "r2/1", "r4/1", "r4/2", "r9/1"],
            "aspect": ["budget", "accuracy", "accuracy", "geopolitics", "accuracy", "budget"],
            "stance": [None, "embellished", "faithful", None, "embellished", None],
            "frames": [[], [], [], ["cold_war", "patriotism"], [], []],
            "text": [
                "It cost little.",
                "The fire was invented.",
                "Close to the record.",
                "Холодная война снова здесь.",
                "Пожара не было.",
                "Out of scope.",
            ],
        }
    )


# ---------------------------------------------------------------------------------------- bootstrap
@pytest.mark.parametrize(
    "values, seed, resamples, expected",
    [
        ([0, 1, 1, 0, 1], 42, 2000, (0.2, 1.0)),
        ([0.5, 0.7, 0.9], 1, 1000, (0.5, 0.9)),
        ([1, 1, 1, 1], 0, 2000, (1.0, 1.0)),
        ([0.25], 0, 50, (0.25, 0.25)),
    ],
)
def test_bootstrap_ci_is_exact_with_a_fixed_seed(values, seed, resamples, expected):
    assert reception.bootstrap_ci(values, rng=np.random.default_rng(seed), resamples=resamples) == expected


def test_bootstrap_ci_of_nothing_is_nan():
    low, high = reception.bootstrap_ci([])
    assert math.isnan(low) and math.isnan(high)


def test_share_ci_for_8_of_20_is_wilson_and_a_group_of_two_gets_none():
    reviews = pd.DataFrame({"review_id": [f"r{i:02d}" for i in range(20)], "place": ["US"] * 20})
    items = pd.DataFrame({"review_id": [f"r{i:02d}" for i in range(8)], "aspect": ["budget"] * 8})
    row = reception.share_by(reviews, items, column="aspect").iloc[0]
    assert (row["count"], row["n"], row["share"], row["ci_low"], row["ci_high"], row["ci_method"]) == (
        8,
        20,
        0.4,
        0.218807,
        0.613418,
        "wilson",
    )
    assert row["review_ids"] == ";".join(f"r{i:02d}" for i in range(8))
    more = pd.concat([reviews, pd.DataFrame({"review_id": ["z1", "z2"], "place": ["FR", "FR"]})])
    again = reception.share_by(more, items, column="aspect").set_index("group")
    assert (again.loc["US", "ci_low"], again.loc["US", "ci_high"]) == (0.218807, 0.613418)
    assert math.isnan(again.loc["FR", "ci_low"]) and again.loc["FR", "ci_method"] == "none: n < 3"


# ---------------------------------------------------------------------------------------- intervals
# Wilson bounds worked by hand: at 0 of n the upper bound is z²/(n + z²), e.g. 3.8415 / 8.8415 for n = 5.
@pytest.mark.parametrize(
    "count, n, expected",
    [
        (0, 5, (0.0, 0.434482)),
        (5, 5, (0.565518, 1.0)),
        (1, 3, (0.061492, 0.79234)),
        (15, 30, (0.331541, 0.668459)),
        (3, 10, (0.107791, 0.603222)),
    ],
)
def test_wilson_interval_exact_values(count, n, expected):
    assert reception.wilson_ci(count, n) == expected


def test_wilson_interval_of_no_reviews_is_nan_and_a_bad_count_is_refused():
    assert all(math.isnan(v) for v in reception.wilson_ci(0, 0))
    with pytest.raises(ValueError, match="count must be between 0 and n=3, got 4"):
        reception.wilson_ci(4, 3)


@pytest.mark.parametrize(
    "count, n, method",
    [(0, 0, "none: n < 3"), (1, 1, "none: n < 3"), (2, 2, "none: n < 3"), (0, 3, "wilson"), (2, 3, "wilson")],
)
def test_share_intervals_start_at_three_reviews(count, n, method):
    low, high, got = reception.share_ci(count, n)
    assert got == method
    assert (math.isnan(low) and math.isnan(high)) == (method != "wilson")


@pytest.mark.parametrize(
    "values, method",
    [
        ([], "none: n < 3"),
        ([0.7], "none: n < 3"),
        ([0.6, 0.8], "none: n < 3"),
        ([0.6, 0.8, 0.9], "percentile"),
        ([0.2, 0.6, 0.8, 0.9], "percentile"),  # too few for BCa
        ([0.7] * 12, "percentile"),  # all equal: no jackknife spread, BCa is undefined
        ([0.2, 0.5, 0.6, 0.8, 0.9], "bca"),
        (list(np.linspace(0, 1, 30)), "bca"),
    ],
)
def test_mean_interval_method_by_group(values, method):
    low, high, got = reception.mean_ci(values, rng=np.random.default_rng(4))
    assert got == method
    if method == "none: n < 3":
        assert math.isnan(low) and math.isnan(high)
    else:
        assert low <= round(float(np.mean(values)), 6) <= high


def test_bca_matches_scipy_on_skewed_data():
    # An independent implementation: scipy's BCa, with enough resamples that the random streams differ
    # by less than the tolerance.
    stats = pytest.importorskip("scipy.stats")
    values = np.array([0.1, 0.15, 0.2, 0.2, 0.3, 0.35, 0.4, 0.5, 0.9, 1.0, 1.0, 1.0])
    low, high, method = reception.mean_ci(values, resamples=40_000, rng=np.random.default_rng(8))
    theirs = stats.bootstrap(
        (values,), np.mean, n_resamples=40_000, method="BCa", random_state=np.random.default_rng(9)
    ).confidence_interval
    assert method == "bca"
    assert low == pytest.approx(theirs.low, abs=0.01) and high == pytest.approx(theirs.high, abs=0.01)
    # BCa moves toward the long tail compared with the percentile interval of the same resamples.
    plain = reception.bootstrap_ci(values, resamples=40_000, rng=np.random.default_rng(8))
    assert low > plain[0] and high > plain[1]


def _coverage(interval, n: int, shares: np.ndarray) -> np.ndarray:
    """Exact coverage at each true share: the binomial probability of the counts whose interval holds it."""
    bounds = [interval(k, n) for k in range(n + 1)]
    counts = np.arange(n + 1)
    coverage = []
    for p in shares:
        pmf = np.array([math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in counts])
        coverage.append(sum(pmf[k] for k in counts if bounds[k][0] <= p <= bounds[k][1]))
    return np.array(coverage)


def _percentile_bootstrap_share(count: int, n: int) -> tuple[float, float]:
    # With infinitely many resamples a share's percentile bootstrap is the 2.5 % and 97.5 % quantiles of
    # Binomial(n, count/n) / n: what the tables used before Wilson.
    cdf = np.cumsum([math.comb(n, k) * (count / n) ** k * (1 - count / n) ** (n - k) for k in range(n + 1)])
    return (np.searchsorted(cdf, 0.025 - 1e-12) / n, np.searchsorted(cdf, 0.975 - 1e-12) / n)


@pytest.mark.parametrize("n", [5, 10, 30])
def test_wilson_coverage_holds_on_average_at_small_n(n):
    shares = np.round(np.arange(0.05, 0.951, 0.01), 2)  # 91 true shares from 0.05 to 0.95
    coverage = _coverage(reception.wilson_ci, n, shares)
    old = _coverage(_percentile_bootstrap_share, n, shares)
    worst = int(np.argmin(coverage))
    print(
        f"\nn={n}: Wilson average coverage {coverage.mean():.3f}, worst {coverage[worst]:.3f} at share "
        f"{shares[worst]:.2f}; percentile bootstrap average {old.mean():.3f}, worst {old.min():.3f}"
    )
    assert 0.92 <= coverage.mean() <= 0.98
    assert coverage.min() > 0.85  # no true share is badly missed
    assert old.mean() < coverage.mean()  # the reason for the change


# ------------------------------------------------------------------------------------------- shares
@pytest.mark.parametrize(
    "group, category, count, n, share, ids",
    [
        ("RU", "accuracy", 1, 2, 0.5, "r4"),
        ("RU", "budget", 0, 2, 0.0, ""),
        ("RU", "geopolitics", 1, 2, 0.5, "r4"),
        ("US", "accuracy", 2, 3, 0.666667, "r1;r2"),
        ("US", "budget", 1, 3, 0.333333, "r1"),
        ("US", "geopolitics", 0, 3, 0.0, ""),
        ("unknown", "budget", 0, 1, 0.0, ""),
    ],
)
def test_aspect_shares_by_place(group, category, count, n, share, ids):
    table = reception.share_by(_reviews(), _statements(), column="aspect")
    assert len(table) == 9  # 3 groups (missing place kept as "unknown") × 3 aspects, zeros included
    row = table[(table["group"] == group) & (table["category"] == category)].iloc[0]
    assert (row["count"], row["n"], row["share"], row["review_ids"]) == (count, n, share, ids)
    if n >= 3:
        assert row["ci_low"] <= row["share"] <= row["ci_high"] and row["ci_method"] == "wilson"
    else:  # groups of one or two reviews: the point and n, no interval
        assert math.isnan(row["ci_low"]) and math.isnan(row["ci_high"]) and row["ci_method"] == "none: n < 3"


def test_share_by_keeps_the_first_statement_as_example_with_its_source():
    table = reception.share_by(_reviews(), _statements(), column="aspect")
    row = table[(table["group"] == "US") & (table["category"] == "accuracy")].iloc[0]
    assert row["example"] == "The fire was invented."
    assert row["example_source"] == "Orbit Weekly (r1)"


@pytest.mark.parametrize(
    "group, category, count, n",
    [
        ("US", "embellished", 1, 2),
        ("US", "faithful", 1, 2),
        ("RU", "embellished", 1, 1),
        ("RU", "faithful", 0, 1),
        ("unknown", "faithful", 0, 0),
    ],
)
def test_stance_shares_among_reviews_discussing_accuracy(group, category, count, n):
    statements = _statements()
    accuracy = statements[statements["aspect"] == "accuracy"]
    table = reception.share_by(_reviews(), accuracy, column="stance", among="items")
    row = table[(table["group"] == group) & (table["category"] == category)].iloc[0]
    assert (row["count"], row["n"]) == (count, n)
    if n == 0:
        assert math.isnan(row["share"]) and math.isnan(row["ci_low"])


def test_list_valued_frames_count_each_value_and_by_kind_works():
    table = reception.share_by(_reviews(), _statements(), column="frames", by="kind")
    critic = table[table["group"] == "critic"].set_index("category")
    assert critic.loc["cold_war", "count"] == 1 and critic.loc["patriotism", "count"] == 1
    assert critic.loc["cold_war", "n"] == 4
    assert sorted(set(table["group"])) == ["blog", "critic", "user"]


def test_by_place_returns_all_tables_with_n_and_review_ids():
    budget = pd.DataFrame({"review_id": ["r1"], "subject": ["film"]})
    tables = reception.by_place(_reviews(), _statements(), budget, resamples=200)
    assert sorted(tables) == ["aspects", "budget", "frames", "ratings", "stances"]
    for table in tables.values():
        assert {"n", "review_ids", "group"} <= set(table.columns)
    budget_shares = tables["budget"].set_index(["group", "category"])["count"]
    assert budget_shares.loc[("US", "film")] == 1
    assert budget_shares.loc[("US", "comparator")] == 0  # every codebook code is reported, zeros too
    assert sorted(set(tables["frames"]["category"])) == [
        "anti_american",
        "cold_war",
        "patriotism",
        "propaganda",
        "soviet_nostalgia",
        "space_race",
        "state_critique",
    ]
    assert len(tables["stances"]) == 3 * 4  # 3 groups × 4 stances


def test_share_by_reports_listed_categories_with_zero_counts_and_adds_found_ones():
    table = reception.share_by(_reviews(), _statements(), column="aspect", categories=["budget", "other"])
    assert sorted(set(table["category"])) == ["accuracy", "budget", "geopolitics", "other"]
    other = table[table["category"] == "other"]
    assert other["count"].tolist() == [0, 0, 0] and other["n"].tolist() == [2, 3, 1]


def test_stages_do_not_mutate_their_input():
    reviews, statements = _reviews(), _statements()
    before = (reviews.copy(), statements.copy())
    reception.share_by(reviews, statements, column="frames")
    reception.rating_by(reviews)
    reception.sentiment(reviews)
    reception.scope(reviews)
    pd.testing.assert_frame_equal(reviews, before[0])
    pd.testing.assert_frame_equal(statements, before[1])


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: reception.share_by(pd.DataFrame({"review_id": []}), _statements(), column="aspect"),
            "reception.share_by needs column(s) place",
        ),
        (
            lambda: reception.rating_by(pd.DataFrame({"review_id": [], "place": []})),
            "reception.rating_by needs column(s) rating",
        ),
        (lambda: reception.sentiment(pd.DataFrame({"text": ["hi"]})), "reception.sentiment needs column(s) language"),
    ],
)
def test_missing_columns_name_the_stage(call, message):
    with pytest.raises(TableError, match=re.escape(message)):
        call()


def test_share_by_rejects_unknown_denominator():
    with pytest.raises(ValueError, match="among must be"):
        reception.share_by(_reviews(), _statements(), column="aspect", among="some")


# ------------------------------------------------------------------------------------------ ratings
def test_rating_by_exact_mean_and_interval():
    reviews = pd.DataFrame(
        {
            "review_id": [f"r{i:02d}" for i in range(10)],
            "place": ["GB"] * 10,
            "rating": [0.5, 0.6, 0.6, 0.7, 0.7, 0.7, 0.8, 0.8, 0.9, 1.0],
        }
    )
    row = reception.rating_by(reviews).iloc[0]
    assert (row["n"], row["mean"], row["ci_low"], row["ci_high"], row["ci_method"]) == (10, 0.73, 0.65, 0.83, "bca")


def test_ratings_keep_only_rated_reviews_and_carry_n():
    table = reception.ratings(_reviews())
    assert table["review_id"].tolist() == ["r1", "r2", "r3", "r4", "r6"]
    assert table["n"].tolist() == [1] * 5


def test_scope_excludes_synopses_and_duplicates_with_a_reason():
    reviews = pd.DataFrame(
        {
            "review_id": ["a", "b", "c", "d", "e"],
            "kind": ["critic", "news", "blurb", "user", None],
            "duplicate_of": [None, None, None, "a", None],
        }
    )
    table = reception.scope(reviews)
    assert table["in_scope"].tolist() == [True, False, True, False, True]  # unknown kind: kept
    assert table["scope_reason"].tolist() == ["", "kind news is not an opinion", "", "duplicate of a", ""]


# ---------------------------------------------------------------------------------------- sentiment
@pytest.mark.parametrize(
    "text, language, method, sign",
    [
        ("A gripping, beautifully shot rescue drama; I loved it.", "en", "vader", 1),
        ("A dull, clumsy and boring mess.", "en", "vader", -1),
        ("Захватывающий и красивый фильм.", "ru", "no method", None),
        ("Ein wunderbarer, spannender Film.", "de", "no method", None),
        ("A great film.", None, "no method", None),
    ],
)
def test_sentiment_only_where_a_method_exists(text, language, method, sign):
    out = reception.sentiment(pd.DataFrame({"text": [text], "language": [language]}))
    assert out["sentiment_method"].iloc[0] == method
    score = out["sentiment"].iloc[0]
    if sign is None:
        assert math.isnan(score)
    else:
        assert np.sign(score) == sign and -1 <= score <= 1


# -------------------------------------------------------------------------------- distinctive words
@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Salyut-7 is a Soviet-era story", ["salyut", "is", "a", "soviet-era", "story"]),
        ("Космонавты спасают «Салют-7»", ["космонавты", "спасают", "салют"]),
        ("Ein großartiger Weltraumfilm", ["ein", "grossartiger", "weltraumfilm"]),  # casefolded
        ("L’équipage d'urgence", ["l’équipage", "d'urgence"]),
        ("فيلم روسي عن الفضاء", ["فيلم", "روسي", "عن", "الفضاء"]),
        ("Μια ταινία για το διάστημα", ["μια", "ταινία", "για", "το", "διάστημα"]),
        ("太空站 救援", ["太空", "空站", "救援"]),
        ("宇宙ステーション", ["宇宙", "宙ス", "ステ", "テー", "ーシ", "ショ", "ョン"]),
        ("1985 — 168 days!", ["days"]),
    ],
)
def test_tokenize_works_across_scripts(text, tokens):
    assert reception.tokenize(text) == tokens


def test_weighted_log_odds_matches_hand_computation():
    reviews = pd.DataFrame(
        {
            "review_id": ["a", "b"],
            "place": ["AA", "BB"],
            "text": ["orbit orbit orbit station crew", "budget budget budget station crew"],
        }
    )
    table = reception.distinctive_words(reviews, min_count=1, top=None)
    row = table[(table["group"] == "AA") & (table["word"] == "orbit")].iloc[0]
    # a0 = 10 tokens, a_orbit = 3: delta = log(6/9) - log(3/12); var = 1/6 + 1/3.
    delta = math.log(6 / 9) - math.log(3 / 12)
    assert row["delta"] == pytest.approx(delta, abs=1e-6)
    assert row["z"] == pytest.approx(delta / math.sqrt(1 / 6 + 1 / 3), abs=1e-6)
    assert (row["count"], row["count_rest"], row["n"]) == (3, 0, 5)
    shared = table[(table["group"] == "AA") & (table["word"] == "station")].iloc[0]
    assert shared["z"] == pytest.approx(0.0, abs=1e-9)


def test_distinctive_words_ordering_on_a_toy_corpus():
    reviews = pd.DataFrame(
        {
            "review_id": ["us1", "us2", "ru1", "ru2"],
            "place": ["US", "US", "RU", "RU"],
            "text": [
                "the budget was tiny, the budget shows",
                "a budget film about the station",
                "станция и экипаж, станция спасена",
                "экипаж спасает станция",
            ],
        }
    )
    table = reception.distinctive_words(reviews, top=2)  # shipped function-word lists leave out "the"
    assert table[table["group"] == "US"]["word"].tolist() == ["budget"]
    assert table[table["group"] == "RU"]["word"].tolist() == ["станция", "экипаж"]
    every = reception.distinctive_words(reviews, top=2, stopwords=())
    assert every[every["group"] == "US"]["word"].tolist() == ["budget", "the"]
    budget = table[(table["group"] == "US") & (table["word"] == "budget")].iloc[0]
    assert budget["review_ids"] == "us1;us2" and budget["n_reviews"] == 2
    assert (table["z"] > 0).all()


@pytest.mark.parametrize(
    "word, kept",
    [
        ("the", False),
        ("und", False),
        ("это", False),
        ("qu'il", False),
        ("ich", False),
        ("budget", True),
        ("бюджет", True),
        ("haushalt", True),
        ("s", False),
        ("shipenko", True),
    ],
)
def test_distinctive_words_leave_out_function_words_and_possessives(word, kept):
    reviews = pd.DataFrame(
        {
            "review_id": ["a", "b"],
            "place": ["X", "Y"],
            "text": [f"{word} {word} Shipenko's Shipenko’s", "other words entirely"],
        }
    )
    words = set(reception.distinctive_words(reviews, top=None)["word"])
    assert (word in words) == kept
    assert "shipenko's" not in words and "shipenko’s" not in words


# --------------------------------------------------------------------------------- comparison films
@pytest.mark.parametrize(
    "text, films",
    [
        ("It plays like Apollo 13 with a Soviet accent.", ["apollo_13"]),
        ("Less glossy than Gravity, but tenser.", ["gravity"]),
        ("Der Film erinnert an Der Stoff, aus dem die Helden sind.", ["the_right_stuff"]),
        ("Сравнения с «Гравитацией» и «Интерстелларом» неизбежны.", ["gravity", "interstellar"]),
        ("Не хуже, чем «Аполлон-13».", ["apollo_13"]),
        ("Rispetto a Gravità, il film è più sobrio.", ["gravity"]),
        ("Plus modeste que Seul sur Mars.", ["the_martian"]),
        ("这部电影让人想起地心引力。", ["gravity"]),
        ("The crew keeps the gravity of the situation in view.", []),
        ("Life aboard the station is hard.", []),
        ("It nods to Life and to Alien.", ["alien", "life"]),
        ("The first man to dock was calm.", []),
        # The corpus's own words (corpus/raw/salyut7_pages_2024.txt):
        (
            "If you enjoyed movies like Apollo 13, Gravity and The Martian then you'll love this",
            ["apollo_13", "gravity", "the_martian"],
        ),
        ('dass es sich hier um eine art "Alien"-Klon à la LIFE handeln würde', ["alien", "life"]),
        ("But like Argo, Salyut-7 is an edge-of-the-seat experience", ["argo"]),
    ],
)
def test_comparison_films_in_many_languages(text, films):
    table = reception.comparison_films(pd.DataFrame({"review_id": ["x"], "text": [text]}))
    assert sorted(table["film_id"]) == films


def test_comparison_films_of_a_profile():
    # "Time of the First" is in Salyut-7's profile (corpus/profiles/salyut-7.yaml), not the package registry.
    from toolkit.pipeline import film_of

    reviews = pd.DataFrame({"review_id": ["x"], "text": ["Compared with Spacewalker, it is slicker."]})
    assert reception.comparison_films(reviews)["film_id"].tolist() == []
    assert reception.comparison_films(reviews, profile=film_of())["film_id"].tolist() == ["time_of_the_first"]


def test_comparison_films_keep_review_id_matched_words_and_offsets():
    text = "Beside Interstellar and Интерстеллара it holds up; Interstellar again."
    table = reception.comparison_films(pd.DataFrame({"review_id": ["r7"], "place": ["GB"], "text": [text]}))
    row = table.iloc[0]
    assert (row["review_id"], row["film"], row["mentions"], row["place"]) == ("r7", "Interstellar", 3, "GB")
    assert row["matched"] == "Interstellar;Интерстеллара"
    starts = [int(s) for s in row["starts"].split(";")]
    assert [text[s : s + 5] for s in starts] == ["Inter", "Интер", "Inter"]


def test_comparison_films_feed_share_by():
    reviews = pd.DataFrame(
        {
            "review_id": ["a", "b", "c"],
            "place": ["US", "US", "RU"],
            "text": ["Like Apollo 13.", "Nothing to compare.", "Как «Аполлон 13»."],
        }
    )
    mentions = reception.comparison_films(reviews)
    table = reception.share_by(reviews, mentions, column="film")
    assert table[["group", "category", "count", "n", "review_ids"]].values.tolist() == [
        ["RU", "Apollo 13", 1, 1, "c"],
        ["US", "Apollo 13", 1, 2, "a"],
    ]


# ---------------------------------------------------------------------------------------- over time
@pytest.mark.parametrize(
    "freq, expected",
    [
        (
            "month",
            [
                ["2017-09", "RU", 1, "r4"],
                ["2017-10", "US", 2, "r1;r3"],
                ["2017-11", "US", 1, "r2"],
                ["unknown", "RU", 1, "r5"],
                ["unknown", "unknown", 1, "r6"],
            ],
        ),
        (
            "year",
            [
                ["2017", "RU", 1, "r4"],
                ["2017", "US", 3, "r1;r2;r3"],
                ["2018", "unknown", 1, "r6"],
                ["unknown", "RU", 1, "r5"],
            ],
        ),
    ],
)
def test_over_time_counts_every_review(freq, expected):
    table = reception.over_time(_reviews(), freq=freq)
    assert table[["period", "group", "n", "review_ids"]].values.tolist() == expected
    assert table["n"].sum() == len(_reviews())


def test_the_film_under_study_is_not_its_own_comparator():
    reviews = pd.DataFrame({"review_id": ["g"], "text": ["Unlike Gravity, it beats Apollo 13 and Life."]})
    assert sorted(reception.comparison_films(reviews)["film_id"]) == ["apollo_13", "gravity", "life"]
    assert reception.comparison_films(reviews, exclude=["Gravity", "Гравитация"])["film_id"].tolist() == [
        "apollo_13",
        "life",
    ]
    assert reception.comparison_films(reviews, exclude=["apollo_13"])["film_id"].tolist() == ["gravity", "life"]


def test_budget_cited_joins_the_source_and_sorts_by_usd():
    budget = pd.DataFrame(
        {
            "review_id": ["r4", "r1", "r9"],
            "sentence_id": ["r4/1", "r1/1", "r9/1"],
            "amount": [780e6, 15e6, 1e6],
            "currency": ["RUB", "USD", "USD"],
            "year": [2017] * 3,
            "usd": [13.37e6, 15e6, 1e6],
            "subject": ["film", "film", "film"],
            "text": ["Бюджет — 780 млн рублей.", "It cost $15 million.", "Out of scope."],
        }
    )
    table = reception.budget_cited(_reviews(), budget)
    assert table[["review_id", "place", "outlet", "review_ids", "n"]].values.tolist() == [
        ["r4", "RU", "Кинолента", "r4", 1],
        ["r1", "US", "Orbit Weekly", "r1", 1],
    ]


@pytest.mark.parametrize("group, n, n_no_method, sign", [("US", 3, 0, 1), ("RU", 0, 2, None), ("unknown", 1, 0, -1)])
def test_sentiment_by_scores_english_and_counts_the_rest(group, n, n_no_method, sign):
    reviews = _reviews().assign(
        text=[
            "A superb, moving film.",
            "Great fun and well made.",
            "I loved it.",
            "Отличный фильм.",
            "Скучно.",
            "Awful, dull and boring.",
        ]
    )
    table = reception.sentiment_by(reception.sentiment(reviews), resamples=200).set_index("group")
    assert (table.loc[group, "n"], table.loc[group, "n_no_method"]) == (n, n_no_method)
    if sign is None:
        assert math.isnan(table.loc[group, "mean"]) and table.loc[group, "methods"] == ""
    else:
        assert np.sign(table.loc[group, "mean"]) == sign and table.loc[group, "methods"] == "vader"


def test_bootstrap_in_blocks_equals_one_big_draw():
    values = np.random.default_rng(3).random(1500)  # 1500 values: the draw comes in 4 blocks
    rng = np.random.default_rng(11)
    means = values[rng.integers(0, values.size, size=(2000, values.size))].mean(axis=1)
    naive = tuple(round(float(q), 6) for q in np.quantile(means, [0.025, 0.975]))
    assert reception.bootstrap_ci(values, rng=np.random.default_rng(11)) == naive
