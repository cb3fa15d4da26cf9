"""Segmenting stage: propose review units for a NEW raw page dump as a draft manifest (the format of
corpus/manifest.yaml) that a researcher then curates. Heuristics over lines and paragraphs, cue lists in
toolkit/data/segment/cues.yaml; every proposal says why it was made, every line left out says why.

    draft = propose(raw_text, source="raw/new_dump.txt")   # the manifest as a dict
    text = to_yaml(draft)                                   # human-readable, loads with load_corpus
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["SegmentError", "propose", "to_yaml", "segment_file"]

_DATA = Path(__file__).parent / "data" / "segment" / "cues.yaml"

# Labels of a line. Transparent ones never end a unit and are dropped from inside one.
_TRANSPARENT = ("repeat", "caption")
_CUE_WORDS = 30  # a line this short is furniture with one site/promo cue; longer ones need two
_MIN_ORPHAN_WORDS = 15  # a unit with no header or list/comment context needs this many words
_MIN_PROSE_WORDS = 8  # a line needs this many words (and a sentence end) to count as prose
_BLURB_WORDS = 40  # an attributed one-paragraph unit up to this long is a blurb
_MAX_HELD = 3  # headings absorbed between two prose paragraphs of one unit (Q&A-style reviews)
_DEK_WORDS = 50  # a lone paragraph right above a byline shorter than this is the article's subtitle
_SHINGLE = 3  # words per shingle for near-duplicate detection
_DUPLICATE = 0.5  # share of a unit's shingles found in an earlier unit that makes it a repeat


class SegmentError(ValueError):
    """The raw dump cannot be segmented (empty, not text, no review-like text); the message names the file."""


# ---------------------------------------------------------------------------------------------- cue data
@dataclass(frozen=True)
class _Cues:
    site: tuple[tuple[str, re.Pattern[str]], ...]
    promo: tuple[tuple[str, re.Pattern[str]], ...]
    caption: tuple[tuple[str, re.Pattern[str]], ...]
    comment_open: tuple[re.Pattern[str], ...]
    comment_close: tuple[re.Pattern[str], ...]
    comment_by: tuple[re.Pattern[str], ...]
    comment_buttons: tuple[re.Pattern[str], ...]
    rating_line: tuple[re.Pattern[str], ...]
    section_ends: tuple[re.Pattern[str], ...]
    release: tuple[tuple[str, re.Pattern[str]], ...]
    review_by: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    months: dict[str, int]
    snippet_meta: tuple[tuple[re.Pattern[str], bool], ...]
    bio: tuple[re.Pattern[str], ...]
    not_name: frozenset[str]
    connectors: frozenset[str]


def _phrase(word: str) -> re.Pattern[str]:
    # Word boundaries only where the phrase starts or ends with a word character ("photo:" ends with ":").
    left = r"(?<!\w)" if word[:1].isalnum() else ""
    right = r"(?!\w)" if word[-1:].isalnum() else ""
    return re.compile(left + re.escape(word) + right, re.IGNORECASE)


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    try:
        data: dict[str, Any] = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:  # pragma: no cover - the shipped file is tested
        raise SegmentError(f"{_DATA}: not valid YAML ({error})") from None

    def phrases(key: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        words = sorted({w for ws in data[key].values() for w in ws}, key=lambda w: (-len(w), w))
        return tuple((w, _phrase(w)) for w in words)

    def regexes(key: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
        items = data[key].values() if isinstance(data[key], dict) else [data[key]]
        return tuple(re.compile(p, flags) for ps in items for p in ps)

    return _Cues(
        site=phrases("site_cues"),
        promo=phrases("promo_cues"),
        caption=phrases("caption_cues"),
        comment_open=regexes("comment_open"),
        comment_close=regexes("comment_close"),
        comment_by=regexes("comment_by"),
        comment_buttons=regexes("comment_buttons"),
        rating_line=regexes("rating_line"),
        section_ends=tuple(pattern for _, pattern in phrases("section_ends")),
        release=phrases("release_words"),
        review_by=regexes("review_by"),
        byline=regexes("byline", 0),
        months={k.casefold(): int(v) for by_lang in data["months"].values() for k, v in by_lang.items()},
        snippet_meta=tuple((re.compile(m["pattern"], re.IGNORECASE), bool(m["closes"])) for m in data["snippet_meta"]),
        bio=regexes("bio", 0),
        not_name=frozenset(w.casefold() for ws in data["not_name_words"].values() for w in ws),
        connectors=frozenset(w for ws in data["attribution_connectors"].values() for w in ws),
    )


# ---------------------------------------------------------------------------------------------- lines
@dataclass(frozen=True)
class _Line:
    """One non-blank line of the dump: offsets of its body (without indent or bullet), its paragraph."""

    number: int  # 1-based line number in the dump
    line_start: int  # offset of the line's first character (for page anchors)
    start: int  # offset of the body's first character
    end: int  # offset after the body's last non-space character
    body: str
    indent: int
    bullet: bool
    whole_paragraph: bool  # the line is a paragraph of its own (blank lines around it)
    row_text: str  # the whole line stripped (bullet included): what the loader compares drops with


_BULLET = re.compile(r"^(\s*)([•·▪◦‣*–-])\s+")


def _lines(raw: str) -> list[_Line]:
    out: list[_Line] = []
    offset = 0
    rows = raw.split("\n")
    for number, row in enumerate(rows, start=1):
        if row.strip():
            bullet = _BULLET.match(row)
            body_at = bullet.end() if bullet else len(row) - len(row.lstrip())
            body = row[body_at:].rstrip()
            alone = (number == 1 or not rows[number - 2].strip()) and (number == len(rows) or not rows[number].strip())
            out.append(
                _Line(
                    number,
                    offset,
                    offset + body_at,
                    offset + body_at + len(body),
                    body,
                    len(row) - len(row.lstrip()),
                    bool(bullet),
                    alone,
                    row.strip(),
                )
            )
        offset += len(row) + 1
    return out


# ---------------------------------------------------------------------------------------------- features
_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’»)\]]*$")
_INNER_BREAK = re.compile(r"[.!?…]['\"”’»)]*\s+['\"“‘«(]?[^\W_]")
_URL = re.compile(r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)+/\S*)$", re.IGNORECASE)
_LABEL = re.compile(r"(?:^|\s)[A-Z][\w ]{0,20}:\s")
_CARD = re.compile(r"^ {1,6}(\d{1,3})\.\s+(\S.*)$")
_SYMBOLS = set("<>{}[]|=\\#@_^~")
_STARS_ONLY = re.compile(r"^[★☆½⭐✭✮]{1,10}$")
_NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.-](?=[^\W\d_]|$))*$")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _cap_share(words: list[str]) -> float:
    cased = [w for w in (w.strip("\"“”‘’'(«»") for w in words) if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
    return sum(w[0].isupper() for w in cased) / len(cased) if cased else 0.0


def _cased(words: list[str]) -> int:
    return sum(1 for w in words if any(c.lower() != c.upper() for c in w))


def _parallel(body: str) -> bool:
    """Comma-separated phrases most of which open with the same word ("on tv pages, on all image pages, …").

    >>> _parallel("On tv pages, on image pages, on edit pages."), _parallel("The plot, the cast, and the end.")
    (True, False)
    """
    heads = [part.split()[0].casefold() for part in body.split(",") if part.split()]
    return len(heads) >= 3 and max(heads.count(h) for h in set(heads)) >= 0.8 * len(heads)


def _found(text: str, table: tuple[tuple[str, re.Pattern[str]], ...]) -> list[str]:
    hits: list[str] = []
    for word, pattern in table:
        if pattern.search(text) and not any(word in longer for longer in hits):
            hits.append(word)
    return hits


def _is_name(body: str, not_name: frozenset[str]) -> bool:
    """Two or three capitalized words that are not a heading's function words ("Anthony Kao")."""
    words = body.split()
    return 2 <= len(words) <= 3 and all(
        _NAME_TOKEN.match(w) and w[0].isupper() and w.casefold() not in not_name for w in words
    )


