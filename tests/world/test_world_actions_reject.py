"""Rejecting applications and taking rejections back."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import Event, InvalidField, InvalidTransition, NotFound, World
from simulator.world.actions import reject, unreject
from tests.world.picks import NOT_ACTIVE, Pick, by_status, early_active, prospect

Dump = Callable[[World], dict[str, Any]]


def _last_activity(world: World, candidate_id: int) -> Any:
    return world.activities.get(world.activities_by_candidate[candidate_id][-1])


# -- reject and unreject ------------------------------------------------------------


def test_reject__with_reason_and_notes(world: World, admin: int) -> None:
    app = early_active(world)
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
    app = prospect(world)

    events = reject(world, app.id, actor_id=admin)

    assert events == [Event("rejected", app.id, world.clock.now())]
    assert (app.status, app.rejection_reason_id) == ("rejected", None)
    assert "rejected from no job" in _last_activity(world, app.candidate_id).body


def test_reject__unknown_reason(world: World, dump: Dump, admin: int) -> None:
    app = early_active(world)
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
    app = early_active(world)
    before = dump(world)

    with pytest.raises(NotFound):
        reject(world, app.id, actor_id=3)

    assert dump(world) == before


def test_unreject__restores_the_application(world: World, admin: int) -> None:
    app = early_active(world)
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
    app = by_status("rejected")(world)

    unreject(world, app.id, actor_id=admin)

    assert (app.status, app.rejected_at, app.rejection_reason_id) == (
        "active",
        None,
        None,
    )


@pytest.mark.parametrize(
    "pick",
    [early_active, by_status("hired"), by_status("converted", job=False)],
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
    app = by_status("rejected")(world)
    before = dump(world)

    with pytest.raises(NotFound):
        unreject(world, app.id, actor_id=3)

    assert dump(world) == before
