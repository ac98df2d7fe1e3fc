"""One worker on the real broker: what goes in `articles` comes out as `dateline extract` says.

Expected events are computed here with the same extraction core
(`extractor.extract()`), never hard-coded, so these tests follow the core.
"""

from __future__ import annotations

import base64
import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from service.extract import ArticleRejected, Extractor
from service.models import Article
from service.settings import Settings
from service.stream.broker import EmbeddedBroker
from service.stream.client import publish_lines
from service.stream.records import HEADER_EXTRACTOR, HEADER_SCHEMA_VERSION

from tests.integration.helpers import (
    ROOT,
    Record,
    WorkerProcess,
    processed_ids,
    read_topics,
    run_async,
    stream_settings,
)

pytestmark = pytest.mark.integration

SEED = ROOT.parent / "shared" / "data" / "seed" / "seed.articles.jsonl"
GOLDEN = ROOT / "tests" / "golden" / "articles.jsonl"
MAX_BYTES = 64 * 1024


def article_lines() -> list[bytes]:
    lines: list[bytes] = []
    for path in (SEED, GOLDEN):
        if path.exists():
            lines.extend(line for line in path.read_bytes().splitlines() if line.strip())
    return lines


@dataclass
class Stream:
    settings: Settings
    worker: WorkerProcess


@dataclass
class Run:
    """The outputs of publishing the seed and golden articles once."""

    lines: list[bytes]
    records: list[Record]

    def on(self, topic: str) -> list[Record]:
        return [record for record in self.records if record.topic == topic]


@pytest.fixture(scope="module")
def stream(broker: EmbeddedBroker, logs: Path) -> Iterator[Stream]:
    settings = stream_settings(broker.address, max_article_bytes=MAX_BYTES)
    worker = WorkerProcess(settings, logs).start().wait_ready()
    yield Stream(settings, worker)
    worker.stop()


def publish(settings: Settings, lines: list[bytes]) -> None:
    summary = run_async(publish_lines(settings, lines))
    assert summary.failed == 0, summary.line()


def outputs_for(settings: Settings, ids: set[str], timeout: float = 90.0) -> list[Record]:
    """Read all output topics until every id has its coded or dead-letter record."""
    topics = [settings.topic_events, settings.topic_coded, settings.topic_dlq]
    return run_async(
        read_topics(settings, topics, lambda got: ids <= processed_ids(settings, got), timeout)
    )


@pytest.fixture(scope="module")
def run(stream: Stream) -> Run:
    lines = article_lines()
    publish(stream.settings, lines)
    ids = {json.loads(line)["id"] for line in lines}
    return Run(lines, outputs_for(stream.settings, ids))


def expected_outcome(extractor: Extractor, line: bytes) -> dict[str, dict[str, object]] | str:
    """Events by id as the core gives them, or the core's rejection reason."""
    try:
        events = extractor.extract(Article.model_validate_json(line))
    except ArticleRejected as exc:
        return exc.reason
    return {event.event_id: event.model_dump(mode="json") for event in events}


def test_events_equal_the_extractor_output(run: Run, stream: Stream, extractor: Extractor) -> None:
    published: dict[str, dict[str, dict[str, object]]] = {}
    for record in run.on(stream.settings.topic_events):
        event = record.json()
        published.setdefault(event["article_id"], {})[event["event_id"]] = event
    rejected = {
        r.json()["article_id"]: r.json()["reason"] for r in run.on(stream.settings.topic_dlq)
    }
    mismatches = []
    for line in run.lines:
        article_id = json.loads(line)["id"]
        expected = expected_outcome(extractor, line)
        got = (
            rejected.get(article_id) if isinstance(expected, str) else published.get(article_id, {})
        )
        if got != expected:
            mismatches.append(article_id)
    assert mismatches == []


def test_one_coded_record_per_article(run: Run, stream: Stream, extractor: Extractor) -> None:
    coded = Counter(r.json()["article_id"] for r in run.on(stream.settings.topic_coded))
    codable = {
        json.loads(line)["id"]
        for line in run.lines
        if not isinstance(expected_outcome(extractor, line), str)
    }
    assert (set(coded), set(coded.values())) == (codable, {1})


def test_coded_record_lists_the_article_events(run: Run, stream: Stream) -> None:
    events_by_article: dict[str, list[str]] = {}
    for record in run.on(stream.settings.topic_events):
        event = record.json()
        events_by_article.setdefault(event["article_id"], []).append(event["event_id"])
    listed = {
        coded["article_id"]: sorted(coded["event_ids"])
        for coded in (r.json() for r in run.on(stream.settings.topic_coded))
    }
    assert listed == {a: sorted(events_by_article.get(a, [])) for a in listed}


