"""Reception stage: how reviews in each place rated the film, what they wrote about and whom they compared
it to — aggregate tables with `n`, 95% intervals (Wilson score for shares, bootstrap for means, none where
n < 3) and the `review_ids` behind each row.

Every function is pure (DataFrame in, new DataFrame out). Aggregate tables carry `n` (the denominator) and
`review_ids` (sorted, ";"-joined) so that every number a chart shows can be traced to the reviews behind it.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd
import yaml

from toolkit.tables import require

#: Bootstrap defaults for means, documented in the README: 2000 resamples of the reviews in a group, from a
#: numpy Generator seeded per row (see `_row_rng`) so a row's interval does not depend on which other rows
#: are in the table.
RESAMPLES = 2000
SEED = 2017
LEVEL = 0.95
#: Below this many reviews a group gets no interval, only its point estimate and n: one or two reviews say
#: nothing about the spread, and any interval drawn from them would look like knowledge.
MIN_N_INTERVAL = 3
#: BCa needs a jackknife estimate of skewness; from fewer values it is too noisy to trust (and in a
#: simulation of 0–1 ratings BCa gained nothing over the percentile bootstrap at n = 3), so smaller groups
#: fall back to the percentile bootstrap (see `mean_ci`).
MIN_N_BCA = 5
#: The `ci_method` values the aggregate tables carry.
WILSON, BCA, PERCENTILE, NO_INTERVAL = "wilson", "bca", "percentile", f"none: n < {MIN_N_INTERVAL}"
#: Kinds that express an opinion about the film; synopses and news items are not reception.
OPINION_KINDS = ("critic", "blog", "user", "blurb")
#: Label for a missing grouping value (no place, no kind): kept as its own group, never dropped.
UNKNOWN = "unknown"
NO_METHOD = "no method"


# --------------------------------------------------------------------------------------------- scope
def scope(reviews: pd.DataFrame, *, kinds: Collection[str] = OPINION_KINDS) -> pd.DataFrame:
    """Mark which reviews count as reception: opinion kinds, not duplicates.

    Requires `review_id`, `kind`; uses `duplicate_of` when present. Adds `in_scope` (bool) and
    `scope_reason` ("" when in scope, else why not) so that excluded reviews stay visible. A review
    whose kind is missing (a researcher's own file without a `kind` field) stays in scope: only a kind
    that is known not to be an opinion (synopsis, news) excludes it.

    >>> r = pd.DataFrame({"review_id": ["a", "b", "c"], "kind": ["critic", "synopsis", "user"],
    ...                   "duplicate_of": [None, None, "a"]})
    >>> scope(r)[["review_id", "in_scope", "scope_reason"]].values.tolist()
    [['a', True, ''], ['b', False, 'kind synopsis is not an opinion'], ['c', False, 'duplicate of a']]
    """
    require(reviews, ["review_id", "kind"], stage="reception.scope")
    out = reviews.copy()
    reasons = []
    dup = out["duplicate_of"] if "duplicate_of" in out.columns else pd.Series([None] * len(out))
    for kind, dup_of in zip(out["kind"], dup):
        if isinstance(dup_of, str) and dup_of:
            reasons.append(f"duplicate of {dup_of}")
        elif _present(kind) and kind not in kinds:
            reasons.append(f"kind {kind} is not an opinion")
        else:
            reasons.append("")
    out["scope_reason"] = pd.Series(reasons, index=out.index, dtype=object)
    out["in_scope"] = out["scope_reason"] == ""
    return out


# ------------------------------------------------------------------------------------------- ratings
def ratings(reviews: pd.DataFrame) -> pd.DataFrame:
    """One row per review that gives its own rating (normalized 0..1), with `n` = 1.

    Requires `review_id`, `rating`; keeps `place`, `kind`, `outlet`, `critic`, `rating_raw`, `published`
    when present. Reviews without a rating are not rated, so they do not appear (their count is the
    difference to the input). Sorted by `review_id`.

    >>> r = pd.DataFrame({"review_id": ["b", "a", "c"], "rating": [0.7, None, 0.9]})
    >>> ratings(r)[["review_id", "rating", "n"]].values.tolist()
    [['b', 0.7, 1], ['c', 0.9, 1]]
    """
    require(reviews, ["review_id", "rating"], stage="reception.ratings")
    keep = [
        c
        for c in ("review_id", "place", "kind", "outlet", "critic", "rating_raw", "rating", "published")
        if c in reviews.columns
    ]
    out = reviews.loc[pd.to_numeric(reviews["rating"], errors="coerce").notna(), keep].copy()
    out["rating"] = pd.to_numeric(out["rating"]).astype(float)
    out["n"] = 1
    return out.sort_values("review_id", kind="stable").reset_index(drop=True)


def rating_by(
    reviews: pd.DataFrame, *, by: str = "place", resamples: int = RESAMPLES, seed: int = SEED
) -> pd.DataFrame:
    """Mean rating per group with a bootstrap 95% interval (see `mean_ci`; none where n < 3).

    Requires `review_id`, `rating`, `by`. Returns one row per group (every group in `reviews`, also
    those without any rating, where `n` is 0 and the mean is NaN): `group`, `n` (rated reviews),
    `n_reviews` (all reviews in the group), `mean`, `ci_low`, `ci_high` (NaN where n < 3), `ci_method`
    ("bca", "percentile" or "none: n < 3"), `review_ids` (the rated ones).

    >>> r = pd.DataFrame({"review_id": ["a", "b", "c"], "place": ["US", "US", "RU"],
    ...                   "rating": [0.6, 0.8, None]})
    >>> rating_by(r, resamples=200)[["group", "n", "n_reviews", "mean"]].values.tolist()
    [['RU', 0, 1, nan], ['US', 2, 2, 0.7]]
    """
    require(reviews, ["review_id", "rating", by], stage="reception.rating_by")
    return _mean_by(reviews, "rating", by=by, resamples=resamples, seed=seed)


def sentiment_by(
    reviews: pd.DataFrame, *, by: str = "place", resamples: int = RESAMPLES, seed: int = SEED
) -> pd.DataFrame:
    """Mean sentiment score per group, over the reviews that have a sentiment method, with a bootstrap
    95% interval (see `mean_ci`; none where n < 3); reviews without a method are counted in `n_no_method`.

    Requires `review_id`, `sentiment`, `sentiment_method` (from `sentiment`) and `by`. Returns `group`,
    `n` (scored reviews), `n_reviews`, `n_no_method`, `methods` (";"-joined), `mean`, `ci_low`, `ci_high`,
    `ci_method`, `review_ids` (the scored ones).

    >>> r = sentiment(pd.DataFrame({"review_id": ["a", "b"], "place": ["US", "US"],
    ...                             "text": ["A wonderful film.", "Прекрасный фильм."],
    ...                             "language": ["en", "ru"]}))
    >>> sentiment_by(r, resamples=100)[["group", "n", "n_no_method", "methods", "review_ids"]].values.tolist()
    [['US', 1, 1, 'vader', 'a']]
    """
    require(reviews, ["review_id", "sentiment", "sentiment_method", by], stage="reception.sentiment_by")
    table = _mean_by(reviews, "sentiment", by=by, resamples=resamples, seed=seed)
    groups = _groups(reviews[by])
    no_method = reviews["sentiment_method"] == NO_METHOD
    table.insert(4, "n_no_method", [int((no_method & (groups == g)).sum()) for g in table["group"]])
    table.insert(
        5, "methods", [_ids(reviews.loc[(groups == g) & ~no_method, "sentiment_method"]) for g in table["group"]]
    )
    return table


def _mean_by(reviews: pd.DataFrame, column: str, *, by: str, resamples: int, seed: int) -> pd.DataFrame:
    frame = reviews.assign(_group=_groups(reviews[by]), _value=pd.to_numeric(reviews[column], errors="coerce"))
    rows = []
    for group, part in frame.groupby("_group", sort=True):
        valued = part[part["_value"].notna()].sort_values("review_id", kind="stable")
        values = valued["_value"].to_numpy(dtype=float)
        low, high, method = mean_ci(values, resamples=resamples, rng=_row_rng(seed, group, column))
        rows.append(
            {
                "by": by,
                "group": group,
                "n": len(values),
                "n_reviews": len(part),
                "mean": round(float(values.mean()), 6) if len(values) else math.nan,
                "ci_low": low,
                "ci_high": high,
                "ci_method": method,
                "review_ids": _ids(valued["review_id"]),
            }
        )
    return _frame(rows, ["by", "group", "n", "n_reviews", "mean", "ci_low", "ci_high", "ci_method", "review_ids"])


# ------------------------------------------------------------------------------------------ intervals
def wilson_ci(count: int, n: int, *, level: float = LEVEL) -> tuple[float, float]:
    """Wilson score interval of the share `count / n`, rounded to 6 decimals; (nan, nan) when n is 0.

    Unlike a bootstrap of 0/1 values it does not collapse to a point when the count is 0 or n, and its
    coverage stays close to `level` down to a handful of reviews (tests/test_reception.py enumerates it).

    >>> wilson_ci(8, 20)
    (0.218807, 0.613418)
    >>> wilson_ci(0, 5)
    (0.0, 0.434482)
    """
    if n <= 0:
        return (math.nan, math.nan)
    if not 0 <= count <= n:
        raise ValueError(f"reception.wilson_ci: count must be between 0 and n={n}, got {count}")
    z = NormalDist().inv_cdf((1.0 + level) / 2.0)
    share, z2 = count / n, z * z
    centre = (share + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # At count 0 (or n) the exact bound is 0 (or 1); clamp float dust like 1e-17 below zero.
    low = 0.0 if count == 0 else max(0.0, centre - half)
    high = 1.0 if count == n else min(1.0, centre + half)
    return (round(low, 6), round(high, 6))


def share_ci(count: int, n: int, *, level: float = LEVEL) -> tuple[float, float, str]:
    """The interval a share table carries: Wilson where n >= `MIN_N_INTERVAL`, else none.

    Returns (low, high, method), with method "wilson" or "none: n < 3" (and NaN bounds).

    >>> share_ci(1, 2)
    (nan, nan, 'none: n < 3')
    >>> share_ci(2, 3)
    (0.20766, 0.938508, 'wilson')
    """
    if n < MIN_N_INTERVAL:
        return (math.nan, math.nan, NO_INTERVAL)
    return (*wilson_ci(count, n, level=level), WILSON)


def mean_ci(
    values: np.ndarray | Iterable[float],
    *,
    resamples: int = RESAMPLES,
    rng: np.random.Generator | None = None,
    level: float = LEVEL,
) -> tuple[float, float, str]:
    """Bootstrap interval of the mean of `values`: BCa where it is stable, else percentile; none below
    `MIN_N_INTERVAL` values. Returns (low, high, method), method "bca", "percentile" or "none: n < 3".

    BCa (Efron 1987) shifts the percentile cut points by a bias correction (from the share of resampled
    means below the observed one) and an acceleration (the jackknife skewness of the mean). It is used
    when there are at least `MIN_N_BCA` values, they are not all equal, and both corrections are finite
    with cut points inside the resamples; otherwise the plain percentile interval is returned. Both
    read the same resampled means, so the choice never changes the random stream.

    >>> mean_ci([0.6, 0.8])
    (nan, nan, 'none: n < 3')
    >>> mean_ci([0.5, 0.7, 0.9], rng=np.random.default_rng(1))[2]
    'percentile'
    >>> low, high, method = mean_ci(np.linspace(0.3, 0.9, 12), rng=np.random.default_rng(1))
    >>> method, bool(0.3 < low < 0.6 < high < 0.9)
    ('bca', True)
    """
    data = _floats(values)
    if data.size < MIN_N_INTERVAL:
        return (math.nan, math.nan, NO_INTERVAL)
    rng = rng if rng is not None else np.random.default_rng(SEED)
    means = _resampled_means(data, resamples=resamples, rng=rng)
    alpha = (1.0 - level) / 2.0
    cuts = _bca_cuts(data, means, alpha) if data.size >= MIN_N_BCA else None
    method = BCA if cuts is not None else PERCENTILE
    low, high = np.quantile(means, cuts if cuts is not None else [alpha, 1.0 - alpha])
    return (round(float(low), 6), round(float(high), 6), method)


def _bca_cuts(data: np.ndarray, means: np.ndarray, alpha: float) -> list[float] | None:
    """The BCa quantile levels for (alpha, 1 - alpha), or None where BCa is not stable."""
    observed = float(data.mean())
    # Resampled means equal to the observed one (common with discrete ratings) count half below, half
    # above; the tolerance absorbs the rounding of summing the same values in another order.
    tolerance = 1e-9 * max(1.0, abs(observed))
    below = float(np.sum(means < observed - tolerance))
    ties = float(np.sum(np.abs(means - observed) <= tolerance))
    share_below = (below + ties / 2.0) / means.size
    if not 0.0 < share_below < 1.0:
        return None
    normal = NormalDist()
    bias = normal.inv_cdf(share_below)
    jackknife = (data.sum() - data) / (data.size - 1)
    spread = jackknife.mean() - jackknife
    scale = float(np.sum(spread**2))
    if scale <= 0.0:
        return None
    acceleration = float(np.sum(spread**3)) / (6.0 * scale**1.5)
    cuts = []
    for z in (normal.inv_cdf(alpha), normal.inv_cdf(1.0 - alpha)):
        denominator = 1.0 - acceleration * (bias + z)
        if denominator <= 0.0:
            return None
        cuts.append(normal.cdf(bias + (bias + z) / denominator))
    # A cut point beyond the first or last resample would be an extrapolation, not a quantile.
    if not 1.0 / means.size <= cuts[0] < cuts[1] <= 1.0 - 1.0 / means.size:
        return None
    return cuts


def _floats(values: np.ndarray | Iterable[float]) -> np.ndarray:
    return np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=float)


def _resampled_means(data: np.ndarray, *, resamples: int, rng: np.random.Generator) -> np.ndarray:
    # Draw in blocks of about a million indices: same random stream (and so the same interval) as one
    # big draw, without a resamples × n matrix in memory for large groups.
    block = max(1, 1_000_000 // data.size)
    return np.concatenate(
        [
            data[rng.integers(0, data.size, size=(min(block, resamples - start), data.size))].mean(axis=1)
            for start in range(0, resamples, block)
        ]
    )


def bootstrap_ci(
    values: np.ndarray | Iterable[float],
    *,
    resamples: int = RESAMPLES,
    rng: np.random.Generator | None = None,
    level: float = 0.95,
) -> tuple[float, float]:
    """Percentile-bootstrap interval of the mean of `values`, for any n (`mean_ci` is what the tables use).

    Draws `resamples` samples of the same size with replacement and returns the (1-level)/2 and
    (1+level)/2 quantiles of their means (numpy's default linear interpolation), rounded to 6 decimals.
    Empty input gives (nan, nan). The default Generator is seeded with `SEED`.

    >>> bootstrap_ci([1, 1, 1])
    (1.0, 1.0)
    >>> low, high = bootstrap_ci([0, 1, 0, 1, 1], rng=np.random.default_rng(0))
    >>> 0.0 <= low < 0.6 < high <= 1.0
    True
    """
    data = _floats(values)
    if data.size == 0:
        return (math.nan, math.nan)
    rng = rng if rng is not None else np.random.default_rng(SEED)
    means = _resampled_means(data, resamples=resamples, rng=rng)
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return (round(float(low), 6), round(float(high), 6))


def _row_rng(seed: int, *key: object) -> np.random.Generator:
    # Seeding each row from (seed, its key) keeps one row's interval stable when other groups or
    # categories are added, and makes every interval reproducible on its own.
    digest = zlib.crc32("\x1f".join(map(str, key)).encode("utf-8"))
    return np.random.default_rng([seed, digest])


# -------------------------------------------------------------------------------------------- shares
def share_by(
    reviews: pd.DataFrame,
    items: pd.DataFrame,
    *,
    column: str,
    by: str = "place",
    among: str = "all",
    categories: Collection[str] = (),
) -> pd.DataFrame:
    """Share of reviews per group that have at least one item in each category of `items[column]`.

    `items` is any table with `review_id` and `column`: statements (`aspect`, `stance`, `frames`),
    budget figures (`subject`), comparison-film matches (`film`). List-valued cells (`frames`,
    `incidents`) count for each of their values. `among="all"` divides by all reviews in the group;
    `among="items"` only by reviews in the group with at least one item (e.g. stance among reviews that
    discuss accuracy at all). Items whose review is not in `reviews` are ignored (out of scope).
    `categories` lists codes to report even when no item has them (count 0); found ones are added.

    Requires `review_id`, `by` in `reviews`; `review_id`, `column` in `items`. Returns one row per
    group × category, zero counts included: `by`, `group`, `column`, `category`, `count` (reviews with
    the category), `n` (denominator), `share`, `ci_low`, `ci_high` (95% Wilson score interval; NaN where
    n < 3), `ci_method` ("wilson" or "none: n < 3"), `review_ids` (reviews with the category), `example`
    and `example_source` (the first item's own words and its review, when `items` has `text`). Sorted by
    group and category.

    >>> reviews = pd.DataFrame({"review_id": ["a", "b", "c", "d"], "place": ["US", "US", "RU", "RU"]})
    >>> statements = pd.DataFrame({"review_id": ["a", "a", "c"],
    ...                            "aspect": ["budget", "accuracy", "budget"]})
    >>> t = share_by(reviews, statements, column="aspect")
    >>> t[["group", "category", "count", "n", "share", "review_ids"]].values.tolist()
    [['RU', 'accuracy', 0, 2, 0.0, ''], ['RU', 'budget', 1, 2, 0.5, 'c'], ['US', 'accuracy', 1, 2, 0.5, 'a'], ['US', 'budget', 1, 2, 0.5, 'a']]
    """
    require(reviews, ["review_id", by], stage="reception.share_by")
    require(items, ["review_id", column], stage="reception.share_by")
    if among not in ("all", "items"):
        raise ValueError(f"reception.share_by: among must be 'all' or 'items', got {among!r}")
    groups = pd.Series(_groups(reviews[by]).to_numpy(), index=reviews["review_id"].astype(str))
    hits = _explode(items, column)
    hits = hits[_within(hits["review_id"], groups.index)]
    categories = sorted(set(hits["_category"].tolist()) | set(categories))
    outlets = _outlets(reviews)
    has_item = set(hits["review_id"].tolist())
    rows = []
    for group in sorted(set(groups)):
        members = sorted(groups.index[groups == group])
        if among == "items":
            members = [m for m in members if m in has_item]
        in_group = hits[_within(hits["review_id"], members)]
        for category in categories:
            with_cat = in_group[in_group["_category"] == category]
            with_ids = set(with_cat["review_id"].tolist())
            ids = sorted(with_ids)
            low, high, method = share_ci(len(ids), len(members))
            example, source = _example(with_cat, outlets)
            rows.append(
                {
                    "by": by,
                    "group": group,
                    "column": column,
                    "category": category,
                    "count": len(ids),
                    "n": len(members),
                    "share": round(len(ids) / len(members), 6) if members else math.nan,
                    "ci_low": low,
                    "ci_high": high,
                    "ci_method": method,
                    "review_ids": ";".join(ids),
                    "example": example,
                    "example_source": source,
                }
            )
    return _frame(
        rows,
        [
            "by",
            "group",
            "column",
            "category",
            "count",
            "n",
            "share",
            "ci_low",
            "ci_high",
            "ci_method",
            "review_ids",
            "example",
            "example_source",
        ],
    )


@lru_cache(maxsize=1)
def codebook_codes() -> dict[str, tuple[str, ...]]:
    """The codebook's aspect, stance, frame and budget-subject codes (toolkit/data/reception/codes.yaml).

    >>> codebook_codes()["stance"]
    ('embellished', 'faithful', 'mixed', 'neutral')
    """
    path = Path(__file__).parent / "data" / "reception" / "codes.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {key: tuple(str(v) for v in values) for key, values in data.items()}


def by_place(
    reviews: pd.DataFrame,
    statements: pd.DataFrame,
    budget_figures: pd.DataFrame,
    *,
    by: str = "place",
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> dict[str, pd.DataFrame]:
    """The standard reception tables per `by` ("place" or "kind"), keyed by name.

    - `ratings`: `rating_by`; `aspects`: share of reviews addressing each aspect (among all reviews);
    - `stances`: share of reviews with each accuracy stance, among reviews with an accuracy statement
      that carries a stance;
    - `frames`: share of reviews invoking each geopolitics frame (among all reviews);
    - `budget`: share of reviews citing a budget figure of each subject (film/comparator/counterfactual).
    """
    require(statements, ["review_id", "aspect", "stance", "frames"], stage="reception.by_place")
    require(budget_figures, ["review_id", "subject"], stage="reception.by_place")
    codes = codebook_codes()
    accuracy = statements[statements["aspect"] == "accuracy"]
    accuracy = accuracy[accuracy["stance"].map(_present).astype(bool)]  # astype: an empty map is not bool
    return {
        "ratings": rating_by(reviews, by=by, resamples=resamples, seed=seed),
        "aspects": share_by(reviews, statements, column="aspect", categories=codes["aspect"], by=by),
        "stances": share_by(reviews, accuracy, column="stance", among="items", categories=codes["stance"], by=by),
        "frames": share_by(reviews, statements, column="frames", categories=codes["frames"], by=by),
        "budget": share_by(reviews, budget_figures, column="subject", categories=codes["subject"], by=by),
    }


def budget_cited(reviews: pd.DataFrame, budget_figures: pd.DataFrame) -> pd.DataFrame:
    """Every budget figure cited, with its review's place, kind and outlet, for charting and tracing.

    Requires `review_id`, `sentence_id`, `amount`, `currency`, `usd`, `subject`, `text` in
    `budget_figures`; `review_id` in `reviews` (figures of reviews not in `reviews` are left out, as out of
    scope). Adds `place`, `kind`, `outlet`, `review_ids` (= the figure's own review) and `n` (= 1).
    Sorted by `usd`, `review_id`, `sentence_id`.
    """
    require(
        budget_figures,
        ["review_id", "sentence_id", "amount", "currency", "usd", "subject", "text"],
        stage="reception.budget_cited",
    )
    require(reviews, ["review_id"], stage="reception.budget_cited")
    meta = [c for c in ("review_id", "place", "kind", "outlet") if c in reviews.columns]
    # The review's own place/kind/outlet win over any copy the figures table may carry.
    own = budget_figures.drop(columns=[c for c in meta if c != "review_id" and c in budget_figures.columns])
    out = own.merge(reviews[meta], on="review_id", how="inner")
    for column in ("place", "kind", "outlet"):
        if column not in out.columns:
            out[column] = UNKNOWN
        out[column] = _groups(out[column]).to_numpy()
    out["review_ids"] = out["review_id"].astype(str)
    out["n"] = 1
    out["usd"] = pd.to_numeric(out["usd"], errors="coerce")
    return out.sort_values(["usd", "review_id", "sentence_id"], kind="stable", na_position="last").reset_index(
        drop=True
    )


# ----------------------------------------------------------------------------------------- sentiment
@lru_cache(maxsize=1)
def _vader():
    # vaderSentiment ships its lexicon inside the package, so nothing is read from nltk_data.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


#: Languages with a sentiment method and the method's name; everything else gets NO_METHOD.
SENTIMENT_METHODS = {"en": "vader"}


def sentiment(frame: pd.DataFrame, *, text_column: str = "text", language_column: str = "language") -> pd.DataFrame:
    """Add `sentiment` (VADER compound score, -1..1) and `sentiment_method` to reviews or statements.

    Only English has a method here (VADER, lexicon from the vaderSentiment package). For every other
    language, or no language, `sentiment` is NaN and `sentiment_method` is "no method" — never a guess.
    Requires `text_column` and `language_column`.

    >>> t = pd.DataFrame({"text": ["A gripping, beautiful film.", "Скучный фильм."],
    ...                   "language": ["en", "ru"]})
    >>> out = sentiment(t)
    >>> out["sentiment_method"].tolist(), bool(out["sentiment"][0] > 0), bool(np.isnan(out["sentiment"][1]))
    (['vader', 'no method'], True, True)
    """
    require(frame, [text_column, language_column], stage="reception.sentiment")
    scores, methods = [], []
    for text, language in zip(frame[text_column], frame[language_column]):
        method = SENTIMENT_METHODS.get(language) if isinstance(language, str) else None
        if method == "vader" and isinstance(text, str):
            scores.append(float(_vader().polarity_scores(text)["compound"]))
            methods.append(method)
        else:
            scores.append(math.nan)
            methods.append(NO_METHOD)
    out = frame.copy()
    out["sentiment"] = pd.Series(scores, index=frame.index, dtype=float)
    out["sentiment_method"] = pd.Series(methods, index=frame.index, dtype=object)
    return out


# ---------------------------------------------------------------------------------- distinctive words
_CJK = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\uac00-\ud7af"
)  # Hangul syllables
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?")


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens for any script: letters runs (with inner apostrophes/hyphens) for
    alphabetic scripts; overlapping character bigrams for Chinese, Japanese and Korean runs, which are
    written without spaces. Numbers and punctuation are not words.

    >>> tokenize("Салют-7 — a Soviet film, l'équipe 2017!")
    ['салют', 'a', 'soviet', 'film', "l'équipe"]
    >>> tokenize("太空站救援")
    ['太空', '空站', '站救', '救援']
    """
    text = unicodedata.normalize("NFC", text)
    tokens: list[str] = []
    position = 0
    for run in _CJK_RUN.finditer(text):
        tokens.extend(_alphabetic(text[position : run.start()]))
        chars = run.group()
        tokens.extend([chars] if len(chars) == 1 else [chars[i : i + 2] for i in range(len(chars) - 1)])
        position = run.end()
    tokens.extend(_alphabetic(text[position:]))
    return tokens


def _alphabetic(text: str) -> list[str]:
    return [m.group().casefold() for m in _WORD.finditer(text) if not _CJK_RUN.search(m.group())]


@lru_cache(maxsize=1)
def shipped_stopwords() -> frozenset[str]:
    """Function words of every language in toolkit/data/reception/stopwords.yaml, casefolded."""
    path = Path(__file__).parent / "data" / "reception" / "stopwords.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(str(w).casefold().replace("’", "'") for words in data.values() for w in words)


def distinctive_words(
    reviews: pd.DataFrame,
    *,
    by: str = "place",
    text_column: str = "text",
    prior_size: float | None = None,
    min_count: int = 2,
    top: int | None = 15,
    stopwords: Collection[str] | None = None,
) -> pd.DataFrame:
    """Words distinctive of each group against all other groups: weighted log-odds ratio with an
    informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eq. 16–22).

    For group i and the rest j: delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w))
    - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w)), var_w ≈ 1/(y_iw + a_w) + 1/(y_jw + a_w),
    z_w = delta_w / sqrt(var_w). The prior a_w is the whole corpus's word distribution scaled to
    `prior_size` pseudo-counts a0 (default: the corpus size, i.e. a_w = the word's corpus count).
    Words seen fewer than `min_count` times in the group are not reported; `top` keeps the highest z per
    group (None keeps all). Tokenization: `tokenize`, then the English possessive "'s" is dropped and
    one-letter words and `stopwords` are left out (None: the shipped function-word lists of
    toolkit/data/reception/stopwords.yaml; () keeps every word).

    Requires `review_id`, `by`, `text_column`. Returns `by`, `group`, `word`, `count`, `count_rest`,
    `delta`, `z`, `n` (tokens in the group), `n_reviews`, `review_ids` (group reviews using the word),
    sorted by group, z descending, word.
    """
    require(reviews, ["review_id", by, text_column], stage="reception.distinctive_words")
    stop = shipped_stopwords() if stopwords is None else {w.casefold() for w in stopwords}
    groups = _groups(reviews[by]).to_numpy()
    counts: dict[str, Counter] = {}
    users: dict[tuple[str, str], set[str]] = {}
    members: dict[str, set[str]] = {}
    for review_id, group, text in zip(reviews["review_id"].astype(str), groups, reviews[text_column]):
        tokens = [t for t in _content_words(text, stop)]
        counts.setdefault(group, Counter()).update(tokens)
        members.setdefault(group, set()).add(review_id)
        for token in set(tokens):
            users.setdefault((group, token), set()).add(review_id)
    total = Counter()
    for c in counts.values():
        total.update(c)
    corpus_size = sum(total.values())
    a0 = float(prior_size) if prior_size is not None else float(corpus_size)
    rows = []
    for group in sorted(counts):
        n_i = sum(counts[group].values())
        n_j = corpus_size - n_i
        for word, y_i in counts[group].items():
            if y_i < min_count:
                continue
            a_w = a0 * total[word] / corpus_size
            y_j = total[word] - y_i
            delta = math.log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - math.log((y_j + a_w) / (n_j + a0 - y_j - a_w))
            z = delta / math.sqrt(1.0 / (y_i + a_w) + 1.0 / (y_j + a_w))
            rows.append(
                {
                    "by": by,
                    "group": group,
                    "word": word,
                    "count": y_i,
                    "count_rest": y_j,
                    "delta": round(delta, 6),
                    "z": round(z, 6),
                    "n": n_i,
                    "n_reviews": len(members[group]),
                    "review_ids": ";".join(sorted(users[(group, word)])),
                }
            )
    out = _frame(rows, ["by", "group", "word", "count", "count_rest", "delta", "z", "n", "n_reviews", "review_ids"])
    out = out.sort_values(["group", "z", "word"], ascending=[True, False, True], kind="stable")
    if top is not None:
        out = out.groupby("group", sort=True).head(top)
    return out.reset_index(drop=True)


def _content_words(text: object, stop: Collection[str]) -> list[str]:
    words = []
    for token in tokenize(text if isinstance(text, str) else ""):
        token = token.replace("’", "'")
        token = token[:-2] if token.endswith("'s") and len(token) > 3 else token
        if (len(token) > 1 or _CJK_RUN.match(token)) and token not in stop:
            words.append(token)
    return words


# --------------------------------------------------------------------------------- comparison films
@dataclass(frozen=True)
class _Film:
    id: str
    title: str
    pattern: re.Pattern
    not_sentence_initial: bool
    aliases: frozenset[str]


@lru_cache(maxsize=1)
def registry_films() -> dict[str, dict]:
    """The package's registry of well-known comparison films (toolkit/data/comparison_films.yaml): id → entry."""
    path = Path(__file__).parent / "data" / "comparison_films.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {entry["id"]: entry for entry in data["films"]}


@lru_cache(maxsize=1)
def _films() -> tuple[_Film, ...]:
    return tuple(_compile_film(entry) for entry in registry_films().values())


def _compile_film(entry: dict) -> _Film:
    aliases = sorted({a for forms in entry["aliases"].values() for a in forms}, key=lambda a: (-len(a), a))
    flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
    alternatives = "|".join(_alias_regex(a) for a in aliases)
    return _Film(
        entry["id"],
        entry["title"],
        re.compile(alternatives, flags),
        bool(entry.get("not_sentence_initial")),
        frozenset(a.casefold() for a in aliases),
    )


@lru_cache(maxsize=16)
def _films_with(profile: Any) -> tuple[_Film, ...]:
    """The registry plus a film profile's own comparison films (a profile entry replaces a registry one of
    the same id)."""
    extra = {f.id: _compile_film(f.registry_entry()) for f in profile.comparison_films if f.title}
    return tuple(f for f in _films() if f.id not in extra) + tuple(extra.values())


def _alias_regex(alias: str) -> str:
    # A space matches spaces or hyphens ("Apollo-13"); "*" a word suffix (case endings); edges are
    # word boundaries except next to CJK characters, which are written without spaces.
    body = r"[\s\u00a0-]+".join(r"\w*".join(re.escape(piece) for piece in word.split("*")) for word in alias.split(" "))
    head = "" if re.match(f"[{_CJK}]", alias) else r"(?<!\w)"
    tail = "" if re.search(f"[{_CJK}]$", alias) else r"(?!\w)"
    return f"{head}{body}{tail}"


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'«„“‘(")
    return before == "" or before[-1] in ".!?\n…"


def comparison_films(
    reviews: pd.DataFrame, *, text_column: str = "text", exclude: Collection[str] = (), profile: Any = None
) -> pd.DataFrame:
    """Find mentions of comparison films (toolkit/data/comparison_films.yaml, plus the comparison films of
    `profile`, a `toolkit.profiles.Profile`) in each review's text.

    Requires `review_id`, `text_column`; keeps `place`, `kind`, `outlet` when present. Returns one row per
    review × film: `review_id`, `film` (English title), `film_id`, `mentions` (count), `matched` (the
    distinct surface words, ";"-joined), `starts` (character offsets, ";"-joined), `review_ids`, and the
    review's `place`/`kind`/`outlet`. Sorted by review_id, film. `exclude` names the film under study
    (its titles or ids): a film in the list whose id, title or an alias is excluded is not searched for,
    so a film is never its own comparator.

    >>> r = pd.DataFrame({"review_id": ["x"], "text": ["Слабее, чем «Интерстеллар», но лучше Apollo 13."]})
    >>> comparison_films(r)[["film", "matched"]].values.tolist()
    [['Apollo 13', 'Apollo 13'], ['Interstellar', 'Интерстеллар']]
    """
    require(reviews, ["review_id", text_column], stage="reception.comparison_films")
    meta = [c for c in ("place", "kind", "outlet") if c in reviews.columns]
    excluded = {e.casefold() for e in exclude}
    known = _films_with(profile) if getattr(profile, "comparison_films", None) else _films()
    films = [f for f in known if not ({f.id.casefold(), f.title.casefold()} | f.aliases) & excluded]
    rows = []
    for _, review in reviews.iterrows():
        text = review[text_column] if isinstance(review[text_column], str) else ""
        for film in films:
            spans = [
                m
                for m in film.pattern.finditer(text)
                if not (film.not_sentence_initial and _sentence_initial(text, m.start()))
            ]
            if not spans:
                continue
            row = {
                "review_id": str(review["review_id"]),
                "film": film.title,
                "film_id": film.id,
                "mentions": len(spans),
                "matched": ";".join(sorted({m.group() for m in spans})),
                "starts": ";".join(str(m.start()) for m in spans),
                "review_ids": str(review["review_id"]),
            }
            row.update({c: review[c] for c in meta})
            rows.append(row)
    out = _frame(rows, ["review_id", "film", "film_id", "mentions", "matched", "starts", "review_ids", *meta])
    return out.sort_values(["review_id", "film"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------- over time
def over_time(reviews: pd.DataFrame, *, by: str = "place", freq: str = "month") -> pd.DataFrame:
    """Reviews per publication period and group. Dates are parsed from `published` (ISO dates, or
    partial "YYYY-MM" / "YYYY"); reviews whose date is unknown or too coarse for `freq` fall in the period
    "unknown" rather than being dropped.

    Requires `review_id`, `published`, `by`. Returns `period` ("YYYY-MM" for freq="month", "YYYY" for
    "year"), `by`, `group`, `n`, `review_ids`, sorted by period then group.

    >>> r = pd.DataFrame({"review_id": ["a", "b", "c"], "published": ["2017-10-05", "2017-10", None],
    ...                   "place": ["RU", "US", "US"]})
    >>> over_time(r)[["period", "group", "n"]].values.tolist()
    [['2017-10', 'RU', 1], ['2017-10', 'US', 1], ['unknown', 'US', 1]]
    """
    require(reviews, ["review_id", "published", by], stage="reception.over_time")
    if freq not in ("month", "year"):
        raise ValueError(f"reception.over_time: freq must be 'month' or 'year', got {freq!r}")
    width = 7 if freq == "month" else 4
    periods = [_period(value, width) for value in reviews["published"]]
    frame = pd.DataFrame(
        {
            "period": periods,
            "group": _groups(reviews[by]).to_numpy(),
            "review_id": reviews["review_id"].astype(str).to_numpy(),
        }
    )
    rows = [
        {"period": period, "by": by, "group": group, "n": len(part), "review_ids": _ids(part["review_id"])}
        for (period, group), part in frame.groupby(["period", "group"], sort=True)
    ]
    return _frame(rows, ["period", "by", "group", "n", "review_ids"])


def _period(value: object, width: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return UNKNOWN
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")[:width]
    match = re.match(r"^(\d{4})(?:-(\d{2}))?", str(value).strip())
    if not match or (width == 7 and match.group(2) is None):
        return UNKNOWN
    return match.group(0)[:width]


# ------------------------------------------------------------------------------------------ helpers
def _present(value: object) -> bool:
    return isinstance(value, str) and value != ""


def _groups(values: pd.Series) -> pd.Series:
    # Missing places/kinds are a group of their own so their reviews are counted, not lost.
    return values.map(lambda v: v if _present(v) else UNKNOWN).astype(object)


def _within(values: pd.Series, allowed: Iterable[object]) -> pd.Series:
    """`values.isin(allowed)` by set lookups: pandas' `isin` on a text column costs ten times as much."""
    keep = set(allowed)
    return pd.Series([value in keep for value in values.tolist()], index=values.index, dtype=bool)


def _ids(values: Iterable[object]) -> str:
    return ";".join(sorted({str(v) for v in values}))


def _explode(items: pd.DataFrame, column: str) -> pd.DataFrame:
    cols = ["review_id", column] + [c for c in ("sentence_id", "text") if c in items.columns and c != column]
    frame = items[cols].copy()
    frame["review_id"] = frame["review_id"].astype(str)
    values = []
    for cell in frame[column]:
        if isinstance(cell, (list, tuple, np.ndarray)):
            values.append([str(v) for v in cell if _present(str(v))])
        else:
            values.append([str(cell)] if _present(cell if isinstance(cell, str) else "") else [])
    frame["_category"] = pd.Series(values, index=frame.index, dtype=object)
    frame = frame.explode("_category")
    frame = frame[frame["_category"].notna()]
    sort = ["review_id"] + (["sentence_id"] if "sentence_id" in frame.columns else [])
    return frame.sort_values(sort, kind="stable")


def _outlets(reviews: pd.DataFrame) -> dict[str, str]:
    if "outlet" not in reviews.columns:
        return {}
    return {str(r): (o if _present(o) else "") for r, o in zip(reviews["review_id"], reviews["outlet"])}


def _example(hits: pd.DataFrame, outlets: dict[str, str], *, limit: int = 240) -> tuple[str, str]:
    if hits.empty or "text" not in hits.columns:
        return ("", "")
    first = hits.iloc[0]
    text = first["text"] if isinstance(first["text"], str) else ""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    outlet = outlets.get(first["review_id"], "")
    return (text, f"{outlet} ({first['review_id']})" if outlet else str(first["review_id"]))


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return (
        pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    )
