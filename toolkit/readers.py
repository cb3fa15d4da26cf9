"""Reading a researcher's own review files (JSONL, CSV, .txt/.md with YAML front matter, saved .html) into
the reviews table. Every record ends up either as a row or as a rejection naming its file and line.

Conventions, so that results are reproducible and nothing is lost silently:

- Files must be UTF-8 (a UTF-8 BOM is stripped). A saved ``.html`` page may instead declare its charset in a
  ``<meta>`` tag. Other bytes are rejected with the byte offset and line, and a guess at the encoding.
- ``\\r\\n`` and lone ``\\r`` become ``\\n``. Control characters other than ``\\n`` and ``\\t`` are
  *removed*; the line-like ones (form feed, vertical tab, U+0085, U+2028, U+2029) become ``\\n`` first.
  HTML tags or scripts inside ``.txt``/``.md``/JSONL/CSV text are kept verbatim as text.
- ``text`` is stripped of surrounding whitespace; ``start``/``end`` are ``0``/``len(text)`` because each
  record is one whole review; ``source`` is the file path and ``source_line`` the physical line where the
  record starts (1 for single-review files).
- The input's ``id`` becomes ``review_id``; for ``.txt``/``.md``/``.html`` it defaults to the file stem.
  The first record with an id wins; later ones are rejected naming both lines.
- ``author``/``date`` (blog front matter) fill ``critic``/``published`` unless those are given too.
  Fields other than review columns are kept as extra columns; ``source``/``start``/``end``/``source_line``
  given in the input are kept as ``input_source`` etc., since the reader sets those.
- Checked per record: ``kind`` in `toolkit.tables.KINDS`; ``place`` an ISO 3166-1 alpha-2 code, and
  ``place_basis`` is "unknown" unless a ``place`` is given (then "stated" unless the record says otherwise);
  ``published`` a YYYY-MM-DD date (a time part is dropped); ``duplicate_of`` another id of the input.
- ``rating_raw`` (or a written ``rating``) goes through `toolkit.ratings.normalize`: only the reviewer's
  own score fills ``rating``; a numeric ``rating`` must already be in 0..1.
- A problem with a whole file (undecodable bytes, empty file, a CSV header without ``text``) is one
  rejection for that file; a CSV quoting error rejects the record where it starts, and reading resumes at
  the next line.
- A folder is read recursively in sorted order; hidden files (``.DS_Store``, ``.git``) are skipped.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from toolkit import ratings
from toolkit.schema import REJECTIONS
from toolkit.tables import KINDS, PLACE_BASES, REVIEW_COLUMNS

__all__ = [
    "ReviewInputError",
    "read_reviews",
    "read_reviews_report",
    "REJECTION_COLUMNS",
    "FirstIds",
    "write_rejections",
    "rejection_summary",
]

REJECTION_COLUMNS = REJECTIONS.names
# What `kind` a rejection is, for the one-line summary and for filtering the rejections file: the reason says
# the details, the kind groups them.
NO_TEXT, NO_ID, WRONG_TYPE, BAD_VALUE = "no text", "no id", "wrong type", "bad value"
BROKEN_JSON, BROKEN_CSV, BROKEN_FRONT_MATTER = "broken JSON", "broken CSV row", "broken front matter"
DUPLICATE_ID, DANGLING_LINK, UNREADABLE = "duplicate id", "dangling duplicate_of", "unreadable file"
NOT_UTF8 = "not UTF-8"

_TEXT_SUFFIXES = (".txt", ".md", ".markdown")
_HTML_SUFFIXES = (".html", ".htm")
_TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv")
_STRING_FIELDS = (
    "outlet",
    "critic",
    "kind",
    "url",
    "published",
    "place",
    "place_basis",
    "rating_raw",
    "language",
    "duplicate_of",
)
_READER_FIELDS = ("source", "start", "end", "source_line")
_PLACE = re.compile(r"[A-Z]{2}")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]*)?")
# Blog front matter (Jekyll, Hugo) says author/date; they fill critic/published unless those are also given.
_ALIASES = {"author": "critic", "date": "published"}
_LINE_LIKE = {"\x0b", "\x0c", "\x85", "\u2028", "\u2029"}
# Every character _clean_text changes: the line-like ones and the control characters (category Cc, a set
# Unicode guarantees never to change: U+0000-U+001F and U+007F-U+009F) other than \n and \t.
_NEEDS_CLEANING = re.compile(
    "["
    + "".join(
        re.escape(ch)
        for ch in sorted(
            _LINE_LIKE | {chr(c) for c in range(0x100) if unicodedata.category(chr(c)) == "Cc"} - {"\n", "\t"}
        )
    )
    + "]"
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")


class ReviewInputError(ValueError):
    """A review file cannot be read; the message names the file and line (and record id when known).

    ``rejections`` holds every problem found (columns: source, line, record_id, reason).
    """

    def __init__(self, message: str, rejections: pd.DataFrame | None = None) -> None:
        super().__init__(message)
        self.rejections = rejections if rejections is not None else _rejection_frame([])


@dataclass(frozen=True)
class _Rejection:
    source: str
    line: int
    record_id: str | None
    reason: str
    kind: str = BAD_VALUE

    def message(self) -> str:
        return f"{self.source} line {self.line}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "line": self.line,
            "record_id": self.record_id,
            "reason": self.reason,
            "kind": self.kind,
        }


class RecordRejected(Exception):
    """One record (or a whole file) cannot be read; `kind` groups the reason (NO_TEXT, BROKEN_JSON, ...)."""

    def __init__(self, line: int, reason: str, record_id: str | None = None, *, kind: str = BAD_VALUE) -> None:
        super().__init__(reason)
        self.line, self.reason, self.record_id, self.kind = line, reason, record_id, kind


class FirstIds:
    """The one duplicate-id rule of every reader (`read_reviews`, streamed chunks, Dask shards): the first
    record with an id wins; a later one is rejected naming where the first was.

    >>> ids = FirstIds()
    >>> ids.claim("a", "r.jsonl", 1), ids.claim("a", "r.jsonl", 4).reason
    (None, "duplicate id 'a' (first used at line 1)")
    >>> ids.dangling("b", "zz", "r.jsonl", 5).kind
    'dangling duplicate_of'
    """

    def __init__(self) -> None:
        self.first: dict[Any, tuple[str, int]] = {}

    def __contains__(self, record_id: Any) -> bool:
        return record_id in self.first

    def claim(self, record_id: Any, source: str, line: int) -> _Rejection | None:
        """None if `record_id` is new (it is now taken by `source` `line`), else the rejection of this record."""
        seen = self.first.get(record_id)
        if seen is None:
            self.first[record_id] = (source, int(line))
            return None
        where = f"line {seen[1]}" if seen[0] == source else f"{seen[0]} line {seen[1]}"
        return _Rejection(
            source, int(line), record_id, f"duplicate id {record_id!r} (first used at {where})", DUPLICATE_ID
        )

    def dangling(self, record_id: Any, target: Any, source: str, line: int) -> _Rejection | None:
        """The rejection of a record whose ``duplicate_of`` names no other record claimed so far, else None."""
        if (
            target is None
            or (isinstance(target, float) and target != target)
            or (target in self.first and target != record_id)
        ):
            return None
        return _Rejection(
            source,
            int(line),
            record_id,
            f"record {record_id!r} has duplicate_of {target!r}, which is not another record of this input",
            DANGLING_LINK,
        )


@dataclass
class _Batch:
    """What reading one file produced."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[_Rejection] = field(default_factory=list)


