"""The test session keeps compiled patterns (`toolkit.regex_compile`) in a folder of its own, not the user's cache;
the command-line tests' processes inherit it."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _pattern_store(tmp_path_factory):
    os.environ.setdefault("FILM_TOOLKIT_CACHE", str(tmp_path_factory.mktemp("toolkit-cache")))
    yield
