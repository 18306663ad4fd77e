"""Records in Harvest v1's JSON shapes, keys in the order Greenhouse's docs show.

Missing values are `null`, never left out; times are UTC with milliseconds.
"""

from __future__ import annotations

from typing import Any

from simulator.formats import iso_utc
from simulator.harvest import render_profile
from simulator.world.records import (
    Application,
    Candidate,
    ContactDetail,
    Job,
    JobPost,
    Opening,
    RejectionReason,
    Source,
    Stage,
    User,
)
from simulator.world.store import World

JSON = dict[str, Any]


def user_ref(world: World, user_id: int | None) -> JSON | None:
    if user_id is None:
        return None
    user = world.users.get(user_id)
    return {
        "id": user.id,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "name": user.name,
        "employee_id": user.employee_id,
    }


def _contacts(details: list[ContactDetail]) -> list[JSON]:
    return [{"value": detail.value, "type": detail.type} for detail in details]


def rejection_reason(reason: RejectionReason) -> JSON:
    return {
        "id": reason.id,
        "name": reason.name,
        "type": {"id": reason.type_id, "name": reason.type_name},
    }


def source(item: Source) -> JSON:
    return {
        "id": item.id,
        "name": item.name,
        "type": {"id": item.type_id, "name": item.type_name},
    }


def application(world: World, app: Application, *, embedded: bool = False) -> JSON:
    """An application; `embedded` is the form inside a candidate (no custom fields)."""
    jobs = [world.jobs.get(job_id) for job_id in app.job_ids]
    stage = world.stages.get(app.current_stage_id) if app.current_stage_id else None
    reason = (
        world.rejection_reasons.get(app.rejection_reason_id)
        if app.rejection_reason_id is not None
        else None
    )
    src = world.sources.get(app.source_id) if app.source_id is not None else None
    body: JSON = {
        "id": app.id,
        "candidate_id": app.candidate_id,
        "prospect": app.prospect,
        "applied_at": iso_utc(app.applied_at),
        "rejected_at": iso_utc(app.rejected_at),
        "last_activity_at": iso_utc(app.last_activity_at),
        "location": {"address": app.location} if app.location else None,
        "source": {"id": src.id, "public_name": src.name} if src else None,
        "credited_to": user_ref(world, app.credited_to_id),
        "recruiter": user_ref(world, app.recruiter_id),
        "coordinator": user_ref(world, app.coordinator_id),
        "rejection_reason": rejection_reason(reason) if reason else None,
        "rejection_details": (
            {"custom_fields": {}, "keyed_custom_fields": {}}
            if app.status == "rejected"
            else None
        ),
        "jobs": [{"id": j.id, "name": j.name} for j in jobs],
        "job_post_id": app.job_post_id,
        "status": app.status,
        "current_stage": {"id": stage.id, "name": stage.name} if stage else None,
        "answers": [{"question": a.question, "answer": a.answer} for a in app.answers],
        "prospective_office": render_profile.office(world, app.prospective_office_id),
        "prospective_department": render_profile.department(
            world, app.prospective_department_id
        ),
        "prospect_detail": _prospect_detail(world, app),
    }
    if not embedded:
        body["custom_fields"] = {}
        body["keyed_custom_fields"] = {}
    body["attachments"] = [render_profile.attachment(a) for a in app.attachments]
    return body


def _prospect_detail(world: World, app: Application) -> JSON:
    pool = stage = None
    if app.prospect_pool_id is not None:
        found = world.prospect_pools.get(app.prospect_pool_id)
        pool = {"id": found.id, "name": found.name}
    if app.prospect_stage_id is not None:
        step = world.prospect_stages.get(app.prospect_stage_id)
        stage = {"id": step.id, "name": step.name}
    return {
        "prospect_pool": pool,
        "prospect_stage": stage,
        "prospect_owner": _owner(world, app.prospect_owner_id),
    }


def _owner(world: World, user_id: int | None) -> JSON | None:
    if user_id is None:
        return None
    owner = world.users.get(user_id)
    return {"id": owner.id, "name": owner.name}


def candidate(world: World, person: Candidate) -> JSON:
    applications = [world.applications.get(i) for i in person.application_ids]
    return {
        "id": person.id,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "company": person.company,
        "title": person.title,
        "created_at": iso_utc(person.created_at),
        "updated_at": iso_utc(person.updated_at),
        "last_activity": iso_utc(person.last_activity),
        "is_private": person.is_private,
        "photo_url": None,
        "attachments": [render_profile.attachment(a) for a in person.attachments],
        "application_ids": list(person.application_ids),
        "phone_numbers": _contacts(person.phone_numbers),
        "addresses": _contacts(person.addresses),
        "email_addresses": _contacts(person.email_addresses),
        "website_addresses": _contacts(person.website_addresses),
        "social_media_addresses": [
            {"value": value} for value in person.social_media_addresses
        ],
        "recruiter": user_ref(world, person.recruiter_id),
        "coordinator": user_ref(world, person.coordinator_id),
        "can_email": bool(person.email_addresses),
        "tags": render_profile.tag_names(world, person),
        "applications": [application(world, a, embedded=True) for a in applications],
        "educations": render_profile.educations(world, person),
        "employments": render_profile.employments(world, person),
        "linked_user_ids": [],
        "custom_fields": {},
        "keyed_custom_fields": {},
    }


