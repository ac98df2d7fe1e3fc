"""The Faust application: built from `Settings`, with the coding agent and its runtime.

`build_worker` wires one worker process: metrics on an injected registry, the
health state and server, the extraction runner, the record processor, and the
Faust app whose agent feeds consumed records to the processor. Offsets are
acknowledged by hand, only once every output of the record and of every
earlier record of its partition was acknowledged by the broker
(`service.stream.acks`), which is what makes delivery at-least-once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol, cast

import faust
from faust.types import AgentT, EventT, StreamT, TopicT
from mode import Service

import service
from service.metrics import Metrics
from service.settings import Settings
from service.stream.acks import InOrderAcks
from service.stream.connection import (
    ConfigurationRefused,
    broker_reachable,
    check_processing_guarantee,
    create_topics,
    faust_credentials,
    retry_with_backoff,
)
from service.stream.health import Health, HealthServer
from service.stream.processor import InputRecord, RecordProcessor, RecordResult
from service.stream.records import OutputRecord
from service.stream.runner import ExtractionRunner, ExtractorLoadError

log = logging.getLogger(__name__)

AGENT_NAME: Final = "dateline.code_articles"
PUBLISH_BACKOFF_MAX_SECONDS: Final = 10.0
LAG_INTERVAL_SECONDS: Final = 5.0
# Faust waits this long for a publish before it fails; its default is 20
# minutes, which would hide a broker outage from the retry loop and the logs.
PRODUCER_REQUEST_TIMEOUT_SECONDS: Final = 30.0
CRASH_EXIT_SECONDS: Final = 5.0


def faust_options(settings: Settings, *, datadir: Path) -> dict[str, Any]:
    """Every Faust setting the service relies on, explicitly (Faust reads no environment)."""
    if not settings.brokers:
        raise ConfigurationRefused("no Kafka broker configured (DATELINE_BROKERS)")
    return {
        # An empty environment: Faust would otherwise let unprefixed variables
        # such as WEB_PORT or BROKER_URL override what is passed here.
        "env": {},
        "broker": [f"kafka://{server}" for server in settings.brokers],
        "broker_credentials": faust_credentials(settings),
        "processing_guarantee": settings.processing_guarantee,
        "autodiscover": False,
        "datadir": str(datadir),
        "store": "memory://",
        "topic_partitions": settings.topic_partitions,
        "topic_replication_factor": settings.topic_replication_factor,
        # The service creates its topics itself, with the configured partitions;
        # the leader topic would be one more topic for no use (no tables, timers
        # run on every worker).
        "topic_allow_declare": False,
        "topic_disable_leader": True,
        # Health and /metrics have their own server (service.stream.health).
        "web_enabled": False,
        "broker_session_timeout": settings.session_timeout_seconds,
        "broker_heartbeat_interval": settings.heartbeat_interval_seconds,
        "broker_commit_interval": settings.commit_interval_seconds,
        "consumer_auto_offset_reset": "earliest",
        # A dead letter carries the original record base64-encoded at worst.
        "producer_max_request_size": max(1_048_576, settings.max_article_bytes * 2 + 65_536),
        "consumer_max_fetch_size": max(1_048_576, settings.max_article_bytes + 65_536),
        "producer_request_timeout": PRODUCER_REQUEST_TIMEOUT_SECONDS,
        "producer_acks": -1,
        "worker_redirect_stdouts": False,
    }


class Publisher(Protocol):
    """Produces records and returns once the broker acknowledged all of them."""

    async def publish(self, records: Sequence[OutputRecord]) -> None: ...


class FaustPublisher:
    """Produces output records and waits for the broker's acknowledgement, retrying forever.

    A record whose outputs cannot be published must not be acknowledged, and
    skipping it would lose it: so a failing publish is retried with backoff
    (logged, counted, and shown by readiness) until it succeeds or the worker
    stops. Retried outputs carry the same keys and event ids as the first try.
    """

    def __init__(
        self, app: faust.App, settings: Settings, metrics: Metrics, health: Health
    ) -> None:
        self._app = app
        self._metrics = metrics
        self._health = health
        self._topics: dict[str, TopicT] = {}
        # Under exactly_once each output must join the transaction of its
        # source partition, which Faust's Topic.send arranges; otherwise the
        # producer is used directly, skipping Faust's per-message machinery
        # (measured: about a fifth less CPU per article in the main process).
        self._transactional = settings.processing_guarantee == "exactly_once"

    def _topic(self, name: str) -> TopicT:
        topic = self._topics.get(name)
        if topic is None:
            topic = self._app.topic(name, key_serializer="raw", value_serializer="raw")
            self._topics[name] = topic
        return topic

    async def _send(self, record: OutputRecord) -> Awaitable[Any]:
        """Hand one record to the producer; the result resolves on the broker's ack."""
        if self._transactional:
            return await self._topic(record.topic).send(
                key=record.key, value=record.value, headers=list(record.headers)
            )
        return await self._app.producer.send(
            record.topic, record.key, record.value, None, None, list(record.headers)
        )

    async def publish(self, records: Sequence[OutputRecord]) -> None:
        delay = 0.2
        while True:
            try:
                await asyncio.gather(*[await self._send(record) for record in records])
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self._metrics.publish_retries.inc()
                self._health.update(publishing_ok=False)
                log.warning(
                    "publishing %d record(s) failed, retrying in %.1f s: %s: %s",
                    len(records),
                    delay,
                    type(exc).__name__,
                    exc,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, PUBLISH_BACKOFF_MAX_SECONDS)
                continue
            if not self._health.publishing_ok:
                self._health.update(publishing_ok=True)
            return


