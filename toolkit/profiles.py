"""Film profiles: what is specific to one film, kept in a YAML file beside the corpus, not in the package.

A profile holds a film's titles in several languages and scripts, its release year, the people around it
(cast, crew, the real people portrayed, characters) with their transliterations, the real events and the
named incidents critics dispute (with the words that name them per language), the films it is compared
with and any extra frames. Every stage reads the profile it is given: the language stage masks its names,
the aspects stage adds its incident, event and frame cues to the general codebook, the money stage prices
figures at its release year and treats its comparison films as comparators, and the reception stage looks
for its comparison films. Without a profile the toolkit codes a generic film. The schema (data dictionary)
is in ``corpus/profiles/README.md``; `init_profile` writes a commented skeleton to fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "Profile",
    "Person",
    "Event",
    "Incident",
    "Frame",
    "ComparisonFilm",
    "ProfileError",
    "load_profile",
    "init_profile",
    "profile_from_dict",
    "thaw",
    "slug",
    "ROLES",
    "CUE_KEYS",
]

#: What a person is to the film.
ROLES = ("director", "writer", "crew", "cast", "real", "character")
#: Keys a cue may carry in a profile (the codebook's cue syntax, toolkit/data/codebook/README.md).
CUE_KEYS = ("terms", "patterns", "role", "group", "stance", "case", "stem", "negatable")
_ID = re.compile(r"[a-z0-9][a-z0-9_]*\Z")
_LANG = re.compile(r"[a-z]{2}\Z")
_TOP_KEYS = (
    "title",
    "year",
    "country",
    "original_language",
    "titles",
    "people",
    "mask",
    "events",
    "incidents",
    "comparison_films",
    "frames",
)

# A cue spec frozen for hashing: ((key, value), ...) with lists as tuples.
FrozenSpec = tuple[tuple[str, Any], ...]
Cues = tuple[tuple[str, FrozenSpec], ...]  # (language, spec) pairs


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Person:
    """Someone a review may name: `name` as usually written in Latin script, `native` in the film's own
    script, `transliterations` the other spellings critics use (masked before language detection)."""

    name: str
    role: str
    native: str | None = None
    transliterations: tuple[str, ...] = ()
    plays: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Event:
    """A real event the film portrays; its `cues` (optional) count as talk of history (accuracy)."""

    id: str
    name: str
    date: str | None = None
    description: str | None = None
    cues: Cues = ()


@dataclass(frozen=True)
class Incident:
    """A named incident critics dispute (true or invented); its `cues` name it, per language."""

    id: str
    description: str | None = None
    cues: Cues = ()


@dataclass(frozen=True)
class Frame:
    """An extra geopolitics frame for this film; its `cues` mark the aspect and carry the frame."""

    id: str
    description: str | None = None
    cues: Cues = ()


@dataclass(frozen=True)
class ComparisonFilm:
    """A film this one is compared with. With only `id`, a film of the package's registry
    (toolkit/data/comparison_films.yaml); otherwise a full entry in the registry's format."""

    id: str
    title: str | None = None
    year: int | None = None
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    case_sensitive: bool = False
    not_sentence_initial: bool = False

    def registry_entry(self) -> dict[str, Any]:
        """The entry as toolkit.reception reads its registry."""
        return {
            "id": self.id,
            "title": self.title,
            "year": self.year,
            "case_sensitive": self.case_sensitive,
            "not_sentence_initial": self.not_sentence_initial,
            "aliases": {lang: list(forms) for lang, forms in self.aliases},
        }


