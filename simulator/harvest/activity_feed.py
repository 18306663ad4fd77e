"""Harvest's Activity feed operation, and the Candidates group's notes and e-mails."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import body_parts, render_feed
from simulator.harvest.api import Call
from simulator.harvest.registry import harvest
from simulator.world import actions


@harvest.get(
    "/v1/candidates/{id:id}/activity_feed",
    group="Activity feed",
    action="Retrieve Activity Feed",
    returns="activity_feed",
)
async def retrieve_activity_feed(call: Call) -> Response:
    candidate = call.world.candidates.get(call.path_int("id"))
    return JSONResponse(render_feed.feed(call.world, candidate))


@harvest.post(
    "/v1/candidates/{id:id}/activity_feed/notes",
    group="Candidates",
    action="Add Note",
    returns="note",
    body="note_body",
)
async def add_note(call: Call) -> Response:
    candidate_id = call.world.candidates.get(call.path_int("id")).id
    body = await call.json_body()
    note = actions.add_note(call.world, candidate_id, body_parts.note(body))
    return JSONResponse(render_feed.note(call.world, note))


@harvest.post(
    "/v1/candidates/{id:id}/activity_feed/emails",
    group="Candidates",
    action="Add E-mail",
    returns="email_added",
    body="email_body",
)
async def add_email(call: Call) -> Response:
    candidate_id = call.world.candidates.get(call.path_int("id")).id
    body = await call.json_body()
    email = actions.add_email(call.world, candidate_id, body_parts.email(body))
    return JSONResponse(render_feed.email(call.world, email, cc_as_text=False))
