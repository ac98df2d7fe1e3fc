"""Per-record handling: bytes in, outputs acknowledged by the broker, metrics updated.

Knows neither Faust nor Kafka: the agent hands it an `InputRecord` and a
`publish` coroutine that returns once the broker acknowledged the records.
Bad input never raises here: it becomes a dead letter. Only cancellation
(shutdown) and a publish that never succeeds leave the record unacknowledged,
and then the caller must not acknowledge its offset either.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import orjson

from service.metrics import Metrics
from service.settings import Settings
from service.stream.coding import Coded, Outcome, Rejected, peek_article_id
from service.stream.records import (
    OutputRecord,
    SourcePosition,
    coded_record,
    dead_letter_record,
    event_records,
)
from service.stream.runner import ExtractionRunner

log = logging.getLogger(__name__)

Publish = Callable[[Sequence[OutputRecord]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class InputRecord:
    """An article record as consumed: raw bytes and where they came from."""

    key: bytes | None
    value: bytes | None
    topic: str
    partition: int
    offset: int


@dataclass(frozen=True, slots=True)
class RecordResult:
    """What happened to one input record (yielded by the agent, used by tests)."""

    status: Literal["coded", "dead_letter"]
    article_id: str | None
    event_ids: tuple[str, ...] = ()
    reason: str | None = None
    partition: int = 0
    offset: int = 0


class RecordProcessor:
    """Decode, extract, publish and count one record at a time (many may run at once)."""

    def __init__(
        self,
        settings: Settings,
        runner: ExtractionRunner,
        metrics: Metrics,
        extractor_version: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._runner = runner
        self._metrics = metrics
        self.extractor_version = extractor_version
        self._clock = clock

    async def handle(self, record: InputRecord, publish: Publish) -> RecordResult:
        """Code one record and publish its outputs; returns after they are acknowledged."""
        started = self._clock()
        metrics = self._metrics
        raw = record.value if record.value is not None else b""
        metrics.articles_consumed.inc()
        metrics.article_size.observe(len(raw))
        metrics.in_flight.inc()
        try:
            outcome = await self._code(record, raw)
            if isinstance(outcome, Coded):
                result = await self._publish_coded(outcome, record, publish, started)
            else:
                result = await self._publish_dead_letter(outcome, record, raw, publish)
            metrics.processing_latency.observe(self._clock() - started)
            return result
        finally:
            metrics.in_flight.dec()

    async def _code(self, record: InputRecord, raw: bytes) -> Outcome:
        """The outcome of a record, with the checks that need no extraction process."""
        if record.value is None:
            return Rejected("invalid_json", "record has no value (a tombstone)", None)
        if len(raw) > self._settings.max_article_bytes:
            return Rejected(
                "too_large",
                f"record is {len(raw)} bytes, over the {self._settings.max_article_bytes} "
                "byte limit (max_article_bytes)",
                None,
                _key_text(record.key),
            )
        try:
            outcome = await self._runner.code(raw)
        except Exception as exc:  # a failing pool must not lose the record: dead-letter it
            log.exception("extraction runner failed on %s", _where(record))
            outcome = Rejected(
                "extraction_error", f"extraction runner failed: {exc}", type(exc).__name__
            )
        if outcome.extraction_seconds is not None:
            self._metrics.extraction_duration.observe(outcome.extraction_seconds)
        if isinstance(outcome, Rejected):
            if outcome.article_id is None:
                outcome = _with_article_id(outcome, raw, record.key)
            if outcome.reason in ("no_publication_date", "extraction_error", "timeout"):
                self._metrics.extraction_failures.labels(reason=outcome.reason).inc()
        return outcome

    async def _publish_coded(
        self, outcome: Coded, record: InputRecord, publish: Publish, started: float
    ) -> RecordResult:
        version = self.extractor_version
        if outcome.events:
            await publish(event_records(self._settings, outcome.events, version))
        # The audit record goes out only once the events are acknowledged, so a
        # consumer that sees it can rely on the events being on the topic.
        elapsed = self._clock() - started
        await publish(
            [coded_record(self._settings, outcome.article_id, outcome.events, version, elapsed)]
        )
        metrics = self._metrics
        for event in outcome.events:
            metrics.events_published.labels(type=event.type, status=event.status).inc()
        metrics.events_per_article.observe(len(outcome.events))
        metrics.articles_coded.inc()
        return RecordResult(
            "coded",
            outcome.article_id,
            tuple(event.event_id for event in outcome.events),
            partition=record.partition,
            offset=record.offset,
        )

    async def _publish_dead_letter(
        self, rejection: Rejected, record: InputRecord, raw: bytes, publish: Publish
    ) -> RecordResult:
        log.info("dead-lettering %s: %s: %s", _where(record), rejection.reason, rejection.message)
        letter = dead_letter_record(
            self._settings,
            raw=raw,
            key=record.key,
            source=SourcePosition(record.topic, record.partition, record.offset),
            rejection=rejection,
            extractor_version=self.extractor_version,
        )
        await publish([letter])
        self._metrics.dead_letters.labels(reason=rejection.reason).inc()
        return RecordResult(
            "dead_letter",
            rejection.article_id,
            reason=rejection.reason,
            partition=record.partition,
            offset=record.offset,
        )


def _where(record: InputRecord) -> str:
    return f"{record.topic}/{record.partition}/{record.offset}"


def _key_text(key: bytes | None) -> str | None:
    """The record key as an article id, when it is short UTF-8 text."""
    if key is None or not 0 < len(key) <= 512:
        return None
    try:
        return key.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _with_article_id(rejection: Rejected, raw: bytes, key: bytes | None) -> Rejected:
    """Fill in the article id of a rejection from the record itself or its key."""
    article_id: str | None = None
    if rejection.reason in ("timeout", "extraction_error"):
        # Only these came back without parsing having reached the id.
        try:
            article_id = peek_article_id(orjson.loads(raw))
        except orjson.JSONDecodeError:
            article_id = None
    if article_id is None:
        # The articles topic is keyed by article id, so the key names the record.
        article_id = _key_text(key)
    if article_id is None:
        return rejection
    return Rejected(
        rejection.reason,
        rejection.message,
        rejection.exception_type,
        article_id,
        rejection.extraction_seconds,
    )
