"""The validation loop (toolkit.validation): sampling, coding sheets, agreement with CIs, the film layer."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.cli import main
from toolkit.validation import SheetError, agreement, alpha, alpha_interval, cohen_kappa, read_sheets, sample
from toolkit.validation.reliability import _alpha_from, _coincidences, _delta
from toolkit.validation.sheets import SHEET_COLUMNS, machine_codes

REPO = Path(__file__).resolve().parents[1]
NAN = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers × 12 units, values 1-5, with
# missing values. Published: nominal α = 0.743, interval α = 0.849.
FOUR_OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]
# The same paper's binary example: two observers, ten units, α = 0.095.
TWO_OBSERVERS_BINARY = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]


@pytest.mark.parametrize(
    "data, level, published",
    [
        (FOUR_OBSERVERS, "nominal", 0.743),
        (FOUR_OBSERVERS, "interval", 0.849),
        (TWO_OBSERVERS_BINARY, "nominal", 0.095),
        (TWO_OBSERVERS_BINARY, "interval", 0.095),
    ],
)
def test_alpha_reproduces_krippendorffs_worked_examples(data, level, published):
    assert round(alpha(data, level=level), 3) == published
    # The bootstrap's own arithmetic (coincidence matrices) gives the same value as the package.
    x = np.array(data, dtype=float)
    domain = np.unique(x[~np.isnan(x)])
    assert round(float(_alpha_from(_coincidences(x, domain).sum(axis=0), _delta(domain, level))), 3) == published


def _sheet(path: Path, coder: str, rows: list[dict], *, columns=SHEET_COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" for c in columns} | {"coder": coder} | row)
    return path


def _units(n: int) -> list[dict]:
    # Short sentences of one made-up review each, in two languages.
    words = ["The budget was tiny.", "Die Mission dauerte länger.", "A fine score.", "Der Kalte Krieg ist da."]
    return [
        {
            "review_id": f"r{i}",
            "sentence_id": f"r{i}:1",
            "start": 0,
            "end": len(words[i % 4]),
            "language": "en" if i % 2 == 0 else "de",
            "text": words[i % 4],
        }
        for i in range(n)
    ]


def test_the_agreement_command_reproduces_the_binary_worked_example(tmp_path, capsys):
    units = _units(10)
    a = _sheet(tmp_path / "a.csv", "A", [u | {"budget": v} for u, v in zip(units, TWO_OBSERVERS_BINARY[0])])
    b = _sheet(tmp_path / "b.csv", "B", [u | {"budget": v} for u, v in zip(units, TWO_OBSERVERS_BINARY[1])])
    out = tmp_path / "agreement.json"
    assert main(["agreement", str(a), str(b), "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    humans = report["budget"]["humans"]
    assert humans["alpha"] == 0.0952 and humans["n_units"] == 10 and humans["coders"] == ["A", "B"]
    low, high = humans["ci"]
    assert low < 0.0952 < high
    assert "accuracy" in report and report["accuracy"]["humans"]["alpha"] is None  # nobody coded it
    printed = capsys.readouterr().out
    assert "budget" in printed and "0.095" in printed


def _population_codes(
    units: int, coders: int, reliable: float, prevalence: float, missing: float, rng: np.random.Generator
) -> np.ndarray:
    """Coders × units 0/1 codes: each coder copies the true class with probability `reliable`, otherwise draws
    afresh from the population's prevalence; each value is missing with probability `missing`."""
    truth = rng.random(units) < prevalence
    copy = rng.random((coders, units)) < reliable
    fresh = rng.random((coders, units)) < prevalence
    codes = np.where(copy, truth, fresh).astype(float)
    codes[rng.random((coders, units)) < missing] = np.nan
    return codes


