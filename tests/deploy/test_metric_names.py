"""Every series the dashboard, the alerts and the autoscaler use is one a worker exports.

The exported names come from a worker's /metrics after the real processing
code ran (see `exported.py`), never from a list kept by hand, so renaming a
metric in `service/metrics.py` without updating deploy/ fails here.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from typing import Any

from tests.deploy.conftest import DASHBOARD_FILE, K8S_DIR, PROMETHEUS_DIR, README, load_yaml
from tests.deploy.exported import Exposition
from tests.deploy.promql import grouping_labels, matcher_labels, series_names

# Prometheus writes `up` for every scrape target itself; the service never does.
PROMETHEUS_SERIES = frozenset({"up"})
# Labels Prometheus attaches to every scraped series (compose and PodMonitor alike).
TARGET_LABELS = frozenset({"job", "instance"})
LEGEND_LABEL = re.compile(r"\{\{\s*(\w+)\s*\}\}")
ANNOTATION_LABEL = re.compile(r"\$labels\.(\w+)")
METRIC_IN_TEXT = re.compile(r"\bdateline_[a-z0-9_]+\b")


def dashboard_expressions() -> list[tuple[str, str]]:
    """(where, PromQL) for every panel target and templating query of the dashboard."""
    dashboard = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))
    found = []
    for panel in _panels(dashboard["panels"]):
        for target in panel.get("targets", []):
            found.append((f"panel {panel['title']!r} {target['refId']}", target["expr"]))
    for variable in dashboard.get("templating", {}).get("list", []):
        query = variable.get("query")
        text = query.get("query") if isinstance(query, dict) else query
        if variable.get("type") == "query" and text:
            found.append((f"variable {variable['name']!r}", text))
    return found


def _panels(panels: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for panel in panels:
        yield panel
        yield from _panels(panel.get("panels", []))


def alert_expressions() -> list[tuple[str, str]]:
    rules = load_yaml(PROMETHEUS_DIR / "alerts.yml")
    return [
        (f"alert {rule['alert']}", rule["expr"])
        for group in rules["groups"]
        for rule in group["rules"]
    ]


def unknown_series(exprs: list[tuple[str, str]], exposition: Exposition) -> list[str]:
    exported = exposition.series_names | PROMETHEUS_SERIES
    problems = []
    for where, expr in exprs:
        for name in sorted(series_names(expr) - exported):
            close = difflib.get_close_matches(name, exported, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(f"{where}: {name} is not exported{hint}")
    return problems


def unknown_labels(exprs: list[tuple[str, str]], exposition: Exposition) -> list[str]:
    problems = []
    for where, expr in exprs:
        in_expr: set[str] = set(TARGET_LABELS)
        for name, labels in matcher_labels(expr).items():
            known = exposition.labels_of(name) | TARGET_LABELS
            in_expr |= known
            problems += [f"{where}: {name} has no label {label!r}" for label in labels - known]
        for name in series_names(expr):
            in_expr |= exposition.labels_of(name)
        problems += [
            f"{where}: groups by {label!r}, which none of its series has"
            for label in grouping_labels(expr) - in_expr
        ]
    return problems


def test_the_drive_took_every_path(exposition: Exposition) -> None:
    # Coded articles, a record refused while decoding and one the core refused:
    # without all three some series would only exist at their zero values.
    outcomes = {(result.status, result.reason) for result in exposition.results}
    assert outcomes == {
        ("coded", None),
        ("dead_letter", "invalid_json"),
        ("dead_letter", "no_publication_date"),
    }


def test_the_dashboard_queries_something() -> None:
    assert len(dashboard_expressions()) >= 20


def test_every_dashboard_series_is_exported(exposition: Exposition) -> None:
    assert unknown_series(dashboard_expressions(), exposition) == []


def test_every_alert_series_is_exported(exposition: Exposition) -> None:
    assert unknown_series(alert_expressions(), exposition) == []


def test_every_dashboard_label_exists(exposition: Exposition) -> None:
    assert unknown_labels(dashboard_expressions(), exposition) == []


def test_every_alert_label_exists(exposition: Exposition) -> None:
    assert unknown_labels(alert_expressions(), exposition) == []


def test_legends_name_labels_the_query_keeps() -> None:
    dashboard = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))
    problems = []
    for panel in _panels(dashboard["panels"]):
        for target in panel.get("targets", []):
            kept = grouping_labels(target["expr"])
            for label in LEGEND_LABEL.findall(target.get("legendFormat", "")):
                if label not in kept:
                    problems.append(f"panel {panel['title']!r}: legend {{{{{label}}}}} is dropped")
    assert problems == []


def test_alert_annotations_name_labels_the_alert_has(exposition: Exposition) -> None:
    rules = load_yaml(PROMETHEUS_DIR / "alerts.yml")
    problems = []
    for group in rules["groups"]:
        for rule in group["rules"]:
            expr = rule["expr"]
            grouped = grouping_labels(expr)
            if grouped:
                kept = grouped
            else:
                kept = set(TARGET_LABELS)
                for name in series_names(expr):
                    kept |= exposition.labels_of(name)
            text = " ".join(rule.get("annotations", {}).values())
            problems += [
                f"{rule['alert']}: $labels.{label} is not a label of the alert"
                for label in set(ANNOTATION_LABEL.findall(text)) - kept
            ]
    assert problems == []


def test_the_autoscaler_metric_is_exported(exposition: Exposition) -> None:
    hpa = load_yaml(K8S_DIR / "hpa.yaml")
    names = {
        metric["external"]["metric"]["name"]
        for metric in hpa["spec"]["metrics"]
        if metric["type"] == "External"
    }
    assert (len(names), names - exposition.series_names) == (1, set())


def test_every_metric_named_in_docs_and_descriptions_is_exported(exposition: Exposition) -> None:
    # Descriptions tell on-call which series to look at: those must exist too.
    known = exposition.series_names | set(exposition.families)
    named = {
        f"{path.name}: {name}"
        for path in [README, PROMETHEUS_DIR / "alerts.yml", DASHBOARD_FILE, K8S_DIR / "hpa.yaml"]
        for name in METRIC_IN_TEXT.findall(path.read_text(encoding="utf-8"))
        if name not in known
    }
    assert named == set()
