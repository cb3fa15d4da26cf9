"""Language stage: which language each review, and each of its sentences, is written in.

Four backends sit behind one function, `detect_language`: langdetect (made deterministic), lingua, py3langid
and the default "auto", which decides by writing system and by function words when the text is clear
(fast and exact on long text) and asks lingua only when it is not, abstaining (``"und"``) on text too
short or too ambiguous to call. `annotate` fills the review table's language columns and the sentences
table, where short sentences, names and titles inherit their review's language instead of flipping.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from toolkit import sentences as _sentences
from toolkit.datafiles import load_yaml, read_text
from toolkit.tables import TableError, require

__all__ = ["Detection", "BACKENDS", "DEFAULT_BACKEND", "detect_language", "annotate", "preload", "UND"]

UND = "und"
BACKENDS = ("auto", "lingua", "langdetect", "py3langid")
# Chosen by measurement on corpus/gold (see toolkit.evaluation.language and the README): the most accurate on
# short and mixed text, and fast enough for the pipeline because most text never reaches a model.
DEFAULT_BACKEND = "auto"

# Text shorter than this many letters is too little for a statistical guess (lingua's own benchmark:
# about 74% right on single words): "auto" abstains unless the script or function words settle it.
_MIN_LETTERS = 5
# Below this length lingua runs in high-accuracy mode (its models load lazily, per language met: about
# 950 MB for all Latin-script languages, hence `_short_text_pool`); above it the low-accuracy (trigram) mode
# is as good on the development set and needs about 90 MB for every language.
_HIGH_ACCURACY_BELOW = 120
# lingua's confidence below which "auto" abstains on short text (unless function words support it)
# rather than guessing. lingua spreads its confidence over 75 languages, so on a few words even a right
# answer often scores only 0.07–0.4; this value was set on the development set (0.05–0.1 score alike).
_MIN_CONFIDENCE = 0.07
# Features (scripts, function words) are read from the first this-many characters of a text: plenty to
# decide, and it bounds the cost of very long reviews (their later sentences are checked one by one).
_FEATURE_CHARS = 1500
# Proper names (names.yaml) are masked in texts shorter than this.
_NAMES_BELOW = 400
# lingua reads at most this many characters of a long text: enough for its trigram model to be sure.
_LINGUA_CHARS = 1000
# A sentence needs this many letters to be judged on its own in `annotate`; shorter ones inherit.
_SENTENCE_MIN_LETTERS = 20
# A sentence leaves its review's language only on an answer at least this confident. "auto" answers 0.4 on a lone
# function word that lingua does not back ("by" in a Slovak sentence, "à" in a French one, "he" beside two names):
# too little against the language of the review around it. On the retired folders every sentence switched on
# such an answer was in its review's language.
_SWITCH_MIN_CONFIDENCE = 0.5
# One word ("Grid.", "Bravo!", "Kosmos"): lingua's high-accuracy answer on a single word is wrong about one time
# in four (`toolkit evaluate words`), so "auto" keeps it only when it scores at least this much and this many
# times its runner-up. On the Latin-script words of corpus/gold/languages_lengths.csv, 0.3 and 2x answer 2 % of
# them wrongly; 0.5 and 2x, 1 %, but "Magnifique !" and "Polecam." of the development set then abstain; 0.3 with
# no lead, 6 %.
_WORD_MIN_CONFIDENCE = 0.3
_WORD_MIN_LEAD = 2.0
# Texts longer than this are never one word (and are not split to count their words).
_WORD_MAX_CHARS = 64
# Kanji without kana: at most this many characters (a word or two) are Japanese when they hold a form Chinese
# never writes (悪, 価); in longer Han text one such form is rather a quoted Japanese name (黒澤明).
_KANJI_WORD_MAX = 8

_URL_HINT = re.compile(r"https?:|www\.|@|\.(?:com|org|net|ru|de|fr|io|co|uk)\b")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|ru|de|fr|io|co|uk)(?:/\S*)?|\S+@\S+\.\w+")
# Letters: word characters that are not digits, "_" or other numerics (½, ², ①), which \w also accepts.
_LETTER = re.compile(
    r"[^\W\d_\u00b2\u00b3\u00b9\u00bc-\u00be\u2150-\u218f\u2460-\u24ff\u2776-\u2793"
    r"\u3007\u3021-\u3029\u3038-\u303a\u3192-\u3195\u3220-\u3229\u3248-\u324f"
    r"\u3251-\u325f\u3280-\u3289\u32b1-\u32bf]"
)
# Their complements, for counting letters without building a list of them: len(text) minus what `sub` keeps.
_NON_LETTER = re.compile("[" + _LETTER.pattern[2:] + "+")
_NON_LETTER_RUN = re.compile(r"[\W\d_]+")
_CAPITALISED = re.compile(r"[^\W\d_][^\W\d_]*")
# Quoted spans ("…", „…“, «…», 「…」): a title or a quotation, whose language is not the sentence's (see
# `_frame`). Any opening mark up to the next closing one, as writers mix them (”Krig är krig").
_QUOTED = re.compile(r"[\"“”„«»「『][^\"“”„«»「」『』]*[\"“”«»」』]")
_QUOTE_MARK = re.compile(r"[\"“”„«»「『]")


@dataclass(frozen=True)
class Detection:
    """A language decision: ISO 639-1 code (or ``"und"``) and a confidence in 0..1."""

    language: str
    confidence: float


_UNDETERMINED = Detection(UND, 0.0)


# --------------------------------------------------------------------------------------------- data ---


def _load_yaml(name: str) -> dict:
    # Every entry a string: YAML 1.1 would read "no" (Norwegian) as False.
    return load_yaml(read_text(f"language/{name}"), strings=True)


@functools.cache
def _scripts() -> dict[str, dict]:
    """Compiled script table: name -> {pattern, language, candidates, markers, default, own_letters,
    word_default, word_fallback}."""
    out = {}
    for name, spec in _load_yaml("scripts.yaml").items():
        out[name] = {
            "pattern": re.compile(f"[{spec['chars']}]"),
            "language": spec.get("language"),
            "candidates": tuple(spec.get("candidates", ())),
            "markers": [(iso, re.compile(f"[{letters}]")) for iso, letters in spec.get("markers", {}).items()],
            "default": spec.get("default"),
            "own_letters": [
                (iso, re.compile(f"[{re.escape(letters)}]")) for iso, letters in spec.get("own_letters", {}).items()
            ],
            "word_default": spec.get("word_default"),
            "word_fallback": spec.get("word_fallback"),
        }
    return out


@functools.cache
def _function_words() -> dict[str, tuple[str, ...]]:
    """word -> languages whose function-word list has it."""
    index: dict[str, list[str]] = {}
    for iso, words in _load_yaml("function_words.yaml").items():
        for word in words:
            index.setdefault(word.lower(), []).append(iso)
    return {w: tuple(langs) for w, langs in index.items()}


@functools.cache
def _names() -> frozenset[str]:
    return frozenset(n.lower() for n in _load_yaml("names.yaml")["names"])


@functools.cache
def _names_pattern() -> re.Pattern:
    return _pattern_of(_names())


def _pattern_of(names: frozenset[str]) -> re.Pattern:
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, ordered)) + r")(?![^\W\d_])", re.IGNORECASE)


# The names to mask: (words, pattern). None stands for names.yaml alone.
_Mask = tuple[frozenset[str], re.Pattern] | None


@functools.lru_cache(maxsize=16)
def _mask(names: tuple[str, ...]) -> _Mask:
    """names.yaml plus the words of a film's own names (`toolkit.profiles.Profile.names`): every Latin-script
    word that is not a function word of some language ("Yi Sun-sin" keeps Spanish "sin", "Das Boot" German
    "das"). Names in other scripts are not masked: the script is itself the evidence the stage reads
    ("Салют-7" is Russian-looking text, a Hangul name Korean).

    >>> sorted(_mask(("Choi Min-sik", "Салют-7"))[0] - _names())
    ['choi', 'min', 'sik']
    """
    if not names:
        return None
    function_words = _function_words()
    words = {
        w
        for name in names
        for w in _word().findall(name.lower())
        if w not in function_words and not _non_latin().search(w)
    }
    if words <= _names():
        return None
    every = _names() | frozenset(words)
    return every, _pattern_of(every)


@functools.cache
def _word() -> re.Pattern:
    """A word: a run of letters, with an inner apostrophe ("it's", "l’on").

    Python's \\w leaves out combining marks (Unicode categories Mn, Mc), which some scripts write inside their
    words: a Devanagari vowel sign would cut "का" to "क" and "में" to "म", Bengali, Tamil and Thai alike, so no
    function word of theirs could be read. The stdlib re has no \\p{M}: the marks within the non-Latin scripts
    of scripts.yaml are listed from unicodedata. Latin's combining accents (U+0300-U+036F, a decomposed "é")
    stay out, as before, and all-Latin text has its own faster pattern (`_latin_word`).

    >>> _word().findall("यह फ़िल्म में है, it's fine")
    ['यह', 'फ़िल्म', 'में', 'है', "it's", 'fine']
    """
    # Letters, then any marks each followed by more letters: as fast as a plain run of letters where no mark is.
    run = f"[^\\W\\d_]+(?:[{_script_marks()}]+[^\\W\\d_]*)*"
    return re.compile(f"{run}(?:['’]{run})?")


@functools.cache
def _script_marks() -> str:
    """A character class body of the combining marks (Mn, Mc) within scripts.yaml's non-Latin scripts."""
    scripts = re.compile(
        "|".join(f"[{spec['chars']}]" for name, spec in _load_yaml("scripts.yaml").items() if name != "latin")
    )
    marks = [c for c in map(chr, range(0x10000)) if unicodedata.category(c) in ("Mn", "Mc") and scripts.match(c)]
    return "".join(re.escape(c) for c in marks)