@pytest.mark.parametrize("coders, reliable, prevalence, missing", [(2, 0.8, 0.3, 0.0), (3, 0.7, 0.15, 0.2)])
def test_bootstrap_intervals_cover_the_true_alpha(coders, reliable, prevalence, missing):
    # True alpha of this population: every coder's marginal is the prevalence π, and two coders' codes
    # covary by r²·π(1-π) (they agree beyond chance only when both copied the truth), so the disagreement
    # 2π(1-π)(1 - r²) over the chance disagreement 2π(1-π) leaves α = r², for any number of coders and
    # values missing at random. A sample of a million units confirms it to three decimals.
    true_alpha = reliable**2
    rng = np.random.default_rng(20261202)
    big = _population_codes(1_000_000, coders, reliable, prevalence, missing, rng)
    domain = np.array([0.0, 1.0])
    assert (
        abs(float(_alpha_from(_coincidences(big, domain).sum(axis=0), _delta(domain, "nominal"))) - true_alpha) < 0.003
    )
    covered = 0
    for i in range(500):
        codes = _population_codes(200, coders, reliable, prevalence, missing, rng)
        low, high = alpha_interval(codes, seed=i)
        covered += low <= true_alpha <= high
    assert covered / 500 >= 0.92, f"{covered} of 500 intervals cover α = {true_alpha}"


def test_cohen_kappa_and_the_tables_of_agreement(tmp_path):
    units = _units(8)
    a = [
        {"budget": 1, "accuracy": 1, "stance": "embellished"},
        {"budget": 0, "accuracy": 1, "stance": "faithful"},
        {"budget": 0, "accuracy": 0},
        {"budget": 1, "accuracy": 0},
        {"budget": 0, "accuracy": 0},
        {"budget": 0},
        {"budget": 0, "geopolitics": 1, "frames": "cold_war;space_race"},
        {},
    ]
    b = [
        {"budget": 1, "accuracy": 1, "stance": "embellished"},
        {"budget": 0, "accuracy": 1, "stance": "mixed"},
        {"budget": 1, "accuracy": 0},
        {"budget": 1, "accuracy": 0},
        {"budget": 0, "accuracy": 1, "stance": "neutral"},
        {"budget": 0},
        {"budget": 0, "geopolitics": 1, "frames": "cold_war"},
        {"budget": 0},
    ]
    codes = read_sheets(
        [
            _sheet(tmp_path / "a.csv", "ana", [u | c for u, c in zip(units, a)]),
            _sheet(tmp_path / "b.csv", "ben", [u | c for u, c in zip(units, b)]),
        ]
    )
    result = agreement(codes, resamples=200)
    pairs = result.pairs.set_index("variable")
    # budget: 7 units coded by both (the last skipped by ana), 6 agree.
    assert pairs.loc["budget", "n"] == 7 and pairs.loc["budget", "percent_agreement"] == pytest.approx(6 / 7)
    assert pairs.loc["budget", "kappa"] == pytest.approx(cohen_kappa([1, 0, 0, 1, 0, 0, 0], [1, 0, 1, 1, 0, 0, 0]))
    assert cohen_kappa([1, 0, 0, 1, 0, 0, 0], [1, 0, 1, 1, 0, 0, 0]) == pytest.approx(
        16 / 23
    )  # p_o 6/7, p_e (2·3 + 5·4)/49
    # Stance is compared where both coded accuracy 1: two sentences, one agreement.
    assert pairs.loc["stance", "n"] == 2 and pairs.loc["stance", "percent_agreement"] == 0.5
    assert pairs.loc["frame:space_race", "n"] == 1
    disagreements = result.disagreements
    row = disagreements[(disagreements["variable"] == "budget")].iloc[0]
    assert (row["sentence_id"], row["ana"], row["ben"], row["text"]) == ("r2:1", 0, 1, "A fine score.")


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("accuracy", "yes", "accuracy must be 1, 0 or empty, got 'yes'"),
        ("stance", "exaggerated", "stance 'exaggerated' is not in the codebook"),
        ("frames", "alien_invasion", "frame(s) alien_invasion not in the codebook"),
        ("text", "The budget was huge.", "the sentence's text was changed"),
        ("sentence_id", "r1:9", "unknown sentence id"),
        ("end", "7", "offsets 0-7 changed"),
    ],
)
def test_bad_sheets_stop_with_file_and_row(tmp_path, column, value, message):
    units = _units(3)
    good = _sheet(
        tmp_path / "good.csv",
        "ana",
        [u | {"budget": 0, "accuracy": 1, "stance": "mixed", "geopolitics": 1, "frames": "cold_war"} for u in units],
    )
    bad_rows = [
        u | {"budget": 0, "accuracy": 1, "stance": "mixed", "geopolitics": 1, "frames": "cold_war"} for u in units
    ]
    bad_rows[1][column] = value
    bad = _sheet(tmp_path / "bad.csv", "ben", bad_rows)
    with pytest.raises(SheetError) as error:
        read_sheets([good, bad])
    assert f"{bad} row 3" in str(error.value) and message in str(error.value)


