"""Tests for toolkit.figures: every file written, offline HTML, traceable CSVs, byte-identical rebuilds."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
import zlib
from pathlib import Path

import pandas as pd
import pytest
import vl_convert

from toolkit import figures
from toolkit.tables import TableError

SHA = "0" * 64
STEMS = [
    "01-ratings-by-place",
    "02-aspects-by-place",
    "03-aspects-by-kind",
    "04-budget-figures",
    "05-accuracy-stance-by-place",
    "06-frames-by-place",
    "07-comparison-films-by-place",
    "08-reviews-over-time",
    "09-distinctive-words-by-place",
    "10-ratings-by-kind",
    "11-sentiment-by-place",
]
TABLES = [
    "00-reviews.csv",
    "04-budget-shares-by-place.csv",
    "04-budget-shares-by-kind.csv",
    "05-accuracy-stance-by-kind.csv",
    "06-frames-by-kind.csv",
    "07-comparison-films-mentions.csv",
    "00-statements.csv",
    "00-budget-figures.csv",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("figures")
    (out / "99-left-over.svg").write_text("stale")  # an earlier build's chart: must go
    (out / "notes.txt").write_text("mine")  # not a figure: must stay
    figures.build(figures.sample_analysis(), out, corpus_sha256=SHA, data_date="2018-01-02", progress=False)
    return out


def _names(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_build_writes_every_file(built):
    expected = {f"{stem}.{ext}" for stem in STEMS for ext in ("svg", "png", "html", "csv")}
    expected |= {*TABLES, "index.html", "provenance.json", "notes.txt", figures.VEGA_BUNDLE}
    assert _names(built) == expected


def test_a_stale_vega_copy_goes_and_the_researchers_files_stay(tmp_path):
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "vega-5.0-old.js").write_text("old")  # an earlier build's bundle
    (tmp_path / "vendor" / "mine.css").write_text("mine")
    figures.build(figures.sample_analysis(), tmp_path, corpus_sha256=SHA, data_date="x", progress=False)
    assert sorted(p.name for p in (tmp_path / "vendor").iterdir()) == ["mine.css", "vega-bundle.js"]


def test_every_review_id_behind_a_chart_has_its_statements_listed(built):
    # Tracing: a review counted under an aspect has that aspect's statements, with their words, beside the charts.
    statements = pd.read_csv(built / "00-statements.csv")
    aspects = pd.read_csv(built / "02-aspects-by-place.csv")
    for row in aspects[aspects["count"] > 0].itertuples():
        ids = set(row.review_ids.split(";"))
        listed = set(statements.loc[statements["aspect"] == row.category, "review_id"])
        assert ids <= listed, (row.group, row.category)
    assert statements["text"].notna().all()


def test_second_build_is_byte_identical_and_reports_progress(built, tmp_path, capsys):
    paths = figures.build(figures.sample_analysis(), tmp_path, corpus_sha256=SHA, data_date="2018-01-02", progress=True)
    assert "figures" in capsys.readouterr().err  # tqdm on stderr
    assert {p.relative_to(tmp_path).as_posix() for p in paths} == _names(built) - {"notes.txt"}
    for path in paths:
        name = path.relative_to(tmp_path)
        assert path.read_bytes() == (built / name).read_bytes(), name


@pytest.mark.parametrize("name", [f"{stem}.html" for stem in STEMS] + ["index.html"])
def test_html_loads_only_the_one_shared_bundle_beside_it(built, name):
    page = (built / name).read_text(encoding="utf-8")
    assert re.findall(r"<script[^>]*\bsrc\s*=\s*\"([^\"]*)\"", page, re.I) == [figures.VEGA_BUNDLE]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I), "no remote resources"
    assert "vegaEmbed" in page and "vegaEmbed=" not in page  # drawn here, defined once in the bundle
    vega_code = (built / figures.VEGA_BUNDLE).read_text(encoding="utf-8").splitlines()[1][:200]
    assert vega_code not in page  # no copy of Vega in the page


def test_the_shared_bundle_is_vl_converts_vega_and_defines_vega_embed(built):
    bundle = (built / figures.VEGA_BUNDLE).read_text(encoding="utf-8")
    versions = json.loads((built / "provenance.json").read_text(encoding="utf-8"))["packages"]
    assert bundle.splitlines()[0] == (
        f"// Vega {versions['vega']}, Vega-Lite {versions['vega-lite']}, vega-embed {versions['vega-embed']}: "
        f"javascript_bundle() of vl-convert-python {versions['vl-convert-python']}."
    )
    assert "window.vegaEmbed=" in bundle and not re.search(r"^\s*(import|export)\s", bundle, re.M)


def test_index_embeds_every_chart_and_links_its_files(built):
    page = (built / "index.html").read_text(encoding="utf-8")
    for stem in STEMS:
        assert f'<div class="chart" id="chart-{stem}"' in page
        assert f'<script type="application/json" id="spec-{stem}">' in page
        for ext in ("html", "svg", "png", "csv"):
            assert f'href="{stem}.{ext}"' in page
    assert f'<body data-charts="{len(STEMS)}"' in page
    for name in TABLES:
        assert f'<li><a href="{name}">{name}</a>' in page
    assert "<h1>Salyut-7: reception by place</h1>" in page


HOSTILE = "<i>Orbit</i> & Co </script><script>document.title='owned'</script>"


def test_pages_escape_hostile_text_in_titles_captions_and_specs():
    sample = dataclasses.replace(figures.sample_analysis(), film=figures.SampleFilm(title=HOSTILE, titles=()))
    steps = figures.compute(sample, resamples=50)
    index = figures._index(steps, film=HOSTILE)
    single = figures._chart_page(steps[6], film=HOSTILE)  # 07: its chart title and caption name the film
    escaped = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
    assert f"<h1>{escaped}: reception by place</h1>" in index
    assert f"Films the reviews compare {escaped} to" in single
    for page in (index, single):
        assert "<i>" not in page and "owned'</script>" not in page
        # In a spec the text is JSON with <, > and & as \u escapes: it cannot close its <script>.
        assert "Films \\u003ci\\u003eOrbit" in page
        assert page.count("</script>") == page.count("<script")


def test_provenance_records_inputs_versions_and_hashes_without_timestamps(built):
    text = (built / "provenance.json").read_text(encoding="utf-8")
    record = json.loads(text)
    assert record["corpus_sha256"] == SHA and record["data_date"] == "2018-01-02"
    assert {"altair", "vl-convert-python", "pandas", "numpy", "vega", "vega-lite"} <= set(record["packages"])
    assert record["bootstrap"]["resamples"] == 2000
    assert (record["intervals"]["shares"], record["intervals"]["min_n"]) == ("wilson", 3)
    assert not re.search(r"\d{2}:\d{2}:\d{2}", text), "no wall-clock times"
    for name, digest in record["files"].items():
        assert hashlib.sha256((built / name).read_bytes()).hexdigest() == digest
    assert set(record["files"]) == _names(built) - {"provenance.json", "notes.txt"}


@pytest.mark.parametrize("stem", STEMS)
def test_every_chart_table_traces_to_review_ids(built, stem):
    table = pd.read_csv(built / f"{stem}.csv", keep_default_na=False)
    known = set(figures.sample_analysis().reviews["review_id"])
    assert "review_ids" in table.columns and len(table) > 0
    for cell in table["review_ids"]:
        assert set(filter(None, str(cell).split(";"))) <= known


def test_reviews_table_lists_excluded_reviews_with_reason_and_sentiment(built):
    table = pd.read_csv(built / "00-reviews.csv", keep_default_na=False).set_index("review_id")
    assert table.loc["ru-syn", "scope_reason"] == "kind synopsis is not an opinion"
    assert table.loc["us-a", "sentiment_method"] == "vader"
    assert table.loc["ru-a", "sentiment_method"] == "no method" and table.loc["ru-a", "sentiment"] == ""


def test_chart_tables_hold_the_expected_numbers(built):
    aspects = pd.read_csv(built / "02-aspects-by-place.csv", keep_default_na=False)
    us_budget = aspects[(aspects["group"] == "US") & (aspects["category"] == "budget")].iloc[0]
    assert (us_budget["count"], us_budget["n"], us_budget["review_ids"]) == (2, 2, "us-a;us-b")
    films = pd.read_csv(built / "07-comparison-films-mentions.csv", keep_default_na=False)
    assert films[["review_id", "film", "matched"]].values.tolist() == [
        ["de-a", "Apollo 13", "Apollo 13"],
        ["ru-a", "Gravity", "Гравитация"],
        ["us-a", "Apollo 13", "Apollo 13"],
        ["us-b", "Gravity", "Gravity"],
    ]


def test_sentiment_chart_table_scores_english_only(built):
    table = pd.read_csv(built / "11-sentiment-by-place.csv", keep_default_na=False).set_index("group")
    assert (table.loc["US", "n"], table.loc["US", "n_no_method"], table.loc["US", "methods"]) == (2, 0, "vader")
    assert (table.loc["RU", "n"], table.loc["RU", "n_no_method"], table.loc["RU", "mean"]) == (0, 1, "")
    assert (table.loc["DE", "n"], table.loc["DE", "n_no_method"]) == (0, 1)


@pytest.mark.parametrize("name", TABLES[1:6])
def test_tables_without_charts_trace_to_reviews(built, name):
    table = pd.read_csv(built / name, keep_default_na=False)
    assert "review_ids" in table.columns and len(table) > 0


@pytest.mark.parametrize("name", ["00-statements.csv", "00-budget-figures.csv"])
def test_row_tables_carry_review_id_and_words(built, name):
    table = pd.read_csv(built / name, keep_default_na=False)
    assert len(table) > 0 and (table["review_id"] != "").all() and (table["text"] != "").all()


def test_png_has_no_time_chunk_and_stripping_works(built):
    png = (built / "01-ratings-by-place.png").read_bytes()
    assert png.startswith(b"\x89PNG") and b"tIME" not in png
    chunk = b"\x00\x00\x00\x07tIME\x07\xe2\x01\x02\x03\x04\x05" + b"\x00\x00\x00\x00"
    stamped = png[:33] + chunk + png[33:]  # after the IHDR chunk (8 + 25 bytes)
    assert figures._strip_png_time(stamped) == png


def _png_parts(png: bytes) -> tuple[list[bytes], bytes]:
    kinds, image, pos = [], b"", 8
    while pos < len(png):
        length = int.from_bytes(png[pos : pos + 4], "big")
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        assert zlib.crc32(kind + data).to_bytes(4, "big") == png[pos + 8 + length : pos + 12 + length]
        kinds.append(kind)
        image += data if kind == b"IDAT" else b""
        pos += 12 + length
    return kinds, zlib.decompress(image)


def test_png_recompression_keeps_every_pixel_and_chunk():
    chart = figures.compute(figures.sample_analysis(), resamples=50)[0].chart.to_dict()
    raw = vl_convert.vegalite_to_png(chart, vl_version=figures.VL_VERSION, scale=1)
    small = figures._strip_png_time(raw)
    (raw_kinds, raw_pixels), (kinds, pixels) = _png_parts(raw), _png_parts(small)
    assert pixels == raw_pixels
    assert [k for k in kinds if k != b"IDAT"] == [k for k in raw_kinds if k not in (b"IDAT", b"tIME")]
    assert kinds.count(b"IDAT") == 1 and len(small) < len(raw)


def test_build_names_missing_review_columns(tmp_path):
    sample = figures.sample_analysis()
    broken = dataclasses.replace(sample, reviews=sample.reviews.drop(columns=["published"]))
    with pytest.raises(TableError, match="figures.build needs column"):
        figures.build(broken, tmp_path, corpus_sha256=SHA, data_date="x", progress=False)


def test_png_and_svg_are_real_images(built):
    svg = (built / "04-budget-figures.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and "Budget figures cited" in svg
    header = io.BytesIO((built / "04-budget-figures.png").read_bytes()).read(24)
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert width > 600 and height > 200  # rendered at scale 2


def test_build_copes_with_no_statements_no_figures_no_dates(tmp_path):
    sample = figures.sample_analysis()
    bare = dataclasses.replace(
        sample,
        statements=sample.statements.iloc[0:0],
        budget_figures=sample.budget_figures.iloc[0:0],
        reviews=sample.reviews.assign(published=None, rating=None),
    )
    figures.build(bare, tmp_path, corpus_sha256=SHA, data_date="unknown", progress=False)
    aspects = pd.read_csv(tmp_path / "02-aspects-by-place.csv", keep_default_na=False)
    assert len(aspects) == 4 * 3 and set(aspects["count"]) == {0}  # 4 places × 3 aspects, all zero
    timeline = pd.read_csv(tmp_path / "08-reviews-over-time.csv", keep_default_na=False)
    assert set(timeline["period"]) == {"unknown"} and timeline["n"].sum() == 5
    assert (tmp_path / "04-budget-figures.svg").read_text(encoding="utf-8").startswith("<svg")
