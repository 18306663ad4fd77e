"""Harvest's Scheduled interviews operations (reads)."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render_hiring
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest
from simulator.world.records_hiring import ScheduledInterview

TIME_FILTERS = ("created_before", "created_after", "updated_before", "updated_after")


def _common(query: Query[ScheduledInterview]) -> Query[ScheduledInterview]:
    query.time_range("created", lambda s: s.created_at, follows_ids=False)
    query.time_range("updated", lambda s: s.updated_at, follows_ids=False)
    query.text_equals("external_event_id", lambda s: s.external_event_id)
    if query.flag("actionable"):
        # Only interviews created through Harvest can be changed through it, and
        # the world's interviews were all scheduled in Greenhouse itself.
        query.empty = True
    return query


@harvest.get(
    "/v1/scheduled_interviews",
    group="Scheduled interviews",
    action="List Scheduled Interviews",
    paging="pages",
    returns="scheduled_interview[]",
    filters=(
        *TIME_FILTERS,
        "starts_before",
        "starts_after",
        "ends_before",
        "ends_after",
        "external_event_id",
        "actionable",
    ),
)
async def list_scheduled_interviews(call: Call) -> Response:
    world = call.world
    query = _common(Query(call.request, world.scheduled_interviews))
    query.time_range("starts", lambda s: s.start, follows_ids=False)
    query.time_range("ends", lambda s: s.end, follows_ids=False)
    return query.respond(lambda item: render_hiring.scheduled_interview(world, item))


@harvest.get(
    "/v1/scheduled_interviews/{id:id}",
    group="Scheduled interviews",
    action="Retrieve Scheduled Interview",
    returns="scheduled_interview",
)
async def retrieve_scheduled_interview(call: Call) -> Response:
    item = call.world.scheduled_interviews.get(call.path_int("id"))
    return JSONResponse(render_hiring.scheduled_interview(call.world, item))


@harvest.get(
    "/v1/applications/{id:id}/scheduled_interviews",
    group="Scheduled interviews",
    action="List Scheduled Interviews for Application",
    paging="pages",
    returns="scheduled_interview[]",
    filters=(*TIME_FILTERS, "external_event_id", "actionable"),
)
async def list_scheduled_interviews_for_application(call: Call) -> Response:
    world = call.world
    application = world.applications.get(call.path_int("id"))
    query = Query(call.request, world.scheduled_interviews)
    query.ids(world.interviews_by_application.ids(application.id))
    _common(query)
    return query.respond(lambda item: render_hiring.scheduled_interview(world, item))
