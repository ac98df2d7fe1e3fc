"""The Kubernetes manifests parse and fit the service: probes, ports, config, security, scaling."""

from __future__ import annotations

import math
from typing import Any

import pytest
from service.settings import Settings, env_var_name

from tests.deploy.conftest import DOCKERFILE, K8S_DIR, PROMETHEUS_DIR, load_yaml

SETTING_VARIABLES = {env_var_name(name) for name in Settings.model_fields}


def one(objects: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = [obj for obj in objects if obj["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def cpus(quantity: str) -> float:
    return float(quantity[:-1]) / 1000 if quantity.endswith("m") else float(quantity)


@pytest.fixture
def deployment(k8s_objects: list[dict[str, Any]]) -> dict[str, Any]:
    return one(k8s_objects, "Deployment")


@pytest.fixture
def pod(deployment: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = deployment["spec"]["template"]["spec"]
    return spec


@pytest.fixture
def container(pod: dict[str, Any]) -> dict[str, Any]:
    (worker,) = pod["containers"]
    return dict(worker)


@pytest.fixture
def config(k8s_objects: list[dict[str, Any]]) -> dict[str, str]:
    return dict(one(k8s_objects, "ConfigMap")["data"])


@pytest.fixture
def secret(k8s_objects: list[dict[str, Any]]) -> dict[str, Any]:
    return one(k8s_objects, "Secret")


@pytest.fixture
def settings(
    config: dict[str, str], secret: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> Settings:
    """The settings a pod gets from the ConfigMap and the Secret."""
    for key, value in {**config, **secret["stringData"]}.items():
        monkeypatch.setenv(key, str(value))
    return Settings()


def test_every_manifest_names_its_kind_and_object(k8s_objects: list[dict[str, Any]]) -> None:
    incomplete = [
        obj["_file"]
        for obj in k8s_objects
        if not (obj.get("apiVersion") and obj.get("kind") and obj.get("metadata", {}).get("name"))
    ]
    assert (len(k8s_objects) >= 6, incomplete) == (True, [])


def test_kustomization_lists_existing_manifests() -> None:
    resources = load_yaml(K8S_DIR / "kustomization.yaml")["resources"]
    assert [name for name in resources if not (K8S_DIR / name).is_file()] == []


def test_kustomization_never_applies_the_example_secret() -> None:
    assert "secret.example.yaml" not in load_yaml(K8S_DIR / "kustomization.yaml")["resources"]


def test_configmap_and_secret_make_valid_settings(settings: Settings) -> None:
    # Settings() raised if any value were invalid; SASL needs its password.
    assert (settings.brokers != (), settings.sasl_password is not None) == (True, True)


def test_configmap_holds_only_settings(config: dict[str, str]) -> None:
    assert set(config) - SETTING_VARIABLES == set()


def test_configmap_holds_no_secret(config: dict[str, str]) -> None:
    assert [key for key in config if "PASSWORD" in key or "SECRET" in key] == []


def test_sasl_password_comes_from_the_secret(
    container: dict[str, Any], secret: dict[str, Any]
) -> None:
    refs = {
        item["name"]: item["valueFrom"]["secretKeyRef"]
        for item in container.get("env", [])
        if "secretKeyRef" in item.get("valueFrom", {})
    }
    ref = refs[env_var_name("sasl_password")]
    assert (ref["name"], ref["key"] in secret["stringData"]) == (secret["metadata"]["name"], True)


def test_config_comes_from_the_configmap(
    container: dict[str, Any], k8s_objects: list[dict[str, Any]]
) -> None:
    names = [source["configMapRef"]["name"] for source in container["envFrom"]]
    assert names == [one(k8s_objects, "ConfigMap")["metadata"]["name"]]


def test_container_runs_the_worker(container: dict[str, Any]) -> None:
    # The image's entrypoint is `dateline`, so the argument picks the subcommand.
    assert container["args"] == ["worker"]


def test_container_port_is_the_web_port(container: dict[str, Any], settings: Settings) -> None:
    assert [port["containerPort"] for port in container["ports"]] == [settings.web_port]


def test_web_port_is_the_service_default(settings: Settings) -> None:
    assert settings.web_port == Settings.model_fields["web_port"].default


def test_workers_listen_beyond_loopback(settings: Settings) -> None:
    assert settings.web_host == "0.0.0.0"


@pytest.mark.parametrize(
    ("probe", "path"),
    [
        ("startupProbe", "/health/live"),
        ("livenessProbe", "/health/live"),
        ("readinessProbe", "/health/ready"),
    ],
)
def test_probe_uses_the_worker_route(
    container: dict[str, Any], health_routes: frozenset[str], probe: str, path: str
) -> None:
    port_names = {port["name"] for port in container["ports"]}
    get = container[probe]["httpGet"]
    assert (get["path"], get["path"] in health_routes, get["port"] in port_names) == (
        path,
        True,
        True,
    )


def test_resources_are_requested_and_limited(container: dict[str, Any]) -> None:
    resources = container["resources"]
    assert {
        (kind, resource)
        for kind in ("requests", "limits")
        for resource in ("cpu", "memory")
        if resource in resources.get(kind, {})
    } == {("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory")}


def test_extraction_processes_fit_the_cpu_limit(
    container: dict[str, Any], settings: Settings
) -> None:
    # 0 would mean one per CPU of the node, not of the container.
    limit = math.floor(cpus(container["resources"]["limits"]["cpu"]))
    assert 1 <= settings.extraction_workers <= limit


def test_pod_runs_as_the_image_user(pod: dict[str, Any]) -> None:
    users = [
        line.split()[1].split(":")[0]
        for line in DOCKERFILE.read_text(encoding="utf-8").splitlines()
        if line.startswith("USER ")
    ]
    context = pod["securityContext"]
    assert (context["runAsNonRoot"], [str(context["runAsUser"])]) == (True, users[-1:])


def test_container_cannot_escalate(container: dict[str, Any]) -> None:
    context = container["securityContext"]
    assert (
        context["allowPrivilegeEscalation"],
        context["readOnlyRootFilesystem"],
        context["capabilities"]["drop"],
    ) == (False, True, ["ALL"])


def test_read_only_root_keeps_a_writable_tmp(
    container: dict[str, Any], pod: dict[str, Any]
) -> None:
    # Faust's data directory and the forkserver's socket live in the temp dir.
    empty_dirs = {volume["name"] for volume in pod["volumes"] if "emptyDir" in volume}
    mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
    assert mounts.get("/tmp") in empty_dirs


def test_service_exposes_the_metrics_port(
    k8s_objects: list[dict[str, Any]], deployment: dict[str, Any], settings: Settings
) -> None:
    service = one(k8s_objects, "Service")
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    selects = service["spec"]["selector"].items() <= pod_labels.items()
    assert ([port["port"] for port in service["spec"]["ports"]], selects) == (
        [settings.web_port],
        True,
    )


def test_service_lists_workers_that_are_not_ready(k8s_objects: list[dict[str, Any]]) -> None:
    assert one(k8s_objects, "Service")["spec"]["publishNotReadyAddresses"] is True


def test_podmonitor_scrapes_the_workers(
    k8s_objects: list[dict[str, Any]],
    deployment: dict[str, Any],
    container: dict[str, Any],
    health_routes: frozenset[str],
) -> None:
    monitor = one(k8s_objects, "PodMonitor")["spec"]
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    port_names = {port["name"] for port in container["ports"]}
    endpoints = [
        (e["port"] in port_names, e["path"] in health_routes)
        for e in monitor["podMetricsEndpoints"]
    ]
    assert (monitor["selector"]["matchLabels"].items() <= pod_labels.items(), endpoints) == (
        True,
        [(True, True)],
    )


def test_podmonitor_job_is_the_one_alerts_select(
    k8s_objects: list[dict[str, Any]], deployment: dict[str, Any]
) -> None:
    monitor = one(k8s_objects, "PodMonitor")["spec"]
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    jobs = {
        job["job_name"] for job in load_yaml(PROMETHEUS_DIR / "prometheus.yml")["scrape_configs"]
    }
    assert pod_labels[monitor["jobLabel"]] in jobs


def test_scrape_annotations_match_port_and_path(
    deployment: dict[str, Any], settings: Settings, health_routes: frozenset[str]
) -> None:
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert (
        annotations["prometheus.io/scrape"],
        int(annotations["prometheus.io/port"]),
        annotations["prometheus.io/path"] in health_routes,
    ) == ("true", settings.web_port, True)


def test_autoscaler_scales_the_deployment(
    k8s_objects: list[dict[str, Any]], deployment: dict[str, Any]
) -> None:
    target = one(k8s_objects, "HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])


def test_autoscaler_stops_at_the_partition_count(
    k8s_objects: list[dict[str, Any]], settings: Settings
) -> None:
    # A consumer group gives each partition to one member: more workers idle.
    hpa = one(k8s_objects, "HorizontalPodAutoscaler")["spec"]
    assert hpa["maxReplicas"] == settings.topic_partitions


def test_replicas_leave_every_worker_a_partition(
    deployment: dict[str, Any], settings: Settings
) -> None:
    assert deployment["spec"]["replicas"] <= settings.topic_partitions


def test_rollout_never_adds_a_surplus_consumer(deployment: dict[str, Any]) -> None:
    # A surge pod may be the one left without a partition, never ready, stalling the rollout.
    assert deployment["spec"]["strategy"]["rollingUpdate"]["maxSurge"] == 0


def test_grace_period_outlasts_the_session_timeout(pod: dict[str, Any], settings: Settings) -> None:
    assert pod["terminationGracePeriodSeconds"] > settings.session_timeout_seconds


def test_grace_period_outlasts_the_workers_own_shutdown_timeout(
    pod: dict[str, Any], settings: Settings
) -> None:
    # Otherwise Kubernetes SIGKILLs a worker that is still committing.
    assert pod["terminationGracePeriodSeconds"] > settings.shutdown_timeout_seconds
