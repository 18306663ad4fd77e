"""Harvest v3's OAuth: the token endpoint, the v1 key exchange, tokens and scopes."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import jwt
import pytest
from starlette.testclient import TestClient

from simulator.formats import iso_utc_seconds
from simulator.runtime import Simulator
from simulator.setup import OAuthClient, Setup
from tests.conftest import basic, bearer

HOUR_MS = 3_600_000


def client_auth(client_id: str, secret: str) -> dict[str, str]:
    token = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def of(oauth_client: OAuthClient) -> dict[str, str]:
    return client_auth(oauth_client.client_id, oauth_client.client_secret)


def claims(access_token: str) -> dict[str, Any]:
    decoded: dict[str, Any] = jwt.decode(
        access_token, options={"verify_signature": False}
    )
    return decoded


@pytest.fixture
def phenom(setup: Setup) -> OAuthClient:
    return setup.oauth_clients[0]


@pytest.fixture
def reports(setup: Setup) -> OAuthClient:
    """The client granted only the Jobs group."""
    return setup.oauth_clients[1]


@pytest.fixture
def unchanged(sim: Simulator) -> Callable[[], None]:
    before = ([vars_of(u) for u in sim.world.users], len(sim.dispatcher.log))

    def check() -> None:
        after = ([vars_of(u) for u in sim.world.users], len(sim.dispatcher.log))
        assert after == before

    return check


def vars_of(record: Any) -> tuple[Any, ...]:
    return tuple(getattr(record, name) for name in record.__slots__)


# -- issuing -----------------------------------------------------------------------


def test_token__client_credentials_give_a_bearer_jwt_for_an_hour(
    client: TestClient, sim: Simulator, phenom: OAuthClient
) -> None:
    user_id = sim.default_actor()

    response = client.post(
        "/token",
        data={"grant_type": "client_credentials", "sub": str(user_id)},
        headers=of(phenom),
    )

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "expires_at"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["expires_at"] == iso_utc_seconds(sim.world.clock.now() + HOUR_MS)
    assert response.headers["cache-control"] == "no-store"
    token = claims(body["access_token"])
    assert token["sub"] == str(user_id)
    assert token["client_id"] == phenom.client_id
    assert set(token["scope"].split()) == set(phenom.scopes)
    assert token["exp"] - token["iat"] == 3600


def test_token__without_sub_acts_as_the_clients_service_account(
    client: TestClient, sim: Simulator, phenom: OAuthClient
) -> None:
    response = client.post(
        "/token", data={"grant_type": "client_credentials"}, headers=of(phenom)
    )

    user = sim.world.users.get(int(claims(response.json()["access_token"])["sub"]))
    assert user.service_account
    assert user.first_name == phenom.name
    assert user.email is None


def test_token__permission_groups_grant_the_groups_v3_scopes(
    client: TestClient, reports: OAuthClient
) -> None:
    response = client.post(
        "/token", data={"grant_type": "client_credentials"}, headers=of(reports)
    )

    assert claims(response.json()["access_token"])["scope"] == "harvest:jobs:list"


def test_token__a_requested_scope_narrows_the_token(
    client: TestClient, phenom: OAuthClient
) -> None:
    response = client.post(
        "/token",
        data={"grant_type": "client_credentials", "scope": "harvest:jobs:list"},
        headers=of(phenom),
    )
    headers = {"Authorization": f"Bearer {response.json()['access_token']}"}

    assert client.get("/v3/jobs", headers=headers).status_code == 200
    assert client.get("/v3/candidates", headers=headers).status_code == 403


def test_token__expires_after_an_hour_on_the_simulators_clock(
    client: TestClient, sim: Simulator, phenom: OAuthClient
) -> None:
    headers = bearer(client, phenom)
    sim.world.clock.advance(HOUR_MS - 1000)
    assert client.get("/v3/jobs", headers=headers).status_code == 200

    sim.world.clock.advance(1000)
    response = client.get("/v3/jobs", headers=headers)

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    [error] = response.json()["errors"]
    assert set(error) == {"message"}
    assert "expired" in error["message"]
    assert client.get("/v3/jobs", headers=bearer(client, phenom)).status_code == 200


# -- refusals at the token endpoint ---------------------------------------------------


GOOD = {"grant_type": "client_credentials"}


@pytest.mark.parametrize(
    ("auth", "form", "status", "error"),
    [
        pytest.param(None, GOOD, 401, "invalid_client", id="no-credentials"),
        pytest.param("wrong-secret", GOOD, 401, "invalid_client", id="wrong-secret"),
        pytest.param("unknown", GOOD, 401, "invalid_client", id="unknown-client"),
        pytest.param("v1-key", GOOD, 401, "invalid_client", id="v1-key"),
        pytest.param("good", {}, 400, "invalid_request", id="no-grant-type"),
        pytest.param(
            "good",
            {"grant_type": "authorization_code", "code": "x"},
            400,
            "unsupported_grant_type",
            id="authorization-code",
        ),
        pytest.param(
            "good",
            {"grant_type": "password"},
            400,
            "unsupported_grant_type",
            id="password",
        ),
        pytest.param("good", {**GOOD, "sub": "ada"}, 400, "invalid_request", id="sub"),
        pytest.param(
            "good", {**GOOD, "sub": "1"}, 400, "invalid_request", id="sub-no-user"
        ),
        pytest.param(
            "good",
            {**GOOD, "scope": "harvest:users:list"},
            400,
            "invalid_scope",
            id="scope-not-granted",
        ),
    ],
)
def test_token__refusals_in_rfc_6749_shape(
    client: TestClient,
    setup: Setup,
    phenom: OAuthClient,
    unchanged: Callable[[], None],
    auth: str | None,
    form: dict[str, str],
    status: int,
    error: str,
) -> None:
    headers = {
        None: {},
        "good": of(phenom),
        "wrong-secret": client_auth(phenom.client_id, "not-the-secret"),
        "unknown": client_auth("someone-else", phenom.client_secret),
        "v1-key": basic(setup.integration_key.key),
    }[auth]

    response = client.post("/token", data=form, headers=headers)

    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error", "error_description"}
    assert body["error"] == error
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Basic")
    unchanged()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        pytest.param(
            b'{"grant_type": "client_credentials"}', "application/json", id="json"
        ),
        pytest.param(
            b"grant_type=client_credentials&grant_type=client_credentials",
            "application/x-www-form-urlencoded",
            id="repeated",
        ),
    ],
)
def test_token__a_body_that_is_not_one_form_is_invalid_request(
    client: TestClient, phenom: OAuthClient, content: bytes, kind: str
) -> None:
    response = client.post(
        "/token", content=content, headers={**of(phenom), "Content-Type": kind}
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_token__a_disabled_user_cannot_be_the_sub(
    client: TestClient, sim: Simulator, phenom: OAuthClient
) -> None:
    user = sim.world.users.get(sim.world.users.ids[3])
    user.disabled = True

    response = client.post(
        "/token", data={**GOOD, "sub": str(user.id)}, headers=of(phenom)
    )

    assert response.status_code == 400
    assert "disabled" in response.json()["error_description"]


# -- Bearer tokens on v3 calls ---------------------------------------------------------


def _forged(phenom: OAuthClient) -> str:
    payload = {
        "iss": "ghsim",
        "client_id": phenom.client_id,
        "scope": "harvest:jobs:list",
        "iat": 0,
        "exp": 2**40,
    }
    return jwt.encode(payload, b"another key" * 4, algorithm="HS256")


@pytest.mark.parametrize(
    "authorization",
    ["missing", "basic-v1-key", "garbled", "forged", "bearer-empty", "tampered"],
)
def test_v3__a_bad_token_is_401_in_v3_shape(
    client: TestClient,
    sim: Simulator,
    setup: Setup,
    phenom: OAuthClient,
    authorization: str,
) -> None:
    good = bearer(client, phenom)["Authorization"]
    head, _, signature = good.removeprefix("Bearer ").split(".")
    other = base64.urlsafe_b64encode(b'{"scope":"harvest:users:list"}').decode()
    headers = {
        "missing": {},
        "basic-v1-key": basic(setup.integration_key.key),
        "garbled": {"Authorization": "Bearer not.a.token"},
        "forged": {"Authorization": f"Bearer {_forged(phenom)}"},
        "bearer-empty": {"Authorization": "Bearer "},
        "tampered": {"Authorization": f"Bearer {head}.{other}.{signature}"},
    }[authorization]

    response = client.get("/v3/jobs", headers=headers)

    assert response.status_code == 401
    [error] = response.json()["errors"]
    assert set(error) == {"message"}
    assert "Bearer" in response.headers["www-authenticate"]


def test_v3__a_call_outside_the_tokens_scopes_is_403(
    client: TestClient, sim: Simulator, reports: OAuthClient
) -> None:
    headers = bearer(client, reports)
    app = sim.world.applications.ids[0]

    assert client.get("/v3/jobs", headers=headers).status_code == 200
    for path in ("/v3/candidates", f"/v3/applications/{app}", "/v3/users"):
        response = client.get(path, headers=headers)
        assert response.status_code == 403, path
        message = response.json()["errors"][0]["message"]
        assert message.startswith("This access token does not have the harvest:")


# -- the v1 key exchange ---------------------------------------------------------------


def test_exchange__a_v1_key_gets_a_token_with_its_grants(
    client: TestClient, setup: Setup
) -> None:
    reports_key = setup.harvest_keys[1]  # Jobs, and GET /v1/users by endpoint

    response = client.post("/auth/token", headers=basic(reports_key.key))

    assert response.status_code == 200
    token = claims(response.json()["access_token"])
    assert set(token["scope"].split()) == {"harvest:jobs:list", "harvest:users:list"}
    assert "sub" not in token
    headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert client.get("/v3/users", headers=headers).status_code == 200
    assert client.get("/v3/candidates", headers=headers).status_code == 403


def test_exchange__a_token_without_a_user_cannot_write(
    client: TestClient, setup: Setup, sim: Simulator
) -> None:
    token = client.post("/auth/token", headers=basic(setup.integration_key.key))
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    app_id = sim.world.applications.ids[0]

    response = client.post(f"/v3/applications/{app_id}/move", headers=headers)

    assert response.status_code == 403
    assert "sub=" in response.json()["errors"][0]["message"]


def test_exchange__with_sub_the_token_acts_as_that_user(
    client: TestClient, setup: Setup, sim: Simulator
) -> None:
    actor = sim.default_actor()

    response = client.post(
        "/auth/token",
        data={"sub": str(actor)},
        headers=basic(setup.integration_key.key),
    )

    assert claims(response.json()["access_token"])["sub"] == str(actor)


@pytest.mark.parametrize("key", ["", "not-a-key-at-all"])
def test_exchange__a_bad_key_is_invalid_client(client: TestClient, key: str) -> None:
    headers = basic(key) if key else {}

    response = client.post("/auth/token", headers=headers)

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
