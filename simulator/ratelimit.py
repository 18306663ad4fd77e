"""Harvest's rate limit: per key, a rolling window of requests.

Greenhouse allows `X-RateLimit-Limit` requests per 10 seconds (50 in its docs)
and tells every response how many are left. Over the limit it answers 429 with
`Retry-After` (seconds) and `X-RateLimit-Reset` (a Unix time). The window runs on
real time, not the simulator's clock: it paces the client, not the world.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int = 0
    reset_at: int = 0

    def headers(self) -> dict[str, str]:
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
        }
        if not self.allowed:
            headers["Retry-After"] = str(self.retry_after)
            headers["X-RateLimit-Reset"] = str(self.reset_at)
        return headers


@dataclass
class RateLimiter:
    window: float = 10.0
    monotonic: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time
    _hits: dict[str, deque[float]] = field(default_factory=dict)

    def hit(self, key: str, limit: int) -> Verdict | None:
        """Count one request for `key`; None when the key has no limit (0)."""
        if limit <= 0:
            return None
        now = self.monotonic()
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= limit:
            until_free = hits[0] + self.window - now
            reset_at = math.ceil(self.wall() + until_free)
            return Verdict(False, limit, 0, max(1, math.ceil(until_free)), reset_at)
        hits.append(now)
        return Verdict(True, limit, limit - len(hits))

    def reset(self) -> None:
        self._hits.clear()
