"""Greenhouse inside the test's own process: httpx calls to Greenhouse's hosts are
answered by the simulator's app, with no server and no socket.

respx intercepts every httpx client, sync or async, and hands requests for the
Greenhouse hosts to the app. The app, its lifespan and the webhook dispatcher all
run on one event loop in a helper thread (an anyio blocking portal), so a sync
test needs no loop of its own and an async test shares nothing with it. Each call
returns only once the webhooks it caused have been attempted: a test can assert on
what its receiver got right after the call that caused it.

Webhooks go to the receiver the test names, through the dispatcher's transport,
with the same bytes, headers and signature as over the network: an ASGI app
(`webhook_app=`) or a function of the `httpx.Request` (`webhook_handler=`). With
neither, a receiver that answers 200 to everything takes them.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar, cast

import httpx
import respx
from anyio.from_thread import BlockingPortal, start_blocking_portal
from starlette.applications import Starlette
from starlette.types import ASGIApp

from simulator.app import create_app
from simulator.orgs import with_organisations
from simulator.runtime import Simulator
from simulator.setup import Setup
from simulator.testing import assertions
from simulator.testing.session import Options, Session, T
from simulator.world.clock import ClockMode

# Harvest (v1, v2, v3), the Job Board and its legacy host, and OAuth's token host.
HOSTS = (
    "harvest.greenhouse.io",
    "boards-api.greenhouse.io",
    "api.greenhouse.io",
    "auth.greenhouse.io",
)
# How long a call waits for the webhooks it caused before giving up on them.
SETTLE_SECONDS = 30.0

WebhookHandler = Callable[
    [httpx.Request], "httpx.Response | int | Awaitable[Any] | None"
]
F = TypeVar("F", bound=Callable[..., Any])


def _answer(result: object) -> httpx.Response:
    if isinstance(result, httpx.Response):
        return result
    if isinstance(result, int):
        return httpx.Response(result)
    return httpx.Response(200, json={"received": True})


def handler_transport(handler: WebhookHandler) -> httpx.AsyncBaseTransport:
    """A transport that hands each delivery to a plain function (sync or async)."""

    async def receive(request: httpx.Request) -> httpx.Response:
        await request.aread()
        try:
            result = handler(request)
            if inspect.isawaitable(result):
                result = await result
        except Exception as exc:
            # As a receiving server would: a 500, and the error in the log's snippet.
            return httpx.Response(500, text=f"{type(exc).__name__}: {exc}")
        return _answer(result)

    return httpx.MockTransport(receive)


class Greenhouse(Session):
    """Greenhouse, in process. Use as `with Greenhouse() as gh:` or a decorator.

    As a decorator, each call of the function gets a fresh simulator, passed as
    the keyword argument `gh` when the function takes one.
    """

    def __init__(
        self,
        *,
        seed: int = 1,
        size: int | str = "tiny",
        setup: Setup | Path | str | None = None,
        clock_mode: ClockMode = "virtual",
        webhook_app: ASGIApp | None = None,
        webhook_handler: WebhookHandler | None = None,
        hosts: tuple[str, ...] = HOSTS,
        simulator: Simulator | None = None,
    ) -> None:
        super().__init__(Options(seed, size, setup, clock_mode))
        if webhook_app is not None and webhook_handler is not None:
            raise ValueError("name one webhook receiver: webhook_app or _handler")
        self.webhook_app = webhook_app
        self.webhook_handler = webhook_handler
        self.hosts = hosts
        self._given = simulator
        self._stack: ExitStack | None = None
        self._portal: BlockingPortal | None = None
        self.router: respx.MockRouter | None = None

    # -- lifecycle --------------------------------------------------------------

    def start(self) -> Greenhouse:
        if self._stack is not None:
            raise RuntimeError("this Greenhouse is already running")
        self.sim = self._given or self.options.simulator()
        self.sim.dispatcher.transport = self._receiver()
        self.app = create_app(self.sim)
        self.served = with_organisations(self.app, self.sim.setup)
        with ExitStack() as stack:
            self._portal = stack.enter_context(start_blocking_portal())
            stack.enter_context(self._lifespan(self.app))
            self.router = stack.enter_context(self._routes())
            self._stack = stack.pop_all()
        return self

    def stop(self) -> None:
        stack, self._stack = self._stack, None
        if stack is not None:
            stack.close()
        self._portal = None

    def __enter__(self) -> Greenhouse:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def fresh(self) -> Greenhouse:
        """A stopped copy with the same options, for one more test."""
        return Greenhouse(
            seed=self.options.seed,
            size=self.options.size,
            setup=self.options.setup,
            clock_mode=self.options.clock_mode,
            webhook_app=self.webhook_app,
            webhook_handler=self.webhook_handler,
            hosts=self.hosts,
        )

    def __call__(self, func: F) -> F:
        """Decorate a test: a fresh simulator around each call."""
        takes_gh = "gh" in inspect.signature(func).parameters
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with self.fresh() as gh:
                    if takes_gh:
                        kwargs["gh"] = gh
                    return await func(*args, **kwargs)

            wrapper: Callable[..., Any] = run_async
        else:

            @functools.wraps(func)
            def run(*args: Any, **kwargs: Any) -> Any:
                with self.fresh() as gh:
                    if takes_gh:
                        kwargs["gh"] = gh
                    return func(*args, **kwargs)

            wrapper = run
        if takes_gh:
            # pytest reads the signature to find fixtures: `gh` is not one.
            signature = inspect.signature(func)
            params = [p for p in signature.parameters.values() if p.name != "gh"]
            trimmed = signature.replace(parameters=params)
            wrapper.__signature__ = trimmed  # type: ignore[attr-defined]
        return cast(F, wrapper)

    # -- the pieces -------------------------------------------------------------

    def _receiver(self) -> httpx.AsyncBaseTransport:
        if self.webhook_app is not None:
            # An app that raises answers 500, as it would behind a server.
            return httpx.ASGITransport(app=self.webhook_app, raise_app_exceptions=False)
        return handler_transport(self.webhook_handler or (lambda request: None))

    def _lifespan(self, app: Starlette) -> AbstractContextManager[Any]:
        assert self._portal is not None
        return self._portal.wrap_async_context_manager(app.router.lifespan_context(app))

    def _routes(self) -> AbstractContextManager[respx.MockRouter]:
        router = respx.mock(assert_all_called=False, assert_all_mocked=False)
        for host in self.hosts:
            router.route(host=host).mock(side_effect=self._serve)
        # Anything else (the test's own services, a local target) is left alone.
        router.route().pass_through()
        return cast(AbstractContextManager[respx.MockRouter], router)

    def _serve(self, request: httpx.Request) -> httpx.Response:
        """respx's side effect: one request through the app, then its webhooks."""
        copy = httpx.Request(
            request.method,
            request.url,
            headers=request.headers,
            content=request.content,
        )
        portal = self._require_portal()
        status, headers, body = portal.call(self._exchange, copy)
        return httpx.Response(status, headers=headers, content=body)

    async def _exchange(
        self, request: httpx.Request
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        transport = httpx.ASGITransport(app=self.served, raise_app_exceptions=False)
        response = await transport.handle_async_request(request)
        body = await response.aread()
        await self._settle()
        return response.status_code, response.headers.raw, body

    async def _settle(self) -> None:
        import anyio

        with anyio.move_on_after(SETTLE_SECONDS):
            await self.sim.dispatcher.settle()

    def _run(self, work: Callable[[Simulator], T]) -> T:
        async def in_loop() -> T:
            result = work(self.sim)
            if inspect.isawaitable(result):
                result = await result
            await self._settle()
            return result

        return self._require_portal().call(in_loop)

    def _require_portal(self) -> BlockingPortal:
        if self._portal is None:
            raise RuntimeError(
                "this Greenhouse is not running: use it in a `with` block"
            )
        return self._portal

    # -- what the test saw ------------------------------------------------------

    @property
    def calls(self) -> list[tuple[httpx.Request, httpx.Response | None]]:
        """Every request made to Greenhouse's hosts, with its response."""
        if self.router is None:
            return []
        return [
            (call.request, call.response)
            for call in self.router.calls
            if call.request.url.host in self.hosts
        ]

    def assert_requested(
        self, method: str, path: str, *, status: int | None = None
    ) -> httpx.Response | None:
        """A `method path` call was made (and answered `status`)."""
        __tracebackhide__ = True
        return assertions.assert_requested(self.calls, method, path, status=status)

    def assert_only_requested(self, *allowed: str) -> None:
        """Every call matched one of `allowed`, e.g. "GET /v1/applications*"."""
        __tracebackhide__ = True
        assertions.assert_only_requested(self.calls, *allowed)

    def client(self, **kwargs: Any) -> httpx.Client:
        """An httpx client for Harvest with the integration's key."""
        options: dict[str, Any] = {
            "base_url": "https://harvest.greenhouse.io",
            "auth": self.harvest_auth,
        }
        return httpx.Client(**(options | kwargs))


def greenhouse(**options: Any) -> Greenhouse:
    """Greenhouse in process: `with greenhouse(seed=3) as gh:` or `@greenhouse()`."""
    return Greenhouse(**options)
