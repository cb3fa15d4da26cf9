"""Reading the toolkit's own data files (codebook, lexicons, language tables) from the package.

They are parsed with libyaml's C loader when PyYAML has it (about ten times faster, the same values for
every file shipped; checked in tests/test_datafiles.py), else with the pure-Python one. Input files written
by users (manifests, front matter) keep the pure-Python loader, whose error messages are the clearer.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

__all__ = ["load_yaml", "read_text"]

_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BASE = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def read_text(name: str) -> str:
    """The text of ``toolkit/data/<name>``."""
    return resources.files("toolkit").joinpath(f"data/{name}").read_text("utf-8")


def load_yaml(text: str, *, strings: bool = False) -> Any:
    """Parse YAML `text`. With `strings` every scalar stays a string: YAML 1.1 would read "no" (Norwegian)
    or "on" as booleans.

    >>> load_yaml("no: [on, 1]"), load_yaml("no: [on, 1]", strings=True)
    ({False: [True, 1]}, {'no': ['on', '1']})
    """
    return yaml.load(text, Loader=_BASE if strings else _SAFE)
