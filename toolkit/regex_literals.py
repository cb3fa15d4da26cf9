"""Required literals of a regular expression: strings one of which must occur in any text it matches.

The coding stage runs dozens of cue patterns per language over every sentence; a substring test for a
pattern's key words ("based", "licen", "koste") rules most sentences out first. This module reads the
pattern's source with a small parser of its own (not the standard library's private one), so it works the
same across Python versions. It is conservative: whatever it does not understand makes the answer None
("unknown"), which only turns the shortcut off; it never claims a literal the pattern does not require.

>>> sorted(required_literals(r"\\b(?:limited|scant)\\s+means\\b"))
['limited', 'scant']
>>> required_literals(r"\\d+\\s*m") is DIGIT, required_literals(r"\\w+m")
(True, None)
>>> sorted(required_literals(r"(?i)based\\s+on\\s+(?:a\\s+)?true"))
['based']
>>> required_literals(r"[ab]cd?e"), required_literals("x(?=yyy)"), required_literals("ab{0,2}c")
(None, None, None)

A pattern that starts with literals (past zero-width assertions) says which characters a match can start with;
`first_chars` lists them, as written, so that a caller can have the engine skip every other position:

>>> sorted(first_chars(r"\\b(?:US\\$|\\$|€|\\bRs\\.?)\\s?\\d")), first_chars(r"\\s?\\d"), first_chars(r"(?:a|)b")
(['$', 'R', 'U', '€'], None, None)

A pattern often needs more than its first literal; `required_literal_sets` lists every set of which one
literal must occur, so that a caller can rule a text out on any of them:

>>> [sorted(s) for s in required_literal_sets(r"\\b(?:film|movie)\\s+(?:is|was)\\s+based\\s+on\\b")]
[['film', 'movie'], ['based']]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = ["DIGIT", "required_literals", "required_literal_sets", "first_chars"]

#: Marker: the pattern needs a digit somewhere (the caller tests for any digit instead of a string).
DIGIT = frozenset(["\\d"])
MIN_RUN = 3  # shorter runs rule out too little to pay for the test
# ... except in scripts written without spaces, where one or two characters are a word ("准确", "実話"): without
# this, most Chinese and Japanese cue patterns had no literal and ran on every sentence of their language.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")

_ESCAPED_CHAR = {"n": "\n", "r": "\r", "t": "\t", "f": "\f", "v": "\v", "a": "\a"}
_ZERO_WIDTH = set("bBAZ")
_QUANTIFIER = re.compile(r"\*|\+|\?|\{(\d*)(?:,(\d*))?\}")


class _Unknown(Exception):
    """A construct the parser does not read; the answer becomes None."""


# An item of a parsed sequence: ("lit", char) · ("at",) zero width · ("digit",) · ("any",) something that
# consumes text but yields no literal · ("group", [alternatives]) where each alternative is a sequence ·
# ("opt", item) an item that may be absent · ("rep", item) an item present at least once.


def _parse(source: str) -> list[list[tuple]]:
    """The pattern as a list of alternatives, each a list of items."""
    items, pos = _alternatives(source, 0)
    if pos != len(source):
        raise _Unknown(source)
    return items


def _alternatives(s: str, pos: int) -> tuple[list[list[tuple]], int]:
    branches, current = [], []
    while pos < len(s) and s[pos] != ")":
        if s[pos] == "|":
            branches.append(current)
            current, pos = [], pos + 1
            continue
        item, pos = _atom(s, pos)
        if item is None:
            continue
        item, pos = _quantified(item, s, pos)
        current.append(item)
    branches.append(current)
    return branches, pos


def _atom(s: str, pos: int) -> tuple[tuple | None, int]:
    char = s[pos]
    if char == "\\":
        if pos + 1 >= len(s):
            raise _Unknown(s)
        nxt = s[pos + 1]
        if nxt in _ZERO_WIDTH:
            return ("at",), pos + 2
        if nxt == "d":
            return ("digit",), pos + 2
        if nxt in "DsSwW":
            return ("any",), pos + 2
        if nxt in _ESCAPED_CHAR:
            return ("lit", _ESCAPED_CHAR[nxt]), pos + 2
        if nxt in "xu":
            width = 2 if nxt == "x" else 4
            code = s[pos + 2 : pos + 2 + width]
            if len(code) != width or not all(c in "0123456789abcdefABCDEF" for c in code):
                raise _Unknown(s)
            return ("lit", chr(int(code, 16))), pos + 2 + width
        if nxt.isalnum():  # back-references, \N{...}, \U..., anything else: not read
            raise _Unknown(s)
        return ("lit", nxt), pos + 2
    if char in "^$":
        return ("at",), pos + 1
    if char == ".":
        return ("any",), pos + 1
    if char == "[":
        end = _class_end(s, pos)
        chars = _plain_class(s[pos + 1 : end - 1])
        if chars is None:
            return ("any",), end
        return ("group", [[("lit", c)] for c in chars]), end
    if char == "(":
        return _group(s, pos)
    if char in "*+?{":
        raise _Unknown(s)  # a quantifier with nothing before it
    return ("lit", char), pos + 1


def _class_end(s: str, pos: int) -> int:
    """The position after a character class `[...]` that starts at `pos`."""
    i = pos + 1
    if i < len(s) and s[i] == "^":
        i += 1
    if i < len(s) and s[i] == "]":  # a ']' first in the class is a literal
        i += 1
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == "[":  # nested sets are a future-syntax warning in re; not read
            raise _Unknown(s)
        if s[i] == "]":
            return i + 1
        i += 1
    raise _Unknown(s)


def _plain_class(body: str) -> list[str] | None:
    """The characters of a class written as a plain list of characters without case ("$€¥₽"), or None: a range,
    a negation, an escape such as ``\\s``, or a letter (whose other case the pattern may also match) in it."""
    chars, i = [], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1].isalnum():
                return None
            char, i = body[i + 1], i + 1
        elif char in "-^[":
            return None
        if char.lower() != char or char.upper() != char:
            return None
        chars.append(char)
        i += 1
    return chars or None


def _group(s: str, pos: int) -> tuple[tuple | None, int]:
    body = pos + 1
    lookaround = False
    if s.startswith("?", body):
        if s.startswith("?:", body):
            body += 2
        elif s.startswith("?P<", body):
            body = s.index(">", body) + 1
        elif s.startswith(("?=", "?!"), body):
            body, lookaround = body + 2, True
        elif s.startswith(("?<=", "?<!"), body):
            body, lookaround = body + 3, True
        else:
            flags = re.match(r"\?[aiLmsux]+(?:-[imsx]+)?(\)|:)", s[body:])
            if not flags:
                raise _Unknown(s)
            if "x" in flags.group(0).split("-")[0]:
                raise _Unknown(s)  # verbose mode changes what whitespace means
            if flags.group(1) == ")":  # inline flags for the whole pattern: no item
                return None, body + flags.end()
            body += flags.end()
    branches, end = _alternatives(s, body)
    if end >= len(s) or s[end] != ")":
        raise _Unknown(s)
    if lookaround:
        return ("at",), end + 1  # it consumes nothing
    return ("group", branches), end + 1


def _quantified(item: tuple, s: str, pos: int) -> tuple[tuple, int]:
    match = _QUANTIFIER.match(s, pos)
    if not match:
        return item, pos
    text = match.group(0)
    if text == "+":
        least = 1
    elif text in ("*", "?"):
        least = 0
    elif match.group(1) == "" and match.group(2) is None:
        raise _Unknown(s)  # "{}" and the like
    else:
        least = int(match.group(1) or 0)
    end = match.end()
    if end < len(s) and s[end] in "?+":  # lazy or possessive
        end += 1
    return (("rep", item) if least >= 1 else ("opt", item)), end


def _sequence(items: list[tuple]) -> frozenset[str] | None:
    """Literals one of which any match of this sequence contains: the first run of at least MIN_RUN literal
    characters (or of any length in an unspaced script), or the first element that has such literals of its own."""
    return next(_sequence_sets(items), None)


def _sequence_sets(items: list[tuple]) -> Iterator[frozenset[str]]:
    """Every set of literals of which a match of this sequence contains one, in order: each run of at least
    MIN_RUN literal characters (or of any length in an unspaced script), and each element's own set."""
    run = ""
    for item in items:
        if item[0] == "lit":
            run += item[1].lower()
            continue
        if _long_enough(run):
            yield frozenset([run])
        run = ""
        found = _element(item)
        if found is not None:
            yield found
    if _long_enough(run):
        yield frozenset([run])


