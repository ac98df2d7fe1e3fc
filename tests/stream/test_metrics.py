"""Metric names, types and label sets: what dashboards and alerts are built on."""

from __future__ import annotations

import pytest
from prometheus_client import CollectorRegistry
from service.metrics import Metrics
from service.models import DEAD_LETTER_REASONS, EVENT_TYPES, STATUSES

EXPECTED = {
    # family name (as collected) -> (type, label names)
    "dateline_articles_consumed": ("counter", set()),
    "dateline_articles_coded": ("counter", set()),
    "dateline_dead_letters": ("counter", {"reason"}),
    "dateline_extraction_failures": ("counter", {"reason"}),
    "dateline_events_published": ("counter", {"type", "status"}),
    "dateline_processing_latency_seconds": ("histogram", set()),
    "dateline_extraction_duration_seconds": ("histogram", set()),
    "dateline_article_size_bytes": ("histogram", set()),
    "dateline_events_per_article": ("histogram", set()),
    "dateline_records_in_flight": ("gauge", set()),
    "dateline_consumer_lag_records": ("gauge", {"partition"}),
    "dateline_extraction_worker_restarts": ("counter", {"cause"}),
    "dateline_publish_retries": ("counter", set()),
    "dateline_agent_crashes": ("counter", set()),
    "dateline_broker_up": ("gauge", set()),
    "dateline_ready": ("gauge", set()),
    "dateline_build": ("info", {"version", "extractor"}),
}


def families(registry: CollectorRegistry) -> dict[str, str]:
    return {family.name: family.type for family in registry.collect()}


def test_exactly_the_documented_metrics(metrics: Metrics, registry: CollectorRegistry) -> None:
    metrics.set_build_info(version="0.1.0", extractor="dateline/0.1.0+abc")
    metrics.consumer_lag.labels(partition="0").set(3)
    assert families(registry) == {name: kind for name, (kind, _) in EXPECTED.items()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_label_names(metrics: Metrics, registry: CollectorRegistry, name: str) -> None:
    metrics.set_build_info(version="0.1.0", extractor="x")
    metrics.consumer_lag.labels(partition="0").set(0)
    family = next(family for family in registry.collect() if family.name == name)
    bucket_and_sum = {"le"}
    labels = {label for sample in family.samples for label in sample.labels} - bucket_and_sum
    assert labels == EXPECTED[name][1]


def test_every_reason_starts_at_zero(registry: CollectorRegistry, metrics: Metrics) -> None:
    values = [
        registry.get_sample_value("dateline_dead_letters_total", {"reason": reason})
        for reason in DEAD_LETTER_REASONS
    ]
    assert values == [0.0] * len(DEAD_LETTER_REASONS)


def test_every_type_and_status_starts_at_zero(
    registry: CollectorRegistry, metrics: Metrics
) -> None:
    values = {
        registry.get_sample_value("dateline_events_published_total", {"type": t, "status": s})
        for t in EVENT_TYPES
        for s in STATUSES
    }
    assert values == {0.0}


def test_counters_end_in_total(registry: CollectorRegistry, metrics: Metrics) -> None:
    counter_samples = {
        sample.name
        for family in registry.collect()
        if family.type == "counter"
        for sample in family.samples
        if not sample.name.endswith("_created")
    }
    assert all(name.endswith("_total") for name in counter_samples)


def test_build_info_carries_versions(registry: CollectorRegistry, metrics: Metrics) -> None:
    metrics.set_build_info(version="0.1.0", extractor="dateline/0.1.0+abc")
    value = registry.get_sample_value(
        "dateline_build_info", {"version": "0.1.0", "extractor": "dateline/0.1.0+abc"}
    )
    assert value == 1.0


def test_registries_are_independent() -> None:
    first, second = CollectorRegistry(), CollectorRegistry()
    Metrics(first).articles_consumed.inc()
    Metrics(second)
    assert second.get_sample_value("dateline_articles_consumed_total") == 0.0
