"""Creating a job from a template, and editing a job's own fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.world.actions.common import actor_of, check_custom_fields
from simulator.world.errors import InvalidField
from simulator.world.events import Event
from simulator.world.records import (
    Interview,
    Job,
    JobPost,
    Opening,
    Question,
    QuestionGroup,
    Stage,
)
from simulator.world.store import World

MAX_OPEN_OPENINGS = 100


@dataclass(slots=True)
class Placement:
    """Where a job sits: its department and offices, by id or by external id.

    `department_given` tells an omitted department (keep) from a null one
    (none); `office_ids` None means "keep", [] means "no offices".
    """

    department_id: int | None = None
    external_department_id: str | None = None
    department_given: bool = False
    office_ids: list[int] | None = None
    external_office_ids: list[str] | None = None


@dataclass(slots=True)
class NewJob:
    template_job_id: int
    number_of_openings: int
    job_post_name: str | None = None
    job_name: str | None = None
    requisition_id: str | None = None
    opening_ids: list[str | None] | None = None
    placement: Placement = field(default_factory=Placement)


@dataclass(slots=True)
class JobChanges:
    name: str | None = None
    notes: str | None = None
    anywhere: bool | None = None
    requisition_id: str | None = None
    team_and_responsibilities: str | None = None
    how_to_sell_this_job: str | None = None
    custom_fields: Sequence[Mapping[str, Any]] = ()
    placement: Placement = field(default_factory=Placement)


def _department(world: World, job: Job | None, placement: Placement) -> int | None:
    if placement.external_department_id is not None:
        wanted = placement.external_department_id
        found = next((d for d in world.departments if d.external_id == wanted), None)
        if found is None:
            raise InvalidField(
                "external_department_id", f"No department has external id {wanted!r}"
            )
        return found.id
    if not placement.department_given:
        return job.department_id if job else None
    department_id = placement.department_id
    if department_id is not None and department_id not in world.departments:
        raise InvalidField(
            "department_id", f"Department {department_id} does not exist"
        )
    return department_id


def _offices(world: World, job: Job | None, placement: Placement) -> list[int]:
    if placement.external_office_ids is not None:
        by_external = {o.external_id: o.id for o in world.offices if o.external_id}
        for wanted in placement.external_office_ids:
            if wanted not in by_external:
                raise InvalidField(
                    "external_office_ids", f"No office has external id {wanted!r}"
                )
        return [by_external[wanted] for wanted in placement.external_office_ids]
    if placement.office_ids is None:
        return list(job.office_ids) if job else []
    for office_id in placement.office_ids:
        if office_id not in world.offices:
            raise InvalidField("office_ids", f"Office {office_id} does not exist")
    return list(dict.fromkeys(placement.office_ids))


# -- creating -----------------------------------------------------------------------


def create_job(world: World, spec: NewJob, *, actor_id: int) -> tuple[Job, list[Event]]:
    """A new open job copied from a template job: its stages, team and posts.

    Copied posts start offline, named `job_post_name` when it is given.
    """
    template = world.jobs.find(spec.template_job_id)
    if template is None:
        raise InvalidField(
            "template_job_id", f"Job {spec.template_job_id} does not exist"
        )
    if not 1 <= spec.number_of_openings <= MAX_OPEN_OPENINGS:
        raise InvalidField(
            "number_of_openings",
            f"number_of_openings must be from 1 to {MAX_OPEN_OPENINGS}",
        )
    opening_ids = spec.opening_ids
    if opening_ids is not None and len(opening_ids) != spec.number_of_openings:
        raise InvalidField(
            "opening_ids",
            f"opening_ids has {len(opening_ids)} ids, but number_of_openings is "
            f"{spec.number_of_openings}",
        )
    department_id = _department(world, template, spec.placement)
    office_ids = _offices(world, template, spec.placement)
    actor_of(world, actor_id)

    at = world.clock.stamp()
    job = Job(
        id=world.jobs.next_id(),
        name=spec.job_name or f"Copy Of {template.name}",
        requisition_id=spec.requisition_id,
        notes=template.notes,
        confidential=template.confidential,
        status="open",
        created_at=at,
        opened_at=at,
        closed_at=None,
        updated_at=at,
        department_id=department_id,
        office_ids=office_ids,
        hiring_manager_ids=list(template.hiring_manager_ids),
        recruiter_id=template.recruiter_id,
        coordinator_id=template.coordinator_id,
        recruiter_ids=list(template.recruiter_ids),
        coordinator_ids=list(template.coordinator_ids),
        sourcer_ids=list(template.sourcer_ids),
        is_template=False,
        copied_from_id=template.id,
        anywhere=template.anywhere,
        team_and_responsibilities=template.team_and_responsibilities,
        how_to_sell_this_job=template.how_to_sell_this_job,
    )
    world.jobs.add(job.id, job)
    _copy_stages(world, template, job)
    for opening_id in opening_ids or [None] * spec.number_of_openings:
        opening = Opening(world.openings.next_id(), job.id, opening_id, at)
        world.openings.add(opening.id, opening)
        job.opening_ids.append(opening.id)
    posts = [
        _copy_post(world, post, job, spec.job_post_name)
        for post in world.job_posts_of(template)
        if post.active
    ]
    # The copied posts are new posts: "Job post created" fires for each.
    created = [Event("job_post_created", post_id, at) for post_id in posts]
    return job, [Event("job_created", job.id, at), *created]


def _copy_stages(world: World, template: Job, job: Job) -> None:
    for old in world.job_stages(template):
        stage = Stage(
            id=world.stages.next_id(),
            job_id=job.id,
            name=old.name,
            priority=old.priority,
            created_at=job.created_at,
            updated_at=job.created_at,
            interviews=[
                Interview(world.interview_ids.next_id(), i.name, i.estimated_minutes)
                for i in old.interviews
            ],
        )
        world.stages.add(stage.id, stage)
        job.stage_ids.append(stage.id)


def _copy_post(world: World, old: JobPost, job: Job, title: str | None) -> int:
    post_id = world.job_posts.next_id()
    post = JobPost(
        id=post_id,
        job_id=job.id,
        board_id=old.board_id,
        title=title or old.title,
        location=old.location,
        office_id=old.office_id,
        internal=old.internal,
        live=False,
        content=old.content,
        created_at=job.created_at,
        updated_at=job.created_at,
        first_published_at=None,
        questions=[_copy_group(group, post_id) for group in old.questions],
        custom_location_id=old.custom_location_id,
    )
    world.job_posts.add(post.id, post)
    job.post_ids.append(post.id)
    return post.id


def _copy_group(group: QuestionGroup, post_id: int) -> QuestionGroup:
    """A post's question, numbered for the new post as the generator numbers them."""
    fields = []
    for question in group.fields:
        question_id, name = question.id, question.name
        if question_id is not None:
            question_id = post_id * 10 + question_id % 10
            suffix = "[]" if name.endswith("[]") else ""
            name = f"question_{question_id}{suffix}"
        fields.append(
            Question(
                question.label,
                name,
                question.type,
                question.required,
                list(question.options),
                question_id,
            )
        )
    return QuestionGroup(group.label, group.required, fields)


