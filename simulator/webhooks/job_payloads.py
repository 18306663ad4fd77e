"""Payloads of the webhooks that carry no full application: jobs, posts, deletions.

Shapes follow Greenhouse's examples (webhooks/_job_events.md and
_application_events.md):
- `job_created` / `job_updated`: `{"job": {...}}`, with the hiring team as
  `{user_id, employee_id}` pairs and openings as `{id, opening_id, custom_fields}`;
  `job_post_id` is the job's first post.
- `job_post_updated`: the post itself, flat at the payload's root, its location a
  plain string, its questions in Job Board terms; no `job_id` key for a prospect
  post. Its `updated_at` keeps milliseconds, as the example does.
- `delete_application`: the deleted application's ids, flat.
"""

from __future__ import annotations

from typing import Any

from simulator.formats import iso_utc, iso_utc_seconds
from simulator.webhooks.payloads import departments_of, offices_of
from simulator.world.records import Application, Job, JobPost
from simulator.world.store import World

JSON = dict[str, Any]


def job_payload(world: World, job: Job) -> JSON:
    first = world.first_post(job)
    return {
        "job": {
            "id": job.id,
            "name": job.name,
            "requisition_id": job.requisition_id,
            "notes": job.notes,
            "confidential": job.confidential,
            "job_post_id": first.id if first else None,
            "status": job.status,
            "created_at": iso_utc_seconds(job.created_at),
            "opened_at": iso_utc_seconds(job.opened_at),
            "closed_at": iso_utc_seconds(job.closed_at),
            "departments": departments_of(world, job),
            "offices": offices_of(world, job),
            "hiring_team": _hiring_team(world, job),
            "openings": [
                {
                    "id": opening.id,
                    "opening_id": opening.opening_id,
                    "custom_fields": [],
                }
                for opening in (world.openings.get(i) for i in job.opening_ids)
            ],
            "custom_fields": {},
        }
    }


def _hiring_team(world: World, job: Job) -> JSON:
    def refs(user_ids: list[int]) -> list[JSON]:
        users = (world.users.get(user_id) for user_id in user_ids)
        return [{"user_id": u.id, "employee_id": u.employee_id} for u in users]

    return {
        "hiring_managers": refs(job.hiring_manager_ids),
        "sourcers": refs(job.sourcer_ids),
        "recruiters": refs(job.recruiter_ids),
        "coordinators": refs(job.coordinator_ids),
    }


def job_post_payload(world: World, post: JobPost) -> JSON:
    body: JSON = {
        "id": post.id,
        "title": post.title,
        "location": post.location,
        "content": post.content,
        "internal_content": post.content if post.internal else None,
        "updated_at": iso_utc(post.updated_at),
    }
    if post.job_id is not None:
        body["job_id"] = post.job_id
    body["external"] = post.external
    body["internal"] = post.internal
    body["live"] = post.live
    body["questions"] = [
        {
            "required": question.required,
            "private": False,
            "label": group.label,
            "type": question.type,
            "values": [option.label for option in question.options],
        }
        for group in post.questions
        for question in group.fields[:1]
    ]
    return body


def deleted_application_payload(application: Application) -> JSON:
    return {
        "application": {
            "id": application.id,
            "candidate_id": application.candidate_id,
            "job_id": application.job_id,
            "created_at": iso_utc_seconds(application.applied_at),
            "source_id": application.source_id,
            "candidate_rejection_reason_id": application.rejection_reason_id,
            "rejection_note_id": None,
            "rejected_at": iso_utc_seconds(application.rejected_at),
            "referrer_id": application.credited_to_id,
            "prospect": application.prospect,
            "rejected_by_user_id": application.rejected_by_id,
        }
    }