def test_events_keyed_by_id_with_version_headers(
    run: Run, stream: Stream, extractor: Extractor
) -> None:
    records = run.on(stream.settings.topic_events)
    assert records, "the seed article alone has events"
    seen = {
        (
            r.key == r.json()["event_id"].encode(),
            r.headers[HEADER_SCHEMA_VERSION],
            r.headers[HEADER_EXTRACTOR],
        )
        for r in records
    }
    assert seen == {(True, b"1", extractor.version.encode())}


# -- dead letters ------------------------------------------------------------------

NO_DATE = b'{"id": "it-no-date", "body": "Officials met on Tuesday to discuss trade."}'
BAD_RECORDS: dict[str, bytes] = {
    "invalid_utf8": b'{"id": "it-latin1", "body": "caf\xe9"}',
    "invalid_json": b'{"id": "it-truncated", "body": "Foreign ministers me',
    "not_an_object": b'["it-list", "of", "words"]',
    "schema_violation": b'{"id": "it-no-body", "headline": "no body here"}',
    "too_large": json.dumps(
        {"id": "it-large", "body": "x" * (MAX_BYTES + 10), "published_at": "2024-01-26"}
    ).encode(),
}


def original_bytes(letter: dict[str, str]) -> bytes:
    if letter["original_encoding"] == "base64":
        return base64.b64decode(letter["original"])
    return letter["original"].encode()


@pytest.fixture(scope="module")
def dead_letters(stream: Stream) -> dict[bytes, dict[str, str]]:
    records = [*BAD_RECORDS.values(), NO_DATE]
    publish(stream.settings, records)

    def all_back(got: list[Record]) -> bool:
        return sum(r.topic == stream.settings.topic_dlq for r in got) >= len(records)

    letters = run_async(read_topics(stream.settings, [stream.settings.topic_dlq], all_back))
    # Dead letters of the main run (if any) share the topic: key by the original bytes,
    # cut to the limit as the worker cuts too-large originals.
    return {original_bytes(r.json())[:MAX_BYTES]: r.json() for r in letters}


@pytest.mark.parametrize("reason", sorted(BAD_RECORDS))
def test_bad_record_dead_lettered_with_reason(
    dead_letters: dict[bytes, dict[str, str]], stream: Stream, reason: str
) -> None:
    letter = dead_letters[BAD_RECORDS[reason][:MAX_BYTES]]
    assert (letter["reason"], letter["source_topic"]) == (reason, stream.settings.topic_articles)


def test_core_refusal_dead_lettered_with_the_core_reason(
    dead_letters: dict[bytes, dict[str, str]], extractor: Extractor
) -> None:
    expected = expected_outcome(extractor, NO_DATE)
    if not isinstance(expected, str):
        pytest.skip("the current core codes this article; nothing to dead-letter")
    assert dead_letters[NO_DATE]["reason"] == expected


# -- metrics ---------------------------------------------------------------------


def test_metrics_move_by_the_right_amounts(stream: Stream, extractor: Extractor) -> None:
    good = [
        line for line in article_lines() if not isinstance(expected_outcome(extractor, line), str)
    ][:5]
    renamed = []
    expected_events = 0
    for index, line in enumerate(good):
        article = json.loads(line)
        article["id"] = f"metrics-{index}-{article['id']}"
        renamed.append(json.dumps(article).encode())
        expected_events += len(extractor.extract(Article.model_validate(article)))
    bad = [b"{not json", b"[]"]
    worker = stream.worker
    names = [
        ("dateline_articles_consumed_total", {}),
        ("dateline_articles_coded_total", {}),
        ("dateline_dead_letters_total", {"reason": "invalid_json"}),
        ("dateline_dead_letters_total", {"reason": "not_an_object"}),
        ("dateline_events_per_article_sum", {}),
        ("dateline_processing_latency_seconds_count", {}),
    ]
    before = [worker.metric(name, **labels) for name, labels in names]
    publish(stream.settings, renamed + bad)
    wanted = [
        before[0] + len(renamed) + len(bad),
        before[1] + len(renamed),
        before[2] + 1,
        before[3] + 1,
        before[4] + expected_events,
        before[5] + len(renamed) + len(bad),
    ]
    deadline = time.monotonic() + 60
    after = before
    while time.monotonic() < deadline:
        after = [worker.metric(name, **labels) for name, labels in names]
        if after == wanted:
            break
        time.sleep(0.2)
    assert after == wanted
