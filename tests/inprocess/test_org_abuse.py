"""Organisations under hostile input: bad names, duplicates, double deletes,
credentials carried to the wrong organisation, and keys that hold the `--`
separator themselves. Each is a clear 4xx and no organisation changes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.orgs import with_organisations
from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import basic

BASE = "https://harvest.greenhouse.io"


@pytest.fixture
def server(sim: Simulator, setup: Setup) -> Iterator[TestClient]:
    app = with_organisations(create_app(sim), setup)
    with TestClient(app, base_url=BASE) as client:
        yield client


def _create(server: TestClient, name: str) -> dict[str, Any]:
    response = server.post("/_sim/orgs", json={"name": name, "size": 40})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _names(server: TestClient) -> list[str]:
    return [org["name"] for org in server.get("/_sim/orgs").json()]


@pytest.mark.parametrize(
    "name",
    ["a/b", "zoë", "", " ", "a" * 41, "a" * 5000, "a--b", "-a", "a-", "A", "a_b",
     "a b", "a.b", "..", "a\nb", "a\x00"],
)  # fmt: skip
def test_org_abuse__bad_name_is_422(server: TestClient, name: str) -> None:
    response = server.post("/_sim/orgs", json={"name": name})

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "name"
    assert _names(server) == []


@pytest.mark.parametrize("name", ["a", "a-b", "ci-42-x", "9" * 40])
def test_org_abuse__good_names_are_reachable_by_their_keys(
    server: TestClient, name: str
) -> None:
    org = _create(server, name)

    response = server.get(
        "/v1/candidates", headers=basic(org["harvest_keys"][0]["key"])
    )

    assert response.status_code == 200, response.text


@pytest.mark.parametrize("body", [[1], "x", {"name": 5}, {"name": None}, {}], ids=repr)
def test_org_abuse__body_that_is_no_org_is_refused(
    server: TestClient, body: object
) -> None:
    response = server.post("/_sim/orgs", json=body)

    assert response.status_code in (400, 422), response.text
    assert "message" in response.json()
    assert _names(server) == []


def test_org_abuse__duplicate_create_is_422_and_keeps_the_first(
    server: TestClient,
) -> None:
    first = _create(server, "team-a")
    server.post(
        "/_sim/orgs/team-a/candidates", json={"first_name": "Kept", "last_name": "X"}
    )
    key = basic(first["harvest_keys"][0]["key"])
    before = server.get("/v1/candidates?per_page=500", headers=key).json()

    again = server.post("/_sim/orgs", json={"name": "team-a", "size": 60, "seed": 9})

    assert again.status_code == 422
    assert "exists" in again.json()["errors"][0]["message"]
    assert server.get("/v1/candidates?per_page=500", headers=key).json() == before


def test_org_abuse__delete_twice_is_404(server: TestClient) -> None:
    _create(server, "team-a")
    assert server.delete("/_sim/orgs/team-a").status_code == 204

    again = server.delete("/_sim/orgs/team-a")

    assert again.status_code == 404
    assert "message" in again.json()
    assert _names(server) == []


def test_org_abuse__one_orgs_credentials_never_reach_another(
    server: TestClient, setup: Setup
) -> None:
    a, b = _create(server, "team-a"), _create(server, "team-b")
    a_key = basic(a["harvest_keys"][0]["key"])
    a_board_key = basic(a["job_boards"][0]["api_key"])
    b_token = b["job_boards"][0]["token"]
    post_id = server.get(f"/v1/boards/{b_token}/jobs").json()["jobs"][0]["id"]
    person = {"first_name": "Ada", "last_name": "L", "email": "ada@example.org"}

    read = server.get(f"/v1/boards/{b_token}/jobs", headers=a_key)
    applied = server.post(
        f"/v1/boards/{b_token}/jobs/{post_id}", headers=a_board_key, json=person
    )
    default = server.get(
        f"/v1/boards/{b_token}/jobs", headers=basic(setup.integration_key.key)
    )

    assert read.status_code == applied.status_code == default.status_code == 404
    assert applied.json() == {"status": 404, "error": "Job not found"}
    b_key = basic(b["harvest_keys"][0]["key"])
    found = server.get("/v1/candidates?email=ada@example.org", headers=b_key)
    assert found.json() == []


@pytest.mark.parametrize("key", ["--x", "----", "nobody--x", "team-a---x"])
def test_org_abuse__keys_with_the_separator_of_no_org_are_401(
    server: TestClient, key: str
) -> None:
    _create(server, "team-a")

    response = server.get("/v1/candidates", headers=basic(key))

    assert response.status_code == 401
    assert "message" in response.json()


def test_org_abuse__default_keys_holding_the_separator_still_work(
    setup: Setup,
) -> None:
    keys = tuple(replace(k, key=f"legacy--{k.key}") for k in setup.harvest_keys)
    boards = tuple(replace(b, token=f"old--{b.token}") for b in setup.boards)
    own = replace(setup, harvest_keys=keys, boards=boards)
    sim = Simulator(own, seed=7, size=40, clock_mode="virtual")

    with TestClient(with_organisations(create_app(sim), own), base_url=BASE) as c:
        read = c.get("/v1/candidates", headers=basic(keys[0].key))
        board = c.get(f"/v1/boards/{boards[0].token}/jobs")

    assert read.status_code == 200, read.text
    assert board.status_code == 200, board.text


def test_org_abuse__deleted_orgs_credentials_are_refused(server: TestClient) -> None:
    org = _create(server, "team-a")
    server.delete("/_sim/orgs/team-a")

    read = server.get("/v1/candidates", headers=basic(org["harvest_keys"][0]["key"]))
    board = server.get(f"/v1/boards/{org['job_boards'][0]['token']}/jobs")

    assert read.status_code == 401
    assert "was deleted" in read.json()["message"]
    assert board.json() == {"status": 404, "error": "Job not found"}


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [("PUT", "/_sim/orgs", "GET, POST"), ("POST", "/_sim/orgs/a", "GET, DELETE")],
)
def test_org_abuse__unknown_method_is_405_with_allow(
    server: TestClient, method: str, path: str, allow: str
) -> None:
    response = server.request(method, path, json={"name": "a"})

    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert "not allowed" in response.json()["message"]
    assert _names(server) == []


def test_org_abuse__the_document_describes_the_orgs_api(server: TestClient) -> None:
    paths = server.get("/openapi.json").json()["paths"]

    assert set(paths["/_sim/orgs"]) == {"get", "post"}
    one = paths["/_sim/orgs/{name}"]
    assert set(one) == {"get", "delete"}
    assert one["get"]["parameters"][0]["schema"] == {"type": "string"}
    _create(server, "a")
    for path, item in {"/_sim/orgs": paths["/_sim/orgs"], "/_sim/orgs/a": one}.items():
        for method in item:
            body = {"name": "b", "size": 40} if method == "post" else None
            answered = server.request(method.upper(), path, json=body).status_code
            assert int(next(iter(item[method]["responses"]))) == answered
