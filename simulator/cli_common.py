"""What the `ghsim` commands share: their options, reading the setup, listening
and serving, and logging (configured here and nowhere else)."""

from __future__ import annotations

import contextlib
import importlib
import logging
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import uvicorn
from starlette.types import ASGIApp

from simulator.app import MAX_BODY_BYTES
from simulator.formats import day_or_instant, day_or_instant_text
from simulator.ops import LOG_FORMATS, LogFormat, configure_logging
from simulator.runner.servers import bind
from simulator.setup import DEFAULT_SETUP, Setup, SetupError, load_setup
from simulator.world.progress import TOTAL as progress_total_steps
from simulator.world.progress import ProgressCallback
from simulator.world.spec import NAMED_SIZES, parse_size

if TYPE_CHECKING:
    from simulator.world_cache import WorldCache


class LazyGroup(click.Group):
    """A group some of whose commands are imported on first use (or when --help
    lists them): `lazy_commands` maps a name to `module:attribute`."""

    def __init__(
        self, *args: Any, lazy_commands: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = self.lazy_commands.get(cmd_name)
        if where is None:
            return super().get_command(ctx, cmd_name)
        module, _, name = where.partition(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command), where
        return command


class Size(click.ParamType[int]):
    name = "size"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        try:
            return parse_size(value if isinstance(value, (int, str)) else str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_SETUP,
    envvar="GHSIM_CONFIG",
    show_default=True,
    help="Integration setup file (env GHSIM_CONFIG).",
)
webhook_option = click.option(
    "--webhook-url",
    envvar="GHSIM_WEBHOOK_URL",
    help="Send every webhook to this URL instead (env GHSIM_WEBHOOK_URL).",
)
seed_option = click.option(
    "--seed",
    type=int,
    default=1,
    envvar="GHSIM_SEED",
    show_default=True,
    help="World seed (env GHSIM_SEED).",
)
size_option = click.option(
    "--size",
    type=Size(),
    default="small",
    envvar="GHSIM_SIZE",
    show_default=True,
    help=f"Candidates: a number or {', '.join(NAMED_SIZES)} (env GHSIM_SIZE).",
)
rate_limit_option = click.option(
    "--rate-limit",
    type=click.IntRange(0, 100_000),
    envvar="GHSIM_RATE_LIMIT",
    help="Harvest requests per 10 s for each key; 0: no limit. "
    "Default: the setup's (env GHSIM_RATE_LIMIT).",
)


log_format_option = click.option(
    "--log-format",
    type=click.Choice(LOG_FORMATS),
    default="text",
    envvar="GHSIM_LOG_FORMAT",
    show_default=True,
    help="Log lines as text or as JSON objects (env GHSIM_LOG_FORMAT).",
)
max_body_option = click.option(
    "--max-body-bytes",
    type=click.IntRange(1, None),
    default=MAX_BODY_BYTES,
    envvar="GHSIM_MAX_BODY_BYTES",
    show_default=True,
    help="Refuse request bodies over this size with 413 (env GHSIM_MAX_BODY_BYTES).",
)
control_token_option = click.option(
    "--control-token",
    envvar="GHSIM_CONTROL_TOKEN",
    help="Require this token (Authorization: Bearer) on the control API; needed "
    "to listen beyond loopback (env GHSIM_CONTROL_TOKEN).",
)


def world_cache_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--world-cache DIR and --no-world-cache (see `simulator.world_cache`)."""
    command = click.option(
        "--no-world-cache",
        is_flag=True,
        help="Build the world even if a built one is kept on disk, and keep none.",
    )(command)
    return click.option(
        "--world-cache",
        type=click.Path(path_type=Path, file_okay=False),
        help="Keep built worlds in this folder, so the next start of the same "
        "world loads it (env GHSIM_WORLD_CACHE, a folder or 'off'; default "
        "$XDG_CACHE_HOME/ghsim, else ~/.cache/ghsim).",
    )(command)


def world_cache_at(directory: Path | None, disabled: bool) -> WorldCache | None:
    """The world cache the options (or the environment) ask for, if any."""
    from simulator.world_cache import WorldCache, configured

    chosen = configured(directory, disabled=disabled)
    if chosen is None:
        return None
    try:
        return WorldCache.at(chosen)
    except OSError as exc:  # ghsim's own files unreadable: no cache, still a start
        logging.getLogger("ghsim").warning(
            "world cache: cannot fingerprint the code (%s); building the world", exc
        )
        return None


def _sunset(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> str | None:
    if value is None or value.strip().lower() in ("never", "none", "off"):
        return value
    try:
        day_or_instant(value)
    except ValueError:
        raise click.BadParameter(
            f"must be a date (2026-08-31), an ISO-8601 time or 'never', not {value!r}"
        ) from None
    return value


v1_sunset_option = click.option(
    "--v1-sunset",
    envvar="GHSIM_V1_SUNSET",
    metavar="DATE",
    callback=_sunset,
    help="Retire Harvest v1 and v2 at this date or ISO-8601 time on the "
    "simulator's clock (410 from then on); 'never' lifts the setup's. Default: "
    "the setup's, else never (env GHSIM_V1_SUNSET).",
)


def describe_sunset(setup: Setup) -> str:
    if setup.v1_sunset is None:
        return "never"
    return day_or_instant_text(setup.v1_sunset)


def read_setup(config_path: Path, webhook_url: str | None) -> Setup:
    try:
        return load_setup(config_path, webhook_url=webhook_url)
    except SetupError as exc:
        raise SetupProblem(str(exc)) from None


class SetupProblem(click.ClickException):
    """Something to fix before anything can run: exit status 2, no traceback."""

    exit_code = 2


def listen(host: str, port: int) -> socket.socket:
    """Bind before printing anything, so a busy port is one clear line."""
    try:
        return bind(host, port)
    except OSError as exc:
        raise SetupProblem(
            f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port"
        ) from None


def serve_app(app: ASGIApp, sock: socket.socket, log_level: str) -> None:
    # The app logs one access line per request itself (simulator.ops.AccessLog).
    config = uvicorn.Config(app, log_level=log_level, log_config=None, access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


def set_logging(level: str, fmt: LogFormat = "text") -> None:
    configure_logging(level, fmt)


# Below this many candidates a world builds in about a second: no bar.
BAR_FROM_SIZE = 5_000


@contextlib.contextmanager
def building(size: int) -> Iterator[ProgressCallback | None]:
    """A progress bar on standard error while a large world builds; shown from
    the build's first report, so a world read from the cache shows none."""
    if size < BAR_FROM_SIZE:
        yield None
        return
    label = f"building {size:,} candidates"
    with contextlib.ExitStack() as stack:
        bar = None
        shown = 0

        def report(done: int, total: int) -> None:
            nonlocal bar, shown
            if bar is None:
                bar = stack.enter_context(
                    click.progressbar(
                        length=progress_total_steps, label=label, file=sys.stderr
                    )
                )
            bar.update(done - shown)
            shown = done

        yield report
