"""Sending deliveries on the simulator's clock: workers, the schedule, retries.

A delivery whose time has come goes on a queue that worker tasks drain, so an API
response never waits for a receiver. One that is not yet due (a retry, a delayed
delivery) waits in a heap ordered by its time on the simulator's clock. In real or
scaled time a ticker task releases it when the clock reaches it; in virtual time
`advance` moves the clock from one due time to the next and sends everything due,
in order, before it returns.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import random
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.webhooks import sending, state_file
from simulator.webhooks.delivery import Attempt, Delivery, again
from simulator.webhooks.faults import TIMING_KINDS, FaultBook
from simulator.webhooks.plain_http import PlainHttp
from simulator.webhooks.retries import RetryPolicy
from simulator.world.clock import Clock

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger("ghsim.webhooks")

Batch = list[Delivery]  # sent one after the other, in this order
REORDER = frozenset({"reorder"})


def _wall_clock() -> Clock:
    return Clock(int(time.time() * 1000), "real")


@dataclass
class Dispatcher:
    workers: int = 16
    timeout: float = 10.0
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    transport: httpx.AsyncBaseTransport | None = None
    clock: Clock = field(default_factory=_wall_clock)
    seed: int = 1
    state_path: Path | None = None
    log: list[Delivery] = field(default_factory=list)
    faults: FaultBook = field(default_factory=FaultBook)
    attempts_made: int = 0
    _queue: asyncio.Queue[Batch] | None = None
    _heap: list[tuple[int, int, Batch]] = field(default_factory=list)
    _order: itertools.count[int] = field(default_factory=itertools.count)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _client: httpx.AsyncClient | None = None
    _plain: PlainHttp = field(default_factory=PlainHttp)
    _backlog: list[Batch] = field(default_factory=list)
    _wake: asyncio.Event | None = None
    _advancing: asyncio.Lock | None = None

    @property
    def any_2xx_succeeds(self) -> bool:
        return self.policy.any_2xx_succeeds

    def next_id(self) -> int:
        return len(self.log) + 1

    def get(self, delivery_id: int) -> Delivery | None:
        if 1 <= delivery_id <= len(self.log):
            return self.log[delivery_id - 1]
        return None

    # -- taking deliveries in -------------------------------------------------

    def submit(self, delivery: Delivery) -> list[Delivery]:
        """Log `delivery` and schedule it, applying the faults that match it.

        Returns every delivery logged for it (a duplicate fault adds copies).
        """
        delivery.submitted_perf = time.perf_counter()
        self.log.append(delivery)
        logged = [delivery]
        due = self.clock.now()
        for fault in self.faults.take(delivery.webhook, delivery.action, TIMING_KINDS):
            delivery.faults.append(fault.kind)
            if fault.kind in ("delay", "read_ahead"):
                due += int(fault.seconds * 1000)
            elif fault.kind == "fail_first":
                delivery.fail_first = max(delivery.fail_first, fault.attempts)
            elif fault.kind == "duplicate":
                logged += [self._copy(delivery) for _ in range(fault.copies)]
        delivery.due_at = due
        reorders = self.faults.take(delivery.webhook, delivery.action, REORDER)
        reorder = reorders[0] if reorders else None
        if reorder is not None:
            delivery.faults.append("reorder")
            window = self.faults.hold(reorder, delivery)
            if window is not None:
                self._schedule(max(d.due_at or due for d in window), window)
        else:
            self._schedule(due, [delivery])
        for copy in logged[1:]:
            self._schedule(due, [copy])
        return logged

    def _copy(self, original: Delivery) -> Delivery:
        """The same bytes and event id again, logged as a delivery of its own."""
        copy = again(original, self.next_id(), original.event_id)
        copy.faults = ["duplicate"]
        self.log.append(copy)
        return copy

    def release(self, deliveries: list[Delivery]) -> None:
        """Send deliveries a removed reorder fault was holding, in their order."""
        if deliveries:
            self._schedule(self.clock.now(), deliveries)

    def redeliver(self, original: Delivery) -> Delivery:
        """Send a logged delivery again now, as a new delivery with a new event id."""
        event_id = self.event_id(f"redeliver:{self.next_id()}")
        delivery = again(original, self.next_id(), event_id)
        delivery.created_at = self.clock.now()
        delivery.submitted_perf = time.perf_counter()
        self.log.append(delivery)
        delivery.due_at = delivery.created_at
        self._schedule(delivery.created_at, [delivery])
        return delivery

    def event_id(self, salt: str) -> str:
        bits = random.Random(f"{self.seed}:event:{salt}").getrandbits(128)
        return str(uuid.UUID(int=bits, version=4))

    def _schedule(self, due: int, batch: Batch) -> None:
        for delivery in batch:
            delivery.due_at = due
        if self._queue is None:
            self._backlog.append(batch)
        elif due <= self.clock.now():
            self._queue.put_nowait(batch)
        else:
            heapq.heappush(self._heap, (due, next(self._order), batch))
            self.clock_changed()

    def clock_changed(self) -> None:
        """Wake the ticker: the clock or the schedule moved."""
        if self._wake is not None:
            self._wake.set()

    # -- counting ---------------------------------------------------------------

    def pending(self) -> int:
        """Deliveries whose attempt is due now or in flight (not future retries)."""
        now = self.clock.now()
        held = self._held_ids()
        return sum(
            1
            for d in self.log
            if not d.final
            and (d.due_at is None or d.due_at <= now)
            and d.id not in held
        )

    def outstanding(self) -> int:
        """Deliveries not yet delivered or failed: due, scheduled, or held."""
        return sum(1 for d in self.log if not d.final)

    def _held_ids(self) -> set[int]:
        return {d.id for held in self.faults.held.values() for d in held}

    def clear(self) -> None:
        """Forget the log and the schedule (on reset): a new world starts over.

        Attempts already in flight finish; nothing else of the old world is sent.
        """
        dropped = self.outstanding()
        if dropped:
            logger.info("reset: %d webhook deliveries not sent", dropped)
        self.log = []
        self._heap = []
        self._backlog = []
        self.faults.held.clear()
        while self._queue is not None and not self._queue.empty():
            self._queue.get_nowait()
            self._queue.task_done()

    # -- running ----------------------------------------------------------------

    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._wake = asyncio.Event()
        self._advancing = asyncio.Lock()
        self._tasks = [
            asyncio.create_task(self._work(), name=f"webhook-worker-{n}")
            for n in range(self.workers)
        ]
        self._tasks.append(asyncio.create_task(self._tick(), name="webhook-ticker"))
        backlog, self._backlog = self._backlog, []
        if not backlog and self.state_path is not None:
            backlog = [[d] for d in state_file.load(self.state_path, self)]
        for batch in backlog:
            self._schedule(batch[0].due_at or self.clock.now(), batch)

    def _new_client(self) -> httpx.AsyncClient:
        # Made on the first https (or in-process) delivery: plain http goes
        # through PlainHttp, and importing httpx costs a start a tenth of a second.
        import httpx

        limits = httpx.Limits(
            max_connections=self.workers * 2, max_keepalive_connections=self.workers
        )
        return httpx.AsyncClient(
            timeout=self.timeout,
            follow_redirects=False,
            limits=limits,
            transport=self.transport,
        )

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        await self._plain.aclose()
        self._keep_unsent()
        left = self.outstanding()
        if left and self.state_path is not None:
            state_file.save(self.state_path, self.log, self.clock.now())
            logger.warning(
                "stopped with %d webhook deliveries outstanding; saved to %s",
                left,
                self.state_path,
            )
        elif left:
            # Said at INFO: `ghsim serve` tells its user itself, in a line of its own.
            logger.info("stopped with %d webhook deliveries outstanding", left)

    def _keep_unsent(self) -> None:
        """Keep every unfinished delivery for a later start in this process.

        Taken from the log, not the queues: an attempt cut short by the stop is
        not on any queue any more, and must not be lost.
        """
        held = self._held_ids()
        unsent = [d for d in self.log if not d.final and d.id not in held]
        unsent.sort(key=lambda d: (d.due_at or 0, d.id))
        self._backlog = [[delivery] for delivery in unsent]
        self._queue = None
        self._heap = []

    @property
    def running(self) -> bool:
        return self._queue is not None

    async def _tick(self) -> None:
        """Release deliveries as the clock reaches them (real and scaled time)."""
        assert self._wake is not None
        while True:
            self._wake.clear()
            self._release_due()
            wait = self._seconds_to_next()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)

    def _seconds_to_next(self) -> float | None:
        if not self._heap:
            return None
        wait = self.clock.real_seconds(self._heap[0][0] - self.clock.now())
        return None if wait == float("inf") else max(wait, 0.001)

    def _release_due(self) -> None:
        assert self._queue is not None
        now = self.clock.now()
        while self._heap and self._heap[0][0] <= now:
            _, _, batch = heapq.heappop(self._heap)
            self._queue.put_nowait(batch)

    async def advance(self, milliseconds: int) -> int:
        """Move the clock forward, sending everything due on the way, in order.

        Returns the number of attempts made meanwhile (retries included).
        """
        if milliseconds < 0:
            raise ValueError("the clock cannot move backwards")
        if not self.running:
            await self.start()
        assert self._queue is not None and self._advancing is not None
        async with self._advancing:
            before = self.attempts_made
            target = self.clock.now() + milliseconds
            while True:
                self._release_due()
                await self._queue.join()
                if not self._heap or self._heap[0][0] > target:
                    break
                self.clock.advance_to(self._heap[0][0])
            self.clock.advance_to(target)
            self.clock_changed()
            return self.attempts_made - before

    async def settle(self) -> None:
        """Wait until every attempt due now has been made."""
        if self._queue is not None:
            self._release_due()
            await self._queue.join()

    async def _work(self) -> None:
        assert self._queue is not None
        queue = self._queue
        while True:
            batch = await queue.get()
            try:
                for delivery in batch:
                    await self._attempt(delivery)
            except Exception:  # a bug must not kill the worker
                logger.exception("webhook worker failed on a delivery")
            finally:
                queue.task_done()

    # -- one attempt --------------------------------------------------------------

    async def ping(self, delivery: Delivery) -> bool:
        """Send a ping once, now, whatever the clock; True if it succeeded."""
        self.log.append(delivery)
        delivery.submitted_perf = time.perf_counter()
        delivery.due_at = self.clock.now()
        await self._attempt(delivery, retry=False)
        return delivery.state == "delivered"

    async def _attempt(self, delivery: Delivery, *, retry: bool = True) -> None:
        if delivery.final:
            return
        number = len(delivery.attempts) + 1
        waited = (time.perf_counter() - delivery.submitted_perf) * 1000
        event_id, headers = delivery.event_id, delivery.headers
        if number > 1 and not self.policy.same_event_id:
            event_id = self.event_id(f"{delivery.id}:{number}")
            headers = {**headers, "Greenhouse-Event-ID": event_id}
        at = self.clock.now()
        if number <= delivery.fail_first:
            outcome = sending.Outcome(
                None, "", "fault fail_first: attempt failed on purpose, not sent", 0.0
            )
        elif self.transport is None and delivery.url.startswith("http://"):
            outcome = await self._plain.post(
                delivery.url, delivery.body, headers, timeout=self.timeout
            )
        else:
            outcome = await sending.post(
                self._http(), delivery.url, delivery.body, headers, timeout=self.timeout
            )
        ok = outcome.error is None and self.policy.succeeded(outcome.status or 0)
        delivery.record(
            Attempt(
                number,
                event_id,
                at,
                headers,
                outcome.status,
                outcome.error,
                outcome.latency_ms,
                outcome.snippet,
                ok,
                fault="fail_first" if number <= delivery.fail_first else None,
                waited_ms=round(waited, 3),
            )
        )
        self.attempts_made += 1
        self._after(delivery, number, ok, retry=retry)

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = self._new_client()
        return self._client

    def _after(self, delivery: Delivery, number: int, ok: bool, *, retry: bool) -> None:
        if ok:
            delivery.state = "delivered"
        elif not retry or self.policy.gives_up_after(number):
            delivery.state = "failed"
        else:
            delivery.state = "retrying"
            wait = self.policy.wait_after(number, f"{self.seed}:{delivery.id}:{number}")
            self._schedule(self.clock.now() + wait, [delivery])
        logger.info(
            "delivery %d attempt %d %s to %s (%s): %s %s in %.1f ms",
            delivery.id,
            number,
            delivery.action,
            delivery.webhook,
            delivery.url,
            delivery.state,
            delivery.response_status or delivery.error,
            delivery.latency_ms or 0.0,
        )
