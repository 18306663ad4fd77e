"""Harvest v1 application writes that succeed: the new state and the activity."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.world.records import Application


def _mid_pipeline(sim: Simulator) -> Application:
    """An active job application with a stage before and two after its current."""
    for app in sim.world.applications:
        if app.status == "active" and app.job_id is not None:
            stage_ids = sim.world.jobs.get(app.job_id).stage_ids
            if app.current_stage_id in stage_ids[1:-2]:
                return app
    raise AssertionError("no active application mid-pipeline")


def _rejected(sim: Simulator) -> Application:
    return next(a for a in sim.world.applications if a.status == "rejected")


def _hireable(sim: Simulator, *, last_opening: bool = False) -> Application:
    """An active job application on an open job with open openings: only one if
    `last_opening`, else two or more."""
    for app in sim.world.applications:
        if app.status == "active" and app.job_id is not None:
            job = sim.world.jobs.get(app.job_id)
            count = len(sim.world.open_openings(job))
            if job.status == "open" and (count == 1 if last_opening else count >= 2):
                return app
    raise AssertionError("no hireable application")


def _stage_after(sim: Simulator, app: Application, step: int = 1) -> int:
    stage_ids = sim.world.jobs.get(app.job_id or 0).stage_ids
    return stage_ids[stage_ids.index(app.current_stage_id or 0) + step]


def _post(
    client: TestClient, writer: dict[str, str], app_id: int, verb: str, body: Any
) -> httpx.Response:
    return client.post(f"/v1/applications/{app_id}/{verb}", headers=writer, json=body)


def _get(client: TestClient, harvest: dict[str, str], path: str) -> Any:
    response = client.get(path, headers=harvest)
    assert response.status_code == 200
    return response.json()


def _without(body: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in keys}


def test_advance__moves_to_the_next_stage_and_changes_nothing_else(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _mid_pipeline(sim)
    before = _get(client, harvest, f"/v1/applications/{app.id}")
    target = sim.world.stages.get(_stage_after(sim, app))

    response = _post(
        client, writer, app.id, "advance", {"from_stage_id": app.current_stage_id}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["current_stage"] == {"id": target.id, "name": target.name}
    assert body["status"] == "active"
    assert body["last_activity_at"] > before["last_activity_at"]
    changed = ("current_stage", "last_activity_at")
    assert _without(body, *changed) == _without(before, *changed)
    assert _get(client, harvest, f"/v1/applications/{app.id}") == body


def test_advance__bumps_the_candidates_last_activity(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _mid_pipeline(sim)

    response = _post(
        client, writer, app.id, "advance", {"from_stage_id": app.current_stage_id}
    )

    person = _get(client, harvest, f"/v1/candidates/{app.candidate_id}")
    assert person["last_activity"] == response.json()["last_activity_at"]


def test_advance__accepts_the_stage_id_as_a_numeric_string(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    app = _mid_pipeline(sim)
    target = _stage_after(sim, app)

    response = _post(
        client, writer, app.id, "advance", {"from_stage_id": str(app.current_stage_id)}
    )

    assert response.status_code == 200
    assert response.json()["current_stage"]["id"] == target


@pytest.mark.parametrize("step", [2, -1, 0], ids=["forward", "back", "same"])
def test_move__goes_to_the_named_stage(
    client: TestClient, writer: dict[str, str], sim: Simulator, step: int
) -> None:
    app = _mid_pipeline(sim)
    target = sim.world.stages.get(_stage_after(sim, app, step))
    stamp = app.last_activity_at

    response = _post(
        client,
        writer,
        app.id,
        "move",
        {"from_stage_id": app.current_stage_id, "to_stage_id": target.id},
    )

    assert response.status_code == 200
    assert response.json()["current_stage"] == {"id": target.id, "name": target.name}
    assert response.json()["status"] == "active"
    assert sim.world.applications.get(app.id).last_activity_at > stamp


def test_reject__sets_status_reason_and_keeps_the_stage(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _mid_pipeline(sim)
    before = _get(client, harvest, f"/v1/applications/{app.id}")
    reason = list(sim.world.rejection_reasons)[-1]

    response = _post(
        client,
        writer,
        app.id,
        "reject",
        {"rejection_reason_id": reason.id, "notes": "No visa sponsorship"},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "rejected"
    assert body["current_stage"] == before["current_stage"]
    assert body["rejected_at"] is not None
    assert body["rejected_at"] == body["last_activity_at"]
    assert body["last_activity_at"] > before["last_activity_at"]
    assert body["rejection_reason"] == {
        "id": reason.id,
        "name": reason.name,
        "type": {"id": reason.type_id, "name": reason.type_name},
    }
    assert body["rejection_details"] == {"custom_fields": {}, "keyed_custom_fields": {}}
    assert _get(client, harvest, f"/v1/applications/{app.id}") == body
    feed = sim.world.activities_by_candidate[app.candidate_id]
    activity = sim.world.activities.get(feed[-1])
    assert activity.subject == "Candidate Rejected"
    assert "No visa sponsorship" in activity.body


@pytest.mark.parametrize("body", [None, {}], ids=["no-body", "empty-object"])
def test_reject__without_a_reason(
    client: TestClient, writer: dict[str, str], sim: Simulator, body: Any
) -> None:
    app = _mid_pipeline(sim)

    response = client.post(
        f"/v1/applications/{app.id}/reject", headers=writer, json=body
    )

    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["rejection_reason"] is None


def test_unreject__makes_a_rejected_application_active_again(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _rejected(sim)
    before = _get(client, harvest, f"/v1/applications/{app.id}")

    response = _post(client, writer, app.id, "unreject", {})

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "active"
    assert body["rejected_at"] is None
    assert body["rejection_reason"] is None
    assert body["rejection_details"] is None
    assert body["current_stage"] == before["current_stage"]
    assert body["last_activity_at"] > before["last_activity_at"]
    assert _get(client, harvest, f"/v1/applications/{app.id}") == body


def test_reject_then_unreject__round_trips(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _mid_pipeline(sim)
    before = _get(client, harvest, f"/v1/applications/{app.id}")

    _post(client, writer, app.id, "reject", {})
    response = _post(client, writer, app.id, "unreject", {})

    assert response.status_code == 200
    assert _without(response.json(), "last_activity_at") == _without(
        before, "last_activity_at"
    )


def test_hire__returns_hired_without_stage_and_fills_an_opening(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _hireable(sim)
    before = _get(client, harvest, f"/v1/applications/{app.id}")

    response = _post(client, writer, app.id, "hire", {"start_date": "2026-07-01"})

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "hired"
    assert body["current_stage"] is None
    assert body["last_activity_at"] > before["last_activity_at"]
    assert _get(client, harvest, f"/v1/applications/{app.id}") == body
    job = _get(client, harvest, f"/v1/jobs/{app.job_id}")
    filled = [o for o in job["openings"] if o["application_id"] == app.id]
    assert len(filled) == 1
    assert filled[0]["status"] == "closed"
    assert filled[0]["closed_at"] is not None
    assert filled[0]["close_reason"] is not None
    assert job["status"] == "open"


def test_hire__with_an_opening_id_fills_that_opening(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _hireable(sim)
    job = sim.world.jobs.get(app.job_id or 0)
    chosen = sim.world.open_openings(job)[-1].id
    close_reason = list(sim.world.close_reasons)[-1]

    response = _post(
        client,
        writer,
        app.id,
        "hire",
        {"opening_id": chosen, "close_reason_id": close_reason.id},
    )

    assert response.status_code == 200
    openings = _get(client, harvest, f"/v1/jobs/{job.id}")["openings"]
    (filled,) = (o for o in openings if o["application_id"] == app.id)
    assert filled["id"] == chosen
    assert filled["close_reason"] == {"id": close_reason.id, "name": close_reason.name}


def test_hire__of_the_last_open_opening_closes_the_job(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    app = _hireable(sim, last_opening=True)

    response = _post(client, writer, app.id, "hire", {})

    assert response.status_code == 200
    job = _get(client, harvest, f"/v1/jobs/{app.job_id}")
    assert job["status"] == "closed"
    assert job["closed_at"] is not None
    assert all(o["status"] == "closed" for o in job["openings"])


@pytest.mark.parametrize(
    ("verb", "subject"),
    [
        ("advance", "Candidate Stage Change"),
        ("move", "Candidate Stage Change"),
        ("reject", "Candidate Rejected"),
        ("unreject", "Candidate Unrejected"),
        ("hire", "Candidate Hired"),
    ],
)
def test_write__records_one_activity_by_the_on_behalf_of_user(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    verb: str,
    subject: str,
) -> None:
    app = {"unreject": _rejected, "hire": _hireable}.get(verb, _mid_pipeline)(sim)
    body = {"from_stage_id": app.current_stage_id}
    if verb == "move":
        body["to_stage_id"] = _stage_after(sim, app, 2)
    actor = next(u for u in sim.world.users if not u.site_admin)
    count = len(sim.world.activities)

    response = _post(
        client, {**writer, "On-Behalf-Of": str(actor.id)}, app.id, verb, body
    )

    assert response.status_code == 200
    assert len(sim.world.activities) == count + 1
    activity = sim.world.activities.get(
        sim.world.activities_by_candidate[app.candidate_id][-1]
    )
    assert (activity.subject, activity.user_id) == (subject, actor.id)
    assert activity.body.endswith(f"by {actor.name}")
