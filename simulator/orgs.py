"""Organisations: one server, several isolated Greenhouse accounts.

The default organisation is the one the server started with; its keys work as
they always did. `POST /_sim/orgs {"name": "ci-42"}` adds another, with its own
world, clock, webhooks, rate limits and app. Its credentials are the setup's,
each prefixed with `<name>--` (Harvest keys, Job Board tokens and keys, v3 client
ids and secrets), so a CI job can name them without reading the answer.

Requests are routed before any app sees them, by what they carry: the Basic user
(a Harvest key, a board key, a v3 client id), the `client_id` of a Bearer token,
or the board token in a Job Board path. A credential with a `--` whose prefix is
no organisation (never was, or was deleted) is refused with a 401 in Greenhouse's
shape, never served by another organisation. An organisation's control API is
`/_sim/orgs/<name>/...` (e.g. `/_sim/orgs/ci-42/reset`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from simulator.app import create_app, error_response
from simulator.basic_auth import basic_user
from simulator.control.orgs_docs import PATH as _CONTROL
from simulator.harvest.errors import HarvestError, ResourceNotFound, ValidationFailed
from simulator.harvest.params import integer, json_object, text
from simulator.raw_headers import authorization_of
from simulator.runtime import Simulator
from simulator.setup import Setup, SetupError
from simulator.world.clock import ClockMode
from simulator.world.spec import parse_size

SEPARATOR = "--"
MAX_ORGANISATIONS = 64
MAX_SIZE = 5_000
# Words joined by single dashes: no dash at either end, where one would run
# into the `--` separator ("a-" would make keys "a---..." that route to "a").
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BOARD_PATH = re.compile(r"/v1/boards/([^/]+)")
_METHODS = {"": "GET, POST", "name": "GET, DELETE"}


def _prefixed(setup: Setup, name: str, webhook_url: str | None) -> Setup:
    """The base setup with every credential and board token under `name--`."""
    p = f"{name}{SEPARATOR}"
    boards = tuple(
        replace(b, token=p + b.token, api_key=p + b.api_key) for b in setup.boards
    )
    links = tuple(
        replace(link, job_board=p + link.job_board if link.job_board else None)
        for link in setup.tracking_links
    )
    keys = tuple(replace(k, key=p + k.key) for k in setup.harvest_keys)
    clients = tuple(
        replace(c, client_id=p + c.client_id, client_secret=p + c.client_secret)
        for c in setup.oauth_clients
    )
    organisation = replace(
        setup,
        boards=boards,
        tracking_links=links,
        harvest_keys=keys,
        oauth_clients=clients,
    )
    return organisation.with_webhook_url(webhook_url)


def _credentials(setup: Setup) -> frozenset[str]:
    """Every credential and board token `credential_of` may find in `setup`."""
    return frozenset(
        [k.key for k in setup.harvest_keys]
        + [b.token for b in setup.boards]
        + [b.api_key for b in setup.boards]
        + [c.client_id for c in setup.oauth_clients]
    )


@dataclass
class Organisation:
    name: str
    sim: Simulator
    app: ASGIApp

    def describe(self) -> dict[str, Any]:
        setup = self.sim.setup
        return {
            "name": self.name,
            "seed": self.sim.seed,
            "size": self.sim.size,
            "control": f"{_CONTROL}/{self.name}",
            "harvest_keys": [
                {"name": k.name, "key": k.key} for k in setup.harvest_keys
            ],
            "job_boards": [
                {"token": b.token, "api_key": b.api_key} for b in setup.boards
            ],
            "oauth_clients": [
                {"client_id": c.client_id, "client_secret": c.client_secret}
                for c in setup.oauth_clients
            ],
            "webhooks": sorted({hook.url for hook in setup.webhooks}),
        }


def credential_of(scope: Scope) -> str | None:
    """What names the caller: Basic user, a token's client id, or a board token."""
    authorization = authorization_of(scope) or ""
    if authorization[:7].lower() == "bearer ":
        import jwt  # only v3 callers need it: not imported at start

        try:
            claims = jwt.decode(
                authorization[7:].strip(), options={"verify_signature": False}
            )
        except jwt.PyJWTError:
            return None
        client_id = claims.get("client_id")
        return client_id if isinstance(client_id, str) else None
    user = basic_user(authorization)
    if user is not None:
        return user
    match = _BOARD_PATH.match(scope.get("path", ""))
    return match.group(1) if match else None


