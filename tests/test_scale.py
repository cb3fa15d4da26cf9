"""Streaming, multi-process and Dask runs give exactly the pandas pipeline's output (toolkit/scale.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.bench import generate, write_jsonl
from toolkit import cli
from toolkit.pipeline import Film, analyse
from toolkit.readers import REJECTION_COLUMNS, ReviewInputError, read_reviews, read_reviews_report
from toolkit.scale import conform, read_jsonl_chunks, run_file, run_partition, table_schemas

FIXTURES = Path(__file__).parent / "fixtures"
FILM = Film("Salyut-7", 2017, ("Salyut-7", "Салют-7"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """40 generated reviews in many languages, with budget, accuracy and geopolitics sentences."""
    path = tmp_path_factory.mktemp("scale") / "reviews.jsonl"
    write_jsonl(generate(40, seed=11), path)
    return path


@pytest.fixture(scope="module")
def whole(corpus) -> dict[str, pd.DataFrame]:
    return run_partition(read_reviews(corpus), film=FILM, sentences=True)


def _plain(column: pd.Series) -> list:
    """Cells as plain Python values (lists for list cells, None for missing), to compare across dtypes."""
    out = []
    for value in column.tolist():
        if hasattr(value, "tolist"):
            value = value.tolist()
        if isinstance(value, float) and value != value:
            value = None
        out.append(list(value) if isinstance(value, tuple) else value)
    return out


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_generated_corpus_is_deterministic_and_varied(corpus):
    rows = [json.loads(line) for line in _lines(corpus)]
    assert rows[:3] == list(generate(3, seed=11))
    assert list(generate(2, seed=11, start=5)) == rows[5:7]
    assert len({r["bench_language"] for r in rows}) >= 8
    assert all(20 <= len(r["text"]) <= 5000 for r in rows)


def test_jobs_and_chunk_size_do_not_change_the_output(corpus, tmp_path):
    outputs = []
    for jobs, chunk in [(1, 1000), (1, 7), (2, 7), (2, 3)]:
        out = tmp_path / f"j{jobs}-c{chunk}.jsonl"
        summary = run_file(corpus, out, jobs=jobs, chunk_size=chunk, film=FILM, progress=False)
        assert (summary.reviews, summary.rejected, summary.jobs) == (40, 0, jobs)
        outputs.append(out.read_bytes())
    assert outputs[0] and all(o == outputs[0] for o in outputs)


def test_streamed_statements_are_the_cli_statements(corpus, tmp_path, whole):
    """The "same outputs as before" check: every line `toolkit statements` prints, byte for byte."""
    ours, theirs = tmp_path / "ours.jsonl", tmp_path / "cli.jsonl"
    run_file(corpus, ours, chunk_size=6, film=Film("the film", 2017), progress=False)
    assert cli.main(["statements", "--input", str(corpus), "--output", str(theirs), "--year", "2017"]) == 0
    assert sorted(_lines(ours)) == sorted(_lines(theirs))
    assert len(_lines(ours)) == len(whole["statements"]) > 10
    # Rows follow the input order of their reviews.
    order = {json.loads(line)["id"]: i for i, line in enumerate(_lines(corpus))}
    positions = [order[json.loads(line)["review_id"]] for line in _lines(ours)]
    assert positions == sorted(positions)


def test_python_stored_strings_change_no_line(corpus, whole):
    """A streaming worker keeps its tables' text as Python strings (`_PYTHON_STRINGS`, for speed): the lines it
    writes are those of the tables pandas builds by default, and their text columns are still of the str dtype."""
    from toolkit.scale import _PYTHON_STRINGS, jsonl_by_review

    reviews = read_reviews(corpus)
    default = run_partition(reviews, film=FILM, sentences=True)
    with pd.option_context(*_PYTHON_STRINGS):
        python = run_partition(reviews, film=FILM, sentences=True)
        lines = jsonl_by_review(python, "statements")
    assert lines == jsonl_by_review(default, "statements") and len(lines) > 10
    for name, frame in python.items():
        assert frame.dtypes.map(str).tolist() == default[name].dtypes.map(str).tolist(), name  # "str" either way
        pd.testing.assert_frame_equal(frame, default[name], check_dtype=False, check_column_type=False)


def test_languages_output_is_the_cli_languages(corpus, tmp_path):
    ours, theirs = tmp_path / "ours.jsonl", tmp_path / "cli.jsonl"
    run_file(corpus, ours, chunk_size=9, what="languages", jobs=2, progress=False)
    assert cli.main(["languages", "--input", str(corpus), "--output", str(theirs)]) == 0
    assert _lines(ours) == _lines(theirs)


def test_chunked_partitions_equal_the_whole_frame(corpus, whole):
    reviews = read_reviews(corpus)
    parts = [run_partition(reviews.iloc[i : i + 6], film=FILM, sentences=True) for i in range(0, len(reviews), 6)]
    for name, frame in whole.items():
        glued = pd.concat([p[name] for p in parts], ignore_index=True)
        pd.testing.assert_frame_equal(glued, frame)
    # ...and the whole frame is `analyse`'s output, only put in input order.
    analysis = analyse(reviews, film=FILM)
    schemas = table_schemas()
    for name in ("statements", "budget_figures", "sentences"):
        theirs = conform(getattr(analysis, name), schemas[name])
        assert len(whole[name]) == len(theirs)
        key = ["review_id", "sentence_id", "start", "end"]
        pd.testing.assert_frame_equal(
            whole[name].sort_values(key, kind="stable").reset_index(drop=True),
            theirs.sort_values(key, kind="stable").reset_index(drop=True),
        )
    assert whole["budget_figures"]["usd"].notna().sum() >= 3


def test_shipped_corpus_chunked_equals_whole():
    from toolkit.corpus import load_corpus
    from toolkit.pipeline import film_of

    reviews = load_corpus()
    film = film_of()
    whole = run_partition(reviews, film=film)
    parts = [run_partition(reviews.iloc[i : i + 8], film=film) for i in range(0, len(reviews), 8)]
    for name, frame in whole.items():
        pd.testing.assert_frame_equal(pd.concat([p[name] for p in parts], ignore_index=True), frame)
    assert len(whole["reviews"]) == len(reviews) and len(whole["statements"]) > 20
    assert (whole["budget_figures"]["subject"] == "film").any()


def test_streamed_reading_is_read_reviews(corpus):
    for path in (FIXTURES / "readers" / "reviews.jsonl", corpus):
        expected, rejected = read_reviews_report(path)
        for chunk in (1, 2, 1000):
            frames = list(read_jsonl_chunks(path, chunk_size=chunk))
            got = pd.concat([r for r, _ in frames], ignore_index=True)
            pd.testing.assert_frame_equal(got[expected.columns.tolist()], expected, check_dtype=False)
            assert sum(len(j) for _, j in frames) == len(rejected)


BAD = [
    '{"id": "a", "text": "The film cost $5 million."}',
    '{"id": "b"}',  # no text
    '{"id": "c", "text": "Gut.", "duplicate_of": "e"}',  # forward link: fine
    "not json",
    '{"id": "a", "text": "Again."}',  # duplicate id, in a later chunk
    '{"id": "e", "text": "Bien.", "kind": "critic"}',
    '{"id": "f", "text": "Ok.", "duplicate_of": "zz"}',  # dangling link
    '{"id": "g", "text": "Nice.", "kind": "podcast"}',  # unknown kind
]


def test_rejections_match_read_reviews_and_name_lines(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("\r\n".join(BAD) + "\r\n", encoding="utf-8")
    reviews, rejected = read_reviews_report(path)
    out = tmp_path / "out.jsonl"
    summary = run_file(path, out, what="reviews", chunk_size=2, strict=False, progress=False)
    assert [json.loads(line)["review_id"] for line in _lines(out)] == reviews["review_id"].tolist() == ["a", "c", "e"]
    assert summary.rejections == tmp_path / "out.jsonl.rejections.csv"
    ours = pd.read_csv(summary.rejections, dtype={"line": "int64"}, keep_default_na=False)
    assert ours.columns.tolist() == REJECTION_COLUMNS
    assert [(r.line, r.record_id or None, r.reason, r.kind) for r in ours.itertuples()] == [
        (r.line, r.record_id, r.reason, r.kind) for r in rejected.itertuples()
    ]
    assert ours["line"].tolist() == [2, 4, 5, 7, 8]
    assert ours["kind"].tolist() == ["no text", "broken JSON", "duplicate id", "dangling duplicate_of", "bad value"]
    assert summary.records == 8 == summary.reviews + summary.rejected
    with pytest.raises(ReviewInputError, match=r"bad.jsonl line 2: record 'b' has no text"):
        run_file(path, tmp_path / "strict.jsonl", progress=False)
    assert not (tmp_path / "strict.jsonl").exists() and not (tmp_path / "strict.jsonl.partial").exists()


def test_dangling_link_alone_fails_at_the_end(tmp_path):
    path = tmp_path / "links.jsonl"
    path.write_text('{"id": "x", "text": "Gut.", "duplicate_of": "y"}\n{"id": "z", "text": "Bon."}\n')
    with pytest.raises(ReviewInputError, match=r"line 1: record 'x' has duplicate_of 'y'"):
        run_file(path, tmp_path / "o.jsonl", chunk_size=1, progress=False)


def test_parquet_output_is_the_conformed_table(corpus, tmp_path, whole):
    out = tmp_path / "statements.parquet"
    run_file(corpus, out, jobs=2, chunk_size=8, fmt="parquet", film=FILM, progress=False)
    schema = table_schemas()["statements"]
    got = pd.read_parquet(out)
    expected = conform(whole["statements"], schema, arrow=True)
    assert got.columns.tolist() == expected.columns.tolist() and len(got) == len(expected) > 10
    for column in schema:
        assert _plain(got[column]) == _plain(expected[column]), column


def test_bad_options_are_refused(corpus, tmp_path):
    with pytest.raises(ValueError, match="what must be one of"):
        run_file(corpus, tmp_path / "x", what="everything", progress=False)
    with pytest.raises(ReviewInputError, match="streaming reads one JSONL file"):
        run_file(FIXTURES / "readers" / "reviews.csv", tmp_path / "x", progress=False)


@pytest.mark.slow
def test_dask_cluster_equals_pandas_row_for_row(corpus, tmp_path, whole):
    distributed = pytest.importorskip("distributed")
    from toolkit.scale import run_dask_files

    rows = _lines(corpus)
    shards = []
    for n, part in enumerate((rows[:15], rows[15:])):
        shard = tmp_path / f"shard-{n}.jsonl"
        shard.write_text("\n".join(part) + "\n", encoding="utf-8")
        shards.append(shard)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        written = run_dask_files(
            str(tmp_path / "shard-*.jsonl"),
            tmp_path / "out",
            scheduler=cluster.scheduler_address,
            film=FILM,
            partition_lines=6,
        )
    schemas = table_schemas()
    for name in ("reviews", "statements", "budget_figures"):
        got = pd.read_parquet(written[name])
        expected = conform(whole[name], schemas[name], arrow=True)
        assert len(got) == len(expected) > 0
        for column in schemas[name]:
            assert _plain(got[column]) == _plain(expected[column]), (name, column)
    assert pd.read_parquet(written["rejections"]).empty


def test_run_dask_on_a_dask_dataframe_equals_pandas(corpus, whole):
    dd = pytest.importorskip("dask.dataframe")
    import dask

    from toolkit.scale import run_dask

    reviews = read_reviews(corpus)[["review_id", "text"]]
    tables = run_dask(dd.from_pandas(reviews, npartitions=3, sort=False), film=FILM)
    computed = dask.compute(tables, scheduler="synchronous")[0]
    schemas = table_schemas()
    for name in ("reviews", "statements", "budget_figures"):
        got, expected = computed[name], conform(whole[name], schemas[name], arrow=True)
        assert list(got.columns) == list(schemas[name]) and len(got) == len(expected) > 0
        for column in schemas[name]:
            assert _plain(got[column]) == _plain(expected[column]), (name, column)


def test_dask_files_refuse_ids_repeated_across_shards(corpus, tmp_path):
    pytest.importorskip("dask")
    from toolkit.scale import run_dask_files

    rows = _lines(corpus)[:3]
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(
        ReviewInputError, match=r"b.jsonl line 1: duplicate id 's11-0000000' \(first used at .*a.jsonl line 1\)"
    ):
        run_dask_files(str(tmp_path / "*.jsonl"), tmp_path / "out", scheduler="synchronous", film=FILM)
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.partial").exists()


def test_stdout_output_is_the_file_output(corpus, tmp_path, capsys):
    out = tmp_path / "file.jsonl"
    run_file(corpus, out, chunk_size=9, film=FILM, progress=False)
    capsys.readouterr()
    run_file(corpus, None, chunk_size=9, jobs=2, film=FILM, progress=False)
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")


def test_real_text_rates_cover_the_shipped_and_written_reviews() -> None:
    from benchmarks.bench import real_text_rates

    (rates,) = real_text_rates(rounds=1)
    # 65 corpus units + 54 written development reviews; about 68 KB of text.
    assert rates["reviews"] == 119
    assert 0.05 < rates["megabytes"] < 0.1
    assert rates["languages"] > 0 and rates["statements"] > 0


def test_dask_files_skip_ids_repeated_across_partitions(tmp_path):
    """With strict=False an id repeated in a later partition keeps its first record, as in run_file."""
    pytest.importorskip("dask")
    from toolkit.scale import run_dask_files

    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(BAD) + "\n", encoding="utf-8")
    written = run_dask_files(str(path), tmp_path / "out", scheduler="synchronous", partition_lines=2, strict=False)
    summary = run_file(path, tmp_path / "out.jsonl", what="reviews", chunk_size=3, strict=False, progress=False)
    assert pd.read_parquet(written["reviews"])["review_id"].tolist() == ["a", "c", "e"]
    got = pd.read_parquet(written["rejections"])
    listed = pd.read_csv(summary.rejections, keep_default_na=False)
    assert (
        [(r.line, r.kind) for r in got.itertuples()]
        == [(r.line, r.kind) for r in listed.itertuples()]
        == [(2, "no text"), (4, "broken JSON"), (5, "duplicate id"), (7, "dangling duplicate_of"), (8, "bad value")]
    )


# ---------------------------------------------------------------------------------------- long reviews ---
_LONG_PARTS = (
    "The studio spent ${n} million on the orbital sets.",
    "Nobody in my row cared about the score.",
    "Shooting took {n} weeks, far longer than planned.",
    "Der Film kostete {n} Millionen Euro.",
    "The docking scene is the best part.",
)


def _long_review(size: int) -> pd.DataFrame:
    """One review of about `size` bytes: short sentences, a third of them with a budget figure."""
    parts, total, i = [], 0, 0
    while total < size:
        sentence = _LONG_PARTS[i % len(_LONG_PARTS)].format(n=10 + i % 89)
        parts.append(sentence)
        total += len(sentence) + 1
        i += 1
    return pd.DataFrame({"review_id": ["long"], "text": [" ".join(parts)]})


def _calls(run) -> int:
    """Function calls (Python and C) made by `run()`: an operation count that does not depend on the clock."""
    import sys

    count = 0

    def tally(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(tally)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count


def test_a_long_review_costs_linear_work():
    """A 1 MB review costs about ten times the work of a 100 KB one, not a hundred (issue 13: one long review
    took minutes). The statements path as `toolkit statements` runs it: every stage, then the JSONL lines."""
    from toolkit.scale import jsonl_by_review

    def statements(size: int) -> tuple[int, list]:
        reviews = _long_review(size)
        out: list = []
        count = _calls(
            lambda: out.extend(jsonl_by_review(run_partition(reviews, film=FILM, coder="fast"), "statements"))
        )
        return count, out

    statements(5_000)  # compile the lexicons and fill the memos: one-off work
    small, small_out = statements(100_000)
    large, large_out = statements(1_000_000)
    assert len(small_out) == len(large_out) == 1
    lines = large_out[0][1].splitlines()
    assert len(lines) > 10 * 0.9 * len(small_out[0][1].splitlines())
    assert json.loads(lines[0])["figures"][0]["amount"] == 10_000_000
    # 9.3x when written (885,135 and 8,221,481 calls); re-copying the review's text per statement, or
    # re-reading its earlier sentences, would make it grow with the square of the length instead.
    assert large / small < 11.5, (small, large)


# ------------------------------------------------------------------------------------------------ start-up ---
# Reviews whose language their script and function words settle: no statistical detector is needed for them.
_SETTLED = [
    {
        "id": "en-1",
        "text": "The producers spent about 40 million dollars on this space drama, and the budgets of "
        "its rivals were far larger. The film is not faithful to what really happened on the station.",
    },
    {
        "id": "ru-1",
        "text": "Фильм снят за 450 миллионов рублей, и это видно по каждому кадру. В реальности "
        "пожара на станции не было, но сценаристы его придумали.",
    },
    {
        "id": "de-1",
        "text": "Der Film hat nur 12 Millionen Euro gekostet, aber er sieht nicht billig aus. Die "
        "Geschichte ist frei erfunden und hat mit den echten Ereignissen wenig zu tun.",
    },
]


@pytest.mark.parametrize(
    "coder, jobs, preloaded",
    [
        ("fast", 1, False),  # a small file in one process: load nothing the text does not need
        ("accurate", 1, False),
        ("fast", 2, True),  # before forking workers: every lingua model once, shared by the workers
    ],
)
def test_start_up_loads_only_what_the_input_needs(tmp_path, coder, jobs, preloaded):
    """Start-up guarded without a clock (issue 10: under 5 s for both tiers). `toolkit statements` in a fresh
    interpreter on three reviews that script and function words settle: in one process no lingua detector is
    built at all (their models took 6 of a one-review run's 10 s when preloaded), and neither all of nltk nor
    the scipy.stats and scikit-learn it imports are loaded (2 s) — only the Snowball stemmer's own modules."""
    import subprocess
    import sys

    source = tmp_path / "three.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _SETTLED), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = (
        "import json, sys\n"
        "from toolkit import cli, language\n"
        f"status = cli.main(['statements', '--input', {str(source)!r}, '--output', {str(out)!r}, "
        f"'--coder', {coder!r}, '--jobs', '{jobs}'])\n"
        "heavy = sorted(m for m in sys.modules if m in ('nltk', 'scipy.stats', 'sklearn'))\n"
        "print(json.dumps({'status': status, 'heavy': heavy, 'detectors': language._lingua.cache_info().currsize,"
        " 'preloaded': language._preloaded_detector.cache_info().currsize}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["status"] == 0 and got["heavy"] == []
    assert got["preloaded"] == int(preloaded)
    if not preloaded:
        assert got["detectors"] == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["review_id"], r["aspect"], r["language"]) for r in lines] == [
        (rid, aspect, rid[:2]) for rid in ("en-1", "ru-1", "de-1") for aspect in ("budget", "accuracy")
    ]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--cold", "corpus/blind"], "is one of the --cold sets"),
        (["--cold", "no-such-set", "--warm", "corpus/training/reviews/blind12"], "no-such-set: no reviews.jsonl"),
    ],
)
def test_the_cold_benchmark_refuses_a_warm_up_on_its_own_text_or_a_missing_set(argv, message, capsys, monkeypatch):
    from benchmarks.bench import REPO, main

    monkeypatch.chdir(REPO)
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err
