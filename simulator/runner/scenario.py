"""Scenario files: loading, validating, and the model the engine runs.

A scenario is a YAML file with a `name`, an optional `title` and `checks` (which
Greenhouse behaviour it exercises), an optional `setup`, and `steps`. Each step is
one action or one expectation; `as: rosa` names the application a step creates,
and later steps refer to it by that name or as `step N`. The JSON Schema is
`simulator/schemas/scenario.schema.json`; the README's 'Scenario language'
section documents every step. A bad file is refused before anything runs, with
the file, the line, the step and the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from simulator.runner.source import (
    Document,
    Location,
    SourceError,
    error_location,
    load_document,
)

CREATING = ("apply", "add", "prospect")
# Steps whose value names no application.
UNATTACHED = (
    "disable_webhook",
    "enable_webhook",
    "clock",
    "fault",
    "fault_off",
    "wait",
    "calls",
)
# The control API (issue 5's contract) a step needs; a simulator without it skips.
NEEDS = {
    "disable_webhook": "webhooks",
    "enable_webhook": "webhooks",
    "clock": "clock",
    "fault": "faults",
    "fault_off": "faults",
}
# What those switches act on is the whole simulator's, not one scenario's.
GLOBAL_SWITCHES = {"webhooks", "faults"}
STEP_REF = re.compile(r"^step ([1-9][0-9]*)$")
TEMPLATE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)(?:\.([a-z_]+))?\}")
TEMPLATE_FIELDS = ("id", "candidate_id", "job_id", "job_post_id")


class ScenarioError(Exception):
    """A scenario file that cannot be run; the message names file, line and step."""


@dataclass(frozen=True)
class Step:
    number: int
    kind: str
    args: dict[str, Any]
    line: int = 0

    @property
    def application(self) -> str:
        """The name of the application this step acts on or creates."""
        return str(self.args.get("as") or self.args["application"])

    def names_used(self) -> list[str]:
        if self.kind in CREATING or self.kind in UNATTACHED:
            if "unlike" in self.args:
                return [str(self.args["unlike"])]
            if self.kind == "calls":
                return [
                    m.group(1) for m in TEMPLATE.finditer(self.args.get("request", ""))
                ]
            return []
        used = [self.application]
        if self.kind == "merge":
            used.append(str(self.args["into"]))
        return used

    def describe(self) -> str:
        details = ", ".join(f"{k}: {v}" for k, v in self.args.items())
        return f"step {self.number} ({self.kind} {details})"

    @property
    def needs(self) -> str | None:
        return NEEDS.get(self.kind)


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    checks: str
    path: Path
    steps: tuple[Step, ...]
    # Its own world: a seed and an integration setup other than the run's.
    seed: int | None = None
    fixtures: Path | None = None

    @property
    def world(self) -> tuple[int | None, Path | None]:
        """Which simulator it needs: (None, None) is the run's own."""
        return self.seed, self.fixtures

    @property
    def group(self) -> str:
        """The folder the file sits in: a user runs a group by naming it."""
        return self.path.parent.name

    @property
    def needs(self) -> set[str]:
        return {step.needs for step in self.steps if step.needs}

    @property
    def exclusive(self) -> bool:
        """Whether it switches something every scenario shares (a fault, a
        webhook), so it must run with no other scenario beside it."""
        return bool(self.needs & GLOBAL_SWITCHES)


