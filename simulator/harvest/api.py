"""What every Harvest operation does before and after its own work.

`@operation("Applications")` wraps a handler: it checks the API key and its grant
for that permission group, refuses a GET with a body, demands `On-Behalf-Of` on
writes, and turns any refusal into Greenhouse's status and body.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from simulator.basic_auth import basic_user, match_secret
from simulator.harvest import params
from simulator.harvest.errors import (
    Forbidden,
    HarvestError,
    NoPermission,
    ResourceNotFound,
    Unauthorized,
    from_world,
)
from simulator.jsonbody import to_int
from simulator.runtime import Simulator
from simulator.setup import HarvestKey
from simulator.world.errors import WorldError
from simulator.world.store import World

logger = logging.getLogger("ghsim.harvest")


@dataclass
class Call:
    """One authorised Harvest request, as a handler sees it."""

    request: Request
    sim: Simulator
    key: HarvestKey
    actor_id: int | None

    @property
    def world(self) -> World:
        return self.sim.world

    @property
    def actor(self) -> int:
        """The On-Behalf-Of user of a write."""
        assert self.actor_id is not None, "only writes have an actor"
        return self.actor_id

    def path_int(self, name: str) -> int:
        value: int = self.request.path_params[name]
        return value

    async def json_body(self) -> dict[str, Any]:
        return await params.json_object(self.request)


Handler = Callable[[Call], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


def simulator_of(request: Request) -> Simulator:
    sim: Simulator = request.app.state.sim
    return sim


def operation(group: str) -> Callable[[Handler], Endpoint]:
    """Wrap a handler of the given permission group (e.g. "Applications")."""

    def decorate(handler: Handler) -> Endpoint:
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            try:
                call = await _authorize(request, group)
                return await handler(call)
            except HarvestError as error:
                return error.response()
            except WorldError as error:
                return from_world(error).response()

        endpoint.permission_group = group  # type: ignore[attr-defined]
        return endpoint

    return decorate


async def _authorize(request: Request, group: str) -> Call:
    sim = simulator_of(request)
    key = _api_key(request, sim)
    if group not in key.permission_groups:
        raise NoPermission()
    actor_id = None
    if request.method in ("GET", "HEAD"):
        if await request.body():
            # Greenhouse refuses GET requests that carry a body (changelog 2025-08).
            raise Forbidden("GET requests must not have a body")
    else:
        actor_id = _on_behalf_of(request, sim)
    return Call(request, sim, key, actor_id)


def _api_key(request: Request, sim: Simulator) -> HarvestKey:
    user = basic_user(request.headers.get("authorization"))
    if user is None:
        raise Unauthorized()
    key = match_secret(user, ((k.key, k) for k in sim.setup.harvest_keys))
    if key is None:
        raise Unauthorized()
    return key


def _on_behalf_of(request: Request, sim: Simulator) -> int:
    """The acting user of a write. Missing or not a number: 403; no such user: 404.

    Greenhouse does not document the missing case; a numeric id that is no user
    was seen to answer 404 "Resource not found".
    """
    value = request.headers.get("on-behalf-of", "").strip()
    if not value:
        raise Forbidden(
            "This request requires an On-Behalf-Of header with the id of the "
            "Greenhouse user making the change"
        )
    user_id = to_int(value)
    if user_id is None:
        raise Forbidden(
            f"On-Behalf-Of must be a numeric Greenhouse user id, not {value[:40]!r}"
        )
    if user_id not in sim.world.users:
        raise ResourceNotFound()
    return user_id
