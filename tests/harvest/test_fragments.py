"""The cache of rendered records: answers with it are byte for byte the answers
without it, on every list that uses it and every record by id; it is used once
filled, keeps to its budget, and never crosses worlds or organisations.
(Random writes through every surface: test_fragments_fuzz.py.)
"""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from simulator.app import create_app
from simulator.harvest.fragments import Fragments
from simulator.orgs import with_organisations
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world import actions
from simulator.world.changes import generation
from tests.conftest import basic
from tests.harvest.fragment_reader import V1_LISTS, V3_LISTS, Headers, Reader


@pytest.fixture
def reader(client: TestClient, sim: Simulator) -> Reader:
    return Reader(client, sim)


@pytest.fixture
def harvest(setup: Setup) -> Headers:
    """The scenario runner's key: it may read every list the cache serves."""
    return basic(setup.runner_key.key)


@pytest.mark.parametrize("path", V1_LISTS)
def test_a_v1_list_is_the_same_bytes_with_the_cache(
    reader: Reader, harvest: Headers, path: str
) -> None:
    for query in ("?per_page=7&page=2", "?per_page=500", "?page=40"):
        reader.check(path + query, harvest)  # fills the cache
        answer = reader.check(path + query, harvest)  # served from it
        assert answer.status_code == 200
    assert reader.sim.fragments.size > 0


@pytest.mark.parametrize("path", V3_LISTS)
def test_a_v3_list_is_the_same_bytes_with_the_cache(
    reader: Reader, v3: Headers, path: str
) -> None:
    for query in ("?per_page=5", "?per_page=500"):
        reader.check(path + query, v3)
        answer = reader.check(path + query, v3)
        assert answer.status_code == 200


def test_records_by_id_are_the_same_bytes_with_the_cache(
    reader: Reader, sim: Simulator, harvest: Headers, v3: Headers
) -> None:
    world = sim.world
    for kind, table in (
        ("applications", world.applications),
        ("candidates", world.candidates),
        ("jobs", world.jobs),
        ("users", world.users),
        ("job_posts", world.job_posts),
        ("job_stages", world.stages),
    ):
        for record_id in table.ids[:3]:
            for _ in range(2):
                assert reader.check(f"/v1/{kind}/{record_id}", harvest).is_success
                if kind != "users":  # the v3 client has no users scope
                    assert reader.check(f"/v3/{kind}/{record_id}", v3).is_success


def test_a_page_is_served_from_the_cache_once_filled(
    client: TestClient, sim: Simulator, harvest: Headers
) -> None:
    path = "/v1/applications?per_page=10"
    client.get(path, headers=harvest)
    counter = generation()
    renders = []
    original = sim.fragments._fill
    sim.fragments._fill = lambda *a: renders.append(a) or original(*a)  # type: ignore[method-assign]
    assert client.get(path, headers=harvest).status_code == 200
    assert renders == []  # nothing rendered again
    assert generation() == counter  # and reading changed nothing


def test_the_cache_keeps_to_its_budget(sim: Simulator) -> None:
    fragments = Fragments(budget=4_000)
    from simulator.harvest import render

    for app in sim.world.applications:
        fragments.one(sim.world, render.application, app)
        assert fragments.size <= 4_000 + 10_000  # at most one record over
    assert 0 < fragments.size <= 4_000


def test_every_action_moves_the_change_counter() -> None:
    for name in actions.__all__:
        value = getattr(actions, name)
        if callable(value) and not isinstance(value, type):
            assert getattr(value, "__changes_world__", False), name


def test_a_reset_world_is_never_served_from_the_old_one(
    setup: Setup, harvest: Headers
) -> None:
    sim = Simulator(setup, seed=7, size=60, clock_mode="virtual")
    with TestClient(create_app(sim)) as client:
        before = client.get("/v1/applications?per_page=500", headers=harvest)
        sim.reset(seed=8)  # no request: the world object itself is another
        after = client.get("/v1/applications?per_page=500", headers=harvest)
        sim.fragments.enabled = False
        fresh = client.get("/v1/applications?per_page=500", headers=harvest)
    assert after.content == fresh.content != before.content


def test_organisations_never_share_fragments(sim: Simulator, setup: Setup) -> None:
    """Two organisations of the same seed: a write in one shows in its pages
    only, each organisation answering as it would with no cache."""
    router = with_organisations(create_app(sim), setup)
    with TestClient(router) as client:
        made = client.post("/_sim/orgs", json={"name": "b", "seed": 7, "size": 60})
        assert made.status_code == 201, made.text
        other = router.orgs["b"].sim
        mine = basic(setup.runner_key.key)
        theirs = basic(f"b--{setup.runner_key.key}")
        path = "/v1/applications?per_page=500"
        assert client.get(path, headers=mine).content == (
            client.get(path, headers=theirs).content
        )
        app_id = next(a.id for a in other.world.applications if a.status == "active")
        writer = {
            **basic(f"b--{setup.integration_key.key}"),
            "On-Behalf-Of": str(other.default_actor()),
        }
        rejected = client.post(
            f"/v1/applications/{app_id}/reject", headers=writer, json={}
        )
        assert rejected.status_code == 200, rejected.text
        for server, headers in ((sim, mine), (other, theirs)):
            cached = client.get(path, headers=headers)
            server.fragments.enabled = False
            assert client.get(path, headers=headers).content == cached.content
            server.fragments.enabled = True
        assert client.get(path, headers=mine).content != (
            client.get(path, headers=theirs).content
        )
