"""JSON Schemas of the Job Board API's shapes, as `render.py` writes them."""

from __future__ import annotations

from simulator.schema import (
    BOOL,
    INT,
    MAP,
    STR,
    TIME,
    arr,
    nullable,
    obj,
    object_of,
    ref,
    schemas,
)

NSTR = nullable(STR)
NINT = nullable(INT)

_PLACE = {"id": INT, "name": STR, "parent_id": NINT, "child_ids": arr(INT)}

schemas.define(
    "board_question",
    obj(
        required=BOOL,
        label=STR,
        fields=arr(obj(name=STR, type=STR, values=arr(obj(label=STR, value=INT)))),
    ),
)
schemas.define(
    "board_job",
    obj(
        (
            "content",
            "departments",
            "offices",
            "questions",
            "compliance",
            "demographic_questions",
            "pay_input_ranges",
        ),
        absolute_url=STR,
        data_compliance=arr(MAP),
        internal_job_id=NINT,
        location=obj(name=STR),
        metadata=nullable(arr(MAP)),
        id=INT,
        updated_at=TIME,
        requisition_id=NSTR,
        title=STR,
        company_name=STR,
        first_published=nullable(TIME),
        language=STR,
        content=STR,
        departments=arr(object_of(_PLACE)),
        offices=arr(object_of({**_PLACE, "location": NSTR})),
        questions=arr(ref("board_question")),
        compliance=arr(obj(type=STR, questions=arr(ref("board_question")))),
        demographic_questions=obj(
            header=STR,
            description=STR,
            questions=arr(
                obj(
                    id=INT,
                    label=STR,
                    required=BOOL,
                    type=STR,
                    answer_options=arr(obj(id=INT, label=STR, free_form=BOOL)),
                )
            ),
        ),
        pay_input_ranges=arr(
            obj(
                min_cents=INT,
                max_cents=INT,
                currency_type=STR,
                title=STR,
                blurb=STR,
            )
        ),
    ),
)
schemas.define("board", obj(name=STR, content=STR))
# A node of a list (`parent_id`, `child_ids`) or of a tree (`children`).
_NODE = ("parent_id", "child_ids", "children")
schemas.define(
    "board_department",
    obj(
        _NODE,
        id=INT,
        name=STR,
        jobs=arr(ref("board_job")),
        parent_id=NINT,
        child_ids=arr(INT),
        children=arr(ref("board_department")),
    ),
)
schemas.define(
    "board_office",
    obj(
        _NODE,
        id=INT,
        name=STR,
        location=NSTR,
        departments=arr(ref("board_department")),
        parent_id=NINT,
        child_ids=arr(INT),
        children=arr(ref("board_office")),
    ),
)
schemas.define("board_offices", obj(offices=arr(ref("board_office"))))
schemas.define("board_departments", obj(departments=arr(ref("board_department"))))
schemas.define("board_section", obj(id=INT, name=STR, jobs=arr(ref("board_job"))))
schemas.define("board_sections", obj(sections=arr(ref("board_section"))))
schemas.define(
    "board_education",
    obj(
        items=arr(obj(id=INT, text=STR)),
        meta=obj(total_count=INT, per_page=INT),
    ),
)
schemas.define("board_jobs", obj(jobs=arr(ref("board_job")), meta=obj(total=INT)))
schemas.define("board_error", obj(("reason",), status=INT, error=STR, reason=STR))
schemas.define("application_saved", obj(success=STR))
schemas.define(
    "application_form",
    obj(
        ("phone", "location", "latitude", "longitude", "mapped_url_token"),
        _open=True,
        first_name=STR,
        last_name=STR,
        email=STR,
        phone=STR,
        location=STR,
        latitude=STR,
        longitude=STR,
        mapped_url_token=STR,
    ),
)
