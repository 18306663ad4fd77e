"""`run_scenarios` with real servers on loopback: the bundled scenarios pass against
the reference target, and each deliberately broken target is caught by exactly the
scenarios written for its mistake.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import click
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from simulator.runner.scenario import Scenario, load_scenarios
from simulator.runner.servers import ServerThread, bind_loopback
from simulator.runner.session import RunOptions, run_scenarios, target_settings
from simulator.setup import load_setup
from simulator.target import app as reference
from simulator.target.app import Target

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "targets" / "reference.yaml"
SCENARIOS = ROOT / "scenarios"
SETUP = load_setup(ROOT / "fixtures" / "integration.yaml")
SEED, SIZE = 3, 60
BUNDLED = len(list(SCENARIOS.rglob("*.yaml")))
# Where a broken target reads Harvest until the runner says where the simulator is.
NOWHERE = "http://127.0.0.1:9"


# -- broken targets ------------------------------------------------------------------


class LowestIdPost(Target):
    """Takes the job's lowest post id for its first post, ignoring creation."""

    async def first_post(self, job_id: int) -> int | None:
        posts = await self.harvest_get(f"/v1/jobs/{job_id}/job_posts")
        return min((post["id"] for post in posts), default=None)


class FirstPostAlways(Target):
    """Puts every status on the job's first post, ignoring the post applied to."""

    async def job_post_of(self, application: dict[str, Any]) -> int | None:
        jobs = application.get("jobs") or []
        return await self.first_post(jobs[0]["id"]) if jobs else None


def target_app(target: Target, webhook: Callable[..., Any]) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await target.start()
        try:
            yield
        finally:
            await target.stop()

    app = Starlette(
        routes=[
            Route("/webhooks/greenhouse", webhook, methods=["POST"]),
            Route("/api/candidates/{id:int}/statuses", reference.candidate_statuses),
            Route(
                "/api/reconcile/applications/{id:int}",
                reference.reconcile_application,
                methods=["POST"],
            ),
        ],
        lifespan=lifespan,
    )
    app.state.target = target
    return app


# -- running -------------------------------------------------------------------------


class Transcript:
    """The runner's output, unstyled; it also tells the target where Harvest is."""

    def __init__(self, target: Target | None = None) -> None:
        self.lines: list[str] = []
        self.target = target

    def __call__(self, line: str) -> None:
        self.lines.extend(click.unstyle(line).splitlines())
        if line.startswith("simulator on ") and self.target is not None:
            assert self.target.harvest is not None
            self.target.harvest.base_url = line.split()[2]

    def named(self, mark: str) -> set[str]:
        return {line.split()[1] for line in self.lines if line.startswith(mark)}

    @property
    def ran(self) -> int:
        return len(self.named("PASS") | self.named("FAIL"))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def options(**overrides: Any) -> RunOptions:
    given: dict[str, Any] = {"scenarios": [SCENARIOS], "timeout": 1.5, **overrides}
    return RunOptions(setup=SETUP, seed=SEED, size=SIZE, **given)


def test_run__bundled_scenarios_pass_against_the_reference_target() -> None:
    transcript = Transcript()

    status = run_scenarios(options(timeout=10.0), transcript)

    assert status == 0, transcript.text
    assert len(transcript.named("PASS")) == BUNDLED
    assert transcript.named("FAIL") == set()
    assert transcript.named("SKIP") == set()
    assert f"{BUNDLED} passed, 0 failed, {BUNDLED} scenarios" in transcript.text


