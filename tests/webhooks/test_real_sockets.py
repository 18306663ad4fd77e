"""A simulated day of a misbehaving receiver, over real sockets on loopback.

The receiver is a raw asyncio TCP server on 127.0.0.1 that, per request and from a
seeded roll, answers 200, answers a status that is no success, hangs past the
sender's timeout, or resets the connection (RST) after reading the whole request;
and, some hours, is not listening at all (connection refused). The sender is the
one `ghsim serve` uses (h11 over asyncio streams, with kept-alive connections).

What must hold: every event ends delivered or failed by the retry rules, and the
receiver saw each event exactly as often as the log says it was attempted (less
the attempts refused before any byte reached it): nothing lost, nothing doubled
beyond the duplicate fault's copies.
"""

from __future__ import annotations

import asyncio
import random
import socket
import struct
from collections import Counter
from dataclasses import dataclass, field, replace

from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.webhooks.delivery import Delivery
from tests.webhooks.helpers import active_app, reject

TIMEOUT = 0.3  # the sender's timeout here, in real seconds: a hang costs this
CONNECTION_LOST = ("RemoteProtocolError", "ReadError", "WriteError")


@dataclass
class Misbehaving:
    """A loopback receiver that answers, fails, hangs or resets, by a seeded roll."""

    seed: int
    seen: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    server: asyncio.Server | None = None
    port: int = 0
    open: set[asyncio.StreamWriter] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    async def start(self) -> None:
        self.server = await asyncio.start_server(
            self.serve, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Stop listening (later connections are refused) and drop open ones."""
        if self.server is not None:
            self.server.close()
            for writer in list(self.open):
                writer.transport.abort()
            await self.server.wait_closed()
            self.server = None

    async def serve(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.open.add(writer)
        try:
            while await self.one_request(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # a reset, a half request, or the receiver stopping mid-hang
        finally:
            self.open.discard(writer)
            writer.close()

    async def one_request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        """Read one whole request and act on it; False when the connection ends."""
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False
        headers = dict(
            line.split(": ", 1)
            for line in head.decode("latin-1").split("\r\n")[1:]
            if ": " in line
        )
        fields = {name.lower(): value for name, value in headers.items()}
        await reader.readexactly(int(fields["content-length"]))
        self.seen[fields["greenhouse-event-id"]] += 1
        roll = self.rng.random()
        if roll < 0.15:
            self.outcomes["reset"] += 1
            sock = writer.get_extra_info("socket")
            sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            writer.transport.abort()
            return False
        if roll < 0.30:
            self.outcomes["hang"] += 1
            await asyncio.sleep(TIMEOUT * 3)
            return False
        status = b"200 OK" if roll >= 0.45 else self.rng.choice([b"500 E", b"503 E"])
        self.outcomes[status.decode()] += 1
        writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        return True


def _sim(setup: Setup, port: int) -> Simulator:
    url = f"http://127.0.0.1:{port}/webhooks"
    sim = Simulator(setup.with_webhook_url(url), seed=7, size=60, clock_mode="virtual")
    sim.dispatcher.timeout = TIMEOUT
    sim.dispatcher.policy = replace(sim.dispatcher.policy, any_2xx_succeeds=False)
    return sim


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_real_sockets__a_simulated_day_loses_and_doubles_nothing(
    setup: Setup,
) -> None:
    receiver = Misbehaving(seed=3, port=_free_port())
    sim = _sim(setup, receiver.port)
    sim.dispatcher.faults.add({"kind": "duplicate", "count": 2})
    sent: list[Delivery] = []

    async def day() -> None:
        await receiver.start()
        await sim.dispatcher.start()
        try:
            for hour in range(24):
                if hour in (5, 6, 14):  # the receiver is down: refused
                    await receiver.stop()
                elif receiver.server is None:
                    await receiver.start()
                sent.extend(reject(sim, active_app(sim)))
                await sim.advance(3600)
            if receiver.server is None:
                await receiver.start()
            await sim.advance(16 * 3600)  # the last ladders run out
            await sim.dispatcher.settle()
        finally:
            await sim.dispatcher.stop()
            await receiver.stop()

    asyncio.run(day())

    log = sim.dispatcher.log
    assert [d.id for d in sent] == [d.id for d in log]
    assert len([d for d in log if d.copy_of is not None]) == 2
    assert all(d.state in ("delivered", "failed") for d in log)
    assert {"reset", "hang", "500 E", "200 OK"} <= set(receiver.outcomes)
    refused = 0
    reached: Counter[str] = Counter()
    lost_in_flight: Counter[str] = Counter()
    for delivery in log:
        numbers = [a.number for a in delivery.attempts]
        assert numbers == list(range(1, len(numbers) + 1))
        assert delivery.state == "delivered" or len(numbers) == 7
        for attempt in delivery.attempts:
            if attempt.error and attempt.error.startswith("ConnectError"):
                refused += 1
                continue
            reached[attempt.event_id] += 1
            if attempt.error and attempt.error.startswith(CONNECTION_LOST):
                lost_in_flight[attempt.event_id] += 1
    assert refused > 0
    assert set(receiver.seen) <= set(reached)
    for event_id, attempts in reached.items():
        # Never doubled: the receiver saw no more requests than attempts logged.
        # An attempt it never saw is one whose connection was lost in flight
        # (a receiver closing the instant a request went out): logged, retried.
        assert attempts - lost_in_flight[event_id] <= receiver.seen[event_id]
        assert receiver.seen[event_id] <= attempts
    assert sim.dispatcher.outstanding() == 0
