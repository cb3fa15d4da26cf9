"""Evaluation of the sentence splitter on golden-rule cases (``corpus/gold/sentence_boundaries.yaml``).

Each case is a short text in one language with the sentences it must be cut into: abbreviations before
capitals, initials, numbers, inline lists, ellipses, quotes, Greek ";", Arabic "؟", CJK marks, Hindi "।" and
so on, in the style of pySBD's golden rules (written for the project, not copied). A case passes when
`toolkit.sentences.spans` returns exactly the expected sentences.

``python -m toolkit.evaluation.sentences`` (``toolkit evaluate sentences``) prints the share of cases passed per
language, per batch and overall, and lists every failure; it exits 1 when a floor in
``corpus/gold/floors_sentences.yaml`` is not met (the gate in tests/test_eval_sentences.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

import pandas as pd
import yaml

from toolkit import datasets, sentences
from toolkit.tables import TableError

__all__ = ["CASES", "FLOORS", "load_cases", "predict", "report", "load_floors", "check_floors", "main"]

CASES = datasets.gold_dir() / "sentence_boundaries.yaml"
FLOORS = datasets.gold_dir() / "floors_sentences.yaml"
_FIELDS = ("id", "language", "phenomenon", "text", "sentences")


def load_cases(path: str | Path = CASES) -> pd.DataFrame:
    """The cases as a table: `id`, `language`, `batch`, `phenomenon`, `text`, `sentences` (list of str).

    Every expected sentence must occur in the text, in order and without overlap, so that a case can only
    fail because of where the splitter cuts.
    """
    path = Path(path)
    with open(path, encoding="utf-8") as handle:
        try:
            raw = yaml.safe_load(handle)
        except yaml.YAMLError as error:
            raise TableError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(raw, list):
        raise TableError(f"{path}: expected a list of cases")
    rows, seen = [], set()
    for number, case in enumerate(raw, start=1):
        where = f"{path}: case {number}" + (f" ({case.get('id')})" if isinstance(case, dict) else "")
        if not isinstance(case, dict) or any(not case.get(key) for key in _FIELDS):
            raise TableError(f"{where}: needs {', '.join(_FIELDS)}")
        if case["id"] in seen:
            raise TableError(f"{where}: id repeated")
        seen.add(case["id"])
        expected = case["sentences"]
        if not isinstance(expected, list) or not all(isinstance(s, str) and s for s in expected):
            raise TableError(f"{where}: `sentences` must be a list of non-empty strings")
        pos = 0
        for sentence in expected:
            found = case["text"].find(sentence, pos)
            if found < 0:
                raise TableError(f"{where}: expected sentence {sentence!r} is not in the text after offset {pos}")
            pos = found + len(sentence)
        rows.append(
            {
                "id": str(case["id"]),
                "language": str(case["language"]),
                "batch": int(case.get("batch", 1)),
                "phenomenon": str(case["phenomenon"]),
                "text": case["text"],
                "sentences": list(expected),
            }
        )
    return pd.DataFrame(rows, columns=["id", "language", "batch", "phenomenon", "text", "sentences"])


def predict(cases: pd.DataFrame) -> pd.DataFrame:
    """Add `predicted` (the splitter's sentences, with each case's language) and `passed`."""
    predicted = [
        [text[a:b] for a, b in sentences.spans(text, language=lang)]
        for text, lang in zip(cases["text"], cases["language"])
    ]
    return cases.assign(predicted=predicted, passed=[p == e for p, e in zip(predicted, cases["sentences"])])


def report(scored: pd.DataFrame) -> pd.DataFrame:
    """Share of cases passed: one row per language (sorted), per batch, and `all`.

    Columns: `by` ("language" | "batch" | "all"), `group`, `n`, `passed`, `share`.

    >>> scored = pd.DataFrame({"language": ["de", "en", "en"], "batch": [1, 1, 2], "passed": [True, True, False]})
    >>> report(scored).values.tolist()[-1]
    ['all', 'all', 3, 2, 0.6667]
    """
    parts = []
    for by in ("language", "batch"):
        grouped = scored.groupby(by, sort=True)["passed"]
        parts.append(
            pd.DataFrame(
                {
                    "by": by,
                    "group": grouped.size().index.astype(str),
                    "n": grouped.size().to_numpy(),
                    "passed": grouped.sum().to_numpy(),
                }
            )
        )
    parts.append(
        pd.DataFrame({"by": ["all"], "group": ["all"], "n": [len(scored)], "passed": [int(scored["passed"].sum())]})
    )
    out = pd.concat(parts, ignore_index=True)
    out["passed"] = out["passed"].astype(int)
    out["share"] = (out["passed"] / out["n"]).round(4)
    return out


def load_floors(path: str | Path = FLOORS) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def check_floors(table: pd.DataFrame, floors: dict[str, Any]) -> list[str]:
    """Messages for every floor the report falls below (empty when all hold)."""
    problems = []
    overall = float(table.loc[table["by"] == "all", "share"].iloc[0])
    if not overall >= floors["overall"]:
        problems.append(f"share of cases passed is {overall:.4f} < floor {floors['overall']}")
    for row in table[table["by"] == "language"].itertuples():
        if not row.share >= floors["per_language"]:
            problems.append(f"{row.group}: share of cases passed is {row.share:.4f} < floor {floors['per_language']}")
    return problems


def _cell(value: Any) -> str:
    """A value for a markdown table cell: pipes and line breaks would break the table."""
    return str(value).replace("|", "\\|").replace("\n", "\\n")


def _print(table: pd.DataFrame, scored: pd.DataFrame, out: TextIO) -> None:
    print("## Sentence boundaries on the golden-rule cases\n", file=out)
    print("| language | cases | passed | share |\n| --- | ---: | ---: | ---: |", file=out)
    for by in ("language", "batch", "all"):
        for row in table[table["by"] == by].itertuples():
            label = {"batch": f"batch {row.group}", "all": "**all**"}.get(by, row.group)
            print(f"| {label} | {row.n} | {row.passed} | {row.share:.3f} |", file=out)
    failures = scored[~scored["passed"]]
    print(f"\n### Failures ({len(failures)})\n", file=out)
    for row in failures.itertuples():
        print(
            f"- {row.id} ({_cell(row.phenomenon)}): {_cell(row.text)}\n"
            f"  - expected: {_cell(row.sentences)}\n  - got:      {_cell(row.predicted)}",
            file=out,
        )


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation; exit 1 when a floor in floors_sentences.yaml is not met."""
    parser = argparse.ArgumentParser(prog="python -m toolkit.evaluation.sentences", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=str(CASES), help="the golden-rule cases (YAML)")
    parser.add_argument("--floors", default=str(FLOORS), help="the floors to check (YAML)")
    args = parser.parse_args(argv)
    scored = predict(load_cases(args.cases))
    table = report(scored)
    _print(table, scored, sys.stdout)
    problems = check_floors(table, load_floors(args.floors))
    for problem in problems:
        print(f"BELOW FLOOR: {problem}", file=sys.stdout)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
