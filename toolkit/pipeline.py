"""The whole analysis as one call: reviews → languages and sentences → statements → budget figures.

Each step is a stage of its own module; this module only chains them, so a notebook can run the chain in one
line or stage by stage.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import yaml

from toolkit.corpus import DEFAULT_MANIFEST
from toolkit.profiles import Profile, load_profile

# The film the reviews are about is its profile (toolkit.profiles): title, year and titles, and whatever else
# the profile knows. `Film(title, year, titles)` still builds one.
Film = Profile


@dataclass(frozen=True)
class Analysis:
    """Every table of one run of the pipeline."""

    reviews: pd.DataFrame
    sentences: pd.DataFrame
    statements: pd.DataFrame
    budget_figures: pd.DataFrame
    film: Film


def film_of(manifest: str | Path | None = None) -> Film:
    """The film of a corpus manifest (default: the shipped Salyut-7 corpus): the profile its `film:` block
    names (`profile:`, a path relative to the manifest), with the block's `title`, `year` and `titles` when
    it gives them.

    >>> film = film_of()
    >>> film.year, [i.id for i in film.incidents][:3]
    (2017, ['challenger', 'fire', 'gloves'])
    """
    path = Path(manifest) if manifest is not None else DEFAULT_MANIFEST
    block = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("film") or {}
    titles = tuple(block.get("titles") or ())
    if block.get("profile"):
        profile = load_profile(path.parent / str(block["profile"]))
        return replace(
            profile,
            title=block.get("title") or profile.title,
            year=block.get("year") or profile.year,
            titles=tuple(dict.fromkeys((*titles, *profile.titles))),
        )
    return Film(
        title=block.get("title") or (titles[0] if titles else "the film"), year=block.get("year"), titles=titles
    )


def analyse(
    reviews: pd.DataFrame,
    *,
    film: Film | None = None,
    backend: str | None = None,
    coder: str = "accurate",
    progress: bool | None = None,
) -> Analysis:
    """Run language identification, sentence splitting, aspect coding and budget parsing on `reviews`.

    Needs `review_id` and `text`; other review columns are carried through. `film` is the film's profile
    (`toolkit.load_profile(path)`, or `Film(title, year)`): its names are masked before language detection,
    its incidents, events and frames add cues to the codebook, `film.year` prices budget figures in US
    dollars of that year (None leaves `usd` empty) and its comparison films are comparators. Without one,
    the reviews are coded as about a generic film. `backend` picks the language detector; `coder` the
    statements' coder tier (``accurate``, ``fast`` or ``rules``, see `toolkit.coder`). A bar shows the stages
    when `progress`, or with None on a terminal or in a notebook (`toolkit.progress.wanted`).
    """
    from toolkit import aspects, language, money
    from toolkit.schema import BUDGET_FIGURES, LANGUAGES, SENTENCES, STATEMENTS

    film = film or Film(title="the film", year=None)
    steps = ["languages and sentences", "statements", "budget figures"]
    bar = _progress(steps, enabled=progress)
    reviews, sentences = language.annotate(reviews, backend=backend, profile=film)
    # Each stage's output is checked against its table's contract (toolkit.schema) where it is handed on:
    # whole-column checks, a few milliseconds against the seconds the stages take.
    LANGUAGES.validate(reviews[LANGUAGES.names], where="language.annotate")
    SENTENCES.validate(sentences, where="language.annotate")
    bar.update()
    statements = STATEMENTS.validate(
        aspects.extract_statements(reviews, sentences, profile=film, coder=coder), where="aspects.extract_statements"
    )
    bar.update()
    figures = BUDGET_FIGURES.validate(
        money.budget_figures(
            statements,
            year=film.year,
            film_titles=film.titles,
            comparators=film.comparison_titles,
            reviews=reviews[["review_id", "text"]],
        ),
        where="money.budget_figures",
    )
    bar.update()
    bar.close()
    return Analysis(reviews=reviews, sentences=sentences, statements=statements, budget_figures=figures, film=film)


def analyse_corpus(
    manifest: str | Path | None = None, *, progress: bool | None = None, profile: Film | None = None
) -> Analysis:
    """Load a curated corpus and analyse it (the shipped Salyut-7 corpus by default) with the profile its
    manifest names, or `profile`."""
    from toolkit.corpus import load_corpus

    return analyse(load_corpus(manifest), film=profile or film_of(manifest), progress=progress)


def _progress(steps: list[str], *, enabled: bool | None):
    from toolkit.progress import bar

    return bar(total=len(steps), desc="analysis", unit="stage", enabled=enabled, leave=False)


def load(path: str | Path | None = None) -> pd.DataFrame:
    """Reviews from a corpus manifest (.yaml), a reviews file (.jsonl, .csv), a folder of .txt/.md/.html files,
    or — with no path — the shipped Salyut-7 corpus. The notebooks' single entry point for data."""
    from toolkit.corpus import load_corpus
    from toolkit.readers import read_reviews

    if path is None or Path(path).suffix.lower() in {".yaml", ".yml"}:
        return load_corpus(path)
    return read_reviews(path)


def film_for(
    path: str | Path | None = None,
    *,
    year: int | None = None,
    title: str | None = None,
    profile: str | Path | None = None,
) -> Film:
    """The film a data source is about: a `profile` file when given, else the manifest's `film:` block (and
    the profile it names), else the arguments; `year` and `title` override what the profile says."""
    if profile is not None:
        film = load_profile(profile)
    elif path is None or Path(path).suffix.lower() in {".yaml", ".yml"}:
        film = film_of(path)
    else:
        return Film(title=title or "the film", year=year, titles=(title,) if title else ())
    return replace(film, title=title or film.title, year=year or film.year)
