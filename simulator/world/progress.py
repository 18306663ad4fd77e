"""How far a world build has got, for a progress bar.

`build_world` reports `(done, total)` through an optional callback. The build
runs in phases of known size (jobs, candidates, applications, their hiring
process, profiles); each phase owns a fixed share of `TOTAL` steps, in proportion
to what it costs, and reports at most once per step, so a caller hears from it a
few hundred times however large the world is.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressCallback = Callable[[int, int], None]

TOTAL = 200

# Each phase's share of the build, in steps; they add up to TOTAL.
SHARES: dict[str, int] = {
    "jobs": 16,
    "candidates": 50,
    "applications": 40,
    "process": 70,
    "profiles": 20,
    "settings": 4,
}


class Progress:
    """Turns counts inside phases into steps of the whole build."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self._callback = callback
        self._base = 0  # steps of the phases already finished
        self._share = 0
        self._size = 1
        self._reported = -1
        self.every = 1 << 62  # items between calls to `at`; huge when unused
        self._report(0)

    def phase(self, name: str, size: int) -> None:
        """Start a phase of `size` items (the previous one counts as done)."""
        self._base += self._share
        self._report(self._base)
        self._share = SHARES[name]
        self._size = max(1, size)
        if self._callback is not None:
            self.every = max(1, self._size // self._share)

    def at(self, done: int) -> None:
        """`done` items of the current phase are finished."""
        steps = min(self._share, done * self._share // self._size)
        self._report(self._base + steps)

    def finish(self) -> None:
        self._base, self._share = TOTAL, 0
        self._report(TOTAL)

    def _report(self, steps: int) -> None:
        if self._callback is not None and steps > self._reported:
            self._reported = steps
            self._callback(steps, TOTAL)
