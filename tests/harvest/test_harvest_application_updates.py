"""Harvest application writes beyond the pipeline: update, delete, transfer,
rejection reason, prospect conversion, attachments."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.formats import iso_utc
from simulator.runtime import Simulator
from simulator.world.records import Application, Job
from tests.harvest.checks import not_found, state_conflict, validation_error

Untouched = Callable[[], None]


def _pick(sim: Simulator, test: Callable[[Application], bool]) -> Application:
    found = next((app for app in sim.world.applications if test(app)), None)
    assert found is not None, "the seeded world has no such application"
    return found


def _active(sim: Simulator) -> Application:
    return _pick(sim, lambda a: a.status == "active" and a.job_id is not None)


def _by_status(sim: Simulator, status: str) -> Application:
    return _pick(sim, lambda a: a.status == status and a.job_id is not None)


def _prospect(sim: Simulator) -> Application:
    return _pick(sim, lambda a: a.prospect and a.status == "active")


def _open_job(sim: Simulator, other_than: int | None = None) -> Job:
    return next(j for j in sim.world.jobs if j.status == "open" and j.id != other_than)


def _activity(sim: Simulator, candidate_id: int) -> Any:
    world = sim.world
    return world.activities.get(world.activities_by_candidate[candidate_id][-1])


# -- PATCH /v1/applications/{id} -------------------------------------------------------


@pytest.mark.parametrize("status", ["active", "rejected", "hired"])
def test_update_application__source_and_referrer(
    client: TestClient, writer: dict[str, str], sim: Simulator, status: str
) -> None:
    app = _by_status(sim, status)
    source = next(s for s in sim.world.sources if s.id != app.source_id)
    referrer = sim.world.users.get(sim.world.users.ids[3])

    response = client.patch(
        f"/v1/applications/{app.id}",
        headers=writer,
        json={"source_id": source.id, "referrer": {"type": "id", "value": referrer.id}},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source"] == {"id": source.id, "public_name": source.name}
    assert body["credited_to"]["id"] == referrer.id
    assert body["status"] == status
    assert body["last_activity_at"] == iso_utc(sim.world.clock.now())
    activity = _activity(sim, app.candidate_id)
    assert (activity.subject, activity.user_id) == (
        "Application Updated",
        sim.default_actor(),
    )


def test_update_application__prospect_pool(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    app = _prospect(sim)
    pool = sim.world.prospect_pools.get(sim.world.prospect_pools.ids[0])
    stage = sim.world.prospect_stages.get(pool.stage_ids[1])

    response = client.patch(
        f"/v1/applications/{app.id}",
        headers=writer,
        json={"prospect_pool_id": pool.id, "prospect_stage_id": stage.id},
    )

    assert response.status_code == 200, response.text
    assert response.json()["prospect_detail"] == {
        "prospect_pool": {"id": pool.id, "name": pool.name},
        "prospect_stage": {"id": stage.id, "name": stage.name},
        "prospect_owner": None,
    }


def test_update_application__empty_body_changes_nothing(
    client: TestClient, writer: dict[str, str], sim: Simulator, untouched: Untouched
) -> None:
    app = _active(sim)

    response = client.patch(
        f"/v1/applications/{app.id}",
        headers=writer,
        json={"custom_fields": [], "unknown": 1},
    )

    assert response.status_code == 200
    assert response.json()["id"] == app.id
    untouched()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"source_id": "x"}, "source_id"),
        ({"source_id": 999_999}, "source_id"),
        ({"referrer": "Ada"}, "referrer"),
        ({"referrer": {"value": 1}}, "referrer.type"),
        ({"referrer": {"type": "friend", "value": 1}}, "referrer.type"),
        ({"referrer": {"type": "id"}}, "referrer.value"),
        ({"referrer": {"type": "id", "value": 42}}, "referrer.value"),
        ({"referrer": {"type": "email", "value": "x@example.org"}}, "referrer.value"),
        ({"referrer": {"type": "outside", "value": ""}}, "referrer.value"),
        ({"recruiter_id": 42}, "recruiter_id"),
        ({"coordinator_id": 42}, "coordinator_id"),
        ({"custom_fields": {"id": 1}}, "custom_fields"),
        ({"custom_fields": [{"id": 1, "value": "x"}]}, "custom_fields"),
        ({"prospect_pool_id": 2_001}, "prospect_pool_id"),
    ],
)
def test_update_application__invalid_field_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
    field: str,
) -> None:
    app = _active(sim)

    response = client.patch(f"/v1/applications/{app.id}", headers=writer, json=body)

    validation_error(response, field)
    untouched()


def test_update_application__rejection_details_on_active_is_a_conflict(
    client: TestClient, writer: dict[str, str], sim: Simulator, untouched: Untouched
) -> None:
    app = _active(sim)

    response = client.patch(
        f"/v1/applications/{app.id}",
        headers=writer,
        json={"rejection_details": {"custom_fields": []}},
    )

    state_conflict(response, "Rejection details")
    untouched()


def test_update_application__converted_is_a_conflict(
    client: TestClient, writer: dict[str, str], sim: Simulator, untouched: Untouched
) -> None:
    app = _pick(sim, lambda a: a.status == "converted")

    response = client.patch(
        f"/v1/applications/{app.id}", headers=writer, json={"source_id": 1}
    )

    state_conflict(response, "is currently 'converted'")
    untouched()


# -- DELETE /v1/applications/{id} ------------------------------------------------------


def test_delete_application__message_and_gone(
    client: TestClient,
    writer: dict[str, str],
    harvest: dict[str, str],
    sim: Simulator,
) -> None:
    app = _active(sim)

    response = client.delete(f"/v1/applications/{app.id}", headers=writer)

    assert response.status_code == 200
    assert response.json() == {"message": f"Application {app.id} has been deleted."}
    not_found(client.get(f"/v1/applications/{app.id}", headers=harvest))
    candidate = client.get(f"/v1/candidates/{app.candidate_id}", headers=harvest)
    assert app.id not in candidate.json()["application_ids"]
    listed = client.get(
        f"/v1/applications?job_id={app.job_id}&per_page=500", headers=harvest
    )
    assert app.id not in [row["id"] for row in listed.json()]


@pytest.mark.parametrize(
    ("pick", "fragment"),
    [(_prospect, "prospect"), (lambda s: _by_status(s, "hired"), "unhire")],
)
def test_delete_application__refused(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    pick: Callable[[Simulator], Application],
    fragment: str,
) -> None:
    app = pick(sim)

    response = client.delete(f"/v1/applications/{app.id}", headers=writer)

    state_conflict(response, fragment)
    untouched()


# -- POST /v1/applications/{id}/transfer_to_job ---------------------------------------


def test_transfer__lands_in_the_new_jobs_first_stage(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    app = _active(sim)
    job = _open_job(sim, other_than=app.job_id)
    first = sim.world.stages.get(job.stage_ids[0])

    response = client.post(
        f"/v1/applications/{app.id}/transfer_to_job",
        headers=writer,
        json={"new_job_id": job.id},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == app.id
    assert body["jobs"] == [{"id": job.id, "name": job.name}]
    assert body["current_stage"] == {"id": first.id, "name": first.name}
    assert body["job_post_id"] is None


def test_transfer__to_a_named_stage(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    app = _active(sim)
    job = _open_job(sim, other_than=app.job_id)

    response = client.post(
        f"/v1/applications/{app.id}/transfer_to_job",
        headers=writer,
        json={"new_job_id": str(job.id), "new_stage_id": job.stage_ids[-1]},
    )

    assert response.status_code == 200, response.text
    assert response.json()["current_stage"]["id"] == job.stage_ids[-1]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "new_job_id"),
        ({"new_job_id": "four"}, "new_job_id"),
        ({"new_job_id": 1}, "new_job_id"),
        ({"new_job_id": "OTHER", "new_stage_id": 1}, "new_stage_id"),
    ],
)
def test_transfer__invalid_field_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
    field: str,
) -> None:
    app = _active(sim)
    if body.get("new_job_id") == "OTHER":
        body = {**body, "new_job_id": _open_job(sim, other_than=app.job_id).id}

    response = client.post(
        f"/v1/applications/{app.id}/transfer_to_job", headers=writer, json=body
    )

    validation_error(response, field)
    untouched()


def test_transfer__prospect_is_a_conflict(
    client: TestClient, writer: dict[str, str], sim: Simulator, untouched: Untouched
) -> None:
    app = _prospect(sim)

    response = client.post(
        f"/v1/applications/{app.id}/transfer_to_job",
        headers=writer,
        json={"new_job_id": _open_job(sim).id},
    )

    state_conflict(response, "prospect")
    untouched()


# -- PATCH /v1/applications/{id}/reject -----------------------------------------------


def test_update_rejection_reason__answers_id_message_success(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _by_status(sim, "rejected")
    reason = sim.world.rejection_reasons.get(sim.world.rejection_reasons.ids[-1])

    response = client.patch(
        f"/v1/applications/{app.id}/reject",
        headers=writer,
        json={"rejection_reason_id": reason.id},
    )

    assert response.status_code == 200
    assert response.json() == {
        "id": app.id,
        "message": f"Rejection reason updated to {reason.id} ({reason.name})",
        "success": True,
    }
    shown = client.get(f"/v1/applications/{app.id}", headers=harvest).json()
    assert shown["rejection_reason"]["id"] == reason.id


@pytest.mark.parametrize("status", ["active", "hired"])
def test_update_rejection_reason__not_rejected_is_a_conflict(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    status: str,
) -> None:
    app = _by_status(sim, status)

    response = client.patch(
        f"/v1/applications/{app.id}/reject",
        headers=writer,
        json={"rejection_reason_id": sim.world.rejection_reasons.ids[0]},
    )

    state_conflict(response, f"Application must be 'rejected', is currently '{status}'")
    untouched()


@pytest.mark.parametrize(
    "body", [{}, {"rejection_reason_id": "x"}, {"rejection_reason_id": 7}]
)
def test_update_rejection_reason__invalid_reason_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
) -> None:
    app = _by_status(sim, "rejected")

    response = client.patch(
        f"/v1/applications/{app.id}/reject", headers=writer, json=body
    )

    validation_error(response, "rejection_reason_id")
    untouched()


# -- PATCH /v1/applications/{id}/convert_prospect -------------------------------------


def test_convert_prospect__answers_the_new_application(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _prospect(sim)
    job = _open_job(sim)

    response = client.patch(
        f"/v1/applications/{app.id}/convert_prospect",
        headers=writer,
        json={"job_id": job.id, "initial_stage_id": job.stage_ids[1]},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == [
        "success",
        "old_application_id",
        "new_application_id",
        "new_job_id",
        "new_stage_id",
    ]
    assert (body["success"], body["old_application_id"]) == (True, app.id)
    assert (body["new_job_id"], body["new_stage_id"]) == (job.id, job.stage_ids[1])
    old = client.get(f"/v1/applications/{app.id}", headers=harvest).json()
    new = client.get(
        f"/v1/applications/{body['new_application_id']}", headers=harvest
    ).json()
    assert old["status"] == "converted"
    assert (new["prospect"], new["candidate_id"]) == (False, app.candidate_id)


def test_convert_prospect__candidate_application_is_a_conflict(
    client: TestClient, writer: dict[str, str], sim: Simulator, untouched: Untouched
) -> None:
    app = _active(sim)

    response = client.patch(
        f"/v1/applications/{app.id}/convert_prospect",
        headers=writer,
        json={"job_id": _open_job(sim).id},
    )

    state_conflict(response, "not a prospect application")
    untouched()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "job_id"),
        ({"job_id": 1}, "job_id"),
        ({"initial_stage_id": 1}, "initial_stage_id"),
    ],
)
def test_convert_prospect__invalid_field_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
    field: str,
) -> None:
    app = _prospect(sim)
    if field == "initial_stage_id":
        body = {**body, "job_id": _open_job(sim).id}

    response = client.patch(
        f"/v1/applications/{app.id}/convert_prospect", headers=writer, json=body
    )

    validation_error(response, field)
    untouched()


# -- POST /v1/applications/{id}/attachments -------------------------------------------

PDF = base64.b64encode(b"%PDF-1.4 a resume").decode()


def test_add_attachment__content_is_stored_and_listed(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _active(sim)

    response = client.post(
        f"/v1/applications/{app.id}/attachments",
        headers=writer,
        json={
            "filename": "resume.pdf",
            "type": "resume",
            "content": PDF,
            "content_type": "application/pdf",
        },
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert list(body) == ["filename", "url", "type", "content_type"]
    assert (body["filename"], body["type"], body["content_type"]) == (
        "resume.pdf",
        "resume",
        "application/pdf",
    )
    assert body["url"].startswith("https://")
    shown = client.get(f"/v1/applications/{app.id}", headers=harvest).json()
    assert shown["attachments"][-1]["url"] == body["url"]
    person = client.get(f"/v1/candidates/{app.candidate_id}", headers=harvest).json()
    assert person["attachments"][-1]["filename"] == "resume.pdf"


def test_add_attachment__by_url_needs_no_content_type(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    app = _active(sim)

    response = client.post(
        f"/v1/applications/{app.id}/attachments",
        headers=writer,
        json={"filename": "notes.txt", "type": "other", "url": "https://x.test/n.txt"},
    )

    assert response.status_code == 201, response.text
    assert response.json()["content_type"] is None
    assert sim.world.applications.get(app.id).attachments[-1].visibility == (
        "admin_only"
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"filename": None}, "filename"),
        ({"type": None}, "type"),
        ({"type": "photo"}, "type"),
        ({"type": "take_home_test"}, "type"),
        ({"type": "signed_offer_letter"}, "type"),
        ({"content": None}, "content"),
        ({"content": "not base64!"}, "content"),
        ({"content": ""}, "content"),
        ({"content_type": None}, "content_type"),
        ({"content_type": "application/x-msdownload"}, "content_type"),
        ({"content": None, "url": "ftp://x.test/a.pdf"}, "url"),
        ({"visibility": "everyone"}, "visibility"),
    ],
)
def test_add_attachment__invalid_field_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    change: dict[str, Any],
    field: str,
) -> None:
    app = _pick(
        sim,
        lambda a: (
            a.status == "active"
            and a.current_stage_id is not None
            and sim.world.stages.get(a.current_stage_id).name == "Application Review"
        ),
    )
    body = {
        "filename": "resume.pdf",
        "type": "resume",
        "content": PDF,
        "content_type": "application/pdf",
        **change,
    }
    body = {key: value for key, value in body.items() if value is not None}

    response = client.post(
        f"/v1/applications/{app.id}/attachments", headers=writer, json=body
    )

    validation_error(response, field)
    untouched()


# -- every new write: 404 before the body ----------------------------------------------

WRITES = [
    ("PATCH", ""),
    ("DELETE", ""),
    ("POST", "/transfer_to_job"),
    ("PATCH", "/reject"),
    ("PATCH", "/convert_prospect"),
    ("POST", "/attachments"),
]


@pytest.mark.parametrize(("method", "suffix"), WRITES)
@pytest.mark.parametrize("body", [b"{}", b"{not json"], ids=["valid", "malformed"])
def test_write__unknown_application_is_404_before_the_body_is_read(
    client: TestClient,
    writer: dict[str, str],
    untouched: Untouched,
    method: str,
    suffix: str,
    body: bytes,
) -> None:
    response = client.request(
        method, f"/v1/applications/19999999{suffix}", headers=writer, content=body
    )

    not_found(response)
    untouched()
