"""Column contracts of the toolkit's tables (see DESIGN.md) and the checks that enforce them.

The contracts themselves (kinds, nullability, allowed values, keys) are declared once in `toolkit.schema`.
Every stage names the columns it needs; `require` turns a missing column into a clear error instead of a
KeyError from deep inside pandas.
"""

from __future__ import annotations

import pandas as pd

from toolkit.schema import BUDGET_FIGURES, KINDS, PLACE_BASES, REVIEWS, SENTENCES, STATEMENTS, TableError

__all__ = [
    "REVIEW_COLUMNS",
    "SENTENCE_COLUMNS",
    "STATEMENT_COLUMNS",
    "BUDGET_COLUMNS",
    "KINDS",
    "PLACE_BASES",
    "TableError",
    "require",
    "empty",
    "sort_stably",
]

# The column lists are the contract columns of the declared schemas (toolkit.schema), kept here under the
# names the stages import.
REVIEW_COLUMNS = REVIEWS.contract
SENTENCE_COLUMNS = SENTENCES.contract
STATEMENT_COLUMNS = STATEMENTS.contract
BUDGET_COLUMNS = BUDGET_FIGURES.contract


def require(frame: pd.DataFrame, columns: list[str] | tuple[str, ...], *, stage: str) -> None:
    """Raise TableError naming the stage and the missing columns.

    >>> require(pd.DataFrame({"review_id": []}), ["review_id", "text"], stage="language.detect")
    Traceback (most recent call last):
    ...
    toolkit.schema.TableError: language.detect needs column(s) text; got review_id
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        got = ", ".join(map(str, frame.columns)) or "no columns"
        raise TableError(f"{stage} needs column(s) {', '.join(missing)}; got {got}")


def empty(columns: list[str]) -> pd.DataFrame:
    """An empty frame with the given columns, object-typed, for stages that found nothing."""
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})


def sort_stably(frame: pd.DataFrame, keys: list[tuple]) -> pd.DataFrame:
    """`frame`'s rows sorted by `keys` (one tuple of Python values per row), equal keys in their order, with a
    fresh RangeIndex: what ``sort_values(columns, kind="stable").reset_index(drop=True)`` gives on columns
    holding those values, at a fraction of its cost on the small frames of a stage (pandas spends milliseconds
    per call preparing the columns), and no copy at all when the rows are in order already (the usual case).

    >>> frame = pd.DataFrame({"r": ["b", "a", "b"], "n": [2, 9, 1]})
    >>> sort_stably(frame, list(zip(frame["r"], frame["n"])))["n"].tolist()
    [9, 1, 2]
    """
    order = sorted(range(len(keys)), key=keys.__getitem__)
    if order != list(range(len(keys))):
        frame = frame.take(order)
    return frame.reset_index(drop=True)
