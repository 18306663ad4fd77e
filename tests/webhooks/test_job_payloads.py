"""Payloads of the job, job post and deleted-application webhooks."""

from __future__ import annotations

import re

from simulator.runtime import Simulator
from simulator.webhooks.job_payloads import (
    deleted_application_payload,
    job_payload,
    job_post_payload,
)
from simulator.world import actions

SECOND_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
MILLI_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
JOB_KEYS = [
    "id",
    "name",
    "requisition_id",
    "notes",
    "confidential",
    "job_post_id",
    "status",
    "created_at",
    "opened_at",
    "closed_at",
    "departments",
    "offices",
    "hiring_team",
    "openings",
    "custom_fields",
]
POST_KEYS = [
    "id",
    "title",
    "location",
    "content",
    "internal_content",
    "updated_at",
    "job_id",
    "external",
    "internal",
    "live",
    "questions",
]
DELETED_KEYS = [
    "id",
    "candidate_id",
    "job_id",
    "created_at",
    "source_id",
    "candidate_rejection_reason_id",
    "rejection_note_id",
    "rejected_at",
    "referrer_id",
    "prospect",
    "rejected_by_user_id",
]


def test_job_payload__keys_team_and_openings(sim: Simulator) -> None:
    world = sim.world
    job = world.jobs.get(world.jobs.ids[0])
    recruiter = world.users.get(job.recruiter_id or 0)

    payload = job_payload(world, job)

    assert list(payload) == ["job"]
    body = payload["job"]
    assert list(body) == JOB_KEYS
    assert body["job_post_id"] == (world.first_post(job) or job).id
    assert SECOND_Z.match(body["created_at"])
    assert list(body["hiring_team"]) == [
        "hiring_managers",
        "sourcers",
        "recruiters",
        "coordinators",
    ]
    assert body["hiring_team"]["recruiters"] == [
        {"user_id": recruiter.id, "employee_id": recruiter.employee_id}
    ]
    assert [o["id"] for o in body["openings"]] == job.opening_ids
    assert all(
        list(o) == ["id", "opening_id", "custom_fields"] for o in body["openings"]
    )
    assert body["custom_fields"] == {}


def test_job_post_payload__flat_post_with_board_questions(sim: Simulator) -> None:
    world = sim.world
    post = next(
        p for p in world.job_posts if any(g.fields[0].options for g in p.questions)
    )

    payload = job_post_payload(world, post)

    assert list(payload) == POST_KEYS
    assert payload["location"] == post.location
    assert MILLI_Z.match(payload["updated_at"])
    assert [q["label"] for q in payload["questions"]] == [
        g.label for g in post.questions
    ]
    select = next(q for q in payload["questions"] if q["values"])
    assert all(isinstance(v, str) for v in select["values"])
    assert list(select) == ["required", "private", "label", "type", "values"]


def test_job_post_payload__prospect_post_has_no_job_id(sim: Simulator) -> None:
    post = sim.world.job_posts.get(sim.world.job_posts.ids[0])
    post.job_id = None

    payload = job_post_payload(sim.world, post)

    assert "job_id" not in payload


def test_deleted_application_payload__ids_of_the_record(sim: Simulator) -> None:
    world = sim.world
    app = next(a for a in world.applications if a.status == "active" and a.job_id)
    actor = sim.default_actor()
    actions.reject(world, app.id, actor_id=actor, rejection_reason_id=101)
    [event] = actions.delete_application(world, app.id, actor_id=actor)
    assert event.removed is not None

    payload = deleted_application_payload(event.removed)

    body = payload["application"]
    assert list(body) == DELETED_KEYS
    assert (body["id"], body["candidate_id"], body["job_id"]) == (
        app.id,
        app.candidate_id,
        app.job_id,
    )
    assert (body["candidate_rejection_reason_id"], body["rejected_by_user_id"]) == (
        101,
        actor,
    )
    assert SECOND_Z.match(body["created_at"])
    assert SECOND_Z.match(body["rejected_at"])
