"""One HTTP attempt at a delivery, bounded in time and in what it reads back.

A receiver may hang, reset the connection, answer with something that is not HTTP,
or send back megabytes: each of these is a failed attempt with its reason recorded,
and none of them can hold a worker for longer than the timeout or fill memory. The
answer's body is read up to `MAX_RESPONSE_BYTES` at most; a longer one fails.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

SNIPPET_CHARS = 200
MAX_RESPONSE_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Outcome:
    status: int | None
    snippet: str
    error: str | None
    latency_ms: float


def describe_error(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def post(
    client: httpx.AsyncClient,
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout: float,
) -> Outcome:
    """POST `body` once; the status, the start of the answer, or why it failed."""
    import httpx  # the caller made the client: already imported

    started = time.perf_counter()
    status: int | None = None
    head = b""
    error: str | None = None
    try:
        async with asyncio.timeout(timeout):
            async with client.stream(
                "POST", url, content=body, headers=headers
            ) as response:
                status = response.status_code
                head, error = await _read_bounded(response)
    except TimeoutError:
        error = f"Timeout: no complete answer within {timeout:g} s"
    except (httpx.HTTPError, OSError) as exc:
        error = describe_error(exc)
    except Exception as exc:  # whatever goes wrong, the attempt failed and says why
        error = f"unexpected {describe_error(exc)}"
    latency = round((time.perf_counter() - started) * 1000, 2)
    snippet = head.decode("utf-8", errors="replace")[:SNIPPET_CHARS]
    return Outcome(status, snippet, error, latency)


async def _read_bounded(response: httpx.Response) -> tuple[bytes, str | None]:
    """The first bytes of the answer; an error if it runs past the limit."""
    head = bytearray()
    size = 0
    # An in-process transport may hand back an answer already read whole.
    whole = [response.content] if response.is_stream_consumed else None
    async for chunk in _chunks(response, whole):
        size += len(chunk)
        if len(head) < SNIPPET_CHARS * 4:
            head += chunk[: SNIPPET_CHARS * 4 - len(head)]
        if size > MAX_RESPONSE_BYTES:
            limit = MAX_RESPONSE_BYTES // 1024
            return bytes(head), f"ResponseTooLarge: answer over {limit} KB"
    return bytes(head), None


async def _chunks(
    response: httpx.Response, whole: list[bytes] | None
) -> AsyncIterator[bytes]:
    if whole is not None:
        for chunk in whole:
            yield chunk
        return
    async for chunk in response.aiter_raw():
        yield chunk
