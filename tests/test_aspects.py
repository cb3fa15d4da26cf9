"""Tests for toolkit.aspects: each language's cues, negation, exclusions, offsets, determinism."""

from __future__ import annotations

import functools
import re
import sys

import numpy as np
import pandas as pd
import pytest

from toolkit import aspects
from toolkit.tables import STATEMENT_COLUMNS, TableError


def _split(text: str) -> list[tuple[int, int]]:
    # Test fixture only: sentences end at . ! ? followed by space; the toolkit's splitter is toolkit.sentences.
    return [(m.start(), m.end()) for m in re.finditer(r"\S.*?(?:[.!?](?=\s|$)|$)", text)]


def _tables(texts: dict[str, tuple[str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    reviews = pd.DataFrame([{"review_id": rid, "text": t, "language": lang} for rid, (t, lang) in texts.items()])
    rows = []
    for rid, (text, lang) in texts.items():
        for n, (a, b) in enumerate(_split(text), start=1):
            rows.append(
                {
                    "review_id": rid,
                    "sentence_id": f"{rid}:{n}",
                    "start": a,
                    "end": b,
                    "text": text[a:b],
                    "language": lang,
                }
            )
    return reviews, pd.DataFrame(rows)


def code(sentence: str, language: str) -> dict:
    return aspects.match_sentence(sentence, [language])


# sentence, language, expected aspects, expected stance (accuracy), expected frames (geopolitics, subset)
CASES = [
    # English
    ("They made it on a shoestring.", "en", {"budget"}, None, set()),
    ("It reportedly cost about $9 million to produce.", "en", {"budget"}, None, set()),
    ("The sets look expensive for a movie of this kind.", "en", {"budget"}, None, set()),
    ("Much of the second act is invented, but the docking scenes are accurate.", "en", {"accuracy"}, "mixed", set()),
    ("The costumes are remarkably authentic.", "en", {"accuracy"}, "faithful", set()),
    ("It is based on a true story.", "en", {"accuracy"}, "neutral", set()),
    ("The script reads like Kremlin propaganda.", "en", {"geopolitics"}, None, {"propaganda"}),
    (
        "It plays like a Cold War thriller with the Americans as the villains.",
        "en",
        {"geopolitics"},
        None,
        {"cold_war", "anti_american"},
    ),
    ("The two cosmonauts share a cramped capsule.", "en", set(), None, set()),
    # German
    ("Der Film kostete nur einen Bruchteil eines Hollywood-Etats.", "de", {"budget"}, None, set()),
    ("Für ein Low-Budget-Projekt sieht das erstaunlich gut aus.", "de", {"budget"}, None, set()),
    ("Die Szene im Sturm ist frei erfunden.", "de", {"accuracy"}, "embellished", set()),
    ("Die Ausstattung wirkt historisch genau.", "de", {"accuracy"}, "faithful", set()),
    ("Der Kalte Krieg ist in jeder Einstellung spürbar.", "de", {"geopolitics"}, None, {"cold_war"}),
    ("Ein Hauch von Sowjetnostalgie liegt über dem Ganzen.", "de", {"geopolitics"}, None, {"soviet_nostalgia"}),
    ("Zwei Männer fliegen zu einer sowjetischen Raumstation.", "de", set(), None, set()),
    # Russian
    ("Бюджет фильма скромный, но графика отличная.", "ru", {"budget"}, None, set()),
    ("На съёмки ушли огромные затраты.", "ru", {"budget"}, None, set()),
    ("Сцена с пожаром — чистый вымысел.", "ru", {"accuracy"}, "embellished", set()),
    ("Быт восьмидесятых передан достоверно.", "ru", {"accuracy"}, "faithful", set()),
    ("Фильм пропитан духом холодной войны.", "ru", {"geopolitics"}, None, {"cold_war"}),
    ("Это типичный патриотический блокбастер.", "ru", {"geopolitics"}, None, {"patriotism"}),
    ("Советская станция перестала отвечать на сигналы.", "ru", set(), None, set()),
    # French
    ("Un budget modeste, mais quelle ambition.", "fr", {"budget"}, None, set()),
    ("Le tournage a coûté moins que prévu.", "fr", {"budget"}, None, set()),
    ("La mission a été romancée pour le grand écran.", "fr", {"accuracy"}, "embellished", set()),
    ("La guerre froide sert de toile de fond.", "fr", {"geopolitics"}, None, {"cold_war"}),
    ("On y voit une bureaucratie incapable de décider.", "fr", {"geopolitics"}, None, {"state_critique"}),
    ("Deux cosmonautes soviétiques partent en mission.", "fr", set(), None, set()),
    # Spanish
    ("Es una película de bajo presupuesto muy digna.", "es", {"budget"}, None, set()),
    ("Está basada en hechos reales, aunque con licencias.", "es", {"accuracy"}, "embellished", set()),
    ("La recreación de la estación es muy fiel.", "es", {"accuracy"}, "faithful", set()),
    ("Hay demasiada propaganda en el tercer acto.", "es", {"geopolitics"}, None, {"propaganda"}),
    ("El cosmonauta soviético mira la Tierra en silencio.", "es", set(), None, set()),
    # Italian
    ("Un film a basso budget che sembra un kolossal.", "it", {"budget"}, None, set()),
    ("Molti episodi sono inventati di sana pianta.", "it", {"accuracy"}, "embellished", set()),
    ("La guerra fredda è lo sfondo di tutto il racconto.", "it", {"geopolitics"}, None, {"cold_war"}),
    ("Il film celebra l'orgoglio nazionale russo.", "it", {"geopolitics"}, None, {"patriotism"}),
    ("I due cosmonauti sovietici litigano spesso.", "it", set(), None, set()),
    # Polish
    ("Budżet filmu był niewielki.", "pl", {"budget"}, None, set()),
    ("To niskobudżetowa produkcja, ale efekty są świetne.", "pl", {"budget"}, None, set()),
    ("Wiele scen zostało zmyślonych przez scenarzystów.", "pl", {"accuracy"}, "embellished", set()),
    ("Klimat zimnej wojny czuć w każdej scenie.", "pl", {"geopolitics"}, None, {"cold_war"}),
    ("Radziecka stacja kosmiczna milknie.", "pl", set(), None, set()),
    # Portuguese
    ("Um filme de baixo orçamento que impressiona.", "pt", {"budget"}, None, set()),
    ("Baseado em fatos reais, o filme emociona.", "pt", {"accuracy"}, "neutral", set()),
    ("Várias cenas foram inventadas pelo roteiro.", "pt", {"accuracy"}, "embellished", set()),
    ("O clima de Guerra Fria domina o filme.", "pt", {"geopolitics"}, None, {"cold_war"}),
    ("Os cosmonautas soviéticos consertam a estação.", "pt", set(), None, set()),
]


@pytest.mark.parametrize("sentence, language, expected, stance, frames", CASES)
def test_cues_per_language(sentence, language, expected, stance, frames):
    coded = code(sentence, language)
    assert set(coded) == expected
    if stance is not None:
        assert coded["accuracy"]["stance"] == stance
    if frames:
        assert frames <= set(coded["geopolitics"]["frames"])
    for result in coded.values():
        assert result["cues"] == sorted(result["cues"])
        assert all(c.split(".")[1] == language for c in result["cues"])


@pytest.mark.parametrize(
    "sentence, language, negated_cue",
    [
        ("It is not a big-budget film.", "en", "budget.en.big_budget"),
        ("Das ist kein großes Budget.", "de", "budget.de.big_budget"),
        ("Это не малобюджетный фильм.", "ru", "budget.ru.малобюджетный"),
        ("Ce n'est pas un petit budget.", "fr", "budget.fr.budget_modeste"),
        ("No es una película de bajo presupuesto.", "es", "budget.es.bajo_presupuesto"),
        ("Non è un film a basso budget.", "it", "budget.it.basso_budget"),
        ("To nie jest niskobudżetowy film.", "pl", "budget.pl.niskobudżetowy"),
        ("Não é um filme de baixo orçamento.", "pt", "budget.pt.baixo_orcamento"),
    ],
)
def test_negated_budget_cue_still_marks_the_aspect_and_is_recorded(sentence, language, negated_cue):
    coded = code(sentence, language)
    assert "budget" in coded
    assert negated_cue in coded["budget"]["negated"]
    assert any(e["negated"] for e in coded["budget"]["evidence"] if e["cue"] == negated_cue)


@pytest.mark.parametrize(
    "sentence, language, stance",
    [
        ("The film is not historically accurate.", "en", "embellished"),
        ("Der Film ist nicht authentisch.", "de", "embellished"),
        ("Фильм не достоверен.", "ru", "embellished"),
        ("Le film n'est pas fidèle.", "fr", "embellished"),
        ("The rescue scenes are not invented.", "en", "faithful"),
    ],
)
def test_negation_flips_the_stance(sentence, language, stance):
    assert code(sentence, language)["accuracy"]["stance"] == stance


def test_negation_withdraws_a_frame_but_keeps_the_aspect():
    coded = code("The film is not propaganda.", "en")
    assert "geopolitics" in coded and coded["geopolitics"]["frames"] == []


def test_negation_does_not_cross_a_clause_break():
    coded = code("Not bad, a big-budget spectacle.", "en")
    assert coded["budget"]["negated"] == []


@pytest.mark.parametrize(
    "sentence, language",
    [
        ("Plus, enjoy free delivery on millions of items.", "en"),
        ("It grossed $40 million at the box office.", "en"),
        ("Tickets cost $12 at my local multiplex.", "en"),
        ("Streaming it costs $3.99 a month.", "en"),
        ("The hero saves the station at the cost of his health.", "en"),
        ("Der Film spielte an der Kinokasse 20 Millionen Euro ein.", "de"),
        ("Ein Ticket kostet zwölf Euro.", "de"),
        ("Фильм собрал в прокате 700 миллионов рублей.", "ru"),
        ("Билет стоил 400 рублей.", "ru"),
        ("Le billet coûte dix euros.", "fr"),
        ("En taquilla recaudó 20 millones de dólares.", "es"),
        ("Al botteghino ha incassato 25 milioni di euro.", "it"),
        ("Bilet kosztował 25 złotych.", "pl"),
        ("A assinatura custa 30 reais por mês.", "pt"),
    ],
)
def test_exclusions_are_not_budget(sentence, language):
    assert "budget" not in code(sentence, language)


@pytest.mark.parametrize(
    "sentence, language",
    [
        ("Two Soviet cosmonauts dock with a silent space station.", "en"),
        ("In 1985 the USSR lost contact with its station.", "en"),
        ("Die sowjetische Station treibt antriebslos im All.", "de"),
        ("Станция «Салют-7» в 1985 году перестала отвечать.", "ru"),
    ],
)
def test_plot_summary_mention_of_soviet_is_not_geopolitics(sentence, language):
    assert "geopolitics" not in code(sentence, language)


def test_figure_alone_is_not_budget_but_figure_with_film_is():
    assert "budget" not in code("He owes me $20.", "en")
    assert "budget" in code("A $20 million film that looks far richer.", "en")


def test_question_about_accuracy_is_neutral():
    assert code("Is any of this accurate?", "en")["accuracy"]["stance"] == "neutral"


REVIEW_TEXTS = {
    "r-en": (
        "This is not a big-budget film. The fire sequence never happened. That fire. Didn't happen. "
        "It reads as Cold War propaganda.",
        "en",
    ),
    "r-ru": ("Бюджет фильма составил 380 миллионов рублей. Американцы показаны врагами, это холодная война.", "ru"),
    "r-none": ("A quiet film about two men.", "en"),
}


def test_statements_table_contract_offsets_and_order():
    from toolkit.pipeline import film_of

    reviews, sentences = _tables(REVIEW_TEXTS)
    st = aspects.extract_statements(reviews, sentences, profile=film_of())  # Salyut-7's incidents: its profile
    assert list(st.columns[: len(STATEMENT_COLUMNS)]) == STATEMENT_COLUMNS
    texts = dict(zip(reviews["review_id"], reviews["text"]))
    for rec in st.to_dict("records"):
        assert texts[rec["review_id"]][rec["start"] : rec["end"]] == rec["text"]
        for ev in rec["evidence"]:
            assert texts[rec["review_id"]][ev["start"] : ev["end"]] == ev["text"]
    assert st["review_id"].tolist() == sorted(st["review_id"].tolist())
    assert "r-none" not in set(st["review_id"])
    acc = st[st["aspect"] == "accuracy"]
    # "That fire. Didn't happen.": the incident comes from the sentence before.
    assert acc[acc["text"] == "Didn't happen."]["incidents"].iloc[0] == ["fire"]
    assert set(st[st["aspect"] == "budget"]["stance"].isna()) == {True}
    ru_geo = st[(st["review_id"] == "r-ru") & (st["aspect"] == "geopolitics")].iloc[0]
    assert {"cold_war", "anti_american"} <= set(ru_geo["frames"])
    assert "geo.ru.холодная_война" in ru_geo["cues"]


def test_deterministic_output_and_input_not_mutated():
    reviews, sentences = _tables(REVIEW_TEXTS)
    before = sentences.copy()
    first = aspects.extract_statements(reviews, sentences)
    second = aspects.extract_statements(reviews.iloc[::-1], sentences.sample(frac=1, random_state=3))
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(sentences, before)


def test_mismatched_sentence_offsets_name_the_record():
    reviews, sentences = _tables({"r1": ("A shoestring budget. Fine.", "en")})
    broken = sentences.assign(start=sentences["start"] + 1)
    with pytest.raises(TableError, match="r1:1"):
        aspects.extract_statements(reviews, broken)


def test_missing_columns_are_a_table_error():
    with pytest.raises(TableError, match="aspects.extract_statements"):
        aspects.extract_statements(pd.DataFrame({"review_id": ["x"]}), None)


def test_unknown_language_tries_every_codebook_language():
    reviews, sentences = _tables({"r": ("Бюджет фильма скромный.", "und")})
    st = aspects.extract_statements(reviews, sentences)
    assert st["aspect"].tolist() == ["budget"]


def test_empty_input_gives_empty_table_with_columns():
    reviews, sentences = _tables({"r": ("Nothing to see.", "en")})
    st = aspects.extract_statements(reviews, sentences)
    assert st.empty and list(st.columns[: len(STATEMENT_COLUMNS)]) == STATEMENT_COLUMNS


def test_codebook_ids_unique_and_languages_covered():
    book = aspects.codebook()
    for aspect in book.values():
        for lang in ("en", "de", "ru", "fr", "es", "it", "pl", "pt"):
            assert aspect.cues.get(lang), f"{aspect.name} has no {lang} cues"
        ids = [c.id for cues in aspect.cues.values() for c in cues]
        assert len(ids) == len(set(ids))


def test_a_new_aspect_is_data_only():
    spec = {
        "aspect": "music",
        "id_prefix": "music",
        "labels": [],
        "combos": [],
        "cues": {"en": {"score": {"terms": ["score", "soundtrack"]}}},
    }
    compiled = aspects._compile_aspect(spec, "test")
    result = aspects._code_aspect(
        compiled, aspects._hits(compiled.cues["en"], "The soundtrack soars."), "The soundtrack soars."
    )
    assert result is not None and result["cues"] == ["music.en.score"]


def test_bad_codebook_entry_names_the_cue():
    spec = {"aspect": "x", "cues": {"en": {"bad": {"patterns": ["(unclosed"]}}}}
    with pytest.raises(TableError, match=r"x\.en\.bad"):
        aspects._compile_aspect(spec, "x.yaml")


def test_without_sentences_the_stage_splits_and_labels_languages_itself():
    reviews = pd.DataFrame(
        {
            "review_id": [7, 8],
            "text": ["A shoestring budget. The fire never happened.", "Бюджет фильма скромный. Это холодная война."],
        }
    )
    st = aspects.extract_statements(reviews)
    assert st["review_id"].tolist() == [7, 7, 8, 8]
    assert st["aspect"].tolist() == ["budget", "accuracy", "budget", "geopolitics"]
    assert st["language"].tolist() == ["en", "en", "ru", "ru"]
    assert all(c.split(".")[1] == lang for cues, lang in zip(st["cues"], st["language"]) for c in cues)
    texts = dict(zip(reviews["review_id"], reviews["text"]))
    assert all(texts[r][a:b] == t for r, a, b, t in zip(st["review_id"], st["start"], st["end"], st["text"]))


# The matcher's shortcuts (the memo of terms by word, patterns chosen by an Aho–Corasick pass, column reading) each
# stand in for a plain rule; these check them against that rule on ordinary and awkward text alike.
AWKWARD = [
    "It cost $9 million, they say.",
    "Based on a TRUE story, or so the film claims.",
    "costs at all? At ALL COSTS!",
    "İstanbul'da çekilen film gerçek olaylara dayanıyor.",
    "ΟΔΟΣ ΠΡΟΣ ΤΑ ΑΣΤΡΑ. Η ταινία κόστισε 5 εκ.",
    "Ein ſehr teurer Film, Kosten: ² Millionen, koste es was es wolle.",
    "The U.S. and the West, at any cost.",
    "电影预算很低，但是特效很好。",
    "Фильм снят по реальным событиям, бюджет 300 млн рублей.",
    "",
    "  ",
    "x_1",
    "La película, basada en hechos reales, costó millones de dólares.",
    "Nie było żadnego pożaru na stacji.",
] + [case[0] for case in CASES]


def _patterns_by_rule(matcher, text: str) -> list[int]:
    folded, has_digit = text.lower(), any(ch.isdigit() for ch in text)
    return [
        k
        for k, (_, _, needs) in enumerate(matcher.patterns)
        if needs is None or (has_digit if needs is aspects._DIGIT else any(n in folded for n in needs))
    ]


def test_patterns_run_exactly_when_a_literal_or_digit_is_there():
    chosen = 0
    for lang in aspects._every_language():
        matcher = aspects._matcher(lang)
        for text in AWKWARD:
            expected = _patterns_by_rule(matcher, text)
            assert list(aspects._patterns_for(matcher, text)) == expected, (lang, text)
            chosen += len(expected)
    assert chosen > 50


def test_the_automaton_finds_overlapping_and_nested_literals():
    automaton = aspects._automaton({"cost": [0], "costs": [1], "ost": [2], "all c": [3], "zz": [4]})
    found = sorted({k for _, positions in automaton.iter("at all costs, all costs") for k in positions})
    assert found == [0, 1, 2, 3]
    assert list(automaton.iter("")) == [] and list(automaton.iter("a cot")) == []


def test_digit_search_is_isdigit():
    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        if ch.isdigit() or ch.isnumeric() or c % 31 == 0:
            assert (aspects._digit_search()(ch) is not None) == ch.isdigit(), hex(c)


@pytest.mark.parametrize(
    "text, digit",
    [("🎬 2", True), ("🎬𝟘", True), ("🎬 ²", True), ("🎬", False), ("𐀀🎬 none", False), ("x 9 🎬", True), ("", False)],
)
def test_digit_search_past_characters_beyond_the_bmp(text, digit):
    # The scan hands over to the exact class at the first character above U+FFFF: digits after one still count.
    assert (aspects._digit_search()(text) is not None) == digit == any(c.isdigit() for c in text)


def test_memos_emptied_at_their_bound_change_nothing(monkeypatch):
    every = list(aspects._every_language())
    expected = [(aspects.match_sentence(t, every), aspects.match_sentence(t, ["en", "ru"])) for t in AWKWARD]
    monkeypatch.setattr(aspects, "_MEMO_LIMIT", 3)
    for lang in every:  # start empty, so that every word is a miss again
        aspects._matcher(lang).memo.clear()
    assert [(aspects.match_sentence(t, every), aspects.match_sentence(t, ["en", "ru"])) for t in AWKWARD] == expected
    assert max(len(aspects._matcher(lang).memo) for lang in every) <= 3


@functools.cache
def _shipped_vocabulary() -> frozenset[str]:
    """Every word of the shipped corpus and of the training sentences, plus words chosen for Snowball's
    rewrites (accents, "ß", French "y", Russian transliteration of mixed words)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "corpus"
    words = {"Maya", "Goyas", "Überblick", "Straße", "ёлка", "Ёжик", "raňajkujú", "přes", "façade", "Niño", "ÇA"}
    for path in [*sorted(root.glob("raw/*")), *sorted(root.glob("training/*.jsonl"))]:
        words.update(aspects._WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(words)


@pytest.mark.parametrize("language", sorted(aspects._stem_languages()))
def test_a_word_let_skip_stemming_cannot_stem_to_a_cue(language):
    """A word skips stemming (`_may_stem_to`) when no cue stem's head is a prefix of its head; that loses no hit
    only if every stem's head is a prefix of its word's, checked here on every shipped word in every stemmed
    language, with the matcher's real heads letting through a real share of the words, not all of them."""
    words = _shipped_vocabulary()
    wrong = [
        w for w in words if not aspects._may_stem_to(w.lower(), frozenset([aspects._head(aspects._stem(w, language))]))
    ]
    assert wrong == []
    let_through = sum(aspects._may_stem_to(w.lower(), aspects._matcher(language).stem_heads) for w in words)
    assert 0 < let_through < len(words) / 2


def test_columns_are_read_as_records_would_give_them():
    frame = pd.DataFrame(
        {
            "ints": pd.Series([1, None, 3], dtype="Int64"),
            "floats": [1.0, np.nan, 2.5],
            "plain": [1, 2, 3],
            "objects": pd.Series([np.int64(1), pd.NA, "x"], dtype=object),
            "str": pd.Series(["a", None, "c"], dtype="str"),
            "string": pd.Series(["a", None, "c"], dtype="string"),
            "category": pd.Series(["a", "b", "a"], dtype="category"),
            "mixed": pd.Series([np.float64(1.5), None, np.bool_(True)], dtype=object),
        }
    )
    records = frame.to_dict("records")
    for column in frame.columns:
        expected = [r[column] for r in records]
        got = aspects._column_values(frame, column)
        assert [type(v) for v in got] == [type(v) for v in expected], column
        assert [v if v == v else "nan" for v in got] == [v if v == v else "nan" for v in expected], column


# The general codebook in every language: a sentence per aspect, then two hard negatives (box office, and a plot
# summary that names nationalities), all written for these tests. Columns as in CASES.
GENERAL_CASES = [
    # English: general frames beyond the Salyut-7 set
    (
        "The film is haunted by the memory of war crimes and civilian victims.",
        "en",
        {"geopolitics"},
        None,
        {"war_memory"},
    ),
    ("It is an allegory of the arms race and the fear of nuclear war.", "en", {"geopolitics"}, None, {"arms_race"}),
    ("The film was banned by the government for twenty years.", "en", {"geopolitics"}, None, {"censorship"}),
    ("According to historians, the siege lasted twice as long.", "en", {"accuracy"}, "neutral", set()),
    ("He was banned from flying after the accident.", "en", set(), None, set()),
    # Ukrainian
    ("Бюджет фільму скромний, але графіка чудова.", "uk", {"budget"}, None, set()),
    ("Більшість діалогів — чиста вигадка сценаристів.", "uk", {"accuracy"}, "embellished", set()),
    ("Стрічка відверто працює як державна пропаганда.", "uk", {"geopolitics"}, None, {"propaganda"}),
    ("У прокаті фільм зібрав 40 мільйонів гривень.", "uk", set(), None, set()),
    ("Американський астронавт і радянський космонавт летять разом.", "uk", set(), None, set()),
    # Japanese
    ("この映画は低予算で作られたとは思えない。", "ja", {"budget"}, None, set()),
    ("物語の多くは史実とは異なる脚色だ。", "ja", {"accuracy"}, "embellished", set()),
    ("冷戦時代の緊張感がよく伝わってくる。", "ja", {"geopolitics"}, None, {"cold_war"}),
    ("興行収入は30億円を突破した。", "ja", set(), None, set()),
    ("ソ連の宇宙飛行士とアメリカの技術者が出会う。", "ja", set(), None, set()),
    # Chinese
    ("这部电影的制作成本只有三千万元。", "zh", {"budget"}, None, set()),
    ("影片基本忠于史实，细节考究。", "zh", {"accuracy"}, "faithful", set()),
    ("整部电影充满了爱国主义的宣传色彩。", "zh", {"geopolitics"}, None, {"patriotism", "propaganda"}),
    ("该片票房突破十亿元。", "zh", set(), None, set()),
    ("一位苏联宇航员和一位美国工程师在太空相遇。", "zh", set(), None, set()),
    # Korean
    ("저예산 영화인데도 화면이 훌륭하다.", "ko", {"budget"}, None, set()),
    ("이 영화는 실화를 바탕으로 만들어졌다.", "ko", {"accuracy"}, "neutral", set()),
    ("영화는 냉전 시대의 긴장을 잘 보여준다.", "ko", {"geopolitics"}, None, {"cold_war"}),
    ("이 영화는 개봉 첫 주에 관객 100만 명을 모았다.", "ko", set(), None, set()),
    ("소련 우주비행사와 미국 엔지니어가 만난다.", "ko", set(), None, set()),
    # Arabic
    ("صُنع الفيلم بميزانية محدودة لكنه يبدو مبهرا.", "ar", {"budget"}, None, set()),
    ("الفيلم مستوحى من قصة حقيقية.", "ar", {"accuracy"}, "neutral", set()),
    ("الفيلم مليء بالدعاية السياسية.", "ar", {"geopolitics"}, None, {"propaganda"}),
    ("حقق الفيلم إيرادات بلغت 20 مليون دولار في شباك التذاكر.", "ar", set(), None, set()),
    ("يلتقي رائد فضاء سوفيتي بمهندس أمريكي.", "ar", set(), None, set()),
    # Turkish
    ("Film düşük bütçeyle çekilmiş ama çok iyi görünüyor.", "tr", {"budget"}, None, set()),
    ("Senaryodaki pek çok olay tamamen uydurma.", "tr", {"accuracy"}, "embellished", set()),
    ("Film açıkça devlet propagandası gibi.", "tr", {"geopolitics"}, None, {"propaganda"}),
    ("Film gişede 50 milyon lira hasılat yaptı.", "tr", set(), None, set()),
    ("Sovyet bir kozmonot ile Amerikalı bir mühendis tanışır.", "tr", set(), None, set()),
    # Czech
    ("Film vznikl s velmi malým rozpočtem.", "cs", {"budget"}, None, set()),
    ("Mnoho scén je zcela smyšlených.", "cs", {"accuracy"}, "embellished", set()),
    ("Celý film působí jako komunistická propaganda.", "cs", {"geopolitics"}, None, {"propaganda"}),
    ("Film utržil v kinech 50 milionů korun.", "cs", set(), None, set()),
    ("Sovětský kosmonaut a americký inženýr se setkají na oběžné dráze.", "cs", set(), None, set()),
    # Slovak
    ("Film vznikol s malým rozpočtom.", "sk", {"budget"}, None, set()),
    ("Príbeh je založený na skutočných udalostiach.", "sk", {"accuracy"}, "neutral", set()),
    ("Atmosféra studenej vojny je cítiť v každej scéne.", "sk", {"geopolitics"}, None, {"cold_war"}),
    ("Tržby filmu dosiahli 2 milióny eur.", "sk", set(), None, set()),
    ("Sovietsky kozmonaut a americký inžinier sa stretnú.", "sk", set(), None, set()),
    # Dutch
    ("De film is met een klein budget gemaakt.", "nl", {"budget"}, None, set()),
    ("Veel scènes zijn gewoon verzonnen.", "nl", {"accuracy"}, "embellished", set()),
    ("De film ademt de sfeer van de Koude Oorlog.", "nl", {"geopolitics"}, None, {"cold_war"}),
    ("De film bracht 20 miljoen euro op aan de box office.", "nl", set(), None, set()),
    ("Een Sovjet-kosmonaut en een Amerikaanse ingenieur ontmoeten elkaar.", "nl", set(), None, set()),
    # Swedish
    ("Filmen gjordes med en mycket liten budget.", "sv", {"budget"}, None, set()),
    ("Mycket av handlingen är påhittad.", "sv", {"accuracy"}, "embellished", set()),
    ("Filmen känns som ren propaganda.", "sv", {"geopolitics"}, None, {"propaganda"}),
    ("Filmen spelade in 20 miljoner kronor på biograferna.", "sv", set(), None, set()),
    ("En sovjetisk kosmonaut och en amerikansk ingenjör möts i rymden.", "sv", set(), None, set()),
    # Catalan
    ("És una pel·lícula de baix pressupost molt digna.", "ca", {"budget"}, None, set()),
    ("Està basada en fets reals.", "ca", {"accuracy"}, "neutral", set()),
    ("La guerra freda és el rerefons de tota la història.", "ca", {"geopolitics"}, None, {"cold_war"}),
    ("A la taquilla va recaptar 5 milions d'euros.", "ca", set(), None, set()),
    ("Un cosmonauta soviètic i un enginyer americà es troben a l'espai.", "ca", set(), None, set()),
    # Estonian
    ("Film on tehtud väikese eelarvega.", "et", {"budget"}, None, set()),
    ("Paljud stseenid on lihtsalt väljamõeldud.", "et", {"accuracy"}, "embellished", set()),
    ("Film on läbi imbunud külma sõja vaimust.", "et", {"geopolitics"}, None, {"cold_war"}),
    ("Film teenis kassas 2 miljonit eurot.", "et", set(), None, set()),
    ("Nõukogude kosmonaut ja Ameerika insener kohtuvad kosmoses.", "et", set(), None, set()),
    # Hungarian
    ("A film alacsony költségvetésből készült.", "hu", {"budget"}, None, set()),
    ("A történet nagy része kitalált.", "hu", {"accuracy"}, "embellished", set()),
    ("A film nyíltan állami propaganda.", "hu", {"geopolitics"}, None, {"propaganda"}),
    ("A film 500 millió forint jegybevételt hozott.", "hu", set(), None, set()),
    ("Egy szovjet űrhajós és egy amerikai mérnök találkozik.", "hu", set(), None, set()),
    # Romanian
    ("Filmul a fost făcut cu un buget redus.", "ro", {"budget"}, None, set()),
    ("Filmul este inspirat din fapte reale.", "ro", {"accuracy"}, "neutral", set()),
    ("Filmul respiră atmosfera Războiului Rece.", "ro", {"geopolitics"}, None, {"cold_war"}),
    ("Filmul a avut încasări de 2 milioane de euro.", "ro", set(), None, set()),
    ("Un cosmonaut sovietic și un inginer american se întâlnesc.", "ro", set(), None, set()),
    # Greek
    ("Η ταινία γυρίστηκε με χαμηλό προϋπολογισμό.", "el", {"budget"}, None, set()),
    ("Πολλές σκηνές είναι εντελώς επινοημένες.", "el", {"accuracy"}, "embellished", set()),
    ("Η ταινία αποπνέει το κλίμα του Ψυχρού Πολέμου.", "el", {"geopolitics"}, None, {"cold_war"}),
    ("Η ταινία έκοψε 500.000 εισιτήρια και εισπράξεις 3 εκατ. ευρώ.", "el", set(), None, set()),
    ("Ένας σοβιετικός κοσμοναύτης και ένας Αμερικανός μηχανικός συναντιούνται.", "el", set(), None, set()),
    # Hindi
    ("यह फ़िल्म बहुत कम बजट में बनी है।", "hi", {"budget"}, None, set()),
    ("कहानी का बड़ा हिस्सा काल्पनिक है।", "hi", {"accuracy"}, "embellished", set()),
    ("फ़िल्म खुलकर देशभक्ति और राष्ट्रवाद का प्रचार करती है।", "hi", {"geopolitics"}, None, {"patriotism"}),
    ("फ़िल्म ने बॉक्स ऑफिस पर 100 करोड़ की कमाई की।", "hi", set(), None, set()),
    ("फ़िल्म के निर्देशक ने एक सोवियत अंतरिक्ष यात्री की प्राचीन कहानी दिखाई।", "hi", set(), None, set()),
    # Recall on films the toolkit has not seen: appeals to historians, memoirs and witnesses; "based on" in its
    # inflections; composites and compressed timelines; regimes, repression of citizens, censors, national
    # humiliation; with near misses (a bossy character, an adaptation of a novel, a car chase, money from the state).
    ("Several historians have questioned the way the siege is staged.", "en", {"accuracy"}, "neutral", set()),
    ("The screenplay is loosely based on the pilot's own diaries.", "en", {"accuracy"}, "embellished", set()),
    (
        "The engineer is a composite character, and two years are compressed into a single winter.",
        "en",
        {"accuracy"},
        "embellished",
        set(),
    ),
    ("The real Hartmann was a far quieter man than this.", "en", {"accuracy"}, "neutral", set()),
    ("The film was shot on location in a single summer.", "en", set(), None, set()),
    ("Her verdict on the ending is based on its pacing alone.", "en", set(), None, set()),
    ("The junta is shown torturing students in the stadium.", "en", {"geopolitics"}, None, {"state_critique"}),
    ("A censor board held the film back for two years.", "en", {"geopolitics"}, None, {"censorship"}),
    ("The defeat is remembered as a national humiliation.", "en", {"geopolitics"}, None, {"space_race"}),
    ("Her father is an authoritarian man who never smiles.", "en", set(), None, set()),
    ("Zeitzeugen erinnern sich an einen viel längeren Winter.", "de", {"accuracy"}, "neutral", set()),
    ("Der Film basiert lose auf den Tagebüchern des Offiziers.", "de", {"accuracy"}, "neutral", set()),
    ("Der Staat lässt seine Bergleute im Stich.", "de", {"geopolitics"}, None, {"state_critique"}),
    ("Die Geheimdienste beider Länder belauern einander.", "de", {"geopolitics"}, None, set()),
    ("Историки давно спорят о числе погибших.", "ru", {"accuracy"}, "neutral", set()),
    ("Герой фильма — собирательный образ нескольких лётчиков.", "ru", {"accuracy"}, "embellished", set()),
    ("Репрессии тридцатых годов показаны без прикрас.", "ru", {"geopolitics"}, None, {"state_critique"}),
    ("Государство бросает своих граждан на произвол судьбы.", "ru", {"geopolitics"}, None, {"state_critique"}),
    ("Les historiens rappellent que la bataille dura trois jours de plus.", "fr", {"accuracy"}, "neutral", set()),
    ("Le film dénonce la dictature et ses prisonniers politiques.", "fr", {"geopolitics"}, None, {"state_critique"}),
    ("Según los historiadores, el asedio duró el doble.", "es", {"accuracy"}, "neutral", set()),
    ("La película se basa en los testimonios de los supervivientes.", "es", {"accuracy"}, "neutral", set()),
    ("La historia de amor es preciosa y el final me hizo llorar.", "es", set(), None, set()),
    ("La dictadura aparece como una maquinaria fría y burocrática.", "es", {"geopolitics"}, None, {"state_critique"}),
    ("La persecución en coche por el puerto es trepidante.", "es", set(), None, set()),
    ("Gli storici hanno contestato la scena della resa.", "it", {"accuracy"}, "neutral", set()),
    ("Film oparty jest na wspomnieniach pilota.", "pl", {"accuracy"}, "neutral", set()),
    ("Stan wojenny pokazano oczami zwykłej rodziny.", "pl", {"geopolitics"}, None, {"state_critique"}),
    (
        "O filme baseia-se nos arquivos da polícia política.",
        "pt",
        {"accuracy", "geopolitics"},
        "neutral",
        {"state_critique"},
    ),
    ("Film vychází ze svědectví přeživších.", "cs", {"accuracy"}, "neutral", set()),
    ("Film skončil na dvacet let v trezoru.", "cs", {"geopolitics"}, None, {"censorship"}),
    ("Historici zijn het oneens over de rol van de generaal.", "nl", {"accuracy"}, "neutral", set()),
    ("Tarihçiler kuşatmanın çok daha uzun sürdüğünü söylüyor.", "tr", {"accuracy"}, "neutral", set()),
    ("Film askeri darbe döneminde yasaklandı.", "tr", {"geopolitics"}, None, {"censorship", "state_critique"}),
    ("A film valós eseményeken alapul.", "hu", {"accuracy"}, "neutral", set()),
    ("この映画は生存者の証言に基づいている。", "ja", {"accuracy"}, "neutral", set()),
    ("軍事政権による弾圧が生々しく描かれる。", "ja", {"geopolitics"}, None, {"state_critique"}),
    ("影片取材于幸存者的回忆录。", "zh", {"accuracy"}, "neutral", set()),
    ("这部电影在国内被禁映多年。", "zh", {"geopolitics"}, None, {"censorship"}),
    ("영화는 생존자들의 증언을 바탕으로 만들어졌다.", "ko", {"accuracy"}, "neutral", set()),
    ("군사 정권의 탄압이 적나라하게 그려진다.", "ko", {"geopolitics"}, None, {"state_critique"}),
    ("وفقًا لبعض المؤرخين، استمر الحصار ضعف المدة.", "ar", {"accuracy"}, "neutral", set()),
    ("ההיסטוריונים חלוקים לגבי תפקידו של הגנרל.", "he", {"accuracy"}, "neutral", set()),
    ("Η ταινία βασίζεται σε μαρτυρίες επιζώντων.", "el", {"accuracy"}, "neutral", set()),
    ("Prawicowi publicyści nazwali reżysera zdrajcą.", "pl", {"geopolitics"}, None, {"propaganda"}),
    ("Prawdziwy Spielberg w formie, klasyczny i mądry.", "pl", set(), None, set()),
    ("El verdadero Puccio era mucho más frío que el de la película.", "es", {"accuracy"}, "neutral", set()),
    ("La película repite la versión oficial de la masacre.", "es", {"geopolitics"}, None, {"propaganda"}),
    (
        "Le film fut reçu comme un geste politique au lendemain du coup d'État.",
        "fr",
        {"geopolitics"},
        None,
        {"state_critique"},
    ),
    ("この映画の歴史観はかなり保守的だ。", "ja", {"geopolitics"}, None, {"memory_politics"}),
    ("Il film ha una chiara lettura politica.", "it", {"geopolitics"}, None, set()),
    ("Il vero Moro scriveva lettere ben più dure.", "it", {"accuracy"}, "neutral", set()),
    ("실록에는 그런 대면에 대한 기록이 한 줄도 없다.", "ko", {"accuracy"}, "neutral", set()),
    ("대장장이 캐릭터는 완전히 창작된 인물이다.", "ko", {"accuracy"}, "embellished", set()),
    ("Källorna säger ingenting om hennes kärleksliv.", "sv", {"accuracy"}, "neutral", set()),
    ("学界对这位将军的评价要复杂得多。", "zh", {"accuracy"}, "neutral", set()),
    ("故事靠三条时间线交叉推进。", "zh", set(), None, set()),
]


# Finnish and Hebrew accuracy and geopolitics (issue 10): what any historical or political film's reviews say, with
# near misses that share a word with a cue (a plot "soldier", "war film" as a genre, "history" as a school subject,
# a manned spacecraft, forbidden love, precise acting). Columns as in CASES; all sentences written for these tests.
FI_HE_CASES = [
    # Finnish: accuracy
    ("Elokuva perustuu tositapahtumiin.", "fi", {"accuracy"}, "neutral", set()),
    ("Tarina pohjautuu todellisiin tapahtumiin vuodelta 1944.", "fi", {"accuracy"}, "neutral", set()),
    ("Monet kohtaukset ovat täysin keksittyjä.", "fi", {"accuracy"}, "embellished", set()),
    ("Käsikirjoitus ottaa runsaasti vapauksia.", "fi", {"accuracy"}, "embellished", set()),
    ("Tätä kohtausta ei koskaan tapahtunut.", "fi", {"accuracy"}, "embellished", set()),
    ("Historioitsijoiden mukaan piiritys kesti kaksi kertaa kauemmin.", "fi", {"accuracy"}, "neutral", set()),
    ("Elokuva ei ole historiallisesti tarkka.", "fi", {"accuracy"}, "embellished", set()),
    ("Ajankuva on tarkka ja lavastus uskottava.", "fi", {"accuracy"}, "faithful", set()),
    ("Henkilöiden nimet on muutettu.", "fi", {"accuracy"}, "embellished", set()),
    ("Näyttelijän roolisuoritus on tarkka.", "fi", set(), None, set()),
    ("Kansalaisten vapauksia rajoitettiin.", "fi", set(), None, set()),
    ("Päähenkilö on historian opettaja pienessä kylässä.", "fi", set(), None, set()),
    # Finnish: geopolitics
    ("Kylmän sodan ilmapiiri tuntuu joka kohtauksessa.", "fi", {"geopolitics"}, None, {"cold_war"}),
    ("Elokuva on puhdasta valtiollista propagandaa.", "fi", {"geopolitics"}, None, {"propaganda"}),
    ("Isänmaallinen paatos on paikoin raskasta.", "fi", {"geopolitics"}, None, {"patriotism"}),
    ("Elokuva käsittelee sotarikoksia ja siviiliuhreja.", "fi", {"geopolitics"}, None, {"war_memory"}),
    ("Miehityksen muisto elää yhä.", "fi", {"geopolitics"}, None, {"war_memory"}),
    ("Asevarustelu ja ydinsodan uhka leijuvat taustalla.", "fi", {"geopolitics"}, None, {"arms_race"}),
    ("Elokuva kiellettiin hallituksen päätöksellä.", "fi", {"geopolitics"}, None, {"censorship"}),
    ("Hallitus on kyvytön ja välinpitämätön.", "fi", {"geopolitics"}, None, {"state_critique"}),
    ("Amerikkalaiset ovat elokuvassa pelkkiä pahiksia.", "fi", {"geopolitics"}, None, {"anti_american"}),
    ("Sotaelokuva on jännittävä alusta loppuun.", "fi", set(), None, set()),
    ("Sotilas palaa kotiin rintamalta.", "fi", set(), None, set()),
    ("Miehitetty avaruusalus telakoituu asemaan.", "fi", set(), None, set()),
    ("Elokuva kertoo kielletystä rakkaudesta.", "fi", set(), None, set()),
    ("Neuvostoliittolainen kosmonautti ja amerikkalainen insinööri tapaavat.", "fi", set(), None, set()),
    # Hebrew: accuracy (prefixes attached: בסיפור, ההיסטוריונים, שהתרחשו)
    ("הסרט מבוסס על סיפור אמיתי.", "he", {"accuracy"}, "neutral", set()),
    ("העלילה נשענת על אירועים אמיתיים שהתרחשו בשנת 1973.", "he", {"accuracy"}, "neutral", set()),
    ("רוב הסצנות בסרט בדויות לחלוטין.", "he", {"accuracy"}, "embellished", set()),
    ("התסריט לוקח לא מעט חירויות.", "he", {"accuracy"}, "embellished", set()),
    ("הסצנה הזו מעולם לא קרתה במציאות.", "he", {"accuracy"}, "embellished", set()),
    ("לפי ההיסטוריונים, המצור נמשך פי שניים.", "he", {"accuracy"}, "neutral", set()),
    ("הסרט אינו מדויק מבחינה היסטורית.", "he", {"accuracy"}, "embellished", set()),
    ("התיאור ההיסטורי מדויק להפליא.", "he", {"accuracy"}, "faithful", set()),
    ("התפאורה אינה אותנטית.", "he", {"accuracy"}, "embellished", set()),
    ("שמות הדמויות שונו.", "he", {"accuracy"}, "embellished", set()),
    ("המשחק של השחקנית מדויק ומרגש.", "he", set(), None, set()),
    ("זהו סרט מדע בדיוני מרהיב.", "he", set(), None, set()),
    ("הסרט מספר על מורה להיסטוריה בעיירה קטנה.", "he", set(), None, set()),
    ("חירויות האזרח נרמסות בסרט.", "he", set(), None, set()),
    # Hebrew: geopolitics
    ("אווירת המלחמה הקרה מורגשת בכל סצנה.", "he", {"geopolitics"}, None, {"cold_war"}),
    ("הסרט הוא תעמולה ממשלתית גרידא.", "he", {"geopolitics"}, None, {"propaganda"}),
    ("הסרט עוסק בפשעי מלחמה ובזוועות הכיבוש.", "he", {"geopolitics"}, None, {"war_memory"}),
    ("ההפצצות על העיר מוצגות בעוצמה.", "he", {"geopolitics"}, None, {"war_memory"}),
    ("הסרט נגנז בידי הצנזורה במשך שנים.", "he", {"geopolitics"}, None, {"censorship"}),
    ("הממשלה מוצגת כמושחתת ואדישה.", "he", {"geopolitics"}, None, {"state_critique"}),
    ("הפטריוטיות בסרט מעיקה.", "he", {"geopolitics"}, None, {"patriotism"}),
    ("האמריקאים מוצגים כנבלים.", "he", {"geopolitics"}, None, {"anti_american"}),
    ("מרוץ החימוש והאיום הגרעיני מרחפים ברקע.", "he", {"geopolitics"}, None, {"arms_race"}),
    ('ארה"ב וברה"מ נאבקות על כל פיסת חלל, והיריבות ביניהן עזה.', "he", {"geopolitics"}, None, {"cold_war"}),
    ("זהו סרט מלחמה מותח מההתחלה ועד הסוף.", "he", set(), None, set()),
    ("החייל חוזר הביתה מהחזית.", "he", set(), None, set()),
    ("הפצצה מתפוצצת בסוף הסרט.", "he", set(), None, set()),
    ("הטבח בספינה מבשל מרק.", "he", set(), None, set()),
    ("המשחק כובש והבימוי רציני.", "he", set(), None, set()),
    ("הסרט הוקרן בתחרות הבינלאומית של הפסטיבל.", "he", set(), None, set()),
    ("קוסמונאוט סובייטי ומהנדס אמריקאי נפגשים.", "he", set(), None, set()),
]


@pytest.mark.parametrize("sentence, language, expected, stance, frames", FI_HE_CASES)
def test_finnish_and_hebrew_accuracy_and_geopolitics(sentence, language, expected, stance, frames):
    test_cues_per_language(sentence, language, expected, stance, frames)


@pytest.mark.parametrize("sentence, language, expected, stance, frames", GENERAL_CASES)
def test_general_codebook_in_every_language(sentence, language, expected, stance, frames):
    test_cues_per_language(sentence, language, expected, stance, frames)


# fi and he had budget cues first; their accuracy and geopolitics cues came with issue 10 (FI_HE_CASES).
_FIRST_NEW = ("uk", "ja", "zh", "ko", "ar", "tr", "cs", "sk", "nl", "sv", "ca", "et", "hu", "ro", "el", "hi")
NEW_LANGUAGES = _FIRST_NEW + ("fi", "he")


def test_every_new_language_has_all_three_aspects_and_tests():
    book = aspects.codebook()
    tested = {case[1] for case in GENERAL_CASES + FI_HE_CASES}
    for lang in NEW_LANGUAGES:
        assert lang in tested
        for aspect in book.values():
            assert aspect.cues.get(lang), f"{aspect.name} has no {lang} cues"


@pytest.mark.parametrize(
    "sentence, language",
    [
        ("Filmen är inte historiskt korrekt.", "sv"),
        ("De film is niet authentiek.", "nl"),
        ("Η ταινία δεν είναι αυθεντική.", "el"),
        ("الفيلم غير واقعي.", "ar"),
        ("Фільм не достовірний.", "uk"),
        ("Lavastus ei ole autenttinen.", "fi"),
        ("התלבושות אינן אותנטיות.", "he"),
    ],
)
def test_negation_flips_the_stance_in_added_languages(sentence, language):
    assert code(sentence, language)["accuracy"]["stance"] == "embellished"


# -------------------------------------------------------------------------------------------- stemmer loading ---
# One word per Snowball language of the codebook, with nltk's stem of it.
STEMS = [
    ("en", "budgets", "budget"),
    ("de", "Produktionskosten", "produktionskost"),
    ("ru", "бюджетом", "бюджет"),
    ("fr", "historiques", "histor"),
    ("es", "presupuestos", "presupuest"),
    ("it", "produzione", "produzion"),
    ("pt", "orçamentos", "orçament"),
    ("nl", "begrotingen", "begrot"),
    ("sv", "budgetar", "budget"),
    ("da", "historiske", "historisk"),
    ("no", "historiske", "historisk"),
    ("fi", "budjetilla", "budjet"),
    ("hu", "költségek", "költség"),
    ("ro", "bugetului", "buget"),
]


def test_snowball_stems_without_importing_all_of_nltk():
    """The stemmer is nltk's, loaded without ``nltk/__init__.py`` (which imports scipy.stats and scikit-learn):
    no nltk module is left behind, the stems are exactly those of the ordinary import, and a later
    ``import nltk`` still gets the whole package. In a fresh interpreter: this one may have imported nltk."""
    import json
    import subprocess

    code = (
        "import json, sys\n"
        "from toolkit import aspects\n"
        f"cases = {[(lang, word) for lang, word, _ in STEMS]!r}\n"
        "light = [aspects._stem(w, lang) for lang, w in cases]\n"
        "left = sorted(m for m in sys.modules if m.split('.')[0] in ('nltk', 'scipy', 'sklearn'))\n"
        "import nltk\n"
        "from nltk.stem.snowball import SnowballStemmer\n"
        "full = [SnowballStemmer(aspects._SNOWBALL[lang]).stem(w.lower()) for lang, w in cases]\n"
        "print(json.dumps({'light': light, 'full': full, 'left': left, 'whole': hasattr(nltk, 'word_tokenize')}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["left"] == []
    assert got["light"] == got["full"] == [stem for _, _, stem in STEMS]
    assert got["whole"] is True


def test_multi_word_terms_match_however_their_second_word_is_compared():
    """A word's longer terms are looked up by the word after it (`aspects._Starts`): stemmed, lowercased,
    case-sensitive and glob second words must all still match, and only where the whole term follows."""
    cues = [
        aspects._compile_cue(
            "accuracy", "accuracy", "en", "stemmed", {"terms": ["the true stories"], "stem": True}, "test"
        ),
        aspects._compile_cue("accuracy", "accuracy", "en", "glob", {"terms": ["the histor* record"]}, "test"),
        aspects._compile_cue(
            "geopolitics", "geopolitics", "en", "cased", {"terms": ["the USSR"], "case": True}, "test"
        ),
        aspects._compile_cue("budget", "budget", "en", "plain", {"terms": ["the costs"], "stem": False}, "test"),
    ]
    text = "The true story, the historical record, the USSR and the costs; the ussr, the cost, the true."
    hits = aspects._sentence_hits(aspects._build_matcher(cues, "en"), text)
    assert sorted((h.cue.id.rsplit(".", 1)[1], text[h.start : h.end]) for h in hits) == [
        ("cased", "the USSR"),
        ("glob", "the historical record"),
        ("plain", "the costs"),
        ("stemmed", "The true story"),
    ]


# Sentences and the hits their own language's cues give: (cue id, matched text, negated), in `_sentence_hits`
# order. "İ" lowercases to two characters, which moves every later text's offsets in the lowercased batch.
BATCHED = [
    (
        "en",
        "It was not a big-budget film.",
        [
            ("budget.en.big_budget", "big-budget", True),
            ("budget.en.budget", "budget", True),
            ("budget.en.production", "film", False),
        ],
    ),
    ("en", "", []),
    ("en", "—?!", []),
    (
        "tr",
        "İSTANBUL'da çekilen filmin bütçesi 2 milyon dolar.",
        [
            ("budget.tr.production", "çekilen", False),
            ("budget.tr.production", "filmin", False),
            ("budget.tr.butce", "bütçesi", False),
            ("budget.tr.figure", "2 milyon dolar", False),
        ],
    ),
    (
        "en",
        "The film cost $15 million, they say.",
        [
            ("budget.en.production", "film", False),
            ("budget.en.cost", "cost", False),
            ("budget.en.figure", "$15 million", False),
        ],
    ),
    (
        "de",
        "Der Film hat ein Budget von 5 Millionen Euro.",
        [
            ("budget.de.production", "Film", False),
            ("budget.de.budget", "Budget", False),
            ("budget.de.figure", "5 Millionen Euro", False),
        ],
    ),
    ("el", "ΠΡΟΠΑΓΑΝΔΑ ΤΟΥ ΚΡΑΤΟΣ", []),
    (
        "ru",
        "Бюджет фильма — 400 миллионов рублей.",
        [
            ("budget.ru.бюджет", "Бюджет", False),
            ("budget.ru.production", "фильма", False),
            ("budget.ru.figure", "400 миллионов рублей", False),
        ],
    ),
    ("en", "x", []),
    (
        "ja",
        "この映画の製作費は50億円だった。",
        [
            ("budget.ja.production_cost", "製作費", False),
            ("budget.ja.figure", "50億円", False),
            ("budget.ja.production", "映画", False),
            ("budget.ja.production", "製作", False),
        ],
    ),
    ("en", "1", []),
]


def test_texts_matched_together_give_each_texts_own_hits():
    """`_texts_hits` matches a batch of texts joined into one string (words, digits and literals found once, then
    mapped back by offset): each text must get exactly the hits it gets alone, offsets into itself included,
    whatever texts come before and after it."""

    def described(hits, text):
        return [(h.cue.id, text[h.start : h.end], h.negated) for h in hits]

    texts = [text for _, text, _ in BATCHED] + AWKWARD
    for language in ("en", "de", "ru", "tr", "el", "ja", "pl"):
        matcher = aspects._matcher(language)
        for order in (texts, texts[::-1]):
            together = aspects._texts_hits(matcher, order)
            alone = [aspects._texts_hits(matcher, [text])[0] for text in order]
            assert together == alone, language
    for language, text, expected in BATCHED:
        batch = [t for _, t, _ in BATCHED]
        hits = aspects._texts_hits(aspects._matcher(language), batch)[batch.index(text)]
        assert described(hits, text) == expected, text
        assert described(aspects._sentence_hits(aspects._matcher(language), text), text) == expected


def test_globs_found_through_their_literals_are_those_that_match():
    """`_candidates` tries only the globs whose literal starts or ends the word (`_glob_candidates`); the globs it
    keeps must be exactly those that match when every glob is tried, on shipped words in every language
    (every 50th shipped word, and a few made to hit "abc*" and "*abc" globs: trying every glob is slow)."""
    words = sorted(_shipped_vocabulary())[::50] + ["İSTANBUL", "Budgetrahmen", "малобюджетный", "x", "_"]
    matched = 0
    for language in aspects._every_language():
        matcher = aspects._matcher(language)
        for word in words:
            lower = word.lower()
            every = [(cue, term) for glob, cue, term in matcher.globs if glob.match(word if cue.case else lower)]
            indexed = [
                matcher.globs[k][1:]
                for k in aspects._glob_candidates(matcher, word, lower)
                if matcher.globs[k][0].match(word if matcher.globs[k][1].case else lower)
            ]
            assert indexed == every, (language, word)
            matched += bool(every)
    assert matched > 100
