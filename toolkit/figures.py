"""Figures stage: the only module that writes charts — every reception chart as SVG, PNG and offline HTML,
the table behind it as CSV, an offline `index.html` gallery and `provenance.json`, byte-stable across runs.
"""
from __future__ import annotations

import hashlib
import html
import json
import platform
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import altair as alt
import pandas as pd
import vl_convert as vlc

from toolkit import charts, reception
from toolkit.progress import bar
from toolkit.tables import require

#: Vega-Lite version of the specs Altair writes; vl-convert renders with the same one.
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
PNG_SCALE = 2
#: Packages whose versions shape the output — rendering, numbers, and the upstream stages (language
#: detection, sentence splitting, stemming, currency rates) whose tables the charts show.
SHAPING_PACKAGES = ("altair", "vl-convert-python", "pandas", "numpy", "PyYAML", "vaderSentiment", "nltk",
                    "lingua-language-detector", "langdetect", "py3langid", "pysbd", "CurrencyConverter",
                    "trafilatura")
_OURS = re.compile(r"^\d\d-[a-z0-9-]+\.(svg|png|html|csv)$")


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


def compute(analysis: AnalysisLike, *, resamples: int = reception.RESAMPLES,
            seed: int = reception.SEED) -> list[Figure]:
    """Every reception table and its chart, in gallery order (no I/O; a notebook can show `.chart`).

    Reviews outside `reception.scope` (synopses, news, duplicates) are left out of the measures;
    `build` lists them, with the reason, in 00-reviews.csv.
    """
    return _figures_and_tables(analysis, resamples=resamples, seed=seed)[0]


#: The name notebooks use for `compute` (kept so they read `figures.figures(analysis)`).
figures = compute


def tables(analysis: AnalysisLike, *, resamples: int = reception.RESAMPLES,
           seed: int = reception.SEED) -> dict[str, pd.DataFrame]:
    """The tables `build` writes without a chart of their own, keyed by file name (no I/O)."""
    return _figures_and_tables(analysis, resamples=resamples, seed=seed)[1]


def _figures_and_tables(analysis: AnalysisLike, *, resamples: int,
                        seed: int) -> tuple[list[Figure], dict[str, pd.DataFrame]]:
    marked = reception.sentiment(reception.scope(analysis.reviews))
    reviews = marked[marked["in_scope"]]
    statements, budget = analysis.statements, analysis.budget_figures
    film = _film_title(analysis)
    options = {"resamples": resamples, "seed": seed}
    place = reception.by_place(reviews, statements, budget, by="place", **options)
    kind = reception.by_place(reviews, statements, budget, by="kind", **options)
    mentions = reception.comparison_films(reviews, exclude=_film_titles(analysis),
                                          profile=getattr(analysis, "film", None))
    films = reception.share_by(reviews, mentions.assign(text=mentions["matched"]), column="film", **options)
    cited = reception.budget_cited(reviews, budget)
    timeline = reception.over_time(reviews)
    words = reception.distinctive_words(reviews)
    specs: list[tuple[str, str, pd.DataFrame, Callable[[pd.DataFrame], Any]]] = [
        ("ratings-by-place", "Mean rating by place, with bootstrap 95% CI and n", place["ratings"],
         charts.rating_by_place),
        ("aspects-by-place", "Share of reviews addressing budget, accuracy and geopolitics, by place",
         place["aspects"], charts.aspect_attention),
        ("aspects-by-kind", "Share of reviews addressing each aspect, by kind of review", kind["aspects"],
         lambda t: charts.aspect_attention(t, title="What reviews write about, by kind of review")),
        ("budget-figures", "Budget figures cited (USD): this film, comparators, counterfactuals", cited,
         charts.budget_figures),
        ("accuracy-stance-by-place", "Historical-accuracy stance by place, among reviews discussing it",
         place["stances"], charts.stance_by_place),
        ("frames-by-place", "Geopolitical frames invoked, by place", place["frames"],
         charts.frames_by_place),
        ("comparison-films-by-place", f"Films the reviews compare {film} to, by place", films,
         lambda t: charts.comparison_films_by_place(t, title=f"Films {film} is compared to")),
        ("reviews-over-time", "Reviews by publication month and place", timeline, charts.reviews_over_time),
        ("distinctive-words-by-place", "Distinctive words per place (weighted log-odds, informative prior)",
         words, charts.distinctive_words),
        ("ratings-by-kind", "Mean rating by kind of review (critic, blog, user, blurb), with 95% CI and n",
         kind["ratings"], lambda t: charts.rating_by_place(t, title="Ratings by kind of review")),
        ("sentiment-by-place", "Sentiment (VADER, English reviews only) by place, with 95% CI and n",
         reception.sentiment_by(reviews, **options), charts.sentiment_by_place),
    ]
    steps = [Figure(f"{i:02d}-{slug}", caption, table, make(table))
             for i, (slug, caption, table, make) in enumerate(specs, start=1)]
    columns = [c for c in ("review_id", "place", "place_basis", "kind", "outlet", "critic", "language",
                           "published", "rating_raw", "rating", "in_scope", "scope_reason", "sentiment",
                           "sentiment_method", "url") if c in marked.columns]
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