# -- editing ------------------------------------------------------------------------

# Greenhouse sends "Job updated" when one of these changes (webhooks/_job_events.md);
# the requisition id and `anywhere` are not among them.
_NOTIFIED = ("name", "notes", "department_id", "office_ids", "team", "how_to_sell")


def update_job(
    world: World, job_id: int, changes: JobChanges, *, actor_id: int
) -> list[Event]:
    job = world.jobs.get(job_id)
    if changes.name is not None and not changes.name.strip():
        raise InvalidField("name", "name can't be blank")
    department_id = _department(world, job, changes.placement)
    office_ids = _offices(world, job, changes.placement)
    check_custom_fields(changes.custom_fields, "custom_fields")
    actor_of(world, actor_id)

    after: dict[str, Any] = {
        "name": changes.name if changes.name is not None else job.name,
        "notes": changes.notes if changes.notes is not None else job.notes,
        "department_id": department_id,
        "office_ids": office_ids,
        "team": _given(
            changes.team_and_responsibilities, job.team_and_responsibilities
        ),
        "how_to_sell": _given(changes.how_to_sell_this_job, job.how_to_sell_this_job),
        "requisition_id": _given(changes.requisition_id, job.requisition_id),
        "anywhere": _given(changes.anywhere, job.anywhere),
    }
    before: dict[str, Any] = {
        "name": job.name,
        "notes": job.notes,
        "department_id": job.department_id,
        "office_ids": job.office_ids,
        "team": job.team_and_responsibilities,
        "how_to_sell": job.how_to_sell_this_job,
        "requisition_id": job.requisition_id,
        "anywhere": job.anywhere,
    }
    changed = {key for key in after if after[key] != before[key]}
    if not changed:
        return []
    at = world.clock.stamp()
    job.name, job.notes = after["name"], after["notes"]
    job.department_id, job.office_ids = department_id, office_ids
    job.team_and_responsibilities = after["team"]
    job.how_to_sell_this_job = after["how_to_sell"]
    job.requisition_id, job.anywhere = after["requisition_id"], after["anywhere"]
    job.updated_at = at
    if changed & set(_NOTIFIED):
        return [Event("job_updated", job.id, at)]
    return []


def _given(value: Any, current: Any) -> Any:
    return current if value is None else value
