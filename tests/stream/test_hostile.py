"""The hostile corpus through RecordProcessor and the real extraction processes (no broker).

Every record of `tests/hostile/corpus.py`, the stream-only ones included,
goes through `RecordProcessor.handle` with a `ProcessRunner` running the
production core, each with its own recording publisher, so each output is
known to belong to its record. A record over the time budget is shown with
the sleeping fake core, as in test_runner.py: the real core is too fast to
overrun a budget reliably, and the budget, not the test, bounds the time.
"""

from __future__ import annotations

import asyncio
import base64
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import orjson
import pytest
from prometheus_client import CollectorRegistry
from service.metrics import EXTRACTION_FAILURE_REASONS, Metrics
from service.models import DEAD_LETTER_REASONS, CodedArticle, DeadLetter
from service.settings import Settings
from service.stream.processor import InputRecord, RecordProcessor, RecordResult
from service.stream.runner import ProcessRunner

from tests.hostile.corpus import CODED, DUPLICATE_ID, Case, corpus
from tests.stream.fakes import SLOW, RecordingPublisher, article_bytes

TOPIC = "articles"
# Two extraction processes, as on this two-core machine in production.
WORKERS = 2


@dataclass
class Handled:
    case: Case
    offset: int
    result: RecordResult
    publisher: RecordingPublisher


@dataclass
class Run:
    settings: Settings
    handled: list[Handled]
    registry: CollectorRegistry

    def metric(self, name: str, **labels: str) -> float:
        value = self.registry.get_sample_value(name, labels)
        assert value is not None, (name, labels)
        return value


def stream_settings() -> Settings:
    # Explicit values: a developer's DATELINE_* variables must not change the run.
    return Settings(
        brokers="127.0.0.1:9",
        max_article_bytes=512 * 1024,
        record_timeout_seconds=30.0,
        route_events_by_type=False,
    )


async def handle_all(settings: Settings, cases: list[Case], metrics: Metrics) -> list[Handled]:
    runner = ProcessRunner(
        workers=WORKERS, budget_seconds=settings.record_timeout_seconds, metrics=metrics
    )
    version = await runner.start()
    processor = RecordProcessor(settings, runner, metrics, version)

    async def one(offset: int, case: Case) -> Handled:
        publisher = RecordingPublisher()
        record = InputRecord(key=None, value=case.raw, topic=TOPIC, partition=0, offset=offset)
        return Handled(case, offset, await processor.handle(record, publisher.publish), publisher)

    try:
        return list(await asyncio.gather(*(one(n, case) for n, case in enumerate(cases))))
    finally:
        await runner.stop()


@pytest.fixture(scope="module")
def run() -> Run:
    settings = stream_settings()
    registry = CollectorRegistry()
    cases = corpus(settings.max_article_bytes)
    # A loop of its own, closed here: asyncio.run would also unset the
    # current loop, which pytest-asyncio's tests then leak unclosed.
    loop = asyncio.new_event_loop()
    try:
        handled = loop.run_until_complete(handle_all(settings, cases, Metrics(registry)))
    finally:
        loop.close()
    return Run(settings, handled, registry)


def original(letter: DeadLetter) -> bytes:
    if letter.original_encoding == "base64":
        return base64.b64decode(letter.original)
    return letter.original.encode("utf-8")


def bad(run: Run) -> list[Handled]:
    return [h for h in run.handled if h.case.expected != CODED]


def good(run: Run) -> list[Handled]:
    return [h for h in run.handled if h.case.expected == CODED]


def test_every_record_gets_its_expected_outcome(run: Run) -> None:
    got = {h.case.name: h.result.reason or h.result.status for h in run.handled}
    wanted = {h.case.name: h.case.expected for h in run.handled}
    assert got == wanted


def test_each_bad_record_is_one_dead_letter_with_its_reason(run: Run) -> None:
    outputs = {
        h.case.name: [(r.kind, r.topic, r.reason) for r in h.publisher.records] for h in bad(run)
    }
    dlq = run.settings.topic_dlq
    assert outputs == {h.case.name: [("dead_letter", dlq, h.case.expected)] for h in bad(run)}


