"""Moving an application through its job's stages, rejecting and unrejecting it."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.formats import iso_utc
from simulator.world.actions.common import (
    actor_of,
    by,
    candidate_name,
    job_name,
    require_status,
    touch,
)
from simulator.world.errors import InvalidField, InvalidTransition
from simulator.world.events import Event
from simulator.world.records import Application
from simulator.world.store import World


def _stage_index(world: World, application: Application, from_stage_id: int) -> int:
    require_status(application, "active")
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
    actor = actor_of(world, actor_id)
    stage = world.stages.get(stage_id)
    at = world.clock.stamp()
    application.current_stage_id = stage_id
    touch(world, application, at)
    world.record_activity(
        application.candidate_id,
        at,
        "Candidate Stage Change",
        f"{candidate_name(world, application)} was moved into {stage.name} for "
        f"{job_name(world, application)}{by(actor)}",
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


@dataclass(frozen=True, slots=True)
class RejectionEmail:
    """The e-mail a rejection sends: an organisation-wide template, now or later."""

    template_id: int
    send_at: int | None = None


def _check_rejection_email(
    world: World, application: Application, email: RejectionEmail
) -> str:
    """The address the e-mail goes to, once the template and the address check."""
    field = "rejection_email.email_template_id"
    template = world.email_templates.find(email.template_id)
    if template is None:
        raise InvalidField(field, f"Email template {email.template_id} does not exist")
    if template.user_id is not None:
        raise InvalidField(
            field,
            f"Email template {template.id} belongs to a user; a rejection e-mail "
            "needs an organization-wide template",
        )
    address = world.candidates.get(application.candidate_id).primary_email
    if address is None:
        raise InvalidField(
            "rejection_email",
            f"Candidate {application.candidate_id} has no e-mail address to send "
            "a rejection e-mail to",
        )
    return address


def reject(
    world: World,
    application_id: int,
    *,
    actor_id: int,
    rejection_reason_id: int | None = None,
    notes: str | None = None,
    email: RejectionEmail | None = None,
) -> list[Event]:
    application = world.applications.get(application_id)
    require_status(application, "active")
    if (
        rejection_reason_id is not None
        and rejection_reason_id not in world.rejection_reasons
    ):
        raise InvalidField(
            "rejection_reason_id",
            f"Rejection reason {rejection_reason_id} does not exist",
        )
    address = _check_rejection_email(world, application, email) if email else None
    actor = actor_of(world, actor_id)

    at = world.clock.stamp()
    world.set_status(application, "rejected")
    application.rejected_at = at
    application.rejection_reason_id = rejection_reason_id
    application.rejected_by_id = actor_id
    touch(world, application, at)
    body = f"{candidate_name(world, application)} was rejected from "
    body += f"{job_name(world, application)}{by(actor)}"
    if notes:
        body += f": {notes}"
    world.record_activity(
        application.candidate_id, at, "Candidate Rejected", body, actor_id
    )
    if email is not None and address is not None:
        template = world.email_templates.get(email.template_id)
        send_at = max(at, email.send_at or at)
        world.record_activity(
            application.candidate_id,
            at,
            "Rejection Email Scheduled",
            f"{template.name} to {address}, scheduled for {iso_utc(send_at)}"
            f"{by(actor)}",
            actor_id,
        )
    return [Event("rejected", application.id, at)]


def unreject(world: World, application_id: int, *, actor_id: int) -> list[Event]:
    application = world.applications.get(application_id)
    require_status(application, "rejected")
    actor = actor_of(world, actor_id)

    at = world.clock.stamp()
    world.set_status(application, "active")
    application.rejected_at = None
    application.rejection_reason_id = None
    application.rejected_by_id = None
    touch(world, application, at)
    world.record_activity(
        application.candidate_id,
        at,
        "Candidate Unrejected",
        f"{candidate_name(world, application)} was unrejected for "
        f"{job_name(world, application)}{by(actor)}",
        actor_id,
    )
    return [Event("unrejected", application.id, at)]
