"""Greenhouse behind a real server on a free loopback port, for clients that do not
use httpx (`requests`, another language's SDK) or run in another process.

The server is uvicorn in a background thread. Work on the world (`hire`, moving
the clock) runs on the server's own event loop, so it never races a request.
"""

from __future__ import annotations

import asyncio
import inspect
import socket
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from starlette.types import ASGIApp, Receive, Scope, Send

from simulator.app import create_app
from simulator.orgs import with_organisations
from simulator.runner.servers import ServerThread, bind_loopback, url_of
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.testing.session import Options, Session, T
from simulator.world.clock import ClockMode

SETTLE_SECONDS = 30.0


class _LoopWitness:
    """Passes everything to the app, noting the event loop the server runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.loop is None:
            self.loop = asyncio.get_running_loop()
        await self.app(scope, receive, send)


class GreenhouseServer(Session):
    """A running simulator at `url`. Use as `with GreenhouseServer() as server:`."""

    def __init__(
        self,
        *,
        seed: int = 1,
        size: int | str = "tiny",
        setup: Setup | Path | str | None = None,
        clock_mode: ClockMode = "virtual",
        webhook_url: str | None = None,
        simulator: Simulator | None = None,
        sock: socket.socket | None = None,
    ) -> None:
        super().__init__(Options(seed, size, setup, clock_mode, webhook_url))
        self._given = simulator
        self._sock = sock
        self._thread: ServerThread | None = None
        self._witness: _LoopWitness | None = None
        self.url = ""

    def start(self) -> GreenhouseServer:
        self.sim = self._given or self.options.simulator()
        self._witness = _LoopWitness(
            with_organisations(create_app(self.sim), self.sim.setup)
        )
        sock = self._sock or bind_loopback()
        self.url = url_of(sock)
        self._thread = ServerThread(self._witness, sock, name="ghsim").start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._thread.stop()
            self._thread = None

    def __enter__(self) -> GreenhouseServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self, work: Callable[[Simulator], T]) -> T:
        loop = self._witness.loop if self._witness else None
        if loop is None:
            raise RuntimeError("the server is not running: use it in a `with` block")

        async def in_loop() -> T:
            result = work(self.sim)
            if inspect.isawaitable(result):
                result = await result
            await asyncio.wait_for(self.sim.dispatcher.settle(), SETTLE_SECONDS)
            return result

        return asyncio.run_coroutine_threadsafe(in_loop(), loop).result()
