"""One contract per table: the columns, kinds, nullability, allowed values and key of every table the
toolkit passes between stages (reviews, sentences, statements, budget figures, the per-review languages of
a streamed run, rejections), declared once here and used by the stages, the streaming path and Dask.

Why an in-house schema and not pandera: measured on this machine (`python -X importtime -c "import pandas;
import pandera.pandas"`, pandera 0.35 with pandas 3.1), importing pandera after pandas costs 0.5-1.7 s and
pulls pydantic and typeguard in; this module costs 20-90 ms on the same machine under a load of 7-9 on 2
cores (`python -X importtime -c "import toolkit.schema"`, mostly building its dataclasses), and the toolkit's
start-up must stay small. What the toolkit needs is small too: six value kinds, nullability, allowed values,
a pattern, bounds, a key, offsets in order, and error lines that name the record (file and line when the
table knows them, else the row), the column and the reason.

>>> frame = pd.DataFrame({"review_id": ["r1", "r1"], "sentence_id": ["r1:1", "r1:1"], "start": [0, 9],
...                       "end": [8, 4], "text": ["Ein Satz.", "Gut."], "language": ["de", "xx1"], "n": [1, 2]})
>>> for problem in SENTENCES.problems(frame):
...     print(problem)
sentences row 1 (review 'r1'): language 'xx1' is not an ISO 639-1 code or 'und'
sentences row 1 (review 'r1'): duplicate (review_id, sentence_id) ('r1', 'r1:1') (first at row 0)
sentences row 1 (review 'r1'): start 9 is after end 4
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "is_missing",
    "Column",
    "Schema",
    "Problem",
    "SchemaError",
    "TableError",
    "KINDS",
    "PLACE_BASES",
    "ASPECTS",
    "STANCES",
    "METHODS",
    "SUBJECTS",
    "MONEY_KINDS",
    "CURRENCY_BASES",
    "REVIEWS",
    "SENTENCES",
    "STATEMENTS",
    "BUDGET_FIGURES",
    "LANGUAGES",
    "REJECTIONS",
    "SCHEMAS",
]

#: Value kinds a column can have; `Schema.conform` gives each its pandas dtype.
VALUE_KINDS = ("str", "int", "float", "bool", "list", "json")

# Allowed values fixed by CODEBOOK.md.
KINDS = ("critic", "blog", "user", "blurb", "synopsis", "news")
PLACE_BASES = ("outlet", "stated", "language", "unknown")
ASPECTS = ("budget", "accuracy", "geopolitics")
STANCES = ("faithful", "mixed", "embellished", "neutral")
METHODS = ("rule", "model", "both")
SUBJECTS = ("film", "comparator", "counterfactual")
MONEY_KINDS = ("budget", "box_office", "price", "other", "unknown")
#: How a budget figure's currency was obtained, most to least direct (`toolkit.money.budget_figures`).
CURRENCY_BASES = ("written", "context", "scale", "clause", "sentence", "review", "language")
_LANGUAGE = ("an ISO 639-1 code or 'und'", r"[a-z]{2}|und")


class TableError(ValueError):
    """A table does not meet its column contract."""


class SchemaError(TableError):
    """A table breaks its contract; `problems` lists every broken record (the message shows the first ten)."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    """One broken cell or record: where it is (row; file and line when known), which record, which column."""

    table: str
    row: int
    record_id: Any
    column: str
    reason: str
    source: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.row < 0:  # the whole table: a column it lacks or should not have
            return self.reason
        where = f"{self.source} line {self.line}" if self.source is not None and self.line is not None else None
        place = where or f"{self.table} row {self.row}"
        who = f" (review {self.record_id!r})" if self.record_id is not None else ""
        return f"{place}{who}: {self.reason}"


@dataclass(frozen=True)
class Column:
    """One column's contract. `pattern` is (what it means in words, regex the whole value must match)."""

    name: str
    kind: str
    nullable: bool = True
    allowed: tuple[str, ...] | None = None
    pattern: tuple[str, str] | None = None
    bounds: tuple[float, float] | None = None
    nonblank: bool = False
    #: A column DESIGN.md names (never renamed); the others are what a stage adds beside the contract.
    contract: bool = True

    def __post_init__(self) -> None:
        if self.kind not in VALUE_KINDS:
            raise ValueError(f"column {self.name}: unknown kind {self.kind!r}; use one of {', '.join(VALUE_KINDS)}")


