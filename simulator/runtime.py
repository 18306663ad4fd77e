"""The running simulator: one setup, one world, and the webhooks it sends.

Every API surface holds a `Simulator` and nothing else: they read `sim.world`,
call the world's actions, and hand the events to `sim.emit`.
"""

from __future__ import annotations

import gc
import pickle
import random
from collections import OrderedDict
from collections.abc import Callable, Iterable

from simulator.harvest.fragments import Fragments
from simulator.job_board.intake import Intake
from simulator.ratelimit import RateLimiter
from simulator.setup import Setup
from simulator.webhooks.config import Registry
from simulator.webhooks.delivery import Delivery
from simulator.webhooks.dispatch import Dispatcher
from simulator.webhooks.publisher import Publisher
from simulator.world import World, build_world
from simulator.world.clock import Clock, ClockMode
from simulator.world.events import WorldEvent
from simulator.world.progress import ProgressCallback
from simulator.world.spec import NAMED_SIZES, WorldSpec

# Built worlds, pickled, by spec: a second simulator of the same seed and size
# unpickles in milliseconds instead of building again. Large worlds are not kept.
_BUILT: OrderedDict[tuple[WorldSpec, ClockMode], bytes] = OrderedDict()
_KEEP_WORLDS = 8
_KEEP_UP_TO_SIZE = 5_000


def fresh_world(
    spec: WorldSpec, clock_mode: ClockMode, progress: ProgressCallback | None = None
) -> World:
    """A newly built world for `spec`, from the cache when it holds one;
    `progress` hears how far a build has got (not called for a cached world)."""
    key = (spec, clock_mode)
    if key in _BUILT:
        _BUILT.move_to_end(key)
        world = _unpickle(_BUILT[key])
        world.clock.restart()
        return world
    world = build_world(spec, clock_mode=clock_mode, progress=progress)
    if spec.size <= _KEEP_UP_TO_SIZE:
        _BUILT[key] = pickle.dumps(world, protocol=pickle.HIGHEST_PROTOCOL)
        while len(_BUILT) > _KEEP_WORLDS:
            _BUILT.popitem(last=False)
    return world


def _unpickle(blob: bytes) -> World:
    # Unpickling makes objects by the hundred thousand, none of them garbage: with
    # the cyclic collector paused it takes about half the time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        world: World = pickle.loads(blob)
    finally:
        if enabled:
            gc.enable()
    return world


class Simulator:
    def __init__(
        self,
        setup: Setup,
        *,
        seed: int = 1,
        size: int = NAMED_SIZES["small"],
        clock_mode: ClockMode = "real",
        dispatcher: Dispatcher | None = None,
        origin: Callable[[], World] | None = None,
        progress: ProgressCallback | None = None,
        render_cache: bool = True,
    ) -> None:
        """`render_cache=False` renders every record on every read (see
        `simulator.harvest.fragments`): what the cache's tests compare with."""
        self.setup = setup
        self.seed = seed
        self.size = size
        self.clock_mode: ClockMode = clock_mode
        self.clock_scale = 1.0
        self.dispatcher = dispatcher or Dispatcher()
        self.dispatcher.seed = seed
        self.dispatcher.faults.seed = seed
        # Webhooks are configuration, not world: they outlive a reset.
        self.webhooks = Registry.of(setup.webhooks)
        self.escape_non_ascii = False
        self.rate_limiter = RateLimiter()
        self.intake = Intake()  # the Job Board's application intake settings
        # Rendered records' JSON, good until the world changes.
        self.fragments = Fragments(enabled=render_cache)
        # Where a reset returns to when not to the seed: a snapshot's world.
        self.origin = origin
        self.world, self.publisher = self._build(progress)

    def _build(
        self, progress: ProgressCallback | None = None
    ) -> tuple[World, Publisher]:
        if self.origin is not None:
            world = self.origin()
        else:
            spec = self.setup.world_spec(self.seed, self.size)
            world = fresh_world(spec, self.clock_mode, progress)
        world.clock.scale = self.clock_scale
        # Event ids come from their own stream, drawn from the world's seeded one,
        # so sending webhooks never changes what the world generates next.
        state = world.rng.getstate()
        events_rng = random.Random(world.rng.getrandbits(64))
        if self.origin is not None:
            world.rng.setstate(state)  # a restored world stays as it was saved
        self.dispatcher.clock = world.clock
        self.dispatcher.clock_changed()
        publisher = Publisher(
            self.webhooks,
            self.dispatcher,
            events_rng,
            escape_non_ascii=self.escape_non_ascii,
        )
        return world, publisher

    @property
    def clock(self) -> Clock:
        """The one clock: the world's, which the dispatcher schedules on too."""
        return self.world.clock

    async def advance(self, seconds: float) -> int:
        """Move the clock on, sending every delivery due meanwhile; attempts made."""
        return await self.dispatcher.advance(round(seconds * 1000))

    def reset(self, *, seed: int | None = None, size: int | None = None) -> None:
        """Rebuild the world from its seed, forgetting every change and delivery."""
        if seed is not None or size is not None:
            self.origin = None
        if seed is not None:
            self.seed = seed
        if size is not None:
            self.size = size
        self.dispatcher.clear()
        self.dispatcher.seed = self.dispatcher.faults.seed = self.seed
        self.rate_limiter.reset()
        self.intake.clear()
        self.world, self.publisher = self._build()

    def emit(self, events: Iterable[WorldEvent]) -> list[Delivery]:
        return self.publisher.publish(self.world, events)

    def default_actor(self) -> int:
        """The user control actions act as when none is named: the first site admin."""
        admin = next(user for user in self.world.users if user.site_admin)
        return admin.id
