"""What a career-site application adds beyond the person: history and surveys.

The Job Board form carries schools and jobs for the profile, EEOC answers and
demographic answers for the application. Each is checked before anything is
created, then recorded on the new application and candidate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.world.actions.profile import (
    check_education,
    check_employment,
    create_education,
    create_employment,
)
from simulator.world.errors import InvalidField
from simulator.world.records import Application, Candidate
from simulator.world.records_org import DemographicAnswer, Eeoc
from simulator.world.store import World

if TYPE_CHECKING:
    from simulator.world.actions.details import CandidateDetails

# The sizes of Greenhouse's fixed EEOC lists (Harvest docs, "EEOC Reference").
EEOC_CHOICES = {
    "gender_id": 3,
    "race_id": 8,
    "veteran_status_id": 3,
    "disability_status_id": 3,
}


def check_extras(world: World, details: CandidateDetails) -> None:
    """Refuse history or answers the world cannot record; change nothing."""
    for education in details.educations:
        check_education(world, education)
    for employment in details.employments:
        check_employment(employment)
    if details.eeoc is not None:
        for name, size in EEOC_CHOICES.items():
            value = getattr(details.eeoc, name)
            if value is not None and not 1 <= value <= size:
                field = name.removesuffix("_id")
                raise InvalidField(field, f"{field} {value} is not one of 1 to {size}")
    _check_demographics(world, details)


def _check_demographics(world: World, details: CandidateDetails) -> None:
    chosen: dict[int, int] = {}
    for index, choice in enumerate(details.demographics):
        where = f"demographic_answers[{index}]"
        question = world.demographic_questions.find(choice.question_id)
        if question is None or not question.active:
            raise InvalidField(
                f"{where}.question_id",
                f"Demographic question {choice.question_id} does not exist",
            )
        if choice.option_id not in question.option_ids:
            raise InvalidField(
                f"{where}.answer_option_id",
                f"Answer option {choice.option_id} is not an option of "
                f"demographic question {question.id}",
            )
        option = world.answer_options.get(choice.option_id)
        if choice.text and not option.free_form:
            raise InvalidField(
                f"{where}.text",
                f"Answer option {option.id} takes no free-form text",
            )
        chosen[question.id] = chosen.get(question.id, 0) + 1
        if chosen[question.id] > 1 and not question.multiple:
            raise InvalidField(
                f"{where}.answer_options",
                f"Demographic question {question.id} takes one answer option",
            )


def record_extras(
    world: World,
    candidate: Candidate,
    application: Application,
    details: CandidateDetails,
) -> None:
    """Keep the checked history and answers; `check_extras` has passed."""
    for education in details.educations:
        create_education(world, candidate, education)
    for employment in details.employments:
        create_employment(world, candidate, employment)
    at = application.applied_at
    if details.eeoc is not None and _any_eeoc(details):
        eeoc = Eeoc(
            application_id=application.id,
            candidate_id=candidate.id,
            race_id=details.eeoc.race_id,
            gender_id=details.eeoc.gender_id,
            veteran_status_id=details.eeoc.veteran_status_id,
            disability_status_id=details.eeoc.disability_status_id,
            submitted_at=at,
        )
        world.eeoc.add(application.id, eeoc)
    for choice in details.demographics:
        answer = DemographicAnswer(
            id=world.demographic_answers.next_id(),
            application_id=application.id,
            question_id=choice.question_id,
            option_id=choice.option_id,
            free_form_text=choice.text or None,
            created_at=at,
            updated_at=at,
        )
        world.demographic_answers.add(answer.id, answer)
        world.answers_by_application.add(application.id, answer.id)


def _any_eeoc(details: CandidateDetails) -> bool:
    eeoc = details.eeoc
    return eeoc is not None and any(
        getattr(eeoc, name) is not None for name in EEOC_CHOICES
    )


def reusable_candidate(world: World, email: str | None) -> Candidate | None:
    """The oldest candidate with this e-mail, when applications may reuse one."""
    if not email:
        return None
    ids = sorted(world.candidates_by_email.ids(email.lower()))
    return world.candidates.get(ids[0]) if ids else None
