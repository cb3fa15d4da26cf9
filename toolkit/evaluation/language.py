"""Evaluation of the language backends on the development set (corpus/gold/languages_*.csv).

``python -m toolkit.evaluation.language`` prints, for every backend, accuracy per language and per length bucket
(< 20, 20–60, > 60 characters) on single sentences, and review-level accuracy of `language.annotate`.
The gate in tests/test_eval_language.py holds the default backend to the floors in
corpus/gold/floors_language.yaml.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit import datasets, language

__all__ = [
    "GOLD_DIR",
    "load_sentences",
    "load_reviews",
    "predict_sentences",
    "predict_reviews",
    "report",
    "summary",
    "to_markdown",
]

GOLD_DIR = datasets.gold_dir()
BUCKETS = ((0, 20, "<20"), (20, 61, "20-60"), (61, 10**9, ">60"))


def load_sentences(path: Path | None = None) -> pd.DataFrame:
    """The sentence dev set: `text`, `language` (gold ISO 639-1 or "und"), `source`, `notes`, `bucket`."""
    path = path or GOLD_DIR / "languages_sentences.csv"
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"text", "language", "source"} - set(gold.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    empty = gold.index[gold["language"] == ""].tolist()
    if empty:
        raise ValueError(f"{path}: line(s) {', '.join(str(i + 2) for i in empty)} have no gold language")
    return gold.assign(bucket=[_bucket(len(t)) for t in gold["text"]])


def load_reviews(path: Path | None = None) -> pd.DataFrame:
    """The review dev set: `review_id`, `text`, gold `language` and `mixed`.

    Rows with source "corpus" take their text from the shipped corpus (toolkit.corpus.load_corpus);
    rows with source "written" carry their own text.
    """
    path = path or GOLD_DIR / "languages_reviews.csv"
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    corpus_rows = gold["source"] == "corpus"
    if corpus_rows.any():
        from toolkit.corpus import load_corpus

        texts = dict(zip(*(load_corpus()[c].tolist() for c in ("review_id", "text"))))
        unknown = sorted(set(gold.loc[corpus_rows, "review_id"]) - set(texts))
        if unknown:
            raise ValueError(f"{path}: review id(s) not in the corpus: {', '.join(unknown)}")
        gold.loc[corpus_rows, "text"] = gold.loc[corpus_rows, "review_id"].map(texts)
    unlabelled = sorted(set(texts) - set(gold["review_id"])) if corpus_rows.any() else []
    if unlabelled:
        raise ValueError(f"{path}: corpus review(s) without a gold language: {', '.join(unlabelled)}")
    return gold.assign(mixed=gold["mixed"].str.lower().eq("true"), bucket=[_bucket(len(t)) for t in gold["text"]])


@functools.cache
def _film() -> Any:
    """The development sets are about Salyut-7: its profile's names are masked, as the pipeline masks them."""
    from toolkit.pipeline import film_of

    return film_of()


def _bucket(n: int) -> str:
    return next(label for lo, hi, label in BUCKETS if lo <= n < hi)


def predict_sentences(gold: pd.DataFrame, *, backend: str | None = None, context: bool = False) -> pd.DataFrame:
    """Add `predicted` and `correct` to the sentence dev set for one backend.

    By default each sentence is judged alone (`detect_language`). With `context`, a sentence taken from the
    shipped corpus gets the language the pipeline gives it inside its review (`annotate`: short fragments
    and names inherit the review's language) — what the sentences table actually holds; written sentences,
    which have no review, are still judged alone.
    """
    names = _film().names
    predicted = [language.detect_language(t, backend=backend, names=names).language for t in gold["text"]]
    if context:
        in_review = _languages_in_context(gold.loc[gold["source"] == "corpus", "text"], backend=backend)
        predicted = [
            in_review.get(t, p) if src == "corpus" else p for t, p, src in zip(gold["text"], predicted, gold["source"])
        ]
    return gold.assign(predicted=predicted, correct=[p == g for p, g in zip(predicted, gold["language"])])


def _languages_in_context(texts: Iterable[str], *, backend: str | None) -> dict[str, str]:
    """Gold sentence text → the language of the corpus sentence that contains it (first review by id)."""
    from toolkit.corpus import load_corpus

    reviews = load_corpus().sort_values("review_id")
    _, sentences = language.annotate(reviews[["review_id", "text"]], backend=backend, profile=_film())
    found: dict[str, str] = {}
    for text in texts:
        hit = sentences[sentences["text"].str.contains(text, regex=False)]
        if len(hit):
            found[text] = hit["language"].iloc[0]
    return found


