"""What the seeded candidates' profiles hold beyond their contacts.

Some candidates list schools and past jobs, and a few carry a recruiter's note.
It is drawn after every application, from the world's random source, and costs a
handful of draws per candidate, so a large world still builds fast.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from simulator.world import catalog
from simulator.world.draws import choice, randint
from simulator.world.progress import Progress
from simulator.world.records import Candidate, NoteVisibility
from simulator.world.records_profile import Education, Employment, Note
from simulator.world.store import World

_VISIBILITIES: tuple[NoteVisibility, ...] = (
    "public",
    "public",
    "private",
    "admin_only",
)


@lru_cache(maxsize=4096)
def month_start(year: int, month: int) -> int:
    """The first of a month, midnight UTC, in milliseconds."""
    return int(datetime(year, month, 1, tzinfo=UTC).timestamp() * 1000)


def add_profiles(
    world: World,
    companies: list[str],
    titles: list[str],
    epoch: int,
    progress: Progress | None = None,
) -> None:
    this_year = datetime.fromtimestamp(epoch / 1000, UTC).year
    users = [user.id for user in world.users]
    every = progress.every if progress is not None else 1 << 62
    for number, candidate in enumerate(world.candidates):
        if progress is not None and not number % every:
            progress.at(number)
        roll = world.rng.random()
        if roll < 0.45:
            _add_education(world, candidate, this_year)
        if roll > 0.4:
            _add_employments(world, candidate, companies, titles, this_year)
        if roll < 0.08:
            _add_note(world, candidate, users)


def _add_education(world: World, candidate: Candidate, this_year: int) -> None:
    rng = world.rng
    end_year = this_year - randint(rng, 0, 25)
    education = Education(
        id=world.educations.next_id(),
        candidate_id=candidate.id,
        school_id=choice(rng, world.schools.ids),
        degree_id=choice(rng, world.degrees.ids),
        discipline_id=choice(rng, world.disciplines.ids),
        start_date=month_start(end_year - randint(rng, 2, 5), 9),
        end_date=month_start(end_year, 5),
    )
    world.educations.append(education.id, education)
    candidate.education_ids.append(education.id)


def _add_employments(
    world: World,
    candidate: Candidate,
    companies: list[str],
    titles: list[str],
    this_year: int,
) -> None:
    """The current job, and sometimes the one before it."""
    rng = world.rng
    start = month_start(this_year - randint(rng, 1, 6), randint(rng, 1, 12))
    spans: list[tuple[int, int | None]] = [(start, None)]
    if rng.random() < 0.5:
        earlier = month_start(this_year - randint(rng, 7, 12), randint(rng, 1, 12))
        spans.append((earlier, start))
    for begin, end in spans:
        employment = Employment(
            id=world.employments.next_id(),
            candidate_id=candidate.id,
            company_name=choice(rng, companies),
            title=choice(rng, titles),
            start_date=begin,
            end_date=end,
        )
        world.employments.append(employment.id, employment)
        candidate.employment_ids.append(employment.id)


def _add_note(world: World, candidate: Candidate, users: list[int]) -> None:
    rng = world.rng
    span = candidate.last_activity - candidate.created_at
    note = Note(
        id=world.notes.next_id(),
        candidate_id=candidate.id,
        created_at=candidate.created_at + int(rng.random() * span),
        body=choice(rng, catalog.NOTES),
        user_id=choice(rng, users),
        visibility=choice(rng, _VISIBILITIES),
    )
    world.notes.append(note.id, note)
    world.notes_by_candidate.add(candidate.id, note.id)
