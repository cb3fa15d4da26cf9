"""Sentence splitting stage: reviews → the sentences table (DESIGN.md), in many languages, offline.

A rule-based splitter with per-language data (toolkit/data/sentences/: abbreviations and the words that open
sentences): no nltk_data is needed, and it runs at tens of MB/s, far faster than pysbd (about 0.24 MB/s), which
matters because the whole pipeline must reach 1 MB/s per core. Offsets are always into the review text:
``review.text[start:end] == sentence.text``; whitespace, bullets and list markers are trimmed by moving offsets.

How `spans` cuts a text, top to bottom:
1. candidate ends: each run of terminal marks with the closing quotes, brackets and emoticons that belong to
   it (`_candidates`);
2. each candidate judged (`_ends_sentence`): a lowercase word after it continues the sentence, unless the text
   opens its sentences in lowercase as many user posts do (`_opens_lowercase`); "!", "?" and quotes end it; an
   ellipsis ends it unless it stands between words; a full stop after an abbreviation depends on the
   abbreviation and on the next word (`_full_stop_ends`); CJK marks inside titles do not; emoji with no mark
   before them end one before a word that can open a sentence (`_emoji_ends`);
3. hard breaks: blank lines, bullet lines and inline lists ("1.) … 2.) …", "a. … b. …");
4. the pieces between breaks, trimmed; a piece that is only an ellipsis joins the next one.
`toolkit evaluate sentences` scores the rules on written golden-rule cases (corpus/gold/sentence_boundaries.yaml).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd

from toolkit.datafiles import load_yaml, read_text
from toolkit.tables import SENTENCE_COLUMNS, require

__all__ = ["split", "spans"]

# Marks that end a sentence in every language: Latin, CJK full-width, Arabic "؟" and "۔", Devanagari dandas,
# the Greek question mark (U+037E). Greek also writes that mark as a plain ";", which is a semicolon elsewhere.
_TERMINALS = ".!?…。！？؟‼⁉⁈।॥۔\u037e"
_LANGUAGE_TERMINALS = {"el": ";"}
# Closing quotes and brackets that belong to the sentence they follow ("…?“ Niemand", "…?» Никто").
_CLOSERS = "\"'”’“‘»›«‹)]」』）》〉"
# Emoji code points; an emoji with no terminal mark before it may end a sentence too (`_emoji_ends`).
_EMOJI = "\U0001f300-\U0001faff"
_EMOJI_RUN = f"[{_EMOJI}][{_EMOJI}\u200d\ufe0f]*"
# An emoticon or emoji right after a terminal mark stays with its sentence ("Loved it! :) The sound …").
_EMOTICON = f"(?:[:;=]-?[()DPp]|{_EMOJI_RUN})"
# CJK marks end a sentence without a following space, except inside a title (《你好！太空》) or before a
# particle that continues the sentence after a quote (「…？」と彼は聞いた).
_CJK_MARKS = "。！？"
_CJK_CLOSERS = "」』）》〉”’"
_TITLE_OPEN, _TITLE_CLOSE = "《〈『", "》〉』"
_QUOTE_CONTINUES = "とっ、，,"
# Paragraph breaks, and line starts that open a list item ("• x", "- x", "* x", "1. x", "2) x").
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_BULLET_LINE = re.compile(r"(?m)^[^\S\n]*(?:[•·▪‣◦●○■□➤►✓✔\-*–—]|\d{1,3}[.)])[^\S\n]+(?=\S)")
# Inline list markers ("1.) ", "2) ", "3. ", "a. ").
_LIST_MARKER = re.compile(r"(?<!\S)(\d{1,2}|[a-z])(\.\)|\.|\))[^\S\n]+(?=\S)")
# One- or two-letter pieces with dots before a token: "т. " of "т. д.", "z. " of "z. B.".
_SPACED_PIECES = re.compile(r"(?:(?<!\S)[^\W\d_]{1,2}\.[^\S\n]){1,3}$")
_LETTERS = re.compile(r"[^\W\d_]+")
_NEXT_WORD = re.compile(r"[\"'“‘«„(\[]*(\w+)")
_OPENING_PUNCT = "\"'“‘«‹([¿¡„‚「『（—–-"
# A terminal mark followed by a space and a letter: the letter's case tells how a text opens its sentences.
_OPENING = re.compile(rf"[.!?](?:[{re.escape(_CLOSERS)}]*)[^\S\n]+(\w)")
_FIRST_LETTER = re.compile(r"[^\W\d_]")
_AFTER_OPENING = re.compile(rf"[\s{re.escape(_OPENING_PUNCT)}]*(\S)")


@dataclass(frozen=True)
class _Rules:
    """What the splitter knows about one language (see toolkit/data/sentences/abbreviations.yaml)."""

    never_end: frozenset[str]  # abbreviations a full stop after which does not end a sentence
    final: frozenset[str]  # abbreviations that end one before any capital ("etc.", "usw.")
    may_end: frozenset[str]  # abbreviations that end one before a sentence-opening word
    year_marks: frozenset[str]  # "г.", "r." after a number: end one before any capital
    number_only: frozenset[str]  # abbreviations that only hold before a digit ("No. 7")
    ordinal_dot: bool  # "am 5. Oktober": 1–2 digit numbers with a dot are ordinals
    starters: frozenset[str]  # words that open sentences (toolkit/data/sentences/starters.yaml)
    candidates: re.Pattern

    @functools.cached_property
    def listed(self) -> frozenset[str]:
        """Every abbreviation above: a token outside it is an ordinary word, decided with one look-up."""
        return self.never_end | self.final | self.may_end | self.year_marks | self.number_only


@functools.cache
def _data() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Load the abbreviation and sentence-starter lists once, keyed by ISO 639-1 (plus the special lists)."""
    # Every entry a string: YAML 1.1 would read "no" and "on" as booleans.
    abbreviations = load_yaml(read_text("sentences/abbreviations.yaml"), strings=True)
    starters = load_yaml(read_text("sentences/starters.yaml"), strings=True)
    return (
        {key: frozenset(str(v).lower() for v in (values or [])) for key, values in abbreviations.items()},
        {key: frozenset(str(v) for v in values) for key, values in starters.items()},
    )


