"""/_sim/faults: switch delivery faults on and off (see webhooks.faults)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.control.handling import answer, body_of, sim_route
from simulator.harvest.errors import ResourceNotFound, ValidationFailed
from simulator.runtime import Simulator
from simulator.schema import MAP, RouteDoc, arr, schemas
from simulator.webhooks.catalogue import ACTIONS


@sim_route
async def list_faults(request: Request, sim: Simulator) -> Response:
    return answer([fault.describe() for fault in sim.dispatcher.faults.faults.values()])


@sim_route
async def add_fault(request: Request, sim: Simulator) -> Response:
    body = await body_of(request)
    webhook, action = body.get("webhook"), body.get("action")
    if isinstance(webhook, str) and webhook not in sim.webhooks.hooks:
        raise ValidationFailed("webhook", f"no webhook is named {webhook!r}")
    if isinstance(action, str) and action not in ACTIONS:
        raise ValidationFailed("action", f"unknown webhook action {action!r}")
    fault = sim.dispatcher.faults.add(body)
    return answer(fault.describe(), 201)


@sim_route
async def remove_fault(request: Request, sim: Simulator) -> Response:
    held = sim.dispatcher.faults.remove(request.path_params["id"])
    if held is None:
        raise ResourceNotFound()
    sim.dispatcher.release(held)
    return Response(status_code=204)


@sim_route
async def remove_all_faults(request: Request, sim: Simulator) -> Response:
    sim.dispatcher.release(sim.dispatcher.faults.clear())
    return Response(status_code=204)


routes: list[BaseRoute] = [
    Route("/_sim/faults", list_faults, methods=["GET"]),
    Route("/_sim/faults", add_fault, methods=["POST"]),
    Route("/_sim/faults", remove_all_faults, methods=["DELETE"]),
    Route("/_sim/faults/{id:id}", remove_fault, methods=["DELETE"]),
]

schemas.define("sim_fault", MAP)
schemas.define("sim_faults", arr(MAP))
TAG = "Control: faults"
docs = [
    RouteDoc("GET", "/_sim/faults", "The faults switched on", TAG, "sim_faults"),
    RouteDoc(
        "POST",
        "/_sim/faults",
        "Switch a delivery fault on",
        TAG,
        "sim_fault",
        status=201,
        errors=(422, 501),
    ),
    RouteDoc("DELETE", "/_sim/faults", "Switch every fault off", TAG, None, status=204),
    RouteDoc(
        "DELETE",
        "/_sim/faults/{id}",
        "Switch one fault off",
        TAG,
        None,
        status=204,
        errors=(404,),
    ),
]
