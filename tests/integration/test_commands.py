"""The newcomer's `run` command and the stream benchmark, as a user runs them.

`run` starts its own embedded broker (none is configured here), so these
tests do not use the session broker.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from service.extract import ArticleRejected, Extractor
from service.models import Article
from service.settings import ENV_PREFIX
from service.stream.broker import free_port
from service.stream.client import format_event
from service.stream.quickstart import bundled_samples

from tests.integration.helpers import ROOT

pytestmark = pytest.mark.integration


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.upper().startswith(ENV_PREFIX)}


def expected_lines(extractor: Extractor) -> set[str]:
    """What `run` must print for the bundled samples, per the extraction core."""
    lines = set()
    for raw in bundled_samples():
        article = Article.model_validate_json(raw)
        try:
            events = extractor.extract(article)
        except ArticleRejected as exc:
            lines.add(f"dead-lettered {article.id}: {exc.reason}")
            continue
        lines.update("  " + format_event(event.model_dump(mode="json")) for event in events)
        lines.add(f"coded {article.id}: {len(events)} event(s)")
    return lines


def test_run_prints_the_sample_events_and_stops_on_ctrl_c(
    tansu: str, extractor: Extractor, tmp_path: Path
) -> None:
    wanted = expected_lines(extractor)
    with open(tmp_path / "run.err", "wb") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.stream", "run", "--web-port", str(free_port())],
            env=clean_env(),
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.decode().rstrip("\n"))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    seen: set[str] = set()
    deadline = time.monotonic() + 90
    try:
        while not wanted <= seen and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1.0)
            except queue.Empty:
                continue
            # Dead-letter lines end with the message; compare up to the reason.
            seen.add(
                line if not line.startswith("dead-lettered") else ": ".join(line.split(": ")[:2])
            )
        process.send_signal(signal.SIGINT)
        code = process.wait(60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(10)  # ends at the pipe's end of file, once the process is gone
        assert process.stdout is not None
        process.stdout.close()
    assert (sorted(wanted - seen), code) == ([], 0)


@pytest.mark.slow
def test_stream_bench_reports_both_rates(tansu: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "service.stream", "bench", "--articles", "60"],
        env=clean_env(),
        cwd=ROOT,
        capture_output=True,
        timeout=180,
        check=False,
    )
    last = result.stdout.decode().strip().splitlines()[-1] if result.stdout.strip() else ""
    pattern = r"e2e_per_s=[0-9.]+ passthrough_per_s=[0-9.]+ ratio=[0-9.]+ p99_ms=[0-9.]+"
    assert (result.returncode, re.fullmatch(pattern, last) is not None) == (0, True), result.stderr[
        -2000:
    ]
