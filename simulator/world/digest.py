"""A fingerprint of all a world holds: proof that a refused request changed nothing.

Every table, index, sequence and the seeded random stream go into one hash. The clock
goes in by what it has been told (its start, its advances, the last stamp it handed
out), not by the wall time it follows: reading the clock is not a change.
"""

from __future__ import annotations

import hashlib
import pickle
from typing import Any

from simulator.world.store import World


def _clock_state(world: World) -> tuple[Any, ...]:
    clock = vars(world.clock)
    return tuple(
        value
        for name, value in sorted(clock.items())
        if name not in ("_started", "_monotonic")
    )


def state_hash(world: World) -> str:
    """A hex digest that changes whenever any record, index or sequence does."""
    state = {name: value for name, value in vars(world).items() if name != "clock"}
    digest = hashlib.sha256(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    digest.update(pickle.dumps(_clock_state(world)))
    return digest.hexdigest()