@functools.cache
def _non_latin() -> re.Pattern:
    """Any letter outside the Latin script (numerics such as ½ also match; they only cost a slower path)."""
    return re.compile(f"[^\\W\\d_{_load_yaml('scripts.yaml')['latin']['chars']}]")


# ------------------------------------------------------------------------------------ text features ---


def _clean(text: str, mask: _Mask = None) -> str:
    """Drop URLs, e-mail addresses and known proper names: their letters say nothing about the language.

    Names are masked only in short texts, where they can tip the balance; in a long text they are a
    negligible share, and scanning for them would cost more than the whole rest of the stage.
    """
    if _URL_HINT.search(text):
        text = _URL.sub(" ", text)
    if len(text) < _NAMES_BELOW:
        words, pattern = mask if mask is not None else (_names(), None)
        if not words.isdisjoint(_word().findall(text.lower())):
            text = (pattern or _names_pattern()).sub(" ", text)
    return text


def _features(text: str) -> tuple[list[str], dict[str, int]]:
    """The lowercased words of the first `_FEATURE_CHARS` characters and their letters per script (the scripts
    present), read once for both the script rules and the function-word votes."""
    head = text[:_FEATURE_CHARS]
    if _non_latin().search(head):
        return _word().findall(head.lower()), _mixed_script_counts(head)
    # The common case, all Latin: every letter is in one of the words, so counting them spares a pass.
    words = _latin_word().findall(head.lower())
    total = _letters_in(words)
    return words, ({"latin": total} if total else {})


