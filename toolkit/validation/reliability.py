"""Agreement between coders: Krippendorff's alpha with bootstrap intervals, Cohen's kappa, percent agreement,
and the machine's precision, recall and F1 against the human majority.

Codes come in the long table `read_sheets` returns (one row per coder and sentence). Alpha's point estimate
is the `krippendorff` package's; its interval comes from resampling units (sentences) with replacement,
computed from per-unit coincidence matrices so that a thousand resamples cost one matrix product.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "alpha",
    "alpha_interval",
    "cohen_kappa",
    "reliability_matrix",
    "agreement",
    "Agreement",
    "RESAMPLES",
    "variables_of",
]

ASPECTS = ("budget", "accuracy", "geopolitics")
#: Bootstrap resamples of units for every interval. 1,000 percentile resamples keep the Monte Carlo error of a
#: 2.5 % quantile near 0.005 in alpha, well under the width of any interval a few hundred sentences give.
RESAMPLES = 1000
MACHINE = "machine"


def reliability_matrix(values: Sequence[Sequence[Any]]) -> np.ndarray:
    """Coders × units matrix of floats with NaN for a missing value (the layout `krippendorff.alpha` takes)."""
    return np.asarray(values, dtype=float)


def _coincidences(data: np.ndarray, domain: np.ndarray) -> np.ndarray:
    """Per-unit coincidence matrices, shape (units, V, V): unit u adds n_uc n_uk / (m_u - 1) to cell (c, k)
    (minus the diagonal self-pairs), and only units with at least two values count (they are pairable)."""
    counts = np.stack([(data == v).sum(axis=0) for v in domain], axis=1).astype(float)  # (units, V)
    m = counts.sum(axis=1)
    pairable = m >= 2
    out = np.zeros((data.shape[1], len(domain), len(domain)))
    c = counts[pairable]
    out[pairable] = (c[:, :, None] * c[:, None, :] - np.einsum("uv,vw->uvw", c, np.eye(len(domain)))) / (
        m[pairable] - 1
    )[:, None, None]
    return out


def _delta(domain: np.ndarray, level: str) -> np.ndarray:
    if level == "nominal":
        return 1.0 - np.eye(len(domain))
    if level == "interval":
        return (domain[:, None] - domain[None, :]) ** 2
    raise ValueError(f"unknown level of measurement {level!r}; use nominal or interval")


def _alpha_from(o: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """Alpha from coincidence matrices o (..., V, V): 1 - (n - 1) Σ o δ / Σ n_c n_k δ."""
    n_c = o.sum(axis=-1)
    n = n_c.sum(axis=-1)
    d_o = (o * delta).sum(axis=(-2, -1))
    d_e = np.einsum("...c,...k,ck->...", n_c, n_c, delta)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d_e > 0, 1.0 - (n - 1) * d_o / d_e, np.nan)


def alpha(data: Any, *, level: str = "nominal") -> float:
    """Krippendorff's alpha of a coders × units matrix (NaN = missing), from the `krippendorff` package.

    NaN when it is undefined: fewer than two pairable values, or every value the same (no variation).

    >>> round(alpha([[1, 1, 0, 0], [1, 1, 0, 1]]), 3)
    0.533
    """
    import krippendorff

    data = reliability_matrix(data)
    pairable = data[:, (~np.isnan(data)).sum(axis=0) >= 2]
    if len(np.unique(pairable[~np.isnan(pairable)])) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


def alpha_interval(
    data: Any, *, level: str = "nominal", resamples: int = RESAMPLES, seed: int = 0, confidence: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval of alpha, resampling units (columns) with replacement.

    Each resample draws as many units as the data has, with a fixed seed; alpha of a resample is computed from
    the resampled units' coincidence matrices (the same definition as `alpha`). Resamples where alpha is
    undefined (no variation left) are dropped. Returns (low, high); (nan, nan) when alpha itself is undefined.

    >>> low, high = alpha_interval([[1, 1, 0, 0, 1, 0] * 5, [1, 1, 0, 1, 1, 0] * 5])
    >>> bool(low < alpha([[1, 1, 0, 0, 1, 0] * 5, [1, 1, 0, 1, 1, 0] * 5]) < high)
    True
    """
    data = reliability_matrix(data)
    domain = np.unique(data[~np.isnan(data)])
    if len(domain) < 2:
        return float("nan"), float("nan")
    per_unit = _coincidences(data, domain)
    keep = per_unit.sum(axis=(1, 2)) > 0
    per_unit = per_unit[keep]
    units = len(per_unit)
    if units < 2:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    # Multinomial counts per resample = how often each unit is drawn; one product sums the matrices.
    weights = rng.multinomial(units, np.full(units, 1.0 / units), size=resamples).astype(float)
    o = (weights @ per_unit.reshape(units, -1)).reshape(resamples, len(domain), len(domain))
    values = _alpha_from(o, _delta(domain, level))
    values = values[~np.isnan(values)]
    if not len(values):
        return float("nan"), float("nan")
    tail = (1 - confidence) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(low), float(high)


