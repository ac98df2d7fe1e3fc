"""The Settings model: environment parsing, validation, and secrets kept secret."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from service.settings import Settings, env_var_name, settings_env
from service.stream.broker import EMBEDDED_SESSION_TIMEOUT_SECONDS, embedded_settings


def test_defaults_need_no_environment() -> None:
    settings = Settings()
    assert (
        settings.topic_articles,
        settings.topic_events,
        settings.topic_coded,
        settings.topic_dlq,
    ) == (
        "articles",
        "diplomatic-events",
        "articles-coded",
        "articles-dlq",
    )


def test_no_broker_means_embedded() -> None:
    assert Settings().uses_embedded_broker


def test_reads_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_WEB_PORT", "7001")
    monkeypatch.setenv("DATELINE_TOPIC_PARTITIONS", "12")
    settings = Settings()
    assert (settings.web_port, settings.topic_partitions) == (7001, 12)


def test_ignores_unprefixed_faust_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_PORT", "7002")
    assert Settings().web_port == 6066


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a:9092", ("a:9092",)),
        ("a:9092, b:9093", ("a:9092", "b:9093")),
        ("kafka://a:9092", ("a:9092",)),
        ("[::1]:9092", ("[::1]:9092",)),
        ("", ()),
    ],
)
def test_brokers_from_comma_separated_text(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: tuple[str, ...]
) -> None:
    monkeypatch.setenv("DATELINE_BROKERS", raw)
    assert Settings().brokers == expected


@pytest.mark.parametrize(
    "overrides",
    [
        {"brokers": "no-port"},
        {"brokers": "host:99999"},
        {"topic_articles": "bad topic"},
        {"topic_events": "articles"},  # two roles on one topic
        {"sasl_mechanism": "PLAIN", "sasl_username": "u"},  # no password
        {"sasl_mechanism": "GSSAPI", "sasl_username": "u", "sasl_password": "p"},
        {"tls_cert_file": "/tmp/cert.pem"},  # a certificate without its key
        {"heartbeat_interval_seconds": 5, "session_timeout_seconds": 10},
        {"processing_guarantee": "at_most_once"},
        {"topic_partitions": 0},
        {"unknown_option": 1},
    ],
)
def test_rejects_inconsistent_configuration(overrides: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Settings(**overrides)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("overrides", "protocol"),
    [
        ({}, "PLAINTEXT"),
        ({"tls_enabled": True}, "SSL"),
        (
            {"sasl_mechanism": "SCRAM-SHA-256", "sasl_username": "u", "sasl_password": "p"},
            "SASL_PLAINTEXT",
        ),
        (
            {
                "sasl_mechanism": "SCRAM-SHA-512",
                "sasl_username": "u",
                "sasl_password": "p",
                "tls_enabled": True,
            },
            "SASL_SSL",
        ),
    ],
)
def test_security_protocol_follows_sasl_and_tls(
    overrides: dict[str, object], protocol: str
) -> None:
    assert Settings(**overrides).security_protocol == protocol  # type: ignore[arg-type]


def test_password_never_in_repr_or_dump() -> None:
    settings = Settings(sasl_mechanism="PLAIN", sasl_username="svc", sasl_password="hunter2-secret")
    shown = repr(settings) + str(settings) + settings.model_dump_json()
    assert "hunter2-secret" not in shown


def test_settings_are_immutable() -> None:
    with pytest.raises(ValidationError):
        Settings().web_port = 1  # type: ignore[misc]


def test_env_var_name_uses_prefix() -> None:
    assert env_var_name("web_port") == "DATELINE_WEB_PORT"


def test_every_field_documented() -> None:
    # The README's configuration table is generated from these descriptions.
    undocumented = [name for name, info in Settings.model_fields.items() if not info.description]
    assert undocumented == []


def test_extraction_workers_zero_means_one_per_core() -> None:
    assert Settings(extraction_workers=0).effective_extraction_workers >= 1


def test_event_type_topic() -> None:
    assert Settings().event_type_topic("visit") == "diplomatic-events.visit"


def test_settings_env_round_trips(monkeypatch: pytest.MonkeyPatch) -> None:
    original = Settings(
        brokers="a:1,b:2",
        web_port=7003,
        tls_enabled=True,
        sasl_mechanism="PLAIN",
        sasl_username="u",
        sasl_password="p",
        record_timeout_seconds=2.5,
    )
    for name, value in settings_env(original).items():
        monkeypatch.setenv(name, value)
    assert Settings() == original


def test_embedded_broker_gets_a_short_session_timeout() -> None:
    settings = embedded_settings(Settings(), "127.0.0.1:1234")
    assert (settings.brokers, settings.session_timeout_seconds) == (
        ("127.0.0.1:1234",),
        EMBEDDED_SESSION_TIMEOUT_SECONDS,
    )


def test_explicit_session_timeout_is_kept_on_the_embedded_broker() -> None:
    settings = embedded_settings(Settings(session_timeout_seconds=20), "127.0.0.1:1234")
    assert settings.session_timeout_seconds == 20
