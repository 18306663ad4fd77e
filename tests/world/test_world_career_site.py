"""What a career-site application adds: history, EEOC and demographic answers,
and an application joining a known candidate when reuse is asked for."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from simulator.world import InvalidField, InvalidTransition, World
from simulator.world.actions import (
    CandidateDetails,
    DemographicChoice,
    EeocChoice,
    apply_to_post,
)
from simulator.world.actions.forms import EducationForm, EmploymentForm
from simulator.world.records import JobPost

EMAIL = "grace.hopper@example.org"


def _posts(world: World) -> tuple[JobPost, JobPost]:
    """Two posts of two different open jobs."""
    posts = [
        world.job_posts.get(job.post_ids[0])
        for job in world.jobs
        if job.status == "open" and job.post_ids
    ]
    return posts[0], posts[1]


def _details(**changes: Any) -> CandidateDetails:
    details = CandidateDetails("Grace", "Hopper", email=EMAIL)
    for name, value in changes.items():
        setattr(details, name, value)
    return details


def _sizes(world: World) -> tuple[int, ...]:
    tables = (
        world.candidates,
        world.applications,
        world.educations,
        world.employments,
        world.eeoc,
        world.demographic_answers,
    )
    return tuple(len(table) for table in tables)


def _survey(world: World) -> tuple[int, int]:
    question = next(q for q in world.demographic_questions if q.active)
    return question.id, question.option_ids[0]


def test_apply_to_post__keeps_history_eeoc_and_demographics(world: World) -> None:
    post, _ = _posts(world)
    question_id, option_id = _survey(world)
    details = _details(
        educations=[EducationForm(school_id=world.schools.ids[0], at="educations[0]")],
        employments=[EmploymentForm("Navy", "Officer", 0, None, at="employments[0]")],
        eeoc=EeocChoice(gender_id=2, race_id=None),
        demographics=[DemographicChoice(question_id, option_id)],
    )

    application, _ = apply_to_post(world, post, details)

    candidate = world.candidates.get(application.candidate_id)
    [education_id] = candidate.education_ids
    assert world.educations.get(education_id).school_id == world.schools.ids[0]
    [employment_id] = candidate.employment_ids
    assert world.employments.get(employment_id).company_name == "Navy"
    eeoc = world.eeoc.get(application.id)
    assert (eeoc.gender_id, eeoc.race_id) == (2, None)
    [answer_id] = world.answers_by_application.ids(application.id)
    assert world.demographic_answers.get(answer_id).option_id == option_id


def test_apply_to_post__eeoc_left_unsaid_keeps_no_record(world: World) -> None:
    post, _ = _posts(world)

    application, _ = apply_to_post(world, post, _details(eeoc=EeocChoice()))

    assert world.eeoc.find(application.id) is None


@pytest.mark.parametrize(
    "changes",
    [
        {"educations": [EducationForm(degree_id=1, at="educations[0]")]},
        {"educations": [EducationForm(start_date=2, end_date=1, at="educations[0]")]},
        {"employments": [EmploymentForm("A", "B", 5, 1, at="employments[0]")]},
        {"eeoc": EeocChoice(veteran_status_id=4)},
        {"demographics": [DemographicChoice(1, 1)]},
    ],
)
def test_apply_to_post__refuses_extras_and_changes_nothing(
    world: World, changes: dict[str, Any]
) -> None:
    post, _ = _posts(world)
    before = _sizes(world)

    with pytest.raises(InvalidField):
        apply_to_post(world, post, _details(**copy.deepcopy(changes)))

    assert _sizes(world) == before


def test_apply_to_post__reuse_joins_the_candidate_with_that_email(
    world: World,
) -> None:
    post, other = _posts(world)
    first, _ = apply_to_post(world, post, _details())

    second, _ = apply_to_post(world, other, _details(), reuse_candidate=True)

    assert second.candidate_id == first.candidate_id
    candidate = world.candidates.get(first.candidate_id)
    assert candidate.application_ids[-2:] == [first.id, second.id]


def test_apply_to_post__without_reuse_the_same_email_is_a_new_candidate(
    world: World,
) -> None:
    post, other = _posts(world)
    first, _ = apply_to_post(world, post, _details())

    second, _ = apply_to_post(world, other, _details())

    assert second.candidate_id != first.candidate_id


def test_apply_to_post__reuse_onto_a_job_applied_to_changes_nothing(
    world: World,
) -> None:
    post, _ = _posts(world)
    apply_to_post(world, post, _details())
    before = _sizes(world)

    with pytest.raises(InvalidTransition):
        apply_to_post(world, post, _details(), reuse_candidate=True)

    assert _sizes(world) == before
