"""Harvest's Approvals group: creating or replacing a flow, and the rule a hire
obeys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.world.actions.approvals import can_see_job
from tests.harvest import approval_helpers as ah


@pytest.fixture
def unchanged(sim: Simulator) -> Callable[[], None]:
    return ah.unchanged_check(sim)


# -- create or replace a flow ------------------------------------------------------


def test_put_approval_flow__creates_a_flow_with_approvers_by_id_email_employee_id(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = ah.open_job(sim)
    first, second = ah.insiders(sim, job, 2)
    third = next(
        u
        for u in sim.world.users
        if u.employee_id
        and u.id not in (first.id, second.id)
        and can_see_job(sim.world, u, job)
    )
    body = {
        "approval_type": "offer_candidate",
        "sequential": False,
        "approver_groups": [
            {
                "approvals_required": 2,
                "approvers": [{"user_id": first.id}, {"email": second.email.upper()}],
            },
            {
                "approvals_required": 1,
                "approvers": [
                    {"user_id": first.id},
                    {"employee_id": third.employee_id},
                ],
            },
        ],
    }

    response = ah.put(client, writer, job.id, body)

    assert response.status_code == 200
    assert response.json()["success"] is True
    flow_id = response.json()["approval_flow_id"]
    flow = client.get(f"/v1/approval_flows/{flow_id}", headers=harvest).json()
    assert flow["approval_status"] == "pending"
    assert flow["requested_by_user_id"] is None
    assert flow["sequential"] is False
    groups = [[a["id"] for a in g["approvers"]] for g in flow["approver_groups"]]
    # An approver named in two groups stays in the earlier group only.
    assert groups == [[first.id, second.id], [third.id]]


def test_put_approval_flow__replaces_a_pending_flow_keeping_who_stays(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    job = ah.open_job(sim)
    users = ah.insiders(sim, job, 3)
    flow_id = ah.put(client, writer, job.id, ah.body(users[:2])).json()[
        "approval_flow_id"
    ]
    flow = sim.world.approval_flows.get(flow_id)
    kept = sim.world.flow_groups(flow)[0].approver_ids[0]
    body = {
        "approval_type": "offer_candidate",
        "sequential": True,
        "approver_groups": [
            {
                "approvals_required": 1,
                "approvers": [{"user_id": users[0].id}, {"user_id": users[2].id}],
            }
        ],
    }

    response = ah.put(client, writer, job.id, body)

    assert response.json() == {"success": True, "approval_flow_id": flow_id}
    groups = sim.world.flow_groups(flow)
    assert len(groups) == 1
    assert groups[0].approver_ids[0] == kept
    assert [sim.world.approvers.get(i).user_id for i in groups[0].approver_ids] == [
        users[0].id,
        users[2].id,
    ]
    assert flow.version == 2


def test_put_approval_flow__restarts_a_started_flow(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    job = ah.open_job(sim)
    users = ah.insiders(sim, job, 2)
    flow_id = ah.put(client, writer, job.id, ah.body(users)).json()["approval_flow_id"]
    client.post(f"/v1/approval_flows/{flow_id}/request_approvals", headers=writer)
    flow = sim.world.approval_flows.get(flow_id)
    first = sim.world.flow_groups(flow)[0]
    sim.world.approvers.get(first.approver_ids[0]).status = "approved"

    ah.put(client, writer, job.id, ah.body(users))

    statuses = [
        [sim.world.approvers.get(i).status for i in group.approver_ids]
        for group in sim.world.flow_groups(flow)
    ]
    assert statuses == [["due"], ["waiting"]]


def test_put_approval_flow__an_approved_flow_cannot_change(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
) -> None:
    flow = ah.pick_flow(
        sim, lambda f: f.status == "approved" and f.approval_type == "open_job"
    )
    job = sim.world.jobs.get(flow.job_id)

    body = ah.body(ah.insiders(sim, job, 2), approval_type="open_job")

    response = ah.put(client, writer, job.id, body)

    assert response.status_code == 422
    assert (
        "approved or rejected flows cannot be changed"
        in response.json()["errors"][0]["message"]
    )
    unchanged()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"approval_type": None}, "approval_type"),
        ({"approval_type": "close_job"}, "approval_type"),
        ({"sequential": None}, "sequential"),
        ({"sequential": "yes"}, "sequential"),
        ({"approver_groups": None}, "approver_groups"),
        ({"approver_groups": []}, "approver_groups"),
        ({"approver_groups": "all"}, "approver_groups"),
        ({"approver_groups": [{"approvals_required": 0, "approvers": []}]},
         "approver_groups[0].approvals_required"),
        ({"approver_groups": [{"approvals_required": 2,
                               "approvers": [{"user_id": "U"}]}]},
         "approver_groups[0].approvers"),
        ({"approver_groups": [{"approvals_required": 1, "approvers": [{}]}]},
         "approver_groups[0].approvers[0]"),
        ({"approver_groups": [{"approvals_required": 1,
                               "approvers": [{"email": "nobody@example.com"}]}]},
         "approver_groups[0].approvers[0]"),
        ({"approver_groups": [{"approvals_required": 1,
                               "approvers": [{"user_id": "OUTSIDER"}]}]},
         "approver_groups[0].approvers[0]"),
        ({"approval_type": "open_job", "offer_id": "OFFER"}, "offer_id"),
        ({"approval_type": "offer_candidate", "offer_id": 30999999}, "offer_id"),
    ],
)  # fmt: skip
def test_put_approval_flow__bad_fields_are_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    change: dict[str, Any],
    field: str,
) -> None:
    offer = next(iter(sim.world.offers))
    job = sim.world.jobs.get(offer.job_id)
    users = ah.insiders(sim, job, 2)
    names = {"U": users[0].id, "OUTSIDER": ah.outsider(sim, job).id, "OFFER": offer.id}

    def named(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: named(v) for k, v in value.items()}
        if isinstance(value, list):
            return [named(v) for v in value]
        return names.get(value, value) if isinstance(value, str) else value

    body = {
        k: v for k, v in {**ah.body(users), **named(change)}.items() if v is not None
    }
    before = ah.state(sim)

    response = ah.put(client, writer, job.id, body)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert ah.state(sim) == before


def test_put_approval_flow__unknown_job_404_and_outsider_403(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
) -> None:
    job = ah.open_job(sim)
    body = ah.body(ah.insiders(sim, job, 2))

    missing = ah.put(client, writer, 4199999, body)
    refused = client.put(
        f"/v1/jobs/{job.id}/approval_flows",
        json=body,
        headers=ah.on_behalf(writer, ah.outsider(sim, job).id),
    )

    assert missing.status_code == 404
    assert refused.status_code == 403
    unchanged()


# -- the rule a hire obeys -------------------------------------------------------------


def _hireable(sim: Simulator) -> Any:
    """An active application on an open job with no offer-job approval flow."""
    world = sim.world
    return next(
        app
        for app in world.applications
        if app.status == "active"
        and app.job_id is not None
        and world.jobs.get(app.job_id).status == "open"
        and len(world.open_openings(world.jobs.get(app.job_id))) > 1
        and all(
            world.approval_flows.get(i).approval_type != "offer_job"
            for i in world.approval_flows_by_job.ids(app.job_id)
        )
    )


def test_hire__refused_while_a_job_approval_is_pending(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    app = _hireable(sim)
    job = sim.world.jobs.get(app.job_id)
    body = ah.body(ah.insiders(sim, job, 2), approval_type="offer_job")
    flow_id = ah.put(client, writer, job.id, body).json()["approval_flow_id"]
    before = ah.state(sim)

    response = client.post(f"/v1/applications/{app.id}/hire", json={}, headers=writer)

    assert response.status_code == 422
    assert response.json() == {
        "errors": [
            {
                "message": "All job and offer approvals must be done before hiring: "
                f"approval flow {flow_id} (offer_job) is pending"
            }
        ]
    }
    assert ah.state(sim) == before


def test_hire__goes_through_when_every_approval_is_done(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    app = _hireable(sim)
    flows = sim.world.approval_flows_by_job.ids(app.job_id)
    assert flows and all(
        sim.world.approval_flows.get(i).status == "approved" for i in flows
    )

    response = client.post(f"/v1/applications/{app.id}/hire", json={}, headers=writer)

    assert response.status_code == 200
    assert response.json()["status"] == "hired"
