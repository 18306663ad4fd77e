"""The `read_lag` fault: Harvest answers as it was before a change, for a while.

A sync that re-reads Harvest as soon as a webhook arrives may read a replica that
has not caught up yet. With a `read_lag` fault on, every write request first keeps
a copy of the world; when the write sends a delivery the fault matches, Harvest's
reads (v1, v2, v3; not the Job Board or the control API) are answered from that
copy until `seconds` have passed on the simulator's clock. Changes made straight
through Python (not over HTTP) are not covered.
"""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import State
from starlette.types import ASGIApp, Receive, Scope, Send

from simulator.runtime import Simulator
from simulator.world.store import World

READ_PREFIXES = ("/v1/", "/v2/", "/v3/")


@dataclass
class _Window:
    world: World
    until: int


class _ShadowApp:
    """The app as a handler sees it, with `state.sim` reading the old world."""

    def __init__(self, app: Any, sim: Simulator) -> None:
        self._app = app
        self.state = State({**app.state._state, "sim": sim})

    def __getattr__(self, name: str) -> Any:
        return getattr(self._app, name)


class ReadLag:
    """ASGI middleware: keeps the old world and serves Harvest reads from it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._window: _Window | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "app" not in scope:
            await self.app(scope, receive, send)
            return
        sim: Simulator = scope["app"].state.sim
        if not self._lagging(sim):
            self._window = None
            await self.app(scope, receive, send)
            return
        if scope["method"] in ("GET", "HEAD"):
            await self._read(scope, receive, send, sim)
        else:
            await self._write(scope, receive, send, sim)

    @staticmethod
    def _lagging(sim: Simulator) -> bool:
        faults = sim.dispatcher.faults.faults
        return bool(faults) and any(f.kind == "read_lag" for f in faults.values())

    async def _read(
        self, scope: Scope, receive: Receive, send: Send, sim: Simulator
    ) -> None:
        window = self._window
        path: str = scope["path"]
        is_harvest = path.startswith(READ_PREFIXES) and not path.startswith(
            "/v1/boards/"
        )
        if window is None or not is_harvest or sim.clock.now() >= window.until:
            await self.app(scope, receive, send)
            return
        shadow = copy.copy(sim)
        shadow.world = window.world
        await self.app(
            {**scope, "app": _ShadowApp(scope["app"], shadow)}, receive, send
        )

    async def _write(
        self, scope: Scope, receive: Receive, send: Send, sim: Simulator
    ) -> None:
        open_window = self._window is not None and sim.clock.now() < self._window.until
        before = (
            None if open_window else pickle.dumps(sim.world, pickle.HIGHEST_PROTOCOL)
        )
        logged = len(sim.dispatcher.log)
        await self.app(scope, receive, send)
        lag = self._matched_lag(sim, logged)
        if lag is None:
            return
        until = sim.clock.now() + int(lag * 1000)
        if self._window is not None and open_window:
            self._window.until = max(self._window.until, until)
        elif before is not None:
            self._window = _Window(pickle.loads(before), until)

    @staticmethod
    def _matched_lag(sim: Simulator, logged: int) -> float | None:
        """The longest lag of a read_lag fault matching a delivery just made."""
        lags = [
            fault.seconds
            for delivery in sim.dispatcher.log[logged:]
            for fault in sim.dispatcher.faults.take(
                delivery.webhook, delivery.action, frozenset({"read_lag"})
            )
        ]
        return max(lags) if lags else None
