"""The seeded generator: determinism, and what every world holds, whatever its size."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest

from simulator.runtime import Simulator
from simulator.world import World, WorldSpec, build_world

Built = Callable[[int, int], World]
Dump = Callable[[World], dict[str, Any]]
SpecFor = Callable[[int, int], WorldSpec]

SIZES = (10, 60, 300)
SEEDS = (1, 2, 7, 13)
GRID = [(seed, size) for size in SIZES for seed in SEEDS]


def _job_applications(world: World) -> list[Any]:
    return [app for app in world.applications if app.job_id is not None]


@pytest.mark.parametrize(("seed", "size"), [(7, 60), (3, 10), (11, 300)])
def test_build_world__same_seed_and_size_same_world(
    seed: int, size: int, dump: Dump, spec_for: SpecFor
) -> None:
    first = build_world(spec_for(seed, size), clock_mode="virtual")

    second = build_world(spec_for(seed, size), clock_mode="virtual")

    assert dump(first) == dump(second)


def test_build_world__other_seed_other_world(dump: Dump, spec_for: SpecFor) -> None:
    first = build_world(spec_for(7, 60), clock_mode="virtual")

    second = build_world(spec_for(8, 60), clock_mode="virtual")

    first_dump, second_dump = dump(first), dump(second)
    assert first_dump["candidates"] != second_dump["candidates"]
    assert first_dump["jobs"] != second_dump["jobs"]


def test_build_world__service_accounts_come_last_and_change_nothing_else(
    dump: Dump, spec_for: SpecFor
) -> None:
    plain = dump(build_world(spec_for(7, 60), clock_mode="virtual"))
    spec = dataclasses.replace(spec_for(7, 60), service_accounts=("Sync", "Reports"))

    world = build_world(spec, clock_mode="virtual")

    with_accounts = dump(world)
    next_id, users = with_accounts.pop("users")
    plain_next_id, plain_users = plain.pop("users")
    assert with_accounts == plain
    assert users[: len(plain_users)] == plain_users
    added = users[len(plain_users) :]
    assert [(u["first_name"], u["service_account"]) for u in added] == [
        ("Sync", True),
        ("Reports", True),
    ]
    assert all(u["email"] is None and not u["site_admin"] for u in added)
    assert next_id == plain_next_id + 2


def test_build_world__size_is_the_number_of_candidates(built: Built) -> None:
    world = built(7, 60)

    assert len(world.candidates) == 60


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__every_application_status(seed: int, size: int, built: Built) -> None:
    world = built(seed, size)

    statuses = Counter(app.status for app in world.applications)

    assert set(statuses) == {"active", "rejected", "hired", "converted"}


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__prospects_with_no_job(seed: int, size: int, built: Built) -> None:
    world = built(seed, size)

    prospects = [app for app in world.applications if app.prospect]

    assert any(app.job_id is None for app in prospects)
    assert all(app.job_id is None for app in prospects)
    assert all(app.current_stage_id is None for app in prospects)


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__applications_with_and_without_post(
    seed: int, size: int, built: Built
) -> None:
    world = built(seed, size)

    job_apps = _job_applications(world)

    assert any(app.job_post_id is None for app in job_apps)
    assert any(app.job_post_id is not None for app in job_apps)
    assert all(
        world.job_posts.get(app.job_post_id).job_id == app.job_id
        for app in job_apps
        if app.job_post_id is not None
    )


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__jobs_have_posts_stages_openings(
    seed: int, size: int, built: Built
) -> None:
    world = built(seed, size)

    for job in world.jobs:
        assert 1 <= len(job.post_ids) <= 3, job.id
        assert len(job.stage_ids) >= 6, job.id
        assert len(job.opening_ids) >= 1, job.id
        assert all(world.stages.get(s).job_id == job.id for s in job.stage_ids)
        assert all(world.openings.get(o).job_id == job.id for o in job.opening_ids)
        assert all(world.job_posts.get(p).job_id == job.id for p in job.post_ids)


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__first_post_is_external_on_first_board(
    seed: int, size: int, built: Built
) -> None:
    world = built(seed, size)
    first_board = next(iter(world.boards))

    wrong = []
    for job in world.jobs:
        post = world.first_post(job)
        assert post is not None
        if post.internal or post.board_id != first_board.id:
            wrong.append((job.id, post.id))

    assert wrong == []


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__first_post_of_open_job_is_live_on_first_board(
    seed: int, size: int, built: Built
) -> None:
    world = built(seed, size)
    first_board = next(iter(world.boards))

    not_listed = [
        job.id
        for job in world.jobs
        if job.status == "open"
        and not world.is_on_board(world.first_post(job), first_board)
    ]

    assert not_listed == []


def test_world__some_first_post_is_not_the_lowest_id(built: Built) -> None:
    worlds = [built(seed, size) for seed, size in GRID]

    differing = [
        job.id
        for world in worlds
        for job in world.jobs
        if world.first_post(job).id != min(job.post_ids)
    ]

    assert differing


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__candidate_ids_follow_creation(
    seed: int, size: int, built: Built
) -> None:
    world = built(seed, size)

    candidates = sorted(world.candidates, key=lambda candidate: candidate.id)

    assert all(a.created_at <= b.created_at for a, b in pairwise(candidates))


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__application_ids_follow_creation(
    seed: int, size: int, built: Built
) -> None:
    world = built(seed, size)

    apps = sorted(world.applications, key=lambda app: app.id)

    assert all(a.applied_at <= b.applied_at for a, b in pairwise(apps))


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__each_hire_fills_exactly_one_opening(
    seed: int, size: int, built: Built
) -> None:
    world = built(seed, size)

    filled = Counter(
        opening.application_id
        for opening in world.openings
        if opening.application_id is not None
    )

    for app in world.applications:
        if app.status != "hired":
            assert filled[app.id] == 0, app.id
            continue
        opening = world.openings.get(app.hired_opening_id)
        assert filled[app.id] == 1, app.id
        assert opening.application_id == app.id
        assert opening.job_id == app.job_id
        assert opening.closed_at == app.hired_at
        assert opening.close_reason_id == world.hired_close_reason_id


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__open_jobs_keep_an_open_opening(
    seed: int, size: int, built: Built
) -> None:
    world = built(seed, size)

    full = [
        job.id
        for job in world.jobs
        if job.status == "open" and not world.open_openings(job)
    ]

    assert full == []


@pytest.mark.parametrize(("seed", "size"), GRID)
def test_world__closed_jobs_have_no_open_openings(
    seed: int, size: int, built: Built
) -> None:
    world = built(seed, size)

    closed = [job for job in world.jobs if job.status == "closed"]

    assert closed
    assert all(job.closed_at is not None for job in closed)
    assert [job.id for job in closed if world.open_openings(job)] == []


def test_world__tracking_link_source_exists(built: Built) -> None:
    world = built(7, 60)

    link = world.tracking_link_by_token("phenom7f3a")

    assert link is not None
    source = world.sources.get(link.source_id)
    assert source.name == "Phenom"
    assert source.type_name == "Third-party boards"
    assert link.job_board_id == world.board_by_token("acmerobotics").id


def test_world__default_source_is_the_jobs_page(built: Built) -> None:
    world = built(7, 60)

    source = world.sources.get(world.default_source_id)

    assert source.name == "Jobs page on your website"


def test_world__integration_setup_builds_phenom_link(sim: Simulator) -> None:
    world = sim.world

    link = world.tracking_link_by_token("phenom7f3a")

    assert link is not None
    assert world.sources.get(link.source_id).name == "Phenom"
    assert world.sources.get(world.default_source_id).name == (
        "Jobs page on your website"
    )
