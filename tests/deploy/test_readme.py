"""deploy/README.md is current: generated tables, every alert and dashboard row, real variables."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from service.settings import Settings, env_var_name

from tests.deploy.conftest import (
    COMPOSE_FILE,
    DASHBOARD_FILE,
    DEPLOY,
    DOCKERFILE,
    K8S_DIR,
    PROMETHEUS_DIR,
    README,
)
from tests.deploy.docs import metrics_table, settings_table
from tests.deploy.exported import Exposition

VARIABLE = re.compile(r"\bDATELINE_[A-Z0-9_]+\b")
# Files an operator reads or runs; every DATELINE_* name in them must be a setting.
DOCUMENTS = [
    README,
    DOCKERFILE,
    COMPOSE_FILE,
    PROMETHEUS_DIR / "alerts.yml",
    DASHBOARD_FILE,
    *sorted(K8S_DIR.glob("*.yaml")),
]
ALERT_NAME = re.compile(r"^\s*- alert: (\w+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


# Both READMEs carry the generated tables: the project's for users, deploy's for operators.
TABLE_READMES = [README, DEPLOY.parent / "README.md"]


@pytest.mark.parametrize("path", TABLE_READMES, ids=lambda p: str(p.relative_to(DEPLOY.parent)))
def test_configuration_table_is_current(path: Path) -> None:
    assert settings_table() in path.read_text(encoding="utf-8"), (
        f"{path} is stale: paste the output of python -m tests.deploy.docs"
    )


@pytest.mark.parametrize("path", TABLE_READMES, ids=lambda p: str(p.relative_to(DEPLOY.parent)))
def test_metrics_table_is_current(path: Path, exposition: Exposition) -> None:
    assert metrics_table(exposition) in path.read_text(encoding="utf-8"), (
        f"{path} is stale: paste the output of python -m tests.deploy.docs"
    )


def test_every_alert_is_documented(readme: str) -> None:
    alerts = ALERT_NAME.findall((PROMETHEUS_DIR / "alerts.yml").read_text(encoding="utf-8"))
    assert (len(alerts) > 0, [name for name in alerts if f"`{name}`" not in readme]) == (True, [])


def test_every_dashboard_row_is_described(readme: str) -> None:
    dashboard = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))
    rows = [panel["title"] for panel in dashboard["panels"] if panel["type"] == "row"]
    assert [row for row in rows if f"**{row}**" not in readme] == []


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: str(path.relative_to(DEPLOY.parent)))
def test_every_variable_named_is_a_setting(path: Path) -> None:
    settings = {env_var_name(name) for name in Settings.model_fields}
    named = set(VARIABLE.findall(path.read_text(encoding="utf-8")))
    assert named - settings == set()