def _parse_date(text: str) -> str | None:
    """The first date in `text` as YYYY-MM-DD, or None.

    >>> _parse_date("By Anthony Kao , 24 Sep 18 04:29 GMT"), _parse_date("Sep 29, 2017"), _parse_date("01/15/23")
    ('2018-09-24', '2017-09-29', '2023-01-15')
    """
    found = _find_date(text)
    return found[0] if found else None


def _find_date(text: str) -> tuple[str, int, int] | None:
    """The first date in `text` as (YYYY-MM-DD, start, end of the matched text), or None."""
    months = _cues().months
    month = r"([^\W\d_]{3,9})\.?"
    patterns = (
        (rf"\b{month}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", (3, 1, 2)),
        (rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{month}\s+(\d{{4}}|\d{{2}})\b", (3, 2, 1)),
        (rf"\b(\d{{1,2}})\s+de\s+{month}\s+de\s+(\d{{4}})\b", (3, 2, 1)),  # "5 de mayo de 2021"
        (r"\b(\d{4})-(\d{2})-(\d{2})\b", (1, 2, 3)),
        (r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b", (3, 1, 2)),  # US month/day/year on English pages
        (r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", (3, 2, 1)),
    )
    for pattern, (y, m, d) in patterns:
        for match in re.finditer(pattern, text):
            year, mon, day = match.group(y), match.group(m), match.group(d)
            month_number = int(mon) if mon.isdigit() else months.get(mon.casefold())
            if month_number is None:
                continue
            if "/" in match.group(0) and month_number > 12:
                month_number, day = int(day), mon  # not month/day/year: read it as day/month/year
            full_year = int(year) + (2000 if int(year) < 50 else 1900) if len(year) == 2 else int(year)
            try:
                return date(full_year, month_number, int(day)).isoformat(), match.start(), match.end()
            except ValueError:
                continue
    return None


@dataclass(frozen=True)
class _Label:
    """What one line looks like on its own. `kind` is a structural cue (repeat, caption, card, review_by,
    comment_open, comment_close, button, comment_by, rating, byline, url, date, name) or a content class
    (prose, short, furniture); `reason` is the human-readable why; `meta` the fields the line states."""

    kind: str
    reason: str
    meta: tuple[tuple[str, str], ...] = ()


def _label(line: _Line, repeated: frozenset[str], cues: _Cues) -> _Label:
    """Classify one line by its own features (context comes later, in _group)."""
    return _structure_label(line, repeated, cues) or _content_label(line, cues)


def _structure_label(line: _Line, repeated: frozenset[str], cues: _Cues) -> _Label | None:
    """Lines that carry structure: headers, comment sections, ratings, dates, links, repeated alt text."""
    body = line.body
    n = len(_words(body))
    if body in repeated:
        return _Label("repeat", "repeated across the dump")
    card = _CARD.match(body if line.bullet else " " * line.indent + body)
    if card and not line.bullet and n <= 20:
        return _Label("card", "numbered search result", (("title", card.group(2)),))
    for pattern in cues.review_by:
        match = pattern.match(body)
        if match:
            return _Label("review_by", "review card header", _header_meta(match))
    for pattern in cues.comment_open:
        if pattern.search(body):
            return _Label("comment_open", "opens reader comments")
    for pattern in cues.comment_close:
        if pattern.search(body):
            return _Label("comment_close", "closes reader comments")
    for pattern in cues.comment_buttons:
        if pattern.match(body):
            return _Label("button", "comment-section button")
    for pattern in cues.comment_by:
        match = pattern.match(body)
        if match:
            return _Label("comment_by", "comment author line", _header_meta(match))
    for pattern in cues.rating_line:
        match = pattern.match(body)
        if match and _is_rating(match.group("rating")):
            return _Label("rating", "rating line", (("rating_raw", match.group("rating").strip()),))
    if _STARS_ONLY.match(body):
        return _Label("rating", "rating line", (("rating_raw", body),))
    for pattern in cues.byline:
        match = pattern.match(body)
        if match and n <= 12:
            return _Label("byline", "byline", _header_meta(match))
    if _URL.match(body):
        return _Label("url", "link")
    found = _find_date(body)
    if found and n <= 7 and not re.search(r"[a-z]{3,}\s+[a-z]{3,}", body):
        if _found(body, cues.release):
            return _Label("furniture", "the film's release date, not the review's")
        before = body[: found[1]].split()
        if len(before) == 1 and re.fullmatch(r"[\w.-]{2,40}", before[0]) and not before[0].isdigit():
            # "hallvard_k 3 April 2022": a user name, then the date of the review below
            return _Label("date", "author and date line", (("published", found[0]), ("critic", before[0])))
        return _Label("date", "date line", (("published", found[0]),))
    return None


def _content_label(line: _Line, cues: _Cues) -> _Label:
    """Furniture (site, advert, lists, numbers, markup), prose, or a short line (heading or name)."""
    body = line.body
    words = _words(body)
    n = len(words)
    if any(pattern.match(body) for pattern in cues.bio):
        return _Label("furniture", "author bio")
    captions = _found(body, cues.caption)
    if captions and n <= 60:
        return _Label("caption", f"caption cue {captions[0]!r}")
    site, promo = _found(body, cues.site), _found(body, cues.promo)
    if (site or promo) and (n <= _CUE_WORDS or len(site) + len(promo) >= 2):
        which = "site" if site else "advert"
        return _Label("furniture", f"{which} cue {(site or promo)[0]!r}")
    breaks = len(_INNER_BREAK.findall(body))
    if len(_LABEL.findall(body)) >= 2:
        return _Label("furniture", "label: value metadata")
    if n >= 6 and _cap_share(words) >= 0.75 and breaks <= n // 20 and (n > 15 or "," in body):
        # A short title-case line without commas is a headline; longer or comma-separated ones are lists.
        return _Label("furniture", "list of names or titles")
    if n >= 3 and sum(any(c.isdigit() for c in w) for w in words) / n > 0.3:
        return _Label("furniture", "mostly numbers")
    if sum(c in _SYMBOLS for c in body) > max(2, len(body) * 0.03):
        return _Label("furniture", "markup or symbols")
    ends = bool(_SENTENCE_END.search(body))
    if n >= 30 and breaks == 0 and body.count(",") >= 3 and _cased(words) >= n / 2 and _cap_share(words) < 0.05:
        # Lower-cased headlines joined by commas ("valve bans …, sonos ceo says …"): a related-links block.
        return _Label("furniture", "run-on list of lower-case headlines")
    if breaks == 0 and _parallel(body):
        return _Label("furniture", "list of parallel phrases")
    if n >= _MIN_PROSE_WORDS and (ends or breaks):
        return _Label("prose", "prose")
    if n >= 20:
        return _Label("prose", "long line without sentence ends")
    if line.bullet:
        return _Label("furniture", "short list item (navigation)")
    if _is_name(body, cues.not_name):
        return _Label("name", "name line")
    return _Label("short", "heading or short line")


def _is_rating(text: str) -> bool:
    from toolkit.ratings import normalize_rating

    rating = normalize_rating(text)
    return rating.value is not None and rating.scope == "review"


def _header_meta(match: re.Match[str]) -> tuple[tuple[str, str], ...]:
    groups = match.groupdict()
    meta: list[tuple[str, str]] = []
    name = (groups.get("name") or "").strip()
    if name:
        meta.append(("critic", name))
    rest = groups.get("rest") or ""
    stars = re.match(r"[★☆½⭐✭✮]+", rest.strip())
    if stars:
        meta.append(("rating_raw", stars.group(0)))
        count = rest.strip()[stars.end() :].strip()
        if count:
            meta.append(("comment_count", count))
    published = _parse_date(rest) if rest else None
    if published:
        meta.append(("published", published))
    return tuple(meta)


# ---------------------------------------------------------------------------------------------- grouping
@dataclass
class _Unit:
    lines: list[_Line]
    origin: str  # prose byline review_by comments bullet card
    meta: dict[str, str] = field(default_factory=dict)
    why: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] | None = None  # card snippets: the quote pieces inside the line
    gaps: list[_Line] = field(default_factory=list)  # lines inside the unit's range that it does not keep
    kind: str | None = None
    duplicate_of: int | None = None
    comments_follow: bool = False  # a reader-comment section or form comes after it, before the next unit

    @property
    def words(self) -> int:
        return len(_words(self.text))

    @property
    def text(self) -> str:
        if self.spans is not None:
            line = self.lines[0]
            return " ".join(line.body[s - line.start : e - line.start] for s, e in self.spans)
        return "\n".join(line.body for line in self.lines)


@dataclass
class _Segmentation:
    units: list[_Unit]
    left_out: dict[int, str]  # line number -> reason
    cards: dict[int, str]  # line number of a search-result title -> the title


class _Grouper:
    """Walks the labelled lines once (`feed`) and groups content lines into units.

    State: the open unit; headings `held` until the next line says whether they belong to it; header
    fields `pending` for the next unit (from a byline, review card or date line, forgotten after 8 lines);
    the `mode` — normal, inside reader comments (one unit per paragraph), or inside search results."""

    def __init__(self, cues: _Cues) -> None:
        self.cues = cues
        self.units: list[_Unit] = []
        self.left_out: dict[int, str] = {}
        self.cards: dict[int, str] = {}
        self.current: _Unit | None = None
        self.held: list[tuple[_Line, _Label]] = []
        self.pending: dict[str, str] = {}
        self.pending_why = ""
        self.pending_age = 0
        self.mode = "normal"
        self.furniture_run = 0

    def skip(self, line: _Line, reason: str) -> None:
        self.left_out[line.number] = reason

    def close(self) -> None:
        unit = self.current
        if unit is not None and unit.origin == "review_by":
            # A user review's last short sentence ("The ending wrecked me.") stays with it.
            while self.held and self.held[0][1].kind == "short" and _SENTENCE_END.search(self.held[0][0].body):
                unit.lines.append(self.held.pop(0)[0])
        if unit is not None:
            if _keep(unit):
                self.units.append(unit)
            else:
                for line in unit.lines:
                    self.skip(line, "prose too short to stand alone as a review")
        for line, label in self.held:
            self.skip(line, f"{label.reason} (after a unit)")
            if label.kind == "date":  # a date between two units dates the next one, as in "Title / date / text"
                self.pending.setdefault("published", dict(label.meta)["published"])
                self.pending_age = 0
        self.current, self.held = None, []

    def open(self, line: _Line, origin: str, why: str) -> _Unit:
        unit = _Unit([line], origin, dict(self.pending), [why] + ([self.pending_why] if self.pending_why else []))
        self.pending, self.pending_why = {}, ""
        return unit

    def header(self, line: _Line, meta: dict[str, str], why: str, reason: str) -> None:
        self.close()
        self.mode = "normal"
        self.pending, self.pending_why, self.pending_age = meta, why, 0
        self.skip(line, reason)

    def absorb_held(self) -> bool:
        """Move headings held since the last prose line into the open unit, if there are few enough."""
        headings = [line for line, label in self.held if label.kind not in (*_TRANSPARENT, "furniture")]
        if len(headings) > _MAX_HELD:
            return False
        assert self.current is not None
        for line, label in self.held:
            if label.kind in (*_TRANSPARENT, "furniture"):
                self.left_out[line.number] = f"{label.reason} (dropped from inside a unit)"
        self.current.lines.extend(headings)
        self.held = []
        return True

    # -- one line at a time -------------------------------------------------------------------------------
    def feed(self, line: _Line, label: _Label, *, next_is_prose: bool) -> None:
        """Take the next line: update the open unit, the pending header fields and the mode."""
        self.pending_age += 1
        if self.pending and self.pending_age > 8:
            self.pending, self.pending_why = {}, ""
        if self.mode == "card" and label.kind != "card" and line.indent < 2:
            self.mode = "normal"
        if label.kind in _TRANSPARENT:
            if self.current is not None:
                self.held.append((line, label))
            else:
                self.skip(line, label.reason)
            return
        if label.kind == "card":
            self.on_card(line, label)
        elif self.mode == "card":
            self.on_snippet(line)
        else:
            if label.kind == "name" and self.mode == "normal" and next_is_prose:
                label = _Label("byline", "name line above an article", (("critic", line.body),))
            self.furniture_run = self.furniture_run + 1 if label.kind == "furniture" else 0
            handlers = {
                "review_by": self.on_review_by,
                "button": self.on_button,
                "comment_by": self.on_comment,
                "comment_open": self.on_comment,
                "comment_close": self.on_comment,
                "rating": self.on_rating,
                "byline": self.on_byline,
                "date": self.on_date,
                "url": self.on_url,
                "furniture": self.on_furniture,
            }
            handlers.get(label.kind, self.on_content)(line, label)

    def on_card(self, line: _Line, label: _Label) -> None:
        self.close()
        self.cards[line.number] = dict(label.meta)["title"]
        self.skip(line, "search result title (becomes the page title)")
        self.mode = "card"

    def on_snippet(self, line: _Line) -> None:
        unit = _card_unit(line, self.cues)
        if unit is None:
            self.skip(line, "search snippet with nothing left after its metadata")
        else:
            self.units.append(unit)

    def on_review_by(self, line: _Line, label: _Label) -> None:
        self.header(
            line,
            dict(label.meta),
            f"after review header {line.body!r}",
            "review header (critic and rating read from it)",
        )

    def on_button(self, line: _Line, label: _Label) -> None:
        self.close()
        self.skip(line, label.reason)

    def on_comment(self, line: _Line, label: _Label) -> None:
        self.close()
        if self.units:
            self.units[-1].comments_follow = True
        if label.kind == "comment_by":
            self.header(
                line,
                dict(label.meta),
                f"after comment author line {line.body!r}",
                "comment author line (critic read from it)",
            )
            self.mode = "comments"
        else:
            self.mode = "comments" if label.kind == "comment_open" else "normal"
            self.skip(line, label.reason)

    def on_rating(self, line: _Line, label: _Label) -> None:
        rating = dict(label.meta)["rating_raw"]
        if self.current is not None and "rating_raw" not in self.current.meta:
            self.current.meta["rating_raw"] = rating
            self.current.why.append(f"rating from the line below it {line.body!r}")
            self.skip(line, "rating line (read as the rating of the unit above)")
            self.close()
        else:
            self.close()
            self.pending.setdefault("rating_raw", rating)
            self.pending_age = 0
            self.skip(line, "rating line (read as the rating of the unit below)")

    def on_byline(self, line: _Line, label: _Label) -> None:
        if self.current is not None and not self.held and _is_dek(self.current):
            for dek in self.current.lines:
                self.skip(dek, "subtitle above a byline")
            self.current = None
        self.header(line, dict(label.meta), f"after byline {line.body!r}", "byline (critic read from it)")

    def on_date(self, line: _Line, label: _Label) -> None:
        if self.current is None:
            for key, value in label.meta:
                self.pending.setdefault(key, value)
            self.pending_age = 0
            self.skip(line, "date line (read as the next unit's date)")
        else:
            self.held.append((line, label))

    def on_url(self, line: _Line, label: _Label) -> None:
        if self.current is not None and not self.held:
            self.current.lines.append(line)
        else:
            self.skip(line, "link outside a unit")

    def on_furniture(self, line: _Line, label: _Label) -> None:
        # One furniture line between two paragraphs of an article (a "Read also" teaser) is cut out of it;
        # a second one, or one that closes articles ("Related articles"), ends the unit.
        if (
            self.current is not None
            and self.mode == "normal"
            and self.current.origin != "review_by"
            and all(held.kind in _TRANSPARENT for _, held in self.held)
            and not any(pattern.search(line.body) for pattern in self.cues.section_ends)
        ):
            self.held.append((line, label))
            return
        self.close()
        if self.mode == "comments" and self.furniture_run >= 3:
            self.mode = "normal"
        self.skip(line, label.reason)

    def on_content(self, line: _Line, label: _Label) -> None:
        """Prose, headings and short lines: join the open unit, open a new one, or wait as a heading."""
        under_card = self.pending_why.startswith("after review") and self.current is None and self.pending_age <= 1
        if label.kind != "prose" and not (self.mode == "comments" or under_card):
            if self.current is not None:
                self.held.append((line, label))
            else:
                self.skip(line, label.reason)
        elif self.mode == "comments":
            if self.current is not None and self.current.lines[-1].body.endswith(":") and self.absorb_held():
                self.current.lines.append(line)
                return
            self.close()
            self.current = self.open(line, "comments", "reader comment (one paragraph under a comment-section header)")
        elif line.bullet:
            self.close()
            unit = self.open(line, "bullet", "prose list item (one unit per item)")
            _split_attribution(unit, self.cues)
            self.units.append(unit)
        elif self.current is not None and self.absorb_held():
            self.current.lines.append(line)
        else:
            self.close()
            origin = (
                "review_by" if self.pending_why.startswith("after review") else "byline" if self.pending else "prose"
            )
            why = {
                "prose": "consecutive prose paragraphs",
                "byline": "prose under a byline or date",
                "review_by": "text under a review header",
            }[origin]
            self.current = self.open(line, origin, why)


def _group(lines: list[_Line], labels: list[_Label], cues: _Cues) -> _Segmentation:
    """Group lines into units (see _Grouper): a header (review card, byline, name line, comment author)
    opens one; prose paragraphs join the open unit across a few headings; furniture closes it; list items,
    reader comments and search snippets are one unit each."""
    grouper = _Grouper(cues)
    for index, (line, label) in enumerate(zip(lines, labels)):
        grouper.feed(line, label, next_is_prose=label.kind == "name" and _next_is_prose(index, lines, labels))
    grouper.close()
    return _Segmentation(grouper.units, grouper.left_out, grouper.cards)


def _split_attribution(unit: _Unit, cues: _Cues) -> None:
    """Cut a leading "Outlet First Last" off a list item quote ("The Verge Tasha Robinson But like Argo, …").

    The capitalized run before the first lower-case word ends with the quote's own first word; what comes
    before it is the attribution, its last two words the critic, the rest the outlet.
    """
    line = unit.lines[0]
    tokens = list(re.finditer(r"\S+", line.body))
    run = 0
    while run < len(tokens) and (tokens[run].group(0)[:1].isupper() or tokens[run].group(0) in cues.connectors):
        run += 1
    if run < 4 or run >= len(tokens) or not tokens[run].group(0)[:1].islower():
        return
    names = [t.group(0) for t in tokens[run - 3 : run - 1]]
    if not all(_NAME_TOKEN.match(n) for n in names) or tokens[run - 1].group(0) in cues.connectors:
        return
    outlet = line.body[: tokens[run - 3].start()].strip()
    unit.meta.update({"critic": " ".join(names), "outlet": outlet})
    unit.spans = [(line.start + tokens[run - 1].start(), line.end)]
    unit.why.append(f"attribution {line.body[: tokens[run - 1].start()].strip()!r} read as outlet and critic")


def _keep(unit: _Unit) -> bool:
    if unit.origin in ("review_by", "comments", "bullet", "card"):
        return True
    return unit.words >= (_MIN_PROSE_WORDS if unit.origin == "byline" else _MIN_ORPHAN_WORDS)


def _is_dek(unit: _Unit) -> bool:
    return unit.origin == "prose" and len(unit.lines) == 1 and unit.words < _DEK_WORDS


def _next_is_prose(index: int, lines: list[_Line], labels: list[_Label]) -> bool:
    for line, label in zip(lines[index + 1 : index + 4], labels[index + 1 : index + 4]):
        if label.kind in _TRANSPARENT:
            continue
        return label.kind == "prose" and not line.bullet
    return False


def _card_unit(line: _Line, cues: _Cues) -> _Unit | None:
    """A search-result snippet: cut out score/date metadata and read the fields it states."""
    body = line.body
    cuts: list[tuple[int, int, re.Match[str], bool]] = []
    for pattern, closes in cues.snippet_meta:
        for match in pattern.finditer(body):
            if match.end() > match.start() and not any(s < match.end() and match.start() < e for s, e, _, _ in cuts):
                cuts.append((match.start(), match.end(), match, closes))
    cuts.sort(key=lambda c: c[0])
    meta: dict[str, str] = {}
    why = ["search result snippet"]
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for s, e, match, closes in cuts:
        if body[cursor:s].strip():
            pieces.append((cursor, s))
        groups = {k: v.strip() for k, v in match.groupdict().items() if v}
        if closes and not body[:s].strip():
            why.append(f"{match.group(0).strip()!r} at its start closes an earlier card, not this quote")
        else:
            why.append(f"metadata {match.group(0).strip()!r} cut out")
            if "rating" in groups:
                meta.setdefault("rating_raw", groups["rating"])
            if "date" in groups and _parse_date(groups["date"]):
                meta.setdefault("published", str(_parse_date(groups["date"])))
            if "name" in groups:
                meta.setdefault("critic", groups["name"])
        cursor = e
    if body[cursor:].strip():
        pieces.append((cursor, len(body)))
    spans = []
    for s, e in pieces:
        text = body[s:e]
        if not re.search(r"\w", text):
            continue  # an ellipsis or a separator left between two pieces of metadata
        lead = len(text) - len(text.lstrip())
        spans.append((line.start + s + lead, line.start + s + len(text.rstrip())))
    if not spans:
        return None
    return _Unit([line], "card", meta, why, spans)


# ---------------------------------------------------------------------------------------------- fields
def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text.casefold())
    if len(tokens) < _SHINGLE:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1)}


