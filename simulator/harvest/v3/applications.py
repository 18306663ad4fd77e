"""Harvest v3's application writes: move (which is also advance) and reject.

v3 folds v1's advance and move into `POST /v3/applications/{id}/move`: with
neither `to_stage_id` nor `to_job_id` it advances to the next stage, with
`to_stage_id` it moves there. `from_stage_id` is optional; when given it must be
the current stage, as in v1. A move to another job is not simulated. The token's
user is the actor, as `On-Behalf-Of` is in v1. Both answer with the application.
"""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import params, render
from simulator.harvest.api import Call
from simulator.harvest.applications import rejection_email
from simulator.harvest.registry import harvest
from simulator.world import actions


@harvest.post(
    "/v3/applications/{id:id}/move",
    group="Applications",
    action="Move Application",
    scope="harvest:applications:move",
    returns="application",
    body="v3_move_body",
)
async def move_application_v3(call: Call) -> Response:
    world = call.world
    application = world.applications.get(call.path_int("id"))
    body = await call.json_body()
    to_stage_id = params.integer(body, "to_stage_id")
    to_job_id = params.integer(body, "to_job_id")
    from_stage_id = params.integer(body, "from_stage_id")
    if to_job_id is not None and to_job_id != application.job_id:
        # v3 folds v1's transfer_to_job into move.
        events = actions.transfer_to_job(
            world, application.id, to_job_id, to_stage_id, actor_id=call.actor
        )
        call.sim.emit(events)
        return JSONResponse(render.application(world, application))
    if from_stage_id is None:
        # A stageless application (a prospect, a hire) is refused by the action
        # for what it is before the stage it is in is compared.
        from_stage_id = application.current_stage_id or 0
    if to_stage_id is None:
        events = actions.advance(
            world, application.id, from_stage_id, actor_id=call.actor
        )
    else:
        events = actions.move(
            world, application.id, from_stage_id, to_stage_id, actor_id=call.actor
        )
    call.sim.emit(events)
    return JSONResponse(render.application(world, application))


@harvest.post(
    "/v3/applications/{id:id}/reject",
    group="Applications",
    action="Reject Application",
    scope="harvest:applications:reject",
    returns="application",
    body="v3_reject_body",
)
async def reject_application_v3(call: Call) -> Response:
    world = call.world
    application = world.applications.get(call.path_int("id"))
    body = await call.json_body()
    reason_id = params.integer(body, "rejection_reason_id")
    notes = params.text(body, "notes")
    events = actions.reject(
        world,
        application.id,
        actor_id=call.actor,
        rejection_reason_id=reason_id,
        notes=notes,
        email=rejection_email(call, body),
    )
    call.sim.emit(events)
    return JSONResponse(render.application(world, application))
