"""The one clock every part of the simulator reads.

The world starts at a fixed instant (the epoch of its seed), so a seeded world never
depends on the day it was built. From there the clock either follows real elapsed time
or stays still until it is advanced ("virtual" time, for scenarios and tests).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal

ClockMode = Literal["real", "virtual"]

DEFAULT_EPOCH = "2026-06-01T16:00:00Z"


def parse_instant(text: str) -> int:
    """An ISO-8601 instant as milliseconds since the Unix epoch."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


class Clock:
    def __init__(
        self,
        start: int,
        mode: ClockMode = "real",
        *,
        monotonic: Callable[[], float] = time.monotonic,
        min_step: int = 1000,
    ) -> None:
        self.mode: ClockMode = mode
        self.min_step = min_step
        self._start = start
        self._monotonic = monotonic
        self._started = monotonic()
        self._offset = 0
        self._last_stamp = start

    def restart(self) -> None:
        """Follow real time from here on, as a clock made just now would."""
        self._started = self._monotonic()

    def now(self) -> int:
        """The current simulated time, in milliseconds since the Unix epoch."""
        elapsed = 0
        if self.mode == "real":
            elapsed = int((self._monotonic() - self._started) * 1000)
        return self._start + self._offset + elapsed

    def advance(self, milliseconds: int) -> int:
        if milliseconds < 0:
            raise ValueError("the clock cannot move backwards")
        self._offset += milliseconds
        return self.now()

    def stamp(self) -> int:
        """A time for a change: now, but at least `min_step` ms after the last one.

        Webhook payloads write times to the second, so by default two changes are
        at least a second apart: a receiver that orders or de-duplicates events by
        `last_activity_at` can tell any two changes apart, even in virtual time.
        """
        now = self.now()
        moment = max(now, self._last_stamp + max(self.min_step, 1))
        self._offset += moment - now
        self._last_stamp = moment
        return moment
