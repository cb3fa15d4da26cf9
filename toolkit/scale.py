"""Scale: the same pipeline on partitions — streamed chunks of a big JSONL file in worker processes, or Dask.

`run_partition` is the one per-partition function every engine calls: the pipeline (`toolkit.pipeline.analyse`)
on a slice of the reviews table, its rows put in input order. `run_file` streams a JSONL file through it with N
processes and bounded memory; `run_dask` and `run_dask_files` run it on a Dask cluster and write Parquet.
Output is deterministic: the same input gives the same bytes whatever the number of processes or partitions.
"""

from __future__ import annotations

import collections
import functools
import gc
import itertools
import json
import operator
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.pipeline import Film
from toolkit.progress import bar as progress_bar
from toolkit.readers import NOT_UTF8, FirstIds
from toolkit.schema import BUDGET_FIGURES, LANGUAGES, SENTENCES, STATEMENTS, arrow_schema, conform, is_missing
from toolkit.schema import jsonable as _jsonable

__all__ = [
    "TABLES",
    "WHAT",
    "run_partition",
    "SCHEMAS",
    "table_schemas",
    "warm_up",
    "conform",
    "RunSummary",
    "run_file",
    "read_jsonl_chunks",
    "run_dask",
    "run_dask_files",
]

TABLES = ("reviews", "sentences", "statements", "budget_figures")
# What `run_file` writes: "statements" and "languages" as `toolkit statements` / `toolkit languages` print
# them (JSONL), or one row per row of a table.
WHAT = ("statements", "languages", "budget_figures", "sentences", "reviews")
# Per-review language columns: the `reviews` table of a partition's result.
LANGUAGE_COLUMNS = ["review_id", "language", "language_confidence", "mixed"]
# Columns that tie a review back to its input record, and the duplicate_of link checked across chunks.
_LINK_COLUMNS = ["review_id", "source", "source_line", "duplicate_of"]
_DEFAULT_FILM = Film(title="the film", year=None)
# Reviews per chunk when streaming (`run_file`). Small enough that `--jobs 2` workers finish together: with
# 2,000, the 10,000-review benchmark came in five chunks, the last one run by one worker while the other
# waited; per-chunk overhead is too small to measure at 500 (same CPU time with one process).
CHUNK_SIZE = 500


# ------------------------------------------------------------------------------------ per partition ---


def run_partition(
    reviews: pd.DataFrame,
    *,
    film: Film | None = None,
    backend: str | None = None,
    coder: str = "accurate",
    sentences: bool = False,
) -> dict[str, pd.DataFrame]:
    """The pipeline on one partition of the reviews table: ``{"reviews", "statements", "budget_figures"}``.

    Needs `review_id` (unique) and `text`. ``reviews`` holds LANGUAGE_COLUMNS (the language per review);
    the other tables are those of `toolkit.pipeline.analyse`; ``sentences=True`` adds the sentences table.
    Columns and dtypes are fixed per table (the declared schemas of `toolkit.schema`, via `conform`),
    whatever the partition holds.
    Every table's rows follow the input order of their reviews (a stable sort, so the stages' own order
    within a review is kept): the concatenation of partitions' results equals the result on the whole.
    Pure: the input is not modified.

    >>> reviews = pd.DataFrame({"review_id": ["b", "a"], "text": [
    ...     "The film cost $15 million and looks like a $150 million film.", "Ein schöner Film."]})
    >>> out = run_partition(reviews, film=Film("Salyut-7", 2017))
    >>> out["reviews"]["language"].tolist(), out["budget_figures"]["usd"].tolist()
    (['en', 'de'], [15000000.0, 150000000.0])
    """
    film = film or _DEFAULT_FILM
    tables = _run_raw(reviews, film=film, backend=backend, coder=coder, sentences=sentences)
    return {name: SCHEMAS[name].conform(frame) for name, frame in tables.items()}


def _run_raw(
    reviews: pd.DataFrame, *, film: Film, backend: str | None, coder: str = "accurate", sentences: bool
) -> dict[str, pd.DataFrame]:
    """`analyse` on the partition, tables in input order, dtypes as the stages left them."""
    from toolkit.pipeline import analyse

    if reviews["review_id"].duplicated().any():
        dup = reviews.loc[reviews["review_id"].duplicated(), "review_id"].iloc[0]
        raise ValueError(f"run_partition: review_id {dup!r} occurs more than once in the partition")
    analysis = analyse(reviews, film=film, backend=backend, coder=coder, progress=False)
    order = {rid: i for i, rid in enumerate(reviews["review_id"].tolist())}
    out = {
        "reviews": _in_order(analysis.reviews[LANGUAGE_COLUMNS], order),
        "statements": _in_order(analysis.statements, order),
        "budget_figures": _in_order(analysis.budget_figures, order),
    }
    if sentences:
        out["sentences"] = _in_order(analysis.sentences, order)
    return out


def _in_order(frame: pd.DataFrame, order: dict[Any, int]) -> pd.DataFrame:
    """Rows sorted by their review's input position, stable; index reset."""
    if frame.empty:
        return frame.reset_index(drop=True)
    keys = frame["review_id"].map(order)
    if keys.isna().any():
        raise ValueError("run_partition: a stage returned rows for a review that is not in its input")
    positions = sorted(range(len(frame)), key=keys.tolist().__getitem__)
    return frame.iloc[positions].reset_index(drop=True)


# ------------------------------------------------------------------------------------------ schemas ---

