"""Harvest's Candidates operations: list, retrieve, add, add prospect, edit, delete."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import bodies, body_parts, params, render
from simulator.harvest.api import Call
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest
from simulator.world import actions
from simulator.world.store import World


@harvest.get(
    "/v1/candidates",
    group="Candidates",
    action="List Candidates",
    paging="pages",
    returns="candidate[]",
    filters=(
        "created_before",
        "created_after",
        "updated_before",
        "updated_after",
        "job_id",
        "email",
        "candidate_ids",
    ),
)
async def list_candidates(call: Call) -> Response:
    world = call.world
    query = (
        Query(call.request, world.candidates)
        .time_range("created", lambda c: c.created_at, follows_ids=True)
        .time_range("updated", lambda c: c.updated_at, follows_ids=False)
        .indexed("job_id", lambda job_id: _applicants(world, job_id))
    )
    email = call.request.query_params.get("email")
    if email is not None:
        # With an e-mail, Greenhouse ignores candidate_ids.
        query.ids(world.candidates_by_email.ids(email.strip().lower()))
    else:
        query.id_list("candidate_ids", most=50)
    return query.respond_from(call.sim.fragments, world, render.candidate)


def _applicants(world: World, job_id: int) -> list[int]:
    """Candidates with an application on the job; prospects are left out."""
    applications = (
        world.applications.get(i) for i in world.applications_by_job.ids(job_id)
    )
    return sorted({a.candidate_id for a in applications if not a.prospect})


@harvest.get(
    "/v1/candidates/{id:id}",
    group="Candidates",
    action="Retrieve Candidate",
    returns="candidate",
)
async def retrieve_candidate(call: Call) -> Response:
    person = call.world.candidates.get(call.path_int("id"))
    return call.sim.fragments.response(call.world, render.candidate, person)


def _candidate(call: Call, candidate_id: int) -> Response:
    person = call.world.candidates.get(candidate_id)
    return JSONResponse(render.candidate(call.world, person))


@harvest.post(
    "/v1/candidates",
    group="Candidates",
    action="Add Candidate",
    returns="candidate",
    body="add_candidate_body",
)
async def add_candidate(call: Call) -> Response:
    body = await call.json_body()
    person = bodies.person(body, creating=True)
    raw = params.array(body, "applications")
    if not raw:
        raise ValidationFailed("applications", "At least one application is required")
    applications = [
        body_parts.application(body_parts.obj(value, field), field)
        for value, field in body_parts.items(body, "applications")
    ]
    candidate, events = actions.add_candidate(
        call.world, person, applications, actor_id=call.actor
    )
    call.sim.emit(events)
    return _candidate(call, candidate.id)


@harvest.post(
    "/v1/prospects",
    group="Candidates",
    action="Add Prospect",
    returns="candidate",
    body="add_prospect_body",
)
async def add_prospect(call: Call) -> Response:
    body = await call.json_body()
    person = bodies.person(body, creating=True)
    raw = params.mapping(body, "application")
    form = None
    if raw is not None:
        form = body_parts.application(raw, "application", prospect=True)
    candidate, events = actions.add_prospect(
        call.world, person, form, actor_id=call.actor
    )
    call.sim.emit(events)
    return _candidate(call, candidate.id)


@harvest.patch(
    "/v1/candidates/{id:id}",
    group="Candidates",
    action="Edit Candidate",
    returns="candidate",
    body="edit_candidate_body",
)
async def edit_candidate(call: Call) -> Response:
    candidate_id = call.world.candidates.get(call.path_int("id")).id
    body = await call.json_body()
    person = bodies.person(body, creating=False)
    events = actions.edit_candidate(
        call.world, candidate_id, person, actor_id=call.actor
    )
    call.sim.emit(events)
    return _candidate(call, candidate_id)


@harvest.delete(
    "/v1/candidates/{id:id}",
    group="Candidates",
    action="Delete Candidate",
    returns="message",
)
async def delete_candidate(call: Call) -> Response:
    candidate_id = call.world.candidates.get(call.path_int("id")).id
    events = actions.delete_candidate(call.world, candidate_id)
    call.sim.emit(events)
    return JSONResponse({"message": f"Person {candidate_id} has been deleted."})
