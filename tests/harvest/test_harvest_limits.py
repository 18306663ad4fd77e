"""Harvest's rate limit and per-endpoint grants, through the API."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import Setup, SetupError
from tests.conftest import basic, bearer


@pytest.fixture
def limited(setup: Setup) -> Iterator[tuple[TestClient, Setup]]:
    three = setup.with_rate_limit(3)
    sim = Simulator(three, seed=7, size=60, clock_mode="virtual")
    with TestClient(create_app(sim)) as client:
        yield client, three


def test_rate_limit__every_response_says_what_is_left(
    limited: tuple[TestClient, Setup],
) -> None:
    client, setup = limited
    headers = basic(setup.integration_key.key)

    answers = [client.get("/v1/jobs", headers=headers) for _ in range(3)]

    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0"]
    assert all(a.headers["X-RateLimit-Limit"] == "3" for a in answers)


def test_rate_limit__over_the_limit_is_429_with_when_to_retry(
    limited: tuple[TestClient, Setup],
) -> None:
    client, setup = limited
    headers = basic(setup.integration_key.key)
    for _ in range(3):
        client.get("/v1/jobs", headers=headers)

    refused = client.get("/v1/jobs", headers=headers)

    assert refused.status_code == 429
    assert refused.json()["message"].startswith("Rate limit exceeded")
    assert 1 <= int(refused.headers["Retry-After"]) <= 10
    assert int(refused.headers["X-RateLimit-Reset"]) > 0
    assert refused.headers["X-RateLimit-Remaining"] == "0"


def test_rate_limit__a_v3_client_has_its_own_limit_and_v3s_error_shape(
    limited: tuple[TestClient, Setup],
) -> None:
    client, setup = limited
    headers = bearer(client, setup.oauth_clients[0])
    answers = [client.get("/v3/jobs", headers=headers) for _ in range(3)]

    refused = client.get("/v3/jobs", headers=headers)

    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0"]
    assert refused.status_code == 429
    assert refused.json()["errors"][0]["message"].startswith("Rate limit exceeded")
    assert "Retry-After" in refused.headers
    other = bearer(client, setup.oauth_clients[1])
    assert client.get("/v3/jobs", headers=other).status_code == 200
    v1 = basic(setup.integration_key.key)
    assert client.get("/v1/jobs", headers=v1).status_code == 200


def test_rate_limit__an_exchanged_token_counts_against_its_v1_key(
    limited: tuple[TestClient, Setup],
) -> None:
    client, setup = limited
    v1 = basic(setup.integration_key.key)
    exchanged = client.post("/auth/token", headers=v1).json()["access_token"]
    for _ in range(3):
        client.get("/v1/jobs", headers=v1)

    refused = client.get("/v3/jobs", headers={"Authorization": f"Bearer {exchanged}"})

    assert refused.status_code == 429


def test_rate_limit__errors_count_too(limited: tuple[TestClient, Setup]) -> None:
    client, setup = limited
    headers = basic(setup.integration_key.key)
    for _ in range(3):
        assert client.get("/v1/applications/1", headers=headers).status_code == 404

    assert client.get("/v1/jobs", headers=headers).status_code == 429


def test_rate_limit__each_key_has_its_own_window(
    limited: tuple[TestClient, Setup],
) -> None:
    client, setup = limited
    for _ in range(4):
        client.get("/v1/jobs", headers=basic(setup.integration_key.key))

    other = client.get("/v1/jobs", headers=basic(setup.harvest_keys[1].key))

    assert other.status_code == 200


def test_rate_limit__a_key_without_limit_has_no_headers(setup: Setup) -> None:
    free = replace(setup.runner_key, rate_limit=0)
    keys = tuple(free if k.runner else k for k in setup.harvest_keys)
    three = replace(setup.with_rate_limit(3), harvest_keys=keys)
    sim = Simulator(three, seed=7, size=60, clock_mode="virtual")

    with TestClient(create_app(sim)) as client:
        answers = [client.get("/v1/jobs", headers=basic(free.key)) for _ in range(5)]

    assert all(a.status_code == 200 for a in answers)
    assert "X-RateLimit-Limit" not in answers[-1].headers


def test_rate_limit__bad_credentials_are_not_counted(
    limited: tuple[TestClient, Setup],
) -> None:
    client, _ = limited

    answer = client.get("/v1/jobs", headers=basic("nobody"))

    assert answer.status_code == 401
    assert "X-RateLimit-Limit" not in answer.headers


def test_grants__a_single_endpoint_grant_opens_only_that_endpoint(
    client: TestClient, setup: Setup
) -> None:
    reports = basic(setup.harvest_keys[1].key)

    users = client.get("/v1/users", headers=reports)
    one_user = client.get("/v1/users/4000001", headers=reports)

    assert users.status_code == 200
    assert one_user.status_code == 403
    assert one_user.json() == {
        "message": "This API Key does not have permission for this endpoint"
    }


def test_grants__the_integration_key_cannot_list_users(
    client: TestClient, harvest: dict[str, str]
) -> None:
    for path in ("/v1/users", "/v1/close_reasons"):
        assert client.get(path, headers=harvest).status_code == 403


def test_grants__an_endpoint_that_is_not_served_is_a_setup_error(
    setup: Setup,
) -> None:
    key = replace(setup.harvest_keys[1], endpoints=("GET /v1/nothing_here",))
    broken = replace(setup, harvest_keys=(setup.integration_key, key))

    with pytest.raises(SetupError, match="'GET /v1/nothing_here', which is not"):
        create_app(Simulator(broken, seed=7, size=60))
