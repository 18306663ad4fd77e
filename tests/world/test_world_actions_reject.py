"""Rejecting applications and taking rejections back."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import Event, InvalidField, InvalidTransition, NotFound, World
from simulator.world.actions import reject, unreject
from simulator.world.records import Application

Dump = Callable[[World], dict[str, Any]]
Pick = Callable[[World], Application]


def _early_active(world: World) -> Application:
    """An active job application at least two stages before its job's last one."""
    for app in world.applications:
        if app.status == "active" and app.job_id is not None:
            stage_ids = world.jobs.get(app.job_id).stage_ids
            if stage_ids.index(app.current_stage_id) < len(stage_ids) - 2:
                return app
    raise AssertionError("no early active application")


def _status(status: str) -> Pick:
    return lambda world: next(a for a in world.applications if a.status == status)


def _prospect(world: World) -> Application:
    return next(
        app
        for app in world.applications
        if app.status == "active" and app.job_id is None
    )


NOT_ACTIVE = {
    "rejected": _status("rejected"),
    "hired": _status("hired"),
    "converted": _status("converted"),
}


def _last_activity(world: World, candidate_id: int) -> Any:
    return world.activities.get(world.activities_by_candidate[candidate_id][-1])


# -- reject and unreject ------------------------------------------------------------


def test_reject__with_reason_and_notes(world: World, admin: int) -> None:
    app = _early_active(world)
    stage = app.current_stage_id
    reason = next(iter(world.rejection_reasons)).id

    events = reject(
        world, app.id, actor_id=admin, rejection_reason_id=reason, notes="Too far"
    )

    at = world.clock.now()
    activity = _last_activity(world, app.candidate_id)
    assert events == [Event("rejected", app.id, at)]
    assert (app.status, app.rejected_at, app.rejection_reason_id) == (
        "rejected",
        at,
        reason,
    )
    assert (app.current_stage_id, app.last_activity_at) == (stage, at)
    assert (activity.subject, activity.user_id) == ("Candidate Rejected", admin)
    assert activity.body.endswith(": Too far")


def test_reject__prospect_without_reason(world: World, admin: int) -> None:
    app = _prospect(world)

    events = reject(world, app.id, actor_id=admin)

    assert events == [Event("rejected", app.id, world.clock.now())]
    assert (app.status, app.rejection_reason_id) == ("rejected", None)
    assert "rejected from no job" in _last_activity(world, app.candidate_id).body


def test_reject__unknown_reason(world: World, dump: Dump, admin: int) -> None:
    app = _early_active(world)
    before = dump(world)

    with pytest.raises(InvalidField, match="Rejection reason 7 ") as caught:
        reject(world, app.id, actor_id=admin, rejection_reason_id=7)

    assert caught.value.field == "rejection_reason_id"
    assert dump(world) == before


@pytest.mark.parametrize("pick", NOT_ACTIVE.values(), ids=NOT_ACTIVE.keys())
def test_reject__refused_unless_active(
    world: World, dump: Dump, admin: int, pick: Pick
) -> None:
    app = pick(world)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="must be 'active'"):
        reject(world, app.id, actor_id=admin)

    assert dump(world) == before


def test_reject__unknown_actor(world: World, dump: Dump) -> None:
    app = _early_active(world)
    before = dump(world)

    with pytest.raises(NotFound):
        reject(world, app.id, actor_id=3)

    assert dump(world) == before


def test_unreject__restores_the_application(world: World, admin: int) -> None:
    app = _early_active(world)
    original = dataclasses.asdict(app)
    reason = next(iter(world.rejection_reasons)).id
    reject(world, app.id, actor_id=admin, rejection_reason_id=reason)

    events = unreject(world, app.id, actor_id=admin)

    at = world.clock.now()
    activity = _last_activity(world, app.candidate_id)
    assert events == [Event("unrejected", app.id, at)]
    assert dataclasses.asdict(app) == {**original, "last_activity_at": at}
    assert (activity.subject, activity.user_id) == ("Candidate Unrejected", admin)


def test_unreject__generated_rejection(world: World, admin: int) -> None:
    app = _status("rejected")(world)

    unreject(world, app.id, actor_id=admin)

    assert (app.status, app.rejected_at, app.rejection_reason_id) == (
        "active",
        None,
        None,
    )


@pytest.mark.parametrize(
    "pick",
    [_early_active, _status("hired"), _status("converted")],
    ids=["active", "hired", "converted"],
)
def test_unreject__refused_unless_rejected(
    world: World, dump: Dump, admin: int, pick: Pick
) -> None:
    app = pick(world)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="must be 'rejected'"):
        unreject(world, app.id, actor_id=admin)

    assert dump(world) == before


def test_unreject__unknown_actor(world: World, dump: Dump) -> None:
    app = _status("rejected")(world)
    before = dump(world)

    with pytest.raises(NotFound):
        unreject(world, app.id, actor_id=3)

    assert dump(world) == before
