"""Adapting the coder to a researcher's film: a film-specific layer fitted on the sentences they coded.

The shipped coder (``toolkit/models/``) never changes. The layer is, per aspect, a logistic regression over
the shipped coder's evidence for the sentence (its model logit for the aspect and whether a codebook rule
fired) and the sentence's character n-grams and word pairs (the fast tier's features, with a vocabulary of
the coded sentences' own), fitted to the human coders' majority code, with a threshold that maximises F1 on
inner folds grouped by review. A rule statement is always kept, as without the layer; the layer decides which
other sentences become statements. It is saved beside the film's profile (``<profile>.coder.npz`` with
``<profile>.coder.yaml``) and used whenever that profile is given with the same coder tier
(`toolkit.coder.adapted_layer`).

Before/after figures come from cross-validation grouped by review: each fold's sentences are coded by a layer
fitted on the other folds only, so no figure is measured on sentences the layer was fitted on.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.validation.reliability import MACHINE, majority

__all__ = ["adapt", "Adaptation", "layer_path", "FOLDS"]

ASPECTS = ("budget", "accuracy", "geopolitics")
#: Cross-validation folds, grouped by review (fewer when there are fewer reviews).
FOLDS = 5
#: Inverse L2 strength on the layer's n-gram weights; with a few hundred sentences a firm prior keeps them
#: small, so the shipped coder's own evidence stays the main input.
C = 1.0
#: The shipped coder's evidence (its logit and rule flag) enters the regression multiplied by this, so the L2
#: prior, the same on every column, holds it back less than the many n-grams.
EVIDENCE_SCALE = 3.0
#: Inner folds (grouped by review) that choose each aspect's threshold inside the training rows.
INNER_FOLDS = 3
#: An n-gram must occur in this many coded sentences to get a weight.
MIN_DF = 2


def layer_path(profile_path: str | Path) -> tuple[Path, Path]:
    """Where the layer of a profile lives: ``<slug>.coder.npz`` and ``<slug>.coder.yaml`` beside it."""
    path = Path(profile_path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(f"{stem}.coder.npz"), path.with_name(f"{stem}.coder.yaml")


@dataclass(frozen=True)
class Adaptation:
    """What `adapt` fitted and measured: the per-aspect before/after table and the files it wrote."""

    report: pd.DataFrame  # aspect, n, positives, before_precision, before_recall, before_f1, after_...
    folds: int
    n_sentences: int
    files: tuple[str, ...]

    def text(self) -> str:
        lines = [
            f"adaptation: {self.n_sentences} coded sentences, {self.folds} folds grouped by review "
            "(figures on sentences each fold's layer never saw)",
            f"{'aspect':12} {'n':>4} {'pos':>4}  {'F1 before':>9} {'F1 after':>8}  "
            f"{'P before':>8} {'P after':>7}  {'R before':>8} {'R after':>7}",
        ]
        for r in self.report.itertuples(index=False):
            lines.append(
                f"{r.aspect:12} {r.n:>4} {r.positives:>4}  {r.before_f1:>9.3f} {r.after_f1:>8.3f}  "
                f"{r.before_precision:>8.3f} {r.after_precision:>7.3f}  {r.before_recall:>8.3f} "
                f"{r.after_recall:>7.3f}"
            )
        return "\n".join(lines) + "\n"


def _labels(codes: pd.DataFrame) -> pd.DataFrame:
    """Units with the human majority per aspect (None on a tie or when no human coded it)."""
    from toolkit.validation.reliability import _wide

    humans = sorted(c for c in codes["coder"].unique() if c != MACHINE)
    if not humans:
        raise ValueError("adapt needs at least one human coder's sheet")
    out = None
    for aspect in ASPECTS:
        wide = _wide(codes[codes["coder"] != MACHINE], aspect)
        column = majority(wide, humans).rename(aspect)
        out = column.to_frame() if out is None else out.join(column)
    units = codes.drop_duplicates(["review_id", "sentence_id"]).set_index(["review_id", "sentence_id"])
    return units[["start", "end", "language", "text"]].join(out).reset_index()


def _evidence(units: pd.DataFrame, *, profile: Any, tier: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The shipped coder on the units: model probability, rule flags and its decision, each (n, 3)."""
    from toolkit import coder
    from toolkit.aspects import extract_statements
    from toolkit.validation.sheets import _rebuilt

    reviews, sentences = _rebuilt(units)
    order = {k: i for i, k in enumerate(zip(units["review_id"].astype(str), units["sentence_id"].astype(str)))}
    rules_st = extract_statements(reviews, sentences, profile=profile, coder="rules")
    rule = np.zeros((len(units), 3), dtype=bool)
    for r, s, a in zip(rules_st["review_id"].astype(str), rules_st["sentence_id"].astype(str), rules_st["aspect"]):
        if a in ASPECTS:
            rule[order[(r, s)], ASPECTS.index(a)] = True
    texts = units["text"].tolist()
    p = coder.probabilities(texts, tier=tier, groups=units["review_id"].astype(str).tolist(), rules=rule)
    base = coder.code(sentences, rules_st, tier=tier, layer=None)
    decided = np.zeros_like(rule)
    for r, s, a in zip(base["review_id"].astype(str), base["sentence_id"].astype(str), base["aspect"]):
        if a in ASPECTS:
            decided[order[(r, s)], ASPECTS.index(a)] = True
    return p, rule, decided


