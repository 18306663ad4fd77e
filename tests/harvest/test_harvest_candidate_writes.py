"""Harvest v1 Add Candidate, Add Prospect and Edit Candidate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import basic
from tests.harvest.test_harvest_shapes import APPLICATION, CANDIDATE


def open_jobs(sim: Simulator) -> list[int]:
    return [job.id for job in sim.world.jobs if job.status == "open"]


def _new(sim: Simulator, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "applications": [{"job_id": open_jobs(sim)[0]}],
    }
    return {**body, **extra}


def validation_error(response: Any, field: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["message"] == "Validation error"
    assert [error["field"] for error in body["errors"]] == [field]


def test_add_candidate__returns_the_new_candidate_with_its_applications(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    jobs = open_jobs(sim)[:2]
    body = _new(
        sim,
        company="Analytical Engines",
        phone_numbers=[{"value": "555-1212", "type": "mobile"}],
        email_addresses=[{"value": "ada@example.org", "type": "personal"}],
        website_addresses=[{"value": "ada.example.org", "type": "blog"}],
        social_media_addresses=[{"value": "@ada"}],
        tags=["Python", "Countess"],
        educations=[
            {
                "degree_id": sim.world.degrees.ids[2],
                "start_year": 1990,
                "start_month": 9,
            }
        ],
        employments=[
            {
                "company_name": "Babbage",
                "title": "Analyst",
                "start_date": "1842-01-01T00:00:00Z",
            }
        ],
        activity_feed_notes=[
            {
                "user_id": sim.default_actor(),
                "body": "Brilliant",
                "visibility": "public",
            }
        ],
        applications=[{"job_id": jobs[0]}, {"job_id": str(jobs[1]), "source_id": 1}],
    )

    response = client.post("/v1/candidates", headers=writer, json=body)

    assert response.status_code == 200, response.text
    person = response.json()
    assert list(person) == CANDIDATE
    assert [a["jobs"][0]["id"] for a in person["applications"]] == jobs
    assert person["tags"] == ["Python", "Countess"]
    assert person["website_addresses"] == [{"value": "ada.example.org", "type": "blog"}]
    assert person["social_media_addresses"] == [{"value": "@ada"}]
    assert person["educations"][0]["degree"] == "Bachelor's Degree"
    assert person["educations"][0]["start_date"] == "1990-09-01T00:00:00.000Z"
    assert person["employments"][0]["end_date"] is None
    assert person["applications"][1]["source"]["id"] == 1
    again = client.get(f"/v1/candidates/{person['id']}", headers=writer).json()
    assert again == person


def test_add_candidate__is_found_by_its_e_mail(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    body = _new(sim, email_addresses=[{"value": "Find.Me@example.org", "type": "work"}])

    created = client.post("/v1/candidates", headers=writer, json=body).json()

    found = client.get("/v1/candidates?email=find.me@example.org", headers=harvest)
    assert [c["id"] for c in found.json()] == [created["id"]]


BAD_BODIES: list[tuple[str, dict[str, Any], str]] = [
    ("no-first-name", {"first_name": None}, "first_name"),
    ("blank-last-name", {"last_name": "  "}, "last_name"),
    ("no-applications", {"applications": None}, "applications"),
    ("empty-applications", {"applications": []}, "applications"),
    ("applications-not-a-list", {"applications": {"job_id": 1}}, "applications"),
    ("application-not-an-object", {"applications": [5]}, "applications[0]"),
    ("no-job-id", {"applications": [{}]}, "applications[0].job_id"),
    ("unknown-job", {"applications": [{"job_id": 1}]}, "applications[0].job_id"),
    ("job-id-text", {"applications": [{"job_id": "x"}]}, "applications[0].job_id"),
    (
        "bad-email",
        {"email_addresses": [{"value": "nope", "type": "work"}]},
        "email_addresses[0].value",
    ),
    (
        "bad-phone-type",
        {"phone_numbers": [{"value": "1", "type": "pager"}]},
        "phone_numbers[0].type",
    ),
    ("tag-not-text", {"tags": ["ok", 3]}, "tags[1]"),
    ("unknown-recruiter", {"recruiter": {"id": 1}}, "recruiter.id"),
    ("recruiter-empty", {"recruiter": {}}, "recruiter"),
    ("is-private-text", {"is_private": "maybe"}, "is_private"),
    (
        "education-month-13",
        {"educations": [{"start_month": 13, "start_year": 2000}]},
        "educations[0].start_month",
    ),
    (
        "education-both-forms",
        {"educations": [{"start_date": "2000-01-01", "start_year": 2000}]},
        "educations[0].start_date",
    ),
    (
        "employment-no-start",
        {"employments": [{"company_name": "A", "title": "B"}]},
        "employments[0].start_date",
    ),
    (
        "note-bad-visibility",
        {
            "activity_feed_notes": [
                {"user_id": 4000001, "body": "x", "visibility": "everyone"}
            ]
        },
        "activity_feed_notes[0].visibility",
    ),
]


@pytest.mark.parametrize(
    ("changes", "field"),
    [pytest.param(changes, field, id=case) for case, changes, field in BAD_BODIES],
)
def test_add_candidate__bad_field_is_422_naming_it_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    changes: dict[str, Any],
    field: str,
) -> None:
    body = {k: v for k, v in _new(sim, **changes).items() if v is not None}

    response = client.post("/v1/candidates", headers=writer, json=body)

    validation_error(response, field)
    untouched()


def test_add_candidate__on_a_draft_job_is_a_state_conflict(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
) -> None:
    draft = next(job.id for job in sim.world.jobs if job.status == "draft")

    response = client.post(
        "/v1/candidates",
        headers=writer,
        json=_new(sim, applications=[{"job_id": draft}]),
    )

    assert response.status_code == 422
    assert list(response.json()) == ["errors"]
    assert "draft" in response.json()["errors"][0]["message"]
    untouched()


def test_add_candidate__custom_field_values_are_not_simulated(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
) -> None:
    body = _new(sim, custom_fields=[{"id": 1, "value": "x"}])

    response = client.post("/v1/candidates", headers=writer, json=body)

    assert response.status_code == 501
    assert "not simulated" in response.json()["message"]
    untouched()


def test_add_candidate__prospect_lands_in_its_pool_first_stage(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    pool = next(iter(sim.world.prospect_pools))
    apps = [{"prospect": True, "prospect_pool_id": pool.id}]

    response = client.post(
        "/v1/candidates", headers=writer, json=_new(sim, applications=apps)
    )

    assert response.status_code in (200, 201), response.text
    [app_id] = response.json()["application_ids"]
    app = sim.world.applications.get(app_id)
    assert (app.prospect_pool_id, app.prospect_stage_id) == (pool.id, pool.stage_ids[0])


@pytest.mark.parametrize(
    ("application", "field"),
    [
        ({"prospect_pool_id": 999}, "applications[0].prospect_pool_id"),
        ({"prospect_pool_stage_id": 8001}, "applications[0].prospect_pool_stage_id"),
    ],
)
def test_add_candidate__bad_prospect_pool_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    application: dict[str, Any],
    field: str,
) -> None:
    apps = [{"prospect": True, **application}]

    response = client.post(
        "/v1/candidates", headers=writer, json=_new(sim, applications=apps)
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field
    untouched()


def test_add_candidate__without_the_candidates_group_is_403(
    client: TestClient, setup: Setup, sim: Simulator, untouched: Callable[[], None]
) -> None:
    reports = next(k for k in setup.harvest_keys if k.name == "Job reports")
    headers = {**basic(reports.key), "On-Behalf-Of": str(sim.default_actor())}

    response = client.post("/v1/candidates", headers=headers, json=_new(sim))

    assert response.status_code == 403
    untouched()


def test_add_prospect__without_application_is_a_jobless_prospect(
    client: TestClient, writer: dict[str, str]
) -> None:
    response = client.post(
        "/v1/prospects", headers=writer, json={"first_name": "P", "last_name": "Q"}
    )

    assert response.status_code == 200, response.text
    (app,) = response.json()["applications"]
    assert (
        app["prospect"] is True and app["jobs"] == [] and app["current_stage"] is None
    )


def test_add_prospect__with_jobs_office_department_and_owner(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    jobs = open_jobs(sim)[:2]
    office, department = sim.world.offices.ids[0], sim.world.departments.ids[0]
    application = {
        "job_ids": jobs,
        "prospective_office_id": office,
        "prospective_department_id": department,
        "prospect_owner_id": sim.default_actor(),
    }
    body = {"first_name": "P", "last_name": "Q", "application": application}

    response = client.post("/v1/prospects", headers=writer, json=body)

    assert response.status_code == 200, response.text
    app = client.get(
        f"/v1/applications/{response.json()['application_ids'][0]}", headers=writer
    ).json()
    assert list(app) == APPLICATION
    assert [job["id"] for job in app["jobs"]] == jobs
    assert app["prospective_office"]["id"] == office
    assert app["prospective_department"]["id"] == department
    owner = sim.world.users.get(sim.default_actor())
    assert app["prospect_detail"]["prospect_owner"] == {
        "id": owner.id,
        "name": owner.name,
    }
    listed = client.get(f"/v1/applications?job_id={jobs[1]}", headers=writer).json()
    assert app["id"] in [a["id"] for a in listed]


def test_add_prospect__office_without_department_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
) -> None:
    body = {
        "first_name": "P",
        "last_name": "Q",
        "application": {"prospective_office_id": sim.world.offices.ids[0]},
    }

    response = client.post("/v1/prospects", headers=writer, json=body)

    validation_error(response, "application.prospective_office_id")
    untouched()


def test_edit_candidate__changes_the_given_fields_and_clears_empty_lists(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    candidate = next(c for c in sim.world.candidates if c.tag_ids)
    coordinator = next(u for u in reversed(list(sim.world.users)) if u.email)
    body = {
        "first_name": "New",
        "title": "Man of Mystery",
        "is_private": "true",
        "tags": [],
        "phone_numbers": [],
        "coordinator": {"email": coordinator.email},
        "recruiter": {"user_id": coordinator.id},
        "custom_fields": [],
    }

    response = client.patch(f"/v1/candidates/{candidate.id}", headers=writer, json=body)

    assert response.status_code == 200, response.text
    person = response.json()
    assert list(person) == CANDIDATE
    assert (person["first_name"], person["title"]) == ("New", "Man of Mystery")
    assert person["last_name"] == candidate.last_name
    assert person["is_private"] is True
    assert person["tags"] == [] and person["phone_numbers"] == []
    assert person["email_addresses"] != []
    assert person["coordinator"]["id"] == person["recruiter"]["id"] == coordinator.id
    assert person["updated_at"] == person["last_activity"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"first_name": ""}, "first_name"),
        (
            {"email_addresses": [{"value": "x@", "type": "work"}]},
            "email_addresses[0].value",
        ),
        ({"tags": "Python"}, "tags"),
        ({"coordinator": {"email": "nobody@nowhere.example"}}, "coordinator.email"),
    ],
)
def test_edit_candidate__bad_field_is_422_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    body: dict[str, Any],
    field: str,
) -> None:
    response = client.patch(
        f"/v1/candidates/{sim.world.candidates.ids[0]}", headers=writer, json=body
    )

    validation_error(response, field)
    untouched()
