"""Harvest reads of the organisation's settings: e-mail templates, tracking links,
education lists; and rejecting with a rejection e-mail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.formats import iso_utc
from simulator.runtime import Simulator
from tests.harvest.checks import not_found, validation_error

Untouched = Callable[[], None]
TEMPLATE = [
    "id",
    "name",
    "description",
    "default",
    "updated_at",
    "created_at",
    "type",
    "from",
    "cc",
    "body",
    "html_body",
    "user",
]


# -- email templates -------------------------------------------------------------------


def test_list_email_templates__every_template(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    response = client.get("/v1/email_templates", headers=harvest)

    assert response.status_code == 200
    body = response.json()
    assert [t["id"] for t in body] == sim.world.email_templates.ids
    assert all(list(t) == TEMPLATE for t in body)
    assert any(t["user"] is None for t in body)
    assert any(t["user"] is not None for t in body)


def test_list_email_templates__pages(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    response = client.get("/v1/email_templates?per_page=2&page=2", headers=harvest)

    assert [t["id"] for t in response.json()] == sim.world.email_templates.ids[2:4]
    assert 'rel="next"' in response.headers["link"]
    assert 'rel="prev"' in response.headers["link"]


@pytest.mark.parametrize("prefix", ["created", "updated"])
def test_list_email_templates__time_filters(
    client: TestClient, harvest: dict[str, str], sim: Simulator, prefix: str
) -> None:
    templates = list(sim.world.email_templates)
    times = sorted({getattr(t, f"{prefix}_at") for t in templates})
    middle = iso_utc(times[len(times) // 2])

    after = client.get(
        f"/v1/email_templates?{prefix}_after={middle}", headers=harvest
    ).json()
    before = client.get(
        f"/v1/email_templates?{prefix}_before={middle}", headers=harvest
    ).json()

    assert after and before
    assert len(after) + len(before) == len(templates)
    assert all(t[f"{prefix}_at"] >= middle for t in after)


def test_list_email_templates__bad_time_is_422(
    client: TestClient, harvest: dict[str, str]
) -> None:
    response = client.get("/v1/email_templates?created_after=soon", headers=harvest)

    validation_error(response, "created_after")


def test_retrieve_email_template__equals_the_list_item(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    listed = client.get("/v1/email_templates", headers=harvest).json()

    response = client.get(f"/v1/email_templates/{listed[-1]['id']}", headers=harvest)

    assert response.json() == listed[-1]


def test_retrieve_email_template__unknown_is_404(
    client: TestClient, harvest: dict[str, str]
) -> None:
    not_found(client.get("/v1/email_templates/479999", headers=harvest))


# -- tracking links --------------------------------------------------------------------


def test_tracking_link__shape_of_the_integration_link(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    link = sim.world.tracking_link_by_token("phenom7f3a")
    assert link is not None

    response = client.get("/v1/tracking_links/phenom7f3a", headers=harvest)

    assert response.status_code == 200
    body = response.json()
    assert list(body) == [
        "id",
        "token",
        "created_at",
        "updated_at",
        "related_post_id",
        "related_post_type",
        "job_id",
        "job_post_id",
        "job_board",
        "source",
        "credited_to",
    ]
    assert (body["id"], body["token"]) == (link.id, "phenom7f3a")
    assert body["job_board"] == {
        "id": link.job_board_id,
        "company_name": "Acme Robotics",
        "url_token": "acmerobotics",
    }
    assert body["source"] == {"id": link.source_id, "public_name": "Phenom"}
    assert body["credited_to"] is None


@pytest.mark.parametrize("token", ["nope", "PHENOM7F3A"])
def test_tracking_link__unknown_token_is_404(
    client: TestClient, harvest: dict[str, str], token: str
) -> None:
    not_found(client.get(f"/v1/tracking_links/{token}", headers=harvest))


# -- education -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["degrees", "disciplines", "schools"])
def test_education__sorted_by_priority(
    client: TestClient, harvest: dict[str, str], kind: str
) -> None:
    response = client.get(f"/v1/{kind}", headers=harvest)

    assert response.status_code == 200
    body = response.json()
    assert body and all(list(item) == ["id", "name", "priority"] for item in body)
    assert [item["priority"] for item in body] == sorted(i["priority"] for i in body)


def test_education__priority_wins_over_id(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    first = sim.world.schools.get(sim.world.schools.ids[0])
    first.priority = 99

    body = client.get("/v1/schools?per_page=500", headers=harvest).json()

    assert body[-1]["id"] == first.id


def test_education__pages(client: TestClient, harvest: dict[str, str]) -> None:
    first = client.get("/v1/disciplines?per_page=5", headers=harvest)
    last = client.get("/v1/disciplines?per_page=5&page=4", headers=harvest)

    assert len(first.json()) == 5
    assert 'rel="last"' in first.headers["link"]
    assert [item["priority"] for item in last.json()] == [15, 16]


# -- reject with a rejection e-mail ----------------------------------------------------


def _active_id(sim: Simulator) -> int:
    return next(
        a.id for a in sim.world.applications if a.status == "active" and a.job_id
    )


def _org_template(sim: Simulator) -> int:
    return next(t.id for t in sim.world.email_templates if t.user_id is None)


def test_reject__with_rejection_email_schedules_it(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    app_id = _active_id(sim)

    response = client.post(
        f"/v1/applications/{app_id}/reject",
        headers=writer,
        json={
            "rejection_email": {
                "email_template_id": str(_org_template(sim)),
                "send_email_at": "2026-06-03T09:00:00",
            }
        },
    )

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "rejected"
    world = sim.world
    candidate_id = world.applications.get(app_id).candidate_id
    activity = world.activities.get(world.activities_by_candidate[candidate_id][-1])
    assert activity.subject == "Rejection Email Scheduled"
    # 09:00 in New York, the organisation's zone, is 13:00 UTC.
    assert "2026-06-03T13:00:00.000Z" in activity.body
    assert activity.user_id == sim.default_actor()


@pytest.mark.parametrize(
    ("email", "field"),
    [
        ("yes", "rejection_email"),
        ({}, "rejection_email.email_template_id"),
        ({"email_template_id": "x"}, "rejection_email.email_template_id"),
        ({"email_template_id": "PERSONAL"}, "rejection_email.email_template_id"),
        (
            {"email_template_id": "ORG", "send_email_at": "tomorrow"},
            "rejection_email.send_email_at",
        ),
        (
            {"email_template_id": "ORG", "send_email_at": 5},
            "rejection_email.send_email_at",
        ),
    ],
)
def test_reject__bad_rejection_email_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    email: Any,
    field: str,
) -> None:
    personal = next(t.id for t in sim.world.email_templates if t.user_id is not None)
    if isinstance(email, dict):
        swap = {"PERSONAL": personal, "ORG": _org_template(sim)}
        email = {
            key: swap.get(value, value) if isinstance(value, str) else value
            for key, value in email.items()
        }

    response = client.post(
        f"/v1/applications/{_active_id(sim)}/reject",
        headers=writer,
        json={"rejection_email": email},
    )

    validation_error(response, field)
    untouched()