@dataclass(frozen=True)
class Schema:
    """A table's contract: its columns in order, the key (columns whose values identify a row), offsets that
    must be in order ((start, end) pairs) and columns that must name a key of the same table."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    spans: tuple[tuple[str, str], ...] = ()
    refers: dict[str, str] = field(default_factory=dict)
    #: The column that names a record in error messages.
    id_column: str | None = "review_id"

    @property
    def names(self) -> list[str]:
        """Every column, in output order."""
        return [c.name for c in self.columns]

    @property
    def contract(self) -> list[str]:
        """The columns DESIGN.md names, in its order."""
        return [c.name for c in self.columns if c.contract]

    @property
    def kinds(self) -> dict[str, str]:
        """Column → value kind (``str``, ``int``, ``float``, ``bool``, ``list`` of strings, ``json``).

        >>> STATEMENTS.kinds["start"], STATEMENTS.kinds["cues"], BUDGET_FIGURES.kinds["usd"]
        ('int', 'list', 'float')
        """
        return {c.name: c.kind for c in self.columns}

    def column(self, name: str) -> Column:
        """The contract of one column (KeyError naming the table when it has none)."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    # ---------------------------------------------------------------------------------------- checking

    def problems(self, frame: pd.DataFrame, *, limit: int | None = None) -> list[Problem]:
        """Every way `frame` breaks this contract, row by row (columns it lacks are one problem each; extra
        columns are allowed). Cheap: a column whose dtype settles its kind and that has no other rule is not
        looked into; the others are checked in one plain pass over their cells (for the tables the stages hand
        on, a few milliseconds per thousand rows, less than pandas' per-call overhead of whole-column checks)."""
        missing = [c.name for c in self.columns if c.name not in frame.columns]
        if missing:
            got = ", ".join(map(str, frame.columns)) or "no columns"
            reason = f"{self.name} lacks column(s) {', '.join(missing)} (has {got})"
            return [Problem(self.name, -1, None, missing[0], reason)]
        lists: dict[str, list] = {}

        def cells(name: str) -> list:
            if name not in lists:
                lists[name] = frame[name].tolist()
            return lists[name]

        found: list[tuple[int, str, str]] = []
        for column in self.columns:
            if not _settled(frame[column.name], column):
                found += [(row, column.name, reason) for row, reason in _column_problems(cells(column.name), column)]
        found += self._key_problems(frame, cells)
        found += self._span_problems(frame, cells)
        found += self._reference_problems(cells)
        if not found:
            return []
        ids = cells(self.id_column) if self.id_column in frame.columns else [None] * len(frame)
        sources = cells("source") if "source" in frame.columns else None
        lines = cells("source_line") if "source_line" in frame.columns else None
        found.sort(key=lambda item: item[0])
        out = []
        for row, column, reason in found[:limit]:
            source = sources[row] if sources is not None and isinstance(sources[row], str) else None
            line = lines[row] if lines is not None and not is_missing(lines[row]) else None
            rid = ids[row]
            out.append(
                Problem(self.name, row, None if is_missing(rid) else rid, column, reason, source, line and int(line))
            )
        return out

    def validate(self, frame: pd.DataFrame, *, where: str | None = None) -> pd.DataFrame:
        """`frame` unchanged if it meets the contract, else SchemaError naming record, column and reason.

        >>> REVIEWS.validate(pd.DataFrame({"review_id": ["a"], "text": ["Gut."]}), where="mine.jsonl")
        Traceback (most recent call last):
        ...
        toolkit.schema.SchemaError: mine.jsonl: reviews lacks column(s) source, start, end, outlet, critic, kind, url, published, place, place_basis, rating_raw, rating, language, language_confidence, mixed, duplicate_of (has review_id, text)
        """
        problems = self.problems(frame, limit=1000)
        if problems:
            raise _error(problems, where)
        return frame

    def _key_problems(self, frame: pd.DataFrame, cells) -> list[tuple[int, str, str]]:
        if not self.key or not frame.duplicated(list(self.key)).any():
            return []
        first: dict[tuple, int] = {}
        out = []
        for row, values in enumerate(zip(*(cells(name) for name in self.key))):
            seen = first.setdefault(values, row)
            if seen != row:
                if len(self.key) == 1:
                    reason = f"duplicate {self.key[0]} {values[0]!r} (first at row {seen})"
                else:
                    reason = f"duplicate ({', '.join(self.key)}) {values!r} (first at row {seen})"
                out.append((row, self.key[-1], reason))
        return out

    def _span_problems(self, frame: pd.DataFrame, cells) -> list[tuple[int, str, str]]:
        out = []
        for start_name, end_name in self.spans:
            if _spans_in_order(frame[start_name], frame[end_name]):
                continue  # shown on the whole columns: no row to name
            for row, (start, end) in enumerate(zip(cells(start_name), cells(end_name))):
                if (
                    not (isinstance(start, _NUMBERS) and isinstance(end, _NUMBERS))
                    or is_missing(start)
                    or is_missing(end)
                ):
                    continue  # a missing or non-numeric offset is its column's problem
                if start < 0:
                    out.append((row, start_name, f"{start_name} {start} is negative"))
                elif start > end:
                    out.append((row, start_name, f"{start_name} {start} is after {end_name} {end}"))
        return out

    def _reference_problems(self, cells) -> list[tuple[int, str, str]]:
        out = []
        for name, target in self.refers.items():
            known = set(cells(target))
            for row, value in enumerate(cells(name)):
                if not is_missing(value) and value not in known:
                    out.append((row, name, f"{name} {value!r} names no {target} of the table"))
        return out

    # ------------------------------------------------------------------------------------- conforming

    def conform(self, frame: pd.DataFrame, *, arrow: bool = False) -> pd.DataFrame:
        """`frame` with exactly this schema's columns, in order, and their dtypes (see `conform`)."""
        return conform(frame, self.kinds, table=self.name, arrow=arrow)

    def empty(self, *, arrow: bool = False) -> pd.DataFrame:
        """A table of this schema with no rows (Dask's meta, a partition that found nothing).

        >>> BUDGET_FIGURES.empty().dtypes[["amount", "year", "approx"]].tolist()
        [dtype('float64'), dtype('int64'), dtype('bool')]
        """
        return self.conform(pd.DataFrame(columns=self.names), arrow=arrow)

    def arrow_schema(self):
        """The pyarrow schema Parquet files of this table are written with."""
        return arrow_schema(self.kinds)


