"""Harvest's Departments, Offices and Prospect pools operations (reads).

Departments and offices render as a flat list or, with `render_as=tree`, as trees
of `children`; a tree list pages over the top-level entries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from simulator.harvest import render_company
from simulator.harvest.api import Call
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.filters import Query
from simulator.harvest.paging import page_of_table
from simulator.harvest.registry import harvest
from simulator.jsonbody import shown
from simulator.world.records import Department, Office
from simulator.world.store import World

R = TypeVar("R", Department, Office)
Renderer = Callable[[World, R], dict[str, Any]]


def _tree(request: Request) -> bool:
    render_as = request.query_params.get("render_as", "list")
    if render_as not in ("list", "tree"):
        raise ValidationFailed(
            "render_as", f"render_as must be list or tree, not {shown(render_as)}"
        )
    return render_as == "tree"


def _listing(
    call: Call, query: Query[R], flat: Renderer[R], tree: Renderer[R]
) -> Response:
    world = call.world
    query.text_equals("external_id", lambda item: item.external_id)
    if _tree(call.request):
        query.where(lambda item: item.parent_id is None)
        return query.respond(lambda item: tree(world, item))
    return query.respond(lambda item: flat(world, item))


@harvest.get(
    "/v1/departments",
    group="Departments",
    action="List Departments",
    paging="pages",
    returns="department_entry[]",
    filters=("render_as", "external_id"),
)
async def list_departments(call: Call) -> Response:
    query = Query(call.request, call.world.departments)
    return _listing(
        call, query, render_company.department, render_company.department_tree
    )


@harvest.get(
    "/v1/departments/{id:id}",
    group="Departments",
    action="Retrieve Department",
    returns="department_entry",
    filters=("render_as",),
)
async def retrieve_department(call: Call) -> Response:
    item = call.world.departments.get(call.path_int("id"))
    render = (
        render_company.department_tree
        if _tree(call.request)
        else render_company.department
    )
    return JSONResponse(render(call.world, item))


@harvest.get(
    "/v1/offices",
    group="Offices",
    action="List Offices",
    paging="pages",
    returns="office_entry[]",
    filters=("render_as", "external_id"),
)
async def list_offices(call: Call) -> Response:
    query = Query(call.request, call.world.offices)
    return _listing(call, query, render_company.office, render_company.office_tree)


@harvest.get(
    "/v1/offices/{id:id}",
    group="Offices",
    action="Retrieve Office",
    returns="office_entry",
    filters=("render_as",),
)
async def retrieve_office(call: Call) -> Response:
    item = call.world.offices.get(call.path_int("id"))
    render = (
        render_company.office_tree if _tree(call.request) else render_company.office
    )
    return JSONResponse(render(call.world, item))


@harvest.get(
    "/v1/prospect_pools",
    group="Prospect pools",
    action="List Prospect Pools",
    paging="pages",
    returns="prospect_pool[]",
)
async def list_prospect_pools(call: Call) -> Response:
    world = call.world
    return page_of_table(
        call.request,
        call.world.prospect_pools,
        lambda pool: render_company.prospect_pool(world, pool),
    )


@harvest.get(
    "/v1/prospect_pools/{id:id}",
    group="Prospect pools",
    action="Retrieve Prospect Pool",
    returns="prospect_pool",
)
async def retrieve_prospect_pool(call: Call) -> Response:
    item = call.world.prospect_pools.get(call.path_int("id"))
    return JSONResponse(render_company.prospect_pool(call.world, item))