def _letters_in(words: list[str]) -> int:
    """Letters in the words found in a lowercased all-Latin text: their characters but the apostrophes.

    Lowercasing keeps the number of letters of such text (İ becomes i plus a combining dot, which is no letter):
    see `_latin_letters`.
    """
    joined = "".join(words)
    return len(joined) - joined.count("'") - joined.count("’")


@functools.cache
def _latin_word() -> re.Pattern:
    """`_word()` for text with no letter outside the Latin script, lowercased or not, about 1.5x faster: a class
    of code point ranges is quicker to test than Unicode categories."""
    letter = _latin_letters()
    return re.compile(f"{letter}+(?:['’]{letter}+)?")


@functools.cache
def _latin_letters() -> str:
    """A character class of scripts.yaml's Latin letters and their lowercase forms (Ɓ gives ɓ, outside them).

    In text with no letter outside the Latin script, lowercased or not, it matches exactly the letters, and
    lowercasing did not change their number, for every code point such text can hold (str.lower reads no
    context but for the Greek Σ, which cannot occur):

    >>> latin = _non_latin().sub("", "".join(map(chr, range(0x110000))))
    >>> all(re.findall(r"[^\\W\\d_]", t) == re.findall(_latin_letters(), t) for t in (latin, latin.lower()))
    True
    >>> changed = [c for c in latin if c.lower() != c]
    >>> [c for c in changed if len(re.findall(r"[^\\W\\d_]", c)) != len(re.findall(r"[^\\W\\d_]", c.lower()))]
    []
    """
    chars = _load_yaml("scripts.yaml")["latin"]["chars"]
    latin = re.compile(f"[{chars}]")
    lowered = "".join(latin.findall("".join(map(chr, range(0x10000))))).lower()
    extra = sorted(set(re.findall(r"[^\W\d_]", latin.sub("", lowered))))
    return f"[{chars}{re.escape(''.join(extra))}]"


@functools.lru_cache(maxsize=256)
def _mixed_script_counts(text: str) -> dict[str, int]:
    """Letters per script of text with some non-Latin letter, for the scripts present (`_features`).

    Memoised for the last few texts: `annotate` asks for a review's script right after detecting its
    language from the same string. Callers must not modify the returned dict.
    """
    table = _script_table()
    codes = _code_points(text)
    if table is not None and (not len(codes) or int(codes.max()) < len(table.script)):
        total = int(np.count_nonzero(table.letter[codes]))
        found = np.bincount(table.script[codes], minlength=table.scripts + 1).tolist()[1:]
    else:
        total = len(_NON_LETTER.sub("", text))
        found = None
    counts: dict[str, int] = {}
    remaining = total
    for k, (name, spec) in enumerate(_scripts().items()):
        if remaining <= 0:
            break
        n = found[k] if found is not None else spec["pattern"].subn("", text)[1]
        if n:
            counts[name] = n
            remaining -= n
    if remaining > 0:
        counts["other"] = remaining
    return counts


@dataclass(frozen=True)
class _ScriptTable:
    """Per code point below `len(script)`: its script's place in scripts.yaml (from 1; 0: none) and whether it is
    a letter (`_LETTER`), so that `_mixed_script_counts` counts with two look-ups per character instead of a
    regex pass per script. `scripts`: their number."""

    scripts: int
    script: np.ndarray
    letter: np.ndarray


@functools.cache
def _script_table() -> _ScriptTable | None:
    """The table of the Basic Multilingual Plane (text with a character above it is counted with the regexes),
    built with the scripts' own patterns; None if two scripts share a character, which the table cannot say."""
    plane = "".join(map(chr, range(0x10000)))
    script = np.zeros(0x10000, dtype=np.uint8)
    for k, spec in enumerate(_scripts().values(), start=1):
        codes = _code_points("".join(spec["pattern"].findall(plane)))
        if script[codes].any() or k > 255:
            return None
        script[codes] = k
    letter = np.zeros(0x10000, dtype=bool)
    letter[_code_points("".join(_LETTER.findall(plane)))] = True
    return _ScriptTable(len(_scripts()), script, letter)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _word_votes(words: list[str], text: str, *, script: str = "latin") -> dict[str, float]:
    """Function-word votes per language among `words` (`_features(text)`), plus distinctive letters of
    `script`."""
    votes = _votes(words)
    if script == "latin" and votes:
        # Distinctive letters (ř, ľ, ã, ñ, ø ...) only sharpen a decision the words already point to.
        pattern, owners = _latin_markers()
        for letter in pattern.findall(text[:_FEATURE_CHARS]):
            for iso in owners[letter]:
                votes[iso] = votes.get(iso, 0.0) + 1.0
    return votes


@functools.cache
def _latin_markers() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """One character class of every Latin marker letter, and letter -> languages it marks."""
    owners: dict[str, list[str]] = {}
    for iso, letters in _load_yaml("scripts.yaml")["latin"].get("markers", {}).items():
        for letter in letters:
            owners.setdefault(letter, []).append(iso)
    return re.compile("[" + re.escape("".join(sorted(owners))) + "]"), {k: tuple(v) for k, v in owners.items()}


