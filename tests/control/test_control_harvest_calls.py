"""The Harvest call log: each Harvest request with its key and answer, nothing else."""

from __future__ import annotations

from starlette.testclient import TestClient

from simulator.setup import Setup
from tests.conftest import basic


def test_harvest_calls__logs_harvest_requests_with_key_and_status(
    client: TestClient, setup: Setup, harvest: dict[str, str]
) -> None:
    client.get("/v1/applications", headers=harvest, params={"per_page": 1})
    client.get("/v1/applications/1", headers=harvest)
    client.get("/v1/candidates", headers=basic("no-such-key"))

    answer = client.get("/_sim/harvest_calls").json()

    rows = [(c["key"], c["method"], c["path"], c["status"]) for c in answer["calls"]]
    key = setup.integration_key.key
    assert rows == [
        (key, "GET", "/v1/applications", 200),
        (key, "GET", "/v1/applications/1", 404),
        ("no-such-key", "GET", "/v1/candidates", 401),
    ]
    assert answer["calls"][0]["query"] == "per_page=1"
    assert answer["last_seq"] == answer["calls"][-1]["seq"]


def test_harvest_calls__job_board_and_control_calls_are_not_logged(
    client: TestClient, setup: Setup
) -> None:
    client.get(f"/v1/boards/{setup.boards[0].token}/jobs")
    client.get("/_sim/health")

    assert client.get("/_sim/harvest_calls").json()["calls"] == []


def test_harvest_calls__filters_by_key_since_and_status(
    client: TestClient, setup: Setup, harvest: dict[str, str]
) -> None:
    client.get("/v1/jobs", headers=harvest)
    first = client.get("/_sim/harvest_calls").json()["last_seq"]
    client.get("/v1/jobs/1", headers=harvest)
    client.get("/v1/jobs", headers=basic("other"))

    since = client.get("/_sim/harvest_calls", params={"since": first}).json()
    mine = client.get(
        "/_sim/harvest_calls", params={"key": setup.integration_key.key}
    ).json()
    missing = client.get("/_sim/harvest_calls", params={"status": 404}).json()

    assert [c["path"] for c in since["calls"]] == ["/v1/jobs/1", "/v1/jobs"]
    assert [c["path"] for c in mine["calls"]] == ["/v1/jobs", "/v1/jobs/1"]
    assert [c["path"] for c in missing["calls"]] == ["/v1/jobs/1"]


def test_harvest_calls__bad_filter_is_422_in_greenhouse_shape(
    client: TestClient,
) -> None:
    response = client.get("/_sim/harvest_calls", params={"since": "yesterday"})

    assert response.status_code == 422
    assert response.json()["message"] == "since and status must be integers"
