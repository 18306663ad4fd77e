"""Harvest's Jobs operations: list, retrieve, create from a template, update."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from simulator.harvest import params, render
from simulator.harvest.api import Call
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest
from simulator.world import actions
from simulator.world.records import Job
from simulator.world.store import World

JOB_STATUSES = ("open", "closed", "draft")


@harvest.get(
    "/v1/jobs",
    group="Jobs",
    action="List Jobs",
    paging="pages",
    returns="job[]",
    filters=(
        "created_before",
        "created_after",
        "updated_before",
        "updated_after",
        "requisition_id",
        "opening_id",
        "status",
        "department_id",
        "external_department_id",
        "office_id",
        "external_office_id",
        "custom_field_option_id",
    ),
)
async def list_jobs(call: Call) -> Response:
    world = call.world
    query = (
        Query(call.request, world.jobs)
        .time_range("created", lambda j: j.created_at, follows_ids=False)
        .time_range("updated", lambda j: j.updated_at, follows_ids=False)
        .text_equals("requisition_id", lambda j: j.requisition_id)
        .choice("status", JOB_STATUSES, lambda j: j.status)
        .id_equals("department_id", lambda j: j.department_id)
        .id_equals("office_id", lambda j: j.office_ids[0] if j.office_ids else None)
    )
    params = call.request.query_params
    if "opening_id" in params:
        wanted = params["opening_id"]
        query.where(lambda job: wanted in _opening_ids(world, job))
    if "external_department_id" in params or "external_office_id" in params:
        # No department or office of the generated world has an external id.
        query.empty = True
    if "custom_field_option_id" in params:
        # The world's jobs carry no custom field values, so none can match.
        query.empty = True
    return query.respond_from(call.sim.fragments, world, render.job)


def _opening_ids(world: World, job: Job) -> set[str | None]:
    return {world.openings.get(i).opening_id for i in job.opening_ids}


@harvest.get(
    "/v1/jobs/{id:id}",
    group="Jobs",
    action="Retrieve Job",
    returns="job",
)
async def retrieve_job(call: Call) -> Response:
    job = call.world.jobs.get(call.path_int("id"))
    return call.sim.fragments.response(call.world, render.job, job)


def _placement(body: dict[str, Any]) -> actions.Placement:
    """Department and offices, each by id or by external id, never both."""
    department_id = params.integer(body, "department_id")
    external_department_id = params.text(body, "external_department_id")
    if department_id is not None and external_department_id is not None:
        raise ValidationFailed(
            "external_department_id",
            "Use department_id or external_department_id, not both",
        )
    office_ids = params.integers(body, "office_ids")
    external_office_ids = params.texts(body, "external_office_ids")
    if office_ids and external_office_ids:
        raise ValidationFailed(
            "external_office_ids", "Use office_ids or external_office_ids, not both"
        )
    if external_office_ids is not None and None in external_office_ids:
        raise ValidationFailed("external_office_ids", "external_office_ids holds null")
    if not external_office_ids and external_office_ids is not None:
        office_ids = office_ids or []  # an empty list of either clears the offices
    return actions.Placement(
        department_id=department_id,
        external_department_id=external_department_id,
        department_given=params.given(body, "department_id"),
        office_ids=None if external_office_ids else office_ids,
        external_office_ids=[str(x) for x in external_office_ids or ()] or None,
    )


@harvest.post(
    "/v1/jobs",
    group="Jobs",
    action="Create Job",
    returns="job",
    status=201,
)
async def create_job(call: Call) -> Response:
    body = await call.json_body()
    spec = actions.NewJob(
        template_job_id=params.required_integer(body, "template_job_id"),
        number_of_openings=params.required_integer(body, "number_of_openings"),
        job_post_name=params.text(body, "job_post_name", max_length=255),
        job_name=params.text(body, "job_name", max_length=255),
        requisition_id=params.text(body, "requisition_id", max_length=255),
        opening_ids=params.texts(body, "opening_ids"),
        placement=_placement(body),
    )
    job, events = actions.create_job(call.world, spec, actor_id=call.actor)
    call.sim.emit(events)
    return JSONResponse(render.job(call.world, job), status_code=201)


@harvest.patch(
    "/v1/jobs/{id:id}",
    group="Jobs",
    action="Update Job",
    returns="job",
)
async def update_job(call: Call) -> Response:
    job_id = call.world.jobs.get(call.path_int("id")).id
    body = await call.json_body()
    changes = actions.JobChanges(
        name=params.text(body, "name", max_length=255),
        notes=params.text(body, "notes"),
        anywhere=params.boolean(body, "anywhere"),
        requisition_id=params.text(body, "requisition_id", max_length=255),
        team_and_responsibilities=params.text(body, "team_and_responsibilities"),
        how_to_sell_this_job=params.text(body, "how_to_sell_this_job"),
        custom_fields=params.objects(body, "custom_fields"),
        placement=_placement(body),
    )
    events = actions.update_job(call.world, job_id, changes, actor_id=call.actor)
    call.sim.emit(events)
    return JSONResponse(render.job(call.world, call.world.jobs.get(job_id)))
