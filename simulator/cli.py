"""The `ghsim` command: serve, target, run, config; the others register here."""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator import __version__
from simulator.cli_common import (
    LazyGroup,
    SetupProblem,
    building,
    config_option,
    control_token_option,
    describe_sunset,
    listen,
    log_format_option,
    max_body_option,
    rate_limit_option,
    read_setup,
    seed_option,
    serve_app,
    set_logging,
    size_option,
    v1_sunset_option,
    webhook_option,
    world_cache_at,
    world_cache_options,
)
from simulator.ops import LogFormat, clean_sigterm
from simulator.runner.servers import LOOPBACK, url_of
from simulator.security import is_loopback

if TYPE_CHECKING:
    from simulator.runtime import Simulator
    from simulator.setup import Setup
    from simulator.world_cache import WorldCache

SIM_PORT = 8650
TARGET_PORT = 8651

logger = logging.getLogger("ghsim")

# Commands that live in other modules, imported only when one of them runs (or
# --help lists them): `ghsim serve` never pays for the fuzzer's Hypothesis, the
# runner's Rich console or the HTTP client the control commands use.
LAZY_COMMANDS = {
    "deliveries": "simulator.cli_webhooks:deliveries",
    "faults": "simulator.cli_webhooks:faults",
    "trigger": "simulator.cli_webhooks:trigger",
    "clock": "simulator.cli_webhooks:clock",
    "fuzz": "simulator.runner.fuzz_command:fuzz",
    "snapshot": "simulator.snapshot_cli:snapshot_command",
}


@click.group(cls=LazyGroup, lazy_commands=LAZY_COMMANDS)
@click.version_option(__version__, prog_name="ghsim")
def main() -> None:
    """A local simulator of Greenhouse Recruiting for the services that sync with it."""


@main.command()
@config_option
@webhook_option
@seed_option
@size_option
@rate_limit_option
@v1_sunset_option
@click.option(
    "--host", default=LOOPBACK, show_default=True, help="Interface to listen on."
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=SIM_PORT,
    envvar="GHSIM_PORT",
    show_default=True,
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
)
@click.option(
    "--snapshot",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="GHSIM_SNAPSHOT",
    help="Start from this world snapshot instead of the seed (env GHSIM_SNAPSHOT).",
)
@click.option(
    "--state-file",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="GHSIM_STATE_FILE",
    help="Save deliveries still pending on exit here, and resume them on start "
    "(env GHSIM_STATE_FILE).",
)
@log_format_option
@max_body_option
@control_token_option
@world_cache_options
def serve(
    config_path: Path,
    webhook_url: str | None,
    seed: int,
    size: int,
    rate_limit: int | None,
    v1_sunset: str | None,
    host: str,
    port: int,
    log_level: str,
    snapshot: Path | None,
    state_file: Path | None,
    log_format: LogFormat,
    max_body_bytes: int,
    control_token: str | None,
    world_cache: Path | None,
    no_world_cache: bool,
) -> None:
    """Serve Harvest, the Job Board and the control API from one seeded world."""
    from simulator.app import create_app
    from simulator.orgs import with_organisations
    from simulator.setup import SetupError

    setup = (
        read_setup(config_path, webhook_url)
        .with_rate_limit(rate_limit)
        .with_v1_sunset(v1_sunset)
    )
    if not control_token and not is_loopback(host):
        raise SetupProblem(
            f"listening on {host} opens the control API (/_sim) to the network: "
            "give it a token with --control-token or GHSIM_CONTROL_TOKEN"
        )
    set_logging(log_level, log_format)
    sock = listen(host, port)
    cache = world_cache_at(world_cache, no_world_cache)
    sim = _start_simulator(setup, seed, size, snapshot, cache)
    seed, size = sim.seed, sim.size
    sim.dispatcher.state_path = state_file
    # The world lives as long as the server: take it out of the cyclic garbage
    # collector's rounds, which would otherwise walk all of it again and again.
    # A build leaves garbage to collect first; a world read back from the cache
    # leaves none worth a walk over all of it (half what the read costs).
    if sim.world_built:
        gc.collect()
    gc.freeze()
    try:
        app = with_organisations(
            create_app(
                sim, max_body_bytes=max_body_bytes, control_token=control_token or None
            ),
            setup,
        )
    except SetupError as exc:
        raise SetupProblem(str(exc)) from None
    base = url_of(sock)
    key = setup.integration_key
    board = setup.boards[0]
    click.echo(f"ghsim {__version__}: Greenhouse simulator on {base}")
    click.echo(
        f"  world          seed {seed}, {size} candidates ({setup.organization})"
    )
    click.echo(
        f"  Harvest        {base}/v1/...   Basic auth, user {key.key!r}, empty password"
    )
    click.echo(f"  On-Behalf-Of   {sim.default_actor()} (a site admin) on every write")
    if setup.v1_sunset is not None:
        click.echo(f"  v1 sunset      {describe_sunset(setup)} (then 410)")
    if setup.oauth_clients:
        v3 = setup.oauth_clients[0]
        click.echo(
            f"  Harvest v3     {base}/v3/...   Bearer token from POST {base}/token "
            f"(client {v3.client_id!r}, secret {v3.client_secret!r})"
        )
    click.echo(f"  Job Board      {base}/v1/boards/{board.token}/jobs")
    click.echo(f"  applications   POST with Basic auth, user {board.api_key!r}")
    guarded = ", token required" if control_token else ""
    click.echo(f"  control        {base}/_sim/health  (ready: /_sim/ready{guarded})")
    hooks = {hook.url for hook in setup.webhooks}
    click.echo(f"  webhooks       {len(setup.webhooks)}, to {', '.join(sorted(hooks))}")
    logger.info("ghsim %s listening on %s (pid %d)", __version__, base, os.getpid())
    with clean_sigterm():
        serve_app(app, sock, log_level)
    click.echo(describe_exit(sim.dispatcher.outstanding(), state_file))
    logger.info("ghsim on %s has shut down", base)


