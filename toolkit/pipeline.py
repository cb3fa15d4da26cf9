"""The whole analysis as one call: reviews → languages and sentences → statements → budget figures.

Each step is a stage of its own module; this module only chains them, so a notebook can run the chain in one
line or stage by stage.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from toolkit.corpus import DEFAULT_MANIFEST


@dataclass(frozen=True)
class Film:
    """The film the reviews are about: its release year prices budget figures, its titles are not comparators."""

    title: str
    year: int | None
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Every table of one run of the pipeline."""

    reviews: pd.DataFrame
    sentences: pd.DataFrame
    statements: pd.DataFrame
    budget_figures: pd.DataFrame
    film: Film


def film_of(manifest: str | Path | None = None) -> Film:
    """The `film:` block of a corpus manifest (default: the shipped Salyut-7 corpus).

    >>> film_of().year
    2017
    """
    path = Path(manifest) if manifest is not None else DEFAULT_MANIFEST
    block = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("film") or {}
    titles = tuple(block.get("titles") or ())
    return Film(title=block.get("title") or (titles[0] if titles else "the film"),
                year=block.get("year"), titles=titles)


def analyse(reviews: pd.DataFrame, *, film: Film | None = None, backend: str | None = None,
            progress: bool = False) -> Analysis:
    """Run language identification, sentence splitting, aspect coding and budget parsing on `reviews`.

    Needs `review_id` and `text`; other review columns are carried through. `film.year` prices budget figures
    in US dollars of that year (None leaves `usd` empty); `backend` picks the language detector.
    """
    from toolkit import aspects, language, money

    film = film or Film(title="the film", year=None)
    steps = ["languages and sentences", "statements", "budget figures"]
    bar = _progress(steps, enabled=progress)
    reviews, sentences = language.annotate(reviews, backend=backend)
    bar.update()
    statements = aspects.extract_statements(reviews, sentences)
    bar.update()
    figures = money.budget_figures(statements, year=film.year, film_titles=film.titles)
    bar.update()
    bar.close()
    return Analysis(reviews=reviews, sentences=sentences, statements=statements, budget_figures=figures, film=film)


def analyse_corpus(manifest: str | Path | None = None, *, progress: bool = False) -> Analysis:
    """Load a curated corpus and analyse it (the shipped Salyut-7 corpus by default)."""
    from toolkit.corpus import load_corpus

    return analyse(load_corpus(manifest), film=film_of(manifest), progress=progress)


def _progress(steps: list[str], *, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=len(steps), desc="analysis", unit="stage", disable=not enabled, leave=False)


def load(path: str | Path | None = None) -> pd.DataFrame:
    """Reviews from a corpus manifest (.yaml), a reviews file (.jsonl, .csv), a folder of .txt/.md/.html files,
    or — with no path — the shipped Salyut-7 corpus. The notebooks' single entry point for data."""
    from toolkit.corpus import load_corpus
    from toolkit.readers import read_reviews

    if path is None or Path(path).suffix.lower() in {".yaml", ".yml"}:
        return load_corpus(path)
    return read_reviews(path)


def film_for(path: str | Path | None = None, *, year: int | None = None, title: str | None = None) -> Film:
    """The film a data source is about: from the manifest's `film:` block, or from the arguments."""
    if path is None or Path(path).suffix.lower() in {".yaml", ".yml"}:
        film = film_of(path)
        return Film(title=title or film.title, year=year or film.year, titles=film.titles)
    return Film(title=title or "the film", year=year, titles=(title,) if title else ())
