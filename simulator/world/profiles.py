"""What the seeded candidates' profiles hold beyond their contacts.

Some candidates list schools and past jobs, and a few carry a recruiter's note.
It is drawn after every application, from the world's random source, and costs a
handful of draws per candidate, so a large world still builds fast.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from simulator.world import catalog
from simulator.world.draws import below, choice
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
    random = world.rng.random
    past = _Past(world, companies, titles, this_year)
    for number, candidate in enumerate(world.candidates):
        if progress is not None and not number % every:
            progress.at(number)
        roll = random()
        if roll < 0.45:
            past.add_education(candidate)
        if roll > 0.4:
            past.add_employments(candidate)
        if roll < 0.08:
            _add_note(world, candidate, users)


class _Past:
    """Writes candidates' schools and past jobs, with the lists they draw from
    found once. `below(rng, n) + low` is `randint(rng, low, low + n - 1)`."""

    def __init__(
        self, world: World, companies: list[str], titles: list[str], this_year: int
    ) -> None:
        self.world = world
        self.rng = world.rng
        self.this_year = this_year
        self.schools = world.schools.ids
        self.degrees = world.degrees.ids
        self.disciplines = world.disciplines.ids
        self.companies = companies
        self.titles = titles

    def add_education(self, candidate: Candidate) -> None:
        rng = self.rng
        end_year = self.this_year - below(rng, 26)
        table = self.world.educations
        education_id = table.next_id()
        education = Education(
            education_id,
            candidate.id,
            choice(rng, self.schools),
            choice(rng, self.degrees),
            choice(rng, self.disciplines),
            month_start(end_year - 2 - below(rng, 4), 9),
            month_start(end_year, 5),
        )
        table.append(education_id, education)
        candidate.education_ids.append(education_id)

    def add_employments(self, candidate: Candidate) -> None:
        """The current job, and sometimes the one before it."""
        rng, this_year = self.rng, self.this_year
        start = month_start(this_year - 1 - below(rng, 6), 1 + below(rng, 12))
        spans: list[tuple[int, int | None]] = [(start, None)]
        if rng.random() < 0.5:
            earlier = month_start(this_year - 7 - below(rng, 6), 1 + below(rng, 12))
            spans.append((earlier, start))
        table = self.world.employments
        for begin, end in spans:
            employment_id = table.next_id()
            employment = Employment(
                employment_id,
                candidate.id,
                choice(rng, self.companies),
                choice(rng, self.titles),
                begin,
                end,
            )
            table.append(employment_id, employment)
            candidate.employment_ids.append(employment_id)


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