def _mark_duplicates(units: list[_Unit]) -> None:
    """Point each unit that mostly repeats an earlier one at the first occurrence (word-shingle containment:
    the share of its word triples found in the earlier unit, so a truncated snippet counts as a repeat)."""
    shingles = [_shingles(u.text) for u in units]
    first_of: dict[str, int] = {}
    for later, mine in enumerate(shingles):
        same = first_of.setdefault(" ".join(units[later].text.casefold().split()), later)
        if same != later:
            units[later].duplicate_of = same if units[same].duplicate_of is None else units[same].duplicate_of
            units[later].why.append("same text as an earlier unit")
            continue
        if len(mine) < 2:
            continue
        best, best_share = None, 0.0
        for earlier in range(later):
            share = len(mine & shingles[earlier]) / len(mine)
            if share >= _DUPLICATE and share > best_share:
                best, best_share = earlier, share
        if best is not None:
            root = units[best].duplicate_of if units[best].duplicate_of is not None else best
            units[later].duplicate_of = root
            units[later].why.append(f"repeats {best_share:.0%} of the word triples of an earlier unit")


def _guess_kinds(units: list[_Unit]) -> None:
    """Set each unit's kind by the first rule that fits (CODEBOOK kinds); the note records which. Repeats
    of an attributed unit take its critic."""
    copies: dict[int, int] = {}
    for u in units:
        if u.duplicate_of is not None:
            copies[u.duplicate_of] = copies.get(u.duplicate_of, 0) + 1
    for i, u in enumerate(units):
        root = i if u.duplicate_of is None else u.duplicate_of
        original = units[root]
        if u.origin in ("review_by", "comments"):
            u.kind, reason = "user", "review card or reader comment"
        elif (
            copies.get(root)
            and original.words <= 150
            and "critic" not in original.meta
            and original.origin in ("prose", "bullet", "card")
        ):
            u.kind, reason = "synopsis", "short unattributed text that recurs in the dump"
        elif u.comments_follow and u.origin in ("prose", "byline"):
            u.kind, reason = "blog", "an article followed by a reader-comment section or form"
        elif (
            u.origin == "byline"
            and re.fullmatch(r"\S+", u.meta.get("critic", " "))
            and re.search(r"[\d_]|^[a-z]", u.meta["critic"])
        ):
            u.kind, reason = "user", "the author is a user name (one token, lower case, digits or '_')"
        elif u.origin == "byline" and len(u.lines) == 1 and u.words <= _BLURB_WORDS:
            u.kind, reason = "blurb", "short attributed one-paragraph quote"
        elif u.origin == "bullet":
            u.kind, reason = ("blurb", "short list item") if u.words <= 50 else ("synopsis", "long list item")
        elif u.duplicate_of is not None and u.origin != "card" and u.words < 60 <= original.words:
            u.kind, reason = "blurb", "short quote of a longer unit"
        elif u.duplicate_of is not None and original.kind:
            u.kind, reason = original.kind, "as the unit it repeats"
        elif u.origin == "card" and "rating_raw" in u.meta:
            u.kind, reason = "user", "rated search snippet"
        elif u.origin == "card" and "critic" not in u.meta:
            u.kind, reason = "synopsis", "unattributed search snippet (usually the page's own description)"
        else:
            u.kind, reason = "critic", "prose with no other cue (the default)"
        u.why.append(f"kind {u.kind}: {reason}")
        if (
            u.duplicate_of is not None
            and "critic" not in u.meta
            and original.meta.get("critic")
            and u.kind != "synopsis"
        ):
            u.meta["critic"] = original.meta["critic"]
            u.why.append("critic as in the unit it repeats")


