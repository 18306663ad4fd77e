"""Harvest's Approvals group: reads, and starting a flow."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.world.actions.approvals import can_request_approvals
from simulator.world.records_hiring import ApprovalFlow
from tests.harvest import approval_helpers as ah


@pytest.fixture
def unchanged(sim: Simulator) -> Callable[[], None]:
    return ah.unchanged_check(sim)


# -- reads -------------------------------------------------------------------------


def test_list_approvals_for_job__the_jobs_flows_in_greenhouses_shape(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    job = ah.open_job(sim)

    response = client.get(f"/v1/jobs/{job.id}/approval_flows", headers=harvest)

    assert response.status_code == 200
    flows = response.json()
    assert {f["id"] for f in flows} == set(sim.world.approval_flows_by_job.ids(job.id))
    open_job = next(f for f in flows if f["approval_type"] == "open_job")
    assert open_job["approval_status"] == "approved"
    assert open_job["job_id"] == job.id
    group = open_job["approver_groups"][0]
    assert set(group) == {
        "id",
        "approvals_required",
        "created_at",
        "resolved_at",
        "priority",
        "job_id",
        "offer_id",
        "approvers",
    }
    assert set(group["approvers"][0]) == {
        "id",
        "name",
        "employee_id",
        "email_addresses",
    }


def test_list_approvals_for_job__pages_with_a_next_link_only(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = ah.open_job(sim)
    users = ah.insiders(sim, job, 2)
    ah.put(client, writer, job.id, ah.body(users))
    expected = sim.world.approval_flows_by_job.ids(job.id)
    assert len(expected) >= 2
    url: str | None = f"/v1/jobs/{job.id}/approval_flows?per_page=1"
    seen: list[int] = []

    while url:
        response = client.get(url, headers=harvest)
        seen += [flow["id"] for flow in response.json()]
        link = response.headers.get("link")
        assert link is None or ('rel="next"' in link and "prev" not in link)
        assert link is None or "last" not in link
        url = link[1 : link.index(">")] if link else None

    assert seen == expected


@pytest.mark.parametrize(
    "path", ["/v1/jobs/4199999/approval_flows", "/v1/approval_flows/8099999"]
)
def test_approval_reads__unknown_ids_are_404(
    client: TestClient, harvest: dict[str, str], path: str
) -> None:
    response = client.get(path, headers=harvest)

    assert response.status_code == 404
    assert response.json() == {"message": "Resource not found"}


def test_retrieve_approval_flow__one_flow(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    flow = next(iter(sim.world.approval_flows))

    response = client.get(f"/v1/approval_flows/{flow.id}", headers=harvest)

    assert response.status_code == 200
    assert response.json()["id"] == flow.id
    assert response.json()["version"] == flow.version


def test_pending_approvals__lists_the_users_undecided_approvals(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    flow = ah.pick_flow(sim, lambda f: f.status == "pending")
    group = sim.world.flow_groups(flow)[0]
    approver = sim.world.approvers.get(group.approver_ids[0])

    response = client.get(
        f"/v1/users/{approver.user_id}/pending_approvals", headers=harvest
    )

    assert response.status_code == 200
    entry = next(e for e in response.json() if e["id"] == approver.id)
    assert entry["status"] in ("waiting", "due")
    assert entry["approval_flow_id"] == flow.id
    assert entry["approver_group_id"] == group.id
    assert entry["approval_flow_status"] == "pending"
    assert entry["hiring_plan_id"] == flow.job_id
    every = {e["approval_flow_status"] for e in response.json()}
    assert every == {"pending"}


@pytest.mark.parametrize(("kind", "has_offer"), [("job", False), ("offer", True)])
def test_pending_approvals__type_keeps_job_or_offer_approvals(
    client: TestClient,
    writer: dict[str, str],
    harvest: dict[str, str],
    sim: Simulator,
    kind: str,
    has_offer: bool,
) -> None:
    offer = next(o for o in sim.world.offers if o.status == "unresolved")
    job = sim.world.jobs.get(offer.job_id)
    users = ah.insiders(sim, job, 2)
    body = ah.body(users, approval_type="offer_candidate", offer_id=offer.id)
    ah.put(client, writer, job.id, body)
    ah.put(client, writer, job.id, ah.body(users))

    response = client.get(
        f"/v1/users/{users[0].id}/pending_approvals?type={kind}", headers=harvest
    )

    assert response.status_code == 200
    assert response.json()
    assert {e["offer_id"] is not None for e in response.json()} == {has_offer}


def test_pending_approvals__bad_type_is_422_and_unknown_user_404(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    user = next(iter(sim.world.users))

    bad = client.get(f"/v1/users/{user.id}/pending_approvals?type=x", headers=harvest)
    missing = client.get("/v1/users/4099999/pending_approvals", headers=harvest)

    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "type"
    assert missing.status_code == 404


# -- request approvals -----------------------------------------------------------


def test_request_approvals__makes_the_first_group_due(
    client: TestClient, writer: dict[str, str], sim: Simulator
) -> None:
    job = ah.open_job(sim)
    users = ah.insiders(sim, job, 2)
    flow_id = ah.put(client, writer, job.id, ah.body(users)).json()["approval_flow_id"]

    response = client.post(
        f"/v1/approval_flows/{flow_id}/request_approvals", headers=writer
    )

    assert response.status_code == 200
    body = response.json()
    assert body["requested_by_user_id"] == int(writer["On-Behalf-Of"])
    first, second = body["approver_groups"]
    pending = client.get(
        f"/v1/users/{users[0].id}/pending_approvals", headers=writer
    ).json()
    assert any(
        e["status"] == "due" and e["approval_flow_id"] == flow_id for e in pending
    )
    later = client.get(f"/v1/users/{users[1].id}/pending_approvals", headers=writer)
    assert any(
        e["status"] == "waiting" and e["approval_flow_id"] == flow_id
        for e in later.json()
    )
    assert first["priority"] == 0 and second["priority"] == 1


def test_request_approvals__by_a_user_who_cannot_request_is_403(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
) -> None:
    flow = ah.pick_flow(sim, lambda f: f.status == "pending" and not f.started)
    job = sim.world.jobs.get(flow.job_id)
    outsider = next(
        u for u in sim.world.users if not can_request_approvals(sim.world, u, job)
    )

    response = client.post(
        f"/v1/approval_flows/{flow.id}/request_approvals",
        headers=ah.on_behalf(writer, outsider.id),
    )

    assert response.status_code == 403
    assert "cannot request approvals" in response.json()["message"]
    unchanged()


@pytest.mark.parametrize(
    ("pick", "message"),
    [
        (lambda f: f.status == "approved", "is approved and cannot be started"),
        (lambda f: f.status == "pending" and f.started, "has already been started"),
    ],
)
def test_request_approvals__a_flow_that_cannot_start_is_422(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    pick: Callable[[ApprovalFlow], bool],
    message: str,
) -> None:
    if not any(pick(f) for f in sim.world.approval_flows):
        job = ah.open_job(sim)
        flow_id = ah.put(client, writer, job.id, ah.body(ah.insiders(sim, job, 2)))
        client.post(
            f"/v1/approval_flows/{flow_id.json()['approval_flow_id']}"
            "/request_approvals",
            headers=writer,
        )
    flow = ah.pick_flow(sim, pick)
    before = ah.state(sim)

    response = client.post(
        f"/v1/approval_flows/{flow.id}/request_approvals", headers=writer
    )

    assert response.status_code == 422
    assert response.json() == {
        "errors": [{"message": f"Approval flow {flow.id} {message}"}]
    }
    assert ah.state(sim) == before


def test_request_approvals__unknown_flow_is_404(
    client: TestClient, writer: dict[str, str], unchanged: Callable[[], None]
) -> None:
    response = client.post(
        "/v1/approval_flows/8099999/request_approvals", headers=writer
    )

    assert response.status_code == 404
    unchanged()
