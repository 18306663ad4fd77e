"""Harvest's Rejection reasons and Sources operations."""

from __future__ import annotations

from starlette.responses import Response

from simulator.harvest import render
from simulator.harvest.api import Call, operation
from simulator.harvest.paging import page_of_table


@operation("Rejection reasons")
async def list_rejection_reasons(call: Call) -> Response:
    return page_of_table(
        call.request, call.world.rejection_reasons, render.rejection_reason
    )


@operation("Sources")
async def list_sources(call: Call) -> Response:
    return page_of_table(call.request, call.world.sources, render.source)
