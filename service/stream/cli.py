"""The stream subcommands of `dateline`: worker, run, publish, tail (and bench --stream).

`service.cli` owns the top-level parser and calls `add_stream_commands`; each
subcommand stores its function as `handler` (the convention of `service.cli`),
which takes the parsed arguments and returns the exit code (0 fine, 1 failed,
2 bad configuration or usage).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from collections.abc import Callable
from typing import Any

from aiokafka.errors import KafkaError
from pydantic import ValidationError

from service.settings import Settings
from service.stream.broker import BrokerUnavailable, EmbeddedBroker, embedded_settings
from service.stream.chaos import add_chaos_arguments, run_chaos
from service.stream.client import article_files, count_lines, publish_lines, read_records, tail
from service.stream.connection import embedded_guarantee_refusal
from service.stream.logs import configure_logging

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2


def add_stream_commands(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `worker`, `run`, `publish` and `tail` on the `dateline` parser."""
    worker = subparsers.add_parser(
        "worker",
        help="run the stream worker (consumes articles, publishes events)",
        description="The production worker. Configure it with DATELINE_* variables.",
    )
    _add_connection_arguments(worker)
    worker.set_defaults(handler=cmd_worker)

    run = subparsers.add_parser(
        "run",
        help="try it: embedded broker, worker, sample articles, events printed as they arrive",
        description=(
            "Start the embedded broker (unless DATELINE_BROKERS is set), a worker, publish the "
            "bundled sample articles and print each event as it arrives, until Ctrl-C."
        ),
    )
    _add_connection_arguments(run)
    run.add_argument(
        "--articles",
        metavar="FILE",
        help="publish these JSON-lines articles instead of the bundled samples",
    )
    run.set_defaults(handler=cmd_run)

    publish = subparsers.add_parser(
        "publish",
        help="publish JSON-lines article files to the articles topic",
        description="Each non-blank line is one record, keyed by its article id.",
    )
    publish.add_argument("files", nargs="+", metavar="FILE", help="JSON-lines files; - is stdin")
    publish.add_argument("--topic", help="topic to publish to (default: the articles topic)")
    publish.add_argument("--brokers", help="override DATELINE_BROKERS")
    publish.set_defaults(handler=cmd_publish)

    tail_parser = subparsers.add_parser(
        "tail",
        help="follow the events topic, one readable line per event",
        description="Line format: date, type, source -> target, place, [status], article id.",
    )
    tail_parser.add_argument("--raw", action="store_true", help="print the JSON records as-is")
    tail_parser.add_argument(
        "--from-beginning", action="store_true", help="start at the oldest record"
    )
    tail_parser.add_argument("--topic", help="topic to follow (default: the events topic)")
    tail_parser.add_argument("--brokers", help="override DATELINE_BROKERS")
    tail_parser.add_argument(
        "--max", type=int, metavar="N", dest="max_records", help="stop after N records"
    )
    tail_parser.add_argument(
        "--idle-timeout",
        type=float,
        metavar="SECONDS",
        help="stop when nothing arrived for this long",
    )
    tail_parser.set_defaults(handler=cmd_tail)

    chaos = subparsers.add_parser(
        "chaos",
        help="crash test: SIGKILL workers at random while articles stream, then check outputs",
        description=(
            "Stream N records (articles and bad records) through two workers on the embedded "
            "broker while killing a random worker K times; then verify from the output topics "
            "that every record was coded or dead-lettered. Last line: "
            "articles=N missing=M duplicates=D dead_letters=K; exit 1 unless all is accounted for."
        ),
    )
    add_chaos_arguments(chaos)
    chaos.set_defaults(handler=cmd_chaos)


