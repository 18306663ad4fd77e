"""Reading the parts of a people request: dates, files, schools, jobs, notes, and
the application forms. Each names a bad field where it sits: `applications[1].job_id`.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, cast

from simulator.harvest import params
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.filters import parse_time
from simulator.jsonbody import shown
from simulator.world.actions import (
    ApplicationForm,
    EducationForm,
    EmailForm,
    EmploymentForm,
    NoteForm,
    Referrer,
)
from simulator.world.actions.forms import at
from simulator.world.profiles import month_start
from simulator.world.records import Attachment, NoteVisibility

NAME_LENGTH = 255
VISIBILITIES = ("admin_only", "private", "public")
CANDIDATE_FILE_TYPES = ("resume", "cover_letter", "admin_only")
APPLICATION_FILE_TYPES = (
    *CANDIDATE_FILE_TYPES,
    "other",
    "take_home_test",
    "offer_letter",
    "signed_offer_letter",
)
# The content types Greenhouse takes for an uploaded file (harvest/_candidates.md).
CONTENT_TYPES = frozenset(
    {
        "application/atom+xml",
        "application/javascript",
        "application/json",
        "application/msgpack",
        "application/msword",
        "application/pdf",
        "application/rss+xml",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-powerpoint",
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/x-yaml",
        "application/zip",
        "multipart/form-data",
        "image/bmp",
        "image/gif",
        "image/jpeg",
        "image/png",
        "image/tiff",
        "text/calendar",
        "text/css",
        "text/csv",
        "text/html",
        "text/javascript",
        "text/plain",
        "text/vcard",
        "video/mpeg",
    }
)


def obj(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationFailed(field, f"{field} must be an object, not {shown(value)}")
    return value


def items(body: dict[str, Any], name: str, within: str = "") -> list[tuple[Any, str]]:
    """A list field's items, each with its name in errors: `name[0]`."""
    values = params.array(body, name, within=within) or []
    field = at(within, name)
    return [(value, f"{field}[{index}]") for index, value in enumerate(values)]


def name_text(body: dict[str, Any], name: str, within: str = "") -> str:
    """A required string that is not blank."""
    value = params.text(
        body, name, required=True, max_length=NAME_LENGTH, within=within
    )
    if not (value or "").strip():
        field = at(within, name)
        raise ValidationFailed(field, f"{field} must not be blank")
    return (value or "").strip()


def choice(
    body: dict[str, Any], name: str, allowed: tuple[str, ...], within: str
) -> str:
    value = params.text(body, name, required=True, within=within) or ""
    if value not in allowed:
        field = at(within, name)
        raise ValidationFailed(
            field, f"{field} must be one of {', '.join(allowed)}, not {shown(value)}"
        )
    return value


def timestamp(body: dict[str, Any], name: str, within: str = "") -> int | None:
    """An ISO-8601 time in milliseconds; null or "" is none."""
    value = body.get(name)
    if value is None or value == "":
        return None
    field = at(within, name)
    if not isinstance(value, str):
        raise ValidationFailed(field, f"{field} must be an ISO-8601 time")
    return parse_time(field, value)


def _month_and_year(body: dict[str, Any], edge: str, within: str) -> int | None:
    """`{edge}_date`, or `{edge}_month` with `{edge}_year`; never both."""
    month = params.integer(body, f"{edge}_month", within=within)
    year = params.integer(body, f"{edge}_year", within=within)
    moment = timestamp(body, f"{edge}_date", within)
    if moment is not None and (month is not None or year is not None):
        field = at(within, f"{edge}_date")
        raise ValidationFailed(
            field, f"Give {edge}_date, or {edge}_month and {edge}_year, not both"
        )
    if month is None and year is None:
        return moment
    if month is None or not 1 <= month <= 12:
        field = at(within, f"{edge}_month")
        raise ValidationFailed(field, f"{field} must be a month from 1 to 12")
    if year is None or not 1900 <= year <= 2100:
        field = at(within, f"{edge}_year")
        raise ValidationFailed(field, f"{field} must be a year from 1900 to 2100")
    return month_start(year, month)


def education(body: dict[str, Any], within: str = "") -> EducationForm:
    return EducationForm(
        school_id=params.integer(body, "school_id", within=within),
        degree_id=params.integer(body, "degree_id", within=within),
        discipline_id=params.integer(body, "discipline_id", within=within),
        start_date=_month_and_year(body, "start", within),
        end_date=_month_and_year(body, "end", within),
        at=within,
    )


def employment(body: dict[str, Any], within: str = "") -> EmploymentForm:
    company = name_text(body, "company_name", within)
    title = name_text(body, "title", within)
    start = timestamp(body, "start_date", within)
    if start is None:
        field = at(within, "start_date")
        raise ValidationFailed(field, f"{field} is required")
    # "An empty end_date indicates current employment."
    return EmploymentForm(
        company, title, start, timestamp(body, "end_date", within), at=within
    )


