"""Alignment stage: statements side by side per review, and the same claim side by side across reviews.

`align` turns the statements table and the budget figures into (a) a review × aspect table and (b) a claims
table — one row per budget figure (amount, currency, subject), per incident said to be invented or true,
per accuracy stance and per geopolitical frame — with the reviews, places and languages that make each claim
and the statements' texts as evidence. `to_csv` and `to_html` render them; writing files is the CLI's job.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from toolkit import pages
from toolkit.tables import TableError, require

__all__ = ["Alignment", "align", "to_csv", "to_html", "BY_REVIEW_COLUMNS", "CLAIM_COLUMNS"]

_META = ["place", "language", "outlet", "kind"]
BY_REVIEW_COLUMNS = ["review_id", *_META]  # then, per aspect: <aspect> (texts) and n_<aspect>
CLAIM_COLUMNS = [
    "claim_type",
    "claim",
    "aspect",
    "amount",
    "currency",
    "usd",
    "subject",
    "incident",
    "verdict",
    "stance",
    "frame",
    "n_reviews",
    "review_ids",
    "places",
    "languages",
    "evidence",
]
_CLAIM_ORDER = {"budget_figure": 0, "incident": 1, "stance": 2, "frame": 3}
_JOIN = " ‖ "  # between statements of one review in one cell: a mark critics do not write


@dataclass(frozen=True)
class Alignment:
    """`by_review`: one row per review, one text column and one count column per aspect.
    `claims`: one row per claim (CLAIM_COLUMNS); list-valued columns hold sorted lists."""

    by_review: pd.DataFrame
    claims: pd.DataFrame
    #: The coded statements behind both tables (with `evidence` when the aspects stage gave it), so a page
    #: can mark the words that triggered each code.
    statements: pd.DataFrame | None = None


def _value(row: dict[str, Any], key: str) -> Any:
    value = row.get(key)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return value


def _as_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [v for v in (p.strip() for p in value.split(";")) if v]
    return [str(v) for v in value]


def _verdict(stance: Any) -> str:
    # What the review says about an incident it names, read off the statement's stance.
    return {"embellished": "invented", "faithful": "true", "mixed": "disputed"}.get(str(stance), "mentioned")


def align(reviews: pd.DataFrame, statements: pd.DataFrame, budget_figures: pd.DataFrame | None = None) -> Alignment:
    """Put statements side by side per review and claims side by side across reviews.

    Requires reviews: ``review_id`` (``place``, ``language``, ``outlet``, ``kind`` used when present);
    statements: ``review_id``, ``aspect``, ``text``, ``start`` (``stance``, ``incidents``, ``frames``,
    ``sentence_id`` used when present); budget_figures: ``review_id``, ``amount``, ``currency``, ``usd``,
    ``subject`` (and ``sentence_id`` to find the statement a figure comes from). Every review gets a row,
    with empty cells for aspects it does not discuss. Sorted by review_id; claims by type, then by how many
    reviews make them.

    >>> reviews = pd.DataFrame({"review_id": ["a", "b"], "place": ["US", "RU"], "language": ["en", "ru"]})
    >>> statements = pd.DataFrame({"review_id": ["a", "b"], "sentence_id": ["a:1", "b:1"],
    ...     "aspect": ["accuracy", "accuracy"], "text": ["The fire never happened.", "Пожара не было."],
    ...     "start": [0, 0], "stance": ["embellished", "embellished"], "incidents": [["fire"], ["fire"]],
    ...     "frames": [[], []]})
    >>> result = align(reviews, statements)
    >>> result.claims[["claim", "n_reviews", "places"]].to_dict("records")[0]
    {'claim': 'fire: invented', 'n_reviews': 2, 'places': ['RU', 'US']}
    >>> result.by_review["n_accuracy"].tolist()
    [1, 1]
    """
    require(reviews, ["review_id"], stage="align.align")
    require(statements, ["review_id", "aspect", "text", "start"], stage="align.align")
    meta = reviews.copy()
    for column in _META:
        if column not in meta.columns:
            meta[column] = None
    meta = meta.assign(review_id=meta["review_id"].astype(str))
    info = {rec["review_id"]: rec for rec in meta[["review_id", *_META]].to_dict("records")}
    stmts = statements.assign(review_id=statements["review_id"].astype(str)).sort_values(
        ["review_id", "start"], kind="stable"
    )
    unknown = sorted(set(stmts["review_id"]) - set(info))
    if unknown:
        raise TableError(f"align.align: statements name review(s) not in reviews: {', '.join(unknown[:5])}")
    by_review = _by_review(meta, stmts)
    claims = _claims(info, stmts, budget_figures)
    keep = [
        c
        for c in (
            "review_id",
            "sentence_id",
            "aspect",
            "start",
            "text",
            "cues",
            "stance",
            "incidents",
            "frames",
            "evidence",
        )
        if c in stmts.columns
    ]
    return Alignment(by_review=by_review, claims=claims, statements=stmts[keep].reset_index(drop=True))


def _by_review(meta: pd.DataFrame, stmts: pd.DataFrame) -> pd.DataFrame:
    from toolkit.aspects import codebook

    # Every codebook aspect gets its columns (empty ones too, so tables compare), then any other aspect seen.
    seen = sorted(set(stmts["aspect"])) if len(stmts) else []
    aspects = list(codebook()) + [a for a in seen if a not in codebook()]
    table = meta[["review_id", *_META]].drop_duplicates("review_id").sort_values("review_id").reset_index(drop=True)
    # Texts per (review, aspect) in the statements' order, gathered in one pass over plain columns (a pandas
    # group per pair cost ten times as much); a missing aspect is left out, as groupby does.
    grouped: dict[tuple[str, Any], list[Any]] = {}
    for rid, aspect, text in zip(stmts["review_id"].tolist(), stmts["aspect"].tolist(), stmts["text"].tolist()):
        if not pd.isna(aspect):
            grouped.setdefault((rid, aspect), []).append(text)
    for aspect in aspects:
        texts = [grouped.get((rid, aspect), []) for rid in table["review_id"]]
        table[aspect] = [_JOIN.join(t) for t in texts]
        table[f"n_{aspect}"] = [len(t) for t in texts]
    return table


def _claim(
    claim_type: str, claim: str, aspect: str, rows: list[tuple[str, str]], info: dict, **fields: Any
) -> dict[str, Any]:
    ids = sorted({rid for rid, _ in rows})
    return {
        "claim_type": claim_type,
        "claim": claim,
        "aspect": aspect,
        "amount": fields.get("amount"),
        "currency": fields.get("currency"),
        "usd": fields.get("usd"),
        "subject": fields.get("subject"),
        "incident": fields.get("incident"),
        "verdict": fields.get("verdict"),
        "stance": fields.get("stance"),
        "frame": fields.get("frame"),
        "n_reviews": len(ids),
        "review_ids": ids,
        "places": sorted({str(info[r]["place"]) for r in ids if _value(info[r], "place")}),
        "languages": sorted({str(info[r]["language"]) for r in ids if _value(info[r], "language")}),
        "evidence": list(dict.fromkeys(f"[{rid}] {text}" for rid, text in sorted(rows))),
    }


def _claims(info: dict, stmts: pd.DataFrame, figures: pd.DataFrame | None) -> pd.DataFrame:
    out: list[dict[str, Any]] = []
    groups: dict[tuple[float, str, str], list[tuple[str, str]]] = {}
    usd_by_key: dict[tuple[float, str, str], set[float]] = {}
    if figures is not None and len(figures):
        require(figures, ["review_id", "amount", "currency", "subject"], stage="align.align")
        texts = {}
        if "sentence_id" in stmts.columns:
            columns = (stmts["review_id"].tolist(), stmts["sentence_id"].tolist(), stmts["text"].tolist())
            texts = {(str(r), s): t for r, s, t in zip(*columns)}
        for rec in figures.to_dict("records"):
            rid = str(rec["review_id"])
            key = (float(rec["amount"]), str(_value(rec, "currency") or "?"), str(_value(rec, "subject") or "?"))
            evidence = texts.get((rid, rec.get("sentence_id")), str(rec.get("text", "")))
            groups.setdefault(key, []).append((rid, evidence))
            usd = _value(rec, "usd")
            usd_by_key.setdefault(key, set()).update([float(usd)] if usd is not None else [])
        for key in sorted(groups):
            amount, currency, subject = key
            # One figure, one year: every row converts to the same dollars; keep the smallest if not.
            usd = min(usd_by_key[key]) if usd_by_key[key] else None
            out.append(
                _claim(
                    "budget_figure",
                    f"{currency} {amount:,.0f} ({subject})",
                    "budget",
                    groups[key],
                    info,
                    amount=amount,
                    currency=currency,
                    usd=usd,
                    subject=subject,
                )
            )
    incidents: dict[tuple[str, str], list] = {}
    stances: dict[str, list] = {}
    frames: dict[str, list] = {}
    # Dicts of the columns read below, built from whole columns: `to_dict` boxes every cell of every column.
    wanted = [c for c in ("review_id", "text", "aspect", "stance", "incidents", "frames") if c in stmts.columns]
    for rec in (dict(zip(wanted, values)) for values in zip(*(stmts[c].tolist() for c in wanted))):
        rid, text, aspect = rec["review_id"], rec["text"], rec["aspect"]
        if aspect == "accuracy":
            stance = _value(rec, "stance")
            if stance:
                stances.setdefault(str(stance), []).append((rid, text))
            for incident in _as_list(rec.get("incidents")):
                incidents.setdefault((incident, _verdict(stance)), []).append((rid, text))
        for frame in _as_list(rec.get("frames")) if aspect == "geopolitics" else []:
            frames.setdefault(frame, []).append((rid, text))
    for (incident, verdict), rows in sorted(incidents.items()):
        out.append(
            _claim("incident", f"{incident}: {verdict}", "accuracy", rows, info, incident=incident, verdict=verdict)
        )
    for stance, rows in sorted(stances.items()):
        out.append(_claim("stance", f"accuracy: {stance}", "accuracy", rows, info, stance=stance))
    for frame, rows in sorted(frames.items()):
        out.append(_claim("frame", frame, "geopolitics", rows, info, frame=frame))
    table = pd.DataFrame(out, columns=CLAIM_COLUMNS)
    if table.empty:
        return table
    table["_o"] = table["claim_type"].map(_CLAIM_ORDER)
    table["_n"] = -table["n_reviews"]
    table["_a"] = table["amount"].fillna(0.0)
    table["_s"] = table["subject"].map({"film": 0, "counterfactual": 1, "comparator": 2}).fillna(3)
    order = ["_o", "_n", "_s", "_a", "claim"]
    return table.sort_values(order, kind="stable").drop(columns=order[:-1]).reset_index(drop=True)


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    def cell(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return "; ".join(str(v) for v in value)
        return value

    return frame.apply(lambda column: column.map(cell)) if len(frame) else frame


def to_csv(alignment: Alignment, *, table: str = "claims") -> str:
    """One of the alignment's tables ("claims" or "by_review") as CSV text; list cells are "; "-joined.

    >>> a = Alignment(by_review=pd.DataFrame({"review_id": ["r"]}),
    ...               claims=pd.DataFrame({"claim": ["fire: invented"], "review_ids": [["r", "s"]]}))
    >>> print(to_csv(a), end="")
    claim,review_ids
    fire: invented,r; s
    """
    if table not in ("claims", "by_review"):
        raise ValueError(f"align.to_csv: table must be 'claims' or 'by_review', not {table!r}")
    buffer = io.StringIO()
    _flat(getattr(alignment, table)).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


_HTML_CLAIM_COLUMNS = ["claim_type", "claim", "usd", "n_reviews", "places", "languages", "review_ids", "evidence"]


def _cell(value: Any, *, wide: bool = False) -> dict[str, Any]:
    """A table cell for alignment.html.j2: "list" cells become bullet lists, the rest text; the template
    escapes both."""
    if isinstance(value, (list, tuple)):
        return {"kind": "list", "value": [str(v) for v in value], "wide": wide}
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return {"kind": "text", "value": "", "wide": wide}
    if isinstance(value, float):
        return {"kind": "text", "value": f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}", "wide": wide}
    text = str(value)
    if _JOIN in text:
        return {"kind": "list", "value": text.split(_JOIN), "wide": wide}
    return {"kind": "text", "value": text, "wide": wide}


def _table(frame: pd.DataFrame, wide: set[str]) -> dict[str, Any]:
    return {
        "columns": [str(c) for c in frame.columns],
        "rows": [[_cell(rec[c], wide=c in wide) for c in frame.columns] for rec in frame.to_dict("records")],
    }


def _marked(text: str, start: int, evidence: Any) -> list[tuple[str, str | None]]:
    """The statement's text as (words, cue id or None) pieces: each triggering word carries its cue, so the
    template wraps it in <mark title="cue id">."""
    spans = []
    for item in evidence if isinstance(evidence, (list, tuple)) else []:
        try:
            a, b = int(item["start"]) - start, int(item["end"]) - start
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= a < b <= len(text):
            spans.append((a, b, str(item.get("cue", ""))))
    out: list[tuple[str, str | None]] = []
    at = 0
    for a, b, cue in sorted(spans):
        if a < at:  # overlapping evidence: the first span marks the words
            continue
        out += [(text[at:a], None), (text[a:b], cue)]
        at = b
    out.append((text[at:], None))
    return [(words, cue) for words, cue in out if words]


def _statements_table(statements: pd.DataFrame) -> dict[str, Any]:
    columns = [
        c for c in ("review_id", "aspect", "text", "cues", "stance", "incidents", "frames") if c in statements.columns
    ]
    rows = []
    for rec in statements.to_dict("records"):
        rows.append(
            [
                {
                    "kind": "marked",
                    "wide": True,
                    "value": _marked(str(rec["text"]), int(rec.get("start") or 0), rec.get("evidence")),
                }
                if c == "text"
                else _cell(rec[c])
                for c in columns
            ]
        )
    return {"columns": columns, "rows": rows}


def to_html(alignment: Alignment, *, title: str) -> str:
    """A self-contained HTML page (inline CSS, no scripts, no external resources) with both tables.

    Every piece of text is HTML-escaped, so hostile review text renders as text.

    >>> a = Alignment(by_review=pd.DataFrame({"review_id": ["r"], "budget": ["<script>x</script>"]}),
    ...               claims=pd.DataFrame(columns=["claim"]))
    >>> page = to_html(a, title="A & B")
    >>> "<script>" in page, "&lt;script&gt;x&lt;/script&gt;" in page, "<title>A &amp; B</title>" in page
    (False, True, True)
    """
    claims = alignment.claims
    # The page shows what a reader compares; the CSV keeps every column (amount, currency, subject, ...).
    claim_cols = [c for c in _HTML_CLAIM_COLUMNS if c in claims.columns]
    by_review = alignment.by_review
    aspects = [c for c in by_review.columns if f"n_{c}" in by_review.columns]
    statements = alignment.statements
    return pages.render(
        "alignment.html.j2",
        title=title,
        n_reviews=len(by_review),
        n_claims=len(claims),
        claims=_table(claims[claim_cols], {"evidence"}) if len(claims) else None,
        by_review=_table(by_review, set(aspects)),
        statements=_statements_table(statements) if statements is not None and len(statements) else None,
    )
