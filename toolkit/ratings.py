"""Rating normalization: turn what a page wrote ("★★★½", "Original Score: 3.5/5", "B+") into 0..1.

The forms, scales and scope markers live in ``toolkit/data/rating_forms.yaml``; this module compiles them
once. A rating that cannot be read is ``None`` with the reason in ``form`` — never a guess.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import yaml

from toolkit.tables import require

Scope = Literal["review", "audience", "aggregate"]

__all__ = ["Rating", "normalize_rating", "normalize"]


@dataclass(frozen=True)
class Rating:
    """A normalized rating.

    ``value`` is in 0..1 or None; ``scope`` says whose score it is ("review" — the critic's own,
    "audience", "aggregate", or None when nothing was found); ``form`` names the rule that matched
    ("stars", "stars_count", "fraction", "out_of", "percent", "letter", "source_score") or why there is
    no value ("none" — nothing written, "unparsed", "conflict" — two readings disagree, "out_of_range").
    """

    value: float | None
    scope: Scope | None
    form: str


@dataclass(frozen=True)
class _Rules:
    """The compiled rating forms (built once from the data file)."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    scope_markers: tuple[tuple[str, re.Pattern[str]], ...]
    star_full: frozenset[str]
    star_half: frozenset[str]
    star_empty: frozenset[str]
    star_scale: int
    denominators: frozenset[int]
    letter_grades: dict[str, float]
    source_scales: dict[str, float]


# Digits in Arabic-script texts are read as ASCII digits; the Arabic decimal separator and percent sign
# likewise, so "٣٫٥/٥" is read like "3.5/5".
_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "٫": ".",
        "٪": "%",
        "−": "-",
        "–": "-",
    }
)
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_NUMBER = r"\d+(?:\.\d+)?"
# A count that may carry a half: "3", "3.5", "3½", "3 1/2", or "½" alone.
_HALF_NUMBER = r"(?:\d+(?:\.\d+)?(?:\s?½|\s1/2)?|½)"