@functools.cache
def _relatives() -> dict[str, frozenset[str]]:
    """language -> its close relatives (same group in relatives.yaml)."""
    out: dict[str, frozenset[str]] = {}
    for group in _load_yaml("relatives.yaml")["groups"]:
        for lang in group:
            out[lang] = frozenset(group) - {lang}
    return out


def _clear_winner(votes: dict[str, float], *, candidates: frozenset[str] | None) -> tuple[str, float] | None:
    """The language the function words point to, when they point clearly; else None."""
    if candidates is not None:
        votes = {k: v for k, v in votes.items() if k in candidates}
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    top_lang, top = ranked[0]
    if len(ranked) == 1 and top >= 2:
        return top_lang, 0.6  # two words of one language and none of any other: "Not bad at all."
    if top < 2:
        return None
    relatives = _relatives().get(top_lang, frozenset())
    kin = max((v for k, v in ranked[1:] if k in relatives), default=0.0)
    other = max((v for k, v in ranked[1:] if k not in relatives), default=0.0)
    # A relative shares many words, so it must be clearly behind; an unrelated language less so.
    if top - kin >= max(0.99, 0.34 * top) and top - other >= 0.99 and top >= 1.5 * other:
        second = max(kin, other)
        return top_lang, round(min(1.0, 0.5 + 0.5 * (top - second) / top), 4)
    return None


# ----------------------------------------------------------------------------------------- backends ---

_LOCK = threading.Lock()


def _normalise_code(code: str) -> str:
    code = code.lower()
    if code in ("nb", "nn"):
        return "no"  # one code for Norwegian across backends
    if code.startswith("zh"):
        return "zh"  # langdetect: zh-cn / zh-tw
    return code


@functools.cache
def _lingua_languages(codes: frozenset[str] | None):
    from lingua import IsoCode639_1, Language

    if codes is None:
        return tuple(Language.all())
    wanted = set(codes) | ({"nb", "nn"} if "no" in codes else set())
    out = []
    for lang in Language.all():
        if lang.iso_code_639_1.name.lower() in wanted:
            out.append(lang)
    if not out:
        known = sorted(lang.iso_code_639_1.name.lower() for lang in Language.all())
        raise ValueError(f"lingua knows none of {sorted(codes)}; it knows {', '.join(known)}")
    del IsoCode639_1
    return tuple(out)


@functools.cache
def _lingua(codes: frozenset[str] | None, high_accuracy: bool):
    """A lingua detector for the given languages (all 75 when None), cached per configuration."""
    from lingua import LanguageDetectorBuilder

    languages = _lingua_languages(codes)
    if len(languages) == 1:
        languages = languages + tuple(lang for lang in _lingua_languages(None) if lang not in languages)[:1]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if not high_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def _detect_lingua(text: str, candidates: frozenset[str] | None, *, profiled: bool = False) -> Detection:
    """lingua's answer; with `profiled` (the "auto" backend), short text is judged among `_short_text_pool`."""
    short = len(text) < _HIGH_ACCURACY_BELOW
    if short and profiled and candidates is None:
        detector = _lingua(_short_text_pool(text), True)
    else:
        detector = _lingua(candidates, short)
    values = detector.compute_language_confidence_values(text if short else text[:_LINGUA_CHARS])
    if not values or values[0].value <= 0:
        return _UNDETERMINED
    top = values[0]
    return Detection(_normalise_code(top.language.iso_code_639_1.name), round(float(top.value), 4))


@functools.cache
def _profiled_languages() -> frozenset[str]:
    """The languages the toolkit has rules for: function-word lists, and every language scripts.yaml names."""
    codes = set(_load_yaml("function_words.yaml"))
    for spec in _load_yaml("scripts.yaml").values():
        codes.update([spec["language"]] if spec.get("language") else [])
        codes.update(spec.get("candidates", ()))
    return frozenset(codes)


def preload() -> None:
    """Load at once every lingua model the "auto" backend may ask for (the profiled languages of scripts
    shared by several languages), instead of one language and n-gram order at a time as text needs them.

    lingua then loads them in parallel: about 4 s on two cores instead of about 10 s, for about 5 % more
    memory (models of profiled languages the input never needed). The streaming pipeline calls this before
    it forks workers, so that they share the models' pages; results do not change.
    """
    _preloaded_detector()


@functools.cache
def _preloaded_detector():
    from lingua import LanguageDetectorBuilder

    # lingua keeps loaded models in one store that every detector uses; this one only fills it.
    single = {spec["language"] for spec in _scripts().values() if spec["language"]}
    languages = _lingua_languages(_profiled_languages() - single)
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


def _short_text_pool(text: str) -> frozenset[str]:
    """The languages lingua's high-accuracy mode chooses among for a short text, in the "auto" backend.

    High-accuracy models take about 20 MB and a tenth of a second to load per language, and every call
    scores every language in the pool: over all 47 Latin-script languages that is about 950 MB, 6 s of
    start-up and 2-3 ms per short sentence. The pool is the profiled languages plus the language that
    low-accuracy mode (cheap, all 75 languages) ranks first, so a short text in a rarer language (Lithuanian,
    Vietnamese) can still win, and models are loaded only for the rare languages actually met. On the
    development set every figure of `toolkit evaluate languages` is the same as with all 75 languages.
    """
    pool = _profiled_languages()
    ranked = _lingua(None, False).compute_language_confidence_values(text)
    if ranked and ranked[0].value > 0:
        pool = pool | {_normalise_code(ranked[0].language.iso_code_639_1.name)}
    return pool


