"""What happened to each application on its way through the pipeline: interviews
scheduled and held, scorecards written, offers made, and the voluntary surveys
(demographics, EEOC) answered when it was submitted.

Every time falls between an application's `applied_at` and its last activity, so
the world stays consistent; only interviews still to come lie after the epoch.
"""

from __future__ import annotations

from datetime import UTC, datetime

from simulator.world.draws import below, between, choice
from simulator.world.progress import Progress
from simulator.world.records import Application, Job
from simulator.world.records_hiring import (
    InterviewerSlot,
    InterviewStatus,
    Offer,
    OfferStatus,
    Recommendation,
    ScheduledInterview,
    Scorecard,
)
from simulator.world.records_org import DemographicAnswer, DemographicQuestion, Eeoc
from simulator.world.store import World

DAY = 86_400_000
HOUR = 3_600_000
MINUTE = 60_000

SCORECARD_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("Communication", "Skills"),
    ("Problem Solving", "Skills"),
    ("Technical Depth", "Qualifications"),
    ("Ownership", "Personality Traits"),
    ("Collaboration", "Personality Traits"),
)
RATINGS: tuple[str, ...] = ("definitely_not", "no", "mixed", "yes", "strong_yes")
RECOMMENDATIONS: tuple[Recommendation, ...] = (
    "definitely_not",
    "no",
    "yes",
    "strong_yes",
)
TAKEAWAYS: tuple[str, ...] = (
    "Clear thinker, asked good questions.",
    "Strong fundamentals; a little quiet.",
    "Not the experience this role needs.",
    "Would be a great addition to the team.",
    "Mixed signals: follow up on system design.",
)
ROOMS: tuple[str, ...] = ("Big Conference Room", "Room 2.14", "Lab", "Cafe Corner")
FREE_FORM_TEXTS: tuple[str, ...] = ("Genderfluid", "Mixed heritage", "Two-spirit")


def _date(millis: int) -> str:
    return datetime.fromtimestamp(millis / 1000, UTC).strftime("%Y-%m-%d")


def record_process(world: World, epoch: int, progress: Progress | None = None) -> None:
    questions = [q for q in world.demographic_questions if q.active]
    interviews = _Interviews(world, epoch)
    if progress is not None:
        progress.phase("process", len(world.applications))
    every = progress.every if progress is not None else 1 << 62
    jobs = world.jobs
    for number, application in enumerate(world.applications):
        if progress is not None and not number % every:
            progress.at(number)
        if application.job_id is None:
            continue
        job = jobs.get(application.job_id)
        interviews.add(application, job)
        _add_offers(world, application, job)
        if application.job_post_id is not None:
            _add_surveys(world, application, questions)


# -- interviews and scorecards -----------------------------------------------------


def _reached(application: Application, job: Job) -> int:
    """How many of the job's stages the application has entered."""
    if application.status == "hired":
        return len(job.stage_ids)
    if application.current_stage_id is None:
        return 0
    return job.stage_ids.index(application.current_stage_id) + 1


