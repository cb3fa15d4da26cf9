"""Tests for toolkit.readers: one test per input format with exact rows, one per kind of bad input."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from toolkit.readers import REJECTION_COLUMNS, ReviewInputError, read_reviews, read_reviews_report
from toolkit.tables import REVIEW_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows as tuples with NaN shown as None, for exact comparison."""
    return [
        tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
        for row in frame[columns].itertuples(index=False)
    ]


def _write(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def _jsonl(*records: dict | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


# --- formats ---------------------------------------------------------------------------------------------


def test_jsonl_rows() -> None:
    path = FIXTURES / "reviews.jsonl"
    reviews = read_reviews(path)
    assert list(reviews.columns[: len(REVIEW_COLUMNS)]) == REVIEW_COLUMNS
    assert _rows(
        reviews,
        [
            "review_id",
            "source_line",
            "critic",
            "outlet",
            "kind",
            "place",
            "place_basis",
            "rating_raw",
            "rating",
            "rating_scope",
            "published",
        ],
    ) == [
        (
            "jsonl-en",
            1,
            "Sam Example",
            "Orbit Weekly",
            "critic",
            "GB",
            "stated",
            "Original Score: 3.5/5",
            0.7,
            "review",
            "2017-12-16",
        ),
        ("jsonl-de", 3, "Jana Beispiel", None, "blog", None, "unknown", "★★★★ 2", 0.8, "review", None),
        # an IMDb score is an aggregate, never the review's own rating
        ("jsonl-ru", 4, None, None, "user", "RU", "stated", "IMDb 7.2", None, "aggregate", None),
    ]
    assert reviews["text"].tolist() == [
        "A tense, well-made rescue drama. The film invents a fire on board that never happened, but the docking "
        "sequence is superb.",
        "Ein spannender Film über die Rettung einer toten Raumstation. Die Namen der Kosmonauten wurden geändert.",
        "Фильм снят с размахом, хотя бюджет был скромным. Американцы показаны карикатурно.",
    ]
    assert reviews["source"].unique().tolist() == [str(path)]
    assert (reviews["start"] == 0).all() and (reviews["end"] == reviews["text"].str.len()).all()


def test_csv_rows_with_multiline_field_and_crlf() -> None:
    reviews, rejections = read_reviews_report(FIXTURES / "reviews.csv")
    assert rejections.empty
    assert _rows(reviews, ["review_id", "source_line", "text", "critic", "kind", "rating", "note"]) == [
        (
            "csv-en",
            2,
            'A sober procedural.\nIt says "based on real events" and mostly earns it.',
            "Alex Sample",
            "critic",
            0.9,
            None,
        ),
        (
            "csv-ar",
            4,
            "فيلم مشوق عن إنقاذ محطة فضائية سوفيتية، والمؤثرات البصرية مقنعة رغم الميزانية المحدودة.",
            None,
            "user",
            0.7,
            "translated by me",
        ),
        ("csv-ru", 5, "Неплохо, но слишком много пафоса.", "Иван Пример", "blog", 0.67, None),
    ]


def test_folder_mixing_txt_md_html() -> None:
    folder = FIXTURES / "folder"
    reviews = read_reviews(folder)
    assert _rows(
        reviews, ["review_id", "source", "critic", "outlet", "kind", "place", "published", "rating", "title"]
    ) == [
        ("a-orbit", f"{folder}/a-orbit.txt", None, None, None, None, None, None, None),
        ("md-de", f"{folder}/b-kosmos.md", "Jana Beispiel", "Kosmos-Blog", "blog", "DE", "2017-10-12", 0.7, None),
        (
            "c-mahatta",
            f"{folder}/c-mahatta.html",
            "ليلى مثال",
            "مجلة السينما",
            None,
            None,
            "2018-03-05",
            None,
            "ساليوت-7: إنقاذ في المدار",
        ),
        ("d-zvezdy", f"{folder}/d-zvezdy.md", None, None, None, None, None, 0.75, "Заметка о фильме"),
    ]
    texts = reviews["text"].tolist()
    assert texts[0] == (
        "Two cosmonauts, one frozen station, and a ground control that argues more than it helps.\n"
        "The last act stretches the facts about the spacewalk, yet the tension never drops."
    )
    assert texts[1] == (
        "Der Film nimmt sich viele Freiheiten mit der Geschichte, doch die Bilder aus dem All sind großartig."
        "\n\nDie Amerikaner wirken wie Statisten aus einem alten Propagandafilm."
    )
    assert texts[2].startswith("ساليوت-7: إنقاذ في المدار\nيروي الفيلم")  # exact page text: see the html test
    assert texts[3] == ("Честная картина о героизме без лишней политики. Хотя пожар на станции придуман сценаристами.")
    assert reviews.loc[3, "rating_raw"] == "3 out of 4"  # front-matter `rating` is read as written


def test_html_keeps_main_text_and_drops_boilerplate() -> None:
    page = read_reviews(FIXTURES / "folder" / "c-mahatta.html").iloc[0]
    assert page["text"].split("\n") == [
        "ساليوت-7: إنقاذ في المدار",
        "يروي الفيلم قصة رائدَي فضاء يحاولان إعادة الحياة إلى محطة فضائية متجمدة عام 1985، والتصوير في انعدام "
        "الجاذبية مدهش حقاً.",
        "لكن السيناريو يضيف حريقاً على متن المحطة لم يحدث في الواقع، ويصوّر الأمريكيين كخصوم بلا ملامح.",
    ]
    assert page["url"] == "https://cinema-magazine.example/salyut-7"
    for boilerplate in ("الرئيسية", "الخصوصية", "tracking"):
        assert boilerplate not in page["text"]


@pytest.mark.parametrize("name", ["a-orbit.txt", "b-kosmos.md", "c-mahatta.html"])
def test_single_file_paths(name: str) -> None:
    reviews = read_reviews(FIXTURES / "folder" / name)
    assert len(reviews) == 1 and reviews.loc[0, "source"] == str(FIXTURES / "folder" / name)


def test_html_with_declared_cp1251_charset(tmp_path: Path) -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Отзыв</title></head><body><article><p>Смотрел дважды: стыковка со станцией снята так, что "
        "забываешь дышать, а музыка только мешает.</p></article></body></html>"
    )
    path = _write(tmp_path, "otzyv.html", html.encode("cp1251"))
    assert read_reviews(path).loc[0, "text"].startswith("Смотрел дважды")


def test_bom_crlf_hostile_text(tmp_path: Path) -> None:
    text = "<script>alert(1)</script> Guter Film.\x00\x07\r\nZweite Zeile\x0cdritte\tSpalte.\r\n"
    path = _write(tmp_path, "hostile.jsonl", b"\xef\xbb\xbf" + _jsonl({"id": "h1", "text": text}).encode())
    row = read_reviews(path).iloc[0]
    # markup is kept as text; NUL and BEL are removed; form feed becomes a newline; tabs stay
    assert row["text"] == "<script>alert(1)</script> Guter Film.\nZweite Zeile\ndritte\tSpalte."
    path = _write(tmp_path, "crlf.txt", "\ufeffErste Zeile\r\nzweite Zeile\rdritte\r\n")
    assert read_reviews(path).loc[0, "text"] == "Erste Zeile\nzweite Zeile\ndritte"


def test_numeric_rating_and_place_basis(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "r.jsonl",
        _jsonl(
            {"id": "n1", "text": "Stark.", "rating": 0.6, "place": "de", "place_basis": "outlet"},
            {
                "id": "n2",
                "text": "Schwach.",
                "rating": "2/5",
                "published": "2017-12-16T09:30:00Z",
                "duplicate_of": "n1",
            },
        ),
    )
    assert read_reviews(path)[["published", "duplicate_of"]].values.tolist() == [[None, None], ["2017-12-16", "n1"]]
    assert _rows(read_reviews(path), ["review_id", "rating", "rating_raw", "rating_form", "place", "place_basis"]) == [
        ("n1", 0.6, None, "given", "DE", "outlet"),
        ("n2", 0.4, "2/5", "fraction", None, "unknown"),
    ]


def test_front_matter_aliases_and_extra_fields(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "hugo.md",
        "---\nauthor: Mira Muster\ndate: 2018-02-01\ntags: [kino, raumfahrt]\n"
        "source: notizbuch\n---\nKurz und gut: sehenswert.\n",
    )
    row = read_reviews(path).iloc[0]
    assert (row["review_id"], row["critic"], row["published"]) == ("hugo", "Mira Muster", "2018-02-01")
    # extra fields are kept, never dropped; a given `source` does not overwrite the file path
    assert row["tags"] == ["kino", "raumfahrt"]
    assert (row["source"], row["input_source"]) == (path, "notizbuch")


def test_every_record_is_a_row_or_a_rejection(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "mixed.jsonl",
        _jsonl(
            {"id": "ok1", "text": "Хороший фильм."},
            {"id": "bad1"},
            "{not json",
            {"id": "ok1", "text": "Again."},
            {"id": "ok2", "text": "Fine.", "kind": "review"},
            {"id": "ok3", "text": "فيلم جيد."},
        ),
    )
    reviews, rejections = read_reviews_report(path)
    assert reviews["review_id"].tolist() == ["ok1", "ok3"]
    assert list(rejections.columns) == REJECTION_COLUMNS
    assert _rows(rejections, ["line", "record_id"]) == [(2, "bad1"), (3, None), (4, "ok1"), (5, "ok2")]
    assert read_reviews(path, strict=False)["review_id"].tolist() == ["ok1", "ok3"]
    with pytest.raises(ReviewInputError) as raised:
        read_reviews(path)
    assert str(raised.value).split("\n")[0] == f"{path} line 2: record 'bad1' has no text"
    assert len(raised.value.rejections) == 4


# --- bad input: each message names the file and the line -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "missing-text.jsonl",
            _jsonl({"id": "r1", "text": "ok"}, {"id": "r2", "text": "ok"}, {"id": "r7"}),
            "line 3: record 'r7' has no text",
        ),
        ("empty-text.jsonl", _jsonl({"id": "r1", "text": "  \n "}), "line 1: record 'r1' has no text"),
        ("no-id.jsonl", _jsonl({"text": "Ohne Kennung."}), "line 1: record has no id"),
        (
            "duplicate.jsonl",
            _jsonl({"id": "r1", "text": "a"}, {"id": "r2", "text": "b"}, {"id": "r1", "text": "c"}),
            "line 3: duplicate id 'r1' (first used at line 1)",
        ),
        (
            "invalid.jsonl",
            _jsonl({"id": "r1", "text": "a"}, '{"id": "r2", "text": "b",}'),
            "line 2: invalid JSON: Expecting property name enclosed in double quotes (column 26)",
        ),
        ("array.jsonl", _jsonl(["r1", "text"]), "line 1: expected a JSON object per line, got list"),
        ("twice.jsonl", '{"id": "r1", "text": "a", "text": "b"}\n', "line 1: field 'text' is given twice"),
        ("empty.jsonl", "", "line 1: file is empty"),
        ("blank.csv", "\n\n", "line 1: file is empty"),
        (
            "kind.jsonl",
            _jsonl({"id": "r1", "text": "a", "kind": "critc"}),
            "line 1: record 'r1' has unknown kind 'critc'; allowed: critic, blog, user, blurb, synopsis, news",
        ),
        (
            "place.jsonl",
            _jsonl({"id": "r1", "text": "a", "place": "Germany"}),
            "line 1: record 'r1' has place 'Germany'; expected an ISO 3166-1 alpha-2 code",
        ),
        (
            "date.jsonl",
            _jsonl({"id": "r1", "text": "a", "published": "Dec 16, 2017"}),
            "line 1: record 'r1' has published 'Dec 16, 2017'; use YYYY-MM-DD",
        ),
        (
            "date2.csv",
            "id,text,published\nr1,a,2017-02-30\n",
            "line 2: record 'r1' has published '2017-02-30', which is not a calendar date",
        ),
        (
            "dangling.jsonl",
            _jsonl({"id": "r1", "text": "a"}, {"id": "r2", "text": "a", "duplicate_of": "r9"}),
            "line 2: record 'r2' has duplicate_of 'r9', which is not another record of this input",
        ),
        (
            "both.jsonl",
            _jsonl({"id": "r1", "text": "a", "rating": "3/5", "rating_raw": "3/5"}),
            "line 1: record 'r1' has both rating and rating_raw",
        ),
        (
            "bad-byte.jsonl",
            b'{"id": "r1", "text": "ok"}\n{"id": "r2", "text": "\xff"}\n',
            "line 2: not UTF-8: byte 0xff at byte offset 49",
        ),
        (
            "cp1251.jsonl",
            _jsonl({"id": "r1", "text": "Отличный фильм о космосе."}).encode("cp1251"),
            "line 1: not UTF-8: byte 0xce at byte offset 22; looks like cp1251 (Windows Cyrillic) — re-save",
        ),
        (
            "latin1.txt",
            "Ein großartiger Film über die Raumstation.".encode("latin-1"),
            "line 1: not UTF-8: byte 0xdf at byte offset 7; looks like cp1252/Latin-1",
        ),
        ("utf16.txt", "Фильм".encode("utf-16"), "line 1: file is UTF-16"),
        ("no-text-column.csv", "id,body\nr1,Hallo\n", "line 1: CSV header has no 'text' column (columns: id, body)"),
        ("fields.csv", "id,text\nr1,ok\nr2,too,many\n", "line 3: record has 3 fields but the header has 2"),
        ("quote.csv", 'id,text\nr1,ok\nr2,"never closed\nstill open\n', "line 3: CSV error: unexpected end of data"),
        ("dup.csv", 'id,text\nr1,"two\nlines"\nr1,again\n', "line 4: duplicate id 'r1' (first used at line 2)"),
        (
            "broken.md",
            "---\ncritic: Jana\nrating: [3, \n---\nText.\n",
            "line 3: broken YAML front matter: expected the node content",
        ),
        ("unclosed.md", "---\ncritic: Jana\nText ohne Ende.\n", "line 1: front matter opened with '---'"),
        ("list.md", "---\n- a\n- b\n---\nText.\n", "line 2: front matter must be 'key: value' lines"),
        ("body.md", "---\ncritic: Jana\n---\n\n", "line 4: record 'body' has no text"),
        (
            "empty.html",
            "<html><head><title>Leer</title></head><body><script>var a=1;</script></body></html>",
            "line 1: no main text found in the page",
        ),
    ],
)
def test_bad_input_names_file_and_line(tmp_path: Path, name: str, content: str | bytes, expected: str) -> None:
    path = _write(tmp_path, name, content)
    with pytest.raises(ReviewInputError) as raised:
        read_reviews(path)
    assert isinstance(raised.value, ValueError)
    assert str(raised.value).startswith(f"{path} {expected}")


