"""The learned coder (toolkit.coder) and its training (toolkit.train): tiers, combination with the rules,
determinism, and one training run on a small labelled sample."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from toolkit import aspects, coder
from toolkit.tables import STATEMENT_COLUMNS


def _tables(texts: dict[str, tuple[str, list[str]]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reviews and sentences from {review_id: (language, [sentence, ...])}, sentences joined by a space."""
    reviews, sentences = [], []
    for rid, (lang, parts) in texts.items():
        text = ""
        for k, part in enumerate(parts, 1):
            if text:
                text += " "
            start = len(text)
            text += part
            sentences.append(
                {
                    "review_id": rid,
                    "sentence_id": f"{rid}:{k}",
                    "start": start,
                    "end": len(text),
                    "text": part,
                    "language": lang,
                }
            )
        reviews.append({"review_id": rid, "text": text, "language": lang})
    return pd.DataFrame(reviews), pd.DataFrame(sentences)


# Sentences no cue of the codebook names, in several languages: the model must find them.
WITHOUT_CUES = [
    (
        "en",
        "accuracy",
        "In reality the rescue took eight months, not the two weeks the film shows, and the commander "
        "who made the fatal mistake was quietly written out.",
    ),
    (
        "de",
        "accuracy",
        "Den Fehler hat damals der Kommandant selbst begangen, nicht die Bodenstation, wie der Film behauptet.",
    ),
    (
        "de",
        "geopolitics",
        "Der Film feiert die Überlegenheit der Sowjetunion gegenüber den USA und bedient damit das "
        "Bedürfnis nach nationaler Größe.",
    ),
    ("en", "budget", "Every rouble of the production shows up on screen; the sets alone must have eaten half of it."),
    (
        "en",
        "budget",
        "They made this for a fraction of what Hollywood spends on catering, and every cent is on screen.",
    ),
]
ORDINARY = [
    ("en", "The actors are wonderful and the music swells at just the right moments."),
    ("de", "Die Musik ist großartig und die Schauspieler überzeugen."),
    ("fr", "La photographie est superbe et le rythme ne faiblit jamais."),
]


@pytest.mark.parametrize("language,aspect,text", WITHOUT_CUES)
def test_accurate_tier_finds_statements_the_rules_miss(language, aspect, text):
    reviews, sentences = _tables({"r": (language, [text])})
    rules = aspects.extract_statements(reviews, sentences, coder="rules")
    found = aspects.extract_statements(reviews, sentences, coder="accurate")
    row = found[found["aspect"] == aspect]
    assert len(row) == 1
    if aspect in set(rules["aspect"]):  # the general codebook may know the words in some languages
        assert row["method"].iloc[0] in ("rule", "both")
    else:
        assert row["method"].iloc[0] == "model" and row["cues"].iloc[0] == []
    assert 0.0 < row["score"].iloc[0] <= 1.0
    for ev in row["evidence"].iloc[0]:
        assert reviews["text"].iloc[0][ev["start"] : ev["end"]] == ev["text"]


@pytest.mark.parametrize("tier", ["accurate", "fast"])
@pytest.mark.parametrize("language,text", ORDINARY)
def test_ordinary_sentences_stay_uncoded(tier, language, text):
    reviews, sentences = _tables({"r": (language, [text])})
    assert aspects.extract_statements(reviews, sentences, coder=tier).empty


@pytest.mark.parametrize("tier", ["accurate", "fast"])
def test_rule_statements_are_kept_and_marked(tier):
    reviews, sentences = _tables({"r": ("en", ["The film had a shoestring budget of $6 million."])})
    st = aspects.extract_statements(reviews, sentences, coder=tier)
    row = st[st["aspect"] == "budget"].iloc[0]
    assert row["method"] in ("rule", "both") and "budget.en.budget" in row["cues"]
    assert list(st.columns[: len(STATEMENT_COLUMNS)]) == STATEMENT_COLUMNS