_SPECIAL = frozenset({"common", "final", "may_end", "year_marks", "number_only", "ordinal_dot"})


@functools.cache
def _rules(language: str | None) -> _Rules:
    """The rules for one language; an unknown one gets a cautious subset of the abbreviations (see below)."""
    data, starters = _data()
    if language and language in data and language not in _SPECIAL:
        never_end = data["common"] | data[language]
    else:
        # Unknown language: the common list, dotted forms ("z.b", "т.е") and abbreviations listed for
        # two or more languages. A short form listed for one language only ("me" for French "Maître")
        # is too often an ordinary word elsewhere ("Notify me. Watch ...").
        seen: dict[str, int] = {}
        for key, values in data.items():
            if key not in _SPECIAL:
                for v in values:
                    seen[v] = seen.get(v, 0) + 1
        never_end = data["common"] | frozenset(v for v, n in seen.items() if n >= 2 or "." in v)
    if language in starters:
        opening = starters[language]
    else:
        opening = frozenset().union(*starters.values())
    return _Rules(
        never_end=never_end,
        final=data["final"],
        may_end=data["may_end"],
        year_marks=data["year_marks"],
        number_only=data["number_only"],
        ordinal_dot=bool(language) and language in data["ordinal_dot"],
        starters=opening,
        candidates=_candidates(_LANGUAGE_TERMINALS.get(language or "", "")),
    )


