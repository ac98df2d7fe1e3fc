"""deploy/requirements.txt pins every runtime dependency within pyproject's ranges, no dev tool."""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.deploy.conftest import DEPLOY, ROOT

PIN = re.compile(r"^([A-Za-z0-9._-]+)==([A-Za-z0-9.+!-]+)$")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(line) for line in PROJECT["dependencies"]]
DEV = [Requirement(line) for line in PROJECT["optional-dependencies"]["dev"]]


def pin_lines() -> list[str]:
    text = (DEPLOY / "requirements.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def pins() -> dict[str, str]:
    found = {}
    for line in pin_lines():
        match = PIN.match(line)
        assert match, f"deploy/requirements.txt: {line!r} is not name==version"
        found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def test_every_line_is_an_exact_pin() -> None:
    assert [line for line in pin_lines() if not PIN.match(line)] == []


@pytest.mark.parametrize("requirement", RUNTIME, ids=str)
def test_runtime_dependency_is_pinned_within_its_range(requirement: Requirement) -> None:
    version = pins().get(canonicalize_name(requirement.name), "(not pinned)")
    assert version in requirement.specifier


def test_no_dev_tool_is_pinned() -> None:
    runtime = {canonicalize_name(r.name) for r in RUNTIME}
    dev_only = {canonicalize_name(r.name) for r in DEV} - runtime
    assert dev_only & set(pins()) == set()