def _spans_in_order(start: pd.Series, end: pd.Series) -> bool:
    """True when both offset columns are whole numbers without gaps (their dtype says so) and every start is
    at least 0 and at most its end: two array comparisons instead of a loop over the rows."""
    if not (start.dtype.kind in "iu" and end.dtype.kind in "iu"):
        return False
    starts, ends = start.to_numpy(), end.to_numpy()
    return not ((starts < 0) | (starts > ends)).any()


def _error(problems: list[Problem], where: str | None) -> SchemaError:
    prefix = f"{where}: " if where else ""
    lines = [f"{prefix}{p}" for p in problems[:10]]
    if len(problems) > 10:
        lines.append(f"... and {len(problems) - 10} more")
    return SchemaError("\n".join(lines), problems)


# --------------------------------------------------------------------------------------- cell checks


def is_missing(value: Any) -> bool:
    """Whether a cell holds no value: None, NA, NaT or NaN."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _missing_cell(value: Any) -> bool:
    """Missing, for cells that may hold lists or arrays (whose truth is not a single value)."""
    return not isinstance(value, (list, tuple, dict)) and not hasattr(value, "tolist") and is_missing(value)


_KIND_WORDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "list": "a list of strings",
    "json": "a list or mapping",
}


_INTEGERS = (int, np.integer)
_NUMBERS = (int, float, np.number)
_BOOLS = (bool, np.bool_)


def _kind_ok(value: Any, kind: str) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        if isinstance(value, _BOOLS):
            return False
        return isinstance(value, _INTEGERS) or (isinstance(value, float) and value.is_integer())
    if kind == "float":
        return isinstance(value, _NUMBERS) and not isinstance(value, _BOOLS)
    if kind == "bool":
        return isinstance(value, _BOOLS)
    if kind == "list":
        items = value.tolist() if hasattr(value, "tolist") else value
        return isinstance(items, list | tuple) and all(isinstance(x, str) for x in items)
    return isinstance(value, list | tuple | dict) or hasattr(value, "tolist")


def _dtype_settles(series: pd.Series, kind: str) -> bool:
    """True when the dtype alone shows every present value has `kind` (no need to look at cells)."""
    from pandas.api import types

    dtype = series.dtype
    if kind == "int":
        return types.is_integer_dtype(dtype) and not types.is_bool_dtype(dtype)
    if kind == "float":
        return types.is_numeric_dtype(dtype) and not types.is_bool_dtype(dtype)
    if kind == "bool":
        return types.is_bool_dtype(dtype)
    if kind == "str":
        return isinstance(dtype, pd.StringDtype)
    return False


def _settled(series: pd.Series, column: Column) -> bool:
    """True when the dtype alone shows the column keeps its contract (no rule beyond kind and nullability)."""
    if column.allowed or column.pattern or column.bounds or column.nonblank or not _dtype_settles(series, column.kind):
        return False
    return column.nullable or not series.hasnans


# The exact Python types whose cells surely have a column's kind (what `_kind_ok` accepts, without subclasses).
_EXACT_TYPES = {
    "str": frozenset([str]),
    "int": frozenset([int]),
    "float": frozenset([float, int]),
    "bool": frozenset([bool]),
    "list": frozenset([list, tuple]),
    "json": frozenset([list, tuple, dict]),
}


def _surely_clean(values: list, column: Column) -> bool:
    """True when no cell of `values` breaks `column`'s contract, shown with whole-list operations (types as a
    set, distinct values against `allowed` and `pattern`, min and max against `bounds`). False means "look cell
    by cell", not that a cell is wrong: a long review's statements are hundreds of thousands of cells, and the
    loop in `_column_problems` is only needed to name the ones that are."""
    types = set(map(type, values))
    present = values
    if type(None) in types and column.nullable:
        types.discard(type(None))
        present = [v for v in values if v is not None]
    if not types <= _EXACT_TYPES[column.kind]:
        return False
    if column.kind == "float" and any(map(math.isnan, present)):
        return False  # NaN is a missing value: the loop decides
    if column.kind == "list" and not set(map(type, itertools.chain.from_iterable(present))) <= {str}:
        return False
    if column.kind != "str" and (column.nonblank or column.allowed is not None or column.pattern is not None):
        return False
    distinct = set(present) if column.kind == "str" else set()
    if column.nonblank and not all(map(str.strip, distinct)):
        return False
    if column.allowed is not None and not distinct <= set(column.allowed):
        return False
    if column.pattern is not None:
        regex = re.compile(column.pattern[1])
        if not all(regex.fullmatch(v) for v in distinct):
            return False
    if column.bounds is not None and present:
        return column.bounds[0] <= min(present) and max(present) <= column.bounds[1]
    return True


def _column_problems(values: list, column: Column) -> list[tuple[int, str]]:
    """(row, reason) for every cell that breaks `column`'s contract: one reason per cell, the first found."""
    if _surely_clean(values, column):
        return []
    out: list[tuple[int, str]] = []
    name, kind = column.name, column.kind
    missing = _missing_cell if kind in ("list", "json") else is_missing
    allowed = frozenset(column.allowed) if column.allowed is not None else None
    regex = re.compile(column.pattern[1]) if column.pattern is not None else None
    for row, value in enumerate(values):
        if missing(value):
            if not column.nullable:
                out.append((row, f"{name} is missing"))
        elif not _kind_ok(value, kind):
            out.append((row, f"{name} {_shown(value)} is not {_KIND_WORDS[kind]}"))
        elif column.nonblank and not str(value).strip():
            out.append((row, f"{name} is blank"))
        elif allowed is not None and value not in allowed:
            out.append((row, f"{name} {value!r} is not allowed; allowed: {', '.join(column.allowed)}"))
        elif regex is not None and not regex.fullmatch(str(value)):
            out.append((row, f"{name} {value!r} is not {column.pattern[0]}"))
        elif column.bounds is not None and not column.bounds[0] <= value <= column.bounds[1]:
            out.append((row, f"{name} {value!r} is outside {column.bounds[0]:g}..{column.bounds[1]:g}"))
    return out


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ----------------------------------------------------------------------------------------- conforming


