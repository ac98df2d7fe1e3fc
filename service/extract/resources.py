"""Loads and validates the packaged language resources once.

Everything the extractor knows about the language lives in TOML files under
`service/resources/`; this module turns them into immutable lookup tables.
Loading reads package data and so is the one place in the core that does
I/O; it happens once, before any article is seen. The resource version is a
content hash of every file, stamped on each event through the extractor
version.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from types import MappingProxyType
from typing import Any

from service.extract.timex import TimexResources, load_timex_resources
from service.extract.tokens import phrase_key
from service.extract.triggers import TriggerTable, build_trigger_table, inflect

_PACKAGE = "service.resources"


class ResourceError(ValueError):
    """A resource file is malformed; the message names the file and entry."""


@dataclass(frozen=True, slots=True)
class Surface:
    """What one lexicon phrase stands for."""

    # "country" | "adjective" | "capital" | "alias" | "organization" | "person" | "place"
    kind: str
    code: str | None  # ISO alpha-3 country code
    organization: str | None
    name: str  # canonical display name (the country's name, the person's full name)
    title: str | None = None
    requires: tuple[str, ...] = ()  # surface forms one of which must occur in the article
    years: tuple[tuple[int, int], ...] = ()  # office years, for people
    # of a person who held an office for another actor: every office's years
    # with the country and organization it was held for and its lower-case
    # title, most recent first
    affiliations: tuple[tuple[int, int, str | None, str | None, str], ...] = ()
    seat_of: str | None = None  # of a capital: the organization it hosts and acts for


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Token-sequence lookup: first token -> ((length, {key: value}), ...), longest first.

    Plain dicts and tuples, built once and never changed after loading: this
    lookup runs for every candidate token, and read-only proxies cost a
    noticeable share of the extraction time.
    """

    by_first: dict[str, tuple[tuple[int, dict[tuple[str, ...], Any]], ...]]
    # first token -> the tokens that follow it in its phrases of two or more tokens:
    # most lookups ("the" + anything) fail there without slicing and hashing a key
    # per length.
    seconds: dict[str, frozenset[str]] = field(default_factory=dict)
    # first token -> (its tables, the tokens that may follow it, the value of the
    # one-token phrase or None): one lookup per call, and most calls, which
    # match one token or none, need no slice hashed.
    entries: dict[
        str, tuple[tuple[tuple[int, dict[tuple[str, ...], Any]], ...], frozenset[str], Any]
    ] = field(init=False)

    def __post_init__(self) -> None:
        entries = {
            first: (
                lengths,
                self.seconds.get(first, frozenset()),
                next((table.get((first,)) for length, table in lengths if length == 1), None),
            )
            for first, lengths in self.by_first.items()
        }
        object.__setattr__(self, "entries", entries)

    def longest(self, words: tuple[str, ...], start: int, stop: int) -> tuple[int, Any] | None:
        """The longest phrase starting at `start` and ending before `stop`."""
        entry = self.entries.get(words[start])
        if entry is None:
            return None
        lengths, seconds, single = entry
        if start + 1 < stop and words[start + 1] in seconds:
            for length, table in lengths:
                if start + length <= stop:
                    value = table.get(words[start : start + length])
                    if value is not None:
                        return length, value
            return None
        return (1, single) if single is not None and start < stop else None


def contains_phrase(index: PhraseIndex, words: tuple[str, ...], start: int, stop: int) -> bool:
    """Whether any phrase of the index lies wholly within words[start:stop]."""
    by_first = index.by_first
    if by_first.keys().isdisjoint(words[start:stop]):
        return False  # the common case, settled in C
    return any(words[k] in by_first and index.longest(words, k, stop) for k in range(start, stop))


def build_index(entries: Mapping[tuple[str, ...], Any]) -> PhraseIndex:
    grouped: dict[str, dict[int, dict[tuple[str, ...], Any]]] = {}
    seconds: dict[str, set[str]] = {}
    for key, value in entries.items():
        if key:
            grouped.setdefault(key[0], {}).setdefault(len(key), {})[key] = value
            if len(key) > 1:
                seconds.setdefault(key[0], set()).add(key[1])
    return PhraseIndex(
        {
            first: tuple((n, tables[n]) for n in sorted(tables, reverse=True))
            for first, tables in grouped.items()
        },
        {first: frozenset(words) for first, words in seconds.items()},
    )


