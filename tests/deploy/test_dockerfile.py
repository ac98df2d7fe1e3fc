"""deploy/Dockerfile builds the worker the way the service expects to run.

No Docker engine runs here: the Dockerfile is read as text and compared with
the settings, the health routes and the command line. Whether it builds is
for a machine with an engine (deploy/README.md).
"""

from __future__ import annotations

import json
import re
import shlex
from importlib.metadata import version
from pathlib import Path

import pytest
from service.cli import main
from service.settings import Settings, env_var_name

from tests.deploy.conftest import DOCKERFILE, ROOT

DOCKERIGNORE = ROOT / ".dockerignore"
# Environment the image may set besides DATELINE_* settings: interpreter and pip behaviour.
RUNTIME_ENV = {
    "PATH",
    "PYTHONUNBUFFERED",
    "PYTHONDONTWRITEBYTECODE",
    "PIP_NO_CACHE_DIR",
    "PIP_DISABLE_PIP_VERSION_CHECK",
}
SECRET_FIELDS = {"sasl_username", "sasl_password", "tls_key_file", "tls_cert_file"}
# python:3.11.<patch>-slim[-<debian>], pinned to a patch release of the Python
# the project requires.
PINNED_PYTHON = re.compile(r"^python:3\.11\.\d+-slim(-[a-z]+)?$")


def instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            keyword, _, rest = stripped.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def arguments(name: str) -> list[str]:
    return [rest for keyword, rest in instructions() if keyword == name]


def exec_form(rest: str) -> list[str]:
    value = json.loads(rest)
    assert isinstance(value, list)
    return [str(item) for item in value]


def env_keys() -> set[str]:
    keys = set()
    for rest in arguments("ENV"):
        keys.update(item.split("=", 1)[0] for item in shlex.split(rest))
    return keys


def last_stage() -> list[tuple[str, str]]:
    steps = instructions()
    start = max(i for i, (keyword, _) in enumerate(steps) if keyword == "FROM")
    return steps[start:]


def test_base_image_is_a_pinned_slim_python_311() -> None:
    defaults = dict(rest.split("=", 1) for rest in arguments("ARG") if "=" in rest)
    assert PINNED_PYTHON.match(defaults["PYTHON_IMAGE"])


def test_build_is_multi_stage() -> None:
    stages = [rest.split() for rest in arguments("FROM")]
    copied_from = [
        rest for keyword, rest in last_stage() if keyword == "COPY" and "--from=" in rest
    ]
    assert (
        len(stages),
        all(stage[0] == "${PYTHON_IMAGE}" for stage in stages),
        len(copied_from),
    ) == (
        2,
        True,
        1,
    )


def test_installs_the_pins_and_the_project_without_extras() -> None:
    installs = [rest for rest in arguments("RUN") if "pip install" in rest]
    assert (
        any("--requirement deploy/requirements.txt" in rest for rest in installs),
        any("--constraint deploy/requirements.txt ." in rest for rest in installs),
        [rest for rest in installs if "[" in rest],
    ) == (True, True, [])


def test_compiles_the_core_with_the_mypy_the_checks_use() -> None:
    # `make check-compiled` runs the tests on a core compiled by the dev
    # environment's mypy; the image must compile with that same release.
    steps = instructions()
    runtime_from = max(i for i, (keyword, _) in enumerate(steps) if keyword == "FROM")
    build_runs = [rest for keyword, rest in steps[:runtime_from] if keyword == "RUN"]
    compiling = [rest for rest in build_runs if "COMPILE_EXTRACTION_CORE=1" in rest]
    pinned = re.findall(r"mypy==(\S+)", " ".join(compiling))
    runtime_runs = [rest for keyword, rest in last_stage() if keyword == "RUN"]
    assert (
        len(compiling),
        all("--no-build-isolation" in rest for rest in compiling),
        pinned,
        any("gcc" in rest for rest in runtime_runs),
    ) == (1, True, [version("mypy")], False)


def test_runs_as_an_unprivileged_user() -> None:
    users = [rest for keyword, rest in last_stage() if keyword == "USER"]
    uid, _, gid = users[-1].partition(":")
    assert (uid.isdigit() and int(uid) > 0, gid.isdigit() and int(gid) > 0) == (True, True)


def test_entrypoint_runs_the_worker() -> None:
    (entrypoint,) = arguments("ENTRYPOINT")
    (command,) = arguments("CMD")
    assert (exec_form(entrypoint)[-1], exec_form(command)) == ("dateline", ["worker"])


def test_worker_is_a_dateline_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["worker", "--help"])
    assert (stopped.value.code, "usage: dateline worker" in capsys.readouterr().out) == (0, True)


def test_healthcheck_probes_liveness_on_the_web_port(health_routes: frozenset[str]) -> None:
    (check,) = arguments("HEALTHCHECK")
    port = str(Settings.model_fields["web_port"].default)
    assert (
        "/health/live" in health_routes,
        "/health/live" in check,
        f"'{env_var_name('web_port')}', '{port}'" in check,
    ) == (True, True, True)


def test_exposes_the_default_web_port() -> None:
    assert arguments("EXPOSE") == [str(Settings.model_fields["web_port"].default)]


def test_sets_only_settings_and_interpreter_variables() -> None:
    settings = {env_var_name(name) for name in Settings.model_fields}
    assert env_keys() - settings - RUNTIME_ENV == set()


def test_bakes_in_no_secret() -> None:
    assert env_keys() & {env_var_name(name) for name in SECRET_FIELDS} == set()


def test_listens_beyond_loopback_in_the_container() -> None:
    assert "DATELINE_WEB_HOST=0.0.0.0" in " ".join(arguments("ENV"))


def test_dockerignore_starts_from_nothing() -> None:
    lines = [line for line in DOCKERIGNORE.read_text().splitlines() if line and line[0] != "#"]
    assert lines[0] == "*"


def test_dockerignore_lets_in_what_the_build_copies() -> None:
    allowed = [
        line[1:].rstrip("/")
        for line in DOCKERIGNORE.read_text().splitlines()
        if line.startswith("!")
    ]
    sources = [
        source
        for rest in arguments("COPY")
        if "--from=" not in rest
        for source in rest.split()[:-1]
    ]
    assert [
        source
        for source in sources
        if not any(source == path or source.startswith(path + "/") for path in allowed)
    ] == []
