"""Harvest's Scorecards operations (reads)."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render_hiring
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest


@harvest.get(
    "/v1/scorecards",
    group="Scorecards",
    action="List Scorecards",
    paging="pages",
    returns="scorecard[]",
    filters=("created_before", "created_after", "updated_before", "updated_after"),
)
async def list_scorecards(call: Call) -> Response:
    world = call.world
    query = (
        Query(call.request, world.scorecards)
        .time_range("created", lambda s: s.created_at, follows_ids=False)
        .time_range("updated", lambda s: s.updated_at, follows_ids=False)
    )
    return query.respond(lambda item: render_hiring.scorecard(world, item))


@harvest.get(
    "/v1/scorecards/{id:id}",
    group="Scorecards",
    action="Retrieve Scorecard",
    returns="scorecard",
)
async def retrieve_scorecard(call: Call) -> Response:
    item = call.world.scorecards.get(call.path_int("id"))
    return JSONResponse(render_hiring.scorecard(call.world, item))


@harvest.get(
    "/v1/applications/{id:id}/scorecards",
    group="Scorecards",
    action="List Scorecards for Application",
    returns="scorecard[]",
)
async def list_scorecards_for_application(call: Call) -> Response:
    """Every submitted scorecard of the application; the docs give no paging."""
    world = call.world
    application = world.applications.get(call.path_int("id"))
    ids = world.scorecards_by_application.ids(application.id)
    return JSONResponse(
        [render_hiring.scorecard(world, world.scorecards.get(i)) for i in ids]
    )
