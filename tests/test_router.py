"""The indexed router picks the route Starlette's own router would pick.

For any path and method, the first full match (else the first partial one, a 405)
among only the routes the index offers must be the one a scan of every route finds;
and through the app, misses still end as Starlette ends them (404, 405 with Allow).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.routing import BaseRoute, Match, Route
from starlette.testclient import TestClient
from starlette.types import Scope

from simulator.app import create_app
from simulator.router import IndexedRouter, literal_prefix
from simulator.runtime import Simulator

METHODS = ("GET", "HEAD", "POST", "PATCH", "PUT", "DELETE")


def _app_router() -> IndexedRouter:
    from simulator.setup import load_setup
    from tests.conftest import FIXTURE, NOWHERE

    sim = Simulator(load_setup(FIXTURE, webhook_url=NOWHERE), seed=1, size=20)
    router = create_app(sim).router
    assert isinstance(router, IndexedRouter)
    return router


ROUTER = _app_router()
TEMPLATES = [r.path for r in ROUTER.routes if isinstance(r, Route)]


def _chosen(routes: list[BaseRoute], scope: Scope) -> tuple[BaseRoute, Match] | None:
    partial = None
    for route in routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return route, match
        if match is Match.PARTIAL and partial is None:
            partial = (route, match)
    return partial


def _fill(template: str, values: list[str]) -> str:
    parts = re.split(r"\{[^}]*\}", template)
    filled = parts[0]
    for index, part in enumerate(parts[1:]):
        filled += values[index % len(values)] + part
    return filled


segment = st.sampled_from(["", "1", "20000630", "v1", "applications", "_sim", "x"])
paths = st.one_of(
    st.builds(
        _fill,
        st.sampled_from(TEMPLATES),
        st.lists(st.one_of(segment, st.text(max_size=6)), min_size=1, max_size=3),
    ),
    st.lists(segment, max_size=4).map(lambda parts: "/" + "/".join(parts)),
    st.builds(lambda t: t + "/", st.sampled_from(TEMPLATES)),
)


@settings(max_examples=400, deadline=None)
@given(path=paths, method=st.sampled_from(METHODS))
def test_router__the_index_chooses_what_a_full_scan_chooses(
    path: str, method: str
) -> None:
    scope: Scope = {"type": "http", "path": path, "method": method, "root_path": ""}

    assert _chosen(ROUTER.candidates(path), scope) == _chosen(ROUTER.routes, scope)


def test_router__every_route_is_offered_for_its_own_literal_prefix() -> None:
    for route in ROUTER.routes:
        assert isinstance(route, Route)
        example = _fill(route.path, ["1"])
        assert route in ROUTER.candidates(example), route.path
        assert example.split("/")[1 : 1 + len(literal_prefix(route))] == list(
            literal_prefix(route)
        )


def test_router__a_path_with_a_parameter_first_is_offered_everywhere() -> None:
    router = IndexedRouter(routes=[Route("/{anything}/x", lambda r: None)])

    assert router.candidates("/v1/x") == router.routes
    assert literal_prefix(router.routes[0]) == ()


def test_router__routes_added_later_are_offered() -> None:
    router = IndexedRouter(routes=[Route("/a/b", lambda r: None)])
    assert router.candidates("/c/d") == []

    router.routes.append(Route("/c/d", lambda r: None))

    assert [literal_prefix(r) for r in router.candidates("/c/d")] == [("c", "d")]


def test_router__hits_and_misses_end_as_starlette_ends_them(
    client: TestClient, sim: Simulator, harvest: dict[str, str]
) -> None:
    app_id = sim.world.applications.ids[0]

    found = client.get(f"/v1/applications/{app_id}", headers=harvest)
    missing = client.get("/v1/no_such_thing", headers=harvest)
    wrong_method = client.put(f"/v1/applications/{app_id}", headers=harvest)

    assert found.status_code == 200
    assert found.json()["id"] == app_id
    assert missing.status_code == 404
    assert missing.json() == {"message": "Resource not found"}
    assert wrong_method.status_code == 405
    assert {"GET", "PATCH", "DELETE"} <= set(wrong_method.headers["Allow"].split(", "))
