"""A job's hiring team: replacing, adding and removing members, all or nothing.

Recruiters and coordinators carry three responsibilities. "Future candidates"
is stored on the team: it makes the member the job's responsible recruiter (or
coordinator), whom new applications get. "Active" and "inactive" candidates are
a one-off migration: the member becomes the recruiter (coordinator) of the job's
active, or of its hired and rejected, applications.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from simulator.world.actions.common import actor_of
from simulator.world.errors import InvalidField
from simulator.world.records import Job
from simulator.world.store import World

ROLES = ("hiring_managers", "recruiters", "coordinators", "sourcers")
RESPONSIBLE_ROLES = ("recruiters", "coordinators")

Team = Mapping[str, Sequence["Member"]]


@dataclass(frozen=True, slots=True)
class Member:
    user_id: int
    future: bool = False
    active: bool = False
    inactive: bool = False


def members(job: Job, role: str) -> list[int]:
    """The ids of the job's members in a role, in the order they joined."""
    if role == "hiring_managers":
        return job.hiring_manager_ids
    if role == "recruiters":
        return job.recruiter_ids
    if role == "coordinators":
        return job.coordinator_ids
    return job.sourcer_ids


def responsible(job: Job, role: str) -> int | None:
    if role == "recruiters":
        return job.recruiter_id
    if role == "coordinators":
        return job.coordinator_id
    return None


def _set_responsible(job: Job, role: str, user_id: int | None) -> None:
    if role == "recruiters":
        job.recruiter_id = user_id
    elif role == "coordinators":
        job.coordinator_id = user_id


def _check(world: World, team: Team) -> None:
    for role, given in team.items():
        for member in given:
            user = world.users.find(member.user_id)
            if user is None:
                raise InvalidField(
                    f"{role}.user_id", f"User {member.user_id} does not exist"
                )
            if user.disabled:
                raise InvalidField(
                    f"{role}.user_id",
                    f"User {user.id} is disabled and can't join a hiring team",
                )
        if sum(member.future for member in given) > 1:
            raise InvalidField(
                f"{role}.responsible_for_future_candidates",
                f"Only one of the {role} may be responsible for future candidates",
            )


def _migrate(world: World, job: Job, role: str, given: Sequence[Member]) -> None:
    """Hand the job's existing applications to the members responsible for them."""
    for member in given:
        statuses = (("active",) if member.active else ()) + (
            ("hired", "rejected") if member.inactive else ()
        )
        for app_id in world.applications_by_job.ids(job.id):
            app = world.applications.get(app_id)
            if app.status not in statuses:
                continue
            if role == "recruiters":
                app.recruiter_id = member.user_id
            else:
                app.coordinator_id = member.user_id


def _join(world: World, job: Job, role: str, given: Sequence[Member]) -> None:
    ids = members(job, role)
    for member in given:
        if member.user_id not in ids:
            ids.append(member.user_id)
    if role in RESPONSIBLE_ROLES:
        future = next((m.user_id for m in given if m.future), None)
        if future is not None:
            _set_responsible(job, role, future)
        _migrate(world, job, role, given)


def replace_hiring_team(
    world: World, job_id: int, team: Team, *, actor_id: int
) -> None:
    """Each role given replaces that role's members; roles left out stay."""
    job = world.jobs.get(job_id)
    _check(world, team)
    actor_of(world, actor_id)

    at = world.clock.stamp()
    for role, given in team.items():
        members(job, role).clear()
        _set_responsible(job, role, None)
        _join(world, job, role, given)
    job.updated_at = at


def add_hiring_team(world: World, job_id: int, team: Team, *, actor_id: int) -> None:
    """Add members; one responsible for future candidates takes over from the last."""
    job = world.jobs.get(job_id)
    _check(world, team)
    actor_of(world, actor_id)

    at = world.clock.stamp()
    for role, given in team.items():
        _join(world, job, role, given)
    job.updated_at = at


def remove_hiring_team(
    world: World, job_id: int, team: Mapping[str, Sequence[int]], *, actor_id: int
) -> None:
    """Remove members by user id; an id that is not a member is ignored."""
    job = world.jobs.get(job_id)
    actor_of(world, actor_id)

    at = world.clock.stamp()
    for role, user_ids in team.items():
        ids = members(job, role)
        ids[:] = [user_id for user_id in ids if user_id not in user_ids]
        if responsible(job, role) in user_ids:
            _set_responsible(job, role, None)
    job.updated_at = at
