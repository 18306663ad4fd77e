"""The fixed tables every world has: templates, pools, custom locations, education."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from simulator.world import World

Built = Callable[[int, int], World]


@pytest.mark.parametrize(("seed", "size"), [(1, 10), (7, 60), (3, 400)])
def test_world__organization_wide_rejection_templates(
    built: Built, seed: int, size: int
) -> None:
    world = built(seed, size)

    org_wide = [t for t in world.email_templates if t.user_id is None]
    personal = [t for t in world.email_templates if t.user_id is not None]

    assert any(t.type == "candidate_rejection" for t in org_wide)
    assert personal and all(t.user_id in world.users for t in personal)
    assert all(t.created_at <= t.updated_at for t in world.email_templates)


def test_world__education_lists_in_priority_order(built: Built) -> None:
    world = built(7, 60)

    for table in (world.degrees, world.disciplines, world.schools):
        assert [item.priority for item in table] == list(range(len(table)))
        assert len({item.name for item in table}) == len(table)


def test_world__prospect_pools_own_their_stages(built: Built) -> None:
    world = built(7, 60)

    for pool in world.prospect_pools:
        assert pool.stage_ids
        assert {world.prospect_stages.get(i).pool_id for i in pool.stage_ids} == {
            pool.id
        }


def test_world__custom_locations_on_public_boards_only(built: Built) -> None:
    world = built(7, 60)

    boards = {location.board_id for location in world.custom_locations}

    assert boards == {board.id for board in world.boards if not board.internal}
    assert any(not location.active for location in world.custom_locations)


def test_world__each_job_team_holds_its_responsible_members(built: Built) -> None:
    world = built(7, 60)

    for job in world.jobs:
        assert job.recruiter_ids == [job.recruiter_id]
        assert job.coordinator_ids == [job.coordinator_id]
        assert (job.is_template, job.copied_from_id) == (False, None)
