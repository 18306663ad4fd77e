"""Harvest v1 Add Application, and every candidate write on an unknown candidate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from tests.harvest.test_harvest_candidate_writes import (
    open_jobs,
    validation_error,
)
from tests.harvest.test_harvest_shapes import APPLICATION


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PATCH", "/v1/candidates/1"),
        ("DELETE", "/v1/candidates/1"),
        ("POST", "/v1/candidates/1/applications"),
        ("POST", "/v1/candidates/1/attachments"),
        ("POST", "/v1/candidates/1/educations"),
        ("POST", "/v1/candidates/1/employments"),
        ("POST", "/v1/candidates/1/activity_feed/notes"),
        ("POST", "/v1/candidates/1/activity_feed/emails"),
        ("PUT", "/v1/candidates/1/anonymize?fields=full_name"),
        ("DELETE", "/v1/candidates/1/educations/1"),
        ("DELETE", "/v1/candidates/1/employments/1"),
        ("PUT", "/v1/candidates/1/tags/30001"),
        ("DELETE", "/v1/candidates/1/tags/30001"),
    ],
)
def test_write__on_an_unknown_candidate_is_404_before_the_body_is_read(
    client: TestClient,
    writer: dict[str, str],
    untouched: Callable[[], None],
    method: str,
    path: str,
) -> None:
    response = client.request(method, path, headers=writer, content=b"not json")

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}
    untouched()


def _free_job(sim: Simulator, candidate_id: int) -> int:
    candidate = sim.world.candidates.get(candidate_id)
    taken = {sim.world.applications.get(i).job_id for i in candidate.application_ids}
    return next(j for j in open_jobs(sim) if j not in taken)


def test_add_application__candidate_form_returns_the_application(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    candidate_id = sim.world.candidates.ids[0]
    job = sim.world.jobs.get(_free_job(sim, candidate_id))
    referrer = next(u for u in reversed(list(sim.world.users)) if u.email)
    body = {
        "job_id": job.id,
        "initial_stage_id": job.stage_ids[1],
        "referrer": {"type": "email", "value": referrer.email},
        "attachments": [
            {
                "filename": "cv.pdf",
                "type": "resume",
                "content": "aGVsbG8=",
                "content_type": "application/pdf",
            }
        ],
    }

    response = client.post(
        f"/v1/candidates/{candidate_id}/applications", headers=writer, json=body
    )

    assert response.status_code == 200, response.text
    app = response.json()
    assert list(app) == APPLICATION
    assert app["candidate_id"] == candidate_id and app["job_post_id"] is None
    assert app["current_stage"]["id"] == job.stage_ids[1]
    assert app["credited_to"]["id"] == referrer.id
    assert app["attachments"][0]["filename"] == "cv.pdf"
    assert app["attachments"][0]["url"].startswith("https://")
    person = client.get(f"/v1/candidates/{candidate_id}", headers=writer).json()
    assert app["id"] in person["application_ids"]


def test_add_application__prospect_form_on_no_jobs(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    candidate_id = sim.world.candidates.ids[0]

    response = client.post(
        f"/v1/candidates/{candidate_id}/applications",
        headers=writer,
        json={"prospect": "true"},
    )

    assert response.status_code == 200, response.text
    assert response.json()["prospect"] is True and response.json()["jobs"] == []


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("no-job", "job_id"),
        ("stage-of-another-job", "initial_stage_id"),
        ("referrer-type", "referrer.type"),
        ("attachment-no-content", "attachments[0].content"),
        ("prospect-text", "prospect"),
        ("job-ids-not-ids", "job_ids[0]"),
    ],
)
def test_add_application__bad_field_is_422_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    case: str,
    field: str,
) -> None:
    candidate_id = sim.world.candidates.ids[0]
    job = sim.world.jobs.get(_free_job(sim, candidate_id))
    other = sim.world.jobs.get(next(j for j in open_jobs(sim) if j != job.id))
    body: dict[str, Any] = {
        "no-job": {"source_id": 1},
        "stage-of-another-job": {
            "job_id": job.id,
            "initial_stage_id": other.stage_ids[0],
        },
        "referrer-type": {"job_id": job.id, "referrer": {"type": "x", "value": "1"}},
        "attachment-no-content": {
            "job_id": job.id,
            "attachments": [{"filename": "a", "type": "resume"}],
        },
        "prospect-text": {"prospect": "perhaps"},
        "job-ids-not-ids": {"prospect": True, "job_ids": ["abc"]},
    }[case]

    response = client.post(
        f"/v1/candidates/{candidate_id}/applications", headers=writer, json=body
    )

    validation_error(response, field)
    untouched()


def test_add_application__to_a_job_already_applied_to_is_a_state_conflict(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
) -> None:
    app = next(a for a in sim.world.applications if a.job_id and not a.prospect)

    response = client.post(
        f"/v1/candidates/{app.candidate_id}/applications",
        headers=writer,
        json={"job_id": app.job_id},
    )

    assert response.status_code == 422
    assert "already has an application" in response.json()["errors"][0]["message"]
    untouched()
