"""Harvest's Applications operations that edit, move, convert or delete one."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from simulator.harvest import body_parts, params
from simulator.harvest.api import Call
from simulator.harvest.applications import answer_with, application_in_path
from simulator.harvest.errors import ValidationFailed
from simulator.harvest.registry import harvest
from simulator.jsonbody import shown
from simulator.world import actions
from simulator.world.records import Attachment

REFERRER_TYPES = ("id", "email", "outside")


@harvest.patch(
    "/v1/applications/{id:id}",
    group="Applications",
    action="Update Application",
    returns="application",
)
async def update_application(call: Call) -> Response:
    application_id = application_in_path(call)
    body = await call.json_body()
    changes = actions.ApplicationChanges(
        source_id=params.integer(body, "source_id"),
        referrer=_referrer(body),
        recruiter_id=params.integer(body, "recruiter_id"),
        coordinator_id=params.integer(body, "coordinator_id"),
        custom_fields=params.objects(body, "custom_fields"),
        prospect_pool_id=params.integer(body, "prospect_pool_id"),
        prospect_stage_id=params.integer(body, "prospect_stage_id"),
        rejection_details=_rejection_details(body),
    )
    events = actions.update_application(
        call.world, application_id, changes, actor_id=call.actor
    )
    return answer_with(call, application_id, events)


def _referrer(body: dict[str, Any]) -> actions.ReferrerChange | None:
    referrer = params.mapping(body, "referrer")
    if referrer is None:
        return None
    kind = params.text(referrer, "type", required=True, within="referrer")
    if kind not in REFERRER_TYPES:
        raise ValidationFailed(
            "referrer.type", f"Must be one of: {', '.join(REFERRER_TYPES)}"
        )
    if kind == "id":
        # The docs call the value a string but send an integer; take either.
        user_id = params.integer(referrer, "value", required=True, within="referrer")
        return actions.ReferrerChange("id", str(user_id))
    value = referrer.get("value")
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed(
            "referrer.value",
            f"referrer.value must be a name or an e-mail address, not {shown(value)}",
        )
    return actions.ReferrerChange(
        "email" if kind == "email" else "outside", value.strip()
    )


def _rejection_details(body: dict[str, Any]) -> list[dict[str, Any]] | None:
    details = params.mapping(body, "rejection_details")
    if details is None:
        return None
    return params.objects(details, "custom_fields", within="rejection_details")


@harvest.delete(
    "/v1/applications/{id:id}",
    group="Applications",
    action="Delete Application",
    returns="message",
)
async def delete_application(call: Call) -> Response:
    application_id = application_in_path(call)
    events = actions.delete_application(call.world, application_id, actor_id=call.actor)
    call.sim.emit(events)
    return JSONResponse({"message": f"Application {application_id} has been deleted."})


@harvest.post(
    "/v1/applications/{id:id}/transfer_to_job",
    group="Applications",
    action="Move Application (Different Job)",
    returns="application",
)
async def transfer_application_to_job(call: Call) -> Response:
    application_id = application_in_path(call)
    body = await call.json_body()
    new_job_id = params.required_integer(body, "new_job_id")
    new_stage_id = params.integer(body, "new_stage_id")
    events = actions.transfer_to_job(
        call.world, application_id, new_job_id, new_stage_id, actor_id=call.actor
    )
    return answer_with(call, application_id, events)


@harvest.patch(
    "/v1/applications/{id:id}/reject",
    group="Applications",
    action="Update Rejection Reason",
    returns="rejection_reason_updated",
)
async def update_rejection_reason(call: Call) -> Response:
    application_id = application_in_path(call)
    body = await call.json_body()
    reason_id = params.required_integer(body, "rejection_reason_id")
    reason, events = actions.update_rejection_reason(
        call.world, application_id, reason_id, actor_id=call.actor
    )
    call.sim.emit(events)
    return JSONResponse(
        {
            "id": application_id,
            "message": f"Rejection reason updated to {reason.id} ({reason.name})",
            "success": True,
        }
    )


@harvest.patch(
    "/v1/applications/{id:id}/convert_prospect",
    group="Applications",
    action="Convert Prospect To Candidate",
    returns="prospect_converted",
)
async def convert_prospect(call: Call) -> Response:
    application_id = application_in_path(call)
    body = await call.json_body()
    job_id = params.required_integer(body, "job_id")
    stage_id = params.integer(body, "initial_stage_id")
    created, events = actions.convert_prospect(
        call.world, application_id, job_id, stage_id, actor_id=call.actor
    )
    call.sim.emit(events)
    return JSONResponse(
        {
            "success": True,
            "old_application_id": application_id,
            "new_application_id": created.id,
            "new_job_id": created.job_id,
            "new_stage_id": created.current_stage_id,
        }
    )


# -- attachments ------------------------------------------------------------------

VISIBILITIES = ("public", "private", "admin_only")
# Greenhouse fixes the visibility of every type but "other".
_FIXED_VISIBILITY = {
    "resume": "public",
    "cover_letter": "public",
    "take_home_test": "public",
    "offer_letter": "private",
    "signed_offer_letter": "private",
}


@harvest.post(
    "/v1/applications/{id:id}/attachments",
    group="Applications",
    action="Add Attachment to Application",
    returns="attachment_created",
    status=201,
)
async def add_application_attachment(call: Call) -> Response:
    application_id = application_in_path(call)
    body = await call.json_body()
    attachment = _attachment(body)
    added = actions.add_application_attachment(
        call.world, application_id, attachment, actor_id=call.actor
    )
    return JSONResponse(
        {
            "filename": added.filename,
            "url": added.url,
            "type": added.type,
            "content_type": added.content_type,
        },
        status_code=201,
    )


def _attachment(body: dict[str, Any]) -> Attachment:
    added = body_parts.attachment(body, types=body_parts.APPLICATION_FILE_TYPES)
    visibility = params.text(body, "visibility")
    if visibility is not None and visibility not in VISIBILITIES:
        raise ValidationFailed(
            "visibility", f"Must be one of: {', '.join(VISIBILITIES)}"
        )
    added.visibility = _FIXED_VISIBILITY.get(added.type, visibility or "admin_only")
    return added
