"""The hostile corpus through `dateline extract`: one report per bad line, events for the rest.

The corpus runs once, in a real subprocess, as one JSON-lines file. Cases that
cannot be one line of such a file (a record with a line break inside, or
only whitespace, which the command skips as blank) are covered by the stream
tests. The budget tests run `main()` in process with a fake core that
sleeps on demand, so nothing here depends on how fast the machine is.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import service.cli
from service.cli import _lines, main
from service.decoding import decode_article
from service.extract import ArticleRejected, Extractor
from service.models import dumps
from service.settings import ENV_PREFIX, Settings

from tests.hostile.corpus import CODED, DUPLICATE_ID, Case, article, corpus, repeated
from tests.stream.fakes import SLOW, FakeExtractor

ROOT = Path(__file__).resolve().parents[2]
MAX_BYTES = Settings.model_fields["max_article_bytes"].default
# A guard against a hang of the whole command, not a time bound under test:
# the corpus needs seconds, a hang would otherwise stall the suite.
HANG_GUARD_SECONDS = 600
REPORT = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<reason>[a-z0-9_]+): (?P<message>.+)$")


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.upper().startswith(ENV_PREFIX)}


@dataclass
class Run:
    path: Path
    cases: dict[int, Case]  # by line number
    returncode: int
    stdout: bytes
    stderr: str


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    cases = [case for case in corpus(MAX_BYTES) if case.line_safe]
    path = tmp_path_factory.mktemp("hostile") / "corpus.jsonl"
    path.write_bytes(b"".join(case.line for case in cases))
    done = subprocess.run(
        [sys.executable, "-m", "service", "extract", str(path)],
        cwd=ROOT,
        env=clean_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    numbered = dict(enumerate(cases, 1))
    return Run(path, numbered, done.returncode, done.stdout, done.stderr.decode("utf-8"))


def test_exit_status_says_some_lines_were_bad(run: Run) -> None:
    assert run.returncode == 1, run.stderr[-2000:]


def test_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.stderr


def test_every_stderr_line_is_one_report_naming_file_line_and_reason(run: Run) -> None:
    unparsed = [line for line in run.stderr.splitlines() if not REPORT.match(line)]
    assert unparsed == []


def test_one_report_per_bad_line_with_its_reason(run: Run) -> None:
    reports: dict[int, list[str]] = {}
    for line in run.stderr.splitlines():
        match = REPORT.match(line)
        assert match is not None, line
        assert match["file"] == str(run.path)
        reports.setdefault(int(match["line"]), []).append(match["reason"])
    expected = {n: [case.expected] for n, case in run.cases.items() if case.expected != CODED}
    assert reports == expected


def expected_events(extractor: Extractor, case: Case) -> list[bytes]:
    try:
        return [dumps(event) for event in extractor.extract(decode_article(case.raw))]
    except ArticleRejected:
        return []


def test_good_lines_events_on_stdout_in_input_order(run: Run, extractor: Extractor) -> None:
    wanted = [
        payload
        for case in run.cases.values()
        if case.expected == CODED
        for payload in expected_events(extractor, case)
    ]
    assert run.stdout.splitlines() == wanted


def test_reports_stay_short(run: Run) -> None:
    # A 100 KB bad field must not come back as a 100 KB stderr line.
    assert max(len(line) for line in run.stderr.splitlines()) <= len(str(run.path)) + 540


def test_duplicated_article_ids_are_both_coded_with_the_same_event_ids(
    run: Run, extractor: Extractor
) -> None:
    twin = next(c for c in run.cases.values() if c.name == "duplicated article id (first)")
    per_record = len(expected_events(extractor, twin))
    ids = [
        event["event_id"]
        for event in map(json.loads, run.stdout.splitlines())
        if event["article_id"] == DUPLICATE_ID
    ]
    # The twins are consecutive lines, so their events are the first two blocks.
    assert per_record > 0
    assert ids[:per_record] == ids[per_record : 2 * per_record]


# -- limits from Settings and flags ------------------------------------------------


@pytest.fixture
def fast_core(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> None:
    """The session's loaded core instead of loading one per call of main()."""
    monkeypatch.setattr(service.cli, "load_extractor", lambda: extractor)


@pytest.fixture(autouse=True)
def _no_dateline_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.upper().startswith(ENV_PREFIX):
            monkeypatch.delenv(name)


def reasons(err: str) -> list[str]:
    return [line.split(": ")[1] for line in err.splitlines()]


@pytest.mark.usefixtures("fast_core")
def test_max_bytes_flag_refuses_longer_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(article("big", "Japan met China. " * 200) + b"\n")
    assert main(["extract", "--max-bytes", "2048", str(path)]) == 1
    assert reasons(capsys.readouterr().err) == ["too_large"]


@pytest.mark.usefixtures("fast_core")
def test_max_bytes_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(article("big", "Japan met China. " * 200) + b"\n")
    monkeypatch.setenv("DATELINE_MAX_ARTICLE_BYTES", "2048")
    assert main(["extract", str(path)]) == 1
    assert reasons(capsys.readouterr().err) == ["too_large"]


@pytest.mark.usefixtures("fast_core")
def test_flag_overrides_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(article("big", "Japan met China. " * 200) + b"\n")
    monkeypatch.setenv("DATELINE_MAX_ARTICLE_BYTES", "2048")
    assert main(["extract", "--max-bytes", "65536", str(path)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (["--max-bytes", "10"], "--max-bytes or DATELINE_MAX_ARTICLE_BYTES"),
        (["--timeout", "0"], "--timeout or DATELINE_RECORD_TIMEOUT_SECONDS"),
    ],
)
def test_out_of_range_limits_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], named: str
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(article("a") + b"\n")
    assert main(["extract", *flags, str(path)]) == 2
    assert named in capsys.readouterr().err


def test_an_endless_line_is_not_held_in_memory() -> None:
    limit = 1024
    lines = list(_lines("f", io.BytesIO(b"x" * 5_000_000 + b"\r\n" + b"{}\n"), limit))
    assert [(n, len(text) <= limit + 3, size) for _, n, text, size in lines] == [
        (1, True, 5_000_001),  # the CR counts; the LF ends the line
        (2, True, 2),
    ]


def test_record_over_the_budget_is_reported_as_timeout_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake core sleeps 30 s on the SLOW marker and finds one event per " meets ".
    monkeypatch.setattr(service.cli, "load_extractor", FakeExtractor)
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        article("slow", f"X meets Y {SLOW}") + b"\n" + article("next", "X meets Y") + b"\n"
    )
    assert main(["extract", "--timeout", "0.5", str(path)]) == 1
    out, err = capsys.readouterr()
    assert (reasons(err), [line.split('"article_id":"')[1][:4] for line in out.splitlines()]) == (
        ["timeout"],
        ["next"],
    )


@pytest.mark.usefixtures("fast_core")
def test_the_budget_interrupts_the_real_core(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 100k characters of triggers take the core about a second; 10 ms cannot do.
    path = tmp_path / "a.jsonl"
    path.write_bytes(article("bait", repeated("met visited condemned urged talks ")) + b"\n")
    assert main(["extract", "--timeout", "0.01", str(path)]) == 1
    assert reasons(capsys.readouterr().err) == ["timeout"]
