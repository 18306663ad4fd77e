"""Harvest v3 reads: the same records as v1, in v1's shapes, highest id first."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import PERMISSION_GROUPS, OAuthClient, Setup
from tests.conftest import basic, bearer

EVERYTHING = OAuthClient(
    "Everything", "everything-client", "secret-0001", (), PERMISSION_GROUPS
)

RESOURCES = [
    "applications",
    "candidates",
    "jobs",
    "job_posts",
    "job_stages",
    "rejection_reasons",
    "sources",
    "users",
]


def every_page(client: TestClient, url: str, headers: dict[str, str]) -> list[Any]:
    records: list[Any] = []
    response = client.get(url, headers=headers)
    while True:
        assert response.status_code == 200, response.text
        records.extend(response.json())
        next_url = response.links.get("next", {}).get("url")
        if not next_url:
            return records
        response = client.get(next_url, headers=headers)


@pytest.fixture
def sim(setup: Setup) -> Simulator:
    """The usual simulator, with a v3 client granted every permission group."""
    with_all = replace(setup, oauth_clients=(*setup.oauth_clients, EVERYTHING))
    return Simulator(with_all, seed=7, size=60, clock_mode="virtual")


@pytest.fixture
def v1(sim: Simulator) -> dict[str, str]:
    """v1 Basic auth with the scenario runner's key, which holds Users too."""
    return basic(sim.setup.runner_key.key)


@pytest.fixture
def v3_all(client: TestClient) -> dict[str, str]:
    return bearer(client, EVERYTHING)


@pytest.mark.parametrize("resource", RESOURCES)
def test_list__serves_v1s_records_in_v1s_shapes_highest_id_first(
    client: TestClient,
    sim: Simulator,
    v1: dict[str, str],
    v3_all: dict[str, str],
    resource: str,
) -> None:
    classic = every_page(client, f"/v1/{resource}?per_page=500", v1)

    records = every_page(client, f"/v3/{resource}?per_page=500", v3_all)

    if resource == "users":
        accounts = {user.id for user in sim.world.users if user.service_account}
        classic = [user for user in classic if user["id"] not in accounts]
    assert records == sorted(classic, key=lambda record: -record["id"])


@pytest.mark.parametrize("resource", RESOURCES)
def test_retrieve__is_v1s_record(
    client: TestClient, v1: dict[str, str], v3_all: dict[str, str], resource: str
) -> None:
    classic = client.get(f"/v1/{resource}?per_page=500", headers=v1).json()
    record = classic[len(classic) // 2]

    response = client.get(f"/v3/{resource}/{record['id']}", headers=v3_all)

    assert response.status_code == 200
    assert response.json() == record


def test_retrieve__an_unknown_id_is_404_in_v3_shape(
    client: TestClient, v3: dict[str, str]
) -> None:
    response = client.get("/v3/candidates/1", headers=v3)

    assert response.status_code == 404
    assert response.json() == {"errors": [{"message": "Resource not found"}]}


@pytest.mark.parametrize(
    "path", ["/v3/offers", "/v3/applications/1/hire", "/v3/", "/v3/notes"]
)
def test_v3__a_path_ghsim_does_not_serve_is_a_plain_404(
    client: TestClient, v3: dict[str, str], path: str
) -> None:
    response = client.get(path, headers=v3)

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}


def test_list__a_get_with_a_body_is_403(client: TestClient, v3: dict[str, str]) -> None:
    response = client.request("GET", "/v3/jobs", headers=v3, content=b"{}")

    assert response.status_code == 403
    assert "errors" in response.json()


def test_users__service_accounts_show_only_when_asked(
    client: TestClient, sim: Simulator, v3_all: dict[str, str]
) -> None:
    headers = v3_all
    accounts = {u.id for u in sim.world.users if u.service_account}

    hidden = every_page(client, "/v3/users?per_page=500", headers)
    shown = every_page(
        client, "/v3/users?per_page=500&show_service_accounts=true", headers
    )

    assert len(accounts) == 3  # the setup's two clients, and the test's own
    assert not accounts & {user["id"] for user in hidden}
    listed = [user for user in shown if user["id"] in accounts]
    assert {user["id"] for user in listed} == accounts
    assert all(user["primary_email_address"] is None for user in listed)
    assert all(user["emails"] == [] for user in listed)