# A built-in probe partition that makes every stage produce every column: `warm_up` runs it to check the stages
# against the declared schemas. Its texts are settled by script and function words, so it builds no lingua model.
_PROBE = [
    (
        "probe-en",
        "The studio spent only $20 million on this orbital drama, and it looks like a $200 million "
        "film. The script invents a fire that never happened. It plays like Cold War propaganda.",
    ),
    ("probe-ru", "Фильм стоил 450 миллионов рублей. Пожара на станции в реальности не было."),
]
# Warm-up only (`warm_up`): text that reaches the statistical detectors (long and short, Latin and Cyrillic),
# so that their models are loaded once in the parent and shared with forked workers instead of once per worker.
_WARM_UP = [
    ("probe-de", "Der Film kostete rund 13 Millionen Dollar. Die Geschichte wurde stark dramatisiert."),
    (
        "probe-fi",
        "Kaksi kosmonauttia viettää lähes koko elokuvan jäätyneellä ja hiljaisella asemalla, ja "
        "telakointikohtaus on kuvattu harvinaisen kärsivällisesti. Tosi hyvä.",
    ),
    (
        "probe-uk",
        "Космонавти майже весь фільм проводять на замерзлій станції. Дуже видовищно. Сцена стикування "
        "тримає в напрузі до останньої секунди, а земні епізоди з дружинами вийшли помітно слабшими.",
    ),
    (
        "probe-ar",
        "يقضي رائدا الفضاء معظم الفيلم في محطة متجمدة. مشهد الالتحام بالمحطة مصور بصبر نادر وهدوء "
        "كبير، والمشاهد على الأرض أضعف بكثير من مشاهد الفضاء.",
    ),
]


#: The table contract of each table a partition gives (toolkit.schema); "reviews" is the per-review
#: language table.
SCHEMAS = {"reviews": LANGUAGES, "sentences": SENTENCES, "statements": STATEMENTS, "budget_figures": BUDGET_FIGURES}


def table_schemas() -> dict[str, dict[str, str]]:
    """Column → kind (``str``, ``int``, ``float``, ``bool``, ``list`` of strings, ``json``) for each table: the
    declared contracts of `toolkit.schema`, so Dask's meta and Parquet schemas never depend on a sample run.

    >>> table_schemas()["statements"]["start"], table_schemas()["statements"]["cues"]
    ('int', 'list')
    """
    return {name: schema.kinds for name, schema in SCHEMAS.items()}


@functools.cache
def warm_up(film: Film | None = None, backend: str | None = None, coder: str = "accurate") -> None:
    """Load every lingua model the "auto" backend may ask for (`toolkit.language.preload`, in parallel), run the
    probe partition (checking the stages' output against the declared schemas) and the warm-up texts, so that
    worker processes forked afterwards share what was loaded instead of each loading its own.

    Only where it pays: before forking workers (`--jobs` > 1, Dask). A single process loads the models its
    text needs when it meets that text, often none (a review settled by its function words); the answers are
    the same either way, since every lingua detector reads one shared model store. Leaving the preload to the
    first block instead saves about 120 MB per process but each worker then loads what that block did not
    meet: 20,000 real-like reviews with `--jobs 2` took 73–82 s against 65–69 s (BENCHMARKS.md).
    """
    if backend in (None, "auto"):
        from toolkit import language

        language.preload()
    probe = pd.DataFrame({"review_id": [r for r, _ in _PROBE], "text": [t for _, t in _PROBE]})
    tables = _run_raw(probe, film=film or Film("probe", 2017), backend=backend, coder=coder, sentences=True)
    for name, frame in tables.items():
        SCHEMAS[name].conform(frame)
    warm = pd.DataFrame({"review_id": [r for r, _ in _WARM_UP], "text": [t for _, t in _WARM_UP]})
    _run_raw(warm, film=film or Film("probe", 2017), backend=backend, coder=coder, sentences=True)


# ---------------------------------------------------------------------------------- JSONL, as the CLI ---


def jsonl_line(row: dict[str, Any]) -> str:
    """One JSONL line for `row` as the command line prints it: NaN/NA → null, numpy values → Python.

    >>> jsonl_line({"review_id": "a", "usd": float("nan"), "cues": ("x",)})
    '{"review_id": "a", "usd": null, "cues": ["x"]}\\n'
    """
    try:
        # Most rows hold only JSON's own types, which the encoder checks itself, in C; a NaN, NA or numpy value
        # makes it refuse, and that row alone takes the conversion (the same text either way).
        return _ENCODER.encode(row) + "\n"
    except (TypeError, ValueError):
        return json.dumps(_jsonable(row), ensure_ascii=False) + "\n"


# `json.dumps` with options builds a new encoder per call: a tenth of the time of a short line.
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts, built from each column's Python values (`DataFrame.to_dict` boxes cell by cell)."""
    names = [str(name) for name in frame.columns]
    return [dict(zip(names, values)) for values in zip(*(_plain_values(frame[name]) for name in frame.columns))]


def _plain_values(column: pd.Series) -> list[Any]:
    """The column's cells as Python values, a missing one as None (a text column's missing cells are NaN)."""
    values = column.tolist()
    if column.hasnans:
        return [None if is_missing(v) else v for v in values]
    return values


