"""Harvest v1 record shapes: the documented keys, in the documented order."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator

USER_REF = ["id", "first_name", "last_name", "name", "employee_id"]
APPLICATION = [
    "id",
    "candidate_id",
    "prospect",
    "applied_at",
    "rejected_at",
    "last_activity_at",
    "location",
    "source",
    "credited_to",
    "recruiter",
    "coordinator",
    "rejection_reason",
    "rejection_details",
    "jobs",
    "job_post_id",
    "status",
    "current_stage",
    "answers",
    "prospective_office",
    "prospective_department",
    "prospect_detail",
    "custom_fields",
    "keyed_custom_fields",
    "attachments",
]
EMBEDDED_APPLICATION = [
    key for key in APPLICATION if key not in ("custom_fields", "keyed_custom_fields")
]
CANDIDATE = [
    "id",
    "first_name",
    "last_name",
    "company",
    "title",
    "created_at",
    "updated_at",
    "last_activity",
    "is_private",
    "photo_url",
    "attachments",
    "application_ids",
    "phone_numbers",
    "addresses",
    "email_addresses",
    "website_addresses",
    "social_media_addresses",
    "recruiter",
    "coordinator",
    "can_email",
    "tags",
    "applications",
    "educations",
    "employments",
    "linked_user_ids",
    "custom_fields",
    "keyed_custom_fields",
]
JOB = [
    "id",
    "name",
    "requisition_id",
    "notes",
    "confidential",
    "status",
    "created_at",
    "opened_at",
    "closed_at",
    "updated_at",
    "is_template",
    "copied_from_id",
    "departments",
    "offices",
    "custom_fields",
    "keyed_custom_fields",
    "hiring_team",
    "openings",
]
OPENING = [
    "id",
    "opening_id",
    "status",
    "opened_at",
    "closed_at",
    "application_id",
    "close_reason",
]
# The official docs (grnhse/greenhouse-api-docs, _job_posts.md) put updated_at
# before created_at in every job post example.
JOB_POST = [
    "id",
    "title",
    "location",
    "internal",
    "external",
    "active",
    "live",
    "first_published_at",
    "job_id",
    "content",
    "internal_content",
    "updated_at",
    "created_at",
    "demographic_question_set_id",
    "questions",
]
JOB_POST_LOCATION = [
    "id",
    "name",
    "office_id",
    "job_post_custom_location_id",
    "job_post_location_type",
]
QUESTION = ["required", "private", "label", "name", "type", "values", "description"]
STAGE = [
    "id",
    "name",
    "created_at",
    "updated_at",
    "active",
    "job_id",
    "priority",
    "interviews",
]
INTERVIEW = [
    "id",
    "name",
    "schedulable",
    "estimated_minutes",
    "default_interviewer_users",
    "interview_kit",
]
TYPED_LOOKUP = ["id", "name", "type"]


def _check_application(body: dict[str, Any], *, embedded: bool = False) -> None:
    assert list(body) == (EMBEDDED_APPLICATION if embedded else APPLICATION)
    for ref in ("credited_to", "recruiter", "coordinator"):
        assert body[ref] is None or list(body[ref]) == USER_REF
    assert body["source"] is None or list(body["source"]) == ["id", "public_name"]
    assert body["current_stage"] is None or list(body["current_stage"]) == [
        "id",
        "name",
    ]
    assert list(body["prospect_detail"]) == [
        "prospect_pool",
        "prospect_stage",
        "prospect_owner",
    ]


def _check_candidate(body: dict[str, Any]) -> None:
    assert list(body) == CANDIDATE
    assert body["photo_url"] is None
    for app in body["applications"]:
        _check_application(app, embedded=True)
    assert [app["id"] for app in body["applications"]] == body["application_ids"]


def _check_job(body: dict[str, Any]) -> None:
    assert list(body) == JOB
    assert list(body["hiring_team"]) == [
        "hiring_managers",
        "recruiters",
        "coordinators",
        "sourcers",
    ]
    for opening in body["openings"]:
        assert list(opening) == OPENING
    for department in body["departments"]:
        assert list(department) == [
            "id",
            "name",
            "parent_id",
            "child_ids",
            "external_id",
        ]


def _check_job_post(body: dict[str, Any]) -> None:
    assert list(body) == JOB_POST
    assert list(body["location"]) == JOB_POST_LOCATION
    for question in body["questions"]:
        assert list(question) == QUESTION


def _check_stage(body: dict[str, Any]) -> None:
    assert list(body) == STAGE
    for interview in body["interviews"]:
        assert list(interview) == INTERVIEW


def _check_typed_lookup(body: dict[str, Any]) -> None:
    assert list(body) == TYPED_LOOKUP
    assert list(body["type"]) == ["id", "name"]


Check = Callable[[dict[str, Any]], None]
LISTS: list[tuple[str, str, Check]] = [
    ("/v1/applications", "applications", _check_application),
    ("/v1/candidates", "candidates", _check_candidate),
    ("/v1/jobs", "jobs", _check_job),
    ("/v1/job_posts", "job_posts", _check_job_post),
    ("/v1/job_stages", "stages", _check_stage),
    ("/v1/rejection_reasons", "rejection_reasons", _check_typed_lookup),
    ("/v1/sources", "sources", _check_typed_lookup),
]
RETRIEVES: list[tuple[str, str, Check]] = [
    ("/v1/applications", "applications", _check_application),
    ("/v1/candidates", "candidates", _check_candidate),
    ("/v1/jobs", "jobs", _check_job),
    ("/v1/job_posts", "job_posts", _check_job_post),
    ("/v1/job_stages", "stages", _check_stage),
]


@pytest.mark.parametrize(("path", "table", "check"), LISTS)
def test_list__every_item_has_the_documented_keys_in_order(
    client: TestClient,
    harvest: dict[str, str],
    sim: Simulator,
    path: str,
    table: str,
    check: Check,
) -> None:
    response = client.get(f"{path}?per_page=500", headers=harvest)

    assert response.status_code == 200
    items = response.json()
    rows = getattr(sim.world, table)
    listed = [r.id for r in rows if not (table == "rejection_reasons" and r.default)]
    assert [item["id"] for item in items] == listed
    for item in items:
        check(item)


@pytest.mark.parametrize(("path", "table", "check"), RETRIEVES)
def test_retrieve__has_the_documented_keys_and_equals_the_list_item(
    client: TestClient,
    harvest: dict[str, str],
    sim: Simulator,
    path: str,
    table: str,
    check: Check,
) -> None:
    listed = client.get(f"{path}?per_page=500", headers=harvest).json()

    for item in listed:
        response = client.get(f"{path}/{item['id']}", headers=harvest)
        assert response.status_code == 200
        check(response.json())
        assert response.json() == item


def test_application__hired_has_no_stage_and_rejected_has_details(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    hired = next(a for a in sim.world.applications if a.status == "hired")
    rejected = next(a for a in sim.world.applications if a.status == "rejected")

    hired_body = client.get(f"/v1/applications/{hired.id}", headers=harvest).json()
    rejected_body = client.get(
        f"/v1/applications/{rejected.id}", headers=harvest
    ).json()

    assert hired_body["status"] == "hired"
    assert hired_body["current_stage"] is None
    assert rejected_body["status"] == "rejected"
    assert rejected_body["rejected_at"] is not None
    assert list(rejected_body["rejection_details"]) == [
        "custom_fields",
        "keyed_custom_fields",
    ]
