"""Harvest's Jobs, Job posts and Job stages operations (reads)."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render
from simulator.harvest.api import Call
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.paging import page_of_table
from simulator.harvest.registry import harvest
from simulator.jsonbody import shown
from simulator.world.records import JobPost


@harvest.get(
    "/v1/jobs",
    group="Jobs",
    action="List Jobs",
    paging="pages",
    returns="job[]",
)
async def list_jobs(call: Call) -> Response:
    world = call.world
    return page_of_table(call.request, world.jobs, lambda job: render.job(world, job))


@harvest.get(
    "/v1/jobs/{id:id}",
    group="Jobs",
    action="Retrieve Job",
    returns="job",
)
async def retrieve_job(call: Call) -> Response:
    job = call.world.jobs.get(call.path_int("id"))
    return JSONResponse(render.job(call.world, job))


@harvest.get(
    "/v1/job_posts",
    group="Job posts",
    action="List Job Posts",
    paging="pages",
    returns="job_post[]",
)
async def list_job_posts(call: Call) -> Response:
    world = call.world
    return page_of_table(
        call.request, world.job_posts, lambda post: render.job_post(world, post)
    )


@harvest.get(
    "/v1/job_posts/{id:id}",
    group="Job posts",
    action="Retrieve Job Post",
    returns="job_post",
)
async def retrieve_job_post(call: Call) -> Response:
    post = call.world.job_posts.get(call.path_int("id"))
    return JSONResponse(render.job_post(call.world, post))


def _active_filter(call: Call) -> bool | None:
    raw = call.request.query_params.get("active")
    if raw is None:
        return None
    if raw.lower() not in ("true", "false"):
        raise ValidationFailed(
            "active", f"active must be true or false, not {shown(raw)}"
        )
    return raw.lower() == "true"


@harvest.get(
    "/v1/jobs/{id:id}/job_posts",
    group="Job posts",
    action="List Job Posts for Job",
    returns="job_post[]",
)
async def list_job_posts_for_job(call: Call) -> Response:
    job = call.world.jobs.get(call.path_int("id"))
    active = _active_filter(call)
    posts: list[JobPost] = call.world.job_posts_of(job)
    if active is not None:
        posts = [post for post in posts if post.active == active]
    return JSONResponse([render.job_post(call.world, post) for post in posts])


@harvest.get(
    "/v1/job_stages",
    group="Job stages",
    action="List Job Stages",
    paging="pages",
    returns="job_stage[]",
)
async def list_job_stages(call: Call) -> Response:
    world = call.world
    return page_of_table(
        call.request, world.stages, lambda stage: render.stage(world, stage)
    )


@harvest.get(
    "/v1/jobs/{id:id}/stages",
    group="Job stages",
    action="List Job Stages for Job",
    returns="job_stage[]",
)
async def list_job_stages_for_job(call: Call) -> Response:
    job = call.world.jobs.get(call.path_int("id"))
    stages = call.world.job_stages(job)
    return JSONResponse([render.stage(call.world, stage) for stage in stages])


@harvest.get(
    "/v1/job_stages/{id:id}",
    group="Job stages",
    action="Retrieve Job Stage",
    returns="job_stage",
)
async def retrieve_job_stage(call: Call) -> Response:
    stage = call.world.stages.get(call.path_int("id"))
    return JSONResponse(render.stage(call.world, stage))