# ---------------------------------------------------------------------------------------------- anchors
class _Split(Exception):
    """Anchoring needs a page to start at offset `at` (a line start)."""

    def __init__(self, at: int) -> None:
        super().__init__(at)
        self.at = at


def _ends(raw: str, start: int, limit: int, base: int) -> list[int]:
    """End offsets for an anchor starting at `start`: word boundaries at least `base` chars on, then `limit`."""
    cuts = {start + m.start() for m in re.finditer(r"\s", raw[start:limit]) if m.start() >= base}
    return sorted(cuts | {limit})


def _from_anchor(
    raw: str, start: int, run_end: int, page: tuple[int, int], next_unit: int | None, beyond: bool = False
) -> str:
    """The shortest text from `start` (on a word boundary, 40+ characters) that occurs first and once in
    the page; with `beyond`, it may run past the unit's text (when its words recur in the page and no new
    page can start at it). Otherwise raises _Split naming where a new page would make it unique."""
    further = _ends(raw, run_end, page[1], 0)[1:] if beyond else []
    for end in [*_ends(raw, start, run_end, 40), *further]:
        anchor = raw[start:end]
        if raw.find(anchor, page[0], page[1]) == start and raw.find(anchor, start + 1, page[1]) < 0:
            return anchor
    anchor = raw[start:run_end]
    if raw.find(anchor, page[0], page[1]) != start:
        raise _Split(_line_start_of(raw, start))
    later = raw.find(anchor, start + 1, page[1])
    target = next_unit if next_unit is not None and start < next_unit <= later else later
    raise _Split(_line_start_of(raw, target))  # pragma: no cover - the text to the page's end is unique


