"""`ghsim trigger`, `deliveries`, `faults` and `clock` against a running simulator."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.app import create_app
from simulator.cli import describe_exit, main
from simulator.runner.servers import ServerThread, bind_loopback
from simulator.runtime import Simulator
from simulator.setup import Setup


@pytest.fixture
def running(setup: Setup) -> Iterator[tuple[str, Simulator]]:
    sim = Simulator(setup, seed=7, size=60, clock_mode="virtual")
    server = ServerThread(create_app(sim), bind_loopback(), name="simulator")
    server.start()
    try:
        yield server.url, sim
    finally:
        server.stop()


def _ghsim(url: str, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--simulator", url])
    assert result.exit_code == 0, result.output
    return result.output


def test_trigger__prints_the_deliveries_it_caused(
    running: tuple[str, Simulator],
) -> None:
    url, sim = running

    output = _ghsim(url, "trigger", "reject")

    assert output.startswith("reject on application ")
    assert "reject_candidate" in output and "[Phenom - rejected]" in output
    assert sim.dispatcher.log[-1].action == "reject_candidate"


def test_trigger__json_lists_the_deliveries(running: tuple[str, Simulator]) -> None:
    url, sim = running
    app_id = next(
        a.id for a in sim.world.applications if a.status == "active" and a.job_id
    )

    output = _ghsim(url, "trigger", "hire", "--application-id", str(app_id), "--json")

    body = json.loads(output)
    assert body["application_id"] == app_id
    assert [d["action"] for d in body["deliveries"]] == ["hire_candidate"]


def test_deliveries__lists_and_shows_one_with_its_attempts(
    running: tuple[str, Simulator],
) -> None:
    url, _ = running
    _ghsim(url, "trigger", "reject")

    listing = _ghsim(url, "deliveries", "--action", "reject_candidate")
    one = _ghsim(url, "deliveries", "2")

    assert "reject_candidate" in listing and "1 deliveries" in listing
    assert "attempt 1 at" in one and "header    Signature: sha256 " in one


def test_faults__add_list_and_remove(running: tuple[str, Simulator]) -> None:
    url, sim = running

    added = _ghsim(url, "faults", "add", "delay", "--seconds", "300")
    listed = _ghsim(url, "faults")
    removed = _ghsim(url, "faults", "remove", "all")

    assert added.startswith("fault 1 on:")
    assert '"kind": "delay"' in listed and '"seconds": 300.0' in listed
    assert removed.strip() == "all faults off"
    assert sim.dispatcher.faults.faults == {}


def test_faults__bad_fault_is_a_clear_error(running: tuple[str, Simulator]) -> None:
    url, _ = running

    result = CliRunner().invoke(main, ["faults", "--simulator", url, "add", "delay"])

    assert result.exit_code == 1
    assert "422: Validation error (seconds: seconds is required" in result.output


def test_clock__advance_and_set(running: tuple[str, Simulator]) -> None:
    url, sim = running
    before = sim.clock.now()

    moved = _ghsim(url, "clock", "advance", "15 minutes")
    shown = _ghsim(url, "clock", "set", "scaled", "--scale", "60")

    assert moved.startswith("now ") and "attempts made" in moved
    assert sim.clock.now() - before >= 900_000
    assert "(scaled, scale 60)" in shown


def test_cli__unreachable_simulator_is_a_clear_error() -> None:
    sock = bind_loopback()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()

    result = CliRunner().invoke(main, ["deliveries", "--simulator", url])

    assert result.exit_code == 1
    assert "cannot reach the simulator" in result.output


@pytest.mark.parametrize(
    ("pending", "state_file", "text"),
    [
        (0, None, "no webhook delivery outstanding"),
        (1, None, "stopped with 1 webhook delivery outstanding (due, or waiting"),
        (3, None, "3 webhook deliveries outstanding (due, or waiting for a retry)"),
        (2, Path("s.json"), "retry), saved to s.json"),
    ],
)
def test_describe_exit__says_the_count(
    pending: int, state_file: Path | None, text: str
) -> None:
    assert text in describe_exit(pending, state_file)
