"""A job's openings, and its posts going live or offline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import Event, InvalidField, InvalidTransition, NotFound, World
from simulator.world.actions import (
    OpeningChanges,
    PostLocation,
    create_openings,
    destroy_openings,
    edit_opening,
    set_post_status,
    update_post,
)
from simulator.world.records import Job

Dump = Callable[[World], dict[str, Any]]


def _open_job(world: World) -> Job:
    return next(j for j in world.jobs if j.status == "open")


def _closed_job(world: World) -> Job:
    return next(j for j in world.jobs if j.status == "closed")


def _closed_unfilled(world: World, job: Job) -> int:
    return next(
        i
        for i in job.opening_ids
        if world.openings.get(i).closed_at is not None
        and world.openings.get(i).application_id is None
    )


# -- create_openings -------------------------------------------------------------------


def test_create_openings__appends_open_openings(world: World, admin: int) -> None:
    job = _open_job(world)
    count = len(job.opening_ids)

    created, events = create_openings(world, job.id, ["X-1", None], actor_id=admin)

    at = world.clock.now()
    assert events == []
    assert [o.opening_id for o in created] == ["X-1", None]
    assert job.opening_ids[count:] == [o.id for o in created]
    assert all(o.opened_at == at and o.status == "open" for o in created)
    assert job.updated_at == at


def test_create_openings__reopen_a_closed_job(world: World, admin: int) -> None:
    job = _closed_job(world)

    _, events = create_openings(world, job.id, [None], actor_id=admin)

    assert events == [Event("job_updated", job.id, world.clock.now())]
    assert (job.status, job.closed_at) == ("open", None)


@pytest.mark.parametrize("count", [0, 101])
def test_create_openings__count_is_checked(
    world: World, dump: Dump, admin: int, count: int
) -> None:
    job = _open_job(world)
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        create_openings(world, job.id, [None] * count, actor_id=admin)

    assert caught.value.field == "openings"
    assert dump(world) == before


# -- edit_opening ---------------------------------------------------------------------


def test_edit_opening__close_with_reason(world: World, admin: int) -> None:
    job = _open_job(world)
    opening = world.open_openings(job)[0]
    reason = world.close_reasons.ids[-1]

    edit_opening(
        world,
        job.id,
        opening.id,
        OpeningChanges(status="closed", close_reason_id=reason),
        actor_id=admin,
    )

    assert (opening.status, opening.close_reason_id) == ("closed", reason)
    assert opening.closed_at == world.clock.now()


def test_edit_opening__closing_the_last_closes_the_job(
    world: World, admin: int
) -> None:
    job = _open_job(world)
    events: list[Event] = []

    for opening in world.open_openings(job):
        events = edit_opening(
            world, job.id, opening.id, OpeningChanges(status="closed"), actor_id=admin
        )

    at = world.clock.now()
    assert events == [Event("job_updated", job.id, at)]
    assert (job.status, job.closed_at) == ("closed", at)


def test_edit_opening__reopen_reopens_the_job(world: World, admin: int) -> None:
    job = _closed_job(world)
    opening_id = _closed_unfilled(world, job)

    events = edit_opening(
        world, job.id, opening_id, OpeningChanges(status="open"), actor_id=admin
    )

    opening = world.openings.get(opening_id)
    assert events == [Event("job_updated", job.id, world.clock.now())]
    assert (opening.status, opening.close_reason_id) == ("open", None)
    assert job.status == "open"


def test_edit_opening__rename(world: World, admin: int) -> None:
    job = _open_job(world)
    opening = world.openings.get(job.opening_ids[0])

    edit_opening(
        world,
        job.id,
        opening.id,
        OpeningChanges(opening_id="", opening_id_given=True),
        actor_id=admin,
    )

    assert opening.opening_id == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (OpeningChanges(close_reason_id=201), "close_reason_id"),
        (OpeningChanges(status="open", close_reason_id=201), "close_reason_id"),
        (OpeningChanges(status="closed", close_reason_id=7), "close_reason_id"),
    ],
)
def test_edit_opening__invalid_field(
    world: World, dump: Dump, admin: int, changes: OpeningChanges, field: str
) -> None:
    job = _open_job(world)
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        edit_opening(world, job.id, job.opening_ids[0], changes, actor_id=admin)

    assert caught.value.field == field
    assert dump(world) == before


def test_edit_opening__filled_opening_cannot_reopen(
    world: World, dump: Dump, admin: int
) -> None:
    opening = next(o for o in world.openings if o.application_id is not None)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="unhire"):
        edit_opening(
            world,
            opening.job_id,
            opening.id,
            OpeningChanges(status="open"),
            actor_id=admin,
        )

    assert dump(world) == before


def test_edit_opening__of_another_job_is_not_found(
    world: World, dump: Dump, admin: int
) -> None:
    first, second = list(world.jobs)[:2]
    before = dump(world)

    with pytest.raises(NotFound):
        edit_opening(
            world, first.id, second.opening_ids[0], OpeningChanges(), actor_id=admin
        )

    assert dump(world) == before


# -- destroy_openings -----------------------------------------------------------------


def test_destroy_openings__only_closed_unfilled(world: World, admin: int) -> None:
    job = _closed_job(world)
    unfilled = _closed_unfilled(world, job)
    others = [o.id for o in world.openings if o.application_id is not None][:1]
    foreign = _open_job(world).opening_ids[0]

    deleted, failed = destroy_openings(
        world, job.id, [unfilled, *others, foreign, 42, unfilled], actor_id=admin
    )

    assert deleted == [unfilled]
    assert failed == [*others, foreign, 42]
    assert unfilled not in world.openings
    assert unfilled not in job.opening_ids


def test_destroy_openings__nothing_to_delete_changes_nothing(
    world: World, dump: Dump, admin: int
) -> None:
    job = _open_job(world)
    before = dump(world)

    deleted, failed = destroy_openings(world, job.id, job.opening_ids, actor_id=admin)

    assert deleted == []
    assert failed == job.opening_ids
    assert dump(world) == before


# -- posts -----------------------------------------------------------------------------


def _live_post(world: World) -> int:
    return next(p.id for p in world.job_posts if p.live)


def test_update_post__title_content_and_office(world: World, admin: int) -> None:
    post = world.job_posts.get(_live_post(world))
    office = world.offices.get(world.offices.ids[-1])

    events = update_post(
        world,
        post.id,
        title="New title",
        content="<p>New</p>",
        location=PostLocation(office_id=office.id),
        actor_id=admin,
    )

    at = world.clock.now()
    assert events == [Event("job_post_updated", post.id, at)]
    assert (post.title, post.content, post.updated_at) == (
        "New title",
        "<p>New</p>",
        at,
    )
    assert (post.location, post.office_id) == (office.location, office.id)


def test_update_post__free_text_and_custom_locations(world: World, admin: int) -> None:
    post = world.job_posts.get(_live_post(world))
    custom = next(
        c for c in world.custom_locations if c.board_id == post.board_id and c.active
    )

    update_post(world, post.id, location=PostLocation(text="Mars"), actor_id=admin)
    free = (post.location, post.office_id, post.custom_location_id)
    update_post(
        world,
        post.id,
        location=PostLocation(custom_location_id=custom.id),
        actor_id=admin,
    )

    assert free == ("Mars", None, None)
    assert (post.location, post.custom_location_id) == (custom.value, custom.id)


def test_update_post__same_values_change_nothing(
    world: World, dump: Dump, admin: int
) -> None:
    post = world.job_posts.get(_live_post(world))
    before = dump(world)

    events = update_post(world, post.id, title=post.title, actor_id=admin)

    assert events == []
    assert dump(world) == before


@pytest.mark.parametrize(
    ("location", "field"),
    [
        (PostLocation(office_id=7), "location.office_id"),
        (PostLocation(custom_location_id=7), "location.custom_location_id"),
        (PostLocation(custom_location_id=300_005), "location.custom_location_id"),
    ],
)
def test_update_post__invalid_location(
    world: World, dump: Dump, admin: int, location: PostLocation, field: str
) -> None:
    post = world.job_posts.get(_live_post(world))
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        update_post(world, post.id, location=location, actor_id=admin)

    assert caught.value.field == field
    assert dump(world) == before


def test_set_post_status__offline_leaves_the_board(world: World, admin: int) -> None:
    post = world.job_posts.get(_live_post(world))
    board = world.boards.get(post.board_id)
    assert world.is_on_board(post, board)

    events = set_post_status(world, post.id, live=False, actor_id=admin)

    assert events == [Event("job_post_updated", post.id, world.clock.now())]
    assert not world.is_on_board(post, board)


def test_set_post_status__live_sets_first_published(world: World, admin: int) -> None:
    post = next(
        p
        for p in world.job_posts
        if not p.live and world.jobs.get(p.job_id or 0).status == "open"
    )

    set_post_status(world, post.id, live=True, actor_id=admin)

    assert post.live
    assert post.first_published_at == world.clock.now()


def test_set_post_status__unchanged_sends_nothing(
    world: World, dump: Dump, admin: int
) -> None:
    before = dump(world)

    events = set_post_status(world, _live_post(world), live=True, actor_id=admin)

    assert events == []
    assert dump(world) == before


def test_set_post_status__post_of_a_closed_job_cannot_go_live(
    world: World, dump: Dump, admin: int
) -> None:
    post_id = _closed_job(world).post_ids[0]
    before = dump(world)

    with pytest.raises(InvalidTransition, match="closed"):
        set_post_status(world, post_id, live=True, actor_id=admin)

    assert dump(world) == before
