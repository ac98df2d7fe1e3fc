"""Worker processes, topic readers and metric scrapes for the integration tests."""

from __future__ import annotations

import asyncio
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer
from prometheus_client.parser import text_string_to_metric_families
from service.settings import ENV_PREFIX, Settings, settings_env
from service.stream.broker import EMBEDDED_SESSION_TIMEOUT_SECONDS, free_port
from service.stream.client import publish_lines
from service.stream.connection import client_options

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0


def stream_settings(broker_address: str, **overrides: Any) -> Settings:
    """Settings for one test: its own topics, group and web port on the shared broker."""
    run = uuid.uuid4().hex[:8]
    values: dict[str, Any] = {
        "brokers": broker_address,
        "topic_articles": f"it-{run}-articles",
        "topic_events": f"it-{run}-events",
        "topic_coded": f"it-{run}-coded",
        "topic_dlq": f"it-{run}-dlq",
        "group_id": f"it-{run}",
        "web_port": free_port(),
        "session_timeout_seconds": EMBEDDED_SESSION_TIMEOUT_SECONDS,
        # One extraction process per worker: two workers share this machine's two cores.
        "extraction_workers": 1,
        "commit_interval_seconds": 0.5,
        "broker_probe_interval_seconds": 0.5,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass
class Record:
    topic: str
    key: bytes | None
    value: bytes | None
    headers: dict[str, bytes]

    def json(self) -> Any:
        return json.loads(self.value or b"null")


class WorkerProcess:
    """`python -m service.stream worker` with the given settings, logs to a file."""

    def __init__(
        self,
        settings: Settings,
        log_dir: Path,
        name: str = "worker",
        module: Sequence[str] = ("service.stream", "worker"),
    ) -> None:
        self.settings = settings
        self.module = list(module)
        self.log_path = log_dir / f"{name}-{settings.web_port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.scratch = tempfile.mkdtemp(prefix="dl-")

    def start(self) -> WorkerProcess:
        env = {k: v for k, v in os.environ.items() if not k.upper().startswith(ENV_PREFIX)}
        env.update(settings_env(self.settings))
        # A killed worker cannot remove its temporary directories, so it gets
        # its own, removed once it has exited (short: multiprocessing puts
        # Unix sockets there).
        env["TMPDIR"] = self.scratch
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", *self.module],
                env=env,
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.settings.web_port}"

    def get(self, path: str) -> tuple[int, str] | None:
        """(status, body) of a GET, or None when the server does not answer."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=2.0) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except (urllib.error.URLError, OSError):
            return None

    def readiness(self) -> tuple[int, dict[str, Any]] | None:
        answer = self.get("/health/ready")
        return None if answer is None else (answer[0], json.loads(answer[1]))

    def wait_until(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(
                    f"worker exited ({self.process.returncode}): {self.log_tail()}"
                )
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}: {self.log_tail()}")

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> WorkerProcess:
        def ready() -> bool:
            answer = self.readiness()
            return answer is not None and answer[0] == 200

        self.wait_until(ready, timeout, "readiness")
        return self

    def metric(self, name: str, **labels: str) -> float:
        """One sample from /metrics (0 when the series is absent)."""
        answer = self.get("/metrics")
        assert answer is not None
        assert answer[0] == 200
        for family in text_string_to_metric_families(answer[1]):
            for sample in family.samples:
                if sample.name == name and sample.labels == labels:
                    return float(sample.value)
        return 0.0

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = STOP_TIMEOUT) -> int:
        """Signal the worker and wait for its exit; returns the exit code."""
        assert self.process is not None
        try:
            if self.process.poll() is None:
                self.process.send_signal(sig)
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
                    raise AssertionError(f"worker ignored {sig.name} for {timeout} s") from None
            return self.process.returncode
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


async def read_topics(
    settings: Settings,
    topics: list[str],
    done: Callable[[list[Record]], bool],
    timeout: float = 60.0,
) -> list[Record]:
    """Every record of `topics` from the beginning, until `done(records)` or the timeout."""
    consumer = AIOKafkaConsumer(
        *topics,
        **client_options(settings),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=16 * 1024 * 1024,
    )
    await consumer.start()
    records: list[Record] = []
    try:
        deadline = time.monotonic() + timeout
        while not done(records):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out reading {topics}: {len(records)} record(s) so far")
            batches = await consumer.getmany(timeout_ms=200)
            for partition, messages in batches.items():
                for message in messages:
                    records.append(
                        Record(
                            partition.topic,
                            message.key,
                            message.value,
                            dict(message.headers),
                        )
                    )
    finally:
        await consumer.stop()
    return records


def processed_ids(settings: Settings, records: list[Record]) -> set[str]:
    """Article ids with a coded or dead-letter record among `records`."""
    ids = set()
    for record in records:
        if record.topic in (settings.topic_coded, settings.topic_dlq):
            article_id = record.json().get("article_id")
            if article_id:
                ids.add(article_id)
    return ids


def run_async(coroutine: Any) -> Any:
    """Run a coroutine from a synchronous fixture (module-scoped fixtures are sync)."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


GOLDEN = ROOT / "tests" / "golden" / "articles.jsonl"


def numbered_articles(count: int, tag: str) -> list[bytes]:
    """`count` golden articles, cycled, each with an id of its own (`tag-0001`, ...)."""
    articles = [json.loads(line) for line in GOLDEN.read_bytes().splitlines() if line.strip()]
    return [
        json.dumps({**articles[n % len(articles)], "id": f"{tag}-{n:04d}"}).encode()
        for n in range(count)
    ]


def publish_all(settings: Settings, lines: list[bytes]) -> None:
    """Publish article lines to the articles topic and check every one was acknowledged."""
    summary = run_async(publish_lines(settings, lines, progress_out=io.StringIO()))
    assert summary.published == len(lines)


def outputs_for_all(settings: Settings, lines: list[bytes], timeout: float = 120) -> list[Record]:
    """The coded and dead-letter records, read until every article of `lines` has one."""
    expected = {json.loads(line)["id"] for line in lines}
    records: list[Record] = run_async(
        read_topics(
            settings,
            [settings.topic_coded, settings.topic_dlq],
            lambda seen: expected <= processed_ids(settings, seen),
            timeout=timeout,
        )
    )
    return records