@functools.cache
def _langdetect_factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    # Our own factory (what langdetect's module-level `detect` builds for itself), loaded once. A fixed seed
    # makes langdetect's random sampling repeatable: same text, same answer, every run.
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0
    return factory


def _detect_langdetect(text: str, candidates: frozenset[str] | None) -> Detection:
    from langdetect.lang_detect_exception import LangDetectException

    factory = _langdetect_factory()
    with _LOCK:
        try:
            detector = factory.create()
            detector.append(text)
            ranked = detector.get_probabilities()
        except LangDetectException:  # "No features in text": numbers, symbols, emoji
            return _UNDETERMINED
    for item in ranked:
        code = _normalise_code(item.lang)
        if candidates is None or code in candidates:
            return Detection(code, round(float(item.prob), 4))
    return _UNDETERMINED


@functools.cache
def _py3langid(codes: frozenset[str] | None):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if codes is not None:
        known = set(identifier.labels)
        usable = sorted(set(codes) & known)
        if not usable:
            raise ValueError(f"py3langid knows none of {sorted(codes)}")
        identifier.set_languages(usable)
    return identifier


def _detect_py3langid(text: str, candidates: frozenset[str] | None) -> Detection:
    code, prob = _py3langid(candidates).classify(text)
    return Detection(_normalise_code(code), round(float(prob), 4))


def _detect_auto(text: str, candidates: frozenset[str] | None) -> Detection:
    """Script rules, then function words, then lingua; abstain when the evidence is too thin."""
    words, counts = _features(text)
    letters = sum(counts.values())
    script = max(counts, key=lambda k: (counts[k], k))
    if script == "latin" and len(counts) > 1:
        others = {k: v for k, v in counts.items() if k not in ("latin", "other")}
        if others and max(others.values()) >= 3 and not _votes(words):
            # Latin letters without a single function word next to another script: Latin names or a
            # transliterated title beside the text that carries the language ("Salyut-7 (2017) ساليوت 7").
            script = max(others, key=lambda k: (others[k], k))
    spec = _scripts().get(script)
    if spec is None:
        return _UNDETERMINED
    if spec["language"]:
        lang = spec["language"]
        if script in ("han", "kana") and counts.get("kana"):
            lang = "ja"  # Japanese mixes kanji and kana; Chinese has no kana
        elif script == "han" and counts.get("hangul"):
            lang = "ko"
        elif script == "han" and counts[script] <= _KANJI_WORD_MAX and _own_letters_language(text, spec) == "ja":
            lang = "ja"  # a kanji word with a Japanese-only form (最悪, 過大評価): no Chinese writes it
        if candidates is not None and lang not in candidates:
            return _UNDETERMINED
        share = (
            counts[script]
            + (counts.get("han", 0) if lang == "ja" and script == "kana" else 0)
            + (counts.get("kana", 0) if lang == "ja" and script == "han" else 0)
        )
        return Detection(lang, round(min(1.0, share / letters), 4))
    if _is_one_word(text):
        return _one_word_language(text, spec, candidates)
    if spec["candidates"]:
        pool = frozenset(spec["candidates"]) if candidates is None else frozenset(spec["candidates"]) & candidates
        if not pool:
            return _UNDETERMINED
        winner = _clear_winner(_word_votes(words, text, script=script), candidates=pool)
        if winner:
            return Detection(*winner)
        if letters < 8:
            # Too short for a model; distinctive letters (ї, ў, پ, ے ...) or the script's main language.
            for iso, pattern in spec["markers"]:
                if iso in pool and pattern.search(text):
                    return Detection(iso, 0.6)
            default = spec["default"]
            return Detection(default, 0.5) if default in pool else _UNDETERMINED
        return _detect_lingua(text, pool, profiled=True)
    # Latin script (and any script without a rule).
    votes = _word_votes(words, text, script=script)
    if candidates is not None:
        votes = {k: v for k, v in votes.items() if k in candidates}
    winner = _clear_winner(votes, candidates=candidates)
    if winner:
        return Detection(*winner)
    if letters < _MIN_LETTERS:
        # Too little for a model; two function words of one leading language still decide ("Con ... y").
        leader = _sole_leader(votes, minimum=1.0)
        return Detection(leader, 0.4) if leader else _UNDETERMINED
    found = _detect_lingua(text, candidates, profiled=True)
    if len(text) >= _HIGH_ACCURACY_BELOW or votes.get(found.language):
        return found
    # Short text whose function words do not support lingua's answer: a sole function-word leader
    # ("Regia di ...": di is Italian) beats the model; otherwise keep a confident answer or abstain.
    leader = _sole_leader(votes, minimum=1.0)
    if leader:
        return Detection(leader, 0.4)
    if found.confidence >= _MIN_CONFIDENCE:
        return found
    leader = _sole_leader(votes, minimum=0.5)
    return Detection(leader, 0.4) if leader else Detection(UND, found.confidence)


def _is_one_word(text: str) -> bool:
    """Whether `text` is one word: a single whitespace-separated token with letters ("Bravo !" is one)."""
    return len(text) <= _WORD_MAX_CHARS and sum(1 for token in text.split() if _LETTER.search(token)) == 1


