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
    budget = {
        (r["review_id"], f["amount"], f["currency"], f["subject"])
        for r in rows
        if r["aspect"] == "budget"
        for f in r["figures"]
    }
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
    rows = _run(
        capsys,
        "align",
        "--input",
        str(FIXTURE),
        "--year",
        "2017",
        "--html",
        str(tmp_path / "align.html"),
        "--csv-dir",
        str(tmp_path),
    )
    assert {r["table"] for r in rows} == {"by_review", "claims"}
    html = (tmp_path / "align.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and "380" in html
    assert (tmp_path / "claims.csv").stat().st_size > 0


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"id": "a", "text": "fine"}\n{"id": "a", "text": "again"}\n', "line 2"),
        ('{"id": "a"}\n', "line 1"),
        ("", "empty"),
    ],
)
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
    assert (
        main(
            [
                command,
                "--input",
                str(FIXTURE),
                "--year",
                "2017",
                "--jobs",
                "2",
                "--chunk-size",
                "1",
                "--output",
                str(out),
            ]
        )
        == 0
    )
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
        assert (
            main(
                [
                    "statements",
                    "--input",
                    str(FIXTURE),
                    "--year",
                    "2017",
                    "--engine",
                    "dask",
                    "--scheduler",
                    cluster.scheduler_address,
                    "--output",
                    str(tmp_path / "out"),
                ]
            )
            == 0
        )
    got = pd.read_parquet(tmp_path / "out" / "statements")
    assert list(zip(got["review_id"], got["aspect"], got["text"])) == [
        (r["review_id"], r["aspect"], r["text"]) for r in expected
    ]


# --- --on-error skip: bad records at scale ------------------------------------------------------------------

# One file per format mixing good records with every kind of bad one. The letter-less review ("★★★★☆") is a
# good record: a rating-only review is kept, with language `und`.
MIXED_JSONL = (
    "\n".join(
        [
            '{"id": "fr-1", "text": "Un film sobre et précis sur une station spatiale gelée."}',
            '{"id": "empty-1", "text": "  "}',
            '{"id": "de-1", "text": "Der Film kostete rund 13 Millionen Dollar."}',
            '{"id": "cut-1", "text": "Abgeschnitten',
            '{"id": "fr-1", "text": "Encore une fois, le même identifiant."}',
            '{"text": "Kein Schlüssel, keine Kennung."}',
            '{"id": "num-1", "text": 42}',
            '{"id": "stars-1", "text": "★★★★☆"}',
            "",
            '{"id": "ru-1", "text": "Бюджет фильма составил 380 миллионов рублей."}',
        ]
    )
    + "\n"
)
MIXED_CSV = (
    "\n".join(
        [
            "id,text",
            "fr-1,Un film sobre et précis sur une station spatiale gelée.",
            'empty-1,"  "',
            "de-1,Der Film kostete rund 13 Millionen Dollar.",
            'cut-1,"Nie geschlossen "Anführung" hier',
            'fr-1,"Encore une fois, le même identifiant."',
            ',"Kein Schlüssel, keine Kennung."',
            "num-1,zu,viele,Felder",
            "stars-1,★★★★☆",
            "",
            "ru-1,Бюджет фильма составил 380 миллионов рублей.",
        ]
    )
    + "\n"
)
GOOD = ["fr-1", "de-1", "stars-1", "ru-1"]
GOOD_LINES = {"jsonl": [0, 2, 7, 9], "csv": [0, 1, 3, 8, 10]}  # 0-based, in the files above
REJECTED = {
    "jsonl": [
        (2, "empty-1", "no text"),
        (4, "cut-1", "broken JSON"),
        (5, "fr-1", "duplicate id"),
        (6, "", "no id"),
        (7, "num-1", "wrong type"),
    ],
    "csv": [
        (3, "empty-1", "no text"),
        (5, "cut-1", "broken CSV row"),
        (6, "fr-1", "duplicate id"),
        (7, "", "no id"),
        (8, "num-1", "broken CSV row"),
    ],
}
SUMMARY = {
    "jsonl": "5 of 9 records rejected (1 broken JSON, 1 duplicate id, 1 no id, 1 no text, 1 wrong type)",
    "csv": "5 of 9 records rejected (2 broken CSV row, 1 duplicate id, 1 no id, 1 no text)",
}


