"""Harvest's Custom fields operations (reads): fields, by type, and their options."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render_company
from simulator.harvest.api import Call
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest
from simulator.jsonbody import shown

FIELD_TYPES = (
    "offer",
    "candidate",
    "application",
    "job",
    "rejection_question",
    "referral_question",
)
OPTION_TYPES = ("active", "inactive", "all")


def _fields(call: Call, field_type: str | None) -> Response:
    world = call.world
    query = Query(call.request, world.custom_fields)
    if not query.flag("include_inactive"):
        query.where(lambda f: f.active)
    if field_type is not None:
        query.where(lambda f: f.field_type == field_type)
    return query.respond_next(lambda f: render_company.custom_field(world, f))


@harvest.get(
    "/v1/custom_fields",
    group="Custom fields",
    action="List Custom Fields",
    paging="next",
    returns="custom_field[]",
    filters=("include_inactive",),
)
async def list_custom_fields(call: Call) -> Response:
    return _fields(call, None)


@harvest.get(
    "/v1/custom_fields/{field_type}",
    group="Custom fields",
    action="List Custom Fields",
    paging="next",
    returns="custom_field[]",
    filters=("include_inactive",),
)
async def list_custom_fields_of_type(call: Call) -> Response:
    field_type = str(call.request.path_params["field_type"])
    if field_type not in FIELD_TYPES:
        raise ValidationFailed(
            "field_type",
            f"field_type must be one of: {', '.join(FIELD_TYPES)}, "
            f"not {shown(field_type)}",
        )
    return _fields(call, field_type)


@harvest.get(
    "/v1/custom_field/{id:id}",
    group="Custom fields",
    action="Retrieve Custom Field",
    returns="custom_field",
)
async def retrieve_custom_field(call: Call) -> Response:
    item = call.world.custom_fields.get(call.path_int("id"))
    return JSONResponse(render_company.custom_field(call.world, item))


@harvest.get(
    "/v1/custom_field/{id:id}/custom_field_options",
    group="Custom fields",
    action="List Custom Field Options",
    paging="next",
    returns="custom_field_option[]",
    filters=("type",),
)
async def list_custom_field_options(call: Call) -> Response:
    world = call.world
    custom_field = world.custom_fields.get(call.path_int("id"))
    kind = call.request.query_params.get("type", "active")
    if kind not in OPTION_TYPES:
        raise ValidationFailed(
            "type", f"type must be one of: all, active, inactive, not {shown(kind)}"
        )
    query = Query(call.request, world.custom_field_options)
    query.ids(sorted(custom_field.option_ids))
    if kind != "all":
        query.where(lambda option: option.active == (kind == "active"))
    return query.respond_next(render_company.custom_field_option)