def _one_word_language(text: str, spec: dict, candidates: frozenset[str] | None) -> Detection:
    """The language of a one-word text in a script several languages share, or "und" when it is not clearly one
    language's: "Kosmos", "Bravo!", "Film" and "Grid." are words of many languages, and a model's guess on one
    word is often wrong (`toolkit evaluate words`: 15.8 % of the words of corpus/gold/languages_lengths.csv
    answered wrongly before this rule, 2.8 % after).

    In order: a letter only one answerable language writes (scripts.yaml `own_letters`: ß, ő, ł, ř, ñ; і, ї,
    ы); the script's `word_default` (Arabic, Devanagari: their other languages have telltale letters); lingua's
    high-accuracy answer among the script's languages when it is sure (`_WORD_MIN_CONFIDENCE`,
    `_WORD_MIN_LEAD`); the script's `word_fallback` (Cyrillic: Russian, as for other short Cyrillic text);
    else "und".
    """
    pool = frozenset(spec["candidates"]) or _profiled_languages()
    if candidates is not None:
        pool = pool & candidates if spec["candidates"] else candidates
    own = _own_letters_language(text, spec)
    if own is not None and own in pool:
        return Detection(own, 0.6)
    if spec["word_default"] in pool:
        return Detection(spec["word_default"], 0.5)
    if not pool:
        return _UNDETERMINED
    ranked = _lingua(pool, True).compute_language_confidence_values(text)
    top = ranked[0].value if ranked else 0.0
    runner_up = ranked[1].value if len(ranked) > 1 else 0.0
    if top >= _WORD_MIN_CONFIDENCE and top >= _WORD_MIN_LEAD * runner_up:
        return Detection(_normalise_code(ranked[0].language.iso_code_639_1.name), round(float(top), 4))
    if spec["word_fallback"] in pool:
        return Detection(spec["word_fallback"], 0.4)
    return _UNDETERMINED


def _own_letters_language(text: str, spec: dict) -> str | None:
    """The one language whose own letters (scripts.yaml `own_letters`) `text` has; None for none or several."""
    found = {iso for iso, pattern in spec["own_letters"] if pattern.search(text)}
    return found.pop() if len(found) == 1 else None


def _sole_leader(votes: dict[str, float], *, minimum: float) -> str | None:
    """The one language with the most function-word hits (at least `minimum`), or None on a tie."""
    if not votes:
        return None
    best = max(votes.values())
    leaders = [k for k, v in votes.items() if v == best]
    return leaders[0] if best >= minimum and len(leaders) == 1 else None


_BACKEND_FUNCTIONS = {
    "auto": _detect_auto,
    "lingua": _detect_lingua,
    "langdetect": _detect_langdetect,
    "py3langid": _detect_py3langid,
}


def _backend(name: str | None):
    name = DEFAULT_BACKEND if name is None else name
    try:
        return _BACKEND_FUNCTIONS[name]
    except KeyError:
        raise ValueError(f"unknown language backend {name!r}; choose one of {', '.join(BACKENDS)}") from None


def _votes(words: Iterable[str]) -> dict[str, float]:
    """Function-word votes per language: a word shared by k languages gives each 1/k ("и" — ru, uk, bg, sr,
    mk — says little, "что" a lot)."""
    index = _function_words()
    votes: dict[str, float] = {}
    # filter() skips the many ordinary words in C; the function words are still added in text order, so the
    # float sums (and their ties) are exactly those of a plain loop.
    for word in filter(index.__contains__, words):
        langs = index[word]
        share = 1.0 / len(langs)
        for lang in langs:
            votes[lang] = votes.get(lang, 0.0) + share
    return votes


def detect_language(
    text: str,
    *,
    backend: str | None = None,
    candidates: Iterable[str] | None = None,
    names: Iterable[str] | None = None,
) -> Detection:
    """Detect the language of `text`: ISO 639-1 code and confidence, or ``"und"`` when undecidable.

    `backend` is one of BACKENDS (default DEFAULT_BACKEND); `candidates` restricts the answer to these
    ISO 639-1 codes. Text without letters (ratings, dates, URLs, emoji) is always ``"und"``. `names` are a
    film's proper names (a profile's `names`), masked in short texts as names.yaml's are.

    >>> detect_language("In Soviet Russia, problem has you.").language
    'en'
    >>> detect_language("Салют-7").language, detect_language("ساليوت 7").language
    ('ru', 'ar')
    >>> detect_language("★★★½ 3.5/5").language, detect_language("").language
    ('und', 'und')
    """
    detect = _backend(backend)
    if not isinstance(text, str):
        raise TypeError(f"detect_language needs a str, got {type(text).__name__}")
    pool = None if candidates is None else frozenset(_normalise_code(c) for c in candidates)
    cleaned = _clean(text, _mask(tuple(names)) if names else None).strip()
    if not _LETTER.search(cleaned):
        return _UNDETERMINED
    return detect(cleaned, pool)


# -------------------------------------------------------------------------------------------- stage ---


def _looks_like_names(text: str) -> bool:
    """Mostly capitalised words ("Vladimir Vdovichenkov, Pavel Derevyanko"): a cast list or a title."""
    return _mostly_capitalised(_CAPITALISED.findall(text))


def _mostly_capitalised(words: list[str]) -> bool:
    if not words:
        return True
    return sum(1 for w in words if w[0].isupper()) >= 0.6 * len(words)


