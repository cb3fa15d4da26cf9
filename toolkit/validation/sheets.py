"""Coding sheets: the CSV a human coder fills, read back and checked; and the machine's codes of the same
sentences, so it can join the comparison as one more coder.

A sheet has one row per sentence, identified by (`review_id`, `sentence_id`, `start`, `end`) with `start`/`end`
offsets into the review's text, and carries the sentence's text. Codes (CODEBOOK.md): `budget`, `accuracy`,
`geopolitics` are 1, 0 or empty (not coded: a coder may skip a sentence); `stance` is one of the accuracy
stances and only set when accuracy is 1; `frames` is a `;`-separated list of geopolitics frames, only set when
geopolitics is 1.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "SHEET_COLUMNS",
    "CODE_COLUMNS",
    "STANCES",
    "SheetError",
    "read_sheets",
    "sheet_csv",
    "frames_allowed",
    "machine_codes",
    "units_of",
    "read_sample",
]

#: The columns of a coding sheet, in order (`kind` is read-only context between `language` and `text`).
SHEET_COLUMNS = [
    "review_id",
    "sentence_id",
    "start",
    "end",
    "language",
    "kind",
    "text",
    "budget",
    "accuracy",
    "geopolitics",
    "stance",
    "frames",
    "coder",
    "note",
]
REQUIRED = [
    "review_id",
    "sentence_id",
    "start",
    "end",
    "language",
    "text",
    "budget",
    "accuracy",
    "geopolitics",
    "stance",
    "frames",
    "coder",
    "note",
]
CODE_COLUMNS = ["budget", "accuracy", "geopolitics", "stance", "frames"]
ASPECTS = ("budget", "accuracy", "geopolitics")
STANCES = ("faithful", "mixed", "embellished", "neutral")
UNIT = ["review_id", "sentence_id"]
LONG_COLUMNS = [
    "review_id",
    "sentence_id",
    "start",
    "end",
    "language",
    "text",
    "coder",
    "budget",
    "accuracy",
    "geopolitics",
    "stance",
    "frames",
    "note",
    "file",
    "row",
]


class SheetError(ValueError):
    """A coding sheet that cannot be used; the message names the file and the row."""


@functools.cache
def _codebook_frames() -> frozenset[str]:
    from toolkit.aspects import codebook

    return frozenset(f for cues in codebook()["geopolitics"].cues.values() for cue in cues for f in cue.frames)


def frames_allowed(profile: Any = None) -> frozenset[str]:
    """The geopolitics frames a sheet may use: every frame of the codebook's cues, plus the profile's own.

    >>> {"cold_war", "space_race", "war_memory"} <= frames_allowed()
    True
    """
    extra = {f.id for f in profile.frames} if profile is not None else set()
    return _codebook_frames() | extra


def sheet_csv(units: pd.DataFrame) -> str:
    """The blank coding sheet of `units` (review_id, sentence_id, start, end, language, text; kind if known)."""
    blank = units.reindex(columns=SHEET_COLUMNS).astype(object)
    for column in [*CODE_COLUMNS, "coder", "note"]:
        blank[column] = ""
    blank["kind"] = blank["kind"].where(blank["kind"].notna(), "")
    buffer = io.StringIO()
    blank.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no such coding sheet") from None
    except UnicodeDecodeError as error:
        raise SheetError(f"{path}: not UTF-8 (byte {error.start}); save the sheet as UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise SheetError(f"{path}: not a coding sheet, missing column(s) {', '.join(missing)}")
    return list(reader)


def _code(value: str, where: str, column: str) -> int | None:
    value = (value or "").strip()
    if value == "":
        return None
    if value in ("1", "1.0"):
        return 1
    if value in ("0", "0.0"):
        return 0
    raise SheetError(f"{where}: {column} must be 1, 0 or empty, got {value!r}")


def _parse(path: Path, rows: list[dict[str, str]], allowed: frozenset[str]) -> list[dict[str, Any]]:
    names = sorted({(r.get("coder") or "").strip() for r in rows} - {""})
    if not names:
        raise SheetError(f"{path}: no coder name; fill the coder column")
    if len(names) > 1:
        raise SheetError(f"{path}: one sheet per coder, found coders {', '.join(names)}")
    coder = names[0]
    if coder == "machine":
        raise SheetError(f"{path}: the coder name 'machine' is reserved for the toolkit's own codes")
    out, seen = [], {}
    for number, raw in enumerate(rows, 2):  # row 1 is the header, as a spreadsheet numbers it
        rid, sid = (raw.get("review_id") or "").strip(), (raw.get("sentence_id") or "").strip()
        where = f"{path} row {number} (sentence {sid or '?'})"
        if not rid or not sid:
            raise SheetError(f"{where}: review_id and sentence_id are required")
        if (rid, sid) in seen:
            raise SheetError(f"{where}: sentence listed twice (also row {seen[(rid, sid)]})")
        seen[(rid, sid)] = number
        try:
            start, end = int(raw["start"]), int(raw["end"])
        except (TypeError, ValueError):
            raise SheetError(f"{where}: start and end must be whole numbers") from None
        codes = {a: _code(raw.get(a, ""), where, a) for a in ASPECTS}
        stance = (raw.get("stance") or "").strip() or None
        if stance is not None and stance not in STANCES:
            raise SheetError(f"{where}: stance {stance!r} is not in the codebook ({', '.join(STANCES)})")
        if stance is not None and codes["accuracy"] != 1:
            raise SheetError(f"{where}: a stance is only coded when accuracy is 1")
        frames = tuple(sorted({f.strip() for f in (raw.get("frames") or "").split(";") if f.strip()}))
        unknown = [f for f in frames if f not in allowed]
        if unknown:
            raise SheetError(f"{where}: frame(s) {', '.join(unknown)} not in the codebook or the film's profile")
        if frames and codes["geopolitics"] != 1:
            raise SheetError(f"{where}: frames are only coded when geopolitics is 1")
        out.append(
            {
                "review_id": rid,
                "sentence_id": sid,
                "start": start,
                "end": end,
                "language": (raw.get("language") or "").strip() or None,
                "text": raw.get("text") or "",
                "coder": coder,
                **codes,
                "stance": stance,
                "frames": frames if codes["geopolitics"] == 1 else None,
                "note": (raw.get("note") or "").strip(),
                "file": str(path),
                "row": number,
            }
        )
    return out


def read_sheets(
    paths: Iterable[str | Path],
    *,
    units: pd.DataFrame | None = None,
    reviews: pd.DataFrame | None = None,
    profile: Any = None,
) -> pd.DataFrame:
    """Read filled coding sheets into one long table: one row per (coder, sentence), codes as ints/None.

    Checks, each stopping with a SheetError that names the file and row: the columns, one coder name per
    sheet and no name twice across sheets, codes inside the codebook (frames: the codebook's plus the
    `profile`'s), every sentence known — in `units` (the blank sheet's rows) when given, else in the first
    sheet — and its text unchanged: the same in every sheet and in `units`, and, when `reviews` are given,
    equal to ``review.text[start:end]``.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise SheetError("no coding sheets given")
    allowed = frames_allowed(profile)
    rows: list[dict[str, Any]] = []
    owner: dict[str, Path] = {}
    for path in paths:
        parsed = _parse(path, _read_rows(path), allowed)
        coder = parsed[0]["coder"] if parsed else None
        if coder in owner:
            raise SheetError(f"{path}: coder {coder!r} also coded {owner[coder]}; two coders need two names")
        if coder is not None:
            owner[coder] = path
        rows += parsed
    long = _frame(rows)
    reference = units if units is not None else long[long["file"] == str(paths[0])]
    known = {
        (r, s): (int(a), int(b), t)
        for r, s, a, b, t in zip(
            reference["review_id"].astype(str),
            reference["sentence_id"].astype(str),
            reference["start"],
            reference["end"],
            reference["text"],
        )
    }
    texts = dict(zip(reviews["review_id"].astype(str), reviews["text"])) if reviews is not None else None
    for row in long.itertuples(index=False):
        where = f"{row.file} row {row.row} (sentence {row.sentence_id})"
        if (row.review_id, row.sentence_id) not in known:
            raise SheetError(f"{where}: unknown sentence id (not in {'the sample' if units is not None else paths[0]})")
        start, end, text = known[(row.review_id, row.sentence_id)]
        if (row.start, row.end) != (start, end):
            raise SheetError(f"{where}: offsets {row.start}-{row.end} changed (expected {start}-{end})")
        if row.text != text:
            raise SheetError(f"{where}: the sentence's text was changed")
        if texts is not None:
            if row.review_id not in texts:
                raise SheetError(f"{where}: review {row.review_id!r} is not among the reviews")
            if texts[row.review_id][row.start : row.end] != row.text:
                raise SheetError(f"{where}: text differs from the review's text at {row.start}-{row.end}")
    return long.reset_index(drop=True)


