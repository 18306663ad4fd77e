"""The world's change counter: what a cache of rendered records is checked against.

Every change to any world moves the counter, so anything derived from a world
(the JSON bytes of a rendered record) is good only while the counter stands
where it stood when it was derived. The counter is moved, before and after, by
every action of `simulator.world.actions` (wrapped there as they are exported)
and by every HTTP request that is not a read
(`simulator.harvest.fragments.ChangesOnWrites`). Code that
changes a world's records by hand, outside the actions, calls `changed()`.

One counter serves every world in the process: a change to one world drops
what was derived from the others too, which is never wrong, only a little
wasteful when several organisations are served at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_counter = [0]


def generation() -> int:
    """Where the counter stands: equal readings mean nothing changed between."""
    return _counter[0]


def changed() -> None:
    """Say that some world changed (or is about to)."""
    _counter[0] += 1


def changes_world(action: F) -> F:
    """`action`, moving the counter before it runs and after it returns or fails
    (a refused action leaves no trace, but moving on a refusal costs nothing)."""

    @functools.wraps(action)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _counter[0] += 1
        try:
            return action(*args, **kwargs)
        finally:
            _counter[0] += 1

    wrapper.__changes_world__ = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
