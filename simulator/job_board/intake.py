"""Greenhouse's asynchronous intake: a 200 now, the application a little later.

Greenhouse answers the application POST before the application exists, so a
sync that reads Harvest straight after a 200 may not find it yet. The delay is
zero by default (the application exists when the 200 is sent); set above zero,
each accepted submission waits on the world's clock, and the first request
after it falls due turns it into a candidate and an application.

Whether an application from a known e-mail gets a new candidate or joins the
existing one is not documented; a new candidate is the default here, and
`reuse_candidates` switches to joining the oldest candidate with that e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Receive, Scope, Send

from simulator.world import actions
from simulator.world.actions import CandidateDetails
from simulator.world.errors import WorldError
from simulator.world.events import WorldEvent

if TYPE_CHECKING:
    from simulator.runtime import Simulator


@dataclass
class Waiting:
    """A submission that was answered 200 and is not an application yet."""

    due: int
    post_id: int
    details: CandidateDetails
    tracking_token: str | None


@dataclass
class Intake:
    """How the Job Board turns a checked submission into an application."""

    reuse_candidates: bool = False
    delay_ms: int = 0
    waiting: list[Waiting] = field(default_factory=list)
    # Submissions that could not be kept when they fell due, with the reason.
    dropped: list[tuple[int, str]] = field(default_factory=list)

    def clear(self) -> None:
        self.waiting.clear()
        self.dropped.clear()

    def submit(
        self,
        sim: Simulator,
        post_id: int,
        details: CandidateDetails,
        tracking_token: str | None,
    ) -> None:
        """Keep now (raising the world's refusal), or queue when delayed."""
        if self.delay_ms <= 0:
            sim.emit(self._keep(sim, post_id, details, tracking_token))
            return
        due = sim.world.clock.now() + self.delay_ms
        self.waiting.append(Waiting(due, post_id, details, tracking_token))

    def settle(self, sim: Simulator, *, everything: bool = False) -> int:
        """Turn every submission that has fallen due into its application."""
        if not self.waiting:
            return 0
        now = sim.world.clock.now()
        due = [w for w in self.waiting if everything or w.due <= now]
        self.waiting = [w for w in self.waiting if w not in due]
        for item in due:
            try:
                events = self._keep(
                    sim, item.post_id, item.details, item.tracking_token
                )
            except WorldError as error:
                self.dropped.append((item.post_id, error.message))
                continue
            sim.emit(events)
        return len(due)

    def _keep(
        self,
        sim: Simulator,
        post_id: int,
        details: CandidateDetails,
        tracking_token: str | None,
    ) -> list[WorldEvent]:
        post = sim.world.job_posts.get(post_id)
        _, events = actions.apply_to_post(
            sim.world,
            post,
            details,
            tracking_token=tracking_token,
            reuse_candidate=self.reuse_candidates,
        )
        return list(events)


class IntakeSettler:
    """Before each request, let submissions that have fallen due arrive."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            sim = getattr(scope["app"].state, "sim", None) if "app" in scope else None
            if sim is not None:
                sim.intake.settle(sim)
        await self.app(scope, receive, send)
