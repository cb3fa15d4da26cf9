"""Film profiles (toolkit/profiles.py): loading, errors that name file and key, the skeleton, and what a profile
changes in each stage — the same reviews coded with no profile and with one."""

from __future__ import annotations

import inspect
from pathlib import Path

import pandas as pd
import pytest

from toolkit import aspects, cli, language, money, reception
from toolkit.pipeline import Film, analyse, film_of
from toolkit.profiles import Profile, ProfileError, init_profile, load_profile

PROFILES = Path(__file__).resolve().parent.parent / "corpus" / "profiles"
SALYUT = load_profile(PROFILES / "salyut-7.yaml")
DAS_BOOT = load_profile(PROFILES / "das-boot.yaml")
ADMIRAL = load_profile(PROFILES / "the-admiral-roaring-currents.yaml")
GENERIC = Film(title="the film", year=None)


@pytest.mark.parametrize(
    "slug, title, year, country, incidents, comparison",
    [
        (
            "salyut-7",
            "Salyut-7",
            2017,
            "RU",
            [
                "challenger",
                "fire",
                "gloves",
                "solar_panels",
                "mission_length",
                "cockroach",
                "french_astronaut",
                "smoking",
                "crew_error_omitted",
                "us_theft",
            ],
            [
                "apollo_13",
                "gravity",
                "interstellar",
                "the_right_stuff",
                "the_martian",
                "armageddon",
                "first_man",
                "time_of_the_first",
            ],
        ),
        (
            "das-boot",
            "Das Boot",
            1981,
            "DE",
            ["gibraltar", "crush_depth", "harbour_air_raid", "tanker_survivors", "apolitical_crew"],
            ["u_571", "crimson_tide", "hunt_for_red_october", "saving_private_ryan", "greyhound"],
        ),
        (
            "the-admiral-roaring-currents",
            "The Admiral: Roaring Currents",
            2014,
            "KR",
            ["turtle_ship", "bae_seol", "kurushima_duel", "iron_chains", "ship_count"],
            ["three_hundred", "master_and_commander", "red_cliff", "ode_to_my_father", "hansan"],
        ),
    ],
)
def test_shipped_profiles_load(slug, title, year, country, incidents, comparison):
    profile = load_profile(PROFILES / f"{slug}.yaml")
    assert (profile.title, profile.year, profile.country) == (title, year, country)
    assert [i.id for i in profile.incidents] == incidents
    assert [f.id for f in profile.comparison_films] == comparison
    assert profile.titles[0] == title


def test_salyut_profile_keeps_the_old_film_fields_and_is_the_shipped_corpus_film():
    assert SALYUT.titles[:5] == ("Salyut-7", "Salyut 7", "Салют-7", "Салют 7", "ساليوت 7")
    assert film_of() == SALYUT
    assert Film is Profile and Film("Salyut-7", 2017).incidents == ()
    assert hash(SALYUT) == hash(load_profile(PROFILES / "salyut-7.yaml"))  # cached per profile in the stages


@pytest.mark.parametrize(
    "text, message",
    [
        ("year: 2017\n", "salyut.yaml: title: required"),
        ("title: X\nyear: '2017'\n", "salyut.yaml: year: must be a release year"),
        ("title: X\nyera: 2017\n", "salyut.yaml: unknown key 'yera'"),
        ("title: X\npeople: [{name: A B, role: actor}]\n", "salyut.yaml: people[0]: role: one of director"),
        ("title: X\npeople: [{role: cast}]\n", "salyut.yaml: people[0]: name: required"),
        ("title: X\nincidents: [{id: Fire}]\n", "salyut.yaml: incidents[0]: id: lowercase"),
        (
            "title: X\nincidents: [{id: fire, cues: {en: {patterns: ['(unclosed']}}}]\n",
            "salyut.yaml: incidents[fire].cues.en: acc.en.fire pattern '(unclosed'",
        ),
        (
            "title: X\nincidents: [{id: fire, cues: {english: [fire]}}]\n",
            "salyut.yaml: incidents[fire].cues.english: not an ISO 639-1 code",
        ),
        (
            "title: X\nincidents: [{id: fire, cues: {en: {words: [fire]}}}]\n",
            "salyut.yaml: incidents[fire].cues.en: unknown key 'words'",
        ),
        ("title: X\nincidents: [{id: fire}, {id: fire}]\n", "salyut.yaml: incidents: id 'fire' appears twice"),
        (
            "title: X\nincidents: [{id: accurate, cues: {en: [made up]}}]\n",
            "salyut.yaml: incidents[accurate].cues.en: cue id acc.en.accurate is taken",
        ),
        ("title: X\ncomparison_films: [no_such_film]\n", "salyut.yaml: comparison_films[0]: 'no_such_film' is not in"),
        ("title: X\ntitles: {english: [X]}\n", "salyut.yaml: titles.english: not an ISO 639-1 code"),
        ("title: [X\n", "salyut.yaml line 2: not valid YAML"),
        ("- title: X\n", "salyut.yaml: a profile is a mapping"),
    ],
)
def test_bad_profiles_name_file_and_key(tmp_path, text, message):
    path = tmp_path / "salyut.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_missing_profile_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.yaml: no such profile file"):
        load_profile(tmp_path / "nope.yaml")


