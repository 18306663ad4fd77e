"""Harvest's Users and Close reasons operations (reads).

Neither group is in the integration key's grant, so the Phenom key gets the
permission error here, as it does at Greenhouse.
"""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render
from simulator.harvest.api import Call
from simulator.harvest.paging import page_of_table
from simulator.harvest.registry import harvest


@harvest.get(
    "/v1/users",
    group="Users",
    action="List Users",
    paging="pages",
    returns="user[]",
)
async def list_users(call: Call) -> Response:
    world = call.world
    return page_of_table(call.request, world.users, lambda u: render.user(world, u))


@harvest.get(
    "/v1/users/{id:id}",
    group="Users",
    action="Retrieve User",
    returns="user",
)
async def retrieve_user(call: Call) -> Response:
    user = call.world.users.get(call.path_int("id"))
    return JSONResponse(render.user(call.world, user))


@harvest.get(
    "/v1/close_reasons",
    group="Close reasons",
    action="List Close Reasons",
    returns="close_reason[]",
)
async def list_close_reasons(call: Call) -> Response:
    return JSONResponse(
        [{"id": r.id, "name": r.name} for r in call.world.close_reasons]
    )
