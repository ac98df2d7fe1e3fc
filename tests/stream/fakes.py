"""Fake extraction cores with the real core's contract, for testing the stream layer.

The stream layer must not care what the core finds, only how it behaves: so
these fakes are tiny and predictable, and some misbehave on purpose (slow,
crashing, raising) when the article body asks them to. Factories are
module-level functions so extraction processes can import them by name.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from service.extract.errors import ArticleRejected
from service.models import Actor, Article, DiplomaticEvent, EventDate, Evidence
from service.stream.records import OutputRecord

FAKE_VERSION = "fake/1.0.0+test"
# Body markers that make the fake misbehave.
SLOW = "@@slow@@"
CRASH = "@@crash@@"
BOOM = "@@boom@@"
MEETS = " meets "


def fake_event(article: Article, index: int, start: int) -> DiplomaticEvent:
    """The event the fake core finds at `start` (one per ' meets ')."""
    return DiplomaticEvent(
        event_id=f"{article.id}#{index}",
        article_id=article.id,
        published_at=article.published_at,
        type="meeting" if index % 2 == 0 else "phone_call",
        cameo="040" if index % 2 == 0 else "041",
        plover="CONSULT",
        status="occurred",
        source=[Actor(name="Freedonia", country="FRD")],
        target=[Actor(name="Sylvania", country="SYL")],
        location=None,
        date=EventDate(value=None),
        evidence=Evidence(sentence=article.body, start=start, end=start + len(MEETS)),
        confidence=0.5,
        extractor=FAKE_VERSION,
    )


class FakeExtractor:
    """One event per occurrence of ' meets '; refuses articles without a date."""

    version = FAKE_VERSION

    def extract(self, article: Article) -> list[DiplomaticEvent]:
        body = article.body
        if SLOW in body:
            time.sleep(30)
        if CRASH in body:
            os._exit(3)  # a segfault or the OOM killer, as the parent sees it
        if BOOM in body:
            raise RuntimeError("the fake core tripped")
        if article.published_at is None:
            raise ArticleRejected("no_publication_date", "no published_at and no dateline date")
        events = []
        start = body.find(MEETS)
        while start >= 0:
            events.append(fake_event(article, len(events), start))
            start = body.find(MEETS, start + 1)
        return events


def load_fake_extractor() -> FakeExtractor:
    return FakeExtractor()


def load_broken_extractor() -> FakeExtractor:
    raise RuntimeError("resource file rules.toml: unknown function 'holiday'")


def article_bytes(article_id: str, body: str, published_at: str | None = "2024-01-26") -> bytes:
    """An article record as it travels on the wire."""
    return (
        Article(id=article_id, body=body, published_at=published_at)
        .model_dump_json(exclude_none=True)
        .encode()
    )


@dataclass
class RecordingPublisher:
    """Stands in for the broker: keeps what was published, in batches, in order."""

    batches: list[list[OutputRecord]] = field(default_factory=list)
    failures_left: int = 0
    # When set, publishing waits for it: the broker has not acknowledged yet.
    gate: asyncio.Event | None = None

    async def publish(self, records: Sequence[OutputRecord]) -> None:
        if self.gate is not None:
            await self.gate.wait()
        if self.failures_left > 0:
            self.failures_left -= 1
            raise ConnectionError("broker unreachable (fake)")
        self.batches.append(list(records))

    @property
    def records(self) -> list[OutputRecord]:
        return [record for batch in self.batches for record in batch]


class SleepyExtractor(FakeExtractor):
    """Takes `seconds` per article, then behaves like the fake core."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def extract(self, article: Article) -> list[DiplomaticEvent]:
        time.sleep(self.seconds)
        return super().extract(article)
