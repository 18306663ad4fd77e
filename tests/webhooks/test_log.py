"""The delivery log accounts for every event, whatever the receiver does."""

from __future__ import annotations

import asyncio
import json
import random
from dataclasses import replace
from pathlib import Path

import httpx

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks.delivery import Delivery
from simulator.webhooks.dispatch import Dispatcher
from tests.webhooks.helpers import Receiver, active_app, receiving, reject, run
from tests.webhooks.helpers import virtual_sim as _sim


class Flapping(Receiver):
    """A receiver that misbehaves at random (seeded): each of `failures` is tried
    in turn, taken with its probability; what none takes is a 200."""

    def __init__(
        self, seed: int, failures: tuple[tuple[float, Exception | list[int]], ...]
    ) -> None:
        super().__init__()
        self.rng = random.Random(seed)
        self.failures = failures

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        roll = self.rng.random()
        for chance, failure in self.failures:
            if roll < chance:
                if isinstance(failure, Exception):
                    raise failure
                return httpx.Response(self.rng.choice(failure))
            roll -= chance
        return httpx.Response(200)


# Up, down, timing out, failing.
FLAPPING = (
    (0.25, httpx.ConnectError("Connection refused")),
    (0.10, httpx.ReadTimeout("timed out")),
    (0.25, [500, 502, 429, 404]),
)
# A day in the field: refusing, hanging, resetting, answering what is no 200.
MISBEHAVING = (
    (0.15, httpx.ConnectError("Connection refused")),
    (0.15, httpx.ReadTimeout("timed out")),
    (0.15, httpx.RemoteProtocolError("peer closed connection")),
    (0.15, [500, 503, 301, 202]),
)


def test_log__every_event_ends_delivered_or_failed_under_a_flapping_receiver(
    setup: Setup,
) -> None:
    sim = _sim(setup)
    receiver = Flapping(5, FLAPPING)
    sent: list[Delivery] = []

    async def story() -> None:
        for _n in range(20):
            sent.extend(reject(sim, active_app(sim)))
        await sim.advance(16 * 3600)

    with receiving(receiver):
        run(sim, story)

    log = sim.dispatcher.log
    assert [d.id for d in log] == [d.id for d in sent] == list(range(1, 21))
    assert all(d.state in ("delivered", "failed") for d in log)
    assert sum(len(d.attempts) for d in log) == len(receiver.requests)
    assert {d.event_id for d in log} == set(receiver.event_ids())
    for delivery in log:
        numbers = [a.number for a in delivery.attempts]
        assert numbers == list(range(1, len(numbers) + 1))
        assert all(not a.succeeded for a in delivery.attempts[:-1])
        assert delivery.attempts[-1].succeeded == (delivery.state == "delivered")
        assert delivery.state == "delivered" or len(numbers) == 7
    assert sim.dispatcher.outstanding() == 0


def test_log__attempt_records_what_was_sent_and_answered(setup: Setup) -> None:
    sim = _sim(setup)

    async def story() -> None:
        reject(sim, active_app(sim))

    with receiving(Receiver([201])):
        run(sim, story)

    [delivery] = sim.dispatcher.log
    detail = delivery.describe(with_body=True)
    [attempt] = detail["attempts"]
    assert attempt["number"] == 1
    assert attempt["status"] == 201
    assert attempt["event_id"] == delivery.event_id
    assert attempt["headers"] == delivery.headers
    assert attempt["response_snippet"] == "ok"
    assert attempt["latency_ms"] >= 0
    assert json.loads(detail["body"])["action"] == "reject_candidate"


def test_log__redeliver_sends_the_bytes_again_with_a_new_event_id(
    setup: Setup,
) -> None:
    sim = _sim(setup)
    receiver = Receiver([200])
    holder: list[Delivery] = []

    async def story() -> None:
        [original] = reject(sim, active_app(sim))
        await sim.dispatcher.settle()
        holder.append(sim.dispatcher.redeliver(original))

    with receiving(receiver):
        run(sim, story)

    original, again = sim.dispatcher.log
    assert holder == [again]
    assert again.copy_of == original.id
    assert again.body == original.body
    assert again.event_id != original.event_id
    assert [r.content for r in receiver.requests] == [original.body] * 2
    assert again.state == "delivered"


def _stop_with_a_retry_pending(sim: Simulator) -> None:
    async def story() -> None:
        reject(sim, active_app(sim))

    with receiving(Receiver([500])):
        run(sim, story)


def test_state_file__pending_deliveries_resume_on_the_next_start(
    setup: Setup, tmp_path: Path
) -> None:
    state = tmp_path / "ghsim-state.json"
    first = _sim(setup)
    first.dispatcher.state_path = state
    _stop_with_a_retry_pending(first)
    [failed_once] = first.dispatcher.log
    saved = json.loads(state.read_text())["deliveries"]

    second = _sim(setup)
    second.dispatcher.state_path = state
    receiver = Receiver([200])

    async def story() -> None:
        await second.advance(120)

    with receiving(receiver):
        run(second, story)

    assert failed_once.state == "retrying"
    assert [row["event_id"] for row in saved] == [failed_once.event_id]
    [resumed] = second.dispatcher.log
    assert resumed.event_id == failed_once.event_id
    assert resumed.body == failed_once.body
    assert resumed.state == "delivered"
    assert "resumed" in resumed.faults
    assert not state.exists()


