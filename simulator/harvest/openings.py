"""Harvest's Job openings operations: list (next-only paging), retrieve, create,
edit and destroy a job's openings."""

from __future__ import annotations

from typing import Any, Literal

from starlette.responses import JSONResponse, Response

from simulator.formats import iso_utc
from simulator.harvest import params, render
from simulator.harvest.api import Call
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest
from simulator.jsonbody import shown
from simulator.world import actions
from simulator.world.actions.common import check_custom_fields
from simulator.world.actions.openings import opening_of


@harvest.get(
    "/v1/jobs/{job_id:id}/openings",
    group="Job openings",
    action="List Job Openings",
    paging="next",
    returns="opening[]",
    filters=("status",),
)
async def list_job_openings(call: Call) -> Response:
    """`status` is `opened` or `closed`; any other value lists every opening."""
    world = call.world
    job = world.jobs.get(call.path_int("job_id"))
    query = Query(call.request, world.openings).ids(sorted(job.opening_ids))
    wanted = {"opened": "open", "closed": "closed"}.get(
        call.request.query_params.get("status", "")
    )
    if wanted is not None:
        query.where(lambda opening: opening.status == wanted)
    return query.respond(lambda opening: render.opening(world, opening), paging="next")


@harvest.get(
    "/v1/jobs/{job_id:id}/openings/{id:id}",
    group="Job openings",
    action="Single Opening For Job",
    returns="opening",
)
async def retrieve_job_opening(call: Call) -> Response:
    job = call.world.jobs.get(call.path_int("job_id"))
    opening = opening_of(call.world, job, call.path_int("id"))
    return JSONResponse(render.opening(call.world, opening))


def _opening_id(value: dict[str, Any], field: str) -> str | None:
    opening_id = value.get("opening_id")
    if opening_id is not None and not isinstance(opening_id, str | int):
        raise ValidationFailed(
            field, f"{field} must be a string or null, not {shown(opening_id)}"
        )
    return None if opening_id is None else str(opening_id)


@harvest.post(
    "/v1/jobs/{job_id:id}/openings",
    group="Job openings",
    action="Create New Openings",
    returns="openings_created",
    status=201,
)
async def create_job_openings(call: Call) -> Response:
    job_id = call.world.jobs.get(call.path_int("job_id")).id
    body = await call.json_body()
    params.array(body, "openings", required=True)
    openings = params.objects(body, "openings")
    for opening in openings:
        custom = params.objects(opening, "custom_fields", within="openings")
        check_custom_fields(custom, "openings.custom_fields")
    opening_ids = [_opening_id(o, "openings.opening_id") for o in openings]
    created, events = actions.create_openings(
        call.world, job_id, opening_ids, actor_id=call.actor
    )
    call.sim.emit(events)
    return JSONResponse(
        {
            "openings": [
                {
                    "id": opening.id,
                    "opening_id": opening.opening_id,
                    "open_date": iso_utc(opening.opened_at),
                }
                for opening in created
            ]
        },
        status_code=201,
    )


@harvest.patch(
    "/v1/jobs/{job_id:id}/openings/{id:id}",
    group="Job openings",
    action="Edit Openings",
    returns="success_text",
)
async def edit_job_opening(call: Call) -> Response:
    job = call.world.jobs.get(call.path_int("job_id"))
    opening = opening_of(call.world, job, call.path_int("id"))
    body = await call.json_body()
    status = params.text(body, "status")
    if status is not None and status not in ("open", "closed"):
        raise ValidationFailed("status", "Must be one of: open, closed")
    check_custom_fields(params.objects(body, "custom_fields"), "custom_fields")
    chosen: Literal["open", "closed"] | None = (
        "open" if status == "open" else "closed" if status == "closed" else None
    )
    changes = actions.OpeningChanges(
        opening_id=_opening_id(body, "opening_id"),
        opening_id_given=params.given(body, "opening_id"),
        status=chosen,
        close_reason_id=params.integer(body, "close_reason_id"),
    )
    events = actions.edit_opening(
        call.world, job.id, opening.id, changes, actor_id=call.actor
    )
    call.sim.emit(events)
    # Greenhouse's example answers with the string "true", not the boolean.
    return JSONResponse({"success": "true"})


@harvest.delete(
    "/v2/jobs/{job_id:id}/openings",
    group="Job openings",
    action="Destroy Openings",
    returns="openings_destroyed",
)
async def destroy_job_openings(call: Call) -> Response:
    """Only closed openings that no hire filled go; the others are `failed_ids`."""
    job_id = call.world.jobs.get(call.path_int("job_id")).id
    body = await call.json_body()
    ids = params.integers(body, "ids", required=True) or []
    deleted, failed = actions.destroy_openings(
        call.world, job_id, ids, actor_id=call.actor
    )
    return JSONResponse({"success": True, "deleted_ids": deleted, "failed_ids": failed})
