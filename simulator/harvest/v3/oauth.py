"""Harvest v3's OAuth 2.0: the token endpoint, the v1 key exchange, and the tokens.

`POST /token` is Greenhouse's `https://auth.greenhouse.io/token`, served on the
simulator's own host: the client credentials grant, the client's id and secret in
HTTP Basic auth, a form body `grant_type=client_credentials&sub=<user id>`.
`sub` names the user the calls act as; without it a token acts as the client's
service-account user (Nango's description; Greenhouse's pages say nothing).

`POST /auth/token` is the transition endpoint: Basic auth with a v1 Harvest key
gives a v3 token granted the v3 operations of that key's permission groups and
endpoints. Its `sub` is optional too; a token without one cannot write.

Access tokens are HS256 JWTs that expire an hour later on the simulator's clock,
so a test in virtual time expires one by moving the clock. PyJWT checks the
signature and the claims' shape; the expiry is ours to check, on that clock.
Errors follow RFC 6749: `{"error": ..., "error_description": ...}`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from simulator.basic_auth import basic_credentials, match_secret
from simulator.formats import iso_utc_seconds
from simulator.harvest.api import api_key, check_sunset, simulator_of
from simulator.harvest.errors import HarvestError, Unauthorized
from simulator.harvest.registry import Operation, harvest
from simulator.jsonbody import shown, to_int
from simulator.runtime import Simulator
from simulator.schema import RouteDoc
from simulator.setup import HarvestKey, OAuthClient

LIFETIME_SECONDS = 3600
ALGORITHM = "HS256"
ISSUER = "ghsim"
KEY_CLIENT = "harvest_key:"  # client_id of a token a v1 key was exchanged for
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


class OAuthError(Exception):
    """An RFC 6749 error: 401 for a client that failed to authenticate, else 400."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description

    def response(self) -> JSONResponse:
        body = {"error": self.error, "error_description": self.description}
        headers = dict(_NO_STORE)
        status = 400
        if self.error == "invalid_client":
            status = 401
            headers["WWW-Authenticate"] = 'Basic realm="Greenhouse"'
        return JSONResponse(body, status, headers=headers)


@dataclass(frozen=True)
class AccessToken:
    """What a verified token grants: who asked, as whom, for what, until when."""

    client_id: str
    user_id: int | None
    scopes: frozenset[str]
    expires_at: int  # seconds since the Unix epoch


# -- issuing ---------------------------------------------------------------------


def signing_key(sim: Simulator) -> bytes:
    """One key per organisation, seed and set of client secrets."""
    secrets = "|".join(client.client_secret for client in sim.setup.oauth_clients)
    text = f"ghsim-jwt|{sim.setup.organization}|{sim.seed}|{secrets}"
    return hashlib.sha256(text.encode("utf-8")).digest()


def issue(
    sim: Simulator, client_id: str, user_id: int | None, scopes: set[str]
) -> tuple[str, int]:
    """A signed access token and when it expires (seconds)."""
    now = sim.world.clock.now() // 1000
    claims: dict[str, object] = {
        "iss": ISSUER,
        "client_id": client_id,
        "scope": " ".join(sorted(scopes)),
        "iat": now,
        "exp": now + LIFETIME_SECONDS,
    }
    if user_id is not None:
        claims["sub"] = str(user_id)
    import jwt  # PyJWT imports in a tenth of a second: only v3 callers pay for it

    return jwt.encode(
        claims, signing_key(sim), algorithm=ALGORITHM
    ), now + LIFETIME_SECONDS


def client_scopes(client: OAuthClient) -> set[str]:
    return set(client.scopes) | harvest.scopes_of(client.permission_groups)


def key_scopes(key: HarvestKey) -> set[str]:
    """The v3 twins of what a v1 key is granted, by group or by endpoint."""
    scopes = harvest.scopes_of(key.permission_groups)
    for op in harvest.operations:
        if op.scope is not None and _v1_twin(op) in key.endpoints:
            scopes.add(op.scope)
    return scopes


