"""Moving applications to another job, converting prospects, deleting applications."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import Event, InvalidField, InvalidTransition, World
from simulator.world.actions import (
    convert_prospect,
    delete_application,
    transfer_to_job,
)
from simulator.world.records import Application, Job
from tests.world.picks import by_status, early_active, prospect

Dump = Callable[[World], dict[str, Any]]


def _other_open_job(world: World, app: Application) -> Job:
    return next(j for j in world.jobs if j.status == "open" and j.id != app.job_id)


def _draft(world: World) -> Job:
    return next(j for j in world.jobs if j.status == "draft")


def _last_activity(world: World, candidate_id: int) -> Any:
    return world.activities.get(world.activities_by_candidate[candidate_id][-1])


# -- transfer_to_job ------------------------------------------------------------------


def test_transfer__to_the_first_stage_of_the_new_job(world: World, admin: int) -> None:
    app = early_active(world)
    old_job = app.job_id
    job = _other_open_job(world, app)

    events = transfer_to_job(world, app.id, job.id, None, actor_id=admin)

    at = world.clock.now()
    assert events == [Event("transferred", app.id, at)]
    assert (app.job_id, app.current_stage_id, app.job_post_id) == (
        job.id,
        job.stage_ids[0],
        None,
    )
    assert app.id in world.applications_by_job.ids(job.id)
    assert app.id not in world.applications_by_job.ids(old_job or 0)
    activity = _last_activity(world, app.candidate_id)
    assert (activity.subject, activity.user_id) == ("Candidate Transferred", admin)


def test_transfer__to_a_named_stage(world: World, admin: int) -> None:
    app = early_active(world)
    job = _other_open_job(world, app)

    transfer_to_job(world, app.id, job.id, job.stage_ids[2], actor_id=admin)

    assert app.current_stage_id == job.stage_ids[2]


@pytest.mark.parametrize(
    ("target", "stage", "field"),
    [
        ("nowhere", None, "new_job_id"),
        ("same", None, "new_job_id"),
        ("other", 1, "new_stage_id"),
    ],
)
def test_transfer__invalid_field(
    world: World,
    dump: Dump,
    admin: int,
    target: str,
    stage: int | None,
    field: str,
) -> None:
    app = early_active(world)
    job_id = {
        "nowhere": 1,
        "same": app.job_id or 0,
        "other": _other_open_job(world, app).id,
    }[target]
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        transfer_to_job(world, app.id, job_id, stage, actor_id=admin)

    assert caught.value.field == field
    assert dump(world) == before


@pytest.mark.parametrize(
    ("pick", "message"),
    [
        (prospect, "prospect application"),
        (by_status("rejected"), "must be 'active'"),
        (by_status("hired"), "must be 'active'"),
    ],
)
def test_transfer__refused_for_state(
    world: World,
    dump: Dump,
    admin: int,
    pick: Callable[[World], Application],
    message: str,
) -> None:
    app = pick(world)
    job = _other_open_job(world, app)
    before = dump(world)

    with pytest.raises(InvalidTransition, match=message):
        transfer_to_job(world, app.id, job.id, None, actor_id=admin)

    assert dump(world) == before


def test_transfer__to_a_draft_job_is_refused(
    world: World, dump: Dump, admin: int
) -> None:
    app = early_active(world)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="draft"):
        transfer_to_job(world, app.id, _draft(world).id, None, actor_id=admin)

    assert dump(world) == before


# -- convert_prospect -----------------------------------------------------------------


def test_convert_prospect__makes_a_new_candidate_application(
    world: World, admin: int
) -> None:
    old = prospect(world)
    job = next(j for j in world.jobs if j.status == "open")
    count = len(world.applications)

    created, events = convert_prospect(world, old.id, job.id, None, actor_id=admin)

    at = world.clock.now()
    assert events == [
        Event("application_updated", old.id, at),
        Event("application_created", created.id, at),
    ]
    assert old.status == "converted"
    assert old.id in world.applications_by_status.ids("converted")
    assert len(world.applications) == count + 1
    assert (created.prospect, created.status, created.job_id) == (
        False,
        "active",
        job.id,
    )
    assert created.current_stage_id == job.stage_ids[0]
    assert created.candidate_id == old.candidate_id
    assert created.id in world.candidates.get(old.candidate_id).application_ids
    assert created.id in world.applications_by_job.ids(job.id)


@pytest.mark.parametrize(
    ("pick", "error"),
    [
        (early_active, InvalidTransition),
        (by_status("converted", job=False), InvalidTransition),
    ],
)
def test_convert_prospect__refused_for_state(
    world: World,
    dump: Dump,
    admin: int,
    pick: Callable[[World], Application],
    error: type[Exception],
) -> None:
    app = pick(world)
    job = next(j for j in world.jobs if j.status == "open")
    before = dump(world)

    with pytest.raises(error):
        convert_prospect(world, app.id, job.id, None, actor_id=admin)

    assert dump(world) == before


@pytest.mark.parametrize(
    ("job_id", "stage_id", "field"),
    [(1, None, "job_id"), (None, 1, "initial_stage_id")],
)
def test_convert_prospect__invalid_field(
    world: World,
    dump: Dump,
    admin: int,
    job_id: int | None,
    stage_id: int | None,
    field: str,
) -> None:
    app = prospect(world)
    job = next(j for j in world.jobs if j.status == "open")
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        convert_prospect(world, app.id, job_id or job.id, stage_id, actor_id=admin)

    assert caught.value.field == field
    assert dump(world) == before


# -- delete_application ---------------------------------------------------------------


@pytest.mark.parametrize("status", ["active", "rejected"])
def test_delete_application__removes_it_everywhere(
    world: World, admin: int, status: str
) -> None:
    app = by_status(status)(world)
    candidate = world.candidates.get(app.candidate_id)

    events = delete_application(world, app.id, actor_id=admin)

    at = world.clock.now()
    assert events == [Event("application_deleted", app.id, at)]
    assert events[0].removed is app
    assert app.id not in world.applications
    assert app.id not in world.applications.ids
    assert app.id not in world.applications_by_job.ids(app.job_id or 0)
    assert app.id not in world.applications_by_status.ids(status)
    assert app.id not in candidate.application_ids
    assert candidate.id in world.candidates
    activity = _last_activity(world, candidate.id)
    assert (activity.subject, activity.user_id) == ("Application Deleted", admin)


@pytest.mark.parametrize(
    ("pick", "message"),
    [(prospect, "prospect"), (by_status("hired"), "unhire it")],
)
def test_delete_application__refused(
    world: World,
    dump: Dump,
    admin: int,
    pick: Callable[[World], Application],
    message: str,
) -> None:
    app = pick(world)
    before = dump(world)

    with pytest.raises(InvalidTransition, match=message):
        delete_application(world, app.id, actor_id=admin)

    assert dump(world) == before
