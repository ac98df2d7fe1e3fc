"""Readiness rules and the HTTP endpoints (/health/live, /health/ready, /metrics)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client import CollectorRegistry
from service.metrics import Metrics
from service.settings import Settings
from service.stream.health import Health, HealthServer

READY = {"core_loaded": True, "assigned": True, "broker_reachable": True}


@pytest.fixture
def health(metrics: Metrics) -> Health:
    return Health(metrics)


@pytest.fixture
async def client(settings: Settings, health: Health, metrics: Metrics) -> AsyncIterator[TestClient]:
    server = HealthServer(settings, health, metrics)
    async with TestClient(TestServer(server.application())) as test_client:
        yield test_client


def test_not_ready_at_start(health: Health) -> None:
    assert not health.ready


def test_ready_when_everything_is_up(health: Health) -> None:
    health.update(**READY)
    assert health.ready


@pytest.mark.parametrize(
    "down",
    [
        {"core_loaded": False},
        {"assigned": False},
        {"broker_reachable": False},
        {"publishing_ok": False},
        {"stopping": True},
        {"fatal_error": "cannot load the core"},
    ],
)
def test_each_condition_blocks_readiness(health: Health, down: dict[str, object]) -> None:
    health.update(**{**READY, **down})
    assert not health.ready


def test_ready_gauge_follows(health: Health, registry: CollectorRegistry) -> None:
    health.update(**READY)
    up = registry.get_sample_value("dateline_ready")
    health.update(broker_reachable=False)
    assert (
        up,
        registry.get_sample_value("dateline_ready"),
        registry.get_sample_value("dateline_broker_up"),
    ) == (
        1.0,
        0.0,
        0.0,
    )


def test_unknown_field_refused(health: Health) -> None:
    with pytest.raises(AttributeError):
        health.update(partitons=frozenset())


async def test_readiness_endpoint_flips(client: TestClient, health: Health) -> None:
    before = await client.get("/health/ready")
    health.update(**READY, partitions=frozenset({0, 2}))
    after = await client.get("/health/ready")
    body = await after.json()
    assert (before.status, after.status, body["partitions"]) == (503, 200, [0, 2])


async def test_liveness_until_fatal(client: TestClient, health: Health) -> None:
    alive = await client.get("/health/live")
    health.update(fatal_error="core failed to load")
    dead = await client.get("/health/live")
    assert (alive.status, dead.status) == (200, 503)


async def test_metrics_endpoint_serves_the_registry(client: TestClient, metrics: Metrics) -> None:
    metrics.articles_consumed.inc(3)
    response = await client.get("/metrics")
    text = await response.text()
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "dateline_articles_consumed_total 3.0" in text.splitlines()