@pytest.mark.parametrize("title, year", [("Das Boot", 1981), ("명량", 2014), ('Salyut-7: "the" rescue', None)])
def test_init_skeleton_round_trips(tmp_path, title, year):
    path = tmp_path / "film.yaml"
    path.write_text(init_profile(title, year), encoding="utf-8")
    profile = load_profile(path)
    assert (profile.title, profile.year, profile.titles) == (title, year, (title,))
    assert profile.people == profile.incidents == profile.comparison_films == ()


def test_cli_profile_init_writes_and_never_overwrites(tmp_path, capsys):
    path = tmp_path / "das-boot.yaml"
    assert cli.main(["profile", "init", "Das Boot", "--year", "1981", "--output", str(path)]) == 0
    assert load_profile(path).year == 1981
    assert cli.main(["profile", "init", "Das Boot", "--output", str(path)]) == 2
    assert "exists" in capsys.readouterr().err


# --- the same reviews with no profile and with one ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, profile, without, with_profile",
    [
        ("Con Choi Min-sik e Ryu Seung-ryong.", ADMIRAL, "tl", "und"),
        ("Jürgen Prochnow es genial.", DAS_BOOT, "pl", "es"),
        ("Con Vladimir Vdovichenkov e Pavel Derevyanko.", SALYUT, "hr", "und"),
    ],
)
def test_profile_names_are_masked_before_language_detection(text, profile, without, with_profile):
    assert language.detect_language(text).language == without
    assert language.detect_language(text, names=profile.names).language == with_profile


def test_name_masking_keeps_function_words_and_other_scripts():
    # "sin" (es) and "han" (sv) are function words; Hangul names are left to the script rules.
    masked = language._mask(("Yi Sun-sin", "Kim Han-min", "이순신"))[0] - language._names()
    assert sorted(masked) == ["kim", "min", "sun", "yi"]


def _reviews(rows):
    return pd.DataFrame(rows, columns=["review_id", "text"])


# What a profile changes is what the codebook's rules find: the learned coder (toolkit.coder, when present)
# may add statements of its own, with or without a profile, so these tests code with the rules alone.
_RULES = {"coder": "rules"} if "coder" in inspect.signature(aspects.extract_statements).parameters else {}


def _statements(reviews, profile=None):
    return aspects.extract_statements(*language.annotate(reviews, profile=profile), profile=profile, **_RULES)


def _analyse(reviews, film):
    return analyse(reviews, film=film, **_RULES)


@pytest.mark.parametrize(
    "profile, text, incidents",
    [
        (SALYUT, "The fire sequence is fake.", ["fire"]),
        (SALYUT, "Der Brand an Bord ist frei erfunden.", ["fire"]),
        (DAS_BOOT, "The Gibraltar sequence never happened.", ["gibraltar"]),
        (DAS_BOOT, "Der Luftangriff am Ende ist frei erfunden.", ["harbour_air_raid"]),
        (ADMIRAL, "The burning of the turtle ship is invented.", ["turtle_ship"]),
        (ADMIRAL, "El barco tortuga quemado es una invención.", ["turtle_ship"]),
    ],
)
def test_incidents_appear_only_with_the_profile(profile, text, incidents):
    reviews = _reviews([("r1", text)])
    plain = _statements(reviews)
    coded = _statements(reviews, profile)
    assert [i for row in plain["incidents"] for i in row] == []
    accuracy = coded[coded["aspect"] == "accuracy"]
    assert accuracy["incidents"].tolist() == [incidents]
    assert accuracy["stance"].tolist() == ["embellished"]


