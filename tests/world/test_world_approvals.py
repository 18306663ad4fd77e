"""Approval flows in the world: the seeded ones, the actions, and hiring's rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import InvalidTransition, World
from simulator.world.actions import (
    ApproverRef,
    GroupSpec,
    hire,
    put_approval_flow,
    request_approvals,
)
from simulator.world.actions.approvals import can_see_job, unfinished_approvals
from simulator.world.records import Application


def _groups(world: World, job_id: int, count: int = 2) -> list[GroupSpec]:
    job = world.jobs.get(job_id)
    users = [u.id for u in world.users if can_see_job(world, u, job)][:count]
    return [GroupSpec(1, [ApproverRef("user_id", user_id)]) for user_id in users]


def _hireable(world: World) -> Application:
    return next(
        app
        for app in world.applications
        if app.status == "active"
        and app.job_id is not None
        and world.jobs.get(app.job_id).status == "open"
        and len(world.open_openings(world.jobs.get(app.job_id))) > 1
    )


def test_seeded__every_recruiting_job_had_its_opening_approved(world: World) -> None:
    for job in world.jobs:
        flows = [
            world.approval_flows.get(i) for i in world.approval_flows_by_job.ids(job.id)
        ]
        opening = [f for f in flows if f.approval_type == "open_job"]
        assert len(opening) == 1
        expected = "pending" if job.status == "draft" else "approved"
        assert opening[0].status == expected


def test_seeded__no_seeded_approval_stands_in_the_way_of_a_hire(world: World) -> None:
    blocked = [app.id for app in world.applications if unfinished_approvals(world, app)]

    assert blocked == []


def test_seeded__pending_approvals_are_waiting_or_due(world: World) -> None:
    pending = [a for a in world.approvers if a.pending]

    assert pending
    for approver in pending:
        assert world.approval_flows.get(approver.flow_id).status == "pending"
        assert approver.id in world.approvers_by_user.ids(approver.user_id)


@pytest.mark.parametrize(
    ("sequential", "expected"),
    [(True, [["due"], ["waiting"]]), (False, [["due"], ["due"]])],
)
def test_request_approvals__sequential_asks_the_first_group_parallel_asks_all(
    world: World, admin: int, sequential: bool, expected: list[list[str]]
) -> None:
    job_id = _hireable(world).job_id
    assert job_id is not None
    flow = put_approval_flow(
        world,
        job_id,
        approval_type="offer_candidate",
        offer_id=None,
        sequential=sequential,
        groups=_groups(world, job_id),
        actor_id=admin,
    )

    request_approvals(world, flow.id, actor_id=admin)

    statuses = [
        [world.approvers.get(i).status for i in group.approver_ids]
        for group in world.flow_groups(flow)
    ]
    assert statuses == expected
    assert flow.requested_by_user_id == admin


def _offer_flow(world: World, admin: int, offer_id: int | None, job_id: int) -> Any:
    return put_approval_flow(
        world,
        job_id,
        approval_type="offer_candidate",
        offer_id=offer_id,
        sequential=True,
        groups=_groups(world, job_id),
        actor_id=admin,
    )


@pytest.mark.parametrize(
    ("whose", "blocks"),
    [("this", True), ("other", False), ("template", False)],
)
def test_hire__waits_for_this_applications_offer_approvals_only(
    world: World, admin: int, dump: Callable[[World], Any], whose: str, blocks: bool
) -> None:
    offer = next(
        o
        for o in world.offers
        if o.status == "unresolved"
        and world.applications.get(o.application_id).status == "active"
        and len(world.open_openings(world.jobs.get(o.job_id))) > 0
        and any(p.job_id == o.job_id and p.id != o.id for p in world.offers)
    )
    other = next(
        p for p in world.offers if p.job_id == offer.job_id and p.id != offer.id
    )
    chosen = {"this": offer.id, "other": other.id, "template": None}[whose]
    _offer_flow(world, admin, chosen, offer.job_id)
    before = dump(world)

    def act() -> None:
        hire(world, offer.application_id, actor_id=admin)

    if blocks:
        with pytest.raises(InvalidTransition, match="approvals must be done"):
            act()
        assert dump(world) == before
    else:
        act()
        assert world.applications.get(offer.application_id).status == "hired"
