"""Tests for toolkit.segment: the draft manifest loads with the corpus loader, quality floors against the
curated manifest of the shipped dump and of a second, made-up dump, and the single heuristics."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from toolkit import segment
from toolkit.corpus import DEFAULT_MANIFEST, load_corpus, sha256_of
from toolkit.evaluation.segment import evaluate
from toolkit.segment import SegmentError, propose, segment_file, to_yaml
from toolkit.tables import KINDS

SHIPPED_RAW = DEFAULT_MANIFEST.parent / "raw" / "salyut7_pages_2024.txt"
OTHER_RAW = Path(__file__).parent / "fixtures" / "segment" / "other_film_dump.txt"
OTHER_MANIFEST = Path(__file__).parent / "fixtures" / "segment" / "other_film_manifest.yaml"
FIXTURES = Path(__file__).parent / "fixtures" / "segment"
HELDOUT_RAW = Path(__file__).parent / "fixtures" / "segment" / "heldout_dump.txt"
HELDOUT_MANIFEST = Path(__file__).parent / "fixtures" / "segment" / "heldout_manifest.yaml"

# Quality floors, pinned a little below what was measured (`python -m toolkit.evaluation.segment`) on the
# raw files with these hashes. Raise them when the heuristics improve; never lower one without saying why.
# Measured on the shipped dump: recall 0.994, boilerplate 0.005, units 63/65 (precision 1.0), kinds 0.905,
# critics 0.921, ratings 1.0, dates 0.984.
SHIPPED_SHA256 = "ed923f3d67cf02cb0de5845fa9935a8b9400f40f84f5c3408fc0bb5804532f65"
SHIPPED_FLOORS = {
    "recall": 0.98,
    "unit_recall": 0.95,
    "unit_precision": 0.97,
    "kind_agreement": 0.88,
    "critic_agreement": 0.9,
    "rating_agreement": 0.95,
    "published_agreement": 0.95,
}
SHIPPED_CEILINGS = {"boilerplate_share": 0.02}
# Measured on the second dump: recall 1.0, boilerplate 0.049, units 8/8 (precision 0.889), kinds 0.875.
OTHER_FLOORS = {
    "recall": 0.97,
    "unit_recall": 0.99,
    "unit_precision": 0.85,
    "kind_agreement": 0.85,
    "rating_agreement": 0.99,
}
OTHER_CEILINGS = {"boilerplate_share": 0.07}
# The third and fourth dumps were each measured once before the rules they now guard existed (their
# manifests' headers have those held-out figures); these floors pin what the extended rules reach.
HELDOUT_FLOORS = {
    "recall": 0.97,
    "unit_recall": 0.99,
    "unit_precision": 0.99,
    "kind_agreement": 0.95,
    "critic_agreement": 0.95,
    "rating_agreement": 0.8,
    "published_agreement": 0.95,
}
HELDOUT_CEILINGS = {"boilerplate_share": 0.03}


def _load_draft(text: str, folder: Path):
    path = folder / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    return load_corpus(path)


def _segment(raw: str, folder: Path):
    """Propose units for `raw` and load them: (the draft dict, the loaded reviews table)."""
    path = folder / "dump.txt"
    path.write_text(raw, encoding="utf-8")
    draft = propose(raw, source="dump.txt")
    return draft, _load_draft(to_yaml(draft), folder)


@pytest.fixture(scope="module")
def shipped_figures():
    assert sha256_of(SHIPPED_RAW) == SHIPPED_SHA256, "the raw dump changed: re-measure and re-pin the floors"
    return evaluate(SHIPPED_RAW, DEFAULT_MANIFEST)


def test_shipped_draft_loads_with_the_corpus_loader(tmp_path):
    reviews = _load_draft(segment_file(SHIPPED_RAW), tmp_path)
    assert len(reviews) == 63
    assert set(reviews["kind"]) <= set(KINDS)
    assert reviews["text"].str.contains("salyut 7 movie review").sum() == 0  # the scraper's alt text
    letterboxd = reviews.set_index("critic").loc["matt lynch"]
    assert (letterboxd["text"], letterboxd["rating_raw"], letterboxd["rating"]) == (
        "In Soviet Russia, problem has you.",
        "★★★½",
        0.7,
    )


@pytest.mark.parametrize("name", sorted(SHIPPED_FLOORS))
def test_shipped_figures_above_floors(shipped_figures, name):
    assert shipped_figures[name] >= SHIPPED_FLOORS[name], shipped_figures


def test_shipped_boilerplate_below_ceiling(shipped_figures):
    assert shipped_figures["boilerplate_share"] <= SHIPPED_CEILINGS["boilerplate_share"], shipped_figures
    assert shipped_figures["curated_units"] == 65


def test_second_dump_figures():
    figures = evaluate(OTHER_RAW, OTHER_MANIFEST)
    assert figures["curated_units"] == 8
    for name, floor in OTHER_FLOORS.items():
        assert figures[name] >= floor, (name, figures)
    assert figures["boilerplate_share"] <= OTHER_CEILINGS["boilerplate_share"], figures


@pytest.mark.parametrize(
    "raw, manifest, units",
    [
        (HELDOUT_RAW, HELDOUT_MANIFEST, 6),
        (FIXTURES / "heldout2_dump.txt", FIXTURES / "heldout2_manifest.yaml", 4),
    ],
)
def test_third_and_fourth_dump_figures(raw, manifest, units):
    figures = evaluate(raw, manifest)
    assert figures["curated_units"] == units
    for name, floor in HELDOUT_FLOORS.items():
        assert figures[name] >= floor, (name, figures)
    assert figures["boilerplate_share"] <= HELDOUT_CEILINGS["boilerplate_share"], figures


def test_third_dump_comment_authors_and_dates(tmp_path):
    draft = propose(HELDOUT_RAW.read_text(encoding="utf-8"), source=str(HELDOUT_RAW))
    fields = [(u["kind"], u["critic"], u.get("published"), u["rating_raw"]) for u in draft["units"]]
    assert fields[:3] == [
        ("blog", "filmfan88", "2022-02-14", None),
        ("user", "Mark Jensen", "2022-02-15", None),
        ("user", "Sofie H.", "2022-02-16", None),
    ]
    german = draft["units"][3]
    assert german["critic"] == "Katrin Weber"
    assert german["drop"] == ["Lesen Sie auch: Die besten Filme der Berlinale 2022"]


def test_second_dump_units(tmp_path):
    draft = propose(OTHER_RAW.read_text(encoding="utf-8"), source=str(OTHER_RAW))
    by_critic: dict[str, dict] = {}
    for unit in draft["units"]:
        by_critic.setdefault(unit["critic"], unit)  # the first unit of each critic (later ones repeat it)
    assert by_critic["Ingrid Solberg"]["published"] == "2022-03-12"
    assert by_critic["Ingrid Solberg"]["drop"] == ["Photo: Nordlys Film / Kari Berg"]
    assert {name: by_critic[name]["rating_raw"] for name in ("Lina", "Okon", "Camille D.")} == {
        "Lina": "★★★★",
        "Okon": "★★½",
        "Camille D.": "★★★★½",
    }
    synopses = [u for u in draft["units"] if u.get("from", "").startswith("Faroe Islands, winter 1973.")]
    assert [(u["kind"], u.get("duplicate_of")) for u in synopses] == [
        ("synopsis", None),
        ("synopsis", synopses[0]["id"]),
    ]
    card = draft["units"][-1]
    assert card["from"].startswith("Harbour of Glass opens") and card["rating_raw"] is None
    assert (card["critic"], card["duplicate_of"]) == ("Ingrid Solberg", by_critic["Ingrid Solberg"]["id"])
    assert "closes an earlier card" in card["note"]
    reasons = {item["text"]: item["reason"] for item in draft["left_out"]}
    assert reasons["Nous utilisons des cookies pour vous offrir la meilleure expérience."].startswith("site cue")
    assert reasons["Iniciar sesión"].startswith("site cue")
    _load_draft(to_yaml(draft), tmp_path)


def test_review_card_stars_then_comment_count():
    raw = "Popular reviews\n\nAndreas\n\nReview by Andreas ★★★ 4\n\nStarke Bilder, schwache Dialoge.\n"
    (unit,) = propose(raw, source="dump.txt")["units"]
    assert (unit["kind"], unit["critic"], unit["rating_raw"]) == ("user", "Andreas", "★★★")
    assert "'4' after the stars read as a comment count" in unit["note"]


def test_search_snippet_score_line_belongs_to_the_quote_before_it(tmp_path):
    raw = (
        "  1. Some Film\n\n    Full Review | Original Score: 3.5/5 | Dec 16, 2017. A taut thriller that never "
        "lets go. Full Review | Sep 29, 2017 ..\n"
    )
    _, reviews = _segment(raw, tmp_path)
    assert reviews[["text", "rating_raw", "published"]].values.tolist() == [
        ["A taut thriller that never lets go.", None, "2017-09-29"]
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.",
        "Politique de confidentialité",
        "Suscríbete a nuestro boletín",
        "Подпишитесь на рассылку, чтобы не пропустить новые рецензии. Подписаться",
        "Sign up for the newsletter to get weekly updates.",
        "Start your 30-day free trial today.",
    ],
)
def test_furniture_cues_in_several_languages(line, tmp_path):
    review = (
        "A patient, intelligent drama that trusts its audience and its actors, and earns every one of its "
        "quiet revelations."
    )
    draft, reviews = _segment(f"{line}\n\n{review}\n", tmp_path)
    assert reviews["text"].tolist() == [review]
    assert draft["left_out"][0]["text"] == line and "cue" in draft["left_out"][0]["reason"]


BODY = (
    "A quiet, exact film about guilt and the sea that gives its characters time and stays with you long "
    "after the final scene."
)
REVIEW = BODY + "\n\nThe journalist subplot is weak. Everything else, from the sound to the faces, is exact."


@pytest.mark.parametrize(
    "byline, critic, published",
    [
        ("By Jane Roe, June 7, 2021", "Jane Roe", "2021-06-07"),
        ("Reviewed by: Jane Roe", "Jane Roe", None),
        ("Von Hans Müller, 3. März 2021", "Hans Müller", "2021-03-03"),
        ("Par Claire Dubois | 4 avril 2021", "Claire Dubois", "2021-04-04"),
        ("Por Ana García · 5 de mayo de 2021", "Ana García", "2021-05-05"),
        ("Автор: Иван Петров, 6 мая 2021", "Иван Петров", "2021-05-06"),
    ],
)
def test_byline_gives_critic_and_date(byline, critic, published, tmp_path):
    _, reviews = _segment(f"Menu\n\n{byline}\n\n{REVIEW}\n", tmp_path)
    assert reviews[["kind", "critic", "published", "text"]].values.tolist() == [["critic", critic, published, REVIEW]]


def test_one_short_paragraph_under_a_name_is_a_blurb_and_a_rating_line_closes_it(tmp_path):
    raw = (
        f"Top critics\n\nAnn Lee\n\n{BODY}\n\nRating: 4/5\n\nBo Chan\n\n"
        "Handsome and humane, but the inquiry scenes begin to circle.\n\nRating: 3/5\n"
    )
    _, reviews = _segment(raw, tmp_path)
    assert reviews[["kind", "critic", "rating_raw", "rating"]].values.tolist() == [
        ["blurb", "Ann Lee", "4/5", 0.8],
        ["blurb", "Bo Chan", "3/5", 0.6],
    ]


def test_by_followed_by_lower_case_is_not_a_byline(tmp_path):
    raw = f"By continuing, you agree to our terms.\n\n{BODY}\n"
    draft, reviews = _segment(raw, tmp_path)
    assert reviews["critic"].tolist() == [None]


def test_caption_inside_a_paragraph_block_is_cut_out_with_pieces(tmp_path):
    second = "The score is a single cello, and the last shot on the quay is devastating in its restraint."
    raw = f"By Jane Roe\n\n{BODY}\nPhoto: Nordlys Film\n{second}\n"
    draft, reviews = _segment(raw, tmp_path)
    assert "pieces" in draft["units"][0]
    assert reviews["text"].tolist() == [f"{BODY}\n\n{second}"]


def test_whole_paragraph_caption_is_dropped_and_crlf_dumps_load(tmp_path):
    second = "The score is a single cello, and the last shot on the quay is devastating in its restraint."
    raw = f"By Jane Roe\n\n{BODY}\n\nPhoto: Nordlys Film\n\n{second}\n"
    draft, reviews = _segment(raw, tmp_path)
    assert draft["units"][0]["drop"] == ["Photo: Nordlys Film"]
    assert reviews["text"].tolist() == [f"{BODY}\n\n{second}"]
    _, crlf = _segment(raw.replace("\n", "\r\n"), tmp_path)
    assert crlf["text"].tolist() == [f"{BODY}\n\n{second}"]


def test_reader_comments_are_one_unit_each_and_repeats_point_back(tmp_path):
    raw = (
        "3 thoughts on “Some Film”\n\nLoved it.\n\nThe pacing drags in the middle.\n\nLoved it.\n\n"
        "Leave a Reply\n\nYour email address will not be published.\n"
    )
    draft, reviews = _segment(raw, tmp_path)
    assert reviews[["kind", "text"]].values.tolist() == [
        ["user", "Loved it."],
        ["user", "The pacing drags in the middle."],
        ["user", "Loved it."],
    ]
    assert reviews["duplicate_of"].tolist()[2] == reviews["review_id"][0]
    # The repeated comment cannot be anchored uniquely in one page: the draft starts a new page for it.
    assert len(draft["pages"]) == 2


def test_attribution_before_a_listed_quote_becomes_outlet_and_critic(tmp_path):
    raw = (
        "  • Home\n  • The Daily Reel Ann Lee A gorgeous, patient film about grief and the sea.\n"
        "  • Film Weekly Bo Chan Too slow by half, but the final scene lands hard.\n"
    )
    _, reviews = _segment(raw, tmp_path)
    assert reviews[["kind", "outlet", "critic", "text"]].values.tolist() == [
        ["blurb", "The Daily Reel", "Ann Lee", "A gorgeous, patient film about grief and the sea."],
        ["blurb", "Film Weekly", "Bo Chan", "Too slow by half, but the final scene lands hard."],
    ]


@pytest.mark.parametrize("seed", range(6))
def test_shuffled_lines_with_repeats_still_give_a_draft_that_loads(seed, tmp_path):
    # Robustness: lines of the three dumps in random order, some repeated, blank lines of random length
    # (CRLF for some seeds). Repeated text must never make an anchor ambiguous.
    rnd = random.Random(seed)
    pool = [
        line for path in (SHIPPED_RAW, OTHER_RAW, HELDOUT_RAW) for line in path.read_text(encoding="utf-8").split("\n")
    ]
    chosen = [rnd.choice(pool) for _ in range(rnd.randint(20, 120))]
    chosen += [rnd.choice(chosen) for _ in range(5)]
    raw = "".join(line + rnd.choice(["\n", "\n\n", "\n\n\n"]) for line in chosen)
    raw = raw.replace("\n", "\r\n") if seed % 2 else raw
    path = tmp_path / "dump.txt"
    path.write_bytes(raw.encode("utf-8"))
    try:
        draft = propose(raw, source="dump.txt")
    except SegmentError:
        return
    assert len(_load_draft(to_yaml(draft), tmp_path)) == len(draft["units"])
    # Nothing silently dropped: every non-blank line is inside a unit's line range or listed as left out.
    left_out = {item["line"] for item in draft["left_out"]}
    where = [[int(n) for n in re.findall(r"\d+", u["note"].split(";")[0])] for u in draft["units"]]  # "lines 5-9"
    for number, line in enumerate(raw.split("\n"), start=1):
        if line.strip():
            assert number in left_out or any(w[0] <= number <= w[-1] for w in where), (number, line)


def test_draft_is_deterministic_and_can_point_at_the_raw_file_relatively(tmp_path):
    raw = tmp_path / "dump.txt"
    raw.write_text(OTHER_RAW.read_text(encoding="utf-8"), encoding="utf-8")
    first = segment_file(raw, relative_to=tmp_path)
    assert first == segment_file(raw, relative_to=tmp_path)
    assert yaml.safe_load(first)["raw"] == "dump.txt"
    assert len(_load_draft(first, tmp_path)) == 9


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the dump is empty"),
        (b"   \n\n  \n", "the dump is empty"),
        (b"\xff\xfe\x00garbage\x81", "not UTF-8"),
        (b"Home\n\nLog in\n\nPrivacy Policy\n\n  \xe2\x80\xa2 Movies\n", "no review-like text"),
    ],
)
def test_empty_or_garbage_file_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SegmentError, match=message) as error:
        segment_file(path)
    assert str(path) in str(error.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(SegmentError, match="no such file"):
        segment_file(tmp_path / "nowhere.txt")


def test_cue_file_compiles_and_every_word_list_is_text():
    # YAML 1.1 reads an unquoted `on` or `y` as a boolean and `photo:` as a mapping: every entry must be text.
    data = yaml.safe_load(segment._DATA.read_text(encoding="utf-8"))
    for key in (
        "site_cues",
        "section_ends",
        "release_words",
        "promo_cues",
        "caption_cues",
        "not_name_words",
        "attribution_connectors",
    ):
        for language, words in data[key].items():
            assert all(isinstance(word, str) for word in words), (key, language, words)
    cues = segment._cues()
    assert cues.site and cues.promo and cues.review_by and cues.byline and cues.comment_by
