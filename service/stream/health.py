"""Liveness, readiness and /metrics over HTTP, served by the worker itself.

The server starts before anything touches the broker, so an orchestrator can
see a worker that is waiting for its broker (live, not ready) instead of one
that does not answer. Faust's own web server stays off: it would only start
after the producer has reached the broker.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from service.metrics import Metrics
from service.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Health:
    """What readiness depends on; updated by the worker, read by the endpoints."""

    metrics: Metrics
    core_loaded: bool = False
    assigned: bool = False
    partitions: frozenset[int] = frozenset()
    broker_reachable: bool = False
    publishing_ok: bool = True
    stopping: bool = False
    fatal_error: str | None = None
    last_agent_error: str | None = None
    extractor: str | None = None

    def __post_init__(self) -> None:
        self._refresh()

    def update(self, **changes: Any) -> None:
        """Change some fields and refresh the `dateline_ready` and `dateline_broker_up` gauges."""
        for name, value in changes.items():
            if not hasattr(self, name):
                raise AttributeError(name)
            setattr(self, name, value)
        self._refresh()

    def _refresh(self) -> None:
        self.metrics.ready.set(1 if self.ready else 0)
        self.metrics.broker_up.set(1 if self.broker_reachable else 0)

    @property
    def alive(self) -> bool:
        """False only when the worker cannot go on and should be restarted."""
        return self.fatal_error is None

    @property
    def ready(self) -> bool:
        """Core loaded, partitions assigned, broker reachable and outputs getting through."""
        return (
            self.alive
            and self.core_loaded
            and self.assigned
            and self.broker_reachable
            and self.publishing_ok
            and not self.stopping
        )

    def report(self) -> dict[str, Any]:
        """The readiness details, as served by /health/ready."""
        return {
            "ready": self.ready,
            "alive": self.alive,
            "core_loaded": self.core_loaded,
            "assigned": self.assigned,
            "partitions": sorted(self.partitions),
            "broker_reachable": self.broker_reachable,
            "publishing_ok": self.publishing_ok,
            "stopping": self.stopping,
            "extractor": self.extractor,
            "fatal_error": self.fatal_error,
            "last_agent_error": self.last_agent_error,
        }


class HealthServer:
    """aiohttp server for /health/live, /health/ready and /metrics."""

    def __init__(self, settings: Settings, health: Health, metrics: Metrics) -> None:
        self._settings = settings
        self._health = health
        self._metrics = metrics
        self._runner: web.AppRunner | None = None

    def application(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/", self._index)
        app.router.add_get("/health/live", self._live)
        app.router.add_get("/health/ready", self._ready)
        app.router.add_get("/metrics", self._metrics_view)
        return app

    async def start(self) -> None:
        self._runner = web.AppRunner(self.application(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._settings.web_host, self._settings.web_port)
        await site.start()
        log.info(
            "health and metrics on http://%s:%d/", self._settings.web_host, self._settings.web_port
        )

    @property
    def addresses(self) -> list[Any]:
        """The socket addresses the server listens on; empty until it starts."""
        return [] if self._runner is None else list(self._runner.addresses)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _index(self, request: web.Request) -> web.Response:
        return web.json_response(
            {"endpoints": ["/health/live", "/health/ready", "/metrics"], "service": "dateline"}
        )

    async def _live(self, request: web.Request) -> web.Response:
        health = self._health
        body = {"alive": health.alive, "fatal_error": health.fatal_error}
        return web.json_response(body, status=200 if health.alive else 503)

    async def _ready(self, request: web.Request) -> web.Response:
        report = self._health.report()
        return web.json_response(report, status=200 if report["ready"] else 503)

    async def _metrics_view(self, request: web.Request) -> web.Response:
        return web.Response(
            body=generate_latest(self._metrics.registry),
            headers={"Content-Type": CONTENT_TYPE_LATEST},
        )
