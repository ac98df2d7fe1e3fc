"""Run a worker process: the Faust worker around the app, until a signal stops it."""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

import faust
from mode import Service
from prometheus_client import CollectorRegistry, GCCollector, PlatformCollector, ProcessCollector

from service.metrics import Metrics
from service.settings import Settings
from service.stream.app import StreamWorker, build_worker, exit_after
from service.stream.health import Health
from service.stream.logs import logging_config
from service.stream.runner import DEFAULT_FACTORY, ExtractionRunner, ProcessRunner

log = logging.getLogger(__name__)


EXIT_SHUTDOWN_TIMEOUT: Final = 3


class DatelineWorker(faust.Worker):
    """The Faust worker, flagging readiness down as soon as shutdown begins,
    and exiting hard when a shutdown overruns `shutdown_timeout_seconds`."""

    def __init__(
        self, *services: Any, health: Health, shutdown_timeout: float | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*services, **kwargs)
        self._health = health
        self._shutdown_timeout = shutdown_timeout
        self._watchdog: threading.Timer | None = None
        # No spinner: it writes terminal control codes to stdout, which belongs
        # to the events that `run` prints.
        self.spinner = None

    async def on_stop(self) -> None:
        # Runs before the app and our services stop: stop taking traffic first.
        self._health.update(stopping=True)
        if self._shutdown_timeout is not None and self._watchdog is None:
            # Typically the broker is gone and the final commit hangs.
            self._watchdog = exit_after(
                self._shutdown_timeout, EXIT_SHUTDOWN_TIMEOUT, "shutdown did not finish in time"
            )
        await super().on_stop()

    def cancel_watchdog(self) -> None:
        """The stop finished: the process may live on (tests run workers in-process)."""
        if self._watchdog is not None:
            self._watchdog.cancel()


def new_metrics() -> Metrics:
    """Metrics on a fresh registry, with the process and runtime collectors."""
    registry = CollectorRegistry()
    ProcessCollector(registry=registry)
    PlatformCollector(registry=registry)
    GCCollector(registry=registry)
    return Metrics(registry)


def default_runner(
    settings: Settings, metrics: Metrics, factory: str = DEFAULT_FACTORY
) -> ProcessRunner:
    """The production extraction runner: a process pool with the per-record budget."""
    return ProcessRunner(
        workers=settings.effective_extraction_workers,
        budget_seconds=settings.record_timeout_seconds,
        metrics=metrics,
        factory=factory,
    )


def run_worker(
    settings: Settings,
    *,
    embedded_broker: bool = False,
    quiet_libraries: bool = False,
    extra_services: Callable[[StreamWorker], Sequence[Service]] | None = None,
    runner: Callable[[Settings, Metrics], ExtractionRunner] | None = None,
) -> int:
    """Run one worker until SIGINT or SIGTERM; returns the process exit code.

    `extra_services` adds services that start before the app and stop after
    it (the `run` command's sample feeder and event printer).
    """
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    metrics = new_metrics()
    extraction = (runner or default_runner)(settings, metrics)
    with tempfile.TemporaryDirectory(prefix="dateline-worker-") as datadir:
        stream_worker = build_worker(
            settings,
            metrics=metrics,
            runner=extraction,
            datadir=Path(datadir),
            loop=loop,
            embedded_broker=embedded_broker,
        )
        services = [stream_worker.runtime]
        if extra_services is not None:
            services.extend(extra_services(stream_worker))
        worker = DatelineWorker(
            stream_worker.app,
            *services,
            health=stream_worker.health,
            loop=loop,
            loglevel=settings.log_level,
            logging_config=logging_config(settings, quiet_libraries=quiet_libraries),
            redirect_stdouts=False,
            quiet=True,
            shutdown_timeout=settings.shutdown_timeout_seconds,
        )
        try:
            worker.execute_from_commandline()
        except SystemExit as exc:
            code = exit_code(exc.code)
        else:  # pragma: no cover - execute_from_commandline always raises SystemExit
            code = 0
        finally:
            worker.cancel_watchdog()
    fatal = stream_worker.health.fatal_error
    if fatal:
        # A crashed agent stops the worker through the normal shutdown, which
        # exits 0; the supervisor must see a failure and restart it.
        code = code or 1
        print(f"dateline: worker stopped: {fatal}", file=sys.stderr)
    return code


def exit_code(code: object) -> int:
    """`SystemExit.code` as an integer exit status."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1
