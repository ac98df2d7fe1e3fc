"""The PromQL reader finds exactly the series and labels of the expressions deploy uses."""

from __future__ import annotations

import pytest

from tests.deploy.promql import grouping_labels, matcher_labels, series_names


@pytest.mark.parametrize(
    ("expr", "names"),
    [
        ("up", {"up"}),
        ('up{job="dateline"} == 0', {"up"}),
        # Functions, aggregations and grouping labels are not series.
        (
            "sum by (reason) (rate(dateline_dead_letters_total[5m]))",
            {"dateline_dead_letters_total"},
        ),
        (
            "histogram_quantile(0.99, sum by (job, le) "
            "(rate(dateline_processing_latency_seconds_bucket[10m]))) > 2.5",
            {"dateline_processing_latency_seconds_bucket"},
        ),
        # Both sides of a binary operator, with on() matching.
        (
            "sum by (instance) (rate(a_total[10m])) == 0 and on (instance) "
            "sum by (instance) (delta(b_records[10m])) > 0",
            {"a_total", "b_records"},
        ),
        # Label values may contain anything, including names and operators.
        ('x{reason=~"timeout|extraction_error", a="b(c)"}', {"x"}),
        # Grafana variables in matchers and ranges.
        ('rate(x_total{instance=~"$instance"}[$__rate_interval])', {"x_total"}),
        ("sum(rate(x_total[${__range}]))", {"x_total"}),
        # Grafana's templating helper names one series.
        ("label_values(dateline_build_info, instance)", {"dateline_build_info"}),
        ("label_values(instance)", set()),
        # Numbers in scientific notation and durations after offset.
        ("x / clamp_min(y, 1e-9) offset 5m", {"x", "y"}),
        ("absent(up{job='dateline'} == 1)", {"up"}),
    ],
)
def test_series_names(expr: str, names: set[str]) -> None:
    assert series_names(expr) == names


def test_matcher_labels_per_series() -> None:
    expr = 'sum(a{job="d", instance=~"$i"}) / sum(b{reason!="x"})'
    assert matcher_labels(expr) == {"a": {"job", "instance"}, "b": {"reason"}}


def test_grouping_labels_from_every_clause() -> None:
    expr = "sum by (job, le) (x) / on (job) group_left (version) sum without (instance) (y)"
    assert grouping_labels(expr) == {"job", "le", "version", "instance"}
