"""A recruiter adds an application to a person who exists: on a job, or as a prospect.

`check_application` and `open_application` are the two halves the candidate
actions share: every form is checked before anything changes, then each opens.
"""

from __future__ import annotations

from simulator.world.actions.common import (
    actor_of,
    by,
    check_user,
    person_name,
    touch_candidate,
)
from simulator.world.actions.forms import ApplicationForm, Referrer, at
from simulator.world.actions.profile import store
from simulator.world.errors import InvalidField, InvalidTransition
from simulator.world.events import Event
from simulator.world.records import Application, Candidate
from simulator.world.store import World

REFERRER_TYPES = ("id", "email", "outside")


def applied_jobs(world: World, candidate: Candidate) -> set[int]:
    """The jobs a candidate has a (non-prospect) application on, in any status."""
    applications = (world.applications.get(i) for i in candidate.application_ids)
    return {a.job_id for a in applications if a.job_id is not None and not a.prospect}


def check_application(world: World, form: ApplicationForm, taken: set[int]) -> None:
    """Refuse a form the world cannot open; `taken` holds the jobs already applied
    to, and grows by this form's job so two forms cannot name the same one."""
    if form.source_id is not None and form.source_id not in world.sources:
        raise InvalidField(
            at(form.at, "source_id"), f"Source {form.source_id} does not exist"
        )
    _referred_by(world, form.referrer)
    if form.prospect:
        _check_prospect(world, form)
        return
    if form.job_id is None:
        raise InvalidField(at(form.at, "job_id"), "job_id is required")
    job = world.jobs.find(form.job_id)
    if job is None:
        raise InvalidField(at(form.at, "job_id"), f"Job {form.job_id} does not exist")
    if job.status == "draft":
        raise InvalidTransition(f"Job {job.id} is a draft and takes no candidates")
    if job.id in taken:
        raise InvalidTransition(
            f"The candidate already has an application for job {job.id}"
        )
    if form.initial_stage_id is not None and form.initial_stage_id not in job.stage_ids:
        raise InvalidField(
            at(form.at, "initial_stage_id"),
            f"Stage {form.initial_stage_id} is not a stage of job {job.id}",
        )
    taken.add(job.id)


def _check_pool(world: World, form: ApplicationForm) -> None:
    """A prospect pool that exists, and a stage of that pool (its first if none)."""
    pool_id, stage_id = form.prospect_pool_id, form.prospect_stage_id
    if pool_id is None:
        if stage_id is not None:
            raise InvalidField(
                at(form.at, "prospect_pool_stage_id"),
                "A prospect stage needs a prospect pool to be in",
            )
        return
    if pool_id not in world.prospect_pools:
        raise InvalidField(
            at(form.at, "prospect_pool_id"), f"Prospect pool {pool_id} does not exist"
        )
    stages = world.prospect_pools.get(pool_id).stage_ids
    if stage_id is not None and stage_id not in stages:
        raise InvalidField(
            at(form.at, "prospect_pool_stage_id"),
            f"Prospect stage {stage_id} is not a stage of prospect pool {pool_id}",
        )
    form.prospect_stage_id = stage_id if stage_id is not None else stages[0]


def _check_prospect(world: World, form: ApplicationForm) -> None:
    _check_pool(world, form)
    for job_id in form.job_ids:
        if job_id not in world.jobs:
            raise InvalidField(at(form.at, "job_ids"), f"Job {job_id} does not exist")
    check_user(world, form.prospect_owner_id, at(form.at, "prospect_owner_id"))
    department = form.prospective_department_id
    if department is not None and department not in world.departments:
        raise InvalidField(
            at(form.at, "prospective_department_id"),
            f"Department {department} does not exist",
        )
    office = form.prospective_office_id
    if office is not None:
        if department is None:
            raise InvalidField(
                at(form.at, "prospective_office_id"),
                "prospective_department_id is required to set a prospective office",
            )
        if office not in world.offices:
            raise InvalidField(
                at(form.at, "prospective_office_id"), f"Office {office} does not exist"
            )


def _referred_by(world: World, referrer: Referrer | None) -> int | None:
    """The user credited for a referral; an outside referrer is no user."""
    if referrer is None:
        return None
    if referrer.type not in REFERRER_TYPES:
        raise InvalidField(
            at(referrer.at, "type"),
            f"referrer type must be one of {', '.join(REFERRER_TYPES)}, "
            f"not {referrer.type!r}",
        )
    if referrer.type == "outside":
        return None
    if referrer.type == "id":
        value = referrer.value.strip()
        digits = value.isascii() and value.isdigit() and len(value) <= 18
        user_id = int(value) if digits else None
        if user_id is None or user_id not in world.users:
            raise InvalidField(
                at(referrer.at, "value"), f"User {referrer.value} does not exist"
            )
        return user_id
    wanted = referrer.value.strip().lower()
    for user in world.users:
        if (user.email or "").lower() == wanted:
            return user.id
    raise InvalidField(
        at(referrer.at, "value"), f"No user has the e-mail {referrer.value!r}"
    )


def open_application(
    world: World,
    candidate: Candidate,
    form: ApplicationForm,
    moment: int,
    actor_id: int,
) -> tuple[Application, Event]:
    """Create a checked application, record it on the feed, report the event."""
    job = world.jobs.get(form.job_id) if form.job_id and not form.prospect else None
    stage_id = form.initial_stage_id or (job.stage_ids[0] if job else None)
    for attachment in form.attachments:
        store(attachment, candidate.id, moment)
    application = Application(
        id=world.applications.next_id(),
        candidate_id=candidate.id,
        prospect=form.prospect,
        job_id=job.id if job else None,
        job_post_id=None,
        status="active",
        current_stage_id=stage_id if job else None,
        applied_at=moment,
        last_activity_at=moment,
        source_id=form.source_id,
        credited_to_id=_referred_by(world, form.referrer),
        recruiter_id=job.recruiter_id if job else None,
        coordinator_id=job.coordinator_id if job else None,
        attachments=list(form.attachments),
        prospect_job_ids=list(dict.fromkeys(form.job_ids)) if form.prospect else [],
        prospect_owner_id=form.prospect_owner_id,
        prospective_department_id=form.prospective_department_id,
        prospective_office_id=form.prospective_office_id,
        prospect_pool_id=form.prospect_pool_id,
        prospect_stage_id=form.prospect_stage_id,
    )
    world.index_application(application)
    candidate.attachments.extend(form.attachments)
    touch_candidate(candidate, moment)
    actor = by(actor_of(world, actor_id))
    if job is not None:
        subject, body = "Candidate Added", f"was added to {job.name}{actor}"
    else:
        names = [world.jobs.get(i).name for i in application.prospect_job_ids]
        subject = "Prospect Added"
        body = f"was added as a prospect for {', '.join(names) or 'no job'}{actor}"
    world.record_activity(
        candidate.id, moment, subject, f"{person_name(candidate)} {body}", actor_id
    )
    return application, Event("application_created", application.id, moment)


def add_application(
    world: World, candidate_id: int, form: ApplicationForm, *, actor_id: int
) -> tuple[Application, list[Event]]:
    """POST /v1/candidates/{id}/applications: one more application for a person."""
    candidate = world.candidates.get(candidate_id)
    check_application(world, form, applied_jobs(world, candidate))

    moment = world.clock.stamp()
    application, event = open_application(world, candidate, form, moment, actor_id)
    return application, [event]
