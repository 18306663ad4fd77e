"""What recruiters and candidates do to the world, under Greenhouse's rules.

Every action checks everything first, then changes the world, then returns the
events it caused. A refused action raises a `WorldError` and leaves no trace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from simulator.world.errors import InvalidField, InvalidTransition
from simulator.world.events import Event
from simulator.world.records import (
    Answer,
    Application,
    Attachment,
    Candidate,
    ContactDetail,
    Job,
    JobPost,
    Opening,
    User,
)
from simulator.world.store import World

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


@dataclass(slots=True)
class CandidateDetails:
    """Who is applying, as a career-site form or a recruiter typed it."""

    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    answers: list[Answer] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)


def _require_status(application: Application, expected: str) -> None:
    if application.status != expected:
        raise InvalidTransition(
            f"Application must be '{expected}', is currently '{application.status}'"
        )


def _actor(world: World, actor_id: int | None) -> User | None:
    return world.users.get(actor_id) if actor_id is not None else None


def _by(actor: User | None) -> str:
    return f" by {actor.name}" if actor else ""


def _touch(world: World, application: Application, at: int) -> None:
    application.last_activity_at = at
    world.candidates.get(application.candidate_id).last_activity = at


def _candidate_name(world: World, application: Application) -> str:
    candidate = world.candidates.get(application.candidate_id)
    return f"{candidate.first_name} {candidate.last_name}"


def _job_name(world: World, application: Application) -> str:
    if application.job_id is None:
        return "no job"
    return world.jobs.get(application.job_id).name


# -- creating applications --------------------------------------------------------


def _new_candidate(world: World, details: CandidateDetails, at: int) -> Candidate:
    for attachment in details.attachments:
        attachment.created_at = at
    emails = [ContactDetail(details.email, "personal")] if details.email else []
    phones = [ContactDetail(details.phone, "mobile")] if details.phone else []
    candidate = Candidate(
        id=world.candidates.next_id(),
        first_name=details.first_name,
        last_name=details.last_name,
        company=None,
        title=None,
        created_at=at,
        updated_at=at,
        last_activity=at,
        is_private=False,
        phone_numbers=phones,
        email_addresses=emails,
        addresses=[],
        recruiter_id=None,
        coordinator_id=None,
        attachments=list(details.attachments),
    )
    world.index_candidate(candidate)
    return candidate


@dataclass(slots=True)
class _Intake:
    """Where a new application comes from: its job, post, source and referrer."""

    job: Job | None
    post: JobPost | None
    source_id: int | None
    credited_to_id: int | None


def _open_application(
    world: World,
    details: CandidateDetails,
    intake: _Intake,
    subject: str,
    describe: Callable[[Candidate], str],
    actor_id: int | None,
) -> tuple[Application, list[Event]]:
    """Create the candidate and the application, record it, report the event."""
    at = world.clock.stamp()
    candidate = _new_candidate(world, details, at)
    job = intake.job
    stages = world.job_stages(job) if job else []
    application = Application(
        id=world.applications.next_id(),
        candidate_id=candidate.id,
        prospect=job is None,
        job_id=job.id if job else None,
        job_post_id=intake.post.id if intake.post else None,
        status="active",
        current_stage_id=stages[0].id if stages else None,
        applied_at=at,
        last_activity_at=at,
        source_id=intake.source_id,
        credited_to_id=intake.credited_to_id,
        recruiter_id=job.recruiter_id if job else None,
        coordinator_id=job.coordinator_id if job else None,
        location=details.location,
        answers=list(details.answers),
        attachments=list(details.attachments),
    )
    world.index_application(application)
    world.record_activity(candidate.id, at, subject, describe(candidate), actor_id)
    return application, [Event("application_created", application.id, at)]


def apply_to_post(
    world: World,
    post: JobPost,
    details: CandidateDetails,
    *,
    tracking_token: str | None = None,
) -> tuple[Application, list[Event]]:
    """A job seeker submits the post's application form (Job Board API)."""
    job = world.jobs.get(post.job_id) if post.job_id is not None else None
    if job is not None and job.status != "open":
        raise InvalidTransition(f"Job {job.id} is not open for applications")
    link = world.tracking_link_by_token(tracking_token) if tracking_token else None
    intake = _Intake(
        job,
        post,
        link.source_id if link else world.default_source_id,
        link.credited_to_id if link else None,
    )

    return _open_application(
        world,
        details,
        intake,
        "Application submitted",
        lambda c: f"{c.first_name} {c.last_name} applied to {post.title}",
        None,
    )