def predict_reviews(gold: pd.DataFrame, *, backend: str | None = None) -> pd.DataFrame:
    """Add `predicted`, `predicted_mixed` and `correct` (language) to the review dev set."""
    annotated, _ = language.annotate(gold[["review_id", "text"]], backend=backend, profile=_film())
    return gold.assign(
        predicted=annotated["language"].tolist(),
        predicted_mixed=annotated["mixed"].tolist(),
        correct=(annotated["language"].to_numpy() == gold["language"].to_numpy()),
    )


def _accuracy(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    grouped = frame.groupby(by, sort=True)["correct"]
    return pd.DataFrame({"n": grouped.size(), "accuracy": grouped.mean().round(4)}).reset_index()


def report(*, backend: str | None = None) -> pd.DataFrame:
    """Accuracy tables for one backend (default: the default backend).

    Columns: `backend`, `level` ("sentence" | "review"), `by` ("all" | "language" | "length"), `group`,
    `n`, `accuracy`; review-level rows also include mixed-flag accuracy (`by` == "mixed").
    """
    name = backend or language.DEFAULT_BACKEND
    gold = load_sentences()
    sents = predict_sentences(gold, backend=name)
    in_context = predict_sentences(gold, backend=name, context=True)
    revs = predict_reviews(load_reviews(), backend=name)
    parts = []
    for level, frame in (("sentence", sents), ("sentence in context", in_context), ("review", revs)):
        parts.append(
            pd.DataFrame(
                {
                    "by": ["all"],
                    "group": ["all"],
                    "n": [len(frame)],
                    "accuracy": [round(float(frame["correct"].mean()), 4)],
                }
            ).assign(level=level)
        )
        parts.append(
            _accuracy(frame, "language").rename(columns={"language": "group"}).assign(by="language", level=level)
        )
        parts.append(_accuracy(frame, "bucket").rename(columns={"bucket": "group"}).assign(by="length", level=level))
    mixed_ok = revs["predicted_mixed"] == revs["mixed"]
    parts.append(
        pd.DataFrame(
            {
                "by": ["mixed"],
                "group": ["all"],
                "n": [len(revs)],
                "accuracy": [round(float(mixed_ok.mean()), 4)],
                "level": ["review"],
            }
        )
    )
    out = pd.concat(parts, ignore_index=True).assign(backend=name)
    return out[["backend", "level", "by", "group", "n", "accuracy"]]


def summary(backends: tuple[str, ...] = language.BACKENDS) -> pd.DataFrame:
    """One row per backend: sentence accuracy (overall, share of labelled sentences it decides rather than
    abstains on, accuracy on those), per length bucket, review and mixed-flag accuracy."""
    rows = []
    for name in backends:
        r = report(backend=name)

        def pick(level: str, by: str, group: str) -> float:
            hit = r[(r["level"] == level) & (r["by"] == by) & (r["group"] == group)]["accuracy"]
            return float(hit.iloc[0]) if len(hit) else float("nan")

        sents = predict_sentences(load_sentences(), backend=name)
        labelled = sents[sents["language"] != language.UND]
        decided = labelled[labelled["predicted"] != language.UND]
        rows.append(
            {
                "backend": name,
                "sentences": pick("sentence", "all", "all"),
                "sentences in context": pick("sentence in context", "all", "all"),
                "decided share": round(len(decided) / len(labelled), 4),
                "right when decided": round(float(decided["correct"].mean()), 4),
                "sentences <20": pick("sentence", "length", "<20"),
                "sentences 20-60": pick("sentence", "length", "20-60"),
                "sentences >60": pick("sentence", "length", ">60"),
                "reviews": pick("review", "all", "all"),
                "mixed flag": pick("review", "mixed", "all"),
            }
        )
    return pd.DataFrame(rows)


def to_markdown(frame: pd.DataFrame) -> str:
    """A GitHub-flavoured markdown table (no extra dependency).

    >>> print(to_markdown(pd.DataFrame({"a": [1], "b": ["x"]})))
    | a | b |
    | --- | --- |
    | 1 | x |
    """
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    body = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.evaluation.language", description=__doc__)
    parser.add_argument(
        "--backend", action="append", choices=language.BACKENDS, help="backend(s) to evaluate (default: all)"
    )
    args = parser.parse_args(argv)
    backends = tuple(args.backend or language.BACKENDS)
    print("## Language identification on the development set\n")
    print(to_markdown(summary(backends)), "\n")
    for name in backends:
        r = report(backend=name)
        for level in ("sentence", "sentence in context", "review"):
            for by in ("length", "language"):
                part = r[(r["level"] == level) & (r["by"] == by)]
                table = part.pivot_table(index="group", values=["n", "accuracy"], aggfunc="first")
                print(f"### {name}: {level}s by {by}\n")
                print(to_markdown(table.reset_index()[["group", "n", "accuracy"]]), "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
