"""Sampling sentences for human coding, and the offline HTML form coders fill.

The design (documented for the methods section): sentences are split into two groups, those the machine
codes (at least one statement) and those it does not, and the sample takes `coded_share` of its sentences
from the first group and the rest from the second, whatever their shares in the population (default 1:1; in
the shipped corpus 100 of 329 sentences are machine-coded, so a sample of it takes coded sentences at about
1.6 times their share and the others at about 0.7 times). Inside each group, strata are the `stratify` variables (the sentence's language,
and for coded sentences the set of aspects the machine gave); each stratum gets a share of its group's
sentences proportional to its size (largest remainders, at least one per stratum while sentences last),
drawn without replacement with a fixed seed. Every sampled sentence carries its design weight
``N_h / n_h`` (population over sample size of its stratum): to estimate a population figure (say the share
of sentences humans code as accuracy, or the machine's recall), weight each sentence by it, e.g.
``sum(w * y) / sum(w)``. Agreement coefficients are reported unweighted, for the sentences coded.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from toolkit.tables import require

__all__ = ["Sample", "sample", "coding_form", "STRATIFY"]

#: Variables a sample may be stratified by, inside the machine-coded / not-coded groups.
STRATIFY = ("language", "aspect", "kind")
#: How much review text the form shows before and after the sentence (characters).
CONTEXT = 700


@dataclass(frozen=True)
class Sample:
    """The sampled sentences (`units`, the coding sheet's rows without codes) and the design behind them
    (`design`: review_id, sentence_id, group, stratum, population, sampled, weight)."""

    units: pd.DataFrame
    design: pd.DataFrame


def _allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Split `n` over strata proportionally to `sizes` (largest remainders), at least one each while n lasts."""
    n = min(n, sum(sizes.values()))
    order = sorted(sizes, key=lambda k: (-sizes[k], k))
    out = {k: 0 for k in sizes}
    for k in order[:n]:
        out[k] = 1
    left = n - sum(out.values())
    total = sum(sizes.values())
    while left > 0:
        # Next sentence to the stratum furthest below its proportional share (ties: larger, then by name).
        k = max(
            (k for k in order if out[k] < sizes[k]),
            key=lambda k: (sizes[k] * n / total - out[k], sizes[k], [-ord(c) for c in k]),
        )
        out[k] += 1
        left -= 1
    return out


def sample(
    reviews: pd.DataFrame,
    sentences: pd.DataFrame,
    statements: pd.DataFrame,
    *,
    n: int,
    stratify: Sequence[str] = ("language", "aspect"),
    coded_share: float = 0.5,
    seed: int = 0,
) -> Sample:
    """Draw a reproducible stratified sample of `n` sentences for human coding (see the module's design).

    Needs reviews (review_id; kind used when present; reviews with `duplicate_of` set are left out, their
    words are coded in the review they repeat), sentences (SENTENCE_COLUMNS) and the machine's
    statements (review_id, sentence_id, aspect). With `n` at least the number of sentences, every sentence
    is taken (weight 1). The units come in review order, then by offset; the machine's codes are not in them.

    >>> reviews = pd.DataFrame({"review_id": ["r"], "kind": ["critic"], "text": ["Cheap. Nice. Soviet lies."]})
    >>> sentences = pd.DataFrame({"review_id": ["r"] * 3, "sentence_id": ["r:1", "r:2", "r:3"],
    ...     "start": [0, 7, 13], "end": [6, 12, 25], "text": ["Cheap.", "Nice.", "Soviet lies."],
    ...     "language": ["en"] * 3})
    >>> statements = pd.DataFrame({"review_id": ["r"], "sentence_id": ["r:1"], "aspect": ["budget"]})
    >>> sample(reviews, sentences, statements, n=2).design[["sentence_id", "group", "weight"]].values.tolist()
    [['r:1', 'coded', 1.0], ['r:3', 'not_coded', 2.0]]
    """
    require(sentences, ["review_id", "sentence_id", "start", "end", "text", "language"], stage="validation.sample")
    unknown = [s for s in stratify if s not in STRATIFY]
    if unknown:
        raise ValueError(f"--stratify: unknown variable(s) {', '.join(unknown)}; use {', '.join(STRATIFY)}")
    if n < 1:
        raise ValueError("--n must be at least 1")
    if not 0 <= coded_share <= 1:
        raise ValueError("coded_share must be between 0 and 1")
    if "duplicate_of" in reviews.columns:
        # A repeat of another review (the corpus marks it) would ask coders to code the same words twice.
        repeats = set(reviews.loc[reviews["duplicate_of"].notna(), "review_id"].astype(str))
        reviews = reviews[~reviews["review_id"].astype(str).isin(repeats)]
        sentences = sentences[~sentences["review_id"].astype(str).isin(repeats)]
    kinds = dict(zip(reviews["review_id"].astype(str), reviews["kind"])) if "kind" in reviews.columns else {}
    order = {rid: i for i, rid in enumerate(dict.fromkeys(reviews["review_id"].astype(str)))}
    units = sentences.assign(
        review_id=sentences["review_id"].astype(str), sentence_id=sentences["sentence_id"].astype(str)
    )
    units = units.assign(kind=units["review_id"].map(kinds), _o=units["review_id"].map(order))
    units = units.sort_values(["_o", "start"], kind="stable").drop(columns="_o").reset_index(drop=True)
    aspects = (
        statements.assign(
            review_id=statements["review_id"].astype(str), sentence_id=statements["sentence_id"].astype(str)
        )
        .groupby(["review_id", "sentence_id"])["aspect"]
        .agg(lambda a: "+".join(sorted(set(a))))
    )
    given = pd.Series(
        [aspects.get((r, s), "") for r, s in zip(units["review_id"], units["sentence_id"])], index=units.index
    )
    group = np.where(given != "", "coded", "not_coded")
    parts = [pd.Series(group, index=units.index)]
    for variable in stratify:
        if variable == "aspect":
            parts.append(given.where(given != "", "none"))
        else:
            parts.append(units[variable].fillna("und").astype(str))
    stratum = parts[0].str.cat(parts[1:], sep="|") if len(parts) > 1 else parts[0]
    sizes_by_group = {g: stratum[group == g].value_counts().to_dict() for g in ("coded", "not_coded")}
    population = {g: int((group == g).sum()) for g in ("coded", "not_coded")}
    want_coded = min(population["coded"], round(n * coded_share))
    want_rest = min(population["not_coded"], n - want_coded)
    want_coded = min(population["coded"], n - want_rest)  # give back what the other group lacks
    rng = np.random.default_rng(seed)
    chosen, weights = [], {}
    for g, want in (("coded", want_coded), ("not_coded", want_rest)):
        sizes = sizes_by_group[g]
        for key, k in sorted(_allocate(sizes, want).items()):
            if k == 0:
                continue
            members = np.flatnonzero((stratum == key).to_numpy())
            picked = np.sort(rng.choice(members, size=k, replace=False))
            chosen += picked.tolist()
            weights[key] = (sizes[key], k)
    chosen = sorted(chosen)
    picked_units = units.loc[chosen].reset_index(drop=True)
    strata = stratum.loc[chosen].to_numpy()
    design = pd.DataFrame(
        {
            "review_id": picked_units["review_id"],
            "sentence_id": picked_units["sentence_id"],
            "group": group[chosen],
            "stratum": strata,
            "population": [weights[s][0] for s in strata],
            "sampled": [weights[s][1] for s in strata],
        }
    )
    design["weight"] = design["population"] / design["sampled"]
    columns = ["review_id", "sentence_id", "start", "end", "language", "kind", "text"]
    return Sample(units=picked_units[columns], design=design)


def coding_form(
    units: pd.DataFrame, reviews: pd.DataFrame, *, title: str = "Coding sheet", frames: Sequence[str] = ()
) -> str:
    """The self-contained HTML form for coding `units` (no network: styles and script inline).

    Each sentence is shown highlighted inside up to CONTEXT characters of its review on either side; the coder
    sets budget, accuracy, geopolitics (yes / no / not coded), the stance and the frames, and "Save CSV"
    downloads the filled sheet (same columns as the CSV sheet). Every review text is escaped (Jinja2
    autoescaping), so markup in a review shows as text.
    """
    import jinja2

    from toolkit.validation.sheets import SHEET_COLUMNS, STANCES

    texts = dict(zip(reviews["review_id"].astype(str), reviews["text"]))
    items = []
    for unit in units.itertuples(index=False):
        text = texts.get(str(unit.review_id), "")
        start, end = int(unit.start), int(unit.end)
        if text[start:end] != unit.text:
            raise ValueError(f"sentence {unit.sentence_id}: text differs from review {unit.review_id} at {start}-{end}")
        items.append(
            {
                "unit": {**unit._asdict(), "kind": _kind(getattr(unit, "kind", None))},
                "before": text[max(0, start - CONTEXT) : start],
                "after": text[end : end + CONTEXT],
                "cut_before": start > CONTEXT,
                "cut_after": end + CONTEXT < len(text),
            }
        )
    source = resources.files("toolkit").joinpath("templates/coding_form.html.j2").read_text("utf-8")
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return environment.from_string(source).render(
        title=title,
        items=items,
        stances=STANCES,
        frames=sorted(frames),
        columns_json=json.dumps(SHEET_COLUMNS).replace("</", "<\\/"),
    )


def _kind(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