def read_reviews_report(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    r"""Read review files into ``(reviews, rejections)``; every input record is in exactly one of them.

    ``path`` is a JSONL (``.jsonl``/``.ndjson``), CSV (``.csv``/``.tsv``), ``.txt``/``.md`` or ``.html``
    file, or a folder of ``.txt``/``.md``/``.html`` files. ``reviews`` has every column of
    `toolkit.tables.REVIEW_COLUMNS` plus ``source_line``, ``rating_scope``, ``rating_form`` and any extra
    input fields; ``rejections`` has ``source, line, record_id, reason``. A problem with a whole file
    (undecodable bytes, a CSV header without ``text``) is one rejection for that file.

    Raises `ReviewInputError` when there is nothing to read: a missing path, an unknown file type given
    directly, or a folder without review files.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.jsonl"
    >>> _ = path.write_text('{"id": "a1", "text": "Sehenswert."}\n{"id": "a2"}\n', encoding="utf-8")
    >>> reviews, rejections = read_reviews_report(path)
    >>> reviews["review_id"].tolist(), rejections[["line", "record_id", "reason"]].values.tolist()
    (['a1'], [[2, 'a2', "record 'a2' has no text"]])
    """
    root = Path(path)
    name = str(path)
    if not root.exists():
        raise ReviewInputError(f"{name}: no such file or folder")
    batch = _Batch()
    if root.is_dir():
        files = sorted(
            (
                p
                for p in root.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
            ),
            key=lambda p: p.relative_to(root).as_posix(),
        )
        if not files:
            raise ReviewInputError(f"{name}: folder has no files to read")
        for file in files:
            source = (Path(name) / file.relative_to(root)).as_posix()
            suffix = file.suffix.lower()
            if suffix in _TEXT_SUFFIXES + _HTML_SUFFIXES:
                _read_file(file, source, batch)
            else:
                batch.rejections.append(
                    _Rejection(
                        source,
                        1,
                        None,
                        f"unknown file type {suffix or '(no extension)'!r} in a review folder; "
                        f"expected one of {', '.join(_TEXT_SUFFIXES + _HTML_SUFFIXES)}",
                        UNREADABLE,
                    )
                )
    else:
        suffix = root.suffix.lower()
        if suffix not in _TEXT_SUFFIXES + _HTML_SUFFIXES + _TABLE_SUFFIXES:
            allowed = ", ".join(_TABLE_SUFFIXES + _TEXT_SUFFIXES + _HTML_SUFFIXES)
            raise ReviewInputError(
                f"{name}: unknown file type {suffix or '(no extension)'!r}; expected one of {allowed} "
                "or a folder of .txt/.md/.html files"
            )
        _read_file(root, Path(name).as_posix(), batch)
    rows = _drop_duplicates(batch)
    return review_frame(rows), _rejection_frame(batch.rejections)


def read_reviews(path: str | Path, *, strict: bool = True) -> pd.DataFrame:
    r"""Read review files into the reviews table (see `read_reviews_report` for formats and columns).

    With ``strict=True`` any rejected record raises `ReviewInputError` whose message names the file and
    line of each problem, e.g. ``reviews.jsonl line 3: record 'r7' has no text``; with ``strict=False``
    rejected records are left out (use `read_reviews_report` to see them).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "kosmos.md"
    >>> _ = path.write_text("---\ncritic: Jana\nrating_raw: 3.5/5\n---\nGroße Bilder.\n", encoding="utf-8")
    >>> read_reviews(path)[["review_id", "critic", "rating", "text"]].values.tolist()
    [['kosmos', 'Jana', 0.7, 'Große Bilder.']]
    """
    reviews, rejections = read_reviews_report(path)
    if strict and len(rejections):
        problems = [f"{r.source} line {r.line}: {r.reason}" for r in rejections.itertuples()]
        shown = problems[:20]
        if len(problems) > len(shown):
            shown.append(f"... and {len(problems) - len(shown)} more")
        raise ReviewInputError("\n".join(shown), rejections)
    return reviews


# --- files -----------------------------------------------------------------------------------------------


def _read_file(file: Path, source: str, batch: _Batch) -> None:
    suffix = file.suffix.lower()
    try:
        data = file.read_bytes()
        text = _decode(data, html=suffix in _HTML_SUFFIXES)
        if not text.strip():
            raise RecordRejected(1, "file is empty", kind=UNREADABLE)
    except RecordRejected as problem:
        batch.rejections.append(_Rejection(source, problem.line, problem.record_id, problem.reason, problem.kind))
        return
    except OSError as error:
        batch.rejections.append(_Rejection(source, 1, None, f"cannot read file: {error.strerror or error}", UNREADABLE))
        return
    if suffix in (".jsonl", ".ndjson"):
        records: Iterator[tuple[int, dict[str, Any] | RecordRejected]] = jsonl_records(text)
    elif suffix in (".csv", ".tsv"):
        records = _csv_records(text, tab=suffix == ".tsv")
    elif suffix in _HTML_SUFFIXES:
        records = _html_records(text, stem=file.stem)
    else:
        records = _text_records(text, stem=file.stem)
    for line, record in records:
        if isinstance(record, RecordRejected):
            batch.rejections.append(_Rejection(source, record.line, record.record_id, record.reason, record.kind))
            continue
        try:
            batch.rows.append(review_row(record, source=source, line=line))
        except RecordRejected as problem:
            batch.rejections.append(_Rejection(source, problem.line, problem.record_id, problem.reason, problem.kind))


def _decode(data: bytes, *, html: bool = False) -> str:
    """Bytes to text with BOM stripped and newlines normalized; RecordRejected naming the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RecordRejected(
            1, "file is UTF-16 (byte-order mark at byte 0), not UTF-8; re-save it as UTF-8", kind=NOT_UTF8
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        declared = _declared_charset(data) if html else None
        if declared is None:
            line = data.count(b"\n", 0, error.start) + 1
            guess = _guess_encoding(data)
            hint = f"; looks like {guess}" if guess else ""
            raise RecordRejected(
                line,
                f"not UTF-8: byte 0x{data[error.start]:02x} at byte offset {error.start}"
                f"{hint} — re-save the file as UTF-8",
                kind=NOT_UTF8,
            ) from None
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError) as bad:
            raise RecordRejected(
                1, f"page declares charset {declared!r} but cannot be decoded with it: {bad}", kind=NOT_UTF8
            ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    charset = match.group(1).decode("ascii").lower()
    return None if charset in ("utf-8", "utf8") else charset


def _guess_encoding(data: bytes) -> str | None:
    """Name the likely 8-bit encoding of non-UTF-8 bytes, or None."""
    high = [i for i, b in enumerate(data) if b >= 0x80]
    if not high:
        return None
    # Russian in cp1251 is runs of high bytes (whole words); Latin-1 German or French has isolated ones.
    in_runs = sum(1 for i in high if (i > 0 and data[i - 1] >= 0x80) or (i + 1 < len(data) and data[i + 1] >= 0x80))
    decoded = data.decode("cp1251", errors="replace")
    cyrillic = sum(1 for ch in decoded if "\u0400" <= ch <= "\u04ff")
    if in_runs / len(high) >= 0.5 and cyrillic / len(high) >= 0.8:
        return "cp1251 (Windows Cyrillic)"
    latin = data.decode("cp1252", errors="replace")
    letters = sum(1 for ch in latin if ord(ch) >= 0x80 and ch.isalpha())
    if letters / len(high) >= 0.8:
        return "cp1252/Latin-1 (Western European)"
    return None


def jsonl_records(text: str) -> Iterator[tuple[int, dict[str, Any] | RecordRejected]]:
    """(line number, parsed record or the RecordRejected saying why not) for each non-blank JSONL line.
    Public so that streaming readers (toolkit.scale) accept and reject exactly what `read_reviews` does."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as error:
            yield (
                number,
                RecordRejected(
                    number,
                    f"invalid JSON: {error.msg} (column {error.colno})",
                    record_id=_loose_id(line),
                    kind=BROKEN_JSON,
                ),
            )
            continue
        except _DuplicateKey as error:
            yield (
                number,
                RecordRejected(
                    number, f"field {error.key!r} is given twice", record_id=_loose_id(line), kind=BROKEN_JSON
                ),
            )
            continue
        if not isinstance(record, dict):
            yield (
                number,
                RecordRejected(
                    number, f"expected a JSON object per line, got {type(record).__name__}", kind=BROKEN_JSON
                ),
            )
            continue
        yield number, record


_LOOSE_ID = re.compile(r'"(?:review_)?id"\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(-?\d+))')


def _loose_id(line: str) -> str | None:
    """The id a broken JSON line seems to give (its first ``"id": ...``), to name it in the rejection.

    >>> _loose_id('{"id": "r7", "text": "cut off'), _loose_id('{"id": 12, "text": }'), _loose_id("{oops")
    ('r7', '12', None)
    """
    match = _LOOSE_ID.search(line)
    return (match.group(1) if match.group(1) is not None else match.group(2)) if match else None


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) < len(pairs):  # a key given twice (rare): name the first one repeated
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return record


