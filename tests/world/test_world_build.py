"""How a world is built: progress reports, the draws it makes, the collector left
as it was found. What the world holds is tested in test_world_generator.py."""

from __future__ import annotations

import gc
import random
from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest
from faker import Faker

from simulator.world import World, WorldSpec, build_world
from simulator.world.draws import below, between, choice, randint, sample, weighted
from simulator.world.names import Names
from simulator.world.posts import Prose
from simulator.world.progress import TOTAL, Progress
from simulator.world.table import IdIndex

Dump = Callable[[World], dict[str, Any]]
SpecFor = Callable[[int, int], WorldSpec]


@pytest.mark.parametrize("size", [10, 300])
def test_build_world__progress_rises_to_its_total(size: int, spec_for: SpecFor) -> None:
    calls: list[tuple[int, int]] = []

    build_world(
        spec_for(5, size), clock_mode="virtual", progress=lambda *c: calls.append(c)
    )

    done = [d for d, _ in calls]
    assert {t for _, t in calls} == {TOTAL}
    assert done[0] == 0 and done[-1] == TOTAL
    assert all(a < b for a, b in pairwise(done))
    assert len(calls) <= TOTAL + 1


def test_build_world__progress_changes_nothing(dump: Dump, spec_for: SpecFor) -> None:
    plain = build_world(spec_for(7, 60), clock_mode="virtual")

    watched = build_world(
        spec_for(7, 60), clock_mode="virtual", progress=lambda done, total: None
    )

    assert dump(plain) == dump(watched)


def test_build_world__indexes_as_the_world_indexes(spec_for: SpecFor) -> None:
    # The build writes candidates and applications into their indexes itself.
    built = build_world(spec_for(3, 400), clock_mode="virtual")
    again = build_world(spec_for(3, 400), clock_mode="virtual")
    again.candidates_by_email, again.candidates_by_tag = IdIndex(), IdIndex()
    again.applications_by_job, again.applications_by_status = IdIndex(), IdIndex()
    for candidate in again.candidates:
        candidate.application_ids = []
        again.index_candidate(candidate)
    for application in again.applications:
        again.index_application(application)

    assert again.candidates_by_email == built.candidates_by_email
    assert again.candidates_by_tag == built.candidates_by_tag
    assert again.applications_by_job == built.applications_by_job
    assert again.applications_by_status == built.applications_by_status
    assert [c.application_ids for c in again.candidates] == [
        c.application_ids for c in built.candidates
    ]
    assert any(len(c.application_ids) > 1 for c in built.candidates)


@pytest.mark.parametrize("enabled", [True, False])
def test_build_world__leaves_the_cycle_collector_as_it_was(
    enabled: bool, spec_for: SpecFor
) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        build_world(spec_for(7, 10), clock_mode="virtual")

        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_progress__phases_share_the_total_and_report_each_step_once() -> None:
    calls: list[tuple[int, int]] = []
    progress = Progress(lambda *c: calls.append(c))

    progress.phase("candidates", 1000)
    for number in range(0, 1000, progress.every):
        progress.at(number)
    progress.phase("process", 3)
    progress.at(1)
    progress.at(1)
    progress.finish()

    done = [d for d, _ in calls]
    assert done == sorted(set(done))
    assert done[0] == 0 and done[-1] == TOTAL
    assert progress.every == 1


def test_progress__without_a_callback_never_asks_to_be_told() -> None:
    progress = Progress(None)

    progress.phase("candidates", 100_000)

    assert progress.every > 100_000


@pytest.mark.parametrize("seed", [0, 1, 99])
def test_draws__choice_and_randint_draw_as_random_does(seed: int) -> None:
    ours, theirs = random.Random(seed), random.Random(seed)
    items = list(range(37))

    mine = [(choice(ours, items), randint(ours, -5, 1000)) for _ in range(500)]
    expected = [(theirs.choice(items), theirs.randint(-5, 1000)) for _ in range(500)]

    assert mine == expected
    assert ours.getstate() == theirs.getstate()


@pytest.mark.parametrize("seed", [0, 1, 99])
def test_draws__weighted_draws_as_choices_does(seed: int) -> None:
    ours, theirs = random.Random(seed), random.Random(seed)
    items, cumulative = ["a", "b", "c", "d"], [4, 7, 9, 10]

    mine = [weighted(ours, items, cumulative) for _ in range(500)]
    expected = [theirs.choices(items, cum_weights=cumulative)[0] for _ in range(500)]

    assert mine == expected


@pytest.mark.parametrize("size", [1, 6, 21, 22, 4000])
def test_draws__sample_draws_as_random_does(size: int) -> None:
    ours, theirs = random.Random(size), random.Random(size)
    items = [f"item {i}" for i in range(size)]
    ks = [k % (min(size, 7) + 1) for k in range(300)]  # up to 7: past the written-out

    mine = [sample(ours, items, k) for k in ks]
    expected = [theirs.sample(items, k) for k in ks]

    assert mine == expected
    assert ours.getstate() == theirs.getstate()


@pytest.mark.parametrize(("low", "high"), [(1, 1), (-1, 0), (1, 20)])
def test_draws__between_stays_in_bounds_and_reaches_both(low: int, high: int) -> None:
    rng = random.Random(3)

    seen = {between(rng, low, high) for _ in range(2000)}

    assert seen == set(range(low, high + 1))
    assert {below(rng, 3) for _ in range(200)} == {0, 1, 2}


@pytest.mark.parametrize("seed", [1, 7, 2024])
def test_prose__writes_what_faker_writes_from_the_same_draws(seed: int) -> None:
    ours, theirs = Faker("en_US"), Faker("en_US")
    ours.seed_instance(seed)
    theirs.seed_instance(seed)
    prose = Prose(ours)

    mine = [(prose.sentence(), prose.paragraph()) for _ in range(200)]
    expected = [(theirs.sentence(), theirs.paragraph()) for _ in range(200)]

    assert mine == expected
    assert ours.random.getstate() == theirs.random.getstate()


@pytest.mark.parametrize("seed", [1, 7, 2024])
def test_names__draws_what_faker_draws(seed: int) -> None:
    ours, theirs = Faker("en_US"), Faker("en_US")
    ours.seed_instance(seed)
    theirs.seed_instance(seed)
    names = Names(ours)

    mine = [(names.first_name(), names.last_name()) for _ in range(300)]
    expected = [(theirs.first_name(), theirs.last_name()) for _ in range(300)]

    assert mine == expected
    assert ours.random.getstate() == theirs.random.getstate()
    assert names.first_name != ours.first_name  # drawn directly, not through Faker
