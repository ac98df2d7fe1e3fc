"""The Prometheus config and alert rules pass promtool, and every alert is unit-tested.

promtool comes with Debian's `prometheus` package (.ci/run installs it).
Without it the promtool tests skip and say so; the structural checks of the
rules below still run.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.deploy.conftest import PROMETHEUS_DIR, load_yaml

PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None,
    reason="promtool not on PATH (apt-get install prometheus ships /usr/bin/promtool)",
)
CONFIG = PROMETHEUS_DIR / "prometheus.yml"
RULES = PROMETHEUS_DIR / "alerts.yml"
RULE_TESTS = PROMETHEUS_DIR / "alerts_test.yml"
# What the issue asks the alerts to cover, by the alert that covers it.
REQUIRED_ALERTS = {
    "extraction failure ratio": "DatelineExtractionFailureRatioHigh",
    "dead-letter rate": "DatelineDeadLettersHigh",
    "no articles consumed while lag grows": "DatelineConsumptionStalled",
    "consumer lag": "DatelineConsumerLagHigh",
    "worker down": "DatelineWorkerDown",
    "p99 processing latency": "DatelineProcessingLatencyHigh",
}


def promtool(*args: str | Path) -> subprocess.CompletedProcess[str]:
    assert PROMTOOL is not None
    return subprocess.run(
        [PROMTOOL, *map(str, args)], capture_output=True, text=True, timeout=60, check=False
    )


def alert_rules() -> list[dict[str, Any]]:
    document = load_yaml(RULES)
    return [rule for group in document["groups"] for rule in group["rules"] if "alert" in rule]


@needs_promtool
@pytest.mark.parametrize(
    ("command", "path"), [("config", CONFIG), ("rules", RULES)], ids=["config", "rules"]
)
def test_promtool_check_passes(command: str, path: Path) -> None:
    result = promtool("check", command, path)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_promtool_rule_unit_tests_pass() -> None:
    result = promtool("test", "rules", RULE_TESTS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("concern", sorted(REQUIRED_ALERTS))
def test_required_alert_exists(concern: str) -> None:
    assert REQUIRED_ALERTS[concern] in {rule["alert"] for rule in alert_rules()}


def test_every_alert_tells_on_call_what_and_what_to_check() -> None:
    incomplete = [
        rule["alert"]
        for rule in alert_rules()
        if not rule.get("annotations", {}).get("summary")
        or len(rule.get("annotations", {}).get("description", "")) < 80
        or rule.get("labels", {}).get("severity") not in {"page", "warning"}
    ]
    assert incomplete == []


def test_every_alert_has_a_unit_test_where_it_fires() -> None:
    tests = load_yaml(RULE_TESTS)
    firing = {
        case["alertname"]
        for test in tests["tests"]
        for case in test.get("alert_rule_test", [])
        if case.get("exp_alerts")
    }
    assert {rule["alert"] for rule in alert_rules()} - firing == set()


def test_rule_tests_load_the_shipped_rules() -> None:
    tests = load_yaml(RULE_TESTS)
    assert [(RULE_TESTS.parent / path).resolve() for path in tests["rule_files"]] == [
        RULES.resolve()
    ]


def test_prometheus_loads_the_shipped_rules() -> None:
    config = load_yaml(CONFIG)
    assert [(CONFIG.parent / path).resolve() for path in config["rule_files"]] == [RULES.resolve()]