def _v1_twin(op: Operation) -> str:
    return op.key.replace(" /v3/", " /v1/", 1)


def service_account(sim: Simulator, client: OAuthClient) -> int:
    for user in sim.world.users:
        if user.service_account and user.first_name == client.name:
            return user.id
    raise OAuthError("invalid_client", f"{client.name} has no service-account user")


# -- verifying -------------------------------------------------------------------


class TokenRejected(HarvestError):
    """A v3 call whose Bearer token is missing, garbled, expired or unknown."""

    status_code = 401


def verify(sim: Simulator, authorization: str | None) -> AccessToken:
    scheme, _, raw = (authorization or "").partition(" ")
    if not authorization:
        raise TokenRejected(
            "Missing access token: send Authorization: Bearer <token>, "
            "the access_token POST /token gives"
        )
    if scheme.lower() != "bearer" or not raw.strip():
        raise TokenRejected(
            "Harvest v3 takes an OAuth access token: Authorization: Bearer <token>"
        )
    import jwt

    try:
        claims = jwt.decode(
            raw.strip(),
            signing_key(sim),
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            # The simulator's clock, not the wall clock, says when a token expires.
            options={
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
                "require": ["exp", "iat", "iss", "client_id", "scope"],
            },
        )
    except jwt.InvalidTokenError:
        raise TokenRejected("Invalid access token") from None
    return _checked(sim, claims)


def _checked(sim: Simulator, claims: dict[str, object]) -> AccessToken:
    expires, scope = claims["exp"], claims["scope"]
    client_id, sub = claims["client_id"], claims.get("sub")
    user_id = to_int(sub) if isinstance(sub, str) else None
    if (
        not isinstance(expires, int)
        or not isinstance(scope, str)
        or not isinstance(client_id, str)
        or (sub is not None and user_id is None)
    ):
        raise TokenRejected("Invalid access token")
    if sim.world.clock.now() // 1000 >= expires:
        raise TokenRejected(
            f"Access token expired at {iso_utc_seconds(expires * 1000)}; "
            "request a new one from POST /token"
        )
    if user_id is not None and user_id not in sim.world.users:
        raise TokenRejected(f"The access token's user {user_id} does not exist")
    return AccessToken(client_id, user_id, frozenset(scope.split()), expires)


def limit_of(sim: Simulator, token: AccessToken) -> tuple[str, int]:
    """The rate-limit bucket and limit of a token: its client's, or its v1 key's."""
    setup = sim.setup
    if token.client_id.startswith(KEY_CLIENT):
        name = token.client_id.removeprefix(KEY_CLIENT)
        key = next((k for k in setup.harvest_keys if k.name == name), None)
        if key is not None:
            return key.key, setup.limit_of(key)
    client = next(
        (c for c in setup.oauth_clients if c.client_id == token.client_id), None
    )
    if client is None:
        raise TokenRejected("The access token's client no longer exists")
    return f"oauth:{client.client_id}", setup.limit_of(client)


# -- the endpoints ---------------------------------------------------------------


async def token(request: Request) -> Response:
    """The client credentials grant."""
    sim = simulator_of(request)
    try:
        client = _client(request, sim)
        form = await _form(request)
        _grant_type(form, required=True)
        granted = client_scopes(client)
        scopes = _requested(form.get("scope"), granted)
        sub = form.get("sub")
        user_id = _user(sim, sub) if sub else service_account(sim, client)
        return _issued(sim, client.client_id, user_id, scopes)
    except OAuthError as error:
        return error.response()


