r"""The heads of a regular expression: a pattern for the first few characters of every match it can make.

The budget-figure parser tries its amount pattern (several hundred currency, scale and number words of every
language) at each word of a sentence, and almost every try fails after costing microseconds. A match can only
begin where the pattern's first characters can: ``heads(pattern, 3)`` is an alternation of those, nested by
character ("million|milliard|minus" gives "mi(?:l|n)"), which `re` tests at a place in a fraction of the time,
so the whole pattern is tried only where its heads match (`toolkit.money._amounts`). A head stops at a character
class ("$" then a space or a digit): the words after it would multiply the heads.

The heads are read from the pattern as Python's own parser reads it (``re._parser``, private but stable from
3.11 on); whatever is not understood, in any version, makes the answer None, which only turns the shortcut off.
Lookarounds and anchors are left out (they consume nothing), so the heads may match where the pattern does not,
never the other way round: tests/test_regex_heads.py checks that, and tests/test_money.py that the amounts found
on every shipped review sentence stay the same.

>>> heads(r"million|milliard|minus|\$\s?\d").pattern
'(?:\\$(?:[\\d]|[\\s])|mi(?:l|n))'
>>> heads(r"(?:US)?\$|(?i:eur)", 3).pattern, heads(r"a*") is None
('(?:US\\$|\\$|eur)', True)
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["class_of", "first_characters", "first_class", "heads", "heads_of_parse"]

# Above this many distinct heads the alternation would cost what it saves: no answer.
_MOST = 20_000


class _Unknown(Exception):
    pass


def heads(pattern: str | re.Pattern[str], size: int = 3) -> re.Pattern[str] | None:
    """A pattern matching the first `size` characters (fewer where a match is shorter) of every match of
    `pattern`, wherever it can begin; None when that cannot be told. It ignores case whatever `pattern` does,
    so that a part of it that ignores case (``(?i:...)``) is covered too."""
    source, flags = (pattern.pattern, pattern.flags) if isinstance(pattern, re.Pattern) else (pattern, 0)
    try:
        from re import _parser

        parsed = _parser.parse(source, flags)
    except (ImportError, AttributeError, re.error, RecursionError, TypeError, ValueError):
        return None
    return heads_of_parse(parsed, size)


def heads_of_parse(parsed: Any, size: int = 3) -> re.Pattern[str] | None:
    """`heads` of a pattern as ``re._parser.parse`` gives it (`toolkit.regex_compile` parses a long pattern once
    for both its heads and its compiled form)."""
    try:
        from re import _constants as c

        found = _sequence(list(parsed), size, c)
    except (_Unknown, ImportError, AttributeError, RecursionError, TypeError, ValueError):
        return None
    if not found or () in found:
        return None  # a match may be empty: it can begin anywhere
    return re.compile(_trie(found), re.IGNORECASE)


def first_class(pattern: str) -> str | None:
    r"""One character class holding, ignoring case, the first character of every match of `pattern`; None when that
    cannot be told, or a match may be empty or begin with any character but some. Put as a look-ahead before a long
    alternation, it rules out at once a place none of its words begins at, where `re` would try each of them.

    >>> first_class(r"million|(?-i:[bB])n|\$|\d+ ?k"), first_class(r"x?"), first_class(r"[^a]b")
    ('[\\$\\dbm]', None, None)
    """
    found = first_characters(pattern)
    return class_of(found) if found is not None else None


def class_of(characters: frozenset[str]) -> str:
    """The character class of `first_characters` (of one pattern or several)."""
    return "[" + "".join(sorted(characters)) + "]"


def first_characters(pattern: str) -> frozenset[str] | None:
    """What `first_class` holds, as a set of a class's parts (an escaped character, "\\d", "a-z"), so that those of
    several patterns can be joined; None as for `first_class`."""
    try:
        from re import _constants as c
        from re import _parser

        found = _sequence(list(_parser.parse(pattern, 0)), 1, c)
    except (_Unknown, ImportError, AttributeError, RecursionError, TypeError, ValueError, re.error):
        return None
    if not found or () in found:
        return None
    parts = set()
    for (head,) in found:
        if not head or head.startswith("[^") or head == "(?s:.)":
            return None
        parts.add(head[1:-1] if head.startswith("[") else head)
    return frozenset(parts)


def _trie(found: set[tuple[str, ...]]) -> str:
    """The heads as one alternation nested by their first characters ("mil|min" as "m(?:i(?:l|n))"), so that `re`
    rules out a place at its first character instead of trying each head there."""
    ends = any(not h or not h[0] for h in found)
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for h in found:
        if h and h[0]:
            by_first.setdefault(h[0], set()).add(h[1:])
    options = [first + _trie(rest) for first, rest in sorted(by_first.items())]
    if not options:
        return ""
    body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    return f"(?:{body})?" if ends else body


def _sequence(items: list[Any], size: int, c: Any) -> set[tuple[str, ...]]:
    """The heads of a sequence of parsed items: each a tuple of at most `size` one-character patterns."""
    found: set[tuple[str, ...]] = {()}
    for op, arg in items:
        open_ = [h for h in found if len(h) < size]
        if not open_:
            break
        more = _item(op, arg, size, c)
        found = {h for h in found if len(h) >= size} | {(h + t)[:size] for h in open_ for t in more}
        if len(found) > _MOST:
            raise _Unknown("too many heads")
    return found


def _item(op: Any, arg: Any, size: int, c: Any) -> set[tuple[str, ...]]:
    if op is c.LITERAL:
        return {(re.escape(chr(arg)),)}
    # After a class the head stops (padded to its full size with ""): a class followed by the few hundred
    # words that may come after it would multiply the heads, and a shorter head only matches in more places.
    if op is c.NOT_LITERAL:
        return {(f"[^{re.escape(chr(arg))}]",) + ("",) * (size - 1)}
    if op is c.ANY:
        return {("(?s:.)",) + ("",) * (size - 1)}
    if op is c.IN:
        letter = _one_letter(arg, c)
        if letter is not None:  # "[uU]", as `money._grouped_alternation` writes a first letter: the letter
            return {(re.escape(letter),)}
        return {(_class(arg, c),) + ("",) * (size - 1)}
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {()}  # consumes nothing; leaving its condition out only widens the heads
    if op is c.SUBPATTERN:
        return _sequence(list(arg[-1]), size, c)
    if op is c.ATOMIC_GROUP:
        return _sequence(list(arg), size, c)
    if op is c.BRANCH:
        return set().union(*(_sequence(list(branch), size, c) for branch in arg[1]))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        least, most, body = arg
        one = _sequence(list(body), size, c)
        found = {()} if least == 0 else set()
        current = {()}
        # Each repetition that consumes adds a character; `size` of them fill any head.
        # A head already full stays as it is (most of the few thousand heads of a word list are), only the others
        # take the next repetition's.
        for count in range(1, min(most, size) + 1):
            current = {h for h in current if len(h) >= size} | {
                (h + t)[:size] for h in current if len(h) < size for t in one
            }
            if count >= least or count == size:
                found |= current
        return found
    raise _Unknown(op)


def _one_letter(items: list[Any], c: Any) -> str | None:
    """The one character a set of literals holds in its cases ("[uU]" → "u"), else None."""
    if not all(op is c.LITERAL for op, _ in items):
        return None
    lowered = {chr(arg).lower() for _, arg in items}
    return lowered.pop() if len(lowered) == 1 else None


def _class(items: list[Any], c: Any) -> str:
    """A parsed character set ``[...]`` written back as a pattern."""
    categories = {
        c.CATEGORY_DIGIT: r"\d",
        c.CATEGORY_NOT_DIGIT: r"\D",
        c.CATEGORY_SPACE: r"\s",
        c.CATEGORY_NOT_SPACE: r"\S",
        c.CATEGORY_WORD: r"\w",
        c.CATEGORY_NOT_WORD: r"\W",
    }
    parts = []
    for op, arg in items:
        if op is c.NEGATE:
            parts.insert(0, "^")
        elif op is c.LITERAL:
            parts.append(re.escape(chr(arg)))
        elif op is c.RANGE:
            parts.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op is c.CATEGORY and arg in categories:
            parts.append(categories[arg])
        else:
            raise _Unknown(op)
    return "[" + "".join(parts) + "]"
