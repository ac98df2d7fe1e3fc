"""The records the worker writes: events, the coded-article audit record, dead letters.

Pure functions from outcomes to `OutputRecord`s (topic, key, value bytes,
headers), so the agent only moves bytes and the formats are testable without
a broker.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import orjson

from service.models import SCHEMA_VERSION, DeadLetter, dumps
from service.settings import Settings
from service.stream.coding import EncodedEvent, Rejected

HEADER_SCHEMA_VERSION: Final = "dateline-schema-version"
HEADER_EXTRACTOR: Final = "dateline-extractor"
HEADER_REASON: Final = "dateline-dead-letter-reason"
HEADER_CONTENT_TYPE: Final = "content-type"
CONTENT_TYPE_JSON: Final = b"application/json"

Headers = tuple[tuple[str, bytes], ...]
RecordKind = Literal["event", "coded", "dead_letter"]


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """One record to produce, with what the metrics need to know about it."""

    kind: RecordKind
    topic: str
    key: bytes | None
    value: bytes
    headers: Headers
    event_type: str | None = None
    status: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class SourcePosition:
    """Where an input record came from, for dead letters."""

    topic: str
    partition: int
    offset: int


def standard_headers(extractor_version: str) -> Headers:
    """Headers on every output: the schema version and the extractor that wrote it."""
    return (
        (HEADER_CONTENT_TYPE, CONTENT_TYPE_JSON),
        (HEADER_SCHEMA_VERSION, str(SCHEMA_VERSION).encode()),
        (HEADER_EXTRACTOR, extractor_version.encode()),
    )


def event_records(
    settings: Settings, events: Sequence[EncodedEvent], extractor_version: str
) -> list[OutputRecord]:
    """Each event keyed by its `event_id`, so redeliveries land on the same partition."""
    headers = standard_headers(extractor_version)
    records: list[OutputRecord] = []
    for event in events:
        key = event.event_id.encode()
        records.append(
            OutputRecord(
                "event",
                settings.topic_events,
                key,
                event.payload,
                headers,
                event_type=event.type,
                status=event.status,
            )
        )
        if settings.route_events_by_type:
            # A copy for per-type consumers; not counted again in the metrics.
            records.append(
                OutputRecord(
                    "event", settings.event_type_topic(event.type), key, event.payload, headers
                )
            )
    return records


def coded_record(
    settings: Settings,
    article_id: str,
    events: Sequence[EncodedEvent],
    extractor_version: str,
    processing_seconds: float,
) -> OutputRecord:
    """The audit record of a coded article, keyed by the article id."""
    value = orjson.dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "article_id": article_id,
            "event_count": len(events),
            "event_ids": [event.event_id for event in events],
            "extractor": extractor_version,
            "processing_ms": round(processing_seconds * 1000.0, 3),
        }
    )
    return OutputRecord(
        "coded",
        settings.topic_coded,
        article_id.encode(),
        value,
        standard_headers(extractor_version),
    )


def encode_original(raw: bytes, limit: int) -> tuple[str, Literal["utf-8", "base64"], bool]:
    """The original bytes for a dead letter: text when UTF-8, else base64.

    Cut to `limit` bytes (the third item says so) so that a dead letter stays
    within the producer's size limit. Text whose JSON escaping would grow it
    past base64's 4/3 (control characters become six bytes each) goes as
    base64 too, which bounds the record at about 4/3 of the limit.
    """
    truncated = len(raw) > limit
    body = raw[:limit]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and len(orjson.dumps(text)) <= len(body) * 4 // 3 + 16:
        return text, "utf-8", truncated
    return base64.b64encode(body).decode("ascii"), "base64", truncated


def dead_letter_record(
    settings: Settings,
    *,
    raw: bytes,
    key: bytes | None,
    source: SourcePosition,
    rejection: Rejected,
    extractor_version: str,
    now: dt.datetime | None = None,
) -> OutputRecord:
    """A dead letter with the original bytes, where they came from and why they failed."""
    original, encoding, truncated = encode_original(raw, settings.max_article_bytes)
    message = rejection.message
    if truncated:
        message += (
            f" (original cut to its first {settings.max_article_bytes} of {len(raw)} bytes; "
            f"the full record is at {source.topic}/{source.partition}/{source.offset})"
        )
    letter = DeadLetter(
        reason=rejection.reason,
        message=message,
        exception_type=rejection.exception_type,
        original=original,
        original_encoding=encoding,
        article_id=rejection.article_id,
        source_topic=source.topic,
        partition=source.partition,
        offset=source.offset,
        timestamp=now or dt.datetime.now(dt.UTC),
        extractor=extractor_version,
    )
    headers = (*standard_headers(extractor_version), (HEADER_REASON, rejection.reason.encode()))
    out_key = rejection.article_id.encode() if rejection.article_id else key
    return OutputRecord(
        "dead_letter", settings.topic_dlq, out_key, dumps(letter), headers, reason=rejection.reason
    )
