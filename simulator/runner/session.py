"""One `ghsim run`: find the servers (or start them), run every scenario, report.

With no URLs, the runner starts the simulator and the reference target itself,
as real servers on free loopback ports, each told the other's address. With
`--target` alone it starts only the simulator and sends webhooks to that target;
with `--simulator` and `--target` it starts nothing.

Exit status: 0 when every scenario passes, 1 when one fails, 2 when the run
cannot start (a bad scenario file, an unreachable server).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from simulator.app import create_app
from simulator.runner.engine import Engine, Result
from simulator.runner.greenhouse import Greenhouse, GreenhouseRefused
from simulator.runner.probe import TargetProbe, TargetUnreadable
from simulator.runner.scenario import ScenarioError, load_scenarios
from simulator.runner.servers import ServerThread, bind_loopback, url_of
from simulator.runtime import Simulator
from simulator.setup import Setup, SetupError
from simulator.target.app import TargetSettings, create_target_app

WEBHOOK_PATH = "/webhooks/greenhouse"
Echo = Callable[[str], None]


@dataclass
class RunOptions:
    scenarios: list[Path]
    setup: Setup
    seed: int
    size: int
    simulator_url: str | None = None
    target_url: str | None = None
    webhook_url: str | None = None
    simulator_port: int = 0
    timeout: float = 10.0


def target_settings(setup: Setup, simulator_url: str) -> TargetSettings:
    return TargetSettings(
        secret_keys=tuple(hook.secret_key for hook in setup.webhooks),
        harvest_url=simulator_url,
        harvest_key=setup.integration_key.key,
    )


@contextmanager
def _servers(options: RunOptions, echo: Echo) -> Iterator[tuple[str, str]]:
    """The simulator and target URLs, starting whichever was not given."""
    if options.simulator_url:
        if not options.target_url:
            raise click.UsageError(
                "--simulator needs --target: where are statuses read?"
            )
        yield options.simulator_url, options.target_url
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
        target_url = options.target_url
        if target_url is None:
            target_sock = bind_loopback()
            target_url = url_of(target_sock)
            target_app = create_target_app(target_settings(options.setup, sim_url))
            stack.enter_context(ServerThread(target_app, target_sock, name="target"))
            echo(f"reference target on {target_url}")
        webhook_url = options.webhook_url or f"{target_url.rstrip('/')}{WEBHOOK_PATH}"
        setup = options.setup.with_webhook_url(webhook_url)
        sim = Simulator(setup, seed=options.seed, size=options.size)
        stack.enter_context(ServerThread(create_app(sim), sim_sock, name="simulator"))
        echo(f"simulator on {sim_url} (seed {options.seed}, {options.size} candidates)")
        yield sim_url, target_url


_MARKS = {
    "pass": click.style("PASS ", fg="green"),
    "fail": click.style("FAIL ", fg="red"),
    "error": click.style("ERROR", fg="yellow"),
}


def _line(result: Result) -> str:
    mark = _MARKS[result.outcome]
    scenario = result.scenario
    line = f"{mark}  {scenario.name:<34} {result.seconds:5.2f} s  {scenario.title}"
    if result.failure:
        line += f"\n      {result.failure}"
    return line


def run_scenarios(options: RunOptions, echo: Echo = click.echo) -> int:
    try:
        scenarios = load_scenarios(options.scenarios)
        options.setup.with_webhook_url(options.webhook_url)
    except (ScenarioError, SetupError) as exc:
        echo(f"error: {exc}")
        return 2
    started = time.monotonic()
    results: list[Result] = []
    try:
        with _servers(options, echo) as (sim_url, target_url):
            greenhouse = Greenhouse(sim_url)
            probe = TargetProbe(target_url)
            probe.check()
            engine = Engine(greenhouse, probe, timeout=options.timeout)
            try:
                for scenario in scenarios:
                    result = engine.run(scenario)
                    results.append(result)
                    echo(_line(result))
            finally:
                greenhouse.close()
                probe.close()
    except OSError as exc:
        echo(f"error: cannot start a server: {exc}")
        return 2
    except (GreenhouseRefused, TargetUnreadable) as exc:
        echo(f"error: {exc}")
        return 2
    counts = {outcome: 0 for outcome in _MARKS}
    for result in results:
        counts[result.outcome] += 1
    elapsed = time.monotonic() - started
    summary = f"{counts['pass']} passed, {counts['fail']} failed"
    if counts["error"]:
        summary += f", {counts['error']} could not run"
    echo(f"\n{summary}, {len(results)} scenarios in {elapsed:.1f} s")
    if counts["fail"]:
        return 1
    return 2 if counts["error"] else 0
