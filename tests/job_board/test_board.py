"""Job Board reads besides jobs: the board, offices, departments, sections and
the education lists."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.job_board.render_org import PER_PAGE, section_id
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.world.records import JobPost
from simulator.world.store import World

NOT_FOUND = {"status": 404, "error": "Job not found"}
MAIN, CAMPUS = "acmerobotics", "acmerobotics-campus"
BOARD = f"/v1/boards/{MAIN}"
JSON = dict[str, Any]


@pytest.fixture
def sim(setup: Setup) -> Simulator:
    return Simulator(setup, seed=7, size=200, clock_mode="virtual")


def _listed(world: World, token: str = MAIN) -> list[JobPost]:
    board = world.board_by_token(token)
    assert board is not None
    return [post for post in world.job_posts if world.is_on_board(post, board)]


def _jobs_in(nodes: list[JSON], key: str = "jobs") -> set[int]:
    """Every job id in a list or tree of departments (or offices' departments)."""
    found: set[int] = set()
    for node in nodes:
        found |= {job["id"] for job in node.get(key, [])}
        found |= _jobs_in(node.get("departments", []), key)
        found |= _jobs_in(node.get("children", []), key)
    return found


def _walk(nodes: list[JSON]) -> list[JSON]:
    return [n for node in nodes for n in [node, *_walk(node.get("children", []))]]


def test_retrieve_board__names_the_board(client: TestClient, sim: Simulator) -> None:
    response = client.get(f"/v1/boards/{CAMPUS}")

    assert response.status_code == 200
    assert response.json() == {"name": "Acme Robotics Campus", "content": ""}


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/offices",
        "/departments",
        "/sections",
        "/education/degrees",
        "/education/schools",
        "/education/disciplines",
    ],
)
def test_board_reads__unknown_board_is_job_not_found(
    client: TestClient, path: str
) -> None:
    response = client.get(f"/v1/boards/no-such-board{path}")

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_list_departments__every_listed_post_once_under_its_jobs_department(
    client: TestClient, sim: Simulator
) -> None:
    world = sim.world
    listed = _listed(world)

    departments = client.get(f"{BOARD}/departments").json()["departments"]

    assert [d["id"] for d in departments] == world.departments.ids
    assert _jobs_in(departments) == {post.id for post in listed}
    for department in departments:
        for job in department["jobs"]:
            post = world.job_posts.get(job["id"])
            assert world.jobs.get(post.job_id or 0).department_id == department["id"]


def test_list_departments__list_names_parents_and_children(
    client: TestClient, sim: Simulator
) -> None:
    child = next(d for d in sim.world.departments if d.parent_id is not None)

    departments = client.get(f"{BOARD}/departments?render_as=list").json()

    by_id = {d["id"]: d for d in departments["departments"]}
    assert by_id[child.id]["parent_id"] == child.parent_id
    assert child.id in by_id[child.parent_id]["child_ids"]
    assert "children" not in by_id[child.id]


def test_list_departments__tree_nests_children_and_keeps_every_job(
    client: TestClient, sim: Simulator
) -> None:
    child = next(d for d in sim.world.departments if d.parent_id is not None)
    flat = client.get(f"{BOARD}/departments").json()["departments"]

    tree = client.get(f"{BOARD}/departments?render_as=tree").json()["departments"]

    assert all(sim.world.departments.get(d["id"]).parent_id is None for d in tree)
    parent = next(d for d in tree if d["id"] == child.parent_id)
    assert child.id in [c["id"] for c in parent["children"]]
    assert all("parent_id" not in node for node in _walk(tree))
    assert _jobs_in(tree) == _jobs_in(flat)


@pytest.mark.parametrize("render_as", ["list", "tree"])
def test_retrieve_department__one_department_with_its_jobs(
    client: TestClient, sim: Simulator, render_as: str
) -> None:
    flat = client.get(f"{BOARD}/departments").json()["departments"]
    fullest = max(flat, key=lambda d: len(d["jobs"]))

    response = client.get(f"{BOARD}/departments/{fullest['id']}?render_as={render_as}")

    assert response.status_code == 200
    assert response.json()["jobs"] == fullest["jobs"]
    assert ("children" in response.json()) == (render_as == "tree")


def test_list_offices__groups_each_post_under_its_jobs_offices(
    client: TestClient, sim: Simulator
) -> None:
    world = sim.world

    offices = client.get(f"{BOARD}/offices").json()["offices"]

    assert {o["id"] for o in offices} >= set(world.offices.ids)
    for office in offices:
        for job_id in _jobs_in(office["departments"]):
            post = world.job_posts.get(job_id)
            job_offices = world.jobs.get(post.job_id or 0).office_ids or [0]
            assert office["id"] in job_offices
    assert _jobs_in(offices) == {post.id for post in _listed(world)}


