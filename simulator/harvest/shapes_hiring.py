"""JSON Schemas of approval flows, offers, scheduled interviews and scorecards,
as `render_hiring.py` writes them, and of the approval writes' bodies.
"""

from __future__ import annotations

from simulator.schema import (
    BOOL,
    DATE,
    INT,
    MAP,
    STR,
    TIME,
    arr,
    enum,
    nullable,
    obj,
    ref,
    schemas,
)

NSTR = nullable(STR)
NINT = nullable(INT)
NTIME = nullable(TIME)
USER_REF = nullable(ref("user_ref"))
APPROVAL_TYPE = enum("open_job", "offer_job", "offer_candidate")

# -- approvals ---------------------------------------------------------------------

schemas.define(
    "approval_flow",
    obj(
        id=INT,
        offer_id=NINT,
        sequential=BOOL,
        version=INT,
        approval_type=APPROVAL_TYPE,
        approval_status=enum("pending", "approved", "rejected"),
        job_id=INT,
        requested_by_user_id=NINT,
        approver_groups=arr(
            obj(
                id=INT,
                approvals_required=INT,
                created_at=TIME,
                resolved_at=NTIME,
                priority=INT,
                job_id=INT,
                offer_id=NINT,
                approvers=arr(
                    obj(id=INT, name=STR, employee_id=NSTR, email_addresses=arr(STR))
                ),
            )
        ),
    ),
)
schemas.define(
    "pending_approval",
    obj(
        id=INT,
        status=enum("waiting", "due"),
        created_at=TIME,
        resolved_at=NTIME,
        request_sent_at=NTIME,
        reminder_sent_at=NTIME,
        reminders_sent=INT,
        approver_group_id=INT,
        reminder_sent_by_user_id=NINT,
        hiring_plan_id=INT,
        offer_id=NINT,
        approval_flow_id=INT,
        approval_flow_type=APPROVAL_TYPE,
        approval_flow_status=enum("pending", "approved", "rejected"),
    ),
)
schemas.define("approval_flow_saved", obj(success=BOOL, approval_flow_id=INT))
schemas.define(
    "approvers_replaced",
    obj(
        success=enum("true"),
        message=STR,
        approval_flow_id=INT,
        approver_group_id=INT,
        removed_user_id=INT,
        added_user_id=INT,
    ),
)
APPROVER = {
    "anyOf": [obj(user_id=INT), obj(email=STR), obj(employee_id=STR)],
}
schemas.define(
    "approval_flow_body",
    obj(
        ("offer_id",),
        approval_type=APPROVAL_TYPE,
        offer_id=NINT,
        sequential=BOOL,
        approver_groups=arr(
            obj(approvals_required={**INT, "minimum": 1}, approvers=arr(APPROVER))
        ),
    ),
)
schemas.define("replace_approvers_body", obj(remove_user_id=INT, add_user_id=INT))

# -- offers ------------------------------------------------------------------------

schemas.define(
    "offer",
    obj(
        id=INT,
        version=INT,
        application_id=INT,
        job_id=INT,
        candidate_id=INT,
        opening=nullable(ref("opening")),
        created_at=TIME,
        updated_at=TIME,
        sent_at=nullable(DATE),
        resolved_at=NTIME,
        starts_at=nullable(DATE),
        status=enum("unresolved", "accepted", "rejected", "deprecated"),
        custom_fields=MAP,
        keyed_custom_fields=MAP,
    ),
)

# -- interviews and scorecards -----------------------------------------------------

schemas.define(
    "scheduled_interview",
    obj(
        id=INT,
        application_id=INT,
        external_event_id=STR,
        start={"anyOf": [obj(date_time=TIME), obj(date=DATE)]},
        end={"anyOf": [obj(date_time=TIME), obj(date=DATE)]},
        location=NSTR,
        video_conferencing_url=NSTR,
        status=enum("scheduled", "awaiting_feedback", "complete"),
        created_at=TIME,
        updated_at=TIME,
        interview=obj(id=INT, name=STR),
        organizer=USER_REF,
        interviewers=arr(
            obj(
                id=INT,
                employee_id=NSTR,
                name=STR,
                email=STR,
                response_status=enum(
                    "needs_action", "declined", "tentative", "accepted"
                ),
                scorecard_id=NINT,
            )
        ),
    ),
)
RATING = enum("definitely_not", "no", "mixed", "yes", "strong_yes", "no_decision")
schemas.define(
    "scorecard",
    obj(
        id=INT,
        updated_at=TIME,
        created_at=TIME,
        interview=STR,
        interview_step=obj(id=INT, name=STR),
        candidate_id=INT,
        application_id=INT,
        interviewed_at=TIME,
        submitted_by=USER_REF,
        interviewer=USER_REF,
        submitted_at=TIME,
        overall_recommendation=enum(
            "definitely_not", "no", "yes", "strong_yes", "no_decision"
        ),
        attributes=arr(obj(name=STR, type=STR, note=NSTR, rating=RATING)),
        ratings=obj(
            definitely_not=arr(STR),
            no=arr(STR),
            mixed=arr(STR),
            yes=arr(STR),
            strong_yes=arr(STR),
        ),
        questions=arr(obj(id=NINT, question=STR, answer=NSTR)),
    ),
)
