"""The `toolkit` command: every subcommand on a small multilingual input, and its error handling."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.cli import _parser, main

FIXTURE = Path(__file__).parent / "fixtures" / "cli" / "reviews.jsonl"


def _run(capsys, *argv: str) -> list[dict]:
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_languages_one_object_per_review(capsys):
    rows = _run(capsys, "languages", "--input", str(FIXTURE))
    assert [r["review_id"] for r in rows] == ["en-1", "de-1", "ru-1", "en-2"]
    assert [r["language"] for r in rows] == ["en", "de", "ru", "und"]
    assert all(isinstance(r["sentences"], list) for r in rows)
    assert len(rows[0]["sentences"]) == 2


def test_statements_carry_budget_figures(capsys):
    rows = _run(capsys, "statements", "--input", str(FIXTURE), "--year", "2017")
    budget = {(r["review_id"], f["amount"], f["currency"], f["subject"])
              for r in rows if r["aspect"] == "budget" for f in r["figures"]}
    assert ("en-1", 20e6, "USD", "film") in budget
    assert ("en-1", 200e6, "USD", "counterfactual") in budget
    assert ("de-1", 13e6, "USD", "film") in budget
    assert ("ru-1", 380e6, "RUB", "film") in budget
    aspects = {(r["review_id"], r["aspect"]) for r in rows}
    assert {("en-1", "accuracy"), ("de-1", "accuracy"), ("ru-1", "geopolitics")} <= aspects
    for row in rows:
        assert row["text"]  # every statement carries its words


def test_statements_write_to_output_file(tmp_path, capsys):
    out = tmp_path / "statements.jsonl"
    assert main(["statements", "--input", str(FIXTURE), "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) >= 5


def test_align_writes_html_and_csv(tmp_path, capsys):
    rows = _run(capsys, "align", "--input", str(FIXTURE), "--year", "2017",
                "--html", str(tmp_path / "align.html"), "--csv-dir", str(tmp_path))
    assert {r["table"] for r in rows} == {"by_review", "claims"}
    html = (tmp_path / "align.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and "380" in html
    assert (tmp_path / "claims.csv").stat().st_size > 0


@pytest.mark.parametrize("content, message", [
    ('{"id": "a", "text": "fine"}\n{"id": "a", "text": "again"}\n', "line 2"),
    ('{"id": "a"}\n', "line 1"),
    ("", "empty"),
])
def test_bad_input_is_a_clear_error(tmp_path, capsys, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    assert main(["statements", "--input", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("toolkit: error:") and "bad.jsonl" in err and message in err
    assert "Traceback" not in err


def test_missing_input_file(capsys):
    assert main(["languages", "--input", "/nonexistent/reviews.jsonl"]) == 2
    assert "/nonexistent/reviews.jsonl" in capsys.readouterr().err


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    commands = _parser()._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse keeps them here
    for name in commands:
        assert f"toolkit {name}" in readme, name


def test_python_dash_m_works():
    done = subprocess.run([sys.executable, "-m", "toolkit", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("toolkit ")


@pytest.mark.parametrize("command", ["languages", "statements"])
def test_jobs_and_chunks_print_the_same_rows(tmp_path, capsys, command):
    whole = _run(capsys, command, "--input", str(FIXTURE), "--year", "2017")
    out = tmp_path / "streamed.jsonl"
    assert main([command, "--input", str(FIXTURE), "--year", "2017", "--jobs", "2", "--chunk-size", "1",
                 "--output", str(out)]) == 0
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == whole


def test_csv_input_gives_the_same_statements_as_jsonl(tmp_path, capsys):
    import pandas as pd

    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    csv = tmp_path / "reviews.csv"
    pd.DataFrame(rows).to_csv(csv, index=False)
    assert _run(capsys, "statements", "--input", str(csv)) == _run(capsys, "statements", "--input", str(FIXTURE))


def test_jobs_needs_a_jsonl_file(tmp_path, capsys):
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "a.txt").write_text("A fine film about a space station.", encoding="utf-8")
    assert main(["statements", "--input", str(folder), "--jobs", "2"]) == 2
    assert "--jobs streams JSONL files only" in capsys.readouterr().err


@pytest.mark.slow
def test_dask_engine_on_a_running_cluster_equals_the_pandas_path(tmp_path, capsys):
    import pandas as pd
    from distributed import LocalCluster

    expected = _run(capsys, "statements", "--input", str(FIXTURE), "--year", "2017")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert main(["statements", "--input", str(FIXTURE), "--year", "2017", "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, "--output", str(tmp_path / "out")]) == 0
    got = pd.read_parquet(tmp_path / "out" / "statements")
    assert list(zip(got["review_id"], got["aspect"], got["text"])) == [
        (r["review_id"], r["aspect"], r["text"]) for r in expected]
