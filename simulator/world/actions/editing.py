"""Editing an application in place: its fields, its rejection reason, attachments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

from simulator.jsonbody import to_int
from simulator.world.actions.common import (
    actor_of,
    by,
    candidate_name,
    check_custom_fields,
    job_name,
    require_status,
    touch,
)
from simulator.world.errors import InvalidField, InvalidTransition
from simulator.world.events import Event
from simulator.world.records import Application, Attachment, RejectionReason
from simulator.world.store import World

ATTACHMENT_HOST = "https://ghsim-attachments.s3.amazonaws.com"
EDITABLE = ("active", "rejected", "hired")


@dataclass(frozen=True, slots=True)
class Referrer:
    """Who referred the candidate: a user by id or e-mail, or an outside name."""

    type: Literal["id", "email", "outside"]
    value: str


@dataclass(slots=True)
class ApplicationChanges:
    """What a PATCH of an application asks for; None means "not given"."""

    source_id: int | None = None
    referrer: Referrer | None = None
    recruiter_id: int | None = None
    coordinator_id: int | None = None
    custom_fields: Sequence[Mapping[str, Any]] = ()
    prospect_pool_id: int | None = None
    prospect_stage_id: int | None = None
    # The custom fields of `rejection_details`; None when it is not given.
    rejection_details: Sequence[Mapping[str, Any]] | None = None


def _referred_by(world: World, referrer: Referrer) -> tuple[int | None, str | None]:
    """(credited user, outside referrer's name) for a referrer."""
    if referrer.type == "outside":
        return None, referrer.value
    if referrer.type == "email":
        wanted = referrer.value.strip().lower()
        user = next((u for u in world.users if (u.email or "").lower() == wanted), None)
        if user is None:
            raise InvalidField(
                "referrer.value", f"No user has the e-mail address {referrer.value!r}"
            )
        return user.id, None
    user_id = to_int(referrer.value)
    if user_id is None or user_id not in world.users:
        raise InvalidField("referrer.value", f"User {referrer.value} does not exist")
    return user_id, None


def _check_user(world: World, user_id: int | None, name: str) -> None:
    if user_id is not None and user_id not in world.users:
        raise InvalidField(name, f"User {user_id} does not exist")


def _prospect_place(
    world: World, app: Application, changes: ApplicationChanges
) -> tuple[int | None, int | None]:
    """The prospect pool and stage the application ends up in."""
    pool_id, stage_id = changes.prospect_pool_id, changes.prospect_stage_id
    if pool_id is None and stage_id is None:
        return app.prospect_pool_id, app.prospect_stage_id
    name = "prospect_pool_id" if pool_id is not None else "prospect_stage_id"
    if not app.prospect:
        raise InvalidField(
            name,
            f"Application {app.id} is a candidate application; only prospect "
            "applications are in a prospect pool",
        )
    if pool_id is not None and pool_id not in world.prospect_pools:
        raise InvalidField(name, f"Prospect pool {pool_id} does not exist")
    pool_id = pool_id if pool_id is not None else app.prospect_pool_id
    if pool_id is None:
        raise InvalidField(
            "prospect_stage_id", "A prospect stage needs a prospect pool to be in"
        )
    stages = world.prospect_pools.get(pool_id).stage_ids
    if stage_id is None:
        same_pool = pool_id == app.prospect_pool_id
        return pool_id, app.prospect_stage_id if same_pool else stages[0]
    if stage_id not in stages:
        raise InvalidField(
            "prospect_stage_id",
            f"Prospect stage {stage_id} is not a stage of prospect pool {pool_id}",
        )
    return pool_id, stage_id


def update_application(
    world: World, application_id: int, changes: ApplicationChanges, *, actor_id: int
) -> list[Event]:
    """Change an application's editable fields; no change at all sends nothing."""
    app = world.applications.get(application_id)
    if app.status not in EDITABLE:
        raise InvalidTransition(
            "Application must be 'active', 'rejected' or 'hired', is currently "
            f"'{app.status}'"
        )
    if changes.source_id is not None and changes.source_id not in world.sources:
        raise InvalidField("source_id", f"Source {changes.source_id} does not exist")
    credited, outside = app.credited_to_id, app.outside_referrer
    if changes.referrer is not None:
        credited, outside = _referred_by(world, changes.referrer)
    _check_user(world, changes.recruiter_id, "recruiter_id")
    _check_user(world, changes.coordinator_id, "coordinator_id")
    check_custom_fields(changes.custom_fields, "custom_fields")
    pool_id, stage_id = _prospect_place(world, app, changes)
    if changes.rejection_details is not None:
        if app.status != "rejected":
            raise InvalidTransition(
                "Rejection details can only be updated on a rejected application; "
                f"application {app.id} is currently '{app.status}'"
            )
        check_custom_fields(
            changes.rejection_details, "rejection_details.custom_fields"
        )
    actor = actor_of(world, actor_id)

    source_id = changes.source_id or app.source_id
    recruiter_id = changes.recruiter_id or app.recruiter_id
    coordinator_id = changes.coordinator_id or app.coordinator_id
    changed = [
        name
        for name, now, then in (
            ("source", source_id, app.source_id),
            (
                "referrer",
                (credited, outside),
                (app.credited_to_id, app.outside_referrer),
            ),
            ("recruiter", recruiter_id, app.recruiter_id),
            ("coordinator", coordinator_id, app.coordinator_id),
            (
                "prospect pool",
                (pool_id, stage_id),
                (app.prospect_pool_id, app.prospect_stage_id),
            ),
        )
        if now != then
    ]
    if not changed:
        return []
    at = world.clock.stamp()
    app.source_id, app.credited_to_id, app.outside_referrer = (
        source_id,
        credited,
        outside,
    )
    app.recruiter_id, app.coordinator_id = recruiter_id, coordinator_id
    app.prospect_pool_id, app.prospect_stage_id = pool_id, stage_id
    touch(world, app, at)
    world.record_activity(
        app.candidate_id,
        at,
        "Application Updated",
        f"{candidate_name(world, app)}'s application for {job_name(world, app)} "
        f"was updated ({', '.join(changed)}){by(actor)}",
        actor_id,
    )
    return [Event("application_updated", app.id, at)]


def update_rejection_reason(
    world: World, application_id: int, rejection_reason_id: int, *, actor_id: int
) -> tuple[RejectionReason, list[Event]]:
    app = world.applications.get(application_id)
    require_status(app, "rejected")
    reason = world.rejection_reasons.find(rejection_reason_id)
    if reason is None:
        raise InvalidField(
            "rejection_reason_id",
            f"Rejection reason {rejection_reason_id} does not exist",
        )
    actor = actor_of(world, actor_id)

    at = world.clock.stamp()
    app.rejection_reason_id = reason.id
    touch(world, app, at)
    world.record_activity(
        app.candidate_id,
        at,
        "Rejection Reason Updated",
        f"The rejection reason of {candidate_name(world, app)} for "
        f"{job_name(world, app)} was changed to {reason.name}{by(actor)}",
        actor_id,
    )
    return reason, [Event("application_updated", app.id, at)]


# -- attachments ------------------------------------------------------------------

ATTACHMENT_TYPES = (
    "resume",
    "cover_letter",
    "other",
    "take_home_test",
    "offer_letter",
    "signed_offer_letter",
)


def _current_stage_name(world: World, app: Application) -> str | None:
    if app.current_stage_id is None:
        return None
    return world.stages.get(app.current_stage_id).name


def _check_attachment_type(world: World, app: Application, kind: str) -> None:
    """The world has no tests or offers of their own: a take-home test is
    outstanding while the application sits in a Take Home Test stage, an offer
    exists from the Offer stage on, and it is signed once the candidate is hired."""
    stage = _current_stage_name(world, app)
    if kind == "take_home_test" and not (
        app.status == "active" and stage == "Take Home Test"
    ):
        raise InvalidField(
            "type", f"Application {app.id} has no outstanding take home test"
        )
    if kind == "offer_letter" and not (app.status == "hired" or stage == "Offer"):
        raise InvalidField("type", f"Application {app.id} has no offer")
    if kind == "signed_offer_letter" and app.status != "hired":
        raise InvalidField(
            "type", f"Application {app.id} has no approved, sent offer letter"
        )


def add_attachment(
    world: World, application_id: int, attachment: Attachment, *, actor_id: int
) -> Attachment:
    """Attach a file to an application (and so to its candidate)."""
    app = world.applications.get(application_id)
    if attachment.type not in ATTACHMENT_TYPES:
        raise InvalidField(
            "type", f"type must be one of: {', '.join(ATTACHMENT_TYPES)}"
        )
    _check_attachment_type(world, app, attachment.type)
    actor = actor_of(world, actor_id)

    at = world.clock.stamp()
    candidate = world.candidates.get(app.candidate_id)
    number = len(candidate.attachments) + 1
    attachment.created_at = at
    attachment.url = (
        f"{ATTACHMENT_HOST}/applications/{app.id}/{number}/{quote(attachment.filename)}"
    )
    app.attachments.append(attachment)
    candidate.attachments.append(attachment)
    touch(world, app, at)
    world.record_activity(
        app.candidate_id,
        at,
        "Attachment Added",
        f"{attachment.filename} ({attachment.type}) was attached to the application "
        f"for {job_name(world, app)}{by(actor)}",
        actor_id,
    )
    return attachment