# Plot sentences in which a geopolitics cue ("occupation", "cold war") fires but nothing political is said.
PLOT_WITH_A_GEOPOLITICS_CUE = [
    ("en", "During the occupation a young pianist gives lessons to the baker's daughter."),
    ("en", "The cold war drama stars a cook who sings beautifully."),
    ("de", "Während der Besatzung gibt eine junge Pianistin der Tochter des Bäckers Klavierstunden."),
    ("fr", "Sous l'Occupation, une jeune pianiste donne des leçons à la fille du boulanger."),
    ("es", "Durante la ocupación, una joven pianista da clases a la hija del panadero."),
    ("nl", "Tijdens de bezetting geeft een jonge pianiste pianoles aan de dochter van de bakker."),
    ("pl", "W czasie okupacji młoda pianistka udziela lekcji córce piekarza."),
]


@pytest.mark.parametrize("language,text", PLOT_WITH_A_GEOPOLITICS_CUE)
def test_accurate_tier_drops_a_geopolitics_cue_its_model_scores_under_the_floor(language, text):
    """The accurate tier's geopolitics rule statements need a score of at least its `rule_floor` (0.3); the fast
    tier, whose model is less sure of real text, keeps every rule statement."""
    reviews, sentences = _tables({"r": (language, [text])})
    assert aspects.extract_statements(reviews, sentences, coder="rules")["aspect"].tolist() == ["geopolitics"]
    assert coder.model().settings["tiers"]["accurate"]["aspects"]["geopolitics"]["rule_floor"] == 0.3
    assert aspects.extract_statements(reviews, sentences, coder="accurate").empty
    fast = aspects.extract_statements(reviews, sentences, coder="fast")
    assert fast["aspect"].tolist() == ["geopolitics"] and fast["method"].iloc[0] in ("rule", "both")


def test_a_geopolitics_cue_the_model_agrees_with_stays_in_the_accurate_tier():
    text = "The film is Kremlin propaganda that glorifies the Soviet state and sneers at the Americans."
    reviews, sentences = _tables({"r": ("en", [text])})
    row = aspects.extract_statements(reviews, sentences, coder="accurate")
    assert row["aspect"].tolist() == ["geopolitics"] and row["method"].iloc[0] == "both"
    assert row["score"].iloc[0] >= 0.3


def test_rules_tier_is_the_codebook_alone():
    reviews, sentences = _tables({"r": ("en", [WITHOUT_CUES[0][2], "A shoestring budget."])})
    st = aspects.extract_statements(reviews, sentences, coder="rules")
    assert st["aspect"].tolist() == ["budget"]
    assert st["method"].tolist() == ["rule"] and st["score"].isna().all()


def test_unknown_tier_is_a_clear_error():
    reviews, sentences = _tables({"r": ("en", ["A shoestring budget."])})
    with pytest.raises(ValueError, match="unknown coder tier 'best'"):
        aspects.extract_statements(reviews, sentences, coder="best")


def test_scores_do_not_depend_on_how_reviews_are_batched():
    texts = {
        f"r{i}": (WITHOUT_CUES[i % 3][0], [s for _, _, s in WITHOUT_CUES[i % 3 : i % 3 + 2]] + [ORDINARY[0][1]])
        for i in range(6)
    }
    reviews, sentences = _tables(texts)
    whole = aspects.extract_statements(reviews, sentences)
    parts = pd.concat(
        [
            aspects.extract_statements(reviews.iloc[i : i + 1], sentences[sentences["review_id"] == rid])
            for i, rid in enumerate(reviews["review_id"])
        ],
        ignore_index=True,
    )
    assert whole.to_dict("records") == parts.to_dict("records")