def conform(frame: pd.DataFrame, kinds: dict[str, str], *, table: str = "table", arrow: bool = False) -> pd.DataFrame:
    """`frame` with exactly `kinds`' columns, in order, and their dtypes (str columns as pandas ``str``; an
    int column with missing values as ``Int64``).

    ``list`` cells become Python lists; with ``arrow=True`` they become an Arrow list column and ``json``
    cells JSON text (for Parquet and Dask, whose string conversion would otherwise turn lists into text).
    Raises SchemaError naming the table and column when a column is new or cannot take its kind.

    >>> conform(pd.DataFrame({"a": [1, 2], "b": [["x"], []]}), {"a": "float", "b": "list"}).dtypes.tolist()
    [dtype('float64'), dtype('O')]
    >>> conform(pd.DataFrame({"a": ["x"], "z": [1]}), {"a": "str"}, table="statements")
    Traceback (most recent call last):
    ...
    toolkit.schema.SchemaError: statements has column(s) z that its schema lacks
    """
    extra = [c for c in frame.columns if c not in kinds]
    if extra:
        message = f"{table} has column(s) {', '.join(map(str, extra))} that its schema lacks"
        raise SchemaError(message, [Problem(table, -1, None, str(c), message) for c in extra])
    out = {}
    n = len(frame)
    for column, kind in kinds.items():
        values = frame[column] if column in frame.columns else pd.Series([None] * n, dtype=object)
        try:
            out[column] = _cast(values, kind, arrow)
        except (TypeError, ValueError) as error:
            message = f"{table}.{column} cannot be read as {kind}: {error}"
            raise SchemaError(message, [Problem(table, -1, None, column, message)]) from None
    return pd.DataFrame(out, index=pd.RangeIndex(n))


