"""Harvest's Tracking links operation: what a `gh_src` token stands for."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render_org
from simulator.harvest.api import Call
from simulator.harvest.errors import ResourceNotFound
from simulator.harvest.registry import harvest


@harvest.get(
    "/v1/tracking_links/{token}",
    group="Tracking links",
    action="Tracking Link Data for Token",
    returns="tracking_link",
)
async def retrieve_tracking_link(call: Call) -> Response:
    token: str = call.request.path_params["token"]
    link = call.world.tracking_link_by_token(token)
    if link is None:
        raise ResourceNotFound()
    return JSONResponse(render_org.tracking_link(call.world, link))
