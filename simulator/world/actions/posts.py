"""Editing a job post and taking it live or offline.

A post that goes offline leaves its job board at once: the Job Board API lists
only live posts (`World.is_on_board`).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.world.actions.common import actor_of
from simulator.world.errors import InvalidField, InvalidTransition
from simulator.world.events import Event
from simulator.world.records import JobPost
from simulator.world.store import World


@dataclass(frozen=True, slots=True)
class PostLocation:
    """Exactly one of: free text, an office, a custom location of the post's board."""

    text: str | None = None
    office_id: int | None = None
    custom_location_id: int | None = None


def _require_active(post: JobPost) -> None:
    if not post.active:
        raise InvalidTransition(f"Job post {post.id} has been deleted")


def _place(
    world: World, post: JobPost, location: PostLocation
) -> tuple[str, int | None, int | None]:
    """(location text, office id, custom location id) for a requested location."""
    if location.office_id is not None:
        office = world.offices.find(location.office_id)
        if office is None:
            raise InvalidField(
                "location.office_id", f"Office {location.office_id} does not exist"
            )
        return office.location, office.id, None
    if location.custom_location_id is not None:
        custom = world.custom_locations.find(location.custom_location_id)
        if custom is None or custom.board_id != post.board_id or not custom.active:
            raise InvalidField(
                "location.custom_location_id",
                f"Custom location {location.custom_location_id} is not an active "
                f"custom location of the post's job board",
            )
        return custom.value, None, custom.id
    return location.text or "", None, None


def update_post(
    world: World,
    post_id: int,
    *,
    title: str | None = None,
    location: PostLocation | None = None,
    content: str | None = None,
    actor_id: int,
) -> list[Event]:
    post = world.job_posts.get(post_id)
    _require_active(post)
    if title is not None and not title.strip():
        raise InvalidField("title", "title can't be blank")
    place = (
        _place(world, post, location)
        if location
        else (post.location, post.office_id, post.custom_location_id)
    )
    actor_of(world, actor_id)

    after = (title or post.title, place, post.content if content is None else content)
    before = (
        post.title,
        (post.location, post.office_id, post.custom_location_id),
        post.content,
    )
    if after == before:
        return []
    at = world.clock.stamp()
    post.title, post.content = after[0], after[2]
    post.location, post.office_id, post.custom_location_id = place
    post.updated_at = at
    return [Event("job_post_updated", post.id, at)]


def set_post_status(
    world: World, post_id: int, *, live: bool, actor_id: int
) -> list[Event]:
    """Take a post live or offline; a post of a job that is not open can't go live."""
    post = world.job_posts.get(post_id)
    _require_active(post)
    job = world.jobs.get(post.job_id) if post.job_id is not None else None
    if live and job is not None and job.status != "open":
        raise InvalidTransition(
            f"Job {job.id} is {job.status}; only posts of open jobs can go live"
        )
    actor_of(world, actor_id)
    if post.live == live:
        return []

    at = world.clock.stamp()
    post.live = live
    if live and post.first_published_at is None:
        post.first_published_at = at
    post.updated_at = at
    return [Event("job_post_updated", post.id, at)]
