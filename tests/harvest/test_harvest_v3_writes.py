"""Harvest v3 writes: move (which also advances) and reject, as the token's user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world.records import Application
from tests.conftest import bearer

STAGE_CHANGE = [
    ("candidate_stage_change", "Phenom - stage change"),
    ("candidate_stage_change", "Phenom - stage change (again)"),
]


def _mid_pipeline(sim: Simulator) -> Application:
    """An active application on an open job, with stages before and after it."""
    for app in sim.world.applications:
        if app.status != "active" or app.job_id is None:
            continue
        job = sim.world.jobs.get(app.job_id)
        if job.status == "open" and app.current_stage_id in job.stage_ids[1:-2]:
            return app
    raise AssertionError("no active application mid-pipeline")


def _in(sim: Simulator, test: Callable[[Application], bool]) -> Application:
    found = next((app for app in sim.world.applications if test(app)), None)
    assert found is not None, "the seeded world has no such application"
    return found


def _stage_after(sim: Simulator, app: Application, step: int = 1) -> int:
    stage_ids = sim.world.jobs.get(app.job_id or 0).stage_ids
    return stage_ids[stage_ids.index(app.current_stage_id or 0) + step]


def _post(
    client: TestClient, headers: dict[str, str], app_id: int, verb: str, body: Any
) -> httpx.Response:
    return client.post(f"/v3/applications/{app_id}/{verb}", headers=headers, json=body)


@pytest.fixture
def unchanged(client: TestClient, sim: Simulator, v3: dict[str, str]) -> Any:
    """Call it after the act: it asserts the world is as the test found it."""

    def snapshot() -> Any:
        pages = client.get("/v3/applications?per_page=500", headers=v3).json()
        return (
            pages,
            len(sim.world.activities),
            len(sim.dispatcher.log),
            sim.world.clock.now(),
        )

    before = snapshot()

    def check() -> None:
        assert snapshot() == before

    return check


# -- move ----------------------------------------------------------------------------


@pytest.mark.parametrize("body", [{}, {"to_stage_id": None, "to_job_id": None}])
def test_move__with_no_target_advances_to_the_next_stage(
    client: TestClient, sim: Simulator, v3: dict[str, str], body: dict[str, Any]
) -> None:
    app = _mid_pipeline(sim)
    target = sim.world.stages.get(_stage_after(sim, app))
    before = len(sim.dispatcher.log)

    response = _post(client, v3, app.id, "move", body)

    assert response.status_code == 200
    assert response.json()["current_stage"] == {"id": target.id, "name": target.name}
    deliveries = sim.dispatcher.log[before:]
    assert [(d.action, d.webhook) for d in deliveries] == STAGE_CHANGE


@pytest.mark.parametrize("step", [2, -1, 0], ids=["forward", "back", "same"])
def test_move__to_a_stage_goes_there(
    client: TestClient, sim: Simulator, v3: dict[str, str], step: int
) -> None:
    app = _mid_pipeline(sim)
    target = _stage_after(sim, app, step)

    response = _post(
        client,
        v3,
        app.id,
        "move",
        {"to_stage_id": target, "to_job_id": app.job_id},
    )

    assert response.status_code == 200
    assert response.json()["current_stage"]["id"] == target
    v1_view = client.get(f"/v3/applications/{app.id}", headers=v3).json()
    assert v1_view == response.json()


def test_move__records_the_activity_as_the_tokens_user(
    client: TestClient, sim: Simulator, setup: Setup
) -> None:
    app = _mid_pipeline(sim)
    actor = next(u for u in sim.world.users if not u.site_admin)
    headers = bearer(client, setup.oauth_clients[0], sub=actor.id)

    _post(client, headers, app.id, "move", {})

    feed = sim.world.activities_by_candidate[app.candidate_id]
    activity = sim.world.activities.get(feed[-1])
    assert (activity.subject, activity.user_id) == ("Candidate Stage Change", actor.id)
    assert activity.body.endswith(f"by {actor.name}")


def test_move__without_sub_acts_as_the_service_account(
    client: TestClient, sim: Simulator, setup: Setup
) -> None:
    app = _mid_pipeline(sim)
    headers = bearer(client, setup.oauth_clients[0])

    _post(client, headers, app.id, "move", {})

    activity = sim.world.activities.get(
        sim.world.activities_by_candidate[app.candidate_id][-1]
    )
    assert sim.world.users.get(activity.user_id or 0).service_account


def test_move__a_from_stage_that_is_not_the_current_is_422(
    client: TestClient, sim: Simulator, v3: dict[str, str], unchanged: Any
) -> None:
    app = _mid_pipeline(sim)
    elsewhere = _stage_after(sim, app)

    response = _post(client, v3, app.id, "move", {"from_stage_id": elsewhere})

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "from_stage_id"
    unchanged()


@pytest.mark.parametrize(
    ("pick", "message"),
    [
        pytest.param(
            lambda sim: _in(sim, lambda a: a.status == "hired"),
            "Application must be 'active', is currently 'hired'",
            id="hired",
        ),
        pytest.param(
            lambda sim: _in(sim, lambda a: a.status == "active" and a.prospect),
            "is a prospect application with no stage",
            id="prospect",
        ),
    ],
)
def test_move__an_application_in_the_wrong_state_is_422(
    client: TestClient,
    sim: Simulator,
    v3: dict[str, str],
    unchanged: Any,
    pick: Callable[[Simulator], Application],
    message: str,
) -> None:
    app = pick(sim)

    response = _post(client, v3, app.id, "move", {})

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert set(error) == {"message"}
    assert message in error["message"]
    unchanged()


def test_move__to_another_job_transfers_it(
    client: TestClient, sim: Simulator, v3: dict[str, str]
) -> None:
    app = _mid_pipeline(sim)
    other = next(
        job for job in sim.world.jobs if job.id != app.job_id and job.status == "open"
    )

    response = _post(client, v3, app.id, "move", {"to_job_id": other.id})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["jobs"] == [{"id": other.id, "name": other.name}]
    assert body["current_stage"]["id"] == other.stage_ids[0]
    assert body["job_post_id"] is None


def test_move__to_a_job_that_does_not_exist_changes_nothing(
    client: TestClient, sim: Simulator, v3: dict[str, str], unchanged: Any
) -> None:
    app = _mid_pipeline(sim)

    response = _post(client, v3, app.id, "move", {"to_job_id": 999})

    assert response.status_code == 422
    unchanged()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"to_stage_id": "next"}, "to_stage_id", id="stage-not-a-number"),
        pytest.param({"to_stage_id": 1}, "to_stage_id", id="stage-of-no-job"),
    ],
)
def test_move__a_bad_field_is_422(
    client: TestClient,
    sim: Simulator,
    v3: dict[str, str],
    unchanged: Any,
    body: dict[str, Any],
    field: str,
) -> None:
    app = _mid_pipeline(sim)

    response = _post(client, v3, app.id, "move", body)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    unchanged()


def test_move__an_unknown_application_is_404(
    client: TestClient, v3: dict[str, str], unchanged: Any
) -> None:
    response = _post(client, v3, 1, "move", {})

    assert response.status_code == 404
    assert response.json() == {"errors": [{"message": "Resource not found"}]}
    unchanged()


def test_move__without_the_move_scope_is_403(
    client: TestClient, sim: Simulator, setup: Setup, unchanged: Any
) -> None:
    headers = bearer(client, setup.oauth_clients[1], sub=sim.default_actor())
    app = _mid_pipeline(sim)

    response = _post(client, headers, app.id, "move", {})

    assert response.status_code == 403
    assert "harvest:applications:move" in response.json()["errors"][0]["message"]
    unchanged()


# -- reject --------------------------------------------------------------------------


def test_reject__rejects_with_a_reason(
    client: TestClient, sim: Simulator, v3: dict[str, str]
) -> None:
    app = _mid_pipeline(sim)
    reason = sim.world.rejection_reasons.get(sim.world.rejection_reasons.ids[0])
    before = len(sim.dispatcher.log)

    response = _post(
        client, v3, app.id, "reject", {"rejection_reason_id": reason.id, "notes": "x"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "rejected"
    assert body["rejection_reason"]["id"] == reason.id
    actions = [d.action for d in sim.dispatcher.log[before:]]
    assert actions == ["reject_candidate"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param({"rejection_reason_id": 1}, 422, id="no-such-reason"),
        pytest.param({"notes": 5}, 422, id="notes-not-text"),
        pytest.param(
            {"rejection_email": {"email_template_id": 1}}, 422, id="no-such-template"
        ),
    ],
)
def test_reject__refused_changes_nothing(
    client: TestClient,
    sim: Simulator,
    v3: dict[str, str],
    unchanged: Any,
    body: dict[str, Any],
    status: int,
) -> None:
    app = _mid_pipeline(sim)

    response = _post(client, v3, app.id, "reject", body)

    assert response.status_code == status
    unchanged()


def test_reject__with_a_rejection_email_schedules_it(
    client: TestClient, sim: Simulator, v3: dict[str, str]
) -> None:
    app = _mid_pipeline(sim)
    template = next(t for t in sim.world.email_templates if t.user_id is None)
    body = {"rejection_email": {"email_template_id": template.id}}

    response = _post(client, v3, app.id, "reject", body)

    assert response.status_code == 200, response.text
    feed = sim.world.activities_by_candidate[app.candidate_id]
    subjects = [sim.world.activities.get(i).subject for i in feed]
    assert any("mail" in subject.lower() for subject in subjects), subjects
