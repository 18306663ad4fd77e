"""Harvest's Approvals group: replacing an approver in a group."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from tests.harvest import approval_helpers as ah


@pytest.fixture
def unchanged(sim: Simulator) -> Callable[[], None]:
    return ah.unchanged_check(sim)


# -- replace approvers ---------------------------------------------------------------


def _pending_group(sim: Simulator, *, due: bool) -> tuple[int, int]:
    """A group of a pending flow, and one of its approvers' user ids."""
    for flow in sim.world.approval_flows:
        if flow.status != "pending":
            continue
        group = sim.world.flow_groups(flow)[0]
        approver = sim.world.approvers.get(group.approver_ids[0])
        if (approver.status == "due") == due:
            return group.id, approver.user_id
    raise AssertionError("no such group")


@pytest.mark.parametrize("due", [False, True])
def test_replace_approvers__swaps_one_approver_and_keeps_the_groups_state(
    client: TestClient, writer: dict[str, str], sim: Simulator, due: bool
) -> None:
    job = ah.open_job(sim)
    users = ah.insiders(sim, job, 3)
    flow_id = ah.put(client, writer, job.id, ah.body(users[:2])).json()[
        "approval_flow_id"
    ]
    if due:
        client.post(f"/v1/approval_flows/{flow_id}/request_approvals", headers=writer)
    group = sim.world.flow_groups(sim.world.approval_flows.get(flow_id))[0]

    response = client.put(
        f"/v1/approver_groups/{group.id}/replace_approvers",
        json={"remove_user_id": users[0].id, "add_user_id": users[2].id},
        headers=writer,
    )

    assert response.status_code == 200
    assert response.json() == {
        "success": "true",
        "message": "Approver group updated.",
        "approval_flow_id": flow_id,
        "approver_group_id": group.id,
        "removed_user_id": users[0].id,
        "added_user_id": users[2].id,
    }
    approvers = [sim.world.approvers.get(i) for i in group.approver_ids]
    assert [a.user_id for a in approvers] == [users[2].id]
    assert approvers[0].status == ("due" if due else "waiting")


def test_replace_approvers__in_a_resolved_group_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
) -> None:
    flow = ah.pick_flow(sim, lambda f: f.status == "approved")
    group = sim.world.flow_groups(flow)[0]
    user_id = sim.world.approvers.get(group.approver_ids[0]).user_id
    other = next(u.id for u in sim.world.users if u.site_admin and u.id != user_id)

    response = client.put(
        f"/v1/approver_groups/{group.id}/replace_approvers",
        json={"remove_user_id": user_id, "add_user_id": other},
        headers=writer,
    )

    assert response.status_code == 422
    assert (
        "only approvers in unresolved groups" in response.json()["errors"][0]["message"]
    )
    unchanged()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"add_user_id": "ADMIN"}, "remove_user_id"),
        ({"remove_user_id": "APPROVER"}, "add_user_id"),
        ({"remove_user_id": "ADMIN", "add_user_id": "OTHER"}, "remove_user_id"),
        ({"remove_user_id": "APPROVER", "add_user_id": 4099999}, "add_user_id"),
        ({"remove_user_id": "APPROVER", "add_user_id": "APPROVER"}, "add_user_id"),
        ({"remove_user_id": "APPROVER", "add_user_id": "OUTSIDER"}, "add_user_id"),
        ({"remove_user_id": "APPROVER", "add_user_id": "x"}, "add_user_id"),
    ],
)
def test_replace_approvers__bad_fields_are_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    body: dict[str, Any],
    field: str,
) -> None:
    group_id, approver = _pending_group(sim, due=False)
    job = sim.world.jobs.get(
        sim.world.approval_flows.get(
            sim.world.approver_groups.get(group_id).flow_id
        ).job_id
    )
    admin = next(u.id for u in sim.world.users if u.site_admin and u.id != approver)
    other = next(u.id for u in sim.world.users if u.site_admin and u.id != admin)
    names = {
        "ADMIN": admin,
        "APPROVER": approver,
        "OTHER": other,
        "OUTSIDER": ah.outsider(sim, job).id,
    }
    sent = {k: names.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    before = ah.state(sim)

    response = client.put(
        f"/v1/approver_groups/{group_id}/replace_approvers", json=sent, headers=writer
    )

    assert response.status_code == 422
    assert response.json()["message"] == "Validation error"
    assert response.json()["errors"][0]["field"] == field
    assert ah.state(sim) == before


def test_replace_approvers__unknown_group_404_and_outsider_403(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
) -> None:
    group_id, approver = _pending_group(sim, due=False)
    flow = sim.world.approval_flows.get(sim.world.approver_groups.get(group_id).flow_id)
    outsider = ah.outsider(sim, sim.world.jobs.get(flow.job_id))
    body = {"remove_user_id": approver, "add_user_id": approver}

    missing = client.put(
        "/v1/approver_groups/8199999/replace_approvers", json=body, headers=writer
    )
    refused = client.put(
        f"/v1/approver_groups/{group_id}/replace_approvers",
        json=body,
        headers=ah.on_behalf(writer, outsider.id),
    )

    assert missing.status_code == 404
    assert refused.status_code == 403
    unchanged()
