"""Harvest's Applications operations: list, retrieve, and the pipeline writes."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import params, render
from simulator.harvest.api import Call, operation
from simulator.harvest.paging import page_of_table
from simulator.world import actions
from simulator.world.events import Event


@operation("Applications")
async def list_applications(call: Call) -> Response:
    world = call.world
    return page_of_table(
        call.request, world.applications, lambda app: render.application(world, app)
    )


@operation("Applications")
async def retrieve_application(call: Call) -> Response:
    app = call.world.applications.get(call.path_int("id"))
    return JSONResponse(render.application(call.world, app))


def _subject(call: Call) -> int:
    """The application in the path; 404 before any look at the body."""
    return call.world.applications.get(call.path_int("id")).id


def _after(call: Call, application_id: int, events: list[Event]) -> Response:
    call.sim.emit(events)
    app = call.world.applications.get(application_id)
    return JSONResponse(render.application(call.world, app))


@operation("Applications")
async def advance_application(call: Call) -> Response:
    application_id = _subject(call)
    body = await call.json_body()
    from_stage_id = params.required_integer(body, "from_stage_id")
    events = actions.advance(
        call.world, application_id, from_stage_id, actor_id=call.actor
    )
    return _after(call, application_id, events)


@operation("Applications")
async def move_application(call: Call) -> Response:
    application_id = _subject(call)
    body = await call.json_body()
    from_stage_id = params.required_integer(body, "from_stage_id")
    to_stage_id = params.required_integer(body, "to_stage_id")
    events = actions.move(
        call.world, application_id, from_stage_id, to_stage_id, actor_id=call.actor
    )
    return _after(call, application_id, events)


@operation("Applications")
async def reject_application(call: Call) -> Response:
    application_id = _subject(call)
    body = await call.json_body()
    reason_id = params.integer(body, "rejection_reason_id")
    notes = params.text(body, "notes")
    email = params.mapping(body, "rejection_email")
    if email is not None:
        params.integer(
            email, "email_template_id", required=True, within="rejection_email"
        )
        raise NotImplementedError(
            "Reject with rejection_email is not simulated: email templates are "
            "not part of the world yet"
        )
    events = actions.reject(
        call.world,
        application_id,
        actor_id=call.actor,
        rejection_reason_id=reason_id,
        notes=notes,
    )
    return _after(call, application_id, events)


@operation("Applications")
async def unreject_application(call: Call) -> Response:
    application_id = _subject(call)
    await call.json_body()
    events = actions.unreject(call.world, application_id, actor_id=call.actor)
    return _after(call, application_id, events)


@operation("Applications")
async def hire_application(call: Call) -> Response:
    application_id = _subject(call)
    body = await call.json_body()
    events = actions.hire(
        call.world,
        application_id,
        actor_id=call.actor,
        start_date=params.text(body, "start_date"),
        opening_id=params.integer(body, "opening_id"),
        close_reason_id=params.integer(body, "close_reason_id"),
    )
    return _after(call, application_id, events)
