"""Each delivery fault, switched on through the fault book, in virtual time."""

from __future__ import annotations

import json
from typing import Any

import pytest

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks import wire
from simulator.webhooks.delivery import Delivery
from simulator.webhooks.faults import FaultError, parse_fault
from simulator.webhooks.publisher import WRONG_SECRET
from tests.webhooks.helpers import (
    Receiver,
    active_app,
    receiving,
    reject,
    run,
    verifies,
)
from tests.webhooks.helpers import virtual_sim as _sim

REJECTED = "Phenom - rejected"


def _rejections(
    sim: Simulator, count: int, faults: list[dict[str, Any]], hours: float = 0
) -> tuple[list[Delivery], Receiver]:
    receiver = Receiver([200])
    sent: list[Delivery] = []
    for fault in faults:
        sim.dispatcher.faults.add(fault)

    async def story() -> None:
        for _n in range(count):
            sent.extend(reject(sim, active_app(sim)))
        await sim.dispatcher.settle()
        await sim.advance(hours * 3600)

    with receiving(receiver):
        run(sim, story)
    return sent, receiver


def _secret(setup: Setup) -> str:
    return next(h.secret_key for h in setup.webhooks if h.name == REJECTED)


def _app_ids(receiver: Receiver) -> list[int]:
    return [
        json.loads(r.content)["payload"]["application"]["id"] for r in receiver.requests
    ]


def test_fault_duplicate__sends_the_same_bytes_and_event_id_again(
    setup: Setup,
) -> None:
    sim = _sim(setup)

    sent, receiver = _rejections(sim, 1, [{"kind": "duplicate", "copies": 2}])

    assert len(sent) == 3 and len(receiver.requests) == 3
    assert len({r.content for r in receiver.requests}) == 1
    assert len(set(receiver.event_ids())) == 1
    assert [d.copy_of for d in sent] == [None, sent[0].id, sent[0].id]
    assert all(d.state == "delivered" for d in sent)


def test_fault_delay__first_attempt_leaves_later_on_the_clock(setup: Setup) -> None:
    sim = _sim(setup)
    receiver = Receiver([200])
    sim.dispatcher.faults.add({"kind": "delay", "seconds": 600})
    sent: list[Delivery] = []
    seen: dict[str, int] = {}

    async def story() -> None:
        sent.extend(reject(sim, active_app(sim)))
        await sim.dispatcher.settle()
        seen["before"] = len(receiver.requests)
        await sim.advance(599)
        seen["at 599 s"] = len(receiver.requests)
        await sim.advance(1)
        seen["at 600 s"] = len(receiver.requests)

    with receiving(receiver):
        run(sim, story)

    assert seen == {"before": 0, "at 599 s": 0, "at 600 s": 1}
    [delivery] = sent
    assert delivery.attempts[0].at - delivery.created_at == 600_000


def test_fault_reorder__a_window_arrives_in_another_order(setup: Setup) -> None:
    sim = _sim(setup)

    sent, receiver = _rejections(sim, 3, [{"kind": "reorder", "window": 3}])

    made = [d.application_id for d in sent]
    arrived = _app_ids(receiver)
    assert sorted(arrived) == sorted(made)
    assert arrived != made
    assert all(d.state == "delivered" for d in sent)


def test_fault_reorder__the_order_repeats_with_the_seed(setup: Setup) -> None:
    fault = {"kind": "reorder", "window": 4}

    _, first = _rejections(_sim(setup, seed=11), 4, [fault])
    _, again = _rejections(_sim(setup, seed=11), 4, [fault])

    assert _app_ids(first) == _app_ids(again)


def test_fault_reorder__an_unfilled_window_is_sent_when_switched_off(
    setup: Setup,
) -> None:
    sim = _sim(setup)
    receiver = Receiver([200])
    fault = sim.dispatcher.faults.add({"kind": "reorder", "window": 5})
    seen: dict[str, int] = {}

    async def story() -> None:
        reject(sim, active_app(sim, 0))
        reject(sim, active_app(sim, 1))
        await sim.dispatcher.settle()
        seen["held"] = len(receiver.requests)
        seen["pending"] = sim.dispatcher.outstanding()
        sim.dispatcher.release(sim.dispatcher.faults.remove(fault.id) or [])
        await sim.dispatcher.settle()

    with receiving(receiver):
        run(sim, story)

    assert seen == {"held": 0, "pending": 2}
    assert len(receiver.requests) == 2
    assert all(d.state == "delivered" for d in sim.dispatcher.log)