def _to_anchor(raw: str, start: int, run_start: int, end: int, page_end: int) -> str:
    cuts = sorted(
        {run_start + m.end() for m in re.finditer(r"\s", raw[run_start:end]) if end - run_start - m.end() >= 30},
        reverse=True,
    )
    short = [run_start] if end - run_start <= 60 else []  # a short unit's `to` is its whole text
    for begin in [*short, *cuts, run_start, start]:
        anchor = raw[begin:end]
        at = raw.find(anchor, start, page_end)
        if at >= 0 and at + len(anchor) == end:
            return anchor
    raise AssertionError("the unit's whole text always locates itself")  # pragma: no cover


def _line_start_of(raw: str, offset: int) -> int:
    return raw.rfind("\n", 0, offset) + 1


def _page_anchor(raw: str, at: int, previous: int | None) -> str | None:
    """Text at the start of the line at `at` that the loader finds first after the previous page's start,
    or None when the rest of the dump from `at` repeats text that comes earlier."""
    line_end = raw.find("\n", at)
    line_end = len(raw) if line_end < 0 else line_end
    cursor = 0 if previous is None else previous + 1
    for end in _ends(raw, at, len(raw), min(60, line_end - at)):
        anchor = raw[at:end]
        if cursor == 0 and raw.startswith(anchor):
            if at == 0:
                return anchor
            continue
        if raw.find("\n" + anchor, max(cursor - 1, 0)) + 1 == at:
            return anchor
    return None


