"""Evaluation of the aspects stage against the gold set (``corpus/gold/aspects_gold.jsonl``).

The gold set holds every sentence of the shipped corpus that carries an aspect, plus reviews written for
the gold set in de, ru, fr, es, it, pl, pt and en (``corpus/gold/aspects_reviews.jsonl``; positives and
hard negatives, some held out from tuning). Gold sentences are keyed by review id and exact sentence text,
so the gold survives changes to the sentence splitter: a predicted statement counts for a gold sentence
when their spans in the review text overlap. Every sentence not in the gold file is a negative.

``python -m toolkit.evaluation.aspects`` prints precision/recall/F1 per aspect and language at sentence and review
level, and exact-match accuracy of budget figures (amount, currency, subject).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from toolkit import datasets
from toolkit.tables import TableError

__all__ = [
    "GOLD",
    "REVIEWS",
    "FLOORS",
    "load_gold",
    "written_reviews",
    "predict",
    "score",
    "figure_accuracy",
    "label_agreement",
    "coder_agreement",
    "evaluate",
    "evaluate_folder",
    "extra_sets",
    "summary",
    "Evaluation",
    "load_floors",
    "check_floors",
    "main",
]

_CORPUS = datasets.corpus_dir()
GOLD = _CORPUS / "gold" / "aspects_gold.jsonl"
REVIEWS = _CORPUS / "gold" / "aspects_reviews.jsonl"
FLOORS = _CORPUS / "gold" / "floors_aspects.yaml"
FILM_YEAR = 2017
FILM_TITLES = ("Salyut-7", "Salyut 7", "Салют-7", "Салют 7", "Saljut 7", "Saljut-7", "Saliout-7", "Saliut 7")
METRIC_COLUMNS = ["level", "aspect", "language", "tp", "fp", "fn", "precision", "recall", "f1", "n_gold", "n_pred"]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise TableError(f"{path}:{number}: not JSON ({error.msg})") from None
    return rows


def load_gold(path: str | Path = GOLD) -> pd.DataFrame:
    """The gold sentences: one row per (review_id, sentence, aspect) with stance/incidents/frames/figures.

    Columns: review_id, source (corpus|written), split (dev|heldout), sentence, aspect, stance, incidents,
    frames, figures (list of {amount, currency, subject}; on the budget row only).
    """
    rows = []
    for number, line in enumerate(_read_jsonl(Path(path)), start=1):
        for key in ("review_id", "sentence", "aspects"):
            if key not in line:
                raise TableError(f"{path}:{number}: gold line lacks {key!r}")
        for aspect, labels in sorted(line["aspects"].items()):
            labels = labels or {}
            rows.append(
                {
                    "review_id": line["review_id"],
                    "source": line.get("source", "corpus"),
                    "split": line.get("split", "dev"),
                    "sentence": line["sentence"],
                    "aspect": aspect,
                    "stance": labels.get("stance"),
                    "incidents": sorted(labels.get("incidents") or []),
                    "frames": sorted(labels.get("frames") or []),
                    "figures": list(line.get("figures") or []) if aspect == "budget" else [],
                }
            )
    return pd.DataFrame(rows)


def written_reviews(path: str | Path = REVIEWS) -> pd.DataFrame:
    """The reviews written for the gold set as a reviews table (review_id, text, language, place, kind,
    outlet, split); `language` is the declared language."""
    rows = _read_jsonl(Path(path))
    for number, row in enumerate(rows, start=1):
        for key in ("id", "text", "language"):
            if key not in row:
                raise TableError(f"{path}:{number}: review lacks {key!r}")
    frame = pd.DataFrame(rows).rename(columns={"id": "review_id"})
    frame["place_basis"] = "stated"
    return frame


def predict(
    reviews: pd.DataFrame, *, coder: str = "accurate", film: Any = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Run the pipeline as the toolkit does: language → sentences → statements → budget figures.

    Returns (reviews with language, statements, figures). A review's declared language, when given, wins
    over the detected one for grouping, but sentence languages come from the language stage. `film` is the
    profile to code with (default: the shipped Salyut-7 corpus's film); `coder` the coder tier.
    """
    from toolkit import aspects, language, money

    if film is None:
        film = _film_profile()
    declared = reviews["language"] if "language" in reviews.columns else None
    annotated, sentences = language.annotate(reviews, profile=film)
    if declared is not None:
        annotated = annotated.assign(language=declared.where(declared.notna(), annotated["language"]).values)
    statements = aspects.extract_statements(annotated, sentences, profile=film, coder=coder)
    figures = money.budget_figures(
        statements,
        year=film.year,
        film_titles=film.titles,
        comparators=getattr(film, "comparison_titles", ()),
        reviews=annotated[["review_id", "text"]],
    )
    return annotated, statements, figures


