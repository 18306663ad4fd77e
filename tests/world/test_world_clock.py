"""The clock: virtual and real time, stamps for changes, and parsing instants."""

from __future__ import annotations

from itertools import pairwise

import pytest

from simulator.world.clock import DEFAULT_EPOCH, Clock, parse_instant

START = 1_780_329_600_000  # 2026-06-01T16:00:00Z


class FakeMonotonic:
    """A monotonic source the test moves by hand, in seconds."""

    def __init__(self, value: float = 100.0) -> None:
        self.value = value

    def __call__(self) -> float:
        return self.value


def test_clock_virtual__starts_at_start() -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic())

    now = clock.now()

    assert now == START


def test_clock_virtual__stays_still_while_real_time_passes() -> None:
    monotonic = FakeMonotonic()
    clock = Clock(START, "virtual", monotonic=monotonic)

    monotonic.value += 3600.0

    assert clock.now() == START


def test_clock_virtual__advance_moves_now_and_returns_it() -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic())

    returned = clock.advance(90_000)

    assert returned == START + 90_000
    assert clock.now() == START + 90_000


def test_clock_virtual__advances_add_up() -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic())

    clock.advance(1_000)
    clock.advance(0)
    clock.advance(2_500)

    assert clock.now() == START + 3_500


def test_clock_real__follows_the_injected_monotonic() -> None:
    monotonic = FakeMonotonic(50.0)
    clock = Clock(START, "real", monotonic=monotonic)

    monotonic.value = 52.5

    assert clock.now() == START + 2_500


def test_clock_real__advance_adds_to_elapsed_time() -> None:
    monotonic = FakeMonotonic(50.0)
    clock = Clock(START, "real", monotonic=monotonic)

    monotonic.value = 51.0
    clock.advance(10_000)

    assert clock.now() == START + 11_000


def test_clock_real__is_the_default_mode() -> None:
    monotonic = FakeMonotonic(0.0)
    clock = Clock(START, monotonic=monotonic)

    monotonic.value = 0.75

    assert clock.mode == "real"
    assert clock.now() == START + 750


@pytest.mark.parametrize("milliseconds", [-1, -1_000])
def test_clock_advance__rejects_negative(milliseconds: int) -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic())
    clock.advance(5_000)

    with pytest.raises(ValueError, match="backwards"):
        clock.advance(milliseconds)

    assert clock.now() == START + 5_000


def test_clock_stamp__first_is_min_step_after_start() -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic())

    stamp = clock.stamp()

    assert stamp == START + 1_000


def test_clock_stamp__moves_now_forward_to_the_stamp() -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic())

    stamp = clock.stamp()

    assert clock.now() == stamp


@pytest.mark.parametrize("min_step", [1_000, 250, 1])
def test_clock_stamp__strictly_increasing_and_min_step_apart(min_step: int) -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic(), min_step=min_step)

    stamps = [clock.stamp() for _ in range(20)]

    gaps = [later - earlier for earlier, later in pairwise(stamps)]
    assert all(gap >= min_step for gap in gaps)
    assert stamps[0] >= START + min_step


def test_clock_stamp__zero_min_step_still_strictly_increasing() -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic(), min_step=0)

    stamps = [clock.stamp() for _ in range(5)]

    assert stamps == sorted(set(stamps))


def test_clock_stamp__is_now_when_time_has_moved_past_the_step() -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic())
    first = clock.stamp()

    clock.advance(60_000)
    second = clock.stamp()

    assert second == first + 60_000


def test_clock_stamp__real_mode_follows_elapsed_time() -> None:
    monotonic = FakeMonotonic(10.0)
    clock = Clock(START, "real", monotonic=monotonic)

    monotonic.value = 15.0
    first = clock.stamp()
    second = clock.stamp()

    assert first == START + 5_000
    assert second == START + 6_000
    assert clock.now() == second


def test_clock_stamp__after_advance_never_goes_back() -> None:
    clock = Clock(START, "virtual", monotonic=FakeMonotonic())
    stamps = [clock.stamp() for _ in range(3)]

    clock.advance(10)
    after = clock.stamp()

    assert after >= stamps[-1] + 1_000
    assert clock.now() == after


@pytest.mark.parametrize(
    ("text", "millis"),
    [
        ("1970-01-01T00:00:00Z", 0),
        ("1970-01-01T00:00:01Z", 1_000),
        (DEFAULT_EPOCH, START),
        ("2026-06-01T16:00:00+00:00", START),
        ("2026-06-01T18:00:00+02:00", START),
        ("2026-06-01T12:00:00-04:00", START),
        ("2026-06-01T16:00:00", START),
        ("2026-06-01T16:00:00.250Z", START + 250),
        ("2026-06-01T16:00:00.001Z", START + 1),
        ("2026-06-01T16:00:00.999Z", START + 999),
    ],
)
def test_parse_instant__to_epoch_millis(text: str, millis: int) -> None:
    result = parse_instant(text)

    assert result == millis


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01T00:00:00Z"])
def test_parse_instant__rejects_non_instants(text: str) -> None:
    with pytest.raises(ValueError):
        parse_instant(text)
