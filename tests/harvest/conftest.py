"""Fixtures for the Harvest write tests: a check that a refused write did nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from simulator.runtime import Simulator
from tests.harvest.checks import watcher


@pytest.fixture
def untouched(sim: Simulator) -> Callable[[], None]:
    """Call it after the act: it asserts the world and the webhook log are as the
    test found them."""
    return watcher(sim)
