"""Any target: a Python probe, a target answering garbage; and `ghsim fuzz`
finding, shrinking and writing out the bugs of the flawed reference targets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from simulator.runner.fuzz_command import fuzz_target
from simulator.runner.scenario import load_scenario
from simulator.runner.servers import ServerThread, bind_loopback
from simulator.runner.session import RunOptions, run_scenarios
from simulator.setup import load_setup

ROOT = Path(__file__).resolve().parents[2]
SETUP = load_setup(ROOT / "fixtures" / "integration.yaml")
REFERENCE = ROOT / "targets" / "reference.yaml"
SEED, SIZE = 3, 60


def options(**overrides: Any) -> RunOptions:
    given: dict[str, Any] = {"timeout": 2.0, "seed": SEED, "size": SIZE, **overrides}
    return RunOptions(setup=SETUP, **given)


def read_reference(request: dict[str, Any]) -> dict[str, Any] | None:
    """A Python status probe: reads the reference target's API its own way."""
    url = f"{request['target']}/api/job_posts/{request['job_post_id']}/statuses"
    for row in httpx.get(url).json():
        if row["application_id"] == request["application_id"]:
            return {"status": row["status"], "stage": row["stage"]}
    return None


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_run__a_python_probe_reads_the_target(tmp_path: Path) -> None:
    config = write(
        tmp_path / "python.yaml",
        f"name: python-probe\nstatus: {{python: '{__name__}:read_reference'}}\n",
    )
    lines: list[str] = []

    status = run_scenarios(
        options(scenarios=[ROOT / "scenarios" / "hire"], target_config=config),
        lines.append,
    )

    assert status == 0, "\n".join(lines)
    assert "2 passed, 0 failed, 2 scenarios" in lines[-1]


async def garbage_statuses(request: Request) -> Response:
    if request.path_params["id"] == 0:
        return JSONResponse([])  # passes the start-up check, then talks nonsense
    return PlainTextResponse("<html>oops</html>")


async def accept(request: Request) -> Response:
    return JSONResponse({})


def test_run__a_target_answering_garbage_exits_2_naming_scenario_and_step(
    tmp_path: Path,
) -> None:
    app = Starlette(
        routes=[
            Route("/api/candidates/{id:int}/statuses", garbage_statuses),
            Route("/webhooks/greenhouse", accept, methods=["POST"]),
        ]
    )
    scenario = write(
        tmp_path / "one.yaml",
        "name: one\nsteps:\n  - apply: {as: a}\n  - expect: {application: a, "
        "status: active}\n",
    )
    lines: list[str] = []

    with ServerThread(app, bind_loopback(), name="garbage") as server:
        status = run_scenarios(
            options(scenarios=[scenario], target_url=server.url),
            lambda line: lines.extend(click.unstyle(line).splitlines()),
        )

    text = "\n".join(lines)
    assert status == 2, text
    assert any(line.startswith("ERROR  one ") for line in lines), text
    assert "step 2 (expect application: a, status: active): GET " in text
    assert "did not answer JSON: '<html>oops</html>'" in text
    assert "Traceback" not in text


def flawed(tmp_path: Path, flaw: str) -> Path:
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "name: reference", f"name: broken\nflaws: [{flaw}]"
    )
    return write(tmp_path / f"{flaw}.yaml", text)


def test_fuzz__finds_shrinks_and_writes_the_stage_reading_bug(
    tmp_path: Path, capsys: Any
) -> None:
    out = tmp_path / "found.yaml"
    config = flawed(tmp_path, "status-from-stage")

    status = fuzz_target(
        options(scenarios=[], target_config=config, seed=5),
        count=30,
        budget=60,
        out=out,
    )

    printed = capsys.readouterr().out
    assert status == 1, printed
    found = load_scenario(out)
    assert [step.kind for step in found.steps] == ["apply", "move", "expect"]
    assert found.steps[1].args == {"application": "cand", "to": "Offer"}
    assert "target shows 'hired'" in found.checks
    rerun = run_scenarios(options(scenarios=[out], target_config=config), print)
    assert rerun == 1
    assert run_scenarios(options(scenarios=[out]), print) == 0


def test_fuzz__the_reference_target_survives_a_seeded_search(capsys: Any) -> None:
    status = fuzz_target(options(scenarios=[], seed=5), count=8, budget=60, out=None)

    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "tried 8 sequences" in printed
    assert "no failing sequence found" in printed


