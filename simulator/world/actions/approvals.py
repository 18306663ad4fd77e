"""Approval flows: who may touch them, starting one, changing who approves.

Greenhouse's rules (Harvest docs, "Approvals"): a flow is started by a user who
can see the job and request approvals; starting it makes the first group "due".
Only approvers in unresolved groups can be replaced. Creating or replacing a flow
keeps approvers already in a group of the same priority, drops the others, adds
the new ones, restarts a flow that had been started, and never touches a flow that
is already approved or rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from simulator.world.errors import InvalidField, InvalidTransition, NotAllowed
from simulator.world.records import Application, Job, User
from simulator.world.records_hiring import (
    ApprovalFlow,
    ApprovalType,
    Approver,
    ApproverGroup,
    ApproverStatus,
)
from simulator.world.store import World

RefKind = Literal["user_id", "email", "employee_id"]


@dataclass(frozen=True, slots=True)
class ApproverRef:
    """An approver as a request names one: by user id, e-mail or employee id."""

    kind: RefKind
    value: int | str


@dataclass(slots=True)
class GroupSpec:
    approvals_required: int
    approvers: list[ApproverRef] = field(default_factory=list)


# -- who may do what -----------------------------------------------------------------


def _hiring_team(job: Job) -> set[int]:
    team = set(job.hiring_manager_ids)
    team.update(u for u in (job.recruiter_id, job.coordinator_id) if u is not None)
    return team


def _job_roles(world: World, user_id: int, job: Job) -> list[str]:
    permissions = (
        world.job_permissions.get(i) for i in world.permissions_by_user.ids(user_id)
    )
    return [
        world.user_roles.get(p.user_role_id).type
        for p in permissions
        if p.job_id == job.id
    ]


def can_see_job(world: World, user: User, job: Job) -> bool:
    """Site admins see every job; others need a place on it or a job permission."""
    if user.disabled:
        return False
    if user.site_admin or user.id in _hiring_team(job):
        return True
    return bool(_job_roles(world, user.id, job))


def can_request_approvals(world: World, user: User, job: Job) -> bool:
    """Seeing the job is not enough: interviewers cannot ask for approvals."""
    if user.disabled:
        return False
    if user.site_admin or user.id in _hiring_team(job):
        return True
    return "job_admin" in _job_roles(world, user.id, job)


def _require_access(world: World, actor_id: int, job: Job) -> None:
    if not can_see_job(world, world.users.get(actor_id), job):
        raise NotAllowed(
            f"User {actor_id} has no access to the approvals of job {job.id}"
        )


# -- building flows (shared with the seeded world) ---------------------------------


def new_flow(
    world: World,
    job: Job,
    approval_type: ApprovalType,
    offer_id: int | None,
    *,
    sequential: bool = True,
) -> ApprovalFlow:
    flow = ApprovalFlow(
        id=world.approval_flows.next_id(),
        job_id=job.id,
        offer_id=offer_id,
        approval_type=approval_type,
        sequential=sequential,
        version=1,
        status="pending",
        requested_by_user_id=None,
    )
    world.approval_flows.add(flow.id, flow)
    world.approval_flows_by_job.add(job.id, flow.id)
    return flow


def add_group(
    world: World,
    flow: ApprovalFlow,
    priority: int,
    approvals_required: int,
    user_ids: list[int],
    at: int,
    status: ApproverStatus = "waiting",
) -> ApproverGroup:
    group = ApproverGroup(
        world.approver_groups.next_id(), flow.id, priority, approvals_required, at
    )
    world.approver_groups.add(group.id, group)
    flow.group_ids.append(group.id)
    for user_id in user_ids:
        _add_approver(world, group, user_id, status, at)
    return group


def _add_approver(
    world: World, group: ApproverGroup, user_id: int, status: ApproverStatus, at: int
) -> Approver:
    approver = Approver(
        world.approvers.next_id(), group.flow_id, group.id, user_id, status, at
    )
    if status == "due":
        approver.request_sent_at = at
    world.add_approver(approver)
    return approver


def _notify(world: World, flow: ApprovalFlow, at: int) -> None:
    """Make the groups whose turn it is due: the first one, or all if parallel."""
    open_groups = [g for g in world.flow_groups(flow) if g.resolved_at is None]
    for group in open_groups[:1] if flow.sequential else open_groups:
        for approver_id in group.approver_ids:
            approver = world.approvers.get(approver_id)
            if approver.status == "waiting":
                approver.status = "due"
                approver.request_sent_at = at


# -- actions ---------------------------------------------------------------------------


def request_approvals(world: World, flow_id: int, *, actor_id: int) -> ApprovalFlow:
    flow = world.approval_flows.get(flow_id)
    job = world.jobs.get(flow.job_id)
    if not can_request_approvals(world, world.users.get(actor_id), job):
        raise NotAllowed(f"User {actor_id} cannot request approvals for job {job.id}")
    if flow.status != "pending":
        raise InvalidTransition(
            f"Approval flow {flow.id} is {flow.status} and cannot be started"
        )
    if flow.started:
        raise InvalidTransition(f"Approval flow {flow.id} has already been started")
    if not flow.group_ids:
        raise InvalidTransition(f"Approval flow {flow.id} has no approver groups")

    at = world.clock.stamp()
    flow.requested_by_user_id = actor_id
    _notify(world, flow, at)
    return flow


def replace_approver(
    world: World,
    group_id: int,
    *,
    remove_user_id: int,
    add_user_id: int,
    actor_id: int,
) -> ApproverGroup:
    group = world.approver_groups.get(group_id)
    flow = world.approval_flows.get(group.flow_id)
    job = world.jobs.get(flow.job_id)
    _require_access(world, actor_id, job)
    if group.resolved_at is not None or flow.status != "pending":
        raise InvalidTransition(
            f"Approver group {group.id} is resolved; only approvers in unresolved "
            "groups can be replaced"
        )
    current = {
        world.approvers.get(i).user_id: world.approvers.get(i)
        for i in group.approver_ids
    }
    if remove_user_id not in current:
        raise InvalidField(
            "remove_user_id",
            f"User {remove_user_id} is not an approver in group {group.id}",
        )
    _check_approver(world, add_user_id, job, "add_user_id")
    if add_user_id in current:
        raise InvalidField(
            "add_user_id", f"User {add_user_id} is already an approver in this group"
        )

    at = world.clock.stamp()
    due = any(approver.status == "due" for approver in current.values())
    world.remove_approver(current[remove_user_id].id)
    _add_approver(world, group, add_user_id, "due" if due else "waiting", at)
    return group


def _check_approver(world: World, user_id: int, job: Job, name: str) -> User:
    user = world.users.find(user_id)
    if user is None:
        raise InvalidField(name, f"User {user_id} does not exist")
    if not can_see_job(world, user, job):
        raise InvalidField(
            name, f"User {user_id} is not an active user with access to job {job.id}"
        )
    return user


def _resolve(world: World, ref: ApproverRef, job: Job, name: str) -> int:
    if ref.kind == "user_id":
        return _check_approver(world, int(ref.value), job, name).id
    wanted = str(ref.value).strip().lower()
    for user in world.users:
        key = (user.email if ref.kind == "email" else user.employee_id) or ""
        if key.lower() == wanted:
            return _check_approver(world, user.id, job, name).id
    raise InvalidField(name, f"No user has the {ref.kind} {ref.value!r}")


def put_approval_flow(
    world: World,
    job_id: int,
    *,
    approval_type: ApprovalType,
    offer_id: int | None,
    sequential: bool,
    groups: list[GroupSpec],
    actor_id: int,
) -> ApprovalFlow:
    """Create the job's flow of this type (and offer), or replace its groups."""
    job = world.jobs.get(job_id)
    _require_access(world, actor_id, job)
    if offer_id is not None:
        if approval_type != "offer_candidate":
            raise InvalidField(
                "offer_id",
                "offer_id is only allowed with approval_type offer_candidate",
            )
        offer = world.offers.find(offer_id)
        if offer is None or offer.job_id != job.id:
            raise InvalidField(
                "offer_id", f"Offer {offer_id} is not an offer on job {job.id}"
            )
    wanted = _resolve_groups(world, job, groups)
    flow = _find_flow(world, job, approval_type, offer_id)
    if flow is not None and flow.status != "pending":
        raise InvalidTransition(
            f"Approval flow {flow.id} is {flow.status}; approved or rejected flows "
            "cannot be changed"
        )

    at = world.clock.stamp()
    if flow is None:
        flow = new_flow(world, job, approval_type, offer_id, sequential=sequential)
    else:
        flow.sequential = sequential
        flow.version += 1
    _replace_groups(world, flow, wanted, at)
    if flow.started:
        # Changing a started flow restarts it: earlier decisions are dropped and
        # the first group is asked again.
        _notify(world, flow, at)
    return flow