def test_list_offices__post_of_a_job_without_office_is_under_no_office(
    client: TestClient, sim: Simulator
) -> None:
    post = _listed(sim.world)[0]
    sim.world.jobs.get(post.job_id or 0).office_ids = []

    offices = client.get(f"{BOARD}/offices").json()["offices"]

    no_office = next(o for o in offices if o["id"] == 0)
    assert no_office["name"] == "No Office"
    assert post.id in _jobs_in(no_office["departments"])


def test_retrieve_office__tree_uses_children(
    client: TestClient, sim: Simulator
) -> None:
    office = sim.world.offices.ids[0]

    listed = client.get(f"{BOARD}/offices/{office}").json()
    tree = client.get(f"{BOARD}/offices/{office}/?render_as=tree").json()

    assert listed["id"] == tree["id"] == office
    assert "child_ids" in listed and "children" not in listed
    assert "children" in tree and "child_ids" not in tree
    assert _jobs_in(listed["departments"]) == _jobs_in(tree["departments"])


@pytest.mark.parametrize(
    "path", ["/offices/99999", "/departments/99999", "/sections/99999"]
)
def test_board_reads__unknown_id_is_job_not_found(
    client: TestClient, path: str
) -> None:
    response = client.get(f"{BOARD}{path}")

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_list_sections__holds_the_boards_live_prospect_posts(
    client: TestClient, sim: Simulator
) -> None:
    world = sim.world
    board = world.board_by_token(MAIN)
    assert board is not None
    model = _listed(world)[0]
    prospect = dataclasses.replace(
        model, id=world.job_posts.next_id(), job_id=None, title="General Application"
    )
    world.job_posts.add(prospect.id, prospect)

    sections = client.get(f"{BOARD}/sections").json()["sections"]
    one = client.get(f"{BOARD}/sections/{section_id(board)}")

    assert [s["id"] for s in sections] == [section_id(board)]
    assert [job["id"] for job in sections[0]["jobs"]] == [prospect.id]
    assert sections[0]["jobs"][0]["internal_job_id"] is None
    assert one.json() == sections[0]


def test_list_sections__board_without_prospect_posts_has_an_empty_section(
    client: TestClient,
) -> None:
    sections = client.get(f"{BOARD}/sections").json()["sections"]

    assert [s["jobs"] for s in sections] == [[]]


@pytest.mark.parametrize("kind", ["degrees", "disciplines", "schools"])
def test_list_education__all_of_the_list_in_priority_order(
    client: TestClient, sim: Simulator, kind: str
) -> None:
    records = sorted(getattr(sim.world, kind), key=lambda r: (r.priority, r.id))

    body = client.get(f"{BOARD}/education/{kind}").json()

    assert body["items"] == [{"id": r.id, "text": r.name} for r in records]
    assert body["meta"] == {"total_count": len(records), "per_page": PER_PAGE}


def test_list_education__term_matches_part_of_a_name_in_any_case(
    client: TestClient, sim: Simulator
) -> None:
    wanted = [s.id for s in sim.world.schools if "university" in s.name.lower()]

    body = client.get(f"{BOARD}/education/schools?term=UNIVERSITY").json()

    assert sorted(item["id"] for item in body["items"]) == sorted(wanted)
    assert body["meta"]["total_count"] == len(wanted)


def test_list_education__page_is_a_block_of_one_hundred(
    client: TestClient, sim: Simulator
) -> None:
    world = sim.world
    model = world.schools.get(world.schools.ids[0])
    for number in range(150):
        school = dataclasses.replace(
            model, id=world.schools.next_id(), name=f"Paged School {number:03}"
        )
        world.schools.add(school.id, school)

    first = client.get(f"{BOARD}/education/schools?term=paged&page=1").json()
    second = client.get(f"{BOARD}/education/schools?term=paged&page=2").json()
    third = client.get(f"{BOARD}/education/schools?term=paged&page=3").json()

    assert (len(first["items"]), len(second["items"]), third["items"]) == (100, 50, [])
    assert first["meta"]["total_count"] == 150
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


@pytest.mark.parametrize(
    "path", ["", "/offices", "/departments", "/sections", "/education/degrees"]
)
def test_board_reads__callback_and_trailing_slash(
    client: TestClient, path: str
) -> None:
    plain = client.get(f"{BOARD}{path}")

    slashed = client.get(f"{BOARD}{path}/")
    wrapped = client.get(f"{BOARD}{path}?callback=show.it")

    assert slashed.json() == plain.json()
    assert wrapped.headers["content-type"].startswith("text/javascript")
    assert wrapped.text.startswith("/**/show.it(")
