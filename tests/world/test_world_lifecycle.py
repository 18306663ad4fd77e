"""Deleting, merging and anonymizing candidates: what goes, what moves, what stays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import InvalidField, NotFound, World, actions
from simulator.world.actions import ApplicationForm, NoteForm, PersonForm
from simulator.world.events import CandidateEvent, Event
from simulator.world.records import Candidate, ContactDetail

Dump = Callable[[World], dict[str, Any]]


def _with_everything(world: World, admin: int, job_ids: list[int]) -> Candidate:
    """A new candidate on these jobs, with an e-mail, a tag, a note and a feed."""
    person = PersonForm(
        first_name="Dup",
        last_name="Licate",
        email_addresses=[ContactDetail("dup@example.org", "personal")],
        tags=["Go"],
        notes=[NoteForm(admin, "A note", "private")],
    )
    forms = [ApplicationForm(job_id=job_id) for job_id in job_ids]
    candidate, _ = actions.add_candidate(world, person, forms, actor_id=admin)
    return candidate


def _jobs_of(world: World, candidate: Candidate) -> set[int]:
    apps = (world.applications.get(i) for i in candidate.application_ids)
    return {a.job_id for a in apps if a.job_id is not None}


def _free_job(world: World, candidate: Candidate) -> int:
    taken = _jobs_of(world, candidate)
    return next(j.id for j in world.jobs if j.status == "open" and j.id not in taken)


def test_delete_candidate__removes_the_person_its_applications_and_indexes(
    world: World, admin: int
) -> None:
    job_id = next(j.id for j in world.jobs if j.status == "open")
    candidate = _with_everything(world, admin, [job_id])
    app_ids = list(candidate.application_ids)

    events = actions.delete_candidate(world, candidate.id)

    assert candidate.id not in world.candidates
    assert all(i not in world.applications for i in app_ids)
    assert all(i not in world.applications_by_job.ids(job_id) for i in app_ids)
    assert world.candidates_by_email.ids("dup@example.org") == []
    go = world.tag_named("go")
    assert go is not None and candidate.id not in world.candidates_by_tag.ids(go.id)
    assert world.notes_by_candidate.ids(candidate.id) == []
    assert candidate.id not in world.activities_by_candidate
    (event,) = events
    assert isinstance(event, CandidateEvent) and event.kind == "candidate_deleted"
    assert event.deleted_application_ids == tuple(app_ids)
    assert event.removed is not None and event.removed.first_name == "Dup"


def test_delete_candidate__hired_application_leaves_its_opening_filled(
    world: World,
) -> None:
    app = next(a for a in world.applications if a.status == "hired")
    opening = world.openings.get(app.hired_opening_id or 0)

    actions.delete_candidate(world, app.candidate_id)

    assert opening.closed_at is not None and opening.application_id is None


def test_delete_candidate__unknown_is_not_found(world: World, dump: Dump) -> None:
    before = dump(world)

    with pytest.raises(NotFound):
        actions.delete_candidate(world, 1)

    assert dump(world) == before


def test_merge__moves_applications_profile_and_feed_to_the_primary(
    world: World, admin: int
) -> None:
    primary = world.candidates.get(world.candidates.ids[0])
    duplicate = _with_everything(world, admin, [_free_job(world, primary)])
    moved = list(duplicate.application_ids)
    feed = list(world.activities_by_candidate[duplicate.id])

    merged, events = actions.merge_candidates(
        world, primary.id, duplicate.id, actor_id=admin
    )

    assert merged is primary and duplicate.id not in world.candidates
    assert set(moved) <= set(primary.application_ids)
    assert primary.application_ids == sorted(primary.application_ids)
    assert all(world.applications.get(i).candidate_id == primary.id for i in moved)
    assert world.candidates_by_email.ids("dup@example.org") == [primary.id]
    go = world.tag_named("Go")
    assert go is not None and go.id in primary.tag_ids
    assert world.notes_by_candidate.ids(duplicate.id) == []
    assert len(world.notes_by_candidate.ids(primary.id)) >= 1
    assert set(feed) < set(world.activities_by_candidate[primary.id])
    last = world.activities.get(world.activities_by_candidate[primary.id][-1])
    assert (last.subject, last.user_id) == ("Candidates Merged", admin)
    (event,) = events
    assert isinstance(event, CandidateEvent)
    assert (event.kind, event.candidate_id, event.merged_into) == (
        "candidate_merged",
        duplicate.id,
        primary.id,
    )
    assert event.deleted_application_ids == ()
    assert event.removed is not None and event.removed.last_name == "Licate"


def test_merge__application_on_a_job_the_primary_has_is_deleted(
    world: World, admin: int
) -> None:
    primary = world.candidates.get(world.candidates.ids[0])
    shared = next(iter(_jobs_of(world, primary)))
    duplicate = _with_everything(world, admin, [shared, _free_job(world, primary)])
    clash, kept = duplicate.application_ids

    _, events = actions.merge_candidates(
        world, primary.id, duplicate.id, actor_id=admin
    )

    assert clash not in world.applications and kept in primary.application_ids
    deleted, merged = events
    assert isinstance(deleted, Event) and deleted.kind == "application_deleted"
    assert deleted.subject_id == clash and deleted.removed is not None
    assert isinstance(merged, CandidateEvent)
    assert merged.deleted_application_ids == (clash,)


@pytest.mark.parametrize("case", ["same", "unknown-primary", "unknown-duplicate"])
def test_merge__refused_changes_nothing(
    world: World, admin: int, dump: Dump, case: str
) -> None:
    first, second = world.candidates.ids[:2]
    pair = {"same": (first, first), "unknown-primary": (1, second)}.get(
        case, (first, 1)
    )
    before = dump(world)

    with pytest.raises(InvalidField if case == "same" else NotFound):
        actions.merge_candidates(world, *pair, actor_id=admin)

    assert dump(world) == before


def test_anonymize__replaces_the_named_fields_only(world: World, admin: int) -> None:
    candidate = world.candidates.get(world.candidates.ids[0])
    email = candidate.email_addresses[0].value.lower()
    phones = list(candidate.phone_numbers)
    fields = ["full_name", "email_addresses", "current_title", "source", "notes"]

    person, events = actions.anonymize_candidate(
        world, candidate.id, fields, actor_id=admin
    )

    assert (person.first_name, person.last_name) == ("Anonymized", str(candidate.id))
    assert person.email_addresses == [] and person.title is None
    assert world.candidates_by_email.ids(email) == []
    assert person.phone_numbers == phones
    apps = [world.applications.get(i) for i in person.application_ids]
    assert all(app.source_id is None for app in apps)
    assert world.notes_by_candidate.ids(candidate.id) == []
    assert events == [
        CandidateEvent(
            "candidate_anonymized",
            candidate.id,
            world.clock.now(),
            anonymized_fields=tuple(fields),
        )
    ]


def test_anonymize__activity_items_wipes_the_feed_then_records_the_anonymizing(
    world: World, admin: int
) -> None:
    candidate = _with_everything(world, admin, [world.jobs.ids[0]])

    actions.anonymize_candidate(
        world, candidate.id, ["activity_items", "tags"], actor_id=admin
    )

    (left,) = world.activities_by_candidate[candidate.id]
    assert world.activities.get(left).subject == "Candidate Anonymized"
    assert candidate.tag_ids == []


@pytest.mark.parametrize("fields", [[], ["full_name", "shoe_size"]])
def test_anonymize__no_or_unknown_field_changes_nothing(
    world: World, admin: int, dump: Dump, fields: list[str]
) -> None:
    before = dump(world)

    with pytest.raises(InvalidField) as refused:
        actions.anonymize_candidate(
            world, world.candidates.ids[0], fields, actor_id=admin
        )

    assert refused.value.field == "fields"
    assert dump(world) == before