class _Interviews:
    """Schedules each application's interviews and writes their scorecards.

    This is most of the records a world holds, so what every application shares
    (each job's interviews by stage, the users, the tables) is found once.
    """

    def __init__(self, world: World, epoch: int) -> None:
        self.world = world
        self.rng = world.rng
        self.epoch = epoch
        self.users = world.users.ids
        # Per job: for each stage in order, its (stage id, interview id) pairs.
        self._plans: dict[int, list[list[tuple[int, int]]]] = {}

    def _stage_interviews(self, job: Job) -> list[list[tuple[int, int]]]:
        plan = self._plans.get(job.id)
        if plan is None:
            plan = [
                [(stage.id, interview.id) for interview in stage.interviews]
                for stage in self.world.job_stages(job)
            ]
            self._plans[job.id] = plan
        return plan

    def add(self, application: Application, job: Job) -> None:
        stages = self._stage_interviews(job)[: _reached(application, job)]
        # Application Review is read, not scheduled.
        held = [pair for stage in stages[1:-1] for pair in stage]
        current = stages[-1] if len(stages) > 1 else []
        if application.status == "hired":
            held, current = held + current, []
        start, end = application.applied_at, application.last_activity_at
        for number, interview in enumerate(held):
            at = start + (end - start) * (number + 1) // (len(held) + 1)
            self._schedule(application, job, interview, at, "complete")
        if application.status == "active":
            rng, epoch = self.rng, self.epoch
            for interview in current:
                if rng.random() < 0.5:
                    at = epoch + between(rng, 1, 10) * DAY
                    status: InterviewStatus = "scheduled"
                else:
                    at = max(start, epoch - between(rng, 1, 3) * DAY)
                    status = "awaiting_feedback"
                self._schedule(application, job, interview, at, status)

    def _schedule(
        self,
        application: Application,
        job: Job,
        interview: tuple[int, int],
        at: int,
        status: InterviewStatus,
    ) -> None:
        # The draws below are those of `between` and `choice`, written out: this
        # runs for every interview of every application.
        stage_id, interview_id = interview
        world, rng, epoch, users = self.world, self.rng, self.epoch, self.users
        random = rng.random
        start = at - at % (15 * MINUTE)
        minutes = choice(rng, _LENGTHS)
        created = max(
            application.applied_at, min(start, epoch) - (1 + int(random() * 4)) * DAY
        )
        panel = job.hiring_manager_ids[:1]
        if not panel or random() < 0.3:
            extra = users[int(random() * len(users))]
            if extra not in panel:
                panel = sorted([*panel, extra])
        in_person = random() < 0.4
        scheduled_id = world.scheduled_interviews.next_id()
        end = start + minutes * MINUTE
        scheduled = ScheduledInterview(
            scheduled_id,
            application.id,
            stage_id,
            interview_id,
            f"ghsim-event-{scheduled_id}",
            start,
            end,
            choice(rng, ROOMS) if in_person else None,
            None if in_person else f"https://meet.example.com/{scheduled_id}",
            status,
            created,
            created,
            job.coordinator_id or job.recruiter_id or users[0],
        )
        slots = scheduled.interviewers
        if status == "complete":
            for user_id in panel:
                scorecard_id = self._score(application, scheduled, user_id)
                slots.append(InterviewerSlot(user_id, "accepted", scorecard_id))
            scheduled.updated_at = max(created, end)
        elif status == "scheduled":
            for user_id in panel:
                slots.append(InterviewerSlot(user_id, choice(rng, _RESPONSES)))
        else:
            for user_id in panel:
                slots.append(InterviewerSlot(user_id, "accepted"))
        world.scheduled_interviews.append(scheduled_id, scheduled)
        world.interviews_by_application.add(application.id, scheduled_id)

    def _score(
        self, application: Application, scheduled: ScheduledInterview, user_id: int
    ) -> int:
        world, rng, random = self.world, self.rng, self.rng.random
        hired = application.status == "hired"
        leaning = 3 if hired else 1 + int(random() * 3)
        # One draw, read as base-3 digits: each attribute a notch around the leaning.
        ratings = list(_RATINGS[leaning - 1][int(random() * _NOTCHES)])
        recommendation = RECOMMENDATIONS[
            max(0, min(3, leaning - 1 + int(random() * 2)))
        ]
        submitted = min(self.epoch - 1, scheduled.end + (1 + int(random() * 20)) * HOUR)
        scorecard_id = world.scorecards.next_id()
        submitter = user_id if random() < 0.9 else scheduled.organizer_id
        scorecard = Scorecard(
            scorecard_id,
            application.id,
            application.candidate_id,
            scheduled.stage_id,
            scheduled.interview_id,
            scheduled.start,
            user_id,
            submitter,
            submitted,
            submitted,
            submitted,
            recommendation,
            ratings,
            choice(rng, TAKEAWAYS),
        )
        world.scorecards.append(scorecard_id, scorecard)
        world.scorecards_by_application.add(application.id, scorecard_id)
        return scorecard_id


