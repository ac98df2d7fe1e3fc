"""Fixtures for the deploy tests: the deploy files, parsed, and what the service exports.

These tests need no broker, network or Docker engine. They read the files
under deploy/ and docker-compose.yml and compare them with the service as it
is: its `Settings` model, its health routes, and the metrics a worker serves
after processing real articles.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import CollectorRegistry
from service.extract import Extractor
from service.metrics import Metrics
from service.settings import ENV_PREFIX, Settings
from service.stream.health import Health, HealthServer

from tests.deploy.exported import Exposition, collect_exposition, drive_records

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = DEPLOY / "Dockerfile"
PROMETHEUS_DIR = DEPLOY / "prometheus"
GRAFANA_DIR = DEPLOY / "grafana"
DASHBOARD_FILE = GRAFANA_DIR / "dashboards" / "dateline.json"
K8S_DIR = DEPLOY / "k8s"
README = DEPLOY / "README.md"

# PyYAML is not a dependency of the project yet; until it is a dev extra the
# tests that read YAML skip, and say so.
YAML_MISSING = (
    "PyYAML is not installed: add pyyaml to the dev extras to check the YAML deploy files"
)


def load_yaml(path: Path) -> Any:
    yaml = pytest.importorskip("yaml", reason=YAML_MISSING)
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_yaml_documents(path: Path) -> list[Any]:
    yaml = pytest.importorskip("yaml", reason=YAML_MISSING)
    with path.open(encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc is not None]


@pytest.fixture(autouse=True)
def _no_dateline_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.upper().startswith(ENV_PREFIX):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def exposition(extractor: Extractor) -> Exposition:
    """What /metrics serves after the real processing code coded and rejected some records."""
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.upper().startswith(ENV_PREFIX):
                patch.delenv(name)
        # Port 9 (discard) on loopback: nothing here may reach a broker.
        settings = Settings(brokers="127.0.0.1:9")
    return collect_exposition(settings, extractor, drive_records())


@pytest.fixture(scope="session")
def health_routes() -> frozenset[str]:
    """GET paths the worker's web server answers (liveness, readiness, metrics)."""
    metrics = Metrics(CollectorRegistry())
    app = HealthServer(Settings.model_construct(), Health(metrics), metrics).application()
    return frozenset(
        route.resource.canonical
        for route in app.router.routes()
        if route.method == "GET" and route.resource is not None
    )


@pytest.fixture(scope="session")
def compose() -> dict[str, Any]:
    document = load_yaml(COMPOSE_FILE)
    assert isinstance(document, dict), f"{COMPOSE_FILE} is not a mapping"
    return document


@pytest.fixture(scope="session")
def k8s_objects() -> list[dict[str, Any]]:
    """Every Kubernetes object under deploy/k8s (the kustomization is not one)."""
    objects = []
    for path in sorted(K8S_DIR.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        for document in load_yaml_documents(path):
            assert isinstance(document, dict), f"{path}: a document is not a mapping"
            objects.append({**document, "_file": path.name})
    return objects
