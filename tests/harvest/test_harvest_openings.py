"""Harvest job openings: next-only listing, retrieve, create, edit, destroy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.world.records import Job
from tests.harvest.checks import not_found, state_conflict, validation_error

Untouched = Callable[[], None]
OPENING = [
    "id",
    "opening_id",
    "status",
    "opened_at",
    "closed_at",
    "application_id",
    "close_reason",
]


def _open_job(sim: Simulator) -> Job:
    return next(j for j in sim.world.jobs if j.status == "open")


def _closed_job(sim: Simulator) -> Job:
    return next(j for j in sim.world.jobs if j.status == "closed")


def _showcase(sim: Simulator) -> Job:
    """The job with eight openings (the generator's second job)."""
    return sim.world.jobs.get(sim.world.jobs.ids[1])


# -- GET /v1/jobs/{job_id}/openings ----------------------------------------------------


def test_list_openings__every_opening_in_id_order(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    job = _showcase(sim)

    response = client.get(f"/v1/jobs/{job.id}/openings", headers=harvest)

    assert response.status_code == 200
    assert "link" not in response.headers
    body = response.json()
    assert [o["id"] for o in body] == job.opening_ids
    assert all(list(o) == OPENING for o in body)


def test_list_openings__pages_with_a_next_link_only(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    job = _showcase(sim)
    url: str | None = (
        f"https://harvest.greenhouse.io/v1/jobs/{job.id}/openings?per_page=3"
    )
    seen: list[int] = []
    links: list[str] = []

    while url:
        response = client.get(url, headers=harvest)
        seen += [o["id"] for o in response.json()]
        link = response.headers.get("link")
        links.append(link or "")
        url = link.split(";")[0].strip("<>") if link else None

    assert seen == job.opening_ids
    assert len(links) == 3
    assert all('rel="next"' in link for link in links[:-1])
    assert not any("prev" in link or "last" in link for link in links)
    assert links[-1] == ""


def test_list_openings__exact_page_has_no_next(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    job = _showcase(sim)
    count = len(job.opening_ids)

    response = client.get(
        f"/v1/jobs/{job.id}/openings?per_page={count}", headers=harvest
    )

    assert len(response.json()) == count
    assert "link" not in response.headers


@pytest.mark.parametrize(
    ("status", "shown"),
    [("opened", {"open"}), ("closed", {"closed"}), ("open", {"open", "closed"})],
)
def test_list_openings__status_filter(
    client: TestClient,
    harvest: dict[str, str],
    writer: dict[str, str],
    sim: Simulator,
    status: str,
    shown: set[str],
) -> None:
    job = _showcase(sim)
    client.patch(
        f"/v1/jobs/{job.id}/openings/{job.opening_ids[-1]}",
        headers=writer,
        json={"status": "closed"},
    )

    response = client.get(
        f"/v1/jobs/{job.id}/openings?status={status}", headers=harvest
    )

    assert {o["status"] for o in response.json()} == shown


def test_list_openings__unknown_job_is_404(
    client: TestClient, harvest: dict[str, str]
) -> None:
    not_found(client.get("/v1/jobs/4199999/openings", headers=harvest))


# -- GET /v1/jobs/{job_id}/openings/{id} -----------------------------------------------


def test_retrieve_opening__equals_the_list_item(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    job = _open_job(sim)
    listed = client.get(f"/v1/jobs/{job.id}/openings", headers=harvest).json()

    response = client.get(
        f"/v1/jobs/{job.id}/openings/{job.opening_ids[0]}", headers=harvest
    )

    assert response.json() == listed[0]


def test_retrieve_opening__of_another_job_is_404(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    first, second = list(sim.world.jobs)[:2]

    not_found(
        client.get(
            f"/v1/jobs/{first.id}/openings/{second.opening_ids[0]}", headers=harvest
        )
    )


# -- POST /v1/jobs/{job_id}/openings ---------------------------------------------------


def test_create_openings__answers_ids_and_open_dates(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = _open_job(sim)

    response = client.post(
        f"/v1/jobs/{job.id}/openings",
        headers=writer,
        json={
            "openings": [
                {"opening_id": "abc-1", "custom_fields": []},
                {"opening_id": None},
            ]
        },
    )

    assert response.status_code == 201, response.text
    created = response.json()["openings"]
    assert [list(o) for o in created] == [["id", "opening_id", "open_date"]] * 2
    assert [o["opening_id"] for o in created] == ["abc-1", None]
    listed = client.get(f"/v1/jobs/{job.id}/openings", headers=harvest).json()
    assert [o["id"] for o in listed[-2:]] == [o["id"] for o in created]


def test_create_openings__on_a_closed_job_reopens_it(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = _closed_job(sim)

    client.post(f"/v1/jobs/{job.id}/openings", headers=writer, json={"openings": [{}]})

    assert client.get(f"/v1/jobs/{job.id}", headers=harvest).json()["status"] == "open"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "openings"),
        ({"openings": {}}, "openings"),
        ({"openings": []}, "openings"),
        ({"openings": [5]}, "openings"),
        ({"openings": [{}] * 101}, "openings"),
        ({"openings": [{"opening_id": ["a"]}]}, "openings.opening_id"),
        ({"openings": [{"custom_fields": [{"id": 1}]}]}, "openings.custom_fields"),
    ],
)
def test_create_openings__invalid_field_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
    field: str,
) -> None:
    response = client.post(
        f"/v1/jobs/{_open_job(sim).id}/openings", headers=writer, json=body
    )

    validation_error(response, field)
    untouched()


# -- PATCH /v1/jobs/{job_id}/openings/{id} ---------------------------------------------


def test_edit_opening__close_answers_the_string_true(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = _showcase(sim)
    reason = sim.world.close_reasons.get(sim.world.close_reasons.ids[-1])
    opening_id = sim.world.open_openings(job)[0].id

    response = client.patch(
        f"/v1/jobs/{job.id}/openings/{opening_id}",
        headers=writer,
        json={
            "opening_id": "renamed",
            "status": "closed",
            "close_reason_id": reason.id,
        },
    )

    assert response.status_code == 200
    assert response.json() == {"success": "true"}
    shown = client.get(
        f"/v1/jobs/{job.id}/openings/{opening_id}", headers=harvest
    ).json()
    assert (shown["opening_id"], shown["status"]) == ("renamed", "closed")
    assert shown["close_reason"] == {"id": reason.id, "name": reason.name}


def test_edit_opening__closing_the_last_closes_the_job(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = _open_job(sim)

    for opening in sim.world.open_openings(job):
        client.patch(
            f"/v1/jobs/{job.id}/openings/{opening.id}",
            headers=writer,
            json={"status": "closed"},
        )

    shown = client.get(f"/v1/jobs/{job.id}", headers=harvest).json()
    assert (shown["status"], shown["closed_at"] is not None) == ("closed", True)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "paused"}, "status"),
        ({"close_reason_id": 201}, "close_reason_id"),
        ({"status": "open", "close_reason_id": 201}, "close_reason_id"),
        ({"status": "closed", "close_reason_id": 7}, "close_reason_id"),
        ({"status": "closed", "close_reason_id": "x"}, "close_reason_id"),
        ({"opening_id": {"a": 1}}, "opening_id"),
        ({"custom_fields": [{"name_key": "budget"}]}, "custom_fields"),
    ],
)
def test_edit_opening__invalid_field_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
    field: str,
) -> None:
    job = _open_job(sim)

    response = client.patch(
        f"/v1/jobs/{job.id}/openings/{job.opening_ids[0]}", headers=writer, json=body
    )

    validation_error(response, field)
    untouched()


def test_edit_opening__reopening_a_filled_opening_is_a_conflict(
    client: TestClient, writer: dict[str, str], sim: Simulator, untouched: Untouched
) -> None:
    opening = next(o for o in sim.world.openings if o.application_id is not None)

    response = client.patch(
        f"/v1/jobs/{opening.job_id}/openings/{opening.id}",
        headers=writer,
        json={"status": "open"},
    )

    state_conflict(response, "unhire")
    untouched()


def test_edit_opening__of_another_job_is_404_before_the_body(
    client: TestClient, writer: dict[str, str], sim: Simulator, untouched: Untouched
) -> None:
    first, second = list(sim.world.jobs)[:2]

    response = client.patch(
        f"/v1/jobs/{first.id}/openings/{second.opening_ids[0]}",
        headers=writer,
        content=b"{nope",
    )

    not_found(response)
    untouched()


# -- DELETE /v2/jobs/{job_id}/openings -------------------------------------------------


def test_destroy_openings__deleted_and_failed_ids(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = _showcase(sim)
    closing = sim.world.open_openings(job)[-1].id
    client.patch(
        f"/v1/jobs/{job.id}/openings/{closing}",
        headers=writer,
        json={"status": "closed"},
    )
    still_open = sim.world.open_openings(job)[0].id

    response = client.request(
        "DELETE",
        f"/v2/jobs/{job.id}/openings",
        headers=writer,
        json={"ids": [closing, still_open, 42]},
    )

    assert response.status_code == 200
    assert response.json() == {
        "success": True,
        "deleted_ids": [closing],
        "failed_ids": [still_open, 42],
    }
    listed = client.get(f"/v1/jobs/{job.id}/openings", headers=harvest).json()
    assert closing not in [o["id"] for o in listed]


@pytest.mark.parametrize("body", [{}, {"ids": 5}, {"ids": ["x"]}])
def test_destroy_openings__invalid_ids_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Untouched,
    body: dict[str, Any],
) -> None:
    response = client.request(
        "DELETE", f"/v2/jobs/{_open_job(sim).id}/openings", headers=writer, json=body
    )

    validation_error(response, "ids")
    untouched()


def test_destroy_openings__v1_is_not_served(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    response = client.request(
        "DELETE",
        f"/v1/jobs/{_open_job(sim).id}/openings",
        headers=writer,
        json={"ids": []},
    )

    assert response.status_code == 405
