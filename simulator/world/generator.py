"""Build a deterministic world from a seed: the organisation, its jobs and posts.

Faker and one `random.Random` (Faker's own, seeded once) are the only sources of
variety, and every time is an offset back from the spec's epoch, so the same spec
always builds the same world. Candidates and applications come from `population`.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator
from contextlib import contextmanager

from faker import Faker

from simulator.world import catalog
from simulator.world.clock import Clock, ClockMode, parse_instant
from simulator.world.configuration import add_configuration
from simulator.world.draws import choice
from simulator.world.education import add_education
from simulator.world.names import Names
from simulator.world.population import populate
from simulator.world.population_approvals import seed_approvals
from simulator.world.population_process import record_process
from simulator.world.population_settings import configure
from simulator.world.posts import Posting
from simulator.world.progress import Progress, ProgressCallback
from simulator.world.records import (
    CloseReason,
    Department,
    Interview,
    Job,
    JobBoard,
    JobStatus,
    Office,
    Opening,
    RejectionReason,
    Source,
    Stage,
    TrackingLink,
    User,
)
from simulator.world.spec import WorldSpec
from simulator.world.store import Organization, World

DAY = 86_400_000
HOUR = 3_600_000


def build_world(
    spec: WorldSpec,
    *,
    clock_mode: ClockMode = "real",
    progress: ProgressCallback | None = None,
) -> World:
    """The world a spec describes; the same spec always gives the same world.

    `progress`, if given, hears `(done, total)` a few hundred times at most, the
    last call being `(total, total)`: enough for a progress bar.
    """
    with _no_cycle_collection():
        return _build(spec, clock_mode, Progress(progress))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while the world is made.

    The build allocates millions of records and forms no garbage cycles; left on,
    the collector walks every live record again and again as the heap grows,
    which cost a quarter of the build of a large world. At the end the records
    go straight to the oldest generation (`freeze` then `unfreeze`), where a
    collection after so many allocations would have put them, without the walk
    over all of them that the first collection would otherwise make.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _build(spec: WorldSpec, clock_mode: ClockMode, progress: Progress) -> World:
    fake = Faker("en_US")
    fake.seed_instance(spec.seed)
    rng: random.Random = fake.random
    epoch = parse_instant(spec.epoch)
    world = World(
        organization=Organization(spec.organization, spec.timezone, spec.website),
        clock=Clock(epoch, clock_mode),
        rng=rng,
        seed=spec.seed,
        size=spec.size,
    )
    _add_users(world, fake, epoch)
    _add_departments_and_offices(world)
    _add_lookups(world, spec, epoch)
    _add_jobs(world, fake, epoch, progress)
    populate(world, fake, epoch, progress)
    # Fixed tables, drawn from no dice: they leave the rest of the world as it was.
    add_configuration(world, epoch)
    configure(world)
    record_process(world, epoch, progress)
    progress.phase("settings", 1)
    seed_approvals(world)
    _add_service_accounts(world, spec, epoch)
    progress.finish()
    return world


def _add_users(world: World, fake: Faker, epoch: int) -> None:
    domain = world.organization.website.split("//")[-1].removeprefix("careers.")
    count = max(8, min(world.size // 40, 400))
    people = Names(fake)
    for index in range(count):
        first, last = people.first_name(), people.last_name()
        created = epoch - world.rng.randint(600, 1500) * DAY
        user = User(
            id=world.users.next_id(),
            first_name=first,
            last_name=last,
            email=f"{first}.{last}{index}@{domain}".lower(),
            employee_id=f"E-{1000 + index}" if world.rng.random() < 0.8 else None,
            site_admin=index < 2,
            created_at=created,
            updated_at=created + world.rng.randint(0, 500) * DAY,
        )
        world.users.add(user.id, user)


def _add_service_accounts(world: World, spec: WorldSpec, epoch: int) -> None:
    """The users Harvest v3 clients act as. Made last and drawing no dice, so
    they change nothing else the seed makes; they have no e-mail address."""
    for name in spec.service_accounts:
        user = User(
            id=world.users.next_id(),
            first_name=name,
            last_name="Service Account",
            email=None,
            employee_id=None,
            site_admin=False,
            created_at=epoch - 30 * DAY,
            updated_at=epoch - 30 * DAY,
            service_account=True,
        )
        world.users.add(user.id, user)


def _add_departments_and_offices(world: World) -> None:
    for name, children in catalog.DEPARTMENTS:
        parent = Department(world.departments.next_id(), name, None, None)
        world.departments.add(parent.id, parent)
        for child_name in children:
            child = Department(world.departments.next_id(), child_name, parent.id, None)
            world.departments.add(child.id, child)
    for name, location in catalog.OFFICES:
        office = Office(world.offices.next_id(), name, location, None, None)
        world.offices.add(office.id, office)


def _add_lookups(world: World, spec: WorldSpec, epoch: int) -> None:
    for name, type_name in catalog.SOURCES:
        _add_source(world, name, type_name)
    world.default_source_id = next(
        s.id for s in world.sources if s.name == catalog.JOB_BOARD_SOURCE
    )
    reasons = [(*r, False) for r in catalog.REJECTION_REASONS]
    reasons += [(*r, True) for r in catalog.DEFAULT_REJECTION_REASONS]
    for name, type_name, default in reasons:
        type_id = catalog.REJECTION_TYPES.index(type_name) + 1
        reason = RejectionReason(
            world.rejection_reasons.next_id(), name, type_id, type_name, default
        )
        world.rejection_reasons.add(reason.id, reason)
    for name in catalog.CLOSE_REASONS:
        close_reason = CloseReason(world.close_reasons.next_id(), name)
        world.close_reasons.add(close_reason.id, close_reason)
    world.hired_close_reason_id = next(iter(world.close_reasons)).id
    for name in catalog.TAGS:
        world.add_tag(name)
    add_education(world)  # fixed lists, no dice: profiles refer to them

    for board_spec in spec.boards:
        board = JobBoard(
            world.boards.next_id(),
            board_spec.token,
            board_spec.name,
            board_spec.api_key,
        )
        world.boards.add(board.id, board)
    internal = JobBoard(
        world.boards.next_id(),
        "internal",
        f"{spec.organization} internal",
        "",
        internal=True,
    )
    world.boards.add(internal.id, internal)

    created = epoch - 200 * DAY
    for link_spec in spec.tracking_links:
        source = next((s for s in world.sources if s.name == link_spec.source), None)
        if source is None:
            source = _add_source(world, link_spec.source, link_spec.source_type)
        link_board = world.board_by_token(link_spec.job_board or "")
        link = TrackingLink(
            id=world.tracking_links.next_id(),
            token=link_spec.token,
            source_id=source.id,
            credited_to_id=None,
            job_board_id=link_board.id if link_board else None,
            job_id=None,
            job_post_id=None,
            created_at=created,
            updated_at=created,
        )
        world.tracking_links.add(link.id, link)


def _add_source(world: World, name: str, type_name: str) -> Source:
    type_id = catalog.SOURCE_TYPES.index(type_name) + 1
    source = Source(world.sources.next_id(), name, type_id, type_name)
    return world.sources.add(source.id, source)


def _add_jobs(world: World, fake: Faker, epoch: int, progress: Progress) -> None:
    count = max(6, min(world.size // 8, 5000))
    progress.phase("jobs", count)
    users = [user.id for user in world.users]
    departments = list(world.departments)
    offices = list(world.offices)
    posting = Posting(world, fake)
    for index in range(count):
        if not index % progress.every:
            progress.at(index)
        # Even the smallest world has open jobs to work on, a closed one and a draft.
        status = _FIRST_STATUSES[index] if index < 5 else _pick_job_status(world.rng)
        created = epoch - world.rng.randint(20, 540) * DAY
        title = world.rng.choice(catalog.JOB_TITLES)
        level = world.rng.choice(catalog.LEVELS)
        job = Job(
            id=world.jobs.next_id(),
            name=f"{level}{title}".strip(),
            requisition_id=f"REQ-{1000 + index}" if world.rng.random() < 0.9 else None,
            notes=f"<p>Hiring plan for {title} &amp; team.</p>",
            confidential=world.rng.random() < 0.05,
            status=status,
            created_at=created,
            opened_at=None if status == "draft" else created + DAY,
            closed_at=None,
            updated_at=created + DAY,
            department_id=choice(world.rng, departments).id,
            office_ids=[choice(world.rng, offices).id],
            hiring_manager_ids=[world.rng.choice(users)],
            recruiter_id=world.rng.choice(users),
            coordinator_id=world.rng.choice(users),
        )
        job.recruiter_ids = [job.recruiter_id] if job.recruiter_id else []
        job.coordinator_ids = [job.coordinator_id] if job.coordinator_id else []
        world.jobs.add(job.id, job)
        _add_stages(world, job)
        # Job 1 shows off both hiring-status rules (see add_posts), and has
        # openings enough to hire through many scenarios.
        _add_openings(world, job, 8 if index == 1 else world.rng.randint(2, 5))
        posting.add_posts(job, showcase=index == 1)
        if status == "closed":
            job.closed_at = min(
                epoch - DAY, job.created_at + world.rng.randint(30, 120) * DAY
            )


_FIRST_STATUSES: tuple[JobStatus, ...] = ("open", "open", "open", "closed", "draft")


def _pick_job_status(rng: random.Random) -> JobStatus:
    roll = rng.random()
    return "open" if roll < 0.8 else "closed" if roll < 0.92 else "draft"


def _add_stages(world: World, job: Job) -> None:
    names = list(catalog.PIPELINE)
    if world.rng.random() < 0.4:
        names.insert(3, "Take Home Test")
    for priority, name in enumerate(names):
        interviews = [
            Interview(world.interview_ids.next_id(), interview, minutes)
            for interview, minutes in catalog.INTERVIEWS.get(name, ())
        ]
        stage = Stage(
            id=world.stages.next_id(),
            job_id=job.id,
            name=name,
            priority=priority,
            created_at=job.created_at,
            updated_at=job.created_at,
            interviews=interviews,
        )
        world.stages.add(stage.id, stage)
        job.stage_ids.append(stage.id)


def _add_openings(world: World, job: Job, count: int) -> None:
    for number in range(1, count + 1):
        reference = job.requisition_id or f"JOB-{job.id}"
        opening = Opening(
            id=world.openings.next_id(),
            job_id=job.id,
            opening_id=f"{reference}-{number}",
            opened_at=job.opened_at or job.created_at,
        )
        world.openings.add(opening.id, opening)
        job.opening_ids.append(opening.id)
