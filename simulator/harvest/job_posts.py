"""Harvest's Job posts operations."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render
from simulator.harvest.api import Call
from simulator.harvest.errors import ResourceNotFound
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest


@harvest.get(
    "/v1/job_posts",
    group="Job posts",
    action="List Job Posts",
    paging="pages",
    returns="job_post[]",
    filters=(
        "created_before",
        "created_after",
        "updated_before",
        "updated_after",
        "live",
        "active",
        "full_content",
        "internal",
    ),
)
async def list_job_posts(call: Call) -> Response:
    world = call.world
    query = (
        Query(call.request, world.job_posts)
        .time_range("created", lambda p: p.created_at, follows_ids=False)
        .time_range("updated", lambda p: p.updated_at, follows_ids=False)
    )
    if query.flag("live"):
        query.where(lambda post: post.live)
    active = query.flag("active")
    if active is not None:
        query.where(lambda post: post.active == active)
    internal = query.flag("internal")
    if internal is not None:
        query.where(lambda post: post.internal == internal)
    query.flag("full_content")  # content is already the whole post
    return query.respond(lambda post: render.job_post(world, post))


@harvest.get(
    "/v1/job_posts/{id:id}",
    group="Job posts",
    action="Retrieve Job Post",
    returns="job_post",
)
async def retrieve_job_post(call: Call) -> Response:
    post = call.world.job_posts.get(call.path_int("id"))
    return JSONResponse(render.job_post(call.world, post))


@harvest.get(
    "/v1/jobs/{id:id}/job_posts",
    group="Job posts",
    action="List Job Posts for Job",
    returns="job_post[]",
    filters=("active", "full_content"),
)
async def list_job_posts_for_job(call: Call) -> Response:
    world = call.world
    job = world.jobs.get(call.path_int("id"))
    query = Query(call.request, world.job_posts).ids(sorted(job.post_ids))
    active = query.flag("active")
    if active is not None:
        query.where(lambda post: post.active == active)
    query.flag("full_content")
    rows, _ = query.rows(0, len(job.post_ids))
    return JSONResponse([render.job_post(world, post) for post in rows])


@harvest.get(
    "/v1/jobs/{id:id}/job_post",
    group="Job posts",
    action="Retrieve Job Post for Job",
    returns="job_post",
    filters=("content", "questions", "full_content"),
)
async def retrieve_job_post_for_job(call: Call) -> Response:
    """The job's post: the first one made for it (earliest, then lowest id)."""
    world = call.world
    post = world.first_post(world.jobs.get(call.path_int("id")))
    if post is None:
        raise ResourceNotFound()
    return JSONResponse(render.job_post(world, post))
