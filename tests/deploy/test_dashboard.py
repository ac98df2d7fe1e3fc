"""The Grafana dashboard is well-formed, uses the provisioned datasource, shows what ops need."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import combinations
from typing import Any

import pytest

from tests.deploy.conftest import DASHBOARD_FILE, GRAFANA_DIR, ROOT, load_yaml
from tests.deploy.promql import grouping_labels, series_names

GRID_COLUMNS = 24
PANEL_TYPES = {"row", "timeseries", "stat", "table", "gauge", "bargauge", "text"}
# Grafana accepts uids of at most 40 letters, digits, - and _.
UID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@pytest.fixture(scope="module")
def dashboard() -> dict[str, Any]:
    document = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


@pytest.fixture(scope="module")
def provisioned() -> dict[str, str]:
    """uid -> type of every provisioned datasource."""
    found = {}
    for path in sorted((GRAFANA_DIR / "provisioning" / "datasources").glob("*.yml")):
        for source in load_yaml(path)["datasources"]:
            found[source["uid"]] = source["type"]
    return found


def panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        panel
        for top in dashboard["panels"]
        for panel in [top, *top.get("panels", [])]  # collapsed rows nest theirs
    ]


def graphs(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    return [panel for panel in panels(dashboard) if panel["type"] != "row"]


def datasource_refs(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "datasource":
                yield value
            else:
                yield from datasource_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from datasource_refs(item)


def test_dashboard_has_a_stable_uid(dashboard: dict[str, Any]) -> None:
    assert UID.match(dashboard.get("uid", ""))


def test_dashboard_has_title_and_schema_version(dashboard: dict[str, Any]) -> None:
    assert (bool(dashboard.get("title")), isinstance(dashboard.get("schemaVersion"), int)) == (
        True,
        True,
    )


def test_panel_ids_are_unique(dashboard: dict[str, Any]) -> None:
    ids = [panel["id"] for panel in panels(dashboard)]
    assert len(ids) == len(set(ids))


def test_panel_types_are_builtin(dashboard: dict[str, Any]) -> None:
    assert {panel["type"] for panel in panels(dashboard)} <= PANEL_TYPES


def test_panels_fit_the_grid(dashboard: dict[str, Any]) -> None:
    outside = [
        panel["title"]
        for panel in panels(dashboard)
        if panel["gridPos"]["x"] < 0
        or panel["gridPos"]["w"] < 1
        or panel["gridPos"]["h"] < 1
        or panel["gridPos"]["x"] + panel["gridPos"]["w"] > GRID_COLUMNS
    ]
    assert outside == []


def test_panels_do_not_overlap(dashboard: dict[str, Any]) -> None:
    def cells(panel: dict[str, Any]) -> set[tuple[int, int]]:
        grid = panel["gridPos"]
        return {
            (x, y)
            for x in range(grid["x"], grid["x"] + grid["w"])
            for y in range(grid["y"], grid["y"] + grid["h"])
        }

    overlapping = [
        (a["title"], b["title"])
        for a, b in combinations(dashboard["panels"], 2)
        if cells(a) & cells(b)
    ]
    assert overlapping == []


def test_every_panel_has_targets(dashboard: dict[str, Any]) -> None:
    assert [panel["title"] for panel in graphs(dashboard) if not panel.get("targets")] == []


def test_every_target_has_a_query_and_a_unique_ref_id(dashboard: dict[str, Any]) -> None:
    bad = [
        panel["title"]
        for panel in graphs(dashboard)
        if any(not target.get("expr") for target in panel["targets"])
        or len({target["refId"] for target in panel["targets"]}) != len(panel["targets"])
    ]
    assert bad == []


def test_every_panel_sets_a_unit(dashboard: dict[str, Any]) -> None:
    missing = [
        panel["title"]
        for panel in graphs(dashboard)
        if not panel.get("fieldConfig", {}).get("defaults", {}).get("unit")
    ]
    assert missing == []


def test_every_datasource_reference_resolves(
    dashboard: dict[str, Any], provisioned: dict[str, str]
) -> None:
    refs = list(datasource_refs(dashboard))
    unresolved = [
        ref
        for ref in refs
        if not isinstance(ref, dict) or provisioned.get(ref.get("uid", "")) != ref.get("type")
    ]
    assert (len(refs) > 0, unresolved) == (True, [])


def test_rows_are_the_documented_ones(dashboard: dict[str, Any]) -> None:
    rows = [panel["title"] for panel in dashboard["panels"] if panel["type"] == "row"]
    assert rows == ["Throughput", "Failures and dead letters", "Latency", "Consumer lag", "Workers"]


def _queries(dashboard: dict[str, Any]) -> list[tuple[set[str], set[str], str]]:
    return [
        (series_names(target["expr"]), grouping_labels(target["expr"]), target["expr"])
        for panel in graphs(dashboard)
        for target in panel["targets"]
    ]


@pytest.mark.parametrize(
    ("view", "series", "by"),
    [
        ("articles/s in", "dateline_articles_consumed_total", None),
        ("events/s out by type", "dateline_events_published_total", "type"),
        ("extraction failures by reason", "dateline_extraction_failures_total", "reason"),
        ("dead letters by reason", "dateline_dead_letters_total", "reason"),
        ("consumer lag by partition", "dateline_consumer_lag_records", "partition"),
        ("events per article", "dateline_events_per_article_bucket", None),
        ("worker count", "up", None),
        ("build info", "dateline_build_info", "version"),
    ],
)
def test_dashboard_shows(dashboard: dict[str, Any], view: str, series: str, by: str | None) -> None:
    assert any(
        series in names and (by is None or by in grouped)
        for names, grouped, _ in _queries(dashboard)
    )


@pytest.mark.parametrize("quantile", ["0.5", "0.95", "0.99"])
def test_dashboard_shows_processing_latency_quantile(
    dashboard: dict[str, Any], quantile: str
) -> None:
    assert any(
        "dateline_processing_latency_seconds_bucket" in names
        and expr.startswith(f"histogram_quantile({quantile},")
        for names, _, expr in _queries(dashboard)
    )


def test_grafana_loads_the_dashboard_folder_compose_mounts(compose: dict[str, Any]) -> None:
    providers = load_yaml(GRAFANA_DIR / "provisioning" / "dashboards" / "dateline.yml")["providers"]
    # Short syntax: ./source:/target[:ro]
    mounts = dict(
        tuple(str(volume).split(":")[:2]) for volume in compose["services"]["grafana"]["volumes"]
    )
    target = mounts.get(f"./{DASHBOARD_FILE.parent.relative_to(ROOT)}")
    assert target in [provider["options"]["path"] for provider in providers]


def test_provisioned_datasource_is_the_compose_prometheus(compose: dict[str, Any]) -> None:
    sources = load_yaml(GRAFANA_DIR / "provisioning" / "datasources" / "prometheus.yml")
    urls = {source["url"] for source in sources["datasources"]}
    ports = [str(port).split(":")[-1] for port in compose["services"]["prometheus"]["ports"]]
    assert urls == {f"http://prometheus:{port}" for port in ports}
