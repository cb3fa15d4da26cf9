"""A real browser: headless Chromium opens the figures gallery and the one-chart pages from file:// with the
network blocked and must draw every chart, from the one shared vendor/ copy of Vega, without a console error;
hostile text in a review or a film title must show as text and never run. Skips when Chromium is missing,
except in CI (env CI set), where it fails.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest

from toolkit import figures

REPO = Path(__file__).resolve().parents[1]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--enable-logging=stderr",
    "--v=0",
    # Every host name fails to resolve: a page that still needs the network shows up as a failure.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    # Virtual time lets the page's scripts and promises settle before the DOM is dumped.
    "--virtual-time-budget=30000",
]


def _candidates() -> list[str | None]:
    return ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]


def _chromium() -> str:
    for candidate in _candidates():
        if candidate and Path(candidate).exists():
            return candidate
    reason = "chromium is not installed (apt-get install chromium; `make test` does it)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; the browser test must run in CI")
    pytest.skip(reason)


def _open(page: Path, profile: Path) -> tuple[lxml.html.HtmlElement, str]:
    """Load `page` in headless Chromium with a fresh profile; return the rendered DOM and the log."""
    command = [_chromium(), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"chromium exited {done.returncode}: {done.stderr[-2000:]}"
    assert done.stdout.strip(), f"chromium printed no DOM for {page}: {done.stderr[-2000:]}"
    return lxml.html.fromstring(done.stdout), done.stderr


def _console_errors(log: str) -> list[str]:
    # Chromium writes page console messages to stderr as "...:CONSOLE(line)] message"; uncaught
    # exceptions read "Uncaught ...". Its own dbus/GPU noise carries no CONSOLE tag and is ignored.
    return [line for line in log.splitlines() if "Uncaught" in line or ("CONSOLE" in line and "error" in line.lower())]


def _gallery_problems(dom: lxml.html.HtmlElement, log: str) -> list[str]:
    problems = []
    body = dom.find("body")
    expected = int(body.get("data-charts", "-1"))
    containers = dom.xpath('//div[contains(concat(" ", @class, " "), " chart ")]')
    if len(containers) != expected:
        problems.append(f"{len(containers)} chart containers, expected {expected}")
    for div in containers:
        if not div.xpath(".//svg | .//canvas"):
            problems.append(f"{div.get('id')} has no <svg>/<canvas>: not rendered")
    if body.get("data-rendered") != str(expected):
        problems.append(f"{body.get('data-rendered')} of {expected} charts reported rendered")
    errors = dom.xpath('//pre[@id="errors"]')
    if errors and (errors[0].text_content() or "").strip():
        problems.append("page errors: " + errors[0].text_content().strip())
    problems.extend(f"console: {line}" for line in _console_errors(log))
    return problems


@pytest.fixture(scope="module")
def sample_figures(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("figures")
    figures.build(figures.sample_analysis(), out, corpus_sha256="0" * 64, data_date="2018-01-02", progress=False)
    return out


def test_gallery_renders_every_chart_offline_without_errors(sample_figures, tmp_path):
    dom, log = _open(sample_figures / "index.html", tmp_path / "profile")
    assert _gallery_problems(dom, log) == []
    assert len(dom.xpath('//div[contains(@class, "chart")]//svg')) >= 11
    assert dom.xpath("//script/@src") == [figures.VEGA_BUNDLE]  # Vega comes from the shared file


def test_a_page_without_the_shared_bundle_beside_it_draws_nothing(sample_figures, tmp_path):
    # Control for the shared bundle: the same page copied away from vendor/ must fail the checks.
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(sample_figures / "01-ratings-by-place.html", alone)
    dom, log = _open(alone / "01-ratings-by-place.html", tmp_path / "profile")
    assert not dom.xpath('//*[@id="vega-chart"]//svg')
    assert "vegaEmbed is not defined" in dom.xpath('string(//pre[@id="errors"])')


HOSTILE = (
    "</script><script>document.body.dataset.owned='1'</script><img src=x onerror=\"document.body.dataset.owned='1'\">"
)


@pytest.fixture(scope="module")
def hostile_figures(tmp_path_factory) -> Path:
    # A film title and a review's words that try to run script: in titles, captions, headings and specs.
    sample = figures.sample_analysis()
    statements = sample.statements.copy()
    statements.loc[0, "text"] = f"It cost about $15 million. {HOSTILE}"
    hostile = dataclasses.replace(
        sample, statements=statements, film=figures.SampleFilm(title=f"Orbit {HOSTILE}", titles=())
    )
    out = tmp_path_factory.mktemp("hostile")
    figures.build(hostile, out, corpus_sha256="0" * 64, data_date="2018-01-02", progress=False)
    return out


@pytest.mark.parametrize("page", ["index.html", "07-comparison-films-by-place.html", "02-aspects-by-place.html"])
def test_hostile_text_renders_as_text_and_never_runs(hostile_figures, tmp_path, page):
    dom, log = _open(hostile_figures / page, tmp_path / "profile")
    body = dom.find("body")
    assert body.get("data-owned") is None and not dom.xpath("//img")
    assert body.get("data-rendered") == body.get("data-charts")
    assert _console_errors(log) == []
    if page != "02-aspects-by-place.html":  # the gallery and chart 07 name the film in their titles
        assert HOSTILE in dom.xpath("string(//title)")
        assert any(HOSTILE in t for t in dom.xpath("//svg//text//text()"))  # Vega draws it as text


def test_shipped_figures_render_if_built(tmp_path):
    index = REPO / "figures" / "index.html"
    if not index.exists():
        pytest.skip("figures/ not built yet (run `toolkit figures`)")
    dom, log = _open(index, tmp_path / "profile")
    assert _gallery_problems(dom, log) == []


@pytest.mark.parametrize("stem", ["01-ratings-by-place", "04-budget-figures", "09-distinctive-words-by-place"])
def test_single_chart_pages_render_offline(sample_figures, tmp_path, stem):
    dom, log = _open(sample_figures / f"{stem}.html", tmp_path / "profile")
    assert dom.xpath('//*[@id="vega-chart"]//svg'), f"{stem}.html drew nothing"
    assert _console_errors(log) == []


def test_the_check_catches_a_broken_page(sample_figures, tmp_path):
    # Control: the same checks must fail on a gallery whose chart cannot render and whose script throws.
    page = (sample_figures / "index.html").read_text(encoding="utf-8")
    broken = page.replace('data-spec="spec-01-ratings-by-place"', 'data-spec="no-such-spec"', 1)
    head, tail = broken.rsplit("</body>", 1)  # the last one: the Vega bundle has "</body>" in a string
    broken = head + "<script>undefinedFunction();</script></body>" + tail
    path = tmp_path / "index.html"
    path.write_text(broken, encoding="utf-8")
    shutil.copytree(sample_figures / "vendor", tmp_path / "vendor")
    dom, log = _open(path, tmp_path / "profile")
    problems = _gallery_problems(dom, log)
    assert any("chart-01-ratings-by-place has no <svg>" in p for p in problems)
    assert any("undefinedFunction" in p for p in problems)
    assert not any("chart-02-aspects-by-place" in p for p in problems)  # the others still draw
    assert "10 of 11 charts reported rendered" in problems


@pytest.mark.parametrize("ci, outcome", [(None, pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_missing_chromium_skips_locally_but_fails_in_ci(monkeypatch, ci, outcome):
    monkeypatch.setitem(globals(), "_candidates", lambda: [None, "/nonexistent/chromium"])
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="chromium is not installed"):
        _chromium()


# ---------------------------------------------------------------------------------- the coding form ---
_HOSTILE = (
    "<script>document.body.setAttribute('data-pwned', 'script')</script>"
    "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\">"
)
# The test plays the coder: picks codes in two sentences, types a name and presses "Save CSV". The page's own
# save code builds the Blob; the two overrides only catch it (no download folder in --dump-dom mode).
_FILL = """<script>
URL.createObjectURL = function (blob) {
  blob.text().then(function (text) {
    var pre = document.createElement("pre"); pre.id = "captured"; pre.textContent = text;
    document.body.appendChild(pre);
  });
  return "blob:captured";
};
HTMLAnchorElement.prototype.click = function () { document.body.setAttribute("data-download", this.download); };
function pick(unit, code, value) {
  var input = document.querySelector("#unit-" + unit + " [data-code=" + code + "]");
  input.value = value; input.dispatchEvent(new Event("change", {bubbles: true}));
}
document.getElementById("coder").value = "Coder, \\"Q\\"";
pick(1, "budget", "1"); pick(1, "accuracy", "0"); pick(1, "note", "says 15 million");
pick(2, "accuracy", "1"); pick(2, "stance", "embellished"); pick(2, "geopolitics", "1");
document.querySelector("#unit-2 .frame[value=cold_war]").checked = true;
document.getElementById("save").click();
</script>
</body>"""


def _form(tmp_path: Path) -> Path:
    import pandas as pd

    from toolkit.validation import coding_form

    first = "The film cost $15 million. "
    second = "The fire on board never happened, and the Americans look like Cold War villains."
    third = f"Ein Satz mit {_HOSTILE} darin."
    reviews = pd.DataFrame({"review_id": ["r1", "r2"], "text": [first + second, third]})
    units = pd.DataFrame(
        [
            {
                "review_id": "r1",
                "sentence_id": "r1:1",
                "start": 0,
                "end": len(first) - 1,
                "language": "en",
                "kind": "critic",
                "text": first[:-1],
            },
            {
                "review_id": "r1",
                "sentence_id": "r1:2",
                "start": len(first),
                "end": len(first) + len(second),
                "language": "en",
                "kind": "critic",
                "text": second,
            },
            {
                "review_id": "r2",
                "sentence_id": "r2:1",
                "start": 0,
                "end": len(third),
                "language": "de",
                "kind": "user",
                "text": third,
            },
        ]
    )
    page = coding_form(units, reviews, title="Test <form>", frames=["cold_war", "space_race"])
    path = tmp_path / "form.html"
    path.write_text(page.replace("</body>", _FILL, 1) if "</body>" in page else page, encoding="utf-8")
    return path


def test_coding_form_fills_two_sentences_and_saves_the_csv_offline(tmp_path):
    import csv
    import io

    dom, log = _open(_form(tmp_path), tmp_path / "profile")
    assert _console_errors(log) == []
    captured = dom.xpath('//pre[@id="captured"]')
    assert captured, "the form saved nothing"
    rows = list(csv.DictReader(io.StringIO(captured[0].text_content())))
    assert dom.find("body").get("data-download") == "coding-Coder_Q_.csv"
    assert [r["sentence_id"] for r in rows] == ["r1:1", "r1:2", "r2:1"]
    assert {k: rows[0][k] for k in ("budget", "accuracy", "geopolitics", "stance", "frames", "coder", "note")} == {
        "budget": "1",
        "accuracy": "0",
        "geopolitics": "",
        "stance": "",
        "frames": "",
        "coder": 'Coder, "Q"',
        "note": "says 15 million",
    }
    assert {k: rows[1][k] for k in ("budget", "accuracy", "geopolitics", "stance", "frames")} == {
        "budget": "",
        "accuracy": "1",
        "geopolitics": "1",
        "stance": "embellished",
        "frames": "cold_war",
    }
    assert rows[2]["text"] == f"Ein Satz mit {_HOSTILE} darin." and rows[2]["budget"] == ""
    # The saved sheet reads back as a coding sheet.
    from toolkit.validation import read_sheets

    (tmp_path / "saved.csv").write_text(captured[0].text_content(), encoding="utf-8")
    assert read_sheets([tmp_path / "saved.csv"])["budget"].tolist()[:2] == [1, None]


def test_coding_form_shows_markup_in_a_review_as_text(tmp_path):
    dom, log = _open(_form(tmp_path), tmp_path / "profile")
    body = dom.find("body")
    assert body.get("data-pwned") is None, "a script inside a review ran"
    assert not dom.xpath('//section[@id="unit-3"]//script | //section[@id="unit-3"]//img')
    shown = dom.xpath('//section[@id="unit-3"]//mark')[0].text_content()
    assert "<script>document.body.setAttribute" in shown and "<img src=x" in shown
    assert dom.findtext(".//title") == "Test <form>"
