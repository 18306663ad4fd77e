"""Tags, educations, employments, attachments, notes and e-mails on a candidate;
and the profiles a seeded world starts with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.world import InvalidField, NotFound, World, actions
from simulator.world.actions import EducationForm, EmailForm, EmploymentForm, NoteForm
from simulator.world.events import CandidateEvent
from simulator.world.records import Attachment

Dump = Callable[[World], dict[str, Any]]
Built = Callable[[int, int], World]


def _first(world: World) -> int:
    return world.candidates.ids[0]


def test_create_tag__matches_names_whatever_their_case(world: World) -> None:
    existing = world.tags.get(world.tags.ids[0])

    found, created = actions.create_tag(world, f"  {existing.name.upper()} ")
    new, made = actions.create_tag(world, "Rust")

    assert (found, created) == (existing, False)
    assert made and new.name == "Rust" and world.tag_named("rust") == new


@pytest.mark.parametrize("name", ["", "   ", "x" * 256])
def test_create_tag__blank_or_long_name_changes_nothing(
    world: World, dump: Dump, name: str
) -> None:
    before = dump(world)

    with pytest.raises(InvalidField):
        actions.create_tag(world, name)

    assert dump(world) == before


def test_destroy_tag__takes_it_off_every_candidate(world: World) -> None:
    tag_id = next(t for t in world.tags.ids if world.candidates_by_tag.ids(t))
    tagged = list(world.candidates_by_tag.ids(tag_id))

    actions.destroy_tag(world, tag_id)

    assert tag_id not in world.tags
    assert all(tag_id not in world.candidates.get(c).tag_ids for c in tagged)
    assert world.candidates_by_tag.ids(tag_id) == []


def test_apply_and_remove_tag__update_the_candidate_and_its_index(
    world: World, admin: int
) -> None:
    candidate = world.candidates.get(_first(world))
    tag = actions.create_tag(world, "Apply me")[0]

    _, applied = actions.apply_tag(world, candidate.id, tag.id, actor_id=admin)
    _, again = actions.apply_tag(world, candidate.id, tag.id, actor_id=admin)
    removed = actions.remove_tag(world, candidate.id, tag.id, actor_id=admin)

    assert applied == [CandidateEvent("candidate_updated", candidate.id, applied[0].at)]
    assert again == []
    assert removed[0].at > applied[0].at
    assert tag.id not in candidate.tag_ids
    assert world.candidates_by_tag.ids(tag.id) == []
    assert candidate.updated_at == removed[0].at


@pytest.mark.parametrize("which", ["candidate", "tag"])
def test_apply_tag__unknown_record_is_not_found(
    world: World, admin: int, dump: Dump, which: str
) -> None:
    ids = {"candidate": (1, world.tags.ids[0]), "tag": (_first(world), 1)}[which]
    before = dump(world)

    with pytest.raises(NotFound):
        actions.apply_tag(world, *ids, actor_id=admin)

    assert dump(world) == before


def test_education__added_then_removed(world: World, admin: int) -> None:
    candidate = world.candidates.get(_first(world))
    form = EducationForm(school_id=world.schools.ids[1], start_date=0, end_date=1)

    education, added = actions.add_education(world, candidate.id, form, actor_id=admin)
    removed = actions.remove_education(
        world, candidate.id, education.id, actor_id=admin
    )

    assert education.candidate_id == candidate.id
    assert added[0].kind == removed[0].kind == "candidate_updated"
    assert education.id not in world.educations
    assert education.id not in candidate.education_ids


def test_remove_education__of_another_candidate_is_not_found(
    world: World, admin: int, dump: Dump
) -> None:
    owner = next(c for c in world.candidates if c.education_ids)
    other = next(c for c in world.candidates if c.id != owner.id)
    before = dump(world)

    with pytest.raises(NotFound):
        actions.remove_education(
            world, other.id, owner.education_ids[0], actor_id=admin
        )

    assert dump(world) == before


def test_employment__current_one_has_no_end(world: World, admin: int) -> None:
    form = EmploymentForm("Acme", "Engineer", 1_000)

    employment, _ = actions.add_employment(world, _first(world), form, actor_id=admin)

    assert employment.end_date is None
    assert employment.id in world.candidates.get(_first(world)).employment_ids


def test_add_attachment__is_stored_with_a_url_and_the_time(
    world: World, admin: int
) -> None:
    file = Attachment("cv one.pdf", "resume", "application/pdf", 10, None, 0)

    added, events = actions.add_candidate_attachment(
        world, _first(world), file, actor_id=admin
    )

    assert added.created_at == events[0].at == world.clock.now()
    assert added.url is not None and added.url.endswith("/cv%20one.pdf")
    assert world.candidates.get(_first(world)).attachments[-1] is added


def test_add_note_and_email__are_feed_entries_by_their_user(
    world: World, admin: int
) -> None:
    candidate = world.candidates.get(_first(world))
    user = world.users.ids[-1]

    note = actions.add_note(world, candidate.id, NoteForm(user, "Hi", "admin_only"))
    email = actions.add_email(
        world, candidate.id, EmailForm(user, "a@b", "c@d", "S", "B", ["e@f"])
    )

    assert note.id in world.notes_by_candidate.ids(candidate.id)
    assert email.id in world.emails_by_candidate.ids(candidate.id)
    assert (note.user_id, email.user_id) == (user, user)
    assert candidate.last_activity == email.created_at > note.created_at


def test_add_note__unknown_user_changes_nothing(world: World, dump: Dump) -> None:
    before = dump(world)

    with pytest.raises(InvalidField) as refused:
        actions.add_note(world, _first(world), NoteForm(1, "Hi", "public"))

    assert refused.value.field == "user_id"
    assert dump(world) == before


@pytest.mark.parametrize(("seed", "size"), [(1, 200), (7, 60)])
def test_seeded_world__has_profiles_tags_and_notes(
    built: Built, seed: int, size: int
) -> None:
    world = built(seed, size)

    with_education = [c for c in world.candidates if c.education_ids]
    with_jobs = [c for c in world.candidates if c.employment_ids]
    assert 0 < len(with_education) < size and 0 < len(with_jobs) < size
    assert len(world.notes) > 0
    for candidate in world.candidates:
        for tag_id in candidate.tag_ids:
            assert candidate.id in world.candidates_by_tag.ids(tag_id)
        for education_id in candidate.education_ids:
            assert world.educations.get(education_id).candidate_id == candidate.id
    for note in world.notes:
        candidate = world.candidates.get(note.candidate_id)
        assert candidate.created_at <= note.created_at <= candidate.last_activity
    assert [d.priority for d in world.degrees] == list(range(len(world.degrees)))
