"""How settings turn into Kafka client options: brokers, SASL, TLS, topics, guarantees.

Config-level tests: no broker is contacted (except the refusal of
exactly_once on the embedded broker, which needs none).
"""

from __future__ import annotations

import ssl
from pathlib import Path

import faust
import pytest
from service.models import EVENT_TYPES
from service.settings import Settings
from service.stream.connection import (
    ConfigurationRefused,
    bootstrap_servers,
    check_processing_guarantee,
    client_options,
    faust_credentials,
    service_topics,
    ssl_context,
)

SASL = {"sasl_mechanism": "SCRAM-SHA-512", "sasl_username": "dateline", "sasl_password": "s3cret"}


def test_plaintext_by_default(settings: Settings) -> None:
    assert client_options(settings) == {
        "bootstrap_servers": ["127.0.0.1:9"],
        "security_protocol": "PLAINTEXT",
    }


def test_no_broker_is_refused_with_advice() -> None:
    with pytest.raises(ConfigurationRefused, match="DATELINE_BROKERS"):
        bootstrap_servers(Settings())


def test_sasl_options_reach_aiokafka() -> None:
    options = client_options(Settings(brokers="k:9093", **SASL))  # type: ignore[arg-type]
    assert (
        options["security_protocol"],
        options["sasl_mechanism"],
        options["sasl_plain_username"],
        options["sasl_plain_password"],
    ) == ("SASL_PLAINTEXT", "SCRAM-SHA-512", "dateline", "s3cret")


def test_sasl_reaches_faust() -> None:
    credentials = faust_credentials(Settings(brokers="k:9093", **SASL))  # type: ignore[arg-type]
    assert isinstance(credentials, faust.SASLCredentials)
    assert (credentials.username, credentials.password, credentials.mechanism.value) == (
        "dateline",
        "s3cret",
        "SCRAM-SHA-512",
    )


def test_faust_credentials_do_not_show_the_password() -> None:
    credentials = faust_credentials(Settings(brokers="k:9093", **SASL))  # type: ignore[arg-type]
    assert "s3cret" not in repr(credentials)


def test_tls_context_checks_hostnames_by_default() -> None:
    context = ssl_context(Settings(tls_enabled=True))
    assert context is not None
    assert (context.check_hostname, context.verify_mode) == (True, ssl.CERT_REQUIRED)


def test_tls_hostname_check_can_be_disabled() -> None:
    context = ssl_context(Settings(tls_enabled=True, tls_check_hostname=False))
    assert context is not None
    assert not context.check_hostname


def test_missing_ca_file_fails_loudly(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-ca.pem"
    with pytest.raises(FileNotFoundError):
        ssl_context(Settings(tls_enabled=True, tls_ca_file=missing))


def test_sasl_over_tls_in_faust() -> None:
    credentials = faust_credentials(Settings(brokers="k:9093", tls_enabled=True, **SASL))  # type: ignore[arg-type]
    assert credentials is not None
    assert credentials.protocol.value == "SASL_SSL"


def test_tls_only_in_faust() -> None:
    assert isinstance(faust_credentials(Settings(tls_enabled=True)), faust.SSLCredentials)


def test_no_credentials_without_security() -> None:
    assert faust_credentials(Settings()) is None


def test_service_topics() -> None:
    assert service_topics(Settings()) == [
        "articles",
        "diplomatic-events",
        "articles-coded",
        "articles-dlq",
    ]


def test_per_type_topics_when_routing() -> None:
    topics = service_topics(Settings(route_events_by_type=True))
    assert topics[4:] == [f"diplomatic-events.{event_type}" for event_type in EVENT_TYPES]


async def test_exactly_once_refused_on_the_embedded_broker() -> None:
    settings = Settings(processing_guarantee="exactly_once")
    with pytest.raises(ConfigurationRefused, match="at_least_once"):
        await check_processing_guarantee(settings, embedded=True)


async def test_at_least_once_needs_no_check() -> None:
    assert await check_processing_guarantee(Settings(), embedded=True) is None
