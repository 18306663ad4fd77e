"""What every way of running the simulator for a test shares: the setup it reads,
the credentials a client needs, and the recruiter actions tests take.

A `Session` owns one `Simulator`. Subclasses decide where its app runs (inside
the test's process, or behind a real server on a free port) and how a piece of
work reaches the thread that owns the world: `_run` takes a plain function of the
simulator and returns its result, having waited for the webhooks it caused.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from simulator.runtime import Simulator
from simulator.setup import DEFAULT_SETUP, Setup, load_setup
from simulator.testing import assertions
from simulator.webhooks.delivery import Delivery
from simulator.world import actions
from simulator.world.clock import ClockMode
from simulator.world.events import Event, WorldEvent
from simulator.world.records import Application
from simulator.world.spec import parse_size
from simulator.world.store import World

T = TypeVar("T")

# The setup this checkout ships, found from the package when the test's working
# directory is elsewhere.
_PACKAGED_SETUP = Path(__file__).resolve().parents[2] / DEFAULT_SETUP


@functools.lru_cache(maxsize=16)
def _load(path: Path, webhook_url: str | None) -> Setup:
    # A Setup is frozen: one parsed copy can serve every simulator of a run.
    return load_setup(path, webhook_url=webhook_url)


def setup_from(
    setup: Setup | Path | str | None, webhook_url: str | None = None
) -> Setup:
    """A Setup given as one, as a path to a setup file, or None for the default."""
    if isinstance(setup, Setup):
        return setup.with_webhook_url(webhook_url)
    if setup is None:
        setup = DEFAULT_SETUP if Path(DEFAULT_SETUP).exists() else _PACKAGED_SETUP
    return _load(Path(setup).resolve(), webhook_url)


@dataclass(frozen=True)
class Options:
    """How to build the simulator a session serves."""

    seed: int = 1
    size: int | str = "tiny"
    setup: Setup | Path | str | None = None
    clock_mode: ClockMode = "virtual"
    webhook_url: str | None = None

    def simulator(self) -> Simulator:
        return Simulator(
            setup_from(self.setup, self.webhook_url),
            seed=self.seed,
            size=parse_size(self.size),
            clock_mode=self.clock_mode,
        )


def _advance(sim: Simulator, milliseconds: int) -> object:
    """Move the clock; a simulator that schedules deliveries sends what falls due."""
    scheduled = getattr(sim, "advance", None)  # the control API's clock/advance
    if scheduled is not None:
        return scheduled(milliseconds / 1000)
    return sim.world.clock.advance(milliseconds)


class Clock:
    """The world's clock as a test moves it: advancing sends what falls due."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def now(self) -> datetime:
        millis = self._session.sim.world.clock.now()
        return datetime.fromtimestamp(millis / 1000, tz=UTC)

    def advance(
        self,
        seconds: float = 0,
        *,
        minutes: float = 0,
        hours: float = 0,
        days: float = 0,
    ) -> datetime:
        total = seconds + 60 * minutes + 3600 * hours + 86400 * days
        if total < 0:
            raise ValueError("the clock cannot move backwards")
        milliseconds = round(total * 1000)
        self._session._run(lambda sim: _advance(sim, milliseconds))
        return self.now()


class Session:
    """One simulator under test, with the credentials and actions a test needs."""

    sim: Simulator

    def __init__(self, options: Options) -> None:
        self.options = options

    # -- where work runs (subclasses) -------------------------------------------

    def _run(self, work: Callable[[Simulator], T]) -> T:
        raise NotImplementedError

    def settle(self) -> None:
        """Wait until every webhook queued so far has been attempted."""
        self._run(lambda sim: None)

    # -- state ------------------------------------------------------------------

    @property
    def world(self) -> World:
        return self.sim.world

    @property
    def setup(self) -> Setup:
        return self.sim.setup

    @property
    def clock(self) -> Clock:
        return Clock(self)

    @property
    def deliveries(self) -> list[Delivery]:
        """Every webhook delivery so far, oldest first."""
        return list(self.sim.dispatcher.log)

    def assert_delivered(
        self,
        action: str,
        *,
        application_id: int | None = None,
        state: str = "delivered",
    ) -> Delivery:
        """The last `action` webhook ended in `state`; else fail listing the log."""
        __tracebackhide__ = True
        return assertions.assert_delivered(
            self.deliveries, action, application_id=application_id, state=state
        )

    def application(self, status: str = "active") -> Application:
        """The first application in `status` on a job (not a prospect's)."""
        for application in self.world.applications:
            on_job = application.job_id is not None and not application.prospect
            if on_job and application.status == status:
                return application
        raise LookupError(f"the world has no {status} application on a job")

    # -- credentials ------------------------------------------------------------

    @property
    def harvest_key(self) -> str:
        return self.setup.integration_key.key

    @property
    def harvest_auth(self) -> tuple[str, str]:
        """For httpx or requests `auth=`: the key as user, an empty password."""
        return (self.harvest_key, "")

    @property
    def on_behalf_of(self) -> dict[str, str]:
        """The header Harvest writes need: a site admin."""
        return {"On-Behalf-Of": str(self.sim.default_actor())}

    @property
    def board_token(self) -> str:
        return self.setup.boards[0].token

    @property
    def board_auth(self) -> tuple[str, str]:
        return (self.setup.boards[0].api_key, "")

    # -- recruiter actions ------------------------------------------------------

    def hire(self, application_id: int, **options: object) -> list[Delivery]:
        """Hire, as a recruiter does; returns the webhooks it sent."""
        return self._act(actions.hire, application_id, options)

    def unhire(self, application_id: int, **options: object) -> list[Delivery]:
        return self._act(actions.unhire, application_id, options)

    def reject(self, application_id: int, **options: object) -> list[Delivery]:
        """Reject; `rejection_reason_id=` and `notes=` as Harvest takes them."""
        return self._act(actions.reject, application_id, options)

    def unreject(self, application_id: int, **options: object) -> list[Delivery]:
        return self._act(actions.unreject, application_id, options)

    def advance(self, application_id: int, **options: object) -> list[Delivery]:
        """Move to the job's next stage, from the stage it is in now."""

        def step(world: World, app_id: int, *, actor_id: int) -> list[Event]:
            stage = world.applications.get(app_id).current_stage_id
            return actions.advance(world, app_id, stage or 0, actor_id=actor_id)

        return self._act(step, application_id, options)

    def _act(
        self,
        action: Callable[..., Sequence[WorldEvent]],
        application_id: int,
        options: dict[str, object],
    ) -> list[Delivery]:
        def work(sim: Simulator) -> list[Delivery]:
            actor = options.pop("actor_id", None) or sim.default_actor()
            events = action(sim.world, application_id, actor_id=actor, **options)
            return sim.emit(events)

        return self._run(work)
