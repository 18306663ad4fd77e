"""The organisation's candidate tags, and tagging one candidate.

Tag names are unique whatever their case: asking for "python" finds "Python".
"""

from __future__ import annotations

from simulator.world.actions.common import actor_of, by, person_name, touch_candidate
from simulator.world.errors import InvalidField
from simulator.world.events import CandidateEvent
from simulator.world.records import Candidate
from simulator.world.records_profile import Tag
from simulator.world.store import World

MAX_TAG_NAME = 255


def check_tag_name(name: str, field: str = "name") -> str:
    cleaned = name.strip()
    if not cleaned:
        raise InvalidField(field, f"{field} must not be blank")
    if len(cleaned) > MAX_TAG_NAME:
        raise InvalidField(field, f"{field} is longer than {MAX_TAG_NAME} characters")
    return cleaned


def tags_named(world: World, names: list[str]) -> list[int]:
    """The ids of the tags with these names, creating the ones missing (checked)."""
    ids: list[int] = []
    for name in names:
        tag = world.tag_named(name) or world.add_tag(name)
        if tag.id not in ids:
            ids.append(tag.id)
    return ids


def create_tag(world: World, name: str) -> tuple[Tag, bool]:
    """The tag with this name, and whether it is new."""
    cleaned = check_tag_name(name)

    existing = world.tag_named(cleaned)
    if existing is not None:
        return existing, False
    return world.add_tag(cleaned), True


def destroy_tag(world: World, tag_id: int) -> Tag:
    """Take the tag off every candidate, then delete it.

    Greenhouse queues this and may take a day; here it is done at once. It is a
    bulk clean-up, so no candidate's update time moves and no webhook is sent.
    """
    tag = world.tags.get(tag_id)

    for candidate_id in list(world.candidates_by_tag.ids(tag.id)):
        candidate = world.candidates.get(candidate_id)
        world.set_tag_ids(candidate, [i for i in candidate.tag_ids if i != tag.id])
    world.tags.remove(tag.id)
    del world.tag_ids_by_name[tag.name.casefold()]
    return tag


def _retag(
    world: World, candidate: Candidate, tag_ids: list[int], body: str, actor_id: int
) -> list[CandidateEvent]:
    moment = world.clock.stamp()
    world.set_tag_ids(candidate, tag_ids)
    touch_candidate(candidate, moment)
    body += by(actor_of(world, actor_id))
    world.record_activity(candidate.id, moment, "Tags Changed", body, actor_id)
    return [CandidateEvent("candidate_updated", candidate.id, moment)]


def apply_tag(
    world: World, candidate_id: int, tag_id: int, *, actor_id: int
) -> tuple[Tag, list[CandidateEvent]]:
    """Tag a candidate; a tag it already has changes nothing."""
    candidate = world.candidates.get(candidate_id)
    tag = world.tags.get(tag_id)
    if tag.id in candidate.tag_ids:
        return tag, []

    body = f"{person_name(candidate)} was tagged {tag.name!r}"
    return tag, _retag(world, candidate, [*candidate.tag_ids, tag.id], body, actor_id)


def remove_tag(
    world: World, candidate_id: int, tag_id: int, *, actor_id: int
) -> list[CandidateEvent]:
    """Untag a candidate; a tag it does not have changes nothing."""
    candidate = world.candidates.get(candidate_id)
    tag = world.tags.get(tag_id)
    if tag.id not in candidate.tag_ids:
        return []

    kept = [i for i in candidate.tag_ids if i != tag.id]
    body = f"The tag {tag.name!r} was removed from {person_name(candidate)}"
    return _retag(world, candidate, kept, body, actor_id)
