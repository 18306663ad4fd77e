"""Retries on the simulator's clock: Greenhouse's ladder, in virtual time."""

from __future__ import annotations

from itertools import pairwise

import pytest

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks.delivery import Delivery
from simulator.webhooks.retries import LADDER_MINUTES, RetryPolicy
from tests.webhooks.helpers import Receiver, active_app, receiving, reject, run
from tests.webhooks.helpers import virtual_sim as _sim

HOUR = 3600


def _one_rejection(sim: Simulator, receiver: Receiver, hours: float) -> Delivery:
    holder: list[Delivery] = []

    async def story() -> None:
        holder.extend(reject(sim, active_app(sim)))
        await sim.dispatcher.settle()
        await sim.advance(hours * HOUR)

    with receiving(receiver):
        run(sim, story)
    [delivery] = holder
    return delivery


def test_retries__failing_receiver_gets_seven_attempts_on_the_ladder(
    setup: Setup,
) -> None:
    sim = _sim(setup)
    receiver = Receiver([500])

    delivery = _one_rejection(sim, receiver, hours=16)

    assert delivery.state == "failed"
    assert [a.number for a in delivery.attempts] == [1, 2, 3, 4, 5, 6, 7]
    assert len(receiver.requests) == 7
    gaps = [b.at - a.at for a, b in pairwise(delivery.attempts)]
    for number, (gap, minutes) in enumerate(
        zip(gaps, LADDER_MINUTES, strict=True), start=1
    ):
        jitter = gap - minutes * 60_000
        assert 0 <= jitter <= 29 * number * 1000, (number, gap)


def test_retries__advance_sends_only_what_falls_due(setup: Setup) -> None:
    sim = _sim(setup)

    delivery = _one_rejection(sim, Receiver([500]), hours=0.25)

    assert [a.number for a in delivery.attempts] == [1, 2]
    assert delivery.state == "retrying"
    assert delivery.due_at is not None and delivery.due_at > sim.clock.now()


def test_retries__a_retry_that_succeeds_ends_delivered(setup: Setup) -> None:
    sim = _sim(setup)

    delivery = _one_rejection(sim, Receiver([503, 0, 200]), hours=2)

    assert delivery.state == "delivered"
    assert [a.status for a in delivery.attempts] == [503, None, 200]
    assert delivery.attempts[1].error == "ConnectError: Connection reset by peer"


def test_retries__the_jitter_repeats_with_the_seed(setup: Setup) -> None:
    first = _one_rejection(_sim(setup, seed=3), Receiver([500]), hours=16)
    again = _one_rejection(_sim(setup, seed=3), Receiver([500]), hours=16)
    other = _one_rejection(_sim(setup, seed=4), Receiver([500]), hours=16)

    def gaps(d: Delivery) -> list[int]:
        return [b.at - a.at for a, b in pairwise(d.attempts)]

    assert gaps(first) == gaps(again)
    assert gaps(first) != gaps(other)


def test_retries__without_jitter_the_ladder_is_exact(setup: Setup) -> None:
    sim = _sim(setup)
    sim.dispatcher.policy = RetryPolicy(jitter=False)

    delivery = _one_rejection(sim, Receiver([500]), hours=16)

    gaps = [b.at - a.at for a, b in pairwise(delivery.attempts)]
    assert gaps == [m * 60_000 for m in LADDER_MINUTES]


@pytest.mark.parametrize(("same", "distinct"), [(True, 1), (False, 7)])
def test_retries__event_id_kept_or_new_per_attempt(
    setup: Setup, same: bool, distinct: int
) -> None:
    sim = _sim(setup)
    sim.dispatcher.policy = RetryPolicy(same_event_id=same)
    receiver = Receiver([500])

    delivery = _one_rejection(sim, receiver, hours=16)

    assert len(set(receiver.event_ids())) == distinct
    assert receiver.event_ids()[0] == delivery.event_id
    signatures = {r.headers["Signature"] for r in receiver.requests}
    assert signatures == {delivery.headers["Signature"]}


@pytest.mark.parametrize(("strict", "state"), [(False, "delivered"), (True, "failed")])
def test_retries__202_counts_as_success_unless_strict(
    setup: Setup, strict: bool, state: str
) -> None:
    sim = _sim(setup)
    sim.dispatcher.policy = RetryPolicy(any_2xx_succeeds=not strict)

    delivery = _one_rejection(sim, Receiver([202]), hours=16)

    assert delivery.state == state
    assert len(delivery.attempts) == (1 if not strict else 7)


def test_retries__max_attempts_is_an_option(setup: Setup) -> None:
    sim = _sim(setup)
    sim.dispatcher.policy = RetryPolicy(max_attempts=3)

    delivery = _one_rejection(sim, Receiver([500]), hours=16)

    assert (delivery.state, len(delivery.attempts)) == ("failed", 3)


def test_retries__policy_refuses_impossible_attempt_counts() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=8)
