"""Broker trouble (issue 5): a worker outlives its broker's absence and resumes.

The policy, documented in README ("Delivery guarantee"): a worker whose broker
is missing at start waits and retries with backoff, live but not ready; a
worker whose broker disappears mid-stream stays up, not ready, retries its
publishes and rejoins its group when the broker is back, then goes on where
the committed offsets say. Nothing is lost; records in flight during the
outage may be coded twice.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.helpers import (
    WorkerProcess,
    numbered_articles,
    outputs_for_all,
    publish_all,
    stream_settings,
)
from tests.integration.proxy import ProxiedBroker

pytestmark = pytest.mark.integration

# Longer than the session timeout: the broker drops the worker from its group.
OUTAGE_SECONDS = 10.0


@pytest.fixture
def proxied(tansu: str, logs: Path) -> Iterator[ProxiedBroker]:
    broker = ProxiedBroker(tansu, logs / f"tansu-proxied-{time.monotonic_ns()}.log")
    yield broker
    broker.stop()


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
        # the retry is logged only once the client gives up on the cut broker:
        # on a loaded machine that took more than 30 s
        worker.wait_until(
            lambda: "retrying in" in worker.log_path.read_text(), 90, "a logged retry"
        )
        proxied.proxy.restore()
        worker.wait_ready()
        lines = numbered_articles(10, "late")
        publish_all(settings, lines)
        outputs_for_all(settings, lines)
    finally:
        worker.kill()


def test_a_worker_resumes_after_its_broker_comes_back(proxied: ProxiedBroker, logs: Path) -> None:
    proxied.proxy.restore()
    settings = stream_settings(proxied.address)
    worker = WorkerProcess(settings, logs, "outage-resume").start().wait_ready()
    try:
        before = numbered_articles(60, "before")
        publish_all(settings, before)
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
        after = numbered_articles(20, "after")
        publish_all(settings, after)
        outputs_for_all(settings, before + after)
        assert worker.process.poll() is None
    finally:
        worker.kill()


def test_sigterm_without_a_broker_exits_within_the_shutdown_timeout(
    proxied: ProxiedBroker, logs: Path
) -> None:
    proxied.proxy.restore()
    settings = stream_settings(proxied.address, shutdown_timeout_seconds=5.0)
    worker = WorkerProcess(settings, logs, "term-no-broker").start().wait_ready()
    lines = numbered_articles(40, "stranded")
    publish_all(settings, lines)
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
        outputs_for_all(settings, lines)
    finally:
        successor.kill()
