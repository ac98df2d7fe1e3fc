"""The extraction core stays pure: no stream, metrics, settings, clock or I/O code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import service.extract

CORE = Path(service.extract.__file__).parent
FORBIDDEN_MODULES = (
    "faust",
    "aiokafka",
    "mode",
    "prometheus_client",
    "service.stream",
    "service.metrics",
    "service.settings",
    "socket",
    "subprocess",
    "time",
    "asyncio",
    "os",
    "random",
)
FORBIDDEN_CALLS = {"now", "today", "utcnow", "time", "open", "perf_counter", "monotonic"}
# Loading the packaged resource files is the one sanctioned read, done once at start-up.
IO_ALLOWED = {"resources.py", "timex.py", "timex_resources.py"}


def core_files() -> list[Path]:
    return sorted(CORE.glob("*.py"))


@pytest.mark.parametrize("path", core_files(), ids=lambda p: p.name)
def test_core_module_imports_nothing_impure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert not any(
                name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_MODULES
            ), f"{path.name} imports {name}"


@pytest.mark.parametrize("path", core_files(), ids=lambda p: p.name)
def test_core_module_reads_no_clock_and_opens_no_files(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else ""
            )
            if name in {"read_bytes", "read_text", "open", "iterdir"} and path.name in IO_ALLOWED:
                continue
            assert name not in FORBIDDEN_CALLS | {"read_bytes", "read_text", "iterdir"}, (
                f"{path.name}:{node.lineno} calls {name}()"
            )


def test_the_core_runs_with_io_and_clock_disabled(
    monkeypatch: pytest.MonkeyPatch, extractor: object
) -> None:
    import builtins
    import datetime as dt
    import socket

    from service.extract import Extractor
    from service.models import Article

    assert isinstance(extractor, Extractor)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the core touched I/O or the clock")

    class FrozenDate(dt.date):
        @classmethod
        def today(cls) -> FrozenDate:
            raise AssertionError("the core read the clock")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(dt, "date", FrozenDate)
    article = Article(
        id="p", body="China urged Japan to talk on Monday.", published_at="2024-03-15"
    )
    assert isinstance(extractor.extract(article), list)