def evaluate_folder(
    folder: str | Path,
    *,
    coder: str = "accurate",
    film: Any = None,
    name: str | None = None,
    each_film: bool = False,
) -> Evaluation:
    """Score a labelled set kept as ``reviews.jsonl`` + ``gold.jsonl`` in `folder` (the blind test, an
    example film's set). Without `film` the reviews are coded as about a generic film, as a user's would be;
    with `each_film`, each film's reviews with the title and year of their ``film`` field ("Psohlavci (1955)"),
    as a user who gives a film's title and ``--year`` would code them.
    """
    from toolkit.pipeline import Film

    folder = Path(folder)
    reviews = written_reviews(folder / "reviews.jsonl")
    gold = load_gold(folder / "gold.jsonl")
    columns = ["review_id", "text", "language"]
    if each_film:
        unfilmed = reviews["review_id"][reviews["film"].isna()] if "film" in reviews else reviews["review_id"]
        if len(unfilmed):
            raise TableError(
                f"{folder / 'reviews.jsonl'}: review {unfilmed.iloc[0]!r} has no 'film': --each-film needs a 'film'"
                " on every review"
            )
        parts = [
            predict(part[columns], coder=coder, film=_film_of_field(title))
            for title, part in reviews.groupby("film", sort=True)
        ]
        revs, statements, figures = (pd.concat([p[i] for p in parts], ignore_index=True) for i in range(3))
    else:
        film = film or Film(title="the film", year=None)
        revs, statements, figures = predict(reviews[columns], coder=coder, film=film)
    return Evaluation(
        name or folder.name,
        score(revs, statements, gold),
        figure_accuracy(revs, figures, gold),
        statements,
        label_agreement(revs, statements, gold),
    )


_TITLE_YEAR = re.compile(r"^(?P<title>.*?)\s*\((?P<year>\d{4})\)\s*$")


def _film_of_field(field: str) -> Any:
    """The film a set's ``film`` field names: "Psohlavci (1955)" → title "Psohlavci", year 1955 (no year
    without the parenthesis).

    >>> f = _film_of_field("Psohlavci (1955)"); f.title, f.year, f.titles
    ('Psohlavci', 1955, ('Psohlavci',))
    """
    from toolkit.pipeline import Film

    m = _TITLE_YEAR.match(field)
    title, year = (m.group("title"), int(m.group("year"))) if m else (field.strip(), None)
    return Film(title=title, year=year, titles=(title,))


def _film_profile() -> Any:
    """The shipped corpus's film profile (corpus/profiles/salyut-7.yaml: names, incidents, comparison films),
    with the transliterations of its title that the gold reviews use."""
    from dataclasses import replace

    from toolkit.pipeline import film_of

    film = film_of()
    year, titles = _film()
    return replace(film, year=year, titles=titles)


def _film() -> tuple[int, tuple[str, ...]]:
    """The film's year and titles from the corpus manifest, plus the transliterations the gold reviews use."""
    try:
        from toolkit.pipeline import film_of

        film = film_of()
        return int(film.year or FILM_YEAR), tuple(dict.fromkeys((*film.titles, *FILM_TITLES)))
    except Exception:  # noqa: BLE001 - the evaluation still runs without the pipeline module
        return FILM_YEAR, FILM_TITLES


