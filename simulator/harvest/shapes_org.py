"""JSON Schemas of the shapes `render_org.py` writes, and of the write responses
that are no record: `{"success": true}` and its relatives.
"""

from __future__ import annotations

from simulator.schema import (
    BOOL,
    INT,
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

# -- settings -----------------------------------------------------------------------

schemas.define(
    "email_template",
    object_of(
        {
            "id": INT,
            "name": STR,
            "description": NSTR,
            "default": BOOL,
            "updated_at": TIME,
            "created_at": TIME,
            "type": STR,
            "from": NSTR,
            "cc": arr(STR),
            "body": NSTR,
            "html_body": NSTR,
            "user": nullable(ref("user_ref")),
        }
    ),
)
schemas.define(
    "tracking_link",
    obj(
        id=INT,
        token=STR,
        created_at=TIME,
        updated_at=TIME,
        related_post_id=NINT,
        related_post_type=nullable(enum("SocialMediaPost")),
        job_id=NINT,
        job_post_id=NINT,
        job_board=nullable(obj(id=INT, company_name=STR, url_token=STR)),
        source=obj(id=INT, public_name=STR),
        credited_to=nullable(ref("user_ref")),
    ),
)
for _name in ("degree", "discipline", "school"):
    schemas.define(_name, obj(id=INT, name=STR, priority=INT))
schemas.define(
    "custom_location",
    obj(
        id=INT,
        value=STR,
        active=BOOL,
        greenhouse_job_board_id=INT,
        created_at=TIME,
        updated_at=TIME,
    ),
)
_MEMBER = obj(user_id=INT, active=BOOL)
_RESPONSIBLE = obj(user_id=INT, active=BOOL, responsible=BOOL)
schemas.define(
    "hiring_team",
    obj(
        hiring_managers=arr(_MEMBER),
        recruiters=arr(_RESPONSIBLE),
        coordinators=arr(_RESPONSIBLE),
        sourcers=arr(_MEMBER),
    ),
)

# -- write responses ----------------------------------------------------------------

schemas.define("success", obj(success=enum(True)))
# Edit Openings answers with the string "true", as Greenhouse documents it.
schemas.define("success_text", obj(success=enum("true")))
schemas.define(
    "openings_created",
    obj(openings=arr(obj(id=INT, opening_id=NSTR, open_date=TIME))),
)
schemas.define(
    "openings_destroyed",
    obj(success=enum(True), deleted_ids=arr(INT), failed_ids=arr(INT)),
)
schemas.define("rejection_reason_updated", obj(id=INT, message=STR, success=enum(True)))
schemas.define(
    "prospect_converted",
    obj(
        success=enum(True),
        old_application_id=INT,
        new_application_id=INT,
        new_job_id=INT,
        new_stage_id=INT,
    ),
)
schemas.define(
    "attachment_created", obj(filename=STR, url=STR, type=STR, content_type=NSTR)
)