def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Cohen's kappa of two coders over the units both coded (None/NaN = not coded).

    >>> cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0])
    0.5
    """
    pairs = [(x, y) for x, y in zip(a, b) if not _missing(x) and not _missing(y)]
    if not pairs:
        return float("nan")
    labels = sorted({v for p in pairs for v in p}, key=str)
    n = len(pairs)
    p_o = sum(x == y for x, y in pairs) / n
    p_e = sum((sum(x == v for x, _ in pairs) / n) * (sum(y == v for _, y in pairs) / n) for v in labels)
    if p_e == 1:
        return float("nan")
    return round((p_o - p_e) / (1 - p_e), 10)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def variables_of(codes: pd.DataFrame) -> list[str]:
    """The variables a long code table supports: the three aspects, `stance`, and one `frame:<id>` per frame
    any coder used."""
    frames = sorted({f for fs in codes["frames"] if isinstance(fs, tuple) for f in fs})
    return [*ASPECTS, "stance", *(f"frame:{f}" for f in frames)]


def _values(codes: pd.DataFrame, variable: str) -> pd.Series:
    """One value per row of the long table for `variable` (None = not coded).

    Stance is defined where the coder coded accuracy 1; a frame is 1/0 where the coder coded geopolitics 1
    (nested codes: the label is only asked of a sentence the coder put in the aspect).
    """
    if variable in ASPECTS:
        return codes[variable].map(lambda v: None if _missing(v) else int(v))
    if variable == "stance":
        return pd.Series(
            [s if a == 1 and isinstance(s, str) and s else None for a, s in zip(codes["accuracy"], codes["stance"])],
            index=codes.index,
            dtype=object,
        )
    if variable.startswith("frame:"):
        frame = variable.split(":", 1)[1]
        return pd.Series(
            [
                (int(frame in fs) if isinstance(fs, tuple) else 0) if g == 1 else None
                for g, fs in zip(codes["geopolitics"], codes["frames"])
            ],
            index=codes.index,
            dtype=object,
        )
    raise ValueError(f"unknown variable {variable!r}")


def _wide(codes: pd.DataFrame, variable: str) -> pd.DataFrame:
    """Units × coders table of one variable's values (None where a coder did not code the unit)."""
    frame = codes.assign(_v=_values(codes, variable))
    wide = frame.pivot(index=["review_id", "sentence_id"], columns="coder", values="_v")
    return wide.astype(object).where(wide.notna(), None)


def _numeric(wide: pd.DataFrame) -> tuple[np.ndarray, list[Any]]:
    """Coders × units float matrix; labels are numbered in sorted order."""
    labels = sorted({v for v in wide.to_numpy().ravel() if v is not None}, key=str)
    index = {v: float(i) if not isinstance(v, (int, np.integer)) else float(v) for i, v in enumerate(labels)}
    matrix = np.array([[np.nan if v is None else index[v] for v in wide[c]] for c in wide.columns], dtype=float)
    return matrix, labels


