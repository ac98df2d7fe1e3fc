"""The `dateline` command line: argument parsing only; the work happens below."""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import time
from collections.abc import Iterator, Sequence
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from service import __version__
from service.budget import BudgetExceeded, time_budget
from service.decoding import check_size, decode_article
from service.extract import ArticleRejected, Extractor, load_extractor
from service.models import Article, dumps
from service.settings import Settings, env_var_name

SAMPLES = "articles.jsonl"  # in the service.samples package
# A problem report is one stderr line for humans, not a dump of the input.
MAX_MESSAGE_CHARS = 500
# `dateline extract` options that override a setting, by setting name.
EXTRACT_OVERRIDES = {"max_article_bytes": "--max-bytes", "record_timeout_seconds": "--timeout"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `dateline extract | head` closed the pipe early
        sys.stderr.close()
        return 0
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dateline", description="Dated diplomatic events from wire news."
    )
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    sub = parser.add_subparsers(metavar="COMMAND")

    extract = sub.add_parser(
        "extract", help="article JSON lines in, one event JSON object per line out"
    )
    extract.add_argument(
        "files", nargs="*", type=Path, help="JSON-lines article files (default: stdin)"
    )
    extract.add_argument(
        "--max-bytes",
        type=int,
        dest="max_article_bytes",
        metavar="N",
        help="largest accepted line in bytes; longer ones are refused as too_large "
        f"(default: {env_var_name('max_article_bytes')} or 524288)",
    )
    extract.add_argument(
        "--timeout",
        type=float,
        dest="record_timeout_seconds",
        metavar="SECONDS",
        help="time budget per line; a line over it is reported as timeout and skipped "
        f"(default: {env_var_name('record_timeout_seconds')} or 10)",
    )
    extract.set_defaults(handler=_extract, command="extract")

    timex = sub.add_parser(
        "timex", help="tag time expressions (the protocol of shared/eval/score_timex.py)"
    )
    timex.set_defaults(handler=_timex)

    bench = sub.add_parser(
        "bench", help="extraction throughput on one core (or --stream: through the broker)"
    )
    bench.add_argument(
        "files", nargs="*", type=Path, help="article corpus (default: the bundled samples)"
    )
    bench.add_argument(
        "--seconds", type=float, default=5.0, help="measuring time after the warm-up"
    )
    bench.add_argument(
        "--stream", action="store_true", help="end-to-end through the broker instead"
    )
    try:
        from service.stream.cli import add_stream_bench_arguments, add_stream_commands
    except ImportError:  # the stream layer is optional for the core's own commands
        pass
    else:
        add_stream_bench_arguments(bench)
        add_stream_commands(sub)
    bench.set_defaults(handler=_bench)
    return parser


def _records(
    files: Sequence[Path], stdin: BinaryIO, limit: int
) -> Iterator[tuple[str, int, bytes, int]]:
    """(file, line number, line without its end, its size in bytes) for every line."""
    if not files:
        yield from _lines("<stdin>", stdin, limit)
        return
    for path in files:
        with path.open("rb") as handle:
            yield from _lines(str(path), handle, limit)


def _lines(where: str, handle: BinaryIO, limit: int) -> Iterator[tuple[str, int, bytes, int]]:
    """The lines of `handle`; of a line over `limit` bytes only the start is kept,
    so one endless line cannot take all memory: its size is enough to refuse it."""
    number = 0
    while True:
        line = handle.readline(limit + 3)  # room for the limit and a CRLF
        if not line:
            return
        number += 1
        size, chunk = len(line), line
        while chunk and not chunk.endswith(b"\n"):  # the rest of an overlong line
            chunk = handle.readline(1 << 20)
            size += len(chunk)
        if chunk.endswith(b"\n"):
            size -= 1
        text = line.rstrip(b"\r\n")
        yield where, number, text, size if size > limit else len(text)


