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
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
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
    return [line for line in log.splitlines()
            if "Uncaught" in line or ("CONSOLE" in line and "error" in line.lower())]


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
    figures.build(figures.sample_analysis(), out, corpus_sha256="0" * 64, data_date="2018-01-02",
                  progress=False)
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


HOSTILE = ("</script><script>document.body.dataset.owned='1'</script>"
           "<img src=x onerror=\"document.body.dataset.owned='1'\">")


@pytest.fixture(scope="module")
def hostile_figures(tmp_path_factory) -> Path:
    # A film title and a review's words that try to run script: in titles, captions, headings and specs.
    sample = figures.sample_analysis()
    statements = sample.statements.copy()
    statements.loc[0, "text"] = f"It cost about $15 million. {HOSTILE}"
    hostile = dataclasses.replace(sample, statements=statements,
                                  film=figures.SampleFilm(title=f"Orbit {HOSTILE}", titles=()))
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