def _vocabulary(texts: list[str]) -> dict[str, int]:
    from toolkit.coder import features

    df: dict[str, int] = {}
    for text in texts:
        for f in set(features(text)):
            df[f] = df.get(f, 0) + 1
    return {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= MIN_DF))}


def _design(texts: list[str], p: np.ndarray, rule: np.ndarray, vocabulary: dict[str, int], j: int):
    """Sparse design for aspect j: n-gram counts / sqrt(number of features) (as the coder scores them), then
    the shipped coder's logit and rule flag for the aspect, scaled by EVIDENCE_SCALE."""
    from scipy.sparse import csr_matrix, hstack

    from toolkit.coder import features, layer_evidence

    data, cols, indptr = [], [], [0]
    for text in texts:
        feats = features(text)
        counts: dict[int, float] = {}
        for f in feats:
            if f in vocabulary:
                counts[vocabulary[f]] = counts.get(vocabulary[f], 0.0) + 1.0 / math.sqrt(len(feats))
        for k in sorted(counts):
            cols.append(k)
            data.append(counts[k])
        indptr.append(len(cols))
    grams = csr_matrix((data, cols, indptr), shape=(len(texts), len(vocabulary)))
    evidence = layer_evidence(p, rule)[:, [j, 3 + j]] * EVIDENCE_SCALE
    return hstack([grams, csr_matrix(evidence)]).tocsr()


def _fit_aspect(
    texts: list[str], p: np.ndarray, rule: np.ndarray, truth: np.ndarray, vocabulary: dict[str, int], j: int
) -> tuple[np.ndarray, float]:
    """Weights (n-grams, then the aspect's logit and rule columns, unscaled) and bias of one aspect's regression."""
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression(C=C, solver="liblinear", max_iter=1000, random_state=0).fit(
        _design(texts, p, rule, vocabulary, j), truth.astype(int)
    )
    w = fit.coef_[0]
    return np.r_[w[:-2], w[-2:] * EVIDENCE_SCALE], float(fit.intercept_[0])


def _logit(texts, p, rule, vocabulary, j, w, b) -> np.ndarray:
    return (
        np.asarray(_design(texts, p, rule, vocabulary, j)[:, :-2] @ w[:-2]).ravel()
        + _evidence_of(p, rule, j) @ w[-2:]
        + b
    )


def _evidence_of(p: np.ndarray, rule: np.ndarray, j: int) -> np.ndarray:
    from toolkit.coder import layer_evidence

    return layer_evidence(p, rule)[:, [j, 3 + j]]


