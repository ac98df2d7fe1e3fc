"""Properties of decoding and coding on arbitrary input: never raise, always a known outcome.

In process, on the real core, with modest example counts (the whole module
runs in seconds). Stronger than "a known reason": a valid article is never
an `extraction_error`, which would mean the core crashed on it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from service.decoding import decode_article
from service.extract import ArticleRejected, Extractor
from service.models import DEAD_LETTER_REASONS, DiplomaticEvent
from service.stream.coding import MAX_MESSAGE_CHARS, Coded, Outcome, Rejected, code_record

from tests.hostile.corpus import article

DECODING_REASONS = {"invalid_utf8", "invalid_json", "not_an_object", "schema_violation"}
CORE_REASONS = {"no_publication_date"}

# deadline=None: the core's time is bounded by the runners' budgets, not here.
few = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
some = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
# Pieces the core reacts to, so that generated bodies reach triggers, actors and dates.
SNIPPETS = [
    "Japan met China on Monday. ",
    "Foreign Minister Wang Yi visited South Korea last week. ",
    "Russia condemned the U.S. on Friday, he said. ",
    "TOKYO (AP) — ",
    "WASHINGTON, Jan. 26 (AP) — ",
    "Japan",
    " met ",
    "China",
    " on Monday",
    " last week",
    ". ",
    "\n",
    "Foreign Minister Wang Yi",
    " visited ",
    "South Korea",
    " condemned ",
    " he said",
    " they ",
    "U.S.",
    " 999999 weeks ago",
    " May 5, 2024",
    "!!!",
    "0000",
    "\u0000",
    "\u202e",
    "新华社",
]
bodies = st.lists(st.sampled_from(SNIPPETS) | st.text(max_size=12), max_size=40).map("".join)
timestamps = (
    st.dates().map(dt.date.isoformat)
    | st.datetimes().map(lambda d: d.isoformat() + "Z")
    | st.datetimes().map(lambda d: d.isoformat(timespec="seconds") + "+14:00")
    | st.text(max_size=25)
)
# Records of the article's shape: one kind with the right types (so they reach
# the core), one with any value in any field.
typed_articles = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=40), "body": bodies},
    optional={
        "published_at": timestamps,
        "headline": st.text(max_size=30),
        "language": st.sampled_from(["en", "zh", "ar"]),
        "extra": json_values,
    },
)
untyped_articles = st.fixed_dictionaries(
    {"id": json_values, "body": json_values},
    optional={"published_at": json_values, "headline": json_values, "language": json_values},
)
articles = typed_articles | untyped_articles


def check(outcome: Outcome) -> None:
    """A Coded outcome with well-formed events, or a Rejected with a known, short reason."""
    if isinstance(outcome, Coded):
        for event in outcome.events:
            parsed = DiplomaticEvent.model_validate_json(event.payload)
            assert (parsed.event_id, parsed.article_id) == (event.event_id, outcome.article_id)
        return
    assert isinstance(outcome, Rejected)
    assert outcome.reason in DEAD_LETTER_REASONS
    assert outcome.reason != "extraction_error", outcome.message
    assert "\n" not in outcome.message
    assert len(outcome.message) <= MAX_MESSAGE_CHARS


def encode(value: Any) -> bytes:
    # json, not orjson: it writes integers of any size, and lone surrogates as escapes.
    return json.dumps(value, allow_nan=False).encode("ascii")


@some
@given(raw=st.binary(max_size=400))
def test_any_bytes_code_to_a_known_outcome(extractor: Extractor, raw: bytes) -> None:
    check(code_record(extractor, raw))


@some
@given(value=json_values)
def test_any_json_value_codes_to_a_known_outcome(extractor: Extractor, value: Any) -> None:
    check(code_record(extractor, encode(value)))


@some
@given(record=articles)
def test_article_shaped_records_code_to_a_known_outcome(
    extractor: Extractor, record: dict[str, Any]
) -> None:
    check(code_record(extractor, encode(record)))


@few
@given(body=bodies, published=st.dates().map(dt.date.isoformat))
def test_valid_articles_are_coded_or_refused_for_want_of_a_date(
    extractor: Extractor, body: str, published: str
) -> None:
    outcome = code_record(extractor, article("p", body, published_at=published))
    assert isinstance(outcome, Coded) or outcome.reason in CORE_REASONS


@some
@given(data=st.data())
def test_damaged_good_records_code_to_a_known_outcome(
    extractor: Extractor, data: st.DataObject
) -> None:
    raw = bytearray(article("d", "TOKYO (AP) — Japan and China held talks on Wednesday."))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[at:]
            if not raw:
                break
        else:
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=4))
    check(code_record(extractor, bytes(raw)))


@some
@given(raw=st.binary(max_size=200) | json_values.map(encode) | articles.map(encode))
def test_decoding_raises_only_article_rejected_with_a_decoding_reason(raw: bytes) -> None:
    reason: str | None = None
    try:
        decoded = decode_article(raw, max_bytes=150)
    except ArticleRejected as exc:
        reason = exc.reason
    if reason is None:
        assert orjson.loads(raw)["id"] == decoded.id
    else:
        assert reason in DECODING_REASONS | {"too_large"}
        assert (reason == "too_large") == (len(raw) > 150)
