"""Running a scenario: drive Greenhouse, wait for the target to settle, compare.

Every scenario makes its own applications (through the board, or by hand), so
scenarios never share state and need no reset between them. An expectation first
waits until the simulator has no delivery in flight, then polls the target until
it shows the expected status or the time runs out.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from simulator.runner.greenhouse import Greenhouse, GreenhouseRefused
from simulator.runner.picking import Picker, ScenarioUnrunnable
from simulator.runner.probe import TargetProbe
from simulator.runner.scenario import Scenario, Step

POLL_SECONDS = 0.05


class StepFailed(Exception):
    """A step could not be done, or an expectation was not met in time."""


@dataclass
class Known:
    """What the runner knows of an application a scenario created."""

    id: int
    candidate_id: int
    job_id: int
    job_post_id: int | None


Outcome = Literal["pass", "fail", "error"]


@dataclass
class Result:
    scenario: Scenario
    outcome: Outcome
    seconds: float
    failure: str | None = None

    @property
    def passed(self) -> bool:
        return self.outcome == "pass"


@dataclass
class Engine:
    greenhouse: Greenhouse
    probe: TargetProbe
    timeout: float = 10.0
    _serial: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self.picker = Picker(self.greenhouse)

    def run(self, scenario: Scenario) -> Result:
        started = time.monotonic()
        known: dict[str, Known] = {}
        for step in scenario.steps:
            try:
                self._do(step, known)
            except (StepFailed, GreenhouseRefused, ScenarioUnrunnable) as exc:
                outcome: Outcome = "fail"
                if isinstance(exc, ScenarioUnrunnable):
                    outcome = "error"
                seconds = time.monotonic() - started
                failure = f"{step.describe()}: {exc}"
                return Result(scenario, outcome, seconds, failure)
        return Result(scenario, "pass", time.monotonic() - started)

    def _do(self, step: Step, known: dict[str, Known]) -> None:
        handler: Callable[[Step, dict[str, Known]], None] = getattr(
            self, f"_{step.kind}"
        )
        handler(step, known)

    # -- creating applications -------------------------------------------------

    def _apply(self, step: Step, known: dict[str, Known]) -> None:
        token = step.args.get("board") or self.greenhouse.integration_board
        post_id = step.args.get("post", "any")
        if not isinstance(post_id, int):
            post_id = self.picker.post(token, later=post_id == "later")
        serial = next(self._serial)
        email = (
            f"ghsim.{step.application}.{serial}.{int(time.time() * 1000)}@example.com"
        )
        form = {
            "first_name": step.application.capitalize(),
            "last_name": f"Scenario{serial}",
            "email": email,
            "resume_text": "Applied through the ghsim scenario runner.",
        }
        if "tracking" in step.args:  # the gh_src the candidate arrived with
            form["mapped_url_token"] = step.args["tracking"]
        self.greenhouse.apply(token, post_id, form)
        candidates = self.greenhouse.get("/v1/candidates", email=email)
        if len(candidates) != 1:
            raise StepFailed(
                f"expected one candidate with e-mail {email}, found {len(candidates)}"
            )
        application = candidates[0]["applications"][0]
        known[step.application] = Known(
            application["id"],
            candidates[0]["id"],
            application["jobs"][0]["id"],
            application["job_post_id"],
        )

    def _add(self, step: Step, known: dict[str, Known]) -> None:
        job = step.args.get("job", "any")
        job_id = job if isinstance(job, int) else self.picker.job(job)
        created = self.greenhouse.control("/candidates", {"job_id": job_id})
        known[step.application] = Known(
            created["application_id"], created["candidate_id"], job_id, None
        )

    # -- recruiter actions -----------------------------------------------------

    def _current_stage(self, app: Known) -> int:
        stage = self.greenhouse.get(f"/v1/applications/{app.id}")["current_stage"]
        if stage is None:
            raise StepFailed(f"application {app.id} has no current stage")
        return int(stage["id"])

    def _advance(self, step: Step, known: dict[str, Known]) -> None:
        app = known[step.application]
        body = {"from_stage_id": self._current_stage(app)}
        self.greenhouse.write(f"/v1/applications/{app.id}/advance", body)

    def _move(self, step: Step, known: dict[str, Known]) -> None:
        app = known[step.application]
        stages = self.greenhouse.get(f"/v1/jobs/{app.job_id}/stages")
        target = next((s for s in stages if s["name"] == step.args["to"]), None)
        if target is None:
            names = ", ".join(s["name"] for s in stages)
            raise StepFailed(
                f"job {app.job_id} has no stage {step.args['to']!r} ({names})"
            )
        body = {"from_stage_id": self._current_stage(app), "to_stage_id": target["id"]}
        self.greenhouse.write(f"/v1/applications/{app.id}/move", body)

    def _reject(self, step: Step, known: dict[str, Known]) -> None:
        app = known[step.application]
        body: dict[str, Any] = {}
        if "reason" in step.args:
            reasons = self.greenhouse.get_all("/v1/rejection_reasons")
            match = [r for r in reasons if r["name"] == step.args["reason"]]
            if not match:
                raise StepFailed(f"no rejection reason named {step.args['reason']!r}")
            body["rejection_reason_id"] = match[0]["id"]
        self.greenhouse.write(f"/v1/applications/{app.id}/reject", body)

    def _unreject(self, step: Step, known: dict[str, Known]) -> None:
        app = known[step.application]
        self.greenhouse.write(f"/v1/applications/{app.id}/unreject", {})

    def _hire(self, step: Step, known: dict[str, Known]) -> None:
        app = known[step.application]
        self.greenhouse.write(f"/v1/applications/{app.id}/hire", {})

    def _unhire(self, step: Step, known: dict[str, Known]) -> None:
        app = known[step.application]
        self.greenhouse.control(f"/applications/{app.id}/unhire")

    def _forge(self, step: Step, known: dict[str, Known]) -> None:
        app = known[step.application]
        body = {"application_id": app.id, "action": step.args["action"]}
        if "status" in step.args:
            body["status"] = step.args["status"]
        sent = self.greenhouse.control("/webhooks/forge", body)["deliveries"]
        if not sent:
            raise StepFailed(f"no webhook is configured for {step.args['action']!r}")
        # A forged webhook that never reached the target would prove nothing.
        for delivery in self._settled(sent):
            if delivery["response_status"] is None:
                raise StepFailed(
                    f"the forged webhook never reached the target: {delivery['error']}"
                )

    def _settled(self, delivery_ids: list[int]) -> list[dict[str, Any]]:
        deadline = time.monotonic() + self.timeout
        while True:
            deliveries = [self.greenhouse.delivery(i) for i in delivery_ids]
            if all(d["state"] != "pending" for d in deliveries):
                return deliveries
            if time.monotonic() >= deadline:
                raise StepFailed(f"deliveries {delivery_ids} still pending")
            time.sleep(POLL_SECONDS)

    # -- expectations ------------------------------------------------------------

    def _expected_post(self, step: Step, app: Known) -> int:
        post = step.args.get("post")
        if isinstance(post, int):
            return post
        if post == "applied" or (post is None and app.job_post_id is not None):
            if app.job_post_id is None:
                raise StepFailed(
                    f"application {app.id} was not made through a job post"
                )
            return app.job_post_id
        first = self.picker.first_post(app.job_id)
        if first is None:
            raise StepFailed(f"job {app.job_id} has no job posts")
        return first

    def _expect(self, step: Step, known: dict[str, Known]) -> None:
        app = known[step.application]
        post_id = self._expected_post(step, app)
        deadline = time.monotonic() + float(step.args.get("within", self.timeout))
        while self.greenhouse.pending_deliveries() and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
        while True:
            shown = self.probe.status(app.candidate_id, post_id)
            problem = _mismatch(step.args, shown)
            if problem is None:
                return
            if time.monotonic() >= deadline:
                raise StepFailed(
                    f"candidate {app.candidate_id} on job post {post_id}: {problem}"
                    + self._delivery_story(app)
                )
            time.sleep(POLL_SECONDS)

    def _delivery_story(self, app: Known) -> str:
        """What was sent about the application, and how the target answered."""
        lines = []
        for d in self.greenhouse.deliveries(app.id)[-8:]:
            answer = d["response_status"] or d["error"] or d["state"]
            lines.append(f"\n        delivery {d['id']} {d['action']}: {answer}")
        return "".join(lines) or "\n        (no webhook was sent about it)"


def _mismatch(expected: dict[str, Any], shown: dict[str, Any] | None) -> str | None:
    status = expected["status"]
    if shown is None:
        return None if status == "none" else f"expected {status}, target shows nothing"
    if status == "none":
        return f"expected no status, target shows {shown.get('status')!r}"
    for key, field_name in (
        ("status", "status"),
        ("stage", "stage"),
        ("reason", "rejection_reason"),
        ("source", "source"),
    ):
        if key in expected and shown.get(field_name) != expected[key]:
            seen = shown.get(field_name)
            return f"expected {key} {expected[key]!r}, target shows {seen!r}"
    return None
