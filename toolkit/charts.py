"""Charts stage: Altair charts of the reception tables, in one registered house theme.

Each function takes an aggregated table from `toolkit.reception` and returns an Altair chart (a value:
nothing is rendered or written here; `toolkit.figures` saves). Every mark's tooltip shows `n`, the
`review_ids` behind it and, where the table has them, the statement's own words and their source.
Intervals are drawn only where the table has one: groups of fewer than three reviews show the point and n.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from toolkit.tables import require

THEME = "toolkit"
#: A font that ships with Debian and covers Latin, Cyrillic, Greek and Arabic, so SVG/PNG output is the
#: same on every machine with it installed (vl-convert otherwise falls back to whatever it finds).
FONT = "DejaVu Sans"
WIDTH = 560
#: Stable colours for the budget subjects and stances, so a category keeps its colour across charts.
SUBJECT_COLORS = {"film": "#1b6ca8", "comparator": "#e08a1e", "counterfactual": "#7f7f7f"}
STANCE_COLORS = {"faithful": "#2a9d8f", "mixed": "#e9c46a", "embellished": "#e76f51", "neutral": "#8d99ae"}


@alt.theme.register(THEME, enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return alt.theme.ThemeConfig(
        {
            "config": {
                "background": "white",
                "font": FONT,
                "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": 300},
                "title": {"font": FONT, "fontSize": 15, "anchor": "start", "subtitleColor": "#555"},
                "axis": {
                    "labelFont": FONT,
                    "titleFont": FONT,
                    "labelFontSize": 11,
                    "titleFontSize": 12,
                    "labelLimit": 260,
                    "gridColor": "#e6e6e6",
                },
                "legend": {"labelFont": FONT, "titleFont": FONT, "orient": "bottom"},
                "header": {"labelFont": FONT, "titleFont": FONT},
                "text": {"font": FONT, "fontSize": 11},
                "range": {
                    "category": [
                        "#1b6ca8",
                        "#e08a1e",
                        "#2a9d8f",
                        "#c44e52",
                        "#8172b2",
                        "#937860",
                        "#da8bc3",
                        "#7f7f7f",
                        "#ccb974",
                        "#64b5cd",
                    ]
                },
            }
        }
    )


def _title(text: str, subtitle: str | list[str]) -> alt.TitleParams:
    return alt.TitleParams(text, subtitle=subtitle)


def _has_ci(low: object, high: object) -> bool:
    return all(isinstance(v, (int, float)) and math.isfinite(v) for v in (low, high))


def _data(table: pd.DataFrame) -> pd.DataFrame:
    # Altair serializes the frame into the spec; a plain copy keeps the caller's frame untouched.
    return table.reset_index(drop=True).copy()


def _share_tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("group:N", title="group"),
        alt.Tooltip("category:N", title="category"),
        alt.Tooltip("count:Q", title="reviews"),
        alt.Tooltip("n:Q", title="n"),
        alt.Tooltip("share:Q", format=".0%", title="share"),
        alt.Tooltip("ci_low:Q", format=".0%", title="95% CI low"),
        alt.Tooltip("ci_high:Q", format=".0%", title="95% CI high"),
        alt.Tooltip("ci_method:N", title="interval"),
        alt.Tooltip("example:N", title="statement"),
        alt.Tooltip("example_source:N", title="source"),
        alt.Tooltip("review_ids:N", title="review ids"),
    ]


SHARE_COLUMNS = [
    "group",
    "category",
    "count",
    "n",
    "share",
    "ci_low",
    "ci_high",
    "ci_method",
    "review_ids",
    "example",
    "example_source",
]
#: Vega expression: the row has an interval (groups below `reception.MIN_N_INTERVAL` have none).
_HAS_CI = "isValid(datum.ci_low) && isFinite(datum.ci_low) && isValid(datum.ci_high) && isFinite(datum.ci_high)"
MEAN_CI_NOTE = "95% CI: bootstrap, BCa where stable, else percentile; none where n < 3"
SHARE_CI_NOTE = "95% Wilson interval; none where n < 3"


def rating_by_place(table: pd.DataFrame, *, title: str = "Ratings by place") -> alt.LayerChart:
    """Mean normalized rating (0..1) per group with its bootstrap 95% interval (none where n < 3) and n.

    Takes `reception.rating_by` output (`group`, `n`, `n_reviews`, `mean`, `ci_low`, `ci_high`,
    `ci_method`, `review_ids`); works for groups by place or by kind.
    """
    require(
        table,
        ["group", "n", "n_reviews", "mean", "ci_low", "ci_high", "ci_method", "review_ids"],
        stage="charts.rating_by_place",
    )
    return _means(
        table,
        title=title,
        domain=(0, 1),
        axis="mean rating (0–1) with 95% CI",
        subtitle=["Reviewers' own scores, normalized to 0–1; n = rated of all", MEAN_CI_NOTE],
        counted="rated reviews (n)",
    )


def sentiment_by_place(table: pd.DataFrame, *, title: str = "Sentiment of the reviews, by place") -> alt.LayerChart:
    """Mean sentiment (VADER compound, -1..1) per group with its bootstrap 95% interval (none where n < 3)
    and n, for the reviews whose language has a method; the others are counted, not scored.

    Takes `reception.sentiment_by` output.
    """
    require(
        table,
        ["group", "n", "n_reviews", "n_no_method", "methods", "mean", "ci_low", "ci_high", "ci_method", "review_ids"],
        stage="charts.sentiment_by_place",
    )
    methods = sorted({m for cell in table["methods"] for m in str(cell).split(";") if m})
    return _means(
        table,
        title=title,
        domain=(-1, 1),
        axis="mean sentiment (-1…1) with 95% CI",
        subtitle=[
            f"Method: {', '.join(methods) or 'none'} (English only; other languages have no "
            "method and are not scored); n = scored of all",
            MEAN_CI_NOTE,
        ],
        counted="scored reviews (n)",
        extra=[alt.Tooltip("n_no_method:Q", title="no method")],
    )


def _means(
    table: pd.DataFrame,
    *,
    title: str,
    domain: tuple[float, float],
    axis: str,
    subtitle: str | list[str],
    counted: str,
    extra: list[alt.Tooltip] | None = None,
) -> alt.LayerChart:
    data = _data(table)
    data["label"] = [
        f"n={n} of {total}" + ("" if _has_ci(low, high) or n == 0 else ", no CI")
        for n, total, low, high in zip(data["n"], data["n_reviews"], data["ci_low"], data["ci_high"])
    ]
    tooltip = [
        alt.Tooltip("group:N", title="group"),
        alt.Tooltip("n:Q", title=counted),
        alt.Tooltip("n_reviews:Q", title="reviews"),
        *(extra or []),
        alt.Tooltip("mean:Q", format=".2f"),
        alt.Tooltip("ci_low:Q", format=".2f", title="95% CI low"),
        alt.Tooltip("ci_high:Q", format=".2f", title="95% CI high"),
        alt.Tooltip("ci_method:N", title="interval"),
        alt.Tooltip("review_ids:N", title="review ids"),
    ]
    base = alt.Chart(data).encode(y=alt.Y("group:N", title=None, sort="ascending"))
    bars = (
        base.mark_rule(strokeWidth=2, color="#555")
        .encode(x=alt.X("ci_low:Q", scale=alt.Scale(domain=list(domain)), title=axis), x2="ci_high:Q", tooltip=tooltip)
        .transform_filter(_HAS_CI)
    )
    points = base.mark_point(filled=True, size=90, color="#1b6ca8").encode(
        x=alt.X("mean:Q", scale=alt.Scale(domain=list(domain)), title=axis), tooltip=tooltip
    )
    labels = base.mark_text(align="left", dx=6, color="#333").encode(x=alt.value(WIDTH + 4), text="label:N")
    return alt.layer(bars, points, labels).properties(width=WIDTH, title=_title(title, subtitle))


def share_heatmap(
    table: pd.DataFrame, *, title: str, subtitle: str = "", category_title: str = "category"
) -> alt.LayerChart:
    """Heatmap of shares (group × category) with the count/n written in each cell.

    Takes `reception.share_by` output. Used for aspect attention, frames and comparison films.
    """
    require(table, SHARE_COLUMNS, stage="charts.share_heatmap")
    data = _data(table)
    data["label"] = data.apply(lambda r: f"{r['count']}/{r['n']}", axis=1)
    base = alt.Chart(data).encode(
        x=alt.X("category:N", title=category_title, sort="ascending", axis=alt.Axis(labelAngle=-30)),
        y=alt.Y("group:N", title=None, sort="ascending"),
        tooltip=_share_tooltip(),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "share:Q",
            scale=alt.Scale(domain=[0, 1], scheme="blues"),
            title="share of reviews",
            legend=alt.Legend(format=".0%"),
        )
    )
    text = base.mark_text().encode(
        text="label:N", color=alt.condition(alt.datum.share > 0.55, alt.value("white"), alt.value("#222"))
    )
    return alt.layer(cells, text).properties(
        width=alt.Step(70),
        height=alt.Step(28),
        title=_title(
            title,
            [
                subtitle or "Cell: reviews with the category / reviews in the group (n)",
                f"Tooltip: the share's {SHARE_CI_NOTE}",
            ],
        ),
    )


def aspect_attention(table: pd.DataFrame, *, title: str = "What reviews write about, by place") -> alt.LayerChart:
    """Share of reviews per group addressing budget, accuracy and geopolitics (heatmap with counts)."""
    return share_heatmap(
        table,
        title=title,
        category_title="aspect",
        subtitle="Cell: reviews with ≥1 statement on the aspect / reviews in the group",
    )


def frames_by_place(table: pd.DataFrame, *, title: str = "Geopolitical frames, by place") -> alt.LayerChart:
    """Share of reviews per group invoking each geopolitics frame (heatmap with counts)."""
    return share_heatmap(
        table, title=title, category_title="frame", subtitle="Cell: reviews invoking the frame / reviews in the group"
    )


def comparison_films_by_place(table: pd.DataFrame, *, title: str = "Films Salyut-7 is compared to") -> alt.LayerChart:
    """Share of reviews per group naming each comparison film (heatmap with counts)."""
    return share_heatmap(
        table, title=title, category_title="film", subtitle="Cell: reviews naming the film / reviews in the group"
    )


def stance_by_place(table: pd.DataFrame, *, title: str = "Historical accuracy: stance, by place") -> alt.LayerChart:
    """Share of reviews per group taking each accuracy stance, among reviews that discuss accuracy,
    as grouped bars with Wilson 95% intervals (none where n < 3) and n."""
    require(table, SHARE_COLUMNS, stage="charts.stance_by_place")
    data = _data(table)
    data["label"] = data.apply(lambda r: f"{r['count']}/{r['n']}", axis=1)
    # Labels sit at the interval's end, or at the bar's end where the group is too small for one.
    data["label_at"] = [
        high if _has_ci(low, high) else share
        for low, high, share in zip(data["ci_low"], data["ci_high"], data["share"])
    ]
    stances = sorted(set(data["category"]))
    colors = alt.Scale(domain=stances, range=[STANCE_COLORS.get(s, "#999") for s in stances])
    base = alt.Chart(data).encode(
        y=alt.Y("group:N", title=None, sort="ascending"),
        yOffset=alt.YOffset("category:N", sort=stances),
        tooltip=_share_tooltip(),
    )
    bars = base.mark_bar().encode(
        x=alt.X(
            "share:Q",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format=".0%"),
            title="share of reviews discussing accuracy, with 95% CI",
        ),
        color=alt.Color("category:N", scale=colors, title="stance"),
    )
    rules = base.mark_rule(color="#333", opacity=0.7).encode(x="ci_low:Q", x2="ci_high:Q").transform_filter(_HAS_CI)
    # Zero counts stay in the table and the tooltip; unlabelled here to keep small groups readable.
    labels = (
        base.mark_text(align="left", dx=4, fontSize=9, color="#333")
        .encode(x="label_at:Q", text="label:N")
        .transform_filter(alt.datum.count > 0)
    )
    return alt.layer(bars, rules, labels).properties(
        width=WIDTH,
        height=alt.Step(14),
        title=_title(title, ["Label: reviews with the stance / reviews with an accuracy statement (n)", SHARE_CI_NOTE]),
    )


def budget_figures(table: pd.DataFrame, *, title: str = "Budget figures cited, in US dollars") -> alt.Chart:
    """Each budget figure a review cites, in USD (log scale) by place, coloured by subject (this film,
    a comparator film, a counterfactual). The tooltip shows the statement's words and its source.

    Takes `reception.budget_cited` output.
    """
    require(
        table,
        ["review_id", "usd", "amount", "currency", "subject", "text", "place", "outlet"],
        stage="charts.budget_figures",
    )
    data = _data(table)
    plotted = pd.to_numeric(data["usd"], errors="coerce") > 0
    # A log axis cannot show figures without a USD value; say how many there are instead of hiding them.
    missing = int((~plotted).sum())
    note = f"; {missing} figure(s) without a USD value are listed in the CSV only" if missing else ""
    data = data[plotted]
    subjects = [s for s in SUBJECT_COLORS] + sorted(set(data["subject"]) - set(SUBJECT_COLORS))
    colors = alt.Scale(domain=subjects, range=[SUBJECT_COLORS.get(s, "#999") for s in subjects])
    tooltip = [
        alt.Tooltip("text:N", title="statement"),
        alt.Tooltip("outlet:N", title="outlet"),
        alt.Tooltip("review_id:N", title="review id"),
        alt.Tooltip("place:N", title="place"),
        alt.Tooltip("amount:Q", title="amount", format=",.0f"),
        alt.Tooltip("currency:N", title="currency"),
        alt.Tooltip("usd:Q", title="USD", format="$,.0f"),
        alt.Tooltip("subject:N"),
    ]
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=80, opacity=0.8)
        .encode(
            x=alt.X(
                "usd:Q",
                scale=alt.Scale(type="log", padding=12),
                axis=alt.Axis(format="$.2s"),
                title="figure cited (USD at the film's release year, log scale)",
            ),
            y=alt.Y("place:N", title=None, sort="ascending"),
            yOffset=alt.YOffset("subject:N", sort=subjects),
            color=alt.Color("subject:N", scale=colors, title="the figure is the budget of"),
            shape=alt.Shape("subject:N", scale=alt.Scale(domain=subjects), title="the figure is the budget of"),
            tooltip=tooltip,
        )
        .properties(
            width=WIDTH,
            height=alt.Step(16),
            title=_title(title, "One point per figure; hover for the sentence and its review" + note),
        )
    )


def reviews_over_time(table: pd.DataFrame, *, title: str = "Reviews over time") -> alt.Chart:
    """Number of reviews per publication month (or year) and place, stacked; "unknown" dates last.

    Takes `reception.over_time` output (`period`, `group`, `n`, `review_ids`).
    """
    require(table, ["period", "group", "n", "review_ids"], stage="charts.reviews_over_time")
    data = _data(table)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("period:O", title="published", sort="ascending", axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("sum(n):Q", title="reviews"),
            color=alt.Color("group:N", title="place", sort="ascending"),
            order=alt.Order("group:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("period:O"),
                alt.Tooltip("group:N", title="place"),
                alt.Tooltip("n:Q", title="reviews (n)"),
                alt.Tooltip("review_ids:N", title="review ids"),
            ],
        )
        .properties(width=WIDTH, title=_title(title, "Publication dates where known; 'unknown' otherwise"))
    )


def distinctive_words(
    table: pd.DataFrame, *, title: str = "Distinctive words, by place", columns: int = 3
) -> alt.FacetChart:
    """Top words per group by weighted log-odds z-score (Monroe et al. 2008), one panel per group.

    Takes `reception.distinctive_words` output.
    """
    require(table, ["group", "word", "count", "z", "n", "review_ids"], stage="charts.distinctive_words")
    data = _data(table)
    return (
        alt.Chart(data)
        .mark_bar(color="#1b6ca8")
        .encode(
            x=alt.X("z:Q", title="log-odds z-score vs other places"),
            y=alt.Y("word:N", sort="-x", title=None),
            tooltip=[
                alt.Tooltip("group:N", title="place"),
                alt.Tooltip("word:N"),
                alt.Tooltip("count:Q", title="uses in place"),
                alt.Tooltip("count_rest:Q", title="uses elsewhere"),
                alt.Tooltip("z:Q", format=".2f"),
                alt.Tooltip("n:Q", title="tokens in place (n)"),
                alt.Tooltip("review_ids:N", title="review ids"),
            ],
        )
        .properties(width=180, height=alt.Step(13))
        .facet(
            facet=alt.Facet("group:N", title=None, sort="ascending"),
            columns=columns,
        )
        .resolve_scale(y="independent")
        .properties(
            title=_title(title, "Weighted log-odds with an informative Dirichlet prior; z > 1.96 ≈ distinctive")
        )
    )


def agreement_intervals(
    table: pd.DataFrame,
    *,
    title: str = "Agreement per variable",
    subtitle: str = "Krippendorff's alpha (nominal) with 95 % bootstrap CI; n = sentences",
) -> alt.LayerChart:
    """Alpha with its interval per variable (rows) and comparison (colour): humans among themselves, the
    machine joining them, the machine against each coder. Needs variable, comparison, alpha, ci_low,
    ci_high, n_units (`toolkit.validation.agreement(...).alpha`)."""
    require(
        table, ["variable", "comparison", "alpha", "ci_low", "ci_high", "n_units"], stage="charts.agreement_intervals"
    )
    data = _data(table.dropna(subset=["alpha"]))
    order = list(dict.fromkeys(data["variable"]))
    y = alt.Y("variable:N", sort=order, title=None)
    offset = alt.YOffset("comparison:N", sort=list(dict.fromkeys(data["comparison"])))
    color = alt.Color("comparison:N", title="comparison", sort=list(dict.fromkeys(data["comparison"])))
    tooltip = [
        alt.Tooltip("variable:N"),
        alt.Tooltip("comparison:N"),
        alt.Tooltip("alpha:Q", format=".3f"),
        alt.Tooltip("ci_low:Q", format=".3f", title="95% CI low"),
        alt.Tooltip("ci_high:Q", format=".3f", title="95% CI high"),
        alt.Tooltip("n_units:Q", title="n"),
    ]
    base = alt.Chart(data).encode(y=y, yOffset=offset, color=color, tooltip=tooltip)
    rules = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_low:Q", title="alpha", scale=alt.Scale(domain=[-0.2, 1])), x2="ci_high:Q"
    )
    points = base.mark_point(filled=True, size=50).encode(x="alpha:Q")
    return (rules + points).properties(title=_title(title, subtitle), height=alt.Step(9))


def adaptation(
    table: pd.DataFrame,
    *,
    title: str = "Adapting the coder to the film",
    subtitle: str = "F1 against the human majority on held-out folds (grouped by review)",
) -> alt.Chart:
    """F1 before and after the film layer per aspect. Needs aspect, n, before_f1, after_f1
    (`toolkit.validation.adapt(...).report`)."""
    require(table, ["aspect", "n", "before_f1", "after_f1"], stage="charts.adaptation")
    data = _data(table).melt(
        id_vars=["aspect", "n"], value_vars=["before_f1", "after_f1"], var_name="when", value_name="f1"
    )
    data["when"] = data["when"].map({"before_f1": "shipped coder", "after_f1": "adapted"})
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("aspect:N", title=None, sort=list(dict.fromkeys(table["aspect"]))),
            yOffset=alt.YOffset("when:N", sort=["shipped coder", "adapted"]),
            x=alt.X("f1:Q", title="F1", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("when:N", title=None, sort=["shipped coder", "adapted"]),
            tooltip=[
                alt.Tooltip("aspect:N"),
                alt.Tooltip("when:N"),
                alt.Tooltip("f1:Q", format=".3f"),
                alt.Tooltip("n:Q", title="n"),
            ],
        )
        .properties(title=_title(title, subtitle), height=alt.Step(14))
    )
