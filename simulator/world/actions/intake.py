"""How applications come into being: a career-site form, or a recruiter by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.world.actions import career_site
from simulator.world.actions.common import actor_of, by, touch_candidate
from simulator.world.actions.details import CandidateDetails
from simulator.world.actions.profile import store
from simulator.world.errors import InvalidField, InvalidTransition
from simulator.world.events import Event
from simulator.world.records import (
    Application,
    Candidate,
    ContactDetail,
    Job,
    JobPost,
)
from simulator.world.store import World


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
    candidate: Candidate | None = None,
) -> tuple[Application, list[Event]]:
    """Create the application (and its candidate, unless one is given), record
    it on the feed, report the event."""
    at = world.clock.stamp()
    if candidate is None:
        candidate = _new_candidate(world, details, at)
    else:
        for attachment in details.attachments:
            attachment.created_at = at
        candidate.attachments.extend(details.attachments)
        touch_candidate(candidate, at)
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
    reuse_candidate: bool = False,
) -> tuple[Application, list[Event]]:
    """A job seeker submits the post's application form (Job Board API).

    With `reuse_candidate`, a person whose e-mail a candidate already has gets
    the new application on that candidate instead of a second candidate.
    Greenhouse does not document which it does; a new candidate is the default.
    """
    job, existing = check_post_application(world, post, details, reuse_candidate)
    link = world.tracking_link_by_token(tracking_token) if tracking_token else None
    intake = _Intake(
        job,
        post,
        link.source_id if link else world.default_source_id,
        link.credited_to_id if link else None,
    )

    application, events = _open_application(
        world,
        details,
        intake,
        "Application submitted",
        lambda c: f"{c.first_name} {c.last_name} applied to {post.title}",
        None,
        existing,
    )
    candidate = world.candidates.get(application.candidate_id)
    for attachment in details.attachments:
        if attachment.url is None:  # a linked file keeps the link it came by
            store(attachment, candidate.id, application.applied_at)
    career_site.record_extras(world, candidate, application, details)
    return application, events


def check_post_application(
    world: World, post: JobPost, details: CandidateDetails, reuse_candidate: bool
) -> tuple[Job | None, Candidate | None]:
    """Everything `apply_to_post` checks, changing nothing: the post's job (None
    for a prospect post) and the candidate the application would join."""
    job = world.jobs.get(post.job_id) if post.job_id is not None else None
    if job is not None and job.status != "open":
        raise InvalidTransition(f"Job {job.id} is not open for applications")
    career_site.check_extras(world, details)
    existing = (
        career_site.reusable_candidate(world, details.email)
        if reuse_candidate
        else None
    )
    if existing is not None and job is not None and _applied(world, existing, job):
        raise InvalidTransition(
            f"Candidate {existing.id} already has an application for job {job.id}"
        )
    return job, existing


def _applied(world: World, candidate: Candidate, job: Job) -> bool:
    return any(
        world.applications.get(i).job_id == job.id for i in candidate.application_ids
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
