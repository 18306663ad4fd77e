"""JSON Schemas of the people shapes (`render_profile.py`, `render_feed.py`) and of
the request bodies of the Candidates, Tags and Activity feed writes."""

from __future__ import annotations

from simulator.schema import (
    BOOL,
    INT,
    STR,
    TIME,
    Schema,
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
USER_REF = nullable(ref("user_ref"))
VISIBILITY = enum("admin_only", "private", "public")

# -- responses -------------------------------------------------------------------

schemas.define("tag", obj(id=INT, name=STR))
schemas.define(
    "education",
    obj(
        id=INT,
        school_name=NSTR,
        discipline=NSTR,
        degree=NSTR,
        start_date=NTIME,
        end_date=NTIME,
    ),
)
schemas.define(
    "employment",
    obj(id=INT, company_name=STR, title=STR, start_date=TIME, end_date=NTIME),
)
schemas.define(
    "attachment_added", obj(filename=STR, url=NSTR, type=STR, content_type=NSTR)
)
schemas.define("success_message", obj(success=BOOL, message=STR))
schemas.define(
    "note",
    obj(
        id=INT,
        created_at=TIME,
        body=STR,
        user=USER_REF,
        private=BOOL,
        visiblity=VISIBILITY,
        visibility=VISIBILITY,
    ),
)
_EMAIL = {
    "id": INT,
    "created_at": TIME,
    "subject": STR,
    "body": STR,
    "to": STR,
    "from": STR,
    "user": USER_REF,
}
schemas.define("feed_email", object_of({**_EMAIL, "cc": NSTR}))
schemas.define("email_added", object_of({**_EMAIL, "cc": arr(STR)}))
schemas.define(
    "activity", obj(id=INT, created_at=TIME, subject=STR, body=STR, user=USER_REF)
)
schemas.define(
    "activity_feed",
    obj(
        notes=arr(ref("note")),
        emails=arr(ref("feed_email")),
        activities=arr(ref("activity")),
    ),
)

# -- request bodies ----------------------------------------------------------------


def _body(required: tuple[str, ...], **properties: Schema) -> Schema:
    optional = tuple(name for name in properties if name not in required)
    return object_of(properties, optional, open_=True)


CONTACTS = arr(obj(value=STR, type=STR))
USER_PICK = nullable(obj(("id", "user_id", "email"), id=INT, user_id=INT, email=STR))
ATTACHMENT = _body(
    ("filename", "type"),
    filename=STR,
    type=STR,
    content=STR,
    url=STR,
    content_type=STR,
)
REFERRER = obj(
    type=enum("id", "email", "outside"), value={"type": ["string", "integer"]}
)
EDUCATION = _body(
    (),
    school_id=INT,
    discipline_id=INT,
    degree_id=INT,
    start_date=TIME,
    start_month=INT,
    start_year=INT,
    end_date=TIME,
    end_month=INT,
    end_year=INT,
)
EMPLOYMENT = _body(
    ("company_name", "title", "start_date"),
    company_name=STR,
    title=STR,
    start_date=TIME,
    end_date=NTIME,
)
NOTE = _body(
    ("user_id", "body", "visibility"), user_id=INT, body=STR, visibility=VISIBILITY
)
APPLICATION = _body(
    (),
    prospect={"type": ["boolean", "string"]},
    job_id=INT,
    job_ids=arr(INT),
    source_id=INT,
    initial_stage_id=INT,
    referrer=REFERRER,
    attachments=arr(ATTACHMENT),
    prospect_owner_id=INT,
    prospective_department_id=INT,
    prospective_office_id=INT,
    custom_fields=arr({"type": "object"}),
)
_PERSON = {
    "first_name": STR,
    "last_name": STR,
    "company": NSTR,
    "title": NSTR,
    "is_private": BOOL,
    "phone_numbers": CONTACTS,
    "addresses": CONTACTS,
    "email_addresses": CONTACTS,
    "website_addresses": CONTACTS,
    "social_media_addresses": arr(obj(value=STR)),
    "tags": arr(STR),
    "recruiter": USER_PICK,
    "coordinator": USER_PICK,
    "custom_fields": arr({"type": "object"}),
}
_NEW_PERSON = {
    **_PERSON,
    "educations": arr(EDUCATION),
    "employments": arr(EMPLOYMENT),
    "activity_feed_notes": arr(NOTE),
}

schemas.define("edit_candidate_body", _body((), **_PERSON))
schemas.define(
    "add_candidate_body",
    _body(
        ("first_name", "last_name", "applications"),
        **_NEW_PERSON,
        applications=arr(APPLICATION),
    ),
)
schemas.define(
    "add_prospect_body",
    _body(("first_name", "last_name"), **_NEW_PERSON, application=APPLICATION),
)
schemas.define(
    "merge_body",
    obj(primary_candidate_id=INT, duplicate_candidate_id=INT),
)
schemas.define("attachment_body", ATTACHMENT)
schemas.define("application_body", APPLICATION)
schemas.define("education_body", EDUCATION)
schemas.define("employment_body", EMPLOYMENT)
schemas.define("note_body", NOTE)
schemas.define(
    "email_body",
    _body(
        ("user_id", "to", "from", "subject", "body"),
        user_id=INT,
        to=STR,
        cc=arr(STR),
        subject=STR,
        body=STR,
        **{"from": STR},
    ),
)
schemas.define("tag_body", obj(name=STR))
