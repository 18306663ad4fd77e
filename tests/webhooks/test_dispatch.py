"""Sending deliveries in the background (webhooks.dispatch).

Most tests mock the receiver with respx; two talk to real sockets on 127.0.0.1.
Each test runs its own event loop with asyncio.run.
"""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
import respx

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks import wire
from simulator.webhooks.dispatch import Delivery, Dispatcher
from simulator.webhooks.retries import RetryPolicy
from simulator.world import actions

URL = "https://hooks.example.test/greenhouse"
SECRET = "whsec-test"
# One attempt only: these tests look at a single attempt (retries: test_retries).
ONCE = RetryPolicy(max_attempts=1)


def _delivery(number: int = 1, url: str = URL) -> Delivery:
    body = f'{{"action":"ping","payload":{{"n":{number},"t":"\\u003cp\\u003e"}}}}'
    event_id = f"00000000-0000-4000-8000-{number:012d}"
    return Delivery(
        id=number,
        event_id=event_id,
        webhook="test hook",
        action="ping",
        application_id=None,
        url=url,
        body=body.encode(),
        headers=wire.headers(body.encode(), SECRET, event_id),
        created_at=0,
    )


async def _settled(dispatcher: Dispatcher, timeout: float = 5.0) -> None:
    """Wait, with a bounded deadline, until no delivery is pending."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while dispatcher.pending():
        assert loop.time() < deadline, "deliveries still pending at the deadline"
        await asyncio.sleep(0.005)


def _send(dispatcher: Dispatcher, *deliveries: Delivery) -> None:
    async def main() -> None:
        await dispatcher.start()
        try:
            for delivery in deliveries:
                dispatcher.submit(delivery)
            await _settled(dispatcher)
        finally:
            await dispatcher.stop()

    asyncio.run(main())


@pytest.mark.parametrize("status", [200, 201, 202, 204])
def test_dispatcher__2xx_is_delivered_by_default(status: int) -> None:
    delivery = _delivery()

    with respx.mock:
        respx.post(URL).mock(return_value=httpx.Response(status, text="thanks"))
        _send(Dispatcher(), delivery)

    assert delivery.state == "delivered"
    assert delivery.response_status == status
    assert delivery.error is None
    assert delivery.latency_ms is not None and delivery.latency_ms >= 0


@pytest.mark.parametrize("status", [301, 302, 400, 401, 404, 500, 503])
def test_dispatcher__other_statuses_fail(status: int) -> None:
    delivery = _delivery()

    with respx.mock:
        route = respx.post(URL).mock(
            return_value=httpx.Response(status, headers={"Location": URL + "/x"})
        )
        _send(Dispatcher(policy=ONCE), delivery)

    assert delivery.state == "failed"
    assert delivery.response_status == status
    assert route.call_count == 1  # redirects are not followed
    assert delivery.latency_ms is not None


@pytest.mark.parametrize(("status", "state"), [(200, "delivered"), (201, "failed")])
def test_dispatcher__only_200_succeeds_without_any_2xx(status: int, state: str) -> None:
    delivery = _delivery()

    with respx.mock:
        respx.post(URL).mock(return_value=httpx.Response(status))
        _send(Dispatcher(policy=RetryPolicy(1, any_2xx_succeeds=False)), delivery)

    assert delivery.state == state
    assert delivery.response_status == status


@pytest.mark.parametrize(
    ("error", "recorded"),
    [
        (httpx.ConnectError("Connection refused"), "ConnectError: Connection refused"),
        (httpx.ReadTimeout("timed out"), "ReadTimeout: timed out"),
        (httpx.RemoteProtocolError(""), "RemoteProtocolError"),
    ],
)
def test_dispatcher__transport_error_fails_with_the_error_recorded(
    error: Exception, recorded: str
) -> None:
    delivery = _delivery()

    with respx.mock:
        respx.post(URL).mock(side_effect=error)
        _send(Dispatcher(policy=ONCE), delivery)

    assert delivery.state == "failed"
    assert delivery.error == recorded
    assert delivery.response_status is None
    assert delivery.latency_ms is not None and delivery.latency_ms >= 0


def test_dispatcher__sends_the_exact_body_and_headers() -> None:
    delivery = _delivery()

    with respx.mock:
        route = respx.post(URL).mock(return_value=httpx.Response(200))
        _send(Dispatcher(), delivery)

    request = route.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == URL
    assert request.content == delivery.body
    for name, value in delivery.headers.items():
        assert request.headers[name] == value
    assert request.headers["Content-Length"] == str(len(delivery.body))


def test_dispatcher__records_the_start_of_the_response() -> None:
    delivery = _delivery()

    with respx.mock:
        respx.post(URL).mock(return_value=httpx.Response(500, text="x" * 500))
        _send(Dispatcher(policy=ONCE), delivery)

    assert delivery.response_snippet == "x" * 200


def test_dispatcher__backlog_before_start_is_sent_after_start() -> None:
    dispatcher = Dispatcher()
    backlog = [_delivery(n) for n in (1, 2, 3)]
    for delivery in backlog:
        dispatcher.submit(delivery)
    calls_before_start = []

    async def main() -> None:
        calls_before_start.append(route.call_count)
        await dispatcher.start()
        try:
            await _settled(dispatcher)
        finally:
            await dispatcher.stop()

    with respx.mock:
        route = respx.post(URL).mock(return_value=httpx.Response(200))
        asyncio.run(main())

    assert calls_before_start == [0]
    assert [d.state for d in backlog] == ["delivered"] * 3
    assert sorted(c.request.content for c in route.calls) == [d.body for d in backlog]


def test_dispatcher__submit_returns_before_the_delivery_is_sent() -> None:
    dispatcher = Dispatcher()
    delivery = _delivery()
    seen: dict[str, Any] = {}

    async def main() -> None:
        await dispatcher.start()
        try:
            dispatcher.submit(delivery)
            seen["state"], seen["calls"] = delivery.state, route.call_count
            await _settled(dispatcher)
        finally:
            await dispatcher.stop()

    with respx.mock:
        route = respx.post(URL).mock(return_value=httpx.Response(200))
        asyncio.run(main())

    assert seen == {"state": "pending", "calls": 0}
    assert delivery.state == "delivered"
    assert dispatcher.log == [delivery]


def test_dispatcher__many_deliveries_each_go_out_once() -> None:
    deliveries = [_delivery(n) for n in range(1, 13)]

    with respx.mock:
        route = respx.post(URL).mock(return_value=httpx.Response(204))
        _send(Dispatcher(workers=3), *deliveries)

    assert all(d.state == "delivered" for d in deliveries)
    assert route.call_count == len(deliveries)
    event_ids = sorted(c.request.headers["Greenhouse-Event-ID"] for c in route.calls)
    assert event_ids == [d.event_id for d in deliveries]


def test_dispatcher__simulator_deliveries_reach_the_receiver_signed(
    setup: Setup,
) -> None:
    receiver = "https://receiver.example.test/webhooks"
    sim = Simulator(
        setup.with_webhook_url(receiver), seed=7, size=60, clock_mode="virtual"
    )
    board = sim.world.board_by_token("acmerobotics")
    post = next(
        p for p in sim.world.job_posts if board and sim.world.is_on_board(p, board)
    )
    details = actions.CandidateDetails("Zoë", "Brontë", "zoe@example.org")

    async def main() -> None:
        await sim.dispatcher.start()
        try:
            _, events = actions.apply_to_post(sim.world, post, details)
            sim.emit(events)
            await _settled(sim.dispatcher)
        finally:
            await sim.dispatcher.stop()

    with respx.mock:
        route = respx.post(receiver).mock(return_value=httpx.Response(200))
        asyncio.run(main())

    [delivery] = sim.dispatcher.log
    request = route.calls.last.request
    secret = setup.webhooks[2].secret_key
    assert delivery.state == "delivered"
    assert request.content == delivery.body
    assert request.headers["Signature"] == wire.signature(request.content, secret)


Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


def _receiver(requests: list[bytes], status: int) -> Handler:
    async def handle(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
        body = await reader.readexactly(int(length.group(1)) if length else 0)
        requests.append(head + body)
        writer.write(b"HTTP/1.1 %d X\r\nContent-Length: 2\r\n\r\nok" % status)
        await writer.drain()
        writer.close()

    return handle


@pytest.mark.parametrize(("status", "state"), [(200, "delivered"), (500, "failed")])
def test_dispatcher__real_receiver_gets_the_exact_bytes(
    status: int, state: str
) -> None:
    requests: list[bytes] = []
    holder: dict[str, Delivery] = {}

    async def main() -> None:
        server = await asyncio.start_server(_receiver(requests, status), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        holder["delivery"] = _delivery(url=f"http://127.0.0.1:{port}/webhooks")
        async with server:
            dispatcher = Dispatcher(policy=ONCE)
            await dispatcher.start()
            try:
                dispatcher.submit(holder["delivery"])
                await _settled(dispatcher)
            finally:
                await dispatcher.stop()

    asyncio.run(main())

    delivery = holder["delivery"]
    [raw] = requests
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"POST /webhooks HTTP/1.1\r\n")
    assert body == delivery.body
    assert f"Signature: {delivery.headers['Signature']}".encode() in head
    assert f"Greenhouse-Event-ID: {delivery.event_id}".encode() in head
    assert (delivery.state, delivery.response_status) == (state, status)


def test_dispatcher__closed_port_fails_with_a_connect_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    delivery = _delivery(url=f"http://127.0.0.1:{port}/webhooks")

    _send(Dispatcher(timeout=5.0, policy=ONCE), delivery)

    assert delivery.state == "failed"
    assert delivery.error is not None and delivery.error.startswith("ConnectError")
    assert delivery.response_status is None