def test_context_reads_only_the_sentences_of_the_same_review():
    fast = np.array([[1.0, 2, 3], [4, 5, 6], [-20, 7, 8], [9, 9, 9]])
    rule = np.array([[1, 0, 0], [0, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=bool)
    x = coder.context_features(fast, rule, ["a", "a", "a", "b"])
    assert x.shape == (4, coder.CONTEXT_WIDTH)
    before_1, has_before_1 = x[:, 0:3], x[:, 3]
    before_2, has_before_2 = x[:, 4:7], x[:, 7]
    after_1, has_after_1 = x[:, 8:11], x[:, 11]
    rules_before, rules_after = x[:, 16:19], x[:, 19:22]
    others, has_others = x[:, 22:25], x[:, 25]
    assert before_1.tolist() == [[0, 0, 0], [1, 2, 3], [4, 5, 6], [0, 0, 0]]  # review b's sentence sees nothing of a
    assert has_before_1.tolist() == [0, 1, 1, 0] and has_before_2.tolist() == [0, 0, 1, 0]
    assert before_2[2].tolist() == [1, 2, 3]
    assert after_1.tolist() == [[4, 5, 6], [-8, 7, 8], [0, 0, 0], [0, 0, 0]]  # floored at -8
    assert has_after_1.tolist() == [1, 1, 0, 0]
    assert rules_before[1].tolist() == [1, 0, 0] and rules_after[1].tolist() == [0, 1, 0]
    assert rules_after[2].tolist() == [0, 0, 0]
    p = 1 / (1 + np.exp(-np.maximum(fast, -8)))
    assert np.allclose(others[0], (p[1] + p[2]) / 2) and others[3].tolist() == [0, 0, 0]
    assert has_others.tolist() == [1, 1, 1, 0]


def test_a_reviews_context_is_the_same_beside_other_reviews():
    rng = np.random.default_rng(0)
    fast, rule = rng.normal(size=(9, 3)), rng.random((9, 3)) > 0.7
    groups = ["a"] * 4 + ["b"] * 2 + ["c"] * 3
    together = coder.context_features(fast, rule, groups)
    for review in "abc":
        rows = [i for i, g in enumerate(groups) if g == review]
        assert np.array_equal(coder.context_features(fast[rows], rule[rows], [review] * len(rows)), together[rows])


def test_a_sentences_score_reads_its_neighbours():
    # The same sentence after budget talk and alone: the context step sees the difference; without groups
    # every sentence is read alone.
    texts = ["The whole shoot cost about four million dollars.", "It shows on screen.", "It shows on screen."]
    grouped = coder.probabilities(texts, tier="fast", groups=["a", "a", "b"])
    alone = coder.probabilities(texts, tier="fast")
    assert grouped[1, 0] != grouped[2, 0]
    assert alone[1, 0] == alone[2, 0] == grouped[2, 0]


def test_model_only_statements_get_stance_and_frames_from_the_label_heads():
    reviews, sentences = _tables({"r": ("en", [WITHOUT_CUES[0][2], WITHOUT_CUES[2][2]])})
    st = aspects.extract_statements(reviews, sentences).set_index("aspect")
    assert st.loc["accuracy", "stance"] in ("faithful", "mixed", "embellished", "neutral")
    assert isinstance(st.loc["geopolitics", "frames"], list)


def test_features_cover_words_pairs_and_unspaced_scripts():
    assert coder.features("Big budget")[-1] == "bbig budget"
    assert "wbig" in coder.features("Big budget")
    # Digits are folded, so "$15m" and "$13m" share their features.
    assert coder.features("$15m") == coder.features("$13m")
    assert "c予算" in coder.features("予算は1億ドル")


def test_word_shares_computed_at_once_equal_word_by_word_to_the_last_bit():
    """The fast tier's table of word shares (`_WordRows`) is filled for many new words at once; each row must be
    the very floats the word-by-word sum gives, or scores would change with how text is batched."""
    m = coder.model()
    sentences = [
        "Der Film kostete angeblich 13 Millionen Euro, sieht aber teurer aus.",
        "Фильм снят по реальным событиям, но пожара на станции не было.",
        "A Guerra Fria aparece como propaganda pura, sem nuances.",
        "この映画の製作費は約1億ドルだと言われている。",
        "The budget? Tiny. The ambition: huge!!! 🚀",
    ]
    # A word of a letter no language writes (U+A66E): none of its n-grams is in any vocabulary ("zzzqqq" was,
    # until a training review's "zz" gave it "<zz").
    words = list(dict.fromkeys(w for s in sentences for w in coder._words(s))) + ["\ua66e\ua66e\ua66e\ua66e"]
    for weights in (m.fast_weights, np.hstack([m.stance_weights, m.frame_weights])):
        at_once = coder._WordRows(m._feature_index, weights)._new_rows(words)
        one_by_one = []
        for word in words:
            features = coder._word_features(word)
            rows = [m.vocabulary[f] for f in features if f in m.vocabulary]
            one_by_one.append([*weights[rows].astype(np.float64).sum(axis=0), len(features)])
        assert at_once.shape == (len(words), weights.shape[1] + 1)
        assert np.array_equal(at_once.view(np.int64), np.array(one_by_one).view(np.int64))
        # An unknown word adds nothing to the sums but still counts its n-grams.
        assert at_once[-1, :-1].tolist() == [0.0] * weights.shape[1] and at_once[-1, -1] > 0


@pytest.mark.parametrize(
    "texts",
    [
        [
            "Der Film kostete angeblich 13 Millionen Euro, sieht aber teurer aus.",
            "Фильм снят по реальным событиям, но пожара на станции не было.",
            "Der Film kostete angeblich 13 Millionen Euro, sieht aber teurer aus.",  # the same sentence again
            "ΟΔΟΣ ΣΤΟ ΔΙΑΣΤΗΜΑ: η ιστορία αλλάζει τα γεγονότα.",  # final sigma at a word's end
            "İstanbul'da çekilen film, tarihe sadık değil.",  # "İ" lowercases to two characters
            "この映画の製作費は約1億ドルだと言われている。",
            "...",  # no word at all
        ]
    ],
)
def test_evidence_and_labels_of_many_sentences_equal_those_of_each_alone(texts):
    """The model's evidence and labels are computed for all added statements at once; each must be what the
    sentence alone gives, written out here word by word from the model's weights."""
    m = coder.model()
    columns = [k % 3 for k in range(len(texts))]
    shifts = [100 * k for k in range(len(texts))]
    together = m.strongest_many(texts, columns, shifts=shifts)
    for text, column, shift, got in zip(texts, columns, shifts, together):
        matches = list(coder._TOKEN.finditer(text))
        weights = [
            float(m._word_rows.shares([mt.group().lower().translate(coder._DIGITS)])[0, column]) for mt in matches
        ]
        best = sorted((-w, mt.start(), mt.end()) for w, mt in zip(weights, matches) if w > 0)[:3]
        assert [(e["start"] - shift, e["end"] - shift, e["weight"]) for e in got] == [
            (a, b, round(-w, 3)) for w, a, b in best
        ]
        assert all(e["text"] == text[e["start"] - shift : e["end"] - shift] for e in got)
    labels = m.settings["labels"]
    for text, (stance, frames) in zip(texts, m.labels_many(texts)):
        words = coder._words(text)
        shares = m._label_rows.shares(words)
        pairs = [m.vocabulary["b" + a + " " + b] for a, b in zip(words, words[1:]) if "b" + a + " " + b in m.vocabulary]
        z = np.zeros(shares.shape[1] - 1)
        for term in [*shares[:, :-1], *np.hstack([m.stance_weights, m.frame_weights])[pairs]]:
            z = z + term
        z = z / np.sqrt(max(len(words) - 1 + int(shares[:, -1].sum()), 1))
        k = m.stance_weights.shape[1]
        assert stance == labels["stances"][int(np.argmax(z[:k] + m.stance_bias))]
        on = 1 / (1 + np.exp(-(z[k:] + m.frame_bias))) >= labels["frame_threshold"]
        assert frames == sorted(f for f, o in zip(labels["frames"], on) if o)
    assert m.labels_many([]) == []


def test_word_share_table_grown_and_emptied_gives_the_same_rows(monkeypatch):
    """The table grows in place as words come one sentence at a time and is emptied at its bound; neither may
    change a row (a small bound here, so that both happen many times)."""
    monkeypatch.setattr(coder, "_WORD_ROWS_LIMIT", 40)
    monkeypatch.setattr(coder, "_WORD_ROWS_START", 4)
    m = coder.model()
    sentences = ["Der Film kostete 13 Millionen Euro.", "Фильм снят по реальным событиям.", "Pure propaganda."] * 30
    sentences += [f"word{i} budget{i} propaganda{i}" for i in range(60)]
    table = coder._WordRows(m._feature_index, m.fast_weights)
    for sentence in sentences:
        words = coder._words(sentence)
        got = table.shares(words)
        expected = table._new_rows(words)
        assert np.array_equal(got.view(np.int64), expected.view(np.int64))
    assert len(table._row) <= 40 and 4 < len(table._table) <= 40


def test_cascade_sends_only_unsure_sentences_to_the_encoders(monkeypatch):
    calls = {"use": [], "e5": []}
    for name, real in (("use", coder.embed_use), ("e5", coder.embed_e5)):

        def spy(texts, real=real, name=name):
            calls[name].append(list(texts))
            return real(texts)

        monkeypatch.setattr(coder, f"embed_{name}", spy)
    texts = [WITHOUT_CUES[0][2], "Nice.", "Great cast.", WITHOUT_CUES[2][2], ORDINARY[0][1], ORDINARY[2][1]]
    groups = ["a", "a", "b", "b", "c", "c"]
    p = coder.probabilities(texts, tier="accurate", groups=groups)
    m = coder.model()
    fast = m.fast_logits(texts)
    unsure = [i for i, row in enumerate(fast) if (row >= m.settings["cascade"]["fast_logit_below"]).any()]
    # First step: the first encoder reads only the sentences the fast tier cannot rule out, batched by group.
    assert [t for batch in calls["use"] for t in batch] == [texts[i] for i in unsure]
    assert 0 in unsure and len(unsure) < len(texts)
    group_of = dict(zip(texts, groups))
    assert all(len({group_of[t] for t in batch}) == 1 for batch in calls["use"])
    # Second step: the second encoder reads only those its head leaves inside an aspect's band.
    first = m.first_logits(coder.embed_use([texts[i] for i in unsure]), fast[unsure])
    band = np.array([m.settings["cascade"]["second_encoder_band"][a] for a in coder.ASPECTS])
    near = [texts[i] for i, row in zip(unsure, first) if ((row >= band[:, 0]) & (row <= band[:, 1])).any()]
    assert [t for batch in calls["e5"] for t in batch] == near
    assert p.shape == (6, 3)


def test_without_the_cascade_every_sentence_reads_both_encoders(monkeypatch):
    texts = ["Nice.", "The film cost $15 million.", "Great cast."]
    seen = []
    real = coder.embed_e5
    monkeypatch.setattr(coder, "embed_e5", lambda t: seen.extend(t) or real(t))
    full = coder.probabilities(texts, tier="accurate", cascade=False)
    assert seen == texts
    m = coder.model()
    fast = m.fast_logits(texts)
    own = m.accurate_logits(coder.embed(texts), fast)
    expected = m.in_context("accurate", own, fast, np.zeros((3, 3), dtype=bool), range(3))
    assert np.allclose(full, 1 / (1 + np.exp(-expected)))


def test_training_is_deterministic_and_scores_held_out_folds(tmp_path):
    from toolkit.train import train

    rows = []
    films = ["Film A (1990)", "Film B (2001)", "Film C (1975)", "Film D (2015)", "Film E (1962)"]
    samples = [
        ("The production cost {n} million dollars.", 1, 0, 0),
        ("Shot on a shoestring budget of {n} million.", 1, 0, 0),
        ("In reality the mission lasted {n} days, not two.", 0, 1, 0),
        ("Historians say the general never gave that order in {n}.", 0, 1, 0),
        ("The film reads the war as a contest between {n} great powers.", 0, 0, 1),
        ("It is state propaganda paid for by the ministry in {n}.", 0, 0, 1),
        ("The music is lovely and the cast is great in scene {n}.", 0, 0, 0),
        ("It grossed {n} million at the box office.", 0, 0, 0),
    ]
    k = 0
    for f, film in enumerate(films):
        for s, (template, b, a, g) in enumerate(samples):
            for n in range(3):
                k += 1
                rows.append(
                    {
                        "id": f"x{k}",
                        "language": "en",
                        "film": film,
                        "text": template.format(n=f * 10 + s + n),
                        "budget": b,
                        "accuracy": a,
                        "geopolitics": g,
                        "stance": ["embellished", "faithful", "neutral"][n] if a else None,
                        "frames": ["propaganda"] if g else [],
                    }
                )
    data = tmp_path / "data"
    data.mkdir()
    (data / "x.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    first = train(data, tmp_path / "one", log=lambda m: None)
    train(data, tmp_path / "two", log=lambda m: None)
    assert (tmp_path / "one" / "coder.yaml").read_bytes() == (tmp_path / "two" / "coder.yaml").read_bytes()
    one, two = np.load(tmp_path / "one" / "coder.npz"), np.load(tmp_path / "two" / "coder.npz")
    for key in one.files:
        assert np.array_equal(one[key], two[key]), key
    assert one["context_accurate_weights"].shape == (3, 2 + coder.CONTEXT_WIDTH)
    assert first["trained_on"]["films"] == 5 and first["trained_on"]["sentences"] == len(rows)
    assert first["tiers"]["fast"]["aspects"]["budget"]["held_out"]["model"]["f1"] > 0.9
    floors = {
        (tier, aspect): settings.get("rule_floor")
        for tier in ("fast", "accurate")
        for aspect, settings in first["tiers"][tier]["aspects"].items()
    }
    assert {k: v for k, v in floors.items() if v is not None} == {
        ("accurate", "budget"): 0.1,
        ("accurate", "accuracy"): 0.02,
        ("accurate", "geopolitics"): 0.3,
    }


def test_training_data_errors_name_file_and_line(tmp_path):
    from toolkit.train import load_training

    (tmp_path / "bad.jsonl").write_text(
        '{"id": "a", "language": "en", "film": "F", "text": "x", "budget": 2, "accuracy": 0, "geopolitics": 0}\n',
        encoding="utf-8",
    )
    with pytest.raises(SystemExit, match=r"bad.jsonl line 1: budget must be 0 or 1"):
        load_training(tmp_path)


def test_datasheet_counts_come_from_the_files(tmp_path):
    from toolkit.train import datasheet

    rows = [
        {
            "id": "a",
            "language": "en",
            "film": "F (1990)",
            "register": "user",
            "text": "It cost $5m.",
            "budget": 1,
            "accuracy": 0,
            "geopolitics": 0,
            "hard_negative": None,
        },
        {
            "id": "b",
            "language": "de",
            "film": "F (1990)",
            "register": "critic",
            "text": "Er spielte 9 Mio. ein.",
            "budget": 0,
            "accuracy": 0,
            "geopolitics": 0,
            "hard_negative": "box_office",
        },
        {
            "id": "c",
            "language": "en",
            "film": "F (1990)",
            "register": "critic",
            "text": "It cost $5m.",
            "budget": 1,
            "accuracy": 0,
            "geopolitics": 0,
            "hard_negative": None,
        },
    ]
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    sheet = datasheet(tmp_path)
    assert sheet.startswith(
        "2 sentences, 2 languages, 1 film titles; budget 1, accuracy 0, geopolitics 0, no aspect 1."
    )
    assert "| box_office | 1 |" in sheet and "| user | 1 | 1 | 0 | 0 | 0 |" in sheet


def test_labelled_reviews_become_training_sentences(tmp_path):
    """A whole labelled review (the blind test's format) is split as the toolkit splits it; every sentence a
    gold sentence overlaps carries that gold's aspects and labels, every other sentence is a negative."""
    from toolkit.train import load_training

    reviews = [
        {
            "id": "r-de-1",
            "language": "de",
            "film": "Der Tunnel (2001)",
            "kind": "blog",
            "text": "Die Flucht beginnt im Winter. Gedreht wurde für rund acht Millionen Euro. "
            "Die Grenzer erscheinen als Werkzeuge eines Staates, der seine Bürger einsperrt. "
            "Die Musik ist schön.",
        },
        {
            "id": "r-es-1",
            "language": "es",
            "film": "La noche de los lápices (1986)",
            "kind": "critic",
            "text": "Los actores son jóvenes y convincentes. En realidad fueron diez los estudiantes "
            "secuestrados, no siete como en la película.",
        },
    ]
    gold = [
        {
            "review_id": "r-de-1",
            "sentence": "Gedreht wurde für rund acht Millionen Euro.",
            "aspects": {"budget": {}},
            "figures": [{"amount": 8000000, "currency": "EUR", "subject": "film"}],
        },
        {
            "review_id": "r-de-1",
            "sentence": "Die Grenzer erscheinen als Werkzeuge eines Staates, der seine Bürger einsperrt.",
            "aspects": {"geopolitics": {"frames": ["state_critique"]}},
        },
        {
            "review_id": "r-es-1",
            "sentence": "En realidad fueron diez los estudiantes secuestrados, no siete como en la película.",
            "aspects": {"accuracy": {"stance": "mixed"}},
        },
    ]
    folder = tmp_path / "reviews" / "set1"
    folder.mkdir(parents=True)
    (folder / "reviews.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in reviews), "utf-8")
    (folder / "gold.jsonl").write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in gold), "utf-8")

    data = load_training(tmp_path)
    got = [
        (r.id, r.language, r.register, r.budget, r.accuracy, r.geopolitics, r.stance if r.accuracy else None, r.frames)
        for r in data.itertuples()
    ]
    assert got == [
        ("set1:r-de-1:1", "de", "blog", 0, 0, 0, None, []),
        ("set1:r-de-1:2", "de", "blog", 1, 0, 0, None, []),
        ("set1:r-de-1:3", "de", "blog", 0, 0, 1, None, ["state_critique"]),
        ("set1:r-de-1:4", "de", "blog", 0, 0, 0, None, []),
        ("set1:r-es-1:1", "es", "critic", 0, 0, 0, None, []),
        ("set1:r-es-1:2", "es", "critic", 0, 1, 0, "mixed", []),
    ]
    assert data["text"].iloc[2] == "Die Grenzer erscheinen als Werkzeuge eines Staates, der seine Bürger einsperrt."
    assert set(data["film"]) == {"Der Tunnel (2001)", "La noche de los lápices (1986)"}
    assert set(data["file"]) == {"reviews/set1"}


def test_a_labelled_review_set_with_a_stray_gold_sentence_names_it(tmp_path):
    from toolkit.train import load_training

    folder = tmp_path / "reviews" / "set1"
    folder.mkdir(parents=True)
    review = {"id": "r1", "language": "en", "film": "F (1990)", "kind": "user", "text": "It was fine."}
    (folder / "reviews.jsonl").write_text(json.dumps(review), "utf-8")
    (folder / "gold.jsonl").write_text(
        json.dumps({"review_id": "r1", "sentence": "It cost a fortune.", "aspects": {"budget": {}}}), "utf-8"
    )
    with pytest.raises(SystemExit, match=r"set1: gold sentence of review 'r1' not found"):
        load_training(tmp_path)


def test_a_labelled_review_without_a_film_is_named(tmp_path):
    """The held-out folds group sentences by film: a review set whose review has no film is refused, naming it."""
    from toolkit.train import load_training

    folder = tmp_path / "reviews" / "set1"
    folder.mkdir(parents=True)
    reviews = [
        {"id": "r1", "language": "en", "film": "F (1990)", "text": "It cost a fortune."},
        {"id": "r2", "language": "en", "text": "The score is loud."},
    ]
    (folder / "reviews.jsonl").write_text("\n".join(json.dumps(r) for r in reviews), "utf-8")
    (folder / "gold.jsonl").write_text(
        json.dumps({"review_id": "r1", "sentence": "It cost a fortune.", "aspects": {"budget": {}}}), "utf-8"
    )
    with pytest.raises(SystemExit, match=r"set1/reviews.jsonl: review 'r2' lacks 'film'"):
        load_training(tmp_path)


def test_words_of_many_texts_tokenised_together_equal_each_texts_own():
    """`_words_many` lowercases and tokenises texts joined into one string; each text must get its own words."""
    texts = [
        "ΟΔΟΣ ΣΤΟ ΔΙΑΣΤΗΜΑ",  # final sigma at the end of a text
        "Σ",
        "",
        "İstanbul'da $15m, ₹45 crore — 1999!",
        "...",
        "この映画の製作費は約1億ドル",
        "x",
    ]
    for order in (texts, texts[::-1], texts[1:], ["", ""], []):
        assert coder._words_many(order) == [coder._words(t) for t in order]
    assert coder._words_many(["A 7 b", "ΟΔΟΣ"]) == [["a", "0", "b"], ["οδος"]]


def test_evidence_keeps_at_most_k_words_as_a_slice_would():
    m = coder.model()
    texts = ["The film cost $15 million, a shoestring budget.", "...", "The film cost $15 million."]
    full = m.strongest_many(texts, [0, 0, 0], k=100)
    assert len(full[0]) > 3 and full[1] == []
    for k in (0, 1, 3, -1, -100):
        assert m.strongest_many(texts, [0, 0, 0], k=k) == [found[:k] for found in full]


@pytest.mark.parametrize(
    "words",
    [
        ["budget", "бюджет", "预算", "予算は", "0", "$", "₹", "x", "ab00c"],
        ["日本語とenglish混合", "한국어", "ｆｕｌｌ", "\ua66e\ua66e", "a\U0001f600b", "\U00020000字", "İ", "ß"],
        ["word<with>marks", "a\x00b", "abc123", "٣٤٥", "wbudget", "cbudget", "c予算"],  # no `_words` token, still found
        [],
    ],
)
def test_feature_rows_found_at_once_are_those_of_each_feature_looked_up(words):
    """`_FeatureIndex.rows` finds the vocabulary rows of many words' n-grams as numbers; they must be the rows
    the vocabulary gives each feature of `_word_features`, word by word and in order."""
    _assert_feature_rows(coder.model().vocabulary, words)


def _assert_feature_rows(vocabulary, words):
    owners, found = coder._FeatureIndex(vocabulary).rows(words)
    for k, word in enumerate(words):
        assert found[owners == k].tolist() == [vocabulary.get(f, -1) for f in coder._word_features(word)]
    assert len(found) == sum(len(coder._word_features(w)) for w in words)


def test_feature_numbers_need_a_small_enough_alphabet():
    """Features of five characters are numbers below 2**63 only while they use fewer than 6,208 characters."""
    letters = [chr(0x4E00 + k) for k in range(6300)]
    vocabulary = {"".join(letters[k : k + 5]): k for k in range(0, 6300, 5)}
    with pytest.raises(ValueError, match="too many characters"):
        coder._FeatureIndex(vocabulary)
    # A vocabulary without features of some length, or without any short one.
    _assert_feature_rows({"<ab>": 0, "abc": 1, "wab": 2, "c字": 3}, ["ab", "abc", "字字", "a字"])
    _assert_feature_rows({"wlonger": 0}, ["ab", "longer", "字"])


@pytest.mark.slow
def test_embedding_in_two_processes_gives_the_same_vectors_and_fills_the_cache(tmp_path):
    """`python -m toolkit.train --jobs 2`: the same batches of 64 in worker processes give the same vectors,
    written to the cache, which the next run reads instead of embedding again."""
    from toolkit.train import _embeddings

    texts = [f"Satz {i}: der Film kostete {i} Millionen." for i in range(70)] + [
        "Satz 3: der Film kostete 3 Millionen."
    ]
    alone = _embeddings(texts, None, lambda m: None)
    logged: list[str] = []
    both = _embeddings(texts, tmp_path, logged.append, jobs=2)
    assert np.array_equal(alone, both)
    assert both.shape == (71, coder.EMBEDDING_SIZE) and np.array_equal(both[3], both[70])
    assert logged == [
        "embedding 70 sentences (about 0 CPU-minutes, 2 processes)",
        "  2 of 2 batches embedded, cache written",
    ]
    again: list[str] = []
    assert np.array_equal(_embeddings(texts, tmp_path, again.append, jobs=2), both) and again == []


def test_an_embedding_run_stopped_halfway_keeps_the_batches_it_finished(tmp_path, monkeypatch):
    """The cache is written every `_SAVE_EVERY` batches: a run that dies in its second batch leaves the first
    batch's 64 vectors, and the next run embeds only the rest."""
    from toolkit import train

    texts = [f"Věta {i}: film stál {i} milionů korun." for i in range(70)]
    calls = []

    def dies_second_time(batch):
        calls.append(len(batch))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return coder.embed(batch)

    monkeypatch.setattr(train, "_SAVE_EVERY", 1)
    monkeypatch.setattr(train, "embed", dies_second_time)
    with pytest.raises(KeyboardInterrupt):
        train._embeddings(texts, tmp_path, lambda m: None)
    monkeypatch.setattr(train, "embed", coder.embed)
    logged: list[str] = []
    vectors = train._embeddings(texts, tmp_path, logged.append)
    assert calls == [64, 6]
    assert logged[0] == "embedding 6 sentences (about 0 CPU-minutes, 1 processes)"
    assert np.array_equal(vectors, train._embeddings(texts, None, lambda m: None))