def jsonl_by_review(tables: dict[str, pd.DataFrame], what: str) -> list[tuple[Any, str]]:
    """(review_id, JSONL text of its rows) in input order: what `toolkit statements|languages` would print."""
    if what == "statements":
        keyed: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
        # Missing values as None (`_plain_values`), so that the line needs no conversion (`jsonl_line`): without
        # a release year no figure has `usd`, and every budget line would take the slow path.
        for row in _records(
            tables["budget_figures"][["review_id", "sentence_id", "amount", "currency", "usd", "subject"]]
        ):
            keyed.setdefault((row.pop("review_id"), row.pop("sentence_id")), []).append(row)
        rows = []
        for record in _records(tables["statements"]):
            if record["aspect"] == "budget":
                record["figures"] = keyed.get((record["review_id"], record["sentence_id"]), [])
            rows.append(record)
    elif what == "languages":
        # Dicts built from whole columns, as for statements: a pandas group and a named tuple per review cost
        # eight times as much.
        sentences: dict[Any, list[dict[str, Any]]] = {}
        for sentence in _records(tables["sentences"][["review_id", "sentence_id", "start", "end", "language"]]):
            sentences.setdefault(sentence.pop("review_id"), []).append(sentence)
        rows = []
        for review in _records(tables["reviews"][LANGUAGE_COLUMNS]):
            review["sentences"] = sentences.get(review["review_id"], [])
            rows.append(review)
    else:
        rows = tables[what].to_dict(orient="records")
    # A review's lines are joined once: adding each line to the review's text so far copied it again per
    # statement, quadratic in a long review (250,000 statements of one review took minutes).
    return [
        (review_id, "".join(map(jsonl_line, review_rows)))
        for review_id, review_rows in itertools.groupby(rows, key=operator.itemgetter("review_id"))
    ]


# --------------------------------------------------------------------------------- reading in chunks ---


@dataclass(frozen=True)
class _Block:
    """Raw lines of a JSONL file: `data` starts at physical line `first_line` (1-based)."""

    source: str
    first_line: int
    data: bytes


def _blocks(path: Path, *, lines: int, source: str, first: int | None = None) -> Iterator[_Block]:
    """Cut a JSONL file into blocks of `lines` lines without decoding it (the parent's only reading work);
    the first block has `first` lines when given."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            _fail(
                [
                    {
                        "source": source,
                        "line": 1,
                        "record_id": None,
                        "reason": "file is UTF-16 (byte-order mark at byte 0), not UTF-8; re-save it as UTF-8",
                        "kind": NOT_UTF8,
                    }
                ]
            )
        handle.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
        line = 1
        buffer: list[bytes] = []
        size = first or lines
        for raw in handle:
            buffer.append(raw)
            if len(buffer) >= size:
                data = b"".join(buffer)
                yield _Block(source, line, data)
                line += _line_count(data)
                buffer, size = [], lines
        if buffer:
            yield _Block(source, line, b"".join(buffer))


def _line_count(data: bytes) -> int:
    # Lines as toolkit.readers counts them: "\r\n", a lone "\r" and "\n" each end one.
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _decode_lines(block: _Block) -> tuple[str, list[dict[str, Any]]]:
    """The block's text with newlines normalized; lines that are not UTF-8 are blanked and rejected."""
    try:
        text = block.data.decode("utf-8")
    except UnicodeDecodeError:
        good, rejections = [], []
        for number, raw in enumerate(block.data.split(b"\n")):
            try:
                good.append(raw.decode("utf-8"))
            except UnicodeDecodeError as error:
                line = (
                    block.first_line + _line_count(b"\n".join(block.data.split(b"\n")[:number]) + b"\n") - 1
                    if number
                    else block.first_line
                )
                rejections.append(
                    {
                        "source": block.source,
                        "line": line,
                        "record_id": None,
                        "reason": f"not UTF-8: byte 0x{raw[error.start]:02x} at byte {error.start} of "
                        "the line — re-save the file as UTF-8",
                        "kind": NOT_UTF8,
                    }
                )
                good.append("")
        text = "\n".join(good)
        return text.replace("\r\n", "\n").replace("\r", "\n"), rejections
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _parse_block(block: _Block) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Records of one block → (reviews table, rejections), with the same checks as `toolkit.readers`.

    Duplicate ids inside the block are rejected here (the first wins); across blocks the caller checks.
    """
    # toolkit.readers' own per-record checks, so that a streamed file gives exactly the rows `read_reviews`
    # would (tests/test_scale.py checks this).
    from toolkit.readers import RecordRejected, jsonl_records, review_frame, review_row

    text, rejections = _decode_lines(block)
    offset = block.first_line - 1
    rows: list[dict[str, Any]] = []
    ids = FirstIds()
    for number, record in jsonl_records(text):
        line = number + offset
        if isinstance(record, RecordRejected):
            rejections.append(
                {
                    "source": block.source,
                    "line": record.line + offset,
                    "record_id": record.record_id,
                    "reason": record.reason,
                    "kind": record.kind,
                }
            )
            continue
        try:
            row = review_row(record, source=block.source, line=line)
        except RecordRejected as problem:  # lines are already the file's: `review_row` was given `line`
            rejections.append(
                {
                    "source": block.source,
                    "line": problem.line,
                    "record_id": problem.record_id,
                    "reason": problem.reason,
                    "kind": problem.kind,
                }
            )
            continue
        duplicate = ids.claim(row["review_id"], block.source, line)
        if duplicate is not None:
            rejections.append(duplicate.as_dict())
            continue
        rows.append(row)
    return review_frame(rows), rejections


def read_jsonl_chunks(path: str | Path, *, chunk_size: int = 2000) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Stream a JSONL review file as (reviews, rejections) chunks of up to `chunk_size` lines.

    Each chunk is what `toolkit.readers.read_reviews_report` gives for those lines (same columns and checks,
    true file line numbers). Ids repeated across chunks are not checked here (`run_file` does that).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "r.jsonl"
    >>> _ = path.write_text('{"id": "a", "text": "Gut."}\\n{"id": "b"}\\n{"id": "c", "text": "Bien."}\\n')
    >>> [(r["review_id"].tolist(), j["line"].tolist()) for r, j in read_jsonl_chunks(path, chunk_size=2)]
    [(['a'], [2]), (['c'], [])]
    """
    path = Path(path)
    _check_input(path)
    for block in _blocks(path, lines=chunk_size, source=path.as_posix()):
        reviews, rejections = _parse_block(block)
        yield reviews, _rejection_frame(rejections)