def describe_exit(pending: int, state_file: Path | None) -> str:
    """What a stopped simulator left unsent, and where it went."""
    if not pending:
        return "stopped: no webhook delivery outstanding"
    count = f"{pending} webhook {'delivery' if pending == 1 else 'deliveries'}"
    count += " outstanding (due, or waiting for a retry)"
    if state_file is None:
        return f"stopped with {count}: not sent; --state-file keeps them"
    return f"stopped with {count}, saved to {state_file}"


@main.command()
@config_option
@click.option(
    "--simulator-url",
    default=f"http://{LOOPBACK}:{SIM_PORT}",
    show_default=True,
    envvar="GHSIM_SIMULATOR_URL",
    help="Where the target reads Harvest.",
)
@click.option("--host", default=LOOPBACK, show_default=True)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=TARGET_PORT, show_default=True
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
)
def target(
    config_path: Path, simulator_url: str, host: str, port: int, log_level: str
) -> None:
    """Run the reference sync target: a small Phenom-like webhook receiver."""
    from simulator.runner.session import target_settings
    from simulator.target.app import create_target_app

    setup = read_setup(config_path, None)
    set_logging(log_level)
    sock = listen(host, port)
    base = url_of(sock)
    click.echo(f"reference target on {base}")
    click.echo(f"  webhooks in    {base}/webhooks/greenhouse")
    click.echo(f"  statuses       {base}/api/candidates/<id>/statuses")
    click.echo(f"  Harvest from   {simulator_url}")
    serve_app(create_target_app(target_settings(setup, simulator_url)), sock, log_level)


