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
from typing import BinaryIO

from service import __version__
from service.decoding import decode_article
from service.extract import ArticleRejected, Extractor, load_extractor
from service.models import Article, dumps

SAMPLES = "articles.jsonl"  # in the service.samples package


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
    extract.set_defaults(handler=_extract)

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


def _records(files: Sequence[Path], stdin: BinaryIO) -> Iterator[tuple[str, int, bytes]]:
    if not files:
        for number, line in enumerate(stdin, 1):
            yield "<stdin>", number, line
        return
    for path in files:
        with path.open("rb") as handle:
            for number, line in enumerate(handle, 1):
                yield str(path), number, line


def _extract(args: argparse.Namespace) -> int:
    for path in args.files:
        if not path.is_file():
            print(f"dateline extract: {path}: no such file", file=sys.stderr)
            return 2
    extractor = load_extractor()
    out = sys.stdout.buffer
    bad = 0
    for where, number, line in _records(args.files, sys.stdin.buffer):
        if not line.strip():
            continue
        try:
            article = decode_article(line.rstrip(b"\r\n"))
            events = extractor.extract(article)
        except ArticleRejected as exc:
            bad += 1
            print(f"{where}:{number}: {exc.reason}: {exc.message}", file=sys.stderr)
            continue
        except Exception as exc:  # a core bug must not lose the rest of the input
            bad += 1
            print(
                f"{where}:{number}: extraction_error: {type(exc).__name__}: {exc}", file=sys.stderr
            )
            continue
        for event in events:
            out.write(dumps(event) + b"\n")
        out.flush()
    return 1 if bad else 0


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