def flawed(tmp_path: Path, *flaws: str) -> Path:
    """A target file: the reference target, started with these flaws."""
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "name: reference", f"name: broken\nflaws: [{', '.join(flaws)}]"
    )
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("flaw", "failing"),
    [
        pytest.param(
            "status-from-stage",
            {
                "rejected-at-offer",
                "hire-then-unhire",
                "anonymize-keeps-status",
                "reconcile-reads-harvest",
                "unhire-right-after-hire",
            },
            id="status-from-stage",
        ),
        pytest.param(
            "duplicates-by-action",
            {"hire-unhire-rehire", "duplicate-stage-change"},
            id="duplicates-by-action",
        ),
        pytest.param("skips-signature", {"forged-signature"}, id="skips-signature"),
    ],
)
def test_run__each_flawed_reference_target_fails_exactly_its_scenarios(
    tmp_path: Path, flaw: str, failing: set[str]
) -> None:
    transcript = Transcript()
    report = tmp_path / "report.json"

    status = run_scenarios(
        options(target_config=flawed(tmp_path, flaw), json=report), transcript
    )

    assert status == 1, transcript.text
    assert transcript.named("FAIL") == failing, transcript.text
    assert f"with flaws {flaw}" in transcript.text
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["exit_status"] == 1
    assert {s["name"] for s in written["scenarios"] if s["outcome"] == "fail"} == (
        failing
    )


# Scenarios in which two deliveries about one application are in flight at once:
# Greenhouse (and ghsim, on parallel workers) may deliver them in either order.
# Steps that observe the target and send nothing.
OBSERVING = {"expect", "never", "calls"}


def _racing(scenario: Scenario) -> bool:
    """Whether two webhooks about one application go out with no `expect` between
    them: sent side by side (as Greenhouse sends them), they may land in either
    order, and a target that trusts the order of arrival may then show the older.
    An `expect` waits until the target shows the later state, so it ends a race.
    """
    sent: set[str] = set()
    for step in scenario.steps:
        if step.kind == "expect":
            sent.clear()
            continue
        name = step.args.get("as") or step.args.get("application")
        if step.kind in OBSERVING or not isinstance(name, str):
            continue
        if name in sent:
            return True
        sent.add(name)
    return False


RACING = {s.name for s in load_scenarios([SCENARIOS]) if _racing(s)}


def test_racing__names_the_scenarios_with_back_to_back_deliveries() -> None:
    assert {"hire-then-unhire", "no-post-lands-on-first-post"} <= RACING
    assert not RACING & {"forged-signature", "apply-then-hire", "applied-post-is-kept"}


def test_run__a_target_trusting_event_order_fails_the_late_retry(
    tmp_path: Path,
) -> None:
    transcript = Transcript()

    status = run_scenarios(
        options(target_config=flawed(tmp_path, "trusts-event-order")), transcript
    )

    assert status == 1, transcript.text
    failed = transcript.named("FAIL")
    # Always: a retry lands after a later event (a fault makes it so).
    assert "retry-lands-after-later-event" in failed, transcript.text
    # Sometimes also a race of two deliveries; never anything else.
    assert failed - {"retry-lands-after-later-event"} <= RACING, transcript.text


@pytest.mark.parametrize(
    ("target_class", "webhook", "failing", "because"),
    [
        pytest.param(Target, reference.receive_webhook, set(), "", id="reference-copy"),
        pytest.param(
            LowestIdPost,
            reference.receive_webhook,
            # A hand-added application and a converted prospect land on the
            # job's first post, which for these jobs is not the lowest id.
            {"no-post-lands-on-first-post", "prospect-has-no-status"},
            "post: first): candidate",
            id="lowest-id-post",
        ),
        pytest.param(
            FirstPostAlways,
            reference.receive_webhook,
            # applied-post-is-kept always; with this seed each scenario's own
            # rotation lands four others on a post that is not its job's first.
            {
                "applied-post-is-kept",
                "anonymize-keeps-status",
                "duplicate-stage-change",
                "reconcile-reads-harvest",
                "retry-lands-after-later-event",
            },
            "target shows nothing",
            id="first-post-always",
        ),
    ],
)
def test_run__a_target_on_its_own_port_fails_exactly_where_it_is_wrong(
    target_class: type[Target],
    webhook: Callable[..., Any],
    failing: set[str],
    because: str,
) -> None:
    target = target_class(target_settings(SETUP, NOWHERE))
    transcript = Transcript(target)

    with ServerThread(target_app(target, webhook), bind_loopback(), name="t") as srv:
        status = run_scenarios(options(target_url=srv.url, jobs=1), transcript)

    assert status == (1 if failing else 0)
    assert transcript.named("FAIL") == failing, transcript.text
    assert len(transcript.named("PASS")) == BUNDLED - len(failing)
    assert "reference target on" not in transcript.text
    reasons = [line for line in transcript.lines if line.startswith("      step ")]
    assert len(reasons) == len(failing)
    assert all(because in reason for reason in reasons), reasons


