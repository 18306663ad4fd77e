"""Reading a person out of a Harvest body: Add Candidate, Add Prospect, Edit Candidate.

The contact lists are `[{value, type}]` with the types the candidate object
documents; `recruiter` and `coordinator` name a user by `id` (the edit example
says `user_id`, and both are taken) or by `email`.
"""

from __future__ import annotations

import re
from typing import Any

from simulator.harvest import body_parts, params
from simulator.harvest.body_parts import items, name_text, obj
from simulator.harvest.errors import ValidationFailed
from simulator.jsonbody import shown
from simulator.world.actions import PersonForm, UserPick
from simulator.world.records import ContactDetail

CONTACT_TYPES = {
    "phone_numbers": ("home", "work", "mobile", "skype", "other"),
    "addresses": ("home", "work", "other"),
    "email_addresses": ("personal", "work", "other"),
    "website_addresses": ("personal", "company", "portfolio", "blog", "other"),
}
NAME_LENGTH = body_parts.NAME_LENGTH
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# What Add Candidate and Edit Candidate read; anything else is ignored, as Rails does.
PERSON_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "title",
    "is_private",
    *CONTACT_TYPES,
    "social_media_addresses",
    "tags",
    "recruiter",
    "coordinator",
)


def _contacts(body: dict[str, Any], name: str) -> list[ContactDetail]:
    details = []
    for value, field in items(body, name):
        entry = obj(value, field)
        text = name_text(entry, "value", field)
        kind = body_parts.choice(entry, "type", CONTACT_TYPES[name], field)
        if name == "email_addresses" and not _EMAIL.match(text):
            raise ValidationFailed(
                f"{field}.value", f"{shown(text)} is not a valid e-mail address"
            )
        details.append(ContactDetail(text, kind))
    return details


def _social(body: dict[str, Any]) -> list[str]:
    return [
        name_text(obj(value, field), "value", field)
        for value, field in items(body, "social_media_addresses")
    ]


def _tags(body: dict[str, Any]) -> list[str]:
    names = []
    for value, field in items(body, "tags"):
        if not isinstance(value, str):
            raise ValidationFailed(
                field, f"{field} must be a string, not {shown(value)}"
            )
        names.append(value)
    return names


def _user(body: dict[str, Any], name: str) -> UserPick | None:
    raw = params.mapping(body, name)
    if raw is None:
        return None
    key = "user_id" if "user_id" in raw and "id" not in raw else "id"
    user_id = params.integer(raw, key, within=name)
    email = params.text(raw, "email", within=name, max_length=NAME_LENGTH)
    if user_id is None and not email:
        raise ValidationFailed(name, f"{name} needs an id or an email")
    return UserPick(name, user_id, None if user_id is not None else email)


def _optional_text(body: dict[str, Any], name: str) -> str | None:
    """A string that may be null; blank reads as null."""
    value = params.text(body, name, max_length=NAME_LENGTH)
    if value is None or not value.strip():
        return None
    return value.strip()


def person(body: dict[str, Any], *, creating: bool) -> PersonForm:
    """The person a body describes. Creating, the names are required and the
    profile lists (educations, employments, notes) are read too."""
    given = frozenset(name for name in PERSON_FIELDS if name in body)
    form = PersonForm(given=given)
    if creating or "first_name" in body:
        form.first_name = name_text(body, "first_name")
    if creating or "last_name" in body:
        form.last_name = name_text(body, "last_name")
    form.company = _optional_text(body, "company")
    form.title = _optional_text(body, "title")
    form.is_private = bool(params.flag(body, "is_private"))
    form.phone_numbers = _contacts(body, "phone_numbers")
    form.addresses = _contacts(body, "addresses")
    form.email_addresses = _contacts(body, "email_addresses")
    form.website_addresses = _contacts(body, "website_addresses")
    form.social_media_addresses = _social(body)
    form.tags = _tags(body)
    form.recruiter = _user(body, "recruiter")
    form.coordinator = _user(body, "coordinator")
    body_parts.custom_fields(body)
    if creating:
        form.educations = [
            body_parts.education(obj(value, field), field)
            for value, field in items(body, "educations")
        ]
        form.employments = [
            body_parts.employment(obj(value, field), field)
            for value, field in items(body, "employments")
        ]
        form.notes = [
            body_parts.note(obj(value, field), field)
            for value, field in items(body, "activity_feed_notes")
        ]
    return form
