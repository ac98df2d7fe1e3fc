"""From a record's bytes to events or a reason-coded rejection (what extraction processes run)."""

from __future__ import annotations

import orjson
import pytest
from service.models import Article, dumps
from service.stream.coding import Coded, Rejected, code_record, decode_article, one_line

from tests.stream.fakes import BOOM, FakeExtractor, article_bytes


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff\xfe{}", "invalid_utf8"),
        (b'{"id": "a", "body": "caf\xe9"}', "invalid_utf8"),  # Latin-1, not UTF-8
        (b"", "invalid_json"),
        (b'{"id": "a", "body": ', "invalid_json"),  # truncated
        (b"not json", "invalid_json"),
        (b"[1, 2]", "not_an_object"),
        (b'"text"', "not_an_object"),
        (b"null", "not_an_object"),
        (b'{"body": "no id"}', "schema_violation"),
        (b'{"id": "a"}', "schema_violation"),  # no body
        (b'{"id": "a", "body": 5}', "schema_violation"),
        (b'{"id": "", "body": "x"}', "schema_violation"),
        (b'{"id": "a", "body": "x", "published_at": "last Tuesday"}', "schema_violation"),
    ],
)
def test_bad_records_get_their_reason(raw: bytes, reason: str) -> None:
    outcome = decode_article(raw)
    assert isinstance(outcome, Rejected)
    assert outcome.reason == reason


def test_schema_violation_names_the_field() -> None:
    outcome = decode_article(b'{"id": "a", "body": 5}')
    assert isinstance(outcome, Rejected)
    assert outcome.message.count("body") == 1


def test_schema_violation_keeps_the_article_id() -> None:
    outcome = decode_article(b'{"id": "a-17", "body": 5}')
    assert isinstance(outcome, Rejected)
    assert outcome.article_id == "a-17"


def test_unknown_fields_are_accepted() -> None:
    outcome = decode_article(b'{"id": "a", "body": "x", "desk": "Asia", "priority": 3}')
    assert isinstance(outcome, Article)


def test_events_are_serialized_like_the_models(fake_extractor: FakeExtractor) -> None:
    raw = article_bytes("a", "Freedonia meets Sylvania.")
    outcome = code_record(fake_extractor, raw)
    expected = fake_extractor.extract(Article.model_validate_json(raw))
    assert isinstance(outcome, Coded)
    assert [event.payload for event in outcome.events] == [dumps(event) for event in expected]


def test_encoded_event_carries_id_type_and_status(fake_extractor: FakeExtractor) -> None:
    outcome = code_record(fake_extractor, article_bytes("a", "X meets Y"))
    assert isinstance(outcome, Coded)
    payload = orjson.loads(outcome.events[0].payload)
    first = outcome.events[0]
    assert (first.event_id, first.type, first.status) == (
        payload["event_id"],
        payload["type"],
        payload["status"],
    )


def test_article_without_events_is_coded(fake_extractor: FakeExtractor) -> None:
    outcome = code_record(fake_extractor, article_bytes("quiet", "Nothing happened."))
    assert isinstance(outcome, Coded)
    assert outcome.events == ()


def test_core_refusal_keeps_its_reason(fake_extractor: FakeExtractor) -> None:
    outcome = code_record(fake_extractor, article_bytes("a", "X meets Y", published_at=None))
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "no_publication_date"


def test_core_exception_is_an_extraction_error(fake_extractor: FakeExtractor) -> None:
    outcome = code_record(fake_extractor, article_bytes("a", f"X {BOOM}"))
    assert isinstance(outcome, Rejected)
    assert (outcome.reason, outcome.exception_type, outcome.article_id) == (
        "extraction_error",
        "RuntimeError",
        "a",
    )


def test_core_failures_report_extraction_time(fake_extractor: FakeExtractor) -> None:
    outcome = code_record(fake_extractor, article_bytes("a", f"X {BOOM}"))
    assert isinstance(outcome, Rejected)
    assert outcome.extraction_seconds is not None


def test_one_line_flattens_and_cuts() -> None:
    assert one_line("a\n  b\tc" + "x" * 600, limit=20) == "a b cxxxxxxxxxxxx..."
