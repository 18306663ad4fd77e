"""Harvest v1 attachments, educations and employments on a candidate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator

PDF = {
    "filename": "resume.pdf",
    "type": "resume",
    "content": "JVBERi0xLjQK",
    "content_type": "application/pdf",
}


def _first(sim: Simulator) -> int:
    return sim.world.candidates.ids[0]


def _validation_error(response: Any, field: str) -> None:
    assert response.status_code == 422, response.text
    assert response.json()["message"] == "Validation error"
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize(
    "body",
    [
        PDF,
        {"filename": "cv.doc", "type": "cover_letter", "url": "https://x.example/cv"},
    ],
    ids=["content", "url"],
)
def test_add_attachment__answers_the_file_and_the_profile_lists_it(
    client: TestClient, writer: dict[str, str], sim: Simulator, body: dict[str, Any]
) -> None:
    path = f"/v1/candidates/{_first(sim)}/attachments"

    response = client.post(path, headers=writer, json=body)

    assert response.status_code == 200, response.text
    added = response.json()
    assert list(added) == ["filename", "url", "type", "content_type"]
    assert (added["filename"], added["type"]) == (body["filename"], body["type"])
    assert added["url"].startswith("https://")
    person = client.get(f"/v1/candidates/{_first(sim)}", headers=writer).json()
    assert person["attachments"][-1]["url"] == added["url"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"filename": None}, "filename"),
        ({"type": "offer_packet"}, "type"),
        ({"content_type": None}, "content_type"),
        ({"content_type": "application/x-shockwave-flash"}, "content_type"),
        ({"content": "not base64!"}, "content"),
        ({"content": None}, "content"),
        ({"content": None, "url": "ftp://x.example/cv"}, "url"),
    ],
)
def test_add_attachment__bad_field_is_422_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    changes: dict[str, Any],
    field: str,
) -> None:
    body = {k: v for k, v in {**PDF, **changes}.items() if v is not None}

    response = client.post(
        f"/v1/candidates/{_first(sim)}/attachments", headers=writer, json=body
    )

    _validation_error(response, field)
    untouched()


def test_add_education__is_201_with_names_and_can_be_removed(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    world = sim.world
    body = {
        "school_id": world.schools.ids[0],
        "discipline_id": world.disciplines.ids[2],
        "degree_id": world.degrees.ids[2],
        "start_date": "2001-09-15T00:00:00.000Z",
        "end_month": 5,
        "end_year": 2004,
    }

    added = client.post(
        f"/v1/candidates/{_first(sim)}/educations", headers=writer, json=body
    )
    removed = client.delete(
        f"/v1/candidates/{_first(sim)}/educations/{added.json()['id']}", headers=writer
    )

    assert added.status_code == 201, added.text
    assert added.json() == {
        "id": added.json()["id"],
        "school_name": world.schools.get(body["school_id"]).name,
        "discipline": world.disciplines.get(body["discipline_id"]).name,
        "degree": world.degrees.get(body["degree_id"]).name,
        "start_date": "2001-09-15T00:00:00.000Z",
        "end_date": "2004-05-01T00:00:00.000Z",
    }
    assert removed.status_code == 200
    assert removed.json() == {
        "success": True,
        "message": f"Education ID {added.json()['id']} destroyed.",
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"school_id": 1}, "school_id"),
        ({"degree_id": "x"}, "degree_id"),
        ({"start_month": 0, "start_year": 2000}, "start_month"),
        ({"start_month": 1}, "start_year"),
        ({"end_year": 1899, "end_month": 1}, "end_year"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"start_date": "2010-01-01", "end_date": "2009-01-01"}, "end_date"),
    ],
)
def test_add_education__bad_field_is_422_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    body: dict[str, Any],
    field: str,
) -> None:
    response = client.post(
        f"/v1/candidates/{_first(sim)}/educations", headers=writer, json=body
    )

    _validation_error(response, field)
    untouched()


def test_add_employment__is_201_and_no_end_date_means_current(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    body = {
        "company_name": "Greenhouse",
        "title": "Engineer",
        "start_date": "2012-08-15",
    }

    response = client.post(
        f"/v1/candidates/{_first(sim)}/employments", headers=writer, json=body
    )

    assert response.status_code == 201, response.text
    assert response.json() == {
        "id": response.json()["id"],
        "company_name": "Greenhouse",
        "title": "Engineer",
        "start_date": "2012-08-15T00:00:00.000Z",
        "end_date": None,
    }
    person = client.get(f"/v1/candidates/{_first(sim)}", headers=writer).json()
    assert person["employments"][-1] == response.json()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"company_name": None}, "company_name"),
        ({"title": ""}, "title"),
        ({"start_date": None}, "start_date"),
        ({"end_date": 5}, "end_date"),
        ({"end_date": "2000-01-01"}, "end_date"),
    ],
)
def test_add_employment__bad_field_is_422_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    changes: dict[str, Any],
    field: str,
) -> None:
    body = {"company_name": "A", "title": "B", "start_date": "2012-08-15", **changes}

    response = client.post(
        f"/v1/candidates/{_first(sim)}/employments",
        headers=writer,
        json={k: v for k, v in body.items() if v is not None},
    )

    _validation_error(response, field)
    untouched()


@pytest.mark.parametrize("kind", ["educations", "employments"])
def test_remove__a_record_of_another_candidate_is_404_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    kind: str,
) -> None:
    ids = "education_ids" if kind == "educations" else "employment_ids"
    owner = next(c for c in sim.world.candidates if getattr(c, ids))
    other = next(c for c in sim.world.candidates if c.id != owner.id)
    record_id = getattr(owner, ids)[0]

    response = client.delete(
        f"/v1/candidates/{other.id}/{kind}/{record_id}", headers=writer
    )

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}
    untouched()
