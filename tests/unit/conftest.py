"""A small fictional world for engine tests, PETRARCH-style.

The engine is tested against these few made-up states, people and triggers,
so changes to the production lexicons never break an engine test. Grammar
resources (cues, verb forms, types, text conventions) and the temporal
tagger come from production: they are language, not lexicon.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from service.extract import Extractor, Resources
from service.extract.resources import build_resources
from service.models import Article, DiplomaticEvent

FICTIONAL_ACTORS: dict[str, Any] = {
    "actors/countries.toml": {
        "country": [
            {
                "code": "FRD",
                "names": ["Freedonia"],
                "adjectives": ["Freedonian"],
                "capitals": ["Fredville"],
            },
            {
                "code": "SYL",
                "names": ["Sylvania"],
                "adjectives": ["Sylvanian"],
                "capitals": ["Sylvan City"],
            },
            {
                # a name ending in a reporting verb's spelling ("states")
                "code": "FDS",
                "names": ["the Federated States"],
                "adjectives": ["Federated"],
                "capitals": ["Unity"],
            },
            {
                "code": "RUR",
                "names": ["Ruritania"],
                "adjectives": ["Ruritanian"],
                "capitals": ["Strelsau"],
                "aliases": ["the Kingdom"],
                "requires": ["Ruritania"],
            },
            {
                "code": "GNV",
                "names": ["Genovia"],
                "adjectives": ["Genovian"],
                "capitals": ["Pyrus"],
            },
        ]
    },
    "actors/places.toml": {"place": [{"country": "SYL", "names": ["Port Sylvan"]}]},
    "actors/epithets.toml": {"epithet": [{"phrases": ["the duchy"], "states": ["GNV", "SYL"]}]},
    "actors/organizations.toml": {
        "organization": [
            {
                "code": "LON",
                "names": ["League of Nations", "the League"],
                "host_seats": ["Strelsau"],
            }
        ]
    },
    "actors/people.toml": {
        "person": [
            {
                "name": "Rufus Firefly",
                "aliases": ["Firefly"],
                "country": "FRD",
                "offices": [{"title": "President", "from": 2020, "to": 2030}],
            },
            {
                "name": "Sheikh Omar bin Rashid Al Sylvani",
                "aliases": ["Sheikh Omar", "Omar bin Rashid"],
                "country": "SYL",
                "offices": [{"title": "Emir", "from": 2015, "to": 2030}],
            },
            {
                "name": "Old Marx",
                "aliases": ["Marx"],
                "country": "SYL",
                "offices": [{"title": "President", "from": 1990, "to": 1999}],
            },
        ]
    },
    "actors/titles.toml": {
        "title": [
            {"text": "Foreign Minister", "kind": "person", "rank": "minister"},
            {"text": "Vice Foreign Minister", "kind": "person"},
            {"text": "President", "kind": "person", "rank": "head"},
            {"text": "Emir", "kind": "person", "rank": "head"},
            {"text": "ambassador", "kind": "person"},
            {"text": "envoy", "kind": "person"},
            {"text": "counterpart", "kind": "person"},
            {"text": "minister", "kind": "person"},
            {"text": "delegation", "kind": "body"},
            {"text": "Foreign Ministry", "kind": "body"},
            {"text": "government delegation", "kind": "body"},
            {"text": "diplomats", "kind": "body"},
            {"text": "rebels", "kind": "domestic"},
        ]
    },
    "events/triggers.toml": {
        "trigger": [
            {
                "type": "visit",
                "pos": "verb",
                "patterns": ["~visit", "~arrive in"],
                "source": ["subject"],
                "target": ["to", "in", "object"],
            },
            {
                "type": "visit",
                "pos": "verb",
                "patterns": ["~land"],
                "source": ["subject"],
                "target": ["in", "home"],
            },
            {
                "type": "visit",
                "pos": "verb",
                "patterns": ["~host", "~welcome"],
                "source": ["object", "by"],
                "target": ["subject"],
            },
            {
                "type": "visit",
                "pos": "noun",
                "patterns": ["visit", "trip"],
                "source": ["possessor", "by", "subject"],
                "target": ["to", "any"],
            },
            {
                "type": "meeting",
                "pos": "verb",
                "patterns": ["~meet", "~meet with", "~hold .. talks"],
                "source": ["subject"],
                "target": ["with", "object", "between"],
            },
            {
                "type": "meeting",
                "pos": "noun",
                "patterns": ["talks", "summit"],
                "source": ["possessor", "subject", "between"],
                "target": ["with", "between"],
            },
            {
                "type": "negotiation",
                "pos": "verb",
                "patterns": ["~negotiate with"],
                "source": ["subject"],
                "target": ["with"],
            },
            {
                "type": "negotiation",
                "pos": "noun",
                "patterns": ["negotiations"],
                "source": ["between", "possessor", "subject", "episode"],
                "target": ["with", "between"],
            },
            {
                "type": "expulsion",
                "pos": "verb",
                "patterns": ["~expel"],
                "source": ["subject"],
                "target": ["object", "from"],
            },
            {
                "type": "sanctions",
                "pos": "verb",
                "patterns": ["~ban .. imports"],
                "source": ["subject"],
                "target": ["modifier"],
            },
            {
                "type": "agreement",
                "pos": "verb",
                "patterns": ["~sign"],
                "source": ["subject"],
                "target": ["with", "object"],
            },
            {
                "type": "agreement",
                "pos": "noun",
                "patterns": ["signing"],
                "source": ["possessor", "subject", "between", "by"],
                "target": ["with", "between"],
            },
            {
                "type": "echo",
                "pos": "verb",
                "patterns": ["~follow suit"],
                "source": ["subject"],
                "target": [],
            },
            {
                "type": "appeal",
                "pos": "verb",
                "patterns": ["~urge"],
                "source": ["subject"],
                "target": ["object"],
            },
            {
                "type": "condemnation",
                "pos": "verb",
                "patterns": ["~denounce", "~accuse"],
                "source": ["subject"],
                "target": ["object", "act"],
            },
            {
                "type": "relations_established",
                "pos": "verb",
                "patterns": ["~recognize"],
                "source": ["subject"],
                "target": ["object"],
            },
            {
                "type": "invitation",
                "pos": "verb",
                "patterns": ["~invite"],
                "source": ["subject"],
                "target": ["object"],
            },
            {
                "type": "invitation",
                "pos": "noun",
                "patterns": ["invitation"],
                "source": ["of", "subject"],
                "target": ["to", "subject"],
            },
            {
                "type": "phone_call",
                "pos": "noun",
                "patterns": ["phone call"],
                "source": ["possessor", "subject", "between"],
                "target": ["with", "between"],
            },
            {
                "type": "mediation",
                "pos": "verb",
                "patterns": ["~mediate"],
                "source": ["subject"],
                "target": ["between", "object", "with"],
            },
            {
                "type": "mediation",
                "pos": "verb",
                "patterns": ["~mediate .. round !of"],
                "source": ["subject"],
                "target": ["between", "episode"],
            },
            {
                "type": "mediation",
                "pos": "any",
                "patterns": ["with .. acting as mediator"],
                "source": ["with", "object"],
                "target": ["subject"],
            },
            {
                "type": "mediation",
                "pos": "any",
                "patterns": ["- brokered .. treaty|deal|talks"],
                "source": ["compound"],
                "target": ["between", "subject"],
            },
            {
                "type": "negotiation",
                "pos": "noun",
                "patterns": ["round !of"],
                "source": ["episode"],
                "target": [],
            },
            {
                "type": "agreement",
                "pos": "verb",
                "patterns": ["~sign .. treaty|deal"],
                "source": ["subject"],
                "target": ["with", "between"],
            },
        ]
    },
}


@pytest.fixture(scope="session")
def tiny_resources(extractor: Extractor) -> Resources:
    production = extractor.resources.raw
    raw = {**production, **FICTIONAL_ACTORS}
    return build_resources(raw, extractor.resources.timex, "fixture")


@pytest.fixture(scope="session")
def tiny(tiny_resources: Resources) -> Extractor:
    return Extractor(tiny_resources, "0.0.0")


def run(extractor: Extractor, body: str, published: str = "2024-03-15") -> list[DiplomaticEvent]:
    """Extract from one fictional article (2024-03-15 is a Friday)."""
    assert dt.date.fromisoformat(published)
    return extractor.extract(Article(id="t-1", body=body, published_at=published))


# (type, source codes, target codes), each code list sorted
Dyad = tuple[str, tuple[str, ...], tuple[str, ...]]


def dyads(events: list[DiplomaticEvent]) -> set[Dyad]:
    def codes(actors: list[Any]) -> tuple[str, ...]:
        return tuple(sorted(a.country or a.organization for a in actors))

    return {(e.type, codes(e.source), codes(e.target)) for e in events}


def date_values(events: list[DiplomaticEvent]) -> list[str | None]:
    """Each event's date value, None where it has no date, in output order."""
    return [e.date.value if e.date else None for e in events]