def test_bad_sheet_from_the_command_line_names_file_and_row(tmp_path, capsys):
    units = _units(2)
    a = _sheet(tmp_path / "a.csv", "ana", [u | {"budget": 0} for u in units])
    b = _sheet(tmp_path / "b.csv", "ana", [u | {"budget": 1} for u in units])
    assert main(["agreement", str(a), str(b)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("toolkit: error: ") and f"{b}: coder 'ana' also coded {a}" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"accuracy": 0, "stance": "faithful"}], "a stance is only coded when accuracy is 1"),
        ([{"geopolitics": 0, "frames": "cold_war"}], "frames are only coded when geopolitics is 1"),
    ],
)
def test_labels_need_their_aspect(tmp_path, rows, message):
    path = _sheet(tmp_path / "a.csv", "ana", [u | r for u, r in zip(_units(1), rows)])
    with pytest.raises(SheetError, match=message):
        read_sheets([path])


def test_a_sheet_checked_against_the_reviews_catches_a_changed_text(tmp_path):
    units = _units(2)
    reviews = pd.DataFrame({"review_id": ["r0", "r1"], "text": ["The budget was tiny.", "Die Mission war kurz."]})
    path = _sheet(tmp_path / "a.csv", "ana", [u | {"budget": 1} for u in units])
    with pytest.raises(SheetError, match=r"a.csv row 3 \(sentence r1:1\): text differs from the review's text"):
        read_sheets([path], reviews=reviews)


def test_the_profile_adds_its_frames(tmp_path):
    from toolkit.profiles import Frame, Profile

    path = _sheet(tmp_path / "a.csv", "ana", [u | {"geopolitics": 1, "frames": "turtle_ship_myth"} for u in _units(1)])
    with pytest.raises(SheetError):
        read_sheets([path])
    profile = Profile("The Admiral", 2014, frames=(Frame("turtle_ship_myth"),))
    assert read_sheets([path], profile=profile)["frames"].tolist() == [("turtle_ship_myth",)]


def test_the_machine_codes_the_sheets_spans_as_given():
    # Two sentences of one review given as ONE unit: the machine codes the unit, it does not split it again.
    text = "The film cost $15 million. The Americans are the villains of the Cold War."
    units = pd.DataFrame(
        [
            {"review_id": "r1", "sentence_id": "r1:1", "start": 0, "end": len(text), "language": "en", "text": text},
            {
                "review_id": "r2",
                "sentence_id": "r2:4",
                "start": 40,
                "end": 53,
                "language": "en",
                "text": "Lovely music.",
            },
        ]
    )
    codes = machine_codes(units, coder="rules").set_index("sentence_id")
    assert codes.loc["r1:1", ["budget", "accuracy", "geopolitics"]].tolist() == [1, 0, 1]
    assert "cold_war" in codes.loc["r1:1", "frames"] and codes.loc["r1:1", "coder"] == "machine"
    assert codes.loc["r2:4", ["budget", "accuracy", "geopolitics"]].tolist() == [0, 0, 0]
    assert codes.loc["r2:4", "frames"] is None and codes.loc["r2:4", "stance"] is None


