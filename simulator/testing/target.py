"""The reference target (ghsim's own sync service) with a simulator sending to it.

Both sockets are bound first, so each side is told the other's URL before either
starts: the target reads Harvest from the simulator, the simulator's webhooks go
to the target.
"""

from __future__ import annotations

from contextlib import ExitStack
from types import TracebackType
from typing import Any

from simulator.runner.servers import ServerThread, bind_loopback, url_of
from simulator.runner.session import target_settings
from simulator.runner.targets import TargetConfig
from simulator.target.app import create_target_app
from simulator.testing.server import GreenhouseServer
from simulator.testing.session import setup_from


class ReferenceTarget:
    """The target at `url`, fed by `greenhouse` (a running GreenhouseServer)."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.url = ""
        self.greenhouse: GreenhouseServer | None = None
        self._stack: ExitStack | None = None

    def start(self) -> ReferenceTarget:
        sim_sock, target_sock = bind_loopback(), bind_loopback()
        self.url = url_of(target_sock)
        setup = setup_from(self.options.pop("setup", None))
        server = GreenhouseServer(
            **self.options,
            setup=setup,
            webhook_url=self.url + TargetConfig.webhook_path,
            sock=sim_sock,
        )
        settings = target_settings(setup, url_of(sim_sock))
        with ExitStack() as stack:
            stack.enter_context(
                ServerThread(create_target_app(settings), target_sock, name="target")
            )
            self.greenhouse = stack.enter_context(server)
            self._stack = stack.pop_all()
        return self

    def stop(self) -> None:
        if self._stack is not None:
            self._stack.close()
            self._stack = None

    def __enter__(self) -> ReferenceTarget:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