async def exchange(request: Request) -> Response:
    """A v1 Harvest key, exchanged for a v3 access token with the key's grants."""
    sim = simulator_of(request)
    try:
        check_sunset(sim)
        try:
            key = api_key(request, sim)
        except Unauthorized as error:
            raise OAuthError("invalid_client", error.message) from None
        form = await _form(request)
        _grant_type(form, required=False)
        sub = form.get("sub")
        user_id = _user(sim, sub) if sub else None
        return _issued(sim, KEY_CLIENT + key.name, user_id, key_scopes(key))
    except OAuthError as error:
        return error.response()
    except HarvestError as error:
        return error.response()


def _issued(
    sim: Simulator, client_id: str, user_id: int | None, scopes: set[str]
) -> Response:
    access_token, expires = issue(sim, client_id, user_id, scopes)
    body = {
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": LIFETIME_SECONDS,
        "expires_at": iso_utc_seconds(expires * 1000),
    }
    return JSONResponse(body, headers=_NO_STORE)


def _client(request: Request, sim: Simulator) -> OAuthClient:
    credentials = basic_credentials(request.headers.get("authorization"))
    if credentials is None:
        raise OAuthError(
            "invalid_client",
            "Send the client id and secret with HTTP Basic auth",
        )
    client_id, secret = credentials
    client = match_secret(
        f"{client_id}:{secret}",
        ((f"{c.client_id}:{c.client_secret}", c) for c in sim.setup.oauth_clients),
    )
    if client is None:
        raise OAuthError("invalid_client", "Unknown client or wrong client secret")
    return client


async def _form(request: Request) -> dict[str, str]:
    """The form body; RFC 6749 allows each parameter once."""
    body = await request.body()
    if not body.strip():
        return {}
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise OAuthError(
            "invalid_request",
            "The body must be application/x-www-form-urlencoded",
        )
    form = await request.form()
    values: dict[str, str] = {}
    for name, value in form.multi_items():
        if name in values or not isinstance(value, str):
            raise OAuthError("invalid_request", f"{name} must be given once, as text")
        values[name] = value
    return values


def _grant_type(form: dict[str, str], *, required: bool) -> None:
    grant = form.get("grant_type")
    if grant is None or grant == "":
        if required:
            raise OAuthError("invalid_request", "grant_type is required")
        return
    if grant != "client_credentials":
        raise OAuthError(
            "unsupported_grant_type",
            f"grant_type {shown(grant)} is not supported here: ghsim simulates the "
            "client credentials grant only (not the partners' authorization code)",
        )


def _requested(raw: str | None, granted: set[str]) -> set[str]:
    """The scopes asked for (all granted ones when none are named)."""
    if raw is None or not raw.strip():
        return granted
    asked = set(raw.split())
    if not asked <= granted:
        missing = " ".join(sorted(asked - granted))
        raise OAuthError("invalid_scope", f"The client is not granted: {missing}")
    return asked


def _user(sim: Simulator, sub: str) -> int:
    user_id = to_int(sub)
    if user_id is None:
        raise OAuthError(
            "invalid_request",
            f"sub must be a numeric Greenhouse user id, not {shown(sub)}",
        )
    user = sim.world.users.find(user_id)
    if user is None:
        raise OAuthError("invalid_request", f"sub {user_id} is no Greenhouse user")
    if user.disabled:
        raise OAuthError("invalid_request", f"User {user_id} is disabled")
    return user_id


routes: list[BaseRoute] = [
    Route("/token", token, methods=["POST"]),
    Route("/auth/token", exchange, methods=["POST"]),
]

docs = [
    RouteDoc(
        "POST",
        "/token",
        "Get an access token (client credentials grant)",
        "Harvest v3: OAuth",
        returns="access_token",
        body="token_request",
        form=True,
        security="oauthClient",
        errors=(400, 401),
    ),
    RouteDoc(
        "POST",
        "/auth/token",
        "Exchange a v1 Harvest key for an access token",
        "Harvest v3: OAuth",
        returns="access_token",
        body="key_exchange_request",
        form=True,
        security="harvestKey",
        errors=(400, 401, 410),
    ),
]
