"""`dateline run`: a worker on the embedded broker, fed the bundled samples, printing events.

Two small services ride along with the worker: one publishes the sample
articles once the worker is ready, the other prints every event (and each
article's coded or dead-letter record) as it reaches the output topics.
"""

from __future__ import annotations

import asyncio
import importlib.resources
import logging
from typing import IO, Any, Final

import orjson
from mode import Service

from service.settings import Settings
from service.stream.client import follow, format_record, publish_lines
from service.stream.health import Health

log = logging.getLogger(__name__)

SAMPLES_PACKAGE: Final = "service"
SAMPLES_PATH: Final = ("samples", "articles.jsonl")
READY_POLL_SECONDS: Final = 0.1


class SamplesMissing(FileNotFoundError):
    """The bundled sample articles are not installed."""


def bundled_samples() -> list[bytes]:
    """The sample articles shipped in the package (`service/samples/articles.jsonl`)."""
    resource = importlib.resources.files(SAMPLES_PACKAGE).joinpath(*SAMPLES_PATH)
    try:
        data = resource.read_bytes()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise SamplesMissing(
            "the bundled sample articles (service/samples/articles.jsonl) are missing; "
            "pass --articles FILE"
        ) from exc
    return [line for line in data.splitlines() if line.strip()]


class SampleFeed(Service):
    """Publishes the sample articles once, as soon as the worker is ready."""

    def __init__(
        self, settings: Settings, health: Health, lines: list[bytes], out: IO[str], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._settings = settings
        self._health = health
        self._lines = lines
        self._out = out
        self._task: asyncio.Task[None] | None = None

    async def on_start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._feed())

    async def _feed(self) -> None:
        while not self._health.ready:
            await asyncio.sleep(READY_POLL_SECONDS)
        summary = await publish_lines(self._settings, self._lines, progress_out=self._out)
        self._out.write(
            f"published {summary.published} sample article(s) to "
            f"{self._settings.topic_articles!r}; events follow as they are coded "
            "(Ctrl-C to stop)\n"
        )
        self._out.flush()

    async def on_stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            except Exception:  # reported, but it must not block the shutdown
                log.exception("publishing the samples failed")


class EventPrinter(Service):
    """Prints events, coded-article and dead-letter records as they arrive."""

    def __init__(self, settings: Settings, out: IO[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._settings = settings
        self._out = out
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def on_start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._print())

    def _handle(self, topic: str, value: bytes | None) -> bool:
        settings = self._settings
        if topic == settings.topic_events:
            line = "  " + format_record(value, raw=False)
        else:
            try:
                record = orjson.loads(value or b"null")
            except orjson.JSONDecodeError:
                record = None
            if not isinstance(record, dict):
                return True
            if topic == settings.topic_coded:
                line = f"coded {record.get('article_id')}: {record.get('event_count')} event(s)"
            else:
                line = (
                    f"dead-lettered {record.get('article_id')}: {record.get('reason')}: "
                    f"{record.get('message')}"
                )
        self._out.write(line + "\n")
        self._out.flush()
        return True

    async def _print(self) -> None:
        settings = self._settings
        await follow(
            settings,
            [settings.topic_events, settings.topic_coded, settings.topic_dlq],
            self._handle,
            # The embedded broker is new, so its topics hold only this run.
            from_beginning=True,
            stop=self._stop,
        )

    async def on_stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, 5.0)
            except (TimeoutError, asyncio.CancelledError):
                pass
            except Exception:
                log.exception("printing events failed")
