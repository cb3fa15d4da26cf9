"""`toolkit evaluate figures`: budget figures read from labelled budget sentences, with no coder in the way."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit.evaluation import figures as eval_figures
from toolkit.tables import TableError


def _write(folder, reviews, gold):
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("reviews.jsonl", reviews), ("gold.jsonl", gold)):
        (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def _two_reviews(folder):
    """An English review with its film's cost and another film's, a German one whose crowns need a year."""
    en = "Northern Lights is a modest war drama. It cost $4 million. Back then, Saving Private Ryan cost $70 million."
    de = "Ein stiller Film. Gedreht wurde für 12 Millionen Kronen."
    reviews = [
        {"id": "e1", "language": "en", "film": "Northern Lights (2004)", "kind": "critic", "text": en},
        {"id": "d1", "language": "de", "film": "Psohlavci (1955)", "kind": "user", "text": de},
    ]
    gold = [
        {
            "review_id": "e1",
            "sentence": "It cost $4 million.",
            "aspects": {"budget": {}},
            "figures": [{"amount": 4e6, "currency": "USD", "subject": "film"}],
        },
        {
            "review_id": "e1",
            "sentence": "Back then, Saving Private Ryan cost $70 million.",
            "aspects": {"budget": {}},
            "figures": [{"amount": 7e7, "currency": "USD", "subject": "comparator"}],
        },
        {
            "review_id": "e1",
            "sentence": "Northern Lights is a modest war drama.",
            "aspects": {"geopolitics": {"frames": []}},
            "figures": [],
        },
        {
            "review_id": "d1",
            "sentence": "Gedreht wurde für 12 Millionen Kronen.",
            "aspects": {"budget": {}},
            "figures": [{"amount": 12e6, "currency": "CSK", "subject": "film"}],
        },
    ]
    _write(folder, reviews, gold)


def test_every_gold_figure_is_scored_from_its_sentence(tmp_path):
    _two_reviews(tmp_path / "blind7")
    table = eval_figures.score_folder(tmp_path / "blind7")
    assert table[["review_id", "language", "amount", "subject", "exact"]].values.tolist() == [
        ["e1", "en", 4e6, "film", True],
        ["e1", "en", 7e7, "comparator", True],
        ["d1", "de", 12e6, "film", False],  # no year: the crowns are not read as Czechoslovak
    ]
    assert table["folder"].unique().tolist() == ["blind7"]


def test_the_retired_batches_are_found_in_batch_order(tmp_path):
    for name in ("blind10", "blind2", "blind1", "blindx"):
        _two_reviews(tmp_path / name)
    (tmp_path / "blind3").mkdir()  # no gold: not a batch
    assert [p.name for p in eval_figures.retired_folders(tmp_path)] == ["blind1", "blind2", "blind10"]


def test_main_prints_the_counts_and_writes_every_figure(tmp_path, capsys):
    _two_reviews(tmp_path / "b")
    out = tmp_path / "figures.tsv"
    assert eval_figures.main([str(tmp_path / "b"), "--output", str(out), "--misses"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("budget figures exact: 2 / 3 (1 folders, no year, no profile)")
    assert "Gedreht wurde" in printed  # the miss, with its sentence
    assert len(out.read_text("utf-8").splitlines()) == 4


def test_a_gold_sentence_missing_from_its_review_is_named(tmp_path):
    _two_reviews(tmp_path / "b")
    gold = [json.loads(line) for line in (tmp_path / "b" / "gold.jsonl").read_text("utf-8").splitlines()]
    gold[0]["sentence"] = "It cost $5 million."
    (tmp_path / "b" / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), "utf-8")
    with pytest.raises(TableError, match="gold sentence of review 'e1' not found in its text"):
        eval_figures.score_folder(tmp_path / "b")


def test_a_folder_that_is_no_labelled_set_is_named(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    with pytest.raises(TableError, match="empty: no reviews.jsonl and no gold.jsonl"):
        eval_figures.score_folder(tmp_path / "empty")
    assert eval_figures.main([str(tmp_path / "nowhere")]) == 2
    assert "nowhere: no reviews.jsonl and no gold.jsonl" in capsys.readouterr().err


def test_the_toolkit_command_passes_folders_output_and_misses_on(tmp_path, capsys):
    from toolkit.cli import main

    _two_reviews(tmp_path / "b")
    out = tmp_path / "figures.tsv"
    assert main(["evaluate", "figures", str(tmp_path / "b"), "--output", str(out), "--misses"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("budget figures exact: 2 / 3 (1 folders, no year, no profile)")
    assert "Gedreht wurde" in printed
    assert len(out.read_text("utf-8").splitlines()) == 4


def test_figures_options_given_to_another_report_are_refused(capsys):
    from toolkit.cli import main

    assert main(["evaluate", "sentences", "--misses"]) == 2
    assert "are options of `evaluate figures`" in capsys.readouterr().err


def test_a_second_annotators_labels_are_scored_with_the_same_rule(tmp_path, capsys):
    _two_reviews(tmp_path / "b")
    second = [
        {
            "review_id": "e1",
            "sentence": "It cost $4 million.",
            "figures": [{"amount": 4e6, "currency": "USD", "subject": "film"}],
        },
        {
            "review_id": "e1",
            "sentence": "Back then, Saving Private Ryan cost $70 million.",
            "figures": [{"amount": 7e7, "currency": "USD", "subject": "counterfactual"}],  # another reading
        },
        {
            "review_id": "d1",
            "sentence": "Gedreht wurde für 12 Millionen Kronen.",
            "figures": [{"amount": 12e6, "currency": "CSK", "subject": "film"}],
        },
    ]
    (tmp_path / "b" / "figures_second.jsonl").write_text("".join(json.dumps(r) + "\n" for r in second), "utf-8")
    table = eval_figures.second_annotator(tmp_path / "b")
    assert table[["review_id", "amount", "found_subject", "exact"]].values.tolist() == [
        ["e1", 4e6, "film", True],
        ["e1", 7e7, "counterfactual", False],
        ["d1", 12e6, "film", True],
    ]
    assert eval_figures.main([str(tmp_path / "b"), "--second"]) == 0
    assert capsys.readouterr().out.startswith("budget figures exact: 2 / 3 (1 folders, the second annotator)")


def test_a_second_annotators_sentence_missing_from_its_review_is_named(tmp_path, capsys):
    _two_reviews(tmp_path / "b")
    line = {"review_id": "e1", "sentence": "It cost $5 million.", "figures": []}
    (tmp_path / "b" / "figures_second.jsonl").write_text(json.dumps(line) + "\n", "utf-8")
    assert eval_figures.main([str(tmp_path / "b"), "--second"]) == 2
    assert "figures_second.jsonl line 1: sentence not found in review 'e1'" in capsys.readouterr().err
    assert eval_figures.main([str(tmp_path / "none"), "--second"]) == 2


@pytest.mark.parametrize(
    "line",
    [
        "{not json",
        json.dumps({"review_id": "e1", "figures": []}),  # no sentence
        json.dumps({"review_id": "e1", "sentence": "It cost $4 million.", "figures": [{"amount": "four"}]}),
    ],
)
def test_a_broken_second_annotator_line_is_named(tmp_path, capsys, line):
    _two_reviews(tmp_path / "b")
    (tmp_path / "b" / "figures_second.jsonl").write_text(line + "\n", "utf-8")
    assert eval_figures.main([str(tmp_path / "b"), "--second"]) == 2
    assert "figures_second.jsonl line 1: not a labelled sentence" in capsys.readouterr().err


def _table(subjects_and_outcomes):
    return pd.DataFrame([{"subject": s, "exact": e} for s, e in subjects_and_outcomes])


_FLOORS = {"folders": 2, "figures": 4, "exact": 0.7, "by_subject": {"film": 0.6, "comparator": 0.5}}


@pytest.mark.parametrize(
    "outcomes, folders, expected",
    [
        ([("film", True), ("film", True), ("comparator", True), ("comparator", False)], 2, []),
        (
            [("film", True), ("film", False), ("comparator", True), ("comparator", False)],
            2,
            ["budget figures exact (all): 0.5000 < floor 0.7", "budget figures exact (film): 0.5000 < floor 0.6"],
        ),
        # another set than the pinned one (a batch retired since) is named, not scored against old floors
        (
            [("film", True)] * 4,
            3,
            [
                "the floors were pinned on 2 folders with 4 figures, not 3 with 4: re-measure and re-pin floors_figures.yaml"
            ],
        ),
    ],
)
def test_floors_hold_by_subject_on_the_pinned_set(outcomes, folders, expected):
    assert eval_figures.check_floors(_table(outcomes), folders, _FLOORS) == expected


@pytest.mark.slow
def test_the_retired_batches_hold_their_pinned_floors():
    folders = eval_figures.retired_folders()
    table = eval_figures.score(folders)
    assert eval_figures.check_floors(table, len(folders), eval_figures.load_floors()) == []


@pytest.mark.parametrize(
    "floors, status, message",
    [
        ({"folders": 1, "figures": 3, "exact": 0.5, "by_subject": {"film": 0.5}}, 0, ""),
        (
            {"folders": 1, "figures": 3, "exact": 1.0, "by_subject": {"film": 0.5}},
            1,
            "toolkit evaluate figures: budget figures exact (all): 0.6667 < floor 1.0\n",
        ),
    ],
)
def test_the_default_folders_are_held_to_the_floors(tmp_path, capsys, monkeypatch, floors, status, message):
    # one retired batch whose Czechoslovak crowns need a year it is not given: 2 of its 3 figures are exact
    _two_reviews(tmp_path / "blind1")
    monkeypatch.setattr(eval_figures, "retired_folders", lambda: [tmp_path / "blind1"])
    monkeypatch.setattr(eval_figures, "load_floors", lambda: floors)
    assert eval_figures.main([]) == status
    assert capsys.readouterr().err == message
