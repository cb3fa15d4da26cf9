"""Ingest stage: the curated corpus. Reads a manifest that locates every review inside its raw page dump by
text anchors, verifies each anchor, drops boilerplate and returns the validated reviews table.

The manifest format is documented at the top of corpus/manifest.yaml.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from toolkit.datasets import salyut7_manifest
from toolkit.schema import REVIEWS, SchemaError
from toolkit.tables import REVIEW_COLUMNS

#: The shipped corpus's manifest (the repository's corpus/ folder, installed as package data).
DEFAULT_MANIFEST = salyut7_manifest()

_UNIT_FIELDS = {
    "id",
    "page",
    "kind",
    "outlet",
    "critic",
    "url",
    "published",
    "place",
    "place_basis",
    "rating_raw",
    "duplicate_of",
    "note",
    "from",
    "to",
    "after",
    "pieces",
    "drop",
    "title",
}
_INHERITED = ("outlet", "critic", "url", "published", "place", "place_basis", "rating_raw", "title", "kind")


class CorpusError(ValueError):
    """The manifest or its raw source is inconsistent; the message names the manifest entry."""


@dataclass(frozen=True)
class _Page:
    id: str
    start: int
    end: int
    fields: dict[str, Any]


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes (recorded in the manifest and in figures' provenance)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def load_outlets() -> pd.DataFrame:
    """The outlet registry (toolkit/data/outlets.csv): outlet → country, kind, usual language, domain.

    >>> load_outlets().set_index("outlet").loc["South China Morning Post", "country"]
    'HK'
    """
    table = pd.read_csv(Path(__file__).parent / "data" / "outlets.csv", dtype=str, keep_default_na=False)
    duplicated = table["outlet"][table["outlet"].duplicated()].tolist()
    if duplicated:
        raise CorpusError(f"toolkit/data/outlets.csv lists outlet(s) twice: {', '.join(duplicated)}")
    return table.replace({"": None})


def load_corpus(manifest: str | Path | None = None) -> pd.DataFrame:
    """Load the curated corpus described by `manifest` (default: the shipped Salyut-7 corpus).

    Returns the reviews table (DESIGN.md) with `language`, `language_confidence` and `mixed` still empty
    (the language stage fills them) plus `title`, `page`, `spans` (the raw pieces the text was cut from,
    "start-end;start-end") and `note`. Raises CorpusError naming the unit whose anchors no longer match.
    """
    path = Path(manifest) if manifest is not None else DEFAULT_MANIFEST
    spec = _read_manifest(path)
    raw_path = raw_source(path)
    if not raw_path.is_file():
        raise CorpusError(f"{path}: raw source {spec['raw']!r} not found at {raw_path}")
    raw_bytes = raw_path.read_bytes()
    digest = hashlib.sha256(raw_bytes).hexdigest()
    if spec.get("raw_sha256") and spec["raw_sha256"] != digest:
        # Anchors decide whether the corpus still loads; a changed hash alone is worth a warning.
        warnings.warn(
            f"{raw_path.name}: sha256 {digest[:12]}… differs from the manifest's "
            f"{spec['raw_sha256'][:12]}…; verifying every unit's anchors",
            stacklevel=2,
        )
    try:
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CorpusError(f"{raw_path}: not UTF-8 at byte {error.start}") from None
    pages = _locate_pages(spec.get("pages") or [], raw, path)
    boilerplate = tuple(spec.get("boilerplate_paragraphs") or ())
    outlets = load_outlets().set_index("outlet")
    rows = [
        _unit_row(unit, pages, raw, boilerplate, outlets, source=spec["raw"], manifest=path)
        for unit in spec.get("units") or []
    ]
    reviews = pd.DataFrame(rows)
    return validate_reviews(_with_ratings(reviews), where=str(path))


def raw_source(manifest: str | Path | None = None) -> Path:
    """The raw file a manifest (default: the shipped one) cuts its units from.

    >>> raw_source().name
    'salyut7_pages_2024.txt'
    """
    path = Path(manifest) if manifest is not None else DEFAULT_MANIFEST
    return (path.parent / _read_manifest(path)["raw"]).resolve()


def validate_reviews(reviews: pd.DataFrame, *, where: str = "reviews") -> pd.DataFrame:
    """Check the reviews table's contract (`toolkit.schema.REVIEWS`): columns, unique ids, text, allowed kinds
    and place codes, ISO dates, ratings in 0..1, offsets in order and duplicate_of links inside the table.
    Returns the table with columns in contract order first (missing contract columns added, empty).

    >>> validate_reviews(pd.DataFrame({"review_id": ["a", "a"], "text": ["x", "y"]}))
    Traceback (most recent call last):
    ...
    toolkit.corpus.CorpusError: reviews: reviews row 1 (review 'a'): duplicate review_id 'a' (first at row 0)
    """
    for column in REVIEW_COLUMNS:
        if column not in reviews.columns:
            reviews = reviews.assign(**{column: None})
    try:
        REVIEWS.validate(reviews, where=where)
    except SchemaError as error:
        raise CorpusError(str(error)) from None
    ordered = REVIEW_COLUMNS + [c for c in reviews.columns if c not in REVIEW_COLUMNS]
    return reviews[ordered].reset_index(drop=True)


def _read_manifest(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise CorpusError(f"manifest not found: {path}")
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise CorpusError(f"{path}{line}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(spec, dict) or "raw" not in spec or "units" not in spec:
        raise CorpusError(f"{path}: a manifest needs 'raw' and 'units'")
    return spec


def _locate_pages(pages: list[dict[str, Any]], raw: str, manifest: Path) -> dict[str, _Page]:
    """Find each page's first line; pages must appear in file order and not overlap."""
    starts: list[tuple[str, int, dict[str, Any]]] = []
    cursor = 0
    for page in pages:
        anchor = page.get("starts_at")
        if not page.get("id") or not anchor:
            raise CorpusError(f"{manifest}: every page needs 'id' and 'starts_at' (got {page})")
        at = _line_start(raw, anchor, cursor)
        if at < 0:
            raise CorpusError(
                f"{manifest}: page {page['id']!r}: no line starting with {anchor!r} "
                f"after offset {cursor}; the raw file has changed or the pages are out of order"
            )
        starts.append((page["id"], at, page))
        cursor = at + 1
    located: dict[str, _Page] = {}
    for index, (page_id, start, fields) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(raw)
        if page_id in located:
            raise CorpusError(f"{manifest}: page id {page_id!r} is used twice")
        located[page_id] = _Page(page_id, start, end, fields)
    return located


