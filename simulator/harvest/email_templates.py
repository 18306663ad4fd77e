"""Harvest's Email templates operations."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render_org
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest


@harvest.get(
    "/v1/email_templates",
    group="Email templates",
    action="List Email Templates",
    paging="pages",
    returns="email_template[]",
    filters=("created_before", "created_after", "updated_before", "updated_after"),
)
async def list_email_templates(call: Call) -> Response:
    world = call.world
    query = (
        Query(call.request, world.email_templates)
        .time_range("created", lambda t: t.created_at, follows_ids=False)
        .time_range("updated", lambda t: t.updated_at, follows_ids=False)
    )
    return query.respond(lambda template: render_org.email_template(world, template))


@harvest.get(
    "/v1/email_templates/{id:id}",
    group="Email templates",
    action="Retrieve Email Template",
    returns="email_template",
)
async def retrieve_email_template(call: Call) -> Response:
    template = call.world.email_templates.get(call.path_int("id"))
    return JSONResponse(render_org.email_template(call.world, template))
