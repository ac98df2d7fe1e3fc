"""Every example written in the production resource files, run as a test.

HeidelTime's rule files carry examples that nothing runs; ours fail the
build when a rule stops doing what its example says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from service.extract import Extractor, load_resources
from service.extract.dateline import parse_dateline
from service.extract.sentences import split_sentences
from service.extract.tokens import tokenize
from service.extract.triggers import inflect
from service.models import Article, DiplomaticEvent

RESOURCES = load_resources()
RAW = RESOURCES.raw
DEFAULT_PUBLISHED = "2024-03-15"


def _extract(
    extractor: Extractor, text: str, published: str = DEFAULT_PUBLISHED
) -> list[DiplomaticEvent]:
    return extractor.extract(Article(id="example", body=text, published_at=published))


def _codes(actors: list[Any]) -> set[str]:
    return {a.country or a.organization for a in actors}


@pytest.mark.parametrize(
    "example", RAW["text/abbreviations.toml"]["example"], ids=lambda e: e["text"][:40]
)
def test_abbreviation_examples(example: dict[str, Any]) -> None:
    abbreviations = set(RAW["text/abbreviations.toml"]["abbreviations"])
    assert len(split_sentences(example["text"], abbreviations)) == example["sentences"]


@pytest.mark.parametrize(
    "example", RAW["text/dateline.toml"]["example"], ids=lambda e: e["text"][:30]
)
def test_dateline_examples(example: dict[str, Any]) -> None:
    dateline = RAW["text/dateline.toml"]
    found = parse_dateline(example["text"], dateline["months"], frozenset(dateline["agencies"]))
    got = (
        {}
        if found is None
        else {
            k: v
            for k, v in {
                "place": found.place,
                "month": found.month,
                "day": found.day,
                "agency": found.agency,
            }.items()
            if v is not None
        }
    )
    assert got == {k: example[k] for k in ("place", "month", "day", "agency") if k in example}


@pytest.mark.parametrize("example", RAW["events/verbs.toml"]["example"], ids=lambda e: e["lemma"])
def test_verb_examples(example: dict[str, Any]) -> None:
    verbs = RAW["events/verbs.toml"]
    forms = inflect(example["lemma"], verbs["irregular"], frozenset(verbs["double"]))
    assert set(example["forms"]) <= forms


@pytest.mark.parametrize(
    "example", RAW["events/cues.toml"]["example"], ids=lambda e: e["text"][:50]
)
def test_status_examples(extractor: Extractor, example: dict[str, Any]) -> None:
    events = _extract(extractor, example["text"], example.get("published", DEFAULT_PUBLISHED))
    # "is in Beijing for talks" states a visit and the talks it is for: both ongoing
    assert events
    assert {e.status for e in events} == {example["status"]}


def _trigger_examples() -> Iterator[Any]:
    for n, trigger in enumerate(RAW["events/triggers.toml"]["trigger"], 1):
        for example in trigger.get("example", []):
            # an echo trigger's example names the type of the deed it repeats
            event_type = example.get("type", trigger["type"])
            yield pytest.param(event_type, example, id=f"{n}-{event_type}-{example['text'][:30]}")


@pytest.mark.parametrize(("event_type", "example"), list(_trigger_examples()))
def test_trigger_examples(extractor: Extractor, event_type: str, example: dict[str, Any]) -> None:
    events = [
        e
        for e in _extract(extractor, example["text"], example.get("published", DEFAULT_PUBLISHED))
        if e.type == event_type
    ]
    want = (set(example["source"]), set(example["target"]))
    got = [(_codes(e.source), _codes(e.target)) for e in events]
    if not want[0] and not want[1]:  # a near miss: no event of this type
        assert got == [], got
        return
    symmetric = extractor.resources.event_types[event_type].symmetric
    if symmetric:
        assert any(s | t == want[0] | want[1] for s, t in got), got
    else:
        assert want in got, got
    dates = [e.date.value if e.date else None for e in events]
    if "date" in example:  # the date the event must carry, where the example gives one
        assert example["date"] in dates, dates
    if example.get("undated"):  # the text tells no date of the event
        assert dates == [None] * len(dates), dates
    if example.get("single"):  # its mentions are one event, merged
        assert len(events) == 1, got


def _actor_examples() -> Iterator[Any]:
    for table in ("epithet", "title"):
        for n, entry in enumerate(RAW[f"actors/{table}s.toml"][table], 1):
            for example in entry.get("example", []):
                yield pytest.param(example, id=f"{table}-{n}-{example['text'][:30]}")


@pytest.mark.parametrize("example", list(_actor_examples()))
def test_actor_examples(extractor: Extractor, example: dict[str, Any]) -> None:
    events = [e for e in _extract(extractor, example["text"]) if e.type == example["type"]]
    want = (set(example["source"]), set(example["target"]))
    got = [(_codes(e.source), _codes(e.target)) for e in events]
    if not want[0] and not want[1]:  # a group that is no state actor: no event
        assert got == [], got
    else:
        assert want in got, got


def test_every_epithet_describes_known_states() -> None:
    codes = {entry["code"] for entry in RAW["actors/countries.toml"]["country"]}
    for entry in RAW["actors/epithets.toml"]["epithet"]:
        assert set(entry["states"]) <= codes, entry["phrases"]
        assert all(p.startswith("the ") and p == p.lower() for p in entry["phrases"])


def test_occasion_heads_name_event_types() -> None:
    # "statement": a speech or news conference, dated by its reporting clause
    types = set(RAW["events/types.toml"]["type"]) | {"statement"}
    for head, named in RAW["events/cues.toml"]["occasion_heads"].items():
        assert named, head
        assert set(named) <= types, head


def _country_forms() -> Iterator[Any]:
    # an organization's host city acts for the organization, not for its state
    hosted = {
        seat: entry["code"]
        for entry in RAW["actors/organizations.toml"]["organization"]
        for seat in entry.get("host_seats", [])
    }
    for entry in RAW["actors/countries.toml"]["country"]:
        code = entry["code"]
        preface = f"{entry['requires'][0]} was in the news. " if entry.get("requires") else ""
        for form in [*entry["names"], *entry.get("capitals", []), *entry.get("aliases", [])]:
            yield pytest.param(
                hosted.get(form, code),
                f"{preface}{_capitalized(form)} urged the United Nations to act.",
                id=f"{code}-{form}",
            )
        for form in entry.get("adjectives", []):
            yield pytest.param(
                code,
                f"The {form} foreign minister urged the United Nations to act.",
                id=f"{code}-{form}",
            )


def _collectives() -> Iterator[Any]:
    for entry in RAW["actors/organizations.toml"]["organization"]:
        for form in entry.get("collectives", []):
            yield pytest.param(entry["code"], form, id=f"{entry['code']}-{form}")


@pytest.mark.parametrize(("code", "form"), list(_collectives()))
def test_every_collective_acts_for_its_organization(
    extractor: Extractor, code: str, form: str
) -> None:
    events = _extract(extractor, f"{_capitalized(form)} urged Russia to act on Monday.")
    assert any(code in _codes(e.source) for e in events), form
    # the region's adjective alone is no organization: "the West African nation"
    adjective = " ".join(form.removeprefix("the ").split()[:2])
    events = _extract(extractor, f"Ghana, the {adjective} nation, urged Russia to act.")
    assert all(code not in _codes(e.source) for e in events), form


def _capitalized(form: str) -> str:
    return form[0].upper() + form[1:]


@pytest.mark.parametrize(("code", "text"), list(_country_forms()))
def test_every_country_form_acts_for_its_state(extractor: Extractor, code: str, text: str) -> None:
    events = _extract(extractor, text)
    assert any(code in _codes(e.source) and "UN" in _codes(e.target) for e in events), [
        (e.type, _codes(e.source), _codes(e.target)) for e in events
    ]


def _people() -> Iterator[Any]:
    """Each person in the last year of their oldest office, and of every office
    held for another state or organization than the entry's; in that year the
    first office listed (the most recent) that covers it decides."""
    for entry in RAW["actors/people.toml"]["person"]:
        offices = entry["offices"]
        years = {
            int(o["to"])
            for n, o in enumerate(offices)
            if n == len(offices) - 1 or "country" in o or "organization" in o
        }
        for year in sorted(years):
            office = next(o for o in offices if int(o["from"]) <= year <= int(o["to"]))
            holder = office if "country" in office or "organization" in office else entry
            code = holder.get("country") or holder.get("organization")
            target = "France" if code != "FRA" else "Germany"
            yield pytest.param(
                code,
                entry["name"],
                target,
                dt.date(year, 6, 1).isoformat(),
                id=f"{entry['name']}-{year}",
            )


@pytest.mark.parametrize(("code", "name", "target", "published"), list(_people()))
def test_every_office_holder_acts_for_their_state(
    extractor: Extractor, code: str, name: str, target: str, published: str
) -> None:
    # "Rutte" in 2015 is the Dutch prime minister, in 2025 NATO's secretary-general
    events = _extract(extractor, f"{name} urged {target} to act.", published)
    assert any(code in _codes(e.source) for e in events), name


def _places() -> Iterator[Any]:
    for entry in RAW["actors/places.toml"]["place"]:
        for name in entry["names"]:
            yield pytest.param(entry["country"], name, id=f"{entry['country']}-{name}")


@pytest.mark.parametrize(("code", "name"), list(_places()))
def test_every_place_is_a_destination_in_its_state_and_never_an_actor(
    extractor: Extractor, code: str, name: str
) -> None:
    visitor = "German" if code != "DEU" else "French"
    arrived = _extract(extractor, f"The {visitor} foreign minister arrived in {name} on Monday.")
    assert [(e.type, _codes(e.target)) for e in arrived] == [("visit", {code})], name
    assert arrived[0].location is not None
    assert arrived[0].location.country == code
    # as a subject a city stands for nobody
    assert _extract(extractor, f"{_capitalized(name)} urged the United Nations to act.") == []


@pytest.mark.parametrize(
    "text",
    [
        # "the organisation" and the envoy "of ECOWAS" are one actor: no self-censure
        "ECOWAS imposed sanctions on Guinea-Bissau in January. Last month, the transitional "
        "authorities declared the ECOWAS resident representative persona non grata, a move "
        "the organisation slammed as regrettable.",
    ],
)
def test_no_single_actor_is_its_own_target(extractor: Extractor, text: str) -> None:
    events = _extract(extractor, text, "2026-02-12")
    assert events, "the text holds events"
    for e in events:
        source, target = _codes(e.source), _codes(e.target)
        assert not (len(source) == 1 and source == target), (e.type, source)


def _offices_of_states() -> Iterator[Any]:
    """Offices whose title ends in "of" a state ("Prime Minister of the
    Netherlands"), with the state named; "Secretary of State" names none."""
    for entry in RAW["actors/people.toml"]["person"]:
        for office in entry["offices"]:
            if " of " not in office["title"]:
                continue
            tail = tuple(tokenize(office["title"].split(" of ", 1)[1]).words)
            tail = tail[1:] if tail[:1] == ("the",) else tail
            hit = RESOURCES.gazetteer.longest(tail, 0, len(tail))
            if hit is not None and hit[0] == len(tail) and hit[1][0].kind == "country":
                yield pytest.param(
                    entry, office, hit[1][0].code, id=f"{entry['name']}-{office['title']}"
                )


@pytest.mark.parametrize(("entry", "office", "named"), list(_offices_of_states()))
def test_an_office_of_another_state_says_whom_it_was_held_for(
    entry: dict[str, Any], office: dict[str, Any], named: str
) -> None:
    """ "Prime Minister of the Netherlands" for NATO's Rutte: an office whose
    title names a state other than the entry's gives that state as its own."""
    held_for = office.get("country", entry.get("country"))
    assert held_for == named, (entry["name"], office["title"], held_for, named)
