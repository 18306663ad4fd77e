"""Harvest's Candidates operations (reads)."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render
from simulator.harvest.api import Call
from simulator.harvest.paging import page_of, page_of_table, paged
from simulator.harvest.registry import harvest


@harvest.get(
    "/v1/candidates",
    group="Candidates",
    action="List Candidates",
    paging="pages",
    returns="candidate[]",
)
async def list_candidates(call: Call) -> Response:
    world = call.world
    email = call.request.query_params.get("email")
    if email is not None:
        # The e-mail filter wins over every other; an index serves it.
        page = page_of(call.request)
        ids = world.candidates_by_email.ids(email.strip().lower())
        rows = [world.candidates.get(i) for i in ids]
        window = rows[page.offset : page.offset + page.per_page]
        items = [render.candidate(world, person) for person in window]
        return paged(call.request, page, items, len(rows))
    return page_of_table(
        call.request, world.candidates, lambda person: render.candidate(world, person)
    )


@harvest.get(
    "/v1/candidates/{id:id}",
    group="Candidates",
    action="Retrieve Candidate",
    returns="candidate",
)
async def retrieve_candidate(call: Call) -> Response:
    person = call.world.candidates.get(call.path_int("id"))
    return JSONResponse(render.candidate(call.world, person))
