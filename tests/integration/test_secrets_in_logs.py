"""The real worker process never prints its SASL password, in either log format.

Two workers (text and JSON logs, DEBUG level so that Faust and aiokafka say
all they would) start with a sentinel password and a broker address nobody
listens on, so they log their start, their retries and, on SIGTERM, their
shutdown. While they retry, their /health and /metrics pages are read too.
No broker is needed, so these tests carry no `integration` marker; they are
`slow` because each worker first loads the real extraction core (about 7 s of
CPU), which is the point: this is the production command, unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from service.settings import Settings
from service.stream.broker import free_port

from tests.integration.helpers import WorkerProcess

pytestmark = pytest.mark.slow

SENTINEL = "pw-SENTINEL-worker-5b1e"
RETRY_LINE = "creating topics failed, retrying"
PAGES = ("/", "/health/live", "/health/ready", "/metrics")
# Generous: the worker first starts its extraction process, slow on a busy machine.
RETRYING_TIMEOUT = 90.0


@dataclass
class Run:
    log: str
    pages: dict[str, str]
    exit_code: int


def _settings(log_format: str) -> Settings:
    return Settings(
        brokers=f"127.0.0.1:{free_port()}",  # free now, so nothing answers there
        sasl_mechanism="SCRAM-SHA-512",
        sasl_username="dateline-svc",
        sasl_password=SENTINEL,
        web_port=free_port(),
        extraction_workers=1,
        log_level="DEBUG",
        log_format=log_format,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    logs = tmp_path_factory.mktemp("secret-logs")
    # Both formats at once: each worker waits mostly on its extraction process.
    workers = {
        log_format: WorkerProcess(_settings(log_format), logs, f"secret-{log_format}").start()
        for log_format in ("text", "json")
    }
    try:
        results = {}
        for log_format, worker in workers.items():
            # Two retries: the connection attempt, its failure and the backoff were logged.
            worker.wait_until(
                lambda w=worker: w.log_path.read_text(errors="replace").count(RETRY_LINE) >= 2,
                RETRYING_TIMEOUT,
                "the worker to retry the unreachable broker",
            )
            pages = {}
            for path in PAGES:
                answer = worker.get(path)
                assert answer is not None, f"{path} did not answer: {worker.log_tail()}"
                pages[path] = answer[1]
            code = worker.stop()
            results[log_format] = Run(worker.log_path.read_text(errors="replace"), pages, code)
        yield results
    finally:
        for worker in workers.values():
            worker.kill()


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_worker_output_never_holds_the_password(runs: dict[str, Run], log_format: str) -> None:
    run = runs[log_format]
    # The log is the real thing: start, library debug lines, retries, shutdown.
    assert (
        "health and metrics on" in run.log,
        "aiokafka" in run.log,
        SENTINEL in run.log,
    ) == (True, True, False)


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_each_worker_logs_in_its_format(runs: dict[str, Run], log_format: str) -> None:
    # The JSON run must really log JSON, or the check above proves less than it says.
    retry = next(line for line in runs[log_format].log.splitlines() if RETRY_LINE in line)
    assert retry.startswith("{") == (log_format == "json")


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_health_and_metrics_pages_never_hold_the_password(
    runs: dict[str, Run], log_format: str
) -> None:
    pages = runs[log_format].pages
    assert [path for path, body in pages.items() if SENTINEL in body] == []


def test_workers_stop_cleanly_on_sigterm(runs: dict[str, Run]) -> None:
    # Shutdown logs were written (and scanned) only if the worker stopped by itself.
    assert {log_format: run.exit_code for log_format, run in runs.items()} == {
        "text": 0,
        "json": 0,
    }
