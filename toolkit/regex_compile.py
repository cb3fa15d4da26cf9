r"""Compiling the budget-figure parser's long patterns for less: the very patterns `re.compile` makes, by its own steps.

`toolkit.money` compiles, once per language and process, patterns of thousands of words (its amount pattern alone
is 44,000 to 400,000 characters), which cost about half a CPU-second per language. Three of `re`'s steps are done
more than once for nothing:
- the parse: the amount pattern's heads (`toolkit.regex_heads`) are read from a parse of its text, the one
  `re.compile` makes and drops; `compiled_with_heads` parses it once for both;
- the parse of the words many patterns share: every language's amount pattern holds the same currency, scale and
  CJK number words (half of its text), and some of its groups repeat its number words; `_parse` parses each named
  group's content apart, once per process for the few dozen last seen;
- the optimization of each character class (``re._compiler._optimize_charset``), a quarter of the compile: the
  patterns hold a few hundred distinct classes a hundred thousand times ("[uU]", a letter outside the CJK
  scripts, whose ranges it walks character by character). While `compiled` runs, each distinct class is
  optimized once per process (the function's result depends on its arguments only). `toolkit.money` compiles
  its other once-per-language patterns with `compiled` too, for the same classes: building every language's
  lexicon and subject cues took 5.8 CPU-s with `re.compile` for those, 5.1 with `compiled`;
- the code of the words many patterns share: a named group's content parsed apart is compiled once per set of
  flags, and its code copied where another pattern holds it (a content holds no group, and the code's jumps are
  relative, so its code does not depend on where it stands): the amount patterns of all 26 languages took
  1.2-1.8 CPU-s to turn into code, 0.6-0.7 so.
A pattern of at least `_STORE_MIN_CHARS` (every language's amount pattern) is also kept on disk once compiled,
its code and heads in a file named by a hash of everything they depend on (`_stored_path`), so that the next
process reads it instead of parsing and compiling it: all 26 languages' budget-figure patterns then take 1.2 CPU-s
instead of 4.9. The file is checked whole (a digest of the code) before it is used, and compiled again when it is
not. The folder (about 20 MB for all languages; the oldest files go beyond `_STORE_MAX_FILES`) can be deleted at any
time.
The steps are ``re``'s private modules (``_parser``, ``_compiler``, ``_sre``, as `toolkit.regex_heads` reads
``_parser``): once per process the result is checked equal to `re.compile`'s (same text, flags and compiled
code) on a pattern with groups, classes and case-blind parts, and where it is not, or the modules are not the
ones this was written for, `compiled` is `re.compile`. tests/test_money.py checks every language's amount pattern
is equal to `re.compile`'s.

>>> amount, first = compiled_with_heads(r"million|milliard|\$\s?\d", re.IGNORECASE)
>>> amount == re.compile(r"million|milliard|\$\s?\d", re.IGNORECASE), first.pattern
(True, '(?:\\$(?:[\\d]|[\\s])|mil)')
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import sys
import threading
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from toolkit import regex_heads

__all__ = ["compiled", "compiled_with_heads"]

# A pattern whose compiled form `_compiles_as_re` compares with `re.compile`'s: named groups, a lookbehind, classes
# ignoring case and not (one of non-Latin-1 letters, one with the CJK ranges), a case-blind part.
_PROBE = r"(?<!\w)(?P<pre>US|[вб])?\$\s?(?P<num>\d+(?:[.,]\d+)?)(?-i:[^\W\d_\u3040-\u30ff\u4e00-\u9fff])?(?:mil|мил)|x"
# The classes optimized so far, (class, the arguments it was optimized with) -> result: a few hundred distinct
# ones in all languages' patterns; the bound only guards against a process that compiles unending new ones.
_OPTIMIZED: dict[tuple[Any, ...], tuple[list[Any], bool, tuple[Any, ...]]] = {}
_OPTIMIZED_LIMIT = 10_000
_SWAP = threading.Lock()
# Patterns at least this long are kept on disk once compiled (`_stored_path`): every language's amount pattern
# (44,000 to 400,000 characters, 0.1-0.2 CPU-s each to parse and compile; nothing else toolkit.money builds is over
# 10,000). The folder: $FILM_TOOLKIT_CACHE, else $XDG_CACHE_HOME or ~/.cache, then film-reception-toolkit/patterns;
# FILM_TOOLKIT_CACHE set empty keeps nothing on disk.
_STORE_MIN_CHARS = 20_000
_STORE_VARIABLE = "FILM_TOOLKIT_CACHE"
# At most this many files are kept, the oldest written going first: a run over every language writes about 40 (17 MB),
# and each change of the toolkit's word lists or of Python another set, which would otherwise pile up.
_STORE_MAX_FILES = 128


def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, each character class optimized once per process (see above)."""
    return _made(source, int(flags), None)[0]


