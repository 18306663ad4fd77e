"""Reports: the console line and timeline, JUnit XML and JSON for CI, exit status."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import click
import pytest

from simulator.runner import report
from simulator.runner.engine import Outcome, Result
from simulator.runner.scenario import Scenario, Step

DELIVERY = {
    "id": 7,
    "action": "hire_candidate",
    "application_id": 11,
    "state": "failed",
    "response_status": 401,
    "response_snippet": '{"error":"invalid signature"}',
    "error": None,
}


def result(name: str, outcome: Outcome, group: str = "hire") -> Result:
    step = Step(1, "hire", {"application": "ada"})
    scenario = Scenario(
        name, name.title(), "Checks.", Path(group, f"{name}.yaml"), (step,)
    )
    if outcome == "pass":
        return Result(scenario, outcome, 0.25, timeline=["  step 1 (hire ...)"])
    return Result(
        scenario,
        outcome,
        1.5,
        failure="step 1 (hire application: ada): expected hired, target shows nothing",
        step=1,
        timeline=["✗ step 1 (hire application: ada)", "    expected hired"],
        deliveries=[DELIVERY] if outcome == "fail" else [],
    )


def test_line__a_failure_shows_the_timeline_and_the_targets_answers() -> None:
    text = click.unstyle(report.line(result("hire-once", "fail")))

    assert text.splitlines() == [
        "FAIL   hire-once                           1.50 s  Hire-Once",
        "      step 1 (hire application: ada): expected hired, target shows nothing",
        "✗ step 1 (hire application: ada)",
        "    expected hired",
        "  deliveries and the target's answers:",
        "    delivery 7 hire_candidate (application 11): failed, target answered 401 "
        '{"error":"invalid signature"}',
    ]


def test_line__a_pass_is_one_line() -> None:
    assert len(report.line(result("hire-once", "pass")).splitlines()) == 1


@pytest.mark.parametrize(
    ("outcomes", "status"),
    [
        (["pass", "pass"], 0),
        (["pass", "skip"], 0),
        (["pass", "fail"], 1),
        (["fail", "error"], 2),
    ],
)
def test_exit_status__zero_only_when_all_pass(
    outcomes: list[Outcome], status: int
) -> None:
    results = [result(f"s{n}", outcome) for n, outcome in enumerate(outcomes)]

    assert report.exit_status(results) == status


def test_write_junit__one_suite_per_group_one_case_per_scenario(tmp_path: Path) -> None:
    results = [
        result("hire-once", "pass"),
        result("hire-twice", "fail"),
        result("reject", "skip", group="reject"),
        result("garbage", "error", group="reject"),
    ]
    path = tmp_path / "junit.xml"

    report.write_junit(path, results, 3.0)

    root = ET.parse(path).getroot()
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {"hire", "reject"}
    assert suites["hire"].get("tests") == "2"
    assert suites["hire"].get("failures") == "1"
    assert suites["reject"].get("errors") == "1"
    assert suites["reject"].get("skipped") == "1"
    failure = suites["hire"].find("testcase[@name='hire-twice']/failure")
    assert failure is not None
    assert "expected hired" in (failure.get("message") or "")
    assert "delivery 7 hire_candidate" in (failure.text or "")


def test_write_json__every_scenario_with_outcome_and_timeline(tmp_path: Path) -> None:
    path = tmp_path / "report.json"

    report.write_json(path, [result("a", "pass"), result("b", "fail")], 2.0)

    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["exit_status"] == 1
    assert written["summary"] == "1 passed, 1 failed, 2 scenarios in 2.0 s"
    assert [(s["name"], s["outcome"], s["group"]) for s in written["scenarios"]] == [
        ("a", "pass", "hire"),
        ("b", "fail", "hire"),
    ]
    assert written["scenarios"][1]["deliveries"] == [DELIVERY]
    assert written["scenarios"][1]["step"] == 1


def test_progress__live_view_prints_each_line_above_the_bar(capsys: Any) -> None:
    from simulator.runner.console import Progress

    echoed: list[str] = []
    finished = result("hire-once", "fail")

    with Progress(echoed.append, 1, live=True) as progress:
        progress.started(finished.scenario)
        progress.finished(finished)

    printed = capsys.readouterr().out
    assert echoed == []
    assert "FAIL" in printed
    assert "delivery 7 hire_candidate" in printed


def test_progress__plain_view_echoes_the_line() -> None:
    from simulator.runner.console import Progress

    echoed: list[str] = []

    with Progress(echoed.append, 1, live=False) as progress:
        progress.finished(result("hire-once", "pass"))

    assert [click.unstyle(line)[:20] for line in echoed] == ["PASS   hire-once    "]
