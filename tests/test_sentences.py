"""Tests for toolkit.sentences: splitting rules per language, offsets, the table contract."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import sentences
from toolkit.tables import SENTENCE_COLUMNS, TableError


def _split(text: str, language: str | None) -> list[str]:
    return [text[a:b] for a, b in sentences.spans(text, language=language)]


# Each case: language, text, expected sentences. Abbreviations, numbers, ellipses, quotes and ratings
# must not cut a sentence; real sentence ends must.
CASES = [
    (
        "en",
        "Mr. Shipenko made it for $6.5m, i.e. cheaply. It shows.",
        ["Mr. Shipenko made it for $6.5m, i.e. cheaply.", "It shows."],
    ),
    (
        "en",
        "Dr. Ryumin sits at No. 7 on my list. Rated 3.5/5 overall.",
        ["Dr. Ryumin sits at No. 7 on my list.", "Rated 3.5/5 overall."],
    ),
    (
        "en",
        "I only have one question... was it accurate? Maybe not.",
        ["I only have one question... was it accurate?", "Maybe not."],
    ),
    (
        "en",
        "He asked, “What if I saw angels?” He is grounded.",
        ["He asked, “What if I saw angels?”", "He is grounded."],
    ),
    ("en", "“What if I saw angels?” he asks the doctors.", ["“What if I saw angels?” he asks the doctors."]),
    ("en", "The U.S. shuttle flies by. Review by matt ★★★½", ["The U.S. shuttle flies by.", "Review by matt ★★★½"]),
    (
        "de",
        "Das kostete z. B. 1.2 Mrd. Rubel, d. h. wenig. Start am 5. Oktober.",
        ["Das kostete z. B. 1.2 Mrd. Rubel, d. h. wenig.", "Start am 5. Oktober."],
    ),
    (
        "de",
        "Natürlich ist vieles dramatisiert…aber Kino darf das! Der Film ist toll.",
        ["Natürlich ist vieles dramatisiert…aber Kino darf das!", "Der Film ist toll."],
    ),
    (
        "de",
        "Es gab Bilder, Effekte usw. Danach kam die Musik.",
        ["Es gab Bilder, Effekte usw.", "Danach kam die Musik."],
    ),
    (
        "ru",
        "Бюджет около 1,2 млрд руб., т. е. немного. Фильм вышел в 2017 г. в прокат.",
        ["Бюджет около 1,2 млрд руб., т. е. немного.", "Фильм вышел в 2017 г. в прокат."],
    ),
    (
        "ru",
        "Там были пожар, поломки и т.д. Потом всё починили.",
        ["Там были пожар, поломки и т.д.", "Потом всё починили."],
    ),
    (
        "fr",
        "M. Chipenko filme l'espace, etc. Le budget reste modeste.",
        ["M. Chipenko filme l'espace, etc.", "Le budget reste modeste."],
    ),
    (
        "es",
        "El Sr. Shipenko rodó con 6,5 mill. de dólares. ¡Qué película!",
        ["El Sr. Shipenko rodó con 6,5 mill. de dólares.", "¡Qué película!"],
    ),
    (
        "it",
        "Ci sono incendi, guasti ecc. e molta tensione. Da vedere.",
        ["Ci sono incendi, guasti ecc. e molta tensione.", "Da vedere."],
    ),
    (
        "pl",
        "Budżet wyniósł ok. 1,2 mld rubli, tj. niewiele. Polecam.",
        ["Budżet wyniósł ok. 1,2 mld rubli, tj. niewiele.", "Polecam."],
    ),
    (
        "pt",
        "O Sr. Shipenko gastou pouco, p.ex. nos efeitos. Vale a pena.",
        ["O Sr. Shipenko gastou pouco, p.ex. nos efeitos.", "Vale a pena."],
    ),
    (
        "tr",
        "Dr. Ryumin rolü, örn. uçuş direktörü, çok iyi. Kesinlikle izleyin.",
        ["Dr. Ryumin rolü, örn. uçuş direktörü, çok iyi.", "Kesinlikle izleyin."],
    ),
    ("ar", "الفيلم ممتع جدا. هل هو دقيق؟ ليس تماما.", ["الفيلم ممتع جدا.", "هل هو دقيق؟", "ليس تماما."]),
    ("ja", "映画は面白い。音楽はうるさい。", ["映画は面白い。", "音楽はうるさい。"]),
    ("zh", "这部电影很好看！配乐太吵了。", ["这部电影很好看！", "配乐太吵了。"]),
    # Seen on the team's training sentences: a dash after a closing quote goes on with the sentence; an
    # ellipsis in a caseless script still ends one; an ASCII quote after "。" opens the next sentence.
    (
        "ru",
        "«Шпион, выйди вон!» — фильм о разведке. Смотреть стоит.",
        ["«Шпион, выйди вон!» — фильм о разведке.", "Смотреть стоит."],
    ),
    ("ko", "끝나고 한참 앉아 있었다... 여운이 길다", ["끝나고 한참 앉아 있었다...", "여운이 길다"]),
    ("ja", '台詞が硬い。"Go home!"みたいな英語ばかり。', ["台詞が硬い。", '"Go home!"みたいな英語ばかり。']),
    # Not lists: one ordinal after another ("am 1. Mai ... am 2. Juni"), initials at the start of a text.
    (
        "de",
        "Er lief am 1. Mai und am 2. Juni im Kino. Danach nicht mehr.",
        ["Er lief am 1. Mai und am 2. Juni im Kino.", "Danach nicht mehr."],
    ),
    ("en", "A. B. Strugatsky wrote it. Read it first.", ["A. B. Strugatsky wrote it.", "Read it first."]),
    ("en", "Great film. ★★★★ Go see it.", ["Great film.", "★★★★ Go see it."]),
]

# A text that opens its sentences in lowercase (many user posts): a lowercase word after a full stop that
# follows an ordinary word, or after "!" or "?", opens a sentence; abbreviations, initials, ordinals and
# ellipses still do not cut. In a text that capitalises its sentences, a lowercase word never opens one.
LOWERCASE_CASES = [
    (
        "en",
        "saw it last night. the tanks look fake tbh. also who cast the general lol",
        ["saw it last night.", "the tanks look fake tbh.", "also who cast the general lol"],
    ),
    (
        "tr",
        "dün izledim. savaş sahneleri çok iyi! ama tarih biraz uydurma bence. oyunculuk fena değil",
        ["dün izledim.", "savaş sahneleri çok iyi!", "ama tarih biraz uydurma bence.", "oyunculuk fena değil"],
    ),
    (
        "pl",
        "film jest ok. budżet chyba mały, np. czołgi z tektury. ale muzyka super",
        ["film jest ok. budżet chyba mały, np. czołgi z tektury.", "ale muzyka super"],
    ),
    (
        "cs",
        "viděl jsem to 5. května. herci dobří. no a ten konec... nic moc",
        ["viděl jsem to 5. května.", "herci dobří.", "no a ten konec... nic moc"],
    ),
    (
        "fi",
        "leffa oli pitkä. esim. taistelut venyi. mut kuvaus hieno",
        ["leffa oli pitkä.", "esim. taistelut venyi.", "mut kuvaus hieno"],
    ),
    # Capitalised text: "approx. the" and "z. B. der" stay inside their sentences.
    (
        "en",
        "It cost approx. the price of a yacht. Nobody minded.",
        ["It cost approx. the price of a yacht.", "Nobody minded."],
    ),
    (
        "de",
        "Vieles wirkt billig, z. B. der Bunker. Trotzdem gut.",
        ["Vieles wirkt billig, z. B. der Bunker.", "Trotzdem gut."],
    ),
]

# Emoji with no terminal mark before them end a sentence before a capital, before any letter of a caseless
# script, and before a lowercase word in a text that opens its sentences in lowercase; not before a lowercase
# word in a capitalised text.
EMOJI_CASES = [
    ("en", "The ending got me 😭 Then the credits rolled.", ["The ending got me 😭", "Then the credits rolled."]),
    ("en", "The ending got me 😭 and my sister too.", ["The ending got me 😭 and my sister too."]),
    ("ja", "合戦シーンは盛りすぎ😂予算は少なそう。", ["合戦シーンは盛りすぎ😂", "予算は少なそう。"]),
    ("es", "me encantó 😍 la música es top. el final flojo", ["me encantó 😍", "la música es top.", "el final flojo"]),
    ("en", "Loved it! 😂 Then again, the plot.", ["Loved it! 😂", "Then again, the plot."]),
]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    LOWERCASE_CASES + EMOJI_CASES,
    ids=[c[0] + "-" + str(i) for i, c in enumerate(LOWERCASE_CASES + EMOJI_CASES)],
)
def test_lowercase_openings_and_emoji(language: str, text: str, expected: list[str]) -> None:
    assert _split(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"), CASES, ids=[c[0] + "-" + str(i) for i, c in enumerate(CASES)]
)
def test_split_rules(language: str, text: str, expected: list[str]) -> None:
    assert _split(text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("First paragraph without a stop\n\nSecond one", ["First paragraph without a stop", "Second one"]),
        (
            "Intro line\n  • Upcoming Movies\n  • Rotten Tomatoes Podcast\n- dash item\n1. numbered item",
            ["Intro line", "Upcoming Movies", "Rotten Tomatoes Podcast", "dash item", "numbered item"],
        ),
        ("and more at the shop. ... Critic Reviews follow", ["and more at the shop.", "... Critic Reviews follow"]),
        ("   ", []),
        ("", []),
        ("★★★½", ["★★★½"]),
    ],
)
def test_paragraphs_bullets_and_edges(text: str, expected: list[str]) -> None:
    assert _split(text, None) == expected


def test_unknown_language_does_not_use_single_language_abbreviations() -> None:
    # French "Me" (Maître) must not stop an English-looking sentence from ending when the language is unknown.
    assert _split("Notify me. Watch similar movies.", None) == ["Notify me.", "Watch similar movies."]


def _reviews() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "review_id": ["a", "b", "c"],
            "text": ["  Dr. Who? No.\n\n Next  ", "", "Ein Satz z. B. hier. Noch einer."],
            "language": ["en", "en", "de"],
        }
    )


def test_split_table_contract_and_offsets() -> None:
    reviews = _reviews()
    before = reviews.copy()
    table = sentences.split(reviews)
    assert list(table.columns)[: len(SENTENCE_COLUMNS)] == SENTENCE_COLUMNS
    assert table["sentence_id"].tolist() == ["a:1", "a:2", "a:3", "c:1", "c:2"]
    assert table["text"].tolist() == ["Dr. Who?", "No.", "Next", "Ein Satz z. B. hier.", "Noch einer."]
    texts = dict(zip(reviews["review_id"], reviews["text"]))
    for row in table.itertuples():
        assert texts[row.review_id][row.start : row.end] == row.text
        assert row.text == row.text.strip()
    pd.testing.assert_frame_equal(reviews, before)  # input not mutated


def test_split_offsets_on_the_raw_corpus_file() -> None:
    from pathlib import Path

    raw = (Path(__file__).resolve().parent.parent / "corpus/raw/salyut7_pages_2024.txt").read_text("utf-8")
    table = sentences.split(pd.DataFrame({"review_id": ["raw"], "text": [raw]}))
    assert len(table) > 500
    assert all(raw[s:e] == t for s, e, t in zip(table["start"], table["end"], table["text"]))
    assert (table["start"].diff().dropna() > 0).all()  # in order, no overlaps


def test_split_is_deterministic() -> None:
    assert sentences.split(_reviews()).equals(sentences.split(_reviews()))


def test_split_needs_columns_and_text() -> None:
    with pytest.raises(TableError, match="sentences.split needs column"):
        sentences.split(pd.DataFrame({"review_id": ["x"]}))
    with pytest.raises(TypeError, match="review 'x'"):
        sentences.split(pd.DataFrame({"review_id": ["x"], "text": [3]}))


def test_split_empty_table() -> None:
    table = sentences.split(pd.DataFrame({"review_id": [], "text": []}))
    assert table.empty and list(table.columns)[: len(SENTENCE_COLUMNS)] == SENTENCE_COLUMNS


def test_inline_lists_one_after_another_are_read_in_one_pass(monkeypatch) -> None:
    # A long review full of lists must cost time in proportion to its length: every marker is looked at once
    # (counted, not timed), however many lists the text opens.
    seen: list[int] = []
    real = sentences._LIST_MARKER

    class Counting:
        def finditer(self, text: str):
            for m in real.finditer(text):
                seen.append(m.start())
                yield m

    monkeypatch.setattr(sentences, "_LIST_MARKER", Counting())
    text = " ".join("Two things: 1. the cold 2. the silence." for _ in range(300))
    got = _split(text, "en")
    assert got[:4] == ["Two things:", "the cold", "the silence.", "Two things:"] and len(got) == 900
    assert len(seen) == 600  # 300 lists of two markers, each marker once
