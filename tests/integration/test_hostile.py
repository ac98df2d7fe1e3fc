"""The hostile corpus through a real worker on the real broker.

Every record of `tests/hostile/corpus.py` is produced as-is (empty and
whitespace-only values included, so not through `publish_lines`, which skips
blank lines) to a worker with the default 512 KiB size limit; the 10 MB
record passes the broker and is dead-lettered by the worker as too_large.
Then: each bad record has exactly one dead letter with its reason and
original bytes, each good one exactly one coded record, and the worker's
/metrics count the dead letters by reason.
"""

from __future__ import annotations

import base64
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from service.models import DEAD_LETTER_REASONS
from service.settings import Settings
from service.stream.broker import EmbeddedBroker
from service.stream.client import PUBLISH_MAX_REQUEST_BYTES, record_key
from service.stream.connection import client_options

from tests.hostile.corpus import CODED, DUPLICATE_ID, Case, corpus
from tests.integration.helpers import Record, WorkerProcess, read_topics, run_async, stream_settings

pytestmark = pytest.mark.integration

METRICS_TIMEOUT = 30.0


@dataclass
class Sent:
    case: Case
    partition: int
    offset: int


@dataclass
class Run:
    settings: Settings
    worker: WorkerProcess
    sent: list[Sent]
    records: list[Record]

    def on(self, topic: str) -> list[Record]:
        return [record for record in self.records if record.topic == topic]


async def produce(settings: Settings, cases: list[Case]) -> list[Sent]:
    producer = AIOKafkaProducer(
        **client_options(settings), acks="all", max_request_size=PUBLISH_MAX_REQUEST_BYTES
    )
    await producer.start()
    try:
        sent = []
        for case in cases:
            future = await producer.send(
                settings.topic_articles, case.raw, key=record_key(case.raw)
            )
            metadata = await future
            sent.append(Sent(case, metadata.partition, metadata.offset))
        return sent
    finally:
        await producer.stop()


@pytest.fixture(scope="module")
def run(broker: EmbeddedBroker, logs: Path) -> Iterator[Run]:
    settings = stream_settings(broker.address)
    cases = corpus(settings.max_article_bytes)
    worker = WorkerProcess(settings, logs, name="hostile").start().wait_ready()
    try:
        sent = run_async(produce(settings, cases))
        bad = sum(case.expected != CODED for case in cases)
        good = len(cases) - bad

        def all_back(got: list[Record]) -> bool:
            topics = Counter(record.topic for record in got)
            return topics[settings.topic_dlq] >= bad and topics[settings.topic_coded] >= good

        records = run_async(
            read_topics(settings, [settings.topic_dlq, settings.topic_coded], all_back)
        )
        yield Run(settings, worker, sent, records)
    finally:
        worker.stop()


def original(letter: dict[str, str]) -> bytes:
    if letter["original_encoding"] == "base64":
        return base64.b64decode(letter["original"])
    return letter["original"].encode("utf-8")


def test_each_bad_record_is_dead_lettered_once_with_its_reason_and_bytes(run: Run) -> None:
    limit = run.settings.max_article_bytes
    letters: dict[tuple[int, int], list[tuple[str, bytes]]] = {}
    for record in run.on(run.settings.topic_dlq):
        letter = record.json()
        where = (letter["partition"], letter["offset"])
        letters.setdefault(where, []).append((letter["reason"], original(letter)))
    expected = {
        (s.partition, s.offset): [(s.case.expected, s.case.raw[:limit])]
        for s in run.sent
        if s.case.expected != CODED
    }
    assert letters == expected


def test_each_good_record_is_coded_once(run: Run) -> None:
    coded = Counter(record.json()["article_id"] for record in run.on(run.settings.topic_coded))
    expected = Counter(orjson.loads(s.case.raw)["id"] for s in run.sent if s.case.expected == CODED)
    assert coded == expected


def test_duplicated_ids_code_to_identical_event_ids(run: Run) -> None:
    lists = [
        record.json()["event_ids"]
        for record in run.on(run.settings.topic_coded)
        if record.json()["article_id"] == DUPLICATE_ID
    ]
    # Two identical records and one with another body under the same id.
    counts = Counter(tuple(ids) for ids in lists)
    assert sorted(counts.values()) == [1, 2]
    assert all(ids for ids in counts)


def test_worker_counts_dead_letters_by_reason(run: Run) -> None:
    expected = Counter(s.case.expected for s in run.sent if s.case.expected != CODED)
    wanted = {reason: float(expected[reason]) for reason in DEAD_LETTER_REASONS}
    deadline = time.monotonic() + METRICS_TIMEOUT
    while True:  # counters move once the broker acknowledged: poll until they settle
        counted = {
            reason: run.worker.metric("dateline_dead_letters_total", reason=reason)
            for reason in DEAD_LETTER_REASONS
        }
        if counted == wanted or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert counted == wanted


def test_worker_consumed_every_record_and_kept_running(run: Run) -> None:
    assert run.worker.metric("dateline_articles_consumed_total") == float(len(run.sent))
    assert run.worker.process is not None
    assert run.worker.process.poll() is None
