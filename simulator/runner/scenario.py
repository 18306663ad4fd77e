"""Scenario files: loading, validating, and the model the engine runs.

A scenario is a YAML file with a `name`, an optional `title` and `checks` (which
Greenhouse behaviour it exercises), and `steps`. Each step is one action or one
expectation; `as: rosa` names the application a step creates, and later steps
refer to it by that name. The JSON Schema is `simulator/schemas/scenario.schema.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ACTIONS_CREATING = ("apply", "add")


class ScenarioError(Exception):
    """A scenario file that cannot be run; the message names file, step and field."""


@dataclass(frozen=True)
class Step:
    number: int
    kind: str
    args: dict[str, Any]

    @property
    def application(self) -> str:
        """The name of the application this step acts on or creates."""
        return str(self.args.get("as") or self.args["application"])

    def describe(self) -> str:
        details = ", ".join(f"{k}: {v}" for k, v in self.args.items())
        return f"step {self.number} ({self.kind} {details})"


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    checks: str
    path: Path
    steps: tuple[Step, ...]


def _schema() -> dict[str, Any]:
    text = resources.files("simulator.schemas").joinpath("scenario.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


def _step(number: int, raw: dict[str, Any]) -> Step:
    ((kind, value),) = raw.items()
    if isinstance(value, str):
        value = {"application": value}
    return Step(number, kind, dict(value))


def load_scenario(path: Path) -> Scenario:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{path}: not valid YAML: {exc}") from None
    validator = jsonschema.Draft202012Validator(_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = _where(list(error.absolute_path))
        raise ScenarioError(f"{path}: {where}: {error.message}")
    steps = tuple(_step(n, raw) for n, raw in enumerate(data["steps"], start=1))
    _check_references(path, steps)
    return Scenario(
        name=data["name"],
        title=data.get("title", data["name"]),
        checks=" ".join(data.get("checks", "").split()),
        path=path,
        steps=steps,
    )


def _where(location: list[str | int]) -> str:
    if len(location) >= 2 and location[0] == "steps":
        rest = ".".join(str(part) for part in location[2:])
        step = f"step {int(location[1]) + 1}"
        return f"{step}, {rest}" if rest else step
    return ".".join(str(part) for part in location) or "top level"


def _check_references(path: Path, steps: tuple[Step, ...]) -> None:
    named: set[str] = set()
    for step in steps:
        if step.kind in ACTIONS_CREATING:
            if step.application in named:
                raise ScenarioError(
                    f"{path}: step {step.number}: the name {step.application!r} "
                    "is already taken by an earlier step"
                )
            named.add(step.application)
        elif step.application not in named:
            raise ScenarioError(
                f"{path}: step {step.number} ({step.kind}): no earlier step creates "
                f"an application named {step.application!r}"
            )


def load_scenarios(paths: list[Path]) -> list[Scenario]:
    """Scenario files, and the *.yaml files of directories, in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")))
        elif path.exists():
            files.append(path)
        else:
            raise ScenarioError(f"{path}: no such file or directory")
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