def _line_start(raw: str, anchor: str, cursor: int) -> int:
    if cursor == 0 and raw.startswith(anchor):
        return 0
    at = raw.find("\n" + anchor, max(cursor - 1, 0))
    return at + 1 if at >= 0 else -1


def _unit_row(
    unit: dict[str, Any],
    pages: dict[str, _Page],
    raw: str,
    boilerplate: tuple[str, ...],
    outlets: pd.DataFrame,
    *,
    source: str,
    manifest: Path,
) -> dict[str, Any]:
    uid = unit.get("id")
    if not uid:
        raise CorpusError(f"{manifest}: a unit has no id: {unit}")
    unknown = set(unit) - _UNIT_FIELDS
    if unknown:
        raise CorpusError(f"{manifest}: unit {uid!r} has unknown field(s) {', '.join(sorted(unknown))}")
    page = pages.get(unit.get("page"))
    if page is None:
        raise CorpusError(f"{manifest}: unit {uid!r} names page {unit.get('page')!r}, which is not listed")
    pieces = unit.get("pieces") or [{"from": unit.get("from"), "to": unit.get("to"), "after": unit.get("after")}]
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        start, end = _locate_span(raw, page, piece, uid, manifest)
        spans.extend(_drop_paragraphs(raw, start, end, (*boilerplate, *(unit.get("drop") or [])), uid, manifest))
    _check_drops_found(raw, spans, pieces, unit.get("drop") or [], uid, manifest, page)
    fields = {key: page.fields.get(key) for key in _INHERITED}
    fields.update({key: unit[key] for key in _INHERITED if key in unit})
    outlet = fields["outlet"]
    registry = outlets.loc[outlet] if outlet in outlets.index else None
    place, basis = fields["place"], fields["place_basis"]
    if place is None and basis is None:
        place, basis = _place_from_outlet(fields["kind"], registry)
    elif place is not None and basis is None:
        basis = "outlet"
    return {
        "review_id": uid,
        "source": source,
        "start": spans[0][0],
        "end": spans[-1][1],
        "outlet": outlet,
        "critic": fields["critic"],
        "kind": fields["kind"],
        "url": fields["url"],
        "published": fields["published"],
        "place": place,
        "place_basis": basis,
        "rating_raw": fields["rating_raw"],
        "text": "\n\n".join(raw[s:e] for s, e in spans),
        "duplicate_of": unit.get("duplicate_of"),
        "title": fields["title"],
        "page": page.id,
        "domain": None if registry is None else registry["domain"],
        "spans": ";".join(f"{s}-{e}" for s, e in spans),
        "note": unit.get("note"),
    }