def _rejection_frame(rejections: list[dict[str, Any]]) -> pd.DataFrame:
    from toolkit.readers import rejection_frame

    return rejection_frame(rejections)


def _check_input(path: Path) -> None:
    from toolkit.readers import ReviewInputError

    if not path.exists():
        raise ReviewInputError(f"{path}: no such file or folder")
    if path.is_dir() or path.suffix.lower() not in (".jsonl", ".ndjson"):
        raise ReviewInputError(
            f"{path}: streaming reads one JSONL file (.jsonl or .ndjson); for CSV, folders "
            "or HTML use toolkit.readers.read_reviews and run_partition"
        )
    with open(path, "rb") as handle:
        # An empty file is a mistake to report (as toolkit.readers does), not an empty result.
        if not any(line.strip() for line in handle):
            raise ReviewInputError(f"{path} line 1: file is empty")


def _fail(rejections: list[dict[str, Any]]) -> None:
    from toolkit.readers import ReviewInputError

    ordered = sorted(rejections, key=lambda r: (r["source"], r["line"]))
    problems = [f"{r['source']} line {r['line']}: {r['reason']}" for r in ordered]
    shown = problems[:20] + ([f"... and {len(problems) - 20} more"] if len(problems) > 20 else [])
    raise ReviewInputError("\n".join(shown), _rejection_frame(ordered))


# ---------------------------------------------------------------------------------------- run_file ---


@dataclass(frozen=True)
class _Task:
    block: _Block
    what: str
    fmt: str
    film: Film
    backend: str | None
    coder: str = "accurate"


@dataclass
class _ChunkResult:
    """What a worker sends back: per-review output in input order, and what the parent must check."""

    first_line: int
    nbytes: int
    ids: list[Any]  # reviews kept, in input order
    lines: list[int]  # their input lines
    links: list[tuple[Any, Any, int]]  # (review_id, duplicate_of, line) for reviews that name one
    rejections: list[dict[str, Any]]
    jsonl: list[tuple[Any, str]] = field(default_factory=list)
    frame: pd.DataFrame | None = None


# pandas 3 keeps a text column's strings in Arrow memory: each stage that builds a column from Python strings, or
# reads one back with `tolist`, pays a conversion (4.6 % of `toolkit statements --coder fast` on the real-like corpus,
# spread over many places). A worker's tables are its own, so their text columns keep Python strings instead: the
# same ``str`` dtype with the same missing value (NaN), only stored otherwise, so the same values and output bytes,
# for about 2.5 % less CPU. (pandas 2, the lowest supported, holds text as Python objects anyway.)
_PYTHON_STRINGS = ("mode.string_storage", "python")


def _process(task: _Task) -> _ChunkResult:
    """Worker: parse one block, run the pipeline on it, serialize its output."""
    block = task.block
    try:
        # The block's tables leave this worker only as JSONL text or through `conform` (below, outside), so inside
        # it their text columns may be plain Python strings (`_PYTHON_STRINGS`).
        with pd.option_context(*_PYTHON_STRINGS):
            reviews, rejections = _parse_block(block)
            result = _ChunkResult(
                block.first_line,
                len(block.data),
                reviews["review_id"].tolist(),
                reviews["source_line"].tolist(),
                [
                    (r, d, line)
                    for r, d, line in zip(
                        reviews["review_id"].tolist(), reviews["duplicate_of"].tolist(), reviews["source_line"].tolist()
                    )
                    if not is_missing(d)
                ],
                rejections,
            )
            if reviews.empty:
                return result
            tables = run_partition(
                reviews,
                film=task.film,
                backend=task.backend,
                coder=task.coder,
                sentences=task.what in ("languages", "sentences"),
            )
            if task.what == "reviews":
                tables["reviews"] = _in_order(tables["reviews"], {r: i for i, r in enumerate(result.ids)})
            if task.fmt == "jsonl":
                result.jsonl = jsonl_by_review(tables, task.what)
                return result
        name = _table_of(task.what)
        result.frame = SCHEMAS[name].conform(tables[name], arrow=True)
        return result
    except Exception as error:  # name the place in the input; keep the original as the cause
        last = block.first_line + max(0, _line_count(block.data) - 1)
        raise RuntimeError(
            f"{block.source} lines {block.first_line}-{last}: {type(error).__name__}: {error}"
        ) from error


def _table_of(what: str) -> str:
    return "reviews" if what == "languages" else what