def _ratings_table() -> list[list[tuple[str, ...]]]:
    """Every scorecard's ratings, by leaning (1 to 3) and base-3 draw."""
    table = []
    for leaning in (1, 2, 3):
        by_draw = []
        for draw in range(3 ** len(SCORECARD_ATTRIBUTES)):
            ratings = []
            for _ in SCORECARD_ATTRIBUTES:
                draw, notch = divmod(draw, 3)
                ratings.append(RATINGS[leaning - 1 + notch])
            by_draw.append(tuple(ratings))
        table.append(by_draw)
    return table


_RATINGS = _ratings_table()
_LENGTHS = (30, 45, 60)
_RESPONSES = ("needs_action", "accepted", "tentative")
_NOTCHES = 3 ** len(SCORECARD_ATTRIBUTES)


# -- offers --------------------------------------------------------------------------


def _add_offers(world: World, application: Application, job: Job) -> None:
    at_offer = application.current_stage_id == job.stage_ids[-1]
    if application.status == "hired":
        resolved = application.hired_at or application.last_activity_at
        if world.rng.random() < 0.25:
            _offer(world, application, job, "deprecated", resolved - 5 * DAY, None)
        _offer(world, application, job, "accepted", resolved, resolved)
    elif at_offer and application.status == "active":
        _offer(
            world, application, job, "unresolved", application.last_activity_at, None
        )
    elif at_offer and application.status == "rejected":
        resolved = application.rejected_at or application.last_activity_at
        _offer(world, application, job, "rejected", resolved, resolved)


def _offer(
    world: World,
    application: Application,
    job: Job,
    status: OfferStatus,
    around: int,
    resolved_at: int | None,
) -> None:
    rng = world.rng
    created = max(application.applied_at, around - between(rng, 2, 8) * DAY)
    previous = world.offers_by_application.ids(application.id)
    opening_id = application.hired_opening_id
    if opening_id is None and status != "deprecated":
        open_openings = world.open_openings(job)
        opening_id = open_openings[0].id if open_openings else None
    sent = created + DAY if status != "unresolved" or rng.random() < 0.6 else None
    offer = Offer(
        id=world.offers.next_id(),
        version=len(previous) + 1,
        application_id=application.id,
        job_id=job.id,
        candidate_id=application.candidate_id,
        opening_id=opening_id,
        status=status,
        created_at=created,
        updated_at=resolved_at or created,
        sent_on=_date(sent) if sent is not None and sent < around else None,
        resolved_at=resolved_at,
        starts_on=_date(around + between(rng, 14, 45) * DAY),
        salary=60_000 + 5_000 * below(rng, 32),  # randrange(60_000, 220_000, 5_000)
        employment_type=choice(rng, _EMPLOYMENT_TYPES),
    )
    world.offers.append(offer.id, offer)
    world.offers_by_application.add(application.id, offer.id)


_EMPLOYMENT_TYPES = ("Full-time", "Full-time", "Part-time")


# -- surveys -------------------------------------------------------------------------


def _add_surveys(
    world: World, application: Application, questions: list[DemographicQuestion]
) -> None:
    rng = world.rng
    if rng.random() < 0.4:
        for question in questions:
            count = between(rng, 1, 2) if question.multiple else 1
            options = question.option_ids
            chosen = (
                [choice(rng, options)] if count == 1 else rng.sample(options, count)
            )
            for option_id in sorted(chosen):
                option = world.answer_options.get(option_id)
                answer = DemographicAnswer(
                    id=world.demographic_answers.next_id(),
                    application_id=application.id,
                    question_id=question.id,
                    option_id=option.id,
                    free_form_text=choice(rng, FREE_FORM_TEXTS)
                    if option.free_form
                    else None,
                    created_at=application.applied_at,
                    updated_at=application.applied_at,
                )
                world.demographic_answers.append(answer.id, answer)
                world.answers_by_application.add(application.id, answer.id)
    if rng.random() < 0.5:
        partial = rng.random() < 0.1
        eeoc = Eeoc(
            application_id=application.id,
            candidate_id=application.candidate_id,
            race_id=between(rng, 1, 8),
            gender_id=between(rng, 1, 3),
            veteran_status_id=None if partial else between(rng, 1, 3),
            disability_status_id=None if partial else between(rng, 1, 3),
            submitted_at=application.applied_at,
        )
        world.eeoc.add(application.id, eeoc)
