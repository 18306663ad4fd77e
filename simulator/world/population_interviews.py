"""The interviews each application went through, and the scorecards written on them.

These are most of the records a world holds (two of each per application), so
this is the hottest loop of a build. It makes the same draws, in the same order,
as `Random.choice` and `between` would (see `draws`), written out in place; it
finds what every application of a job shares once per job; and it counts ids
itself, adding a whole phase's records to their tables at the end. A seed gives
the same records it always did, only sooner.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.world.records import Application, Job
from simulator.world.records_hiring import (
    InterviewerSlot,
    InterviewStatus,
    Recommendation,
    ScheduledInterview,
    Scorecard,
)
from simulator.world.store import World

DAY = 86_400_000
HOUR = 3_600_000
MINUTE = 60_000
QUARTER = 15 * MINUTE

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
_LENGTHS = (30, 45, 60)
_RESPONSES = ("needs_action", "accepted", "tentative")
_NOTCHES = 3 ** len(SCORECARD_ATTRIBUTES)

Pair = tuple[int, int]  # a stage id and one of its interview ids


def _ratings_table() -> list[list[tuple[str, ...]]]:
    """Every scorecard's ratings, by leaning (1 to 3) and base-3 draw."""
    table = []
    for leaning in (1, 2, 3):
        by_draw = []
        for draw in range(_NOTCHES):
            ratings = []
            for _ in SCORECARD_ATTRIBUTES:
                draw, notch = divmod(draw, 3)
                ratings.append(RATINGS[leaning - 1 + notch])
            by_draw.append(tuple(ratings))
        table.append(by_draw)
    return table


_RATINGS = _ratings_table()


@dataclass(slots=True)
class _JobPlan:
    """What every application of one job shares: where each stage stands, which
    interviews an application has held and has coming by how far it got, who
    sits on every panel and who organises."""

    position: dict[int | None, int]  # stage id (None: none yet) -> stages entered
    # By stages entered: the interviews held, and those of the current stage.
    by_reached: list[tuple[list[Pair], list[Pair]]]
    # A hire held every interview but the review's, and has none to come.
    hired: tuple[list[Pair], list[Pair]]
    panel: list[int]
    organizer: int


