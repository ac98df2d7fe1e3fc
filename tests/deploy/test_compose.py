"""docker-compose.yml fits the service: settings, topics, ports, health and scrape paths.

No Docker engine runs here, so the file is parsed and compared with the
`Settings` model and the worker's routes; `docker compose config` itself is
not run (deploy/README.md lists what only a Docker engine can check).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from service.settings import Settings, env_var_name
from service.stream.connection import service_topics

from tests.deploy.conftest import PROMETHEUS_DIR, ROOT, load_yaml

SETTING_VARIABLES = {env_var_name(name): name for name in Settings.model_fields}
TOPIC_FIELDS = sorted(name for name in Settings.model_fields if name.startswith("topic_"))
TOPIC_NAME_FIELDS = sorted(
    name for name in TOPIC_FIELDS if Settings.model_fields[name].annotation is str
)


def environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment as a mapping, whichever form the file uses."""
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(key): str(value) for key, value in env.items()}


def settings_from(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Settings:
    for key, value in env.items():
        if key.startswith("DATELINE_"):
            monkeypatch.setenv(key, value)
    return Settings()


def command_text(service: dict[str, Any]) -> str:
    command = service.get("command", "")
    text = " ".join(command) if isinstance(command, list) else str(command)
    # Compose turns $$ into a literal $ for the container's shell.
    return text.replace("$$", "$")


@pytest.fixture
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


@pytest.fixture
def worker_settings(services: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Settings:
    return settings_from(environment(services["worker"]), monkeypatch)


def test_every_dateline_variable_is_a_setting(services: dict[str, Any]) -> None:
    unknown = {
        f"{name}: {key}"
        for name, service in services.items()
        for key in environment(service)
        if key.startswith("DATELINE_") and key not in SETTING_VARIABLES
    }
    assert unknown == set()


def test_worker_environment_is_valid_configuration(worker_settings: Settings) -> None:
    # Settings() raised if any value were invalid; a worker also needs a broker.
    assert worker_settings.brokers


def test_workers_reach_the_compose_kafka(
    services: dict[str, Any], worker_settings: Settings
) -> None:
    advertised = environment(services["kafka"])["KAFKA_ADVERTISED_LISTENERS"]
    listeners = {item.split("://", 1)[1] for item in advertised.split(",")}
    assert set(worker_settings.brokers) <= listeners


@pytest.mark.parametrize("field", TOPIC_FIELDS)
def test_topic_settings_are_the_service_defaults(worker_settings: Settings, field: str) -> None:
    assert getattr(worker_settings, field) == Settings.model_fields[field].default


@pytest.mark.parametrize("field", TOPIC_FIELDS)
def test_topic_init_and_workers_agree(services: dict[str, Any], field: str) -> None:
    variable = env_var_name(field)
    assert (
        environment(services["topic-init"])[variable] == environment(services["worker"])[variable]
    )


@pytest.mark.parametrize("field", TOPIC_FIELDS)
def test_topic_init_uses_each_topic_setting(services: dict[str, Any], field: str) -> None:
    assert f'"${env_var_name(field)}"' in command_text(services["topic-init"])


def test_topic_init_creates_every_topic_the_service_uses(
    services: dict[str, Any], worker_settings: Settings
) -> None:
    init_env = environment(services["topic-init"])
    created = {init_env[env_var_name(field)] for field in TOPIC_NAME_FIELDS}
    assert created == set(service_topics(worker_settings))


def test_topic_init_creates_with_the_expected_partitions(services: dict[str, Any]) -> None:
    command = command_text(services["topic-init"])
    options = (
        '--partitions "$DATELINE_TOPIC_PARTITIONS"',
        '--replication-factor "$DATELINE_TOPIC_REPLICATION_FACTOR"',
    )
    assert [option for option in options if option not in command] == []


def test_two_workers_share_one_consumer_group(
    services: dict[str, Any], worker_settings: Settings
) -> None:
    # One service with two replicas: one environment, so one DATELINE_GROUP_ID.
    replicas = services["worker"]["deploy"]["replicas"]
    assert (replicas, worker_settings.group_id) == (2, Settings.model_fields["group_id"].default)


def test_partitions_leave_every_worker_work(
    services: dict[str, Any], worker_settings: Settings
) -> None:
    assert services["worker"]["deploy"]["replicas"] <= worker_settings.topic_partitions


def test_workers_listen_beyond_loopback(worker_settings: Settings) -> None:
    assert worker_settings.web_host == "0.0.0.0"


def test_worker_port_is_published(services: dict[str, Any], worker_settings: Settings) -> None:
    assert str(worker_settings.web_port) in [str(port) for port in services["worker"]["ports"]]


def test_prometheus_scrapes_every_worker_replica(
    worker_settings: Settings, health_routes: frozenset[str]
) -> None:
    config = load_yaml(PROMETHEUS_DIR / "prometheus.yml")
    job = next(job for job in config["scrape_configs"] if job["job_name"] == "dateline")
    # DNS discovery of the compose service name returns one address per replica.
    discovery = [(sd["names"], sd["port"]) for sd in job["dns_sd_configs"]]
    assert (discovery, job["metrics_path"] in health_routes) == (
        [(["worker"], worker_settings.web_port)],
        True,
    )


def test_kafka_runs_kraft_with_a_healthcheck(services: dict[str, Any]) -> None:
    kafka = services["kafka"]
    roles = set(environment(kafka)["KAFKA_PROCESS_ROLES"].split(","))
    assert (kafka["image"].split(":")[0], roles, bool(kafka["healthcheck"]["test"])) == (
        "apache/kafka",
        {"broker", "controller"},
        True,
    )


def test_services_start_in_order(services: dict[str, Any]) -> None:
    conditions = (
        services["topic-init"]["depends_on"]["kafka"]["condition"],
        services["worker"]["depends_on"]["topic-init"]["condition"],
    )
    assert conditions == ("service_healthy", "service_completed_successfully")


def test_every_image_is_pinned(services: dict[str, Any]) -> None:
    unpinned = [
        name
        for name, service in services.items()
        if "build" not in service
        and (":" not in service["image"] or service["image"].endswith(":latest"))
    ]
    assert unpinned == []


def test_demo_profile_publishes_articles(
    services: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = [service for service in services.values() if "demo" in service.get("profiles", [])]
    assert [
        (
            "dateline publish" in command_text(service),
            bool(settings_from(environment(service), monkeypatch).brokers),
        )
        for service in demo
    ] == [(True, True)]


def test_only_the_demo_is_optional(services: dict[str, Any]) -> None:
    optional = {name for name, service in services.items() if service.get("profiles")}
    assert optional == {"producer"}


def test_bind_mounts_and_build_files_exist(services: dict[str, Any]) -> None:
    paths = [
        str(volume).split(":", 1)[0]
        for service in services.values()
        for volume in service.get("volumes", [])
        if str(volume).startswith("./")
    ]
    paths += [
        str(Path(service["build"]["context"]) / service["build"]["dockerfile"])
        for service in services.values()
        if "build" in service
    ]
    assert [path for path in paths if not (ROOT / path).exists()] == []


def test_stop_grace_period_outlasts_the_workers_own_shutdown_timeout(
    services: dict[str, Any], worker_settings: Settings
) -> None:
    # Otherwise compose SIGKILLs a worker that is still committing.
    grace = str(services["worker"]["stop_grace_period"])
    assert grace.endswith("s")
    assert float(grace[:-1]) > worker_settings.shutdown_timeout_seconds
