"""Payloads of the webhooks about a person, and of "Delete application".

Unlike the application events, these do not carry the full application tree:
- `update_candidate`: `{"candidate": {...}}`, the candidate as the application
  payloads show it, without `is_private` and `can_email` (the docs' example has
  neither);
- `delete_candidate` and `merge_candidate`: `{"person": {...}}`, a flat record
  with user ids, plus `deleted_application_ids` or `new_candidate_id`;
- `candidate_anonymized`: `{"candidate_id", "anonymized_fields"}`;
- `delete_application`: `{"application": {...}}`, flat ids only.
"""

from __future__ import annotations

from typing import Any

from simulator.formats import iso_utc_seconds
from simulator.webhooks.payloads import candidate_body
from simulator.world.events import CandidateEvent
from simulator.world.records import Candidate
from simulator.world.store import World

_UPDATE_KEYS = (
    "id",
    "first_name",
    "last_name",
    "title",
    "company",
    "created_at",
    "external_id",
    "photo_url",
    "url",
    "phone_numbers",
    "email_addresses",
    "addresses",
    "website_addresses",
    "social_media_addresses",
    "educations",
    "employments",
    "recruiter",
    "coordinator",
    "attachments",
    "tags",
    "custom_fields",
)


def updated_payload(world: World, candidate: Candidate) -> dict[str, Any]:
    full = candidate_body(world, candidate)
    return {"candidate": {key: full[key] for key in _UPDATE_KEYS}}


def _person(candidate: Candidate) -> dict[str, Any]:
    return {
        "id": candidate.id,
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "company": candidate.company,
        "title": candidate.title,
        "created_at": iso_utc_seconds(candidate.created_at),
        "headline": None,
        "is_private": candidate.is_private,
        "recruiter_user_id": candidate.recruiter_id,
        "coordinator_user_id": candidate.coordinator_id,
        "can_email": bool(candidate.email_addresses),
    }


def deleted_payload(event: CandidateEvent) -> dict[str, Any]:
    """`delete_candidate`, for a delete or for a merge no merge webhook hears."""
    assert event.removed is not None, "a delete carries the removed candidate"
    person = _person(event.removed)
    person["deleted_application_ids"] = list(event.deleted_application_ids)
    return {"person": person}


def merged_payload(event: CandidateEvent) -> dict[str, Any]:
    assert event.removed is not None, "a merge carries the removed candidate"
    return {"person": {**_person(event.removed), "new_candidate_id": event.merged_into}}


def anonymized_payload(event: CandidateEvent) -> dict[str, Any]:
    return {
        "candidate_id": event.candidate_id,
        "anonymized_fields": list(event.anonymized_fields),
    }


def candidate_payload(
    world: World, event: CandidateEvent, action: str
) -> dict[str, Any]:
    """The payload `action` carries for a change to a candidate."""
    if action == "update_candidate":
        return updated_payload(world, world.candidates.get(event.candidate_id))
    if action == "merge_candidate":
        return merged_payload(event)
    if action == "delete_candidate":
        return deleted_payload(event)
    return anonymized_payload(event)