def _extract(args: argparse.Namespace) -> int:
    for path in args.files:
        if not path.is_file():
            print(f"dateline extract: {path}: no such file", file=sys.stderr)
            return 2
    settings = _settings(args, EXTRACT_OVERRIDES)
    if settings is None:
        return 2
    extractor = load_extractor()
    out = sys.stdout.buffer
    budget, limit = settings.record_timeout_seconds, settings.max_article_bytes
    bad = 0
    for where, number, line, size in _records(args.files, sys.stdin.buffer, limit):
        if size <= limit and not line.strip():
            continue
        try:
            # The budget covers the whole record, decoding and encoding included.
            with time_budget(budget):
                check_size(size, limit)
                article = decode_article(line)
                encoded = [dumps(event) for event in extractor.extract(article)]
        except ArticleRejected as exc:
            reason, message = exc.reason, exc.message
        except BudgetExceeded:
            reason = "timeout"
            message = f"extraction did not finish within the {budget:g} s per-record budget"
        except Exception as exc:  # a core bug must not lose the rest of the input
            reason, message = "extraction_error", f"{type(exc).__name__}: {exc}"
        else:
            for payload in encoded:
                out.write(payload + b"\n")
            out.flush()
            continue
        bad += 1
        print(f"{where}:{number}: {reason}: {_one_line(message)}", file=sys.stderr)
    return 1 if bad else 0


def _settings(args: argparse.Namespace, options: dict[str, str]) -> Settings | None:
    """The one Settings of a command: DATELINE_* variables, then the command's options."""
    overrides: dict[str, Any] = {}
    for name in options:
        value = getattr(args, name)
        if value is not None:
            overrides[name] = value
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        for error in exc.errors(include_url=False, include_input=False):
            name = ".".join(str(part) for part in error["loc"]) or "settings"
            where = f"{options[name]} or {env_var_name(name)}" if name in options else name
            print(f"dateline {args.command}: {where}: {error['msg']}", file=sys.stderr)
        return None


def _one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _timex(args: argparse.Namespace) -> int:
    from service.extract.timex import TimexTagger
    from service.extract.timex_protocol import run_protocol

    tagger = TimexTagger(load_extractor().resources.timex)
    out = sys.stdout
    for line in run_protocol(sys.stdin, tagger):
        out.write(line + "\n")
    out.flush()
    return 0


def _load_corpus(files: Sequence[Path]) -> list[Article]:
    if files:
        blobs = [line for path in files for line in path.read_bytes().splitlines()]
    else:
        samples = importlib_resources.files("service.samples").joinpath(SAMPLES)
        blobs = samples.read_bytes().splitlines()
    return [decode_article(blob) for blob in blobs if blob.strip()]


def _bench(args: argparse.Namespace) -> int:
    if args.stream:
        from service.stream.cli import run_stream_bench

        return run_stream_bench(args)
    if hasattr(os, "sched_setaffinity"):  # measure one core, as the target is stated
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    corpus = _load_corpus(args.files)
    extractor = load_extractor()
    mean_chars = sum(len(a.body) for a in corpus) / len(corpus)
    _run_for(extractor, corpus, seconds=min(1.0, args.seconds / 5))  # warm-up
    done, events, elapsed = _run_for(extractor, corpus, seconds=args.seconds)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"corpus={len(corpus)} articles mean_chars={mean_chars:.0f} "
        f"articles={done} events={events} "
        f"seconds={elapsed:.2f} extractor={extractor.version}"
    )
    print(f"articles_per_s={done / elapsed:.0f} peak_rss_mb={peak_mb:.0f}")
    return 0


def _run_for(extractor: Extractor, corpus: list[Article], seconds: float) -> tuple[int, int, float]:
    done = events = 0
    start = time.perf_counter()
    while True:
        for article in corpus:
            with contextlib.suppress(ArticleRejected):  # the corpus may hold bad records on purpose
                events += len(extractor.extract(article))
            done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done, events, elapsed