def _csv_records(text: str, *, tab: bool) -> Iterator[tuple[int, dict[str, Any] | RecordRejected]]:
    header_line = text.split("\n", 1)[0]
    # Spreadsheets in German or Russian locales save with ";": take the commonest separator in the header.
    delimiter = "\t" if tab else max((",", ";", "\t"), key=lambda d: (header_line.count(d), d == ","))
    handle = io.StringIO(text, newline="")
    reader = csv.reader(handle, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    previous_end, line_offset = 0, 0  # lines read by the current reader; lines before it started
    starts: list[int] | None = None  # character offset of each line, computed at the first CSV error
    while True:
        start = line_offset + previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if header is None:
                yield (
                    start,
                    RecordRejected(
                        start, f"CSV error in the header: {error}; no records in this file were read", kind=BROKEN_CSV
                    ),
                )
                return
            # A stray or unclosed quote: reject the record where it starts, then read on from the next
            # physical line with a fresh reader, so one bad row does not take the rest of the file with it.
            if starts is None:
                starts = [0] + [m.end() for m in re.finditer("\n", text)]
            yield (
                start,
                RecordRejected(
                    start,
                    f"CSV error: {error}; reading resumed at line {start + 1}",
                    record_id=_line_id(header, text, starts, start, delimiter),
                    kind=BROKEN_CSV,
                ),
            )
            if start >= len(starts):
                return
            handle.seek(starts[start])
            reader = csv.reader(handle, delimiter=delimiter, strict=True)
            previous_end, line_offset = 0, start
            continue
        previous_end = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            problem = _header_problem(header)
            if problem:
                yield (
                    start,
                    RecordRejected(start, f"CSV header {problem}; no records in this file were read", kind=BROKEN_CSV),
                )
                return
            continue
        if len(row) != len(header):
            yield (
                start,
                RecordRejected(
                    start,
                    f"record has {len(row)} fields but the header has {len(header)}",
                    record_id=_cell_id(header, row),
                    kind=BROKEN_CSV,
                ),
            )
            continue
        yield start, {key: (value if value.strip() else None) for key, value in zip(header, row)}


def _line_id(header: list[str] | None, text: str, starts: list[int], line: int, delimiter: str) -> str | None:
    """The id cell of physical line `line` read leniently (quotes as plain characters), to name a broken row."""
    if header is None:
        return None
    end = starts[line] if line < len(starts) else len(text)
    cells = next(
        csv.reader([text[starts[line - 1] : end].rstrip("\n")], delimiter=delimiter, quoting=csv.QUOTE_NONE), []
    )
    return _cell_id(header, [cell.strip('"') for cell in cells])


def _header_problem(header: list[str]) -> str | None:
    if any(not name for name in header):
        return f"has an unnamed column (column {header.index('') + 1})"
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        return f"repeats column(s) {', '.join(duplicates)}"
    for required in ("text",):
        if required not in header:
            return f"has no {required!r} column (columns: {', '.join(header)})"
    if "id" not in header and "review_id" not in header:
        return f"has no 'id' column (columns: {', '.join(header)})"
    return None


def _cell_id(header: list[str], row: list[str]) -> str | None:
    for key in ("id", "review_id"):
        if key in header and header.index(key) < len(row) and row[header.index(key)].strip():
            return row[header.index(key)].strip()
    return None


def _text_records(text: str, *, stem: str) -> Iterator[tuple[int, dict[str, Any] | RecordRejected]]:
    lines = text.split("\n")
    front: dict[str, Any] = {}
    body_line = 1
    if lines and lines[0].rstrip() == "---":
        close = next((i for i in range(1, len(lines)) if _FENCE.fullmatch(lines[i])), None)
        if close is None:
            yield (
                1,
                RecordRejected(
                    1,
                    "front matter opened with '---' at line 1 is never closed with '---'",
                    record_id=stem,
                    kind=BROKEN_FRONT_MATTER,
                ),
            )
            return
        try:
            loaded = yaml.safe_load("\n".join(lines[1:close]))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            problem = getattr(error, "problem", None) or str(error).split("\n")[0]
            yield (
                line,
                RecordRejected(line, f"broken YAML front matter: {problem}", record_id=stem, kind=BROKEN_FRONT_MATTER),
            )
            return
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            yield (
                2,
                RecordRejected(
                    2,
                    f"front matter must be 'key: value' lines, got a YAML {type(loaded).__name__}",
                    record_id=stem,
                    kind=BROKEN_FRONT_MATTER,
                ),
            )
            return
        front = {str(key): value for key, value in loaded.items()}
        body_line = close + 2
        text = "\n".join(lines[close + 1 :])
    front.setdefault("id", stem)
    if "text" in front:
        yield (
            2,
            RecordRejected(
                2,
                "front matter sets 'text'; the text is the file body after the front matter",
                record_id=str(front["id"]),
                kind=BROKEN_FRONT_MATTER,
            ),
        )
        return
    front["text"] = text
    front["__body_line__"] = body_line
    yield 1, front


def _html_records(html: str, *, stem: str) -> Iterator[tuple[int, dict[str, Any] | RecordRejected]]:
    import trafilatura  # imported here: it is slow to import and only pages need it

    # url=None and a string input: trafilatura never fetches anything; comments are reader comments,
    # not the review, so they are left out with the rest of the boilerplate.
    document = trafilatura.bare_extraction(html, url=None, with_metadata=True, include_comments=False)
    if document is None or not (document.text or "").strip():
        yield 1, RecordRejected(1, "no main text found in the page", record_id=stem, kind=NO_TEXT)
        return
    record: dict[str, Any] = {
        "id": stem,
        "text": document.text,
        "critic": document.author,
        "published": document.date,
        "outlet": document.sitename,
        "url": document.url,
        "title": document.title,
    }
    yield 1, record


# --- records ---------------------------------------------------------------------------------------------


def _clean_text(value: str) -> str:
    """Remove control characters except \\n and \\t (line-like ones become \\n)."""
    if value.isprintable() or _NEEDS_CLEANING.search(value) is None:
        return value  # nothing to remove (a newline alone makes isprintable() False)
    out = []
    for ch in value:
        if ch in ("\n", "\t"):
            out.append(ch)
        elif ch in _LINE_LIKE:
            out.append("\n")
        elif unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    return "".join(out)


def _clean_field(value: Any, key: str, record_id: str | None, line: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        raise RecordRejected(
            line,
            f"{_who(record_id)} field {key!r} must be a single value, got a {type(value).__name__}",
            record_id,
            kind=WRONG_TYPE,
        )
    text = " ".join(_clean_text(str(value)).split())
    return text or None


def _who(record_id: str | None) -> str:
    return f"record {record_id!r}" if record_id else "record"


def review_row(record: dict[str, Any], *, source: str, line: int) -> dict[str, Any]:
    """One input record as a reviews-table row; raises RecordRejected naming `line` when it cannot be one."""
    record = dict(record)
    body_line = int(record.pop("__body_line__", line))
    ids = [record.pop(key) for key in ("id", "review_id") if key in record]
    ids = [str(v).strip() for v in ids if v is not None and str(v).strip()]
    if len(set(ids)) > 1:
        raise RecordRejected(line, f"record has both id {ids[0]!r} and review_id {ids[1]!r}", ids[0])
    if not ids:
        raise RecordRejected(line, "record has no id", kind=NO_ID)
    record_id = " ".join(_clean_text(ids[0]).split())
    text = record.pop("text", None)
    if text is None:
        raise RecordRejected(body_line, f"{_who(record_id)} has no text", record_id, kind=NO_TEXT)
    if not isinstance(text, str):
        raise RecordRejected(
            line, f"{_who(record_id)} text must be a string, got {type(text).__name__}", record_id, kind=WRONG_TYPE
        )
    text = _clean_text(text).strip()
    if not text:
        raise RecordRejected(body_line, f"{_who(record_id)} has no text", record_id, kind=NO_TEXT)

    row: dict[str, Any] = dict.fromkeys(REVIEW_COLUMNS)
    row.update(review_id=record_id, source=source, start=0, end=len(text), text=text, source_line=line)
    extras: dict[str, Any] = {}
    for key, value in record.items():
        if key in _ALIASES and _ALIASES[key] not in record:
            key = _ALIASES[key]
        if key in _READER_FIELDS:
            extras[f"input_{key}"] = value
        elif key in _STRING_FIELDS:
            row[key] = _clean_field(value, key, record_id, line)
        elif key in ("rating", "language_confidence", "mixed"):
            row[key] = value
        elif key not in REVIEW_COLUMNS:
            extras[key] = _clean_field(value, key, record_id, line) if isinstance(value, str) else value
    _check_kind(row, record_id, line)
    _check_published(row, record_id, line)
    _check_place(row, record_id, line)
    _check_rating(row, record_id, line)
    row.update(extras)
    return row


def _check_kind(row: dict[str, Any], record_id: str, line: int) -> None:
    if row["kind"] is None:
        return
    kind = row["kind"].lower()
    if kind not in KINDS:
        raise RecordRejected(
            line, f"record {record_id!r} has unknown kind {row['kind']!r}; allowed: {', '.join(KINDS)}", record_id
        )
    row["kind"] = kind


def _check_published(row: dict[str, Any], record_id: str, line: int) -> None:
    if row["published"] is None:
        return
    match = _DATE.fullmatch(row["published"])
    if not match:
        raise RecordRejected(
            line, f"record {record_id!r} has published {row['published']!r}; use YYYY-MM-DD", record_id
        )
    try:
        row["published"] = date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        raise RecordRejected(
            line, f"record {record_id!r} has published {row['published']!r}, which is not a calendar date", record_id
        ) from None


def _check_place(row: dict[str, Any], record_id: str, line: int) -> None:
    place, basis = row["place"], row["place_basis"]
    if place is not None:
        place = place.upper()
        if not _PLACE.fullmatch(place):
            raise RecordRejected(
                line,
                f"record {record_id!r} has place {row['place']!r}; expected an ISO 3166-1 "
                "alpha-2 code such as DE or RU",
                record_id,
            )
        row["place"] = place
    if basis is not None:
        basis = basis.lower()
        if basis not in PLACE_BASES:
            raise RecordRejected(
                line,
                f"record {record_id!r} has unknown place_basis {row['place_basis']!r}; "
                f"allowed: {', '.join(PLACE_BASES)}",
                record_id,
            )
        if place is None and basis != "unknown":
            raise RecordRejected(line, f"record {record_id!r} has place_basis {basis!r} but no place", record_id)
    row["place_basis"] = basis or ("stated" if place is not None else "unknown")


def _check_rating(row: dict[str, Any], record_id: str, line: int) -> None:
    """A record gives ``rating_raw`` (written form) or ``rating`` (written form, or a number in 0..1)."""
    given = row["rating"]
    row["rating"] = None
    if given is None or (isinstance(given, str) and not given.strip()):
        return
    if row["rating_raw"] is not None:
        raise RecordRejected(
            line,
            f"record {record_id!r} has both rating and rating_raw; give only rating_raw (what the critic wrote)",
            record_id,
        )
    if isinstance(given, bool) or not isinstance(given, (int, float, str)):
        raise RecordRejected(
            line, f"record {record_id!r} rating must be text or a number in 0..1", record_id, kind=WRONG_TYPE
        )
    if isinstance(given, str):
        row["rating_raw"] = _clean_field(given, "rating", record_id, line)
        return
    if not 0 <= given <= 1:
        raise RecordRejected(
            line,
            f"record {record_id!r} has numeric rating {given}; a number must already be in "
            "0..1 — give what the critic wrote (e.g. '3.5/5') as rating_raw instead",
            record_id,
        )
    row["rating"] = float(given)


def _drop_duplicates(batch: _Batch) -> list[dict[str, Any]]:
    ids = FirstIds()
    kept = []
    for row in batch.rows:
        rejection = ids.claim(row["review_id"], row["source"], row["source_line"])
        if rejection is None:
            kept.append(row)
        else:
            batch.rejections.append(rejection)
    # duplicate_of must point at a review that is in the table, or the link is dangling.
    valid = []
    for row in kept:
        rejection = ids.dangling(row["review_id"], row["duplicate_of"], row["source"], row["source_line"])
        if rejection is None:
            valid.append(row)
        else:
            batch.rejections.append(rejection)
    return valid


def review_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows from `review_row` as the reviews table (contract columns first, ratings normalized)."""
    extras = sorted(set().union(*rows) - set(REVIEW_COLUMNS) - {"source_line"})
    columns = REVIEW_COLUMNS + ["source_line"] + extras
    frame = pd.DataFrame({c: pd.Series([row.get(c) for row in rows], dtype=object) for c in columns})
    frame = ratings.normalize(frame)
    for column in ("start", "end", "source_line"):
        frame[column] = frame[column].astype("int64")
    frame["language_confidence"] = pd.to_numeric(frame["language_confidence"], errors="coerce").astype("float64")
    order = REVIEW_COLUMNS + ["source_line", "rating_scope", "rating_form"] + extras
    return frame[order].reset_index(drop=True)


def _rejection_frame(rejections: list[_Rejection]) -> pd.DataFrame:
    return rejection_frame([r.as_dict() for r in rejections])


def rejection_frame(rejections: list[dict[str, Any]]) -> pd.DataFrame:
    """Rejections (dicts with REJECTION_COLUMNS) as the rejections table, in file and line order."""
    ordered = sorted(rejections, key=lambda r: (r["source"], r["line"]))
    return pd.DataFrame(
        {
            "source": pd.Series([r["source"] for r in ordered], dtype=object),
            "line": pd.Series([r["line"] for r in ordered], dtype="int64"),
            "record_id": pd.Series([r["record_id"] for r in ordered], dtype=object),
            "reason": pd.Series([r["reason"] for r in ordered], dtype=object),
            "kind": pd.Series([r.get("kind", BAD_VALUE) for r in ordered], dtype=object),
        }
    )


def write_rejections(rejections: pd.DataFrame, path: str | Path) -> Path:
    """Write the rejections table as CSV (UTF-8, a header even when empty, so an old file is never left
    to be mistaken for this run's); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    REJECTIONS.validate(rejections.reindex(columns=REJECTION_COLUMNS), where=f"rejections for {path}")
    rejections.reindex(columns=REJECTION_COLUMNS).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def rejection_summary(rejections: pd.DataFrame, records: int, where: str | Path | None = None) -> str:
    """One line for stderr: how many of the input's records were rejected, by kind, and where they are listed.

    >>> frame = rejection_frame([{"source": "r.csv", "line": n, "record_id": None, "reason": "-", "kind": k}
    ...                          for n, k in [(2, "no text"), (5, "duplicate id"), (7, "no text")]])
    >>> rejection_summary(frame, 1204, "r.rejections.csv")
    '3 of 1,204 records rejected (2 no text, 1 duplicate id); see r.rejections.csv'
    """
    counts = rejections["kind"].value_counts() if len(rejections) else pd.Series(dtype="int64")
    kinds = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    detail = f" ({', '.join(f'{n} {kind}' for kind, n in kinds)})" if kinds else ""
    see = f"; see {where}" if where is not None else ""
    return f"{len(rejections):,} of {records:,} records rejected{detail}{see}"
