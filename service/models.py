"""Records on the wire, exactly as `shared/spec/event-model.md` defines them.

These models are the contract with upstream feeds and downstream consumers:
the JSON Schemas in `schemas/` are generated from them, and a test fails when
the two drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION: Final = 1

EventType = Literal[
    "visit",
    "meeting",
    "phone_call",
    "negotiation",
    "mediation",
    "agreement",
    "invitation",
    "relations_established",
    "relations_cut",
    "sanctions",
    "expulsion",
    "talks_suspended",
    "appeal",
    "condemnation",
]
EVENT_TYPES: Final[tuple[str, ...]] = EventType.__args__  # type: ignore[attr-defined]

Status = Literal["occurred", "ongoing", "planned", "cancelled", "hypothetical"]
STATUSES: Final[tuple[str, ...]] = Status.__args__  # type: ignore[attr-defined]

Granularity = Literal["day", "week", "month", "season", "quarter", "year"]
DateBasis = Literal["explicit", "relative", "inherited", "publication"]

DeadLetterReason = Literal[
    "invalid_utf8",
    "invalid_json",
    "not_an_object",
    "schema_violation",
    "too_large",
    "no_publication_date",
    "extraction_error",
    "timeout",
]
DEAD_LETTER_REASONS: Final[tuple[str, ...]] = DeadLetterReason.__args__  # type: ignore[attr-defined]


class Article(BaseModel):
    """An input article. `id` and `body` are required; unknown fields are kept."""

    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=False)

    id: str = Field(min_length=1, max_length=512)
    body: str
    published_at: str | None = Field(
        default=None, description="RFC 3339 date-time or a plain YYYY-MM-DD date"
    )
    headline: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None

    @field_validator("published_at")
    @classmethod
    def _parseable_timestamp(cls, value: str | None) -> str | None:
        if value is not None and parse_timestamp(value) is None:
            # A preview: the message goes to one log or stderr line, whatever the input.
            preview = repr(value[:40]) + ("..." if len(value) > 40 else "")
            raise ValueError(f"not an RFC 3339 date-time or YYYY-MM-DD date: {preview}")
        return value


class Actor(BaseModel):
    """A state actor or an intergovernmental organization taking part in an event."""

    model_config = ConfigDict(frozen=True)

    name: str
    title: str | None = None
    country: str | None = Field(
        default=None, pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3"
    )
    organization: str | None = Field(default=None, description="short code of an IGO, e.g. UN")


class EventDate(BaseModel):
    """When the event happened (or starts), as a TimeML value."""

    model_config = ConfigDict(frozen=True)

    value: str | None = Field(
        description="TimeML value, e.g. 2024-01-25, 2024-W04, 2023-12; null if unknown"
    )
    granularity: Granularity | None = None
    start: dt.date | None = Field(default=None, description="first calendar day the value covers")
    end: dt.date | None = Field(default=None, description="last calendar day the value covers")
    basis: DateBasis | None = None
    text: str | None = Field(default=None, description="the time expression the date came from")


class Location(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")


class Evidence(BaseModel):
    """Where in the article body the event is stated (character offsets)."""

    model_config = ConfigDict(frozen=True)

    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    trigger: str | None = Field(default=None, description="the words that name the event")


class DiplomaticEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    schema_version: Literal[1] = SCHEMA_VERSION
    event_id: str
    article_id: str
    published_at: str | None
    type: EventType
    cameo: str
    plover: str
    status: Status
    source: list[Actor] = Field(min_length=1)
    target: list[Actor] = Field(min_length=1)
    location: Location | None = None
    date: EventDate
    evidence: Evidence
    confidence: float = Field(ge=0.0, le=1.0)
    extractor: str


class CodedArticle(BaseModel):
    """Audit record on the coded-articles topic: this article was coded, with these events.

    It lets consumers tell an article with no events from one not processed
    yet. One per article and processing; a redelivered article gets another,
    with the same event ids.
    """

    model_config = ConfigDict(frozen=True)

    schema_version: Literal[1] = SCHEMA_VERSION
    article_id: str
    event_count: int = Field(ge=0)
    event_ids: list[str]
    extractor: str
    processing_ms: float = Field(ge=0, description="consumption to outputs ready, milliseconds")


class DeadLetter(BaseModel):
    """A rejected input record, with everything needed to replay or diagnose it."""

    model_config = ConfigDict(frozen=True)

    schema_version: Literal[1] = SCHEMA_VERSION
    reason: DeadLetterReason
    message: str
    exception_type: str | None = None
    original: str = Field(description="the record's bytes: UTF-8 text, or base64 when not UTF-8")
    original_encoding: Literal["utf-8", "base64"]
    article_id: str | None = None
    source_topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    timestamp: dt.datetime
    extractor: str


def parse_timestamp(value: str) -> dt.datetime | dt.date | None:
    """Parse an RFC 3339 date-time or a plain date; None when it is neither."""
    text = value.strip()
    if len(text) == 10:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def dumps(record: BaseModel) -> bytes:
    """Serialize a wire record to compact JSON bytes through orjson."""
    return orjson.dumps(record.model_dump(mode="json"))


def loads_json(data: bytes | str) -> Any:
    """Decode JSON through orjson (raises orjson.JSONDecodeError, a ValueError)."""
    return orjson.loads(data)
