"""How the service talks to Kafka: security options, topic creation, capability checks.

The same `Settings` feed Faust (`faust_credentials`) and the plain aiokafka
clients used by `publish`, `tail`, topic creation and the benchmark
(`client_options`), so SASL and TLS behave the same everywhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from collections.abc import Callable, Iterable
from typing import Any, Final

import faust
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError
from aiokafka.helpers import create_ssl_context

from service.models import EVENT_TYPES
from service.settings import Settings

log = logging.getLogger(__name__)

# Kafka error codes that CreateTopics may answer with and that are fine here.
_TOPIC_ALREADY_EXISTS: Final = 36
BACKOFF_START_SECONDS: Final = 0.5
BACKOFF_MAX_SECONDS: Final = 10.0
PROBE_TIMEOUT_SECONDS: Final = 2.0
TRANSACTION_PROBE_TIMEOUT_SECONDS: Final = 15.0


class ConfigurationRefused(RuntimeError):
    """The configuration cannot work with this broker; the message says why and what to do."""


def bootstrap_servers(settings: Settings) -> list[str]:
    """The configured brokers; refuses to guess when none are configured."""
    if not settings.brokers:
        raise ConfigurationRefused(
            "no Kafka broker configured: set DATELINE_BROKERS=host:port[,host:port] "
            "(or DATELINE_EMBEDDED_BROKER=true for a throwaway local broker)"
        )
    return list(settings.brokers)


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The TLS context the TLS settings describe, or None without TLS."""
    if not settings.tls_enabled:
        return None
    context: ssl.SSLContext = create_ssl_context(
        cafile=str(settings.tls_ca_file) if settings.tls_ca_file else None,
        certfile=str(settings.tls_cert_file) if settings.tls_cert_file else None,
        keyfile=str(settings.tls_key_file) if settings.tls_key_file else None,
    )
    context.check_hostname = settings.tls_check_hostname
    return context


def client_options(settings: Settings) -> dict[str, Any]:
    """Connection and security keyword arguments for aiokafka clients."""
    options: dict[str, Any] = {
        "bootstrap_servers": bootstrap_servers(settings),
        "security_protocol": settings.security_protocol,
    }
    context = ssl_context(settings)
    if context is not None:
        options["ssl_context"] = context
    if settings.sasl_mechanism is not None:
        assert settings.sasl_password is not None  # the settings validator guarantees it
        options["sasl_mechanism"] = settings.sasl_mechanism
        options["sasl_plain_username"] = settings.sasl_username
        options["sasl_plain_password"] = settings.sasl_password.get_secret_value()
    return options


def faust_credentials(settings: Settings) -> faust.types.auth.CredentialsT | None:
    """The Faust credentials object for the SASL and TLS settings."""
    context = ssl_context(settings)
    if settings.sasl_mechanism is not None:
        assert settings.sasl_password is not None
        credentials: faust.types.auth.CredentialsT = faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password.get_secret_value(),
            ssl_context=context,
            mechanism=settings.sasl_mechanism,
        )
        return credentials
    if context is not None:
        ssl_credentials: faust.types.auth.CredentialsT = faust.SSLCredentials(context)
        return ssl_credentials
    return None


def service_topics(settings: Settings) -> list[str]:
    """Every topic the service reads or writes."""
    topics = [
        settings.topic_articles,
        settings.topic_events,
        settings.topic_coded,
        settings.topic_dlq,
    ]
    if settings.route_events_by_type:
        topics.extend(settings.event_type_topic(event_type) for event_type in EVENT_TYPES)
    return topics