def _sentence_language(
    text: str,
    review_lang: str,
    backend: str,
    review_script: str | None,
    names: tuple[str, ...] = (),
    whole: Detection | None = None,
    words: list[str] | None = None,
) -> str:
    """The sentence's own language, or the review's when the sentence gives no clear reason to differ.

    Most sentences are settled here with one regex pass and a dictionary look-up per word; only those
    whose script or function words point away from the review's language reach the detector. `whole` is the
    review's own detection when the sentence is the whole review text: the detector's answer on the same
    string, so it is not asked again. `words`: ``_word().findall(text.lower())``, when the caller has them.
    """
    if review_lang == UND or backend != "auto" or review_script is None:
        return _sentence_language_slow(text, review_lang, backend, names, whole)
    frame = _frame(text)
    if frame is not text:
        text, words, whole = frame, None, None
    lowered = _word().findall(text.lower()) if words is None else words
    if not lowered:
        return UND if not _LETTER.search(text) else review_lang
    votes = _votes(lowered)
    own = votes.get(review_lang, 0.0)
    best = max(votes.values(), default=0.0)
    if own > 0 and (own >= best or best < 2):
        return review_lang  # the common case: the review's own function words lead or nothing else does
    if len(text) < _SENTENCE_MIN_LETTERS or sum(map(len, lowered)) < _SENTENCE_MIN_LETTERS:
        # Too short for a model: inherit, unless its function words clearly name another language and
        # none is the review's ("Der Film ist toll." inside an English review).
        winner = _clear_winner(votes, candidates=None) if own == 0 else None
        return winner[0] if winner else review_lang
    if best == 0 and len(lowered) < 6:
        return review_lang  # a few words with no function word of any language: a title or a name
    if not _same_script(text, review_script):
        return _sentence_language_slow(text, review_lang, backend, names, whole, strict=True)
    spec = _scripts().get(review_script)
    if spec is not None and spec["language"]:
        return review_lang  # one-language script (Hangul, kana...): same script, same language
    if _letters_agree(text, review_lang, review_script) or _looks_like_names(text):
        return review_lang
    found = whole if whole is not None else detect_language(text, backend=backend, names=names)
    return _switch(found, review_lang)


def _switch(found: Detection, review_lang: str) -> str:
    """The sentence's language given the detector's answer on it: another language than the review's only on a
    clear answer (`_SWITCH_MIN_CONFIDENCE`)."""
    return found.language if found.language != UND and found.confidence >= _SWITCH_MIN_CONFIDENCE else review_lang


def _frame(text: str) -> str:
    """The sentence without its quoted spans, when enough letters remain to judge it (else `text` itself).

    A title or a quotation keeps its own language inside the sentence that cites it: „The First of the Few“ in a
    Czech sentence, "What a story" in a German one, 「Imagine」 in a Japanese one. The sentence is in the
    language of its frame; a sentence that is all quotation is judged whole.

    >>> _frame('Wie sie danach meinte: "What a story, and nobody knows it".')
    'Wie sie danach meinte:  .'
    """
    if not _QUOTE_MARK.search(text):
        return text
    frame = _QUOTED.sub(" ", text)
    return frame if len(_NON_LETTER.sub("", frame)) >= _MIN_LETTERS else text


def _review_sentence_languages(
    text: str,
    spans: list[tuple[int, int]],
    review_lang: str,
    backend: str,
    review_script: str | None,
    names: tuple[str, ...] = (),
    detection: Detection | None = None,
) -> list[str]:
    """Languages of one review's sentences.

    For the "auto" backend the words of each sentence are counted: function words of the review's language,
    and those of other languages only; a sentence with some of its own and at most
    one foreign one is settled at once (the vast majority), the rest go through `_sentence_language`.
    `detection` is the review's (`detect_language(text)`), handed on for a sentence that is the whole text.
    """
    whole = {(0, len(text)): detection} if detection is not None else {}
    if backend != "auto" or review_lang == UND or review_script is None:
        return [
            _sentence_language(text[a:b], review_lang, backend, review_script, names, whole.get((a, b)))
            for a, b in spans
        ]
    own_words, foreign_words = _own_and_foreign(review_lang)
    lowered = text.lower()
    # A sentence's words found in the lowered review are those of the lowered sentence, which
    # `_sentence_language` would find again, unless lowering changed lengths or Σ is in the text (lowered
    # alone, a sentence ending in Σ ends a word: ς; within the review, "ΟΔΟΣ.Και" keeps σ).
    reuse = len(lowered) == len(text) and "Σ" not in text
    if len(lowered) != len(text):
        lowered = text  # a few letters change length when lowered (İ); keep offsets right
    # All-Latin text (lowered or not): `_latin_word` finds the same words faster.
    find_words = (_word() if _non_latin().search(text) else _latin_word()).findall
    out = []
    for a, b in spans:
        # Sentence spans start and end at word boundaries, so each sentence's words are found within it. The
        # set tests run in C and stop at the first hit; foreign words are counted only when there are some.
        words = find_words(lowered, a, b)
        if not own_words.isdisjoint(words) and (
            foreign_words.isdisjoint(words) or sum(map(foreign_words.__contains__, words)) <= 1
        ):
            out.append(review_lang)
        elif not words and not _LETTER.search(text, a, b):
            out.append(UND)
        else:
            out.append(
                _sentence_language(
                    text[a:b], review_lang, backend, review_script, names, whole.get((a, b)), words if reuse else None
                )
            )
    return out


