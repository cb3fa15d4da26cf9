"""The shipped data files read the same through libyaml's C loader as through the pure-Python one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toolkit.datafiles import load_yaml, read_text

DATA = Path(__file__).resolve().parent.parent / "toolkit" / "data"
FILES = sorted(DATA.rglob("*.yaml"))


def test_there_are_data_files() -> None:
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_same_values_as_the_pure_python_loaders(path: Path) -> None:
    text = read_text(path.relative_to(DATA).as_posix())
    assert load_yaml(text) == yaml.load(text, Loader=yaml.SafeLoader)
    assert load_yaml(text, strings=True) == yaml.load(text, Loader=yaml.BaseLoader)


def test_strings_keep_yaml_11_booleans_as_words() -> None:
    assert load_yaml("no: [on, off, yes]", strings=True) == {"no": ["on", "off", "yes"]}
    assert load_yaml("no: [on, off, yes]") == {False: [True, False, True]}
