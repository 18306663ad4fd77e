"""How the simulator's own routes (clock, webhooks, faults, deliveries) answer.

Errors keep Harvest's shape, `{"message": ..., "errors": [{"field", "message"}]}`,
whatever raised them: a world rule, a webhook setting, a fault parameter.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from simulator.harvest import params
from simulator.harvest.errors import HarvestError, ValidationFailed, from_world
from simulator.runtime import Simulator
from simulator.webhooks.config import ConfigError
from simulator.webhooks.faults import FaultError
from simulator.world.errors import WorldError

Endpoint = Callable[[Request], Awaitable[Response]]
Handler = Callable[[Request, Simulator], Awaitable[Response]]


def sim_route(handler: Handler) -> Endpoint:
    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request, request.app.state.sim)
        except (ConfigError, FaultError) as error:
            return ValidationFailed(error.field, str(error)).response()
        except HarvestError as error:
            return error.response()
        except WorldError as error:
            return from_world(error).response()

    return endpoint


async def body_of(request: Request) -> dict[str, Any]:
    return await params.json_object(request)


def answer(body: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status)
