"""A candidate's schools, jobs and files: added and removed one at a time.

Each change moves the profile's update time and sends "Candidate or prospect
updated": the webhook's payload lists educations, employments and attachments.
"""

from __future__ import annotations

from urllib.parse import quote

from simulator.world.actions.common import actor_of, by, person_name, touch_candidate
from simulator.world.actions.forms import EducationForm, EmploymentForm, at
from simulator.world.errors import InvalidField, NotFound
from simulator.world.events import CandidateEvent
from simulator.world.records import Attachment, Candidate
from simulator.world.records_profile import Education, Employment
from simulator.world.store import World

# Where Greenhouse keeps uploaded files; its links expire, ours lead nowhere.
FILE_STORE = "https://ghsim-attachments.s3.amazonaws.com"


def store(attachment: Attachment, candidate_id: int, moment: int) -> None:
    """Keep a file as Greenhouse does: its own copy, at its own URL."""
    attachment.created_at = moment
    name = quote(attachment.filename)
    attachment.url = f"{FILE_STORE}/{candidate_id}/{moment}/{name}"


def check_education(world: World, form: EducationForm) -> None:
    lists = (
        ("school_id", form.school_id, world.schools, "School"),
        ("degree_id", form.degree_id, world.degrees, "Degree"),
        ("discipline_id", form.discipline_id, world.disciplines, "Discipline"),
    )
    for name, record_id, table, kind in lists:
        if record_id is not None and record_id not in table:
            raise InvalidField(at(form.at, name), f"{kind} {record_id} does not exist")
    _check_span(form.start_date, form.end_date, form.at)


def check_employment(form: EmploymentForm) -> None:
    _check_span(form.start_date, form.end_date, form.at)


def _check_span(start: int | None, end: int | None, prefix: str) -> None:
    if start is not None and end is not None and end < start:
        raise InvalidField(
            at(prefix, "end_date"), "end_date must not be before start_date"
        )


def create_education(
    world: World, candidate: Candidate, form: EducationForm
) -> Education:
    education = Education(
        id=world.educations.next_id(),
        candidate_id=candidate.id,
        school_id=form.school_id,
        degree_id=form.degree_id,
        discipline_id=form.discipline_id,
        start_date=form.start_date,
        end_date=form.end_date,
    )
    world.educations.add(education.id, education)
    candidate.education_ids.append(education.id)
    return education


def create_employment(
    world: World, candidate: Candidate, form: EmploymentForm
) -> Employment:
    employment = Employment(
        id=world.employments.next_id(),
        candidate_id=candidate.id,
        company_name=form.company_name,
        title=form.title,
        start_date=form.start_date,
        end_date=form.end_date,
    )
    world.employments.add(employment.id, employment)
    candidate.employment_ids.append(employment.id)
    return employment


def _changed(
    world: World, candidate: Candidate, subject: str, what: str, actor_id: int
) -> CandidateEvent:
    """Stamp the change, record it on the feed, and report the update."""
    moment = world.clock.stamp()
    touch_candidate(candidate, moment)
    actor = by(actor_of(world, actor_id))
    body = f"{what} on {person_name(candidate)}'s profile{actor}"
    world.record_activity(candidate.id, moment, subject, body, actor_id)
    return CandidateEvent("candidate_updated", candidate.id, moment)


def add_education(
    world: World, candidate_id: int, form: EducationForm, *, actor_id: int
) -> tuple[Education, list[CandidateEvent]]:
    candidate = world.candidates.get(candidate_id)
    check_education(world, form)

    education = create_education(world, candidate, form)
    what = "An education was added"
    return education, [_changed(world, candidate, "Education Added", what, actor_id)]


def remove_education(
    world: World, candidate_id: int, education_id: int, *, actor_id: int
) -> list[CandidateEvent]:
    candidate = world.candidates.get(candidate_id)
    if education_id not in candidate.education_ids:
        raise NotFound("Education", education_id)

    world.educations.remove(education_id)
    candidate.education_ids.remove(education_id)
    what = "An education was removed"
    return [_changed(world, candidate, "Education Removed", what, actor_id)]


def add_employment(
    world: World, candidate_id: int, form: EmploymentForm, *, actor_id: int
) -> tuple[Employment, list[CandidateEvent]]:
    candidate = world.candidates.get(candidate_id)
    check_employment(form)

    employment = create_employment(world, candidate, form)
    what = "An employment was added"
    return employment, [_changed(world, candidate, "Employment Added", what, actor_id)]


def remove_employment(
    world: World, candidate_id: int, employment_id: int, *, actor_id: int
) -> list[CandidateEvent]:
    candidate = world.candidates.get(candidate_id)
    if employment_id not in candidate.employment_ids:
        raise NotFound("Employment", employment_id)

    world.employments.remove(employment_id)
    candidate.employment_ids.remove(employment_id)
    what = "An employment was removed"
    return [_changed(world, candidate, "Employment Removed", what, actor_id)]


def add_attachment(
    world: World, candidate_id: int, attachment: Attachment, *, actor_id: int
) -> tuple[Attachment, list[CandidateEvent]]:
    """A file on the candidate's profile (not on any one application).

    Greenhouse keeps its own copy, uploaded or fetched from the given URL, so the
    file's URL is always one of its store.
    """
    candidate = world.candidates.get(candidate_id)

    event = _changed(
        world,
        candidate,
        "Attachment Added",
        f"The file {attachment.filename} was attached",
        actor_id,
    )
    store(attachment, candidate.id, event.at)
    candidate.attachments.append(attachment)
    return attachment, [event]
