"""Notebook display: charts rendered offline. Altair's default notebook renderer loads Vega from a CDN, which a
machine with no network (or a reader of a saved notebook) cannot reach; SVG rendered by vl-convert needs none.
The interactive versions with tooltips are the self-contained HTML files that `toolkit figures` writes."""
from __future__ import annotations

import altair as alt


def show_charts_offline(*, renderer: str = "svg") -> str:
    """Make Altair charts display as static SVG (or "png") rendered locally; returns the renderer's name.

    >>> show_charts_offline()
    'svg'
    """
    if renderer not in {"svg", "png"}:
        raise ValueError(f"renderer must be 'svg' or 'png' (both render offline), not {renderer!r}")
    alt.renderers.enable(renderer)
    return alt.renderers.active
