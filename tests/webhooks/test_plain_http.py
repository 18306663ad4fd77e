"""The lean plain-http sender: keep-alive, stale sockets, chunked answers."""

from __future__ import annotations

import asyncio

import pytest

from simulator.webhooks.plain_http import PlainHttp
from simulator.webhooks.sending import Outcome


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    return head + await reader.readexactly(length)


def _serve(
    answer: bytes,
    *,
    close_after: bool,
    requests: list[bytes],
    count: int,
) -> list[Outcome]:
    connections: list[int] = []

    async def handle(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        connections.append(1)
        try:
            while True:
                requests.append(await _read_request(reader))
                writer.write(answer)
                await writer.drain()
                if close_after:
                    break
        except asyncio.IncompleteReadError:
            pass
        writer.close()

    async def main() -> list[Outcome]:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        sender = PlainHttp()
        outcomes = []
        async with server:
            for n in range(count):
                outcomes.append(
                    await sender.post(
                        f"http://127.0.0.1:{port}/in?n={n}",
                        b'{"n":%d}' % n,
                        {"Signature": "sha256 x"},
                        timeout=5,
                    )
                )
                await asyncio.sleep(0)  # let a closing server finish closing
            await sender.aclose()
        outcomes.append(Outcome(len(connections), "", None, 0))
        return outcomes

    return asyncio.run(main())


def test_plain_http__keeps_one_connection_alive() -> None:
    requests: list[bytes] = []

    *outcomes, connections = _serve(
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        close_after=False,
        requests=requests,
        count=3,
    )

    assert [o.status for o in outcomes] == [200, 200, 200]
    assert [o.snippet for o in outcomes] == ["ok"] * 3
    assert connections.status == 1
    assert requests[1].startswith(b"POST /in?n=1 HTTP/1.1\r\n")
    assert b"\r\nsignature: sha256 x\r\n" in requests[1].lower()
    assert requests[1].endswith(b'{"n":1}')


def test_plain_http__a_socket_the_receiver_closed_is_replaced() -> None:
    requests: list[bytes] = []

    *outcomes, connections = _serve(
        b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        close_after=True,
        requests=requests,
        count=3,
    )

    assert [(o.status, o.error) for o in outcomes] == [(201, None)] * 3
    assert len(requests) == 3
    assert connections.status == 3


@pytest.mark.parametrize(
    ("answer", "status", "snippet"),
    [
        (
            b"HTTP/1.1 500 Oops\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"4\r\nfail\r\n3\r\ned!\r\n0\r\n\r\n",
            500,
            "failed!",
        ),
        (b"HTTP/1.1 204 No Content\r\n\r\n", 204, ""),
    ],
)
def test_plain_http__reads_chunked_and_empty_answers(
    answer: bytes, status: int, snippet: str
) -> None:
    outcome, _ = _serve(answer, close_after=False, requests=[], count=1)

    assert (outcome.status, outcome.snippet, outcome.error) == (status, snippet, None)
