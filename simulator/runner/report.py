"""What a run tells: a console line per scenario, a timeline for each failure,
and JUnit XML and JSON files for CI.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from simulator.runner.engine import Result

Echo = Callable[[str], None]

MARKS = {
    "pass": click.style("PASS ", fg="green"),
    "fail": click.style("FAIL ", fg="red"),
    "error": click.style("ERROR", fg="yellow"),
    "skip": click.style("SKIP ", fg="cyan"),
}


def delivery_line(delivery: dict[str, Any]) -> str:
    answer = delivery.get("response_status") or delivery.get("error") or ""
    snippet = (delivery.get("response_snippet") or "").strip()
    told = f" {snippet[:80]}" if snippet else ""
    return (
        f"    delivery {delivery['id']} {delivery['action']} "
        f"(application {delivery['application_id']}): {delivery['state']}, "
        f"target answered {answer}{told}"
    )


def story(result: Result) -> list[str]:
    """The failed scenario's timeline: its steps, then what was delivered."""
    lines = [*result.timeline]
    if result.deliveries:
        lines.append("  deliveries and the target's answers:")
        lines.extend(delivery_line(d) for d in result.deliveries)
    elif result.outcome == "fail":
        lines.append("  (no webhook was sent about its applications)")
    return lines


def line(result: Result) -> str:
    scenario = result.scenario
    text = (
        f"{MARKS[result.outcome]}  {scenario.name:<34} {result.seconds:5.2f} s  "
        f"{scenario.title}"
    )
    if result.failure:
        text += f"\n      {result.failure}"
    if result.outcome in ("fail", "error"):
        text += "\n" + "\n".join(story(result))
    return text


def summary(results: list[Result], elapsed: float) -> str:
    counts = {outcome: 0 for outcome in MARKS}
    for result in results:
        counts[result.outcome] += 1
    text = f"{counts['pass']} passed, {counts['fail']} failed"
    if counts["error"]:
        text += f", {counts['error']} could not run"
    if counts["skip"]:
        text += f", {counts['skip']} skipped"
    return f"{text}, {len(results)} scenarios in {elapsed:.1f} s"


def exit_status(results: list[Result]) -> int:
    outcomes = {result.outcome for result in results}
    if "error" in outcomes:
        return 2
    return 1 if "fail" in outcomes else 0


def as_json(results: list[Result], elapsed: float) -> dict[str, Any]:
    return {
        "summary": summary(results, elapsed),
        "exit_status": exit_status(results),
        "seconds": round(elapsed, 3),
        "scenarios": [
            {
                "name": r.scenario.name,
                "group": r.scenario.group,
                "file": str(r.scenario.path),
                "title": r.scenario.title,
                "checks": r.scenario.checks,
                "outcome": r.outcome,
                "seconds": round(r.seconds, 3),
                "failure": r.failure,
                "step": r.step,
                "timeline": r.timeline,
                "deliveries": r.deliveries,
            }
            for r in results
        ],
    }


def write_json(path: Path, results: list[Result], elapsed: float) -> None:
    text = json.dumps(as_json(results, elapsed), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def write_junit(path: Path, results: list[Result], elapsed: float) -> None:
    """One testsuite per scenario group, one testcase per scenario."""
    root = ET.Element("testsuites", name="ghsim", time=f"{elapsed:.3f}")
    groups: dict[str, list[Result]] = {}
    for result in results:
        groups.setdefault(result.scenario.group, []).append(result)
    for group, members in groups.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=group,
            tests=str(len(members)),
            failures=str(sum(r.outcome == "fail" for r in members)),
            errors=str(sum(r.outcome == "error" for r in members)),
            skipped=str(sum(r.outcome == "skip" for r in members)),
            time=f"{sum(r.seconds for r in members):.3f}",
        )
        for result in members:
            _testcase(suite, group, result)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _testcase(suite: ET.Element, group: str, result: Result) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"ghsim.{group}",
        name=result.scenario.name,
        file=str(result.scenario.path),
        time=f"{result.seconds:.3f}",
    )
    tag = {"fail": "failure", "error": "error", "skip": "skipped"}.get(result.outcome)
    if tag is not None:
        element = ET.SubElement(case, tag, message=result.failure or "")
        if tag != "skipped":
            element.text = "\n".join(story(result))