def _long_enough(run: str) -> bool:
    # A currency sign is rare in prose, so even "$" alone rules out most sentences (most figure patterns open
    # with one: "(?:\\$|€)\\s?\\d"), where the digit they need is in every sentence with a year.
    return len(run) >= MIN_RUN or _UNSPACED.search(run) is not None or any(map(_is_currency_sign, run))


def _is_currency_sign(char: str) -> bool:
    return unicodedata.category(char) == "Sc"


def _element(item: tuple) -> frozenset[str] | None:
    kind = item[0]
    if kind == "digit":
        return DIGIT
    if kind == "rep":
        inner = item[1]
        return _sequence([inner]) if inner[0] != "lit" else None
    if kind == "group":
        return _branches(item[1])
    return None


def _branches(branches: list[list[tuple]]) -> frozenset[str] | None:
    options = [_sequence(branch) for branch in branches]
    if not options or any(o is None for o in options):
        return None
    if len(options) > 1 and any(o is DIGIT for o in options):
        return None  # "a digit or some word" cannot be tested as one set of strings
    return options[0] if len(options) == 1 else frozenset().union(*options)


def required_literals(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """Lowercase strings one of which occurs in every text `pattern` matches; DIGIT when a digit must occur;
    None when the parser cannot tell (the caller then runs the pattern on every text)."""
    if isinstance(pattern, re.Pattern):
        if pattern.flags & re.VERBOSE:
            return None
        pattern = pattern.pattern
    try:
        return _branches(_parse(pattern))
    except (_Unknown, ValueError, IndexError):
        return None


def required_literal_sets(pattern: str | re.Pattern[str]) -> tuple[frozenset[str], ...] | None:
    """Sets of literals every text `pattern` matches contains one of each of, the first being
    `required_literals`: a text that lacks every literal of any one set cannot match. DIGIT may be among them.
    None when the parser cannot tell; a pattern of several alternatives gives its one set (each alternative
    may need different words)."""
    first = required_literals(pattern)
    if first is None:
        return None
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    try:
        branches = _parse(source)
    except (_Unknown, ValueError, IndexError):
        return None
    if len(branches) != 1:
        return (first,)
    return tuple(dict.fromkeys(_sequence_sets(branches[0])))


# Inline flags, global or scoped ("(?i)", "(?-i:...)"): they may change how the first characters compare.
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")


def first_chars(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """The characters, as written, one of which every match of `pattern` starts with (compared as the pattern's
    own flags compare them); None when the parser cannot tell, when a match may be empty or start otherwise (a
    class, ``\\d``, ``.``), or when the pattern has inline flags."""
    if isinstance(pattern, re.Pattern):
        if pattern.flags & re.VERBOSE:
            return None
        pattern = pattern.pattern
    if _INLINE_FLAGS.search(pattern):
        return None
    try:
        return _first_of_branches(_parse(pattern))
    except (_Unknown, ValueError, IndexError):
        return None


def _first_of_branches(branches: list[list[tuple]]) -> frozenset[str] | None:
    found: set[str] = set()
    for branch in branches:
        first = _first_of_sequence(branch)
        if first is None:
            return None
        found |= first
    return frozenset(found)


def _first_of_sequence(items: list[tuple]) -> frozenset[str] | None:
    """First characters of a sequence: zero-width items are skipped, an optional item adds its own to those of
    what follows; None if it may match nothing or starts with an item that is not a literal."""
    found: set[str] = set()
    for item in items:
        kind = item[0]
        if kind == "at":
            continue
        optional = kind == "opt"
        inner = item[1] if kind in ("opt", "rep") else item
        if inner[0] == "lit":
            first: frozenset[str] | None = frozenset(inner[1])
        elif inner[0] == "group":
            first = _first_of_branches(inner[1])
        else:
            return None
        if first is None:
            return None
        found |= first
        if not optional:
            return frozenset(found)
    return None  # everything was optional or zero-width: a match may be empty
