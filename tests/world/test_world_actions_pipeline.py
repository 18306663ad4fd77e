"""Moving active applications through the stages of their job."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import Event, InvalidField, InvalidTransition, NotFound, World
from simulator.world.actions import advance, move
from simulator.world.records import Application
from tests.world.picks import NOT_ACTIVE, Pick, early_active, prospect

Dump = Callable[[World], dict[str, Any]]


NO_STAGE = {**NOT_ACTIVE, "prospect": prospect}


def _last_activity(world: World, candidate_id: int) -> Any:
    return world.activities.get(world.activities_by_candidate[candidate_id][-1])


def _stage_ids(world: World, app: Application) -> list[int]:
    return world.jobs.get(app.job_id).stage_ids


# -- advance ------------------------------------------------------------------------


def test_advance__moves_to_next_stage(world: World, admin: int) -> None:
    app = early_active(world)
    stage_ids = _stage_ids(world, app)
    start = stage_ids.index(app.current_stage_id)

    events = advance(world, app.id, app.current_stage_id, actor_id=admin)

    at = world.clock.now()
    assert events == [Event("stage_changed", app.id, at)]
    assert app.current_stage_id == stage_ids[start + 1]
    assert app.last_activity_at == at
    assert world.candidates.get(app.candidate_id).last_activity == at


def test_advance__records_activity_with_actor(world: World, admin: int) -> None:
    app = early_active(world)
    before = world.clock.now()

    events = advance(world, app.id, app.current_stage_id, actor_id=admin)

    activity = _last_activity(world, app.candidate_id)
    stage = world.stages.get(app.current_stage_id)
    assert events[0].at > before
    assert activity.subject == "Candidate Stage Change"
    assert (activity.user_id, activity.created_at) == (admin, events[0].at)
    assert f"moved into {stage.name} for " in activity.body
    assert activity.body.endswith(f"by {world.users.get(admin).name}")


@pytest.mark.parametrize("pick", NO_STAGE.values(), ids=NO_STAGE.keys())
def test_advance__refused_without_active_stage(
    world: World, dump: Dump, admin: int, pick: Pick
) -> None:
    app = pick(world)
    before = dump(world)

    with pytest.raises(InvalidTransition):
        advance(world, app.id, app.current_stage_id or 0, actor_id=admin)

    assert dump(world) == before


def test_advance__refused_from_wrong_stage(
    world: World, dump: Dump, admin: int
) -> None:
    app = early_active(world)
    other = _stage_ids(world, app)[-1]
    before = dump(world)

    with pytest.raises(InvalidField, match=f"not in stage {other}") as caught:
        advance(world, app.id, other, actor_id=admin)

    assert caught.value.field == "from_stage_id"
    assert dump(world) == before


def test_advance__refused_from_last_stage(world: World, dump: Dump, admin: int) -> None:
    app = early_active(world)
    last = _stage_ids(world, app)[-1]
    move(world, app.id, app.current_stage_id, last, actor_id=admin)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="last stage"):
        advance(world, app.id, last, actor_id=admin)

    assert dump(world) == before


def test_advance__unknown_application(world: World, dump: Dump, admin: int) -> None:
    before = dump(world)

    with pytest.raises(NotFound, match="Application 5 does not exist"):
        advance(world, 5, 1, actor_id=admin)

    assert dump(world) == before


def test_advance__unknown_actor(world: World, dump: Dump) -> None:
    app = early_active(world)
    before = dump(world)

    with pytest.raises(NotFound, match="User 3 does not exist"):
        advance(world, app.id, app.current_stage_id, actor_id=3)

    assert dump(world) == before


# -- move ---------------------------------------------------------------------------


@pytest.mark.parametrize("index", [0, -1, -2])
def test_move__to_any_stage_of_the_job(world: World, admin: int, index: int) -> None:
    app = early_active(world)
    target = _stage_ids(world, app)[index]

    events = move(world, app.id, app.current_stage_id, target, actor_id=admin)

    assert events == [Event("stage_changed", app.id, world.clock.now())]
    assert app.current_stage_id == target
    assert app.last_activity_at == events[0].at
    assert _last_activity(world, app.candidate_id).user_id == admin


def test_move__unknown_to_stage(world: World, dump: Dump, admin: int) -> None:
    app = early_active(world)
    before = dump(world)

    with pytest.raises(InvalidField, match="Stage 999 is not a stage") as caught:
        move(world, app.id, app.current_stage_id, 999, actor_id=admin)

    assert caught.value.field == "to_stage_id"
    assert dump(world) == before


def test_move__to_stage_of_other_job(world: World, dump: Dump, admin: int) -> None:
    app = early_active(world)
    other_job = next(job for job in world.jobs if job.id != app.job_id)
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        move(
            world, app.id, app.current_stage_id, other_job.stage_ids[1], actor_id=admin
        )

    assert caught.value.field == "to_stage_id"
    assert dump(world) == before


def test_move__from_wrong_stage(world: World, dump: Dump, admin: int) -> None:
    app = early_active(world)
    stage_ids = _stage_ids(world, app)
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        move(world, app.id, stage_ids[-1], stage_ids[-2], actor_id=admin)

    assert caught.value.field == "from_stage_id"
    assert dump(world) == before


@pytest.mark.parametrize("pick", NO_STAGE.values(), ids=NO_STAGE.keys())
def test_move__refused_without_active_stage(
    world: World, dump: Dump, admin: int, pick: Pick
) -> None:
    app = pick(world)
    target = next(iter(world.stages)).id
    before = dump(world)

    with pytest.raises(InvalidTransition):
        move(world, app.id, app.current_stage_id or 0, target, actor_id=admin)

    assert dump(world) == before
