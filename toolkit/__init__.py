"""Comparative film criticism toolkit: reviews in many languages → languages and sentences → statements on
budget, historical accuracy and geopolitics → alignment across reviews → reception by place.

The dozen verbs a researcher needs are importable from here; each lives in its stage module
(`toolkit.corpus`, `toolkit.language`, `toolkit.aspects`, `toolkit.money`, `toolkit.reception`, ...).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# verb → module. Imported on first use, so `import toolkit` stays fast and `toolkit --version` starts at once.
_VERBS = {
    "load": "toolkit.pipeline",
    "load_corpus": "toolkit.corpus",
    "read_reviews": "toolkit.readers",
    "normalize_rating": "toolkit.ratings",
    "detect_language": "toolkit.language",
    "annotate": "toolkit.language",
    "extract_statements": "toolkit.aspects",
    "parse_money": "toolkit.money",
    "budget_figures": "toolkit.money",
    "analyse": "toolkit.pipeline",
    "film_for": "toolkit.pipeline",
    "load_profile": "toolkit.profiles",
    "show_charts_offline": "toolkit.display",
}
__all__ = sorted([*_VERBS, "align", "datasets"]) + ["__version__"]

# `toolkit.align(...)` is the verb; binding it here, after its module is imported, keeps the name pointing at
# the function (Python only sets a package attribute to a submodule the first time the submodule is loaded).
from toolkit.align import align  # noqa: E402, F401


def __getattr__(name: str) -> Any:
    if name == "datasets":  # `tk.datasets.salyut7()`: the shipped data, found wherever the package is installed
        return import_module("toolkit.datasets")
    if name in _VERBS:
        return getattr(import_module(_VERBS[name]), name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
