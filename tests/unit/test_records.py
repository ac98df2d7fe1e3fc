"""Wire records: decoding with reasons, schemas in sync with the models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from service.decoding import decode_article
from service.extract import ArticleRejected
from service.schemas import SCHEMAS, render

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xff\xfe{}", "invalid_utf8"),
        (b'{"id": "a", "body": ', "invalid_json"),
        (b"[1, 2]", "not_an_object"),
        (b'{"body": "text"}', "schema_violation"),
        (b'{"id": "a", "body": 5}', "schema_violation"),
        (b'{"id": "a", "body": "x", "published_at": "yesterday"}', "schema_violation"),
        (b'{"id": "a", "body": "' + b"x" * 200 + b'"}', "too_large"),
    ],
)
def test_bad_records_get_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ArticleRejected) as caught:
        decode_article(data, max_bytes=100)
    assert caught.value.reason == reason


def test_unknown_fields_are_kept() -> None:
    article = decode_article(b'{"id": "a", "body": "x", "desk": "asia"}')
    assert article.model_dump()["desk"] == "asia"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_checked_in_schema_matches_model(name: str) -> None:
    path = SCHEMA_DIR / name
    assert path.is_file(), f"{path} missing: run `make schemas`"
    assert json.loads(path.read_text()) == json.loads(render(SCHEMAS[name])), (
        f"{name} is stale: run `make schemas`"
    )
