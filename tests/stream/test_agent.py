"""The Faust agent, driven through Faust's test_context(): no broker, real app wiring.

The app is the one `build_worker` makes for production, with two stand-ins:
the fake core runs inline, and a recording publisher plays the broker.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from service.metrics import Metrics
from service.settings import Settings
from service.stream.app import StreamWorker, build_worker, faust_options
from service.stream.processor import RecordResult
from service.stream.runner import InlineRunner

from tests.stream.fakes import FAKE_VERSION, FakeExtractor, RecordingPublisher, article_bytes


@pytest.fixture
def publisher() -> RecordingPublisher:
    return RecordingPublisher()


@pytest.fixture
def crashes() -> list[BaseException]:
    """What the agent reported dying of (in production: SIGTERM to the worker itself)."""
    return []


@pytest.fixture
async def worker(
    settings: Settings,
    metrics: Metrics,
    publisher: RecordingPublisher,
    tmp_path: Path,
    crashes: list[BaseException],
) -> AsyncIterator[StreamWorker]:
    loop = asyncio.get_running_loop()
    built = build_worker(
        settings,
        metrics=metrics,
        runner=InlineRunner(FakeExtractor(), 5.0),
        datadir=tmp_path,
        loop=loop,
        publisher=publisher,
        on_agent_crash=crashes.append,
    )
    built.processor.extractor_version = FAKE_VERSION
    yield built
    close_consumer_loop(built)


def close_consumer_loop(built: StreamWorker) -> None:
    """Iterating a stream creates Faust's consumer, whose (never started)
    thread owns an event loop; close it, or it leaks into the next test."""
    consumer = built.app._consumer
    if consumer is not None:
        consumer._thread.thread_loop.close()


@pytest.fixture
async def agent(worker: StreamWorker) -> AsyncIterator[Any]:
    async with worker.agent.test_context() as test_agent:
        yield test_agent


async def put(agent: Any, raw: bytes, key: bytes | None = None) -> RecordResult:
    await agent.put(raw, key=key)
    result: RecordResult = agent.results[len(agent.results) - 1]
    return result


async def test_agent_codes_an_article(agent: Any, publisher: RecordingPublisher) -> None:
    result = await put(agent, article_bytes("a", "X meets Y"), key=b"a")
    assert (result.status, result.event_ids, [r.kind for r in publisher.records]) == (
        "coded",
        ("a#0",),
        ["event", "coded"],
    )


async def test_agent_dead_letters_and_goes_on(agent: Any, publisher: RecordingPublisher) -> None:
    first = await put(agent, b"{broken")
    second = await put(agent, article_bytes("b", "quiet"))
    assert (first.reason, second.status) == ("invalid_json", "coded")


async def test_agent_publishes_the_extractor_output(
    agent: Any, publisher: RecordingPublisher
) -> None:
    raw = article_bytes("a", "X meets Y meets Z")
    await put(agent, raw)
    from service.models import Article

    expected = [
        e.model_dump(mode="json") for e in FakeExtractor().extract(Article.model_validate_json(raw))
    ]
    published = [orjson.loads(r.value) for r in publisher.records if r.kind == "event"]
    assert published == expected


async def test_offset_acknowledged_only_after_outputs_are(
    agent: Any, publisher: RecordingPublisher
) -> None:
    publisher.gate = asyncio.Event()
    event = await agent.put(article_bytes("a", "X meets Y"), wait=False)
    await asyncio.sleep(0.2)  # the agent is now waiting on the "broker"
    before = event.message.acked
    publisher.gate.set()
    while not agent.results:
        await asyncio.sleep(0.01)
    assert (before, event.message.acked) == (False, True)


async def test_a_crashing_agent_stops_the_worker_and_reports_it(
    settings: Settings,
    metrics: Metrics,
    publisher: RecordingPublisher,
    tmp_path: Path,
    crashes: list[BaseException],
) -> None:
    # One actor: Faust's test wrapper cannot stop sibling actors of a crashed one.
    single = settings.model_copy(update={"max_in_flight": 1})
    built = build_worker(
        single,
        metrics=metrics,
        runner=InlineRunner(FakeExtractor(), 5.0),
        datadir=tmp_path,
        loop=asyncio.get_running_loop(),
        publisher=publisher,
        on_agent_crash=crashes.append,
    )
    # An error escaping the per-record handling (here: from the publisher,
    # which in production retries instead) is a bug, not bad input.
    publisher.failures_left = 1
    async with built.agent.test_context() as agent:
        event = await agent.put(article_bytes("a", "X meets Y"), wait=False)
        for _ in range(500):
            if crashes:
                break
            await asyncio.sleep(0.01)
    close_consumer_loop(built)
    assert [type(exc) for exc in crashes] == [ConnectionError]
    health = built.health
    assert health.alive is False
    assert health.ready is False
    assert (health.fatal_error or "").startswith("coding agent crashed: ConnectionError")
    assert metrics.agent_crashes._value.get() == 1
    # Not acknowledged: the record is redelivered to the restarted worker.
    assert event.message.acked is False


def test_faust_gets_no_environment(settings: Settings, tmp_path: Path) -> None:
    assert faust_options(settings, datadir=tmp_path)["env"] == {}


def test_faust_options_from_settings(tmp_path: Path) -> None:
    settings = Settings(brokers="k1:9092,k2:9092", session_timeout_seconds=7, topic_partitions=6)
    options = faust_options(settings, datadir=tmp_path)
    assert (
        options["broker"],
        options["broker_session_timeout"],
        options["topic_partitions"],
        options["web_enabled"],
        options["processing_guarantee"],
    ) == (["kafka://k1:9092", "kafka://k2:9092"], 7, 6, False, "at_least_once")