@dataclass(frozen=True, slots=True)
class EventTypeInfo:
    cameo: str
    plover: str
    symmetric: bool
    # A decision to do it is the act: "decided to cut ties" cut them.
    done_when_decided: bool = False
    # A role held over time: "has mediated since 2019" is still under way.
    lasting: bool = False
    # Others follow suit in it: "Bahrain followed suit" cuts ties too.
    followed: bool = False


@dataclass(frozen=True, slots=True)
class Resources:
    version: str
    abbreviations: frozenset[str]
    months: Mapping[str, int]
    agencies: frozenset[str]  # news agencies, which mark a dateline
    gazetteer: PhraseIndex  # case-sensitive surface forms -> tuple[Surface, ...]
    titles: PhraseIndex  # lower-case title phrases -> kind ("person" | "body" | "domestic")
    # lower-case descriptions of a named state ("the kingdom") -> the codes they can stand for
    epithets: PhraseIndex
    title_words: frozenset[str]  # lower-case words of person titles, with one-letter-deletion typos
    # lower-case person title -> its rank ("head" of state or government, or
    # "minister"): two offices of one state at different ranks are two people
    title_ranks: Mapping[str, str]
    event_types: Mapping[str, EventTypeInfo]
    triggers: TriggerTable
    cues: Mapping[str, frozenset[str]]
    phrases: Mapping[str, PhraseIndex]  # multi-word cue phrases (lower case) by cue set name
    # every entry of each cue set, one word or several, as token tuples
    cue_entries: Mapping[str, tuple[tuple[str, ...], ...]]
    # the nouns that name back a deed that is no diplomatic event ("raid"), and
    # the past and -ing forms of its verbs ("stormed") -> those nouns
    deed_nouns: frozenset[str]
    deed_forms: Mapping[str, tuple[str, ...]]
    # a listed person's display name -> the pronoun that stands for them ("he", "she")
    pronouns: Mapping[str, str]
    timex: TimexResources
    # parsed files by name: for the example tests, and tables read as they are
    # ([occasion_heads] in events/cues.toml)
    raw: Mapping[str, Any] = field(repr=False)