def add_by_hand(
    world: World,
    job_id: int,
    details: CandidateDetails,
    *,
    source_id: int | None,
    actor_id: int,
) -> tuple[Application, list[Event]]:
    """A recruiter adds a candidate to a job in the app: no job post is involved.

    Names left empty are drawn from the world's name pools, after every check.
    """
    job = world.jobs.find(job_id)
    if job is None:
        raise InvalidField("job_id", f"Job {job_id} does not exist")
    if job.status == "draft":
        raise InvalidTransition(f"Job {job.id} is a draft and takes no candidates")
    if source_id is not None and source_id not in world.sources:
        raise InvalidField("source_id", f"Source {source_id} does not exist")
    actor = _actor(world, actor_id)

    details.first_name = details.first_name or world.rng.choice(world.first_names)
    details.last_name = details.last_name or world.rng.choice(world.last_names)
    return _open_application(
        world,
        details,
        _Intake(job, None, source_id, actor_id),
        "Candidate added",
        lambda c: f"{c.first_name} {c.last_name} was added to {job.name}{_by(actor)}",
        actor_id,
    )


# -- moving through the pipeline ---------------------------------------------------


def _stage_index(world: World, application: Application, from_stage_id: int) -> int:
    _require_status(application, "active")
    if application.job_id is None or application.current_stage_id is None:
        raise InvalidTransition(
            f"Application {application.id} is a prospect application with no stage"
        )
    if from_stage_id != application.current_stage_id:
        raise InvalidField(
            "from_stage_id",
            f"Application {application.id} is in stage "
            f"{application.current_stage_id}, not in stage {from_stage_id}",
        )
    job = world.jobs.get(application.job_id)
    return job.stage_ids.index(from_stage_id)


def _enter_stage(
    world: World, application: Application, stage_id: int, actor_id: int
) -> list[Event]:
    actor = _actor(world, actor_id)
    stage = world.stages.get(stage_id)
    at = world.clock.stamp()
    application.current_stage_id = stage_id
    _touch(world, application, at)
    world.record_activity(
        application.candidate_id,
        at,
        "Candidate Stage Change",
        f"{_candidate_name(world, application)} was moved into {stage.name} for "
        f"{_job_name(world, application)}{_by(actor)}",
        actor_id,
    )
    return [Event("stage_changed", application.id, at)]


def advance(
    world: World, application_id: int, from_stage_id: int, *, actor_id: int
) -> list[Event]:
    application = world.applications.get(application_id)
    index = _stage_index(world, application, from_stage_id)
    stage_ids = world.jobs.get(application.job_id or 0).stage_ids
    if index + 1 >= len(stage_ids):
        raise InvalidTransition(
            f"Application {application.id} is in the job's last stage and cannot "
            "be advanced; hire it instead"
        )
    return _enter_stage(world, application, stage_ids[index + 1], actor_id)


def move(
    world: World,
    application_id: int,
    from_stage_id: int,
    to_stage_id: int,
    *,
    actor_id: int,
) -> list[Event]:
    application = world.applications.get(application_id)
    _stage_index(world, application, from_stage_id)
    stage_ids = world.jobs.get(application.job_id or 0).stage_ids
    if to_stage_id not in stage_ids:
        raise InvalidField(
            "to_stage_id",
            f"Stage {to_stage_id} is not a stage of job {application.job_id}",
        )
    return _enter_stage(world, application, to_stage_id, actor_id)


# -- rejecting --------------------------------------------------------------------


def reject(
    world: World,
    application_id: int,
    *,
    actor_id: int,
    rejection_reason_id: int | None = None,
    notes: str | None = None,
) -> list[Event]:
    application = world.applications.get(application_id)
    _require_status(application, "active")
    if (
        rejection_reason_id is not None
        and rejection_reason_id not in world.rejection_reasons
    ):
        raise InvalidField(
            "rejection_reason_id",
            f"Rejection reason {rejection_reason_id} does not exist",
        )
    actor = _actor(world, actor_id)

    at = world.clock.stamp()
    application.status = "rejected"
    application.rejected_at = at
    application.rejection_reason_id = rejection_reason_id
    _touch(world, application, at)
    body = f"{_candidate_name(world, application)} was rejected from "
    body += f"{_job_name(world, application)}{_by(actor)}"
    if notes:
        body += f": {notes}"
    world.record_activity(
        application.candidate_id, at, "Candidate Rejected", body, actor_id
    )
    return [Event("rejected", application.id, at)]


