"""The `toolkit` command: thin shells over the library's public functions (see DESIGN.md, "Command line")."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit import __version__
from toolkit.coder import AUTO_ACCURATE_REVIEWS

# Exit statuses (also in `toolkit --help` and the README): 0 done, 2 an error (nothing written), 3 done with
# `--on-error skip` but some records were rejected, so a script can tell a clean run from a partial one.
REJECTED = 3
EXIT_STATUS = """exit status:
  0  done
  2  error: bad input or usage (with --on-error stop, the default, the first bad records stop
     the run, named by file, line and id; no --output file is left)
  3  done with --on-error skip, but some records were rejected (listed in the rejections file)"""


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
    parser = argparse.ArgumentParser(
        prog="toolkit",
        description="Comparative film criticism toolkit.",
        epilog=EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    figures = commands.add_parser("figures", help="build the corpus, run every stage, write figures/ (the main job)")
    figures.add_argument("--corpus", type=Path, default=None, help="a corpus manifest (default: the shipped corpus)")
    figures.add_argument(
        "--out", type=Path, default=Path("figures"), help="output folder (default: ./figures in the current folder)"
    )
    figures.add_argument("--quiet", action="store_true", help="no progress bars (same as --no-progress)")
    _progress_option(figures)
    figures.add_argument(
        "--profile", type=Path, default=None, help="the film's profile (YAML; default: the one the manifest names)"
    )
    figures.set_defaults(run=_figures)

    for name, run, what in [
        ("languages", _languages, "one JSON object per review with its language, confidence and sentences"),
        ("statements", _statements, "one JSON object per statement (sentence × aspect), with budget figures"),
        ("align", _align, "the review × aspect table and the claims table"),
    ]:
        sub = commands.add_parser(
            name, help=what, description=what, epilog=EXIT_STATUS, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        sub.add_argument(
            "--input",
            required=True,
            type=Path,
            help="JSONL or CSV with id and text, or a folder of .txt/.md/.html files",
        )
        sub.add_argument("--output", type=Path, default=None, help="write here instead of stdout")
        sub.add_argument("--backend", default=None, help="language detector (default: the toolkit's choice)")
        sub.add_argument(
            "--year",
            type=int,
            default=None,
            help="the film's release year, to price budget figures in US dollars of that year",
        )
        sub.add_argument(
            "--profile",
            type=Path,
            default=None,
            help="the film's profile (YAML: titles, year, people, incidents, comparison films; "
            "see `toolkit profile init`)",
        )
        sub.add_argument(
            "--coder",
            choices=["auto", "accurate", "fast", "rules"],
            default="auto",
            help="statement coder: accurate (rules + sentence encoders), fast (rules + character n-gram model, "
            "for millions of reviews), rules (codebook cues alone), or auto (default: accurate up to "
            f"{AUTO_ACCURATE_REVIEWS:,} reviews, fast above)",
        )
        _reading_options(sub)
        _progress_option(sub)
        sub.set_defaults(run=run)
        if name in ("languages", "statements"):
            sub.add_argument(
                "--jobs",
                type=int,
                default=1,
                help="stream a JSONL input in chunks through N processes (same output as 1)",
            )
            sub.add_argument(
                "--chunk-size", type=int, default=None, help="reviews per chunk when streaming (default: 500)"
            )
        if name == "statements":
            sub.add_argument(
                "--engine",
                choices=["pandas", "dask"],
                default="pandas",
                help="pandas (default, this machine) or dask (sharded input, Parquet output)",
            )
            sub.add_argument(
                "--scheduler",
                default=None,
                help="with --engine dask: a scheduler address such as tcp://host:8786 "
                "(default: a local cluster of processes)",
            )
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

    _validation_parsers(commands)

    evaluate = commands.add_parser(
        "evaluate", help="print the evaluation reports on the development sets, the blind test and the example films"
    )
    evaluate.add_argument("what", choices=["languages", "words", "sentences", "aspects", "segment", "figures"])
    evaluate.add_argument(
        "--coder",
        choices=["accurate", "fast", "rules"],
        default=None,
        help="aspects: the coder tier to evaluate (default: accurate)",
    )
    evaluate.add_argument(
        "--each-film",
        action="store_true",
        help="aspects: also score the blind test with each film's title and year (as with --year)",
    )
    evaluate.add_argument(
        "folders",
        nargs="*",
        type=Path,
        help="figures: folders of reviews.jsonl + gold.jsonl to score (default: the retired blind batches)",
    )
    evaluate.add_argument(
        "--output", type=Path, default=None, help="figures: write every gold figure and its outcome to this TSV file"
    )
    evaluate.add_argument("--misses", action="store_true", help="figures: print the figures not found exactly")
    evaluate.add_argument(
        "--second",
        action="store_true",
        help="figures: score the second annotator's labels (figures_second.jsonl) against the gold instead",
    )
    evaluate.set_defaults(run=_evaluate)
    return parser


def _validation_parsers(commands: Any) -> None:
    """`toolkit sample`, `toolkit agreement`, `toolkit adapt`: the validation loop (toolkit.validation)."""
    tiers = ["accurate", "fast", "rules"]
    sample = commands.add_parser(
        "sample",
        help="draw a stratified sample of sentences and write a coding sheet (CSV) and an offline HTML coding form",
    )
    sample.add_argument(
        "--input",
        required=True,
        type=Path,
        help="reviews: a corpus manifest (.yaml), JSONL or CSV with id and text, or a folder",
    )
    sample.add_argument("--n", required=True, type=int, help="number of sentences to sample")
    sample.add_argument(
        "--stratify",
        default="language,aspect",
        help="comma-separated strata inside the machine-coded / not-coded groups "
        "(language, aspect, kind; default language,aspect)",
    )
    sample.add_argument(
        "--coded-share",
        type=float,
        default=0.5,
        help="share of the sample drawn from sentences the machine codes (default 0.5)",
    )
    sample.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sample.add_argument("--out", required=True, type=Path, help="folder for sheet.csv, form.html and design.csv")
    sample.add_argument("--profile", type=Path, default=None, help="the film's profile (YAML)")
    sample.add_argument("--coder", choices=tiers, default="accurate", help="statement coder tier (default accurate)")
    sample.set_defaults(run=_sample)

    agree = commands.add_parser(
        "agreement",
        help="agreement between coders (and the machine): Krippendorff's "
        "alpha with bootstrap CIs, kappa, precision/recall/F1",
    )
    agree.add_argument("sheets", nargs="+", type=Path, help="filled coding sheets (CSV), one per coder")
    agree.add_argument("--machine", action="store_true", help="code the same sentences and join as coder `machine`")
    agree.add_argument("--json", type=Path, default=None, help="write alpha, CI, n_units and coders per variable here")
    agree.add_argument("--disagreements", type=Path, default=None, help="write the disagreements table (CSV) here")
    agree.add_argument(
        "--sample",
        type=Path,
        default=None,
        help="the blank sheet the coders got (default: the first sheet names the sentences)",
    )
    agree.add_argument(
        "--reviews",
        type=Path,
        default=None,
        help="the reviews (manifest, JSONL, CSV or folder), to check every sentence's text",
    )
    agree.add_argument("--profile", type=Path, default=None, help="the film's profile (its frames; its adapted layer)")
    agree.add_argument("--coder", choices=tiers, default="accurate", help="with --machine: the coder tier")
    agree.add_argument("--resamples", type=int, default=None, help="bootstrap resamples (default 1000)")
    agree.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    agree.set_defaults(run=_agreement)

    adapt = commands.add_parser(
        "adapt",
        help="fit a film layer on coded sentences, save it beside the profile, print F1 before/after on held-out folds",
    )
    adapt.add_argument("sheets", nargs="+", type=Path, help="filled coding sheets (CSV)")
    adapt.add_argument("--profile", required=True, type=Path, help="the film's profile; the layer is saved beside it")
    adapt.add_argument("--sample", type=Path, default=None, help="the blank sheet the coders got")
    adapt.add_argument(
        "--coder", choices=["accurate", "fast"], default="accurate", help="tier to adapt (default accurate)"
    )
    adapt.set_defaults(run=_adapt)


def _reviews_from(path: Path) -> pd.DataFrame:
    """A corpus manifest (.yaml) or a researcher's reviews file/folder."""
    if path.suffix.lower() in (".yaml", ".yml") and path.is_file():
        from toolkit.corpus import load_corpus

        return load_corpus(path)
    from toolkit.readers import read_reviews

    return read_reviews(path)


