"""Sending webhook deliveries in the background, and the log of every attempt.

A delivery is fully built (bytes, headers, signature) when the change happens, in
the request that made it; the dispatcher only sends it. Sending runs on worker
tasks, so an API response never waits for a receiver.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

logger = logging.getLogger("ghsim.webhooks")

DeliveryState = Literal["pending", "delivered", "failed"]


@dataclass(slots=True)
class Delivery:
    id: int
    event_id: str
    webhook: str
    action: str
    application_id: int | None
    url: str
    body: bytes
    headers: dict[str, str]
    created_at: int
    forged: bool = False
    state: DeliveryState = "pending"
    response_status: int | None = None
    response_snippet: str = ""
    error: str | None = None
    latency_ms: float | None = None

    def describe(self, *, with_body: bool = False) -> dict[str, Any]:
        summary: dict[str, Any] = {
            "id": self.id,
            "event_id": self.event_id,
            "webhook": self.webhook,
            "action": self.action,
            "application_id": self.application_id,
            "url": self.url,
            "state": self.state,
            "forged": self.forged,
            "response_status": self.response_status,
            "response_snippet": self.response_snippet,
            "error": self.error,
            "latency_ms": self.latency_ms,
        }
        if with_body:
            summary["headers"] = self.headers
            summary["body"] = self.body.decode("utf-8")
        return summary


@dataclass
class Dispatcher:
    workers: int = 4
    timeout: float = 10.0
    any_2xx_succeeds: bool = True
    log: list[Delivery] = field(default_factory=list)
    # Where deliveries go: None is the network; in-process mode passes e.g.
    # httpx.ASGITransport(app=receiver) so the same bytes reach an app directly.
    transport: httpx.AsyncBaseTransport | None = None
    _queue: asyncio.Queue[Delivery] | None = None
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _client: httpx.AsyncClient | None = None
    _backlog: list[Delivery] = field(default_factory=list)

    def next_id(self) -> int:
        return len(self.log) + 1

    def submit(self, delivery: Delivery) -> None:
        self.log.append(delivery)
        if self._queue is None:
            self._backlog.append(delivery)
        else:
            self._queue.put_nowait(delivery)

    def pending(self) -> int:
        return sum(1 for delivery in self.log if delivery.state == "pending")

    def clear(self) -> None:
        """Forget the log (on reset); deliveries already queued still go out."""
        self.log = []

    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._client = httpx.AsyncClient(
            timeout=self.timeout, follow_redirects=False, transport=self.transport
        )
        self._tasks = [
            asyncio.create_task(self._work(), name=f"webhook-worker-{n}")
            for n in range(self.workers)
        ]
        for delivery in self._backlog:
            self._queue.put_nowait(delivery)
        self._backlog = []

    async def settle(self) -> None:
        """Wait until every delivery queued so far has been attempted."""
        if self._queue is not None:
            await self._queue.join()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        if self._client is not None:
            await self._client.aclose()
        left = self.pending()
        if left:
            logger.warning("stopped with %d webhook deliveries not sent", left)

    async def _work(self) -> None:
        assert self._queue is not None
        while True:
            delivery = await self._queue.get()
            try:
                await self._attempt(delivery)
            finally:
                self._queue.task_done()

    async def _attempt(self, delivery: Delivery) -> None:
        assert self._client is not None
        started = time.perf_counter()
        try:
            response = await self._client.post(
                delivery.url, content=delivery.body, headers=delivery.headers
            )
        except httpx.HTTPError as exc:
            delivery.error = (
                f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            )
            delivery.state = "failed"
        else:
            delivery.response_status = response.status_code
            delivery.response_snippet = response.text[:200]
            delivery.state = "delivered" if self._succeeded(response) else "failed"
        delivery.latency_ms = round((time.perf_counter() - started) * 1000, 2)
        logger.info(
            "delivery %d %s to %s (%s): %s %s in %.1f ms",
            delivery.id,
            delivery.action,
            delivery.webhook,
            delivery.url,
            delivery.state,
            delivery.response_status or delivery.error,
            delivery.latency_ms,
        )

    def _succeeded(self, response: httpx.Response) -> bool:
        if self.any_2xx_succeeds:
            return 200 <= response.status_code < 300
        return response.status_code == 200