def test_dead_letters_carry_the_original_bytes_and_where_they_came_from(run: Run) -> None:
    limit = run.settings.max_article_bytes
    mismatches = []
    for h in bad(run):
        letter = DeadLetter.model_validate_json(h.publisher.records[0].value)
        # Past the size limit only the first `limit` bytes travel, and the message says so.
        cut = len(h.case.raw) > limit
        if (
            original(letter) != h.case.raw[:limit]
            or (letter.reason, letter.source_topic, letter.offset)
            != (h.case.expected, TOPIC, h.offset)
            or cut != ("original cut to its first" in letter.message)
        ):
            mismatches.append(h.case.name)
    assert mismatches == []


def test_dead_letter_messages_are_one_short_line(run: Run) -> None:
    letters = [DeadLetter.model_validate_json(h.publisher.records[0].value) for h in bad(run)]
    assert [
        letter.reason for letter in letters if "\n" in letter.message or len(letter.message) > 800
    ] == []


def test_good_records_publish_their_events_then_one_coded_record(run: Run) -> None:
    shapes = {}
    for h in good(run):
        kinds = [r.kind for r in h.publisher.records]
        coded = CodedArticle.model_validate_json(h.publisher.records[-1].value)
        event_ids = [orjson.loads(r.value)["event_id"] for r in h.publisher.records[:-1]]
        shapes[h.case.name] = (
            kinds == ["event"] * len(event_ids) + ["coded"] and coded.event_ids == event_ids
        )
    assert shapes == {h.case.name: True for h in good(run)}


def test_duplicated_article_ids_are_both_coded_with_identical_event_ids(run: Run) -> None:
    twins = [h for h in run.handled if h.case.name.startswith("duplicated article id (")]
    event_ids = [tuple(h.result.event_ids) for h in twins]
    assert len(twins) == 2
    assert [h.result.article_id for h in twins] == [DUPLICATE_ID, DUPLICATE_ID]
    assert event_ids[0]  # the twins state an event, so there is an id to compare
    assert event_ids[0] == event_ids[1]


@pytest.mark.parametrize(
    ("metric", "reasons"),
    [
        # every dead letter, by reason
        ("dateline_dead_letters_total", DEAD_LETTER_REASONS),
        # the core's refusals, counted as extraction failures
        ("dateline_extraction_failures_total", EXTRACTION_FAILURE_REASONS),
    ],
)
def test_bad_records_counted_by_reason(run: Run, metric: str, reasons: Sequence[str]) -> None:
    expected = Counter(h.case.expected for h in bad(run))
    counted = {reason: run.metric(metric, reason=reason) for reason in reasons}
    assert counted == {reason: float(expected[reason]) for reason in reasons}


def test_consumed_and_coded_counts(run: Run) -> None:
    assert (
        run.metric("dateline_articles_consumed_total"),
        run.metric("dateline_articles_coded_total"),
    ) == (float(len(run.handled)), float(len(good(run))))


# -- over the time budget --------------------------------------------------------------


async def test_record_over_the_budget_is_one_timeout_dead_letter_and_the_next_is_coded(
    settings: Settings, metrics: Metrics, registry: CollectorRegistry
) -> None:
    runner = ProcessRunner(
        workers=1,
        budget_seconds=1.0,
        metrics=metrics,
        factory="tests.stream.fakes:load_fake_extractor",
    )
    version = await runner.start()
    processor = RecordProcessor(settings, runner, metrics, version)
    slow_raw = article_bytes("slow", f"X meets Y {SLOW}")  # the fake sleeps 30 s on it
    slow, after = RecordingPublisher(), RecordingPublisher()
    try:
        await processor.handle(InputRecord(None, slow_raw, TOPIC, 0, 7), slow.publish)
        await processor.handle(
            InputRecord(None, article_bytes("next", "X meets Y"), TOPIC, 0, 8), after.publish
        )
    finally:
        await runner.stop()
    letter = DeadLetter.model_validate_json(slow.records[0].value)
    assert (
        [r.kind for r in slow.records],
        letter.reason,
        original(letter),
        letter.article_id,
        [r.kind for r in after.records],
    ) == (["dead_letter"], "timeout", slow_raw, "slow", ["event", "coded"])
    assert [
        registry.get_sample_value("dateline_dead_letters_total", {"reason": "timeout"}),
        registry.get_sample_value("dateline_extraction_failures_total", {"reason": "timeout"}),
    ] == [1.0, 1.0]
