"""`ghsim deliveries`, `faults`, `trigger` and `clock`: talk to a running simulator.

Each command is a thin client of the control API (/_sim), so what it shows is
what a test or a scenario would see.
"""

from __future__ import annotations

import json
from typing import Any

import click
import httpx

from simulator.runner.servers import LOOPBACK

DEFAULT_URL = f"http://{LOOPBACK}:8650"

simulator_option = click.option(
    "--simulator",
    "simulator_url",
    default=DEFAULT_URL,
    envvar="GHSIM_SIMULATOR_URL",
    show_default=True,
    help="The running simulator (env GHSIM_SIMULATOR_URL).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
sub_simulator_option = click.option(
    "--simulator",
    "simulator_url",
    default=None,
    help="The running simulator (default: the group's --simulator).",
)


def _call(url: str, method: str, path: str, **kwargs: Any) -> Any:
    """One control call; a clear message and exit status 1 when it fails."""
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            response = client.request(method, path, **kwargs)
    except httpx.HTTPError as exc:
        raise click.ClickException(
            f"cannot reach the simulator at {url}: {exc}"
        ) from None
    if response.status_code >= 400:
        try:
            body = response.json()
            errors = "; ".join(
                f"{e.get('field')}: {e.get('message')}" for e in body.get("errors", [])
            )
            message = body.get("message", response.text) + (
                f" ({errors})" if errors else ""
            )
        except ValueError:
            message = response.text
        raise click.ClickException(f"{response.status_code}: {message}")
    return response.json() if response.content else None


def _line(d: dict[str, Any]) -> str:
    answer = d["response_status"] or d["error"] or "-"
    app = d["application_id"] or "-"
    return (
        f"{d['id']:>5}  {d['state']:<9} {d['action']:<26} app {app!s:<9} "
        f"tries {d['attempt_count']}  {answer}  [{d['webhook']}]"
        + (f"  faults: {', '.join(d['faults'])}" if d["faults"] else "")
    )


@click.command()
@click.argument("delivery_id", required=False, type=int)
@simulator_option
@click.option("--action", help="Only this webhook action.")
@click.option("--webhook", help="Only this webhook (by name).")
@click.option("--application-id", type=int, help="Only this application.")
@click.option(
    "--state", type=click.Choice(["pending", "retrying", "delivered", "failed"])
)
@click.option("--event-id", help="Only this Greenhouse-Event-ID.")
@click.option("--redeliver", is_flag=True, help="Send DELIVERY_ID again.")
@json_option
def deliveries(
    delivery_id: int | None,
    simulator_url: str,
    action: str | None,
    webhook: str | None,
    application_id: int | None,
    state: str | None,
    event_id: str | None,
    redeliver: bool,
    as_json: bool,
) -> None:
    """The delivery log of a running simulator, or one delivery in full."""
    if redeliver:
        if delivery_id is None:
            raise click.UsageError("--redeliver needs a DELIVERY_ID")
        sent = _call(simulator_url, "POST", f"/_sim/deliveries/{delivery_id}/redeliver")
        click.echo(json.dumps(sent, indent=2) if as_json else _line(sent))
        return
    if delivery_id is not None:
        one = _call(simulator_url, "GET", f"/_sim/deliveries/{delivery_id}")
        click.echo(json.dumps(one, indent=2) if as_json else _detail(one))
        return
    query = {
        "action": action,
        "webhook": webhook,
        "application_id": application_id,
        "state": state,
        "event_id": event_id,
    }
    params = {k: v for k, v in query.items() if v is not None}
    rows = _call(simulator_url, "GET", "/_sim/deliveries", params=params)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        click.echo(_line(row))
    counts = {s: sum(r["state"] == s for r in rows) for s in _STATES}
    click.echo(
        f"{len(rows)} deliveries: " + ", ".join(f"{n} {s}" for s, n in counts.items())
    )


_STATES = ("delivered", "failed", "retrying", "pending")


def _detail(d: dict[str, Any]) -> str:
    lines = [_line(d), f"  event id  {d['event_id']}", f"  url       {d['url']}"]
    lines += [f"  header    {k}: {v}" for k, v in d["headers"].items()]
    for a in d["attempts"]:
        outcome = a["status"] or a["error"]
        lines.append(
            f"  attempt {a['number']} at {a['at']}: {outcome} "
            f"in {a['latency_ms']} ms"
            + (f" (fault {a['fault']})" if a["fault"] else "")
        )
    if d["next_attempt_at"]:
        lines.append(f"  next attempt at {d['next_attempt_at']}")
    lines.append(f"  body      {d['body']}")
    return "\n".join(lines)


@click.group(invoke_without_command=True)
@simulator_option
@click.pass_context
def faults(ctx: click.Context, simulator_url: str) -> None:
    """The delivery faults switched on in a running simulator (list, add, remove)."""
    ctx.obj = simulator_url
    if ctx.invoked_subcommand is None:
        _list_faults(simulator_url)


def _list_faults(url: str) -> None:
    rows = _call(url, "GET", "/_sim/faults")
    if not rows:
        click.echo("no faults switched on")
    for row in rows:
        click.echo(json.dumps(row))


@faults.command("list")
@sub_simulator_option
@click.pass_obj
def list_faults(url: str, /, simulator_url: str | None) -> None:
    """List the faults switched on."""
    _list_faults(simulator_url or url)


@faults.command("add")
@click.argument(
    "kind",
    type=click.Choice(
        [
            "duplicate",
            "delay",
            "reorder",
            "fail_first",
            "sparse",
            "wrong_secret",
            "reencoded",
            "read_ahead",
            "read_lag",
        ]
    ),
)
@click.option("--webhook", help="Only this webhook (by name).")
@click.option("--action", help="Only this action.")
@click.option("--count", type=int, help="Only the next N matching deliveries.")
@click.option("--copies", type=int, help="duplicate: extra copies (default 1).")
@click.option("--seconds", type=float, help="delay, read_ahead: how long.")
@click.option("--window", type=int, help="reorder: deliveries per window.")
@click.option("--attempts", type=int, help="fail_first: attempts to fail.")
@sub_simulator_option
@click.pass_obj
def add_fault(
    url: str, /, kind: str, simulator_url: str | None, **options: Any
) -> None:
    """Switch a fault on, e.g. `ghsim faults add delay --seconds 300`."""
    body = {"kind": kind, **{k: v for k, v in options.items() if v is not None}}
    created = _call(simulator_url or url, "POST", "/_sim/faults", json=body)
    click.echo(f"fault {created['id']} on: {json.dumps(created)}")


@faults.command("remove")
@click.argument("fault_id")
@sub_simulator_option
@click.pass_obj
def remove_fault(url: str, /, fault_id: str, simulator_url: str | None) -> None:
    """Switch one fault off by id, or `all`."""
    path = "/_sim/faults" if fault_id == "all" else f"/_sim/faults/{fault_id}"
    _call(simulator_url or url, "DELETE", path)
    click.echo(f"fault {fault_id} off" if fault_id != "all" else "all faults off")


@click.command()
@click.argument("action")
@simulator_option
@click.option(
    "--application-id",
    "application_ids",
    type=int,
    multiple=True,
    help="The application (repeat for a bulk reject). Default: a fresh one.",
)
@json_option
def trigger(
    action: str, simulator_url: str, application_ids: tuple[int, ...], as_json: bool
) -> None:
    """Do a recruiter action (hire, unhire, reject, unreject, advance, move, merge,
    anonymize, apply, delete_application, delete_candidate) and print the
    deliveries it caused."""
    body: dict[str, Any] = {"action": action}
    if len(application_ids) == 1:
        body["application_id"] = application_ids[0]
    elif application_ids:
        body["application_ids"] = list(application_ids)
    result = _call(simulator_url, "POST", "/_sim/trigger", json=body)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{action} on application {result['application_id']}")
    for row in result["deliveries"]:
        click.echo(_line(row))
    if not result["deliveries"]:
        click.echo("no webhook listens to what this action sends")


@click.command()
@click.argument("what", required=False, type=click.Choice(["advance", "set"]))
@click.argument("value", required=False)
@click.option("--scale", type=float, help="With `set scaled`: how much faster.")
@simulator_option
def clock(
    what: str | None, value: str | None, scale: float | None, simulator_url: str
) -> None:
    """Show the clock; `clock advance '15 minutes'`; `clock set virtual`."""
    if what == "advance":
        moved = _call(
            simulator_url, "POST", "/_sim/clock/advance", json={"by": value or ""}
        )
        click.echo(f"now {moved['now']}, {moved['attempts']} attempts made")
        return
    if what == "set":
        body: dict[str, Any] = {"mode": value}
        if scale is not None:
            body["scale"] = scale
        shown = _call(simulator_url, "POST", "/_sim/clock", json=body)
    else:
        shown = _call(simulator_url, "GET", "/_sim/clock")
    click.echo(f"now {shown['now']} ({shown['mode']}, scale {shown['scale']:g})")


def register(group: click.Group) -> None:
    for command in (deliveries, faults, trigger, clock):
        group.add_command(command)
