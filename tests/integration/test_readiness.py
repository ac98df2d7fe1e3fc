"""Readiness and liveness as an orchestrator sees them, and a clean exit on SIGTERM.

The tests of one fresh worker run in file order: first its start (not ready,
then ready), then its stop. The broker-outage test runs on its own broker
(it stops it), not the session's shared one.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from service.stream.broker import EmbeddedBroker

from tests.integration.helpers import WorkerProcess, stream_settings

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def fresh(broker: EmbeddedBroker, logs: Path) -> Iterator[WorkerProcess]:
    worker = WorkerProcess(stream_settings(broker.address), logs, "fresh").start()
    yield worker
    worker.kill()


@pytest.fixture(scope="module")
def first_answers(fresh: WorkerProcess) -> dict[str, Any]:
    """The first readiness and liveness answers of the fresh worker."""
    answers: dict[str, Any] = {}

    def answered() -> bool:
        ready = fresh.readiness()
        if ready is not None:
            answers["ready"] = ready
            answers["live"] = fresh.get("/health/live")
        return bool(answers)

    fresh.wait_until(answered, 30, "a first health answer")
    return answers


def test_not_ready_before_the_consumer_is_assigned(first_answers: dict[str, Any]) -> None:
    status, body = first_answers["ready"]
    assert (status, body["assigned"]) == (503, False)


def test_live_while_not_ready(first_answers: dict[str, Any]) -> None:
    assert first_answers["live"] == (200, '{"alive": true, "fatal_error": null}')


def test_ready_once_core_loaded_and_assigned(
    fresh: WorkerProcess, first_answers: dict[str, Any]
) -> None:
    fresh.wait_ready()
    status, body = fresh.readiness() or (0, {})
    assert (status, body["core_loaded"], body["assigned"], body["partitions"]) == (
        200,
        True,
        True,
        list(range(fresh.settings.topic_partitions)),
    )


def test_sigterm_stops_the_worker_with_exit_code_zero(fresh: WorkerProcess) -> None:
    fresh.wait_ready()
    assert fresh.stop(signal.SIGTERM) == 0


def test_readiness_false_while_the_broker_is_unreachable(tansu: str, logs: Path) -> None:
    own = EmbeddedBroker(binary=tansu)
    own.start()
    worker = WorkerProcess(stream_settings(own.address), logs, "outage").start()
    try:
        worker.wait_ready()
        own.stop()

        def unreachable() -> bool:
            answer = worker.readiness()
            return (
                answer is not None and answer[0] == 503 and answer[1]["broker_reachable"] is False
            )

        worker.wait_until(unreachable, 20, "readiness to drop with the broker")
        status, body = worker.readiness() or (0, {})
        assert (status, body["broker_reachable"], body["core_loaded"]) == (503, False, True)
    finally:
        # With its broker gone, the worker may not leave its group cleanly.
        worker.kill()
        own.stop()