def test_bad_files_in_a_folder_are_rejections(tmp_path: Path) -> None:
    _write(tmp_path, "one.md", "---\nid: same\n---\nErster Text.\n")
    _write(tmp_path, "sub/two.txt", "---\nid: same\n---\nZweiter Text.\n")
    _write(tmp_path, "notes.docx", b"PK\x03\x04")
    _write(tmp_path, "ru.txt", "Фильм о спасении станции.".encode("cp1251"))
    _write(tmp_path, ".DS_Store", b"\x00\x01")  # hidden files are OS metadata, skipped
    reviews, rejections = read_reviews_report(tmp_path)
    assert reviews["review_id"].tolist() == ["same"]
    assert _rows(rejections, ["source", "line", "record_id"]) == [
        (f"{tmp_path}/notes.docx", 1, None),
        (f"{tmp_path}/ru.txt", 1, None),
        (f"{tmp_path}/sub/two.txt", 1, "same"),
    ]
    reasons = rejections["reason"].tolist()
    assert reasons[0].startswith("unknown file type '.docx' in a review folder")
    assert "looks like cp1251" in reasons[1]
    assert reasons[2] == f"duplicate id 'same' (first used at {tmp_path}/one.md line 1)"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing.jsonl", "no such file or folder"),
        ("reviews.docx", "unknown file type '.docx'; expected one of .jsonl"),
        ("empty-folder", "folder has no files to read"),
    ],
)
def test_unreadable_paths_raise(tmp_path: Path, name: str, expected: str) -> None:
    path = tmp_path / name
    if name.endswith(".docx"):
        path.write_bytes(b"PK")
    elif name == "empty-folder":
        path.mkdir()
    with pytest.raises(ReviewInputError, match=expected) as raised:
        read_reviews_report(path)
    assert str(raised.value).startswith(str(path))


