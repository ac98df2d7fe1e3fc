"""JSON Schemas of the wire records, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from service.models import Article, CodedArticle, DeadLetter, DiplomaticEvent

SCHEMAS: dict[str, type[BaseModel]] = {
    "article.v1.json": Article,
    "diplomatic-event.v1.json": DiplomaticEvent,
    "dead-letter.v1.json": DeadLetter,
    "coded-article.v1.json": CodedArticle,
}


def render(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written
