"""One Greenhouse organisation: records, rules, clock and the seeded generator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.world.clock import Clock
from simulator.world.errors import InvalidField, InvalidTransition, NotFound, WorldError
from simulator.world.events import Event
from simulator.world.spec import BoardSpec, TrackingLinkSpec, WorldSpec
from simulator.world.store import World

if TYPE_CHECKING:
    from simulator.world.generator import build_world

__all__ = [
    "BoardSpec",
    "Clock",
    "Event",
    "InvalidField",
    "InvalidTransition",
    "NotFound",
    "TrackingLinkSpec",
    "World",
    "WorldError",
    "WorldSpec",
    "build_world",
]


def __getattr__(name: str) -> Any:
    # The generator imports Faker (a fifth of a second): only a build needs it,
    # and a world read from the cache on disk is not built.
    if name == "build_world":
        from simulator.world.generator import build_world

        return build_world
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
