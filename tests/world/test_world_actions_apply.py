"""Creating applications: a job seeker applies to a post, a recruiter adds by hand."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import Event, InvalidField, InvalidTransition, NotFound, World
from simulator.world.actions import CandidateDetails, add_by_hand, apply_to_post
from simulator.world.records import Attachment, Job, JobPost

Dump = Callable[[World], dict[str, Any]]


def _details() -> CandidateDetails:
    return CandidateDetails(
        first_name="Ada",
        last_name="Quinn",
        email="ada.quinn@example.com",
        phone="+1 212-555-0100",
        location="Denver, CO",
        attachments=[Attachment("cv.pdf", "resume", "application/pdf", 10, None, 0)],
    )


def _job(world: World, status: str) -> Job:
    return next(job for job in world.jobs if job.status == status)


def _post(world: World, status: str) -> JobPost:
    post = world.first_post(_job(world, status))
    assert post is not None
    return post


def _source_id(world: World, name: str) -> int:
    return next(source.id for source in world.sources if source.name == name)


def _last_activity(world: World, candidate_id: int) -> Any:
    return world.activities.get(world.activities_by_candidate[candidate_id][-1])


# -- apply_to_post ------------------------------------------------------------------


def test_apply_to_post__creates_active_application_in_first_stage(
    world: World,
) -> None:
    post = _post(world, "open")
    job = world.jobs.get(post.job_id)
    highest = max(app.id for app in world.applications)

    app, _ = apply_to_post(world, post, _details())

    assert app.id > highest
    assert world.applications.get(app.id) is app
    assert (app.status, app.prospect) == ("active", False)
    assert (app.job_id, app.job_post_id) == (job.id, post.id)
    assert app.current_stage_id == job.stage_ids[0]
    assert app.source_id == world.default_source_id
    assert app.credited_to_id is None
    assert app.id in world.applications_by_job.ids(job.id)


def test_apply_to_post__stamps_from_clock_and_returns_event(world: World) -> None:
    before = world.clock.now()

    app, events = apply_to_post(world, _post(world, "open"), _details())

    at = world.clock.now()
    assert at > before
    assert events == [Event("application_created", app.id, at)]
    assert app.applied_at == app.last_activity_at == at


def test_apply_to_post__creates_candidate(world: World) -> None:
    details = _details()

    app, events = apply_to_post(world, _post(world, "open"), details)

    candidate = world.candidates.get(app.candidate_id)
    assert (candidate.first_name, candidate.last_name) == ("Ada", "Quinn")
    assert candidate.primary_email == "ada.quinn@example.com"
    assert candidate.application_ids == [app.id]
    assert candidate.created_at == candidate.last_activity == events[0].at
    assert world.candidates_by_email.ids("ada.quinn@example.com") == [candidate.id]
    assert [a.created_at for a in app.attachments] == [events[0].at]


def test_apply_to_post__records_activity_without_actor(world: World) -> None:
    post = _post(world, "open")

    app, events = apply_to_post(world, post, _details())

    activity = _last_activity(world, app.candidate_id)
    assert activity.subject == "Application submitted"
    assert activity.user_id is None
    assert activity.created_at == events[0].at
    assert activity.body == f"Ada Quinn applied to {post.title}"


def test_apply_to_post__tracking_link_credits_its_source(world: World) -> None:
    app, _ = apply_to_post(
        world, _post(world, "open"), _details(), tracking_token="phenom7f3a"
    )

    assert world.sources.get(app.source_id).name == "Phenom"


def test_apply_to_post__unknown_tracking_token_uses_default_source(
    world: World,
) -> None:
    app, _ = apply_to_post(
        world, _post(world, "open"), _details(), tracking_token="nope"
    )

    assert app.source_id == world.default_source_id


def test_apply_to_post__post_without_job_makes_prospect(world: World) -> None:
    post = dataclasses.replace(_post(world, "open"), job_id=None)

    app, _ = apply_to_post(world, post, _details())

    assert app.prospect is True
    assert (app.job_id, app.current_stage_id) == (None, None)
    assert app.job_post_id == post.id


@pytest.mark.parametrize("status", ["closed", "draft"])
def test_apply_to_post__refused_for_job_not_open(
    world: World, dump: Dump, status: str
) -> None:
    post = _post(world, status)
    before = dump(world)

    with pytest.raises(InvalidTransition, match="not open for applications"):
        apply_to_post(world, post, _details())

    assert dump(world) == before


def test_apply_to_post__refused_for_unknown_job(world: World, dump: Dump) -> None:
    post = dataclasses.replace(_post(world, "open"), job_id=1)
    before = dump(world)

    with pytest.raises(NotFound, match="Job 1 does not exist"):
        apply_to_post(world, post, _details())

    assert dump(world) == before


# -- add_by_hand --------------------------------------------------------------------


def test_add_by_hand__creates_application_without_post(
    world: World, admin: int
) -> None:
    job = _job(world, "open")
    referral = _source_id(world, "Referral")

    app, events = add_by_hand(
        world, job.id, _details(), source_id=referral, actor_id=admin
    )

    at = world.clock.now()
    assert events == [Event("application_created", app.id, at)]
    assert (app.status, app.prospect, app.job_post_id) == ("active", False, None)
    assert (app.job_id, app.current_stage_id) == (job.id, job.stage_ids[0])
    assert (app.source_id, app.credited_to_id) == (referral, admin)
    assert app.applied_at == app.last_activity_at == at


def test_add_by_hand__records_activity_with_actor(world: World, admin: int) -> None:
    job = _job(world, "open")

    app, events = add_by_hand(world, job.id, _details(), source_id=None, actor_id=admin)

    activity = _last_activity(world, app.candidate_id)
    actor = world.users.get(admin)
    assert activity.subject == "Candidate added"
    assert activity.user_id == admin
    assert activity.created_at == events[0].at
    assert activity.body == f"Ada Quinn was added to {job.name} by {actor.name}"
    assert app.source_id is None


def test_add_by_hand__unknown_job(world: World, dump: Dump, admin: int) -> None:
    before = dump(world)

    with pytest.raises(InvalidField, match="Job 999 does not exist") as caught:
        add_by_hand(world, 999, _details(), source_id=None, actor_id=admin)

    assert caught.value.field == "job_id"
    assert dump(world) == before


def test_add_by_hand__draft_job(world: World, dump: Dump, admin: int) -> None:
    job = _job(world, "draft")
    before = dump(world)

    with pytest.raises(InvalidTransition, match="draft"):
        add_by_hand(world, job.id, _details(), source_id=None, actor_id=admin)

    assert dump(world) == before


def test_add_by_hand__unknown_source(world: World, dump: Dump, admin: int) -> None:
    job = _job(world, "open")
    before = dump(world)

    with pytest.raises(InvalidField, match="Source 9999 does not exist") as caught:
        add_by_hand(world, job.id, _details(), source_id=9999, actor_id=admin)

    assert caught.value.field == "source_id"
    assert dump(world) == before


def test_add_by_hand__unknown_actor(world: World, dump: Dump) -> None:
    job = _job(world, "open")
    before = dump(world)

    with pytest.raises(NotFound, match="User 1 does not exist"):
        add_by_hand(world, job.id, _details(), source_id=None, actor_id=1)

    assert dump(world) == before
