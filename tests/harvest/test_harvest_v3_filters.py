"""Harvest v3's filters, checked against a plain scan of the world.

Time filters take operator and time pairs (`updated_at=gte|...|lt|...`); every
answer, followed through its cursors, must be what a naive filter over every
record gives, highest id first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.runtime import Simulator
from simulator.setup import load_setup
from simulator.world import World
from tests.conftest import FIXTURE, NOWHERE, bearer

CHECKS: dict[str, Callable[[int, int], bool]] = {
    "gt": lambda value, bound: value > bound,
    "gte": lambda value, bound: value >= bound,
    "lt": lambda value, bound: value < bound,
    "lte": lambda value, bound: value <= bound,
}
Served = tuple[TestClient, World, dict[str, str]]


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    setup = load_setup(FIXTURE, webhook_url=NOWHERE).with_rate_limit(0)
    sim = Simulator(setup, seed=5, size=300, clock_mode="virtual")
    with TestClient(create_app(sim)) as client:
        yield client, sim.world, bearer(client, setup.oauth_clients[0])


def iso(millis: int, offset_hours: int) -> str:
    moment = datetime.fromtimestamp(millis / 1000, UTC)
    return moment.astimezone(timezone(timedelta(hours=offset_hours))).isoformat()


def every_id(client: TestClient, path: str, headers: dict[str, str]) -> list[int]:
    ids: list[int] = []
    response = client.get(path, headers=headers)
    while True:
        assert response.status_code == 200, response.text
        ids.extend(item["id"] for item in response.json())
        if "next" not in response.links:
            return ids
        response = client.get(response.links["next"]["url"], headers=headers)


def _times(values: list[int]) -> st.SearchStrategy[int]:
    """Times at, just around, and between the records' own: edges matter."""
    exact = st.sampled_from(values)
    return st.one_of(
        exact,
        exact.map(lambda t: t + 1),
        exact.map(lambda t: t - 1),
        st.integers(min(values) - 1, max(values) + 1),
    )


def _ranges(values: list[int]) -> st.SearchStrategy[list[tuple[str, int]]]:
    return st.lists(
        st.tuples(st.sampled_from(sorted(CHECKS)), _times(values)),
        min_size=1,
        max_size=3,
    )


def _in(value: int | None, pairs: list[tuple[str, int]]) -> bool:
    return all(CHECKS[op](value or 0, bound) for op, bound in pairs)


def _query(
    data: st.DataObject, times: dict[str, list[tuple[str, int]]], **simple: Any
) -> str:
    offset = data.draw(st.sampled_from([0, -5, 3]))
    params = {
        name: "|".join(f"{op}|{iso(bound, offset)}" for op, bound in pairs)
        for name, pairs in times.items()
    }
    params.update({k: v for k, v in simple.items() if v is not None})
    params["per_page"] = str(data.draw(st.integers(1, 80)))
    return urlencode(params)


SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(data=st.data())
def test_applications__filters_agree_with_a_plain_scan(
    served: Served, data: st.DataObject
) -> None:
    client, world, headers = served
    apps = list(world.applications)
    fields = {
        "created_at": lambda a: a.applied_at,
        "updated_at": lambda a: a.last_activity_at,
        "last_activity_at": lambda a: a.last_activity_at,
    }
    stamps = [read(a) for a in apps for read in fields.values()]
    times = data.draw(
        st.dictionaries(st.sampled_from(sorted(fields)), _ranges(stamps), max_size=2)
    )
    status = data.draw(st.none() | st.sampled_from(["active", "rejected", "hired"]))
    jobs = data.draw(st.none() | st.lists(st.sampled_from(world.jobs.ids), max_size=3))
    ids = data.draw(st.none() | st.lists(st.sampled_from(world.applications.ids)))

    served_ids = every_id(
        client,
        "/v3/applications?"
        + _query(
            data,
            times,
            status=status,
            job_ids=",".join(map(str, jobs)) if jobs else None,
            ids=",".join(map(str, ids)) if ids else None,
        ),
        headers,
    )

    def keep(app: Any) -> bool:
        return (
            all(_in(fields[name](app), pairs) for name, pairs in times.items())
            and (status is None or app.status == status)
            and (not jobs or app.job_id in jobs)
            and (not ids or app.id in ids)
        )

    assert served_ids == [app.id for app in reversed(apps) if keep(app)]


@SETTINGS
@given(data=st.data())
def test_candidates__filters_agree_with_a_plain_scan(
    served: Served, data: st.DataObject
) -> None:
    client, world, headers = served
    people = list(world.candidates)
    fields = {
        "created_at": lambda c: c.created_at,
        "updated_at": lambda c: c.updated_at,
        "last_activity_at": lambda c: c.last_activity,
    }
    stamps = [read(c) for c in people for read in fields.values()]
    times = data.draw(
        st.dictionaries(st.sampled_from(sorted(fields)), _ranges(stamps), max_size=2)
    )

    served_ids = every_id(client, "/v3/candidates?" + _query(data, times), headers)

    expected = [
        c.id
        for c in reversed(people)
        if all(_in(fields[name](c), pairs) for name, pairs in times.items())
    ]
    assert served_ids == expected


@SETTINGS
@given(data=st.data())
def test_jobs__filters_agree_with_a_plain_scan(
    served: Served, data: st.DataObject
) -> None:
    client, world, headers = served
    jobs = list(world.jobs)
    fields = {
        "created_at": lambda j: j.created_at,
        "updated_at": lambda j: j.updated_at,
    }
    stamps = [read(j) for j in jobs for read in fields.values()]
    times = data.draw(
        st.dictionaries(st.sampled_from(sorted(fields)), _ranges(stamps), max_size=2)
    )
    status = data.draw(st.none() | st.sampled_from(["open", "closed", "draft"]))

    served_ids = every_id(
        client, "/v3/jobs?" + _query(data, times, status=status), headers
    )

    expected = [
        j.id
        for j in reversed(jobs)
        if all(_in(fields[name](j), pairs) for name, pairs in times.items())
        and (status is None or j.status == status)
    ]
    assert served_ids == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        pytest.param("updated_at=gte", "updated_at", id="no-time"),
        pytest.param("updated_at=2024-01-01T00:00:00Z", "updated_at", id="no-operator"),
        pytest.param("created_at=eq|2024-01-01T00:00:00Z", "created_at", id="eq"),
        pytest.param("created_at=gte|yesterday", "created_at", id="bad-time"),
        pytest.param("created_at=", "created_at", id="empty"),
        pytest.param("ids=1,two", "ids", id="ids-not-numbers"),
        pytest.param("ids=" + ",".join(map(str, range(51))), "ids", id="ids-51"),
        pytest.param("job_ids=x", "job_ids", id="job-ids"),
    ],
)
def test_filters__a_bad_value_is_422_naming_the_field(
    served: Served, query: str, field: str
) -> None:
    client, _, headers = served

    response = client.get(f"/v3/applications?{query}", headers=headers)

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == field


def test_filters__ids_are_paged_like_any_list(served: Served) -> None:
    client, world, headers = served
    wanted = world.applications.ids[:3]
    query = ",".join(map(str, wanted))

    response = client.get(f"/v3/applications?ids={query}&per_page=2", headers=headers)

    assert [a["id"] for a in response.json()] == wanted[::-1][:2]
    assert "next" in response.links
