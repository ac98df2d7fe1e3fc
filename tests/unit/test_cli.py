"""The command line: bad lines are reported and skipped, the output contract holds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from service.cli import main

GOOD = {
    "id": "cli-1",
    "published_at": "2024-03-15",
    "body": "TOKYO (AP) — Japan and South Korea held talks in Tokyo on Wednesday.",
}


def test_extract_reports_bad_lines_and_keeps_going(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        "\n".join(
            [
                "{not json",
                json.dumps({"id": "x", "body": "no date anywhere (AP) — Japan met China."}),
                json.dumps(GOOD),
                json.dumps({"body": "no id"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["extract", str(articles)]) == 1
    out, err = capsys.readouterr()
    events = [json.loads(line) for line in out.splitlines()]
    assert [e["article_id"] for e in events] == ["cli-1"]
    assert events[0]["type"] == "meeting"
    problems = err.splitlines()
    assert [p.split(": ")[1] for p in problems] == [
        "invalid_json",
        "no_publication_date",
        "schema_violation",
    ]
    assert problems[0].startswith(f"{articles}:1:")


def test_extract_exits_zero_when_every_line_is_good(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps(GOOD) + "\n\n", encoding="utf-8")
    assert main(["extract", str(articles)]) == 0
    assert capsys.readouterr().err == ""


def test_extract_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "/nonexistent/articles.jsonl"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_timex_protocol_through_the_console_script() -> None:
    document = {
        "doc_id": "d1",
        "dct": "2024-01-26",
        "dct_value": "2024-01-26",
        "text": "He left on Thursday.",
    }
    run = subprocess.run(
        [sys.executable, "-m", "service", "timex"],
        input=json.dumps(document) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    (line,) = run.stdout.splitlines()
    result = json.loads(line)
    assert result["doc_id"] == "d1"
    assert [(t["value"], document["text"][t["start"] : t["end"]]) for t in result["timexes"]] == [
        ("2024-01-25", "Thursday")
    ]


def test_bench_prints_the_contract_line(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    # a subprocess, because the benchmark pins its process to one core
    run = subprocess.run(
        [sys.executable, "-m", "service", "bench", str(articles), "--seconds", "0.2"],
        capture_output=True,
        text=True,
        check=True,
    )
    last = run.stdout.strip().splitlines()[-1]
    figures = dict(item.split("=") for item in last.split())
    assert set(figures) == {"articles_per_s", "peak_rss_mb"}
    assert float(figures["articles_per_s"]) > 0
