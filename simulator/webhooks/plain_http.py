"""A lean sender for plain-http receivers: asyncio streams, h11, kept-alive sockets.

Fan-out to a local receiver is bound by the client's per-request cost, and
httpx's general machinery (URL and header models, anyio streams, the connection
pool) costs several times what one POST needs. For `http://` URLs with no
injected transport, the dispatcher sends through this instead: h11 (the HTTP/1.1
state machine httpx itself is built on) over asyncio streams, the whole request
in one write, a few idle connections kept per host. Errors carry the names httpx
would give them. https and injected transports still go through httpx.
"""

from __future__ import annotations

import asyncio
import socket
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from simulator.webhooks.sending import MAX_RESPONSE_BYTES, SNIPPET_CHARS, Outcome

if TYPE_CHECKING:
    import h11

# h11 is imported by the first delivery, not at start: a simulator that sends no
# webhook (or starts, answers and stops) never needs it.

Address = tuple[str, int]


@lru_cache(maxsize=256)
def _target(url: str) -> tuple[Address, str, str]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or 80
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host_header = host if parts.port is None else f"{host}:{port}"
    return (host, port), path, host_header


def _client() -> h11.Connection:
    import h11

    return h11.Connection(h11.CLIENT)


class _Failure(Exception):
    """An attempt that failed, with the httpx-style name of the reason."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}" if message else kind)


@dataclass(slots=True)
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    protocol: h11.Connection = field(default_factory=_client)
    reused: bool = False

    def close(self) -> None:
        self.writer.close()


@dataclass
class PlainHttp:
    keep_idle: int = 32
    _idle: dict[Address, list[_Connection]] = field(default_factory=dict)

    async def post(
        self, url: str, body: bytes, headers: dict[str, str], *, timeout: float
    ) -> Outcome:
        started = time.perf_counter()
        status: int | None = None
        head = b""
        error: str | None = None
        try:
            async with asyncio.timeout(timeout):
                status, head = await self._exchange(url, body, headers)
        except TimeoutError:
            error = f"Timeout: no complete answer within {timeout:g} s"
        except _Failure as exc:
            error = str(exc)
        except Exception as exc:  # whatever goes wrong, the attempt failed
            error = f"{type(exc).__name__}: {exc}"
        latency = round((time.perf_counter() - started) * 1000, 2)
        snippet = head.decode("utf-8", errors="replace")[:SNIPPET_CHARS]
        return Outcome(status, snippet, error, latency)

    async def _exchange(
        self, url: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        address, path, host = _target(url)
        connection = await self._connection(address)
        try:
            result = await _round_trip(connection, path, host, body, headers)
        except _Stale:
            # The receiver closed a kept-alive socket meanwhile: once more, fresh.
            connection.close()
            connection = await self._open(address)
            result = await _round_trip(connection, path, host, body, headers)
        except BaseException:
            connection.close()
            raise
        self._keep(address, connection)
        return result

    async def _connection(self, address: Address) -> _Connection:
        idle = self._idle.get(address)
        if idle:
            await asyncio.sleep(0)  # let the loop see a close that is on its way
        while idle:
            connection = idle.pop()
            reader = connection.reader
            if connection.writer.is_closing() or reader.at_eof() or reader.exception():
                connection.close()  # the receiver closed or reset it while idle
                continue
            connection.reused = True
            return connection
        return await self._open(address)

    async def _open(self, address: Address) -> _Connection:
        try:
            reader, writer = await asyncio.open_connection(*address)
        except OSError as exc:
            raise _Failure("ConnectError", exc.strerror or str(exc)) from None
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return _Connection(reader, writer)

    def _keep(self, address: Address, connection: _Connection) -> None:
        import h11

        protocol = connection.protocol
        if protocol.our_state is h11.DONE and protocol.their_state is h11.DONE:
            protocol.start_next_cycle()
            idle = self._idle.setdefault(address, [])
            if len(idle) < self.keep_idle:
                idle.append(connection)
                return
        connection.close()

    async def aclose(self) -> None:
        for idle in self._idle.values():
            for connection in idle:
                connection.close()
        self._idle.clear()


class _Stale(Exception):
    """A reused connection the receiver had closed before the request reached it.

    Only a failed write says so: the request can then be sent again on a fresh
    connection. Once the whole request is written, the receiver may have acted on
    it, so a connection lost while waiting for the answer is a failed attempt
    (retried by the ladder, and logged), never sent again within the attempt.
    """


async def _round_trip(
    connection: _Connection,
    path: str,
    host: str,
    body: bytes,
    headers: dict[str, str],
) -> tuple[int, bytes]:
    import h11

    protocol = connection.protocol
    fields: list[tuple[str, str]] = [
        ("Host", host),
        ("Content-Length", str(len(body))),
        *headers.items(),
    ]
    request = h11.Request(method="POST", target=path, headers=fields)
    out = (
        protocol.send(request)
        + protocol.send(h11.Data(data=body))
        + protocol.send(h11.EndOfMessage())
    )
    try:
        connection.writer.write(out)
        await connection.writer.drain()
    except OSError as exc:
        if connection.reused:
            raise _Stale() from None
        raise _Failure("WriteError", str(exc)) from None
    return await _answer(connection)


async def _answer(connection: _Connection) -> tuple[int, bytes]:
    import h11

    protocol = connection.protocol
    status = 0
    head = bytearray()
    size = 0
    while True:
        try:
            event = protocol.next_event()
        except h11.RemoteProtocolError as exc:
            raise _Failure("RemoteProtocolError", str(exc)) from None
        if event is h11.NEED_DATA:
            await _read_more(connection, got_answer=bool(status))
            continue
        if isinstance(event, h11.Response):
            status = event.status_code
        elif isinstance(event, h11.Data):
            size += len(event.data)
            if len(head) < SNIPPET_CHARS * 4:
                head += event.data[: SNIPPET_CHARS * 4 - len(head)]
            if size > MAX_RESPONSE_BYTES:
                limit = MAX_RESPONSE_BYTES // 1024
                raise _Failure("ResponseTooLarge", f"answer over {limit} KB")
        elif isinstance(event, (h11.EndOfMessage, h11.ConnectionClosed)):
            return status, bytes(head)


async def _read_more(connection: _Connection, *, got_answer: bool) -> None:
    import h11

    try:
        data = await connection.reader.read(65536)
    except OSError as exc:
        raise _Failure("ReadError", str(exc)) from None
    if not data and not got_answer:
        raise _Failure(
            "RemoteProtocolError", "the receiver closed the connection unanswered"
        )
    try:
        connection.protocol.receive_data(data)
    except h11.RemoteProtocolError as exc:
        raise _Failure("RemoteProtocolError", str(exc)) from None
