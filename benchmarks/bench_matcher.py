"""Benchmark of the statements stage alone on real-like text (not a test: numbers vary by machine).

``python -m benchmarks.bench_matcher --reviews 5000 --coder rules`` splits and labels the first reviews of the
real-like benchmark file (`benchmarks.bench.real_corpus_path`), compiles the codebook's matchers, then times
`aspects.extract_statements` twice on the same sentences, in CPU seconds of this process: the first round
starts with empty word memos (as a fresh run does), the second repeats the reviews (memos warm).
"""

from __future__ import annotations

import argparse
import time

from benchmarks.bench import real_corpus_path
from toolkit import aspects, language
from toolkit.scale import _Block, _parse_block

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=5000)
    parser.add_argument("--coder", choices=["rules", "fast", "accurate"], default="rules")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    path = real_corpus_path(args.reviews)
    reviews, _ = _parse_block(_Block(str(path), 1, path.read_bytes()))
    annotated, sentences = language.annotate(reviews)
    for lang in aspects._every_language():  # one-off compilation belongs to start-up, not to the stage
        aspects._matcher(lang)
    aspects._digit_search()
    megabytes = sum(len(text.encode("utf-8")) for text in annotated["text"]) / 1e6
    print(f"{path.name}: {len(annotated)} reviews, {len(sentences)} sentences, {megabytes:.2f} MB")
    for round_ in range(1, args.rounds + 1):
        started = time.process_time()
        statements = aspects.extract_statements(annotated, sentences, coder=args.coder)
        seconds = time.process_time() - started
        print(
            f"round {round_}, --coder {args.coder}: {seconds:.2f} CPU-s, {megabytes / seconds:.2f} MB per CPU-s, "
            f"{len(statements)} statements"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
