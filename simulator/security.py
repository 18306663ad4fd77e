"""Who may reach the control API, and the rule for listening beyond loopback.

The control API under /_sim resets the world, adds candidates and unhires: on a
laptop that is a convenience, on a shared network it is a way to rewrite what every
other client sees. So a simulator that listens beyond loopback must be given a
control token, and then every /_sim request (but the liveness and readiness
probes, which orchestrators call without credentials) must carry it, as
`Authorization: Bearer <token>` or `X-Ghsim-Control-Token: <token>`. Tokens are
compared in constant time.
"""

from __future__ import annotations

import hmac
import ipaddress

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

CONTROL_PREFIX = "/_sim/"
OPEN_PROBES = frozenset({"/_sim/health", "/_sim/ready"})
TOKEN_HEADER = "x-ghsim-control-token"


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name other than localhost may resolve to anything


def same_secret(given: str, expected: str) -> bool:
    """Compare two secrets in time that does not depend on where they differ."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def presented_token(headers: Headers) -> str:
    """The control token a request carries, or '' if it carries none."""
    scheme, _, value = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return headers.get(TOKEN_HEADER, "")


class ControlGuard:
    """Refuse /_sim requests without the control token (401, Harvest's shape)."""

    def __init__(self, app: ASGIApp, token: str | None = None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._allowed(scope):
            await self.app(scope, receive, send)
            return
        response = JSONResponse(
            {"message": "The control API needs the control token"},
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="ghsim control"'},
        )
        await response(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        if self.token is None or scope["type"] != "http":
            return True
        path: str = scope["path"]
        if not path.startswith(CONTROL_PREFIX) or path in OPEN_PROBES:
            return True
        return same_secret(presented_token(Headers(scope=scope)), self.token)
