"""Readiness: whether the simulator can take traffic, for orchestrators and scripts.

`/_sim/health` says the process answers (liveness); `/_sim/ready` says its world is
built and its webhook workers run, which is true only between the application's
start-up and its shutdown. Both stay open when a control token is set.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from simulator.schema import RouteDoc, schemas


async def ready(request: Request) -> Response:
    if getattr(request.app.state, "ready", False):
        return JSONResponse({"status": "ready"})
    return JSONResponse(
        {"message": "The simulator is starting or stopping"}, status_code=503
    )


routes: list[BaseRoute] = [Route("/_sim/ready", ready, methods=["GET"])]

schemas.define("sim_ready", {"type": "object"})
docs = [
    RouteDoc(
        "GET",
        "/_sim/ready",
        "Readiness: the world is built and webhooks can be sent",
        "Control (ghsim's own)",
        "sim_ready",
        errors=(503,),
    ),
]
