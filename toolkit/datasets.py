"""The data that ships with the toolkit, found wherever the package is installed.

The repository keeps its corpus in the top-level `corpus/` folder; the wheel carries the same folder as the
package `toolkit._corpus` (see `[tool.setuptools.package-dir]` in pyproject.toml). Everything here goes
through `importlib.resources`, so the same calls work in an editable checkout, from an installed wheel and
from any working folder.

>>> salyut7_manifest().name
'manifest.yaml'
>>> sorted(p.name for p in profiles())[:1]
['das-boot.yaml']
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

__all__ = [
    "corpus_dir",
    "salyut7",
    "salyut7_manifest",
    "profiles",
    "profile_path",
    "gold_dir",
    "training_dir",
    "example",
]


@lru_cache(maxsize=1)
def corpus_dir() -> Path:
    """The shipped corpus folder (manifest, raw dump, gold sets, profiles, training data, examples)."""
    root = resources.files("toolkit._corpus")
    # Wheels install as plain folders, so the resource root is a real path; a zipped install is not
    # supported because the readers need file paths (raw dump offsets, manifests that name sibling files).
    path = Path(str(root))
    if not (path / "manifest.yaml").is_file():
        raise FileNotFoundError(
            f"the shipped corpus is missing from the installation: {path}/manifest.yaml "
            "(reinstall film-reception-toolkit from a wheel or a checkout)"
        )
    return path


def salyut7_manifest() -> Path:
    """The manifest of the shipped Salyut-7 corpus."""
    return corpus_dir() / "manifest.yaml"


def salyut7() -> pd.DataFrame:
    """The shipped Salyut-7 corpus as the reviews table (`toolkit.load_corpus()` on the shipped manifest)."""
    from toolkit.corpus import load_corpus

    return load_corpus(salyut7_manifest())


def profiles() -> list[Path]:
    """The film profiles that ship as worked examples."""
    return sorted((corpus_dir() / "profiles").glob("*.yaml"))


def profile_path(slug: str) -> Path:
    """The shipped profile of a film by its slug (`salyut-7`, `das-boot`, ...)."""
    path = corpus_dir() / "profiles" / f"{slug}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in profiles())
        raise FileNotFoundError(f"no shipped profile {slug!r}; shipped profiles: {known}")
    return path


def gold_dir() -> Path:
    """The labelled development sets and their pinned floors (`corpus/gold/`)."""
    return corpus_dir() / "gold"


def training_dir() -> Path:
    """The coder's labelled training sentences (`corpus/training/`)."""
    return corpus_dir() / "training"


def example(slug: str) -> Path:
    """The folder of a shipped example film (`reviews.jsonl` and `gold.jsonl`)."""
    path = corpus_dir() / "examples" / slug
    if not path.is_dir():
        known = ", ".join(sorted(p.name for p in (corpus_dir() / "examples").iterdir() if p.is_dir()))
        raise FileNotFoundError(f"no shipped example {slug!r}; shipped examples: {known}")
    return path
