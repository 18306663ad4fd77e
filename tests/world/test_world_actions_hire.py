"""Hiring into a job's openings, and undoing a hire."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import Event, InvalidField, InvalidTransition, NotFound, World
from simulator.world.actions import CandidateDetails, add_by_hand, hire, move, unhire
from simulator.world.records import Application, Job
from tests.world.picks import Pick, by_status

Dump = Callable[[World], dict[str, Any]]


def _open_job(world: World, min_open: int = 2) -> Job:
    return next(
        job
        for job in world.jobs
        if job.status == "open" and len(world.open_openings(job)) >= min_open
    )


def _add(world: World, job: Job, admin: int) -> Application:
    app, _ = add_by_hand(
        world, job.id, CandidateDetails("Ada", "Quinn"), source_id=None, actor_id=admin
    )
    return app


def _added_in_stage(world: World, job: Job, admin: int, index: int) -> Application:
    app = _add(world, job, admin)
    move(world, app.id, app.current_stage_id, job.stage_ids[index], actor_id=admin)
    return app


def _last_activity(world: World, candidate_id: int) -> Any:
    return world.activities.get(world.activities_by_candidate[candidate_id][-1])


# -- hire ---------------------------------------------------------------------------


def test_hire__fills_first_open_opening(world: World, admin: int) -> None:
    job = _open_job(world)
    app = _added_in_stage(world, job, admin, 2)
    opening = world.open_openings(job)[0]

    events = hire(world, app.id, actor_id=admin, start_date="2026-07-01")

    at = world.clock.now()
    assert events == [Event("hired", app.id, at)]
    assert (app.status, app.current_stage_id) == ("hired", None)
    assert app.stage_before_hire_id == job.stage_ids[2]
    assert (app.hired_opening_id, app.hired_at) == (opening.id, at)
    assert (app.start_date, app.last_activity_at) == ("2026-07-01", at)
    assert (opening.closed_at, opening.application_id) == (at, app.id)
    assert world.close_reasons.get(opening.close_reason_id).name == "Hired"
    assert (job.status, job.closed_at) == ("open", None)


def test_hire__records_activity_with_actor(world: World, admin: int) -> None:
    job = _open_job(world)
    app = _add(world, job, admin)

    events = hire(world, app.id, actor_id=admin)

    activity = _last_activity(world, app.candidate_id)
    actor = world.users.get(admin)
    assert (activity.subject, activity.user_id) == ("Candidate Hired", admin)
    assert activity.created_at == events[0].at
    assert activity.body == f"Ada Quinn was hired for {job.name} by {actor.name}"


def test_hire__named_opening_and_close_reason(world: World, admin: int) -> None:
    job = _open_job(world)
    app = _add(world, job, admin)
    first, second = world.open_openings(job)[:2]
    reason = next(r for r in world.close_reasons if r.name == "Hired - Internal")

    hire(world, app.id, actor_id=admin, opening_id=second.id, close_reason_id=reason.id)

    assert app.hired_opening_id == second.id
    assert (second.application_id, second.close_reason_id) == (app.id, reason.id)
    assert first.closed_at is None


def test_hire__last_opening_closes_the_job(world: World, admin: int) -> None:
    job = _open_job(world)
    apps = [_add(world, job, admin) for _ in world.open_openings(job)]
    for app in apps[:-1]:
        hire(world, app.id, actor_id=admin)
    assert (job.status, len(world.open_openings(job))) == ("open", 1)

    events = hire(world, apps[-1].id, actor_id=admin)

    at = events[0].at
    assert (job.status, job.closed_at, job.updated_at) == ("closed", at, at)
    assert world.open_openings(job) == []


def test_unhire__reopens_opening_and_job_and_stage(world: World, admin: int) -> None:
    job = _open_job(world)
    apps = [_add(world, job, admin) for _ in world.open_openings(job)]
    last = apps[-1]
    move(world, last.id, last.current_stage_id, job.stage_ids[3], actor_id=admin)
    for app in apps:
        hire(world, app.id, actor_id=admin)
    opening = world.openings.get(last.hired_opening_id)

    events = unhire(world, last.id, actor_id=admin)

    at = world.clock.now()
    assert events == [Event("unhired", last.id, at)]
    assert (job.status, job.closed_at, job.updated_at) == ("open", None, at)
    assert world.open_openings(job) == [opening]
    assert (opening.closed_at, opening.application_id) == (None, None)
    assert opening.close_reason_id is None
    assert (last.status, last.current_stage_id) == ("active", job.stage_ids[3])
    assert (last.hired_opening_id, last.hired_at) == (None, None)
    assert last.stage_before_hire_id is None
    assert last.last_activity_at == at


def test_unhire__restores_the_application_as_before_the_hire(
    world: World, admin: int
) -> None:
    job = _open_job(world)
    app = _added_in_stage(world, job, admin, 1)
    original = dataclasses.asdict(app)
    hire(world, app.id, actor_id=admin)

    unhire(world, app.id, actor_id=admin)

    at = world.clock.now()
    assert dataclasses.asdict(app) == {**original, "last_activity_at": at}


def test_unhire__clears_the_start_date(world: World, admin: int) -> None:
    app = _add(world, _open_job(world), admin)
    hire(world, app.id, actor_id=admin, start_date="2026-07-01")

    unhire(world, app.id, actor_id=admin)

    assert app.start_date is None


def test_unhire__generated_hire_returns_to_last_stage(world: World, admin: int) -> None:
    app = by_status("hired")(world)
    job = world.jobs.get(app.job_id)
    opening = world.openings.get(app.hired_opening_id)

    unhire(world, app.id, actor_id=admin)

    activity = _last_activity(world, app.candidate_id)
    assert (app.status, app.current_stage_id) == ("active", job.stage_ids[-1])
    assert opening in world.open_openings(job)
    assert job.status == "open"
    assert (activity.subject, activity.user_id) == ("Candidate Unhired", admin)


# -- refusals -----------------------------------------------------------------------

REFUSED_HIRES = {
    "prospect": (by_status("active", job=False), "prospect"),
    "converted": (by_status("converted", job=False), "prospect"),
    "rejected": (by_status("rejected"), "must be 'active'"),
    "hired": (by_status("hired"), "must be 'active'"),
}


@pytest.mark.parametrize(
    ("pick", "match"), REFUSED_HIRES.values(), ids=REFUSED_HIRES.keys()
)
def test_hire__refused_for_status(
    world: World, dump: Dump, admin: int, pick: Pick, match: str
) -> None:
    app = pick(world)
    before = dump(world)

    with pytest.raises(InvalidTransition, match=match):
        hire(world, app.id, actor_id=admin)

    assert dump(world) == before


@pytest.mark.parametrize(
    "start_date",
    ["2026-02-30", "06/01/2026", "20260601", "2026-06-01T09:00", "", "2026-6-1"],
)
def test_hire__bad_start_date(
    world: World, dump: Dump, admin: int, start_date: str
) -> None:
    app = _add(world, _open_job(world), admin)
    before = dump(world)

    with pytest.raises(InvalidField, match="YYYY-MM-DD") as caught:
        hire(world, app.id, actor_id=admin, start_date=start_date)

    assert caught.value.field == "start_date"
    assert dump(world) == before


def test_hire__unknown_close_reason(world: World, dump: Dump, admin: int) -> None:
    app = _add(world, _open_job(world), admin)
    before = dump(world)

    with pytest.raises(InvalidField, match="Close reason 5 ") as caught:
        hire(world, app.id, actor_id=admin, close_reason_id=5)

    assert caught.value.field == "close_reason_id"
    assert dump(world) == before


def test_hire__no_open_openings(world: World, dump: Dump, admin: int) -> None:
    job = next(job for job in world.jobs if job.status == "closed")
    app = _add(world, job, admin)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="no open openings"):
        hire(world, app.id, actor_id=admin)

    assert dump(world) == before


BAD_OPENINGS: dict[str, Callable[[World, Job], int]] = {
    "unknown": lambda world, job: 1,
    "other_job": lambda world, job: next(
        o.id for o in world.openings if o.job_id != job.id and o.closed_at is None
    ),
    "closed": lambda world, job: next(
        o.id for o in world.openings if o.job_id == job.id and o.closed_at is not None
    ),
}


@pytest.mark.parametrize("bad", BAD_OPENINGS.values(), ids=BAD_OPENINGS.keys())
def test_hire__bad_opening_id(
    world: World, dump: Dump, admin: int, bad: Callable[[World, Job], int]
) -> None:
    job = world.jobs.get(by_status("hired")(world).job_id)
    app = _add(world, job, admin)
    opening_id = bad(world, job)
    before = dump(world)

    with pytest.raises(InvalidField, match=f"Opening {opening_id} ") as caught:
        hire(world, app.id, actor_id=admin, opening_id=opening_id)

    assert caught.value.field == "opening_id"
    assert dump(world) == before


@pytest.mark.parametrize(("app_id", "actor_id"), [(5, None), (None, 3)])
def test_hire__unknown_application_or_actor(
    world: World, dump: Dump, admin: int, app_id: int | None, actor_id: int | None
) -> None:
    app = _add(world, _open_job(world), admin)
    before = dump(world)

    with pytest.raises(NotFound):
        hire(world, app_id or app.id, actor_id=actor_id or admin)

    assert dump(world) == before


@pytest.mark.parametrize(
    "pick",
    [by_status("active"), by_status("rejected"), by_status("converted", job=False)],
    ids=["active", "rejected", "converted"],
)
def test_unhire__refused_unless_hired(
    world: World, dump: Dump, admin: int, pick: Pick
) -> None:
    app = pick(world)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="must be 'hired'"):
        unhire(world, app.id, actor_id=admin)

    assert dump(world) == before


def test_unhire__unknown_actor(world: World, dump: Dump) -> None:
    app = by_status("hired")(world)
    before = dump(world)

    with pytest.raises(NotFound, match="User 3 does not exist"):
        unhire(world, app.id, actor_id=3)

    assert dump(world) == before
