"""The /_sim control API: health, config, reset, adding candidates and unhiring."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator import __version__
from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import Setup


def _open_job(sim: Simulator) -> int:
    return next(job.id for job in sim.world.jobs if job.status == "open")


def _hire(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> tuple[int, int | None]:
    """Hire an active application on an open job: its id and its stage before."""
    app = next(
        a
        for a in sim.world.applications
        if a.status == "active"
        and a.job_id is not None
        and sim.world.jobs.get(a.job_id).status == "open"
        and sim.world.open_openings(sim.world.jobs.get(a.job_id))
    )
    stage = app.current_stage_id
    response = client.post(f"/v1/applications/{app.id}/hire", headers=writer)
    assert response.status_code == 200
    return app.id, stage


def _validation_error(response: Any, field: str) -> None:
    assert response.status_code == 422
    body = response.json()
    assert body["message"] == "Validation error"
    assert [error["field"] for error in body["errors"]] == [field]


def test_health__reports_status_seed_size_and_clock(
    client: TestClient, sim: Simulator
) -> None:
    response = client.get("/_sim/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["version"] == __version__
    assert (body["seed"], body["size"]) == (7, 60)
    assert body["clock"] == {"mode": "virtual", "now": sim.world.clock.now()}
    assert body["deliveries_pending"] == 0


def test_config__names_the_integration_key_and_the_on_behalf_of_user(
    client: TestClient, setup: Setup, sim: Simulator
) -> None:
    response = client.get("/_sim/config")

    assert response.status_code == 200
    body = response.json()
    assert body["integration"]["harvest_key"] == setup.integration_key.key
    assert body["integration"]["job_board"] == setup.boards[0].token
    assert body["on_behalf_of"] == sim.default_actor()
    assert sim.world.users.get(body["on_behalf_of"]).site_admin
    assert body["integration"]["runner_key"] == setup.runner_key.key
    assert [k["name"] for k in body["harvest_keys"]] == [
        "Phenom",
        "Job reports",
        "Recruiting team (scenario runner)",
        "Airbyte",
    ]
    assert len(body["webhooks"]) == 7


def test_reset__rebuilds_the_world_and_forgets_deliveries(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    pristine = client.get("/v1/applications?per_page=500", headers=harvest).json()
    hired, _ = _hire(client, writer, sim)
    assert sim.dispatcher.log

    response = client.post("/_sim/reset")

    assert response.status_code == 200
    assert response.json() == {"status": "reset", "seed": 7, "size": 60}
    assert client.get("/v1/applications?per_page=500", headers=harvest).json() == (
        pristine
    )
    assert sim.world.applications.get(hired).status == "active"
    assert sim.dispatcher.log == []
    assert client.get("/_sim/deliveries").json() == []


@pytest.mark.parametrize(
    ("body", "seed", "size"),
    [({"seed": 8}, 8, 60), ({"size": "tiny"}, 7, 40), ({"seed": 3, "size": 25}, 3, 25)],
)
def test_reset__takes_a_new_seed_and_size(
    client: TestClient,
    harvest: dict[str, str],
    sim: Simulator,
    body: dict[str, Any],
    seed: int,
    size: int,
) -> None:
    response = client.post("/_sim/reset", json=body)

    assert response.json() == {"status": "reset", "seed": seed, "size": size}
    assert (sim.seed, sim.size, sim.world.seed) == (seed, size, seed)
    assert len(sim.world.candidates) == size
    health = client.get("/_sim/health").json()
    assert (health["seed"], health["size"]) == (seed, size)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"size": "huge"}, "size"),
        ({"size": 5}, "size"),
        ({"size": 2_000_000}, "size"),
        ({"size": [40]}, "size"),
        ({"seed": "abc"}, "seed"),
        ({"seed": 9, "size": "huge"}, "size"),
    ],
)
def test_reset__bad_seed_or_size_is_422_and_keeps_the_world(
    client: TestClient, sim: Simulator, body: dict[str, Any], field: str
) -> None:
    world = sim.world

    response = client.post("/_sim/reset", json=body)

    _validation_error(response, field)
    assert sim.world is world
    assert (sim.seed, sim.size) == (7, 60)


def test_reset__malformed_json_is_400(client: TestClient, sim: Simulator) -> None:
    world = sim.world

    response = client.post("/_sim/reset", content=b"{seed: 1")

    assert response.status_code == 400
    assert list(response.json()) == ["message"]
    assert sim.world is world


def test_add_candidate__creates_an_application_without_a_job_post(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    job = sim.world.jobs.get(_open_job(sim))
    body = {
        "job_id": job.id,
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@lovelace.example",
    }

    response = client.post("/_sim/candidates", json=body)

    assert response.status_code == 201
    ids = response.json()
    assert list(ids) == ["candidate_id", "application_id"]
    app = client.get(f"/v1/applications/{ids['application_id']}", headers=harvest)
    assert app.status_code == 200
    app_body = app.json()
    assert app_body["candidate_id"] == ids["candidate_id"]
    assert app_body["job_post_id"] is None
    assert app_body["jobs"] == [{"id": job.id, "name": job.name}]
    assert app_body["status"] == "active"
    assert app_body["prospect"] is False
    assert app_body["current_stage"]["id"] == job.stage_ids[0]
    assert app_body["credited_to"]["id"] == sim.default_actor()
    found = client.get("/v1/candidates?email=ada@lovelace.example", headers=harvest)
    assert [c["id"] for c in found.json()] == [ids["candidate_id"]]
    assert found.json()[0]["first_name"] == "Ada"
    assert [d.action for d in sim.dispatcher.log] == ["new_candidate_application"]


def test_add_candidate__credits_the_named_user(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    user = next(u for u in sim.world.users if not u.site_admin)

    response = client.post(
        "/_sim/candidates", json={"job_id": _open_job(sim), "user_id": user.id}
    )

    app_id = response.json()["application_id"]
    app = client.get(f"/v1/applications/{app_id}", headers=harvest).json()
    assert app["credited_to"]["id"] == user.id
    candidate_id = response.json()["candidate_id"]
    (activity_id,) = sim.world.activities_by_candidate[candidate_id]
    assert sim.world.activities.get(activity_id).user_id == user.id


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "job_id"),
        ({"job_id": "abc"}, "job_id"),
        ({"job_id": 1}, "job_id"),
        ({"job_id": "open", "user_id": 1}, "user_id"),
        ({"job_id": "open", "source_id": 999_999}, "source_id"),
        ({"job_id": "open", "first_name": 7}, "first_name"),
    ],
)
def test_add_candidate__bad_field_is_422_and_adds_nobody(
    client: TestClient, sim: Simulator, body: dict[str, Any], field: str
) -> None:
    if body.get("job_id") == "open":
        body = {**body, "job_id": _open_job(sim)}
    count = len(sim.world.candidates), len(sim.world.applications)

    response = client.post("/_sim/candidates", json=body)

    _validation_error(response, field)
    assert (len(sim.world.candidates), len(sim.world.applications)) == count
    assert sim.dispatcher.log == []


def test_add_candidate__draft_job_is_refused(
    client: TestClient, sim: Simulator
) -> None:
    draft = next(job for job in sim.world.jobs if job.status == "draft")
    count = len(sim.world.candidates)

    response = client.post("/_sim/candidates", json={"job_id": draft.id})

    assert response.status_code == 422
    assert response.json() == {
        "errors": [{"message": f"Job {draft.id} is a draft and takes no candidates"}]
    }
    assert len(sim.world.candidates) == count
    assert sim.dispatcher.log == []


def _unnamed_candidate(setup: Setup, *, refused_first: bool) -> tuple[str, str]:
    """The names a fresh world gives the first candidate added without names."""
    sim = Simulator(setup, seed=7, size=60, clock_mode="virtual")
    with TestClient(create_app(sim)) as client:
        if refused_first:
            refused = client.post("/_sim/candidates", json={"job_id": 1})
            assert refused.status_code == 422
        created = client.post("/_sim/candidates", json={"job_id": _open_job(sim)})
    person = sim.world.candidates.get(created.json()["candidate_id"])
    return person.first_name, person.last_name


def test_add_candidate__a_refused_request_leaves_no_trace(setup: Setup) -> None:
    # actions.py: "A refused action raises a WorldError and leaves no trace": what
    # the world generates next must not depend on an earlier refused request.
    expected = _unnamed_candidate(setup, refused_first=False)

    actual = _unnamed_candidate(setup, refused_first=True)

    assert actual == expected


def test_unhire__returns_a_hired_application_to_active(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app_id, stage_before = _hire(client, writer, sim)
    job_id = sim.world.applications.get(app_id).job_id
    before = len(sim.dispatcher.log)

    response = client.post(f"/_sim/applications/{app_id}/unhire")

    assert response.status_code == 200
    ids = [d.id for d in sim.dispatcher.log[before:]]
    assert response.json() == {"application_id": app_id, "deliveries": ids}
    assert [d.action for d in sim.dispatcher.log[before:]] == ["unhire_candidate"]
    body = client.get(f"/v1/applications/{app_id}", headers=harvest).json()
    assert body["status"] == "active"
    assert body["current_stage"]["id"] == stage_before
    openings = client.get(f"/v1/jobs/{job_id}", headers=harvest).json()["openings"]
    assert all(o["application_id"] != app_id for o in openings)


def test_unhire__reopens_the_job_the_hire_closed(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = next(
        j
        for j in sim.world.jobs
        if j.status == "open" and len(sim.world.open_openings(j)) == 1
    )
    app = next(
        a for a in sim.world.applications if a.job_id == job.id and a.status == "active"
    )
    client.post(f"/v1/applications/{app.id}/hire", headers=writer)
    assert sim.world.jobs.get(job.id).status == "closed"

    response = client.post(f"/_sim/applications/{app.id}/unhire", json={})

    assert response.status_code == 200
    reopened = client.get(f"/v1/jobs/{job.id}", headers=harvest).json()
    assert reopened["status"] == "open"
    assert reopened["closed_at"] is None


@pytest.mark.parametrize("status", ["active", "rejected"])
def test_unhire__not_hired_is_a_state_conflict(
    client: TestClient, sim: Simulator, status: str
) -> None:
    app = next(a for a in sim.world.applications if a.status == status)

    response = client.post(f"/_sim/applications/{app.id}/unhire")

    assert response.status_code == 422
    assert response.json() == {
        "errors": [{"message": f"Application must be 'hired', is currently '{status}'"}]
    }
    assert sim.world.applications.get(app.id).status == status
    assert sim.dispatcher.log == []


def test_unhire__unknown_application_is_404(client: TestClient) -> None:
    response = client.post("/_sim/applications/19999999/unhire", content=b"{bad")

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}
