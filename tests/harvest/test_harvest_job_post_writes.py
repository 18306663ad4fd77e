"""Harvest job post edits (v2), post status, and a post's custom locations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.world.records import JobPost
from tests.harvest.checks import (
    not_found,
    state_conflict,
    validation_error,
    watcher,
)

Untouched = Callable[[], None]


def _live(sim: Simulator) -> JobPost:
    board = sim.world.board_by_token("acmerobotics")
    assert board is not None
    return next(p for p in sim.world.job_posts if sim.world.is_on_board(p, board))


def _on_board(client: TestClient, post_id: int) -> bool:
    jobs = client.get("/v1/boards/acmerobotics/jobs").json()["jobs"]
    return post_id in [job["id"] for job in jobs]


# -- GET /v1/job_posts/{id}/custom_locations -------------------------------------------


def test_custom_locations__of_the_posts_board(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    post = _live(sim)

    response = client.get(f"/v1/job_posts/{post.id}/custom_locations", headers=harvest)

    assert response.status_code == 200
    body = response.json()
    assert body and all(
        list(row)
        == [
            "id",
            "value",
            "active",
            "greenhouse_job_board_id",
            "created_at",
            "updated_at",
        ]
        for row in body
    )
    assert {row["greenhouse_job_board_id"] for row in body} == {post.board_id}
    assert {row["active"] for row in body} == {True, False}


def test_custom_locations__internal_board_has_none(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    post = next(p for p in sim.world.job_posts if p.internal)

    response = client.get(f"/v1/job_posts/{post.id}/custom_locations", headers=harvest)

    assert response.json() == []


def test_custom_locations__unknown_post_is_404(
    client: TestClient, harvest: dict[str, str]
) -> None:
    not_found(client.get("/v1/job_posts/4299999/custom_locations", headers=harvest))


# -- PATCH /v2/job_posts/{id} ---------------------------------------------------------


def test_update_job_post__title_location_content(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    post = _live(sim)

    response = client.patch(
        f"/v2/job_posts/{post.id}",
        headers=writer,
        json={"title": "New Job Title", "location": "NYC", "content": "<p>Hi</p>"},
    )

    assert response.status_code == 200
    assert response.json() == {"success": True}
    shown = client.get(f"/v1/job_posts/{post.id}", headers=harvest).json()
    assert (shown["title"], shown["content"]) == ("New Job Title", "<p>Hi</p>")
    assert shown["location"]["name"] == "NYC"
    assert shown["location"]["office_id"] is None
    assert shown["location"]["job_post_location_type"] == {"id": 2, "name": "Free Text"}
    board = client.get(f"/v1/boards/acmerobotics/jobs/{post.id}").json()
    assert (board["title"], board["location"]) == ("New Job Title", {"name": "NYC"})


@pytest.mark.parametrize("kind", ["office", "custom"])
def test_update_job_post__location_by_office_or_custom_location(
    client: TestClient,
    writer: dict[str, str],
    harvest: dict[str, str],
    sim: Simulator,
    kind: str,
) -> None:
    post = _live(sim)
    office = sim.world.offices.get(sim.world.offices.ids[2])
    custom = next(
        c
        for c in sim.world.custom_locations
        if c.board_id == post.board_id and c.active
    )
    location = (
        {"office_id": office.id}
        if kind == "office"
        else {"custom_location_id": custom.id}
    )

    client.patch(
        f"/v2/job_posts/{post.id}", headers=writer, json={"location": location}
    )

    shown = client.get(f"/v1/job_posts/{post.id}", headers=harvest).json()["location"]
    if kind == "office":
        assert (shown["name"], shown["office_id"]) == (office.location, office.id)
    else:
        assert (shown["name"], shown["job_post_custom_location_id"]) == (
            custom.value,
            custom.id,
        )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": 3}, "title"),
        ({"content": ["x"]}, "content"),
        ({"location": ""}, "location"),
        ({"location": 5}, "location"),
        ({"location": {}}, "location"),
        (
            {"location": {"office_id": 50_001, "custom_location_id": 300_001}},
            "location",
        ),
        ({"location": {"office_id": 7}}, "location.office_id"),
        ({"location": {"office_id": "x"}}, "location.office_id"),
        ({"location": {"custom_location_id": 300_005}}, "location.custom_location_id"),
        ({"location": {"custom_location_id": 300_006}}, "location.custom_location_id"),
    ],
)
def test_update_job_post__invalid_field_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
    field: str,
) -> None:
    response = client.patch(f"/v2/job_posts/{_live(sim).id}", headers=writer, json=body)

    validation_error(response, field)
    untouched()


def test_update_job_post__deleted_post_is_a_conflict(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    post = _live(sim)
    post.active = False
    watch = watcher(sim)

    response = client.patch(
        f"/v2/job_posts/{post.id}", headers=writer, json={"title": "X"}
    )

    state_conflict(response, "deleted")
    watch()


def test_update_job_post__unknown_post_is_404(
    client: TestClient, writer: dict[str, str], untouched: Untouched
) -> None:
    not_found(client.patch("/v2/job_posts/4299999", headers=writer, content=b"{x"))
    untouched()


# -- PATCH /v2/job_posts/{id}/status ---------------------------------------------------


def test_update_job_post_status__offline_leaves_the_board_at_once(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    post = _live(sim)
    assert _on_board(client, post.id)

    response = client.patch(
        f"/v2/job_posts/{post.id}/status", headers=writer, json={"status": "offline"}
    )

    assert response.json() == {"success": True}
    assert not _on_board(client, post.id)
    assert client.get(f"/v1/boards/acmerobotics/jobs/{post.id}").status_code == 404
    assert (
        client.get(f"/v1/job_posts/{post.id}", headers=harvest).json()["live"] is False
    )


def test_update_job_post_status__live_again_returns_to_the_board(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    post = _live(sim)
    published = post.first_published_at
    url = f"/v2/job_posts/{post.id}/status"

    client.patch(url, headers=writer, json={"status": "offline"})
    client.patch(url, headers=writer, json={"status": "live"})

    assert _on_board(client, post.id)
    assert post.first_published_at == published


@pytest.mark.parametrize("body", [{}, {"status": "paused"}, {"status": True}])
def test_update_job_post_status__invalid_status_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
) -> None:
    response = client.patch(
        f"/v2/job_posts/{_live(sim).id}/status", headers=writer, json=body
    )

    validation_error(response, "status")
    untouched()


def test_update_job_post_status__post_of_a_closed_job_is_a_conflict(
    client: TestClient, writer: dict[str, str], sim: Simulator, untouched: Untouched
) -> None:
    job = next(j for j in sim.world.jobs if j.status == "closed")

    response = client.patch(
        f"/v2/job_posts/{job.post_ids[0]}/status",
        headers=writer,
        json={"status": "live"},
    )

    state_conflict(response, "only posts of open jobs")
    untouched()
