"""The one clock every part of the simulator reads.

The world starts at a fixed instant (the epoch of its seed), so a seeded world never
depends on the day it was built. From there the clock either follows real elapsed time
or stays still until it is advanced ("virtual" time, for scenarios and tests), or
runs `scale` times faster than real time ("scaled", to watch a 15-hour retry ladder
in minutes). Switching modes never makes the time jump.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal

ClockMode = Literal["real", "scaled", "virtual"]
CLOCK_MODES: tuple[ClockMode, ...] = ("real", "scaled", "virtual")

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
        scale: float = 1.0,
    ) -> None:
        if scale <= 0:
            raise ValueError("the clock's scale must be above 0")
        self.mode: ClockMode = mode
        self.scale = scale
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
        return self._start + self._offset + self._elapsed()

    def _elapsed(self) -> int:
        """Milliseconds of simulated time that real time has added since the start."""
        if self.mode == "virtual":
            return 0
        rate = self.scale if self.mode == "scaled" else 1.0
        return int((self._monotonic() - self._started) * 1000 * rate)

    def set_mode(self, mode: ClockMode, scale: float | None = None) -> None:
        """Run in `mode` from now on, carrying on from the current time."""
        if scale is not None and scale <= 0:
            raise ValueError("the clock's scale must be above 0")
        self._offset += self._elapsed()
        self._started = self._monotonic()
        self.mode = mode
        if scale is not None:
            self.scale = scale

    def real_seconds(self, milliseconds: int) -> float:
        """How long real time takes to move this clock `milliseconds` (inf: never)."""
        if self.mode == "virtual":
            return float("inf")
        rate = self.scale if self.mode == "scaled" else 1.0
        return max(milliseconds, 0) / 1000 / rate

    def advance(self, milliseconds: int) -> int:
        if milliseconds < 0:
            raise ValueError("the clock cannot move backwards")
        self._offset += milliseconds
        return self.now()

    def advance_to(self, moment: int) -> int:
        """Move forward to `moment` if it is later than now; the time after."""
        return self.advance(max(moment - self.now(), 0))

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
