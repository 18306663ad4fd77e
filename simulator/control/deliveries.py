"""/_sim/deliveries: the log of every delivery and each attempt at it; redeliver.

Every delivery the simulator made is here until a reset, whatever became of it,
with its state (`pending`, `retrying`, `delivered`, `failed`); one delivery shows
its exact bytes and headers and every attempt.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.control.handling import answer, sim_route
from simulator.harvest.errors import ResourceNotFound
from simulator.runtime import Simulator
from simulator.schema import (
    BOOL,
    INT,
    MAP,
    NUM,
    STR,
    RouteDoc,
    arr,
    nullable,
    object_of,
    schemas,
)
from simulator.webhooks.delivery import Delivery

FILTERS = ("action", "webhook", "application_id", "state", "event_id")


def _matches(delivery: Delivery, wanted: dict[str, str]) -> bool:
    return all(str(getattr(delivery, name)) == value for name, value in wanted.items())


@sim_route
async def list_deliveries(request: Request, sim: Simulator) -> Response:
    wanted = {
        name: request.query_params[name]
        for name in FILTERS
        if request.query_params.get(name)
    }
    rows = [d.describe() for d in sim.dispatcher.log if _matches(d, wanted)]
    return answer(rows)


def _find(sim: Simulator, request: Request) -> Delivery:
    delivery = sim.dispatcher.get(request.path_params["id"])
    if delivery is None:
        raise ResourceNotFound()
    return delivery


@sim_route
async def retrieve_delivery(request: Request, sim: Simulator) -> Response:
    return answer(_find(sim, request).describe(with_body=True))


@sim_route
async def redeliver(request: Request, sim: Simulator) -> Response:
    """Send a delivery's bytes again now, as a new delivery with a new event id."""
    original = _find(sim, request)
    delivery = sim.dispatcher.redeliver(original)
    return answer(delivery.describe(), 202)


routes: list[BaseRoute] = [
    Route("/_sim/deliveries", list_deliveries, methods=["GET"]),
    Route("/_sim/deliveries/{id:id}", retrieve_delivery, methods=["GET"]),
    Route("/_sim/deliveries/{id:id}/redeliver", redeliver, methods=["POST"]),
]

_SUMMARY = {
    "id": INT,
    "event_id": STR,
    "webhook": STR,
    "action": STR,
    "application_id": nullable(INT),
    "url": STR,
    "state": STR,
    "forged": BOOL,
    "response_status": nullable(INT),
    "response_snippet": STR,
    "error": nullable(STR),
    "latency_ms": nullable(NUM),
    "created_at": STR,
    "attempt_count": INT,
    "next_attempt_at": nullable(STR),
    "faults": arr(STR),
    "copy_of": nullable(INT),
}
schemas.define(
    "sim_delivery",
    object_of(
        {**_SUMMARY, "headers": MAP, "body": STR, "attempts": arr(MAP)},
        ("headers", "body", "attempts"),
    ),
)
TAG = "Control: deliveries"
docs = [
    RouteDoc(
        "GET",
        "/_sim/deliveries",
        "The delivery log",
        TAG,
        "sim_delivery[]",
        query=FILTERS,
    ),
    RouteDoc(
        "GET",
        "/_sim/deliveries/{id}",
        "One delivery, with its bytes and every attempt",
        TAG,
        "sim_delivery",
        errors=(404,),
    ),
    RouteDoc(
        "POST",
        "/_sim/deliveries/{id}/redeliver",
        "Send a delivery again, with a new event id",
        TAG,
        "sim_delivery",
        status=202,
        errors=(404,),
    ),
]
