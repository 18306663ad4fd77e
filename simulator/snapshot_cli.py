"""`ghsim snapshot`: write a seeded world (or a server's current one) to a file."""

from __future__ import annotations

import json
from pathlib import Path

import click
import httpx

from simulator import snapshot
from simulator.runtime import Simulator
from simulator.setup import DEFAULT_SETUP, SetupError, load_setup
from simulator.world.spec import parse_size


@click.command("snapshot")
@click.argument("output", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_SETUP,
    envvar="GHSIM_CONFIG",
    show_default=True,
)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--size", default="small", show_default=True)
@click.option(
    "--from-url",
    help="Take the world of the simulator running at this URL, as it is now.",
)
@click.option("--org", help="With --from-url: that server's organisation NAME.")
def snapshot_command(
    output: Path,
    config_path: Path,
    seed: int,
    size: str,
    from_url: str | None,
    org: str | None,
) -> None:
    """Write a world snapshot (JSON) to OUTPUT; `ghsim serve --snapshot` reads it."""
    if from_url:
        control = f"{from_url.rstrip('/')}/_sim" + (f"/orgs/{org}" if org else "")
        response = httpx.get(f"{control}/snapshot", timeout=120)
        if response.status_code != 200:
            raise click.ClickException(
                f"{control}/snapshot answered {response.status_code}: {response.text}"
            )
        text = json.dumps(response.json(), sort_keys=True, indent=1)
        output.write_text(text + "\n", encoding="utf-8")
    else:
        try:
            setup = load_setup(config_path)
            count = parse_size(size)
        except (SetupError, ValueError) as exc:
            raise click.ClickException(str(exc)) from None
        sim = Simulator(setup, seed=seed, size=count, clock_mode="virtual")
        snapshot.write(sim.world, setup.organization, output)
    click.echo(f"snapshot written to {output}")
