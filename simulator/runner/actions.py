"""The recruiter's actions a scenario step can take, each through Greenhouse's API.

Actions Greenhouse offers through Harvest go through Harvest (with On-Behalf-Of);
those it has no API for (unhire, adding a referral by hand) go through the
simulator's control API; webhook, clock and fault switches use the control API
of the simulator's contract (a simulator without it skips the scenario).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from simulator.runner.greenhouse import GreenhouseRefused
from simulator.runner.known import Known
from simulator.runner.scenario import Step

if TYPE_CHECKING:
    from simulator.runner.engine import Engine, Run


class StepFailed(Exception):
    """A step could not be done, or an expectation was not met in time."""


Action = Callable[["Engine", "Run", Step], None]
ACTIONS: dict[str, Action] = {}


def action(kind: str) -> Callable[[Action], Action]:
    def register(function: Action) -> Action:
        ACTIONS[kind] = function
        return function

    return register


# -- creating applications -----------------------------------------------------


@action("apply")
def apply(engine: Engine, run: Run, step: Step) -> None:
    gh = engine.greenhouse
    token = step.args.get("board") or gh.integration_board
    post_id = step.args.get("post", "any")
    if not isinstance(post_id, int):
        post_id = engine.picker.post(token, later=post_id == "later")
    email = engine.unique_email(step.application)
    fields: dict[str, Any] = {
        "first_name": step.args.get("first_name", step.application.capitalize()),
        "last_name": step.args.get("last_name", "Scenario"),
        "email": email,
        "resume_text": "Applied through the ghsim scenario runner.",
    }
    if "tracking_link" in step.args:
        fields["mapped_url_token"] = step.args["tracking_link"]
    gh.apply(token, post_id, fields)
    candidates = gh.get("/v1/candidates", email=email)
    if len(candidates) != 1:
        raise StepFailed(
            f"expected one candidate with e-mail {email}, found {len(candidates)}"
        )
    application = candidates[0]["applications"][0]
    run.known[step.application] = Known(
        application["id"],
        candidates[0]["id"],
        application["jobs"][0]["id"],
        application["job_post_id"],
    )


@action("add")
def add(engine: Engine, run: Run, step: Step) -> None:
    job = step.args.get("job", "any")
    unlike = run.known[step.args["unlike"]].job_id if "unlike" in step.args else None
    job_id = job if isinstance(job, int) else engine.picker.job(job, not_=unlike)
    created = engine.greenhouse.control("/candidates", {"job_id": job_id})
    run.known[step.application] = Known(
        created["application_id"], created["candidate_id"], job_id, None
    )


@action("prospect")
def prospect(engine: Engine, run: Run, step: Step) -> None:
    job = step.args.get("job", "none")
    job_ids = [] if job == "none" else [job if isinstance(job, int) else None]
    if job_ids == [None]:
        job_ids = [engine.picker.job("any")]
    body: dict[str, Any] = {
        "first_name": step.application.capitalize(),
        "last_name": "Prospect",
        "email_addresses": [
            {"value": engine.unique_email(step.application), "type": "personal"}
        ],
        "application": {"job_ids": job_ids},
    }
    candidate = engine.greenhouse.write("/v1/prospects", body)
    application = candidate["applications"][0]
    jobs = application.get("jobs") or []
    run.known[step.application] = Known(
        application["id"], candidate["id"], jobs[0]["id"] if jobs else None, None
    )


@action("convert")
def convert(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    job = step.args.get("job", "same" if app.job_id else "any")
    if job == "same":
        job = app.job_id
    job_id = job if isinstance(job, int) else engine.picker.job("any")
    answer = engine.greenhouse.write(
        f"/v1/applications/{app.id}/convert_prospect",
        {"job_id": job_id},
        method="PATCH",
    )
    run.known[step.application] = Known(
        answer["new_application_id"], app.candidate_id, answer["new_job_id"], None
    )


# -- moving an application -------------------------------------------------------


def current_stage(engine: Engine, app: Known) -> int:
    stage = engine.greenhouse.get(f"/v1/applications/{app.id}")["current_stage"]
    if stage is None:
        raise StepFailed(f"application {app.id} has no current stage")
    return int(stage["id"])


def stage_named(engine: Engine, job_id: int | None, name: str) -> int:
    stages = engine.greenhouse.get(f"/v1/jobs/{job_id}/stages")
    found = next((s for s in stages if s["name"] == name), None)
    if found is None:
        names = ", ".join(s["name"] for s in stages)
        raise StepFailed(f"job {job_id} has no stage {name!r} ({names})")
    return int(found["id"])


@action("advance")
def advance(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    body = {"from_stage_id": current_stage(engine, app)}
    engine.greenhouse.write(f"/v1/applications/{app.id}/advance", body)


@action("move")
def move(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    body = {
        "from_stage_id": current_stage(engine, app),
        "to_stage_id": stage_named(engine, app.job_id, step.args["to"]),
    }
    engine.greenhouse.write(f"/v1/applications/{app.id}/move", body)


@action("transfer")
def transfer(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    job = step.args.get("to_job", "any")
    job_id = job if isinstance(job, int) else engine.picker.job("any", not_=app.job_id)
    body: dict[str, Any] = {"new_job_id": job_id}
    if "stage" in step.args:
        body["new_stage_id"] = stage_named(engine, job_id, step.args["stage"])
    engine.greenhouse.write(f"/v1/applications/{app.id}/transfer_to_job", body)
    app.job_id, app.job_post_id = job_id, None


@action("reject")
def reject(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    body: dict[str, Any] = {}
    if "reason" in step.args:
        reasons = engine.greenhouse.get_all("/v1/rejection_reasons")
        match = [r for r in reasons if r["name"] == step.args["reason"]]
        if not match:
            raise StepFailed(f"no rejection reason named {step.args['reason']!r}")
        body["rejection_reason_id"] = match[0]["id"]
    engine.greenhouse.write(f"/v1/applications/{app.id}/reject", body)


@action("unreject")
def unreject(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    engine.greenhouse.write(f"/v1/applications/{app.id}/unreject", {})


@action("hire")
def hire(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    engine.greenhouse.write(f"/v1/applications/{app.id}/hire", {})


@action("unhire")
def unhire(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    engine.greenhouse.control(f"/applications/{app.id}/unhire")


# -- the candidate ---------------------------------------------------------------


@action("merge")
def merge(engine: Engine, run: Run, step: Step) -> None:
    duplicate = run.known[step.application]
    primary = run.known[step.args["into"]]
    body = {
        "primary_candidate_id": primary.candidate_id,
        "duplicate_candidate_id": duplicate.candidate_id,
    }
    engine.greenhouse.write("/v1/candidates/merge", body, method="PUT")
    # The duplicate's applications now belong to the primary candidate.
    for known in run.known.values():
        if known.candidate_id == body["duplicate_candidate_id"]:
            known.candidate_id = primary.candidate_id


@action("anonymize")
def anonymize(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    fields = step.args.get("fields") or ["full_name", "email_addresses"]
    engine.greenhouse.write(
        f"/v1/candidates/{app.candidate_id}/anonymize",
        {},
        method="PUT",
        params={"fields": ",".join(fields)},
    )


@action("forge")
def forge(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    body = {"application_id": app.id, "action": step.args["action"]}
    if "status" in step.args:
        body["status"] = step.args["status"]
    sent = engine.greenhouse.control("/webhooks/forge", body)["deliveries"]
    if not sent:
        raise StepFailed(f"no webhook is configured for {step.args['action']!r}")
    # A forged webhook that never reached the target would prove nothing.
    for delivery in engine.settled(sent):
        if delivery["response_status"] is None:
            raise StepFailed(
                f"the forged webhook never reached the target: {delivery['error']}"
            )


@action("reconcile")
def reconcile(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    engine.reconcile(app)


# -- switches: webhooks, clock, faults, time ---------------------------------------


def _webhooks_named(engine: Engine, name: str) -> list[str]:
    hooks = engine.greenhouse.control("/webhooks", method="GET")
    rows = hooks if isinstance(hooks, list) else hooks.get("webhooks", [])
    named = [h["name"] for h in rows if name in (h.get("name"), h.get("action"))]
    if not named:
        raise StepFailed(f"no webhook is named {name!r} or sends that action")
    return named


def _switch_webhooks(engine: Engine, step: Step, active: bool) -> None:
    for name in _webhooks_named(engine, step.args["webhook"]):
        engine.greenhouse.control(
            f"/webhooks/{name}", {"active": active}, method="PATCH"
        )


@action("disable_webhook")
def disable_webhook(engine: Engine, run: Run, step: Step) -> None:
    _switch_webhooks(engine, step, active=False)


@action("enable_webhook")
def enable_webhook(engine: Engine, run: Run, step: Step) -> None:
    _switch_webhooks(engine, step, active=True)


UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def seconds_of(value: float | str) -> float:
    """`90`, `"90 s"`, `"15 minutes"`, `"2 hours"` as seconds."""
    if not isinstance(value, str):
        return float(value)
    match = re.fullmatch(r"([0-9.]+) *([smhd])[a-z]*", value.strip())
    if match is None:
        raise StepFailed(f"{value!r} is not a duration")
    return float(match.group(1)) * UNITS[match.group(2)]


@action("clock")
def clock(engine: Engine, run: Run, step: Step) -> None:
    seconds = seconds_of(step.args["advance"])
    engine.greenhouse.control("/clock/advance", {"seconds": seconds})


@action("wait")
def wait(engine: Engine, run: Run, step: Step) -> None:
    seconds = seconds_of(step.args["seconds"])
    if engine.greenhouse.has("clock"):
        engine.greenhouse.control("/clock/advance", {"seconds": seconds})
    else:
        time.sleep(min(seconds, engine.timeout))
    for app in run.known.values():
        engine.settle(app, time.monotonic() + engine.timeout)


@action("fault")
def fault(engine: Engine, run: Run, step: Step) -> None:
    body = {k: v for k, v in step.args.items() if k != "as"}
    created = engine.greenhouse.control("/faults", body)
    run.faults[str(step.args.get("as", f"step {step.number}"))] = str(created["id"])


@action("fault_off")
def fault_off(engine: Engine, run: Run, step: Step) -> None:
    name = step.args["fault"]
    if name == "all":
        ids = list(run.faults.values())
    elif name in run.faults:
        ids = [run.faults[name]]
    else:
        raise StepFailed(f"no earlier fault step is named {name!r}")
    for fault_id in ids:
        try:
            engine.greenhouse.control(f"/faults/{fault_id}", method="DELETE")
        except GreenhouseRefused as refused:
            # A fault limited by `count` leaves once spent: already off.
            if refused.status != 404:
                raise
            run.note(step, f"fault {fault_id} was already spent")
        run.faults = {k: v for k, v in run.faults.items() if v != fault_id}
