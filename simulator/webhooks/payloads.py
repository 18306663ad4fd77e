"""The `application` payload of Greenhouse's application webhooks.

Webhook payloads differ from Harvest's shapes: user references carry an e-mail
rather than first and last names, custom fields are keyed objects, times are
written to the second, and the full candidate and job trees ride along.

Greenhouse's own examples disagree on a few keys between events; we follow them
where they are consistent and take the union where they are not:
- `source` is `{id, name}` in new-application, application-updated and
  stage-change payloads, and `{id, public_name}` in the others.
- The hire example lacks `status`, `current_stage` and the times that the other
  events carry; we send them anyway (`status: "hired"`, `current_stage: null`),
  beside the hire-only `offer`, `opening` and deprecated `job` blocks.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from simulator.formats import iso_utc_seconds
from simulator.world.records import Application, Candidate, Job, User
from simulator.world.store import World

APP_URL = "https://app.greenhouse.io"
_SOURCE_AS_NAME = {
    "new_candidate_application",
    "application_updated",
    "candidate_stage_change",
}
_WITH_PROSPECT_DETAIL = {
    "new_candidate_application",
    "new_prospect_application",
    "application_updated",
}


def application_payload(
    world: World, application: Application, action: str
) -> dict[str, Any]:
    """`{"application": {...}}` as the webhook for `action` carries it."""
    candidate = world.candidates.get(application.candidate_id)
    body: dict[str, Any] = {
        "id": application.id,
        "rejected_at": iso_utc_seconds(application.rejected_at),
        "prospect": application.prospect,
        "status": application.status,
        "applied_at": iso_utc_seconds(application.applied_at),
        "last_activity_at": iso_utc_seconds(application.last_activity_at),
        "url": f"{APP_URL}/people/{candidate.id}?application_id={application.id}",
        "source": _source(world, application, action),
        "credited_to": _credited_to(world, application),
        "rejection_reason": _rejection_reason(world, application),
        "rejection_details": _rejection_details(application),
    }
    if action in _WITH_PROSPECT_DETAIL:
        body["prospect_detail"] = _prospect_detail(world, application)
    body["current_stage"] = _current_stage(world, application)
    body["custom_fields"] = {}
    body["candidate"] = candidate_body(world, candidate)
    jobs = [world.jobs.get(job_id) for job_id in application.job_ids]
    body["jobs"] = [_job(world, job, application) for job in jobs]
    if action == "hire_candidate" and application.job_id is not None:
        job = world.jobs.get(application.job_id)
        body.update(_hire_blocks(world, application, job))
    return {"application": body}


def user_ref(world: World, user_id: int | None) -> dict[str, Any] | None:
    if user_id is None:
        return None
    user: User = world.users.get(user_id)
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "employee_id": user.employee_id,
    }


def _credited_to(world: World, application: Application) -> Any:
    """The referrer: a user, or (an outside referrer) just the name."""
    if application.credited_to_id is None and application.outside_referrer:
        return {"name": application.outside_referrer}
    return user_ref(world, application.credited_to_id)


def _prospect_detail(world: World, application: Application) -> dict[str, Any]:
    pool = stage = None
    if application.prospect_pool_id is not None:
        found = world.prospect_pools.get(application.prospect_pool_id)
        pool = {"id": found.id, "name": found.name}
    if application.prospect_stage_id is not None:
        step = world.prospect_stages.get(application.prospect_stage_id)
        stage = {"id": step.id, "name": step.name}
    return {
        "prospect_pool": pool,
        "prospect_stage": stage,
        "prospect_owner": _owner(world, application.prospect_owner_id),
    }


def _owner(world: World, user_id: int | None) -> dict[str, Any] | None:
    if user_id is None:
        return None
    owner = world.users.get(user_id)
    return {"id": owner.id, "name": owner.name}


def _source(world: World, application: Application, action: str) -> Any:
    if application.source_id is None:
        return None
    source = world.sources.get(application.source_id)
    key = "name" if action in _SOURCE_AS_NAME else "public_name"
    return {"id": source.id, key: source.name}


def _rejection_reason(world: World, application: Application) -> Any:
    if application.rejection_reason_id is None:
        return None
    reason = world.rejection_reasons.get(application.rejection_reason_id)
    return {
        "id": reason.id,
        "name": reason.name,
        "type": {"id": reason.type_id, "name": reason.type_name},
    }


def _rejection_details(application: Application) -> Any:
    return {"custom_fields": {}} if application.status == "rejected" else None


def _current_stage(world: World, application: Application) -> Any:
    if application.current_stage_id is None:
        return None
    stage = world.stages.get(application.current_stage_id)
    interviews = [
        {
            "id": interview.id,
            "name": interview.name,
            "status": "to_be_scheduled",
            "interview_kit": {
                "url": f"{APP_URL}/guides/{interview.id}/people/"
                f"{application.candidate_id}",
                "content": "",
                "questions": [],
            },
            "interviewers": [],
        }
        for interview in stage.interviews
    ]
    return {"id": stage.id, "name": stage.name, "interviews": interviews}


def _contacts(details: list[Any]) -> list[dict[str, str]]:
    return [{"value": detail.value, "type": detail.type} for detail in details]


def candidate_body(world: World, candidate: Candidate) -> dict[str, Any]:
    """The candidate inside an application payload (and, trimmed, in an update)."""
    return {
        "id": candidate.id,
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "title": candidate.title,
        "company": candidate.company,
        "created_at": iso_utc_seconds(candidate.created_at),
        "external_id": None,
        "photo_url": None,
        "url": f"{APP_URL}/people/{candidate.id}",
        "is_private": candidate.is_private,
        "can_email": bool(candidate.email_addresses),
        "phone_numbers": _contacts(candidate.phone_numbers),
        "email_addresses": _contacts(candidate.email_addresses),
        "addresses": _contacts(candidate.addresses),
        "website_addresses": _contacts(candidate.website_addresses),
        "social_media_addresses": [
            {"value": value} for value in candidate.social_media_addresses
        ],
        "educations": _educations(world, candidate),
        "employments": _employments(world, candidate),
        "recruiter": user_ref(world, candidate.recruiter_id),
        "coordinator": user_ref(world, candidate.coordinator_id),
        "attachments": [
            {"filename": a.filename, "url": a.url, "type": a.type}
            for a in candidate.attachments
        ],
        "tags": [world.tags.get(tag_id).name for tag_id in candidate.tag_ids],
        "custom_fields": {},
    }


def _us_date(millis: int | None) -> str | None:
    """Webhooks write profile dates American style: `01/31/2016`."""
    if millis is None:
        return None
    return datetime.fromtimestamp(millis // 1000, UTC).strftime("%m/%d/%Y")


def _educations(world: World, candidate: Candidate) -> list[dict[str, Any]]:
    rows = []
    for education_id in candidate.education_ids:
        item = world.educations.get(education_id)
        school = world.schools.find(item.school_id or 0)
        degree = world.degrees.find(item.degree_id or 0)
        discipline = world.disciplines.find(item.discipline_id or 0)
        rows.append(
            {
                "school_name": school.name if school else None,
                "degree": degree.name if degree else None,
                "discipline": discipline.name if discipline else None,
                "start_date": _us_date(item.start_date),
                "end_date": _us_date(item.end_date),
            }
        )
    return rows


def _employments(world: World, candidate: Candidate) -> list[dict[str, Any]]:
    rows = []
    for employment_id in candidate.employment_ids:
        item = world.employments.get(employment_id)
        rows.append(
            {
                "company_name": item.company_name,
                "title": item.title,
                "start_date": _us_date(item.start_date),
                "end_date": _us_date(item.end_date),
            }
        )
    return rows


def departments_of(world: World, job: Job) -> list[dict[str, Any]]:
    if job.department_id is None:
        return []
    department = world.departments.get(job.department_id)
    return [
        {
            "id": department.id,
            "name": department.name,
            "external_id": department.external_id,
        }
    ]


def offices_of(world: World, job: Job) -> list[dict[str, Any]]:
    offices = (world.offices.get(office_id) for office_id in job.office_ids)
    return [
        {
            "id": office.id,
            "name": office.name,
            "location": office.location,
            "external_id": office.external_id,
        }
        for office in offices
    ]


def _job(world: World, job: Job, application: Application) -> dict[str, Any]:
    return {
        "id": job.id,
        "name": job.name,
        "requisition_id": job.requisition_id,
        "notes": job.notes,
        "confidential": job.confidential,
        "job_post_id": application.job_post_id,
        "status": job.status,
        "created_at": iso_utc_seconds(job.created_at),
        "opened_at": iso_utc_seconds(job.opened_at),
        "closed_at": iso_utc_seconds(job.closed_at),
        "departments": departments_of(world, job),
        "offices": offices_of(world, job),
        "custom_fields": {},
    }


def _hire_blocks(world: World, application: Application, job: Job) -> dict[str, Any]:
    opening = (
        world.openings.get(application.hired_opening_id)
        if application.hired_opening_id is not None
        else None
    )
    hired_at = iso_utc_seconds(application.hired_at)
    return {
        "opening": {"opening_id": opening.opening_id if opening else None},
        "job": {
            "id": job.id,
            "name": job.name,
            "open_date": iso_utc_seconds(job.opened_at),
            "close_date": iso_utc_seconds(job.closed_at),
            "requisition_id": job.requisition_id,
            "departments": departments_of(world, job),
            "offices": offices_of(world, job),
            "custom_fields": {},
        },
        "offer": {
            "id": application.id,
            "version": 1,
            "created_at": hired_at,
            "sent_at": (hired_at or "")[:10] or None,
            "resolved_at": hired_at,
            "starts_at": application.start_date,
            "custom_fields": {},
        },
    }