@functools.cache
def _candidates(extra_marks: str) -> re.Pattern:
    """The regex of candidate sentence ends, for the universal terminal marks plus a language's own."""
    marks = re.escape(_TERMINALS + extra_marks)
    closers = re.escape(_CLOSERS)
    # The leading lookahead names every character a match can start with, so the regex engine skips ahead
    # to the next one instead of trying every branch at every position (2.5x faster on long reviews).
    return re.compile(
        rf"(?=[{marks}{_EMOJI}])"
        rf"(?:(?P<punct>\.(?:[ \u00a0]\.){{2,}}|[{marks}]+)"  # ". . ." or a run of marks
        rf"(?P<close>(?:[ \u00a0\u202f][»›])?[{closers}]*)"  # closing quotes (French: "? »")
        rf"(?P<emoticon>(?:[^\S\n]+{_EMOTICON}(?=\s|$))*)"
        rf"(?P<space>\s+|$)"
        rf"|(?P<cjk>[{_CJK_MARKS}]+[{_CJK_CLOSERS}]*)"  # CJK: no space needed
        rf"|(?P<emoji>{_EMOJI_RUN}))"  # emoji with no terminal mark before them
    )


def spans(text: str, *, language: str | None = None) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`, whitespace-trimmed, in order.

    >>> t = "Dr. Smith saw it. It cost $6.5m, i.e. a lot... and more! Rating: 3.5/5."
    >>> [t[a:b] for a, b in spans(t, language="en")]
    ['Dr. Smith saw it.', 'It cost $6.5m, i.e. a lot... and more!', 'Rating: 3.5/5.']
    >>> t = "Das kostete z. B. 1.2 Mrd. Rubel. Start am 5. Oktober."
    >>> [t[a:b] for a, b in spans(t, language="de")]
    ['Das kostete z. B. 1.2 Mrd. Rubel.', 'Start am 5. Oktober.']
    >>> t = "It was shot in the U.S. It opened in 2017. Top three: 1.) the docking 2.) the score"
    >>> [t[a:b] for a, b in spans(t, language="en")]
    ['It was shot in the U.S.', 'It opened in 2017.', 'Top three:', 'the docking', 'the score']
    """
    if not text:
        return []
    rules = _rules(language)
    # Whether the text opens its sentences in lowercase: read once, and only when a break depends on it.
    lower = functools.cache(lambda: _opens_lowercase(text))
    breaks = _hard_breaks(text)  # as (end of one sentence, start of the next)
    for m in rules.candidates.finditer(text):
        if m.lastgroup == "emoji":
            nxt = _emoji_ends(text, m, lower)
            if nxt:
                breaks.append((m.end(), nxt))
        elif _ends_sentence(text, m, rules, lower):
            stop = m.end("emoticon")  # -1 for a CJK mark, which has no emoticon group
            breaks.append((stop if stop >= 0 else m.end(), m.end()))
    breaks.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for stop, nxt in breaks:
        if stop < pos:
            pos = max(pos, nxt)
            continue
        _append_trimmed(text, pos, stop, out)
        pos = max(pos, nxt)
    _append_trimmed(text, pos, len(text), out)
    return _merge_dots(text, out)


def _ends_sentence(text: str, m: re.Match, rules: _Rules, lower: Callable[[], bool]) -> bool:
    """Decide whether the candidate `m` (terminal marks, closing quotes, emoticons) ends a sentence; `lower()`:
    whether the text opens its sentences in lowercase (`_opens_lowercase`)."""
    punct, close, emoticon = m.group("punct", "close", "emoticon")
    if punct is None:
        return _cjk_ends(text, m)
    end = m.end()
    if end >= len(text):
        return True
    if not _starts_sentence(text, end):
        if text[end].islower() and lower():
            return _lowercase_opens(text, m, rules)
        return False  # "z. B. der", "Yahoo! in", "“Stop!” she said"
    if punct == "." and not close and not emoticon:
        return _full_stop_ends(text, m.start(), end, rules)
    if _is_ellipsis(punct):
        return _ellipsis_ends(text, m)
    return True  # "!", "?", "?!", Greek ";", a closed quote, "Not my thing. :("


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether the text at `pos` (first non-space char after a terminal mark) can open a sentence."""
    ch = text[pos]
    if ch.isalpha():
        # Lowercase letters continue the sentence ("z. B. der", "т. е. фильм"); caseless scripts
        # (Arabic, CJK, Hebrew...) have no case, so any letter may start one.
        return not ch.islower()
    if ch in _OPENING_PUNCT:
        # Look past the quote or dash: "«Мы успеем?» — спросил он" goes on, "„Wir schaffen das“" opens.
        first = _AFTER_OPENING.match(text, pos + 1)
        return not first or not first.group(1).islower()
    # Digits, and symbols such as ★, emoji, bullets: a new unit.
    return True


def _opens_lowercase(text: str) -> bool:
    """Whether `text` opens its sentences in lowercase, as many user posts do ("ok. the acting is bad. also
    the sets"): more letters after ". ", "! " or "? " are lowercase than uppercase, at least two of them (the
    text's own first letter counts too). Then a lowercase word after a full stop that follows an ordinary
    word also opens a sentence; in text that capitalises its sentences, "z. B. der" and "approx. the" stay
    one sentence however short the abbreviation list is."""
    openings = "".join(_OPENING.findall(text))
    first = _FIRST_LETTER.search(text)
    low = sum(c.islower() for c in openings) + bool(first and first.group().islower())
    up = sum(c.isupper() for c in openings)
    return low >= 2 and low > up


def _lowercase_opens(text: str, m: re.Match, rules: _Rules) -> bool:
    """In a text that opens sentences in lowercase, whether the candidate `m` before a lowercase word ends a
    sentence: "!" and "?" do; a full stop after an ordinary word or a year does, not after an abbreviation,
    an initial or an ordinal ("5. října"); an ellipsis does not ("so... the")."""
    punct = m.group("punct")
    if _is_ellipsis(punct):
        return False
    if punct != "." or m.group("close") or m.group("emoticon"):
        return True
    token, _ = _token_before_stop(text, m.start())
    if not token or token in rules.listed or _initial_or_acronym(token):
        return False
    return not (token.isdigit() and rules.ordinal_dot and len(token) <= 2)


def _emoji_ends(text: str, m: re.Match, lower: Callable[[], bool]) -> int:
    """Where the next sentence starts when the emoji `m`, with no terminal mark before it, ends one (else 0):
    before a word that can open a sentence, a capital, a letter of a caseless script, or a lowercase one in a
    text that opens its sentences in lowercase ("nailed it 😂 Then the second half", "盛りすぎ😂劇中で")."""
    before = text[max(0, m.start() - 8) : m.start()].rstrip(" \u00a0")[-1:]
    if not before or before.isspace():
        return 0
    nxt = m.end()
    while nxt < len(text) and text[nxt] in " \u00a0":
        nxt += 1
    if nxt < len(text) and text[nxt].isalpha() and (not text[nxt].islower() or lower()):
        return nxt
    return 0


def _is_ellipsis(punct: str) -> bool:
    """ "...", "…", ". . .", "...." (not "?.." or "!!!": those end their sentence as their first mark does)."""
    return not punct.strip(". \u00a0…") and (punct.count(".") >= 2 or "…" in punct)


def _ellipsis_ends(text: str, m: re.Match) -> bool:
    """An ellipsis before a capital ends the sentence, unless it stands between words for words left out."""
    if m.group("close") or m.group("emoticon"):
        return True
    punct = m.group("punct")
    dots = punct.count(".") + 3 * punct.count("…")
    detached = m.start() > 0 and text[m.start() - 1].isspace()
    # "It was fine . . . I mean" leaves words out; "more. . . . The" and "end.... Then" end a sentence.
    return not (detached and dots == 3)


def _full_stop_ends(text: str, dot: int, end: int, rules: _Rules) -> bool:
    """Whether the full stop at `dot`, followed by a capital, digit or symbol at `end`, ends a sentence."""
    token, start = _token_before_stop(text, dot)
    if token not in rules.listed:
        if token.isdigit():
            # "am 5. Oktober", "5. října": ordinal dots in languages that write ordinals that way.
            return not (rules.ordinal_dot and len(token) <= 2)
        # The common case, an ordinary word ("... the film. It ..."), ends the sentence; initials and
        # dotted acronyms end it only before a sentence-opening word.
        return not _initial_or_acronym(token) or _starter_follows(text, end, rules)
    if token in rules.number_only and text[end].isdigit():
        return False  # "No. 7", "Nr. 3", "p. 12"
    if token in rules.final:
        return True  # "etc. The next...", "и т. д. Всё ..."
    if token in rules.year_marks and text[max(0, start - 12) : start].rstrip()[-1:].isdigit():
        return True  # "в 1985 г. Экипаж ...", where "г. Москва" is the city
    if token in rules.may_end:
        return _starter_follows(text, end, rules)  # "Pitt & Co. They ...", "8 Mio. Euro"
    if token in rules.never_end:
        return False  # "Dr. Ryumin", "z. B. Kosmonauten"
    return not _initial_or_acronym(token) or _starter_follows(text, end, rules)


def _initial_or_acronym(token: str) -> bool:
    """Initials and dotted acronyms, which end a sentence only before a sentence-opening word: "Arkady N.
    Strugatsky", "the U.S. Senate", but "my sister and I. Then", "shot in the U.S. It", "at 7 p.m. It"."""
    if "." not in token:
        return len(token) == 1 and token.isalpha()
    return all(len(p) <= 2 for p in token.split("."))


def _token_before_stop(text: str, dot: int) -> tuple[str, int]:
    """The lowercased token before the full stop at `dot`, a short one joined to the dotted pieces before it
    ("z. b" → "z.b"): what the abbreviation lists are looked up with; and where its last word starts."""
    token, start = _word_before(text, dot)
    return (_join_spaced(text, start, token) if len(token) <= 3 else token), start


def _word_before(text: str, dot: int) -> tuple[str, int]:
    """The lowercased token before the full stop at `dot` and where it starts, without opening quotes or
    an elided article ("d'env." → "env")."""
    # Only a short window is read: abbreviations are short, and reading from 0 would be quadratic.
    piece = text[max(0, dot - 40) : dot]
    if not piece or piece[-1].isspace():
        return "", dot
    token = piece.rsplit(None, 1)[-1].lstrip(_OPENING_PUNCT)
    if "'" in token or "’" in token:
        token = token[max(token.rfind("'"), token.rfind("’")) + 1 :]
    return token.lower(), dot - len(token)


def _join_spaced(text: str, start: int, token: str) -> str:
    """A short token joined to the dotted one- or two-letter pieces before it: "т. д" → "т.д", "z. b" → "z.b"."""
    if start < 2 or text[start - 2] != ".":
        return token
    pieces = _SPACED_PIECES.search(text, max(0, start - 15), start)
    if not pieces:
        return token
    return ".".join(p.lower() for p in _LETTERS.findall(pieces.group())) + "." + token


def _starter_follows(text: str, end: int, rules: _Rules) -> bool:
    """Whether the word at `end` is one that opens sentences (and not itself an initial: "N. A. Smith")."""
    word = _NEXT_WORD.match(text, end)
    return bool(word) and word.group(1) in rules.starters and text[word.end() : word.end() + 1] != "."


def _cjk_ends(text: str, m: re.Match) -> bool:
    """A CJK mark ends its sentence unless it is inside a title or a particle continues after a quote."""
    start, end = m.start(), m.end()
    window = max(0, start - 200)
    opened = max(text.rfind(c, window, start) for c in _TITLE_OPEN)
    if opened >= 0 and opened > max(text.rfind(c, window, start) for c in _TITLE_CLOSE):
        return False  # "《你好！太空》", "『助けて！宇宙へ』"
    quoted = m.group("cjk")[-1] in _CJK_CLOSERS
    return not (quoted and end < len(text) and text[end] in _QUOTE_CONTINUES)


def _hard_breaks(text: str) -> list[tuple[int, int]]:
    """Breaks that need no terminal mark, as (break_at, content_start): blank lines, bullets, inline lists."""
    cuts = _list_items(text)
    if "\n" not in text:  # one line: only its start can hold a bullet
        bullet = _BULLET_LINE.match(text)
        return cuts + [bullet.span()] if bullet else cuts
    cuts += [m.span() for m in _PARAGRAPH.finditer(text)]
    return cuts + [m.span() for m in _BULLET_LINE.finditer(text)]


def _list_items(text: str) -> list[tuple[int, int]]:
    """The markers of inline lists ("1.) … 2.) …", "1) … 2) …", "a. … b. …") as (marker start, item start).

    A list opens with "1" or "a" at the start of the text or a line, or after a colon or a sentence end,
    and goes on with the next number or letter in the same style; one marker alone is no list ("am 1. Mai").
    One pass over the markers, so a long review full of them costs time in proportion to its length.
    """
    cuts: list[tuple[int, int]] = []
    if not _may_open_list(text):
        return cuts
    run: list[re.Match] = []
    for m in _LIST_MARKER.finditer(text):
        if run and m.group(2) == run[-1].group(2) and m.group(1) == _following(run[-1].group(1)):
            run.append(m)
        elif m.group(1) in ("1", "a") and _opens_list(text, m.start()):
            if len(run) >= 2:
                cuts += [r.span() for r in run]
            run = [m]
    if len(run) >= 2:
        cuts += [r.span() for r in run]
    return cuts


def _may_open_list(text: str) -> bool:
    """Whether `text` holds something like a first marker: most texts do not, and substring tests tell them
    apart about twice as fast as the regex."""
    return (
        "1." in text or "1)" in text or " a." in text or " a)" in text or "\na" in text or text.startswith(("a.", "a)"))
    )


def _opens_list(text: str, pos: int) -> bool:
    before = text[max(0, pos - 40) : pos].rstrip(" \t\u00a0")
    return not before or before[-1] in "\n:.!?;"


def _following(marker: str) -> str:
    return str(int(marker) + 1) if marker.isdigit() else chr(ord(marker) + 1)


def _merge_dots(text: str, out: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a span that is only an ellipsis ("Fandango. ... Salyut") to the sentence after it."""
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for start, end in out:
        if carry is not None:
            start, carry = carry, None
        if text[start] in ".…" and not text[start:end].strip(".…"):
            carry = start
            continue
        merged.append((start, end))
    if carry is not None:
        merged.append((carry, out[-1][1]))
    return merged


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Append (start, end) after moving the offsets past surrounding whitespace; skip blank spans."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def _iter_rows(reviews: pd.DataFrame, use_language: bool) -> Iterator[tuple]:
    ids = reviews["review_id"].tolist()
    texts = reviews["text"].tolist()
    langs = reviews["language"].tolist() if use_language else [None] * len(ids)
    for review_id, text, lang in zip(ids, texts, langs):
        if text is None or (isinstance(text, float) and text != text):
            text = ""
        if not isinstance(text, str):
            raise TypeError(f"sentences.split: review {review_id!r} has non-text `text` ({type(text).__name__})")
        lang = lang if isinstance(lang, str) and lang and lang != "und" else None
        for n, (start, end) in enumerate(spans(text, language=lang), start=1):
            yield review_id, f"{review_id}:{n}", n, start, end, text[start:end], lang


def split(reviews: pd.DataFrame) -> pd.DataFrame:
    """Split every review into sentences: the sentences table.

    Requires `review_id`, `text`; uses `language` (ISO 639-1) when present to pick abbreviation rules.
    Returns SENTENCE_COLUMNS plus `n`: `sentence_id` is ``"<review_id>:<n>"`` with `n` the 1-based
    ordinal of the sentence in its review (stable for the same text), `start`/`end` are offsets into
    the review's text, and `language` is the review's language (``annotate`` in toolkit.language
    replaces it with each sentence's own). Empty or whitespace-only reviews have no sentences.

    >>> reviews = pd.DataFrame({"review_id": ["r1"], "text": ["Mr. Vdovichenkov stars. ★★★½"]})
    >>> split(reviews)[["sentence_id", "start", "end", "text"]].values.tolist()
    [['r1:1', 0, 23, 'Mr. Vdovichenkov stars.'], ['r1:2', 24, 28, '★★★½']]
    """
    require(reviews, ["review_id", "text"], stage="sentences.split")
    rows = list(_iter_rows(reviews, "language" in reviews.columns))
    columns = ["review_id", "sentence_id", "n", "start", "end", "text", "language"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.astype({"n": "int64", "start": "int64", "end": "int64"})
    order = [c for c in SENTENCE_COLUMNS if c in frame.columns] + ["n"]
    return frame[order]