def _cast(values: pd.Series, kind: str, arrow: bool) -> pd.Series:
    values = values.reset_index(drop=True)
    if kind == "int":
        if values.isna().any():
            return pd.to_numeric(values, errors="raise").astype("Int64")
        return values.astype("int64")
    if kind == "float":
        return pd.to_numeric(values, errors="raise").astype("float64")
    if kind == "bool":
        if values.isna().any():
            raise ValueError("missing values in a boolean column")
        return values.astype("bool")
    if kind == "str":
        if values.dtype in _STR_DTYPES:  # the stages' text columns already are: nothing to convert
            return values
        return pd.Series([None if is_missing(v) else str(v) for v in values.tolist()], dtype="str")
    if kind == "list":
        cells = [_string_list(v) for v in values.tolist()]
        if arrow:  # an Arrow list column: Dask's string conversion leaves it alone, Parquet stores a list
            import pyarrow as pa

            return pd.Series(pd.array(cells, dtype=pd.ArrowDtype(pa.list_(pa.string()))))
        return pd.Series(cells, dtype=object)
    if kind == "json":
        cells = values.tolist()
        if arrow:
            return pd.Series(
                [None if _missing_cell(v) else json.dumps(jsonable(v), ensure_ascii=False) for v in cells],
                dtype="str",
            )
        return pd.Series(cells, dtype=object)
    raise ValueError(f"unknown kind {kind!r}")