def _place_from_outlet(kind: str | None, registry: pd.Series | None) -> tuple[str | None, str]:
    # A platform user's place is where the user is, not where the platform is based (CODEBOOK).
    if kind == "user" or registry is None or not registry["country"]:
        return None, "unknown"
    return registry["country"], "outlet"


def _locate_span(raw: str, page: _Page, piece: dict[str, Any], uid: str, manifest: Path) -> tuple[int, int]:
    begin, finish = piece.get("from"), piece.get("to")
    if not begin or not finish:
        raise CorpusError(f"{manifest}: unit {uid!r} needs 'from' and 'to' anchors (or 'pieces')")
    region_start = page.start
    if piece.get("after"):
        after = raw.find(piece["after"], page.start, page.end)
        if after < 0:
            raise CorpusError(
                f"{manifest}: unit {uid!r}: 'after' anchor {piece['after']!r} not found in page {page.id!r}"
            )
        region_start = after + len(piece["after"])
    start = raw.find(begin, region_start, page.end)
    if start < 0:
        raise CorpusError(
            f"{manifest}: unit {uid!r}: 'from' anchor {begin!r} not found in page {page.id!r}; "
            "the raw file has changed or the anchor is wrong"
        )
    if raw.find(begin, start + 1, page.end) >= 0:
        raise CorpusError(
            f"{manifest}: unit {uid!r}: 'from' anchor {begin!r} occurs more than once in page "
            f"{page.id!r}; lengthen it or add 'after'"
        )
    to_at = raw.find(finish, start, page.end)
    if to_at < 0:
        raise CorpusError(
            f"{manifest}: unit {uid!r}: 'to' anchor {finish!r} not found after its 'from' anchor "
            f"in page {page.id!r}; the raw file has changed or the anchor is wrong"
        )
    return start, to_at + len(finish)


def _drop_paragraphs(
    raw: str, start: int, end: int, drops: tuple[str, ...], uid: str, manifest: Path
) -> list[tuple[int, int]]:
    """Split [start, end) into the runs of paragraphs that are kept (paragraphs are separated by blank lines)."""
    kept: list[tuple[int, int]] = []
    run_start: int | None = None
    run_end = start
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", raw[start:end]):
        p_start, p_end = start + match.start(), start + match.end()
        if raw[p_start:p_end].strip() in drops:
            if run_start is not None:
                kept.append((run_start, run_end))
            run_start = None
            continue
        if run_start is None:
            run_start = p_start
        run_end = p_end
    if run_start is not None:
        kept.append((run_start, run_end))
    if not kept:
        raise CorpusError(f"{manifest}: unit {uid!r}: nothing is left after dropping boilerplate")
    return kept


def _check_drops_found(
    raw: str,
    spans: list[tuple[int, int]],
    pieces: list[dict[str, Any]],
    drops: list[str],
    uid: str,
    manifest: Path,
    page: _Page,
) -> None:
    # A listed drop that is no longer in the page means the page changed: say so rather than ignore it.
    for drop in drops:
        if raw.find(drop, page.start, page.end) < 0:
            raise CorpusError(f"{manifest}: unit {uid!r}: paragraph to drop {drop!r} not found in page {page.id!r}")
        if any(drop in raw[s:e] for s, e in spans):
            raise CorpusError(
                f"{manifest}: unit {uid!r}: {drop!r} is not a whole paragraph of the body; "
                "only whole paragraphs can be dropped"
            )


def _with_ratings(reviews: pd.DataFrame) -> pd.DataFrame:
    from toolkit.ratings import normalize_rating

    parsed = [normalize_rating(raw) for raw in reviews["rating_raw"]]
    # Only a reviewer's own score is a rating (CODEBOOK); audience or aggregate scores are kept apart.
    return reviews.assign(
        rating=[p.value if p.scope == "review" else None for p in parsed],
        rating_scope=[p.scope for p in parsed],
    )
