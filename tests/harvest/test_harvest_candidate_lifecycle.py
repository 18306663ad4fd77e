"""Harvest v1 Delete Candidate, Merge Candidates and Anonymize Candidate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from tests.harvest.test_harvest_shapes import CANDIDATE

NOT_FOUND = {"message": "Resource not found"}


def _jobs(sim: Simulator, candidate_id: int) -> set[int | None]:
    candidate = sim.world.candidates.get(candidate_id)
    return {sim.world.applications.get(i).job_id for i in candidate.application_ids}


def _pair(sim: Simulator, *, sharing_a_job: bool) -> tuple[int, int]:
    """Two candidates that do, or do not, have an application on a same job."""
    ids = sim.world.candidates.ids
    for primary in ids:
        for duplicate in ids:
            if primary == duplicate:
                continue
            shared = _jobs(sim, primary) & _jobs(sim, duplicate) - {None}
            if bool(shared) == sharing_a_job:
                return primary, duplicate
    raise AssertionError("no such pair")


def test_delete_candidate__answers_the_message_and_the_person_is_gone(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    candidate = sim.world.candidates.get(sim.world.candidates.ids[3])
    apps = list(candidate.application_ids)

    response = client.delete(f"/v1/candidates/{candidate.id}", headers=writer)

    assert response.status_code == 200
    assert response.json() == {"message": f"Person {candidate.id} has been deleted."}
    assert (
        client.get(f"/v1/candidates/{candidate.id}", headers=writer).status_code == 404
    )
    for app_id in apps:
        assert (
            client.get(f"/v1/applications/{app_id}", headers=writer).status_code == 404
        )
    listed = client.get("/v1/candidates?per_page=500", headers=writer).json()
    assert candidate.id not in [c["id"] for c in listed]


def test_merge__returns_the_primary_with_the_duplicates_applications(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    primary, duplicate = _pair(sim, sharing_a_job=False)
    moved = list(sim.world.candidates.get(duplicate).application_ids)
    body = {"primary_candidate_id": primary, "duplicate_candidate_id": str(duplicate)}

    response = client.put("/v1/candidates/merge", headers=writer, json=body)

    assert response.status_code == 200, response.text
    person = response.json()
    assert list(person) == CANDIDATE
    assert person["id"] == primary
    assert set(moved) <= set(person["application_ids"])
    assert client.get(f"/v1/candidates/{duplicate}", headers=writer).status_code == 404
    app = client.get(f"/v1/applications/{moved[0]}", headers=writer).json()
    assert app["candidate_id"] == primary


def test_merge__duplicate_application_on_a_shared_job_is_deleted(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    primary, duplicate = _pair(sim, sharing_a_job=True)
    shared = (_jobs(sim, primary) & _jobs(sim, duplicate)) - {None}
    clash = next(
        i
        for i in sim.world.candidates.get(duplicate).application_ids
        if sim.world.applications.get(i).job_id in shared
    )
    body = {"primary_candidate_id": primary, "duplicate_candidate_id": duplicate}

    response = client.put("/v1/candidates/merge", headers=writer, json=body)

    assert response.status_code == 200
    assert clash not in response.json()["application_ids"]
    assert client.get(f"/v1/applications/{clash}", headers=writer).status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"duplicate_candidate_id": 10000002}, 422, "primary_candidate_id"),
        ({"primary_candidate_id": 10000001}, 422, "duplicate_candidate_id"),
        (
            {"primary_candidate_id": "x", "duplicate_candidate_id": 10000002},
            422,
            "primary_candidate_id",
        ),
        (
            {"primary_candidate_id": 10000001, "duplicate_candidate_id": 10000001},
            422,
            "duplicate_candidate_id",
        ),
        ({"primary_candidate_id": 1, "duplicate_candidate_id": 10000002}, 404, None),
        ({"primary_candidate_id": 10000001, "duplicate_candidate_id": 1}, 404, None),
    ],
)
def test_merge__refused_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    untouched: Callable[[], None],
    body: dict[str, Any],
    status: int,
    field: str | None,
) -> None:
    response = client.put("/v1/candidates/merge", headers=writer, json=body)

    assert response.status_code == status
    if field is None:
        assert response.json() == NOT_FOUND
    else:
        assert [e["field"] for e in response.json()["errors"]] == [field]
    untouched()


def test_anonymize__replaces_the_fields_named_in_the_query(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    candidate = sim.world.candidates.get(sim.world.candidates.ids[0])
    phones = client.get(f"/v1/candidates/{candidate.id}", headers=writer).json()[
        "phone_numbers"
    ]

    response = client.put(
        f"/v1/candidates/{candidate.id}/anonymize?fields=full_name,emails,"
        "email_addresses,current_company",
        headers=writer,
    )

    assert response.status_code == 200, response.text
    person = response.json()
    assert list(person) == CANDIDATE
    assert (person["first_name"], person["last_name"]) == (
        "Anonymized",
        str(candidate.id),
    )
    assert person["email_addresses"] == [] and person["company"] is None
    assert person["can_email"] is False
    assert person["phone_numbers"] == phones


@pytest.mark.parametrize("query", ["", "?fields=", "?fields=full_name,favourite_color"])
def test_anonymize__missing_or_unknown_field_is_422_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    query: str,
) -> None:
    path = f"/v1/candidates/{sim.world.candidates.ids[0]}/anonymize{query}"

    response = client.put(path, headers=writer)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["fields"]
    untouched()
