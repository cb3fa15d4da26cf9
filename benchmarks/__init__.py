"""Benchmarks of the toolkit, kept outside the package: ``python -m benchmarks.bench`` (``make bench``),
``python -m benchmarks.bench_language`` and ``python -m benchmarks.bench_sentences``, run from the repository
root. BENCHMARKS.md records their figures with the machine, commit and command."""
