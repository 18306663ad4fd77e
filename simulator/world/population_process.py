"""What happened to each application on its way through the pipeline: interviews
scheduled and held, scorecards written, offers made, and the voluntary surveys
(demographics, EEOC) answered when it was submitted.

Every time falls between an application's `applied_at` and its last activity, so
the world stays consistent; only interviews still to come lie after the epoch.
"""

from __future__ import annotations

from datetime import date

from simulator.world.draws import below, between, choice, sample
from simulator.world.population_interviews import (  # the renderers read it here
    SCORECARD_ATTRIBUTES as SCORECARD_ATTRIBUTES,
)
from simulator.world.population_interviews import Interviews
from simulator.world.progress import Progress
from simulator.world.records import Application, Job
from simulator.world.records_hiring import Offer, OfferStatus
from simulator.world.records_org import DemographicAnswer, DemographicQuestion, Eeoc
from simulator.world.store import World

DAY = 86_400_000
HOUR = 3_600_000
MINUTE = 60_000

FREE_FORM_TEXTS: tuple[str, ...] = ("Genderfluid", "Mixed heritage", "Two-spirit")


def _date(millis: int) -> str:
    """The UTC date of a time, as `YYYY-MM-DD`; by day count, cheaper than strftime."""
    return date.fromordinal(_UNIX_EPOCH_DAY + millis // DAY).isoformat()


_UNIX_EPOCH_DAY = date(1970, 1, 1).toordinal()


def record_process(world: World, epoch: int, progress: Progress | None = None) -> None:
    surveys = _Surveys(world, [q for q in world.demographic_questions if q.active])
    interviews = Interviews(world, epoch)
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
        # Only a hire, or an application at the offer stage, has offers.
        if application.status == "hired" or (
            application.current_stage_id == job.stage_ids[-1]
        ):
            _add_offers(world, application, job)
        if application.job_post_id is not None:
            surveys.add(application)
    interviews.finish()


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


class _Surveys:
    """Writes the demographic and EEOC answers of applications made through a post.

    Each active question's options are looked up once, not once per answer.
    """

    def __init__(self, world: World, questions: list[DemographicQuestion]) -> None:
        self.world = world
        options = world.answer_options
        self.questions = [
            (
                question.id,
                question.multiple,
                question.option_ids,
                {i for i in question.option_ids if options.get(i).free_form},
            )
            for question in questions
        ]

    def add(self, application: Application) -> None:
        world = self.world
        rng = world.rng
        random = rng.random
        if random() < 0.4:
            answers, table = [], world.demographic_answers
            applied = application.applied_at
            for question_id, multiple, options, free_form in self.questions:
                count = 1 + int(random() * 2) if multiple else 1  # between(rng, 1, 2)
                # One option is what `choice` would draw, from the same draw.
                chosen = sample(rng, options, count)
                for option_id in sorted(chosen):
                    answer_id = table.next_id()
                    text = (
                        choice(rng, FREE_FORM_TEXTS) if option_id in free_form else None
                    )
                    answer = DemographicAnswer(
                        answer_id,
                        application.id,
                        question_id,
                        option_id,
                        text,
                        applied,
                        applied,
                    )
                    table.append(answer_id, answer)
                    answers.append(answer_id)
            if answers:
                world.answers_by_application.put(application.id, answers)
        if random() < 0.5:
            partial = random() < 0.1
            race_id = between(rng, 1, 8)
            gender_id = between(rng, 1, 3)
            eeoc = Eeoc(
                application.id,
                application.candidate_id,
                race_id,
                gender_id,
                None if partial else between(rng, 1, 3),
                None if partial else between(rng, 1, 3),
                application.applied_at,
            )
            world.eeoc.add(application.id, eeoc)
