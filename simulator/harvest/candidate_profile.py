"""Harvest's writes to parts of a candidate: files, schools, jobs, applications."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import body_parts, render, render_profile
from simulator.harvest.api import Call
from simulator.harvest.registry import harvest
from simulator.world import actions


def _subject(call: Call, name: str = "id") -> int:
    """The candidate in the path; 404 before any look at the body."""
    return call.world.candidates.get(call.path_int(name)).id


@harvest.post(
    "/v1/candidates/{id:id}/attachments",
    group="Candidates",
    action="Add Attachment",
    returns="attachment_added",
    body="attachment_body",
)
async def add_attachment(call: Call) -> Response:
    candidate_id = _subject(call)
    body = await call.json_body()
    attachment = body_parts.attachment(body)
    added, events = actions.add_candidate_attachment(
        call.world, candidate_id, attachment, actor_id=call.actor
    )
    call.sim.emit(events)
    return JSONResponse(render_profile.attachment_added(added))


@harvest.post(
    "/v1/candidates/{id:id}/applications",
    group="Candidates",
    action="Add Application",
    returns="application",
    body="application_body",
)
async def add_application(call: Call) -> Response:
    candidate_id = _subject(call)
    body = await call.json_body()
    form = body_parts.application(body)
    application, events = actions.add_application(
        call.world, candidate_id, form, actor_id=call.actor
    )
    call.sim.emit(events)
    return JSONResponse(render.application(call.world, application))


@harvest.post(
    "/v1/candidates/{id:id}/educations",
    group="Candidates",
    action="Add Education",
    returns="education",
    body="education_body",
    status=201,
)
async def add_education(call: Call) -> Response:
    candidate_id = _subject(call)
    body = await call.json_body()
    education, events = actions.add_education(
        call.world, candidate_id, body_parts.education(body), actor_id=call.actor
    )
    call.sim.emit(events)
    return JSONResponse(render_profile.education(call.world, education), 201)


@harvest.delete(
    "/v1/candidates/{candidate_id:id}/educations/{education_id:id}",
    group="Candidates",
    action="Remove Education From Candidate",
    returns="success_message",
)
async def remove_education(call: Call) -> Response:
    candidate_id = _subject(call, "candidate_id")
    education_id = call.path_int("education_id")
    events = actions.remove_education(
        call.world, candidate_id, education_id, actor_id=call.actor
    )
    call.sim.emit(events)
    message = f"Education ID {education_id} destroyed."
    return JSONResponse({"success": True, "message": message})


@harvest.post(
    "/v1/candidates/{id:id}/employments",
    group="Candidates",
    action="Add Employment",
    returns="employment",
    body="employment_body",
    status=201,
)
async def add_employment(call: Call) -> Response:
    candidate_id = _subject(call)
    body = await call.json_body()
    employment, events = actions.add_employment(
        call.world, candidate_id, body_parts.employment(body), actor_id=call.actor
    )
    call.sim.emit(events)
    return JSONResponse(render_profile.employment(employment), 201)


@harvest.delete(
    "/v1/candidates/{candidate_id:id}/employments/{employment_id:id}",
    group="Candidates",
    action="Remove Employment From Candidate",
    returns="success_message",
)
async def remove_employment(call: Call) -> Response:
    candidate_id = _subject(call, "candidate_id")
    employment_id = call.path_int("employment_id")
    events = actions.remove_employment(
        call.world, candidate_id, employment_id, actor_id=call.actor
    )
    call.sim.emit(events)
    message = f"Employment ID {employment_id} destroyed."
    return JSONResponse({"success": True, "message": message})