def _resolve_groups(
    world: World, job: Job, groups: list[GroupSpec]
) -> list[tuple[int, list[int]]]:
    if not groups:
        raise InvalidField(
            "approver_groups", "approver_groups must list at least one group"
        )
    placed: set[int] = set()
    wanted = []
    for index, spec in enumerate(groups):
        where = f"approver_groups[{index}]"
        if spec.approvals_required < 1:
            raise InvalidField(
                f"{where}.approvals_required",
                "approvals_required must be greater than zero",
            )
        user_ids = []
        for number, ref in enumerate(spec.approvers):
            user_id = _resolve(world, ref, job, f"{where}.approvers[{number}]")
            # An approver named in two groups stays in the earlier one only.
            if user_id not in placed:
                placed.add(user_id)
                user_ids.append(user_id)
        if len(user_ids) < spec.approvals_required:
            raise InvalidField(
                f"{where}.approvers",
                f"Group {index} requires {spec.approvals_required} approvals but has "
                f"{len(user_ids)} approvers",
            )
        wanted.append((spec.approvals_required, user_ids))
    return wanted


def _find_flow(
    world: World, job: Job, approval_type: ApprovalType, offer_id: int | None
) -> ApprovalFlow | None:
    for flow_id in world.approval_flows_by_job.ids(job.id):
        flow = world.approval_flows.get(flow_id)
        if flow.approval_type == approval_type and flow.offer_id == offer_id:
            return flow
    return None


