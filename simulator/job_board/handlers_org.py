"""The board's reads besides jobs: the board, offices, departments, sections and
the education lists. None needs a key.

Like Greenhouse's Rails params, the query is read leniently: `render_as` other
than `tree` renders a list, and a `page` that is not a whole number of at least
one reads as page 1.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.requests import Request
from starlette.responses import Response

from simulator.job_board import render_org
from simulator.job_board.errors import JobNotFound
from simulator.job_board.handlers import board_of, board_operation, reply, sim_of
from simulator.jsonbody import to_int


def _as_tree(request: Request) -> bool:
    return request.query_params.get("render_as", "list").lower() == "tree"


def _one(items: list[render_org.JSON], request: Request, key: str) -> Response:
    found = render_org.subtree(items, request.path_params[key])
    if found is None:
        raise JobNotFound()
    return reply(request, found)


@board_operation
async def retrieve_board(request: Request) -> Response:
    return reply(request, render_org.board(board_of(request)))


@board_operation
async def list_offices(request: Request) -> Response:
    items = render_org.offices(
        sim_of(request).world, board_of(request), _as_tree(request)
    )
    return reply(request, {"offices": items})


@board_operation
async def retrieve_office(request: Request) -> Response:
    board = board_of(request)
    items = render_org.offices(sim_of(request).world, board, _as_tree(request))
    return _one(items, request, "office_id")


@board_operation
async def list_departments(request: Request) -> Response:
    world, board = sim_of(request).world, board_of(request)
    items = render_org.departments(world, board, _as_tree(request))
    return reply(request, {"departments": items})


@board_operation
async def retrieve_department(request: Request) -> Response:
    world, board = sim_of(request).world, board_of(request)
    items = render_org.departments(world, board, _as_tree(request))
    return _one(items, request, "department_id")


@board_operation
async def list_sections(request: Request) -> Response:
    items = render_org.sections(sim_of(request).world, board_of(request))
    return reply(request, {"sections": items})


@board_operation
async def retrieve_section(request: Request) -> Response:
    items = render_org.sections(sim_of(request).world, board_of(request))
    return _one(items, request, "section_id")


def _education(request: Request, kind: str) -> Response:
    board_of(request)  # an unknown board is "Job not found" here too
    world = sim_of(request).world
    lists: dict[str, Iterable[render_org.Named]] = {
        "degrees": world.degrees,
        "disciplines": world.disciplines,
        "schools": world.schools,
    }
    records = lists[kind]
    page = to_int(request.query_params.get("page", "1")) or 1
    items, total = render_org.education_page(
        records, request.query_params.get("term"), page
    )
    meta = {"total_count": total, "per_page": render_org.PER_PAGE}
    return reply(request, {"items": items, "meta": meta})


@board_operation
async def list_degrees(request: Request) -> Response:
    return _education(request, "degrees")


@board_operation
async def list_disciplines(request: Request) -> Response:
    return _education(request, "disciplines")


@board_operation
async def list_schools(request: Request) -> Response:
    return _education(request, "schools")
