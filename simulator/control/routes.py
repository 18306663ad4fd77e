"""The control API under /_sim: the simulator's own switches, apart from the vendor's.

Health, configuration and reset; the recruiter actions Greenhouse has no API for
(unhire, adding a candidate by hand); a forged webhook as a negative control; and
the delivery log. Errors use Harvest's `{"message": ...}` shape.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

import simulator.routing  # noqa: F401  (registers the {name:id} convertor)
from simulator import __version__
from simulator.control import ops as control_ops
from simulator.control.sim_routes import docs as delivery_docs
from simulator.control.sim_routes import routes as delivery_routes
from simulator.harvest import params
from simulator.harvest.errors import (
    HarvestError,
    ValidationFailed,
    from_world,
)
from simulator.runtime import Simulator
from simulator.schema import (
    INT,
    RouteDoc,
    arr,
    obj,
    schemas,
)
from simulator.webhooks.catalogue import APPLICATION_ACTIONS
from simulator.world import actions
from simulator.world.actions import CandidateDetails
from simulator.world.errors import WorldError
from simulator.world.spec import parse_size

Endpoint = Callable[[Request], Awaitable[Response]]


def control(handler: Callable[[Request, Simulator], Awaitable[Response]]) -> Endpoint:
    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request, request.app.state.sim)
        except HarvestError as error:
            return error.response()
        except WorldError as error:
            return from_world(error).response()

    return endpoint


def _actor(sim: Simulator, body: dict[str, Any]) -> int:
    """The acting user: `user_id` if given, else the first site admin."""
    user_id = params.integer(body, "user_id")
    if user_id is None:
        return sim.default_actor()
    if user_id not in sim.world.users:
        raise ValidationFailed("user_id", f"User {user_id} does not exist")
    return user_id


@control
async def health(request: Request, sim: Simulator) -> Response:
    return JSONResponse(
        {
            "status": "ok",
            "version": __version__,
            "seed": sim.seed,
            "size": sim.size,
            "clock": {"mode": sim.world.clock.mode, "now": sim.world.clock.now()},
            "deliveries_pending": sim.dispatcher.pending(),
            "deliveries_outstanding": sim.dispatcher.outstanding(),
        }
    )


@control
async def show_config(request: Request, sim: Simulator) -> Response:
    setup = sim.setup.describe()
    setup["on_behalf_of"] = sim.default_actor()
    setup["seed"], setup["size"] = sim.seed, sim.size
    return JSONResponse(setup)


@control
async def reset(request: Request, sim: Simulator) -> Response:
    body = await params.json_object(request)
    seed = params.integer(body, "seed")
    size = body.get("size")
    if size is not None:
        try:
            size = parse_size(size if isinstance(size, (int, str)) else repr(size))
        except ValueError as exc:
            raise ValidationFailed("size", str(exc)) from None
    sim.reset(seed=seed, size=size)
    return JSONResponse({"status": "reset", "seed": sim.seed, "size": sim.size})


@control
async def unhire(request: Request, sim: Simulator) -> Response:
    application_id = sim.world.applications.get(request.path_params["id"]).id
    body = await params.json_object(request)
    events = actions.unhire(sim.world, application_id, actor_id=_actor(sim, body))
    deliveries = sim.emit(events)
    return JSONResponse(
        {"application_id": application_id, "deliveries": [d.id for d in deliveries]}
    )


@control
async def add_candidate(request: Request, sim: Simulator) -> Response:
    """Add a candidate to a job by hand, as a recruiter does in the app.

    The application has no job post (`job_post_id: null`), like referrals and
    sourced candidates in Greenhouse.
    """
    body = await params.json_object(request)
    world = sim.world
    job_id = params.required_integer(body, "job_id")
    first = params.text(body, "first_name", max_length=255)
    last = params.text(body, "last_name", max_length=255)
    details = CandidateDetails(
        first_name=first or "",
        last_name=last or "",
        email=params.text(body, "email", max_length=255),
    )
    source_id = params.integer(body, "source_id")
    application, events = actions.add_by_hand(
        world, job_id, details, source_id=source_id, actor_id=_actor(sim, body)
    )
    sim.emit(events)
    return JSONResponse(
        {"candidate_id": application.candidate_id, "application_id": application.id},
        status_code=201,
    )


@control
async def forge_webhook(request: Request, sim: Simulator) -> Response:
    body = await params.json_object(request)
    application_id = params.required_integer(body, "application_id")
    action = params.text(body, "action", required=True) or ""
    if action not in APPLICATION_ACTIONS:
        raise ValidationFailed(
            "action", f"{action!r} is not an application webhook action"
        )
    status = params.text(body, "status")
    if application_id not in sim.world.applications:
        raise ValidationFailed(
            "application_id", f"Application {application_id} does not exist"
        )
    deliveries = sim.publisher.forge(sim.world, application_id, action, status)
    return JSONResponse({"deliveries": [d.id for d in deliveries]}, status_code=202)


routes: list[BaseRoute] = [
    Route("/_sim/health", health, methods=["GET"]),
    Route("/_sim/config", show_config, methods=["GET"]),
    Route("/_sim/reset", reset, methods=["POST"]),
    Route("/_sim/candidates", add_candidate, methods=["POST"]),
    Route("/_sim/applications/{id:id}/unhire", unhire, methods=["POST"]),
    Route("/_sim/webhooks/forge", forge_webhook, methods=["POST"]),
]


schemas.define("sim_status", {"type": "object"})
schemas.define("sim_created", obj(candidate_id=INT, application_id=INT))
schemas.define(
    "sim_sent", obj(("application_id",), application_id=INT, deliveries=arr(INT))
)

TAG = "Control (ghsim's own)"
docs = [
    RouteDoc(
        "GET",
        "/_sim/health",
        "Liveness, seed, clock, deliveries in flight",
        TAG,
        "sim_status",
    ),
    RouteDoc("GET", "/_sim/config", "The effective setup", TAG, "sim_status"),
    RouteDoc(
        "POST",
        "/_sim/reset",
        "Rebuild the world from a seed",
        TAG,
        "sim_status",
        errors=(422,),
    ),
    RouteDoc(
        "POST",
        "/_sim/candidates",
        "Add a candidate to a job by hand",
        TAG,
        "sim_created",
        status=201,
        errors=(422,),
    ),
    RouteDoc(
        "POST",
        "/_sim/applications/{id}/unhire",
        "Unhire (the recruiter's button)",
        TAG,
        "sim_sent",
        errors=(404, 422),
    ),
    RouteDoc(
        "POST",
        "/_sim/webhooks/forge",
        "Send a payload signed with a wrong key",
        TAG,
        "sim_sent",
        status=202,
        errors=(422,),
    ),
]

# Clock, webhook configuration, deliveries, faults and trigger (issue 5).
routes += delivery_routes
docs += delivery_docs
# Readiness (simulator.control.ops).
routes += control_ops.routes
docs += control_ops.docs
