"""Evaluation of the language detector by length of text: single words, word pairs, short sentences.

``python -m toolkit.evaluation.words`` (= ``toolkit evaluate words``) prints, for each backend and length class, the
share of right answers, wrong answers and abstentions (``und``), overall and per language, on
corpus/gold/languages_lengths.csv. The gate in tests/test_eval_words.py holds the default backend to the floors
in corpus/gold/floors_words.yaml.

Scoring. An item is right when the answer is its `language` or one of its `also` languages. An item with `also`
languages is a string several languages share ("Bravo!", "Taxi", "Kosmos", "Pura propaganda."): for it,
``und`` is right too, since abstaining is the honest answer. ``und`` on any other item is an abstention (not
right, not wrong); every other answer is wrong.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import pandas as pd

from toolkit import language
from toolkit.evaluation.language import GOLD_DIR, to_markdown

__all__ = ["LENGTHS", "OUTCOMES", "load_lengths", "outcome", "predict_lengths", "report", "gold_sha256"]

LENGTHS = ("word", "pair", "sentence")
OUTCOMES = ("right", "wrong", "abstained")
_COLUMNS = ("text", "language", "length", "also")


def load_lengths(path: Path | None = None) -> pd.DataFrame:
    """The length-class gold set: `text`, `language` (ISO 639-1), `length` (word | pair | sentence), `also`
    (other languages the same string belongs to, space-separated, usually empty)."""
    path = path or GOLD_DIR / "languages_lengths.csv"
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in _COLUMNS if c not in gold.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    for column, bad in (
        ("text", gold["text"].str.strip() == ""),
        ("language", ~gold["language"].str.fullmatch(r"[a-z]{2}")),
        ("length", ~gold["length"].isin(LENGTHS)),
        ("also", ~gold["also"].str.fullmatch(r"(?:[a-z]{2}(?: [a-z]{2})*)?")),
    ):
        if bad.any():
            lines = ", ".join(str(i + 2) for i in gold.index[bad][:10])
            raise ValueError(
                f"{path}: line(s) {lines}: bad {column!r} (language and also take ISO 639-1 codes, "
                f"length one of {', '.join(LENGTHS)})"
            )
    repeated = gold.duplicated(["text", "language"])
    if repeated.any():
        lines = ", ".join(str(i + 2) for i in gold.index[repeated][:10])
        raise ValueError(f"{path}: line(s) {lines} repeat an earlier item of the same language")
    return gold


def gold_sha256(path: Path | None = None) -> str:
    """sha256 of the gold file's bytes: the floors are pinned to one version of it."""
    return hashlib.sha256((path or GOLD_DIR / "languages_lengths.csv").read_bytes()).hexdigest()


def outcome(language_: str, also: str, predicted: str) -> str:
    """ "right", "wrong" or "abstained" for one answer (the scoring rule in the module docstring).

    >>> [outcome("de", "", "de"), outcome("de", "", "nl"), outcome("de", "", "und")]
    ['right', 'wrong', 'abstained']
    >>> [outcome("de", "en nl", "nl"), outcome("de", "en nl", "und"), outcome("de", "en nl", "fr")]
    ['right', 'right', 'wrong']
    """
    allowed = {language_, *also.split()}
    if predicted in allowed or (predicted == language.UND and also):
        return "right"
    return "abstained" if predicted == language.UND else "wrong"


def predict_lengths(gold: pd.DataFrame, *, backend: str | None = None) -> pd.DataFrame:
    """Add `predicted` (each item judged alone by `detect_language`) and `outcome` to the gold set."""
    predicted = [language.detect_language(t, backend=backend).language for t in gold["text"]]
    return gold.assign(
        predicted=predicted, outcome=[outcome(g, a, p) for g, a, p in zip(gold["language"], gold["also"], predicted)]
    )


def _shares(frame: pd.DataFrame) -> pd.DataFrame:
    """n and the share of each outcome, per `language`."""
    counts = pd.crosstab(frame["language"], frame["outcome"]).reindex(columns=list(OUTCOMES), fill_value=0)
    n = counts.sum(axis=1)
    out = counts.div(n, axis=0).round(4)
    out.insert(0, "n", n)
    out.columns.name = None
    return out.reset_index()


def report(*, backend: str | None = None, gold: pd.DataFrame | None = None) -> pd.DataFrame:
    """Shares of right, wrong and abstained answers for one backend (default: the default backend).

    Columns: `backend`, `length` (word | pair | sentence), `language` ("all" for the whole class), `n`, `right`,
    `wrong`, `abstained`; rows ordered by length class, then language.
    """
    name = backend or language.DEFAULT_BACKEND
    scored = predict_lengths(load_lengths() if gold is None else gold, backend=name)
    parts = []
    for length in LENGTHS:
        part = scored[scored["length"] == length]
        parts.append(_shares(part.assign(language="all")).assign(length=length))
        parts.append(_shares(part).assign(length=length))
    out = pd.concat(parts, ignore_index=True).assign(backend=name)
    return out[["backend", "length", "language", "n", *OUTCOMES]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m toolkit.evaluation.words",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--backend", action="append", choices=language.BACKENDS, help="backend(s) to evaluate (default: all)"
    )
    args = parser.parse_args(argv)
    backends = tuple(args.backend or language.BACKENDS)
    gold = load_lengths()
    reports = {name: report(backend=name, gold=gold) for name in backends}
    print("## Language identification by length of text\n")
    print(
        f"corpus/gold/languages_lengths.csv: {len(gold)} items, {gold['language'].nunique()} languages "
        f"(sha256 {gold_sha256()[:12]}…)\n"
    )
    summary = pd.concat([r[r["language"] == "all"] for r in reports.values()], ignore_index=True)
    print(to_markdown(summary.drop(columns="language")), "\n")
    for name, r in reports.items():
        for length in LENGTHS:
            part = r[(r["length"] == length) & (r["language"] != "all")]
            print(f"### {name}: {length}s by language\n")
            print(to_markdown(part[["language", "n", *OUTCOMES]]), "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
