"""Extraction off the event loop: process pool with a hard budget, and the inline runner.

These start real extraction processes running the fake cores of `fakes.py`,
so a timeout really kills a process and a crash really ends one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from prometheus_client import CollectorRegistry
from service.metrics import Metrics
from service.stream.coding import Coded, Rejected
from service.stream.runner import ExtractorLoadError, InlineRunner, ProcessRunner

from tests.stream.fakes import CRASH, FAKE_VERSION, SLOW, SleepyExtractor, article_bytes

FAKE = "tests.stream.fakes:load_fake_extractor"
BUDGET = 2.0


@pytest.fixture
async def pool(metrics: Metrics) -> AsyncIterator[ProcessRunner]:
    runner = ProcessRunner(workers=1, budget_seconds=BUDGET, metrics=metrics, factory=FAKE)
    await runner.start()
    yield runner
    await runner.stop()


async def test_start_reports_the_extractor_version(pool: ProcessRunner) -> None:
    assert pool.version == FAKE_VERSION


async def test_codes_a_record(pool: ProcessRunner) -> None:
    outcome = await pool.code(article_bytes("a", "X meets Y"))
    assert isinstance(outcome, Coded)
    assert [e.event_id for e in outcome.events] == ["a#0"]


async def test_bad_record_is_rejected_not_raised(pool: ProcessRunner) -> None:
    outcome = await pool.code(b"\xff")
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "invalid_utf8"


async def test_overrun_becomes_timeout_and_the_pool_recovers(
    pool: ProcessRunner, registry: CollectorRegistry
) -> None:
    slow = await pool.code(article_bytes("slow", SLOW))
    after = await pool.code(article_bytes("next", "X meets Y"))
    assert (isinstance(slow, Rejected) and slow.reason, isinstance(after, Coded)) == (
        "timeout",
        True,
    )
    assert (
        registry.get_sample_value("dateline_extraction_worker_restarts_total", {"cause": "timeout"})
        == 1.0
    )


async def test_event_loop_stays_responsive_during_an_overrun(pool: ProcessRunner) -> None:
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    ticker = asyncio.create_task(tick())
    await pool.code(article_bytes("slow", SLOW))
    ticker.cancel()
    # About BUDGET / 0.05 = 40 ticks if the loop was never blocked; a blocked
    # loop would show a handful at most.
    assert ticks >= 20


async def test_process_death_is_an_extraction_error(
    pool: ProcessRunner, registry: CollectorRegistry
) -> None:
    died = await pool.code(article_bytes("crash", CRASH))
    after = await pool.code(article_bytes("next", "quiet"))
    assert (isinstance(died, Rejected) and died.reason, isinstance(after, Coded)) == (
        "extraction_error",
        True,
    )
    assert (
        registry.get_sample_value("dateline_extraction_worker_restarts_total", {"cause": "died"})
        == 1.0
    )


async def test_cancelled_call_does_not_leak_its_answer(pool: ProcessRunner) -> None:
    task = asyncio.create_task(pool.code(article_bytes("first", "X meets Y")))
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    outcome = await pool.code(article_bytes("second", "X meets Y"))
    assert isinstance(outcome, Coded)
    assert outcome.article_id == "second"


async def test_parallel_records_use_every_process(metrics: Metrics) -> None:
    runner = ProcessRunner(workers=2, budget_seconds=BUDGET, metrics=metrics, factory=FAKE)
    await runner.start()
    try:
        outcomes = await asyncio.gather(
            *(runner.code(article_bytes(f"a{i}", "X meets Y")) for i in range(10))
        )
    finally:
        await runner.stop()
    assert sorted(o.article_id or "" for o in outcomes) == sorted(f"a{i}" for i in range(10))


async def test_broken_core_refuses_to_start(metrics: Metrics) -> None:
    runner = ProcessRunner(
        workers=1,
        budget_seconds=BUDGET,
        metrics=metrics,
        factory="tests.stream.fakes:load_broken_extractor",
    )
    with pytest.raises(ExtractorLoadError, match="unknown function 'holiday'"):
        await runner.start()


async def test_bad_factory_path_refuses_to_start(metrics: Metrics) -> None:
    runner = ProcessRunner(workers=1, budget_seconds=BUDGET, metrics=metrics, factory="no_colon")
    with pytest.raises(ExtractorLoadError):
        await runner.start()


async def test_inline_runner_deadline() -> None:
    runner = InlineRunner(SleepyExtractor(0.5), budget_seconds=0.05)
    outcome = await runner.code(article_bytes("a", "x"))
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "timeout"


async def test_inline_runner_codes_within_budget() -> None:
    runner = InlineRunner(SleepyExtractor(0.0), budget_seconds=5.0)
    outcome = await runner.code(article_bytes("a", "X meets Y"))
    assert isinstance(outcome, Coded)
    assert len(outcome.events) == 1
