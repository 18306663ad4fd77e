"""A candidate's activity feed in Harvest v1's shapes: notes, e-mails, activities.

Each list runs newest first, as the docs' example does. A note carries its
visibility twice, once under the legacy misspelling `visiblity`.
"""

from __future__ import annotations

from typing import Any

from simulator.formats import iso_utc
from simulator.harvest.render import user_ref
from simulator.world.records import Candidate
from simulator.world.records_profile import Activity, Email, Note
from simulator.world.store import World

JSON = dict[str, Any]


def note(world: World, item: Note) -> JSON:
    return {
        "id": item.id,
        "created_at": iso_utc(item.created_at),
        "body": item.body,
        "user": user_ref(world, item.user_id),
        "private": item.visibility == "private",
        "visiblity": item.visibility,
        "visibility": item.visibility,
    }


def email(world: World, item: Email, *, cc_as_text: bool = True) -> JSON:
    """An e-mail; the feed gives `cc` as one string, the POST answer as a list."""
    cc: str | list[str] | None = list(item.cc)
    if cc_as_text:
        cc = ", ".join(item.cc) or None
    return {
        "id": item.id,
        "created_at": iso_utc(item.created_at),
        "subject": item.subject,
        "body": item.body,
        "to": item.to,
        "from": item.sender,
        "cc": cc,
        "user": user_ref(world, item.user_id),
    }


def activity(world: World, item: Activity) -> JSON:
    return {
        "id": item.id,
        "created_at": iso_utc(item.created_at),
        "subject": item.subject,
        "body": item.body,
        "user": user_ref(world, item.user_id),
    }


def feed(world: World, candidate: Candidate) -> JSON:
    notes = world.notes_by_candidate.ids(candidate.id)
    emails = world.emails_by_candidate.ids(candidate.id)
    activities = world.activities_by_candidate.get(candidate.id, [])
    return {
        "notes": [note(world, world.notes.get(i)) for i in reversed(notes)],
        "emails": [email(world, world.emails.get(i)) for i in reversed(emails)],
        "activities": [
            activity(world, world.activities.get(i)) for i in reversed(activities)
        ],
    }
