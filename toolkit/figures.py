"""Figures stage: the only module that writes charts — every reception chart as SVG, PNG and offline HTML,
the table behind it as CSV, an offline `index.html` gallery and `provenance.json`, byte-stable across runs.
The HTML pages come from templates (toolkit/templates/) and share one copy of Vega in `vendor/`.
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import altair as alt
import pandas as pd
import vl_convert as vlc

from toolkit import charts, pages, reception
from toolkit.progress import bar
from toolkit.tables import require

#: Vega-Lite version of the specs Altair writes; vl-convert renders with the same one.
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
PNG_SCALE = 2
#: Packages whose versions shape the output — rendering, numbers, and the upstream stages (language
#: detection, sentence splitting, stemming, currency rates) whose tables the charts show.
SHAPING_PACKAGES = (
    "altair",
    "vl-convert-python",
    "pandas",
    "numpy",
    "PyYAML",
    "vaderSentiment",
    "nltk",
    "lingua-language-detector",
    "langdetect",
    "py3langid",
    "pysbd",
    "CurrencyConverter",
    "trafilatura",
)
_OURS = re.compile(r"^\d\d-[a-z0-9-]+\.(svg|png|html|csv)$")
#: The one copy of Vega, Vega-Lite and vega-embed every HTML page loads, by this relative path (a classic
#: script, not a module: browsers refuse modules from file://, and the pages must open from the folder).
VEGA_BUNDLE = "vendor/vega-bundle.js"
_OURS_VENDOR = re.compile(r"^vega[a-z0-9.-]*\.js$")
#: How the intervals are computed, said once for captions, the gallery and provenance.json.
INTERVALS = (
    f"Intervals are 95%: Wilson score intervals for shares; for means, a bootstrap over the "
    f"group's reviews ({reception.RESAMPLES:,} resamples; BCa where it is stable, which needs at least "
    f"{reception.MIN_N_BCA} values, else percentile). Groups of fewer than {reception.MIN_N_INTERVAL} "
    f"reviews get no interval, only the point and n."
)


class AnalysisLike(Protocol):
    """What `build` reads from `toolkit.pipeline.Analysis` (any object with these tables will do)."""

    reviews: pd.DataFrame
    statements: pd.DataFrame
    budget_figures: pd.DataFrame


@dataclass(frozen=True)
class Figure:
    """One chart to write: its file stem (`NN-slug`), gallery caption, the table behind it, the chart."""

    stem: str
    caption: str
    table: pd.DataFrame
    chart: alt.TopLevelMixin


def compute(
    analysis: AnalysisLike, *, resamples: int = reception.RESAMPLES, seed: int = reception.SEED
) -> list[Figure]:
    """Every reception table and its chart, in gallery order (no I/O; a notebook can show `.chart`).

    Reviews outside `reception.scope` (synopses, news, duplicates) are left out of the measures;
    `build` lists them, with the reason, in 00-reviews.csv.
    """
    return _figures_and_tables(analysis, resamples=resamples, seed=seed)[0]


#: The name notebooks use for `compute` (kept so they read `figures.figures(analysis)`).
figures = compute


def tables(
    analysis: AnalysisLike, *, resamples: int = reception.RESAMPLES, seed: int = reception.SEED
) -> dict[str, pd.DataFrame]:
    """The tables `build` writes without a chart of their own, keyed by file name (no I/O)."""
    return _figures_and_tables(analysis, resamples=resamples, seed=seed)[1]


def _figures_and_tables(
    analysis: AnalysisLike, *, resamples: int, seed: int
) -> tuple[list[Figure], dict[str, pd.DataFrame]]:
    marked = reception.sentiment(reception.scope(analysis.reviews))
    reviews = marked[marked["in_scope"]]
    statements, budget = analysis.statements, analysis.budget_figures
    film = _film_title(analysis)
    options = {"resamples": resamples, "seed": seed}
    place = reception.by_place(reviews, statements, budget, by="place", **options)
    kind = reception.by_place(reviews, statements, budget, by="kind", **options)
    mentions = reception.comparison_films(
        reviews, exclude=_film_titles(analysis), profile=getattr(analysis, "film", None)
    )
    films = reception.share_by(reviews, mentions.assign(text=mentions["matched"]), column="film")
    cited = reception.budget_cited(reviews, budget)
    timeline = reception.over_time(reviews)
    words = reception.distinctive_words(reviews)
    specs: list[tuple[str, str, pd.DataFrame, Callable[[pd.DataFrame], Any]]] = [
        (
            "ratings-by-place",
            f"Mean rating by place, with n and a bootstrap 95% CI ({_MEAN_CI})",
            place["ratings"],
            charts.rating_by_place,
        ),
        (
            "aspects-by-place",
            "Share of reviews addressing budget, accuracy and geopolitics, by place "
            f"({_SHARE_CI}, in the tooltip and CSV)",
            place["aspects"],
            charts.aspect_attention,
        ),
        (
            "aspects-by-kind",
            f"Share of reviews addressing each aspect, by kind of review ({_SHARE_CI}, in the tooltip and CSV)",
            kind["aspects"],
            lambda t: charts.aspect_attention(t, title="What reviews write about, by kind of review"),
        ),
        (
            "budget-figures",
            "Budget figures cited (USD): this film, comparators, counterfactuals",
            cited,
            charts.budget_figures,
        ),
        (
            "accuracy-stance-by-place",
            f"Historical-accuracy stance by place, among reviews discussing it ({_SHARE_CI})",
            place["stances"],
            charts.stance_by_place,
        ),
        (
            "frames-by-place",
            f"Geopolitical frames invoked, by place ({_SHARE_CI}, in the tooltip and CSV)",
            place["frames"],
            charts.frames_by_place,
        ),
        (
            "comparison-films-by-place",
            f"Films the reviews compare {film} to, by place ({_SHARE_CI}, in the tooltip and CSV)",
            films,
            lambda t: charts.comparison_films_by_place(t, title=f"Films {film} is compared to"),
        ),
        ("reviews-over-time", "Reviews by publication month and place", timeline, charts.reviews_over_time),
        (
            "distinctive-words-by-place",
            "Distinctive words per place (weighted log-odds, informative prior)",
            words,
            charts.distinctive_words,
        ),
        (
            "ratings-by-kind",
            f"Mean rating by kind of review (critic, blog, user, blurb), with n and a bootstrap 95% CI ({_MEAN_CI})",
            kind["ratings"],
            lambda t: charts.rating_by_place(t, title="Ratings by kind of review"),
        ),
        (
            "sentiment-by-place",
            f"Sentiment (VADER, English reviews only) by place, with n and a bootstrap 95% CI ({_MEAN_CI})",
            reception.sentiment_by(reviews, **options),
            charts.sentiment_by_place,
        ),
    ]
    steps = [
        Figure(f"{i:02d}-{slug}", caption, table, make(table))
        for i, (slug, caption, table, make) in enumerate(specs, start=1)
    ]
    columns = [
        c
        for c in (
            "review_id",
            "place",
            "place_basis",
            "kind",
            "outlet",
            "critic",
            "language",
            "published",
            "rating_raw",
            "rating",
            "in_scope",
            "scope_reason",
            "sentiment",
            "sentiment_method",
            "url",
        )
        if c in marked.columns
    ]
    extra = {
        "00-reviews.csv": marked[columns].sort_values("review_id", kind="stable"),
        "04-budget-shares-by-place.csv": place["budget"],
        "04-budget-shares-by-kind.csv": kind["budget"],
        "05-accuracy-stance-by-kind.csv": kind["stances"],
        "06-frames-by-kind.csv": kind["frames"],
        "07-comparison-films-mentions.csv": mentions,
        # The words behind every count: each coded statement and budget figure, keyed by review_id.
        "00-statements.csv": _statement_table(statements),
        "00-budget-figures.csv": budget,
    }
    return steps, extra


_MEAN_CI = f"BCa where stable, else percentile; none where n < {reception.MIN_N_INTERVAL}"
_SHARE_CI = f"Wilson 95% intervals, none where n < {reception.MIN_N_INTERVAL}"


def _statement_table(statements: pd.DataFrame) -> pd.DataFrame:
    columns = [
        c
        for c in (
            "review_id",
            "sentence_id",
            "aspect",
            "start",
            "end",
            "language",
            "cues",
            "stance",
            "incidents",
            "frames",
            "negated",
            "text",
        )
        if c in statements.columns
    ]
    return statements[columns]


def build(
    analysis: AnalysisLike, out_dir: Path, *, corpus_sha256: str, data_date: str, progress: bool | None = None
) -> list[Path]:
    """Write all figures of `analysis` into `out_dir` (created if needed) and return the paths written.

    For every chart NN-slug it writes — 01-ratings-by-place, 02-aspects-by-place, 03-aspects-by-kind,
    04-budget-figures, 05-accuracy-stance-by-place, 06-frames-by-place, 07-comparison-films-by-place,
    08-reviews-over-time, 09-distinctive-words-by-place, 10-ratings-by-kind, 11-sentiment-by-place —
    `NN-slug.svg`, `NN-slug.png` (scale 2), `NN-slug.html` (the interactive chart with tooltips) and
    `NN-slug.csv` (the table behind the chart, sorted, with a `review_ids` column tracing every row to its
    reviews). Every HTML page loads the one `vendor/vega-bundle.js` (Vega, Vega-Lite and vega-embed, taken
    from vl-convert) by relative path, so the folder opens offline, from file://, as it is. Also:
    `00-reviews.csv` (every review: place, kind, rating, language, `in_scope`/`scope_reason`, and
    `sentiment`/`sentiment_method`), `07-comparison-films-mentions.csv` (each film mention: review id and
    matched words), tables without a chart (`04-budget-shares-by-place.csv`, `04-budget-shares-by-kind.csv`,
    `05-accuracy-stance-by-kind.csv`, `06-frames-by-kind.csv`: shares with 95% Wilson interval, n,
    review_ids), `index.html` (an offline gallery rendering every chart and linking the files) and
    `provenance.json` (`corpus_sha256`, `data_date`, toolkit, Python and package versions, interval
    settings, and the sha256 of every file written; no timestamps). Files matching
    `NN-slug.{svg,png,html,csv}` or `vendor/vega*.js` left over from an earlier build are removed.
    Two builds of the same analysis give byte-identical files. A progress bar is drawn when `progress`, or
    with None on a terminal or in a notebook (`toolkit.progress.wanted`).

    Requires `analysis.reviews` (review contract), `.statements` and `.budget_figures`.
    """
    require(
        analysis.reviews,
        ["review_id", "kind", "place", "rating", "text", "language", "published"],
        stage="figures.build",
    )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, bytes] = {}
    steps, extra = _figures_and_tables(analysis, resamples=reception.RESAMPLES, seed=reception.SEED)
    film = _film_title(analysis)
    for name, table in extra.items():
        written[name] = _csv(table)
    written[VEGA_BUNDLE] = vega_bundle().encode("utf-8")
    for figure in bar(steps, desc="figures", unit="chart", enabled=progress):
        spec = figure.chart.to_dict()
        written[f"{figure.stem}.csv"] = _csv(figure.table)
        written[f"{figure.stem}.svg"] = _renumber_svg_ids(vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)).encode(
            "utf-8"
        )
        written[f"{figure.stem}.png"] = _strip_png_time(
            vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=PNG_SCALE)
        )
        written[f"{figure.stem}.html"] = _chart_page(figure, film=film).encode("utf-8")
    written["index.html"] = _index(steps, film=film, tables=extra).encode("utf-8")
    written["provenance.json"] = _provenance(written, corpus_sha256=corpus_sha256, data_date=data_date)
    _remove_stale(out_dir, written)
    paths = []
    for name in sorted(written):
        path = out_dir / name
        if not path.exists() or path.read_bytes() != written[name]:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(written[name])
        paths.append(path)
    return paths


def _remove_stale(out_dir: Path, written: dict[str, bytes]) -> None:
    # Only files this module would write are removed: the researcher's own files in the folder stay.
    for stale in sorted(out_dir.iterdir()):
        if _OURS.match(stale.name) and stale.name not in written:
            stale.unlink()
    vendor = out_dir / Path(VEGA_BUNDLE).parent
    if vendor.is_dir():
        for stale in sorted(vendor.iterdir()):
            name = f"{vendor.name}/{stale.name}"
            if _OURS_VENDOR.match(stale.name) and name not in written:
                stale.unlink()


def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one classic script defining `vegaEmbed`: the copy vl-convert
    ships (nothing is downloaded), headed by a line naming the versions.
    """
    versions = _versions()
    head = (
        f"// Vega {versions['vega']}, Vega-Lite {versions['vega-lite']}, vega-embed {versions['vega-embed']}: "
        f"javascript_bundle() of vl-convert-python {versions['vl-convert-python']}.\n"
    )
    return head + vlc.javascript_bundle(vl_version=VL_VERSION)