def _runs(unit: _Unit) -> list[tuple[int, int]]:
    """The stretches of raw text the unit keeps: kept lines with no left-out line between them join."""
    if unit.spans is not None:
        return list(unit.spans)
    gaps = {line.number for line in unit.gaps}
    runs: list[tuple[int, int]] = []
    previous: _Line | None = None
    for line in unit.lines:
        if previous is not None and not any(previous.number < n < line.number for n in gaps):
            runs[-1] = (runs[-1][0], line.end)
        else:
            runs.append((line.start, line.end))
        previous = line
    return runs


def _anchor(
    unit: _Unit,
    raw: str,
    page: tuple[int, int],
    next_unit: int | None,
    boilerplate: frozenset[str],
    beyond: bool = False,
) -> dict[str, Any]:
    """from/to (plus drop) or pieces that make the loader keep exactly this unit's text."""
    runs = _runs(unit)
    if len(runs) == 1:
        ((s, e),) = runs
        return {"from": _from_anchor(raw, s, e, page, next_unit, beyond), "to": _to_anchor(raw, s, s, e, page[1])}
    inside = [line for line in unit.gaps if not (line.whole_paragraph and line.row_text in boilerplate)]
    kept = [raw[s:e] for s, e in runs]
    # The loader splits paragraphs at "\n\n" only, so CRLF dumps get pieces rather than drops.
    if (
        unit.spans is None
        and "\r" not in raw
        and all(line.whole_paragraph for line in inside)
        and not any(line.row_text in text for line in inside for text in kept)
    ):
        s, e = runs[0][0], runs[-1][1]
        anchors: dict[str, Any] = {
            "from": _from_anchor(raw, s, runs[0][1], page, next_unit, beyond),
            "to": _to_anchor(raw, s, runs[-1][0], e, page[1]),
        }
        drops = list(dict.fromkeys(line.row_text for line in inside))
        return {**anchors, "drop": drops} if drops else anchors
    return {
        "pieces": [
            {"from": _from_anchor(raw, s, e, page, next_unit, beyond), "to": _to_anchor(raw, s, s, e, page[1])}
            for s, e in runs
        ]
    }


# ---------------------------------------------------------------------------------------------- pages
def _page_starts(lines: list[_Line], found: _Segmentation, labels: list[_Label]) -> set[int]:
    """Where pages probably begin: the dump's first line, each search-result title, and, where four or more
    furniture lines separate two units (one site's footer, the next one's header), the start of the block of
    headings, bylines and dates right above the later unit (the article's own header)."""
    by_number = {line.number: (line, label) for line, label in zip(lines, labels)}
    starts = {lines[0].line_start}
    starts |= {by_number[n][0].line_start for n in found.cards}
    for previous, unit in zip(found.units, found.units[1:]):
        gap = [by_number[n] for n in range(previous.lines[-1].number + 1, unit.lines[0].number) if n in by_number]
        furniture = [(line, label) for line, label in gap if label.kind == "furniture"]
        if any(label.kind == "card" for _, label in gap):
            continue
        if len(furniture) >= 4:
            header = unit.lines[0]
            for line, label in reversed(gap):
                if label.kind == "furniture":
                    break
                if label.kind not in _TRANSPARENT:
                    header = line
            starts.add(header.line_start)
    return starts


