"""The `toolkit` command: thin shells over the library's public functions (see DESIGN.md, "Command line")."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from toolkit import __version__

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args) or 0
    except (ValueError, FileNotFoundError) as error:
        # Our own errors (bad input, broken manifest) name the file, line or record; show just that.
        print(f"toolkit: error: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toolkit", description="Comparative film criticism toolkit.")
    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    figures = commands.add_parser("figures", help="build the corpus, run every stage, write figures/ (the main job)")
    figures.add_argument("--corpus", type=Path, default=None, help="a corpus manifest (default: the shipped corpus)")
    figures.add_argument("--out", type=Path, default=REPO / "figures", help="output folder (default: figures/)")
    figures.add_argument("--quiet", action="store_true", help="no progress bars")
    figures.add_argument("--profile", type=Path, default=None,
                         help="the film's profile (YAML; default: the one the manifest names)")
    figures.set_defaults(run=_figures)

    for name, run, what in [
        ("languages", _languages, "one JSON object per review with its language, confidence and sentences"),
        ("statements", _statements, "one JSON object per statement (sentence × aspect), with budget figures"),
        ("align", _align, "the review × aspect table and the claims table"),
    ]:
        sub = commands.add_parser(name, help=what, description=what)
        sub.add_argument("--input", required=True, type=Path,
                         help="JSONL or CSV with id and text, or a folder of .txt/.md/.html files")
        sub.add_argument("--output", type=Path, default=None, help="write here instead of stdout")
        sub.add_argument("--backend", default=None, help="language detector (default: the toolkit's choice)")
        sub.add_argument("--year", type=int, default=None,
                         help="the film's release year, to price budget figures in US dollars of that year")
        sub.add_argument("--profile", type=Path, default=None,
                         help="the film's profile (YAML: titles, year, people, incidents, comparison films; "
                              "see `toolkit profile init`)")
        sub.add_argument("--coder", choices=["accurate", "fast", "rules"], default="accurate",
                         help="statement coder: accurate (rules + sentence encoder, default), fast (rules + "
                              "character n-gram model, for millions of reviews) or rules (codebook cues alone)")
        sub.set_defaults(run=run)
        if name in ("languages", "statements"):
            sub.add_argument("--jobs", type=int, default=1,
                             help="stream a JSONL input in chunks through N processes (same output as 1)")
            sub.add_argument("--chunk-size", type=int, default=2000, help="reviews per chunk when streaming")
        if name == "statements":
            sub.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                             help="pandas (default, this machine) or dask (sharded input, Parquet output)")
            sub.add_argument("--scheduler", default=None,
                             help="with --engine dask: a scheduler address such as tcp://host:8786 "
                                  "(default: a local cluster of processes)")
        if name == "align":
            sub.add_argument("--html", type=Path, default=None, help="also write a self-contained HTML page here")
            sub.add_argument("--csv-dir", type=Path, default=None, help="also write by_review.csv and claims.csv here")

    segment = commands.add_parser("segment", help="propose review units for a new raw page dump (a draft manifest)")
    segment.add_argument("raw", type=Path, help="the raw page dump (UTF-8 text)")
    segment.add_argument("--output", type=Path, default=None, help="write the draft manifest here instead of stdout")
    segment.set_defaults(run=_segment)

    profile = commands.add_parser("profile", help="film profiles: `toolkit profile init TITLE --year Y`")
    profile_commands = profile.add_subparsers(title="profile commands", metavar="ACTION")
    init = profile_commands.add_parser("init", help="write a commented skeleton profile to fill")
    init.add_argument("title", help="the film's title")
    init.add_argument("--year", type=int, default=None, help="release year")
    init.add_argument("--output", type=Path, default=None, help="write here instead of stdout (never overwrites)")
    init.set_defaults(run=_profile_init)

    evaluate = commands.add_parser("evaluate", help="print the evaluation reports on the development sets, the "
                                                    "blind test and the example films")
    evaluate.add_argument("what", choices=["languages", "aspects", "segment", "sentences"])
    evaluate.add_argument("--coder", choices=["accurate", "fast", "rules"], default=None,
                          help="aspects: the coder tier to evaluate (default: accurate)")
    evaluate.set_defaults(run=_evaluate)
    return parser


def _figures(args: argparse.Namespace) -> int:
    from toolkit.figures import build
    from toolkit.pipeline import analyse_corpus
    from toolkit.corpus import raw_source, sha256_of

    profile = None
    if args.profile is not None:
        from toolkit.profiles import load_profile

        profile = load_profile(args.profile)
    analysis = analyse_corpus(args.corpus, progress=not args.quiet, profile=profile)
    written = build(analysis, args.out, corpus_sha256=sha256_of(raw_source(args.corpus)), data_date=_data_date(analysis.reviews),
                    progress=not args.quiet)
    print(f"wrote {len(written)} files to {args.out}", file=sys.stderr)
    return 0


def _data_date(reviews: pd.DataFrame) -> str:
    """The latest publication date in the corpus: a stable stand-in for 'when the data is from'."""
    dates = reviews["published"].dropna().astype(str)
    return max(dates) if len(dates) else "unknown"


def _read(args: argparse.Namespace) -> pd.DataFrame:
    from toolkit.readers import read_reviews

    return read_reviews(args.input)


def _film(args: argparse.Namespace):
    """`--profile` (with `--year` overriding its year), or a generic film of `--year`."""
    from toolkit.pipeline import Film

    if getattr(args, "profile", None) is None:
        return Film(title="the film", year=args.year)
    from dataclasses import replace

    from toolkit.profiles import load_profile

    profile = load_profile(args.profile)
    return replace(profile, year=args.year) if args.year is not None else profile


def _profile_init(args: argparse.Namespace) -> int:
    from toolkit.profiles import init_profile

    text = init_profile(args.title, args.year)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    if args.output.exists():
        raise ValueError(f"{args.output} exists; choose another --output or remove it first")
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: fill it in, then pass it as --profile", file=sys.stderr)
    return 0


def _analysis(args: argparse.Namespace):
    from toolkit.pipeline import analyse

    return analyse(_read(args), film=_film(args), backend=args.backend, coder=args.coder)


def _streamed(args: argparse.Namespace, what: str) -> bool:
    """Run `what` through toolkit.scale when asked for (--jobs > 1 or --engine dask); False otherwise."""
    from toolkit import scale

    film = _film(args)
    if getattr(args, "engine", "pandas") == "dask":
        if args.output is None:
            raise ValueError("--engine dask writes Parquet: give --output DIR")
        written = scale.run_dask_files(str(args.input), args.output, scheduler=args.scheduler or "processes",
                                       film=film, backend=args.backend, coder=args.coder)
        for table, folder in sorted(written.items()):
            print(f"{table}: {folder}", file=sys.stderr)
        return True
    if args.input.suffix.lower() != ".jsonl" or not args.input.is_file():
        if args.jobs > 1:
            raise ValueError(f"{args.input}: --jobs streams JSONL files only; convert it or drop --jobs")
        return False
    scale.run_file(args.input, args.output, jobs=args.jobs, chunk_size=args.chunk_size, film=film, what=what,
                   backend=args.backend, coder=args.coder, progress=args.output is not None)
    return True


def _languages(args: argparse.Namespace) -> int:
    return _per_review_jsonl(args, "languages")


def _statements(args: argparse.Namespace) -> int:
    return _per_review_jsonl(args, "statements")


def _per_review_jsonl(args: argparse.Namespace, what: str) -> int:
    """`toolkit languages|statements`: a JSONL file streams through toolkit.scale (any --jobs); other inputs
    are read whole. Both print exactly the same rows, formatted by toolkit.scale."""
    from toolkit import scale

    if _streamed(args, what):
        return 0
    film = _film(args)
    tables = scale.run_partition(_read(args), film=film, backend=args.backend, coder=args.coder,
                                 sentences=what == "languages")
    text = "".join(lines for _, lines in scale.jsonl_by_review(tables, what))
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


def _align(args: argparse.Namespace) -> int:
    from toolkit.align import align, to_csv, to_html

    analysis = _analysis(args)
    result = align(analysis.reviews, analysis.statements, analysis.budget_figures)
    if args.html:
        args.html.write_text(to_html(result, title=f"Aligned statements: {args.input.name}"), encoding="utf-8")
    if args.csv_dir:
        args.csv_dir.mkdir(parents=True, exist_ok=True)
        for table in ("by_review", "claims"):
            (args.csv_dir / f"{table}.csv").write_text(to_csv(result, table=table), encoding="utf-8")
    rows = [{"table": "by_review", **r} for r in result.by_review.to_dict(orient="records")]
    rows += [{"table": "claims", **r} for r in result.claims.to_dict(orient="records")]
    _write_jsonl(rows, args.output)
    return 0


def _segment(args: argparse.Namespace) -> int:
    from toolkit.segment import segment_file

    # The draft names its raw file relative to where it is written, so it loads from there as is.
    text = segment_file(args.raw, relative_to=args.output.parent if args.output else None)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import runpy

    module = {"languages": "toolkit.eval_language", "aspects": "toolkit.eval_aspects",
              "segment": "toolkit.segment", "sentences": "toolkit.eval_sentences"}[args.what]
    argv = sys.argv
    sys.argv = ([module] + (["--evaluate"] if args.what == "segment" else [])
                + (["--coder", args.coder] if args.coder and args.what == "aspects" else []))
    try:
        runpy.run_module(module, run_name="__main__")
    finally:
        sys.argv = argv
    return 0


def _write_jsonl(rows: Iterable[dict[str, Any]], output: Path | None) -> None:
    from toolkit.scale import jsonl_line

    text = "".join(jsonl_line(row) for row in rows)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
