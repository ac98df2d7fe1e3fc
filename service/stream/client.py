"""Command-line clients of the topics: publish article files, follow the events topic."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaError

from service.settings import Settings
from service.stream.coding import peek_article_id
from service.stream.connection import client_options

# The publisher is a transport tool: the worker, not the producer, decides
# what is too large (and dead-letters it), so allow records far past the limit.
PUBLISH_MAX_REQUEST_BYTES: Final = 16 * 1024 * 1024
# Sends in flight before waiting for acknowledgements, to bound memory.
PUBLISH_WINDOW: Final = 1000
PROGRESS_INTERVAL_SECONDS: Final = 0.2
PROGRESS_WIDTH: Final = 30


@dataclass
class PublishSummary:
    """What `publish` did, for the summary line and for callers."""

    topic: str
    published: int = 0
    bytes: int = 0
    blank: int = 0
    not_articles: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        rate = self.published / self.seconds if self.seconds > 0 else 0.0
        parts = [
            f"published {self.published} record(s), {_size(self.bytes)}, to {self.topic!r} "
            f"in {self.seconds:.2f} s ({rate:.0f}/s)"
        ]
        if self.blank:
            parts.append(f"skipped {self.blank} blank line(s)")
        if self.not_articles:
            parts.append(
                f"{self.not_articles} record(s) without an article id went as-is "
                "(the worker dead-letters what it cannot code)"
            )
        if self.failed:
            parts.append(f"{self.failed} record(s) FAILED: {'; '.join(self.errors[:3])}")
        return "; ".join(parts)


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KiB"
    return f"{count / 1024 / 1024:.1f} MiB"


def read_records(paths: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[bytes]:
    """Lines of the files (`-` is stdin), without their line ends, blank ones included."""
    for name in paths:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            for line in stream:
                yield line.rstrip(b"\r\n")
        else:
            with open(name, "rb") as handle:
                for line in handle:
                    yield line.rstrip(b"\r\n")


def count_lines(paths: Iterable[str]) -> int | None:
    """Total lines of the files, for the progress bar; None when reading stdin."""
    total = 0
    for name in paths:
        if name == "-":
            return None
        with open(name, "rb") as handle:
            total += sum(1 for _ in handle)
    return total


def usable_articles(lines: Iterable[bytes]) -> list[dict[str, Any]]:
    """The lines that are JSON objects with a string id (the benchmarks cycle through these)."""
    articles = []
    for line in lines:
        with contextlib.suppress(orjson.JSONDecodeError):
            value = orjson.loads(line)
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                articles.append(value)
    if not articles:
        raise ValueError("no usable articles (JSON objects with a string id) in the input")
    return articles


def record_key(line: bytes) -> bytes | None:
    """The article id as the record key, so one article always lands on one partition."""
    try:
        article_id = peek_article_id(orjson.loads(line))
    except orjson.JSONDecodeError:
        return None
    return article_id.encode() if article_id is not None else None


class Progress:
    """A one-line progress bar on a terminal; silent elsewhere (logs, pipes)."""

    def __init__(self, total: int | None, out: IO[str]) -> None:
        self._total = total
        self._out = out
        self._enabled = out.isatty()
        self._started = time.monotonic()
        self._last = 0.0

    def update(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self._enabled or (not force and now - self._last < PROGRESS_INTERVAL_SECONDS):
            return
        self._last = now
        rate = done / max(now - self._started, 1e-9)
        if self._total:
            filled = int(PROGRESS_WIDTH * min(done, self._total) / self._total)
            bar = "#" * filled + "." * (PROGRESS_WIDTH - filled)
            self._out.write(f"\r[{bar}] {done}/{self._total} ({rate:.0f}/s)")
        else:
            self._out.write(f"\r{done} record(s) ({rate:.0f}/s)")
        self._out.flush()

    def close(self) -> None:
        if self._enabled:
            self._out.write("\n")
            self._out.flush()


async def _start(client: AIOKafkaProducer | AIOKafkaConsumer) -> None:
    """Start an aiokafka client; one that cannot reach the broker is closed, not leaked."""
    try:
        await client.start()
    except BaseException:
        await client.stop()
        raise


async def publish_lines(
    settings: Settings,
    lines: Iterable[bytes],
    *,
    topic: str | None = None,
    total: int | None = None,
    progress_out: IO[str] | None = None,
    on_sent: Callable[[bytes | None, float], None] | None = None,
) -> PublishSummary:
    """Publish JSON lines as article records, keyed by article id; waits for every ack."""
    summary = PublishSummary(topic or settings.topic_articles)
    progress = Progress(total, progress_out or sys.stderr)
    producer = AIOKafkaProducer(
        **client_options(settings),
        acks="all",
        linger_ms=5,
        max_request_size=PUBLISH_MAX_REQUEST_BYTES,
    )
    await _start(producer)
    started = time.monotonic()
    pending: list[tuple[asyncio.Future[Any], int]] = []

    async def settle() -> None:
        for future, size in pending:
            try:
                await future
            except KafkaError as exc:
                summary.failed += 1
                summary.errors.append(f"{type(exc).__name__}: {exc}")
            else:
                summary.published += 1
                summary.bytes += size
        pending.clear()

    try:
        for line in lines:
            if not line.strip():
                summary.blank += 1
                continue
            key = record_key(line)
            if key is None:
                summary.not_articles += 1
            try:
                future = await producer.send(summary.topic, line, key=key)
            except KafkaError as exc:  # e.g. larger than the producer allows
                summary.failed += 1
                summary.errors.append(f"{type(exc).__name__}: {exc}")
                continue
            if on_sent is not None:
                on_sent(key, time.monotonic())
            pending.append((future, len(line)))
            if len(pending) >= PUBLISH_WINDOW:
                await settle()
            progress.update(summary.published + len(pending))
        await settle()
        progress.update(summary.published, force=True)
    finally:
        summary.seconds = time.monotonic() - started
        progress.close()
        await producer.stop()
    return summary


def actor_codes(actors: Any) -> str:
    """`CHN,PRK` from a list of actors: country, else organization, else name."""
    if not isinstance(actors, list) or not actors:
        return "?"
    codes = []
    for actor in actors:
        if isinstance(actor, dict):
            codes.append(
                str(actor.get("country") or actor.get("organization") or actor.get("name"))
            )
    return ",".join(codes) or "?"


def format_event(event: Any) -> str:
    """One readable line: date, type, source -> target, place, status, article."""
    if not isinstance(event, dict):
        return f"(not an event) {event!r}"
    date = event.get("date")
    value = date.get("value") if isinstance(date, dict) else None
    location = event.get("location")
    place = ""
    if isinstance(location, dict) and location.get("name"):
        country = location.get("country")
        place = f"{location['name']} ({country})" if country else str(location["name"])
    return (
        f"{value or '(no date)':<10}  {event.get('type', '?'):<21}  "
        f"{actor_codes(event.get('source'))} -> {actor_codes(event.get('target'))}"
        f"{'  at ' + place if place else ''}  [{event.get('status', '?')}]  "
        f"{event.get('article_id', '')}"
    )


def format_record(value: bytes | None, raw: bool) -> str:
    """A consumed event record as a pretty line, or its JSON as-is."""
    if value is None:
        return "(empty record)"
    if raw:
        return value.decode("utf-8", errors="replace")
    try:
        return format_event(orjson.loads(value))
    except orjson.JSONDecodeError:
        return f"(not JSON) {value[:200]!r}"


async def follow(
    settings: Settings,
    topics: list[str],
    handle: Callable[[str, bytes | None], bool],
    *,
    from_beginning: bool,
    idle_timeout: float | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Consume `topics` without a consumer group, calling `handle(topic, value)` per record.

    Returns when `handle` returns False, when nothing arrived for
    `idle_timeout` seconds, or when `stop` is set.
    """
    consumer = AIOKafkaConsumer(
        *topics,
        **client_options(settings),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
        max_partition_fetch_bytes=PUBLISH_MAX_REQUEST_BYTES,
    )
    await _start(consumer)
    try:
        last = time.monotonic()
        while stop is None or not stop.is_set():
            batches = await consumer.getmany(timeout_ms=200)
            if batches:
                last = time.monotonic()
            for partition, messages in batches.items():
                for message in messages:
                    if not handle(partition.topic, message.value):
                        return
            if idle_timeout is not None and time.monotonic() - last > idle_timeout:
                return
    finally:
        await consumer.stop()


async def tail(
    settings: Settings,
    *,
    topic: str | None,
    raw: bool,
    from_beginning: bool,
    max_records: int | None,
    idle_timeout: float | None,
    out: IO[str],
) -> int:
    """Print the events topic (or another) as it grows; returns the count printed."""
    printed = 0

    def handle(_topic: str, value: bytes | None) -> bool:
        nonlocal printed
        out.write(format_record(value, raw) + "\n")
        out.flush()
        printed += 1
        return max_records is None or printed < max_records

    await follow(
        settings,
        [topic or settings.topic_events],
        handle,
        from_beginning=from_beginning,
        idle_timeout=idle_timeout,
    )
    return printed


def article_files(paths: Iterable[str]) -> list[str]:
    """Check the files exist before connecting anywhere; `-` means stdin."""
    missing = [name for name in paths if name != "-" and not Path(name).is_file()]
    if missing:
        raise FileNotFoundError(f"no such file: {', '.join(missing)}")
    return list(paths)
