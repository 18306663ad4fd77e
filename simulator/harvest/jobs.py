"""Harvest's Jobs operations."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest
from simulator.world.records import Job
from simulator.world.store import World

JOB_STATUSES = ("open", "closed", "draft")


@harvest.get(
    "/v1/jobs",
    group="Jobs",
    action="List Jobs",
    paging="pages",
    returns="job[]",
    filters=(
        "created_before",
        "created_after",
        "updated_before",
        "updated_after",
        "requisition_id",
        "opening_id",
        "status",
        "department_id",
        "external_department_id",
        "office_id",
        "external_office_id",
        "custom_field_option_id",
    ),
)
async def list_jobs(call: Call) -> Response:
    world = call.world
    query = (
        Query(call.request, world.jobs)
        .time_range("created", lambda j: j.created_at, follows_ids=False)
        .time_range("updated", lambda j: j.updated_at, follows_ids=False)
        .text_equals("requisition_id", lambda j: j.requisition_id)
        .choice("status", JOB_STATUSES, lambda j: j.status)
        .id_equals("department_id", lambda j: j.department_id)
        .id_equals("office_id", lambda j: j.office_ids[0] if j.office_ids else None)
    )
    params = call.request.query_params
    if "opening_id" in params:
        wanted = params["opening_id"]
        query.where(lambda job: wanted in _opening_ids(world, job))
    if "external_department_id" in params or "external_office_id" in params:
        # No department or office of the generated world has an external id.
        query.empty = True
    if "custom_field_option_id" in params:
        # The world's jobs carry no custom field values, so none can match.
        query.empty = True
    return query.respond(lambda job: render.job(world, job))


def _opening_ids(world: World, job: Job) -> set[str | None]:
    return {world.openings.get(i).opening_id for i in job.opening_ids}


@harvest.get(
    "/v1/jobs/{id:id}",
    group="Jobs",
    action="Retrieve Job",
    returns="job",
)
async def retrieve_job(call: Call) -> Response:
    job = call.world.jobs.get(call.path_int("id"))
    return JSONResponse(render.job(call.world, job))