def test_run__unreachable_target_exits_2() -> None:
    closed = bind_loopback()
    url = "http://{}:{}".format(*closed.getsockname())
    closed.close()
    transcript = Transcript()

    status = run_scenarios(options(target_url=url, timeout=1.0), transcript)

    assert status == 2
    assert f"error: cannot reach the target at {url}" in transcript.text
    assert transcript.named("PASS") == set()


def test_run__bad_scenario_file_exits_2_before_starting_servers(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nsteps:\n  - teleport: a\n", encoding="utf-8")
    transcript = Transcript()

    status = run_scenarios(options(scenarios=[SCENARIOS, bad]), transcript)

    assert status == 2
    assert transcript.lines[0].startswith(
        f"error: {bad}:3: step 1: unknown action 'teleport'"
    )
    assert "simulator on" not in transcript.text


def test_run__simulator_without_target_is_a_usage_error() -> None:
    transcript = Transcript()

    with pytest.raises(
        click.UsageError, match=r"--simulator \(or GHSIM_SIMULATOR_URL\) needs --target"
    ):
        run_scenarios(options(simulator_url="http://127.0.0.1:9"), transcript)

    assert transcript.lines == []


OWN_WORLD = """\
name: {name}
checks: Reject, then unreject, on a world of its own.
setup: {setup}
steps:
  - apply: {{as: omar}}
  - reject: omar
  - expect: {{application: omar, status: rejected}}
  - unreject: omar
  - expect: {{application: omar, status: active}}
"""


def own_world(tmp_path: Path, name: str, setup: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(OWN_WORLD.format(name=name, setup=setup), encoding="utf-8")
    return path


def test_run__a_scenario_with_its_own_seed_and_fixtures_gets_its_own_world(
    tmp_path: Path,
) -> None:
    fixtures = tmp_path / "setup.yaml"
    fixtures.write_text(
        (ROOT / "fixtures" / "integration.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    seeded = own_world(tmp_path, "own-seed", "{seed: 9}")
    both = own_world(tmp_path, "own-fixtures", "{seed: 9, fixtures: setup.yaml}")
    plain = SCENARIOS / "reject" / "reject-then-unreject.yaml"
    transcript = Transcript()

    status = run_scenarios(options(scenarios=[seeded, plain, both]), transcript)

    assert status == 0, transcript.text
    worlds = [line for line in transcript.lines if line.startswith("simulator on ")]
    assert len(worlds) == 3, transcript.text
    assert f"(seed {SEED}," in worlds[0]
    assert "(seed 9," in worlds[1] and "(seed 9," in worlds[2]
    assert transcript.named("PASS") == {
        "own-seed",
        "own-fixtures",
        "reject-then-unreject",
    }


def test_run__missing_own_fixtures_is_exit_2_naming_file_and_line(
    tmp_path: Path,
) -> None:
    path = own_world(tmp_path, "lost", "{fixtures: nowhere.yaml}")
    transcript = Transcript()

    status = run_scenarios(options(scenarios=[path]), transcript)

    assert status == 2
    assert f"{path}:3: setup, field fixtures: no file" in transcript.text
    assert "simulator on" not in transcript.text


def test_run__own_seed_against_a_target_already_running_is_exit_2(
    tmp_path: Path,
) -> None:
    path = own_world(tmp_path, "mine", "{seed: 4}")
    transcript = Transcript()

    status = run_scenarios(options(scenarios=[path], target_url=NOWHERE), transcript)

    assert status == 2
    assert "sets its own seed or fixtures" in transcript.text
    assert "simulator on" not in transcript.text