# --- CSV quoting errors: the record is rejected, the records after it are read ------------------------------


@pytest.mark.parametrize(
    ("content", "kept", "rejected"),
    [
        # a quote closed too early: only that row is lost
        ('id,text\nk1,Gut.\nk2,"ein "zitat" mittendrin\nk3,Schön.\n', ["k1", "k3"], [(3, "k2", "broken CSV row")]),
        # a quote never closed: the reader resumes on the next line instead of swallowing the file
        (
            'id,text\nk1,Gut.\nk2,"nie geschlossen\nk3,Schön.\nk4,"mit, Komma"\n',
            ["k1", "k3", "k4"],
            [(3, "k2", "broken CSV row")],
        ),
        # a quoted field over two lines is one good record; the broken one after it is named by its id
        ('id;text\nk1;"zwei\nZeilen"\n"k2";"kaputt"x\nk3;Gut.\n', ["k1", "k3"], [(4, "k2", "broken CSV row")]),
    ],
)
def test_a_broken_csv_quote_loses_only_its_own_record(
    tmp_path: Path, content: str, kept: list[str], rejected: list[tuple]
) -> None:
    reviews, rejections = read_reviews_report(_write(tmp_path, "quotes.csv", content))
    assert reviews["review_id"].tolist() == kept
    assert _rows(rejections, ["line", "record_id", "kind"]) == rejected
    assert rejections["reason"].iloc[0].startswith("CSV error: ")
    assert rejections["reason"].iloc[0].endswith(f"reading resumed at line {rejected[0][0] + 1}")


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.jsonl", _jsonl({"id": "r1", "text": " "}), "no text"),
        ("b.jsonl", _jsonl({"text": "Ohne Kennung."}), "no id"),
        ("c.jsonl", _jsonl({"id": "r1", "text": {"de": "Gut."}}), "wrong type"),
        ("d.jsonl", _jsonl({"id": "r1", "text": "Gut.", "critic": ["A", "B"]}), "wrong type"),
        ("e.jsonl", '{"id": "r1", "text": "Gut.", "id": "r2"}\n', "broken JSON"),
        ("f.jsonl", _jsonl({"id": "r1", "text": "Gut.", "place": "Deutschland"}), "bad value"),
        ("g.jsonl", _jsonl({"id": "r1", "text": "Gut."}, {"id": "r1", "text": "Noch mal."}), "duplicate id"),
        ("h.jsonl", _jsonl({"id": "r1", "text": "Gut.", "duplicate_of": "r0"}), "dangling duplicate_of"),
        ("i.jsonl", b'{"id": "r1", "text": "\xe9"}\n', "not UTF-8"),
        ("j.csv", "id;text;text\nr1;a;b\n", "broken CSV row"),
        ("m.csv", 'id,"te"xt\nr1,a\n', "broken CSV row"),  # a broken header: the file is not read
        ("k.md", "---\nid: [unclosed\n---\nText.\n", "broken front matter"),
        ("l.jsonl", "\n\n", "unreadable file"),
    ],
)
def test_every_rejection_has_a_kind(tmp_path: Path, name: str, content: str | bytes, kind: str) -> None:
    _, rejections = read_reviews_report(_write(tmp_path, name, content))
    assert rejections["kind"].tolist() == [kind]


def test_a_broken_json_line_is_named_by_the_id_it_seems_to_give(tmp_path: Path) -> None:
    path = _write(tmp_path, "cut.jsonl", '{"id": "r1", "text": "Gut."}\n{"id": "r2", "text": "abgeschn\n')
    _, rejections = read_reviews_report(path)
    assert _rows(rejections, ["line", "record_id", "kind"]) == [(2, "r2", "broken JSON")]
