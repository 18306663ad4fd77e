"""Hiring, and the "Unhire" button that undoes it."""

from __future__ import annotations

import re
from datetime import date

from simulator.world.actions.approvals import unfinished_approvals
from simulator.world.actions.common import (
    actor_of,
    by,
    candidate_name,
    require_status,
    touch,
)
from simulator.world.errors import InvalidField, InvalidTransition
from simulator.world.events import Event
from simulator.world.records import Application, Job, Opening
from simulator.world.store import World

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


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


def _check_approvals(world: World, application: Application) -> None:
    """Greenhouse hires only once every job and offer approval is done."""
    unfinished = unfinished_approvals(world, application)
    if unfinished:
        flow = unfinished[0]
        raise InvalidTransition(
            "All job and offer approvals must be done before hiring: approval flow "
            f"{flow.id} ({flow.approval_type}) is {flow.status}"
        )


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
    require_status(application, "active")
    _check_approvals(world, application)
    _check_start_date(start_date)
    if close_reason_id is not None and close_reason_id not in world.close_reasons:
        raise InvalidField(
            "close_reason_id", f"Close reason {close_reason_id} does not exist"
        )
    job = world.jobs.get(application.job_id)
    opening = _opening_to_fill(world, job, opening_id)
    actor = actor_of(world, actor_id)

    at = world.clock.stamp()
    opening.closed_at = at
    opening.application_id = application.id
    opening.close_reason_id = close_reason_id or world.hired_close_reason_id
    if not world.open_openings(job):
        job.status, job.closed_at, job.updated_at = "closed", at, at
    world.set_status(application, "hired")
    application.stage_before_hire_id = application.current_stage_id
    application.current_stage_id = None
    application.hired_opening_id = opening.id
    application.hired_at = at
    application.start_date = start_date
    touch(world, application, at)
    world.record_activity(
        application.candidate_id,
        at,
        "Candidate Hired",
        f"{candidate_name(world, application)} was hired for {job.name}{by(actor)}",
        actor_id,
    )
    return [Event("hired", application.id, at), *_accept_offer(world, application, at)]


def _accept_offer(world: World, application: Application, at: int) -> list[Event]:
    """A hire marks the current offer accepted (webhooks/_offer_events.md)."""
    for offer_id in reversed(world.offers_by_application.ids(application.id)):
        offer = world.offers.get(offer_id)
        if offer.status == "unresolved":
            offer.status, offer.resolved_at, offer.updated_at = "accepted", at, at
            return [Event("offer_updated", offer.id, at)]
    return []


def unhire(world: World, application_id: int, *, actor_id: int) -> list[Event]:
    """Undo a hire, as the "Unhire" button on the candidate's profile does.

    The opening the hire filled opens again, and so does the job if the hire had
    closed it. The application returns to the stage it was hired from.
    """
    application = world.applications.get(application_id)
    require_status(application, "hired")
    job = world.jobs.get(application.job_id or 0)
    actor = actor_of(world, actor_id)

    at = world.clock.stamp()
    if application.hired_opening_id is not None:
        opening = world.openings.get(application.hired_opening_id)
        opening.closed_at = None
        opening.application_id = None
        opening.close_reason_id = None
    if job.status == "closed" and world.open_openings(job):
        job.status, job.closed_at, job.updated_at = "open", None, at
    world.set_status(application, "active")
    application.current_stage_id = application.stage_before_hire_id or job.stage_ids[-1]
    application.stage_before_hire_id = None
    application.hired_opening_id = None
    application.hired_at = None
    application.start_date = None
    touch(world, application, at)
    world.record_activity(
        application.candidate_id,
        at,
        "Candidate Unhired",
        f"{candidate_name(world, application)} was unhired from {job.name}{by(actor)}",
        actor_id,
    )
    return [Event("unhired", application.id, at)]