class Organisations:
    """The organisations of one server, and the ASGI app that routes to them."""

    def __init__(self, default: ASGIApp, setup: Setup) -> None:
        self.default = default
        self.setup = setup
        self.orgs: dict[str, Organisation] = {}
        self.deleted: set[str] = set()
        # The default organisation's own credentials may hold a `--` themselves.
        self.own = _credentials(setup)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.default(scope, receive, self._on_shutdown(send))
            return
        if scope["type"] != "http":
            await self.default(scope, receive, send)
            return
        path: str = scope["path"]
        if path == _CONTROL or path.startswith(_CONTROL + "/"):
            await self._control(scope, receive, send)
            return
        credential = credential_of(scope)
        if credential is None or SEPARATOR not in credential or credential in self.own:
            await self.default(scope, receive, send)
            return
        name = credential.split(SEPARATOR, 1)[0]
        org = self.orgs.get(name)
        if org is None:
            await self._refuse(scope, name)(scope, receive, send)
            return
        await org.app(scope, receive, send)

    def _on_shutdown(self, send: Send) -> Send:
        """`send`, stopping every organisation's webhooks before the server ends."""

        async def sending(message: Message) -> None:
            if message["type"] == "lifespan.shutdown.complete":
                for org in list(self.orgs.values()):
                    await org.sim.dispatcher.stop()
            await send(message)

        return sending

    def _refuse(self, scope: Scope, name: str) -> Response:
        """401 for credentials of no organisation; an unknown board is a 404."""
        gone = "was deleted" if name in self.deleted else "does not exist"
        message = f"Invalid credentials: organisation {name!r} {gone}"
        anonymous = "authorization" not in Headers(scope=scope)
        return error_response(scope["path"], 404 if anonymous else 401, message)

    # -- the control API ------------------------------------------------------

    async def _control(self, scope: Scope, receive: Receive, send: Send) -> None:
        rest = scope["path"][len(_CONTROL) :].strip("/")
        name, _, tail = rest.partition("/")
        if tail:
            org = self.orgs.get(name)
            if org is None:
                response: Response = self._missing(name)
            else:
                inner = dict(scope, path=f"/_sim/{tail}", raw_path=None)
                await org.app(inner, receive, send)
                return
        else:
            response = await self._manage(Request(scope, receive), name)
        await response(scope, receive, send)

    async def _manage(self, request: Request, name: str) -> Response:
        try:
            if not name and request.method == "GET":
                return JSONResponse([org.describe() for org in self.orgs.values()])
            if not name and request.method == "POST":
                org = await self.create(await json_object(request))
                return JSONResponse(org.describe(), status_code=201)
            if name and request.method == "GET":
                return JSONResponse(self._get(name).describe())
            if name and request.method == "DELETE":
                await self.delete(name)
                return Response(status_code=204)
        except HarvestError as error:
            return error.response()
        message = f"Method {request.method} is not allowed for {request.url.path}"
        allow = _METHODS["name" if name else ""]
        return JSONResponse(
            {"message": message}, status_code=405, headers={"Allow": allow}
        )

    def _get(self, name: str) -> Organisation:
        org = self.orgs.get(name)
        if org is None:
            raise ResourceNotFound()
        return org

    def _missing(self, name: str) -> Response:
        gone = "was deleted" if name in self.deleted else "does not exist"
        return JSONResponse(
            {"message": f"Organisation {name!r} {gone}"}, status_code=404
        )

    async def create(self, body: dict[str, Any]) -> Organisation:
        """Check everything, build the world aside, then add it."""
        name = text(body, "name", required=True, max_length=40) or ""
        if not _NAME.fullmatch(name):
            raise ValidationFailed(
                "name",
                "lower-case letters and digits in words joined by single dashes, "
                "1 to 40 characters",
            )
        if name in self.orgs:
            raise ValidationFailed("name", f"organisation {name!r} exists already")
        if len(self.orgs) >= MAX_ORGANISATIONS:
            raise ValidationFailed("name", f"at most {MAX_ORGANISATIONS} organisations")
        seed = integer(body, "seed")
        size = self._size(body.get("size", "tiny"))
        try:
            setup = _prefixed(self.setup, name, text(body, "webhook_url"))
        except SetupError as exc:
            raise ValidationFailed("webhook_url", str(exc)) from None
        sim = Simulator(
            setup,
            seed=1 if seed is None else seed,
            size=size,
            clock_mode=self._clock_mode(body.get("clock_mode", "real")),
        )
        org = Organisation(name, sim, create_app(sim))
        await sim.dispatcher.start()
        self.orgs[name] = org
        self.deleted.discard(name)
        return org

    def _clock_mode(self, value: object) -> ClockMode:
        if value == "real":
            return "real"
        if value == "virtual":
            return "virtual"
        raise ValidationFailed("clock_mode", f"real or virtual, not {value!r}")

    def _size(self, value: object) -> int:
        try:
            size = parse_size(value if isinstance(value, (int, str)) else repr(value))
        except ValueError as exc:
            raise ValidationFailed("size", str(exc)) from None
        if size > MAX_SIZE:
            raise ValidationFailed("size", f"at most {MAX_SIZE} for an organisation")
        return size

    async def delete(self, name: str) -> None:
        org = self._get(name)
        del self.orgs[name]
        self.deleted.add(name)
        await org.sim.dispatcher.stop()


def with_organisations(app: ASGIApp, setup: Setup) -> Organisations:
    """`app` (the default organisation's) behind the organisation router."""
    return Organisations(app, setup)
