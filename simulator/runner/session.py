"""One `ghsim run`: find the servers (or start them), run every scenario, report.

With no URLs, the runner starts the simulator (on a virtual clock) and the
reference target itself, as real servers on free loopback ports, each told the
other's address. With a target URL (`--target`, or `url` in the target config) it
starts only the simulator and sends webhooks to that target; with `--simulator`
too it starts nothing. Scenarios run `--jobs` at a time, each on its own
applications.

Exit status: 0 when every scenario passes, 1 when one fails, 2 when the run
cannot start or a scenario cannot run (a bad scenario or target file, an
unreachable server, a target that answers garbage).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import click

from simulator.app import create_app
from simulator.runner import report
from simulator.runner.console import Progress
from simulator.runner.engine import Engine, Result
from simulator.runner.greenhouse import Greenhouse, GreenhouseRefused
from simulator.runner.probe import TargetUnreadable, make_probe
from simulator.runner.scenario import Scenario, ScenarioError, load_scenarios
from simulator.runner.servers import ServerThread, bind_loopback, url_of
from simulator.runner.targets import (
    TargetConfig,
    TargetConfigError,
    load_target,
    reference_target,
)
from simulator.runtime import Simulator
from simulator.setup import Setup, SetupError, load_setup
from simulator.target.app import Target, TargetSettings, create_target_app
from simulator.target.broken import BrokenTarget
from simulator.world.clock import ClockMode
from simulator.world_cache import WorldCache

Echo = Callable[[str], None]


@dataclass
class RunOptions:
    scenarios: list[Path]
    setup: Setup
    seed: int
    size: int
    simulator_url: str | None = None
    target_url: str | None = None
    target_config: Path | None = None
    webhook_url: str | None = None
    simulator_port: int = 0
    timeout: float = 10.0
    jobs: int = 4
    clock: ClockMode = "virtual"
    junit: Path | None = None
    json: Path | None = None
    live: bool = False
    world_cache: WorldCache | None = None  # built worlds on disk; None: build


def target_settings(setup: Setup, simulator_url: str) -> TargetSettings:
    return TargetSettings(
        secret_keys=tuple(hook.secret_key for hook in setup.webhooks),
        harvest_url=simulator_url,
        harvest_key=setup.integration_key.key,
    )


def reference_app(config: TargetConfig, settings: TargetSettings) -> Target:
    if config.flaws:
        return BrokenTarget(settings, config.flaws)
    return Target(settings)


@contextmanager
def servers(
    options: RunOptions, config: TargetConfig, echo: Echo
) -> Iterator[tuple[str, str]]:
    """The simulator and target URLs, starting whichever was not given."""
    if options.simulator_url:
        if not config.url:
            raise click.UsageError(
                "--simulator (or GHSIM_SIMULATOR_URL) needs --target: where are "
                "statuses read?"
            )
        yield options.simulator_url, config.url
        return
    with ExitStack() as stack:
        try:
            sim_sock = bind_loopback(options.simulator_port)
        except OSError as exc:
            port = options.simulator_port
            raise OSError(
                f"port {port} for the simulator ({exc.strerror}); "
                "choose another --simulator-port"
            ) from None
        sim_url = url_of(sim_sock)
        target_url = config.url
        if target_url is None:
            target_sock = bind_loopback()
            target_url = url_of(target_sock)
            settings = target_settings(options.setup, sim_url)
            app = create_target_app(settings, reference_app(config, settings))
            stack.enter_context(ServerThread(app, target_sock, name="target"))
            flaws = f" with flaws {', '.join(config.flaws)}" if config.flaws else ""
            echo(f"reference target on {target_url}{flaws}")
        webhook_url = options.webhook_url or f"{target_url}{config.webhook_path}"
        setup = options.setup.with_webhook_url(webhook_url)
        sim = Simulator(
            setup,
            seed=options.seed,
            size=options.size,
            clock_mode=options.clock,
            world_cache=options.world_cache,
        )
        stack.enter_context(ServerThread(create_app(sim), sim_sock, name="simulator"))
        echo(
            f"simulator on {sim_url} (seed {options.seed}, {options.size} "
            f"candidates, {options.clock} clock)"
        )
        yield sim_url, target_url


def target_config(options: RunOptions) -> TargetConfig:
    if options.target_config is not None:
        config = load_target(options.target_config)
    else:
        config = reference_target()
    return config.with_url(options.target_url)


def _run_all(
    scenarios: list[Scenario],
    options: RunOptions,
    config: TargetConfig,
    urls: tuple[str, str],
    progress: Progress,
) -> list[Result]:
    sim_url, target_url = urls
    # Fail early, before any scenario, when either side cannot be read at all.
    Greenhouse(sim_url).close()
    probe = make_probe(config, target_url)
    try:
        probe.check()
    finally:
        probe.close()

    # One engine (and its HTTP clients) per worker thread: building a client
    # costs more than a short scenario.
    local = threading.local()
    engines: list[Engine] = []

    def engine() -> Engine:
        if not hasattr(local, "engine"):
            local.engine = Engine(
                Greenhouse(sim_url),
                make_probe(config, target_url),
                target=config,
                target_url=target_url,
                timeout=options.timeout,
            )
            engines.append(local.engine)
        made: Engine = local.engine
        return made

    def one(scenario: Scenario) -> Result:
        progress.started(scenario)
        result = engine().run(scenario)
        progress.finished(result)
        return result

    # Scenarios that switch faults or webhooks would disturb their neighbours:
    # they run after the others, one at a time, with nothing beside them.
    shared = [scenario for scenario in scenarios if not scenario.exclusive]
    alone = [scenario for scenario in scenarios if scenario.exclusive]
    try:
        with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            results = {
                id(s): r for s, r in zip(shared, pool.map(one, shared), strict=True)
            }
        results.update((id(scenario), one(scenario)) for scenario in alone)
        return [results[id(scenario)] for scenario in scenarios]
    finally:
        for made in engines:
            made.close()


def _worlds(
    scenarios: list[Scenario], options: RunOptions, config: TargetConfig
) -> list[tuple[RunOptions, list[Scenario]]]:
    """The scenarios by the world they run on: the run's own first, then each
    seed and setup file a scenario asks for, on a simulator and reference
    target of its own."""
    groups: dict[tuple[int | None, Path | None], list[Scenario]] = {}
    for scenario in scenarios:
        groups.setdefault(scenario.world, []).append(scenario)
    worlds = []
    for (seed, fixtures), group in sorted(
        groups.items(), key=lambda item: item[0] != (None, None)
    ):
        if (seed, fixtures) == (None, None):
            worlds.append((options, group))
            continue
        if options.simulator_url or config.url:
            raise ScenarioError(
                f"{group[0].path}: scenario {group[0].name} sets its own seed or "
                "fixtures: it needs the simulator and the reference target that "
                "the runner starts (drop --simulator and --target)"
            )
        own = replace(
            options,
            seed=options.seed if seed is None else seed,
            setup=options.setup if fixtures is None else load_setup(fixtures),
            simulator_port=0,
        )
        worlds.append((own, group))
    return worlds


def run_scenarios(options: RunOptions, echo: Echo = click.echo) -> int:
    try:
        scenarios = load_scenarios(options.scenarios)
        config = target_config(options)
        options.setup.with_webhook_url(options.webhook_url)
    except (ScenarioError, SetupError, TargetConfigError) as exc:
        echo(f"error: {exc}")
        return 2
    try:
        worlds = _worlds(scenarios, options, config)
    except (ScenarioError, SetupError) as exc:
        echo(f"error: {exc}")
        return 2
    started = time.monotonic()
    try:
        with Progress(echo, len(scenarios), live=options.live) as progress:
            done: dict[int, Result] = {}
            for own, group in worlds:
                with servers(own, config, echo) as urls:
                    ran = _run_all(group, own, config, urls, progress)
                done.update(zip(map(id, group), ran, strict=True))
            results = [done[id(scenario)] for scenario in scenarios]
    except OSError as exc:
        echo(f"error: cannot start a server: {exc}")
        return 2
    except (GreenhouseRefused, TargetUnreadable) as exc:
        echo(f"error: {exc}")
        return 2
    elapsed = time.monotonic() - started
    if options.junit:
        report.write_junit(options.junit, results, elapsed)
    if options.json:
        report.write_json(options.json, results, elapsed)
    echo(f"\n{report.summary(results, elapsed)}")
    return report.exit_status(results)
