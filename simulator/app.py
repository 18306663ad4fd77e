"""The ASGI application: Harvest, the Job Board and the control API over one world.

Harvest lives at /v1 and /v3, the Job Board at /v1/boards, Harvest v3's OAuth
token endpoint at /token (separate hosts at Greenhouse: harvest, boards-api and
auth; their paths do not collide, so one server serves them all), and the
simulator's own switches at /_sim. Errors that no handler answers (unknown
paths, wrong methods, bodies over the limit) still get each surface's own shape.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from simulator.control import intake as intake_control
from simulator.control import orgs_docs
from simulator.control.harvest_calls import HarvestCallLog, HarvestCallRecorder
from simulator.control.harvest_calls import docs as harvest_call_docs
from simulator.control.harvest_calls import routes as harvest_call_routes
from simulator.control.routes import docs as control_docs
from simulator.control.routes import routes as control_routes
from simulator.control.snapshots import docs as snapshot_docs
from simulator.control.snapshots import routes as snapshot_routes
from simulator.harvest.fragments import ChangesOnWrites
from simulator.harvest.registry import harvest
from simulator.harvest.routes import check_grants
from simulator.harvest.routes import docs as harvest_docs
from simulator.harvest.routes import routes as harvest_routes
from simulator.job_board.intake import IntakeSettler
from simulator.job_board.routes import docs as job_board_docs
from simulator.job_board.routes import routes as job_board_routes
from simulator.ops import AccessLog
from simulator.raw_headers import declared_body
from simulator.router import IndexedRouter
from simulator.runtime import Simulator
from simulator.security import ControlGuard
from simulator.webhooks.read_lag import ReadLag

logger = logging.getLogger("ghsim")

MAX_BODY_BYTES = 25 * 1024 * 1024
# Longer request targets (path and query) get 414. Under uvicorn's own limit on
# a request's head (h11: 16 KB), which answers a plain-text 400 instead.
MAX_URL_BYTES = 12 * 1024
_MESSAGES = {404: "Resource not found"}


def too_large(limit: int) -> str:
    """The 413 message, naming the limit the way a person would write it."""
    if limit >= 1048576 and limit % 1048576 == 0:
        return f"Request body is larger than {limit // 1048576} MB"
    return f"Request body is larger than {limit:,} bytes"


def error_response(
    path: str, status: int, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """An error in the shape of the surface that owns `path`."""
    body: dict[str, Any]
    if path.startswith("/v1/boards/"):
        error = "Job not found" if status == 404 else message
        body = {"status": status, "error": error}
    elif path.startswith("/v3/") and _served_v3(path):
        body = {"errors": [{"message": message}]}
    else:
        body = {"message": message}
    return JSONResponse(body, status_code=status, headers=headers)


@functools.cache
def _v3_templates() -> re.Pattern[str]:
    templates = {op.template for op in harvest.operations}
    shapes = [
        re.sub(
            r"\{[^}]+\}", "[^/]+", re.escape(t).replace(r"\{", "{").replace(r"\}", "}")
        )
        for t in templates
        if t.startswith("/v3/")
    ]
    return re.compile("|".join(f"(?:{shape})" for shape in shapes))


def _served_v3(path: str) -> bool:
    """Whether a v3 route has this path's shape, whatever its ids: then a miss is
    v3's own 404 (an id that is no id); any other path under /v3 is the plain one."""
    return _v3_templates().fullmatch(path) is not None


def _over(digits: bytes, limit: int) -> bool:
    """Whether a length in ASCII digits is over `limit`, without asking int() to
    read thousands of digits (it refuses past 4,300)."""
    significant = digits.lstrip(b"0")
    if len(significant) != len(str(limit)):
        return len(significant) > len(str(limit))
    return int(significant) > limit


