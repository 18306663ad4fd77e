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

from simulator import world_cache
from simulator.harvest.fragments import Fragments
from simulator.job_board.intake import Intake
from simulator.ratelimit import RateLimiter
from simulator.setup import Setup
from simulator.webhooks.config import Registry
from simulator.webhooks.delivery import Delivery
from simulator.webhooks.dispatch import Dispatcher
from simulator.webhooks.publisher import Publisher
from simulator.world.clock import Clock, ClockMode
from simulator.world.events import WorldEvent
from simulator.world.progress import ProgressCallback
from simulator.world.spec import NAMED_SIZES, WorldSpec
from simulator.world.store import World
from simulator.world_cache import WorldCache

# Built worlds, pickled, by spec: a second simulator of the same seed and size
# unpickles in milliseconds instead of building again. Large worlds are not kept.
_BUILT: OrderedDict[tuple[WorldSpec, ClockMode], bytes] = OrderedDict()
_KEEP_WORLDS = 8
_KEEP_UP_TO_SIZE = 5_000
# On disk, worlds up to this size (about 300 MB of pickle) are kept.
_DISK_UP_TO_SIZE = 100_000


def fresh_world(
    spec: WorldSpec,
    clock_mode: ClockMode,
    progress: ProgressCallback | None = None,
    disk: WorldCache | None = None,
) -> tuple[World, bool]:
    """A newly built world for `spec`, from the cache in memory when it holds
    one, else from `disk` (a folder of built worlds), and whether it was built
    (else read back); `progress` hears how far a build has got."""
    key = (spec, clock_mode)
    if key in _BUILT:
        _BUILT.move_to_end(key)
        kept = _unpickle(_BUILT[key])
        kept.clock.restart()
        return kept, False
    world, blob = _from_disk(disk, spec, clock_mode)
    built = world is None
    if world is None:
        from simulator.world.generator import build_world  # imports Faker

        world = build_world(spec, clock_mode=clock_mode, progress=progress)
        if disk is not None and spec.size <= _DISK_UP_TO_SIZE:
            blob = _pickle(world)
            disk.write(spec, clock_mode, blob)
    if spec.size <= _KEEP_UP_TO_SIZE:
        _BUILT[key] = blob if blob is not None else _pickle(world)
        while len(_BUILT) > _KEEP_WORLDS:
            _BUILT.popitem(last=False)
    return world, built


def _from_disk(
    disk: WorldCache | None, spec: WorldSpec, clock_mode: ClockMode
) -> tuple[World | None, bytes | None]:
    """The world `disk` holds for `spec`, and its pickle; (None, None) if none
    (or an unusable one, which `disk` warns about)."""
    blob = disk.read(spec, clock_mode) if disk is not None else None
    if disk is None or blob is None:
        return None, None
    try:
        world = world_cache.load(blob)
    except world_cache.CacheProblem as exc:
        disk.warn(f"{disk.path_for(spec, clock_mode)}: {exc}")
        return None, None
    world.clock.restart()
    return world, blob


def _pickle(world: World) -> bytes:
    return pickle.dumps(world, protocol=pickle.HIGHEST_PROTOCOL)


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
        world_cache: WorldCache | None = None,
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
        # Built worlds on disk (see `simulator.world_cache`); None: always build.
        self.world_cache = world_cache
        # Whether the last world was built (not read back from a cache): a build
        # leaves garbage behind, a read-back world none.
        self.world_built = False
        self.world, self.publisher = self._build(progress)

    def _build(
        self, progress: ProgressCallback | None = None
    ) -> tuple[World, Publisher]:
        if self.origin is not None:
            world = self.origin()
        else:
            spec = self.setup.world_spec(self.seed, self.size)
            world, self.world_built = fresh_world(
                spec, self.clock_mode, progress, self.world_cache
            )
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
