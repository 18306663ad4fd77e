"""Harvest's Candidates operations (reads)."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest
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
    return query.respond(lambda person: render.candidate(world, person))


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
    return JSONResponse(render.candidate(call.world, person))
