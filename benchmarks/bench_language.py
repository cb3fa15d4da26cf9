"""Benchmark of the language + sentence stage on a generated corpus (not a test: numbers vary by machine).

``python -m benchmarks.bench_language --n 100000`` builds `generate_reviews(n)` — reviews assembled from the
sentence pool toolkit/data/language/sentence_pool.csv (20 languages, a tenth of them with one sentence of
another language), 20..5000 characters with a long tail — and reports reviews/s and MB/s (UTF-8) for each
backend's review-level detection alone, for `sentences.split`, and for the whole `language.annotate` stage.
Slow backends run on a subsample (``--sample``), which the output says.
"""

from __future__ import annotations

import argparse
import csv
import functools
import platform
import resource
import sys
import time
from importlib import resources

import numpy as np
import pandas as pd

from toolkit import language, sentences

__all__ = ["generate_reviews", "measure", "machine"]

# Language mix of the generated corpus: English-heavy like real criticism, every pool language present.
_WEIGHTS = {
    "en": 0.30,
    "de": 0.08,
    "ru": 0.08,
    "fr": 0.06,
    "es": 0.06,
    "it": 0.05,
    "pt": 0.04,
    "pl": 0.04,
    "tr": 0.03,
    "ar": 0.03,
    "uk": 0.03,
    "cs": 0.03,
    "sk": 0.02,
    "ca": 0.02,
    "et": 0.02,
    "nl": 0.03,
    "sv": 0.02,
    "ko": 0.02,
    "ja": 0.02,
    "zh": 0.02,
}
_MIXED_SHARE = 0.1


@functools.cache
def _pool() -> dict[str, tuple[str, ...]]:
    text = resources.files("toolkit").joinpath("data/language/sentence_pool.csv").read_text("utf-8")
    pool: dict[str, list[str]] = {}
    for row in csv.DictReader(text.splitlines()):
        pool.setdefault(row["language"], []).append(row["text"])
    return {k: tuple(v) for k, v in sorted(pool.items())}


def generate_reviews(n: int, *, seed: int = 0) -> pd.DataFrame:
    """A deterministic synthetic reviews table: `review_id`, `text`, gold `language` and `mixed`.

    Lengths follow a log-normal (median about 500 characters) clipped to 20..5000; paragraphs are
    separated by blank lines; one review in ten gets one sentence of a second language.

    >>> frame = generate_reviews(3, seed=1)
    >>> frame.columns.tolist(), len(frame), frame.equals(generate_reviews(3, seed=1))
    (['review_id', 'text', 'language', 'mixed'], 3, True)
    """
    if n < 0:
        raise ValueError(f"generate_reviews: n must be >= 0, got {n}")
    rng = np.random.default_rng(seed)
    pool = _pool()
    langs = [lang for lang in _WEIGHTS if lang in pool]
    weights = np.array([_WEIGHTS[lang] for lang in langs])
    chosen = rng.choice(len(langs), size=n, p=weights / weights.sum())
    targets = np.clip(rng.lognormal(mean=np.log(500), sigma=1.0, size=n), 20, 5000).astype(int)
    mixed = rng.random(n) < _MIXED_SHARE
    rows = []
    for i in range(n):
        lang = langs[chosen[i]]
        sents = pool[lang]
        parts: list[str] = []
        size = 0
        while size < targets[i]:
            s = sents[int(rng.integers(len(sents)))]
            sep = "" if not parts else ("\n\n" if rng.random() < 0.15 else " ")
            parts.append(sep + s)
            size += len(sep) + len(s)
        is_mixed = bool(mixed[i]) and len(parts) >= 3
        if is_mixed:
            other = "en" if lang != "en" else "de"
            foreign = pool[other][int(rng.integers(len(pool[other])))]
            parts.insert(int(rng.integers(1, len(parts))), " " + foreign + " ")
        text = "".join(parts).strip()
        if len(text) > 5000:
            cut = text.rfind(" ", 0, 5000)
            text = text[: cut if cut > 0 else 5000]
        rows.append((f"bench-{i:06d}", text, lang, is_mixed))
    return pd.DataFrame(rows, columns=["review_id", "text", "language", "mixed"])


def machine() -> str:
    """nproc, CPU model and Python version, for the report."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), model)
    except OSError:
        pass
    import os

    return f"nproc={os.cpu_count()}, CPU={model}, Python {platform.python_version()}"


class _Timer:
    """Wall-clock and CPU time of this process: on a shared machine the CPU rate is the per-core figure."""

    def __enter__(self) -> _Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def _rate(label: str, frame: pd.DataFrame, timer: _Timer, note: str = "") -> dict:
    mb = sum(len(t.encode("utf-8")) for t in frame["text"]) / 1e6
    return {
        "stage": label,
        "reviews": len(frame),
        "MB": round(mb, 2),
        "wall s": round(timer.wall, 2),
        "CPU s": round(timer.cpu, 2),
        "reviews/s (CPU)": round(len(frame) / timer.cpu, 1),
        "MB/s (CPU)": round(mb / timer.cpu, 3),
        "MB/s (wall)": round(mb / timer.wall, 3),
        "note": note,
    }


def measure(
    reviews: pd.DataFrame, *, sample: int = 2000, backends: tuple[str, ...] = language.BACKENDS
) -> pd.DataFrame:
    """Time review-level detection per backend, the splitter and `annotate` (default and others).

    Backends other than the default, and `annotate` with them, run on the first `sample` reviews.
    Each backend is warmed up on 200 texts first so that most model loading is not counted. Rates are
    given per CPU second of this process (the per-core figure, robust to other load) and per wall second.
    """
    out = []
    head = reviews.head(sample)
    for name in backends:
        part = reviews if name == language.DEFAULT_BACKEND else head
        for text in part["text"].head(200):
            language.detect_language(text, backend=name)
        with _Timer() as timer:
            for text in part["text"]:
                language.detect_language(text, backend=name)
        note = "" if len(part) == len(reviews) else f"subsample of {len(part)}"
        out.append(_rate(f"detect_language[{name}] (review level)", part, timer, note))
    with _Timer() as timer:
        sentences.split(reviews)
    out.append(_rate("sentences.split", reviews, timer))
    for name in backends:
        part = reviews if name == language.DEFAULT_BACKEND else head
        with _Timer() as timer:
            language.annotate(part[["review_id", "text"]], backend=name)
        note = "" if len(part) == len(reviews) else f"subsample of {len(part)}"
        out.append(_rate(f"annotate[{name}] (language + sentences)", part, timer, note))
    return pd.DataFrame(out)


def main(argv: list[str] | None = None) -> int:
    from toolkit.evaluation.language import to_markdown

    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_language", description=__doc__)
    parser.add_argument("--n", type=int, default=100_000, help="reviews to generate (default 100000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=2000, help="subsample for the slow backends")
    parser.add_argument("--backend", action="append", choices=language.BACKENDS)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    reviews = generate_reviews(args.n, seed=args.seed)
    built = time.perf_counter() - start
    mb = sum(len(t.encode("utf-8")) for t in reviews["text"]) / 1e6
    print(f"# Language + sentence stage benchmark\n\n{machine()}\n")
    print(
        f"Generated {len(reviews)} reviews, {mb:.1f} MB (UTF-8), in {built:.1f} s; "
        f"mean {reviews['text'].str.len().mean():.0f} chars, max {reviews['text'].str.len().max()}.\n"
    )
    table = measure(reviews, sample=args.sample, backends=tuple(args.backend or language.BACKENDS))
    print(to_markdown(table))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak memory (RSS) of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
