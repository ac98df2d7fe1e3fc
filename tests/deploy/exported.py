"""The metrics a worker really exports, collected by driving the real processing code.

No hand-written list: a fresh registry (built by the production `new_metrics`)
goes through the production `RecordProcessor` with the real extraction core on
a few articles and some bad records, the consumer-lag updater of the stream
runtime runs against a stand-in consumer, and the exposition is read through
the worker's own `/metrics` handler. Whatever names come out are the names
dashboards and alerts may use.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import service
from aiohttp.test_utils import make_mocked_request
from prometheus_client.parser import text_string_to_metric_families
from service.extract import Extractor
from service.settings import Settings
from service.stream.app import StreamRuntime
from service.stream.health import Health, HealthServer
from service.stream.processor import InputRecord, RecordProcessor, RecordResult
from service.stream.records import OutputRecord
from service.stream.runner import InlineRunner
from service.stream.worker import new_metrics

METRICS_PATH = "/metrics"
GOLDEN_ARTICLES = Path(__file__).resolve().parents[1] / "golden" / "articles.jsonl"
# Records no extraction can code: each takes a different dead-letter path.
BAD_RECORDS = (
    b"this is not JSON",  # invalid_json, rejected while decoding
    b'{"id": "deploy-no-date", "body": "Officials met again."}',  # no_publication_date, by the core
)


def drive_records(golden: int = 4) -> list[bytes]:
    """The first `golden` golden-set articles, then the bad records."""
    lines = [line for line in GOLDEN_ARTICLES.read_bytes().splitlines() if line.strip()]
    return [*lines[:golden], *BAD_RECORDS]


@dataclass(frozen=True)
class Family:
    """One metric family as served on /metrics."""

    name: str
    type: str
    help: str
    samples: frozenset[str]
    labels: frozenset[str]


@dataclass(frozen=True)
class Exposition:
    """What a worker served on /metrics after the drive, and what the drive did."""

    text: str
    families: dict[str, Family]
    results: tuple[RecordResult, ...]

    @property
    def series_names(self) -> frozenset[str]:
        """Every name a PromQL selector can use (`_total`, `_bucket`, ... included)."""
        return frozenset(name for family in self.families.values() for name in family.samples)

    def labels_of(self, series: str) -> frozenset[str]:
        """Label names of the samples named `series` (`le` included for buckets)."""
        return frozenset(
            label
            for family in self.families.values()
            if series in family.samples
            for label in family.labels
        )


@dataclass
class _Partition:
    """Stands in for an aiokafka TopicPartition (hashable, topic + partition)."""

    topic: str
    partition: int

    def __hash__(self) -> int:
        return hash((self.topic, self.partition))


class _Consumer:
    """The three things `StreamRuntime._update_lag` asks of the Faust consumer."""

    def __init__(self, assigned: Sequence[_Partition], committed: int, highwater: int) -> None:
        self._assigned = set(assigned)
        self._committed_offset = dict.fromkeys(assigned, committed)
        self._highwater = highwater

    def assignment(self) -> set[_Partition]:
        return self._assigned

    def highwater(self, tp: _Partition) -> int:
        return self._highwater


class _App:
    def __init__(self, consumer: _Consumer) -> None:
        self.consumer = consumer


def collect_exposition(
    settings: Settings, extractor: Extractor, records: Sequence[bytes]
) -> Exposition:
    """Drive the processing code on `records` and read what /metrics serves."""
    # A private loop: asyncio.run would replace (and so orphan, unclosed) the
    # loop an async test plugin left current, which warns at exit.
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(_drive(settings, extractor, records))
    finally:
        loop.close()


async def _drive(settings: Settings, extractor: Extractor, records: Sequence[bytes]) -> Exposition:
    metrics = new_metrics()
    runner = InlineRunner(extractor, settings.record_timeout_seconds)
    processor = RecordProcessor(settings, runner, metrics, extractor.version)
    published: list[OutputRecord] = []

    async def publish(batch: Sequence[OutputRecord]) -> None:
        published.extend(batch)

    results = []
    for offset, raw in enumerate(records):
        record = InputRecord(None, raw, settings.topic_articles, offset % 2, offset)
        results.append(await processor.handle(record, publish))
    health = Health(metrics)
    server = HealthServer(settings, health, metrics)
    # What StreamRuntime does on start, then one lag refresh on two partitions.
    metrics.set_build_info(version=service.__version__, extractor=extractor.version)
    StreamRuntime(
        settings=settings,
        health=health,
        server=server,
        runner=runner,
        processor=processor,
        metrics=metrics,
        app=_App(_Consumer([_Partition(settings.topic_articles, p) for p in (0, 1)], 10, 25)),
        embedded_broker=False,
    )._update_lag()
    text = await _scrape(server)
    return Exposition(text, _families(text), tuple(results))


async def _scrape(server: HealthServer) -> str:
    """GET /metrics through the worker's own routing and handler, without a socket."""
    app = server.application()
    request = make_mocked_request("GET", METRICS_PATH, app=app)
    match = await app.router.resolve(request)
    response = await match.handler(request)
    assert response.status == 200, f"{METRICS_PATH} answered {response.status}"
    body = response.body
    assert isinstance(body, bytes)
    return body.decode("utf-8")


def _families(text: str) -> dict[str, Family]:
    families = {}
    for family in text_string_to_metric_families(text):
        samples = frozenset(sample.name for sample in family.samples)
        labels = frozenset(label for sample in family.samples for label in sample.labels)
        families[family.name] = Family(
            family.name, family.type, family.documentation, samples, labels
        )
    return families
