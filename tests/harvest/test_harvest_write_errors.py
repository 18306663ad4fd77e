"""Refused Harvest v1 application writes: Greenhouse's status and body, no change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.world.records import Application

VERBS = ["advance", "move", "reject", "unreject", "hire"]


def _pick(sim: Simulator, test: Callable[[Application], bool]) -> Application:
    found = next((app for app in sim.world.applications if test(app)), None)
    assert found is not None, "the seeded world has no such application"
    return found


def _stages(sim: Simulator, app: Application) -> list[int]:
    return sim.world.jobs.get(app.job_id).stage_ids if app.job_id else []


def _active(sim: Simulator) -> Application:
    """An active job application on an open job, not in its last stage."""
    return _pick(
        sim,
        lambda a: (
            a.status == "active"
            and a.job_id is not None
            and sim.world.jobs.get(a.job_id).status == "open"
            and a.current_stage_id in _stages(sim, a)[:-1]
        ),
    )


def _snapshot(client: TestClient, harvest: dict[str, str], sim: Simulator) -> Any:
    """What any write could change: every application, candidate and job as the
    API shows them, the activity feed, the webhook log and the clock."""
    pages = [
        client.get(f"{path}?per_page=500", headers=harvest).json()
        for path in ("/v1/applications", "/v1/candidates", "/v1/jobs")
    ]
    return (
        pages,
        len(sim.world.activities),
        len(sim.dispatcher.log),
        sim.world.clock.now(),
    )


@pytest.fixture
def unchanged(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> Callable[[], None]:
    """Call it after the act: it asserts the world is as the test found it."""
    before = _snapshot(client, harvest, sim)

    def check() -> None:
        assert _snapshot(client, harvest, sim) == before

    return check


def _body_for(sim: Simulator, app: Application, verb: str) -> dict[str, Any]:
    """A well-formed body; an application with no stage names the job's first
    stage, or any stage at all when it has no job."""
    stage_ids = _stages(sim, app) or [next(iter(sim.world.stages)).id]
    body: dict[str, Any] = {"from_stage_id": app.current_stage_id or stage_ids[0]}
    if verb == "move":
        body["to_stage_id"] = stage_ids[-1]
    return body


def _state_conflict(response: Any, message: str) -> None:
    assert response.status_code == 422
    assert response.json() == {"errors": [{"message": message}]}


def _validation_error(response: Any, field: str) -> None:
    assert response.status_code == 422
    body = response.json()
    assert list(body) == ["message", "errors"]
    assert body["message"] == "Validation error"
    assert len(body["errors"]) == 1
    assert body["errors"][0]["field"] == field
    assert isinstance(body["errors"][0]["message"], str)


@pytest.mark.parametrize("verb", ["advance", "move", "reject", "hire"])
@pytest.mark.parametrize("status", ["rejected", "hired", "converted"])
def test_write__on_an_application_that_is_not_active_is_a_state_conflict(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
    verb: str,
    status: str,
) -> None:
    app = _pick(sim, lambda a: a.status == status)

    response = client.post(
        f"/v1/applications/{app.id}/{verb}",
        headers=writer,
        json=_body_for(sim, app, verb),
    )

    if verb == "hire" and app.prospect:
        assert response.status_code == 422
        assert "prospect" in response.json()["errors"][0]["message"]
    else:
        _state_conflict(
            response, f"Application must be 'active', is currently '{status}'"
        )
    unchanged()


@pytest.mark.parametrize("status", ["active", "hired"])
def test_unreject__of_an_application_that_is_not_rejected_is_a_state_conflict(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
    status: str,
) -> None:
    app = _pick(sim, lambda a: a.status == status)

    response = client.post(f"/v1/applications/{app.id}/unreject", headers=writer)

    _state_conflict(
        response, f"Application must be 'rejected', is currently '{status}'"
    )
    unchanged()


@pytest.mark.parametrize(
    ("verb", "case", "words"),
    [
        ("advance", "last-stage", "last stage"),
        ("advance", "prospect", "prospect"),
        ("move", "prospect", "prospect"),
        ("hire", "prospect", "prospect"),
        ("hire", "no-openings", "no open openings"),
    ],
)
def test_write__that_the_pipeline_forbids_is_a_state_conflict(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    verb: str,
    case: str,
    words: str,
) -> None:
    if case == "last-stage":
        app = _pick(
            sim,
            lambda a: (
                a.status == "active"
                and a.job_id is not None
                and a.current_stage_id == _stages(sim, a)[-1]
            ),
        )
    elif case == "prospect":
        app = _pick(sim, lambda a: a.status == "active" and a.prospect)
    else:
        app = _active(sim)
        for opening in sim.world.open_openings(sim.world.jobs.get(app.job_id or 0)):
            opening.closed_at = 1  # arrange: every opening already filled
    before = len(sim.dispatcher.log), sim.world.clock.now()

    response = client.post(
        f"/v1/applications/{app.id}/{verb}",
        headers=writer,
        json=_body_for(sim, app, verb),
    )

    assert response.status_code == 422
    assert list(response.json()) == ["errors"]
    assert words in response.json()["errors"][0]["message"]
    assert (len(sim.dispatcher.log), sim.world.clock.now()) == before
    assert sim.world.applications.get(app.id).status == app.status


BAD_INTEGERS = ["abc", True, 1.5, [1], {"id": 1}, "", "12a"]


@pytest.mark.parametrize(
    ("verb", "value"),
    [("advance", value) for value in BAD_INTEGERS]
    + [("move", value) for value in ("abc", True, 1.5)],
)
def test_stage_write__ill_typed_from_stage_id_is_a_validation_error(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
    verb: str,
    value: Any,
) -> None:
    app = _active(sim)
    body = {**_body_for(sim, app, verb), "from_stage_id": value}

    response = client.post(
        f"/v1/applications/{app.id}/{verb}", headers=writer, json=body
    )

    _validation_error(response, "from_stage_id")
    unchanged()


FIELD_CASES: list[tuple[str, Any, str]] = [
    ("advance", {"from_stage_id": None}, "from_stage_id"),
    ("advance", "wrong-stage", "from_stage_id"),
    ("move", {"from_stage_id": None}, "from_stage_id"),
    ("move", {"to_stage_id": None}, "to_stage_id"),
    ("move", {"to_stage_id": "x"}, "to_stage_id"),
    ("move", "foreign-stage", "to_stage_id"),
    ("reject", {"rejection_reason_id": 999_999}, "rejection_reason_id"),
    ("reject", {"rejection_reason_id": "x"}, "rejection_reason_id"),
    ("reject", {"notes": 5}, "notes"),
    ("reject", {"rejection_email": "yes"}, "rejection_email"),
    ("reject", {"rejection_email": {}}, "rejection_email.email_template_id"),
    ("hire", {"start_date": "01/07/2026"}, "start_date"),
    ("hire", {"start_date": "2026-02-30"}, "start_date"),
    ("hire", {"start_date": "20260701"}, "start_date"),
    ("hire", {"start_date": 20260701}, "start_date"),
    ("hire", {"opening_id": 999_999}, "opening_id"),
    ("hire", {"close_reason_id": 999_999}, "close_reason_id"),
]


@pytest.mark.parametrize(
    ("verb", "change", "field"),
    FIELD_CASES,
    ids=[f"{v}-{f}-{n}" for n, (v, _, f) in enumerate(FIELD_CASES)],
)
def test_write__with_a_missing_or_bad_field_is_a_validation_error(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
    verb: str,
    change: Any,
    field: str,
) -> None:
    app = _active(sim)
    body = _body_for(sim, app, verb)
    if change == "wrong-stage":
        body["from_stage_id"] = _stages(sim, app)[-1]
    elif change == "foreign-stage":
        other = next(j for j in sim.world.jobs if j.id != app.job_id)
        body["to_stage_id"] = other.stage_ids[0]
    else:
        body.update(change)
    body = {k: v for k, v in body.items() if v is not None}

    response = client.post(
        f"/v1/applications/{app.id}/{verb}", headers=writer, json=body
    )

    _validation_error(response, field)
    unchanged()


def test_reject__rejection_email_with_an_unknown_template_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
) -> None:
    app = _active(sim)

    response = client.post(
        f"/v1/applications/{app.id}/reject",
        headers=writer,
        json={"rejection_email": {"email_template_id": 4801}},
    )

    _validation_error(response, "rejection_email.email_template_id")
    unchanged()


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("body", [b"{}", b"{not json"], ids=["valid", "malformed"])
def test_write__unknown_application_is_404_before_the_body_is_read(
    client: TestClient,
    writer: dict[str, str],
    unchanged: Callable[[], None],
    verb: str,
    body: bytes,
) -> None:
    response = client.post(
        f"/v1/applications/19999999/{verb}", headers=writer, content=body
    )

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}
    unchanged()


NOT_OBJECTS = {
    "garbage": b"{not json",
    "truncated": b'{"from_stage_id": 1',
    "not-utf8": b"\xff\xfe",
    "array": b"[1, 2]",
    "string": b'"text"',
    "number": b"42",
}
# Every kind of bad body on advance; one unparsable and one non-object on the rest.
BAD_BODIES = [("advance", name) for name in NOT_OBJECTS] + [
    (verb, name) for verb in VERBS[1:] for name in ("garbage", "array")
]


@pytest.mark.parametrize(
    ("verb", "raw"),
    [(verb, NOT_OBJECTS[name]) for verb, name in BAD_BODIES],
    ids=[f"{verb}-{name}" for verb, name in BAD_BODIES],
)
def test_write__body_that_is_no_json_object_is_400(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
    verb: str,
    raw: bytes,
) -> None:
    app = (
        _active(sim)
        if verb != "unreject"
        else _pick(sim, lambda a: a.status == "rejected")
    )

    response = client.post(
        f"/v1/applications/{app.id}/{verb}",
        headers={**writer, "Content-Type": "application/json"},
        content=raw,
    )

    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["message"]
    assert isinstance(body["message"], str) and body["message"]
    unchanged()
