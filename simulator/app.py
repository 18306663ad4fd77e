"""The ASGI application: Harvest, the Job Board and the control API over one world.

Harvest lives at /v1, the Job Board at /v1/boards (the two are separate
hosts at Greenhouse; their paths do not collide, so one server serves both), and
the simulator's own switches at /_sim.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from simulator.control.routes import routes as control_routes
from simulator.harvest.routes import routes as harvest_routes
from simulator.job_board.routes import routes as job_board_routes
from simulator.runtime import Simulator

logger = logging.getLogger("ghsim")

MAX_BODY_BYTES = 25 * 1024 * 1024


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404 and request.url.path.startswith("/v1/boards/"):
        return JSONResponse({"status": 404, "error": "Job not found"}, status_code=404)
    if exc.status_code == 404:
        return JSONResponse({"message": "Resource not found"}, status_code=404)
    if exc.status_code == 405:
        message = f"Method {request.method} is not allowed for {request.url.path}"
        return JSONResponse({"message": message}, status_code=405, headers=exc.headers)
    return JSONResponse({"message": str(exc.detail)}, status_code=exc.status_code)


async def _not_simulated(request: Request, exc: Exception) -> Response:
    return JSONResponse({"message": str(exc)}, status_code=501)


async def _server_error(request: Request, exc: Exception) -> Response:
    logger.error(
        "unhandled error on %s %s", request.method, request.url.path, exc_info=exc
    )
    return JSONResponse({"message": "Internal server error"}, status_code=500)


def create_app(sim: Simulator) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await sim.dispatcher.start()
        logger.info("simulator ready: seed %d, %d candidates", sim.seed, sim.size)
        try:
            yield
        finally:
            await sim.dispatcher.stop()

    app = Starlette(
        routes=[*job_board_routes, *harvest_routes, *control_routes],
        exception_handlers={
            HTTPException: _http_error,
            NotImplementedError: _not_simulated,
            Exception: _server_error,
        },
        lifespan=lifespan,
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.sim = sim
    return app
