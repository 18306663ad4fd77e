"""Candidates and their applications, in every status Greenhouse knows.

Faker is slow per call, so it fills pools of names, companies and addresses once,
and the seeded random source draws from them. Ids follow creation time, as they do
in Greenhouse: plans are drawn first, sorted by time, and only then numbered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter

from faker import Faker

from simulator.world import catalog
from simulator.world.draws import below, choice, randint, sample, weighted
from simulator.world.names import Names
from simulator.world.profiles import add_profiles
from simulator.world.progress import Progress
from simulator.world.records import (
    Answer,
    Application,
    ApplicationStatus,
    Candidate,
    ContactDetail,
    Job,
    JobPost,
)
from simulator.world.store import World

DAY = 86_400_000
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example")


@dataclass(slots=True)
class _Pools:
    first_names: list[str]
    last_names: list[str]
    companies: list[str]
    titles: list[str]
    addresses: list[str]
    tag_ids: list[int]

    @classmethod
    def draw(cls, fake: Faker, world: World) -> _Pools:
        names = min(max(world.size, 50), 1500)
        people = Names(fake)
        return cls(
            first_names=[people.first_name() for _ in range(names)],
            last_names=[people.last_name() for _ in range(names)],
            companies=[fake.company() for _ in range(min(names, 300))],
            titles=[fake.job() for _ in range(100)],
            addresses=[fake.address().replace("\n", ", ") for _ in range(200)],
            tag_ids=[tag.id for tag in world.tags],
        )


@dataclass(slots=True)
class _ApplicationPlan:
    applied_at: int
    job: Job | None
    post: JobPost | None
    source_id: int | None
    credited_to_id: int | None
    prospect: bool = False
    converted: bool = False
    candidate: Candidate | None = None


@dataclass(slots=True)
class _CandidatePlan:
    created: int
    candidate: Candidate
    applications: list[_ApplicationPlan] = field(default_factory=list)


def populate(world: World, fake: Faker, epoch: int, progress: Progress) -> None:
    pools = _Pools.draw(fake, world)
    world.first_names, world.last_names = pools.first_names, pools.last_names
    facts = _Facts(world, epoch)
    progress.phase("candidates", world.size)
    every = progress.every
    plans = []
    for number in range(world.size):
        if not number % every:
            progress.at(number)
        plans.append(_plan_candidate(world, pools, facts, number))

    plans.sort(key=attrgetter("created"))
    # What `World.index_candidate` does, for candidates just numbered.
    candidates, by_email, by_tag = (
        world.candidates,
        world.candidates_by_email,
        world.candidates_by_tag,
    )
    for plan in plans:
        candidate = plan.candidate
        candidate_id = candidate.id = candidates.next_id()
        candidates.append(candidate_id, candidate)
        for email in candidate.email_addresses:
            by_email.add(email.value.lower(), candidate_id)
        for tag_id in candidate.tag_ids:
            by_tag.add(tag_id, candidate_id)

    applications = [app for plan in plans for app in plan.applications]
    applications.sort(key=attrgetter("applied_at"))
    progress.phase("applications", len(applications))
    every = progress.every
    for number, app_plan in enumerate(applications):
        if not number % every:
            progress.at(number)
        _create_application(world, facts, app_plan)
    _ensure_every_status(world)
    _close_leftover_openings(world)
    progress.phase("profiles", world.size)
    add_profiles(world, pools.companies, pools.titles, epoch, progress)


class _Facts:
    """What every plan looks up, found once: sources by name, each job's posts,
    the stage weights, the rejection reasons a recruiter picks from."""

    def __init__(self, world: World, epoch: int) -> None:
        self.epoch = epoch
        self.jobs = [job for job in world.jobs if job.status != "draft"]
        self.source_ids: dict[str, int] = {}
        for source in world.sources:
            self.source_ids.setdefault(source.name, source.id)
        self.link_source_ids = [link.source_id for link in world.tracking_links]
        self.posts: dict[int, tuple[list[JobPost], list[JobPost]]] = {}
        for job in self.jobs:
            posts = world.job_posts_of(job)
            external = [post for post in posts if post.external]
            internal = [post for post in posts if post.internal]
            self.posts[job.id] = (external, internal)
        self.reason_ids = [r.id for r in world.rejection_reasons if not r.default]
        # Earlier stages are likelier: stage i of n weighs n - i.
        self.stage_weights: dict[int, list[int]] = {}
        self._questions: dict[int, list[tuple[str, tuple[str, ...]]]] = {}

    def questions(self, post: JobPost) -> list[tuple[str, tuple[str, ...]]]:
        """The questions of a post a candidate may answer (those with an id), each
        with its options' labels (none for a free-text answer)."""
        questions = self._questions.get(post.id)
        if questions is None:
            questions = self._questions[post.id] = [
                (group.label, tuple(option.label for option in group.fields[0].options))
                for group in post.questions
                if group.fields[0].id is not None
            ]
        return questions

    def cumulative_stage_weights(self, count: int) -> list[int]:
        weights = self.stage_weights.get(count)
        if weights is None:
            weights = list(accumulate(range(count, 0, -1)))
            self.stage_weights[count] = weights
        return weights


