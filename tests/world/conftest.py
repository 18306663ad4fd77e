"""Fixtures for the world layer: a spec like the integration's, worlds, snapshots."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import (
    BoardSpec,
    TrackingLinkSpec,
    World,
    WorldSpec,
    build_world,
)
from simulator.world.table import Table

BOARDS = (
    BoardSpec("acmerobotics", "Acme Robotics", "key-one"),
    BoardSpec("acmerobotics-campus", "Acme Robotics Campus", "key-two"),
)
LINKS = (TrackingLinkSpec("phenom7f3a", "Phenom", job_board="acmerobotics"),)


def make_spec(seed: int, size: int) -> WorldSpec:
    return WorldSpec(seed=seed, size=size, boards=BOARDS, tracking_links=LINKS)


def dump_world(world: World) -> dict[str, Any]:
    """Everything a world holds, as plain data: equal dumps mean equal worlds.

    Tables give their rows and their next id (a refused action must not even use
    up an id); the clock gives its time and the dice their state.
    """
    out: dict[str, Any] = {}
    for spec_field in dataclasses.fields(world):
        value = getattr(world, spec_field.name)
        if isinstance(value, Table):
            rows = [
                dataclasses.asdict(row) if dataclasses.is_dataclass(row) else row
                for row in value
            ]
            out[spec_field.name] = (value._next_id, rows)
        elif spec_field.name == "clock":
            out["clock"] = (value.mode, value.now())
        elif spec_field.name == "rng":
            out["rng"] = value.getstate()
        elif dataclasses.is_dataclass(value):
            out[spec_field.name] = dataclasses.asdict(value)
        elif isinstance(value, dict):
            out[spec_field.name] = {k: v for k, v in value.items() if v}
        else:
            out[spec_field.name] = value
    return copy.deepcopy(out)


@pytest.fixture
def dump() -> Callable[[World], dict[str, Any]]:
    return dump_world


@pytest.fixture(scope="session")
def _pristine_world() -> World:
    return build_world(make_spec(7, 60), clock_mode="virtual")


@pytest.fixture
def world(_pristine_world: World) -> World:
    """A fresh small world in virtual time (seed 7, 60 candidates) to change."""
    return copy.deepcopy(_pristine_world)


@pytest.fixture
def admin(world: World) -> int:
    return next(user.id for user in world.users if user.site_admin)


@pytest.fixture(scope="session")
def built() -> Callable[[int, int], World]:
    """Worlds by (seed, size), built once per session: read them, never change them."""
    cache: dict[tuple[int, int], World] = {}

    def get(seed: int, size: int) -> World:
        if (seed, size) not in cache:
            cache[seed, size] = build_world(make_spec(seed, size), clock_mode="virtual")
        return cache[seed, size]

    return get


@pytest.fixture
def spec_for() -> Callable[[int, int], WorldSpec]:
    return make_spec