def _alternation(words: list[str]) -> str:
    # Longest first so "audience score" wins over "audience" and "sternen" over "stern".
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _flatten(by_language: dict[str, list[str]]) -> list[str]:
    return [word for words in by_language.values() for word in words]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    text = (Path(__file__).parent / "data" / "rating_forms.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    denominators = frozenset(int(d) for d in data["denominators"])
    stars = _alternation(_flatten(data["star_words"]))
    out_of = _alternation(_flatten(data["out_of_words"]))
    labels = _alternation(_flatten(data["grade_labels"]))
    sources = _alternation([s["name"] for s in data["sources"]])
    glyphs = data["star_glyphs"]
    full, half, empty = ("".join(re.escape(g) for g in glyphs[k]) for k in ("full", "half", "empty"))
    grades = sorted(data["letter_grades"], key=lambda g: (-len(g), g))
    grade = "|".join(re.escape(g) for g in grades)
    flags = re.IGNORECASE
    # Order matters: a later pattern never takes characters an earlier one matched, so "4 out of 5 stars"
    # is one out_of reading (not also "5 stars"), and "Critics 81% 16" is one source score.
    patterns = (
        (
            "out_of",
            re.compile(
                rf"(?<![\w.,/])(?P<num>{_HALF_NUMBER})\s*(?:(?:{stars})\s+)?(?:{out_of})\s+(?P<den>\d+)"
                rf"(?![\d.,/])(?:\s*(?:{stars})\b)?",
                flags,
            ),
        ),
        (
            "fraction",
            re.compile(rf"(?<![\w.,/])(?P<num>{_NUMBER}½?)\s*/\s*(?P<den>\d+)(?![\d/])(?:\s*(?:{stars})\b)?", flags),
        ),
        (
            "source_score",
            re.compile(rf"(?<!\w)(?P<name>{sources})\b\W{{0,3}}(?P<num>{_NUMBER})(?![\d.])(?P<pct>\s?%)?", flags),
        ),
        ("stars_count", re.compile(rf"(?<![\w.,/])(?P<num>{_HALF_NUMBER})\s*(?:{stars})(?!\w)", flags)),
        ("percent", re.compile(rf"(?<![\w.,])(?P<num>{_NUMBER})\s?%", flags)),
        ("stars", re.compile(rf"(?P<full>[{full}](?:\s?[{full}])*)?(?P<half>[{half}])?(?P<empty>[{empty}]+)?")),
        # Letter grades only when they are the whole text or follow a label: a capital "C" in prose is
        # not a grade. Labels are case-insensitive, grades are not.
        (
            "letter",
            re.compile(rf"^\s*(?P<grade>{grade})\s*$|(?i:\b(?:{labels}))\s*:?\s*(?P<labelled>{grade})(?![\w+\-])"),
        ),
    )
    markers = tuple(
        (scope, re.compile(rf"(?<!\w)(?:{_alternation(_flatten(words))})", flags))
        for scope, words in data["scopes"].items()
    )
    return _Rules(
        patterns=patterns,
        scope_markers=markers,
        star_full=frozenset(glyphs["full"]),
        star_half=frozenset(glyphs["half"]),
        star_empty=frozenset(glyphs["empty"]),
        star_scale=int(data["star_scale"]),
        denominators=denominators,
        letter_grades={k: float(v) for k, v in data["letter_grades"].items()},
        source_scales={s["name"].casefold(): float(s["scale"]) for s in data["sources"]},
    )


def _count(text: str) -> float:
    """Read "3", "3.5", "3½", "3 1/2" or "½" as a number."""
    text = text.strip()
    half = 0.0
    if text.endswith("½"):
        text, half = text[:-1].strip(), 0.5
    elif text.endswith(" 1/2"):
        text, half = text[:-4].strip(), 0.5
    return (float(text) if text else 0.0) + half


def _read(form: str, match: re.Match[str], rules: _Rules) -> tuple[float | None, bool] | None:
    """Value of one match as (value, in_range), or None when the match is not a rating after all."""
    if form in ("out_of", "fraction"):
        den = int(match["den"])
        if den not in rules.denominators:
            return None  # "24/7", "1 of 3": not a rating scale
        num = _count(match["num"])
        return num / den, 0 <= num <= den
    if form == "source_score":
        num = float(match["num"])
        scale = 100.0 if match["pct"] else rules.source_scales[match["name"].casefold()]
        return num / scale, 0 <= num <= scale
    if form == "stars_count":
        num = _count(match["num"])
        return num / rules.star_scale, 0 <= num <= rules.star_scale
    if form == "percent":
        num = float(match["num"])
        return num / 100, 0 <= num <= 100
    if form == "stars":
        glyphs = match.group(0)
        if not glyphs.strip():
            return None
        full = sum(ch in rules.star_full for ch in glyphs)
        half = sum(ch in rules.star_half for ch in glyphs)
        empty = sum(ch in rules.star_empty for ch in glyphs)
        # Empty stars give the scale ("★★★☆" is 3 of 4); otherwise the usual five.
        scale = full + half + empty if empty else rules.star_scale
        num = full + 0.5 * half
        return num / scale, num <= scale
    if form == "letter":
        return rules.letter_grades[match["grade"] or match["labelled"]], True
    raise AssertionError(form)


def _scope(text: str, rules: _Rules) -> Scope | None:
    for scope, marker in rules.scope_markers:
        if marker.search(text):
            return scope  # type: ignore[return-value]
    return None


def normalize_rating(raw: str | None) -> Rating:
    """Normalize a written rating to 0..1 and say whose it is.

    Stars count out of five unless empty stars give the scale; a digit after Letterboxd stars is a comment
    count, not part of the rating. Audience and aggregate scores keep their value but get that scope —
    they are never a review's own rating. When two readings disagree the value is None ("conflict").

    >>> normalize_rating("★★★½")
    Rating(value=0.7, scope='review', form='stars')
    >>> normalize_rating("★★★ 4").value
    0.6
    >>> normalize_rating("Original Score: 3.5/5")
    Rating(value=0.7, scope='review', form='fraction')
    >>> normalize_rating("Critics 81% 16")
    Rating(value=0.81, scope='aggregate', form='source_score')
    >>> normalize_rating("a must-see")
    Rating(value=None, scope=None, form='unparsed')
    """
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return Rating(None, None, "none")
    text = _DECIMAL_COMMA.sub(".", str(raw).translate(_DIGITS)).strip()
    if not text:
        return Rating(None, None, "none")
    rules = _rules()
    taken: list[tuple[int, int]] = []
    readings: list[tuple[int, str, float, bool]] = []
    for form, pattern in rules.patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if start == end or any(start < e and s < end for s, e in taken):
                continue
            read = _read(form, match, rules)
            if read is None:
                continue
            taken.append((start, end))
            readings.append((start, form, read[0], read[1]))
    scope = _scope(text, rules)
    if not readings:
        return Rating(None, scope, "unparsed")
    readings.sort()
    if not all(ok for *_, ok in readings):
        return Rating(None, scope, "out_of_range")
    values = {round(value, 4) for _, _, value, _ in readings}
    if len(values) > 1:
        return Rating(None, scope, "conflict")
    return Rating(values.pop(), scope or "review", readings[0][1])


def normalize(reviews: pd.DataFrame) -> pd.DataFrame:
    """Fill ``rating`` from ``rating_raw`` (table stage; returns a new frame).

    Requires: ``rating_raw``. Adds or replaces: ``rating`` (0..1, NaN unless the score is the review's
    own), ``rating_scope`` and ``rating_form`` (see `Rating`). Rows whose ``rating_raw`` is missing keep
    an existing ``rating`` (scope "review", form "given" when it is set).

    >>> frame = pd.DataFrame({"rating_raw": ["★★★½", "IMDb 7.2", None]})
    >>> normalize(frame)[["rating", "rating_scope", "rating_form"]].to_dict("list")
    {'rating': [0.7, nan, nan], 'rating_scope': ['review', 'aggregate', None], 'rating_form': ['stars', 'source_score', 'none']}
    """
    require(reviews, ["rating_raw"], stage="ratings.normalize")
    given = reviews["rating"] if "rating" in reviews.columns else pd.Series(float("nan"), index=reviews.index)
    values: list[float] = []
    scopes: list[str | None] = []
    forms: list[str] = []
    for raw, old in zip(reviews["rating_raw"].tolist(), given.tolist()):
        rating = normalize_rating(None if raw is None or (isinstance(raw, float) and math.isnan(raw)) else raw)
        if rating.form == "none" and old is not None and not pd.isna(old):
            values.append(float(old))
            scopes.append("review")
            forms.append("given")
            continue
        values.append(rating.value if rating.scope == "review" and rating.value is not None else float("nan"))
        scopes.append(rating.scope)
        forms.append(rating.form)
    out = reviews.copy()
    out["rating"] = pd.Series(values, index=reviews.index, dtype="float64")
    out["rating_scope"] = pd.Series(scopes, index=reviews.index, dtype=object)
    out["rating_form"] = pd.Series(forms, index=reviews.index, dtype=object)
    return out
