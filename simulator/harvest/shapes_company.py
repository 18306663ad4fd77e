"""JSON Schemas of the organisation's configuration, as `render_org.py` writes it."""

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
    ref,
    schemas,
)

NSTR = nullable(STR)
NINT = nullable(INT)

# -- departments and offices -------------------------------------------------------

schemas.define(
    "department",
    obj(
        id=INT,
        name=STR,
        parent_id=NINT,
        parent_department_external_id=NSTR,
        child_ids=arr(INT),
        child_department_external_ids=arr(NSTR),
        external_id=NSTR,
    ),
)
schemas.define(
    "department_tree",
    obj(id=INT, name=STR, children=arr(ref("department_tree")), external_id=NSTR),
)
schemas.define(
    "department_entry", {"anyOf": [ref("department"), ref("department_tree")]}
)
LOCATION = obj(name=NSTR)
schemas.define(
    "office",
    obj(
        id=INT,
        name=STR,
        location=LOCATION,
        primary_contact_user_id=NINT,
        parent_id=NINT,
        parent_office_external_id=NSTR,
        child_ids=arr(INT),
        child_office_external_ids=arr(NSTR),
        external_id=NSTR,
    ),
)
schemas.define(
    "office_tree",
    obj(
        id=INT,
        name=STR,
        location=LOCATION,
        primary_contact_user_id=NINT,
        external_id=NSTR,
        children=arr(ref("office_tree")),
    ),
)
schemas.define("office_entry", {"anyOf": [ref("office"), ref("office_tree")]})
schemas.define(
    "prospect_pool",
    obj(id=INT, name=STR, active=BOOL, prospect_stages=arr(obj(id=INT, name=STR))),
)

# -- custom fields -------------------------------------------------------------------

schemas.define(
    "custom_field_option", obj(id=INT, name=STR, priority=INT, external_id=NSTR)
)
schemas.define(
    "custom_field",
    obj(
        id=INT,
        name=STR,
        active=BOOL,
        field_type=enum(
            "job",
            "candidate",
            "application",
            "offer",
            "opening",
            "rejection_question",
            "referral_question",
        ),
        priority=INT,
        value_type=STR,
        private=BOOL,
        required=BOOL,
        require_approval=BOOL,
        trigger_new_version=BOOL,
        name_key=STR,
        description=NSTR,
        expose_in_job_board_api=BOOL,
        api_only=BOOL,
        offices=arr(ref("office")),
        departments=arr(ref("department")),
        template_token_string=NSTR,
        custom_field_options=arr(ref("custom_field_option")),
    ),
)

# -- user roles and job permissions --------------------------------------------------

schemas.define(
    "user_role", obj(id=INT, type=enum("interviewer", "job_admin"), name=STR)
)
schemas.define("job_permission", obj(id=INT, job_id=INT, user_role_id=INT))

# -- demographic data ----------------------------------------------------------------

TRANSLATIONS = arr(obj(language=STR, name=STR))
schemas.define(
    "demographic_question_set",
    obj(id=INT, title=STR, description=NSTR, active=BOOL),
)
schemas.define(
    "demographic_question",
    obj(
        id=INT,
        demographic_question_set_id=INT,
        name=STR,
        translations=TRANSLATIONS,
        active=BOOL,
        required=BOOL,
    ),
)
schemas.define(
    "demographic_answer_option",
    obj(
        id=INT,
        free_form=BOOL,
        active=BOOL,
        name=STR,
        demographic_question_id=INT,
        translations=TRANSLATIONS,
    ),
)
schemas.define(
    "demographic_answer",
    obj(
        id=INT,
        free_form_text=NSTR,
        application_id=INT,
        demographic_question_id=INT,
        demographic_answer_option_id=INT,
        created_at=TIME,
        updated_at=TIME,
    ),
)

# -- EEOC ------------------------------------------------------------------------------

DESCRIBED = nullable(obj(id=INT, description=STR))
schemas.define(
    "eeoc",
    obj(
        application_id=INT,
        candidate_id=INT,
        race=DESCRIBED,
        gender=DESCRIBED,
        veteran_status=nullable(obj(id=INT, message=STR)),
        disability_status=DESCRIBED,
        submitted_at=nullable(TIME),
    ),
)
