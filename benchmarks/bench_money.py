"""The money stage's two costs on one long review (not a test: numbers vary by machine and load).

``python -m benchmarks.bench_money`` prints, in CPU seconds of this process (``time.process_time``: steadier than
wall time on a shared machine):

- ``lexicons``: building every language's money lexicon and subject cues (the regex compiles a run pays once per
  language it meets, per process);
- ``parse``: `money.parse_money` over the budget sentences of the 5 MB review of issue 13 (the two budget
  sentences of `tests/test_scale.py`'s long review, 24,000 times each; their lexicons built beforehand).

``--long-review PATH`` also writes that review as the JSONL file ``toolkit statements --input`` reads (one record,
about 5 MB), so ``toolkit statements --coder fast --input PATH --output out.jsonl --no-progress`` can be timed.
To compare two versions of the code, run this module with each on ``PYTHONPATH`` one after the other, twice.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from pathlib import Path

__all__ = ["main"]

_ROOT = Path(__file__).resolve().parents[1]  # the repository


def _long_review_text(size: int) -> str:
    """The long review of tests/test_scale.py (one text of about `size` characters), from that file itself."""
    spec = importlib.util.spec_from_file_location("_test_scale", _ROOT / "tests" / "test_scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module._long_review(size)["text"].iloc[0])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long-review", type=Path, help="write the 5 MB review here as JSONL")
    parser.add_argument("--sentences", type=int, default=48_000, help="budget sentences to parse")
    args = parser.parse_args(argv)
    if args.long_review is not None:
        record = {"id": "long", "text": _long_review_text(5_000_000)}
        args.long_review.write_text(json.dumps(record) + "\n", encoding="utf-8")

    from toolkit import money

    for name in ("conventions", "scales", "currencies", "numbers", "qualifiers", "kinds", "subjects"):
        money._load(f"{name}.yaml")  # reading the YAML files is not compiling
    before = time.process_time()
    for language in money._load("conventions.yaml")["language_order"]:
        money._lexicon(language)
        money._subject_cues(language)
    lexicons = time.process_time() - before

    budget = [
        ("The studio spent ${n} million on the orbital sets.", "en"),
        ("Der Film kostete {n} Millionen Euro.", "de"),
    ]
    sentences = [(text.format(n=10 + i % 89), language) for i in range(args.sentences) for text, language in budget]
    sentences = sentences[: args.sentences]
    before = time.process_time()
    found = sum(len(money.parse_money(text, language=language)) for text, language in sentences)
    parse = time.process_time() - before
    print(f"lexicons  {lexicons:6.2f} CPU-s  (every language's money lexicon and subject cues)")
    print(f"parse     {parse:6.2f} CPU-s  ({len(sentences):,} budget sentences, {found:,} amounts)")


if __name__ == "__main__":
    main()
