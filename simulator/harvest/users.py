"""Harvest's Users and Close reasons operations (reads).

Neither group is in the integration key's grant, so the Phenom key gets the
permission error here, as it does at Greenhouse.
"""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest


@harvest.get(
    "/v1/users",
    group="Users",
    action="List Users",
    paging="pages",
    returns="user[]",
    filters=(
        "employee_id",
        "created_before",
        "created_after",
        "updated_before",
        "updated_after",
        "email",
        "user_attributes",
    ),
)
async def list_users(call: Call) -> Response:
    world = call.world
    query = (
        Query(call.request, world.users)
        .time_range("created", lambda u: u.created_at, follows_ids=False)
        .time_range("updated", lambda u: u.updated_at, follows_ids=False)
        .text_equals("employee_id", lambda u: u.employee_id)
    )
    email = call.request.query_params.get("email")
    if email is not None:
        query.where(lambda u: (u.email or "").lower() == email.strip().lower())
    # No user attributes are configured, so there are none to include.
    query.flag("user_attributes")
    return query.respond_from(call.sim.fragments, world, render.user)


@harvest.get(
    "/v1/users/{id:id}",
    group="Users",
    action="Retrieve User",
    returns="user",
)
async def retrieve_user(call: Call) -> Response:
    user = call.world.users.get(call.path_int("id"))
    return call.sim.fragments.response(call.world, render.user, user)


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
