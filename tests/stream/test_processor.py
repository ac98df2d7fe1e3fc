"""Per-record handling: output order, dead letters with reasons, metrics by the right amounts."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import orjson
import pytest
from prometheus_client import CollectorRegistry
from service.metrics import Metrics
from service.models import CodedArticle
from service.settings import Settings
from service.stream.coding import Outcome
from service.stream.processor import InputRecord, RecordProcessor
from service.stream.records import OutputRecord
from service.stream.runner import InlineRunner

from tests.stream.fakes import (
    BOOM,
    FAKE_VERSION,
    SLOW,
    FakeExtractor,
    RecordingPublisher,
    article_bytes,
)


def record(value: bytes | None, key: bytes | None = None, offset: int = 0) -> InputRecord:
    return InputRecord(key=key, value=value, topic="articles", partition=1, offset=offset)


@pytest.fixture
def publisher() -> RecordingPublisher:
    return RecordingPublisher()


@pytest.fixture
def processor(
    settings: Settings, metrics: Metrics, fake_extractor: FakeExtractor
) -> RecordProcessor:
    return RecordProcessor(settings, InlineRunner(fake_extractor, 5.0), metrics, FAKE_VERSION)


def value(registry: CollectorRegistry, name: str, **labels: str) -> float:
    sample = registry.get_sample_value(name, labels)
    assert sample is not None, name
    return sample


async def test_events_are_published_before_the_coded_record(
    processor: RecordProcessor, publisher: RecordingPublisher
) -> None:
    await processor.handle(record(article_bytes("a", "X meets Y meets Z")), publisher.publish)
    assert [[r.kind for r in batch] for batch in publisher.batches] == [
        ["event", "event"],
        ["coded"],
    ]


async def test_coded_record_matches_the_events(
    processor: RecordProcessor, publisher: RecordingPublisher
) -> None:
    await processor.handle(record(article_bytes("a", "X meets Y meets Z")), publisher.publish)
    coded = CodedArticle.model_validate_json(publisher.batches[-1][0].value)
    assert coded.event_ids == [orjson.loads(r.value)["event_id"] for r in publisher.batches[0]]


async def test_article_without_events_still_gets_a_coded_record(
    processor: RecordProcessor, publisher: RecordingPublisher
) -> None:
    result = await processor.handle(record(article_bytes("a", "Quiet day.")), publisher.publish)
    assert (result.status, [r.kind for r in publisher.records]) == ("coded", ["coded"])


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff", "invalid_utf8"),
        (b"{", "invalid_json"),
        (b"[]", "not_an_object"),
        (b'{"id": 1}', "schema_violation"),
        (article_bytes("a", "X meets Y", published_at=None), "no_publication_date"),
        (article_bytes("a", BOOM), "extraction_error"),
        (None, "invalid_json"),  # a tombstone
        (article_bytes("a", "x" * 5000), "too_large"),
    ],
)
async def test_bad_records_become_one_dead_letter(
    processor: RecordProcessor, publisher: RecordingPublisher, raw: bytes | None, reason: str
) -> None:
    result = await processor.handle(record(raw), publisher.publish)
    kinds = [(r.kind, r.reason) for r in publisher.records]
    assert (result.reason, kinds) == (reason, [("dead_letter", reason)])


async def test_dead_letter_counted_by_reason(
    processor: RecordProcessor, publisher: RecordingPublisher, registry: CollectorRegistry
) -> None:
    await processor.handle(record(b"{"), publisher.publish)
    await processor.handle(record(b"["), publisher.publish)
    assert value(registry, "dateline_dead_letters_total", reason="invalid_json") == 2.0


async def test_core_failures_counted_as_extraction_failures(
    processor: RecordProcessor, publisher: RecordingPublisher, registry: CollectorRegistry
) -> None:
    await processor.handle(record(article_bytes("a", BOOM)), publisher.publish)
    await processor.handle(record(b"{"), publisher.publish)  # not the core's failure
    assert (
        value(registry, "dateline_extraction_failures_total", reason="extraction_error"),
        sum(
            value(registry, "dateline_extraction_failures_total", reason=r)
            for r in ("no_publication_date", "extraction_error", "timeout")
        ),
    ) == (1.0, 1.0)


async def test_metrics_for_a_coded_article(
    processor: RecordProcessor, publisher: RecordingPublisher, registry: CollectorRegistry
) -> None:
    raw = article_bytes("a", "X meets Y meets Z")
    await processor.handle(record(raw), publisher.publish)
    observed = {
        "consumed": value(registry, "dateline_articles_consumed_total"),
        "coded": value(registry, "dateline_articles_coded_total"),
        "meetings": value(
            registry, "dateline_events_published_total", type="meeting", status="occurred"
        ),
        "calls": value(
            registry, "dateline_events_published_total", type="phone_call", status="occurred"
        ),
        "events_sum": value(registry, "dateline_events_per_article_sum"),
        "size_sum": value(registry, "dateline_article_size_bytes_sum"),
        "latency_count": value(registry, "dateline_processing_latency_seconds_count"),
        "extraction_count": value(registry, "dateline_extraction_duration_seconds_count"),
        "in_flight": value(registry, "dateline_records_in_flight"),
    }
    assert observed == {
        "consumed": 1.0,
        "coded": 1.0,
        "meetings": 1.0,
        "calls": 1.0,
        "events_sum": 2.0,
        "size_sum": float(len(raw)),
        "latency_count": 1.0,
        "extraction_count": 1.0,
        "in_flight": 0.0,
    }


async def test_in_flight_while_publishing(
    processor: RecordProcessor, registry: CollectorRegistry
) -> None:
    seen: list[float] = []

    async def publish(records: Sequence[OutputRecord]) -> None:
        seen.append(value(registry, "dateline_records_in_flight"))

    await processor.handle(record(article_bytes("a", "Quiet.")), publish)
    assert seen == [1.0]


async def test_nothing_counted_when_publishing_fails(
    processor: RecordProcessor, publisher: RecordingPublisher, registry: CollectorRegistry
) -> None:
    publisher.failures_left = 1
    with pytest.raises(ConnectionError):
        await processor.handle(record(article_bytes("a", "X meets Y")), publisher.publish)
    assert (
        value(registry, "dateline_articles_coded_total"),
        value(registry, "dateline_records_in_flight"),
    ) == (0.0, 0.0)


async def test_runner_failure_is_dead_lettered(
    settings: Settings, metrics: Metrics, publisher: RecordingPublisher
) -> None:
    class BrokenRunner:
        async def start(self) -> str:
            return "x"

        async def code(self, raw: bytes) -> Outcome:
            raise BrokenPipeError("pool gone")

        async def stop(self) -> None:
            return None

    processor = RecordProcessor(settings, BrokenRunner(), metrics, FAKE_VERSION)
    result = await processor.handle(record(article_bytes("a", "x"), key=b"a"), publisher.publish)
    assert (result.reason, result.article_id) == ("extraction_error", "a")


async def test_timeout_dead_letter_names_the_article(
    settings: Settings, metrics: Metrics, publisher: RecordingPublisher
) -> None:
    class SlowRunner:
        async def start(self) -> str:
            return "x"

        async def code(self, raw: bytes) -> Outcome:
            from service.stream.runner import timeout_rejection

            await asyncio.sleep(0)
            return timeout_rejection(1.0)

        async def stop(self) -> None:
            return None

    processor = RecordProcessor(settings, SlowRunner(), metrics, FAKE_VERSION)
    result = await processor.handle(record(article_bytes("slow-1", SLOW)), publisher.publish)
    assert (result.reason, result.article_id) == ("timeout", "slow-1")


async def test_many_records_at_once(
    processor: RecordProcessor, publisher: RecordingPublisher
) -> None:
    raws = [article_bytes(f"a{i}", "X meets Y") for i in range(20)]
    results = await asyncio.gather(
        *(processor.handle(record(raw, offset=i), publisher.publish) for i, raw in enumerate(raws))
    )
    assert sorted(r.article_id or "" for r in results) == sorted(f"a{i}" for i in range(20))