class Interviews:
    """Schedules each application's interviews and writes their scorecards."""

    def __init__(self, world: World, epoch: int) -> None:
        self.world = world
        self.epoch = epoch
        self._random, self._bits = world.rng.random, world.rng.getrandbits
        self._jobs: dict[int, _JobPlan] = {}
        # Records made and their ids (the very int objects each record holds).
        self._next_interview = world.scheduled_interviews.peek_id()
        self._interviews: list[ScheduledInterview] = []
        self._interview_ids: list[int] = []
        self._next_scorecard = world.scorecards.peek_id()
        self._scorecards: list[Scorecard] = []
        self._scorecard_ids: list[int] = []

    def _plan(self, job: Job) -> _JobPlan:
        plan = self._jobs.get(job.id)
        if plan is None:
            plan = self._jobs[job.id] = self._make_plan(job)
        return plan

    def _make_plan(self, job: Job) -> _JobPlan:
        stages = [
            [(stage.id, interview.id) for interview in stage.interviews]
            for stage in self.world.job_stages(job)
        ]
        by_reached = []
        for reached in range(len(stages) + 1):
            entered = stages[:reached]
            # Application Review is read, not scheduled.
            held = [pair for stage in entered[1:-1] for pair in stage]
            by_reached.append((held, entered[-1] if len(entered) > 1 else []))
        held, current = by_reached[-1]
        users = self.world.users.ids
        return _JobPlan(
            position={
                None: 0,
                **{stage_id: at + 1 for at, stage_id in enumerate(job.stage_ids)},
            },
            by_reached=by_reached,
            hired=(held + current, []),
            panel=job.hiring_manager_ids[:1],
            organizer=job.coordinator_id or job.recruiter_id or users[0],
        )

    def add(self, application: Application, job: Job) -> None:
        plan = self._plan(job)
        status = application.status
        if status == "hired":
            held, current = plan.hired
        else:
            held, current = plan.by_reached[plan.position[application.current_stage_id]]
        interview_ids, scorecard_ids = self._interview_ids, self._scorecard_ids
        interviews_before, scorecards_before = len(interview_ids), len(scorecard_ids)
        start, end = application.applied_at, application.last_activity_at
        count = len(held) + 1
        for number, pair in enumerate(held, 1):
            at = start + (end - start) * number // count
            self._schedule(application, plan, pair, at, "complete")
        if status == "active" and current:
            random, epoch = self._random, self.epoch
            for pair in current:
                if random() < 0.5:
                    at = epoch + (1 + int(random() * 10)) * DAY
                    self._schedule(application, plan, pair, at, "scheduled")
                else:
                    at = max(start, epoch - (1 + int(random() * 3)) * DAY)
                    self._schedule(application, plan, pair, at, "awaiting_feedback")
        world = self.world
        if len(interview_ids) > interviews_before:
            world.interviews_by_application.put(
                application.id, interview_ids[interviews_before:]
            )
        if len(scorecard_ids) > scorecards_before:
            world.scorecards_by_application.put(
                application.id, scorecard_ids[scorecards_before:]
            )

    def _schedule(
        self,
        application: Application,
        plan: _JobPlan,
        pair: Pair,
        at: int,
        status: InterviewStatus,
    ) -> None:
        # The draws are those of `choice(rng, ...)` and `between`, written out.
        random, bits = self._random, self._bits
        stage_id, interview_id = pair
        start = at - at % QUARTER
        draw = bits(2)
        while draw >= 3:
            draw = bits(2)
        end = start + _LENGTHS[draw] * MINUTE
        epoch = self.epoch
        created = max(
            application.applied_at,
            (start if start < epoch else epoch) - (1 + int(random() * 4)) * DAY,
        )
        panel = plan.panel
        if not panel or random() < 0.3:
            users = self.world.users.ids
            extra = users[int(random() * len(users))]
            if extra not in panel:
                panel = sorted([*panel, extra])
        scheduled_id = self._next_interview
        self._next_interview = scheduled_id + 1
        self._interview_ids.append(scheduled_id)
        if random() < 0.4:
            draw = bits(3)
            while draw >= 4:
                draw = bits(3)
            room, url = ROOMS[draw], None
        else:
            room, url = None, f"https://meet.example.com/{scheduled_id}"
        if status == "complete":
            slots = [
                InterviewerSlot(user_id, "accepted", scorecard_id)
                for user_id, scorecard_id in self._score(
                    application, plan, pair, start, end, panel
                )
            ]
            updated = created if created > end else end
        elif status == "scheduled":
            slots = []
            for user_id in panel:
                draw = bits(2)
                while draw >= 3:
                    draw = bits(2)
                slots.append(InterviewerSlot(user_id, _RESPONSES[draw]))
            updated = created
        else:
            slots = [InterviewerSlot(user_id, "accepted") for user_id in panel]
            updated = created
        self._interviews.append(
            ScheduledInterview(
                scheduled_id,
                application.id,
                stage_id,
                interview_id,
                f"ghsim-event-{scheduled_id}",
                start,
                end,
                room,
                url,
                status,
                created,
                updated,
                plan.organizer,
                slots,
            )
        )

    def _score(
        self,
        application: Application,
        plan: _JobPlan,
        pair: Pair,
        start: int,
        end: int,
        panel: list[int],
    ) -> list[tuple[int, int]]:
        """Each panelist's scorecard on a held interview: (user id, scorecard id)."""
        random, bits = self._random, self._bits
        hired = application.status == "hired"
        last = self.epoch - 1
        written = []
        for user_id in panel:
            leaning = 3 if hired else 1 + int(random() * 3)
            # One draw, read as base-3 digits: each attribute a notch around it.
            ratings = list(_RATINGS[leaning - 1][int(random() * _NOTCHES)])
            recommendation = RECOMMENDATIONS[leaning - 1 + int(random() * 2)]
            submitted = end + (1 + int(random() * 20)) * HOUR
            if submitted > last:
                submitted = last
            scorecard_id = self._next_scorecard
            self._next_scorecard = scorecard_id + 1
            self._scorecard_ids.append(scorecard_id)
            submitter = user_id if random() < 0.9 else plan.organizer
            draw = bits(3)
            while draw >= 5:
                draw = bits(3)
            self._scorecards.append(
                Scorecard(
                    scorecard_id,
                    application.id,
                    application.candidate_id,
                    pair[0],
                    pair[1],
                    start,
                    user_id,
                    submitter,
                    submitted,
                    submitted,
                    submitted,
                    recommendation,
                    ratings,
                    TAKEAWAYS[draw],
                )
            )
            written.append((user_id, scorecard_id))
        return written

    def finish(self) -> None:
        """Add the interviews and scorecards made to the world's tables."""
        self.world.scheduled_interviews.extend(self._interview_ids, self._interviews)
        self.world.scorecards.extend(self._scorecard_ids, self._scorecards)
