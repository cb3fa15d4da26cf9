"""Notebook display: charts rendered offline. Altair's default notebook renderer loads Vega from a CDN, which a
machine with no network (or a reader of a saved notebook) cannot reach; SVG rendered by vl-convert needs none.
The interactive versions with tooltips are the HTML pages `toolkit figures` writes, which load the one copy of
Vega beside them (figures/vendor/vega-bundle.js) and so open offline too."""

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