def read_sample(path: str | Path) -> pd.DataFrame:
    """The blank sheet `toolkit sample` wrote (the units coders got), as strings with integer offsets."""
    rows = _read_rows(Path(path))
    frame = pd.DataFrame(rows, columns=list(rows[0]) if rows else REQUIRED).astype(object)
    try:
        return frame.astype({"start": "int64", "end": "int64"})
    except ValueError:
        raise SheetError(f"{path}: start and end must be whole numbers") from None


def units_of(codes: pd.DataFrame) -> pd.DataFrame:
    """The distinct sentences of a long code table (or of a sheet read with pandas)."""
    return codes.drop_duplicates(UNIT)[["review_id", "sentence_id", "start", "end", "language", "text"]].reset_index(
        drop=True
    )


def machine_codes(units: pd.DataFrame, *, profile: Any = None, coder: str = "accurate") -> pd.DataFrame:
    """The toolkit's codes of the sheet's sentences, as rows of coder ``machine`` in `read_sheets`'s layout.

    The sentences are coded exactly as the sheet gives them (the sentence splitter is not run again): each
    review is rebuilt with its sentences at their offsets and blanks between them. With a `profile`, its cues
    and any adapted layer saved beside it (`toolkit.validation.adaptation`) are used.
    """
    from toolkit.aspects import extract_statements

    units = units_of(units)
    reviews, sentences = _rebuilt(units)
    statements = extract_statements(reviews, sentences, profile=profile, coder=coder)
    found = {
        (r, s, a): (st, fr)
        for r, s, a, st, fr in zip(
            statements["review_id"].astype(str),
            statements["sentence_id"].astype(str),
            statements["aspect"],
            statements["stance"],
            statements["frames"],
        )
    }
    rows = []
    for unit in units.itertuples(index=False):
        key = (str(unit.review_id), str(unit.sentence_id))
        codes = {a: int((*key, a) in found) for a in ASPECTS}
        stance = found[(*key, "accuracy")][0] if codes["accuracy"] else None
        frames = tuple(sorted(found[(*key, "geopolitics")][1] or ())) if codes["geopolitics"] else None
        rows.append(
            {
                **unit._asdict(),
                "coder": "machine",
                **codes,
                "stance": stance or None,
                "frames": frames,
                "note": "",
                "file": "machine",
                "row": None,
            }
        )
    return _frame(rows)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The long table; codes stay Python ints or None (pandas would make floats with NaN of them)."""
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in LONG_COLUMNS})


def _rebuilt(units: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reviews made of the units' sentences at their offsets (blanks elsewhere), and the sentences table."""
    reviews, parts = [], []
    for rid, group in units.groupby(units["review_id"].astype(str), sort=True):
        group = group.sort_values("start", kind="stable")
        chars: list[str] = []
        for row in group.itertuples(index=False):
            start, end = int(row.start), int(row.end)
            if start < len(chars) or end - start != len(row.text):
                raise SheetError(
                    f"sentence {row.sentence_id}: offsets {start}-{end} overlap another sentence or do not fit its text"
                )
            chars += [" "] * (start - len(chars)) + list(row.text)
        languages = group["language"].dropna()
        reviews.append(
            {"review_id": rid, "text": "".join(chars), "language": languages.mode().iloc[0] if len(languages) else None}
        )
        parts.append(group)
    sentences = pd.concat(parts, ignore_index=True)[["review_id", "sentence_id", "start", "end", "text", "language"]]
    return pd.DataFrame(reviews), sentences.astype({"start": "int64", "end": "int64"})
