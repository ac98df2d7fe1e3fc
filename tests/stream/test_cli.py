"""The stream subcommands: registration, configuration errors, refusals (no broker needed)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from service.stream.broker import free_port
from service.stream.cli import add_stream_bench_arguments, add_stream_commands


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="dateline")
    add_stream_commands(root.add_subparsers(dest="command", required=True))
    return root


def run(*argv: str) -> int:
    args = parser().parse_args(list(argv))
    code: int = args.handler(args)
    return code


@pytest.mark.parametrize("command", ["worker", "run", "publish x.jsonl", "tail"])
def test_subcommands_registered(command: str) -> None:
    assert callable(parser().parse_args(command.split()).handler)


def test_bench_arguments() -> None:
    bench = argparse.ArgumentParser()
    add_stream_bench_arguments(bench)
    args = bench.parse_args(["--articles", "50", "--partitions", "2"])
    assert (args.articles, args.partitions) == (50, 2)


def test_worker_without_broker_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code = run("worker")
    assert (code, "DATELINE_BROKERS" in capsys.readouterr().err) == (2, True)


def test_invalid_setting_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATELINE_TOPIC_PARTITIONS", "zero")
    code = run("worker")
    err = capsys.readouterr().err
    assert (code, err.count("\n"), "topic_partitions" in err) == (2, 1, True)


def test_exactly_once_refused_before_starting_the_embedded_broker(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATELINE_PROCESSING_GUARANTEE", "exactly_once")
    monkeypatch.setenv("DATELINE_EMBEDDED_BROKER", "true")
    code = run("worker")
    assert (code, "transactions" in capsys.readouterr().err) == (2, True)


def test_publish_needs_a_broker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("{}\n")
    assert run("publish", str(path)) == 2


def test_publish_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code = run("publish", "--brokers", "127.0.0.1:9", "/nonexistent/articles.jsonl")
    assert (code, "no such file" in capsys.readouterr().err) == (2, True)


def test_run_with_missing_articles_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("run", "--articles", "/nonexistent.jsonl") == 2


@pytest.mark.parametrize("command", ["publish", "tail"])
def test_unreachable_broker_is_one_line_and_exit_1(command: str, tmp_path: Path) -> None:
    # A process of its own: the command runs its own event loop (asyncio.run),
    # which must not replace the test session's.
    closed = f"127.0.0.1:{free_port()}"
    articles = tmp_path / "a.jsonl"
    articles.write_text('{"id": "a", "body": "x"}\n')
    argv = [command, "--brokers", closed] + ([str(articles)] if command == "publish" else [])
    done = subprocess.run(
        [sys.executable, "-m", "service.stream", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert f"dateline {command}: cannot use the broker at {closed}" in done.stderr
    assert "Traceback" not in done.stderr
