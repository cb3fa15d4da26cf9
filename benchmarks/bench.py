"""Benchmark: a deterministic synthetic review corpus and one command that times the whole analysis on it.

``python -m benchmarks.bench --sizes 10000 100000 --jobs 1 2`` writes (once, cached) ``bench/reviews-N.jsonl``,
runs read → languages → sentences → statements → budget figures → write through `toolkit.scale.run_file`,
and prints reviews/s, MB/s per core, peak memory and time per review, next to langdetect alone on the same
texts. The sentence pools are ``benchmarks/data/pools.yaml`` (written for the benchmark, 20 languages).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import math
import os
import platform
import random
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "generate",
    "real_reviews",
    "write_jsonl",
    "corpus_path",
    "real_corpus_path",
    "Measurement",
    "measure",
    "langdetect_alone",
    "lingua_alone",
    "pysbd_alone",
    "stage_seconds",
    "real_text_rates",
    "main",
]

REPO = Path(__file__).resolve().parents[1]  # the repository: benchmarks/ is a top-level folder of it
BENCH_DIR = REPO / "bench"

# Review lengths: log-normal around a median of 380 characters (mean about 560), clipped to 20..5000 —
# most reviews are a paragraph, a few are blurbs, a long tail are essays.
_MEDIAN_LENGTH = 380.0
_SIGMA = 0.9
_MIN_LENGTH, _MAX_LENGTH = 20, 5000
# Per-sentence rates of aspect sentences; about 1 review in 5 of median length touches the budget.
_RATES = (("budget", 0.035), ("accuracy", 0.045), ("geopolitics", 0.045))
_MIXED_RATE = 0.03  # reviews that switch to English for one sentence
_KINDS = (("critic", 0.45), ("user", 0.35), ("blog", 0.15), ("news", 0.05))
_KIND_NAMES = tuple(k for k, _ in _KINDS)
_KIND_EDGES = tuple(itertools.accumulate(w for _, w in _KINDS))
_NUMBERS = ("2", "6", "9", "10", "12", "13", "15", "20", "30", "100", "150", "300", "450", "600")


@functools.cache
def _pools() -> dict[str, dict]:
    text = (Path(__file__).parent / "data" / "pools.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@functools.cache
def _languages() -> tuple[tuple[str, ...], tuple[float, ...]]:
    pools = _pools()
    names = tuple(pools)
    total = sum(float(pools[n]["share"]) for n in names)
    cumulative, acc = [], 0.0
    for name in names:
        acc += float(pools[name]["share"]) / total
        cumulative.append(acc)
    return names, tuple(cumulative)


def _pick_weighted(rng: random.Random, items: tuple, cumulative: tuple[float, ...]):
    x = rng.random()
    for item, edge in zip(items, cumulative):
        if x < edge:
            return item
    return items[-1]


def _sentence(rng: random.Random, pool: dict) -> str:
    x = rng.random()
    for aspect, rate in _RATES:
        if x < rate:
            text = rng.choice(pool[aspect])
            break
        x -= rate
    else:
        text = rng.choice(pool["neutral"])
    if "{money}" in text:
        text = text.replace("{money}", rng.choice(pool["money"]).replace("{n}", rng.choice(_NUMBERS)))
    return text


def _review(seed: int, index: int) -> dict:
    # One generator per row: row i is the same whatever else is generated, so corpora can be sharded.
    rng = random.Random(seed * 1_000_003 + index)
    names, cumulative = _languages()
    language = _pick_weighted(rng, names, cumulative)
    pool = _pools()[language]
    target = int(min(_MAX_LENGTH, max(_MIN_LENGTH, rng.lognormvariate(math.log(_MEDIAN_LENGTH), _SIGMA))))
    if target < 40:
        text = rng.choice(pool["short"])
        while len(text) < _MIN_LENGTH:  # a CJK blurb can be six characters
            text = f"{text} {rng.choice(pool['short'])}"
    else:
        parts: list[str] = []
        size = 0
        while size < target:
            sentence = _sentence(rng, pool)
            if language != "en" and rng.random() < _MIXED_RATE / 4:
                sentence = _sentence(rng, _pools()["en"])
            parts.append(sentence)
            size += len(sentence) + 1
            if rng.random() < 0.08:
                parts.append("\n\n")
        text = " ".join(parts).replace(" \n\n ", "\n\n").strip()
        if len(text) > _MAX_LENGTH:
            cut = text.rfind(" ", 0, _MAX_LENGTH)
            text = text[: cut if cut > 0 else _MAX_LENGTH]
    kind = _pick_weighted(rng, _KIND_NAMES, _KIND_EDGES)
    return {
        "id": f"s{seed}-{index:07d}",
        "text": text,
        "kind": kind,
        "place": rng.choice(pool["places"]),
        "bench_language": language,
    }


def generate(n: int, *, seed: int = 0, start: int = 0) -> Iterator[dict]:
    """Yield `n` synthetic reviews (``id``, ``text``, ``kind``, ``place``, ``bench_language``), one at a time.

    Deterministic: the same `seed` and index give the same review; `start` skips to an index, so shards
    of a big corpus can be generated independently. ``bench_language`` is the pool the text came from.

    >>> rows = list(generate(3, seed=1))
    >>> [r["id"] for r in rows], rows == list(generate(3, seed=1))
    (['s1-0000000', 's1-0000001', 's1-0000002'], True)
    >>> all(20 <= len(r["text"]) <= 5000 for r in generate(200))
    True
    """
    if n < 0:
        raise ValueError(f"generate: n must be >= 0, got {n}")
    for index in range(start, start + n):
        yield _review(seed, index)


def write_jsonl(rows: Iterator[dict], path: Path) -> int:
    """Write rows as UTF-8 JSONL (atomically: a partial file never has the final name); returns the count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    count = 0
    with open(partial, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    os.replace(partial, path)
    return count


def corpus_path(n: int, *, seed: int = 0, folder: Path = BENCH_DIR) -> Path:
    """The cached benchmark corpus of `n` reviews, generated on first use."""
    path = Path(folder) / f"reviews-{n}-seed{seed}.jsonl"
    if not path.exists():
        write_jsonl(generate(n, seed=seed), path)
    return path


# ------------------------------------------------------------------------------- the real-like corpus ---
# The headline corpus: the repository's own real and written text, mixed to real reviews' lengths and
# language shares (benchmarks/data/real.yaml). The generated corpus above stays as a stress test.
_ASPECTS = ("budget", "accuracy", "geopolitics")


@functools.cache
def _real_spec() -> dict:
    return yaml.safe_load((Path(__file__).parent / "data" / "real.yaml").read_text("utf-8"))


def _jsonl_records(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@functools.cache
def _real_pools() -> dict[str, dict[str, tuple[str, ...]]]:
    """Sentences per language: ``neutral`` and one pool per aspect from corpus/training/, ``review`` from
    whole real reviews (split with `toolkit.sentences.spans`). Sorted sources, so the pools are stable."""
    import csv

    from toolkit.corpus import load_corpus
    from toolkit.sentences import spans

    pools: dict[str, dict[str, list[str]]] = {}

    def pool(language: str) -> dict[str, list[str]]:
        return pools.setdefault(language, {"neutral": [], **{a: [] for a in _ASPECTS}, "review": []})

    for path in sorted((REPO / "corpus" / "training").glob("*.jsonl")):
        for record in _jsonl_records(path):
            labels = [a for a in _ASPECTS if record.get(a)]
            pool(record["language"])[labels[0] if labels else "neutral"].append(record["text"])
    reviews: list[tuple[str, str]] = []
    with open(REPO / "corpus" / "gold" / "languages_reviews.csv", encoding="utf-8", newline="") as handle:
        shipped = {row["review_id"]: row["language"] for row in csv.DictReader(handle)}
    for row in load_corpus()[["review_id", "text"]].itertuples(index=False):
        if shipped.get(row.review_id, "und") != "und":
            reviews.append((shipped[row.review_id], row.text))
    # The retired blind batches (now training reviews) and the example films: the reviews this corpus has been
    # built from since 2 December 2026; later review sets are left out so that its figures stay comparable.
    retired = sorted((REPO / "corpus" / "training" / "reviews").glob("blind*"))
    folders = [*retired, *sorted((REPO / "corpus" / "examples").iterdir())]
    for folder in folders:
        if (folder / "reviews.jsonl").is_file():
            reviews += [(r["language"], r["text"]) for r in _jsonl_records(folder / "reviews.jsonl")]
    for language, text in reviews:
        pool(language)["review"] += [text[a:b] for a, b in spans(text, language=language) if b - a >= 3]
    return {language: {k: tuple(v) for k, v in p.items()} for language, p in sorted(pools.items())}


def _real_sentence(rng: random.Random, pool: dict[str, tuple[str, ...]], spec: dict) -> str:
    if pool["review"] and rng.random() < spec["review_sentence_share"]:
        return rng.choice(pool["review"])
    x = rng.random()
    for aspect in _ASPECTS:
        rate = spec["aspect_rates"][aspect]
        if x < rate and pool[aspect]:
            return rng.choice(pool[aspect])
        x -= rate
    return rng.choice(pool["neutral"])


def _real_review(seed: int, index: int) -> dict:
    rng = random.Random(seed * 1_000_003 + index)  # one generator per row, as `_review`
    spec, pools = _real_spec(), _real_pools()
    languages = tuple(spec["languages"])
    total = sum(spec["languages"].values())
    language = _pick_weighted(
        rng, languages, tuple(itertools.accumulate(spec["languages"][name] / total for name in languages))
    )
    kinds = tuple(spec["kinds"])
    kind = _pick_weighted(rng, kinds, tuple(itertools.accumulate(spec["kinds"][k]["share"] for k in kinds)))
    shape = spec["kinds"][kind]
    target = min(shape["max"], max(shape["min"], rng.lognormvariate(math.log(shape["median"]), shape["sigma"])))
    parts: list[str] = []
    size = 0
    while size < target:
        switch = language != "en" and rng.random() < spec["english_switch"]
        sentence = _real_sentence(rng, pools["en" if switch else language], spec)
        parts.append(sentence)
        size += len(sentence) + 1
        if kind != "user" and rng.random() < spec["paragraph_rate"]:
            parts.append("\n\n")
    text = " ".join(parts).replace(" \n\n ", "\n\n").strip()
    return {"id": f"r{seed}-{index:07d}", "text": text, "kind": kind, "bench_language": language}


def real_reviews(n: int, *, seed: int = 0, start: int = 0) -> Iterator[dict]:
    """Yield `n` real-like reviews (``id``, ``text``, ``kind``, ``bench_language``), deterministically.

    Each review is sentences of real and written text in one language (corpus/training/, the shipped
    corpus, the blind and example sets), its language and length drawn as benchmarks/data/real.yaml says.

    >>> rows = list(real_reviews(3, seed=1))
    >>> [r["id"] for r in rows], rows == list(real_reviews(3, seed=1))
    (['r1-0000000', 'r1-0000001', 'r1-0000002'], True)
    """
    if n < 0:
        raise ValueError(f"real_reviews: n must be >= 0, got {n}")
    for index in range(start, start + n):
        yield _real_review(seed, index)


def real_corpus_path(n: int, *, seed: int = 0, folder: Path = BENCH_DIR) -> Path:
    """The cached real-like benchmark corpus of `n` reviews, built on first use."""
    path = Path(folder) / f"real-{n}-seed{seed}.jsonl"
    if not path.exists():
        write_jsonl(real_reviews(n, seed=seed), path)
    return path


# ------------------------------------------------------------------------------------------ measuring ---


@dataclass(frozen=True)
class Measurement:
    """One timed run."""

    what: str
    reviews: int
    jobs: int
    seconds: float
    megabytes: float  # UTF-8 MB of review text
    peak_rss_mb: float  # peak memory of the run: summed PSS of its processes (see `_watch_memory`)
    startup: float = 0.0  # of `seconds`: loading and compiling models and lexicons, once per run
    cpu_seconds: float = 0.0  # user + system CPU time of the run's processes (parent and workers)

    @property
    def reviews_per_second(self) -> float:
        return self.reviews / self.seconds

    @property
    def mb_per_second_per_core(self) -> float:
        return self.megabytes / self.seconds / self.jobs

    @property
    def mb_per_cpu_second(self) -> float:
        """MB per CPU-second: per-core speed that other processes on a shared machine do not distort."""
        return self.megabytes / self.cpu_seconds if self.cpu_seconds else float("nan")

    @property
    def ms_per_review(self) -> float:
        return 1000.0 * self.seconds / self.reviews

    @property
    def ms_per_review_steady(self) -> float:
        """Time per review once models are loaded: what stays flat from 10,000 to 1,000,000 reviews."""
        return 1000.0 * (self.seconds - self.startup) / self.reviews


def _text_megabytes(path: Path) -> tuple[int, float]:
    count, size = 0, 0
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                count += 1
                size += len(json.loads(line)["text"].encode("utf-8"))
    return count, size / 1e6


def _text_megabytes_head(path: Path, limit: int) -> tuple[int, float]:
    count, size = 0, 0
    with open(path, "rb") as handle:
        for line in handle:
            if count >= limit:
                break
            if line.strip():
                count += 1
                size += len(json.loads(line)["text"].encode("utf-8"))
    return count, size / 1e6


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024.0  # ru_maxrss is in KiB on Linux


def measure(
    path: Path, *, jobs: int, chunk_size: int | None = None, progress: bool = False, coder: str = "accurate"
) -> Measurement:
    """Run `toolkit.scale.run_file` on `path` in a fresh process and time it (statements, JSONL out).

    A fresh process per run keeps one run's caches and peak memory out of the next one's figures. The time
    is the whole `run_file` call (model loading, reading, every stage, writing); memory is sampled from
    outside (psutil) as the peak summed PSS of the run's processes.
    """
    import subprocess

    from toolkit.scale import CHUNK_SIZE

    chunk_size = CHUNK_SIZE if chunk_size is None else chunk_size
    output = Path(path).with_suffix(f".statements-{coder}-j{jobs}.jsonl")
    code = (
        "import json, resource, sys, time\n"
        "from pathlib import Path\n"
        "from toolkit.scale import run_file, warm_up\n"
        "from toolkit.pipeline import Film\n"
        "film = Film('Salyut-7', 2017, ('Salyut-7', 'Салют-7'))\n"
        "t = time.perf_counter()\n"
        # With workers, run_file loads every lingua model before forking (start-up); one process loads what
        # its text needs as it meets it, which the run's time includes.
        + (f"warm_up(film, None, {coder!r})\n" if jobs > 1 else "")
        + "startup = time.perf_counter() - t\n"
        f"s = run_file(Path({str(path)!r}), Path({str(output)!r}), jobs={jobs}, chunk_size={chunk_size}, "
        f"film=film, coder={coder!r}, progress={progress})\n"
        "dt = time.perf_counter() - t\n"
        "me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "own, kids = me.ru_maxrss, children.ru_maxrss\n"
        "cpu = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime\n"
        "print(json.dumps({'seconds': dt, 'startup': startup, 'reviews': s.reviews, 'own_kb': own, "
        "'kids_kb': kids, 'cpu': cpu}))\n"
    )
    with open(output.with_suffix(".stderr"), "w+", encoding="utf-8") as errors:
        child = subprocess.Popen(
            [sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, stderr=errors, text=True
        )
        sampled = _watch_memory(child)
        stdout = child.stdout.read()
        child.wait()
        if child.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"benchmark run failed on {path} (jobs={jobs}):\n{errors.read()[-4000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    _, megabytes = _text_megabytes(path)
    if sampled is None:
        # No psutil: parent and workers are alive together, so their peaks add up (an upper bound).
        sampled = (result["own_kb"] + result["kids_kb"] * (jobs if jobs > 1 else 0)) / 1024.0
    return Measurement(
        f"pipeline ({coder})",
        result["reviews"],
        jobs,
        result["seconds"],
        megabytes,
        sampled,
        result["startup"],
        result["cpu"],
    )


def _watch_memory(child, *, every: float = 0.5, later: float = 5.0) -> float | None:
    """Peak of the summed proportional set size (PSS: shared pages split between sharers) of `child` and
    its processes, sampled every `every` seconds while it runs alone, every `later` seconds once it has
    worker processes; None without psutil.

    Reading PSS makes the kernel walk the process's page tables: about 30 ms of CPU per process of 1 GB.
    Every 0.5 s with two workers and their parent, that took some 18 % of a core away from the `--jobs 2`
    run it measured. A single process leaves the second core free for it. Memory is flat once workers run,
    so sparser samples there lose nothing.
    """
    import subprocess

    try:
        import psutil
    except ImportError:
        return None
    peak = 0
    root = psutil.Process(child.pid)
    while child.poll() is None:
        total = 0
        processes = [root]
        try:
            processes += root.children(recursive=True)
            for proc in processes:
                try:
                    info = proc.memory_full_info()
                    total += getattr(info, "pss", info.rss)
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
        except psutil.NoSuchProcess:
            break
        peak = max(peak, total)
        try:  # returns at once when the run ends
            child.wait(timeout=every if len(processes) == 1 else later)
        except subprocess.TimeoutExpired:
            pass
    return peak / 2**20


def langdetect_alone(path: Path, *, limit: int | None = None) -> Measurement:
    """langdetect (seeded, one core) on the same texts: the yardstick the issue measures against."""
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    texts = []
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                texts.append(json.loads(line)["text"])
                if limit is not None and len(texts) >= limit:
                    break
    detect("load the language profiles before timing")
    t, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        try:
            detect(text)
        except LangDetectException:
            pass
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return Measurement("langdetect", len(texts), 1, seconds, megabytes, _peak_rss_mb(), 0.0, cpu)


def _texts_and_languages(path: Path, limit: int | None) -> tuple[list[str], list[str | None]]:
    texts, languages = [], []
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                texts.append(record["text"])
                languages.append(record.get("bench_language"))
                if limit is not None and len(texts) >= limit:
                    break
    return texts, languages


def lingua_alone(path: Path, *, limit: int | None = None) -> Measurement:
    """lingua (every language, high accuracy, models loaded before timing, one core) on the same texts."""
    from lingua import LanguageDetectorBuilder

    texts, _ = _texts_and_languages(path, limit)
    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()  # untimed
    t, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        detector.detect_language_of(text)
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return Measurement("lingua alone", len(texts), 1, seconds, megabytes, _peak_rss_mb(), 0.0, cpu)


def pysbd_alone(path: Path, *, limit: int | None = None) -> Measurement:
    """pySBD (sentence splitting only, in each review's own language where pySBD has it, else English)."""
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    texts, languages = _texts_and_languages(path, limit)
    segmenters: dict[str, Any] = {}
    t, cpu = time.perf_counter(), time.process_time()
    for text, language in zip(texts, languages):
        code = language if language in LANGUAGE_CODES else "en"
        if code not in segmenters:
            segmenters[code] = pysbd.Segmenter(language=code, clean=False, char_span=False)
        segmenters[code].segment(text)
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return Measurement("pysbd alone", len(texts), 1, seconds, megabytes, _peak_rss_mb(), 0.0, cpu)


def stage_seconds(path: Path, *, limit: int = 2000, film=None, coder: str = "fast") -> dict[str, float]:
    """CPU seconds per stage on the first `limit` reviews of `path`, one process, in steady state.

    The stages are the pipeline's own: reading, `language.annotate` (languages and sentences; the splitter's
    share is timed again alone on the labelled reviews), `aspects.extract_statements` with the `coder` tier,
    `money.budget_figures`, the JSONL `run_file` writes, then `toolkit.align` and `reception.by_place` over
    the results. The same reviews are run through the whole pipeline once first: lingua loads its models per
    language the first time it meets one, and that one-off cost belongs to start-up, not to any stage.
    """
    from toolkit import aspects, language, money, reception
    from toolkit import sentences as splitter
    from toolkit.align import align
    from toolkit.pipeline import Film
    from toolkit.scale import _Block, _parse_block, jsonl_by_review, run_partition, warm_up

    film = film or Film("Salyut-7", 2017, ("Salyut-7", "Салют-7"))
    warm_up(film, None, coder)  # load and compile every resource first: those are one-off costs
    with open(path, "rb") as handle:
        data = b"".join(line for _, line in zip(range(limit), handle))
    run_partition(_parse_block(_Block(str(path), 1, data))[0], film=film, coder=coder)
    times: dict[str, float] = {}
    t = time.process_time()
    reviews, _ = _parse_block(_Block(str(path), 1, data))
    times["read"] = time.process_time() - t
    t = time.process_time()
    annotated, sentences = language.annotate(reviews)
    times["languages + sentences"] = time.process_time() - t
    t = time.process_time()
    splitter.split(annotated)
    times["(of which sentence splitting)"] = time.process_time() - t
    t = time.process_time()
    statements = aspects.extract_statements(annotated, sentences, coder=coder)
    times[f"statements ({coder})"] = time.process_time() - t
    t = time.process_time()
    figures = money.budget_figures(statements, year=film.year, film_titles=film.titles, reviews=annotated)
    times["budget figures"] = time.process_time() - t
    tables = run_partition(reviews, film=film, coder=coder)
    t = time.process_time()
    jsonl_by_review(tables, "statements")
    times["write (JSONL)"] = time.process_time() - t
    t = time.process_time()
    align(annotated, statements, figures)
    times["align"] = time.process_time() - t
    t = time.process_time()
    reception.by_place(annotated.assign(place=annotated.get("place", "XX")), statements, figures)
    times["reception (by place)"] = time.process_time() - t
    return times


def real_text_rates(*, rounds: int = 3) -> list[dict[str, float]]:
    """MB per CPU-second of the language and statements stages on real text, `rounds` times in one process.

    The text is the shipped corpus and the written development reviews (corpus/gold/aspects_reviews.jsonl):
    a check on the generated corpus, whose small vocabulary flatters the statements stage's word memos. The
    first round starts with those memos nearly empty ("cold"), later ones reuse them ("warm").
    """
    import pandas as pd

    from toolkit import aspects, language
    from toolkit.corpus import load_corpus
    from toolkit.pipeline import Film
    from toolkit.scale import warm_up

    warm_up(Film("Salyut-7", 2017, ("Salyut-7", "Салют-7")))
    gold = pd.read_json(REPO / "corpus" / "gold" / "aspects_reviews.jsonl", lines=True)
    frame = pd.concat(
        [load_corpus()[["review_id", "text"]], gold.rename(columns={"id": "review_id"})[["review_id", "text"]]],
        ignore_index=True,
    )
    megabytes = sum(len(t.encode("utf-8")) for t in frame["text"]) / 1e6
    out = []
    for _ in range(rounds):
        t = time.process_time()
        annotated, sentences = language.annotate(frame)
        languages = time.process_time() - t
        t = time.process_time()
        aspects.extract_statements(annotated, sentences)
        statements = time.process_time() - t
        out.append(
            {
                "reviews": len(frame),
                "megabytes": megabytes,
                "languages": megabytes / languages,
                "statements": megabytes / statements,
            }
        )
    return out


def coder_rates(folder: Path, *, rounds: int = 3) -> dict[str, float]:
    """Statements-stage speed per coder tier on a labelled set's reviews (``reviews.jsonl``), warm, in CPU time.

    Returns MB (UTF-8 sentence text) per CPU-second for the rules, fast and accurate tiers, the accurate
    tier's sentences per CPU-second with and without the cascade, and the shares its two steps send on (to the
    first encoder, and on to the second).
    """
    from toolkit import aspects, coder, language
    from toolkit.evaluation.aspects import written_reviews

    reviews = written_reviews(folder / "reviews.jsonl")[["review_id", "text", "language"]]
    annotated, sentences = language.annotate(reviews)
    megabytes = sum(len(t.encode("utf-8")) for t in sentences["text"]) / 1e6
    texts, groups = sentences["text"].tolist(), sentences["review_id"].astype(str).tolist()
    aspects.extract_statements(annotated, sentences, coder="fast")  # warm: codebook, model, word memos
    coder.embed(["warm"])  # the encoders loaded

    def best(run, rounds: int = rounds) -> float:
        times = []
        for _ in range(rounds):
            # The accurate tier remembers multilingual-e5-small's vectors of sentences it has met; forget them,
            # or every round after the warm-up would time look-ups instead of the encoder.
            coder._E5_MEMO.clear()
            started = time.process_time()
            run()
            times.append(time.process_time() - started)
        return min(times)

    out = {"sentences": float(len(sentences)), "megabytes": megabytes}
    for tier in ("rules", "fast", "accurate"):
        # The encoder is most of an accurate round and varies little: one round of it.
        seconds = best(
            lambda tier=tier: aspects.extract_statements(annotated, sentences, coder=tier),
            1 if tier == "accurate" else rounds,
        )
        out[f"{tier}_mb_per_cpu_s"] = megabytes / seconds
        out[f"{tier}_sentences_per_cpu_s"] = len(sentences) / seconds
    for cascade in (True, False):
        seconds = best(lambda c=cascade: coder.probabilities(texts, tier="accurate", groups=groups, cascade=c), 1)
        out[f"encoder_{'cascade' if cascade else 'all'}_sentences_per_cpu_s"] = len(sentences) / seconds
    # The shares of the sentences each step of the cascade sends on, counted by watching the encoders.
    read = {"use": 0, "e5": 0}
    real = {name: getattr(coder, f"embed_{name}") for name in read}

    def counting(name: str):
        def embed(batch):
            read[name] += len(batch)
            return real[name](batch)

        return embed

    try:
        for name in read:
            setattr(coder, f"embed_{name}", counting(name))
        coder.probabilities(texts, tier="accurate", groups=groups)
    finally:
        for name in read:
            setattr(coder, f"embed_{name}", real[name])
    out["cascade_share_sent"] = read["use"] / len(texts)
    out["cascade_share_sent_to_second_encoder"] = read["e5"] / len(texts)
    return out


def cold_rate(tier: str, folders: list[Path], *, warm: Path) -> dict[str, float]:
    """Statements-stage speed of one coder `tier` on text this process has not met ("cold"), in CPU time.

    Every resource is loaded and the word memos are warmed on another labelled set (`warm`), then the reviews of
    `folders` are coded once: the rate a user sees on new reviews, where `coder_rates` (the same text three
    times) shows the rate on words already met. Run each tier in a process of its own (`--cold`).
    """
    import pandas as pd

    from toolkit import aspects, language
    from toolkit.evaluation.aspects import written_reviews

    def sentences_of(paths: list[Path]):
        frames = [written_reviews(path / "reviews.jsonl")[["review_id", "text", "language"]] for path in paths]
        return language.annotate(pd.concat(frames, ignore_index=True))

    aspects.extract_statements(*sentences_of([warm]), coder=tier)
    annotated, sentences = sentences_of(folders)
    megabytes = sum(len(t.encode("utf-8")) for t in sentences["text"]) / 1e6
    started = time.process_time()
    aspects.extract_statements(annotated, sentences, coder=tier)
    seconds = time.process_time() - started
    return {"sentences": float(len(sentences)), "megabytes": megabytes, "seconds": seconds}


def machine() -> str:
    """nproc, CPU model and Python version, for BENCHMARKS.md."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, {platform.system()}"


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _row(m: Measurement, load: str) -> str:
    return (
        f"| {m.what} | {m.reviews:,} | {m.jobs} | {m.seconds:.1f} | {m.reviews_per_second:,.0f} | "
        f"{m.mb_per_second_per_core:.3f} | {m.mb_per_cpu_second:.3f} | {m.ms_per_review:.3f} | "
        f"{m.ms_per_review_steady:.3f} | "
        f"{m.peak_rss_mb:,.0f} | {load} |"
    )


def _corpus(kind: str, size: int, seed: int) -> Path:
    return real_corpus_path(size, seed=seed) if kind == "real" else corpus_path(size, seed=seed)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the corpora, time the pipeline per size, coder tier and job count, print tables."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__)
    parser.add_argument(
        "--corpus",
        choices=["real", "generated"],
        default="real",
        help="real: real-like text from the repository's corpora (the headline); generated: the "
        "small-vocabulary stress test",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunk-size", type=int, default=None, help="default: toolkit.scale.CHUNK_SIZE")
    parser.add_argument(
        "--peers-limit",
        "--langdetect-limit",
        type=int,
        default=5000,
        dest="peers_limit",
        help="time langdetect, lingua and pySBD alone on the first N texts of each corpus (0: skip)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also append each measurement as JSON here")
    parser.add_argument(
        "--stages",
        type=int,
        default=5000,
        metavar="N",
        help="also print CPU seconds per stage on the first N reviews of the smallest size (0: skip)",
    )
    parser.add_argument(
        "--real",
        action="store_true",
        help="only print the language and statements stages' rates on the shipped real reviews",
    )
    parser.add_argument(
        "--coder",
        choices=["accurate", "fast", "rules"],
        nargs="+",
        default=["fast", "accurate"],
        help="the statements coder tiers of the pipeline runs (default: fast accurate)",
    )
    parser.add_argument(
        "--cold",
        type=Path,
        nargs="+",
        default=None,
        metavar="FOLDER",
        help="only print the statements stage's speed per coder tier on these labelled sets' reviews, met for the "
        "first time (memos warmed on --warm), one process per tier",
    )
    parser.add_argument("--warm", type=Path, default=REPO / "corpus" / "blind", help="the set --cold warms up on")
    parser.add_argument("--cold-tier", default=None, help=argparse.SUPPRESS)  # one tier's run, for --cold
    parser.add_argument(
        "--tiers",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="only print the statements stage's speed per coder tier on a labelled set's reviews (e.g. corpus/blind)",
    )
    args = parser.parse_args(argv)
    if args.cold_tier:
        print(json.dumps(cold_rate(args.cold_tier, args.cold, warm=args.warm)))
        return 0
    print(f"machine: {machine()}")
    if args.cold:
        import subprocess

        for folder in (*args.cold, args.warm):
            if not (folder / "reviews.jsonl").is_file():
                parser.error(
                    f"{folder}: no reviews.jsonl (a labelled set's folder, such as corpus/training/reviews/blind12)"
                )
        if args.warm.resolve() in {folder.resolve() for folder in args.cold}:
            parser.error(f"--warm {args.warm} is one of the --cold sets: its text would not be new (pick another set)")
        print(f"{' '.join(map(str, args.cold))}, warmed on {args.warm}, load {_load()}")
        print("| coder tier | sentences | MB | CPU-s | MB per CPU-s | sentences per CPU-s |")
        print("|---|---:|---:|---:|---:|---:|")
        for tier in ("rules", "fast", "accurate"):
            command = [sys.executable, "-m", "benchmarks.bench", "--cold-tier", tier, "--warm", str(args.warm)]
            run = subprocess.run([*command, "--cold", *map(str, args.cold)], capture_output=True, text=True)
            if run.returncode:
                sys.exit(f"the {tier} tier's run failed:\n{run.stderr.strip()}")
            r = json.loads(run.stdout.strip().splitlines()[-1])
            print(
                f"| {tier} | {r['sentences']:,.0f} | {r['megabytes']:.3f} | {r['seconds']:.2f} "
                f"| {r['megabytes'] / r['seconds']:.2f} | {r['sentences'] / r['seconds']:,.0f} |"
            )
        return 0
    if args.tiers:
        rates = coder_rates(args.tiers)
        print(f"{args.tiers}: {rates['sentences']:.0f} sentences, {rates['megabytes']:.3f} MB, load {_load()}")
        print("| coder tier | MB per CPU-s | sentences per CPU-s |")
        print("|---|---:|---:|")
        for tier in ("rules", "fast", "accurate"):
            print(f"| {tier} | {rates[f'{tier}_mb_per_cpu_s']:.2f} | {rates[f'{tier}_sentences_per_cpu_s']:,.0f} |")
        print(
            f"encoder tier alone: {rates['encoder_cascade_sentences_per_cpu_s']:,.0f} sentences per CPU-s with the "
            f"cascade ({rates['cascade_share_sent']:.0%} of sentences sent to the first encoder, "
            f"{rates['cascade_share_sent_to_second_encoder']:.0%} on to the second), "
            f"{rates['encoder_all_sentences_per_cpu_s']:,.0f} without"
        )
        return 0
    if args.real:
        for n, rates in enumerate(real_text_rates(), start=1):
            print(
                f"round {n}: {rates['reviews']} real reviews ({rates['megabytes']:.3f} MB): languages + "
                f"sentences {rates['languages']:.2f} MB per CPU-s, statements {rates['statements']:.2f}"
            )
        return 0
    print(f"corpus: {args.corpus}")
    print(
        "| run | reviews | jobs | seconds | reviews/s | MB/s per core | MB per CPU-s | ms/review "
        "| ms/review after start-up | peak MB | load 1/5/15 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for size in args.sizes:
        path = _corpus(args.corpus, size, args.seed)
        for coder in args.coder:
            for jobs in args.jobs:
                load = _load()
                m = measure(path, jobs=jobs, chunk_size=args.chunk_size, coder=coder)
                print(_row(m, load), flush=True)
                _record(args.json, m, size, load)
        if args.peers_limit:
            for peer in (langdetect_alone, lingua_alone, pysbd_alone):
                load = _load()
                m = peer(path, limit=args.peers_limit)
                print(_row(m, load), flush=True)
                _record(args.json, m, size, load)
    if args.stages:
        path = _corpus(args.corpus, min(args.sizes), args.seed)
        _, megabytes = _text_megabytes_head(path, args.stages)
        for coder in args.coder:
            times = stage_seconds(path, limit=args.stages, coder=coder)
            total = sum(v for k, v in times.items() if not k.startswith("("))
            print(
                f"\nstages on the first {args.stages:,} reviews of {path.name} ({megabytes:.2f} MB), "
                f"coder {coder}, load {_load()}"
            )
            print("| stage | CPU seconds | share | MB per CPU-s |")
            print("|---|---:|---:|---:|")
            for stage, seconds in times.items():
                print(f"| {stage} | {seconds:.2f} | {seconds / total:.0%} | {megabytes / seconds:.2f} |")
            print(f"| all | {total:.2f} | 100% | {megabytes / total:.3f} |")
    return 0


def _record(path: Path | None, m: Measurement, size: int, load: str) -> None:
    if path is None:
        return
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({**asdict(m), "corpus": size, "load": load, "machine": machine()}) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
