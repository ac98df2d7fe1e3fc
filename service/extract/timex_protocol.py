"""The JSON-lines protocol of ``shared/eval/score_timex.py``.

One JSON object per input line, ``{"doc_id", "dct", "dct_value", "text"}``,
gives one output line, ``{"doc_id", "timexes": [{"start", "end", "type",
"value"}]}``. A line that cannot be read yields ``{"doc_id", "error"}``
instead, so one bad document never stops a run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from service.extract.timex import TimexTagger


def run_protocol(lines: Iterable[str], tagger: TimexTagger) -> Iterator[str]:
    """Tag each non-blank input line; yield one output line (no newline) per input."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        yield json.dumps(_answer(number, line, tagger), ensure_ascii=False)


def _answer(number: int, line: str, tagger: TimexTagger) -> dict[str, Any]:
    doc_id: Any = None
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise ValueError("expected a JSON object")
        doc_id = record.get("doc_id")
        text = record.get("text")
        if not isinstance(text, str):
            raise ValueError("'text' must be a string")
        dct = _dct(record)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        return {"doc_id": doc_id, "error": f"line {number}: {exc}"}
    timexes = [
        {"start": t.start, "end": t.end, "type": t.type, "value": t.value}
        for t in tagger.tag(text, dct)
    ]
    return {"doc_id": doc_id, "timexes": timexes}


def _dct(record: dict[str, Any]) -> dt.date:
    """The document creation date: "dct", else the date part of "dct_value"."""
    for field in ("dct", "dct_value"):
        value = record.get(field)
        if isinstance(value, str) and len(value) >= 10:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    raise ValueError("no valid 'dct' (YYYY-MM-DD) in the record")
