"""List filters, checked against a plain scan of the world.

Every list answer is compared with what a naive filter over every record gives,
for generated combinations of filters, pages and page sizes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import load_setup
from simulator.world import World
from tests.conftest import FIXTURE, NOWHERE, basic


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[TestClient, World, dict[str, str]]]:
    setup = load_setup(FIXTURE, webhook_url=NOWHERE).with_rate_limit(0)
    sim = Simulator(setup, seed=5, size=300, clock_mode="virtual")
    with TestClient(create_app(sim)) as client:
        yield client, sim.world, basic(setup.integration_key.key)


def iso(millis: int, offset_hours: int = 0) -> str:
    moment = datetime.fromtimestamp(millis / 1000, UTC)
    return moment.astimezone(timezone(timedelta(hours=offset_hours))).isoformat()


def all_pages(client: TestClient, path: str, headers: dict[str, str]) -> list[int]:
    ids: list[int] = []
    response = client.get(path, headers=headers)
    while True:
        assert response.status_code == 200, response.text
        ids.extend(item["id"] for item in response.json())
        next_url = response.links.get("next", {}).get("url")
        if not next_url:
            return ids
        response = client.get(next_url, headers=headers)


def _times(world: World) -> st.SearchStrategy[int]:
    """Times at, just around, and between the records' own: edges matter."""
    applied = [a.applied_at for a in world.applications]
    exact = st.sampled_from(applied + [a.last_activity_at for a in world.applications])
    return st.one_of(
        exact,
        exact.map(lambda t: t + 1),
        st.integers(min(applied) - 1, max(applied) + 1),
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_applications__filters_agree_with_a_plain_scan(
    served: tuple[TestClient, World, dict[str, str]], data: st.DataObject
) -> None:
    client, world, headers = served
    jobs = [job.id for job in world.jobs]
    params: dict[str, Any] = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                "status": st.sampled_from(["active", "rejected", "hired", "converted"]),
                "job_id": st.sampled_from(jobs),
                "created_after": _times(world),
                "created_before": _times(world),
                "last_activity_after": _times(world),
            },
        )
    )
    per_page = data.draw(st.integers(1, 60))
    offset_hours = data.draw(st.sampled_from([0, -5, 3]))

    query = {
        k: iso(v, offset_hours) if "_" in k and k != "job_id" else v
        for k, v in params.items()
    }
    query["per_page"] = per_page
    path = "/v1/applications?" + "&".join(
        f"{k}={v}".replace("+", "%2B") for k, v in query.items()
    )
    served_ids = all_pages(client, path, headers)

    def keep(app: Any) -> bool:
        return (
            ("status" not in params or app.status == params["status"])
            and ("job_id" not in params or app.job_id == params["job_id"])
            and (
                "created_after" not in params
                or app.applied_at >= params["created_after"]
            )
            and (
                "created_before" not in params
                or app.applied_at < params["created_before"]
            )
            and (
                "last_activity_after" not in params
                or app.last_activity_at >= params["last_activity_after"]
            )
        )

    assert served_ids == [app.id for app in world.applications if keep(app)]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_candidates__filters_agree_with_a_plain_scan(
    served: tuple[TestClient, World, dict[str, str]], data: st.DataObject
) -> None:
    client, world, headers = served
    created = [c.created_at for c in world.candidates]
    moments = st.one_of(
        st.sampled_from(created + [c.updated_at for c in world.candidates]),
        st.integers(min(created) - 1, max(created) + 1),
    )
    params: dict[str, Any] = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                "job_id": st.sampled_from([job.id for job in world.jobs]),
                "created_after": moments,
                "updated_before": moments,
            },
        )
    )

    query = "&".join(
        f"{k}={iso(v) if k != 'job_id' else v}".replace("+", "%2B")
        for k, v in params.items()
    )
    served_ids = all_pages(client, f"/v1/candidates?per_page=37&{query}", headers)

    def applied_to(person: Any, job_id: int) -> bool:
        apps = (world.applications.get(i) for i in person.application_ids)
        return any(a.job_id == job_id and not a.prospect for a in apps)

    def keep(person: Any) -> bool:
        return (
            ("job_id" not in params or applied_to(person, params["job_id"]))
            and (
                "created_after" not in params
                or person.created_at >= params["created_after"]
            )
            and (
                "updated_before" not in params
                or person.updated_at < params["updated_before"]
            )
        )

    assert served_ids == [p.id for p in world.candidates if keep(p)]


