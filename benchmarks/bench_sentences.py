"""Benchmark of the sentence splitter on real-like text (not a test: numbers vary by machine).

``python -m benchmarks.bench_sentences`` times `sentences.spans` (and the `sentences.split` stage around it) on
three sets, each with its reviews' own languages, as the pipeline calls it:
- the shipped corpus (real and hand-written reviews of Salyut-7; languages from corpus/gold/languages_reviews.csv);
- the review sets beside it (corpus/gold/aspects_reviews.jsonl, corpus/training/reviews/blind*/reviews.jsonl);
- the team's training sentences (corpus/training/), joined per file into reviews of `--per-review` sentences.
Each set is repeated until it holds at least `--mb` MB, and the best of `--rounds` rounds is reported, per
CPU second of this process (the per-core figure, robust to other load) and per wall second.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import pandas as pd

from toolkit import sentences

__all__ = ["real_sets", "measure", "main"]

_ROOT = Path(__file__).resolve().parents[1]  # the repository


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def real_sets(*, per_review: int = 6) -> dict[str, pd.DataFrame]:
    """The three sets as reviews tables (`review_id`, `text`, `language`), in a fixed order."""
    from toolkit.corpus import load_corpus

    with open(_ROOT / "corpus/gold/languages_reviews.csv", encoding="utf-8") as handle:
        gold = {row["review_id"]: row["language"] for row in csv.DictReader(handle)}
    corpus = load_corpus()[["review_id", "text"]]
    corpus = corpus.assign(language=corpus["review_id"].map(gold).fillna("und"))
    rows = [
        r
        for path in [
            _ROOT / "corpus/gold/aspects_reviews.jsonl",
            *sorted(_ROOT.glob("corpus/training/reviews/blind*/reviews.jsonl")),
        ]
        for r in _jsonl(path)
    ]
    reviews = pd.DataFrame(
        {
            "review_id": [r["id"] for r in rows],
            "text": [r["text"] for r in rows],
            "language": [r["language"] for r in rows],
        }
    )
    joined = []
    for path in sorted((_ROOT / "corpus/training").glob("*.jsonl")):
        records = _jsonl(path)
        for i in range(0, len(records), per_review):
            chunk = records[i : i + per_review]
            joined.append((chunk[0]["id"], " ".join(r["text"] for r in chunk), chunk[0]["language"]))
    training = pd.DataFrame(joined, columns=["review_id", "text", "language"])
    return {"shipped corpus": corpus, "review sets (gold, blind)": reviews, "training sentences": training}


def _repeat(frame: pd.DataFrame, mb: float) -> pd.DataFrame:
    size = sum(len(t.encode("utf-8")) for t in frame["text"]) / 1e6
    times = max(1, int(mb / size + 0.999))
    out = pd.concat([frame] * times, ignore_index=True)
    return out.assign(review_id=[f"{rid}#{n}" for n, rid in enumerate(out["review_id"])])


def _best(func, rounds: int) -> tuple[float, float]:
    """Best (CPU seconds, wall seconds) of `rounds` calls."""
    best_cpu = best_wall = float("inf")
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        func()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall


def measure(sets: dict[str, pd.DataFrame], *, mb: float = 20.0, rounds: int = 3) -> pd.DataFrame:
    """One row per set and function (`spans`, `split`): MB, reviews, sentences found, best CPU seconds, MB per
    CPU-s and per wall second; then the sets together ("all three": total MB over total CPU seconds)."""
    out = []
    for name, frame in sets.items():
        frame = _repeat(frame, mb)
        texts, langs = frame["text"].tolist(), [None if lang == "und" else lang for lang in frame["language"]]
        size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        found = sum(len(sentences.spans(t, language=lang)) for t, lang in zip(texts, langs))

        def run_spans() -> None:
            for text, lang in zip(texts, langs):
                sentences.spans(text, language=lang)

        for label, func in (("spans", run_spans), ("split", lambda: sentences.split(frame))):
            cpu, wall = _best(func, rounds)
            out.append(
                {
                    "set": name,
                    "function": label,
                    "reviews": len(frame),
                    "MB": round(size, 1),
                    "sentences": found,
                    "CPU s": round(cpu, 2),
                    "MB per CPU-s": round(size / cpu, 1),
                    "MB/s (wall)": round(size / wall, 1),
                }
            )
    table = pd.DataFrame(out)
    for label, part in table.groupby("function", sort=False):  # the sets together, as one stream of text
        mb_total, cpu_total = float(part["MB"].sum()), float(part["CPU s"].sum())
        out.append(
            {
                "set": "all three",
                "function": label,
                "reviews": int(part["reviews"].sum()),
                "MB": round(mb_total, 1),
                "sentences": int(part["sentences"].sum()),
                "CPU s": round(cpu_total, 2),
                "MB per CPU-s": round(mb_total / cpu_total, 1),
                "MB/s (wall)": None,
            }
        )
    return pd.DataFrame(out)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.bench_language import machine
    from toolkit.evaluation.language import to_markdown

    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_sentences", description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="MB of text per set (repeated to reach it)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per measurement; the best is reported")
    parser.add_argument("--per-review", type=int, default=6, help="training sentences joined into one review")
    args = parser.parse_args(argv)
    print(f"# Sentence splitter benchmark\n\n{machine()}\n")
    print(to_markdown(measure(real_sets(per_review=args.per_review), mb=args.mb, rounds=args.rounds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
