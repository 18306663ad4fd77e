"""Harvest's Approvals group: reads, the three writes, and the rule a hire obeys."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from simulator.runtime import Simulator
from simulator.world.actions.approvals import can_request_approvals, can_see_job
from simulator.world.records import Job, User
from simulator.world.records_hiring import ApprovalFlow


def _state(sim: Simulator) -> Any:
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


@pytest.fixture
def unchanged(sim: Simulator) -> Callable[[], None]:
    before = _state(sim)

    def check() -> None:
        assert _state(sim) == before

    return check


def _on_behalf(setup_headers: dict[str, str], user_id: int) -> dict[str, str]:
    return {**setup_headers, "On-Behalf-Of": str(user_id)}


def _flow(sim: Simulator, test: Callable[[ApprovalFlow], bool]) -> ApprovalFlow:
    flow = next((f for f in sim.world.approval_flows if test(f)), None)
    assert flow is not None, "the seeded world has no such approval flow"
    return flow


def _open_job(sim: Simulator) -> Job:
    return next(job for job in sim.world.jobs if job.status == "open")


def _outsider(sim: Simulator, job: Job) -> User:
    """An active user who cannot see the job at all."""
    found = next(
        (u for u in sim.world.users if not can_see_job(sim.world, u, job)), None
    )
    assert found is not None
    return found


def _insiders(sim: Simulator, job: Job, count: int) -> list[User]:
    users = [u for u in sim.world.users if can_see_job(sim.world, u, job)]
    assert len(users) >= count
    return users[:count]


def _put(
    client: TestClient, writer: dict[str, str], job_id: int, body: dict[str, Any]
) -> Any:
    return client.put(f"/v1/jobs/{job_id}/approval_flows", json=body, headers=writer)


def _body(users: list[User], **extra: Any) -> dict[str, Any]:
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


# -- reads -------------------------------------------------------------------------


def test_list_approvals_for_job__the_jobs_flows_in_greenhouses_shape(
    client: TestClient, harvest: dict[str, str], sim: Simulator
) -> None:
    job = _open_job(sim)

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
    job = _open_job(sim)
    users = _insiders(sim, job, 2)
    _put(client, writer, job.id, _body(users))
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
    flow = _flow(sim, lambda f: f.status == "pending")
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
    users = _insiders(sim, job, 2)
    body = _body(users, approval_type="offer_candidate", offer_id=offer.id)
    _put(client, writer, job.id, body)
    _put(client, writer, job.id, _body(users))

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
    job = _open_job(sim)
    users = _insiders(sim, job, 2)
    flow_id = _put(client, writer, job.id, _body(users)).json()["approval_flow_id"]

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
    flow = _flow(sim, lambda f: f.status == "pending" and not f.started)
    job = sim.world.jobs.get(flow.job_id)
    outsider = next(
        u for u in sim.world.users if not can_request_approvals(sim.world, u, job)
    )

    response = client.post(
        f"/v1/approval_flows/{flow.id}/request_approvals",
        headers=_on_behalf(writer, outsider.id),
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
        job = _open_job(sim)
        flow_id = _put(client, writer, job.id, _body(_insiders(sim, job, 2)))
        client.post(
            f"/v1/approval_flows/{flow_id.json()['approval_flow_id']}"
            "/request_approvals",
            headers=writer,
        )
    flow = _flow(sim, pick)
    before = _state(sim)

    response = client.post(
        f"/v1/approval_flows/{flow.id}/request_approvals", headers=writer
    )

    assert response.status_code == 422
    assert response.json() == {
        "errors": [{"message": f"Approval flow {flow.id} {message}"}]
    }
    assert _state(sim) == before


def test_request_approvals__unknown_flow_is_404(
    client: TestClient, writer: dict[str, str], unchanged: Callable[[], None]
) -> None:
    response = client.post(
        "/v1/approval_flows/8099999/request_approvals", headers=writer
    )

    assert response.status_code == 404
    unchanged()


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
    job = _open_job(sim)
    users = _insiders(sim, job, 3)
    flow_id = _put(client, writer, job.id, _body(users[:2])).json()["approval_flow_id"]
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
    flow = _flow(sim, lambda f: f.status == "approved")
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
        "OUTSIDER": _outsider(sim, job).id,
    }
    sent = {k: names.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    before = _state(sim)

    response = client.put(
        f"/v1/approver_groups/{group_id}/replace_approvers", json=sent, headers=writer
    )

    assert response.status_code == 422
    assert response.json()["message"] == "Validation error"
    assert response.json()["errors"][0]["field"] == field
    assert _state(sim) == before


def test_replace_approvers__unknown_group_404_and_outsider_403(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
) -> None:
    group_id, approver = _pending_group(sim, due=False)
    flow = sim.world.approval_flows.get(sim.world.approver_groups.get(group_id).flow_id)
    outsider = _outsider(sim, sim.world.jobs.get(flow.job_id))
    body = {"remove_user_id": approver, "add_user_id": approver}

    missing = client.put(
        "/v1/approver_groups/8199999/replace_approvers", json=body, headers=writer
    )
    refused = client.put(
        f"/v1/approver_groups/{group_id}/replace_approvers",
        json=body,
        headers=_on_behalf(writer, outsider.id),
    )

    assert missing.status_code == 404
    assert refused.status_code == 403
    unchanged()


# -- create or replace a flow ------------------------------------------------------


def test_put_approval_flow__creates_a_flow_with_approvers_by_id_email_employee_id(
    client: TestClient, writer: dict[str, str], harvest: dict[str, str], sim: Simulator
) -> None:
    job = _open_job(sim)
    first, second = _insiders(sim, job, 2)
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

    response = _put(client, writer, job.id, body)

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
    job = _open_job(sim)
    users = _insiders(sim, job, 3)
    flow_id = _put(client, writer, job.id, _body(users[:2])).json()["approval_flow_id"]
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

    response = _put(client, writer, job.id, body)

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
    job = _open_job(sim)
    users = _insiders(sim, job, 2)
    flow_id = _put(client, writer, job.id, _body(users)).json()["approval_flow_id"]
    client.post(f"/v1/approval_flows/{flow_id}/request_approvals", headers=writer)
    flow = sim.world.approval_flows.get(flow_id)
    first = sim.world.flow_groups(flow)[0]
    sim.world.approvers.get(first.approver_ids[0]).status = "approved"

    _put(client, writer, job.id, _body(users))

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
    flow = _flow(
        sim, lambda f: f.status == "approved" and f.approval_type == "open_job"
    )
    job = sim.world.jobs.get(flow.job_id)

    body = _body(_insiders(sim, job, 2), approval_type="open_job")

    response = _put(client, writer, job.id, body)

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
    users = _insiders(sim, job, 2)
    names = {"U": users[0].id, "OUTSIDER": _outsider(sim, job).id, "OFFER": offer.id}

    def named(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: named(v) for k, v in value.items()}
        if isinstance(value, list):
            return [named(v) for v in value]
        return names.get(value, value) if isinstance(value, str) else value

    body = {k: v for k, v in {**_body(users), **named(change)}.items() if v is not None}
    before = _state(sim)

    response = _put(client, writer, job.id, body)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert _state(sim) == before


def test_put_approval_flow__unknown_job_404_and_outsider_403(
    client: TestClient,
    writer: dict[str, str],
    sim: Simulator,
    unchanged: Callable[[], None],
) -> None:
    job = _open_job(sim)
    body = _body(_insiders(sim, job, 2))

    missing = _put(client, writer, 4199999, body)
    refused = client.put(
        f"/v1/jobs/{job.id}/approval_flows",
        json=body,
        headers=_on_behalf(writer, _outsider(sim, job).id),
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
    body = _body(_insiders(sim, job, 2), approval_type="offer_job")
    flow_id = _put(client, writer, job.id, body).json()["approval_flow_id"]
    before = _state(sim)

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
    assert _state(sim) == before


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