def _string_list(value: Any) -> list[str] | None:
    """A ``list`` cell as a new list of strings; None when missing."""
    if type(value) is list:  # what the stages give: no need for the missing-value checks
        return list(map(str, value))
    return None if _missing_cell(value) else list(map(str, _as_list(value)))


def _as_list(value: Any) -> list:
    return list(value.tolist() if hasattr(value, "tolist") else value)


# The pandas ``str`` dtype (`conform`'s text columns): strings with NaN for a missing value from pandas 3 on. Under
# pandas 2 "str" gives the object dtype, which holds anything: no shortcut there.
_STR = pd.Series([], dtype="str").dtype
# ... and the same dtype with its strings kept as Python objects, as `toolkit.scale`'s workers make it.
_STR_DTYPES = (_STR, pd.StringDtype("python", na_value=_STR.na_value)) if isinstance(_STR, pd.StringDtype) else ()


_PLAIN = frozenset([str, int, bool, type(None)])


def jsonable(value: Any) -> Any:
    """JSON-ready value: NaN/NA → null, numpy scalars and arrays → Python (as `toolkit.cli` writes them).

    >>> jsonable({"usd": float("nan"), "cues": ("a",)})
    {'usd': None, 'cues': ['a']}
    """
    if type(value) in _PLAIN:  # most values: skip the checks below
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    # Plain members are kept without a call: a long review's statements hold millions of them.
    if isinstance(value, dict):
        return {k: v if type(v) in _PLAIN else jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [v if type(v) in _PLAIN else jsonable(v) for v in value]
    if hasattr(value, "tolist"):
        return jsonable(value.tolist())
    return value


def arrow_schema(kinds: dict[str, str]):
    """The pyarrow schema of a table with these column kinds (``json`` cells are stored as JSON text)."""
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
        "json": pa.string(),
    }
    return pa.schema([pa.field(column, types[kind]) for column, kind in kinds.items()])


# --------------------------------------------------------------------------------------------- tables

_ID = Column("review_id", "str", nullable=False, nonblank=True)

REVIEWS = Schema(
    "reviews",
    (
        _ID,
        Column("source", "str"),
        Column("start", "int"),
        Column("end", "int"),
        Column("outlet", "str"),
        Column("critic", "str"),
        Column("kind", "str", allowed=KINDS),
        Column("url", "str"),
        Column("published", "str", pattern=("a YYYY-MM-DD date", r"\d{4}-\d{2}-\d{2}")),
        Column("place", "str", pattern=("an ISO 3166-1 alpha-2 code such as DE", r"[A-Z]{2}")),
        Column("place_basis", "str", allowed=PLACE_BASES),
        Column("rating_raw", "str"),
        Column("rating", "float", bounds=(0.0, 1.0)),
        Column("text", "str", nullable=False, nonblank=True),
        Column("language", "str", pattern=_LANGUAGE),
        Column("language_confidence", "float", bounds=(0.0, 1.0)),
        Column("mixed", "bool"),
        Column("duplicate_of", "str"),
    ),
    key=("review_id",),
    spans=(("start", "end"),),
    refers={"duplicate_of": "review_id"},
)