def _replace_groups(
    world: World, flow: ApprovalFlow, wanted: list[tuple[int, list[int]]], at: int
) -> None:
    existing = world.flow_groups(flow)
    for group in existing[len(wanted) :]:
        for approver_id in list(group.approver_ids):
            world.remove_approver(approver_id)
        world.approver_groups.remove(group.id)
        flow.group_ids.remove(group.id)
    for priority, (required, user_ids) in enumerate(wanted):
        if priority >= len(existing):
            add_group(world, flow, priority, required, user_ids, at)
            continue
        group = existing[priority]
        group.approvals_required = required
        group.resolved_at = None
        for approver_id in list(group.approver_ids):
            approver = world.approvers.get(approver_id)
            if approver.user_id not in user_ids:
                world.remove_approver(approver_id)
            else:
                approver.status, approver.resolved_at = "waiting", None
                approver.request_sent_at = None
        kept = {world.approvers.get(i).user_id for i in group.approver_ids}
        for user_id in user_ids:
            if user_id not in kept:
                _add_approver(world, group, user_id, "waiting", at)


# -- the rule a hire obeys -----------------------------------------------------------


def unfinished_approvals(world: World, application: Application) -> list[ApprovalFlow]:
    """The job's and this application's offer flows that are not approved yet.

    A candidate-offer flow with no offer is the job's template for offers, and a
    flow for another application's offer is that application's business.
    """
    if application.job_id is None:
        return []
    offers = set(world.offers_by_application.ids(application.id))
    unfinished = []
    for flow_id in world.approval_flows_by_job.ids(application.job_id):
        flow = world.approval_flows.get(flow_id)
        if flow.status == "approved":
            continue
        if flow.approval_type == "offer_candidate" and flow.offer_id not in offers:
            continue
        unfinished.append(flow)
    return unfinished
