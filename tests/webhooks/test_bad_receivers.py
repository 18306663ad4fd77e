"""Receivers that misbehave on real sockets: each is a logged, retried failure."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import httpx
import pytest

from simulator.app import create_app
from simulator.setup import Setup
from simulator.webhooks import sending
from simulator.webhooks.delivery import Delivery
from tests.webhooks.helpers import active_app, reject
from tests.webhooks.helpers import virtual_sim as _sim

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _read_request(reader: asyncio.StreamReader) -> None:
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)


async def _hangs(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await _read_request(reader)
    await asyncio.sleep(3600)


async def _resets(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await _read_request(reader)
    writer.transport.abort()


async def _garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await _read_request(reader)
    writer.write(b"\x00\xffthis is not HTTP at all\r\n\r\n")
    await writer.drain()
    writer.close()


async def _huge(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await _read_request(reader)
    size = 10 * 1024 * 1024
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % size)
    chunk = b"x" * 65536
    try:
        for _ in range(size // len(chunk)):
            writer.write(chunk)
            await writer.drain()
    except ConnectionError:
        pass
    writer.close()


@pytest.mark.parametrize(
    ("handler", "error"),
    [
        (_hangs, "Timeout"),
        (_resets, "RemoteProtocolError"),
        (_garbage, "RemoteProtocolError"),
        (_huge, "ResponseTooLarge"),
    ],
)
def test_bad_receiver__is_a_failed_attempt_retried_later(
    setup: Setup, handler: Handler, error: str
) -> None:
    holder: dict[str, Delivery] = {}

    async def main() -> None:
        server = await asyncio.start_server(handler, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        sim = _sim(setup)
        for name, hook in list(sim.webhooks.hooks.items()):
            sim.webhooks.hooks[name] = type(hook)(
                hook.name, hook.action, f"http://127.0.0.1:{port}/hook", "k"
            )
        sim.dispatcher.timeout = 0.5
        async with server:
            await sim.dispatcher.start()
            try:
                [holder["delivery"]] = reject(sim, active_app(sim))
                await sim.dispatcher.settle()
            finally:
                await sim.dispatcher.stop()

    asyncio.run(main())

    delivery = holder["delivery"]
    assert delivery.state == "retrying"
    [attempt] = delivery.attempts
    assert not attempt.succeeded
    assert attempt.error is not None and attempt.error.startswith(error), attempt
    assert len(attempt.snippet) <= sending.SNIPPET_CHARS
    assert delivery.due_at is not None


def test_bad_receiver__the_api_answers_while_a_receiver_hangs(setup: Setup) -> None:
    seen: dict[str, object] = {}

    async def main() -> None:
        server = await asyncio.start_server(_hangs, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        sim = _sim(setup.with_webhook_url(f"http://127.0.0.1:{port}/hook"))
        sim.dispatcher.timeout = 30
        transport = httpx.ASGITransport(app=create_app(sim))
        async with (
            server,
            httpx.AsyncClient(transport=transport, base_url="http://sim") as client,
        ):
            await sim.dispatcher.start()
            try:
                [delivery] = reject(sim, active_app(sim))
                await asyncio.sleep(0)  # let a worker pick it up
                health = await client.get("/_sim/health")
                seen["status"] = health.status_code
                seen["state"] = delivery.state
                seen["attempts"] = len(delivery.attempts)
            finally:
                await sim.dispatcher.stop()

    asyncio.run(main())

    assert seen == {"status": 200, "state": "pending", "attempts": 0}
