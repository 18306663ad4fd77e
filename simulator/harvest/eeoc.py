"""Harvest's EEOC operations (reads): every application's EEOC answers, if any."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render_company
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest


@harvest.get(
    "/v1/eeoc",
    group="EEOC",
    action="List EEOC",
    paging="next",
    returns="eeoc[]",
    filters=("submitted_before", "submitted_after"),
)
async def list_eeoc(call: Call) -> Response:
    # Submitted with the application, so submission times follow its id.
    query = Query(call.request, call.world.eeoc).time_range(
        "submitted", lambda e: e.submitted_at, follows_ids=True
    )
    return query.respond_next(render_company.eeoc, id_of=lambda e: e.application_id)


@harvest.get(
    "/v1/applications/{id:id}/eeoc",
    group="EEOC",
    action="Retrieve Application's EEOC Data",
    returns="eeoc",
)
async def retrieve_eeoc_for_application(call: Call) -> Response:
    """An application with no EEOC answers gets its ids and every answer null."""
    world = call.world
    application = world.applications.get(call.path_int("id"))
    record = world.eeoc.find(application.id)
    if record is None:
        return JSONResponse(
            render_company.no_eeoc(application.id, application.candidate_id)
        )
    return JSONResponse(render_company.eeoc(record))
