"""Text the validation loop prints or hands to a paper: the agreement report and the methods paragraph."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from toolkit.validation.reliability import MACHINE, RESAMPLES, Agreement

__all__ = ["agreement_text", "methods_paragraph", "alpha_table"]


def _f(value: Any, digits: int = 3) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def alpha_table(result: Agreement) -> pd.DataFrame:
    """The nominal alphas in a display order: per variable, humans, machine, then the pairs."""
    table = result.alpha[result.alpha["level"] == "nominal"].copy()
    rank = {"humans": 0, MACHINE: 1}
    table["_c"] = table["comparison"].map(lambda c: rank.get(c, 2))
    return (
        table.sort_values(["_c"], kind="stable")
        .sort_values(
            "variable",
            key=lambda v: v.map(lambda x: list(dict.fromkeys(result.alpha["variable"])).index(x)),
            kind="stable",
        )
        .drop(columns="_c")
    )


def agreement_text(result: Agreement) -> str:
    """The report `toolkit agreement` prints: alphas with CIs, pairs, the machine against the majority."""
    lines = [
        f"{result.n_units} sentences, coders: {', '.join(result.coders)}",
        f"Krippendorff's alpha (nominal), 95 % bootstrap CI over sentences ({RESAMPLES} resamples unless set)",
        f"{'variable':24} {'comparison':28} {'alpha':>6}  {'95 % CI':>15} {'n':>5}",
    ]
    for r in alpha_table(result).itertuples(index=False):
        lines.append(
            f"{r.variable:24} {r.comparison:28} {_f(r.alpha):>6}  [{_f(r.ci_low)}, {_f(r.ci_high)}]".ljust(15 + 38)
            + f" {r.n_units:>5}"
        )
    if (result.alpha["level"] == "interval").any():
        lines.append("interval alpha:")
        for r in result.alpha[result.alpha["level"] == "interval"].itertuples(index=False):
            lines.append(f"  {r.variable:22} {r.comparison:28} {_f(r.alpha):>6}  [{_f(r.ci_low)}, {_f(r.ci_high)}]")
    lines += [
        "",
        "pairs: percent agreement and Cohen's kappa",
        f"{'variable':24} {'pair':28} {'agree':>6} {'kappa':>6} {'n':>5}",
    ]
    for r in result.pairs.itertuples(index=False):
        lines.append(
            f"{r.variable:24} {r.coder_a + '~' + r.coder_b:28} {_f(r.percent_agreement):>6} {_f(r.kappa):>6} {r.n:>5}"
        )
    if not result.machine.empty:
        lines += [
            "",
            "machine against the human majority (ties left out): precision, recall, F1",
            f"{'variable':24} {'label':12} {'language':8} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}",
        ]
        for r in result.machine.itertuples(index=False):
            lines.append(
                f"{r.variable:24} {str(r.label):12} {r.language:8} {_f(r.precision):>6} "
                f"{_f(r.recall):>6} {_f(r.f1):>6} {r.n:>5}"
            )
    counts = result.disagreements.groupby("variable").size()
    lines += [
        "",
        "disagreements: "
        + (", ".join(f"{v} {n}" for v, n in counts.items()) or "none")
        + " (sentences; --disagreements FILE writes them with every coder's code)",
    ]
    return "\n".join(lines) + "\n"


def methods_paragraph(
    result: Agreement, *, population: int, sampled: int, design: str, adaptation: Any = None, film: str = "the film"
) -> str:
    """A paragraph for a paper's methods section, written from the numbers."""
    humans = [c for c in result.coders if c != MACHINE]
    nominal = result.alpha[result.alpha["level"] == "nominal"].set_index(["variable", "comparison"])

    def alpha_of(variable: str, comparison: str) -> str:
        if (variable, comparison) not in nominal.index:
            return "not computable"
        r = nominal.loc[(variable, comparison)]
        return f"α = {_f(r['alpha'], 2)} (95 % CI {_f(r['ci_low'], 2)}–{_f(r['ci_high'], 2)}, n = {int(r['n_units'])})"

    numbers = {1: "One", 2: "Two", 3: "Three", 4: "Four", 5: "Five"}
    drawn = (
        f"we took all {population} sentences of the {film} reviews ({design})"
        if sampled >= population
        else f"we drew {sampled} of the {population} sentences of the {film} reviews ({design})"
    )
    parts = [
        f"To validate the automatic coding, {drawn}. {numbers.get(len(humans), str(len(humans)))} "
        f"coder{'s' if len(humans) != 1 else ''} coded them independently following the codebook "
        f"(budget, historical accuracy and geopolitics; stance and frames where they apply)."
    ]
    human = "; ".join(f"{v} {alpha_of(v, 'humans')}" for v in ("budget", "accuracy", "geopolitics", "stance"))
    parts.append(
        f"Agreement between the human coders (Krippendorff's alpha, nominal, with percentile bootstrap "
        f"intervals over sentences) was: {human}."
    )
    if MACHINE in result.coders:
        machine = "; ".join(f"{v} {alpha_of(v, MACHINE)}" for v in ("budget", "accuracy", "geopolitics"))
        scores = result.machine[
            (result.machine["language"] == "all")
            & result.machine["variable"].isin(["budget", "accuracy", "geopolitics"])
        ]
        f1 = "; ".join(
            f"{r.variable} F1 {_f(r.f1, 2)} (P {_f(r.precision, 2)}, R {_f(r.recall, 2)}, n = {r.n})"
            for r in scores.itertuples(index=False)
        )
        parts.append(
            f"With the toolkit's coder joining the human coders as one more coder, alpha was: {machine}. "
            f"Against the human majority (sentences where the coders tied left out) the coder reached "
            f"{f1}."
        )
    if adaptation is not None:
        rows = "; ".join(
            f"{r.aspect} {_f(r.before_f1, 2)} → {_f(r.after_f1, 2)}" for r in adaptation.report.itertuples(index=False)
        )
        parts.append(
            f"Adapting the coder to the coded sentences (a film-specific layer over the coder's own "
            f"scores and the sentences' character n-grams) changed F1 against the human majority, "
            f"measured by {adaptation.folds}-fold cross-validation grouped by review on sentences the "
            f"layer was not fitted on, as follows: {rows}."
        )
    return " ".join(parts)