@cache
def schema() -> dict[str, Any]:
    text = resources.files("simulator.schemas").joinpath("scenario.schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


def _field(location: Location) -> str:
    return ".".join(str(part) for part in location)


def _check_top(document: Document) -> None:
    top = {**schema(), "properties": {**schema()["properties"], "steps": {}}}
    validator = jsonschema.Draft202012Validator(top)
    error = jsonschema.exceptions.best_match(validator.iter_errors(document.data))
    if error is not None:
        location = error_location(error)
        where = f"field {_field(location)}" if location else "top level"
        raise ScenarioError(f"{document.where(location)}: {where}: {error.message}")
    steps = document.data["steps"]
    if not isinstance(steps, list) or not steps:
        raise ScenarioError(f"{document.where(('steps',))}: steps: a list is needed")


def _check_step(document: Document, index: int, raw: Any) -> Step:
    number, location = index + 1, ("steps", index)
    where = document.where(location)
    known = schema()["$defs"]["step"]["properties"]
    if not isinstance(raw, dict) or len(raw) != 1:
        raise ScenarioError(
            f"{where}: step {number}: one action per step, as `- hire: rosa`"
        )
    ((kind, value),) = raw.items()
    if kind not in known:
        raise ScenarioError(
            f"{where}: step {number}: unknown action {kind!r}; "
            f"known: {', '.join(sorted(known))}"
        )
    step_schema = {"$defs": schema()["$defs"], **known[kind]}
    validator = jsonschema.Draft202012Validator(step_schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(value))
    if error is not None:
        inner = error_location(error)
        field = f", field {_field(inner)}" if inner else ""
        raise ScenarioError(
            f"{document.where((*location, kind, *inner))}: step {number} "
            f"({kind}){field}: {error.message}"
        )
    return Step(number, kind, _expand(kind, value), document.line(location))


def _expand(kind: str, value: Any) -> dict[str, Any]:
    """Shorthands (`- hire: rosa`, `- wait: 5`) as the long form."""
    if kind in ("disable_webhook", "enable_webhook"):
        return {"webhook": value}
    if kind == "fault_off":
        return {"fault": value}
    if kind == "wait" and not isinstance(value, dict):
        return {"seconds": value}
    if isinstance(value, str):
        return {"application": value}
    return dict(value)


def load_scenario(path: Path) -> Scenario:
    try:
        document = load_document(path)
    except SourceError as exc:
        raise ScenarioError(str(exc)) from None
    if not isinstance(document.data, dict):
        raise ScenarioError(f"{path}:1: a scenario is a mapping with name and steps")
    _check_top(document)
    data = document.data
    setup = [
        Step(0, "fault", dict(fault), document.line(("setup", "faults", n)))
        for n, fault in enumerate((data.get("setup") or {}).get("faults", []))
    ]
    steps = [_check_step(document, n, raw) for n, raw in enumerate(data["steps"])]
    resolved = _resolve(document, (*setup, *steps))
    own = data.get("setup") or {}
    fixtures = None
    if "fixtures" in own:
        fixtures = (path.parent / str(own["fixtures"])).resolve()
        if not fixtures.is_file():
            line = document.line(("setup", "fixtures"))
            raise ScenarioError(
                f"{path}:{line}: setup, field fixtures: no file {str(fixtures)!r}"
            )
    return Scenario(
        name=data["name"],
        title=str(data.get("title", data["name"])),
        checks=" ".join(data.get("checks", "").split()),
        path=path,
        steps=resolved,
        seed=own.get("seed"),
        fixtures=fixtures,
    )


def _resolve(document: Document, steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """Check every reference, turning `step N` into the name step N gave."""
    named: dict[str, int] = {}
    faults: set[str] = {"all"}
    by_number = {step.number: step for step in steps}
    resolved: list[Step] = []
    for step in steps:
        where = f"{document.path}:{step.line}: step {step.number} ({step.kind})"
        args = dict(step.args)
        for key in ("application", "into", "unlike"):
            value = args.get(key)
            match = STEP_REF.match(value) if isinstance(value, str) else None
            if match is None or step.kind in UNATTACHED:
                continue
            target = by_number.get(int(match.group(1)))
            if target is None or target.kind not in CREATING:
                raise ScenarioError(
                    f"{where}: {value!r} does not name a step that creates an "
                    "application (apply, add or prospect)"
                )
            args[key] = target.application
        step = Step(step.number, step.kind, args, step.line)
        for name in step.names_used():
            if name not in named or named[name] >= step.number:
                raise ScenarioError(
                    f"{where}: no earlier step creates an application named {name!r}"
                )
        _check_templates(where, step)
        if step.kind == "fault" and "as" in step.args:
            faults.add(str(step.args["as"]))
        if step.kind == "fault_off" and step.args["fault"] not in faults:
            raise ScenarioError(
                f"{where}: no earlier fault step is named {step.args['fault']!r}"
            )
        if step.kind in CREATING:
            if step.application in named:
                raise ScenarioError(
                    f"{where}: the name {step.application!r} is already taken by "
                    f"step {named[step.application]}"
                )
            named[step.application] = step.number
        resolved.append(step)
    return tuple(resolved)


def _check_templates(where: str, step: Step) -> None:
    if step.kind != "calls" or "request" not in step.args:
        return
    for match in TEMPLATE.finditer(step.args["request"]):
        if match.group(2) and match.group(2) not in TEMPLATE_FIELDS:
            raise ScenarioError(
                f"{where}: {match.group(0)} names no field; "
                f"use one of {', '.join(TEMPLATE_FIELDS)}"
            )


def scenario_files(path: Path) -> list[Path]:
    """A file, or a folder's *.yaml and *.yml files, sub-folders included."""
    if path.is_dir():
        found = [*path.rglob("*.yaml"), *path.rglob("*.yml")]
        return sorted(found, key=lambda p: p.relative_to(path).parts)
    if path.exists():
        return [path]
    raise ScenarioError(f"{path}: no such file or directory")


def load_scenarios(paths: list[Path]) -> list[Scenario]:
    """Scenario files, and the scenario files under folders, in name order."""
    files = [file for path in paths for file in scenario_files(path)]
    if not files:
        raise ScenarioError("no scenario files found in " + ", ".join(map(str, paths)))
    scenarios = [load_scenario(file) for file in files]
    first_seen: dict[str, Path] = {}
    for scenario in scenarios:
        if scenario.name in first_seen:
            raise ScenarioError(
                f"{scenario.path}: the name {scenario.name!r} is already used by "
                f"{first_seen[scenario.name]}"
            )
        first_seen[scenario.name] = scenario.path
    return scenarios
