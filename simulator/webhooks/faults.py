"""Faults switched on at will: what real webhook deliveries do to a sync.

Each fault applies to one webhook or to all (`webhook`), to one action or to all
(`action`), and to the next `count` matching deliveries or until removed. Every
choice a fault makes (which order a window is sent in) is drawn from the run's
seed, so a run with the same seed, faults and actions repeats exactly.

- `duplicate`: the same delivery (same bytes, same event id) is sent `copies` more
  times, as at-least-once delivery does.
- `delay`: the first attempt leaves `seconds` later on the simulator's clock.
- `reorder`: `window` deliveries are held, then sent one after the other in a
  shuffled order (never the original one).
- `fail_first`: the first `attempts` attempts fail without being sent, so the retry
  lands after later events.
- `sparse`: the optional blocks of the payload are left out.
- `wrong_secret` / `reencoded`: the signature is made with another key, or over a
  re-encoding of the body rather than the bytes sent (negative controls).
- `read_ahead`: Harvest shows the change `seconds` before the webhook arrives (the
  webhook is held back that long).
- `read_lag`: Harvest shows the change only `seconds` after the webhook
  (webhooks.read_lag answers Harvest's reads from the world before the change).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Literal

from simulator.webhooks.delivery import Delivery

FaultKind = Literal[
    "duplicate",
    "delay",
    "reorder",
    "fail_first",
    "sparse",
    "wrong_secret",
    "reencoded",
    "read_lag",
    "read_ahead",
]
FAULT_KINDS: tuple[FaultKind, ...] = (
    "duplicate",
    "delay",
    "reorder",
    "fail_first",
    "sparse",
    "wrong_secret",
    "reencoded",
    "read_lag",
    "read_ahead",
)
# Faults that change the bytes or the signature: applied when the body is built.
BODY_KINDS = frozenset({"sparse", "wrong_secret", "reencoded"})
# Faults that change when or how often a delivery goes out: applied on submit.
TIMING_KINDS = frozenset({"duplicate", "delay", "reorder", "fail_first", "read_ahead"})
MAX_SECONDS = 7 * 24 * 3600


class FaultError(ValueError):
    """A fault that cannot be switched on: `field` names the bad parameter."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(slots=True)
class Fault:
    id: int
    kind: FaultKind
    webhook: str | None = None
    action: str | None = None
    count: int | None = None
    copies: int = 1
    seconds: float = 0.0
    window: int = 2
    attempts: int = 1
    applied: int = 0

    def matches(self, webhook: str, action: str) -> bool:
        return self.webhook in (None, webhook) and self.action in (None, action)

    def describe(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "webhook": self.webhook,
            "action": self.action,
            "count": self.count,
            "applied": self.applied,
        }
        body.update(_PARAMETERS[self.kind](self))
        return body


_PARAMETERS: dict[str, Any] = {
    "duplicate": lambda f: {"copies": f.copies},
    "delay": lambda f: {"seconds": f.seconds},
    "read_ahead": lambda f: {"seconds": f.seconds},
    "read_lag": lambda f: {"seconds": f.seconds},
    "reorder": lambda f: {"window": f.window},
    "fail_first": lambda f: {"attempts": f.attempts},
    "sparse": lambda f: {},
    "wrong_secret": lambda f: {},
    "reencoded": lambda f: {},
}


def _integer(body: dict[str, Any], name: str, low: int, high: int) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not low <= value <= high
    ):
        raise FaultError(name, f"{name} must be a whole number from {low} to {high}")
    return value


def _seconds(body: dict[str, Any]) -> float:
    value = body.get("seconds")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FaultError("seconds", "seconds is required: a number of seconds")
    if not 0 < value <= MAX_SECONDS:
        raise FaultError(
            "seconds", f"seconds must be above 0 and at most {MAX_SECONDS}"
        )
    return float(value)


def parse_fault(fault_id: int, body: dict[str, Any]) -> Fault:
    """A fault from the control API's JSON; FaultError names what is wrong."""
    kind = body.get("kind")
    if kind not in FAULT_KINDS:
        known = ", ".join(FAULT_KINDS)
        raise FaultError("kind", f"unknown fault kind {kind!r}; known kinds: {known}")
    for name in ("webhook", "action"):
        if body.get(name) is not None and not isinstance(body[name], str):
            raise FaultError(name, f"{name} must be a string")
    fault = Fault(
        fault_id,
        kind,
        body.get("webhook"),
        body.get("action"),
        count=_integer(body, "count", 1, 1_000_000),
    )
    if kind == "duplicate":
        fault.copies = _integer(body, "copies", 1, 10) or 1
    elif kind in ("delay", "read_ahead", "read_lag"):
        fault.seconds = _seconds(body)
    elif kind == "reorder":
        fault.window = _integer(body, "window", 2, 100) or 2
    elif kind == "fail_first":
        attempts = _integer(body, "attempts", 1, 7)
        if attempts is None:
            raise FaultError("attempts", "attempts is required: how many to fail")
        fault.attempts = attempts
    return fault


@dataclass
class FaultBook:
    """The faults switched on, and the deliveries a reorder window holds."""

    seed: int = 1
    faults: dict[int, Fault] = field(default_factory=dict)
    held: dict[int, list[Delivery]] = field(default_factory=dict)
    _next_id: int = 1

    def add(self, body: dict[str, Any]) -> Fault:
        fault = parse_fault(self._next_id, body)
        self._next_id += 1
        self.faults[fault.id] = fault
        return fault

    def remove(self, fault_id: int) -> list[Delivery] | None:
        """Switch a fault off; the deliveries it held (None: no such fault)."""
        if self.faults.pop(fault_id, None) is None:
            return None
        return self.held.pop(fault_id, [])

    def clear(self) -> list[Delivery]:
        released = [d for held in self.held.values() for d in held]
        self.faults.clear()
        self.held.clear()
        return released

    def take(self, webhook: str, action: str, kinds: frozenset[str]) -> list[Fault]:
        """The faults of `kinds` that apply to this delivery, counted as applied."""
        taken = []
        for fault in list(self.faults.values()):
            if fault.kind in kinds and fault.matches(webhook, action):
                fault.applied += 1
                taken.append(fault)
                spent = fault.count is not None and fault.applied >= fault.count
                # A spent reorder fault stays until its window fills and is sent.
                if spent and fault.kind != "reorder":
                    del self.faults[fault.id]
        return taken

    def hold(self, fault: Fault, delivery: Delivery) -> list[Delivery] | None:
        """Hold `delivery` in a reorder window; the window, shuffled, once full."""
        window = self.held.setdefault(fault.id, [])
        window.append(delivery)
        if len(window) < fault.window:
            return None
        del self.held[fault.id]
        if fault.count is not None and fault.applied >= fault.count:
            self.faults.pop(fault.id, None)
        return shuffled(window, f"{self.seed}:reorder:{window[0].id}")

    def holding(self) -> int:
        return sum(len(held) for held in self.held.values())


def shuffled(deliveries: list[Delivery], seed: str) -> list[Delivery]:
    """A seeded permutation that is never the original order."""
    order = list(deliveries)
    rng = random.Random(seed)
    while order == deliveries:
        rng.shuffle(order)
    return order
