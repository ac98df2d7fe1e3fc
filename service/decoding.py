"""Raw record bytes -> Article, with a dead-letter reason for every way it can fail.

Shared by the command line and the stream so both reject the same records
for the same reasons.
"""

from __future__ import annotations

import orjson
from pydantic import ValidationError

from service.extract.errors import ArticleRejected
from service.models import Article


def check_size(size: int, max_bytes: int | None) -> None:
    """Refuse a record of `size` bytes over the limit (None: no limit)."""
    if max_bytes is not None and size > max_bytes:
        raise ArticleRejected(
            "too_large", f"record is {size} bytes, more than the limit of {max_bytes}"
        )


def decode_article(data: bytes, max_bytes: int | None = None) -> Article:
    check_size(len(data), max_bytes)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleRejected("invalid_utf8", f"not UTF-8 at byte {exc.start}") from exc
    try:
        payload = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ArticleRejected("invalid_json", f"invalid JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise ArticleRejected(
            "not_an_object", f"expected a JSON object, got {type(payload).__name__}"
        )
    try:
        return Article.model_validate(payload)
    except ValidationError as exc:
        raise ArticleRejected("schema_violation", _describe(exc)) from exc


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(p) for p in error["loc"]) or "record"
        problems.append(f"{where}: {error['msg']}")
    return "; ".join(problems)
