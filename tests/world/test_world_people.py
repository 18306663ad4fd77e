"""Adding people (candidates, prospects), adding applications, editing profiles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import InvalidField, InvalidTransition, NotFound, World, actions
from simulator.world.actions import (
    ApplicationForm,
    EducationForm,
    EmploymentForm,
    NoteForm,
    PersonForm,
    Referrer,
    UserPick,
)
from simulator.world.events import CandidateEvent, Event
from simulator.world.records import ContactDetail

Dump = Callable[[World], dict[str, Any]]


def _open_job(world: World, skip: int = 0) -> int:
    return [job.id for job in world.jobs if job.status == "open"][skip]


def _person(**changes: Any) -> PersonForm:
    return PersonForm(first_name="Ada", last_name="Lovelace", **changes)


def test_add_candidate__creates_the_person_and_one_application_per_form(
    world: World, admin: int
) -> None:
    jobs = [_open_job(world), _open_job(world, 1)]
    forms = [ApplicationForm(job_id=job_id) for job_id in jobs]

    candidate, events = actions.add_candidate(world, _person(), forms, actor_id=admin)

    at = world.clock.now()
    apps = [world.applications.get(i) for i in candidate.application_ids]
    assert [app.job_id for app in apps] == jobs
    assert all(app.status == "active" and not app.prospect for app in apps)
    assert [app.current_stage_id for app in apps] == [
        world.jobs.get(job_id).stage_ids[0] for job_id in jobs
    ]
    assert events == [Event("application_created", app.id, at) for app in apps]
    assert (candidate.created_at, candidate.updated_at) == (at, at)
    feed = world.activities_by_candidate[candidate.id]
    assert [world.activities.get(i).user_id for i in feed] == [admin, admin]


def test_add_candidate__keeps_the_profile_and_indexes_e_mail_and_tags(
    world: World, admin: int
) -> None:
    person = _person(
        email_addresses=[ContactDetail("Ada@Example.org", "work")],
        tags=["python", "Brand new"],
        educations=[EducationForm(school_id=world.schools.ids[0])],
        employments=[EmploymentForm("Acme", "Engineer", 0)],
        notes=[NoteForm(admin, "Met at a fair", "public")],
        recruiter=UserPick("recruiter", email=world.users.get(admin).email.upper()),
    )

    candidate, _ = actions.add_candidate(
        world, person, [ApplicationForm(job_id=_open_job(world))], actor_id=admin
    )

    assert world.candidates_by_email.ids("ada@example.org") == [candidate.id]
    python = world.tag_named("Python")
    assert python is not None and candidate.tag_ids[0] == python.id
    new_tag = world.tag_named("brand NEW")
    assert new_tag is not None and candidate.tag_ids[1] == new_tag.id
    assert world.candidates_by_tag.ids(new_tag.id) == [candidate.id]
    assert len(candidate.education_ids) == len(candidate.employment_ids) == 1
    assert world.notes_by_candidate.ids(candidate.id) != []
    assert candidate.recruiter_id == admin


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("no-applications", "applications"),
        ("unknown-job", "applications[1].job_id"),
        ("unknown-source", "applications[0].source_id"),
        ("stage-of-another-job", "applications[0].initial_stage_id"),
        ("unknown-school", "educations[0].school_id"),
        ("end-before-start", "employments[0].end_date"),
        ("unknown-note-user", "activity_feed_notes[0].user_id"),
        ("unknown-recruiter", "recruiter.id"),
        ("unknown-referrer", "applications[0].referrer.value"),
        ("bad-referrer-type", "applications[0].referrer.type"),
        ("office-without-department", "applications[0].prospective_office_id"),
    ],
)
def test_add_candidate__refused_form_names_the_field_and_changes_nothing(
    world: World, admin: int, dump: Dump, case: str, field: str
) -> None:
    job = world.jobs.get(_open_job(world))
    other = world.jobs.get(_open_job(world, 1))
    forms = [ApplicationForm(job_id=job.id, at="applications[0]")]
    person = _person()
    if case == "no-applications":
        forms = []
    elif case == "unknown-job":
        forms.append(ApplicationForm(job_id=1, at="applications[1]"))
    elif case == "unknown-source":
        forms[0].source_id = 999_999
    elif case == "stage-of-another-job":
        forms[0].initial_stage_id = other.stage_ids[0]
    elif case == "unknown-school":
        person.educations = [EducationForm(school_id=1, at="educations[0]")]
    elif case == "end-before-start":
        person.employments = [EmploymentForm("A", "B", 10, 5, at="employments[0]")]
    elif case == "unknown-note-user":
        person.notes = [NoteForm(1, "x", "public", at="activity_feed_notes[0]")]
    elif case == "unknown-recruiter":
        person.recruiter = UserPick("recruiter", id=1)
    elif case == "unknown-referrer":
        forms[0].referrer = Referrer("id", "1", at="applications[0].referrer")
    elif case == "bad-referrer-type":
        forms[0].referrer = Referrer("friend", "x", at="applications[0].referrer")
    else:
        forms = [
            ApplicationForm(
                prospect=True,
                prospective_office_id=world.offices.ids[0],
                at="applications[0]",
            )
        ]
    before = dump(world)

    with pytest.raises(InvalidField) as refused:
        actions.add_candidate(world, person, forms, actor_id=admin)

    assert refused.value.field == field
    assert dump(world) == before


def test_add_candidate__two_forms_on_one_job_is_a_conflict(
    world: World, admin: int, dump: Dump
) -> None:
    job_id = _open_job(world)
    forms = [ApplicationForm(job_id=job_id), ApplicationForm(job_id=job_id)]
    before = dump(world)

    with pytest.raises(InvalidTransition, match=f"job {job_id}"):
        actions.add_candidate(world, _person(), forms, actor_id=admin)

    assert dump(world) == before


def test_add_prospect__without_a_form_is_one_jobless_prospect_application(
    world: World, admin: int
) -> None:
    candidate, events = actions.add_prospect(world, _person(), None, actor_id=admin)

    (app_id,) = candidate.application_ids
    app = world.applications.get(app_id)
    assert app.prospect and app.job_ids == [] and app.current_stage_id is None
    assert events == [Event("application_created", app_id, world.clock.now())]


def test_add_prospect__on_jobs_is_indexed_under_each_job(
    world: World, admin: int
) -> None:
    jobs = [_open_job(world), _open_job(world, 1)]
    form = ApplicationForm(
        job_ids=jobs,
        prospect_owner_id=admin,
        prospective_department_id=world.departments.ids[0],
        prospective_office_id=world.offices.ids[0],
    )

    candidate, _ = actions.add_prospect(world, _person(), form, actor_id=admin)

    app = world.applications.get(candidate.application_ids[0])
    assert app.job_id is None and app.job_ids == jobs
    assert all(app.id in world.applications_by_job.ids(job) for job in jobs)
    assert app.prospect_owner_id == admin


def test_add_application__to_a_job_the_candidate_is_on_is_a_conflict(
    world: World, admin: int, dump: Dump
) -> None:
    app = next(a for a in world.applications if a.job_id and not a.prospect)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="already has an application"):
        actions.add_application(
            world, app.candidate_id, ApplicationForm(job_id=app.job_id), actor_id=admin
        )

    assert dump(world) == before


def test_add_application__with_referrer_and_stage(world: World, admin: int) -> None:
    candidate = world.candidates.get(world.candidates.ids[0])
    taken = {world.applications.get(i).job_id for i in candidate.application_ids}
    job = next(j for j in world.jobs if j.status == "open" and j.id not in taken)
    referrer = world.users.ids[-1]
    form = ApplicationForm(
        job_id=job.id,
        initial_stage_id=job.stage_ids[2],
        referrer=Referrer("id", str(referrer)),
        source_id=world.sources.ids[0],
    )

    app, events = actions.add_application(world, candidate.id, form, actor_id=admin)

    assert (app.current_stage_id, app.credited_to_id) == (job.stage_ids[2], referrer)
    assert app.id in candidate.application_ids
    assert app.id in world.applications_by_job.ids(job.id)
    assert candidate.last_activity == candidate.updated_at == app.applied_at
    assert events == [Event("application_created", app.id, app.applied_at)]


def test_add_application__unknown_candidate_is_not_found(
    world: World, admin: int
) -> None:
    with pytest.raises(NotFound):
        actions.add_application(
            world, 1, ApplicationForm(job_id=_open_job(world)), actor_id=admin
        )


def test_edit_candidate__changes_only_what_is_given(world: World, admin: int) -> None:
    candidate = world.candidates.get(world.candidates.ids[0])
    phones = list(candidate.phone_numbers)
    old_email = candidate.email_addresses[0].value
    person = PersonForm(
        given=frozenset({"first_name", "email_addresses", "tags"}),
        first_name="Renamed",
        email_addresses=[ContactDetail("new@example.org", "personal")],
        tags=[],
    )

    events = actions.edit_candidate(world, candidate.id, person, actor_id=admin)

    at = world.clock.now()
    assert candidate.first_name == "Renamed"
    assert candidate.phone_numbers == phones
    assert candidate.tag_ids == []
    assert world.candidates_by_email.ids(old_email.lower()) == []
    assert world.candidates_by_email.ids("new@example.org") == [candidate.id]
    assert (candidate.updated_at, candidate.last_activity) == (at, at)
    assert events == [CandidateEvent("candidate_updated", candidate.id, at)]
    last = world.activities.get(world.activities_by_candidate[candidate.id][-1])
    assert last.user_id == admin


def test_edit_candidate__unknown_recruiter_changes_nothing(
    world: World, admin: int, dump: Dump
) -> None:
    candidate_id = world.candidates.ids[0]
    person = PersonForm(
        given=frozenset({"first_name", "recruiter"}),
        first_name="X",
        recruiter=UserPick("recruiter", email="nobody@nowhere.example"),
    )
    before = dump(world)

    with pytest.raises(InvalidField) as refused:
        actions.edit_candidate(world, candidate_id, person, actor_id=admin)

    assert refused.value.field == "recruiter.email"
    assert dump(world) == before
