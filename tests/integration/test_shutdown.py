"""Stopping: SIGTERM mid-stream, and a worker whose coding agent dies (issue 5).

Both end the same way for downstream consumers: every article is coded once
a worker runs again, and only records that were in flight at the stop are
coded twice (with identical event ids).
"""

from __future__ import annotations

import json
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from service.settings import Settings
from service.stream.broker import EmbeddedBroker

from tests.integration.helpers import (
    WorkerProcess,
    numbered_articles,
    outputs_for_all,
    publish_all,
    stream_settings,
)

pytestmark = pytest.mark.integration


def coded_counts(settings: Settings, lines: list[bytes]) -> Counter[str]:
    """How often each article came out on the coded topic, once all of them did."""
    outputs = outputs_for_all(settings, lines)
    return Counter(r.json()["article_id"] for r in outputs if r.topic == settings.topic_coded)


def test_sigterm_mid_stream_exits_0_and_loses_nothing(broker: EmbeddedBroker, logs: Path) -> None:
    settings = stream_settings(broker.address, topic_partitions=2)
    lines = numbered_articles(150, "term")
    first = WorkerProcess(settings, logs, "term-first").start().wait_ready()
    publish_all(settings, lines)
    first.wait_until(
        lambda: first.metric("dateline_articles_coded_total") >= 20, 60, "some articles coded"
    )
    asked = time.monotonic()
    assert first.stop(signal.SIGTERM) == 0
    stopped_in = time.monotonic() - asked
    assert stopped_in < settings.shutdown_timeout_seconds, first.log_tail()

    second = WorkerProcess(settings, logs, "term-second").start().wait_ready()
    try:
        counts = coded_counts(settings, lines)
    finally:
        second.stop()
    assert set(counts) == {json.loads(line)["id"] for line in lines}
    # Redelivered: at most what the first worker had in flight at the stop.
    assert sum(counts.values()) - len(lines) <= settings.max_in_flight


def test_a_dead_agent_stops_the_worker_non_zero_and_its_record_is_redelivered(
    broker: EmbeddedBroker, logs: Path
) -> None:
    settings = stream_settings(broker.address, topic_partitions=1)
    lines = numbered_articles(12, "poison")
    poison = json.loads(lines[5])["id"]
    crashing = WorkerProcess(
        settings, logs, "agent-death", module=("tests.integration.crashing_worker", poison)
    ).start()
    crashing.wait_ready()
    publish_all(settings, lines)
    reported = []
    assert crashing.process is not None
    while crashing.process.poll() is None:
        answer = crashing.get("/health/live")
        if answer is not None:
            reported.append(answer[0])
        time.sleep(0.02)
    assert crashing.process.returncode == 1, crashing.log_tail()
    assert 503 in reported, reported
    assert "coding agent crashed" in crashing.log_path.read_text()

    fresh = WorkerProcess(settings, logs, "after-agent-death").start().wait_ready()
    try:
        counts = coded_counts(settings, lines)
    finally:
        fresh.stop()
    assert counts[poison] == 1
    assert set(counts) == {json.loads(line)["id"] for line in lines}