def _ensure_every_status(world: World) -> None:
    """Make sure a small world still has a hired and a rejected application."""
    statuses = {app.status for app in world.applications}
    for app in world.applications:
        if {"hired", "rejected"} <= statuses:
            return
        if app.status != "active" or app.job_id is None:
            continue
        job = world.jobs.get(app.job_id)
        if "hired" not in statuses and len(world.open_openings(job)) > 1:
            world.set_status(app, "hired")
            _fill_opening(world, job, app, app.last_activity_at)
            statuses.add("hired")
        elif "rejected" not in statuses:
            world.set_status(app, "rejected")
            app.rejected_at = app.last_activity_at
            statuses.add("rejected")


def _plan_candidate(
    world: World, pools: _Pools, facts: _Facts, number: int
) -> _CandidatePlan:
    # `below(rng, n - low) + low` is `randint(rng, low, n)`: the same draw.
    rng = world.rng
    random = rng.random
    first, last = choice(rng, pools.first_names), choice(rng, pools.last_names)
    email = f"{first}.{last}{1 + below(rng, 9999)}@{choice(rng, EMAIL_DOMAINS)}"
    phone = f"+1 {201 + below(rng, 789)}-555-{below(rng, 10000):04d}"
    addresses = (
        [ContactDetail(choice(rng, pools.addresses), "home")] if random() < 0.5 else []
    )
    company = choice(rng, pools.companies) if random() < 0.8 else None
    title = choice(rng, pools.titles) if random() < 0.8 else None
    is_private = random() < 0.03
    tag_ids = sample(rng, pools.tag_ids, 1 + below(rng, 2)) if random() < 0.2 else []
    candidate = Candidate(
        0,
        first,
        last,
        company,
        title,
        0,
        0,
        0,
        is_private,
        [ContactDetail(phone, "mobile")],
        [ContactDetail(email.lower(), "personal")],
        addresses,
        None,
        None,
        tag_ids,
    )
    applications = _plan_applications(world, facts, number)
    created = min([app.applied_at for app in applications])
    for app in applications:
        app.candidate = candidate
    candidate.created_at = candidate.updated_at = created
    return _CandidatePlan(created, candidate, applications)


def _plan_applications(
    world: World, facts: _Facts, number: int
) -> list[_ApplicationPlan]:
    rng = world.rng
    roll = rng.random()
    # The first two candidates are a prospect and a converted prospect, so that
    # every world, however small, has applications in every status.
    roll = (0.0, 0.99)[number] if number < 2 else roll
    sourcing = facts.source_ids["Greenhouse Sourcing"]
    if roll < 0.08:
        # A prospect: sourced, interesting, but attached to no job.
        applied = facts.epoch - randint(rng, 1, 400) * DAY
        return [_ApplicationPlan(applied, None, None, sourcing, None, True)]
    count = 1 if roll < 0.8 else 2 if roll < 0.95 else 3
    jobs = facts.jobs
    chosen = (
        [choice(rng, jobs)] if count == 1 else sample(rng, jobs, min(count, len(jobs)))
    )
    applications = [_plan_job_application(world, facts, job) for job in chosen]
    if roll > 0.97:
        # A prospect who was later converted into a candidate for a job.
        first = min([app.applied_at for app in applications])
        applications.append(
            _ApplicationPlan(
                first - randint(rng, 1, 30) * DAY,
                None,
                None,
                sourcing,
                None,
                prospect=True,
                converted=True,
            )
        )
    return applications


_BOARDS = ("Indeed", "LinkedIn", "Glassdoor")


