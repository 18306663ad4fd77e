"""Harvest v1 authentication: Basic credentials, permission groups, On-Behalf-Of."""

from __future__ import annotations

import base64

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import basic

BAD_CREDENTIALS = {"message": "Invalid Basic Auth credentials"}
NO_PERMISSION = {"message": "This API Key does not have permission for this endpoint"}
NOT_FOUND = {"message": "Resource not found"}


def _raw(value: str) -> dict[str, str]:
    return {"Authorization": value}


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _report_key(setup: Setup) -> str:
    return next(k.key for k in setup.harvest_keys if k.name == "Job reports")


def _advanceable(sim: Simulator) -> tuple[int, int]:
    """An active application with a stage after its current one."""
    for app in sim.world.applications:
        if app.status != "active" or app.job_id is None:
            continue
        stage_ids = sim.world.jobs.get(app.job_id).stage_ids
        if app.current_stage_id in stage_ids[:-1]:
            return app.id, app.current_stage_id
    raise AssertionError("the seeded world has no advanceable application")


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-header"),
        pytest.param(basic("0123456789abcdef0123456789abcdef"), id="wrong-key"),
        pytest.param(_raw("Bearer c2736829622c1ac89cd5f074e12bfb82-7"), id="bearer"),
        pytest.param(_raw("Basic !!!not-base64!!!"), id="invalid-base64"),
        pytest.param(
            _raw("Basic " + _b64("c2736829622c1ac89cd5f074e12bfb82-7")),
            id="no-colon",
        ),
        pytest.param(_raw("Basic " + _b64(":")), id="empty-user"),
        pytest.param(_raw("Basic"), id="scheme-only"),
    ],
)
def test_auth__bad_credentials_get_401(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.get("/v1/applications", headers=headers)

    assert response.status_code == 401
    assert response.json() == BAD_CREDENTIALS


def test_auth__lowercase_scheme_is_accepted(client: TestClient, setup: Setup) -> None:
    token = _b64(f"{setup.integration_key.key}:")

    response = client.get("/v1/jobs", headers=_raw(f"basic {token}"))

    assert response.status_code == 200


def test_auth__job_board_key_is_no_harvest_key(
    client: TestClient, board_key: dict[str, str]
) -> None:
    response = client.get("/v1/jobs", headers=board_key)

    assert response.status_code == 401
    assert response.json() == BAD_CREDENTIALS


def test_auth__bad_credentials_win_over_unknown_record(client: TestClient) -> None:
    response = client.get("/v1/applications/1")

    assert response.status_code == 401
    assert response.json() == BAD_CREDENTIALS


@pytest.mark.parametrize(
    "path",
    [
        "/v1/applications",
        "/v1/candidates",
        "/v1/job_posts",
        "/v1/job_stages",
        "/v1/rejection_reasons",
        "/v1/sources",
        "/v1/jobs/4100001/job_posts",
        "/v1/jobs/4100001/stages",
    ],
)
def test_permission__key_without_the_group_gets_403(
    client: TestClient, setup: Setup, path: str
) -> None:
    response = client.get(path, headers=basic(_report_key(setup)))

    assert response.status_code == 403
    assert response.json() == NO_PERMISSION


@pytest.mark.parametrize("path", ["/v1/jobs", "/v1/jobs/4100001"])
def test_permission__key_with_the_group_gets_200(
    client: TestClient, setup: Setup, path: str
) -> None:
    response = client.get(path, headers=basic(_report_key(setup)))

    assert response.status_code == 200


def test_permission__write_without_the_group_gets_403_and_changes_nothing(
    client: TestClient, setup: Setup, sim: Simulator
) -> None:
    app_id, stage_id = _advanceable(sim)
    headers = {**basic(_report_key(setup)), "On-Behalf-Of": str(sim.default_actor())}

    response = client.post(
        f"/v1/applications/{app_id}/advance",
        headers=headers,
        json={"from_stage_id": stage_id},
    )

    assert response.status_code == 403
    assert response.json() == NO_PERMISSION
    assert sim.world.applications.get(app_id).current_stage_id == stage_id
    assert sim.dispatcher.log == []


@pytest.mark.parametrize("body", [b"{}", b"per_page=1"])
def test_get_with_body__is_refused_with_403(
    client: TestClient, harvest: dict[str, str], body: bytes
) -> None:
    response = client.request("GET", "/v1/jobs", headers=harvest, content=body)

    assert response.status_code == 403
    assert response.json() == {"message": "GET requests must not have a body"}


def test_get_with_a_streamed_body__is_refused_with_403(
    client: TestClient, harvest: dict[str, str]
) -> None:
    # No Content-Length: the body comes chunked, and still counts as a body.
    response = client.request(
        "GET", "/v1/jobs", headers=harvest, content=iter([b"{", b"}"])
    )

    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 403
    assert response.json() == {"message": "GET requests must not have a body"}


@pytest.mark.parametrize(
    "on_behalf_of",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("ada@acme.example", id="email"),
        pytest.param("-4000001", id="negative"),
        pytest.param("4000001.0", id="decimal"),
    ],
)
def test_on_behalf_of__missing_or_not_numeric_gets_403(
    client: TestClient,
    harvest: dict[str, str],
    sim: Simulator,
    on_behalf_of: str | None,
) -> None:
    app_id, stage_id = _advanceable(sim)
    headers = dict(harvest)
    if on_behalf_of is not None:
        headers["On-Behalf-Of"] = on_behalf_of

    response = client.post(
        f"/v1/applications/{app_id}/advance",
        headers=headers,
        json={"from_stage_id": stage_id},
    )

    assert response.status_code == 403
    body = response.json()
    assert list(body) == ["message"]
    assert "On-Behalf-Of" in body["message"]
    assert sim.world.applications.get(app_id).current_stage_id == stage_id
    assert sim.dispatcher.log == []


def test_on_behalf_of__numeric_id_of_no_user_gets_404(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    app_id, stage_id = _advanceable(sim)
    nobody = max(user.id for user in sim.world.users) + 1

    response = client.post(
        f"/v1/applications/{app_id}/advance",
        headers={**harvest, "On-Behalf-Of": str(nobody)},
        json={"from_stage_id": stage_id},
    )

    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert sim.world.applications.get(app_id).current_stage_id == stage_id
    assert sim.dispatcher.log == []


def test_on_behalf_of__is_not_needed_on_reads(
    client: TestClient, harvest: dict[str, str]
) -> None:
    response = client.get("/v1/applications", headers=harvest)

    assert response.status_code == 200


@pytest.mark.parametrize("admin", [True, False], ids=["site-admin", "plain-user"])
def test_on_behalf_of__valid_user_is_recorded_as_the_actor(
    client: TestClient, harvest: dict[str, str], sim: Simulator, admin: bool
) -> None:
    app_id, stage_id = _advanceable(sim)
    actor = next(u.id for u in sim.world.users if u.site_admin == admin)
    candidate_id = sim.world.applications.get(app_id).candidate_id
    before = len(sim.world.activities_by_candidate[candidate_id])

    response = client.post(
        f"/v1/applications/{app_id}/advance",
        headers={**harvest, "On-Behalf-Of": f" {actor} "},
        json={"from_stage_id": stage_id},
    )

    assert response.status_code == 200
    feed = sim.world.activities_by_candidate[candidate_id]
    assert len(feed) == before + 1
    activity = sim.world.activities.get(feed[-1])
    assert activity.user_id == actor
    assert activity.subject == "Candidate Stage Change"
    assert sim.world.users.get(actor).name in activity.body