def _statement_table(statements: pd.DataFrame) -> pd.DataFrame:
    columns = [c for c in ("review_id", "sentence_id", "aspect", "start", "end", "language", "cues", "stance",
                           "incidents", "frames", "negated", "text") if c in statements.columns]
    return statements[columns]


def build(analysis: AnalysisLike, out_dir: Path, *, corpus_sha256: str, data_date: str,
          progress: bool | None = None) -> list[Path]:
    """Write all figures of `analysis` into `out_dir` (created if needed) and return the paths written.

    For every chart NN-slug it writes — 01-ratings-by-place, 02-aspects-by-place, 03-aspects-by-kind,
    04-budget-figures, 05-accuracy-stance-by-place, 06-frames-by-place, 07-comparison-films-by-place,
    08-reviews-over-time, 09-distinctive-words-by-place, 10-ratings-by-kind, 11-sentiment-by-place —
    `NN-slug.svg`, `NN-slug.png` (scale 2), `NN-slug.html` (self-contained: Vega, Vega-Lite and
    Vega-Embed inlined, no network needed) and `NN-slug.csv` (the table behind the chart, sorted, with a
    `review_ids` column tracing every row to its reviews). Also:
    `00-reviews.csv` (every review: place, kind, rating, language, `in_scope`/`scope_reason`, and
    `sentiment`/`sentiment_method`), `07-comparison-films-mentions.csv` (each film mention: review id and
    matched words), tables without a chart (`04-budget-shares-by-place.csv`, `04-budget-shares-by-kind.csv`,
    `05-accuracy-stance-by-kind.csv`, `06-frames-by-kind.csv`: shares with 95% CI, n, review_ids),
    `index.html` (an offline gallery rendering every chart with an inlined Vega bundle
    and linking the files) and `provenance.json` (`corpus_sha256`, `data_date`, toolkit, Python and
    package versions, bootstrap settings, and the sha256 of every file written; no timestamps).
    Files matching `NN-slug.{svg,png,html,csv}` left over from an earlier build are removed.
    Two builds of the same analysis give byte-identical files. A progress bar is drawn when `progress`, or
    with None on a terminal or in a notebook (`toolkit.progress.wanted`).

    Requires `analysis.reviews` (review contract), `.statements` and `.budget_figures`.
    """
    require(analysis.reviews, ["review_id", "kind", "place", "rating", "text", "language", "published"],
            stage="figures.build")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, bytes] = {}
    steps, extra = _figures_and_tables(analysis, resamples=reception.RESAMPLES, seed=reception.SEED)
    for name, table in extra.items():
        written[name] = _csv(table)
    for figure in bar(steps, desc="figures", unit="chart", enabled=progress):
        spec = figure.chart.to_dict()
        written[f"{figure.stem}.csv"] = _csv(figure.table)
        written[f"{figure.stem}.svg"] = _renumber_svg_ids(
            vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)).encode("utf-8")
        written[f"{figure.stem}.png"] = _strip_png_time(
            vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=PNG_SCALE))
        written[f"{figure.stem}.html"] = vlc.vegalite_to_html(
            spec, vl_version=VL_VERSION, bundle=True).encode("utf-8")
    written["index.html"] = _index(steps, film=_film_title(analysis), tables=extra).encode("utf-8")
    written["provenance.json"] = _provenance(written, corpus_sha256=corpus_sha256, data_date=data_date)
    for stale in sorted(out_dir.iterdir()):
        if _OURS.match(stale.name) and stale.name not in written:
            stale.unlink()
    paths = []
    for name in sorted(written):
        path = out_dir / name
        if not path.exists() or path.read_bytes() != written[name]:
            path.write_bytes(written[name])
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
    pattern = re.compile(r'(id="|#)(' + "|".join(map(re.escape, sorted(mapping, key=len, reverse=True)))
                         + r')(?=["\)])')
    return pattern.sub(lambda m: m.group(1) + mapping[m.group(2)], svg)


