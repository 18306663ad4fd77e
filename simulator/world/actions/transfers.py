"""Moving an application to another job, converting a prospect, deleting one."""

from __future__ import annotations

from simulator.world.actions.common import (
    actor_of,
    by,
    candidate_name,
    require_status,
    touch,
)
from simulator.world.errors import InvalidField, InvalidTransition
from simulator.world.events import Event
from simulator.world.records import Application, Job
from simulator.world.store import World


def _target(
    world: World, job_id: int, stage_id: int | None, fields: tuple[str, str]
) -> tuple[Job, int]:
    """The job an application goes to and the stage it lands in (its first)."""
    job_field, stage_field = fields
    job = world.jobs.find(job_id)
    if job is None:
        raise InvalidField(job_field, f"Job {job_id} does not exist")
    if job.status == "draft":
        raise InvalidTransition(f"Job {job.id} is a draft and takes no candidates")
    if stage_id is None:
        return job, job.stage_ids[0]
    if stage_id not in job.stage_ids:
        raise InvalidField(
            stage_field, f"Stage {stage_id} is not a stage of job {job.id}"
        )
    return job, stage_id


def transfer_to_job(
    world: World,
    application_id: int,
    new_job_id: int,
    new_stage_id: int | None,
    *,
    actor_id: int,
) -> list[Event]:
    """Move an active candidate application to a stage of another job.

    The application keeps its id; it no longer came through a job post, as in
    Greenhouse's example, where `job_post_id` is null after the move.
    """
    app = world.applications.get(application_id)
    if app.prospect:
        raise InvalidTransition(
            f"Application {app.id} is a prospect application and can't be moved to "
            "another job; convert it instead"
        )
    require_status(app, "active")
    if new_job_id == app.job_id:
        raise InvalidField(
            "new_job_id",
            f"Application {app.id} is already on job {new_job_id}; move it instead",
        )
    job, stage_id = _target(
        world, new_job_id, new_stage_id, ("new_job_id", "new_stage_id")
    )
    actor = actor_of(world, actor_id)

    at = world.clock.stamp()
    old_job = world.jobs.get(app.job_id) if app.job_id is not None else None
    world.set_job(app, job.id)
    app.current_stage_id = stage_id
    app.job_post_id = None
    touch(world, app, at)
    world.record_activity(
        app.candidate_id,
        at,
        "Candidate Transferred",
        f"{candidate_name(world, app)} was moved from "
        f"{old_job.name if old_job else 'no job'} to {job.name} into "
        f"{world.stages.get(stage_id).name}{by(actor)}",
        actor_id,
    )
    return [Event("transferred", app.id, at)]


def convert_prospect(
    world: World,
    application_id: int,
    job_id: int,
    initial_stage_id: int | None,
    *,
    actor_id: int,
) -> tuple[Application, list[Event]]:
    """Turn an active prospect application into a candidate application on a job.

    The prospect application stays, with status `converted`; the candidate
    application is a new one, with a new id.
    """
    prospect = world.applications.get(application_id)
    if not prospect.prospect:
        raise InvalidTransition(
            f"Application {prospect.id} is not a prospect application"
        )
    require_status(prospect, "active")
    job, stage_id = _target(
        world, job_id, initial_stage_id, ("job_id", "initial_stage_id")
    )
    actor = actor_of(world, actor_id)

    at = world.clock.stamp()
    world.set_status(prospect, "converted")
    touch(world, prospect, at)
    application = Application(
        id=world.applications.next_id(),
        candidate_id=prospect.candidate_id,
        prospect=False,
        job_id=job.id,
        job_post_id=None,
        status="active",
        current_stage_id=stage_id,
        applied_at=at,
        last_activity_at=at,
        source_id=prospect.source_id,
        credited_to_id=prospect.credited_to_id,
        recruiter_id=job.recruiter_id,
        coordinator_id=job.coordinator_id,
        outside_referrer=prospect.outside_referrer,
    )
    world.index_application(application)
    world.record_activity(
        prospect.candidate_id,
        at,
        "Prospect Converted",
        f"{candidate_name(world, prospect)} was converted from a prospect to a "
        f"candidate for {job.name}{by(actor)}",
        actor_id,
    )
    return application, [
        Event("application_updated", prospect.id, at),
        Event("application_created", application.id, at),
    ]


def delete_application(
    world: World, application_id: int, *, actor_id: int
) -> list[Event]:
    """Delete a candidate application; its candidate stays.

    Greenhouse refuses prospect applications. A hired application is refused
    too (our choice): the opening it filled would point at nothing; unhire first.
    """
    app = world.applications.get(application_id)
    if app.prospect:
        raise InvalidTransition(
            f"Application {app.id} is a prospect application; prospect "
            "applications can't be deleted"
        )
    if app.status == "hired":
        raise InvalidTransition(
            f"Application {app.id} is hired and fills an opening; unhire it "
            "before deleting it"
        )
    actor = actor_of(world, actor_id)

    at = world.clock.stamp()
    name = candidate_name(world, app)
    job = world.jobs.get(app.job_id) if app.job_id is not None else None
    world.unindex_application(app)
    world.candidates.get(app.candidate_id).last_activity = at
    world.record_activity(
        app.candidate_id,
        at,
        "Application Deleted",
        f"{name}'s application for {job.name if job else 'no job'} was "
        f"deleted{by(actor)}",
        actor_id,
    )
    return [Event("application_deleted", app.id, at, removed=app)]
