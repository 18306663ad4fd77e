"""What the Approvals tests share: picking flows and users, a flow body, and a
snapshot of everything an approval write could change."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.world.actions.approvals import can_see_job
from simulator.world.records import Job, User
from simulator.world.records_hiring import ApprovalFlow


def state(sim: Simulator) -> Any:
    """Everything an approval write could change, as plain data."""
    world = sim.world
    tables = [
        (table._next_id, [dataclasses.asdict(row) for row in table])
        for table in (world.approval_flows, world.approver_groups, world.approvers)
    ]
    apps = [dataclasses.asdict(app) for app in world.applications]
    indexes = (world.approvers_by_user, world.approval_flows_by_job)
    return copy.deepcopy(
        (tables, apps, indexes, len(sim.dispatcher.log), world.clock.now())
    )


def unchanged_check(sim: Simulator) -> Callable[[], None]:
    """A check to call after the act: the approvals are as they were before."""
    before = state(sim)

    def check() -> None:
        assert state(sim) == before

    return check


def on_behalf(setup_headers: dict[str, str], user_id: int) -> dict[str, str]:
    return {**setup_headers, "On-Behalf-Of": str(user_id)}


def pick_flow(sim: Simulator, test: Callable[[ApprovalFlow], bool]) -> ApprovalFlow:
    flow = next((f for f in sim.world.approval_flows if test(f)), None)
    assert flow is not None, "the seeded world has no such approval flow"
    return flow


def open_job(sim: Simulator) -> Job:
    return next(job for job in sim.world.jobs if job.status == "open")


def outsider(sim: Simulator, job: Job) -> User:
    """An active user who cannot see the job at all."""
    found = next(
        (u for u in sim.world.users if not can_see_job(sim.world, u, job)), None
    )
    assert found is not None
    return found


def insiders(sim: Simulator, job: Job, count: int) -> list[User]:
    users = [u for u in sim.world.users if can_see_job(sim.world, u, job)]
    assert len(users) >= count
    return users[:count]


def put(
    client: TestClient, writer: dict[str, str], job_id: int, body: dict[str, Any]
) -> Any:
    return client.put(f"/v1/jobs/{job_id}/approval_flows", json=body, headers=writer)


def body(users: list[User], **extra: Any) -> dict[str, Any]:
    """Two groups; by default the job's template flow for candidate offers, which
    no seeded job has, so a first PUT creates it."""
    return {
        "approval_type": "offer_candidate",
        "sequential": True,
        "approver_groups": [
            {"approvals_required": 1, "approvers": [{"user_id": users[0].id}]},
            {"approvals_required": 1, "approvers": [{"email": users[1].email}]},
        ],
        **extra,
    }
