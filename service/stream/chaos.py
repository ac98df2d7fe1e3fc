"""`dateline chaos`: kill workers at random while articles stream, then prove nothing was lost.

The run, on the embedded broker unless `--brokers` names one:

1. fresh topics (the input with several partitions) and a fresh consumer group;
2. N records: real articles cycled from the input with unique ids, plus a
   share of bad records (each kind with the dead-letter reason it must get),
   every record keyed by its own id;
3. two (or more) `dateline worker` processes in the group;
4. the records are published while, at random points of the stream, a random
   worker's whole process group gets SIGKILL (the worker and its extraction
   processes, as when a container dies) and is started again;
5. once every id came out, the workers get SIGTERM, and the verdict is drawn
   from the output topics alone: every id on the coded or the dead-letter
   topic, every event a coded record lists present on the events topic,
   every event record valid and keyed by its `event_id`, and redelivered
   copies identical to the first.

The last line reads `articles=N missing=M duplicates=D dead_letters=K`; the
exit status is 0 only when nothing is missing, corrupt or contradictory and
every worker exited 0 on the final SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

import aiohttp
import orjson
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from pydantic import ValidationError

from service.models import DeadLetterReason, DiplomaticEvent
from service.settings import ENV_PREFIX, Settings, settings_env
from service.stream.broker import EmbeddedBroker, embedded_settings, free_port
from service.stream.client import follow, read_records, usable_articles
from service.stream.connection import client_options, create_topics
from service.stream.quickstart import SamplesMissing, bundled_samples

DEFAULT_ARTICLES: Final = 5000
DEFAULT_KILLS: Final = 5
DEFAULT_WORKERS: Final = 2
DEFAULT_PARTITIONS: Final = 4
DEFAULT_BAD_SHARE: Final = 0.1
READY_TIMEOUT_SECONDS: Final = 120.0
STOP_TIMEOUT_SECONDS: Final = 60.0
# After the last id arrived, keep reading this long so events and late
# redeliveries published just before are counted too.
SETTLE_SECONDS: Final = 3.0
LOG_TAIL_LINES: Final = 15
# Each kill gets a slot of the stream this long and lands at a random moment
# in its first 70%; publishing is paced to last all the slots. Restarting a
# worker (loading the core, joining the group) takes a few seconds of it.
KILL_SLOT_SECONDS: Final = 10.0


def add_chaos_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--articles", type=int, default=DEFAULT_ARTICLES, metavar="N", help="records to stream"
    )
    parser.add_argument(
        "--kills", type=int, default=DEFAULT_KILLS, metavar="K", help="SIGKILLs to deal out"
    )
    parser.add_argument(
        "--workers", type=int, default=DEFAULT_WORKERS, help="worker processes in the group"
    )
    parser.add_argument(
        "--partitions",
        type=int,
        default=DEFAULT_PARTITIONS,
        help="partitions of the run's topics",
    )
    parser.add_argument(
        "--bad-share",
        type=float,
        default=DEFAULT_BAD_SHARE,
        metavar="SHARE",
        help="share of bad records among the N (default 0.1)",
    )
    parser.add_argument(
        "--input",
        metavar="FILE",
        action="append",
        help="JSON-lines articles to cycle through (default: the bundled samples)",
    )
    parser.add_argument("--seed", type=int, help="random seed, for a repeatable run")
    parser.add_argument("--brokers", help="use this broker instead of a fresh embedded one")
    parser.add_argument(
        "--timeout",
        type=float,
        default=900.0,
        metavar="SECONDS",
        help="give up waiting for the outputs after this long (default 900)",
    )
    parser.add_argument("--keep-logs", action="store_true", help="keep the workers' log files")


# -- the input ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChaosRecord:
    """One input record and what must become of it."""

    record_id: str
    value: bytes
    # The dead-letter reason a bad record must get; None for an article.
    expected_reason: DeadLetterReason | None


def _bad_value(kind: DeadLetterReason, record_id: str, article: dict[str, Any]) -> bytes:
    """A bad record of the given kind; the record key carries its id."""
    if kind == "invalid_json":
        return orjson.dumps({**article, "id": record_id})[:-7]  # truncated mid-record
    if kind == "not_an_object":
        return orjson.dumps([record_id, article.get("body")])
    if kind == "schema_violation":
        return orjson.dumps({"id": record_id, "body": 42, "published_at": "2024-01-01"})
    if kind == "invalid_utf8":
        return b'{"id": "' + record_id.encode() + b'", "body": "caf\xe9 \xff"}'
    if kind == "no_publication_date":
        return orjson.dumps({"id": record_id, "body": "Officials met to discuss trade."})
    raise ValueError(f"no bad record of kind {kind!r}")


BAD_KINDS: Final[tuple[DeadLetterReason, ...]] = (
    "invalid_json",
    "not_an_object",
    "schema_violation",
    "invalid_utf8",
    "no_publication_date",
)


def chaos_records(
    lines: list[bytes], count: int, bad_share: float, rng: random.Random
) -> list[ChaosRecord]:
    """`count` records cycling through the articles, about `bad_share` of them bad."""
    articles = usable_articles(lines)
    records = []
    for index in range(count):
        article = articles[index % len(articles)]
        record_id = f"{article['id']}~chaos{index:07d}"
        if rng.random() < bad_share:
            kind = rng.choice(BAD_KINDS)
            records.append(ChaosRecord(record_id, _bad_value(kind, record_id, article), kind))
        else:
            value = orjson.dumps({**article, "id": record_id})
            records.append(ChaosRecord(record_id, value, None))
    return records


# -- the output, as seen on the topics ----------------------------------------------


@dataclass
class Tally:
    """What the output topics say, record by record."""

    settings: Settings
    expected: dict[str, DeadLetterReason | None]
    coded: Counter[str] = field(default_factory=Counter)
    dead: Counter[str] = field(default_factory=Counter)
    events: dict[str, bytes] = field(default_factory=dict)
    event_copies: Counter[str] = field(default_factory=Counter)
    listed_events: set[str] = field(default_factory=set)
    dead_reasons: Counter[str] = field(default_factory=Counter)
    wrong_reasons: list[str] = field(default_factory=list)
    corrupt: list[str] = field(default_factory=list)
    conflicting: list[str] = field(default_factory=list)
    strangers: int = 0
    seen: set[str] = field(default_factory=set)
    complete: asyncio.Event = field(default_factory=asyncio.Event)

    def add(self, topic: str, value: bytes | None) -> bool:
        """Count one output record (the `follow` callback; never stops it)."""
        settings = self.settings
        if topic == settings.topic_events:
            self._event(value)
        elif topic in (settings.topic_coded, settings.topic_dlq):
            self._article(topic == settings.topic_dlq, value)
        return True

    def _event(self, value: bytes | None) -> None:
        try:
            event = DiplomaticEvent.model_validate_json(value or b"")
        except ValidationError as exc:
            self.corrupt.append(f"event record: {exc.errors()[0]['msg']}")
            return
        self.event_copies[event.event_id] += 1
        first = self.events.setdefault(event.event_id, value or b"")
        if first != value:
            self.conflicting.append(event.event_id)

    def _article(self, dead: bool, value: bytes | None) -> None:
        try:
            record = orjson.loads(value or b"")
        except orjson.JSONDecodeError:
            self.corrupt.append("coded or dead-letter record is not JSON")
            return
        article_id = record.get("article_id") if isinstance(record, dict) else None
        if not isinstance(article_id, str) or article_id not in self.expected:
            self.strangers += 1
            return
        if dead:
            reason = str(record.get("reason"))
            self.dead[article_id] += 1
            self.dead_reasons[reason] += 1
            wanted = self.expected[article_id]
            if wanted is not None and reason != wanted:
                self.wrong_reasons.append(f"{article_id}: {reason} (expected {wanted})")
        else:
            self.coded[article_id] += 1
            event_ids = record.get("event_ids")
            if isinstance(event_ids, list):
                self.listed_events.update(str(event_id) for event_id in event_ids)
        self.seen.add(article_id)
        if len(self.seen) == len(self.expected):
            self.complete.set()

    @property
    def missing(self) -> list[str]:
        return sorted(set(self.expected) - self.seen)

    @property
    def duplicates(self) -> int:
        """Articles whose outputs came out more than once (at-least-once redelivery)."""
        return sum(
            1 for article_id in self.seen if self.coded[article_id] + self.dead[article_id] > 1
        )

    @property
    def miscoded(self) -> list[str]:
        """Bad records that were coded instead of dead-lettered."""
        return sorted(i for i, reason in self.expected.items() if reason and self.coded[i])

    @property
    def dead_lettered(self) -> int:
        """Distinct records dead-lettered (redelivered copies counted once)."""
        return len(self.dead)

    @property
    def unlisted_events(self) -> list[str]:
        """Events a coded record names that never reached the events topic."""
        return sorted(self.listed_events - set(self.events))


# -- the workers --------------------------------------------------------------------


class ChaosWorker:
    """One `dateline worker` process in its own process group, with its log file."""

    def __init__(self, name: str, settings: Settings, log_dir: Path) -> None:
        self.name = name
        self.settings = settings
        self.log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.upper().startswith(ENV_PREFIX)}
        env.update(settings_env(self.settings))
        # A SIGKILLed worker cannot remove its temporary data directory: keep
        # it in the run's log directory, which the run removes as a whole.
        scratch = self.log_path.with_suffix(".tmp")
        scratch.mkdir(exist_ok=True)
        env["TMPDIR"] = str(scratch)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "service.stream", "worker"],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.starts += 1

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the worker and its extraction processes at once."""
        process = self.process
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def terminate(self, timeout: float) -> int | None:
        """SIGTERM and wait; the exit code, or None when it had to be killed."""
        process = self.process
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                return None
        # Extraction processes outlive nothing: sweep the group whatever happened.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        return process.returncode

    async def is_ready(self, session: aiohttp.ClientSession) -> bool:
        url = f"http://127.0.0.1:{self.settings.web_port}/health/ready"
        if not self.running:
            return False
        with contextlib.suppress(aiohttp.ClientError, TimeoutError):
            async with session.get(url, timeout=aiohttp.ClientTimeout(total=1.0)) as answer:
                return answer.status == 200
        return False

    async def wait_ready(self, session: aiohttp.ClientSession, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise ChaosFailed(f"{self.name} exited while starting:\n{self.log_tail()}")
            if await self.is_ready(session):
                return
            await asyncio.sleep(0.2)
        raise ChaosFailed(f"{self.name} not ready within {timeout:g} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-LOG_TAIL_LINES:])


class ChaosFailed(RuntimeError):
    """The run could not be carried out (not a verdict on the outputs)."""


# -- the run ------------------------------------------------------------------------


@dataclass
class ChaosReport:
    tally: Tally
    kills: int
    exit_codes: list[int | None]
    seconds: float
    published: int

    @property
    def passed(self) -> bool:
        tally = self.tally
        return not (
            tally.missing
            or tally.corrupt
            or tally.conflicting
            or tally.wrong_reasons
            or tally.miscoded
            or tally.unlisted_events
            # SIGTERM at the end must stop every worker cleanly, killed ones included.
            or any(code != 0 for code in self.exit_codes)
        )

    def write(self, out: IO[str]) -> None:
        tally = self.tally
        duplicate_events = sum(n - 1 for n in tally.event_copies.values() if n > 1)
        reasons = ", ".join(f"{r}={n}" for r, n in sorted(tally.dead_reasons.items())) or "none"
        print(f"kills={self.kills} seconds={self.seconds:.1f} published={self.published}", file=out)
        print(
            f"events={len(tally.events)} duplicate_event_records={duplicate_events} "
            f"conflicting={len(tally.conflicting)} corrupt={len(tally.corrupt)} "
            f"unlisted_events={len(tally.unlisted_events)}",
            file=out,
        )
        print(f"dead letters by reason: {reasons}", file=out)
        bad = sum(1 for reason in tally.expected.values() if reason)
        print(
            f"bad records: {bad} published, {len(tally.miscoded)} coded instead of dead-lettered",
            file=out,
        )
        print(f"wrong dead-letter reasons: {len(tally.wrong_reasons)}", file=out)
        print(f"worker exit codes after SIGTERM: {self.exit_codes}", file=out)
        for problem in (
            tally.missing[:10]
            + tally.corrupt[:10]
            + tally.conflicting[:10]
            + tally.wrong_reasons[:10]
            + tally.miscoded[:10]
            + tally.unlisted_events[:10]
        ):
            print(f"  problem: {problem}", file=out)
        print(
            f"articles={len(tally.expected)} missing={len(tally.missing)} "
            f"duplicates={tally.duplicates} dead_letters={tally.dead_lettered}",
            file=out,
        )


@dataclass(frozen=True)
class ChaosPlan:
    records: list[ChaosRecord]
    kills: int
    timeout: float
    rng: random.Random


async def _publish(settings: Settings, records: list[ChaosRecord], seconds: float) -> int:
    """Publish every record keyed by its id (bad ones too), paced evenly over `seconds`.

    Pacing keeps records flowing through the whole kill schedule, the way a
    feed keeps publishing while workers die; the acks are awaited at the end.
    """
    producer = AIOKafkaProducer(**client_options(settings), acks="all", linger_ms=5)
    await producer.start()
    loop = asyncio.get_running_loop()
    started = loop.time()
    pending = []
    try:
        for index, record in enumerate(records):
            due = started + seconds * index / len(records)
            if due > loop.time():
                await asyncio.sleep(due - loop.time())
            pending.append(
                await producer.send(
                    settings.topic_articles, record.value, key=record.record_id.encode()
                )
            )
        await asyncio.gather(*pending)
    except KafkaError as exc:
        raise ChaosFailed(f"publishing failed: {type(exc).__name__}: {exc}") from exc
    finally:
        await producer.stop()
    return len(pending)


async def _deal_kills(
    plan: ChaosPlan, workers: list[ChaosWorker], say: Callable[[str], None]
) -> int:
    """One SIGKILL per slot of the stream, at a random moment of it, on a working worker."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    restarts: dict[str, asyncio.Task[None]] = {}
    async with aiohttp.ClientSession() as session:

        async def restart(worker: ChaosWorker, delay: float) -> None:
            await asyncio.sleep(delay)
            worker.start()
            await worker.wait_ready(session, READY_TIMEOUT_SECONDS)

        async def working() -> list[ChaosWorker]:
            """Workers that are processing: up, ready, and not being restarted."""
            return [
                w
                for w in workers
                if (w.name not in restarts or restarts[w.name].done()) and await w.is_ready(session)
            ]

        for slot in range(plan.kills):
            moment = started + (slot + plan.rng.uniform(0.0, 0.7)) * KILL_SLOT_SECONDS
            await asyncio.sleep(max(0.0, moment - loop.time()))
            candidates = await working()
            while not candidates:
                await asyncio.sleep(0.2)
                candidates = await working()
            victim = plan.rng.choice(candidates)
            if victim.name in restarts:
                await restarts[victim.name]  # done; surfaces a failed restart
            victim.kill()
            say(f"kill {slot + 1}: SIGKILL {victim.name} at {loop.time() - started:.1f} s")
            restarts[victim.name] = asyncio.create_task(restart(victim, plan.rng.uniform(0.0, 2.0)))
        await asyncio.gather(*restarts.values())
    return plan.kills


async def _run(
    settings: Settings, plan: ChaosPlan, workers: list[ChaosWorker], say: Callable[[str], None]
) -> ChaosReport:
    await create_topics(settings)
    tally = Tally(settings, {r.record_id: r.expected_reason for r in plan.records})
    stop_reading = asyncio.Event()
    reader = asyncio.create_task(
        follow(
            settings,
            [settings.topic_coded, settings.topic_dlq, settings.topic_events],
            tally.add,
            from_beginning=True,
            stop=stop_reading,
        )
    )
    started = time.monotonic()
    try:
        async with aiohttp.ClientSession() as session:
            for worker in workers:
                worker.start()
            for worker in workers:
                await worker.wait_ready(session, READY_TIMEOUT_SECONDS)
        say(f"{len(workers)} workers ready; streaming {len(plan.records)} records")
        publisher = asyncio.create_task(
            _publish(settings, plan.records, plan.kills * KILL_SLOT_SECONDS)
        )
        kills = await _deal_kills(plan, workers, say)
        published = await publisher
        try:
            await asyncio.wait_for(tally.complete.wait(), plan.timeout)
        except TimeoutError:
            say(f"gave up after {plan.timeout:g} s with {len(tally.missing)} id(s) missing")
        await asyncio.sleep(SETTLE_SECONDS)
    finally:
        stop_reading.set()
        await reader
    seconds = time.monotonic() - started
    loop = asyncio.get_running_loop()
    exit_codes = await asyncio.gather(
        *(loop.run_in_executor(None, w.terminate, STOP_TIMEOUT_SECONDS) for w in workers)
    )
    return ChaosReport(tally, kills, list(exit_codes), seconds, published)


def run_chaos(settings: Settings, args: argparse.Namespace, out: IO[str] = sys.stdout) -> int:
    """The whole run; prints the report, the summary line last. Exit 0 when it passed."""
    rng = random.Random(args.seed)
    try:
        lines = (
            [line for line in read_records(args.input) if line.strip()]
            if args.input
            else bundled_samples()
        )
        records = chaos_records(lines, args.articles, args.bad_share, rng)
    except (SamplesMissing, OSError, ValueError) as exc:
        print(f"dateline chaos: {exc}", file=sys.stderr)
        return 2
    if args.workers < 1 or args.kills < 0 or args.partitions < 1:
        print("dateline chaos: --workers and --partitions >= 1, --kills >= 0", file=sys.stderr)
        return 2

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    run_id = uuid.uuid4().hex[:8]
    base = settings.model_copy(
        update={
            "topic_articles": f"chaos-{run_id}-articles",
            "topic_events": f"chaos-{run_id}-events",
            "topic_coded": f"chaos-{run_id}-coded",
            "topic_dlq": f"chaos-{run_id}-dlq",
            "group_id": f"chaos-{run_id}",
            "topic_partitions": args.partitions,
            "route_events_by_type": False,
            "web_host": "127.0.0.1",
            "embedded_broker": False,
            # The workers share the machine: one extraction process each.
            "extraction_workers": 1,
        }
    )
    broker: EmbeddedBroker | None = None
    log_dir = Path(tempfile.mkdtemp(prefix="dateline-chaos-"))
    try:
        if args.brokers:
            base = base.model_copy(update={"brokers": tuple(args.brokers.split(","))})
        elif settings.uses_embedded_broker:
            broker = EmbeddedBroker()
            base = embedded_settings(base, broker.start())
        workers = [
            ChaosWorker(f"worker-{n}", base.model_copy(update={"web_port": free_port()}), log_dir)
            for n in range(1, args.workers + 1)
        ]
        plan = ChaosPlan(records, args.kills, args.timeout, rng)
        try:
            report = asyncio.run(_run(base, plan, workers, say))
        finally:
            for worker in workers:
                worker.terminate(0)
    except ChaosFailed as exc:
        print(f"dateline chaos: {exc}", file=sys.stderr)
        return 1
    finally:
        if broker is not None:
            broker.stop()
    report.write(out)
    if not report.passed:
        for worker in workers:
            say(f"--- {worker.name} log tail ---\n{worker.log_tail()}")
        say(f"worker logs kept in {log_dir}")
    elif not args.keep_logs:
        shutil.rmtree(log_dir)
    else:
        say(f"worker logs in {log_dir}")
    return 0 if report.passed else 1
