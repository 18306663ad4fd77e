"""What a rebuilt snapshot world must be before it is served.

A checksum only proves a snapshot is as written; one edited and re-summed can
hold anything. These checks catch, before the world is swapped in, what would
otherwise be a 500 on some later request or a board nobody can reach.
"""

from __future__ import annotations

import dataclasses
import random
import time
from typing import Any

from simulator.setup import Setup
from simulator.world.clock import Clock
from simulator.world.store import Organization, World
from simulator.world.table import Table

_MISSING = object()
_MODES = ("real", "virtual")
_CLOCK_INTS = ("_start", "_offset", "_last_stamp", "min_step")
_SOURCES = (time.monotonic, time.perf_counter, time.time)
_ORG_TEXT = ("name", "timezone", "website")


def misshapen(world: Any) -> str | None:
    """What is wrong with a rebuilt world's fields, table by table, or None.

    A checksum only proves the file is as written; one edited and re-summed can
    hold anything, and a wrong type here would be a 500 on some later request.
    """
    if not isinstance(world, World):
        return f"a {type(world).__name__}, not a World"
    expected: dict[str, type] = {
        "organization": Organization,
        "clock": Clock,
        "rng": random.Random,
    }
    for spec in dataclasses.fields(World):
        value = getattr(world, spec.name, _MISSING)
        if value is _MISSING:
            return f"no {spec.name}"
        if spec.name in ("seed", "size"):
            if type(value) is not int or value < 0:
                return f"{spec.name} is {value!r}, not a whole number"
            continue
        kind = expected.get(spec.name)
        if kind is None and spec.default_factory is not dataclasses.MISSING:
            kind = type(spec.default_factory())
        if kind is not None and not isinstance(value, kind):
            return f"{spec.name} is a {type(value).__name__}"
        if isinstance(value, Table) and not _table_ok(value):
            return f"{spec.name} holds rows that are not {value.kind} records"
    if not _clock_ok(world.clock):
        return "its clock is not a clock"
    organization = world.organization
    if not all(isinstance(getattr(organization, f, None), str) for f in _ORG_TEXT):
        return "its organization is not named"
    return None


def _clock_ok(clock: Clock) -> bool:
    state = vars(clock)
    whole = all(type(state.get(name)) is int for name in _CLOCK_INTS)
    started = isinstance(state.get("_started"), (int, float))
    source = state.get("_monotonic") in _SOURCES
    return whole and started and source and state.get("mode") in _MODES


def _table_ok(table: Table[Any]) -> bool:
    rows = getattr(table, "_rows", None)
    if not isinstance(rows, dict) or not isinstance(table.ids, list):
        return False
    if not all(type(i) is int for i in [*rows, *table.ids]):
        return False
    if table.ids != sorted(rows) or not isinstance(table.kind, str):
        return False
    return all(row is None or type(row).__name__ == table.kind for row in rows.values())


def foreign(document: dict[str, Any], world: World, setup: Setup) -> str | None:
    """Refuse a snapshot made with another setup (or another organisation's).

    Board tokens and keys live in the world: loaded under a setup with other
    ones, its boards would answer to credentials that route elsewhere.
    """
    if document.get("organization") != setup.organization:
        return (
            f"a snapshot of {document.get('organization')!r}, but the setup "
            f"is {setup.organization!r}: load it with the setup it was made with"
        )
    held = {(b.token, b.api_key) for b in world.boards if not b.internal}
    if held != {(b.token, b.api_key) for b in setup.boards}:
        return (
            f"its job boards ({', '.join(sorted(t for t, _ in held))}) are "
            "not this setup's: load it with the setup (and organisation) it was "
            "made with"
        )
    return None
