"""JSON Schemas of Harvest's shapes, as `render.py` writes them.

The names here are what operations' `returns=` refer to. The OpenAPI document is
built from them and the tests validate live responses against it.
"""

from __future__ import annotations

from simulator.schema import (
    BOOL,
    INT,
    MAP,
    STR,
    TIME,
    arr,
    enum,
    nullable,
    obj,
    object_of,
    ref,
    schemas,
)

NSTR = nullable(STR)
NINT = nullable(INT)
NTIME = nullable(TIME)

# -- errors ----------------------------------------------------------------------

schemas.define("message", obj(message=STR))
schemas.define(
    "validation_error",
    obj(message=STR, errors=arr(obj(message=STR, field=STR))),
)
schemas.define("state_conflict", obj(errors=arr(obj(message=STR))))

# -- small shared pieces -----------------------------------------------------------

schemas.define(
    "user_ref",
    obj(id=INT, first_name=STR, last_name=STR, name=STR, employee_id=NSTR),
)
USER_REF = nullable(ref("user_ref"))
CONTACT = obj(value=STR, type=STR)
TYPED_NAME = obj(id=INT, name=STR)
ATTACHMENT = obj(filename=STR, url=NSTR, type=STR, created_at=TIME)

schemas.define("rejection_reason", obj(id=INT, name=STR, type=TYPED_NAME))
schemas.define("source", obj(id=INT, name=STR, type=TYPED_NAME))
schemas.define("close_reason", obj(id=INT, name=STR))

# -- applications and candidates ------------------------------------------------

_APPLICATION = {
    "id": INT,
    "candidate_id": INT,
    "prospect": BOOL,
    "applied_at": TIME,
    "rejected_at": NTIME,
    "last_activity_at": TIME,
    "location": nullable(obj(address=STR)),
    "source": nullable(obj(id=INT, public_name=STR)),
    "credited_to": USER_REF,
    "recruiter": USER_REF,
    "coordinator": USER_REF,
    "rejection_reason": nullable(ref("rejection_reason")),
    "rejection_details": nullable(obj(custom_fields=MAP, keyed_custom_fields=MAP)),
    "jobs": arr(TYPED_NAME),
    "job_post_id": NINT,
    "status": enum("active", "rejected", "hired", "converted"),
    "current_stage": nullable(TYPED_NAME),
    "answers": arr(obj(question=STR, answer=STR)),
    "prospective_office": nullable(MAP),
    "prospective_department": nullable(MAP),
    "prospect_detail": obj(
        prospect_pool=nullable(TYPED_NAME),
        prospect_stage=nullable(TYPED_NAME),
        prospect_owner=nullable(obj(id=INT, name=STR)),
    ),
    "attachments": arr(ATTACHMENT),
}
schemas.define(
    "application",
    object_of({**_APPLICATION, "custom_fields": MAP, "keyed_custom_fields": MAP}),
)
schemas.define("embedded_application", object_of(_APPLICATION))

schemas.define(
    "candidate",
    obj(
        id=INT,
        first_name=STR,
        last_name=STR,
        company=NSTR,
        title=NSTR,
        created_at=TIME,
        updated_at=TIME,
        last_activity=TIME,
        is_private=BOOL,
        photo_url=NSTR,
        attachments=arr(ATTACHMENT),
        application_ids=arr(INT),
        phone_numbers=arr(CONTACT),
        addresses=arr(CONTACT),
        email_addresses=arr(CONTACT),
        website_addresses=arr(CONTACT),
        social_media_addresses=arr(obj(value=STR)),
        recruiter=USER_REF,
        coordinator=USER_REF,
        can_email=BOOL,
        tags=arr(STR),
        applications=arr(ref("embedded_application")),
        educations=arr(ref("education")),
        employments=arr(ref("employment")),
        linked_user_ids=arr(INT),
        custom_fields=MAP,
        keyed_custom_fields=MAP,
    ),
)

# -- jobs, posts, stages -----------------------------------------------------------

RESPONSIBLE = obj(
    id=INT,
    first_name=STR,
    last_name=STR,
    name=STR,
    employee_id=NSTR,
    responsible=BOOL,
)
schemas.define(
    "opening",
    obj(
        id=INT,
        opening_id=NSTR,
        status=enum("open", "closed"),
        opened_at=TIME,
        closed_at=NTIME,
        application_id=NINT,
        close_reason=nullable(ref("close_reason")),
    ),
)
schemas.define(
    "job",
    obj(
        id=INT,
        name=STR,
        requisition_id=NSTR,
        notes=NSTR,
        confidential=BOOL,
        status=enum("open", "closed", "draft"),
        created_at=TIME,
        opened_at=NTIME,
        closed_at=NTIME,
        updated_at=TIME,
        is_template=nullable(BOOL),
        copied_from_id=NINT,
        departments=arr(
            obj(id=INT, name=STR, parent_id=NINT, child_ids=arr(INT), external_id=NSTR)
        ),
        offices=arr(
            obj(
                id=INT,
                name=STR,
                location=obj(name=NSTR),
                primary_contact_user_id=NINT,
                parent_id=NINT,
                child_ids=arr(INT),
                external_id=NSTR,
            )
        ),
        custom_fields=MAP,
        keyed_custom_fields=MAP,
        hiring_team=obj(
            hiring_managers=arr(ref("user_ref")),
            recruiters=arr(RESPONSIBLE),
            coordinators=arr(RESPONSIBLE),
            sourcers=arr(ref("user_ref")),
        ),
        openings=arr(ref("opening")),
    ),
)
schemas.define(
    "job_post",
    obj(
        id=INT,
        title=STR,
        location=obj(
            id=INT,
            name=STR,
            office_id=NINT,
            job_post_custom_location_id=NINT,
            job_post_location_type=TYPED_NAME,
        ),
        internal=BOOL,
        external=BOOL,
        active=BOOL,
        live=BOOL,
        first_published_at=NTIME,
        job_id=NINT,
        content=STR,
        internal_content=NSTR,
        updated_at=TIME,
        created_at=TIME,
        demographic_question_set_id=NINT,
        questions=arr(
            obj(
                required=BOOL,
                private=BOOL,
                label=STR,
                name=STR,
                type=STR,
                values=arr(obj(value=INT, label=STR)),
                description=NSTR,
            )
        ),
    ),
)
schemas.define(
    "job_stage",
    obj(
        id=INT,
        name=STR,
        created_at=TIME,
        updated_at=TIME,
        active=BOOL,
        job_id=INT,
        priority=INT,
        interviews=arr(
            obj(
                id=INT,
                name=STR,
                schedulable=BOOL,
                estimated_minutes=INT,
                default_interviewer_users=arr(ref("user_ref")),
                interview_kit=obj(id=INT, content=NSTR, questions=arr(MAP)),
            )
        ),
    ),
)

# -- users --------------------------------------------------------------------

schemas.define(
    "user",
    obj(
        id=INT,
        name=STR,
        first_name=STR,
        last_name=STR,
        primary_email_address=NSTR,
        updated_at=TIME,
        created_at=TIME,
        disabled=BOOL,
        site_admin=BOOL,
        emails=arr(STR),
        employee_id=NSTR,
        linked_candidate_ids=arr(INT),
        offices=arr(MAP),
        departments=arr(MAP),
    ),
)
