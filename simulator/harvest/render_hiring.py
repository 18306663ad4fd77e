"""Approval flows, offers, scheduled interviews and scorecards in Harvest's shapes.

Keys follow the order of Greenhouse's examples; missing values are `null`.
"""

from __future__ import annotations

from typing import Any

from simulator.formats import iso_utc
from simulator.harvest.render import user_ref
from simulator.world.population_process import SCORECARD_ATTRIBUTES
from simulator.world.records import Interview, Opening
from simulator.world.records_hiring import (
    ApprovalFlow,
    Approver,
    Offer,
    ScheduledInterview,
    Scorecard,
)
from simulator.world.store import World

JSON = dict[str, Any]
RATING_KEYS = ("definitely_not", "no", "mixed", "yes", "strong_yes")


def approval_flow(world: World, flow: ApprovalFlow) -> JSON:
    return {
        "id": flow.id,
        "offer_id": flow.offer_id,
        "sequential": flow.sequential,
        "version": flow.version,
        "approval_type": flow.approval_type,
        "approval_status": flow.status,
        "job_id": flow.job_id,
        "requested_by_user_id": flow.requested_by_user_id,
        "approver_groups": [
            {
                "id": group.id,
                "approvals_required": group.approvals_required,
                "created_at": iso_utc(group.created_at),
                "resolved_at": iso_utc(group.resolved_at),
                "priority": group.priority,
                "job_id": flow.job_id,
                "offer_id": flow.offer_id,
                "approvers": [
                    _approver(world, world.approvers.get(i)) for i in group.approver_ids
                ],
            }
            for group in world.flow_groups(flow)
        ],
    }


def _approver(world: World, approver: Approver) -> JSON:
    user = world.users.get(approver.user_id)
    return {
        "id": user.id,
        "name": user.name,
        "employee_id": user.employee_id,
        "email_addresses": [user.email],
    }


def pending_approval(world: World, approver: Approver) -> JSON:
    flow = world.approval_flows.get(approver.flow_id)
    return {
        "id": approver.id,
        "status": approver.status,
        "created_at": iso_utc(approver.created_at),
        "resolved_at": iso_utc(approver.resolved_at),
        "request_sent_at": iso_utc(approver.request_sent_at),
        "reminder_sent_at": iso_utc(approver.reminder_sent_at),
        "reminders_sent": approver.reminders_sent,
        "approver_group_id": approver.group_id,
        "reminder_sent_by_user_id": approver.reminder_sent_by_user_id,
        # A job's hiring plan has no id of its own here: the job's stands for it.
        "hiring_plan_id": flow.job_id,
        "offer_id": flow.offer_id,
        "approval_flow_id": flow.id,
        "approval_flow_type": flow.approval_type,
        "approval_flow_status": flow.status,
    }


def opening(world: World, item: Opening) -> JSON:
    reason = (
        world.close_reasons.get(item.close_reason_id)
        if item.close_reason_id is not None
        else None
    )
    return {
        "id": item.id,
        "opening_id": item.opening_id,
        "status": item.status,
        "opened_at": iso_utc(item.opened_at),
        "closed_at": iso_utc(item.closed_at),
        "application_id": item.application_id,
        "close_reason": {"id": reason.id, "name": reason.name} if reason else None,
    }


def offer(world: World, item: Offer) -> JSON:
    fields = {
        f.name_key: f
        for f in world.custom_fields
        if f.field_type == "offer" and f.active
    }
    values: dict[str, Any] = {
        "salary": {"value": item.salary, "currency": "USD"},
        "offer_employment_type": item.employment_type,
        "signing_bonus": None,
    }
    custom = {key: values.get(key) for key in fields}
    return {
        "id": item.id,
        "version": item.version,
        "application_id": item.application_id,
        "job_id": item.job_id,
        "candidate_id": item.candidate_id,
        "opening": (
            opening(world, world.openings.get(item.opening_id))
            if item.opening_id is not None
            else None
        ),
        "created_at": iso_utc(item.created_at),
        "updated_at": iso_utc(item.updated_at),
        "sent_at": item.sent_on,
        "resolved_at": iso_utc(item.resolved_at),
        "starts_at": item.starts_on,
        "status": item.status,
        "custom_fields": custom,
        "keyed_custom_fields": {
            key: {"name": f.name, "type": f.value_type, "value": custom[key]}
            for key, f in fields.items()
        },
    }


def _interview(world: World, stage_id: int, interview_id: int) -> Interview:
    stage = world.stages.get(stage_id)
    return next(iv for iv in stage.interviews if iv.id == interview_id)


def scheduled_interview(world: World, item: ScheduledInterview) -> JSON:
    interview = _interview(world, item.stage_id, item.interview_id)
    interviewers = []
    for slot in item.interviewers:
        user = world.users.get(slot.user_id)
        interviewers.append(
            {
                "id": user.id,
                "employee_id": user.employee_id,
                "name": user.name,
                "email": user.email,
                "response_status": slot.response_status,
                "scorecard_id": slot.scorecard_id,
            }
        )
    return {
        "id": item.id,
        "application_id": item.application_id,
        "external_event_id": item.external_event_id,
        "start": {"date_time": iso_utc(item.start)},
        "end": {"date_time": iso_utc(item.end)},
        "location": item.location,
        "video_conferencing_url": item.video_conferencing_url,
        "status": item.status,
        "created_at": iso_utc(item.created_at),
        "updated_at": iso_utc(item.updated_at),
        "interview": {"id": interview.id, "name": interview.name},
        "organizer": user_ref(world, item.organizer_id),
        "interviewers": interviewers,
    }


def scorecard(world: World, item: Scorecard) -> JSON:
    interview = _interview(world, item.stage_id, item.interview_id)
    attributes = [
        {"name": name, "type": kind, "note": None, "rating": rating}
        for (name, kind), rating in zip(SCORECARD_ATTRIBUTES, item.ratings, strict=True)
    ]
    return {
        "id": item.id,
        "updated_at": iso_utc(item.updated_at),
        "created_at": iso_utc(item.created_at),
        "interview": interview.name,
        "interview_step": {"id": interview.id, "name": interview.name},
        "candidate_id": item.candidate_id,
        "application_id": item.application_id,
        "interviewed_at": iso_utc(item.interviewed_at),
        "submitted_by": user_ref(world, item.submitted_by_id),
        "interviewer": user_ref(world, item.interviewer_id),
        "submitted_at": iso_utc(item.submitted_at),
        "overall_recommendation": item.overall_recommendation,
        "attributes": attributes,
        "ratings": {
            key: [a["name"] for a in attributes if a["rating"] == key]
            for key in RATING_KEYS
        },
        "questions": [
            {"id": None, "question": "Key Take-Aways", "answer": item.takeaways}
        ],
    }