def compiled_with_heads(source: str, flags: int = 0, size: int = 3) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """``re.compile(source, flags)`` and ``regex_heads.heads`` of it, from one parse of `source`."""
    return _made(source, int(flags), size)


def _made(source: str, flags: int, size: int | None) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The pattern `re.compile` makes and, with a `size`, its heads: a long pattern from the store when it is there
    (`_STORE_MIN_CHARS`), else parsed and compiled (and then stored)."""
    if not _compiles_as_re():
        pattern = re.compile(source, flags)
        return pattern, (regex_heads.heads(pattern, size) if size else None)
    path = _stored_path(source, flags, size) if len(source) >= _STORE_MIN_CHARS else None
    if path is not None and (stored := _read_stored(path, source)) is not None:
        return stored
    parsed, contents = _parse(source, flags)  # raises what re.compile raises on a wrong pattern
    pattern, code = _from_parse(source, parsed, flags, contents)
    heads = regex_heads.heads_of_parse(parsed, size) if size else None
    if path is not None:
        _write_stored(path, pattern, code, heads)
    return pattern, heads


class _Content:
    """A named group's content parsed apart (`_content`), and its code per flags once compiled (`_from_parse`)."""

    __slots__ = ("parsed", "code")

    def __init__(self, parsed: Any) -> None:
        self.parsed = parsed
        self.code: dict[int, list[int]] = {}


# What decides where a group ends: an escaped character, a class (whose parentheses are literals, and so is a "]"
# first), a group's opening (named or not) and a closing parenthesis.
_GROUP_MARKS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\((?:\?P<(\w+)>)?|\)", re.DOTALL)
_VERBOSE_OR_COMMENT = re.compile(r"\(\?(?:[aiLmsu]*x|#)")
_GLOBAL_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)")


def _parse(source: str, flags: int) -> tuple[Any, dict[int, _Content]]:
    """``re._parser.parse(source, flags)``, each named group's content that holds no group of its own parsed apart,
    once per process for the contents many patterns share (`_content`), and put in the place the whole parse
    would give it. The parse `re` makes of a group's content does not depend on what stands around it (but for the
    group's number, which a group without groups inside does not read); `_compiles_as_re` checks the result.
    With the parse, the contents put in it, by the id of their parse."""
    from re import _constants as c
    from re import _parser

    if flags & re.VERBOSE or _VERBOSE_OR_COMMENT.search(source):  # spaces, comments: group ends not read here
        return _parser.parse(source, flags), {}
    skeleton, contents, at = [], {}, 0
    for name, start, end in sorted(_named_groups(source), key=lambda group: group[1]):
        if start >= at and "(?P<" not in source[start:end]:
            content = _content(source[start:end], flags)
            if content is not None:
                skeleton.append(source[at:start])
                contents[name] = content
                at = end
    try:
        parsed = _parser.parse("".join([*skeleton, source[at:]]), flags)
    except re.error:
        return _parser.parse(source, flags), {}  # the error re.compile gives, placed in `source`
    state = parsed.state
    by_number = {state.groupdict.get(name): content.parsed for name, content in contents.items()}
    if None in by_number or _put(parsed, by_number, c.SUBPATTERN, _parser.SubPattern) != len(by_number):
        return _parser.parse(source, flags), {}  # a group not found where it was left empty: not read as meant
    for number, content in by_number.items():
        state.groupwidths[number] = content.getwidth()
    return parsed, {id(content.parsed): content for content in contents.values()}


def _put(parsed: Any, contents: dict[int, Any], subpattern: Any, kind: type) -> int:
    """Put each group's `contents` (by group number) in its empty place in `parsed`, and forget the widths the
    parse reckoned with the places empty; how many it put."""
    parsed.width = None
    put = 0
    for index, (op, arg) in enumerate(parsed.data):
        if op is subpattern and arg[0] in contents and not arg[-1].data:
            parsed.data[index] = (op, (*arg[:-1], contents[arg[0]]))
            put += 1
            continue
        for item in arg if isinstance(arg, tuple | list) else ():
            for part in item if isinstance(item, tuple | list) else (item,):
                if isinstance(part, kind):
                    put += _put(part, contents, subpattern, kind)
    return put


