"""What every Harvest v3 operation does before and after its own work.

It checks the Bearer token (401), counts the call against the client's rate
limit (429), checks the token's scopes (403), refuses a GET with a body (403),
and needs a user for a write (403 for a token minted without `sub` from a v1
key). Errors are written in v3's shape, `{"errors": [{"message", "field"?}]}`,
which the ConductorOne client decodes beside a bare `{"message"}`.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from simulator.harvest.api import Call, Endpoint, simulator_of
from simulator.harvest.errors import (
    Forbidden,
    HarvestError,
    RateLimited,
    ValidationFailed,
    from_world,
)
from simulator.harvest.registry import Operation
from simulator.harvest.v3 import oauth
from simulator.ratelimit import Verdict
from simulator.runtime import Simulator
from simulator.world.errors import WorldError


def v3_response(error: HarvestError) -> JSONResponse:
    if isinstance(error, ValidationFailed):
        errors = error.errors
    else:
        errors = [{"message": error.message}]
    response = JSONResponse({"errors": errors}, status_code=error.status_code)
    if error.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


def endpoint_for(operation: Operation) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        verdict: Verdict | None = None
        try:
            sim = simulator_of(request)
            token = oauth.verify(sim, request.headers.get("authorization"))
            bucket, limit = oauth.limit_of(sim, token)
            verdict = sim.rate_limiter.hit(bucket, limit)
            if verdict is not None and not verdict.allowed:
                raise RateLimited(verdict.retry_after)
            call = await _authorize(request, sim, token, operation)
            response: Response = await operation.handler(call)
        except HarvestError as error:
            response = v3_response(error)
        except WorldError as error:
            response = v3_response(from_world(error))
        if verdict is not None:
            response.headers.update(verdict.headers())
        return response

    endpoint.__name__ = operation.handler.__name__
    endpoint.__doc__ = operation.handler.__doc__
    return endpoint


async def _authorize(
    request: Request, sim: Simulator, token: oauth.AccessToken, operation: Operation
) -> Call:
    if operation.scope not in token.scopes:
        raise Forbidden(f"This access token does not have the {operation.scope} scope")
    if operation.reads:
        if await request.body():
            raise Forbidden("GET requests must not have a body")
    elif token.user_id is None:
        raise Forbidden(
            "This access token acts as no user, so it cannot write: ask "
            "POST /auth/token for one with sub=<Greenhouse user id>"
        )
    return Call(request, sim, None, operation, token.user_id)
