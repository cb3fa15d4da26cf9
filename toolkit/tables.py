"""Column contracts of the toolkit's tables (see DESIGN.md) and the checks that enforce them.

Every stage names the columns it needs; `require` turns a missing column into a clear error instead of a
KeyError from deep inside pandas.
"""

from __future__ import annotations

import pandas as pd

REVIEW_COLUMNS = [
    "review_id",
    "source",
    "start",
    "end",
    "outlet",
    "critic",
    "kind",
    "url",
    "published",
    "place",
    "place_basis",
    "rating_raw",
    "rating",
    "text",
    "language",
    "language_confidence",
    "mixed",
    "duplicate_of",
]
SENTENCE_COLUMNS = ["review_id", "sentence_id", "start", "end", "text", "language"]
STATEMENT_COLUMNS = [
    "review_id",
    "sentence_id",
    "aspect",
    "text",
    "start",
    "end",
    "language",
    "cues",
    "stance",
    "incidents",
    "frames",
    "method",
    "score",
]
BUDGET_COLUMNS = ["review_id", "sentence_id", "amount", "currency", "year", "usd", "subject", "text"]

KINDS = ("critic", "blog", "user", "blurb", "synopsis", "news")
PLACE_BASES = ("outlet", "stated", "language", "unknown")


class TableError(ValueError):
    """A table does not meet its column contract."""


def require(frame: pd.DataFrame, columns: list[str] | tuple[str, ...], *, stage: str) -> None:
    """Raise TableError naming the stage and the missing columns.

    >>> require(pd.DataFrame({"review_id": []}), ["review_id", "text"], stage="language.detect")
    Traceback (most recent call last):
    ...
    toolkit.tables.TableError: language.detect needs column(s) text; got review_id
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        got = ", ".join(map(str, frame.columns)) or "no columns"
        raise TableError(f"{stage} needs column(s) {', '.join(missing)}; got {got}")


def empty(columns: list[str]) -> pd.DataFrame:
    """An empty frame with the given columns, object-typed, for stages that found nothing."""
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