def _strip_png_time(png: bytes) -> bytes:
    # A PNG may carry a tIME chunk (last-modified); drop it so builds are byte-identical.
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        return png
    out, pos = [png[:8]], 8
    while pos < len(png):
        length = int.from_bytes(png[pos:pos + 4], "big")
        chunk = png[pos:pos + 12 + length]
        if chunk[4:8] != b"tIME":
            out.append(chunk)
        pos += 12 + length
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
        "bootstrap": {"method": "percentile", "level": 0.95, "resamples": reception.RESAMPLES,
                      "seed": reception.SEED, "unit": "review"},
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(written.items())},
    }
    return (json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _script_json(value: object) -> str:
    # JSON inside <script> must not contain "</" (it would close the tag) — escape the slash.
    return json.dumps(value, sort_keys=True, ensure_ascii=False).replace("</", "<\\/")


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{film}: reception, figures</title>
<style>
body {{ font-family: "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }}
figure {{ margin: 2.5em 0; }} figcaption {{ margin: .4em 0; }} .files a {{ margin-right: .8em; }}
#errors:empty {{ display: none; }} #errors {{ color: #b00; white-space: pre-wrap; }}
</style>
<script>
// Collect errors in the page itself so a headless browser (tests/test_browser.py) can read them.
window.__errors = [];
function __record(message) {{
  window.__errors.push(String(message));
  var box = document.getElementById("errors");
  if (box) {{ box.textContent = window.__errors.join("\\n"); }}
}}
window.addEventListener("error", function (e) {{ __record(e.message || String(e)); }});
window.addEventListener("unhandledrejection", function (e) {{ __record("Unhandled " + e.reason); }});
var __consoleError = console.error;
console.error = function () {{ __record(Array.prototype.join.call(arguments, " ")); __consoleError.apply(console, arguments); }};
</script>
<script>{bundle}</script>
</head>
<body data-charts="{count}" data-rendered="0">
<h1>{film}: reception by place</h1>
<p>Every chart is drawn from the CSV beside it; each row of a CSV lists the <code>review_ids</code> behind
it. Provenance (corpus hash, versions): <a href="provenance.json">provenance.json</a>.</p>
<pre id="errors"></pre>
{figures}
<h2>Tables without a chart</h2>
<ul class="tables">
{tables}
</ul>
<script>
(function () {{
  var rendered = 0;
  document.querySelectorAll("div.chart").forEach(function (div) {{
    // One broken chart must not stop the others: each is drawn, and fails, on its own.
    try {{
      var spec = JSON.parse(document.getElementById(div.dataset.spec).textContent);
      vegaEmbed(div, spec, {{renderer: "svg", actions: false}}).then(function () {{
        rendered += 1;
        document.body.dataset.rendered = String(rendered);
      }}).catch(function (err) {{ __record("Chart " + div.id + " failed: " + err); }});
    }} catch (err) {{ __record("Chart " + div.id + " failed: " + err); }}
  }});
}})();
</script>
</body>
</html>
"""

_FIGURE = """<figure id="{stem}">
<div class="chart" id="chart-{stem}" data-spec="spec-{stem}"></div>
<script type="application/json" id="spec-{stem}">{spec}</script>
<figcaption>{number}. {caption}</figcaption>
<div class="files"><a href="{stem}.html">HTML</a><a href="{stem}.svg">SVG</a><a href="{stem}.png">PNG</a><a href="{stem}.csv">data (CSV)</a></div>
</figure>"""


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


def _index(steps: list[Figure], *, film: str, tables: Iterable[str] = ()) -> str:
    blocks = [_FIGURE.format(stem=f.stem, spec=_script_json(f.chart.to_dict()), number=int(f.stem[:2]),
                             caption=html.escape(f.caption)) for f in steps]
    bundle = vlc.javascript_bundle(vl_version=VL_VERSION).replace("</script", "<\\/script")
    items = [f'<li><a href="{html.escape(name)}">{html.escape(name)}</a> — '
             f'{html.escape(_TABLE_NOTES.get(name, ""))}</li>' for name in sorted(tables)]
    return _PAGE.format(bundle=bundle, count=len(steps), figures="\n".join(blocks),
                        film=html.escape(film), tables="\n".join(items))


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
        "us-a": ("US", "critic", "en", 0.8, "2017-10-05", "Daily Orbit",
                 "A gripping ride in the spirit of Apollo 13. It cost about $15 million. "
                 "The script invents a fire that never happened."),
        "us-b": ("US", "blog", "en", 0.6, "2017-11-20", "Launch Pad Blog",
                 "Less polished than Gravity, which cost $100 million. The Cold War rivalry is played up."),
        "gb-a": ("GB", "critic", "en", 0.7, "2018-01-02", "The Northern Screen",
                 "Tense and handsome. It stays close to the real 1985 rescue."),
        "ru-a": ("RU", "critic", "ru", 0.9, "2017-10-01", "Кинообзор",
                 "Сильнее, чем «Гравитация». Бюджет фильма составил 780 миллионов рублей. "
                 "Патриотизм здесь без пафоса."),
        "de-a": ("DE", "user", "de", None, None, "Filmforum",
                 "Spannend, aber die Geschichte ist stark übertrieben. Wie Apollo 13, nur russisch."),
        "ru-syn": ("RU", "synopsis", "ru", None, "2017-09-15", "Афиша",
                   "1985 год. Станция «Салют-7» не отвечает."),
    }
    reviews = pd.DataFrame([
        {"review_id": rid, "source": "sample", "start": 0, "end": len(t[6]), "outlet": t[5],
         "critic": None, "kind": t[1], "url": None, "published": t[4], "place": t[0],
         "place_basis": "outlet", "rating_raw": None if t[3] is None else str(t[3]), "rating": t[3],
         "text": t[6], "language": t[2], "language_confidence": 1.0, "mixed": False, "duplicate_of": None}
        for rid, t in texts.items()])

    def statement(rid: str, sid: int, aspect: str, words: str, stance=None, incidents=(), frames=()):
        text = texts[rid][6]
        start = text.index(words)
        return {"review_id": rid, "sentence_id": f"{rid}/{sid}", "aspect": aspect, "text": words,
                "start": start, "end": start + len(words), "language": texts[rid][2], "cues": [],
                "stance": stance, "incidents": list(incidents), "frames": list(frames)}

    statements = pd.DataFrame([
        statement("us-a", 2, "budget", "It cost about $15 million."),
        statement("us-a", 3, "accuracy", "The script invents a fire that never happened.", "embellished",
                  ["fire"]),
        statement("us-b", 1, "budget", "Less polished than Gravity, which cost $100 million."),
        statement("us-b", 2, "geopolitics", "The Cold War rivalry is played up.", frames=["cold_war"]),
        statement("gb-a", 2, "accuracy", "It stays close to the real 1985 rescue.", "faithful"),
        statement("ru-a", 2, "budget", "Бюджет фильма составил 780 миллионов рублей."),
        statement("ru-a", 3, "geopolitics", "Патриотизм здесь без пафоса.", frames=["patriotism"]),
        statement("de-a", 1, "accuracy", "Spannend, aber die Geschichte ist stark übertrieben.",
                  "embellished"),
    ])
    budget = pd.DataFrame([
        {"review_id": "us-a", "sentence_id": "us-a/2", "amount": 15e6, "currency": "USD", "year": 2017,
         "usd": 15e6, "subject": "film", "text": "It cost about $15 million."},
        {"review_id": "us-b", "sentence_id": "us-b/1", "amount": 100e6, "currency": "USD", "year": 2017,
         "usd": 100e6, "subject": "comparator",
         "text": "Less polished than Gravity, which cost $100 million."},
        {"review_id": "ru-a", "sentence_id": "ru-a/2", "amount": 780e6, "currency": "RUB", "year": 2017,
         "usd": 13369000.0, "subject": "film", "text": "Бюджет фильма составил 780 миллионов рублей."},
    ])
    sentences = statements[["review_id", "sentence_id", "start", "end", "text", "language"]].copy()
    return SampleAnalysis(reviews, sentences, statements, budget)
