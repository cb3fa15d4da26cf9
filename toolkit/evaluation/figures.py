"""Budget figures read from labelled budget sentences: amount, currency and subject, with no coder in the way.

Each folder of whole labelled reviews (``reviews.jsonl`` + ``gold.jsonl``, the blind test's format) gives its gold
budget sentences to `toolkit.money.budget_figures` as budget statements, in the review's declared language, with no
year and no profile (as a user without one would run it), and every gold figure is matched as the aspects evaluation
matches it (`toolkit.evaluation.aspects.figure_accuracy`: amount, currency and subject). The default folders are the
retired blind batches (``corpus/training/reviews/blind*/``), the development set of the budget-figure rules; the
blind test itself (``corpus/blind/``) is scored by ``toolkit evaluate aspects``, through the coder, as a user sees it.
On those default folders the exact shares, in all and by subject, are held to the floors of
``corpus/gold/floors_figures.yaml`` (exit status 1 below one), pinned to the number of folders and figures they were
measured on: a batch that retires into the set asks for the floors to be measured and pinned again.

A folder may also hold ``figures_second.jsonl``: the same budget sentences labelled by a second annotator who saw only
the codebook (one line per gold budget sentence: ``review_id``, ``sentence``, ``figures``). `second_annotator` scores
those labels against the gold with the same rule, so that the toolkit's figure can be read beside how far two people
agree (``--second``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pandas as pd
import yaml

from toolkit import datasets
from toolkit.evaluation.aspects import _spans, figure_accuracy, load_gold, written_reviews
from toolkit.tables import TableError

__all__ = ["retired_folders", "score_folder", "score", "second_annotator", "load_floors", "check_floors", "main"]

# The floors of the retired batches' figures, pinned to the set they were measured on.
FLOORS = datasets.corpus_dir() / "gold" / "floors_figures.yaml"

COLUMNS = [
    "folder",
    "review_id",
    "language",
    "amount",
    "currency",
    "subject",
    "found_currency",
    "found_subject",
    "exact",
]


def retired_folders(root: str | Path | None = None) -> list[Path]:
    """The retired blind batches, in batch order: ``blind1``, ``blind2``, ..."""
    root = Path(root) if root is not None else datasets.corpus_dir() / "training" / "reviews"
    found = [p for p in root.glob("blind*") if (p / "gold.jsonl").is_file() and re.fullmatch(r"blind\d+", p.name)]
    return sorted(found, key=lambda p: int(p.name[len("blind") :]))


def score_folder(folder: str | Path) -> pd.DataFrame:
    """One row per gold budget figure of `folder` (COLUMNS and the sentence): found exactly or not."""
    from toolkit import money

    folder = Path(folder)
    missing = [name for name in ("reviews.jsonl", "gold.jsonl") if not (folder / name).is_file()]
    if missing:
        raise TableError(f"{folder}: no {' and no '.join(missing)} (a labelled set in the blind test's format)")
    reviews = written_reviews(folder / "reviews.jsonl")
    gold = load_gold(folder / "gold.jsonl")
    budget = _spans(reviews, gold[gold["aspect"] == "budget"]).reset_index(drop=True)
    languages = dict(zip(reviews["review_id"], reviews["language"]))
    statements = pd.DataFrame(
        {
            "review_id": budget["review_id"],
            "sentence_id": range(len(budget)),
            "aspect": "budget",
            "text": budget["sentence"],
            "start": budget["start"],
            "language": [languages[r] for r in budget["review_id"]],
        }
    )
    figures = money.budget_figures(statements, year=None, reviews=reviews[["review_id", "text"]])
    return _scored(folder, reviews, figures, gold)


def _scored(folder: Path, reviews: pd.DataFrame, figures: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """`figure_accuracy` of `figures` against `gold`, with the folder and each review's language (COLUMNS)."""
    languages = dict(zip(reviews["review_id"], reviews["language"]))
    scored = figure_accuracy(reviews, figures, gold)
    return scored.assign(folder=folder.name, language=[languages[r] for r in scored["review_id"]])[
        COLUMNS + ["sentence"]
    ]


