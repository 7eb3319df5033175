"""Fixtures: writable copies of the small cities in tests/fixtures, and one headless Chromium per
browser test module (constants and helpers are in
tests/support.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.chromium import Browser
from tests.support import MINI, add_rated_companies, copy_city


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini, a one-compound city with no findings."""
    return copy_city(MINI, tmp_path / "data")


@pytest.fixture
def rated(mini: Path) -> Path:
    """The mini city with a second company and a clean 2026-H1 evaluation sheet."""
    return add_rated_companies(mini)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium per test module (:mod:`tests.chromium`)."""
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()