def test_state_file__nothing_pending_writes_nothing(
    setup: Setup, tmp_path: Path
) -> None:
    state = tmp_path / "ghsim-state.json"
    sim = _sim(setup)
    sim.dispatcher.state_path = state

    async def story() -> None:
        reject(sim, active_app(sim))

    with receiving(Receiver([200])):
        run(sim, story)

    assert sim.dispatcher.outstanding() == 0
    assert not state.exists()


def test_dispatcher__transport_is_injectable(setup: Setup) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    dispatcher = Dispatcher(transport=httpx.MockTransport(handler))
    sim = Simulator(
        setup.with_webhook_url("http://in-process/hooks"),
        seed=7,
        size=60,
        clock_mode="virtual",
        dispatcher=dispatcher,
    )

    async def story() -> None:
        reject(sim, active_app(sim))

    run(sim, story)

    [delivery] = sim.dispatcher.log
    assert delivery.state == "delivered"
    assert [r.content for r in seen] == [delivery.body]
    assert seen[0].headers["Signature"] == delivery.headers["Signature"]


def test_dispatcher__advance_without_start_starts_it(setup: Setup) -> None:
    sim = _sim(setup)

    async def main() -> int:
        try:
            return await sim.advance(60)
        finally:
            await sim.dispatcher.stop()

    attempts = asyncio.run(main())

    assert attempts == 0
    assert sim.dispatcher.log == []


def test_dispatcher__a_restart_in_process_sends_what_was_left(setup: Setup) -> None:
    sim = _sim(setup)
    receiver = Receiver([500, 200])

    async def first() -> None:
        reject(sim, active_app(sim))

    async def second() -> None:
        await sim.advance(120)

    with receiving(receiver):
        run(sim, first)
        run(sim, second)

    [delivery] = sim.dispatcher.log
    assert delivery.state == "delivered"
    assert [a.status for a in delivery.attempts] == [500, 200]


def test_dispatcher__delivers_in_process_to_an_asgi_app(setup: Setup) -> None:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    received: list[tuple[bytes, str]] = []

    async def hook(request: Request) -> PlainTextResponse:
        received.append((await request.body(), request.headers["Signature"]))
        return PlainTextResponse("thanks")

    app = Starlette(routes=[Route("/hooks", hook, methods=["POST"])])
    dispatcher = Dispatcher(transport=httpx.ASGITransport(app=app))
    sim = Simulator(
        setup.with_webhook_url("http://receiver.local/hooks"),
        seed=7,
        size=60,
        clock_mode="virtual",
        dispatcher=dispatcher,
    )

    async def story() -> None:
        reject(sim, active_app(sim))

    run(sim, story)

    [delivery] = sim.dispatcher.log
    assert delivery.state == "delivered"
    assert delivery.response_snippet == "thanks"
    assert received == [(delivery.body, delivery.headers["Signature"])]


def test_log__a_simulated_day_of_faults_loses_and_doubles_nothing(
    setup: Setup,
) -> None:
    sim = _sim(setup)
    # Strict: only a 200 succeeds, so a 202 fails here.
    sim.dispatcher.policy = replace(sim.dispatcher.policy, any_2xx_succeeds=False)
    sim.dispatcher.faults.add({"kind": "duplicate", "count": 3})
    receiver = Flapping(11, MISBEHAVING)
    sent: list[Delivery] = []

    async def story() -> None:
        for _hour in range(24):  # one rejection an hour for a day
            sent.extend(reject(sim, active_app(sim)))
            await sim.advance(3600)
        await sim.advance(16 * 3600)  # the last ladder runs out

    with receiving(receiver):
        run(sim, story)

    log = sim.dispatcher.log
    copies = [d for d in log if d.copy_of is not None]
    assert len(copies) == 3  # exactly what the duplicate fault asked for
    assert len(log) == 24 + 3
    assert [d.id for d in sent] == [d.id for d in log]
    assert all(d.state in ("delivered", "failed") for d in log)
    assert {d.state for d in log} == {"delivered", "failed"}
    assert sum(len(d.attempts) for d in log) == len(receiver.requests)
    per_event = {d.event_id: 0 for d in log}
    for request in receiver.requests:
        per_event[request.headers["Greenhouse-Event-ID"]] += 1
    for delivery in log:
        if delivery.copy_of is None:
            copies_of = [c for c in copies if c.copy_of == delivery.id]
            attempts = len(delivery.attempts) + sum(len(c.attempts) for c in copies_of)
            assert per_event[delivery.event_id] == attempts
        assert delivery.state == "delivered" or len(delivery.attempts) == 7
    assert sim.dispatcher.outstanding() == 0
