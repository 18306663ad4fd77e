"""The rolling window behind Harvest's rate limit, on a clock the test moves."""

from __future__ import annotations

from simulator.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def limiter(clock: Clock) -> RateLimiter:
    return RateLimiter(window=10.0, monotonic=clock, wall=lambda: clock.now + 5e8)


def test_hit__counts_down_then_refuses_with_the_wait() -> None:
    clock = Clock()
    limits = limiter(clock)

    verdicts = [limits.hit("k", 3) for _ in range(3)]
    clock.now += 4.2
    refused = limits.hit("k", 3)

    assert [(v.allowed, v.remaining) for v in verdicts if v] == [
        (True, 2),
        (True, 1),
        (True, 0),
    ]
    assert refused is not None and not refused.allowed
    assert (refused.retry_after, refused.remaining) == (6, 0)
    assert refused.reset_at == 1000 + 10 + 500_000_000
    assert refused.headers()["Retry-After"] == "6"


def test_hit__the_window_rolls() -> None:
    clock = Clock()
    limits = limiter(clock)
    for _ in range(3):
        limits.hit("k", 3)

    clock.now += 10.0
    again = limits.hit("k", 3)

    assert again is not None and again.allowed and again.remaining == 2


def test_hit__keys_are_counted_apart() -> None:
    clock = Clock()
    limits = limiter(clock)
    for _ in range(3):
        limits.hit("a", 3)

    other = limits.hit("b", 3)

    assert other is not None and other.allowed


def test_hit__a_refused_request_does_not_count() -> None:
    clock = Clock()
    limits = limiter(clock)
    for _ in range(5):
        limits.hit("k", 2)

    clock.now += 10.01
    verdict = limits.hit("k", 2)

    assert verdict is not None and verdict.remaining == 1


def test_hit__limit_zero_is_no_limit() -> None:
    limits = limiter(Clock())

    assert all(limits.hit("k", 0) is None for _ in range(100))
