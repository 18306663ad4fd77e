"""The sparse-payload fault: a body with its optional blocks left out.

Greenhouse's examples differ in which blocks they carry (`hire_candidate` leaves
out `status` and `current_stage`, some sources have no `credited_to`), and real
payloads vary by account settings. A sync that needs a block it did not get must
read it from Harvest; this fault shows whether it does.
"""

from __future__ import annotations

from typing import Any

# Blocks a payload may come without. Ids, names, status and dates stay.
OPTIONAL_BLOCKS = frozenset(
    {
        "custom_fields",
        "keyed_custom_fields",
        "rejection_details",
        "prospect_detail",
        "credited_to",
        "source",
        "attachments",
        "educations",
        "employments",
        "addresses",
        "website_addresses",
        "social_media_addresses",
        "phone_numbers",
        "tags",
        "hiring_team",
        "interviews",
        "openings",
        "offer",
        "opening",
        "job",
        "recruiter",
        "coordinator",
    }
)


def sparse(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload with its optional blocks removed; its root keys all stay."""
    return {key: _without_optional(value) for key, value in payload.items()}


def _without_optional(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_optional(v)
            for k, v in value.items()
            if k not in OPTIONAL_BLOCKS
        }
    if isinstance(value, list):
        return [_without_optional(item) for item in value]
    return value
