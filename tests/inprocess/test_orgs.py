"""Organisations: isolated worlds on one server, chosen by the credentials used."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.orgs import with_organisations
from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import basic


@pytest.fixture
def server(sim: Simulator, setup: Setup) -> Iterator[TestClient]:
    app = with_organisations(create_app(sim), setup)
    with TestClient(app, base_url="https://harvest.greenhouse.io") as client:
        yield client


def create(server: TestClient, name: str, **extra: object) -> dict[str, object]:
    response = server.post("/_sim/orgs", json={"name": name, "size": 40, **extra})
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


def key_of(org: dict[str, object]) -> str:
    keys = org["harvest_keys"]
    assert isinstance(keys, list)
    return str(keys[0]["key"])


def test_orgs__credentials_choose_the_world(server: TestClient, setup: Setup) -> None:
    a = create(server, "team-a", seed=1)
    b = create(server, "team-b", seed=2)

    default = server.get("/v1/candidates", headers=basic(setup.integration_key.key))
    in_a = server.get("/v1/candidates", headers=basic(key_of(a)))
    in_b = server.get("/v1/candidates", headers=basic(key_of(b)))

    assert key_of(a) == f"team-a--{setup.harvest_keys[0].key}"
    assert {default.status_code, in_a.status_code, in_b.status_code} == {200}
    assert len({default.content, in_a.content, in_b.content}) == 3


def test_orgs__one_orgs_keys_never_read_anothers_data(
    server: TestClient, sim: Simulator, setup: Setup
) -> None:
    a = create(server, "team-a")
    create(server, "team-b")
    job_id = next(j.id for j in sim.world.jobs if j.status == "open")
    added = server.post(
        "/_sim/orgs/team-a/candidates",
        json={"job_id": job_id, "first_name": "Only", "last_name": "InA"},
    )
    assert added.status_code == 201, added.text
    candidate = added.json()["candidate_id"]
    keys = {
        "team-a": key_of(a),
        "team-b": key_of(a).replace("team-a--", "team-b--", 1),
        "default": setup.integration_key.key,
    }

    found = {
        org: server.get(f"/v1/candidates/{candidate}", headers=basic(key))
        for org, key in keys.items()
    }
    near_miss = server.get("/v1/candidates", headers=basic("team-a-" + key_of(a)))

    assert found["team-a"].json()["first_name"] == "Only"
    for org in ("team-b", "default"):
        assert found[org].status_code == 404 or (
            found[org].json()["first_name"] != "Only"
        ), org
    assert near_miss.status_code == 401


def test_orgs__each_has_its_own_clock(server: TestClient) -> None:
    create(server, "team-a", clock_mode="virtual")
    create(server, "team-b", clock_mode="virtual")

    server.post("/_sim/orgs/team-a/reset", json={})
    a = server.get("/_sim/orgs/team-a/health").json()["clock"]["now"]
    b = server.get("/_sim/orgs/team-b/health").json()["clock"]["now"]

    assert a == b
    assert server.get("/_sim/orgs/team-a/health").json()["size"] == 40


def test_orgs__job_board_and_v3_follow_the_prefix(
    server: TestClient, setup: Setup
) -> None:
    org = create(server, "team-a")
    boards = org["job_boards"]
    clients = org["oauth_clients"]
    assert isinstance(boards, list) and isinstance(clients, list)

    jobs = server.get(f"/v1/boards/{boards[0]['token']}/jobs")
    pair = f"{clients[0]['client_id']}:{clients[0]['client_secret']}"
    token = server.post(
        "/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()},
    )
    bearer = {"Authorization": f"Bearer {token.json()['access_token']}"}
    v3 = server.get("/v3/jobs", headers=bearer)

    assert jobs.status_code == 200
    assert token.status_code == 200
    assert v3.status_code == 200


def test_orgs__deleted_org_credentials_are_refused(server: TestClient) -> None:
    org = create(server, "team-a")

    deleted = server.delete("/_sim/orgs/team-a")
    refused = server.get("/v1/candidates", headers=basic(key_of(org)))
    control = server.get("/_sim/orgs/team-a/health")

    assert deleted.status_code == 204
    assert refused.status_code == 401
    assert refused.json() == {
        "message": "Invalid credentials: organisation 'team-a' was deleted"
    }
    assert control.status_code == 404
    assert server.get("/_sim/orgs").json() == []


def test_orgs__unknown_org_credentials_are_refused(server: TestClient) -> None:
    refused = server.get("/v1/jobs", headers=basic("nobody--abc"))
    board = server.get("/v1/boards/nobody--acme/jobs")

    assert refused.status_code == 401
    assert "'nobody' does not exist" in refused.json()["message"]
    assert board.status_code == 404
    assert board.json()["status"] == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Bad Name"}, "name"),
        ({"name": "a--b"}, "name"),
        ({"name": "ok", "size": "galactic"}, "size"),
        ({"name": "ok", "size": 100_000}, "size"),
        ({"name": "ok", "clock_mode": "sideways"}, "clock_mode"),
        ({"name": "ok", "webhook_url": "ftp://x"}, "webhook_url"),
    ],
)
def test_orgs__bad_creation_changes_nothing(
    server: TestClient, body: dict[str, object], field: str
) -> None:
    response = server.post("/_sim/orgs", json=body)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert server.get("/_sim/orgs").json() == []


def test_orgs__duplicate_name_is_refused(server: TestClient) -> None:
    create(server, "team-a")

    again = server.post("/_sim/orgs", json={"name": "team-a"})

    assert again.status_code == 422
    assert len(server.get("/_sim/orgs").json()) == 1


def test_orgs__default_org_is_unchanged(server: TestClient, setup: Setup) -> None:
    create(server, "team-a")

    health = server.get("/_sim/health")
    jobs = server.get("/v1/jobs", headers=basic(setup.integration_key.key))

    assert health.json()["size"] == 60
    assert jobs.status_code == 200


def test_orgs__in_process_mode_serves_them_too() -> None:
    import httpx

    from simulator.testing import greenhouse

    with greenhouse() as gh:
        created = httpx.post(
            "https://harvest.greenhouse.io/_sim/orgs", json={"name": "solo"}
        )
        jobs = httpx.get(
            "https://harvest.greenhouse.io/v1/jobs",
            auth=(f"solo--{gh.harvest_key}", ""),
        )

    assert created.status_code == 201
    assert jobs.status_code == 200


def test_orgs__snapshot_command_takes_an_organisation(tmp_path: Path) -> None:
    import httpx
    from click.testing import CliRunner

    from simulator.cli import main
    from simulator.testing import GreenhouseServer

    with GreenhouseServer() as server:
        httpx.post(f"{server.url}/_sim/orgs", json={"name": "ci-9", "seed": 9})
        out = tmp_path / "org.json"
        result = CliRunner().invoke(
            main, ["snapshot", str(out), "--from-url", server.url, "--org", "ci-9"]
        )
        missing = CliRunner().invoke(
            main, ["snapshot", str(out), "--from-url", server.url, "--org", "nope"]
        )

    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["seed"] == 9
    assert missing.exit_code != 0
    assert "does not exist" in missing.output
