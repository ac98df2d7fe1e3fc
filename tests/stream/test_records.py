"""Output record formats: events, the coded audit record, dead letters."""

from __future__ import annotations

import base64
import datetime as dt

import orjson
import pytest
from service.models import CodedArticle, DeadLetter
from service.settings import Settings
from service.stream.coding import EncodedEvent, Rejected
from service.stream.records import (
    HEADER_EXTRACTOR,
    HEADER_REASON,
    HEADER_SCHEMA_VERSION,
    SourcePosition,
    coded_record,
    dead_letter_record,
    encode_original,
    event_records,
)

EVENTS = (
    EncodedEvent("e1", "visit", "occurred", b'{"event_id":"e1"}'),
    EncodedEvent("e2", "meeting", "planned", b'{"event_id":"e2"}'),
)
SOURCE = SourcePosition("articles", 3, 41)


def test_events_keyed_by_event_id(settings: Settings) -> None:
    records = event_records(settings, EVENTS, "x/1")
    assert [(r.topic, r.key) for r in records] == [
        ("diplomatic-events", b"e1"),
        ("diplomatic-events", b"e2"),
    ]


def test_event_headers_carry_schema_and_extractor_versions(settings: Settings) -> None:
    headers = dict(event_records(settings, EVENTS, "dateline/0.1.0+abc")[0].headers)
    assert (headers[HEADER_SCHEMA_VERSION], headers[HEADER_EXTRACTOR]) == (
        b"1",
        b"dateline/0.1.0+abc",
    )


def test_per_type_routing_adds_a_copy(settings: Settings) -> None:
    routed = settings.model_copy(update={"route_events_by_type": True})
    topics = [record.topic for record in event_records(routed, EVENTS, "x")]
    assert topics == [
        "diplomatic-events",
        "diplomatic-events.visit",
        "diplomatic-events",
        "diplomatic-events.meeting",
    ]


def test_coded_record_lists_the_events(settings: Settings) -> None:
    record = coded_record(settings, "a-1", EVENTS, "x/1", 0.0123)
    coded = CodedArticle.model_validate_json(record.value)
    assert (record.key, coded.event_count, coded.event_ids, coded.processing_ms) == (
        b"a-1",
        2,
        ["e1", "e2"],
        12.3,
    )


def test_coded_record_for_no_events(settings: Settings) -> None:
    coded = CodedArticle.model_validate_json(coded_record(settings, "a", (), "x", 0.001).value)
    assert (coded.event_count, coded.event_ids) == (0, [])


def _letter(settings: Settings, raw: bytes, rejection: Rejected) -> DeadLetter:
    record = dead_letter_record(
        settings,
        raw=raw,
        key=b"key-1",
        source=SOURCE,
        rejection=rejection,
        extractor_version="x/1",
        now=dt.datetime(2024, 1, 26, tzinfo=dt.UTC),
    )
    return DeadLetter.model_validate_json(record.value)


def test_dead_letter_keeps_text_and_position(settings: Settings) -> None:
    letter = _letter(settings, b"not json", Rejected("invalid_json", "bad", "JSONDecodeError"))
    assert (
        letter.original,
        letter.original_encoding,
        letter.source_topic,
        letter.partition,
        letter.offset,
    ) == (
        "not json",
        "utf-8",
        "articles",
        3,
        41,
    )


def test_dead_letter_base64_for_non_utf8(settings: Settings) -> None:
    letter = _letter(settings, b"\xff\x00abc", Rejected("invalid_utf8", "bad"))
    assert base64.b64decode(letter.original) == b"\xff\x00abc"


def test_dead_letter_reason_header(settings: Settings) -> None:
    record = dead_letter_record(
        settings,
        raw=b"x",
        key=None,
        source=SOURCE,
        rejection=Rejected("timeout", "slow"),
        extractor_version="x",
    )
    assert dict(record.headers)[HEADER_REASON] == b"timeout"


def test_dead_letter_key_prefers_article_id(settings: Settings) -> None:
    record = dead_letter_record(
        settings,
        raw=b"{}",
        key=b"from-key",
        source=SOURCE,
        rejection=Rejected("schema_violation", "bad", article_id="a-9"),
        extractor_version="x",
    )
    assert record.key == b"a-9"


def test_too_large_original_is_cut_and_says_where_the_rest_is(settings: Settings) -> None:
    raw = b"x" * (settings.max_article_bytes + 100)
    letter = _letter(settings, raw, Rejected("too_large", "big"))
    assert len(letter.original) == settings.max_article_bytes
    assert "articles/3/41" in letter.message


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (b"plain text", "utf-8"),
        ("überall — ok".encode(), "utf-8"),
        (b"\x01" * 100, "base64"),  # escaping would make it 6x longer
        (b"\xc3", "base64"),  # a cut multi-byte character
    ],
)
def test_original_encoding_is_bounded(raw: bytes, encoding: str) -> None:
    _, chosen, _ = encode_original(raw, 1024)
    assert chosen == encoding


def test_dead_letter_size_is_bounded(settings: Settings) -> None:
    raw = b"\x01" * (settings.max_article_bytes * 3)
    record = dead_letter_record(
        settings,
        raw=raw,
        key=None,
        source=SOURCE,
        rejection=Rejected("too_large", "big"),
        extractor_version="x",
    )
    assert len(record.value) < settings.max_article_bytes * 4 // 3 + 2048


def test_dead_letter_round_trips_through_json(settings: Settings) -> None:
    letter = _letter(settings, b"[1]", Rejected("not_an_object", "list"))
    assert orjson.loads(letter.model_dump_json())["reason"] == "not_an_object"
