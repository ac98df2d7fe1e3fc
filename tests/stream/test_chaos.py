"""The crash test's input and its verdict, without a broker."""

from __future__ import annotations

import random

import orjson
import pytest
from service.decoding import decode_article
from service.extract import Extractor
from service.models import DiplomaticEvent, dumps
from service.settings import Settings
from service.stream.chaos import BAD_KINDS, Tally, chaos_records
from service.stream.coding import Coded, Rejected, code_record

ARTICLE = orjson.dumps(
    {
        "id": "a1",
        "published_at": "2024-03-15",
        "body": "TOKYO (AP) - Japan and South Korea held talks in Tokyo on Wednesday.",
    }
)


def test_records_are_unique_and_about_the_share_bad() -> None:
    records = chaos_records([ARTICLE, b"not json"], 2000, 0.25, random.Random(3))
    assert len({r.record_id for r in records}) == 2000
    bad = [r for r in records if r.expected_reason is not None]
    assert 0.2 < len(bad) / len(records) < 0.3
    assert {r.expected_reason for r in bad} == set(BAD_KINDS)


def test_records_need_an_article() -> None:
    with pytest.raises(ValueError, match="no usable articles"):
        chaos_records([b"[1, 2]"], 10, 0.1, random.Random(0))


def test_each_bad_kind_gets_its_reason_from_the_real_decoder(extractor: Extractor) -> None:
    records = chaos_records([ARTICLE], 400, 0.5, random.Random(5))
    for record in records:
        outcome = code_record(extractor, record.value)
        if record.expected_reason is None:
            assert isinstance(outcome, Coded)
            assert outcome.article_id == record.record_id
        else:
            assert isinstance(outcome, Rejected)
            assert outcome.reason == record.expected_reason


@pytest.fixture
def settings() -> Settings:
    return Settings(topic_events="ev", topic_coded="coded", topic_dlq="dlq")


def coded(article_id: str, *event_ids: str) -> bytes:
    return orjson.dumps({"article_id": article_id, "event_ids": list(event_ids)})


def event_bytes(extractor: Extractor) -> list[bytes]:
    return [dumps(e) for e in extractor.extract(decode_article(ARTICLE))]


def test_tally_counts_redelivery_and_finds_what_is_missing(
    settings: Settings, extractor: Extractor
) -> None:
    events = event_bytes(extractor)
    event_id = DiplomaticEvent.model_validate_json(events[0]).event_id
    tally = Tally(settings, {"a": None, "b": "invalid_json", "c": None})
    for topic, value in [
        ("ev", events[0]),
        ("coded", coded("a", event_id)),
        ("ev", events[0]),  # redelivered: identical copy
        ("coded", coded("a", event_id)),
        ("dlq", orjson.dumps({"article_id": "b", "reason": "invalid_json"})),
        ("coded", coded("somebody-else")),
    ]:
        assert tally.add(topic, value)
    assert tally.missing == ["c"]
    assert tally.duplicates == 1
    assert tally.strangers == 1
    assert tally.event_copies[event_id] == 2
    assert (tally.conflicting, tally.corrupt, tally.wrong_reasons) == ([], [], [])
    assert tally.unlisted_events == []
    assert not tally.complete.is_set()
    tally.add("coded", coded("c"))
    assert tally.complete.is_set()


def test_tally_flags_corrupt_conflicting_unlisted_and_misfiled(
    settings: Settings, extractor: Extractor
) -> None:
    good = event_bytes(extractor)[0]
    event = orjson.loads(good)
    changed = orjson.dumps(
        {**event, "status": "planned" if event["status"] != "planned" else "reported"}
    )
    tally = Tally(settings, {"a": None, "b": "too_large"})
    tally.add("ev", good)
    tally.add("ev", changed)
    tally.add("ev", b'{"event_id": "x"}')
    tally.add("coded", coded("a", "never-published"))
    tally.add("dlq", orjson.dumps({"article_id": "b", "reason": "invalid_json"}))
    assert tally.conflicting == [event["event_id"]]
    assert len(tally.corrupt) == 1
    assert tally.unlisted_events == ["never-published"]
    assert tally.wrong_reasons == ["b: invalid_json (expected too_large)"]
    tally.add("coded", coded("b"))
    assert tally.miscoded == ["b"]
    assert tally.dead_lettered == 1
