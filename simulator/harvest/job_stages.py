"""Harvest's Job stages operations."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest

TIME_FILTERS = ("created_before", "created_after", "updated_before", "updated_after")


@harvest.get(
    "/v1/job_stages",
    group="Job stages",
    action="List Job Stages",
    paging="pages",
    returns="job_stage[]",
    filters=TIME_FILTERS,
)
async def list_job_stages(call: Call) -> Response:
    world = call.world
    query = (
        Query(call.request, world.stages)
        .time_range("created", lambda s: s.created_at, follows_ids=False)
        .time_range("updated", lambda s: s.updated_at, follows_ids=False)
    )
    return query.respond_from(call.sim.fragments, world, render.stage)


@harvest.get(
    "/v1/jobs/{id:id}/stages",
    group="Job stages",
    action="List Job Stages for Job",
    returns="job_stage[]",
    filters=TIME_FILTERS,
)
async def list_job_stages_for_job(call: Call) -> Response:
    world = call.world
    job = world.jobs.get(call.path_int("id"))
    query = (
        Query(call.request, world.stages)
        .ids(sorted(job.stage_ids))
        .time_range("created", lambda s: s.created_at, follows_ids=False)
        .time_range("updated", lambda s: s.updated_at, follows_ids=False)
    )
    rows, _ = query.rows(0, len(job.stage_ids))
    return JSONResponse([render.stage(world, stage) for stage in rows])


@harvest.get(
    "/v1/job_stages/{id:id}",
    group="Job stages",
    action="Retrieve Job Stage",
    returns="job_stage",
)
async def retrieve_job_stage(call: Call) -> Response:
    stage = call.world.stages.get(call.path_int("id"))
    return call.sim.fragments.response(call.world, render.stage, stage)
