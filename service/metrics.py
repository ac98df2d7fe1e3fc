"""Prometheus metrics of the service, registered on an injected registry.

Naming follows the Prometheus conventions: `dateline_` prefix, base units in
the name, counters end in `_total`, and every label takes its values from a
small fixed set (dead-letter reason codes, the 14 event types, the 5
statuses, the partitions of the input topic). Labelled series are created up
front with zero values, so dashboards and alerts see a series before its
first increment and tests can read exact deltas.
"""

from __future__ import annotations

from typing import Final

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

from service.models import DEAD_LETTER_REASONS, EVENT_TYPES, STATUSES

NAMESPACE: Final = "dateline"

# Seconds from a record's consumption to the broker's acknowledgement of its
# outputs; an article normally takes milliseconds, the budget is 10 s.
LATENCY_BUCKETS: Final = (
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    30.0,
)
EXTRACTION_BUCKETS: Final = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
)
# Wire articles are a few kilobytes; the default size limit is 512 KiB.
SIZE_BUCKETS: Final = tuple(float(2**n) for n in range(9, 21))  # 512 B .. 1 MiB
EVENT_COUNT_BUCKETS: Final = (0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0, 34.0, 55.0)

# Why an extraction process was replaced.
WORKER_RESTART_CAUSES: Final = ("timeout", "died", "cancelled")
# The dead-letter reasons that come from running the core (the others come
# from decoding and validation, before the core sees the article).
EXTRACTION_FAILURE_REASONS: Final = ("no_publication_date", "extraction_error", "timeout")


class Metrics:
    """All metrics of one worker. Build one per process (tests: one per test)."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.articles_consumed = Counter(
            "articles_consumed_total",
            "Article records read from the input topic, good or bad.",
            namespace=NAMESPACE,
            registry=registry,
        )
        self.articles_coded = Counter(
            "articles_coded_total",
            "Articles coded: their events and audit record acknowledged by the broker.",
            namespace=NAMESPACE,
            registry=registry,
        )
        self.dead_letters = Counter(
            "dead_letters_total",
            "Records written to the dead-letter topic and acknowledged, by reason.",
            ["reason"],
            namespace=NAMESPACE,
            registry=registry,
        )
        self.extraction_failures = Counter(
            "extraction_failures_total",
            "Articles the extraction core refused, failed on or ran out of time on, by reason.",
            ["reason"],
            namespace=NAMESPACE,
            registry=registry,
        )
        self.events_published = Counter(
            "events_published_total",
            "Events published to the events topic and acknowledged, by type and status.",
            ["type", "status"],
            namespace=NAMESPACE,
            registry=registry,
        )
        self.processing_latency = Histogram(
            "processing_latency_seconds",
            "Time from consuming a record to the broker acknowledging all its outputs.",
            namespace=NAMESPACE,
            registry=registry,
            buckets=LATENCY_BUCKETS,
        )
        self.extraction_duration = Histogram(
            "extraction_duration_seconds",
            "CPU time the extraction core spent on one article.",
            namespace=NAMESPACE,
            registry=registry,
            buckets=EXTRACTION_BUCKETS,
        )
        self.article_size = Histogram(
            "article_size_bytes",
            "Size of consumed article records.",
            namespace=NAMESPACE,
            registry=registry,
            buckets=SIZE_BUCKETS,
        )
        self.events_per_article = Histogram(
            "events_per_article",
            "Events extracted from each coded article.",
            namespace=NAMESPACE,
            registry=registry,
            buckets=EVENT_COUNT_BUCKETS,
        )
        self.in_flight = Gauge(
            "records_in_flight",
            "Records consumed whose outputs are not yet acknowledged.",
            namespace=NAMESPACE,
            registry=registry,
        )
        self.consumer_lag = Gauge(
            "consumer_lag_records",
            "Records behind the high watermark, per assigned input partition.",
            ["partition"],
            namespace=NAMESPACE,
            registry=registry,
        )
        self.extraction_worker_restarts = Counter(
            "extraction_worker_restarts_total",
            "Extraction processes replaced, by cause.",
            ["cause"],
            namespace=NAMESPACE,
            registry=registry,
        )
        self.publish_retries = Counter(
            "publish_retries_total",
            "Failed attempts to publish a record's outputs that were retried.",
            namespace=NAMESPACE,
            registry=registry,
        )
        self.agent_crashes = Counter(
            "agent_crashes_total",
            "Unexpected exceptions that escaped the per-record handling of the agent.",
            namespace=NAMESPACE,
            registry=registry,
        )
        self.broker_up = Gauge(
            "broker_up",
            "1 when the last probe reached a broker, else 0.",
            namespace=NAMESPACE,
            registry=registry,
        )
        self.ready = Gauge(
            "ready",
            "1 when the worker reports ready (core loaded, partitions assigned, broker up).",
            namespace=NAMESPACE,
            registry=registry,
        )
        self.build = Info(
            "build",
            "Service version and extractor version of this worker.",
            namespace=NAMESPACE,
            registry=registry,
        )
        for reason in DEAD_LETTER_REASONS:
            self.dead_letters.labels(reason=reason)
        for reason in EXTRACTION_FAILURE_REASONS:
            self.extraction_failures.labels(reason=reason)
        for event_type in EVENT_TYPES:
            for status in STATUSES:
                self.events_published.labels(type=event_type, status=status)
        for cause in WORKER_RESTART_CAUSES:
            self.extraction_worker_restarts.labels(cause=cause)

    def set_build_info(self, *, version: str, extractor: str) -> None:
        """Publish the versions as `dateline_build_info{version, extractor}`."""
        self.build.info({"version": version, "extractor": extractor})
