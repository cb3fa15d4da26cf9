"""Evaluation gate for the aspects stage: floors in corpus/gold/floors_aspects.yaml against the gold set."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit.evaluation import aspects as eval_aspects
from toolkit.tables import TableError

ASPECTS = ("budget", "accuracy", "geopolitics")


@pytest.fixture(scope="module")
def results() -> dict[str, eval_aspects.Evaluation]:
    return eval_aspects.evaluate()


@pytest.mark.slow
@pytest.mark.parametrize("aspect", ASPECTS)
def test_sentence_f1_meets_floor_on_dev_set(results, aspect):
    floor = eval_aspects.load_floors()["sets"]["dev"]["sentence_f1"][aspect]
    assert floor >= 0.85
    assert results["dev"].f1(aspect) >= floor


@pytest.mark.slow
@pytest.mark.parametrize("aspect", ASPECTS)
def test_sentence_f1_meets_floor_on_shipped_corpus(results, aspect):
    floor = eval_aspects.load_floors()["sets"]["corpus"]["sentence_f1"][aspect]
    assert results["corpus"].f1(aspect) >= floor


@pytest.mark.slow
def test_every_corpus_budget_figure_found_with_amount_currency_subject(results):
    figures = results["corpus"].figures
    assert len(figures) == 6
    missed = figures[~figures["exact"]]
    assert missed.empty, missed.to_string()


@pytest.mark.slow
def test_no_floor_violated_and_heldout_reported_separately(results):
    assert eval_aspects.check_floors(results, eval_aspects.load_floors()) == []
    heldout = results["written_heldout"].metrics
    langs = set(heldout[(heldout["level"] == "sentence") & (heldout["language"] != "all")]["language"])
    assert {"de", "ru", "fr", "es", "it", "pl", "pt"} <= langs


def test_gold_set_covers_languages_and_has_hard_negatives():
    reviews = eval_aspects.written_reviews()
    gold = eval_aspects.load_gold()
    assert set(reviews["language"]) >= {"de", "ru", "fr", "es", "it", "pl", "pt"}
    assert set(reviews["split"]) == {"dev", "heldout"}
    for rec in reviews.to_dict("records"):
        coded = set(gold[gold["review_id"] == rec["review_id"]]["sentence"])
        assert coded, rec["review_id"]
        # Every written review has at least one sentence the gold leaves uncoded (a negative).
        assert sum(1 for s in coded if s in rec["text"]) == len(coded)
        assert len(" ".join(coded)) < len(rec["text"]), rec["review_id"]
    assert set(gold["aspect"]) == set(ASPECTS)
    assert gold[gold["source"] == "corpus"]["review_id"].nunique() > 20


def test_score_counts_overlaps_per_level_and_language():
    reviews = pd.DataFrame(
        {"review_id": ["a", "b"], "text": ["Cheap film. Nice cast.", "Zimna wojna. Dobre."], "language": ["en", "pl"]}
    )
    gold = pd.DataFrame(
        {
            "review_id": ["a", "b"],
            "sentence": ["Cheap film.", "Zimna wojna."],
            "aspect": ["budget", "geopolitics"],
            "source": "written",
            "split": "dev",
            "figures": [[], []],
        }
    )
    statements = pd.DataFrame(
        {"review_id": ["a", "a"], "aspect": ["budget", "budget"], "start": [0, 12], "end": [11, 22]}
    )
    m = eval_aspects.score(reviews, statements, gold)
    row = m[(m["level"] == "sentence") & (m["aspect"] == "budget") & (m["language"] == "all")].iloc[0]
    assert (row["tp"], row["fp"], row["fn"], row["precision"], row["recall"]) == (1, 1, 0, 0.5, 1.0)
    geo = m[(m["level"] == "review") & (m["aspect"] == "geopolitics") & (m["language"] == "pl")].iloc[0]
    assert (geo["tp"], geo["fn"], geo["f1"]) == (0, 1, 0.0)


def test_gold_sentence_missing_from_review_is_a_clear_error():
    reviews = pd.DataFrame({"review_id": ["a"], "text": ["Something else."], "language": ["en"]})
    gold = pd.DataFrame({"review_id": ["a"], "sentence": ["Cheap film."], "aspect": ["budget"]})
    with pytest.raises(TableError, match="review 'a'"):
        eval_aspects.score(reviews, pd.DataFrame(columns=["review_id", "aspect", "start", "end"]), gold)


def test_bad_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"review_id": "a", "sentence": "x", "aspects": {}}) + "\n{not json\n", "utf-8")
    with pytest.raises(TableError, match="gold.jsonl:2"):
        eval_aspects.load_gold(path)


def test_coder_agreement_scores_a_second_coder_against_the_gold(tmp_path):
    """The second coder's sentences are scored as statements: one shared, one only the second coder marks, one
    only the first; a German review counts under its language."""
    reviews = [
        {
            "id": "r1",
            "language": "en",
            "film": "A (1999)",
            "kind": "critic",
            "text": "It cost ten dollars. The navy looks proud. The dates are wrong.",
        },
        {"id": "r2", "language": "de", "film": "B (2001)", "kind": "user", "text": "Die Daten stimmen nicht. Schön."},
    ]
    first = [
        {"review_id": "r1", "sentence": "It cost ten dollars.", "aspects": {"budget": {}}},
        {"review_id": "r1", "sentence": "The dates are wrong.", "aspects": {"accuracy": {"stance": "embellished"}}},
        {"review_id": "r2", "sentence": "Die Daten stimmen nicht.", "aspects": {"accuracy": {"stance": "embellished"}}},
    ]
    second = [
        {"review_id": "r1", "sentence": "It cost ten dollars.", "aspects": {"budget": {}}},
        {"review_id": "r1", "sentence": "The navy looks proud.", "aspects": {"geopolitics": {"frames": []}}},
        {"review_id": "r2", "sentence": "Die Daten stimmen nicht.", "aspects": {"accuracy": {"stance": "mixed"}}},
    ]
    for name, rows in (("reviews.jsonl", reviews), ("gold.jsonl", first), ("second_coder.jsonl", second)):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    table = eval_aspects.coder_agreement(tmp_path)
    sentences = table[table["level"] == "sentence"].set_index(["aspect", "language"])
    assert sentences.loc[("budget", "all"), ["tp", "fp", "fn"]].tolist() == [1, 0, 0]
    assert sentences.loc[("accuracy", "all"), ["precision", "recall"]].tolist() == [1.0, 0.5]
    assert sentences.loc[("accuracy", "de"), "f1"] == 1.0
    assert sentences.loc[("geopolitics", "all"), ["fp", "n_gold"]].tolist() == [1, 0]


def _labelled_set(folder, films):
    """A two-review labelled set (the blind test's format): a Czech review whose film's year decides its crowns."""
    sentence = "Rozpočet filmu byl 12 milionů korun."
    reviews = [
        {"id": f"r{i}", "language": "cs", "film": film, "kind": "critic", "text": f"Dobrý film. {sentence}"}
        for i, film in enumerate(films)
    ]
    gold = [
        {
            "review_id": f"r{i}",
            "sentence": sentence,
            "aspects": {"budget": {}},
            "figures": [{"amount": 12e6, "currency": currency, "subject": "film"}],
        }
        for i, currency in enumerate(["CSK", "CZK"])
    ]
    for name, rows in (("reviews.jsonl", reviews), ("gold.jsonl", gold)):
        (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def test_a_set_is_scored_without_a_film_and_with_each_films_title_and_year(tmp_path):
    _labelled_set(tmp_path, ["Psohlavci (1955)", "Kolja (1996)"])
    plain = eval_aspects.evaluate_folder(tmp_path, coder="rules")
    each = eval_aspects.evaluate_folder(tmp_path, coder="rules", each_film=True)
    # With no year both reviews' crowns are today's; with each film's year the 1955 film's are Czechoslovak.
    assert plain.figures["found_currency"].tolist() == ["CZK", "CZK"]
    assert each.figures["found_currency"].tolist() == ["CSK", "CZK"]
    assert each.figures["exact"].tolist() == [True, True]
    assert plain.metrics.equals(each.metrics)


def test_each_film_needs_a_film_on_every_review(tmp_path):
    _labelled_set(tmp_path, ["Psohlavci (1955)", "Kolja (1996)"])
    rows = [json.loads(line) for line in (tmp_path / "reviews.jsonl").read_text("utf-8").splitlines()]
    del rows[1]["film"]
    (tmp_path / "reviews.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    with pytest.raises(TableError, match="review 'r1' has no 'film': --each-film needs a 'film' on every review"):
        eval_aspects.evaluate_folder(tmp_path, coder="rules", each_film=True)