def _mixed(tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"mixed.{fmt}"
    path.write_text(MIXED_JSONL if fmt == "jsonl" else MIXED_CSV, encoding="utf-8")
    return path


def _rejections(path: Path) -> list[tuple[int, str, str]]:
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(int(row["line"]), row["record_id"], row["kind"]) for row in rows]


@pytest.mark.parametrize(
    "fmt, options",
    [
        ("jsonl", []),
        ("jsonl", ["--jobs", "2", "--chunk-size", "2"]),
        ("csv", []),
    ],
    ids=["jsonl", "jsonl-jobs2", "csv"],
)
def test_skip_keeps_every_good_record_and_lists_every_bad_one(tmp_path, capsys, fmt, options):
    path = _mixed(tmp_path, fmt)
    out = tmp_path / "languages.jsonl"
    assert main(["languages", "--input", str(path), "--on-error", "skip", "--output", str(out), *options]) == 3
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["review_id"] for r in rows] == GOOD
    assert [r["language"] for r in rows] == ["fr", "de", "und", "ru"]
    listed = tmp_path / "languages.jsonl.rejections.csv"
    rejected = _rejections(listed)
    assert rejected == REJECTED[fmt]
    assert len(rows) + len(rejected) == 9  # nothing silently lost
    with open(listed, encoding="utf-8") as handle:
        assert handle.readline().strip() == "source,line,record_id,reason,kind"
        assert all(line.startswith(f"{path},") for line in handle)
    assert capsys.readouterr().err.strip() == f"toolkit: {SUMMARY[fmt]}; see {listed}"


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_skip_gives_the_same_statements_in_every_path(tmp_path, capsys, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    path = _mixed(tmp_path, fmt)
    good = tmp_path / f"good.{fmt}"  # the same file with only its good records (and the CSV header)
    lines = path.read_text(encoding="utf-8").splitlines()
    good.write_text("".join(lines[i] + "\n" for i in GOOD_LINES[fmt]), encoding="utf-8")
    expected = _run(capsys, "statements", "--input", str(good), "--year", "2017")
    assert {r["review_id"] for r in expected} >= {"de-1", "ru-1"}
    assert main(["statements", "--input", str(path), "--year", "2017", "--on-error", "skip"]) == 3
    captured = capsys.readouterr()
    assert [json.loads(line) for line in captured.out.splitlines()] == expected
    # stdout: the rejections go to the current folder, named after the input
    assert f"see mixed.{fmt}.rejections.csv" in captured.err
    assert _rejections(tmp_path / f"mixed.{fmt}.rejections.csv") == REJECTED[fmt]
    if fmt == "jsonl":
        out = tmp_path / "jobs.jsonl"
        assert (
            main(
                [
                    "statements",
                    "--input",
                    str(path),
                    "--year",
                    "2017",
                    "--on-error",
                    "skip",
                    "--jobs",
                    "2",
                    "--chunk-size",
                    "3",
                    "--output",
                    str(out),
                    "--rejections",
                    str(tmp_path / "r.csv"),
                ]
            )
            == 3
        )
        assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == expected
        assert (tmp_path / "r.csv").read_bytes() == (tmp_path / "mixed.jsonl.rejections.csv").read_bytes()


def test_skip_with_the_dask_engine_gives_the_same_rows(tmp_path, capsys):
    pytest.importorskip("dask")
    import pandas as pd

    path = _mixed(tmp_path, "jsonl")
    assert (
        main(
            [
                "statements",
                "--input",
                str(path),
                "--year",
                "2017",
                "--on-error",
                "skip",
                "--output",
                str(tmp_path / "streamed.jsonl"),
            ]
        )
        == 3
    )
    expected = [json.loads(line) for line in (tmp_path / "streamed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (
        main(
            [
                "statements",
                "--input",
                str(path),
                "--year",
                "2017",
                "--on-error",
                "skip",
                "--engine",
                "dask",
                "--scheduler",
                "synchronous",
                "--output",
                str(tmp_path / "dask"),
            ]
        )
        == 3
    )
    got = pd.read_parquet(tmp_path / "dask" / "statements")
    assert list(zip(got["review_id"], got["aspect"], got["text"])) == [
        (r["review_id"], r["aspect"], r["text"]) for r in expected
    ]
    assert (tmp_path / "dask.rejections.csv").read_bytes() == (tmp_path / "streamed.jsonl.rejections.csv").read_bytes()
    assert f"toolkit: {SUMMARY['jsonl']}; see {tmp_path / 'dask.rejections.csv'}" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["languages", "statements", "align"])
def test_skip_without_bad_records_exits_0_and_says_so(tmp_path, capsys, command):
    out = tmp_path / "out.jsonl"
    assert main([command, "--input", str(FIXTURE), "--on-error", "skip", "--output", str(out)]) == 0
    assert capsys.readouterr().err.strip() == f"toolkit: 0 of 4 records rejected; see {out}.rejections.csv"
    assert (tmp_path / "out.jsonl.rejections.csv").read_text(encoding="utf-8") == "source,line,record_id,reason,kind\n"


@pytest.mark.parametrize(
    "fmt, first",
    [
        ("jsonl", "mixed.jsonl line 2: record 'empty-1' has no text"),
        ("csv", "mixed.csv line 3: record 'empty-1' has no text"),
    ],
)
def test_stop_is_still_the_default_and_names_the_first_bad_record(tmp_path, capsys, fmt, first):
    path = _mixed(tmp_path, fmt)
    assert main(["statements", "--input", str(path), "--output", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("toolkit: error: ") and first in err.splitlines()[0]
    assert not (tmp_path / "o.jsonl").exists() and not list(tmp_path.glob("*.rejections.csv"))


def test_align_skips_bad_records_too(tmp_path, capsys):
    path = _mixed(tmp_path, "csv")
    assert main(["align", "--input", str(path), "--on-error", "skip", "--output", str(tmp_path / "a.jsonl")]) == 3
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["review_id"] for r in rows if r["table"] == "by_review") == sorted(GOOD)
    assert _rejections(tmp_path / "a.jsonl.rejections.csv") == REJECTED["csv"]


def test_help_documents_on_error_and_the_exit_status():
    text = " ".join(_parser().format_help().split())
    assert "3 done with --on-error skip, but some records were rejected" in text
    statements = _parser()._subparsers._group_actions[0].choices["statements"].format_help()  # noqa: SLF001
    statements = " ".join(statements.split())
    assert "--on-error {stop,skip}" in statements and "OUTPUT.rejections.csv" in statements
    assert "--progress, --no-progress" in statements


# --- progress bars: a terminal's, never a pipe's -----------------------------------------------------------


@pytest.mark.parametrize("flag, shown", [([], False), (["--progress"], True)])
def test_progress_bars_only_on_a_terminal_or_when_asked(tmp_path, flag, shown):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "toolkit",
            "languages",
            "--input",
            str(FIXTURE),
            "--output",
            str(tmp_path / "out.jsonl"),
            *flag,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    bar = any(mark in done.stderr for mark in ("it/s", "B/s", "%|", "█"))
    assert bar == shown, done.stderr


@pytest.mark.parametrize("limit, tier", [(4, "accurate"), (3, "fast")])
@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_coder_auto_takes_the_accurate_tier_up_to_its_limit(tmp_path, capsys, monkeypatch, limit, tier, suffix):
    """Four reviews, streamed (JSONL) or read whole (CSV): auto codes them as the tier it names on stderr."""
    import pandas as pd

    from toolkit import cli

    path = FIXTURE
    if suffix == ".csv":
        path = tmp_path / "reviews.csv"
        pd.read_json(FIXTURE, lines=True, dtype=False).to_csv(path, index=False)
    monkeypatch.setattr(cli, "AUTO_ACCURATE_REVIEWS", limit)
    assert main(["statements", "--input", str(path), "--year", "2017"]) == 0
    captured = capsys.readouterr()
    auto, said = [json.loads(line) for line in captured.out.splitlines()], captured.err
    named = _run(capsys, "statements", "--input", str(path), "--year", "2017", "--coder", tier)
    assert auto == named
    assert ("with the fast tier" in said) == (tier == "fast")