async def create_topics(settings: Settings, topics: Iterable[str] | None = None) -> list[str]:
    """Create the missing topics with the configured partitions; returns those created."""
    wanted = list(topics) if topics is not None else service_topics(settings)
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [name for name in wanted if name not in existing]
        if not missing:
            return []
        response = await admin.create_topics(
            [
                NewTopic(name, settings.topic_partitions, settings.topic_replication_factor)
                for name in missing
            ]
        )
        created = []
        for topic_error in response.topic_errors:
            name, code, message = topic_error[0], topic_error[1], topic_error[-1]
            if code == 0:
                created.append(name)
            elif code != _TOPIC_ALREADY_EXISTS:  # another worker may have won the race
                raise KafkaError(f"cannot create topic {name!r}: error {code} {message or ''}")
        if created:
            log.info(
                "created topic(s) %s with %d partition(s)",
                ", ".join(created),
                settings.topic_partitions,
            )
        return created
    finally:
        await admin.close()


async def retry_with_backoff(
    what: str,
    attempt: Callable[[], Any],
    *,
    on_failure: Callable[[BaseException], None] | None = None,
    deadline_seconds: float | None = None,
) -> Any:
    """Await `attempt()` until it succeeds, sleeping 0.5 s doubling to 10 s between tries."""
    loop = asyncio.get_running_loop()
    give_up_at = None if deadline_seconds is None else loop.time() + deadline_seconds
    delay = BACKOFF_START_SECONDS
    while True:
        try:
            return await attempt()
        except (KafkaError, OSError, TimeoutError) as exc:
            if on_failure is not None:
                on_failure(exc)
            if give_up_at is not None and loop.time() + delay > give_up_at:
                raise
            log.warning("%s failed, retrying in %.1f s: %s", what, delay, exc or type(exc).__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, BACKOFF_MAX_SECONDS)


async def broker_reachable(settings: Settings) -> bool:
    """True when a TCP connection to any bootstrap broker opens within 2 s."""
    for server in settings.brokers:
        host, _, port = server.rpartition(":")
        try:
            _, writer = await asyncio.wait_for(
                asyncio.open_connection(host.strip("[]"), int(port)), PROBE_TIMEOUT_SECONDS
            )
        except (OSError, TimeoutError):
            continue
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        return True
    return False


def embedded_guarantee_refusal(settings: Settings) -> str | None:
    """Why the settings cannot run on the embedded broker, or None when they can."""
    if settings.processing_guarantee != "exactly_once":
        return None
    return (
        "processing_guarantee=exactly_once needs Kafka transactions, which the embedded "
        "broker does not support; use DATELINE_PROCESSING_GUARANTEE=at_least_once "
        "(event ids are stable, so consumers can drop redelivered duplicates)"
    )


async def check_processing_guarantee(settings: Settings, *, embedded: bool) -> None:
    """Refuse exactly_once up front on a broker without transactions."""
    if settings.processing_guarantee != "exactly_once":
        return
    refusal = embedded_guarantee_refusal(settings) if embedded else None
    if refusal is not None:
        raise ConfigurationRefused(refusal)
    # ApiVersions is not enough: some brokers list the transaction APIs but
    # fail them, so run an empty transaction with a throwaway id.
    producer = AIOKafkaProducer(
        **client_options(settings),
        transactional_id=f"{settings.group_id}-transaction-probe",
        enable_idempotence=True,
    )
    try:
        await asyncio.wait_for(producer.start(), TRANSACTION_PROBE_TIMEOUT_SECONDS)
        await asyncio.wait_for(producer.begin_transaction(), TRANSACTION_PROBE_TIMEOUT_SECONDS)
        await asyncio.wait_for(producer.commit_transaction(), TRANSACTION_PROBE_TIMEOUT_SECONDS)
    except (KafkaError, OSError, TimeoutError) as exc:
        raise ConfigurationRefused(
            "processing_guarantee=exactly_once needs Kafka transactions, and the broker "
            f"refused a test transaction ({type(exc).__name__}: {exc}); use "
            "DATELINE_PROCESSING_GUARANTEE=at_least_once or a broker with transactions"
        ) from exc
    finally:
        try:
            await asyncio.wait_for(producer.stop(), TRANSACTION_PROBE_TIMEOUT_SECONDS)
        except (KafkaError, OSError, TimeoutError):
            log.debug("transaction probe producer did not stop cleanly", exc_info=True)