def note(body: dict[str, Any], within: str = "") -> NoteForm:
    user_id = params.integer(body, "user_id", required=True, within=within)
    text = params.text(body, "body", required=True, within=within) or ""
    if not text.strip():
        field = at(within, "body")
        raise ValidationFailed(field, f"{field} must not be blank")
    visibility = choice(body, "visibility", VISIBILITIES, within)
    return NoteForm(user_id or 0, text, cast(NoteVisibility, visibility), at=within)


def email(body: dict[str, Any]) -> EmailForm:
    user_id = params.required_integer(body, "user_id")
    fields = {
        name: params.text(body, name, required=True) or ""
        for name in ("to", "from", "subject", "body")
    }
    cc = []
    for value, field in items(body, "cc"):
        if not isinstance(value, str):
            raise ValidationFailed(
                field, f"{field} must be a string, not {shown(value)}"
            )
        cc.append(value)
    return EmailForm(
        user_id, fields["to"], fields["from"], fields["subject"], fields["body"], cc
    )


def attachment(
    body: dict[str, Any],
    within: str = "",
    types: tuple[str, ...] = CANDIDATE_FILE_TYPES,
) -> Attachment:
    """A file given as base64 `content` (with its `content_type`) or by `url`."""
    filename = name_text(body, "filename", within)
    kind = choice(body, "type", types, within)
    content = params.text(body, "content", within=within, max_length=30_000_000)
    url = params.text(body, "url", within=within)
    content_type = params.text(body, "content_type", within=within)
    if content_type is not None and content_type not in CONTENT_TYPES:
        field = at(within, "content_type")
        raise ValidationFailed(field, f"{field} {shown(content_type)} is not accepted")
    if content is not None:
        if content_type is None:
            field = at(within, "content_type")
            raise ValidationFailed(field, f"{field} is required with content")
        try:
            data = base64.b64decode(content, validate=True)
        except (binascii.Error, ValueError):
            field = at(within, "content")
            raise ValidationFailed(field, f"{field} must be base64") from None
        if not data:
            field = at(within, "content")
            raise ValidationFailed(field, f"{field} is empty")
        return Attachment(filename, kind, content_type, len(data), None, 0)
    if url is None:
        field = at(within, "content")
        raise ValidationFailed(field, "Either content or url is required")
    if not url.startswith(("http://", "https://")):
        field = at(within, "url")
        raise ValidationFailed(field, f"{field} must be an http(s) URL")
    return Attachment(filename, kind, content_type, 0, url, 0)


def _referrer(body: dict[str, Any], within: str) -> Referrer | None:
    raw = params.mapping(body, "referrer", within=within)
    if raw is None:
        return None
    prefix = at(within, "referrer")
    kind = params.text(raw, "type", required=True, within=prefix) or ""
    value = raw.get("value")
    if isinstance(value, bool) or not isinstance(value, str | int):
        field = at(prefix, "value")
        raise ValidationFailed(field, f"{field} must be a string, not {shown(value)}")
    return Referrer(kind, str(value), at=prefix)


def _ids(body: dict[str, Any], name: str, within: str) -> list[int]:
    return [
        params.as_integer(value, field) for value, field in items(body, name, within)
    ]


def application(
    body: dict[str, Any], within: str = "", *, prospect: bool = False
) -> ApplicationForm:
    """The candidate form (one `job_id`) or, with `prospect: true`, the prospect
    form (any `job_ids`, an owner, a prospective office and department)."""
    prospect = params.flag(body, "prospect", within=within) or prospect
    attachments = [
        attachment(obj(value, field), field, APPLICATION_FILE_TYPES)
        for value, field in items(body, "attachments", within)
    ]
    form = ApplicationForm(
        prospect=prospect,
        source_id=params.integer(body, "source_id", within=within),
        referrer=_referrer(body, within),
        attachments=attachments,
        at=within,
    )
    custom_fields(body, within)
    if not prospect:
        form.job_id = params.integer(body, "job_id", required=True, within=within)
        form.initial_stage_id = params.integer(body, "initial_stage_id", within=within)
        return form
    form.prospect_pool_id = params.integer(body, "prospect_pool_id", within=within)
    form.prospect_stage_id = params.integer(
        body, "prospect_pool_stage_id", within=within
    )
    form.job_ids = _ids(body, "job_ids", within)
    form.prospect_owner_id = params.integer(body, "prospect_owner_id", within=within)
    form.prospective_department_id = params.integer(
        body, "prospective_department_id", within=within
    )
    form.prospective_office_id = params.integer(
        body, "prospective_office_id", within=within
    )
    return form


def custom_fields(body: dict[str, Any], within: str = "") -> None:
    """`custom_fields: []` does nothing, as documented; any value is a gap."""
    if items(body, "custom_fields", within):
        raise NotImplementedError(
            "Custom fields are not simulated: the organisation has none"
        )
