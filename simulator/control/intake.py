"""/_sim/job_board/intake: how the Job Board turns applications into records.

`delay_seconds` holds each accepted application back on the world's clock, as
Greenhouse's asynchronous intake does; `reuse_candidates` makes an application
from a known e-mail join that candidate. `POST .../settle` lets every waiting
application arrive now, whatever the clock says.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from simulator.control.routes import control
from simulator.harvest import params
from simulator.harvest.errors import ValidationFailed
from simulator.runtime import Simulator
from simulator.schema import BOOL, INT, NUM, RouteDoc, arr, obj, schemas

MAX_DELAY_SECONDS = 86_400


def _state(sim: Simulator) -> JSONResponse:
    intake = sim.intake
    return JSONResponse(
        {
            "delay_seconds": intake.delay_ms / 1000,
            "reuse_candidates": intake.reuse_candidates,
            "waiting": len(intake.waiting),
            "dropped": [
                {"post_id": post_id, "reason": reason}
                for post_id, reason in intake.dropped
            ],
        }
    )


@control
async def show_intake(request: Request, sim: Simulator) -> Response:
    return _state(sim)


@control
async def change_intake(request: Request, sim: Simulator) -> Response:
    """Check both settings, then change them together."""
    body = await params.json_object(request)
    delay = body.get("delay_seconds")
    if delay is not None and (
        isinstance(delay, bool)
        or not isinstance(delay, (int, float))
        or not 0 <= delay <= MAX_DELAY_SECONDS
    ):
        raise ValidationFailed(
            "delay_seconds", f"Must be a number from 0 to {MAX_DELAY_SECONDS}"
        )
    reuse = params.boolean(body, "reuse_candidates")

    if delay is not None:
        sim.intake.delay_ms = round(delay * 1000)
    if reuse is not None:
        sim.intake.reuse_candidates = reuse
    return _state(sim)


@control
async def settle_intake(request: Request, sim: Simulator) -> Response:
    sim.intake.settle(sim, everything=True)
    return _state(sim)


routes: list[BaseRoute] = [
    Route("/_sim/job_board/intake", show_intake, methods=["GET"]),
    Route("/_sim/job_board/intake", change_intake, methods=["PUT"]),
    Route("/_sim/job_board/intake/settle", settle_intake, methods=["POST"]),
]

schemas.define(
    "sim_intake",
    obj(
        delay_seconds=NUM,
        reuse_candidates=BOOL,
        waiting=INT,
        dropped=arr(obj(post_id=INT, reason={"type": "string"})),
    ),
)
schemas.define(
    "sim_intake_body",
    obj(
        ("delay_seconds", "reuse_candidates"), delay_seconds=NUM, reuse_candidates=BOOL
    ),
)
TAG = "Control (ghsim's own)"
docs = [
    RouteDoc("GET", "/_sim/job_board/intake", "The Job Board intake settings", TAG,
             "sim_intake"),
    RouteDoc("PUT", "/_sim/job_board/intake", "Change the Job Board intake settings",
             TAG, "sim_intake", body="sim_intake_body", errors=(400, 422)),
    RouteDoc("POST", "/_sim/job_board/intake/settle",
             "Let every waiting application arrive now", TAG, "sim_intake"),
]  # fmt: skip