def _named_groups(source: str) -> Iterator[tuple[str, int, int]]:
    """(name, start, end) of each named group's content in `source`, innermost first."""
    opened: list[tuple[str | None, int]] = []
    for mark in _GROUP_MARKS.finditer(source):
        if mark.group()[0] == "(":
            opened.append((mark.group(1), mark.end()))
        elif mark.group() == ")" and opened:
            name, start = opened.pop()
            if name is not None:
                yield name, start, mark.start()


@functools.lru_cache(maxsize=64)
def _content(text: str, flags: int) -> _Content | None:
    """The parse of a group's content, None when it holds a group (whose number the whole pattern decides) or is
    no pattern by itself. The last few dozen are kept: the currency, scale and CJK number words every language's
    amount pattern holds (half of its text), and the number words its other groups repeat."""
    from re import _parser

    if _GLOBAL_FLAGS.match(text):
        return None  # "(?i)" is an error inside a group, not at the start of a pattern
    try:
        parsed = _parser.parse(text, flags)
    except re.error:
        return None
    return _Content(parsed) if parsed.state.groups == 1 and not parsed.state.grouprefpos else None


def _from_parse(
    source: str, parsed: Any, flags: int, contents: dict[int, _Content] | None = None
) -> tuple[re.Pattern[str], list[int]]:
    """The steps of ``re._compiler.compile`` after its parse, each class optimized once (`_optimized`), and the
    code of each of `contents` (`_parse`) made once per flags; with the pattern, its code."""
    import _sre
    from re import _compiler

    state = parsed.state
    names = _index_names(state.groups, state.groupdict)
    with _classes_remembered(_compiler, contents or {}):
        code = _compiler._code(parsed, flags)
    return _sre.compile(source, flags | state.flags, code, state.groups - 1, state.groupdict, names), code


def _index_names(size: int, groupindex: dict[str, int]) -> tuple[str | None, ...]:
    """Each group number's name (None for group 0 and unnamed groups), as `_sre.compile` takes them."""
    names: list[str | None] = [None] * size
    for name, index in groupindex.items():
        names[index] = name
    return tuple(names)


@contextlib.contextmanager
def _classes_remembered(compiler: Any, contents: dict[int, _Content]) -> Iterator[None]:
    """``compiler._optimize_charset`` remembers its results while the block runs (`_optimized`), and
    ``compiler._compile`` copies the code of `contents` it made before (`_content_code`). Another thread compiling
    meanwhile gets the same results through them: the first function's results depend on its arguments only, and
    the second reads only the contents of this block's pattern (alive, so no other parse has their ids)."""
    with _SWAP:
        original, compile_ = compiler._optimize_charset, compiler._compile
        compiler._optimize_charset = functools.partial(_optimized, original)
        if contents:
            compiler._compile = functools.partial(_content_code, compile_, contents)
        try:
            yield
        finally:
            compiler._optimize_charset, compiler._compile = original, compile_


def _content_code(
    compile_: Callable[..., None], contents: dict[int, _Content], code: list[int], pattern: Any, flags: int
) -> None:
    """``compile_(code, pattern, flags)`` (``re._compiler._compile``, which calls itself through the module for
    each group's content); for one of `contents`, its code copied when it was made before with these flags."""
    content = contents.get(id(pattern))
    if content is None or content.parsed is not pattern:
        compile_(code, pattern, flags)
        return
    made = content.code.get(flags)
    if made is None:
        start = len(code)
        compile_(code, pattern, flags)
        content.code[flags] = code[start:]
    else:
        code.extend(made)


def _optimized(
    optimize: Callable[..., tuple[list[Any], bool]], charset: list[Any], *args: Any, **options: Any
) -> tuple[list[Any], bool]:
    """``optimize(charset, *args, **options)``: a class as parsed, and the case functions and table it is read with
    (none outside IGNORECASE), the same objects for every class of a process, keyed by id (and kept, so that their
    ids stay theirs)."""
    given = (*args, *options.values())
    try:
        key = (tuple(charset), tuple(options), *map(id, given))
        out, cased, _ = _OPTIMIZED[key]
    except TypeError:  # a class item that cannot be a key: not remembered
        return optimize(charset, *args, **options)
    except KeyError:
        out, cased = optimize(charset, *args, **options)
        if len(_OPTIMIZED) < _OPTIMIZED_LIMIT:
            _OPTIMIZED[key] = (list(out), cased, given)
    return list(out), cased