def _f1(pred: np.ndarray, truth: np.ndarray) -> float:
    tp, fp, fn = int((pred & truth).sum()), int((pred & ~truth).sum()), int((~pred & truth).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def _fit(texts: list[str], p: np.ndarray, rule: np.ndarray, y: np.ndarray, known: np.ndarray, groups: np.ndarray):
    """The layer fitted on the given rows: (vocabulary, weights (V + 6, 3), bias, thresholds).

    Per aspect the regression is fitted on the rows the humans coded; its threshold is the one that maximises
    F1 of (rule or logit >= threshold) on INNER_FOLDS folds grouped by review inside these rows (each scored by
    a regression that did not see it); ties go to the higher threshold (fewer additions)."""
    vocabulary = _vocabulary(texts)
    n = len(vocabulary)
    weights = np.zeros((n + 6, 3))
    bias = np.zeros(3)
    thresholds = np.full(3, np.nan)
    for j in range(3):
        rows = np.flatnonzero(known[:, j])
        truth = y[rows, j] == 1
        if len(set(truth)) < 2:
            continue  # one code only: the layer abstains and the shipped coder decides
        sub = [texts[i] for i in rows]
        z = np.full(len(rows), -np.inf)
        for inner_train, inner_test in _folds(groups[rows], min(INNER_FOLDS, len(set(groups[rows])))):
            if len(set(truth[inner_train])) < 2:
                continue
            v = _vocabulary([sub[i] for i in inner_train])
            w, b = _fit_aspect(
                [sub[i] for i in inner_train], p[rows][inner_train], rule[rows][inner_train], truth[inner_train], v, j
            )
            z[inner_test] = _logit(
                [sub[i] for i in inner_test], p[rows][inner_test], rule[rows][inner_test], v, j, w, b
            )
        candidates = np.unique(np.r_[z[np.isfinite(z)], np.inf])
        r = rule[rows, j]
        thresholds[j] = max(candidates, key=lambda t: (_f1(r | (z >= t), truth), t))
        w, b = _fit_aspect(sub, p[rows], rule[rows], truth, vocabulary, j)
        weights[:n, j] = w[:-2]
        weights[n + j, j], weights[n + 3 + j, j] = w[-2], w[-1]
        bias[j] = b
    return vocabulary, weights, bias, thresholds


def _predict(texts, p, rule, decided, vocabulary, weights, bias, thresholds) -> np.ndarray:
    from toolkit.coder import Layer

    layer = Layer(tier="", vocabulary=vocabulary, weights=weights, bias=bias, thresholds=thresholds)
    return layer.decide(texts, p, rule, decided)[0]


def _folds(groups: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Deterministic folds of whole reviews: reviews ordered by a hash of their id, dealt round-robin."""
    reviews = sorted(set(groups), key=lambda g: (hashlib.sha256(str(g).encode()).hexdigest(), g))
    fold_of = {g: i % k for i, g in enumerate(reviews)}
    assigned = np.array([fold_of[g] for g in groups])
    return [(np.flatnonzero(assigned != f), np.flatnonzero(assigned == f)) for f in range(k)]


def _prf(pred: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    tp = int((pred & truth).sum())
    fp = int((pred & ~truth).sum())
    fn = int((~pred & truth).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)


def adapt(
    codes: pd.DataFrame,
    *,
    profile: Any = None,
    tier: str = "accurate",
    save: str | Path | None = None,
    folds: int = FOLDS,
) -> Adaptation:
    """Fit the film layer on the human codes (`read_sheets`' table), report before/after by grouped CV,
    and, when `save` (the profile's path) is given, write the layer fitted on every coded sentence beside it.

    Needs scikit-learn (the ``train`` extra); using the saved layer afterwards needs numpy only.
    """
    units = _labels(codes)
    texts = units["text"].tolist()
    p, rule, decided = _evidence(units, profile=profile, tier=tier)
    y = np.column_stack([units[a].map(lambda v: -1 if v is None or pd.isna(v) else int(v)).to_numpy() for a in ASPECTS])
    known = y >= 0
    groups = units["review_id"].astype(str).to_numpy()
    k = max(2, min(folds, len(set(groups))))
    after = decided.copy()
    for train_rows, test_rows in _folds(groups, k):
        fitted = _fit(
            [texts[i] for i in train_rows],
            p[train_rows],
            rule[train_rows],
            y[train_rows],
            known[train_rows],
            groups[train_rows],
        )
        after[test_rows] = _predict(
            [texts[i] for i in test_rows], p[test_rows], rule[test_rows], decided[test_rows], *fitted
        )
    rows = []
    for j, aspect in enumerate(ASPECTS):
        keep = known[:, j]
        truth = y[keep, j] == 1
        before_prf = _prf(decided[keep, j], truth)
        after_prf = _prf(after[keep, j], truth)
        rows.append(
            {
                "aspect": aspect,
                "n": int(keep.sum()),
                "positives": int(truth.sum()),
                "before_precision": before_prf[0],
                "before_recall": before_prf[1],
                "before_f1": before_prf[2],
                "after_precision": after_prf[0],
                "after_recall": after_prf[1],
                "after_f1": after_prf[2],
            }
        )
    report = pd.DataFrame(rows)
    files: tuple[str, ...] = ()
    if save is not None:
        files = _save(save, *_fit(texts, p, rule, y, known, groups), tier=tier, report=report, units=units, folds=k)
    return Adaptation(report=report, folds=k, n_sentences=len(units), files=files)


def _save(profile_path, vocabulary, weights, bias, thresholds, *, tier, report, units, folds) -> tuple[str, ...]:
    import yaml

    npz, meta = layer_path(profile_path)
    names = sorted(vocabulary, key=vocabulary.get)
    _write_npz(
        npz,
        {
            "vocabulary": np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8),
            "weights": weights.astype(np.float64),
            "bias": bias.astype(np.float64),
            "thresholds": thresholds.astype(np.float64),
        },
    )
    digest = hashlib.sha256("\n".join(units["text"]).encode("utf-8")).hexdigest()
    settings = {
        "tier": tier,
        "aspects": list(ASPECTS),
        "features": len(names),
        "C": C,
        "min_df": MIN_DF,
        "fitted_on": {"sentences": len(units), "reviews": int(units["review_id"].nunique()), "sha256": digest},
        "cross_validation": {
            "folds": folds,
            "grouped_by": "review_id",
            "report": [
                {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
                for r in report.to_dict("records")
            ],
        },
    }
    meta.write_text(
        "# Written by `toolkit adapt`: the film layer beside this profile (toolkit.validation.adaptation)."
        "\n" + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return str(npz), str(meta)


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An .npz file with fixed zip timestamps, so the same layer is the same bytes (np.savez stamps the time)."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())
