"""Adding people through Harvest (as candidates or prospects) and editing them."""

from __future__ import annotations

from simulator.world.actions.applying import (
    check_application,
    open_application,
)
from simulator.world.actions.common import (
    actor_of,
    by,
    person_name,
    touch_candidate,
    user_picked,
)
from simulator.world.actions.feed import check_note, create_note
from simulator.world.actions.forms import ApplicationForm, PersonForm
from simulator.world.actions.profile import (
    check_education,
    check_employment,
    create_education,
    create_employment,
)
from simulator.world.actions.tags import check_tag_name, tags_named
from simulator.world.errors import InvalidField
from simulator.world.events import CandidateEvent, Event
from simulator.world.records import Candidate
from simulator.world.store import World

# The profile fields an edit copies as they are given.
_PLAIN = (
    "first_name",
    "last_name",
    "company",
    "title",
    "is_private",
    "phone_numbers",
    "addresses",
    "website_addresses",
    "social_media_addresses",
)


def _check_person(world: World, person: PersonForm) -> tuple[int | None, int | None]:
    """Refuse what the world cannot take; the recruiter's and coordinator's ids."""
    for index, name in enumerate(person.tags):
        check_tag_name(name, f"tags[{index}]")
    for education in person.educations:
        check_education(world, education)
    for employment in person.employments:
        check_employment(employment)
    for note in person.notes:
        check_note(world, note)
    return user_picked(world, person.recruiter), user_picked(world, person.coordinator)


def _new_person(
    world: World,
    person: PersonForm,
    applications: list[ApplicationForm],
    actor_id: int,
) -> tuple[Candidate, list[Event]]:
    """Check everything, then create the person, its profile and applications."""
    recruiter_id, coordinator_id = _check_person(world, person)
    taken: set[int] = set()
    for form in applications:
        check_application(world, form, taken)

    moment = world.clock.stamp()
    candidate = Candidate(
        id=world.candidates.next_id(),
        first_name=person.first_name,
        last_name=person.last_name,
        company=person.company,
        title=person.title,
        created_at=moment,
        updated_at=moment,
        last_activity=moment,
        is_private=person.is_private,
        phone_numbers=list(person.phone_numbers),
        email_addresses=list(person.email_addresses),
        addresses=list(person.addresses),
        recruiter_id=recruiter_id,
        coordinator_id=coordinator_id,
        website_addresses=list(person.website_addresses),
        social_media_addresses=list(person.social_media_addresses),
        tag_ids=tags_named(world, person.tags),
    )
    world.index_candidate(candidate)
    for education in person.educations:
        create_education(world, candidate, education)
    for employment in person.employments:
        create_employment(world, candidate, employment)
    for note in person.notes:
        create_note(world, candidate, note, moment)
    events = [
        open_application(world, candidate, form, moment, actor_id)[1]
        for form in applications
    ]
    return candidate, events


def add_candidate(
    world: World,
    person: PersonForm,
    applications: list[ApplicationForm],
    *,
    actor_id: int,
) -> tuple[Candidate, list[Event]]:
    """POST /v1/candidates: a new person with at least one application."""
    if not applications:
        raise InvalidField("applications", "At least one application is required")
    return _new_person(world, person, applications, actor_id)


def add_prospect(
    world: World,
    person: PersonForm,
    application: ApplicationForm | None,
    *,
    actor_id: int,
) -> tuple[Candidate, list[Event]]:
    """POST /v1/prospects: a new person with one prospect application, on the
    jobs it names or on none."""
    form = application or ApplicationForm(prospect=True, at="application")
    form.prospect = True
    return _new_person(world, person, [form], actor_id)


def edit_candidate(
    world: World, candidate_id: int, person: PersonForm, *, actor_id: int
) -> list[CandidateEvent]:
    """PATCH /v1/candidates/{id}: change the fields given, clear the lists given
    empty. Every edit is saved as a change, even one that alters no value."""
    candidate = world.candidates.get(candidate_id)
    recruiter_id, coordinator_id = _check_person(world, person)

    moment = world.clock.stamp()
    given = person.given
    for name in _PLAIN:
        if name in given:
            setattr(candidate, name, getattr(person, name))
    if "email_addresses" in given:
        world.set_email_addresses(candidate, list(person.email_addresses))
    if "tags" in given:
        world.set_tag_ids(candidate, tags_named(world, person.tags))
    if "recruiter" in given:
        candidate.recruiter_id = recruiter_id
    if "coordinator" in given:
        candidate.coordinator_id = coordinator_id
    touch_candidate(candidate, moment)
    body = (
        f"{person_name(candidate)}'s profile was edited{by(actor_of(world, actor_id))}"
    )
    world.record_activity(candidate.id, moment, "Candidate Edited", body, actor_id)
    return [CandidateEvent("candidate_updated", candidate.id, moment)]
