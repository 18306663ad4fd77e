"""Harvest's Applications operations: list, retrieve, and the pipeline writes."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from simulator.harvest import params, render
from simulator.harvest.api import Call
from simulator.harvest.filters import Query, parse_time
from simulator.harvest.registry import harvest
from simulator.world import actions
from simulator.world.events import Event

STATUSES = ("active", "converted", "hired", "rejected")


@harvest.get(
    "/v1/applications",
    group="Applications",
    action="List Applications",
    paging="pages",
    returns="application[]",
    filters=(
        "created_before",
        "created_after",
        "last_activity_after",
        "job_id",
        "status",
    ),
)
async def list_applications(call: Call) -> Response:
    world = call.world
    query = (
        Query(call.request, world.applications)
        .time_range("created", lambda a: a.applied_at, follows_ids=True)
        .indexed("job_id", world.applications_by_job.ids)
        .one_of("status", STATUSES, world.applications_by_status.ids)
    )
    after = call.request.query_params.get("last_activity_after")
    if after is not None:
        moment = parse_time("last_activity_after", after)
        query.where(lambda a: a.last_activity_at >= moment)
    return query.respond_from(call.sim.fragments, world, render.application)


@harvest.get(
    "/v1/applications/{id:id}",
    group="Applications",
    action="Retrieve Application",
    returns="application",
)
async def retrieve_application(call: Call) -> Response:
    app = call.world.applications.get(call.path_int("id"))
    return call.sim.fragments.response(call.world, render.application, app)


def application_in_path(call: Call) -> int:
    """The application in the path; 404 before any look at the body."""
    return call.world.applications.get(call.path_int("id")).id


def answer_with(call: Call, application_id: int, events: list[Event]) -> Response:
    call.sim.emit(events)
    app = call.world.applications.get(application_id)
    return JSONResponse(render.application(call.world, app))


@harvest.post(
    "/v1/applications/{id:id}/advance",
    group="Applications",
    action="Advance Application",
    returns="application",
)
async def advance_application(call: Call) -> Response:
    application_id = application_in_path(call)
    body = await call.json_body()
    from_stage_id = params.required_integer(body, "from_stage_id")
    events = actions.advance(
        call.world, application_id, from_stage_id, actor_id=call.actor
    )
    return answer_with(call, application_id, events)


@harvest.post(
    "/v1/applications/{id:id}/move",
    group="Applications",
    action="Move Application",
    returns="application",
)
async def move_application(call: Call) -> Response:
    application_id = application_in_path(call)
    body = await call.json_body()
    from_stage_id = params.required_integer(body, "from_stage_id")
    to_stage_id = params.required_integer(body, "to_stage_id")
    events = actions.move(
        call.world, application_id, from_stage_id, to_stage_id, actor_id=call.actor
    )
    return answer_with(call, application_id, events)


@harvest.post(
    "/v1/applications/{id:id}/reject",
    group="Applications",
    action="Reject Application",
    returns="application",
)
async def reject_application(call: Call) -> Response:
    application_id = application_in_path(call)
    body = await call.json_body()
    reason_id = params.integer(body, "rejection_reason_id")
    notes = params.text(body, "notes")
    events = actions.reject(
        call.world,
        application_id,
        actor_id=call.actor,
        rejection_reason_id=reason_id,
        notes=notes,
        email=rejection_email(call, body),
    )
    return answer_with(call, application_id, events)


def rejection_email(call: Call, body: dict[str, Any]) -> actions.RejectionEmail | None:
    """The e-mail to send. Greenhouse reads `send_email_at` in the On-Behalf-Of
    user's time zone; users have none here, so a time without an offset is read
    in the organisation's."""
    email = params.mapping(body, "rejection_email")
    if email is None:
        return None
    within = "rejection_email"
    template_id = params.integer(
        email, "email_template_id", required=True, within=within
    )
    assert template_id is not None
    zone = call.world.organization.timezone
    send_at = params.moment(email, "send_email_at", zone=zone, within=within)
    return actions.RejectionEmail(template_id, send_at)


@harvest.post(
    "/v1/applications/{id:id}/unreject",
    group="Applications",
    action="Unreject Application",
    returns="application",
)
async def unreject_application(call: Call) -> Response:
    application_id = application_in_path(call)
    await call.json_body()
    events = actions.unreject(call.world, application_id, actor_id=call.actor)
    return answer_with(call, application_id, events)


@harvest.post(
    "/v1/applications/{id:id}/hire",
    group="Applications",
    action="Hire Application",
    returns="application",
)
async def hire_application(call: Call) -> Response:
    application_id = application_in_path(call)
    body = await call.json_body()
    events = actions.hire(
        call.world,
        application_id,
        actor_id=call.actor,
        start_date=params.text(body, "start_date"),
        opening_id=params.integer(body, "opening_id"),
        close_reason_id=params.integer(body, "close_reason_id"),
    )
    return answer_with(call, application_id, events)