def _spans(reviews: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    texts = dict(zip(reviews["review_id"], reviews["text"]))
    starts, ends = [], []
    for rid, sentence in zip(gold["review_id"], gold["sentence"]):
        if rid not in texts:
            raise TableError(f"gold names review {rid!r}, which is not in the evaluated reviews")
        at = texts[rid].find(sentence)
        if at < 0:
            raise TableError(f"gold sentence of review {rid!r} not found in its text: {sentence[:60]!r}")
        starts.append(at)
        ends.append(at + len(sentence))
    return gold.assign(start=starts, end=ends)


def _prf(tp_gold: int, n_gold: int, tp_pred: int, n_pred: int) -> tuple[float, float, float]:
    precision = tp_pred / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    recall = tp_gold / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(reviews: pd.DataFrame, statements: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision/recall/F1 per level (sentence, review) × aspect × language (plus "all").

    Sentence level: a gold sentence is found when a statement of its aspect overlaps it; a statement is
    correct when it overlaps a gold sentence of its aspect. Review level: does the review carry the aspect.
    The language is the review's.
    """
    gold = _spans(reviews, gold)
    langs = dict(zip(reviews["review_id"], reviews["language"].fillna("und")))
    ids = set(reviews["review_id"])
    pred = statements[statements["review_id"].isin(ids)]
    aspects = sorted(set(gold["aspect"]) | set(pred["aspect"]))
    rows = []
    for aspect in aspects:
        g = gold[gold["aspect"] == aspect]
        p = pred[pred["aspect"] == aspect]
        g_spans = {rid: list(zip(s["start"], s["end"])) for rid, s in g.groupby("review_id")}
        p_spans = {rid: list(zip(s["start"], s["end"])) for rid, s in p.groupby("review_id")}

        def hit(spans: dict, rid: str, a: int, b: int) -> bool:
            return any(a < d and c < b for c, d in spans.get(rid, []))

        g_found = [(langs[r], hit(p_spans, r, a, b)) for r, a, b in zip(g["review_id"], g["start"], g["end"])]
        p_right = [(langs[r], hit(g_spans, r, a, b)) for r, a, b in zip(p["review_id"], p["start"], p["end"])]
        g_reviews, p_reviews = set(g["review_id"]), set(p["review_id"])
        for lang in ["all", *sorted(set(langs.values()))]:
            keep = (lambda x: True) if lang == "all" else (lambda x, lang=lang: x == lang)
            gs = [ok for l_, ok in g_found if keep(l_)]
            ps = [ok for l_, ok in p_right if keep(l_)]
            rows.append(_row("sentence", aspect, lang, sum(gs), len(gs), sum(ps), len(ps)))
            revs = [r for r in ids if keep(langs[r])]
            rg = {r for r in revs if r in g_reviews}
            rp = {r for r in revs if r in p_reviews}
            rows.append(_row("review", aspect, lang, len(rg & rp), len(rg), len(rg & rp), len(rp)))
    table = pd.DataFrame(rows, columns=METRIC_COLUMNS)
    table = table[(table["n_gold"] > 0) | (table["n_pred"] > 0)]
    return table.sort_values(["level", "aspect", "language"], kind="stable").reset_index(drop=True)


def coder_agreement(folder: str | Path, second: str = "second_coder.jsonl") -> pd.DataFrame:
    """How far a second coder agrees with a labelled review set's gold (`reviews.jsonl` + `gold.jsonl` in
    `folder`): the second coder's sentences (`second`, the gold format) scored as if they were statements, so the
    table reads as the toolkit's does (`score`): precision and recall of the second coder against the first.

    It bounds what a coder can be asked to reach on the same text (docs/evaluation.md).
    """
    folder = Path(folder)
    reviews = written_reviews(folder / "reviews.jsonl")
    other = _spans(reviews, load_gold(folder / second))
    return score(reviews, other, load_gold(folder / "gold.jsonl"))


def _row(level: str, aspect: str, lang: str, tp_gold: int, n_gold: int, tp_pred: int, n_pred: int) -> dict:
    precision, recall, f1 = _prf(tp_gold, n_gold, tp_pred, n_pred)
    return {
        "level": level,
        "aspect": aspect,
        "language": lang,
        "tp": tp_gold,
        "fp": n_pred - tp_pred,
        "fn": n_gold - tp_gold,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "n_gold": n_gold,
        "n_pred": n_pred,
    }


def figure_accuracy(reviews: pd.DataFrame, figures: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """One row per gold budget figure: found? with the right amount, currency and subject?

    A predicted figure matches when it lies inside the gold sentence and its amount equals the gold amount
    (relative tolerance 1e-6), its currency and its subject are the same.
    """
    gold = _spans(reviews, gold[gold["aspect"] == "budget"])
    rows = []
    for rec in gold.to_dict("records"):
        inside = (
            figures[
                (figures["review_id"] == rec["review_id"])
                & (figures["start"] >= rec["start"])
                & (figures["end"] <= rec["end"])
            ]
            if len(figures)
            else figures
        )
        for want in rec["figures"]:
            same_amount = (
                inside[[math.isclose(float(a), float(want["amount"]), rel_tol=1e-6) for a in inside["amount"]]]
                if len(inside)
                else inside
            )
            exact = (
                same_amount[(same_amount["currency"] == want["currency"]) & (same_amount["subject"] == want["subject"])]
                if len(same_amount)
                else same_amount
            )
            got = same_amount.iloc[0] if len(same_amount) else None
            rows.append(
                {
                    "review_id": rec["review_id"],
                    "source": rec["source"],
                    "split": rec["split"],
                    "amount": want["amount"],
                    "currency": want["currency"],
                    "subject": want["subject"],
                    "found_amount": got is not None,
                    "found_currency": None if got is None else got["currency"],
                    "found_subject": None if got is None else got["subject"],
                    "exact": len(exact) > 0,
                    "sentence": rec["sentence"],
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "review_id",
            "source",
            "split",
            "amount",
            "currency",
            "subject",
            "found_amount",
            "found_currency",
            "found_subject",
            "exact",
            "sentence",
        ],
    )


def label_agreement(reviews: pd.DataFrame, statements: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """How often a found gold sentence gets the gold labels: accuracy stance, incident set, frame set.

    One row per label with `n` (found gold sentences of that aspect) and `agreement` (share exactly equal).
    """
    gold = _spans(reviews, gold)
    rows = []
    for label, aspect in (("stance", "accuracy"), ("incidents", "accuracy"), ("frames", "geopolitics")):
        g = gold[gold["aspect"] == aspect]
        p = statements[statements["aspect"] == aspect]
        same = []
        for rec in g.to_dict("records"):
            hits = p[(p["review_id"] == rec["review_id"]) & (p["start"] < rec["end"]) & (rec["start"] < p["end"])]
            if len(hits):
                got = hits.iloc[0][label]
                want = rec[label]
                same.append(got == want if label == "stance" else sorted(got) == sorted(want))
        rows.append(
            {
                "label": label,
                "aspect": aspect,
                "n": len(same),
                "agreement": round(sum(same) / len(same), 4) if same else float("nan"),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Evaluation:
    """Metrics of one evaluated set: `metrics` (score), `figures` (figure_accuracy), `statements`,
    `labels` (label_agreement)."""

    name: str
    metrics: pd.DataFrame
    figures: pd.DataFrame
    statements: pd.DataFrame
    labels: pd.DataFrame

    def f1(self, aspect: str, *, level: str = "sentence", language: str = "all") -> float:
        m = self.metrics
        row = m[(m["level"] == level) & (m["aspect"] == aspect) & (m["language"] == language)]
        return float(row["f1"].iloc[0]) if len(row) else float("nan")

    @property
    def figure_exact(self) -> float:
        return float(self.figures["exact"].mean()) if len(self.figures) else float("nan")


def evaluate(
    *,
    gold_path: str | Path = GOLD,
    reviews_path: str | Path = REVIEWS,
    coder: str = "accurate",
    extra: bool = False,
    each_film: bool = False,
) -> dict[str, Evaluation]:
    """Evaluate the shipped corpus and the written reviews; keys: corpus, written_dev, written_heldout, dev.

    ``dev`` is the development set the floors apply to: the corpus plus the written dev reviews. With `extra`,
    also the blind test (``blind``) and each example film's set (``example:<slug>``, coded with its profile);
    with `each_film` too, the blind test coded per film with its title and year (`evaluate_folder`).
    """
    from toolkit.corpus import load_corpus

    gold = load_gold(gold_path)
    corpus = load_corpus()
    written = written_reviews(reviews_path)
    c_reviews, c_statements, c_figures = predict(corpus.assign(language=None), coder=coder)
    w_reviews, w_statements, w_figures = predict(written[["review_id", "text", "language"]], coder=coder)
    w_reviews = w_reviews.merge(written[["review_id", "split"]], on="review_id")
    out: dict[str, Evaluation] = {}
    sets = {
        "corpus": (c_reviews, c_statements, c_figures, gold[gold["source"] == "corpus"]),
        "written_dev": (
            w_reviews[w_reviews["split"] == "dev"],
            w_statements,
            w_figures,
            gold[(gold["source"] == "written") & (gold["split"] == "dev")],
        ),
        "written_heldout": (
            w_reviews[w_reviews["split"] == "heldout"],
            w_statements,
            w_figures,
            gold[(gold["source"] == "written") & (gold["split"] == "heldout")],
        ),
    }
    dev_reviews = pd.concat(
        [c_reviews[["review_id", "text", "language"]], sets["written_dev"][0][["review_id", "text", "language"]]],
        ignore_index=True,
    )
    sets["dev"] = (
        dev_reviews,
        pd.concat([c_statements, w_statements], ignore_index=True),
        pd.concat([c_figures, w_figures], ignore_index=True),
        pd.concat([sets["corpus"][3], sets["written_dev"][3]], ignore_index=True),
    )
    for name, (revs, stmts, figs, g) in sets.items():
        stmts = stmts[stmts["review_id"].isin(set(revs["review_id"]))]
        out[name] = Evaluation(
            name, score(revs, stmts, g), figure_accuracy(revs, figs, g), stmts, label_agreement(revs, stmts, g)
        )
    if extra:
        for name, folder in extra_sets().items():
            out[name] = evaluate_folder(folder, coder=coder, film=_example_profile(name), name=name)
            if each_film and name.startswith("blind"):
                out[f"{name}, each film"] = evaluate_folder(
                    folder, coder=coder, name=f"{name}, each film", each_film=True
                )
    return out


def load_floors(path: str | Path = FLOORS) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def check_floors(results: dict[str, Evaluation], floors: dict[str, Any]) -> list[str]:
    """Messages for every floor the results fall below (empty when all hold)."""
    problems = []
    for set_name, spec in (floors.get("sets") or {}).items():
        ev = results[set_name]
        for aspect, floor in (spec.get("sentence_f1") or {}).items():
            got = ev.f1(aspect)
            if not got >= floor:
                problems.append(f"{set_name}: sentence-level F1 of {aspect} is {got:.3f} < floor {floor}")
        for aspect, floor in (spec.get("review_f1") or {}).items():
            got = ev.f1(aspect, level="review")
            if not got >= floor:
                problems.append(f"{set_name}: review-level F1 of {aspect} is {got:.3f} < floor {floor}")
        for label, floor in (spec.get("label_agreement") or {}).items():
            row = ev.labels[ev.labels["label"] == label]
            got = float(row["agreement"].iloc[0]) if len(row) else float("nan")
            if not got >= floor:
                problems.append(f"{set_name}: {label} agreement is {got:.3f} < floor {floor}")
        if "figure_exact" in spec and not ev.figure_exact >= spec["figure_exact"]:
            problems.append(
                f"{set_name}: budget-figure exact match {ev.figure_exact:.3f} < floor {spec['figure_exact']}"
            )
    return problems


def extra_sets(root: str | Path = _CORPUS) -> dict[str, Path]:
    """The labelled sets kept beside the corpus: the blind test first, then each example film's set."""
    root = Path(root)
    sets = {folder.name: folder for folder in sorted(root.glob("blind*/")) if (folder / "gold.jsonl").exists()}
    for folder in sorted((root / "examples").glob("*/")):
        if (folder / "gold.jsonl").exists():
            sets[f"example:{folder.name}"] = folder
    return sets


def _example_profile(name: str) -> Any:
    """The film profile an example set belongs to (``corpus/profiles/<slug>.yaml``), when there is one."""
    if not name.startswith("example:"):
        return None
    path = _CORPUS / "profiles" / f"{name.split(':', 1)[1]}.yaml"
    if not path.exists():
        return None
    from toolkit.profiles import load_profile

    return load_profile(path)


def summary(results: dict[str, Evaluation]) -> pd.DataFrame:
    """Sentence-level P/R/F1 per set × aspect × language, the blind test first."""
    names = sorted(results, key=lambda n: (not n.startswith("blind"), not n.startswith("example:"), n))
    frames = []
    for name in names:
        m = results[name].metrics
        frames.append(m[m["level"] == "sentence"].drop(columns="level").assign(set=name))
    table = pd.concat(frames, ignore_index=True)
    return table[["set", *[c for c in table.columns if c != "set"]]]


def _report(results: dict[str, Evaluation], out: Any) -> None:
    extra = sorted((n for n in results if n.startswith(("blind", "example:"))), key=lambda n: (n[0] != "b", n))
    for name in [*extra, "dev", "corpus", "written_dev", "written_heldout"]:
        ev = results[name]
        print(f"\n== {name} ==", file=out)
        m = ev.metrics
        for level in ("sentence", "review"):
            table = m[m["level"] == level].drop(columns="level")
            print(f"-- {level} level --", file=out)
            print(table.to_string(index=False), file=out)
        print("-- labels of found gold sentences (exact agreement) --", file=out)
        print(ev.labels.to_string(index=False), file=out)
        if len(ev.figures):
            print(
                f"-- budget figures: {int(ev.figures['exact'].sum())}/{len(ev.figures)} exact "
                f"(amount, currency, subject) --",
                file=out,
            )
            print(ev.figures.drop(columns=["sentence", "source"]).to_string(index=False), file=out)


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation; exit 1 when a floor in floors_aspects.yaml is not met."""
    parser = argparse.ArgumentParser(prog="python -m toolkit.evaluation.aspects", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--reviews", default=str(REVIEWS))
    parser.add_argument("--floors", default=str(FLOORS))
    parser.add_argument("--coder", choices=["accurate", "fast", "rules"], default="accurate")
    parser.add_argument("--no-extra", action="store_true", help="skip the blind test and the example films")
    parser.add_argument(
        "--each-film",
        action="store_true",
        help="also score the blind test with each film's title and year, as a user who gives --year would",
    )
    args = parser.parse_args(argv)
    results = evaluate(
        gold_path=args.gold,
        reviews_path=args.reviews,
        coder=args.coder,
        extra=not args.no_extra,
        each_film=args.each_film,
    )
    _report(results, sys.stdout)
    problems = check_floors(results, load_floors(args.floors))
    for problem in problems:
        print(f"BELOW FLOOR: {problem}", file=sys.stdout)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
