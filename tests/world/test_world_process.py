"""The seeded hiring process and configuration agree with the applications."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from simulator.world import World

SEEDS = [(7, 60), (3, 200)]


@pytest.mark.parametrize(("seed", "size"), SEEDS)
def test_interviews__fall_within_the_application_or_ahead(
    seed: int, size: int, built: Callable[[int, int], World]
) -> None:
    world = built(seed, size)
    epoch = world.clock.now()

    for interview in world.scheduled_interviews:
        app = world.applications.get(interview.application_id)
        assert interview.start < interview.end
        assert interview.created_at >= app.applied_at
        assert interview.interview_id in [
            iv.id for iv in world.stages.get(interview.stage_id).interviews
        ]
        if interview.status == "scheduled":
            assert interview.start > epoch and app.status == "active"
        else:
            assert interview.start < epoch


@pytest.mark.parametrize(("seed", "size"), SEEDS)
def test_scorecards__one_per_interviewer_of_each_held_interview(
    seed: int, size: int, built: Callable[[int, int], World]
) -> None:
    world = built(seed, size)

    linked = [
        slot.scorecard_id
        for interview in world.scheduled_interviews
        for slot in interview.interviewers
        if interview.status == "complete"
    ]

    assert sorted(linked) == list(world.scorecards.ids)
    for card in world.scorecards:
        assert card.submitted_at < world.clock.now()


@pytest.mark.parametrize(("seed", "size"), SEEDS)
def test_offers__follow_the_applications_outcome(
    seed: int, size: int, built: Callable[[int, int], World]
) -> None:
    world = built(seed, size)

    for app in world.applications:
        offers = [world.offers.get(i) for i in world.offers_by_application.ids(app.id)]
        if app.status == "hired":
            assert offers[-1].status == "accepted"
            assert offers[-1].opening_id == app.hired_opening_id
        for offer in offers:
            assert offer.version == offers.index(offer) + 1
            if offer.status == "unresolved":
                assert app.status == "active"


@pytest.mark.parametrize(("seed", "size"), SEEDS)
def test_surveys__only_for_applications_through_a_post(
    seed: int, size: int, built: Callable[[int, int], World]
) -> None:
    world = built(seed, size)

    answered = {a.application_id for a in world.demographic_answers}
    submitted = {e.application_id for e in world.eeoc}

    assert answered and submitted
    for app_id in answered | submitted:
        assert world.applications.get(app_id).job_post_id is not None
    for answer in world.demographic_answers:
        option = world.answer_options.get(answer.option_id)
        assert option.question_id == answer.question_id
        assert (answer.free_form_text is not None) == option.free_form


def test_job_permissions__none_for_site_admins(
    built: Callable[[int, int], World],
) -> None:
    world = built(7, 60)

    for permission in world.job_permissions:
        assert not world.users.get(permission.user_id).site_admin
        assert permission.job_id in world.jobs
        assert permission.user_role_id in world.user_roles