@main.command()
@click.argument("scenarios", nargs=-1, type=click.Path(path_type=Path))
@config_option
@webhook_option
@seed_option
@size_option
@click.option(
    "--simulator",
    "simulator_url",
    envvar="GHSIM_SIMULATOR_URL",
    help="A running simulator to drive (then --target is needed too).",
)
@click.option(
    "--target",
    "target_url",
    envvar="GHSIM_TARGET_URL",
    help="The target whose statuses are checked. Default: start the reference target.",
)
@click.option(
    "--simulator-port",
    type=int,
    default=0,
    show_default=True,
    help="Port of the simulator the runner starts; 0 picks a free one.",
)
@click.option(
    "--timeout",
    type=float,
    default=10.0,
    show_default=True,
    help="Seconds an expectation may take to come true.",
)
@click.option(
    "--target-config",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Target file: URL, status probe, reconcile hook (default: "
    "targets/reference.yaml, the reference target).",
)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=4, show_default=True)
@click.option(
    "--clock",
    type=click.Choice(["virtual", "real"]),
    default="virtual",
    show_default=True,
    help="The started simulator's clock.",
)
@click.option("--junit", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "json_path", type=click.Path(path_type=Path, dir_okay=False))
@world_cache_options
def run(
    scenarios: tuple[Path, ...],
    config_path: Path,
    webhook_url: str | None,
    seed: int,
    size: int,
    simulator_url: str | None,
    target_url: str | None,
    simulator_port: int,
    timeout: float,
    target_config: Path | None,
    jobs: int,
    clock: str,
    junit: Path | None,
    json_path: Path | None,
    world_cache: Path | None,
    no_world_cache: bool,
) -> None:
    """Run scenarios against a target and check the statuses it shows.

    SCENARIOS are files or folders (a folder is a group, e.g. scenarios/reject).
    Exit status 0: all passed; 1: a check failed; 2: bad input or a target that
    cannot be read."""
    from simulator.runner.session import RunOptions, run_scenarios

    setup = read_setup(config_path, None)
    read_setup(config_path, webhook_url)  # refuse a bad --webhook-url before starting
    set_logging("warning")
    options = RunOptions(
        scenarios=list(scenarios) or [Path("scenarios")],
        setup=setup,
        seed=seed,
        size=size,
        simulator_url=simulator_url,
        target_url=target_url,
        webhook_url=webhook_url,
        simulator_port=simulator_port,
        timeout=timeout,
        target_config=target_config,
        jobs=jobs,
        clock="real" if clock == "real" else "virtual",
        junit=junit,
        json=json_path,
        live=sys.stdout.isatty(),
        world_cache=world_cache_at(world_cache, no_world_cache),
    )
    sys.exit(run_scenarios(options))


@main.command()
@config_option
@webhook_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")
def config(config_path: Path, webhook_url: str | None, as_json: bool) -> None:
    """Print the effective integration setup: boards, keys and grants, webhooks."""
    setup = read_setup(config_path, webhook_url)
    if as_json:
        click.echo(json.dumps(setup.describe(), indent=2))
        return
    click.echo(f"setup from {setup.source}")
    click.echo(f"organization  {setup.organization} ({setup.timezone})")
    for board in setup.boards:
        click.echo(f"job board     {board.token}  key {board.api_key}  ({board.name})")
    for link in setup.tracking_links:
        click.echo(f"tracking link {link.token}  source {link.source!r}")
    for key in setup.harvest_keys:
        partner = f", partner {key.partner}" if key.partner else ""
        click.echo(f"harvest key   {key.key}  ({key.name}{partner})")
        click.echo(f"  grants      {', '.join(key.permission_groups)}")
    for client in setup.oauth_clients:
        click.echo(f"v3 client     {client.client_id}  ({client.name})")
        click.echo(f"  client_secret {client.client_secret}")
        grants = [*client.permission_groups, *client.scopes]
        click.echo(f"  grants      {', '.join(grants)}")
    click.echo(f"v1 sunset     {describe_sunset(setup)}")
    click.echo(f"webhooks      {len(setup.webhooks)}")
    for hook in setup.webhooks:
        state = "" if hook.active else "  (inactive)"
        click.echo(f"  {hook.action:<26} {hook.url}  secret {hook.secret_key}{state}")
        click.echo(f"  {'':<26} {hook.name!r}: {hook.event}")


def _start_simulator(
    setup: Setup,
    seed: int,
    size: int,
    snapshot: Path | None,
    cache: WorldCache | None = None,
) -> Simulator:
    from simulator.runtime import Simulator

    if snapshot is None:
        with building(size) as progress:
            return Simulator(
                setup, seed=seed, size=size, progress=progress, world_cache=cache
            )
    from simulator.snapshot import SnapshotError, load_simulator

    try:
        return load_simulator(snapshot, setup=setup)
    except SnapshotError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
def coverage() -> None:
    """Print the Harvest coverage table: served endpoints, and the ones not."""
    from simulator.coverage import table
    from simulator.harvest.registry import harvest
    from simulator.harvest.routes import routes  # noqa: F401  (fills the registry)

    click.echo(table(harvest.operations), nl=False)
