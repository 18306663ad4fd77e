"""A job's openings: adding, opening and closing, destroying closed ones.

A job with an open opening is not closed: adding or reopening an opening reopens
a closed job, and closing its last open opening closes it (Greenhouse: "If the
last opening is closed, it will close the hiring plan"). Either change is a job
status change, which Greenhouse announces with "Job updated".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from simulator.world.actions.common import actor_of
from simulator.world.actions.jobs import MAX_OPEN_OPENINGS
from simulator.world.errors import InvalidField, InvalidTransition, NotFound
from simulator.world.events import Event
from simulator.world.records import Job, Opening
from simulator.world.store import World


def opening_of(world: World, job: Job, opening_id: int) -> Opening:
    """The job's opening with this internal id; NotFound for any other."""
    opening = world.openings.find(opening_id)
    if opening is None or opening.job_id != job.id:
        raise NotFound("Opening", opening_id)
    return opening


def _reopen_job(job: Job, at: int) -> list[Event]:
    if job.status != "closed":
        return []
    job.status, job.closed_at = "open", None
    return [Event("job_updated", job.id, at)]


def _close_job_if_done(world: World, job: Job, at: int) -> list[Event]:
    if job.status != "open" or world.open_openings(job):
        return []
    job.status, job.closed_at = "closed", at
    return [Event("job_updated", job.id, at)]


def create_openings(
    world: World, job_id: int, opening_ids: Sequence[str | None], *, actor_id: int
) -> tuple[list[Opening], list[Event]]:
    job = world.jobs.get(job_id)
    if not opening_ids:
        raise InvalidField("openings", "openings must list at least one opening")
    open_now = len(world.open_openings(job))
    if open_now + len(opening_ids) > MAX_OPEN_OPENINGS:
        raise InvalidField(
            "openings",
            f"Job {job.id} has {open_now} open openings; it can have at most "
            f"{MAX_OPEN_OPENINGS}",
        )
    actor_of(world, actor_id)

    at = world.clock.stamp()
    created = []
    for opening_id in opening_ids:
        opening = Opening(world.openings.next_id(), job.id, opening_id, at)
        world.openings.add(opening.id, opening)
        job.opening_ids.append(opening.id)
        created.append(opening)
    job.updated_at = at
    return created, _reopen_job(job, at)


@dataclass(slots=True)
class OpeningChanges:
    opening_id: str | None = None
    opening_id_given: bool = False
    status: Literal["open", "closed"] | None = None
    close_reason_id: int | None = None


def edit_opening(
    world: World,
    job_id: int,
    opening_id: int,
    changes: OpeningChanges,
    *,
    actor_id: int,
) -> list[Event]:
    job = world.jobs.get(job_id)
    opening = opening_of(world, job, opening_id)
    reason_id = changes.close_reason_id
    if reason_id is not None and changes.status != "closed":
        raise InvalidField(
            "close_reason_id", "close_reason_id can only be given when closing"
        )
    if reason_id is not None and reason_id not in world.close_reasons:
        raise InvalidField(
            "close_reason_id", f"Close reason {reason_id} does not exist"
        )
    reopening = changes.status == "open" and opening.status == "closed"
    if reopening and opening.application_id is not None:
        raise InvalidTransition(
            f"Opening {opening.id} was filled by application "
            f"{opening.application_id}; unhire it to reopen the opening"
        )
    if reopening and len(world.open_openings(job)) >= MAX_OPEN_OPENINGS:
        raise InvalidField(
            "status", f"Job {job.id} already has {MAX_OPEN_OPENINGS} open openings"
        )
    actor_of(world, actor_id)

    at = world.clock.stamp()
    events: list[Event] = []
    if changes.opening_id_given:
        opening.opening_id = changes.opening_id
    if changes.status == "closed":
        if opening.closed_at is None:
            opening.closed_at = at
            opening.close_reason_id = reason_id
            events = _close_job_if_done(world, job, at)
        elif reason_id is not None:
            opening.close_reason_id = reason_id
    elif reopening:
        opening.closed_at = None
        opening.close_reason_id = None
        events = _reopen_job(job, at)
    job.updated_at = at
    return events


def destroy_openings(
    world: World, job_id: int, ids: Sequence[int], *, actor_id: int
) -> tuple[list[int], list[int]]:
    """Delete the closed, unfilled openings among `ids`: (deleted, failed)."""
    job = world.jobs.get(job_id)
    actor_of(world, actor_id)
    deleted, failed = [], []
    for opening_id in dict.fromkeys(ids):
        opening = world.openings.find(opening_id)
        if (
            opening is None
            or opening.job_id != job.id
            or opening.closed_at is None
            or opening.application_id is not None
        ):
            failed.append(opening_id)
        else:
            deleted.append(opening_id)
    if not deleted:
        return deleted, failed

    at = world.clock.stamp()
    for opening_id in deleted:
        world.openings.remove(opening_id)
        job.opening_ids.remove(opening_id)
    job.updated_at = at
    return deleted, failed
