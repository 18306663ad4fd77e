"""What happened to each application on its way through the pipeline: interviews
scheduled and held, scorecards written, offers made, and the voluntary surveys
(demographics, EEOC) answered when it was submitted.

Every time falls between an application's `applied_at` and its last activity, so
the world stays consistent; only interviews still to come lie after the epoch.
"""

from __future__ import annotations

from datetime import UTC, datetime
from random import Random

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


def _between(rng: Random, low: int, high: int) -> int:
    """`rng.randint`, at a fraction of its cost: the world draws millions."""
    return low + int(rng.random() * (high - low + 1))


def _date(millis: int) -> str:
    return datetime.fromtimestamp(millis / 1000, UTC).strftime("%Y-%m-%d")


def record_process(world: World, epoch: int) -> None:
    questions = [q for q in world.demographic_questions if q.active]
    for application in world.applications:
        if application.job_id is None:
            continue
        job = world.jobs.get(application.job_id)
        _add_interviews(world, application, job, epoch)
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


def _add_interviews(
    world: World, application: Application, job: Job, epoch: int
) -> None:
    stages = world.job_stages(job)[: _reached(application, job)]
    # Application Review is read, not scheduled.
    held = [(stage.id, iv.id) for stage in stages[1:-1] for iv in stage.interviews]
    last = stages[-1] if len(stages) > 1 else None
    current = [(last.id, iv.id) for iv in last.interviews] if last else []
    if application.status == "hired":
        held, current = held + current, []
    start, end = application.applied_at, application.last_activity_at
    for number, interview in enumerate(held):
        at = start + (end - start) * (number + 1) // (len(held) + 1)
        _schedule(world, application, job, interview, at, "complete", epoch)
    if application.status == "active":
        for interview in current:
            if world.rng.random() < 0.5:
                at = epoch + _between(world.rng, 1, 10) * DAY
                status: InterviewStatus = "scheduled"
            else:
                at = max(start, epoch - _between(world.rng, 1, 3) * DAY)
                status = "awaiting_feedback"
            _schedule(world, application, job, interview, at, status, epoch)


def _schedule(
    world: World,
    application: Application,
    job: Job,
    interview: tuple[int, int],
    at: int,
    status: InterviewStatus,
    epoch: int,
) -> None:
    stage_id, interview_id = interview
    rng = world.rng
    users = world.users.ids
    start = at - at % (15 * MINUTE)
    minutes = rng.choice((30, 45, 60))
    created = max(application.applied_at, min(start, epoch) - _between(rng, 1, 4) * DAY)
    panel = set(job.hiring_manager_ids[:1])
    if not panel or rng.random() < 0.3:
        panel.add(users[int(rng.random() * len(users))])
    in_person = rng.random() < 0.4
    scheduled = ScheduledInterview(
        id=world.scheduled_interviews.next_id(),
        application_id=application.id,
        stage_id=stage_id,
        interview_id=interview_id,
        external_event_id="",
        start=start,
        end=start + minutes * MINUTE,
        location=rng.choice(ROOMS) if in_person else None,
        video_conferencing_url=None,
        status=status,
        created_at=created,
        updated_at=created,
        organizer_id=job.coordinator_id or job.recruiter_id or users[0],
    )
    scheduled.external_event_id = f"ghsim-event-{scheduled.id}"
    if not in_person:
        scheduled.video_conferencing_url = f"https://meet.example.com/{scheduled.id}"
    for user_id in sorted(panel):
        response = "accepted"
        if status == "scheduled":
            response = rng.choice(("needs_action", "accepted", "tentative"))
        slot = InterviewerSlot(user_id, response)
        if status == "complete":
            slot.scorecard_id = _score(world, application, scheduled, user_id, epoch)
            scheduled.updated_at = max(scheduled.updated_at, scheduled.end)
        scheduled.interviewers.append(slot)
    world.scheduled_interviews.add(scheduled.id, scheduled)
    world.interviews_by_application.add(application.id, scheduled.id)


def _score(
    world: World,
    application: Application,
    scheduled: ScheduledInterview,
    user_id: int,
    epoch: int,
) -> int:
    rng = world.rng
    leaning = 3 if application.status == "hired" else _between(rng, 1, 3)
    # One draw, read as base-3 digits: each attribute a notch around the leaning.
    draw = int(rng.random() * 3 ** len(SCORECARD_ATTRIBUTES))
    ratings = []
    for _ in SCORECARD_ATTRIBUTES:
        draw, notch = divmod(draw, 3)
        ratings.append(RATINGS[leaning - 1 + notch])
    recommendation = RECOMMENDATIONS[max(0, min(3, leaning + _between(rng, -1, 0)))]
    submitted = min(epoch - 1, scheduled.end + _between(rng, 1, 20) * HOUR)
    scorecard = Scorecard(
        id=world.scorecards.next_id(),
        application_id=application.id,
        candidate_id=application.candidate_id,
        stage_id=scheduled.stage_id,
        interview_id=scheduled.interview_id,
        interviewed_at=scheduled.start,
        interviewer_id=user_id,
        submitted_by_id=user_id if rng.random() < 0.9 else scheduled.organizer_id,
        submitted_at=submitted,
        created_at=submitted,
        updated_at=submitted,
        overall_recommendation=recommendation,
        ratings=ratings,
        takeaways=rng.choice(TAKEAWAYS),
    )
    world.scorecards.add(scorecard.id, scorecard)
    world.scorecards_by_application.add(application.id, scorecard.id)
    return scorecard.id


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
    created = max(application.applied_at, around - _between(rng, 2, 8) * DAY)
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
        starts_on=_date(around + _between(rng, 14, 45) * DAY),
        salary=rng.randrange(60_000, 220_000, 5_000),
        employment_type=rng.choice(("Full-time", "Full-time", "Part-time")),
    )
    world.offers.add(offer.id, offer)
    world.offers_by_application.add(application.id, offer.id)


# -- surveys -------------------------------------------------------------------------


def _add_surveys(
    world: World, application: Application, questions: list[DemographicQuestion]
) -> None:
    rng = world.rng
    if rng.random() < 0.4:
        for question in questions:
            count = _between(rng, 1, 2) if question.multiple else 1
            for option_id in sorted(rng.sample(question.option_ids, count)):
                option = world.answer_options.get(option_id)
                answer = DemographicAnswer(
                    id=world.demographic_answers.next_id(),
                    application_id=application.id,
                    question_id=question.id,
                    option_id=option.id,
                    free_form_text=rng.choice(FREE_FORM_TEXTS)
                    if option.free_form
                    else None,
                    created_at=application.applied_at,
                    updated_at=application.applied_at,
                )
                world.demographic_answers.add(answer.id, answer)
                world.answers_by_application.add(application.id, answer.id)
    if rng.random() < 0.5:
        partial = rng.random() < 0.1
        eeoc = Eeoc(
            application_id=application.id,
            candidate_id=application.candidate_id,
            race_id=_between(rng, 1, 8),
            gender_id=_between(rng, 1, 3),
            veteran_status_id=None if partial else _between(rng, 1, 3),
            disability_status_id=None if partial else _between(rng, 1, 3),
            submitted_at=application.applied_at,
        )
        world.eeoc.add(application.id, eeoc)