def iter_resource_files() -> Iterator[tuple[str, bytes]]:
    root = importlib_resources.files(_PACKAGE)
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and not entry.name.startswith("__"):
                stack.append((entry, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".toml"):
                yield f"{prefix}{entry.name}", entry.read_bytes()


def load_resources() -> Resources:
    """Read every packaged resource file and build the lookup tables."""
    digest = hashlib.sha256()
    raw: dict[str, Any] = {}
    for name, data in sorted(iter_resource_files()):
        digest.update(name.encode() + b"\0" + data)
        try:
            raw[name] = tomllib.loads(data.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ResourceError(f"{name}: {exc}") from exc
    return build_resources(raw, load_timex_resources(), digest.hexdigest()[:8])


def build_resources(raw: Mapping[str, Any], timex: TimexResources, version: str) -> Resources:
    """Lookup tables from parsed resource files (tests pass small fictional ones)."""
    need = [
        "text/abbreviations.toml",
        "text/dateline.toml",
        "actors/countries.toml",
        "actors/epithets.toml",
        "actors/organizations.toml",
        "actors/people.toml",
        "actors/places.toml",
        "actors/titles.toml",
        "events/types.toml",
        "events/triggers.toml",
        "events/cues.toml",
        "events/verbs.toml",
    ]
    missing = [n for n in need if n not in raw]
    if missing:
        raise ResourceError(f"missing resource files: {', '.join(missing)}")

    cues_file = raw["events/cues.toml"]
    cues: dict[str, frozenset[str]] = {}
    phrases: dict[str, PhraseIndex] = {}
    entries: dict[str, tuple[tuple[str, ...], ...]] = {}
    for cue_name, values in cues_file.get("cues", {}).items():
        words = [v.lower() for v in values]
        cues[cue_name] = frozenset(w for w in words if " " not in w)
        phrases[cue_name] = build_index({phrase_key(w): True for w in words if " " in w})
        entries[cue_name] = tuple(phrase_key(w) for w in words)

    types = {
        name: EventTypeInfo(
            str(v["cameo"]),
            str(v["plover"]),
            bool(v.get("symmetric", False)),
            bool(v.get("done_when_decided", False)),
            bool(v.get("lasting", False)),
            bool(v.get("followed", False)),
        )
        for name, v in raw["events/types.toml"]["type"].items()
    }
    try:
        titles, title_words, title_ranks = _titles(raw["actors/titles.toml"])
        triggers = build_trigger_table(raw["events/triggers.toml"], raw["events/verbs.toml"], types)
        gazetteer = _gazetteer(raw)
        epithets = _epithets(raw["actors/epithets.toml"])
        deeds = cues_file.get("deeds", {})
        deed_nouns = _deed_nouns(deeds, types)
        deed_forms = _deed_forms(deeds, raw["events/verbs.toml"])
        pronouns = _pronouns(raw["actors/people.toml"]["person"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"bad resource data: {exc!r}") from exc
    return Resources(
        version=version,
        abbreviations=frozenset(raw["text/abbreviations.toml"]["abbreviations"]),
        months=MappingProxyType(dict(raw["text/dateline.toml"]["months"])),
        agencies=frozenset(raw["text/dateline.toml"]["agencies"]),
        gazetteer=gazetteer,
        titles=titles,
        epithets=epithets,
        title_words=title_words,
        title_ranks=MappingProxyType(title_ranks),
        event_types=MappingProxyType(types),
        triggers=triggers,
        cues=MappingProxyType(cues),
        phrases=MappingProxyType(phrases),
        cue_entries=MappingProxyType(entries),
        deed_nouns=deed_nouns,
        deed_forms=MappingProxyType(deed_forms),
        pronouns=MappingProxyType(pronouns),
        timex=timex,
        raw=MappingProxyType(raw),
    )


def _pronouns(people: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Each listed person's pronoun by display name ("he" unless given)."""
    pronouns: dict[str, str] = {}
    for entry in people:
        pronoun = entry.get("pronoun", "he")
        if pronoun not in {"he", "she"}:
            raise ValueError(f"{entry['name']}: pronoun {pronoun!r} is not 'he' or 'she'")
        pronouns[entry["name"]] = pronoun
    return pronouns


def _deed_nouns(deeds: Mapping[str, Sequence[str]], types: Mapping[str, Any]) -> frozenset[str]:
    """The deed nouns of cues.toml [deeds]; none may be an event type's name."""
    for noun in deeds:
        if noun in types:
            raise ValueError(f"deed noun {noun!r} is an event type")
    return frozenset(deeds)


def _deed_forms(
    deeds: Mapping[str, Sequence[str]], verbs: Mapping[str, Any]
) -> dict[str, tuple[str, ...]]:
    """The forms that tell a deed done ("stormed", "firing"), each with the
    nouns naming it back: the base and -s forms are left out, as they are
    nouns too ("a raid", "the launches")."""
    irregular = {k: tuple(v) for k, v in verbs.get("irregular", {}).items()}
    double = frozenset(verbs.get("double", ()))
    found: dict[str, list[str]] = {}
    for noun, lemmas in deeds.items():
        for lemma in lemmas:
            present = {lemma, lemma + "s", lemma + "es", lemma[:-1] + "ies"}
            for form in sorted(inflect(lemma, irregular, double) - present):
                found.setdefault(form, []).append(noun)
    return {form: tuple(nouns) for form, nouns in found.items()}


def _add(table: dict[tuple[str, ...], list[Surface]], phrase: str, surface: Surface) -> None:
    key = phrase_key(phrase)
    bucket = table.setdefault(key, [])
    if surface not in bucket:
        bucket.append(surface)
    if key and key[0] == "the":  # sentence-initial "The Kremlin"
        _add(table, "The" + phrase[3:], surface)


def _gazetteer(raw: Mapping[str, Any]) -> PhraseIndex:
    table: dict[tuple[str, ...], list[Surface]] = {}
    particles = frozenset(raw["events/cues.toml"]["cues"]["hyphen_particles"])
    organizations = raw["actors/organizations.toml"]["organization"]
    hosted = {
        seat: entry["code"] for entry in organizations for seat in entry.get("host_seats", [])
    }
    plural_endings = tuple(raw["events/cues.toml"]["cues"]["people_plural_endings"])
    for entry in raw["actors/countries.toml"]["country"]:
        code = entry["code"]
        name = entry["names"][0]
        for phrase in entry["names"]:
            _add(table, phrase, Surface("country", code, None, name))
        for phrase in entry.get("adjectives", []):
            _add(table, phrase, Surface("adjective", code, None, name))
            if phrase.endswith(plural_endings):
                # "the Americans" heads its noun phrase, as the state's name does;
                # without the article ("3.6 million Syrians") they are people
                _add(table, f"the {phrase}s", Surface("country", code, None, name))
        for phrase in entry.get("capitals", []):
            _add(table, phrase, Surface("capital", code, None, name, seat_of=hosted.get(phrase)))
        requires = tuple(entry.get("requires", ()))
        for phrase in entry.get("aliases", []):
            _add(table, phrase, Surface("alias", code, None, name, requires=requires))
    # Cities and venues ("Johannesburg", "Camp David"): where events happen, never actors.
    for entry in raw["actors/places.toml"]["place"]:
        for phrase in entry["names"]:
            _add(table, phrase, Surface("place", entry["country"], None, phrase))
    # "South American", "South China Sea", "Geneva Convention": the longer phrase
    # wins the match and names no state, so the name inside it stands for nothing.
    for source in ("actors/countries.toml", "actors/places.toml"):
        for phrase in raw[source].get("false_friends", []):
            _add(table, phrase, Surface("place", None, None, phrase))
    for entry in organizations:
        org = entry["code"]
        name = entry["names"][0]
        phrases = [
            *entry["names"],
            *entry.get("adjectives", []),
            *entry.get("collectives", []),
            *entry.get("seats", []),
        ]
        for phrase in phrases:
            _add(table, phrase, Surface("organization", None, org, name))
    for entry in raw["actors/people.toml"]["person"]:
        offices = entry.get("offices", [])
        years = tuple((int(o["from"]), int(o["to"])) for o in offices)
        title = offices[0]["title"] if offices else None
        code, org = entry.get("country"), entry.get("organization")
        held_elsewhere = any("country" in o or "organization" in o for o in offices)
        surface = Surface(
            "person",
            code,
            org,
            entry["name"],
            title=title,
            years=years,
            affiliations=tuple(
                (
                    int(o["from"]),
                    int(o["to"]),
                    o.get("country", code if "organization" not in o else None),
                    o.get("organization", org if "country" not in o else None),
                    str(o["title"]).lower(),
                )
                for o in offices
            )
            if held_elsewhere
            else (),
        )
        for phrase in [entry["name"], *entry.get("aliases", [])]:
            _add(table, phrase, surface)
            # "al-Burhan" opens its sentence, or a house style, as "Al-Burhan"
            capitalized = " ".join(
                word[:1].upper() + word[1:] if word.partition("-")[0] in particles else word
                for word in phrase.split(" ")
            )
            if capitalized != phrase:
                _add(table, capitalized, surface)
    return build_index({key: tuple(values) for key, values in table.items()})


def _epithets(data: Mapping[str, Any]) -> PhraseIndex:
    """Phrase -> the states it may describe (a frozenset, one of them), or for a
    group that names them all ("the Baltic states") the states in order (a tuple)."""
    states: dict[tuple[str, ...], frozenset[str] | tuple[str, ...]] = {}
    for entry in data.get("epithet", []):
        for phrase in entry["phrases"]:
            key = phrase_key(phrase.lower())
            if entry.get("all", False):
                states[key] = tuple(entry["states"])
                continue
            told = states.get(key, frozenset())
            if isinstance(told, tuple):
                raise ValueError(f"actors/epithets.toml {phrase!r}: a group and a state")
            states[key] = told | frozenset(entry["states"])
    return build_index(states)


_RANKS = frozenset({"head", "minister"})


def _titles(data: Mapping[str, Any]) -> tuple[PhraseIndex, frozenset[str], dict[str, str]]:
    table: dict[tuple[str, ...], str] = {}
    words: set[str] = set()
    ranks: dict[str, str] = {}
    for entry in data["title"]:
        key = tuple(w.lower() for w in phrase_key(entry["text"]))
        table[key] = entry["kind"]
        if entry["kind"] == "person":
            words.update(key)
        if "rank" in entry:
            if entry["rank"] not in _RANKS or entry["kind"] != "person":
                raise ValueError(
                    f"actors/titles.toml {entry['text']!r}: bad rank {entry['rank']!r}"
                )
            ranks[entry["text"].lower()] = entry["rank"]
    # Wire copy misspells titles ("Vice Foreign Minster"); one dropped letter
    # in a long title word still reads as that word.
    typos = {w[:i] + w[i + 1 :] for w in words if len(w) >= 7 for i in range(len(w))}
    return build_index(table), frozenset(words | typos), ranks
