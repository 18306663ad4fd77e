"""The end of a person's record: deleting it, or merging a duplicate into another."""

from __future__ import annotations

import dataclasses

from simulator.world.actions.common import actor_of, by, person_name, touch_candidate
from simulator.world.errors import InvalidField
from simulator.world.events import CandidateEvent, Event, WorldEvent
from simulator.world.records import Application, Candidate, ContactDetail
from simulator.world.store import World


def _drop_application(world: World, application: Application) -> None:
    """Remove an application; the opening a hire filled stays filled, unnamed."""
    if application.hired_opening_id is not None:
        world.openings.get(application.hired_opening_id).application_id = None
    world.unindex_application(application)


def delete_candidate(world: World, candidate_id: int) -> list[WorldEvent]:
    """Delete a person, every application and everything on the profile.

    Greenhouse sends "Candidate deleted" only: the applications go with the
    person, listed in its payload, without a webhook of their own.
    """
    candidate = world.candidates.get(candidate_id)
    removed = dataclasses.replace(candidate)

    moment = world.clock.stamp()
    application_ids = tuple(candidate.application_ids)
    for application_id in application_ids:
        _drop_application(world, world.applications.get(application_id))
    world.unindex_candidate(candidate)
    return [
        CandidateEvent(
            "candidate_deleted",
            candidate_id,
            moment,
            removed=removed,
            deleted_application_ids=application_ids,
        )
    ]


def _union(
    mine: list[ContactDetail], theirs: list[ContactDetail]
) -> list[ContactDetail]:
    seen = {detail.value.casefold() for detail in mine}
    extra = [d for d in theirs if d.value.casefold() not in seen]
    return [*mine, *extra]


def _take_profile(world: World, primary: Candidate, duplicate: Candidate) -> None:
    """Move the duplicate's contacts, files and feed onto the primary."""
    primary.phone_numbers = _union(primary.phone_numbers, duplicate.phone_numbers)
    primary.addresses = _union(primary.addresses, duplicate.addresses)
    primary.website_addresses = _union(
        primary.website_addresses, duplicate.website_addresses
    )
    primary.social_media_addresses = list(
        dict.fromkeys(
            [*primary.social_media_addresses, *duplicate.social_media_addresses]
        )
    )
    emails = _union(primary.email_addresses, duplicate.email_addresses)
    world.set_email_addresses(duplicate, [])
    world.set_email_addresses(primary, emails)
    tags = list(dict.fromkeys([*primary.tag_ids, *duplicate.tag_ids]))
    world.set_tag_ids(duplicate, [])
    world.set_tag_ids(primary, tags)
    primary.company = primary.company or duplicate.company
    primary.title = primary.title or duplicate.title
    primary.recruiter_id = primary.recruiter_id or duplicate.recruiter_id
    primary.coordinator_id = primary.coordinator_id or duplicate.coordinator_id
    primary.attachments.extend(duplicate.attachments)
    for education_id in duplicate.education_ids:
        world.educations.get(education_id).candidate_id = primary.id
    for employment_id in duplicate.employment_ids:
        world.employments.get(employment_id).candidate_id = primary.id
    primary.education_ids.extend(duplicate.education_ids)
    primary.employment_ids.extend(duplicate.employment_ids)
    duplicate.education_ids, duplicate.employment_ids = [], []
    for index, table in (
        (world.notes_by_candidate, world.notes),
        (world.emails_by_candidate, world.emails),
    ):
        for record_id in list(index.ids(duplicate.id)):
            index.remove(duplicate.id, record_id)
            index.add(primary.id, record_id)
            table.get(record_id).candidate_id = primary.id
    for activity_id in world.activities_by_candidate.pop(duplicate.id, []):
        world.activities.get(activity_id).candidate_id = primary.id
        world.activities_by_candidate[primary.id].append(activity_id)
    world.activities_by_candidate[primary.id].sort()


def merge_candidates(
    world: World, primary_id: int, duplicate_id: int, *, actor_id: int
) -> tuple[Candidate, list[WorldEvent]]:
    """Fold the duplicate into the primary; the duplicate ceases to exist.

    Its applications move to the primary, except one on a job the primary has
    applied to already: that one is deleted ("Delete application" fires for it).
    """
    primary = world.candidates.get(primary_id)
    duplicate = world.candidates.get(duplicate_id)
    if primary.id == duplicate.id:
        raise InvalidField(
            "duplicate_candidate_id", "A candidate cannot be merged into itself"
        )
    removed = dataclasses.replace(duplicate)

    moment = world.clock.stamp()
    events: list[WorldEvent] = []
    taken = {
        a.job_id
        for a in (world.applications.get(i) for i in primary.application_ids)
        if a.job_id is not None and not a.prospect
    }
    for application_id in list(duplicate.application_ids):
        application = world.applications.get(application_id)
        if application.job_id in taken and not application.prospect:
            _drop_application(world, application)
            events.append(
                Event("application_deleted", application.id, moment, application)
            )
            continue
        duplicate.application_ids.remove(application.id)
        application.candidate_id = primary.id
        primary.application_ids.append(application.id)
    primary.application_ids.sort()
    _take_profile(world, primary, duplicate)
    world.unindex_candidate(duplicate)
    touch_candidate(primary, moment)
    body = (
        f"{person_name(removed)} ({removed.id}) was merged into "
        f"{person_name(primary)}{by(actor_of(world, actor_id))}"
    )
    world.record_activity(primary.id, moment, "Candidates Merged", body, actor_id)
    dropped = tuple(
        e.subject_id
        for e in events
        if isinstance(e, Event) and e.kind == "application_deleted"
    )
    events.append(
        CandidateEvent(
            "candidate_merged",
            removed.id,
            moment,
            removed=removed,
            deleted_application_ids=dropped,
            merged_into=primary.id,
        )
    )
    return primary, events