def job(world: World, item: Job) -> JSON:
    department = (
        world.departments.get(item.department_id) if item.department_id else None
    )
    openings = [world.openings.get(i) for i in item.opening_ids]
    return {
        "id": item.id,
        "name": item.name,
        "requisition_id": item.requisition_id,
        "notes": item.notes,
        "confidential": item.confidential,
        "status": item.status,
        "created_at": iso_utc(item.created_at),
        "opened_at": iso_utc(item.opened_at),
        "closed_at": iso_utc(item.closed_at),
        "updated_at": iso_utc(item.updated_at),
        "is_template": item.is_template,
        "copied_from_id": item.copied_from_id,
        "departments": (
            [
                {
                    "id": department.id,
                    "name": department.name,
                    "parent_id": department.parent_id,
                    "child_ids": [
                        d.id for d in world.departments if d.parent_id == department.id
                    ],
                    "external_id": department.external_id,
                }
            ]
            if department
            else []
        ),
        "offices": [_office(world, office_id) for office_id in item.office_ids],
        "custom_fields": {},
        "keyed_custom_fields": {},
        "hiring_team": {
            "hiring_managers": [user_ref(world, u) for u in item.hiring_manager_ids],
            "recruiters": _responsible(world, item.recruiter_ids, item.recruiter_id),
            "coordinators": _responsible(
                world, item.coordinator_ids, item.coordinator_id
            ),
            "sourcers": [user_ref(world, u) for u in item.sourcer_ids],
        },
        "openings": [opening(world, o) for o in openings],
    }


def opening(world: World, item: Opening) -> JSON:
    return {
        "id": item.id,
        "opening_id": item.opening_id,
        "status": item.status,
        "opened_at": iso_utc(item.opened_at),
        "closed_at": iso_utc(item.closed_at),
        "application_id": item.application_id,
        "close_reason": _close_reason(world, item.close_reason_id),
    }


def _office(world: World, office_id: int) -> JSON:
    office = world.offices.get(office_id)
    return {
        "id": office.id,
        "name": office.name,
        "location": {"name": office.location},
        "primary_contact_user_id": None,
        "parent_id": office.parent_id,
        "child_ids": [],
        "external_id": office.external_id,
    }


def _responsible(
    world: World, user_ids: list[int], responsible: int | None
) -> list[JSON]:
    refs = ((user_ref(world, u), u == responsible) for u in user_ids)
    return [{**ref, "responsible": flag} for ref, flag in refs if ref]


def _close_reason(world: World, reason_id: int | None) -> JSON | None:
    if reason_id is None:
        return None
    reason = world.close_reasons.get(reason_id)
    return {"id": reason.id, "name": reason.name}


_QUESTION_TYPES = {
    "input_text": "short_text",
    "textarea": "long_text",
    "input_file": "attachment",
    "multi_value_single_select": "single_select",
    "multi_value_multi_select": "multi_select",
}


def job_post(world: World, post: JobPost) -> JSON:
    office = world.offices.get(post.office_id) if post.office_id else None
    questions = []
    for group in post.questions:
        for field in group.fields:
            if field.name.endswith("_text"):
                continue  # Harvest lists the file question, not its text twin.
            questions.append(
                {
                    "required": group.required,
                    "private": False,
                    "label": group.label,
                    "name": field.name,
                    "type": _QUESTION_TYPES.get(field.type, field.type),
                    "values": [
                        {"value": o.value, "label": o.label} for o in field.options
                    ],
                    "description": None,
                }
            )
    return {
        "id": post.id,
        "title": post.title,
        "location": {
            "id": post.id,
            "name": post.location,
            "office_id": office.id if office else None,
            "job_post_custom_location_id": post.custom_location_id,
            "job_post_location_type": _location_type(post),
        },
        "internal": post.internal,
        "external": post.external,
        "active": post.active,
        "live": post.live,
        "first_published_at": iso_utc(post.first_published_at),
        "job_id": post.job_id,
        "content": post.content,
        "internal_content": post.content if post.internal else None,
        "updated_at": iso_utc(post.updated_at),
        "created_at": iso_utc(post.created_at),
        "demographic_question_set_id": None,
        "questions": questions,
    }


def _location_type(post: JobPost) -> JSON:
    if post.office_id is not None:
        return {"id": 1, "name": "Office"}
    if post.custom_location_id is not None:
        return {"id": 3, "name": "Custom List"}
    return {"id": 2, "name": "Free Text"}


def stage(world: World, item: Stage) -> JSON:
    return {
        "id": item.id,
        "name": item.name,
        "created_at": iso_utc(item.created_at),
        "updated_at": iso_utc(item.updated_at),
        "active": item.active,
        "job_id": item.job_id,
        "priority": item.priority,
        "interviews": [
            {
                "id": interview.id,
                "name": interview.name,
                "schedulable": True,
                "estimated_minutes": interview.estimated_minutes,
                "default_interviewer_users": [],
                "interview_kit": {"id": interview.id, "content": None, "questions": []},
            }
            for interview in item.interviews
        ],
    }


def user(world: World, item: User) -> JSON:
    return {
        "id": item.id,
        "name": item.name,
        "first_name": item.first_name,
        "last_name": item.last_name,
        "primary_email_address": item.email,
        "updated_at": iso_utc(item.updated_at),
        "created_at": iso_utc(item.created_at),
        "disabled": item.disabled,
        "site_admin": item.site_admin,
        "emails": [item.email] if item.email else [],
        "employee_id": item.employee_id,
        "linked_candidate_ids": [],
        "offices": [],
        "departments": [],
    }
