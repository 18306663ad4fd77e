"""Helpers for delivery tests: a simulator on virtual time, a scripted receiver."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
import respx

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks.delivery import Delivery
from simulator.world import actions
from simulator.world.records import Application

RECEIVER = "https://receiver.example.test/webhooks"


@dataclass
class Receiver:
    """Answers each request with the next status of `script` (the last repeats).

    A status of 0 stands for a dropped connection.
    """

    script: list[int] = field(default_factory=lambda: [200])
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        index = min(len(self.requests) - 1, len(self.script) - 1)
        status = self.script[index]
        if status == 0:
            raise httpx.ConnectError("Connection reset by peer")
        return httpx.Response(status, text="ok")

    def event_ids(self) -> list[str]:
        return [r.headers["Greenhouse-Event-ID"] for r in self.requests]


@contextmanager
def receiving(receiver: Receiver) -> Iterator[Receiver]:
    with respx.mock(assert_all_called=False) as mock:
        mock.post(url__startswith="https://receiver.example.test").mock(
            side_effect=receiver
        )
        yield receiver


def virtual_sim(setup: Setup, seed: int = 7) -> Simulator:
    return Simulator(
        setup.with_webhook_url(RECEIVER), seed=seed, size=60, clock_mode="virtual"
    )


def run(sim: Simulator, story: Callable[[], Awaitable[None]]) -> None:
    """Run `story` with the dispatcher started, then stop it."""

    async def main() -> None:
        await sim.dispatcher.start()
        try:
            await story()
            await sim.dispatcher.settle()
        finally:
            await sim.dispatcher.stop()

    asyncio.run(main())


def active_app(sim: Simulator, n: int = 0) -> Application:
    apps = [
        a
        for a in sim.world.applications
        if a.status == "active" and a.job_id is not None and a.current_stage_id
    ]
    return apps[n]


def reject(sim: Simulator, app: Application) -> list[Delivery]:
    events = actions.reject(sim.world, app.id, actor_id=sim.default_actor())
    return sim.emit(events)


def verifies(delivery: Delivery, secret: str) -> bool:
    algorithm, _, digest = delivery.headers["Signature"].partition(" ")
    expected = hmac.new(secret.encode(), delivery.body, hashlib.sha256).hexdigest()
    return algorithm == "sha256" and hmac.compare_digest(digest, expected)
