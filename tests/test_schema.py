"""One contract per table (toolkit/schema.py): good tables pass, every kind of broken cell or record is named
with its record, column and reason, and `conform` gives the declared dtypes."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from toolkit import schema
from toolkit.schema import BUDGET_FIGURES, LANGUAGES, REVIEWS, SENTENCES, STATEMENTS, Column, SchemaError


def _reviews() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "review_id": ["kino-1", "blog-2", "user-3"],
            "source": ["mine.jsonl"] * 3,
            "start": [0, 0, 0],
            "end": [31, 26, 18],
            "outlet": ["Filmblatt", None, None],
            "critic": ["A. Weber", "lena", None],
            "kind": ["critic", "blog", "user"],
            "url": [None, None, None],
            "published": ["2017-10-12", None, "2018-01-03"],
            "place": ["DE", None, None],
            "place_basis": ["outlet", "unknown", "unknown"],
            "rating_raw": ["4/5", None, "★★★"],
            "rating": [0.8, None, 0.6],
            "text": ["Die Andockszene ist großartig.", "Красивый фильм о космосе.", "Looks like a lot."],
            "language": ["de", "ru", "en"],
            "language_confidence": [0.99, 0.97, 0.8],
            "mixed": [False, False, False],
            "duplicate_of": [None, None, "kino-1"],
            "source_line": [1, 2, 3],
        }
    )


def _sentences() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "review_id": ["kino-1", "blog-2", "blog-2"],
            "sentence_id": ["kino-1:1", "blog-2:1", "blog-2:2"],
            "start": [0, 0, 17],
            "end": [31, 16, 26],
            "text": ["Die Andockszene ist großartig.", "Красивый фильм о", "космосе."],
            "language": ["de", "ru", "und"],
            "n": [1, 1, 2],
        }
    )


def _statements() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "review_id": ["kino-1", "kino-1", "blog-2"],
            "sentence_id": ["kino-1:2", "kino-1:2", "blog-2:4"],
            "aspect": ["budget", "accuracy", "geopolitics"],
            "text": ["Für ein Zehntel des Geldes gedreht.", "Für ein Zehntel des Geldes gedreht.", "Холодная война."],
            "start": [32, 32, 40],
            "end": [67, 67, 55],
            "language": ["de", "de", "ru"],
            "cues": [["budget.de.geld"], [], ["geopolitics.ru.cold_war"]],
            "stance": [None, "embellished", None],
            "incidents": [[], ["fire"], []],
            "frames": [[], [], ["cold_war"]],
            "method": ["rule", "model", "both"],
            "score": [1.0, 0.71, 0.93],
            "negated": [[], [], []],
            "evidence": [[{"cue": "budget.de.geld", "start": 56, "end": 62}], [], []],
        }
    )


def _figures() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "review_id": ["kino-1", "kino-1"],
            "sentence_id": ["kino-1:3", "kino-1:3"],
            "amount": [13_000_000.0, 100_000_000.0],
            "currency": ["USD", "USD"],
            "year": [2017, 2017],
            "usd": [13_000_000.0, 100_000_000.0],
            "subject": ["film", "comparator"],
            "text": ["13 Millionen Dollar", "100 Millionen"],
            "start": [80, 120],
            "end": [99, 133],
            "low": [math.nan, math.nan],
            "high": [math.nan, math.nan],
            "approx": [False, True],
            "kind": ["budget", "unknown"],
            "currency_implied": [False, True],
            "language": ["de", "de"],
            "currency_basis": ["written", "sentence"],
        }
    )


GOOD = {"reviews": (REVIEWS, _reviews), "sentences": (SENTENCES, _sentences)}
GOOD |= {"statements": (STATEMENTS, _statements), "budget_figures": (BUDGET_FIGURES, _figures)}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_tables_pass(name):
    contract, build = GOOD[name]
    frame = build()
    assert contract.problems(frame) == []
    assert contract.validate(frame, where="here") is frame


def _set(column, row, value):
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.astype({column: object})  # so that a cell can take a value of the wrong kind
        frame.at[row, column] = value
        return frame

    return edit


# (table, how the good table is broken, the exact error message). Reviews carry source and source_line, so
# their records are named by file and line; the other tables by row.
BAD = [
    (
        "reviews",
        _set("kind", 1, "podcast"),
        "mine.jsonl line 2 (review 'blog-2'): kind 'podcast' is not allowed; "
        "allowed: critic, blog, user, blurb, synopsis, news",
    ),
    (
        "reviews",
        _set("place", 0, "GER"),
        "mine.jsonl line 1 (review 'kino-1'): place 'GER' is not an ISO 3166-1 alpha-2 code such as DE",
    ),
    (
        "reviews",
        _set("place_basis", 2, "guess"),
        "mine.jsonl line 3 (review 'user-3'): place_basis 'guess' is not "
        "allowed; allowed: outlet, stated, language, unknown",
    ),
    (
        "reviews",
        _set("published", 0, "12.10.2017"),
        "mine.jsonl line 1 (review 'kino-1'): published '12.10.2017' is not a YYYY-MM-DD date",
    ),
    ("reviews", _set("rating", 2, 6.0), "mine.jsonl line 3 (review 'user-3'): rating 6.0 is outside 0..1"),
    (
        "reviews",
        _set("review_id", 1, "kino-1"),
        "mine.jsonl line 2 (review 'kino-1'): duplicate review_id 'kino-1' (first at row 0)",
    ),
    ("reviews", _set("text", 1, "   "), "mine.jsonl line 2 (review 'blog-2'): text is blank"),
    ("reviews", _set("text", 0, None), "mine.jsonl line 1 (review 'kino-1'): text is missing"),
    (
        "reviews",
        _set("duplicate_of", 2, "nowhere"),
        "mine.jsonl line 3 (review 'user-3'): duplicate_of 'nowhere' names no review_id of the table",
    ),
    ("reviews", _set("end", 1, -4), "mine.jsonl line 2 (review 'blog-2'): start 0 is after end -4"),
    (
        "reviews",
        _set("language", 0, "German"),
        "mine.jsonl line 1 (review 'kino-1'): language 'German' is not an ISO 639-1 code or 'und'",
    ),
    ("reviews", _set("mixed", 1, "yes"), "mine.jsonl line 2 (review 'blog-2'): mixed 'yes' is not true or false"),
    (
        "reviews",
        lambda f: f.drop(columns=["place", "kind"]),
        "reviews lacks column(s) kind, place (has review_id, "
        "source, start, end, outlet, critic, url, published, place_basis, rating_raw, rating, text, language, "
        "language_confidence, mixed, duplicate_of, source_line)",
    ),
    ("sentences", _set("start", 2, 30), "sentences row 2 (review 'blog-2'): start 30 is after end 26"),
    ("sentences", _set("start", 0, -1), "sentences row 0 (review 'kino-1'): start -1 is negative"),
    (
        "sentences",
        _set("sentence_id", 2, "blog-2:1"),
        "sentences row 2 (review 'blog-2'): duplicate (review_id, sentence_id) ('blog-2', 'blog-2:1') (first at row 1)",
    ),
    ("sentences", _set("end", 1, "16"), "sentences row 1 (review 'blog-2'): end '16' is not a whole number"),
    (
        "sentences",
        _set("language", 1, "RU"),
        "sentences row 1 (review 'blog-2'): language 'RU' is not an ISO 639-1 code or 'und'",
    ),
    (
        "statements",
        _set("aspect", 2, "politics"),
        "statements row 2 (review 'blog-2'): aspect 'politics' is not allowed; allowed: budget, accuracy, geopolitics",
    ),
    (
        "statements",
        _set("stance", 1, "invented"),
        "statements row 1 (review 'kino-1'): stance 'invented' is not "
        "allowed; allowed: faithful, mixed, embellished, neutral",
    ),
    (
        "statements",
        _set("method", 0, "guess"),
        "statements row 0 (review 'kino-1'): method 'guess' is not allowed; allowed: rule, model, both",
    ),
    ("statements", _set("score", 1, 1.5), "statements row 1 (review 'kino-1'): score 1.5 is outside 0..1"),
    (
        "statements",
        _set("cues", 0, "budget.de.geld"),
        "statements row 0 (review 'kino-1'): cues 'budget.de.geld' is not a list of strings",
    ),
    (
        "statements",
        _set("aspect", 1, "budget"),
        "statements row 1 (review 'kino-1'): duplicate (review_id, "
        "sentence_id, aspect) ('kino-1', 'kino-1:2', 'budget') (first at row 0)",
    ),
    ("statements", _set("review_id", 2, None), "statements row 2: review_id is missing"),
    (
        "budget_figures",
        _set("currency", 0, "dollars"),
        "budget_figures row 0 (review 'kino-1'): currency 'dollars' is not an ISO 4217 code such as USD",
    ),
    (
        "budget_figures",
        _set("subject", 1, "sequel"),
        "budget_figures row 1 (review 'kino-1'): subject 'sequel' is "
        "not allowed; allowed: film, comparator, counterfactual",
    ),
    ("budget_figures", _set("amount", 1, None), "budget_figures row 1 (review 'kino-1'): amount is missing"),
    (
        "budget_figures",
        _set("currency_basis", 1, "guessed"),
        "budget_figures row 1 (review 'kino-1'): currency_basis 'guessed' is not allowed; "
        "allowed: written, context, scale, clause, sentence, review, language",
    ),
    (
        "budget_figures",
        _set("amount", 0, "13m"),
        "budget_figures row 0 (review 'kino-1'): amount '13m' is not a number",
    ),
    (
        "budget_figures",
        _set("approx", 0, None),
        "budget_figures row 0 (review 'kino-1'): approx is missing",
    ),
    (
        "budget_figures",
        lambda f: _set("amount", 1, 13_000_000.0)(_set("end", 1, 99)(_set("start", 1, 80)(f))),
        "budget_figures row 1 (review 'kino-1'): duplicate (review_id, start, end, amount) "
        "('kino-1', 80, 99, 13000000.0) (first at row 0)",
    ),  # the same phrase and amount twice
]


@pytest.mark.parametrize("name, edit, message", BAD)
def test_bad_tables_name_record_column_and_reason(name, edit, message):
    contract, build = GOOD[name]
    frame = edit(build())
    with pytest.raises(SchemaError) as raised:
        contract.validate(frame, where="check")
    assert str(raised.value) == f"check: {message}"
    assert len(raised.value.problems) == 1


def test_many_problems_are_all_listed_and_the_message_shows_ten():
    frame = _sentences()
    frame = pd.concat([frame] * 5, ignore_index=True)  # every key repeated
    with pytest.raises(SchemaError) as raised:
        SENTENCES.validate(frame)
    assert len(raised.value.problems) == 12
    lines = str(raised.value).splitlines()
    assert len(lines) == 11 and lines[-1] == "... and 2 more"
    assert (
        lines[0]
        == "sentences row 3 (review 'kino-1'): duplicate (review_id, sentence_id) ('kino-1', 'kino-1:1') (first at row 0)"
    )


@pytest.mark.parametrize(
    "contract, columns",
    [
        (
            REVIEWS,
            "review_id source start end outlet critic kind url published place place_basis rating_raw rating "
            "text language language_confidence mixed duplicate_of",
        ),
        (SENTENCES, "review_id sentence_id start end text language"),
        (STATEMENTS, "review_id sentence_id aspect text start end language cues stance incidents frames method score"),
        (BUDGET_FIGURES, "review_id sentence_id amount currency year usd subject text"),
    ],
)
def test_contract_columns_are_design_md_s(contract, columns):
    assert contract.contract == columns.split()


@pytest.mark.parametrize(
    "contract, dtypes",
    [
        (SENTENCES, ["str", "str", "int64", "int64", "str", "str", "int64"]),
        (LANGUAGES, ["str", "str", "float64", "bool"]),
        (
            BUDGET_FIGURES,
            [
                "str",
                "str",
                "float64",
                "str",
                "int64",
                "float64",
                "str",
                "str",
                "int64",
                "int64",
                "float64",
                "float64",
                "bool",
                "str",
                "bool",
                "str",
                "str",
            ],
        ),
    ],
)
def test_empty_tables_have_the_declared_dtypes(contract, dtypes):
    # Text columns take pandas' own string dtype: "str" from pandas 3 on, object before it (test-lowest).
    text = str(pd.Series([], dtype="str").dtype)
    assert [str(d) for d in contract.empty().dtypes] == [text if d == "str" else d for d in dtypes]


def test_conform_orders_columns_casts_and_names_what_it_cannot_read():
    got = STATEMENTS.conform(_statements()[list(reversed(STATEMENTS.names))])
    assert got.columns.tolist() == STATEMENTS.names
    assert got["cues"].tolist() == [["budget.de.geld"], [], ["geopolitics.ru.cold_war"]]
    arrow = STATEMENTS.conform(_statements(), arrow=True)
    assert arrow["evidence"].tolist()[0] == '[{"cue": "budget.de.geld", "start": 56, "end": 62}]'
    with pytest.raises(SchemaError, match=r"^sentences.start cannot be read as int: "):
        SENTENCES.conform(_sentences().assign(start=["0", "x", "17"]))
    with pytest.raises(SchemaError, match=r"^sentences has column\(s\) extra that its schema lacks$"):
        SENTENCES.conform(_sentences().assign(extra=1))


def test_a_year_less_film_keeps_year_an_integer_column_with_gaps():
    figures = _figures().assign(year=[None, None], usd=[math.nan, math.nan])
    assert BUDGET_FIGURES.problems(figures) == []
    assert str(BUDGET_FIGURES.conform(figures)["year"].dtype) == "Int64"


def test_every_table_is_declared_once():
    assert sorted(schema.SCHEMAS) == ["budget_figures", "languages", "rejections", "reviews", "sentences", "statements"]


@pytest.mark.parametrize(
    ("text", "language", "ends"),
    [
        ("The film cost between 130 and 200 million dollars to make.", "en", [130e6, 200e6]),
        ("Le film a coûté entre 130 et 200 millions de dollars.", "fr", [130e6, 200e6]),
        ("Фильм обошёлся в сумму от 9 до 10 миллионов долларов.", "ru", [9e6, 10e6]),
    ],
)
def test_a_range_passes_the_pipeline_as_two_figures_on_one_phrase(text, language, ends):
    # Both ends of a range point to the same words; the contract's key tells them apart by amount.
    from toolkit.pipeline import Film, analyse

    reviews = pd.DataFrame({"review_id": ["r"], "text": [text], "language": [language]})
    figures = analyse(reviews, film=Film("the film", 2023), coder="rules").budget_figures
    assert sorted(figures["amount"]) == ends
    assert figures["start"].nunique() == 1 and figures["end"].nunique() == 1
    assert list(figures["currency"]) == ["USD", "USD"]


_SHORTCUT_CASES = [
    (Column("aspect", "str", nullable=False, allowed=("budget", "accuracy")), ["budget", "accuracy", "budget"]),
    (Column("aspect", "str", nullable=False, allowed=("budget", "accuracy")), ["budget", "geopolitik"]),
    (Column("aspect", "str", nullable=False, allowed=("budget",)), ["budget", None]),
    (Column("stance", "str", allowed=("faithful", "mixed")), [None, "mixed", None]),
    (Column("language", "str", pattern=("a code", r"[a-z]{2}")), ["en", "de", "EN"]),
    (Column("language", "str", pattern=("a code", r"[a-z]{2}")), ["en", "ru", None]),
    (Column("text", "str", nullable=False, nonblank=True), ["Ein Satz.", "   "]),
    (Column("text", "str", nullable=False, nonblank=True), ["Ein Satz.", "Фраза."]),
    (Column("score", "float", bounds=(0.0, 1.0)), [0.5, 1, None, 0.0]),
    (Column("score", "float", bounds=(0.0, 1.0)), [0.5, 1.5]),
    (Column("score", "float", nullable=False), [0.5, float("nan")]),
    (Column("score", "float"), [0.5, float("nan"), np.float64(0.2)]),
    (Column("start", "int", nullable=False), [0, 5, True]),
    (Column("start", "int", nullable=False), [0, 5, 7.0]),
    (Column("mixed", "bool", nullable=False), [True, False, np.bool_(True)]),
    (Column("cues", "list"), [["a.b"], [], ("x",), None]),
    (Column("cues", "list"), [["a.b"], [3]]),
    (Column("evidence", "json"), [[{"cue": "x"}], {}, None]),
    (Column("evidence", "json", nullable=False), [[{"cue": "x"}], "text"]),
]


@pytest.mark.parametrize("column, values", _SHORTCUT_CASES)
def test_the_whole_list_shortcut_finds_what_the_cell_loop_finds(monkeypatch, column, values):
    found = schema._column_problems(values, column)
    monkeypatch.setattr(schema, "_surely_clean", lambda values, column: False)
    assert found == schema._column_problems(values, column)


def test_plain_clean_columns_take_the_shortcut():
    clean = [_SHORTCUT_CASES[i] for i in (0, 3, 5, 7, 8, 15, 17)]
    assert all(schema._surely_clean(values, column) for column, values in clean)
    assert all(schema._column_problems(values, column) == [] for column, values in clean)
