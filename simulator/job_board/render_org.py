"""The board's other reads: the board itself, offices, departments, sections and
the education lists, in the shapes boards-api.greenhouse.io sends.

Offices and departments are the organisation's, each holding the jobs listed
on this board; `render_as=tree` nests children under `children` in place of
`parent_id` and `child_ids`. A listed post whose job has no office (or no
department) is grouped under id 0, "No Office" ("No Department"), as live
boards do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from simulator.job_board.render import job_summary
from simulator.world.records import Department, JobBoard, JobPost, Office
from simulator.world.store import World

JSON = dict[str, Any]
PER_PAGE = 100
NO_OFFICE = Office(0, "No Office", "", None, None)
NO_DEPARTMENT = Department(0, "No Department", None, None)


class Place(Protocol):
    id: int
    name: str
    parent_id: int | None


def listed_posts(world: World, board: JobBoard) -> list[JobPost]:
    return [post for post in world.job_posts if world.is_on_board(post, board)]


def board(board: JobBoard) -> JSON:
    # The board's intro text is not part of the world: an empty intro.
    return {"name": board.name, "content": ""}


def _office_ids(world: World, post: JobPost) -> list[int]:
    job = world.jobs.get(post.job_id) if post.job_id is not None else None
    return list(job.office_ids) if job and job.office_ids else [0]


def _department_id(world: World, post: JobPost) -> int:
    job = world.jobs.get(post.job_id) if post.job_id is not None else None
    return job.department_id if job and job.department_id is not None else 0


def _tree(
    places: Sequence[Place], node: Callable[[Place], JSON], as_tree: bool
) -> list[JSON]:
    """Flat with `parent_id`/`child_ids`, or top-level nodes with `children`."""
    children: dict[int | None, list[Place]] = {}
    for place in places:
        children.setdefault(place.parent_id, []).append(place)

    def build(place: Place) -> JSON:
        item = node(place)
        if as_tree:
            item["children"] = [build(c) for c in children.get(place.id, [])]
        else:
            item["parent_id"] = place.parent_id
            item["child_ids"] = [c.id for c in children.get(place.id, [])]
        return item

    if as_tree:
        return [build(place) for place in children.get(None, [])]
    return [build(place) for place in places]


def subtree(items: list[JSON], place_id: int) -> JSON | None:
    """One node of a rendered list or tree, by id."""
    for item in items:
        if item["id"] == place_id:
            return item
        found = subtree(item.get("children", []), place_id)
        if found is not None:
            return found
    return None


def departments(
    world: World,
    board_: JobBoard,
    as_tree: bool,
    posts: Iterable[JobPost] | None = None,
) -> list[JSON]:
    chosen = list(posts) if posts is not None else listed_posts(world, board_)
    places: list[Place] = list(world.departments)
    if any(_department_id(world, post) == 0 for post in chosen):
        places.append(NO_DEPARTMENT)

    def node(place: Place) -> JSON:
        jobs = [
            job_summary(world, board_, post)
            for post in chosen
            if _department_id(world, post) == place.id
        ]
        return {"id": place.id, "name": place.name, "jobs": jobs}

    return _tree(places, node, as_tree)


def offices(world: World, board_: JobBoard, as_tree: bool) -> list[JSON]:
    posts = listed_posts(world, board_)
    places: list[Place] = list(world.offices)
    if any(0 in _office_ids(world, post) for post in posts):
        places.append(NO_OFFICE)

    def node(place: Place) -> JSON:
        here = [post for post in posts if place.id in _office_ids(world, post)]
        location = place.location if isinstance(place, Office) else None
        return {
            "id": place.id,
            "name": place.name,
            "location": location or None,
            "departments": departments(world, board_, as_tree, here),
        }

    return _tree(places, node, as_tree)


def sections(world: World, board_: JobBoard) -> list[JSON]:
    """Prospect posts, grouped: every listed prospect post in one section.

    The world has no section records: each board has one "General Application"
    section, numbered after the board, holding its live prospect posts.
    """
    prospect_posts = [p for p in listed_posts(world, board_) if p.job_id is None]
    jobs = [job_summary(world, board_, post) for post in prospect_posts]
    return [{"id": section_id(board_), "name": "General Application", "jobs": jobs}]


def section_id(board_: JobBoard) -> int:
    return board_.id * 10 + 1


class Named(Protocol):
    id: int
    name: str
    priority: int


def education_page(
    records: Iterable[Named], term: str | None, page: int
) -> tuple[list[JSON], int]:
    """One page of 100 of a list, filtered by a case-blind substring."""
    wanted = (term or "").strip().lower()
    ordered = sorted(records, key=lambda record: (record.priority, record.id))
    matches = [r for r in ordered if wanted in r.name.lower()]
    start = (page - 1) * PER_PAGE
    items = [{"id": r.id, "text": r.name} for r in matches[start : start + PER_PAGE]]
    return items, len(matches)
