"""The Harvest calls each key made: a short log the scenario runner reads.

A scenario can expect a target to reconcile through Harvest after a missed
webhook, or to stay under the rate limit. Both are facts about the requests the
target sent, so the simulator keeps the last few thousand Harvest requests (not
the Job Board's, not /_sim's) with the key that made them and the answer given.

    GET /_sim/harvest_calls?key=&since=&status=   oldest first; `since` = a seq
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from simulator.basic_auth import basic_user
from simulator.raw_headers import authorization_of
from simulator.schema import INT, STR, RouteDoc, arr, obj, schemas

KEEP = 5_000


@dataclass(frozen=True, slots=True)
class HarvestCall:
    seq: int
    key: str
    method: str
    path: str
    query: str
    status: int

    def describe(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class HarvestCallLog:
    calls: deque[HarvestCall] = field(default_factory=lambda: deque(maxlen=KEEP))
    _seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def add(self, key: str, method: str, path: str, query: str, status: int) -> None:
        self.calls.append(
            HarvestCall(next(self._seq), key, method, path, query, status)
        )

    def last_seq(self) -> int:
        return self.calls[-1].seq if self.calls else 0


def is_harvest(path: str) -> bool:
    if path.startswith("/v1/boards/"):
        return False
    return path.startswith(("/v1/", "/v2/", "/v3/"))


def caller(authorization: str | None) -> str:
    """The Basic key; `bearer` for a v3 token; `anonymous` without credentials."""
    user = basic_user(authorization)
    if user is not None:
        return user
    if authorization and authorization.lower().startswith("bearer "):
        return "bearer"
    return "anonymous"


class HarvestCallRecorder:
    """ASGI middleware: one log entry per Harvest request, with its status."""

    def __init__(self, app: ASGIApp, log: HarvestCallLog) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_harvest(scope["path"]):
            await self.app(scope, receive, send)
            return
        status = 500

        async def noted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, noted)
        finally:
            self.log.add(
                caller(authorization_of(scope)),
                scope["method"],
                scope["path"],
                scope.get("query_string", b"").decode("latin-1"),
                status,
            )


async def list_harvest_calls(request: Request) -> Response:
    log: HarvestCallLog = request.app.state.harvest_calls
    query = request.query_params
    key = query.get("key")
    try:
        since = int(query.get("since", "0"))
        status = int(query["status"]) if "status" in query else None
    except ValueError:
        return JSONResponse(
            {"message": "since and status must be integers", "errors": []}, 422
        )
    rows = [
        call.describe()
        for call in log.calls
        if call.seq > since
        and (key is None or call.key == key)
        and (status is None or call.status == status)
    ]
    return JSONResponse({"last_seq": log.last_seq(), "calls": rows})


routes: list[BaseRoute] = [
    Route("/_sim/harvest_calls", list_harvest_calls, methods=["GET"]),
]


schemas.define(
    "sim_harvest_calls",
    obj(
        last_seq=INT,
        calls=arr(obj(seq=INT, key=STR, method=STR, path=STR, query=STR, status=INT)),
    ),
)
docs = [
    RouteDoc(
        "GET",
        "/_sim/harvest_calls",
        "The Harvest calls each key made (the runner's `calls` expectations)",
        "Control (ghsim's own)",
        "sim_harvest_calls",
        query=("key", "since", "status"),
        errors=(422,),
    ),
]
