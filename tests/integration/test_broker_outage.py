"""Broker trouble (issue 5): a worker outlives its broker's absence and resumes.

The policy, documented in README ("Delivery guarantee"): a worker whose broker
is missing at start waits and retries with backoff, live but not ready; a
worker whose broker disappears mid-stream stays up, not ready, retries its
publishes and rejoins its group when the broker is back, then goes on where
the committed offsets say. Nothing is lost; records in flight during the
outage may be coded twice.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from service.settings import Settings
from service.stream.client import publish_lines

from tests.integration.helpers import (
    ROOT,
    WorkerProcess,
    processed_ids,
    read_topics,
    run_async,
    stream_settings,
)
from tests.integration.proxy import ProxiedBroker

pytestmark = pytest.mark.integration

GOLDEN = ROOT / "tests" / "golden" / "articles.jsonl"
# Longer than the session timeout: the broker drops the worker from its group.
OUTAGE_SECONDS = 10.0


@pytest.fixture
def proxied(tansu: str, logs: Path) -> Iterator[ProxiedBroker]:
    broker = ProxiedBroker(tansu, logs / f"tansu-proxied-{time.monotonic_ns()}.log")
    yield broker
    broker.stop()


def articles(count: int, tag: str) -> list[bytes]:
    lines = [orjson.loads(line) for line in GOLDEN.read_bytes().splitlines() if line.strip()]
    return [orjson.dumps({**lines[n % len(lines)], "id": f"{tag}-{n:03d}"}) for n in range(count)]


def publish(settings: Settings, lines: list[bytes]) -> None:
    summary = run_async(publish_lines(settings, lines, progress_out=io.StringIO()))
    assert summary.published == len(lines)


def wait_all_processed(settings: Settings, lines: list[bytes]) -> None:
    expected = {json.loads(line)["id"] for line in lines}
    run_async(
        read_topics(
            settings,
            [settings.topic_coded, settings.topic_dlq],
            lambda seen: expected <= processed_ids(settings, seen),
            timeout=120,
        )
    )


def not_ready_for_the_broker(worker: WorkerProcess) -> bool:
    answer = worker.readiness()
    return answer is not None and answer[0] == 503 and answer[1]["broker_reachable"] is False


def test_a_worker_started_before_its_broker_waits_then_works(
    proxied: ProxiedBroker, logs: Path
) -> None:
    settings = stream_settings(proxied.address)
    worker = WorkerProcess(settings, logs, "before-broker").start()
    try:
        worker.wait_until(lambda: not_ready_for_the_broker(worker), 60, "a waiting worker")
        live = worker.get("/health/live")
        assert live is not None
        assert live[0] == 200
        assert worker.metric("dateline_broker_up") == 0
        worker.wait_until(
            lambda: "retrying in" in worker.log_path.read_text(), 30, "a logged retry"
        )
        proxied.proxy.restore()
        worker.wait_ready()
        lines = articles(10, "late")
        publish(settings, lines)
        wait_all_processed(settings, lines)
    finally:
        worker.kill()


def test_a_worker_resumes_after_its_broker_comes_back(proxied: ProxiedBroker, logs: Path) -> None:
    proxied.proxy.restore()
    settings = stream_settings(proxied.address)
    worker = WorkerProcess(settings, logs, "outage-resume").start().wait_ready()
    try:
        before = articles(60, "before")
        publish(settings, before)
        worker.wait_until(
            lambda: worker.metric("dateline_articles_coded_total") >= 5, 60, "coding under way"
        )
        proxied.proxy.cut()  # mid-stream: records are in flight
        worker.wait_until(lambda: not_ready_for_the_broker(worker), 30, "readiness to drop")
        time.sleep(OUTAGE_SECONDS)
        assert worker.process is not None
        assert worker.process.poll() is None  # still up: it resumes, it does not exit
        proxied.proxy.restore()
        worker.wait_ready(timeout=120)
        after = articles(20, "after")
        publish(settings, after)
        wait_all_processed(settings, before + after)
        assert worker.process.poll() is None
    finally:
        worker.kill()


def test_sigterm_without_a_broker_exits_within_the_shutdown_timeout(
    proxied: ProxiedBroker, logs: Path
) -> None:
    proxied.proxy.restore()
    settings = stream_settings(proxied.address, shutdown_timeout_seconds=5.0)
    worker = WorkerProcess(settings, logs, "term-no-broker").start().wait_ready()
    lines = articles(40, "stranded")
    publish(settings, lines)
    worker.wait_until(
        lambda: worker.metric("dateline_articles_coded_total") >= 3, 60, "coding under way"
    )
    proxied.proxy.cut()
    worker.wait_until(lambda: not_ready_for_the_broker(worker), 30, "readiness to drop")
    # It cannot commit; the watchdog ends the stop (status 3) if Faust hangs on it.
    code = worker.stop(timeout=settings.shutdown_timeout_seconds + 15)
    assert code in (0, 3), worker.log_tail()

    proxied.proxy.restore()
    successor = WorkerProcess(settings, logs, "term-no-broker-successor").start().wait_ready()
    try:
        wait_all_processed(settings, lines)
    finally:
        successor.kill()
