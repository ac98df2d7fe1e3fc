"""Fixtures for the stream layer's unit tests: clean settings, a fresh registry per test."""

from __future__ import annotations

import os

import pytest
from prometheus_client import CollectorRegistry
from service.metrics import Metrics
from service.settings import ENV_PREFIX, Settings

from tests.stream.fakes import FakeExtractor


@pytest.fixture(autouse=True)
def _no_dateline_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Settings read DATELINE_* variables; a developer's shell must not leak in.
    for name in list(os.environ):
        if name.upper().startswith(ENV_PREFIX):
            monkeypatch.delenv(name)


@pytest.fixture
def registry() -> CollectorRegistry:
    return CollectorRegistry()


@pytest.fixture
def metrics(registry: CollectorRegistry) -> Metrics:
    return Metrics(registry)


@pytest.fixture
def settings() -> Settings:
    # Port 9 (discard) on loopback: nothing in these tests may reach a broker.
    return Settings(brokers="127.0.0.1:9", max_article_bytes=4096)


@pytest.fixture
def fake_extractor() -> FakeExtractor:
    return FakeExtractor()