def test_fault_fail_first__the_retry_lands_after_later_events(setup: Setup) -> None:
    sim = _sim(setup)
    sim.dispatcher.faults.add({"kind": "fail_first", "attempts": 1, "count": 1})
    receiver = Receiver([200])
    sent: list[Delivery] = []

    async def story() -> None:
        sent.extend(reject(sim, active_app(sim, 0)))
        sent.extend(reject(sim, active_app(sim, 1)))
        await sim.dispatcher.settle()
        await sim.advance(120)

    with receiving(receiver):
        run(sim, story)

    first, second = sent
    assert _app_ids(receiver) == [second.application_id, first.application_id]
    assert [a.fault for a in first.attempts] == ["fail_first", None]
    assert first.attempts[0].status is None
    assert first.state == second.state == "delivered"


def test_fault_sparse__optional_blocks_are_left_out_and_signed(setup: Setup) -> None:
    sim = _sim(setup)

    sent, _ = _rejections(sim, 1, [{"kind": "sparse"}])

    [delivery] = sent
    application = json.loads(delivery.body)["payload"]["application"]
    assert "custom_fields" not in application
    assert "attachments" not in application["candidate"]
    assert {"id", "status", "rejected_at"} <= set(application)
    assert verifies(delivery, _secret(setup))


@pytest.mark.parametrize("kind", ["wrong_secret", "reencoded"])
def test_fault_bad_signature__the_receiver_cannot_verify_it(
    setup: Setup, kind: str
) -> None:
    sim = _sim(setup)

    sent, receiver = _rejections(sim, 1, [{"kind": kind}])

    [delivery] = sent
    assert not verifies(delivery, _secret(setup))
    assert receiver.requests[0].content == delivery.body
    assert kind in delivery.faults
    if kind == "wrong_secret":
        assert delivery.headers["Signature"] == wire.signature(
            delivery.body, WRONG_SECRET
        )
    else:
        signed = wire.reencoded(delivery.body)
        assert signed != delivery.body
        assert delivery.headers["Signature"] == wire.signature(signed, _secret(setup))


def test_fault_read_ahead__the_webhook_comes_after_harvest_shows_it(
    setup: Setup,
) -> None:
    sim = _sim(setup)

    sent, receiver = _rejections(
        sim, 1, [{"kind": "read_ahead", "seconds": 30}], hours=60 / 3600
    )

    [delivery] = sent
    assert delivery.attempts[0].at - delivery.created_at == 30_000
    assert sim.world.applications.get(delivery.application_id or 0).status == (
        "rejected"
    )
    assert len(receiver.requests) == 1 and delivery.state == "delivered"


def test_fault__count_limits_it_to_the_next_deliveries(setup: Setup) -> None:
    sim = _sim(setup)

    sent, _ = _rejections(sim, 3, [{"kind": "duplicate", "count": 1}])

    assert [d.copy_of is not None for d in sent] == [False, True, False, False]
    assert sim.dispatcher.faults.faults == {}


def test_fault__scoped_to_another_webhook_leaves_this_one_alone(
    setup: Setup,
) -> None:
    sim = _sim(setup)

    sent, _ = _rejections(sim, 1, [{"kind": "duplicate", "webhook": "Phenom - hired"}])

    assert len(sent) == 1 and sent[0].faults == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "explode"}, "kind"),
        ({}, "kind"),
        ({"kind": "delay"}, "seconds"),
        ({"kind": "delay", "seconds": -1}, "seconds"),
        ({"kind": "delay", "seconds": "10"}, "seconds"),
        ({"kind": "reorder", "window": 1}, "window"),
        ({"kind": "duplicate", "copies": 0}, "copies"),
        ({"kind": "fail_first"}, "attempts"),
        ({"kind": "fail_first", "attempts": 9}, "attempts"),
        ({"kind": "sparse", "count": 0}, "count"),
        ({"kind": "sparse", "webhook": 3}, "webhook"),
    ],
)
def test_parse_fault__bad_parameters_name_the_field(
    body: dict[str, Any], field: str
) -> None:
    with pytest.raises(FaultError) as caught:
        parse_fault(1, body)

    assert caught.value.field == field
