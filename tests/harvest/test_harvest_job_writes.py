"""Harvest job writes: create from a template, update, and the hiring team."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.world.records import Job
from tests.harvest.checks import not_found, validation_error

Untouched = Callable[[], None]


def _job(sim: Simulator) -> Job:
    return sim.world.jobs.get(sim.world.jobs.ids[0])


# -- POST /v1/jobs ---------------------------------------------------------------------


def test_create_job__copies_the_template(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    template = _job(sim)
    office = sim.world.offices.ids[-1]

    response = client.post(
        "/v1/jobs",
        headers=writer,
        json={
            "template_job_id": template.id,
            "number_of_openings": 2,
            "job_post_name": "Robot Wrangler",
            "job_name": "Wrangler",
            "department_id": None,
            "office_ids": [office],
            "requisition_id": "REQ-77",
            "opening_ids": ["W-1", "W-2"],
        },
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["name"], body["status"], body["requisition_id"]) == (
        "Wrangler",
        "open",
        "REQ-77",
    )
    assert (body["is_template"], body["copied_from_id"]) == (False, template.id)
    assert body["departments"] == []
    assert [o["id"] for o in body["offices"]] == [office]
    assert [o["opening_id"] for o in body["openings"]] == ["W-1", "W-2"]
    assert client.get(f"/v1/jobs/{body['id']}", headers=harvest).json() == body
    posts = client.get(f"/v1/jobs/{body['id']}/job_posts", headers=harvest).json()
    assert posts and {p["title"] for p in posts} == {"Robot Wrangler"}
    assert not any(p["live"] for p in posts)
    stages = client.get(f"/v1/jobs/{body['id']}/stages", headers=harvest).json()
    assert len(stages) == len(template.stage_ids)


def test_create_job__defaults_name_and_openings(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    template = _job(sim)

    response = client.post(
        "/v1/jobs",
        headers=writer,
        json={"template_job_id": template.id, "number_of_openings": 1},
    )

    body = response.json()
    assert body["name"] == f"Copy Of {template.name}"
    assert [o["opening_id"] for o in body["openings"]] == [None]
    assert [d["id"] for d in body["departments"]] == [template.department_id]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"number_of_openings": 1}, "template_job_id"),
        ({"template_job_id": 1, "number_of_openings": 1}, "template_job_id"),
        ({"template_job_id": "JOB"}, "number_of_openings"),
        ({"template_job_id": "JOB", "number_of_openings": 0}, "number_of_openings"),
        ({"template_job_id": "JOB", "number_of_openings": 101}, "number_of_openings"),
        (
            {"template_job_id": "JOB", "number_of_openings": 2, "opening_ids": ["a"]},
            "opening_ids",
        ),
        (
            {"template_job_id": "JOB", "number_of_openings": 1, "opening_ids": "a"},
            "opening_ids",
        ),
        (
            {"template_job_id": "JOB", "number_of_openings": 1, "department_id": 7},
            "department_id",
        ),
        (
            {
                "template_job_id": "JOB",
                "number_of_openings": 1,
                "department_id": 40_001,
                "external_department_id": "d-1",
            },
            "external_department_id",
        ),
        (
            {"template_job_id": "JOB", "number_of_openings": 1, "office_ids": [7]},
            "office_ids",
        ),
        (
            {
                "template_job_id": "JOB",
                "number_of_openings": 1,
                "external_office_ids": ["o-1"],
            },
            "external_office_ids",
        ),
        (
            {
                "template_job_id": "JOB",
                "number_of_openings": 1,
                "office_ids": [50_001],
                "external_office_ids": ["o-1"],
            },
            "external_office_ids",
        ),
    ],
)
def test_create_job__invalid_field_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
    field: str,
) -> None:
    if body.get("template_job_id") == "JOB":
        body = {**body, "template_job_id": _job(sim).id}

    response = client.post("/v1/jobs", headers=writer, json=body)

    validation_error(response, field)
    untouched()


# -- PATCH /v1/jobs/{id} ---------------------------------------------------------------


def test_update_job__fields_and_placement(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    job = _job(sim)
    department = sim.world.departments.get(sim.world.departments.ids[-1])
    offices = sim.world.offices.ids[:2]

    response = client.patch(
        f"/v1/jobs/{job.id}",
        headers=writer,
        json={
            "name": "Robot Whisperer",
            "notes": "<p>Gentle</p>",
            "anywhere": True,
            "requisition_id": "REQ-1",
            "team_and_responsibilities": "Robots",
            "how_to_sell_this_job": "Snacks",
            "custom_fields": [],
            "department_id": department.id,
            "office_ids": offices,
        },
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["name"], body["notes"], body["requisition_id"]) == (
        "Robot Whisperer",
        "<p>Gentle</p>",
        "REQ-1",
    )
    assert [d["id"] for d in body["departments"]] == [department.id]
    assert [o["id"] for o in body["offices"]] == offices
    assert body["updated_at"].startswith("2026-06-01T16:00:01")
    assert job.anywhere and job.how_to_sell_this_job == "Snacks"


def test_update_job__empty_body_changes_nothing(
    client: TestClient, writer: dict[str, str], sim: Simulator, untouched: Untouched
) -> None:
    response = client.patch(f"/v1/jobs/{_job(sim).id}", headers=writer, json={})

    assert response.status_code == 200
    untouched()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": 5}, "name"),
        ({"anywhere": "sometimes"}, "anywhere"),
        ({"custom_fields": [{"name_key": "salary", "value": 1}]}, "custom_fields"),
        ({"office_ids": [7]}, "office_ids"),
        ({"office_ids": ["x"]}, "office_ids"),
        ({"department_id": 7}, "department_id"),
        ({"external_department_id": "nope"}, "external_department_id"),
    ],
)
def test_update_job__invalid_field_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
    field: str,
) -> None:
    response = client.patch(f"/v1/jobs/{_job(sim).id}", headers=writer, json=body)

    validation_error(response, field)
    untouched()


def test_update_job__unknown_job_is_404(
    client: TestClient, writer: dict[str, str], untouched: Untouched
) -> None:
    response = client.patch("/v1/jobs/4199999", headers=writer, content=b"{nope")

    not_found(response)
    untouched()


# -- /v1/jobs/{id}/hiring_team ---------------------------------------------------------


def _team(client: TestClient, harvest: dict[str, str], job_id: int) -> Any:
    response = client.get(f"/v1/jobs/{job_id}/hiring_team", headers=harvest)
    assert response.status_code == 200
    return response.json()


def _responsible(user_id: int, future: bool = False) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "responsible_for_future_candidates": future,
        "responsible_for_active_candidates": False,
        "responsible_for_inactive_candidates": False,
    }


def test_hiring_team__shape_of_the_seeded_team(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    job = _job(sim)

    team = _team(client, harvest, job.id)

    assert list(team) == ["hiring_managers", "recruiters", "coordinators", "sourcers"]
    assert team["hiring_managers"] == [
        {"user_id": u, "active": True} for u in job.hiring_manager_ids
    ]
    assert team["recruiters"] == [
        {"user_id": job.recruiter_id, "active": True, "responsible": True}
    ]


def test_hiring_team__put_replaces_and_the_job_shows_it(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = _job(sim)
    first, second = sim.world.users.ids[4:6]

    response = client.put(
        f"/v1/jobs/{job.id}/hiring_team",
        headers=writer,
        json={
            "recruiters": [_responsible(first, future=True), _responsible(second)],
            "sourcers": [{"user_id": second}],
        },
    )

    assert response.status_code == 200
    assert response.json() == {"success": True}
    team = _team(client, harvest, job.id)
    assert team["recruiters"] == [
        {"user_id": first, "active": True, "responsible": True},
        {"user_id": second, "active": True, "responsible": False},
    ]
    assert team["sourcers"] == [{"user_id": second, "active": True}]
    shown = client.get(f"/v1/jobs/{job.id}", headers=harvest).json()["hiring_team"]
    assert [r["id"] for r in shown["recruiters"]] == [first, second]
    assert [s["id"] for s in shown["sourcers"]] == [second]


def test_hiring_team__post_adds_and_delete_removes(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = _job(sim)
    user = next(u for u in sim.world.users.ids if u not in job.hiring_manager_ids)

    added = client.post(
        f"/v1/jobs/{job.id}/hiring_team",
        headers=writer,
        json={"hiring_managers": [{"user_id": user}]},
    )
    after_add = _team(client, harvest, job.id)["hiring_managers"]
    removed = client.request(
        "DELETE",
        f"/v1/jobs/{job.id}/hiring_team",
        headers=writer,
        json={"hiring_managers": [user, 42]},
    )

    assert added.json() == removed.json() == {"success": True}
    assert {"user_id": user, "active": True} in after_add
    assert user not in [
        m["user_id"] for m in _team(client, harvest, job.id)["hiring_managers"]
    ]


@pytest.mark.parametrize("method", ["PUT", "POST"])
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"recruiters": {"user_id": 1}}, "recruiters"),
        ({"recruiters": [5]}, "recruiters"),
        ({"sourcers": [{}]}, "sourcers.user_id"),
        ({"sourcers": [{"user_id": 42}]}, "sourcers.user_id"),
        (
            {"recruiters": [{"user_id": 4_000_002}]},
            "recruiters.responsible_for_future_candidates",
        ),
        (
            {
                "coordinators": [
                    _responsible(4_000_002, future=True),
                    _responsible(4_000_003, future=True),
                ]
            },
            "coordinators.responsible_for_future_candidates",
        ),
        (
            {"sourcers": [{"user_id": 4_000_002}], "hiring_managers": [{"user_id": 7}]},
            "hiring_managers.user_id",
        ),
    ],
)
def test_hiring_team__invalid_member_is_422_and_all_or_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    method: str,
    body: dict[str, Any],
    field: str,
) -> None:
    response = client.request(
        method, f"/v1/jobs/{_job(sim).id}/hiring_team", headers=writer, json=body
    )

    validation_error(response, field)
    untouched()


def test_hiring_team__delete_with_bad_ids_is_422(
    client: TestClient, writer: dict[str, str], sim: Simulator, untouched: Untouched
) -> None:
    response = client.request(
        "DELETE",
        f"/v1/jobs/{_job(sim).id}/hiring_team",
        headers=writer,
        json={"recruiters": ["x"]},
    )

    validation_error(response, "recruiters")
    untouched()


@pytest.mark.parametrize("method", ["GET", "PUT", "POST", "DELETE"])
def test_hiring_team__unknown_job_is_404(
    client: TestClient, writer: dict[str, str], untouched: Untouched, method: str
) -> None:
    response = client.request(
        method,
        "/v1/jobs/4199999/hiring_team",
        headers=writer
        if method != "GET"
        else {"Authorization": writer["Authorization"]},
    )

    not_found(response)
    untouched()
