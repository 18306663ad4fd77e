"""People's names as Faker draws them, without the cost of each call.

`fake.first_name()` picks from a weighted table of names; `Random.choices` adds up
all the weights again on every call. `Names` adds them once and then draws the
very same name from the same `random()` draw, so a seed still gives the names
it always gave (tests/world/test_world_build.py compares the two).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import accumulate

from faker import Faker

from simulator.world.draws import choice, weighted


class Names:
    """`first_name()` and `last_name()` of a one-locale Faker, drawn directly."""

    def __init__(self, fake: Faker) -> None:
        person = fake[fake.locales[0]].provider("faker.providers.person")
        self.first_name = self._drawer(fake, person, "first_names", fake.first_name)
        self.last_name = self._drawer(fake, person, "last_names", fake.last_name)

    @staticmethod
    def _drawer(
        fake: Faker, person: object, table: str, slow: Callable[[], str]
    ) -> Callable[[], str]:
        """How to draw from one table; Faker's own call if it is not a plain one."""
        names = getattr(person, table, None)
        if len(fake.locales) != 1 or not isinstance(names, Mapping):
            return slow
        rng = fake.random
        keys = tuple(names)
        if not getattr(person, "__use_weighting__", True):
            return lambda: choice(rng, keys)
        cumulative = list(accumulate(names.values()))
        return lambda: weighted(rng, keys, cumulative)