@dataclass(frozen=True)
class RunSummary:
    """What `run_file` did."""

    input: Path
    output: Path
    reviews: int
    rejected: int
    rows: int
    seconds: float
    jobs: int
    rejections: Path | None = None

    @property
    def records(self) -> int:
        """Input records: those that reached the output and those rejected."""
        return self.reviews + self.rejected


def run_file(
    input: str | Path,
    output: str | Path | None,
    *,
    jobs: int = 1,
    chunk_size: int = CHUNK_SIZE,
    film: Film | None = None,
    fmt: str = "jsonl",
    what: str = "statements",
    backend: str | None = None,
    coder: str = "accurate",
    strict: bool = True,
    progress: bool | None = None,
    rejections: str | Path | None = None,
) -> RunSummary:
    """Stream a JSONL review file through the pipeline with `jobs` processes and write one table.

    The file is read `chunk_size` lines at a time, never whole; at most ``2 * jobs`` chunks are in flight,
    so memory stays flat whatever the file size. Results are written in input order, so the output is
    byte-identical for any `jobs` and `chunk_size`; `output` None (or ``"-"``) writes JSONL to stdout as
    it goes, else to `output` only once the whole run succeeded. `what` is one of WHAT: with ``fmt="jsonl"``,
    "statements" and "languages" are written as `toolkit statements` / `toolkit languages` print them;
    with ``fmt="parquet"`` the named table is written (``languages`` = the per-review language table).
    Records are checked as `toolkit.readers.read_reviews` checks them, ids across the whole file. With
    `strict` the first problem raises `toolkit.readers.ReviewInputError` naming file and line and nothing
    is written; otherwise every rejected record (source, line, record_id, reason, kind) is listed in the CSV
    file `rejections` (default ``<output>.rejections.csv``, or ``<input name>.rejections.csv`` in the current
    folder when writing to stdout), written even when empty. A progress bar (bytes of input) is drawn when
    `progress`, or with None on a terminal or in a notebook (`toolkit.progress.wanted`).
    """
    from toolkit.readers import write_rejections

    input, output = Path(input), (None if output is None or str(output) == "-" else Path(output))
    if output is None and fmt != "jsonl":
        raise ValueError("run_file: Parquet needs an output path; only JSONL can go to stdout")
    if what not in WHAT:
        raise ValueError(f"run_file: what must be one of {', '.join(WHAT)}, got {what!r}")
    if fmt not in ("jsonl", "parquet"):
        raise ValueError(f"run_file: fmt must be 'jsonl' or 'parquet', got {fmt!r}")
    if jobs < 1 or chunk_size < 1:
        raise ValueError(f"run_file: jobs and chunk_size must be >= 1, got {jobs} and {chunk_size}")
    _check_input(input)
    film = film or _DEFAULT_FILM
    started = time.perf_counter()
    if jobs > 1:
        warm_up(film, backend, coder)  # every model, once, before the workers fork
    sink = _Sink(output, fmt, SCHEMAS[_table_of(what)].kinds if fmt == "parquet" else None)
    state = _State(strict=strict, source=input.as_posix())
    # With workers, the parent runs a short first block alone (see `_parallel`): enough to load what the probe
    # did not, little enough that the workers are not kept waiting.
    first = min(chunk_size, _WARM_UP_LINES) if jobs > 1 else None
    tasks = (
        _Task(block, what, fmt, film, backend, coder)
        for block in _blocks(input, lines=chunk_size, source=input.as_posix(), first=first)
    )
    bar = None
    results: Iterator[_ChunkResult] = map(_process, tasks) if jobs == 1 else _parallel(tasks, jobs=jobs)
    # What start-up built (lexicons, compiled codebook, loaded modules) lives as long as the process: moved
    # out of the garbage collector's view, it is not traversed again by every full collection (about 2% of a
    # run), and forked workers do not dirty those shared pages by collecting them. Undone at the end, so that a
    # notebook calling this keeps its usual collection.
    gc.freeze()
    # The stages allocate millions of short-lived containers per chunk, and the default threshold (a young
    # collection every 700 net allocations) makes the collector promote the chunk's tables and rows, so that
    # full collections keep traversing them and the stages' growing word tables: 7 % of the CPU time of
    # 100,000 reviews. Few of these objects are in reference cycles (plain reference counting frees them), so
    # collecting young objects every _GC_YOUNG allocations instead costs little memory. Restored at the end.
    thresholds = gc.get_threshold()
    gc.set_threshold(_GC_YOUNG, *thresholds[1:])
    try:
        bar = progress_bar(
            total=input.stat().st_size,
            unit="B",
            unit_scale=True,
            desc=f"{input.name} → {what}",
            enabled=progress,
            leave=False,
        )
        for result in results:
            state.take(result, sink)
            bar.update(result.nbytes)
        state.finish(sink)
    except BaseException:
        sink.abort()
        raise
    finally:
        if bar is not None:
            bar.close()
        if hasattr(results, "close"):
            results.close()  # stops the worker pool, if any
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    rejections_path = None
    if not strict:
        rejections_path = write_rejections(
            _rejection_frame(state.rejections), rejections or default_rejections_path(input, output)
        )
    return RunSummary(
        input,
        output,
        state.reviews,
        len(state.rejections),
        sink.rows,
        time.perf_counter() - started,
        jobs,
        rejections_path,
    )


_WARM_UP_LINES = 500
# Net allocations of container objects between two young collections while `run_file` runs (default 700).
_GC_YOUNG = 50_000


