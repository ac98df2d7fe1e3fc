"""Shared fixtures: the production extractor (loaded once) and paths to shared data."""

from __future__ import annotations

from pathlib import Path

import pytest
from service.extract import Extractor, load_extractor

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return load_extractor()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED
