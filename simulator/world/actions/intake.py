"""How applications come into being: a career-site form, or a recruiter by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.world.actions.common import actor_of, by
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
)
from simulator.world.store import World


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
    actor = actor_of(world, actor_id)

    details.first_name = details.first_name or world.rng.choice(world.first_names)
    details.last_name = details.last_name or world.rng.choice(world.last_names)
    return _open_application(
        world,
        details,
        _Intake(job, None, source_id, actor_id),
        "Candidate added",
        lambda c: f"{c.first_name} {c.last_name} was added to {job.name}{by(actor)}",
        actor_id,
    )
