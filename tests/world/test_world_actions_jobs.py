"""Jobs: copying a template, editing a job, and its hiring team."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import Event, InvalidField, World
from simulator.world.actions import (
    JobChanges,
    Member,
    NewJob,
    Placement,
    add_hiring_team,
    create_job,
    remove_hiring_team,
    replace_hiring_team,
    update_job,
)
from simulator.world.records import Job

Dump = Callable[[World], dict[str, Any]]


def _template(world: World) -> Job:
    return next(j for j in world.jobs if len(j.post_ids) > 1)


# -- create_job -----------------------------------------------------------------------


def test_create_job__copies_the_template(world: World, admin: int) -> None:
    template = _template(world)

    job, events = create_job(
        world, NewJob(template.id, 3, opening_ids=["A", "B", "C"]), actor_id=admin
    )

    at = world.clock.now()
    assert events == [
        Event("job_created", job.id, at),
        *(Event("job_post_created", post_id, at) for post_id in job.post_ids),
    ]
    assert (job.name, job.status, job.copied_from_id, job.is_template) == (
        f"Copy Of {template.name}",
        "open",
        template.id,
        False,
    )
    assert (job.created_at, job.opened_at, job.updated_at) == (at, at, at)
    assert job.department_id == template.department_id
    assert job.office_ids == template.office_ids
    assert job.recruiter_ids == template.recruiter_ids
    stages = world.job_stages(job)
    assert [s.name for s in stages] == [s.name for s in world.job_stages(template)]
    assert not set(job.stage_ids) & set(template.stage_ids)
    openings = [world.openings.get(i) for i in job.opening_ids]
    assert [o.opening_id for o in openings] == ["A", "B", "C"]
    assert all(o.status == "open" and o.opened_at == at for o in openings)
    posts = world.job_posts_of(job)
    assert len(posts) == len(template.post_ids)
    assert all(not p.live and p.first_published_at is None for p in posts)


def test_create_job__names_and_placement(world: World, admin: int) -> None:
    template = _template(world)
    office = world.offices.ids[-1]
    spec = NewJob(
        template.id,
        1,
        job_post_name="Robot Wrangler",
        job_name="Wrangler",
        requisition_id="REQ-9",
        placement=Placement(department_given=True, office_ids=[office]),
    )

    job, _ = create_job(world, spec, actor_id=admin)

    assert (job.name, job.requisition_id) == ("Wrangler", "REQ-9")
    assert (job.department_id, job.office_ids) == (None, [office])
    assert {p.title for p in world.job_posts_of(job)} == {"Robot Wrangler"}
    assert world.openings.get(job.opening_ids[0]).opening_id is None


def test_create_job__copied_questions_are_numbered_for_the_new_post(
    world: World, admin: int
) -> None:
    template = next(
        j
        for j in world.jobs
        if any(
            q.id is not None
            for p in world.job_posts_of(j)
            for g in p.questions
            for q in g.fields
        )
    )

    job, _ = create_job(world, NewJob(template.id, 1), actor_id=admin)

    for post in world.job_posts_of(job):
        for group in post.questions:
            for question in group.fields:
                if question.id is not None:
                    assert question.id // 10 == post.id
                    assert question.name.startswith(f"question_{question.id}")


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (NewJob(1, 1), "template_job_id"),
        (NewJob(4_100_001, 0), "number_of_openings"),
        (NewJob(4_100_001, 101), "number_of_openings"),
        (NewJob(4_100_001, 2, opening_ids=["a"]), "opening_ids"),
        (
            NewJob(4_100_001, 1, placement=Placement(7, department_given=True)),
            "department_id",
        ),
        (
            NewJob(4_100_001, 1, placement=Placement(external_department_id="x")),
            "external_department_id",
        ),
        (NewJob(4_100_001, 1, placement=Placement(office_ids=[7])), "office_ids"),
        (
            NewJob(4_100_001, 1, placement=Placement(external_office_ids=["x"])),
            "external_office_ids",
        ),
    ],
)
def test_create_job__invalid_field(
    world: World, dump: Dump, admin: int, spec: NewJob, field: str
) -> None:
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        create_job(world, spec, actor_id=admin)

    assert caught.value.field == field
    assert dump(world) == before


# -- update_job -----------------------------------------------------------------------


def test_update_job__name_sends_job_updated(world: World, admin: int) -> None:
    job = world.jobs.get(world.jobs.ids[0])

    events = update_job(
        world, job.id, JobChanges(name="Robot Whisperer"), actor_id=admin
    )

    at = world.clock.now()
    assert events == [Event("job_updated", job.id, at)]
    assert (job.name, job.updated_at) == ("Robot Whisperer", at)


def test_update_job__requisition_id_alone_sends_nothing(
    world: World, admin: int
) -> None:
    job = world.jobs.get(world.jobs.ids[0])

    events = update_job(
        world,
        job.id,
        JobChanges(requisition_id="REQ-NEW", anywhere=True),
        actor_id=admin,
    )

    assert events == []
    assert (job.requisition_id, job.anywhere, job.updated_at) == (
        "REQ-NEW",
        True,
        world.clock.now(),
    )


def test_update_job__placement_and_texts(world: World, admin: int) -> None:
    job = world.jobs.get(world.jobs.ids[0])
    department = world.departments.ids[-1]
    offices = world.offices.ids[:2]
    changes = JobChanges(
        notes="<p>New</p>",
        team_and_responsibilities="Builds robots",
        how_to_sell_this_job="Snacks",
        placement=Placement(department, department_given=True, office_ids=offices),
    )

    update_job(world, job.id, changes, actor_id=admin)

    assert (job.notes, job.department_id, job.office_ids) == (
        "<p>New</p>",
        department,
        offices,
    )
    assert (job.team_and_responsibilities, job.how_to_sell_this_job) == (
        "Builds robots",
        "Snacks",
    )


def test_update_job__nothing_changes_nothing(
    world: World, dump: Dump, admin: int
) -> None:
    job = world.jobs.get(world.jobs.ids[0])
    before = dump(world)

    events = update_job(world, job.id, JobChanges(name=job.name), actor_id=admin)

    assert events == []
    assert dump(world) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (JobChanges(name="  "), "name"),
        (JobChanges(custom_fields=[{"name_key": "salary"}]), "custom_fields"),
        (JobChanges(placement=Placement(office_ids=[3])), "office_ids"),
    ],
)
def test_update_job__invalid_field(
    world: World, dump: Dump, admin: int, changes: JobChanges, field: str
) -> None:
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        update_job(world, world.jobs.ids[0], changes, actor_id=admin)

    assert caught.value.field == field
    assert dump(world) == before


# -- hiring team -----------------------------------------------------------------------


def test_replace_hiring_team__replaces_named_roles_only(
    world: World, admin: int
) -> None:
    job = world.jobs.get(world.jobs.ids[0])
    managers = list(job.hiring_manager_ids)
    first, second = world.users.ids[4:6]
    team = {
        "recruiters": [Member(first, future=True), Member(second)],
        "sourcers": [Member(second)],
    }

    replace_hiring_team(world, job.id, team, actor_id=admin)

    assert (job.recruiter_ids, job.recruiter_id) == ([first, second], first)
    assert job.sourcer_ids == [second]
    assert job.hiring_manager_ids == managers
    assert job.updated_at == world.clock.now()


def test_replace_hiring_team__empty_list_clears_the_role(
    world: World, admin: int
) -> None:
    job = world.jobs.get(world.jobs.ids[0])

    replace_hiring_team(world, job.id, {"coordinators": []}, actor_id=admin)

    assert (job.coordinator_ids, job.coordinator_id) == ([], None)


def test_replace_hiring_team__migrates_active_and_inactive_applications(
    world: World, admin: int
) -> None:
    job = next(
        j
        for j in world.jobs
        if {
            world.applications.get(i).status
            for i in world.applications_by_job.ids(j.id)
        }
        >= {"active", "rejected"}
    )
    user = world.users.ids[6]
    apps = [world.applications.get(i) for i in world.applications_by_job.ids(job.id)]

    replace_hiring_team(
        world, job.id, {"recruiters": [Member(user, active=True)]}, actor_id=admin
    )

    for app in apps:
        assert (app.recruiter_id == user) == (app.status == "active")
    assert job.recruiter_id is None


def test_add_hiring_team__new_responsible_takes_over(world: World, admin: int) -> None:
    job = world.jobs.get(world.jobs.ids[0])
    old = job.recruiter_id
    user = next(u for u in world.users.ids if u not in job.recruiter_ids)

    add_hiring_team(
        world, job.id, {"recruiters": [Member(user, future=True)]}, actor_id=admin
    )

    assert job.recruiter_ids == [old, user]
    assert job.recruiter_id == user


def test_remove_hiring_team__ignores_non_members(world: World, admin: int) -> None:
    job = world.jobs.get(world.jobs.ids[0])
    recruiter = job.recruiter_id or 0

    remove_hiring_team(
        world, job.id, {"recruiters": [recruiter, 42], "sourcers": [7]}, actor_id=admin
    )

    assert (job.recruiter_ids, job.recruiter_id) == ([], None)


@pytest.mark.parametrize("action", [replace_hiring_team, add_hiring_team])
@pytest.mark.parametrize(
    ("team", "field"),
    [
        ({"hiring_managers": [Member(42)]}, "hiring_managers.user_id"),
        (
            {"recruiters": [Member(4_000_003, True), Member(4_000_004, True)]},
            "recruiters.responsible_for_future_candidates",
        ),
    ],
)
def test_hiring_team__invalid_member_changes_nothing(
    world: World,
    dump: Dump,
    admin: int,
    action: Callable[..., None],
    team: dict[str, list[Member]],
    field: str,
) -> None:
    job_id = world.jobs.ids[0]
    before = dump(world)

    with pytest.raises(InvalidField) as caught:
        action(world, job_id, team, actor_id=admin)

    assert caught.value.field == field
    assert dump(world) == before


def test_hiring_team__disabled_user_cannot_join(
    world: World, dump: Dump, admin: int
) -> None:
    user = world.users.get(world.users.ids[-1])
    user.disabled = True
    before = dump(world)

    with pytest.raises(InvalidField, match="disabled"):
        add_hiring_team(
            world, world.jobs.ids[0], {"sourcers": [Member(user.id)]}, actor_id=admin
        )

    assert dump(world) == before