def second_annotator(folder: str | Path) -> pd.DataFrame:
    """One row per gold budget figure of `folder` (COLUMNS and the sentence): did the second annotator's labels
    (``figures_second.jsonl``) give it exactly? Each labelled figure stands for its whole sentence."""
    folder = Path(folder)
    path = folder / "figures_second.jsonl"
    if not path.is_file():
        raise TableError(f"{folder}: no figures_second.jsonl (a second annotator's labels of its budget sentences)")
    reviews = written_reviews(folder / "reviews.jsonl")
    gold = load_gold(folder / "gold.jsonl")
    texts = dict(zip(reviews["review_id"], reviews["text"]))
    columns = ["review_id", "start", "end", "amount", "currency", "subject"]
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            record = json.loads(line)
            review_id, sentence, figures = record["review_id"], record["sentence"], record["figures"]
            found = [(float(f["amount"]), f["currency"], f["subject"]) for f in figures]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise TableError(
                f"{path} line {number}: not a labelled sentence ({type(error).__name__}: {error})"
            ) from None
        start = texts.get(review_id, "").find(sentence)
        if start < 0:
            raise TableError(f"{path} line {number}: sentence not found in review {review_id!r}")
        rows += [(review_id, start, start + len(sentence), *f) for f in found]
    return _scored(folder, reviews, pd.DataFrame(rows, columns=columns), gold)


def load_floors(path: str | Path = FLOORS) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def check_floors(table: pd.DataFrame, folders: int, floors: dict) -> list[str]:
    """Messages for every floor `table` (`score` of `folders` folders) falls below, empty when all hold; and one
    when the set is not the one the floors were pinned on (a batch retired since: re-measure and re-pin)."""
    if (folders, len(table)) != (floors["folders"], floors["figures"]):
        return [
            f"the floors were pinned on {floors['folders']} folders with {floors['figures']} figures, not "
            f"{folders} with {len(table)}: re-measure and re-pin {FLOORS.name}"
        ]
    exact = table["exact"].astype(bool)
    shares = {"all": float(exact.mean())} | {
        subject: float(exact[table["subject"] == subject].mean()) for subject in floors["by_subject"]
    }
    wanted = {"all": floors["exact"]} | floors["by_subject"]
    return [
        f"budget figures exact ({name}): {shares[name]:.4f} < floor {floor}"
        for name, floor in wanted.items()
        if not shares[name] >= floor
    ]


def score(folders: list[Path]) -> pd.DataFrame:
    """`score_folder` of every folder, one table."""
    tables = [score_folder(f) for f in folders]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=COLUMNS + ["sentence"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="toolkit evaluate figures", description=__doc__.splitlines()[0])
    parser.add_argument(
        "folders", nargs="*", help="folders of reviews.jsonl + gold.jsonl (default: the retired batches)"
    )
    parser.add_argument("--output", help="write every gold figure and its outcome to this TSV file")
    parser.add_argument("--misses", action="store_true", help="print the figures not found exactly")
    parser.add_argument(
        "--second",
        action="store_true",
        help="score the second annotator's labels (figures_second.jsonl) instead of the toolkit; default folders: "
        "the retired batches that have them",
    )
    args = parser.parse_args(argv)
    folders = [Path(f) for f in args.folders] or [
        f for f in retired_folders() if not args.second or (f / "figures_second.jsonl").is_file()
    ]
    if args.second and not folders:
        print("toolkit evaluate figures: no folder with figures_second.jsonl", file=sys.stderr)
        return 2
    try:
        table = pd.concat([second_annotator(f) for f in folders], ignore_index=True) if args.second else score(folders)
    except TableError as error:
        print(f"toolkit evaluate figures: {error}", file=sys.stderr)
        return 2
    if args.output:
        table.to_csv(args.output, sep="\t", index=False)
    exact = table["exact"].astype(bool)
    who = "the second annotator" if args.second else "no year, no profile"
    print(f"budget figures exact: {int(exact.sum())} / {len(table)} ({len(folders)} folders, {who})")
    by_subject = table.assign(exact=exact).groupby("subject")["exact"].agg(["sum", "count"])
    print(by_subject.rename(columns={"sum": "exact", "count": "figures"}).to_string())
    if args.misses:
        print(table[~exact].to_string(index=False))
    if args.folders or args.second:
        return 0
    problems = check_floors(table, len(folders), load_floors())
    for problem in problems:
        print(f"toolkit evaluate figures: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