def _profile_or_none(path: Path | None):
    if path is None:
        return None
    from toolkit.profiles import load_profile

    return load_profile(path)


def _sample(args: argparse.Namespace) -> int:
    from toolkit.pipeline import Film, analyse, film_of
    from toolkit.validation import coding_form, sample, sheet_csv
    from toolkit.validation.sheets import frames_allowed

    reviews = _reviews_from(args.input)
    film = _profile_or_none(args.profile)
    if film is None and args.input.suffix.lower() in (".yaml", ".yml"):
        film = film_of(args.input)
    analysis = analyse(reviews, film=film or Film(title="the film", year=None), coder=args.coder)
    stratify = [s.strip() for s in args.stratify.split(",") if s.strip()]
    drawn = sample(
        analysis.reviews,
        analysis.sentences,
        analysis.statements,
        n=args.n,
        stratify=stratify,
        coded_share=args.coded_share,
        seed=args.seed,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "sheet.csv").write_text(sheet_csv(drawn.units), encoding="utf-8")
    (args.out / "design.csv").write_text(drawn.design.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    title = f"Coding sheet: {film.title if film is not None else args.input.name}"
    (args.out / "form.html").write_text(
        coding_form(drawn.units, analysis.reviews, title=title, frames=sorted(frames_allowed(film))), encoding="utf-8"
    )
    groups = drawn.design["group"].value_counts()
    print(
        f"sampled {len(drawn.units)} of {len(analysis.sentences)} sentences ({groups.get('coded', 0)} the machine "
        f"codes, {groups.get('not_coded', 0)} it does not; weights in design.csv); wrote sheet.csv, form.html and "
        f"design.csv to {args.out}",
        file=sys.stderr,
    )
    return 0


def _coded(args: argparse.Namespace, profile) -> pd.DataFrame:
    from toolkit.validation import read_sample, read_sheets

    units = read_sample(args.sample) if args.sample else None
    reviews = _reviews_from(args.reviews) if getattr(args, "reviews", None) else None
    return read_sheets(args.sheets, units=units, reviews=reviews, profile=profile)


def _agreement(args: argparse.Namespace) -> int:
    import json

    from toolkit.validation import agreement, machine_codes
    from toolkit.validation.reliability import RESAMPLES
    from toolkit.validation.report import agreement_text

    profile = _profile_or_none(args.profile)
    codes = _coded(args, profile)
    if args.machine:
        codes = pd.concat([codes, machine_codes(codes, profile=profile, coder=args.coder)], ignore_index=True)
    result = agreement(codes, resamples=args.resamples or RESAMPLES, seed=args.seed)
    sys.stdout.write(agreement_text(result))
    if args.json:
        args.json.write_text(json.dumps(result.to_json(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if args.disagreements:
        args.disagreements.write_text(result.disagreements.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    return 0


def _adapt(args: argparse.Namespace) -> int:
    from toolkit.validation import adapt

    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise ValueError("toolkit adapt needs scikit-learn: pip install 'film-reception-toolkit[train]'") from None
    profile = _profile_or_none(args.profile)
    codes = _coded(args, profile)
    result = adapt(codes, profile=profile, tier=args.coder, save=args.profile)
    sys.stdout.write(result.text())
    print(
        f"wrote {' and '.join(result.files)}; `--profile {args.profile}` now uses it with --coder {args.coder}",
        file=sys.stderr,
    )
    return 0


def _reading_options(sub: argparse.ArgumentParser) -> None:
    """The options of every command that reads reviews: what to do with a record that cannot be read."""
    sub.add_argument(
        "--on-error",
        choices=["stop", "skip"],
        default="stop",
        help="stop (default): the first bad record (empty text, broken JSON or CSV row, missing "
        "id, duplicate id, wrong type...) stops the run, naming file, line and id; skip: "
        "process the good records, list the rejected ones (file, line, id, reason) in a "
        "CSV file, print how many on stderr and exit with status 3",
    )
    sub.add_argument(
        "--rejections",
        type=Path,
        default=None,
        metavar="PATH",
        help="with --on-error skip: the rejections CSV (default: OUTPUT.rejections.csv beside "
        "--output, or INPUT-NAME.rejections.csv in the current folder when writing to stdout)",
    )


def _progress_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bars on stderr (default: only when stderr is a terminal, never in a pipe or a log)",
    )


def _rejected(args: argparse.Namespace, rejections: pd.DataFrame, records: int, path: Path | None = None) -> int:
    """With --on-error skip: list the rejections (unless `path` already has them), say how many; the exit status."""
    from toolkit.readers import rejection_summary, write_rejections
    from toolkit.scale import default_rejections_path

    if path is None:
        path = write_rejections(rejections, args.rejections or default_rejections_path(args.input, args.output))
    print(f"toolkit: {rejection_summary(rejections, records, path)}", file=sys.stderr)
    return REJECTED if len(rejections) else 0


def _figures(args: argparse.Namespace) -> int:
    from toolkit.corpus import raw_source, sha256_of
    from toolkit.figures import build
    from toolkit.pipeline import analyse_corpus

    profile = None
    if args.profile is not None:
        from toolkit.profiles import load_profile

        profile = load_profile(args.profile)
    progress = False if args.quiet else args.progress
    analysis = analyse_corpus(args.corpus, progress=progress, profile=profile)
    written = build(
        analysis,
        args.out,
        corpus_sha256=sha256_of(raw_source(args.corpus)),
        data_date=_data_date(analysis.reviews),
        progress=progress,
    )
    print(f"wrote {len(written)} files to {args.out}", file=sys.stderr)
    return 0


def _data_date(reviews: pd.DataFrame) -> str:
    """The latest publication date in the corpus: a stable stand-in for 'when the data is from'."""
    dates = reviews["published"].dropna().astype(str)
    return max(dates) if len(dates) else "unknown"


def _read(args: argparse.Namespace) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The reviews, and with --on-error skip the rejected records (None with stop: any one raises)."""
    from toolkit.readers import read_reviews, read_reviews_report

    if args.on_error == "skip":
        return read_reviews_report(args.input)
    return read_reviews(args.input), None


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


def _coder(args: argparse.Namespace, reviews: int | None, what: str = "statements") -> str:
    """The coder tier for `reviews` records: --coder as given, or for auto the accurate tier up to
    AUTO_ACCURATE_REVIEWS reviews and the fast tier above (said on stderr). `toolkit languages` codes no
    statements: auto is the rules there, which cost least."""
    if args.coder != "auto":
        return args.coder
    if what != "statements":
        return "rules"
    if reviews is None:
        reviews = _records(str(args.input))
    if reviews <= AUTO_ACCURATE_REVIEWS:
        return "accurate"
    print(
        f"toolkit: {reviews:,} reviews: coding statements with the fast tier (--coder auto uses the accurate "
        f"tier up to {AUTO_ACCURATE_REVIEWS:,} reviews); pass --coder accurate to use it anyway",
        file=sys.stderr,
    )
    return "fast"


def _records(pattern: str) -> int:
    """Non-blank lines in the JSONL file(s) `pattern` names: the records a streamed run will read. A pattern
    that names no file counts 0: the reader that follows says what is wrong with it."""
    import glob

    count = 0
    for name in sorted(glob.glob(pattern)):
        if Path(name).is_file():
            with open(name, "rb") as lines:
                count += sum(1 for line in lines if line.strip())
    return count


def _streamed(args: argparse.Namespace, what: str) -> int | None:
    """Run `what` through toolkit.scale when it streams (a JSONL file, or --engine dask): the exit status;
    None when the input is read whole instead."""
    from toolkit import scale

    film = _film(args)
    strict = args.on_error == "stop"
    if getattr(args, "engine", "pandas") == "dask":
        if args.output is None:
            raise ValueError("--engine dask writes Parquet: give --output DIR")
        coder = _coder(args, None, what)
        written = scale.run_dask_files(
            str(args.input),
            args.output,
            scheduler=args.scheduler or "processes",
            film=film,
            backend=args.backend,
            coder=coder,
            strict=strict,
        )
        for table, folder in sorted(written.items()):
            print(f"{table}: {folder}", file=sys.stderr)
        if strict:
            return 0
        rejections = pd.read_parquet(written["rejections"])
        reviews = len(pd.read_parquet(written["reviews"], columns=["review_id"]))
        return _rejected(args, rejections, reviews + len(rejections))
    if args.input.suffix.lower() != ".jsonl" or not args.input.is_file():
        if args.jobs > 1:
            raise ValueError(f"{args.input}: --jobs streams JSONL files only; convert it or drop --jobs")
        return None
    summary = scale.run_file(
        args.input,
        args.output,
        jobs=args.jobs,
        chunk_size=args.chunk_size if args.chunk_size is not None else scale.CHUNK_SIZE,
        film=film,
        what=what,
        backend=args.backend,
        coder=_coder(args, None, what),
        strict=strict,
        progress=args.progress,
        rejections=args.rejections,
    )
    if strict:
        return 0
    from toolkit.readers import REJECTION_COLUMNS

    rejections = pd.read_csv(summary.rejections, dtype=str, keep_default_na=False, usecols=REJECTION_COLUMNS)
    return _rejected(args, rejections, summary.records, summary.rejections)


def _languages(args: argparse.Namespace) -> int:
    return _per_review_jsonl(args, "languages")


def _statements(args: argparse.Namespace) -> int:
    return _per_review_jsonl(args, "statements")


def _per_review_jsonl(args: argparse.Namespace, what: str) -> int:
    """`toolkit languages|statements`: a JSONL file streams through toolkit.scale (any --jobs); other inputs
    are read whole. Both print exactly the same rows, formatted by toolkit.scale."""
    from toolkit import scale

    status = _streamed(args, what)
    if status is not None:
        return status
    film = _film(args)
    reviews, rejections = _read(args)
    text = ""
    if len(reviews):
        coder = _coder(args, len(reviews), what)
        tables = scale.run_partition(
            reviews, film=film, backend=args.backend, coder=coder, sentences=what == "languages"
        )
        text = "".join(lines for _, lines in scale.jsonl_by_review(tables, what))
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0 if rejections is None else _rejected(args, rejections, len(reviews) + len(rejections))


def _align(args: argparse.Namespace) -> int:
    from toolkit.align import align, to_csv, to_html
    from toolkit.pipeline import analyse

    reviews, rejections = _read(args)
    coder = _coder(args, len(reviews))
    analysis = analyse(reviews, film=_film(args), backend=args.backend, coder=coder, progress=args.progress)
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
    return 0 if rejections is None else _rejected(args, rejections, len(reviews) + len(rejections))


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

    if args.what == "figures":
        from toolkit.evaluation import figures

        options = (["--output", str(args.output)] if args.output is not None else []) + [
            flag for flag, given in (("--misses", args.misses), ("--second", args.second)) if given
        ]
        return figures.main([str(folder) for folder in args.folders] + options)
    if args.folders or args.output is not None or args.misses or args.second:
        print(
            "toolkit evaluate: folders, --output, --misses and --second are options of `evaluate figures`",
            file=sys.stderr,
        )
        return 2
    module = {
        "languages": "toolkit.evaluation.language",
        "words": "toolkit.evaluation.words",
        "sentences": "toolkit.evaluation.sentences",
        "aspects": "toolkit.evaluation.aspects",
        "segment": "toolkit.evaluation.segment",
    }[args.what]
    argv = sys.argv
    sys.argv = [module]
    if args.what == "aspects":
        sys.argv += (["--coder", args.coder] if args.coder else []) + (["--each-film"] if args.each_film else [])
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