SENTENCES = Schema(
    "sentences",
    (
        _ID,
        Column("sentence_id", "str", nullable=False),
        Column("start", "int", nullable=False),
        Column("end", "int", nullable=False),
        Column("text", "str", nullable=False),
        Column("language", "str", pattern=_LANGUAGE),
        Column("n", "int", nullable=False, contract=False),
    ),
    key=("review_id", "sentence_id"),
    spans=(("start", "end"),),
)

STATEMENTS = Schema(
    "statements",
    (
        _ID,
        Column("sentence_id", "str", nullable=False),
        Column("aspect", "str", nullable=False, allowed=ASPECTS),
        Column("text", "str", nullable=False),
        Column("start", "int", nullable=False),
        Column("end", "int", nullable=False),
        Column("language", "str", pattern=_LANGUAGE),
        Column("cues", "list"),
        Column("stance", "str", allowed=STANCES),
        Column("incidents", "list"),
        Column("frames", "list"),
        Column("method", "str", nullable=False, allowed=METHODS),
        Column("score", "float", bounds=(0.0, 1.0)),
        Column("negated", "list", contract=False),
        Column("evidence", "json", contract=False),
    ),
    key=("review_id", "sentence_id", "aspect"),
    spans=(("start", "end"),),
)

BUDGET_FIGURES = Schema(
    "budget_figures",
    (
        _ID,
        Column("sentence_id", "str", nullable=False),
        Column("amount", "float", nullable=False),
        Column("currency", "str", pattern=("an ISO 4217 code such as USD", r"[A-Z]{3}")),
        Column("year", "int"),
        Column("usd", "float"),
        Column("subject", "str", allowed=SUBJECTS),
        Column("text", "str", nullable=False),
        Column("start", "int", nullable=False, contract=False),
        Column("end", "int", nullable=False, contract=False),
        Column("low", "float", contract=False),
        Column("high", "float", contract=False),
        Column("approx", "bool", nullable=False, contract=False),
        Column("kind", "str", allowed=MONEY_KINDS, contract=False),
        Column("currency_implied", "bool", nullable=False, contract=False),
        Column("language", "str", contract=False),
        Column("currency_basis", "str", allowed=CURRENCY_BASES, contract=False),
    ),
    # A range ("between 130 and 200 million dollars") gives two figures, one per end, that share the phrase.
    key=("review_id", "start", "end", "amount"),
    spans=(("start", "end"),),
)

#: The per-review language table a streamed or Dask run writes (`toolkit languages`, the `reviews` table
#: of `toolkit.scale.run_partition`): the reviews contract's language columns.
LANGUAGES = Schema(
    "languages",
    (
        _ID,
        Column("language", "str", pattern=_LANGUAGE),
        Column("language_confidence", "float", bounds=(0.0, 1.0)),
        Column("mixed", "bool", nullable=False),
    ),
    key=("review_id",),
)

#: Records a reader could not take: where they are and why (DESIGN.md, `--on-error skip`).
REJECTIONS = Schema(
    "rejections",
    (
        Column("source", "str", nullable=False),
        Column("line", "int", nullable=False),
        Column("record_id", "str"),
        Column("reason", "str", nullable=False),
        Column("kind", "str", nullable=False),
    ),
    id_column="record_id",
)

SCHEMAS = {s.name: s for s in (REVIEWS, SENTENCES, STATEMENTS, BUDGET_FIGURES, LANGUAGES, REJECTIONS)}


def _compile_patterns() -> None:
    # A pattern that does not compile is a mistake in this file: fail at import, not on the first bad row.
    for schema in SCHEMAS.values():
        for column in schema.columns:
            if column.pattern is not None:
                re.compile(column.pattern[1])


_compile_patterns()
