"""Progress bars: on a terminal (text on stderr) or in a notebook (a widget), never in a log, a pipe or CI.

Every bar of the toolkit goes through `bar`, so the rule lives in one place: `progress=None` means "decide
for me" (`wanted`), True or False is the caller's (the command line's ``--progress`` / ``--no-progress``).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable
from typing import Any

__all__ = ["wanted", "bar"]


def wanted(progress: bool | None = None) -> bool:
    """`progress` when given; otherwise True only when stderr is a terminal or the code runs in a Jupyter
    kernel that can draw widgets (ipywidgets installed, as the ``notebooks`` extra does).

    >>> wanted(True), wanted(False)
    (True, False)
    """
    if progress is not None:
        return bool(progress)
    return _terminal() or _notebook()


def bar(iterable: Iterable[Any] | None = None, *, enabled: bool | None = None, **options: Any):
    """A tqdm bar (``tqdm.auto``: a widget in a notebook) when `wanted(enabled)`, else a silent one.

    The silent bar is plain ``tqdm.std`` with ``disable=True``: importing ``tqdm.auto`` in a kernel without
    ipywidgets is what prints "TqdmWarning: IProgress not found", so it is imported only to draw.

    >>> list(bar(range(3), enabled=False, desc="quiet"))
    [0, 1, 2]
    """
    show = wanted(enabled)
    if show:
        from tqdm.auto import tqdm
    else:
        from tqdm.std import tqdm
    options.setdefault("file", sys.stderr)
    return tqdm(iterable, disable=not show, **options)


def _terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


def _notebook() -> bool:
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        shell = ipython.get_ipython()
    except Exception:  # noqa: BLE001 - any failure means "not a kernel we can draw in"
        return False
    if shell is None or "IPKernelApp" not in getattr(shell, "config", {}):
        return False
    return importlib.util.find_spec("ipywidgets") is not None
