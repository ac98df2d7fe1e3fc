"""`dateline bench --stream`: end-to-end throughput against a no-op Faust passthrough.

Both runs use the same broker, the same records, the same partitions and the
same agent concurrency, each in a fresh worker process on fresh topics:

1. passthrough: a Faust agent that forwards each record to an output topic,
   acknowledging its offset once the broker acknowledged the copy (the same
   manual-ack pattern as the real agent, without decoding or extraction);
2. end-to-end: the real worker (`python -m service.stream worker`).

Each run times from the first published record to the last output record
seen by the benchmark's own consumer. The ratio e2e/passthrough says what
share of the bare Kafka round trip the extraction leaves.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, cast

import faust
import orjson
from faust.types import EventT, StreamT

from service.metrics import Metrics
from service.settings import Settings, settings_env
from service.stream.app import articles_topic, faust_options
from service.stream.broker import EmbeddedBroker, embedded_settings, free_port
from service.stream.client import follow, publish_lines, read_records, usable_articles
from service.stream.connection import create_topics
from service.stream.health import Health, HealthServer
from service.stream.logs import logging_config
from service.stream.quickstart import SamplesMissing, bundled_samples

DEFAULT_ARTICLES: Final = 2000
READY_TIMEOUT_SECONDS: Final = 120.0
STOP_TIMEOUT_SECONDS: Final = 30.0


def add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the stream benchmark."""
    parser.add_argument(
        "--articles",
        type=int,
        default=DEFAULT_ARTICLES,
        metavar="N",
        help=f"records to push through each run (default {DEFAULT_ARTICLES})",
    )
    parser.add_argument(
        "--input",
        metavar="FILE",
        help="JSON-lines articles to cycle through (default: the bundled samples)",
    )
    parser.add_argument("--brokers", help="use this broker instead of a fresh embedded one")
    parser.add_argument("--partitions", type=int, help="override DATELINE_TOPIC_PARTITIONS")
    parser.add_argument(
        "--extraction-workers", type=int, help="override DATELINE_EXTRACTION_WORKERS"
    )
    parser.add_argument("--max-in-flight", type=int, help="override DATELINE_MAX_IN_FLIGHT")
    parser.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        metavar="SECONDS",
        help="give up on a run after this long (default 600)",
    )


@dataclass
class RunResult:
    """Timings of one run."""

    name: str
    records: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    processing_ms: list[float] = field(default_factory=list)
    events: int = 0
    dead_letters: int = 0
    peak_rss_bytes: int = 0
    extraction_rss_bytes: list[int] = field(default_factory=list)
    cpu: CpuUse | None = None

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


def bench_records(lines: list[bytes], count: int) -> list[tuple[str, bytes]]:
    """`count` records cycling through the articles, each with its own id."""
    articles = usable_articles(lines)
    records = []
    for index in range(count):
        article = dict(articles[index % len(articles)])
        article["id"] = f"{article['id']}~bench{index:07d}"
        records.append((article["id"], orjson.dumps(article)))
    return records


