"""Harvest's candidate merge and anonymize operations."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import params, render
from simulator.harvest.api import Call
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.registry import harvest
from simulator.world import actions


@harvest.put(
    "/v1/candidates/merge",
    group="Candidates",
    action="Merge two candidates",
    returns="candidate",
    body="merge_body",
)
async def merge_candidates(call: Call) -> Response:
    body = await call.json_body()
    primary_id = params.required_integer(body, "primary_candidate_id")
    duplicate_id = params.required_integer(body, "duplicate_candidate_id")
    primary, events = actions.merge_candidates(
        call.world, primary_id, duplicate_id, actor_id=call.actor
    )
    call.sim.emit(events)
    return JSONResponse(render.candidate(call.world, primary))


@harvest.put(
    "/v1/candidates/{id:id}/anonymize",
    group="Candidates",
    action="Anonymize Candidate",
    returns="candidate",
    filters=("fields",),
)
async def anonymize_candidate(call: Call) -> Response:
    candidate_id = call.world.candidates.get(call.path_int("id")).id
    raw = call.request.query_params.get("fields")
    if raw is None or not raw.strip():
        raise ValidationFailed("fields", "fields is required")
    fields = [name.strip() for name in raw.split(",") if name.strip()]
    person, events = actions.anonymize_candidate(
        call.world, candidate_id, fields, actor_id=call.actor
    )
    call.sim.emit(events)
    return JSONResponse(render.candidate(call.world, person))
