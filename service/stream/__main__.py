"""`python -m service.stream COMMAND`: the stream commands without the top-level CLI.

The integration tests start workers this way, so they depend only on this
package; users run the same commands as `dateline worker`, `dateline run`, ...
"""

from __future__ import annotations

import argparse

from service.stream.cli import add_stream_bench_arguments, add_stream_commands, run_stream_bench


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.stream")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_stream_commands(subparsers)
    bench = subparsers.add_parser("bench", help="the stream benchmark (dateline bench --stream)")
    add_stream_bench_arguments(bench)
    bench.set_defaults(handler=run_stream_bench)
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
