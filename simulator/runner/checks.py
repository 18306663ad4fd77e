"""Expectations: what the target shows (`expect`, `never`) and the Harvest calls it
made (`calls`).

`expect` is eventual: it waits for the application's deliveries to settle, then
reads the target until it shows the status or the time runs out. `never` waits the
same way and then keeps reading for `within` seconds, failing on the first sight
of the status. `calls` counts the target's own Harvest requests since the scenario
began, matched by method and path (with `{name}` standing for an id).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from simulator.runner.actions import ACTIONS, StepFailed
from simulator.runner.known import Known
from simulator.runner.scenario import TEMPLATE, Step

if TYPE_CHECKING:
    from simulator.runner.engine import Engine, Run

POLL_SECONDS = 0.02
NEVER_SECONDS = 0.3


def expected_post(engine: Engine, step: Step, app: Known) -> int | None:
    post = step.args.get("post")
    if isinstance(post, int):
        return post
    if post == "applied" or (post is None and app.job_post_id is not None):
        if app.job_post_id is None:
            raise StepFailed(f"application {app.id} was not made through a job post")
        return app.job_post_id
    if app.job_id is None:
        return None  # a prospect on no job
    first = engine.picker.first_post(app.job_id)
    if first is None:
        raise StepFailed(f"job {app.job_id} has no job posts")
    return first


def mismatch(expected: dict[str, Any], shown: dict[str, Any] | None) -> str | None:
    status = expected["status"]
    if shown is None:
        return None if status == "none" else f"expected {status}, target shows nothing"
    if status == "none":
        return f"expected no status, target shows {shown.get('status')!r}"
    for key in ("status", "stage", "reason", "source"):
        if key in expected and shown.get(key) != expected[key]:
            seen = shown.get(key)
            return f"expected {key} {expected[key]!r}, target shows {seen!r}"
    return None


def _where(app: Known, post_id: int | None) -> str:
    return f"candidate {app.candidate_id} on job post {post_id}"


def expect(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    post_id = expected_post(engine, step, app)
    deadline = time.monotonic() + float(step.args.get("within", engine.timeout))
    engine.settle(app, deadline)
    while True:
        shown = engine.probe.status(app, post_id)
        problem = mismatch(step.args, shown)
        if problem is None:
            run.note(step, f"target shows {shown or 'nothing'}")
            return
        if time.monotonic() >= deadline:
            run.seen = shown
            raise StepFailed(f"{_where(app, post_id)}: {problem}")
        time.sleep(POLL_SECONDS)


def never(engine: Engine, run: Run, step: Step) -> None:
    app = run.known[step.application]
    post_id = expected_post(engine, step, app)
    engine.settle(app, time.monotonic() + engine.timeout)
    until = time.monotonic() + float(step.args.get("within", NEVER_SECONDS))
    forbidden = {k: v for k, v in step.args.items() if k in ("status", "stage")}
    while True:
        shown = engine.probe.status(app, post_id)
        if mismatch(forbidden, shown) is None:
            run.seen = shown
            raise StepFailed(
                f"{_where(app, post_id)}: target shows {shown or 'nothing'}, "
                f"which must never appear"
            )
        if time.monotonic() >= until:
            run.note(step, f"target shows {shown or 'nothing'}")
            return
        time.sleep(POLL_SECONDS)


def _request(run: Run, template: str) -> tuple[str, str]:
    def value(match: Any) -> str:
        fields = run.known[match.group(1)].fields()
        return str(fields[match.group(2) or "id"])

    method, _, path = TEMPLATE.sub(value, template).partition(" ")
    return method, path


def _count(engine: Engine, run: Run, step: Step) -> int:
    answer = engine.greenhouse.harvest_calls(engine.greenhouse.target_key, run.since)
    wanted = _request(run, step.args["request"]) if "request" in step.args else None
    count = 0
    for call in answer["calls"]:
        if wanted and (call["method"], call["path"]) != wanted:
            continue
        if "status" in step.args and call["status"] != step.args["status"]:
            continue
        count += 1
    return count


def calls(engine: Engine, run: Run, step: Step) -> None:
    least = int(step.args.get("at_least", 0 if "at_most" in step.args else 1))
    most = step.args.get("at_most")
    deadline = time.monotonic() + float(step.args.get("within", engine.timeout))
    for app in run.known.values():
        engine.settle(app, deadline)
    what = step.args.get("request", "Harvest calls")
    if "status" in step.args:
        what += f" answered {step.args['status']}"
    while True:
        count = _count(engine, run, step)
        if most is not None and count > most:
            raise StepFailed(f"the target made {count} {what}; at most {most} allowed")
        if count >= least:
            run.note(step, f"the target made {count} {what}")
            return
        if time.monotonic() >= deadline:
            raise StepFailed(f"the target made {count} {what}; at least {least} needed")
        time.sleep(POLL_SECONDS)


ACTIONS.update({"expect": expect, "never": never, "calls": calls})
