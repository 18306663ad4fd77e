"""Webhook delivery figures: fan-out, action-to-first-attempt, the retry ladder.

    .venv/bin/python bench/webhooks.py      # also part of `make bench`

1. fan-out: rejections, each heard by many webhooks, rendered once and signed per
   webhook, sent to a minimal HTTP receiver in another process (keep-alive, 200);
   signed deliveries per second from the first action to the last answer
   (goal: at least 1,000 a second);
2. action to first attempt: from calling the world action to the start of its
   delivery's first attempt, one action at a time (goal: p50 under 10 ms);
3. the 15-hour retry ladder of one failing delivery, then of 100, in virtual time.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import socket
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.runtime import Simulator
from simulator.setup import load_setup
from simulator.webhooks.catalogue import Webhook
from simulator.webhooks.dispatch import Dispatcher
from simulator.world import actions

SETUP = Path(__file__).resolve().parent.parent / "fixtures" / "integration.yaml"
FAN_OUT_HOOKS = 20
FAN_OUT_ACTIONS = 150


async def _answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()


def _receive(sock: socket.socket) -> None:
    async def main() -> None:
        server = await asyncio.start_server(_answer, sock=sock)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def _receiver() -> tuple[multiprocessing.Process, str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    process = multiprocessing.get_context("fork").Process(
        target=_receive, args=(sock,), daemon=True
    )
    process.start()
    return process, f"http://127.0.0.1:{sock.getsockname()[1]}/hook"


def _sim(url: str, hooks: int, dispatcher: Dispatcher | None = None) -> Simulator:
    setup = load_setup(SETUP)
    webhooks = tuple(
        Webhook(f"hook {n}", "reject_candidate", url, f"secret-{n}")
        for n in range(hooks)
    )
    return Simulator(
        replace(setup, webhooks=webhooks),
        seed=1,
        size=1_000,
        clock_mode="virtual",
        dispatcher=dispatcher,
    )


def _actives(sim: Simulator, count: int) -> list[int]:
    return [
        a.id
        for a in sim.world.applications
        if a.status == "active" and a.job_id is not None
    ][:count]


async def _fan_out(url: str) -> tuple[int, float]:
    sim = _sim(url, FAN_OUT_HOOKS, Dispatcher(workers=32))
    ids = _actives(sim, FAN_OUT_ACTIONS)
    actor = sim.default_actor()
    await sim.dispatcher.start()
    try:
        started = time.perf_counter()
        for app_id in ids:
            sim.emit(actions.reject(sim.world, app_id, actor_id=actor))
            await asyncio.sleep(0)  # as a server would between requests
        await sim.dispatcher.settle()
        seconds = time.perf_counter() - started
    finally:
        await sim.dispatcher.stop()
    delivered = sum(d.state == "delivered" for d in sim.dispatcher.log)
    return delivered, seconds


async def _first_attempts(url: str, count: int = 200) -> list[float]:
    sim = _sim(url, 1)
    ids = _actives(sim, count)
    actor = sim.default_actor()
    latencies = []
    await sim.dispatcher.start()
    try:
        for app_id in ids:
            began = time.perf_counter()
            [delivery] = sim.emit(actions.reject(sim.world, app_id, actor_id=actor))
            await sim.dispatcher.settle()
            attempt = delivery.attempts[0]
            assert attempt.waited_ms is not None
            left = delivery.submitted_perf + attempt.waited_ms / 1000
            latencies.append((left - began) * 1000)
    finally:
        await sim.dispatcher.stop()
    return latencies


async def _ladder(count: int = 100) -> tuple[int, float]:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500)

    dispatcher = Dispatcher(transport=httpx.MockTransport(refuse))
    sim = _sim("http://nowhere.test/hook", 1, dispatcher)
    actor = sim.default_actor()
    for app_id in _actives(sim, count):
        sim.emit(actions.reject(sim.world, app_id, actor_id=actor))
    started = time.perf_counter()
    attempts = await sim.advance(16 * 3600)
    seconds = time.perf_counter() - started
    await sim.dispatcher.stop()
    return attempts, seconds


def rows() -> list[tuple[str, str]]:
    process, url = _receiver()
    try:
        delivered, seconds = asyncio.run(_fan_out(url))
        latencies = asyncio.run(_first_attempts(url))
    finally:
        process.terminate()
    one_attempts, one_seconds = asyncio.run(_ladder(1))
    attempts, ladder_seconds = asyncio.run(_ladder())
    p50 = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    return [
        (
            f"fan-out: {FAN_OUT_ACTIONS} rejections x {FAN_OUT_HOOKS} webhooks",
            f"{delivered / seconds:8,.0f} signed deliveries/s ({delivered} in "
            f"{seconds:.2f} s)",
        ),
        (
            "action to first attempt (one at a time)",
            f"p50 {p50:6.2f} ms   p95 {p95:6.2f} ms",
        ),
        (
            "15-hour retry ladder of 1 delivery, virtual time",
            f"{one_attempts} attempts in {one_seconds * 1000:.1f} ms",
        ),
        (
            "15-hour retry ladders of 100 deliveries, virtual time",
            f"{attempts} attempts in {ladder_seconds:.2f} s",
        ),
    ]


def main() -> None:
    print("Webhook delivery (receiver in another process on loopback)")
    for label, figure in rows():
        print(f"  {label:<58} {figure}")


if __name__ == "__main__":
    main()
