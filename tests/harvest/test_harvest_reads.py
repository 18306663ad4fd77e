"""Harvest v1 reads: 404s, filters, unknown paths and wrong methods."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator

NOT_FOUND = {"message": "Resource not found"}


@pytest.mark.parametrize(
    "path",
    [
        "/v1/applications/1",
        "/v1/applications/99999999",
        "/v1/candidates/1",
        "/v1/jobs/1",
        "/v1/job_posts/1",
        "/v1/job_stages/1",
        "/v1/jobs/1/job_posts",
        "/v1/jobs/1/stages",
    ],
)
def test_retrieve__unknown_id_is_404(
    client: TestClient, harvest: dict[str, str], path: str
) -> None:
    response = client.get(path, headers=harvest)

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


@pytest.mark.parametrize("transform", [str, str.upper, lambda e: f"  {e.title()} "])
def test_candidates__email_filter_finds_the_candidate(
    client: TestClient,
    harvest: dict[str, str],
    sim: Simulator,
    transform: Callable[[str], str],
) -> None:
    person = list(sim.world.candidates)[5]
    email = person.email_addresses[0].value

    response = client.get(
        "/v1/candidates", headers=harvest, params={"email": transform(email)}
    )

    assert response.status_code == 200
    assert [c["id"] for c in response.json()] == [person.id]
    assert "link" not in response.headers


def test_candidates__email_filter_without_match_is_empty(
    client: TestClient, harvest: dict[str, str]
) -> None:
    response = client.get(
        "/v1/candidates?email=nobody@nowhere.example", headers=harvest
    )

    assert response.status_code == 200
    assert response.json() == []
    assert "link" not in response.headers


def test_candidates__email_filter_still_validates_paging(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    email = next(iter(sim.world.candidates)).email_addresses[0].value

    response = client.get(
        "/v1/candidates", headers=harvest, params={"email": email, "per_page": "0"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "per_page"


@pytest.fixture
def job_with_deleted_post(sim: Simulator) -> tuple[int, int, int]:
    """A job with exactly two posts, the second of which is marked deleted."""
    job = next(j for j in sim.world.jobs if len(j.post_ids) == 2)
    kept, deleted = job.post_ids[0], job.post_ids[1]
    sim.world.job_posts.get(deleted).active = False
    return job.id, kept, deleted


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", "both"), ("?active=true", "kept"), ("?active=false", "deleted")],
)
def test_job_posts_for_job__active_filter(
    client: TestClient,
    harvest: dict[str, str],
    job_with_deleted_post: tuple[int, int, int],
    query: str,
    expected: str,
) -> None:
    job_id, kept, deleted = job_with_deleted_post
    want = {"both": [kept, deleted], "kept": [kept], "deleted": [deleted]}[expected]

    response = client.get(f"/v1/jobs/{job_id}/job_posts{query}", headers=harvest)

    assert response.status_code == 200
    body = response.json()
    assert [post["id"] for post in body] == want
    assert all(post["job_id"] == job_id for post in body)
    assert [post["active"] for post in body] == [p == kept for p in want]


@pytest.mark.parametrize("value", ["yes", "1", ""])
def test_job_posts_for_job__bad_active_value_is_422(
    client: TestClient, harvest: dict[str, str], value: str
) -> None:
    response = client.get(
        "/v1/jobs/4100001/job_posts", headers=harvest, params={"active": value}
    )

    assert response.status_code == 422
    body = response.json()
    assert body["message"] == "Validation error"
    assert [e["field"] for e in body["errors"]] == ["active"]


def test_stages_for_job__are_the_jobs_stages_in_priority_order(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    job = next(iter(sim.world.jobs))

    response = client.get(f"/v1/jobs/{job.id}/stages", headers=harvest)

    body = response.json()
    assert [stage["id"] for stage in body] == job.stage_ids
    assert [stage["priority"] for stage in body] == sorted(s["priority"] for s in body)
    assert {stage["job_id"] for stage in body} == {job.id}


@pytest.mark.parametrize(
    "path",
    [
        "/v1/nothing",
        "/v1/applications/abc",
        "/v1/applications/1/advance/again",
        "/v2/applications",
        "/v1",
        "/",
    ],
)
def test_unknown_path__is_404_json(
    client: TestClient, harvest: dict[str, str], path: str
) -> None:
    response = client.get(path, headers=harvest)

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v1/applications"),
        ("PUT", "/v1/applications/20000001"),
        ("POST", "/v1/candidates/10000001"),
        ("GET", "/v1/applications/20000001/advance"),
        ("PUT", "/v1/applications/20000001/hire"),
    ],
)
def test_wrong_method__is_405_json(
    client: TestClient, harvest: dict[str, str], method: str, path: str
) -> None:
    response = client.request(method, path, headers=harvest)

    assert response.status_code == 405
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"message": f"Method {method} is not allowed for {path}"}


def test_wrong_method__names_the_allowed_methods(
    client: TestClient, harvest: dict[str, str]
) -> None:
    # RFC 9110 section 15.5.6: a 405 response MUST carry an Allow header.
    response = client.delete("/v1/applications", headers=harvest)

    assert response.status_code == 405
    assert "GET" in response.headers.get("allow", "")


def test_rejection_reasons__defaults_only_when_asked(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    own = [r.id for r in sim.world.rejection_reasons if not r.default]
    every = [r.id for r in sim.world.rejection_reasons]

    plain = client.get("/v1/rejection_reasons", headers=harvest)
    with_defaults = client.get(
        "/v1/rejection_reasons?include_defaults=true", headers=harvest
    )

    assert [r["id"] for r in plain.json()] == own
    assert [r["id"] for r in with_defaults.json()] == every
    assert len(every) > len(own)
