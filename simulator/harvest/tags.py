"""Harvest's Tags operations: the organisation's candidate tags, and one candidate's."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import params, render_profile
from simulator.harvest.api import Call
from simulator.harvest.paging import page_of_table
from simulator.harvest.registry import harvest
from simulator.world import actions


@harvest.get(
    "/v1/tags/candidate",
    group="Tags",
    action="List candidate tags",
    paging="pages",
    returns="tag[]",
)
async def list_candidate_tags(call: Call) -> Response:
    return page_of_table(call.request, call.world.tags, render_profile.tag)


@harvest.post(
    "/v1/tags/candidate",
    group="Tags",
    action="Add New Candidate Tag",
    returns="tag",
    body="tag_body",
    status=201,
)
async def add_candidate_tag(call: Call) -> Response:
    """201 for a new tag; 200, and the tag that exists, for a name that does."""
    body = await call.json_body()
    name = params.text(body, "name", required=True, max_length=10_000) or ""
    tag, created = actions.create_tag(call.world, name)
    return JSONResponse(render_profile.tag(tag), 201 if created else 200)


@harvest.delete(
    "/v1/tags/candidate/{tag_id:id}",
    group="Tags",
    action="Destroy a candidate tag",
    returns="message",
)
async def destroy_candidate_tag(call: Call) -> Response:
    tag = actions.destroy_tag(call.world, call.path_int("tag_id"))
    return JSONResponse(
        {"message": f"Tag {tag.id}, '{tag.name}', has been removed from Greenhouse."}
    )


@harvest.get(
    "/v1/candidates/{id:id}/tags",
    group="Tags",
    action="List tags applied to candidate",
    returns="tag[]",
)
async def list_tags_of_candidate(call: Call) -> Response:
    candidate = call.world.candidates.get(call.path_int("id"))
    tags = (call.world.tags.get(tag_id) for tag_id in candidate.tag_ids)
    return JSONResponse([render_profile.tag(tag) for tag in tags])


@harvest.put(
    "/v1/candidates/{candidate_id:id}/tags/{tag_id:id}",
    group="Tags",
    action="Add a candidate tag",
    returns="message",
)
async def apply_candidate_tag(call: Call) -> Response:
    candidate_id = call.path_int("candidate_id")
    tag, events = actions.apply_tag(
        call.world, candidate_id, call.path_int("tag_id"), actor_id=call.actor
    )
    call.sim.emit(events)
    message = (
        f"Tag {tag.id}, '{tag.name}', has been applied to candidate {candidate_id}"
    )
    return JSONResponse({"message": message})


@harvest.delete(
    "/v1/candidates/{candidate_id:id}/tags/{tag_id:id}",
    group="Tags",
    action="Remove tag from candidate",
    returns="message",
)
async def remove_candidate_tag(call: Call) -> Response:
    candidate_id = call.path_int("candidate_id")
    tag_id = call.path_int("tag_id")
    events = actions.remove_tag(call.world, candidate_id, tag_id, actor_id=call.actor)
    call.sim.emit(events)
    message = f"Tag {tag_id} has been removed from candidate {candidate_id}"
    return JSONResponse({"message": message})