def test_the_sample_oversamples_in_the_documented_ratio_and_weights_back():
    rng = np.random.default_rng(3)
    rows = []
    for r in range(40):
        for s in range(10):
            rows.append(
                {
                    "review_id": f"r{r:02d}",
                    "sentence_id": f"r{r:02d}:{s + 1}",
                    "start": s * 10,
                    "end": s * 10 + 9,
                    "text": "x" * 9,
                    "language": ["en", "de", "ru"][r % 3],
                }
            )
    sentences = pd.DataFrame(rows)
    reviews = pd.DataFrame({"review_id": sorted(sentences["review_id"].unique()), "kind": "critic"})
    coded = sentences.sample(40, random_state=1)  # 10 % of the 400 sentences carry an aspect
    statements = coded.assign(aspect=np.where(rng.random(40) < 0.5, "budget", "accuracy"))
    drawn = sample(reviews, sentences, statements, n=60, seed=7)
    design = drawn.design
    assert (design["group"] == "coded").sum() == 30 and (design["group"] == "not_coded").sum() == 30
    # Weighting back: the weights add up to the population of each group, and the whole.
    assert design.groupby("group")["weight"].sum().round(6).to_dict() == {"coded": 40.0, "not_coded": 360.0}
    assert set(design["stratum"].str.split("|").str[1]) == {"en", "de", "ru"}
    # Reproducible with the seed, different with another.
    assert drawn.units.equals(sample(reviews, sentences, statements, n=60, seed=7).units)
    assert not drawn.units.equals(sample(reviews, sentences, statements, n=60, seed=8).units)
    assert list(drawn.units.columns) == ["review_id", "sentence_id", "start", "end", "language", "kind", "text"]


SHIPPED = REPO / "corpus" / "validation"


def tk_corpus() -> tuple[list[str], list[str]]:
    from toolkit.corpus import load_corpus

    corpus = load_corpus()
    return corpus["review_id"].tolist(), corpus["text"].tolist()


@pytest.mark.slow
def test_the_loop_runs_end_to_end_on_the_shipped_corpus(tmp_path, capsys):
    """sample → (the shipped codings) → agreement → adapt → agreement again, through the commands."""
    import shutil

    # 1. `toolkit sample` over every sentence writes a sheet of the shipped sheet's format, over the same 46
    # original reviews, every span pointing at its words. (The shipped sheet was written by this command at
    # the time; the spans are not compared one by one, so that a later change of the sentence splitter does
    # not touch the worked example, whose sheet carries its own spans.)
    assert (
        main(
            [
                "sample",
                "--input",
                str(REPO / "corpus" / "manifest.yaml"),
                "--n",
                "1000",
                "--out",
                str(tmp_path / "sample"),
            ]
        )
        == 0
    )
    drawn = pd.read_csv(tmp_path / "sample" / "sheet.csv", dtype=str, keep_default_na=False)
    shipped = pd.read_csv(SHIPPED / "salyut7_sheet.csv", dtype=str, keep_default_na=False)
    assert list(drawn.columns) == list(shipped.columns) == SHEET_COLUMNS
    assert set(drawn["review_id"]) == set(shipped["review_id"]) and len(shipped) == 329
    texts = dict(zip(*tk_corpus()))
    assert all(texts[r][int(a) : int(b)] == t for r, a, b, t in drawn[["review_id", "start", "end", "text"]].values)
    assert (tmp_path / "sample" / "form.html").read_text().count('class="unit"') == len(drawn)
    design = pd.read_csv(tmp_path / "sample" / "design.csv")
    assert design["weight"].eq(1.0).all() and len(design) == len(drawn)  # every sentence taken

    # 2. agreement of the two coders and the machine, checked against the corpus's review texts.
    sheets = [str(SHIPPED / "salyut7_coder_a.csv"), str(SHIPPED / "salyut7_coder_b.csv")]
    profile = tmp_path / "salyut-7.yaml"
    shutil.copy(REPO / "corpus" / "profiles" / "salyut-7.yaml", profile)
    common = ["--sample", str(SHIPPED / "salyut7_sheet.csv"), "--profile", str(profile)]
    before_json = tmp_path / "before.json"
    assert (
        main(
            [
                "agreement",
                *sheets,
                "--machine",
                "--reviews",
                str(REPO / "corpus" / "manifest.yaml"),
                "--json",
                str(before_json),
                *common,
            ]
        )
        == 0
    )
    before = json.loads(before_json.read_text())
    for variable in ("budget", "accuracy", "geopolitics", "stance"):
        assert before[variable]["humans"]["coders"] == ["a", "b"]
        assert before[variable]["machine"]["coders"] == ["a", "b", "machine"]
        low, high = before[variable]["humans"]["ci"]
        assert low <= before[variable]["humans"]["alpha"] <= high
    assert before["budget"]["humans"]["n_units"] == 329

    # 3. adapt: the film layer goes beside the (copied) profile; F1 on held-out folds goes up.
    shipped_layer = (REPO / "corpus" / "profiles" / "salyut-7.coder.npz").read_bytes()
    capsys.readouterr()
    assert main(["adapt", *sheets, *common]) == 0
    report = capsys.readouterr().out
    assert (tmp_path / "salyut-7.coder.npz").is_file() and (tmp_path / "salyut-7.coder.yaml").is_file()
    # ... and it is the layer the shipped profile carries: the shipped one is what this command writes with the
    # shipped coder (retraining the coder means running it again). Byte for byte on the machine that wrote it;
    # on another CPU the encoders' last bits differ (its BLAS kernels add in another order), so the accurate
    # tier's scores, and the weights fitted on them, agree to about 1e-3 rather than exactly.
    _assert_same_layer(tmp_path / "salyut-7.coder.npz", REPO / "corpus" / "profiles" / "salyut-7.coder.npz")
    from toolkit.profiles import load_profile
    from toolkit.validation import adapt, read_sample

    codes = read_sheets(sheets, units=read_sample(SHIPPED / "salyut7_sheet.csv"))
    result = adapt(codes, profile=load_profile(REPO / "corpus" / "profiles" / "salyut-7.yaml")).report
    assert result["after_f1"].mean() > result["before_f1"].mean()
    assert f"{result.loc[1, 'before_f1']:.3f}" in report and f"{result.loc[1, 'after_f1']:.3f}" in report

    # 4. `--profile` now codes with the layer: the machine's codes change, the shipped model does not.
    after_json = tmp_path / "after.json"
    assert main(["agreement", *sheets, "--machine", "--json", str(after_json), *common]) == 0
    after = json.loads(after_json.read_text())
    assert after["accuracy"]["machine"]["alpha"] != before["accuracy"]["machine"]["alpha"]
    # The shipped profile's own layer (fitted by the same command on the same sheets) is left as it was.
    assert (REPO / "corpus" / "profiles" / "salyut-7.coder.npz").read_bytes() == shipped_layer