@dataclass(frozen=True)
class Profile:
    """The film the reviews are about. `title`, `year` and `titles` are what `toolkit.pipeline.Film` was (its
    release year prices budget figures; its titles are never comparators); the rest is optional.

    >>> Profile("Salyut-7", 2017).year, Profile("Salyut-7", 2017).incidents
    (2017, ())
    """

    title: str
    year: int | None
    titles: tuple[str, ...] = ()
    country: str | None = None
    original_language: str | None = None
    title_forms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    people: tuple[Person, ...] = ()
    mask: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    incidents: tuple[Incident, ...] = ()
    comparison_films: tuple[ComparisonFilm, ...] = ()
    frames: tuple[Frame, ...] = ()
    source: str | None = field(default=None, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Proper names to mask before language detection: the `mask` list and every person's name,
        transliterations and role name. `toolkit.language` masks their Latin-script words that are not
        function words of any language (so "Yi Sun-sin" does not hide Spanish "sin"). Titles are not masked
        word by word, since many are ordinary words ("The Boat"); a title that is a name goes in `mask`."""
        found = list(self.mask)
        for person in self.people:
            found += [person.name, *person.transliterations] + ([person.plays] if person.plays else [])
        return tuple(dict.fromkeys(n for n in found if n))

    @property
    def cue_specs(self) -> tuple[tuple[str, str, str, FrozenSpec, str], ...]:
        """The codebook cues this profile adds: (aspect, language, key, spec, where) — incidents as accuracy
        support cues of group `incident`, events as accuracy support cues of group `history`, frames as
        geopolitics triggers. `where` names the profile key, for error messages."""
        out = []
        for kind, items, aspect, defaults in (
            (
                "incidents",
                self.incidents,
                "accuracy",
                lambda i: {"role": "support", "group": "incident", "incidents": (i.id,)},
            ),
            ("events", self.events, "accuracy", lambda i: {"role": "support", "group": "history"}),
            ("frames", self.frames, "geopolitics", lambda i: {"role": "trigger", "frames": (i.id,)}),
        ):
            for item in items:
                for language, spec in item.cues:
                    merged = {**defaults(item), **dict(spec)}
                    if merged.get("role") != "support" and "group" not in dict(spec):
                        merged.pop("group", None)  # a tag or trigger belongs to no support group
                    out.append(
                        (
                            aspect,
                            language,
                            item.id,
                            _freeze(merged),
                            f"{self.source or 'profile'}: {kind}[{item.id}].cues.{language}",
                        )
                    )
        return tuple(out)

    @property
    def comparison_titles(self) -> tuple[str, ...]:
        """Every alias of the films this one is compared with (registry films by their registry aliases); the
        display `title` only through the aliases, so a title such as "300" need not be matched bare."""
        forms: list[str] = []
        registry = _registry()
        for film in self.comparison_films:
            entry = film.registry_entry() if film.title else registry.get(film.id, {})
            forms += [a for aliases in (entry.get("aliases") or {}).values() for a in aliases]
        return tuple(dict.fromkeys(f.replace("*", "") for f in forms if f))


# ------------------------------------------------------------------------------------------ loading ---


def load_profile(path: str | Path) -> Profile:
    """Read and check a profile file; a bad one raises ProfileError naming the file and the key.

    >>> from toolkit.corpus import DEFAULT_MANIFEST
    >>> profile = load_profile(DEFAULT_MANIFEST.parent / "profiles" / "salyut-7.yaml")
    >>> profile.title, profile.year, "fire" in [i.id for i in profile.incidents]
    ('Salyut-7', 2017, True)
    """
    path = Path(path)
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"{where}: no such profile file") from None
    except UnicodeDecodeError as error:
        raise ProfileError(f"{where}: not UTF-8 (byte {error.start})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise ProfileError(f"{where}{line}: not valid YAML ({getattr(error, 'problem', None) or error})") from None
    profile = profile_from_dict(data, where=where)
    _check_cues(profile)
    return profile


def profile_from_dict(data: Any, *, where: str = "profile") -> Profile:
    """A Profile from already parsed YAML (`where` names it in errors)."""
    if not isinstance(data, dict):
        raise ProfileError(f"{where}: a profile is a mapping of keys (title, year, ...), got {type(data).__name__}")
    unknown = sorted(set(map(str, data)) - set(_TOP_KEYS))
    if unknown:
        raise ProfileError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(_TOP_KEYS)})")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ProfileError(f"{where}: title: required, a non-empty string")
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1870 <= year <= 2100):
        raise ProfileError(f"{where}: year: must be a release year such as 2017, got {year!r}")
    country = _optional_str(data, "country", where)
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        raise ProfileError(f"{where}: country: ISO 3166-1 alpha-2 such as RU, got {country!r}")
    original = _optional_str(data, "original_language", where)
    if original is not None and not _LANG.match(original):
        raise ProfileError(f"{where}: original_language: ISO 639-1 such as ru, got {original!r}")
    title_forms = _by_language(data.get("titles"), f"{where}: titles")
    titles = tuple(dict.fromkeys([title] + [t for _, forms in title_forms for t in forms]))
    return Profile(
        title=title.strip(),
        year=year,
        titles=titles,
        country=country,
        original_language=original,
        title_forms=title_forms,
        people=tuple(_person(p, f"{where}: people[{i}]") for i, p in enumerate(_list(data, "people", where))),
        mask=tuple(_strings(data.get("mask"), f"{where}: mask")),
        events=_unique(
            tuple(_event(e, f"{where}: events[{i}]") for i, e in enumerate(_list(data, "events", where))),
            f"{where}: events",
        ),
        incidents=_unique(
            tuple(
                _incident(e, f"{where}: incidents[{i}]", Incident)
                for i, e in enumerate(_list(data, "incidents", where))
            ),
            f"{where}: incidents",
        ),
        comparison_films=_unique(
            tuple(
                _comparison(e, f"{where}: comparison_films[{i}]")
                for i, e in enumerate(_list(data, "comparison_films", where))
            ),
            f"{where}: comparison_films",
        ),
        frames=_unique(
            tuple(_incident(e, f"{where}: frames[{i}]", Frame) for i, e in enumerate(_list(data, "frames", where))),
            f"{where}: frames",
        ),
        source=where,
    )


def _optional_str(data: dict, key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ProfileError(f"{where}: {key}: must be a string, got {value!r}")
    return value


def _list(data: dict, key: str, where: str) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProfileError(f"{where}: {key}: must be a list, got {type(value).__name__}")
    return value


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ProfileError(f"{where}: must be a list of non-empty strings, got {value!r}")
    return [v.strip() for v in value]


def _by_language(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """{lang: [forms]} (or a plain list, language unknown: `und`) → ((lang, forms), ...)."""
    if value is None:
        return ()
    if isinstance(value, list):
        value = {"und": value}
    if not isinstance(value, dict):
        raise ProfileError(f"{where}: must map ISO 639-1 codes to lists of forms, got {type(value).__name__}")
    out = []
    for lang, forms in value.items():
        if not isinstance(lang, str) or not (_LANG.match(lang) or lang == "und"):
            raise ProfileError(f"{where}.{lang}: not an ISO 639-1 code (two lowercase letters)")
        out.append((lang, tuple(_strings(forms, f"{where}.{lang}"))))
    return tuple(out)


def _mapping(value: Any, where: str, required: tuple[str, ...], allowed: tuple[str, ...]) -> dict:
    if isinstance(value, str) and required == ("id",):
        value = {"id": value}
    if not isinstance(value, dict):
        raise ProfileError(f"{where}: must be a mapping with {', '.join(required)}, got {value!r}")
    for key in required:
        if value.get(key) in (None, ""):
            raise ProfileError(f"{where}: {key}: required")
    unknown = sorted(set(map(str, value)) - set(allowed))
    if unknown:
        raise ProfileError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(allowed)})")
    return value


def _slug(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise ProfileError(f"{where}: id: lowercase letters, digits and _ only (like solar_panels), got {value!r}")
    return value


def _person(value: Any, where: str) -> Person:
    value = _mapping(value, where, ("name", "role"), ("name", "role", "native", "transliterations", "plays", "note"))
    if value["role"] not in ROLES:
        raise ProfileError(f"{where}: role: one of {', '.join(ROLES)}, got {value['role']!r}")
    for key in ("name", "native", "plays", "note"):
        if value.get(key) is not None and not isinstance(value[key], str):
            raise ProfileError(f"{where}: {key}: must be a string, got {value[key]!r}")
    return Person(
        name=value["name"],
        role=value["role"],
        native=value.get("native"),
        transliterations=tuple(_strings(value.get("transliterations"), f"{where}: transliterations")),
        plays=value.get("plays"),
        note=value.get("note"),
    )


def _cues(value: Any, where: str) -> Cues:
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise ProfileError(f"{where}.cues: must map ISO 639-1 codes to cue entries")
    out = []
    for lang, spec in value.items():
        here = f"{where}.cues.{lang}"
        if not isinstance(lang, str) or not _LANG.match(lang):
            raise ProfileError(f"{here}: not an ISO 639-1 code (two lowercase letters)")
        if isinstance(spec, list):
            spec = {"terms": spec}  # shorthand: a bare list of terms
        if not isinstance(spec, dict):
            raise ProfileError(f"{here}: must be a cue entry (terms, patterns, ...) or a list of terms")
        unknown = sorted(set(map(str, spec)) - set(CUE_KEYS))
        if unknown:
            raise ProfileError(f"{here}: unknown key {unknown[0]!r} (known: {', '.join(CUE_KEYS)})")
        for key in ("terms", "patterns"):
            _strings(spec.get(key), f"{here}.{key}")
        if not spec.get("terms") and not spec.get("patterns"):
            raise ProfileError(f"{here}: needs terms or patterns")
        out.append((lang, _freeze(spec)))
    return tuple(out)


def _event(value: Any, where: str) -> Event:
    value = _mapping(value, where, ("id", "name"), ("id", "name", "date", "description", "cues"))
    ident = _slug(value["id"], where)
    named = re.sub(r"\[\d+\]$", f"[{ident}]", where)
    return Event(
        id=ident,
        name=str(value["name"]),
        date=None if value.get("date") is None else str(value["date"]),
        description=value.get("description"),
        cues=_cues(value.get("cues"), named),
    )


def _incident(value: Any, where: str, kind: type) -> Any:
    value = _mapping(value, where, ("id",), ("id", "description", "cues"))
    ident = _slug(value["id"], where)
    named = re.sub(r"\[\d+\]$", f"[{ident}]", where)  # errors name the incident: incidents[fire].cues.en
    return kind(id=ident, description=value.get("description"), cues=_cues(value.get("cues"), named))


def _comparison(value: Any, where: str) -> ComparisonFilm:
    value = _mapping(
        value, where, ("id",), ("id", "title", "year", "aliases", "case_sensitive", "not_sentence_initial")
    )
    ident = _slug(value["id"], where)
    if value.get("title") is None:
        if set(value) - {"id"}:
            raise ProfileError(f"{where}: title: required for a film that is not only a registry id")
        if ident not in _registry():
            raise ProfileError(
                f"{where}: {ident!r} is not in toolkit/data/comparison_films.yaml; give title, year and aliases"
            )
        return ComparisonFilm(id=ident)
    aliases = _by_language(value.get("aliases") or {"en": [value["title"]]}, f"{where}: aliases")
    return ComparisonFilm(
        id=ident,
        title=str(value["title"]),
        year=value.get("year"),
        aliases=aliases,
        case_sensitive=bool(value.get("case_sensitive", False)),
        not_sentence_initial=bool(value.get("not_sentence_initial", False)),
    )


def _unique(items: tuple, where: str) -> tuple:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ProfileError(f"{where}: id {item.id!r} appears twice")
        seen.add(item.id)
    return items


def _check_cues(profile: Profile) -> None:
    """Compile the profile's cues now, so that a bad pattern or a clash is reported on loading."""
    from toolkit import aspects

    aspects.profile_cues(profile)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def thaw(spec: FrozenSpec) -> dict[str, Any]:
    """A frozen cue spec back as the codebook's mapping (tuples as lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in spec}


def _registry() -> dict[str, dict[str, Any]]:
    from toolkit.reception import registry_films

    return registry_films()


# -------------------------------------------------------------------------------------------- skeleton ---

_SKELETON = """\
# Film profile: {title} ({year}). What is specific to this film; every stage of the toolkit reads it.
# Data dictionary: corpus/profiles/README.md. Use it with `toolkit statements --input FILE --profile THIS`
# or `tk.analyse(reviews, film=tk.load_profile("THIS"))`. Delete what you do not need; only `title` is required.
title: {title_yaml}
year: {year_yaml}               # release year: prices budget figures in US dollars of that year
country:                 # ISO 3166-1 alpha-2 of the production country, e.g. RU
original_language:       # ISO 639-1, e.g. ru

# The title as critics write it, per ISO 639-1 language, in every script and transliteration.
titles:
  en: [{title_yaml}]

# People a review may name. role: director | writer | crew | cast | real (a real person portrayed) |
# character. Their Latin-script names and transliterations are masked before language detection.
people: []
#  - name: Firstname Lastname
#    role: cast
#    native: Name in the film's own script
#    transliterations: [Other spelling, Another spelling]
#    plays: Character Name

# Other proper names to mask before language detection (places, ships, spacecraft): whole words.
mask: []

# Real events the film portrays. Optional cues (per language) count as talk of history for accuracy.
events: []
#  - id: the_event
#    name: What happened
#    date: "1985-06"
#    description: one line

# Named incidents critics dispute as true or invented. A sentence naming one plus a judgement word
# ("invented", "erfunden") is an accuracy statement tagged with the incident id.
# Cue syntax: toolkit/data/codebook/README.md (terms with * globs, patterns, ...); a bare list is terms.
incidents: []
#  - id: the_incident
#    description: what the film shows, and what really happened
#    cues:
#      en: [the words, that name it]
#      de: {{terms: [wörter*], patterns: ['\\bregex\\b']}}

# Films critics compare this one with: an id of toolkit/data/comparison_films.yaml, or a full entry.
# Their titles also make a budget figure named after them a comparator ("X cost $100m").
comparison_films: []
#  - apollo_13
#  - id: other_film
#    title: Other Film
#    year: 2001
#    aliases: {{en: [Other Film], de: [Anderer Film]}}

# Extra geopolitics frames for this film, with the words that invoke them.
frames: []
#  - id: the_frame
#    description: one line
#    cues:
#      en: [words, that invoke it]
"""


def init_profile(title: str, year: int | None = None) -> str:
    """A commented skeleton profile to fill in (YAML text); it loads as it is.

    >>> text = init_profile("Das Boot", 1981)
    >>> profile_from_dict(yaml.safe_load(text)).year
    1981
    """
    if not title or not title.strip():
        raise ValueError("init_profile: give the film's title")
    if year is not None and not 1870 <= int(year) <= 2100:
        raise ValueError(f"init_profile: {year} is not a release year")
    title_yaml = yaml.safe_dump(title.strip(), allow_unicode=True, default_style='"').strip()
    return _SKELETON.format(
        title=title.strip(),
        year=year if year is not None else "year unknown",
        title_yaml=title_yaml,
        year_yaml="" if year is None else int(year),
    )


def slug(title: str) -> str:
    """A file name for a profile: 'The Admiral: Roaring Currents' → 'the-admiral-roaring-currents'."""
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "film"
