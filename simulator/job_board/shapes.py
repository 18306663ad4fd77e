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
        ("content", "departments", "offices", "questions"),
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
