"""Harvest v1 Tags: the organisation's candidate tags and one candidate's tags."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.setup import Setup
from tests.conftest import basic


def _tag_id(sim: Simulator, name: str) -> int:
    tag = sim.world.tag_named(name)
    assert tag is not None
    return tag.id


def test_list_tags__pages_the_organisations_tags(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    response = client.get("/v1/tags/candidate?per_page=2", headers=harvest)

    assert response.status_code == 200
    assert response.json() == [
        {"id": tag.id, "name": tag.name} for tag in list(sim.world.tags)[:2]
    ]
    assert 'rel="next"' in response.headers["link"]


def test_add_tag__new_name_is_201_and_existing_name_any_case_is_200(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    created = client.post("/v1/tags/candidate", headers=writer, json={"name": "Rust"})
    again = client.post("/v1/tags/candidate", headers=writer, json={"name": " rUST "})
    old = client.post("/v1/tags/candidate", headers=writer, json={"name": "python"})

    assert created.status_code == 201
    assert created.json() == {"id": created.json()["id"], "name": "Rust"}
    assert (again.status_code, again.json()) == (200, created.json())
    assert (old.status_code, old.json()) == (
        200,
        {"id": _tag_id(sim, "Python"), "name": "Python"},
    )


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": 5}, {"name": "x" * 300}])
def test_add_tag__missing_or_bad_name_is_422_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    untouched: Callable[[], None],
    body: dict[str, Any],
) -> None:
    response = client.post("/v1/tags/candidate", headers=writer, json=body)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["name"]
    untouched()


def test_destroy_tag__removes_it_from_the_organisation_and_its_candidates(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    tag_id = next(t for t in sim.world.tags.ids if sim.world.candidates_by_tag.ids(t))
    tagged = sim.world.candidates_by_tag.ids(tag_id)[0]

    response = client.delete(f"/v1/tags/candidate/{tag_id}", headers=writer)

    assert response.status_code == 200
    assert list(response.json()) == ["message"]
    listed = client.get("/v1/tags/candidate", headers=writer).json()
    assert tag_id not in [tag["id"] for tag in listed]
    tags = client.get(f"/v1/candidates/{tagged}/tags", headers=writer).json()
    assert tag_id not in [tag["id"] for tag in tags]


def test_destroy_tag__unknown_is_404(
    client: TestClient, writer: dict[str, str], untouched: Callable[[], None]
) -> None:
    response = client.delete("/v1/tags/candidate/1", headers=writer)

    assert response.status_code == 404
    untouched()


def test_apply_tag__answers_the_message_and_lists_the_tag(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    candidate = next(c for c in sim.world.candidates if not c.tag_ids)
    tag_id = _tag_id(sim, "Go")

    response = client.put(
        f"/v1/candidates/{candidate.id}/tags/{tag_id}", headers=writer
    )

    assert response.status_code == 200
    assert response.json() == {
        "message": f"Tag {tag_id}, 'Go', has been applied to candidate {candidate.id}"
    }
    tags = client.get(f"/v1/candidates/{candidate.id}/tags", headers=writer).json()
    assert tags == [{"id": tag_id, "name": "Go"}]
    person = client.get(f"/v1/candidates/{candidate.id}", headers=writer).json()
    assert person["tags"] == ["Go"]


def test_remove_tag__answers_the_message_and_unlists_the_tag(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    candidate = next(c for c in sim.world.candidates if c.tag_ids)
    tag_id = candidate.tag_ids[0]

    response = client.delete(
        f"/v1/candidates/{candidate.id}/tags/{tag_id}", headers=writer
    )

    assert response.status_code == 200
    assert response.json() == {
        "message": f"Tag {tag_id} has been removed from candidate {candidate.id}"
    }
    tags = client.get(f"/v1/candidates/{candidate.id}/tags", headers=writer).json()
    assert tag_id not in [tag["id"] for tag in tags]


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_candidate_tag__unknown_tag_is_404_and_changes_nothing(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    untouched: Callable[[], None],
    method: str,
) -> None:
    path = f"/v1/candidates/{sim.world.candidates.ids[0]}/tags/1"

    response = client.request(method, path, headers=writer)

    assert response.status_code == 404
    untouched()


def test_candidate_tags__unknown_candidate_is_404(
    client: TestClient, harvest: dict[str, str]
) -> None:
    assert client.get("/v1/candidates/1/tags", headers=harvest).status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/tags/candidate"),
        ("POST", "/v1/tags/candidate"),
        ("GET", "/v1/candidates/10000001/tags"),
        ("PUT", "/v1/candidates/10000001/tags/30001"),
    ],
)
def test_tags__without_the_tags_group_is_403(
    client: TestClient,
    setup: Setup,
    sim: Simulator,
    untouched: Callable[[], None],
    method: str,
    path: str,
) -> None:
    reports = next(k for k in setup.harvest_keys if k.name == "Job reports")
    headers = {**basic(reports.key), "On-Behalf-Of": str(sim.default_actor())}

    response = client.request(method, path, headers=headers, json=None)

    assert response.status_code == 403
    untouched()
