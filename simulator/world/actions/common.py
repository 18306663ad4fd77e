"""What every action shares: checking a status, naming the actor, touching times."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from simulator.world.actions.forms import UserPick
from simulator.world.errors import InvalidField, InvalidTransition
from simulator.world.records import Application, Candidate, User
from simulator.world.store import World


def require_status(application: Application, expected: str) -> None:
    if application.status != expected:
        raise InvalidTransition(
            f"Application must be '{expected}', is currently '{application.status}'"
        )


def actor_of(world: World, actor_id: int | None) -> User | None:
    return world.users.get(actor_id) if actor_id is not None else None


def by(actor: User | None) -> str:
    return f" by {actor.name}" if actor else ""


def touch(world: World, application: Application, at: int) -> None:
    application.last_activity_at = at
    world.candidates.get(application.candidate_id).last_activity = at


def candidate_name(world: World, application: Application) -> str:
    candidate = world.candidates.get(application.candidate_id)
    return f"{candidate.first_name} {candidate.last_name}"


def job_name(world: World, application: Application) -> str:
    if application.job_id is None:
        return "no job"
    return world.jobs.get(application.job_id).name


def check_custom_fields(values: Sequence[Mapping[str, Any]], field: str) -> None:
    """Custom field values for a record whose kind has no custom fields defined.

    The generated organisation defines no custom fields (every record renders
    `custom_fields: {}`), so an empty list does nothing, as Greenhouse documents,
    and any value names a field that does not exist.
    """
    for value in values:
        key = value.get("id", value.get("name_key"))
        if key is None:
            raise InvalidField(field, "Each custom field needs an id or a name_key")
        raise InvalidField(field, f"Custom field {key!r} does not exist")


def person_name(candidate: Candidate) -> str:
    return f"{candidate.first_name} {candidate.last_name}"


def touch_candidate(candidate: Candidate, at: int) -> None:
    """A change to the profile itself: both its update and activity times move."""
    candidate.updated_at = at
    candidate.last_activity = at


def check_user(world: World, user_id: int | None, field: str) -> None:
    if user_id is not None and user_id not in world.users:
        raise InvalidField(field, f"User {user_id} does not exist")


def user_picked(world: World, pick: UserPick | None) -> int | None:
    """The id of a user named by id or by e-mail; InvalidField when there is none."""
    if pick is None:
        return None
    if pick.id is not None:
        check_user(world, pick.id, f"{pick.field}.id")
        return pick.id
    wanted = (pick.email or "").strip().lower()
    for user in world.users:
        if (user.email or "").lower() == wanted:
            return user.id
    raise InvalidField(f"{pick.field}.email", f"No user has the e-mail {pick.email!r}")
