"""Harvest's Approvals operations: flows of a job, one flow, a user's pending
approvals, and the writes that start a flow, swap an approver, or replace a flow.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from simulator.harvest import params, render_hiring
from simulator.harvest.api import Call
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.filters import Query
from simulator.harvest.registry import harvest
from simulator.jsonbody import shown
from simulator.world import actions
from simulator.world.actions import ApproverRef, GroupSpec
from simulator.world.records_hiring import APPROVAL_TYPES, ApprovalType


@harvest.get(
    "/v1/jobs/{job_id:id}/approval_flows",
    group="Approvals",
    action="List Approvals For Job",
    paging="next",
    returns="approval_flow[]",
)
async def list_approvals_for_job(call: Call) -> Response:
    world = call.world
    job = world.jobs.get(call.path_int("job_id"))
    query = Query(call.request, world.approval_flows)
    query.ids(world.approval_flows_by_job.ids(job.id))
    return query.respond_next(lambda flow: render_hiring.approval_flow(world, flow))


@harvest.get(
    "/v1/approval_flows/{id:id}",
    group="Approvals",
    action="Retrieve Approval Flow",
    returns="approval_flow",
)
async def retrieve_approval_flow(call: Call) -> Response:
    flow = call.world.approval_flows.get(call.path_int("id"))
    return JSONResponse(render_hiring.approval_flow(call.world, flow))


@harvest.get(
    "/v1/users/{user_id:id}/pending_approvals",
    group="Approvals",
    action="Pending Approvals For User",
    paging="next",
    returns="pending_approval[]",
    filters=("type",),
)
async def pending_approvals_for_user(call: Call) -> Response:
    world = call.world
    user = world.users.get(call.path_int("user_id"))
    query = Query(call.request, world.approvers)
    query.ids(world.approvers_by_user.ids(user.id)).where(
        lambda approver: (
            approver.pending
            and world.approval_flows.get(approver.flow_id).status == "pending"
        )
    )
    kind = call.request.query_params.get("type")
    if kind not in (None, "", "job", "offer"):
        raise ValidationFailed("type", f"type must be job or offer, not {shown(kind)}")
    if kind in ("job", "offer"):
        # 'offer' is approvals of one specific offer; 'job' is all the others.
        wants_offer = kind == "offer"
        query.where(
            lambda approver: (
                (world.approval_flows.get(approver.flow_id).offer_id is not None)
                == wants_offer
            )
        )
    return query.respond_next(
        lambda approver: render_hiring.pending_approval(world, approver)
    )


@harvest.post(
    "/v1/approval_flows/{id:id}/request_approvals",
    group="Approvals",
    action="Request Approvals",
    returns="approval_flow",
)
async def request_approvals(call: Call) -> Response:
    flow_id = call.world.approval_flows.get(call.path_int("id")).id
    await call.json_body()
    flow = actions.request_approvals(call.world, flow_id, actor_id=call.actor)
    return JSONResponse(render_hiring.approval_flow(call.world, flow))


@harvest.put(
    "/v1/approver_groups/{approver_group_id:id}/replace_approvers",
    group="Approvals",
    action="Replace an approver in an approver group",
    body="replace_approvers_body",
    returns="approvers_replaced",
)
async def replace_approvers(call: Call) -> Response:
    world = call.world
    group_id = world.approver_groups.get(call.path_int("approver_group_id")).id
    body = await call.json_body()
    remove_user_id = params.required_integer(body, "remove_user_id")
    add_user_id = params.required_integer(body, "add_user_id")
    group = actions.replace_approver(
        world,
        group_id,
        remove_user_id=remove_user_id,
        add_user_id=add_user_id,
        actor_id=call.actor,
    )
    return JSONResponse(
        {
            # The docs show this one success flag as a string.
            "success": "true",
            "message": "Approver group updated.",
            "approval_flow_id": group.flow_id,
            "approver_group_id": group.id,
            "removed_user_id": remove_user_id,
            "added_user_id": add_user_id,
        }
    )


@harvest.put(
    "/v1/jobs/{job_id:id}/approval_flows",
    group="Approvals",
    action="Create or replace an approval flow",
    body="approval_flow_body",
    returns="approval_flow_saved",
)
async def put_approval_flow(call: Call) -> Response:
    world = call.world
    job_id = world.jobs.get(call.path_int("job_id")).id
    body = await call.json_body()
    approval_type = _approval_type(body)
    offer_id = params.integer(body, "offer_id")
    sequential = _boolean(body, "sequential")
    groups = _groups(body)
    flow = actions.put_approval_flow(
        world,
        job_id,
        approval_type=approval_type,
        offer_id=offer_id,
        sequential=sequential,
        groups=groups,
        actor_id=call.actor,
    )
    return JSONResponse({"success": True, "approval_flow_id": flow.id})


# -- reading the body ------------------------------------------------------------------


def _approval_type(body: dict[str, Any]) -> ApprovalType:
    value = params.text(body, "approval_type", required=True)
    for approval_type in APPROVAL_TYPES:
        if value == approval_type:
            return approval_type
    allowed = ", ".join(APPROVAL_TYPES)
    raise ValidationFailed(
        "approval_type", f"approval_type must be one of: {allowed}, not {shown(value)}"
    )


def _boolean(body: dict[str, Any], name: str) -> bool:
    value = body.get(name)
    if value is None:
        raise ValidationFailed(name, f"{name} is required")
    if not isinstance(value, bool):
        raise ValidationFailed(
            name, f"{name} must be true or false, not {shown(value)}"
        )
    return value


def _list(value: object, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValidationFailed(name, f"{name} must be an array, not {shown(value)}")
    return value


def _object(value: object, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationFailed(name, f"{name} must be an object, not {shown(value)}")
    return value


def _groups(body: dict[str, Any]) -> list[GroupSpec]:
    if body.get("approver_groups") is None:
        raise ValidationFailed("approver_groups", "approver_groups is required")
    groups = []
    for index, raw in enumerate(_list(body["approver_groups"], "approver_groups")):
        where = f"approver_groups[{index}]"
        group = _object(raw, where)
        required = params.integer(
            group, "approvals_required", required=True, within=where
        )
        assert required is not None
        approvers = _list(group.get("approvers", []), f"{where}.approvers")
        refs = [
            _approver(
                _object(item, f"{where}.approvers[{n}]"), f"{where}.approvers[{n}]"
            )
            for n, item in enumerate(approvers)
        ]
        groups.append(GroupSpec(required, refs))
    return groups


def _approver(item: dict[str, Any], where: str) -> ApproverRef:
    named = [key for key in ("user_id", "email", "employee_id") if key in item]
    if len(named) != 1:
        raise ValidationFailed(
            where, f"{where} must name exactly one of user_id, email, employee_id"
        )
    if named[0] == "user_id":
        user_id = params.integer(item, "user_id", required=True, within=where)
        assert user_id is not None
        return ApproverRef("user_id", user_id)
    value = item[named[0]]
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed(
            f"{where}.{named[0]}", f"{named[0]} must be a non-empty string"
        )
    return ApproverRef("email" if named[0] == "email" else "employee_id", value)