def _plan_job_application(world: World, facts: _Facts, job: Job) -> _ApplicationPlan:
    rng = world.rng
    start = job.opened_at or job.created_at
    end = job.closed_at or facts.epoch - DAY
    applied = start + below(rng, max(start, end) - start + 1)  # randint(rng, ...)
    external, internal = facts.posts[job.id]
    roll = rng.random()
    if roll < 0.55 and external:
        post = choice(rng, external)
        link_roll = rng.random()
        if link_roll < 0.65:
            source_id = world.default_source_id
        elif link_roll < 0.8 and facts.link_source_ids:
            source_id = choice(rng, facts.link_source_ids)
        else:
            source_id = facts.source_ids[choice(rng, _BOARDS)]
        applied = max(applied, post.created_at)
        return _ApplicationPlan(applied, job, post, source_id, None)
    if roll < 0.6 and internal:
        post = internal[0]
        applied = max(applied, post.created_at)
        return _ApplicationPlan(
            applied, job, post, facts.source_ids["Internal Applicant"], None
        )
    # Added by hand: a referral, an agency, a sourcing find. No job post involved.
    source_name = choice(rng, catalog.MANUAL_SOURCES)
    credited = choice(rng, world.users.ids) if source_name == "Referral" else None
    return _ApplicationPlan(applied, job, None, facts.source_ids[source_name], credited)


def _create_application(world: World, facts: _Facts, plan: _ApplicationPlan) -> None:
    rng = world.rng
    candidate = plan.candidate
    assert candidate is not None
    job, post, applied = plan.job, plan.post, plan.applied_at
    last_activity = applied + below(rng, 61) * DAY  # randint(rng, 0, 60) days
    if last_activity >= facts.epoch:
        last_activity = facts.epoch - 1
    if job is not None and job.closed_at is not None:
        last_activity = max(applied, min(last_activity, job.closed_at))
    application_id = world.applications.next_id()
    application = Application(
        application_id,
        candidate.id,
        plan.prospect,
        None if job is None else job.id,
        None if post is None else post.id,
        "converted" if plan.converted else "active",
        None,
        applied,
        last_activity,
        plan.source_id,
        plan.credited_to_id,
        None if job is None else job.recruiter_id,
        None if job is None else job.coordinator_id,
        answers=[] if post is None else _answers(world, facts, post),
    )
    if job is not None:
        application.status = _pick_status(world, job)
        stage_ids = job.stage_ids
        weights = facts.cumulative_stage_weights(len(stage_ids))
        application.current_stage_id = weighted(rng, stage_ids, weights)
    if application.status == "rejected":
        application.rejected_at = last_activity
        if rng.random() < 0.9:
            application.rejection_reason_id = choice(rng, facts.reason_ids)
    elif application.status == "hired" and job is not None:
        _fill_opening(world, job, application, last_activity)
    # What `World.index_application` does, for an application just numbered.
    world.applications.append(application_id, application)
    if job is not None:
        world.applications_by_job.add(job.id, application_id)
    world.applications_by_status.add(application.status, application_id)
    candidate.application_ids.append(application_id)
    if last_activity > candidate.last_activity:
        candidate.last_activity = last_activity
    if last_activity > candidate.updated_at:
        candidate.updated_at = last_activity
    if job is not None and candidate.recruiter_id is None:
        candidate.recruiter_id = job.recruiter_id
        candidate.coordinator_id = job.coordinator_id


def _pick_status(world: World, job: Job) -> ApplicationStatus:
    roll = world.rng.random()
    # Openings are counted only when a hire is possible: it is the costly part.
    if job.status == "closed":
        hire = roll < 0.15 and bool(world.open_openings(job))
        return "hired" if hire else "rejected"
    # An open job keeps at least one opening free, so it can still hire.
    if roll < 0.08 and len(world.open_openings(job)) > 1:
        return "hired"
    return "rejected" if roll < 0.38 else "active"


def _fill_opening(world: World, job: Job, application: Application, at: int) -> None:
    opening = world.open_openings(job)[0]
    opening.closed_at = at
    opening.application_id = application.id
    opening.close_reason_id = world.hired_close_reason_id
    application.stage_before_hire_id = job.stage_ids[-1]
    application.current_stage_id = None
    application.hired_opening_id = opening.id
    application.hired_at = at


def _close_leftover_openings(world: World) -> None:
    unneeded = next(
        r.id for r in world.close_reasons if r.name == "Role no longer needed"
    )
    for job in world.jobs:
        if job.status != "closed":
            continue
        for opening in world.open_openings(job):
            opening.closed_at = job.closed_at
            opening.close_reason_id = unneeded


def _answers(world: World, facts: _Facts, post: JobPost) -> list[Answer]:
    rng = world.rng
    random = rng.random
    answers = []
    for label, options in facts.questions(post):
        if random() < 0.3:
            continue
        answer = choice(rng, options) if options else "See my profile"
        answers.append(Answer(label, answer))
    return answers
