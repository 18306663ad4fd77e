"""Running a scenario: drive Greenhouse, let the deliveries settle, compare.

Every scenario makes its own applications (through the board, Harvest or by
hand), so scenarios never share state, need no reset between them, and can run
side by side. Each step is written to the scenario's timeline; a failure adds
every delivery made about the scenario's applications and the target's answer.
"""

from __future__ import annotations

import itertools
import threading
import time
import zlib
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

import simulator.runner.checks  # noqa: F401  (registers expect, never, calls)
from simulator.runner.actions import ACTIONS, StepFailed
from simulator.runner.greenhouse import Greenhouse, GreenhouseRefused
from simulator.runner.known import Known
from simulator.runner.picking import Picker, ScenarioUnrunnable
from simulator.runner.probe import Probe, TargetUnreadable
from simulator.runner.scenario import Scenario, Step
from simulator.runner.targets import TargetConfig

POLL_SECONDS = 0.02
Outcome = Literal["pass", "fail", "error", "skip"]
_emails = itertools.count(1)
_emails_lock = threading.Lock()


@dataclass
class Run:
    """One scenario's state while it runs."""

    scenario: Scenario
    since: int = 0
    known: dict[str, Known] = field(default_factory=dict)
    faults: dict[str, str] = field(default_factory=dict)
    timeline: list[str] = field(default_factory=list)
    seen: dict[str, Any] | None = None

    def note(self, step: Step, text: str) -> None:
        self.timeline.append(f"    {text}")


@dataclass
class Result:
    scenario: Scenario
    outcome: Outcome
    seconds: float
    failure: str | None = None
    step: int | None = None
    timeline: list[str] = field(default_factory=list)
    deliveries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.outcome == "pass"


class Engine:
    def __init__(
        self,
        greenhouse: Greenhouse,
        probe: Probe,
        *,
        target: TargetConfig | None = None,
        target_url: str = "",
        timeout: float = 10.0,
    ) -> None:
        self.greenhouse = greenhouse
        self.probe = probe
        self.target = target
        self.target_url = target_url
        self.timeout = timeout
        self.picker = Picker(greenhouse)
        self._hooks = httpx.Client(timeout=timeout)

    def close(self) -> None:
        """Close every client the engine holds, the Greenhouse one and the probe's."""
        self._hooks.close()
        self.greenhouse.close()
        self.probe.close()

    def run(self, scenario: Scenario) -> Result:
        started = time.monotonic()
        missing = sorted(n for n in scenario.needs if not self.greenhouse.has(n))
        if missing:
            reason = f"the simulator has no /_sim/{', /_sim/'.join(missing)} API"
            return Result(scenario, "skip", 0.0, reason)
        run = Run(scenario, since=self._calls_seq())
        # Each scenario starts its choices at its own place, however many run at
        # once, so scenarios spread over the world's jobs and runs repeat.
        start = zlib.crc32(scenario.name.encode())
        self.picker = Picker(self.greenhouse, start, owner=f"{id(run)}")
        try:
            return self._steps(run, started)
        finally:
            self.picker.release()
            self._remove_faults(run)

    def _remove_faults(self, run: Run) -> None:
        """A scenario's faults end with it, passed or not."""
        for fault_id in run.faults.values():
            try:
                self.greenhouse.control(f"/faults/{fault_id}", method="DELETE")
            except (GreenhouseRefused, httpx.HTTPError):
                continue

    def _steps(self, run: Run, started: float) -> Result:
        scenario = run.scenario
        for step in scenario.steps:
            run.timeline.append(f"  {step.describe()}")
            try:
                ACTIONS[step.kind](self, run, step)
            except Exception as exc:
                return self._stopped(run, step, exc, time.monotonic() - started)
        return Result(
            scenario, "pass", time.monotonic() - started, timeline=run.timeline
        )

    def _stopped(self, run: Run, step: Step, exc: Exception, seconds: float) -> Result:
        if isinstance(exc, (StepFailed, GreenhouseRefused)):
            outcome: Outcome = "fail"
        elif isinstance(exc, (ScenarioUnrunnable, TargetUnreadable)):
            outcome = "error"
        else:
            raise exc
        run.timeline[-1] = "✗" + run.timeline[-1][1:]
        run.timeline.append(f"    {exc}")
        return Result(
            run.scenario,
            outcome,
            seconds,
            failure=f"{step.describe()}: {exc}",
            step=step.number,
            timeline=run.timeline,
            deliveries=self._deliveries(run),
        )

    def _calls_seq(self) -> int:
        try:
            return int(self.greenhouse.harvest_calls("", 1 << 62)["last_seq"])
        except GreenhouseRefused:
            return 0

    def _deliveries(self, run: Run) -> list[dict[str, Any]]:
        """Every delivery about the scenario's applications, oldest first."""
        found: dict[int, dict[str, Any]] = {}
        for app in run.known.values():
            try:
                for delivery in self.greenhouse.deliveries(app.id):
                    found[delivery["id"]] = delivery
            except (GreenhouseRefused, httpx.HTTPError):
                continue
        return [found[key] for key in sorted(found)]

    # -- services the steps share ----------------------------------------------

    def unique_email(self, name: str) -> str:
        with _emails_lock:
            serial = next(_emails)
        return f"ghsim.{name}.{serial}.{time.time_ns()}@example.com"

    def settle(self, app: Known, deadline: float) -> None:
        """Wait until no delivery about the application is still in flight."""
        while self.greenhouse.pending_deliveries(app.id):
            if time.monotonic() >= deadline:
                return
            time.sleep(POLL_SECONDS)

    def settled(self, delivery_ids: list[int]) -> list[dict[str, Any]]:
        deadline = time.monotonic() + self.timeout
        while True:
            deliveries = [self.greenhouse.delivery(i) for i in delivery_ids]
            if all(d["state"] != "pending" for d in deliveries):
                return deliveries
            if time.monotonic() >= deadline:
                raise StepFailed(f"deliveries {delivery_ids} still pending")
            time.sleep(POLL_SECONDS)

    def reconcile(self, app: Known) -> None:
        hook = self.target.reconcile if self.target else None
        if hook is None:
            raise ScenarioUnrunnable(
                "the target config has no reconcile hook to ask the target to "
                "re-read an application"
            )
        url = hook.url.format(target=self.target_url.rstrip("/"), **app.fields())
        try:
            response = self._hooks.request(hook.method, url)
        except httpx.HTTPError as exc:
            raise TargetUnreadable(f"reconcile {url}: {exc}") from None
        if response.status_code >= 400:
            raise StepFailed(
                f"reconcile {url} answered {response.status_code}: "
                f"{response.text[:200]}"
            )