def _place(
    raw: str, units: list[_Unit], starts: set[int], boilerplate: frozenset[str]
) -> tuple[list[int], dict[int, tuple[int, dict[str, Any]]]]:
    """Anchor every unit, adding page starts where an anchor would not be unique in its page.

    Returns the page starts and, per unit index, (page number, anchors). A unit whose text cannot be
    located uniquely even so (the rest of the dump repeats earlier text) is missing from the result.
    """
    kept: list[int] = []
    for at in sorted(starts):
        if _page_anchor(raw, at, kept[-1] if kept else None) is not None:
            kept.append(at)
    starts, unplaceable, beyond = set(kept), set(), set()
    for _ in range(2 * len(units) + 10):
        ordered = sorted(starts)
        bounds = list(zip(ordered, [*ordered[1:], len(raw)]))
        placed: dict[int, tuple[int, dict[str, Any]]] = {}
        todo = [i for i in range(len(units)) if i not in unplaceable]
        try:
            for position, i in enumerate(todo):
                first = _runs(units[i])[0][0]
                page = max(p for p, (s, _) in enumerate(bounds) if s <= first)
                next_unit = _runs(units[todo[position + 1]])[0][0] if position + 1 < len(todo) else None
                placed[i] = (page, _anchor(units[i], raw, bounds[page], next_unit, boilerplate, i in beyond))
            return ordered, placed
        except _Split as split:
            previous = max((s for s in starts if s < split.at), default=None)
            inside = any(_runs(u)[0][0] < split.at < _runs(u)[-1][1] for u in units)
            if not (split.at in starts or inside or previous is None or _page_anchor(raw, split.at, previous) is None):
                starts.add(split.at)
            elif i not in beyond:
                beyond.add(i)  # no page can start there: let the anchor run past the unit's own text
            else:
                unplaceable.add(i)
    raise AssertionError("page splitting did not converge")  # pragma: no cover


# ---------------------------------------------------------------------------------------------- public
def propose(raw_text: str, *, source: str) -> dict[str, Any]:
    """Propose a draft manifest for a raw page dump: pages, units located by text anchors, guessed fields.

    `source` is written as the manifest's `raw:` (a path relative to where the draft will be saved, or an
    absolute one). Fields the dump does not state are None; each unit's `note` says which cues made it.
    The dict also holds `left_out`: every non-blank line that is in no unit, with the reason (`to_yaml`
    writes these as comments). Raises SegmentError when the dump is empty or has no review-like text.

    >>> draft = propose("Menu\\n\\nReview by Ann Lee ★★★½ 2\\n\\nA taut, humane film.\\n", source="dump.txt")
    >>> [(u["kind"], u["critic"], u["rating_raw"], u["from"]) for u in draft["units"]]
    [('user', 'Ann Lee', '★★★½', 'A taut, humane film.')]
    """
    if not raw_text.strip():
        raise SegmentError(f"{source}: the dump is empty")
    if "\x00" in raw_text:
        raise SegmentError(f"{source}: not a text dump (NUL character at offset {raw_text.index(chr(0))})")
    cues = _cues()
    lines = _lines(raw_text)
    boilerplate = _repeated_paragraphs(lines)
    labels = [_label(line, boilerplate, cues) for line in lines]
    found = _group(lines, labels, cues)
    if not found.units:
        raise SegmentError(
            f"{source}: no review-like text in {len(lines)} non-blank lines (no prose "
            "paragraphs, review headers or search-result snippets)"
        )
    numbers = {line.number: line for line in lines}
    for unit in found.units:
        if unit.spans is None:
            kept = {line.number for line in unit.lines}
            unit.gaps = [
                numbers[n]
                for n in range(unit.lines[0].number, unit.lines[-1].number + 1)
                if n in numbers and n not in kept
            ]
    _mark_duplicates(found.units)
    _guess_kinds(found.units)
    starts, placed = _place(raw_text, found.units, _page_starts(lines, found, labels), boilerplate)
    _drop_unplaced(found, placed)
    if not found.units:
        raise SegmentError(f"{source}: no proposed unit could be located by a unique text anchor")
    return _manifest(raw_text, source, lines, starts, [placed[i] for i in sorted(placed)], found, boilerplate)


def _drop_unplaced(found: _Segmentation, placed: dict[int, Any]) -> None:
    """Move units that got no unique anchor to the left-out lines (saying so) and renumber repeats."""
    new_index = {old: new for new, old in enumerate(sorted(placed))}
    for old, unit in enumerate(found.units):
        if old not in placed:
            for line in unit.lines:
                found.left_out[line.number] = "its text recurs so that no unique anchor exists; add it by hand"
        elif unit.duplicate_of is not None:
            if unit.duplicate_of in new_index:
                unit.duplicate_of = new_index[unit.duplicate_of]
            else:
                unit.duplicate_of = None
                unit.why.append("repeats a unit that could not be anchored")
    found.units = [unit for old, unit in enumerate(found.units) if old in placed]


def _repeated_paragraphs(lines: list[_Line]) -> frozenset[str]:
    """Short paragraphs (3-8 words, no sentence end) that recur 3+ times: scraper artefacts such as alt text.
    Shorter ones (names, titles) recur in cast lists and are left to the line rules."""
    counts: dict[str, int] = {}
    for line in lines:
        if (
            line.whole_paragraph
            and not line.bullet
            and 3 <= len(_words(line.body)) <= 8
            and not _SENTENCE_END.search(line.body)
        ):
            counts[line.row_text] = counts.get(line.row_text, 0) + 1
    return frozenset(text for text, count in counts.items() if count >= 3)


