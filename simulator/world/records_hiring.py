"""Records of the hiring process around an application: approvals, interviews,
scorecards and offers.

Like `records`, plain dataclasses the store owns; times are milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Millis = int
ApprovalType = Literal["open_job", "offer_job", "offer_candidate"]
ApprovalStatus = Literal["pending", "approved", "rejected"]
# An approver's own state: waiting for the flow to reach the group, due (asked to
# decide now), or decided.
ApproverStatus = Literal["waiting", "due", "approved", "rejected"]
OfferStatus = Literal["unresolved", "accepted", "rejected", "deprecated"]
InterviewStatus = Literal["scheduled", "awaiting_feedback", "complete"]
Recommendation = Literal["definitely_not", "no", "yes", "strong_yes", "no_decision"]

APPROVAL_TYPES: tuple[ApprovalType, ...] = ("open_job", "offer_job", "offer_candidate")


@dataclass(slots=True)
class Approver:
    """One user in an approver group; its id is the "pending approval" id."""

    id: int
    flow_id: int
    group_id: int
    user_id: int
    status: ApproverStatus
    created_at: Millis
    request_sent_at: Millis | None = None
    resolved_at: Millis | None = None
    reminder_sent_at: Millis | None = None
    reminders_sent: int = 0
    reminder_sent_by_user_id: int | None = None

    @property
    def pending(self) -> bool:
        return self.status in ("waiting", "due")


@dataclass(slots=True)
class ApproverGroup:
    id: int
    flow_id: int
    priority: int
    approvals_required: int
    created_at: Millis
    approver_ids: list[int] = field(default_factory=list)
    resolved_at: Millis | None = None


@dataclass(slots=True)
class ApprovalFlow:
    id: int
    job_id: int
    offer_id: int | None
    approval_type: ApprovalType
    sequential: bool
    version: int
    status: ApprovalStatus
    requested_by_user_id: int | None
    group_ids: list[int] = field(default_factory=list)

    @property
    def started(self) -> bool:
        return self.requested_by_user_id is not None


@dataclass(slots=True)
class Offer:
    id: int
    version: int
    application_id: int
    job_id: int
    candidate_id: int
    opening_id: int | None
    status: OfferStatus
    created_at: Millis
    updated_at: Millis
    sent_on: str | None  # a date, as Greenhouse renders sent_at
    resolved_at: Millis | None
    starts_on: str | None  # a date
    salary: int
    employment_type: str


@dataclass(slots=True)
class InterviewerSlot:
    user_id: int
    response_status: str
    scorecard_id: int | None = None


@dataclass(slots=True)
class ScheduledInterview:
    id: int
    application_id: int
    stage_id: int
    interview_id: int  # one of the stage's interviews
    external_event_id: str
    start: Millis
    end: Millis
    location: str | None
    video_conferencing_url: str | None
    status: InterviewStatus
    created_at: Millis
    updated_at: Millis
    organizer_id: int
    interviewers: list[InterviewerSlot] = field(default_factory=list)


@dataclass(slots=True)
class Scorecard:
    id: int
    application_id: int
    candidate_id: int
    stage_id: int
    interview_id: int
    interviewed_at: Millis
    interviewer_id: int
    submitted_by_id: int
    submitted_at: Millis
    created_at: Millis
    updated_at: Millis
    overall_recommendation: Recommendation
    # One rating per attribute of the scorecard catalogue, in its order.
    ratings: list[str] = field(default_factory=list)
    takeaways: str = ""