@dataclass(frozen=True)
class Agreement:
    """Everything `agreement` measures, as tables (each row carries its n)."""

    alpha: pd.DataFrame  # variable, comparison, coders, level, alpha, ci_low, ci_high, n_units, n_values
    pairs: pd.DataFrame  # variable, coder_a, coder_b, n, percent_agreement, kappa
    machine: pd.DataFrame  # variable, label, language, n, tp, fp, fn, precision, recall, f1
    disagreements: pd.DataFrame  # review_id, sentence_id, text, variable, one column per coder
    coders: tuple[str, ...]
    n_units: int

    def to_json(self) -> dict[str, Any]:
        """{variable: {comparison: {alpha, ci: [low, high], n_units, coders}}} as `toolkit agreement --json`."""
        out: dict[str, Any] = {}
        for row in self.alpha[self.alpha["level"] == "nominal"].itertuples(index=False):
            out.setdefault(row.variable, {})[row.comparison] = {
                "alpha": _number(row.alpha),
                "ci": [_number(row.ci_low), _number(row.ci_high)],
                "n_units": int(row.n_units),
                "coders": list(row.coders),
            }
        return out


def _number(value: float) -> float | None:
    return None if value is None or np.isnan(value) else round(float(value), 4)


def agreement(
    codes: pd.DataFrame,
    *,
    variables: Iterable[str] | None = None,
    resamples: int = RESAMPLES,
    seed: int = 0,
    levels: Sequence[str] = ("nominal",),
) -> Agreement:
    """Agreement between the coders of a long code table (`read_sheets`, plus `machine_codes` for the machine).

    Per variable (the aspects, `stance`, every `frame:<id>`): Krippendorff's alpha with a bootstrap interval
    for the human coders together (`humans`), for every coder including the machine (`machine`, when a coder
    is named ``machine``: does alpha drop when the machine joins?), and for every pair of coders
    (`A~B`); Cohen's kappa and percent agreement per pair; precision, recall and F1 of the machine against
    the human majority (units where the humans tie are left out), overall and per language; and the table of
    disagreements. `levels` adds `interval` alphas (the aspects' 0/1 codes give the same value either way).
    """
    coders = tuple(sorted(codes["coder"].unique(), key=lambda c: (c == MACHINE, c)))
    humans = [c for c in coders if c != MACHINE]
    variables = list(variables) if variables is not None else variables_of(codes)
    texts = codes.drop_duplicates(["review_id", "sentence_id"]).set_index(["review_id", "sentence_id"])
    alpha_rows, pair_rows, machine_rows, disagreement_rows = [], [], [], []
    for variable in variables:
        wide = _wide(codes, variable)
        comparisons: list[tuple[str, list[str]]] = []
        if len(humans) >= 2:
            comparisons.append(("humans", humans))
        if MACHINE in coders and humans:
            comparisons.append((MACHINE, list(coders)))
        comparisons += [(f"{a}~{b}", [a, b]) for a, b in itertools.combinations(coders, 2)]
        for name, group in comparisons:
            matrix, labels = _numeric(wide[group])
            n_units = int(((~np.isnan(matrix)).sum(axis=0) >= 2).sum())
            for level in levels:
                if level == "interval" and variable == "stance":
                    continue  # stance has no order
                value = alpha(matrix, level=level)
                low, high = alpha_interval(matrix, level=level, resamples=resamples, seed=seed)
                alpha_rows.append(
                    {
                        "variable": variable,
                        "comparison": name,
                        "coders": tuple(group),
                        "level": level,
                        "alpha": value,
                        "ci_low": low,
                        "ci_high": high,
                        "n_units": n_units,
                        "n_values": int((~np.isnan(matrix[:, (~np.isnan(matrix)).sum(axis=0) >= 2])).sum()),
                    }
                )
        for a, b in itertools.combinations(coders, 2):
            both = [(x, y) for x, y in zip(wide[a], wide[b]) if x is not None and y is not None]
            pair_rows.append(
                {
                    "variable": variable,
                    "coder_a": a,
                    "coder_b": b,
                    "n": len(both),
                    "percent_agreement": (sum(x == y for x, y in both) / len(both)) if both else np.nan,
                    "kappa": cohen_kappa([x for x, _ in both], [y for _, y in both]),
                }
            )
        if MACHINE in coders and humans:
            machine_rows += _machine_scores(wide, humans, variable, texts)
        disagreement_rows += _disagreements(wide, variable, texts)
    disagreements = pd.DataFrame(disagreement_rows, columns=["review_id", "sentence_id", "text", "variable", *coders])
    return Agreement(
        alpha=pd.DataFrame(
            alpha_rows,
            columns=["variable", "comparison", "coders", "level", "alpha", "ci_low", "ci_high", "n_units", "n_values"],
        ),
        pairs=pd.DataFrame(pair_rows, columns=["variable", "coder_a", "coder_b", "n", "percent_agreement", "kappa"]),
        machine=pd.DataFrame(
            machine_rows, columns=["variable", "label", "language", "n", "tp", "fp", "fn", "precision", "recall", "f1"]
        ),
        disagreements=disagreements,
        coders=coders,
        n_units=len(texts),
    )


