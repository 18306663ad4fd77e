"""Harvest's Rejection reasons and Sources operations."""

from __future__ import annotations

from starlette.responses import Response

from simulator.harvest import render
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.paging import page_of_table
from simulator.harvest.registry import harvest


@harvest.get(
    "/v1/rejection_reasons",
    group="Rejection reasons",
    action="List Rejection Reasons",
    paging="pages",
    returns="rejection_reason[]",
    filters=("include_defaults",),
)
async def list_rejection_reasons(call: Call) -> Response:
    query = Query(call.request, call.world.rejection_reasons)
    if not query.flag("include_defaults"):
        query.where(lambda reason: not reason.default)
    return query.respond(render.rejection_reason)


@harvest.get(
    "/v1/sources",
    group="Sources",
    action="List Sources",
    paging="pages",
    returns="source[]",
)
async def list_sources(call: Call) -> Response:
    return page_of_table(call.request, call.world.sources, render.source)