def save_chart(
    chart: alt.TopLevelMixin,
    table: pd.DataFrame,
    out_dir: Path,
    stem: str,
    *,
    film: str = "",
    number: str = "",
    caption: str = "",
) -> list[Path]:
    """Write one chart outside the main build (e.g. the validation figures): `stem`.svg, .png, .html
    (offline, drawn by `vendor/vega-bundle.js` written beside it) and .csv (the table behind it), byte-stable
    as `build` writes them."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec = chart.to_dict()
    files = {
        f"{stem}.csv": _csv(table),
        f"{stem}.svg": _renumber_svg_ids(vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)).encode("utf-8"),
        f"{stem}.png": _strip_png_time(vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=PNG_SCALE)),
        f"{stem}.html": pages.render(
            "chart.html.j2",
            film=film,
            files=_FILES,
            bundle=VEGA_BUNDLE,
            index=None,
            figure={"stem": stem, "number": number, "caption": caption, "spec": spec},
        ).encode("utf-8"),
        # The page's Vega comes from this folder's own copy of the shared bundle (offline, one per folder).
        VEGA_BUNDLE: vega_bundle().encode("utf-8"),
    }
    paths = []
    for name, data in sorted(files.items()):
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        paths.append(path)
    return paths


def _film_title(analysis: AnalysisLike) -> str:
    # toolkit.pipeline.Analysis carries the film; other analysis-like objects may not.
    film = getattr(analysis, "film", None)
    return getattr(film, "title", None) or "the film"


def _film_titles(analysis: AnalysisLike) -> tuple[str, ...]:
    film = getattr(analysis, "film", None)
    return tuple(t for t in (getattr(film, "title", None), *(getattr(film, "titles", None) or ())) if t)


def _csv(table: pd.DataFrame) -> bytes:
    # Lists (frames, incidents) become ";"-joined strings so the CSV reads the same everywhere.
    flat = table.copy()
    for column in flat.columns:
        if flat[column].map(lambda v: isinstance(v, (list, tuple))).any():
            flat[column] = flat[column].map(lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return flat.to_csv(index=False, lineterminator="\n").encode("utf-8")


_SVG_ID = re.compile(r'\bid="([A-Za-z]+_?)(\d+)"')


def _renumber_svg_ids(svg: str) -> str:
    """Number generated ids (gradient_7, clip12) from 0 within each file.

    Vega keeps its id counters in the renderer vl-convert reuses, so the same chart drawn second in a
    process gets other ids; renumbering makes an SVG depend only on its own spec.

    >>> _renumber_svg_ids('<g id="gradient_4"/><path fill="url(#gradient_4)"/><g id="clip9"/>')
    '<g id="gradient_0"/><path fill="url(#gradient_0)"/><g id="clip0"/>'
    """
    mapping: dict[str, str] = {}
    counters: dict[str, int] = {}
    for prefix, number in _SVG_ID.findall(svg):
        old = prefix + number
        if old not in mapping:
            mapping[old] = f"{prefix}{counters.get(prefix, 0)}"
            counters[prefix] = counters.get(prefix, 0) + 1
    if not mapping:
        return svg
    pattern = re.compile(
        r'(id="|#)(' + "|".join(map(re.escape, sorted(mapping, key=len, reverse=True))) + r')(?=["\)])'
    )
    return pattern.sub(lambda m: m.group(1) + mapping[m.group(2)], svg)


def _strip_png_time(png: bytes) -> bytes:
    """The PNG without its tIME chunk (last-modified), so builds are byte-identical, and with its image
    data recompressed at zlib's highest level: vl-convert writes it barely compressed, and the same
    pixels take about a quarter of the bytes (the pixels, filters and every other chunk are unchanged).
    """
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        return png
    chunks, pos = [], 8
    while pos < len(png):
        length = int.from_bytes(png[pos : pos + 4], "big")
        chunks.append((png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    image = zlib.compress(zlib.decompress(b"".join(data for kind, data in chunks if kind == b"IDAT")), 9)
    out, placed = [png[:8]], False
    for kind, data in chunks:
        if kind == b"tIME" or (kind == b"IDAT" and placed):
            continue
        if kind == b"IDAT":  # the image data, once, where the first IDAT chunk was
            kind, data, placed = b"IDAT", image, True
        out.append(len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big"))
    return b"".join(out)


def _versions() -> dict[str, str]:
    versions = {}
    for name in SHAPING_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    versions["vega"] = vlc.get_vega_version()
    versions["vega-lite"] = VL_VERSION
    versions["vega-embed"] = vlc.get_vega_embed_version()
    return versions


def _toolkit_version() -> str:
    # Read from the package source: under pytest's importlib mode `toolkit` can be a bare namespace
    # module without __version__, and the installed metadata can lag behind an editable checkout.
    source = (Path(__file__).parent / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", source, re.M)
    return match.group(1) if match else "unknown"


def _provenance(written: dict[str, bytes], *, corpus_sha256: str, data_date: str) -> bytes:
    record = {
        "corpus_sha256": corpus_sha256,
        "data_date": data_date,
        "toolkit_version": _toolkit_version(),
        "python": platform.python_version(),
        "packages": _versions(),
        "font": charts.FONT,
        "bootstrap": {
            "method": "bca where stable, else percentile",
            "statistic": "mean",
            "level": reception.LEVEL,
            "resamples": reception.RESAMPLES,
            "seed": reception.SEED,
            "unit": "review",
            "bca_min_n": reception.MIN_N_BCA,
        },
        "intervals": {
            "shares": reception.WILSON,
            "means": "bootstrap",
            "level": reception.LEVEL,
            "min_n": reception.MIN_N_INTERVAL,
            "text": INTERVALS,
        },
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(written.items())},
    }
    return (json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


_FILES = (("html", "HTML"), ("svg", "SVG"), ("png", "PNG"), ("csv", "data (CSV)"))
_TABLE_NOTES = {
    "00-reviews.csv": "every review: place, kind, rating, language, in scope or why not, sentiment",
    "00-statements.csv": "every coded statement: review id, aspect, its words and offsets, cues, stance, frames",
    "00-budget-figures.csv": "every budget figure: review id, amount, currency, USD, subject, the words",
    "04-budget-shares-by-place.csv": "share of reviews citing a budget figure, by subject and place",
    "04-budget-shares-by-kind.csv": "share of reviews citing a budget figure, by subject and kind",
    "05-accuracy-stance-by-kind.csv": "accuracy stances by kind of review",
    "06-frames-by-kind.csv": "geopolitical frames by kind of review",
    "07-comparison-films-mentions.csv": "every comparison-film mention: review id, matched words, offsets",
}


def _page_figure(figure: Figure) -> dict[str, Any]:
    return {
        "stem": figure.stem,
        "number": int(figure.stem[:2]),
        "caption": figure.caption,
        "spec": figure.chart.to_dict(),
    }


def _index(steps: list[Figure], *, film: str, tables: Iterable[str] = ()) -> str:
    listed = [{"name": name, "note": _TABLE_NOTES.get(name, "")} for name in sorted(tables)]
    return pages.render(
        "gallery.html.j2",
        film=film,
        figures=[_page_figure(f) for f in steps],
        tables=listed,
        files=_FILES,
        intervals=INTERVALS,
        bundle=VEGA_BUNDLE,
    )


def _chart_page(figure: Figure, *, film: str) -> str:
    return pages.render(
        "chart.html.j2", film=film, figure=_page_figure(figure), files=_FILES, bundle=VEGA_BUNDLE, index="index.html"
    )


# ------------------------------------------------------------------------------------ sample data
@dataclass(frozen=True)
class SampleFilm:
    """The film of the sample analysis (shaped like `toolkit.pipeline.Film`)."""

    title: str = "Salyut-7"
    year: int | None = 2017
    titles: tuple[str, ...] = ("Salyut-7", "Салют-7")


@dataclass(frozen=True)
class SampleAnalysis:
    """A tiny analysis following the table contracts, for tests and for trying the figures offline."""

    reviews: pd.DataFrame
    sentences: pd.DataFrame
    statements: pd.DataFrame
    budget_figures: pd.DataFrame
    film: SampleFilm = SampleFilm()


def sample_analysis() -> SampleAnalysis:
    """Six made-up reviews (US, GB, RU, DE, and one synopsis) with statements and budget figures.

    >>> a = sample_analysis()
    >>> len(a.reviews), sorted(set(a.statements["aspect"]))
    (6, ['accuracy', 'budget', 'geopolitics'])
    """
    texts = {
        "us-a": (
            "US",
            "critic",
            "en",
            0.8,
            "2017-10-05",
            "Daily Orbit",
            "A gripping ride in the spirit of Apollo 13. It cost about $15 million. "
            "The script invents a fire that never happened.",
        ),
        "us-b": (
            "US",
            "blog",
            "en",
            0.6,
            "2017-11-20",
            "Launch Pad Blog",
            "Less polished than Gravity, which cost $100 million. The Cold War rivalry is played up.",
        ),
        "gb-a": (
            "GB",
            "critic",
            "en",
            0.7,
            "2018-01-02",
            "The Northern Screen",
            "Tense and handsome. It stays close to the real 1985 rescue.",
        ),
        "ru-a": (
            "RU",
            "critic",
            "ru",
            0.9,
            "2017-10-01",
            "Кинообзор",
            "Сильнее, чем «Гравитация». Бюджет фильма составил 780 миллионов рублей. Патриотизм здесь без пафоса.",
        ),
        "de-a": (
            "DE",
            "user",
            "de",
            None,
            None,
            "Filmforum",
            "Spannend, aber die Geschichte ist stark übertrieben. Wie Apollo 13, nur russisch.",
        ),
        "ru-syn": ("RU", "synopsis", "ru", None, "2017-09-15", "Афиша", "1985 год. Станция «Салют-7» не отвечает."),
    }
    reviews = pd.DataFrame(
        [
            {
                "review_id": rid,
                "source": "sample",
                "start": 0,
                "end": len(t[6]),
                "outlet": t[5],
                "critic": None,
                "kind": t[1],
                "url": None,
                "published": t[4],
                "place": t[0],
                "place_basis": "outlet",
                "rating_raw": None if t[3] is None else str(t[3]),
                "rating": t[3],
                "text": t[6],
                "language": t[2],
                "language_confidence": 1.0,
                "mixed": False,
                "duplicate_of": None,
            }
            for rid, t in texts.items()
        ]
    )

    def statement(rid: str, sid: int, aspect: str, words: str, stance=None, incidents=(), frames=()):
        text = texts[rid][6]
        start = text.index(words)
        return {
            "review_id": rid,
            "sentence_id": f"{rid}/{sid}",
            "aspect": aspect,
            "text": words,
            "start": start,
            "end": start + len(words),
            "language": texts[rid][2],
            "cues": [],
            "stance": stance,
            "incidents": list(incidents),
            "frames": list(frames),
        }

    statements = pd.DataFrame(
        [
            statement("us-a", 2, "budget", "It cost about $15 million."),
            statement("us-a", 3, "accuracy", "The script invents a fire that never happened.", "embellished", ["fire"]),
            statement("us-b", 1, "budget", "Less polished than Gravity, which cost $100 million."),
            statement("us-b", 2, "geopolitics", "The Cold War rivalry is played up.", frames=["cold_war"]),
            statement("gb-a", 2, "accuracy", "It stays close to the real 1985 rescue.", "faithful"),
            statement("ru-a", 2, "budget", "Бюджет фильма составил 780 миллионов рублей."),
            statement("ru-a", 3, "geopolitics", "Патриотизм здесь без пафоса.", frames=["patriotism"]),
            statement("de-a", 1, "accuracy", "Spannend, aber die Geschichte ist stark übertrieben.", "embellished"),
        ]
    )
    budget = pd.DataFrame(
        [
            {
                "review_id": "us-a",
                "sentence_id": "us-a/2",
                "amount": 15e6,
                "currency": "USD",
                "year": 2017,
                "usd": 15e6,
                "subject": "film",
                "text": "It cost about $15 million.",
            },
            {
                "review_id": "us-b",
                "sentence_id": "us-b/1",
                "amount": 100e6,
                "currency": "USD",
                "year": 2017,
                "usd": 100e6,
                "subject": "comparator",
                "text": "Less polished than Gravity, which cost $100 million.",
            },
            {
                "review_id": "ru-a",
                "sentence_id": "ru-a/2",
                "amount": 780e6,
                "currency": "RUB",
                "year": 2017,
                "usd": 13369000.0,
                "subject": "film",
                "text": "Бюджет фильма составил 780 миллионов рублей.",
            },
        ]
    )
    sentences = statements[["review_id", "sentence_id", "start", "end", "text", "language"]].copy()
    return SampleAnalysis(reviews, sentences, statements, budget)
