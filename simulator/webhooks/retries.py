"""When Greenhouse tries a failed delivery again, and what counts as a failure.

The current policy (webhooks/_introduction.md, since 2024-08-28): up to 7 attempts
over about 15 hours, waiting 1, 15, 60, 120, 240 and 480 minutes after each failed
one. Until 2024 the docs also printed the jitter Sidekiq adds, `rand(30) * (n + 1)`
seconds after the n-th failure; we keep that, drawn from the seed, so a run repeats.

A failure is a timeout, a connection error, or "a non HTTP 200 response". Whether
201, 202 or 204 also count as success is not stated; a support article's log shows
`202 OK`, so by default any 2xx succeeds (`any_2xx_succeeds=False` is the strict
reading). Whether a retry keeps its `Greenhouse-Event-ID` is not stated either: by
default it does (the id then works as an idempotency key, which is what receivers
use it for); `same_event_id=False` draws a new one for each attempt.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MINUTE = 60_000
LADDER_MINUTES: tuple[int, ...] = (1, 15, 60, 120, 240, 480)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 7
    ladder_minutes: tuple[int, ...] = LADDER_MINUTES
    jitter: bool = True
    any_2xx_succeeds: bool = True
    same_event_id: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.max_attempts <= len(self.ladder_minutes) + 1:
            raise ValueError(
                f"max_attempts must be between 1 and {len(self.ladder_minutes) + 1}"
            )

    def succeeded(self, status: int) -> bool:
        if self.any_2xx_succeeds:
            return 200 <= status < 300
        return status == 200

    def gives_up_after(self, attempt: int) -> bool:
        return attempt >= self.max_attempts

    def wait_after(self, attempt: int, seed: str) -> int:
        """Milliseconds to wait after failed attempt number `attempt` (from 1).

        The jitter comes from `seed` (the run's seed, the delivery, the attempt),
        so it is the same in every run whatever order attempts finish in.
        """
        base = self.ladder_minutes[attempt - 1] * MINUTE
        if not self.jitter:
            return base
        extra_seconds = random.Random(seed).randrange(30) * attempt
        return base + extra_seconds * 1000