def test_cli_run__writes_junit_and_json_for_a_group(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from simulator.cli import main

    junit, report = tmp_path / "junit.xml", tmp_path / "report.json"
    args = [
        "run",
        str(ROOT / "scenarios" / "signatures"),
        "--config",
        str(ROOT / "fixtures" / "integration.yaml"),
        "--size",
        "60",
        "--junit",
        str(junit),
        "--json",
        str(report),
    ]

    result = CliRunner().invoke(main, args)

    assert result.exit_code == 0, result.output
    assert "2 passed, 0 failed, 2 scenarios" in result.output
    assert 'name="signatures" tests="2" failures="0"' in junit.read_text("utf-8")
    assert '"exit_status": 0' in report.read_text("utf-8")


def test_cli_run__unknown_target_file_field_exits_2_without_traceback(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from simulator.cli import main

    config = write(tmp_path / "t.yaml", "name: t\nstatus: {http: {url: u}}\nport: 1\n")

    result = CliRunner().invoke(
        main, ["run", str(ROOT / "scenarios" / "hire"), "--target-config", str(config)]
    )

    assert result.exit_code == 2
    assert f"error: {config}:3: field port: Additional properties" in (result.output)
    assert "Traceback" not in result.output


def test_write_scenario__faults_and_the_clock_come_out_as_steps(tmp_path: Path) -> None:
    from simulator.runner.fuzz import SETTLE_CLOCK, Finding, write_scenario

    finding = Finding(
        steps=[
            ("fault", {"kind": "reorder", "count": 2}),
            ("reject", {}),
            ("move", {"to": "Offer"}),
            ("clock", SETTLE_CLOCK),
        ],
        expected={"status": "rejected", "stage": "Offer"},
        problem="expected status 'rejected', target shows 'active'",
    )
    path = tmp_path / "found.yaml"

    write_scenario(path, finding, seed=9)

    scenario = load_scenario(path)
    assert scenario.name == "fuzz-seed-9"
    assert [(s.kind, s.args) for s in scenario.steps] == [
        ("apply", {"as": "cand"}),
        ("fault", {"kind": "reorder", "count": 2}),
        ("reject", {"application": "cand"}),
        ("move", {"application": "cand", "to": "Offer"}),
        ("clock", {"advance": "2 hours"}),
        ("expect", {"application": "cand", "status": "rejected", "stage": "Offer"}),
    ]
    assert scenario.needs == {"faults", "clock"}


def test_fuzz__finds_the_event_order_bug(tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "order.yaml"
    config = flawed(tmp_path, "trusts-event-order")

    # Bounded by count, not time. What it finds may differ from run to run: a
    # reorder fault, or two deliveries racing on their own (as in Greenhouse).
    status = fuzz_target(
        options(scenarios=[], target_config=config, seed=1, size=200),
        count=200,
        budget=3600,
        out=out,
    )

    printed = capsys.readouterr().out
    assert status == 1, printed
    assert "(with delivery faults)" in printed
    found = load_scenario(out)
    assert found.steps[-1].kind == "expect"
    # Whatever it found, a target that does not trust the order survives it.
    assert run_scenarios(options(scenarios=[out]), print) == 0


@pytest.mark.parametrize(
    ("flaw", "seed", "shape"),
    [
        pytest.param(
            "skips-signature", 2, ["apply", "forge", "expect"], id="skips-signature"
        ),
        pytest.param("duplicates-by-action", 1, None, id="duplicates-by-action"),
    ],
)
def test_fuzz__finds_the_flawed_target(
    tmp_path: Path, capsys: Any, flaw: str, seed: int, shape: list[str] | None
) -> None:
    out = tmp_path / "found.yaml"
    config = flawed(tmp_path, flaw)

    # Bounded by count, not time, so the search is the same on any machine.
    status = fuzz_target(
        options(scenarios=[], target_config=config, seed=seed),
        count=60,
        budget=3600,
        out=out,
    )

    printed = capsys.readouterr().out
    assert status == 1, printed
    if shape is not None:
        assert [step.kind for step in load_scenario(out).steps] == shape
    assert run_scenarios(options(scenarios=[out], target_config=config), print) == 1
    assert run_scenarios(options(scenarios=[out]), print) == 0