def _stored_path(source: str, flags: int, size: int | None) -> Path | None:
    """Where the compiled `source` is kept: a file named by a hash of everything its code and heads depend on (the
    text, flags and heads' size; Python's version and its regex engine's; this module's and `regex_heads`' own
    code), so that a file is never read for anything else. None when nothing is kept."""
    folder, salt = _store_folder(), _store_salt()
    if folder is None or salt is None:
        return None
    key = hashlib.sha256(f"{salt}\0{int(flags)}\0{size}\0".encode() + source.encode("utf-8", "surrogatepass"))
    return folder / f"{key.hexdigest()[:40]}.bin"


@functools.cache
def _store_salt() -> str | None:
    import _sre

    try:
        own = b"".join(Path(module.__file__).read_bytes() for module in (sys.modules[__name__], regex_heads))
    except (OSError, TypeError):  # the code is not in files (a frozen or zipped package): nothing kept
        return None
    return f"{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}\0{hashlib.sha256(own).hexdigest()}"


def _store_folder() -> Path | None:
    import _sre

    if _sre.CODESIZE != array("I").itemsize:
        return None  # the code is kept as unsigned ints of the engine's size
    chosen = os.environ.get(_STORE_VARIABLE)
    if chosen is not None:
        return Path(chosen) / "patterns" if chosen else None
    home = os.path.expanduser("~")
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(home, ".cache") if os.path.isabs(home) else None)
    return Path(base) / "film-reception-toolkit" / "patterns" if base else None  # no home: nothing kept


def _write_stored(path: Path, pattern: re.Pattern[str], code: list[int], heads: re.Pattern[str] | None) -> None:
    """Keep `pattern`'s code (and heads) in `path`: a line of JSON, then the code. Written to a temporary file and
    renamed, so that a reader (another process) finds the whole file or none; a folder that cannot be written to
    only means the pattern is compiled again next time."""
    data = array("I", code).tobytes()
    head = {
        "flags": pattern.flags,
        "groups": pattern.groups,
        "groupindex": dict(pattern.groupindex),
        "heads": None if heads is None else [heads.pattern, heads.flags],
        "digest": hashlib.blake2b(data, digest_size=16).hexdigest(),
    }
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(json.dumps(head).encode("utf-8") + b"\n" + data)
        os.replace(temporary, path)
        _prune(path.parent)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _prune(folder: Path) -> None:
    """Delete the files written longest ago beyond `_STORE_MAX_FILES` (another process may delete them first)."""
    files = list(folder.glob("*.bin"))
    if len(files) <= _STORE_MAX_FILES:
        return
    written = {}
    for file in files:
        with contextlib.suppress(OSError):
            written[file] = file.stat().st_mtime_ns
    for file in sorted(written, key=lambda f: (written[f], f.name))[: len(written) - _STORE_MAX_FILES]:
        with contextlib.suppress(OSError):
            file.unlink()


def _read_stored(path: Path, source: str) -> tuple[re.Pattern[str], re.Pattern[str] | None] | None:
    """The pattern (and heads) kept in `path`, or None when there is no such file or it is not whole."""
    import _sre

    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        line, data = raw.split(b"\n", 1)
        head = json.loads(line)
        if hashlib.blake2b(data, digest_size=16).hexdigest() != head["digest"]:
            return None
        code = array("I")
        code.frombytes(data)
        groups, groupindex = int(head["groups"]), {str(k): int(v) for k, v in head["groupindex"].items()}
        names = _index_names(groups + 1, groupindex)
        pattern = _sre.compile(source, int(head["flags"]), code.tolist(), groups, groupindex, names)
        heads = None if head["heads"] is None else re.compile(head["heads"][0], int(head["heads"][1]))
    except (ValueError, TypeError, KeyError, IndexError, RuntimeError, OverflowError, re.error):
        return None
    return pattern, heads


@functools.cache
def _compiles_as_re() -> bool:
    """Do `_parse` and `_from_parse` make the pattern `re.compile` makes, in this version of Python? Checked once,
    twice over (the second time with the groups' contents, their code and the classes remembered from the first)."""
    try:
        return all(
            _from_parse(_PROBE, parsed, flags, contents)[0] == re.compile(_PROBE, flags)
            for flags in (re.IGNORECASE, re.IGNORECASE, 0)
            for parsed, contents in [_parse(_PROBE, flags)]
        )
    except (ImportError, AttributeError, RecursionError, TypeError, ValueError, re.error):
        return False
