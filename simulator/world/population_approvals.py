"""Approval flows as an organisation that requires approvals has them.

Every job that recruits (open or closed) had its "open job" flow approved before
it opened, and about half have an approved "offer job" flow; some accepted offers
went through a candidate-offer flow. Draft jobs wait for approval to open: their
flow is pending, some not requested yet, some with the first group due. Nothing
seeded stands in the way of a hire: only draft jobs have pending flows, and draft
jobs have no applications.
"""

from __future__ import annotations

from simulator.world.actions.approvals import add_group, new_flow
from simulator.world.records import Job
from simulator.world.records_hiring import ApprovalType
from simulator.world.store import World

HOUR = 3_600_000


def seed_approvals(world: World) -> None:
    admins = [user.id for user in world.users if user.site_admin]
    drafts = 0
    for job in world.jobs:
        if job.status == "draft":
            _pending_flow(world, job, admins, requested=drafts % 2 == 1)
            drafts += 1
            continue
        decided = job.opened_at or job.created_at
        _approved_flow(world, job, admins, "open_job", None, decided)
        if world.rng.random() < 0.5:
            _approved_flow(world, job, admins, "offer_job", None, decided)
    for offer in world.offers:
        if offer.status == "accepted" and world.rng.random() < 0.3:
            job = world.jobs.get(offer.job_id)
            decided = offer.created_at + HOUR
            _approved_flow(world, job, admins, "offer_candidate", offer.id, decided)


def _approver_ids(world: World, job: Job, admins: list[int]) -> list[list[int]]:
    """Who approves: the hiring manager first, then a site admin."""
    first = job.hiring_manager_ids[:1] or admins[:1]
    groups = [first]
    if world.rng.random() < 0.6:
        groups.append([world.rng.choice(admins)])
    return groups


def _approved_flow(
    world: World,
    job: Job,
    admins: list[int],
    approval_type: ApprovalType,
    offer_id: int | None,
    decided: int,
) -> None:
    flow = new_flow(world, job, approval_type, offer_id)
    asked = decided - 2 * HOUR
    flow.status = "approved"
    flow.requested_by_user_id = job.recruiter_id
    for priority, user_ids in enumerate(_approver_ids(world, job, admins)):
        group = add_group(world, flow, priority, 1, user_ids, asked, "approved")
        group.resolved_at = decided
        for approver_id in group.approver_ids:
            approver = world.approvers.get(approver_id)
            approver.request_sent_at = asked
            approver.resolved_at = decided


def _pending_flow(
    world: World, job: Job, admins: list[int], *, requested: bool
) -> None:
    flow = new_flow(world, job, "open_job", None)
    created = job.created_at + HOUR
    for priority, user_ids in enumerate(_approver_ids(world, job, admins)):
        add_group(world, flow, priority, 1, user_ids, created)
    if not requested:
        return
    flow.requested_by_user_id = job.recruiter_id
    first = world.flow_groups(flow)[0]
    for approver_id in first.approver_ids:
        approver = world.approvers.get(approver_id)
        approver.status = "due"
        approver.request_sent_at = created
        approver.reminder_sent_at = created + 48 * HOUR
        approver.reminders_sent = 1
        approver.reminder_sent_by_user_id = job.recruiter_id