def _manifest(
    raw: str,
    source: str,
    lines: list[_Line],
    starts: list[int],
    placed: list[tuple[int, dict[str, Any]]],
    found: _Segmentation,
    boilerplate: frozenset[str],
) -> dict[str, Any]:
    width = len(str(len(starts)))
    page_ids = [f"p{n + 1:0{width}d}" for n in range(len(starts))]
    titles = {line.line_start: found.cards[line.number] for line in lines if line.number in found.cards}
    pages = []
    for n, at in enumerate(starts):
        pages.append(
            {
                "id": page_ids[n],
                "starts_at": _page_anchor(raw, at, starts[n - 1] if n else None),
                "title": titles.get(at),
                "outlet": None,
                "url": None,
            }
        )
    counters: dict[int, int] = {}
    units = []
    ids: list[str] = []
    for _unit, (page, _anchors) in zip(found.units, placed):
        counters[page] = counters.get(page, 0) + 1
        ids.append(f"{page_ids[page]}-{counters[page]}")
    for uid, unit, (page, anchors) in zip(ids, found.units, placed):
        entry: dict[str, Any] = {"id": uid, "page": page_ids[page], "kind": unit.kind}
        if unit.meta.get("outlet"):
            entry["outlet"] = unit.meta["outlet"]
        entry |= {"critic": unit.meta.get("critic"), "rating_raw": unit.meta.get("rating_raw")}
        if unit.meta.get("published"):
            entry["published"] = unit.meta["published"]
        if unit.duplicate_of is not None:
            entry["duplicate_of"] = ids[unit.duplicate_of]
        entry.update(anchors)
        why = list(unit.why)
        if unit.meta.get("comment_count"):
            why.append(f"{unit.meta['comment_count']!r} after the stars read as a comment count, not the rating")
        first, last = unit.lines[0].number, unit.lines[-1].number
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        entry["note"] = f"{where}; " + "; ".join(why)
        units.append(entry)
    page_of_line = {}
    for line in lines:
        page_of_line[line.number] = (
            page_ids[max(n for n, s in enumerate(starts) if s <= line.line_start)]
            if line.line_start >= starts[0]
            else None
        )
    in_units = {line.number for unit in found.units for line in unit.lines}
    left_out = [
        {
            "line": line.number,
            "page": page_of_line[line.number],
            "reason": found.left_out.get(line.number, "not part of any unit"),
            "text": line.body,
            "after_unit_line": position == 0 or lines[position - 1].number in in_units,
        }
        for position, line in enumerate(lines)
        if line.number not in in_units
    ]
    order = {text: min(line.number for line in lines if line.row_text == text) for text in boilerplate}
    return {
        "raw": source,
        "raw_sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        "boilerplate_paragraphs": sorted(boilerplate, key=lambda t: order[t]),
        "pages": pages,
        "units": units,
        "left_out": left_out,
    }


def to_yaml(manifest: dict[str, Any]) -> str:
    """Render a draft manifest as commented YAML that `toolkit.corpus.load_corpus` reads.

    Lines left out of every unit are listed as comments where they stand, runs of the same reason folded
    into one comment, so that a curator sees what was skipped and why.

    >>> text = to_yaml(propose("Review by Ann Lee ★★★\\n\\nA taut, humane film.\\n", source="dump.txt"))
    >>> yaml.safe_load(text)["units"][0]["rating_raw"]
    '★★★'
    """
    out = [
        "# DRAFT manifest proposed by `toolkit segment` — curate it before use (format: corpus/manifest.yaml).",
        "# Each unit was found by heuristics (its `note` says which); `kind`, `critic`, `rating_raw`,",
        "# `published` and `duplicate_of` are guesses to check. Page starts are guesses too: move them to where",
        "# each site's page begins and fill in `outlet`, `url` and `title` (a unit field overrides its page's).",
        "# Lines in no unit are listed as '# left out' comments with the reason; add any that are review text.",
        f"raw: {_scalar(manifest['raw'])}",
        f"raw_sha256: {manifest['raw_sha256']}",
        "",
        "# Short paragraphs repeated 3+ times (scraper artefacts); dropped from inside every unit.",
        "boilerplate_paragraphs:" + ("" if manifest["boilerplate_paragraphs"] else " []"),
        *[f"  - {_scalar(text)}" for text in manifest["boilerplate_paragraphs"]],
        "",
        "pages:",
    ]
    for page in manifest["pages"]:
        out.append("  - " + "\n    ".join(f"{key}: {_scalar(value)}" for key, value in page.items()))
    out += ["", "units:"]
    items: list[tuple[int, str | None, str]] = [
        (line, page, text) for line, page, text in _fold(manifest.get("left_out") or [])
    ]
    for unit in manifest["units"]:
        where = re.match(r"lines? (\d+)", unit.get("note") or "")
        items.append((int(where.group(1)) if where else 0, unit["page"], "  - " + "\n    ".join(_field_lines(unit))))
    page = None
    for _, item_page, text in sorted(items, key=lambda item: item[0]):
        if item_page is not None and item_page != page:
            page = item_page
            out.append(f"  # ---- page {page} " + "-" * 80)
        out.append(text)
    return "\n".join(out) + "\n"


def _fold(left_out: list[dict[str, Any]]) -> list[tuple[int, str | None, str]]:
    """One comment per run of consecutive left-out lines with the same reason: (line, page, comment)."""
    folded: list[tuple[int, str | None, str]] = []
    run: list[dict[str, Any]] = []

    def flush() -> None:
        if not run:
            return
        first, last = run[0], run[-1]
        where = f"line {first['line']}" if len(run) == 1 else f"lines {first['line']}-{last['line']}"
        sample = _clip(first["text"]) + ("" if len(run) == 1 else f" … {_clip(last['text'])}")
        folded.append((first["line"], first["page"], f"  # left out {where} ({first['reason']}): {sample}"))
        run.clear()

    for item in left_out:
        if run and (item["reason"] != run[-1]["reason"] or item["page"] != run[-1]["page"] or item["after_unit_line"]):
            flush()
        run.append(item)
    flush()
    return folded


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _field_lines(unit: dict[str, Any]) -> list[str]:
    lines = []
    for key, value in unit.items():
        if key == "pieces":
            lines.append("pieces:")
            lines += [f"  - {{from: {_scalar(p['from'])}, to: {_scalar(p['to'])}}}" for p in value]
        elif key == "drop":
            lines.append("drop:")
            lines += [f"  - {_scalar(text)}" for text in value]
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return lines


def _scalar(value: Any) -> str:
    """A YAML scalar: null, a number, or a double-quoted string with invisible characters escaped."""
    if value is None:
        return "null"
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    text = json.dumps(str(value), ensure_ascii=False)
    return re.sub(r"[\u00a0\u2028\u2029\ufeff\u200b-\u200f\u0080-\u009f]", lambda m: f"\\u{ord(m.group(0)):04x}", text)


def segment_file(path: Path, *, relative_to: Path | None = None) -> str:
    """The draft manifest (YAML) for the raw dump at `path`.

    `raw:` in the draft is `path` relative to `relative_to` (the folder the draft will be saved in) when
    given, else the absolute path, so that the draft loads wherever it is saved on this machine.
    Raises SegmentError naming the file when it is missing, not UTF-8, empty or has no review-like text.
    """
    path = Path(path)
    if not path.is_file():
        raise SegmentError(f"{path}: no such file")
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SegmentError(f"{path}: not UTF-8 (byte {error.start}, line {line})") from None
    if relative_to is not None:
        import os

        source = os.path.relpath(path.resolve(), Path(relative_to).resolve())
    else:
        source = str(path.resolve())
    try:
        return to_yaml(propose(raw, source=source))
    except SegmentError as error:
        raise SegmentError(str(error).replace(source, str(path), 1)) from None