def majority(wide: pd.DataFrame, humans: Sequence[str]) -> pd.Series:
    """The value more than half of the humans who coded a unit gave it; None on a tie or when nobody coded it."""
    out = []
    for row in wide[list(humans)].itertuples(index=False):
        given = [v for v in row if v is not None]
        top = pd.Series(given, dtype=object).value_counts() if given else pd.Series(dtype=int)
        out.append(top.index[0] if len(top) and top.iloc[0] * 2 > len(given) else None)
    return pd.Series(out, index=wide.index, dtype=object)


def _prf(truth: Sequence[Any], guess: Sequence[Any], positive: Any) -> dict[str, Any]:
    tp = sum(t == positive and g == positive for t, g in zip(truth, guess))
    fp = sum(t != positive and g == positive for t, g in zip(truth, guess))
    fn = sum(t == positive and g != positive for t, g in zip(truth, guess))
    p = tp / (tp + fp) if tp + fp else np.nan
    r = tp / (tp + fn) if tp + fn else np.nan
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else np.nan
    return {"n": len(truth), "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def _machine_scores(wide: pd.DataFrame, humans: Sequence[str], variable: str, texts: pd.DataFrame) -> list[dict]:
    truth = majority(wide, humans)
    both = truth.notna() & wide[MACHINE].notna()
    languages = texts.loc[wide.index, "language"].fillna("und")
    rows = []
    labels = (
        [1]
        if variable in ASPECTS or variable.startswith("frame:")
        else sorted({v for v in truth[both]} | {v for v in wide[MACHINE][both]}, key=str)
    )
    for label in labels:
        for language in ["all", *sorted(languages[both].unique())]:
            keep = both & ((languages == language) if language != "all" else True)
            rows.append(
                {
                    "variable": variable,
                    "label": label,
                    "language": language,
                    **_prf(list(truth[keep]), list(wide[MACHINE][keep]), label),
                }
            )
    return rows


def _disagreements(wide: pd.DataFrame, variable: str, texts: pd.DataFrame) -> list[dict]:
    rows = []
    for key, row in wide.iterrows():
        given = {v for v in row if v is not None}
        if len(given) > 1:
            rows.append(
                {
                    "review_id": key[0],
                    "sentence_id": key[1],
                    "text": texts.loc[key, "text"],
                    "variable": variable,
                    **{c: row[c] for c in wide.columns},
                }
            )
    return rows