def unreject(world: World, application_id: int, *, actor_id: int) -> list[Event]:
    application = world.applications.get(application_id)
    _require_status(application, "rejected")
    actor = _actor(world, actor_id)

    at = world.clock.stamp()
    application.status = "active"
    application.rejected_at = None
    application.rejection_reason_id = None
    _touch(world, application, at)
    world.record_activity(
        application.candidate_id,
        at,
        "Candidate Unrejected",
        f"{_candidate_name(world, application)} was unrejected for "
        f"{_job_name(world, application)}{_by(actor)}",
        actor_id,
    )
    return [Event("unrejected", application.id, at)]


# -- hiring -----------------------------------------------------------------------


def _opening_to_fill(world: World, job: Job, opening_id: int | None) -> Opening:
    open_openings = world.open_openings(job)
    if opening_id is None:
        if not open_openings:
            raise InvalidTransition(f"Job {job.id} has no open openings to fill")
        return open_openings[0]
    for opening in open_openings:
        if opening.id == opening_id:
            return opening
    raise InvalidField(
        "opening_id", f"Opening {opening_id} is not an open opening of job {job.id}"
    )


def _check_start_date(start_date: str | None) -> None:
    if start_date is None:
        return
    try:
        if not _DATE.match(start_date):
            raise ValueError(start_date)
        date.fromisoformat(start_date)
    except ValueError:
        raise InvalidField(
            "start_date", f"start_date must be a date as YYYY-MM-DD, not {start_date!r}"
        ) from None


def hire(
    world: World,
    application_id: int,
    *,
    actor_id: int,
    start_date: str | None = None,
    opening_id: int | None = None,
    close_reason_id: int | None = None,
) -> list[Event]:
    application = world.applications.get(application_id)
    if application.prospect or application.job_id is None:
        raise InvalidTransition(
            f"Application {application.id} is a prospect application and cannot be "
            "hired"
        )
    _require_status(application, "active")
    _check_start_date(start_date)
    if close_reason_id is not None and close_reason_id not in world.close_reasons:
        raise InvalidField(
            "close_reason_id", f"Close reason {close_reason_id} does not exist"
        )
    job = world.jobs.get(application.job_id)
    opening = _opening_to_fill(world, job, opening_id)
    actor = _actor(world, actor_id)

    at = world.clock.stamp()
    opening.closed_at = at
    opening.application_id = application.id
    opening.close_reason_id = close_reason_id or world.hired_close_reason_id
    if not world.open_openings(job):
        job.status, job.closed_at, job.updated_at = "closed", at, at
    application.status = "hired"
    application.stage_before_hire_id = application.current_stage_id
    application.current_stage_id = None
    application.hired_opening_id = opening.id
    application.hired_at = at
    application.start_date = start_date
    _touch(world, application, at)
    world.record_activity(
        application.candidate_id,
        at,
        "Candidate Hired",
        f"{_candidate_name(world, application)} was hired for {job.name}{_by(actor)}",
        actor_id,
    )
    return [Event("hired", application.id, at)]


def unhire(world: World, application_id: int, *, actor_id: int) -> list[Event]:
    """Undo a hire, as the "Unhire" button on the candidate's profile does.

    The opening the hire filled opens again, and so does the job if the hire had
    closed it. The application returns to the stage it was hired from.
    """
    application = world.applications.get(application_id)
    _require_status(application, "hired")
    job = world.jobs.get(application.job_id or 0)
    actor = _actor(world, actor_id)

    at = world.clock.stamp()
    if application.hired_opening_id is not None:
        opening = world.openings.get(application.hired_opening_id)
        opening.closed_at = None
        opening.application_id = None
        opening.close_reason_id = None
    if job.status == "closed" and world.open_openings(job):
        job.status, job.closed_at, job.updated_at = "open", None, at
    application.status = "active"
    application.current_stage_id = application.stage_before_hire_id or job.stage_ids[-1]
    application.stage_before_hire_id = None
    application.hired_opening_id = None
    application.hired_at = None
    application.start_date = None
    _touch(world, application, at)
    world.record_activity(
        application.candidate_id,
        at,
        "Candidate Unhired",
        f"{_candidate_name(world, application)} was unhired from {job.name}"
        f"{_by(actor)}",
        actor_id,
    )
    return [Event("unhired", application.id, at)]
