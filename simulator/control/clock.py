"""/_sim/clock: read the simulator's clock, switch its mode, move it on.

`advance` sends every delivery and retry that falls due on the way, in order,
before it answers: after `advance 15 minutes` the receiver has seen all of them.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.control.handling import answer, body_of, sim_route
from simulator.formats import iso_utc
from simulator.harvest.errors import ValidationFailed
from simulator.runtime import Simulator
from simulator.schema import INT, NUM, STR, RouteDoc, obj, schemas
from simulator.world.clock import CLOCK_MODES

MAX_ADVANCE_SECONDS = 10 * 366 * 24 * 3600
_UNITS = {
    "ms": 0.001,
    "millisecond": 0.001,
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
}
_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*(?:,|and\b)?", re.IGNORECASE)


def parse_duration(text: str) -> float:
    """Seconds in `15 minutes`, `1h 30m`, `90s`; ValueError if not a duration."""
    seconds, position = 0.0, 0
    for match in _PART.finditer(text):
        unit = match.group(2).lower()
        if unit not in _UNITS and unit.endswith("s"):
            unit = unit[:-1]
        if match.start() != position or unit not in _UNITS:
            break
        seconds += float(match.group(1)) * _UNITS[unit]
        position = match.end()
    if position == 0 or text[position:].strip():
        raise ValueError(f"{text!r} is not a duration such as '15 minutes' or '1h 30m'")
    return seconds


def describe_clock(sim: Simulator) -> dict[str, Any]:
    clock = sim.clock
    return {"now": iso_utc(clock.now()), "mode": clock.mode, "scale": clock.scale}


@sim_route
async def show_clock(request: Request, sim: Simulator) -> Response:
    return answer(describe_clock(sim))


@sim_route
async def set_clock(request: Request, sim: Simulator) -> Response:
    body = await body_of(request)
    mode = body.get("mode", sim.clock.mode)
    if mode not in CLOCK_MODES:
        raise ValidationFailed("mode", f"mode must be one of {', '.join(CLOCK_MODES)}")
    scale = body.get("scale")
    if scale is not None and (
        isinstance(scale, bool) or not isinstance(scale, (int, float)) or scale <= 0
    ):
        raise ValidationFailed("scale", "scale must be a number above 0")
    if mode == "scaled" and scale is None and sim.clock.mode != "scaled":
        raise ValidationFailed("scale", "scaled mode needs a scale, e.g. 60")
    sim.clock.set_mode(mode, None if scale is None else float(scale))
    sim.clock_mode, sim.clock_scale = mode, sim.clock.scale
    sim.dispatcher.clock_changed()
    return answer(describe_clock(sim))


def _seconds(body: dict[str, Any]) -> float:
    if "by" in body:
        if not isinstance(body["by"], str):
            raise ValidationFailed("by", "by must be a duration such as '15 minutes'")
        try:
            seconds = parse_duration(body["by"])
        except ValueError as exc:
            raise ValidationFailed("by", str(exc)) from None
    else:
        value = body.get("seconds")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationFailed("seconds", "seconds (a number) or by is required")
        seconds = float(value)
    if not 0 <= seconds <= MAX_ADVANCE_SECONDS:
        raise ValidationFailed(
            "seconds", f"the clock moves forward by 0 to {MAX_ADVANCE_SECONDS} seconds"
        )
    return seconds


@sim_route
async def advance_clock(request: Request, sim: Simulator) -> Response:
    seconds = _seconds(await body_of(request))
    attempts = await sim.advance(seconds)
    return answer({"now": iso_utc(sim.clock.now()), "attempts": attempts})


routes: list[BaseRoute] = [
    Route("/_sim/clock", show_clock, methods=["GET"]),
    Route("/_sim/clock", set_clock, methods=["POST"]),
    Route("/_sim/clock/advance", advance_clock, methods=["POST"]),
]

schemas.define("sim_clock", obj(now=STR, mode=STR, scale=NUM))
schemas.define("sim_advanced", obj(now=STR, attempts=INT))
TAG = "Control: clock"
docs = [
    RouteDoc("GET", "/_sim/clock", "The simulator's clock", TAG, "sim_clock"),
    RouteDoc(
        "POST",
        "/_sim/clock",
        "Switch the clock to real, scaled or virtual time",
        TAG,
        "sim_clock",
        errors=(422,),
    ),
    RouteDoc(
        "POST",
        "/_sim/clock/advance",
        "Move the clock on, sending every delivery due meanwhile",
        TAG,
        "sim_advanced",
        errors=(422,),
    ),
]