def _assert_same_layer(written, shipped):
    """The same film layer: the same vocabulary, and weights, bias and thresholds within what a different CPU's
    floating point moves them (an exact copy passes, a layer fitted on other codes or another coder does not)."""
    with np.load(written) as a, np.load(shipped) as b:
        assert sorted(a.files) == sorted(b.files)
        assert a["vocabulary"].tobytes() == b["vocabulary"].tobytes()
        for name in ("weights", "bias", "thresholds"):
            assert a[name].shape == b[name].shape, name
            assert np.allclose(a[name], b[name], rtol=1e-2, atol=2e-2), name


def test_a_layer_beside_the_profile_is_used_by_toolkit_statements(tmp_path, capsys):
    """A hand-built layer that says yes to geopolitics for every sentence: `toolkit statements --profile`
    must code a plain sentence as geopolitics (method model, the layer's score), and only with its tier."""
    from toolkit.validation.adaptation import _write_npz, layer_path

    profile = tmp_path / "film.yaml"
    profile.write_text("title: A Film\nyear: 2001\n", encoding="utf-8")
    npz, meta = layer_path(profile)
    weights = np.zeros((1 + 6, 3))
    _write_npz(
        npz,
        {
            "vocabulary": np.frombuffer(b"wmusic", dtype=np.uint8),
            "weights": weights,
            "bias": np.array([-5.0, -5.0, 2.0]),
            "thresholds": np.array([np.nan, np.nan, 0.0]),
        },
    )
    meta.write_text("tier: fast\n", encoding="utf-8")
    reviews = tmp_path / "reviews.jsonl"
    reviews.write_text(
        json.dumps({"id": "r1", "text": "The music is lovely and the actors are fine."}) + "\n", encoding="utf-8"
    )
    assert main(["statements", "--input", str(reviews), "--profile", str(profile), "--coder", "fast"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["aspect"], r["method"], r["score"]) for r in rows] == [("geopolitics", "model", 0.8808)]
    assert main(["statements", "--input", str(reviews), "--profile", str(profile), "--coder", "rules"]) == 0
    assert capsys.readouterr().out == ""  # another tier: the layer is not used
