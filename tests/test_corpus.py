"""The curated Salyut-7 corpus: unit counts, exact boundaries, boilerplate, verification of anchors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from toolkit.corpus import DEFAULT_MANIFEST, CorpusError, load_corpus, load_outlets, sha256_of
from toolkit.tables import REVIEW_COLUMNS


@pytest.fixture(scope="module")
def reviews() -> pd.DataFrame:
    return load_corpus()


def test_contract_columns_and_unique_ids(reviews):
    assert list(reviews.columns[: len(REVIEW_COLUMNS)]) == REVIEW_COLUMNS
    assert reviews["review_id"].is_unique
    assert len(reviews) == 65


@pytest.mark.parametrize(
    "kind, count",
    [
        ("critic", 9),
        ("blog", 4),
        ("user", 23),
        ("blurb", 8),
        ("synopsis", 19),
        ("news", 2),
    ],
)
def test_unit_counts_by_kind(reviews, kind, count):
    assert (reviews["kind"] == kind).sum() == count


@pytest.mark.parametrize(
    "place, count",
    [
        ("US", 18),
        ("GB", 3),
        ("HK", 2),
        ("DE", 5),
        ("EG", 3),
        ("RU", 2),
        ("NZ", 2),
    ],
)
def test_unit_counts_by_place(reviews, place, count):
    assert (reviews["place"] == place).sum() == count


def test_original_units_exclude_duplicates(reviews):
    originals = reviews[reviews["duplicate_of"].isna()]
    assert len(originals) == 46
    # Every duplicate points at a unit that is itself in the corpus.
    assert set(reviews["duplicate_of"].dropna()) <= set(reviews["review_id"])


@pytest.mark.parametrize(
    "review_id, first, last",
    [
        ("verge-robinson", "In its opening moments,", "does not have an American distributor."),
        ("cinemaescapist-kao", "A damaged spacecraft with valiant crew.", "an ideal Soviet past."),
        ("eyeforfilm-wilkinson", "We get so used to", "test audiences wanted."),
        ("scmp-marsh", "Billed as “a Russian Gravity ”,", "Salyut 7 opens on March 1"),
        ("letterboxd-dabbelju", "Ich muss gestehen,", "mit jeder Hollywood-Produktion mithalten."),
        ("letterboxd-andreas-bardet", "Wirklich beeindruckende Bilder,", "effektiv auszuspielen."),
        ("search04-wikipedia", "Salyut 7 (Russian: Салют-7)", "brought back into service."),
        ("elcinema-synopsis", "Salyut-7\xa0 (2017)", "Soviet space station Salyut 7."),
        ("search05-imdb-bonesnap", "A real gem.", "the average space movie fare."),
        ("thisspaceavailable-comment1", "That fire.", "Didn’t happen."),
    ],
)
def test_first_and_last_words(reviews, review_id, first, last):
    text = reviews.set_index("review_id").loc[review_id, "text"]
    assert text.startswith(first.replace("\xa0 ", " \xa0")) or text.startswith(first)
    assert text.endswith(last)


@pytest.mark.parametrize(
    "boilerplate",
    [
        "salyut 7 movie review",
        "Copy picture",
        "Photo Credit",
        "Film review: Life",
        "Sign up",
        "Log in",
        "millions of items",
        "Emily Carney is a writer",
        "Welcome to Cheat Sheet",
        "Bonesnap28",
        "— CTB.ru",
        "Full Review |",
        "Videos 2. Backdrops 15.",
        "Original Score",
    ],
)
def test_no_boilerplate_in_any_text(reviews, boilerplate):
    assert not reviews["text"].str.contains(boilerplate, regex=False).any()


def test_arabic_russian_and_german_pieces_are_in(reviews):
    texts = " ".join(reviews["text"])
    assert "ساليوت 7" in texts
    assert "Салют-7" in texts
    assert reviews["text"].str.contains("Ich muss gestehen").any()


def test_text_is_made_of_raw_spans(reviews):
    raw = (DEFAULT_MANIFEST.parent / "raw" / "salyut7_pages_2024.txt").read_text(encoding="utf-8")
    for row in reviews.itertuples():
        pieces = [raw[int(a) : int(b)] for a, b in (span.split("-") for span in row.spans.split(";"))]
        assert row.text == "\n\n".join(pieces), row.review_id
        assert raw[row.start : row.end].startswith(pieces[0])


@pytest.mark.parametrize(
    "review_id, rating_raw, rating",
    [
        ("letterboxd-matt-lynch", "★★★½", 0.7),
        ("letterboxd-andreas-bardet", "★★★", 0.6),  # '★★★ 4' on the page: 4 comments
        ("letterboxd-eudorafletcher", "★★½", 0.5),
        ("search03-rt-audience", "Rated 4 out of 5 stars", 0.8),
        ("search05-imdb-bonesnap", "9/10", 0.9),
    ],
)
def test_ratings(reviews, review_id, rating_raw, rating):
    row = reviews.set_index("review_id").loc[review_id]
    assert row["rating_raw"] == rating_raw
    assert row["rating"] == pytest.approx(rating)


def test_verge_has_no_rating_from_the_neighbouring_card(reviews):
    row = reviews.set_index("review_id").loc["verge-robinson"]
    assert pd.isna(row["rating"]) and row["published"] == "2017-09-29"


def test_users_do_not_inherit_the_platforms_place(reviews):
    users = reviews[(reviews["kind"] == "user") & (reviews["place_basis"] != "language")]
    assert users["place"].isna().all() and (users["place_basis"] == "unknown").all()


def test_outlet_registry_covers_every_outlet(reviews):
    registry = set(load_outlets()["outlet"])
    assert set(reviews["outlet"].dropna()) <= registry


def _copy_corpus(tmp_path: Path, raw_edit=None, manifest_edit=None) -> Path:
    (tmp_path / "raw").mkdir()
    raw = (DEFAULT_MANIFEST.parent / "raw" / "salyut7_pages_2024.txt").read_text(encoding="utf-8")
    (tmp_path / "raw" / "salyut7_pages_2024.txt").write_text(raw_edit(raw) if raw_edit else raw, encoding="utf-8")
    spec = yaml.safe_load(DEFAULT_MANIFEST.read_text(encoding="utf-8"))
    if manifest_edit:
        manifest_edit(spec)
    path = tmp_path / "manifest.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def test_changed_raw_file_fails_naming_the_unit(tmp_path):
    path = _copy_corpus(
        tmp_path,
        raw_edit=lambda raw: raw.replace(
            "A damaged spacecraft with valiant crew.", "A damaged craft with a brave crew."
        ),
    )
    with pytest.warns(UserWarning, match="sha256"):
        with pytest.raises(CorpusError, match="cinemaescapist-kao.*'from' anchor"):
            load_corpus(path)


def test_missing_drop_paragraph_fails(tmp_path):
    path = _copy_corpus(tmp_path, raw_edit=lambda raw: raw.replace("\nCopy picture\n", "\n"))
    with pytest.warns(UserWarning):
        with pytest.raises(CorpusError, match="eyeforfilm-wilkinson.*Copy picture"):
            load_corpus(path)


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda s: s["units"][0].update(kind="critique"), "kind 'critique'"),
        (lambda s: s["units"][0].update(place="USA"), "ISO 3166-1"),
        (lambda s: s["units"][1].update(id="verge-robinson"), "duplicate review_id 'verge-robinson'"),
        (lambda s: s["units"][0].update(duplicate_of="nowhere"), "duplicate_of 'nowhere'"),
        (lambda s: s["units"][0].update(page="atlantis"), "page 'atlantis'"),
        (lambda s: s["units"][0].update(colour="red"), "unknown field"),
    ],
)
def test_bad_manifest_entries_are_named(tmp_path, edit, message):
    path = _copy_corpus(tmp_path, manifest_edit=edit)
    with pytest.raises(CorpusError, match=message):
        load_corpus(path)


def test_recorded_sha256_matches_the_shipped_raw():
    spec = yaml.safe_load(DEFAULT_MANIFEST.read_text(encoding="utf-8"))
    assert sha256_of(DEFAULT_MANIFEST.parent / spec["raw"]) == spec["raw_sha256"]


def test_loading_twice_is_identical():
    assert load_corpus().equals(load_corpus())


def test_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "manifest.yaml"
    path.write_text("raw: x.txt\nunits:\n  - {id: a, from: b: c}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 3"):
        load_corpus(path)


def test_missing_raw_file(tmp_path):
    path = tmp_path / "manifest.yaml"
    path.write_text("raw: nowhere.txt\nunits: []\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="nowhere.txt"):
        load_corpus(path)
    shutil.rmtree(tmp_path)
