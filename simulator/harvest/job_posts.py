"""Harvest's Job posts operations: reads, custom locations, and the v2 edits."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from simulator.harvest import params, render, render_org
from simulator.harvest.api import Call
from simulator.harvest.errors import ResourceNotFound, ValidationFailed
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest
from simulator.jsonbody import shown
from simulator.world import actions


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
    return query.respond_from(call.sim.fragments, world, render.job_post)


@harvest.get(
    "/v1/job_posts/{id:id}",
    group="Job posts",
    action="Retrieve Job Post",
    returns="job_post",
)
async def retrieve_job_post(call: Call) -> Response:
    post = call.world.job_posts.get(call.path_int("id"))
    return call.sim.fragments.response(call.world, render.job_post, post)


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


@harvest.get(
    "/v1/job_posts/{id:id}/custom_locations",
    group="Job posts",
    action="Retrieve Custom Locations for Job Post",
    returns="custom_location[]",
)
async def list_custom_locations_for_job_post(call: Call) -> Response:
    """The custom locations of the post's job board, active or not."""
    world = call.world
    post = world.job_posts.get(call.path_int("id"))
    locations = [c for c in world.custom_locations if c.board_id == post.board_id]
    return JSONResponse([render_org.custom_location(c) for c in locations])


def _location(body: dict[str, Any]) -> actions.PostLocation | None:
    """A plain string, or `{office_id}` or `{custom_location_id}` (one of them)."""
    value = body.get("location")
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            raise ValidationFailed("location", "location can't be blank")
        return actions.PostLocation(text=value)
    if not isinstance(value, dict):
        raise ValidationFailed(
            "location", f"location must be a string or an object, not {shown(value)}"
        )
    office_id = params.integer(value, "office_id", within="location")
    custom_id = params.integer(value, "custom_location_id", within="location")
    if (office_id is None) == (custom_id is None):
        raise ValidationFailed(
            "location", "location takes exactly one of office_id, custom_location_id"
        )
    return actions.PostLocation(office_id=office_id, custom_location_id=custom_id)


@harvest.patch(
    "/v2/job_posts/{id:id}",
    group="Job posts",
    action="Update Job Post",
    returns="success",
)
async def update_job_post(call: Call) -> Response:
    post_id = call.world.job_posts.get(call.path_int("id")).id
    body = await call.json_body()
    events = actions.update_post(
        call.world,
        post_id,
        title=params.text(body, "title", max_length=255),
        location=_location(body),
        content=params.text(body, "content", max_length=1_000_000),
        actor_id=call.actor,
    )
    call.sim.emit(events)
    return JSONResponse({"success": True})


@harvest.patch(
    "/v2/job_posts/{id:id}/status",
    group="Job posts",
    action="Update Job Post Status",
    returns="success",
)
async def update_job_post_status(call: Call) -> Response:
    post_id = call.world.job_posts.get(call.path_int("id")).id
    body = await call.json_body()
    status = params.text(body, "status", required=True)
    if status not in ("live", "offline"):
        raise ValidationFailed("status", "Must be one of: live, offline")
    events = actions.set_post_status(
        call.world, post_id, live=status == "live", actor_id=call.actor
    )
    call.sim.emit(events)
    return JSONResponse({"success": True})
