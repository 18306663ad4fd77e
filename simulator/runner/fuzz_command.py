"""The `ghsim fuzz` command: start the servers, search, report, write the scenario.

Exit status: 0 when no generated sequence failed within the count and budget,
1 when one did (its shortest form is written as a scenario file), 2 when the
run cannot start.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from simulator.runner.engine import Engine
from simulator.runner.fuzz import Fuzzer, write_scenario
from simulator.runner.greenhouse import Greenhouse, GreenhouseRefused
from simulator.runner.picking import ScenarioUnrunnable
from simulator.runner.probe import TargetUnreadable, make_probe
from simulator.runner.session import RunOptions, servers, target_config
from simulator.runner.targets import TargetConfigError
from simulator.setup import DEFAULT_SETUP, SetupError, load_setup


def fuzz_target(
    options: RunOptions, *, count: int, budget: float, out: Path | None
) -> int:
    echo = click.echo
    try:
        config = target_config(options)
    except TargetConfigError as exc:
        echo(f"error: {exc}")
        return 2
    started = time.monotonic()
    try:
        with servers(options, config, echo) as (sim_url, target_url):
            greenhouse = Greenhouse(sim_url)
            probe = make_probe(config, target_url)
            probe.check()
            engine = Engine(
                greenhouse,
                probe,
                target=config,
                target_url=target_url,
                timeout=options.timeout,
            )
            fuzzer = Fuzzer(
                engine,
                seed=options.seed,
                count=count,
                budget=budget,
                with_faults=greenhouse.has("faults") and greenhouse.has("clock"),
            )
            try:
                finding = fuzzer.search()
            finally:
                engine.close()
    except OSError as exc:
        echo(f"error: cannot start a server: {exc}")
        return 2
    except (GreenhouseRefused, TargetUnreadable, ScenarioUnrunnable) as exc:
        echo(f"error: {exc}")
        return 2
    elapsed = time.monotonic() - started
    faults = "with delivery faults" if fuzzer.with_faults else "no fault API"
    echo(f"tried {fuzzer.tried} sequences in {elapsed:.1f} s ({faults})")
    if finding is None:
        echo("no failing sequence found")
        return 0
    echo(f"FAIL  shortest failing sequence ({len(finding.steps)} actions):")
    for kind, args in finding.steps:
        echo(f"        {kind} {args or ''}".rstrip())
    echo(f"      {finding.problem}")
    path = out or Path(f"fuzz-seed-{options.seed}.yaml")
    write_scenario(path, finding, options.seed)
    echo(f"written to {path}: add it to your scenarios")
    return 1


@click.command()
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_SETUP,
    envvar="GHSIM_CONFIG",
    show_default=True,
)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--size", type=int, default=200, show_default=True)
@click.option(
    "--target-config",
    "target_file",
    type=click.Path(path_type=Path, dir_okay=False),
)
@click.option("--target", "target_url", help="A running target's URL.")
@click.option(
    "--count",
    type=click.IntRange(1),
    default=100,
    show_default=True,
    help="Sequences to try at most.",
)
@click.option(
    "--budget",
    type=click.FloatRange(0.1),
    default=60.0,
    show_default=True,
    help="Seconds to search (shrinking a failure may take as long again).",
)
@click.option("--timeout", type=float, default=2.0, show_default=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the failing scenario (default fuzz-seed-N.yaml).",
)
def fuzz(
    config_path: Path,
    seed: int,
    size: int,
    target_file: Path | None,
    target_url: str | None,
    count: int,
    budget: float,
    timeout: float,
    out: Path | None,
) -> None:
    """Generate recruiter action sequences against a target; shrink a failure."""
    try:
        setup = load_setup(config_path)
    except SetupError as exc:
        click.echo(f"error: {exc}")
        sys.exit(2)
    options = RunOptions(
        scenarios=[],
        setup=setup,
        seed=seed,
        size=size,
        target_url=target_url,
        target_config=target_file,
        timeout=timeout,
    )
    sys.exit(fuzz_target(options, count=count, budget=budget, out=out))