class BodyLimit:
    """Refuse bodies over the limit with 413, whether declared or streamed, and
    request targets (path and query) over MAX_URL_BYTES with 414."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path_bytes = scope.get("raw_path") or scope["path"].encode()
        target = len(path_bytes) + len(scope["query_string"])
        if target > MAX_URL_BYTES:
            message = f"Request URI is longer than {MAX_URL_BYTES:,} bytes"
            await error_response(scope["path"], 414, message)(scope, receive, send)
            return
        declared, chunked = declared_body(scope)
        if declared is not None and declared.isdigit() and _over(declared, self.limit):
            response = error_response(scope["path"], 413, too_large(self.limit))
            await response(scope, receive, send)
            return
        if not chunked:
            # The server reads no more than the declared length (none: no body).
            await self.app(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, too_large(self.limit))
            return message

        await self.app(scope, counted, send)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    path = request.url.path
    headers = exc.headers
    if exc.status_code == 405:
        message = f"Method {request.method} is not allowed for {path}"
        headers = {"Allow": ", ".join(_allowed_methods(request))}
    else:
        message = _MESSAGES.get(exc.status_code, str(exc.detail))
    return error_response(path, exc.status_code, message, headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path: one path may have several
    routes (one per operation), and Starlette's own Allow names only the first."""
    methods: set[str] = set()
    for route in request.app.routes:
        if isinstance(route, Route) and route.methods:
            match, _ = route.matches({**request.scope, "method": "GET"})
            if match != Match.NONE:
                methods |= route.methods
    return sorted(methods)


async def _not_simulated(request: Request, exc: Exception) -> Response:
    return error_response(request.url.path, 501, str(exc))


async def _client_gone(request: Request, exc: Exception) -> Response:
    # The client hung up before sending its whole body; nobody reads this answer.
    return Response(status_code=400)


async def _server_error(request: Request, exc: Exception) -> Response:
    logger.error(
        "unhandled error on %s %s", request.method, request.url.path, exc_info=exc
    )
    return error_response(request.url.path, 500, "Internal server error")


async def openapi_json(request: Request) -> Response:
    return JSONResponse(openapi_document())


@functools.cache
def openapi_document() -> dict[str, Any]:
    """The OpenAPI document: the same for every app, so built once (read-only),
    when first asked for rather than at start."""
    from simulator.openapi import document

    return document(
        harvest.operations,
        [
            *harvest_docs,
            *job_board_docs,
            *control_docs,
            *intake_control.docs,
            *snapshot_docs,
            *harvest_call_docs,
            *orgs_docs.docs,
        ],
    )


def create_app(
    sim: Simulator,
    *,
    max_body_bytes: int = MAX_BODY_BYTES,
    control_token: str | None = None,
) -> Starlette:
    """The application; `control_token`, when given, guards the control API."""
    check_grants(sim.setup)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await sim.dispatcher.start()
        app.state.ready = True
        logger.info("simulator ready: seed %d, %d candidates", sim.seed, sim.size)
        try:
            yield
        finally:
            app.state.ready = False
            await sim.dispatcher.stop()
            logger.info("simulator stopped")

    harvest_calls = HarvestCallLog()
    app = Starlette(
        middleware=[
            Middleware(AccessLog),
            Middleware(ControlGuard, token=control_token),
            Middleware(BodyLimit, limit=max_body_bytes),
            Middleware(ChangesOnWrites),
            Middleware(IntakeSettler),
            Middleware(ReadLag),
            Middleware(HarvestCallRecorder, log=harvest_calls),
        ],
        exception_handlers={
            HTTPException: _http_error,
            NotImplementedError: _not_simulated,
            ClientDisconnect: _client_gone,
            Exception: _server_error,
        },
        lifespan=lifespan,
    )
    app.router = IndexedRouter(
        routes=[
            *job_board_routes,
            *harvest_routes,
            *control_routes,
            *intake_control.routes,
            *snapshot_routes,
            *harvest_call_routes,
            Route("/openapi.json", openapi_json, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.sim = sim
    app.state.harvest_calls = harvest_calls
    return app
