"""The clock's scaled mode, and switching modes without a jump."""

from __future__ import annotations

import pytest

from simulator.world.clock import Clock

START = 1_780_329_600_000


class FakeMonotonic:
    def __init__(self, value: float = 100.0) -> None:
        self.value = value

    def __call__(self) -> float:
        return self.value


def test_clock_scaled__runs_scale_times_faster() -> None:
    monotonic = FakeMonotonic()
    clock = Clock(START, "scaled", monotonic=monotonic, scale=60)

    monotonic.value += 2.0

    assert clock.now() == START + 120_000


@pytest.mark.parametrize(
    ("first", "second"),
    [("real", "virtual"), ("virtual", "scaled"), ("scaled", "real")],
)
def test_clock__switching_mode_keeps_the_time(first: str, second: str) -> None:
    monotonic = FakeMonotonic()
    clock = Clock(START, first, monotonic=monotonic, scale=10)  # type: ignore[arg-type]
    monotonic.value += 5.0
    before = clock.now()

    clock.set_mode(second, 10)  # type: ignore[arg-type]

    assert clock.now() == before
    assert clock.mode == second


def test_clock__real_seconds_to_reach_a_time() -> None:
    clock = Clock(START, "scaled", monotonic=FakeMonotonic(), scale=1000)

    assert clock.real_seconds(60_000) == 0.06
    clock.set_mode("virtual")
    assert clock.real_seconds(60_000) == float("inf")


def test_clock__advance_to_never_moves_back() -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic())

    clock.advance_to(START + 5_000)
    clock.advance_to(START + 1_000)

    assert clock.now() == START + 5_000


@pytest.mark.parametrize("scale", [0, -1])
def test_clock__scale_must_be_positive(scale: float) -> None:
    with pytest.raises(ValueError, match="scale"):
        Clock(START, "scaled", scale=scale)
    with pytest.raises(ValueError, match="scale"):
        Clock(START, "virtual").set_mode("scaled", scale)
