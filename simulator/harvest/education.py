"""Harvest's Education operations: the degree, discipline and school lists.

Greenhouse lists each by `priority`, its own order of the list, not by id.
"""

from __future__ import annotations

from typing import TypeVar

from starlette.responses import Response

from simulator.harvest import render_org
from simulator.harvest.api import Call
from simulator.harvest.paging import page_of, paged
from simulator.harvest.registry import harvest
from simulator.world.records_profile import Degree, Discipline, School
from simulator.world.table import Table

Item = TypeVar("Item", Degree, Discipline, School)


def _by_priority(call: Call, table: Table[Item]) -> Response:
    page = page_of(call.request)
    rows = sorted(table, key=lambda item: (item.priority, item.id))
    items = rows[page.offset : page.offset + page.per_page]
    rendered = [render_org.education_item(item) for item in items]
    return paged(call.request, page, rendered, len(rows))


@harvest.get(
    "/v1/degrees",
    group="Education",
    action="List Degrees",
    paging="pages",
    returns="degree[]",
)
async def list_degrees(call: Call) -> Response:
    return _by_priority(call, call.world.degrees)


@harvest.get(
    "/v1/disciplines",
    group="Education",
    action="List Disciplines",
    paging="pages",
    returns="discipline[]",
)
async def list_disciplines(call: Call) -> Response:
    return _by_priority(call, call.world.disciplines)


@harvest.get(
    "/v1/schools",
    group="Education",
    action="List Schools",
    paging="pages",
    returns="school[]",
)
async def list_schools(call: Call) -> Response:
    return _by_priority(call, call.world.schools)
