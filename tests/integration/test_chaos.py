"""`dateline chaos`, small: workers SIGKILLed mid-stream lose nothing (issue 5's crash test).

Run larger by hand: `dateline chaos --articles 5000 --kills 5 --input tests/golden/articles.jsonl`.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from service.stream.broker import EmbeddedBroker

from tests.integration.helpers import ROOT

pytestmark = pytest.mark.integration

SUMMARY = re.compile(r"^articles=(\d+) missing=(\d+) duplicates=(\d+) dead_letters=(\d+)$")


def test_killed_workers_lose_no_article(broker: EmbeddedBroker) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "service.stream",
            "chaos",
            "--articles",
            "300",
            "--kills",
            "2",
            "--brokers",
            broker.address,
            "--input",
            str(ROOT / "tests" / "golden" / "articles.jsonl"),
            "--seed",
            "11",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = run.stdout.strip().splitlines()
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    summary = SUMMARY.match(lines[-1])
    assert summary is not None, lines
    articles, missing, _, dead_letters = (int(g) for g in summary.groups())
    assert (articles, missing) == (300, 0)
    bad = re.search(r"^bad records: (\d+) published, 0 coded instead", run.stdout, re.M)
    assert bad is not None
    assert dead_letters == int(bad.group(1)) > 0  # every bad record, once
    assert "wrong dead-letter reasons: 0" in lines
    assert "kill 2: SIGKILL" in run.stderr
    assert re.search(r"corrupt=0 unlisted_events=0", run.stdout)
