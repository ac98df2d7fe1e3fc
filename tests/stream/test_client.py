"""The publish and tail helpers: record keys, the event line format, summaries."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from service.stream.client import (
    Progress,
    PublishSummary,
    article_files,
    count_lines,
    format_event,
    format_record,
    read_records,
    record_key,
)

EVENT = {
    "article_id": "seed-ap-2024-01-26",
    "type": "visit",
    "status": "occurred",
    "source": [{"name": "Sun Weidong", "country": "CHN", "organization": None}],
    "target": [{"name": "North Korea", "country": "PRK", "organization": None}],
    "location": {"name": "Pyongyang", "country": "PRK"},
    "date": {"value": "2024-01-25"},
}


def test_event_line_has_date_type_dyad_place_status() -> None:
    line = format_event(EVENT)
    assert line.split() == [
        "2024-01-25",
        "visit",
        "CHN",
        "->",
        "PRK",
        "at",
        "Pyongyang",
        "(PRK)",
        "[occurred]",
        "seed-ap-2024-01-26",
    ]


def test_event_line_for_organizations_and_unknown_dates() -> None:
    event = {
        **EVENT,
        "type": "appeal",
        "source": [{"name": "United Nations", "country": None, "organization": "UN"}],
        "date": {"value": None},
        "location": None,
    }
    assert format_event(event).split()[:5] == ["(no", "date)", "appeal", "UN", "->"]


def test_raw_lines_are_the_json() -> None:
    assert format_record(b'{"a":1}', raw=True) == '{"a":1}'


def test_non_json_record_is_shown_not_fatal() -> None:
    assert format_record(b"\xff garbage", raw=False).startswith("(not JSON)")


@pytest.mark.parametrize(
    ("line", "key"),
    [
        (b'{"id": "a-1", "body": "x"}', b"a-1"),
        (b'{"body": "x"}', None),
        (b'{"id": 7}', None),
        (b"not json", None),
        (b"[]", None),
    ],
)
def test_record_key_is_the_article_id(line: bytes, key: bytes | None) -> None:
    assert record_key(line) == key


def test_read_records_keeps_blank_lines_for_counting(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": "a"}\r\n\n{"id": "b"}\n')
    assert list(read_records([str(path)])) == [b'{"id": "a"}', b"", b'{"id": "b"}']


def test_stdin_is_a_file_name(tmp_path: Path) -> None:
    assert list(read_records(["-"], stdin=io.BytesIO(b"x\ny\n"))) == [b"x", b"y"]


def test_count_lines_unknown_for_stdin(tmp_path: Path) -> None:
    assert count_lines(["-"]) is None


def test_missing_files_reported_before_connecting(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.jsonl"):
        article_files([str(tmp_path / "nope.jsonl")])


def test_summary_line_mentions_failures() -> None:
    summary = PublishSummary("articles", published=9, bytes=2048, blank=1, failed=1, seconds=0.5)
    summary.errors.append("MessageSizeTooLargeError: too big")
    line = summary.line()
    assert ("published 9 record(s)" in line, "skipped 1 blank" in line, "FAILED" in line) == (
        True,
        True,
        True,
    )


def test_progress_silent_off_a_terminal() -> None:
    out = io.StringIO()
    progress = Progress(10, out)
    progress.update(5, force=True)
    progress.close()
    assert out.getvalue() == ""
