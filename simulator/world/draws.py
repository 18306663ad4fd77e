"""Draws from the world's random source, as `random.Random` makes them, cheaper.

A world of 100,000 candidates draws millions of times. `Random.choice` and
`Random.randint` reach their one `getrandbits` draw through three calls; these
helpers make exactly the same draws (the same bits, the same rejection of
out-of-range values), so a seed builds the same world as it always did, in
fewer steps. `between` is the build's own cheaper `randint`, one `random()`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from random import Random
from typing import TypeVar

T = TypeVar("T")


def below(rng: Random, n: int) -> int:
    """A number from 0 to `n - 1`, drawn as `Random._randbelow` draws it."""
    bits = n.bit_length()
    draw = rng.getrandbits(bits)
    while draw >= n:
        draw = rng.getrandbits(bits)
    return draw


def choice(rng: Random, items: Sequence[T]) -> T:
    """The item `rng.choice(items)` gives, from the same draw."""
    count = len(items)
    bits = count.bit_length()
    draw = rng.getrandbits(bits)
    while draw >= count:
        draw = rng.getrandbits(bits)
    return items[draw]


def randint(rng: Random, low: int, high: int) -> int:
    """The number `rng.randint(low, high)` gives, from the same draw."""
    return low + below(rng, high - low + 1)


def between(rng: Random, low: int, high: int) -> int:
    """An integer from `low` to `high`, both included, from one `random()`."""
    return low + int(rng.random() * (high - low + 1))


def sample(rng: Random, population: Sequence[T], k: int) -> list[T]:
    """The items `rng.sample(population, k)` gives, from the same draws.

    Written out for the small samples a build takes (at most five items), where
    `Random.sample` spends more on its checks than on its draws; larger ones go
    to `Random.sample` itself.
    """
    n = len(population)
    if k > 5 or not 0 <= k <= n:
        return rng.sample(population, k)
    result = []
    if n <= 21:  # Random.sample draws from a shrinking pool
        pool = list(population)
        for i in range(k):
            j = below(rng, n - i)
            result.append(pool[j])
            pool[j] = pool[n - i - 1]
    else:  # ... or redraws indexes already taken
        taken: set[int] = set()
        for _ in range(k):
            j = below(rng, n)
            while j in taken:
                j = below(rng, n)
            taken.add(j)
            result.append(population[j])
    return result


def weighted(rng: Random, items: Sequence[T], cumulative: Sequence[int]) -> T:
    """The item `rng.choices(items, cum_weights=cumulative)[0]` gives."""
    return items[
        bisect_right(cumulative, rng.random() * cumulative[-1], 0, len(items) - 1)
    ]