def _proc_status_kib(pid: int, field_name: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, from Linux /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces; the parent pid follows its ')'.
        fields = stat.rsplit(")", 1)[-1].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def extraction_pids(worker_pid: int) -> tuple[list[int], list[int]]:
    """(extraction processes, helper processes) of a worker.

    The helpers (forkserver, resource tracker) are the worker's children; the
    extraction processes are forked by the forkserver, so they are grandchildren.
    """
    children = _children()
    helpers = children.get(worker_pid, [])
    return [pid for helper in helpers for pid in children.get(helper, [])], helpers


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class CpuUse:
    """CPU seconds spent during a run by the worker, its extraction processes, the broker."""

    worker: float = 0.0
    extraction: float = 0.0
    broker: float = 0.0

    @classmethod
    def sample(cls, worker_pid: int, broker_pid: int | None) -> CpuUse:
        extraction, _ = extraction_pids(worker_pid)
        return cls(
            cpu_seconds(worker_pid),
            sum(cpu_seconds(pid) for pid in extraction),
            cpu_seconds(broker_pid) if broker_pid else 0.0,
        )

    def __sub__(self, other: CpuUse) -> CpuUse:
        return CpuUse(
            self.worker - other.worker,
            self.extraction - other.extraction,
            self.broker - other.broker,
        )


def _wait_ready(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    url = f"http://127.0.0.1:{port}/health/ready"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the benchmark worker exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1.0) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise TimeoutError(f"the benchmark worker was not ready within {timeout:g} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _measure(
    settings: Settings,
    records: list[tuple[str, bytes]],
    *,
    output_topic: str,
    dead_letter_topic: str | None,
    timeout: float,
) -> tuple[float, dict[str, float], dict[str, float], list[float], int, int]:
    """Publish the records, wait for one output per record; timings per record id."""
    expected = {article_id for article_id, _ in records}
    sent_at: dict[str, float] = {}
    arrived_at: dict[str, float] = {}
    processing: list[float] = []
    counts = {"events": 0, "dead": 0}
    done = asyncio.Event()

    def on_output(topic: str, value: bytes | None) -> bool:
        now = time.monotonic()
        try:
            record = orjson.loads(value or b"null")
        except orjson.JSONDecodeError:
            return True
        if not isinstance(record, dict):
            return True
        # Passthrough copies keep "id"; coded records and dead letters say "article_id".
        article_id = record.get("article_id") or record.get("id")
        if topic == dead_letter_topic:
            counts["dead"] += 1
        elif "processing_ms" in record:
            processing.append(float(record["processing_ms"]))
            counts["events"] += int(record.get("event_count", 0))
        if isinstance(article_id, str) and article_id in expected and article_id not in arrived_at:
            arrived_at[article_id] = now
            if len(arrived_at) == len(expected):
                done.set()
                return False
        return True

    topics = [output_topic] + ([dead_letter_topic] if dead_letter_topic else [])
    watcher = asyncio.create_task(
        follow(settings, topics, on_output, from_beginning=True, stop=done)
    )
    await asyncio.sleep(1.0)  # let the consumer get its partitions before the clock starts
    started = time.monotonic()
    key_to_id = {article_id.encode(): article_id for article_id, _ in records}

    def on_sent(key: bytes | None, at: float) -> None:
        if key is not None:
            sent_at[key_to_id[key]] = at

    summary = await publish_lines(
        settings, (value for _, value in records), progress_out=sys.stderr, on_sent=on_sent
    )
    if summary.failed:
        raise RuntimeError(f"publishing the benchmark records failed: {summary.line()}")
    try:
        await asyncio.wait_for(done.wait(), timeout)
    finally:
        done.set()
        await watcher
    finished = max(arrived_at.values())
    return finished - started, sent_at, arrived_at, processing, counts["events"], counts["dead"]


def _run_one(
    name: str,
    settings: Settings,
    records: list[tuple[str, bytes]],
    command: list[str],
    overrides: dict[str, Any],
    *,
    output_topic: str,
    dead_letter_topic: str | None,
    timeout: float,
    broker_pid: int | None,
) -> RunResult:
    run_settings = settings.model_copy(update=overrides)
    asyncio.run(
        create_topics(
            run_settings,
            [
                run_settings.topic_articles,
                run_settings.topic_events,
                run_settings.topic_coded,
                run_settings.topic_dlq,
            ],
        )
    )
    env = {**os.environ, **settings_env(run_settings)}
    process = subprocess.Popen([sys.executable, "-m", *command], env=env, stdin=subprocess.DEVNULL)
    try:
        _wait_ready(run_settings.web_port, process, READY_TIMEOUT_SECONDS)
        cpu_before = CpuUse.sample(process.pid, broker_pid)
        seconds, sent, arrived, processing, events, dead = asyncio.run(
            _measure(
                run_settings,
                records,
                output_topic=output_topic,
                dead_letter_topic=dead_letter_topic,
                timeout=timeout,
            )
        )
        cpu = CpuUse.sample(process.pid, broker_pid) - cpu_before
        extraction = [
            _proc_status_kib(pid, "VmHWM") * 1024 for pid in extraction_pids(process.pid)[0]
        ]
        peak = _proc_status_kib(process.pid, "VmHWM") * 1024
    finally:
        _stop(process)
    latencies = [(arrived[key] - sent[key]) * 1000.0 for key in arrived if key in sent]
    return RunResult(
        name,
        len(records),
        seconds,
        latencies,
        processing,
        events,
        dead,
        peak,
        [size for size in extraction if size],
        cpu,
    )


def run_bench(settings: Settings, args: argparse.Namespace) -> int:
    """The benchmark; prints the report and the summary line last."""
    # `dateline bench --stream FILE...` passes the corpus as `files` (service.cli).
    inputs = (
        [args.input]
        if getattr(args, "input", None)
        else [str(f) for f in getattr(args, "files", None) or []]
    )
    try:
        lines = (
            [line for line in read_records(inputs) if line.strip()] if inputs else bundled_samples()
        )
        records = bench_records(lines, args.articles)
    except (SamplesMissing, OSError, ValueError) as exc:
        print(f"dateline bench: {exc}", file=sys.stderr)
        return 2
    tuning: dict[str, Any] = {}
    if args.partitions:
        tuning["topic_partitions"] = args.partitions
    if args.extraction_workers is not None:
        tuning["extraction_workers"] = args.extraction_workers
    if args.max_in_flight:
        tuning["max_in_flight"] = args.max_in_flight
    base = settings.model_copy(update=tuning)
    broker: EmbeddedBroker | None = None
    if args.brokers:
        base = base.model_copy(update={"brokers": tuple(args.brokers.split(","))})
    elif base.uses_embedded_broker:
        broker = EmbeddedBroker()
        base = embedded_settings(base, broker.start())
    try:
        run_id = uuid.uuid4().hex[:8]
        web_port = free_port()
        common = {"web_port": web_port, "web_host": "127.0.0.1", "embedded_broker": False}
        passthrough = _run_one(
            "passthrough",
            base,
            records,
            ["service.stream.bench", "passthrough"],
            {
                **common,
                "group_id": f"bench-{run_id}-passthrough",
                "topic_articles": f"bench-{run_id}-pt-in",
                "topic_events": f"bench-{run_id}-pt-unused-events",
                "topic_coded": f"bench-{run_id}-pt-out",
                "topic_dlq": f"bench-{run_id}-pt-unused-dlq",
            },
            output_topic=f"bench-{run_id}-pt-out",
            dead_letter_topic=None,
            timeout=args.timeout,
            broker_pid=broker.pid if broker is not None else None,
        )
        e2e = _run_one(
            "end-to-end",
            base,
            records,
            ["service.stream", "worker"],
            {
                **common,
                "group_id": f"bench-{run_id}-e2e",
                "topic_articles": f"bench-{run_id}-articles",
                "topic_events": f"bench-{run_id}-events",
                "topic_coded": f"bench-{run_id}-coded",
                "topic_dlq": f"bench-{run_id}-dlq",
            },
            output_topic=f"bench-{run_id}-coded",
            dead_letter_topic=f"bench-{run_id}-dlq",
            timeout=args.timeout,
            broker_pid=broker.pid if broker is not None else None,
        )
    finally:
        if broker is not None:
            broker.stop()
    _report(base, broker is not None, passthrough, e2e)
    return 0


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MiB"


def _report(settings: Settings, embedded: bool, passthrough: RunResult, e2e: RunResult) -> None:
    ratio = e2e.rate / passthrough.rate if passthrough.rate else 0.0
    p99 = percentile(e2e.processing_ms, 0.99)
    out = sys.stdout
    out.write(
        f"stream benchmark: {e2e.records} articles, {settings.topic_partitions} partition(s), "
        f"broker {'embedded (Tansu)' if embedded else ', '.join(settings.brokers)}, "
        f"{settings.effective_extraction_workers} extraction process(es), "
        f"{settings.max_in_flight} in flight, {os.cpu_count()} CPU(s)\n"
    )
    out.write(
        f"passthrough (Faust no-op): {passthrough.records} records in "
        f"{passthrough.seconds:.2f} s = {passthrough.rate:.0f}/s\n"
    )
    out.write(
        f"end-to-end (decode, extract, publish events and coded record): {e2e.records} articles "
        f"in {e2e.seconds:.2f} s = {e2e.rate:.0f}/s; {e2e.events} events, "
        f"{e2e.dead_letters} dead letters\n"
    )
    out.write(f"ratio end-to-end / passthrough: {ratio:.2f}\n")
    for label, values in (
        ("processing latency, consume -> outputs ready (coded records)", e2e.processing_ms),
        ("publish -> coded record seen (includes queueing behind the burst)", e2e.latencies_ms),
        ("passthrough publish -> copy seen", passthrough.latencies_ms),
    ):
        out.write(
            f"{label}: p50 {percentile(values, 0.5):.1f} ms, p95 {percentile(values, 0.95):.1f} "
            f"ms, p99 {percentile(values, 0.99):.1f} ms\n"
        )
    for run in (passthrough, e2e):
        if run.cpu is not None and run.records:
            per = 1000.0 / run.records
            cpu = run.cpu
            out.write(
                f"CPU per record, {run.name}: worker {cpu.worker * per:.2f} ms, extraction "
                f"processes {cpu.extraction * per:.2f} ms, broker {cpu.broker * per:.2f} ms\n"
            )
    extraction = ", ".join(_mib(size) for size in e2e.extraction_rss_bytes) or "n/a"
    out.write(
        f"worker peak RSS: {_mib(e2e.peak_rss_bytes)} (extraction processes: {extraction}); "
        f"passthrough worker: {_mib(passthrough.peak_rss_bytes)}\n"
    )
    out.write(
        f"e2e_per_s={e2e.rate:.1f} passthrough_per_s={passthrough.rate:.1f} "
        f"ratio={ratio:.2f} p99_ms={p99:.1f}\n"
    )
    out.flush()


# -- the passthrough worker ---------------------------------------------------------


def run_passthrough_worker(settings: Settings) -> int:
    """A Faust worker that forwards `topic_articles` to `topic_coded` unchanged."""
    from service.stream.worker import DatelineWorker, exit_code, new_metrics

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    metrics: Metrics = new_metrics()
    health = Health(metrics, core_loaded=True, broker_reachable=True)
    server = HealthServer(settings, health, metrics)
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as datadir:
        app = faust.App(
            settings.group_id, loop=loop, **faust_options(settings, datadir=Path(datadir))
        )
        source = articles_topic(app, settings)  # the worker's own view of the input
        sink = app.topic(settings.topic_coded, key_serializer="raw", value_serializer="raw")

        async def forward(stream: StreamT[bytes]) -> AsyncIterator[int]:
            manual = cast("faust.Stream[bytes]", stream).noack()
            event: EventT[bytes]
            async for event in manual.events():
                message = event.message
                pending = await sink.send(key=message.key, value=message.value)
                await pending
                await manual.ack(event)
                yield message.offset

        app.agent(source, name="bench.passthrough", concurrency=settings.max_in_flight)(forward)

        def on_assigned(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
            health.update(assigned=True)

        app.on_partitions_assigned.connect(on_assigned)

        async def start_server() -> None:
            await server.start()

        loop.run_until_complete(start_server())
        worker = DatelineWorker(
            app,
            health=health,
            loop=loop,
            loglevel=settings.log_level,
            logging_config=logging_config(settings, quiet_libraries=True),
            redirect_stdouts=False,
            quiet=True,
        )
        try:
            worker.execute_from_commandline()
        except SystemExit as exc:
            return exit_code(exc.code)
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m service.stream.bench passthrough`: the benchmark's no-op worker."""
    parser = argparse.ArgumentParser(prog="python -m service.stream.bench")
    parser.add_argument("role", choices=["passthrough"])
    parser.parse_args(argv)
    return run_passthrough_worker(Settings())


if __name__ == "__main__":
    raise SystemExit(main())
