"""Rendered records kept as JSON bytes until the world changes.

A page of 100 applications used to cost 100 renders and the encoding of the
whole list on every request. Here each record's JSON is encoded once, with the
encoder settings of Starlette's `JSONResponse`, and a page is its records' bytes
joined with the `,` that encoder puts between list items: the same bytes as
encoding the list, made from bytes already at hand.

A fragment is keyed by the renderer (so v1's application and v3's, which share
a renderer, share bytes; a renderer whose output differs is a different key) and
the record's id. A rendered record depends only on the world (no request, key,
clock or query parameter reaches the renderers that use this cache), so all of
them are dropped together whenever the world's change counter moves (see
`simulator.world.changes`) or the simulator's world is another object (a reset,
a snapshot restored, a read_lag copy). `ChangesOnWrites` moves the counter
around every request that is not a read, whatever handler serves it.

Fragments are filled lazily, on read, and bounded by `budget` bytes: past it the
oldest are let go first.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Iterable
from typing import Any

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from simulator.world.changes import changed, generation
from simulator.world.store import World

Render = Callable[[World, Any], dict[str, Any]]

# Every record of a world of 10,000 candidates takes about 50 MB (JSON, keys and
# dict): all of it fits. A world of 100,000 would take about 500 MB; the budget
# holds it to about 140 MB, the records read most recently.
DEFAULT_BUDGET = 128 * 1024 * 1024
READS = frozenset({"GET", "HEAD", "OPTIONS"})


def dumps(content: Any) -> bytes:
    """JSON exactly as Starlette's `JSONResponse` encodes it."""
    return json.dumps(
        content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
    ).encode("utf-8")


class JSONBytes(Response):
    """A JSON body already encoded: the headers `JSONResponse` would send."""

    media_type = "application/json"


class Fragments:
    """Each rendered record's JSON bytes, for as long as the world stands still.

    `enabled=False` renders every time, as before the cache: what the tests hold
    the cached answers to.
    """

    def __init__(self, *, enabled: bool = True, budget: int = DEFAULT_BUDGET) -> None:
        self.enabled = enabled
        self.budget = budget
        self.size = 0  # bytes held
        self._bytes: dict[Render, dict[int, bytes]] = {}
        self._order: list[tuple[Render, int]] = []  # oldest first, for shedding
        self._generation = -1
        self._world: weakref.ref[World] | None = None

    def _held(self, world: World, render: Render) -> dict[int, bytes]:
        """`render`'s fragments still good for `world` now; none after any change."""
        now = generation()
        if now != self._generation or self._world is None or self._world() is not world:
            self.clear()
            self._generation = now
            self._world = weakref.ref(world)
        held = self._bytes.get(render)
        if held is None:
            held = self._bytes[render] = {}
        return held

    def clear(self) -> None:
        self._bytes = {}
        self._order = []
        self.size = 0
        self._world = None

    def one(self, world: World, render: Render, record: Any) -> bytes:
        """One record's JSON."""
        if not self.enabled:
            return dumps(render(world, record))
        held = self._held(world, render)
        found = held.get(record.id)
        return self._fill(held, world, render, record) if found is None else found

    def array(self, world: World, render: Render, records: Iterable[Any]) -> bytes:
        """A JSON array of the records, as `JSONResponse` would encode the list."""
        if not self.enabled:
            return dumps([render(world, record) for record in records])
        held = self._held(world, render)
        # Brackets and commas in the list, so the page is copied once, by join.
        parts = [b"["]
        for record in records:
            found = held.get(record.id)
            if found is None:
                found = self._fill(held, world, render, record)
            parts += (found, b",")
        if len(parts) == 1:
            return b"[]"
        parts[-1] = b"]"
        return b"".join(parts)

    def _fill(
        self, held: dict[int, bytes], world: World, render: Render, record: Any
    ) -> bytes:
        encoded = held[record.id] = dumps(render(world, record))
        self._order.append((render, record.id))
        self.size += len(encoded)
        if self.size > self.budget:
            self._shed()
        return encoded

    def _shed(self) -> None:
        """Let the oldest fragments go until half the budget is free."""
        dropped = 0
        for render, record_id in self._order:
            if self.size <= self.budget // 2:
                break
            self.size -= len(self._bytes[render].pop(record_id))
            dropped += 1
        del self._order[:dropped]

    def response(self, world: World, render: Render, record: Any) -> Response:
        return JSONBytes(self.one(world, render, record))


class ChangesOnWrites:
    """ASGI middleware: any request but a read moves the change counter when it
    arrives, when its answer starts and when it ends, whatever surface or
    handler serves it (Harvest, the Job Board, the control API)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READS:
            await self.app(scope, receive, send)
            return
        changed()

        async def send_after_change(message: Message) -> None:
            if message["type"] == "http.response.start":
                changed()
            await send(message)

        try:
            await self.app(scope, receive, send_after_change)
        finally:
            changed()