def add_stream_bench_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `dateline bench --stream` (see `run_stream_bench`)."""
    from service.stream.bench import add_bench_arguments

    add_bench_arguments(parser)


def run_stream_bench(args: argparse.Namespace) -> int:
    """`dateline bench --stream`: end-to-end rate vs a no-op Faust passthrough."""
    from service.stream.bench import run_bench

    return _run_tool(args, run_bench)


def _run_tool(args: argparse.Namespace, tool: Callable[[Settings, argparse.Namespace], int]) -> int:
    """A command that runs its own workers and broker: settings, quiet logs, then the tool."""
    settings = load_settings(args)
    if settings is None:
        return EXIT_CONFIG
    configure_logging(settings, quiet_libraries=True)
    return tool(settings, args)


def _add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--brokers", help="override DATELINE_BROKERS (host:port,...)")
    parser.add_argument("--web-host", help="override DATELINE_WEB_HOST")
    parser.add_argument("--web-port", type=int, help="override DATELINE_WEB_PORT")
    parser.add_argument("--group-id", help="override DATELINE_GROUP_ID")


# Command-line options that override the DATELINE_* setting of the same name.
_OVERRIDES = ("brokers", "web_host", "web_port", "group_id")


def load_settings(args: argparse.Namespace, **extra: Any) -> Settings | None:
    """Settings from the environment plus command-line overrides; None (reported) if invalid."""
    overrides = {
        name: getattr(args, name) for name in _OVERRIDES if getattr(args, name, None) is not None
    }
    overrides.update(extra)
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'settings'}: {error['msg']}"
            for error in exc.errors(include_url=False)
        )
        print(f"dateline: invalid configuration: {problems}", file=sys.stderr)
        return None


def _refuse(message: str) -> int:
    print(f"dateline: {message}", file=sys.stderr)
    return EXIT_CONFIG


def cmd_worker(args: argparse.Namespace) -> int:
    """The production worker; the embedded broker only when asked for explicitly."""
    from service.stream.worker import run_worker

    settings = load_settings(args)
    if settings is None:
        return EXIT_CONFIG
    if not settings.embedded_broker:
        if not settings.brokers:
            return _refuse(
                "no Kafka broker configured: set DATELINE_BROKERS=host:port[,host:port] "
                "(or DATELINE_EMBEDDED_BROKER=true for a throwaway local broker, "
                "or try `dateline run`)"
            )
        return run_worker(settings)
    refusal = embedded_guarantee_refusal(settings)
    if refusal:
        return _refuse(refusal)
    try:
        with EmbeddedBroker(settings.embedded_broker_port) as broker:
            return run_worker(embedded_settings(settings, broker.address), embedded_broker=True)
    except BrokerUnavailable as exc:
        return _refuse(str(exc))


def cmd_run(args: argparse.Namespace) -> int:
    """Newcomer flow: broker, worker, samples in, events printed, until Ctrl-C."""
    from service.stream.quickstart import EventPrinter, SampleFeed, SamplesMissing, bundled_samples
    from service.stream.worker import run_worker

    settings = load_settings(args)
    if settings is None:
        return EXIT_CONFIG
    if "log_level" not in settings.model_fields_set:
        # The terminal is for the events; progress logs only when asked for.
        settings = settings.model_copy(update={"log_level": "WARNING"})
    try:
        if args.articles:
            lines = [line for line in read_records(article_files([args.articles])) if line.strip()]
        else:
            lines = bundled_samples()
    except (SamplesMissing, FileNotFoundError) as exc:
        return _refuse(str(exc))
    embedded = settings.uses_embedded_broker
    if embedded:
        refusal = embedded_guarantee_refusal(settings)
        if refusal:
            return _refuse(refusal)
    out = sys.stdout

    def run_with(local: Settings) -> int:
        out.write(
            f"dateline run: broker {', '.join(local.brokers)}"
            f"{' (embedded)' if embedded else ''}; "
            f"metrics at http://{local.web_host}:{local.web_port}/metrics; "
            f"{len(lines)} article(s) to publish once the worker is ready\n"
        )
        out.flush()
        return run_worker(
            local,
            embedded_broker=embedded,
            quiet_libraries=True,
            extra_services=lambda worker: [
                SampleFeed(local, worker.health, lines, out, loop=worker.app.loop),
                EventPrinter(local, out, loop=worker.app.loop),
            ],
        )

    if not embedded:
        return run_with(settings)
    try:
        with EmbeddedBroker(settings.embedded_broker_port) as broker:
            code = run_with(embedded_settings(settings, broker.address))
    except BrokerUnavailable as exc:
        return _refuse(str(exc))
    out.write("dateline run: stopped\n")
    return code


def cmd_publish(args: argparse.Namespace) -> int:
    """Publish article files; exit 1 when any record failed."""
    settings = load_settings(args)
    if settings is None:
        return EXIT_CONFIG
    if not settings.brokers:
        return _refuse("no Kafka broker configured: set DATELINE_BROKERS or pass --brokers")
    configure_logging(settings, quiet_libraries=True)
    try:
        files = article_files(args.files)
    except FileNotFoundError as exc:
        return _refuse(str(exc))
    try:
        summary = asyncio.run(
            publish_lines(settings, read_records(files), topic=args.topic, total=count_lines(files))
        )
    except KafkaError as exc:
        return _unreachable("publish", settings, exc)
    print(summary.line(), file=sys.stderr)
    return EXIT_FAILED if summary.failed else EXIT_OK


def cmd_chaos(args: argparse.Namespace) -> int:
    return _run_tool(args, run_chaos)


def cmd_tail(args: argparse.Namespace) -> int:
    """Follow the events topic until Ctrl-C (or --max / --idle-timeout)."""
    settings = load_settings(args)
    if settings is None:
        return EXIT_CONFIG
    if not settings.brokers:
        return _refuse("no Kafka broker configured: set DATELINE_BROKERS or pass --brokers")
    configure_logging(settings, quiet_libraries=True)
    # Ctrl-C is how a user stops following; it is not an error.
    with contextlib.suppress(KeyboardInterrupt):
        try:
            asyncio.run(
                tail(
                    settings,
                    topic=args.topic,
                    raw=args.raw,
                    from_beginning=args.from_beginning,
                    max_records=args.max_records,
                    idle_timeout=args.idle_timeout,
                    out=sys.stdout,
                )
            )
        except KafkaError as exc:
            return _unreachable("tail", settings, exc)
    return EXIT_OK


def _unreachable(command: str, settings: Settings, exc: KafkaError) -> int:
    """One line instead of a traceback when the broker cannot be reached."""
    brokers = ",".join(settings.brokers)
    print(f"dateline {command}: cannot use the broker at {brokers}: {exc}", file=sys.stderr)
    return EXIT_FAILED
