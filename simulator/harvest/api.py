"""What every Harvest operation does before and after its own work.

Each registered operation is served through `endpoint_for`: it checks the API key
and the key's grant for that endpoint, counts the request against the key's rate
limit, refuses a GET with a body, demands `On-Behalf-Of` on writes, and turns any
refusal into Greenhouse's status and body.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from simulator.basic_auth import basic_user, match_secret
from simulator.formats import day_or_instant_text
from simulator.harvest import params
from simulator.harvest.errors import (
    Forbidden,
    HarvestError,
    NoPermission,
    RateLimited,
    ResourceNotFound,
    Retired,
    Unauthorized,
    from_world,
)
from simulator.harvest.registry import Operation
from simulator.jsonbody import to_int
from simulator.ratelimit import Verdict
from simulator.raw_headers import authorization_of, may_have_body
from simulator.runtime import Simulator
from simulator.setup import HarvestKey
from simulator.world.errors import WorldError
from simulator.world.store import World

logger = logging.getLogger("ghsim.harvest")

Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass
class Call:
    """One authorised Harvest request, as a handler sees it.

    `key` is the v1 key; a v3 call has none (its token names the client).
    `actor_id` is the On-Behalf-Of user of a v1 write, or a v3 token's user.
    """

    request: Request
    sim: Simulator
    key: HarvestKey | None
    operation: Operation
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


def simulator_of(request: Request) -> Simulator:
    sim: Simulator = request.app.state.sim
    return sim


def granted(key: HarvestKey, operation: Operation) -> bool:
    return operation.group in key.permission_groups or operation.key in key.endpoints


def check_sunset(sim: Simulator) -> None:
    """Refuse v1 and v2 (and v1 keys) once the simulator's clock passes the sunset."""
    sunset = sim.setup.v1_sunset
    if sunset is not None and sim.setup.v1_retired(sim.world.clock.now()):
        raise Retired(day_or_instant_text(sunset))


def endpoint_for(operation: Operation) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        verdict: Verdict | None = None
        try:
            sim = simulator_of(request)
            check_sunset(sim)
            key = api_key(request, sim)
            verdict = sim.rate_limiter.hit(key.key, sim.setup.limit_of(key))
            if verdict is not None and not verdict.allowed:
                raise RateLimited(verdict.retry_after)
            call = await _authorize(request, sim, key, operation)
            response: Response = await operation.handler(call)
        except HarvestError as error:
            response = error.response()
        except WorldError as error:
            response = from_world(error).response()
        if verdict is not None:
            response.headers.update(verdict.headers())
        return response

    endpoint.__name__ = operation.handler.__name__
    endpoint.__doc__ = operation.handler.__doc__
    return endpoint


async def _authorize(
    request: Request, sim: Simulator, key: HarvestKey, operation: Operation
) -> Call:
    if not granted(key, operation):
        raise NoPermission()
    actor_id = None
    if operation.reads:
        if may_have_body(request.scope) and await request.body():
            # Greenhouse refuses GET requests that carry a body (changelog 2025-08).
            raise Forbidden("GET requests must not have a body")
    else:
        actor_id = _on_behalf_of(request, sim)
    return Call(request, sim, key, operation, actor_id)


def api_key(request: Request, sim: Simulator) -> HarvestKey:
    """The v1 key in the Basic Authorization header; 401 for none or a wrong one."""
    user = basic_user(authorization_of(request.scope))
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