@pytest.mark.parametrize(
    "text, frame",
    [
        ("Its portrayal of the Japanese as cartoonish villains has been called anti-Japanese.", "anti_japanese"),
        ("반일 감정을 자극하는 영화라는 비판도 있다.", "anti_japanese"),
        ("Many linked its success to the Sewol ferry disaster.", "leadership_longing"),
    ],
)
def test_profile_frames_mark_geopolitics(text, frame):
    reviews = _reviews([("r1", text)])
    plain = _statements(reviews)
    coded = _statements(reviews, ADMIRAL)
    assert "geopolitics" not in plain["aspect"].tolist()
    assert coded.loc[coded["aspect"] == "geopolitics", "frames"].tolist() == [[frame]]


def test_profile_comparison_film_makes_a_budget_figure_a_comparator():
    reviews = _reviews([("r1", "Red Cliff had a budget of $80 million; this one looks almost as grand.")])
    plain = _analyse(reviews, Film("The Admiral: Roaring Currents", 2014)).budget_figures
    coded = _analyse(reviews, ADMIRAL).budget_figures
    assert plain[["amount", "subject"]].values.tolist() == [[80_000_000.0, "film"]]
    assert coded[["amount", "subject", "year"]].values.tolist() == [[80_000_000.0, "comparator", 2014]]


@pytest.mark.parametrize(
    "sentence, language_, comparators, subject",
    [
        ("Hansan cost about $25 million.", "en", (), "film"),
        ("Hansan cost about $25 million.", "en", ADMIRAL.comparison_titles, "comparator"),
        # a capitalized name before "(" that is not one of the film's titles, unless it opens the sentence
        ("It looked no better than Gravity ($100m).", "en", (), "comparator"),
        ("Gravity ($100m) looked no better.", "en", (), "film"),
        ("Gravity ($100m) looked no better.", "en", ("Gravity",), "comparator"),
        # which films a critic compares with is the profile's to say: the package names none
        ("Gravity's $100m budget dwarfs this one's.", "en", (), "film"),
        ("Gravity's $100m budget dwarfs this one's.", "en", ("Gravity",), "comparator"),
    ],
)
def test_classify_subject_with_comparator_titles(sentence, language_, comparators, subject):
    mention = money.parse_money(sentence, language=language_)[0]
    assert (
        money.classify_subject(
            sentence, mention, language=language_, film_titles=("The Admiral",), comparators=comparators
        )
        == subject
    )


def test_profile_year_prices_figures():
    reviews = _reviews([("r1", "The film cost $18 million to make.")])
    assert _analyse(reviews, GENERIC).budget_figures["year"].tolist() == [None]
    assert _analyse(reviews, ADMIRAL).budget_figures["year"].tolist() == [2014]


def test_profile_comparison_films_join_the_registry():
    reviews = _reviews([("r1", "Better than Spacewalker, weaker than Apollo 13 and U-571.")])
    plain = reception.comparison_films(reviews)["film_id"].tolist()
    assert plain == ["apollo_13"]
    assert reception.comparison_films(reviews, profile=SALYUT)["film_id"].tolist() == ["apollo_13", "time_of_the_first"]
    assert reception.comparison_films(reviews, profile=DAS_BOOT)["film_id"].tolist() == ["apollo_13", "u_571"]


def test_cli_codes_a_folder_of_reviews_with_and_without_a_profile(tmp_path, capsys):
    """The same command on a folder of .txt reviews: no profile codes a generic film, the profile adds its
    incidents and prices figures at its year; both carry the learned coder's method and score."""
    import json

    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The Gibraltar sequence never happened. The film cost 32 million Deutschmarks, a fortune for German cinema.",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Der Luftangriff am Ende ist frei erfunden. Die Musik ist großartig.", encoding="utf-8"
    )
    rows = {}
    for name, extra in (("plain", []), ("profile", ["--profile", str(PROFILES / "das-boot.yaml")])):
        assert cli.main(["statements", "--input", str(folder), *extra]) == 0
        rows[name] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for name in rows:
        assert {r["review_id"] for r in rows[name]} == {"a", "b"}
        assert all(r["method"] in ("rule", "model", "both") and 0 <= r["score"] <= 1 for r in rows[name])
    incidents = {name: sorted(i for r in rows[name] for i in r["incidents"]) for name in rows}
    assert incidents == {"plain": [], "profile": ["gibraltar", "harbour_air_raid"]}
    figures = {name: [f for r in rows[name] for f in r.get("figures", [])] for name in rows}
    assert [(f["amount"], f["currency"]) for f in figures["profile"]] == [(32_000_000.0, "DEM")]
    assert figures["plain"][0]["usd"] is None