@functools.cache
def _own_and_foreign(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Function words of `lang`, and those that belong only to other languages."""
    index = _function_words()
    return (
        frozenset(w for w, langs in index.items() if lang in langs),
        frozenset(w for w, langs in index.items() if lang not in langs),
    )


def _sentence_language_slow(
    text: str,
    review_lang: str,
    backend: str,
    names: tuple[str, ...] = (),
    whole: Detection | None = None,
    *,
    strict: bool = False,
) -> str:
    """Sentence language for the other backends, when the review's language is unknown, or (`strict`: "auto"
    only, see `_switch`) for a sentence in another script than its review (`whole` as in `_sentence_language`)."""
    words = _word().findall(text)
    if not words or not _LETTER.search(text):
        return UND
    if review_lang != UND and (sum(map(len, words)) < _SENTENCE_MIN_LETTERS or _mostly_capitalised(words)):
        return review_lang  # too short to judge, or names and titles: inherit
    found = whole if whole is not None else detect_language(text, backend=backend, names=names)
    if strict:
        return _switch(found, review_lang)
    return review_lang if found.language == UND else found.language


def _letters_agree(text: str, lang: str, script: str) -> bool:
    """Whether the sentence's distinctive letters are the review language's and nobody else's.

    A Cyrillic sentence without і/ї/є/ў... in a Russian review is Russian; an Arabic-script one without
    پ/چ/ے... in an Arabic review is Arabic; a Latin one with ğ/ı/ş in a Turkish review is Turkish.
    """
    if script == "latin":
        pattern, owners = _latin_markers()
        found = set(pattern.findall(text))
        return bool(found) and all(lang in owners[letter] for letter in found)
    spec = _scripts().get(script)
    if spec is None or not spec["markers"]:
        return False
    others = [p for iso, p in spec["markers"] if iso != lang]
    if any(p.search(text) for p in others):
        return False
    own = [p for iso, p in spec["markers"] if iso == lang]
    return lang == spec["default"] or any(p.search(text) for p in own)


def _same_script(text: str, script: str) -> bool:
    """Whether `text`'s letters are mostly in `script` (cheap for the common all-Latin case)."""
    if script == "latin":
        return not _non_latin().search(text) or _dominant_script(text) == "latin"
    return _dominant_script(text) == script


def _dominant_script(text: str) -> str | None:
    head = text[:_FEATURE_CHARS]
    if not _non_latin().search(head):
        # All its letters are Latin ones, which `_LETTER` all matches: no need to count them.
        return "latin" if _LETTER.search(head) else None
    counts = _mixed_script_counts(head)
    return max(counts, key=lambda k: (counts[k], k)) if counts else None


def annotate(
    reviews: pd.DataFrame, *, backend: str | None = None, profile: Any = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill the reviews' `language`, `language_confidence`, `mixed`, and build the sentences table.

    A film `profile` (`toolkit.profiles.Profile`) adds its names (titles, people, `mask`) to those masked
    before detection.

    Requires `review_id`, `text`. Returns (reviews with those three columns set, sentences table with
    SENTENCE_COLUMNS where `language` is each sentence's own). A sentence too short to judge (fewer than
    20 letters), or made of names and titles, inherits its review's language; a sentence without letters
    is ``"und"``. A review is `mixed` when at least one sentence is in another language (CODEBOOK).
    The input frame is not modified.

    >>> reviews = pd.DataFrame({"review_id": ["r1"], "text": [
    ...     "Der Film ist spannend, und die Bilder sind toll. Die Musik ist aber zu laut. "
    ...     "Honestly, this is the best space movie I have seen in years."]})
    >>> out, sents = annotate(reviews)
    >>> out[["language", "mixed"]].values.tolist(), sents["language"].tolist()
    ([['de', True]], ['de', 'de', 'en'])
    """
    require(reviews, ["review_id", "text"], stage="language.annotate")
    name = DEFAULT_BACKEND if backend is None else backend
    _backend(name)
    texts = ["" if not isinstance(t, str) else t for t in reviews["text"].tolist()]
    names = tuple(profile.names) if profile is not None else ()
    detections, scripts = [], []
    for text in texts:
        detections.append(detect_language(text, backend=name, names=names))
        # Right after detection, while `_mixed_script_counts` still has this text memoised (usually the same
        # string).
        scripts.append(_dominant_script(text))
    out = reviews.copy()
    out["language"] = [d.language for d in detections]
    out["language_confidence"] = [d.confidence for d in detections]
    ids = out["review_id"].tolist()
    duplicated = sorted({str(r) for r in out["review_id"][out["review_id"].duplicated()]})
    if duplicated:
        raise TableError(f"language.annotate: review_id must be unique; repeated: {', '.join(duplicated)}")
    sents = _sentences.split(out[["review_id", "text", "language"]])
    review_lang = dict(zip(ids, out["language"].tolist()))
    review_text = dict(zip(ids, texts))
    review_script = dict(zip(ids, scripts))
    review_detection = dict(zip(ids, detections))
    rids, starts, ends = (sents[c].tolist() for c in ("review_id", "start", "end"))
    langs: list[str] = []
    i = 0
    while i < len(rids):  # sentences come grouped by review, in order
        j = i
        while j < len(rids) and rids[j] == rids[i]:
            j += 1
        rid = rids[i]
        langs += _review_sentence_languages(
            review_text[rid],
            list(zip(starts[i:j], ends[i:j])),
            review_lang[rid],
            name,
            review_script[rid],
            names,
            review_detection[rid],  # a one-sentence review's sentence is not detected twice
        )
        i = j
    sents = sents.assign(language=langs)
    foreign = sents[(sents["language"] != UND) & (sents["language"] != sents["review_id"].map(review_lang))][
        "review_id"
    ]
    out["mixed"] = out["review_id"].isin(set(foreign.tolist()))
    return out, sents