def test_applications__unknown_status_is_an_empty_list(
    served: tuple[TestClient, World, dict[str, str]],
) -> None:
    client, _, headers = served

    response = client.get("/v1/applications?status=pending", headers=headers)

    assert response.status_code == 200
    assert response.json() == []
    assert "link" not in response.headers


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/v1/applications?created_after=yesterday", "created_after"),
        ("/v1/applications?job_id=abc", "job_id"),
        ("/v1/candidates?updated_before=2026-13-45", "updated_before"),
        ("/v1/candidates?candidate_ids=1,x", "candidate_ids"),
        ("/v1/job_posts?live=maybe", "live"),
    ],
)
def test_filters__bad_values_are_422_naming_the_field(
    served: tuple[TestClient, World, dict[str, str]], path: str, field: str
) -> None:
    client, _, headers = served

    response = client.get(path, headers=headers)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def test_candidates__at_most_fifty_ids(
    served: tuple[TestClient, World, dict[str, str]],
) -> None:
    client, world, headers = served
    ids = ",".join(str(c.id) for c in list(world.candidates)[:51])

    too_many = client.get(f"/v1/candidates?candidate_ids={ids}", headers=headers)
    fifty = client.get(
        f"/v1/candidates?candidate_ids={ids.rsplit(',', 1)[0]}", headers=headers
    )

    assert too_many.status_code == 422
    assert [c["id"] for c in fifty.json()] == [
        c.id for c in list(world.candidates)[:50]
    ]


def test_candidates__email_wins_over_candidate_ids(
    served: tuple[TestClient, World, dict[str, str]],
) -> None:
    client, world, headers = served
    person = list(world.candidates)[3]
    other = list(world.candidates)[4]

    response = client.get(
        f"/v1/candidates?email={person.primary_email.upper()}&candidate_ids={other.id}",
        headers=headers,
    )

    assert [c["id"] for c in response.json()] == [person.id]


@pytest.mark.parametrize(
    ("query", "keep"),
    [
        ("status=open", lambda j: j.status == "open"),
        ("status=closed", lambda j: j.status == "closed"),
        ("status=archived", lambda j: False),
        ("requisition_id=REQ-1001", lambda j: j.requisition_id == "REQ-1001"),
        ("external_office_id=x", lambda j: False),
    ],
)
def test_jobs__filters(
    served: tuple[TestClient, World, dict[str, str]], query: str, keep: Any
) -> None:
    client, world, headers = served

    ids = all_pages(client, f"/v1/jobs?per_page=7&{query}", headers)

    assert ids == [job.id for job in world.jobs if keep(job)]


@pytest.mark.parametrize(
    ("query", "keep"),
    [
        ("live=true", lambda p: p.live),
        ("internal=true", lambda p: p.internal),
        ("internal=false", lambda p: not p.internal),
        ("active=true&live=true", lambda p: p.active and p.live),
    ],
)
def test_job_posts__filters(
    served: tuple[TestClient, World, dict[str, str]], query: str, keep: Any
) -> None:
    client, world, headers = served

    ids = all_pages(client, f"/v1/job_posts?per_page=9&{query}", headers)

    assert ids == [post.id for post in world.job_posts if keep(post)]


def test_paging__filters_travel_in_the_links(
    served: tuple[TestClient, World, dict[str, str]],
) -> None:
    client, world, headers = served
    rejected = world.applications_by_status.ids("rejected")

    first = client.get("/v1/applications?status=rejected&per_page=5", headers=headers)

    last_url = first.links["last"]["url"]
    assert "status=rejected" in first.links["next"]["url"]
    assert f"page={-(-len(rejected) // 5)}" in last_url
    assert [a["id"] for a in client.get(last_url, headers=headers).json()] == (
        rejected[(-(-len(rejected) // 5) - 1) * 5 :]
    )


def test_skip_count__drops_last_but_keeps_next(
    served: tuple[TestClient, World, dict[str, str]],
) -> None:
    client, _, headers = served

    response = client.get(
        "/v1/applications?last_activity_after=2020-01-01&per_page=3&skip_count=true",
        headers=headers,
    )

    assert set(response.links) == {"next"}
