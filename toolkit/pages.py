"""HTML pages: every page the toolkit writes is rendered from a Jinja2 template in toolkit/templates/ with
autoescaping on, so text that comes from reviews (titles, outlets, statements) always renders as text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one template environment: package templates, autoescaping, undefined names are errors.

    `tojson` (for chart specs inside <script>) sorts keys and escapes <, >, & and ' as \\u sequences, so
    a spec can neither close its script tag nor change between runs.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("toolkit", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def render(template: str, /, **values: Any) -> str:
    """Render toolkit/templates/`template` with `values` (escaped unless a template says otherwise).

    >>> render("alignment.html.j2", title="<b>A & B</b>", n_reviews=0, n_claims=0, claims=None,
    ...        by_review={"columns": [], "rows": []}, statements=None).split("<h1>")[1].split("</h1>")[0]
    '&lt;b&gt;A &amp; B&lt;/b&gt;'
    """
    return environment().get_template(template).render(**values)
