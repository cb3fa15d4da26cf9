"""How well `toolkit.segment` proposes review units: its draft for a raw page dump measured against a
hand-curated manifest of the same dump, by the raw characters their units keep."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from toolkit.segment import segment_file

__all__ = ["evaluate", "main"]


def evaluate(raw_path: str | Path, curated_manifest_path: str | Path) -> dict[str, Any]:
    """Measure the draft for `raw_path` against a curated manifest of the same dump.

    Both manifests are loaded with `toolkit.corpus.load_corpus` (so the draft's anchors are verified) and
    compared by the raw characters their units keep (`spans`):
    `recall` — share of the curated units' characters inside some proposed unit;
    `boilerplate_share` — share of the proposed units' characters outside every curated unit;
    `units_matched` — curated units with a proposed unit covering at least half of it and lying at least
    half inside it; `unit_recall` = matched / curated units, `unit_precision` = proposed units that match
    a curated unit / proposed units; `kind_agreement`, `critic_agreement`, `rating_agreement`,
    `published_agreement` — share of matched pairs whose kind / critic / rating_raw / published agree
    (a field missing on both sides agrees).
    """
    from toolkit.corpus import load_corpus

    raw_path = Path(raw_path).resolve()
    curated = load_corpus(curated_manifest_path)
    with tempfile.TemporaryDirectory() as folder:
        draft_path = Path(folder) / "draft.yaml"
        draft_path.write_text(segment_file(raw_path), encoding="utf-8")
        proposed = load_corpus(draft_path)
    size = len(raw_path.read_text(encoding="utf-8"))
    gold = [_spans(s) for s in curated["spans"]]
    mine = [_spans(s) for s in proposed["spans"]]
    gold_mask, mine_mask = _mask(gold, size), _mask(mine, size)
    gold_chars, mine_chars = sum(gold_mask), sum(mine_mask)
    both = sum(g and m for g, m in zip(gold_mask, mine_mask))
    pairs: list[tuple[int, int]] = []
    matched_mine: set[int] = set()
    mine_sets = [_chars(m) for m in mine]
    for gi, g in enumerate(gold):
        g_set = _chars(g)
        for mi, m_set in enumerate(mine_sets):
            overlap = len(g_set & m_set)
            if overlap and overlap >= 0.5 * len(g_set) and overlap >= 0.5 * len(m_set):
                pairs.append((gi, mi))
                matched_mine.add(mi)
                break

    def agree(column: str) -> float | None:
        if not pairs:
            return None
        same = [_norm(curated[column].iloc[g]) == _norm(proposed[column].iloc[m]) for g, m in pairs]
        return round(sum(same) / len(same), 3)

    return {
        "raw": raw_path.name,
        "curated_units": len(gold),
        "proposed_units": len(mine),
        "curated_chars": gold_chars,
        "proposed_chars": mine_chars,
        "recall": round(both / gold_chars, 3) if gold_chars else None,
        "boilerplate_share": round((mine_chars - both) / mine_chars, 3) if mine_chars else None,
        "units_matched": len(pairs),
        "unit_recall": round(len(pairs) / len(gold), 3) if gold else None,
        "unit_precision": round(len(matched_mine) / len(mine), 3) if mine else None,
        "kind_agreement": agree("kind"),
        "critic_agreement": agree("critic"),
        "rating_agreement": agree("rating_raw"),
        "published_agreement": agree("published"),
    }


def _norm(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and value != value) else value


def _spans(text: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (piece.split("-") for piece in str(text).split(";") if piece)]


def _mask(units: list[list[tuple[int, int]]], size: int) -> list[bool]:
    mask = [False] * size
    for spans in units:
        for a, b in spans:
            mask[a:b] = [True] * (b - a)
    return mask


def _chars(spans: list[tuple[int, int]]) -> set[int]:
    return {i for a, b in spans for i in range(a, b)}


def main(argv: list[str] | None = None) -> int:
    """`python -m toolkit.evaluation.segment [RAW CURATED_MANIFEST ...]` (= `toolkit evaluate segment`): the
    figures for the shipped corpus, or for each given raw dump against its curated manifest (the made-up
    dumps the heuristics were checked on are in tests/fixtures/segment/)."""
    from toolkit.corpus import DEFAULT_MANIFEST, raw_source

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--evaluate"]:  # the old spelling, `python -m toolkit.segment --evaluate`
        argv = argv[1:]
    if len(argv) % 2:
        print("usage: python -m toolkit.evaluation.segment [RAW CURATED_MANIFEST ...]", file=sys.stderr)
        return 2
    pairs = [(Path(argv[i]), Path(argv[i + 1])) for i in range(0, len(argv), 2)]
    checks = pairs or [(raw_source(DEFAULT_MANIFEST), DEFAULT_MANIFEST)]
    for raw, manifest in checks:
        figures = evaluate(raw, manifest)
        print(f"{figures.pop('raw')} vs {manifest.name}:")
        for key, value in figures.items():
            print(f"  {key:20} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
