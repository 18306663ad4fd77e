"""/_sim/trigger: do one recruiter action and show the deliveries it caused.

Like a payment platform's `trigger` command: name the action, and optionally the
application; without one, a fresh application is made (and brought to the state
the action needs, e.g. hired before an unhire). Only the deliveries of the action
itself are reported; the ones the preparation caused are in the log as well.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulator.control.handling import answer, body_of, sim_route
from simulator.harvest import params
from simulator.harvest.errors import ValidationFailed
from simulator.runtime import Simulator
from simulator.schema import MAP, RouteDoc, schemas
from simulator.world import actions
from simulator.world.events import WorldEvent
from simulator.world.records import Application

Performer = Callable[[Simulator, Application, dict[str, Any], int], list[WorldEvent]]


def _fresh(sim: Simulator, actor: int) -> Application:
    """A new application on a job that can still hire, added by hand."""
    world = sim.world
    job = next(
        (j for j in world.jobs if j.status == "open" and world.open_openings(j)),
        None,
    )
    if job is None:
        raise ValidationFailed("application_id", "no open job to make one on")
    details = actions.CandidateDetails("Trigger", "Candidate", "trigger@example.org")
    application, events = actions.add_by_hand(
        world, job.id, details, source_id=None, actor_id=actor
    )
    sim.emit(events)
    return application


def _advance(
    sim: Simulator, app: Application, body: dict[str, Any], actor: int
) -> list[WorldEvent]:
    stage = app.current_stage_id or 0
    return list(actions.advance(sim.world, app.id, stage, actor_id=actor))


def _move(
    sim: Simulator, app: Application, body: dict[str, Any], actor: int
) -> list[WorldEvent]:
    stages = sim.world.jobs.get(app.job_id or 0).stage_ids
    target = params.integer(body, "to_stage_id") or next(
        s for s in reversed(stages) if s != app.current_stage_id
    )
    stage = app.current_stage_id or 0
    return list(actions.move(sim.world, app.id, stage, target, actor_id=actor))


def _reject(
    sim: Simulator, app: Application, body: dict[str, Any], actor: int
) -> list[WorldEvent]:
    return list(actions.reject(sim.world, app.id, actor_id=actor))


def _unreject(
    sim: Simulator, app: Application, body: dict[str, Any], actor: int
) -> list[WorldEvent]:
    if app.status == "active":
        sim.emit(actions.reject(sim.world, app.id, actor_id=actor))
    return list(actions.unreject(sim.world, app.id, actor_id=actor))


def _hire(
    sim: Simulator, app: Application, body: dict[str, Any], actor: int
) -> list[WorldEvent]:
    return list(actions.hire(sim.world, app.id, actor_id=actor))


def _unhire(
    sim: Simulator, app: Application, body: dict[str, Any], actor: int
) -> list[WorldEvent]:
    if app.status == "active":
        sim.emit(actions.hire(sim.world, app.id, actor_id=actor))
    return list(actions.unhire(sim.world, app.id, actor_id=actor))


def _merge(
    sim: Simulator, app: Application, body: dict[str, Any], actor: int
) -> list[WorldEvent]:
    primary = params.integer(body, "primary_candidate_id")
    if primary is None:
        primary = _fresh(sim, actor).candidate_id
    _, events = actions.merge_candidates(
        sim.world, primary, app.candidate_id, actor_id=actor
    )
    return list(events)


def _anonymize(
    sim: Simulator, app: Application, body: dict[str, Any], actor: int
) -> list[WorldEvent]:
    fields = body.get("fields", ["full_name"])
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        raise ValidationFailed("fields", "fields must be a list of field names")
    _, events = actions.anonymize_candidate(
        sim.world, app.candidate_id, fields, actor_id=actor
    )
    return list(events)


def _delete_application(
    sim: Simulator, app: Application, body: dict[str, Any], actor: int
) -> list[WorldEvent]:
    return list(actions.delete_application(sim.world, app.id, actor_id=actor))


def _delete_candidate(
    sim: Simulator, app: Application, body: dict[str, Any], actor: int
) -> list[WorldEvent]:
    return list(actions.delete_candidate(sim.world, app.candidate_id))


PERFORMERS: dict[str, Performer] = {
    "apply": lambda sim, app, body, actor: [],
    "advance": _advance,
    "move": _move,
    "reject": _reject,
    "unreject": _unreject,
    "hire": _hire,
    "unhire": _unhire,
    "merge": _merge,
    "anonymize": _anonymize,
    "delete_application": _delete_application,
    "delete_candidate": _delete_candidate,
}


def _applications(sim: Simulator, body: dict[str, Any]) -> list[int] | None:
    many = body.get("application_ids")
    if many is None:
        one = params.integer(body, "application_id")
        return None if one is None else [one]
    if (
        not isinstance(many, list)
        or not many
        or not all(isinstance(i, int) and not isinstance(i, bool) for i in many)
    ):
        raise ValidationFailed("application_ids", "application_ids must list ids")
    return many


def _check_all_active(sim: Simulator, ids: list[int]) -> None:
    """A bulk reject is refused whole if any application cannot be rejected."""
    for app_id in ids:
        status = sim.world.applications.get(app_id).status
        if status != "active":
            raise ValidationFailed(
                "application_ids", f"Application {app_id} is {status}, not active"
            )


@sim_route
async def trigger(request: Request, sim: Simulator) -> Response:
    body = await body_of(request)
    action = body.get("action")
    if action not in PERFORMERS:
        known = ", ".join(PERFORMERS)
        raise ValidationFailed("action", f"unknown action {action!r}; one of: {known}")
    actor = sim.default_actor()
    ids = _applications(sim, body)
    for app_id in ids or ():
        if app_id not in sim.world.applications:
            raise ValidationFailed(
                "application_id", f"Application {app_id} does not exist"
            )
    if ids is None or action == "apply":
        fresh = _fresh(sim, actor)
        ids = [fresh.id]
        if action == "apply":
            caused = [d for d in sim.dispatcher.log if d.application_id == fresh.id]
            return await _report(sim, fresh.id, caused)
    if action == "reject" and len(ids) > 1:
        _check_all_active(sim, ids)
    deliveries = []
    for app_id in ids:
        application = sim.world.applications.get(app_id)
        events = PERFORMERS[action](sim, application, body, actor)
        deliveries += sim.emit(events)
    return await _report(sim, ids[0], deliveries)


async def _report(sim: Simulator, app_id: int, deliveries: list[Any]) -> Response:
    """Answer once the deliveries' first attempts are made (bounded wait)."""
    if sim.dispatcher.running:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(sim.dispatcher.settle(), sim.dispatcher.timeout + 1)
    return answer(
        {
            "application_id": app_id,
            "deliveries": [delivery.describe() for delivery in deliveries],
        }
    )


routes: list[BaseRoute] = [Route("/_sim/trigger", trigger, methods=["POST"])]
schemas.define("sim_triggered", MAP)
docs = [
    RouteDoc(
        "POST",
        "/_sim/trigger",
        "Do a recruiter action and show the deliveries it caused",
        "Control: trigger",
        "sim_triggered",
        errors=(404, 422),
    )
]
