"""`ghsim fuzz`: generated recruiter action sequences against a target.

Hypothesis draws a sequence of recruiter actions on one new application (and,
when the simulator serves the fault API, delivery faults), the runner does them
through Greenhouse without waiting in between, and the oracle is the world
itself: once the deliveries settle, the target must show the status Harvest
reports for the application. A failing sequence is shrunk to the shortest one
that still fails and written out as a scenario file, ready for the suite.

Runs are seeded (the same seed draws the same sequences) and bounded by a count
of sequences and a time budget.
"""

from __future__ import annotations

import contextlib
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky, NoSuchExample

from simulator.runner.actions import ACTIONS, StepFailed
from simulator.runner.engine import Engine, Run
from simulator.runner.greenhouse import GreenhouseRefused
from simulator.runner.known import Known
from simulator.runner.scenario import Scenario, Step

NAME = "cand"
Action = tuple[str, dict[str, Any]]
SETTLE_CLOCK = {"advance": "2 hours"}
ALL_FAULTS = {"fault": "all"}
RECRUITER: tuple[Action, ...] = (
    ("advance", {}),
    ("move", {"to": "Offer"}),
    ("move", {"to": "Application Review"}),
    ("reject", {}),
    ("unreject", {}),
    ("hire", {}),
    ("unhire", {}),
    # Not a recruiter: someone posting a payload signed with a wrong key. It
    # changes nothing in Greenhouse, so the target must not change either.
    ("forge", {"action": "hire_candidate", "status": "hired"}),
)
FAULTS: tuple[Action, ...] = (
    ("fault", {"kind": "duplicate", "count": 1}),
    ("fault", {"kind": "reorder", "count": 2}),
    ("fault", {"kind": "delay", "seconds": 30, "count": 1}),
    ("fault", {"kind": "fail_first", "attempts": 1, "count": 1}),
)


@dataclass
class Finding:
    """The shortest failing sequence found, as the steps that Greenhouse accepted."""

    steps: list[Action]
    expected: dict[str, Any]
    problem: str


@dataclass
class Fuzzer:
    engine: Engine
    seed: int
    count: int
    budget: float
    with_faults: bool = False
    tried: int = 0
    last: Finding | None = None
    _deadline: float = field(default=0.0)
    _serial: int = 0

    def actions(self) -> st.SearchStrategy[list[Action]]:
        pool = RECRUITER + (FAULTS if self.with_faults else ())
        return st.lists(st.sampled_from(pool), min_size=1, max_size=8)

    def search(self) -> Finding | None:
        """The shortest failing sequence, or None when none failed in budget."""
        self._deadline = time.monotonic() + self.budget
        config = settings(
            max_examples=self.count,
            deadline=None,
            database=None,
            phases=(Phase.generate, Phase.shrink),
            suppress_health_check=list(HealthCheck),
        )
        with contextlib.suppress(NoSuchExample, Flaky):
            find(
                self.actions(),
                self._fails,
                settings=config,
                random=random.Random(self.seed),
            )
        return self.last

    def _fails(self, sequence: list[Action]) -> bool:
        # Past the budget, no new sequence counts: the search ends quickly. A
        # failure already found may still shrink, for as long again.
        spent_search = time.monotonic() >= self._deadline
        if spent_search and (
            self.last is None or time.monotonic() >= self._deadline + self.budget
        ):
            return False
        self.tried += 1
        finding = self.attempt(sequence)
        if finding is None:
            return False
        if self.last is None or len(finding.steps) <= len(self.last.steps):
            self.last = finding
        return True

    def attempt(self, sequence: list[Action]) -> Finding | None:
        """Do the sequence on a new application; a Finding when the target is wrong."""
        self._serial += 1
        scenario = Scenario("fuzz", "fuzz", "", Path("fuzz"), ())
        run = Run(scenario)
        apply = Step(1, "apply", {"as": NAME})
        ACTIONS["apply"](self.engine, run, apply)
        done: list[Action] = []
        for number, (kind, args) in enumerate(sequence, start=2):
            step = Step(number, kind, {"application": NAME, **args})
            if kind == "fault":
                step = Step(number, kind, dict(args))
            try:
                ACTIONS[kind](self.engine, run, step)
            except (GreenhouseRefused, StepFailed):
                continue  # Greenhouse refused it here: not part of the sequence
            done.append((kind, args))
        if any(kind == "fault" for kind, _ in done):
            # Faults off first: a reorder window still holding deliveries sends
            # them. Then delayed deliveries and retries land once their time comes.
            # Greenhouse's final word reaches the target; only the order differs.
            ACTIONS["fault_off"](self.engine, run, Step(0, "fault_off", ALL_FAULTS))
            done.append(("fault_off", ALL_FAULTS))
            ACTIONS["clock"](self.engine, run, Step(0, "clock", SETTLE_CLOCK))
            done.append(("clock", SETTLE_CLOCK))
        expected = self.oracle(run.known[NAME])
        check = Step(len(sequence) + 2, "expect", {"application": NAME, **expected})
        try:
            ACTIONS["expect"](self.engine, run, check)
        except StepFailed as exc:
            return Finding(done, expected, str(exc))
        finally:
            if run.faults:
                ACTIONS["fault_off"](
                    self.engine, run, Step(0, "fault_off", {"fault": "all"})
                )
        return None

    def oracle(self, app: Known) -> dict[str, Any]:
        """What the target must show: what Greenhouse itself says now."""
        record = self.engine.greenhouse.get(f"/v1/applications/{app.id}")
        expected: dict[str, Any] = {"status": record["status"]}
        stage = record.get("current_stage") or {}
        # The hire payload carries no stage, so a hired status is judged alone.
        if record["status"] != "hired" and stage.get("name"):
            expected["stage"] = stage["name"]
        return expected


def as_scenario(finding: Finding, seed: int) -> dict[str, Any]:
    steps: list[dict[str, Any]] = [{"apply": {"as": NAME}}]
    for kind, args in finding.steps:
        if kind in ("fault", "clock"):
            steps.append({kind: dict(args)})
        elif kind == "fault_off":
            steps.append({kind: args["fault"]})
        elif args:
            steps.append({kind: {"application": NAME, **args}})
        else:
            steps.append({kind: NAME})
    steps.append({"expect": {"application": NAME, **finding.expected}})
    return {
        "name": f"fuzz-seed-{seed}",
        "title": f"Found by ghsim fuzz --seed {seed}",
        "checks": (
            "A generated sequence of recruiter actions, shrunk to the shortest "
            "that fails: once its deliveries settle, the target must show the "
            "status Greenhouse reports. The target showed: " + finding.problem
        ),
        "steps": steps,
    }


def write_scenario(path: Path, finding: Finding, seed: int) -> None:
    text = yaml.safe_dump(
        as_scenario(finding, seed), sort_keys=False, allow_unicode=True, width=88
    )
    path.write_text(text, encoding="utf-8")
