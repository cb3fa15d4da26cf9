"""Tests for toolkit.language: detection per backend, abstention, names, mixed reviews, determinism."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import language
from toolkit.language import UND, Detection, annotate, detect_language
from toolkit.tables import SENTENCE_COLUMNS, TableError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In Soviet Russia, problem has you.", "en"),
        ("Vladimir Vdovichenkov and Pavel Derevyanko star.", "en"),
        ("Der Film sieht viel teurer aus, als er tatsächlich war.", "de"),
        ("Фильм снят с размахом, хотя бюджет был скромным.", "ru"),
        ("Фільм знято з розмахом, хоча бюджет був невеликий.", "uk"),
        ("Le scénario prend beaucoup de libertés avec l'histoire réelle.", "fr"),
        ("El guion se toma muchas libertades con la historia real.", "es"),
        ("La sceneggiatura si prende molte libertà con la storia vera.", "it"),
        ("Scenariusz bardzo swobodnie traktuje prawdziwą historię.", "pl"),
        ("O roteiro toma muitas liberdades com a história real.", "pt"),
        ("Senaryo gerçek olaylarla epey özgürce oynuyor.", "tr"),
        ("يصور الفيلم الأمريكيين كمنافسين ماكرين.", "ar"),
        ("Scénář si s historií hodně pohrává, ale to mi nevadí.", "cs"),
        ("Scenár sa s históriou veľmi hrá, ale mne to neprekáža.", "sk"),
        ("El guió es pren moltes llibertats amb la història real.", "ca"),
        ("Stsenaarium käsitleb tegelikku ajalugu väga vabalt.", "et"),
        ("Bộ phim này kể về hai nhà du hành vũ trụ.", "vi"),
        ("Phim có kinh phí khoảng mười lăm triệu đô la.", "vi"),
        # Languages without rules of their own: lingua's low-accuracy pass lets them into the short-text pool.
        ("Filmas apie kosmonautus buvo labai įdomus.", "lt"),
        ("Kvikmyndin um geimfarana var mjög góð.", "is"),
        ("도킹 장면이 영화의 절정이다.", "ko"),
        ("ドッキングの場面が一番の見どころだ。", "ja"),
        ("对接的场面是全片的高潮。", "zh"),
        ("Салют-7", "ru"),
        ("ساليوت 7", "ar"),
        ("Salyut-7  (2017)  ساليوت 7", "ar"),
        ("Фильм «Salyut-7» вышел на экраны в 2017 году.", "ru"),
        ("Le film russe « Салют-7 » raconte le sauvetage d'une station.", "fr"),
        # Devanagari: vowel signs stay inside words, so Hindi and Marathi function words are read.
        ("यह फ़िल्म मुझे बहुत पसंद आई और संगीत भी अच्छा है।", "hi"),
        ("कहानी में कुछ बातें सच हैं, लेकिन अंत काल्पनिक है।", "hi"),
        ("हा चित्रपट मला खूप आवडला आणि संगीतही छान आहे.", "mr"),
        # Latin names beside Devanagari words are still masked ("NASA"), the words around them read.
        ("NASA की यह फ़िल्म मुझे बहुत पसंद आई।", "hi"),
        ("कथेत काही गोष्टी खऱ्या आहेत, पण शेवट काल्पनिक आहे.", "mr"),
    ],
)
def test_default_backend_languages(text: str, expected: str) -> None:
    assert detect_language(text).language == expected


def test_short_text_pool_is_the_profiled_languages_plus_lingua_first_choice() -> None:
    profiled = language._profiled_languages()
    assert {"en", "de", "ru", "uk", "ar", "zh", "fi", "vi"} <= profiled
    assert "lt" not in profiled
    assert language._short_text_pool("Filmas apie kosmonautus buvo labai įdomus.") - profiled == {"lt"}
    assert language._short_text_pool("The film is long.") == profiled


@pytest.mark.parametrize("backend", language.BACKENDS)
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "★★★½",
        "3.5/5",
        "9/10",
        "22.09.2017",
        "😀🚀",
        "111",
        "https://example.org/salyut-7",
        "letterboxd.com/x/list/y/",
        "— … !",
    ],
)
def test_letterless_text_is_undetermined_for_every_backend(backend: str, text: str) -> None:
    assert detect_language(text, backend=backend) == Detection(UND, 0.0)


@pytest.mark.parametrize("text", ["Salyut-7", "Salyut 7 (2017)", "Vladimir Vdovichenkov", "Klim Shipenko"])
def test_bare_names_abstain(text: str) -> None:
    # The film's own names come from its profile (corpus/profiles/salyut-7.yaml); tests/test_profiles.py has more.
    from toolkit.pipeline import film_of

    assert detect_language(text, names=film_of().names).language == UND


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Words several languages share abstain (toolkit evaluate words: 2.8 % of single words answered wrongly).
        ("Kosmos", UND),
        ("Bravo!", UND),
        ("Bravo !", UND),
        ("Taxi", UND),
        ("Film", UND),
        ("Drama.", UND),
        ("Grid.", UND),
        # A letter only one answerable language writes settles the word.
        ("Großartig!", "de"),
        ("Nieźle.", "pl"),
        ("Přeceňovaný.", "cs"),
        ("Lenyűgöző!", "hu"),
        ("Mañana", "es"),
        ("¡Genial!", "es"),
        ("Capodoperă!", "ro"),
        ("Değerli", "tr"),
        ("Chef-d'œuvre", "fr"),
        ("Неймовірно!", "uk"),
        ("Пустышка.", "ru"),
        # Otherwise lingua, when it is sure (at least 0.3 and twice its runner-up).
        ("Magnifique !", "fr"),
        ("Polecam.", "pl"),
        ("Langweilig.", "de"),
        # Scripts of one language, and Arabic and Devanagari words (Persian and Marathi have letters of their own).
        ("Υπέροχο!", "el"),
        ("すごい！", "ja"),
        ("대박!", "ko"),
        ("电影", "zh"),
        ("ممتاز", "ar"),
        ("عالی", "fa"),
        ("अंतरिक्ष", "hi"),
        # Kanji alone, with a form no Chinese writes (悪, not 恶 or 惡); in a Chinese sentence, a quoted Japanese name.
        ("最悪。", "ja"),
        ("過大評価", "ja"),
        ("黒澤明监督的这部电影非常好看，我看了三遍。", "zh"),
        # A Cyrillic word with no telltale letter and no sure model answer falls back to Russian.
        ("Салют-7", "ru"),
    ],
)
def test_one_word_is_answered_only_when_it_is_clearly_one_languages(text: str, expected: str) -> None:
    assert detect_language(text).language == expected


@pytest.mark.parametrize(
    ("text", "one_word"),
    [
        ("Kosmos", True),
        ("Bravo !", True),
        ("« Grid. »", True),
        ("Salyut-7", True),
        ("C'est", True),
        ("Sehr gut.", False),
        ("Not bad.", False),
        ("7 Kosmos", True),
        ("★★★ Kosmos", True),
        ("Kosmos " * 20, False),
    ],
)
def test_what_counts_as_one_word(text: str, one_word: bool) -> None:
    # One whitespace-separated token with letters; pairs and longer text keep the function-word and model path.
    assert language._is_one_word(text.strip()) is one_word


def test_one_word_review_abstains_but_one_word_sentence_inherits() -> None:
    reviews = pd.DataFrame(
        {
            "review_id": ["word", "review"],
            "text": ["Kosmos", "The docking scene is the most tense ten minutes I have sat through this year. Kosmos."],
        }
    )
    out, sents = annotate(reviews)
    assert out["language"].tolist() == [UND, "en"]
    assert sents.loc[sents["review_id"] == "review", "language"].tolist() == ["en", "en"]


@pytest.mark.parametrize("backend", language.BACKENDS)
def test_backends_agree_on_clear_sentences(backend: str) -> None:
    assert (
        detect_language(
            "This is a film about two cosmonauts who repair a frozen space station.", backend=backend
        ).language
        == "en"
    )
    assert (
        detect_language(
            "Dies ist ein Film über zwei Kosmonauten, die eine eingefrorene Raumstation reparieren.", backend=backend
        ).language
        == "de"
    )


@pytest.mark.parametrize("backend", language.BACKENDS)
def test_detection_is_deterministic(backend: str) -> None:
    # langdetect samples at random unless seeded: the same short, ambiguous text must give the same answer.
    texts = ["Nada mal.", "Toller Film!", "A real gem.", "Da vedere.", "Sound familiar?"]
    first = [detect_language(t, backend=backend) for t in texts]
    assert [detect_language(t, backend=backend) for t in texts] == first


def test_confidence_is_in_range_and_candidates_restrict() -> None:
    found = detect_language("Der Film ist spannend und die Bilder sind toll.")
    assert found.language == "de" and 0.0 <= found.confidence <= 1.0
    assert detect_language("Der Film ist spannend und die Bilder sind toll.", candidates=["en", "fr"]).language in {
        "en",
        "fr",
        UND,
    }
    assert detect_language("이 영화는 훌륭하다", candidates=["en"]).language == UND


def test_unknown_backend_and_wrong_type() -> None:
    with pytest.raises(ValueError, match="unknown language backend 'fasttext'"):
        detect_language("text", backend="fasttext")
    with pytest.raises(TypeError, match="needs a str"):
        detect_language(None)  # type: ignore[arg-type]


def _reviews() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "review_id": ["de-mixed", "en-names", "ru", "rating", "empty", "en-ru"],
            "text": [
                "Der Film hat mich überrascht. Die Bilder aus dem All sind großartig, und die Schauspieler "
                "tragen die Geschichte. Honestly, this is the best space rescue film I have seen in years. "
                "Nur die Musik ist viel zu laut.",
                "Salyut-7 is a Russian space film. Vladimir Vdovichenkov and Pavel Derevyanko star. "
                "Klim Shipenko directs. The docking scene is superb.",
                "Фильм смотрится на одном дыхании. Актёры играют сдержанно и точно. Смотреть стоит.",
                "★★★½",
                "",
                "I watched it with friends who knew the real story. Один из них сказал, что такого никогда не было. "
                "Still, the docking is superb.",
            ],
        }
    )


def test_annotate_reviews_and_sentences() -> None:
    reviews = _reviews()
    before = reviews.copy()
    out, sents = annotate(reviews)
    pd.testing.assert_frame_equal(reviews, before)  # input untouched
    got = out.set_index("review_id")
    assert got["language"].to_dict() == {
        "de-mixed": "de",
        "en-names": "en",
        "ru": "ru",
        "rating": UND,
        "empty": UND,
        "en-ru": "en",
    }
    assert got["mixed"].to_dict() == {
        "de-mixed": True,
        "en-names": False,
        "ru": False,
        "rating": False,
        "empty": False,
        "en-ru": True,
    }
    assert list(sents.columns)[: len(SENTENCE_COLUMNS)] == SENTENCE_COLUMNS
    by_review = sents.groupby("review_id")["language"].apply(list).to_dict()
    assert by_review["de-mixed"] == ["de", "de", "en", "de"]
    assert by_review["en-names"] == ["en", "en", "en", "en"]  # names and short sentences inherit
    assert by_review["en-ru"] == ["en", "ru", "en"]
    assert by_review["rating"] == [UND]
    assert "empty" not in by_review
    texts = dict(zip(reviews["review_id"], reviews["text"]))
    assert all(
        texts[r][s:e] == t for r, s, e, t in zip(sents["review_id"], sents["start"], sents["end"], sents["text"])
    )


@pytest.mark.parametrize("backend", ["langdetect", "py3langid"])
def test_annotate_other_backends(backend: str) -> None:
    out, sents = annotate(_reviews().head(3), backend=backend)
    assert out["language"].tolist() == ["de", "en", "ru"]
    assert bool(out["mixed"].iloc[0])  # the English sentence in the German review
    assert set(sents["language"][sents["review_id"] == "ru"]) == {"ru"}


def test_annotate_is_deterministic() -> None:
    first = annotate(_reviews(), backend="langdetect")
    second = annotate(_reviews(), backend="langdetect")
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[1], second[1])


def test_annotate_needs_columns() -> None:
    with pytest.raises(TableError, match="language.annotate needs column"):
        annotate(pd.DataFrame({"text": ["x"]}))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The docking scene is superb and the effects hold up well. Der Film ist toll.", ["en", "de"]),
        (
            "Salyut-7 is a film about two cosmonauts and a frozen station. "
            "Vladimir Vdovichenkov and Pavel Derevyanko star.",
            ["en", "en"],
        ),
        ("Фильм смотрится на одном дыхании, актёры играют точно. Салют-7", ["ru", "ru"]),
        ("Le film est superbe et la musique est beaucoup trop forte. Salyut-7 (2017)", ["fr", "fr"]),
        ("Ein packender Film über die Rettung einer Raumstation. ★★★★", ["de", UND]),
        ("이 영화는 정말 훌륭했다. 도킹 장면이 절정이다.", ["ko", "ko"]),
        # A lone function word of another language ("by", Slovak and Czech conditional; French "à"; Italian "ho")
        # or an English title or quotation does not move a sentence out of its review's language.
        (
            "Film je natočený poctivo a herci sú presvedčiví. Dnes by taký film stál v Hollywoode aspoň sto "
            "miliónov dolárov. Box office ho však úplne ignoroval.",
            ["sk", "sk", "sk"],
        ),
        (
            "Režisér natočil poctivý film o záchraně stanice. Kdyby to točil Hollywood, stálo by to desetkrát víc. "
            "Doma jsem si pustil ještě „The Right Stuff“ a bylo to zajímavé srovnání.",
            ["cs", "cs", "cs"],
        ),
        (
            "Le film est superbe et la musique est très forte. Vu à Paris, séance à 7 euros. "
            "Mon voisin a murmuré « What a ride, man » à la fin.",
            ["fr", "fr", "fr"],
        ),
        ("Il film è bello e la musica è forte. Ho visto tutto su Prime e ho pianto.", ["it", "it"]),
        (
            "Der Film ist spannend und die Bilder sind toll. Meine Freundin meinte danach: „What a story, seriously.“",
            ["de", "de"],
        ),
        ("この映画はとても良かった。原題は『The Right Stuff』で、邦題の方が好きだ。", ["ja", "ja"]),
        # Whole sentences of another language still flip, in the same script or another.
        (
            "Der Film ist spannend und die Bilder sind toll. Honestly, this is the best space movie I have seen.",
            ["de", "en"],
        ),
        (
            "Фильм смотрится на одном дыхании, актёры играют точно. The effects are good but the story is thin.",
            ["ru", "en"],
        ),
        # Hindi and Marathi sentences keep their own language.
        ("यह फ़िल्म मुझे बहुत पसंद आई। कहानी में कुछ बातें सच हैं, लेकिन अंत काल्पनिक है।", ["hi", "hi"]),
        ("हा चित्रपट मला खूप आवडला. कथेत काही गोष्टी खऱ्या आहेत, पण शेवट काल्पनिक आहे.", ["mr", "mr"]),
    ],
)
def test_sentences_inherit_or_flip(text: str, expected: list[str]) -> None:
    _, sents = annotate(pd.DataFrame({"review_id": ["r"], "text": [text]}))
    assert sents["language"].tolist() == expected


@pytest.mark.parametrize(
    "text",
    [
        "The docking scene is superb and the effects hold up well. Der Film ist toll. Il film è bello e la musica è forte.",
        "Фильм смотрится на одном дыхании, актёры играют точно. Ова е многу добар филм за космосот и луѓето.",
        "Η ταινία είναι ΚΑΛΟΣ.Και η μουσική είναι πολύ καλή. Der Film über die Station ist toll und spannend.",
        "İstanbul'da izledim, çok güzel bir film. The effects are good but the story is not so good at all.",
    ],
)
def test_sentences_of_a_review_are_judged_as_one_by_one(text: str) -> None:
    # `_review_sentence_languages` hands each unsettled sentence the words it found in the lowered review; the
    # languages are those of each sentence judged alone (Σ and İ lowercase differently in a slice: not reused).
    reviews, sents = annotate(pd.DataFrame({"review_id": ["r"], "text": [text]}))
    lang = reviews["language"].iloc[0]
    script = language._dominant_script(text)
    alone = [language._sentence_language(text[a:b], lang, "auto", script) for a, b in zip(sents["start"], sents["end"])]
    assert sents["language"].tolist() == alone


def test_annotate_rejects_duplicate_review_ids() -> None:
    reviews = pd.DataFrame({"review_id": ["x", "y", "x"], "text": ["One.", "Two.", "Three."]})
    with pytest.raises(TableError, match="repeated: x"):
        annotate(reviews)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Combining marks of Devanagari, Bengali, Tamil, Thai and Hebrew stay in their words.
        ("फ़िल्म में संगीत है", ["फ़िल्म", "में", "संगीत", "है"]),
        ("चित्रपट खूप छान आहे", ["चित्रपट", "खूप", "छान", "आहे"]),
        ("ছবিটা ভালো", ["ছবিটা", "ভালো"]),
        ("நல்ல படம்", ["நல்ல", "படம்"]),
        ("หนังดีมาก", ["หนังดีมาก"]),
        ("סֶרֶט טוֹב", ["סֶרֶט", "טוֹב"]),
        # Latin, Cyrillic, Greek and Han words as before; a decomposed Latin accent still ends a word.
        ("l’on n'est it's", ["l’on", "n'est", "it's"]),
        ("Фильм, ταινία, 电影", ["Фильм", "ταινία", "电影"]),
        ("cafe\u0301 7 days", ["cafe", "days"]),
    ],
)
def test_words_keep_their_combining_marks(text: str, words: list[str]) -> None:
    assert language._word().findall(text) == words


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("Doma jsem si pustil „The Right Stuff“ a bylo to zajímavé.", "Doma jsem si pustil   a bylo to zajímavé."),
        ("原題は『The Martian』で、邦題の方が好きだ。", "原題は で、邦題の方が好きだ。"),
        ('”Krig är krig", sanoi vanha herra.', " , sanoi vanha herra."),
        # All quotation, or too little left around it: judged whole.
        (
            "“The effects are stunning, and it is a beautiful film.”",
            "“The effects are stunning, and it is a beautiful film.”",
        ),
        ("Sagt: «Ein Mord.»", "Sagt: «Ein Mord.»"),
        ("No quotes at all.", "No quotes at all."),
    ],
)
def test_a_sentence_is_judged_without_its_quotations(text: str, frame: str) -> None:
    assert language._frame(text) == frame


def _regex_script_counts(text: str) -> dict[str, int]:
    """`_mixed_script_counts` as the script patterns count: one pass per script, in scripts.yaml's order."""
    remaining = len(language._NON_LETTER.sub("", text))
    counts: dict[str, int] = {}
    for name, spec in language._scripts().items():
        if remaining <= 0:
            break
        n = spec["pattern"].subn("", text)[1]
        if n:
            counts[name] = n
            remaining -= n
    return counts | ({"other": remaining} if remaining > 0 else {})


@pytest.mark.parametrize(
    "text",
    [
        "Салют-7 (2017) ساليوت 7",
        "Фильм 👍 хороший",  # a character above the Basic Multilingual Plane: counted with the patterns
        "宇宙ステーション 살류트 ½ ①",
        "𝐒𝐚𝐥𝐲𝐮𝐭 фильм",
        "",
        "".join(map(chr, range(0x2000, 0x10000, 7))),  # every script's letters, marks and the rest
    ],
)
def test_script_counts_from_the_table_equal_the_patterns(text):
    assert language._script_table() is not None
    found = language._mixed_script_counts.__wrapped__(text)
    assert found == _regex_script_counts(text) and list(found) == list(_regex_script_counts(text))