def default_rejections_path(input: str | Path, output: str | Path | None) -> Path:
    """Where rejected records are listed unless told: beside the output (``out.jsonl.rejections.csv``), or,
    when the output is stdout, ``<input name>.rejections.csv`` in the current folder (where the user is).

    >>> default_rejections_path("data/reviews.csv", "out/statements.jsonl").as_posix()
    'out/statements.jsonl.rejections.csv'
    >>> default_rejections_path("data/reviews.csv", None).as_posix()
    'reviews.csv.rejections.csv'
    """
    if output is None or str(output) == "-":
        return Path(Path(input).name + ".rejections.csv")
    output = Path(output)
    return output.with_name(output.name + ".rejections.csv")


def _parallel(tasks: Iterator[_Task], *, jobs: int) -> Iterator[_ChunkResult]:
    """Results of `tasks` in order: the first chunk in this process, the rest in `jobs` forked workers.

    Running the first chunk here loads what this input needs (per-language lexicons, stemmers, detector
    models) once, before the workers fork and share those pages, instead of once in every worker.
    """
    import concurrent.futures
    import multiprocessing

    first = next(tasks, None)
    if first is None:
        return
    yield _process(first)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    try:
        yield from _bounded(pool, tasks, in_flight=2 * jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _bounded(pool, tasks: Iterator[_Task], *, in_flight: int) -> Iterator[_ChunkResult]:
    """Submit tasks keeping at most `in_flight` pending; yield results in submission order."""
    pending: collections.deque = collections.deque()
    for task in tasks:
        pending.append(pool.submit(_process, task))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class _State:
    """The parent's bookkeeping: ids seen across chunks, duplicate_of links, rejections."""

    def __init__(self, *, strict: bool, source: str) -> None:
        self.strict, self.source = strict, source
        self.ids = FirstIds()
        self.open_links: list[tuple[Any, Any, int]] = []
        self.rejections: list[dict[str, Any]] = []
        self.reviews = 0

    def take(self, result: _ChunkResult, sink: _Sink) -> None:
        if result.rejections and self.strict:
            _fail(result.rejections)
        self.rejections += result.rejections
        drop = set()
        for rid, line in zip(result.ids, result.lines):
            duplicate = self.ids.claim(rid, self.source, line)
            if duplicate is not None:
                drop.add(rid)
                self.rejections.append(duplicate.as_dict())
        if drop and self.strict:
            _fail(self.rejections[-len(drop) :])
        for rid, target, line in result.links:
            if rid not in drop and self.ids.dangling(rid, target, self.source, line) is not None:
                self.open_links.append((rid, target, line))  # may still appear later in the file
        self.reviews += len(result.ids) - len(drop)
        sink.write(result, drop)

    def finish(self, sink: _Sink) -> None:
        problems = [
            rejection.as_dict()
            for rejection in (
                self.ids.dangling(rid, target, self.source, line) for rid, target, line in self.open_links
            )
            if rejection is not None
        ]
        if problems and self.strict:
            _fail(problems)
        self.rejections += problems
        self.reviews -= len(problems)
        sink.close(drop={r["record_id"] for r in problems})


class _Sink:
    """Writes results to `<output>.partial`, renamed to `output` only when the whole run succeeded."""

    def __init__(self, output: Path | None, fmt: str, kinds: dict[str, str] | None) -> None:
        self.output, self.fmt, self.kinds = output, fmt, kinds
        self.rows = 0
        if output is None:  # stdout: written as results come, nothing to rename or take back
            self.partial, self.handle = None, sys.stdout
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        self.partial = output.with_name(output.name + ".partial")
        if fmt == "jsonl":
            self.handle = open(self.partial, "w", encoding="utf-8")
        else:
            import pyarrow.parquet as pq

            self.writer = pq.ParquetWriter(self.partial, arrow_schema(kinds))

    def write(self, result: _ChunkResult, drop: set) -> None:
        if self.fmt == "jsonl":
            for rid, text in result.jsonl:
                if rid not in drop:
                    self.handle.write(text)
                    self.rows += text.count("\n")
        elif result.frame is not None and len(result.frame):
            frame = result.frame[~result.frame["review_id"].isin(drop)] if drop else result.frame
            self._write_frame(frame)

    def _write_frame(self, frame: pd.DataFrame) -> None:
        self.writer.write_table(_to_arrow(frame, self.kinds))
        self.rows += len(frame)

    def close(self, *, drop: set) -> None:
        if self.partial is None:
            if drop:
                raise ValueError(
                    f"run_file: review(s) {', '.join(map(repr, sorted(drop)))} name a duplicate_of "
                    "that is not in the input, and their rows are already on stdout; write to a "
                    "file to have them left out"
                )
            self.handle.flush()
            return
        if self.fmt == "jsonl":
            self.handle.close()
        else:
            self.writer.close()
        if drop:
            self._rewrite_without(drop)
        os.replace(self.partial, self.output)

    def _rewrite_without(self, drop: set) -> None:
        """Second pass, only when a forward duplicate_of link dangled: leave those reviews out."""
        again = self.partial.with_name(self.partial.name + "2")
        self.rows = 0
        if self.fmt == "jsonl":
            with open(self.partial, encoding="utf-8") as src, open(again, "w", encoding="utf-8") as dst:
                for line in src:
                    if json.loads(line).get("review_id") not in drop:
                        dst.write(line)
                        self.rows += 1
        else:
            import pyarrow.parquet as pq

            self.writer = pq.ParquetWriter(again, arrow_schema(self.kinds))
            for batch in pq.ParquetFile(self.partial).iter_batches():
                frame = conform(batch.to_pandas(), self.kinds, arrow=True)
                self._write_frame(frame[~frame["review_id"].isin(drop)].reset_index(drop=True))
            self.writer.close()
        os.replace(again, self.partial)

    def abort(self) -> None:
        if self.partial is None:
            return
        try:
            (self.handle if self.fmt == "jsonl" else self.writer).close()
        except Exception:
            pass
        self.partial.unlink(missing_ok=True)


# -------------------------------------------------------------------------------------------- Dask ---


def _conformed_partition(
    reviews: pd.DataFrame, film: Film, backend: str | None, coder: str, sentences: bool
) -> dict[str, pd.DataFrame]:
    if len(reviews) == 0:
        tables = {name: SCHEMAS[name].empty() for name in TABLES}
    else:
        tables = run_partition(reviews, film=film, backend=backend, coder=coder, sentences=sentences)
    return {
        name: SCHEMAS[name].conform(frame, arrow=True)
        for name, frame in tables.items()
        if sentences or name != "sentences"
    }


def run_dask(
    ddf, *, film: Film | None = None, backend: str | None = None, coder: str = "accurate", sentences: bool = False
) -> dict[str, Any]:
    """The pipeline on a Dask DataFrame of reviews: ``{table name: dask DataFrame}`` (lazy).

    Each partition goes through `run_partition` once (its result is shared by the tables, so computing
    them together with ``dask.compute`` runs the pipeline once per partition). Review ids must be unique
    across partitions. Meta is explicit: columns and dtypes from the declared schemas (`toolkit.schema`, not
    a sample run), and every partition is
    conformed to it (``conform(..., arrow=True)``: list columns are Arrow lists, nested ``json`` columns
    JSON text), so `dask.dataframe.to_parquet` sees one schema.
    """
    import dask
    import dask.dataframe as dd

    film = film or _DEFAULT_FILM
    warm_up(film, backend, coder)  # every model, once, before the workers fork
    names = ["reviews", "statements", "budget_figures"] + (["sentences"] if sentences else [])
    run = dask.delayed(_conformed_partition, pure=True)
    results = [run(part, film, backend, coder, sentences) for part in ddf.to_delayed()]
    pick = dask.delayed(_pick, pure=True)
    return {
        name: dd.from_delayed(
            [pick(r, name) for r in results],
            meta=SCHEMAS[name].empty(arrow=True),
            verify_meta=False,
        )
        for name in names
    }


def _pick(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    return tables[name]


def _read_part(path: str, start: int, stop: int, first_line: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One partition of sharded input: lines of a JSONL byte range, or a whole Parquet file."""
    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        data = "".join(
            json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in pq.read_table(path).to_pylist()
        ).encode("utf-8")
    else:
        with open(path, "rb") as handle:
            handle.seek(start)
            data = handle.read(stop - start)
    reviews, rejections = _parse_block(_Block(path, first_line, data))
    return reviews, _rejection_frame(rejections)


def _partitions(paths: list[str], lines: int) -> list[tuple[str, int, int, int]]:
    """(path, byte start, byte stop, first line) for each partition: JSONL cut every `lines` lines."""
    parts = []
    for path in paths:
        if path.endswith(".parquet"):
            parts.append((path, 0, 0, 1))
            continue
        with open(path, "rb") as handle:
            head = handle.read(3)
            start = 3 if head == b"\xef\xbb\xbf" else 0
            handle.seek(start)
            line, count, pos, block_start, block_line = 1, 0, start, start, 1
            for raw in handle:
                pos += len(raw)
                count += 1
                line += _line_count(raw)
                if count >= lines:
                    parts.append((path, block_start, pos, block_line))
                    block_start, block_line, count = pos, line, 0
            if count:
                parts.append((path, block_start, pos, block_line))
    return parts


def run_dask_files(
    inputs: str | Path | list[str | Path],
    output_dir: str | Path,
    *,
    scheduler: str | None = None,
    film: Film | None = None,
    backend: str | None = None,
    coder: str = "accurate",
    partition_lines: int = 20_000,
    sentences: bool = False,
    strict: bool = True,
) -> dict[str, Path]:
    """Read sharded JSONL/Parquet reviews, run every stage on Dask, write one Parquet dataset per table.

    `inputs` is a glob (``"shards/*.jsonl"``) or a list of paths; each JSONL shard is cut into partitions
    of `partition_lines` lines, each Parquet shard is one partition (columns as JSONL fields). Reading,
    languages, sentences, statements and budget figures all run on the workers. `scheduler` is a
    distributed scheduler address (``"tcp://host:8786"``), or ``"processes"``/``"threads"``/``"synchronous"``,
    or None for Dask's current default (a `distributed.Client` already made in this process, if any).
    Writes ``output_dir/<table>/part.N.parquet`` for reviews (languages), statements, budget_figures
    (and sentences), plus ``output_dir/rejections.parquet``; returns table → folder. With `strict`, any
    rejected record raises ReviewInputError naming file and line (both places for an id used twice) and
    nothing is left in `output_dir`; otherwise rejected records are left out and listed in
    ``rejections.parquet`` (an id repeated across partitions keeps its first record, as everywhere).
    """
    import glob
    import shutil

    import dask

    paths = sorted(glob.glob(str(inputs))) if isinstance(inputs, (str, Path)) else [str(p) for p in inputs]
    if not paths:
        from toolkit.readers import ReviewInputError

        raise ReviewInputError(f"{inputs}: no input shards found")
    for path in paths:
        if not path.endswith(".parquet"):
            _check_input(Path(path))
    film = film or _DEFAULT_FILM
    warm_up(film, backend, coder)  # every model, once, before the workers fork
    schemas = table_schemas()
    output_dir = Path(output_dir)
    partial = output_dir.with_name(output_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    read = dask.delayed(_read_part, pure=True, nout=2)
    cuts = _partitions(paths, partition_lines)
    parts = [read(*p) for p in cuts]
    run = dask.delayed(_conformed_partition, pure=True)
    write = dask.delayed(_write_part, pure=True)
    names = ["reviews", "statements", "budget_figures"] + (["sentences"] if sentences else [])
    writes = []
    for i, (reviews, _) in enumerate(parts):
        tables = run(reviews, film, backend, coder, sentences)
        writes += [write(tables, name, str(partial / name / f"part.{i:05d}.parquet"), schemas[name]) for name in names]
    links = dask.delayed(pd.concat)([dask.delayed(_links)(r) for r, _ in parts], ignore_index=True)
    rejections = dask.delayed(pd.concat)([j for _, j in parts], ignore_index=True)
    client = _client(scheduler)
    try:
        kwargs = {"scheduler": scheduler} if scheduler in ("processes", "threads", "synchronous") else {}
        *_, link_table, rejection_table = dask.compute(*writes, links, rejections, **kwargs)
        rejection_table = _rejection_frame(rejection_table.to_dict(orient="records"))
    finally:
        if client is not None:
            client.close()
    links = _link_problems(link_table)
    problems = links + rejection_table.to_dict(orient="records")
    if problems and strict:
        shutil.rmtree(partial, ignore_errors=True)
        _fail(problems)
    if links:  # ids repeated across partitions, links to no record: their rows were written, take them out
        _drop_from_parts(partial, names, schemas, cuts, links)
    _rejection_frame(problems).to_parquet(partial / "rejections.parquet", index=False)
    shutil.rmtree(output_dir, ignore_errors=True)
    os.replace(partial, output_dir)
    return {name: output_dir / name for name in names} | {"rejections": output_dir / "rejections.parquet"}


def _drop_from_parts(
    partial: Path,
    names: list[str],
    schemas: dict[str, dict[str, str]],
    cuts: list[tuple[str, int, int, int]],
    rejections: list[dict[str, Any]],
) -> None:
    """Rewrite the partitions holding rejected records without those records' rows (every table)."""
    drops: dict[int, set] = collections.defaultdict(set)
    for rejection in rejections:
        # The partition of (source, line): the last one of that file that starts at or before the line.
        index = max(
            i
            for i, (path, _, _, first) in enumerate(cuts)
            if path == rejection["source"] and first <= rejection["line"]
        )
        drops[index].add(rejection["record_id"])
    for index, ids in sorted(drops.items()):
        for name in names:
            path = partial / name / f"part.{index:05d}.parquet"
            frame = conform(pd.read_parquet(path), schemas[name], table=name, arrow=True)
            _write_parquet(frame[~frame["review_id"].isin(ids)].reset_index(drop=True), path, schemas[name])


def _write_part(tables: dict[str, pd.DataFrame], name: str, path: str, schema: dict[str, str]) -> int:
    """Write one partition's table as one Parquet file (on the worker); returns the row count."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    _write_parquet(tables[name], path, schema)
    return len(tables[name])


def _write_parquet(frame: pd.DataFrame, path, schema: dict[str, str]) -> None:
    import pyarrow.parquet as pq

    pq.write_table(_to_arrow(frame, schema), path)


def _to_arrow(frame: pd.DataFrame, schema: dict[str, str]):
    """An Arrow table of exactly `schema`, without pandas metadata (readers then use plain dtypes)."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, schema=arrow_schema(schema), preserve_index=False)
    return table.replace_schema_metadata(None)


def _links(reviews: pd.DataFrame) -> pd.DataFrame:
    frame = reviews.reindex(columns=_LINK_COLUMNS)
    return pd.DataFrame(
        {
            "review_id": frame["review_id"].astype(object),
            "source": frame["source"].astype(object),
            "source_line": frame["source_line"].astype("int64"),
            "duplicate_of": frame["duplicate_of"].astype(object),
        }
    )


def _link_problems(links: pd.DataFrame) -> list[dict[str, Any]]:
    """Ids repeated across shards and duplicate_of links to no other record, as rejections."""
    ids = FirstIds()
    problems = [
        r.as_dict()
        for r in (
            ids.claim(rid, source, line)
            for rid, source, line in zip(links["review_id"], links["source"], links["source_line"])
        )
        if r is not None
    ]
    duplicates = {(p["source"], p["line"]) for p in problems}
    for rid, source, line, target in links.itertuples(index=False, name=None):
        if (source, line) not in duplicates and not is_missing(target):
            rejection = ids.dangling(rid, target, source, line)
            if rejection is not None:
                problems.append(rejection.as_dict())
    return problems


def _client(scheduler: str | None):
    """A distributed Client for an address; None for local schedulers or Dask's default."""
    if scheduler is None or scheduler in ("processes", "threads", "synchronous"):
        return None
    from distributed import Client

    return Client(scheduler)
