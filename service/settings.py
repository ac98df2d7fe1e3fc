"""The one configuration model of the service, read from `DATELINE_*` variables.

Build it once at the entry point (`Settings()`), then pass it down. Nothing
else reads the environment: Faust would read unprefixed variables such as
`WEB_PORT` on its own, so the stream layer hands it an empty environment and
every option explicitly (see `service.stream.app`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Kafka's own rule for topic names (kafka.common.internals.Topic).
_TOPIC_NAME = re.compile(r"^[A-Za-z0-9._-]{1,249}$")
# host:port, where host is a name, an IPv4 address or a bracketed IPv6 address.
_HOST_PORT = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):([0-9]{1,5})$")

SaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]
ProcessingGuarantee = Literal["at_least_once", "exactly_once"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
LogFormat = Literal["text", "json"]

ENV_PREFIX = "DATELINE_"


class Settings(BaseSettings):
    """Everything an operator can configure, with the defaults a newcomer needs."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        case_sensitive=False,
        extra="forbid",
        frozen=True,
        validate_default=True,
        # A ValidationError's text would otherwise quote the input: for a
        # model-level error, every value given, the SASL password included.
        hide_input_in_errors=True,
    )

    # -- brokers --------------------------------------------------------------
    brokers: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description=(
            "Kafka bootstrap servers, comma-separated host:port. Empty means no broker "
            "is configured: `dateline run` then starts the embedded broker."
        ),
    )
    embedded_broker: bool = Field(
        default=False,
        description="Start the embedded Tansu broker on loopback and use it instead of `brokers`.",
    )
    embedded_broker_port: int = Field(
        default=0,
        ge=0,
        le=65535,
        description="Port of the embedded broker; 0 picks a free port.",
    )

    # -- topics ---------------------------------------------------------------
    topic_articles: str = Field(default="articles", description="Input topic: article records.")
    topic_events: str = Field(
        default="diplomatic-events", description="Output topic: one record per event."
    )
    topic_coded: str = Field(
        default="articles-coded", description="Output topic: one audit record per coded article."
    )
    topic_dlq: str = Field(
        default="articles-dlq", description="Output topic: one dead-letter record per rejection."
    )
    route_events_by_type: bool = Field(
        default=False,
        description=(
            "Also publish each event to `<topic_events>.<type>` "
            "(the main events topic keeps every event)."
        ),
    )
    topic_partitions: int = Field(
        default=4,
        ge=1,
        description="Partitions of the topics the service creates; bounds useful workers.",
    )
    topic_replication_factor: int = Field(
        default=1, ge=1, description="Replication factor of the topics the service creates."
    )
    group_id: str = Field(
        default="dateline",
        min_length=1,
        description="Consumer group id (also the Faust app id); workers sharing it split the work.",
    )

    # -- security -------------------------------------------------------------
    sasl_mechanism: SaslMechanism | None = Field(
        default=None, description="SASL mechanism; unset means no SASL."
    )
    sasl_username: str | None = Field(default=None, description="SASL user name.")
    sasl_password: SecretStr | None = Field(
        default=None, description="SASL password (never logged)."
    )
    tls_enabled: bool = Field(default=False, description="Connect to the brokers over TLS.")
    tls_ca_file: Path | None = Field(
        default=None, description="CA bundle that signs the brokers' certificates."
    )
    tls_cert_file: Path | None = Field(
        default=None, description="Client certificate for mutual TLS."
    )
    tls_key_file: Path | None = Field(default=None, description="Private key of `tls_cert_file`.")
    tls_check_hostname: bool = Field(
        default=True, description="Verify that broker certificates match their host names."
    )

    # -- processing -----------------------------------------------------------
    processing_guarantee: ProcessingGuarantee = Field(
        default="at_least_once",
        description=(
            "Delivery guarantee; exactly_once needs Kafka transactions and is refused "
            "at start on brokers without them (the embedded broker has none)."
        ),
    )
    max_article_bytes: int = Field(
        default=512 * 1024,
        ge=1024,
        description="Largest accepted article record; larger ones are dead-lettered as too_large.",
    )
    record_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        description="Time budget for extracting one article; over it, the record is dead-lettered.",
    )
    extraction_workers: int = Field(
        default=0,
        ge=0,
        description="Extraction processes per worker; 0 means one per CPU core.",
    )
    max_in_flight: int = Field(
        default=8,
        ge=1,
        description="Records a worker processes concurrently (Faust agent concurrency).",
    )
    commit_interval_seconds: float = Field(
        default=1.0,
        gt=0,
        description="Seconds between offset commits; bounds redelivery after a crash.",
    )
    session_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        description="Consumer group session timeout (the embedded broker's join waits half of it).",
    )
    heartbeat_interval_seconds: float = Field(
        default=1.0, gt=0, description="Consumer group heartbeat interval."
    )
    shutdown_timeout_seconds: float = Field(
        default=20.0,
        gt=0,
        description=(
            "Longest a worker spends stopping after SIGTERM; past it the process exits with "
            "status 3 (records whose offsets were not committed are redelivered)."
        ),
    )

    # -- web, health and metrics ----------------------------------------------
    web_host: str = Field(
        default="127.0.0.1",
        description="Address the health and /metrics endpoints bind to (0.0.0.0 in containers).",
    )
    web_port: int = Field(
        default=6066, ge=1, le=65535, description="Port of the health and /metrics endpoints."
    )
    broker_probe_interval_seconds: float = Field(
        default=2.0,
        gt=0,
        description="How often readiness re-checks that a broker answers.",
    )

    # -- logging --------------------------------------------------------------
    log_level: LogLevel = Field(default="INFO", description="Log level.")
    log_format: LogFormat = Field(default="text", description="Log format: text or json lines.")

    @field_validator("brokers", mode="before")
    @classmethod
    def _split_brokers(cls, value: Any) -> Any:
        # Operators write one comma-separated string; code may pass a sequence.
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list | tuple):
            cleaned = []
            for item in value:
                text = str(item).strip()
                text = text.removeprefix("kafka://")
                if text:
                    cleaned.append(text)
            return tuple(cleaned)
        return value

    @field_validator("brokers")
    @classmethod
    def _check_brokers(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            match = _HOST_PORT.match(item)
            if match is None or not 0 < int(match.group(2)) < 65536:
                # Quote the value, but never credentials written into it (user:pw@host).
                shown = f"***@{item.rpartition('@')[2]}" if "@" in item else item
                raise ValueError(f"broker {shown!r} is not host:port")
        return value

    @field_validator("topic_articles", "topic_events", "topic_coded", "topic_dlq")
    @classmethod
    def _check_topic(cls, value: str) -> str:
        if not _TOPIC_NAME.match(value) or value in {".", ".."}:
            raise ValueError(f"topic name {value!r} is not a legal Kafka topic name")
        return value

    @model_validator(mode="after")
    def _check_consistency(self) -> Settings:
        topics = [self.topic_articles, self.topic_events, self.topic_coded, self.topic_dlq]
        if len(set(topics)) != len(topics):
            raise ValueError(f"topic names must differ, got {topics}")
        if self.sasl_mechanism is not None and (
            not self.sasl_username or self.sasl_password is None
        ):
            raise ValueError("sasl_mechanism needs sasl_username and sasl_password")
        if (self.tls_cert_file is None) != (self.tls_key_file is None):
            raise ValueError("tls_cert_file and tls_key_file go together")
        if self.heartbeat_interval_seconds * 3 > self.session_timeout_seconds:
            # Kafka's rule of thumb: at most a third of the session timeout, so
            # that two lost heartbeats do not cost the group membership.
            raise ValueError(
                "heartbeat_interval_seconds must be at most a third of session_timeout_seconds"
            )
        return self

    @property
    def uses_embedded_broker(self) -> bool:
        """True when the service itself must start the broker it talks to."""
        return self.embedded_broker or not self.brokers

    @property
    def effective_extraction_workers(self) -> int:
        """Extraction processes to start: the setting, or one per usable CPU core."""
        if self.extraction_workers:
            return self.extraction_workers
        # The cores this process may run on (a container's cpuset), not the host's.
        usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        return max(1, len(usable) if usable else os.cpu_count() or 1)

    @property
    def security_protocol(self) -> str:
        """The Kafka security protocol that the SASL and TLS options add up to."""
        if self.sasl_mechanism is not None:
            return "SASL_SSL" if self.tls_enabled else "SASL_PLAINTEXT"
        return "SSL" if self.tls_enabled else "PLAINTEXT"

    def event_type_topic(self, event_type: str) -> str:
        """The per-type topic used when `route_events_by_type` is on."""
        return f"{self.topic_events}.{event_type}"


def env_var_name(field_name: str) -> str:
    """The environment variable that sets a field, e.g. `DATELINE_WEB_PORT`."""
    return f"{ENV_PREFIX}{field_name.upper()}"


def settings_env(settings: Settings) -> dict[str, str]:
    """The `DATELINE_*` variables that reproduce these settings in another process.

    Secrets are included in clear: the result is for starting child
    processes, never for logging.
    """
    env: dict[str, str] = {}
    for name in Settings.model_fields:
        value = getattr(settings, name)
        if value is None:
            continue
        if isinstance(value, SecretStr):
            text = value.get_secret_value()
        elif isinstance(value, tuple):
            text = ",".join(str(item) for item in value)
        elif isinstance(value, bool):
            text = "true" if value else "false"
        else:
            text = str(value)
        env[env_var_name(name)] = text
    return env
