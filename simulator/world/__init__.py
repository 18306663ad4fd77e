"""One Greenhouse organisation: records, rules, clock and the seeded generator."""

from simulator.world.clock import Clock
from simulator.world.errors import InvalidField, InvalidTransition, NotFound, WorldError
from simulator.world.events import Event
from simulator.world.generator import build_world
from simulator.world.spec import BoardSpec, TrackingLinkSpec, WorldSpec
from simulator.world.store import World

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