@dataclass
class StreamWorker:
    """Everything one worker process holds, wired together."""

    settings: Settings
    metrics: Metrics
    health: Health
    server: HealthServer
    runner: ExtractionRunner
    processor: RecordProcessor
    app: faust.App
    agent: AgentT[bytes]
    runtime: Service
    embedded_broker: bool


def articles_topic(app: faust.App, settings: Settings) -> TopicT:
    """The input topic as raw bytes: decoding is the processor's job, so a bad
    record reaches it (and the dead-letter topic) instead of failing in Faust."""
    return app.topic(
        settings.topic_articles,
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
        partitions=settings.topic_partitions,
        replicas=settings.topic_replication_factor,
    )


def build_worker(
    settings: Settings,
    *,
    metrics: Metrics,
    runner: ExtractionRunner,
    datadir: Path,
    loop: asyncio.AbstractEventLoop | None = None,
    embedded_broker: bool = False,
    publisher: Publisher | None = None,
    on_agent_crash: Callable[[BaseException], None] | None = None,
) -> StreamWorker:
    """Wire a worker; nothing starts or connects until the Faust worker runs it.

    `on_agent_crash` is called when the coding agent dies of an unexpected
    error; by default it asks this process to stop (SIGTERM to itself, the
    same graceful path as an orchestrator's), and `run_worker` exits 1.
    """
    on_agent_crash = on_agent_crash or stop_this_process
    health = Health(metrics)
    server = HealthServer(settings, health, metrics)
    processor = RecordProcessor(settings, runner, metrics, extractor_version="unknown")
    app = faust.App(settings.group_id, loop=loop, **faust_options(settings, datadir=datadir))
    out = publisher or FaustPublisher(app, settings, metrics, health)
    articles = articles_topic(app, settings)
    acks = InOrderAcks(settings.topic_articles)
    app.sensors.add(acks)

    async def code_articles(stream: StreamT[bytes]) -> AsyncIterator[RecordResult]:
        # Manual acks: Faust would acknowledge a record as soon as the loop
        # body finished, even when it ended by an exception or cancellation.
        manual = cast("faust.Stream[bytes]", stream).noack()
        event: EventT[bytes]
        try:
            async for event in manual.events():
                message = event.message
                record = InputRecord(
                    message.key, message.value, message.topic, message.partition, message.offset
                )
                result = await processor.handle(record, out.publish)
                for done in acks.finished(event):
                    await manual.ack(done)
                yield result
        except Exception as exc:
            # Per-record failures never get here (they are dead-lettered): this
            # is a bug. Restarting the actor would leave the record in hand
            # unacknowledged, holding back every later commit of its partition
            # until the next restart; so the whole worker stops, exits non-zero
            # for its supervisor, and the record is redelivered to a fresh one.
            metrics.agent_crashes.inc()
            error = f"{type(exc).__name__}: {exc}"
            health.update(last_agent_error=error, fatal_error=f"coding agent crashed: {error}")
            log.critical("coding agent crashed; stopping the worker: %r", exc, exc_info=exc)
            on_agent_crash(exc)
            raise

    agent: AgentT[bytes] = app.agent(articles, name=AGENT_NAME, concurrency=settings.max_in_flight)(
        code_articles
    )

    def on_assigned(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
        assigned: set[Any] = args[0]
        partitions = frozenset(
            tp.partition for tp in assigned if tp.topic == settings.topic_articles
        )
        health.update(assigned=True, partitions=partitions)
        for stale in set(_lag_partitions(metrics)) - {str(p) for p in partitions}:
            metrics.consumer_lag.remove(stale)
        log.info("assigned partitions %s of %s", sorted(partitions), settings.topic_articles)

    app.on_partitions_assigned.connect(on_assigned)

    def on_revoked(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
        revoked: set[Any] = args[0]
        for done in acks.forget(revoked):
            done.ack()

    app.on_partitions_revoked.connect(on_revoked)

    runtime = StreamRuntime(
        settings=settings,
        health=health,
        server=server,
        runner=runner,
        processor=processor,
        metrics=metrics,
        app=app,
        embedded_broker=embedded_broker,
        loop=loop,
    )
    return StreamWorker(
        settings=settings,
        metrics=metrics,
        health=health,
        server=server,
        runner=runner,
        processor=processor,
        app=app,
        agent=agent,
        runtime=runtime,
        embedded_broker=embedded_broker,
    )


def stop_this_process(exc: BaseException) -> None:
    """Stop this worker as an orchestrator's SIGTERM would, but exit 1 within
    `CRASH_EXIT_SECONDS`: the shutdown drains in-flight records, and the one
    the agent died on can never be acknowledged, so the drain would wait for
    it until the shutdown timeout. Other records get that long to finish."""
    exit_after(CRASH_EXIT_SECONDS, 1, "the coding agent crashed")
    os.kill(os.getpid(), signal.SIGTERM)


def exit_after(seconds: float, status: int, why: str) -> threading.Timer:
    """End the process with `status` in `seconds` unless the timer is cancelled.

    A thread, not a task: a stop stuck on a dead broker may hold the event
    loop. Leaving hard loses nothing: offsets are committed only for records
    whose outputs were acknowledged, so whatever was in flight is redelivered.
    """

    def leave() -> None:
        log.critical("%s; exiting with status %d", why, status)
        logging.shutdown()
        os._exit(status)

    timer = threading.Timer(seconds, leave)
    timer.daemon = True
    timer.start()
    return timer


def _lag_partitions(metrics: Metrics) -> list[str]:
    """Partition labels that currently have a lag series."""
    return [
        sample.labels["partition"]
        for family in metrics.consumer_lag.collect()
        for sample in family.samples
    ]


class StreamRuntime(Service):
    """Starts before the Faust app and stops after it.

    Order on start: health server (so a waiting worker is visible), the
    extraction core (readiness needs it), topic creation (which waits for the
    broker, with backoff), the processing-guarantee check, then the broker
    probe and lag updates. Faust then starts the producer, consumer and agent.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        health: Health,
        server: HealthServer,
        runner: ExtractionRunner,
        processor: RecordProcessor,
        metrics: Metrics,
        app: faust.App,
        embedded_broker: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.settings = settings
        self.health = health
        self.server = server
        self.runner = runner
        self.processor = processor
        self.metrics = metrics
        self.app = app
        self.embedded_broker = embedded_broker
        self._background: asyncio.Task[None] | None = None

    async def on_start(self) -> None:
        try:
            await self._start()
        except (ConfigurationRefused, ExtractorLoadError) as exc:
            # Cannot work: say why in one line (health, log, exit message).
            self.health.update(fatal_error=str(exc))
            log.critical("cannot start: %s", exc)
            raise

    async def _start(self) -> None:
        settings = self.settings
        await self.server.start()
        version = await self.runner.start()
        self.processor.extractor_version = version
        self.metrics.set_build_info(version=service.__version__, extractor=version)
        self.health.update(core_loaded=True, extractor=version)

        def broker_down(exc: BaseException) -> None:
            self.health.update(broker_reachable=False)

        # Topics first: it waits for the broker, with backoff, however long it
        # takes; the guarantee check then talks to a broker that answers.
        await retry_with_backoff(
            "creating topics", lambda: create_topics(settings), on_failure=broker_down
        )
        self.health.update(broker_reachable=True)
        await check_processing_guarantee(settings, embedded=self.embedded_broker)
        self._background = asyncio.get_running_loop().create_task(self._watch())

    async def on_stop(self) -> None:
        self.health.update(stopping=True)
        if self._background is not None:
            self._background.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._background
        await self.runner.stop()
        await self.server.stop()

    async def _watch(self) -> None:
        """Probe the broker for readiness and refresh consumer lag, forever."""
        interval = self.settings.broker_probe_interval_seconds
        next_lag = 0.0
        loop = asyncio.get_running_loop()
        while True:
            try:
                reachable = await broker_reachable(self.settings)
                if reachable != self.health.broker_reachable:
                    log.log(
                        logging.INFO if reachable else logging.WARNING,
                        "broker %s",
                        "reachable again" if reachable else "unreachable",
                    )
                    self.health.update(broker_reachable=reachable)
                if loop.time() >= next_lag and self.health.assigned:
                    next_lag = loop.time() + LAG_INTERVAL_SECONDS
                    self._update_lag()
            except Exception:  # a dead watcher would freeze readiness: log and go on
                log.exception("health watch failed; retrying")
            await asyncio.sleep(interval)

    def _update_lag(self) -> None:
        """Lag = high watermark (from fetch responses) minus the committed offset.

        The high watermark comes with every fetch response, so it is right even
        on brokers whose ListOffsets answer is not (the embedded one).
        """
        try:
            consumer = self.app.consumer
            assignment = consumer.assignment()
        except Exception:  # the consumer is not up yet, or is rebalancing
            return
        # Faust keeps the group's committed offsets here and offers no public
        # accessor; without one (another Faust version) lag is simply not shown.
        committed: dict[Any, int | None] = getattr(consumer, "_committed_offset", {})
        for tp in assignment:
            if tp.topic != self.settings.topic_articles:
                continue
            try:
                highwater = consumer.highwater(tp)
            except Exception:
                continue
            position = committed.get(tp)
            if highwater is None or highwater < 0 or position is None:
                continue
            self.metrics.consumer_lag.labels(partition=str(tp.partition)).set(
                max(0, highwater - position)
            )
