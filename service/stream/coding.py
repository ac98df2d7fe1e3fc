"""One input record's bytes in, either encoded events or a reason-coded rejection out.

This is the work an extraction process does, so it knows nothing of Kafka or
Faust: decode (UTF-8, then orjson), validate (pydantic `Article`), call the
pure core, and serialize the events. Everything it returns pickles cheaply,
because it crosses a process boundary. It never raises for bad input: every
failure becomes a `Rejected` with a dead-letter reason code.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Any, Final, Protocol

import orjson

from service.decoding import decode_article as decode_record
from service.extract.errors import ArticleRejected
from service.models import Article, DeadLetterReason, DiplomaticEvent, dumps

# A dead-letter message is one line for humans, not a dump of the input.
MAX_MESSAGE_CHARS: Final = 500


class ExtractorLike(Protocol):
    """What the stream layer needs from `service.extract.Extractor`."""

    @property
    def version(self) -> str: ...

    def extract(self, article: Article) -> list[DiplomaticEvent]: ...


@dataclass(frozen=True, slots=True)
class EncodedEvent:
    """An event ready for the wire, with the fields the metrics and headers need."""

    event_id: str
    type: str
    status: str
    payload: bytes


@dataclass(frozen=True, slots=True)
class Coded:
    """The core coded the article (possibly into zero events)."""

    article_id: str
    events: tuple[EncodedEvent, ...]
    extraction_seconds: float


@dataclass(frozen=True, slots=True)
class Rejected:
    """The record cannot be coded; `reason` is a dead-letter reason code."""

    reason: DeadLetterReason
    message: str
    exception_type: str | None = None
    article_id: str | None = None
    # Set when the core ran (and failed), so its time still shows in metrics.
    extraction_seconds: float | None = None


Outcome = Coded | Rejected


def one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """Collapse whitespace and cut to `limit` characters for a log or a dead letter."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def peek_article_id(value: Any) -> str | None:
    """The `id` of a decoded record when it is a usable string, else None."""
    if isinstance(value, dict):
        article_id = value.get("id")
        if isinstance(article_id, str) and 0 < len(article_id) <= 512:
            return article_id
    return None


def decode_article(raw: bytes) -> Article | Rejected:
    """Bytes to a validated `Article`, or the reason it is not one.

    The checks are `service.decoding`'s, shared with `dateline extract`, so
    the command line and the stream reject the same records for the same
    reasons; this adds the article id (when the record has one) and the type
    of the underlying error for the dead letter.
    """
    try:
        return decode_record(raw)
    except ArticleRejected as exc:
        cause = exc.__cause__
        article_id = None
        if exc.reason == "schema_violation":
            with contextlib.suppress(orjson.JSONDecodeError):
                article_id = peek_article_id(orjson.loads(raw))
        return Rejected(
            exc.reason,
            one_line(exc.message),
            type(cause).__name__ if cause is not None else None,
            article_id,
        )


def extract_article(extractor: ExtractorLike, article: Article) -> Outcome:
    """Run the core on a valid article; any failure of the core becomes a `Rejected`."""
    started = time.perf_counter()
    try:
        events = extractor.extract(article)
        encoded = tuple(
            EncodedEvent(event.event_id, event.type, event.status, dumps(event)) for event in events
        )
    except ArticleRejected as exc:
        return Rejected(
            exc.reason,
            one_line(f"article {article.id!r}: {exc.message}"),
            type(exc).__name__,
            article.id,
            time.perf_counter() - started,
        )
    except Exception as exc:  # the core is not allowed to take the stream down with it
        return Rejected(
            "extraction_error",
            one_line(f"article {article.id!r}: {type(exc).__name__}: {exc}"),
            type(exc).__name__,
            article.id,
            time.perf_counter() - started,
        )
    return Coded(article.id, encoded, time.perf_counter() - started)


def code_record(extractor: ExtractorLike, raw: bytes) -> Outcome:
    """The whole per-record job of an extraction process."""
    decoded = decode_article(raw)
    if isinstance(decoded, Rejected):
        return decoded
    return extract_article(extractor, decoded)
