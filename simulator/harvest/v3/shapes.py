"""JSON Schemas of what Harvest v3 adds: its error shape, and OAuth's token shapes.

Records keep v1's schemas (`simulator/harvest/shapes.py`).
"""

from __future__ import annotations

from simulator.schema import INT, MAP, STR, TIME, arr, enum, obj, schemas

schemas.define(
    "v3_errors",
    obj(errors=arr(obj(("field",), message=STR, field=STR))),
)
schemas.define(
    "token_request",
    obj(
        ("sub", "scope"),
        grant_type=enum("client_credentials"),
        sub=STR,
        scope=STR,
    ),
)
schemas.define(
    "key_exchange_request",
    obj(("grant_type", "sub"), grant_type=enum("client_credentials"), sub=STR),
)
schemas.define(
    "access_token",
    obj(
        access_token=STR,
        token_type=enum("Bearer"),
        expires_in=INT,
        expires_at=TIME,
    ),
)
schemas.define(
    "oauth_error",
    obj(
        ("error_description",),
        error=enum(
            "invalid_request",
            "invalid_client",
            "invalid_grant",
            "invalid_scope",
            "unauthorized_client",
            "unsupported_grant_type",
        ),
        error_description=STR,
    ),
)

schemas.define(
    "v3_move_body",
    obj(
        ("from_stage_id", "to_stage_id", "to_job_id"),
        from_stage_id=INT,
        to_stage_id=INT,
        to_job_id=INT,
    ),
)
schemas.define(
    "v3_reject_body",
    obj(
        ("rejection_reason_id", "notes", "rejection_email"),
        rejection_reason_id=INT,
        notes=STR,
        rejection_email=MAP,
    ),
)
